"""Printing, checked on the PDF Chromium makes: forms on one A4 page, a compact with every clause number."""
from __future__ import annotations

import re
import shutil
import subprocess
from pathlib import Path

import pytest

from .conftest import SCREENSHOTS

pytestmark = pytest.mark.browser
A4 = (595.0, 842.0)  # points
MM = 72 / 25.4
WORD_RE = re.compile(r'<word xMin="([\d.]+)" yMin="([\d.]+)" xMax="([\d.]+)" yMax="([\d.]+)">([^<]*)</word>')


def pdf_of(page, url: str, path: Path, fill: dict | None = None) -> Path:
    page.goto(url)
    for selector, value in (fill or {}).items():
        page.fill(selector, value)
    page.evaluate("document.activeElement && document.activeElement.blur()")
    page.emulate_media(media="print")
    page.pdf(path=str(path), prefer_css_page_size=True)
    return path


def poppler(*args: str) -> str:
    if shutil.which(args[0]) is None:
        pytest.fail(f"{args[0]} is missing: ./dev test installs poppler-utils")
    return subprocess.run(args, capture_output=True, text=True, check=True).stdout


def words(pdf: Path) -> list[tuple[float, float, float, float, str]]:
    return [(float(a), float(b), float(c), float(d), w) for a, b, c, d, w in WORD_RE.findall(
        poppler("pdftotext", "-bbox", str(pdf), "-"))]


FORMS = [("sandwell", "statement-of-intent"), ("staffordshire-stoke-on-trent", "agreement")]


@pytest.mark.parametrize("slug, form_id", FORMS)
def test_form_prints_on_one_a4_page_with_every_label(page, site_server, tmp_path, loaded_content, slug, form_id):
    form = next(f for c in loaded_content.compacts if c.slug == slug for f in c.forms if f.id == form_id)
    text_field = next(f for f in form.fields if f.kind in ("organisation", "name"))
    typed = "Friends of Dartmouth Park"
    pdf = pdf_of(page, f"{site_server}/{slug}/form/{form_id}/", tmp_path / "form.pdf",
                 {f'[name="{text_field.id}"]': typed})
    info = poppler("pdfinfo", str(pdf))
    assert re.search(r"Pages:\s+1\n", info), info
    width, height = map(float, re.search(r"Page size:\s+([\d.]+) x ([\d.]+) pts", info).groups())
    assert abs(width - A4[0]) < 2 and abs(height - A4[1]) < 2
    text = " ".join(poppler("pdftotext", str(pdf), "-").split())
    for label in [field.label for field in form.fields] + [form.title] + (
            form.return_address.lines if form.return_address else []):
        assert " ".join(label.split()) in text, label
    assert typed in text
    boxes = words(pdf)
    assert min(x0 for x0, _, _, _, _ in boxes) >= 15 * MM - 0.5  # margins of at least 15 mm
    assert max(x1 for _, _, x1, _, _ in boxes) <= A4[0] - 15 * MM + 0.5
    assert min(y0 for _, y0, _, _, _ in boxes) >= 15 * MM - 0.5
    heights = sorted(y1 - y0 for _, y0, _, y1, _ in boxes)
    assert heights[0] >= 11 * 0.98, f"smallest text {heights[0]:.1f} pt"  # body text at least 11 pt
    poppler("pdftoppm", "-r", "70", "-png", "-singlefile", str(pdf), str(SCREENSHOTS / f"print-form-{slug}"))


def test_print_button_shows_only_where_printing_works(browser, site_server):
    for javascript, hidden in ((True, False), (False, True)):
        context = browser.new_context(java_script_enabled=javascript)
        page = context.new_page()
        page.goto(f"{site_server}/sandwell/form/statement-of-intent/")
        assert page.locator(".compact-form__print").is_hidden() is hidden
        context.close()


def test_printed_compact_has_every_clause_number_and_no_navigation(page, site_server, tmp_path, loaded_content):
    for compact in loaded_content.compacts:
        pdf = pdf_of(page, f"{site_server}/{compact.slug}/", tmp_path / f"{compact.slug}.pdf")
        text = poppler("pdftotext", str(pdf), "-")
        flat = " ".join(text.split())
        for node in compact.citable():
            number = getattr(node, "number", None)
            if number:
                assert re.search(rf"(?<![\d.]){re.escape(number)}(?![\d])", flat), f"{compact.slug} {number}"
            # pdftotext drops a hyphen that ends a line ("equality-and-" + "inclusion/"), and where the URL
            # breaks depends on the test server's port: compare without spaces and hyphens.
            cited = f"/{compact.slug}/clause/{node.id}/".replace("-", "")
            assert cited in flat.replace(" ", "").replace("-", ""), f"no citation for {node.id}"
        for chrome in ("Table of contents", "Copy link", "Type to start searching", "Made with", "Contents"):
            assert chrome not in flat, f"{compact.slug}: '{chrome}' printed"
    poppler("pdftoppm", "-r", "50", "-png", "-f", "1", "-l", "1", str(pdf), str(SCREENSHOTS / "print-compact"))


def test_printed_compact_keeps_definitions_and_link_addresses(page, site_server, tmp_path):
    flat = " ".join(poppler("pdftotext", str(pdf_of(page, f"{site_server}/wolverhampton/", tmp_path / "w.pdf")),
                            "-").split())
    assert "Terms used on this page" in flat
    assert "criminal record checks in England and Wales" in flat  # the DBS definition, not lost
    sandwell = " ".join(poppler("pdftotext", str(pdf_of(page, f"{site_server}/sandwell/", tmp_path / "s.pdf")),
                                "-").split())
    assert "(http://www.ncvo-vol.org.uk/advice-support/compact-advocacy/how-we-can-help)" in sandwell.replace(" ", "") \
        or "ncvo-vol.org.uk" in sandwell


def test_print_this_compact_prints_with_javascript_and_is_absent_without(browser, site_server, tmp_path):
    """The compact page's "Print this compact" and "Copy link" show only where they work; printing opens the
    browser's print (print.css), whose PDF keeps the summary list, not the buttons, the downloads, or the pointer
    to the accessibility statement (a link; a format contact's address would print: test_format_contact.py)."""
    for javascript in (True, False):
        context = browser.new_context(java_script_enabled=javascript)
        page = context.new_page()
        page.goto(f"{site_server}/sandwell/")
        actions = page.get_by_role("group", name="Actions for this compact")
        assert actions.count() == (1 if javascript else 0)  # hidden: not in the accessibility tree
        if javascript:
            # A function: Playwright calls it (an assignment expression would be called too, once more).
            page.evaluate("() => { window.print = () => { window.printed = (window.printed || 0) + 1; }; }")
            page.get_by_role("button", name="Print this compact").click()
            assert page.evaluate("window.printed") == 1
        context.close()
    page = browser.new_page()
    flat = " ".join(poppler("pdftotext", str(pdf_of(page, f"{site_server}/sandwell/", tmp_path / "s.pdf")),
                            "-").split())
    page.close()
    assert "Status Adopted" in flat and "Review date October 2013" in flat
    for screen_only in ("Print this compact", "Copy link", "This compact as JSON", "Downloads",
                        "accessibility statement"):
        assert screen_only not in flat, screen_only
