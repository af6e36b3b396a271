"""Identifier pages of clauses: one small static HTML file per clause at ``<slug>/clause/<id>/``.

A clause's identifier URL (:func:`compact_site.references.clause_url`) must keep working wherever the
site is copied: a web server, any static host, or an intranet share opened over ``file://``. So each
identifier page is a plain, self-contained HTML file (not a themed MkDocs page) that

* shows the clause itself with its citation, so the address is useful on its own (no JavaScript,
  printing, reading the file directly), and
* forwards to the clause in context on the compact's page, with a script, and offers the same link
  visibly for everyone else.

A site of 400 compacts has some 32,000 of these pages, so rendering is a string template filled with
escaped values; clauses of plain prose (most of them) become ``<p>`` elements directly, and the rest go
through one reused :class:`markdown.Markdown` instance (per thread) instead of a new one per page.
benchmarks/RESULTS-clause-pages.md has the numbers. Imports nothing from MkDocs.
"""
from __future__ import annotations

import json
import re
from html import escape


from ..model import Clause, Compact
from ..references import clause_anchor, clause_url, mask_code
from .fast import NOT_PLAIN, markdown_html
from .markdown import STATUS_TEXT
from .parts import note_lines, notes_about
from .text import Resolver, inline, markdown

__all__ = ["clause_page_path", "render_clause_page", "clause_html", "PAGE_CSS"]

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

# Forwarding: a script plus a visible link, and no <meta http-equiv="refresh">. Why:
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
_FORWARD = ('var b=location.href.split(/[?#]/)[0];if(!/(\\/|\\.html?)$/.test(b))b+="/";'
            "location.replace(new URL({href},b).href)")
# ``noindex``: search engines treat the script as a redirect anyway; the compact's page is the canonical
# text, and 32,000 short pages would only crowd results.
_PAGE = (
    '<!DOCTYPE html>\n<html lang="en">\n<head>\n<meta charset="utf-8">\n'
    '<meta name="viewport" content="width=device-width, initial-scale=1">\n'
    '<meta name="robots" content="noindex">\n'
    "<title>{title}</title>\n{canonical}"
    "<style>{css}</style>\n"
    "<script>{forward}</script>\n"
    "</head>\n<body>\n<main>\n"
    '<p class="site"><a href="{home}">{site}</a></p>\n'
    "<h1>{citation}</h1>\n"
    '<p class="compact">{compact}</p>\n{status}{clause_title}'
    '<div class="clause">\n{body}\n</div>\n{notes}{cite}'
    '<p class="context"><a href="{href}">Read {citation} in context</a></p>\n'
    "</main>\n</body>\n</html>\n"
)

_SCHEME_RE = re.compile(r"^\s*([a-zA-Z][a-zA-Z0-9+.-]*):")
_FOOTNOTE_RE = re.compile(r"\[\^([^\]\s]+)\](?!:)")
_SCRIPT_ESCAPES = str.maketrans({"<": "\\u003c", ">": "\\u003e", "&": "\\u0026"})
# The plain-prose shortcut and the reused converter live in render/fast.py (the compact pages use them too);
# the tests reach them under these names.
_NOT_PLAIN, _to_html = NOT_PLAIN, markdown_html


def clause_page_path(slug: str, clause_id: str) -> str:
    """The file of a clause's identifier page, relative to the site root: ``<slug>/clause/<id>/index.html``."""
    return clause_url(slug, clause_id) + "index.html"


def _script_string(href: str) -> str:
    """``href`` as a JavaScript string literal that cannot end the ``<script>`` element."""
    return json.dumps(href).translate(_SCRIPT_ESCAPES)


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
    return _to_html(source)


def notes_html(compact: Compact, clause_id: str, resolve: Resolver | None = None) -> str:
    """The editorial notes that apply to a clause, as the compact page's "About this text" shows them
    ('' when none do, so most pages are unchanged)."""
    notes = notes_about(compact, clause_id) if compact.editorial_notes else []
    if not notes:
        return ""
    html = _to_html("\n".join(note_lines(notes, lambda text: [markdown(text, resolve), ""])))
    return f'<h2>About this text</h2>\n<div class="notes">\n{html}\n</div>\n'


def render_clause_page(*, compact: Compact, clause: Clause, citation: str, in_context_href: str, site_name: str,
                       canonical_url: str | None = None, home_href: str = "../../../",
                       resolve: Resolver | None = None) -> str:
    """The identifier page of one clause (the whole ``index.html``).

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
    citation_html = escape(citation)
    status = STATUS_TEXT.get(compact.status, "")
    canonical = cite = ""
    if canonical_url:
        url = escape(canonical_url)
        canonical = f'<link rel="canonical" href="{url}">\n'
        cite = f'<p class="cite">Cite this clause as {citation_html}, {url}</p>\n'
    return _PAGE.format(
        title=escape(f"{citation} – {compact.title} – {site_name}"),
        canonical=canonical,
        css=PAGE_CSS,
        forward=_FORWARD.format(href=_script_string(in_context_href)),
        home=escape(home_href),
        site=escape(site_name),
        citation=citation_html,
        compact=escape(compact.title),
        status=f'<p class="status"><strong>{escape(status)}</strong></p>\n' if status else "",
        clause_title=f"<h2>{escape(clause.title)}</h2>\n" if clause.title else "",
        body=clause_html(compact, clause, resolve),
        notes=notes_html(compact, clause.id, resolve),
        cite=cite,
        href=escape(in_context_href),
    )


_TOMBSTONE = (
    '<!DOCTYPE html>\n<html lang="en">\n<head>\n<meta charset="utf-8">\n'
    '<meta name="viewport" content="width=device-width, initial-scale=1">\n'
    '<meta name="robots" content="noindex">\n'
    "<title>{title}</title>\n"
    "<style>{css}</style>\n"
    "</head>\n<body>\n<main>\n"
    '<p class="site"><a href="{home}">{site}</a></p>\n'
    "<h1>{heading}</h1>\n"
    '<p class="compact">{compact}</p>\n'
    '<div class="clause">\n<p><strong>{heading} was withdrawn on {date}.</strong></p>\n{reason}\n</div>\n'
    '<p class="context"><a href="{href}">Read the current {compact}</a></p>\n'
    "</main>\n</body>\n</html>\n"
)


def withdrawn_label(withdrawn) -> str:
    """'Clause 2.6' (or 'Clause s4-vcs-1' when it had no number)."""
    return f"Clause {withdrawn.number or withdrawn.id}"


def render_tombstone_page(*, compact: Compact, withdrawn, compact_href: str, site_name: str,
                          home_href: str = "../../../") -> str:
    """The page left at a withdrawn clause's identifier URL: what happened, when, why, and where to go.

    No forwarding: the reader came for a clause that no longer exists and should see that plainly.
    """
    from .markdown import format_date  # the page module imports this one; import late to avoid a cycle

    heading = withdrawn_label(withdrawn)
    return _TOMBSTONE.format(
        title=escape(f"{heading} (withdrawn) – {compact.title} – {site_name}"), css=PAGE_CSS,
        home=escape(home_href), site=escape(site_name), heading=escape(heading), compact=escape(compact.title),
        date=escape(format_date(withdrawn.date)), reason=_to_html(markdown(withdrawn.reason)),
        href=escape(compact_href))
