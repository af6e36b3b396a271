"""Glossary terms: which apply on a page, how they are found in text, and where they are used.

No MkDocs imports. A compact's own definition wins on that compact's pages; the site-wide glossary
(``content/glossary.yml``) fills in the rest. Explicit references are written ``[[glossary:<term id>]]``.
"""
from __future__ import annotations

import re
from collections import defaultdict
from dataclasses import dataclass
from functools import lru_cache
from typing import Iterator, Optional

from compact_site.model import Compact, Glossary, Term
from compact_site.model.references import TERM_REF_PREFIX, mask_code  # noqa: F401 (re-exported: term syntax lives with references)

_PAREN_RE = re.compile(r"\s*\([^)]*\)\s*$")


def slugify(text: str) -> str:
    """'Voluntary and Community Sector (VCS)' -> 'voluntary-and-community-sector-vcs'."""
    return re.sub(r"[^a-z0-9]+", "-", text.lower()).strip("-") or "term"


def term_anchor(term_id: str) -> str:
    """The anchor of a glossary entry: ``term-<id>``."""
    return f"term-{term_id}"


@dataclass(frozen=True)
class Entry:
    """A term as used on pages: its id, words to look for, definition, and where it was defined."""

    id: str
    term: str
    abbreviation: Optional[str]
    aliases: tuple[str, ...]
    definition: str
    source: Optional[str]  # compact slug, or None for the site-wide glossary

    @classmethod
    def from_term(cls, term: Term, source: Optional[str]) -> "Entry":
        return cls(term.id or slugify(_PAREN_RE.sub("", term.term)), term.term, term.abbreviation,
                   tuple(term.aliases), term.definition, source)

    @property
    def keys(self) -> set[str]:
        """What makes two entries the same term (for a compact's definition to replace the site's)."""
        keys = {self.id, _PAREN_RE.sub("", self.term).lower()}
        return keys | ({self.abbreviation.lower()} if self.abbreviation else set())

    def forms(self) -> list[tuple[str, bool]]:
        """(words, case-sensitive) to find in text: the term, its aliases, its abbreviation."""
        words = [(_PAREN_RE.sub("", self.term), False)] + [(alias, False) for alias in self.aliases]
        if "/" in self.term and not self.aliases:
            words += [(part.strip(), False) for part in self.term.split("/")]
        if self.abbreviation:
            words.append((self.abbreviation, True))
        return [(w, exact) for w, exact in words if w]


def entries_of(glossary: Optional[Glossary], source: Optional[str]) -> list[Entry]:
    return [Entry.from_term(term, source) for term in glossary.terms] if glossary else []


def page_entries(compact: Optional[Compact], site: Optional[Glossary]) -> list[Entry]:
    """Terms that apply on a page: the compact's own first, then site terms it does not redefine."""
    own = entries_of(compact.glossary, compact.slug) if compact else []
    taken = set().union(*(entry.keys for entry in own)) if own else set()
    return own + [entry for entry in entries_of(site, None) if not entry.keys & taken]


def _pattern(words: str, exact: bool) -> str:
    """A regex for a term and its plural; case-insensitive unless it is an abbreviation."""
    body = re.escape(words).replace(r"\ ", r"\s+")
    if words[-1:].lower() == "y" and not exact:
        plural = body[:-1] + "(?:y|ies)"
    else:
        plural = body + "(?:s|es)?"
    return plural if exact else f"(?i:{plural})"


# What a case-insensitive ASCII letter also matches in Python's re (tests/test_glossary.py checks every code point).
ASCII_FOLDS = {"i": "\u0130\u0131", "k": "\u212a", "s": "\u017f"}


def _first_letters(forms: list[tuple[str, bool]]) -> str:
    """A lookahead for the characters a term can start with, or '' when it would not be exact. The regex engine
    rejects most positions of a text on it at once; without it each position tries the lookbehind and every term
    (half the time of finding terms: 32,000 clauses for "Used in", every text of every page for the buttons)."""
    chars: set[str] = set()
    for words, exact in forms:
        first = words[0]
        if not first.isascii() or first.isspace():
            return ""
        chars |= {first} if exact else {first, first.lower(), first.upper(), *ASCII_FOLDS.get(first.lower(), "")}
    return "(?=[" + "".join(re.escape(char) for char in sorted(chars)) + "])"


class TermMatcher:
    """Finds terms in text: whole words only, longest first, plurals and case variants included."""

    def __init__(self, entries: list[Entry]) -> None:
        self.entries = entries
        forms = sorted(((words, exact, n) for n, entry in enumerate(entries) for words, exact in entry.forms()),
                       key=lambda form: -len(form[0]))
        self._owner = {f"t{i}": entries[n] for i, (_, _, n) in enumerate(forms)}
        alternatives = "|".join(f"(?P<t{i}>{_pattern(words, exact)})" for i, (words, exact, _) in enumerate(forms))
        first = _first_letters([(words, exact) for words, exact, _ in forms])
        self._regex = re.compile(rf"{first}(?<![\w-])(?:{alternatives})(?![\w])") if forms else None

    def finditer(self, text: str) -> Iterator[tuple[int, int, Entry]]:
        if self._regex is None:
            return
        for match in self._regex.finditer(text):
            yield match.start(), match.end(), self._owner[match.lastgroup]

    def entries_in(self, text: str) -> list[Entry]:
        """Distinct entries used in a Markdown text (code excluded), in order of first use."""
        seen: dict[tuple, Entry] = {}
        for _, _, entry in self.finditer(mask_code(text)):
            seen.setdefault((entry.source, entry.id), entry)
        return list(seen.values())


@lru_cache(maxsize=1024)
def _matcher(entries: tuple[Entry, ...]) -> TermMatcher:
    return TermMatcher(list(entries))


def page_matcher(compact: Optional[Compact], site: Optional[Glossary]) -> TermMatcher:
    """The matcher of :func:`page_entries`, made once for the same entries: the "Used in" lists and the page's
    definition buttons both need it, and its regex of every term costs ~1 ms a compact to compile."""
    return _matcher(tuple(page_entries(compact, site)))


def used_in(compacts: list[Compact], site: Optional[Glossary]) -> dict[tuple, list[tuple[str, str]]]:
    """(entry source, entry id) -> the clauses (slug, clause id) whose text uses it, as each page sees it."""
    found: dict[tuple, list[tuple[str, str]]] = defaultdict(list)
    for compact in compacts:
        matcher = page_matcher(compact, site)
        for node in compact.citable():
            for entry in matcher.entries_in(node.text + " " + (getattr(node, "title", None) or "")):
                found[(entry.source, entry.id)].append((compact.slug, node.id))
    return found


def known_term_ids(compacts: list[Compact], site: Optional[Glossary]) -> dict[Optional[str], set[str]]:
    """Term ids an explicit ``[[glossary:id]]`` may name: per compact (its own and the site's), and site-only."""
    site_ids = {entry.id for entry in entries_of(site, None)}
    ids: dict[Optional[str], set[str]] = {None: site_ids}
    for compact in compacts:
        ids[compact.slug] = site_ids | {entry.id for entry in entries_of(compact.glossary, compact.slug)}
    return ids
