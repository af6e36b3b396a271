"""A clause's history through the editions: one small static page at ``<slug>/clause/<id>/history/``.

The identifier page of a clause forwards to the compact's page by script, so its history has a page of its own
(linked from the clause on the compact's page, from the identifier page and from a withdrawn clause's tombstone).
Only compacts with frozen editions have these pages. Like the identifier pages (render/clause_pages.py) each is a
plain HTML file linking one shared stylesheet, one render of the clause-history fragment, not a themed MkDocs
page: at national scale a compact's every clause has one, some 30,000 files. A former id's history address shows the same page as
the id that took it over (:attr:`compact_site.core.editions.Timeline.history_ids`).

The page says where the clause stands now, what happened to it when (added, moved, renumbered, reworded,
withdrawn), then its wording in each run of editions that left it alone, with the redline from each wording to
the next. Imports nothing from MkDocs.
"""
from __future__ import annotations

from typing import NamedTuple, Optional

from markupsafe import Markup

from compact_site.core.citations import citation
from compact_site.core.editions import EditionText, HistoryEntry, Timeline
from compact_site.model import Compact
from compact_site.model.references import clause_anchor, clause_history_url
from compact_site.render.clause_pages import PAGE_CSS, PAGE_CSS_FILE, clause_html
from compact_site.render.clause_views import WithdrawnView
from compact_site.render.compact_header import format_date
from compact_site.render.edition_views import (
    LEGEND,
    EditionRef,
    changed,
    edition_key,
    edition_ref,
    redline_pieces,
    render_redline,
    resolver,
    rooted_href,
)
from compact_site.render.fragments import Fragments, package_fragments
from compact_site.text.author_text import label, prose, quotes_escaped

ROOT = "../../../../"  # from <slug>/clause/<id>/history/index.html up to the site's root

# The identifier pages' CSS (contrast, focus, reflow: see clause_pages.py), and the redline's, as
# compact-editions.css has it for the themed pages: deletions struck through and bracketed "[−…]", insertions
# underlined and bracketed "[+…]", so neither relies on colour (WCAG 1.4.1); the brackets are generated with
# empty alternative text (screen readers hear the visually hidden "deleted:"/"inserted:" instead). Colours:
# #7a0000 on #ffe3e3 9.5:1, #0a4d0a on #dff5df 8.8:1.
HISTORY_CSS_FILE = "assets/compact-site/history.css"
"""Where the plugin writes :data:`HISTORY_CSS`: one file that every history page links (some 34,000 pages at national
scale, 1.9 KB each of inline CSS, 62 MB in all), relative so it loads over file:// too."""
HISTORY_CSS = PAGE_CSS + (
    ".compact-visually-hidden{position:absolute!important;width:1px;height:1px;margin:-1px;padding:0;"
    "overflow:hidden;clip:rect(0 0 0 0);white-space:nowrap;border:0}"
    "h3{font-size:1.125rem;margin:1.25rem 0 .25rem}.events p{margin:.25rem 0}"
    ".editions,.step{color:#4a4a4a}.legend .compact-redline{border:0;padding:0}"
    ".clause,.compact-redline{border-left:4px solid #4a4a4a;padding-left:.75rem}"
    ".compact-redline{white-space:pre-line;overflow-wrap:anywhere}"
    ".compact-redline del{background:#ffe3e3;color:#7a0000;text-decoration:line-through}"
    ".compact-redline ins{background:#dff5df;color:#0a4d0a;text-decoration:underline}"
    ".compact-redline del:before{content:'[\\2212';content:'[\\2212'/''}"
    ".compact-redline ins:before{content:'[+';content:'[+'/''}"
    ".compact-redline del:after,.compact-redline ins:after{content:']';content:']'/''}"
    ".compact-redline del:before,.compact-redline ins:before,.compact-redline del:after,"
    ".compact-redline ins:after{display:inline-block;text-decoration:none;font-weight:700}"
)


