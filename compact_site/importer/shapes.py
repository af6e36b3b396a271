"""What a line of a compact looks like: a section heading, a party heading, a glossary entry, a signatory.

Each rule is a small predicate over one paragraph's text, so the structure pass reads as a list of decisions
and each rule is tested on its own.
"""
from __future__ import annotations

import re

SECTION_WORDS = re.compile(r"^(section|chapter|part|appendix|annex|schedule)\s+(\d{1,2}|[ivx]{1,5}|[a-z])\b"
                           r"[\s.:\u2013\u2014-]*(.*)$", re.IGNORECASE)
NUMBERED_TITLE = re.compile(r"^(\d{1,2})(?:\.|\s+[\u2013\u2014:-])\s+(\S.{0,100})$")  # not "8 All Saints Street"
PARTY_WORDS = [
    ("all", re.compile(r"\b(all partners|both sectors|all parties|all signatories|together|everyone|"
                       r"the partners)\b", re.IGNORECASE)),
    ("vcs", re.compile(r"\b(vcs|vcse|voluntary|community sector|third sector|civil society|csos?|charit\w*)\b",
                       re.IGNORECASE)),
    ("statutory", re.compile(r"\b(statutory|council|public bodies|public sector|nhs|police|government|"
                             r"local authorit\w*|agencies)\b", re.IGNORECASE)),
    ("private", re.compile(r"\b(private sector|business(es)?)\b", re.IGNORECASE)),
]
SPECIAL = {"glossary": re.compile(r"\b(glossary|definitions|terms used|terminology)\b", re.IGNORECASE),
           "signatories": re.compile(r"\b(signatories|signed by|signed on behalf|signatures)\b", re.IGNORECASE),
           "contents": re.compile(r"^(table of )?contents$", re.IGNORECASE)}
BLOCK_NAMES = [("introduction", r"introduction|foreword|preface"), ("purpose", r"purpose|aims?"),
               ("vision", r"(shared )?vision"), ("outcomes", r"(shared |key )?outcomes"),
               ("objectives", r"objectives")]
ARTEFACT = re.compile(r"^(\d{1,2}[./-]\d{1,2}[./-]\d{2,4}\b.*|page \d+( of \d+)?|views?|print|download\w*|"
                      r"microsoft word - .*|https?://\S+|www\.\S+|\d+)$", re.IGNORECASE)


def plain(text: str) -> str:
    """Text without Markdown bold/italic markers."""
    return re.sub(r"\*{1,2}([^*]+)\*{1,2}", r"\1", text).strip()


def is_artefact(text: str) -> bool:
    """A line a viewer or printer adds (a date stamp, "Views", a URL, a bare page number), never a title."""
    return bool(ARTEFACT.match(plain(text)))


def title_like(text: str, words: int = 14) -> bool:
    """Short, starts with a capital or digit, and does not end like a sentence."""
    text = plain(text)
    return (0 < len(text.split()) <= words and not text.endswith((".", ";", ",", ":", ":-")) and
            (text[:1].isupper() or text[:1].isdigit()))


def section_heading(text: str) -> tuple[str, str] | None:
    """``(number, title)`` of a typed section heading: "Section 3 - Funding", "Chapter 1. Introduction",
    "Part 2", "3. Funding"; None for anything else."""
    text = plain(text)
    match = SECTION_WORDS.match(text)
    if match and (not match.group(3) or title_like(match.group(3), 16)):
        return match.group(2), text  # "Section 3 - Funding" keeps its printed words as the title
    match = NUMBERED_TITLE.match(text)
    if match and title_like(match.group(2), 14) and not re.match(r"^\d", match.group(2)):
        return match.group(1), match.group(2).strip()
    return None


def special_heading(text: str) -> str | None:
    """'glossary', 'signatories' or 'contents' when a heading names one of them."""
    text = plain(text).rstrip(":-").strip()
    if len(text.split()) > 8:
        return None
    return next((name for name, words in SPECIAL.items() if words.search(text)), None)


def block_name(text: str) -> str | None:
    """The compact part a heading before the undertakings names ('introduction', 'vision', ...)."""
    text = re.sub(r"^(section|part)\s+\w+\s*[\u2013\u2014:.-]*\s*", "", plain(text), flags=re.IGNORECASE)
    text = re.sub(r"^\d+\.?\s+", "", text).rstrip(":").strip()
    return next((name for name, words in BLOCK_NAMES if re.fullmatch(words, text, re.IGNORECASE)), None)


def party_of(text: str) -> str | None:
    """The party a heading such as "The VCS will:" or "Undertakings for the Government:" names, or None when
    the line is not a party heading."""
    stripped = plain(text)
    if len(stripped) > 110 or stripped.count(".") > 1:
        return None
    ends = re.search(r"\b(will|undertakes? to|agrees? to|commits? to)\s*:?-?$", stripped, re.IGNORECASE)
    starts = re.match(r"^(undertakings?|commitments?|responsibilities) (for|of|by)\b", stripped, re.IGNORECASE)
    if not ends and not starts:
        return None
    found = [party for party, words in PARTY_WORDS if words.search(stripped)]
    if not found:
        return None
    if "all" in found or len(set(found) - {"all"}) > 1:
        return "all"  # "The Statutory Sector and VCS will:" binds both
    return found[0]


def party_name(text: str) -> str:
    """The sector's name as the heading words it: "Public Bodies and Agencies" from
    "Undertakings for Public Bodies and Agencies:"."""
    name = re.sub(r"^(undertakings?|commitments?|responsibilities) (for|of|by) (the )?", "", plain(text),
                  flags=re.IGNORECASE)
    name = re.sub(r"\s*(will|undertakes? to|agrees? to|commits? to)?\s*:?-?$", "", name, flags=re.IGNORECASE)
    return re.sub(r"^the\s+", "", name, flags=re.IGNORECASE).strip(" :-") or plain(text)


def glossary_entry(text: str) -> tuple[str, str] | None:
    """``(term, definition)`` from "Term: definition", "Term – definition" or "**Term** definition"."""
    bold = re.match(r"^\*\*([^*]{1,80})\*\*\s*[:\u2013\u2014-]?\s*(\S.*)$", text)
    if bold:
        return bold.group(1).strip().rstrip(":"), bold.group(2).strip()
    match = re.match(r"^([^:\u2013\u2014.]{1,80}?)\s*(?::|\s[-\u2013\u2014]\s)\s*(\S.*)$", plain(text))
    if match and len(match.group(1).split()) <= 8 and match.group(1)[:1].isupper():
        return match.group(1).strip(), match.group(2).strip()
    return None


def signatory_entry(text: str) -> list[str] | None:
    """The parts of a line shaped like a signatory ("Name, Role, Organisation"); None for a sentence."""
    text = plain(text)
    words = text.split()
    if not 1 <= len(words) <= 16 or text.endswith((".", ":", ";")) or not text[:1].isupper():
        return None
    if re.search(r"\b(will|shall|should|must|agree\w*|is|are|was|were|has|have|to be|we|our|this)\b", text,
                 re.IGNORECASE):
        return None  # a verb or a first person: a sentence, never a signatory
    if re.search(r"_{3,}|\.{4,}", text):
        return None  # a form's blank to fill in
    return [part.strip() for part in re.split(r",|\s[\u2013\u2014-]\s|\s{2,}", text) if part.strip()]
