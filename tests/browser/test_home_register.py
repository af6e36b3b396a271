"""The register of compacts on the home page in a real browser (issue 18, part 1): filters by status, overdue and
text with the count in the live region, sorting by column from the keyboard, the whole table without JavaScript
and over file://, and the national-scale budget measured on a generated 400-compact site (≤ 300 KB of HTML,
filtering answered within 100 ms)."""
from __future__ import annotations

import statistics
from pathlib import Path

import pytest
from playwright.sync_api import expect

from ..conftest import build_site
from .conftest import ROOT, serve_folder

pytestmark = pytest.mark.browser
NATIONAL = 400
BUDGET_BYTES = 300 * 1024
BUDGET_MS = 100
STATUSES = ("adopted", "draft", "consultation-draft", "superseded", "unknown")


def titles(page) -> list[str]:
    """The titles of the rows shown, in the table's order."""
    return page.locator("[data-compact-list] tbody tr:not([hidden]) td:first-child").all_inner_texts()


def test_filters_say_how_many_compacts_are_shown(page, site_server):
    page.goto(f"{site_server}/")
    status = page.locator(".compact-register__status")
    page.get_by_label("Status").select_option("unknown")
    expect(status).to_have_text("2 of 5 compacts shown.")
    assert titles(page) == ["Southampton Compact", "Wolverhampton Compact Principles"]
    page.get_by_label("Status").select_option("")
    page.get_by_label("Title or area").fill("WESTMIN")
    expect(status).to_have_text("1 of 5 compacts shown.")
    assert titles(page) == ["The Westminster Compact 2011"]
    page.get_by_label("Title or area").fill("")
    # Sandwell's review was due by October 2013: overdue on any day these tests run.
    page.get_by_label("Only those overdue for review").check()
    expect(status).to_have_text("1 of 5 compacts shown.")
    assert titles(page) == ["Sandwell Compact"]
    assert page.locator("tbody tr:not([hidden]) .compact-tag--overdue").inner_text() == "overdue"


def test_headers_sort_from_the_keyboard_and_say_so(page, site_server):
    page.goto(f"{site_server}/")
    header = page.locator("th", has_text="Undertakings")
    assert header.get_attribute("aria-sort") is None
    assert page.locator("th", has_text="Compact").first.get_attribute("aria-sort") == "ascending"
    header.get_by_role("button").focus()
    page.keyboard.press("Enter")
    assert header.get_attribute("aria-sort") == "ascending"
    counts = page.locator("tbody td:nth-child(6)").all_inner_texts()
    assert counts == sorted(counts, key=int)
    page.keyboard.press("Space")
    assert header.get_attribute("aria-sort") == "descending"
    assert page.locator("tbody td:nth-child(6)").all_inner_texts() == sorted(counts, key=int, reverse=True)
    assert page.locator("th[aria-sort]").count() == 1
    # Dates sort by their ISO key, "not stated" last in either direction.
    page.locator("th", has_text="Review due").get_by_role("button").click()
    assert titles(page)[0] == "Sandwell Compact"


def test_without_javascript_the_whole_table_shows_and_no_dead_control(browser, site_server):
    context = browser.new_context(java_script_enabled=False)
    page = context.new_page()
    page.goto(f"{site_server}/")
    assert len(titles(page)) == 5
    assert not page.locator(".compact-register__filters").is_visible()
    assert page.locator("th button").count() == 0 and page.locator(".compact-tag--overdue").count() == 0
    assert page.locator("tbody tr").first.locator("td").nth(4).inner_text() == "October 2013"
    context.close()


def test_register_works_over_file_urls_in_the_intranet_copy(page, tmp_path_factory):
    from mkdocs.commands.build import build
    from mkdocs.config import load_config

    site = tmp_path_factory.mktemp("home-intranet")
    build(load_config(str(ROOT / "mkdocs-intranet.yml"), site_dir=str(site), strict=True))
    page.goto((site / "index.html").as_uri())
    page.get_by_label("Title or area").fill("sand")
    expect(page.locator(".compact-register__status")).to_have_text("1 of 5 compacts shown.")
    assert page.locator("tbody tr:not([hidden]) a").get_attribute("href") == "sandwell/index.html"


def national_compact(n: int) -> str:
    """A small generated compact (never published: it lives in tmp_path) whose register row varies with ``n``;
    every third one is overdue for review on any day the test runs."""
    dates = ("  review: 2010-03\n" if n % 3 == 0 else f"  refreshed: {2012 + n % 10}\n  review: 2099-12\n")
    signatories = "".join(f"\n    - organisation: Organisation {n}-{k}\n      sector: vcs\n"
                          f"      printed: Organisation {n}-{k}" for k in range(n % 4))
    clauses = "".join(f"            - id: \"1.{k}\"\n              number: \"1.{k}\"\n"
                      f"              text: Clause {k} of generated compact {n}.\n" for k in range(1, 2 + n % 5))
    return (f"slug: area-{n:03}\ntitle: Generated Compact {n:03}\narea: Generated Area {n:03}\n"
            f"status: {STATUSES[n % len(STATUSES)]}\ndates:\n  adopted: {2005 + n % 5}-{1 + n % 12:02}\n{dates}"
            "undertakings:\n  sections:\n    - id: \"1\"\n      title: One\n      groups:\n        - party: all\n"
            "          clauses:\n" + clauses + ("signatories:\n  items:" + signatories + "\n" if signatories else ""))


