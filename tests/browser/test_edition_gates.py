"""The quality gates on the page types editions add (issue 19): a past edition, a clause's history, a compact's
changes page and the site's, with the current compact page that links them. The five public compacts have no
past editions, so these pages are built from the worked example (tests/fixtures/editions: a fictional compact,
never on the public site), served on 127.0.0.1 and as the intranet copy over file://.

The same checks as test_quality_gates.py: axe (as loaded and with everything opened), keyboard, reflow at 320 px,
the Nu Html Checker on every file, and every link and fragment in both builds.
"""
from __future__ import annotations

import os
import shutil
from pathlib import Path

import pytest

from ..conftest import make_project
from .conftest import serve_folder
from .links import check_files, check_served
from .quality import (
    AXE,
    REFLOW_WIDTH,
    VNU,
    PageType,
    axe_violations,
    describe_violations,
    file_of,
    keyboard_walk,
    nu_errors,
    open_everything,
    open_page,
    require,
    scroll_width,
)

pytestmark = pytest.mark.browser
EXAMPLE = Path(__file__).parent.parent / "fixtures" / "editions" / "content"
EDITION_PAGES = [
    PageType("compact-with-editions", "riverside/", "riverside/index.html"),
    PageType("past-edition", "riverside/2012-04-01/", "riverside/2012-04-01/index.html"),
    PageType("clause-history", "riverside/clause/1.2/history/", "riverside/clause/1.2/history/index.html"),
    PageType("withdrawn-history", "riverside/clause/1.3/history/", "riverside/clause/1.3/history/index.html"),
    PageType("compact-changes", "riverside/changes/", "riverside/changes.html"),
    PageType("site-changes", "changes/", "changes.html"),
]
CASES = [pytest.param(kind, mode, id=f"{kind.name}-{mode}") for kind in EDITION_PAGES for mode in ("served", "file")]


def _build(folder: Path, intranet: bool) -> Path:
    from mkdocs.commands.build import build
    from mkdocs.config import load_config

    os.environ["NO_MKDOCS_2_WARNING"] = "1"
    config_file = make_project(folder, compacts={}, custom_dir=True)
    shutil.rmtree(folder / "content")
    shutil.copytree(EXAMPLE, folder / "content")
    if intranet:
        config_file.write_text(config_file.read_text().replace("  - compact\n",
                                                               "  - compact:\n      intranet: true\n"))
    site = folder / "site"
    build(load_config(str(config_file), site_dir=str(site), strict=True))
    return site


@pytest.fixture(scope="module")
def served_site(tmp_path_factory) -> Path:
    return _build(tmp_path_factory.mktemp("editions-served"), intranet=False)


@pytest.fixture(scope="module")
def intranet_site(tmp_path_factory) -> Path:
    return _build(tmp_path_factory.mktemp("editions-intranet"), intranet=True)


@pytest.fixture(scope="module")
def server(served_site):
    with serve_folder(served_site) as url:
        yield url


def _address(kind: PageType, mode: str, server: str, served_site: Path, intranet_site: Path) -> str:
    site, path = (served_site, kind.served) if mode == "served" else (intranet_site, kind.intranet)
    assert file_of(site, path).is_file(), f"the {mode} build has no {kind.name} page at {path}"
    return f"{server}/{path}" if mode == "served" else (site / path).as_uri()


@pytest.mark.parametrize("kind, mode", CASES)
def test_axe_keyboard_and_reflow(page, kind, mode, server, served_site, intranet_site):
    require(AXE, "axe-core")
    url = _address(kind, mode, server, served_site, intranet_site)
    open_page(page, url, kind)
    loaded = axe_violations(page)
    open_everything(page)
    opened = axe_violations(page)
    assert not loaded and not opened, (f"axe, {kind.name} ({mode}):\n-- as loaded:\n{describe_violations(loaded)}"
                                       f"\n-- all opened:\n{describe_violations(opened)}")
    open_page(page, url, kind)
    walk = keyboard_walk(page)
    assert walk.stops and not (walk.trapped or walk.backwards or walk.invisible or walk.obscured or walk.unreached), (
        f"keyboard, {kind.name} ({mode}): trapped {walk.trapped}, backwards {walk.backwards[:5]}, invisible "
        f"{walk.invisible[:5]}, obscured {walk.obscured[:5]}, unreached {walk.unreached[:5]}")
    page.set_viewport_size({"width": REFLOW_WIDTH, "height": 800})
    open_page(page, url, kind)
    width = scroll_width(page)
    for _ in range(15):  # Material's phone layout may still be sliding in on a busy machine
        if width <= REFLOW_WIDTH:
            break
        page.wait_for_timeout(200)
        width = scroll_width(page)
    narrow = axe_violations(page)
    assert width <= REFLOW_WIDTH and not narrow, (f"{kind.name} ({mode}) at {REFLOW_WIDTH} px: {width} px wide\n"
                                                  f"{describe_violations(narrow)}")


def test_nu_html_checker_on_every_file_of_both_builds(served_site, intranet_site):
    require(VNU, "the Nu Html Checker")
    files = sorted(path for site in (served_site, intranet_site) for path in site.rglob("*.html"))
    assert any("history" in path.parts for path in files) and any("changes" in path.parts for path in files)
    errors, _ = nu_errors(files)
    assert not errors, f"{len(errors)} errors in {len(files)} files:\n" + "\n".join(errors[:40])


def test_every_link_and_fragment_resolves_served_and_over_file_urls(server, served_site, intranet_site):
    served = check_served(server, served_site)
    assert served.links and not served.broken, "\n".join(served.broken[:40])
    files = check_files(intranet_site)
    assert files.links and not files.broken, "\n".join(files.broken[:40])
    for kind in EDITION_PAGES:  # the intranet copy carries every new page type
        assert file_of(intranet_site, kind.intranet).is_file(), kind.intranet
