"""The JSON Schema of the compact format, generated from the model so it cannot drift.

Content files point editors at it with a first line such as
``# yaml-language-server: $schema=../compact_site/schema/compact.schema.json``.
"""
from __future__ import annotations

import json
from pathlib import Path

from pydantic.json_schema import GenerateJsonSchema

from compact_site.model import Compact, Glossary

SCHEMA_DIR = Path(__file__).parent.parent / "schema"
SCHEMA_PATH = SCHEMA_DIR / "compact.schema.json"
GLOSSARY_SCHEMA_PATH = SCHEMA_DIR / "glossary.schema.json"
SCHEMAS = {SCHEMA_PATH: Compact, GLOSSARY_SCHEMA_PATH: Glossary}


class _ListDefaults(GenerateJsonSchema):
    """Pydantic's schema, with ``"default": []`` for a list field whose default is made by ``list`` (model/base.py
    no_items, the same default, built faster), as for one written ``= []``."""

    def get_default_value(self, schema):
        if schema.get("default_factory") is list and not schema.get("default_factory_takes_data"):
            return []
        return super().get_default_value(schema)


def compact_schema(model: type = Compact) -> dict:
    """A model's schema as a dict (draft 2020-12)."""
    schema_id = f"https://compact-site.invalid/schema/{model.__name__.lower()}.schema.json"
    return {"$schema": "https://json-schema.org/draft/2020-12/schema", "$id": schema_id,
            **model.model_json_schema(schema_generator=_ListDefaults)}


def schema_text(model: type = Compact) -> str:
    """The schema as the text committed beside the package."""
    return json.dumps(compact_schema(model), indent=2, ensure_ascii=False, sort_keys=False) + "\n"


def write_schema() -> Path:
    """Write every schema file (compact and site glossary); returns the folder."""
    SCHEMA_DIR.mkdir(parents=True, exist_ok=True)
    for path, model in SCHEMAS.items():
        path.write_text(schema_text(model), encoding="utf-8")
    return SCHEMA_DIR
