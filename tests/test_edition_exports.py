"""Each edition exported as its own expression (exports/editions.py, akn_meta.py): JSON valid against the published
schema and Akoma Ntoso valid against the official XSD, dated by its edition, with a lifecycle of every edition and
the same eIds across editions; the editions listed in every export; search on the current text only. On the worked
example (tests/fixtures/editions: a fictional compact frozen twice) and the five public compacts (one edition each)."""
from __future__ import annotations

import json
from pathlib import Path

import jsonschema
import pytest
from lxml import etree

from compact_site.content.site_loader import load_content
from compact_site.core.context import BuildContext
from compact_site.exports import export_files
from compact_site.exports.akn_text import AKN_NS
from compact_site.exports.editions import edition_resolver
from compact_site.exports.schema import EXPORT_SCHEMA_PATH
from compact_site.exports.urls import SiteUrls
from compact_site.exports.validate import akn_errors
from compact_site.pages.search import clause_entries

from .conftest import CONTENT

EXAMPLE = Path(__file__).parent / "fixtures" / "editions" / "content"
A = {"a": AKN_NS}
DATES = ["2012-04-01", "2016-09-01"]
DOCS = {"2012-04-01": "riverside/2012-04-01/compact", "2016-09-01": "riverside/2016-09-01/compact",
        "current": "riverside/compact"}


def exported(content: Path) -> tuple[object, dict[str, str]]:
    loaded = load_content([content])
    assert not loaded.errors
    context = BuildContext(loaded.compacts, loaded.glossary, frozen=loaded.frozen())
    return context, dict(export_files(context))


@pytest.fixture(scope="module")
def example():
    return exported(EXAMPLE)


@pytest.fixture(scope="module")
def files(example) -> dict[str, str]:
    return example[1]


@pytest.fixture(scope="module")
def schema() -> dict:
    return json.loads(EXPORT_SCHEMA_PATH.read_text(encoding="utf-8"))


def akn(files: dict[str, str], which: str) -> etree._Element:
    return etree.fromstring(files[DOCS[which] + ".akn.xml"].encode("utf-8"))


def test_each_frozen_edition_has_its_own_exports(files):
    assert list(files) == ["riverside/compact.json", "riverside/compact.akn.xml",
                           "riverside/2012-04-01/compact.json", "riverside/2012-04-01/compact.akn.xml",
                           "riverside/2016-09-01/compact.json", "riverside/2016-09-01/compact.akn.xml",
                           "compacts.json", "schema/export.schema.json", "compacts.csv"]


@pytest.mark.parametrize("which", DOCS)
def test_every_edition_validates(files, schema, which):
    jsonschema.validate(json.loads(files[DOCS[which] + ".json"]), schema)
    assert akn_errors(files[DOCS[which] + ".akn.xml"]) == []


def test_compacts_json_validates_and_lists_the_editions(files, schema):
    index = json.loads(files["compacts.json"])
    jsonschema.validate(index, schema)
    editions = index["compacts"][0]["editions"]
    assert [(e["date"], e["label"], e["current"], e["url"]) for e in editions] == [
        ("2012-04-01", "First edition", False, "/riverside/2012-04-01/"),
        ("2016-09-01", "2016 refresh", False, "/riverside/2016-09-01/"),
        ("2021-03", "2021 refresh", True, "/riverside/")]
    assert editions[0]["files"]["akn"] == "/riverside/2012-04-01/compact.akn.xml"
    assert editions[2]["files"]["json"] == "/riverside/compact.json"


def test_a_frozen_editions_json_is_that_edition(files):
    data = json.loads(files["riverside/2012-04-01/compact.json"])
    current = json.loads(files["riverside/compact.json"])
    assert data["edition"] == current["editions"][0] and current["edition"] == current["editions"][-1]
    assert data["editions"] == current["editions"]
    assert data["compact"]["version"] == "First edition" and data["compact"]["url"] == "/riverside/2012-04-01/"
    assert data["files"]["json"] == "/riverside/2012-04-01/compact.json"
    clause = next(c for c in data["clauses"] if c["id"] == "1.2")
    assert clause["text_plain"] == "Allow at least eight weeks for a written consultation."  # its words then
    assert clause["anchor_url"] == "/riverside/2012-04-01/#clause-1.2"  # on the edition's page
    assert clause["identifier_url"] == "/riverside/clause/1.2/"  # the permanent page, the same in every edition
    assert [c["id"] for c in data["clauses"]] == ["p1", "p2", "1.1", "1.2", "1.3", "2.1", "2.2", "2.3", "3.1"]
    assert [row["organisation"] for row in data["register"]] == ["Riverside Borough Council",
                                                                 "Riverside Council for Voluntary Service"]


def test_references_in_an_edition_resolve_within_it(example):
    context, _ = example
    timeline = context.timelines["riverside"]
    first = timeline.editions[0]
    resolve = edition_resolver(context.citations, first, SiteUrls().for_edition("riverside", first.date))
    assert resolve(None, "3.1") == ("Riverside 3.1", "/riverside/2012-04-01/#clause-3.1")  # moved since
    assert resolve("riverside", "1.3") == ("Riverside 1.3", "/riverside/2012-04-01/#clause-1.3")  # withdrawn since
    assert resolve(None, "1.4") is None  # not in that edition yet: shown as typed


