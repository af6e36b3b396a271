"""A built site of the worked example of editions (tests/fixtures/editions) has its feeds and each frozen edition's
exports, written the same by one process and by a worker (plugin/split_build.py), and Material's search index
holds the current text only."""
from __future__ import annotations

import json
import shutil
from pathlib import Path

import feedparser
import pytest

from compact_site.content.site_loader import load_content
from compact_site.core.citations import LinkStyle
from compact_site.core.context import BuildContext
from compact_site.exports import export_files
from compact_site.exports.feeds import feed_files
from compact_site.pages.listing import static_files, static_paths

from .conftest import build_site, make_project, needs_fork
from .test_background import _build, _same_site, _small_site_forks

EXAMPLE = Path(__file__).parent / "fixtures" / "editions" / "content"
EDITION_FILES = [f"riverside/{date}/compact.{kind}" for date in ("2012-04-01", "2016-09-01")
                 for kind in ("json", "akn.xml")]


def example_project(folder: Path) -> Path:
    config = make_project(folder, {})
    shutil.copytree(EXAMPLE, folder / "content", dirs_exist_ok=True)
    return config


@pytest.fixture(scope="module")
def loaded():
    return load_content([EXAMPLE])


@pytest.fixture(scope="module")
def site(tmp_path_factory) -> Path:
    return build_site(example_project(tmp_path_factory.mktemp("editions")), strict=True)


def test_the_build_writes_the_feeds_and_each_editions_exports(site, loaded):
    context = BuildContext(loaded.compacts, loaded.glossary, LinkStyle(True, None), loaded.frozen())
    made = dict(feed_files(context, "Test compacts")) | dict(export_files(context))
    for path in ["feed.xml", "riverside/feed.xml", *EDITION_FILES]:
        assert (site / path).read_text(encoding="utf-8") == made[path], path
    feed = feedparser.parse((site / "riverside" / "feed.xml").read_bytes())
    assert feed.bozo == 0 and len(feed.entries) == 5


def test_static_paths_name_the_edition_exports_and_feeds_in_order(loaded):
    for style in (LinkStyle(True, "https://example.org/"), LinkStyle(False, None)):
        context = BuildContext(loaded.compacts, loaded.glossary, style, loaded.frozen())
        made = static_files(context, "Site")
        paths = static_paths(context)
        assert paths == [path for path, _ in made]
        assert set(EDITION_FILES) | {"feed.xml", "riverside/feed.xml"} <= set(paths)


def test_materials_search_index_holds_the_current_text_only(site):
    """Typing '1.2' lands on clause 1.2 as it is now: no entry of the index is on a frozen edition's page."""
    docs = json.loads((site / "search" / "search_index.json").read_text(encoding="utf-8"))["docs"]
    locations = [doc["location"] for doc in docs]
    assert not [where for where in locations if where.startswith(("riverside/2012-04-01/", "riverside/2016-09-01/"))]
    clause = next(doc for doc in docs if doc["location"] == "riverside/#clause-1.2")
    assert "twelve weeks" in clause["text"]
    assert "riverside/#clause-1.3" not in locations  # withdrawn in 2016: its old number finds nothing


@needs_fork
def test_a_worker_writes_the_same_feeds_and_edition_exports(tmp_path, monkeypatch):
    config = example_project(tmp_path)
    _small_site_forks(monkeypatch)
    with monkeypatch.context() as alone:
        alone.setenv("COMPACT_SITE_PROCESSES", "1")
        one = _build(config, tmp_path / "one")
    forked = _build(config, tmp_path / "two")
    for path in ["feed.xml", "riverside/feed.xml", *EDITION_FILES]:
        assert (forked / path).is_file(), path
    _same_site(one, forked)
