"""How a large build shares its work with two more processes (the MkDocs side of background.py).

* The first (forked at ``on_files``, before the concordance is built) makes and writes the static files that
  need no concordance (identifier pages, exports, register downloads: ~5 s at 400 compacts) while this process
  builds the concordance and the pages' Markdown.
* The second (forked at ``on_nav``, before MkDocs reads any page) takes the glossary and register pages, each
  compact's and the site's (:func:`pages_to_share`):

  1. it reads them as MkDocs' build loop would (plugins' ``on_pre_page`` … ``on_page_content``, Python-Markdown)
     while this process reads the compact pages, and sends back what that left on each page (Markdown, HTML,
     toc, metadata, anchors, links to anchors, log lines) with the page's Material search entries; here
     :meth:`SplitBuild.take` puts them on MkDocs' page, so links and anchors are checked here as usual;
  2. at ``on_env`` this process sends it every other page's title and metadata (the navigation shows them);
     it renders and writes its pages with the theme while this one renders the rest, and MkDocs here renders
     those pages with an empty template (so writes nothing for them);
  3. it makes and writes the compare page's data scripts, which need the concordance.

At 400 compacts the build takes ~16 s instead of ~24 s in one process; the site is byte-identical
(tests/test_background.py). Only where every plugin of the site is one whose page events keep no state between
pages (:data:`SHARES_NO_PAGE_STATE`): another plugin would miss the pages read elsewhere.
"""
from __future__ import annotations

import logging
from pathlib import Path
from typing import Any, Callable

from jinja2 import ChoiceLoader, DictLoader
from mkdocs.commands.build import get_context
from mkdocs.exceptions import PluginError
from mkdocs.structure.files import File, Files
from mkdocs.utils import write_file

from .background import SecondProcess, write_files
from .log_relay import captured_log, relog

try:  # MkDocs' own reading of one page (1.x): the child runs exactly what the build loop would
    from mkdocs.commands.build import _populate_page
except ImportError:  # pragma: no cover - another MkDocs: every page is read in the first process
    _populate_page = None
try:
    from material.plugins.search.plugin import SearchPlugin as MaterialSearch
except ImportError:  # pragma: no cover - no Material: its search is not there to share
    MaterialSearch = None

# Plugins whose page events keep nothing between pages: Material's search reads pages only when they are built
# (on_page_context, in the first process); offline rewrites the written site at the end.
SHARES_NO_PAGE_STATE = {"compact", "search", "material/search", "offline", "material/offline"}
BUILT_ELSEWHERE = "compact-site/built-elsewhere.html"  # an empty template: MkDocs writes nothing for the page
# Glossary and register: each compact's own (<slug>/...) and the site's, which hold every compact's (~1.5 MB).
SHARED_PAGES = ("glossary.md", "signatories.md")
MIN_PAGES = 2  # fewer is not worth the pickling


class WrittenElsewhere(File):
    """A static file that the second process writes into ``site_dir``: MkDocs knows its address, for its link
    checks, but does not write it."""

    def copy_file(self, dirty: bool = False) -> None:
        pass

    def is_modified(self) -> bool:
        return False


