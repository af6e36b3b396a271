"""Search entries for every clause, so that typing "4.2" or a phrase lands on the clause's anchor.

Two consumers, no MkDocs imports:

* Material's search index (served sites): :func:`clause_entries` are appended to
  ``search/search_index.json`` after the search plugin writes it.
* The intranet copy, opened over ``file://`` where workers and ``fetch()`` fail: a small search page whose
  data is a script (:func:`index_script`) loaded with ``<script src>``.
"""
from __future__ import annotations

import html
import json
import re

from compact_site.core.citations import citation
from compact_site.model import Compact
from compact_site.model.references import clause_anchor
from compact_site.text.author_text import markdown
from compact_site.text.plain_prose import collapse, plain_prose
from compact_site.text.to_html import to_html

_TAG_RE = re.compile(r"<[^>]+>")
SEARCH_PAGE_URI = "search/index.md"
INDEX_SCRIPT_URI = "assets/compact-site/search-index.js"
CLAUSE_BOOST = 4  # Material's search worker passes a document's "boost" to lunr


def plain_text(text: str) -> str:
    """Author Markdown as plain words (for search snippets)."""
    prose = plain_prose(text)
    if prose is not None:  # most clauses: no markup to render (see text/plain_prose.py)
        return collapse(prose)
    return plain_text_via_markdown(text)


def plain_text_via_markdown(text: str) -> str:
    """:func:`plain_text` the slow, general way: rendered by Markdown, tags removed (any text)."""
    return " ".join(html.unescape(_TAG_RE.sub(" ", to_html(markdown(text)))).split())


def clause_entries(compacts: list[Compact], directory_urls: bool = True) -> list[dict]:
    """One entry per citable clause: location (site-root relative, with anchor), title, text, number."""
    page = "{slug}/" if directory_urls else "{slug}/index.html"
    entries = []
    for compact in compacts:
        for node in compact.citable():
            title = citation(compact, node)
            heading = getattr(node, "title", None)
            if heading and heading not in title:
                title += f" – {heading}"
            entries.append({"location": page.format(slug=compact.slug) + "#" + clause_anchor(node.id),
                            "title": title, "text": plain_text(node.text),
                            "number": getattr(node, "number", None) or "", "compact": compact.title})
    return entries


def material_docs(entries: list[dict]) -> list[dict]:
    """Clause entries as documents of Material's index (its own keys only)."""
    # Boosted so a clause outranks the section around it (whose text repeats every clause's words).
    # Material shows an entry's title and text as HTML, so the plain words are escaped here (the intranet
    # search shows them with textContent, so its entries stay plain).
    return [{"location": e["location"], "title": html.escape(e["title"], quote=False),
             "text": html.escape(e["text"], quote=False), "boost": CLAUSE_BOOST} for e in entries]


def merge_into_material_index(index: dict, entries: list[dict]) -> dict:
    """Material's index with clause entries added."""
    return {**index, "docs": list(index.get("docs", [])) + material_docs(entries)}


_DOCS_KEY = ',"docs":['


def merged_index_text(index_text: str, entries: list[dict]) -> str:
    """Material's ``search_index.json`` text with the clause entries appended to its documents, the text as
    Material wrote it otherwise: ``{"config":{...},"docs":[...]}`` (its own ``json.dumps``), checked by reading
    the small ``config`` object only. Reading and writing the whole index again cost ~0.25 s at national scale
    (15 MB). Any other shape is read and written whole (:func:`merge_into_material_index`)."""
    prefix = '{"config":'
    if index_text.startswith(prefix) and index_text.endswith("]}"):
        try:
            _, config_end = json.JSONDecoder().raw_decode(index_text, len(prefix))
        except ValueError:
            config_end = -1
        if index_text.startswith(_DOCS_KEY, config_end):
            docs = json.dumps(material_docs(entries), ensure_ascii=False, separators=(",", ":"))[1:-1]
            if not docs:
                return index_text
            empty = config_end + len(_DOCS_KEY) == len(index_text) - 2
            return index_text[:-2] + ("" if empty else ",") + docs + "]}"
    merged = merge_into_material_index(json.loads(index_text), entries)
    return json.dumps(merged, ensure_ascii=False, separators=(",", ":"))


def index_script(entries: list[dict]) -> str:
    """The search data as a script, because ``fetch()`` of JSON fails over ``file://``."""
    data = json.dumps(entries, ensure_ascii=False, separators=(",", ":")).replace("</", "<\\/")
    return f"window.compactSearchIndex = {data};\n"


def search_page_markdown() -> str:
    """The intranet copy's search page: a labelled form, a live result count and a result list."""
    return """# Search

<form class="compact-search" role="search" data-root="../" action="index.html">
<label for="compact-search-query">Search the compacts: words, or a clause number such as 4.2</label>
<input id="compact-search-query" name="q" type="search" autocomplete="off" spellcheck="false">
<button type="submit">Search</button>
</form>

<p class="compact-search__count" role="status" aria-live="polite"></p>
<ol class="compact-search__results"></ol>

<script src="../assets/compact-site/search-index.js"></script>
<script src="../assets/compact-site/search.js"></script>
"""
