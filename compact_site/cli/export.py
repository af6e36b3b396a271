"""``compact-site export``: write every export file to a folder without building the site.

Exit codes as for the other commands: 0 written, 1 the content has errors (listed with their codes, as
``validate`` lists them; nothing is written), 2 the command was misused (argparse).
"""
from __future__ import annotations

import argparse
import sys
from pathlib import Path

from compact_site.content.site_loader import load_content, plural, summary


def cmd_export(args: argparse.Namespace) -> int:
    # Imported here: lxml loads only when exporting, not on every `compact-site` command.
    from compact_site.core.citations import LinkStyle
    from compact_site.core.context import BuildContext
    from compact_site.exports import export_files
    from compact_site.exports.schema import write_export_schema

    if args.write_schema:
        print(f"wrote {write_export_schema()}")
        return 0
    loaded = load_content([args.content])
    for problem in loaded.errors + loaded.warnings:
        print(("warning: " if problem.severity == "warning" else "") + problem.format(), file=sys.stderr)
    if loaded.errors:
        print(f"nothing exported: {plural(len(loaded.errors), 'error')} in {args.content}", file=sys.stderr)
        return 1
    files = export_files(BuildContext(loaded.compacts, loaded.glossary, LinkStyle(site_url=args.site_url),
                                             loaded.frozen()))
    for path, text in files:
        target = args.out / path
        target.parent.mkdir(parents=True, exist_ok=True)
        # newline="\n": the same bytes on every system, so exports can be compared and cached.
        with open(target, "w", encoding="utf-8", newline="\n") as handle:
            handle.write(text)
    print(f"wrote {len(files)} files to {args.out}: {summary(loaded)}")
    return 0


def add_parser(commands: argparse._SubParsersAction) -> None:
    """Register ``export`` on the ``compact-site`` sub-command list."""
    export = commands.add_parser("export", help="write the JSON and Akoma Ntoso exports without building the site")
    export.add_argument("--content", type=Path, default=Path("content"),
                        help="folder (or file) of compacts (default: content/)")
    export.add_argument("--out", type=Path, default=Path("exports"), help="where to write them (default: exports/)")
    export.add_argument("--site-url", metavar="URL",
                        help="the site's address, for absolute URLs (default: root-relative, e.g. /sandwell/)")
    export.add_argument("--write-schema", action="store_true",
                        help="only rewrite the export format's JSON Schema shipped in the package, then stop")
    export.set_defaults(run=cmd_export)
