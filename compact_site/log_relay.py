"""Log lines of a forked process, carried to the first one (split_build.py), which writes them: so they are
counted by ``--strict`` and shown once, in order with the rest. No MkDocs imports."""
from __future__ import annotations

import logging
from contextlib import contextmanager
from typing import Iterator


def relog(item: dict) -> None:
    """Log lines sent after the pages (while they were built elsewhere), written here."""
    for name, level, message in item.get("log", ()):
        logging.getLogger(name).log(level, message)


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
