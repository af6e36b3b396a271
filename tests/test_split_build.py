"""The work a large build shares with other processes (background.py, split_build.py): pages read elsewhere
keep their warnings and errors, sharing happens only where it is safe, and loading in two processes gives the
same content. (The byte-identical site is checked in test_background.py.)"""
from __future__ import annotations

import logging
import os
import shutil
from pathlib import Path
from types import SimpleNamespace

import pytest
from mkdocs.commands.build import build
from mkdocs.config import load_config
from mkdocs.exceptions import Abort

from compact_site import background, content
from compact_site.background import map_in_two
from compact_site.content import load_content
from compact_site.split_build import pages_to_share
from compact_site.terms_adapter import TermAnnotator

from .conftest import CONTENT
from .test_site_build import make_project


def _build_split(config_file: Path, site: Path, monkeypatch) -> None:
    """A strict `mkdocs build` of the example site, split between processes as a national register's is."""
    monkeypatch.setattr(background, "MIN_FILES", 0)
    config = load_config(str(config_file), site_dir=str(site), strict=True)
    config.plugins.on_startup(command="build", dirty=False)
    build(config)


def _on_register_pages(monkeypatch, act) -> None:
    """Run ``act(src_uri)`` whenever a compact's register page is read (which happens in the other process)."""
    annotate = TermAnnotator.annotate

    def annotate_and_act(self, html, src_uri, url, files):
        if src_uri.endswith("/signatories.md"):
            act(src_uri)
        return annotate(self, html, src_uri, url, files)

    monkeypatch.setattr(TermAnnotator, "annotate", annotate_and_act)


def test_a_warning_while_reading_a_shared_page_fails_a_strict_build(tmp_path, monkeypatch, caplog, loaded_content):
    parent = os.getpid()
    seen_in: set[bool] = set()

    def warn(src_uri):
        seen_in.add(os.getpid() == parent)
        logging.getLogger("mkdocs.plugins.compact_site").warning(f"{src_uri}: made-up warning")

    _on_register_pages(monkeypatch, warn)
    with pytest.raises(Abort, match="warnings in strict mode"):
        _build_split(make_project(tmp_path), tmp_path / "site", monkeypatch)
    # Logged in the other process, written (and counted) once here, for each compact's register page.
    assert seen_in == set()  # the flag was set in the child, so the parent's set stays empty
    warned = [r.getMessage() for r in caplog.records if "made-up warning" in r.getMessage()]
    assert sorted(warned) == sorted(f"{c.slug}/signatories.md: made-up warning" for c in loaded_content.compacts)
    assert all(r.levelno == logging.WARNING for r in caplog.records if "made-up warning" in r.getMessage())


def test_a_failure_while_reading_a_shared_page_fails_the_build(tmp_path, monkeypatch, caplog):
    def explode(src_uri):
        raise ValueError(f"register exploded at {src_uri}")

    _on_register_pages(monkeypatch, explode)
    with pytest.raises(Abort):
        _build_split(make_project(tmp_path), tmp_path / "site", monkeypatch)
    # The page and the error, as MkDocs reports a page that fails to read in this process.
    assert "signatories.md: ValueError: register exploded at" in caplog.text


def _config(*plugins: str):
    from material.plugins.search.plugin import SearchPlugin
    from mkdocs.contrib.search import SearchPlugin as MkDocsSearch

    made = {"material/search": SearchPlugin, "search": MkDocsSearch}
    return SimpleNamespace(plugins={name: made.get(name, object)() for name in plugins})


def test_pages_are_shared_only_where_every_plugin_is_known():
    page = SimpleNamespace(file=SimpleNamespace(src_uri="a/glossary.md"))
    files = SimpleNamespace(documentation_pages=lambda: [
        SimpleNamespace(src_uri=f"{slug}/{name}", page=page) for slug in "ab" for name in ("glossary.md", "x.md")])
    assert len(pages_to_share(_config("material/search", "compact"), files, ["a", "b"], dirty=False)) == 2
    assert len(pages_to_share(_config("compact"), files, ["a", "b"], dirty=False)) == 2  # no search at all
    # A plugin we do not know might keep state from page events: it must see every page in this process.
    assert pages_to_share(_config("material/search", "compact", "tags"), files, ["a", "b"], dirty=False) == []
    assert pages_to_share(_config("material/search", "compact"), files, ["a", "b"], dirty=True) == []
    # MkDocs' own search (another theme) has no way to skip a page whose entries were made elsewhere.
    assert pages_to_share(_config("search", "compact"), files, ["a", "b"], dirty=False) == []


