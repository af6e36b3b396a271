"""Containers that remember where in a YAML file they came from: what the YAML reader
(content/yaml_reader.py) builds and the model reads line numbers from, so every message can say ``file:line``."""
from __future__ import annotations


class LineDict(dict):
    """A dict that knows the line it starts on and the lines of its keys and values (1-based)."""

    line: int = 0

    def __init__(self, *args, **kwargs) -> None:
        if args or kwargs:  # the reader makes them empty (200,000 at 400 compacts): nothing to fill
            super().__init__(*args, **kwargs)
        self.key_lines: dict[object, int] = {}
        self.value_lines: dict[object, int] = {}


class LineList(list):
    """A list that knows its own line and the line of each item (1-based)."""

    line: int = 0

    def __init__(self, *args) -> None:
        super().__init__(*args)
        self.item_lines: list[int] = []
