"""A compact's editions as one timeline: what each clause said in each edition, and what changed between two.

The current text (``content/<slug>.yml``) is the newest edition; the frozen files under
``content/editions/<slug>/`` are the earlier ones (content/editions.py reads and rechecks them). A clause id means
the same clause in every edition, so following a clause through time is following its id, and, where it moved,
the ``former_ids`` of the clause that took it over (checked by content/editions.py: every id of an edition is
accounted for in the current text, CS809).

Nothing here renders: pages, feeds and exports turn these records into HTML, Atom and Akoma Ntoso.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from functools import cached_property
from typing import Iterable, Iterator, NamedTuple, Optional

from compact_site.core.redline import Piece, redline
from compact_site.model import Compact

DATE_KEYS = ("refreshed", "adopted", "published")  # the current text's own date: the newest of these it states


def current_edition_date(compact: Compact) -> str:
    """When the current text took effect, as far as it says: the newest of its refreshed, adopted and published
    dates (partial dates allowed: '2021-03'), or '' when it states none."""
    stated = [value for value in (getattr(compact.dates, key) for key in DATE_KEYS) if value]
    return max(stated) if stated else ""  # as text, partial dates sort in time order: '2016' < '2016-09'


@dataclass(frozen=True)
class EditionText:
    """One edition: its date (YYYY-MM-DD for a frozen one; the current one's stated date, maybe partial, maybe
    ''), label, the compact's status then, the whole text, and whether it is the current one."""

    date: str
    label: str
    status: str
    compact: Compact
    current: bool = False

    @property
    def name(self) -> str:
        """How pages name it: its label, else 'the edition of <date>', else 'the current edition'."""
        return self.label or (f"edition of {self.date}" if self.date else "current edition")

    @cached_property
    def nodes(self) -> dict[str, object]:
        """Its citable nodes (clauses, principles, procedure stages) by id, in page order."""
        return {node.id: node for node in self.compact.citable()}


def wording(node: object) -> str:
    """What a clause says, as compared between editions: its title (if any) and its text, as written."""
    title = getattr(node, "title", None)
    return f"{title}\n{node.text}" if title else node.text  # type: ignore[attr-defined]


class Moved(NamedTuple):
    """A clause that took over another's id between two editions (its ``former_ids``)."""

    old_id: str
    new_id: str
    old_number: Optional[str]
    new_number: Optional[str]


class Reworded(NamedTuple):
    """A clause whose wording changed between two editions (by its id in the newer one)."""

    old_id: str
    new_id: str
    number: Optional[str]
    old: str
    new: str

    @property
    def pieces(self) -> list[Piece]:
        return redline(self.old, self.new)


@dataclass
class Changes:
    """What changed from one edition to another (``older`` may be any earlier edition, not only the one before)."""

    older: EditionText
    newer: EditionText
    added: list[str] = field(default_factory=list)  # ids in the newer edition only
    withdrawn: list[str] = field(default_factory=list)  # ids in the older edition with no successor
    moved: list[Moved] = field(default_factory=list)
    reworded: list[Reworded] = field(default_factory=list)
    renumbered: list[tuple[str, Optional[str], Optional[str]]] = field(default_factory=list)  # (id, old, new)
    signatories_added: list[str] = field(default_factory=list)  # their lines as printed
    signatories_removed: list[str] = field(default_factory=list)

    @property
    def counts(self) -> dict[str, int]:
        return {"added": len(self.added), "withdrawn": len(self.withdrawn), "moved": len(self.moved),
                "reworded": len(self.reworded), "signatories added": len(self.signatories_added)}

    @property
    def empty(self) -> bool:
        return not any(self.counts.values()) and not self.renumbered and not self.signatories_removed


def signatory_lines(compact: Compact) -> list[str]:
    """Each signatory as printed, in source order."""
    return [s.printed for s in compact.signatories.items] if compact.signatories else []


def successors(older: EditionText, newer: EditionText) -> dict[str, str]:
    """old id -> the id in ``newer`` of the clause that took it over (a clause's ``former_ids``), for ids of
    ``older`` that ``newer`` no longer has."""
    gone = older.nodes.keys() - newer.nodes.keys()
    found: dict[str, str] = {}
    for node_id, node in newer.nodes.items():
        for former in getattr(node, "former_ids", []):
            if former in gone:
                found.setdefault(former, node_id)
    return found


class HistoryEntry(NamedTuple):
    """A clause in a run of editions with the same wording: the first and last edition of the run, the id and
    number it had, and its wording (the clause node of the run's first edition)."""

    first: EditionText
    last: EditionText
    id: str
    number: Optional[str]
    node: object


class Event(NamedTuple):
    """Something that happened to a clause: 'added', 'reworded', 'moved', 'renumbered' or 'withdrawn', in which
    edition (for 'withdrawn' of the current text, ``date`` is the withdrawal date it records), and a detail."""

    kind: str
    edition: EditionText
    date: str
    detail: str = ""


@dataclass
class ClauseHistory:
    """One clause through the editions, oldest first: runs of unchanged wording, and what happened when."""

    ids: list[str]  # every id it has had, oldest first; the last is its id now (or when withdrawn)
    entries: list[HistoryEntry]
    events: list[Event]
    withdrawn: Optional[object] = None  # the current text's `withdrawn` entry, if it was withdrawn


