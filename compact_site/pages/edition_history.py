"""Which pages a site gets from its compacts' editions: each clause's history page (a static file, like the
identifier pages) and the changes pages. Only compacts with frozen editions (``context.timelines``) get any, so a
site without past editions is built exactly as before. No MkDocs imports."""
from __future__ import annotations

from compact_site.core.context import BuildContext
from compact_site.core.editions import Timeline
from compact_site.model import Compact
from compact_site.render.changes_pages import (
    SITE_CHANGES_URI,
    changes_page_uri,
    compact_changes_page,
    site_changes_page,
)
from compact_site.render.fragments import Fragments
from compact_site.render.history_pages import history_ids, history_page_path, history_pages
from compact_site.render.page_source import PageSource


def history_files(context: BuildContext, site_name: str, fragments: Fragments | None = None,
                  samples: bool = False) -> list[tuple[str, str]]:
    """Every clause's history page, compact by compact: (path in the site, HTML). With ``samples``, each compact's
    first (for the plugin's check of the fragments' links: they have the same shape on every one)."""
    style = context.style
    return [page for compact in context.compacts if compact.slug in context.timelines
            for page in history_pages(context.timelines[compact.slug], site_name, style.directory_urls,
                                      style.site_url, fragments, samples)]


def history_paths(compacts: list[Compact], timelines: dict[str, Timeline]) -> list[str]:
    """The paths :func:`history_files` writes, in its order, without making their text."""
    return [history_page_path(c.slug, clause_id) for c in compacts if c.slug in timelines
            for clause_id in history_ids(timelines[c.slug])]


def history_href(context: BuildContext, slug: str, clause_id: str) -> str:
    """The link from a clause's identifier page (or tombstone) to its history page; '' when it has none."""
    timeline = context.timelines.get(slug)
    if timeline is None or clause_id not in timeline.history_ids:
        return ""
    return "history/" if context.style.directory_urls else "history/index.html"


def changes_pages(context: BuildContext, files: dict[str, str], fragments: Fragments | None = None) -> list[PageSource]:
    """Each compact's changes page, then the site's (only when some compact has past editions); ``files``: slug ->
    the YAML file it came from."""
    timelines, directory_urls = context.timelines, context.style.directory_urls
    if not timelines:
        return []
    pages = [compact_changes_page(timelines[c.slug], directory_urls, files.get(c.slug), fragments)
             for c in context.compacts if c.slug in timelines]
    return pages + [site_changes_page(context.compacts, timelines, directory_urls, fragments)]


def changes_page_sources(context: BuildContext, files: dict[str, str]) -> list[tuple[str, str | None]]:
    """(source path, the YAML it came from) of each page :func:`changes_pages` makes, in its order, without
    making them."""
    timelines = context.timelines
    if not timelines:
        return []
    return [(changes_page_uri(c.slug), files.get(c.slug)) for c in context.compacts if c.slug in timelines] + \
        [(SITE_CHANGES_URI, None)]
