"""Author prose on a generated page that needs no Markdown: straight to HTML, as a block Material's search reads.

Python-Markdown's fixed cost per paragraph and per list is most of what a generated page costs MkDocs to convert
(its headings aside): a compact page's intros and glossary definitions, its signatories and partners, a glossary
page's definitions. Plain prose (:mod:`compact_site.text.plain_prose`, the one rule every output shares) is
written as Markdown would write it and goes in as a *searched* block (:func:`.fragments.placeholder`), spliced
before Material's search reads the page: the page, its table of contents and its search entries are the same.
Anything else stays Markdown, so MkDocs still resolves and checks its links.
"""
from __future__ import annotations

from typing import MutableSequence, Optional

from compact_site.render.fragments import Block, placeholder
from compact_site.text.plain_prose import plain_html, plain_list_html


def _placed(html: str, blocks: MutableSequence[str]) -> list[str]:
    blocks.append(Block(html))
    return [placeholder(len(blocks) - 1, searched=True), ""]


def prose_lines(source: Optional[str], blocks: MutableSequence[str]) -> list[str]:
    """Page lines for ``source`` (author Markdown already made safe and linked): a searched block of its HTML when
    it is plain prose, else the Markdown itself."""
    if not source:
        return []
    html = plain_html(source)
    return [source, ""] if html is None else _placed(html, blocks)


def list_lines(items: list[str], blocks: MutableSequence[str]) -> list[str]:
    """Page lines for a bulleted list of one-line items (made safe): a searched block when each is plain prose."""
    html = plain_list_html(items)
    if html is None:
        return [f"- {item}" for item in items] + [""]
    return _placed(html, blocks)
