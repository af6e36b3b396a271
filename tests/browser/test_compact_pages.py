"""Issue 4 in a real browser: copy-link by keyboard, search landing on a clause, the intranet copy over file://."""
from __future__ import annotations

import pytest
from mkdocs.commands.build import build
from mkdocs.config import load_config

from .conftest import ROOT, screenshot

pytestmark = pytest.mark.browser


@pytest.fixture(scope="module")
def intranet_site(tmp_path_factory):
    """The intranet copy (mkdocs-intranet.yml), built once."""
    site = tmp_path_factory.mktemp("intranet-site")
    build(load_config(str(ROOT / "mkdocs-intranet.yml"), site_dir=str(site), strict=True))
    return site


def test_copy_link_by_keyboard_copies_the_identifier_url(browser, site_server):
    context = browser.new_context(permissions=["clipboard-read", "clipboard-write"])
    page = context.new_page()
    page.goto(f"{site_server}/wolverhampton/")
    page.locator('a.compact-clause__number[href="clause/4.2/"]').focus()
    page.keyboard.press("Tab")  # the next stop after the clause number is its copy button
    focused = page.evaluate("document.activeElement.getAttribute('aria-label')")
    assert focused == "Copy link to Wolverhampton 4.2"
    page.keyboard.press("Enter")
    page.wait_for_function("document.querySelector('.compact-live').textContent.startsWith('Link copied')")
    assert page.evaluate("navigator.clipboard.readText()") == f"{site_server}/wolverhampton/clause/4.2/"
    context.close()


def test_copy_link_without_clipboard_shows_the_url_selected(page, site_server):
    page.add_init_script("Object.defineProperty(navigator, 'clipboard', {value: undefined})")
    page.goto(f"{site_server}/sandwell/")
    button = page.locator("button.compact-copy:not(.compact-copy--page)").first  # a clause's, not the page's
    button.focus()
    page.keyboard.press("Space")
    field = page.locator("input.compact-copy__field").first
    assert field.is_visible()
    assert field.input_value() == f"{site_server}/sandwell/clause/partnership-working/"
    assert page.evaluate("document.activeElement.classList.contains('compact-copy__field')")
    assert page.evaluate("getSelection().toString() || (document.activeElement.selectionEnd"
                         " - document.activeElement.selectionStart)") not in (0, "")


def test_the_page_copy_link_copies_the_compact_page_address(browser, site_server):
    """The header's "Copy link" (issue 18) copies the page's own address; without a clipboard it shows it, in a
    field labelled for the compact."""
    context = browser.new_context(permissions=["clipboard-read", "clipboard-write"])
    page = context.new_page()
    page.goto(f"{site_server}/sandwell/")
    page.get_by_role("group", name="Actions for this compact").get_by_role("button", name="Copy link").click()
    page.wait_for_function("document.querySelector('.compact-live').textContent.startsWith('Link copied')")
    assert page.evaluate("navigator.clipboard.readText()") == f"{site_server}/sandwell/"
    context.close()
    context = browser.new_context()
    page = context.new_page()
    page.add_init_script("Object.defineProperty(navigator, 'clipboard', {value: undefined})")
    page.goto(f"{site_server}/sandwell/")
    page.get_by_role("button", name="Copy link", exact=True).first.click()
    assert page.get_by_role("textbox", name="Link to this compact: press Control and C to copy").input_value() == \
        f"{site_server}/sandwell/"
    context.close()


def test_identifier_url_forwards_to_the_clause_in_context(page, site_server):
    page.goto(f"{site_server}/southampton/clause/4.5/")
    page.wait_for_url(f"{site_server}/southampton/#clause-4.5")
    assert page.locator('[id="clause-4.5"]').is_visible()
    assert "three months notice" in page.locator('[id="clause-4.5"]').inner_text()


def search_for(page, query: str) -> None:
    """Type into Material's search box as a person would (fill() can race the search worker's start)."""
    page.locator(".md-search__input").first.click()
    page.wait_for_function("document.querySelector('.md-search-result__meta') !== null")
    page.keyboard.type(query, delay=40)


def test_search_for_a_clause_number_lands_on_its_anchor(page, site_server):
    page.goto(f"{site_server}/")
    search_for(page, "4.2")
    result = page.locator('.md-search-result__link[href$="wolverhampton/#clause-4.2"]')
    result.first.wait_for(timeout=10_000)
    result.first.click()
    page.wait_for_url("**/wolverhampton/#clause-4.2")
    assert page.locator('[id="clause-4.2"]').is_visible()


def test_search_for_a_phrase_finds_the_clause(page, site_server):
    page.goto(f"{site_server}/")
    search_for(page, "full cost recovery")
    result = page.locator('.md-search-result__link[href*="westminster/#clause-s2-statutory-10"]')
    result.first.wait_for(timeout=10_000)


def test_intranet_copy_works_over_file_urls_including_search(page, intranet_site):
    home = (intranet_site / "index.html").as_uri()
    page.goto(home)
    page.get_by_role("link", name="Sandwell Compact").first.click()
    page.wait_for_url("**/sandwell/index.html")
    assert page.locator('[id="clause-stage-1"]').is_visible()
    page.goto((intranet_site / "search" / "index.html").as_uri() + "?q=4.2")
    first = page.locator(".compact-search__results a").first
    first.wait_for()
    assert page.locator(".compact-search__count").inner_text().endswith("results")
    page.locator('.compact-search__results a[href$="wolverhampton/index.html#clause-4.2"]').click()
    page.wait_for_url("**/wolverhampton/index.html#clause-4.2")
    assert page.locator('[id="clause-4.2"]').is_visible()
    page.goto((intranet_site / "westminster" / "clause" / "0.4" / "index.html").as_uri())
    page.wait_for_url("**/westminster/index.html#clause-0.4")
    screenshot(page, "intranet-westminster-0.4")


def test_intranet_search_finds_a_phrase(page, intranet_site):
    page.goto((intranet_site / "search" / "index.html").as_uri())
    page.get_by_label("Search the compacts").fill("Statuary Sector")
    link = page.locator(".compact-search__results a").first
    link.wait_for()
    assert link.inner_text() == "Wolverhampton 2.2"
