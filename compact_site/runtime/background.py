"""Where a build's work runs: the one module that starts processes, on the standard library only.

A large ``mkdocs build`` hands work that needs no MkDocs page machinery to one worker process:

* loading (``content.load_content``): the last ~45 % of the compact files and frozen editions are loaded and
  checked by a worker forked for that (:func:`map_in_two`), and sent back;
* at ``on_files``, once the concordance exists, the static files (identifier pages, exports, register
  downloads, compare data: ~34,000 files at national scale) are made and written under ``site_dir`` by a
  worker (plugin/split_build.py) while this process builds the pages; ``on_post_build`` waits for it.

Every MkDocs page is read, rendered and written by this process. A worker is a
``concurrent.futures.ProcessPoolExecutor`` of one process on the "fork" start method, created once the state
its tasks need exists: it inherits that state (the loaded compacts, the concordance) instead of receiving it
pickled. Each task returns its result with the log records it made, which this process logs again
(runtime/log_relay.py), so ``--strict`` counts them as its own; a big result (over 1 MB pickled) waits in a
temporary file instead of the pool's pipe.

Only where forking is safe and worth it (:func:`fork_refused`): on Linux (Windows has no fork; macOS forbids
it once system libraries are loaded), under ``mkdocs build`` (``serve`` runs threads), with two or more usable
cores, no other thread alive, only plugins of :data:`SAFE_PLUGINS`, and ``COMPACT_SITE_PROCESSES`` not set
to 1. Otherwise everything runs in this process, and the site is byte-identical (tests/test_background.py).
No MkDocs imports.
"""
from __future__ import annotations

import itertools
import multiprocessing
import os
import pickle
import sys
import tempfile
import threading
import traceback
from concurrent.futures import ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from typing import Any, Callable, Iterable

from compact_site.runtime.log_relay import captured_log, relog

PROCESSES_ENV = "COMPACT_SITE_PROCESSES"  # 1: the whole build in one process
# Plugins known to hold no thread, lock or connection that a forked copy of the build could trip on. Any other
# plugin might: then nothing is forked.
SAFE_PLUGINS = frozenset({"compact", "search", "material/search", "offline", "material/offline"})
MIN_FILES = 100  # forking costs a few milliseconds; making 100 files (and importing lxml for them) costs more


def _platform() -> str:
    return sys.platform  # a function, so tests can play another system


def _usable_cores() -> int:
    """The cores this process may run on (a container's limit), not the machine's."""
    try:
        return len(os.sched_getaffinity(0))
    except (AttributeError, OSError):
        return os.cpu_count() or 1


def fork_unavailable() -> str | None:
    """Why this machine or environment runs every build in one process; None when a worker may be forked."""
    wanted = os.environ.get(PROCESSES_ENV, "").strip()
    if wanted.lstrip("-").isdigit() and int(wanted) <= 1:
        return f"{PROCESSES_ENV}={wanted}"
    platform = _platform()
    if not platform.startswith("linux"):
        return f"no safe fork on {platform} (Windows has none; macOS forbids it once system libraries are loaded)"
    if "fork" not in multiprocessing.get_all_start_methods():
        return "this Python cannot fork"
    if _usable_cores() < 2:
        return "one usable core"
    return None


def _threads_alive() -> str | None:
    others = threading.active_count() - 1
    return f"{others} other thread{'s' if others > 1 else ''} running (forking them is unsafe)" if others else None


def fork_refused(command: str | None, plugins: Iterable[str] = ()) -> str | None:
    """Why this build runs in one process; None when it may fork a worker. ``plugins``: the site's plugin names."""
    if command != "build":
        return f"not `mkdocs build` but {command!r}"  # `serve` runs a server thread; tests and scripts say none
    unknown = sorted(set(plugins) - SAFE_PLUGINS)
    if unknown:
        return f"the plugin{'s' if len(unknown) > 1 else ''} {', '.join(unknown)} might not survive a fork"
    return fork_unavailable() or _threads_alive()


def may_fork(command: str | None, plugins: Iterable[str] = ()) -> bool:
    """Whether this build may fork a worker (checked again, for threads, at each fork)."""
    return fork_refused(command, plugins) is None


def worth_forking(files: int) -> bool:
    """Whether making ``files`` static files is worth a worker."""
    return files >= MIN_FILES


class WorkerFailed(RuntimeError):
    """A task failed in the worker (the message is its traceback) or the worker died; ``records``: the log
    records the failed task made, not yet logged here."""

    def __init__(self, message: str, records: list | None = None) -> None:
        super().__init__(message)
        self.records = records or []


_PENDING: dict[int, list[Callable[[], Any]]] = {}  # the tasks of workers being forked, inherited by them
_KEYS = itertools.count()


