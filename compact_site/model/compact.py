"""The compact: metadata plus its parts, in the order they are published."""
from __future__ import annotations

from typing import Annotated, Any, Iterator, Literal, Optional

from pydantic import BeforeValidator
from pydantic_core import PydanticCustomError

from compact_site.model.base import Id, Label, Node, Number, PartialDate, Text, no_items
from compact_site.model.forms import Form, Procedure
from compact_site.model.people import Partners, PartyDecl, Signatories, SteeringGroup
from compact_site.model.text import Block, Clause, NamedBlock, Principles, Undertakings

PART_NAMES = ("introduction", "purpose", "vision", "outcomes", "about", "objectives", "principles", "undertakings",
              "codes_of_practice", "procedures", "governance", "partners", "steering_group", "signatories", "forms",
              "glossary")
"""The parts of a compact in their default page order (footnotes and editorial notes always come last)."""

FORMAT_VERSION = 1
"""The newest version of the compact format this release reads. Raising it needs a migration from the previous
version in compact_site/content/ (see guide/4-publish.md, 'The format version')."""


def _check_format(value: Any) -> Any:
    """A whole number from 1 to FORMAT_VERSION: a newer one was written for a later release (CS108)."""
    if isinstance(value, int) and not isinstance(value, bool):
        if value > FORMAT_VERSION:
            raise PydanticCustomError("CS108", "version {value} is newer than this compact-site reads (up to "
                                      "{known}): upgrade compact-site", {"value": value, "known": FORMAT_VERSION})
        if value < 1:
            raise PydanticCustomError("CS106", "version {value} does not exist: the first is 1", {"value": value})
    return value


FormatVersion = Annotated[int, BeforeValidator(_check_format)]

Status = Literal["adopted", "draft", "consultation-draft", "superseded", "unknown"]
"""Where the compact stands; 'unknown' when the source does not say."""


class Dates(Node):
    """Dates the source gives; each may be partial (YYYY or YYYY-MM)."""

    adopted: Optional[PartialDate] = None
    """When it was agreed or first adopted."""
    refreshed: Optional[PartialDate] = None
    """When it was last refreshed ('Compact Refresh Date: July 2011')."""
    published: Optional[PartialDate] = None
    """When this text was published or issued for consultation."""
    start: Optional[PartialDate] = None
    """Start of the period it covers ('2014' of 2014-2018)."""
    end: Optional[PartialDate] = None
    """End of the period it covers."""
    review: Optional[PartialDate] = None
    """When it is due for review. Here, and only here, `review` is a date: the dates mapping takes no review
    entries (put an entry about a date on the compact itself)."""


class Source(Node):
    """The document this text was transcribed from."""

    title: Label
    """Its title."""
    format: Optional[Label] = None
    """e.g. 'PDF', 'Word document'."""
    url: Optional[Label] = None
    """Where it was published, if known."""


class Term(Node):
    """A glossary entry."""

    id: Optional[Id] = None
    """Stable id for its anchor `term-<id>`; defaults to the term in lower case with hyphens."""
    term: Label
    """The term as printed ('Commissioning', 'Voluntary and Community Sector (VCS)')."""
    abbreviation: Optional[Label] = None
    """Its abbreviation, if any ('VCS')."""
    aliases: list[Label] = no_items()
    """Other forms that should link to it."""
    definition: Text
    """The definition (Markdown)."""


class Glossary(Node):
    """Terms defined by the compact."""

    heading: Optional[Label] = None
    """Heading as printed ('Section 10 - Glossary of Terms')."""
    intro: Optional[Text] = None
    """Text before the terms."""
    terms: list[Term] = no_items()
    """The terms, in source order."""


class Footnote(Node):
    """A footnote; text refers to it with `[^id]`."""

    id: Id
    """Marker name used in text as `[^id]`."""
    text: Text
    """The footnote's text."""


class Withdrawn(Node):
    """A clause taken out of the compact. Its old anchor and identifier URL show this tombstone."""

    id: Id
    """The id the clause had (never reuse it for another clause)."""
    number: Optional[Number] = None
    """The number it was printed with."""
    date: PartialDate
    """When it was withdrawn."""
    reason: Text
    """Why, in a sentence or two."""


