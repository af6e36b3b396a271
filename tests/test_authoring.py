"""Authoring faults met publishing real compacts: a source cut off mid-document, counts that disagreed between
`validate` and the build, citations named only by the area, and undertakings outside party groups."""
from __future__ import annotations

import logging

from compact_site.cli.main import main
from compact_site.content.checks import check_compact
from compact_site.content.loader import parse_compact
from compact_site.content.site_loader import load_content
from compact_site.core.citations import citation
from compact_site.core.compact_register import count_undertakings
from compact_site.render.clause_pages import render_clause_page
from compact_site.render.compact_page import render_compact_page
from compact_site.render.home_page import home_page

from .conftest import CONTENT
from .test_site_build import MINIMAL, build_site, make_project

CUT_OFF = MINIMAL + """    - id: "2"
      title: Monitoring
editorial_notes:
  - kind: missing
    text: The source ends after the heading of section 2.
    applies_to: ["2", "1.1"]
"""


def load(text: str):
    """Parse and check one compact as `validate` does: (compact, problems)."""
    compact, problems = parse_compact(text, "content/minimal.yml", "minimal")
    return compact, problems + (check_compact(compact, "content/minimal.yml") if compact else [])


def test_a_section_cut_off_in_the_source_passes_with_a_missing_note():
    compact, problems = load(CUT_OFF)
    assert problems == []
    assert compact.editorial_notes[0].applies_to == ["2", "1.1"]


def test_a_title_only_section_without_a_missing_note_says_how_to_mend_it():
    for text in (CUT_OFF.replace("kind: missing", "kind: structure"), CUT_OFF.replace('["2", "1.1"]', '["1.1"]')):
        _, problems = load(text)
        assert [(p.line, p.code, p.subject) for p in problems] == [(16, "CS106", "section '2'")]
        assert "an editorial note of kind 'missing'" in problems[0].message
        assert 'applies_to: ["2"]' in problems[0].format()  # the fix shows the very line to add


def test_compact_page_shows_the_note_under_the_title_only_section():
    compact, _ = load(CUT_OFF)
    page = render_compact_page(compact).markdown  # notes are prose: Markdown, not a page fragment
    section = page[page.index("## Monitoring"):page.index("## About this text")]
    assert "**Missing from the source:** The source ends after the heading of section 2." in section


def test_clause_identifier_page_shows_the_notes_that_apply_to_it():
    compact, _ = load(CUT_OFF)
    clause = compact.clauses()[0]
    html = render_clause_page(compact=compact, clause=clause, citation="Testshire 1.1",
                              in_context_href="../../#clause-1.1", site_name="Site")
    assert ("<h2>About this text</h2>\n<div class=\"notes\">\n<ul>\n<li><strong>Missing from the source:</strong> "
            "The source ends after the heading of section 2.</li>") in html
    plain, _ = load(MINIMAL)
    assert "About this text" not in render_clause_page(compact=plain, clause=plain.clauses()[0], citation="T 1.1",
                                                       in_context_href="../../#clause-1.1", site_name="Site")


def test_cut_off_section_builds_strict(tmp_path):
    site = build_site(make_project(tmp_path, {"minimal.yml": CUT_OFF}), strict=True)
    page = (site / "minimal" / "index.html").read_text(encoding="utf-8")
    assert '<h2 id="section-2">Monitoring</h2>\n<div class="compact-section-notes">' in page
    assert "About this text" in (site / "minimal" / "clause" / "1.1" / "index.html").read_text(encoding="utf-8")


def test_validate_and_build_report_the_same_count_and_validate_names_every_file(tmp_path, capsys, caplog):
    stage = MINIMAL.replace("slug: minimal", "slug: other") + (
        "procedures:\n  - id: p\n    heading: Disagreements\n    steps:\n"
        "      - id: stage-1\n        title: Stage 1\n        text: Talk.\n")
    config = make_project(tmp_path, {"minimal.yml": MINIMAL, "other.yml": stage, "notes.md": "# Notes\n",
                                     "glossary.yml": "terms:\n  - term: VCS\n    definition: The sector.\n"})
    (tmp_path / "content" / "images").mkdir()
    assert main(["validate", str(tmp_path / "content")]) == 0
    out = capsys.readouterr().out
    assert "2 compacts, 3 clauses checked: 0 errors, 0 warnings" in out  # a procedure stage is a clause too
    for name, what in [("glossary.yml", "the site glossary, 1 term"), ("minimal.yml", "compact 'minimal', 1 clause"),
                       ("other.yml", "compact 'other', 2 clauses"), ("images", "skipped: a folder"),
                       ("notes.md", "skipped: a page of the site, checked when the site is built")]:
        assert f"content/{name}: {what}" in out
    with caplog.at_level(logging.INFO):
        build_site(config, strict=True)
    assert "compact_site: 2 compacts, 3 clauses" in caplog.text
    assert main(["export", "--content", str(tmp_path / "content"), "--out", str(tmp_path / "out")]) == 0
    assert capsys.readouterr().out.rstrip().endswith(": 2 compacts, 3 clauses")


def test_citation_name_names_citations_and_defaults_to_the_area():
    compact, _ = load(MINIMAL)
    assert citation(compact, compact.clauses()[0]) == "Testshire 1.1"
    named, problems = load(MINIMAL.replace("area: Testshire", "area: Testshire\ncitation_name: Tests"))
    assert problems == [] and named.cited_as == "Tests"
    assert citation(named, named.clauses()[0]) == "Tests 1.1"


def test_cross_reference_link_text_uses_the_citation_name(tmp_path):
    text = MINIMAL.replace("area: Testshire", "area: Testshire\ncitation_name: Tests").replace(
        "Work together.", "Work together.\n            - id: \"1.2\"\n              number: \"1.2\"\n"
        "              text: As [[1.1]] says.")
    site = build_site(make_project(tmp_path, {"minimal.yml": text}), strict=True)
    assert ">Tests 1.1</a>" in (site / "minimal" / "index.html").read_text(encoding="utf-8")
    assert ">Tests 1.1</a>" in (site / "minimal" / "clause" / "1.2" / "index.html").read_text(encoding="utf-8")


def test_home_page_counts_undertakings_outside_party_groups():
    text = MINIMAL + """    - id: "2"
      title: Points the source gives no party
      clauses:
        - id: "2.1"
          text: Meet twice a year.
        - id: "2.2"
          text: Report once a year.
principles:
  items:
    - id: p1
      title: Openness
      text: Be open.
"""
    compact, problems = load(text)
    assert problems == []
    assert count_undertakings(compact) == 3  # two in the section itself, one in the 'all' group; no principle
    assert "</span></td><td>not stated</td><td>not stated</td><td>3</td>" in home_page([compact], "compacts.json").html()


def test_real_compacts_count_clauses_in_sections_too(loaded_content):
    westminster = next(c for c in loaded_content.compacts if c.slug == "westminster")
    in_sections = sum(len(s.clauses) for s in westminster.undertakings.sections)
    in_groups = sum(len(g.clauses) for s in westminster.undertakings.sections for g in s.groups)
    assert in_sections and count_undertakings(westminster) == in_sections + in_groups


def test_every_file_of_the_real_content_is_accounted_for():
    named = {shown.rsplit("/", 1)[-1] for shown, _ in load_content([CONTENT]).checked}
    assert named == {path.name for path in CONTENT.iterdir() if not path.name.startswith(".")}
