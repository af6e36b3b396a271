"""Guards for what the plugin relies on that MkDocs does not publish (runtime/unpublished_api.py). A failure
here means MkDocs changed it: read that module before anything else."""
from __future__ import annotations

import logging

import pytest
from mkdocs.commands.build import build
from mkdocs.config import load_config
from mkdocs.exceptions import Abort

from compact_site.runtime.unpublished_api import strict_counts

GUARD = "MkDocs changed how --strict counts warnings: see runtime/unpublished_api.py and runtime/log_relay.py"


@pytest.mark.parametrize("level, counted", [(logging.INFO, True), (logging.WARNING, True), (logging.ERROR, False)],
                         ids=["default", "warnings", "quiet"])
def test_strict_counts_a_warning_only_when_logging_lets_it_through(tmp_path, level, counted):
    """A bare MkDocs site whose page links to a missing page: MkDocs' own warning, under ``--strict``, with the
    ``mkdocs`` logger at the level ``mkdocs build`` (INFO), ``-v`` or ``-q`` (ERROR) sets."""
    (tmp_path / "docs").mkdir()
    (tmp_path / "docs" / "index.md").write_text("# Home\n\n[gone](missing.md)\n", encoding="utf-8")
    (tmp_path / "mkdocs.yml").write_text("site_name: Guard\n", encoding="utf-8")
    config = load_config(str(tmp_path / "mkdocs.yml"), site_dir=str(tmp_path / "site"), strict=True)
    logger = logging.getLogger("mkdocs")
    before = logger.level
    logger.setLevel(level)
    try:
        assert strict_counts(logging.getLogger("mkdocs.structure.pages"), logging.WARNING) is counted, GUARD
        assert strict_counts(logging.getLogger("mkdocs.plugins.compact_site"), logging.WARNING) is counted, GUARD
        try:
            build(config)  # under -q (MkDocs 1.6) the warning is filtered before its counter sees it: it passes
        except Abort as err:
            assert counted and "warnings in strict mode" in str(err), f"{GUARD}: {err}"
        else:
            assert not counted, f"{GUARD}: a warning it let through did not fail the build"
    finally:
        logger.setLevel(before)
    assert not strict_counts(logging.getLogger("elsewhere"), logging.WARNING)  # outside `mkdocs`: never counted
