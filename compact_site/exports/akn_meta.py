"""The ``<meta>`` of a compact's Akoma Ntoso document: FRBR identification and the references it points to.

FRBR URIs follow the AKN naming convention: ``/akn/gb/doc/compact/<date>/<slug>`` for the Work (country
``gb``, document type ``doc``, subtype ``compact``, number = the slug), ``.../eng@<date>`` for this
Expression (English, this version), ``.../eng@<date>/!main.xml`` for this file. ``<date>`` is the date as
precise as the source gives it (``2011-07``); ``FRBRdate`` needs a whole date, so a partial one is given
its first day (``2011-07-01``) and is named after what it dates (``refreshed``).

A compact whose source gives no date at all still needs one (the schema requires ``FRBRdate``): it gets
``0001-01-01`` named ``unknown``, ``0001`` in its Work URI and a bare ``eng@`` in its Expression URI,
rather than a made-up date that looks real.

Editions (core/editions.py) are expressions of one Work. The Work (its URI, dates, title and authors) is always
named by the current text, so it is the same in every edition's document. A frozen edition's Expression is
``.../eng@<its date>`` with ``FRBRdate name="edition"``; the current text's is named as above. Every document,
the current one too, has a ``<lifecycle>`` with one ``<eventRef>`` per edition, oldest first: the first a
``generation`` whose source is ``<original>`` (the first expression), the others ``amendment``s whose source is
a ``<passiveRef>`` to that edition's expression. A compact never frozen has one: its generation.
Nothing here depends on the time of the build, so the same content always gives the same file.
"""
from __future__ import annotations

from typing import Optional

from lxml import etree

from compact_site.core.editions import EditionText, Timeline, timeline
from compact_site.exports.akn_text import E
from compact_site.exports.text import xml_safe
from compact_site.model import Compact

COUNTRY = "gb"
LANGUAGE = "eng"  # ISO 639-2, as FRBR URIs and FRBRlanguage want it
UNKNOWN_DATE = "0001"
PUBLISHER_EID = "compact-site"  # who made this XML: the identification's source
WORK_DATES = ("adopted", "published", "refreshed", "start")
"""Which date names the Work, in order of preference: when the compact came into being."""
EXPRESSION_DATES = ("refreshed", "published", "adopted", "start")
"""Which date names this Expression: the version the text is."""
ALL_DATES = ("adopted", "refreshed", "published", "start", "end", "review")


def full_date(partial: str) -> str:
    """``2011`` -> ``2011-01-01``; ``2011-07`` -> ``2011-07-01``; a whole date unchanged."""
    parts = partial.split("-")
    return "-".join(parts + ["01"] * (3 - len(parts)))


def _first(compact: Compact, names: tuple[str, ...]) -> tuple[str, str]:
    """(name, partial date) of the first date the compact has, or ('unknown', '0001')."""
    for name in names:
        value = getattr(compact.dates, name)
        if value:
            return name, value
    return "unknown", UNKNOWN_DATE


def work_uri(compact: Compact) -> str:
    return f"/akn/{COUNTRY}/doc/compact/{_first(compact, WORK_DATES)[1]}/{compact.slug}"


def expression_uri(compact: Compact) -> str:
    """``.../eng@2011-07``; a bare ``@`` (the convention's "original version") when no date is known."""
    name, date = _first(compact, EXPRESSION_DATES)
    return f"{work_uri(compact)}/{LANGUAGE}@{'' if name == 'unknown' else date}"


def author_eids(compact: Compact) -> list[tuple[str, str]]:
    """(eId, name) of the authors: each sector party as the source names it, else the area's partners."""
    if not compact.parties:
        return [("partners", xml_safe(f"{compact.area} compact partners"))]
    found: list[tuple[str, str]] = []
    for party in compact.parties:
        eid = f"party-{party.sector}"
        same = sum(1 for other, _ in found if other == eid or other.startswith(eid + "-"))
        found.append((f"{eid}-{same + 1}" if same else eid, xml_safe(party.name)))  # eIds must be unique
    return found


def _dates(compact: Compact, names: tuple[str, ...]) -> list[etree._Element]:
    found = [(name, getattr(compact.dates, name)) for name in names if getattr(compact.dates, name)]
    return [E.FRBRdate(date=full_date(value), name=name) for name, value in found or [_first(compact, ())]]


