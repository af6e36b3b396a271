"""Real MkDocs builds into tmp_path, asserting on the HTML (in-process, like MkDocs' own tests)."""
from __future__ import annotations

import logging
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from mkdocs.commands.build import build
from mkdocs.config import load_config
from mkdocs.exceptions import Abort

from compact_site.model.references import clause_anchor

from .conftest import CONTENT, ROOT, build_site, make_project  # noqa: F401 (others import them from here too)

MINIMAL = (ROOT / "tests" / "fixtures" / "minimal.yml").read_text(encoding="utf-8")


@pytest.fixture(scope="module")
def built_site(tmp_path_factory):
    return build_site(make_project(tmp_path_factory.mktemp("site"), custom_dir=True), strict=True)


def test_every_clause_of_every_compact_has_its_anchor(built_site, loaded_content):
    assert len(loaded_content.compacts) == 5
    for compact in loaded_content.compacts:
        html = (built_site / compact.slug / "index.html").read_text(encoding="utf-8")
        missing = [node.id for node in compact.citable() if f'id="{clause_anchor(node.id)}"' not in html]
        assert not missing, f"{compact.slug}: no anchor for {missing}"


def test_compact_sources_are_not_published(built_site):
    assert not list(built_site.rglob("*.yml")) and not list(built_site.rglob("*.yaml"))


def test_home_lists_every_compact(built_site, loaded_content):
    home = (built_site / "index.html").read_text(encoding="utf-8")
    for compact in loaded_content.compacts:
        assert f'href="{compact.slug}/"' in home


def test_build_without_custom_dir_still_publishes_compacts(tmp_path):
    site = build_site(make_project(tmp_path, {"minimal.yml": MINIMAL}), strict=True)
    assert 'id="clause-1.1"' in (site / "minimal" / "index.html").read_text(encoding="utf-8")


def test_cross_reference_becomes_a_citation_link(tmp_path):
    other = MINIMAL.replace("slug: minimal", "slug: other").replace("Work together.", "As [[minimal:1.1]] says.")
    site = build_site(make_project(tmp_path, {"minimal.yml": MINIMAL, "other.yml": other}), strict=True)
    html = (site / "other" / "index.html").read_text(encoding="utf-8")
    assert '<a href="../minimal/#clause-1.1">Testshire 1.1</a>' in html


def test_dangling_reference_fails_strict_build_naming_file_and_line(tmp_path, caplog):
    text = MINIMAL.replace("Work together.", "Work together, as [[9.9]] says.")
    config = make_project(tmp_path, {"minimal.yml": text})
    with caplog.at_level(logging.WARNING), pytest.raises(Abort):
        build_site(config, strict=True)
    assert "content/minimal.yml:15: clause '1.1': reference [[9.9]]: no clause '9.9' in 'minimal' [CS401]" in caplog.text


def test_structural_error_stops_before_anything_is_written(tmp_path, caplog):
    config = make_project(tmp_path, {"minimal.yml": MINIMAL.replace("status: adopted", "status: final")})
    old_site = tmp_path / "site"
    old_site.mkdir()
    (old_site / "index.html").write_text("previous site", encoding="utf-8")
    with caplog.at_level(logging.ERROR), pytest.raises(Abort):  # MkDocs logs the PluginError, then aborts
        build_site(config)
    assert "content/minimal.yml:5: status: 'final' is not allowed" in caplog.text
    assert "nothing was built" in caplog.text
    assert (old_site / "index.html").read_text(encoding="utf-8") == "previous site"


def test_mkdocs_command_line_reports_errors_without_traceback(tmp_path):
    config = make_project(tmp_path, {"minimal.yml": MINIMAL.replace("title: Minimal", "titel: Minimal")})
    result = subprocess.run([sys.executable, "-m", "mkdocs", "build", "-f", str(config)], capture_output=True,
                            text=True, cwd=tmp_path, timeout=120, env={"NO_MKDOCS_2_WARNING": "1", "PATH": ""})
    assert result.returncode == 1
    assert "Traceback" not in result.stderr
    assert "content/minimal.yml:3: unknown key 'titel' (did you mean 'title'?) [CS101]" in result.stderr


def test_built_site_carries_every_source_sentence_and_no_artefacts(built_site, capsys):
    """The issue's bar: fidelity.py --min 1.0 with the garbage list passes on the real site."""
    from .test_source_fidelity import _fidelity

    fidelity = _fidelity()
    code = fidelity.main(["--site", str(built_site), "--sources", str(ROOT.parent / "shared" / "source-documents"),
                          "--min", "1.0", "--ignore", str(ROOT / "tests" / "fidelity-ignore.txt")])
    report = capsys.readouterr().out
    assert code == 0, report
    assert "fidelity: 100.0% overall" in report
