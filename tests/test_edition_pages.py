"""Past editions as pages (issue 19): ``/<slug>/<YYYY-MM-DD>/`` for each frozen edition, the edition line on every
compact page, and a compact replaced by another under a new slug linked both ways (``superseded_by``).

The worked example (tests/fixtures/editions: "riverside", two frozen editions) is built as a site, served and
intranet, beside a second compact whose clauses say the same (so the current page has similar-clause lists, and
the edition pages must not). The history and changes pages these pages link to are made elsewhere
(render/history_pages.py and the changes page); until a site has them, the one warning allowed is CS412 for a
link to them, and only while they are missing.
"""
from __future__ import annotations

import json
import logging
import re
import shutil
from contextlib import contextmanager
from pathlib import Path

import pytest

from compact_site.cli.main import main
from compact_site.content.site_loader import load_content

from .conftest import ROOT, build_site, make_project

WORKED = ROOT / "tests" / "fixtures" / "editions" / "content"
LAKESIDE = """slug: lakeside
title: Lakeside Compact
area: Lakeside
status: adopted
undertakings:
  sections:
    - id: "1"
      title: Money
      groups:
        - party: statutory
          clauses:
            - id: "1.1"
              number: "1.1"
              text: Meet the reasonable expenses of volunteers.
            - id: "1.2"
              number: "1.2"
              text: Offer funding agreements of three years where possible.
"""
PENDING = re.compile(r"link '([^']*)' goes to no page or file of the site \[CS412\]")


@contextmanager
def warnings_logged():
    """The warnings MkDocs and the plugin log meanwhile, as text."""
    found: list[str] = []

    class Keep(logging.Handler):
        def emit(self, record):
            found.append(record.getMessage())
    handler = Keep(logging.WARNING)
    logging.getLogger("mkdocs").addHandler(handler)
    try:
        yield found
    finally:
        logging.getLogger("mkdocs").removeHandler(handler)


def unexpected(warnings: list[str], site: Path) -> list[str]:
    """The warnings other than CS412 for a link to a changes or history page this site does not have yet."""
    has_changes = (site / "riverside" / "changes").is_dir()
    has_history = any((site / "riverside" / "clause").glob("*/history"))
    left = []
    for warning in warnings:
        link = PENDING.search(warning)
        target = link[1].removesuffix("index.html") if link else ""
        if not ((target.endswith("changes/") and not has_changes) or (target.endswith("history/") and not has_history)):
            left.append(warning)
    return left


def build_worked(folder: Path, intranet: bool = False) -> Path:
    """The worked example and Lakeside built into ``folder``; fails on any warning but the pending ones."""
    config = make_project(folder, {"lakeside.yml": LAKESIDE})
    shutil.copytree(WORKED, folder / "content", dirs_exist_ok=True)
    if intranet:
        config.write_text(config.read_text(encoding="utf-8").replace("  - compact\n",
                                                                     "  - compact:\n      intranet: true\n"))
    with warnings_logged() as warnings:
        site = build_site(config)
    assert not unexpected(warnings, site), warnings
    return site


@pytest.fixture(scope="module")
def served(tmp_path_factory) -> Path:
    return build_worked(tmp_path_factory.mktemp("served"))


@pytest.fixture(scope="module")
def intranet(tmp_path_factory) -> Path:
    return build_worked(tmp_path_factory.mktemp("intranet"), intranet=True)


def read(site: Path, path: str) -> str:
    return (site / path).read_text(encoding="utf-8")


def block(html: str, clause_id: str) -> str:
    """The block of one clause on a page (its div, to the next clause's)."""
    start = html.index(f'<div class="compact-clause compact-clause--edition" id="clause-{clause_id}">')
    end = html.find('<div class="compact-clause', start + 1)
    return html[start:end if end > 0 else len(html)]


@pytest.mark.parametrize("date, name, words", [("2012-04-01", "First edition", "1 April 2012"),
                                               ("2016-09-01", "2016 refresh", "1 September 2016")])
def test_each_past_edition_has_its_page_with_the_banner_first(served, date, name, words):
    html = read(served, f"riverside/{date}/index.html")
    assert f"<title>Riverside Compact: {name} - Test compacts</title>" in html
    article = html[html.index("<article"):]
    after_title = article[article.index("</h1>"):]
    assert after_title.index("compact-edition-banner") < after_title.index("compact-summary")  # met first
    assert re.search(r'<div class="admonition warning compact-edition-banner" role="region" '
                     r'aria-labelledby="edition-banner-title"', html)
    assert ('<p class="admonition-title" id="edition-banner-title" role="heading" aria-level="2">This is not the '
            'current edition</p>') in html
    assert f"<strong>{name}</strong>, the edition of <time datetime=\"{date}\">{words}</time>" in html
    assert '<a href="../">Read the current edition (2021 refresh, March 2021)</a>' in html
    assert '<a href="../changes/">What changed between editions</a>' in html


