"""Glossary: term matching, whose definition wins, first-use buttons, glossary pages, unknown terms."""
from __future__ import annotations

import logging
import re

import pytest
from mkdocs.exceptions import Abort

from compact_site.core.glossary import ASCII_FOLDS, Entry, TermMatcher, page_entries, used_in
from compact_site.model import Term
from compact_site.render.term_buttons import annotate_terms

from .test_site_build import MINIMAL, build_site, make_project


def entry(term, abbreviation=None, aliases=(), source=None, definition="Meaning."):
    return Entry.from_term(Term(term=term, abbreviation=abbreviation, aliases=list(aliases), definition=definition),
                           source)


MATCHER = TermMatcher([entry("Voluntary and community sector", "VCS"), entry("Clinical commissioning group", "CCG"),
                       entry("Commissioning"), entry("Community"), entry("Social value"), entry("Charity")])


@pytest.mark.parametrize("text, found", [
    ("The VCS and the VCSO", ["VCS"]),                                   # whole words only
    ("several CCGs met", ["CCGs"]),                                      # plural of an abbreviation
    ("the vcs", []),                                                     # abbreviations match case exactly
    ("Commissioning and commissioning", ["Commissioning", "commissioning"]),  # case variants
    ("the Voluntary and Community Sector", ["Voluntary and Community Sector"]),  # longest form wins
    ("charities and a charity", ["charities", "charity"]),              # -y plurals
    ("co-community and communityfoo", []),                               # never inside another word
    ("Clinical commissioning groups", ["Clinical commissioning groups"]),
])
def test_matcher_finds_whole_terms(text, found):
    assert [text[start:end] for start, end, _ in MATCHER.finditer(text)] == found



def test_the_first_letter_lookahead_knows_every_case_fold():
    """TermMatcher's lookahead lists what a case-insensitive ASCII first letter matches: the letter in both cases
    and ASCII_FOLDS (Python's re also matches 'ſ' for s, 'K' (Kelvin) for k, 'İ' and 'ı' for i)."""
    everything = "".join(map(chr, range(0x110000)))
    for char in map(chr, range(0x20, 0x7F)):
        found = set(re.findall(f"(?i:{re.escape(char)})", everything))
        assert found == {char, char.lower(), char.upper(), *ASCII_FOLDS.get(char.lower(), "")}, char
    ascii_folds = TermMatcher([entry("Sector"), entry("kite"), entry("Idea")])
    assert [m[2].term for m in ascii_folds.finditer("ſector \u212aite \u0130dea")] == ["Sector", "kite", "Idea"]

def test_a_compacts_own_definition_wins_on_its_pages(loaded_content):
    sandwell = next(c for c in loaded_content.compacts if c.slug == "sandwell")
    entries = page_entries(sandwell, loaded_content.glossary)
    vcs = [e for e in entries if e.abbreviation == "VCS"]
    assert [(e.source, e.id) for e in vcs] == [("sandwell", "voluntary-and-community-sector")]
    assert ("nhs" in {e.id for e in entries})  # site terms fill in the rest


def test_used_in_finds_the_clauses(loaded_content):
    used = used_in(loaded_content.compacts, loaded_content.glossary)
    assert ("wolverhampton", "2.6") in used[(None, "dbs")]
    assert ("sandwell", "s4.2-statutory-3") in used[("sandwell", "commissioning")]  # "...commissioning and procurement"


def test_first_use_only_and_never_in_links_headings_or_code():
    html = ("<h2>The VCS</h2><p>The <a href='#'>VCS</a> and <code>VCS</code>, then the VCS, then the VCS again.</p>"
            "<div data-compact-noterms><p>Commissioning</p></div><p>Commissioning here.</p>")
    out = annotate_terms(html, MATCHER, lambda e: f"glossary/#term-{e.id}")
    assert out.count('class="compact-term"') == 2
    assert "<h2>The VCS</h2>" in out and "<a href='#'>VCS</a>" in out and "<code>VCS</code>" in out
    assert ('<button type="button" class="compact-term" popovertarget="compact-term-1" aria-label="VCS: show '
            'definition"><abbr title="Voluntary and community sector">VCS</abbr></button>, then the VCS again') in out
    assert "<div data-compact-noterms><p>Commissioning</p></div><p><button" in out


