"""A compact as one page: Markdown for its headings and prose (so MkDocs makes the table of contents and search
sections), page fragments (templates) for its clauses.

Each method renders one part of the model to a list of Markdown lines. Clause anchors come from
:func:`compact_site.model.references.clause_anchor` only.
"""
from __future__ import annotations

import re
from typing import NamedTuple, Optional

from compact_site.core.citations import PageLinks
from compact_site.core.glossary import Entry
from compact_site.model import Block, Clause, Compact, Principles, Section, Undertakings
from compact_site.model.compact import PART_NAMES
from compact_site.model.references import clause_anchor
from compact_site.render.clause_views import (
    ClauseView,
    clause_view,
    referenced_by,
    similar_matches,
    withdrawn_view,
)
from compact_site.render.compact_header import (
    downloads_context,
    format_date,
    header_context,
)
from compact_site.render.downloads import FormatContact
from compact_site.render.fragments import (
    Fragments,
    merge_placeholders,
    package_fragments,
    placeholder,
    splice,
)
from compact_site.render.parts import (
    note_lines,
    notes_about,
    render_forms,
    render_notes,
    render_partners,
    render_procedures,
    render_signatories,
    render_steering_group,
)
from compact_site.render.prose_blocks import list_lines, prose_lines
from compact_site.text.author_text import Prose, inline, label, markdown, prose
from compact_site.text.to_html import to_html

STATUS_TEXT = {"draft": "This is a draft compact.", "consultation-draft": "This is a consultation draft.",
               "superseded": "This compact has been superseded.", "adopted": "", "unknown": ""}


_H2_RE = re.compile(r"^## (.*) \{ #([^ ]+) \}$")


