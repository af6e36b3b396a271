"""The record of a compact's frozen editions, ``content/editions/<slug>/editions.yml``: date, label, the status the
compact had, and the SHA-256 of each frozen file's bytes, as ``compact-site edition freeze`` writes it
(cli/edition.py) and every load reads it back (content/editions.py)."""
from __future__ import annotations

import datetime as dt
import hashlib
import re
from dataclasses import dataclass
from pathlib import Path

import yaml

from compact_site.content.loader import read_text
from compact_site.content.yaml_reader import parse_yaml
from compact_site.errors import Problem

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
