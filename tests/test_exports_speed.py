"""The export and search speed-ups change no output.

* Plain prose (``text.plain_prose``, the one rule every output shares) skips Markdown and lxml: whatever it
  accepts must give exactly what the general path gives, for the JSON plain text, the search text and the Akoma Ntoso blocks.
  Checked on every string of the five compacts and on generated tricky strings (hypothesis) here, and on
  every clause of the 400-compact national set where it exists (``test_exports_speed_national.py``).
* JSON is written by pydantic's serialiser instead of ``json.dumps(indent=2)``: same bytes.
* Clauses are built in place in the AKN tree and indented by tag: the same document as before.
"""
from __future__ import annotations

import json

from hypothesis import example, given, settings
from hypothesis import strategies as st
from lxml import etree

from compact_site.core.citations import Citations, LinkStyle
from compact_site.core.context import BuildContext
from compact_site.exports import _json, akn, export_files, text
from compact_site.exports.akn_text import E, TextConverter
from compact_site.exports.eids import clause_eid
from compact_site.exports.records import Footnote
from compact_site.exports.text import resolver
from compact_site.exports.urls import SiteUrls
from compact_site.pages import search
from compact_site.text.plain_prose import plain_prose
from compact_site.text.to_html import to_html


def _resolve(target, ident):
    return ("Somewhere 1.1", "/somewhere/#clause-1.1")


def fast_equals_slow(source: str) -> bool:
    """Assert the fast path gives what the general path gives, when it accepts ``source``; True if it did."""
    if plain_prose(source) is None:
        return False
    assert text.plain(source, _resolve) == text.plain_via_markdown(source, _resolve), repr(source)
    assert search.plain_text(source) == search.plain_text_via_markdown(source), repr(source)
    fast, slow, into = E.x(), E.x(), E.x()
    fast.extend(TextConverter(_resolve, {}).blocks(source, "p"))
    slow.extend(TextConverter(_resolve, {}).blocks_via_markdown(source, "p"))
    TextConverter(_resolve, {}).blocks_into(into, source, "p")
    assert etree.tostring(fast) == etree.tostring(slow) == etree.tostring(into), repr(source)
    return True


def strings_of(value) -> list[str]:
    """Every string anywhere in a dumped model."""
    if isinstance(value, str):
        return [value]
    if isinstance(value, dict):
        return [s for v in value.values() for s in strings_of(v)]
    if isinstance(value, list):
        return [s for v in value for s in strings_of(v)]
    return []


def test_fast_path_matches_markdown_on_every_string_of_the_compacts(loaded_content):
    texts = {s for compact in loaded_content.compacts for s in strings_of(compact.model_dump())}
    accepted = sum(fast_equals_slow(s) for s in sorted(texts))
    assert accepted > len(texts) / 3  # the fast path was really taken


# Ordinary prose, and pieces that mean something to Markdown, its extensions, HTML or XML.
PROSE = ["a", "Z", "é", "’", "–", "—", "“", "£", "😀", "1", "9", " ", "  ", ".", ",", ";", ":", "'", '"', "(", ")",
         "?", "/", "%", "$", "@", "-", "--", "...", "1.", "2)", "- ", "---", " & "]
SPECIAL = ["* ", "#", "&", "&amp;", "&#123;", "<", ">", "<b>", "[", "]", "[^1]", "[[1.1]]", "[x](javascript:y)", "`",
           "\\", "_", "*", "**", "{", "}", "{: .x}", "!", "!!! note", "|", "\n", "\n\n", "\t", "\r", "\x00", "\x02",
           "\x03", "\x0b", "\x7f", "\x85", "\xa0", "\u2028", "\u3000", "\ufeff", "\u200b", "\ufffe", "\ud800",
           "    ", "***", "___", "http://x.y/a_b", "+", "=", "~", "^", "+ ", "==="]
PIECES = PROSE * 8 + SPECIAL  # mostly prose, so the fast path accepts many of them


def test_fast_path_is_exercised_by_the_pieces():
    """The generated strings below reach the fast path often, so they test it (not just the refusals)."""
    import random

    rng = random.Random(20261123)
    sources = ["".join(rng.choice(PIECES) for _ in range(rng.randint(1, 12))) for _ in range(2000)]
    assert sum(fast_equals_slow(source) for source in sources) > 400


