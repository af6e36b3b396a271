"""Plain prose: the author text that needs no Markdown, decided by one rule for every output.

Most clauses (about 98% at national scale) are a line of words and ordinary punctuation. Python-Markdown spends
~0.2 ms of fixed cost on each, and the exports then parse its HTML with lxml: at 32,000 clauses that is seconds
per output. For plain prose the whole pipeline is known without running it: Markdown makes it one ``<p>`` of
the same words (``&`` escaped), and the plain words are the text itself. So the compact pages' clause blocks,
the identifier pages, the JSON and Akoma Ntoso exports and the search entries all ask :func:`plain_prose`
first, and send anything else the slow way.

The rule only ever errs towards the slow way. ``tests/test_clause_pages.py`` and ``tests/test_scale.py`` check
the HTML against Python-Markdown (the example compacts, thousands of generated strings, the national set);
``tests/test_exports_speed.py`` and ``tests/test_exports_speed_national.py`` check the exports' text.
"""
from __future__ import annotations

import re
from functools import lru_cache
from typing import Optional

from compact_site.text.to_html import to_html

# Characters with a meaning anywhere in a line for the site's Markdown pipeline or its extensions: escapes,
# code, emphasis, links/refs/footnotes ([ ]), raw HTML (< >), attribute lists ({ }), images and admonitions
# (!), headings (#), tables (|), critic/mark/caret/tilde syntax (= + ^ ~), and "&" unless a space follows it
# (an entity cannot start so: "Health & Wellbeing" is common and stays words).
_SPECIAL_RE = re.compile(r"[\\`*_\[\]<>{}!#|=+^~]|&(?! )")
# Block syntax decided by how a line starts: lists ("- ", "+ ", "1. ", "1) "), rules, quotes, setext
# underlines, and a few characters extensions might claim (":", "~", "%"). A number such as "4.2" opens no
# list (Python-Markdown's needs whitespace after the dot), and clause texts often start so: sending every one
# of them to Python-Markdown once cost ~10 s at 400 compacts.
_BLOCK_START_RE = re.compile(r"[-+=:~%]|\d+[.)](?:\s|\Z)")
_PARAGRAPH_BREAK = "\n\n"


@lru_cache(maxsize=65536)
def plain_prose(text: Optional[str]) -> Optional[str]:
    """``text`` itself if it is plain prose, else None (take the slow way).

    Plain prose: one printable line (no line break, tab, control character or unusual space, which Markdown
    or XML would change), fewer than four spaces in front, none of the special characters above, not starting
    like a block. The text is returned without the spaces at its ends, as Markdown drops them. Remembered: each
    clause's text is asked about by its compact page, identifier page, exports and search entry (160,000 calls at
    400 compacts).
    """
    if not text or not text.isprintable() or _SPECIAL_RE.search(text) or text.startswith("    "):
        return None  # four spaces in front: an indented code block
    # isprintable() leaves the ASCII space as the only whitespace, so this is Markdown's own strip().
    stripped = text.strip(" ")
    if not stripped or _BLOCK_START_RE.match(stripped):
        return None
    return stripped


def plain_paragraph(text: str) -> bool:
    """Whether Python-Markdown would render ``text`` as one ``<p>`` of the same words."""
    return plain_prose(text) is not None


def prose_paragraphs(source: str) -> list[str] | None:
    """The paragraphs of ``source`` if each is plain prose (parted by one blank line), as Markdown prints them;
    else None. A space at a paragraph's end stays in Markdown's output, so such a paragraph goes the slow way."""
    paragraphs = []
    for paragraph in source.split(_PARAGRAPH_BREAK):
        prose = plain_prose(paragraph)
        if prose is None or paragraph.endswith(" "):
            return None
        paragraphs.append(prose)
    return paragraphs


def plain_paragraphs(source: str) -> bool:
    """Whether :func:`markdown_html` takes the shortcut for ``source``."""
    return prose_paragraphs(source) is not None


@lru_cache(maxsize=65536)
def markdown_html(source: str) -> str:
    """``source`` (generated Markdown) as HTML, exactly as :func:`compact_site.text.to_html.to_html` renders
    it: paragraphs of plain prose directly (``&`` escaped), anything else through Python-Markdown. Remembered: a
    clause's text is rendered for its compact page and again for its identifier page."""
    html = plain_html(source)
    return to_html(source) if html is None else html


def plain_html(source: str) -> str | None:
    """``source`` as HTML when it is plain prose paragraphs (as Markdown writes them, ``&`` escaped), else None."""
    paragraphs = prose_paragraphs(source)
    if paragraphs is None:
        return None
    return "\n".join(f"<p>{paragraph.replace('&', '&amp;')}</p>" for paragraph in paragraphs)


def collapse(text: str) -> str:
    """Plain words: whitespace runs as single spaces, none at the ends (what every plain-text path returns)."""
    return " ".join(text.split())


def plain_list_html(items: list[str]) -> str | None:
    """A bulleted list of ``items`` (each one line of generated Markdown) as Python-Markdown writes it, if every
    item is plain prose (a tight list: one ``<li>`` of the same words each); else None."""
    texts = [plain_prose(item) for item in items]
    if not texts or None in texts or any(item.endswith(" ") for item in items):
        return None
    return "<ul>\n" + "\n".join(f"<li>{text.replace('&', '&amp;')}</li>" for text in texts) + "\n</ul>"
