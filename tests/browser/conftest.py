"""Real-browser fixtures: Playwright drives Debian's Chromium against the real site, served on 127.0.0.1."""
from __future__ import annotations

import contextlib
import functools
import os
import threading
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from urllib.parse import urlsplit

import pytest

from ..conftest import ROOT

CHROMIUM = os.environ.get("CHROMIUM_PATH", "/usr/bin/chromium")
# Without the networking flags Chromium keeps reaching for Google's hosts, which this closed network refuses;
# --no-sandbox because tests run as root here.
CHROMIUM_ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                 "--disable-background-networking", "--disable-component-update", "--disable-sync"]
SCREENSHOTS = ROOT / "tests" / "screenshots"  # git-ignored: screenshots are for looking at, not for committing
WIDTHS = (1280, 375)  # desktop, and a small phone
LOCAL_HOSTS = {"127.0.0.1", "localhost"}
# These schemes never touch the network (inline data, in-memory blobs), so they cannot leave the site.
INERT_SCHEMES = {"file", "data", "blob", "about"}


def is_local(url: str) -> bool:
    parts = urlsplit(url)
    return parts.scheme in INERT_SCHEMES or parts.hostname in LOCAL_HOSTS


@pytest.fixture(scope="session")
def browser():
    """Debian's Chromium, launched once. Missing: skipped locally, failed under CI=true (CI must run these)."""
    if not os.access(CHROMIUM, os.X_OK):
        reason = f"no Chromium at {CHROMIUM} (set CHROMIUM_PATH, or run ./dev test as root to apt-get install it)"
        if os.environ.get("CI") == "true":
            pytest.fail(f"{reason}; browser tests are required under CI=true", pytrace=False)
        pytest.skip(reason)
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        yield browser
        browser.close()


@pytest.fixture(scope="session")
def built_site(tmp_path_factory) -> Path:
    """The repository's own site (mkdocs.yml, content/, theme_overrides/), built once, strict, in-process."""
    from mkdocs.commands.build import build
    from mkdocs.config import load_config

    os.environ["NO_MKDOCS_2_WARNING"] = "1"  # MkDocs 1.6 otherwise prints a banner about 2.0 on every build
    site = tmp_path_factory.mktemp("browser-site")
    build(load_config(str(ROOT / "mkdocs.yml"), site_dir=str(site), strict=True))
    return site


class _QuietHandler(SimpleHTTPRequestHandler):
    def log_message(self, format, *args):  # one line per request would drown pytest's output
        pass


@contextlib.contextmanager
def serve_folder(folder: Path):
    """A folder over HTTP on 127.0.0.1 only, on a port the OS picks, in a background thread; yields its URL."""
    server = ThreadingHTTPServer(("127.0.0.1", 0), functools.partial(_QuietHandler, directory=str(folder)))
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}"
    finally:
        server.shutdown()
        server.server_close()
        thread.join()


@pytest.fixture(scope="session")
def site_server(built_site):
    """`built_site` served on 127.0.0.1 for the whole session."""
    with serve_folder(built_site) as url:
        yield url


@pytest.fixture
def page(browser):
    """A page in a fresh context; the test fails at teardown if any request went anywhere but 127.0.0.1/localhost."""
    context = browser.new_context()
    requested: list[str] = []
    context.on("request", lambda request: requested.append(request.url))
    # Recorded above, then aborted: a test never waits on the outside network, and nothing is sent there.
    context.route(lambda url: not is_local(url), lambda route: route.abort())
    yield context.new_page()
    context.close()
    outside = sorted({url for url in requested if not is_local(url)})
    if outside:
        pytest.fail("requests left the site:\n  " + "\n  ".join(outside), pytrace=False)


def screenshot(page, name: str) -> list[Path]:
    """Save full-page PNGs of `page` as tests/screenshots/<name>-<width>.png at each of WIDTHS; returns their paths."""
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    paths = []
    for width in WIDTHS:
        page.set_viewport_size({"width": width, "height": 800})
        # Captured while scrolled (as after following #clause-...), the sticky header would be painted mid-page;
        # the two frames let Chromium repaint first (without them a band of the page came out blank).
        page.evaluate("() => { scrollTo(0, 0); return new Promise(r => requestAnimationFrame(() => "
                      "requestAnimationFrame(r))); }")
        path = SCREENSHOTS / f"{name}-{width}.png"
        page.screenshot(path=str(path), full_page=True)
        paths.append(path)
    return paths
