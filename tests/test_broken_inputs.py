"""Every broken-input fixture gives exactly the coded, located messages written at its end.

Each file in ``tests/fixtures/broken/`` ends with one ``# expect: <message>`` line per problem. The test
loads it as ``compact-site validate`` would and compares the messages exactly; together the fixtures
cover every error code of the catalogue.
"""
from __future__ import annotations

import os
import subprocess
import sys
import time
from pathlib import Path

import pytest

from compact_site.cli.main import main as cli_main
from compact_site.content.loader import MAX_FILE_BYTES
from compact_site.content.site_loader import load_content
from compact_site.errors import CATALOGUE

FIXTURES = Path(__file__).parent / "fixtures"
BROKEN = sorted((FIXTURES / "broken").glob("*.yml"))
EXPECT = b"# expect: "


def expected_messages(path: Path) -> list[str]:
    return [line[len(EXPECT):].decode("utf-8") for line in path.read_bytes().splitlines() if line.startswith(EXPECT)]


def messages_for(paths: list[Path], cwd: Path) -> list[str]:
    here = os.getcwd()
    os.chdir(cwd)  # messages show paths relative to the working folder, as authors see them
    try:
        loaded = load_content([p.relative_to(cwd) for p in paths])
    finally:
        os.chdir(here)
    return [problem.headline() for problem in sorted(loaded.problems)]


def test_there_are_enough_fixtures():
    assert len({path.read_bytes() for path in BROKEN}) >= 40  # distinct inputs, not copies


@pytest.mark.parametrize("path", BROKEN, ids=lambda p: p.stem)
def test_validate_exits_1_quickly_without_traceback(path: Path, capsys):
    codes = {message.rsplit("[", 1)[1].rstrip("]") for message in expected_messages(path)}
    only_warnings = all(CATALOGUE[code].severity == "warning" for code in codes)  # these fail the strict build
    started = time.perf_counter()
    assert cli_main(["validate", str(path)] + (["--strict"] if only_warnings else [])) == 1
    assert time.perf_counter() - started < 1.0
    err = capsys.readouterr().err
    assert "Traceback" not in err and "\n    fix: " in err


def test_file_over_the_size_limit_is_refused_unread(tmp_path: Path):
    path = tmp_path / "huge.yml"
    minimal = (FIXTURES / "minimal.yml").read_text(encoding="utf-8").replace("slug: minimal", "slug: huge")
    path.write_text(minimal + "# " + "x" * MAX_FILE_BYTES + "\n", encoding="utf-8")
    started = time.perf_counter()
    assert messages_for([path], tmp_path) == ["huge.yml: the file is 5.0 MB; the limit is 5 MB [CS007]"]
    assert time.perf_counter() - started < 1.0


@pytest.mark.parametrize("encode", [lambda text: b"\xef\xbb\xbf" + text.encode("utf-8"),
                                    lambda text: text.replace("\n", "\r\n").encode("utf-8"),
                                    lambda text: b"\xef\xbb\xbf" + text.replace("\n", "\r\n").encode("utf-8")],
                         ids=["bom", "crlf", "bom-crlf"])
def test_bom_and_windows_line_ends_are_valid(tmp_path: Path, encode):
    path = tmp_path / "minimal.yml"
    path.write_bytes(encode((FIXTURES / "minimal.yml").read_text(encoding="utf-8")))
    loaded = load_content([path])
    assert not loaded.problems and loaded.compacts[0].slug == "minimal"
    assert loaded.compacts[0].line_of("slug") == 2  # line numbers survive both


@pytest.mark.parametrize("path", BROKEN, ids=lambda p: p.stem)
def test_fixture_gives_exact_messages(path: Path):
    expected = expected_messages(path)
    assert expected, f"{path.name} has no '# expect:' lines"
    assert messages_for([path], path.parent) == expected


