"""A compact page's downloads: sizes in words a reader understands (render/downloads.py)."""
from __future__ import annotations

import pytest

from compact_site.render.downloads import FormatContact, downloads_view, format_request, format_size


@pytest.mark.parametrize("size, shown", [
    (0, "0 bytes"), (1, "1 byte"), (965, "965 bytes"), (1023, "1023 bytes"), (1024, "1 KB"), (1075, "1 KB"),
    (1076, "1.1 KB"), (2996, "2.9 KB"), (10188, "9.9 KB"), (10189, "10 KB"), (24997, "24 KB"), (62816, "61 KB"),
    (120832, "118 KB"), (1048063, "1023 KB"), (1048575, "1 MB"), (1258291, "1.2 MB"), (15 * 1024 ** 2, "15 MB"),
])
def test_sizes_are_in_kb_and_mb_of_1024_rounded_half_up(size, shown):
    assert format_size(size) == shown


def test_downloads_show_a_size_only_once_known():
    files = [("sandwell/compact.json", "compact-json"), ("sandwell/signatories.csv", "register-csv")]
    unknown, known = downloads_view("sandwell", files, {}), downloads_view("sandwell", files,
                                                                          {"sandwell/compact.json": 62816})
    assert [(d.href, d.size, d.bytes) for d in unknown] == [("compact.json", "", None), ("signatories.csv", "", None)]
    assert (known[0].label, known[0].format, known[0].size, known[0].bytes) == (
        "This compact as JSON", "JSON", "61 KB", 62816)


def test_a_format_request_names_the_document_in_its_subject():
    request = format_request(FormatContact("compact@example.gov.uk", "Voluntary Sector Team"), "this compact",
                             "Sandwell  Compact & more", "../accessibility/")
    assert request.href == ("mailto:compact@example.gov.uk?subject=Accessible%20format%20request%3A%20Sandwell"
                            "%20Compact%20%26%20more")
    assert format_request(None, "this form", "X", "../accessibility/").email == ""
