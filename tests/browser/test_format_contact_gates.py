"""The pages that say how to ask for another format, built with a contact set (the repository's own site sets
none, so its gates see only the pointer to the statement): axe in Material's light and dark schemes, the Nu
checker, reflow at 320 px, and no request leaving the site. Example addresses live here only."""
from __future__ import annotations

import os
from pathlib import Path

import pytest

from ..conftest import make_project
from .conftest import serve_folder
from .quality import AXE, REFLOW_WIDTH, VNU, axe_violations, describe_violations, nu_errors, require, scroll_width

pytestmark = pytest.mark.browser
PAGES = ["sandwell/", "sandwell/form/statement-of-intent/", "sandwell/signatories/", "signatories/",
         "westminster/"]
OPTIONS = ("  - compact:\n      accessible_format_contact_email: alternative.formats@example.gov.uk\n"
           "      accessible_format_contact_name: Communications Team, Example Council\n")


@pytest.fixture(scope="module", params=["default", "slate"])
def contact_site(request, tmp_path_factory) -> Path:
    """The example content with a format contact, in Material's light scheme and in its dark one (``slate``,
    set in mkdocs.yml as a council would: Material loads its palette styles only then)."""
    from mkdocs.commands.build import build
    from mkdocs.config import load_config

    os.environ["NO_MKDOCS_2_WARNING"] = "1"
    folder = tmp_path_factory.mktemp(f"format-contact-{request.param}")
    config_file = make_project(folder, custom_dir=True)
    palette = f"  palette:\n    scheme: {request.param}\n"
    config_file.write_text(config_file.read_text().replace("  - compact\n", OPTIONS).replace(
        "  font: false\n", "  font: false\n" + palette))
    site = folder / "site"
    build(load_config(str(config_file), site_dir=str(site), strict=True))
    return site


def test_axe_and_reflow_with_a_format_contact(page, contact_site):
    require(AXE, "axe-core")
    with serve_folder(contact_site) as url:
        for path in PAGES:
            page.set_viewport_size({"width": 1280, "height": 900})
            page.goto(f"{url}/{path}")
            assert page.locator(".compact-format-request a[href^='mailto:']").count() == 1, path
            violations = axe_violations(page)
            assert not violations, f"{path} ({contact_site.parent.name}):\n{describe_violations(violations)}"
            page.set_viewport_size({"width": REFLOW_WIDTH, "height": 800})
            assert scroll_width(page) <= REFLOW_WIDTH, path


def test_the_dark_scheme_is_dark(page, contact_site):
    """The slate build really is dark (else its axe run would check the light colours twice)."""
    with serve_folder(contact_site) as url:
        page.goto(f"{url}/sandwell/")
        dark = page.evaluate("getComputedStyle(document.body).backgroundColor") != "rgb(255, 255, 255)"
    assert dark == contact_site.parent.name.startswith("format-contact-slate")


def test_nu_html_checker_with_a_format_contact(contact_site):
    require(VNU, "the Nu Html Checker")
    errors, _ = nu_errors([contact_site / path / "index.html" for path in PAGES])
    assert not errors, "\n".join(errors[:20])
