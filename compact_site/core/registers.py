"""Registers of who is party to each compact: signatories, partners and steering-group members, as rows and as
CSV and JSON downloads; their pages (one per compact and one for the whole site) are
``render/register_pages.py``. No MkDocs imports.

Every export uses the one field set :data:`FIELDS`, documented in :data:`FIELD_DOCS`. Values are the text
as the YAML gives it; a missing value is the empty string, so CSV and JSON rows are the same.

CSV safety: a spreadsheet runs a cell that starts with ``=``, ``+``, ``-`` or ``@`` (or a tab or carriage
return, which some programs strip first) as a formula. :func:`neutralise` prefixes such a cell with a single
quote ``'``, the convention spreadsheets use for "this is text". Only the CSV is neutralised: JSON is read by
programs, which should get the text unchanged.
"""
from __future__ import annotations

import csv
import io
import json
from typing import Callable, Iterable, Optional

from compact_site.model import Compact

FIELDS: tuple[str, ...] = ("compact", "compact_title", "kind", "organisation", "name", "role", "sector", "signed",
                           "printed")
"""The columns of every register export, in CSV column order."""

FIELD_DOCS: dict[str, str] = {
    "compact": "The compact's short name (slug); the compact is published at /<compact>/.",
    "compact_title": "The compact's full title as printed.",
    "kind": "signatory (signed the compact), partner (named as a party to it) or steering-group (a seat on "
            "its steering group).",
    "organisation": "The organisation, as printed; empty when the source names only a person or a role.",
    "name": "The person, if the source names one; empty for partners.",
    "role": "The person's role or post as printed, if given.",
    "sector": "statutory, vcs (voluntary and community sector), private, or unknown when the source does not "
              "make it clear.",
    "signed": "When they signed: YYYY, YYYY-MM or YYYY-MM-DD; empty when not recorded, and for partners and "
              "steering-group members.",
    "printed": "The signatory line exactly as printed in the source; empty for partners and steering-group "
               "members.",
}

KIND_NAMES = {"signatory": "Signatory", "partner": "Partner", "steering-group": "Steering group"}
DANGEROUS_FIRST = ("=", "+", "-", "@", "\t", "\r")
CSV_NOTE = ("In the CSV files, a cell that would begin with `=`, `+`, `-`, `@`, a tab or a carriage return starts "
            "with a single quote (`'`) instead, so that spreadsheet programs show it as text and never run it as "
            "a formula. The JSON files give every value unchanged.")
PAGE_URI = "signatories.md"
"""The site-wide register; each compact's is ``<slug>/signatories.md``."""

FormAnchor = Callable[[Compact], Optional[str]]


def first_form_anchor(compact: Compact) -> Optional[str]:
    """Link target of the compact's first form, from its register page (which sits beside ``index.md``)."""
    return f"index.md#form-{compact.forms[0].id}" if compact.forms else None


def _row(compact: Compact, kind: str, organisation=None, name=None, role=None, sector="unknown", signed=None,
         printed=None) -> dict:
    values = {"compact": compact.slug, "compact_title": compact.title, "kind": kind, "organisation": organisation,
              "name": name, "role": role, "sector": sector, "signed": signed, "printed": printed}
    return {field: values[field] or "" for field in FIELDS}


def compact_rows(compact: Compact) -> list[dict]:
    """One compact's register in source order: signatories, then partners, then steering-group members."""
    rows = [_row(compact, "signatory", s.organisation, s.name, s.role, s.sector, s.signed, s.printed)
            for s in (compact.signatories.items if compact.signatories else [])]
    rows += [_row(compact, "partner", org.name, sector=org.sector)
             for org in (compact.partners.items if compact.partners else [])]
    for group in compact.steering_group.groups if compact.steering_group else []:
        rows += [_row(compact, "steering-group", m.organisation, m.name, m.role, group.sector) for m in group.members]
    return rows


def register_rows(compacts: Iterable[Compact]) -> list[dict]:
    """One row per signatory, partner and steering-group member of every compact, keyed by :data:`FIELDS`."""
    return [row for compact in compacts for row in compact_rows(compact)]


def neutralise(cell: str) -> str:
    """A CSV cell a spreadsheet will show as text: one starting with ``= + - @``, tab or CR gets a leading ``'``."""
    return "'" + cell if cell.startswith(DANGEROUS_FIRST) else cell


CSV_BOM = "\ufeff"  # Excel, which most council staff open CSVs in, reads UTF-8 correctly only with this mark


def csv_text(rows: Iterable[dict]) -> str:
    """Rows as CSV: header row, RFC 4180 quoting and CRLF line ends, every cell neutralised."""
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\r\n")  # RFC 4180 ends lines with CRLF
    writer.writerow(FIELDS)
    for row in rows:
        writer.writerow([neutralise(row.get(field, "")) for field in FIELDS])
    return CSV_BOM + out.getvalue()


def json_text(rows: Iterable[dict], compact: Compact | None = None) -> str:
    """Rows as JSON ``{"fields": FIELD_DOCS, "rows": [...]}``; a compact's own file also names the compact."""
    document: dict = {"fields": FIELD_DOCS, "rows": [{field: row.get(field, "") for field in FIELDS} for row in rows]}
    if compact is not None:
        document["compact"] = {"slug": compact.slug, "title": compact.title}
    # Sorted keys and a fixed indent: the same content always gives the same bytes (diffable, cacheable).
    return json.dumps(document, sort_keys=True, ensure_ascii=False, indent=1) + "\n"


def register_downloads(compacts: Iterable[Compact]) -> list[tuple[str, str]]:
    """(path in the site, text) of every download: each compact's CSV and JSON, then the site-wide pair."""
    compacts = list(compacts)
    files = []
    for compact in compacts:
        rows = compact_rows(compact)
        files += [(f"{compact.slug}/signatories.csv", csv_text(rows)),
                  (f"{compact.slug}/signatories.json", json_text(rows, compact))]
    rows = register_rows(compacts)
    return files + [("signatories.csv", csv_text(rows)), ("signatories.json", json_text(rows))]

