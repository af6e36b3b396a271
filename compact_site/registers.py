"""Registers of who is party to each compact: signatories, partners and steering-group members, as pages
(one per compact and one for the whole site) and as CSV and JSON downloads. No MkDocs imports.

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
from html import escape
from typing import TYPE_CHECKING, Callable, Iterable, Optional

from .model import Compact
from .render.markdown import format_date
from .render.parts import SECTOR_NAMES
from .render.fragments import placeholder
from .render.text import inline

if TYPE_CHECKING:
    from .pages import PageSource

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


def _by_sector(rows: list[dict]) -> list[tuple[str, list[dict]]]:
    """Rows grouped by sector, in the site's usual sector order, empty sectors left out."""
    return [(sector, [r for r in rows if r["sector"] == sector]) for sector in SECTOR_NAMES
            if any(r["sector"] == sector for r in rows)]


def _text(value: str) -> str:
    """A value for raw HTML: escaped, and on one line (a blank line would end a raw HTML block early)."""
    return escape(" ".join(value.split()))


def _cells(values: Iterable[str], header: bool = False) -> str:
    tag = ' scope="col"' if header else ""
    return "".join(f"<th{tag}>{_text(v)}</th>" if header else f"<td>{_text(v)}</td>" for v in values)


def _table(headers: list[str], rows: list[list[str]]) -> list[str]:
    """A raw-HTML table (Markdown tables would break on a ``|`` in a name); every value escaped here."""
    body = [f"<tr>{_cells(row)}</tr>" for row in rows]
    return ["<table>", f"<thead><tr>{_cells(headers, header=True)}</tr></thead>", "<tbody>", *body, "</tbody>",
            "</table>", ""]


def _signed(row: dict) -> str:
    return format_date(row["signed"]) if row["signed"] else "not recorded"


def _no_signatories(compact: Compact, form_anchor: FormAnchor) -> list[str]:
    lines = ["No signatories are recorded for this compact.", ""]
    target = form_anchor(compact)
    if target:
        return lines + [f"Organisations can sign up with the [form on the compact's page]({target}).", ""]
    # No form to point to: say who to ask instead, pointing at the named organisations when there are some.
    named = " (listed below)" if compact.partners and compact.partners.items or compact.steering_group else ""
    return lines + [f"This site has no sign-up form for it. To ask to join, contact one of the organisations that "
                    f"lead the compact in {inline(compact.area)}{named}.", ""]


def compact_register_markdown(compact: Compact, form_anchor: FormAnchor = first_form_anchor) -> str:
    """The register page of one compact: signatories, partners and steering group, each grouped by sector."""
    title = inline(compact.title)
    rows = compact_rows(compact)
    kinds = {kind: [r for r in rows if r["kind"] == kind] for kind in KIND_NAMES}
    lines = [f"# Signatories and partners – {title}", "",
             f"[{title}](index.md): who signed it, the partners it names and its steering group, as the source "
             "records them. See also [every compact's signatories and partners](../signatories.md).", ""]
    signatories = kinds["signatory"]
    lines += [f"## Signatories ({len(signatories)}) {{ #signatories }}", ""]
    if not signatories:
        lines += _no_signatories(compact, form_anchor)
    for sector, group in _by_sector(signatories):
        lines += [f"### {SECTOR_NAMES[sector]} ({len(group)}) {{ #signatories-{sector} }}", ""]
        lines += _table(["Organisation", "Person", "Role", "Date signed"],
                        [[r["organisation"], r["name"], r["role"], _signed(r)] for r in group])
    partners = kinds["partner"]
    lines += [f"## Partners ({len(partners)}) {{ #partners }}", ""]
    if not partners:
        lines += ["No partners are named for this compact.", ""]
    for sector, group in _by_sector(partners):
        lines += [f"### {SECTOR_NAMES[sector]} ({len(group)}) {{ #partners-{sector} }}", ""]
        lines += [f"- {inline(r['organisation'])}" for r in group] + [""]
    members = kinds["steering-group"]
    if members:
        lines += [f"## Steering group ({len(members)}) {{ #steering-group }}", ""]
        for sector, group in _by_sector(members):
            lines += [f"### {SECTOR_NAMES[sector]} ({len(group)}) {{ #steering-group-{sector} }}", ""]
            lines += _table(["Organisation", "Person", "Role"],
                            [[r["organisation"], r["name"], r["role"]] for r in group])
    lines += ["## Download this register { #download }", "",
              "- [signatories.csv](signatories.csv) (spreadsheet)",
              "- [signatories.json](signatories.json) (JSON, with a description of each field)", "", CSV_NOTE, "",
              f"[Back to {title}](index.md)", ""]
    return "\n".join(lines)


