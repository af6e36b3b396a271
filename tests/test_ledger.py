"""Links that never break: the anchor ledger, withdrawn and moved clauses."""
from __future__ import annotations

import logging
import re
import shutil
from pathlib import Path

import pytest
from mkdocs.exceptions import Abort

from compact_site.content.ledger import LEDGER_NAME, read_ledger, update_ledger
from compact_site.content.site_loader import load_content

from .conftest import CONTENT, build_site, make_project

GONE = "s4.1-vcs-5"
# The clause's YAML in content/sandwell.yml, from its id to the next group.
GONE_RE = re.compile(r"            - id: s4\.1-vcs-5\n.*?(?=        - party: statutory)", re.S)
WITHDRAWN = """withdrawn:
  - id: s4.1-vcs-5
    date: 2025-03-14
    reason: Merged into the VCS's general undertaking on independence at the 2025 review.
"""


def sandwell_without_clause(project: Path) -> Path:
    path = project / "content" / "sandwell.yml"
    text, count = GONE_RE.subn("", path.read_text(encoding="utf-8"))
    assert count == 1
    path.write_text(text, encoding="utf-8")
    return path


def test_committed_ledger_lists_every_current_anchor(loaded_content):
    entries, problems = read_ledger(CONTENT / LEDGER_NAME, LEDGER_NAME)
    assert problems == []
    listed = {(slug, ident) for slug, ident, _ in entries}
    from compact_site.content.ledger import current_entries
    assert set(current_entries(loaded_content.compacts)) <= listed, "run `compact-site anchors update`"


def test_update_keeps_old_lines_and_adds_new(tmp_path, loaded_content):
    ledger = tmp_path / LEDGER_NAME
    ledger.write_text("sandwell/#clause-old-1 sandwell/clause/old-1/\n", encoding="utf-8")
    added, total = update_ledger(loaded_content.compacts, ledger)
    assert (added, total) == (261, 262)
    assert "sandwell/#clause-old-1 sandwell/clause/old-1/" in ledger.read_text(encoding="utf-8")
    assert update_ledger(loaded_content.compacts, ledger) == (0, 262)


def test_malformed_ledger_line_is_reported(tmp_path):
    ledger = tmp_path / LEDGER_NAME
    ledger.write_text("# comment\nsandwell/#clause-1 sandwell/clause/2/\n", encoding="utf-8")
    _, problems = read_ledger(ledger, "content/" + LEDGER_NAME)
    assert [p.headline() for p in problems] == [
        "content/published-anchors.txt:2: not a ledger line: 'sandwell/#clause-1 sandwell/clause/2/' [CS502]"]


def test_removing_a_clause_fails_the_strict_build_naming_its_anchor(tmp_path, caplog):
    config = make_project(tmp_path)
    sandwell_without_clause(tmp_path)
    with caplog.at_level(logging.WARNING), pytest.raises(Abort):
        build_site(config, strict=True)
    assert re.search(r"content/published-anchors\.txt:\d+: compact 'sandwell': published anchor "
                     r"sandwell/#clause-s4\.1-vcs-5 \(sandwell/clause/s4\.1-vcs-5/\) no longer resolves \[CS501\]",
                     caplog.text)
    assert "list its id under `former_ids`" in caplog.text  # the fix is named


def test_removing_whole_compacts_gives_one_message_each_saying_what_to_do(tmp_path, monkeypatch):
    """Someone removing the examples to publish their own compact gets one warning per compact, not hundreds,
    and it names the ledger file to delete."""
    shutil.copytree(CONTENT, tmp_path / "content")
    ledger = (tmp_path / "content" / LEDGER_NAME).read_text(encoding="utf-8").splitlines()
    for name in ("sandwell.yml", "westminster.yml"):
        (tmp_path / "content" / name).unlink()
    monkeypatch.chdir(tmp_path)
    found = [p.format() for p in load_content([Path("content")]).problems if p.code == "CS501"]
    assert len(found) == 2, found
    for slug in ("sandwell", "westminster"):
        lines = [n for n, line in enumerate(ledger, 1) if line.startswith(f"{slug}/#clause-")]
        message = next(m for m in found if f"compact '{slug}' is not in the content folder" in m)
        assert message.startswith(f"content/{LEDGER_NAME}:{lines[0]}: ")
        assert f"{len(lines)} of its anchors are published (lines {lines[0]}-{lines[-1]})" in message
        assert f"delete {LEDGER_NAME}" in message


