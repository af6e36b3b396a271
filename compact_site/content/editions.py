"""Frozen editions of a compact: archived texts that never change once frozen.

``compact-site edition freeze <slug> --date YYYY-MM-DD`` copies ``content/<slug>.yml`` byte for byte to
``content/editions/<slug>/<date>.yml`` and records the edition in ``content/editions/<slug>/editions.yml``
(date, label, the compact's status, SHA-256 of the frozen bytes). The record is per compact, beside the files
it vouches for: freezing one compact touches one folder, so two officers freezing different compacts never
edit the same file, and a compact's whole history moves or goes as one folder.

Every load rechecks each recorded hash (CS805), each recorded file's presence (CS806) and that every file in
the folder is recorded (CS808); frozen files are also validated as compacts at their own path, but are never
current compacts (no duplicate slugs) and are not published.
"""
from __future__ import annotations

import datetime as dt
import hashlib
import re
from dataclasses import dataclass
from pathlib import Path
from typing import Callable

import yaml

from compact_site.content.checks import check_compact
from compact_site.content.loader import parse_compact, read_bytes, read_text
from compact_site.content.yaml_reader import parse_yaml
from compact_site.core.editions import current_edition_date
from compact_site.errors import Problem
from compact_site.model import Compact

EDITIONS_DIR = "editions"
RECORD_NAME = "editions.yml"
GIT_ATTRIBUTES = "* -text\n"  # git must never turn line ends (core.autocrlf) in frozen files: the hash is of bytes
_FULL_DATE_RE = re.compile(r"^\d{4}-\d{2}-\d{2}$")
_SHA_RE = re.compile(r"^[0-9a-f]{64}$")
RECORD_HEADER = ("# The frozen editions of this compact, kept by `compact-site edition freeze`. Do not edit by hand.\n"
                 "# Each <date>.yml beside this file must stay byte for byte as frozen: the build checks its "
                 "sha256.\n")


@dataclass(frozen=True)
class Edition:
    """One recorded edition: its date (also its file name), label, the status the compact had, and the hash."""

    date: str
    label: str
    status: str
    sha256: str
    line: int = 0  # where its entry starts in the record (0 for one not yet written)

    @property
    def file_name(self) -> str:
        return f"{self.date}.yml"


def digest(data: bytes) -> str:
    """The SHA-256 of a frozen file's bytes, in hex (as ``sha256sum`` prints it)."""
    return hashlib.sha256(data).hexdigest()


def date_fault(value: str) -> str | None:
    """Why ``value`` is not an edition date (a full, real YYYY-MM-DD), or None when it is one."""
    if not _FULL_DATE_RE.match(value):
        return f"'{value}' is not written YYYY-MM-DD"
    try:
        dt.date.fromisoformat(value)
    except ValueError as err:
        return f"'{value}' is not a real date ({err})"
    return None


def read_record(path: Path, shown: str) -> tuple[list[Edition], list[Problem]]:
    """The editions recorded in ``path`` (none when it does not exist); every fault is a CS807 at its line."""
    if not path.is_file():
        return [], []
    text, problems = read_text(path, shown)
    if text is None:
        return [], problems
    try:
        data = parse_yaml(text).data
    except (yaml.YAMLError, ValueError, RecursionError) as err:
        mark = getattr(err, "problem_mark", None)
        return [], [Problem(shown, mark.line + 1 if mark else 0, "CS807", f"not readable as YAML: {err}")]
    entries = data.get("editions") if isinstance(data, dict) else None
    if not isinstance(entries, list):
        return [], [Problem(shown, getattr(data, "line", 1), "CS807", "no `editions:` list")]
    editions: list[Edition] = []
    for number, entry in enumerate(entries):
        line = entries.item_lines[number]
        fault = _entry_fault(entry)
        if fault:
            problems.append(Problem(shown, line, "CS807", fault))
        elif any(e.date == entry["date"] for e in editions):
            problems.append(Problem(shown, line, "CS807", f"edition {entry['date']} is recorded twice"))
        else:
            editions.append(Edition(entry["date"], entry.get("label") or "", entry["status"], entry["sha256"], line))
    return editions, problems


