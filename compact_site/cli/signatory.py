"""``compact-site signatory add``: append a signatory to a compact file without disturbing anything else.

Authors annotate compact files heavily, so the file is edited with ruamel.yaml's round-trip mode, which
keeps comments, blank lines and quoting; the result is then checked to differ from the original only by
the inserted lines, and validated like any compact, before it atomically replaces the file. Exit codes
follow ``compact-site``: 0 added, 1 the content stops us (errors, duplicate), 2 the command was misused.
"""
from __future__ import annotations

import argparse
import codecs
import datetime as dt
import difflib
import io
import os
import sys
import tempfile
from pathlib import Path
from typing import Any, get_args

import yaml
from ruamel.yaml import YAML
from ruamel.yaml.comments import CommentedMap, CommentedSeq
from ruamel.yaml.error import CommentMark, YAMLError
from ruamel.yaml.scalarstring import FoldedScalarString, LiteralScalarString, SingleQuotedScalarString
from ruamel.yaml.tokens import CommentToken

from compact_site.content.loader import parse_compact, read_text
from compact_site.model.base import _DATE_RE
from compact_site.model.people import Sector

SECTORS = get_args(Sector)
BOM_BYTES = codecs.BOM_UTF8


class Stop(Exception):
    """Ends the command with a message (one or more lines) and an exit code; never a traceback."""

    def __init__(self, code: int, *lines: str) -> None:
        super().__init__(lines[0] if lines else "")
        self.code, self.lines = code, lines


def add_parser(commands: argparse._SubParsersAction) -> None:
    """Register ``signatory add`` on the ``compact-site`` sub-command list."""
    signatory = commands.add_parser("signatory", help="edit a compact's signatories")
    actions = signatory.add_subparsers(dest="action", required=True)
    add = actions.add_parser("add", help="append a signatory, keeping the file's comments and layout")
    add.add_argument("compact", help="a compact's slug (e.g. sandwell) or the path of its .yml file")
    add.add_argument("--organisation", required=True, metavar="ORG", help="the organisation signed for")
    add.add_argument("--name", metavar="NAME", help="the person who signed, if printed")
    add.add_argument("--role", metavar="ROLE", help="their role, e.g. 'Chief Executive'")
    add.add_argument("--sector", default="unknown", metavar="SECTOR",
                     help=f"one of {', '.join(SECTORS)} (default: unknown)")
    add.add_argument("--signed", metavar="YYYY-MM-DD", help="when they signed: YYYY, YYYY-MM or YYYY-MM-DD")
    add.add_argument("--printed", metavar="TEXT", help="the line as printed (default: name, role and organisation)")
    add.add_argument("--dir", type=Path, default=Path("content"), help="where slugs are found (default: content/)")
    add.set_defaults(run=cmd_signatory_add)


def cmd_signatory_add(args: argparse.Namespace) -> int:
    """Run ``signatory add``; every refusal is a message and an exit code, and leaves the file untouched."""
    try:
        entry = _entry(args)
        path, shown = _locate(args.compact, args.dir)
        added, count = _add(path, shown, entry)
    except Stop as stop:
        print("\n".join(stop.lines), file=sys.stderr)
        return stop.code
    print(f"added {added} to {shown} ({count} signator{'y' if count == 1 else 'ies'})")
    return 0


def _entry(args: argparse.Namespace) -> CommentedMap:
    """The new signatory, keys in the model's (and the content files') order; misuse is refused here,
    before any file is read, so a typo costs nothing."""
    values = {}
    for option in ("name", "role", "organisation", "printed"):
        value = getattr(args, option)
        if value is not None:
            value = value.strip()
            if not value or "\n" in value or "\r" in value:
                raise Stop(2, f"--{option} {getattr(args, option)!r}: give one line of text, not empty")
            values[option] = value
    if args.sector not in SECTORS:
        raise Stop(2, f"--sector '{args.sector}' is not allowed: use {', '.join(SECTORS)}")
    entry = CommentedMap()
    for key in ("name", "role", "organisation"):
        if key in values:
            entry[key] = _plain_or_quoted(values[key])
    entry["sector"] = args.sector
    if args.signed is not None:
        entry["signed"] = _signed(args.signed)
    printed = values.get("printed") or " ".join(values[k] for k in ("name", "role", "organisation") if k in values)
    entry["printed"] = _plain_or_quoted(printed)
    return entry


