"""Proof that no sentence was lost: every sentence of the document's body text is looked for, in order, in
the draft's text.

The sentence rules are those of the project's fidelity check (``shared/tools/fidelity.py``, which measures a
built site against its source documents): sentences of five words or more, reduced to their words, found
with a few inserted words tolerated. They are restated here because the package cannot depend on a file
outside it; ``tests/test_import_coverage.py`` proves both give the same sentences and the same answers.
"""
from __future__ import annotations

import re
from collections import defaultdict
from dataclasses import dataclass, field

import yaml

from compact_site.importer.paragraphs import Document
from compact_site.model.compact import PART_NAMES

SKIP_KEYS = {"review", "id", "slug", "party", "sector", "numbered", "layout", "kind", "applies_to", "order",
             "format", "status"}


def words(text: str) -> list[str]:
    text = text.lower().replace("\u2019", "'").replace("\u2018", "'")
    return re.findall(r"[a-z0-9]+(?:'[a-z]+)?", text)


def sentences(source: str) -> list[str]:
    """The sentences of a text, by the fidelity check's rules."""
    found = []
    source = re.sub(r"</?[a-zA-Z][^>]*>", " ", source)
    source = re.sub(r"\[footnoteRef:\d+\]\.?|\[\d+:\s*|\]\s*$", "\n", source, flags=re.M)
    for line in source.splitlines():
        line = re.sub(r"\.{3,}|\|\s*\d+\s*\|?\s*$", " ", line)
        line = re.sub(r"^[\s|#>*-]*(?:[-*\u2022\uf0b7]\s+)?(?:\d+(?:\.\d+)*\.?\s+)?", "", line)
        for piece in re.split(r"(?<=[.!?])\s+(?=[A-Z(])", line):
            piece = " ".join(re.sub(r"[*_#|`\t]+", " ", piece).split())
            piece = re.sub(r"^\d+(?:\.\d+)*\.?\s+", "", piece)
            if len(words(piece)) >= 5:
                found.append(piece)
    return found


class Words:
    """A text's words, searchable for a sentence from a position on (the fidelity check's matching)."""

    def __init__(self, text: str) -> None:
        self.words = words(text)
        self.where: dict[str, list[int]] = defaultdict(list)
        for index, word in enumerate(self.words):
            self.where[word].append(index)

    def find(self, sentence: str, start: int = 0) -> int | None:
        """Where the sentence ends in the text, searching from word ``start``; None when it is not there."""
        found = self.matches(sentence, start, first_only=True)
        return found[0] if found else None

    def matches(self, sentence: str, start: int = 0, first_only: bool = False) -> list[int]:
        """Where each occurrence of the sentence ends in the text (from word ``start`` on)."""
        want = words(sentence)
        if not want:
            return []
        slack = max(3, len(want) // 4)
        found = []
        for first in self.where.get(want[0], ()):
            if first < start:
                continue
            pos, inserted = first, 0
            for word in want[1:]:
                pos += 1
                while pos < len(self.words) and self.words[pos] != word and inserted <= slack:
                    pos += 1
                    inserted += 1
                if pos >= len(self.words) or inserted > slack:
                    break
            else:
                found.append(pos)
                if first_only:
                    break
        return found


def longest_in_order(candidates: list[list[int]]) -> set[int]:
    """Which items (by index) form the longest run found in order, each item at one of its candidate
    positions: a sentence matched far ahead (a contents line found at the end) then costs only itself."""
    import bisect
    tails: list[int] = []  # the smallest end position of a chain of each length
    tail_node: list[int] = []  # the node that ends that chain
    nodes: list[tuple[int, int | None]] = []  # (item, node before it in its chain)
    for item, positions in enumerate(candidates):
        for position in sorted(set(positions), reverse=True):  # descending: one position per item extends
            length = bisect.bisect_left(tails, position)
            if length < len(tails) and position >= tails[length]:
                continue
            nodes.append((item, tail_node[length - 1] if length else None))
            if length == len(tails):
                tails.append(position)
                tail_node.append(len(nodes) - 1)
            else:
                tails[length], tail_node[length] = position, len(nodes) - 1
    chain: set[int] = set()
    node = tail_node[-1] if tail_node else None
    while node is not None:
        item, node = nodes[node]
        chain.add(item)
    return chain


def draft_text(value, key: str = "") -> list[str]:
    """Every published text of a draft mapping, in the order the file lists it (review entries left out)."""
    if key in SKIP_KEYS:
        return []
    if isinstance(value, dict):
        return [text for k, v in value.items() for text in draft_text(v, k)]
    if isinstance(value, list):
        return [text for v in value for text in draft_text(v, key)]
    return [str(value)] if isinstance(value, str) else []


def page_text(data: dict) -> list[str]:
    """The draft's published text in the order the page shows it: its ``order``, then the default order."""
    order = list(data.get("order") or [])
    shown = [name for name in order if ":" not in name]
    about = {block.get("id"): block for block in data.get("about") or [] if isinstance(block, dict)}
    listed = {name.split(":", 1)[1] for name in order if name.startswith("about:")}
    sequence = order + [name for name in PART_NAMES if name not in shown]
    texts = draft_text({key: value for key, value in data.items() if key not in PART_NAMES and key not in
                        ("footnotes", "editorial_notes")})
    for name in sequence:
        if name.startswith("about:"):
            texts += draft_text(about.get(name.split(":", 1)[1]))
        elif name == "about":
            texts += draft_text([block for key, block in about.items() if key not in listed])
        elif name in data:
            texts += draft_text(data[name], name)
    return texts + draft_text(data.get("footnotes")) + draft_text(data.get("editorial_notes"))


@dataclass
class Coverage:
    total: int = 0
    in_order: int = 0
    out_of_order: list[str] = field(default_factory=list)
    missing: list[str] = field(default_factory=list)
    left_out: list[str] = field(default_factory=list)

    @property
    def placed(self) -> int:
        return self.in_order + len(self.out_of_order)

    def line(self) -> str:
        text = f"placed {self.placed} of {self.total} sentences"
        if self.out_of_order:
            text += f" ({len(self.out_of_order)} out of the document's order)"
        return text + ("; left out: " + ", ".join(self.left_out) if self.left_out else "")


def measure(document: Document, yaml_text: str) -> Coverage:
    """How many of the document's sentences the draft holds, in order. Footnotes are checked apart (they
    print at the foot of a page, the draft keeps them at the end)."""
    data = yaml.load(yaml_text, Loader=getattr(yaml, "CSafeLoader", yaml.SafeLoader))
    body = Words(" \n".join(page_text(data)))
    coverage = Coverage(left_out=[item.describe() for item in document.left_out])
    wanted = [sentence for paragraph in document.paragraphs if not paragraph.left_out
              # the printed number is structure (checked as clause numbers), not part of a sentence
              for sentence in sentences(paragraph.text.replace("\\", ""))]
    candidates = [body.matches(sentence) for sentence in wanted]
    chain = longest_in_order(candidates)
    for index, sentence in enumerate(wanted):
        coverage.total += 1
        if index in chain:
            coverage.in_order += 1
        elif candidates[index]:
            coverage.out_of_order.append(sentence)
        else:
            coverage.missing.append(sentence)
    for text in document.footnotes.values():
        for sentence in sentences(text):
            coverage.total += 1
            if body.find(sentence) is not None:
                coverage.in_order += 1
            else:
                coverage.missing.append(sentence)
    return coverage
