"""Step E: features.docx, a small document exercising what a Word import must understand, and
features.expected.md, the text as Word prints it with tracked changes accepted.

It has Heading 1–3; a multi-level "%1.%2" list that goes on after a party heading and is restarted later
(a second w:num on the same definition, level 0 startOverride 1); a "1)" list and an "(a)" lowerLetter list
as pandoc writes them; bold lead-ins; a table; two footnotes (one in a table cell); tracked changes (w:ins,
and w:del with w:delText); a comment; a party heading "Undertakings for the Government:"; "Chapter 1.
Introduction" and "Part 2" headings.
"""
from __future__ import annotations

import re

from corpus_docx import (
    blank_bullet_nums,
    number_paragraphs,
    numbering_xml,
    outline,
    pandoc_docx,
    read_zip,
    word_numbers,
    write_zip,
)

CHANGE = 'author="A. Reviewer" date="2026-01-01T00:00:00Z"'

MARKDOWN = f"""---
title: "Features Test Compact"
lang: en-GB
---

# Chapter 1. Introduction

This document tests what a Word import must understand.[^1] It is not a real compact.

## Purpose

### Scope

The compact covers [all]{{.insertion {CHANGE}}} public bodies [and charities]{{.deletion {CHANGE}}} in the area.

[Check this year with the legal team.]{{.comment-start id="0" {CHANGE}}}The compact was agreed in
2026.[]{{.comment-end id="0"}}

# Part 2

## Undertakings

::: {{#c-1}}
1. Shared principles
2. Respect the independence of the voluntary sector.
3. Consult early, allowing at least [twelve]{{.insertion {CHANGE}}}[eight]{{.deletion {CHANGE}}} weeks.
4. Funding
5. Give three months notice of any change in funding.
:::

### Undertakings for the Government:

::: {{#c-2}}
1. Publish a clear rationale for every funding decision.
:::

**Partnership working** All partners have distinct but complementary roles.

**Openness**: Everyone knows about the changes that will affect them.

Steps to settle a disagreement:

1) Talk to each other.
2) Write to the other party.
3) Ask for mediation.

The compact is open to:

(a) a registered charity;
(b) a community group; or
(c) a social enterprise.

| Principle | Meaning |
|-----------|---------------------------|
| Openness | Make sure everyone knows about changes. |
| Timeliness | Give people time to respond.[^2] |

# Annex

::: {{#c-3}}
1. Review
2. The compact is reviewed every year.
3. Any partner may ask for an earlier review.
:::

[^1]: The first footnote.

[^2]: The second footnote, in a table cell.
"""

# The multi-level list: one definition, two instances. Instance 1 runs through Part 2 (going on after the
# party heading); instance 2, in the Annex, restarts it (level 0 startOverride 1), as Word's "Restart
# numbering" records it. Entries: (numId, ilvl, printed number, text).
ABSTRACT = {5: outline("5B1D0A05", ["%1.", "%1.%2"])}
NUMS = {1: (5, {}), 2: (5, {0: 1})}
PLAN = [(1, 0, "1.", "Shared principles"), (1, 1, "1.1", "Respect the independence of the voluntary sector."),
        (1, 1, "1.2", "Consult early, allowing at least twelve weeks."), (1, 0, "2.", "Funding"),
        (1, 1, "2.1", "Give three months notice of any change in funding."),
        (1, 1, "2.2", "Publish a clear rationale for every funding decision."),
        (2, 0, "1.", "Review"), (2, 1, "1.1", "The compact is reviewed every year."),
        (2, 1, "1.2", "Any partner may ask for an earlier review.")]

