"""Material's own markup made valid HTML, so every site of the plugin passes the Nu Html Checker."""
from __future__ import annotations

import re

# Material writes autocomplete="off" on its checkbox toggles (invalid HTML: the attribute is for text fields).
_CHECKBOX_AUTOCOMPLETE = re.compile(r'(<input\b[^>]*\btype="checkbox"[^>]*?) autocomplete="off"')


def valid_material_markup(html: str) -> str:
    """Material's markup made valid (0 errors from the Nu Html Checker), so every site of the plugin gets it:
    no ``autocomplete`` on checkboxes, and no table-of-contents label pointing at a ``__toc`` toggle that
    Material writes only for pages in the navigation (a compact's glossary and register are not)."""
    html = _CHECKBOX_AUTOCOMPLETE.sub(r"\1", html)
    return html if 'id="__toc"' in html else html.replace(' for="__toc"', "")
