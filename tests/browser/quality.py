"""Helpers of the quality gates (test_quality_gates.py): the page types, axe-core, the keyboard walk, reflow
and the Nu Html Checker. The tools come from node_modules/ (``npm ci``; versions pinned in package-lock.json)."""
from __future__ import annotations

import json
import os
import shutil
import subprocess
from dataclasses import dataclass
from pathlib import Path
from typing import Optional

import pytest

from ..conftest import ROOT

NODE_MODULES = ROOT / "node_modules"
AXE = NODE_MODULES / "axe-core" / "axe.min.js"
VNU = NODE_MODULES / "vnu-jar" / "build" / "dist" / "vnu.jar"
AXE_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"]
REFLOW_WIDTH = 320  # WCAG 1.4.10: content reflows at 320 CSS px without scrolling sideways
TAB_LIMIT = 2500  # more stops than the largest page has; reaching it means focus never came back round


def require(path: Path, what: str) -> None:
    """Skip when a gate's tool is missing locally; under CI=true a missing tool fails the run instead."""
    missing = [] if path.is_file() else [f"{path.relative_to(ROOT)} (run `npm ci` at the repository root)"]
    if path == VNU and not shutil.which("java"):
        missing.append("java (apt-get install default-jre-headless)")
    if not missing:
        return
    reason = f"{what} needs " + " and ".join(missing)
    if os.environ.get("CI") == "true":
        pytest.fail(f"{reason}; the quality gates are required under CI=true", pytrace=False)
    pytest.skip(reason)


@dataclass(frozen=True)
class PageType:
    """One kind of page: its address on the served site (directory URLs) and in the intranet copy (files).

    ``search`` is typed into Material's search box on the served site, whose results open over the page;
    ``forwards`` marks the clause identifier page, which forwards to the compact page with a script: it is
    loaded with scripts off, so it is the identifier page itself that is checked.
    """

    name: str
    served: Optional[str]
    intranet: Optional[str]
    search: Optional[str] = None
    forwards: bool = False
    optional: bool = False  # not every build has it yet: skipped with a reason when the file is missing


PAGE_TYPES = [
    PageType("home", "", "index.html"),
    PageType("compact", "wolverhampton/", "wolverhampton/index.html"),  # term popovers, tables, many clauses
    PageType("compact-sandwell", "sandwell/", "sandwell/index.html"),  # forms, steps, contacts, footnotes
    PageType("clause", "wolverhampton/clause/4.2/", "wolverhampton/clause/4.2/index.html", forwards=True),
    PageType("glossary", "glossary/", "glossary.html"),
    PageType("compact-glossary", "sandwell/glossary/", "sandwell/glossary.html"),
    PageType("register", "signatories/", "signatories.html"),
    PageType("compact-register", "sandwell/signatories/", "sandwell/signatories.html"),
    PageType("search", "", "search/index.html?q=4.2", search="4.2"),
    PageType("404", "404.html", None),  # the intranet copy has none: a file share never shows a 404 page
    PageType("statement", "accessibility/", "accessibility.html"),
    PageType("compare", "compare/", "compare.html"),  # two selects, an aligned table built by compare.js
    PageType("form", "sandwell/form/statement-of-intent/", "sandwell/form/statement-of-intent.html",
             optional=True),
]


def file_of(site: Path, address: str) -> Path:
    """The file in a built site that ``address`` (served or intranet form, maybe with a query) names."""
    path = address.partition("?")[0]
    return site / (path + "index.html" if path.endswith("/") or not path else path)


def open_page(page, url: str, kind: PageType) -> None:
    """Load ``url`` as a reader would, ready for checking (search typed, identifier page not forwarded)."""
    if kind.forwards:
        # Its inline script would replace it with the compact page at once: parse it with scripts off, then
        # turn them back on so axe and the checks can run (the forwarding script has had its chance).
        cdp = page.context.new_cdp_session(page)
        cdp.send("Emulation.setScriptExecutionDisabled", {"value": True})
        page.goto(url)
        cdp.send("Emulation.setScriptExecutionDisabled", {"value": False})
        cdp.detach()
    else:
        page.goto(url)
    if kind.search and url.startswith("http"):
        field, icon = page.locator(".md-search__input").first, page.locator('label[for="__search"]').first
        if icon.is_visible():  # narrow screens: the search icon opens a full-screen search that slides in
            icon.click()
            page.wait_for_function("document.getElementById('__search').checked")
            field.focus()
        else:
            field.click()
        # Wait for the worker's index, else the typed query can be lost (as in test_compact_pages.search_for).
        page.wait_for_function("document.querySelector('.md-search-result__meta') !== null")
        page.keyboard.type(kind.search, delay=20)
        page.locator(".md-search-result__item").first.wait_for()
    elif kind.search:
        page.locator(".compact-search__results a").first.wait_for()


