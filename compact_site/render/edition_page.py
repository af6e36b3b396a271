"""A past edition of a compact as one page (``/<slug>/<YYYY-MM-DD>/``): its whole text as it was published, laid out
as the compact's page is (render/compact_page.py), with a banner saying it is not the current edition
(``edition-banner.html``) and, under each clause, links to its current form and to its history
(``edition-clause.html``).

What it leaves out, and why: the similar-clause lists (the concordance compares today's texts), the links to the
compact's glossary, register and form pages (they show today's), the review notice, and the site's search (its
front matter: readers searching want the text in force; each clause's current form is one link away).
"""
from __future__ import annotations

from typing import NamedTuple

from compact_site.core.citations import EditionLinks, citation
from compact_site.core.editions import EditionText, Timeline
from compact_site.model.references import clause_history_url, clause_url, edition_url
from compact_site.render.clause_views import referenced_by
from compact_site.render.compact_header import EditionLine, downloads_context, format_date, header_context, page_href
from compact_site.render.compact_page import PageWriter, RenderedPage
from compact_site.render.downloads import FormatContact
from compact_site.render.fragments import Fragments, placeholder
from compact_site.text.author_text import inline

# Material's documented way to leave a page out of its search index.
FRONT_MATTER = "---\nsearch:\n  exclude: true\n---\n\n"


class ClauseNow(NamedTuple):
    """Where a clause of a past edition is now: its current form's identifier page (a withdrawn clause's
    tombstone), cited as it is now (``label``), and its history page, both relative to the edition's page."""

    label: str
    href: str
    history_href: str
    withdrawn: bool


class EditionWriter(PageWriter):
    """Writes one past edition's page: a compact page of the edition's text, with the edition's own links."""

    own_pages = False  # the compact's glossary, register and form pages show today's text

    def __init__(self, edition: EditionText, timeline: Timeline, links: EditionLinks, line: EditionLine,
                 fragments: Fragments | None = None, downloads: list[tuple[str, str]] | None = None,
                 contact: FormatContact | None = None) -> None:
        super().__init__(edition.compact, links, None, fragments, downloads, contact,
                         header={"edition": line, "address": edition_url(edition.compact.slug, edition.date)})
        self.edition, self.timeline, self.line = edition, timeline, line
        self.here = edition_url(edition.compact.slug, edition.date)

    def now(self, clause_id: str) -> ClauseNow:
        """Where the clause with ``clause_id`` in this edition is now (by its id now: a moved clause's successor)."""
        slug, directory_urls = self.compact.slug, self.links.style.directory_urls
        current_id = self.timeline.history_ids[clause_id]
        current = self.timeline.current.compact
        node = self.timeline.current.nodes.get(current_id)
        if node is None:  # withdrawn since (CS809 makes every id of an edition a clause or a withdrawal now)
            node = next(gone for gone in current.withdrawn if gone.id == current_id)
        return ClauseNow(citation(current, node), page_href(clause_url(slug, current_id), self.here, directory_urls),
                         page_href(clause_history_url(slug, current_id), self.here, directory_urls),
                         current_id not in self.timeline.current.nodes)

    def clause_block(self, clause) -> list[str]:
        """A clause as this edition has it, with where it is now (no similar list: that compares today's texts)."""
        return self.fragment("edition-clause.html", clause=self.view(clause), standalone=False,
                             now=self.now(clause.id), referenced_by=referenced_by(self.links, clause.id))

    def steps(self, steps: list) -> list[str]:
        """A procedure's stages, each a block of its own with its links to now."""
        return [line for step in steps for line in self.clause_block(step)]

    def header(self) -> list[str]:
        """Title (naming the edition), the banner, then the edition's own summary (no status or review notice:
        the banner says what matters, that this text is not in force)."""
        c, edition = self.compact, self.edition
        name = edition.label or f"edition of {format_date(edition.date)}"
        lines = [f"# {inline(f'{c.title}: {name}')} {{ #top }}", ""]  # its <title> too: not the current page's
        lines += self.fragment("edition-banner.html", edition=self.line)  # the first thing after the title
        if c.subtitle:
            lines += [f"*{inline(c.subtitle)}*", ""]
        lines += self.fragment("compact-header.html", **header_context(c, self.links, **self.header_more))
        if self.downloads:  # this edition's own exports, beside its page (sizes spliced in later)
            later = downloads_context(c, self.links, self.downloads, self.contact, edition.date)
            self.blocks.append(self.fragments.render_later("downloads.html", later))
            lines += [placeholder(len(self.blocks) - 1), ""]
        return lines

    def page(self) -> str:
        """The page's Markdown, its front matter keeping it out of the site's search."""
        return FRONT_MATTER + super().page()


def render_edition_page(edition: EditionText, timeline: Timeline, links: EditionLinks, line: EditionLine,
                        fragments: Fragments | None = None, downloads: list[tuple[str, str]] | None = None,
                        contact: FormatContact | None = None) -> RenderedPage:
    """A past ``edition`` of the compact whose editions ``timeline`` holds, seen through ``links`` (its own
    clauses on the page, others' current pages); ``line``: its summary's "Edition" row (and banner);
    ``downloads``: its exports (path in the site, kind of render/downloads.py); ``contact``: who to ask for it
    in another format."""
    writer = EditionWriter(edition, timeline, links, line, fragments, downloads, contact)
    return RenderedPage(writer.page(), tuple(writer.blocks))