def test_definitions_sit_outside_the_sentence_in_popovers():
    out = annotate_terms("<p>The VCS works.</p>", MATCHER, lambda e: "../glossary/#term-vcs")
    sentence, popovers = out.split('<div class="compact-term-popovers"', 1)
    assert "Meaning." not in sentence
    assert re.search(r'<div popover id="compact-term-1" class="compact-term-popover" role="dialog" aria-label='
                     r'"Voluntary and community sector">.*Meaning\..*href="../glossary/#term-vcs"', popovers)


def test_page_without_terms_is_unchanged():
    assert annotate_terms("<p>Nothing here.</p>", MATCHER, str) == "<p>Nothing here.</p>"


@pytest.fixture(scope="module")
def site(tmp_path_factory):
    return build_site(make_project(tmp_path_factory.mktemp("glossary")), strict=True)


def test_every_term_has_an_anchor_on_the_site_glossary_with_backlinks(site, loaded_content):
    page = (site / "glossary" / "index.html").read_text(encoding="utf-8")
    terms = list(loaded_content.glossary.terms) + [t for c in loaded_content.compacts if c.glossary
                                                   for t in c.glossary.terms]
    for term in terms:
        assert f'id="term-{Entry.from_term(term, None).id}"' in page, term.term
    assert '<a href="../wolverhampton/#clause-2.6">Wolverhampton 2.6</a>' in page  # DBS is used in 2.6


def test_each_compact_has_a_glossary_page(site, loaded_content):
    for compact in loaded_content.compacts:
        page = (site / compact.slug / "glossary" / "index.html").read_text(encoding="utf-8")
        assert "<h1" in page and 'href="../"' in page


def test_first_use_buttons_appear_once_per_term_per_page(site):
    for page in site.rglob("index.html"):
        labels = re.findall(r'class="compact-term" popovertarget="[^"]+" aria-label="([^"]+)"', page.read_text("utf-8"))
        assert len(labels) == len(set(labels)), page


@pytest.mark.parametrize("where", ["yaml", "page"])
def test_unknown_explicit_term_fails_strict_build_with_file_and_line(tmp_path, caplog, where):
    text = MINIMAL.replace("Work together.", "Work together, see [[glossary:nope]].") if where == "yaml" else MINIMAL
    config = make_project(tmp_path, {"minimal.yml": text})
    if where == "page":
        (tmp_path / "content" / "about.md").write_text("# About\n\nSee [[glossary:nope]].\n", encoding="utf-8")
    with caplog.at_level(logging.WARNING), pytest.raises(Abort):
        build_site(config, strict=True)
    expected = ("content/minimal.yml:15: clause '1.1': [[glossary:nope]]: no term 'nope' in this compact's or the "
                "site's glossary [CS408]") if where == "yaml" else \
        "content/about.md:3: [[glossary:nope]]: no term 'nope' in the glossary [CS408]"
    assert expected in caplog.text


def test_tags_are_read_once_for_what_they_open_and_close():
    from compact_site.render.term_buttons import _tag

    assert _tag("</P >") == ("p", None)
    assert _tag('<a href="x">') == ("a", True)  # a link's words are not annotated
    assert _tag("<p>") == ("p", False)
    assert _tag('<div hidden class="x">') == ("div", True)
    assert _tag("<br>") == _tag('<img src="x" />') == ("", False)
    assert _tag("<!-- a comment -->") is None


def test_a_plain_definition_is_the_same_html_as_markdown_makes():
    from compact_site.render.term_buttons import _definition_html
    from compact_site.text.author_text import markdown
    from compact_site.text.to_html import to_html

    for text in ("Equality Impact Assessment: an assessment of a policy's effect, fair & open.",
                 "A *council* body: see [the guide](https://example.org/).", "Two\n\nparagraphs."):
        assert _definition_html(text) == to_html(markdown(text))