class EditorialNote(Node):
    """What the publisher did to the source text, shown as 'About this text'."""

    kind: Literal["correction", "missing", "wording", "structure"]
    """correction: an extraction fault fixed; missing: something the source lacks or cuts off;
    wording: a source wording kept although it looks wrong; structure: how the text was arranged."""
    text: Text
    """What was done and where. Describe extraction faults; never quote them."""
    applies_to: list[Id] = no_items()
    """Ids of the clauses or sections the note is about. A note also shows on the identifier page of each
    clause it names; a section that the source cuts off after its title needs a `missing` note naming it."""


class Compact(Node):
    """One local compact."""

    format: FormatVersion = 1
    """The version of the compact format the file is written in; leave it out for 1, today's (and only) version.
    A file written for a newer release (a higher number) is refused until compact-site is upgraded. When the
    format changes, files of older versions are brought up to date as they are read, so frozen editions keep
    loading (guide/4-publish.md, 'The format version')."""
    slug: Id
    """The compact's address: the site publishes it at /<slug>/. Must match the file name."""
    title: Label
    """Full title as printed ('Sandwell Compact')."""
    subtitle: Optional[Label] = None
    """Strapline or subtitle as printed."""
    area: Label
    """The place it covers ('Sandwell')."""
    citation_name: Optional[Label] = None
    """The short name in citations of its clauses ('Sandwell' gives 'Sandwell 4.2'); the area when not given."""
    status: Status
    """adopted, draft, consultation-draft, superseded or unknown."""
    superseded_by: Optional[Id] = None
    """The slug of the compact that replaced this one under a new address (with `status: superseded`): both pages
    then link to each other ('Replaced by', 'Replaces'). A later text of the same compact at the same address is
    an edition instead (`compact-site edition freeze`)."""
    version: Optional[Label] = None
    """Version label as printed ('Refresh July 2011', 'Consultation Draft')."""
    dates: Dates = Dates()
    """Adoption, refresh, period and review dates."""
    parties: list[PartyDecl] = no_items()
    """The sectors party to it, named as the source names them."""
    source: Optional[Source] = None
    """The document transcribed."""
    order: list[Label] = no_items()
    """Page order when the source's differs from the default: part names (e.g. 'procedures', 'governance')
    or 'about:<id>' for one passage. Parts not listed follow in the default order."""
    introduction: Optional[Block] = None
    """Introduction."""
    purpose: Optional[Block] = None
    """Purpose or aim."""
    vision: Optional[Block] = None
    """Shared vision."""
    outcomes: Optional[Block] = None
    """Outcomes it aims for."""
    about: list[NamedBlock] = no_items()
    """Other headed passages (context, definitions of the sectors, what the compact is)."""
    objectives: Optional[Block] = None
    """Objectives."""
    principles: Optional[Principles] = None
    """Shared values and principles."""
    undertakings: Optional[Undertakings] = None
    """Sections of undertakings and provisions."""
    codes_of_practice: Optional[Block] = None
    """Codes of practice that accompany it."""
    governance: Optional[Block] = None
    """Monitoring, review, champions, implementation groups."""
    procedures: list[Procedure] = no_items()
    """Procedures, such as resolving disagreements."""
    partners: Optional[Partners] = None
    """Organisations named as partners."""
    steering_group: Optional[SteeringGroup] = None
    """Steering group or implementation group members."""
    signatories: Optional[Signatories] = None
    """Who signed."""
    forms: list[Form] = no_items()
    """Forms to join or sign the compact."""
    glossary: Optional[Glossary] = None
    """Terms defined."""
    footnotes: list[Footnote] = no_items()
    """Footnotes referred to from text with `[^id]`."""
    editorial_notes: list[EditorialNote] = no_items()
    """What was corrected, kept, or is missing: published as 'About this text'."""
    withdrawn: list[Withdrawn] = no_items()
    """Clauses taken out since publication, so links to them say what happened."""

    @property
    def cited_as(self) -> str:
        """The name its clauses are cited by: ``citation_name``, or the area."""
        return self.citation_name or self.area

    def citable(self) -> Iterator[Node]:
        """Everything anchored as ``clause-<id>``: clauses, principles and procedure stages, in page order."""
        yield from self.clauses()
        for procedure in self.procedures:
            yield from procedure.steps

    def clauses(self) -> list[Clause]:
        """Every citable clause in page order (principles, section clauses, undertakings)."""
        found: list[Clause] = list(self.principles.items) if self.principles else []
        for section in self.undertakings.sections if self.undertakings else []:
            found.extend(section.clauses)
            for group in section.groups:
                found.extend(group.clauses)
        return found
