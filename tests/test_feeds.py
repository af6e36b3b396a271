"""The Atom feeds (exports/feeds.py): read by a real feed parser (feedparser) without a complaint, checked against
RFC 4287's required elements, with ids that never change (two runs, another order of the compacts, the current
text frozen), dates from the content only, for the worked example of editions (tests/fixtures/editions) and the
five public compacts."""
from __future__ import annotations

import re
import shutil
from pathlib import Path

import feedparser
import pytest
from lxml import etree

from compact_site.cli.main import main
from compact_site.content.site_loader import load_content
from compact_site.core.citations import LinkStyle
from compact_site.core.context import BuildContext
from compact_site.exports import feeds
from compact_site.exports.feeds import ATOM_NS, NO_DATE, feed_files

from .conftest import CONTENT

EXAMPLE = Path(__file__).parent / "fixtures" / "editions" / "content"
SITE = "https://compacts.example.org/"
TAG = "tag:compact-site.invalid,2026:"
RFC3339 = re.compile(r"\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}Z")
TAG_URI = re.compile(r"tag:[a-z0-9.-]+,\d{4}(-\d{2}(-\d{2})?)?:[A-Za-z0-9._~%!$&'()*+,;=:@/?-]+")
X = {"a": ATOM_NS}


def feeds_of(content: Path, site_url: str | None = None, reverse: bool = False) -> dict[str, str]:
    loaded = load_content([content])
    assert not loaded.errors
    compacts = loaded.compacts[::-1] if reverse else loaded.compacts
    context = BuildContext(compacts, loaded.glossary, LinkStyle(site_url=site_url), loaded.frozen())
    return dict(feed_files(context, "Test compacts"))


def parsed(text: str, path: str):
    """The feed as feedparser reads it when fetched from ``path`` under the example site."""
    return feedparser.parse(text.encode("utf-8"), response_headers={
        "content-location": SITE + path, "content-type": "application/atom+xml; charset=utf-8"})


@pytest.fixture(scope="module")
def example() -> dict[str, str]:
    return feeds_of(EXAMPLE)


@pytest.fixture(scope="module")
def public() -> dict[str, str]:
    return feeds_of(CONTENT)


def test_a_feed_for_the_site_and_for_every_compact(example, public):
    assert list(example) == ["riverside/feed.xml", "feed.xml"]
    assert list(public) == [f"{slug}/feed.xml" for slug in ("sandwell", "southampton", "staffordshire-stoke-on-trent",
                                                            "westminster", "wolverhampton")] + ["feed.xml"]


@pytest.mark.parametrize("which", ["example", "public"])
def test_every_feed_is_atom_a_feed_parser_reads_without_complaint(which, request):
    for path, text in request.getfixturevalue(which).items():
        feed = parsed(text, path)
        assert feed.bozo == 0, (path, feed.get("bozo_exception"))
        assert feed.version == "atom10"
        ids = [entry.id for entry in feed.entries]
        assert len(ids) == len(set(ids)), path
        times = [entry.updated for entry in feed.entries]
        assert feed.feed.updated == (max(times) if times else NO_DATE)  # the newest entry's: no build date
        assert times == sorted(times, reverse=True)


@pytest.mark.parametrize("which", ["example", "public"])
def test_rfc_4287_required_elements(which, request):
    """What RFC 4287 requires of a feed and of each entry (sections 4.1.1 and 4.1.2)."""
    for path, text in request.getfixturevalue(which).items():
        feed = etree.fromstring(text.encode("utf-8"))
        assert feed.tag == f"{{{ATOM_NS}}}feed"
        for name in ("id", "title", "updated"):
            assert len(feed.findall(f"a:{name}", X)) == 1, (path, name)
        assert feed.find("a:author/a:name", X).text  # so no entry needs its own
        assert [link.get("type") for link in feed.findall("a:link[@rel='self']", X)] == ["application/atom+xml"]
        assert len(feed.findall("a:link[@rel='alternate']", X)) == 1
        assert TAG_URI.fullmatch(feed.findtext("a:id", namespaces=X))
        assert RFC3339.fullmatch(feed.findtext("a:updated", namespaces=X))
        for entry in feed.findall("a:entry", X):
            for name in ("id", "title", "updated", "summary"):
                assert len(entry.findall(f"a:{name}", X)) == 1, (path, name)
            assert len(entry.findall("a:link[@rel='alternate']", X)) == 1  # required: the entry has no content
            assert TAG_URI.fullmatch(entry.findtext("a:id", namespaces=X)), entry.findtext("a:id", namespaces=X)
            assert RFC3339.fullmatch(entry.findtext("a:updated", namespaces=X))


