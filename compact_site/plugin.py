"""The ``compact`` MkDocs plugin: wires MkDocs events to the core; does no content work itself.

Event plan:

* ``on_startup`` – remember the command: only ``build`` may use a second process (background.py).
* ``on_config`` – add the Markdown extensions and the plugin's own CSS/JS; load and validate every
  compact. Structural errors raise :class:`PluginError` here, before MkDocs writes anything to ``site/``;
  content warnings (dangling references) go to the plugin logger so ``--strict`` fails on them.
* ``on_files`` – drop the YAML sources from the published files; add the generated pages (Markdown,
  through ``File.generated``; never written into ``docs_dir``), the clause identifier pages, exports and
  registers (plain static files; in a large build made and written by other processes meanwhile,
  split_build.py) and the assets, refusing a clash with a hand-written file.
* ``on_nav`` – one entry per compact, or per-page navigation above ``nav_compacts_limit`` (nav_view.py); then,
  in a large build, start a process that reads the glossary and register pages (split_build.py).
* ``on_page_read_source`` – nothing to read for a page another process reads.
* ``on_env`` – that process builds those pages too: send it every other page's title (split_build.py).
* ``on_page_markdown`` – resolve ``[[slug:id]]`` references in hand-written pages.
* ``on_page_content`` – take in a page read by another process; otherwise splice the pre-rendered HTML
  blocks into generated pages (render/fragments.py), then turn the first use of each glossary term into a
  definition button.
* ``on_page_context`` – Material's search indexes a compact page without its clause blocks (the clause
  entries carry them); then the page's navigation.
* ``on_post_page`` / ``on_post_template`` – make Material's own markup valid HTML (the Nu checker's errors).
* ``on_post_build`` – wait for the other processes; add one search entry per clause to Material's index.
* ``on_build_error`` – stop the other processes.
* ``on_serve`` – watch the content folder so YAML edits rebuild under ``mkdocs serve``.
"""
from __future__ import annotations

import json
import re
import time
from functools import partial
from importlib import resources
from pathlib import Path

from mkdocs.exceptions import PluginError
from mkdocs.plugins import BasePlugin, CombinedEvent, event_priority, get_plugin_logger
from mkdocs.structure.files import File, Files

from .config import CompactConfig
from .background import may_fork, worth_forking
from .concordance import Concordance, entries_of
from .checks import not_ready
from .content import YAML_SUFFIXES, load_content, summary
from .errors import ContentError, Problem
from .ledger import LEDGER_NAME
from .links import Citations, LinkStyle, link_references
from .loader import Loaded
from .memory import collector_paused, hold_for_build, release_after_build
from .nav_view import NavView
from .pages import compare_files, files_without_concordance, site_pages, static_files, static_paths
from .render.fragments import anchor_ids, splice, unmark, without_blocks
from .render.html import MARKDOWN_EXTENSIONS
from .render.statement import STATEMENT_URI, statement_markdown
from .render.text import unsafe_page_links
from .terms_adapter import TermAnnotator
from .split_build import SplitBuild, WrittenElsewhere
from .search import INDEX_SCRIPT_URI, SEARCH_PAGE_URI, clause_entries, index_script, merge_into_material_index, \
    search_page_markdown

log = get_plugin_logger(__name__)
ASSET_DIR = "assets/compact-site"
_SEARCH_ATTR = re.compile(r"\s?data-search-\w+=\"[^\"]+\"")
_SEARCH_ATTR_VALUE = re.compile(r"data-search-\w+=\"")  # a literal start: a quick test before the slow sub
# Material writes autocomplete="off" on its checkbox toggles (invalid HTML: the attribute is for text fields).
_CHECKBOX_AUTOCOMPLETE = re.compile(r'(<input\b[^>]*\btype="checkbox"[^>]*?) autocomplete="off"')
# Linked into every page (a11y.css: WCAG 2.2 AA fixes for mkdocs-material itself; compare.js idles elsewhere).
PAGE_ASSETS = ("compact.css", "a11y.css", "print.css", "compact.js", "terms.js", "registers.js", "compare.js")
ASSETS = PAGE_ASSETS + ("search.js",)  # search.js: only the intranet copy's search page loads it


