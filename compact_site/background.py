"""Make and write a site's static files in a second process while the first renders pages.

At national scale a site has ~34,000 static files (an identifier page per clause, exports, registers, compare
data): ~4 s to make and ~1 s to write, none of which the pages need; the five example compacts have ~500
(~0.1 s, with lxml's import). On a machine with two or more cores a forked child makes and writes them while
MkDocs renders; the parent waits for it at the end of the build.

Only where it is safe and worth it: on Linux (Windows has no ``os.fork``; macOS forbids it after some system
libraries are loaded), under ``build`` (``mkdocs serve`` runs a server thread, and forking a threaded process
is unsafe), with more than one core and enough files. Otherwise the caller makes the files in-process.
No MkDocs imports.
"""
from __future__ import annotations

import os
import sys
import traceback
from pathlib import Path
from typing import Callable, Iterable

MIN_FILES = 100  # forking costs a few milliseconds; making 100 files (and importing lxml for them) costs more


def may_fork(command: str | None) -> bool:
    """Whether this command on this machine may use a child process at all (before counting any files)."""
    # Linux only: Windows has no fork, and on macOS forking after system frameworks are loaded is unsafe.
    return sys.platform.startswith("linux") and command == "build" and (os.cpu_count() or 1) > 1


def worth_forking(command: str | None, files: int) -> bool:
    """Whether to make ``files`` static files in a child process."""
    return may_fork(command) and files >= MIN_FILES


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


class ForkedWriter:
    """A child process running ``make()`` and writing its (path, text) pairs under ``site_dir``."""

    def __init__(self, make: Callable[[], list[tuple[str, str]]], site_dir: Path) -> None:
        self.pid = 0
        self.reader = -1
        read, write = os.pipe()
        pid = os.fork()
        if pid == 0:  # the child: never return into the parent's code, never run its exit handlers
            os.close(read)
            status, report = 0, b""
            try:
                report = str(write_files(site_dir, make())).encode()
            except BaseException:  # noqa: BLE001 - everything is reported to the parent
                status, report = 1, traceback.format_exc().encode("utf-8", "replace")
            finally:
                try:
                    os.write(write, report) if len(report) < 60_000 else os.write(write, report[-60_000:])
                finally:
                    os._exit(status)
        os.close(write)
        self.pid, self.reader = pid, read

    def join(self) -> int:
        """Wait for the child; the number of files it wrote. Raises RuntimeError with its traceback if it failed."""
        chunks = []
        while chunk := os.read(self.reader, 65536):
            chunks.append(chunk)
        os.close(self.reader)
        _, status = os.waitpid(self.pid, 0)
        self.pid = 0
        report = b"".join(chunks).decode("utf-8", "replace")
        if os.waitstatus_to_exitcode(status) != 0:
            raise RuntimeError(report or f"the static-file process ended with status {status}")
        return int(report)

    def abandon(self) -> None:
        """Stop the child (the build failed elsewhere) and reap it."""
        if self.pid:
            try:
                os.kill(self.pid, 9)
                os.waitpid(self.pid, 0)
            except (ProcessLookupError, ChildProcessError):
                pass
            os.close(self.reader)
            self.pid = 0