def test_an_edition_page_has_every_clause_of_that_edition_at_its_anchor(served, loaded_worked):
    for date, compact in ((d, c) for d, _, _, c in loaded_worked.frozen()["riverside"]):
        html = read(served, f"riverside/{date}/index.html")
        for node in compact.citable():
            assert f'id="clause-{node.id}"' in html, (date, node.id)
            assert f'<a class="compact-clause__number" href="#clause-{node.id}"' in html  # its permanent link here
    assert '<span class="compact-alias" id="clause-3.1">' in read(served, "riverside/2016-09-01/index.html")
    assert "Allow at least eight weeks" in read(served, "riverside/2012-04-01/index.html")
    assert "Allow at least twelve weeks" not in read(served, "riverside/2012-04-01/index.html")


def test_each_clause_links_its_current_form_and_its_history(served):
    html = read(served, "riverside/2012-04-01/index.html")
    moved = block(html, "3.1")  # 3.1 became volunteer-expenses (numbered 2.5) in 2016
    assert '<a href="../clause/volunteer-expenses/">Riverside 2.5 as it stands now</a>' in moved
    assert '<a href="../clause/volunteer-expenses/history/">History of Riverside 3.1</a>' in moved
    assert "Meet the reasonable expenses" in read(served, "riverside/clause/volunteer-expenses/index.html")
    gone = block(html, "1.3")  # withdrawn in 2016: its identifier page is the tombstone
    assert '<a href="../clause/1.3/">Riverside 1.3: withdrawn since this edition</a>' in gone
    assert "withdrawn" in read(served, "riverside/clause/1.3/index.html")
    assert '<a href="../clause/1.2/">Riverside 1.2 as it stands now</a>' in block(html, "1.2")


def test_edition_pages_have_no_similar_lists_and_are_not_searched(served):
    assert "compact-similar" in read(served, "riverside/index.html")  # Lakeside says the same today
    search = json.loads(read(served, "search/search_index.json"))
    locations = [doc["location"] for doc in search["docs"]]
    assert any(location.startswith("riverside/#clause-") for location in locations)
    for date in ("2012-04-01", "2016-09-01"):
        html = read(served, f"riverside/{date}/index.html")
        assert "compact-similar" not in html and "Similar undertakings" not in html
        assert not [location for location in locations if date in location]
        nav = re.findall(r'<a href="([^"]*)" class="md-nav__link', html)
        assert "../" in nav and not [link for link in nav if "-0" in link]  # under its compact, not an entry
    nav = re.findall(r'<a href="([^"]*)" class="md-nav__link', read(served, "index.html"))
    assert "riverside/" in nav and not [link for link in nav if "riverside/20" in link]


def test_an_edition_page_offers_its_own_exports_with_their_sizes(served):
    from compact_site.render.downloads import format_size

    html = read(served, "riverside/2012-04-01/index.html")
    for name, label in (("compact.json", "This edition as JSON"), ("compact.akn.xml", "This edition as Akoma Ntoso XML")):
        size = (served / "riverside" / "2012-04-01" / name).stat().st_size
        assert re.search(rf'<a href="{re.escape(name)}">{label}</a>[^<]*<span class="compact-downloads__size">'
                         rf'{format_size(size)}</span>', html), name
    assert "If you need this edition in another format" in html and 'href="../../accessibility/"' in html


def test_the_current_page_says_which_edition_it_is_and_links_the_others(served):
    html = read(served, "riverside/index.html")
    row = html[html.index("compact-summary__row--edition"):]
    row = row[:row.index("</dd>")]
    assert 'Current edition: 2021 refresh (<time datetime="2021-03">March 2021</time>).' in row
    assert '<a href="2012-04-01/">First edition, <time datetime="2012-04-01">1 April 2012</time></a>' in row
    assert '<a href="2016-09-01/">2016 refresh, <time datetime="2016-09-01">1 September 2016</time></a>' in row
    assert '<a href="changes/">What changed between editions</a>' in row
    lakeside = read(served, "lakeside/index.html")
    assert "<dt>Edition</dt><dd>The only edition published on this site</dd>" in lakeside
    edition = read(served, "riverside/2016-09-01/index.html")
    assert 'Past edition: 2016 refresh (<time datetime="2016-09-01">1 September 2016</time>).' in edition
    assert ('Other past editions: <a href="../2012-04-01/">First edition, <time datetime="2012-04-01">1 April 2012'
            '</time></a>.') in edition


