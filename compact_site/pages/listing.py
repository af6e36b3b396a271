"""Which pages a site gets from its compacts: URLs and generated Markdown. No MkDocs imports, so
another static-site engine needs only a new adapter."""
from __future__ import annotations

from collections import defaultdict

from compact_site.core.citations import EditionLinks
from compact_site.core.compact_register import CSV_FILE as REGISTER_CSV
from compact_site.core.concordance import Concordance
from compact_site.core.context import BuildContext
from compact_site.core.registers import register_downloads
from compact_site.exports.urls import (
    SCHEMA_FILE,
    SITE_INDEX_FILE,
    compact_akn_file,
    compact_json_file,
    edition_akn_file,
    edition_json_file,
)
from compact_site.model import Compact
from compact_site.model.references import clause_anchor, edition_url, feed_path
from compact_site.render.clause_pages import clause_page_path, render_clause_page, render_tombstone_page
from compact_site.render.compact_header import edition_line, succession_rows
from compact_site.render.compact_page import render_compact_page
from compact_site.render.compare_page import COMPARE_URI, compare_markdown, compare_script_path, compare_scripts
from compact_site.pages.edition_history import (
    changes_page_sources,
    changes_pages,
    history_files,
    history_href,
    history_paths,
)
from compact_site.render.downloads import FormatContact, format_request, statement_href
from compact_site.render.edition_page import FRONT_MATTER, render_edition_page
from compact_site.render.form_pages import form_markdown, form_page_uri
from compact_site.render.fragments import Fragments, package_fragments, placeholder
from compact_site.render.glossary_pages import (
    SITE_GLOSSARY_URI,
    compact_glossary_markdown,
    compact_glossary_uri,
    site_glossary_markdown,
)
from compact_site.render.home_page import home_page
from compact_site.render.page_source import PageSource
from compact_site.render.register_pages import register_pages


def compact_page_uri(slug: str) -> str:
    """Source path of a compact's page; with directory URLs it is served at ``/<slug>/``."""
    return f"{slug}/index.md"


def edition_page_uri(slug: str, date: str) -> str:
    """Source path of a past edition's page, served at ``/<slug>/<YYYY-MM-DD>/`` (model/references.py)."""
    return f"{edition_url(slug, date)}index.md"


def edition_page_uris(frozen: dict[str, list[tuple]]) -> dict[str, str]:
    """Source path of every past edition's page -> its compact's slug (``frozen``: slug -> its frozen editions,
    each (date, label, status, compact), as core/context.py takes them)."""
    return {edition_page_uri(slug, text[0]): slug for slug, texts in frozen.items() for text in texts}


def compact_downloads(slug: str) -> list[tuple[str, str]]:
    """The files a compact's page offers, (path in the site, kind of render/downloads.py), all beside the page."""
    return [(compact_json_file(slug), "compact-json"), (compact_akn_file(slug), "compact-akn"),
            (f"{slug}/signatories.csv", "register-csv"), (f"{slug}/signatories.json", "register-json")]


def compact_page(compact: Compact, links, concordance: Concordance, origin: str | None,
                 fragments: Fragments | None = None, contact: FormatContact | None = None,
                 header: dict | None = None, history: bool = False) -> PageSource:
    """A compact's page: its Markdown and the clause blocks spliced into it after Markdown (its downloads' block
    rendered again with their sizes then); ``contact``: who to ask for another format; ``header``: its header's
    edition line and succession rows (:func:`header_more`); ``history``: its clauses link to their history pages
    (it has past editions)."""
    page = render_compact_page(compact, links, lambda clause_id: concordance.similar(compact.slug, clause_id),
                               fragments, compact_downloads(compact.slug), contact, header, history)
    return PageSource(compact_page_uri(compact.slug), page.markdown, origin, page.blocks)


def header_more(context: BuildContext) -> dict[str, dict]:
    """slug -> what its page's header says besides the compact itself: which edition it is (and the others), and
    the compacts it replaces or is replaced by (``superseded_by``), linked both ways."""
    by_slug = {c.slug: c for c in context.compacts}
    replaced = defaultdict(list)
    for compact in context.compacts:
        if compact.superseded_by in by_slug and compact.superseded_by != compact.slug:
            replaced[compact.superseded_by].append(compact)
    directory_urls = context.style.directory_urls
    return {c.slug: {"edition": edition_line(c, context.timelines.get(c.slug), None, directory_urls),
                     "succession": succession_rows(c, by_slug, replaced[c.slug], directory_urls)}
            for c in context.compacts}


