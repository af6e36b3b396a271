"""Glossary buttons per page: which terms apply to which page, and where their entries live in the site.

The only glossary code that knows MkDocs' page URLs (through ``mkdocs.utils.get_relative_url``)."""
from __future__ import annotations

from mkdocs.utils import get_relative_url

from compact_site.core.glossary import Entry, TermMatcher, page_matcher, term_anchor
from compact_site.core.registers import PAGE_URI
from compact_site.model import Compact, Glossary
from compact_site.pages.listing import compact_page_uri, edition_page_uris
from compact_site.render.changes_pages import SITE_CHANGES_URI, changes_page_uri
from compact_site.render.form_pages import form_page_uri
from compact_site.render.glossary_pages import SITE_GLOSSARY_URI, compact_glossary_uri
from compact_site.render.term_buttons import annotate_terms


class TermAnnotator:
    """Annotates each page with the terms that apply there; glossary pages themselves are left alone."""

    def __init__(self, compacts: list[Compact], site: Glossary | None, frozen: dict[str, list] | None = None) -> None:
        """``frozen``: slug -> its frozen editions (content/loader.py ``Loaded.frozen``), whose pages get none."""
        self.site = site
        self.by_page = {compact_page_uri(c.slug): c for c in compacts}
        # Glossary pages are the definitions; registers are data tables, where buttons would only clutter.
        # Forms are signed on paper: they print on one page, without a list of definitions. A past edition's page
        # and the changes pages would show today's definitions against older wording, which may have meant
        # otherwise: the edition's own glossary is on its page.
        self.skip = {SITE_GLOSSARY_URI, PAGE_URI, SITE_CHANGES_URI} | {compact_glossary_uri(c.slug) for c in compacts} | {
            f"{c.slug}/{PAGE_URI}" for c in compacts} | {form_page_uri(c.slug, f.id) for c in compacts for f in c.forms}
        self.skip |= set(edition_page_uris(frozen or {})) | {changes_page_uri(c.slug) for c in compacts}
        self.matchers: dict[str | None, TermMatcher] = {}

    def matcher(self, compact: Compact | None) -> TermMatcher:
        key = compact.slug if compact else None
        if key not in self.matchers:  # built once per build, not once per page
            self.matchers[key] = page_matcher(compact, self.site)
        return self.matchers[key]

    def annotate(self, html: str, src_uri: str, page_url: str, files) -> str:
        if src_uri in self.skip or src_uri.endswith(".html"):
            return html
        compact = self.by_page.get(src_uri)

        def href_for(entry: Entry) -> str:
            target = files.get_file_from_path(compact_glossary_uri(entry.source) if entry.source else SITE_GLOSSARY_URI)
            url = target.url if target is not None else SITE_GLOSSARY_URI
            return get_relative_url(url, page_url) + "#" + term_anchor(entry.id)

        return annotate_terms(html, self.matcher(compact), href_for)
