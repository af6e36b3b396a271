"""What the built site holds: identifier URLs, cross-references, search entries, intranet copy, assets."""
from __future__ import annotations

import json
import logging

import pytest
from mkdocs.exceptions import Abort

from compact_site.model.references import clause_anchor

from .test_site_build import MINIMAL, build_site, make_project

TWO = {"minimal.yml": MINIMAL.replace("Work together.", "Work together.\n            - id: \"1.2\"\n"
                                      "              number: \"1.2\"\n              text: Unlike [[1.1]], apart."),
       "other.yml": MINIMAL.replace("slug: minimal", "slug: other").replace("Testshire", "Otherton")
       .replace("Work together.", "As [[minimal:1.1]] says.")}


@pytest.fixture(scope="module")
def served(tmp_path_factory):
    return build_site(make_project(tmp_path_factory.mktemp("served")), strict=True)


@pytest.fixture(scope="module")
def intranet(tmp_path_factory):
    config = make_project(tmp_path_factory.mktemp("intranet"))
    config.write_text(config.read_text(encoding="utf-8").replace("  - search\n  - compact\n",
                                                                 "  - compact:\n      intranet: true\n"))
    return build_site(config, strict=True)


def test_every_clause_has_an_identifier_page_forwarding_to_its_anchor(served, loaded_content):
    count = 0
    for compact in loaded_content.compacts:
        for node in compact.citable():
            page = served / compact.slug / "clause" / node.id / "index.html"
            html = page.read_text(encoding="utf-8")
            assert f"../../#{clause_anchor(node.id)}" in html, page
            count += 1
    assert count == 261


def test_clause_number_links_to_identifier_url_and_copy_button_is_labelled(served):
    html = (served / "wolverhampton" / "index.html").read_text(encoding="utf-8")
    assert '<a class="compact-clause__number" href="clause/3.1/" title="Permanent link to this clause">3.1</a>' in html
    assert ('<button type="button" class="compact-copy" data-href="clause/3.1/" '
            'aria-label="Copy link to Wolverhampton 3.1">Copy link</button>') in html


def test_referenced_by_lists_the_referring_clause(tmp_path):
    site = build_site(make_project(tmp_path, TWO), strict=True)
    html = (site / "minimal" / "index.html").read_text(encoding="utf-8")
    assert 'Referenced by: <a href="#clause-1.2">Testshire 1.2</a>, <a href="../other/#clause-1.1">Otherton 1.1</a>' \
        in html


def test_handwritten_page_references_resolve_and_code_is_left_alone(tmp_path):
    config = make_project(tmp_path, TWO)
    (tmp_path / "content" / "about.md").write_text(
        "# About\n\nSee [[minimal:1.1]] and [[other:1.1]].\n\n    [[minimal:9.9]] in code\n\n`[[nope]]`\n",
        encoding="utf-8")
    site = build_site(config, strict=True)
    html = (site / "about" / "index.html").read_text(encoding="utf-8")
    assert '<a href="../minimal/#clause-1.1">Testshire 1.1</a>' in html
    assert '<a href="../other/#clause-1.1">Otherton 1.1</a>' in html


@pytest.mark.parametrize("reference, message", [
    ("[[minimal:9.9]]", "content/notes.md:5: reference [[minimal:9.9]]: no clause '9.9' in 'minimal' [CS401]"),
    ("[[atlantis:1.1]]", "content/notes.md:5: reference [[atlantis:1.1]] names unknown compact 'atlantis' [CS402]"),
    ("[[1.1]]", "content/notes.md:5: reference [[1.1]] must name its compact, e.g. [[minimal:1.1]] [CS407]"),
])
def test_unresolved_reference_in_a_page_fails_strict_with_file_and_line(tmp_path, caplog, reference, message):
    config = make_project(tmp_path, TWO)
    (tmp_path / "content" / "notes.md").write_text(f"---\ntitle: Notes\n---\n\nSee {reference} please.\n",
                                                   encoding="utf-8")
    with caplog.at_level(logging.WARNING), pytest.raises(Abort):
        build_site(config, strict=True)
    assert message in caplog.text


UNSAFE_PAGE = """---
title: Notes
---

Fine: [council](https://example.org/), [write](mailto:vcs@example.org), [home](index.md).
A [trick](javascript:alert(1)) and <a href="JaVaScRiPt:alert(2)">another</a>.

[ref]: data:text/html,<b>x</b>

Code is shown as typed: `[x](javascript:alert(3))`.
"""


