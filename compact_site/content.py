"""Load every compact of a site (or of the paths given) and run all checks. The one entry point the
CLI and the MkDocs plugin share."""
from __future__ import annotations


import os
from pathlib import Path
from typing import Iterable

from .checks import check_compact, check_references
from .memory import collector_paused
from .errors import Problem
from .glossary import known_term_ids
from .ledger import LEDGER_NAME, check_ledger
from .loader import Loaded, load_file, load_glossary_file

YAML_SUFFIXES = (".yml", ".yaml")
SITE_GLOSSARY_STEM = "glossary"  # content/glossary.yml holds site-wide terms, so no compact may be called that
RESERVED_SLUGS = {"glossary", "signatories", "search", "assets", "clause", "index", "compare", "accessibility"}  # addresses the site uses


def compact_files(paths: Iterable[Path]) -> tuple[list[Path], list[Problem]]:
    """The compact files named or found (non-recursively) in folders, in name order."""
    files, problems = [], []
    for path in paths:
        if path.is_dir():
            files.extend(sorted(p for p in path.iterdir() if p.suffix in YAML_SUFFIXES and p.is_file()))
        elif path.is_file():
            files.append(path)
        else:
            problems.append(Problem(str(path), 0, "CS006", "no such file or folder"))
    return files, problems


def shown_path(path: Path) -> str:
    """A path as authors see it in messages: relative to the working folder when inside it."""
    try:
        return os.path.relpath(path)
    except ValueError:  # another drive on Windows
        return str(path)


def load_content(paths: Iterable[Path]) -> Loaded:
    """Load, validate and cross-check compacts (and the anchor ledger of a folder). Never raises for content faults."""
    with collector_paused():
        return _load_content(list(paths))


def _load_content(paths: list[Path]) -> Loaded:
    result = Loaded()
    files, result.problems = compact_files(paths)
    for path in files:
        shown = shown_path(path)
        if path.stem == SITE_GLOSSARY_STEM:
            result.glossary, problems = load_glossary_file(path, shown)
            result.glossary_file = shown
            result.problems.extend(problems)
            continue
        compact, problems = load_file(path, shown)
        result.problems.extend(problems)
        if compact is None:
            continue
        if compact.slug in RESERVED_SLUGS:
            result.problems.append(Problem(shown, compact.line_of("slug"), "CS205",
                                           f"slug '{compact.slug}' is reserved for the site's own pages"))
            continue
        if compact.slug in result.files:
            result.problems.append(Problem(shown, compact.line_of("slug"), "CS204",
                                           f"slug '{compact.slug}' is also used by {result.files[compact.slug]}"))
            continue
        result.problems.extend(check_compact(compact, shown))
        result.compacts.append(compact)
        result.files[compact.slug] = shown
    by_slug = {c.slug: c for c in result.compacts}
    for folder in (p for p in paths if p.is_dir()):
        ledger = folder / LEDGER_NAME
        result.problems.extend(check_ledger(result.compacts, ledger, shown_path(ledger)))
    term_ids = known_term_ids(result.compacts, result.glossary)
    result.problems.extend(check_references(by_slug, result.files, term_ids))
    return result
