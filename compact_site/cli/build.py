"""``compact-site build``: build the site without ever losing the one that is there.

MkDocs empties ``site_dir`` before it writes, and ``--strict`` aborts only after writing, so a failed
``mkdocs build`` leaves a half-built or empty site. This command builds into a temporary folder beside the
site (same file system, so the swap is a rename) and swaps it in only when the build succeeded. On any
failure — content errors, warnings under strict, a crash — the temporary folder is removed and the previous
site is left exactly as it was.
"""
from __future__ import annotations

import argparse
import logging
import os
import shutil
import sys
import tempfile
from pathlib import Path

log = logging.getLogger("mkdocs")


def swap_in(built: Path, site: Path) -> None:
    """Replace ``site`` with ``built``: two renames, with the old site restored if the second fails."""
    old = None
    if site.exists():
        old = Path(tempfile.mkdtemp(prefix=f".{site.name}.old-", dir=site.parent))
        old.rmdir()
        os.replace(site, old)
    try:
        os.replace(built, site)
    except OSError:
        if old is not None:
            os.replace(old, site)
        raise
    if old is not None:
        shutil.rmtree(old, ignore_errors=True)


def build_safely(config_file: Path, strict: bool | None = None) -> int:
    """Build the site of ``config_file``; 0 when it was built and swapped in, 1 when the old site was kept."""
    from mkdocs.commands.build import build
    from mkdocs.config import load_config

    try:
        config = load_config(str(config_file), strict=strict)
    except Exception as err:  # a missing or invalid mkdocs.yml: nothing was touched
        print(f"{config_file}: {err}", file=sys.stderr)
        return 1
    site = Path(config.site_dir)
    site.parent.mkdir(parents=True, exist_ok=True)
    staging = Path(tempfile.mkdtemp(prefix=f".{site.name}.building-", dir=site.parent))
    try:
        config.site_dir = str(staging)
        config.plugins.on_startup(command="build", dirty=False)  # as `mkdocs build` does
        try:
            build(config)
        finally:
            config.plugins.on_shutdown()
        swap_in(staging, site)
    except (Exception, SystemExit) as err:  # mkdocs' Abort, the plugin's errors, anything else
        shutil.rmtree(staging, ignore_errors=True)
        message = str(err).strip() or type(err).__name__
        print(f"{message}\nThe build failed; {site} was left as it was.", file=sys.stderr)
        return 1
    print(f"built {site}")
    return 0


def cmd_build(args: argparse.Namespace) -> int:
    if not logging.getLogger().handlers and not log.handlers:
        handler = logging.StreamHandler(sys.stderr)
        handler.setFormatter(logging.Formatter("%(levelname)-7s -  %(message)s"))
        log.addHandler(handler)
        log.setLevel(logging.INFO)
    return build_safely(args.config, True if args.strict else None)


def add_parser(commands) -> None:
    build = commands.add_parser("build", help="build the site into a temporary folder and swap it in only on "
                                "success (a failed build never touches the site that is there)")
    build.add_argument("-f", "--config", type=Path, default=Path("mkdocs.yml"),
                       help="the MkDocs configuration (default: mkdocs.yml)")
    build.add_argument("--strict", action="store_true", help="fail on warnings (as the configuration's "
                       "`strict: true` does)")
    build.set_defaults(run=cmd_build)
