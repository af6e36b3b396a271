"""First use of each glossary term on a page becomes a button that opens its definition.

Works on the page's HTML (after Markdown), because only there are links, headings and code known for
sure. The button uses the HTML ``popover`` API: it opens on click, tap, Enter and Space and closes on
Escape natively; ``terms.js`` adds closing when focus leaves and places it beside the button. The
definitions sit in one container after the content, outside every sentence, with ``popover`` (hidden
until opened), so the published sentences keep their words.
"""
from __future__ import annotations

import html
import re
from functools import lru_cache
from typing import Callable

from compact_site.core.glossary import Entry, TermMatcher
from compact_site.text.author_text import markdown
from compact_site.text.plain_prose import markdown_html

SKIP_TAGS = {"a", "h1", "h2", "h3", "h4", "h5", "h6", "code", "pre", "kbd", "samp", "button", "abbr", "script",
             "style", "textarea", "select", "option", "label", "summary", "svg", "title", "sup", "dt"}
VOID_TAGS = {"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source", "track", "wbr"}
NO_TERMS_ATTR = "data-compact-noterms"  # on any element whose text must not be annotated (a glossary itself)
_TOKEN_RE = re.compile(r"(<!--.*?-->|<[^>]+>)", re.S)
_TAG_RE = re.compile(r"<\s*(/)?\s*([a-zA-Z0-9]+)([^>]*)>")


_HIDING_RE = re.compile(r"\b(hidden|popover)\b")


def _skips(name: str, attrs: str) -> bool:
    if name in SKIP_TAGS:
        return True
    if not attrs or ("hidden" not in attrs and "popover" not in attrs):
        return False  # most tags: no regex
    return _HIDING_RE.search(attrs) is not None


_TAG_NAME_RE = re.compile(r"<([a-zA-Z0-9]+)\s")


class _Whole(str):
    """A whole element marked :data:`NO_TERMS_ATTR`, start tag to end tag: one token, passed over."""


@lru_cache(maxsize=64)
def _same_tag(name: str) -> re.Pattern:
    return re.compile(rf"<(/?){name}\b[^>]*>", re.IGNORECASE)


def _element_end(page_html: str, start: int, name: str) -> int:
    """Where the element whose start tag ends at ``start`` closes (after its end tag)."""
    depth = 1
    for tag in _same_tag(name).finditer(page_html, start):
        depth += -1 if tag[1] else 1
        if not depth:
            return tag.end()
    return len(page_html)


def _tokens(page_html: str) -> list[str]:
    """The page as tags and texts; an element marked :data:`NO_TERMS_ATTR` (a list of similar clauses: on a
    national register's compact page, most of its tags) is one :class:`_Whole` token, never split up."""
    tokens, position, found = [], 0, page_html.find(NO_TERMS_ATTR)
    while found >= 0:
        start = page_html.rfind("<", position, found)
        tag = _TAG_NAME_RE.match(page_html, start) if start >= 0 and page_html.rfind(">", start, found) < 0 else None
        if tag is None:  # the words, not the attribute of a start tag
            found = page_html.find(NO_TERMS_ATTR, found + 1)
            continue
        tokens += _TOKEN_RE.split(page_html[position:start])
        position = _element_end(page_html, page_html.index(">", found) + 1, tag[1].lower())
        tokens.append(_Whole(page_html[start:position]))
        found = page_html.find(NO_TERMS_ATTR, position)
    return tokens + _TOKEN_RE.split(page_html[position:]) if tokens else _TOKEN_RE.split(page_html)


@lru_cache(maxsize=4096)  # the repeated tags stay; a page's one-off tags (a clause's own id) pass through
def _tag(token: str) -> tuple[str, bool | None] | None:
    """What a tag does to the open elements: ``(name, None)`` closes ``name``; ``(name, skip)`` opens it (``skip``:
    its text is not annotated); ``("", False)`` neither (a void or self-closed element); None: not a tag.
    Remembered: nine in ten tags of a register's pages repeat one seen before (``</p>``, a clause's tools), and
    reading each afresh was a third of annotating 400 compact pages."""
    tag = _TAG_RE.match(token)
    if tag is None:
        return None
    closing, name, attrs = tag[1], tag[2].lower(), tag[3]
    if closing:
        return name, None
    if name in VOID_TAGS or attrs.rstrip().endswith("/"):
        return "", False
    return name, _skips(name, attrs)


def annotate_terms(page_html: str, matcher: TermMatcher, href_for: Callable[[Entry], str]) -> str:
    """The page with the first use of each term turned into a definition button, and the definitions."""
    stack: list[tuple[str, bool]] = []  # open elements, and whether each hides its text from annotation
    skipping, used = 0, {}
    every = len(matcher.entries)
    tokens = _tokens(page_html)
    for position, token in enumerate(tokens):  # only a text with a term changes: it is replaced in ``tokens``
        if len(used) >= every:  # each term is marked once: the rest of the page stays as it is
            break
        if token.startswith("<"):
            if type(token) is _Whole:
                continue
            tag = _tag(token)
            if tag is None:
                continue
            name, skip = tag
            if skip is None:  # an end tag
                while stack:
                    open_name, skip = stack.pop()
                    skipping -= skip
                    if open_name == name:
                        break
            elif name:
                stack.append(tag)
                skipping += skip
        elif not skipping and not token.isspace() and token:
            tokens[position] = _annotate_text(token, matcher, used)
    if not used:
        return page_html
    popovers = "".join(_popover(number, entry, href_for(entry)) for entry, number in used.values())
    return "".join(tokens) + f'\n<div class="compact-term-popovers" data-search-exclude>{popovers}</div>\n'


def _annotate_text(text: str, matcher: TermMatcher, used: dict) -> str:
    pieces, last = [], 0
    for start, end, entry in matcher.finditer(text):
        key = (entry.source, entry.id)
        if key in used:
            continue
        used[key] = (entry, len(used) + 1)
        pieces += [text[last:start], _button(text[start:end], entry, used[key][1])]
        last = end
    return "".join(pieces) + text[last:] if pieces else text


def _button(words: str, entry: Entry, number: int) -> str:
    shown = words
    if entry.abbreviation and words.rstrip("s") == entry.abbreviation:
        shown = f'<abbr title="{html.escape(_expansion(entry))}">{words}</abbr>'
    return (f'<button type="button" class="compact-term" popovertarget="compact-term-{number}" '
            f'aria-label="{html.escape(html.unescape(words))}: show definition">{shown}</button>')


def _expansion(entry: Entry) -> str:
    return re.sub(r"\s*\([^)]*\)\s*$", "", entry.term)


@lru_cache(maxsize=4096)
def _definition_html(text: str) -> str:
    """A definition's HTML; remembered, as every page that uses a term repeats its popover. A definition that is
    plain prose takes :func:`markdown_html`'s shortcut (the same HTML): at 400 compacts each defining its own ten
    terms, Python-Markdown for each of 4,000 definitions cost ~0.25 s."""
    return markdown_html(markdown(text))


def _popover(number: int, entry: Entry, href: str) -> str:
    name = html.escape(entry.term)
    definition = _definition_html(entry.definition)
    return (f'<div popover id="compact-term-{number}" class="compact-term-popover" role="dialog" '
            f'aria-label="{name}"><p class="compact-term-popover__term"><strong>{name}</strong></p>'
            f'{definition}<p><a href="{html.escape(href)}">{name} in the glossary</a></p></div>')
