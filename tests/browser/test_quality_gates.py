"""Issue 7's quality gates: WCAG 2.2 AA (axe-core, keyboard, reflow), valid HTML (Nu), links and fragments.

Every page type is checked served on 127.0.0.1 and opened over file:// from the intranet copy; the `page`
fixture fails any test whose page sent a request anywhere else. A new page type joins by one line in
quality.PAGE_TYPES. Tools: node_modules/ from `npm ci` (axe-core, vnu-jar) and java; missing, the gates skip
locally and fail under CI=true. Helpers: quality.py (browser checks, Nu) and core/citations.py (link check).
"""
from __future__ import annotations

import logging
import os
import time
from pathlib import Path

import pytest

from .conftest import ROOT
from .links import check_files, check_served
from .quality import (
    AXE,
    PAGE_TYPES,
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

MODES = ("served", "file")
CASES = [pytest.param(kind, mode, id=f"{kind.name}-{mode}") for kind in PAGE_TYPES for mode in MODES]
# Identifier pages once linked home as "../../../", a folder listing over file://; now "../../../index.html".
INTRANET_HOME_LINK = "'../../../': a folder"


@pytest.fixture(scope="module")
def intranet_site(tmp_path_factory) -> Path:
    """The intranet copy (mkdocs-intranet.yml), built once for this module, strict."""
    from mkdocs.commands.build import build
    from mkdocs.config import load_config

    os.environ["NO_MKDOCS_2_WARNING"] = "1"
    site = tmp_path_factory.mktemp("quality-intranet")
    build(load_config(str(ROOT / "mkdocs-intranet.yml"), site_dir=str(site), strict=True))
    return site


def address(kind: PageType, mode: str, site_server: str, built_site: Path, intranet_site: Path) -> str:
    """The URL of `kind` in `mode`; skips when that build has no such page (with the reason why)."""
    if mode == "file" and kind.intranet is None:
        pytest.skip(f"the intranet copy has no {kind.name} page: a file share never shows one")
    site, path = (built_site, kind.served) if mode == "served" else (intranet_site, kind.intranet)
    if not file_of(site, path).is_file():
        if kind.optional:
            pytest.skip(f"no {kind.name} page in this build yet ({path})")
        pytest.fail(f"the build has no {kind.name} page at {path}")
    if mode == "served":
        return f"{site_server}/{path}"
    page, _, query = path.partition("?")
    return (site / page).as_uri() + (f"?{query}" if query else "")


@pytest.mark.browser
@pytest.mark.parametrize("kind, mode", CASES)
def test_axe_finds_no_violations_as_loaded_and_all_opened(page, kind, mode, site_server, built_site, intranet_site):
    require(AXE, "axe-core")
    open_page(page, address(kind, mode, site_server, built_site, intranet_site), kind)
    loaded = axe_violations(page)
    opened = open_everything(page)
    all_open = axe_violations(page)
    assert not loaded and not all_open, (
        f"axe-core, {kind.name} page ({mode}):\n-- as loaded:\n{describe_violations(loaded)}\n"
        f"-- with {opened} popovers, details and collapsibles opened:\n{describe_violations(all_open)}")


@pytest.mark.browser
@pytest.mark.parametrize("kind, mode", CASES)
def test_keyboard_reaches_every_control_in_order_with_visible_focus(page, kind, mode, site_server, built_site,
                                                                    intranet_site):
    open_page(page, address(kind, mode, site_server, built_site, intranet_site), kind)
    walk = keyboard_walk(page)
    problems = {"focus stuck (Tab came back to this before going round)": [walk.trapped] if walk.trapped else [],
                "focus moved backwards to": walk.backwards, "no visible focus on": walk.invisible,
                "hidden under something else when focused": walk.obscured,
                "never reached with Tab": walk.unreached}
    found = {label: items for label, items in problems.items() if items}
    assert walk.stops and not found, f"{kind.name} page ({mode}), {len(walk.stops)} Tab stops:\n" + "\n".join(
        f"  {label}: {items[:10]}{' …' if len(items) > 10 else ''}" for label, items in found.items())


@pytest.mark.browser
def test_search_results_are_reached_with_the_arrow_keys(page, site_server):
    """Material's search closes on Tab (a result list, like a combobox): its results are reached with ↓."""
    search = next(kind for kind in PAGE_TYPES if kind.search)
    open_page(page, f"{site_server}/{search.served}", search)
    for _ in range(5):  # on a loaded machine the worker may redraw the list just after ↓ (focus falls to <body>)
        page.keyboard.press("ArrowDown")
        focused = page.evaluate("""() => { const el = document.activeElement, style = getComputedStyle(el);
                                           return [el.className, style.outlineStyle, style.outlineWidth]; }""")
        if "md-search-result__link" in focused[0]:
            break
        page.wait_for_timeout(300)
        page.locator(".md-search__input").first.focus()
    assert "md-search-result__link" in focused[0] and focused[1] != "none" and focused[2] != "0px", focused


def reflow_params():
    for kind in PAGE_TYPES:
        for mode in MODES:
            yield pytest.param(kind, mode, id=f"{kind.name}-{mode}")


@pytest.mark.browser
@pytest.mark.parametrize("kind, mode", list(reflow_params()))
def test_reflows_at_320px_without_sideways_scrolling(page, kind, mode, site_server, built_site, intranet_site):
    """WCAG 1.4.10 at 320 CSS px (1280 px zoomed to 400%), and axe again in that phone layout."""
    require(AXE, "axe-core")
    page.set_viewport_size({"width": REFLOW_WIDTH, "height": 800})
    open_page(page, address(kind, mode, site_server, built_site, intranet_site), kind)
    # Material's phone search slides in with a transition; on a busy machine a measurement can catch it midway.
    # Let the layout settle (a real overflow is still there after 3 s and fails).
    width = scroll_width(page)
    for _ in range(15):
        if width <= REFLOW_WIDTH:
            break
        page.wait_for_timeout(200)
        width = scroll_width(page)
    loaded = axe_violations(page)
    open_everything(page)
    all_open = axe_violations(page)
    assert width <= REFLOW_WIDTH and not loaded and not all_open, (
        f"{kind.name} page ({mode}) at {REFLOW_WIDTH} px: {width} px wide\n"
        f"-- axe as loaded:\n{describe_violations(loaded)}\n-- axe all opened:\n{describe_violations(all_open)}")


def html_files(*sites: Path) -> list[Path]:
    return sorted(path for site in sites for path in site.rglob("*.html"))


@pytest.mark.browser
def test_nu_html_checker_finds_no_errors_on_any_page(built_site, intranet_site):
    """The Nu Html Checker, run once over every HTML file of both builds (warnings allowed)."""
    require(VNU, "the Nu Html Checker")
    files = html_files(built_site, intranet_site)
    errors, seconds = nu_errors(files)
    print(f"Nu Html Checker: {len(files)} files in {seconds:.1f} s, {len(errors)} errors")
    assert not errors, f"{len(errors)} errors in {len(files)} files:\n" + "\n".join(errors[:40])


@pytest.mark.browser
def test_every_internal_link_and_fragment_resolves_on_the_served_site(site_server, built_site):
    started = time.monotonic()
    report = check_served(site_server, built_site)
    print(f"served links: {report.pages} pages, {report.links} links, {report.fragments} fragments, "
          f"{time.monotonic() - started:.1f} s")
    assert report.pages >= len(html_files(built_site)) and report.links
    assert not report.broken, f"{len(report.broken)} broken:\n" + "\n".join(report.broken[:40])


@pytest.mark.browser
def test_every_link_and_fragment_resolves_in_the_intranet_copy_over_file_urls(intranet_site):
    report = check_files(intranet_site)
    print(f"intranet links: {report.pages} pages, {report.links} links, {report.fragments} fragments")
    broken = report.broken
    assert report.links and not broken, f"{len(broken)} broken:\n" + "\n".join(broken[:40])


@pytest.mark.browser
def test_identifier_pages_link_home_to_a_file_in_the_intranet_copy(intranet_site):
    broken = [line for line in check_files(intranet_site).broken if INTRANET_HOME_LINK in line]
    assert not broken, f"{len(broken)} identifier pages, e.g. {broken[0]}"


def test_statement_names_the_standard_the_tests_the_limitations_and_the_contact():
    from compact_site.render.statement import statement_markdown

    text = statement_markdown("Sandwell Compact", "Voluntary Sector Team", "compact@sandwell.gov.uk")
    for words in ("WCAG", "2.2", "AA", "Accessibility Regulations 2018", "axe-core", "Nu Html Checker",
                  "320 pixels", "keyboard", "Known limitations", "JavaScript", "popover",
                  "Voluntary Sector Team", "(mailto:compact@sandwell.gov.uk)", "Enforcement procedure"):
        assert words in text
    assert "site owner" not in text and "contact the organisation that publishes" in statement_markdown("X")


def test_statement_is_built_at_accessibility_and_an_unset_contact_is_info_not_warning(built_site, caplog):
    from mkdocs.commands.build import build
    from mkdocs.config import load_config

    page = (built_site / "accessibility" / "index.html").read_text(encoding="utf-8")
    assert "<h1" in page and "Accessibility statement" in page and "contact the organisation" in page
    with caplog.at_level(logging.INFO, logger="mkdocs.plugins.compact_site"):
        build(load_config(str(ROOT / "mkdocs.yml"), site_dir=str(built_site.parent / "statement-check"),
                          strict=True))
    notes = [r for r in caplog.records if "accessibility_contact_email" in r.getMessage()]
    assert notes and all(r.levelno == logging.INFO for r in notes)
