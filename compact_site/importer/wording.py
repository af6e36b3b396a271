"""How document text is written into the draft: as Markdown that prints the same words, and ids."""
from __future__ import annotations

import re

from compact_site.importer import shapes
from compact_site.importer.paragraphs import Paragraph


def slug_id(text: str, most: int = 40) -> str:
    """An id from words: lower case, hyphens, cut at a word's end to at most ``most`` characters."""
    slug = re.sub(r"[^a-z0-9]+", "-", shapes.plain(text).lower()).strip("-")
    if len(slug) > most:
        slug = slug[: most + 1].rsplit("-", 1)[0] if "-" in slug[: most + 1] else slug[:most]
    return slug.strip("-") or "x"


def escape(text: str) -> str:
    """Document text as Markdown that prints the same words: a leading list or heading marker and the
    site's own ``[[`` cross-reference syntax are escaped."""
    text = re.sub(r"^(\d+)([.)]\s)", r"\1\\\2", text)  # "3. text" would print as a list item "1."
    text = re.sub(r"^(#{1,6}\s|>|[-+*]\s)", lambda m: "\\" + m.group(0), text)
    return text.replace("[[", "\\[\\[")


def printed(heading: Paragraph) -> str:
    """A heading as it prints, with the number Word puts before it."""
    text = shapes.plain(heading.text)
    return f"{heading.label} {text}" if heading.numbered_by_word and heading.label else text
