"""Markdown → HTML for the common case without Python-Markdown: paragraphs of plain prose.

Most clauses are a sentence or two of prose with no Markdown in them. Python-Markdown spends ~0.2 ms of fixed
cost on each, which at 32,000 clauses is seconds per output. For a text that cannot contain Markdown, its
output is the text itself in paragraphs; :data:`NOT_PLAIN` finds anything that could be Markdown. The compact
pages' clause blocks and the clause identifier pages both use it. ``tests/test_clause_pages.py`` and
``tests/test_scale.py`` check the claim against Python-Markdown on every text of the example compacts and on
thousands of generated ones.
"""
from __future__ import annotations

import re

from .html import to_html

# No Markdown or HTML syntax character, no control or unusual whitespace character, no indented line or
# trailing space, and no line opening with "-" or "1. " (lists, rules, setext underlines). A number such as
# "4.2" opens no list (Python-Markdown's needs whitespace after the dot), and clause numbers are mostly that,
# so "4.2" must not send every clause to Python-Markdown: at 400 compacts that costs ~10 s.
NOT_PLAIN = re.compile(
    r"[\x00-\x09\x0b-\x1f\x7f#*_`\[\]!\\<>&{}|~=+^]|[^\S \n]|^[\s-]|\n[ -]|(?:^|\n)\d+\.(?:\s|\Z)| \n|\s\Z")
_PARAGRAPH_BREAK = re.compile(r"\n\n+")


def plain_paragraph(text: str) -> bool:
    """Whether Python-Markdown would render ``text`` as ``<p>text</p>`` unchanged (one line, nothing to do)."""
    return bool(text) and "\n" not in text and NOT_PLAIN.search(text) is None


def markdown_html(source: str) -> str:
    """``source`` (generated Markdown) as HTML, exactly as :func:`compact_site.render.html.to_html` renders it."""
    if source and not NOT_PLAIN.search(source):
        return "\n".join(f"<p>{paragraph}</p>" for paragraph in _PARAGRAPH_BREAK.split(source))
    return to_html(source)
