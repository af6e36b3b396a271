"""Read plain text or Markdown (Word's "Save as Plain Text", a copy from a web page), and the rules for
numbers typed at the start of a paragraph, which every reader shares.

Each line is a paragraph, except a line that plainly continues the one before (that one ends without
sentence punctuation and this one starts in lower case): text extracted from a PDF is wrapped at the page
width, text saved from Word is not. Markdown headings (``#``), bullets and tables are understood.
"""
from __future__ import annotations

import re
from pathlib import Path

from compact_site.importer.paragraphs import Document, ImportFault, Paragraph

LABELS = [
    re.compile(r"^(\d{1,2}(?:\.\d{1,3})+)\.?\)?\s+(\S.*)$"),        # 1.1  2.10.3
    re.compile(r"^(\d{1,3}[.)])\s+(\S.*)$"),                         # 1.   1)
    re.compile(r"^(\((?:[a-z]{1,2}|[ivx]{1,5}|\d{1,2})\))\s+(\S.*)$"),  # (a)  (iv)  (2)
    re.compile(r"^([a-z][.)])\s+(\S.*)$"),                           # a)  b.
]
BULLET_RE = re.compile(r"^(?:[\u2022\u25aa\u25cf\u00b7\uf0b7\u2013*+-]|o(?=\s))\s+(\S.*)$")
TAG_RE = re.compile(r"</?([a-zA-Z][a-zA-Z0-9]*)\b[^<>]*?/?>")
STRONG = {"strong", "b"}
EMPHASIS = {"em", "i"}


def typed_label(text: str) -> tuple[str, str]:
    """Split a typed number or bullet off the start of a paragraph: ``("2.1", "Text")`` or ``("", text)``."""
    for pattern in LABELS:
        match = pattern.match(text)
        if match:
            return match.group(1), match.group(2)
    bullet = BULLET_RE.match(text)
    if bullet:
        return "\u2022", bullet.group(1)
    return "", text


def html_to_markdown(text: str) -> tuple[str, list[str]]:
    """Tags pasted with the text become Markdown (``<strong>`` bold, ``<em>`` italic, ``<br>`` a space) or go
    (a script or style with its content: it is code, not the document's words); returns the text and the
    names of the tags dropped, for the draft's notes."""
    dropped: list[str] = []

    def swap(match: re.Match) -> str:
        name = match.group(1).lower()
        if name in STRONG:
            return "**"
        if name in EMPHASIS:
            return "*"
        if name in ("span", "font", "u", "a", "sup", "sub", "small"):
            return ""  # inline: the words around it join as they print
        if name in ("br", "p", "div", "li", "tr", "td", "th", "hr"):
            return " "
        dropped.append(name)
        return " "
    if "<" not in text:
        return text, dropped
    def drop_element(match: re.Match) -> str:
        dropped.append(match.group(1).lower())
        return " "
    cleaned = re.sub(r"<(script|style)\b[^>]*>.*?</\1\s*>", drop_element, text, flags=re.IGNORECASE | re.DOTALL)
    cleaned = TAG_RE.sub(swap, cleaned)
    cleaned = re.sub(r"\*\*\s*\*\*", " ", cleaned)  # an empty bold pair left by <b></b>
    cleaned = re.sub(r"\*\*\s+(\S[^*]*?)\s+\*\*", r"**\1**", cleaned)
    return " ".join(cleaned.split()), dropped


def _decode(data: bytes) -> str:
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):  # Word's "Unicode" plain text is UTF-16
        try:
            return data.decode("utf-16")
        except UnicodeDecodeError:
            pass
    if b"\x00" in data[:4096]:
        raise ImportFault("CS702", "the file is not text (it holds binary data)",
                          "Import the Word document (.docx) or PDF itself, or save it from Word as Plain Text "
                          "with the encoding Unicode (UTF-8).")
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError:
        return data.decode("cp1252", errors="replace")  # Word's "Plain Text" on Windows, unless UTF-8 was chosen


def text_paragraphs(text: str) -> list[Paragraph]:
    """Paragraphs of a plain-text or Markdown document."""
    paragraphs: list[Paragraph] = []
    blank = True
    for number, raw in enumerate(text.replace("\r\n", "\n").replace("\r", "\n").split("\n"), start=1):
        line = " ".join(raw.replace("\t", " ").replace("\f", " ").split())
        if not line:
            blank = True
            continue
        where = f"line {number}"
        heading = re.match(r"^(#{1,6})\s+(.*?)\s*#*$", line)
        if heading and heading.group(2):
            paragraphs.append(Paragraph(heading.group(2), kind="heading", level=min(len(heading.group(1)), 3),
                                        where=where))
        elif line.startswith("|") and line.endswith("|") and len(line) > 2:
            cells = [cell.strip() for cell in line.strip("|").split("|")]
            if not all(re.fullmatch(r":?-{2,}:?", cell) for cell in cells):  # the header rule of a table
                paragraphs.append(Paragraph(" ".join(c for c in cells if c), kind="row", cells=cells, where=where))
        else:
            label, rest = typed_label(line)
            previous = paragraphs[-1] if paragraphs else None
            continues = (not blank and previous is not None and previous.kind in ("para", "item") and not label
                         and (line[:1].islower() or previous.text.endswith("-"))
                         and not previous.text.rstrip().endswith((".", ":", "?", "!", ";")))
            if continues:
                # a hyphen at a line end is kept: in saved text it is more often a word's own ("well-being")
                previous.text += ("" if previous.text.endswith("-") else " ") + line
            elif label:
                paragraphs.append(Paragraph(rest, kind="item", label=label, where=where))
            else:
                paragraphs.append(Paragraph(line, where=where))
        blank = False
    return paragraphs


def read_text(path: Path) -> Document:
    """Read a .txt or .md file."""
    try:
        text = _decode(path.read_bytes())
    except OSError as err:
        raise ImportFault("CS701", f"cannot read the file ({err.strerror or err})",
                          "Check the path, and that the file is not open in another program.")
    return Document(text_paragraphs(text), "text file")
