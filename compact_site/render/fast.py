"""Markdown → HTML for the common case without Python-Markdown: one line of plain prose.

Most clauses are a sentence or two of prose with no Markdown in them. Python-Markdown spends ~0.2 ms of fixed
cost on each, which at 32,000 clauses is seconds per output. For a text that cannot contain Markdown (none of
the characters that start inline markup, no line break, no block marker at its start, no tab or control
character) Python-Markdown's output is the text itself in a paragraph; :func:`plain_paragraph` says whether a
text is such a one. ``tests/test_fast_render.py`` checks the claim against Python-Markdown on every clause of
the example compacts and on generated strings.
"""
from __future__ import annotations

import re

from .html import to_html

# Inline markup starts with one of these (emphasis, code, links, HTML, entities, escapes, attribute lists).
_PLAIN_RE = re.compile(r"[^\\`*_\[\]<>&{}\x00-\x1f\x7f]+")
# At the start of a line these make a block: list, quote, heading, code block, setext underline, table.
_BLOCK_START_RE = re.compile(r"\s|[-+*>#=|:~]|\d+[.)](\s|$)")


def plain_paragraph(text: str) -> bool:
    """Whether Python-Markdown would render ``text`` as ``<p>text</p>`` unchanged."""
    return (_PLAIN_RE.fullmatch(text) is not None and _BLOCK_START_RE.match(text) is None
            and not text.endswith((" ", "#")))


def markdown_html(text: str) -> str:
    """``text`` (generated Markdown) as HTML, exactly as :func:`compact_site.render.html.to_html` renders it."""
    return f"<p>{text}</p>" if plain_paragraph(text) else to_html(text)
