"""Options of the ``compact`` MkDocs plugin (one typed config, a docstring per option)."""
from __future__ import annotations

import re
from pathlib import Path
from typing import Optional

from mkdocs.config import config_options as opt
from mkdocs.config.base import Config

from compact_site.errors import Problem
from compact_site.render.downloads import FormatContact


class CompactConfig(Config):
    """``plugins: - compact: {...}`` in mkdocs.yml."""

    enabled = opt.Type(bool, default=True)
    """Turn the plugin off without removing it (e.g. to preview hand-written pages only)."""

    content_dir = opt.Optional(opt.Type(str))
    """Folder holding the compact YAML files, relative to mkdocs.yml. Default: the site's ``docs_dir``."""

    home = opt.Type(bool, default=True)
    """Generate a home page listing the compacts when ``docs_dir`` has no ``index.md``."""

    nav_compacts_limit = opt.Type(int, default=20)
    """Up to this many compacts, each has an entry in the navigation. Above it (a regional or national
    register) the navigation lists the site's own pages, and a compact's pages add only that compact: the home
    page lists them all. Keeps every page small and the build linear in the number of compacts."""

    intranet = opt.Type(bool, default=False)
    """Build a copy that works opened from a file share (``file://``): no directory URLs, and a search page
    whose data is loaded with ``<script src>``. Use ``mkdocs build -f mkdocs-intranet.yml``."""

    accessibility_contact_name = opt.Optional(opt.Type(str))
    """Who readers contact about accessibility, named in the generated statement at ``/accessibility/``
    (a team or post, e.g. "Sandwell Council Voluntary Sector Team")."""

    accessibility_contact_email = opt.Optional(opt.Type(str))
    """Email address for accessibility problems and requests for other formats, shown in the statement (and on
    the pages as the place to ask for another format, when ``accessible_format_contact_email`` is unset).
    Unset: the statement asks readers to contact the site's owner, and the build says so (info, not warning).
    One address alone (``compact@northtown.gov.uk``), else the build stops with CS601."""

    accessible_format_contact_email = opt.Optional(opt.Type(str))
    """Where readers ask for a compact, form or register in another format (large print, easy read, braille,
    audio...): every compact page (under its downloads), form page and register page says so, in GOV.UK's
    "Request an accessible format" words, with a link that opens an email naming the page. Unset: the
    ``accessibility_contact_email``; neither set: those pages point to the accessibility statement instead, and
    never name a contact that was not given. One address alone, else CS601."""

    accessible_format_contact_name = opt.Optional(opt.Type(str))
    """Who answers at ``accessible_format_contact_email`` (a team or post, e.g. "Voluntary Sector Team,
    Northtown Council"), named beside the address."""


EMAIL_OPTIONS = ("accessibility_contact_email", "accessible_format_contact_email")
_EMAIL_RE = re.compile(r"[^@\s<>\"'(),;:]+@[^@\s<>\"'(),;:]+\.[^@\s<>\"'(),;:.]+")


def contact_problems(options: CompactConfig, config_file: Optional[str]) -> list[Problem]:
    """CS601 for each contact email that is not one address, at its line of ``config_file`` when found there (an
    option inherited from another file is shown at that file's name only)."""
    problems = []
    for name in EMAIL_OPTIONS:
        value = options[name]
        if value is None or _EMAIL_RE.fullmatch(value.strip()):
            continue
        shown, line = Path(config_file).name if config_file else "mkdocs.yml", 0
        try:
            lines = Path(config_file).read_text(encoding="utf-8").splitlines() if config_file else []
            line = next((number for number, text in enumerate(lines, 1) if f"{name}:" in text), 0)
        except OSError:
            pass
        problems.append(Problem(shown, line, "CS601", f"{value!r} is not one email address", f"option {name}"))
    return problems


def format_contact(options: CompactConfig) -> Optional[FormatContact]:
    """Who readers ask for another format: the accessible-format contact, else the accessibility contact, else
    nobody (the pages then point to the accessibility statement)."""
    if options.accessible_format_contact_email:
        return FormatContact(options.accessible_format_contact_email.strip(),
                             options.accessible_format_contact_name or "")
    if options.accessibility_contact_email:
        return FormatContact(options.accessibility_contact_email.strip(), options.accessibility_contact_name or "")
    return None