EXPECTED = """<!-- features.docx as Word prints it, tracked changes accepted (insertions in, deletions out), comments
not printed. One paragraph a line; a numbered paragraph starts with the number Word displays; headings are
marked with # by level (the title with "Title:"); footnote references are [^n], their texts at the end.
The comment "Check this year with the legal team." (author A. Reviewer) is anchored on "The compact was
agreed in 2026."; the deletions are " and charities" and "eight". -->

Title: Features Test Compact

# Chapter 1. Introduction

This document tests what a Word import must understand.[^1] It is not a real compact.

## Purpose

### Scope

The compact covers all public bodies in the area.

The compact was agreed in 2026.

# Part 2

## Undertakings

1. Shared principles
1.1 Respect the independence of the voluntary sector.
1.2 Consult early, allowing at least twelve weeks.
2. Funding
2.1 Give three months notice of any change in funding.

### Undertakings for the Government:

2.2 Publish a clear rationale for every funding decision.

**Partnership working** All partners have distinct but complementary roles.

**Openness**: Everyone knows about the changes that will affect them.

Steps to settle a disagreement:

1) Talk to each other.
2) Write to the other party.
3) Ask for mediation.

The compact is open to:

(a) a registered charity;
(b) a community group; or
(c) a social enterprise.

| Principle | Meaning |
|---|---|
| Openness | Make sure everyone knows about changes. |
| Timeliness | Give people time to respond.[^2] |

# Annex

1. Review
1.1 The compact is reviewed every year.
1.2 Any partner may ask for an earlier review.

[^1]: The first footnote.
[^2]: The second footnote, in a table cell.
"""


def build() -> bytes:
    parts = read_zip(pandoc_docx(MARKDOWN))
    blank = blank_bullet_nums(parts["word/numbering.xml"])
    parts["word/numbering.xml"] = numbering_xml(parts["word/numbering.xml"], ABSTRACT, NUMS)
    document = number_paragraphs(parts["word/document.xml"], PLAN, blank, False).decode()
    # Pandoc drops the space at a span's edge: the space before "and charities" goes into the deletion,
    # as Word records a deleted phrase.
    document = re.sub(r'<w:r><w:t xml:space="preserve"> </w:t></w:r>'
                      r'(<w:del [^>]*><w:r><w:delText xml:space="preserve">)', r"\1 ", document)
    # Pandoc gives every tracked change the same w:id; Word wants them unique among annotations.
    ids = iter(range(100, 1000))
    document = re.sub(r'(<w:(?:ins|del) w:id=")\d+(")', lambda m: f"{m.group(1)}{next(ids)}{m.group(2)}", document)
    parts["word/document.xml"] = document.encode()
    return write_zip(parts)


def check(docx: bytes) -> None:
    """What Word numbers in features.docx is what features.expected.md says, and its text is there too."""
    want = [(num, text) for _, _, num, text in PLAN]
    numbered = word_numbers(docx)
    got = [(n, t) for n, t in numbered if n[0].isdigit() and "." in n]
    assert got == want, f"features.docx numbers {got} != {want}"
    others = [n for n, _ in numbered if not (n[0].isdigit() and "." in n)]
    assert others == ["1)", "2)", "3)", "(a)", "(b)", "(c)"], others
    document = read_zip(docx)["word/document.xml"].decode()
    assert "<w:delText" in document and "<w:ins " in document and "<w:commentRangeStart" in document
    notes = read_zip(docx)["word/footnotes.xml"].decode()
    assert "The first footnote." in notes and "The second footnote, in a table cell." in notes
    printed = [f"{label} {text}".strip() for label, text in word_numbers(docx, everything=True) if text.strip()]
    expected = []
    for line in EXPECTED.split("-->", 1)[1].splitlines():
        if line.startswith("[^"):
            continue                                    # a footnote's text: in footnotes.xml
        line = re.sub(r"\[\^\d\]|\*\*|^#+ |^Title: ", "", line).strip()
        if line.startswith("|"):
            expected += [] if set(line) <= set("|-") else [c.strip() for c in line.strip("|").split("|")]
        elif line:
            expected.append(line)
    assert printed == expected, "features.docx does not print as features.expected.md says:\n" + "\n".join(
        f"{a!r} / {b!r}" for a, b in zip(printed, expected) if a != b)
