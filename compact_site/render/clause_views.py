"""What the clause fragments receive: a clause, its links and its similar clauses, as plain objects.

The fields are the contract documented in guide/7-page-fragments.md: author text as Markup from the text pipeline
(:mod:`.text`), every other value a plain string that the template escapes.
"""
from __future__ import annotations

from typing import NamedTuple

from markupsafe import Markup

from compact_site.core.citations import PageLinks, citation
from compact_site.model import Compact
from compact_site.model.references import clause_anchor, clause_history_url
from compact_site.render.compact_header import format_date
from compact_site.text.author_text import Prose, label, prose


class Link(NamedTuple):
    """A link to a clause: its citation (``label``) and its address relative to the page (``href``)."""

    label: str
    href: str


class Match(NamedTuple):
    """A similar clause: its link, and ``score`` (percent) or, for one the editors named, ``kind``
    ("see also", "derived from") with ``score`` None."""

    label: str
    href: str
    score: int | None
    kind: str


class ClauseView(NamedTuple):
    """One clause (or principle, or procedure stage) for a template."""

    id: str
    anchor: str  # its id on the compact's page: clause-<id>
    citation: str  # "Sandwell 4.2", as the clause is cited
    text: Prose
    number: Markup = Markup("")
    title: Markup = Markup("")
    formerly: Markup = Markup("")  # its former numbers (or ids), when it moved or was renumbered
    aliases: tuple[str, ...] = ()  # the anchors of its former ids, which still land on it
    href: str | None = None  # its identifier page, relative to the page showing it (None off-site and there)
    url: str | None = None  # its absolute identifier URL, when the site's address (site_url) is known
    notes: Markup = Markup("")  # the editorial notes about it, as a list (identifier page only)
    history: str | None = None  # its history page, relative to the compact's page (only where there are editions)


_EMPTY = Markup("")


def clause_view(compact: Compact, node, links: PageLinks | None = None, footnotes: tuple[str, ...] = (), *,
                text: Prose | None = None, cited: str | None = None, url: str | None = None,
                notes: Markup = _EMPTY, history: bool = False) -> ClauseView:
    """A clause as its compact's page shows it (``links``: on a site, from that page; ``footnotes``: the ids the
    page's footnote list numbers, in order; ``history``: whether it links to its history, the compact having
    past editions). Its identifier page gives its own ``text`` (with the footnotes), citation, ``url`` and
    ``notes``."""
    former_ids = getattr(node, "former_ids", None) or ()
    formerly = getattr(node, "former_numbers", None) or former_ids
    number, title = getattr(node, "number", None), getattr(node, "title", None)
    if text is None:
        text = prose(node.text, links.resolve_final if links is not None else None, footnotes)
    if cited is None:
        cited = links.citations.cite(compact.slug, node.id) if links is not None else citation(compact, node)
    if links is not None:
        url = links.identifier_url(node.id)
    return ClauseView(node.id, clause_anchor(node.id), cited, text, label(number) if number else _EMPTY,
                      label(title) if title else _EMPTY, label(", ".join(formerly)) if formerly else _EMPTY,
                      tuple(clause_anchor(old) for old in former_ids),
                      links.identifier_href(node.id) if links is not None else None, url, notes,
                      history_href(links, node.id) if history and links is not None else None)


def history_href(links: PageLinks, clause_id: str) -> str:
    """A clause's history page relative to its compact's page (``clause/4.2/history/``, or its ``index.html``)."""
    path = clause_history_url(links.slug, clause_id)[len(links.slug) + 1:]
    return path if links.style.directory_urls else path + "index.html"


def referenced_by(links: PageLinks | None, clause_id: str) -> list[Link]:
    """The clauses that refer to this one, linked from its compact's page."""
    return [Link(text, href) for text, href in links.referenced_by(clause_id, final=True)] if links is not None else []


def similar_matches(links: PageLinks | None, similar, clause_id: str) -> list[Match]:
    """The similar clauses of other compacts listed under a clause (``similar(clause_id)``: the concordance's)."""
    if links is None or similar is None:
        return []
    # (citation, href) of a listed clause is remembered for the build (on its Citations): the same clause is listed
    # as similar on many pages, and from any other compact's page its URL is the same (not so from its own page).
    # 190,000 matches at 400 compacts: one loop, and tuples made without NamedTuple's Python-level __new__.
    remembered, own, directory_urls = links.citations.similar_links, links.slug, links.style.directory_urls
    known = links.citations.nodes
    found = []
    for slug, ident, score, kind in similar(clause_id):
        key = (directory_urls, slug, ident)
        link = remembered.get(key) if slug != own else None
        if link is None:
            if (slug, ident) not in known:
                continue
            link = (links.citations.cite(slug, ident), links.url(slug, ident))
            if slug != own:
                remembered[key] = link
        found.append(_new_match(Match, (*link, None if score is None else round(score * 100), kind)))
    return found


_new_match = tuple.__new__


class WithdrawnView(NamedTuple):
    """A withdrawn clause for a template: its old anchor, "Clause 2.6", the date as words and the reason."""

    id: str
    anchor: str
    label: str
    date: str
    reason: Prose


def withdrawn_view(gone, links: PageLinks | None = None) -> WithdrawnView:
    return WithdrawnView(gone.id, clause_anchor(gone.id), f"Clause {gone.number or gone.id}", format_date(gone.date),
                         prose(gone.reason, links.resolve_final if links is not None else None))
