"""Editions in the exports: the list of a compact's editions every export carries, and each frozen edition
exported as its own expression, beside its page (``<slug>/<date>/compact.json`` and ``compact.akn.xml``).

A frozen edition's export has the format of the current one (``kind: "compact"``), with its own text, status,
dates and register. Its clauses' anchors are on the edition's page; their identifier URLs are the permanent
ones, the same in every edition (they show the clause as it is now, or say where it went). A cross-reference
to the compact's own clauses is resolved within the edition, to the number the clause had then; references to
other compacts and to the glossary resolve as in the current export.
"""
from __future__ import annotations

from typing import Optional

from compact_site.core.citations import Citations, citation
from compact_site.core.editions import EditionText, Timeline, timeline
from compact_site.exports import records as r
from compact_site.exports.text import Resolver, resolver
from compact_site.exports.urls import SCHEMA_FILE, SiteUrls, compact_akn_file, compact_json_file, edition_akn_file, \
    edition_json_file
from compact_site.model import Compact
from compact_site.model.references import edition_url


def editions_of(compact: Compact, timelines: dict[str, Timeline]) -> Timeline:
    """The compact's timeline: its frozen editions and the current text, or the current text alone."""
    return timelines.get(compact.slug) or timeline(compact, [])


def edition_files(slug: str, edition: EditionText, urls: SiteUrls) -> r.Files:
    """Where an edition's exports are: the compact's own for the current text, beside the edition's page else."""
    json_file, akn_file = (compact_json_file(slug), compact_akn_file(slug)) if edition.current else \
        (edition_json_file(slug, edition.date), edition_akn_file(slug, edition.date))
    return r.Files(json_url=urls.file(json_file), akn=urls.file(akn_file), schema_url=urls.file(SCHEMA_FILE))


def edition_record(slug: str, edition: EditionText, urls: SiteUrls) -> r.Edition:
    """One edition as the exports list it."""
    page = urls.page(slug) if edition.current else urls.file(edition_url(slug, edition.date))
    return r.Edition(date=edition.date or None, label=edition.label or None, status=edition.status,
                     current=edition.current, url=page, files=edition_files(slug, edition, urls))


def edition_records(editions: Timeline, urls: SiteUrls) -> list[r.Edition]:
    """Every edition, oldest first, the current text last."""
    return [edition_record(editions.slug, edition, urls) for edition in editions.editions]


def edition_resolver(citations: Citations, edition: EditionText, urls: SiteUrls) -> Resolver:
    """References as a frozen edition's export resolves them: ``[[2.1]]`` to clause 2.1 of that edition, cited
    with the number it had then, on the edition's page (``urls``: :meth:`SiteUrls.for_edition`); the rest as
    the current export does."""
    slug = edition.compact.slug
    current = resolver(citations, slug, urls)

    def resolve(target: Optional[str], ident: str) -> Optional[tuple[str, str]]:
        if target in (None, slug) and ident in edition.nodes:
            return citation(edition.compact, edition.nodes[ident]), urls.clause_anchor_url(slug, ident)
        if target in (None, slug):
            return None  # not in that edition: shown as typed, as an unresolved reference always is
        return current(target, ident)

    return resolve
