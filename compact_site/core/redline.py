"""A word-level comparison of two wordings of a clause (its redline), made once per pair of wordings: the changes
pages, the history pages and the feeds meet the same pairs. No rendering here (render/edition_views.py)."""
from __future__ import annotations

import difflib
import re
from functools import lru_cache
from typing import Literal, NamedTuple


class Piece(NamedTuple):
    """A run of words in a redline: 'same', 'deleted' or 'inserted', with the text (its spaces kept)."""

    kind: Literal["same", "deleted", "inserted"]
    text: str


# Spaces; numbers with their points and commas whole ("1.1", "£1,000": a clause number reads as one word, and its
# point is not matched against a full stop elsewhere); words (with apostrophes, hyphens); other marks.
_TOKEN_RE = re.compile(r"\s+|\d+(?:[.,]\d+)+|[\w'’-]+|[^\w\s]")


def redline(old: str, new: str) -> list[Piece]:
    """As :func:`_redline` (the same two wordings meet on the changes page, in each pair compared there, and on
    the clause's history page: compared once)."""
    return list(_redline(old, new))


@lru_cache(maxsize=1 << 16)
def _redline(old: str, new: str) -> tuple[Piece, ...]:
    """A word-level comparison of two wordings: the pieces that stayed, went and came, in reading order.
    Words are compared whole and punctuation on its own, so a change reads 'eight → twelve', not letter soup,
    and a comma added after a word does not mark the word as changed."""
    before, after = _TOKEN_RE.findall(old), _TOKEN_RE.findall(new)
    # The words both wordings start and end with are the same as they stand: only the middle is compared (most
    # rewording changes a few words, and SequenceMatcher's time grows with the square of what it is given).
    start, limit = 0, min(len(before), len(after))
    while start < limit and before[start] == after[start]:
        start += 1
    end = 0
    while end < limit - start and before[-1 - end] == after[-1 - end]:
        end += 1
    pieces: list[Piece] = []
    _add(pieces, "same", "".join(before[:start]))
    middle_before, middle_after = before[start:len(before) - end], after[start:len(after) - end]
    matcher = difflib.SequenceMatcher(None, middle_before, middle_after, autojunk=False)
    for op, a1, a2, b1, b2 in matcher.get_opcodes():
        if op == "equal":
            _add(pieces, "same", "".join(middle_before[a1:a2]))
            continue
        if op in ("delete", "replace"):
            _add(pieces, "deleted", "".join(middle_before[a1:a2]))
        if op in ("insert", "replace"):
            _add(pieces, "inserted", "".join(middle_after[b1:b2]))
    _add(pieces, "same", "".join(before[len(before) - end:]))
    return tuple(pieces)


def _add(pieces: list[Piece], kind: str, text: str) -> None:
    if not text:
        return
    if pieces and pieces[-1].kind == kind:
        pieces[-1] = Piece(kind, pieces[-1].text + text)  # type: ignore[arg-type]
    else:
        pieces.append(Piece(kind, text))  # type: ignore[arg-type]
