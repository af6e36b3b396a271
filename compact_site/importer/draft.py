"""Assemble the draft compact (a mapping in document order) and write it as commented YAML."""
from __future__ import annotations

import json
import re
import textwrap

from compact_site.importer.paragraphs import Document
from compact_site.importer.place import Placer
from compact_site.importer.segment import clean, find_title, parts
from compact_site.model.compact import PART_NAMES

WIDTH = 100
SECTOR_NAMES = {"statutory": "statutory", "vcs": "vcs", "private": "private"}


def draft_compact(document: Document, slug: str, source_name: str) -> tuple[dict, Placer, list[str]]:
    """The draft mapping, the placer (where each paragraph landed) and notes for the officer."""
    notes = document.notes + clean(document)
    title, start = find_title(document.paragraphs, document.left_out)
    placer = Placer(document)
    if start:
        placer.landed[0] = "title"
    placer.place(parts(document.paragraphs, start, document.left_out))
    review: list[str] = []
    if not title:
        title = slug.replace("-", " ").title()
        review.append(f"title: the document has no heading-like first line, so the title '{title}' comes "
                      "from the file name: write the title as printed")
    area = re.sub(r"\s*\b(local\s+)?compact\b.*$", "", title, flags=re.IGNORECASE).strip(" :-") or title
    area = re.sub(r"^the\s+", "", area, flags=re.IGNORECASE)
    review.append(f"area: '{area}' was taken from the title: write the place the compact covers")
    review.append("status: the import never guesses whether a compact is adopted; set adopted, draft, "
                  "consultation-draft or superseded as the document says")
    review.append("dates: none were set; add the dates the document gives (adopted, refreshed, review) under dates:")
    compact: dict = {"slug": slug, "title": title, "area": area, "status": "unknown", "review": review,
                     "source": {"title": title, "format": document.kind}}
    default = sorted(placer.sequence, key=lambda name: PART_NAMES.index(name.split(":")[0]))
    if placer.sequence != default:  # the page shows the parts in the document's order
        compact["order"] = placer.sequence
    if placer.parties:
        compact["parties"] = [{"sector": SECTOR_NAMES[sector], "name": name,
                               "review": [f"this sector's name '{name}' comes from a party heading: check it, "
                                          "and add any other sector that is party to the compact"]}
                              for sector, name in sorted(placer.parties.items())]
    for key, value in placer.body.items():
        if key == "undertakings":
            compact["undertakings"] = {"sections": placer.sections}
            if "undertakings_heading" in placer.body:
                compact["undertakings"] = {"heading": placer.body["undertakings_heading"],
                                           "sections": placer.sections}
        elif key != "undertakings_heading":
            compact[key] = value
    if document.footnotes:
        compact["footnotes"] = [{"id": re.sub(r"[^a-z0-9]", "", key.lower()) or "1", "text": text}
                                for key, text in document.footnotes.items()]
    compact["editorial_notes"] = placer.notes + [{
        "kind": "structure", "text": f"Transcribed from {source_name}, a {document.kind}.",
        "review": ["say here what you corrected from the source and what it lacks: this note is published"]}]
    return compact, placer, notes


def _q(value: str) -> str:
    """A YAML scalar that reads back exactly as ``value`` (a JSON string is a YAML double-quoted string)."""
    return json.dumps(value, ensure_ascii=False)


def _scalar(key: str, value, pad: str) -> list[str]:
    if isinstance(value, bool):
        return [f"{pad}{key}: {'true' if value else 'false'}"]
    text = str(value)
    if "\n" in text and not re.search(r"(^|\n)[ \t]|[ \t](\n|$)", text):
        out = [f"{pad}{key}: |-"]
        for paragraph in text.split("\n"):
            out += [f"{pad}  {line}" for line in _wrapped(paragraph, WIDTH - len(pad) - 2)] if paragraph else [""]
        return out
    if "\n" not in text and len(pad + key + text) > WIDTH - 6 and text == " ".join(text.split()):
        lines = textwrap.wrap(text, width=max(40, WIDTH - len(pad) - 2), break_long_words=False,
                              break_on_hyphens=False)
        if not any(line.startswith(("#", " ")) for line in lines[1:]):
            return [f"{pad}{key}: >-"] + [f"{pad}  {line}" for line in lines]
    return [f"{pad}{key}: {_q(text)}"]


def _wrapped(paragraph: str, width: int) -> list[str]:
    """A Markdown paragraph wrapped to the page, unless a wrapped line would start like a list item or a
    heading (Markdown would then read it as one): such a paragraph stays on one line."""
    lines = textwrap.wrap(paragraph, width=max(40, width), break_long_words=False, break_on_hyphens=False)
    if paragraph.startswith(("- ", "* ", "+ ")) or any(re.match(r"([-+*>#]|\d+[.)])(\s|$)|\s", line)
                                                        for line in lines[1:]):
        return [paragraph]
    return lines


def to_yaml(value: dict, indent: int = 0) -> list[str]:
    """A mapping of strings, booleans, lists and mappings as block YAML, keys in their order."""
    pad = " " * indent
    out: list[str] = []
    if "review" in value:  # the entries stand right under what they are about, before its lists
        scalars = [k for k, v in value.items() if not isinstance(v, (dict, list)) and k != "review"]
        rest = [k for k in value if k not in scalars and k != "review"]
        value = {**{k: value[k] for k in scalars}, "review": value["review"], **{k: value[k] for k in rest}}
    for key, item in value.items():
        if isinstance(item, dict):
            out.append(f"{pad}{key}:")
            out += to_yaml(item, indent + 2)
        elif isinstance(item, list):
            out.append(f"{pad}{key}:")
            for entry in item:
                if isinstance(entry, dict):
                    lines = to_yaml(entry, indent + 4)
                    out.append(f"{pad}  - {lines[0][indent + 4:]}")
                    out += lines[1:]
                else:
                    out += [line.replace(f"{pad}    x: ", f"{pad}  - ", 1) for line in _scalar("x", entry, pad + "    ")]
        else:
            out += _scalar(key, item, pad)
    return out


def render(compact: dict, source_name: str) -> str:
    """The draft file: a header saying what it is, then the compact."""
    head = [
        "# yaml-language-server: $schema=../compact_site/schema/compact.schema.json",
        f"# Drafted by `compact-site import` from {source_name}. Every guess is a `review:` entry: check it",
        "# against the document, correct what is wrong, then delete the entry. The site will not build while",
        "# any review entry is left (`compact-site validate` lists them with their lines).",
    ]
    body = to_yaml(compact)
    # blank lines between the top-level parts make the file easier to read
    spaced = []
    for line in body:
        if spaced and not line.startswith(" ") and line.endswith(":") and line[:-1] not in ("review", "source"):
            spaced.append("")
        spaced.append(line)
    return "\n".join(head + spaced) + "\n"
