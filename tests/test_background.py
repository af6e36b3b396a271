"""Where a build's work runs (compact_site/runtime/background.py): the same site whether a worker process loaded part of
the content and made the static files or everything ran in one process; nothing is forked where that is unsafe
or unavailable; the garbage collector is as before once a build ends."""
from __future__ import annotations

import filecmp
import re
import gc
import os
import threading
from pathlib import Path

import pytest
from mkdocs.commands.build import build
from mkdocs.config import load_config
from mkdocs.exceptions import Abort

from compact_site.content import site_loader as content
from compact_site.core.citations import LinkStyle
from compact_site.core.context import BuildContext
from compact_site.pages.listing import static_files, static_paths
from compact_site.render.downloads import format_size
from compact_site.runtime import background
from compact_site.runtime.background import fork_refused, worth_forking

from .conftest import make_project, needs_fork


def _build(config_file: Path, site: Path, command: str | None = "build") -> Path:
    config = load_config(str(config_file), site_dir=str(site), strict=True)
    # Always: MkDocs keeps plugin instances for the whole process, so an earlier test's command would stay.
    config.plugins.on_startup(command=command, dirty=False)
    build(config)
    return site


def _tree(site: Path) -> set[str]:
    return {str(path.relative_to(site)) for path in site.rglob("*") if path.is_file()}


def _small_site_forks(monkeypatch) -> None:
    """The example site is below both national-scale thresholds: lower them. (And one build date for all.)"""
    monkeypatch.setattr(background, "MIN_FILES", 0)
    monkeypatch.setattr(content, "MIN_FILES_TO_SHARE", 0)
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1763856000")


def _record_pids(monkeypatch, log: Path) -> None:
    """Each process that makes identifier pages or loads a compact file adds its id to ``log`` (forked processes
    share no memory with this one, but the file)."""
    import compact_site.pages.listing as pages

    def recorded(func, kind):
        def wrapper(*args, **kwargs):
            with log.open("a", encoding="utf-8") as out:
                out.write(f"{kind} {os.getpid()}\n")
            return func(*args, **kwargs)
        return wrapper

    monkeypatch.setattr(pages, "identifier_pages", recorded(pages.identifier_pages, "identifier"))
    monkeypatch.setattr(content, "_load_one", recorded(content._load_one, "load"))


def _no_fork(monkeypatch) -> None:
    def forbidden():
        raise AssertionError("forked")

    monkeypatch.setattr(os, "fork", forbidden)


def _same_site(one: Path, two: Path) -> None:
    """Every file of both builds, byte for byte (built with SOURCE_DATE_EPOCH set: sitemap.xml.gz has a date)."""
    assert _tree(one) == _tree(two)
    compared = sorted(_tree(two))
    match, mismatch, errors = filecmp.cmpfiles(one, two, compared, shallow=False)
    assert not mismatch and not errors, (mismatch[:5], errors[:5])
    assert match == compared  # every file was compared, and each is the same


@needs_fork
@pytest.mark.parametrize("plugins", ["  - search\n  - compact\n",
                                     "  - search\n  - compact:\n      nav_compacts_limit: 2\n",
                                     "  - compact:\n      intranet: true\n"],
                         ids=["full-nav", "per-page-nav", "intranet-no-search"])
def test_a_worker_process_makes_the_same_site(tmp_path, monkeypatch, plugins):
    """COMPACT_SITE_PROCESSES=1 builds in one process; without it a worker loads part of the content and makes
    the static files: byte for byte the same site."""
    config_file = make_project(tmp_path, custom_dir=True)
    config_file.write_text(config_file.read_text().replace("  - search\n  - compact\n", plugins))
    _small_site_forks(monkeypatch)
    pids = tmp_path / "pids"
    _record_pids(monkeypatch, pids)
    with monkeypatch.context() as alone:
        alone.setenv("COMPACT_SITE_PROCESSES", "1")
        _no_fork(alone)
        one = _build(config_file, tmp_path / "one")
    assert {line.split()[1] for line in pids.read_text().splitlines()} == {str(os.getpid())}
    pids.unlink()
    forked = _build(config_file, tmp_path / "two")
    made = [line.split() for line in pids.read_text().splitlines()]
    assert {kind for kind, pid in made if pid != str(os.getpid())} == {"identifier", "load"}  # both by a worker
    assert "load" in {kind for kind, pid in made if pid == str(os.getpid())}  # and part of the loading here
    assert len([p for p in _tree(forked) if "/clause/" in p]) >= 261
    _same_site(one, forked)
    _sizes_are_those_written(forked)


_DOWNLOAD_RE = re.compile(r'<li><a href="([^"]+)">[^<]+</a> – [^<]+, <span class="compact-downloads__size">([^<]+)</span>')


def _sizes_are_those_written(site: Path) -> None:
    """Each compact page lists its four downloads with the size of the file beside it, as written."""
    pages = [page for page in site.glob("*/index.html") if "compact-downloads" in page.read_text(encoding="utf-8")]
    assert len(pages) == 5
    for page in pages:
        shown = _DOWNLOAD_RE.findall(page.read_text(encoding="utf-8"))
        assert [href for href, _ in shown] == ["compact.json", "compact.akn.xml", "signatories.csv",
                                               "signatories.json"]
        for href, size in shown:
            assert size == format_size((page.parent / href).stat().st_size), (page, href)


