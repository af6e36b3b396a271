"""The five real compacts as Word documents and as printed PDFs (tests/import_corpus/, made by its
make_corpus.py): each import keeps ≥ 99 % of the source document's sentences, in order, by the rules of
shared/tools/fidelity.py, and recovers ≥ 90 % of the clause numbers of the hand-made compact file."""
from __future__ import annotations

import importlib.util
import re
import time

import pytest
import yaml

from compact_site.cli.import_file import draft_from
from compact_site.content.loader import load_file, parse_compact
from compact_site.importer.coverage import Words, longest_in_order, page_text

from .conftest import CONTENT, ROOT, SHARED, SOURCES

CORPUS = ROOT / "tests" / "import_corpus"
SOURCE_FILES = {"sandwell": "sandwell.md", "wolverhampton": "wolverhampton.txt", "southampton": "southampton.txt",
                "staffordshire-stoke-on-trent": "staffordshire-stoke-on-trent.md", "westminster": "westminster.md"}
CASES = [(slug, suffix) for slug in SOURCE_FILES for suffix in (".docx", ".pdf")]


@pytest.fixture(scope="module")
def fidelity():
    spec = importlib.util.spec_from_file_location("fidelity", SHARED / "tools" / "fidelity.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    ignored = {" ".join(module.words(line)) for line in
               (ROOT / "tests" / "fidelity-ignore.txt").read_text(encoding="utf-8").splitlines()
               if line.strip() and not line.startswith("#")}
    return module, ignored


@pytest.mark.parametrize("slug,suffix", CASES, ids=[f"{slug}{suffix}" for slug, suffix in CASES])
def test_import_keeps_every_sentence_in_order_and_the_clause_numbers(slug, suffix, fidelity, tmp_path):
    module, ignored = fidelity
    started = time.perf_counter()
    yaml_text, compact, document, placer, coverage, notes = draft_from(CORPUS / f"{slug}{suffix}", slug)
    took = time.perf_counter() - started
    if suffix == ".docx":
        assert took < 5, f"importing {slug}.docx took {took:.1f} s"
    model, problems = parse_compact(yaml_text, f"content/{slug}.yml", slug)
    assert model is not None and not [p for p in problems if p.severity == "error"], \
        [p.format() for p in problems]
    assert coverage.missing == []  # the import's own check: every sentence of the file it read
    # against the source document itself, in order
    draft = Words(" \n".join(page_text(yaml.safe_load(yaml_text))))
    wanted = [s for s in module.sentences((SOURCES / SOURCE_FILES[slug]).read_text(encoding="utf-8"))
              if " ".join(module.words(s)) not in ignored]
    # accounted for apart: what the import lists as left out (a contents list), and footnotes, which the
    # source text shows inline where the document prints them at the foot of the page
    # (a PDF prints them as endnotes): each must be in the draft, anywhere
    data = yaml.safe_load(yaml_text)
    source_notes = re.findall(r"\[\d+:\s*([^\]\n]+)", (SOURCES / SOURCE_FILES[slug]).read_text(encoding="utf-8"))
    notes = Words(" \n".join(source_notes))
    assert all(draft.find(sentence) is not None for sentence in wanted if notes.find(sentence) is not None)
    apart = Words(" \n".join([line for item in document.left_out for line in item.text] +
                             [note["text"] for note in data.get("footnotes", [])] + source_notes))
    flowing = [sentence for sentence in wanted if apart.find(sentence) is None]
    in_order = longest_in_order([draft.matches(sentence) for sentence in flowing])
    lost = [sentence for index, sentence in enumerate(flowing) if index not in in_order]
    accounted = len(wanted) - len(lost)
    assert accounted >= 0.99 * len(wanted), (f"{accounted}/{len(wanted)} in order", lost[:5])
    hand, _ = load_file(CONTENT / f"{slug}.yml")
    want = [clause.number for clause in hand.clauses() if clause.number]
    got = {clause.number for clause in model.clauses() if clause.number}
    assert sum(number in got for number in want) >= 0.9 * len(want), sorted(set(want) - got)


