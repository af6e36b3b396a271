"""What changed between editions: a compact's changes page (/<slug>/changes/) and the site's (/changes/), built from
the worked example of editions (render/changes_pages.py), and the redline they share (render/edition_views.py)."""
from __future__ import annotations

import re
from pathlib import Path

import pytest

from compact_site.content.loader import parse_compact
from compact_site.content.site_loader import load_content
from compact_site.core.context import BuildContext
from compact_site.core.editions import EditionText
from compact_site.core.redline import redline
from compact_site.pages.edition_history import changes_pages
from compact_site.render.changes_pages import recent_changes, site_changes_page
from compact_site.render.edition_views import readable, redline_pieces, spaces_outside

from .conftest import build_site
from .editions_example import EXAMPLE, example_project
from .test_site_build import MINIMAL


@pytest.fixture(scope="module")
def site(tmp_path_factory) -> Path:
    return build_site(example_project(tmp_path_factory.mktemp("changes")), strict=True)


@pytest.fixture(scope="module")
def context() -> BuildContext:
    loaded = load_content([EXAMPLE])
    return BuildContext(loaded.compacts, loaded.glossary, frozen=loaded.frozen())


def _article(site: Path, path: str) -> str:
    html = (site / path).read_text(encoding="utf-8")
    return html[html.index("<article"):html.index("</article>")]


def _section(page: str, anchor: str) -> str:
    """The part of a page from the heading with this id to the next h2."""
    start = page.index(f'id="{anchor}"')
    end = page.find("<h2", start)
    return page[start:end if end > 0 else None]


def test_each_edition_against_the_one_before_newest_first(site):
    page = _article(site, "riverside/changes/index.html")
    headings = re.findall(r'<h2 id="([^"]+)">', page)
    assert headings == ["from-2016-09-01-to-current", "from-2012-04-01-to-2016-09-01", "compare"]
    assert ('<h2 id="from-2012-04-01-to-2016-09-01">First edition (1 April 2012) to 2016 refresh (1 September 2016)'
            "</h2>") in page
    first = _section(page, "from-2012-04-01-to-2016-09-01")
    assert '<p class="compact-changes__summary">1 clause added, 1 withdrawn, 1 moved, 1 reworded; 1 signatory added.' \
        in first
    for heading in ("Clauses added (1)", "Clauses withdrawn (1)", "Clauses moved (1)", "Clauses reworded (1)",
                    "Signatories added (1)"):
        assert f"<h3>{heading}</h3>" in first
    # Each clause at its place in the edition that has it (added, moved, reworded: the newer; withdrawn: the
    # older), and its history.
    history = '(<a class="compact-changes__history" href="../../riverside/clause/{0}/history/">history' \
              '<span class="compact-visually-hidden"> of Riverside {1}</span></a>)'
    assert f'<a href="../../riverside/2016-09-01/#clause-2.4">Riverside 2.4</a> {history.format("2.4", "2.4")}: ' \
           "Pay grants in advance" in first
    assert f'<a href="../../riverside/2012-04-01/#clause-1.3">Riverside 1.3</a> {history.format("1.3", "1.3")}: ' \
           "Publish every response" in first
    assert "<strong>Why withdrawn:</strong> <p>Responses are now published" in first
    assert ('<a href="../../riverside/2016-09-01/#clause-volunteer-expenses">Riverside 2.5</a>, formerly 3.1 '
            + history.format("volunteer-expenses", "2.5")) in first
    assert ('<del><span class="compact-visually-hidden">deleted: </span>eight</del>'
            '<ins><span class="compact-visually-hidden">inserted: </span>twelve</ins>') in first
    assert "<li>Riverside Clinical Commissioning Group</li>" in first
    latest = _section(page, "from-2016-09-01-to-current")
    assert "1 clause added, 1 reworded; 1 signatory added." in latest
    assert '<a href="../../riverside/#clause-1.4">Riverside 1.4</a>' in latest  # the current text: the compact's page


