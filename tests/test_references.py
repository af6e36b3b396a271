"""Cross-references: syntax, code left alone, anchors, resolution to citations."""
from __future__ import annotations

import pytest

from compact_site.model.references import clause_anchor, clause_url, find_references
from compact_site.text.author_text import escape_html, markdown


@pytest.mark.parametrize("text, found", [
    ("see [[2.1]]", [(None, "2.1")]),
    ("see [[sandwell:s4.1-vcs-1]] and [[3]]", [("sandwell", "s4.1-vcs-1"), (None, "3")]),
    ("in code `[[2.1]]` only", []),
    ("```\n[[2.1]]\n```\nafter [[1.1]]", [(None, "1.1")]),
    ("not a ref [[Bad Id]] or [2.1]", []),
    ("para\n\n    [[9.9]] indented code\n\nafter [[1.1]]", [(None, "1.1")]),
    ("- item\n\n    continued [[1.1]] in the list", [(None, "1.1")]),
])
def test_find_references(text, found):
    assert [(r.compact, r.clause_id) for r in find_references(text)] == found


def test_reference_line_offsets_count_lines():
    refs = list(find_references("one\ntwo [[1.1]]\n\nfour [[2.2]]"))
    assert [r.line_offset for r in refs] == [1, 3]


def test_anchor_and_url_come_from_the_id():
    assert clause_anchor("3.4") == "clause-3.4"
    assert clause_url("sandwell", "s4.1-vcs-1") == "sandwell/clause/s4.1-vcs-1/"


def test_resolved_reference_becomes_citation_link():
    def resolve(slug, clause_id):
        return ("Sandwell 2.1", "#clause-2.1") if clause_id == "2.1" else None

    assert markdown("see [[2.1]] and [[9.9]]", resolve) == "see [Sandwell 2.1](#clause-2.1) and [[9.9]]"


@pytest.mark.parametrize("text, expected", [
    ("<script>alert(1)</script>", "&lt;script>alert(1)&lt;/script>"),
    ("keep `<b>` in code", "keep `<b>` in code"),
    ("a < b", "a &lt; b"),
])
def test_raw_html_is_shown_not_run(text, expected):
    assert escape_html(text) == expected