def small_pages_css(histories: bool) -> list[tuple[str, str]]:
    """(path, CSS) of the stylesheets the plugin writes for the pages that are not themed: the identifier pages' and
    tombstones' (always), and the history pages' (when a compact has past editions, ``histories``)."""
    return [(PAGE_CSS_FILE, PAGE_CSS)] + ([(HISTORY_CSS_FILE, HISTORY_CSS)] if histories else [])


def history_page_path(slug: str, clause_id: str) -> str:
    """The file of a clause's history page, relative to the site root: ``<slug>/clause/<id>/history/index.html``."""
    return clause_history_url(slug, clause_id) + "index.html"


class EventView(NamedTuple):
    """Something that happened to the clause: ``kind`` (``first``, ``added``, ``moved``, ``renumbered``,
    ``reworded``, ``withdrawn``), ``what`` in words ("moved from 3.1 to 2.5"), the edition it happened in, its
    date in words and as written, ``href`` (the change further down the page, or empty) and ``reason`` (why it
    was withdrawn, formatted text)."""

    kind: str
    what: str
    edition: EditionRef
    date: str
    datetime: str
    href: str = ""
    reason: Markup = Markup("")


class StepView(NamedTuple):
    """The change from one run's wording to the next: its ``anchor`` on the page, the last edition of the run
    before and the first of the next, ``notes`` (a move or renumbering, in words) and ``redline`` (Markup;
    empty when the words did not change)."""

    anchor: str
    older: EditionRef
    newer: EditionRef
    notes: list[str]
    redline: Markup


class RunView(NamedTuple):
    """The clause in a run of editions that left it alone: the editions (each linked at the clause), its id,
    number and title then, its text (HTML) and ``change``: how it came from the run before (None for the first)."""

    editions: list[EditionRef]
    id: str
    number: Markup
    title: Markup
    text: Markup
    change: Optional[StepView]


def _number(entry: HistoryEntry) -> str:
    return entry.number or entry.id


def _step_notes(before: HistoryEntry, after: HistoryEntry) -> list[str]:
    notes = []
    if _number(before) != _number(after):
        kind = "Moved" if before.id != after.id else "Renumbered"
        notes.append(f"{kind} from {_number(before)} to {_number(after)}.")
    if before.id != after.id:
        notes.append(f"Its identifier changed from {before.id} to {after.id}; links to the old one still lead here.")
    return notes


def _runs(timeline: Timeline, entries: list[HistoryEntry], directory_urls: bool,
          fragments: Fragments | None) -> list[RunView]:
    position = {id(edition): i for i, edition in enumerate(timeline.editions)}
    runs: list[RunView] = []
    for i, entry in enumerate(entries):
        span = timeline.editions[position[id(entry.first)]:position[id(entry.last)] + 1]
        step = None
        if i:
            before = entries[i - 1]
            pieces = redline_pieces(before.last, before.node, entry.first, entry.node)
            step = StepView(f"changed-{edition_key(entry.first)}", edition_ref(before.last, ROOT, directory_urls,
                                                                                 before.id),
                            edition_ref(entry.first, ROOT, directory_urls, entry.id), _step_notes(before, entry),
                            render_redline(pieces, fragments) if changed(pieces) else Markup(""))
        resolve = resolver(entry.first, ROOT, directory_urls)
        title = getattr(entry.node, "title", None)
        runs.append(RunView([edition_ref(e, ROOT, directory_urls, entry.id) for e in span], entry.id,
                            label(entry.number) if entry.number else Markup(""),
                            label(title) if title else Markup(""),
                            Markup(quotes_escaped(clause_html(entry.first.compact, entry.node, resolve))), step))
    return runs


