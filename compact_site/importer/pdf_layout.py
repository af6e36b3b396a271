"""The layout of one PDF page: its words grouped into printed lines, in reading order.

Columns are read one after the other (left first) when a gutter separates them, and tables (found from
their ruling lines by pdfplumber) become one line per row with its cells, so a wrapped cell never
interleaves with its neighbour.
"""
from __future__ import annotations

import re
import statistics


class Line:
    """One printed line (or, with ``cells``, one table row) and the words it is made of."""

    __slots__ = ("text", "top", "bottom", "x0", "size", "bold", "page", "words", "cells")

    def __init__(self, words: list[dict], page: int, cells: list[str] | None = None) -> None:
        self.words = words
        self.cells = cells
        self.page = page
        self.top = min(w["top"] for w in words)
        self.bottom = max(w["bottom"] for w in words)
        self.x0 = min(w["x0"] for w in words)
        self.size = statistics.median(w["size"] for w in words)
        self.bold = all(is_bold(w) for w in words)
        self.text = " ".join(w["text"] for w in words)

    def markdown(self) -> str:
        """The line with runs of bold words as ``**…**`` (a bold lead-in such as a principle's name)."""
        out, run = [], []
        for word in self.words + [None]:
            if word is not None and is_bold(word):
                run.append(word["text"])
                continue
            if run:
                out.append(f"**{' '.join(run)}**")
                run = []
            if word is not None:
                out.append(word["text"])
        return " ".join(out)


def is_bold(word: dict) -> bool:
    return bool(re.search(r"bold|black|heavy|semibold|,b\b", word.get("fontname", ""), re.IGNORECASE))


def _rows(words: list[dict]) -> list[list[dict]]:
    """Words (in top-to-bottom order) grouped into printed lines."""
    lines: list[list[dict]] = []
    for word in sorted(words, key=lambda w: (round(w["top"]), w["x0"])):
        if lines and abs(word["top"] - lines[-1][0]["top"]) < word["size"] * 0.4:
            lines[-1].append(word)
        else:
            lines.append([word])
    return lines


def _columns(words: list[dict], width: float) -> list[list[dict]]:
    """A page's words as its columns, left first: two when an empty band near the middle of the page (a
    gutter no word crosses) has a fifth or more of the words on each side, and the right side's lines start
    at one margin. Otherwise one column: a page of short lines is not mistaken for two."""
    if len(words) < 12:
        return [words]
    band = [x for x in range(int(width * 0.3), int(width * 0.7)) if not any(w["x0"] < x < w["x1"] for w in words)]
    if not band:
        return [words]
    runs, run = [], [band[0]]
    for x in band[1:]:
        if x == run[-1] + 1:
            run.append(x)
        else:
            runs.append(run)
            run = [x]
    runs.append(run)
    gutter = sum(max(runs, key=len)) / len(max(runs, key=len))
    left = [w for w in words if w["x1"] <= gutter]
    right = [w for w in words if w["x0"] >= gutter]
    if min(len(left), len(right)) < len(words) * 0.2:
        return [words]
    starts = [min(row, key=lambda w: w["x0"])["x0"] for row in _rows(right)]
    margin = min(starts)
    if sum(1 for x in starts if x - margin < 3) < len(starts) * 0.5:
        return [words]
    return [left, right]


def _inside(word: dict, box: tuple) -> bool:
    x0, top, x1, bottom = box
    middle = (word["top"] + word["bottom"]) / 2
    return x0 - 1 <= word["x0"] and word["x1"] <= x1 + 1 and top - 1 <= middle <= bottom + 1


def page_lines(page, number: int, fix) -> tuple[list[Line], bool]:
    """The printed lines of a pdfplumber page in reading order, and whether it was read as two columns.
    ``fix`` mends each word's text (ligatures, soft hyphens)."""
    words = page.extract_words(extra_attrs=["fontname", "size"], keep_blank_chars=False)
    for word in words:
        word["text"] = fix(word["text"])
    rows: list[Line] = []
    for table in page.find_tables():
        for row, texts in zip(table.rows, table.extract()):
            inside = [w for w in words if row.bbox and _inside(w, row.bbox)]
            cells = [" ".join(fix(text or "").split()) for text in texts]
            if inside and any(cells):
                rows.append(Line(inside, number, cells=cells))
        words = [w for w in words if not _inside(w, table.bbox)]
    columns = _columns(words, float(page.width)) if words else []
    lines = [Line(sorted(line, key=lambda w: w["x0"]), number) for column in columns for line in _rows(column)]
    for row in rows:  # a table row stands where it prints, among the lines of its column
        position = next((i for i, line in enumerate(lines) if line.top > row.top and line.x0 < row.x0 + 5), len(lines))
        lines.insert(position, row)
    return lines, len(columns) > 1
