"""Strict means strict: every warning the plugin or its worker process logs (background.py, split_build.py) is
logged here and fails a strict build, at any verbosity; work done in a worker gives the same results."""
from __future__ import annotations

import logging
import os
import shutil
import subprocess
import sys
import time
from pathlib import Path

import pytest
from mkdocs.commands.build import build
from mkdocs.config import load_config
from mkdocs.exceptions import Abort

from compact_site.content import site_loader as content
from compact_site.content.site_loader import load_content
from compact_site.runtime import background
from compact_site.runtime.background import Worker, WorkerFailed, map_in_two

from .conftest import CONTENT, ROOT, make_project, needs_fork

WORK = {  # each kind of work a worker does: where to inject a warning
    "identifier pages": "compact_site.pages.listing.identifier_pages",
    "register downloads": "compact_site.pages.listing.register_downloads",
    "exports": "compact_site.exports.export_files",
    "compare data": "compact_site.pages.listing.compare_scripts",
    "loading": "compact_site.content.site_loader._load_one",
}


def _build_split(config_file: Path, site: Path, monkeypatch, quiet: bool = False) -> None:
    """A strict `mkdocs build` of the example site, split between processes as a national register's is;
    ``quiet``: as `mkdocs build -q` sets MkDocs' logger."""
    monkeypatch.setattr(background, "MIN_FILES", 0)
    monkeypatch.setattr(content, "MIN_FILES_TO_SHARE", 0)
    config = load_config(str(config_file), site_dir=str(site), strict=True)
    config.plugins.on_startup(command="build", dirty=False)
    logger = logging.getLogger("mkdocs")
    level = logger.level
    if quiet:
        logger.setLevel(logging.ERROR)
    try:
        build(config)
    finally:
        logger.setLevel(level)


def _warn_in_worker(monkeypatch, target: str, kind: str) -> int:
    """``target`` logs a warning when called in another process than this one; returns this one's id."""
    parent = os.getpid()
    module, name = target.rsplit(".", 1)
    original = getattr(sys.modules[module] if module in sys.modules else __import__(module, fromlist=[name]), name)

    def warned(*args, **kwargs):
        if os.getpid() != parent:
            logging.getLogger("mkdocs.plugins.compact_site").warning(f"{kind}: made-up warning in {os.getpid()}")
        return original(*args, **kwargs)

    monkeypatch.setattr(target, warned)
    return parent


@needs_fork
@pytest.mark.parametrize("kind, quiet", [(kind, False) for kind in WORK] + [("identifier pages", True),
                                                                            ("loading", True)])
def test_a_warning_in_any_work_of_the_worker_fails_a_strict_build(tmp_path, monkeypatch, caplog, kind, quiet):
    parent = _warn_in_worker(monkeypatch, WORK[kind], kind)
    with pytest.raises(Abort, match="warnings? in strict mode") as aborted:
        _build_split(make_project(tmp_path), tmp_path / "site", monkeypatch, quiet)
    if quiet:  # not shown, so MkDocs did not count them: the plugin did, and says what they were
        assert f"{kind}: made-up warning in" in str(aborted.value)
        assert "compact plugin" in str(aborted.value)
    else:  # shown here (once each) and counted by MkDocs itself
        warned = [r for r in caplog.records if "made-up warning" in r.getMessage()]
        assert warned and all(r.levelno == logging.WARNING for r in warned)
        assert all(r.process == parent for r in warned)  # logged again by this process...
        assert all(r.getMessage().split()[-1] != str(parent) for r in warned)  # ...made by another
        assert "compact plugin" not in str(aborted.value)  # one message: MkDocs'


def _ledger_with_a_gone_anchor(tmp_path: Path) -> Path:
    config_file = make_project(tmp_path)
    with (tmp_path / "content" / "published-anchors.txt").open("a", encoding="utf-8") as ledger:
        ledger.write("sandwell/#clause-zz-gone sandwell/clause/zz-gone/\n")
    return config_file


@pytest.mark.parametrize("quiet", [False, True], ids=["default", "quiet"])
def test_a_plugin_warning_fails_a_strict_build_at_any_verbosity(tmp_path, monkeypatch, caplog, quiet):
    """A dangling ledger anchor (a warning logged in on_config): MkDocs aborts on it itself, except under -q,
    where the plugin does, naming it. Never both."""
    with pytest.raises(Abort) as aborted:
        _build_split(_ledger_with_a_gone_anchor(tmp_path), tmp_path / "site", monkeypatch, quiet)
    message = str(aborted.value)
    if quiet:
        assert message.startswith("Aborted with 1 warning in strict mode (the compact plugin's")
        assert "sandwell/#clause-zz-gone" in message and "[CS501]" in message
    else:
        assert message == "Aborted with 1 warnings in strict mode!"  # MkDocs' own


