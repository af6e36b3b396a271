"""Checks that span a whole compact or the whole site: ids, footnotes, parties, dates, references.

Each returns :class:`Problem` objects; none raises. Structural faults are errors; dangling
references are warnings (see the catalogue), so a strict build lists them all.
"""
from __future__ import annotations

import functools
import re
import typing

from pydantic import BaseModel

from compact_site.errors import Problem
from compact_site.model import Compact, Node, Signatory, Term, partial_date_key
from compact_site.model.base import REVIEW_KEY
from compact_site.model.compact import PART_NAMES
from compact_site.model.references import TERM_REF_PREFIX, find_references, mask_code
from compact_site.model.traversal import subject_of, walk_texts

_FOOTNOTE_RE = re.compile(r"\[\^([^\]\s]+)\](?!:)")


class _Former:
    """A former id, for the duplicate check: located at its clause's ``former_ids``."""

    def __init__(self, clause, ident: str) -> None:
        self.id, self.clause = ident, clause

    def line_of(self, key: str) -> int:
        return self.clause.line_of("former_ids")


def check_ids(compact: Compact, path: str) -> list[Problem]:
    """Ids must be unique in their namespace within a compact."""
    problems: list[Problem] = []
    namespaces = {
        "clause": list(compact.citable()) + [_Former(clause, ident) for clause in compact.clauses()
                                            for ident in clause.former_ids] + list(compact.withdrawn),
        "section": compact.undertakings.sections if compact.undertakings else [],
        "procedure": compact.procedures,
        "form": compact.forms,
        "footnote": compact.footnotes,
        "about": compact.about,
        "term": [t for t in compact.glossary.terms if t.id] if compact.glossary else [],
    }
    for form in compact.forms:
        namespaces[f"form '{form.id}' field"] = form.fields
    for kind, nodes in namespaces.items():
        first: dict[str, Node] = {}
        for node in nodes:
            ident = node.id
            if ident in first:
                problems.append(Problem(path, node.line_of("id"), "CS201",
                                        f"duplicate id (first at line {first[ident].line_of('id')})",
                                        f"{kind} '{ident}'"))
            else:
                first[ident] = node
    return problems


def check_footnotes(compact: Compact, path: str) -> list[Problem]:
    """Every ``[^id]`` marker needs a footnote; every footnote needs a marker."""
    defined = {note.id: note for note in compact.footnotes}
    used: set[str] = set()
    problems = []
    for node, key, text in walk_texts(compact):
        if "[^" not in text:  # no marker (most texts); blanking code never makes one
            continue
        masked = mask_code(text)
        for match in _FOOTNOTE_RE.finditer(masked):
            used.add(match[1])
            if match[1] not in defined:
                line = node.value_line(key) + masked.count("\n", 0, match.start())
                problems.append(Problem(path, line, "CS403", f"footnote '[^{match[1]}]' is not defined",
                                        subject_of(node)))
    for ident, note in defined.items():
        if ident not in used:
            problems.append(Problem(path, note.line_of("id"), "CS404", f"footnote '{ident}' is never used"))
    return problems


def check_parties(compact: Compact, path: str) -> list[Problem]:
    """Groups must name a declared party (or 'all'), once any parties are declared."""
    declared = {party.sector for party in compact.parties}
    problems = []
    for section in compact.undertakings.sections if compact.undertakings and declared else []:
        for group in section.groups:
            if group.party != "all" and group.party not in declared:
                problems.append(Problem(path, group.line_of("party"), "CS405",
                                        f"party '{group.party}' is not declared in 'parties'",
                                        f"section '{section.id}'"))
    return problems


def check_dates(compact: Compact, path: str) -> list[Problem]:
    """Dates in a possible order: nothing is reviewed before it was adopted, no period ends before it starts."""
    dates = compact.dates
    pairs = [("adopted", "review"), ("refreshed", "review"), ("start", "end"), ("adopted", "refreshed")]
    problems = []
    for earlier, later in pairs:
        a, b = getattr(dates, earlier), getattr(dates, later)
        if a and b and partial_date_key(b)[: len(b.split("-"))] < partial_date_key(a)[: len(b.split("-"))]:
            problems.append(Problem(path, dates.line_of(later), "CS302",
                                    f"dates.{later} ({b}) is before dates.{earlier} ({a})"))
    return problems


