"""The compare page in a real browser: two labelled selects in the site's form style, clauses aligned in a table
(pairs best first, then each compact's clauses without a counterpart) under a summary line, differences marked,
each compact's data script loaded only when chosen (served, and over file:// from the intranet copy), a status
while loading and when a script fails; and the collapsed "Similar undertakings" under a clause."""
from __future__ import annotations

import pytest
from playwright.sync_api import expect

from compact_site.core.concordance import Concordance, align, entries_of

from .conftest import ROOT

pytestmark = pytest.mark.browser
DATA = "assets/compact-site/compare/"


@pytest.fixture(scope="module")
def intranet_site(tmp_path_factory):
    """The intranet copy (mkdocs-intranet.yml), built once: compare.html at the site root, no directory URLs."""
    from mkdocs.commands.build import build
    from mkdocs.config import load_config

    site = tmp_path_factory.mktemp("compare-intranet")
    build(load_config(str(ROOT / "mkdocs-intranet.yml"), site_dir=str(site), strict=True))
    return site


def choose(page, first: str, second: str):
    page.get_by_label("First compact").select_option(first)
    page.get_by_label("Second compact").select_option(second)


def rows(page) -> list[tuple[str | None, str | None]]:
    """The table as (left id or None, right id or None), in its order."""
    return [(left or None, right or None) for left, right in page.locator("tr[data-left]").evaluate_all(
        "rows => rows.map(r => [r.dataset.left, r.dataset.right])")]


def test_wolverhampton_2_1_aligns_with_southampton_1_1(page, site_server, loaded_content):
    requested = []
    page.on("request", lambda request: requested.append(request.url))
    page.goto(f"{site_server}/compare/")
    choose(page, "wolverhampton", "southampton")
    row = page.locator('tr[data-left="2.1"]')
    assert row.get_attribute("data-right") == "1.1"
    assert page.locator('tr[data-left="5.4"]').get_attribute("data-right") == "4.5"
    # compare.js pairs every clause as compact_site.core.concordance.align does in Python; the table shows the
    # pairs first, best score first, then Wolverhampton's clauses without a counterpart, then Southampton's.
    aligned, unmatched = align(Concordance.build(entries_of(loaded_content.compacts)), "wolverhampton",
                               "southampton")
    paired = [(left, right) for left, right in aligned if right]
    shown = rows(page)
    assert sorted(shown[:len(paired)]) == sorted(paired)
    assert shown[len(paired):] == [(left, None) for left, right in aligned if not right] + [
        (None, right) for right in unmatched]
    scores = [float(s) for s in page.locator("tr[data-score]").evaluate_all("rows => rows.map(r => r.dataset.score)")]
    assert len(scores) == len(paired) and scores == sorted(scores, reverse=True)
    summary = (f"{len(paired)} of {len(aligned)} clauses of Wolverhampton Compact Principles have a counterpart in "
               f"Southampton Compact; {len(aligned) - len(paired)} only in the first, {len(unmatched)} only in the "
               "second.")
    assert page.locator("#compact-compare-summary").inner_text() == summary
    # Word differences are marked, and say so to a screen reader ("the VCS" vs "VCS").
    assert row.locator("ins").count() >= 1
    assert "inserted:" in row.locator("ins").first.inner_text()
    assert page.locator("table thead th[scope=col]").count() == 3
    assert page.locator("th[scope=colgroup]").all_inner_texts() == [
        f"Only in Wolverhampton Compact Principles ({len(aligned) - len(paired)})",
        f"Only in Southampton Compact ({len(unmatched)})"]
    # A clause's text is body text, not bold like the table's column headers.
    assert row.locator("th").evaluate("th => getComputedStyle(th).fontWeight") == "400"
    assert page.locator("#compact-compare-status").inner_text() == summary
    # Only the compacts chosen were loaded (the first two on opening, then Wolverhampton), each once.
    loaded = sorted(url.rsplit("/", 1)[1] for url in requested if DATA in url)
    assert loaded == ["sandwell.js", "southampton.js", "wolverhampton.js"]


