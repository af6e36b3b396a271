"""Markdown → HTML with the extensions generated pages rely on. The MkDocs plugin adds the same list to a
site's ``markdown_extensions``; tests use :func:`to_html` to read a compact without building a site."""
from __future__ import annotations

import markdown as _markdown

MARKDOWN_EXTENSIONS = ["attr_list", "md_in_html", "footnotes", "tables", "admonition", "toc"]


def to_html(text: str) -> str:
    """Render generated Markdown the way a page build would (without the theme)."""
    return _markdown.markdown(text, extensions=MARKDOWN_EXTENSIONS)
