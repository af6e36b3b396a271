"""The top of a compact's page, under its title: the summary list of its status and dates
(``compact-header.html``), the page's actions, and its downloads (``downloads.html``, rendered again with the
files' sizes when the page is spliced: render/downloads.py). No MkDocs imports.
"""
from __future__ import annotations

from typing import Mapping, NamedTuple, Optional

from compact_site.core.citations import PageLinks
from compact_site.core.compact_register import STATUS_NAMES as REGISTER_STATUS_NAMES
from compact_site.model import Compact
from compact_site.render.downloads import FormatContact, downloads_view, format_request, statement_href
from compact_site.text.author_text import label

MONTHS = ["January", "February", "March", "April", "May", "June", "July", "August", "September", "October",
          "November", "December"]
# The register's names (core/compact_register.py), but in a compact's own summary "unknown" is said in full.
STATUS_NAMES = {**REGISTER_STATUS_NAMES, "unknown": "Not stated in the source"}
DATE_ROWS = [("adopted", "Adopted"), ("refreshed", "Refreshed"), ("published", "Published"),
             ("start", "Covers from"), ("end", "Covers until"), ("review", "Review date")]


def format_date(value: str) -> str:
    """'2011-07' -> 'July 2011'; '2011-07-14' -> '14 July 2011'."""
    parts = value.split("-")
    if len(parts) == 1:
        return parts[0]
    month = MONTHS[int(parts[1]) - 1]
    return f"{month} {parts[0]}" if len(parts) == 2 else f"{int(parts[2])} {month} {parts[0]}"


class SummaryRow(NamedTuple):
    """A row of the summary list: its key, its value (text, or formatted author text) and, for a date, the
    date as the YAML gives it (``2011-07``, for ``<time datetime>``), else empty."""

    label: str
    value: str
    datetime: str = ""


class PageLink(NamedTuple):
    """The compact page's own address for its "Copy link" button: relative (``href``) and, with ``site_url``,
    absolute (``url``)."""

    href: str
    url: str


def summary_rows(compact: Compact) -> list[SummaryRow]:
    """Status, area, version and every date the compact states, in that order; nothing it does not state."""
    rows = [SummaryRow("Status", STATUS_NAMES[compact.status]), SummaryRow("Area", label(compact.area))]
    if compact.version:
        rows.append(SummaryRow("Version", label(compact.version)))
    for key, name in DATE_ROWS:
        value = getattr(compact.dates, key)
        if value:
            rows.append(SummaryRow(name, format_date(value), value))
    return rows


def header_context(compact: Compact, links: Optional[PageLinks]) -> dict:
    """What ``compact-header.html`` receives; ``page`` is None off-site (no actions there)."""
    page = None
    if links is not None:
        site_url = links.style.site_url
        page = PageLink("./" if links.style.directory_urls else "index.html",
                        f"{site_url.rstrip('/')}/{compact.slug}/" if site_url else "")
    return {"summary": summary_rows(compact), "page": page}


def downloads_context(compact: Compact, links: PageLinks, files: list[tuple[str, str]],
                      contact: Optional[FormatContact]):
    """``downloads.html``'s context, for the sizes known (path -> bytes): the downloads and how to ask for the
    compact in another format."""
    request = format_request(contact, "this compact", compact.title, statement_href(1, links.style.directory_urls))

    def context_for(sizes: Mapping[str, int]) -> dict:
        return {"downloads": downloads_view(compact.slug, files, sizes), "request": request}
    return context_for