class SplitBuild:
    """The extra processes of one build, and the pages read elsewhere."""

    def __init__(self, site_dir: str) -> None:
        self.site_dir = Path(site_dir)
        self.processes: list[SecondProcess] = []
        self.later: Callable[[], list[tuple[str, str]]] | None = None  # files for the second, when it starts
        self.reader: SecondProcess | None = None  # the one reading pages
        self.elsewhere: set[str] = set()  # src_uris of the pages it reads
        self.entries: dict[str, list] = {}  # src_uri -> Material search entries made elsewhere
        self.hidden: dict[str, Any] = {}  # src_uri -> its meta's "search" while Material's search skips it

    def start_files(self, make: Callable[[], list[tuple[str, str]]],
                    later: Callable[[], list[tuple[str, str]]]) -> None:
        """Fork the first process (``make()``'s files now); ``later()``'s once the navigation exists."""
        self.later = later
        try:
            self.processes.append(SecondProcess(make, self.site_dir))
        except OSError as err:  # no memory or processes left for a child: the files are made here
            _LOG.info(f"could not start a second process ({err}); making the static files in this one")
            write_files(self.site_dir, make())

    def start_pages(self, config, files: Files, nav, slugs: list[str], dirty: bool) -> None:
        """Fork the second process: it reads :func:`pages_to_share`, then writes ``later()``'s files."""
        if self.later is None:
            return
        pages = pages_to_share(config, files, slugs, dirty)

        def work(send, hear):  # in the second process, which reads and builds these pages itself
            self.elsewhere = set()
            contexts = read_pages(pages, config, files, nav, send)
            with captured_log() as lines:
                try:
                    build_pages(pages, contexts, config, files, hear())
                finally:  # also when it fails: MkDocs' own lines about the failure
                    send({"log": lines})

        try:
            self.reader = SecondProcess(self.later, self.site_dir, work if pages else None)
        except OSError as err:  # no memory or processes left for a child: pages and files are made here
            _LOG.info(f"could not start a second process ({err}); reading every page in this one")
            later, self.later = self.later, None
            write_files(self.site_dir, later())
            return
        self.processes.append(self.reader)
        self.later, self.elsewhere = None, {page.file.src_uri for page in pages}

    def take(self, page, files: Files) -> str:
        """A page read elsewhere, put on MkDocs' page; its HTML."""
        try:
            result = self.reader.receive()
        except RuntimeError as err:
            raise PluginError(f"the second process failed:\n{err}") from None
        if "entries" in result:
            self.entries[page.file.src_uri] = result["entries"]
        return adopt(page, result, files)

    def before_building(self, env, files: Files) -> None:
        """``on_env``: the pages read elsewhere are built elsewhere too, with the titles and metadata of every
        other page, sent now; here MkDocs renders them with an empty template, and writes (and says) nothing."""
        if not self.elsewhere:
            return
        others = {f.src_uri: (f.page.title, f.page.meta) for f in files.documentation_pages()
                  if f.page is not None and f.page.markdown is not None and f.src_uri not in self.elsewhere}
        try:
            self.reader.tell(others)
        except OSError:  # it has ended: join() reports why
            return
        env.loader = ChoiceLoader([DictLoader({BUILT_ELSEWHERE: ""}), env.loader])
        for uri in self.elsewhere:
            files.get_file_from_path(uri).page.meta["template"] = BUILT_ELSEWHERE
        _BUILD_LOG.addFilter(self.quiet)

    def quiet(self, record: logging.LogRecord) -> bool:
        """MkDocs says "Page skipped" of each page it renders empty: not of the ones built elsewhere."""
        message = record.getMessage()
        return not (message.startswith(_SKIPPED) and message[len(_SKIPPED):].split("'", 1)[0] in self.elsewhere)

    def hide_from_search(self, page) -> None:
        """Before Material's search sees a page whose entries were made elsewhere: it skips the page."""
        if page.file.src_uri in self.entries:
            self.hidden[page.file.src_uri] = page.meta.get("search")
            page.meta["search"] = {"exclude": True}

    def add_search_entries(self, page, config) -> None:
        """After Material's search: the page's entries made elsewhere, in the page's place."""
        entries = self.entries.pop(page.file.src_uri, None)
        if entries is None:  # the site has no Material search
            return
        shown = self.hidden.pop(page.file.src_uri, None)
        if shown is None:
            del page.meta["search"]
        else:
            page.meta["search"] = shown
        _search_index(config).entries.extend(entries)

    def join(self) -> int:
        """Wait for every process; how many files they wrote. PluginError with a traceback if one failed."""
        processes, self.processes = self.processes, []
        try:
            return sum(process.join(relog) for process in processes)
        except RuntimeError as err:
            self.abandon(processes)
            raise PluginError(f"making the identifier pages, registers and exports, or the pages built with them, "
                              f"failed:\n{err}") from None
        finally:
            _BUILD_LOG.removeFilter(self.quiet)

    def abandon(self, processes: list[SecondProcess] | None = None) -> None:
        """Stop every process (the build failed)."""
        for process in (self.processes if processes is None else processes):
            process.abandon()
        self.processes = []
        _BUILD_LOG.removeFilter(self.quiet)


def pages_to_share(config, files: Files, slugs: list[str], dirty: bool) -> list:
    """The pages the second process should read (the compacts' glossary and register pages, the site's
    glossary), when it is safe."""
    if _populate_page is None or dirty or not set(config.plugins) <= SHARES_NO_PAGE_STATE:
        return []
    if any(name.endswith("search") and not (MaterialSearch and isinstance(plugin, MaterialSearch))
           for name, plugin in config.plugins.items()):
        return []  # MkDocs' own search cannot skip a page (Material's: meta search.exclude), so none is shared
    wanted = {f"{folder}{name}" for folder in ["", *(f"{slug}/" for slug in slugs)] for name in SHARED_PAGES}
    pages = [f.page for f in files.documentation_pages() if f.src_uri in wanted and f.page is not None]
    return pages if len(pages) >= MIN_PAGES else []


