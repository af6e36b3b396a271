"""Options of the ``compact`` MkDocs plugin (one typed config, a docstring per option)."""
from __future__ import annotations

from mkdocs.config import config_options as opt
from mkdocs.config.base import Config


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
    """Email address for accessibility problems and requests for other formats, shown in the statement.
    Unset: the statement asks readers to contact the site's owner, and the build says so (info, not warning)."""
