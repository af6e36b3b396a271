"""How a large build shares its work with two more processes (the MkDocs side of background.py).

* The first (forked at ``on_files``, before the concordance is built) makes and writes the static files that
  need no concordance: identifier pages, exports and register downloads (~5 s at 400 compacts), while this
  process builds the concordance and the pages' Markdown.
* The second (forked when MkDocs has its navigation, before it reads any page) does two things:

1. It reads each compact's glossary and register pages and the site's glossary: the part of MkDocs' page reading that runs plugins'
   ``on_pre_page`` … ``on_page_content`` and Python-Markdown, and sends back what that left on each page:
   its Markdown, HTML, table of contents, metadata, anchors, links to anchors, and the log lines it wrote.
   Meanwhile the first process reads the compact pages themselves and the rest. When MkDocs reaches a page done elsewhere,
   :func:`adopt` puts the results on it; MkDocs then builds it with the theme exactly as if it had read it.
2. It makes and writes the compare page's data scripts, which need the concordance.

At 400 compacts this takes ~3.5 s off the first process's ~10 s of page work. The built site is byte-
identical (tests/test_background.py). Only where every plugin of the site is one whose page events are known to
keep no state between pages (:data:`SHARES_NO_PAGE_STATE`): another plugin would miss the pages read elsewhere.
"""
from __future__ import annotations

import logging
from contextlib import contextmanager
from pathlib import Path
from typing import Any, Callable, Iterator

from mkdocs.exceptions import PluginError
from mkdocs.structure.files import File, Files

from .background import SecondProcess

from mkdocs.commands.build import get_context

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
SUB_PAGES = ("glossary.md", "signatories.md")  # each compact's own glossary and register
SITE_PAGES = ("glossary.md", "signatories.md")  # the site's glossary and register: every compact's (~1.5 MB)
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
        self.processes.append(SecondProcess(make, self.site_dir))
        self.later = later

    def start_pages(self, config, files: Files, nav, slugs: list[str], dirty: bool) -> None:
        """Fork the second process: it reads :func:`pages_to_share`, then writes ``later()``'s files."""
        if self.later is None:
            return
        pages = pages_to_share(config, files, slugs, dirty)

        def work(send):  # in the second process, which reads these pages itself
            self.elsewhere = set()
            read_pages(pages, config, files, nav, send)

        self.reader = SecondProcess(self.later, self.site_dir, work if pages else None)
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

    def hide_from_search(self, page) -> None:
        """Before Material's search sees a page whose entries were made elsewhere: it skips the page."""
        if page.file.src_uri in self.entries:
            self.hidden[page.file.src_uri] = page.meta.get("search")
            page.meta["search"] = {"exclude": True}

    def add_search_entries(self, page, config) -> bool:
        """After Material's search: the page's entries made elsewhere, in the page's place. Whether it had any."""
        entries = self.entries.pop(page.file.src_uri, None)
        if entries is None:
            return False
        shown = self.hidden.pop(page.file.src_uri, None)
        if shown is None:
            del page.meta["search"]
        else:
            page.meta["search"] = shown
        _search_index(config).entries.extend(entries)
        return True

    def join(self) -> int:
        """Wait for every process; how many files they wrote. PluginError with a traceback if one failed."""
        processes, self.processes = self.processes, []
        try:
            return sum(process.join() for process in processes)
        except RuntimeError as err:
            self.abandon(processes)
            raise PluginError(f"making the identifier pages, registers and exports failed:\n{err}") from None

    def abandon(self, processes: list[SecondProcess] | None = None) -> None:
        """Stop every process (the build failed)."""
        for process in (self.processes if processes is None else processes):
            process.abandon()
        self.processes = []


def pages_to_share(config, files: Files, slugs: list[str], dirty: bool) -> list:
    """The pages the second process should read (the compacts' glossary and register pages, the site's
    glossary), when it is safe."""
    if _populate_page is None or dirty or not set(config.plugins) <= SHARES_NO_PAGE_STATE:
        return []
    wanted = {f"{slug}/{name}" for slug in slugs for name in SUB_PAGES} | set(SITE_PAGES)
    pages = [f.page for f in files.documentation_pages() if f.src_uri in wanted and f.page is not None]
    return pages if len(pages) >= MIN_PAGES else []


def read_pages(pages: list, config, files: Files, nav, send: Callable[[dict], None]) -> None:
    """In the second process: read each page as MkDocs' build loop would, and send what it left on the page.
    With Material's search, also the page's search entries, as its ``on_page_context`` (with every other
    plugin's) would make them when the page is built, and the page's HTML as that leaves it."""
    index = _search_index(config)
    doc_files = files.documentation_pages()  # once: a national register has ~35,000 files
    for page in pages:
        with captured_log() as lines:
            try:
                _populate_page(page, config, files)
                meta = dict(page.meta)  # before on_page_context, as the first process must see it
                entries = _search_entries(page, config, doc_files, nav, index) if index is not None else None
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


def _search_entries(page, config, doc_files: list[File], nav, index) -> list:
    """The page's Material search entries: the ``on_page_context`` event of every plugin, as when it is built."""
    before = len(index.entries)
    page.active = True  # as MkDocs' _build_page has it meanwhile
    try:
        config.plugins.on_page_context(get_context(nav, doc_files, config, page), page=page, config=config, nav=nav)
    finally:
        page.active = False
    return index.entries[before:]


def _search_index(config):
    """Material's search index, if the site uses Material's search (whose pages can be excluded by meta)."""
    for plugin in config.plugins.values():
        if MaterialSearch is not None and isinstance(plugin, MaterialSearch) and plugin.config.enabled:
            return getattr(plugin, "search_index", None)
    return None


def adopt(page, result: dict[str, Any], files: Files) -> str:
    """In the first process: put a page read elsewhere on MkDocs' page; its HTML, for ``on_page_content``."""
    for name, level, message in result["log"]:  # counted here, so --strict fails on them as on any other
        logging.getLogger(name).log(level, message)
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


class _Lines(logging.Handler):
    def __init__(self, lines: list) -> None:
        super().__init__()
        self.lines = lines

    def emit(self, record: logging.LogRecord) -> None:
        self.lines.append((record.name, record.levelno, record.getMessage()))


@contextmanager
def captured_log() -> Iterator[list[tuple[str, int, str]]]:
    """MkDocs' log lines meanwhile, kept (not printed) to be written by the first process."""
    logger = logging.getLogger("mkdocs")
    lines: list[tuple[str, int, str]] = []
    handlers, propagate = logger.handlers[:], logger.propagate
    logger.handlers, logger.propagate = [_Lines(lines)], False
    try:
        yield lines
    finally:
        logger.handlers, logger.propagate = handlers, propagate
