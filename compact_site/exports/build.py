"""Build the JSON exports (records, see :mod:`.records`) of one compact and of the site."""
from __future__ import annotations

from typing import Optional

from compact_site.core.citations import Citations, citation
from compact_site.core.glossary import Entry, entries_of, term_anchor
from compact_site.core.registers import compact_rows
from compact_site.exports import records as r
from compact_site.exports.eids import clause_eids
from compact_site.exports.text import Resolver, footnote_ids, plain, resolver
from compact_site.exports.urls import SCHEMA_FILE, SiteUrls
from compact_site.model import Compact, Glossary, Node
from compact_site.model.references import clause_anchor, find_references


def _placement(compact: Compact) -> dict[int, tuple[str, Optional[str], Optional[r.SectionRef]]]:
    """id(node) -> (kind, party, section) for every citable node."""
    found: dict[int, tuple[str, Optional[str], Optional[r.SectionRef]]] = {}
    for item in compact.principles.items if compact.principles else []:
        found[id(item)] = ("principle", None, None)
    for section in compact.undertakings.sections if compact.undertakings else []:
        ref = r.SectionRef(id=section.id, number=section.number, title=section.title)
        found.update({id(clause): ("provision", None, ref) for clause in section.clauses})
        for group in section.groups:
            found.update({id(clause): ("undertaking", group.party, ref) for clause in group.clauses})
    for procedure in compact.procedures:
        ref = r.SectionRef(id=procedure.id, number=procedure.number, title=procedure.heading)
        found.update({id(step): ("stage", None, ref) for step in procedure.steps})
    return found


def _references(text: str, slug: str) -> list[r.Reference]:
    if "[[" not in text:  # every reference contains it; skips masking code in the common case
        return []
    return [r.Reference(compact=ref.compact or slug, id=ref.clause_id) for ref in find_references(text)]


def _clause(compact: Compact, node: Node, eid: str, placed: tuple, resolve: Resolver, urls: SiteUrls) -> r.Clause:
    kind, party, section = placed
    slug = compact.slug
    return r.Clause(
        id=node.id, number=getattr(node, "number", None), title=getattr(node, "title", None), kind=kind,
        party=party, section=section, citation=citation(compact, node), text_markdown=node.text,
        text_plain=plain(node.text, resolve),
        references=_references(node.text, slug),
        footnotes=footnote_ids(node.text), anchor=clause_anchor(node.id),
        anchor_url=urls.clause_anchor_url(slug, node.id), identifier_url=urls.clause_identifier_url(slug, node.id),
        akn_eid=eid,
        # Added to the model with the anchor ledger; getattr keeps exports working on content without them.
        former_ids=list(getattr(node, "former_ids", None) or []),
        former_numbers=list(getattr(node, "former_numbers", None) or []))


def _withdrawn(compact: Compact, gone, resolve: Resolver, urls: SiteUrls) -> r.Withdrawn:
    reason = getattr(gone, "reason", None)
    return r.Withdrawn(
        id=gone.id, number=getattr(gone, "number", None), date=getattr(gone, "date", None), reason_markdown=reason,
        reason_plain=plain(reason, resolve) if reason else None, anchor=clause_anchor(gone.id),
        anchor_url=urls.clause_anchor_url(compact.slug, gone.id),
        identifier_url=urls.clause_identifier_url(compact.slug, gone.id))


def _term(entry: Entry, resolve: Resolver, urls: SiteUrls) -> r.Term:
    return r.Term(id=entry.id, term=entry.term, abbreviation=entry.abbreviation, aliases=list(entry.aliases),
                  definition_markdown=entry.definition, definition_plain=plain(entry.definition, resolve),
                  anchor=term_anchor(entry.id), url=urls.term_url(entry.id, entry.source))


def compact_info(compact: Compact, urls: SiteUrls) -> r.CompactInfo:
    source = compact.source
    return r.CompactInfo(
        slug=compact.slug, title=compact.title, subtitle=compact.subtitle, area=compact.area, status=compact.status,
        version=compact.version, dates=r.Dates(**{k: getattr(compact.dates, k) for k in r.Dates.model_fields}),
        parties=[r.Party(sector=p.sector, name=p.name) for p in compact.parties],
        source=r.Source(title=source.title, format=source.format, url=source.url) if source else None,
        url=urls.page(compact.slug))


def compact_export(compact: Compact, citations: Citations, urls: SiteUrls, editions: list[r.Edition],
                   edition: Optional[r.Edition] = None, resolve: Optional[Resolver] = None) -> r.CompactExport:
    """Everything a program needs about one compact, with the site's own anchors and URLs: its current text, or
    ``edition`` (of ``editions``), whose text ``compact`` is, with the URLs and references of that edition
    (exports/editions.py)."""
    resolve = resolve or resolver(citations, compact.slug, urls)
    placement = _placement(compact)
    edition = edition or editions[-1]
    return r.CompactExport(
        kind="compact", format_version=r.FORMAT_VERSION, compact=compact_info(compact, urls),
        files=edition.files, edition=edition, editions=editions,
        clauses=[_clause(compact, node, eid, placement[id(node)], resolve, urls) for node, eid in clause_eids(compact)],
        withdrawn=[_withdrawn(compact, gone, resolve, urls) for gone in getattr(compact, "withdrawn", None) or []],
        glossary=[_term(entry, resolve, urls) for entry in entries_of(compact.glossary, compact.slug)],
        footnotes=[r.Footnote(id=note.id, text_markdown=note.text, text_plain=plain(note.text, resolve))
                   for note in compact.footnotes],
        register_rows=[r.RegisterRow(**row) for row in compact_rows(compact)])


def _counts(export: r.CompactExport) -> r.Counts:
    kinds = [clause.kind for clause in export.clauses]
    rows = [row.kind for row in export.register_rows]
    return r.Counts(clauses=len(kinds), principles=kinds.count("principle"), provisions=kinds.count("provision"),
                    undertakings=kinds.count("undertaking"), stages=kinds.count("stage"),
                    withdrawn=len(export.withdrawn), terms=len(export.glossary),
                    signatories=rows.count("signatory"), partners=rows.count("partner"),
                    steering_group=rows.count("steering-group"))


def compact_summary(export: r.CompactExport) -> r.CompactSummary:
    """A compact's entry in the site index."""
    e = export
    return r.CompactSummary(slug=e.compact.slug, title=e.compact.title, area=e.compact.area,
                            status=e.compact.status, url=e.compact.url, counts=_counts(e), files=e.files,
                            editions=e.editions)


def site_index(summaries: list[r.CompactSummary], site_glossary: Optional[Glossary], citations: Citations,
               urls: SiteUrls, site_url: Optional[str]) -> r.SiteIndex:
    """The list of compacts (:func:`compact_summary` of each) and the site-wide glossary."""
    # Site glossary text may say [[sandwell:2.1]]; there is no "own" compact, so a bare [[2.1]] stays as typed.
    resolve = resolver(citations, "", urls)
    glossary = r.SiteGlossary(
        heading=site_glossary.heading if site_glossary else None,
        intro_markdown=site_glossary.intro if site_glossary else None,
        terms=[_term(entry, resolve, urls) for entry in entries_of(site_glossary, None)])
    return r.SiteIndex(kind="site-index", format_version=r.FORMAT_VERSION, site_url=site_url,
                       schema_url=urls.file(SCHEMA_FILE), compacts=summaries, glossary=glossary)
