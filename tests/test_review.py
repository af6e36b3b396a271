"""`review:` entries: allowed on every part, one located CS107 warning each, listed by `validate`, failing the
strict build, and never published."""
from __future__ import annotations

import json
import logging
from pathlib import Path

import jsonschema
import pytest
from mkdocs.exceptions import Abort

from compact_site.cli.main import main
from compact_site.content.checks import check_review
from compact_site.content.loader import parse_compact, parse_model
from compact_site.content.schema import GLOSSARY_SCHEMA_PATH, SCHEMA_PATH
from compact_site.content.site_loader import load_content
from compact_site.content.yaml_reader import parse_yaml
from compact_site.model import Glossary

from .test_site_build import MINIMAL, build_site, make_project

# Review entries on the compact, a party declaration, a passage, a section, a group, a clause, a term,
# a signatory and an editorial note: every kind of mapping the importer writes.
DRAFT = """slug: draft
title: Draft Compact
area: Testshire
status: draft
review: ["TOREVIEW-compact title taken from the first line"]
parties:
  - sector: statutory
    name: Public bodies
    review: ["TOREVIEW-party name"]
introduction:
  text: Hello.
  review:
    - TOREVIEW-introduction ends mid-sentence
undertakings:
  sections:
    - id: "3"
      title: Funding
      review:
        - >-
          TOREVIEW-section title
          folded over two lines
      groups:
        - party: statutory
          heading: "Undertakings for the Government:"
          review:
            - "TOREVIEW-party guessed from the heading: check that 'statutory' is right"
          clauses:
            - id: "3.1"
              text: Pay on time, as [[3.1]] says.
              review: ["TOREVIEW-number [^1] [[9.9]] guessed", "TOREVIEW-second"]
glossary:
  terms:
    - term: VCS
      definition: Voluntary and community sector.
      review: [TOREVIEW-definition]
signatories:
  items:
    - organisation: Testshire Council
      printed: Testshire Council
      review: [TOREVIEW-signatory]
editorial_notes:
  - kind: structure
    text: Arranged by party.
    review: [TOREVIEW-note]
"""

EXPECTED = [
    (5, "", "compact title taken from the first line"),
    (9, "", "party name"),
    (13, "", "introduction ends mid-sentence"),
    (20, "section '3'", "section title folded over two lines"),
    (26, "section '3'", "party guessed from the heading: check that 'statutory' is right"),
    (30, "clause '3.1'", "number [^1] [[9.9]] guessed"),
    (30, "clause '3.1'", "second"),
    (35, "term 'VCS'", "definition"),
    (40, "signatory 'Testshire Council'", "signatory"),
    (44, "", "note"),
]


def test_every_mapping_takes_review_entries_each_a_warning_at_its_own_line():
    compact, problems = parse_compact(DRAFT, "content/draft.yml", "draft")
    assert compact is not None and problems == []
    found = sorted((p.line, p.subject, p.message) for p in check_review(compact, "content/draft.yml"))
    assert found == [(line, subject, f"to review: TOREVIEW-{text}") for line, subject, text in EXPECTED]


def test_review_entries_are_only_warnings_and_not_checked_as_text(tmp_path, monkeypatch):
    """A footnote marker or a reference inside a review entry is a note to the editor, not a fault."""
    (tmp_path / "draft.yml").write_text(DRAFT, encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    loaded = load_content([Path("draft.yml")])
    assert loaded.errors == []
    assert {p.code for p in loaded.warnings} == {"CS107"} and len(loaded.warnings) == len(EXPECTED)
    first = loaded.warnings[0]
    assert first.severity == "warning"
    assert first.format().endswith("fix: Check this against the source document, then delete the review entry: "
                                   "deleting it is your sign-off.")


def test_dates_review_stays_the_review_date():
    compact, problems = parse_compact(MINIMAL.replace("status: adopted", "status: adopted\ndates:\n  review: 2015"),
                                      "m.yml", "minimal")
    assert problems == [] and compact.dates.review == "2015" and check_review(compact, "m.yml") == []
    _, problems = parse_compact(MINIMAL.replace("status: adopted", "status: adopted\ndates:\n  review: [check]"),
                                "m.yml", "minimal")
    assert [(p.line, p.code) for p in problems] == [(7, "CS103")]


def test_site_glossary_takes_review_entries():
    text = "terms:\n  - term: CVS\n    definition: Council for Voluntary Service.\n    review:\n      - expand?\n"
    glossary, problems = parse_model(text, "content/glossary.yml", Glossary)
    assert problems == []
    assert [p.headline() for p in check_review(glossary, "content/glossary.yml")] == [
        "content/glossary.yml:5: term 'CVS': to review: expand? [CS107]"]


def test_schemas_allow_review_everywhere_but_in_dates():
    schema = json.loads(SCHEMA_PATH.read_text(encoding="utf-8"))
    jsonschema.validate(json.loads(json.dumps(parse_yaml(DRAFT).data)), schema)
    with pytest.raises(jsonschema.ValidationError):
        jsonschema.validate({"slug": "x", "title": "T", "area": "A", "status": "draft", "dates": {"review": ["?"]}},
                            schema)
    glossary = json.loads(GLOSSARY_SCHEMA_PATH.read_text(encoding="utf-8"))
    jsonschema.validate({"terms": [{"term": "X", "definition": "Y", "review": ["?"]}], "review": ["?"]}, glossary)


def test_validate_lists_each_entry_and_says_the_file_is_not_ready(tmp_path, capsys):
    (tmp_path / "draft.yml").write_text(DRAFT, encoding="utf-8")
    assert main(["validate", str(tmp_path)]) == 0  # warnings pass, as for every warning...
    captured = capsys.readouterr()
    assert captured.err.count("warning: ") == len(EXPECTED)
    assert "draft.yml:26: section '3': to review: TOREVIEW-party guessed from the heading" in captured.err
    assert "draft.yml: not ready to publish: 10 review entries to check and delete [CS107]" in captured.err
    assert f"1 compact, 1 clause checked: 0 errors, {len(EXPECTED)} warnings" in captured.out
    assert main(["validate", "--strict", str(tmp_path / "draft.yml")]) == 1  # ...and fail under --strict, as the published build does


def test_strict_build_fails_naming_the_file(tmp_path, caplog):
    config = make_project(tmp_path, {"draft.yml": DRAFT})
    with caplog.at_level(logging.WARNING), pytest.raises(Abort):
        build_site(config, strict=True)
    assert "content/draft.yml:30: clause '3.1': to review: TOREVIEW-second [CS107]" in caplog.text
    assert "content/draft.yml: not ready to publish: 10 review entries to check and delete [CS107]" in caplog.text


def test_review_entries_are_warnings_in_a_plain_build_and_never_published(tmp_path, caplog):
    with caplog.at_level(logging.WARNING):
        site = build_site(make_project(tmp_path, {"draft.yml": DRAFT}))
    assert caplog.text.count("[CS107]") == len(EXPECTED) + 1  # each entry, and the file's "not ready" line
    published = [path for path in site.rglob("*") if path.is_file() and path.suffix != ".gz"]
    assert {"compact.json", "compact.akn.xml", "index.html"} <= {path.name for path in published}
    leaked = [str(path.relative_to(site)) for path in published if b"TOREVIEW" in path.read_bytes()]
    assert leaked == []

