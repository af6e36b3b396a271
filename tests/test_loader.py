"""Loader and model: numbers kept as written, line numbers, partial dates, every problem listed."""
from __future__ import annotations

import pytest

from compact_site.content.loader import parse_compact
from compact_site.content.yaml_reader import parse_yaml

from .conftest import ROOT

MINIMAL = (ROOT / "tests" / "fixtures" / "minimal.yml").read_text(encoding="utf-8")


def load(text: str, stem: str | None = "minimal"):
    return parse_compact(text, "test.yml", stem)


def test_minimal_compact_loads_without_problems():
    compact, problems = load(MINIMAL)
    assert problems == []
    assert [c.id for c in compact.clauses()] == ["1.1"]


@pytest.mark.parametrize("written, expected", [("1.10", "1.10"), ("'1.10'", "1.10"), ("3", "3"), ("2.1", "2.1"),
                                               ("0.4", "0.4")])
def test_unquoted_numeric_ids_keep_their_digits(written: str, expected: str):
    compact, problems = load(MINIMAL.replace('id: "1.1"', f"id: {written}"))
    assert problems == []
    assert compact.clauses()[0].id == expected


@pytest.mark.parametrize("written, expected", [("2011", "2011"), ("2011-07", "2011-07"), ("2011-07-14", "2011-07-14"),
                                               ('"2011-07"', "2011-07")])
def test_partial_dates_are_accepted_as_written(written: str, expected: str):
    compact, problems = load(MINIMAL.replace("status: adopted", f"status: adopted\ndates:\n  review: {written}"))
    assert problems == []
    assert compact.dates.review == expected


def test_nodes_remember_their_lines():
    compact, _ = load(MINIMAL)
    clause = compact.clauses()[0]
    assert clause.line == 13
    assert clause.line_of("text") == 15
    assert compact.line_of("status") == 5


def test_block_text_value_line_is_its_first_content_line():
    parsed = parse_yaml("a: |\n  first\n  second\nb: >-\n  folded\n")
    assert parsed.data.value_lines == {"a": 2, "b": 5}


def test_all_problems_of_a_file_are_listed_together():
    text = MINIMAL.replace("status: adopted", "status: final\ncolour: blue").replace("text: Work together.", "txt: x")
    compact, problems = load(text)
    assert compact is None
    assert [p.code for p in sorted(problems)] == ["CS104", "CS101", "CS102", "CS101"]


def test_duplicate_key_keeps_first_value_but_is_an_error():
    parsed = parse_yaml("title: First\ntitle: Second\n")
    assert parsed.data["title"] == "First"
    assert [(d.key, d.line, d.first_line) for d in parsed.duplicates] == [("title", 2, 1)]


def test_bom_and_windows_line_endings_are_fine(tmp_path):
    from compact_site.content.loader import load_file

    path = tmp_path / "minimal.yml"
    path.write_bytes(b"\xef\xbb\xbf" + MINIMAL.replace("\n", "\r\n").encode("utf-8"))
    compact, problems = load_file(path)
    assert problems == [] and compact.slug == "minimal"


def test_model_is_immutable():
    compact, _ = load(MINIMAL)
    with pytest.raises(Exception):
        compact.title = "Changed"


def test_list_items_remember_their_own_lines():
    """Review entries are reported one by one, so each list item's line must be its own (block, folded, flow)."""
    parsed = parse_yaml("review:\n  - one\n  - >-\n    two\n    folded\n  - 'three'\nflow: [a,\n  b]\n")
    assert parsed.data["review"].item_lines == [2, 4, 6]
    assert parsed.data["flow"].item_lines == [7, 8]
    compact, _ = load(MINIMAL.replace("text: Work together.", "text: Work together.\n              review:\n"
                                      "                - first\n                - second"))
    clause = compact.clauses()[0]
    assert clause.review == ["first", "second"]
    assert [clause.item_line("review", i) for i in range(2)] == [17, 18]


@pytest.mark.parametrize("text, data, key_lines, duplicates", [
    ("a: 1\n<<: {b: 2, a: 3}\n", {"b": 2, "a": 3}, {"b": 2, "a": 2}, [("a", 1, 2)]),  # merged first, then a again
    ("x:\n  <<: [{c: 1}, {d: 2}]\n  e: 3\n", {"x": {"c": 1, "d": 2, "e": 3}}, {"x": 1}, []),
    ("=: x\nb: 1\n", {"=": "x", "b": 1}, {"=": 1, "b": 2}, []),  # YAML's value key `=` is plain text here
])
def test_merge_and_value_keys_without_aliases(text, data, key_lines, duplicates):
    """The reader rewrites merge (<<) and value (=) keys only in texts that have them (yaml_reader.LineLoader):
    where they are, they are read as PyYAML reads them."""
    parsed = parse_yaml(text)
    assert parsed.data == data and parsed.data.key_lines == key_lines
    assert [(d.key, d.line, d.first_line) for d in parsed.duplicates] == duplicates