def test_any_two_editions_can_be_compared(site):
    page = _section(_article(site, "riverside/changes/index.html"), "compare")
    assert '<form class="compact-editions-picker compact-register__filters" aria-label="Choose two editions" hidden>' \
        in page
    assert '<label for="editions-from">From</label><select id="editions-from" name="from">' in page
    assert '<label for="editions-to">To</label><select id="editions-to" name="to">' in page
    assert '<option value="current" selected>2021 refresh (current, March 2021)</option>' in page
    assert '<p id="compact-editions-status" class="compact-visually-hidden" role="status"></p>' in page
    # Without JavaScript: a link to every pair, the two consecutive ones to their sections above.
    assert re.findall(r'<li><a href="(#[^"]+)">', page) == [
        "#from-2012-04-01-to-2016-09-01", "#compare-from-2012-04-01-to-current", "#from-2016-09-01-to-current"]
    pairs = re.findall(r'<section class="compact-changes compact-changes--pair" id="([^"]+)" data-edition-pair="[^"]+" '
                       r'data-summary="([^"]+)"( hidden)?>', page)
    assert pairs == [  # the consecutive pairs are not stored twice: editions.js copies them from above
        ("compare-from-2012-04-01-to-current", "First edition to 2021 refresh: 2 clauses added, 1 withdrawn, 1 moved, "
         "2 reworded; 2 signatories added.", "")]
    assert "<h4>Clauses reworded (2)</h4>" in page
    above = re.findall(r'<div class="compact-changes" data-edition-pair="([^"]+)" data-summary="([^"]+)">',
                       _article(site, "riverside/changes/index.html"))
    assert above == [
        ("from-2016-09-01-to-current", "2016 refresh to 2021 refresh: 1 clause added, 1 reworded; 1 signatory added."),
        ("from-2012-04-01-to-2016-09-01", "First edition to 2016 refresh: 1 clause added, 1 withdrawn, 1 moved, "
         "1 reworded; 1 signatory added.")]


def test_the_sites_recent_changes_newest_first(site):
    page = _article(site, "changes/index.html")
    dates = re.findall(r'<li><time datetime="([^"]*)">', page)
    assert dates == ["2021-03", "2021-03", "2016-09-01", "2016-09", "2012-04-01"]
    assert ('<time datetime="2021-03">March 2021</time>: <a href="../riverside/">Riverside Compact</a>, new edition '
            '(2021 refresh): <a href="../riverside/changes/#from-2016-09-01-to-current">1 clause added, 1 reworded; '
            "1 signatory added</a>") in page
    assert "Riverside Clinical Commissioning Group signed the" in page
    assert '<a href="../riverside/changes/">Riverside Compact</a>: 3 editions' in page


def test_the_recent_changes_are_capped(context):
    page = site_changes_page(context.compacts, context.timelines, limit=2)
    assert page.html().count("<time datetime") == 2
    assert "This page lists the 2 most recent of 5 changes." in page.markdown


def test_a_compact_with_one_edition_is_listed_by_its_text(context):
    minimal, problems = parse_compact(MINIMAL, "minimal.yml", "minimal")
    assert minimal is not None, problems
    found = recent_changes([*context.compacts, minimal], context.timelines, "../", True)
    assert [c.kind for c in found if c.compact == minimal.title] == ["only"]


def test_no_changes_pages_without_past_editions():
    compact, problems = parse_compact(MINIMAL, "minimal.yml", "minimal")
    assert compact is not None, problems
    assert changes_pages(BuildContext([compact]), {}) == []


def _edition(text: str) -> EditionText:
    source = MINIMAL.replace("Work together.", text)
    assert source != MINIMAL
    compact, problems = parse_compact(source, "minimal.yml", "minimal")
    assert compact is not None, problems
    return EditionText("2012-04-01", "", "adopted", compact)


def test_a_redline_compares_what_is_read_not_the_markup():
    before, after = _edition("Partners **must** work together, as [[1.1]] says."), _edition("Partners must work together.")
    node_before, node_after = next(iter(before.nodes.values())), next(iter(after.nodes.values()))
    assert readable(before, node_before) == "Partners must work together, as Testshire 1.1 says."
    assert [(p.kind, p.text) for p in redline_pieces(before, node_before, after, node_after)] == [
        ("same", "Partners must work together"), ("deleted", ", as Testshire 1.1 says"), ("same", ".")]


def test_a_changes_spaces_go_to_the_words_beside_it():
    pieces = spaces_outside(redline("Give notice of any change.", "Give at least three months' notice of any change."))
    assert [(p.kind, p.text) for p in pieces] == [
        ("same", "Give "), ("inserted", "at least three months'"), ("same", " notice of any change.")]
