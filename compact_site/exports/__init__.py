"""Exports: every compact as JSON and as Akoma Ntoso 3.0 XML, a site index, and the JSON Schema of the
format. No MkDocs imports: the site build publishes :func:`export_files` and ``compact-site export`` writes
the same files to a folder.

Files (paths in the site)::

    <slug>/compact.json        the compact: metadata, its editions, every citable clause, withdrawn clauses,
                               glossary, footnotes and register rows (kind "compact")
    <slug>/compact.akn.xml     the compact as an Akoma Ntoso 3.0 <doc name="compact">
    <slug>/<date>/compact.json, compact.akn.xml
                               each frozen edition, as its own expression (exports/editions.py)
    compacts.json              the site index: each compact with counts, file URLs and editions, and the site glossary
    schema/export.schema.json  JSON Schema of both JSON files (generated from exports/records.py)
    compacts.csv               the register of compacts for a spreadsheet (the home page's table, core/compact_register.py)

The site build also publishes the Atom feeds (:mod:`.feeds`: ``feed.xml``, ``<slug>/feed.xml``); ``compact-site
export`` does not, for they are news of a published site.

Output is deterministic: the same content and site URL give byte-identical files (no build times, keys in
a fixed order), so exports can be diffed and cached.
"""
from __future__ import annotations

import json

from pydantic_core import PydanticSerializationError

from compact_site.core.compact_register import register_download
from compact_site.core.context import BuildContext
from compact_site.exports.urls import (
    SCHEMA_FILE,
    SITE_INDEX_FILE,
    SiteUrls,
    compact_akn_file,
    compact_json_file,
    edition_akn_file,
    edition_json_file,
)

__all__ = ["export_files"]


def _json(record) -> str:
    """The record as indented JSON text (2 spaces, non-ASCII as is, keys in field order).

    pydantic's own serialiser writes exactly what ``json.dumps(model_dump(mode="json"), indent=2,
    ensure_ascii=False)`` writes (``tests/test_exports_speed.py`` checks), ten times faster: the standard
    library has no C encoder for indented output. It refuses a lone surrogate, which YAML escapes can
    produce; such a text takes the old way so the result is the same in every case.
    """
    # by_alias: keys such as "json" and "register" are aliases of field names pydantic reserves.
    try:
        return record.model_dump_json(indent=2, by_alias=True) + "\n"
    except PydanticSerializationError:
        return json.dumps(record.model_dump(mode="json", by_alias=True), indent=2, ensure_ascii=False) + "\n"


def export_files(context: BuildContext) -> list[tuple[str, str]]:
    """(path in the site, text) of every export file: per compact its JSON and AKN, then the site index and
    the schema. URLs in them are absolute under the site's ``site_url``, else root-relative (``/sandwell/...``)."""
    # Imported here: lxml and the export records cost ~35 ms to import, which a build that makes its exports
    # in a worker process (compact_site/runtime/background.py) never pays; search imports none of it.
    from compact_site.exports.akn import akn_text
    from compact_site.exports.build import compact_export, compact_summary, site_index
    from compact_site.exports.editions import edition_records, edition_resolver, editions_of
    from compact_site.exports.schema import export_schema_text
    from compact_site.exports.text import resolver

    compacts, citations, site_glossary, site_url = context.compacts, context.citations, context.glossary, \
        context.style.site_url
    urls = SiteUrls(site_url)
    files, summaries = [], []
    for compact in compacts:
        slug, timeline = compact.slug, editions_of(compact, context.timelines)
        listed = edition_records(timeline, urls)
        export = compact_export(compact, citations, urls, listed)
        # Only the summary is kept: holding every compact's records (tens of thousands of objects at national
        # scale) made the garbage collector walk them all again and again, a fifth of the export time.
        summaries.append(compact_summary(export))
        files += [(compact_json_file(slug), _json(export)),
                  (compact_akn_file(slug), akn_text(compact, resolver(citations, slug, urls), timeline))]
        for edition, record in zip(timeline.past, listed):  # each frozen edition: its own expression
            at = urls.for_edition(slug, edition.date)
            resolve = edition_resolver(citations, edition, at)
            files += [(edition_json_file(slug, edition.date),
                       _json(compact_export(edition.compact, citations, at, listed, record, resolve))),
                      (edition_akn_file(slug, edition.date), akn_text(edition.compact, resolve, timeline, edition))]
    index = site_index(summaries, site_glossary, citations, urls, site_url)
    # compacts.csv beside compacts.json: the register of compacts for a spreadsheet, the home page's table
    return files + [(SITE_INDEX_FILE, _json(index)), (SCHEMA_FILE, export_schema_text())] + \
        register_download(compacts, site_url)
