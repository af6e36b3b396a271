"""Hostile text in every field and every name is neutralised in every output of a built site.

A copy of a real compact (and of the site glossary) has a payload appended to every free-text string —
compact title, clause text and titles, signatories, terms, abbreviations, form field labels and options,
notes — and signatories' names start with a spreadsheet formula. The site is built, then every file is
read as a browser or a spreadsheet would: HTML pages (compact, clause identifier, glossary, register,
form pages), the search index (whose texts are HTML), JSON exports, Akoma Ntoso and the sitemap, CSV.
The policy under test is in ``text/author_text.py``; a council's own page fragments (templates in its theme's
``custom_dir``) get author text only as already-safe HTML and have everything else escaped.
"""
from __future__ import annotations

import csv
import json
import re
from html.parser import HTMLParser
from pathlib import Path

import pytest
import yaml
from lxml import etree

from compact_site.text.author_text import escape_html, safe_url

from .conftest import CONTENT, build_site, make_project

PAYLOAD = (' <script>alert("s")</script> <img src=x onerror=alert("e")> <iframe src="https://evil.example/">'
           '</iframe> [jl](javascript:alert("j")) [jt](java\tscript:alert("t")) [je](&#106;avascript:alert("n"))'
           ' [dl](data:text/html;base64,PHNjcmlwdD4=) [vb](VBScript:msgbox) ![im](data:image/svg+xml,x)'
           ' <a href="javascript:alert(1)">a</a> <style>body{display:none}</style> {: onclick="alert(\'c\')" }'
           ' <div style="background:url(javascript:alert(1))">x</div> <svg onload=alert("v")>'
           ' </title><script>alert("t")</script></textarea><img src=x onerror=alert("x")>')
FORMULA = "=HYPERLINK(\"https://evil.example\") "
NOT_TEXT = {"slug", "id", "number", "status", "kind", "sector", "party", "adopted", "refreshed", "published",
            "start", "end", "review", "date", "signed", "former_ids", "former_numbers", "order", "url", "format"}
URL_ATTRIBUTES = {"href", "src", "action", "formaction", "xlink:href", "data", "poster", "background"}


def hostile(node, key=None):
    if isinstance(node, dict):
        return {k: hostile(v, k) for k, v in node.items()}
    if isinstance(node, list):
        return [hostile(v, key) for v in node]
    if isinstance(node, str) and key not in NOT_TEXT:
        return (FORMULA if key in ("name", "organisation", "role", "title", "area") else "") + node + PAYLOAD
    return node


def hostile_yaml(name: str) -> str:
    data = yaml.load((CONTENT / name).read_text(encoding="utf-8-sig"), Loader=yaml.CSafeLoader)
    return yaml.dump(hostile(data), Dumper=yaml.CSafeDumper, allow_unicode=True)


@pytest.fixture(scope="module")
def hostile_site(tmp_path_factory) -> Path:
    project = make_project(tmp_path_factory.mktemp("hostile"), {
        "sandwell.yml": hostile_yaml("sandwell.yml"),  # has forms, procedures, signatories and a glossary
        "staffordshire-stoke-on-trent.yml": hostile_yaml("staffordshire-stoke-on-trent.yml"),
        "glossary.yml": hostile_yaml("glossary.yml")}, custom_dir=True)
    return build_site(project)


# A council's own fragments (in its theme's custom_dir) that show every value they are given, in text and in
# attributes: author text must arrive already made safe, and everything else is escaped by the template engine.
COUNCIL_FRAGMENTS = {
    "clause-body.html": '<div class="council" title="{{ clause.title }} {{ clause.citation }}">{{ clause.number }} '
                        "{{ clause.title }} {{ clause.formerly }} {{ clause.citation }} {{ clause.text }} "
                        "{{ clause.text.lead }}{{ clause.text.rest }} {{ clause.notes }}</div>\n",
    "party-heading.html": '<h{{ level }} id="{{ anchor }}" class="council">{{ heading }}</h{{ level }}>',
    "similar.html": '<ul class="council">{% for m in similar %}<li><a href="{{ m.href }}" title="{{ m.label }}">'
                    "{{ m.label }}</a> {{ m.kind }}</li>{% endfor %}</ul>",
    "glossary-section.html": '<div class="council">{{ intro }}{% for t in terms %}<h3 id="{{ t.anchor }}" '
                             'title="{{ t.term }}">{{ t.term }}</h3>{{ t.definition }}{% endfor %}</div>',
    "used-in.html": '<p class="council">{% for link in links %}<a href="{{ link.href }}" title="{{ link.label }}">'
                    "{{ link.label }}</a>{% endfor %}</p>",
    "register-table.html": '<table class="council">{% for row in rows %}<tr data-x="{{ row.organisation }}"><td>'
                           "{{ row.organisation }} {{ row.name }} {{ row.role }} {{ row.printed }} "
                           "{{ row.compact_title }}</td></tr>{% endfor %}</table>",
    "site-register.html": '<div class="council">{% for row in rows %}<p data-x="{{ row.name }}">{{ row.organisation }} '
                          "{{ row.name }} {{ row.compact_title }}</p>{% endfor %}{% for f in filters %}"
                          '{% for value, text in f.choices %}<span data-v="{{ value }}">{{ text }}</span>{% endfor %}'
                          "{% endfor %}</div>",
    "identifier-page.html": '<!DOCTYPE html>\n<html lang="en"><head><title>{{ citation }} {{ compact.title }}</title>'
                            '</head><body><main class="council"><h1 title="{{ compact.title }}">{{ citation }}</h1>'
                            '{% include "compact-site/clause-body.html" %}<p>{{ compact.area }} {{ status }} '
                            '{{ site_name }}</p><a href="{{ in_context_href }}">in context</a></main></body></html>',
}