@pytest.fixture(scope="module")
def national_site(tmp_path_factory) -> Path:
    """A generated 400-compact site (a national register's size), built strict into tmp_path."""
    from ..conftest import make_project

    compacts = {f"area-{n:03}.yml": national_compact(n) for n in range(NATIONAL)}
    return build_site(make_project(tmp_path_factory.mktemp("national"), compacts, custom_dir=True), strict=True)


# One change of the filters, timed from the event to the frame after it (rows hidden or shown, laid out, painted).
TIMED = """(act) => new Promise(done => {
  const f = document.querySelector('.compact-register__filters'), start = performance.now();
  new Function('f', act)(f);
  requestAnimationFrame(() => setTimeout(() => done(performance.now() - start), 0));
})"""
CHANGES = {  # each narrows the 400 rows, then the next one ("all") shows them all again
    "text": "f.querySelector('#compacts-text').value = '12'; "
            "f.querySelector('#compacts-text').dispatchEvent(new Event('input', {bubbles: true}))",
    "status": "f.querySelector('#compacts-text').value = ''; f.querySelector('#compacts-status').value = 'draft'; "
              "f.querySelector('#compacts-status').dispatchEvent(new Event('change', {bubbles: true}))",
    "overdue": "f.querySelector('#compacts-status').value = ''; f.querySelector('#compacts-overdue').click()",
    "all": "f.querySelector('#compacts-overdue').click()",
}


def test_at_national_scale_the_home_page_is_small_and_filters_fast(page, national_site):
    """The budget holds for the best of five rounds: the machine running the tests is shared, and a round that
    another process pre-empts measures that process, not the page (the median is printed too)."""
    size = (national_site / "index.html").stat().st_size
    print(f"\nhome page at {NATIONAL} compacts: {size / 1024:.1f} KB")
    assert size <= BUDGET_BYTES, f"{size / 1024:.1f} KB"
    with serve_folder(national_site) as url:
        page.goto(f"{url}/")
        assert page.locator("[data-compact-list] tbody tr").count() == NATIONAL
        rounds = {name: [] for name in CHANGES}
        for _ in range(5):
            for name, act in CHANGES.items():
                rounds[name].append(page.evaluate(TIMED, act))
        print("filter ms (best / median of 5): " + ", ".join(
            f"{name} {min(ms):.1f} / {statistics.median(ms):.1f}" for name, ms in rounds.items()))
        assert all(min(ms) <= BUDGET_MS for ms in rounds.values()), rounds
        expect(page.locator(".compact-register__status")).to_have_text(f"{NATIONAL} of {NATIONAL} compacts shown.")
        page.locator("#compacts-overdue").check()
        expect(page.locator(".compact-register__status")).to_have_text(
            f"{len(range(0, NATIONAL, 3))} of {NATIONAL} compacts shown.")
        page.locator("th", has_text="Signatories").get_by_role("button").click()
        counts = page.locator("tbody tr:not([hidden]) td:nth-child(7)").all_inner_texts()
        assert counts == sorted(counts, key=lambda text: int(text) if text.isdigit() else 0)


@pytest.mark.parametrize("path", ["", "compare/"])
def test_axe_in_materials_dark_scheme(page, site_server, built_site, path):
    """This site's palette is Material's default, but a council may add the dark scheme (slate): the register and
    the compare page must pass there too. Material ships palette.css in every build; it is linked and the scheme
    set on <body>, as Material's palette toggle does."""
    from .quality import AXE, axe_violations, describe_violations, require

    require(AXE, "axe-core")
    palette = next((built_site / "assets" / "stylesheets").glob("palette.*.min.css")).name
    page.goto(f"{site_server}/{path}")
    page.evaluate("""(href) => new Promise(done => {
        const link = Object.assign(document.createElement('link'), {rel: 'stylesheet', href, onload: done});
        document.head.appendChild(link);
        document.body.setAttribute('data-md-color-scheme', 'slate');
        document.body.setAttribute('data-md-color-primary', 'indigo');
    })""", f"{site_server}/assets/stylesheets/{palette}")
    if not path:
        page.get_by_label("Only those overdue for review").check()  # the overdue tag shows
    else:
        page.locator("tr[data-left]").first.wait_for()
    assert page.evaluate("getComputedStyle(document.body).backgroundColor") != "rgb(255, 255, 255)"
    violations = axe_violations(page)
    assert not violations, describe_violations(violations)
