"""The compare page in a real browser: two labelled selects, clauses aligned in a table, differences marked,
unmatched clauses listed; and the collapsed "Similar undertakings" under a clause."""
from __future__ import annotations

import pytest

pytestmark = pytest.mark.browser


def test_wolverhampton_2_1_aligns_with_southampton_1_1(page, site_server):
    page.goto(f"{site_server}/compare/")
    page.get_by_label("First compact").select_option("wolverhampton")
    page.get_by_label("Second compact").select_option("southampton")
    row = page.locator('tr[data-left="2.1"]')
    assert row.get_attribute("data-right") == "1.1"
    assert page.locator('tr[data-left="5.4"]').get_attribute("data-right") == "4.5"
    # Word differences are marked, and say so to a screen reader ("the VCS" vs "VCS").
    assert row.locator("ins").count() >= 1
    assert "inserted:" in row.locator("ins").first.inner_text()
    assert page.locator("table thead th[scope=col]").count() == 3
    unmatched = page.locator(".compact-compare__unmatched li")
    assert unmatched.count() >= 1 and "Southampton" in unmatched.first.inner_text()
    assert "clauses paired" in page.locator("#compact-compare-status").inner_text()


def test_compare_works_from_the_keyboard(page, site_server):
    page.goto(f"{site_server}/compare/")
    page.get_by_label("First compact").focus()
    page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.id") == "compare-right"
    page.get_by_label("First compact").select_option("southampton")
    page.get_by_label("Second compact").select_option("southampton")
    assert "two different compacts" in page.locator("#compact-compare-result").inner_text()


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
