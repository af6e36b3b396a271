"""Property-based tests: no input makes the loader raise. It returns a model or its own coded Problems.

Two generators: arbitrary YAML-able documents (keys drawn from the format's own field names so they reach
deep into the model, plus arbitrary text), and the real compacts of ``content/`` mutated as text (lines
deleted, duplicated, swapped, re-indented; hostile characters spliced in) and as data (one value replaced).

Budget: ``max_examples`` = 150 (any document), 150 (format keys), 200 (text mutations), 150 (data mutations),
with a per-example ``deadline`` of 1 s; all together take about 15 s. No example database is kept
(``database=None``): a failure prints the falsifying example to paste into ``test_known_awkward_inputs``.
"""
from __future__ import annotations

import json
from pathlib import Path

import pytest
import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from compact_site.content.checks import check_compact, check_references
from compact_site.content.loader import parse_compact
from compact_site.errors import CATALOGUE, Problem
from compact_site.model import Compact

from .conftest import CONTENT

REAL = {path.stem: path.read_text(encoding="utf-8-sig") for path in sorted(CONTENT.glob("*.yml"))
        if path.stem != "glossary"}
KEYS = sorted({"slug", "title", "area", "status", "id", "number", "text", "sections", "groups", "party",
               "clauses", "items", "dates", "adopted", "review", "footnotes", "glossary", "terms", "term",
               "definition", "forms", "fields", "kind", "options", "label", "signatories", "withdrawn",
               "former_ids", "parties", "undertakings", "about", "steps", "procedures", "editorial_notes",
               *Compact.model_fields})
REAL_DATA = {slug: json.dumps(yaml.load(text, Loader=yaml.CSafeLoader), default=str) for slug, text in REAL.items()}
FUZZ = settings(deadline=1000, database=None, suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])

scalars = st.one_of(st.none(), st.booleans(), st.integers(-10**6, 10**12), st.floats(allow_nan=False),
                    st.text(max_size=40), st.sampled_from(["adopted", "all", "vcs", "1.1", "2011-02-30", "[[1.1]]",
                                                           "[^x]", "choice", "<script>", ""]))
keys = st.one_of(st.sampled_from(KEYS), st.text(min_size=1, max_size=12))
documents = st.recursive(scalars, lambda inner: st.one_of(st.lists(inner, max_size=4),
                                                          st.dictionaries(keys, inner, max_size=6)),
                         max_leaves=40)


def dump(data) -> str:
    return yaml.dump(data, Dumper=yaml.CSafeDumper, allow_unicode=True)


def assert_only_problems(text: str) -> None:
    """Load as ``compact-site validate`` would; anything but a model or Problems fails the test."""
    compact, problems = parse_compact(text, "fuzz.yml", "fuzz")
    if compact is not None:
        problems += check_compact(compact, "fuzz.yml")
        problems += check_references({compact.slug: compact}, {compact.slug: "fuzz.yml"}, set())
    for problem in problems:
        assert isinstance(problem, Problem) and problem.code in CATALOGUE
        problem.format()


@settings(FUZZ, max_examples=150)
@given(documents)
def test_any_yaml_document_gives_a_model_or_problems(document):
    assert_only_problems(dump(document))


@settings(FUZZ, max_examples=150)
@given(st.dictionaries(st.sampled_from(KEYS), documents, max_size=8))
def test_any_mapping_of_format_keys_gives_a_model_or_problems(document):
    base = {"slug": "fuzz", "title": "T", "area": "A", "status": "adopted"}
    assert_only_problems(dump({**base, **document}))


HOSTILE = st.sampled_from(["\t", "'", '"', ":", ": ", "- ", "&a ", "*a", "!!python/object:os.system ", "[", "{",
                           "}", "#", "|", "\r\n", "\ufeff", "\x00", "\x85", "<<: ", "? ", "%YAML 1.1\n", "---\n",
                           "...\n", "[[", "]]", "[^", "é", "\u2028"])


@st.composite
def mutated_text(draw) -> str:
    lines = REAL[draw(st.sampled_from(sorted(REAL)))].splitlines(keepends=True)
    for _ in range(draw(st.integers(1, 4))):
        at = draw(st.integers(0, len(lines) - 1))
        how = draw(st.sampled_from(["delete", "duplicate", "swap", "indent", "dedent", "splice", "truncate"]))
        if how == "delete":
            del lines[at]
        elif how == "duplicate":
            lines.insert(at, lines[at])
        elif how == "swap":
            other = draw(st.integers(0, len(lines) - 1))
            lines[at], lines[other] = lines[other], lines[at]
        elif how == "indent":
            lines[at] = draw(st.sampled_from(["  ", " ", "\t"])) + lines[at]
        elif how == "dedent":
            lines[at] = lines[at].lstrip()
        elif how == "splice":
            cut = draw(st.integers(0, len(lines[at])))
            lines[at] = lines[at][:cut] + draw(st.one_of(HOSTILE, st.text(max_size=8))) + lines[at][cut:]
        else:
            lines = lines[:at]
        if not lines:
            break
    return "".join(lines)


@settings(FUZZ, max_examples=200)
@given(mutated_text())
def test_mutated_real_compact_text_gives_a_model_or_problems(text):
    assert_only_problems(text)


@st.composite
def mutated_data(draw) -> str:
    data = json.loads(REAL_DATA[draw(st.sampled_from(sorted(REAL)))])
    for _ in range(draw(st.integers(1, 3))):
        node, path = data, []
        while isinstance(node, (dict, list)) and node and draw(st.booleans()):
            key = draw(st.sampled_from(sorted(node))) if isinstance(node, dict) else draw(
                st.integers(0, len(node) - 1))
            path.append((node, key))
            node = node[key]
        if path:
            parent, key = path[-1]
            parent[key] = draw(documents)
    return dump(data)


@settings(FUZZ, max_examples=150)
@given(mutated_data())
def test_mutated_real_compact_data_gives_a_model_or_problems(text):
    assert_only_problems(text)


def test_the_real_compacts_still_load():
    for slug, text in REAL.items():
        compact, problems = parse_compact(text, f"{slug}.yml", slug)
        assert compact is not None and not [p for p in problems if p.severity == "error"], slug


@pytest.mark.parametrize("text", ["", "\x00", "a: *b", "- &a [*a]", "&a [*a, *a]", "!!python/object:os.system {}",
                                  "{" * 200, "? [a]\n: b", "a: !!binary aGk=", "slug: [1, {2: 3}]"])
def test_known_awkward_inputs(text):
    assert_only_problems(text)
