"""Shared fixtures: paths to the repository, its content and the shared source documents."""
from __future__ import annotations

import shutil
import threading
from pathlib import Path

import pytest
from mkdocs.commands.build import build
from mkdocs.config import load_config

ROOT = Path(__file__).resolve().parent.parent
CONTENT = ROOT / "content"
SHARED = ROOT.parent / "shared"
SOURCES = SHARED / "source-documents"


@pytest.fixture(scope="session")
def loaded_content():
    """The site's own content, loaded once."""
    from compact_site.content.site_loader import load_content

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
    """Each test gets its tier's marker (see _tier). tests/browser runs last: its session fixtures leave threads
    running to the end (the site's HTTP server, Playwright's child watcher), and a build never forks while
    another thread is alive, so the tests of the worker process must run before them."""
    for item in items:
        item.add_marker(_tier(item))
    items.sort(key=lambda item: item.path.parent.name == "browser")  # stable: the order is otherwise kept


@pytest.fixture
def no_other_thread():
    """For a test of the worker process: fails (rather than quietly testing one process) if a thread is alive."""
    others = [thread.name for thread in threading.enumerate() if thread is not threading.current_thread()]
    assert not others, f"threads alive ({others}): a build would not fork; run this test before what started them"


def needs_fork(test):
    """A test of the worker process: skipped, saying why, where this machine cannot fork one
    (compact_site.runtime.background.fork_unavailable); run with no other thread alive."""
    from compact_site.runtime.background import fork_unavailable

    why = fork_unavailable()
    test = pytest.mark.usefixtures("no_other_thread")(test)
    return pytest.mark.skipif(why is not None, reason=f"needs a worker process, and here: {why}")(test)


# -- building a site in tests ------------------------------------------------------------------------------------


def make_project(tmp_path: Path, compacts: dict[str, str] | None = None, custom_dir: bool = False) -> Path:
    """A throwaway site: mkdocs.yml plus a content/ folder holding the given compacts (or a copy of ours)."""
    content = tmp_path / "content"
    if compacts is None:
        shutil.copytree(CONTENT, content)
    else:
        content.mkdir()
        for name, text in compacts.items():
            (content / name).write_text(text, encoding="utf-8")
    theme = "  custom_dir: " + str(ROOT / "theme_overrides") + "\n" if custom_dir else ""
    (tmp_path / "mkdocs.yml").write_text(
        "site_name: Test compacts\ndocs_dir: content\ntheme:\n  name: material\n  font: false\n" + theme +
        "plugins:\n  - search\n  - compact\n", encoding="utf-8")
    return tmp_path / "mkdocs.yml"


def build_site(config_file: Path, strict: bool = False) -> Path:
    site = config_file.parent / "site"
    config = load_config(str(config_file), site_dir=str(site), strict=strict)
    build(config)
    return site


def build_in_production(config_file: Path) -> Path:
    """The site of ``config_file`` built the way a council builds it: the ``compact-site build`` command (strict,
    built aside and swapped in), with the worker process on where this machine has one."""
    from compact_site.cli.main import main

    assert main(["build", "-f", str(config_file), "--strict"]) == 0
    return config_file.parent / "site"


# -- tiers: unit, build, fork, browser ------------------------------------------------------------------------

def _tier(item) -> str:
    """A test's tier, from what it uses: Chromium (browser), the worker process (fork), a real site build (build),
    or nothing but Python (unit). `pytest -m unit` runs in seconds."""
    if item.path.parent.name == "browser":
        return "browser"
    if "no_other_thread" in getattr(item, "fixturenames", ()):
        return "fork"
    names = vars(item.module) if getattr(item, "module", None) is not None else {}
    if any(name in names for name in ("build_site", "make_project", "build_in_production", "build_safely")):
        return "build"
    return "unit"
