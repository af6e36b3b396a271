"""The ``compact-site`` command: validate content, start a new compact, print the schema or the error
catalogue. Exit codes: 0 fine, 1 content has errors, 2 the command itself was misused."""
from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import Sequence

from compact_site.cli.anchors import add_parser as add_anchors_parser
from compact_site.cli.build import add_parser as add_build_parser  # MkDocs is imported only when a build runs
from compact_site.cli.edition import add_parser as add_edition_parser
from compact_site.cli.export import add_parser as add_export_parser
from compact_site.cli.import_file import add_parser as add_import_parser
from compact_site.cli.signatory import add_parser as add_signatory_parser
from compact_site.content.checks import not_ready
from compact_site.content.schema import schema_text, write_schema
from compact_site.content.site_loader import load_content, plural, summary
from compact_site.errors import catalogue_markdown
from compact_site.model.base import _ID_RE

STARTER = Path(__file__).parent.parent / "starter.yml"


def cmd_validate(args: argparse.Namespace) -> int:
    """List every file read (and every file skipped, with why), every problem, then the totals. Warnings fail
    only under --strict, as in the build: the published site is built strict, so a warning (such as a review
    entry left in) still stops it being published, and the summary says so."""
    loaded = load_content(args.paths or [Path("content")])
    for shown, what in sorted(loaded.checked):
        print(f"{shown}: {what}")
    for problem in loaded.errors + loaded.warnings:
        print(("warning: " if problem.severity == "warning" else "") + problem.format(), file=sys.stderr)
    errors, warnings = len(loaded.errors), len(loaded.warnings)
    for line in not_ready(loaded.warnings):
        print(line, file=sys.stderr)
    print(f"{summary(loaded)} checked: {plural(errors, 'error')}, {plural(warnings, 'warning')}",
          file=sys.stderr if errors else sys.stdout)
    return 1 if errors or (args.strict and warnings) else 0


def cmd_new(args: argparse.Namespace) -> int:
    slug = args.slug
    if not _ID_RE.match(slug) or "." in slug:
        print(f"'{slug}' is not a usable slug: use lower-case letters, digits and hyphens (e.g. 'north-tyneside')",
              file=sys.stderr)
        return 2
    target = args.dir / f"{slug}.yml"
    if target.exists():
        print(f"{target} already exists; choose another slug or edit that file", file=sys.stderr)
        return 2
    title = " ".join(part.capitalize() for part in slug.split("-"))
    args.dir.mkdir(parents=True, exist_ok=True)
    target.write_text(STARTER.read_text(encoding="utf-8").replace("__SLUG__", slug).replace("__TITLE__", title),
                      encoding="utf-8")
    print(f"created {target}: edit it, then check it with `.venv/bin/compact-site validate` (or `./dev validate`)")
    return 0


def cmd_schema(args: argparse.Namespace) -> int:
    if args.write:
        print(f"wrote {write_schema()}")
    else:
        sys.stdout.write(schema_text())
    return 0


def cmd_errors(args: argparse.Namespace) -> int:
    sys.stdout.write(catalogue_markdown())
    return 0


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="compact-site", description="Publish local compacts as websites.")
    commands = parser.add_subparsers(dest="command", required=True)
    validate = commands.add_parser("validate", help="check compact files and list every problem")
    validate.add_argument("paths", nargs="*", type=Path, help="files or folders (default: content/)")
    validate.add_argument("--strict", action="store_true", help="fail on warnings too")
    validate.set_defaults(run=cmd_validate)
    new = commands.add_parser("new", help="start a new compact from a commented template")
    new.add_argument("slug", help="the compact's address, e.g. north-tyneside")
    new.add_argument("--dir", type=Path, default=Path("content"), help="where to create it (default: content/)")
    new.set_defaults(run=cmd_new)
    schema = commands.add_parser("schema", help="print the JSON Schema of the compact format")
    schema.add_argument("--write", action="store_true", help="rewrite the schema file shipped in the package")
    schema.set_defaults(run=cmd_schema)
    errors = commands.add_parser("errors", help="print the error catalogue (Markdown)")
    errors.set_defaults(run=cmd_errors)
    add_signatory_parser(commands)  # `signatory add`: lives in its own module, with its YAML editing
    add_export_parser(commands)  # `export`: JSON and Akoma Ntoso files, without building the site
    add_anchors_parser(commands)  # `anchors update`: the ledger of published anchors
    add_build_parser(commands)  # `build`: the new site swapped in only on success
    add_import_parser(commands)  # `import FILE`: draft a compact file from Word, PDF or text
    add_edition_parser(commands)  # `edition freeze`: archive a dated edition, byte for byte
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    try:
        return args.run(args)
    except KeyboardInterrupt:
        return 130


if __name__ == "__main__":
    sys.exit(main())