def test_loading_in_two_processes_gives_the_same_content(tmp_path, monkeypatch):
    folder = tmp_path / "content"
    shutil.copytree(CONTENT, folder)
    broken = Path(__file__).parent / "fixtures" / "broken"
    for fixture in sorted(broken.glob("*.yml"))[:6]:  # problems from both halves, in file order
        shutil.copy(fixture, folder / f"zz-{fixture.name}")
    monkeypatch.chdir(tmp_path)
    one = load_content([Path("content")])
    monkeypatch.setattr(content, "MIN_FILES_TO_SHARE", 0)
    two = load_content([Path("content")], may_share=True)
    assert [p.format() for p in two.problems] == [p.format() for p in one.problems]
    assert len(one.problems) >= 6
    assert [c.model_dump() for c in two.compacts] == [c.model_dump() for c in one.compacts]
    assert two.files == one.files and two.glossary == one.glossary and two.glossary_file == one.glossary_file
    # Line numbers travel with the models: messages about cross-references still point at the right line.
    clause = two.compacts[0].clauses()[0]
    assert clause.line and clause.line == one.compacts[0].clauses()[0].line


def test_map_in_two_keeps_order_and_redoes_a_failed_half():
    parent = os.getpid()
    assert map_in_two(lambda n: n * n, list(range(50))) == [n * n for n in range(50)]

    def fails_in_the_child(n):
        if os.getpid() != parent:
            raise RuntimeError("child broke")
        return -n

    assert map_in_two(fails_in_the_child, list(range(9))) == [-n for n in range(9)]
    assert map_in_two(str, []) == []


def test_a_warning_while_building_a_shared_page_fails_a_strict_build(tmp_path, monkeypatch, caplog, loaded_content):
    """The pages read elsewhere are built (templated and written) there too: what that logs counts here."""
    from compact_site.plugin import CompactPlugin

    post_page = CompactPlugin.on_post_page

    def warn_when_built(self, output, *, page, config):
        if page.file.src_uri.endswith("/signatories.md") and output.strip():  # here, such pages render empty
            logging.getLogger("mkdocs.plugins.compact_site").warning(f"{page.file.src_uri}: built elsewhere")
        return post_page(self, output, page=page, config=config)

    monkeypatch.setattr(CompactPlugin, "on_post_page", warn_when_built)
    caplog.set_level(logging.INFO)
    with pytest.raises(Abort, match="warnings in strict mode"):
        _build_split(make_project(tmp_path), tmp_path / "site", monkeypatch)
    warned = sorted(r.getMessage() for r in caplog.records if "built elsewhere" in r.getMessage())
    assert warned == sorted(f"{c.slug}/signatories.md: built elsewhere" for c in loaded_content.compacts)
    assert "Page skipped" not in caplog.text  # MkDocs' note on the empty pages here is not shown


def test_without_a_second_process_the_build_makes_everything_itself(tmp_path, monkeypatch):
    """Should forking fail (no memory or processes left), the build goes on in one process: the same site."""
    config_file = make_project(tmp_path)
    _build_split(config_file, tmp_path / "split", monkeypatch)

    def no_fork():
        raise OSError(12, "Cannot allocate memory")

    monkeypatch.setattr(background.os, "fork", no_fork)
    _build_split(config_file, tmp_path / "alone", monkeypatch)
    made = {p.relative_to(tmp_path / "split") for p in (tmp_path / "split").rglob("*") if p.is_file()}
    assert made == {p.relative_to(tmp_path / "alone") for p in (tmp_path / "alone").rglob("*") if p.is_file()}
    for path in made - {Path("sitemap.xml.gz")}:
        assert (tmp_path / "split" / path).read_bytes() == (tmp_path / "alone" / path).read_bytes(), path


def test_after_a_build_the_collector_works_again(tmp_path, monkeypatch):
    """`mkdocs build` pauses the collector; a script or test that called build() must get it back."""
    import gc

    _build_split(make_project(tmp_path), tmp_path / "site", monkeypatch)
    assert gc.isenabled()


def test_map_in_two_stops_its_child_when_its_own_half_fails(monkeypatch):
    forked, fork = [], os.fork

    def recorded_fork():
        pid = fork()
        forked.append(pid)
        return pid

    monkeypatch.setattr(background.os, "fork", recorded_fork)

    def fails_here(n):
        if n == 0:
            raise KeyError("here")
        return n

    with pytest.raises(KeyError):
        map_in_two(fails_here, list(range(10)))
    assert len(forked) == 1
    with pytest.raises(ChildProcessError):  # killed and reaped: no child left behind
        os.waitpid(forked[0], os.WNOHANG)
