"""Author Markdown as Akoma Ntoso blocks (``p``, ``ul``/``ol``/``li``, ``table``) and inline elements.

The text goes through the site's own Markdown pipeline first (``render.text.markdown``: raw HTML shown as
typed, ``[[refs]]`` as links; then ``render.html.to_html``), so the words are exactly the words the page
shows. The resulting HTML is parsed and mapped element by element:

    p -> p            h1-h6 -> p with b         ul, ol, li -> ul, ol, li       table/tr/th/td -> same
    strong, b -> b    em, i -> i                a[href] -> a[href]             u, sub, sup, span -> same
    code -> span      br -> br                  img -> its alt text            anything else -> its content

Footnote markers ``[^id]`` become ``<authorialNote marker="n" placement="bottom">`` holding the footnote.
Every string goes into the tree through lxml, which escapes it: author text can never become markup.
"""
from __future__ import annotations

from typing import Optional

import lxml.html
from lxml import etree
from lxml.builder import ElementMaker

from compact_site.exports.eids import join
from compact_site.exports.text import FOOTNOTE_RE, Resolver, xml_safe
from compact_site.text.author_text import markdown
from compact_site.text.plain_prose import plain_prose
from compact_site.text.to_html import to_html

AKN_NS = "http://docs.oasis-open.org/legaldocml/ns/akn/3.0"
E = ElementMaker(namespace=AKN_NS, nsmap={None: AKN_NS})

_INLINE = {"strong": "b", "b": "b", "em": "i", "i": "i", "u": "u", "sub": "sub", "sup": "sup", "span": "span",
           "code": "span", "kbd": "span", "samp": "span"}
_HEADINGS = {"h1", "h2", "h3", "h4", "h5", "h6"}
_WRAPPERS = {"div", "blockquote", "pre", "section", "article", "dl", "dd", "dt", "details", "figure"}


def q(tag: str) -> str:
    """A tag name in the AKN namespace."""
    return f"{{{AKN_NS}}}{tag}"


P = q("p")


def append_text(element: etree._Element, text: str) -> None:
    """Add text at the end of an element (after its last child, if it has one)."""
    if not text:
        return
    if len(element):
        element[-1].tail = (element[-1].tail or "") + text
    else:
        element.text = (element.text or "") + text


