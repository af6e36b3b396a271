"""Which pages a site gets from its compacts: URLs and generated Markdown. No MkDocs imports, so
another static-site engine needs only a new adapter."""
from __future__ import annotations

from dataclasses import dataclass

from .concordance import Concordance, entries_of
from .concordance.page import COMPARE_URI, compare_markdown, compare_scripts
from .links import Citations, LinkStyle
from .glossary import used_in
from .model import Compact, Glossary
from .registers import register_downloads, register_pages
from .render.form_pages import form_markdown, form_page_uri
from .render.fragments import Fragments
from .render.glossary_pages import (SITE_GLOSSARY_URI, compact_glossary_markdown, compact_glossary_uri,
                                    site_glossary_markdown)
from .render.markdown import format_date, render_compact_page
from .render.text import inline


@dataclass(frozen=True)
class PageSource:
    """A page to generate: where it goes (``src_uri``), its Markdown, and the YAML it came from."""

    src_uri: str
    markdown: str
    origin: str | None = None
    blocks: tuple[str, ...] = ()  # HTML of the page fragments, for the Markdown's placeholders (render/fragments.py)
    searchable: bool = False  # whether the site's search indexes the blocks (clause text has its own entries)

    def html(self) -> str:
        """The page as HTML without a site (Markdown through the site's extensions, then the blocks)."""
        from .render.fragments import splice
        from .render.html import to_html

        return splice(to_html(self.markdown), self.blocks)


def compact_page_uri(slug: str) -> str:
    """Source path of a compact's page; with directory URLs it is served at ``/<slug>/``."""
    return f"{slug}/index.md"


def count_undertakings(compact: Compact) -> int:
    """Every clause of the undertakings sections: those in a group of any party (`all` included) and those
    directly in a section (an importer puts points there when the source names no party). Principles and
    procedure stages are not undertakings."""
    sections = compact.undertakings.sections if compact.undertakings else []
    return sum(len(section.clauses) + sum(len(group.clauses) for group in section.groups) for section in sections)


def home_markdown(compacts: list[Compact]) -> str:
    """The home page: every compact with its area, status, dates and counts (a list, so it fits a phone)."""
    lines = ["# Local compacts", ""]
    if len(compacts) == 1:
        only = compacts[0]
        lines += [f"This site publishes the [{inline(only.title)}]({compact_page_uri(only.slug)}).", ""]
    else:
        lines += [f"This site publishes {len(compacts)} local compacts: agreements between the statutory sector and "
                  "the voluntary and community sector. Every clause has a permanent link.", ""]
    for c in sorted(compacts, key=lambda c: c.title.lower()):
        dates = "; ".join(f"{label} {format_date(value)}" for label, value in
                          [("adopted", c.dates.adopted), ("refreshed", c.dates.refreshed),
                           ("published", c.dates.published), ("from", c.dates.start), ("to", c.dates.end),
                           ("review", c.dates.review)] if value)
        signatories = len(c.signatories.items) if c.signatories else 0
        partners = len(c.partners.items) if c.partners else 0
        signatories = signatories or "none recorded in the source"
        partners = partners or "none named in the source"
        lines += [f"## [{inline(c.title)}]({compact_page_uri(c.slug)})", "",
                  f"- **Area:** {inline(c.area)}", f"- **Status:** {c.status.replace('-', ' ')}",
                  f"- **Dates:** {dates or 'not stated in the source'}",
                  f"- **Undertakings:** {count_undertakings(c)}", f"- **Signatories:** {signatories}",
                  f"- **Partners:** {partners}", ""]
    return "\n".join(lines)


def compact_page(compact: Compact, links, concordance: Concordance, origin: str | None,
                 fragments: Fragments | None = None) -> PageSource:
    """A compact's page: its Markdown and the clause blocks spliced into it after Markdown."""
    page = render_compact_page(compact, links, lambda clause_id: concordance.similar(compact.slug, clause_id),
                               fragments)
    return PageSource(compact_page_uri(compact.slug), page.markdown, origin, page.blocks)


def site_pages(compacts: list[Compact], files: dict[str, str], with_home: bool,
               style: LinkStyle = LinkStyle(), site_glossary: Glossary | None = None,
               glossary_file: str | None = None, citations: Citations | None = None,
               concordance: Concordance | None = None, fragments: Fragments | None = None) -> list[PageSource]:
    """Every generated Markdown page of a site. ``citations`` and ``concordance`` (built once per build, shared
    with :func:`static_files`) are made here if not given; ``fragments``: the site's templates (the package's by
    default)."""
    citations = citations or Citations(compacts, site_glossary)
    concordance = concordance or Concordance.build(entries_of(compacts))
    pages = [compact_page(c, citations.for_page(c.slug, style), concordance, files.get(c.slug), fragments)
             for c in compacts]
    used = used_in(compacts, site_glossary)  # once, not once per compact: it spans every compact
    for c in compacts:
        blocks: list[str] = []
        text = compact_glossary_markdown(c, site_glossary, used, citations, style.directory_urls, blocks, fragments)
        pages.append(PageSource(compact_glossary_uri(c.slug), text, files.get(c.slug), tuple(blocks)))
    blocks = []
    text = site_glossary_markdown(compacts, site_glossary, used, citations, style.directory_urls, blocks, fragments)
    pages.append(PageSource(SITE_GLOSSARY_URI, text, glossary_file, tuple(blocks)))
    pages += [PageSource(form_page_uri(c.slug, form.id), form_markdown(c, form), files.get(c.slug))
              for c in compacts for form in c.forms]
    pages += register_pages(compacts, form_anchor=lambda c: f"form/{c.forms[0].id}.md" if c.forms else None,
                            directory_urls=style.directory_urls, fragments=fragments)
    if len(compacts) > 1:
        pages.append(PageSource(COMPARE_URI, compare_markdown(compacts, concordance, citations, style.directory_urls)))
    if with_home:
        pages.append(PageSource("index.md", home_markdown(compacts)))
    return pages


