"""The JSON Schema of the compact format, generated from the model so it cannot drift.

Content files point editors at it with a first line such as
``# yaml-language-server: $schema=../compact_site/schema/compact.schema.json``.
"""
from __future__ import annotations

import json
from pathlib import Path

from .model import Compact

SCHEMA_PATH = Path(__file__).parent / "schema" / "compact.schema.json"
SCHEMA_ID = "https://compact-site.invalid/schema/compact.schema.json"


def compact_schema() -> dict:
    """The schema as a dict (draft 2020-12)."""
    schema = Compact.model_json_schema()
    return {"$schema": "https://json-schema.org/draft/2020-12/schema", "$id": SCHEMA_ID, **schema}


def schema_text() -> str:
    """The schema as the text committed to :data:`SCHEMA_PATH`."""
    return json.dumps(compact_schema(), indent=2, ensure_ascii=False, sort_keys=False) + "\n"


def write_schema(path: Path = SCHEMA_PATH) -> Path:
    """Write the schema file; returns its path."""
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(schema_text(), encoding="utf-8")
    return path