class Worker:
    """``tasks`` (callables without arguments) run in order by one forked process while this one goes on;
    :meth:`results` waits for them. Run here instead, by :meth:`results`, when ``fork`` is false, when another
    thread is alive, or when no process can be started."""

    def __init__(self, tasks: Iterable[Callable[[], Any]], fork: bool = True) -> None:
        self.tasks = list(tasks)
        self.forked = False
        self._pool: ProcessPoolExecutor | None = None
        self._futures: list = []
        self._values: dict[int, Any] = {}  # results already taken (each task's log records are logged once)
        if not fork or not self.tasks or _threads_alive():
            return
        key = next(_KEYS)
        _PENDING[key] = self.tasks
        pool = ProcessPoolExecutor(max_workers=1, mp_context=multiprocessing.get_context("fork"))
        try:  # the first submit forks the process, before the pool starts its own thread
            self._futures = [pool.submit(_run, key, index) for index in range(len(self.tasks))]
        except OSError:  # no memory or processes left for a child: the tasks run here
            self._futures = []
            pool.shutdown(wait=True, cancel_futures=True)
            return
        finally:
            del _PENDING[key]  # the worker has its own copy now
        self._pool, self.forked = pool, True

    def result(self, index: int) -> Any:
        """Task ``index``'s result, waiting for that task only (the worker runs its tasks in order, so an early
        one can be taken while later ones run). Its log records are logged here when it is taken. WorkerFailed
        if it failed there (its traceback) or the worker died. Not forked: the task runs here, now, once."""
        if index in self._values:
            return self._values[index]
        if not self.forked:
            value = self.tasks[index]()
        else:
            try:
                ok, value, records = self._futures[index].result()
            except BrokenProcessPool:
                raise WorkerFailed("the worker process ended without a report (killed, or out of memory?)") \
                    from None
            if not ok:
                raise WorkerFailed(value, records)
            relog(records)
            value = value.load() if isinstance(value, _Spilled) else pickle.loads(value)
        self._values[index] = value
        return value

    def results(self) -> list:
        """Each task's result, in order (waiting for the worker); see :meth:`result`. The worker is closed."""
        try:
            return [self.result(index) for index in range(len(self.tasks))]
        finally:
            self.close()

    def close(self) -> None:
        """Stop the worker: tasks not started are dropped; a running one is waited for (the standard library
        has no way to stop it sooner), so nothing writes after the build has ended."""
        pool, self._pool = self._pool, None
        if pool is not None:
            pool.shutdown(wait=True, cancel_futures=True)
            for index, future in enumerate(self._futures):  # results never taken: their files go too
                if index in self._values or not future.done() or future.cancelled() or future.exception():
                    continue
                value = future.result()[1]
                if isinstance(value, _Spilled):
                    value.discard()


SPILL_BYTES = 1 << 20  # a result this big goes through a file, not the pool's pipe


def spill_dir() -> str:
    """Where big results wait: memory (/dev/shm) where Linux has it, else the system's temporary folder."""
    return "/dev/shm" if os.access("/dev/shm", os.W_OK) else tempfile.gettempdir()


class _Spilled:
    """A worker's result left in a temporary file (:func:`_run`): the pool's pipe holds 64 KB, so sending 80 MB
    (a national register's past-edition pages) through it kept the worker waiting ~1.5 s for this process, busy
    with MkDocs, to read each piece; a file is written at once and read here in one go when the result is taken."""

    def __init__(self, data: bytes) -> None:
        handle, self.path = tempfile.mkstemp(prefix="compact-site-", suffix=".pickle", dir=spill_dir())
        with os.fdopen(handle, "wb") as out:
            out.write(data)

    def load(self) -> Any:
        try:
            with open(self.path, "rb") as data:
                return pickle.load(data)
        finally:
            self.discard()

    def discard(self) -> None:
        try:
            os.unlink(self.path)
        except OSError:
            pass


def _run(key: int, index: int) -> tuple[bool, Any, list]:
    """In the worker: one task, with the log records it made; (True, result, records) or (False, traceback,
    records). The result is pickled here, once: as bytes, or, when big, in a :class:`_Spilled` file."""
    with captured_log() as records:
        try:
            data = pickle.dumps(_PENDING[key][index](), protocol=pickle.HIGHEST_PROTOCOL)
            return True, _Spilled(data) if len(data) > SPILL_BYTES else data, records
        except BaseException:  # noqa: BLE001 - reported to the parent, which fails the build or redoes the work
            return False, traceback.format_exc(), records


def map_in_two(func: Callable[[Any], Any], items: list, share: float = 0.45) -> list:
    """``[func(item) for item in items]``, the last ``share`` of them computed by a worker meanwhile and pickled
    back (loading 400 compacts with two frozen editions each: ~3.8 s instead of ~5). The caller checks
    :func:`may_fork` first. Should the worker fail, this process computes its part too (and its log lines are
    not repeated): the result is the same."""
    cut = len(items) - int(len(items) * share)
    theirs = items[cut:]
    worker = Worker([lambda: [func(item) for item in theirs]])
    try:
        mine = [func(item) for item in items[:cut]]
    except BaseException:
        worker.close()  # this half failed: the worker's is of no use
        raise
    try:
        (done,) = worker.results()
    except WorkerFailed:
        done = [func(item) for item in theirs]
    return mine + done
