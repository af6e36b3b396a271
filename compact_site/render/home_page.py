"""The home page (``index.md``): the site's introduction, then the register of compacts as one table (the
``compact-register.html`` fragment), then its downloads.

The whole table is in the HTML: it reads without JavaScript and over ``file://``. ``registers.js`` adds the
filters (status, overdue, text), the sort buttons and the "overdue" tags; overdue needs today's date, which a
reproducible build cannot write, so the browser works it out (as ``compact.js`` does for a compact's review
notice). The rows are :func:`compact_site.core.compact_register.compact_rows`, the same as ``compacts.csv``'s.
"""
from __future__ import annotations

from compact_site.core.compact_register import CSV_FILE, STATUS_NAMES, compact_rows
from compact_site.core.registers import CSV_NOTE
from compact_site.model import Compact
from compact_site.render.compact_header import format_date
from compact_site.render.fragments import Fragments, package_fragments, placeholder
from compact_site.render.page_source import PageSource
from compact_site.text.author_text import inline

HOME_URI = "index.md"


def _agreed(row: dict) -> tuple[str, str]:
    """The "Adopted / refreshed" cell and its sort key (the later of the two dates; partial ISO dates sort as
    text: '2011' < '2011-07' < '2011-07-14')."""
    adopted, refreshed = row["adopted"], row["refreshed"]
    parts = ([format_date(adopted)] if adopted else []) + ([f"refreshed {format_date(refreshed)}"] if refreshed else [])
    return ", ".join(parts), max(adopted, refreshed)


def register_rows(compacts: list[Compact], directory_urls: bool = True) -> list[dict]:
    """The table's rows: each compact's register row (core/compact_register.py) with what a cell shows: the page
    ``href`` (relative to the home page), ``status_name``, ``agreed`` and its sort key ``agreed_sort``, and
    ``review_text``."""
    page = "{slug}/" if directory_urls else "{slug}/index.html"  # file:// opens folders as listings, not pages
    shown = []
    for row in compact_rows(compacts):
        agreed, agreed_sort = _agreed(row)
        shown.append({**row, "href": page.format(slug=row["compact"]), "status_name": STATUS_NAMES[row["status"]],
                      "agreed": agreed, "agreed_sort": agreed_sort,
                      "review_text": format_date(row["review"]) if row["review"] else ""})
    return shown


def home_page(compacts: list[Compact], index_file: str, directory_urls: bool = True,
              fragments: Fragments | None = None) -> PageSource:
    """The home page: introduction (Markdown), the register table (a fragment), the downloads (Markdown);
    ``index_file``: the site index beside ``compacts.csv`` (``compacts.json``, made by the exports)."""
    rows = register_rows(compacts, directory_urls)
    # Material's page option: without the table of contents' column the register's seven columns fit a laptop.
    lines = ["---", "hide:", "  - toc", "---", "", "# Local compacts", ""]
    if len(compacts) == 1:
        only = compacts[0]
        lines += [f"This site publishes the [{inline(only.title)}]({only.slug}/index.md).", ""]
    else:
        lines += [f"This site publishes {len(compacts)} local compacts: agreements between the statutory sector and "
                  "the voluntary and community sector. Every clause has a permanent link.", ""]
    # A heading, not a <caption>: it is in the table of contents, and the table is labelled by it.
    lines += ["## Register of compacts { #register }", "", placeholder(0), ""]
    statuses = [(status, name) for status, name in STATUS_NAMES.items() if any(r["status"] == status for r in rows)]
    block = (fragments or package_fragments()).render("compact-register.html", rows=rows, statuses=statuses)
    lines += ["## Download the register { #download }", "",
              f"- [{CSV_FILE}]({CSV_FILE}) (spreadsheet: one row per compact)",
              f"- [{index_file}]({index_file}) (JSON: each compact with its counts and the addresses of "
              "its files)", "", CSV_NOTE, ""]
    return PageSource(HOME_URI, "\n".join(lines), blocks=(block,))