def _options(choices: list[tuple[str, str]], everything: str) -> str:
    return "".join([f'<option value="">{escape(everything)}</option>'] +
                   [f'<option value="{escape(value)}">{_text(label)}</option>' for value, label in choices])


def _filter(name: str, label: str, choices: list[tuple[str, str]], everything: str) -> str:
    return (f'<div class="compact-register__filter"><label for="register-{name}">{label}</label>'
            f'<select id="register-{name}" data-filter="{name}">{_options(choices, everything)}</select></div>')


def _count(number: int, one: str, many: str) -> str:
    return f"{number} {one if number == 1 else many}"


def site_register_markdown(compacts: Iterable[Compact], directory_urls: bool | None = None,
                           blocks: list[str] | None = None) -> str:
    """The site-wide register: one filterable table of everyone party to every compact.

    Given ``blocks`` (a list to fill) and ``directory_urls`` (on a site), the table is finished HTML with the
    built site's URLs, put in after Markdown (render/fragments.py): at national scale it has thousands of rows,
    and each row's ``markdown="1"`` cost Python-Markdown about a millisecond.
    """
    compacts = list(compacts)
    rows = register_rows(compacts)
    sectors = [s for s in SECTOR_NAMES if any(r["sector"] == s for r in rows)]
    kinds = [k for k in KIND_NAMES if any(r["kind"] == k for r in rows)]
    lines = ["# Signatories and partners", "",
             f"Everyone party to the {_count(len(compacts), 'compact', 'compacts')} on this site: "
             f"{_count(len(rows), 'entry', 'entries')} for the organisations and people who signed them, the "
             "partners they name and their steering groups. Each compact also has its own register, listed below "
             "the table.", "",
             "## Register { #register }", ""]
    if blocks is not None and directory_urls is not None:
        blocks.append(_register_table_html(compacts, rows, sectors, kinds, directory_urls))
        lines += [placeholder(len(blocks) - 1), ""]
        return "\n".join(lines + _register_footer(compacts))
    # Everything down to the cells that hold links needs markdown="1" for md_in_html to turn those links into
    # site links (MkDocs rewrites Markdown links only, never raw <a href>).
    lines += ['<div class="compact-register" data-register markdown="1">', _filters(compacts, sectors, kinds),
              '<p class="compact-register__status" role="status" aria-live="polite"></p>',
              '<table aria-labelledby="register" markdown="1">',  # md_in_html would wrap a <caption> in <p>
              "<thead><tr>" + _cells(["Organisation", "Person", "Role", "Sector", "Kind", "Compact", "Signed"],
                                     header=True) + "</tr></thead>",
              '<tbody markdown="1">']
    titles = {c.slug: inline(c.title) for c in compacts}
    for r in rows:
        signed = _signed(r) if r["kind"] == "signatory" else ""
        lines.append(f'<tr data-sector="{escape(r["sector"])}" data-compact="{escape(r["compact"])}" '
                     f'data-kind="{escape(r["kind"])}" markdown="1">'
                     + _cells([r[field] for field in ("organisation", "name", "role")])
                     + _cells([SECTOR_NAMES[r["sector"]], KIND_NAMES[r["kind"]]])
                     + f'<td markdown="1">[{titles[r["compact"]]}]({r["compact"]}/index.md)</td>'
                     + _cells([signed]) + "</tr>")
    lines += ["</tbody>", "</table>", "</div>", ""]
    return "\n".join(lines + _register_footer(compacts))