def test_mkdocs_build_strict_quiet_fails_on_a_plugin_warning(tmp_path):
    """The command line as a council runs it: `mkdocs build --strict -q` with a dangling ledger anchor."""
    config_file = _ledger_with_a_gone_anchor(tmp_path)
    env = dict(os.environ, NO_MKDOCS_2_WARNING="1", PYTHONPATH=str(ROOT))
    done = subprocess.run([sys.executable, "-m", "mkdocs", "build", "--strict", "-q", "-f", str(config_file)],
                          cwd=tmp_path, env=env, capture_output=True, text=True, timeout=300)
    assert done.returncode == 1, done.stderr
    assert "Aborted with 1 warning in strict mode" in done.stderr + done.stdout
    assert "sandwell/#clause-zz-gone" in done.stderr + done.stdout


@needs_fork
def test_a_worker_returns_results_in_order_with_its_log_lines(caplog):
    parent = os.getpid()

    def task(n):
        logging.getLogger("mkdocs.plugins.compact_site").info(f"task {n} in {os.getpid()}")
        logging.getLogger("elsewhere").warning(f"root-ward {n}")
        return n * n

    caplog.set_level(logging.INFO)
    worker = Worker([lambda n=n: task(n) for n in range(4)])
    assert worker.forked
    assert worker.results() == [0, 1, 4, 9]
    lines = [r.getMessage() for r in caplog.records]
    assert [line.rsplit(" in ", 1)[0] for line in lines if line.startswith("task")] == [f"task {n}" for n in range(4)]
    assert all(line.rsplit(" ", 1)[1] != str(parent) for line in lines if line.startswith("task"))
    # A logger outside MkDocs' is logged again under the plugin's, so MkDocs shows and counts it.
    assert {r.name for r in caplog.records if r.getMessage().startswith("root-ward")} == {"mkdocs.plugins.compact_site"}


@needs_fork
def test_a_failing_task_reports_its_traceback_and_log_lines():
    def task():
        logging.getLogger("mkdocs.plugins.compact_site").warning("before the fall")
        raise ValueError("fell")

    worker = Worker([lambda: 1, task])
    with pytest.raises(WorkerFailed, match="ValueError: fell") as failed:
        worker.results()
    assert [message for _, _, message in failed.value.records] == ["before the fall"]


@needs_fork
def test_a_first_result_is_taken_while_later_tasks_run(tmp_path):
    """The build takes the downloads' sizes (the first task) while the worker goes on with the rest."""
    release = tmp_path / "release"

    def slow():
        while not release.exists():  # runs until this process, having the first result, says so
            time.sleep(0.01)
        return "rest"

    worker = Worker([lambda: {"sandwell/compact.json": 118}, slow])
    assert worker.forked
    assert worker.result(0) == {"sandwell/compact.json": 118}
    release.touch()
    assert worker.results() == [{"sandwell/compact.json": 118}, "rest"]


def test_without_fork_a_worker_runs_its_tasks_here():
    assert Worker([lambda: os.getpid()], fork=False).results() == [os.getpid()]


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


@needs_fork
def test_loading_in_two_processes_gives_the_same_editions(tmp_path, monkeypatch):
    """Frozen editions are loaded with the current files, by either process (content/editions.py): the same
    texts, problems and files checked, in the same order."""
    folder = tmp_path / "content"
    shutil.copytree(ROOT / "tests" / "fixtures" / "editions" / "content", folder)
    edited = folder / "editions" / "riverside" / "2016-09-01.yml"  # the last item: the worker's share
    edited.write_bytes(edited.read_bytes() + b"# tidied later\n")
    (folder / "editions" / "riverside" / "2020-01-01.yml").write_text("slug: riverside\n", encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    one = load_content([Path("content")])
    monkeypatch.setattr(content, "MIN_FILES_TO_SHARE", 0)
    two = load_content([Path("content")], may_share=True)
    assert [p.format() for p in two.problems] == [p.format() for p in one.problems]
    assert [p.code for p in one.problems] == ["CS805", "CS808"]
    assert two.checked == one.checked and len(one.checked) == 4
    assert two.frozen() == one.frozen() and [date for date, *_ in one.frozen()["riverside"]] == ["2012-04-01",
                                                                                                 "2016-09-01"]


@needs_fork
def test_map_in_two_keeps_order_and_redoes_a_failed_half():
    parent = os.getpid()
    assert map_in_two(lambda n: n * n, list(range(50))) == [n * n for n in range(50)]

    def fails_in_the_worker(n):
        if os.getpid() != parent:
            raise RuntimeError("worker broke")
        return -n

    assert map_in_two(fails_in_the_worker, list(range(9))) == [-n for n in range(9)]
    assert map_in_two(str, []) == []


@needs_fork
def test_map_in_two_stops_its_worker_when_its_own_half_fails(monkeypatch):
    forked, fork = [], os.fork

    def recorded_fork():
        pid = fork()
        if pid:
            forked.append(pid)
        return pid

    monkeypatch.setattr(os, "fork", recorded_fork)

    def fails_here(n):
        if n == 0:
            raise KeyError("here")
        return n

    with pytest.raises(KeyError):
        map_in_two(fails_here, list(range(10)))
    assert len(forked) == 1
    with pytest.raises(ChildProcessError):  # ended and reaped: no process left behind
        os.waitpid(forked[0], os.WNOHANG)
