"""What the edition fragments receive: editions, redlines and the changes between two editions, as plain objects.

Shared by a clause's history page (render/history_pages.py) and the changes pages (render/changes_pages.py). The
fields are the contract documented in guide/7-page-fragments.md. Addresses come from model/references.py only;
each view is given the way up from its page to the site's root (``root``: ``../../``) and the URL style.

A redline compares what a reader reads, not the YAML: each wording is made plain words first (:func:`readable`:
Markdown rendered and its tags dropped, references as their citations, the title on a line of its own), so
``**must**`` against ``must`` is no change and a changed reference reads "Riverside 1.1" → "Riverside 1.2".
"""
from __future__ import annotations

import html
import re
from typing import NamedTuple, Optional

from markupsafe import Markup

from compact_site.core.citations import citation
from compact_site.core.editions import Changes, EditionText
from compact_site.core.redline import Piece, redline
from compact_site.model.references import clause_anchor, clause_history_url, edition_url
from compact_site.render.compact_header import format_date
from compact_site.render.fragments import Fragments, package_fragments
from compact_site.text.author_text import Resolver, inline, markdown, prose
from compact_site.text.plain_prose import plain_prose
from compact_site.text.to_html import to_html

_BLOCK_END_RE = re.compile(r"</(?:p|li|h\d|blockquote|tr|div|dd|dt)>|<br\s*/?>", re.I)
_TAG_RE = re.compile(r"<[^>]+>")


def rooted_href(target: str, root: str, directory_urls: bool) -> str:
    """A site address (``riverside/2012-04-01/``, ending in ``/``) as a link from a page ``root`` below the site's
    root; an intranet copy (no directory URLs) names the folder's ``index.html``, since file:// opens no folder.
    (compact_header.page_href gives the shortest path between two pages instead; this one climbs to the root
    and down, for pages whose depth is fixed.)"""
    return f"{root}{target}" if directory_urls else f"{root}{target}index.html"


def edition_key(edition: EditionText) -> str:
    """An edition's part of an anchor: its date, or ``current`` for the current text (whose date may be partial
    or missing)."""
    return "current" if edition.current else edition.date


def pair_anchor(older: EditionText, newer: EditionText) -> str:
    """The anchor of the changes from ``older`` to ``newer`` on a compact's changes page."""
    return f"from-{edition_key(older)}-to-{edition_key(newer)}"


def _words(html_text: str) -> str:
    """HTML as plain words: one line per block, tags dropped, spaces collapsed within a line."""
    text = html.unescape(_TAG_RE.sub("", _BLOCK_END_RE.sub("\n", html_text)))
    return "\n".join(" ".join(line.split()) for line in text.split("\n") if line.strip())


def readable(edition: EditionText, node) -> str:
    """A clause of ``edition`` as the plain words a reader reads: its title (if any) on a line of its own, then
    its text, a line per paragraph; references as citations ("Riverside 1.1")."""
    def resolve(slug: Optional[str], clause_id: str):
        if slug not in (None, edition.compact.slug):
            return f"{slug} {clause_id}", "#"
        target = edition.nodes.get(clause_id)
        return (citation(edition.compact, target) if target is not None else clause_id), "#"

    def plain(text: str) -> str:
        fast = plain_prose(text)
        return fast if fast is not None else _words(to_html(markdown(text, resolve)))

    title = getattr(node, "title", None)
    body = plain(node.text or "")
    return f"{plain(title)}\n{body}" if title else body


def redline_pieces(older: EditionText, old_node, newer: EditionText, new_node) -> list[Piece]:
    """The word-level redline from one wording of a clause to another, as read (:func:`readable`)."""
    return spaces_outside(redline(readable(older, old_node), readable(newer, new_node)))


_EDGE_RE = re.compile(r"^(\s*)(.*?)(\s*)$", re.S)


