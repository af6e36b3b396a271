"""Each compact, rendered to text with no site, must carry every sentence of its source document.

Uses the sentence matcher of ``../shared/tools/fidelity.py`` so that gaps in the model show before any
page exists. Sentences judged extraction garbage are listed in ``tests/fidelity-ignore.txt`` (at most
3 % of a document).
"""
from __future__ import annotations

import importlib.util

import pytest

from compact_site.render.compact_page import render_compact_page

from .conftest import ROOT, SHARED, SOURCES

SOURCE_FILES = {"sandwell": "sandwell.md", "wolverhampton": "wolverhampton.txt", "southampton": "southampton.txt",
                "staffordshire-stoke-on-trent": "staffordshire-stoke-on-trent.md", "westminster": "westminster.md"}
MAX_IGNORED = 0.03


def _fidelity():
    path = SHARED / "tools" / "fidelity.py"
    if not path.exists():
        pytest.fail(f"{path} is missing: the shared tools must sit beside the repository")
    spec = importlib.util.spec_from_file_location("fidelity", path)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def _ignored(fidelity) -> set[str]:
    lines = (ROOT / "tests" / "fidelity-ignore.txt").read_text(encoding="utf-8").splitlines()
    return {" ".join(fidelity.words(line)) for line in lines if line.strip() and not line.startswith("#")}


def _text_of(fidelity, compact) -> str:
    parser = fidelity._MainText()
    parser.feed(render_compact_page(compact).html())
    return "".join(parser.all)


@pytest.mark.parametrize("slug", sorted(SOURCE_FILES))
def test_compact_carries_every_source_sentence(slug, loaded_content):
    by_slug = {c.slug: c for c in loaded_content.compacts}
    if slug not in by_slug:
        pytest.fail(f"content/{slug}.yml is missing or invalid")
    fidelity = _fidelity()
    ignored = _ignored(fidelity)
    wanted = fidelity.sentences((SOURCES / SOURCE_FILES[slug]).read_text(encoding="utf-8"))
    counted = [s for s in wanted if " ".join(fidelity.words(s)) not in ignored]
    site = fidelity.SiteWords(_text_of(fidelity, by_slug[slug]))
    missing = [s for s in counted if not site.holds(s)]
    assert not missing, f"{len(missing)} of {len(counted)} sentences missing:\n" + "\n".join(missing)
    assert len(wanted) - len(counted) <= MAX_IGNORED * len(wanted), "too many sentences ignored as garbage"


def test_no_extraction_artefacts_are_published(loaded_content):
    fidelity = _fidelity()
    import re

    for compact in loaded_content.compacts:
        text = _text_of(fidelity, compact)
        found = [pattern for pattern in fidelity.ARTEFACTS if re.search(pattern, text)]
        assert not found, f"{compact.slug} publishes extraction artefacts: {found}"
