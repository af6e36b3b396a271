"""Turning author text into safe Markdown: raw HTML shown as typed, cross-references resolved.

Policy (documented in the guide): text is Markdown. Raw HTML is never interpreted: ``<`` outside code is
written as ``&lt;``, so ``<script>`` shows as the characters typed. Cross-references ``[[id]]`` become
links whose text is the citation ("Sandwell 2.1").
"""
from __future__ import annotations

import re
from typing import Callable, Optional

from ..references import REFERENCE_RE, mask_code

Resolver = Callable[[Optional[str], str], Optional[tuple[str, str]]]
"""(compact slug or None, clause id) -> (link text, href), or None when unresolved."""


def escape_html(text: str) -> str:
    """Escape ``<`` outside code so raw HTML is shown, not run."""
    masked = mask_code(text)
    out, last = [], 0
    for match in re.finditer("<", masked):
        out.append(text[last:match.start()])
        out.append("&lt;")
        last = match.end()
    out.append(text[last:])
    return "".join(out)


def inline(text: str) -> str:
    """A one-line label made safe for Markdown: no HTML, no line breaks, no attribute lists."""
    return escape_html(" ".join(text.split())).replace("{", "&#123;")


def markdown(text: str, resolve: Resolver | None = None) -> str:
    """Author Markdown made safe, with cross-references turned into links."""
    text = escape_html(text.strip())
    if resolve is None:
        return text
    masked = mask_code(text)
    out, last = [], 0
    for match in REFERENCE_RE.finditer(masked):
        target = resolve(match["compact"], match["id"])
        out.append(text[last:match.start()])
        out.append(f"[{target[0]}]({target[1]})" if target else match.group(0))
        last = match.end()
    out.append(text[last:])
    return "".join(out)
