"""A glossary definition opens from the keyboard and closes with Escape or when focus moves on."""
from __future__ import annotations

import pytest

from .conftest import screenshot

pytestmark = pytest.mark.browser
DBS = 'button.compact-term[aria-label="DBS: show definition"]'


def popover_open(page, button) -> bool:
    target = button.get_attribute("popovertarget")
    return page.evaluate(f"document.getElementById('{target}').matches(':popover-open')")


def test_definition_opens_with_enter_and_closes_with_escape(page, site_server):
    page.goto(f"{site_server}/wolverhampton/")
    button = page.locator(DBS)
    assert button.count() == 1
    button.focus()
    page.keyboard.press("Enter")
    assert popover_open(page, button)
    assert button.get_attribute("aria-expanded") == "true"
    definition = page.locator(f"#{button.get_attribute('popovertarget')}")
    assert "criminal record checks" in definition.inner_text()
    assert definition.get_by_role("link", name="Disclosure and Barring Service in the glossary").is_visible()
    screenshot(page, "glossary-popover")
    page.keyboard.press("Escape")
    assert not popover_open(page, button)
    assert button.get_attribute("aria-expanded") == "false"


def test_space_opens_and_focus_leaving_closes(page, site_server):
    page.goto(f"{site_server}/wolverhampton/")
    button = page.locator(DBS)
    button.focus()
    page.keyboard.press("Space")
    assert popover_open(page, button)
    page.keyboard.press("Tab")  # into the definition's glossary link
    assert page.evaluate("document.activeElement.textContent") == "Disclosure and Barring Service in the glossary"
    assert popover_open(page, button)
    page.keyboard.press("Tab")  # and on, out of it
    assert not popover_open(page, button)


def test_glossary_link_in_the_definition_lands_on_the_term(page, site_server):
    page.goto(f"{site_server}/wolverhampton/")
    button = page.locator(DBS)
    button.click()
    page.get_by_role("link", name="Disclosure and Barring Service in the glossary").click()
    page.wait_for_url("**/glossary/#term-dbs")
    assert page.locator("#term-dbs").is_visible()