def edition_pages(context: BuildContext, files: dict[str, str], fragments: Fragments | None = None,
                  contact: FormatContact | None = None) -> list[PageSource]:
    """A page for each past edition of each compact that has any (none for the others), with its downloads."""
    pages = []
    for slug, timeline in context.timelines.items():
        for edition in timeline.past:
            links = EditionLinks(edition.compact, edition.date, context.citations, context.style)
            line = edition_line(edition.compact, timeline, edition, context.style.directory_urls)
            downloads = [(edition_json_file(slug, edition.date), "edition-json"),
                         (edition_akn_file(slug, edition.date), "edition-akn")]
            page = render_edition_page(edition, timeline, links, line, fragments, downloads, contact)
            pages.append(PageSource(edition_page_uri(slug, edition.date), page.markdown, files.get(slug), page.blocks))
    return pages


def edition_page_sources(context: BuildContext, files: dict[str, str]) -> list[tuple[str, str | None]]:
    """(source path, the YAML it came from) of each page :func:`edition_pages` makes, in its order, without
    making them."""
    return [(edition_page_uri(slug, edition.date), files.get(slug))
            for slug, timeline in context.timelines.items() for edition in timeline.past]


def timeline_pages(context: BuildContext, files: dict[str, str], fragments: Fragments | None = None,
                   contact: FormatContact | None = None) -> list[PageSource]:
    """The pages of the compacts' editions: each past edition's, then the changes pages (none without past
    editions). :func:`site_pages` lists them, or with ``made_elsewhere`` leaves them to a worker process."""
    return edition_pages(context, files, fragments, contact) + changes_pages(context, files, fragments)


def stand_ins(sources: list[tuple[str, str | None]]) -> list[PageSource]:
    """Pages made elsewhere, each standing in with the front matter of every page of :func:`timeline_pages`
    (MkDocs reads it first; the page's own Markdown and blocks replace it when MkDocs renders the page)."""
    return [PageSource(uri, FRONT_MATTER, origin, made_elsewhere=True) for uri, origin in sources]


def site_pages(context: BuildContext, files: dict[str, str], with_home: bool, glossary_file: str | None = None,
               fragments: Fragments | None = None, contact: FormatContact | None = None,
               made_elsewhere: bool = False) -> list[PageSource]:
    """Every generated Markdown page of a site; ``files``: slug -> the YAML file it came from; ``fragments``: the
    site's templates (the package's by default); ``contact``: who readers ask for another format (None: the
    pages point to the accessibility statement); ``made_elsewhere``: the pages of :func:`timeline_pages` are made
    by a worker process (a national register's 800 past editions: ~4 s), so here they only stand in."""
    compacts, citations, style, site_glossary = context.compacts, context.citations, context.style, context.glossary
    more = header_more(context)
    pages = [compact_page(c, citations.for_page(c.slug, style), context.concordance, files.get(c.slug), fragments,
                          contact, more[c.slug], c.slug in context.timelines) for c in compacts]
    used = context.used_in
    for c in compacts:
        blocks: list[str] = []
        text = compact_glossary_markdown(c, site_glossary, used, citations, style.directory_urls, blocks, fragments)
        pages.append(PageSource(compact_glossary_uri(c.slug), text, files.get(c.slug), tuple(blocks)))
    blocks = []
    text = site_glossary_markdown(compacts, site_glossary, used, citations, style.directory_urls, blocks, fragments)
    pages.append(PageSource(SITE_GLOSSARY_URI, text, glossary_file, tuple(blocks)))
    shared = fragments or package_fragments()
    for c in compacts:
        for form in c.forms:  # each says how to ask for it in another format (a fragment: search indexes it)
            request = format_request(contact, "this form", f"{form.title} ({c.title})",
                                     statement_href(3 if style.directory_urls else 2, style.directory_urls))
            block = shared.render("accessible-format.html", request=request)
            pages.append(PageSource(form_page_uri(c.slug, form.id), form_markdown(c, form, (placeholder(0), "")),
                                    files.get(c.slug), (block,), searchable=True))
    pages += register_pages(compacts, form_anchor=lambda c: f"form/{c.forms[0].id}.md" if c.forms else None,
                            directory_urls=style.directory_urls, fragments=fragments, contact=contact)
    if len(compacts) > 1:
        pages.append(PageSource(COMPARE_URI, compare_markdown(compacts, context.concordance, citations,
                                                              style.directory_urls)))
    if with_home:
        pages.append(home_page(compacts, SITE_INDEX_FILE, style.directory_urls, fragments))
    # Last, so that MkDocs reads them last: in a large build a worker makes them meanwhile (none without editions).
    if made_elsewhere:
        return pages + stand_ins(edition_page_sources(context, files) + changes_page_sources(context, files))
    return pages + timeline_pages(context, files, fragments, contact)