def settle(page) -> None:
    """Wait (2 s at most) for running CSS transitions to end: mid-fade colours and mid-slide boxes are not
    what a reader sees, and measuring them gives false contrast and width failures."""
    page.evaluate("""async () => {
      const transitions = document.getAnimations().filter(a => a instanceof CSSTransition).map(a => a.finished);
      await Promise.race([Promise.allSettled(transitions), new Promise(done => setTimeout(done, 2000))]);
    }""")


def axe_violations(page) -> list[dict]:
    """axe-core's WCAG 2.0–2.2 A/AA violations on the page as it is now (once transitions have ended)."""
    settle(page)
    if not page.evaluate("typeof window.axe === 'object'"):
        page.add_script_tag(path=str(AXE))
    return page.evaluate(
        """async (tags) => {
             const result = await axe.run(document, {runOnly: {type: 'tag', values: tags},
                                                     resultTypes: ['violations']});
             return result.violations.map(v => ({id: v.id, impact: v.impact, help: v.help,
               targets: v.nodes.map(n => n.target.join(' ') + ': ' + (n.failureSummary || '')
                                                                     .replace(/\\s+/g, ' ').slice(0, 200))}));
           }""", AXE_TAGS)


def describe_violations(violations: list[dict], limit: int = 8) -> str:
    """axe's findings as lines a person can act on: rule, help text and the first few target selectors."""
    lines = []
    for v in violations:
        lines.append(f"{v['id']} ({v['impact']}): {v['help']} [{len(v['targets'])} elements]")
        lines += [f"    {target}" for target in v["targets"][:limit]]
    return "\n".join(lines)


# Everything that hides content until a reader opens it. Term popovers are made "manual" first: an "auto"
# popover closes the others when it opens, and every definition must be checked open.
OPEN_EVERYTHING = """() => {
  let opened = 0;
  for (const button of document.querySelectorAll('button.compact-term[popovertarget]')) {
    const popover = document.getElementById(button.getAttribute('popovertarget'));
    if (!popover || popover.matches(':popover-open')) continue;
    popover.setAttribute('popover', 'manual');
    popover.showPopover();
    opened++;
  }
  for (const details of document.querySelectorAll('details:not([open])')) { details.open = true; opened++; }
  for (const toggle of document.querySelectorAll('input.md-nav__toggle:not(:checked)')) {
    toggle.checked = true;  // Material's collapsible navigation sections and table of contents
    opened++;
  }
  for (const button of document.querySelectorAll('button[aria-expanded="false"]:not(.compact-term)')) {
    button.click();
    opened++;
  }
  return opened;
}"""


def open_everything(page) -> int:
    """Open every popover, <details> and collapsible; returns how many were opened."""
    return page.evaluate(OPEN_EVERYTHING)


# One step of the keyboard walk, run after each Tab: where focus is, whether it moved forward in document
# order, whether it can be seen (an outline or a box-shadow, not transparent, on a box with a size), and
# whether something else (a sticky header, an overlay) covers it entirely (WCAG 2.4.11).
FOCUS_STEP = """async () => {
  const el = document.activeElement;
  if (!el || el === document.body || el === document.documentElement) return {end: true};
  const seen = window.__focusSeen || (window.__focusSeen = new Map());
  const name = el.tagName.toLowerCase() + (el.id ? '#' + el.id : '') +
    (el.className && typeof el.className === 'string' ? '.' + el.className.trim().split(/\\s+/).join('.') : '') +
    ' "' + (el.getAttribute('aria-label') || el.textContent || el.value || '').trim().slice(0, 40) + '"';
  if (seen.has(el)) return {repeat: seen.get(el), name};
  const previous = window.__focusPrevious;
  const forward = !previous || !!(previous.compareDocumentPosition(el) & Node.DOCUMENT_POSITION_FOLLOWING);
  window.__focusPrevious = el;
  seen.set(el, seen.size);
  const covered = () => {
    const box = el.getBoundingClientRect();
    // Only the part inside the viewport can be seen: a region taller than the screen (the compare table) is
    // scrolled to its top when focused, and points sampled over its whole height would fall below the fold.
    const left = Math.max(box.left, 0), top = Math.max(box.top, 0);
    const width = Math.min(box.right, innerWidth) - left, height = Math.min(box.bottom, innerHeight) - top;
    if (box.width > 0 && (width <= 0 || height <= 0)) return true;
    const hits = [[0.5, 0.5], [0.1, 0.1], [0.9, 0.1], [0.1, 0.9], [0.9, 0.9]].map(
      ([x, y]) => document.elementFromPoint(left + x * width, top + y * height));
    return box.width > 0 && !hits.some(hit => hit && (el.contains(hit) || hit.contains(el) || hit.control === el));
  };
  let obscured = covered();
  if (obscured) {
    // Maybe only for a moment (an overlay still fading out): let running transitions end, as for a person.
    const transitions = document.getAnimations().filter(a => a instanceof CSSTransition).map(a => a.finished);
    await Promise.race([Promise.allSettled(transitions), new Promise(done => setTimeout(done, 1000))]);
    obscured = covered();
  }
  const style = getComputedStyle(el);
  const transparent = (colour) => /rgba\\(.*,\\s*0\\)$/.test(colour) || colour === 'transparent';
  const outline = style.outlineStyle !== 'none' && parseFloat(style.outlineWidth) > 0 &&
                  !transparent(style.outlineColor);
  const shadow = style.boxShadow !== 'none' && !/^rgba\\([^)]*,\\s*0\\)/.test(style.boxShadow);
  const box = el.getBoundingClientRect();
  return {name, forward, obscured, visible: (outline || shadow) && box.width > 0 && box.height > 0};
}"""

