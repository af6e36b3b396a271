"""What `compact-site import` recognises in a document, and what it never does (lose, reorder or invent text).

Each case is a small text document drafted in memory; the same structure pass serves Word and PDF.
"""
from __future__ import annotations

import textwrap
from pathlib import Path

import yaml

from compact_site.cli.import_file import draft_from
from compact_site.content.checks import check_review
from compact_site.content.loader import parse_compact
from compact_site.importer import shapes

NATIONAL = """\
06.11.2014 Views
The Compact

Chapter 1. Introduction

This Compact sets out how the Government and civil society organisations work together.

Outcomes

1. A strong, diverse and independent civil society
2. Effective and transparent design of policies
3. Responsive and high-quality services

Chapter 2. Involvement in policy

Undertakings for the Government:

1. Respect and uphold the independence of civil society organisations to deliver their mission.
2. Give early notice of forthcoming consultations, allowing enough time to respond.

Undertakings for CSOs:

3. Seek the views of service users, beneficiaries, members and volunteers when making representations.
4. When campaigning, ensure that robust evidence is provided.

Part 3

Signatories

The Compact was first agreed by the Prime Minister and the Chair of the Commission in designing and implementing policies, which all partners agreed.
Jane Smith, Chief Executive, Northtown Council
Ahmed Khan, Chair, Northtown CVS
"""


def draft(tmp_path: Path, text: str, name: str = "doc.txt"):
    source = tmp_path / name
    source.write_text(textwrap.dedent(text), encoding="utf-8")
    yaml_text, compact, document, placer, coverage, notes = draft_from(source, "northtown")
    model, problems = parse_compact(yaml_text, "content/northtown.yml", "northtown")
    assert model is not None, [p.format() for p in problems]
    assert not [p for p in problems if p.severity == "error"], [p.format() for p in problems]
    return yaml_text, yaml.safe_load(yaml_text), model, coverage, notes


def test_a_national_compact_keeps_every_sentence_in_order(tmp_path):
    yaml_text, data, model, coverage, _ = draft(tmp_path, NATIONAL)
    assert coverage.missing == [] and coverage.out_of_order == []
    assert coverage.line().startswith(f"placed {coverage.total} of {coverage.total} sentences")
    assert "cover page lines (1 line)" in coverage.line()  # the viewer's date stamp, listed, not lost
    assert data["title"] == "The Compact"
    sections = data["undertakings"]["sections"]
    assert [s["title"] for s in sections] == ["Chapter 2. Involvement in policy", "Part 3"]
    groups = sections[0]["groups"]
    assert [(g["party"], g["heading"]) for g in groups] == [("statutory", "Undertakings for the Government:"),
                                                            ("vcs", "Undertakings for CSOs:")]
    assert all(g["review"] for g in groups)  # the sector is the author's call
    assert [c["number"] for g in groups for c in g["clauses"]] == ["1", "2", "3", "4"]
    outcomes = next(block for block in data["about"] if block["heading"] == "Outcomes")
    assert [item["number"] for item in outcomes["items"]] == ["1", "2", "3"] and outcomes["numbered"]


def test_a_sentence_never_becomes_a_signatory(tmp_path):
    _, data, _, coverage, _ = draft(tmp_path, NATIONAL)
    signatories = data["signatories"]
    assert [s["printed"] for s in signatories["items"]] == ["Jane Smith, Chief Executive, Northtown Council",
                                                           "Ahmed Khan, Chair, Northtown CVS"]
    assert signatories["intro"].startswith("The Compact was first agreed")
    assert signatories["items"][0]["name"] == "Jane Smith" and signatories["items"][0]["sector"] == "unknown"
    assert coverage.missing == []


def test_nothing_is_invented(tmp_path):
    yaml_text, data, model, _, _ = draft(tmp_path, "Northtown Compact\n\n1. Funding\n\n1.1 Pay on time.\n\n2. Gifts\n")
    assert "dates" not in data and data["status"] == "unknown"
    assert "no text yet" not in yaml_text.lower()
    assert "2026" not in yaml_text
    # a heading with nothing under it (a document cut off) is kept with a note of what is missing
    cut = data["undertakings"]["sections"][-1]
    assert cut["title"] == "Gifts" and "intro" not in cut and "clauses" not in cut
    note = data["editorial_notes"][0]
    assert note["kind"] == "missing" and note["applies_to"] == [cut["id"]] and note["review"]


def test_pasted_html_becomes_markdown_and_dropped_tags_are_noted(tmp_path):
    text = ("Northtown Compact\n\n1. Working together\n\n1.1 We will <strong>always</strong> consult<br />early "
            "and <span class='x'>often</span>.<script>x</script>\n")
    _, data, _, coverage, notes = draft(tmp_path, text)
    clause = data["undertakings"]["sections"][0]["clauses"][0]
    assert clause["text"].startswith("We will **always** consult early and often.")
    assert "<" not in clause["text"]
    assert any("<script>" in note for note in notes)


def test_numbered_clauses_multi_level_and_sub_items(tmp_path):
    text = ("Northtown Compact\n\nSection 3 – Funding\n\nThe partners agree:\n\n3.1 Pay on time, and:\n\n"
            "(a) in full;\n\n(b) in advance.\n\n3.2 Explain every decision.\n")
    _, data, model, coverage, _ = draft(tmp_path, text)
    section = data["undertakings"]["sections"][0]
    assert section["title"] == "Section 3 – Funding" and section["intro"] == "The partners agree:"
    assert [c.number for c in model.clauses()] == ["3.1", "3.2"]
    assert section["clauses"][0]["text"] == "Pay on time, and:\n\n(a) in full;\n\n(b) in advance."
    assert coverage.out_of_order == [] and coverage.missing == []


def test_every_guess_is_a_review_entry_listed_by_validate(tmp_path):
    yaml_text, data, model, _, _ = draft(tmp_path, NATIONAL)
    reviews = check_review(model, "content/northtown.yml")
    assert reviews and all(p.severity == "warning" for p in reviews)
    assert yaml_text.count("review:") >= 5


def test_shapes():
    assert shapes.section_heading("3. Funding") == ("3", "Funding")
    assert shapes.section_heading("Section 3 - Funding") == ("3", "Section 3 - Funding")
    assert shapes.section_heading("Chapter 1. Introduction") == ("1", "Chapter 1. Introduction")
    assert shapes.section_heading("Part 2") == ("2", "Part 2")
    assert shapes.section_heading("8 All Saints Street") is None
    assert shapes.section_heading("3. We will pay on time.") is None
    assert shapes.party_of("Undertakings for the Government:") == "statutory"
    assert shapes.party_of("The VCS will:-") == "vcs"
    assert shapes.party_of("The statutory sector undertakes to:") == "statutory"
    assert shapes.party_of("Commitments for Statutory Sector and VCS:") == "all"
    assert shapes.party_of("The partners to this Compact are:") is None
    assert shapes.signatory_entry("designing and implementing policies") is None
    assert shapes.signatory_entry("The Council will sign the Compact") is None
    assert shapes.signatory_entry("Jane Smith, Chief Executive, Northtown Council") == [
        "Jane Smith", "Chief Executive", "Northtown Council"]
    assert shapes.glossary_entry("VCS: the voluntary and community sector") == (
        "VCS", "the voluntary and community sector")
    assert shapes.is_artefact("06.11.2014 Views") and not shapes.is_artefact("Northtown Compact")
