"""``compact-site edition freeze``: archive the current text of a compact as a dated edition, byte for byte."""
from __future__ import annotations

import argparse
import sys
from pathlib import Path

from compact_site.content.edition_record import (EDITIONS_DIR, GIT_ATTRIBUTES, RECORD_NAME, Edition, date_fault,
                                                 digest, read_record, record_text)
from compact_site.content.site_loader import load_content, reserved_slug, shown_path
from compact_site.errors import Problem
from compact_site.model.base import _ID_RE


def refusals(content: Path, slug: str, date: str) -> tuple[list[Problem], list[Edition], str]:
    """Why this edition may not be frozen (empty when it may), the editions already recorded, and the status
    the current file gives. The current file must validate: an archived text with errors could never be fixed."""
    current = content / f"{slug}.yml"
    if not _ID_RE.match(slug) or "." in slug or reserved_slug(slug) or not current.is_file():
        return [Problem(shown_path(current), 0, "CS801", f"no compact '{slug}' in {shown_path(content)}")], [], ""
    fault = date_fault(date)
    if fault:
        return [Problem(shown_path(current), 0, "CS802", f"edition date {fault}")], [], ""
    folder = content / EDITIONS_DIR / slug
    record = folder / RECORD_NAME
    editions, problems = read_record(record, shown_path(record))
    if problems:
        return problems, [], ""
    earlier = next((e for e in editions if e.date == date), None)
    if earlier is not None or (folder / f"{date}.yml").exists():
        where = (shown_path(record), earlier.line) if earlier else (shown_path(folder / f"{date}.yml"), 0)
        return [Problem(*where, "CS803", f"an edition of '{slug}' dated {date} is already frozen")], [], ""
    loaded = load_content([current])
    if loaded.errors:
        count = len(loaded.errors)
        return loaded.errors + [Problem(shown_path(current), 0, "CS804", f"{count} error{'s' * (count != 1)} "
                                        "above: an edition is frozen only from a file that validates")], [], ""
    return [], editions, loaded.compacts[0].status


def cmd_edition_freeze(args: argparse.Namespace) -> int:
    problems, editions, status = refusals(args.content, args.slug, args.date)
    if problems:
        for problem in problems:
            print(problem.format(), file=sys.stderr)
        print("nothing was frozen", file=sys.stderr)
        return 1
    data = (args.content / f"{args.slug}.yml").read_bytes()  # bytes, never text: the copy must be exact
    folder = args.content / EDITIONS_DIR / args.slug
    folder.mkdir(parents=True, exist_ok=True)
    attributes = folder.parent / ".gitattributes"
    if not attributes.exists():
        attributes.write_text(GIT_ATTRIBUTES, encoding="utf-8")
    frozen = folder / f"{args.date}.yml"
    frozen.write_bytes(data)
    edition = Edition(args.date, args.label or "", status, digest(data))
    (folder / RECORD_NAME).write_text(record_text(editions + [edition]), encoding="utf-8")
    print(f"froze {shown_path(args.content / f'{args.slug}.yml')} as {shown_path(frozen)} (status {status}, "
          f"sha256 {edition.sha256[:12]}…), recorded in {shown_path(folder / RECORD_NAME)}.\n"
          f"Commit both files; from now on edit {shown_path(args.content / f'{args.slug}.yml')} only.")
    return 0


def add_parser(commands) -> None:
    edition = commands.add_parser("edition", help="archive dated editions of a compact")
    actions = edition.add_subparsers(dest="action", required=True)
    freeze = actions.add_parser("freeze", help=f"copy content/<slug>.yml to content/{EDITIONS_DIR}/<slug>/<date>.yml")
    freeze.add_argument("slug", help="the compact, e.g. sandwell")
    freeze.add_argument("--date", required=True, help="the edition's date, YYYY-MM-DD")
    freeze.add_argument("--label", help='how the edition is known, e.g. "July 2011 refresh"')
    freeze.add_argument("--content", type=Path, default=Path("content"), help="content folder (default: content/)")
    freeze.set_defaults(run=cmd_edition_freeze)