@pytest.mark.parametrize("which", DOCS)
def test_each_expression_is_dated_by_its_edition_with_every_edition_in_its_lifecycle(files, which):
    root = akn(files, which)
    identification = root.find("a:doc/a:meta/a:identification", A)
    work = identification.find("a:FRBRWork/a:FRBRuri", A).get("value")
    assert work == "/akn/gb/doc/compact/2012-04/riverside"  # one Work, named by the current text, in every one
    expression = identification.find("a:FRBRExpression", A)
    uri = expression.find("a:FRBRuri", A).get("value")
    date = expression.find("a:FRBRdate", A)
    if which == "current":
        assert (uri, date.get("date"), date.get("name")) == (f"{work}/eng@2021-03", "2021-03-01", "refreshed")
    else:
        assert (uri, date.get("date"), date.get("name")) == (f"{work}/eng@{which}", which, "edition")
    events = root.findall("a:doc/a:meta/a:lifecycle/a:eventRef", A)
    assert [(e.get("date"), e.get("type")) for e in events] == [
        ("2012-04-01", "generation"), ("2016-09-01", "amendment"), ("2021-03-01", "amendment")]
    sources = {ref.get("eId"): ref for ref in root.find("a:doc/a:meta/a:references", A)}
    hrefs = [sources[e.get("source").lstrip("#")].get("href") for e in events]
    assert hrefs == [f"{work}/eng@2012-04-01", f"{work}/eng@2016-09-01", f"{work}/eng@2021-03"]
    assert uri in hrefs  # this expression is one of the lifecycle's
    assert root.find("a:doc", A).get("contains") == (None if which == "2012-04-01" else "singleVersion")


def test_eids_are_the_same_in_every_edition(files):
    eids = {which: {c["id"]: c["akn_eid"] for c in json.loads(files[DOCS[which] + ".json"])["clauses"]}
            for which in DOCS}
    for which in DOCS:  # the JSON's eIds are the document's
        in_document = {e.get("eId") for e in akn(files, which).iter() if e.get("eId")}
        assert set(eids[which].values()) <= in_document
    shared = eids["2012-04-01"].keys() & eids["2016-09-01"].keys() & eids["current"].keys()
    assert sorted(shared) == ["1.1", "1.2", "2.1", "2.2", "2.3", "p1", "p2"]
    assert all(eids["2012-04-01"][i] == eids["2016-09-01"][i] == eids["current"][i] for i in shared)
    later = eids["2016-09-01"].keys() & eids["current"].keys()
    assert all(eids["2016-09-01"][i] == eids["current"][i] for i in later)


def test_a_compact_never_frozen_has_one_edition_and_a_generation():
    _, public = exported(CONTENT)
    sandwell = json.loads(public["sandwell/compact.json"])
    assert sandwell["editions"] == [sandwell["edition"]]
    assert (sandwell["edition"]["date"], sandwell["edition"]["current"]) == ("2011-07", True)
    assert json.loads(public["compacts.json"])["compacts"][0]["editions"] == sandwell["editions"]
    root = etree.fromstring(public["sandwell/compact.akn.xml"].encode("utf-8"))
    events = root.findall("a:doc/a:meta/a:lifecycle/a:eventRef", A)
    assert [(e.get("date"), e.get("type"), e.get("source")) for e in events] == [
        ("2011-07-01", "generation", "#original")]
    assert root.find("a:doc/a:meta/a:references/a:original", A).get("href") == \
        "/akn/gb/doc/compact/2011-07/sandwell/eng@2011-07"
    assert root.find("a:doc", A).get("contains") is None
    southampton = json.loads(public["southampton/compact.json"])["edition"]
    assert (southampton["date"], southampton["label"]) == (None, None)  # states no date: none is made up


def test_search_indexes_the_current_text_only(example):
    """Typing '1.2' or '2.5' lands on the clause as it is now, on the compact's page: the frozen editions are
    not in the loaded compacts, so no clause of theirs is indexed (the edition pages are MkDocs pages: the build
    test checks Material's index leaves them out)."""
    context, _ = example
    entries = clause_entries(context.compacts)
    current = list(context.timelines["riverside"].current.nodes)
    assert [e["location"] for e in entries] == [f"riverside/#clause-{i}" for i in current]
    by_number = {e["number"]: e for e in entries}
    assert "twelve weeks" in by_number["1.2"]["text"] and "eight" not in by_number["1.2"]["text"]
    assert by_number["2.5"]["location"] == "riverside/#clause-volunteer-expenses"  # 3.1 then, moved
    assert "1.3" not in by_number and "3.1" not in by_number  # withdrawn, and the moved clause's old number
    intranet = clause_entries(context.compacts, directory_urls=False)
    assert {e["location"].split("#")[0] for e in intranet} == {"riverside/index.html"}