def static_files(compacts: list[Compact], style: LinkStyle, site_name: str, site_glossary: Glossary | None = None,
                 citations: Citations | None = None, concordance: Concordance | None = None,
                 fragments: Fragments | None = None) -> list[tuple[str, str]]:
    """Every generated non-page file: identifier pages, register downloads, exports and the compare page's
    per-compact data scripts (path, text)."""
    citations = citations or Citations(compacts, site_glossary)
    return (files_without_concordance(compacts, style, site_name, site_glossary, citations, fragments)
            + compare_files(compacts, style, citations, concordance))


def files_without_concordance(compacts: list[Compact], style: LinkStyle, site_name: str,
                              site_glossary: Glossary | None, citations: Citations,
                              fragments: Fragments | None = None) -> list[tuple[str, str]]:
    """The static files that need no concordance (identifier pages, register downloads, exports): a large
    build makes them in a second process while the first builds the concordance."""
    from .exports import export_files  # lxml is loaded only when a site is built or exported

    return identifier_pages(compacts, style, site_name, citations, fragments) + register_downloads(compacts) + \
        export_files(compacts, site_glossary, style.site_url, citations)


def compare_files(compacts: list[Compact], style: LinkStyle, citations: Citations,
                  concordance: Concordance | None = None) -> list[tuple[str, str]]:
    """The compare page's per-compact data scripts (none for a single compact)."""
    if len(compacts) < 2:
        return []
    concordance = concordance or Concordance.build(entries_of(compacts))
    return compare_scripts(compacts, concordance, citations, style.directory_urls)


def static_paths(compacts: list[Compact]) -> list[str]:
    """The paths :func:`static_files` writes, in its order, without making their text (a few milliseconds
    at national scale): to refuse a clash with a hand-written file before the files are made elsewhere."""
    from .concordance.page import compare_script_path
    from .exports.urls import SCHEMA_FILE, SITE_INDEX_FILE, compact_akn_file, compact_json_file
    from .render.clause_pages import clause_page_path

    paths = [clause_page_path(compact.slug, clause_id) for compact in compacts
             for clause_id in identifier_ids(compact)]
    paths += [f"{c.slug}/signatories.{kind}" for c in compacts for kind in ("csv", "json")]
    paths += ["signatories.csv", "signatories.json"]
    paths += [path for c in compacts for path in (compact_json_file(c.slug), compact_akn_file(c.slug))]
    paths += [SITE_INDEX_FILE, SCHEMA_FILE]
    return paths + ([compare_script_path(c.slug) for c in compacts] if len(compacts) > 1 else [])


def identifier_ids(compact: Compact) -> list[str]:
    """Every id with an identifier page, in :func:`identifier_pages`' order: each citable node, then its
    former ids (a moved clause's old URL forwards to where it is now), then the withdrawn clauses."""
    from .checks import citable

    ids = []
    for node in citable(compact):
        ids += [node.id, *getattr(node, "former_ids", [])]
    return ids + [gone.id for gone in compact.withdrawn]


def identifier_pages(compacts: list[Compact], style: LinkStyle, site_name: str,
                     citations: Citations | None = None, fragments: Fragments | None = None,
                     samples: bool = False) -> list[tuple[str, str]]:
    """The static page behind every clause's identifier URL: (path in the site, HTML). With ``samples``, only each
    compact's first identifier page and first tombstone (for the plugin's check of the fragments' links)."""
    from .checks import citable
    from .references import clause_anchor
    from .render.clause_pages import clause_page_path, render_clause_page, render_tombstone_page

    citations = citations or Citations(compacts)
    target = "../../#{anchor}" if style.directory_urls else "../../index.html#{anchor}"
    home = "../../../" if style.directory_urls else "../../../index.html"  # file:// opens folders, not pages
    pages = []
    for compact in compacts:
        links = citations.for_page(compact.slug, style)
        for node in list(citable(compact))[:1] if samples else citable(compact):
            html = render_clause_page(compact=compact, clause=node, citation=citations.cite(compact.slug, node.id),
                                      in_context_href=target.format(anchor=clause_anchor(node.id)),
                                      site_name=site_name, canonical_url=links.identifier_url(node.id),
                                      home_href=home, fragments=fragments)
            pages.append((clause_page_path(compact.slug, node.id), html))
            for old in getattr(node, "former_ids", []):  # a moved clause's old URL forwards to where it is now
                pages.append((clause_page_path(compact.slug, old), html))
        for gone in compact.withdrawn[:1] if samples else compact.withdrawn:
            pages.append((clause_page_path(compact.slug, gone.id), render_tombstone_page(
                compact=compact, withdrawn=gone, compact_href=target.format(anchor="top"), site_name=site_name,
                home_href=home, fragments=fragments)))
    return pages
