"""Frozen editions of a compact: archived texts that never change once frozen.

``compact-site edition freeze <slug> --date YYYY-MM-DD`` copies ``content/<slug>.yml`` byte for byte to
``content/editions/<slug>/<date>.yml`` and records the edition in ``content/editions/<slug>/editions.yml``
(date, label, the compact's status, SHA-256 of the frozen bytes). The record is per compact, beside the files
it vouches for: freezing one compact touches one folder, so two officers freezing different compacts never
edit the same file, and a compact's whole history moves or goes as one folder.

Every load rechecks each recorded hash (CS805), each recorded file's presence (CS806) and that every file in
the folder is recorded (CS808); frozen files are also validated as compacts at their own path, but are never
current compacts (no duplicate slugs) and are not published. The record is read and written by
content/edition_record.py. Frozen files are loaded with the current ones, by either process (site_loader).

A frozen file whose SHA-256 matches its record is still checked in full, every load, on purpose. Parsing it into
the model, its slug against its folder and its ids against the current text (CS809) must run anyway (the model
and the current text change). Its own checks (content/checks.py check_compact) look redundant, since the bytes
are those validated at freezing, but are not provably so: freezing refused errors only, so a frozen file may
carry warnings (CS107 review entries, an unused footnote) that every load reports today; the release that froze
it may have checked less than this one; and a text with errors is kept out of the timeline, which relies on
unique ids. Nothing records which checks a file passed, so skipping them could change what a build reports or
publishes; and they cost little (~0.4 ms of the ~3.5 ms a frozen file takes to load). (Whether a new release's
check firing on an archived text, which can never be edited, should be an error at all is a question of policy,
not of speed.)
"""
from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Callable, Iterator

from compact_site.content.checks import check_compact
from compact_site.content.edition_record import EDITIONS_DIR, RECORD_NAME, Edition, digest, read_record
from compact_site.content.loader import parse_compact, read_bytes, read_text
from compact_site.core.editions import current_edition_date
from compact_site.errors import Problem
from compact_site.model import Compact


@dataclass(frozen=True)
class FrozenText:
    """A recorded edition and the compact its frozen file holds (read only when the file checks out)."""

    edition: Edition
    compact: Compact
    file: str  # as shown in messages


Checked = tuple[list[Problem], list[tuple[str, str]], dict[str, list[FrozenText]]]


@dataclass(frozen=True)
class FrozenFile:
    """A recorded edition whose file is there, to be read, hashed and checked by :func:`load_frozen`: work that
    needs no other file, so the loader hands it out with the current files' (site_loader, map_in_two)."""

    edition: Edition
    slug: str
    path: Path
    shown: str
    record: str  # the record's path, as shown


@dataclass(frozen=True)
class FrozenLoad:
    """What :func:`load_frozen` found: its problems, the text when it checks out, and whether it was read (a file
    that cannot be read is not listed among the files checked)."""

    problems: list[Problem]
    text: FrozenText | None
    read: bool = True


@dataclass(frozen=True)
class FolderPlan:
    """One compact's editions folder as its record lists them, before any frozen file is read: the record's own
    problems, then per recorded edition a file to load or the CS806 saying it is missing."""

    folder: Path
    record: str
    editions: list[Edition]
    problems: list[Problem]
    steps: list[FrozenFile | Problem]

    @property
    def files(self) -> list[FrozenFile]:
        return [step for step in self.steps if isinstance(step, FrozenFile)]


def plan_editions(content: Path, shown_path: Callable[[Path], str]) -> tuple[list[Problem], list[FolderPlan]]:
    """The frozen files under ``content/editions/`` to load, folder by folder: (files outside any compact's
    folder, CS808; each compact's folder, in name order). Reads the records only."""
    root = content / EDITIONS_DIR
    if not root.is_dir():
        return [], []
    strays = [Problem(shown_path(stray), 0, "CS808", "not in a compact's editions folder "
                      f"({EDITIONS_DIR}/<slug>/), so not a recorded edition")
              for stray in sorted(p for p in root.iterdir() if p.is_file() and not p.name.startswith("."))]
    return strays, [plan_folder(folder, shown_path) for folder in sorted(p for p in root.iterdir() if p.is_dir())]


def plan_folder(folder: Path, shown_path: Callable[[Path], str]) -> FolderPlan:
    """One compact's record, and what to do for each edition it lists (load the file, or say it is missing)."""
    record = shown_path(folder / RECORD_NAME)
    editions, problems = read_record(folder / RECORD_NAME, record)
    steps: list[FrozenFile | Problem] = []
    for edition in editions:
        path = folder / edition.file_name
        shown = shown_path(path)
        steps.append(FrozenFile(edition, folder.name, path, shown, record) if path.is_file() else Problem(
            record, edition.line, "CS806", f"edition {edition.date} of '{folder.name}' is recorded, but {shown} is "
            "missing", detail=f"restore it with `git checkout -- {shown}`; an edition is never deleted once frozen"))
    return FolderPlan(folder, record, editions, problems, steps)


