"""Load every compact of a site (or of the paths given) and run all checks. The one entry point the
CLI and the MkDocs plugin share."""
from __future__ import annotations

import os
from pathlib import Path
from typing import Iterable

from compact_site.content.checks import check_compact, check_references, check_review, check_succession
from compact_site.content.edition_record import EDITIONS_DIR, RECORD_NAME
from compact_site.content.editions import FrozenFile, check_editions, check_lineage, load_frozen, plan_editions
from compact_site.content.ledger import LEDGER_NAME, check_ledger
from compact_site.content.loader import Loaded, load_file, load_glossary_file
from compact_site.core.glossary import known_term_ids
from compact_site.errors import Problem
from compact_site.model import Compact, Glossary
from compact_site.runtime.background import map_in_two
from compact_site.runtime.memory import collector_paused

YAML_SUFFIXES = (".yml", ".yaml")
SITE_GLOSSARY_STEM = "glossary"  # content/glossary.yml holds site-wide terms, so no compact may be called that
# Addresses the site uses for its own pages and files (and, for editions, will: /changes/, /editions/); a slug
# that ends like a file the site writes (compacts.json, feed.xml, 404.html) would make a folder of that name.
RESERVED_SLUGS = ("glossary", "signatories", "search", "assets", "clause", "index", "compare", "accessibility",
                  "schema", "changes", "editions")
RESERVED_ENDINGS = (".html", ".xml", ".json", ".csv")


def reserved_slug(slug: str) -> bool:
    """Whether ``slug`` is the address of something the site makes itself (CS205)."""
    return slug in RESERVED_SLUGS or slug.endswith(RESERVED_ENDINGS)


def is_data_file(src_uri: str) -> bool:
    """Whether a file of the content folder (its path there, with '/') is data the loader reads rather than a file
    to publish: compact files and the anchor ledger at the top, and all of editions/ (not published yet)."""
    if src_uri.startswith(f"{EDITIONS_DIR}/"):
        return True
    return "/" not in src_uri and (src_uri.endswith(YAML_SUFFIXES) or src_uri == LEDGER_NAME)


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


MIN_FILES_TO_SHARE = 40  # below this, forking and pickling cost more than half the loading saves


def load_content(paths: Iterable[Path], may_share: bool = False) -> Loaded:
    """Load, validate and cross-check compacts (and the anchor ledger of a folder). Never raises for content
    faults. ``may_share``: a worker process may load some of the files (background.map_in_two); the caller has
    checked that forking is safe. The result is the same either way."""
    with collector_paused():
        return _load_content(list(paths), may_share)


def _load_item(item: Path | FrozenFile):
    """One item of the loading work: a current file (:func:`_load_one`) or a frozen edition's (load_frozen)."""
    return load_frozen(item) if isinstance(item, FrozenFile) else _load_one(item)


def _load_one(path: Path) -> tuple[str, Compact | Glossary | None, list[Problem], list[Problem]]:
    """One file, loaded (and a compact checked on its own: the part of loading that needs no other file):
    (path as shown, the compact or site glossary, its loading problems, its own checks' problems)."""
    shown = shown_path(path)
    if path.stem == SITE_GLOSSARY_STEM:
        glossary, problems = load_glossary_file(path, shown)
        return shown, glossary, problems, check_review(glossary, shown) if glossary is not None else []
    compact, problems = load_file(path, shown)
    checked = check_compact(compact, shown) if compact is not None and not reserved_slug(compact.slug) else []
    return shown, compact, problems, checked


def count_clauses(compacts: Iterable[Compact]) -> int:
    """Every citable clause: clauses, principles and procedure stages, each with its own anchor and identifier
    page. The one count that `validate`, `export` and the build all report."""
    return sum(1 for compact in compacts for _ in compact.citable())


def plural(count: int, word: str) -> str:
    """'1 clause', '2 clauses'."""
    return f"{count} {word}{'' if count == 1 else 'es' if word.endswith('ss') else 's'}"