def spaces_outside(pieces: list[Piece]) -> list[Piece]:
    """The redline with the spaces at the edges of each change moved into the unchanged words beside it, where
    every piece of the change has them: "Give [+at least] three", not "Give[+ at least] three" (and a screen
    reader's "inserted:" is followed by a word, not a pause)."""
    out: list[Piece] = []
    i = 0
    while i < len(pieces):
        j = i
        while j < len(pieces) and pieces[j].kind != "same":
            j += 1
        if j == i:
            out.append(pieces[i])
            i += 1
            continue
        parts = [_EDGE_RE.match(piece.text).groups() for piece in pieces[i:j]]  # type: ignore[union-attr]
        lead = parts[0][0] if all(part[0] == parts[0][0] and part[1] for part in parts) else ""
        tail = parts[0][2] if all(part[2] == parts[0][2] and part[1] for part in parts) else ""
        out.append(Piece("same", lead))
        out += [Piece(piece.kind, piece.text[len(lead):len(piece.text) - len(tail)]) for piece in pieces[i:j]]
        out.append(Piece("same", tail))
        i = j
    merged: list[Piece] = []
    for piece in out:
        if not piece.text:
            continue
        if merged and merged[-1].kind == piece.kind == "same":
            merged[-1] = Piece("same", merged[-1].text + piece.text)
        else:
            merged.append(piece)
    return merged


def changed(pieces: list[Piece]) -> bool:
    """Whether a redline deletes or inserts anything (a change of formatting alone reads the same)."""
    return any(piece.kind != "same" for piece in pieces)


def render_redline(pieces: list[Piece], fragments: Fragments | None = None) -> Markup:
    """The redline fragment (redline.html) for these pieces."""
    return Markup((fragments or package_fragments()).render("redline.html", pieces=pieces))


LEGEND = [Piece("same", "Words taken out are shown "), Piece("deleted", "like this"),
          Piece("same", "; words put in are shown "), Piece("inserted", "like this"), Piece("same", ".")]


class EditionRef(NamedTuple):
    """An edition for a template: its name ("2016 refresh"), its date in words and as written (``datetime``),
    whether it is the current text, ``href``: its page (the compact's page for the current text), relative to
    the page showing it, at the clause when one is named, and ``key``: its date, or ``current``."""

    name: str
    date: str
    datetime: str
    current: bool
    href: str
    key: str


def edition_ref(edition: EditionText, root: str, directory_urls: bool, clause_id: str | None = None) -> EditionRef:
    """``edition`` as seen from a page ``root`` below the site's root; at ``clause_id`` when it has that clause."""
    slug = edition.compact.slug
    href = rooted_href(f"{slug}/" if edition.current else edition_url(slug, edition.date), root, directory_urls)
    if clause_id is not None and clause_id in edition.nodes:
        href += f"#{clause_anchor(clause_id)}"
    return EditionRef(edition.name, format_date(edition.date) if edition.date else "", edition.date,
                      edition.current, href, edition_key(edition))


def history_href(slug: str, clause_id: str, root: str, directory_urls: bool) -> str:
    """A clause's history page from a page ``root`` below the site's root (a static ``index.html`` either way)."""
    return rooted_href(clause_history_url(slug, clause_id), root, directory_urls)


class ClauseChange(NamedTuple):
    """A clause in a list of changes: its citation in the edition it is linked in (``href``), its history
    page, its words (plain text) and, as the list needs: ``was`` (its number or id before a move or a
    renumbering), ``redline`` (Markup) and ``reason`` (why it was withdrawn, formatted text)."""

    citation: str
    href: str
    history_href: str
    text: str = ""
    was: str = ""
    redline: Markup = Markup("")
    reason: Markup = Markup("")


