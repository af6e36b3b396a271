"""Walking the model: every text a node holds that may be published, and how messages name a node."""
from __future__ import annotations

from typing import Iterator

from pydantic import BaseModel

from compact_site.model.base import REVIEW_KEY, Node


def walk_texts(node: BaseModel) -> Iterator[tuple[Node, str, str]]:
    """Every string in a model that may be published, with the node and key holding it (review entries are
    notes to the editor, never published, so their footnote markers and references are not checked)."""
    for key in type(node).model_fields:
        value = getattr(node, key)
        if key == REVIEW_KEY and isinstance(value, list):
            continue
        for item in value if isinstance(value, list) else [value]:
            if isinstance(item, str):
                yield node, key, item
            elif isinstance(item, BaseModel):
                yield from walk_texts(item)


_KIND_NAMES = {"step": "stage", "namedblock": "passage", "formfield": "field"}  # the words authors see


def subject_of(node: Node) -> str:
    """How a message names the node holding a text ("clause '3.1'"), or '' for unnamed parts."""
    ident = getattr(node, "id", None)
    kind = type(node).__name__.lower()
    return f"{_KIND_NAMES.get(kind, kind)} '{ident}'" if isinstance(ident, str) else ""
