"""The concordance (compact_site/core/concordance.py): labelled pairs, the issue's examples, alignment, explicit
links, and the 400-compact budget (no all-pairs comparison)."""
from __future__ import annotations

import json
import random
import time
from pathlib import Path

import pytest
import yaml

from compact_site.core.concordance import Concordance, Entry, align, entries_of, features, similarity
from compact_site.core.context import BuildContext

PAIRS = Path(__file__).parent / "data" / "concordance-pairs.yml"
BUDGET_SECONDS = 3.0  # issue 9: 400 compacts (~32,000 clauses) on this 2-core machine
# The test fails only past 1.5x the budget: measured 2.75-2.91 s CPU here, so a busy CI machine must not turn a
# timing wobble into a failed landing. The printed figure is what is reported against the 3 s budget.
GUARD_SECONDS = 1.5 * BUDGET_SECONDS


@pytest.fixture(scope="module")
def concordance(loaded_content) -> Concordance:
    return Concordance.build(entries_of(loaded_content.compacts))


def linked(concordance: Concordance, a: str, b: str) -> bool:
    """Whether the site lists ``b`` under ``a`` or ``a`` under ``b`` ('slug:id' each)."""
    ka, kb = tuple(a.split(":")), tuple(b.split(":"))
    return (any((m.slug, m.id) == kb for m in concordance.similar(*ka))
            or any((m.slug, m.id) == ka for m in concordance.similar(*kb)))


def test_labelled_pairs_precision_and_recall(concordance):
    labelled = yaml.safe_load(PAIRS.read_text(encoding="utf-8"))
    assert len(labelled["match"]) >= 20 and len(labelled["no_match"]) >= 20
    found = [linked(concordance, a, b) for a, b in labelled["match"]]
    false_positives = [(a, b) for a, b in labelled["no_match"] if linked(concordance, a, b)]
    true_positives = sum(found)
    precision = true_positives / (true_positives + len(false_positives))
    recall = true_positives / len(found)
    missed = [pair for pair, hit in zip(labelled["match"], found) if not hit]
    print(f"\nconcordance: precision {precision:.3f} ({true_positives}/{true_positives + len(false_positives)}), "
          f"recall {recall:.3f} ({true_positives}/{len(found)}); missed {missed}; false positives {false_positives}")
    assert precision >= 0.9 and recall >= 0.9


@pytest.mark.parametrize("a, b", [("wolverhampton:2.1", "southampton:1.1"),
                                  ("wolverhampton:2.1", "westminster:s1-statutory-1"),
                                  ("southampton:1.1", "westminster:s1-statutory-1"),
                                  ("wolverhampton:5.4", "southampton:4.5"),
                                  ("wolverhampton:5.4", "westminster:s2-statutory-9"),
                                  ("southampton:4.5", "westminster:s2-statutory-9")])
def test_issue_examples_are_listed_both_ways(concordance, a, b):
    ka, kb = tuple(a.split(":")), tuple(b.split(":"))
    assert kb in [(m.slug, m.id) for m in concordance.similar(*ka)]
    assert ka in [(m.slug, m.id) for m in concordance.similar(*kb)]


def test_matches_are_in_other_compacts_with_a_score(concordance):
    for (slug, _), matches in concordance.matches.items():
        assert all(m.slug != slug and 0 < m.score <= 1 for m in matches if m.kind == "similar")


def test_alignment_pairs_wolverhampton_2_1_with_southampton_1_1(concordance):
    rows, unmatched = align(concordance, "wolverhampton", "southampton")
    paired = dict(rows)
    assert paired["2.1"] == "1.1" and paired["5.4"] == "4.5"
    assert len(set(v for v in paired.values() if v)) == len([v for v in paired.values() if v])  # one-to-one
    assert "1.1" not in unmatched and unmatched  # Southampton has clauses Wolverhampton lacks (e.g. 3.20)


def test_explicit_links_come_first_and_win():
    entries = [Entry("a", "1", "give three months notice in writing before ending funding",
                     (("b", "9", "see also"),)),
               Entry("b", "9", "an unrelated sentence about parks"),
               Entry("b", "2", "give three months notice in writing before ending funding")]
    matches = Concordance.build(entries).similar("a", "1")
    assert [(m.slug, m.id, m.kind) for m in matches] == [("b", "9", "see also"), ("b", "2", "similar")]
    assert matches[0].score is None


def near_copies(real: list[Entry], compacts: int, per_compact: int, seed: int = 9) -> list[Entry]:
    """A national register made of the real clauses, reworded: each compact takes ``per_compact`` of them and
    swaps or drops about one word in eight (as local compacts reword the national text)."""
    rng = random.Random(seed)
    vocabulary = sorted({w for e in real for w in e.text.split()})
    made = []
    for n in range(compacts):
        for i, source in enumerate(rng.sample(real, per_compact)):
            out = []
            for word in source.text.split():
                roll = rng.random()
                if roll < 0.06:
                    continue
                out.append(rng.choice(vocabulary) if roll < 0.12 else word)
            made.append(Entry(f"c{n}", f"{i}", " ".join(out), ()))
    return made


