"""Cross-compact concordance: which clauses of *other* compacts say the same thing as a clause.

No MkDocs imports and no third-party libraries; computed once per build (``Concordance.build``).

Method
------
* **Features.** A clause's text is reduced to plain lower-case words (Markdown, ``[[refs]]`` and footnote
  markers removed). Its features are its *word bigrams* ("three months", "months notice"): they capture
  wording and word order, not only vocabulary, which is what tells a hard negative ("...Funding Code of
  Practice" / "...Communication and Consultation Code of Practice") apart. Adding single words or trimming
  plurals did not separate the labelled pairs any better, and cost time at national scale.
* **Similarity** is the set cosine (Ochiai coefficient) of two feature sets, ``|A∩B| / sqrt(|A|·|B|)``. Unlike
  Jaccard it does not punish a clause that merges two national undertakings into one (Westminster's
  s2-statutory-9 holds both the multi-year-funding and the three-months-notice undertakings).
* **Threshold.** A pair is "similar" at ``score >= THRESHOLD`` (0.32), the middle of the range
  (0.31-0.33) that meets precision and recall >= 0.9 on the labelled pairs in
  ``tests/data/concordance-pairs.yml`` (``tests/test_concordance.py``). There is no held-out set: 0.32 is
  tuned on those pairs, so treat the figures as an upper bound on unseen compacts.
* **No all-pairs comparison.** An inverted index: each clause is indexed under ``SIGNATURE`` of its features,
  the ones lowest in a fixed hash order (a bottom-k sketch, as in MinHash) among features found in at least
  two compacts. Two clauses become candidates only when they share one of those. A posting list longer than
  ``LONG_LIST`` (a national clause copied by 400 compacts) is shuffled in a fixed way and paired only within
  blocks of ``BLOCK``, so the work grows linearly with the number of clauses. Candidates are ranked by how many
  indexed features they share; the best ``VERIFY`` per clause get the exact score. 400 compacts of near-copies
  (32,000 clauses) take about 2.8 s of CPU here (``tests/test_concordance.py`` measures it).
* **Explicit links** (``see_also`` / ``derived_from`` in the YAML) are always shown, before computed ones, and
  a computed match to the same clause is dropped (the explicit link wins).
"""
from __future__ import annotations

import math
import re
import zlib
from collections import Counter, defaultdict
from dataclasses import dataclass, field
from itertools import chain, combinations
from operator import itemgetter
from typing import NamedTuple

THRESHOLD = 0.32
"""Lowest set-cosine score shown as a similar undertaking (see the module docstring)."""
PER_COMPACT = 2  # a merged clause elsewhere may match two of ours; more from one compact is noise
TOP = 6  # most similar clauses listed under each clause
SIGNATURE = 10  # features (lowest in a fixed hash order) a clause is indexed under
LONG_LIST = 40  # a posting list longer than this is paired in blocks, not all pairs
BLOCK = 6  # a long posting list is paired only within shuffled blocks of this size
VERIFY = 6  # candidates per clause given the exact score

_MARKUP = re.compile(r"\[\[[^\]]*\]\]|\[\^[^\]]*\]|https?://\S+")
_WORD = re.compile(r"[a-z0-9]+")


_LINK_TARGET = re.compile(r"\]\([^)]*\)")
_SYMBOLS = re.compile(r"[*_`#>\[\]|]+")


def plain_text(markdown: str) -> str:
    """Readable words of a clause's Markdown: references, footnote markers and markup removed. A pattern is
    applied only to a text with the character it starts with (most clauses have none: 32,000 at 400 compacts)."""
    text = _MARKUP.sub(" ", markdown) if "[" in markdown or "://" in markdown else markdown
    if "](" in text:
        text = _LINK_TARGET.sub("]", text)  # a link keeps its words, not its address
    return " ".join(_SYMBOLS.sub(" ", text).split())


def words(text: str) -> list[str]:
    """Lower-case words of plain text ("VCS's" counts as "vcs")."""
    return _WORD.findall(text.lower().replace("’", "'").replace("'s", ""))


