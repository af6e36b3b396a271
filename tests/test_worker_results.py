"""A worker's big result comes back through a temporary file (runtime/background.py), which is removed once taken,
or when the worker is closed without taking it; small results come through the pool's pipe."""
from __future__ import annotations

import glob
import os

import pytest

from compact_site.runtime import background
from compact_site.runtime.background import Worker, spill_dir

from .conftest import needs_fork


def _spilled() -> set[str]:
    return set(glob.glob(os.path.join(spill_dir(), "compact-site-*.pickle")))


@needs_fork
def test_a_big_result_comes_through_a_file_removed_once_taken(monkeypatch):
    monkeypatch.setattr(background, "SPILL_BYTES", 1000)
    before = _spilled()
    worker = Worker([lambda: ["x" * 600, "y" * 600], lambda: 5])
    assert worker.forked
    worker._futures[1].result()  # both done, neither taken
    waiting = _spilled() - before
    assert len(waiting) == 1  # the big one; 5 came through the pipe
    assert worker.results() == [["x" * 600, "y" * 600], 5]
    assert not (_spilled() - before) and not any(os.path.exists(path) for path in waiting)


@needs_fork
def test_a_result_never_taken_leaves_no_file(monkeypatch):
    monkeypatch.setattr(background, "SPILL_BYTES", 1000)
    before = _spilled()
    worker = Worker([lambda: "z" * 5000])
    worker._futures[0].result()
    assert len(_spilled() - before) == 1
    worker.close()
    assert not (_spilled() - before)


@pytest.mark.unit
def test_static_files_are_written_with_their_folders_and_sizes(tmp_path):
    """The one writer of the identifier pages, exports and downloads (in the worker, or in one process): each
    file's folders made, its bytes as UTF-8, its size in bytes as written; existing folders and files are fine."""
    from compact_site.plugin.split_build import write_files

    (tmp_path / "sandwell").mkdir()
    (tmp_path / "sandwell" / "old.txt").write_text("stale", encoding="utf-8")
    files = [("sandwell/clause/4.2/index.html", "<p>Cl\u00e1usula 4.2 – ok</p>"), ("sandwell/old.txt", "new"),
             ("a/b/c/d.json", "{}"), ("top.csv", "x" * 70000)]
    sizes = write_files(tmp_path, files)
    for path, text in files:
        assert (tmp_path / path).read_bytes() == text.encode("utf-8")
        assert sizes[path] == len(text.encode("utf-8"))
    assert sizes["sandwell/clause/4.2/index.html"] > len(files[0][1])  # bytes, not characters
