"""``compact-site anchors update``: record every current clause anchor in the ledger (never removing one)."""
from __future__ import annotations

import argparse
import sys
from pathlib import Path

from compact_site.content.ledger import LEDGER_NAME, update_ledger
from compact_site.content.site_loader import load_content


def cmd_anchors_update(args: argparse.Namespace) -> int:
    loaded = load_content([args.content])
    errors = [p for p in loaded.errors if p.code != "CS502"]
    if errors:
        for problem in errors:
            print(problem.format(), file=sys.stderr)
        print("fix these first: the ledger records only content that validates", file=sys.stderr)
        return 1
    ledger = args.content / LEDGER_NAME
    added, total = update_ledger(loaded.compacts, ledger)
    print(f"{ledger}: {added} anchor(s) added, {total} recorded")
    return 0


def add_parser(commands) -> None:
    anchors = commands.add_parser("anchors", help="keep the ledger of published clause anchors")
    actions = anchors.add_subparsers(dest="action", required=True)
    update = actions.add_parser("update", help=f"add the current anchors to content/{LEDGER_NAME}")
    update.add_argument("--content", type=Path, default=Path("content"), help="content folder (default: content/)")
    update.set_defaults(run=cmd_anchors_update)
