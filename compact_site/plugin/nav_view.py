"""The primary navigation a compact's pages show (MkDocs adapter code: it works on MkDocs' nav objects).

A site with a few compacts lists each in the navigation. A national register with hundreds cannot: Material
renders the whole navigation into every page, so 400 entries made 92 % of each page and the build quadratic in
the number of compacts. Above ``nav_compacts_limit`` compacts the navigation keeps only the site's own pages
(home, which lists every compact, glossary, compare, registers); each compact's pages add that one compact.
"""
from __future__ import annotations

import copy


class NavView:
    """Which navigation each page renders; built once per build in ``on_nav``."""

    def __init__(self, nav, compact_pages: dict[str, object], limit: int) -> None:
        """``compact_pages``: slug -> the compact's page (already a top-level nav item)."""
        self.nav = nav
        self.per_page = len(compact_pages) > limit
        self.compact_pages = compact_pages
        if self.per_page:
            shown = set(map(id, compact_pages.values()))
            nav.items = [item for item in nav.items if id(item) not in shown]
            _relink(nav.items)

    @classmethod
    def shaped(cls, nav, slugs: list[str], limit: int) -> "NavView":
        """Each compact's page as one top-level entry titled by the compact, not a folder section (its page sits
        in its own folder, for /<slug>/ and its glossary and registers; its sub-pages are linked from the page
        itself); then the view for ``limit``."""
        compact_pages = {f"{slug}/index.md": slug for slug in slugs}
        by_slug = {}
        for position, item in enumerate(nav.items):
            page = next((child for child in getattr(item, "children", None) or []
                         if getattr(child, "file", None) is not None and child.file.src_uri in compact_pages), None)
            if page is not None:
                page.parent = None
                nav.items[position] = page
                by_slug[compact_pages[page.file.src_uri]] = page
        return cls(nav, by_slug, limit)

    def for_page(self, src_uri: str):
        """The navigation to render on the page at ``src_uri``: the site's, plus its compact if it has one."""
        if not self.per_page:
            return self.nav
        slug = src_uri.split("/", 1)[0] if "/" in src_uri else None
        page = self.compact_pages.get(slug)
        if page is None:
            return self.nav
        view = copy.copy(self.nav)  # shallow: the items are shared, only the list differs
        view.items = [*self.nav.items, page]
        return view


def _relink(items) -> None:
    """Previous/next links among the pages left in the navigation (Material's footer shows them)."""
    pages = [item for item in items if getattr(item, "is_page", False)]
    for before, after in zip([None, *pages], [*pages, None]):
        if before is not None:
            before.next_page = after
        if after is not None:
            after.previous_page = before