def test_pdf_running_headers_and_page_numbers_are_listed_not_lost():
    _, _, document, _, coverage, _ = draft_from(CORPUS / "southampton.pdf", "southampton")
    line = coverage.line()
    assert 'running header "Southampton Compact"' in line and "page numbers" in line
    assert coverage.missing == [] and coverage.out_of_order == []


def test_pdf_hyphenation_and_ligatures_are_mended():
    _, _, document, _, _, _ = draft_from(CORPUS / "wolverhampton.pdf", "wolverhampton")
    text = " ".join(p.text for p in document.paragraphs)
    assert "\u00ad" not in text and "\ufb01" not in text and "\ufb02" not in text
    assert "co-production" in text.lower()  # a real hyphen at a line end stays
    assert "under-represented" in text or "underrepresented" not in text


def test_word_features(tmp_path):
    """features.docx: Word numbering (multi-level, restart, 1), (a)), headings, tracked changes, comments,
    footnotes and a table, against features.expected.md (the document as Word prints it)."""
    yaml_text, data, document, placer, coverage, notes = draft_from(CORPUS / "features.docx", "features")
    labels = [(p.label, p.text) for p in document.paragraphs if p.label]
    assert ("1.1", "Respect the independence of the voluntary sector.") in labels
    assert ("2.2", "Publish a clear rationale for every funding decision.") in labels
    assert [label for label, _ in labels if label.endswith(")")][:3] == ["1)", "2)", "3)"]
    assert [label for label, _ in labels if label.startswith("(")] == ["(a)", "(b)", "(c)"]
    annex = [label for label, text in labels if text.startswith(("The compact is reviewed", "Any partner may"))]
    assert annex == ["1.1", "1.2"]  # the annex's list restarts
    text = " ".join(p.text for p in document.paragraphs)
    assert "and charities" not in text and "eight" not in text  # deletions out
    assert "Check this year" not in text  # the comment is not printed
    assert any("tracked changes" in note for note in notes) and any("comment" in note for note in notes)
    assert sorted(document.footnotes.values()) == ["The first footnote.", "The second footnote, in a table cell."]
    assert coverage.missing == [] and coverage.out_of_order == []
    expected = (CORPUS / "features.expected.md").read_text(encoding="utf-8")
    from compact_site.importer.coverage import sentences
    draft = Words(" \n".join(page_text(data)))
    body = re.sub(r"^\[\^\d+\]:\s*", "", expected.split("-->", 1)[1], flags=re.M)
    assert all(draft.find(s) is not None for s in sentences(body)), [s for s in sentences(body) if draft.find(s) is None]


def test_an_imported_draft_cannot_be_published_until_reviewed(tmp_path, caplog):
    """The raw draft of a real compact fails the strict build, naming the file; once its review entries are
    deleted (the author's sign-off) the same draft builds."""
    import logging

    from mkdocs.exceptions import Abort

    from .test_site_build import build_site, make_project
    yaml_text, *_ = draft_from(CORPUS / "southampton.docx", "southampton")
    (tmp_path / "draft").mkdir()
    (tmp_path / "reviewed").mkdir()
    config = make_project(tmp_path / "draft", {"southampton.yml": yaml_text})
    with caplog.at_level(logging.WARNING), pytest.raises(Abort):
        build_site(config, strict=True)
    assert "content/southampton.yml: not ready to publish:" in caplog.text
    reviewed = re.sub(r"\n( *)review:\n(?:\1  .*\n)+", "\n", yaml_text)  # every review entry deleted
    assert "\n    review:" not in reviewed and "\nreview:" not in reviewed
    site = build_site(make_project(tmp_path / "reviewed", {"southampton.yml": reviewed}), strict=True)
    page = (site / "southampton" / "index.html").read_text(encoding="utf-8")
    assert "Respect and uphold the independence of the VCS" in page
