"""Static files made by a second process (compact_site/background.py): same site, errors reported, paths known."""
from __future__ import annotations

import filecmp
from pathlib import Path

import pytest
from mkdocs.commands.build import build
from mkdocs.config import load_config
from mkdocs.exceptions import Abort

from compact_site import background
from compact_site.background import SecondProcess, worth_forking
from compact_site.links import Citations, LinkStyle
from compact_site.pages import static_files, static_paths
from compact_site.split_build import adopt

from .test_site_build import make_project


def _build(config_file: Path, site: Path, command: str | None) -> Path:
    config = load_config(str(config_file), site_dir=str(site), strict=True)
    # Always: MkDocs keeps plugin instances for the whole process, so an earlier test's command would stay.
    config.plugins.on_startup(command=command, dirty=False)
    build(config)
    return site


def _tree(site: Path) -> set[str]:
    return {str(path.relative_to(site)) for path in site.rglob("*") if path.is_file()}


@pytest.mark.parametrize("plugins", ["  - search\n  - compact\n",
                                     "  - search\n  - compact:\n      nav_compacts_limit: 2\n",
                                     "  - compact:\n      intranet: true\n"],
                         ids=["full-nav", "per-page-nav", "intranet-no-search"])
def test_forked_build_writes_the_same_site(tmp_path, monkeypatch, loaded_content, plugins):
    """Byte for byte, whichever process read or built a page. With a national register's per-page navigation
    too (the pages built elsewhere show the titles of pages read here), and without a search plugin."""
    config_file = make_project(tmp_path, custom_dir=True)
    config_file.write_text(config_file.read_text().replace("  - search\n  - compact\n", plugins))
    in_process = _build(config_file, tmp_path / "one", None)
    monkeypatch.setattr(background, "MIN_FILES", 0)  # the example site is below the national-scale threshold
    adopted: list[str] = []

    def counted(page, result, files):
        adopted.append(page.file.src_uri)
        return adopt(page, result, files)

    monkeypatch.setattr("compact_site.split_build.adopt", counted)
    forked = _build(config_file, tmp_path / "two", "build")
    # Each compact's glossary and register page, and the site's, were read by the second process.
    assert sorted(adopted) == sorted([f"{c.slug}/{name}" for c in loaded_content.compacts
                                      for name in ("glossary.md", "signatories.md")] + ["glossary.md",
                                                                                        "signatories.md"])
    assert _tree(in_process) == _tree(forked)
    identifier = [p for p in _tree(forked) if "/clause/" in p]
    assert len(identifier) >= 261
    _, mismatch, errors = filecmp.cmpfiles(in_process, forked, sorted(_tree(forked) - {"sitemap.xml.gz"}),
                                           shallow=False)
    assert not mismatch and not errors, mismatch[:5]


def test_a_failure_in_the_second_process_fails_the_build_with_its_traceback(tmp_path, monkeypatch, caplog):
    config_file = make_project(tmp_path, custom_dir=True)
    monkeypatch.setattr(background, "MIN_FILES", 0)

    def broken(*args, **kwargs):
        raise ValueError("exports exploded")

    monkeypatch.setattr("compact_site.plugin.files_without_concordance", broken)
    with pytest.raises(Abort):  # MkDocs logs a PluginError from on_post_build, then aborts
        _build(config_file, tmp_path / "site", "build")
    assert "making the identifier pages, registers and exports, or the pages built with them, failed" in caplog.text
    assert "ValueError: exports exploded" in caplog.text


def test_writer_reports_the_count_and_writes_utf8(tmp_path):
    writer = SecondProcess(lambda: [("a/b/c.html", "<p>Café</p>"), ("d.json", "{}")], tmp_path)
    assert writer.join() == 2
    assert (tmp_path / "a" / "b" / "c.html").read_text(encoding="utf-8") == "<p>Café</p>"


def test_forking_only_for_large_builds_not_under_serve():
    assert not worth_forking("serve", 10**6)
    assert not worth_forking("build", 10)
    assert not worth_forking(None, 10**6)


def test_static_paths_are_the_paths_static_files_writes(loaded_content):
    compacts = loaded_content.compacts
    for style in (LinkStyle(True, "https://example.org/"), LinkStyle(False, None)):
        made = static_files(compacts, style, "Site", loaded_content.glossary, Citations(compacts, loaded_content.glossary))
        assert static_paths(compacts) == [path for path, _ in made]
