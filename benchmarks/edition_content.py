"""Past editions for the benchmark (issue 19, "Scale"): each compact with two frozen editions before its current text.

    ours-editions/content/<slug>.yml                        the current text, refreshed 2022-04
    ours-editions/content/editions/<slug>/2014-04-01.yml    "2014 edition" (the text as adopted), frozen
    ours-editions/content/editions/<slug>/2018-04-01.yml    "2018 refresh", frozen
    ours-editions/content/editions/<slug>/editions.yml      the record: date, label, status, sha256 of each

The current text is the compact run.py's "ours" builds (the same clauses in the same words) with its
``withdrawn:`` list and these dates; the editions are worked out backwards from it. Going from each edition to
the next, 10% of the clauses are reworded, 2% added and 2% withdrawn (at least one of each): a clause added later
is missing from the older text; a withdrawn clause (a new id, never reused) is in the older texts only and is
listed under ``withdrawn:``, with date and reason, in every later text, so every id of a frozen edition is
accounted for in the current text (CS809); each text is dated after the edition before it (CS811).

Each edition is frozen with the real command, ``compact-site edition freeze`` (a byte-for-byte copy and the
record with its SHA-256), after writing that edition's text as the current file, as an officer would.
"""
from __future__ import annotations

import argparse
import contextlib
import copy
import io
import json
import random
from pathlib import Path

from site_content import check_loads, ours_project, to_yaml

ADOPTED = "2014-04-01"
EDITIONS = (("2014-04-01", "2014 edition", None), ("2018-04-01", "2018 refresh", "2018-04"))  # date, label, refreshed
CURRENT = ("2022 refresh", "2022-04")  # version, refreshed
SHARES = {"reworded": 0.10, "added": 0.02, "withdrawn": 0.02}  # of the clauses of the newer text, per step
FILLER = ["local", "partners", "community", "services", "funding", "support", "together", "fair", "open", "early",
          "written"]


def earlier_wording(rng: random.Random, text: str) -> str:
    """How a clause read before it was reworded: one to three of its words different, or one left out."""
    words = text.split()
    for _ in range(rng.randint(1, 3)):
        at = rng.randrange(len(words))
        if len(words) > 8 and rng.random() < 0.3:
            del words[at]
        else:
            words[at] = rng.choice([w for w in FILLER if w != words[at]])
    earlier = " ".join(words)
    return earlier if earlier != text else text + " where possible"


def older(newer: dict, rng: random.Random, highest: dict[str, int], date: str, stated: str) -> tuple[dict, list[dict]]:
    """The edition before ``newer`` (frozen on ``date``): without the clauses ``newer`` added, with the ones it
    withdrew (new ids, after the highest a section ever had, at the end of their section), the reworded ones in
    their earlier words, signed only by those who had signed by then; and the ``withdrawn:`` entries that
    ``newer`` and every later text must carry, dated ``stated`` (when ``newer`` took effect)."""
    old = copy.deepcopy(newer)
    clauses = [(section, clause) for section in old["sections"] for clause in section["clauses"]]

    def count(share: float) -> int:
        return max(1, round(share * len(clauses)))
    added = rng.sample(range(len(clauses)), count(SHARES["added"]))
    for index in added:
        section, clause = clauses[index]
        section["clauses"].remove(clause)
    kept = [clauses[i][1] for i in range(len(clauses)) if i not in added]
    for clause in rng.sample(kept, count(SHARES["reworded"])):
        clause["text"] = earlier_wording(rng, clause["text"])
    gone = []
    for _ in range(count(SHARES["withdrawn"])):
        section = rng.choice(old["sections"])
        highest[section["id"]] += 1
        number = f"{section['id']}.{highest[section['id']]}"
        section["clauses"].append({"id": number, "number": number, "party": rng.choice(["statutory", "vcs", "all"]),
                                   "text": earlier_wording(rng, rng.choice(kept)["text"])})
        gone.append({"id": number, "number": number, "date": stated,
                     "reason": f"Dropped at the {stated[:4]} refresh: each partner now does this under its own policy."})
    old["signatories"] = [s for s in old["signatories"] if s["signed"] <= date]
    return old, gone


def texts(current: dict, rng: random.Random) -> list[dict]:
    """The compact's texts, oldest first: the two editions, then the current text."""
    current = {**current, "adopted": ADOPTED, "version": CURRENT[0], "refreshed": CURRENT[1], "withdrawn": []}
    highest = {s["id"]: len(s["clauses"]) for s in current["sections"]}  # baseline ids run s.1 … s.<size>
    chain, stated = [current], CURRENT[1]
    for date, label, refreshed in reversed(EDITIONS):
        edition, gone = older(chain[0], rng, highest, date, stated)
        for later in chain:  # listed in every text after the edition that last had it (the older one copied none)
            later["withdrawn"] = gone + later["withdrawn"]
        chain.insert(0, {**edition, "version": label, "refreshed": refreshed})
        stated = refreshed or ADOPTED
    return chain


def freeze(content: Path, slug: str, date: str, label: str) -> None:
    """``compact-site edition freeze <slug> --date <date> --label <label>``, its report kept out of the output."""
    # imported late: run.py first puts the copy of the code under test on the path
    from compact_site.cli.edition import cmd_edition_freeze
    with contextlib.redirect_stdout(io.StringIO()):
        code = cmd_edition_freeze(argparse.Namespace(content=content, slug=slug, date=date, label=label))
    assert code == 0, f"freezing {slug} {date} failed"


def editions_project(base: Path, n: int, seed: int = 19) -> Path:
    """Our project for the N compacts in ``base/data`` (written by site_content.generate), each with two frozen
    editions; checked to load with no error and no warning. Returns the project directory."""
    project = base / "ours-editions"
    content = ours_project(project)
    rng = random.Random(seed)
    for path in sorted((base / "data").glob("*.json")):
        compact = json.loads(path.read_text())
        *editions, current = texts(compact, rng)
        for (date, label, _), text in zip(EDITIONS, editions):
            (content / f"{compact['slug']}.yml").write_text(to_yaml(text), encoding="utf-8")
            freeze(content, compact["slug"], date, label)
        (content / f"{compact['slug']}.yml").write_text(to_yaml(current), encoding="utf-8")
    check_loads(content, n)
    return project
