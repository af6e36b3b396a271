"""First pass over the paragraphs: clean them, find the title and the contents list, and cut the document
into parts at its headings. Nothing is dropped here except what is listed as left out."""
from __future__ import annotations

import re
from dataclasses import dataclass, field

from compact_site.importer import shapes
from compact_site.importer.from_text import html_to_markdown, typed_label
from compact_site.importer.paragraphs import Document, LeftOut, Paragraph

CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x84\x86-\x9f\ufffe\uffff]")
FOOTNOTE_REF = re.compile(r"\[footnoteRef:(\d+)\]")
FOOTNOTE_DEF = re.compile(r"\[(\d{1,3}):\s+([^\[\]]+)(?:\]|$)")  # closed, or running to the line end


@dataclass
class Part:
    """A heading and the paragraphs under it (the heading is None for text before the first heading)."""

    heading: Paragraph | None
    number: str = ""
    title: str = ""
    special: str | None = None  # 'glossary' or 'signatories'
    body: list[int] = field(default_factory=list)  # indexes into the paragraph list


def clean(document: Document) -> list[str]:
    """Mend each paragraph in place: pasted HTML tags, footnote markers of a text extraction, typed numbers.
    Returns notes for the officer."""
    notes, dropped = [], set()
    kept = []
    for paragraph in document.paragraphs:
        paragraph.text = CONTROL.sub("", paragraph.text)  # copied out of PDFs; YAML cannot hold them
        paragraph.text, tags = html_to_markdown(paragraph.text)
        dropped.update(tags)
        paragraph.text = FOOTNOTE_REF.sub(r"[^\1]", paragraph.text)
        for definition in FOOTNOTE_DEF.finditer(paragraph.text):  # "[2: Social value …]", as Word exports them
            document.footnotes[definition.group(1)] = " ".join(definition.group(2).split())
        paragraph.text = FOOTNOTE_DEF.sub(" ", paragraph.text).strip()
        bold = re.fullmatch(r"\*\*([^*]+)\*\*:?", paragraph.text)
        if paragraph.kind == "para" and bold and shapes.title_like(bold.group(1), 14):
            paragraph.kind, paragraph.level, paragraph.text = "heading", 2, bold.group(1)  # a bold line: a heading
        if paragraph.kind == "para":
            label, rest = typed_label(paragraph.text)
            if label:
                paragraph.kind, paragraph.label, paragraph.text = "item", label, rest
        elif paragraph.kind == "heading" and not paragraph.label:
            label, rest = typed_label(shapes.plain(paragraph.text))
            if re.fullmatch(r"\d{1,2}\.\d{1,3}", label):  # a typed "0.1 Partners" heading (a PDF's)
                paragraph.label, paragraph.text = label, rest
        if paragraph.text.strip():
            kept.append(paragraph)
    document.paragraphs[:] = kept
    _number_footnotes(document)
    _plain_headings(kept)
    if dropped:
        notes.append("HTML tags in the text were dropped: " + ", ".join(f"<{tag}>" for tag in sorted(dropped)))
    return notes


def _number_footnotes(document: Document) -> None:
    """Footnotes renumbered 1, 2, 3 in the order the text refers to them (Word's own ids are arbitrary)."""
    order: dict[str, str] = {}
    for paragraph in document.paragraphs:
        for marker in re.findall(r"\[\^([A-Za-z0-9]+)\]", paragraph.text):
            if marker in document.footnotes and marker not in order:
                order[marker] = str(len(order) + 1)
    if not order or all(old == new for old, new in order.items()):
        return
    def renumber(text: str) -> str:
        return re.sub(r"\[\^([A-Za-z0-9]+)\]", lambda m: f"[^{order.get(m.group(1), m.group(1))}]", text)
    for paragraph in document.paragraphs:
        paragraph.text = renumber(paragraph.text)
        paragraph.cells = [renumber(cell) for cell in paragraph.cells]
    unreferenced = {key: text for key, text in document.footnotes.items() if key not in order}
    document.footnotes = {order[key]: document.footnotes[key] for key in order}
    for key, text in unreferenced.items():  # kept (never lost); validate warns that nothing refers to it
        document.footnotes[str(len(document.footnotes) + 1)] = text


def _plain_headings(paragraphs: list[Paragraph]) -> None:
    """In a document without heading styles, a short line standing alone before a longer paragraph is a
    heading: not one of a run of short lines (a list of names), and not a line ending like a sentence."""
    short = [p.kind == "para" and shapes.title_like(p.text, 12) and not p.text.endswith(":") for p in paragraphs]
    for index, paragraph in enumerate(paragraphs):
        if not short[index] or (index and short[index - 1]):
            continue
        following = paragraphs[index + 1] if index + 1 < len(paragraphs) else None
        if following is not None and not short[index + 1] and following.kind in ("para", "item") and \
                len(following.text.split()) > 12 or (following is not None and following.kind == "item"):
            paragraph.kind, paragraph.level = "heading", 2