def static_files(context: BuildContext, site_name: str, fragments: Fragments | None = None) -> list[tuple[str, str]]:
    """Every generated non-page file: identifier pages, register downloads, exports, the compare page's
    per-compact data scripts and the Atom feeds (path, text). A worker makes them in two parts
    (:func:`download_files` first, whose sizes the compact pages show, then :func:`page_files`); this is both, in
    :func:`static_paths`' order."""
    identifier, rest = page_files(context, site_name, fragments, split=True)
    return identifier + download_files(context) + rest


def download_files(context: BuildContext) -> list[tuple[str, str]]:
    """The files a compact page offers as downloads (each compact's register CSV and JSON, the site's pair, each
    compact's JSON and Akoma Ntoso), with the site index, the schema and compacts.csv: (path, text)."""
    from compact_site.exports import export_files  # lxml is loaded only when a site is built or exported

    return register_downloads(context.compacts) + export_files(context)


def page_files(context: BuildContext, site_name: str, fragments: Fragments | None = None, split: bool = False):
    """The other static files: identifier pages and history pages, then the compare data and the feeds (with
    ``split``, as two lists: the identifier and history pages, the rest)."""
    from compact_site.exports.feeds import feed_files  # lxml, as for the exports

    compacts = context.compacts
    compare = compare_scripts(compacts, context.concordance, context.citations, context.style.directory_urls) \
        if len(compacts) > 1 else []
    rest = compare + feed_files(context, site_name)
    identifier = identifier_pages(context, site_name, fragments) + history_files(context, site_name, fragments)
    return (identifier, rest) if split else identifier + rest


def static_paths(context: BuildContext) -> list[str]:
    """The paths :func:`static_files` writes, in its order, without making their text (a few milliseconds
    at national scale): to refuse a clash with a hand-written file before the files are made elsewhere."""
    compacts, frozen, timelines = context.compacts, context.frozen, context.timelines
    paths = [clause_page_path(compact.slug, clause_id) for compact in compacts
             for clause_id in identifier_ids(compact)]
    paths += history_paths(compacts, timelines)
    paths += [f"{c.slug}/signatories.{kind}" for c in compacts for kind in ("csv", "json")]
    paths += ["signatories.csv", "signatories.json"]
    for c in compacts:  # each compact's exports, then each of its frozen editions', oldest first (as exported)
        paths += [compact_json_file(c.slug), compact_akn_file(c.slug)]
        paths += [path for date in sorted(item[0] for item in frozen.get(c.slug, []))
                  for path in (edition_json_file(c.slug, date), edition_akn_file(c.slug, date))]
    paths += [SITE_INDEX_FILE, SCHEMA_FILE, REGISTER_CSV]
    paths += [compare_script_path(c.slug) for c in compacts] if len(compacts) > 1 else []
    return paths + [feed_path(c.slug) for c in compacts] + [feed_path()]  # exports/feeds.py's order


def identifier_ids(compact: Compact) -> list[str]:
    """Every id with an identifier page, in :func:`identifier_pages`' order: each citable node, then its
    former ids (a moved clause's old URL forwards to where it is now), then the withdrawn clauses."""
    ids = []
    for node in compact.citable():
        ids += [node.id, *getattr(node, "former_ids", [])]
    return ids + [gone.id for gone in compact.withdrawn]


def identifier_pages(context: BuildContext, site_name: str, fragments: Fragments | None = None,
                     samples: bool = False) -> list[tuple[str, str]]:
    """The static page behind every clause's identifier URL: (path in the site, HTML). With ``samples``, only each
    compact's first identifier page and first tombstone (for the plugin's check of the fragments' links)."""
    compacts, citations, style = context.compacts, context.citations, context.style
    target = "../../#{anchor}" if style.directory_urls else "../../index.html#{anchor}"
    home = "../../../" if style.directory_urls else "../../../index.html"  # file:// opens folders, not pages
    pages = []
    for compact in compacts:
        links = citations.for_page(compact.slug, style)
        for node in list(compact.citable())[:1] if samples else compact.citable():
            html = render_clause_page(compact=compact, clause=node, citation=citations.cite(compact.slug, node.id),
                                      in_context_href=target.format(anchor=clause_anchor(node.id)),
                                      site_name=site_name, canonical_url=links.identifier_url(node.id),
                                      home_href=home, fragments=fragments,
                                      history_href=history_href(context, compact.slug, node.id))
            pages.append((clause_page_path(compact.slug, node.id), html))
            for old in getattr(node, "former_ids", []):  # a moved clause's old URL forwards to where it is now
                pages.append((clause_page_path(compact.slug, old), html))
        for gone in compact.withdrawn[:1] if samples else compact.withdrawn:
            pages.append((clause_page_path(compact.slug, gone.id), render_tombstone_page(
                compact=compact, withdrawn=gone, compact_href=target.format(anchor="top"), site_name=site_name,
                home_href=home, fragments=fragments, history_href=history_href(context, compact.slug, gone.id))))
    return pages