def test_the_worked_example_entries(example):
    feed = parsed(example["riverside/feed.xml"], "riverside/feed.xml")
    found = [(entry.id.removeprefix(TAG), entry.updated, entry.link) for entry in feed.entries]
    changes = SITE + "riverside/changes/"
    assert found == [  # newest first; a partial date is its first day at midnight UTC
        ("riverside/signatory/Riverside%20Fire%20and%20Rescue%20Service", "2021-03-01T00:00:00Z", changes),
        ("riverside/edition/2021-03", "2021-03-01T00:00:00Z", changes),
        ("riverside/signatory/Riverside%20Clinical%20Commissioning%20Group", "2016-09-01T00:00:00Z", changes),
        ("riverside/edition/2016-09", "2016-09-01T00:00:00Z", changes),
        ("riverside", "2012-04-01T00:00:00Z", SITE + "riverside/")]
    refresh = feed.entries[3]
    assert refresh.title == "Riverside Compact: 2016 refresh"
    assert refresh.summary == ("2016 refresh of Riverside Compact (2016-09-01): 1 clause added, 1 withdrawn, "
                               "1 moved, 1 reworded; 1 signatory added.")
    assert [link.href for link in refresh.links if link.rel == "related"] == [SITE + "riverside/2016-09-01/"]
    assert feed.feed.link == changes
    site = parsed(example["feed.xml"], "feed.xml")
    assert [entry.id for entry in site.entries] == [entry.id for entry in feed.entries]
    assert site.entries[1].link == changes  # relative links resolve against each feed's own address


def test_without_site_url_links_are_relative_to_the_feed(example):
    root = etree.fromstring(example["riverside/feed.xml"].encode("utf-8"))
    hrefs = {link.get("href") for link in root.iter(f"{{{ATOM_NS}}}link")}
    assert hrefs == {"feed.xml", "changes/", "./", "2016-09-01/", "signatories/"}
    site = etree.fromstring(example["feed.xml"].encode("utf-8"))
    assert {link.get("href") for link in site.iter(f"{{{ATOM_NS}}}link")} == {
        "feed.xml", "changes/", "riverside/", "riverside/changes/", "riverside/2016-09-01/", "riverside/signatories/"}


def test_with_a_site_url_ids_name_its_host_and_links_are_absolute():
    feeds = feeds_of(EXAMPLE, "https://www.northtown.gov.uk/compact/")
    root = etree.fromstring(feeds["riverside/feed.xml"].encode("utf-8"))
    assert root.findtext("a:id", namespaces=X) == "tag:www.northtown.gov.uk,2026:compact/riverside/feed"
    assert root.find("a:entry/a:id", X).text.startswith("tag:www.northtown.gov.uk,2026:compact/riverside/")
    assert all(link.get("href").startswith("https://www.northtown.gov.uk/compact/riverside/")
               for link in root.iter(f"{{{ATOM_NS}}}link"))


def test_the_site_feed_holds_the_newest_entries_of_every_compact(monkeypatch):
    monkeypatch.setattr(feeds, "SITE_ENTRIES", 2)
    site = parsed(feeds_of(CONTENT)["feed.xml"], "feed.xml")
    assert [e.id.removeprefix(TAG) for e in site.entries] == ["staffordshire-stoke-on-trent", "sandwell"]