def summary(loaded: Loaded) -> str:
    """'5 compacts, 261 clauses': what was loaded, in the words every command uses."""
    return f"{plural(len(loaded.compacts), 'compact')}, {plural(count_clauses(loaded.compacts), 'clause')}"


def _other_files(folder: Path, read: list[Path]) -> list[tuple[str, str]]:
    """The folder's other entries, each with why it was not read as a compact."""
    found = []
    for path in sorted(folder.iterdir()):
        if path in read or path.name.startswith("."):
            continue
        if path.name == EDITIONS_DIR and path.is_dir():
            continue  # listed file by file by check_editions
        why = ("the anchor ledger, checked against the compacts" if path.name == LEDGER_NAME
               else "skipped: a folder (compact files sit directly in the content folder)" if path.is_dir()
               else "skipped: a page of the site, checked when the site is built" if path.suffix == ".md"
               else "skipped: not a compact file (.yml)")
        found.append((shown_path(path), why))
    return found


def _load_content(paths: list[Path], may_share: bool = False) -> Loaded:
    result = Loaded()
    files, result.problems = compact_files(paths)
    folders = [path for path in paths if path.is_dir()]
    # Frozen editions are loaded with the current files, as one list of work that the worker takes its share of
    # (at 400 compacts with two editions each, two thirds of the files); only their records are read first.
    plans = [plan_editions(folder, shown_path) for folder in folders]
    work = files + [file for _, planned in plans for plan in planned for file in plan.files]
    share = may_share and len(work) >= MIN_FILES_TO_SHARE
    loads = iter(map_in_two(_load_item, work) if share else map(_load_item, work))
    for path, (shown, loaded, problems, checked) in zip(files, loads):
        result.problems.extend(problems)
        if path.stem == SITE_GLOSSARY_STEM:
            result.glossary, result.glossary_file = loaded, shown
            result.problems.extend(checked)
            result.checked.append((shown, "the site glossary: not read, see the errors above" if loaded is None
                                   else f"the site glossary, {plural(len(loaded.terms), 'term')}"))
            continue
        compact = loaded
        if compact is None:
            result.checked.append((shown, "not read as a compact: see the errors above"))
            continue
        if reserved_slug(compact.slug):
            result.problems.append(Problem(shown, compact.line_of("slug"), "CS205",
                                           f"slug '{compact.slug}' is reserved for the site's own pages"))
            result.checked.append((shown, f"skipped: the slug '{compact.slug}' is reserved"))
            continue
        if compact.slug in result.files:
            result.problems.append(Problem(shown, compact.line_of("slug"), "CS204",
                                           f"slug '{compact.slug}' is also used by {result.files[compact.slug]}"))
            result.checked.append((shown, f"skipped: {result.files[compact.slug]} has the same slug"))
            continue
        result.problems.extend(checked)
        result.compacts.append(compact)
        result.files[compact.slug] = shown
        result.checked.append((shown, f"compact '{compact.slug}', {plural(count_clauses([compact]), 'clause')}"))
    by_slug = {c.slug: c for c in result.compacts}
    for folder, planned in zip(folders, plans):
        ledger = folder / LEDGER_NAME
        result.problems.extend(check_ledger(result.compacts, ledger, shown_path(ledger)))
        result.checked += _other_files(folder, files)
        found, checked, frozen = check_editions(folder, shown_path, planned, loads)  # never current compacts
        result.problems += found
        result.checked += checked
        for slug, texts in frozen.items():
            if slug not in by_slug:
                record = folder / EDITIONS_DIR / slug / RECORD_NAME
                result.problems.append(Problem(shown_path(record), 0, "CS810", f"frozen editions of '{slug}', but "
                                               f"there is no compact '{slug}' in {shown_path(folder)}"))
            elif texts:
                result.problems += check_lineage(by_slug[slug], result.files[slug], texts)
                result.editions[slug] = texts
    term_ids = known_term_ids(result.compacts, result.glossary)
    result.problems.extend(check_references(by_slug, result.files, term_ids))
    result.problems.extend(check_succession(by_slug, result.files))
    return result
