"""A second process for a large build: it renders some pages for the first, then makes and writes the static files.

At national scale a site has ~34,000 static files (an identifier page per clause, exports, registers, compare
data): ~4 s to make and ~1 s to write, none of which the pages need; the five example compacts have ~500
(~0.1 s, with lxml's import). On a machine with two or more cores a forked child makes and writes them while
MkDocs renders; the parent waits for it at the end of the build. Before that, the child may render pages for
the parent (split_build.py: each compact's glossary and register, ~4 s at 400 compacts): it sends each result
as it is done, and the parent takes them in when MkDocs reaches those pages. Pages first, because the parent
waits for them; the static files only at the very end.

Only where it is safe and worth it: on Linux (Windows has no ``os.fork``; macOS forbids it after some system
libraries are loaded), under ``build`` (``mkdocs serve`` runs a server thread, and forking a threaded process
is unsafe), with more than one core and enough files. Otherwise the caller makes the files in-process.
No MkDocs imports.
"""
from __future__ import annotations

import os
import pickle
import queue
import sys
import threading
import traceback
from pathlib import Path
from typing import Any, Callable, Iterable

MIN_FILES = 100  # forking costs a few milliseconds; making 100 files (and importing lxml for them) costs more


def may_fork(command: str | None) -> bool:
    """Whether this command on this machine may use a child process at all (before counting any files)."""
    # Linux only: Windows has no fork, and on macOS forking after system frameworks are loaded is unsafe.
    return sys.platform.startswith("linux") and command == "build" and _usable_cores() > 1


def _usable_cores() -> int:
    """The cores this process may run on (a container's limit), not the machine's."""
    try:
        return len(os.sched_getaffinity(0))
    except (AttributeError, OSError):
        return os.cpu_count() or 1


def worth_forking(command: str | None, files: int) -> bool:
    """Whether to make ``files`` static files in a child process."""
    return may_fork(command) and files >= MIN_FILES


def map_in_two(func: Callable[[Any], Any], items: list, share: float = 0.45) -> list:
    """``[func(item) for item in items]``, the last ``share`` of them computed by a forked child meanwhile and
    pickled back (loading 400 compacts: ~1 s less of ~3). The caller checks :func:`may_fork` first. Should the
    child fail, this process computes its part too: the result is the same either way."""
    cut = len(items) - int(len(items) * share)
    read, write = os.pipe()
    try:
        pid = os.fork()
    except OSError:  # no memory or processes left for a child: all of it here
        os.close(read)
        os.close(write)
        return [func(item) for item in items]
    if pid == 0:  # the child: its results, pickled, then gone without running the parent's exit handlers
        os.close(read)
        status = 0
        try:
            with os.fdopen(write, "wb") as output:
                pickle.dump([func(item) for item in items[cut:]], output, protocol=pickle.HIGHEST_PROTOCOL)
        except BaseException:  # noqa: BLE001 - the parent sees no result and does the work itself
            status = 1
        finally:
            os._exit(status)
    os.close(write)
    with os.fdopen(read, "rb") as source:
        try:
            mine = [func(item) for item in items[:cut]]
        except BaseException:
            os.kill(pid, 9)  # this half failed: the child's is of no use
            os.waitpid(pid, 0)
            raise
        try:
            theirs = pickle.load(source)
        except Exception:  # noqa: BLE001 - EOF or garbage: the child failed
            theirs = None
    _, status = os.waitpid(pid, 0)
    if theirs is None or status != 0 or len(theirs) != len(items) - cut:
        theirs = [func(item) for item in items[cut:]]
    return mine + theirs


def write_files(site_dir: Path, files: Iterable[tuple[str, str]]) -> int:
    """Write (path, text) pairs under ``site_dir`` as UTF-8; returns how many."""
    made: set[Path] = set()
    count = 0
    for path, text in files:
        target = site_dir / path
        if target.parent not in made:
            target.parent.mkdir(parents=True, exist_ok=True)
            made.add(target.parent)
        target.write_bytes(text.encode("utf-8"))
        count += 1
    return count


