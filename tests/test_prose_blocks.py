"""Plain prose and plain lists on generated pages go in as HTML blocks (render/prose_blocks.py), not Markdown:
the HTML must be what Python-Markdown writes, the page the same, and anything else must stay Markdown."""
from __future__ import annotations

import random

import markdown as markdown_lib
import pytest

from compact_site.render.fragments import splice
from compact_site.render.prose_blocks import list_lines, prose_lines
from compact_site.text.plain_prose import plain_list_html
from compact_site.text.to_html import MARKDOWN_EXTENSIONS, to_html

pytestmark = pytest.mark.unit

CONVERTER = markdown_lib.Markdown(extensions=MARKDOWN_EXTENSIONS)
PLAIN = list("abcXYZ09  -.,;:)(\"'%$/?@") + ["é", "’", "–", "1.", "2 ", "...", "& ", "4.2", "1.1 ", "1)"]
SPECIAL = list("*_&<#>|=[]!`{}^~+\\\t\r") + ["\u00a0", "\n", "- ", "1. ", "[^a]", "{: .x}", "&amp;", "  "]


def test_plain_list_matches_markdown_on_random_items():
    rng = random.Random(20261207)
    accepted = 0
    for _ in range(3000):
        items = ["".join(rng.choice(SPECIAL if rng.random() < 0.03 else PLAIN) for _ in range(rng.randint(1, 16)))
                 for _ in range(rng.randint(1, 5))]
        html = plain_list_html(items)
        if html is not None:
            accepted += 1
            assert html == CONVERTER.reset().convert("\n".join(f"- {item}" for item in items)), repr(items)
    assert accepted > 600  # the shortcut was really exercised (~820 of 3,000 with this seed)


@pytest.mark.parametrize("items", [[], ["a **bold** name"], ["one", "- nested"], ["trailing "], ["1. numbered"]])
def test_lists_that_are_not_plain_stay_markdown(items):
    blocks: list[str] = []
    assert plain_list_html(items) is None
    assert list_lines(items, blocks) == [f"- {item}" for item in items] + [""]
    assert blocks == []


def page_html(lines: list[str], blocks: list[str]) -> str:
    return splice(to_html("\n".join(lines)), blocks)


def test_a_page_of_plain_blocks_reads_as_its_markdown():
    """Headings, plain paragraphs, a plain list and a paragraph with a link: the same HTML either way."""
    texts = ["Partners agree to meet twice a year.", "Health & Wellbeing Board, and ‘others’.\n\nA second paragraph."]
    linked = "See the [register](signatories.md)."
    blocks: list[str] = []
    lines = ["## Intro { #intro }", ""] + prose_lines(texts[0], blocks) + ["### More { #more }", ""]
    lines += prose_lines(texts[1], blocks) + list_lines(["Sam Smith, Chair", "Ruth Khan & Co"], blocks)
    lines += prose_lines(linked, blocks) + prose_lines("", blocks)
    assert len(blocks) == 3  # the linked paragraph stays Markdown, so MkDocs resolves and checks its link
    assert linked in lines and all("searched" in line for line in lines if line.startswith("<!--"))
    expected = to_html("\n\n".join(["## Intro { #intro }", texts[0], "### More { #more }", texts[1],
                                    "- Sam Smith, Chair\n- Ruth Khan & Co", linked]))
    assert page_html(lines, blocks) == expected

