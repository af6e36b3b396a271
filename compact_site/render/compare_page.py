"""The compare page (``compare.md``, at ``/compare/``): pick two compacts, see their clauses side by side.

The page holds only a small inline index (``<script type="application/json">``: each compact's slug, title,
area and the page-relative address of its data script). Each compact's clauses live in their own generated
script, ``assets/compact-site/compare/<slug>.js``, which ``compare.js`` adds as a ``<script src>`` when that
compact is chosen: a page embedding every clause grows with the register (12.9 MB at 400 compacts), and
``<script src>``, unlike ``fetch()``, also works in the intranet copy opened over ``file://``. ``compare.js``
aligns the two chosen compacts the way :func:`compact_site.core.concordance.align` does in Python. Without
JavaScript the page says so and still lists the compacts.
"""
from __future__ import annotations

import json

from compact_site.core.concordance import Concordance

COMPARE_URI = "compare.md"
DATA_DIR = "assets/compact-site/compare"  # beside the plugin's own assets; one file per compact
DATA_GLOBAL = "compactCompare"  # window.compactCompare[slug]: where a data script leaves its compact


def compare_script_path(slug: str) -> str:
    """A compact's data script, relative to the site root (slugs are [a-z0-9.-], safe as file names)."""
    return f"{DATA_DIR}/{slug}.js"


def compare_data(compacts, concordance: Concordance, citations, directory_urls: bool = True) -> dict[str, list]:
    """What compare.js needs of each compact, by slug: its clauses (id, citation, text, href) and their matches
    as [slug, clause id, score] (score null for an explicit see_also / derived_from link).

    Matches name the other clause by slug and id, not by position, so a compact's file is read on its own.
    Linear in the number of clauses: the entries are grouped by compact once.
    """
    slugs = {c.slug for c in compacts}
    by_slug: dict[str, list] = {slug: [] for slug in slugs}
    for entry in concordance.entries:
        if entry.slug in by_slug and (entry.slug, entry.id) in citations.nodes:
            by_slug[entry.slug].append(entry)
    shown = {(e.slug, e.id) for entries in by_slug.values() for e in entries}  # a match must name a shown clause
    data = {}
    for compact in compacts:
        page = f"../{compact.slug}/" if directory_urls else f"{compact.slug}/index.html"
        data[compact.slug] = [
            {"id": entry.id, "cite": citations.cite(entry.slug, entry.id), "text": entry.text,
             "href": f"{page}#clause-{entry.id}",
             "matches": [[m.slug, m.id, m.score] for m in concordance.similar(entry.slug, entry.id)
                         if (m.slug, m.id) in shown]}
            for entry in by_slug[compact.slug]]
    return data


def compare_scripts(compacts, concordance: Concordance, citations, directory_urls: bool = True) -> list[tuple[str, str]]:
    """The compare page's data files (site path, JavaScript), one per compact, loaded on demand by compare.js.

    Each leaves ``{"slug": ..., "clauses": [...]}`` in ``window.compactCompare[slug]``; compare.js reads it once
    the script's load event fires, so the files need no function of compare.js to exist first.
    """
    data = compare_data(compacts, concordance, citations, directory_urls)
    scripts = []
    for compact in compacts:
        value = _script_json({"slug": compact.slug, "clauses": data[compact.slug]})
        scripts.append((compare_script_path(compact.slug),
                        f"/* compact-site compare data: generated, do not edit. */\n"
                        f"window.{DATA_GLOBAL} = window.{DATA_GLOBAL} || {{}};\n"
                        f"window.{DATA_GLOBAL}[{_script_json(compact.slug)}] = {value};\n"))
    return scripts


def _script_json(value) -> str:
    """JSON safe inside <script> and as JavaScript: no '<', '>' or '&' that an HTML parser (or Markdown) could act
    on, and no raw U+2028/U+2029 (line terminators in older JavaScript string literals)."""
    text = json.dumps(value, ensure_ascii=False, separators=(",", ":"))
    return (text.replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026")
            .replace("\u2028", "\\u2028").replace("\u2029", "\\u2029"))


def _escape(text: str) -> str:
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace('"', "&quot;")


def compare_index(compacts, directory_urls: bool = True) -> dict:
    """The page's inline index: each compact's slug, title, area and data script, the script's address
    relative to the page (``compare/index.html`` with directory URLs, ``compare.html`` without)."""
    up = "../" if directory_urls else ""
    return {"compacts": [{"slug": c.slug, "title": c.title, "area": c.area, "src": up + compare_script_path(c.slug)}
                         for c in compacts]}


def compare_markdown(compacts, concordance: Concordance, citations, directory_urls: bool = True) -> str:
    """The compare page's Markdown: two labelled <select>s, a live status, the result region and the inline
    index (the clauses are in :func:`compare_scripts`' files; ``concordance`` and ``citations`` are unused
    here, kept so every page builder takes the same arguments)."""
    compacts = sorted(compacts, key=lambda c: c.title.lower())
    options = "".join(f'<option value="{c.slug}">{_escape(c.title)}</option>' for c in compacts)

    def select(name: str, label: str, chosen: int) -> str:
        # The register pages' filter fields (compact.css, compact-forms.css): one form style across the site.
        chosen_slug = compacts[min(chosen, len(compacts) - 1)].slug if compacts else ""
        marked = options.replace(f'value="{chosen_slug}"', f'value="{chosen_slug}" selected', 1)
        return (f'<div class="compact-register__filter"><label for="compare-{name}">{label}</label>'
                f'<select id="compare-{name}" name="{name}">{marked}</select></div>')

    data = _script_json(compare_index(compacts, directory_urls))
    return "\n".join([
        "# Compare two compacts", "",
        "Choose two compacts to see their clauses side by side. Each clause of the first is paired with the most "
        "similar clause of the second (the same undertaking, reworded); words only in the first are marked as "
        "deleted, words only in the second as inserted. The pairs come first, the most similar first; then the "
        "clauses of the first compact without a counterpart, then those of the second.",
        "",
        '<form class="compact-compare compact-register__filters" aria-label="Choose compacts" hidden>'
        + select("left", "First compact", 0) + select("right", "Second compact", 1) + "</form>",
        "",
        '<noscript><p>Comparing needs JavaScript. Each clause on a compact\'s page lists its similar undertakings '
        "in other compacts without it.</p></noscript>",
        "",
        # A short polite status, not the whole result: a live table would be read out in full on every change.
        '<p id="compact-compare-status" class="compact-visually-hidden" role="status"></p>',
        "",
        '<div id="compact-compare-result" class="compact-compare__result"></div>',
        "",
        f'<script type="application/json" id="compact-compare-data">{data}</script>',
        "",
    ])