def test_unsafe_links_in_a_hand_written_page_are_removed_and_fail_strict(tmp_path, caplog):
    config = make_project(tmp_path, TWO)
    (tmp_path / "content" / "notes.md").write_text(UNSAFE_PAGE, encoding="utf-8")
    with caplog.at_level(logging.WARNING), pytest.raises(Abort):
        build_site(config, strict=True)
    found = sorted(line for line in caplog.text.splitlines() if "[CS410]" in line)
    assert len(found) == 3, found
    assert "content/notes.md:6: link to 'javascript:alert(1)' removed" in caplog.text
    assert "content/notes.md:6: link to 'JaVaScRiPt:alert(2)' removed" in caplog.text
    assert "content/notes.md:8: link to 'data:text/html,<b>x</b>' removed" in caplog.text
    page = (build_site(config) / "notes" / "index.html").read_text(encoding="utf-8")  # not strict: it builds
    article = page[page.index("<article"):page.index("</article>")]
    assert "javascript:alert(1)" not in article and "alert(2)" not in article and "data:text" not in article
    assert 'href="https://example.org/"' in article and 'href="mailto:vcs@example.org"' in article
    assert "<code>[x](javascript:alert(3))</code>" in article  # code is left as typed


def test_search_index_has_an_entry_per_clause_landing_on_its_anchor(served):
    index = json.loads((served / "search" / "search_index.json").read_text(encoding="utf-8"))
    by_location = {doc["location"]: doc for doc in index["docs"]}
    entry = by_location["wolverhampton/#clause-4.2"]
    assert entry["title"] == "Wolverhampton 4.2"
    assert entry["text"].startswith("Consider a wide range of ways to fund or resource VCS")


def test_search_reads_each_compacts_register_not_the_site_wide_table(served):
    """A signatory is found on their compact's register page (which names the compact); the site-wide table would
    be one search entry of every name on the site."""
    index = json.loads((served / "search" / "search_index.json").read_text(encoding="utf-8"))
    texts = {doc["location"]: doc["text"] for doc in index["docs"]}
    name = "Andy Williams"  # Sandwell PCT's Managing Director
    assert name in texts["sandwell/signatories/#signatories-statutory"]
    site_wide = " ".join(text for location, text in texts.items() if location.startswith("signatories/"))
    assert "Everyone party to the 5 compacts" in site_wide  # the page's prose is still found
    assert name not in site_wide
    page = (served / "signatories" / "index.html").read_text(encoding="utf-8")
    assert name in page  # the table itself is on the page


def test_intranet_copy_has_no_directory_urls_and_a_script_loaded_search(intranet):
    home = (intranet / "index.html").read_text(encoding="utf-8")
    assert 'href="sandwell/index.html"' in home
    assert not (intranet / "search" / "search_index.json").exists()
    page = (intranet / "search" / "index.html").read_text(encoding="utf-8")
    assert '<script src="../assets/compact-site/search-index.js"></script>' in page
    data = (intranet / "assets" / "compact-site" / "search-index.js").read_text(encoding="utf-8")
    assert data.startswith("window.compactSearchIndex = [")
    assert '"location":"sandwell/index.html#clause-stage-1"' in data
    clause_page = (intranet / "sandwell" / "clause" / "stage-1" / "index.html").read_text(encoding="utf-8")
    assert "../../index.html#clause-stage-1" in clause_page


def test_no_page_fetches_data_or_loads_anything_remote(intranet):
    for page in intranet.rglob("*.html"):
        html = page.read_text(encoding="utf-8")
        assert "fetch(" not in html
        assert '<script src="http' not in html and '<link href="http' not in html, page


def test_plugin_assets_are_shipped_and_linked(served):
    html = (served / "sandwell" / "index.html").read_text(encoding="utf-8")
    assert "assets/compact-site/compact.css" in html and "assets/compact-site/compact.js" in html
    assert (served / "assets" / "compact-site" / "compact.js").is_file()


def test_single_compact_site_keeps_its_slug_url_and_home_leads_to_it(tmp_path):
    site = build_site(make_project(tmp_path, {"minimal.yml": MINIMAL}), strict=True)
    home = (site / "index.html").read_text(encoding="utf-8")
    assert 'This site publishes the <a href="minimal/">Minimal Compact</a>.' in home
    assert (site / "minimal" / "index.html").is_file()
