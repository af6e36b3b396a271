"""Shared fixtures: paths to the repository, its content and the shared source documents."""
from __future__ import annotations

from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
CONTENT = ROOT / "content"
SHARED = ROOT.parent / "shared"
SOURCES = SHARED / "source-documents"


@pytest.fixture(scope="session")
def loaded_content():
    """The site's own content, loaded once."""
    from compact_site.content import load_content

    return load_content([CONTENT])


@pytest.fixture(autouse=True)
def fresh_plugin_instances():
    """MkDocs keeps plugin instances for the whole process (for `mkdocs serve`), so the command one test gives
    on_startup ("build": the build split between processes) would carry into the next test's build, and which
    path a test takes would depend on test order. Every test starts and ends with none kept; the tests that
    want the split build ask for it (tests/test_background.py, tests/test_split_build.py)."""
    from mkdocs.config.defaults import MkDocsConfig

    cache = MkDocsConfig.__dict__["plugins"].plugin_cache
    cache.clear()
    yield
    cache.clear()
