"""A fast path for the commonest author text: one paragraph of plain prose.

Most clauses (about 98% at national scale) are a single line of words and ordinary punctuation. Sending each
through Python-Markdown (``render.html.to_html``, ~0.25 ms of fixed overhead a call) and lxml, once for the
JSON's plain text, once for Akoma Ntoso and once for search, was most of the build's export time. For such a
text the whole pipeline is the identity apart from ``strip()``: no reference, footnote, link, raw HTML,
attribute list or block syntax can occur, so Markdown makes it one ``<p>`` of the same words, and the plain
words are the text with its whitespace collapsed.

:func:`simple_prose` decides conservatively: anything it is unsure about goes the slow way. That the two
ways agree is proved by ``tests/test_exports_speed.py`` (every string of the real compacts, generated tricky
strings) and ``tests/test_exports_speed_national.py`` (every clause of the 400-compact set), so the rule
here may only ever get stricter without a test run.
"""
from __future__ import annotations

import re
from typing import Optional

# Characters with a meaning anywhere in a line for the site's Markdown pipeline or its extensions:
# escapes, code, emphasis, links/refs/footnotes ([ ]), raw HTML (< >), attribute lists ({ }), images and
# admonitions (!), headings (#), tables (|), and "&" unless a space follows it (an entity cannot start
# so: "Health & Wellbeing" is common and stays "&"). Any of them sends the text the slow way.
_SPECIAL_RE = re.compile(r"[\\`*_\[\]<>{}!#|]|&(?! )")
# Block syntax decided by how a line starts: lists ("- ", "+ ", "1. ", "1) "), horizontal rules, quotes,
# setext underlines, and a few characters extensions not enabled today might claim (":", "~", "%").
_BLOCK_START_RE = re.compile(r"[-+=:~%]|\d+[.)]")


def simple_prose(text: Optional[str]) -> Optional[str]:
    """The text as it would appear in its single ``<p>``, if it is plain prose; None to take the slow path.

    Plain prose: printable (so no line breaks, tabs, control characters or unusual spaces, which Markdown
    or XML would change), none of the special characters above, and not starting like a block.
    """
    if not text or not text.isprintable() or _SPECIAL_RE.search(text):
        return None
    # isprintable() leaves the ASCII space as the only whitespace, so this is the pipeline's own strip().
    stripped = text.strip(" ")
    if not stripped or _BLOCK_START_RE.match(stripped):
        return None
    return stripped


def collapse(text: str) -> str:
    """Plain words: whitespace runs as single spaces, none at the ends (what every plain-text path returns)."""
    return " ".join(text.split())
