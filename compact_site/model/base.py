"""Building blocks shared by every part of the compact model: nodes that remember their YAML lines,
identifiers, partial dates and text. Imports nothing from MkDocs."""
from __future__ import annotations

import datetime as dt
import re
from typing import Annotated, Any

from pydantic import BaseModel, BeforeValidator, ConfigDict, Field, PrivateAttr, model_validator
from pydantic_core import PydanticCustomError

from compact_site.model.located import LineDict, LineList

ID_PATTERN = r"^[a-z0-9]+([.-][a-z0-9]+)*$"
_ID_RE = re.compile(ID_PATTERN)
_DATE_RE = re.compile(r"^(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?$")


def _scalar_source(value: Any) -> Any:
    """YAML numbers as written: ``1.10`` stays ``"1.10"``, ``2011`` becomes ``"2011"``."""
    if isinstance(value, bool):
        return value
    if isinstance(value, (int, float)):
        return getattr(value, "source", "") or str(value)
    return value


def _check_id(value: Any) -> Any:
    value = _scalar_source(value)
    if isinstance(value, str) and not _ID_RE.match(value):
        raise PydanticCustomError(
            "CS202", "malformed id '{value}': use lower-case letters and digits, joined by single '.' or '-'",
            {"value": value})
    return value


def _check_date(value: Any) -> Any:
    if isinstance(value, dt.datetime):
        value = value.date()
    if isinstance(value, dt.date):
        return value.isoformat()
    value = _scalar_source(value)
    if not isinstance(value, str):
        return value
    match = _DATE_RE.match(value)
    if not match:
        raise PydanticCustomError("CS301", "invalid date '{value}': write YYYY, YYYY-MM or YYYY-MM-DD",
                                  {"value": value})
    year, month, day = (int(part) if part else None for part in match.groups())
    try:
        dt.date(year, 1 if month is None else month, 1 if day is None else day)
    except ValueError as err:
        raise PydanticCustomError("CS301", "invalid date '{value}': {reason}",
                                  {"value": value, "reason": str(err)}) from None
    return value


def _check_text(value: Any) -> Any:
    value = _scalar_source(value)
    if isinstance(value, str) and not value.strip():
        raise PydanticCustomError("CS105", "text is empty")
    return value


Id = Annotated[str, BeforeValidator(_check_id), Field(
    json_schema_extra={"pattern": ID_PATTERN, "type": ["string", "number"]},
    description="Stable identifier, chosen once and never changed: lower case, digits, '.' or '-'.")]
"""An identifier: the permanent part of a clause's address."""

PartialDate = Annotated[str, BeforeValidator(_check_date), Field(
    json_schema_extra={"pattern": r"^\d{4}(-\d{2}(-\d{2})?)?$", "type": ["string", "integer"]},
    description="A date as precise as the source gives it: YYYY, YYYY-MM or YYYY-MM-DD.")]
"""A date that may be partial, e.g. ``2011-07`` for "July 2011"."""

Text = Annotated[str, BeforeValidator(_check_text), Field(min_length=1)]
"""Markdown text. Cross-references: ``[[2.1]]`` or ``[[sandwell:2.1]]``. Raw HTML is shown as typed."""

Label = Annotated[str, BeforeValidator(_check_text), Field(min_length=1)]
"""A short single-line text: a heading, a name, a label."""

Number = Annotated[str, BeforeValidator(_scalar_source), Field(
    json_schema_extra={"type": ["string", "number"]},
    description="The number printed beside it in the source (e.g. '3.4'); may change, unlike the id.")]


def no_items() -> Any:
    """The default of a list field: a new empty list for each node. Written ``= []``, pydantic deep-copies the
    default for every node it builds (~500 copies a compact, a quarter of building the model); a factory it
    calls directly. The JSON schema and the guide's reference still say ``default: []`` (content/schema.py,
    cli/guide_reference.py)."""
    return Field(default_factory=list)


# Node comes after the type aliases above: its `review` field is a list of Label.
REVIEW_KEY = "review"
"""The key of review entries, allowed on every mapping (see :attr:`Node.review`)."""
_ITEM_LINE_KEYS = (REVIEW_KEY, "applies_to")
"""Lists whose items are reported one by one, so each item's own line is remembered (not for every list:
that would cost every node of a national register a pass over its keys)."""


class Node(BaseModel):
    """A piece of a compact. Immutable; knows the YAML lines it came from, for error messages."""

    model_config = ConfigDict(extra="forbid", frozen=True, use_attribute_docstrings=True)
    _line: int = PrivateAttr(default=0)
    _key_lines: dict = PrivateAttr(default_factory=dict)
    _value_lines: dict = PrivateAttr(default_factory=dict)
    _item_lines: dict | None = PrivateAttr(default=None)  # a dict only on the few nodes with such a list

    review: list[Label] = no_items()
    """Things to check before publishing (the importer writes one for each guess it makes). Each is a warning
    until you check it against the source and delete it; never shown on the site."""

    @model_validator(mode="wrap")
    @classmethod
    def _remember_lines(cls, data: Any, handler: Any) -> Any:
        model = handler(data)
        if isinstance(data, LineDict):
            # Into the private attributes pydantic has just made (for every node: straight into their dict, not
            # through the model's __setattr__)
            private = model.__pydantic_private__
            private["_line"] = data.line
            private["_key_lines"] = data.key_lines
            private["_value_lines"] = data.value_lines
            for key in _ITEM_LINE_KEYS:
                items = data.get(key)
                if isinstance(items, LineList):
                    private["_item_lines"] = {**(private["_item_lines"] or {}), key: items.item_lines}
        return model

    @property
    def line(self) -> int:
        """Line of this node in its YAML file (0 when built in code)."""
        return self._line

    def line_of(self, key: str) -> int:
        """Line of one of this node's keys, or of the node itself."""
        return self._key_lines.get(key, self._line)

    def value_line(self, key: str) -> int:
        """Line where the value of ``key`` starts (for block text: its first line)."""
        return self._value_lines.get(key, self.line_of(key))

    def item_line(self, key: str, index: int) -> int:
        """Line of one item of the list under ``key`` (``review`` and ``applies_to`` remember theirs); else
        the line after the key's, where a block list's first item sits."""
        lines = (self._item_lines or {}).get(key)
        return lines[index] if lines and index < len(lines) else self.line_of(key) + index + 1


def partial_date_key(value: str) -> tuple[int, int, int]:
    """Sort key for a partial date; missing parts count as the earliest."""
    parts = [int(p) for p in value.split("-")] + [0, 0]
    return parts[0], parts[1], parts[2]
