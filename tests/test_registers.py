"""Registers of signatories, partners and steering groups: rows, CSV and JSON downloads, and the pages (the
site-wide filters in a real browser: test_register_filters.py)."""
import csv
import io
import json
import re
from html.parser import HTMLParser

import pytest
import yaml

from compact_site.core.registers import (
    FIELD_DOCS,
    FIELDS,
    csv_text,
    json_text,
    neutralise,
    register_downloads,
    register_rows,
)
from compact_site.model import Compact
from compact_site.render.register_pages import register_pages

from .conftest import CONTENT

SANDWELL_SIGNATORIES = [  # (organisation, name, role, sector) exactly as content/sandwell.yml gives them
    ("Sandwell Council", "Jan Britton", "Chief Executive", "statutory"),
    ("SCVO", "Mark Davis", "Chief Executive", "vcs"),
    ("Sandwell PCT", "Andy Williams", "Managing Director", "statutory"),
    ("West Midlands Police", "M Robinson", "Chief Superintendent", "statutory"),
    ("Black Country LEP", "Stewart Towe", "", "unknown"),
    ("Fire Service", "Chris Martin", "Borough Commander", "statutory"),
    ("PEC", "Dr Ian Walton", "Chair", "statutory")]
HOSTILE = '=HYPERLINK("http://evil.example/","click") <script>alert(1)</script>'


@pytest.fixture(scope="module")
def compacts(loaded_content):
    assert not loaded_content.errors
    return loaded_content.compacts


@pytest.fixture(scope="module")
def rows(compacts):
    return register_rows(compacts)


def pick(rows, slug, kind):
    return [r for r in rows if r["compact"] == slug and r["kind"] == kind]


def yaml_of(slug):
    """The compact's YAML read directly, not through the model, so the model cannot hide a mistake."""
    return yaml.safe_load((CONTENT / f"{slug}.yml").read_text(encoding="utf-8"))


def hostile_compact() -> Compact:
    return Compact.model_validate({
        "slug": "hostile", "title": "Hostile <b>Compact</b>", "area": "Testshire", "status": "adopted",
        "signatories": {"items": [{"organisation": HOSTILE, "name": "@SUM(A1)", "role": "-2+3", "sector": "vcs",
                                   "printed": "+cmd|' /C calc'!A0"}]},
        "partners": {"items": [{"name": "<script>alert(2)</script>", "sector": "private"},
                               {"name": "Broken\n\nacross lines", "sector": "vcs"}]}})


def test_fields_are_documented_and_every_row_has_them(rows):
    assert tuple(FIELD_DOCS) == FIELDS
    assert all(tuple(row) == FIELDS and all(isinstance(v, str) for v in row.values()) for row in rows)


def test_sandwell_has_its_seven_signatories_exactly(rows):
    found = pick(rows, "sandwell", "signatory")
    assert [(r["organisation"], r["name"], r["role"], r["sector"]) for r in found] == SANDWELL_SIGNATORIES
    printed = [item["printed"] for item in yaml_of("sandwell")["signatories"]["items"]]
    assert [r["printed"] for r in found] == printed


def test_staffordshire_has_23_partners_and_no_signatories(rows):
    slug = "staffordshire-stoke-on-trent"
    assert pick(rows, slug, "signatory") == []
    assert len(partners := pick(rows, slug, "partner")) == 23
    assert [(r["organisation"], r["sector"]) for r in partners] == \
        [(p["name"], p["sector"]) for p in yaml_of(slug)["partners"]["items"]]


def test_westminster_has_3_partners_and_its_steering_group(rows):
    assert [r["organisation"] for r in pick(rows, "westminster", "partner")] == \
        ["Westminster's voluntary and community sector (VCS)", "Westminster City Council", "NHS Westminster"]
    members = pick(rows, "westminster", "steering-group")
    expected = [(m.get("organisation", ""), m.get("role", ""), group["sector"])
                for group in yaml_of("westminster")["steering_group"]["groups"] for m in group["members"]]
    assert len(expected) == 9
    assert [(r["organisation"], r["role"], r["sector"]) for r in members] == expected


def test_every_signatory_and_partner_of_every_compact_is_a_row(compacts, rows):
    for compact in compacts:
        data = yaml_of(compact.slug)
        for kind, key in [("signatory", "signatories"), ("partner", "partners")]:
            assert len(pick(rows, compact.slug, kind)) == len((data.get(key) or {}).get("items", []))


def parse_csv(text):
    assert text.startswith("\ufeff")  # byte-order mark, so Excel reads UTF-8
    return list(csv.DictReader(io.StringIO(text.removeprefix("\ufeff"), newline="")))


def test_csv_downloads_parse_and_match_the_rows(compacts, rows):
    downloads = dict(register_downloads(compacts))
    assert parse_csv(downloads["signatories.csv"]) == rows
    assert downloads["signatories.csv"].splitlines()[0] == "\ufeff" + ",".join(FIELDS)  # BOM, then the header
    for compact in compacts:
        assert parse_csv(downloads[f"{compact.slug}/signatories.csv"]) == \
            [r for r in rows if r["compact"] == compact.slug]
    sandwell = parse_csv(downloads["sandwell/signatories.csv"])
    assert [(r["organisation"], r["name"], r["role"], r["sector"]) for r in sandwell] == SANDWELL_SIGNATORIES