def load_frozen(item: FrozenFile) -> FrozenLoad:
    """One frozen file, read once: its hash rechecked (CS805), then checked in full as the compact it archives
    (see the module's docstring for why nothing is skipped when the hash matches)."""
    data, unread = read_bytes(item.path, item.shown)
    if data is None:
        return FrozenLoad(unread, None, read=False)
    problems = []
    if digest(data) != item.edition.sha256:
        problems.append(Problem(item.shown, 0, "CS805", f"edited after it was frozen (its SHA-256 differs from "
                                f"{item.record} line {item.edition.line})",
                                detail=f"restore it with `git checkout -- {item.shown}`, or put the change in the "
                                "current file and freeze a new edition"))
    found, compact = validate_frozen(item.path, item.shown, item.slug, data)
    ok = compact is not None and not any(p.severity == "error" for p in found)  # a changed hash alone keeps it
    return FrozenLoad(problems + found, FrozenText(item.edition, compact, item.shown) if ok else None)


def finish_folder(plan: FolderPlan, loads: Iterator[FrozenLoad], shown_path: Callable[[Path], str]) \
        -> tuple[list[Problem], list[tuple[str, str]], list[FrozenText]]:
    """A folder's problems, files checked and frozen texts (oldest first), from its plan and the loads of its
    files (taken from ``loads`` in the plan's order), as one pass through the folder would give them."""
    problems, frozen = list(plan.problems), []
    count = len(plan.editions)
    checked = [(plan.record, f"the record of {count} frozen edition{'s' * (count != 1)} of '{plan.folder.name}'")]
    for step in plan.steps:
        if isinstance(step, Problem):
            problems.append(step)
            continue
        load = next(loads)
        problems += load.problems
        if load.text is not None:
            frozen.append(load.text)
        if load.read:
            label = f" ({step.edition.label})" if step.edition.label else ""
            checked.append((step.shown, f"edition {step.edition.date} of '{plan.folder.name}'{label}, frozen, "
                            "not published"))
    recorded = {e.file_name for e in plan.editions} | {RECORD_NAME}
    for path in sorted(plan.folder.iterdir()):
        if path.name not in recorded and not path.name.startswith("."):
            problems.append(Problem(shown_path(path), 0, "CS808", f"not recorded in {plan.record}"))
    return problems, checked, sorted(frozen, key=lambda text: text.edition.date)


def check_editions(content: Path, shown_path: Callable[[Path], str],
                   plans: tuple[list[Problem], list[FolderPlan]] | None = None,
                   loads: Iterator[FrozenLoad] | None = None) -> Checked:
    """Recheck every compact's frozen editions under ``content/editions/``: (problems, (file, what it is),
    slug -> its frozen texts, oldest first). ``plans`` and ``loads``: :func:`plan_editions` and the
    :func:`load_frozen` of each of its files, in order, when the caller loaded them (in two processes);
    otherwise they are loaded here, one by one."""
    strays, folders = plans if plans is not None else plan_editions(content, shown_path)
    if loads is None:
        loads = map(load_frozen, [file for plan in folders for file in plan.files])
    problems, checked, texts = list(strays), [], {}
    for plan in folders:
        found, listed, texts[plan.folder.name] = finish_folder(plan, loads, shown_path)
        problems += found
        checked += listed
    return problems, checked, texts


def validate_frozen(path: Path, shown: str, slug: str, data: bytes) -> tuple[list[Problem], Compact | None]:
    """A frozen file (its bytes) checked as the compact it archives, reported at its own path (its slug names its
    folder); with the compact it holds, if it could be read."""
    text, problems = read_text(path, shown, data)
    if text is None:
        return problems, None
    compact, more = parse_compact(text, shown)  # no file-name check: its name is a date
    problems += more
    if compact is None:
        return problems, None
    if compact.slug != slug:
        problems.append(Problem(shown, compact.line_of("slug"), "CS203", f"slug '{compact.slug}' differs from its "
                                f"folder {EDITIONS_DIR}/{slug}/"))
    return problems + check_compact(compact, shown), compact


def check_lineage(current: Compact, current_file: str, frozen: list[FrozenText]) -> list[Problem]:
    """Every id of every frozen edition is accounted for in the current text (CS809: a clause there, a former id
    of one, or withdrawn), and the current text, once edited, states a date after its newest frozen edition (CS811:
    between freezing and editing, the current text is still the frozen one)."""
    problems: list[Problem] = []
    known = {node.id for node in current.citable()} | {gone.id for gone in current.withdrawn}
    known |= {old for node in current.citable() for old in getattr(node, "former_ids", [])}
    for text in frozen:
        for node in text.compact.citable():
            if node.id not in known:
                problems.append(Problem(text.file, node.line, "CS809", f"clause '{node.id}' of edition "
                                        f"{text.edition.date} is not in the current text {current_file}"))
                known.add(node.id)  # said once, at the first edition that has it
    stated = current_edition_date(current)
    if frozen and frozen[-1].compact != current and (not stated or stated[:len(frozen[-1].edition.date)] <= frozen[-1].edition.date[:len(stated)]):
        problems.append(Problem(current_file, current.line_of("dates"), "CS811", f"the current text states no date "
                                f"after its newest frozen edition ({frozen[-1].edition.date})"))
    return problems
