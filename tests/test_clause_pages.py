"""Identifier pages of clauses: a small static page per clause that shows it and forwards to it in context."""
from __future__ import annotations

import re
from html.parser import HTMLParser
from pathlib import Path

import pytest

from compact_site.content.loader import load_file
from compact_site.model import Clause, Compact, Footnote, Principles, Section, Undertakings
from compact_site.render.clause_pages import PAGE_CSS, clause_html, clause_page_path, render_clause_page
from compact_site.text.author_text import markdown
from compact_site.text.to_html import to_html

CONTENT = Path(__file__).resolve().parent.parent / "content"
VOID = {"meta", "link", "br", "hr", "img", "input", "col", "area", "base", "wbr", "source", "track", "embed"}


def make_compact(*clauses: Clause, **extra) -> Compact:
    fields = {"slug": "sandwell", "title": "Sandwell Compact", "area": "Sandwell", "status": "adopted", **extra}
    return Compact(undertakings=Undertakings(sections=[Section(id="4", title="Undertakings", clauses=list(clauses))]),
                   **fields)


def page(text: str = "The VCS will **share** information.", *, clause_id: str = "4.2", number: str | None = "4.2",
         title: str | None = None, compact: Compact | None = None, **kwargs) -> str:
    clause = Clause(id=clause_id, number=number, title=title, text=text)
    compact = compact or make_compact(clause)
    args = {"citation": f"Sandwell {number or clause_id}", "in_context_href": f"../../#clause-{clause_id}",
            "site_name": "Local compacts", **kwargs}
    return render_clause_page(compact=compact, clause=clause, **args)