def test_400_compacts_within_budget_and_copies_find_each_other(loaded_content):
    real = [e for e in entries_of(loaded_content.compacts) if len(e.text.split()) >= 6]
    entries = near_copies(real, compacts=400, per_compact=80)
    # CPU time of this process, best of two: other jobs share this 2-core machine (benchmarks run beside the
    # suite), and wall time would measure them too. Wall time is printed as well.
    # The build runs it with the cyclic collector paused (plugin.on_files, compact_site/runtime/memory.py); so does
    # this test, or the heap left by the suite's earlier tests would be timed too.
    from compact_site.runtime.memory import collector_paused
    timings = []
    for _ in range(2):
        with collector_paused():
            wall, cpu = time.perf_counter(), time.process_time()
            built = Concordance.build(entries)
            timings.append((time.process_time() - cpu, time.perf_counter() - wall))
    seconds, wall_seconds = min(timings)
    # A copy's best match should be a copy of the same real clause: same text source, so high similarity.
    sample = entries[::97]
    found = sum(bool(built.similar(e.slug, e.id)) for e in sample) / len(sample)
    print(f"\nconcordance at scale: {len(entries)} clauses in 400 compacts: {seconds:.2f} s CPU "
          f"({wall_seconds:.2f} s wall); "
          f"{found:.0%} of sampled clauses have a similar clause listed")
    assert seconds <= GUARD_SECONDS, f"{seconds:.2f} s CPU against a {BUDGET_SECONDS} s budget"
    assert found >= 0.95


def test_similarity_tells_code_of_practice_apart():
    a = features("adhere to the principles contained within the Compact Funding Code of Practice.")
    b = features("adhere to the principles contained within the Compact Communication and Consultation Code of Practice")
    assert similarity(a, a) == pytest.approx(1.0) and similarity(a, b) < 1.0


def test_see_also_naming_an_unknown_clause_is_reported(loaded_content):
    from compact_site.content.checks import _check_links

    clause = loaded_content.compacts[0].clauses()[0].model_copy(
        update={"see_also": ["southampton:99.9", "nowhere:1.1"], "derived_from": ["southampton:1.1"]})

    class OneClause:  # only clauses() is read by the check
        def clauses(self):
            return [clause]

    ids = {"southampton": {"1.1"}}
    problems = _check_links(OneClause(), "content/x.yml", ids)
    assert sorted(p.code for p in problems) == ["CS401", "CS402"]


def test_compact_page_lists_similar_undertakings_collapsed(loaded_content):
    from compact_site.pages.listing import site_pages
    from compact_site.render.fragments import splice

    pages = {p.src_uri: p for p in site_pages(BuildContext(loaded_content.compacts), loaded_content.files, True)}
    source = pages["wolverhampton/index.md"]
    page = splice(source.markdown, source.blocks)  # the clause blocks are HTML, put in after Markdown
    assert ('<details class="compact-similar" data-compact-noterms>\n'
            '<summary>Similar undertakings to Wolverhampton 2.1 (2)</summary>') in page
    assert '<li><a href="../southampton/#clause-1.1">Southampton 1.1</a> – 94% similar</li>' in page


# The compare page: a small inline index; each compact's clauses in its own script, loaded on demand.

@pytest.fixture(scope="module")
def built_compare_site(tmp_path_factory) -> Path:
    """The repository's site (its 5 example compacts), built strict, as published."""
    import os

    from mkdocs.commands.build import build
    from mkdocs.config import load_config

    os.environ["NO_MKDOCS_2_WARNING"] = "1"
    site = tmp_path_factory.mktemp("compare-site")
    build(load_config(str(Path(__file__).parent.parent / "mkdocs.yml"), site_dir=str(site), strict=True))
    return site


def script_data(text: str) -> dict:
    """The value a compare data script assigns (it is one JSON literal after the last ' = ')."""
    return json.loads(text.rsplit(" = ", 1)[1].removesuffix(";\n"))


def test_compare_page_is_a_small_index_without_clause_text(built_compare_site, loaded_content):
    page = built_compare_site / "compare" / "index.html"
    html = page.read_text(encoding="utf-8")
    print(f"\ncompare page: {len(html.encode())} bytes of HTML for {len(loaded_content.compacts)} compacts")
    assert len(html.encode()) < 20_000
    long_texts = [e.text for e in entries_of(loaded_content.compacts) if len(e.text.split()) >= 8]
    assert long_texts and not [t for t in long_texts if t in html]
    index = json.loads(html.split('id="compact-compare-data">', 1)[1].split("</script>", 1)[0])
    assert sorted(c["slug"] for c in index["compacts"]) == sorted(c.slug for c in loaded_content.compacts)
    for compact in index["compacts"]:
        assert set(compact) == {"slug", "title", "area", "src"}
        # src is relative to the page, as a <script src> inserted into it resolves it
        assert (page.parent / compact["src"]).resolve().is_file(), compact["src"]