def test_the_intranet_copy_links_index_files(intranet):
    html = read(intranet, "riverside/2012-04-01/index.html")
    assert '<a href="../index.html">Read the current edition' in html
    assert '<a href="../clause/volunteer-expenses/index.html">Riverside 2.5 as it stands now</a>' in html
    assert '<a href="../clause/volunteer-expenses/history/index.html">' in html
    assert '<a href="../2016-09-01/index.html">2016 refresh' in html
    current = read(intranet, "riverside/index.html")
    assert '<a href="2012-04-01/index.html">First edition' in current and '<a href="changes.html">' in current


@pytest.fixture(scope="module")
def loaded_worked():
    return load_content([WORKED])


NORTH = """slug: north
title: North Compact
area: North
status: adopted
dates:
  adopted: 2015-01
undertakings:
  sections:
    - id: "1"
      title: One
      groups:
        - party: all
          clauses:
            - id: "1.1"
              number: "1.1"
              text: Follow [[1.2]] and [[lakeside:1.1]].
            - id: "1.2"
              number: "1.2"
              text: Meet quarterly.
"""


def test_references_in_an_edition_go_to_that_editions_clauses(tmp_path, monkeypatch):
    config = make_project(tmp_path, {"north.yml": NORTH, "lakeside.yml": LAKESIDE})
    monkeypatch.chdir(tmp_path)
    assert main(["edition", "freeze", "north", "--date", "2015-01-20", "--label", "First edition"]) == 0
    current = NORTH.replace("  adopted: 2015-01\n", "  adopted: 2015-01\n  refreshed: 2020-05\n").replace(
        '- id: "1.2"\n              number: "1.2"', '- id: "1.2"\n              number: "1.3"')
    (tmp_path / "content" / "north.yml").write_text(current, encoding="utf-8")
    with warnings_logged() as warnings:
        site = build_site(config)
    assert not unexpected(warnings, site), warnings
    html = read(site, "north/2015-01-20/index.html")
    first = block(html, "1.1")
    assert '<a href="#clause-1.2">North 1.2</a>' in first  # the edition's own 1.2, numbered as it was then
    assert '<a href="../../lakeside/#clause-1.1">Lakeside 1.1</a>' in first  # another compact: its current page
    assert 'Referenced by: <a href="#clause-1.1">North 1.1</a>' in block(html, "1.2")
    assert '<a href="../clause/1.2/">North 1.3 as it stands now</a>' in block(html, "1.2")
    assert '<a href="#clause-1.2">North 1.3</a>' in read(site, "north/index.html")  # today's page: today's number


OLD = NORTH.replace("slug: north", "slug: oldtown").replace("North Compact", "Oldtown Compact").replace(
    "[[1.2]] and [[lakeside:1.1]]", "[[1.2]]")


def test_a_replaced_compact_and_its_successor_link_each_other(tmp_path):
    old = OLD.replace("status: adopted", "status: superseded\nsuperseded_by: north")
    site = build_site(make_project(tmp_path, {"oldtown.yml": old, "north.yml": NORTH, "lakeside.yml": LAKESIDE}),
                      strict=True)
    assert ('<div class="compact-summary__row"><dt>Replaced by</dt><dd><a href="../north/">North Compact</a></dd>'
            '</div>') in read(site, "oldtown/index.html")
    assert ('<div class="compact-summary__row"><dt>Replaces</dt><dd><a href="../oldtown/">Oldtown Compact</a></dd>'
            '</div>') in read(site, "north/index.html")
    assert "Replace" not in read(site, "lakeside/index.html")


@pytest.mark.parametrize("status, successor, expected", [
    ("superseded", "atlantis", "oldtown.yml:5: superseded_by 'atlantis' names no compact of the site [CS413]"),
    ("superseded", "oldtown", "oldtown.yml:5: superseded_by 'oldtown' names this compact itself [CS413]"),
    ("adopted", "north", "oldtown.yml:5: superseded_by 'north', but the status is 'adopted', not 'superseded' "
                         "[CS414]"),
    ("superseded", "north", None),
])
def test_superseded_by_is_checked(tmp_path, monkeypatch, status, successor, expected):
    (tmp_path / "oldtown.yml").write_text(OLD.replace("status: adopted", f"status: {status}\nsuperseded_by: "
                                                                         f"{successor}"), encoding="utf-8")
    (tmp_path / "north.yml").write_text(NORTH.replace("[[1.2]] and [[lakeside:1.1]]", "[[1.2]]"), encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    loaded = load_content([Path(".")])
    assert [p.headline() for p in loaded.problems] == ([expected] if expected else [])
    assert [p.severity for p in loaded.problems] == (
        [] if expected is None else ["warning"] if "CS414" in expected else ["error"])