def _entry_fault(entry: object) -> str | None:
    """What is wrong with one entry of the record, if anything."""
    if not isinstance(entry, dict):
        return "an entry is not a mapping of date, label, status and sha256"
    date, sha, status = entry.get("date"), entry.get("sha256"), entry.get("status")
    if not isinstance(date, str):
        return "an entry has no date (YYYY-MM-DD)"
    if date_fault(date):
        return f"date {date_fault(date)}"
    if not isinstance(sha, str) or not _SHA_RE.match(sha):
        return f"edition {date}: sha256 is not 64 hex digits"
    if not isinstance(status, str) or not isinstance(entry.get("label", ""), str):
        return f"edition {date}: status (and label, when given) must be text"
    return None


def record_text(editions: list[Edition]) -> str:
    """The record's text: a comment saying what it is, then the editions oldest first."""
    entries = [{"date": e.date, **({"label": e.label} if e.label else {}), "status": e.status, "sha256": e.sha256}
               for e in sorted(editions, key=lambda e: e.date)]
    return RECORD_HEADER + yaml.safe_dump({"editions": entries}, sort_keys=False, allow_unicode=True, width=1000)


@dataclass(frozen=True)
class FrozenText:
    """A recorded edition and the compact its frozen file holds (read only when the file checks out)."""

    edition: Edition
    compact: Compact
    file: str  # as shown in messages


Checked = tuple[list[Problem], list[tuple[str, str]], dict[str, list[FrozenText]]]


def check_editions(content: Path, shown_path: Callable[[Path], str]) -> Checked:
    """Recheck every compact's frozen editions under ``content/editions/``: (problems, (file, what it is),
    slug -> its frozen texts, oldest first)."""
    problems: list[Problem] = []
    checked: list[tuple[str, str]] = []
    texts: dict[str, list[FrozenText]] = {}
    root = content / EDITIONS_DIR
    if not root.is_dir():
        return problems, checked, texts
    for stray in sorted(p for p in root.iterdir() if p.is_file() and not p.name.startswith(".")):
        problems.append(Problem(shown_path(stray), 0, "CS808", "not in a compact's editions folder "
                                f"({EDITIONS_DIR}/<slug>/), so not a recorded edition"))
    for folder in sorted(p for p in root.iterdir() if p.is_dir()):
        found, listed, frozen = check_folder(folder, shown_path)
        problems += found
        checked += listed
        texts[folder.name] = frozen
    return problems, checked, texts


def check_folder(folder: Path, shown_path: Callable[[Path], str]) -> tuple[list[Problem], list[tuple[str, str]],
                                                                           list[FrozenText]]:
    """One compact's editions: record, hashes, files present and recorded, each file valid as that compact;
    with the frozen texts that check out, oldest first."""
    frozen: list[FrozenText] = []
    slug, record = folder.name, folder / RECORD_NAME
    editions, problems = read_record(record, shown_path(record))
    checked = [(shown_path(record), f"the record of {len(editions)} frozen edition{'s' * (len(editions) != 1)} of '{slug}'")]
    for edition in editions:
        path = folder / edition.file_name
        shown = shown_path(path)
        if not path.is_file():
            problems.append(Problem(shown_path(record), edition.line, "CS806", f"edition {edition.date} of "
                                    f"'{slug}' is recorded, but {shown} is missing",
                                    detail=f"restore it with `git checkout -- {shown}`; an edition is never "
                                    "deleted once frozen"))
            continue
        data, unread = read_bytes(path, shown)  # read once: hashed here, then checked as a compact
        if data is None:
            problems += unread
            continue
        if digest(data) != edition.sha256:
            problems.append(Problem(shown, 0, "CS805", f"edited after it was frozen (its SHA-256 differs from "
                                    f"{shown_path(record)} line {edition.line})",
                                    detail=f"restore it with `git checkout -- {shown}`, or put the change in the "
                                    f"current file and freeze a new edition"))
        found, compact = validate_frozen(path, shown, slug, data)
        problems += found
        if compact is not None and not any(p.severity == "error" for p in found):
            frozen.append(FrozenText(edition, compact, shown))
        checked.append((shown, f"edition {edition.date} of '{slug}'" + (f" ({edition.label})" if edition.label
                                                                        else "") + ", frozen, not published"))
    recorded = {e.file_name for e in editions} | {RECORD_NAME}
    for path in sorted(folder.iterdir()):
        if path.name not in recorded and not path.name.startswith("."):
            problems.append(Problem(shown_path(path), 0, "CS808", f"not recorded in {shown_path(record)}"))
    return problems, checked, sorted(frozen, key=lambda text: text.edition.date)


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
