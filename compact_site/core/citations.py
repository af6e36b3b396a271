"""Citations, cross-reference targets and "Referenced by" lists for a set of compacts.

No MkDocs imports. Links between compact pages are written as Markdown links to the target's source
file (``../sandwell/index.md#clause-2.1``) so MkDocs rewrites them for directory or file URLs and checks
them; identifier URLs are plain static files, linked as HTML.
"""
from __future__ import annotations

import posixpath
from collections import defaultdict
from dataclasses import dataclass
from typing import Optional

from compact_site.model import Compact, Node
from compact_site.model.references import TERM_REF_PREFIX, clause_anchor, clause_url, edition_url, find_references
from compact_site.model.traversal import walk_texts


@dataclass(frozen=True)
class LinkStyle:
    """How the site is addressed: directory URLs (served) or ``index.html`` paths (intranet, file://)."""

    directory_urls: bool = True
    site_url: Optional[str] = None


def citation(compact: Compact, node: Node) -> str:
    """How a clause is cited: 'Sandwell 4.2', 'Sandwell – Partnership working', or 'Sandwell s4.1-vcs-1'; the
    name is the compact's ``citation_name``, else its area."""
    name = compact.cited_as  # citation_name, or the area
    number = getattr(node, "number", None)
    if number:
        return f"{name} {number}"
    title = getattr(node, "title", None)
    return f"{name} – {title.rstrip(':')}" if title else f"{name} {node.id}"


def _citable_texts(compact: Compact, nodes: dict) -> list[tuple[tuple[str, str], str]]:
    """(source, text) of each text held directly by a citable node that may hold a reference, in the order
    ``walk_texts`` meets them (the order of "Referenced by" lists). Texts without ``[[`` are passed over
    without walking the rest of the model: at national scale the walk was 2.5 million calls."""
    found = []
    for node, _key, text in walk_texts(compact) if _has_reference(compact) else ():
        source = (compact.slug, getattr(node, "id", None))
        if source in nodes and "[[" in text:
            found.append((source, text))
    return found


def _has_reference(compact: Compact) -> bool:
    """Whether a text held directly by a citable node has ``[[`` (only those can be a "Referenced by" source)."""
    return any(isinstance(value := getattr(node, key), str) and "[[" in value
               for node in compact.citable() for key in type(node).model_fields)


class Citations:
    """Every citable node of every compact, and who refers to whom."""

    def __init__(self, compacts: list[Compact], site_glossary=None) -> None:
        from compact_site.core.glossary import (
            entries_of,  # glossary builds on checks, as this module does; imported late
        )

        self.compacts = {c.slug: c for c in compacts}
        self.terms = {e.id: e.abbreviation or e.term for e in entries_of(site_glossary, None)}
        for compact in compacts:
            self.terms.update({e.id: e.abbreviation or e.term for e in entries_of(compact.glossary, compact.slug)})
        self.nodes: dict[tuple[str, str], Node] = {(c.slug, n.id): n for c in compacts for n in c.citable()}
        self.backrefs: dict[tuple[str, str], list[tuple[str, str]]] = defaultdict(list)
        self._cited: dict[tuple[str, str], str] = {}
        # (directory_urls, slug, id) -> (citation, href) of a clause listed as similar (render/clause_views.py)
        self.similar_links: dict[tuple[bool, str, str], tuple[str, str]] = {}
        for compact in compacts:
            for source, text in _citable_texts(compact, self.nodes):
                for ref in find_references(text):
                    target = (ref.compact or compact.slug, ref.clause_id)
                    if target in self.nodes and source not in self.backrefs[target] and target != source:
                        self.backrefs[target].append(source)

    def cite(self, slug: str, clause_id: str) -> str:
        key = (slug, clause_id)
        cited = self._cited.get(key)
        if cited is None:  # remembered: a register of 400 compacts cites ~250,000 times per build
            cited = self._cited[key] = citation(self.compacts[slug], self.nodes[key])
        return cited

    def for_page(self, slug: str, style: LinkStyle = LinkStyle()) -> "PageLinks":
        return PageLinks(self, slug, style)


