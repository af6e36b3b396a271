"""Every page type at a phone's, a tablet's and a desktop's width: it renders (a heading, no script error), it
passes the layout checks (layout.py), and it is screenshotted for a person to look at.

The screenshots and what the checks found go on one contact sheet, tests/screenshots/index.html (git-ignored):
open it after a run to review every page type at every width on one page."""
from __future__ import annotations

import html
from pathlib import Path

import pytest

from .conftest import SCREENSHOTS
from .layout import layout_findings
from .quality import PAGE_TYPES, file_of, open_page, settle

WIDTHS = (320, 768, 1280)
HEIGHT = 900
MOST = 3 * HEIGHT  # the first three screens: enough to judge a page, and a compact page is 30,000 px at 320 px
SHEET = SCREENSHOTS / "index.html"
SHOTS = [(kind, width) for kind in PAGE_TYPES if kind.served is not None for width in WIDTHS]


@pytest.fixture(scope="module")
def contact_sheet():
    """Collects each page's shot and findings; writes the contact sheet when the module's tests are done."""
    entries: list[tuple[str, int, Path | None, dict[str, list[str]]]] = []
    yield entries
    if entries:
        write_sheet(entries)


def write_sheet(entries) -> None:
    """One HTML page of thumbnails: a row per page type, a column per width, findings under each shot."""
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    rows, seen = [], []
    for name, _, _, _ in entries:
        if name not in seen:
            seen.append(name)
    for name in seen:
        cells = []
        for _, width, png, findings in (e for e in entries if e[0] == name):
            problems = [f"{check}: {item}" for check, items in findings.items() for item in items]
            notes = "".join(f"<li>{html.escape(p)}</li>" for p in problems) or "<li class=ok>layout checks pass</li>"
            image = (f'<a href="{png.name}"><img src="{png.name}" alt="{html.escape(name)} at {width} px" '
                     f'loading="lazy"></a>' if png else "<p>no screenshot</p>")
            cells.append(f"<td><h3>{width} px</h3>{image}<ul>{notes}</ul></td>")
        rows.append(f"<tr><th scope=row>{html.escape(name)}</th>{''.join(cells)}</tr>")
    SHEET.write_text(f"""<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>compact-site: every page type at {", ".join(map(str, WIDTHS))} px</title>
<style>body{{font:16px/1.4 system-ui,sans-serif;margin:1rem}} td,th{{vertical-align:top;padding:.5rem;
border-bottom:1px solid #ccc;text-align:left}} img{{width:220px;border:1px solid #888}} li{{color:#a00;max-width:22rem}}
li.ok{{color:#060}}</style></head><body><h1>Every page type, first three screens</h1>
<p>Made by tests/browser/test_screenshots.py; click a thumbnail for the full image.</p>
<table><tbody>{"".join(rows)}</tbody></table></body></html>
""", encoding="utf-8")


@pytest.mark.browser
@pytest.mark.parametrize("kind, width", SHOTS, ids=[f"{kind.name}-{width}" for kind, width in SHOTS])
def test_page_type_at_width(page, site_server, built_site, contact_sheet, kind, width):
    if kind.optional and not file_of(built_site, kind.served).is_file():
        pytest.skip(f"{kind.name}: not in this build")
    errors: list[str] = []
    # Listeners go on before the page loads, so errors thrown while it loads are caught too.
    page.on("console", lambda message: message.type == "error" and errors.append(message.text))
    page.on("pageerror", lambda error: errors.append(str(error)))
    page.set_viewport_size({"width": width, "height": HEIGHT})
    open_page(page, f"{site_server}/{kind.served}", kind)
    settle(page)
    page.evaluate("() => new Promise(r => requestAnimationFrame(() => requestAnimationFrame(r)))")
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    png = SCREENSHOTS / f"{kind.name}-{width}.png"
    tall = page.evaluate("document.documentElement.scrollHeight")
    page.screenshot(path=str(png), full_page=True, clip={"x": 0, "y": 0, "width": width, "height": min(tall, MOST)})
    findings = layout_findings(page)
    contact_sheet.append((kind.name, width, png, findings))
    assert page.locator("h1").count() >= 1 and page.locator("h1").first.inner_text().strip(), "no heading"
    assert not errors, f"script errors: {errors}"
    problems = {check: items for check, items in findings.items() if items}
    assert not problems, "\n".join(f"{check}:\n  " + "\n  ".join(items) for check, items in problems.items())
