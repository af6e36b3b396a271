"""Markdown → HTML with the extensions generated pages rely on. The MkDocs plugin adds the same list to a
site's ``markdown_extensions``; tests use :func:`to_html` to read a compact without building a site."""
from __future__ import annotations

import threading

import markdown as _markdown

MARKDOWN_EXTENSIONS = ["attr_list", "md_in_html", "footnotes", "tables", "admonition", "toc"]


_local = threading.local()


def to_html(text: str) -> str:
    """Render generated Markdown the way a page build would (without the theme).

    One converter per thread, reset between texts: building a new one costs more than converting a clause.
    """
    converter = getattr(_local, "converter", None)
    if converter is None:
        converter = _local.converter = _markdown.Markdown(extensions=MARKDOWN_EXTENSIONS)
    return converter.reset().convert(text)
