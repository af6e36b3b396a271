"""The anchor ledger: every clause anchor and identifier URL the site has ever published.

``content/published-anchors.txt`` holds one line per clause, ``<slug>/#clause-<id> <slug>/clause/<id>/``
(both built by the one pair of functions in :mod:`references`). ``compact-site anchors update`` adds
the current ones and never removes any: a partner may have linked to any of them. A line that no longer
resolves — the clause is gone and nothing says what happened — is a CS501 warning, so ``--strict`` fails.
A line resolves when its id is a clause (or stage or principle) of the compact, a ``former_ids`` entry of
one (moved or merged), or listed under ``withdrawn``.
"""
from __future__ import annotations

from pathlib import Path

from compact_site.errors import Problem
from compact_site.model import Compact
from compact_site.model.references import clause_anchor, clause_url

LEDGER_NAME = "published-anchors.txt"
HEADER = ("# Every clause anchor and identifier URL this site has published, one clause per line.\n"
          "# Kept by `compact-site anchors update`. Never delete a line: partners may have linked to it.\n"
          "# If a clause goes, say what happened in its compact (former_ids, or withdrawn), and the build passes.\n")


def ledger_line(slug: str, clause_id: str) -> str:
    return f"{slug}/#{clause_anchor(clause_id)} {clause_url(slug, clause_id)}"


def read_ledger(path: Path, shown: str) -> tuple[list[tuple[str, str, int]], list[Problem]]:
    """(slug, clause id, line) for every entry; malformed lines are CS502 errors."""
    if not path.is_file():
        return [], []
    entries, problems = [], []
    for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
        line = line.strip()
        if not line or line.startswith("#"):
            continue
        anchor, _, _ = line.partition(" ")
        slug, sep, rest = anchor.partition("/#clause-")
        if not sep or not slug or not rest or line != ledger_line(slug, rest):
            problems.append(Problem(shown, number, "CS502", f"not a ledger line: '{line}'"))
            continue
        entries.append((slug, rest, number))
    return entries, problems


def current_entries(compacts: list[Compact]) -> list[tuple[str, str]]:
    """(slug, id) of every clause anchor the content publishes now, former ids and tombstones included."""
    found = []
    for compact in compacts:
        ids = [node.id for node in compact.citable()] + [f for c in compact.clauses() for f in c.former_ids]
        found += [(compact.slug, ident) for ident in ids + [w.id for w in compact.withdrawn]]
    return found


def check_ledger(compacts: list[Compact], path: Path, shown: str) -> list[Problem]:
    """A CS501 warning for each published anchor that no longer lands anywhere."""
    entries, problems = read_ledger(path, shown)
    resolvable = set(current_entries(compacts))
    present = {compact.slug for compact in compacts}
    gone: dict[str, list[int]] = {}  # a whole compact no longer in content/: one message, not one per anchor
    for slug, clause_id, line in entries:
        if slug not in present:
            gone.setdefault(slug, []).append(line)
        elif (slug, clause_id) not in resolvable:
            problems.append(Problem(shown, line, "CS501", f"published anchor {slug}/#{clause_anchor(clause_id)} "
                                                          f"({clause_url(slug, clause_id)}) no longer resolves",
                                    f"compact '{slug}'"))
    for slug, lines in gone.items():
        problems.append(Problem(shown, lines[0], "CS501", f"compact '{slug}' is not in the content folder, but "
                                f"{len(lines)} of its anchors are published (lines {lines[0]}-{lines[-1]}): links "
                                "partners made to them would break. If you removed the example compacts on "
                                f"purpose, delete {Path(shown).name} (your own list starts when you publish)"))
    return sorted(problems)


def update_ledger(compacts: list[Compact], path: Path) -> tuple[int, int]:
    """Add the current anchors to the ledger, keeping every old line. Returns (added, total)."""
    old, _ = read_ledger(path, str(path))
    known = {(slug, ident) for slug, ident, _ in old}
    ordered = [(slug, ident) for slug, ident, _ in old]
    added = [entry for entry in current_entries(compacts) if entry not in known]
    lines = [ledger_line(slug, ident) for slug, ident in ordered + added]
    path.write_text(HEADER + "\n".join(lines) + "\n", encoding="utf-8")
    return len(added), len(lines)
