"""A compact as an Akoma Ntoso 3.0 document: ``<akomaNtoso><doc name="compact">`` with FRBR metadata
(:mod:`.akn_meta`), a preface, and a body in the page's order:

* prose parts (introduction, purpose, vision, ...) and 'about' passages: ``<hcontainer>`` with ``<content>``;
* the principles: ``<hcontainer name="principles">`` holding one ``<paragraph>`` per principle;
* each section of undertakings: ``<section>`` (``<num>``, ``<heading>``, ``<intro>``), its own clauses as
  ``<paragraph>``, its party groups as ``<hcontainer name="group">`` holding theirs, ``<wrapUp>`` after;
* each procedure: ``<hcontainer name="procedure">`` with its stages as ``<paragraph>``.

Every citable clause is a ``<paragraph>`` with ``<num>`` (its printed number), ``<heading>`` (its title)
and ``<content>``; eIds come from :mod:`.eids`. Register, forms and glossary are in the JSON export only.
"""
from __future__ import annotations

from typing import Iterable, Optional

from lxml import etree

from compact_site.core.editions import EditionText, Timeline
from compact_site.exports.akn_meta import meta, preface
from compact_site.exports.akn_text import E, TextConverter, q
from compact_site.exports.eids import (
    PROSE_PARTS,
    about_eid,
    clause_eid,
    group_eids,
    part_eid,
    procedure_eid,
    section_eid,
)
from compact_site.exports.text import Resolver, xml_safe
from compact_site.model import Block, Compact, Contact, Procedure, Section
from compact_site.model.compact import PART_NAMES

_NUM, _HEADING, _CONTENT = q("num"), q("heading"), q("content")


def _labelled(num: Optional[str], heading: Optional[str]) -> list[etree._Element]:
    """``<num>`` and ``<heading>``, for those the source prints."""
    return ([E.num(xml_safe(num))] if num else []) + ([E.heading(xml_safe(heading))] if heading else [])


class BodyWriter:
    """Builds the body of one compact's document."""

    def __init__(self, compact: Compact, resolve: Resolver) -> None:
        self.compact = compact
        self.text = TextConverter(resolve, {note.id: note.text for note in compact.footnotes})

    def blocks(self, texts: Iterable[Optional[str]], prefix: str) -> list[etree._Element]:
        return [block for text in texts for block in self.text.blocks(text, prefix)]

    def clause(self, node, parent_eid: str) -> etree._Element:
        eid = clause_eid(parent_eid, node.id)
        # The same elements as E.paragraph(*_labelled(...), E.content(...)), made in place with SubElement:
        # every element built apart is walked again when appended, and clauses are most of the document.
        paragraph = E.paragraph(eId=eid)
        for tag, value in ((_NUM, getattr(node, "number", None)), (_HEADING, getattr(node, "title", None))):
            if value:
                etree.SubElement(paragraph, tag).text = xml_safe(value)
        self.text.blocks_into(etree.SubElement(paragraph, _CONTENT), node.text, eid)
        return paragraph

    @staticmethod
    def _hier(element: etree._Element, intro: list, children: list, wrap_up: list) -> etree._Element:
        """Fill a hierarchical element: intro, children and wrap-up, or only content when it has no children."""
        if children:
            element.extend(([E.intro(*intro)] if intro else []) + children + ([E.wrapUp(*wrap_up)] if wrap_up else []))
        elif intro or wrap_up:
            element.append(E.content(*intro, *wrap_up))
        return element

    def block(self, block: Block, name: str, eid: str) -> etree._Element:
        before, lists = self.blocks([block.text], eid), []  # in reading order, so lists number as they appear
        if block.items:
            list_eid = self.text.eid(eid, "list")  # first, so lists inside its items nest under it
            items = [E.li(*self.text.blocks(item.text, list_eid), **({"value": xml_safe(item.number)} if item.number
                                                                     else {})) for item in block.items]
            lists.append(E("ol" if block.numbered else "ul", *items, eId=list_eid))
        body = before + lists + self.blocks([block.after], eid)
        return E.hcontainer(*_labelled(None, block.heading), E.content(*body), name=name, eId=eid)

    def principles(self) -> Optional[etree._Element]:
        principles = self.compact.principles
        if not principles:
            return None
        eid = part_eid("principles")
        element = E.hcontainer(*_labelled(None, principles.heading), name="principles", eId=eid)
        # Built in reading order, so notes and lists are numbered as a reader meets them.
        intro = self.blocks([principles.intro], eid)
        items = [self.clause(item, eid) for item in principles.items]
        return self._hier(element, intro, items, self.blocks([principles.after], eid))

    def section(self, section: Section) -> etree._Element:
        eid = section_eid(section.id)
        intro = self.blocks([section.intro], eid)
        children = [self.clause(clause, eid) for clause in section.clauses]
        for group, group_eid in zip(section.groups, group_eids(eid, [g.party for g in section.groups])):
            container = E.hcontainer(*_labelled(None, group.heading), name="group", eId=group_eid)
            group_intro = self.blocks([group.intro], group_eid)
            children.append(self._hier(container, group_intro,
                                       [self.clause(clause, group_eid) for clause in group.clauses], []))
        element = E.section(*_labelled(section.number, section.title), eId=eid)
        return self._hier(element, intro, children, self.blocks([section.after], eid))

    def undertakings(self) -> list[etree._Element]:
        undertakings = self.compact.undertakings
        if not undertakings:
            return []
        head = []
        if undertakings.heading or undertakings.intro:
            eid = part_eid("undertakings")
            intro = self.blocks([undertakings.intro], eid)
            head = [E.hcontainer(*_labelled(None, undertakings.heading), *([E.content(*intro)] if intro else []),
                                 name="undertakings", eId=eid)]
        return head + [self.section(section) for section in undertakings.sections]

    def contact(self, contact: Contact, eid: str) -> list[etree._Element]:
        lines = [contact.name, *contact.address]
        lines += [f"{label}: {value}" for label, value in (("Telephone", contact.telephone),
                  ("Helpline", contact.helpline), ("Email", contact.email), ("Website", contact.website)) if value]
        lines += [contact.note] if contact.note else []
        card = E.p(xml_safe(lines[0]))
        for line in lines[1:]:
            card.append(E.br())
            card[-1].tail = xml_safe(line)
        return self.blocks([contact.intro], eid) + [card]

    def procedure(self, procedure: Procedure) -> etree._Element:
        eid = procedure_eid(procedure.id)
        intro = self.blocks([procedure.intro], eid)
        if procedure.steps_heading:
            intro.append(E.p(E.b(xml_safe(procedure.steps_heading))))
        intro += self.blocks([procedure.steps_intro], eid)
        steps = [self.clause(step, eid) for step in procedure.steps]
        after = [block for contact in procedure.contacts for block in self.contact(contact, eid)]
        after += self.blocks([procedure.after], eid)
        element = E.hcontainer(*_labelled(procedure.number, procedure.heading), name="procedure", eId=eid)
        return self._hier(element, intro, steps, after)

    def parts(self) -> list[etree._Element]:
        """The body's parts in the page's order (the compact's ``order`` first, as the site does)."""
        c = self.compact
        names: list[str] = []
        for name in [*c.order, *PART_NAMES]:
            expanded = [f"about:{a.id}" for a in c.about] if name == "about" else [name]
            names += [n for n in expanded if n not in names]
        about = {f"about:{a.id}": a for a in c.about}
        out: list[etree._Element] = []
        for name in names:
            if name in about:
                out.append(self.block(about[name], "about", about_eid(about[name].id)))
            elif name in PROSE_PARTS and getattr(c, name):
                out.append(self.block(getattr(c, name), name.replace("_", "-"), part_eid(name)))
            elif name == "principles":
                out += [p for p in [self.principles()] if p is not None]
            elif name == "undertakings":
                out += self.undertakings()
            elif name == "procedures":
                out += [self.procedure(procedure) for procedure in c.procedures]
        return out


