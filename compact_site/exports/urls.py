"""Where things are on the published site, as the exports state them.

Every anchor and identifier URL comes from :mod:`compact_site.model.references` (``clause_anchor``, ``clause_url``)
and :mod:`compact_site.core.glossary` (``term_anchor``): the exports never invent an address of their own, so a
link copied from an export is the same link the site publishes.

With a ``site_url`` (``https://compacts.example.org/``) every URL is absolute; without one it is root-relative
(``/sandwell/#clause-4.2``), which assumes the site is served from the root of its host. Page URLs are the
served site's directory URLs (``/sandwell/``), never the intranet copy's ``index.html`` paths.
"""
from __future__ import annotations

from typing import Optional

from compact_site.core.glossary import term_anchor
from compact_site.model.references import clause_anchor, clause_url, edition_url

SCHEMA_FILE = "schema/export.schema.json"
"""Where the export format's JSON Schema is published in the site (and written by ``compact-site export``)."""
SITE_INDEX_FILE = "compacts.json"


def compact_json_file(slug: str) -> str:
    return f"{slug}/compact.json"


def compact_akn_file(slug: str) -> str:
    return f"{slug}/compact.akn.xml"


def edition_json_file(slug: str, date: str) -> str:
    """A past edition's JSON export, beside its page (``<slug>/<YYYY-MM-DD>/``)."""
    return f"{slug}/{date}/compact.json"


def edition_akn_file(slug: str, date: str) -> str:
    """A past edition's Akoma Ntoso export, beside its page."""
    return f"{slug}/{date}/compact.akn.xml"


class SiteUrls:
    """URLs of pages, anchors and files of one site."""

    def __init__(self, site_url: Optional[str] = None, pages: Optional[dict[str, str]] = None) -> None:
        # "" gives root-relative URLs; a trailing slash is dropped so joining never doubles it.
        self.base = site_url.rstrip("/") if site_url else ""
        self.pages = pages or {}  # slug -> path of the page its clauses are on, where not <slug>/ (an edition's)

    def for_edition(self, slug: str, date: str) -> "SiteUrls":
        """The URLs a frozen edition's export gives: the compact's page, and its clauses' anchors, are the
        edition's page (``<slug>/<date>/``); everything else, permanent clause pages included, as here."""
        return SiteUrls(self.base or None, {**self.pages, slug: edition_url(slug, date)})

    def file(self, path: str) -> str:
        """A file or page by its path in the site (``sandwell/compact.json``)."""
        return f"{self.base}/{path}"

    def page(self, slug: str) -> str:
        """The compact's page (a frozen edition's page, in :meth:`for_edition`'s URLs)."""
        return self.file(self.pages.get(slug, f"{slug}/"))

    def clause_anchor_url(self, slug: str, clause_id: str) -> str:
        """The clause on its compact's page: ``/sandwell/#clause-4.2``."""
        return f"{self.page(slug)}#{clause_anchor(clause_id)}"

    def clause_identifier_url(self, slug: str, clause_id: str) -> str:
        """The clause's own permanent page: ``/sandwell/clause/4.2/``."""
        return self.file(clause_url(slug, clause_id))

    def term_url(self, term_id: str, slug: Optional[str] = None) -> str:
        """A glossary term: on its compact's glossary page, or on the site glossary when ``slug`` is None."""
        page = self.file(f"{slug}/glossary/") if slug else self.file("glossary/")
        return f"{page}#{term_anchor(term_id)}"
