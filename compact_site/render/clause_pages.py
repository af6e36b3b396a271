"""Identifier pages of clauses: one small static HTML file per clause at ``<slug>/clause/<id>/``.

A clause's identifier URL (:func:`compact_site.model.references.clause_url`) must keep working wherever the
site is copied: a web server, any static host, or an intranet share opened over ``file://``. So each
identifier page is a plain HTML file (not a themed MkDocs page), styled by one small stylesheet beside it, that

* shows the clause itself with its citation, so the address is useful on its own (no JavaScript,
  printing, reading the file directly), and
* forwards to the clause in context on the compact's page, with a script, and offers the same link
  visibly for everyone else.

A site of 400 compacts has some 32,000 of these pages, so each is one render of a compiled template (the
identifier-page fragment); clauses of plain prose (most of them) become ``<p>`` elements directly, and the rest
go through one reused :class:`markdown.Markdown` instance (per thread) instead of a new one per page.
benchmarks/RESULTS-clause-pages.md has the numbers. Imports nothing from MkDocs.
"""
from __future__ import annotations

import re

from markupsafe import Markup

from compact_site.model import Clause, Compact
from compact_site.model.references import clause_anchor, clause_url, mask_code
from compact_site.render.clause_views import clause_view, withdrawn_view
from compact_site.render.compact_page import STATUS_TEXT
from compact_site.render.fragments import Fragments, package_fragments
from compact_site.render.parts import note_lines, notes_about
from compact_site.text.author_text import (
    Resolver,
    _lead_and_rest,
    inline,
    markdown,
    quotes_escaped,
)
from compact_site.text.plain_prose import markdown_html

__all__ = ["clause_page_path", "render_clause_page", "clause_html", "PAGE_CSS", "PAGE_CSS_FILE"]

# Colours (contrast on the #ffffff background, WCAG 2.x formula): text #1b1b1b 17.2:1, muted text #4a4a4a
# 8.9:1, links #0b4f9c 8.0:1, focus ring #1b1b1b. Links are always underlined (WCAG 1.4.1), focus always
# shows a 3px ring (2.4.7), text sizes in rem so browser zoom and font-size settings apply (1.4.4), and the
# column reflows to a phone's width with long URLs wrapping instead of scrolling sideways (1.4.10).
PAGE_CSS = (
    "html{color-scheme:light}"
    "body{margin:0;background:#fff;color:#1b1b1b;font:1.125rem/1.6 system-ui,-apple-system,'Segoe UI',"
    "Roboto,Arial,sans-serif}"
    "main{max-width:40rem;margin:0 auto;padding:1rem 1.25rem 2rem}"
    "h1{font-size:1.75rem;line-height:1.25;margin:.5rem 0 .25rem}"
    "h2{font-size:1.25rem;margin:1.5rem 0 .5rem}"
    "a{color:#0b4f9c;text-decoration:underline}"
    "a:focus{outline:3px solid #1b1b1b;outline-offset:2px}"
    ".compact,.site,.cite{color:#4a4a4a}"
    ".cite,.clause{overflow-wrap:anywhere}"
    ".context{font-weight:600}"
    "table{border-collapse:collapse}th,td{border:1px solid #4a4a4a;padding:.25rem .5rem}"
)

PAGE_CSS_FILE = "assets/compact-site/identifier.css"
"""Where the plugin writes :data:`PAGE_CSS`: one file that every identifier page and tombstone links, relative, so it
loads from any static host and over file:// (inline it cost 584 bytes a page: 20 MB of some 34,000 pages at national
scale). The forwarding script comes before the link, so a stylesheet not yet loaded never delays it; a page saved
on its own, without the site, reads unstyled."""
CSS_HREF = "../../../" + PAGE_CSS_FILE  # from <slug>/clause/<id>/index.html, in either kind of copy

# Forwarding (identifier-page.html): a script plus a visible link, and no <meta http-equiv="refresh">. Why:
# * ``location.replace`` swaps this page out of the history, as a server redirect would, so Back returns
#   to where the reader came from. A refresh may leave this page in the history on some browsers, and
#   Back then lands on a page that forwards again at once.
# * Readers without scripts get the clause itself, with its citation, which is what the address names,
#   and a "Read ... in context" link to the same place; nothing moves them on unasked (WCAG 3.2.5).
# * Note: WCAG itself does not forbid a 0 s refresh (technique G110 accepts an instant redirect; failures
#   F40/F41 are about timed ones), so this is a choice about Back and predictability, not a compliance rule.
# Both the script and the link use the relative href, so they work on any static host and over file://.
# The script resolves it as if the address ended in "/": a host that serves /sandwell/clause/4.2 without
# redirecting to /sandwell/clause/4.2/ would otherwise send "../../" one folder too high. (Over file:// the
# address ends in index.html and is left as it is.)
# ``noindex`` (in identifier-page.html): search engines treat the script as a redirect anyway; the compact's page
# is the canonical text, and 32,000 short pages would only crowd results.