def _signed(value: str) -> Any:
    """A partial date as the content files write dates: unquoted (a date, a year or 'YYYY-MM' text)."""
    match = _DATE_RE.match(value.strip())
    try:
        year, month, day = (int(part) if part else None for part in match.groups())  # type: ignore[union-attr]
        date = dt.date(year, month or 1, day or 1)
    except (AttributeError, ValueError):  # no match, or no such month or day
        raise Stop(2, f"--signed '{value}' is not a date: write YYYY, YYYY-MM or YYYY-MM-DD") from None
    return date if day else year if month is None else f"{year:04d}-{month:02d}"


def _plain_or_quoted(value: str) -> str:
    """Quote text the site's YAML reader (YAML 1.1) would take for something else ('yes', '1:20'), which
    ruamel.yaml (YAML 1.2) would otherwise write plain; everything else keeps the files' plain style."""
    try:
        same = yaml.safe_load(value) == value
    except yaml.YAMLError:
        same = False
    return value if same else SingleQuotedScalarString(value)


def _locate(compact: str, folder: Path) -> tuple[Path, str]:
    """The file a slug or path names, and how to show it; a missing file is misuse (exit 2)."""
    if compact.endswith((".yml", ".yaml")) or "/" in compact or os.sep in compact:
        path = Path(compact)
        if not path.is_file():
            raise Stop(2, f"{compact}: no such compact file")
        return path, compact
    path = folder / f"{compact}.yml"
    if not path.is_file():
        known = sorted(p.stem for p in folder.glob("*.yml")) if folder.is_dir() else []
        hint = difflib.get_close_matches(compact, known, n=1)
        raise Stop(2, f"no compact '{compact}': {path} does not exist"
                   + (f" (did you mean '{hint[0]}'?)" if hint else ""))
    return path, str(path)


def _add(path: Path, shown: str, entry: CommentedMap) -> tuple[str, int]:
    """Check, edit, check again and write; returns the organisation added and the new count."""
    text, problems = read_text(path, shown)  # drops a byte-order mark; noted below to put it back
    if text is None:
        raise Stop(1, *(p.format() for p in problems))
    with path.open("rb") as raw:
        bom = raw.read(len(BOM_BYTES)) == BOM_BYTES
    compact, problems = parse_compact(text, shown, path.stem)
    _refuse_errors(problems, "nothing was added; fix these first")
    _refuse_duplicate(compact, shown, entry)
    # ruamel.yaml reads '\r\n' as '\n' and writes '\n': edit in '\n' and restore the file's own line ends
    newline = "\r\n" if "\r\n" in text else "\n"
    work = text.replace("\r\n", "\n")
    work += "" if work.endswith("\n") else "\n"  # the dump always ends lines; a missing last one is added
    edited, replaced = _insert(work, entry, shown)
    unexpected = _first_unkept_line(work, edited, replaced)
    if unexpected:
        raise Stop(1, f"{shown}:{unexpected}: adding here would also rewrite this line "
                   f"({work.splitlines()[unexpected - 1].strip()!r}), so nothing was written; the file's "
                   "layout differs from the content files' (keys indented 2, list dashes 2 under their key)")
    new_compact, problems = parse_compact(edited, shown, path.stem)
    _refuse_errors(problems, "the file would not be valid with this signatory (line numbers as it would be), "
                             "so nothing was written")
    _write_atomically(path, edited.replace("\n", newline).encode("utf-8"), bom)
    return str(entry["organisation"]), len(new_compact.signatories.items)


def _refuse_errors(problems: list, why: str) -> None:
    errors = sorted(p for p in problems if p.severity == "error")
    if errors:
        raise Stop(1, *(p.format() for p in errors), why)


def _norm(value: str | None) -> str:
    """Compare names as people would: case and spacing do not matter."""
    return " ".join((value or "").split()).casefold()


def _refuse_duplicate(compact: Any, shown: str, entry: CommentedMap) -> None:
    """An organisation signs once per person (or once, unnamed): a second entry is almost always a slip."""
    signatories = compact.signatories.items if compact.signatories else []
    for existing in signatories:
        if (_norm(existing.organisation), _norm(existing.name)) == (_norm(entry["organisation"]),
                                                                    _norm(entry.get("name"))):
            who = " of ".join(part for part in (existing.name, existing.organisation) if part)
            raise Stop(1, f"{shown}:{existing.line}: {who} is already a signatory (printed: {existing.printed!r});"
                          " nothing was added")


def _yaml() -> YAML:
    """The round-trip settings that reproduce every content file byte for byte."""
    rt = YAML()
    rt.preserve_quotes = True
    rt.width = 4096  # never re-wrap long lines
    rt.indent(mapping=2, sequence=4, offset=2)
    return rt


def _dump(data: Any) -> str:
    out = io.StringIO()
    _yaml().dump(data, out)
    return out.getvalue()