class PageWriter:
    """Writes one compact page; holds its links so every text goes through the same path.

    Clause blocks, party headings, procedure stages and withdrawn clauses are page fragments (templates,
    render/fragments.py): their HTML goes into :attr:`blocks` and the Markdown holds a placeholder for each."""

    def __init__(self, compact: Compact, links: PageLinks | None = None, similar=None,
                 fragments: Fragments | None = None, downloads: list[tuple[str, str]] | None = None,
                 contact: FormatContact | None = None, header: dict | None = None, history: bool = False) -> None:
        self.compact = compact
        self.header_more = header or {}  # header_context's other arguments: the edition line, succession rows
        self.history = history  # whether its clauses link to their history (it has past editions)
        self.downloads = downloads or []  # (path in the site, kind): render/downloads.py
        self.contact = contact
        self.links = links
        self.similar = similar  # clause id -> concordance matches elsewhere (compact_site.core.concordance)
        self.resolve = links.resolve if links else None
        self.fragments = fragments or package_fragments()
        self.footnotes = tuple(note.id for note in compact.footnotes)  # the page's footnote list, in its order
        self.blocks: list[str] = []

    own_pages = True  # whether the compact's glossary, register and form pages are this text's (not so an edition's)

    def md(self, text: Optional[str]) -> list[str]:
        return [markdown(text, self.resolve), ""] if text else []

    def text_lines(self, text: str | None) -> list[str]:
        """A block of author text: HTML in :attr:`blocks` when it is plain prose, else Markdown (prose_blocks.py)."""
        return prose_lines(markdown(text, self.resolve) if text else None, self.blocks)

    def bullets(self, items: list[str]) -> list[str]:
        """A bulleted list of one-line items (made safe): like :meth:`text_lines`, HTML when plain."""
        return list_lines(items, self.blocks)

    def glossary(self) -> list[str]:
        """The compact's own glossary: its heading, then the glossary-section fragment (searched), each term's
        heading in it rather than in the page's table of contents. Links to the glossary page from the compact's
        own page only (a past edition's terms may differ from that page's)."""
        glossary = self.compact.glossary
        if glossary is None:
            return []
        page = "glossary/" if self.links is None or self.links.style.directory_urls else "glossary.html"
        terms = [{"anchor": f"glossary-{Entry.from_term(term, self.compact.slug).id}", "term": label(term.term),
                  "definition": self.prose(term.definition)} for term in glossary.terms]
        return self.heading(2, glossary.heading or "Glossary", "glossary") + self.fragment(
            "glossary-section.html", searched=True, intro=self.prose(glossary.intro), terms=terms,
            all_terms_href=page if self.own_pages else "")

    def prose(self, text: str | None) -> Prose | str:
        """Author text as HTML for a fragment, its references linked from this page ('' for none)."""
        return prose(text, self.links.resolve_final if self.links else None, self.footnotes) if text else ""

    def heading(self, level: int, text: str, anchor: str) -> list[str]:
        return [f"{'#' * level} {inline(text)} {{ #{anchor} }}", ""]

    def fragment(self, name: str, searched: bool = False, **context) -> list[str]:
        """Fragment ``name`` rendered into :attr:`blocks`; the Markdown lines that hold its place (``searched``: see
        :func:`.fragments.placeholder`)."""
        self.blocks.append(self.fragments.render(name, **context))
        return [placeholder(len(self.blocks) - 1, searched), ""]

    def group_heading(self, level: int, text: str, anchor: str) -> list[str]:
        """A party group's heading ("The VCS will:"): a heading for readers and screen readers, not an entry in
        the "On this page" list, which keeps to the sections (a national register's synthetic compacts have ~40
        such headings each, all alike)."""
        return self.fragment("party-heading.html", level=level, anchor=anchor, heading=label(text))

    def block(self, block: Optional[Block], default: str, anchor: str, level: int = 2) -> list[str]:
        if block is None:
            return []
        lines = self.heading(level, block.heading or default, anchor) + self.text_lines(block.text)
        for position, item in enumerate(block.items, 1):
            marker = f"{item.number or position}." if block.numbered else "-"
            body = markdown(item.text, self.resolve).replace("\n", "\n    ")
            lines.append(f"{marker} {body}")
        return lines + ([""] if block.items else []) + self.text_lines(block.after)

    def view(self, node) -> ClauseView:
        return clause_view(self.compact, node, self.links, self.footnotes, history=self.history)

    def clause_block(self, clause) -> list[str]:
        """One clause's block (its fragment's placeholder)."""
        return self.fragment("clause.html", clause=self.view(clause), standalone=False,
                             referenced_by=referenced_by(self.links, clause.id),
                             similar=similar_matches(self.links, self.similar, clause.id))

    def clause(self, clause: Clause, level: int = 3) -> list[str]:
        lines = self.clause_block(clause)
        placed = self.compact.principles
        if placed is not None and placed.after_clause == clause.id:
            lines += self.principles(placed, level + 1, placed_here=True)
        return lines

    def steps(self, steps: list) -> list[str]:
        """A procedure's stages (each citable, with the same tools as a clause)."""
        views = [{"clause": self.view(step), "referenced_by": referenced_by(self.links, step.id),
                  "similar": similar_matches(self.links, self.similar, step.id)} for step in steps]
        return self.fragment("procedure-steps.html", steps=views)

    def copy_button(self, node) -> str:
        """The button that copies a clause's identifier URL ('' off-site, where there are no such URLs)."""
        if self.links is None:
            return ""
        return " ".join(self.fragments.render("copy-link.html", clause=self.view(node)).split("\n"))

    def principles(self, principles: Optional[Principles], level: int = 2, placed_here: bool = False) -> list[str]:
        if principles is None or (principles.after_clause and not placed_here):
            return []
        lines = self.heading(level, principles.heading or "Shared principles", "principles") + \
            self.text_lines(principles.intro)
        if principles.layout == "table":
            lines += ["| Principle | What it means |", "|---|---|"]
            for item in principles.items:
                text = markdown(item.text, self.resolve).replace("\n", " ").replace("|", "\\|")
                lines.append(f'| <span class="compact-principle" id="{clause_anchor(item.id)}">'
                             f'{inline(item.title or "")} {self.copy_button(item)}</span> | {text} |')
            lines.append("")
        else:
            for item in principles.items:
                lines += self.clause(item)
        return lines + self.text_lines(principles.after)

    def section(self, section: Section, level: int) -> list[str]:
        title = f"{section.number}. {section.title}" if section.number else section.title
        lines = self.heading(level, title, f"section-{section.id}") + self.text_lines(section.intro)
        notes = notes_about(self.compact, section.id) if section.title_only() else []
        if notes:  # the source is cut off here: its 'missing' note says so under the heading
            lines += ['<div class="compact-section-notes" markdown="1">', "", *note_lines(notes, self.md), "",
                      "</div>", ""]
        for clause in section.clauses:
            lines += self.clause(clause, level)
        for position, group in enumerate(section.groups, 1):
            if group.heading:
                lines += self.group_heading(level + 1, group.heading, f"section-{section.id}-{group.party}-{position}")
            lines += self.text_lines(group.intro)
            for clause in group.clauses:
                lines += self.clause(clause, level + 1)
        return lines + self.text_lines(section.after)

    def undertakings(self, body: Optional[Undertakings]) -> list[str]:
        if body is None:
            return []
        lines: list[str] = []
        level = 2
        if body.heading:
            lines += self.heading(2, body.heading, "undertakings")
            level = 3
        lines += self.text_lines(body.intro)
        for section in body.sections:
            lines += self.section(section, level)
        return lines

    def header(self) -> list[str]:
        c = self.compact
        lines = [f"# {inline(c.title)} {{ #top }}", ""]
        if c.subtitle:
            lines += [f"*{inline(c.subtitle)}*", ""]
        if STATUS_TEXT[c.status]:
            lines += [f'!!! warning "Status: {c.status.replace("-", " ")}"', "", f"    {STATUS_TEXT[c.status]}", ""]
        if c.dates.review:
            lines += [f'<div class="compact-review-notice" data-review="{c.dates.review}" role="note" hidden '
                      f'markdown="1">', "", f"**Review overdue:** this compact was due for review by "
                      f"{format_date(c.dates.review)}.", "", "</div>", ""]
        lines += self.fragment("compact-header.html", **header_context(c, self.links, **self.header_more))
        if self.links is not None:  # on a site: this compact's other pages, and its downloads (sizes spliced later)
            lines += ["[Glossary](glossary.md) · [Signatories and partners](signatories.md)", "{: .compact-related }",
                      ""]
            if self.downloads:
                later = downloads_context(c, self.links, self.downloads, self.contact)
                self.blocks.append(self.fragments.render_later("downloads.html", later))
                lines += [placeholder(len(self.blocks) - 1), ""]
        return lines

    def withdrawn(self) -> list[str]:
        """Tombstones: each withdrawn clause keeps its anchor and says what happened."""
        if not self.compact.withdrawn:
            return []
        lines = self.heading(2, "Withdrawn clauses", "withdrawn")
        for gone in self.compact.withdrawn:
            lines += self.fragment("withdrawn.html", withdrawn=withdrawn_view(gone, self.links))
        return lines

    def contents(self, parts: list[list[str]]) -> list[str]:
        """A contents list of the page's main headings (also for phones and print, where no sidebar shows): a
        searched block, as the Markdown list it replaces was read by Material's search."""
        entries = [_H2_RE.match(line) for part in parts for line in part]
        entries = [{"title": label(m[1]), "anchor": m[2]} for m in entries if m]
        if len(entries) < 3:
            return []
        return self.fragment("contents.html", searched=True, entries=entries)  # bulleted: headings carry numbers

    def parts(self) -> dict[str, list[str]]:
        """Every part's Markdown, keyed by the names ``order`` uses."""
        c, md, text = self.compact, self.md, self.text_lines
        rendered = {
            "introduction": self.block(c.introduction, "Introduction", "introduction"),
            "purpose": self.block(c.purpose, "Purpose", "purpose"),
            "vision": self.block(c.vision, "Vision", "vision"),
            "outcomes": self.block(c.outcomes, "Outcomes", "outcomes"),
            "about": [],
            "objectives": self.block(c.objectives, "Objectives", "objectives"),
            "principles": self.principles(c.principles),
            "undertakings": self.undertakings(c.undertakings),
            "codes_of_practice": self.block(c.codes_of_practice, "Codes of practice", "codes-of-practice"),
            "governance": self.block(c.governance, "Governance", "governance"),
            "procedures": render_procedures(c, text, self.steps), "partners": render_partners(c, text, self.bullets),
            "steering_group": render_steering_group(c, text),
            "signatories": render_signatories(c, text, register=self.own_pages, bullets=self.bullets),
            "forms": render_forms(c, md, on_site=self.own_pages and self.links is not None),  # list items: Markdown
            "glossary": self.glossary(),
        }
        for about in c.about:
            rendered[f"about:{about.id}"] = self.block(about, about.heading, f"about-{about.id}")
        return rendered

    def page(self) -> str:
        c = self.compact
        rendered = self.parts()
        names: list[str] = []
        for name in [*c.order, *PART_NAMES]:
            expanded = [f"about:{a.id}" for a in c.about] if name == "about" else [name]
            names += [n for n in expanded if n not in names]
        ordered = [rendered[name] for name in names]
        footnotes = [f"[^{note.id}]: {markdown(note.text, self.resolve)}" for note in c.footnotes]
        body = [self.header(), self.contents(ordered), *ordered, self.withdrawn(), render_notes(c, self.md), footnotes]
        text = "\n".join(line for part in body for line in part).rstrip() + "\n"
        return merge_placeholders(text) if self.blocks else text