def features(text: str, canon: dict | None = None) -> frozenset[str]:
    """Word bigrams of a clause's plain text (see the module docstring). ``canon`` (bigram -> itself, shared by
    one build's clauses): each bigram is then one string object, so the counting, ranking and set intersections
    that follow find equal features by identity instead of comparing their characters (0.2 s of 1.9 s at 400
    compacts)."""
    ws = words(text)
    # map/zip run in C: at 32,000 clauses a Python loop per word would cost a second.
    if canon is None:
        return frozenset(map(" ".join, zip(ws, ws[1:])))
    grams = list(map(" ".join, zip(ws, ws[1:])))
    return frozenset(map(canon.setdefault, grams, grams))


def similarity(a: frozenset[str], b: frozenset[str]) -> float:
    """Set cosine of two feature sets, 0..1."""
    return len(a & b) / math.sqrt(len(a) * len(b)) if a and b else 0.0


@dataclass(frozen=True)
class Entry:
    """One clause to compare: its compact, id and plain text; explicit links as (slug, id, kind)."""

    slug: str
    id: str
    text: str
    explicit: tuple[tuple[str, str, str], ...] = ()


class Match(NamedTuple):  # a tuple, not a frozen dataclass: 190,000 of them are made at national scale
    """A similar clause elsewhere: score in 0..1, or None for an explicit link (``kind`` says which)."""

    slug: str
    id: str
    score: float | None
    kind: str = "similar"  # or "see also" / "derived from"


_new_match = tuple.__new__  # builds a Match without NamedTuple's Python-level __new__ (190,000 at scale)


@dataclass
class Concordance:
    """Similar clauses of other compacts for every clause, keyed by (slug, id)."""

    entries: list[Entry]
    matches: dict[tuple[str, str], list[Match]] = field(default_factory=dict)

    @classmethod
    def build(cls, entries: list[Entry], threshold: float = THRESHOLD) -> "Concordance":
        canon: dict[str, str] = {}
        feats = [features(e.text, canon) for e in entries]
        scored = candidate_scores(entries, feats, threshold)
        result = cls(entries)
        for position, entry in enumerate(entries):
            result.matches[(entry.slug, entry.id)] = choose(entry, entries, scored.get(position, {}), threshold)
        return result

    def similar(self, slug: str, clause_id: str) -> list[Match]:
        return self.matches.get((slug, clause_id), [])


def candidate_scores(entries: list[Entry], feats: list[frozenset[str]],
                     threshold: float = THRESHOLD) -> dict[int, dict[int, float]]:
    """Exact scores (>= threshold) of each clause's best candidates from the rare-feature index (never all
    pairs), by position in ``entries``."""
    compact_of = {slug: n for n, slug in enumerate(dict.fromkeys(e.slug for e in entries))}
    owner = [compact_of[e.slug] for e in entries]  # ints compare faster than slugs in the hot loop
    per_compact: list[set[str]] = [set() for _ in compact_of]
    for position, fs in enumerate(feats):
        per_compact[owner[position]].update(fs)
    in_compacts = Counter(chain.from_iterable(per_compact))
    # Only features found in two compacts or more can link compacts (a phrase a compact repeats in two of its
    # own clauses would otherwise crowd out the ones it shares). A fixed hash order (a bottom-k sketch, as in
    # MinHash) rather than rarest-first: two reworded clauses then pick the same features with a probability
    # that grows with their overlap, whereas rarest-first picks each clause's idiosyncrasies.
    shared = sorted((f for f, n in in_compacts.items() if n > 1), key=lambda f: (zlib.crc32(f.encode()), f))
    # Every feature has a rank, those in one compact only the same one past the shared: a clause's ranks are then
    # sorted with no Python-level filter (32,000 sorts at national scale), and its signature ends at the first.
    unshared = len(shared)
    rank = dict.fromkeys(in_compacts, unshared)
    rank.update(zip(shared, range(unshared)))
    # Keyed by rank, not by feature: sorting plain ints needs no key function.
    postings: dict[int, list[int]] = defaultdict(list)
    for position, fs in enumerate(feats):
        for r in sorted(map(rank.__getitem__, fs))[:SIGNATURE]:
            if r == unshared:
                break
            postings[r].append(position)
    blocks = []
    for r, members in postings.items():
        if len(members) > LONG_LIST:  # a fixed shuffle, then pairs only within blocks of BLOCK
            members = sorted(members, key=lambda m, seed=r * 40503: (m * 2654435761 + seed) & 0xFFFFFFFF)
            blocks += [members[i:i + BLOCK] for i in range(0, len(members), BLOCK)]
        else:
            blocks.append(members)
    # Counting pairs happens in C (Counter over itertools), so 32,000 clauses stay within the budget.
    collisions = Counter(chain.from_iterable(combinations(block, 2) for block in blocks))
    # A candidate is one int, count * n + position: sorting ints is several times faster than sorting (count,
    # position) tuples, and orders them the same (position < n).
    n = len(entries)
    candidates: dict[int, list[int]] = defaultdict(list)
    for (a, b), count in collisions.items():
        if owner[a] != owner[b]:
            candidates[a].append(count * n + b)
            candidates[b].append(count * n + a)
    scores: dict[int, dict[int, float]] = {}
    exact: dict[tuple[int, int], float] = {}  # a pair is often verified from both sides: its score once
    sizes = [len(fs) for fs in feats]
    for a, found in candidates.items():
        mine, size = feats[a], sizes[a]
        if len(found) > VERIFY:
            found.sort(reverse=True)  # most shared signature features first (list.sort beats heapq here)
            del found[VERIFY:]
        kept = scores[a] = {}
        for b in found:
            b %= n
            pair = (a, b) if a < b else (b, a)
            score = exact.get(pair)
            if score is None:
                score = exact[pair] = len(mine & feats[b]) / math.sqrt(size * sizes[b])
            if score >= threshold:
                kept[b] = score
    return scores


