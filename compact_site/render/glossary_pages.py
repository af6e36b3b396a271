"""Glossary pages: one site-wide (``/glossary/``) and one per compact (``/<slug>/glossary/``).

Alphabetical; each term under a stable ``term-<id>`` anchor with "Used in" links to the clauses that use it.
"""
from __future__ import annotations

from typing import Optional

from compact_site.core.citations import Citations
from compact_site.core.glossary import Entry, entries_of, page_entries, term_anchor
from compact_site.model import Compact, Glossary
from compact_site.model.references import clause_anchor
from compact_site.render.clause_views import Link
from compact_site.render.fragments import Fragments, merge_placeholders, package_fragments, placeholder
from compact_site.render.prose_blocks import prose_lines
from compact_site.text.author_text import inline, label, markdown

SITE_GLOSSARY_URI = "glossary.md"


def compact_glossary_uri(slug: str) -> str:
    return f"{slug}/glossary.md"


def _heading(entry: Entry) -> str:
    term = entry.term
    if entry.abbreviation and f"({entry.abbreviation})" not in term:
        term = f"{term} ({entry.abbreviation})"
    return inline(term)


class UsedIn:
    """Writes a term's "Used in" links: the used-in fragment, spliced after Markdown, with the built site's URLs
    (``page`` formats a compact page's URL as seen from this glossary page). A term such as "VCS" is used in
    thousands of clauses of a national register, and each Markdown link cost MkDocs a lookup."""

    def __init__(self, used: dict, citations: Citations, page: str, fragments: Fragments, blocks: list[str]) -> None:
        self.used, self.citations, self.page, self.fragments, self.blocks = used, citations, page, fragments, blocks

    def lines(self, keys: list[tuple]) -> list[str]:
        clauses = list(dict.fromkeys(clause for key in keys for clause in self.used.get(key, [])))
        if not clauses:
            return []
        cite = self.citations.cite
        links = [Link(cite(slug, ident), f"{self.page.format(slug=slug)}#{clause_anchor(ident)}")
                 for slug, ident in clauses]
        self.blocks.append(self.fragments.render("used-in.html", links=links))
        return [placeholder(len(self.blocks) - 1), ""]


def _sorted(entries: list[Entry]) -> list[Entry]:
    return sorted(entries, key=lambda entry: entry.term.lower())


def site_glossary_markdown(compacts: list[Compact], site: Optional[Glossary], used: dict, citations: Citations,
                           directory_urls: bool, blocks: list[str], fragments: Fragments | None = None) -> str:
    """Every term of the site glossary and of every compact, one heading per term id; ``blocks`` receives the
    "Used in" lists (see UsedIn). ``used`` and ``citations`` span every compact: a site computes them once and
    passes them to every glossary page."""
    page = "../{slug}/" if directory_urls else "{slug}/index.html"
    fragments = fragments or package_fragments()
    used_in_lines = UsedIn(used, citations, page, fragments, blocks).lines
    glossary_page = "../{slug}/glossary/" if directory_urls else "{slug}/glossary.html"
    groups: dict[str, list[Entry]] = {}
    for entry in entries_of(site, None) + [e for c in compacts for e in entries_of(c.glossary, c.slug)]:
        groups.setdefault(entry.id, []).append(entry)
    titles = {c.slug: c.title for c in compacts}
    lines = [f"# {inline(site.heading) if site and site.heading else 'Glossary'}", ""]
    lines += [markdown(site.intro), ""] if site and site.intro else []
    for term_id, entries in sorted(groups.items(), key=lambda item: item[1][0].term.lower()):
        lines += [f"## {_heading(entries[0])} {{ #{term_anchor(term_id)} }}", ""]
        for entry in entries:
            if entry.source:  # a fragment: a national register's glossary has 6,000 of these links
                blocks.append(fragments.render("glossary-source.html", title=label(titles[entry.source]),
                                               href=f"{glossary_page.format(slug=entry.source)}"
                                                    f"#{term_anchor(entry.id)}"))
                lines += [placeholder(len(blocks) - 1, searched=True), ""]
            lines += prose_lines(markdown(entry.definition), blocks)
        lines += used_in_lines([(e.source, e.id) for e in entries])
    return merge_placeholders("\n".join(lines))


def compact_glossary_markdown(compact: Compact, site: Optional[Glossary], used: dict, citations: Citations,
                              directory_urls: bool, blocks: list[str], fragments: Fragments | None = None) -> str:
    """A compact's own terms, plus the site terms its text uses (``blocks``: see UsedIn)."""
    page = "../" if directory_urls else "index.html"
    fragments = fragments or package_fragments()
    entries = [e for e in page_entries(compact, site) if e.source or used.get((None, e.id))
               and any(slug == compact.slug for slug, _ in used[(None, e.id)])]
    lines = [f"# Glossary – {inline(compact.title)}", "",
             f"Terms used in the [{inline(compact.title)}](index.md). The site-wide [glossary](../glossary.md) "
             "lists the terms of every compact.", ""]
    for entry in _sorted(entries):
        lines += [f"## {_heading(entry)} {{ #{term_anchor(entry.id)} }}", ""]
        if entry.source is None:
            lines += ["*From the site-wide glossary.*", ""]
        lines += prose_lines(markdown(entry.definition), blocks)
        mine = {(entry.source, entry.id): [c for c in used.get((entry.source, entry.id), []) if c[0] == compact.slug]}
        lines += UsedIn(mine, citations, page, fragments, blocks).lines(list(mine))
    if not entries:
        lines += ["This compact uses no terms from the glossary.", ""]
    return merge_placeholders("\n".join(lines))