class PageLinks:
    """Links as seen from one compact's page (``<slug>/index.md``)."""

    root = "../"  # from the page's folder to the site's root

    def __init__(self, citations: Citations, slug: str, style: LinkStyle) -> None:
        self.citations, self.slug, self.style = citations, slug, style
        self.terms = citations.terms  # term id -> how it is written, for [[glossary:id]]

    def href(self, slug: str, clause_id: str) -> str:
        anchor = clause_anchor(clause_id)
        return f"#{anchor}" if slug == self.slug else f"{self.root}{slug}/index.md#{anchor}"

    def url(self, slug: str, clause_id: str) -> str:
        """The clause's address in the built site, relative to this compact's page: for HTML that MkDocs does
        not rewrite (a page's pre-rendered clause blocks). :meth:`href` is the Markdown form."""
        anchor = clause_anchor(clause_id)
        if slug == self.slug:
            return f"#{anchor}"
        return f"{self.root}{slug}/#{anchor}" if self.style.directory_urls else \
            f"{self.root}{slug}/index.html#{anchor}"

    def resolve(self, slug: Optional[str], clause_id: str, final: bool = False) -> Optional[tuple[str, str]]:
        """(citation, href) for ``[[slug:id]]``; None when it does not exist. The href is a Markdown link to
        the source file, or with ``final`` the built site's relative URL."""
        if slug == TERM_REF_PREFIX:
            term = self.terms.get(clause_id)
            glossary = "glossary.md" if not final else "glossary/" if self.style.directory_urls else "glossary.html"
            return (term, f"{self.root}{glossary}#term-{clause_id}") if term else None
        target = slug or self.slug
        if (target, clause_id) not in self.citations.nodes:
            return None
        return self.citations.cite(target, clause_id), (self.url if final else self.href)(target, clause_id)

    def resolve_final(self, slug: Optional[str], clause_id: str) -> Optional[tuple[str, str]]:
        """:meth:`resolve` with built-site URLs."""
        return self.resolve(slug, clause_id, final=True)

    def referenced_by(self, clause_id: str, final: bool = False) -> list[tuple[str, str]]:
        """(citation, href) of each clause that refers to this one (``final``: built-site URLs)."""
        link = self.url if final else self.href
        return [(self.citations.cite(s, i), link(s, i)) for s, i in self.citations.backrefs[(self.slug, clause_id)]]

    def identifier_href(self, clause_id: str) -> str:
        """The clause's identifier URL relative to the compact page."""
        path = clause_url(self.slug, clause_id)[len(self.slug) + 1:]
        return path if self.style.directory_urls else path + "index.html"

    def identifier_url(self, clause_id: str) -> Optional[str]:
        """Absolute identifier URL when the site's address is known (``site_url``)."""
        if not self.style.site_url:
            return None
        return self.style.site_url.rstrip("/") + "/" + clause_url(self.slug, clause_id)


class EditionLinks(PageLinks):
    """Links as seen from a past edition's page (``<slug>/<YYYY-MM-DD>/index.md``, a folder further down): its own
    clauses are that edition's, on the same page (cited, and "Referenced by", as the edition has them); other
    compacts' clauses and the glossary's terms are the site's current ones."""

    root = "../../"

    def __init__(self, edition: Compact, date: str, site: Citations, style: LinkStyle) -> None:
        super().__init__(Citations([edition]), edition.slug, style)
        self.site, self.date = site, date
        self.terms = site.terms  # the glossary pages list today's terms

    def resolve(self, slug: Optional[str], clause_id: str, final: bool = False) -> Optional[tuple[str, str]]:
        """As :meth:`PageLinks.resolve`: this compact's clauses in this edition, others' as they are today."""
        target = slug or self.slug
        if target == self.slug or slug == TERM_REF_PREFIX:
            return super().resolve(slug, clause_id, final)
        if (target, clause_id) not in self.site.nodes:
            return None
        return self.site.cite(target, clause_id), (self.url if final else self.href)(target, clause_id)

    def identifier_href(self, clause_id: str) -> str:
        """A clause's permanent address in this edition: its anchor on this page (its identifier URL is its
        current form's)."""
        return f"#{clause_anchor(clause_id)}"

    def identifier_url(self, clause_id: str) -> Optional[str]:
        """The absolute address of the clause in this edition, when the site's address is known."""
        if not self.style.site_url:
            return None
        return f"{self.style.site_url.rstrip('/')}/{edition_url(self.slug, self.date)}#{clause_anchor(clause_id)}"


def link_references(text: str, from_uri: str, citations: Citations) -> tuple[str, list[tuple[int, str, str]]]:
    """Turn ``[[slug:id]]`` in a hand-written Markdown page into citation links.

    Returns the new text and the unresolved references as (line offset, code, message).
    """
    out, last, faults = [], 0, []
    only = next(iter(citations.compacts)) if len(citations.compacts) == 1 else None
    for ref in find_references(text):
        slug = ref.compact or only
        out.append(text[last:ref.start])
        last = ref.end
        if slug == TERM_REF_PREFIX:
            if ref.clause_id in citations.terms:
                target = posixpath.relpath("glossary.md", posixpath.dirname(from_uri) or ".")
                out.append(f"[{citations.terms[ref.clause_id]}]({target}#term-{ref.clause_id})")
                continue
            faults.append((ref.line_offset, "CS408", f"{ref.written}: no term '{ref.clause_id}' in the glossary"))
        elif slug is None:
            faults.append((ref.line_offset, "CS407", f"reference {ref.written} must name its compact, "
                                                     f"e.g. [[{next(iter(citations.compacts), 'slug')}:{ref.clause_id}]]"))
        elif slug not in citations.compacts:
            faults.append((ref.line_offset, "CS402", f"reference {ref.written} names unknown compact '{slug}'"))
        elif (slug, ref.clause_id) not in citations.nodes:
            faults.append((ref.line_offset, "CS401", f"reference {ref.written}: no clause '{ref.clause_id}' in '{slug}'"))
        else:
            target = posixpath.relpath(f"{slug}/index.md", posixpath.dirname(from_uri) or ".")
            out.append(f"[{citations.cite(slug, ref.clause_id)}]({target}#{clause_anchor(ref.clause_id)})")
            continue
        out.append(ref.written)
    out.append(text[last:])
    return "".join(out), faults
