"""A compact as one Markdown page. Templates only frame this; search, toc and link checks see it all.

Each function renders one part of the model to a list of Markdown lines. Clause anchors come from
:func:`compact_site.references.clause_anchor` only.
"""
from __future__ import annotations

from typing import Optional

import re

from ..links import PageLinks
from ..model import Block, Clause, Compact, Principles, Section, Undertakings
from ..model.compact import PART_NAMES
from ..references import clause_anchor
from .parts import (note_lines, notes_about, render_forms, render_glossary, render_notes, render_partners,
                    render_procedures, render_signatories, render_steering_group)
from .fragments import can_render, clause_block, heading_html, merge_placeholders, placeholder
from .text import inline, markdown

STATUS_TEXT = {"draft": "This is a draft compact.", "consultation-draft": "This is a consultation draft.",
               "superseded": "This compact has been superseded.", "adopted": "", "unknown": ""}
MONTHS = ["January", "February", "March", "April", "May", "June", "July", "August", "September", "October",
          "November", "December"]


def format_date(value: str) -> str:
    """'2011-07' -> 'July 2011'; '2011-07-14' -> '14 July 2011'."""
    parts = value.split("-")
    if len(parts) == 1:
        return parts[0]
    month = MONTHS[int(parts[1]) - 1]
    return f"{month} {parts[0]}" if len(parts) == 2 else f"{int(parts[2])} {month} {parts[0]}"


_H2_RE = re.compile(r"^## (.*) \{ #([^ ]+) \}$")


