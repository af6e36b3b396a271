"""The home page's register of compacts (issue 18, part 1): its rows, the compacts.csv download, and the table as
built (a real <table>, every compact a row, links for either URL style). The browser half (filters, sorting,
overdue, the 400-compact budget) is tests/browser/test_home_register.py."""
from __future__ import annotations

import csv
import re
from typing import get_args

import pytest

from compact_site.core.compact_register import FIELDS, STATUS_NAMES, compact_rows, csv_text, register_download
from compact_site.model.compact import Status
from compact_site.render.home_page import home_page, register_rows

from .conftest import build_site, make_project

SANDWELL = {"compact": "sandwell", "title": "Sandwell Compact", "area": "Sandwell", "status": "adopted",
            "adopted": "", "refreshed": "2011-07", "review": "2013-10", "undertakings": 36, "signatories": 7,
            "url": "/sandwell/"}


def test_every_status_of_the_model_has_a_name():
    assert set(STATUS_NAMES) == set(get_args(Status))


def test_rows_are_the_compacts_by_title_with_dates_as_given_and_counts(loaded_content):
    rows = compact_rows(loaded_content.compacts)
    assert [r["title"] for r in rows] == sorted((r["title"] for r in rows), key=str.lower)
    assert rows[0] == SANDWELL
    assert compact_rows(loaded_content.compacts, "https://e.org/compacts/")[0]["url"] == \
        "https://e.org/compacts/sandwell/"


def test_csv_is_neutralised_with_a_bom_and_crlf(loaded_content):
    hostile = dict(SANDWELL, title='=HYPERLINK("http://evil.example/")', area="@SUM(A1)", compact="x")
    text = csv_text([hostile, SANDWELL])
    assert text.startswith("\ufeff") and "\r\n" in text
    rows = list(csv.reader(text.removeprefix("\ufeff").splitlines()))
    assert tuple(rows[0]) == FIELDS
    assert rows[1][1] == "'=HYPERLINK(\"http://evil.example/\")" and rows[1][2] == "'@SUM(A1)"
    assert rows[2] == ["sandwell", "Sandwell Compact", "Sandwell", "adopted", "", "2011-07", "2013-10", "36", "7",
                       "/sandwell/"]
    assert [path for path, _ in register_download(loaded_content.compacts)] == ["compacts.csv"]


def test_agreed_cell_and_its_sort_key(loaded_content):
    rows = {r["compact"]: r for r in register_rows(loaded_content.compacts)}
    assert (rows["sandwell"]["agreed"], rows["sandwell"]["agreed_sort"]) == ("refreshed July 2011", "2011-07")
    assert rows["sandwell"]["review_text"] == "October 2013" and rows["sandwell"]["status_name"] == "Adopted"
    assert rows["westminster"]["status_name"] == "Consultation draft"
    both = register_rows([c.model_copy(update={"dates": c.dates.model_copy(update={"adopted": "2009-03"})})
                          for c in loaded_content.compacts if c.slug == "sandwell"])[0]
    assert (both["agreed"], both["agreed_sort"]) == ("March 2009, refreshed July 2011", "2011-07")


@pytest.mark.parametrize("directory_urls, href", [(True, "sandwell/"), (False, "sandwell/index.html")])
def test_table_rows_link_each_compact_for_either_url_style(loaded_content, directory_urls, href):
    page = home_page(loaded_content.compacts, "compacts.json", directory_urls)
    html = page.html()
    assert f'<a href="{href}">Sandwell Compact</a>' in html
    assert html.count("<tr data-status=") == len(loaded_content.compacts)
    # The introduction stays above the table; the downloads follow it.
    assert html.index("This site publishes 5 local compacts") < html.index("<table") < html.index("compacts.csv")


@pytest.fixture(scope="module")
def home(tmp_path_factory) -> str:
    site = build_site(make_project(tmp_path_factory.mktemp("home"), custom_dir=True), strict=True)
    assert (site / "compacts.csv").read_text(encoding="utf-8-sig").splitlines()[0] == ",".join(FIELDS)
    return (site / "index.html").read_text(encoding="utf-8")


def test_home_is_a_real_table_labelled_by_its_heading(home):
    table = home[home.index("<table"):home.index("</table>")]
    assert '<table aria-labelledby="register">' in table and '<h2 id="register">Register of compacts</h2>' in home
    headers = re.findall(r'<th scope="col"[^>]*>([^<]+)</th>', table)
    assert headers == ["Compact", "Area", "Status", "Adopted / refreshed", "Review due", "Undertakings", "Signatories"]
    assert '<span class="md-tag">Consultation draft</span>' in table  # Material's own tag style
    # The filters are hidden until registers.js can make them work; the live region is there from the start.
    assert '<form class="compact-register__filters" hidden' in home
    assert 'role="status" aria-live="polite"' in home
    assert 'href="compacts.csv"' in home and 'href="compacts.json"' in home
    assert 'class="compact-term"' not in table  # no definition buttons inside the register


def test_a_one_compact_site_has_no_filters(tmp_path):
    from .test_site_build import MINIMAL

    site = build_site(make_project(tmp_path, {"minimal.yml": MINIMAL}), strict=True)
    html = (site / "index.html").read_text(encoding="utf-8")
    assert 'This site publishes the <a href="minimal/">Minimal Compact</a>.' in html
    assert "<table" in html and "compact-register__filters" not in html