@pytest.fixture(scope="module")
def council_site(tmp_path_factory) -> Path:
    """The hostile content built with the council's own fragments."""
    base = tmp_path_factory.mktemp("council")
    project = make_project(base, {
        "sandwell.yml": hostile_yaml("sandwell.yml"),
        "staffordshire-stoke-on-trent.yml": hostile_yaml("staffordshire-stoke-on-trent.yml"),
        "glossary.yml": hostile_yaml("glossary.yml")})
    theme = base / "theme" / "compact-site"
    theme.mkdir(parents=True)
    for name, text in COUNCIL_FRAGMENTS.items():
        (theme / name).write_text(text, encoding="utf-8")
    project.write_text(project.read_text(encoding="utf-8").replace("  font: false\n",
                                                                   f"  font: false\n  custom_dir: {theme.parent}\n"))
    return build_site(project)


class Scanner(HTMLParser):
    """Collects anything in an HTML document that would run script, load a frame or apply author CSS."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.faults: list[str] = []
        self.script: str | None = None

    def handle_starttag(self, tag, attrs):
        if tag in ("iframe", "frame", "object", "embed", "base"):  # the theme uses none of these
            self.faults.append(f"<{tag}> element")
        for name, value in attrs:
            value = value or ""
            if name.startswith("on") and "alert" in value:
                self.faults.append(f"event handler {name}={value!r}")
            if name in URL_ATTRIBUTES and not safe_url(value):
                self.faults.append(f"{name}={value!r}")
            if name == "style" and ("javascript" in value or "display:none" in value):
                self.faults.append(f"style={value!r}")
        if tag in ("script", "style"):
            self.script = ""
        if tag in ("title", "textarea"):  # browsers read these as text up to their end tag (RCDATA)
            self.set_cdata_mode(tag)

    def handle_data(self, data):
        if self.script is not None:
            self.script += data
            if "alert(" in data and "application/" not in (self.get_starttag_text() or ""):
                self.faults.append(f"script running {data[:60]!r}")

    def handle_endtag(self, tag):
        if tag in ("script", "style") and self.script is not None:
            if tag == "style" and "display:none" in self.script:
                self.faults.append("author CSS in <style>")
            self.script = None


def html_faults(text: str) -> list[str]:
    scanner = Scanner()
    scanner.feed(text)
    scanner.close()
    return scanner.faults


def test_payload_reached_the_site(hostile_site):
    """The test is only meaningful if the hostile text is really published: look for it, escaped."""
    page = (hostile_site / "sandwell" / "index.html").read_text(encoding="utf-8")
    assert page.count("&lt;script&gt;alert") > 50 and ">jl</a>" in page and ">im<" not in page


def test_every_html_page_is_inert(hostile_site):
    pages = sorted(hostile_site.rglob("*.html"))
    assert len(pages) > 60  # compact, clause identifier, glossary, register and form pages
    faults = {str(p.relative_to(hostile_site)): f for p in pages if (f := html_faults(p.read_text("utf-8")))}
    assert not faults


def test_a_councils_own_fragments_show_hostile_text_inert(council_site):
    pages = sorted(council_site.rglob("*.html"))
    faults = {str(p.relative_to(council_site)): f for p in pages if (f := html_faults(p.read_text("utf-8")))}
    assert not faults
    shown = {name: (council_site / name).read_text(encoding="utf-8") for name in (
        "sandwell/index.html", "glossary/index.html", "signatories/index.html", "sandwell/signatories/index.html")}
    council = {name: "".join(re.findall(r'class="council".*?</(?:div|p|table|ul|h\d)>', page, re.S))
               for name, page in shown.items()}
    assert all("&lt;script&gt;alert" in text for text in council.values()), [n for n, t in council.items()
                                                                            if "&lt;script&gt;alert" not in t]
    assert council["sandwell/index.html"].count("&lt;script&gt;alert") > 50
    identifier = next((council_site / "sandwell" / "clause").glob("*/index.html")).read_text(encoding="utf-8")
    assert '<main class="council">' in identifier and "&lt;script&gt;alert" in identifier


def test_search_index_texts_are_inert(hostile_site):
    docs = json.loads((hostile_site / "search" / "search_index.json").read_text(encoding="utf-8"))["docs"]
    assert any("alert" in doc["text"] for doc in docs)
    faults = [(doc["location"], f) for doc in docs for field in ("title", "text") if (f := html_faults(doc[field]))]
    assert not faults


def strings(node):
    if isinstance(node, dict):
        for key, value in node.items():
            yield from ((k, v) for k, v in strings(value)) if isinstance(value, (dict, list)) else [(key, value)]
    elif isinstance(node, list):
        for value in node:
            yield from strings(value)


def test_json_exports_parse_and_carry_no_live_html(hostile_site):
    files = [p for p in hostile_site.rglob("*.json") if p.name != "search_index.json"]
    assert any(p.name == "compact.json" for p in files) and any(p.name == "signatories.json" for p in files)
    for path in files:
        data = json.loads(path.read_text(encoding="utf-8"))  # well-formed whatever the text held
        for key, value in strings(data):
            if isinstance(value, str) and ("html" in str(key).lower()):
                assert not html_faults(value), (path, key)
            if isinstance(value, str) and str(key).lower() in ("url", "href", "uri", "@id"):
                assert safe_url(value), (path, key, value)


def test_xml_exports_have_no_script_or_unsafe_links(hostile_site):
    files = sorted(hostile_site.rglob("*.xml"))
    assert any(p.name.endswith(".akn.xml") for p in files)
    for path in files:
        root = etree.parse(str(path), etree.XMLParser(resolve_entities=False, no_network=True)).getroot()
        for element in root.iter():
            if not isinstance(element.tag, str):
                continue
            assert etree.QName(element).localname.lower() not in ("script", "iframe", "style", "object"), path
            for name, value in element.attrib.items():
                local = etree.QName(name).localname
                assert not local.lower().startswith("on"), (path, name)
                if local in ("href", "src", "showAs") and ":" in value.split("/")[0]:
                    assert safe_url(value), (path, name, value)


def test_csv_cells_never_start_a_formula(hostile_site):
    files = sorted(hostile_site.rglob("*.csv"))
    assert files
    for path in files:
        rows = list(csv.reader(path.read_text(encoding="utf-8-sig").splitlines()))
        assert any("HYPERLINK" in cell for row in rows for cell in row)
        for row in rows:
            for cell in row:
                assert not cell[:1] in ("=", "+", "-", "@", "\t", "\r"), (path, cell)


@pytest.mark.parametrize("text, expected", [
    ('[x](javascript:alert("j")) after', "[x](#) after"),
    ("[x](JaVa\tScRiPt:alert(1))", "[x](#)"),
    ("[x](java\nscript:alert(1))", "[x](#)"),
    ("[x](&#106;avascript:alert(1))", "[x](#)"),
    ("![i](data:image/png;base64,AA)", "![i](#)"),
    ("[r]:\n  vbscript:msgbox", "[r]:\n  #"),
    ("[x](https://example.org/a_(b)) [y](/rel) [z](#f) [m](mailto:a@b.org) [t](tel:+441)",
     "[x](https://example.org/a_(b)) [y](/rel) [z](#f) [m](mailto:a@b.org) [t](tel:+441)"),
    ("`[x](javascript:1)` and `<b>`", "`[x](javascript:1)` and `<b>`"),
    ('<b onclick="x">{: onclick=y }', '&lt;b onclick="x">&#123;: onclick=y }'),
])
def test_policy_in_one_place(text, expected):
    assert escape_html(text) == expected


@pytest.mark.parametrize("page, left", [
    ("[a](javascript:alert(1))", "[a](#)"),
    ('[a](javascript:alert(1) "title")', '[a](# "title")'),
    ("[a](<javascript:x>)", "[a](<#>)"),
    ("[a](&#106;avascript:x)", "[a](#)"),
    ("[a]( jAvAsCrIpT:x )", "[a]( # )"),
    ("[r]: <data:text/html,x>", "[r]: <#>"),
    ("<img src='vbscript:x'> <form action=file:///etc>", "<img src='#'> <form action=#>"),
])
def test_hand_written_pages_lose_unsafe_link_targets(page, left):
    from compact_site.text.author_text import unsafe_page_links

    text, found = unsafe_page_links(page)
    assert text == left and found and all(offset == 0 for offset, _ in found)


@pytest.mark.parametrize("page", [
    "[a](https://example.org/a_(b)) [m](mailto:x@example.org) [t](tel:+44) [p](../glossary.md#term-x)",
    "`[a](javascript:x)` and\n\n    <a href=\"javascript:y\">indented code</a>\n",
    "<a href=\"#top\">top</a> [r]: not a definition mid-line data:x",
])
def test_hand_written_pages_keep_safe_links_and_code(page):
    from compact_site.text.author_text import unsafe_page_links

    assert unsafe_page_links(page) == (page, [])
