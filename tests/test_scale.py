"""The measures that keep a national register (400 compacts) fast and small, checked on the example site:
per-page navigation above ``nav_compacts_limit``, clause blocks spliced after Markdown, the plain-prose
shortcut, and search indexing the page without its clause blocks."""
from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from compact_site.model.traversal import walk_texts
from compact_site.render.fragments import splice
from compact_site.text.author_text import markdown
from compact_site.text.plain_prose import markdown_html, plain_paragraph, plain_paragraphs
from compact_site.text.to_html import to_html

from .conftest import build_site, make_project


def _primary_nav(html: str) -> str:
    return html[html.index("md-nav--primary"):html.index("md-sidebar--secondary")]


@pytest.fixture(scope="module")
def register_site(tmp_path_factory) -> Path:
    """The example site built as a large register would be: fewer compacts allowed in the nav than it has."""
    config = make_project(tmp_path_factory.mktemp("register"), custom_dir=True)
    # Anchor checks as warnings (strict: a warning fails the build): links from the glossary and registers to
    # clause anchors must find them, although the clause blocks join the page after Markdown.
    config.write_text(config.read_text().replace("  - compact\n", "  - compact:\n      nav_compacts_limit: 2\n")
                      + "validation:\n  anchors: warn\n")
    return build_site(config, strict=True)


def test_above_the_limit_a_compact_page_lists_only_its_own_compact(register_site):
    nav = _primary_nav((register_site / "sandwell" / "index.html").read_text(encoding="utf-8"))
    assert "Sandwell Compact" in nav
    assert not any(name in nav for name in ("Southampton Compact", "Westminster Compact", "Wolverhampton"))
    assert "Glossary" in nav and "Compare two compacts" in nav  # the site's own pages stay


def test_above_the_limit_a_compact_sub_page_shows_its_compact(register_site):
    nav = _primary_nav((register_site / "westminster" / "glossary" / "index.html").read_text(encoding="utf-8"))
    assert "The Westminster Compact 2011" in nav and "Sandwell Compact" not in nav


def test_above_the_limit_site_pages_list_no_compact(register_site):
    nav = _primary_nav((register_site / "glossary" / "index.html").read_text(encoding="utf-8"))
    assert not any(name in nav for name in ("Sandwell Compact", "Southampton Compact", "Wolverhampton"))
    home = (register_site / "index.html").read_text(encoding="utf-8")
    assert home.count('href="sandwell/"') >= 1  # the home page lists every compact instead


def test_at_or_below_the_limit_every_compact_is_in_the_nav(tmp_path):
    site = build_site(make_project(tmp_path, custom_dir=True), strict=True)
    nav = _primary_nav((site / "glossary" / "index.html").read_text(encoding="utf-8"))
    for name in ("Sandwell Compact", "Southampton Compact", "The Westminster Compact 2011"):
        assert name in nav


def test_spliced_pages_carry_no_placeholders_or_markers(register_site):
    for page in register_site.rglob("*.html"):
        text = page.read_text(encoding="utf-8")
        assert not any(mark in text for mark in ("compact-fragment", "compact-block", "<!--compact-noterms")), page


def test_search_sections_leave_clause_text_to_the_clause_entries(register_site):
    docs = json.loads((register_site / "search" / "search_index.json").read_text(encoding="utf-8"))["docs"]
    phrase = "Respect and uphold the independence of VCS"  # Wolverhampton 2.1
    holders = [d["location"] for d in docs if phrase in d["text"]]
    assert holders == ["wolverhampton/#clause-2.1"], holders


def test_splice_puts_each_block_in_its_place():
    html = "<h2>A</h2>\n<!--compact-fragment 0-->\n<p>prose</p>\n<!--compact-fragment 1-->"
    spliced = splice(html, ['<div id="clause-1">one</div>', '<div id="clause-2">two</div>'])
    assert spliced == '<h2>A</h2>\n<div id="clause-1">one</div>\n<p>prose</p>\n<div id="clause-2">two</div>'


def test_consecutive_blocks_share_one_placeholder_and_splice_in_order():
    from compact_site.render.fragments import merge_placeholders, placeholder

    markdown_text = "## A\n\n" + "".join(placeholder(n) + "\n\n" for n in range(3)) + "Prose.\n\n" + placeholder(3)
    merged = merge_placeholders(markdown_text)
    assert merged.count("compact-fragment") == 2
    spliced = splice(merged, ["<p>0</p>", "<p>1</p>", "<p>2</p>", "<p>3</p>"])
    assert spliced == "## A\n\n<p>0</p>\n<p>1</p>\n<p>2</p>\n\nProse.\n\n<p>3</p>"


