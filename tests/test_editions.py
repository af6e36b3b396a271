"""Frozen editions (issue 19, step 1): `edition freeze`, the hash recheck on every load, the format version."""
from __future__ import annotations

import hashlib
from pathlib import Path

import pytest
from mkdocs.exceptions import Abort

from compact_site.cli.main import main
from compact_site.content.site_loader import load_content

from .conftest import ROOT, build_site, make_project
from .editions_example import stand_in_edition_pages

MINIMAL = (ROOT / "tests" / "fixtures" / "minimal.yml").read_text(encoding="utf-8")
FROZEN = "content/editions/minimal/2011-07-14.yml"
RECORD = "content/editions/minimal/editions.yml"


@pytest.fixture
def project(tmp_path, monkeypatch):
    """A site holding the minimal compact, run from its folder so messages show content/... paths."""
    make_project(tmp_path, {"minimal.yml": MINIMAL})
    monkeypatch.chdir(tmp_path)
    return tmp_path


def freeze(*argv: str) -> int:
    return main(["edition", "freeze", *argv])


def headlines(paths=("content",)) -> list[str]:
    return sorted(p.headline() for p in load_content([Path(p) for p in paths]).problems)


def test_freeze_copies_the_bytes_and_records_date_label_status_and_hash(project, capsys):
    odd = ("\ufeff" + MINIMAL.replace("\n", "\r\n") + "# ends without a newline").encode("utf-8")
    (project / "content" / "minimal.yml").write_bytes(odd)  # BOM, Windows line ends: kept as they are
    assert freeze("minimal", "--date", "2011-07-14", "--label", "July 2011 refresh") == 0
    assert (project / FROZEN).read_bytes() == odd
    assert (project / RECORD).read_text(encoding="utf-8").splitlines()[2:] == [
        "editions:", "- date: '2011-07-14'", "  label: July 2011 refresh", "  status: adopted",
        f"  sha256: {hashlib.sha256(odd).hexdigest()}"]
    assert (project / "content" / "editions" / ".gitattributes").read_text() == "* -text\n"
    assert "froze content/minimal.yml as content/editions/minimal/2011-07-14.yml" in capsys.readouterr().out
    assert freeze("minimal", "--date", "2009-01-05") == 0  # a second, earlier edition, without a label
    record = (project / RECORD).read_text(encoding="utf-8")
    assert record.index("2009-01-05") < record.index("2011-07-14") and record.count("label:") == 1
    assert headlines() == []  # intact editions: no problem, and no duplicate slug with the current file


@pytest.mark.parametrize("argv,expected", [
    (["nowhere", "--date", "2011-07-14"], "content/nowhere.yml: no compact 'nowhere' in content [CS801]"),
    (["../minimal", "--date", "2011-07-14"], "minimal.yml: no compact '../minimal' in content [CS801]"),
    (["minimal", "--date", "2011-7-14"], "content/minimal.yml: edition date '2011-7-14' is not written "
                                         "YYYY-MM-DD [CS802]"),
    (["minimal", "--date", "2011-02-30"], "content/minimal.yml: edition date '2011-02-30' is not a real date "
                                          "(day is out of range for month) [CS802]"),
])
def test_freeze_refuses_unknown_compact_and_bad_date(project, capsys, argv, expected):
    assert freeze(*argv) == 1
    err = capsys.readouterr().err
    assert err.splitlines()[0] == expected and "    fix: " in err and "Traceback" not in err
    assert not (project / "content" / "editions").exists()


def test_freeze_refuses_a_second_edition_on_one_date(project, capsys):
    assert freeze("minimal", "--date", "2011-07-14") == 0
    before = (project / RECORD).read_bytes()
    (project / "content" / "minimal.yml").write_text(MINIMAL + "# edited\n", encoding="utf-8")
    assert freeze("minimal", "--date", "2011-07-14", "--label", "again") == 1
    assert capsys.readouterr().err.splitlines()[0] == (
        f"{RECORD}:4: an edition of 'minimal' dated 2011-07-14 is already frozen [CS803]")
    assert (project / RECORD).read_bytes() == before and (project / FROZEN).read_text() == MINIMAL


def test_freeze_refuses_a_current_file_with_errors(project, capsys):
    (project / "content" / "minimal.yml").write_text(MINIMAL.replace("status: adopted", "status: done"),
                                                     encoding="utf-8")
    assert freeze("minimal", "--date", "2011-07-14") == 1
    lines = capsys.readouterr().err.splitlines()
    assert lines[0].endswith("[CS104]")
    assert "content/minimal.yml: 1 error above: an edition is frozen only from a file that validates [CS804]" in lines
    assert not (project / "content" / "editions").exists()


