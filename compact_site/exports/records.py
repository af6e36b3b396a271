"""The export format as typed records: the JSON files are dumps of these, and the published JSON Schema
(``schema/export.schema.json``) is generated from them, so the format, its documentation and its schema
cannot drift apart. Every key is always present (``null`` or ``[]`` when there is nothing), so a program
reading an export never has to ask whether a key exists.
"""
from __future__ import annotations

from typing import Literal, Optional

from pydantic import BaseModel, ConfigDict, Field, create_model

from compact_site.core.registers import FIELD_DOCS, FIELDS

FORMAT_VERSION = 1
"""Raised when a key is removed or changes meaning; adding a key does not raise it."""


class Record(BaseModel):
    # populate_by_name: fields whose JSON key would shadow a pydantic method ("json", "schema") use an alias.
    model_config = ConfigDict(extra="forbid", frozen=True, use_attribute_docstrings=True, populate_by_name=True)


# One register row, built from the registers' own field set and descriptions (registers.FIELDS / FIELD_DOCS),
# so a row here is exactly a row of signatories.json.
RegisterRow = create_model(
    "RegisterRow", __base__=Record,
    **{name: (str, Field(description=FIELD_DOCS[name])) for name in FIELDS})
RegisterRow.__doc__ = "A signatory, partner or steering-group seat, with the registers' field set."


class Dates(Record):
    """Dates the source gives, each YYYY, YYYY-MM or YYYY-MM-DD as precise as the source is."""

    adopted: Optional[str]
    refreshed: Optional[str]
    published: Optional[str]
    start: Optional[str]
    end: Optional[str]
    review: Optional[str]


class Party(Record):
    """A sector party to the compact, named as the source names it."""

    sector: Literal["statutory", "vcs", "private"]
    name: str


class SectionRef(Record):
    """The section (or, for a stage, the procedure) a clause belongs to."""

    id: str
    """Its permanent id."""
    number: Optional[str]
    """Its printed number, if any."""
    title: str
    """Its title or heading as printed."""


class Reference(Record):
    """A cross-reference written in the clause's text as ``[[id]]`` or ``[[compact:id]]``."""

    compact: str
    """Slug of the compact referred to (``glossary`` for a glossary term)."""
    id: str
    """Clause id (or term id) referred to."""


class Clause(Record):
    """A citable clause: a principle, a provision, an undertaking or a stage of a procedure."""

    id: str
    """Permanent id; never changes, even when the clause is renumbered."""
    number: Optional[str]
    """Number as printed; may change when the compact is renumbered."""
    title: Optional[str]
    """Name printed with it (a principle's name, a stage's title)."""
    kind: Literal["principle", "provision", "undertaking", "stage"]
    """principle (shared values), provision (a section clause binding no particular party), undertaking
    (a commitment of one party group), stage (a step of a procedure)."""
    party: Optional[Literal["statutory", "vcs", "private", "all"]]
    """Whose undertaking it is (all: every partner); null for principles, provisions and stages."""
    section: Optional[SectionRef]
    """Its section (for a stage: its procedure); null for principles."""
    citation: str
    """How to cite it ('Sandwell 4.2')."""
    text_markdown: str
    """Its words as written in the content file: Markdown, with cross-references as ``[[id]]`` and footnote
    markers as ``[^id]``."""
    text_plain: str
    """Its words as plain text: references shown as their citations, footnote markers left out."""
    references: list[Reference]
    """Cross-references in its text, in order."""
    footnotes: list[str]
    """Ids of the footnotes its text refers to (see the compact's ``footnotes``)."""
    anchor: str
    """HTML anchor on the compact's page: ``clause-<id>``."""
    anchor_url: str
    """The clause on its compact's page, or on its edition's page in a frozen edition's export (absolute, or
    root-relative when no site URL was given)."""
    identifier_url: str
    """The clause's permanent page, ``<compact>/clause/<id>/``; keeps working when the page is reorganised (the
    same in every edition: it shows the clause as it is now, or says where it went)."""
    akn_eid: str
    """The clause's eId in the Akoma Ntoso export."""
    former_ids: list[str]
    """Ids of clauses moved or merged into this one; their old anchors and identifier URLs land here."""
    former_numbers: list[str]
    """Numbers it was printed with before it was renumbered."""