def akn_document(compact: Compact, resolve: Resolver, editions: Optional[Timeline] = None,
                 edition: Optional[EditionText] = None) -> etree._Element:
    """The ``<akomaNtoso>`` element of a compact: its current text, or ``edition`` of ``editions`` (whose text
    ``compact`` is), each an expression of one Work (see :mod:`.akn_meta`)."""
    body = BodyWriter(compact, resolve).parts() or [E.p()]  # mainBody needs a child; a compact always has one
    # A later edition is a version of the text, not its original (the attribute's default: originalVersion).
    first = editions is None or (edition or editions.current) is editions.editions[0]
    return E.akomaNtoso(E.doc(meta(compact, editions, edition), preface(compact), E.mainBody(*body), name="compact",
                              **({} if first else {"contains": "singleVersion"})))


# Elements that hold only elements: indenting inside them adds no text. (lxml's pretty_print would also
# indent a <p> whose only child is a <b>, putting whitespace into the paragraph's text.)
_STRUCTURAL = {"akomaNtoso", "doc", "meta", "identification", "FRBRWork", "FRBRExpression", "FRBRManifestation",
               "lifecycle", "references", "preface", "mainBody", "hcontainer", "section", "paragraph", "intro",
               "wrapUp", "content", "ul", "ol", "table", "tr", "th", "td", "authorialNote"}
_STRUCTURAL_TAGS = frozenset(q(name) for name in _STRUCTURAL)  # compared as tags: QName() per element is slow


def _indent(element: etree._Element, level: int = 0) -> None:
    if element.tag not in _STRUCTURAL_TAGS or not len(element) or (element.text or "").strip():
        return
    inner = "\n" + "  " * (level + 1)
    element.text = inner
    for child in element:
        if child.tag in _STRUCTURAL_TAGS:  # most of a compact's elements are paragraphs and numbers: no call
            _indent(child, level + 1)
        child.tail = inner
    element[-1].tail = "\n" + "  " * level


def akn_text(compact: Compact, resolve: Resolver, editions: Optional[Timeline] = None,
             edition: Optional[EditionText] = None) -> str:
    """The document (:func:`akn_document`) as UTF-8 XML text, indented between structural elements only, so no
    text changes."""
    root = akn_document(compact, resolve, editions, edition)
    _indent(root)
    return etree.tostring(root, xml_declaration=True, encoding="UTF-8").decode("utf-8") + "\n"