class RenderedPage(NamedTuple):
    """A page's Markdown and the HTML blocks for its placeholders (render/fragments.py)."""

    markdown: str
    blocks: tuple[str, ...]

    def html(self) -> str:
        """The page as HTML without a site (Markdown through the site's extensions, then the blocks)."""
        return splice(to_html(self.markdown), self.blocks)


def render_compact_page(compact: Compact, links: PageLinks | None = None, similar=None,
                        fragments: Fragments | None = None, downloads: list[tuple[str, str]] | None = None,
                        contact: FormatContact | None = None, header: dict | None = None,
                        history: bool = False) -> RenderedPage:
    """The whole compact as one page; without ``links``, plain (no site tools, references as typed).
    ``similar(clause_id)`` gives the concordance's matches listed under each clause; ``fragments`` the site's
    templates (the package's by default); ``downloads`` its files to download, (path in the site, kind of
    render/downloads.py), listed with a site; ``contact`` who to ask for another format; ``header`` the compact
    header's other arguments (render/compact_header.py: its ``edition`` line and ``succession`` rows);
    ``history``: each clause links to its history page (the compact has past editions)."""
    writer = PageWriter(compact, links, similar, fragments, downloads, contact, header, history)
    return RenderedPage(writer.page(), tuple(writer.blocks))
