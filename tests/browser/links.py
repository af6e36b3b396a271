"""Link check of a built site, fragments included (``#clause-4.2`` must name an id on the page it points to).

Two ways in, one rule: every internal ``href``/``src`` must lead to something that exists.

* :func:`check_served` crawls the site over HTTP from the home page (and from every HTML file of the build,
  so a page nothing links to is checked too), as a reader's browser would fetch it.
* :func:`check_files` reads the intranet copy from disk, as ``file://`` resolves it: a relative link must
  name an existing *file* (a folder has no index page over ``file://``), and its fragment an id in it.

Links to other hosts (and mailto:, tel:, javascript:, data:) are not followed: no request leaves the machine.
Standard library only, so the gate needs no npm package of its own.
"""
from __future__ import annotations

import urllib.error
import urllib.request
from collections import deque
from dataclasses import dataclass, field
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import unquote, urldefrag, urljoin, urlsplit

# (tag, attribute) pairs that load or lead to another address; a fragment is checked only on <a>/<area>.
LINK_ATTRS = {("a", "href"), ("area", "href"), ("link", "href"), ("script", "src"), ("img", "src"),
              ("iframe", "src"), ("source", "src"), ("form", "action")}
SKIP_SCHEMES = ("mailto:", "tel:", "javascript:", "data:")


class _Page(HTMLParser):
    """The ids of one HTML page and the links it makes (tag, url), in order."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.ids: set[str] = set()
        self.links: list[tuple[str, str]] = []

    def handle_starttag(self, tag, attrs):
        values = dict(attrs)
        for name in ("id",) + (("name",) if tag == "a" else ()):
            if values.get(name):
                self.ids.add(values[name])
        for attr, value in attrs:
            if (tag, attr) in LINK_ATTRS and value is not None and value.strip():
                if tag == "link" and (values.get("rel") or "") in ("canonical", "preconnect", "dns-prefetch"):
                    continue  # an address to name, not to load (canonical is absolute on site_url)
                self.links.append((tag, value.strip()))


def parse(html: str) -> _Page:
    page = _Page()
    page.feed(html)
    page.close()
    return page


@dataclass
class LinkReport:
    """What a link check saw and what it found broken (one line per broken link, naming the page)."""

    pages: int = 0
    links: int = 0
    fragments: int = 0
    broken: list[str] = field(default_factory=list)


def _is_followed(url: str) -> bool:
    return not url.lower().startswith(SKIP_SCHEMES)


def _canonical(url: str) -> str:
    """``/x/index.html`` and ``/x/`` are one page on a server: crawl it once."""
    return url.removesuffix("index.html") if url.endswith("/index.html") else url


def check_served(base: str, site: Path) -> LinkReport:
    """Crawl ``base`` (the served ``site``) and check every internal link and fragment."""
    host = urlsplit(base).netloc
    report = LinkReport()
    fetched: dict[str, tuple[int, _Page | None]] = {}

    def fetch(url: str) -> tuple[int, _Page | None]:
        if url not in fetched:
            try:
                with urllib.request.urlopen(url, timeout=10) as response:  # only 127.0.0.1: checked by callers
                    body = response.read()
                    kind = response.headers.get_content_type()
                    page = parse(body.decode("utf-8", "replace")) if kind == "text/html" else None
                    fetched[url] = (response.status, page)
            except urllib.error.HTTPError as error:
                fetched[url] = (error.code, None)
        return fetched[url]

    start = [base + "/"] + [base + "/" + str(p.relative_to(site)).replace("\\", "/").removesuffix("index.html")
                            for p in sorted(site.rglob("*.html"))]
    start = list(dict.fromkeys(start))
    queue, queued = deque(start), set(start)
    while queue:
        url = queue.popleft()
        status, page = fetch(url)
        if page is None:
            if status != 200:
                report.broken.append(f"{url}: HTTP {status}")
            continue
        report.pages += 1
        for tag, href in page.links:
            target, fragment = urldefrag(urljoin(url, href))
            target = _canonical(target)
            if not _is_followed(href) or urlsplit(target).netloc != host:
                continue
            report.links += 1
            status, linked = fetch(target)
            if status != 200:
                report.broken.append(f"{url}: {tag} {href!r} -> HTTP {status}")
                continue
            if linked is not None and target not in queued:
                queued.add(target)
                queue.append(target)
            if fragment and tag in ("a", "area"):
                report.fragments += 1
                if linked is None or unquote(fragment) not in linked.ids:
                    report.broken.append(f"{url}: {href!r}: no id {unquote(fragment)!r} on {target}")
    report.broken = list(dict.fromkeys(report.broken))
    return report


def check_files(site: Path) -> LinkReport:
    """Check every relative link and fragment of every HTML file in ``site`` as ``file://`` would open it."""
    report = LinkReport()
    pages: dict[Path, _Page] = {}

    def page_of(path: Path) -> _Page:
        if path not in pages:
            pages[path] = parse(path.read_text(encoding="utf-8", errors="replace"))
        return pages[path]

    root = site.resolve()
    for path in sorted(site.rglob("*.html")):
        report.pages += 1
        shown = path.relative_to(site)
        for tag, href in page_of(path).links:
            parts = urlsplit(href)
            if not _is_followed(href) or parts.scheme or parts.netloc:
                continue  # another host (never fetched) or a scheme that loads nothing
            report.links += 1
            if href.startswith("/"):
                report.broken.append(f"{shown}: {tag} {href!r}: root-absolute, which over file:// is the disk's root")
                continue
            target = (path.parent / unquote(parts.path)).resolve() if parts.path else path.resolve()
            if not target.is_relative_to(root):
                report.broken.append(f"{shown}: {tag} {href!r}: leads outside the site")
            elif not target.is_file():
                what = "a folder (no index page over file://)" if target.is_dir() else "no such file"
                report.broken.append(f"{shown}: {tag} {href!r}: {what}")
            elif parts.fragment and tag in ("a", "area"):
                report.fragments += 1
                linked = page_of(target) if target.suffix == ".html" else None
                if linked is None or unquote(parts.fragment) not in linked.ids:
                    report.broken.append(f"{shown}: {href!r}: no id {unquote(parts.fragment)!r} in "
                                         f"{target.relative_to(root)}")
    return report