def test_an_edited_edition_is_an_error_at_its_path_in_validate(project, capsys):
    assert freeze("minimal", "--date", "2011-07-14") == 0
    with (project / FROZEN).open("a", encoding="utf-8") as file:
        file.write("# a comment added later\n")
    assert headlines() == [f"{FROZEN}: edited after it was frozen (its SHA-256 differs from {RECORD} line 4) "
                           "[CS805]"]
    capsys.readouterr()
    assert main(["validate"]) == 1
    err = capsys.readouterr().err
    assert f"    fix: restore it with `git checkout -- {FROZEN}`, or put the change in the current file and " \
           "freeze a new edition" in err


def test_a_missing_edition_and_an_unrecorded_file_are_errors(project):
    assert freeze("minimal", "--date", "2011-07-14") == 0
    (project / FROZEN).rename(project / "content" / "editions" / "minimal" / "2011-07-15.yml")
    (project / "content" / "editions" / "stray.yml").write_text(MINIMAL, encoding="utf-8")
    assert headlines() == [
        "content/editions/minimal/2011-07-15.yml: not recorded in content/editions/minimal/editions.yml [CS808]",
        f"{RECORD}:4: edition 2011-07-14 of 'minimal' is recorded, but {FROZEN} is missing [CS806]",
        "content/editions/stray.yml: not in a compact's editions folder (editions/<slug>/), so not a recorded "
        "edition [CS808]"]


@pytest.mark.parametrize("record,expected", [
    ("editions: [\n", "content/editions/minimal/editions.yml:2: not readable as YAML"),
    ("# nothing\n", "content/editions/minimal/editions.yml:1: no `editions:` list [CS807]"),
    ("editions:\n- date: '2011-07-14'\n  status: adopted\n  sha256: abc\n",
     "content/editions/minimal/editions.yml:2: edition 2011-07-14: sha256 is not 64 hex digits [CS807]"),
    ("editions:\n- date: 2011-13-01\n", "content/editions/minimal/editions.yml:2: date '2011-13-01' is not a "
                                        "real date (month must be in 1..12) [CS807]"),
])
def test_a_damaged_record_is_an_error_at_its_line(project, record, expected):
    folder = project / "content" / "editions" / "minimal"
    folder.mkdir(parents=True)
    (folder / "editions.yml").write_text(record, encoding="utf-8")
    assert headlines()[0].startswith(expected)


def test_frozen_files_are_validated_as_compacts_at_their_own_path(project):
    text = MINIMAL.replace("slug: minimal", "slug: other")
    (project / "content" / "minimal.yml").write_text(text, encoding="utf-8")
    (project / "content" / "other.yml").write_text(text, encoding="utf-8")
    assert freeze("other", "--date", "2011-07-14") == 0
    (project / "content" / "editions" / "other").rename(project / "content" / "editions" / "minimal")
    (project / "content" / "minimal.yml").write_text(MINIMAL, encoding="utf-8")
    assert headlines() == [f"{FROZEN}:2: slug 'other' differs from its folder editions/minimal/ [CS203]"]


@pytest.mark.parametrize("line,expected", [
    ("format: 2", "content/minimal.yml:2: format: version 2 is newer than this compact-site reads (up to 1): "
                  "upgrade compact-site [CS108]"),
    ("format: 0", "content/minimal.yml:2: format: version 0 does not exist: the first is 1 [CS106]"),
    ("format: 1", None),
])
def test_the_format_version(project, line, expected):
    (project / "content" / "minimal.yml").write_text(MINIMAL.replace("slug: minimal", f"{line}\nslug: minimal"),
                                                     encoding="utf-8")
    assert headlines() == ([expected] if expected else [])


def test_the_strict_build_rechecks_the_hashes_and_publishes_no_edition(project, caplog):
    assert freeze("minimal", "--date", "2011-07-14") == 0
    stand_in_edition_pages(project / "content")  # the changes page links to the edition's page
    site = build_site(project / "mkdocs.yml", strict=True)
    assert not (site / "editions").exists() and not list(site.rglob("*.yml"))
    (project / FROZEN).write_text(MINIMAL.replace("Minimal Compact", "Edited Compact"), encoding="utf-8")
    with pytest.raises(Abort) as raised:
        build_site(project / "mkdocs.yml", strict=True)
    assert f"{FROZEN}: edited after it was frozen (its SHA-256 differs from {RECORD} line 4) [CS805]" in (
        str(raised.value) + caplog.text)
