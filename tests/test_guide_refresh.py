"""Part 8 of the guide (refresh a compact) against its worked example, the fictional Riverside Compact in
tests/fixtures/editions/content/ (never on the public site), so the page cannot drift from the files or the program:

- every piece of YAML it quotes, and the record it shows, is in the example's files;
- its `edition freeze` commands, run on the example's earlier texts, make the example's frozen editions byte for
  byte, and print what the page shows;
- the example validates with no error and no warning, as the page says;
- each mistake the page shows (CS811, CS809, CS805), made on a copy of the example, gives the lines it quotes.
"""
from __future__ import annotations

import re
import shlex
import shutil
from pathlib import Path

import pytest

from compact_site.cli.main import main
from compact_site.content.site_loader import load_content

ROOT = Path(__file__).resolve().parent.parent
PAGE = ROOT / "guide" / "8-refresh-a-compact.md"
EXAMPLE = ROOT / "tests" / "fixtures" / "editions" / "content"
FOLDER = EXAMPLE / "editions" / "riverside"
FENCE = re.compile(r"^( *)```(\w*)\n(.*?)^\1```", re.MULTILINE | re.DOTALL)
# The mistakes the page shows, each made on a copy of the example: (file in content/, text, what it becomes)
MISTAKES = {
    "CS811": ("riverside.yml", "  refreshed: 2021-03\n", "  refreshed: 2016-09\n"),  # the new edition not dated
    "CS809": ("riverside.yml", ('            - id: "2.2"\n              number: "2.2"\n              text: Offer funding '
                                "agreements of three years where possible.\n"), ""),  # deleted, not withdrawn
    "CS805": ("editions/riverside/2016-09-01.yml", "twelve weeks", "12 weeks"),  # a frozen file "tidied"
    "former_ids": ("riverside.yml", '              former_ids: ["3.1"]\n', ""),  # a moved clause's old id lost
}


def blocks(kind: str) -> list[str]:
    """The page's fenced blocks of one language, each as written (less the fence's indentation), ending in a
    newline."""
    found = []
    for match in FENCE.finditer(PAGE.read_text(encoding="utf-8")):
        if match.group(2) == kind:
            indent = len(match.group(1))
            found.append("".join(line[indent:] + "\n" for line in match.group(3).splitlines()))
    return found


def validate_copy(tmp_path: Path, monkeypatch, capsys, mistake: str | None = None) -> tuple[int, list[str]]:
    """``compact-site validate`` run on a copy of the example (with one mistake made in it, if named), from the
    copy's folder so messages show content/... paths as on the page: (exit code, every line printed)."""
    shutil.copytree(EXAMPLE, tmp_path / "content")
    if mistake:
        name, old, new = MISTAKES[mistake]
        path = tmp_path / "content" / name
        text = path.read_bytes().decode("utf-8")
        assert text.count(old) == 1, (name, old)
        path.write_bytes(text.replace(old, new).encode("utf-8"))
    monkeypatch.chdir(tmp_path)
    code = main(["validate"])
    printed = capsys.readouterr()
    return code, (printed.out + printed.err).splitlines()


def test_the_page_is_listed_and_says_the_example_is_fictional_and_where_it_lives():
    text = PAGE.read_text(encoding="utf-8")
    assert "](8-refresh-a-compact.md)" in (ROOT / "guide" / "README.md").read_text(encoding="utf-8")
    assert "**The example on this page is fictional.**" in text
    assert "`tests/fixtures/editions/content/`" in text
    assert "we never invent one on the public site" in text


def test_every_yaml_snippet_and_the_record_shown_are_in_the_example():
    files = {path.name: "\n" + path.read_text(encoding="utf-8") for path in [EXAMPLE / "riverside.yml",
                                                                             *sorted(FOLDER.glob("*.yml"))]}
    snippets = blocks("yaml")
    assert len(snippets) >= 7, "the page quotes the example's YAML"
    for snippet in snippets:
        assert any("\n" + snippet in text for text in files.values()), f"not in the example's files:\n{snippet}"
    records = [block for block in blocks("text") if block.startswith("editions:\n")]
    assert len(records) == 1 and files["editions.yml"].endswith("\n" + records[0])


def test_the_freeze_commands_make_the_example_and_print_what_the_page_shows(tmp_path, monkeypatch, capsys):
    monkeypatch.chdir(tmp_path)
    (tmp_path / "content").mkdir()
    commands = [shlex.split(line)[1:] for block in blocks("sh") for line in block.splitlines()
                if line.startswith(".venv/bin/compact-site edition freeze ")]
    assert [argv[argv.index("--date") + 1] for argv in commands] == ["2012-04-01", "2016-09-01"]
    printed = []
    for argv in commands:  # each edition's text was the current file when it was frozen
        date = argv[argv.index("--date") + 1]
        shutil.copyfile(FOLDER / f"{date}.yml", tmp_path / "content" / "riverside.yml")
        assert main(argv) == 0
        printed += capsys.readouterr().out.splitlines()
    made = tmp_path / "content" / "editions"
    expected = sorted(p.relative_to(EXAMPLE / "editions") for p in (EXAMPLE / "editions").rglob("*") if p.is_file())
    assert sorted(p.relative_to(made) for p in made.rglob("*") if p.is_file()) == expected
    for name in expected:
        assert (made / name).read_bytes() == (EXAMPLE / "editions" / name).read_bytes(), name
    shown = [line for block in blocks("text") if block.startswith("froze ") for line in block.splitlines()]
    assert len(shown) == 4 and [line for line in shown if line not in printed] == []


def test_the_example_validates_with_no_error_and_no_warning(tmp_path, monkeypatch, capsys):
    assert load_content([EXAMPLE]).problems == []
    code, printed = validate_copy(tmp_path, monkeypatch, capsys)
    shown = [block for block in blocks("text") if "checked: 0 errors, 0 warnings" in block]
    assert code == 0 and len(shown) == 1 and shown[0].splitlines()[-1] == printed[-1]


@pytest.mark.parametrize("mistake,exit_code", [("CS811", 0), ("CS809", 1), ("CS805", 1)])
def test_each_mistake_shown_gives_the_lines_the_page_quotes(tmp_path, monkeypatch, capsys, mistake, exit_code):
    code, printed = validate_copy(tmp_path, monkeypatch, capsys, mistake)
    shown = [block for block in blocks("text") if f"[{mistake}]" in block]
    assert len(shown) == 1, f"the page shows {mistake} once"
    assert code == exit_code and [line for line in shown[0].splitlines() if line not in printed] == []


def test_a_moved_clause_without_its_former_id_is_named_as_the_page_says(tmp_path, monkeypatch, capsys):
    code, printed = validate_copy(tmp_path, monkeypatch, capsys, "former_ids")
    assert "The same error names clause `3.1` if you forget its `former_ids` line" in PAGE.read_text(encoding="utf-8")
    assert code == 1 and any("clause '3.1' of edition 2012-04-01 is not in the current text" in line and
                             line.endswith("[CS809]") for line in printed)
