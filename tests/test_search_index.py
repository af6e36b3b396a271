"""Material's search index with one entry per clause added after Material writes it (pages/search.py)."""
from __future__ import annotations

import json

import pytest

from compact_site.pages.search import merge_into_material_index, merged_index_text

pytestmark = pytest.mark.unit


@pytest.mark.parametrize("docs", [[], [{"location": "a/", "title": "A’s", "text": "<p>x</p>"}]])
@pytest.mark.parametrize("shape", ["material", "indented"])
def test_clause_entries_join_materials_index_as_data(docs, shape):
    """The clause entries are appended to the documents of Material's index without reading it whole when it has
    Material's own shape; any other shape is read whole. Either way the data is the merge of the two."""
    index = {"config": {"lang": ["en"], "separator": '[\\s\\-,:!=\\[\\]()"/]+|"docs":[', "pipeline": ["stopWordFilter"]},
             "docs": docs}
    text = json.dumps(index, separators=(",", ":"), default=str) if shape == "material" else json.dumps(index, indent=1)
    entries = [{"location": "sandwell/#clause-4.2", "title": "Sandwell 4.2 – Funding & <b>", "text": "Fund ‘fairly’."}]
    merged = merged_index_text(text, entries)
    assert json.loads(merged) == merge_into_material_index(index, entries)
    assert json.loads(merged_index_text(text, [])) == index
    if shape == "material":
        assert merged_index_text(text, []) == text  # left as Material wrote it