def choose(entry: Entry, entries: list[Entry], scored: dict[int, float], threshold: float) -> list[Match]:
    """Explicit links first, then the best computed matches: at most PER_COMPACT per compact, TOP in all."""
    chosen = [Match(slug, ident, None, kind) for slug, ident, kind in entry.explicit]
    if not scored:  # most clauses of a register that differs from the others
        return chosen
    taken = {(m.slug, m.id) for m in chosen}
    per_compact: dict[str, int] = {}
    # Sorted on the exact score alone (a C-level key); ties keep the index's deterministic order.
    ranked = sorted(scored.items(), key=itemgetter(1), reverse=True)
    for position, score in ranked:
        other = entries[position]
        if score < threshold or len(chosen) >= TOP:
            break
        seen = per_compact.get(other.slug, 0)
        if seen >= PER_COMPACT or (taken and (other.slug, other.id) in taken):
            continue
        per_compact[other.slug] = seen + 1
        chosen.append(_new_match(Match, (other.slug, other.id, round(score, 2), "similar")))
    return chosen


def align(concordance: Concordance, left: str, right: str) -> tuple[list[tuple[str, str | None]], list[str]]:
    """Clauses of compact ``left`` paired one-to-one with clauses of ``right``, best scores first.

    Returns (rows in ``left``'s order as (left id, right id or None), ids of ``right`` left unmatched).
    Explicit links count as a perfect score. ``compare.js`` does the same in the page.
    """
    pairs = []
    for entry in concordance.entries:
        if entry.slug != left:
            continue
        for match in concordance.similar(left, entry.id):
            if match.slug == right:
                pairs.append((1.0 if match.score is None else match.score, entry.id, match.id))
    for entry in concordance.entries:  # a match seen only from the right-hand side still counts
        if entry.slug == right:
            pairs += [(1.0 if m.score is None else m.score, m.id, entry.id)
                      for m in concordance.similar(right, entry.id) if m.slug == left]
    paired: dict[str, str] = {}
    used: set[str] = set()
    for _score, a, b in sorted(pairs, key=lambda p: -p[0]):
        if a not in paired and b not in used:
            paired[a] = b
            used.add(b)
    rows = [(e.id, paired.get(e.id)) for e in concordance.entries if e.slug == left]
    unmatched = [e.id for e in concordance.entries if e.slug == right and e.id not in used]
    return rows, unmatched


def entries_of(compacts) -> list[Entry]:
    """Every clause (and principle) of the compacts as an :class:`Entry`, in page order."""
    found = []
    for compact in compacts:
        for clause in compact.clauses():
            explicit = tuple((*ref.split(":", 1), kind) for kind, refs in
                             (("derived from", clause.derived_from), ("see also", clause.see_also)) for ref in refs)
            found.append(Entry(compact.slug, clause.id, plain_text(clause.text), explicit))
    return found
