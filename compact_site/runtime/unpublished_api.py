"""What the plugin relies on that MkDocs does not publish as API: one place, each item guarded by a test that
fails loudly when MkDocs changes it (tests/test_unpublished_api.py).

Everything else the plugin uses is MkDocs' and Material's public API (events, ``File.generated``, ``Files``,
``Page`` attributes, ``get_plugin_logger``, ``PluginError``/``Abort``); Material's search index is touched only
as the JSON file it writes.

* How ``--strict`` counts warnings (:func:`strict_counts`). Public: "strict mode aborts the build on any
  warning". Not published: which warnings. The plugin needs to know, to fail a strict build on its own warnings
  exactly when MkDocs would not (runtime/log_relay.py), and to say so once.
"""
from __future__ import annotations

import logging

STRICT_LOGGER = "mkdocs"


def strict_counts(logger: logging.Logger, level: int) -> bool:
    """Whether MkDocs' ``--strict`` counts a record logged at ``level`` on ``logger``. MkDocs 1.6's ``build()``
    counts warnings with a handler it adds to the ``mkdocs`` logger for the build, so it counts a record only if
    logging lets it through to that logger's handlers: never one of a logger outside ``mkdocs``, and none under
    ``mkdocs build -q``, which sets that logger to ERROR."""
    name = logger.name
    return (level >= logging.WARNING and (name == STRICT_LOGGER or name.startswith(STRICT_LOGGER + "."))
            and logger.isEnabledFor(level))