class TextConverter:
    """Converts the texts of one document; numbers lists, tables and notes per eId prefix, in order."""

    def __init__(self, resolve: Resolver, footnotes: dict[str, str]) -> None:
        self.resolve = resolve
        self.footnotes = footnotes
        self.counters: dict[tuple[str, str], int] = {}
        self.note_markers: dict[str, str] = {}  # footnote id -> marker shown ("1", "2", ...), in document order

    def eid(self, prefix: str, name: str) -> str:
        key = (prefix, name)
        self.counters[key] = self.counters.get(key, 0) + 1
        return join(prefix, f"{name}_{self.counters[key]}")

    def blocks(self, text: Optional[str], prefix: str, notes: bool = True) -> list[etree._Element]:
        """A Markdown text as AKN block elements; ``prefix`` is the eId of the element they go in."""
        if not text:
            return []
        prose = plain_prose(text)
        if prose is not None:  # one paragraph of plain words: what Markdown and lxml would give (text/plain_prose.py)
            return [E.p(prose)]
        return self.blocks_via_markdown(text, prefix, notes)

    def blocks_via_markdown(self, text: str, prefix: str, notes: bool = True) -> list[etree._Element]:
        """:meth:`blocks` the slow, general way: Markdown to HTML, parsed and mapped (any text)."""
        html = to_html(markdown(xml_safe(text), self.resolve))
        root = lxml.html.fragment_fromstring(html, create_parent="div")
        out: list[etree._Element] = []
        self._blocks_of(root, out, prefix, notes)
        return out

    def blocks_into(self, parent: etree._Element, text: Optional[str], prefix: str) -> None:
        """Append the blocks of ``text`` to ``parent``. Plain prose is made in place: an element built apart
        and appended costs lxml a walk to move it into the document, which at 32,000 clauses adds up."""
        prose = plain_prose(text)
        if prose is not None:
            etree.SubElement(parent, P).text = prose
        else:
            parent.extend(self.blocks(text, prefix))

    def _blocks_of(self, html: etree._Element, out: list, prefix: str, notes: bool) -> None:
        loose: list[Optional[etree._Element]] = [None]  # a <p> collecting inline content between blocks

        def loose_p() -> etree._Element:
            if loose[0] is None:
                loose[0] = E.p()
                out.append(loose[0])
            return loose[0]

        if html.text and html.text.strip():
            self._text(loose_p(), html.text, prefix, notes)
        for child in html:
            tag = child.tag if isinstance(child.tag, str) else None  # comments and processing instructions
            if tag in {"p", *_HEADINGS, "ul", "ol", "table", "hr", *_WRAPPERS}:
                loose[0] = None
                if tag == "p":
                    out.append(self._inline_into(E.p(), child, prefix, notes))
                elif tag in _HEADINGS:
                    out.append(E.p(self._inline_into(E.b(), child, prefix, notes)))
                elif tag in ("ul", "ol"):
                    out.append(self._list(child, prefix, notes))
                elif tag == "table":
                    table = self._table(child, prefix, notes)
                    out.extend([table] if table is not None else [])
                elif tag in _WRAPPERS:
                    self._blocks_of(child, out, prefix, notes)
            elif tag is not None:
                self._inline_child(loose_p(), child, prefix, notes)
            if child.tail and child.tail.strip():
                self._text(loose_p(), child.tail, prefix, notes)

    def _list(self, html: etree._Element, prefix: str, notes: bool) -> etree._Element:
        eid = self.eid(prefix, "list")
        akn = E(html.tag, eId=eid)
        for item in html:
            if item.tag != "li":
                continue
            li = E.li()
            self._li_content(li, item, eid, notes)
            akn.append(li)
        if not len(akn):
            akn.append(E.li())  # ul/ol need one li; Markdown never makes an empty list, but be valid regardless
        return akn

    def _li_content(self, li: etree._Element, html: etree._Element, prefix: str, notes: bool) -> None:
        """li holds inline content, p, ul and ol (loose list items have p; tight ones text)."""
        self._text(li, html.text, prefix, notes)
        for child in html:
            if child.tag == "p":
                li.append(self._inline_into(E.p(), child, prefix, notes))
            elif child.tag in ("ul", "ol"):
                li.append(self._list(child, prefix, notes))
            elif isinstance(child.tag, str):
                self._inline_child(li, child, prefix, notes)
            self._text(li, child.tail, prefix, notes)

    def _table(self, html: etree._Element, prefix: str, notes: bool) -> Optional[etree._Element]:
        rows = []
        for tr in html.iter("tr"):
            cells = [E(cell.tag, self._inline_into(E.p(), cell, prefix, notes)) for cell in tr
                     if cell.tag in ("th", "td")]
            if cells:
                rows.append(E.tr(*cells))
        return E.table(*rows, eId=self.eid(prefix, "table")) if rows else None

    def _inline_into(self, akn: etree._Element, html: etree._Element, prefix: str, notes: bool) -> etree._Element:
        """Fill ``akn`` with the inline content of ``html``; returns ``akn``."""
        self._text(akn, html.text, prefix, notes)
        for child in html:
            if isinstance(child.tag, str):
                self._inline_child(akn, child, prefix, notes)
            self._text(akn, child.tail, prefix, notes)
        return akn

    def _inline_child(self, parent: etree._Element, html: etree._Element, prefix: str, notes: bool) -> None:
        tag = html.tag
        if tag == "br":
            parent.append(E.br())
        elif tag == "img":
            append_text(parent, xml_safe(html.get("alt") or ""))
        elif tag == "a" and html.get("href"):
            parent.append(self._inline_into(E.a(href=html.get("href")), html, prefix, notes))
        elif tag in _INLINE:
            # Code is shown as typed: a footnote marker inside it is text, not a note.
            code = tag in ("code", "kbd", "samp")
            parent.append(self._inline_into(E(_INLINE[tag]), html, prefix, notes and not code))
        else:
            self._inline_into(parent, html, prefix, notes)  # unknown element: keep its words, drop the markup

    def _text(self, parent: etree._Element, text: Optional[str], prefix: str, notes: bool) -> None:
        """Add text, turning footnote markers into authorial notes."""
        if not text:
            return
        last = 0
        for match in FOOTNOTE_RE.finditer(text) if notes else ():
            if match[1] not in self.footnotes:
                continue  # an undefined marker (CS403) stays as typed
            append_text(parent, text[last:match.start()])
            parent.append(self._note(match[1], prefix))
            last = match.end()
        append_text(parent, text[last:])

    def _note(self, footnote_id: str, prefix: str) -> etree._Element:
        marker = self.note_markers.setdefault(footnote_id, str(len(self.note_markers) + 1))
        eid = self.eid(prefix, "authorialNote")
        # notes=False: a footnote inside a footnote would nest notes forever on a cycle.
        body = self.blocks(self.footnotes[footnote_id], eid, notes=False) or [E.p()]
        return E.authorialNote(*body, marker=marker, placement="bottom", eId=eid)
