"""What changed between editions: a compact's changes page (``<slug>/changes/``) and the site's (``changes/``).

A compact's page lists, newest first, what changed from each edition to the next (clauses added, withdrawn,
moved, reworded with a redline, renumbered; signatories added and removed), then lets a reader pick any two
editions: every other pair is in the page too (a compact has a handful of editions, so the pairs are few),
hidden by editions.js until chosen (which copies a consecutive pair from above rather than the page holding it
twice), and without JavaScript a list of links leads to each. The site's page lists
recent changes across every compact, newest first, at most :data:`RECENT_LIMIT` of them.

Only compacts with frozen editions have a changes page, and the site has its page only when one of them does
(pages/edition_history.py decides): a site whose compacts have one edition each has no changes to list, and an
empty page in its navigation would say nothing. Headings stay Markdown (the table of contents comes from them);
the lists are page fragments, as on the other generated pages. Imports nothing from MkDocs.
"""
from __future__ import annotations

from typing import NamedTuple

from compact_site.core.editions import EditionText, Timeline, current_edition_date
from compact_site.model import Compact
from compact_site.model.references import changes_url
from compact_site.render.clause_views import Link
from compact_site.render.compact_header import format_date, markdown_page_href
from compact_site.render.edition_views import (
    LEGEND,
    changes_view,
    edition_ref,
    rooted_href,
    pair_anchor,
    render_redline,
    summary,
)
from compact_site.render.fragments import Fragments, merge_placeholders, package_fragments, placeholder
from compact_site.render.edition_page import FRONT_MATTER
from compact_site.render.page_source import PageSource
from compact_site.text.author_text import inline

RECENT_LIMIT = 200  # entries on the site's page: a national register's first editions alone number ~400
SITE_CHANGES_URI = changes_url().rstrip("/") + ".md"


def changes_page_uri(slug: str) -> str:
    """The source path of a compact's changes page (served at :func:`changes_url`)."""
    return changes_url(slug).rstrip("/") + ".md"


def changes_href(slug: str, root: str, directory_urls: bool) -> str:
    """A compact's changes page from a page ``root`` below the site's root (``<slug>/changes.html`` in an intranet
    copy: a Markdown page, not a folder's index)."""
    return root + markdown_page_href(changes_url(slug), "", directory_urls)


def _named(edition: EditionText) -> str:
    """'2016 refresh (1 September 2016)', for a heading; the current text '2021 refresh (current, March 2021)'."""
    said = ["current"] if edition.current else []
    said += [format_date(edition.date)] if edition.date else []
    return f"{edition.name} ({', '.join(said)})" if said else edition.name


class _Page:
    """The Markdown lines of one page and its fragments' HTML."""

    def __init__(self, fragments: Fragments | None) -> None:
        self.fragments = fragments or package_fragments()
        self.lines: list[str] = []
        self.blocks: list[str] = []

    def block(self, html: str) -> None:
        self.blocks.append(html)
        self.lines += [placeholder(len(self.blocks) - 1), ""]

    def source(self, uri: str, origin: str | None) -> PageSource:
        # Not searched: search finds the current text only (issue 19), and these pages quote past wordings.
        text = FRONT_MATTER + merge_placeholders("\n".join(self.lines).rstrip() + "\n")
        return PageSource(uri, text, origin, tuple(self.blocks))


def compact_changes_page(timeline: Timeline, directory_urls: bool = True, origin: str | None = None,
                         fragments: Fragments | None = None) -> PageSource:
    """A compact's changes page: each edition against the one before, newest first, then any two editions."""
    page = _Page(fragments)
    root = "../../" if directory_urls else "../"  # from <slug>/changes/ (or <slug>/changes.html) to the root
    compact, editions = timeline.current.compact, timeline.editions
    title = inline(compact.title)
    page.lines += [f"# Changes to the {title} {{ #top }}", "",
                   f"The {title} has had {len(editions)} editions, from {inline(_named(editions[0]))} to "
                   f"{inline(_named(timeline.current))}. This page lists what changed from each edition to the next, "
                   "newest first" + (", then lets you compare any two editions" if len(editions) > 2 else "") +
                   ". Each clause links to its place in that edition and to its history. The current text is "
                   "[the compact's page](index.md).", ""]
    page.block(render_redline(LEGEND, page.fragments))
    pairs = [(a, b) for i, a in enumerate(editions) for b in editions[i + 1:]]
    views = {(id(a), id(b)): changes_view(timeline.changes(a, b), timeline.current, root, directory_urls,
                                          page.fragments) for a, b in pairs}
    for older, newer in reversed(list(zip(editions, editions[1:]))):
        view = views[id(older), id(newer)]
        page.lines += [f"## {inline(_named(older))} to {inline(_named(newer))} {{ #{view.anchor} }}", ""]
        page.block(page.fragments.render("edition-changes.html", changes=view, level=3, stored=False, hidden=False))
    if len(editions) > 2:
        page.lines += ["## Compare any two editions { #compare }", "",
                       "Choose two editions to see what changed from the first to the second, however many "
                       "editions came between them.", ""]
        consecutive = {(id(a), id(b)) for a, b in zip(editions, editions[1:])}
        links = [Link(f"{a.name} to {b.name}", f"#{'' if (id(a), id(b)) in consecutive else 'compare-'}"
                                                 f"{pair_anchor(a, b)}") for a, b in pairs]
        page.block(page.fragments.render("edition-picker.html", pairs=links,
                                         editions=[edition_ref(e, root, directory_urls) for e in editions]))
        for a, b in pairs:  # a consecutive pair is listed above: editions.js copies it here when chosen (7 MB less
            if (id(a), id(b)) not in consecutive:  # at national scale than a hidden copy in the page)
                page.block(page.fragments.render("edition-changes.html", changes=views[id(a), id(b)], level=4,
                                                 stored=True, hidden=False))
    return page.source(changes_page_uri(timeline.slug), origin)