def test_withdrawn_clause_leaves_a_tombstone_at_its_anchor_and_url(tmp_path):
    config = make_project(tmp_path)
    path = sandwell_without_clause(tmp_path)
    path.write_text(path.read_text(encoding="utf-8") + WITHDRAWN, encoding="utf-8")
    site = build_site(config, strict=True)
    page = (site / "sandwell" / "index.html").read_text(encoding="utf-8")
    assert f'<div class="compact-withdrawn" id="clause-{GONE}">' in page
    assert "Clause s4.1-vcs-5 was withdrawn on 14 March 2025." in page
    tombstone = (site / "sandwell" / "clause" / GONE / "index.html").read_text(encoding="utf-8")
    assert "was withdrawn on 14 March 2025." in tombstone and "location.replace" not in tombstone
    assert '<a href="../../#top">Read the current Sandwell Compact</a>' in tombstone


def test_moved_clause_keeps_its_old_anchor_and_url(tmp_path):
    config = make_project(tmp_path)
    path = sandwell_without_clause(tmp_path)
    text = path.read_text(encoding="utf-8").replace(
        "            - id: s4.1-vcs-4\n", f"            - id: s4.1-vcs-4\n              former_ids: [{GONE}]\n")
    path.write_text(text, encoding="utf-8")
    site = build_site(config, strict=True)
    page = (site / "sandwell" / "index.html").read_text(encoding="utf-8")
    assert f'<span class="compact-alias" id="clause-{GONE}"></span>' in page
    assert f"(formerly {GONE})" in page
    forward = (site / "sandwell" / "clause" / GONE / "index.html").read_text(encoding="utf-8")
    assert '"../../#clause-s4.1-vcs-4"' in forward


def test_renumbered_clause_keeps_its_anchor_and_shows_its_old_number(tmp_path):
    config = make_project(tmp_path)
    path = tmp_path / "content" / "wolverhampton.yml"
    text = path.read_text(encoding="utf-8").replace('number: "4.2"', 'number: "4.3"\n              former_numbers: ["4.2"]', 1)
    path.write_text(text, encoding="utf-8")
    site = build_site(config, strict=True)
    page = (site / "wolverhampton" / "index.html").read_text(encoding="utf-8")
    assert re.search(r'id="clause-4\.2".*?>4\.3</a> <span class="compact-clause__formerly">\(formerly 4\.2\)</span>',
                     page, re.S)


def test_former_and_withdrawn_ids_cannot_reuse_a_live_id(tmp_path):
    shutil.copy(CONTENT / "sandwell.yml", tmp_path / "sandwell.yml")
    path = tmp_path / "sandwell.yml"
    path.write_text(path.read_text(encoding="utf-8") + WITHDRAWN.replace(GONE, "s4.1-vcs-4"), encoding="utf-8")
    codes = [p.code for p in load_content([path]).problems]
    assert codes == ["CS201"]


def test_cli_anchors_update(tmp_path, capsys):
    from compact_site.cli.main import main

    shutil.copytree(CONTENT, tmp_path / "content")
    (tmp_path / "content" / LEDGER_NAME).unlink()
    assert main(["anchors", "update", "--content", str(tmp_path / "content")]) == 0
    assert "261 anchor(s) added, 261 recorded" in capsys.readouterr().out
    assert main(["anchors", "update", "--content", str(tmp_path / "content")]) == 0
    assert "0 anchor(s) added, 261 recorded" in capsys.readouterr().out