def read_pages(pages: list, config, files: Files, nav, send: Callable[[dict], None]) -> dict:
    """In the second process: read each page as MkDocs' build loop would, and send what it left on the page,
    then run the ``on_page_context`` event of every plugin as when the page is built: its Material search
    entries (if the site has Material's search) go with it, and its HTML as that event leaves it. The pages'
    template contexts, for :func:`build_pages`."""
    index = _search_index(config)
    doc_files = files.documentation_pages()  # once: a national register has ~35,000 files
    contexts = {}
    for page in pages:
        with captured_log() as lines:
            try:
                _populate_page(page, config, files)
                meta = dict(page.meta)  # before on_page_context, as the first process must see it
                before = len(index.entries) if index is not None else 0
                contexts[page.file.src_uri] = _page_context(page, config, doc_files, nav)
                entries = index.entries[before:] if index is not None else None
            except Exception as error:  # noqa: BLE001 - the first process raises it, with the log lines
                send({"src_uri": page.file.src_uri, "error": f"{type(error).__name__}: {error}", "log": lines})
                raise
        result = {
            "src_uri": page.file.src_uri, "log": lines, "markdown": page.markdown, "content": page.content,
            "toc": page.toc, "meta": meta, "present_anchor_ids": page.present_anchor_ids,
            # Files do not travel: name them by their source path, found again on the other side.
            "links_to_anchors": {target.src_uri: anchors for target, anchors in (page.links_to_anchors or {}).items()},
        }
        if entries is not None:
            result["entries"] = entries
        send(result)
    return contexts


def _page_context(page, config, doc_files: list[File], nav) -> dict:
    """The page's template context after the ``on_page_context`` event of every plugin, as MkDocs builds it."""
    page.active = True  # as MkDocs' _build_page has it meanwhile
    try:
        return config.plugins.on_page_context(get_context(nav, doc_files, config, page), page=page, config=config,
                                              nav=nav)
    finally:
        page.active = False


def build_pages(pages: list, contexts: dict, config, files: Files, others: dict) -> None:
    """In the second process, once the first has read every other page (``others``: their titles and metadata,
    which the navigation shows): render and write these pages as MkDocs' _build_page does."""
    for uri, (title, meta) in others.items():
        page = files.get_file_from_path(uri).page
        page.title, page.meta = title, meta
    env = config.plugins.on_env(config.theme.get_env(), config=config, files=files)
    for page in pages:
        config._current_page = page
        page.active = True
        try:
            template = env.get_template(page.meta.get("template", "main.html"))
            output = config.plugins.on_post_page(template.render(contexts[page.file.src_uri]), page=page,
                                                 config=config)
            if output.strip():
                write_file(output.encode("utf-8", errors="xmlcharrefreplace"), page.file.abs_dest_path)
        finally:
            page.active = False


def _search_index(config):
    """Material's search index, if the site uses Material's search (whose pages can be excluded by meta)."""
    for plugin in config.plugins.values():
        if MaterialSearch is not None and isinstance(plugin, MaterialSearch) and plugin.config.enabled:
            return getattr(plugin, "search_index", None)
    return None


def adopt(page, result: dict[str, Any], files: Files) -> str:
    """In the first process: put a page read elsewhere on MkDocs' page; its HTML, for ``on_page_content``."""
    relog(result)  # counted here, so --strict fails on them as on any other
    if result["src_uri"] != page.file.src_uri:
        raise PluginError(f"{page.file.src_uri}: the second process sent {result['src_uri']} instead")
    if "error" in result:
        raise PluginError(f"{page.file.src_uri}: {result['error']}")
    page.markdown, page.toc, page.meta = result["markdown"], result["toc"], result["meta"]
    page.present_anchor_ids = result["present_anchor_ids"]
    if page.links_to_anchors is not None:  # None under --verbose: MkDocs then skips its anchor checks
        page.links_to_anchors = {files.get_file_from_path(uri): anchors
                                 for uri, anchors in result["links_to_anchors"].items()}
    return result["content"]


_BUILD_LOG = logging.getLogger("mkdocs.commands.build")
_LOG = logging.getLogger("mkdocs.plugins.compact_site.split_build")
_SKIPPED = "Page skipped: '"
