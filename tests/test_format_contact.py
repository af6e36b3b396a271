"""How readers ask for a compact in another format (plugin options accessible_format_contact_email and _name):
said on every compact page, form page and register page, in GOV.UK's words when a contact is set, and as a
pointer to the accessibility statement when none is (never a made-up contact). Example addresses live here only.
"""
from __future__ import annotations

import re
from pathlib import Path

import pytest
from mkdocs.exceptions import Abort

from .conftest import build_site, make_project

ASKING = "If you use assistive technology (such as a screen reader) and need a version of this {} in a more " \
         "accessible format, please email {}<a href=\"mailto:{}?subject=Accessible%20format%20request%3A%20"


def _project(tmp_path: Path, options: str) -> Path:
    config_file = make_project(tmp_path)
    config_file.write_text(config_file.read_text().replace("  - compact\n", "  - compact:\n" + options))
    return config_file


def _pages(site: Path) -> dict[str, str]:
    """The pages that must say how to ask: each compact page, form page and register page."""
    pages = {"sandwell": "sandwell/index.html", "form": "sandwell/form/statement-of-intent/index.html",
             "register": "sandwell/signatories/index.html", "site register": "signatories/index.html",
             "wolverhampton": "wolverhampton/index.html"}
    return {name: (site / path).read_text(encoding="utf-8") for name, path in pages.items()}


def test_a_contact_set_is_on_every_compact_form_and_register_page(tmp_path):
    site = build_site(_project(tmp_path, "      accessible_format_contact_email: formats@example.gov.uk\n"
                                         "      accessible_format_contact_name: Voluntary Sector Team\n"), strict=True)
    for name, page in _pages(site).items():
        document = "form" if name == "form" else "register" if "register" in name else "compact"
        assert ASKING.format(document, "Voluntary Sector Team at ", "formats@example.gov.uk") in page, name
        assert "Please tell us what format you need." in page
    assert "subject=Accessible%20format%20request%3A%20Sandwell%20Compact\"" in _pages(site)["sandwell"]
    statement = (site / "accessibility" / "index.html").read_text(encoding="utf-8")
    assert "another format (such as large print" in statement and "mailto:formats@example.gov.uk" in statement


def test_without_one_the_accessibility_contact_is_used(tmp_path):
    site = build_site(_project(tmp_path, "      accessibility_contact_email: access@example.gov.uk\n"), strict=True)
    for name, page in _pages(site).items():
        assert "please email <a href=\"mailto:access@example.gov.uk?subject=" in page, name
    statement = (site / "accessibility" / "index.html").read_text(encoding="utf-8")
    assert "large print" not in statement  # the same person: said once, in the statement's own words


def test_with_no_contact_the_pages_point_to_the_statement_and_name_nobody(tmp_path):
    site = build_site(make_project(tmp_path), strict=True)
    for name, page in _pages(site).items():
        assert "mailto:" not in page, name
        request = re.search(r'<p class="compact-format-request[^"]*"[^>]*>(.*?)</p>', page)
        assert request and "accessibility statement" in request[1], name
    assert 'href="../accessibility/">accessibility statement</a>' in _pages(site)["sandwell"]
    assert 'href="../../../accessibility/">accessibility statement</a>' in _pages(site)["form"]


@pytest.mark.parametrize("value", ["mailto:formats@example.gov.uk", "Formats Team <formats@example.gov.uk>",
                                   "formats at example.gov.uk", "formats@example"])
def test_a_contact_that_is_not_one_address_stops_the_build_at_its_line(tmp_path, value, caplog):
    config_file = _project(tmp_path, f"      accessible_format_contact_email: \"{value}\"\n")
    with pytest.raises(Abort):
        build_site(config_file, strict=True)
    line = config_file.read_text().splitlines().index(f"      accessible_format_contact_email: \"{value}\"") + 1
    assert f"mkdocs.yml:{line}: option accessible_format_contact_email: '{value}' is not one email address " \
           "[CS601]" in caplog.text
    assert "fix: Write the address alone" in caplog.text
