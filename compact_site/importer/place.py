"""Second pass: place each part in the compact format, in document order, marking every guess for review.

The result is a plain mapping in the order the YAML will list it (so the draft reads in the document's
order), plus ``landed``: for each paragraph, where it went, for the coverage check and the review page.
Nothing is invented: no placeholder text, no dates, no status beyond 'unknown'.
"""
from __future__ import annotations

import re

from compact_site.importer import shapes
from compact_site.importer.entries import place_glossary, place_signatories
from compact_site.importer.paragraphs import Document
from compact_site.importer.segment import Part
from compact_site.importer.wording import escape, printed, slug_id

NUMBER = re.compile(r"^\d{1,2}(\.\d{1,3})*[.)]?$")
CHECK_PARTY = "party guessed from the heading {heading!r}: check '{party}' (statutory, vcs, private or all)"


def _joined(text: str, more: str, separator: str = "\n\n") -> str:
    return f"{text}{separator}{more}" if text else more


class Placer:
    """Builds the draft mapping from the parts of one document."""

    def __init__(self, document: Document) -> None:
        self.paragraphs = document.paragraphs
        self.landed: dict[int, str] = {}
        self.body: dict = {}  # part name -> value, in document order
        self.sections: list[dict] = []
        self.parties: dict[str, str] = {}
        self.clause_ids: set[str] = set()
        self.section_ids: set[str] = set()
        self.notes: list[dict] = []
        self.pending: list[str] = []
        self.sequence: list[str] = []  # the parts in document order, for the compact's page 'order'  # headings with nothing under them, kept as the next part's first line

    # -- helpers ---------------------------------------------------------------------------------------
    def text_of(self, index: int) -> str:
        """A paragraph as draft Markdown; a two-cell table row as "**name** text"."""
        paragraph = self.paragraphs[index]
        if paragraph.kind == "row" and len(paragraph.cells) == 2 and len(paragraph.cells[0].split()) <= 8:
            return f"**{shapes.plain(paragraph.cells[0])}** {escape(paragraph.cells[1])}"
        if paragraph.kind == "row":
            return " \u2014 ".join(escape(cell) for cell in paragraph.cells if cell)
        return escape(paragraph.text)

    def unique(self, wanted: str, used: set[str]) -> str:
        """``wanted``, or ``wanted-2``, ``-3``… when it is taken; the result is marked taken."""
        candidate, n = wanted, 1
        while candidate in used:
            n += 1
            candidate = f"{wanted}-{n}"
        used.add(candidate)
        return candidate

    def take_pending(self) -> list[str]:
        """Headings that had nothing under them, as bold first lines of the part that follows."""
        pending, self.pending = self.pending, []
        return [f"**{text}**" for text in pending]

    # -- parts -----------------------------------------------------------------------------------------
    def place(self, parts: list[Part]) -> None:
        for position, part in enumerate(parts):
            following = parts[position + 1] if position + 1 < len(parts) else None
            if part.heading is None and not part.body:
                continue  # no text before the first heading
            if part.heading is not None and not part.body:
                self._empty(part, following)
            elif part.special and part.special not in self.body and not (
                    self.sections and any(later.special is None and later.body for later in parts[position + 1:])):
                # a glossary or signatories part between sections stays a section, so the draft keeps the
                # document's order (the sections of undertakings are one part of the page)
                (place_glossary if part.special == "glossary" else place_signatories)(self, part)
                self.sequence.append(part.special)
            elif self.sections or self._is_section(part):
                self._section(part)
            else:
                self._block(part)
        headings, self.pending = self.pending, []
        for heading in headings:  # headings at the very end with nothing after them: each a cut-off section
            self._section(Part(None, title=heading))

    def _is_section(self, part: Part) -> bool:
        """Numbered clauses, a party heading, or a numbered heading make a part a section of undertakings."""
        items = [self.paragraphs[i] for i in part.body]
        if any(p.kind == "item" and re.fullmatch(r"\d{1,2}\.\d{1,3}[.)]?", p.label) for p in items):
            return True
        return any(p.kind == "para" and shapes.party_of(p.text) for p in items)

    def _empty(self, part: Part, following: Part | None) -> None:
        heading = self.paragraphs.index(part.heading) if part.heading in self.paragraphs else None
        if following is not None and following.special is None and (self.sections or self._is_section(following)) \
                and "undertakings_heading" not in self.body and not self.sections:
            self.body["undertakings_heading"] = shapes.plain(part.heading.text)
            if heading is not None:
                self.landed[heading] = "undertakings: heading"
            return
        if following is None or self.sections:
            self._section(part)
            return
        self.pending.append(shapes.plain(part.heading.text))
        if heading is not None:
            self.landed[heading] = "the first line of the next part"

    def _block(self, part: Part) -> None:
        name = "introduction" if part.heading is None or (shapes.block_name(part.title) == "introduction"
                                                         and "introduction" not in self.body) else "about"
        if name == "introduction" and "introduction" in self.body:
            name = "about"
        block: dict = {"id": ""} if name == "about" else {}
        text, items, after = [], [], []
        if self.pending:  # a heading with nothing of its own stands above this one: it heads the block
            block["heading"] = self.pending.pop(0)
            text = self.take_pending()
            if part.heading is not None:
                text.append(f"**{printed(part.heading)}**")
        elif part.heading is not None:
            block["heading"] = printed(part.heading)
        if name == "about":  # its id from the heading it shows
            block["id"] = self.unique(slug_id(block.get("heading") or part.title or "passage"), self.section_ids)
        if part.heading is not None:
            self.landed[self.paragraphs.index(part.heading)] = f"{name}: heading"
        for index in part.body:
            paragraph = self.paragraphs[index]
            if paragraph.kind == "item":
                item = {"text": escape(paragraph.text)}
                if paragraph.label and paragraph.label != "\u2022":
                    item["number"] = paragraph.label.rstrip(".)") if NUMBER.match(paragraph.label) else paragraph.label
                if after:  # a list after text after a list: keep it in place as Markdown
                    after.append(f"{paragraph.label} {escape(paragraph.text)}".strip())
                else:
                    items.append(item)
            else:
                (after if items else text).append(self.text_of(index))
            self.landed[index] = f"{name} '{block.get('id', name)}'"
        if text:
            block["text"] = "\n\n".join(text)
        if items:
            block["items"] = items
            if any("number" in item for item in items):
                block["numbered"] = True
        if after:
            block["after"] = "\n\n".join(after)
        if name == "about":
            self.body.setdefault("about", []).append(block)
            self.sequence.append(f"about:{block['id']}")
        else:
            self.body["introduction"] = block
            self.sequence.append("introduction")

    # -- sections of undertakings ----------------------------------------------------------------------
    def _section(self, part: Part) -> None:
        number = part.number or ""
        title = part.title or (f"Section {number}" if number else "")
        section: dict = {"id": self.unique(number.lower() if number and re.fullmatch(r"[0-9a-z.]+", number.lower())
                                             else slug_id(title or "section"), self.section_ids)}
        review: list[str] = []
        if number and not re.search(rf"\b{re.escape(number)}\b", title):
            section["number"] = number
        if not title:
            title = f"Section {len(self.sections) + 1}"
            review.append(f"the document has no heading before this text: '{title}' is the import's name for it; "
                          "write the heading the document means, or merge it into the section before")
        section["title"] = title
        if part.heading is not None:
            self.landed[self.paragraphs.index(part.heading)] = f"section '{section['id']}': title"
        intro, clauses, groups = self.take_pending(), [], []
        group: dict | None = None
        last: dict | None = None
        clause_level: int | None = None
        titled: set[str] = set()
        for index in part.body:
            paragraph, text = self.paragraphs[index], self.text_of(index)
            party = shapes.party_of(paragraph.text) if paragraph.kind == "para" else None
            numeric = paragraph.kind == "item" and NUMBER.match(paragraph.label or "")
            if numeric and clause_level is None:
                clause_level = paragraph.level
            deeper = numeric and clause_level is not None and paragraph.level > clause_level
            if party:
                group = {"party": party, "heading": shapes.plain(paragraph.text), "clauses": [],
                         "review": [CHECK_PARTY.format(heading=shapes.plain(paragraph.text), party=party)]}
                if party != "all":
                    self.parties.setdefault(party, shapes.party_name(paragraph.text))
                groups.append(group)
                last = None
                where = f"section '{section['id']}': party heading"
            elif numeric and not deeper:
                last = self._clause(section["id"], paragraph.label.rstrip(".)"), text, group)
                if paragraph.titled:  # its heading is its title; the paragraphs under it are its text
                    last.pop("text")
                    last.update(title=shapes.plain(paragraph.text), text="")
                    titled.add(last["id"])
                head = last["number"].split(".")[0]
                if "." in last["number"] and number and head != number:
                    last.setdefault("review", []).append(
                        f"clause {last['number']} is under section {number}: check where it belongs")
                (group["clauses"] if group is not None else clauses).append(last)
                where = f"clause '{last['id']}'"
            elif group is not None and not group["clauses"] and paragraph.kind == "para":
                last = self._clause(section["id"], None, text, group)
                last["review"] = ["a paragraph under a party heading without a number or bullet: taken as an "
                                  "undertaking; check it is one"]
                group["clauses"].append(last)
                where = f"clause '{last['id']}'"
            elif paragraph.kind == "item" and group is not None and (not group["clauses"] or "number" not in
                                                                      group["clauses"][-1]) and not deeper:
                last = self._clause(section["id"], None, text, group)
                group["clauses"].append(last)
                where = f"clause '{last['id']}'"
            elif paragraph.kind == "item" and last is not None:
                if paragraph.label == "\u2022":  # bullets inside a clause: a Markdown list
                    bulleted = last["text"].rsplit("\n", 1)[-1].startswith("- ")
                    last["text"] = _joined(last["text"], "- " + text, "\n" if bulleted else "\n\n")
                else:  # (a), (i), a deeper 1.: a paragraph that keeps its printed label
                    last["text"] = _joined(last["text"], escape(f"{paragraph.label} {text}"))
                where = f"clause '{last['id']}' (a list inside it)"
            elif last is not None and not last["text"]:
                last["text"] = text
                where = f"clause '{last['id']}'"
            elif last is not None:
                last["text"] += "\n\n" + text
                joined = ("a paragraph after this clause was joined to it: is it part of the clause, or text "
                          "after the list (then move it to the section's 'after')?")
                if not paragraph.text[:1].islower() and joined not in last.get("review", []) and \
                        last["id"] not in titled:  # a titled provision has paragraphs of its own
                    last.setdefault("review", []).append(joined)
                where = f"clause '{last['id']}' (a further paragraph)"
            elif group is not None:
                group["intro"] = (group["intro"] + "\n\n" if "intro" in group else "") + text
                where = f"section '{section['id']}': group introduction"
            else:
                label = paragraph.label if paragraph.kind == "item" else ""
                intro.append(("- " if label == "\u2022" else f"{label} " if label else "") + text)
                where = f"section '{section['id']}': introduction"
            self.landed[index] = where
        self._finish_section(section, intro, clauses, groups, review)

    def _clause(self, section_id: str, number: str | None, text: str, group: dict | None) -> dict:
        party = group["party"] if group is not None else "clause"
        if number:
            wanted = number.lower() if re.fullmatch(r"[0-9a-z]+([.-][0-9a-z]+)*", number.lower()) else slug_id(number)
        else:
            count = sum(1 for g in self.sections for grp in g.get("groups", []) for _ in grp["clauses"]) + 1
            wanted = f"s{section_id}-{party}-{len(group['clauses']) + 1 if group else count}"
        clause = {"id": self.unique(wanted, self.clause_ids)}
        if clause["id"] != wanted:
            clause["review"] = [f"two clauses would have the id '{wanted}': this one is '{clause['id']}'; "
                                "choose its permanent id now (ids never change once published)"]
        if number:
            clause["number"] = number
        clause["text"] = text
        return clause

    def _finish_section(self, section: dict, intro: list[str], clauses: list, groups: list, review: list[str]
                        ) -> None:
        for clause in clauses + [c for group in groups for c in group["clauses"]]:
            if not clause["text"]:  # a numbered heading with nothing under it: its words are its text
                clause["text"] = clause.pop("title")
        for group in groups:
            if not group["clauses"]:  # a party heading with nothing under it: keep its words as text
                intro.append(f"**{group['heading']}**")
                review.append(f"the heading {group['heading']!r} had no undertakings under it")
        groups = [g for g in groups if g["clauses"]]
        if intro:
            section["intro"] = "\n\n".join(intro)
        if clauses:
            section["clauses"] = clauses
        if groups:
            section["groups"] = groups
        if not (intro or clauses or groups):
            self.notes.append({"kind": "missing", "applies_to": [section["id"]],
                               "text": f"The source document has only the heading \"{section['title']}\" here, "
                                       "with no text under it.",
                               "review": ["the document had nothing under this heading: check the source; if "
                                          "text is missing, add it and delete this note"]})
        if review:
            section["review"] = review
        self.sections.append(section)
        if "undertakings" not in self.body:
            self.sequence.append("undertakings")
        self.body.setdefault("undertakings", True)
