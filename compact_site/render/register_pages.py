"""The register pages: one per compact (``<slug>/signatories.md``) and one for the whole site
(``signatories.md``, one filterable table). The rows and downloads are ``compact_site/core/registers.py``."""
from __future__ import annotations

from typing import Iterable

from compact_site.core.registers import (
    CSV_NOTE,
    KIND_NAMES,
    PAGE_URI,
    FormAnchor,
    compact_rows,
    first_form_anchor,
    register_rows,
)
from compact_site.model import Compact
from compact_site.render.compact_header import format_date
from compact_site.render.downloads import FormatContact, FormatRequest, format_request, statement_href
from compact_site.render.fragments import Fragments, package_fragments, placeholder
from compact_site.render.page_source import PageSource
from compact_site.render.parts import SECTOR_NAMES
from compact_site.text.author_text import inline


def _by_sector(rows: list[dict]) -> list[tuple[str, list[dict]]]:
    """Rows grouped by sector, in the site's usual sector order, empty sectors left out."""
    return [(sector, [r for r in rows if r["sector"] == sector]) for sector in SECTOR_NAMES
            if any(r["sector"] == sector for r in rows)]


def _shown(row: dict, **more) -> dict:
    """A row for a register fragment: each value on one line, as a table cell shows it, and ``more``."""
    return {**{key: " ".join(value.split()) for key, value in row.items()}, **more}


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


class _Blocks:
    """A page's fragment blocks and the placeholders standing for them in its Markdown."""

    def __init__(self, fragments: Fragments | None) -> None:
        self.fragments, self.blocks = fragments or package_fragments(), []

    def add(self, name: str, **context) -> list[str]:
        self.blocks.append(self.fragments.render(name, **context))
        return [placeholder(len(self.blocks) - 1), ""]


def compact_register_markdown(compact: Compact, form_anchor: FormAnchor = first_form_anchor,
                              blocks: _Blocks | None = None, request: FormatRequest | None = None) -> str:
    """The register page of one compact: signatories, partners and steering group, each grouped by sector (the
    tables are register-table fragments, into ``blocks``)."""
    blocks = blocks or _Blocks(None)
    title = inline(compact.title)
    rows = [_shown(row, signed_text=_signed(row)) for row in compact_rows(compact)]
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
        lines += blocks.add("register-table.html", kind="signatory", sector=sector, rows=group)
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
            lines += blocks.add("register-table.html", kind="steering-group", sector=sector, rows=group)
    lines += ["## Download this register { #download }", "",
              "- [signatories.csv](signatories.csv) (spreadsheet)",
              "- [signatories.json](signatories.json) (JSON, with a description of each field)", "", CSV_NOTE, ""]
    lines += blocks.add("accessible-format.html", request=request) if request else []
    return "\n".join(lines + [f"[Back to {title}](index.md)", ""])


def _count(number: int, one: str, many: str) -> str:
    return f"{number} {one if number == 1 else many}"


def site_register_markdown(compacts: Iterable[Compact], directory_urls: bool = True,
                           blocks: _Blocks | None = None, request: FormatRequest | None = None) -> str:
    """The site-wide register: one filterable table of everyone party to every compact (the site-register
    fragment, into ``blocks``, with the built site's URLs: the page is ``/signatories/`` with directory URLs,
    else ``signatories.html`` at the root)."""
    blocks = blocks or _Blocks(None)
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
    page = "../{slug}/" if directory_urls else "{slug}/index.html"
    titles = {c.slug: c.title for c in compacts}
    hrefs = {c.slug: page.format(slug=c.slug) for c in compacts}
    shown = [_shown(r, sector_name=SECTOR_NAMES[r["sector"]], kind_name=KIND_NAMES[r["kind"]],
                    compact_href=hrefs[r["compact"]], compact_title=" ".join(titles[r["compact"]].split()),
                    signed_text=_signed(r) if r["kind"] == "signatory" else "") for r in rows]
    filters = [
        {"name": "sector", "label": "Sector", "everything": "All sectors",
         "choices": [(s, SECTOR_NAMES[s]) for s in sectors]},
        {"name": "compact", "label": "Compact", "everything": "All compacts",
         "choices": [(c.slug, c.title) for c in compacts]},
        {"name": "kind", "label": "Kind", "everything": "Signatories, partners and steering groups",
         "choices": [(k, KIND_NAMES[k]) for k in kinds]}]
    lines += blocks.add("site-register.html", filters=filters, rows=shown, compacts=compacts)
    return "\n".join(lines + _register_footer(compacts, blocks, request))


def _register_footer(compacts: list[Compact], blocks: _Blocks, request: FormatRequest | None) -> list[str]:
    lines = ["## Download { #download }", "",
             "- [signatories.csv](signatories.csv) (spreadsheet: every compact)",
             "- [signatories.json](signatories.json) (JSON, with a description of each field)", "", CSV_NOTE, ""]
    lines += blocks.add("accessible-format.html", request=request) if request else []
    lines += ["Each compact's register is also available on its own:", ""]
    return lines + [f"- [{inline(c.title)}]({c.slug}/signatories.md)" for c in compacts] + [""]


def register_pages(compacts: Iterable[Compact], form_anchor: FormAnchor = first_form_anchor,
                   directory_urls: bool = True, fragments: Fragments | None = None,
                   contact: FormatContact | None = None) -> list[PageSource]:
    """Every register page: ``<slug>/signatories.md`` for each compact, then the site-wide ``signatories.md``
    (their tables are fragments, spliced after Markdown; search indexes a compact's, not the site-wide one). Each says how to ask for it in
    another format (``contact``, else the accessibility statement)."""

    compacts = list(compacts)
    pages = []
    for compact in compacts:
        blocks = _Blocks(fragments)
        request = format_request(contact, "this register", f"Signatories and partners – {compact.title}",
                                 statement_href(2 if directory_urls else 1, directory_urls))
        text = compact_register_markdown(compact, form_anchor, blocks, request)
        pages.append(PageSource(f"{compact.slug}/{PAGE_URI}", text, blocks=tuple(blocks.blocks), searchable=True))
    blocks = _Blocks(fragments)
    request = format_request(contact, "this register", "Signatories and partners",
                             statement_href(1 if directory_urls else 0, directory_urls))
    text = site_register_markdown(compacts, directory_urls, blocks, request)
    # The site-wide table is not searched: every row is on its compact's register page, which search indexes and
    # which names the compact; here all of them made one search entry of every name (30,000 rows at national scale:
    # megabytes of the index, and a third of a second of a build to read them).
    return pages + [PageSource(PAGE_URI, text, blocks=tuple(blocks.blocks), searchable=False)]