def _register_footer(compacts: list[Compact]) -> list[str]:
    lines = ["## Download { #download }", "",
             "- [signatories.csv](signatories.csv) (spreadsheet: every compact)",
             "- [signatories.json](signatories.json) (JSON, with a description of each field)", "", CSV_NOTE, ""]
    lines += ["Each compact's register is also available on its own:", ""]
    return lines + [f"- [{inline(c.title)}]({c.slug}/signatories.md)" for c in compacts] + [""]


def _filters(compacts: list[Compact], sectors: list[str], kinds: list[str]) -> str:
    # The controls start hidden: without JavaScript they could not work, so every row shows and none are offered.
    return ('<form class="compact-register__filters" hidden aria-label="Filter the register">'
            + _filter("sector", "Sector", [(s, SECTOR_NAMES[s]) for s in sectors], "All sectors")
            + _filter("compact", "Compact", [(c.slug, c.title) for c in compacts], "All compacts")
            + _filter("kind", "Kind", [(k, KIND_NAMES[k]) for k in kinds], "Signatories, partners and steering "
                                                                             "groups")
            + "</form>")


def _register_table_html(compacts: list[Compact], rows: list[dict], sectors: list[str], kinds: list[str],
                         directory_urls: bool) -> str:
    """The register as the HTML md_in_html made of it, links already the built site's (the page is
    ``/signatories/`` with directory URLs, else ``signatories.html`` at the root)."""
    page = "../{slug}/" if directory_urls else "{slug}/index.html"
    links = {c.slug: f'<a href="{page.format(slug=c.slug)}">{_text(c.title)}</a>' for c in compacts}
    body = [f'<tr data-sector="{escape(r["sector"])}" data-compact="{escape(r["compact"])}" '
            f'data-kind="{escape(r["kind"])}">'
            + _cells([r[field] for field in ("organisation", "name", "role")])
            + _cells([SECTOR_NAMES[r["sector"]], KIND_NAMES[r["kind"]]])
            + f"<td>{links[r['compact']]}</td>"
            + _cells([_signed(r) if r["kind"] == "signatory" else ""]) + "</tr>" for r in rows]
    return "\n".join(['<div class="compact-register" data-register>', _filters(compacts, sectors, kinds),
                      '<p class="compact-register__status" role="status" aria-live="polite"></p>',
                      '<table aria-labelledby="register">',
                      "<thead><tr>" + _cells(["Organisation", "Person", "Role", "Sector", "Kind", "Compact", "Signed"],
                                             header=True) + "</tr></thead>",
                      "<tbody>", *body, "</tbody>", "</table>", "</div>"])


def register_pages(compacts: Iterable[Compact], form_anchor: FormAnchor = first_form_anchor,
                   directory_urls: bool | None = None) -> list[PageSource]:
    """Every register page: ``<slug>/signatories.md`` for each compact, then the site-wide ``signatories.md``
    (its table as HTML spliced after Markdown when ``directory_urls`` says how the site is addressed)."""
    # Imported here, not at the top: pages.py may import this module to add these pages to a site.
    from .pages import PageSource

    compacts = list(compacts)
    pages = [PageSource(f"{c.slug}/{PAGE_URI}", compact_register_markdown(c, form_anchor)) for c in compacts]
    blocks: list[str] = []
    markdown = site_register_markdown(compacts, directory_urls, blocks if directory_urls is not None else None)
    return pages + [PageSource(PAGE_URI, markdown, fragments=tuple(blocks), searchable=True)]
