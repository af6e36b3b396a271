"""Turning author text into safe Markdown and HTML: raw HTML shown as typed, cross-references resolved.

Policy (documented in the README), applied here and nowhere else, to every text field and every name:

* Text is Markdown. Raw HTML is never interpreted: ``<`` outside code is written as ``&lt;``, so
  ``<script>``, ``<iframe>``, ``<style>`` and ``onerror=`` attributes show as the characters typed.
* Attribute lists (``{: onclick=...}``) are not interpreted: ``{`` outside code is written as ``&#123;``.
* A Markdown link or image (``[text](url)``, ``[label]: url``) may point only at a relative address or at
  ``http:``, ``https:``, ``mailto:`` or ``tel:``. Any other scheme (``javascript:``, ``data:``,
  ``vbscript:``, ``file:``…, however written: any case, with entities, spaces or control characters) is
  replaced by ``#``: the link text stays, the target goes.
* Cross-references ``[[id]]`` become links whose text is the citation ("Sandwell 2.1").

Templates (the page fragments) receive author text only as :class:`~markupsafe.Markup` made here: :func:`prose`
for a text, :func:`label` for a one-line name; anything else they show is escaped by the template engine.

Hand-written Markdown pages keep their raw HTML (they are the site's own), but their link targets follow the
same scheme rule (:func:`unsafe_page_links`; the plugin warns CS410 for each).
"""
from __future__ import annotations

import html
import re
from functools import lru_cache
from typing import Callable, NamedTuple, Optional

from markupsafe import Markup

from compact_site.model.references import REFERENCE_RE, mask_code

Resolver = Callable[[Optional[str], str], Optional[tuple[str, str]]]
"""(compact slug or None, clause id) -> (link text, href), or None when unresolved."""


SAFE_SCHEMES = ("http", "https", "mailto", "tel")
_SCHEME_RE = re.compile(r"([a-z][a-z0-9+.\-]*):")
_UNSAFE_RE = re.compile(r"<|\{|\]\(|\]:[ \t]*\n?[ \t]*(\S+)")
# Every match of _UNSAFE_RE starts with one of these: a text without them needs no work (most texts).
_MAYBE_UNSAFE_RE = re.compile(r"[<{\]]")


def safe_url(url: str) -> bool:
    """Whether a link target is relative or uses an allowed scheme (see the module's policy).

    Browsers drop tabs and line breaks inside a URL and decode entities in attributes, so both are undone
    before the scheme is read; anything that could be read as another scheme is unsafe.
    """
    cleaned = re.sub(r"[\x00-\x20\x7f]+", "", html.unescape(html.unescape(url))).lower()
    scheme = _SCHEME_RE.match(cleaned)
    return scheme is None or scheme[1] in SAFE_SCHEMES


def _destination_end(masked: str, start: int) -> int:
    """Where an inline link's ``(...)`` closes (brackets balanced, as Python-Markdown reads it)."""
    depth = 1
    for at in range(start, len(masked)):
        if masked[at] == "(":
            depth += 1
        elif masked[at] == ")":
            depth -= 1
            if not depth:
                return at
    return len(masked)


def escape_html(text: str) -> str:
    """Apply the policy outside code: ``<`` and ``{`` escaped, unsafe link targets replaced by ``#``."""
    if _MAYBE_UNSAFE_RE.search(text) is None:
        return text
    masked = mask_code(text)
    out, last = [], 0
    for match in _UNSAFE_RE.finditer(masked):
        if match.start() < last:  # inside a link target already replaced
            continue
        if match[0] in "<{":
            start, end, replacement = match.start(), match.end(), "&lt;" if match[0] == "<" else "&#123;"
        elif match[0] == "](":
            start, end, replacement = match.end(), _destination_end(masked, match.end()), "#"
        else:
            start, end, replacement = match.start(1), match.end(1), "#"
        if replacement == "#" and safe_url(text[start:end]):
            continue
        out.append(text[last:start])
        out.append(replacement)
        last = end
    out.append(text[last:])
    return "".join(out)


# In a hand-written page (raw HTML allowed there): a Markdown link's "](", a reference definition's target, or
# an HTML href/src/action attribute's value.
_PAGE_LINK_RE = re.compile(r"\]\(\s*<?|^[ ]{0,3}\[[^\]\n]+\]:[ \t]*<?(\S+)"
                           r"|\b(?:href|src|action|formaction)\s*=\s*(?:\"([^\"]*)\"|'([^']*)'|([^\s>]+))",
                           re.IGNORECASE | re.MULTILINE)


def _page_link_target(page: str, masked: str, match: re.Match) -> tuple[int, int]:
    """Where the link target of a :data:`_PAGE_LINK_RE` match starts and ends."""
    if match.group(0).startswith("]("):  # up to the balanced ")" or a title, as Python-Markdown reads it
        start = match.end()
        end = _destination_end(masked, start)
        end = start + len(page[start:end].split(None, 1)[0].rstrip(">")) if page[start:end].strip() else start
        return start, end
    group = next(n for n in range(1, 5) if match.group(n) is not None)
    start, end = match.span(group)
    if group == 1 and page[start - 1:start] == "<" and page[end - 1:end] == ">":
        end -= 1  # [label]: <url>
    return start, end