class Structure(HTMLParser):
    """Elements in document order, checking that every non-void element is closed in order."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.tags: list[tuple[str, dict]] = []
        self.open: list[str] = []
        self.text: list[str] = []
        self.doctype = ""

    def handle_decl(self, decl: str) -> None:
        self.doctype = decl

    def handle_starttag(self, tag, attrs):
        self.tags.append((tag, dict(attrs)))
        if tag not in VOID:
            self.open.append(tag)

    def handle_startendtag(self, tag, attrs):
        self.tags.append((tag, dict(attrs)))

    def handle_endtag(self, tag):
        assert self.open and self.open[-1] == tag, f"</{tag}> closes {self.open[-1:]}"
        self.open.pop()

    def handle_data(self, data):
        self.text.append(data)


def parse(html: str) -> Structure:
    parser = Structure()
    parser.feed(html)
    parser.close()
    assert parser.open == []
    return parser


def test_page_is_a_complete_html5_document():
    html = page(canonical_url="https://compacts.example.org/sandwell/clause/4.2/")
    doc = parse(html)
    assert html.startswith("<!DOCTYPE html>\n")
    assert doc.doctype == "DOCTYPE html"
    assert doc.tags[0] == ("html", {"lang": "en"})
    names = [tag for tag, _ in doc.tags]
    assert names[:4] == ["html", "head", "meta", "meta"]
    assert doc.tags[2] == ("meta", {"charset": "utf-8"})
    assert ("meta", {"name": "viewport", "content": "width=device-width, initial-scale=1"}) in doc.tags
    assert ("meta", {"name": "robots", "content": "noindex"}) in doc.tags
    assert names.count("title") == names.count("main") == names.count("h1") == 1
    assert names.index("body") < names.index("main") < names.index("h1")
    assert "<title>Sandwell 4.2 – Sandwell Compact – Local compacts</title>" in html


def test_page_shows_citation_compact_and_rendered_clause():
    html = page()
    assert "<h1>Sandwell 4.2</h1>" in html
    assert '<p class="compact">Sandwell Compact</p>' in html
    assert '<div class="clause">\n<p>The VCS will <strong>share</strong> information.</p>\n</div>' in html
    assert "<h2>" not in html  # no title given


def test_clause_title_is_shown_when_given():
    assert "<h2>Partnership working</h2>\n" in page(title="Partnership working")


@pytest.mark.parametrize("href", ["../../#clause-4.2", "../../index.html#clause-4.2"])
def test_forwards_by_script_and_by_visible_link(href):
    html = page(in_context_href=href)
    assert html.count("<script>") == 1 and html.count(f'location.replace(new URL("{href}",b).href)</script>') == 1
    assert f'<p class="context"><a href="{href}">Read Sandwell 4.2 in context</a></p>' in html
    assert "http-equiv" not in html


def test_unnumbered_clause_is_cited_by_id():
    html = page(clause_id="s4-vcs-1", number=None, citation="Sandwell – s4-vcs-1")
    assert "<h1>Sandwell – s4-vcs-1</h1>" in html
    assert '<a href="../../#clause-s4-vcs-1">Read Sandwell – s4-vcs-1 in context</a>' in html


@pytest.mark.parametrize("canonical, expected_link, expected_cite", [
    (None, None, None),
    ("https://compacts.example.org/sandwell/clause/4.2/",
     '<link rel="canonical" href="https://compacts.example.org/sandwell/clause/4.2/">\n',
     '<p class="cite">Cite this clause as Sandwell 4.2, https://compacts.example.org/sandwell/clause/4.2/</p>\n'),
])
def test_canonical_link_and_citable_address_only_when_known(canonical, expected_link, expected_cite):
    html = page(canonical_url=canonical)
    if canonical is None:
        assert 'rel="canonical"' not in html and 'class="cite"' not in html
    else:
        assert html.count(expected_link) == 1 and html.count(expected_cite) == 1
        assert html.index(expected_link) < html.index("</head>")


@pytest.mark.parametrize("text, shown", [
    ("<script>alert(1)</script>", "<p>&lt;script&gt;alert(1)&lt;/script&gt;</p>"),
    # Quotes too: the text would be as safe in a template's quoted attribute.
    ('Say <img src=x onerror="alert(1)"> here', '<p>Say &lt;img src=x onerror=&#34;alert(1)&#34;&gt; here</p>'),
])
def test_hostile_clause_text_is_shown_escaped_never_as_a_tag(text, shown):
    html = page(text)
    assert shown in html
    assert html.count("<script") == 1  # only the forwarding script
    assert "<img" not in html
    assert [tag for tag, _ in parse(html).tags].count("script") == 1


def test_every_interpolated_value_is_escaped():
    clause = Clause(id="4.2", number="4.2", title='A <b>"title"</b>', text="text")
    compact = make_compact(clause, title="Tom & <Jerry>")
    html = render_clause_page(compact=compact, clause=clause, citation="Sandwell <4.2>",
                              in_context_href='../../#clause-4.2"><x>', site_name="A & B <site>",
                              canonical_url='https://e.org/?a=1&b="2"', home_href='../../../"><y>')
    assert "<title>Sandwell &lt;4.2&gt; – Tom &amp; &lt;Jerry&gt; – A &amp; B &lt;site&gt;</title>" in html
    assert "<h1>Sandwell &lt;4.2&gt;</h1>" in html
    assert '<p class="compact">Tom &amp; &lt;Jerry&gt;</p>' in html
    # The title is author text: Markdown made safe by the text pipeline, as on the compact page.
    assert "<h2>A &lt;b&gt;&#34;title&#34;&lt;/b&gt;</h2>" in html
    # Every other value is escaped by the template engine (MarkupSafe writes " as &#34;).
    assert '<link rel="canonical" href="https://e.org/?a=1&amp;b=&#34;2&#34;">' in html
    assert '<a href="../../../&#34;&gt;&lt;y&gt;">A &amp; B &lt;site&gt;</a>' in html
    assert '<a href="../../#clause-4.2&#34;&gt;&lt;x&gt;">' in html
    # Inside <script> the href is a JavaScript string that cannot close the element.
    assert 'location.replace(new URL("../../#clause-4.2\\"\\u003e\\u003cx\\u003e",b).href)</script>' in html
    assert "<x>" not in html and "<y>" not in html and "<b>" not in html


@pytest.mark.parametrize("href", ["javascript:alert(1)", " JavaScript:alert(1)", "data:text/html,x"])
def test_script_links_are_refused(href):
    with pytest.raises(ValueError, match="relative or http"):
        page(in_context_href=href)


def test_clause_with_several_paragraphs_and_a_list():
    text = "First paragraph.\n\nSecond paragraph with *emphasis*.\n\n- one\n- two"
    body = ("<p>First paragraph.</p>\n<p>Second paragraph with <em>emphasis</em>.</p>\n"
            "<ul>\n<li>one</li>\n<li>two</li>\n</ul>")
    assert f'<div class="clause">\n{body}\n</div>' in page(text)


def test_footnotes_the_clause_uses_come_with_it():
    clause = Clause(id="4.2", number="4.2", text="Social value[^sv] matters.")
    compact = make_compact(clause, footnotes=[Footnote(id="sv", text="Value to **society**."),
                                              Footnote(id="other", text="Not used here.")])
    html = clause_html(compact, clause)
    assert '<a class="footnote-ref" href="#fn:sv">1</a>' in html
    assert '<li id="fn:sv">\n<p>Value to <strong>society</strong>.' in html
    assert "Not used here" not in html


def test_references_to_the_same_compact_link_in_context():
    target = Clause(id="2.1", number="2.1", text="Target.")
    clause = Clause(id="4.2", number="4.2", text="See [[2.1]], [[9.9]] and [[other:1]].")
    compact = make_compact(target, clause)
    html = render_clause_page(compact=compact, clause=clause, citation="Sandwell 4.2",
                              in_context_href="../../index.html#clause-4.2", site_name="S")
    assert ('<p>See <a href="../../index.html#clause-2.1">Sandwell 2.1</a>, [[9.9]] and [[other:1]].</p>'
            in html)


def test_a_given_resolver_is_used():
    html = page("See [[other:1]].", resolve=lambda slug, cid: ("Other 1", f"../../../{slug}/clause/{cid}/"))
    assert '<p>See <a href="../../../other/clause/1/">Other 1</a>.</p>' in html


def test_status_of_a_superseded_compact_is_stated():
    clause = Clause(id="4.2", number="4.2", text="text")
    html = page(compact=make_compact(clause, status="superseded"))
    assert '<p class="status"><strong>This compact has been superseded.</strong></p>' in html
    assert 'class="status"' not in page()


def test_page_links_only_the_shared_stylesheet():
    """One relative stylesheet for every identifier page (inline it cost 20 MB at national scale), after the
    forwarding script so it never holds that up; nothing else is loaded."""
    html = page(canonical_url="https://compacts.example.org/sandwell/clause/4.2/")
    assert re.findall(r"<link rel=\"stylesheet\"[^>]*>", html) == [
        '<link rel="stylesheet" href="../../../assets/compact-site/identifier.css">']
    assert html.index("location.replace") < html.index('rel="stylesheet"')
    assert "<style" not in html and "src=" not in html and "@import" not in html
    assert "url(" not in html and "//fonts." not in html


def _luminance(colour: str) -> float:
    channels = [int(colour[i:i + 2], 16) / 255 for i in (1, 3, 5)]
    r, g, b = (c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4 for c in channels)
    return 0.2126 * r + 0.7152 * g + 0.0722 * b


def test_css_text_contrast_focus_and_underlined_links():
    colours = set(re.findall(r"(?<![-\w])color:(#[0-9a-f]{6})", PAGE_CSS))
    assert colours == {"#1b1b1b", "#0b4f9c", "#4a4a4a"}
    background = _luminance("#ffffff")
    for colour in colours:
        assert (background + 0.05) / (_luminance(colour) + 0.05) >= 4.5, colour
    assert "background:#fff;" in PAGE_CSS
    assert "a{color:#0b4f9c;text-decoration:underline}" in PAGE_CSS
    assert "a:focus{outline:3px solid #1b1b1b;" in PAGE_CSS
    assert "max-width:40rem" in PAGE_CSS


@pytest.mark.parametrize("slug, clause_id, path", [
    ("sandwell", "4.2", "sandwell/clause/4.2/index.html"),
    ("staffordshire-stoke-on-trent", "s4-vcs-1", "staffordshire-stoke-on-trent/clause/s4-vcs-1/index.html"),
])
def test_clause_page_path(slug, clause_id, path):
    assert clause_page_path(slug, clause_id) == path


@pytest.mark.parametrize("name", sorted(p.name for p in CONTENT.glob("*.yml") if p.stem != "glossary"))
def test_reused_converter_renders_like_to_html(name):
    """One Markdown instance, reset per clause, gives what a fresh instance per clause gives."""
    compact, problems = load_file(CONTENT / name)
    assert compact is not None, problems
    for clause in compact.clauses():
        if "[^" not in clause.text:  # footnotes: definitions are appended, see the footnote test
            assert clause_html(compact, clause) == to_html(markdown(clause.text)), clause.id


def test_plain_text_shortcut_matches_markdown_on_random_texts():
    """Plain prose skips the Markdown pipeline; whatever the shortcut accepts must come out as Markdown has it."""
    import random

    import markdown as markdown_lib

    from compact_site.text.plain_prose import markdown_html, plain_paragraphs
    from compact_site.text.to_html import MARKDOWN_EXTENSIONS

    converter = markdown_lib.Markdown(extensions=MARKDOWN_EXTENSIONS)
    plain = list("abcXYZ09  -.,;:)(\"'%$/?@") + ["é", "’", "–", "1.", "2 ", "- ", "\n\n1", "\n\n-", "...", "& ",
                                                   "4.2", "1.1 ", "\n\n3.", "\n\n12.5", "7.", "1)", "\n\n"]
    special = list("*_&<#>|=[]!`{}^~+\\\t\r\x02") + [
        "\u00a0", "\u2028", "\u0085", "\u3000", " \n", "\n    ", "---", "===", "!!! note", "[^a]", "{: .x}", "&amp;"]
    rng = random.Random(20240601)
    accepted = 0
    for _ in range(4000):
        text = "".join(rng.choice(special if rng.random() < 0.03 else plain) for _ in range(rng.randint(1, 24)))
        if plain_paragraphs(text):
            accepted += 1
            assert markdown_html(text) == converter.reset().convert(text), repr(text)
    assert accepted > 1000  # the shortcut was really exercised


@pytest.mark.parametrize("text, plain", [
    ("One.\n\nTwo, with – dashes and ‘quotes’.", True),
    ("Line one\nline two", False),  # a line break: the slow way (the exports' text would differ)
    ("A **bold** word", False),
    ("- a list", False),
    ("text\n1. a list", False),
    ("1. a list", False),
    ("1.", False),
    ("4.2 opens no list", True),
    ("text\n\n4.2 opens none either", True),
    ("Health & Wellbeing", True),  # "&" before a space starts no entity: escaped as Markdown does
    ("trailing space \nnext", False),
    ("a\n    code", False),
])
def test_which_texts_take_the_plain_shortcut(text, plain):
    from compact_site.text.plain_prose import plain_paragraphs

    assert plain_paragraphs(text) is plain


def test_reused_converter_carries_nothing_over():
    with_note = Clause(id="4.1", number="4.1", text="Value[^sv] *matters*.")
    after = Clause(id="4.2", number="4.2", text="Plain *emphasis* only.")
    compact = make_compact(with_note, after, footnotes=[Footnote(id="sv", text="A note.")])
    assert "footnote" in clause_html(compact, with_note)
    assert clause_html(compact, after) == "<p>Plain <em>emphasis</em> only.</p>"