def expression_of(work: Compact, edition: EditionText) -> tuple[str, tuple[str, str]]:
    """(Expression URI, (FRBRdate name, partial date)) of one edition of the Work named by ``work``."""
    if edition.current:
        return expression_uri(edition.compact), _first(edition.compact, EXPRESSION_DATES)
    return f"{work_uri(work)}/{LANGUAGE}@{edition.date}", ("edition", edition.date)


def lifecycle(work: Compact, editions: list[EditionText]) -> tuple[etree._Element, list[etree._Element]]:
    """``<lifecycle>`` with an event per edition, and the references the events name as their sources."""
    events, sources, seen = [], [], set()
    for index, edition in enumerate(editions):
        uri, (_, date) = expression_of(work, edition)
        day = full_date(date)
        eid = f"edition-{day}"
        if eid in seen:  # the current text dated as the last frozen edition (frozen, then not yet edited)
            eid += f"_{index + 1}"
        seen.add(eid)
        source = "original" if index == 0 else f"{eid}-source"
        events.append(E.eventRef(eId=eid, date=day, source=f"#{source}",
                                 type="generation" if index == 0 else "amendment"))
        reference = E.original if index == 0 else E.passiveRef
        sources.append(reference(eId=source, href=uri, showAs=xml_safe(edition.name)))
    return E.lifecycle(*events, source=f"#{PUBLISHER_EID}"), sources


def meta(compact: Compact, editions: Optional[Timeline] = None, edition: Optional[EditionText] = None) \
        -> etree._Element:
    """``<meta>``: identification (Work, Expression, Manifestation), lifecycle and references. ``compact`` is the
    text of ``edition`` of ``editions`` (by default: the current text, of a compact with no frozen edition)."""
    editions = editions or timeline(compact, [])
    edition = edition or editions.current
    whole = editions.current.compact  # names the Work, the same in every edition's document
    authors = [E.FRBRauthor(href=f"#{eid}") for eid, _ in author_eids(whole)]
    work = work_uri(whole)
    expression, (date_name, date) = expression_of(whole, edition)
    version_date = [E.FRBRdate(date=full_date(date), name=date_name)]
    identification = E.identification(
        E.FRBRWork(
            E.FRBRthis(value=f"{work}/!main"), E.FRBRuri(value=work),
            E.FRBRalias(value=xml_safe(whole.title), name="title"),
            *_dates(whole, ALL_DATES), *authors,
            E.FRBRcountry(value=COUNTRY), E.FRBRsubtype(value="compact"), E.FRBRnumber(value=whole.slug),
            E.FRBRname(value=xml_safe(whole.title))),
        E.FRBRExpression(
            E.FRBRthis(value=f"{expression}/!main"), E.FRBRuri(value=expression),
            *version_date, *[E.FRBRauthor(href=a.get("href")) for a in authors],
            E.FRBRlanguage(language=LANGUAGE)),
        E.FRBRManifestation(
            E.FRBRthis(value=f"{expression}/!main.xml"), E.FRBRuri(value=f"{expression}.xml"),
            # The version's date, not the time of the build: the same content must give the same bytes.
            *[E.FRBRdate(date=d.get("date"), name=d.get("name")) for d in version_date],
            E.FRBRauthor(href=f"#{PUBLISHER_EID}")),
        source=f"#{PUBLISHER_EID}")
    events, sources = lifecycle(whole, editions.editions)
    organisations = [E.TLCOrganization(eId=eid, href=f"/ontology/organization/{COUNTRY}/{whole.slug}.{eid}",
                                       showAs=name) for eid, name in author_eids(whole)]
    publisher = E.TLCOrganization(eId=PUBLISHER_EID, href=f"/ontology/organization/{PUBLISHER_EID}",
                                  showAs="compact-site")
    return E.meta(identification, events,
                  E.references(*sources, publisher, *organisations, source=f"#{PUBLISHER_EID}"))


def preface(compact: Compact) -> etree._Element:
    """Title, subtitle, version and status, as the front of the document."""
    lines = [E.p(E.docTitle(xml_safe(compact.title)))]
    if compact.subtitle:
        lines.append(E.p(xml_safe(compact.subtitle)))
    if compact.version:
        lines.append(E.p(E.docStage(xml_safe(compact.version))))
    lines.append(E.p(E.docStatus(compact.status)))
    return E.preface(*lines)
