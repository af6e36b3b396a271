"""A clause's history page (/<slug>/clause/<id>/history/: render/history_pages.py), built from the worked example of
editions (a fictional compact with two frozen editions), and the links to it: from the clause on its compact's
page, its identifier page and a withdrawn clause's tombstone. A site without past editions has none of them."""
from __future__ import annotations

import re
from pathlib import Path

import pytest
from mkdocs.commands.build import build
from mkdocs.config import load_config

from compact_site.content.site_loader import load_content
from compact_site.core.citations import LinkStyle
from compact_site.core.context import BuildContext
from compact_site.pages.listing import static_files, static_paths
from compact_site.render.history_pages import render_history_page

from .conftest import build_site, make_project, needs_fork
from .editions_example import EXAMPLE, example_project
from .test_site_build import MINIMAL

DELETED = '<del><span class="compact-visually-hidden">deleted: </span>eight</del>'
INSERTED = '<ins><span class="compact-visually-hidden">inserted: </span>twelve</ins>'


@pytest.fixture(scope="module")
def site(tmp_path_factory) -> Path:
    """The worked example, built strict (every fragment's link checked)."""
    return build_site(example_project(tmp_path_factory.mktemp("history")), strict=True)


def _read(site: Path, path: str) -> str:
    return (site / path).read_text(encoding="utf-8")


def _main(html: str) -> str:
    return html[html.index("<main>"):html.index("</main>")]


def test_a_reworded_clause_shows_each_wording_and_the_redline(site):
    page = _read(site, "riverside/clause/1.2/history/index.html")
    assert "<h1>History of Riverside 1.2</h1>" in page
    assert page.count('<div class="clause">') == 2  # first edition; 2016 refresh to the current one, collapsed
    assert "<p>Allow at least eight weeks for a written consultation.</p>" in page
    assert "<h3>2016 refresh to 2021 refresh (current)</h3>" in page
    assert f"Allow at least {DELETED}{INSERTED} weeks" in page
    assert '<h3 id="changed-2016-09-01">What changed in the 2016 refresh</h3>' in page
    # Dated events, each edition linked at the clause: a past one to its page, the current one to the compact's.
    assert ('<time datetime="2016-09-01">1 September 2016</time>, the '
            '<a href="../../../../riverside/2016-09-01/#clause-1.2">2016 refresh</a>: '
            '<a href="#changed-2016-09-01">reworded</a>.') in page
    assert 'the <a href="../../../../riverside/#clause-1.2">2021 refresh</a> (<time datetime="2021-03">March 2021</time>)' \
        in page
    assert '<a href="../../../../riverside/#clause-1.2">Read Riverside 1.2 in context</a>' in page
    assert '<link rel="stylesheet" href="../../../../assets/compact-site/history.css">' in page  # one file for all
    css = _read(site, "assets/compact-site/history.css")
    assert "content:'[\\2212'/''" in css  # the marks that do not rely on colour, silent to screen readers


def test_a_moved_clause_has_one_history_at_both_ids(site):
    page = _read(site, "riverside/clause/volunteer-expenses/history/index.html")
    assert _read(site, "riverside/clause/3.1/history/index.html") == page
    assert "<h1>History of Riverside 2.5</h1>" in page
    assert '<a href="#changed-2016-09-01">moved from 3.1 to 2.5</a>' in page
    assert "Its identifier changed from 3.1 to volunteer-expenses" in page
    assert "The words did not change." in page and "compact-redline" not in _main(page)  # no legend, no redline


def test_a_withdrawn_clause_says_when_and_why(site):
    page = _read(site, "riverside/clause/1.3/history/index.html")
    assert "<strong>Clause 1.3 was withdrawn on September 2016.</strong>" in page
    assert re.search(r'<time datetime="2016-09">September 2016</time>, the <a href="[^"]*2016-09-01/">2016 refresh</a>: '
                     r"withdrawn\.\s*<p>Responses are now published by each consulting body", page)
    assert "<p>Publish every response received, unless the respondent asks otherwise.</p>" in page
    assert '<a href="../../../../riverside/#clause-1.3">Read the current Riverside Compact</a>' in page
    assert '<a href="history/">History of clause 1.3 through the editions</a>' in _read(site, "riverside/clause/1.3/index.html")


