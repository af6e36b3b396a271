"""`compact-site signatory add`: the new entry goes in, and nothing else of the file changes.

Every test edits a copy in tmp_path; content/ is never touched.
"""
from __future__ import annotations

import difflib
import shutil
import stat
from pathlib import Path

import pytest

from compact_site.cli.main import main
from compact_site.content.loader import load_file

from .conftest import CONTENT, ROOT

FIXTURES = ROOT / "tests" / "fixtures"


def copy(tmp_path: Path, source: Path) -> tuple[Path, str]:
    """A copy of ``source`` in tmp_path, and its original text."""
    target = tmp_path / source.name
    shutil.copyfile(source, target)
    return target, source.read_text(encoding="utf-8")


def add(path_or_slug: str | Path, *options: str, folder: Path | None = None) -> int:
    argv = ["signatory", "add", str(path_or_slug), *options]
    return main(argv + (["--dir", str(folder)] if folder else []))


def inserted_lines(before: str, after: str) -> list[str]:
    """The lines ``after`` adds; fails if any line of ``before`` was changed, dropped or moved."""
    old, new = before.splitlines(keepends=True), after.splitlines(keepends=True)
    matcher = difflib.SequenceMatcher(None, old, new, autojunk=False)
    changes = [op for op in matcher.get_opcodes() if op[0] != "equal"]
    assert all(tag == "insert" for tag, *_ in changes), "".join(difflib.unified_diff(old, new))
    return [line for tag, _, _, j1, j2 in changes for line in new[j1:j2]]


def signatories(path: Path) -> list:
    compact, problems = load_file(path)
    assert compact is not None and not [p for p in problems if p.severity == "error"], problems
    return compact.signatories.items


def test_sandwell_gains_exactly_the_new_lines(tmp_path, capsys):
    path, before = copy(tmp_path, CONTENT / "sandwell.yml")
    code = add("sandwell", "--organisation", "Sandwell Homes", "--name", "Jan Britton", "--role",
               "Chief Executive", "--sector", "statutory", "--signed", "2012-03-04", folder=tmp_path)
    assert code == 0
    after = path.read_text(encoding="utf-8")
    assert inserted_lines(before, after) == [
        "    - name: Jan Britton\n",
        "      role: Chief Executive\n",
        "      organisation: Sandwell Homes\n",
        "      sector: statutory\n",
        "      signed: 2012-03-04\n",  # unquoted, like the files' other dates
        "      printed: Jan Britton Chief Executive Sandwell Homes\n",
    ]
    # straight after the last entry, before the blank line that ends the block
    assert after.split("printed: Dr Ian Walton Chair of PEC\n")[1].startswith("    - name: Jan Britton\n")
    items = signatories(path)
    assert len(items) == 8 and items[-1].signed == "2012-03-04" and items[-1].sector == "statutory"
    assert capsys.readouterr().out == f"added Sandwell Homes to {path} (8 signatories)\n"


def test_comments_everywhere_survive(tmp_path):
    path, before = copy(tmp_path, FIXTURES / "commented.yml")
    assert add(path, "--organisation", "Cedar CIC", "--sector", "private") == 0
    after = path.read_text(encoding="utf-8")
    assert inserted_lines(before, after) == ["    - organisation: Cedar CIC\n", "      sector: private\n",
                                             "      printed: Cedar CIC\n"]
    comments = [line for line in before.splitlines() if "#" in line]
    assert len(comments) >= 20 and all(line in after.splitlines() for line in comments)
    assert "printed: Baker Trust  # last line of the last entry\n    - organisation: Cedar CIC\n" in after
    assert [s.printed for s in signatories(path)] == ["Ann Able, Able Council", "Baker Trust", "Cedar CIC"]


def test_empty_flow_list_becomes_a_block_list(tmp_path):
    path, before = copy(tmp_path, CONTENT / "staffordshire-stoke-on-trent.yml")
    assert "  items: []\n" in before
    assert add(path, "--organisation", "Staffordshire County Council", "--signed", "2014") == 0
    after = path.read_text(encoding="utf-8")
    assert after == before.replace("  items: []\n", "  items:\n"
                                   "    - organisation: Staffordshire County Council\n"
                                   "      sector: unknown\n"
                                   "      signed: 2014\n"
                                   "      printed: Staffordshire County Council\n")
    items = signatories(path)
    assert len(items) == 1 and items[0].signed == "2014"


def test_compact_without_signatories_gains_the_block_at_the_end(tmp_path, capsys):
    path, before = copy(tmp_path, CONTENT / "southampton.yml")
    assert "\nsignatories:" not in before
    assert add("southampton", "--organisation", "Southampton City Council", "--role", "Leader",
               folder=tmp_path) == 0
    after = path.read_text(encoding="utf-8")
    assert after == before + ("\nsignatories:\n  items:\n    - role: Leader\n"
                              "      organisation: Southampton City Council\n      sector: unknown\n"
                              "      printed: Leader Southampton City Council\n")
    assert [s.organisation for s in signatories(path)] == ["Southampton City Council"]
    assert "(1 signatory)" in capsys.readouterr().out


@pytest.mark.parametrize("organisation, name", [("Sandwell Council", "Jan Britton"),
                                                ("  sandwell   COUNCIL ", "jan  BRITTON")])
def test_duplicate_is_refused(tmp_path, capsys, organisation, name):
    path, before = copy(tmp_path, CONTENT / "sandwell.yml")
    assert add(path, "--organisation", organisation, "--name", name) == 1
    err = capsys.readouterr().err
    assert f"{path}:350: Jan Britton of Sandwell Council is already a signatory" in err
    assert "'Jan Britton Chief Executive of Sandwell Council'" in err
    assert path.read_text(encoding="utf-8") == before


