"""Read a PDF's text layer: lines rebuilt from word positions, then paragraphs, headings and list items.

pdfplumber gives every word with its position, font and size. From those: running headers, footers and
page numbers are dropped because they repeat at the same place page after page (and listed as left out);
words hyphenated at a line end are joined again (the hyphen stays where both halves are words of their own,
as in "well-being"); ligature characters (ﬁ, ﬂ) become their letters; a line in a larger or bold font is a
heading; a gap larger than the line spacing ends a paragraph. Single-column reading order: top to bottom.
"""
from __future__ import annotations

import re
import statistics
from collections import Counter, defaultdict
from pathlib import Path

from compact_site.importer.from_text import typed_label
from compact_site.importer.paragraphs import Document, ImportFault, LeftOut, Paragraph
from compact_site.importer.pdf_layout import Line, page_lines

LIGATURES = {"\ufb00": "ff", "\ufb01": "fi", "\ufb02": "fl", "\ufb03": "ffi", "\ufb04": "ffl", "\ufb05": "st",
             "\ufb06": "st"}
EDGE = 0.1  # the top and bottom tenth of a page, where running headers and footers print
PAGE_NUMBER = re.compile(r"^(?:page\s*)?#+(?:\s*(?:of|/)\s*#+)?$", re.IGNORECASE)
HYPHENS = ("-", "\u2010", "\u00ad")


def _fix(text: str) -> str:
    """Ligatures as letters; soft hyphens inside a word dropped (one at its end marks a line break)."""
    for ligature, letters in LIGATURES.items():
        text = text.replace(ligature, letters)
    return re.sub("\u00ad(?=.)", "", text)


def _open_lines(path: Path) -> tuple[list[list[Line]], list[float], list[int]]:
    import pdfplumber
    from pdfminer.pdfdocument import PDFPasswordIncorrect
    try:
        pdf = pdfplumber.open(str(path))
    except Exception as err:
        cause = err.__cause__ or err.__context__ or err
        if isinstance(err, PDFPasswordIncorrect) or isinstance(cause, PDFPasswordIncorrect) or \
                "password" in repr(err).lower():
            raise ImportFault("CS706", "the PDF is protected by a password",
                              "Import the Word document it was made from, or save the PDF again without a "
                              "password (you need the password to do that).")
        raise ImportFault("CS705", f"the PDF could not be opened ({type(err).__name__})",
                          "Open it in a PDF reader and save or print it again as PDF, or import the Word "
                          "document it was made from.")
    pages, heights, two_columns = [], [], []
    try:
        with pdf:
            for number, page in enumerate(pdf.pages, start=1):
                heights.append(float(page.height))
                lines, two = page_lines(page, number, _fix)
                if two:
                    two_columns.append(number)
                pages.append(lines)
    except ImportFault:
        raise
    except Exception as err:
        raise ImportFault("CS705", f"the PDF could not be read ({type(err).__name__})",
                          "Print it again to PDF, or import the Word document it was made from.")
    return pages, heights, two_columns


def _drop_running(pages: list[list[Line]], heights: list[float], body_size: float
                  ) -> tuple[list[list[Line]], list[LeftOut]]:
    """Drop lines that repeat near the top or bottom of the pages, and page numbers; say what went. A line in
    a larger font than the body is never dropped: it is the title, printed high on the first page."""
    if len(pages) < 2:
        return pages, []
    shape = lambda line: re.sub(r"\d+", "#", line.text.strip().lower())
    seen: dict[str, set[int]] = defaultdict(set)
    for lines, height in zip(pages, heights):
        for line in lines:
            if line.top < height * EDGE or line.bottom > height * (1 - EDGE):
                seen[shape(line)].add(line.page)
    running = {key for key, on in seen.items() if len(on) >= max(2, len(pages) * 0.4) or
               (PAGE_NUMBER.match(key) and len(on) >= 2)}
    left: dict[str, LeftOut] = {}
    kept = []
    for lines, height in zip(pages, heights):
        page_kept = []
        for line in lines:
            key = shape(line)
            at_edge = line.top < height * EDGE or line.bottom > height * (1 - EDGE)
            if at_edge and key in running and line.size <= body_size * 1.1:
                where = "running header" if line.top < height * EDGE else "running footer"
                # named by its first printing ("Page 1 of 9" and "Page 2 of 9" are one footer)
                what = "page numbers" if PAGE_NUMBER.match(key) else f'{where} "{line.text.strip()}"'
                entry = left.get(key) or left.setdefault(key, LeftOut(what, 0, "pages"))
                entry.count += 1
                entry.text.append(line.text)
            else:
                page_kept.append(line)
        kept.append(page_kept)
    return kept, list(left.values())


