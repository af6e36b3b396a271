"""The register of compacts: one row per compact (title, area, status, dates, counts), shown as the home page's
table (``render/home_page.py``) and published as ``compacts.csv`` beside the site index ``compacts.json``.
No MkDocs imports.

Both come from :func:`compact_rows`, so the table and the download never disagree. The CSV is neutralised
against formula injection as the signatories' CSV is (:func:`compact_site.core.registers.neutralise`).
"""
from __future__ import annotations

import csv
import io
from typing import Iterable

from compact_site.core.registers import CSV_BOM, neutralise
from compact_site.model import Compact

CSV_FILE = "compacts.csv"
"""Where the register's CSV is published: the site root, beside ``compacts.json``."""

FIELDS: tuple[str, ...] = ("compact", "title", "area", "status", "adopted", "refreshed", "review", "undertakings",
                           "signatories", "url")
"""The CSV's columns, in order: the slug, title, area and status (adopted, draft, consultation-draft, superseded
or unknown), the adopted, refreshed and review dates as the YAML gives them (YYYY, YYYY-MM or YYYY-MM-DD; empty
when not stated), the counts of undertakings and of recorded signatories, and the compact's page URL."""

STATUS_NAMES = {"adopted": "Adopted", "consultation-draft": "Consultation draft", "draft": "Draft",
                "superseded": "Superseded", "unknown": "Unknown"}
"""Every status of the model (``compact_site.model.compact.Status``) as the register shows it."""


def count_undertakings(compact: Compact) -> int:
    """Every clause of the undertakings sections: those in a group of any party (`all` included) and those
    directly in a section (an importer puts points there when the source names no party). Principles and
    procedure stages are not undertakings."""
    sections = compact.undertakings.sections if compact.undertakings else []
    return sum(len(section.clauses) + sum(len(group.clauses) for group in section.groups) for section in sections)


def compact_rows(compacts: Iterable[Compact], site_url: str | None = None) -> list[dict]:
    """One row per compact, by title (as the home page lists them), keyed by :data:`FIELDS`; dates as the YAML
    gives them, counts as numbers, the page URL as the exports write it (``compact_site/exports/urls.py``)."""
    base = site_url.rstrip("/") if site_url else ""
    return [{"compact": c.slug, "title": " ".join(c.title.split()), "area": " ".join(c.area.split()),
             "status": c.status, "adopted": c.dates.adopted or "", "refreshed": c.dates.refreshed or "",
             "review": c.dates.review or "", "undertakings": count_undertakings(c),
             "signatories": len(c.signatories.items) if c.signatories else 0, "url": f"{base}/{c.slug}/"}
            for c in sorted(compacts, key=lambda c: (c.title.lower(), c.slug))]


def csv_text(rows: Iterable[dict]) -> str:
    """The register as CSV: header row, RFC 4180 quoting, CRLF line ends, every cell neutralised."""
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\r\n")
    writer.writerow(FIELDS)
    for row in rows:
        writer.writerow([neutralise(str(row[field])) for field in FIELDS])
    return CSV_BOM + out.getvalue()


def register_download(compacts: Iterable[Compact], site_url: str | None = None) -> list[tuple[str, str]]:
    """(path in the site, text) of the register's CSV."""
    return [(CSV_FILE, csv_text(compact_rows(compacts, site_url)))]
