"""Cross-references between clauses: one syntax, one registry, one anchor function.

Syntax, in any Markdown text of a compact or a hand-written page::

    [[2.1]]               clause 2.1 of the same compact
    [[sandwell:s4-vcs-1]] a clause of another compact

Anything inside code spans or fenced code blocks is left alone.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Iterator

TERM_REF_PREFIX = "glossary"  # [[glossary:vcs]] names a term; so no compact may have the slug "glossary"
REFERENCE_RE = re.compile(r"\[\[(?:(?P<compact>[a-z0-9]+(?:-[a-z0-9]+)*):)?(?P<id>[a-z0-9]+(?:[.-][a-z0-9]+)*)\]\]")
_FENCE_RE = re.compile(r"^(?P<fence>```+|~~~+).*?^(?P=fence)[ \t]*$", re.M | re.S)
_CODE_SPAN_RE = re.compile(r"(?P<ticks>`+)(?!`).+?(?<!`)(?P=ticks)(?!`)", re.S)


def clause_anchor(clause_id: str) -> str:
    """The HTML anchor of a clause: ``clause-<id>``. The only place this is decided."""
    return f"clause-{clause_id}"


def clause_url(slug: str, clause_id: str) -> str:
    """The identifier URL of a clause, relative to the site root: ``<slug>/clause/<id>/``."""
    return f"{slug}/clause/{clause_id}/"


def edition_url(slug: str, date: str) -> str:
    """A past edition's page, relative to the site root: ``<slug>/<YYYY-MM-DD>/`` (the current one is ``<slug>/``)."""
    return f"{slug}/{date}/"


def clause_history_url(slug: str, clause_id: str) -> str:
    """A clause's history through the editions: ``<slug>/clause/<id>/history/`` (only where the compact has frozen
    editions; a former id's history is its successor's)."""
    return f"{clause_url(slug, clause_id)}history/"


def changes_url(slug: str | None = None) -> str:
    """What changed between editions: ``<slug>/changes/`` for one compact, ``changes/`` for the whole site."""
    return f"{slug}/changes/" if slug else "changes/"


def feed_path(slug: str | None = None) -> str:
    """The Atom feed of one compact (``<slug>/feed.xml``) or of the whole site (``feed.xml``)."""
    return f"{slug}/feed.xml" if slug else "feed.xml"


def _blank(match: re.Match) -> str:
    """Replace code with spaces, keeping newlines so line numbers still count."""
    return re.sub(r"[^\n]", " ", match.group(0))


_LIST_ITEM_RE = re.compile(r"^\s*(?:[-*+]|\d+[.)])\s")


def _mask_indented_code(text: str) -> str:
    """Blank indented code blocks: 4+ spaces after a blank line, unless they continue a list item."""
    lines, in_code, in_list, previous_blank = text.split("\n"), False, False, True
    for i, line in enumerate(lines):
        indented = line.startswith(("    ", "\t"))
        if not line.strip():
            previous_blank = True
            continue
        if in_code and not indented:
            in_code = False
        if not indented:
            in_list = bool(_LIST_ITEM_RE.match(line)) or (in_list and not previous_blank)
        elif previous_blank and not in_list:
            in_code = True
        if in_code:
            lines[i] = " " * len(line)
        previous_blank = False
    return "\n".join(lines)


def mask_code(text: str) -> str:
    """The text with code blanked out (fenced, indented and inline), keeping its length and lines."""
    if ("`" not in text and "~~~" not in text and "\n    " not in text and "\n\t" not in text
            and not text.startswith(("    ", "\t"))):
        return text  # no backtick, fence or indented line: no code (most texts; ~800,000 calls at 400 compacts)
    return _CODE_SPAN_RE.sub(_blank, _mask_indented_code(_FENCE_RE.sub(_blank, text)))


@dataclass(frozen=True)
class Reference:
    """One ``[[...]]`` found in a text."""

    compact: str | None
    clause_id: str
    start: int
    end: int
    line_offset: int  # lines after the start of the text

    @property
    def written(self) -> str:
        return f"[[{self.compact + ':' if self.compact else ''}{self.clause_id}]]"


def find_references(text: str) -> Iterator[Reference]:
    """Every cross-reference in a Markdown text, outside code."""
    if "[[" not in text:  # none (most texts); blanking code never makes one
        return
    masked = mask_code(text)
    for match in REFERENCE_RE.finditer(masked):
        yield Reference(match["compact"], match["id"], match.start(), match.end(),
                        masked.count("\n", 0, match.start()))