def _events(timeline: Timeline, history, runs: list[RunView], gone: WithdrawnView | None,
            directory_urls: bool) -> list[EventView]:
    entries = history.entries
    found: list[EventView] = []
    first = entries[0].first if entries else None
    if first is timeline.editions[0]:
        found.append(EventView("first", "in the compact from its first edition",
                               edition_ref(first, ROOT, directory_urls, entries[0].id),
                               format_date(first.date) if first.date else "", first.date))
    steps = {id(entry.first): run.change for entry, run in zip(entries, runs) if run.change is not None}
    for event in history.events:
        edition: EditionText = event.edition
        step = steps.get(id(edition))
        after = next((e for e in entries if e.first is edition), None)
        before = entries[entries.index(after) - 1] if after is not None and entries.index(after) else None
        what = event.kind  # added, moved, renumbered, reworded, withdrawn
        if event.kind in ("moved", "renumbered") and before is not None and after is not None:
            what = f"{what} from {_number(before)} to {_number(after)}"
        reason = gone.reason.html if event.kind == "withdrawn" and gone is not None else Markup("")
        clause_id = after.id if after is not None else None
        found.append(EventView(event.kind, what, edition_ref(edition, ROOT, directory_urls, clause_id),
                               format_date(event.date) if event.date else "", event.date,
                               f"#{step.anchor}" if step is not None and event.kind != "withdrawn" else "", reason))
    return found


def render_history_page(*, timeline: Timeline, clause_id: str, site_name: str, directory_urls: bool = True,
                        site_url: str | None = None, fragments: Fragments | None = None) -> str:
    """The history page of the clause filed under ``clause_id`` (the whole ``index.html``; the same for each id it
    has had). ``site_url``: the site's address, for the canonical link, when known."""
    history = timeline.history(clause_id)
    current = timeline.current
    compact: Compact = current.compact
    last = history.entries[-1]
    cited = citation(last.last.compact, last.node)
    runs = _runs(timeline, history.entries, directory_urls, fragments)
    gone = None
    if history.withdrawn is not None:  # its reason's references lead to the current compact's page
        w = history.withdrawn
        gone = WithdrawnView(w.id, clause_anchor(w.id), f"Clause {w.number or w.id}", format_date(str(w.date)),
                             prose(w.reason, resolver(current, ROOT, directory_urls)))
    in_force = clause_id in current.nodes
    anchor = f"#{clause_anchor(clause_id)}" if in_force or gone is not None else ""
    canonical = f"{site_url.rstrip('/')}/{clause_history_url(compact.slug, clause_id)}" if site_url else None
    shared = fragments or package_fragments()
    return str(shared.render(
        "clause-history.html", citation=cited, compact=compact, site_name=site_name, canonical_url=canonical,
        home_href=rooted_href("", ROOT, directory_urls), css_href=f"{ROOT}{HISTORY_CSS_FILE}",
        in_context_href=rooted_href(f"{compact.slug}/", ROOT, directory_urls) + anchor,
        identifier_href=rooted_href("", "../", directory_urls), in_force=in_force, withdrawn=gone,
        current=edition_ref(current, ROOT, directory_urls), runs=runs,
        events=_events(timeline, history, runs, gone, directory_urls),
        legend=render_redline(LEGEND, shared) if any(run.change and run.change.redline for run in runs) else Markup(""),
    )) + "\n"


def history_ids(timeline: Timeline) -> list[str]:
    """Every id with a history page, in the order :func:`history_pages` makes them."""
    return list(timeline.history_ids)


def history_pages(timeline: Timeline, site_name: str, directory_urls: bool = True, site_url: str | None = None,
                  fragments: Fragments | None = None, samples: bool = False) -> list[tuple[str, str]]:
    """Every history page of one compact: (path in the site, HTML), a former id's page the same as its successor's.
    With ``samples``, only the first (for the plugin's check of the fragments' links)."""
    made: dict[str, str] = {}
    pages = []
    for old, filed in timeline.history_ids.items():
        if filed not in made:
            made[filed] = render_history_page(timeline=timeline, clause_id=filed, site_name=site_name,
                                              directory_urls=directory_urls, site_url=site_url, fragments=fragments)
        pages.append((history_page_path(timeline.slug, old), made[filed]))
        if samples:
            break
    return pages
