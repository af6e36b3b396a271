"""Word's automatic numbering computed as Word prints it (compact_site/importer/numbering.py)."""
from __future__ import annotations

from lxml import etree

from compact_site.importer.numbering import Numbering, format_number

NS = 'xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"'


def lvl(ilvl: int, fmt: str, text: str, start: int = 1, extra: str = "") -> str:
    return (f'<w:lvl w:ilvl="{ilvl}"><w:start w:val="{start}"/><w:numFmt w:val="{fmt}"/>'
            f'<w:lvlText w:val="{text}"/>{extra}</w:lvl>')


def numbering(abstracts: dict[str, str], nums: dict[str, str]) -> Numbering:
    body = "".join(f'<w:abstractNum w:abstractNumId="{key}">{levels}</w:abstractNum>' for key, levels in abstracts.items())
    body += "".join(f'<w:num w:numId="{key}">{inner}</w:num>' for key, inner in nums.items())
    return Numbering(etree.fromstring(f"<w:numbering {NS}>{body}</w:numbering>"))


def test_multi_level_prints_section_dot_clause():
    n = numbering({"0": lvl(0, "decimal", "%1.") + lvl(1, "decimal", "%1.%2")},
                  {"1": '<w:abstractNumId w:val="0"/>'})
    labels = [n.label("1", level) for level in (0, 1, 1, 0, 1, 1, 1)]
    assert labels == ["1.", "1.1", "1.2", "2.", "2.1", "2.2", "2.3"]


def test_a_list_sharing_a_definition_continues_unless_its_start_is_overridden():
    n = numbering({"0": lvl(0, "decimal", "%1.")},
                  {"1": '<w:abstractNumId w:val="0"/>', "2": '<w:abstractNumId w:val="0"/>',
                   "3": '<w:abstractNumId w:val="0"/><w:lvlOverride w:ilvl="0"><w:startOverride w:val="1"/></w:lvlOverride>'})
    assert [n.label("1", 0), n.label("1", 0), n.label("2", 0), n.label("3", 0), n.label("3", 0)] == \
        ["1.", "2.", "3.", "1.", "2."]


def test_formats_letters_romans_brackets_and_bullets():
    n = numbering({"0": lvl(0, "lowerLetter", "(%1)") + lvl(1, "lowerRoman", "%2)"),
                   "1": lvl(0, "bullet", "\uf0b7"), "2": lvl(0, "decimal", "%1)", start=4)},
                  {"1": '<w:abstractNumId w:val="0"/>', "2": '<w:abstractNumId w:val="1"/>',
                   "3": '<w:abstractNumId w:val="2"/>'})
    assert [n.label("1", 0), n.label("1", 1), n.label("1", 1), n.label("1", 0)] == ["(a)", "i)", "ii)", "(b)"]
    assert n.label("2", 0) == "\u2022"
    assert [n.label("3", 0), n.label("3", 0)] == ["4)", "5)"]


def test_a_level_that_never_restarts_keeps_counting():
    n = numbering({"0": lvl(0, "decimal", "Part %1") + lvl(1, "decimal", "%2.", extra='<w:lvlRestart w:val="0"/>')},
                  {"1": '<w:abstractNumId w:val="0"/>'})
    assert [n.label("1", 0), n.label("1", 1), n.label("1", 0), n.label("1", 1)] == ["Part 1", "1.", "Part 2", "2."]


def test_legal_numbering_and_unknown_lists():
    n = numbering({"0": lvl(0, "upperRoman", "%1.") + lvl(1, "decimal", "%1.%2", extra="<w:isLgl/>")},
                  {"1": '<w:abstractNumId w:val="0"/>'})
    assert [n.label("1", 0), n.label("1", 1)] == ["I.", "1.1"]
    assert n.label("9", 0) is None and n.label("0", 0) is None


def test_format_number():
    assert [format_number(v, "lowerLetter") for v in (1, 26, 27)] == ["a", "z", "aa"]
    assert format_number(14, "upperRoman") == "XIV" and format_number(3, "decimalZero") == "03"
