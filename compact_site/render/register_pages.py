"""The register pages: one per compact (``<slug>/signatories.md``) and one for the whole site
(``signatories.md``, one filterable table). The rows and downloads are ``compact_site/registers.py``."""
from __future__ import annotations

from html import escape
from typing import TYPE_CHECKING, Iterable

from ..model import Compact
from ..registers import CSV_NOTE, KIND_NAMES, PAGE_URI, FormAnchor, compact_rows, first_form_anchor, register_rows
from .fragments import placeholder
from .markdown import format_date
from .parts import SECTOR_NAMES
from .text import inline

if TYPE_CHECKING:
    from ..pages import PageSource


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
    from ..pages import PageSource

    compacts = list(compacts)
    pages = [PageSource(f"{c.slug}/{PAGE_URI}", compact_register_markdown(c, form_anchor)) for c in compacts]
    blocks: list[str] = []
    markdown = site_register_markdown(compacts, directory_urls, blocks if directory_urls is not None else None)
    return pages + [PageSource(PAGE_URI, markdown, fragments=tuple(blocks), searchable=True)]
