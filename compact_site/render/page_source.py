"""A generated page as the renderers hand it to a site: its address, Markdown and fragments' HTML."""
from __future__ import annotations

from dataclasses import dataclass

from compact_site.render.fragments import Block, splice
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


class Blocks(tuple):
    """A page's blocks as plain strings, with the name of the fragment that made each (``names``, for the link
    check's messages): how the pages a worker made arrive (:func:`unpacked`)."""

    names: tuple[str, ...] = ()

    def __new__(cls, blocks, names: tuple[str, ...]) -> "Blocks":
        made = super().__new__(cls, blocks)
        made.names = names
        return made


def packed(page: PageSource) -> tuple:
    """``page`` for the trip from a worker process: its blocks as one string with their lengths, the fragments'
    names and the contexts of those rendered again later. Pickled, 100,000 Block objects (str subclasses with
    attributes) cost ~1.5 s to send and ~1 s to receive; this, ~0.1 s."""
    blocks = page.blocks
    later = {n: block.later for n, block in enumerate(blocks) if getattr(block, "later", None) is not None}
    return (page.src_uri, page.markdown, page.origin, page.searchable, "".join(blocks), tuple(map(len, blocks)),
            tuple(getattr(block, "fragment", "") for block in blocks), later)


def unpacked(data: tuple) -> PageSource:
    """The page :func:`packed` sent; its blocks the same text (plain strings, those for later as Blocks)."""
    src_uri, markdown, origin, searchable, joined, lengths, names, later = data
    blocks: list[str] = []
    at = 0
    for length in lengths:
        blocks.append(joined[at:at + length])
        at += length
    for n, context_for in later.items():
        block = Block(blocks[n])
        block.fragment, block.later = names[n], context_for
        blocks[n] = block
    return PageSource(src_uri, markdown, origin, Blocks(blocks, names), searchable)
