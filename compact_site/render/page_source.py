"""A generated page as the renderers hand it to a site: its address, Markdown and fragments' HTML."""
from __future__ import annotations

from dataclasses import dataclass

from compact_site.render.fragments import splice
from compact_site.text.to_html import to_html


@dataclass(frozen=True)
class PageSource:
    """A page to generate: where it goes (``src_uri``), its Markdown, and the YAML it came from."""

    src_uri: str
    markdown: str
    origin: str | None = None
    blocks: tuple[str, ...] = ()  # HTML of the page fragments, for the Markdown's placeholders (render/fragments.py)
    searchable: bool = False  # whether the site's search indexes the blocks (clause text has its own entries)
    made_elsewhere: bool = False  # a stand-in: a worker process makes its Markdown and blocks (pages/listing.py)

    def html(self) -> str:
        """The page as HTML without a site (Markdown through the site's extensions, then the blocks)."""
        return splice(to_html(self.markdown), self.blocks)
