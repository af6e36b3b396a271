"""Word's automatic numbering, computed the way Word prints it.

A numbered paragraph names a list instance (``w:numId``) and a level (``w:ilvl``). The instance points at an
abstract definition whose levels say where counting starts, in which format (1, a, A, i, I, bullet) and with
which text around it (``%1.%2`` prints "3.1"). Instances of one definition continue each other's counting
unless the instance overrides a level's start (``w:startOverride``), which is how Word restarts a list.
Counting a level resets the levels below it (unless a level says ``w:lvlRestart="0"``).
"""
from __future__ import annotations

import re
from dataclasses import dataclass

W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
BULLET = "\u2022"


@dataclass
class Level:
    start: int = 1
    fmt: str = "decimal"
    text: str = "%1."
    restart: int | None = None  # w:lvlRestart: None = the default (restart after any higher level)
    legal: bool = False  # w:isLgl: show every level's number in decimal


def _val(element, tag: str, default=None):
    child = element.find(W + tag) if element is not None else None
    return child.get(W + "val", default) if child is not None else default


def _level(lvl) -> Level:
    def number(tag: str, default: int | None) -> int | None:
        value = _val(lvl, tag)
        return int(value) if value is not None and re.fullmatch(r"-?\d+", value) else default
    return Level(start=number("start", 1) or 0, fmt=_val(lvl, "numFmt", "decimal"), text=_val(lvl, "lvlText", ""),
                 restart=number("lvlRestart", None), legal=lvl.find(W + "isLgl") is not None)


def _roman(value: int) -> str:
    out = ""
    for size, letters in ((1000, "m"), (900, "cm"), (500, "d"), (400, "cd"), (100, "c"), (90, "xc"), (50, "l"),
                          (40, "xl"), (10, "x"), (9, "ix"), (5, "v"), (4, "iv"), (1, "i")):
        while value >= size:
            out, value = out + letters, value - size
    return out


def _letters(value: int) -> str:
    # Word repeats the letter after z: a..z, aa..zz, aaa..
    if value < 1:
        return str(value)
    return chr(ord("a") + (value - 1) % 26) * ((value - 1) // 26 + 1)


def format_number(value: int, fmt: str) -> str:
    """One counter in one of Word's number formats."""
    if fmt == "lowerLetter":
        return _letters(value)
    if fmt == "upperLetter":
        return _letters(value).upper()
    if fmt == "lowerRoman":
        return _roman(value)
    if fmt == "upperRoman":
        return _roman(value).upper()
    if fmt == "decimalZero":
        return f"{value:02d}"
    if fmt == "none":
        return ""
    return str(value)  # decimal, and formats (ordinal words, Chinese counting) drafted as plain numbers


class Numbering:
    """The numbering definitions of one document and the counters of a walk through it."""

    def __init__(self, root) -> None:
        self.abstract: dict[str, dict[int, Level]] = {}
        self.instances: dict[str, tuple[str, dict[int, int], dict[int, Level]]] = {}
        if root is None:
            return
        for abstract in root.iter(W + "abstractNum"):
            self.abstract[abstract.get(W + "abstractNumId")] = {
                int(lvl.get(W + "ilvl", "0")): _level(lvl) for lvl in abstract.iter(W + "lvl")}
        for num in root.iter(W + "num"):
            starts, levels = {}, {}
            for override in num.iter(W + "lvlOverride"):
                ilvl = int(override.get(W + "ilvl", "0"))
                start = _val(override, "startOverride")
                if start is not None and start.lstrip("-").isdigit():
                    starts[ilvl] = int(start)
                lvl = override.find(W + "lvl")
                if lvl is not None:
                    levels[ilvl] = _level(lvl)
            self.instances[num.get(W + "numId")] = (_val(num, "abstractNumId", ""), starts, levels)
        self.counters: dict[str, list[int | None]] = {}
        self.seen: set[str] = set()

    def _levels(self, num_id: str) -> tuple[str, dict[int, Level]]:
        abstract_id, _, overrides = self.instances[num_id]
        levels = dict(self.abstract.get(abstract_id, {}))
        levels.update(overrides)
        return abstract_id, levels

    def label(self, num_id: str, ilvl: int) -> str | None:
        """Count one paragraph of list ``num_id`` at level ``ilvl`` and return the label Word prints before it
        (``"3.1"``, ``"(a)"``, ``"•"``), or None when the paragraph is not numbered after all."""
        if num_id in ("", "0") or num_id not in self.instances:
            return None
        abstract_id, levels = self._levels(num_id)
        level = levels.get(ilvl)
        if level is None:
            return None
        counters = self.counters.setdefault(abstract_id, [None] * 9)
        pending: dict[int, int] = {}
        if num_id not in self.seen:  # the first paragraph of an instance that restarts a level
            self.seen.add(num_id)
            pending = self.instances[num_id][1]
            for restarted in pending:
                if 0 <= restarted < 9:
                    counters[restarted] = None
        ilvl = max(0, min(ilvl, 8))
        current = counters[ilvl]
        counters[ilvl] = (pending.get(ilvl, level.start) if current is None else current + 1)
        for deeper in range(ilvl + 1, 9):
            below = levels.get(deeper)
            if below is None or below.restart != 0:
                counters[deeper] = None
        if level.fmt == "bullet":
            return BULLET

        def shown(match: re.Match) -> str:
            index = int(match.group(1)) - 1
            source = levels.get(index, Level())
            value = counters[index] if 0 <= index < 9 and counters[index] is not None else source.start
            return format_number(value, "decimal" if level.legal and index != ilvl else source.fmt)
        return re.sub(r"%([1-9])", shown, level.text).strip()
