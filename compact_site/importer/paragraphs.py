"""What every reader hands on: the document as paragraphs in reading order, plus what it left out."""
from __future__ import annotations

from dataclasses import dataclass, field
from typing import Literal

Kind = Literal["heading", "para", "item", "row"]


@dataclass
class Paragraph:
    """One paragraph of the document as it would print.

    ``label`` is the number or bullet printed before it (``1.1``, ``(a)``, ``•``), computed by Word's numbering
    or typed; ``text`` is the rest, with bold written as Markdown ``**bold**``. ``level`` is the heading level
    (1-3) for headings, the list level (0-8) for items. ``where`` says where it stands in the file, for the
    review page ("page 3", "paragraph 41").
    """

    text: str
    kind: Kind = "para"
    level: int = 0
    label: str = ""
    where: str = ""
    cells: list[str] = field(default_factory=list)  # a table row's cells (text is them joined)
    numbered_by_word: bool = False  # the label came from Word's numbering, not typed text
    titled: bool = False  # a numbered heading such as "0.1 Partners": a clause whose text follows it
    left_out: bool = False  # listed as left out on purpose (a contents list): not looked for in the draft


@dataclass
class LeftOut:
    """Something the reader leaves out on purpose, counted in the coverage line."""

    what: str  # 'contents list', 'running header "Compact 2011"'
    count: int
    unit: str  # 'lines', 'pages'
    text: list[str] = field(default_factory=list)  # what was left out, for the review page

    def describe(self) -> str:
        return f"{self.what} ({self.count} {self.unit if self.count != 1 else self.unit.rstrip('s')})"


@dataclass
class Document:
    """A document read for import."""

    paragraphs: list[Paragraph]
    kind: str  # 'Word document', 'PDF', 'text file'
    left_out: list[LeftOut] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)  # things the officer should know (tracked changes, ...)
    footnotes: dict[str, str] = field(default_factory=dict)  # marker id -> text; text refers to them as [^id]


class ImportFault(Exception):
    """A file the import cannot draft from: carries an error code of the catalogue and a fix in plain words."""

    def __init__(self, code: str, message: str, fix: str = "") -> None:
        super().__init__(message)
        self.code, self.message, self.fix = code, message, fix