@settings(max_examples=600, deadline=None)
@given(st.lists(st.sampled_from(PIECES), max_size=12).map("".join))
@example("Plain prose, with – dashes and ‘quotes’.")
@example("  Surrounded by spaces  ")
@example("Two  spaces   inside")
@example("1.1 is not a list")
@example("2011. A list item")
@example("- a list")
@example("= not a heading")
def test_fast_path_matches_markdown_on_tricky_pieces(source):
    fast_equals_slow(source)


@settings(max_examples=300, deadline=None)
@given(st.text(max_size=40))
def test_fast_path_matches_markdown_on_any_text(source):
    fast_equals_slow(source)


def test_fast_path_accepts_prose_and_refuses_markup():
    assert plain_prose("  The statutory sector will: consult (12 weeks) – in writing.  ") == \
        "The statutory sector will: consult (12 weeks) – in writing."
    assert plain_prose("Health & Wellbeing Board") == "Health & Wellbeing Board"
    for refused in ["", "   ", "A **bold** word", "Health &amp; Wellbeing", "A&B", "end &", "See [[1.1]]",
                    "Note[^1]", "- a list", "1. a list", "# Heading", "Line\nbreak", "Tab\there", "No\xa0break",
                    "<b>", "{: .x}", "a|b"]:
        assert plain_prose(refused) is None, refused


FIELDS = st.text(max_size=30)


@settings(max_examples=300, deadline=None)
@given(FIELDS, FIELDS, st.one_of(st.none(), FIELDS))
def test_json_writer_gives_the_bytes_json_dumps_gives(ident, markdown_text, plain_text):
    record = Footnote(id=ident, text_markdown=markdown_text, text_plain=plain_text or "")
    expected = json.dumps(record.model_dump(mode="json", by_alias=True), indent=2, ensure_ascii=False) + "\n"
    assert _json(record) == expected


def test_json_files_are_what_json_dumps_writes(loaded_content):
    files = dict(export_files(BuildContext(loaded_content.compacts, loaded_content.glossary, LinkStyle(site_url="https://example.org/"))))
    for path, written in files.items():
        if path.endswith(".json"):
            assert json.dumps(json.loads(written), indent=2, ensure_ascii=False) + "\n" == written, path


def _old_indent(element, level=0):
    """akn._indent as it was (by local name), to check the faster one against."""
    if etree.QName(element).localname not in akn._STRUCTURAL or not len(element) or (element.text or "").strip():
        return
    inner = "\n" + "  " * (level + 1)
    element.text = inner
    for child in element:
        _old_indent(child, level + 1)
        child.tail = inner
    element[-1].tail = "\n" + "  " * level


def test_clauses_built_in_place_and_indent_by_tag_give_the_old_document(loaded_content):
    compacts = loaded_content.compacts
    citations, urls = Citations(compacts, loaded_content.glossary), SiteUrls(None)
    for compact in compacts:
        resolve = resolver(citations, compact.slug, urls)
        notes = {note.id: note.text for note in compact.footnotes}
        new, old = akn.BodyWriter(compact, resolve), TextConverter(resolve, notes)
        for node in compact.citable():
            eid = clause_eid("sec_x", node.id)
            before = E.paragraph(*akn._labelled(getattr(node, "number", None), getattr(node, "title", None)),
                                 E.content(*old.blocks(node.text, eid)), eId=eid)
            assert etree.tostring(new.clause(node, "sec_x")) == etree.tostring(before), node.id
        documents = [akn.akn_document(compact, resolve) for _ in range(2)]
        akn._indent(documents[0])
        _old_indent(documents[1])
        assert etree.tostring(documents[0]) == etree.tostring(documents[1]), compact.slug


def test_one_plain_prose_rule_for_every_output():
    """The pages, the identifier pages, the exports and search decide "plain prose" with the same function (two
    rules once disagreed on 8 of 9 probe strings)."""
    from compact_site.exports import akn_text
    from compact_site.exports import text as export_text
    from compact_site.text import plain_prose as rule

    assert export_text.plain_prose is akn_text.plain_prose is search.plain_prose is rule.plain_prose
    for probe in ["4.2 opens no list", "Health & Wellbeing", "  padded  ", "a = b", "x ~ y", ": colon", "% off",
                  "1) first", "Line\nbreak"]:
        assert rule.markdown_html(probe) == to_html(probe), probe  # the pages' shortcut is exact
        fast_equals_slow(probe)  # and so is the exports'
