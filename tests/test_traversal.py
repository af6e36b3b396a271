"""walk_texts reads each node's ``__dict__`` (model/traversal.py): the same texts, in the same order, as reading
every model field by name."""
from __future__ import annotations

import pytest
from pydantic import BaseModel

from compact_site.model.base import REVIEW_KEY
from compact_site.model.traversal import walk_texts

pytestmark = pytest.mark.unit


def by_field_names(node: BaseModel, found: list) -> list:
    for key in type(node).model_fields:
        value = getattr(node, key)
        if key == REVIEW_KEY and isinstance(value, list):
            continue
        for item in value if isinstance(value, list) else (value,):
            if isinstance(item, str):
                found.append((node, key, item))
            elif isinstance(item, BaseModel):
                by_field_names(item, found)
    return found


def test_every_text_in_field_order(loaded_content):
    for compact in loaded_content.compacts:
        walked = walk_texts(compact)
        assert [(id(node), key, text) for node, key, text in walked] == \
            [(id(node), key, text) for node, key, text in by_field_names(compact, [])], compact.slug
        assert len(walked) > 50