def unsafe_page_links(page: str) -> tuple[str, list[tuple[int, str]]]:
    """A hand-written page with every unsafe link target (the policy above) replaced by ``#``, and what was
    replaced as (line offset, target). Raw HTML stays: the site's own pages may use it; code is left alone."""
    masked = mask_code(page)
    out, found, last = [], [], 0
    for match in _PAGE_LINK_RE.finditer(masked):
        start, end = _page_link_target(page, masked, match)
        if start < last or start == end or safe_url(page[start:end]):
            continue
        found.append((page.count("\n", 0, start), page[start:end]))
        out += [page[last:start], "#"]
        last = end
    return ("".join(out) + page[last:], found) if found else (page, [])


def inline(text: str) -> str:
    """A one-line label made safe for Markdown: no HTML, no line breaks, no attribute lists."""
    return escape_html(" ".join(text.split()))


def markdown(text: str, resolve: Resolver | None = None) -> str:
    """Author Markdown made safe, with cross-references turned into links."""
    text = escape_html(text.strip())
    if resolve is None or "[[" not in text:  # every reference starts with "[["
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


# Author text as HTML, for templates: the only way author text enters one (as Markup, already safe).

class Prose(NamedTuple):
    """A text as HTML for a template. ``html`` is all of it; ``lead`` is its first paragraph's content (without
    ``<p>``) and ``rest`` what follows that paragraph, for a template that runs a number or a title into the
    first paragraph (``lead`` is empty when the text does not open with a paragraph)."""

    html: Markup
    lead: Markup
    rest: Markup

    def __str__(self) -> str:
        return self.html

    def __html__(self) -> str:  # ``{{ text }}`` in a template shows all of it
        return self.html


_TAG_SPLIT_RE = re.compile(r"(<[^>]*>)")


def quotes_escaped(html: str) -> str:
    """``html`` with the quotes of its text written as character references, as MarkupSafe escapes them: so author
    text is safe in a quoted attribute too, should a template put it there (``title="{{ clause.title }}"``).
    Markdown leaves quotes as typed and writes no ``>`` in text, so a ``<...>`` is always a tag."""
    if '"' not in html and "'" not in html:
        return html
    pieces = _TAG_SPLIT_RE.split(html)
    pieces[::2] = [piece.replace('"', "&#34;").replace("'", "&#39;") for piece in pieces[::2]]
    return "".join(pieces)


def _lead_and_rest(html: str) -> Prose:
    end = html.find("</p>") if html.startswith("<p>") else -1
    if end < 0:
        return Prose(Markup(html), Markup(""), Markup(html))
    return Prose(Markup(html), Markup(html[3:end]), Markup(html[end + 4:].lstrip("\n")))


def prose(text: str | None, resolve: Resolver | None = None, footnotes: tuple[str, ...] = ()) -> Prose:
    """Author Markdown as HTML under the policy above (:func:`markdown`, then the site's Markdown extensions).

    ``footnotes``: the ids of the footnotes the page defines, in its order. A reference ``[^id]`` in ``text``
    then becomes the same marker (number and link) that the page's own Markdown would make of it, since its
    footnote list numbers in that order; the list itself stays the page's.
    """
    from compact_site.text.plain_prose import markdown_html  # Python-Markdown is loaded only when something is rendered

    source = markdown(text or "", resolve)
    if footnotes and "[^" in source:
        html = markdown_html(source + "\n\n" + "\n\n".join(f"[^{ident}]: -" for ident in footnotes))
        html = html[:html.rfind('\n<div class="footnote">')] if '<div class="footnote">' in html else html
    else:
        html = markdown_html(source) if source else ""
    return _lead_and_rest(quotes_escaped(html))


# A one-line label must stay one inline run: a number such as "1. " or a leading "-", "#", ">" would otherwise
# open a list, heading or quote.
_BLOCK_OPENING = re.compile(r"^(?:\d+(\.)(?=\s|$)|([-+*])(?=\s)|(#{1,6})(?=\s|$)|([>!])|([-*_])(?=(?:\s*[-*_]){2,}\s*$)"
                            r"|(\[)(?=[^\]]*\]:))")


@lru_cache(maxsize=16384)
def label(text: str) -> Markup:
    """A one-line label (a number, a title, a heading) as inline HTML: Markdown emphasis and code kept, no
    paragraph, nothing that opens a block. Remembered: clause numbers repeat across compacts."""
    from compact_site.text.plain_prose import markdown_html

    source = inline(text)
    opening = _BLOCK_OPENING.match(source)
    if opening:
        at = next(opening.start(group) for group in range(1, 7) if opening.start(group) >= 0)
        source = source[:at] + "\\" + source[at:]
    html = markdown_html(source) if source else ""
    if html.startswith("<p>") and html.endswith("</p>"):
        html = html[3:-4]
    return Markup(quotes_escaped(html))
