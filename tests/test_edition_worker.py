"""In a large build a worker process makes the past editions' and changes pages (plugin/split_build.py) while MkDocs
reads the others: the site is byte for byte the one a single process builds."""
from __future__ import annotations

import os
from pathlib import Path

import pytest

from compact_site.content.site_loader import load_content
from compact_site.core.context import BuildContext
from compact_site.pages import listing
from compact_site.plugin import plugin as plugin_module

from .conftest import needs_fork
from .editions_example import EXAMPLE, example_project
from .test_background import _build, _no_fork, _same_site, _small_site_forks


def _recorded(monkeypatch, log: Path) -> None:
    """Each process that makes the edition pages adds its id to ``log``."""
    def recorded(*args, **kwargs):
        with log.open("a", encoding="utf-8") as out:
            out.write(f"{os.getpid()}\n")
        return made(*args, **kwargs)

    made = listing.timeline_pages
    monkeypatch.setattr(listing, "timeline_pages", recorded)  # one process: site_pages calls it
    monkeypatch.setattr(plugin_module, "timeline_pages", recorded)  # a worker: the plugin hands it over


@needs_fork
def test_a_worker_makes_the_edition_pages_and_the_site_is_the_same(tmp_path, monkeypatch):
    config_file = example_project(tmp_path)
    _small_site_forks(monkeypatch)
    log = tmp_path / "pids"
    _recorded(monkeypatch, log)
    with monkeypatch.context() as alone:
        alone.setenv("COMPACT_SITE_PROCESSES", "1")
        _no_fork(alone)
        one = _build(config_file, tmp_path / "one")
    assert log.read_text().split() == [str(os.getpid())]
    log.unlink()
    forked = _build(config_file, tmp_path / "two")
    makers = log.read_text().split()
    assert len(makers) == 1 and makers[0] != str(os.getpid())  # made once, by the worker
    page = forked / "riverside" / "2012-04-01" / "index.html"
    assert "This is not the current edition" in page.read_text(encoding="utf-8")
    assert (forked / "riverside" / "changes" / "index.html").is_file()
    _same_site(one, forked)


@pytest.fixture
def loaded_editions():
    loaded = load_content([EXAMPLE])
    return BuildContext(loaded.compacts, loaded.glossary, frozen=loaded.frozen()), loaded.files


def test_the_stand_ins_are_the_pages_the_worker_makes(loaded_editions):
    """The plugin lists each page before the worker makes it: the same paths, in the same order."""
    context, files = loaded_editions
    made = [page.src_uri for page in listing.timeline_pages(context, files)]
    standing = [page for page in listing.site_pages(context, files, True, made_elsewhere=True)
                if page.made_elsewhere]
    assert [page.src_uri for page in standing] == made and len(made) == 4  # two editions, two changes pages
    assert {page.markdown for page in standing} == {listing.FRONT_MATTER}
    whole = listing.site_pages(context, files, True)
    assert [page.src_uri for page in whole] == [page.src_uri for page in listing.site_pages(
        context, files, True, made_elsewhere=True)]  # and where they stand in the list


def test_a_page_travels_between_processes_unchanged(loaded_editions):
    """Packed for the trip (one string and lengths, not 100,000 pickled objects) and unpacked: the same page."""
    import pickle

    from compact_site.render.page_source import packed, unpacked

    context, files = loaded_editions
    for page in listing.timeline_pages(context, files):
        back = unpacked(pickle.loads(pickle.dumps(packed(page))))
        assert (back.src_uri, back.markdown, back.origin, back.searchable) == \
            (page.src_uri, page.markdown, page.origin, page.searchable)
        assert list(map(str, back.blocks)) == list(map(str, page.blocks))
        assert back.blocks.names == tuple(getattr(block, "fragment", "") for block in page.blocks)  # for CS412
        for sent, arrived in zip(page.blocks, back.blocks):
            if getattr(sent, "later", None) is not None:  # rendered again with the downloads' sizes, here
                assert arrived.later == sent.later and arrived.fragment == sent.fragment
    edition = listing.timeline_pages(context, files)[0]
    assert any(getattr(block, "later", None) is not None for block in edition.blocks)  # the test saw one
