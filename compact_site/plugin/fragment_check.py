"""The fragments' links checked against the built site's files and anchors, once every page is read (on_env):
MkDocs checks the links of Markdown only, never of raw HTML (pages/fragment_links.py does the checking)."""
from __future__ import annotations

from pathlib import Path

from mkdocs.structure.files import Files

from compact_site.core.context import BuildContext
from compact_site.errors import Problem
from compact_site.pages.edition_history import history_files
from compact_site.pages.fragment_links import FragmentLinks
from compact_site.pages.listing import identifier_pages
from compact_site.render.clause_pages import clause_page_path
from compact_site.render.fragments import Block, Fragments


def fragment_link_problems(files: Files, config, blocks: dict[str, tuple[str, ...]], context: BuildContext,
                           fragments: Fragments) -> list[Problem]:
    """Every dangling link in the generated pages' fragments (``blocks``: src_uri -> their HTML) and in each
    compact's first identifier page, first tombstone and first history page (those links have the same shape on
    every one)."""
    check = FragmentLinks(files)
    for src_uri, page_blocks in blocks.items():
        file = files.get_file_from_path(src_uri)
        page = file.page if file is not None else None
        if page is None:
            continue
        check.check(src_uri, page.url, getattr(page, "present_anchor_ids", None), page_blocks)
    withdrawn = {clause_page_path(c.slug, gone.id) for c in context.compacts for gone in c.withdrawn}
    for path, html in identifier_pages(context, config.site_name, fragments, samples=True):
        file = files.get_file_from_path(path)
        page = Block(html)
        page.fragment = "tombstone.html" if path in withdrawn else "identifier-page.html"
        check.check(path, file.url if file is not None else path, None, [page])
    for path, html in history_files(context, config.site_name, fragments, samples=True):
        file = files.get_file_from_path(path)
        page = Block(html)
        page.fragment = "clause-history.html"
        check.check(path, file.url if file is not None else path, None, [page])
    base = Path(config.config_file_path).parent if config.config_file_path else None
    return check.problems(lambda name: fragments.filename(name), base)