def test_duplicate_without_names_is_refused_but_another_person_is_not(tmp_path):
    path, _ = copy(tmp_path, FIXTURES / "commented.yml")
    assert add(path, "--organisation", "baker  trust") == 1  # 'Baker Trust' is listed without a name
    assert add(path, "--organisation", "Baker Trust", "--name", "Bea Baker") == 0
    assert add(path, "--organisation", "Able Council") == 0  # listed only with a name
    assert len(signatories(path)) == 4


@pytest.mark.parametrize("option, value, message", [
    ("--signed", "2024-13-01", "--signed '2024-13-01' is not a date: write YYYY, YYYY-MM or YYYY-MM-DD"),
    ("--signed", "2023-02-29", "--signed '2023-02-29' is not a date"),
    ("--signed", "14/07/2011", "--signed '14/07/2011' is not a date"),
    ("--signed", "July 2011", "--signed 'July 2011' is not a date"),
    ("--sector", "council", "--sector 'council' is not allowed: use statutory, vcs, private, unknown"),
    ("--name", "  ", "--name '  ': give one line of text, not empty"),
])
def test_misuse_exits_2_with_one_line_and_no_change(tmp_path, capsys, option, value, message):
    path, before = copy(tmp_path, CONTENT / "sandwell.yml")
    assert add(path, "--organisation", "New Org", option, value) == 2
    err = capsys.readouterr().err
    assert err.startswith(message) and err.count("\n") == 1
    assert path.read_text(encoding="utf-8") == before


def test_missing_file_or_slug_exits_2(tmp_path, capsys):
    copy(tmp_path, CONTENT / "sandwell.yml")
    assert add("sandwel", "--organisation", "X", folder=tmp_path) == 2
    assert "no compact 'sandwel'" in (err := capsys.readouterr().err) and "did you mean 'sandwell'?" in err
    assert add(tmp_path / "nowhere.yml", "--organisation", "X") == 2
    assert "no such compact file" in capsys.readouterr().err


def test_invalid_file_exits_1_with_coded_messages_and_no_change(tmp_path, capsys):
    path = tmp_path / "minimal.yml"
    before = (FIXTURES / "minimal.yml").read_text(encoding="utf-8").replace("status: adopted", "status: maybe")
    path.write_text(before, encoding="utf-8")
    assert add(path, "--organisation", "X") == 1
    err = capsys.readouterr().err
    assert f"{path}:5: status: 'maybe' is not allowed" in err and "[CS104]" in err and "nothing was added" in err
    assert path.read_text(encoding="utf-8") == before
    path.write_text(before := 'slug: minimal\ntitle: "open\n', encoding="utf-8")
    assert add(path, "--organisation", "X") == 1
    assert "[CS001]" in capsys.readouterr().err and path.read_text(encoding="utf-8") == before


def test_text_yaml_1_1_would_misread_is_quoted(tmp_path):
    path, _ = copy(tmp_path, FIXTURES / "commented.yml")
    assert add(path, "--organisation", "Yes", "--name", "On", "--role", "1:20") == 0
    assert "    - name: 'On'\n      role: '1:20'\n      organisation: 'Yes'\n" in path.read_text(encoding="utf-8")
    assert (signatories(path)[-1].name, signatories(path)[-1].organisation) == ("On", "Yes")


def test_printed_given_and_partial_dates(tmp_path):
    path, _ = copy(tmp_path, FIXTURES / "commented.yml")
    assert add(path, "--organisation", "Dee Ltd", "--printed", "For Dee Ltd: signed", "--signed", "2011-07") == 0
    last = signatories(path)[-1]
    assert (last.printed, last.signed) == ("For Dee Ltd: signed", "2011-07")


def test_line_ends_byte_order_mark_and_mode_are_kept(tmp_path):
    path = tmp_path / "commented.yml"
    original = (FIXTURES / "commented.yml").read_bytes().replace(b"\n", b"\r\n")
    path.write_bytes(b"\xef\xbb\xbf" + original)
    path.chmod(0o640)
    assert add(path, "--organisation", "Cedar CIC") == 0
    after = path.read_bytes()
    assert after.startswith(b"\xef\xbb\xbf") and after.count(b"\n") == after.count(b"\r\n")
    assert b"      printed: Cedar CIC\r\n" in after
    assert stat.S_IMODE(path.stat().st_mode) == 0o640
    assert sorted(p.name for p in tmp_path.iterdir()) == ["commented.yml"]  # no temporary file left


def test_layouts_that_cannot_be_kept_are_refused(tmp_path, capsys):
    head = "slug: odd\ntitle: Odd\narea: A\nstatus: adopted\nsignatories:\n  items:\n"
    path = tmp_path / "odd.yml"
    for body, message in [("  - organisation: A\n    printed: A\n", "odd.yml:7: adding here would also rewrite"),
                          ("  - {organisation: A, printed: A}\n", "odd.yml:7: adding here would also rewrite"),
                          ("", None)]:
        text = head.replace("  items:\n", "  items: [{organisation: A, printed: A}]\n") if message is None \
            else head + body
        path.write_text(text, encoding="utf-8")
        assert add(path, "--organisation", "B") == 1
        assert (message or "odd.yml:6: signatories.items is written in flow style") in capsys.readouterr().err
        assert path.read_text(encoding="utf-8") == text
