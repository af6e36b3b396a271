"""Shared fixtures: paths to the repository, its content and the shared source documents."""
from __future__ import annotations

import threading
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


def pytest_collection_modifyitems(config, items):
    """tests/browser last: its session fixtures leave threads running to the end (the site's HTTP server,
    Playwright's child watcher), and a build never forks while another thread is alive, so the tests of the
    worker process must run before them."""
    items.sort(key=lambda item: item.path.parent.name == "browser")  # stable: the order is otherwise kept


@pytest.fixture
def no_other_thread():
    """For a test of the worker process: fails (rather than quietly testing one process) if a thread is alive."""
    others = [thread.name for thread in threading.enumerate() if thread is not threading.current_thread()]
    assert not others, f"threads alive ({others}): a build would not fork; run this test before what started them"


def needs_fork(test):
    """A test of the worker process: skipped, saying why, where this machine cannot fork one
    (compact_site.background.fork_unavailable); run with no other thread alive."""
    from compact_site.background import fork_unavailable

    why = fork_unavailable()
    test = pytest.mark.usefixtures("no_other_thread")(test)
    return pytest.mark.skipif(why is not None, reason=f"needs a worker process, and here: {why}")(test)
