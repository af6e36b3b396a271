"""The top of a compact's page, under its title: the summary list of its status, dates and editions
(``compact-header.html``), the page's actions, and its downloads (``downloads.html``, rendered again with the
files' sizes when the page is spliced: render/downloads.py). No MkDocs imports.
"""
from __future__ import annotations

from functools import lru_cache
from typing import Mapping, NamedTuple, Optional

from markupsafe import Markup

from compact_site.core.citations import PageLinks
from compact_site.core.compact_register import STATUS_NAMES as REGISTER_STATUS_NAMES
from compact_site.core.editions import EditionText, Timeline, current_edition_date
from compact_site.model import Compact
from compact_site.model.references import changes_url, edition_url
from compact_site.render.downloads import (
    FormatContact,
    FormatRequest,
    downloads_view,
    format_request,
    statement_href,
)
from compact_site.text.author_text import label

MONTHS = ["January", "February", "March", "April", "May", "June", "July", "August", "September", "October",
          "November", "December"]
# The register's names (core/compact_register.py), but in a compact's own summary "unknown" is said in full.
STATUS_NAMES = {**REGISTER_STATUS_NAMES, "unknown": "Not stated in the source"}
DATE_ROWS = [("adopted", "Adopted"), ("refreshed", "Refreshed"), ("published", "Published"),
             ("start", "Covers from"), ("end", "Covers until"), ("review", "Review date")]


@lru_cache(maxsize=4096)  # the same few dates, said ~230,000 times by a national register's history pages
def format_date(value: str) -> str:
    """'2011-07' -> 'July 2011'; '2011-07-14' -> '14 July 2011'."""
    parts = value.split("-")
    if len(parts) == 1:
        return parts[0]
    month = MONTHS[int(parts[1]) - 1]
    return f"{month} {parts[0]}" if len(parts) == 2 else f"{int(parts[2])} {month} {parts[0]}"


class SummaryRow(NamedTuple):
    """A row of the summary list: its key, its value (text, or formatted author text), for a date the date as
    the YAML gives it (``2011-07``, for ``<time datetime>``), else empty, and for a link its address."""

    label: str
    value: str
    datetime: str = ""
    href: str = ""


def page_href(target: str, here: str, directory_urls: bool) -> str:
    """The link to the page at ``target`` from the page at ``here`` (both folders from the site's root, as
    model/references.py gives them: ``riverside/2012-04-01/``), ending ``index.html`` in an intranet copy.
    (Segment by segment rather than posixpath.relpath, which costs 20 times as much: a past edition's page asks
    twice per clause.)"""
    to, at = target.split("/")[:-1], here.split("/")[:-1] if here else []
    shared = 0
    while shared < len(to) and shared < len(at) and to[shared] == at[shared]:
        shared += 1
    relative = "../" * (len(at) - shared) + "".join(part + "/" for part in to[shared:])
    return (relative or "./") if directory_urls else relative + "index.html"


def markdown_page_href(target: str, here: str, directory_urls: bool) -> str:
    """The link to a page made from ``<target>.md`` (not a folder's ``index.md``: the changes pages, glossaries,
    registers): ``../changes/`` served, ``../changes.html`` in an intranet copy."""
    href = page_href(target, here, True)
    return href if directory_urls else href.rstrip("/") + ".html"


class EditionLink(NamedTuple):
    """An edition as the pages name it: its label (formatted author text, maybe empty), its date in words and as
    the YAML gives it (both empty when the current text states none), and its page, relative to the page showing
    it (empty for that page itself)."""

    name: Markup
    date: str
    datetime: str
    href: str = ""


class EditionLine(NamedTuple):
    """The "Edition" row of the summary: which edition the page shows (``this``; ``current``: whether it is the
    current one), the current edition when it is not (``newest``), the other past editions oldest first, and the
    compact's changes page (empty when the compact has no past editions: ``only``)."""

    this: EditionLink
    current: bool
    newest: Optional[EditionLink]
    others: list[EditionLink]
    changes_href: str

    @property
    def only(self) -> bool:
        """Whether this is the only edition the site publishes."""
        return self.current and not self.others


def edition_link(edition: EditionText, here: str, directory_urls: bool) -> EditionLink:
    """An edition named and linked from the page at ``here``."""
    target = edition.compact.slug + "/" if edition.current else edition_url(edition.compact.slug, edition.date)
    return EditionLink(label(edition.label) if edition.label else Markup(""),
                       format_date(edition.date) if edition.date else "", edition.date,
                       "" if target == here else page_href(target, here, directory_urls))