def check_placement(compact: Compact, path: str) -> list[Problem]:
    """``order`` names real parts, once each; ``principles.after_clause`` names a clause of a section."""
    known = set(PART_NAMES) | {f"about:{block.id}" for block in compact.about}
    problems, seen = [], set()
    for position, name in enumerate(compact.order):
        if name not in known or name in seen:
            why = "is listed twice" if name in seen else "is not a part; use " + ", ".join(sorted(known))
            problems.append(Problem(path, compact.line_of("order") + position + 1, "CS106", f"order: '{name}' {why}"))
        seen.add(name)
    principles = compact.principles
    if principles and principles.after_clause:
        sections = compact.undertakings.sections if compact.undertakings else []
        ids = {c.id for s in sections for c in s.clauses + [c for g in s.groups for c in g.clauses]}
        if principles.after_clause not in ids:
            problems.append(Problem(path, principles.line_of("after_clause"), "CS106",
                                    f"principles.after_clause: no clause '{principles.after_clause}' in the sections"))
    return problems


def check_review(node: BaseModel, path: str, subject: str = "") -> list[Problem]:
    """One warning per ``review:`` entry anywhere in a compact or glossary, at the line of the entry itself,
    naming the nearest part with an id (a group's entries are its section's)."""
    problems: list[Problem] = []
    _gather_review(node, path, subject, problems)
    return problems


def _gather_review(node: BaseModel, path: str, above: tuple | str, problems: list[Problem]) -> None:
    """:func:`check_review` for one node. ``above``: the nodes it is inside, nearest first, as nested pairs
    ending in the subject given: a part's subject is worked out only when it has entries (a few parts do; at
    400 compacts, naming every part cost 0.5 s)."""
    if isinstance(node, Node):
        above = (node, above)
        entries = node.review if isinstance(node.review, list) else []  # Dates.review is a date, not entries
        if entries:
            subject = _nearest_subject(above)
            problems += [Problem(path, node.item_line(REVIEW_KEY, position), "CS107", f"to review: {entry}", subject)
                         for position, entry in enumerate(entries)]
    for key in _node_fields(type(node)):
        value = getattr(node, key)
        for item in value if isinstance(value, list) else (value,):
            if isinstance(item, BaseModel):
                _gather_review(item, path, above, problems)


def _nearest_subject(above: tuple | str) -> str:
    """The subject of the nearest of these nodes that has one ('' for the others), or else the subject given."""
    while isinstance(above, tuple):
        node, above = above
        subject = _review_subject(node)
        if subject:
            return subject
    return above


@functools.cache
def _node_fields(model: type) -> tuple[str, ...]:
    """The fields of a model that may hold parts (not only text): the review walk skips the rest, a third of
    its time at national scale."""
    def holds_model(annotation) -> bool:
        return (isinstance(annotation, type) and issubclass(annotation, BaseModel)) or any(
            holds_model(arg) for arg in typing.get_args(annotation))
    return tuple(name for name, info in model.model_fields.items() if holds_model(info.annotation))


def _review_subject(node: Node) -> str:
    """How a review warning names its part: by id, or a term or signatory by its words ('' for the others)."""
    if isinstance(node, Term) and not node.id:
        return f"term '{node.term}'"
    if isinstance(node, Signatory):
        return f"signatory '{node.name or node.organisation or node.printed}'"
    return subject_of(node)


def not_ready(problems: list[Problem]) -> list[str]:
    """One line per file that still has review entries, saying plainly that it cannot be published yet."""
    counts: dict[str, int] = {}
    for problem in problems:
        if problem.code == "CS107":
            counts[problem.file] = counts.get(problem.file, 0) + 1
    return [f"{file}: not ready to publish: {count} review {'entry' if count == 1 else 'entries'} to check and "
            "delete [CS107]" for file, count in sorted(counts.items())]


