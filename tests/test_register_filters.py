"""The site-wide register's filters in a real browser: the page's HTML (as rendered) with registers.js, no
server needed. The rows and pages themselves: test_registers.py."""
import os
from concurrent.futures import ThreadPoolExecutor
from importlib import resources

import pytest

from .browser.conftest import CHROMIUM, CHROMIUM_ARGS
from .test_registers import compacts, rows, site_page  # noqa: F401 (fixtures used by name)


def filter_page(compacts, prelude: str = "") -> str:
    script = resources.files("compact_site").joinpath("assets", "registers.js").read_text("utf-8")
    body = site_page(compacts).html()
    return (f"<!doctype html><html lang=en><title>t</title><body>{body}<script>{prelude}</script>"
            f"<script>{script}</script></body></html>")


def visible_rows(page):
    return page.eval_on_selector_all("tbody tr", "rows => rows.filter(r => !r.hidden).map(r => r.dataset)")


def in_browser(scenario):
    """Run ``scenario(browser)`` in Chromium in a thread of its own: Playwright's sync API will not start twice in
    one thread, and tests/browser's session browser (a fixture this folder cannot see) is open until the end."""
    if not os.access(CHROMIUM, os.X_OK):  # as in tests/browser: skipped locally, required under CI=true
        (pytest.fail if os.environ.get("CI") == "true" else pytest.skip)(f"no Chromium at {CHROMIUM}")

    def run():
        from playwright.sync_api import sync_playwright

        with sync_playwright() as playwright:
            scenario(playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS))  # closed on exit

    with ThreadPoolExecutor(max_workers=1) as pool:
        pool.submit(run).result(timeout=120)  # re-raises the scenario's assertion errors here


@pytest.mark.browser
def test_without_javascript_every_row_shows_and_no_control_is_offered(compacts, rows):
    def scenario(browser):
        page = browser.new_context(java_script_enabled=False).new_page()
        page.set_content(filter_page(compacts))
        assert page.locator("tbody tr:visible").count() == len(rows)
        assert page.locator("select:visible").count() == 0

    in_browser(scenario)


@pytest.mark.browser
def test_filters_by_keyboard_show_matching_rows_and_announce_the_count(compacts, rows):
    def scenario(browser):
        page = browser.new_page()
        page.set_content(filter_page(compacts))
        sector = page.get_by_label("Sector", exact=True)
        assert sector.is_visible()
        sector.focus()
        page.keyboard.press("ArrowDown")  # "Statutory sector"
        page.keyboard.press("ArrowDown")  # "Voluntary and community sector"
        expected = [r for r in rows if r["sector"] == "vcs"]
        page.wait_for_function(f"document.querySelector('[role=status]').textContent.includes('{len(expected)} of')")
        assert [r["compact"] for r in visible_rows(page)] == [r["compact"] for r in expected]
        page.get_by_label("Compact", exact=True).select_option("sandwell")
        assert [r["compact"] + r["sector"] for r in visible_rows(page)] == ["sandwellvcs"]
        page.get_by_label("Compact", exact=True).select_option("southampton")  # no VCS entries there
        page.wait_for_function("document.querySelector('[role=status]').textContent"
                               " === 'No entries match these filters.'")
        assert page.get_attribute("[role=status]", "aria-live") == "polite"

    in_browser(scenario)


@pytest.mark.browser
def test_filters_bind_once_under_material_instant_navigation(compacts, rows):
    # A stand-in for Material's document$ that keeps the subscriber, so the test can replay a page swap, and a
    # count of the change handlers added to selects.
    prelude = ("window.document$ = {subscribe: function (fn) { window.__swap = fn; fn(); }}; window.__bound = 0;"
               "var add = HTMLSelectElement.prototype.addEventListener;"
               "HTMLSelectElement.prototype.addEventListener = function (type) {"
               " if (type === 'change') { window.__bound += 1; } return add.apply(this, arguments); };")

    def scenario(browser):
        page = browser.new_page()
        page.set_content(filter_page(compacts, prelude))
        page.evaluate("window.__swap()")  # the same page again: handlers must not be added twice
        assert page.evaluate("window.__bound") == page.locator("select").count() == 3
        assert page.get_by_label("Sector", exact=True).is_visible()
        page.get_by_label("Kind", exact=True).select_option("partner")
        assert len(visible_rows(page)) == len([r for r in rows if r["kind"] == "partner"])

    in_browser(scenario)