class Withdrawn(Record):
    """A clause taken out of the compact; its old anchor and identifier URL show what happened."""

    id: str
    number: Optional[str]
    date: Optional[str]
    """When it was withdrawn (YYYY, YYYY-MM or YYYY-MM-DD)."""
    reason_markdown: Optional[str]
    reason_plain: Optional[str]
    anchor: str
    anchor_url: str
    identifier_url: str


class Term(Record):
    """A glossary term."""

    id: str
    """Stable id; its anchor is ``term-<id>``."""
    term: str
    abbreviation: Optional[str]
    aliases: list[str]
    definition_markdown: str
    definition_plain: str
    anchor: str
    url: str
    """The term on its glossary page."""


class Footnote(Record):
    id: str
    text_markdown: str
    text_plain: str


class Source(Record):
    """The document the text was transcribed from."""

    title: str
    format: Optional[str]
    url: Optional[str]


class CompactInfo(Record):
    """The compact's metadata."""

    slug: str
    """Its short name; the compact is published at ``/<slug>/``."""
    title: str
    subtitle: Optional[str]
    area: str
    status: str
    """adopted, draft, consultation-draft, superseded or unknown."""
    version: Optional[str]
    dates: Dates
    parties: list[Party]
    source: Optional[Source]
    url: str
    """The compact's page (in a frozen edition's export: that edition's page)."""


class Files(Record):
    """Where this compact's exports are published."""

    json_url: str = Field(alias="json")
    akn: str
    """Akoma Ntoso 3.0 XML."""
    schema_url: str = Field(alias="schema")
    """The JSON Schema of this format."""


class Edition(Record):
    """One edition of a compact: a frozen text (``content/editions/<slug>/<date>.yml``) or the current text."""

    date: Optional[str]
    """A frozen edition's date (YYYY-MM-DD); the current text's newest stated date (refreshed, adopted or
    published; YYYY, YYYY-MM or YYYY-MM-DD), null when it states none."""
    label: Optional[str]
    """Its name ('2016 refresh'); for the current text, its ``version``."""
    status: str
    """The compact's status in that edition."""
    current: bool
    """Whether it is the current text (the last of the list)."""
    url: str
    """Its page: the compact's page for the current text, ``<compact>/<date>/`` for a frozen edition."""
    files: Files
    """Its exports: each edition is exported as its own expression, beside its page."""


class CompactExport(Record):
    """One compact, or one frozen edition of it: metadata, every citable clause, glossary and register."""

    kind: Literal["compact"]
    format_version: Literal[1]
    compact: CompactInfo
    files: Files
    edition: Edition
    """The edition this file holds (the current text in ``<compact>/compact.json``)."""
    editions: list[Edition]
    """Every edition of the compact, oldest first, the current text last (one, for a compact never frozen)."""
    clauses: list[Clause]
    """Every citable clause in page order: principles, section clauses, undertakings, procedure stages."""
    withdrawn: list[Withdrawn]
    glossary: list[Term]
    """Terms the compact itself defines."""
    footnotes: list[Footnote]
    register_rows: list[RegisterRow] = Field(alias="register")  # type: ignore[valid-type]
    """Signatories, then partners, then steering-group members, in source order."""


class Counts(Record):
    clauses: int
    principles: int
    provisions: int
    undertakings: int
    stages: int
    withdrawn: int
    terms: int
    signatories: int
    partners: int
    steering_group: int


class CompactSummary(Record):
    slug: str
    title: str
    area: str
    status: str
    url: str
    counts: Counts
    files: Files
    editions: list[Edition]
    """Every edition, oldest first, the current text last (as in the compact's own export)."""


class SiteGlossary(Record):
    heading: Optional[str]
    intro_markdown: Optional[str]
    terms: list[Term]


class SiteIndex(Record):
    """The site-wide index: every compact with its counts and exports, and the site glossary."""

    kind: Literal["site-index"]
    format_version: Literal[1]
    site_url: Optional[str]
    """The site's address, or null when the URLs are root-relative."""
    schema_url: str = Field(alias="schema")
    compacts: list[CompactSummary]
    glossary: SiteGlossary