def _depth(value) -> int:
    if isinstance(value, dict):
        return 1 + max(map(_depth, value.values()), default=0)
    if isinstance(value, list):
        return 1 + max(map(_depth, value), default=0)
    return 0


NESTED = st.recursive(st.text(alphabet="ab[{ -:", max_size=5),
                      lambda inner: st.lists(inner, max_size=2) | st.dictionaries(st.text("xy", min_size=1, max_size=2),
                                                                                 inner, max_size=2), max_leaves=80)


@settings(max_examples=300, deadline=None)
@given(NESTED, st.sampled_from([None, False, True]))
def test_depth_pre_screen_never_passes_a_deep_document(data, flow):
    """surely_shallow may say "maybe deep" for a shallow file, never "shallow" for a deep one."""
    import yaml

    from compact_site.content.yaml_reader import MAX_DEPTH, surely_shallow

    for wrap in range(0, 60, 7):  # push the same shape deeper, past MAX_DEPTH
        value = data
        for _ in range(wrap):
            value = [value]
        text = yaml.safe_dump(value, default_flow_style=flow, width=10_000)
        if surely_shallow(text):
            assert _depth(yaml.safe_load(text)) <= MAX_DEPTH, text


def test_plain_prose_shortcut_matches_python_markdown_on_every_example_text(loaded_content):
    checked = 0
    for compact in loaded_content.compacts:
        for _node, _key, text in walk_texts(compact):
            if isinstance(text, str):
                source = markdown(text)
                assert markdown_html(source) == to_html(source), source
                checked += plain_paragraph(source)
    assert checked > 1000  # the shortcut is the common case, not a corner


PROSE = st.text(alphabet=st.characters(codec="utf-8", categories=("L", "N", "P", "S", "Zs", "Cc")), max_size=80)


@settings(max_examples=400, deadline=None)
@given(PROSE)
def test_plain_prose_shortcut_never_disagrees_with_python_markdown(text):
    if plain_paragraphs(text):  # the shortcut is taken: its HTML must be Python-Markdown's, byte for byte
        assert markdown_html(text) == to_html(text)


@settings(max_examples=400, deadline=None)
@given(st.lists(st.sampled_from(list("ab `~\t\n-1.") + ["    ", "```", "~~~", "\n    "]), max_size=30).map("".join))
def test_mask_code_shortcut_agrees_with_the_full_masking(text):
    """mask_code returns a text without backticks, fences or indented lines as it is: the full masking must
    agree on every text, including those the shortcut declines."""
    from compact_site.model.references import _CODE_SPAN_RE, _FENCE_RE, _blank, _mask_indented_code, mask_code

    assert mask_code(text) == _CODE_SPAN_RE.sub(_blank, _mask_indented_code(_FENCE_RE.sub(_blank, text)))


def test_numbered_plain_clauses_never_reach_python_markdown(loaded_content, monkeypatch):
    """A clause numbered "4.2" with plain text is the common case: its block must take the shortcut. (A rule that
    read "4.2" as a list start once sent all 32,000 clauses of a national register through Python-Markdown,
    +10 s, with output unchanged, so only a count catches it.)"""
    from compact_site.core.citations import Citations
    from compact_site.render.compact_page import render_compact_page
    from compact_site.text import plain_prose as fast

    slow: list[str] = []
    monkeypatch.setattr(fast, "to_html", lambda source: slow.append(source) or to_html(source))
    citations = Citations(loaded_content.compacts)
    blocks = 0
    for compact in loaded_content.compacts:
        page = render_compact_page(compact, citations.for_page(compact.slug))
        blocks += sum(part.count('class="compact-clause"') for part in page.blocks)
    plain = [clause.text for compact in loaded_content.compacts for clause in compact.clauses()
             if re.fullmatch(r"\d+(\.\d+)+", clause.number or "") and plain_paragraph(clause.text)
             and not clause.title and not clause.former_numbers and not clause.former_ids]
    assert len(plain) > 100 and blocks > 200
    converted = "\n".join(slow)
    assert [text for text in plain if text in converted] == []
