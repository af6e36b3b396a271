"""The plain-prose fast path agrees with Markdown on every clause of the 400-compact national set.

The set is generated outside the repository (``/dev/shm/b400``); where it is missing this test is skipped,
and ``test_exports_speed.py`` still covers the five compacts and generated tricky strings.
"""
from __future__ import annotations

import functools
import importlib
from pathlib import Path

import pytest

from compact_site.exports import text
from compact_site.pages import search

from .test_exports_speed import fast_equals_slow

# By name: the package's own ``akn_text`` is the function of that name, which hides the module.
akn_text = importlib.import_module("compact_site.exports.akn_text")
NATIONAL = Path("/dev/shm/b400/ours/content")


@pytest.mark.skipif(not NATIONAL.is_dir(), reason="the national test set is not on this machine")
def test_fast_path_matches_markdown_on_every_national_clause(monkeypatch):
    from compact_site.content.site_loader import load_content

    loaded = load_content([NATIONAL])
    texts = sorted({node.text for compact in loaded.compacts for node in compact.citable()})
    # The three general paths render the same Markdown for prose; rendering it once keeps this test short.
    cached = functools.lru_cache(maxsize=None)(text.to_html)
    for module in (text, search, akn_text):
        monkeypatch.setattr(module, "to_html", cached)
    accepted = sum(fast_equals_slow(source) for source in texts)
    assert accepted > len(texts) * 0.9