class CompactPlugin(BasePlugin[CompactConfig]):
    """Publishes the compacts in ``content/`` as pages."""

    def __init__(self) -> None:
        self.loaded = Loaded()
        self.citations = Citations([])
        self.terms = TermAnnotator([], None)
        self.content_dir: Path | None = None
        self.generated: set[str] = set()
        self.nav_view: NavView | None = None
        self.command: str | None = None  # from on_startup: "build", "serve" or "gh-deploy"
        self.dirty = False
        self.split = SplitBuild(".")  # the other processes of a large build (split_build.py)
        self.fragments: dict[str, tuple[str, ...]] = {}  # src_uri -> HTML blocks (render/fragments.py)
        self.unsearched: set[str] = set()  # pages whose blocks Material's search skips (see _search_view)
        self.full_content: str | None = None

    def on_config(self, config):
        if not self.config.enabled:
            return config
        if self.config.intranet:
            config.use_directory_urls = False  # file:// has no directory index pages
            # No 404 page: a file share never shows one, and its root-absolute links (/assets/...) break there.
            config.theme.static_templates.discard("404.html")
        for extension in MARKDOWN_EXTENSIONS:
            if extension not in config.markdown_extensions:
                config.markdown_extensions.append(extension)
        for name in PAGE_ASSETS:
            (config.extra_css if name.endswith(".css") else config.extra_javascript).append(f"{ASSET_DIR}/{name}")
        base = Path(config.config_file_path or ".").parent
        self.content_dir = (base / self.config.content_dir) if self.config.content_dir else Path(config.docs_dir)
        self.loaded = load_content([self.content_dir], may_share=may_fork(self.command))
        hold_for_build(self.command)  # the collector leaves the content alone (memory.py); undone in on_post_build
        if self.loaded.errors:
            raise PluginError("\n" + ContentError(self.loaded.errors).report())
        for problem in self.loaded.warnings:
            log.warning(problem.format())
        for line in not_ready(self.loaded.warnings):  # review entries left in: said plainly, once per file
            log.warning(line)
        self.citations = Citations(self.loaded.compacts, self.loaded.glossary)
        self.terms = TermAnnotator(self.loaded.compacts, self.loaded.glossary)
        log.info(summary(self.loaded))
        return config

    def on_files(self, files: Files, *, config):
        if not self.config.enabled:
            return files
        with collector_paused():  # pages, concordance and exports: big and acyclic (compact_site/memory.py)
            return self._add_files(files, config)

    def _add_files(self, files: Files, config) -> Files:
        for file in list(files):
            if (file.src_uri.endswith(YAML_SUFFIXES) or file.src_uri == LEDGER_NAME) and "/" not in file.src_uri:
                files.remove(file)  # compact sources and the anchor ledger are data, not downloads
        style = LinkStyle(config.use_directory_urls, config.site_url)
        compacts = self.loaded.compacts
        self.split = SplitBuild(config.site_dir)
        elsewhere = static_paths(compacts) if may_fork(self.command) else []  # serve: not even counted
        shared = worth_forking(self.command, len(elsewhere))
        if shared:  # made and written by other processes meanwhile
            self._refuse_clashes(files, [(path, None) for path in elsewhere])
            for path in elsewhere:  # known to MkDocs, so links to them check out
                files.append(WrittenElsewhere(path, None, config.site_dir, config.use_directory_urls))
            self.split.start_files(partial(files_without_concordance, compacts, style, config.site_name,
                                           self.loaded.glossary, self.citations),
                                   later=lambda: compare_files(compacts, style, self.citations, concordance))
        concordance = Concordance.build(entries_of(compacts))  # once per build: pages and compare data share it
        pages = site_pages(compacts, self.loaded.files, self.config.home and "index.md" not in files.src_uris,
                           style, self.loaded.glossary, self.loaded.glossary_file, self.citations, concordance)
        self.fragments = {p.src_uri: p.fragments for p in pages if p.fragments}
        self.unsearched = {p.src_uri for p in pages if p.fragments and not p.searchable}
        generated = [(p.src_uri, p.markdown, p.origin) for p in pages]
        if not shared:
            generated += [(path, text, None) for path, text in static_files(
                compacts, style, config.site_name, self.loaded.glossary, self.citations, concordance)]
        generated += [(f"{ASSET_DIR}/{name}", resources.files(__package__).joinpath("assets", name).read_text("utf-8"),
                       None) for name in ASSETS]
        if STATEMENT_URI not in files.src_uris:  # a site's own hand-written statement wins
            contact = self.config.accessibility_contact_name, self.config.accessibility_contact_email
            if not contact[1]:
                log.info("accessibility statement: no accessibility_contact_email set, so it asks readers to "
                         "contact the site owner")
            generated.append((STATEMENT_URI, statement_markdown(config.site_name, *contact), None))
        if self.config.intranet:
            generated += [(SEARCH_PAGE_URI, search_page_markdown(), None),
                          (INDEX_SCRIPT_URI, index_script(clause_entries(compacts, directory_urls=False)), None)]
        self._refuse_clashes(files, [(src_uri, origin) for src_uri, _, origin in generated])
        for src_uri, content, _ in generated:
            files.append(File.generated(config, src_uri, content=content))
        self.generated = {src_uri for src_uri, _, _ in generated}
        return files

    @staticmethod
    def _refuse_clashes(files: Files, generated: list[tuple[str, str | None]]) -> None:
        for src_uri, origin in generated:
            clash = files.get_file_from_path(src_uri)
            if clash is not None:
                raise PluginError(f"{clash.src_uri}: this hand-written file has the address of a generated one"
                                  f"{f' (from {origin})' if origin else ''}; rename or move it")

    def _shape_nav(self, nav, *, config, files):
        # A compact's page sits in its own folder (for /<slug>/, its glossary and registers); show it as one nav
        # entry titled by the compact, not as a folder section. Its sub-pages are linked from the page itself.
        compact_pages = {f"{c.slug}/index.md": c.slug for c in self.loaded.compacts}
        by_slug = {}
        for position, item in enumerate(nav.items):
            page = next((child for child in getattr(item, "children", None) or []
                         if getattr(child, "file", None) is not None and child.file.src_uri in compact_pages), None)
            if page is not None:
                page.parent = None
                nav.items[position] = page
                by_slug[compact_pages[page.file.src_uri]] = page
        self.nav_view = NavView(nav, by_slug, self.config.nav_compacts_limit)
        return nav

    @event_priority(-100)  # after every plugin's on_nav: the pages are final
    def _share_pages(self, nav, *, config, files):
        self.split.start_pages(config, files, nav, [c.slug for c in self.loaded.compacts], self.dirty)
        return nav

    on_nav = CombinedEvent(_shape_nav, _share_pages)

    def on_env(self, env, *, config, files):
        self.split.before_building(env, files)  # pages read elsewhere are built there (split_build.py)
        return env

    def on_page_read_source(self, *, page, config):
        return "" if page.file.src_uri in self.split.elsewhere else None  # read by another process

    @event_priority(100)  # before the search plugin indexes the page
    def _search_view(self, context, *, page, config, nav):
        if page.file.src_uri in self.split.elsewhere:  # its HTML is final, its entries made elsewhere
            self.split.hide_from_search(page)
        elif self.config.enabled and page.file.src_uri in self.unsearched:
            # The clause entries (on_post_build) carry every clause; the page's own entries need only its prose.
            self.full_content, page.content = page.content, without_blocks(page.content)
        return context

    @event_priority(-100)  # after every other plugin's on_page_context, before the template renders
    def _render_view(self, context, *, page, config, nav):
        if not self.config.enabled:
            return context
        if page.file.src_uri in self.split.elsewhere:  # it went through this event in the other process
            self.split.add_search_entries(page, config)
        elif page.file.src_uri in self.unsearched:
            page.content, self.full_content = unmark(self.full_content), None
            if _SEARCH_ATTR_VALUE.search(page.content):  # as Material's search plugin strips them from what it saw
                page.content = _SEARCH_ATTR.sub("", page.content)
        if self.nav_view is not None:
            context["nav"] = self.nav_view.for_page(page.file.src_uri)
        return context

    on_page_context = CombinedEvent(_search_view, _render_view)

    def on_page_markdown(self, markdown, *, page, config, files):
        if not self.config.enabled or page.file.src_uri in self.generated:
            return markdown
        safe, unsafe = unsafe_page_links(markdown)  # the link policy, for pages written by hand too
        linked, faults = link_references(safe, page.file.src_uri, self.citations)
        faults = sorted(faults + [(offset, "CS410", f"link to '{target}' removed: only http(s), mailto, tel and "
                                                    "relative addresses are published") for offset, target in unsafe])
        source = page.file.content_string if page.file.abs_src_path else markdown
        first_line = source[: max(source.find(markdown[:80]), 0)].count("\n") + 1  # after any front matter
        shown = f"{Path(config.docs_dir).name}/{page.file.src_uri}"
        for offset, code, message in faults:
            log.warning(Problem(shown, first_line + offset, code, message).format())
        return linked

    def on_page_content(self, html, *, page, config, files):
        if not self.config.enabled:
            return html
        if page.file.src_uri in self.split.elsewhere:
            return self.split.take(page, files)
        if page.title and not page.is_homepage and "title" not in page.meta:
            # page.title is HTML (`&lt;` kept); Material's <title> runs it through `striptags`, which decodes
            # `&lt;/title&gt;&lt;script&gt;` into live markup. Its meta.title is written as given, so pin it.
            page.meta["title"] = page.title
        blocks = self.fragments.get(page.file.src_uri, ())
        if blocks and getattr(page, "present_anchor_ids", None) is not None:
            # MkDocs checks links to anchors against the ids it saw in the Markdown; the blocks' ids come after.
            page.present_anchor_ids.update(anchor_ids(blocks))
        html = splice(html, blocks, mark=page.file.src_uri in self.unsearched)
        return self.terms.annotate(html, page.file.src_uri, page.url, files)

    def on_post_page(self, output, *, page, config):
        return valid_material_markup(output) if self.config.enabled else output

    def on_post_template(self, output_content, *, template_name, config):
        if not self.config.enabled or not template_name.endswith(".html"):  # 404.html, not sitemap.xml
            return output_content
        return valid_material_markup(output_content)

    def on_startup(self, *, command, dirty):
        self.command, self.dirty = command, dirty  # "build" may use a second process; "serve" never does

    def on_build_error(self, *, error):
        release_after_build(self.command)
        self.split.abandon()

    @event_priority(-50)  # after the search plugin writes its index, before Material's offline plugin
    def on_post_build(self, *, config):
        release_after_build(self.command)
        waited = time.perf_counter()
        count = self.split.join()
        log.debug(f"{count} static files written by other processes; waited {time.perf_counter() - waited:.2f} s")
        index_file = Path(config.site_dir) / "search" / "search_index.json"
        if not self.config.enabled or not index_file.is_file():
            return
        entries = clause_entries(self.loaded.compacts, config.use_directory_urls)
        merged = merge_into_material_index(json.loads(index_file.read_text(encoding="utf-8")), entries)
        index_file.write_text(json.dumps(merged, ensure_ascii=False, separators=(",", ":")), encoding="utf-8")

    def on_serve(self, server, *, config, builder):
        if self.content_dir is not None and self.content_dir.resolve() != Path(config.docs_dir).resolve():
            server.watch(str(self.content_dir))
        return server


def valid_material_markup(html: str) -> str:
    """Material's markup made valid (0 errors from the Nu Html Checker), so every site of the plugin gets it:
    no ``autocomplete`` on checkboxes, and no table-of-contents label pointing at a ``__toc`` toggle that
    Material writes only for pages in the navigation (a compact's glossary and register are not)."""
    html = _CHECKBOX_AUTOCOMPLETE.sub(r"\1", html)
    return html if 'id="__toc"' in html else html.replace(' for="__toc"', "")
