"""The committed JSON Schema is current and checks real content; the CLI's commands work."""
from __future__ import annotations

import json

import jsonschema
import pytest

from compact_site.cli.main import main
from compact_site.content.schema import GLOSSARY_SCHEMA_PATH, SCHEMA_PATH, SCHEMAS, schema_text
from compact_site.content.yaml_reader import parse_yaml
from compact_site.errors import CATALOGUE, catalogue_markdown

from .conftest import CONTENT


@pytest.mark.parametrize("path, model", SCHEMAS.items(), ids=lambda v: getattr(v, "name", ""))
def test_committed_schemas_are_current(path, model):
    assert path.read_text(encoding="utf-8") == schema_text(model), \
        f"run `compact-site schema --write` and commit {path.name}"


@pytest.mark.parametrize("path", sorted(CONTENT.glob("*.yml")), ids=lambda p: p.stem)
def test_content_validates_against_schema_and_points_to_it(path):
    schema = GLOSSARY_SCHEMA_PATH if path.stem == "glossary" else SCHEMA_PATH
    text = path.read_text(encoding="utf-8")
    assert text.startswith(f"# yaml-language-server: $schema=../compact_site/schema/{schema.name}")
    data = json.loads(json.dumps(parse_yaml(text).data))
    jsonschema.validate(data, json.loads(schema.read_text(encoding="utf-8")))


def test_schema_rejects_unknown_keys():
    schema = json.loads(SCHEMA_PATH.read_text(encoding="utf-8"))
    with pytest.raises(jsonschema.ValidationError):
        jsonschema.validate({"slug": "x", "title": "T", "area": "A", "status": "adopted", "titel": "?"}, schema)


def test_validate_content_passes(capsys):
    assert main(["validate", str(CONTENT)]) == 0
    assert "0 errors, 0 warnings" in capsys.readouterr().out


def test_new_creates_a_compact_that_validates(tmp_path, capsys):
    assert main(["new", "north-tyneside", "--dir", str(tmp_path)]) == 0
    created = tmp_path / "north-tyneside.yml"
    text = created.read_text(encoding="utf-8")
    assert "slug: north-tyneside" in text and "# " in text  # commented starter
    assert main(["validate", str(created)]) == 0


def test_new_refuses_to_overwrite_or_bad_slug(tmp_path, capsys):
    assert main(["new", "ok-name", "--dir", str(tmp_path)]) == 0
    assert main(["new", "ok-name", "--dir", str(tmp_path)]) == 2
    assert main(["new", "Bad Name", "--dir", str(tmp_path)]) == 2
    assert "already exists" in capsys.readouterr().err


def test_error_catalogue_lists_every_code(capsys):
    assert main(["errors"]) == 0
    out = capsys.readouterr().out
    assert out == catalogue_markdown()
    for code, entry in CATALOGUE.items():
        assert f"| {code} | {entry.name} |" in out