def edition_line(compact: Compact, timeline: Optional[Timeline], shown: Optional[EditionText],
                 directory_urls: bool) -> EditionLine:
    """The "Edition" row on the page of ``shown`` (None: the current text), for a compact whose ``timeline`` has
    its past editions (None: it has none)."""
    if timeline is None:
        date = current_edition_date(compact)
        return EditionLine(EditionLink(label(compact.version) if compact.version else Markup(""),
                                       format_date(date) if date else "", date), True, None, [], "")
    shown = shown or timeline.current
    here = compact.slug + "/" if shown.current else edition_url(compact.slug, shown.date)
    others = [edition_link(e, here, directory_urls) for e in timeline.past if e is not shown]
    return EditionLine(edition_link(shown, here, directory_urls), shown.current,
                       None if shown.current else edition_link(timeline.current, here, directory_urls), others,
                       markdown_page_href(changes_url(compact.slug), here, directory_urls))


def succession_rows(compact: Compact, compacts: Mapping[str, Compact], replaced: list[Compact],
                    directory_urls: bool) -> list[SummaryRow]:
    """'Replaced by' (its ``superseded_by``) and 'Replaces' (each compact in ``replaced``, those naming it as
    their successor) rows, linking each other compact's page from this one's."""
    here = compact.slug + "/"
    successor = compacts.get(compact.superseded_by or "")
    rows = [SummaryRow("Replaced by", label(successor.title), href=page_href(successor.slug + "/", here,
                                                                              directory_urls))] if successor else []
    return rows + [SummaryRow("Replaces", label(old.title), href=page_href(old.slug + "/", here, directory_urls))
                   for old in replaced]


class PageLink(NamedTuple):
    """The compact page's own address for its "Copy link" button: relative (``href``) and, with ``site_url``,
    absolute (``url``)."""

    href: str
    url: str


def summary_rows(compact: Compact, succession: tuple[SummaryRow, ...] = ()) -> list[SummaryRow]:
    """Status (then the compacts it replaces or is replaced by: ``succession``), area, version and every date the
    compact states, in that order; nothing it does not state."""
    rows = [SummaryRow("Status", STATUS_NAMES[compact.status]), *succession, SummaryRow("Area", label(compact.area))]
    if compact.version:
        rows.append(SummaryRow("Version", label(compact.version)))
    for key, name in DATE_ROWS:
        value = getattr(compact.dates, key)
        if value:
            rows.append(SummaryRow(name, format_date(value), value))
    return rows


def header_context(compact: Compact, links: Optional[PageLinks], edition: Optional[EditionLine] = None,
                   succession: tuple[SummaryRow, ...] = (), address: str = "") -> dict:
    """What ``compact-header.html`` receives; ``page`` is None off-site (no actions there), ``edition`` None when
    the page is rendered without a site. ``address``: the page's folder from the site's root (the compact's own
    by default: ``<slug>/``)."""
    page = None
    if links is not None:
        site_url = links.style.site_url
        page = PageLink("./" if links.style.directory_urls else "index.html",
                        f"{site_url.rstrip('/')}/{address or compact.slug + '/'}" if site_url else "")
    return {"summary": summary_rows(compact, succession), "page": page, "edition": edition}


class DownloadsContext(NamedTuple):
    """``downloads.html``'s context for the sizes known (path -> bytes), called with them: the downloads and how to
    ask for the compact in another format. Plain data, so a page made by a worker process (a past edition's)
    travels with it and is rendered again here once the sizes are known."""

    folder: str
    files: list[tuple[str, str]]
    request: FormatRequest  # how to ask for another format

    def __call__(self, sizes: Mapping[str, int]) -> dict:
        return {"downloads": downloads_view(self.folder, self.files, sizes), "request": self.request}


def downloads_context(compact: Compact, links: PageLinks, files: list[tuple[str, str]],
                      contact: Optional[FormatContact], edition: str = "") -> DownloadsContext:
    """``downloads.html``'s context (:class:`DownloadsContext`); ``edition``: a past edition's date, for its page
    (one folder deeper)."""
    depth, folder = (2, f"{compact.slug}/{edition}") if edition else (1, compact.slug)
    document = "this edition" if edition else "this compact"
    request = format_request(contact, document, compact.title, statement_href(depth, links.style.directory_urls))
    return DownloadsContext(folder, files, request)