def test_compare_index_points_at_the_scripts_from_either_page_address(loaded_content):
    from compact_site.render.compare_page import compare_index

    served = compare_index(loaded_content.compacts, directory_urls=True)["compacts"][0]
    intranet = compare_index(loaded_content.compacts, directory_urls=False)["compacts"][0]
    # compare/index.html with directory URLs; compare.html at the site root without (the intranet copy)
    assert served["src"] == f"../assets/compact-site/compare/{served['slug']}.js"
    assert intranet["src"] == f"assets/compact-site/compare/{intranet['slug']}.js"


def test_compare_scripts_one_per_compact_and_matches_resolve(loaded_content, concordance):
    from compact_site.core.citations import Citations
    from compact_site.render.compare_page import compare_scripts

    compacts = loaded_content.compacts
    scripts = compare_scripts(compacts, concordance, Citations(compacts, loaded_content.glossary))
    assert [path for path, _ in scripts] == [f"assets/compact-site/compare/{c.slug}.js" for c in compacts]
    data = {}
    for path, text in scripts:
        slug = path.rsplit("/", 1)[1].removesuffix(".js")
        assert f'window.compactCompare["{slug}"] = ' in text
        data[slug] = script_data(text)
        assert data[slug]["slug"] == slug
    ids = {slug: {c["id"] for c in d["clauses"]} for slug, d in data.items()}
    # Matches are [slug, clause id, score]: each names a clause that is in that compact's own file.
    for slug, d in data.items():
        for clause in d["clauses"]:
            assert all(m[0] != slug and m[1] in ids[m[0]] for m in clause["matches"]), clause["id"]
    wolverhampton = {c["id"]: c for c in data["wolverhampton"]["clauses"]}
    assert ["southampton", "1.1"] in [m[:2] for m in wolverhampton["2.1"]["matches"]]
    assert wolverhampton["2.1"]["href"] == "../wolverhampton/#clause-2.1"
    assert wolverhampton["2.1"]["cite"] == "Wolverhampton 2.1"


def align_as_compare_js(data: dict, a: str, b: str) -> list[tuple[str, str | None]]:
    """compare.js's align() over the data scripts' clauses: matches as [slug, id, score], either direction,
    best first, ties in page order."""
    left, right = data[a], data[b]
    at_left, at_right = {c["id"]: i for i, c in enumerate(left)}, {c["id"]: j for j, c in enumerate(right)}
    pairs = [(1.0 if m[2] is None else m[2], i, at_right[m[1]])
             for i, c in enumerate(left) for m in c["matches"] if m[0] == b]
    pairs += [(1.0 if m[2] is None else m[2], at_left[m[1]], j)
              for j, c in enumerate(right) for m in c["matches"] if m[0] == a]
    paired: dict[int, int] = {}
    for _score, i, j in sorted(pairs, key=lambda p: (-p[0], p[1], p[2])):
        if i not in paired and j not in paired.values():
            paired[i] = j
    return [(c["id"], right[paired[i]]["id"] if i in paired else None) for i, c in enumerate(left)]


def test_compare_data_pairs_as_the_python_alignment(loaded_content, concordance):
    """The data scripts, aligned as compare.js does, pair every two compacts exactly as align() does, Wolverhampton
    2.1 with Southampton 1.1 among them (compare.js's own run is in tests/browser/test_compare.py)."""
    from compact_site.core.citations import Citations
    from compact_site.render.compare_page import compare_data

    data = compare_data(loaded_content.compacts, concordance, Citations(loaded_content.compacts))
    rows = dict(align_as_compare_js(data, "wolverhampton", "southampton"))
    assert rows["2.1"] == "1.1" and rows["5.4"] == "4.5"
    for a in data:
        for b in data:
            if a != b:
                assert align_as_compare_js(data, a, b) == align(concordance, a, b)[0], (a, b)


def test_compare_script_json_is_safe_inside_script_and_javascript():
    from compact_site.render.compare_page import _script_json

    value = {"text": "a</script><b>&amp; \u2028line\u2029para"}
    text = _script_json(value)
    assert not set("<>&\u2028\u2029") & set(text)
    assert json.loads(text) == value


def test_shared_bigrams_are_one_object_and_the_same_features():
    # Concordance.build passes one dict to every clause's features, so equal bigrams are the same string object
    # (compared by identity in the index); the features themselves do not change.
    canon: dict[str, str] = {}
    text = "The council will give three months notice of any change to funding."
    first, second = features(text, canon), features(text.upper(), canon)
    assert first == second == features(text)
    assert {id(f) for f in first} == {id(f) for f in second}


def test_plain_text_drops_markup_only_where_there_is_some():
    from compact_site.core.concordance import plain_text

    assert plain_text("Give  three months' notice.") == "Give three months' notice."
    assert plain_text("See [[funding:2.1]] and [the code](https://example.org/c) *now*[^n1].") == \
        "See and the code ( now ."  # the address goes first, as a URL: its "(" stays (as before the shortcut)
    assert plain_text("Read https://example.org/x | then `this` # here > there") == "Read then this here there"