def find_title(paragraphs: list[Paragraph], left_out: list[LeftOut]) -> tuple[str, int]:
    """The title (the first heading-like line that is not a date or viewer artefact) and the index after it.
    Artefacts before it are listed as a left-out cover page."""
    cover: list[str] = []
    for index, paragraph in enumerate(paragraphs[:12]):
        if shapes.is_artefact(paragraph.text):
            cover.append(paragraph.text)
            continue
        if paragraph.kind == "heading" or shapes.title_like(paragraph.text, 16):
            if cover:
                left_out.append(LeftOut("cover page lines", len(cover), "lines", cover))
            del paragraphs[:index]  # only artefacts stood before it, and they are listed
            return shapes.plain(paragraph.text), 1
        break
    return "", 0


def _contents(paragraphs: list[Paragraph], start: int, left_out: list[LeftOut]) -> int:
    """Skip a contents list that starts at ``start`` (its heading); returns the index after it."""
    later = {shapes.plain(p.text).lower() for p in paragraphs if p.kind == "heading"}
    index = start + 1
    lines = [paragraphs[start].text]
    while index < len(paragraphs):
        text = shapes.plain(paragraphs[index].text)
        bare = re.sub(r"(\s*\.{2,}\s*|\s+)\d{1,3}$", "", text).strip()
        entry = bare != text or bare.lower() in later or \
            (paragraphs[index].label and f"{bare}".lower() in later)
        if not entry or paragraphs[index].kind == "heading":
            break
        lines.append(paragraphs[index].text)
        index += 1
    if len(lines) > 1:
        for skipped in paragraphs[start:index]:
            skipped.left_out = True
        left_out.append(LeftOut("contents list", len(lines), "lines", lines))
        return index
    return start  # a heading called "Contents" with no list after it is kept


def _is_section_item(paragraphs: list[Paragraph], index: int) -> bool:
    """A short numbered item that heads what follows ("1. Funding" then "1.1 …") rather than a list entry."""
    paragraph = paragraphs[index]
    if paragraph.kind != "item" or not re.fullmatch(r"\d{1,2}[.)]?", paragraph.label):
        return False
    if not shapes.title_like(paragraph.text, 12):
        return False
    number, style = int(re.match(r"\d+", paragraph.label).group(0)), paragraph.label[-1:]

    def sibling(other: Paragraph | None, step: int) -> bool:
        """The item before (step -1) or after (+1) in the same list: same level, style and next number."""
        match = re.fullmatch(r"(\d{1,2})([.)]?)", other.label or "") if other is not None else None
        return bool(match and other.kind == "item" and other.level == paragraph.level and
                    other.label[-1:] == style and int(match.group(1)) == number + step)
    following = paragraphs[index + 1] if index + 1 < len(paragraphs) else None
    return not sibling(following, 1) and not (index and sibling(paragraphs[index - 1], -1))


def parts(paragraphs: list[Paragraph], start: int, left_out: list[LeftOut]) -> list[Part]:
    """Cut the paragraphs (from ``start``) into parts at headings."""
    found = [Part(None)]
    index = start
    while index < len(paragraphs):
        paragraph = paragraphs[index]
        text = shapes.plain(paragraph.text)
        special = shapes.special_heading(text) if paragraph.kind == "heading" or shapes.title_like(text, 6) else None
        if special == "contents":
            after = _contents(paragraphs, index, left_out)
            if after != index:
                index = after
                continue
            listed = next((item for item in left_out if item.what == "contents list"), None)
            if listed is not None:  # Word's own contents list was left out already: its heading goes with it
                paragraph.left_out = True
                listed.count += 1
                listed.text.insert(0, paragraph.text)
                index += 1
                continue
            special = None
        typed = shapes.section_heading(text) if paragraph.kind in ("heading", "para") else None
        if paragraph.kind == "heading" and shapes.party_of(text):
            paragraph.kind = "para"  # a party heading styled as a heading stays inside its section
        if paragraph.kind == "heading" and found[-1].special == "glossary" and not typed and not special:
            paragraph.kind = "para"  # a term on a line of its own, its definition below it
        if paragraph.kind == "heading" and found[-1].number and \
                re.fullmatch(rf"{re.escape(found[-1].number)}\.\d{{1,3}}[.)]?", paragraph.label):
            # "0.1 Partners to the Compact" under "0. Introduction": a numbered provision with a title
            paragraph.kind, paragraph.level, paragraph.titled = "item", 0, True
        if paragraph.kind == "heading" or typed or _is_section_item(paragraphs, index) or \
                (special and paragraph.kind != "item"):
            number, title = typed if typed else (paragraph.label.rstrip(".)"), text)
            if paragraph.kind == "heading" and paragraph.label:
                number = paragraph.label.rstrip(".)")
            found.append(Part(paragraph, number=number, title=title, special=special))
        else:
            found[-1].body.append(index)
        index += 1
    return found
