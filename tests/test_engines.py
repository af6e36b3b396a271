"""The plugin on another engine: the five-compact site builds with ProperDocs (the maintained drop-in fork
of MkDocs 1.6) in a venv of its own, and gives the same site as MkDocs, but for the generator tag.

ProperDocs answers `import mkdocs.*` with its own modules and reads plugins from the `mkdocs.plugins` entry
points, so the plugin needs no change; this test proves it on every run. The venv (.venv-properdocs/, git
ignores it) is made on first use (about 30 s) and kept while pyproject.toml is unchanged.
"""
from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from .conftest import ROOT, build_site, make_project

VENV = ROOT / ".venv-properdocs"
GENERATOR = b'<meta name="generator" content="'


def properdocs_venv() -> Path:
    """.venv-properdocs with ProperDocs and this package (its mkdocs-material), made when missing or stale."""
    stamp = VENV / ".installed"
    if not stamp.exists() or stamp.stat().st_mtime < (ROOT / "pyproject.toml").stat().st_mtime:
        shutil.rmtree(VENV, ignore_errors=True)
        subprocess.run([sys.executable, "-m", "venv", str(VENV)], check=True)
        pip = [str(VENV / "bin" / "python"), "-m", "pip", "install", "--quiet", "--disable-pip-version-check"]
        result = subprocess.run(pip + ["properdocs>=1.6,<2", "-e", str(ROOT)], capture_output=True, text=True)
        if result.returncode != 0:
            if os.environ.get("CI") == "true":
                pytest.fail(f"could not install ProperDocs:\n{result.stderr[-2000:]}")
            pytest.skip(f"could not install ProperDocs here (no package index?): {result.stderr[-300:]}")
        stamp.touch()
    return VENV / "bin" / "properdocs"


def without_generator(data: bytes) -> bytes:
    start = data.find(GENERATOR)
    return data if start < 0 else data[:start] + data[data.index(b">", start) + 1:]


def test_the_site_builds_the_same_with_properdocs(tmp_path):
    properdocs = properdocs_venv()
    (tmp_path / "mkdocs").mkdir()
    (tmp_path / "properdocs").mkdir()
    ours = build_site(make_project(tmp_path / "mkdocs", custom_dir=True), strict=True)
    config = make_project(tmp_path / "properdocs", custom_dir=True)
    env = dict(os.environ, NO_MKDOCS_2_WARNING="1", COMPACT_SITE_PROCESSES="1")
    result = subprocess.run([str(properdocs), "build", "--strict", "-f", str(config), "-d", str(tmp_path / "pd")],
                            capture_output=True, text=True, env=env, timeout=600)
    assert result.returncode == 0, result.stderr[-3000:]
    theirs = tmp_path / "pd"
    names = sorted(str(p.relative_to(ours)) for p in ours.rglob("*") if p.is_file())
    assert names == sorted(str(p.relative_to(theirs)) for p in theirs.rglob("*") if p.is_file())
    different = [name for name in names if name != "sitemap.xml.gz" and
                 without_generator((ours / name).read_bytes()) != without_generator((theirs / name).read_bytes())]
    assert different == []
    assert b"ProperDocs" in (theirs / "index.html").read_bytes()  # it really was the other engine