def test_duplicate_slug_across_files():
    folder = FIXTURES / "duplicate-slug"
    assert messages_for([folder], folder.parent) == [
        "duplicate-slug/twin.yml:1: slug 'twin' is also used by duplicate-slug/twin.yaml [CS204]"]


def test_missing_path_is_reported_not_raised(tmp_path: Path):
    assert messages_for([tmp_path / "nowhere.yml"], tmp_path) == ["nowhere.yml: no such file or folder [CS006]"]


def test_every_error_code_is_exercised():
    seen = {message.rsplit("[", 1)[1].rstrip("]") for path in BROKEN for message in expected_messages(path)}
    seen |= {"CS204", "CS006"}  # covered by the two tests above
    seen |= {"CS007"}  # a 5 MB fixture would bloat the repository: test_file_over_the_size_limit_is_refused_unread
    seen |= {"CS407", "CS410"}  # arise only in hand-written Markdown pages: tests/test_site_pages.py
    seen |= {"CS408"}  # needs the site glossary: tests/test_glossary.py
    seen |= {"CS501", "CS502"}  # the anchor ledger, a folder-level file: tests/test_ledger.py
    seen |= {"CS412"}  # a link in a theme's page fragment: tests/test_fragments.py
    seen |= {"CS414"}  # needs a second compact, the successor: tests/test_edition_pages.py
    seen |= {"CS601"}  # a contact email in mkdocs.yml, not content: tests/test_format_contact.py
    seen |= {f"CS70{n}" for n in range(1, 9)}  # files handed to `import`: tests/test_import_files.py
    seen |= {f"CS80{n}" for n in range(1, 9)}  # editions, a folder of their own: tests/test_editions.py
    seen |= {"CS809", "CS810", "CS811"}  # an edition against the current text: tests/test_edition_history.py
    assert seen == set(CATALOGUE)


def test_every_problem_carries_a_fix():
    loaded = load_content(BROKEN)
    assert loaded.problems
    for problem in loaded.problems:
        assert "\n    fix: " in problem.format() and problem.entry.fix


@pytest.mark.parametrize("name", ["cs001-tab-indent", "cs005-python-tag", "cs004-latin1", "many-errors-at-once",
                                  "cs008-billion-laughs", "cs005-deep-nesting", "cs001-control-character"])
def test_cli_exits_1_with_no_traceback(name: str):
    path = FIXTURES / "broken" / f"{name}.yml"
    result = subprocess.run([sys.executable, "-m", "compact_site", "validate", str(path)],
                            capture_output=True, text=True, timeout=60)
    assert result.returncode == 1
    assert "Traceback" not in result.stderr
    for message in expected_messages(path):
        assert message.split(": ", 1)[1] in result.stderr


@pytest.mark.parametrize("slug", ["changes", "editions", "compare", "accessibility", "schema", "feed.xml",
                                  "compacts.json", "sandwell.html", "compacts.csv"])
def test_reserved_slugs_are_refused_at_their_line(tmp_path: Path, slug: str):
    """The site's own addresses (and, for editions, /changes/ and /editions/), and slugs ending like a file the
    site writes: a compact there would clash with it, so the file is refused, saying where."""
    path = tmp_path / f"{slug}.yml"  # a slug is its file's name
    path.write_text(f"title: T\nslug: {slug}\narea: A\nstatus: adopted\n", encoding="utf-8")
    assert messages_for([path], tmp_path) == [
        f"{slug}.yml:2: slug '{slug}' is reserved for the site's own pages [CS205]"]


def test_readme_names_every_reserved_slug():
    from compact_site.content.site_loader import RESERVED_ENDINGS, RESERVED_SLUGS

    readme = (Path(__file__).resolve().parent.parent / "README.md").read_text(encoding="utf-8")
    line = readme[readme.index("are reserved for the site's own pages") - 400:][:700]
    assert [name for name in RESERVED_SLUGS + RESERVED_ENDINGS if f"`{name}`" not in line] == []
