"""What the plugin renders, pinned: the five-compact site's representative pages against tests/pins/.

Each pin is the page's own content (Material's ``<article>``, or an identifier page's ``<main>``) in a
normal form: tags with sorted attributes, text and attribute values re-escaped one way, whitespace collapsed,
one block-level tag per line. So the pins hold what the plugin writes, not Material's chrome, and a change of
markup shows as a readable diff.

Run ``UPDATE_PINS=1 .venv/bin/python -m pytest tests/test_pinned_pages.py`` to rewrite them, then say in the
commit which pins changed and why.
"""
from __future__ import annotations

import os
import re
from html import escape
from html.parser import HTMLParser
from pathlib import Path

import pytest

from .conftest import build_in_production, make_project

PINS = Path(__file__).parent / "pins"
BLOCK = {"address", "article", "blockquote", "body", "br", "caption", "dd", "details", "div", "dl", "dt", "fieldset",
         "figcaption", "figure", "footer", "form", "h1", "h2", "h3", "h4", "h5", "h6", "header", "hr", "li", "main",
         "nav", "noscript", "ol", "option", "p", "pre", "script", "section", "select", "summary", "table", "tbody",
         "td", "tfoot", "th", "thead", "tr", "ul"}
VOID = {"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source", "track", "wbr"}


class _Normaliser(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.out: list[str] = []
        self.pre = 0

    def _tag(self, text: str, tag: str) -> None:
        self.out.append(("\n" + text + "\n") if tag in BLOCK else text)

    def handle_starttag(self, tag, attrs):
        shown = "".join(f' {name}' if value is None else f' {name}="{escape(value)}"' for name, value in sorted(attrs))
        self._tag(f"<{tag}{shown}>", tag)
        self.pre += tag == "pre"

    def handle_startendtag(self, tag, attrs):
        self.handle_starttag(tag, attrs)

    def handle_endtag(self, tag):
        if tag not in VOID:
            self._tag(f"</{tag}>", tag)
        self.pre -= tag == "pre"

    def handle_data(self, data):
        self.out.append(escape(data, quote=False) if self.pre else re.sub(r"\s+", " ", escape(data, quote=False)))

    def handle_comment(self, data):
        self.out.append(f"<!--{data}-->")


def normalise(html: str) -> str:
    """The page's content (``<article>`` or ``<main>``) in the pins' normal form."""
    start = html.find("<article")
    end = html.rfind("</article>") + len("</article>")
    if start < 0:
        start, end = html.find("<main"), html.rfind("</main>") + len("</main>")
    parser = _Normaliser()
    parser.feed(html[start:end])
    parser.close()
    lines = (line.strip() for line in "".join(parser.out).split("\n"))
    return "\n".join(line for line in lines if line) + "\n"


@pytest.fixture(scope="module")
def pinned_site(tmp_path_factory) -> Path:
    # Strict: a dangling link in a fragment (CS412) or any other warning fails it.
    # the production path: the `compact-site build` command, with the worker process where there is one
    return build_in_production(make_project(tmp_path_factory.mktemp("pinned"), custom_dir=True))


def _identifier_pages(compacts) -> list[tuple[str, str]]:
    """One identifier page per compact (a clause with a title, notes or a footnote when there is one), and any
    moved or withdrawn clause's page."""
    pages = []
    for compact in compacts:
        nodes = list(compact.citable())
        noted = {ident for note in compact.editorial_notes for ident in note.applies_to}
        chosen = next((n for n in nodes if "[^" in (n.text or "")), None) or next(
            (n for n in nodes if n.id in noted), None) or next((n for n in nodes if n.title), None) or nodes[0]
        pages.append((f"{compact.slug}-clause", f"{compact.slug}/clause/{chosen.id}/index.html"))
        moved = next((n for n in compact.citable() if getattr(n, "former_ids", None)), None)
        if moved is not None:
            pages.append((f"{compact.slug}-moved", f"{compact.slug}/clause/{moved.former_ids[0]}/index.html"))
        if compact.withdrawn:
            pages.append((f"{compact.slug}-tombstone", f"{compact.slug}/clause/{compact.withdrawn[0].id}/index.html"))
    return pages


def pinned_pages(compacts) -> list[tuple[str, str]]:
    """(pin name, page path in the site) of every pinned page."""
    pages = [("home", "index.html"), ("glossary", "glossary/index.html"), ("signatories", "signatories/index.html"),
             ("compare", "compare/index.html")]
    for compact in compacts:
        pages += [(compact.slug, f"{compact.slug}/index.html"),
                  (f"{compact.slug}-glossary", f"{compact.slug}/glossary/index.html"),
                  (f"{compact.slug}-signatories", f"{compact.slug}/signatories/index.html")]
    return pages + _identifier_pages(compacts)


def test_pages_match_their_pins(pinned_site, loaded_content):
    pages = pinned_pages(loaded_content.compacts)
    assert len(pages) >= 4 + 5 * 4
    changed = []
    for name, path in pages:
        text = normalise((pinned_site / path).read_text(encoding="utf-8"))
        pin = PINS / f"{name}.html"
        if os.environ.get("UPDATE_PINS"):
            PINS.mkdir(exist_ok=True)
            pin.write_text(text, encoding="utf-8")
        elif not pin.is_file() or pin.read_text(encoding="utf-8") != text:
            changed.append(name)
    assert not changed, f"pages differ from their pins (diff against tests/pins/): {changed}"


def test_no_stray_pins(loaded_content):
    """A pin whose page is no longer pinned is removed, not left to mislead."""
    names = {name for name, _ in pinned_pages(loaded_content.compacts)}
    assert {p.stem for p in PINS.glob("*.html")} <= names
