"""A large build's static files, made and written by a worker process (the MkDocs side of runtime/background.py).

At ``on_files``, once the concordance exists, a worker makes the static files (:func:`pages.static_files`:
identifier pages, exports, register downloads, compare data, feeds; ~34,000 files, ~4 s to make and ~1 s to write at
national scale) and writes them under ``site_dir``, while this process builds the pages' Markdown and MkDocs
reads, renders and writes every page. MkDocs knows each of those files (:class:`WrittenElsewhere`), so links to
them check out, but does not write them. ``on_post_build`` waits for the worker and logs what it logged
(so ``--strict`` counts it); a failure there fails the build with the worker's traceback.

The worker makes the downloads first (exports and registers) and hands back their sizes in bytes, counted from
the bytes it wrote: the compact pages list them. This process asks for them (:meth:`SplitBuild.sizes`) only when
it splices the first compact page's blocks (``on_page_context``), after MkDocs has read every page: by then the
worker is long past them, so nothing waits.

Nothing of MkDocs' page machinery runs in the worker. In one process (:func:`background.fork_refused`) the
plugin registers the same files and writes them itself with the same writer (:meth:`SplitBuild.write_here`),
during ``on_files``: the site is byte-identical (tests/test_background.py).
"""
from __future__ import annotations

import os
import time
from pathlib import Path
from typing import Callable, Iterable

from mkdocs.exceptions import PluginError
from mkdocs.plugins import get_plugin_logger
from mkdocs.structure.files import File, Files

from compact_site.render.page_source import PageSource, packed, unpacked
from compact_site.runtime.background import Worker, WorkerFailed
from compact_site.runtime.log_relay import relog

log = get_plugin_logger(__name__)


class WrittenElsewhere(File):
    """A static file that a worker writes into ``site_dir``: MkDocs knows its address, for its link checks, but
    does not write it."""

    def copy_file(self, dirty: bool = False) -> None:
        pass

    def is_modified(self) -> bool:
        return False


class SplitBuild:
    """The worker of one build, making and writing its static files."""

    def __init__(self) -> None:
        self.worker: Worker | None = None
        self._sizes: dict[str, int] | None = None  # the downloads' sizes, once known
        self._first = 0  # the worker's task making the downloads: 1 when it makes pages first
        self._pages: dict[str, PageSource] | None = None  # the pages it made, once taken

    @property
    def started(self) -> bool:
        return self.worker is not None

    def start(self, files: Files, config, paths: list[str], downloads: Callable[[], list[tuple[str, str]]],
              rest: Callable[[], list[tuple[str, str]]], pages: Callable[[], list[PageSource]] | None = None) -> None:
        """Start a worker writing ``downloads()``' then ``rest()``'s (path, text)
        pairs, which together must be those paths, under ``site_dir``; first, if given, it makes ``pages()``
        (MkDocs pages' Markdown and blocks, for :meth:`page`), and register ``paths`` with MkDocs. Should no
        process start, :meth:`page`, :meth:`sizes` and :meth:`join` make them here."""
        site_dir = Path(config.site_dir)
        tasks = [lambda: write_files(site_dir, downloads()),
                 lambda: len(write_files(site_dir, rest()))]  # a count: 32,000 paths stay there
        self._first = 1 if pages else 0
        self.worker = Worker(([lambda: [packed(page) for page in pages()]] if pages else []) + tasks)
        # Registered once the worker has started, which needs none of it: with past editions, 73,000 files take
        # ~0.45 s to register, time the worker now spends on its pages.
        self._register(files, config, paths)

    @staticmethod
    def _register(files: Files, config, paths: Iterable[str]) -> None:
        for path in paths:  # known to MkDocs, so links to them check out
            files.append(WrittenElsewhere(path, None, config.site_dir, config.use_directory_urls))

    def write_here(self, files: Files, config, downloads: list[tuple[str, str]], rest: list[tuple[str, str]]) -> None:
        """One process: register the files as :meth:`start` does, and write them now (the downloads' sizes kept,
        as written), with the same writer as the worker's rather than MkDocs' ``copy_file``."""
        self._register(files, config, (path for path, _ in downloads + rest))
        site_dir = Path(config.site_dir)
        self._sizes = write_files(site_dir, downloads)
        write_files(site_dir, rest)

    def page(self, src_uri: str) -> PageSource:
        """A page the worker made (:meth:`start`'s ``pages``): waits for that task only, the first it runs."""
        if self._pages is None:
            waited = time.perf_counter()
            self._pages = {page.src_uri: page for page in map(unpacked, self._taken(lambda w: w.result(0)))}
            log.debug(f"{len(self._pages)} pages from the worker: waited {time.perf_counter() - waited:.3f} s")
        return self._pages[src_uri]

    def sizes(self) -> dict[str, int]:
        """The downloads' sizes (path -> bytes written): kept (:meth:`write_here`), or the worker's, waiting for
        its first task only (asked for when the first compact page is spliced: it is long done by then)."""
        if self._sizes is None and self.worker is not None:
            waited = time.perf_counter()
            self._sizes = self._taken(lambda worker: worker.result(self._first))
            log.debug(f"the downloads' sizes from the worker: waited {time.perf_counter() - waited:.3f} s")
        return self._sizes or {}

    def join(self) -> int:
        """Wait for the worker; how many files it wrote. PluginError with its traceback if it failed."""
        worker, self.worker = self.worker, None
        if worker is None:
            return 0
        *_, sizes, count = self._taken(lambda _: worker.results(), worker)
        return len(sizes) + count

    def _taken(self, take, worker: Worker | None = None):
        try:
            return take(worker or self.worker)
        except WorkerFailed as err:
            relog(err.records)  # what it logged before failing, e.g. MkDocs' own lines about it
            raise PluginError(f"making the identifier pages, registers, exports and compare data failed:\n{err}") \
                from None

    def abandon(self) -> None:
        """The build failed: stop the worker."""
        worker, self.worker = self.worker, None
        if worker is not None:
            worker.close()


def write_files(site_dir: Path, files: Iterable[tuple[str, str]]) -> dict[str, int]:
    """Write (path, text) pairs under ``site_dir`` as UTF-8; returns each path's size in bytes, as written.

    With the operating system's calls rather than pathlib's or MkDocs' ``copy_file``: ~34,000 files at national
    scale, each an identifier page in a folder of its own, so one ``mkdir`` per file (its parent's parent exists
    already) and one unbuffered write (0.5 of 0.9 s of writing them)."""
    root = os.fspath(site_dir)
    made: set[str] = set()
    sizes: dict[str, int] = {}
    for path, text in files:
        target = os.path.join(root, path)
        parent = os.path.dirname(target)
        if parent not in made:
            try:
                os.mkdir(parent)
            except FileExistsError:
                pass
            except FileNotFoundError:
                os.makedirs(parent, exist_ok=True)
            made.add(parent)
        data = text.encode("utf-8")
        with open(target, "wb", buffering=0) as output:
            view, written = memoryview(data), 0
            while written < len(data):  # a raw write may take less than all of it
                written += output.write(view[written:])
        sizes[path] = len(data)
    return sizes