def test_a_clause_added_later_and_the_links_to_histories(site):
    page = _read(site, "riverside/clause/1.4/history/index.html")
    assert "March 2021</time>, the <a href=\"../../../../riverside/#clause-1.4\">2021 refresh</a> (current): added." in page
    compact = _read(site, "riverside/index.html")
    assert ('<a class="compact-clause__history" href="clause/1.2/history/">History<span class="compact-visually-hidden">'
            " of Riverside 1.2</span></a>") in compact
    identifier = _read(site, "riverside/clause/1.2/index.html")
    assert '<a href="history/">History of Riverside 1.2 through the editions</a>' in identifier


def test_the_intranet_copy_links_to_files(tmp_path):
    site = build_site(example_project(tmp_path, intranet=True), strict=True)
    page = _read(site, "riverside/clause/1.2/history/index.html")
    assert 'href="../../../../riverside/index.html#clause-1.2"' in page
    assert 'href="../../../../riverside/2016-09-01/index.html#clause-1.2"' in page
    assert 'href="../index.html">Its permanent address' in page and 'href="../../../../index.html"' in page
    assert 'href="clause/1.2/history/index.html"' in _read(site, "riverside/index.html")
    assert 'href="history/index.html"' in _read(site, "riverside/clause/1.2/index.html")
    changes = _read(site, "riverside/changes.html")
    assert 'href="../riverside/2016-09-01/index.html#clause-2.4"' in changes
    assert 'href="../riverside/index.html#clause-1.4"' in changes
    assert 'href="../riverside/clause/1.4/history/index.html"' in changes
    assert 'href="riverside/changes.html#from-2016-09-01-to-current"' in _read(site, "changes.html")


def test_a_site_without_past_editions_has_no_history(tmp_path):
    site = build_site(make_project(tmp_path, {"minimal.yml": MINIMAL}), strict=True)
    assert not list(site.rglob("history")) and not (site / "changes").exists()
    assert not (site / "minimal" / "changes").exists()
    assert "compact-clause__history" not in _read(site, "minimal/index.html")
    assert "History of" not in _read(site, "minimal/clause/1.1/index.html")


def test_history_pages_are_listed_in_the_order_they_are_made():
    loaded = load_content([EXAMPLE])
    for directory_urls in (True, False):
        context = BuildContext(loaded.compacts, loaded.glossary, LinkStyle(directory_urls), loaded.frozen())
        paths = static_paths(context)
        assert paths == [path for path, _ in static_files(context, "Site")]
        assert "riverside/clause/3.1/history/index.html" in paths and "riverside/clause/1.3/history/index.html" in paths


def test_the_canonical_address_is_the_successors():
    loaded = load_content([EXAMPLE])
    timeline = BuildContext(loaded.compacts, frozen=loaded.frozen()).timelines["riverside"]
    page = render_history_page(timeline=timeline, clause_id="volunteer-expenses", site_name="Site",
                               site_url="https://compacts.example.org/")
    assert '<link rel="canonical" href="https://compacts.example.org/riverside/clause/volunteer-expenses/history/">' \
        in page


@needs_fork
def test_a_worker_writes_the_same_history_pages(tmp_path, monkeypatch, site):
    from compact_site.content import site_loader
    from compact_site.runtime import background

    monkeypatch.setattr(background, "MIN_FILES", 0)
    monkeypatch.setattr(site_loader, "MIN_FILES_TO_SHARE", 0)
    config = load_config(str(example_project(tmp_path)), site_dir=str(tmp_path / "split"), strict=True)
    config.plugins.on_startup(command="build", dirty=False)
    build(config)
    for clause_id in ("1.2", "3.1", "1.3"):
        path = f"riverside/clause/{clause_id}/history/index.html"
        assert _read(tmp_path / "split", path) == _read(site, path)