class SecondProcess:
    """A forked child that runs ``pages(send, hear)`` (each ``send(item)`` reaches the parent's :meth:`receive`
    at once; ``hear()`` waits for the parent's next :meth:`tell`), then writes ``make()``'s (path, text) pairs
    under ``site_dir``. Failures come back as RuntimeError with the child's traceback."""

    def __init__(self, make: Callable[[], list[tuple[str, str]]], site_dir: Path,
                 pages: Callable[[Callable[[Any], None], Callable[[], Any]], None] | None = None) -> None:
        """Raises OSError if the process cannot be started (then nothing is left open)."""
        self.pid = 0
        self._frames: queue.SimpleQueue | None = None
        self._output = None
        ends = list(os.pipe()) + (list(os.pipe()) if pages is not None else [])  # up; down (parent -> child)
        try:
            pid = os.fork()
        except OSError:
            for end in ends:
                os.close(end)
            raise
        if pid == 0:  # the child: never return into the parent's code, never run its exit handlers
            for end in [ends[0]] + ends[3:]:  # the parent's ends: up's read, down's write
                os.close(end)
            for earlier in _OPEN:  # and those of processes started before this one
                earlier._close_ends()
            _child(os.fdopen(ends[1], "wb"), os.fdopen(ends[2], "rb") if pages is not None else None,
                   make, site_dir, pages)
        os.close(ends[1])
        self.pid = pid
        self._input = os.fdopen(ends[0], "rb")
        if pages is not None:
            os.close(ends[2])
            self._output = os.fdopen(ends[3], "wb")
            # A thread reads as the child sends pages: the child never waits on a full pipe while the parent
            # renders. (A process without pages sends one small frame at its end, read by join.)
            self._frames = queue.SimpleQueue()
            threading.Thread(target=self._drain, name="compact-site second process", daemon=True).start()
        _OPEN.append(self)

    def _close_ends(self) -> None:
        """In a later child: let go of this process's pipes (they belong to the parent)."""
        for stream in (self._input, self._output):
            if stream is not None:
                try:
                    os.close(stream.fileno())
                except (OSError, ValueError):
                    pass

    def _read_frame(self) -> tuple[str, Any]:
        """The child's next frame; ("ended", None) once the pipe is closed or broken."""
        try:
            return pickle.load(self._input)
        except (EOFError, OSError, ValueError, pickle.UnpicklingError):
            return "ended", None

    def _drain(self) -> None:
        while True:
            frame = self._read_frame()
            self._frames.put(frame)
            if frame[0] == "ended":
                return

    def _next(self) -> tuple[str, Any]:
        kind, value = self._frames.get() if self._frames is not None else self._read_frame()
        if kind == "failed":
            self._reap()
            raise RuntimeError(value)
        if kind == "ended":
            self._reap()
            raise RuntimeError("the second process ended without a report (killed, or out of memory?)")
        return kind, value

    def tell(self, item: Any) -> None:
        """Send ``item`` to the child's ``hear()``."""
        pickle.dump(item, self._output, protocol=pickle.HIGHEST_PROTOCOL)
        self._output.flush()

    def receive(self) -> Any:
        """The next item the child's ``pages`` sent (waiting for it)."""
        kind, value = self._next()
        if kind != "page":
            raise RuntimeError(f"the second process sent {kind!r} where a page was due")
        return value

    def join(self, leftover: Callable[[Any], None] = lambda item: None) -> int:
        """Wait for the child; the number of files it wrote. Items sent and not received go to ``leftover``.
        Raises RuntimeError with the child's traceback if it failed."""
        while True:
            kind, value = self._next()
            if kind == "done":
                self._reap()
                return value
            leftover(value)

    def _reap(self) -> None:
        if self.pid:
            try:
                if self._output is not None:
                    self._output.close()  # a child still waiting to hear from the parent hears the end instead
            except OSError:  # it has gone already
                pass
            os.waitpid(self.pid, 0)
            self.pid = 0
            self._input.close()
            if self in _OPEN:
                _OPEN.remove(self)

    def abandon(self) -> None:
        """Stop the child (the build failed elsewhere) and reap it."""
        if self.pid:
            try:
                os.kill(self.pid, 9)
            except ProcessLookupError:
                pass
            self._reap()


_OPEN: list[SecondProcess] = []  # started and not yet reaped: a later child closes their pipes


def _child(output, source, make, site_dir: Path, pages) -> None:
    """The child's whole life: frames ("page", item)*, then ("done", count) or ("failed", traceback)."""
    status = 0
    try:
        def send(item: Any) -> None:
            pickle.dump(("page", item), output, protocol=pickle.HIGHEST_PROTOCOL)
            output.flush()

        if pages is not None:
            pages(send, lambda: pickle.load(source))
        pickle.dump(("done", write_files(site_dir, make())), output)
    except BaseException:  # noqa: BLE001 - everything is reported to the parent
        status = 1
        try:
            pickle.dump(("failed", traceback.format_exc()), output)
        except BaseException:  # noqa: BLE001 - the pipe is gone: the parent sees the end instead
            pass
    finally:
        try:
            output.flush()
        finally:
            os._exit(status)
