"""Author Markdown as the exports give it: cross-references resolved to citations, footnote markers found.

``[[2.1]]`` is site syntax that no other program understands, so the plain text and the Akoma Ntoso text
show it as its citation ("Sandwell 2.1", linked where markup allows); the Markdown field keeps the text
exactly as written. Footnote markers ``[^id]`` are dropped from the plain text (the footnotes are listed
beside it) and become ``<authorialNote>`` elements in Akoma Ntoso.
"""
from __future__ import annotations

import re
from typing import Callable, Optional

import lxml.html

from compact_site.core.citations import Citations
from compact_site.exports.urls import SiteUrls
from compact_site.model.references import find_references, mask_code
from compact_site.text.author_text import markdown
from compact_site.text.plain_prose import collapse, plain_prose
from compact_site.text.to_html import to_html

# Same syntax as the footnote check in content/checks.py: "[^id]" not followed by ":" (that would be a definition).
FOOTNOTE_RE = re.compile(r"\[\^([^\]\s]+)\](?!:)")
# Characters XML 1.0 cannot hold at all (lxml refuses them); PDF extraction can leave them behind.
_NOT_XML_RE = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")
# Elements that separate words; inline ones (b, i, a) do not: "**Great** People," stays "Great People,".
_BREAKS = {"p", "li", "br", "td", "th", "tr", "h1", "h2", "h3", "h4", "h5", "h6", "div", "blockquote", "pre"}

Resolver = Callable[[Optional[str], str], Optional[tuple[str, str]]]


def xml_safe(text: str) -> str:
    """Text with the few characters XML 1.0 forbids removed (never anything printable)."""
    return _NOT_XML_RE.sub("", text)


def resolver(citations: Citations, slug: str, urls: SiteUrls) -> Resolver:
    """(compact or None, id) -> (citation, absolute or root-relative URL), as seen from compact ``slug``."""

    def resolve(target: Optional[str], ident: str) -> Optional[tuple[str, str]]:
        if target == "glossary":
            term = citations.terms.get(ident)
            # The site glossary has a heading for every term id, the site's and every compact's.
            return (term, urls.term_url(ident)) if term else None
        target = target or slug
        if (target, ident) not in citations.nodes:
            return None  # unresolved (or withdrawn): shown as typed, as the site shows it
        return citations.cite(target, ident), urls.clause_anchor_url(target, ident)

    return resolve


def link_references(text: str, resolve: Resolver) -> str:
    """``[[...]]`` outside code replaced by Markdown links ``[citation](url)``."""
    out, last = [], 0
    for ref in find_references(text):
        target = resolve(ref.compact, ref.clause_id)
        if target is None:
            continue
        label = target[0].replace("[", "\\[").replace("]", "\\]")
        out += [text[last:ref.start], f"[{label}]({target[1]})"]
        last = ref.end
    return "".join(out + [text[last:]])


def footnote_ids(text: str) -> list[str]:
    """Footnote markers used in a text (outside code), in order, each once."""
    if "[^" not in text:  # every marker contains it; skips masking code in the common case
        return []
    return list(dict.fromkeys(match[1] for match in FOOTNOTE_RE.finditer(mask_code(text))))


def strip_footnotes(text: str) -> str:
    """The text without its footnote markers (code left alone)."""
    masked = mask_code(text)
    out, last = [], 0
    for match in FOOTNOTE_RE.finditer(masked):
        out.append(text[last:match.start()])
        last = match.end()
    return "".join(out + [text[last:]])


def plain(text: str, resolve: Resolver) -> str:
    """Plain words, as the page shows them: references as citations, no footnote markers, no markup.

    Rendered like ``search.plain_text`` (the site's own Markdown pipeline, raw HTML shown as typed), but
    markup is dropped without putting a space in its place, which is fine for search and wrong in data
    ("Sandwell 1.1 ." for "[[1.1]].").
    """
    prose = plain_prose(text)
    if prose is not None:  # no references, notes or markup: the words are the text (see text/plain_prose.py)
        return collapse(prose)
    return plain_via_markdown(text, resolve)


def plain_via_markdown(text: str, resolve: Resolver) -> str:
    """:func:`plain` the slow, general way: through Markdown and an HTML parser (any text)."""
    html = to_html(markdown(xml_safe(strip_footnotes(link_references(text, resolve)))))
    root = lxml.html.fragment_fromstring(html, create_parent="div")
    for element in root.iter(*_BREAKS):
        element.tail = " " + (element.tail or "")
    return " ".join(root.text_content().split())
