"""The block model of a document, and how it is written as pandoc Markdown (Step A's output).

A document is a list of blocks (headings, paragraphs, lists, clauses, tables, forms) with its text already
in pandoc's inline Markdown. Two Markdown variants are written from one model:

* ``word``: what a Word author types. Clause numbers are *not* in the text: clauses are ordered lists, and
  the numbering Word prints is applied afterwards by ``corpus_docx`` from the model's numbering plan. Lists and
  headings that Word numbers carry marker ids (``n-…`` on a heading, a ``c-…`` div round a clause list), which
  pandoc writes as bookmarks; ``corpus_docx`` finds them, numbers those paragraphs and removes the bookmarks.
* ``print``: the same document as Word would print it, the numbers typed (``[1.1]{.num}``), for the PDF.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field


@dataclass
class Item:
    """One list item: its text, its printed number (clauses only), and any paragraphs that continue it."""
    text: str
    num: str | None = None
    more: list[str] = field(default_factory=list)


@dataclass
class Block:
    kind: str                 # heading | para | lines | bullets | olist | clauses | table | form | toc
    text: str = ""
    level: int = 1            # heading level
    num: str | None = None    # heading: number Word prints ("1", "0.1"); typed: in the text already
    typed: bool = False
    items: list[Item] = field(default_factory=list)
    start: int = 1            # olist: first number
    rows: list[list[str]] = field(default_factory=list)
    widths: tuple[int, ...] = ()


@dataclass
class Doc:
    slug: str
    source: str               # file name under the source-documents folder
    title: str
    short_title: str          # the PDF's running header
    subtitle: str = ""
    blocks: list[Block] = field(default_factory=list)
    notes: dict[str, str] = field(default_factory=dict)   # footnote number -> text
    scheme: str = "plain"     # how Word numbers headings and clauses: see corpus_docx.SCHEMES
    clause_style: str = ""    # a paragraph style for clause paragraphs ("" = pandoc's list style)
    party_style: str = ""     # how party headings are set, for the README
    hyphenate: bool = False   # the PDF gets soft hyphens (line-end hyphenation to repair)


class Builder:
    """Appends blocks, merging list items into the list before them."""

    def __init__(self) -> None:
        self.blocks: list[Block] = []
        self.pending: list[str] = []   # paragraphs that may continue the last list item (see sandwich())

    def add(self, block: Block) -> None:
        self.flush()
        self.blocks.append(block)

    def heading(self, level: int, text: str, num: str | None = None, typed: bool = False) -> None:
        self.add(Block("heading", text, level=level, num=num, typed=typed))

    def para(self, text: str) -> None:
        self.add(Block("para", text))

    def item(self, kind: str, text: str, num: str | None = None, start: int = 1) -> None:
        """A list item: bullets, olist or clauses. Paragraphs held by sandwich() become its list's last item's."""
        last = self.blocks[-1] if self.blocks else None
        if self.pending and last is not None and last.kind == kind:
            last.items[-1].more.extend(self.pending)
            self.pending = []
        self.flush()
        last = self.blocks[-1] if self.blocks else None
        if last is None or last.kind != kind:
            last = Block(kind, start=start)
            self.blocks.append(last)
        last.items.append(Item(text, num))

    def sandwich(self, text: str) -> None:
        """A paragraph after a list item: it continues that item if the same list goes on after it."""
        if self.blocks and self.blocks[-1].kind in ("bullets", "clauses"):
            self.pending.append(text)
        else:
            self.para(text)

    def flush(self) -> None:
        pending, self.pending = self.pending, []
        for text in pending:
            self.blocks.append(Block("para", text))

    def done(self) -> list[Block]:
        self.flush()
        return self.blocks


# --- inline text -----------------------------------------------------------------------------------------

FOOTNOTE = "\x00{}\x00"          # a footnote reference, until the text is escaped


def escape(text: str) -> str:
    """Plain source text as pandoc Markdown inline text."""
    text = re.sub(r"([\\`*_\[\]<>#@~^$|])", r"\\\1", text)
    return re.sub("\x00(\\d+)\x00", r"[^\1]", text)


def from_markdown(text: str) -> str:
    """Inline text of a Markdown source: its emphasis kept, its extraction markup (underline tags, empty
    links) dropped, and characters that would mean something else to pandoc escaped."""
    text = re.sub(r"</?u>", "", text)
    text = re.sub(r"\[([^\]]+)\]\(#\)", r"\1", text)
    text = re.sub(r"([\\`<>@~^$|\[\]])", r"\\\1", text)
    return text


def plain(text: str) -> str:
    """Inline Markdown back to its words (for headers, checks and labels)."""
    text = re.sub(r"\[\^\d+\]", "", text)
    text = re.sub(r"\\(.)", r"\1", text)
    return re.sub(r"[*_]+", "", text)


def _guard(text: str) -> str:
    """Stop a paragraph that starts like a list marker or heading from being read as one."""
    return re.sub(r"^(\d+)([.)])(\s)", r"\1\\\2\3", re.sub(r"^([-+#])(\s)", r"\\\1\2", text))


# --- Markdown ---------------------------------------------------------------------------------------------

def markdown(doc: Doc, variant: str) -> str:
    """The document as pandoc Markdown; variant "word" (numbers left to Word) or "print" (numbers typed)."""
    assert variant in ("word", "print")
    out = ["---", f"title: {_yaml(doc.title)}"]
    if doc.subtitle:
        out.append(f"subtitle: {_yaml(doc.subtitle)}")
    out += ["lang: en-GB", "---", ""]
    region = 0
    for label, block in zip(labels(doc), doc.blocks):
        k = block.kind
        if k == "heading":
            text = block.text
            if block.num and not block.typed:
                if variant == "word":
                    text += " {#n-" + block.num.replace(".", "-") + "}"
                else:
                    text = f"[{label[0]}]{{.num}} {text}"
            out += ["#" * block.level + " " + text, ""]
        elif k == "para":
            out += [_guard(block.text), ""]
        elif k == "lines":
            lines = block.text.split("\n")
            out += [" \\\n".join([_guard(lines[0]), *lines[1:]]), ""]
        elif k in ("bullets", "olist"):
            for n, item in enumerate(block.items):
                marker = "-  " if k == "bullets" else f"{block.start + n}. "
                out += _item(marker, item)
            out.append("")
        elif k == "clauses":
            region += 1
            if variant == "word":
                out.append(f"::: {{#c-{region}}}")
                if doc.clause_style:
                    out.append(f'::: {{custom-style="{doc.clause_style}"}}')
                for n, item in enumerate(block.items):
                    out += _item(f"{n + 1}. ", item)
                out += [":::"] * (2 if doc.clause_style else 1)
                out.append("")
            else:
                for item, num in zip(block.items, label):
                    out += ["::: {.clause}", f"[{num}]{{.num}} {item.text}", ""]
                    for more in item.more:
                        out += [more, ""]
                    out += [":::", ""]
        elif k in ("table", "form"):
            out += _table(block), ""
        elif k == "toc":
            if variant == "word":
                out += ['::: {custom-style="TOC Heading"}', block.text, ":::", "", "TOCPLACEHOLDER", ""]
            else:
                out += ["::: {.toc}", "", f"[{block.text}]{{.toc-title}}", ""]
                for entry, page in block.rows:
                    out += [f"[{_guard(entry)}]{{.entry}}[]{{.leader}}[{page}]{{.page}}", ""]
                out += [":::", ""]
    for n, text in sorted(doc.notes.items(), key=lambda kv: int(kv[0])):
        out += [f"[^{n}]: {text}", ""]
    return "\n".join(out).rstrip() + "\n"


def _item(marker: str, item: Item) -> list[str]:
    pad = " " * len(marker)
    lines = [marker + item.text]
    for more in item.more:
        lines += ["", pad + more]
    if item.more:
        lines.append("")
    return lines


def _table(block: Block) -> str:
    widths = block.widths or (1,) * len(block.rows[0])
    rule = "|" + "|".join("-" * (6 * w) for w in widths) + "|"
    head = "|" + "|".join(" " for _ in widths) + "|"
    body = ["| " + " | ".join(cell or " " for cell in row) + " |" for row in block.rows]
    return "\n".join([head, rule, *body])


def _yaml(text: str) -> str:
    return '"' + plain(text).replace("\\", "\\\\").replace('"', '\\"') + '"'


def labels(doc: Doc) -> list[list[str]]:
    """For each block, the numbers Word prints for it, in order ("1.", "1.1", …); [] if none.

    A numbered heading prints its number with a full stop when it is a single number ("1."), as the
    sources print them, and without when it has parts ("0.1"); clauses print theirs as they are ("1.1").
    """
    out = []
    for block in doc.blocks:
        if block.kind == "heading" and block.num and not block.typed:
            out.append([block.num + ("." if "." not in block.num else "")])
        elif block.kind == "olist":
            out.append([f"{block.start + n}." for n in range(len(block.items))])
        elif block.kind == "clauses":
            out.append([item.num for item in block.items])
        else:
            out.append([])
    return out


def numbered(doc: Doc) -> list[tuple[str, str]]:
    """Every paragraph Word numbers, in order: (printed number, its text's words)."""
    out = []
    for label, block in zip(labels(doc), doc.blocks):
        if block.kind == "heading" and label:
            out.append((label[0], plain(block.text)))
        elif block.kind in ("olist", "clauses"):
            out += [(num, plain(item.text)) for num, item in zip(label, block.items)]
    return out