def _start_thread():
    stop = threading.Event()
    thread = threading.Thread(target=stop.wait, name="a neighbour")
    thread.start()
    return lambda: (stop.set(), thread.join())


@pytest.mark.parametrize("why", ["one core", "macOS", "Windows", "a thread", "another plugin", "the variable"])
def test_where_forking_is_unsafe_or_unavailable_the_build_runs_in_one_process(tmp_path, monkeypatch, why):
    config_file = make_project(tmp_path)
    _small_site_forks(monkeypatch)
    _no_fork(monkeypatch)  # any attempt fails the build
    stop = None
    if why == "one core":
        monkeypatch.setattr(background, "_usable_cores", lambda: 1)
    elif why in ("macOS", "Windows"):
        monkeypatch.setattr(background, "_platform", lambda: {"macOS": "darwin", "Windows": "win32"}[why])
    elif why == "another plugin":  # one whose state a forked copy might trip on
        config_file.write_text(config_file.read_text().replace("  - compact\n", "  - tags\n  - compact\n"))
    elif why == "the variable":
        monkeypatch.setenv("COMPACT_SITE_PROCESSES", "1")
    else:
        stop = _start_thread()
    try:
        site = _build(config_file, tmp_path / "site")
    finally:
        if stop:
            stop()
    assert len([p for p in _tree(site) if "/clause/" in p]) >= 261


def test_fork_refused_says_why(monkeypatch):
    monkeypatch.delenv("COMPACT_SITE_PROCESSES", raising=False)
    monkeypatch.setattr(background, "_usable_cores", lambda: 2)
    monkeypatch.setattr(background, "_platform", lambda: "linux")
    assert fork_refused("build", ["search", "compact"]) is None
    assert "serve" in fork_refused("serve", ["compact"])
    assert fork_refused(None) is not None  # a script or test that does not say `build`
    assert "tags" in fork_refused("build", ["search", "tags", "compact"])
    monkeypatch.setenv("COMPACT_SITE_PROCESSES", "1")
    assert fork_refused("build") == "COMPACT_SITE_PROCESSES=1"
    monkeypatch.setenv("COMPACT_SITE_PROCESSES", "2")
    assert fork_refused("build") is None
    monkeypatch.setattr(background, "_platform", lambda: "darwin")
    assert "darwin" in fork_refused("build")
    monkeypatch.setattr(background, "_platform", lambda: "linux")
    stop = _start_thread()
    try:
        assert "1 other thread running" in fork_refused("build")
    finally:
        stop()
    assert worth_forking(background.MIN_FILES) and not worth_forking(background.MIN_FILES - 1)


@needs_fork
def test_a_failure_in_the_worker_fails_the_build_with_its_traceback(tmp_path, monkeypatch, caplog):
    config_file = make_project(tmp_path)
    _small_site_forks(monkeypatch)

    def broken(*args, **kwargs):
        raise ValueError("exports exploded")

    monkeypatch.setattr("compact_site.exports.export_files", broken)
    with pytest.raises(Abort):  # MkDocs logs a PluginError from on_post_build, then aborts
        _build(config_file, tmp_path / "site")
    assert "making the identifier pages, registers, exports and compare data failed" in caplog.text
    assert "ValueError: exports exploded" in caplog.text


@needs_fork
def test_when_no_process_can_be_started_the_build_makes_everything_itself(tmp_path, monkeypatch):
    """Should forking fail (no memory or processes left), the build goes on in one process: the same site."""
    config_file = make_project(tmp_path)
    _small_site_forks(monkeypatch)
    split = _build(config_file, tmp_path / "split")

    def no_memory():
        raise OSError(12, "Cannot allocate memory")

    monkeypatch.setattr(os, "fork", no_memory)
    _same_site(split, _build(config_file, tmp_path / "alone"))


@pytest.mark.parametrize("fails", [False, True], ids=["built", "failed"])
@pytest.mark.parametrize("frozen", [False, True], ids=["nothing-frozen", "frozen-before"])
def test_after_a_build_the_collector_is_as_before(tmp_path, monkeypatch, fails, frozen):
    """`mkdocs build` pauses the collector and freezes the content; a script or test that called build() gets
    it back as it was, whether the build succeeded or not, and whether it had frozen objects itself."""
    config_file = make_project(tmp_path)
    _small_site_forks(monkeypatch)
    if fails:
        def broken(*args, **kwargs):
            raise ValueError("identifier pages exploded")

        monkeypatch.setattr("compact_site.pages.listing.identifier_pages", broken)
    if frozen:
        gc.freeze()
    try:
        before = gc.get_freeze_count()
        assert gc.isenabled()
        try:
            _build(config_file, tmp_path / "site")
        except (Abort, ValueError):  # from the worker (on_post_build), or raised here in one process
            assert fails
        assert gc.isenabled()
        # Nothing left frozen by the build (what was frozen before may have been freed meanwhile).
        assert gc.get_freeze_count() <= before if frozen else gc.get_freeze_count() == 0
    finally:
        gc.unfreeze()


def test_static_paths_are_the_paths_static_files_writes(loaded_content):
    compacts = loaded_content.compacts
    for style in (LinkStyle(True, "https://example.org/"), LinkStyle(False, None)):
        made = static_files(BuildContext(compacts, loaded_content.glossary, style), "Site")
        assert static_paths(BuildContext(compacts)) == [path for path, _ in made]
