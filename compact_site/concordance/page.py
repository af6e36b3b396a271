"""The compare page (``compare.md``, at ``/compare/``): pick two compacts, see their clauses side by side.

The page works without a server and over ``file://``: its data is an inline
``<script type="application/json">`` (no ``fetch()``), and ``assets/compact.js``'s sibling ``compare.js`` aligns
the two chosen compacts in the browser the way :func:`compact_site.concordance.align` does in Python. Without
JavaScript the page says so and still lists the compacts.
"""
from __future__ import annotations

import json

from . import Concordance

COMPARE_URI = "compare.md"


def compare_data(compacts, concordance: Concordance, citations, directory_urls: bool = True) -> dict:
    """What compare.js needs: every compact's clauses (id, label, citation, text, href) and their matches as
    [compact index, clause index, score] (score null for an explicit see_also / derived_from link)."""
    order = {c.slug: n for n, c in enumerate(compacts)}
    position: dict[str, dict[str, int]] = {}
    for entry in concordance.entries:
        ids = position.setdefault(entry.slug, {})
        ids[entry.id] = len(ids)
    data = []
    for compact in compacts:
        page = f"../{compact.slug}/" if directory_urls else f"{compact.slug}/index.html"
        clauses = []
        for entry in (e for e in concordance.entries if e.slug == compact.slug):
            node = citations.nodes.get((entry.slug, entry.id))
            if node is None:
                continue
            label = getattr(node, "number", None) or getattr(node, "title", None) or entry.id
            matches = [[order[m.slug], position[m.slug][m.id], m.score]
                       for m in concordance.similar(entry.slug, entry.id)
                       if m.slug in order and m.id in position.get(m.slug, {})]
            clauses.append({"id": entry.id, "label": label, "cite": citations.cite(entry.slug, entry.id),
                            "text": entry.text, "href": f"{page}#clause-{entry.id}", "matches": matches})
        data.append({"slug": compact.slug, "title": compact.title, "area": compact.area, "clauses": clauses})
    return {"compacts": data}


def compare_scripts(compacts, concordance: Concordance, citations, directory_urls: bool = True) -> list[tuple[str, str]]:
    """The compare page's data files (site path, JavaScript), loaded on demand by compare.js."""
    return []


def _script_json(value) -> str:
    """JSON safe inside <script>: no '<', '>' or '&' that an HTML parser (or Markdown) could act on."""
    text = json.dumps(value, ensure_ascii=False, separators=(",", ":"))
    return text.replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026")


def _escape(text: str) -> str:
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace('"', "&quot;")


def compare_markdown(compacts, concordance: Concordance, citations, directory_urls: bool = True) -> str:
    """The compare page's Markdown: two labelled <select>s, a live result region and the inline data."""
    compacts = sorted(compacts, key=lambda c: c.title.lower())
    options = "".join(f'<option value="{c.slug}">{_escape(c.title)}</option>' for c in compacts)

    def select(name: str, label: str, chosen: int) -> str:
        chosen_slug = compacts[min(chosen, len(compacts) - 1)].slug if compacts else ""
        marked = options.replace(f'value="{chosen_slug}"', f'value="{chosen_slug}" selected', 1)
        return (f'<p class="compact-compare__field"><label for="compare-{name}">{label}</label> '
                f'<select id="compare-{name}" name="{name}">{marked}</select></p>')

    data = _script_json(compare_data(compacts, concordance, citations, directory_urls))
    return "\n".join([
        "# Compare two compacts", "",
        "Choose two compacts to see their clauses side by side. Each clause of the first is paired with the most "
        "similar clause of the second (the same undertaking, reworded); words only in the first are marked as "
        "deleted, words only in the second as inserted. Clauses with no counterpart are listed after the table.",
        "",
        '<form class="compact-compare" aria-label="Choose compacts" hidden>'
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