# Made once: 32,000 identifier pages a national build, each a Python-level Markup construction (and copy) apiece.
_PAGE_CSS_MARKUP = Markup(PAGE_CSS)
_NO_NOTES = Markup("")
_SCHEME_RE = re.compile(r"^\s*([a-zA-Z][a-zA-Z0-9+.-]*):")
_FOOTNOTE_RE = re.compile(r"\[\^([^\]\s]+)\](?!:)")


def clause_page_path(slug: str, clause_id: str) -> str:
    """The file of a clause's identifier page, relative to the site root: ``<slug>/clause/<id>/index.html``."""
    return clause_url(slug, clause_id) + "index.html"


def _default_resolver(compact: Compact, page_href: str) -> Resolver:
    """Resolve ``[[id]]`` of the same compact to its place on the compact's page (``page_href``, the part of
    the in-context link before ``#``), with the citation text the compact page uses; others stay as typed."""
    def resolve(slug: str | None, clause_id: str):
        if slug not in (None, compact.slug):
            return None
        for clause in compact.clauses():
            if clause.id == clause_id:
                return f"{inline(compact.cited_as)} {inline(clause.number or clause.id)}", \
                    f"{page_href}#{clause_anchor(clause_id)}"
        return None

    return resolve


def clause_html(compact: Compact, clause: Clause, resolve: Resolver | None = None) -> str:
    """A clause's text as HTML: author Markdown made safe (raw HTML shown as typed), the same extensions
    as the site, and the definitions of any footnotes it refers to."""
    source = markdown(clause.text, resolve)
    if "[^" in clause.text and compact.footnotes:
        notes = {note.id: note for note in compact.footnotes}
        used = dict.fromkeys(m[1] for m in _FOOTNOTE_RE.finditer(mask_code(clause.text)) if m[1] in notes)
        for ident in used:
            text = markdown(notes[ident].text, resolve).replace("\n", "\n    ")
            source += f"\n\n[^{ident}]: {text}"
    return markdown_html(source)


def notes_html(compact: Compact, clause_id: str, resolve: Resolver | None = None) -> Markup:
    """The editorial notes that apply to a clause, as the list the compact page's "About this text" shows
    ('' when none do, so most pages are unchanged)."""
    notes = notes_about(compact, clause_id) if compact.editorial_notes else []
    if not notes:
        return _NO_NOTES
    lines = note_lines(notes, lambda text: [markdown(text, resolve), ""])
    return Markup(quotes_escaped(markdown_html("\n".join(lines))))


def render_clause_page(*, compact: Compact, clause: Clause, citation: str, in_context_href: str, site_name: str,
                       canonical_url: str | None = None, home_href: str = "../../../",
                       resolve: Resolver | None = None, fragments: Fragments | None = None,
                       history_href: str = "") -> str:
    """The identifier page of one clause (the whole ``index.html``): the identifier-page fragment, the clause
    through clause-body.html as on its compact's page.

    ``citation`` is how the clause is cited ("Sandwell 4.2"); ``in_context_href`` the relative link to the
    clause on the compact's page ("../../#clause-4.2", or "../../index.html#clause-4.2" for a copy read over
    file://); ``canonical_url`` the clause's absolute identifier URL, when the site's address is known;
    ``home_href`` the relative link to the site's home page. ``resolve`` turns ``[[...]]`` in the text into
    links relative to this page; by default references to the same compact link to it in context.
    """
    match = _SCHEME_RE.match(in_context_href)
    if match and match[1].lower() not in ("http", "https"):
        raise ValueError(f"in_context_href must be a relative or http(s) link, not {in_context_href!r}")
    if resolve is None:
        resolve = _default_resolver(compact, in_context_href.partition("#")[0])
    view = clause_view(compact, clause, text=_lead_and_rest(quotes_escaped(clause_html(compact, clause, resolve))),
                       cited=citation, url=canonical_url, notes=notes_html(compact, clause.id, resolve))
    return str((fragments or package_fragments()).render(
        "identifier-page.html", clause=view, standalone=True, compact=compact, citation=citation,
        site_name=site_name, canonical_url=canonical_url, home_href=home_href, in_context_href=in_context_href,
        status=STATUS_TEXT.get(compact.status, ""), css=_PAGE_CSS_MARKUP, css_href=CSS_HREF,
        history_href=history_href)) + "\n"


def withdrawn_label(withdrawn) -> str:
    """'Clause 2.6' (or 'Clause s4-vcs-1' when it had no number)."""
    return f"Clause {withdrawn.number or withdrawn.id}"


def render_tombstone_page(*, compact: Compact, withdrawn, compact_href: str, site_name: str,
                          home_href: str = "../../../", fragments: Fragments | None = None,
                          history_href: str = "") -> str:
    """The page left at a withdrawn clause's identifier URL (the tombstone fragment): what happened, when, why,
    and where to go (``history_href``: its history page, where the compact has past editions).

    No forwarding: the reader came for a clause that no longer exists and should see that plainly.
    """
    return str((fragments or package_fragments()).render(
        "tombstone.html", withdrawn=withdrawn_view(withdrawn), compact=compact, compact_href=compact_href,
        site_name=site_name, home_href=home_href, css=_PAGE_CSS_MARKUP, css_href=CSS_HREF,
        history_href=history_href)) + "\n"
