"""Prose blocks, clauses and the sections that hold undertakings."""
from __future__ import annotations

from typing import Annotated, Any, Literal, Optional, Union

from pydantic import BeforeValidator, Field, model_validator
from pydantic_core import PydanticCustomError

from compact_site.model.base import Id, Label, Node, Number, Text, no_items

Reference = Annotated[str, Field(pattern=r"^[a-z0-9]+(?:-[a-z0-9]+)*:[a-z0-9]+(?:[.-][a-z0-9]+)*$")]
"""A clause of a compact, written 'slug:id' (as in a cross-reference, without the brackets)."""

Party = Literal["statutory", "vcs", "private", "all"]
"""Who an undertaking binds: 'all' for "All partners will" or "Statutory Sector and VCS"."""


def _text_item(value: Any) -> Any:
    """A list item may be written as plain text; it means ``{text: ...}``."""
    return {"text": value} if isinstance(value, str) else value


class Item(Node):
    """An entry of a list (an outcome, a code of practice, a vision line)."""

    text: Text
    """The entry's text (Markdown)."""
    number: Optional[Number] = None
    """The number printed beside it, if any."""


ItemOrText = Annotated[Item, BeforeValidator(_text_item, json_schema_input_type=Union[str, Item])]


class Block(Node):
    """A passage of the compact: an optional heading, text, a list, and text after the list."""

    heading: Optional[Label] = None
    """The heading as printed in the source (e.g. 'Section 2 - Shared Vision')."""
    text: Optional[Text] = None
    """Paragraphs before the list (Markdown)."""
    items: list[ItemOrText] = no_items()
    """List entries, each plain text or `{text:, number:}`."""
    numbered: bool = False
    """Show the list as a numbered list."""
    after: Optional[Text] = None
    """Paragraphs after the list (Markdown)."""

    @model_validator(mode="after")
    def _has_content(self) -> "Block":
        if not (self.text or self.items or self.after):
            raise PydanticCustomError("CS106", "a block needs 'text' or 'items'")
        return self


class NamedBlock(Block):
    """A headed passage that does not fit a named field ("What is the Compact?")."""

    id: Id
    """Stable id; the passage's anchor is `about-<id>`."""
    heading: Label
    """The heading as printed in the source."""


class Clause(Node):
    """A citable clause: an undertaking, a principle or a numbered provision."""

    id: Id
    """Permanent id, usually its first published number ('3.4') or e.g. 's4-vcs-1'. Never changes."""
    number: Optional[Number] = None
    """Display number as printed; absent for unnumbered bullets. Renumbering changes only this."""
    title: Optional[Label] = None
    """A name printed with it, e.g. a principle's bold name ('Partnership working')."""
    text: Text
    """The clause's words (Markdown; may hold several paragraphs and lists)."""
    former_ids: list[Id] = no_items()
    """Ids of clauses that were moved or merged into this one: their old anchors and identifier URLs land
    here, and the clause shows "formerly ..."."""
    former_numbers: list[Number] = no_items()
    """Numbers this clause was printed with before it was renumbered (its id stays): shown as "formerly 3.4"."""
    see_also: list[Reference] = no_items()
    """Clauses elsewhere that say the same, as 'slug:id' (e.g. 'southampton:1.1'): listed first under
    "Similar undertakings", before computed matches (an explicit link wins)."""
    derived_from: list[Reference] = no_items()
    """Clauses this one was adapted from, as 'slug:id' (e.g. a national Compact's clause); shown the same way."""


class Group(Node):
    """Undertakings of one party within a section, under the heading the source gives them."""

    party: Party
    """Whose undertakings: statutory, vcs, private, or all."""
    heading: Optional[Label] = None
    """The group heading as printed ('The VCS will:-', 'Undertakings for Public Bodies and Agencies:')."""
    intro: Optional[Text] = None
    """Text between the heading and the clauses."""
    clauses: list[Clause] = Field(min_length=1)
    """The undertakings, in order."""


class Section(Node):
    """A section of undertakings or provisions ('2. A strong, diverse and independent civil society')."""

    id: Id
    """Permanent id; the section's anchor is `section-<id>`."""
    number: Optional[Number] = None
    """Section number as printed."""
    title: Label
    """Section title as printed, without its number."""
    intro: Optional[Text] = None
    """Text before the clauses (e.g. 'This principle acknowledges ...')."""
    clauses: list[Clause] = no_items()
    """Clauses that bind no particular party (numbered provisions such as Westminster 0.1-0.10)."""
    groups: list[Group] = no_items()
    """Undertakings grouped by party."""
    after: Optional[Text] = None
    """Text after the clauses."""

    # A section with only a title is checked with the compact's editorial notes (checks.check_notes): it is
    # allowed when a note of kind 'missing' says the source cuts it off.

    def title_only(self) -> bool:
        """Whether the section has nothing but its title (a source cut off mid-document)."""
        return not (self.clauses or self.groups or self.intro)


class Undertakings(Node):
    """The body of the compact: its sections."""

    heading: Optional[Label] = None
    """Heading over all sections, as printed ('Section 4 - Undertakings')."""
    intro: Optional[Text] = None
    """Text before the first section."""
    sections: list[Section] = Field(min_length=1)
    """The sections, in order."""


class Principles(Node):
    """Shared values or principles, each citable: a list, or a table of principle and description."""

    heading: Optional[Label] = None
    """Heading as printed ('Section 3 - Shared Values and Principles')."""
    intro: Optional[Text] = None
    """Text before the principles."""
    after_clause: Optional[Id] = None
    """Show the principles right after this clause (e.g. '0.4' when the source prints them there)."""
    layout: Literal["list", "table"] = "list"
    """'table' shows name and description side by side (as Westminster prints them)."""
    items: list[Clause] = Field(min_length=1)
    """The principles; give each a `title` (its name) and `text`."""
    after: Optional[Text] = None
    """Text after the principles."""

    @model_validator(mode="after")
    def _table_needs_titles(self) -> "Principles":
        if self.layout == "table" and any(item.title is None for item in self.items):
            raise PydanticCustomError("CS106", "a principles table needs a 'title' on every item")
        return self