def check_notes(compact: Compact, path: str) -> list[Problem]:
    """Editorial notes' ``applies_to`` name real clauses or sections; a section with only a title needs a
    ``missing`` note naming it (the source is cut off), else it is an error saying how to mend it."""
    sections = compact.undertakings.sections if compact.undertakings else []
    known = {node.id for node in compact.citable()} | {section.id for section in sections}
    problems, missing = [], set()
    for note in compact.editorial_notes:
        for position, ident in enumerate(note.applies_to):
            if ident not in known:
                problems.append(Problem(path, note.item_line("applies_to", position), "CS411",
                                        f"editorial note: applies_to: no clause or section '{ident}'"))
            elif note.kind == "missing":
                missing.add(ident)
    for section in sections:
        if section.title_only() and section.id not in missing:
            problems.append(Problem(
                path, section.line, "CS106", "has only a title: add its text ('clauses', 'groups' or 'intro'), "
                "or an editorial note of kind 'missing' that applies to it", f"section '{section.id}'",
                detail="Copy the section's text from the source document. If the source has none (it is cut off "
                f"after the title), say so under editorial_notes: `- kind: missing`, `applies_to: [\"{section.id}\"]` "
                "and a `text:` explaining what is missing."))
    return problems


def check_compact(compact: Compact, path: str) -> list[Problem]:
    """All single-compact checks."""
    return (check_ids(compact, path) + check_footnotes(compact, path) + check_parties(compact, path)
            + check_dates(compact, path) + check_placement(compact, path) + check_notes(compact, path)
            + check_review(compact, path))


def check_references(compacts: dict[str, Compact], files: dict[str, str],
                     term_ids: dict | None = None) -> list[Problem]:
    """Every ``[[...]]`` must name a compact in the set and a clause in it; ``[[glossary:id]]`` a known term."""
    ids = {slug: {node.id for node in c.citable()} | {f for cl in c.clauses() for f in cl.former_ids}
           for slug, c in compacts.items()}
    gone = {slug: {w.id for w in c.withdrawn} for slug, c in compacts.items()}
    term_ids = term_ids or {}
    problems = []
    for slug, compact in compacts.items():
        for node, key, text in walk_texts(compact):
            for ref in find_references(text):
                target = ref.compact or slug
                line = node.value_line(key) + ref.line_offset
                subject = subject_of(node)
                if target == TERM_REF_PREFIX:
                    if ref.clause_id not in term_ids.get(slug, set()):
                        problems.append(Problem(files[slug], line, "CS408",
                                                f"{ref.written}: no term '{ref.clause_id}' in this compact's or "
                                                f"the site's glossary", subject))
                elif target not in ids:
                    problems.append(Problem(files[slug], line, "CS402",
                                            f"reference {ref.written} names unknown compact '{target}'", subject))
                elif ref.clause_id in gone[target]:
                    problems.append(Problem(files[slug], line, "CS409",
                                            f"reference {ref.written}: clause '{ref.clause_id}' was withdrawn",
                                            subject))
                elif ref.clause_id not in ids[target]:
                    problems.append(Problem(files[slug], line, "CS401",
                                            f"reference {ref.written}: no clause '{ref.clause_id}' in '{target}'",
                                            subject))
        problems += _check_links(compact, files[slug], ids)
    return problems


def _check_links(compact: Compact, path: str, ids: dict[str, set[str]]) -> list[Problem]:
    """``see_also`` / ``derived_from`` ('slug:id') must name a clause of another compact in the site."""
    problems = []
    for clause in compact.clauses():
        for key in ("see_also", "derived_from"):
            for position, written in enumerate(getattr(clause, key, [])):
                target, _, ident = written.partition(":")
                line = clause.line_of(key) + position + 1
                if target not in ids:
                    problems.append(Problem(path, line, "CS402", f"{key}: '{written}' names unknown compact "
                                                                 f"'{target}'", subject_of(clause)))
                elif ident not in ids[target]:
                    problems.append(Problem(path, line, "CS401", f"{key}: '{written}': no clause '{ident}' in "
                                                                 f"'{target}'", subject_of(clause)))
    return problems


def check_succession(compacts: dict[str, Compact], files: dict[str, str]) -> list[Problem]:
    """``superseded_by`` must name another compact of the site (CS413), and a compact that names its successor
    should say it is superseded (CS414, a warning: the pages link both ways either way)."""
    problems = []
    for slug, compact in compacts.items():
        successor = compact.superseded_by
        if successor is None:
            continue
        line = compact.line_of("superseded_by")
        if successor == slug or successor not in compacts:
            why = "names this compact itself" if successor == slug else "names no compact of the site"
            problems.append(Problem(files[slug], line, "CS413", f"superseded_by '{successor}' {why}"))
        elif compact.status != "superseded":
            problems.append(Problem(files[slug], line, "CS414", f"superseded_by '{successor}', but the status is "
                                                                f"'{compact.status}', not 'superseded'"))
    return problems
