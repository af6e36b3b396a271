"""Walking the model: every text a node holds that may be published, and how messages name a node."""
from __future__ import annotations

import functools

from pydantic import BaseModel

from compact_site.model.base import REVIEW_KEY, Node


def walk_texts(node: BaseModel) -> list[tuple[Node, str, str]]:
    """Every string in a model that may be published, with the node and key holding it (review entries are
    notes to the editor, never published, so their footnote markers and references are not checked).
    Gathered into one list: a generator nested as deep as the model passed each text up through every level
    (~500,000 frames a national register); every caller reads the whole walk, in this order."""
    found: list[tuple[Node, str, str]] = []
    _gather_texts(node, found)
    return found


def _gather_texts(node: BaseModel, found: list) -> None:
    """:func:`walk_texts` for one node: its fields in order, a list's items in order, depth first."""
    for key in _field_names(type(node)):
        value = getattr(node, key)
        if key == REVIEW_KEY and isinstance(value, list):
            continue
        for item in value if isinstance(value, list) else (value,):
            if isinstance(item, str):
                found.append((node, key, item))
            elif isinstance(item, BaseModel):
                _gather_texts(item, found)


@functools.cache
def _field_names(model: type[BaseModel]) -> tuple[str, ...]:
    """A model's field names, in order (``model_fields`` is a property, computed at each call)."""
    return tuple(model.model_fields)


_KIND_NAMES = {"step": "stage", "namedblock": "passage", "formfield": "field"}  # the words authors see


def subject_of(node: Node) -> str:
    """How a message names the node holding a text ("clause '3.1'"), or '' for unnamed parts."""
    ident = getattr(node, "id", None)
    kind = type(node).__name__.lower()
    return f"{_KIND_NAMES.get(kind, kind)} '{ident}'" if isinstance(ident, str) else ""