def test_json_downloads_parse_match_and_are_deterministic(compacts, rows):
    downloads = dict(register_downloads(compacts))
    site = json.loads(downloads["signatories.json"])
    assert site == {"fields": FIELD_DOCS, "rows": rows}
    westminster = json.loads(downloads["westminster/signatories.json"])
    assert westminster["compact"] == {"slug": "westminster", "title": "The Westminster Compact 2011"}
    assert westminster["rows"] == [r for r in rows if r["compact"] == "westminster"]
    assert register_downloads(compacts) == register_downloads(list(compacts))
    assert downloads["signatories.json"] == json.dumps(site, sort_keys=True, ensure_ascii=False, indent=1) + "\n"
    assert [path for path, _ in register_downloads(compacts)][-2:] == ["signatories.csv", "signatories.json"]


@pytest.mark.parametrize("first", ["=", "+", "-", "@", "\t", "\r"])
def test_neutralise_each_dangerous_first_character(first):
    cell = f"{first}SUM(1+1)"
    assert neutralise(cell) == "'" + cell
    written = parse_csv(csv_text([{**dict.fromkeys(FIELDS, ""), "organisation": cell}]))
    assert written[0]["organisation"] == "'" + cell


@pytest.mark.parametrize("safe", ["", "Sandwell Council", "'quoted", "A=B", "NHS - Westminster", " =later"])
def test_neutralise_leaves_other_cells_alone(safe):
    assert neutralise(safe) == safe


def test_hostile_organisation_is_neutralised_in_csv_but_unchanged_in_json():
    compact = hostile_compact()
    rows = register_rows([compact])
    written = parse_csv(csv_text(rows))[0]
    assert written["organisation"] == "'" + HOSTILE
    assert written["name"] == "'@SUM(A1)" and written["role"] == "'-2+3" and written["printed"].startswith("'+cmd")
    assert json.loads(json_text(rows, compact))["rows"][0]["organisation"] == HOSTILE


def test_script_in_an_organisation_name_is_shown_not_run():
    for page in register_pages([hostile_compact()]):
        html = page.html()  # Markdown, then the register tables (page fragments)
        assert "<script" not in html and "<b>" not in html, page.src_uri
        assert "&lt;script&gt;alert(" in html or "&lt;script>alert(" in html, page.src_uri
        assert "Broken across lines" in html.replace("\n", " "), page.src_uri
    site = register_pages([hostile_compact()])[-1].html()
    assert len([attrs for attrs in tags(site, "tr") if "data-sector" in attrs]) == 3  # a blank line split nothing


def tags(html: str, name: str) -> list[dict]:
    """The attributes of every ``<name>`` start tag, in document order."""
    found: list[dict] = []
    parser = HTMLParser()
    parser.handle_starttag = lambda tag, attrs: found.append(dict(attrs)) if tag == name else None
    parser.feed(html)
    return found


def site_page(compacts):
    return next(p for p in register_pages(compacts) if p.src_uri == "signatories.md")


def test_site_page_has_a_labelled_select_per_filter_and_data_on_every_row(compacts, rows):
    html = site_page(compacts).html()
    selects = tags(html, "select")
    assert {s["data-filter"] for s in selects} >= {"sector", "compact"}
    assert all(s["id"] in {label["for"] for label in tags(html, "label")} for s in selects)
    assert "hidden" in tags(html, "form")[0]  # without JavaScript the controls are not offered
    body_rows = [attrs for attrs in tags(html, "tr") if "data-sector" in attrs]
    assert len(body_rows) == len(rows) == len(tags(html, "tr")) - 1  # every row but the header row
    assert all(r["data-sector"] in {"statutory", "vcs", "private", "unknown"} and r["data-compact"]
               for r in body_rows)
    hrefs = {a["href"] for a in tags(html, "a")}
    # The table is a fragment with the built site's addresses; the links below it are Markdown's, to files.
    assert {"../sandwell/", "signatories.csv", "signatories.json", "westminster/signatories.md"} <= hrefs


def test_compact_page_is_grouped_by_sector_with_counts(compacts):
    sources = {p.src_uri: p for p in register_pages(compacts)}
    pages = {uri: p.markdown for uri, p in sources.items()}
    assert set(pages) == {f"{c.slug}/signatories.md" for c in compacts} | {"signatories.md"}
    sandwell = pages["sandwell/signatories.md"]
    assert sandwell.startswith("# Signatories and partners – Sandwell Compact\n")
    headings = re.findall(r"^#+ (.*?) \{", sandwell, re.M)
    assert headings[:4] == ["Signatories (7)", "Statutory sector (5)", "Voluntary and community sector (1)",
                            "Sector not stated (1)"]
    html = sources["sandwell/signatories.md"].html()
    assert "<td>Jan Britton</td><td>Chief Executive</td><td>not recorded</td>" in html.replace("\n", "")
    assert 'href="signatories.csv"' in html and 'href="signatories.json"' in html and 'href="index.md"' in html
    westminster = pages["westminster/signatories.md"]
    assert "## Partners (3)" in westminster and "## Steering group (9)" in westminster
    assert "### Statutory sector (5) { #steering-group-statutory }" in westminster


def test_a_compact_without_signatories_says_so_and_links_its_form(compacts):
    pages = {p.src_uri: p.markdown for p in register_pages(compacts)}
    staffordshire = pages["staffordshire-stoke-on-trent/signatories.md"]
    assert "No signatories are recorded for this compact." in staffordshire
    assert "(index.md#form-agreement)" in staffordshire
    assert "### Statutory sector (18)" in staffordshire and "## Partners (23)" in staffordshire
    custom = {p.src_uri: p.markdown for p in register_pages(compacts, lambda c: f"../{c.slug}/index.md#form-x")}
    assert "(../staffordshire-stoke-on-trent/index.md#form-x)" in custom["staffordshire-stoke-on-trent/signatories.md"]
    # No form at all: say how to ask to join, with no link to a form.
    westminster = pages["westminster/signatories.md"]
    assert "No signatories are recorded for this compact." in westminster
    assert "#form-" not in westminster and "To ask to join, contact" in westminster
