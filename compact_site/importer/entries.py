"""Glossary and signatories: taken only under their own headings, and only from lines shaped like entries.

A line that is not shaped like an entry stays verbatim as the part's text, marked for review: a sentence
never becomes a signatory or a term.
"""
from __future__ import annotations

from compact_site.importer import shapes
from compact_site.importer.segment import Part
from compact_site.importer.wording import escape, printed, slug_id

CHECK_SIGNATORY = "split from the printed line: check name, role, organisation and sector"


def _term(placer, name: str, ids: set[str]) -> dict:
    """A new glossary term; it gets an id of its own only when another term already has its default one."""
    term = {"term": name}
    term_id = slug_id(name)
    if term_id in ids:
        term["id"] = placer.unique(term_id, ids)
    ids.add(term_id)
    return term


def place_glossary(placer, part: Part) -> None:
    """The part under a glossary heading, on ``placer`` (a :class:`~.place.Placer`)."""
    glossary: dict = {"heading": printed(part.heading)} if part.heading is not None else {}
    if part.heading is not None:
        placer.landed[placer.paragraphs.index(part.heading)] = "glossary: heading"
    intro, terms, ids = placer.take_pending(), [], set()
    body = list(part.body)
    for position, index in enumerate(body):
        paragraph = placer.paragraphs[index]
        cells = paragraph.cells if paragraph.kind == "row" and len(paragraph.cells) == 2 and all(paragraph.cells) \
            else None
        entry = (cells[0], cells[1]) if cells else shapes.glossary_entry(paragraph.text)
        following = placer.paragraphs[body[position + 1]] if position + 1 < len(body) else None
        if not entry and shapes.title_like(paragraph.text, 6) and following is not None and \
                not shapes.title_like(following.text, 6):
            terms.append(_term(placer, shapes.plain(paragraph.text), ids))  # its definition follows
            placer.landed[index] = f"glossary term '{terms[-1]['term']}'"
            continue
        if terms and "definition" not in terms[-1]:
            terms[-1]["definition"] = placer.text_of(index)
            placer.landed[index] = f"glossary term '{terms[-1]['term']}': definition"
            continue
        if entry:
            terms.append(_term(placer, shapes.plain(entry[0]), ids))
            terms[-1]["definition"] = escape(entry[1])
            placer.landed[index] = f"glossary term '{terms[-1]['term']}'"
        elif terms:
            terms[-1]["definition"] += "\n\n" + placer.text_of(index)
            terms[-1].setdefault("review", []).append(
                "a line after this definition that is not shaped like a term was joined to it: check")
            placer.landed[index] = f"glossary term '{terms[-1]['term']}' (a further paragraph)"
        else:
            intro.append(placer.text_of(index))
            placer.landed[index] = "glossary: introduction"
    if intro:
        glossary["intro"] = "\n\n".join(intro)
    if terms:
        glossary["terms"] = terms
    if not terms:
        glossary["review"] = ["no line under this heading was shaped like a term ('Term: definition'): "
                              "split the text into terms, or move it to another part"]
    placer.body["glossary"] = glossary


def place_signatories(placer, part: Part) -> None:
    """The part under a signatories heading, on ``placer`` (a :class:`~.place.Placer`)."""
    signatories: dict = {"heading": printed(part.heading)} if part.heading is not None else {}
    if part.heading is not None:
        placer.landed[placer.paragraphs.index(part.heading)] = "signatories: heading"
    intro, items, review = placer.take_pending(), [], []
    for index in part.body:
        paragraph = placer.paragraphs[index]
        pieces = paragraph.cells if paragraph.kind == "row" else shapes.signatory_entry(paragraph.text)
        pieces = [shapes.plain(piece) for piece in pieces or [] if piece.strip()]
        if pieces and len(pieces) <= 4:
            item = {"printed": shapes.plain(paragraph.text)}
            for key, value in zip(("name", "role", "organisation") if len(pieces) >= 3 else ("name", "organisation")
                                  if len(pieces) == 2 else ("organisation",), pieces):
                item[key] = value
            if len(pieces) > 3:
                item["organisation"] = ", ".join(pieces[2:])
            item["sector"] = "unknown"
            item["review"] = [CHECK_SIGNATORY]
            items.append(item)
            placer.landed[index] = f"signatory '{item['printed']}'"
        else:
            if items:
                review.append("text that came after the list of signatories is shown before it: check its place")
            intro.append(placer.text_of(index))
            placer.landed[index] = "signatories: introduction"
    if intro:
        signatories["intro"] = "\n\n".join(intro)
    if items:
        signatories["items"] = items
    if review:
        signatories["review"] = review
    placer.body["signatories"] = signatories
