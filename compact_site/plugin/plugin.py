"""The ``compact`` MkDocs plugin: wires MkDocs events to the core; does no content work itself.

Event plan:

* ``on_startup`` – remember the command: only ``build`` may use a worker process (runtime/background.py).
* ``on_config`` – add the Markdown extensions and the plugin's own CSS/JS; load and validate every
  compact (in a large build, part of the files by a worker). Structural errors raise :class:`PluginError`
  here, before MkDocs writes anything to ``site/``; content warnings (dangling references) go to the plugin
  logger so ``--strict`` fails on them.
* ``on_files`` – drop the YAML sources; add the generated pages (``File.generated``, never written into
  ``docs_dir``) and the assets, refusing clashes; register the identifier pages, exports and registers and
  write them (split_build.py: in a large build a worker makes and writes them meanwhile, and the past editions'
  pages; else they are written here, with the same writer).
* ``on_nav`` – one entry per compact, or per-page navigation above ``nav_compacts_limit`` (plugin/nav_view.py).
* ``on_page_markdown`` – resolve ``[[slug:id]]`` references in hand-written pages; take the worker's pages.
* ``on_page_content`` – splice the page fragments' HTML (render/fragments.py: templates, the theme's first) that
  search should index (registers, "searched" placeholders); note their anchors for MkDocs' link check.
* ``on_env`` – every page is read: check the fragments' links against the site's files and anchors (CS412).
* ``on_page_context`` – after Material's search has indexed the page: splice the fragments it should not index
  (clause blocks: the clause entries carry them; "Used in" lists), turn the first use of each glossary term
  into a definition button, then the page's navigation.
* ``on_post_page`` / ``on_post_template`` – make Material's own markup valid HTML (material_markup.py).
* ``on_post_build`` – wait for the worker; add one search entry per clause to Material's index; fail a strict
  build on the plugin's warnings when MkDocs does not count them (``mkdocs build -q``: runtime/log_relay.py).
* ``on_build_error`` – stop the worker.
* ``on_serve`` – watch the content folder so YAML edits rebuild under ``mkdocs serve``.

Every page is read, rendered and written in this process; the collector is held for the build only (memory.py).
"""
from __future__ import annotations

import time
from functools import partial
from pathlib import Path

from mkdocs.exceptions import Abort, PluginError
from mkdocs.plugins import BasePlugin, event_priority, get_plugin_logger
from mkdocs.structure.files import File, Files
from mkdocs.utils.meta import get_data

from compact_site.content.checks import not_ready
from compact_site.content.loader import Loaded
from compact_site.content.site_loader import is_data_file, load_content, summary
from compact_site.core.citations import LinkStyle, link_references
from compact_site.core.context import BuildContext
from compact_site.errors import ContentError, Problem
from compact_site.pages.listing import (
    download_files,
    page_files,
    site_pages,
    static_paths,
    timeline_pages,
)
from compact_site.pages.search import clause_entries, merged_index_text
from compact_site.plugin.config import CompactConfig, contact_problems, format_contact
from compact_site.plugin.fragment_check import fragment_link_problems
from compact_site.plugin.material_markup import valid_material_markup
from compact_site.plugin.nav_view import NavView
from compact_site.plugin.site_extras import ASSET_DIR, PAGE_ASSETS, extra_files, statement_contact
from compact_site.plugin.split_build import SplitBuild
from compact_site.plugin.terms_adapter import TermAnnotator
from compact_site.render.downloads import FormatContact
from compact_site.render.fragments import FragmentError, Fragments, anchor_ids, finish, splice
from compact_site.runtime.background import fork_refused, worth_forking
from compact_site.runtime.log_relay import WARNINGS, counted
from compact_site.runtime.memory import collector_paused, hold_for_build, release_after_build
from compact_site.text.author_text import unsafe_page_links
from compact_site.text.to_html import MARKDOWN_EXTENSIONS

log = counted(get_plugin_logger(__name__))  # its warnings fail a strict build at any verbosity (runtime/log_relay.py)


