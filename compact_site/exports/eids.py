"""Akoma Ntoso eIds for a compact's structure: the one place they are decided.

The AKN naming convention builds an eId from the eId of the nearest ancestor that has one, ``__``, the
element's short name (``sec``, ``para``, ``hcontainer``), ``_`` and its number. The XSD only asks for no
whitespace (``noWhiteSpace``: ``[^\\s]+``) and for uniqueness within the document.

The number part here is the node's **permanent id**, not its printed number, so an eId never changes when
a compact is renumbered (the printed number is in ``<num>``). Ids are lower-case letters and digits joined by
single ``.`` or ``-`` (``ID_PATTERN``): they never hold whitespace, ``_`` or ``__``, so they cannot break
the separators, and they are kept as they are, as Laws.Africa's AKN tools keep ``.`` and ``-`` in numbers::

    section 4 (undertakings)               sec_4
    clause 4.2 directly in section 4        sec_4__para_4.2
    the VCS group of section 4             sec_4__hcontainer_vcs        (2nd VCS group: hcontainer_vcs_2)
    clause s4-vcs-1 in that group          sec_4__hcontainer_vcs__para_s4-vcs-1
    the principles                         hcontainer_principles
    principle partnership-working          hcontainer_principles__para_partnership-working
    procedure disagreements                hcontainer_procedure-disagreements
    its stage stage-1                      hcontainer_procedure-disagreements__para_stage-1
    a prose part (introduction, ...)       hcontainer_introduction, hcontainer_codes-of-practice
    heading and intro over all sections    hcontainer_undertakings
    an 'about' passage with id context     hcontainer_about-context
    lists, tables, notes inside a text     <parent>__list_1, <parent>__table_1, <parent>__authorialNote_1

Unique: section ids are unique among sections, clause ids among all citable nodes of a compact, procedure
and passage ids in their own namespaces (checked on load, CS201), and the fixed part names hold no
``procedure-`` or ``about-`` prefix. Party groups are named by party; a section's second group for the same
party gets ``_2``, so eIds inside the first one never move.
"""
from __future__ import annotations

from typing import Iterator

from compact_site.model import Compact, Node

PROSE_PARTS = ("introduction", "purpose", "vision", "outcomes", "objectives", "codes_of_practice", "governance")
"""Compact parts that are prose blocks, published in the AKN body as ``hcontainer``s."""


def join(prefix: str, part: str) -> str:
    """``prefix__part``, or ``part`` at the top."""
    return f"{prefix}__{part}" if prefix else part


def section_eid(section_id: str) -> str:
    return f"sec_{section_id}"


def part_eid(name: str) -> str:
    """A prose part or the principles: ``codes_of_practice`` -> ``hcontainer_codes-of-practice``."""
    return f"hcontainer_{name.replace('_', '-')}"


def about_eid(about_id: str) -> str:
    return f"hcontainer_about-{about_id}"


def procedure_eid(procedure_id: str) -> str:
    return f"hcontainer_procedure-{procedure_id}"


def clause_eid(parent: str, clause_id: str) -> str:
    return join(parent, f"para_{clause_id}")


def group_eids(section_eid_: str, parties: list[str]) -> list[str]:
    """eIds of a section's party groups, in order: by party, numbered from the second of the same party."""
    seen: dict[str, int] = {}
    out = []
    for party in parties:
        seen[party] = seen.get(party, 0) + 1
        suffix = "" if seen[party] == 1 else f"_{seen[party]}"
        out.append(join(section_eid_, f"hcontainer_{party}{suffix}"))
    return out


def clause_eids(compact: Compact) -> Iterator[tuple[Node, str]]:
    """Every citable node of a compact with its eId, in the order of ``Compact.citable()``."""
    if compact.principles:
        for item in compact.principles.items:
            yield item, clause_eid(part_eid("principles"), item.id)
    for section in compact.undertakings.sections if compact.undertakings else []:
        sec = section_eid(section.id)
        for clause in section.clauses:
            yield clause, clause_eid(sec, clause.id)
        for group, group_eid in zip(section.groups, group_eids(sec, [g.party for g in section.groups])):
            for clause in group.clauses:
                yield clause, clause_eid(group_eid, clause.id)
    for procedure in compact.procedures:
        for step in procedure.steps:
            yield step, clause_eid(procedure_eid(procedure.id), step.id)