class Timeline:
    """Every edition of one compact, oldest first, the current text last."""

    def __init__(self, editions: Iterable[EditionText]) -> None:
        self.editions = list(editions)
        self.current = self.editions[-1]
        self.slug = self.current.compact.slug

    @property
    def past(self) -> list[EditionText]:
        return self.editions[:-1]

    def by_date(self, date: str) -> EditionText:
        return next(edition for edition in self.editions if edition.date == date and not edition.current)

    def changes(self, older: EditionText, newer: EditionText) -> Changes:
        """What changed from ``older`` to ``newer`` (moves followed through every edition between)."""
        found = Changes(older, newer)
        lineage = self.follow(older, newer)
        reached = set()
        for old_id, node in older.nodes.items():
            new_id = lineage.get(old_id)
            if new_id is None:
                found.withdrawn.append(old_id)
                continue
            reached.add(new_id)
            new = newer.nodes[new_id]
            if new_id != old_id:
                found.moved.append(Moved(old_id, new_id, getattr(node, "number", None), getattr(new, "number", None)))
            elif getattr(node, "number", None) != getattr(new, "number", None):
                found.renumbered.append((new_id, getattr(node, "number", None), getattr(new, "number", None)))
            if wording(node) != wording(new):
                found.reworded.append(Reworded(old_id, new_id, getattr(new, "number", None), wording(node),
                                               wording(new)))
        found.added = [node_id for node_id in newer.nodes if node_id not in reached]
        before, after = signatory_lines(older.compact), signatory_lines(newer.compact)
        found.signatories_added = [line for line in after if line not in before]
        found.signatories_removed = [line for line in before if line not in after]
        return found

    def follow(self, older: EditionText, newer: EditionText) -> dict[str, str]:
        """id in ``older`` -> its id in ``newer``, through every edition between; an id withdrawn on the way has
        no entry."""
        start, end = self.editions.index(older), self.editions.index(newer)
        where = {node_id: node_id for node_id in older.nodes}
        for before, after in zip(self.editions[start:end], self.editions[start + 1:end + 1]):
            moves = successors(before, after)
            where = {first: (now if now in after.nodes else moves.get(now)) for first, now in where.items()}
            where = {first: now for first, now in where.items() if now is not None}
        return where

    def consecutive(self) -> Iterator[Changes]:
        """The changes from each edition to the next, oldest first."""
        for older, newer in zip(self.editions, self.editions[1:]):
            yield self.changes(older, newer)

    @cached_property
    def history_ids(self) -> dict[str, str]:
        """Every id any edition has had -> the id its history is filed under (its last id: now, or when it was
        withdrawn)."""
        last: dict[str, str] = {}
        for edition, after in zip(self.editions, self.editions[1:] + [None]):
            for node_id in edition.nodes:
                last.setdefault(node_id, node_id)
            if after is not None:
                for old, new in successors(edition, after).items():
                    for first, now in list(last.items()):
                        if now == old:
                            last[first] = new
        return last

    @cached_property
    def _filed(self) -> dict[str, list[str]]:
        """The id a history is filed under -> every id it has had, in :attr:`history_ids`' order (looked up once
        per clause: scanning every id for each would cost a compact's clauses squared)."""
        filed: dict[str, list[str]] = {}
        for old, now in self.history_ids.items():
            filed.setdefault(now, []).append(old)
        return filed

    def history(self, clause_id: str) -> ClauseHistory:
        """The history of the clause filed under ``clause_id`` (see :attr:`history_ids`)."""
        ids = self._filed.get(clause_id, [])
        entries: list[HistoryEntry] = []
        events: list[Event] = []
        previous: Optional[HistoryEntry] = None  # the clause in the edition before
        left: Optional[EditionText] = None  # the first edition without it, once it had been in one
        for edition in self.editions:
            node_id = next((i for i in reversed(ids) if i in edition.nodes), None)
            if node_id is None:
                left = left or (edition if previous is not None else None)
                continue
            node = edition.nodes[node_id]
            here = HistoryEntry(edition, edition, node_id, getattr(node, "number", None), node)
            if previous is None:
                if edition is not self.editions[0]:
                    events.append(Event("added", edition, edition.date))
                entries.append(here)
            else:
                if here.id != previous.id:
                    events.append(Event("moved", edition, edition.date, f"{previous.id} → {here.id}"))
                elif here.number != previous.number:
                    events.append(Event("renumbered", edition, edition.date, f"{previous.number} → {here.number}"))
                if wording(node) != wording(previous.node):
                    events.append(Event("reworded", edition, edition.date))
                if (here.id, here.number, wording(node)) == (previous.id, previous.number, wording(previous.node)):
                    entries[-1] = entries[-1]._replace(last=edition)
                else:
                    entries.append(here)
            previous = here
        gone = next((w for w in self.current.compact.withdrawn if w.id in ids), None)
        if left is not None or gone is not None:
            events.append(Event("withdrawn", left or self.current, str(gone.date) if gone else left.date,
                                gone.reason if gone else ""))
        return ClauseHistory(ids, entries, events, gone)


def timeline(current: Compact, frozen: Iterable[tuple[str, str, str, Compact]]) -> Timeline:
    """A compact's timeline from its current text and its frozen editions (date, label, status, compact)."""
    editions = [EditionText(date, label, status, compact) for date, label, status, compact in
                sorted(frozen, key=lambda item: item[0])]
    editions.append(EditionText(current_edition_date(current), current.version or "", current.status, current,
                                current=True))
    return Timeline(editions)
