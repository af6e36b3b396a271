"""Old links in a real browser: a moved clause's old URL and anchor land on it; a withdrawn one on its
tombstone. Served over HTTP and opened from the intranet copy over file://."""
from __future__ import annotations

import pytest

from ..test_ledger import GONE, WITHDRAWN, sandwell_without_clause
from ..test_site_build import build_site, make_project
from .conftest import serve_folder

pytestmark = pytest.mark.browser
MOVED = "s4.1-statutory-2"  # moved into s4.1-statutory-1 in the changed copy


def changed_project(tmp_path, intranet: bool):
    config = make_project(tmp_path)
    path = sandwell_without_clause(tmp_path)
    text = path.read_text(encoding="utf-8") + WITHDRAWN
    start = text.index(f"            - id: {MOVED}\n")
    end = text.index("    - id: \"4.2\"", start)
    text = text[:start] + text[end:]  # the moved clause goes ...
    text = text.replace("            - id: s4.1-statutory-1\n",
                        f"            - id: s4.1-statutory-1\n              former_ids: [{MOVED}]\n")  # ... here
    path.write_text(text, encoding="utf-8")
    if intranet:
        config.write_text(config.read_text(encoding="utf-8").replace("  - search\n  - compact\n",
                                                                     "  - compact:\n      intranet: true\n"))
    return build_site(config, strict=True)


@pytest.fixture(scope="module")
def served(tmp_path_factory):
    with serve_folder(changed_project(tmp_path_factory.mktemp("old-links"), intranet=False)) as url:
        yield url


@pytest.fixture(scope="module")
def intranet(tmp_path_factory):
    return changed_project(tmp_path_factory.mktemp("old-links-intranet"), intranet=True)


def test_old_url_of_moved_clause_forwards_to_it(page, served):
    page.goto(f"{served}/sandwell/clause/{MOVED}/")
    page.wait_for_url(f"{served}/sandwell/#clause-s4.1-statutory-1")
    assert page.locator('[id="clause-s4.1-statutory-1"]').is_visible()


def test_identifier_url_without_its_trailing_slash_still_lands_on_the_clause(page, served, tmp_path):
    """A host may serve /sandwell/clause/<id> (no slash) without redirecting; "../../" must not climb too far.
    The test server redirects, so the page is served at the slash-less address by the browser itself."""
    clause = "s4.1-statutory-1"
    built = page.context.request.get(f"{served}/sandwell/clause/{clause}/").text()
    page.route(f"{served}/sandwell/clause/{clause}", lambda route: route.fulfill(body=built, content_type="text/html"))
    page.goto(f"{served}/sandwell/clause/{clause}")
    page.wait_for_url(f"{served}/sandwell/#clause-{clause}")
    assert page.locator(f'[id="clause-{clause}"]').is_visible()


def test_old_anchor_of_moved_clause_lands_on_it(page, served):
    page.goto(f"{served}/sandwell/#clause-{MOVED}")
    clause = page.locator('[id="clause-s4.1-statutory-1"]')
    assert clause.is_visible() and "formerly" in clause.inner_text()
    box = clause.bounding_box()
    assert 0 <= box["y"] < page.viewport_size["height"], "the moved clause should be scrolled into view"


def test_withdrawn_url_and_anchor_show_the_tombstone(page, served):
    page.goto(f"{served}/sandwell/clause/{GONE}/")
    assert page.locator("h1").inner_text() == f"Clause {GONE}"
    assert "was withdrawn on 14 March 2025" in page.locator("main").inner_text()
    page.goto(f"{served}/sandwell/#clause-{GONE}")
    assert "was withdrawn on 14 March 2025" in page.locator(f'[id="clause-{GONE}"]').inner_text()


def test_old_links_work_over_file_urls(page, intranet):
    page.goto((intranet / "sandwell" / "clause" / MOVED / "index.html").as_uri())
    page.wait_for_url("**/sandwell/index.html#clause-s4.1-statutory-1")
    assert page.locator('[id="clause-s4.1-statutory-1"]').is_visible()
    page.goto((intranet / "sandwell" / "clause" / GONE / "index.html").as_uri())
    assert "was withdrawn on 14 March 2025" in page.locator("main").inner_text()
    page.get_by_role("link", name="Read the current Sandwell Compact").click()
    page.wait_for_url("**/sandwell/index.html#top")