class CompactPlugin(BasePlugin[CompactConfig]):
    """Publishes the compacts in ``content/`` as pages."""

    def __init__(self) -> None:
        self.loaded = Loaded()
        self.context = BuildContext([])  # the compacts and the indexes made once per build (on_config)
        self.terms = TermAnnotator([], None)
        self.content_dir: Path | None = None
        self.generated: set[str] = set()
        self.made_elsewhere: set[str] = set()  # pages a worker makes (on_files), their Markdown taken later
        self.nav_view: NavView | None = None
        self.command: str | None = None  # from on_startup: "build", "serve" or "gh-deploy"
        self.forking = False  # whether this build may fork a worker (runtime/background.py)
        self.split = SplitBuild()  # the worker making a large build's static files (plugin/split_build.py)
        self.fragments = Fragments()  # the page fragments (templates), the theme's folders first (on_config)
        self.blocks: dict[str, tuple[str, ...]] = {}  # src_uri -> its fragments' HTML (render/fragments.py)
        self.unsearched: set[str] = set()  # pages whose blocks go in after Material's search (on_page_context)
        self.files: Files | None = None
        self.format_contact: FormatContact | None = None  # who to ask for another format (on_config)

    def on_config(self, config):
        WARNINGS.reset()  # a new build: no warnings yet
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
        faults = contact_problems(self.config, config.config_file_path)
        if faults:  # before any content is read: a settings mistake, told in the content's format
            raise PluginError("\n" + "\n".join(fault.format() for fault in faults))
        self.format_contact = format_contact(self.config)
        base = Path(config.config_file_path or ".").parent
        self.content_dir = (base / self.config.content_dir) if self.config.content_dir else Path(config.docs_dir)
        refused = fork_refused(self.command, config.plugins)
        if refused and self.command == "build":
            log.debug(f"one process: {refused}")
        self.forking = refused is None
        self.loaded = load_content([self.content_dir], may_share=self.forking)
        hold_for_build(self.command)  # the collector leaves the content alone (memory.py); undone in on_post_build
        if self.loaded.errors:
            raise PluginError("\n" + ContentError(self.loaded.errors).report())
        for problem in self.loaded.warnings:
            log.warning(problem.format())
        for line in not_ready(self.loaded.warnings):  # review entries left in: said plainly, once per file
            log.warning(line)
        self.context = BuildContext(self.loaded.compacts, self.loaded.glossary,
                                    LinkStyle(config.use_directory_urls, config.site_url), self.loaded.frozen())
        self.terms = TermAnnotator(self.loaded.compacts, self.loaded.glossary, self.context.frozen)
        # The page fragments: a council's own (its custom_dir, then the theme's folders) before the package's.
        self.fragments = Fragments(config.theme.dirs)
        log.debug(f"page fragments from the theme: {', '.join(map(str, self.fragments.overridden())) or 'none'}")
        try:
            self.fragments.check()
        except FragmentError as error:  # a mistake in the site's own copy of a fragment
            raise PluginError(str(error)) from None
        log.info(summary(self.loaded))
        return config

    def on_files(self, files: Files, *, config):
        if not self.config.enabled:
            return files
        with collector_paused():  # pages, concordance and exports: big and acyclic (compact_site/runtime/memory.py)
            try:
                return self._add_files(files, config)
            except FragmentError as error:  # a site's own fragment failed to render: its file and line
                raise PluginError(str(error)) from None

    def _add_files(self, files: Files, config) -> Files:
        for file in list(files):
            if is_data_file(file.src_uri):
                files.remove(file)  # compact sources, the anchor ledger and frozen editions are data, not downloads
        compacts = self.loaded.compacts
        self.context.make_indexes()  # now, so the pages, the compare data and a worker (forked below) share them
        self.split = SplitBuild()
        elsewhere = static_paths(self.context) if self.forking else []
        if elsewhere and worth_forking(len(elsewhere)):  # made and written by a worker meanwhile, forked now that
            # the data it needs exists: first the past editions' and changes pages (~4 s at national scale, taken
            # when MkDocs reads them), then the downloads, whose sizes the compact pages show, then the rest
            self._refuse_clashes(files, [(path, None) for path in elsewhere])
            editions = partial(timeline_pages, self.context, self.loaded.files, self.fragments, self.format_contact)
            self.split.start(files, config, elsewhere, partial(download_files, self.context),
                             partial(page_files, self.context, config.site_name, self.fragments),
                             editions if self.context.timelines else None)
        pages = site_pages(self.context, self.loaded.files, self.config.home and "index.md" not in files.src_uris,
                           self.loaded.glossary_file, self.fragments, self.format_contact,
                           made_elsewhere=self.split.started and bool(self.context.timelines))
        self.blocks = {p.src_uri: p.blocks for p in pages if p.blocks}
        self.unsearched = {p.src_uri for p in pages if (p.blocks or p.made_elsewhere) and not p.searchable}
        self.made_elsewhere = {p.src_uri for p in pages if p.made_elsewhere}  # their Markdown: on_page_markdown
        generated = [(p.src_uri, p.markdown, p.origin) for p in pages]
        if not self.split.started:  # one process: made and written here, as the worker would
            downloads, rest = download_files(self.context), page_files(self.context, config.site_name, self.fragments)
            self._refuse_clashes(files, [(path, None) for path, _ in downloads + rest])
            self.split.write_here(files, config, downloads, rest)
        generated += extra_files(compacts, config.site_name, with_history=bool(self.context.timelines),
                                 statement=statement_contact(self.config, files.src_uris),
                                 contact=self.format_contact, intranet=self.config.intranet)
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

    def on_nav(self, nav, *, config, files):
        self.nav_view = NavView.shaped(nav, [c.slug for c in self.loaded.compacts], self.config.nav_compacts_limit)
        return nav

    def on_env(self, env, *, config, files):
        """Every page is read: check the links of the page fragments against the site's files and anchors."""
        if self.config.enabled:
            try:
                problems = fragment_link_problems(files, config, self.blocks, self.context, self.fragments)
            except FragmentError as error:
                raise PluginError(str(error)) from None
            for problem in problems:
                log.warning(problem.format())
        return env

    @event_priority(-100)  # after every other plugin's on_page_context (Material's search), before the template
    def on_page_context(self, context, *, page, config, nav):
        if not self.config.enabled:
            return context
        if page.file.src_uri in self.unsearched:
            # Only now the clause blocks go in: Material's search has indexed the page's prose, and the clause
            # entries (on_post_build) carry every clause.
            blocks = finish(self.blocks[page.file.src_uri], self.split.sizes, self.fragments)
            page.content = splice(page.content, blocks)
        page.content = self.terms.annotate(page.content, page.file.src_uri, page.url, self.files)
        if self.nav_view is not None:
            context["nav"] = self.nav_view.for_page(page.file.src_uri)
        return context

    def on_page_markdown(self, markdown, *, page, config, files):
        if self.config.enabled and page.file.src_uri in self.made_elsewhere:  # its stand-in gave the front matter
            made = self.split.page(page.file.src_uri)
            self.blocks[page.file.src_uri] = made.blocks
            return get_data(made.markdown)[0]  # as MkDocs would have read it
        if not self.config.enabled or page.file.src_uri in self.generated:
            return markdown
        safe, unsafe = unsafe_page_links(markdown)  # the link policy, for pages written by hand too
        linked, faults = link_references(safe, page.file.src_uri, self.context.citations)
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
        if page.title and not page.is_homepage and "title" not in page.meta:
            # page.title is HTML (`&lt;` kept); Material's <title> runs it through `striptags`, which decodes
            # `&lt;/title&gt;&lt;script&gt;` into live markup. Its meta.title is written as given, so pin it.
            page.meta["title"] = page.title
        self.files = files  # for the term buttons' links, made once the page's blocks are in (on_page_context)
        blocks = self.blocks.get(page.file.src_uri, ())
        if blocks and getattr(page, "present_anchor_ids", None) is not None:
            # MkDocs checks links to anchors against the ids it saw in the Markdown; the blocks' ids come after.
            page.present_anchor_ids.update(anchor_ids(blocks))
        if page.file.src_uri in self.unsearched:  # only the blocks search should read now; the rest after it
            return splice(html, blocks, searched_only=True)
        return splice(html, finish(blocks, self.split.sizes, self.fragments))

    def on_post_page(self, output, *, page, config):
        return valid_material_markup(output) if self.config.enabled else output

    def on_post_template(self, output_content, *, template_name, config):
        if not self.config.enabled or not template_name.endswith(".html"):  # 404.html, not sitemap.xml
            return output_content
        return valid_material_markup(output_content)

    def on_startup(self, *, command, dirty):
        self.command = command  # "build" may use a worker process; "serve" never does

    def on_build_error(self, *, error):
        self.split.abandon()
        release_after_build()

    @event_priority(-50)  # after the search plugin writes its index, before Material's offline plugin
    def on_post_build(self, *, config):
        try:
            waited = time.perf_counter()
            count = self.split.join()
            if count:
                log.debug(f"{count} static files written by a worker; waited {time.perf_counter() - waited:.2f} s")
            index_file = Path(config.site_dir) / "search" / "search_index.json"
            if self.config.enabled and index_file.is_file():
                entries = clause_entries(self.loaded.compacts, config.use_directory_urls)
                merged = merged_index_text(index_file.read_text(encoding="utf-8"), entries)
                index_file.write_text(merged, encoding="utf-8")
        finally:
            release_after_build()
        unseen = WARNINGS.unseen()
        if config.strict and unseen:  # MkDocs counted none of them (`mkdocs build -q`), so it would not abort
            shown = "\n".join(unseen[:10]) + (f"\n… and {len(unseen) - 10} more" if len(unseen) > 10 else "")
            raise Abort(f"Aborted with {len(unseen)} warning{'s' if len(unseen) > 1 else ''} in strict mode "
                        f"(the compact plugin's, not shown at this log level):\n{shown}")

    def on_serve(self, server, *, config, builder):
        if self.content_dir is not None and self.content_dir.resolve() != Path(config.docs_dir).resolve():
            server.watch(str(self.content_dir))
        return server