def _vocabulary(lines: list[Line]) -> tuple[Counter, set[str]]:
    """Words and hyphenated compounds the document prints whole, leaving out the pieces of words broken
    at a line end (they would vouch for themselves)."""
    words: Counter = Counter()
    compounds: set[str] = set()
    broken_before = False
    for line in lines:
        tokens = re.findall(r"[\w\u00ad-]+", line.text.lower())
        broken_after = bool(re.search(r"\w[-\u2010\u00ad]$", line.text))
        inner = tokens[1 if broken_before else 0: len(tokens) - (1 if broken_after else 0)]
        for token in inner:
            if "-" in token.strip("-"):
                compounds.add(token.strip("-"))
            words.update(part for part in token.split("-") if part)
        broken_before = broken_after
    return words, compounds


def _join(previous: str, line: str, vocabulary: tuple[Counter, set[str]]) -> str:
    """Join a line to the paragraph before it, mending a word hyphenated at the line end: the hyphen stays
    where the document prints the compound whole elsewhere, or where both halves are words of their own
    ("co-production", "well-being"); otherwise the word was only broken to fit ("pro-cesses")."""
    if previous.endswith("\u00ad"):  # a soft hyphen: the word was only broken to fit the line
        return previous[:-1] + line
    match = re.search(r"(\w+)[-\u2010]$", previous)
    tail = re.match(r"\w+", line)
    if match and tail and line[:1].islower():
        words, compounds = vocabulary
        head, tail = match.group(1).lower(), tail.group(0).lower()
        keep = f"{head}-{tail}" in compounds or (f"{head}{tail}" not in words and
                                                 words[head] > 0 and words[tail] > 0 and len(tail) > 2)
        return previous + line if keep else previous[:-1] + line
    return f"{previous} {line}"


def read_pdf(path: Path) -> Document:
    """Read a PDF with a text layer into paragraphs; raises :class:`ImportFault` for one without."""
    pages, heights, two_columns = _open_lines(path)
    if not any(pages):
        raise ImportFault("CS704", "the PDF has no text layer (it is a scan or a picture of the pages)",
                          "Import the Word document it was made from; failing that, run it through text "
                          "recognition (OCR) in a PDF program, check the text, and import the result.")
    body = Counter()
    for line in (line for page in pages for line in page):
        body[round(line.size, 1)] += len(line.text)
    body_size = body.most_common(1)[0][0] if body else 10
    pages, left_out = _drop_running(pages, heights, body_size)
    lines = [line for page in pages for line in page]
    vocabulary = _vocabulary(lines)
    gaps = [b.top - a.bottom for a, b in zip(lines, lines[1:]) if a.page == b.page and b.top > a.bottom]
    usual_gap = statistics.median(gaps) if gaps else body_size * 0.3
    paragraphs: list[Paragraph] = []
    previous: Line | None = None
    for line in lines:
        if line.cells is not None:  # a table row: one paragraph with its cells
            paragraphs.append(Paragraph(" ".join(c for c in line.cells if c), kind="row", cells=line.cells,
                                        where=f"page {line.page}"))
            previous = line
            continue
        text = line.markdown()
        heading = line.size >= body_size * 1.15 or (line.bold and len(line.text.split()) <= 14
                                                     and not line.text.rstrip().endswith((".", ";", ",")))
        label, rest = typed_label(line.text)
        new = (previous is None or heading or label or paragraphs[-1].kind in ("heading", "row")
               or (line.page == previous.page and line.top - previous.bottom > usual_gap + body_size * 0.5)
               or (line.page != previous.page and paragraphs[-1].text.rstrip().endswith((".", ":", "?", "!"))
                   and line.text[:1].isupper()))
        if new:
            level = 1 if line.size >= body_size * 1.5 else 2 if line.size >= body_size * 1.15 else 3
            paragraphs.append(Paragraph(text, kind="heading" if heading else "para", level=level if heading else 0,
                                        where=f"page {line.page}"))
        else:
            paragraphs[-1].text = _join(paragraphs[-1].text, text, vocabulary)
        previous = line
    notes = [f"page(s) {', '.join(map(str, two_columns))} are printed in two columns: each was read left column "
             "first, then right; check the order on the review page"] if two_columns else []
    return Document(paragraphs, "PDF", left_out=left_out, notes=notes)