class RecentChange(NamedTuple):
    """One line of the site's recent changes: ``kind`` (``edition``, ``signatory``, ``first``: the first of a
    compact's editions, or ``only``: the text of a compact with no past editions), its date in
    words and as written, the compact (its title and page), the edition's name, ``summary`` (the counts of what
    changed, for an edition), ``href`` (where it is told in full) and ``who`` (a signatory as printed)."""

    kind: str
    date: str
    datetime: str
    compact: str
    compact_href: str
    edition: str
    summary: str = ""
    href: str = ""
    who: str = ""


def recent_changes(compacts: list[Compact], timelines: dict[str, Timeline], root: str,
                   directory_urls: bool) -> list[RecentChange]:
    """Every change on the site, newest first (undated ones last): each compact's first edition (or, with no past
    editions, its text, dated as it says), each later edition, and each signatory a later edition added (dated
    when they signed, else by the edition)."""
    found: list[RecentChange] = []
    for compact in compacts:
        compact_href = rooted_href(f"{compact.slug}/", root, directory_urls)
        timeline = timelines.get(compact.slug)
        if timeline is None:
            date = current_edition_date(compact)
            found.append(RecentChange("only", format_date(date) if date else "", date, compact.title, compact_href,
                                      compact.version or ""))
            continue
        first = timeline.editions[0]
        found.append(RecentChange("first", format_date(first.date) if first.date else "", first.date, compact.title,
                                  compact_href, first.name, href=edition_ref(first, root, directory_urls).href))
        page = changes_href(compact.slug, root, directory_urls)
        for changes in timeline.consecutive():
            newer = changes.newer
            href = f"{page}#{pair_anchor(changes.older, newer)}"
            found.append(RecentChange("edition", format_date(newer.date) if newer.date else "", newer.date,
                                      compact.title, compact_href, newer.name, summary(changes), href))
            signed = {s.printed: str(s.signed) for s in newer.compact.signatories.items if s.signed} \
                if newer.compact.signatories else {}
            for line in changes.signatories_added:
                date = signed.get(line, newer.date)
                found.append(RecentChange("signatory", format_date(date) if date else "", date, compact.title,
                                          compact_href, newer.name, href=href, who=line))
    return sorted(found, key=lambda change: change.datetime, reverse=True)  # stable: an edition before its signatories


def site_changes_page(compacts: list[Compact], timelines: dict[str, Timeline], directory_urls: bool = True,
                      fragments: Fragments | None = None, limit: int = RECENT_LIMIT) -> PageSource:
    """The site's recent changes, newest first, at most ``limit``; then each compact's changes page."""
    page = _Page(fragments)
    changes = recent_changes(compacts, timelines, "../" if directory_urls else "", directory_urls)
    page.lines += ["# Recent changes { #top }", "",
                   "What changed in the compacts on this site, newest first: each new edition of a compact and what "
                   "it changed, each compact's first edition, and each organisation that signed a new edition. The "
                   "dates are those the compacts give.", ""]
    page.block(page.fragments.render("recent-changes.html", entries=changes[:limit]))
    if len(changes) > limit:
        page.lines += [f"This page lists the {limit} most recent of {len(changes)} changes. Each compact's changes "
                       "page below lists all of its own; a compact with one edition shows its dates on its own "
                       "page.", ""]
    with_pages = [c for c in compacts if c.slug in timelines]
    page.lines += ["## Changes to each compact { #compacts }", ""]
    page.lines += [f"- [{inline(c.title)}]({changes_page_uri(c.slug)}): {len(timelines[c.slug].editions)} editions"
                   for c in sorted(with_pages, key=lambda c: c.title.lower())] + [""]
    return page.source(SITE_CHANGES_URI, None)
