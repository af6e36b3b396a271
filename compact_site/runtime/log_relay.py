"""The plugin's log: its warnings counted, so a strict build fails on them whatever the verbosity, and the log
records of a worker process (runtime/background.py) carried back and logged again here, counted the same way.

MkDocs' ``--strict`` counts only what logging lets through: under ``mkdocs build -q`` no warning is shown, so
none is counted (runtime/unpublished_api.py). The plugin keeps its own tally (:data:`WARNINGS`) of every warning it or
its worker logs; the plugin fails a strict build on it when MkDocs would not. No MkDocs imports.
"""
from __future__ import annotations

import logging
from contextlib import contextmanager
from typing import Iterator

from compact_site.runtime.unpublished_api import strict_counts

PLUGIN_LOGGER = "mkdocs.plugins.compact_site"  # where records of loggers outside MkDocs' are logged again


class Tally:
    """The warnings logged by the plugin and its worker in this build, shown or not."""

    def __init__(self) -> None:
        self.messages: list[str] = []
        self.seen_by_mkdocs = 0  # how many MkDocs' own --strict check counted

    def reset(self) -> None:
        """A new build."""
        self.messages, self.seen_by_mkdocs = [], 0

    def note(self, logger: logging.Logger, level: int, message: str) -> None:
        if level >= logging.WARNING:
            self.messages.append(message)
            self.seen_by_mkdocs += strict_counts(logger, level)

    def unseen(self) -> list[str]:
        """The warnings, when MkDocs counted none of them (a strict build must fail on them); [] when there were
        none, or when MkDocs fails a strict build itself."""
        return [] if self.seen_by_mkdocs else self.messages


WARNINGS = Tally()


def _logger_of(logger: logging.Logger | logging.LoggerAdapter) -> logging.Logger:
    while isinstance(logger, logging.LoggerAdapter):
        logger = logger.logger
    return logger


class CountedLogger(logging.LoggerAdapter):
    """A logger (or adapter, such as MkDocs' plugin logger) whose warnings go to :data:`WARNINGS` too, counted
    before logging decides whether to show them."""

    def log(self, level, msg, *args, **kwargs):  # every .warning(), .error() … of an adapter comes here
        if level >= logging.WARNING:
            WARNINGS.note(_logger_of(self.logger), level, str(msg) % args if args else str(msg))
        self.logger.log(level, msg, *args, **kwargs)


def counted(logger: logging.Logger | logging.LoggerAdapter) -> CountedLogger:
    """``logger``, its warnings counted in :data:`WARNINGS`."""
    return CountedLogger(logger, {})


def relog(records: list[tuple[str, int, str]]) -> None:
    """Log records made in a worker, here: under their own logger if it is MkDocs' (shown and counted as any
    other), else under the plugin's; counted in :data:`WARNINGS` either way."""
    for name, level, message in records:
        logger = logging.getLogger(name if name == "mkdocs" or name.startswith("mkdocs.") else PLUGIN_LOGGER)
        WARNINGS.note(logger, level, message)
        logger.log(level, message)


class _Lines(logging.Handler):
    def __init__(self, lines: list) -> None:
        super().__init__()
        self.lines = lines

    def emit(self, record: logging.LogRecord) -> None:
        self.lines.append((record.name, record.levelno, record.getMessage()))


@contextmanager
def captured_log() -> Iterator[list[tuple[str, int, str]]]:
    """In a worker: every log record meanwhile, of any logger, kept as (logger name, level, message) for the
    parent to log (:func:`relog`), not shown here. Warnings are kept even where logging is set quieter
    (``mkdocs build -q``), so the parent counts them."""
    lines: list[tuple[str, int, str]] = []
    handler = _Lines(lines)
    saved = []
    for logger in (logging.getLogger(), logging.getLogger("mkdocs")):  # MkDocs' logger does not propagate
        saved.append((logger, logger.handlers[:], logger.propagate, logger.level))
        logger.handlers, logger.propagate = [handler], False
        if logger.getEffectiveLevel() > logging.WARNING:
            logger.setLevel(logging.WARNING)
    try:
        yield lines
    finally:
        for logger, handlers, propagate, level in saved:
            logger.handlers, logger.propagate = handlers, propagate
            logger.setLevel(level)
