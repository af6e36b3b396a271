"""``compact-site build``: a failed build never touches the site that is there; a good one replaces it whole."""
from __future__ import annotations

from pathlib import Path

import pytest

from compact_site.cli.main import main

from .test_site_build import MINIMAL, make_project


def snapshot(folder: Path) -> dict[str, bytes]:
    return {str(p.relative_to(folder)): p.read_bytes() for p in sorted(folder.rglob("*")) if p.is_file()}


def leftovers(project: Path) -> list[str]:
    return sorted(p.name for p in project.iterdir() if p.name.startswith(".site."))


@pytest.fixture()
def built_project(tmp_path: Path) -> Path:
    config = make_project(tmp_path, {"minimal.yml": MINIMAL})
    assert main(["build", "--config", str(config), "--strict"]) == 0
    (tmp_path / "site" / "published-marker.txt").write_text("the site as it was", encoding="utf-8")
    return config


def test_build_succeeds_and_swaps_in(built_project: Path):
    site = built_project.parent / "site"
    assert 'id="clause-1.1"' in (site / "minimal" / "index.html").read_text(encoding="utf-8")
    content = built_project.parent / "content" / "minimal.yml"
    content.write_text(MINIMAL.replace("Work together.", "Work together always."), encoding="utf-8")
    assert main(["build", "-f", str(built_project)]) == 0
    assert "Work together always." in (site / "minimal" / "index.html").read_text(encoding="utf-8")
    assert not (site / "published-marker.txt").exists()  # replaced whole, not merged
    assert leftovers(built_project.parent) == []


@pytest.mark.parametrize("breakage", [
    lambda text: text.replace("Work together.", "Work together, as [[9.9]] says."),  # a warning: strict fails
    lambda text: text.replace("status: adopted", "status: final"),  # a content error
    lambda text: text.replace("area: Testshire", "area:\tTestshire\n\tx: 1"),  # YAML syntax
])
def test_failed_build_leaves_the_previous_site_untouched(built_project: Path, breakage, capsys):
    site = built_project.parent / "site"
    before = snapshot(site)
    content = built_project.parent / "content" / "minimal.yml"
    content.write_text(breakage(MINIMAL), encoding="utf-8")
    assert main(["build", "--config", str(built_project), "--strict"]) == 1
    assert snapshot(site) == before
    assert leftovers(built_project.parent) == []
    assert "was left as it was" in capsys.readouterr().err


def test_missing_config_is_reported(tmp_path: Path, capsys):
    assert main(["build", "--config", str(tmp_path / "nowhere.yml")]) == 1
    assert "nowhere.yml" in capsys.readouterr().err and not (tmp_path / "site").exists()


def test_first_build_creates_the_site(tmp_path: Path):
    config = make_project(tmp_path, {"minimal.yml": MINIMAL})
    assert main(["build", "--config", str(config)]) == 0
    assert (tmp_path / "site" / "index.html").is_file() and leftovers(tmp_path) == []