def _insert(work: str, entry: CommentedMap, shown: str) -> tuple[str, int | None]:
    """The text with ``entry`` appended to signatories.items, and the line (1-based) knowingly rewritten
    (``items: []`` becoming ``items:``), if any."""
    try:
        data = _yaml().load(work)
    except (YAMLError, ValueError, TypeError) as err:  # PyYAML accepted it, so this is rare
        raise Stop(1, f"{shown}: ruamel.yaml could not read the file: {err}") from None
    if "signatories" not in data:
        # appended as text: nothing of the file is re-emitted, and a blank line keeps the blocks apart
        block = _dump(CommentedMap(signatories=CommentedMap(items=CommentedSeq([entry]))))
        return work + ("" if work.endswith("\n\n") else "\n") + block, None
    signatories, replaced = data["signatories"], None
    if not signatories:  # 'signatories:' (null) or 'signatories: {}'
        tail, replaced = _detach_tail(data, "signatories"), data.lc.key("signatories")[0] + 1
        signatories = data["signatories"] = CommentedMap()
    elif signatories.fa.flow_style():
        raise Stop(1, f"{shown}:{data.lc.key('signatories')[0] + 1}: signatories is written in flow style "
                      "({...}); write it as indented lines, then run again")
    else:
        tail = None
    items = signatories.get("items")
    if items is None:
        if tail is None:
            tail = _detach_tail(signatories, list(signatories)[-1]) if signatories else ""
        signatories["items"] = CommentedSeq([entry])
    elif not items:  # 'items: []' becomes a block list; the line itself is rewritten
        tail, replaced = _detach_tail(signatories, "items"), signatories.lc.key("items")[0] + 1
        signatories["items"] = CommentedSeq([entry])
    elif items.fa.flow_style():
        raise Stop(1, f"{shown}:{signatories.lc.key('items')[0] + 1}: signatories.items is written in flow "
                      "style ([...]); write one '- ' entry per line, then run again")
    else:
        tail = _detach_tail(items[-1], list(items[-1])[-1])
        items.append(entry)
    if tail:
        # the blank lines and comments that followed the old last entry now follow the new one
        entry.ca.items[list(entry)[-1]] = [None, None, CommentToken("\n" + tail, CommentMark(0)), None]
    return _dump(data), replaced


def _detach_tail(owner: CommentedMap, key: Any) -> str:
    """Take the lines that ruamel.yaml hangs on ``owner[key]`` but that follow it in the file (blank lines,
    full-line comments, up to the next key), so a new entry can go right after ``key``'s own line."""
    slot = owner.ca.items.get(key)
    token = slot[2] if slot and len(slot) > 2 else None
    if token is None:
        return ""
    if isinstance(owner[key], (LiteralScalarString, FoldedScalarString)):
        # after a block scalar the token starts on a line of its own; a comment first keeps its column
        slot[2] = None
        return (" " * token.start_mark.column if token.value.startswith("#") else "") + token.value
    first, _, rest = token.value.partition("\n")  # the first line ends the value's own line (inline comment)
    token.value = first + "\n"
    return rest


def _first_unkept_line(old: str, new: str, replaced: int | None) -> int | None:
    """The first original line (1-based) that ``new`` does not keep, if ``new`` is not ``old`` with one
    block inserted (and the ``replaced`` line rewritten): the promise of the command, checked every time."""
    before, after = old.splitlines(keepends=True), new.splitlines(keepends=True)
    head = 0
    while head < min(len(before), len(after)) and before[head] == after[head]:
        head += 1
    tail = 0
    while tail < min(len(before), len(after)) - head and before[-1 - tail] == after[-1 - tail]:
        tail += 1
    lost = [n + 1 for n in range(head, len(before) - tail) if n + 1 != replaced]
    return lost[0] if lost else None


def _write_atomically(path: Path, data: bytes, bom: bool) -> None:
    """Write beside the file and rename over it, so a crash never leaves half a compact."""
    target = path.resolve()  # through a symlink, so the link itself survives
    handle, temp = tempfile.mkstemp(dir=target.parent, prefix=f".{target.name}.", suffix=".tmp")
    try:
        with os.fdopen(handle, "wb") as out:
            out.write((BOM_BYTES if bom else b"") + data)
            out.flush()
            os.fsync(out.fileno())
        os.chmod(temp, target.stat().st_mode & 0o7777)  # mkstemp makes 0600; keep the file's own mode
        os.replace(temp, target)
    except OSError as err:
        Path(temp).unlink(missing_ok=True)
        raise Stop(2, f"cannot write {path}: {err.strerror}; the file is unchanged") from None
