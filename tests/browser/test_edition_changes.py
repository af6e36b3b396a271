"""The editions' pages in Chromium, on the worked example of editions: the changes page's picker (editions.js)
shows the chosen pair and says so in its live region, works without JavaScript through its links, and a clause's
history page and the changes page pass axe-core's WCAG 2.2 AA rules at a desktop's and a phone's width."""
from __future__ import annotations

import pytest

from ..conftest import build_site
from ..editions_example import example_project
from .conftest import WIDTHS, screenshot, serve_folder
from .quality import AXE, axe_violations, describe_violations, require


@pytest.fixture(scope="module")
def example_server(tmp_path_factory):
    site = build_site(example_project(tmp_path_factory.mktemp("editions-browser")), strict=True)
    with serve_folder(site) as url:
        yield url


def _shown_pairs(page) -> list[str]:
    return page.evaluate("[...document.querySelectorAll('section[data-edition-pair]')].filter(s => !s.hidden)"
                         ".map(s => s.id)")


def test_the_picker_shows_the_chosen_pair_and_announces_it(page, example_server):
    page.goto(f"{example_server}/riverside/changes/")
    assert page.is_visible("form.compact-editions-picker") and not page.is_visible(".compact-editions-pairs")
    assert _shown_pairs(page) == ["compare-from-2012-04-01-to-current"]  # first and current, chosen at first
    assert page.text_content("#compact-editions-status") == ""  # the first state is not announced
    page.select_option("#editions-from", "2016-09-01")
    assert _shown_pairs(page) == ["compare-from-2016-09-01-to-current"]
    assert page.text_content("#compact-editions-status") == (
        "Showing 2016 refresh to 2021 refresh: 1 clause added, 1 reworded; 1 signatory added.")
    # A consecutive pair is copied from the list above, headed and levelled as a stored pair is.
    shown = "#compare-from-2016-09-01-to-current"
    assert page.text_content(f"{shown} > h3") == "2016 refresh (1 September 2016) to 2021 refresh (current, March 2021)"
    assert page.locator(f"{shown} h4").all_text_contents()[:2] == ["Clauses added (1)", "Clauses reworded (1)"]
    assert not page.locator(f"{shown} h3").count() - 1  # only its own heading
    page.select_option("#editions-to", "2012-04-01")  # either order: older to newer
    assert _shown_pairs(page) == ["compare-from-2012-04-01-to-2016-09-01"]
    page.select_option("#editions-to", "2016-09-01")
    assert _shown_pairs(page) == [] and page.is_visible(".compact-editions-note")
    assert page.text_content("#compact-editions-status") == "Choose two different editions."


def test_without_javascript_every_pair_is_a_link_away(browser, example_server):
    context = browser.new_context(java_script_enabled=False)
    try:
        page = context.new_page()
        page.goto(f"{example_server}/riverside/changes/")
        assert not page.is_visible("form.compact-editions-picker")
        links = page.locator(".compact-editions-pairs a")
        assert links.count() == 3
        links.nth(1).click()
        assert page.url.endswith("#compare-from-2012-04-01-to-current")
        assert page.is_visible("#compare-from-2012-04-01-to-current")
    finally:
        context.close()


@pytest.mark.parametrize("name, address", [("history", "riverside/clause/1.2/history/"),
                                           ("history-withdrawn", "riverside/clause/1.3/history/"),
                                           ("changes", "riverside/changes/"), ("site-changes", "changes/")])
def test_the_editions_pages_pass_axe(page, example_server, name, address):
    require(AXE, "axe-core")
    page.goto(f"{example_server}/{address}")
    screenshot(page, f"editions-{name}")  # tests/screenshots/, to look at
    for width in WIDTHS:
        page.set_viewport_size({"width": width, "height": 800})
        violations = axe_violations(page)
        assert not violations, f"{address} at {width}px:\n{describe_violations(violations)}"
        # Reflow (WCAG 1.4.10): nothing makes the page scroll sideways.
        assert page.evaluate("document.documentElement.scrollWidth <= innerWidth"), f"{address} at {width}px"
