"""The files every site gets besides its compacts' pages: the plugin's CSS and JavaScript, the stylesheets of the
unthemed pages (identifier, tombstone and history pages), the accessibility statement (unless the site wrote its
own) and, in an intranet copy, the search page and its index script. The plugin adds them at ``on_files``.
"""
from __future__ import annotations

from importlib import resources

from mkdocs.plugins import get_plugin_logger

from compact_site.model import Compact
from compact_site.pages.search import INDEX_SCRIPT_URI, SEARCH_PAGE_URI, clause_entries, index_script, \
    search_page_markdown
from compact_site.render.downloads import FormatContact
from compact_site.render.history_pages import small_pages_css
from compact_site.render.statement import STATEMENT_URI, statement_markdown

log = get_plugin_logger(__name__)
ASSET_DIR = "assets/compact-site"
# Linked into every page (a11y.css: WCAG 2.2 AA fixes for mkdocs-material itself; compare.js idles elsewhere).
PAGE_ASSETS = ("compact.css", "compact-forms.css", "compact-compare.css", "compact-header.css", "a11y.css",
               "compact-list.css", "compact-editions.css", "print.css", "compact.js", "terms.js", "registers.js",
               "compare.js", "editions.js")
ASSETS = PAGE_ASSETS + ("search.js",)  # search.js: only the intranet copy's search page loads it


def extra_files(compacts: list[Compact], site_name: str, *, with_history: bool, statement: tuple[str, str] | None,
                contact: FormatContact | None, intranet: bool) -> list[tuple[str, str, None]]:
    """(source path, text, None) of each: ``with_history``: some compact has past editions; ``statement``: the
    accessibility contact's name and email, or None when the site has its own statement; ``contact``: who readers
    ask for another format."""
    assets = resources.files("compact_site").joinpath("assets")
    made = [(f"{ASSET_DIR}/{name}", assets.joinpath(name).read_text("utf-8"), None) for name in ASSETS]
    made += [(path, css, None) for path, css in small_pages_css(with_history)]  # the unthemed pages' CSS
    if statement is not None:
        made.append((STATEMENT_URI, statement_markdown(site_name, *statement, contact), None))
    if intranet:
        made += [(SEARCH_PAGE_URI, search_page_markdown(), None),
                 (INDEX_SCRIPT_URI, index_script(clause_entries(compacts, directory_urls=False)), None)]
    return made


def statement_contact(config, src_uris) -> tuple[str, str] | None:
    """Who the generated accessibility statement names (the plugin's ``config``: name, email), or None when the
    site has its own statement (``src_uris``: the site's files): a site's own hand-written statement wins."""
    if STATEMENT_URI in src_uris:
        return None
    if not config.accessibility_contact_email:
        log.info("accessibility statement: no accessibility_contact_email set, so it asks readers to "
                 "contact the site owner")
    return config.accessibility_contact_name, config.accessibility_contact_email
