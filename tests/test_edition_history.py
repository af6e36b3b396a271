"""The editions of a compact as one timeline (core/editions.py) and the load-time checks across editions
(content/editions.py: CS809-CS811), on the worked example in tests/fixtures/editions (a fictional compact with two
frozen editions: never on the public site)."""
from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from compact_site.content.site_loader import load_content
from compact_site.core.context import BuildContext
from compact_site.core.editions import current_edition_date
from compact_site.core.redline import Piece, redline

EXAMPLE = Path(__file__).parent / "fixtures" / "editions" / "content"


@pytest.fixture(scope="module")
def riverside():
    loaded = load_content([EXAMPLE])
    assert not loaded.errors and not loaded.warnings
    return BuildContext(loaded.compacts, loaded.glossary, frozen=loaded.frozen()).timelines["riverside"]


def test_editions_oldest_first_current_last(riverside):
    assert [(e.date, e.label, e.current) for e in riverside.editions] == [
        ("2012-04-01", "First edition", False), ("2016-09-01", "2016 refresh", False), ("2021-03", "2021 refresh", True)]


def test_changes_between_consecutive_editions(riverside):
    first, second = riverside.consecutive()
    assert first.added == ["2.4"] and first.withdrawn == ["1.3"]
    assert [(m.old_id, m.new_id, m.old_number, m.new_number) for m in first.moved] == [
        ("3.1", "volunteer-expenses", "3.1", "2.5")]
    assert [r.new_id for r in first.reworded] == ["1.2"]
    assert first.signatories_added == ["Riverside Clinical Commissioning Group"]
    assert second.counts == {"added": 1, "withdrawn": 0, "moved": 0, "reworded": 1, "signatories added": 1}


def test_changes_across_two_steps_follow_moves(riverside):
    changes = riverside.changes(riverside.editions[0], riverside.current)
    assert sorted(changes.added) == ["1.4", "2.4"] and changes.withdrawn == ["1.3"]
    assert [m.new_id for m in changes.moved] == ["volunteer-expenses"]
    assert sorted(r.new_id for r in changes.reworded) == ["1.2", "2.1"]


def test_redline_is_word_level_with_punctuation_apart():
    assert redline("Allow eight weeks.", "Allow twelve weeks, and say why.") == [
        Piece("same", "Allow "), Piece("deleted", "eight"), Piece("inserted", "twelve"), Piece("same", " weeks"),
        Piece("inserted", ", and say why"), Piece("same", ".")]
    assert "".join(p.text for p in redline("a b", "a c") if p.kind != "inserted") == "a b"


def test_history_collapses_unchanged_runs_and_dates_events(riverside):
    history = riverside.history("1.2")
    assert [(e.first.date, e.last.date) for e in history.entries] == [("2012-04-01", "2012-04-01"),
                                                                     ("2016-09-01", "2021-03")]
    assert [(e.kind, e.date) for e in history.events] == [("reworded", "2016-09-01")]
    moved = riverside.history("volunteer-expenses")
    assert moved.ids == ["3.1", "volunteer-expenses"]
    assert [(e.kind, e.detail) for e in moved.events] == [("moved", "3.1 → volunteer-expenses")]
    gone = riverside.history("1.3")
    assert [(e.kind, e.date) for e in gone.events] == [("withdrawn", "2016-09")] and gone.withdrawn is not None
    assert [(e.kind, e.date) for e in riverside.history("1.4").events] == [("added", "2021-03")]
    assert riverside.history_ids["3.1"] == "volunteer-expenses"


def test_current_edition_date_is_newest_stated(riverside):
    assert current_edition_date(riverside.current.compact) == "2021-03"


def _copy(tmp_path: Path) -> Path:
    content = tmp_path / "content"
    shutil.copytree(EXAMPLE, content)
    return content


def test_lost_id_is_cs809_at_the_frozen_clause(tmp_path):
    content = _copy(tmp_path)
    current = content / "riverside.yml"
    current.write_text(current.read_text().replace('  - id: "1.3"\n', '  - id: "1.3x"\n'), encoding="utf-8")
    problems = [p for p in load_content([content]).errors if p.code == "CS809"]
    assert len(problems) == 1 and problems[0].file.endswith("2012-04-01.yml") and problems[0].line > 1
    assert "clause '1.3'" in problems[0].format() and "withdrawn" in problems[0].format()


def test_editions_of_no_compact_is_cs810(tmp_path):
    content = _copy(tmp_path)
    (content / "riverside.yml").rename(tmp_path / "gone.yml")
    assert [p.code for p in load_content([content]).errors] == ["CS810"]


def test_current_text_undated_after_frozen_is_cs811_warning(tmp_path):
    content = _copy(tmp_path)
    current = content / "riverside.yml"
    current.write_text(current.read_text().replace("  refreshed: 2021-03\n", ""), encoding="utf-8")
    loaded = load_content([content])
    assert not loaded.errors and [p.code for p in loaded.warnings] == ["CS811"]


def test_a_redline_gives_back_both_wordings_whatever_they_share():
    """Its 'same' and 'deleted' pieces read as the old wording, its 'same' and 'inserted' ones as the new, however
    much the two share at their ends (only the middle goes to the comparison)."""
    import random

    rng = random.Random(7)
    words = ["the", "VCS", "will", ",", "notice", "12", "weeks", "1.1", "’s", ".", "and", "council"]
    for _ in range(500):
        old = " ".join(rng.choice(words) for _ in range(rng.randint(0, 12)))
        new = " ".join(rng.choice(words) for _ in range(rng.randint(0, 12)))
        if rng.random() < 0.5:  # a shared start and end, as most rewording has
            old, new = f"Partners agree {old} by March", f"Partners agree {new} by March"
        pieces = redline(old, new)
        assert "".join(p.text for p in pieces if p.kind != "inserted") == old
        assert "".join(p.text for p in pieces if p.kind != "deleted") == new
        assert all(a.kind != b.kind for a, b in zip(pieces, pieces[1:]))  # runs of a kind are one piece
