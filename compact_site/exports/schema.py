"""The JSON Schema of the export format, generated from :mod:`.records` and committed as
``compact_site/schema/export.schema.json``.

Generated rather than written by hand for the reason the content schema is (``content/schema.py``):
the exports are dumps of the same records, so the schema cannot drift from what is written, and each
key's description is its docstring. A test checks the committed file is current; after changing the
records, rewrite it with ``compact-site export --write-schema``.
"""
from __future__ import annotations

import json
from pathlib import Path
from typing import Annotated, Union

from pydantic import Field, TypeAdapter

from compact_site.exports.records import CompactExport, SiteIndex

EXPORT_SCHEMA_PATH = Path(__file__).resolve().parent.parent / "schema" / "export.schema.json"
SCHEMA_ID = "https://compact-site.invalid/schema/export.schema.json"  # same scheme as compact.schema.json

AnyExport = Annotated[Union[CompactExport, SiteIndex], Field(discriminator="kind")]


def export_schema() -> dict:
    """One schema for both files: ``kind`` says which (``compact`` for ``<slug>/compact.json``,
    ``site-index`` for ``compacts.json``)."""
    schema = TypeAdapter(AnyExport).json_schema(by_alias=True)
    return {"$schema": "https://json-schema.org/draft/2020-12/schema", "$id": SCHEMA_ID,
            "title": "compact-site export",
            "description": "A compact (kind 'compact': <slug>/compact.json) or the site index (kind "
                           "'site-index': compacts.json) exported by compact-site.", **schema}


def export_schema_text() -> str:
    return json.dumps(export_schema(), indent=2, ensure_ascii=False) + "\n"


def write_export_schema() -> Path:
    EXPORT_SCHEMA_PATH.write_text(export_schema_text(), encoding="utf-8")
    return EXPORT_SCHEMA_PATH