def test_selects_are_the_site_form_fields(page, site_server):
    page.goto(f"{site_server}/compare/")
    fields = page.locator("form.compact-compare .compact-register__filter")
    assert fields.count() == 2
    assert fields.locator("label").all_inner_texts() == ["First compact", "Second compact"]
    register = page.context.new_page()
    register.goto(f"{site_server}/signatories/")
    style = "el => { const s = getComputedStyle(el); return [s.borderTopWidth, s.minHeight, s.fontWeight]; }"
    assert page.locator("#compare-left").evaluate(style) == register.locator("#register-sector").evaluate(style)
    register.close()


def test_compare_works_from_the_keyboard(page, site_server):
    page.goto(f"{site_server}/compare/")
    page.get_by_label("First compact").focus()
    page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.id") == "compare-right"
    choose(page, "southampton", "southampton")
    assert "two different compacts" in page.locator("#compact-compare-result").inner_text()


def test_compare_works_in_the_intranet_copy_over_file_urls(page, intranet_site):
    requested = []
    page.on("request", lambda request: requested.append(request.url))
    page.goto((intranet_site / "compare.html").as_uri())
    choose(page, "wolverhampton", "southampton")
    assert page.locator('tr[data-left="2.1"]').get_attribute("data-right") == "1.1"
    assert (intranet_site / DATA / "wolverhampton.js").as_uri() in requested
    # A clause link opens the compact's page file, not a folder (file:// has no index pages).
    link = page.locator('tr[data-left="2.1"] th a')
    assert link.get_attribute("href") == "wolverhampton/index.html#clause-2.1"


def test_status_says_loading_then_the_result(page, site_server):
    page.goto(f"{site_server}/compare/")
    held = []
    page.route(f"**/{DATA}westminster.js", lambda route: held.append(route))  # answered after the check
    choose(page, "westminster", "southampton")
    expect(page.locator("#compact-compare-status")).to_have_text("Loading…")
    expect(page.locator("#compact-compare-result")).to_have_attribute("aria-busy", "true")
    assert "Loading the clauses of The Westminster Compact 2011" in page.locator(
        "#compact-compare-result").inner_text()
    assert len(held) == 1
    held[0].continue_()
    expect(page.locator("#compact-compare-status")).to_contain_text("have a counterpart")
    expect(page.locator("#compact-compare-result")).not_to_have_attribute("aria-busy", "true")


def test_a_script_that_fails_to_load_is_reported(page, site_server):
    page.goto(f"{site_server}/compare/")
    page.route(f"**/{DATA}westminster.js", lambda route: route.abort())
    choose(page, "westminster", "southampton")
    message = "Could not load the clauses of The Westminster Compact 2011"
    expect(page.locator("#compact-compare-status")).to_contain_text(message)
    expect(page.locator("#compact-compare-result")).to_contain_text(message)
    assert page.locator("#compact-compare-result table").count() == 0
    # Another choice still works: a failure does not stick to the other compact.
    choose(page, "wolverhampton", "southampton")
    expect(page.locator('tr[data-left="2.1"]')).to_have_attribute("data-right", "1.1")


def test_similar_undertakings_collapsed_under_a_clause(page, site_server):
    page.goto(f"{site_server}/wolverhampton/")
    details = page.locator('[id="clause-2.1"] details.compact-similar')
    assert details.get_attribute("open") is None  # collapsed by default
    summary = details.locator("summary")
    assert "Wolverhampton 2.1" in summary.inner_text()
    summary.focus()
    page.keyboard.press("Enter")
    link = details.get_by_role("link", name="Southampton 1.1")
    assert link.is_visible()
    link.click()
    page.wait_for_url("**/southampton/#clause-1.1")