def test_ids_and_bytes_do_not_depend_on_the_run_or_the_order(example):
    assert feeds_of(EXAMPLE) == example
    one, other = feeds_of(CONTENT), feeds_of(CONTENT, reverse=True)
    assert one["feed.xml"] == other["feed.xml"]  # the site feed: entries by time, then id, never by input order


def test_freezing_the_current_text_changes_no_id(example, tmp_path, capsys):
    """An edition is named by the date its text states, so freezing the current text (the step before every
    refresh) does not bring it back as a new entry."""
    content = tmp_path / "content"
    shutil.copytree(EXAMPLE, content)
    assert main(["edition", "freeze", "riverside", "--date", "2021-03-15", "--label", "2021 refresh",
                 "--content", str(content)]) == 0
    capsys.readouterr()
    frozen = feeds_of(content)
    before = parsed(example["riverside/feed.xml"], "riverside/feed.xml")
    after = parsed(frozen["riverside/feed.xml"], "riverside/feed.xml")
    assert sorted(entry.id for entry in after.entries) == sorted(entry.id for entry in before.entries)
    refresh = next(entry for entry in after.entries if entry.id.endswith("/edition/2021-03"))
    assert refresh.updated == "2021-03-15T00:00:00Z"  # now dated as frozen: the day, not the month
    assert [link.href for link in refresh.links if link.rel == "related"] == [SITE + "riverside/2021-03-15/"]


def test_two_editions_stating_one_date_keep_apart(tmp_path, capsys):
    """Frozen, edited without a new date, frozen again: the second edition is named by its frozen date."""
    content = tmp_path / "content"
    shutil.copytree(EXAMPLE, content)
    current = content / "riverside.yml"
    assert main(["edition", "freeze", "riverside", "--date", "2021-03-15", "--content", str(content)]) == 0
    current.write_text(current.read_text(encoding="utf-8").replace("in advance", "ahead"), encoding="utf-8")
    assert main(["edition", "freeze", "riverside", "--date", "2021-04-01", "--content", str(content)]) == 0
    capsys.readouterr()
    feed = parsed(feeds_of(content)["riverside/feed.xml"], "riverside/feed.xml")
    editions = [(e.id.removeprefix(TAG), e.updated) for e in feed.entries if "/edition/" in e.id]
    assert editions == [("riverside/edition/2021-04-01", "2021-04-01T00:00:00Z"),
                        ("riverside/edition/2021-03", "2021-03-15T00:00:00Z"),
                        ("riverside/edition/2016-09", "2016-09-01T00:00:00Z")]
    assert feed.entries[0].summary == "New edition of Riverside Compact (2021-04-01): 1 clause reworded."


def test_public_compacts_have_one_entry_each_when_dated_and_none_invented(public):
    stated = {"sandwell": "2011-07-01T00:00:00Z", "staffordshire-stoke-on-trent": "2014-01-01T00:00:00Z",
              "westminster": "2011-01-01T00:00:00Z"}  # refreshed 2011-07, start 2014, published 2011
    for slug in ("sandwell", "southampton", "staffordshire-stoke-on-trent", "westminster", "wolverhampton"):
        feed = parsed(public[f"{slug}/feed.xml"], f"{slug}/feed.xml")
        assert [(e.id.removeprefix(TAG), e.updated) for e in feed.entries] == \
            ([(slug, stated[slug])] if slug in stated else [])  # southampton, wolverhampton: no date stated
        assert feed.feed.link == SITE + f"{slug}/"  # no frozen edition: no changes page; the compact's page
    site = parsed(public["feed.xml"], "feed.xml")
    assert [e.id.removeprefix(TAG) for e in site.entries] == ["staffordshire-stoke-on-trent", "sandwell",
                                                               "westminster"]
    assert site.feed.updated == "2014-01-01T00:00:00Z" and site.feed.link == SITE