class PageWriter:
    """Writes one compact page; holds its links so every text goes through the same path."""

    def __init__(self, compact: Compact, links: PageLinks | None = None, similar=None,
                 fragments: list[str] | None = None) -> None:
        self.compact = compact
        self.links = links
        self.similar = similar  # clause id -> concordance matches elsewhere (compact_site.concordance)
        self.resolve = links.resolve if links else None
        # Given a list (on a site), clause blocks are written as HTML into it and the Markdown holds
        # placeholders (see render/fragments.py: 90 ms a page less in Python-Markdown).
        self.fragments = fragments if links is not None else None

    def md(self, text: Optional[str]) -> list[str]:
        return [markdown(text, self.resolve), ""] if text else []

    def heading(self, level: int, text: str, anchor: str) -> list[str]:
        return [f"{'#' * level} {inline(text)} {{ #{anchor} }}", ""]

    def group_heading(self, level: int, text: str, anchor: str) -> list[str]:
        """A party group's heading ("The VCS will:"). On a site it joins the clause blocks as HTML: a heading for
        readers and screen readers, not an entry in the "On this page" list, which keeps to the sections (a
        national register's synthetic compacts have ~40 such headings each, all alike)."""
        html = heading_html(level, text, anchor) if self.fragments is not None else None
        if html is None:
            return self.heading(level, text, anchor)
        self.fragments.append(html)
        return [placeholder(len(self.fragments) - 1), ""]

    def block(self, block: Optional[Block], default: str, anchor: str, level: int = 2) -> list[str]:
        if block is None:
            return []
        lines = self.heading(level, block.heading or default, anchor) + self.md(block.text)
        for position, item in enumerate(block.items, 1):
            marker = f"{item.number or position}." if block.numbered else "-"
            body = markdown(item.text, self.resolve).replace("\n", "\n    ")
            lines.append(f"{marker} {body}")
        return lines + ([""] if block.items else []) + self.md(block.after)

    def clause(self, clause: Clause, level: int = 3) -> list[str]:
        if self.fragments is not None and can_render(clause):
            self.fragments.append(clause_block(self, clause))
            lines = [placeholder(len(self.fragments) - 1), ""]
        else:
            lines = self.clause_markdown(clause)
        placed = self.compact.principles
        if placed is not None and placed.after_clause == clause.id:
            lines += self.principles(placed, level + 1, placed_here=True)
        return lines

    def clause_markdown(self, clause: Clause) -> list[str]:
        title = f"**{inline(clause.title)}** – " if clause.title else ""
        body = markdown(clause.text, self.resolve)
        # Old anchors of clauses moved or merged here still land here.
        aliases = "".join(f'<span class="compact-alias" id="{clause_anchor(old)}"></span>' for old in clause.former_ids)
        formerly = clause.former_numbers or clause.former_ids
        shown = (f'<span class="compact-clause__formerly">(formerly {inline(", ".join(formerly))})</span> '
                 if formerly else "")
        return [f'<div class="compact-clause" id="{clause_anchor(clause.id)}" markdown="1">', "",
                f"{aliases}{self.clause_number(clause)}{shown}{title}{body}", ""] + self.clause_tools(clause) + [
                    "</div>", ""]

    def clause_number(self, clause: Clause) -> str:
        if not clause.number:
            return ""
        if self.links is None:
            return f'<span class="compact-clause__number">{inline(clause.number)}</span> '
        return (f'<a class="compact-clause__number" href="{self.links.identifier_href(clause.id)}" '
                f'title="Permanent link to this clause">{inline(clause.number)}</a> ')

    def copy_button(self, clause_id: str) -> str:
        """The button that copies a clause's identifier URL ('' off-site, where there are no such URLs)."""
        if self.links is None:
            return ""
        cite = inline(self.links.citations.cite(self.compact.slug, clause_id))
        absolute = self.links.identifier_url(clause_id)
        data_url = f' data-url="{absolute}"' if absolute else ""
        return (f'<button type="button" class="compact-copy" data-href="{self.links.identifier_href(clause_id)}"'
                f'{data_url} aria-label="Copy link to {cite}">Copy link</button>')

    def clause_tools(self, clause) -> list[str]:
        """Copy-link button and "Referenced by" links (only on a site, where identifier URLs exist)."""
        if self.links is None:
            return []
        lines = [f'<p class="compact-clause__tools">{self.copy_button(clause.id)}</p>', ""]
        refs = self.links.referenced_by(clause.id)
        if refs:
            lines += ["Referenced by: " + ", ".join(f"[{inline(text)}]({href})" for text, href in refs),
                      "{: .compact-clause__refs }", ""]
        return lines + self.similar_undertakings(clause)

    def similar_undertakings(self, clause) -> list[str]:
        """Collapsed list of the most similar clauses in other compacts; its summary names the clause, so a
        screen reader's list of controls tells one from the next."""
        known = self.links.citations.nodes if self.similar and self.links else {}
        matches = [m for m in self.similar(clause.id) if (m.slug, m.id) in known] if known else []
        if not matches:
            return []
        cite = self.links.citations.cite
        items = [f"- [{inline(cite(m.slug, m.id))}]({self.links.href(m.slug, m.id)}) – "
                 + (f"{round(m.score * 100)}% similar" if m.score is not None else f"{m.kind} (named by the editors)")
                 for m in matches]
        return ['<details class="compact-similar" markdown="1">',
                f"<summary>Similar undertakings to {inline(cite(self.compact.slug, clause.id))} ({len(matches)})"
                "</summary>", "", *items, "", "</details>", ""]

    def principles(self, principles: Optional[Principles], level: int = 2, placed_here: bool = False) -> list[str]:
        if principles is None or (principles.after_clause and not placed_here):
            return []
        lines = self.heading(level, principles.heading or "Shared principles", "principles") + self.md(principles.intro)
        if principles.layout == "table":
            lines += ["| Principle | What it means |", "|---|---|"]
            for item in principles.items:
                text = markdown(item.text, self.resolve).replace("\n", " ").replace("|", "\\|")
                lines.append(f'| <span class="compact-principle" id="{clause_anchor(item.id)}">'
                             f'{inline(item.title or "")} {self.copy_button(item.id)}</span> | {text} |')
            lines.append("")
        else:
            for item in principles.items:
                lines += self.clause(item)
        return lines + self.md(principles.after)

    def section(self, section: Section, level: int) -> list[str]:
        title = f"{section.number}. {section.title}" if section.number else section.title
        lines = self.heading(level, title, f"section-{section.id}") + self.md(section.intro)
        notes = notes_about(self.compact, section.id) if section.title_only() else []
        if notes:  # the source is cut off here: its 'missing' note says so under the heading
            lines += ['<div class="compact-section-notes" markdown="1">', "", *note_lines(notes, self.md), "",
                      "</div>", ""]
        for clause in section.clauses:
            lines += self.clause(clause, level)
        for position, group in enumerate(section.groups, 1):
            if group.heading:
                lines += self.group_heading(level + 1, group.heading, f"section-{section.id}-{group.party}-{position}")
            lines += self.md(group.intro)
            for clause in group.clauses:
                lines += self.clause(clause, level + 1)
        return lines + self.md(section.after)

    def undertakings(self, body: Optional[Undertakings]) -> list[str]:
        if body is None:
            return []
        lines: list[str] = []
        level = 2
        if body.heading:
            lines += self.heading(2, body.heading, "undertakings")
            level = 3
        lines += self.md(body.intro)
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
        facts = [("Area", c.area), ("Version", c.version)] + [
            (label, format_date(getattr(c.dates, key)) if getattr(c.dates, key) else None)
            for key, label in [("adopted", "Adopted"), ("refreshed", "Refreshed"), ("published", "Published"),
                               ("start", "Covers from"), ("end", "Covers until"), ("review", "Review date")]]
        lines += [f"- **{label}:** {inline(value)}" for label, value in facts if value]
        if self.links is not None:  # on a site: this compact's other pages
            lines += ["", "[Glossary](glossary.md) · [Signatories and partners](signatories.md) · "
                      "Download the register: [CSV](signatories.csv), [JSON](signatories.json) · "
                      "Download this compact: [JSON](compact.json), [Akoma Ntoso XML](compact.akn.xml)",
                      "{: .compact-related }"]
        return lines + [""]

    def withdrawn(self) -> list[str]:
        """Tombstones: each withdrawn clause keeps its anchor and says what happened."""
        if not self.compact.withdrawn:
            return []
        lines = self.heading(2, "Withdrawn clauses", "withdrawn")
        for gone in self.compact.withdrawn:
            lines += [f'<div class="compact-withdrawn" id="{clause_anchor(gone.id)}" markdown="1">', "",
                      f"**Clause {inline(gone.number or gone.id)} was withdrawn on {format_date(gone.date)}.** "
                      + markdown(gone.reason, self.resolve), "", "</div>", ""]
        return lines

    def contents(self, parts: list[list[str]]) -> list[str]:
        """A contents list of the page's main headings (also for phones and print, where no sidebar shows)."""
        entries = [_H2_RE.match(line) for part in parts for line in part]
        entries = [m for m in entries if m]
        if len(entries) < 3:
            return []
        lines = ['<nav class="compact-contents" aria-label="Contents" markdown="1">', "", "**Contents**", ""]
        # Bullets, not numbers: the headings carry the source's own section numbers.
        lines += [f"- [{m[1]}](#{m[2]})" for m in entries] + ["", "</nav>", ""]
        return lines

    def parts(self) -> dict[str, list[str]]:
        """Every part's Markdown, keyed by the names ``order`` uses."""
        c, md = self.compact, self.md
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
            "procedures": render_procedures(c, md, self.clause_tools), "partners": render_partners(c, md),
            "steering_group": render_steering_group(c, md), "signatories": render_signatories(c, md),
            "forms": render_forms(c, md, on_site=self.links is not None), "glossary": render_glossary(c, md),
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
        body = [self.header(), self.contents(ordered), *ordered, self.withdrawn(), 
            render_notes(c, self.md), [f"[^{note.id}]: {markdown(note.text, self.resolve)}" for note in c.footnotes]]
        text = "\n".join(line for part in body for line in part).rstrip() + "\n"
        return merge_placeholders(text) if self.fragments else text


def render_compact_page(compact: Compact, links: PageLinks | None = None, similar=None,
                        fragments: list[str] | None = None) -> str:
    """The whole compact as one Markdown page; without ``links``, plain (no site tools, references as typed).
    ``similar(clause_id)`` gives the concordance's matches listed under each clause. With ``fragments`` (a list
    to fill) and ``links``, clause blocks are HTML in that list, to be put in by ``fragments.splice``."""
    return PageWriter(compact, links, similar, fragments).page()
