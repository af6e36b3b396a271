"""Open the site's main kinds of page in Chromium: each has a heading, logs no error, and is screenshotted."""
from __future__ import annotations

import pytest

from .conftest import screenshot

PAGES = {
    "home": "/",
    "compact": "/sandwell/",
    "clause": "/sandwell/clause/s4.1-vcs-1/",  # an identifier URL: the permanent link to one clause
}


@pytest.mark.browser
@pytest.mark.parametrize("name", PAGES)
def test_page_renders(page, site_server, built_site, name):
    path = PAGES[name]
    if name == "clause" and not (built_site / path.strip("/") / "index.html").is_file():
        pytest.skip("identifier URLs not built yet")
    errors: list[str] = []
    # Listeners go on before goto so that errors thrown while the page loads are caught too.
    page.on("console", lambda message: message.type == "error" and errors.append(message.text))
    page.on("pageerror", lambda error: errors.append(str(error)))
    response = page.goto(site_server + path, wait_until="networkidle")
    assert response is not None and response.ok, f"{path}: HTTP {response and response.status}"
    assert page.locator("h1").count() >= 1, f"{path}: no <h1>"
    assert page.locator("h1").first.inner_text().strip(), f"{path}: empty <h1>"
    for png in screenshot(page, name):
        assert png.stat().st_size > 0
    assert not errors, f"{path}: console errors: {errors}"