# Controls a keyboard user must be able to reach: focusable, shown, not taken out of the tab order.
CONTENT_CONTROLS = """() => {
  const selector = 'a[href], button, input:not([type=hidden]), select, textarea, summary, [tabindex]';
  const seen = window.__focusSeen || new Map();
  return [...document.querySelectorAll('.md-content ' + selector.split(', ').join(', .md-content ') +
                                       ', main ' + selector.split(', ').join(', main '))]
    .filter(el => el.tabIndex >= 0 && !el.disabled && el.checkVisibility({visibilityProperty: true}) &&
                  !el.closest('[inert], [popover]:not(:popover-open)'))
    .filter(el => !seen.has(el))
    // Tab stops once in a group of radio buttons (the arrow keys move within it): one reached is enough.
    .filter(el => !(el.type === 'radio' && [...seen.keys()].some(s => s.type === 'radio' && s.name === el.name)))
    .map(el => el.outerHTML.slice(0, 120));
}"""


@dataclass
class KeyboardWalk:
    """What Tab did from the top of a page until focus came back round."""

    stops: list[str]
    backwards: list[str]  # stops that came before the previous one in document order
    invisible: list[str]  # stops with no visible focus indicator
    obscured: list[str]  # stops hidden entirely by something on top of them
    trapped: Optional[str]  # the stop that Tab returned to before the walk came back round
    unreached: list[str]  # content controls Tab never reached


def keyboard_walk(page) -> KeyboardWalk:
    """Press Tab from where focus is until it leaves the page or returns to the first stop."""
    walk = KeyboardWalk([], [], [], [], None, [])
    page.evaluate("() => { window.__focusSeen = new Map(); window.__focusPrevious = null; }")
    for _ in range(TAB_LIMIT):
        page.keyboard.press("Tab")
        step = page.evaluate(FOCUS_STEP)
        if step.get("end") and walk.stops:
            break
        if "repeat" in step:
            if step["repeat"] != 0:
                walk.trapped = step["name"]
            break
        if step.get("end"):
            continue
        walk.stops.append(step["name"])
        if not step["forward"]:
            walk.backwards.append(step["name"])
        if not step["visible"]:
            walk.invisible.append(step["name"])
        if step["obscured"]:
            walk.obscured.append(step["name"])
    else:
        walk.trapped = f"no end after {TAB_LIMIT} presses of Tab"
    walk.unreached = page.evaluate(CONTENT_CONTROLS)
    return walk


def scroll_width(page) -> int:
    """How wide the page's content is, in CSS px (more than the viewport means scrolling sideways)."""
    settle(page)  # Material's phone search grows a circle far past the screen while it opens
    return page.evaluate("document.documentElement.scrollWidth")


def nu_errors(files: list[Path]) -> tuple[list[str], float]:
    """Run the Nu Html Checker once over ``files``: its errors as "file:line: message", and the seconds taken."""
    import time

    started = time.monotonic()
    result = subprocess.run(["java", "-jar", str(VNU), "--errors-only", "--format", "json", *map(str, files)],
                            capture_output=True, text=True, timeout=600)
    seconds = time.monotonic() - started
    try:
        messages = json.loads(result.stderr or result.stdout)["messages"]  # vnu writes its report to stderr
    except (ValueError, KeyError) as error:
        raise AssertionError(f"the Nu checker gave no report ({error}):\n{result.stdout}\n{result.stderr}")
    return [f"{m.get('url', '?').removeprefix('file:')}:{m.get('lastLine', '?')}: {m.get('message')}"
            for m in messages if m.get("type") in ("error", "non-document-error")], seconds