class ChangesView(NamedTuple):
    """The changes from one edition to another, for edition-changes.html."""

    anchor: str
    older: EditionRef
    newer: EditionRef
    summary: str  # "1 clause added, 1 withdrawn, 1 moved, 1 reworded; 1 signatory added", or "No changes"
    added: list[ClauseChange]
    withdrawn: list[ClauseChange]
    moved: list[ClauseChange]
    reworded: list[ClauseChange]
    renumbered: list[ClauseChange]
    signatories_added: list[str]
    signatories_removed: list[str]


def _counted(noun: str, plural: str, counts: list[tuple[int, str]]) -> str:
    """'1 clause added, 2 reworded': the kinds with none left out, the noun after the first count."""
    said = [(count, word) for count, word in counts if count]
    return ", ".join(f"{count} {(noun if count == 1 else plural) + ' ' if not position else ''}{word}"
                     for position, (count, word) in enumerate(said))


def summary(changes: Changes) -> str:
    """The counts of a list of changes in words: '1 clause added, 2 reworded; 1 signatory added'."""
    clauses = _counted("clause", "clauses", [(len(changes.added), "added"), (len(changes.withdrawn), "withdrawn"),
                                             (len(changes.moved), "moved"), (len(changes.reworded), "reworded"),
                                             (len(changes.renumbered), "renumbered")])
    people = _counted("signatory", "signatories", [(len(changes.signatories_added), "added"),
                                                   (len(changes.signatories_removed), "removed")])
    return "; ".join(part for part in (clauses, people) if part) or "No changes"


def resolver(edition: EditionText, root: str, directory_urls: bool) -> Resolver:
    """References in a text of ``edition`` (``[[1.1]]``) as links to its clauses on its page, seen from a page
    ``root`` below the site's root; those to other compacts, or to ids it lacks, stay as typed."""
    def resolve(slug: Optional[str], clause_id: str):
        if slug not in (None, edition.compact.slug) or clause_id not in edition.nodes:
            return None
        return (inline(citation(edition.compact, edition.nodes[clause_id])),
                edition_ref(edition, root, directory_urls, clause_id).href)
    return resolve


def changes_view(changes: Changes, current: EditionText, root: str, directory_urls: bool,
                 fragments: Fragments | None = None) -> ChangesView:
    """``changes`` for a template on a page ``root`` below the site's root; ``current``: the current text, whose
    ``withdrawn`` records say why a clause went."""
    older, newer, slug = changes.older, changes.newer, changes.newer.compact.slug
    resolve = resolver(current, root, directory_urls)
    reasons = {gone.id: prose(gone.reason, resolve).html for gone in current.compact.withdrawn}

    def entry(edition: EditionText, clause_id: str, **more) -> ClauseChange:
        node = edition.nodes[clause_id]
        return ClauseChange(citation(edition.compact, node), edition_ref(edition, root, directory_urls, clause_id).href,
                            history_href(slug, clause_id, root, directory_urls), **more)

    def number(edition: EditionText, clause_id: str) -> str:
        return getattr(edition.nodes[clause_id], "number", None) or clause_id

    def reworded(item) -> ClauseChange:
        pieces = redline_pieces(older, older.nodes[item.old_id], newer, newer.nodes[item.new_id])
        return entry(newer, item.new_id, redline=render_redline(pieces, fragments),
                     was=number(older, item.old_id) if item.old_id != item.new_id else "")

    return ChangesView(
        pair_anchor(older, newer), edition_ref(older, root, directory_urls), edition_ref(newer, root, directory_urls),
        summary(changes),
        [entry(newer, i, text=readable(newer, newer.nodes[i])) for i in changes.added],
        [entry(older, i, text=readable(older, older.nodes[i]), reason=reasons.get(i, Markup("")))
         for i in changes.withdrawn],
        [entry(newer, m.new_id, was=m.old_number or m.old_id) for m in changes.moved],
        [reworded(item) for item in changes.reworded],
        [entry(newer, i, was=old or "") for i, old, _ in changes.renumbered],
        list(changes.signatories_added), list(changes.signatories_removed))
