"""What a compact page offers to download, each with its format in words and its size, and how to ask for the
compact in another format. No MkDocs imports.

Sizes are counted from the bytes written (UTF-8), which in a large build a worker process makes and writes
(plugin/split_build.py): the page's ``downloads.html`` fragment is rendered again with them when its page is
spliced (:meth:`render.fragments.Block.finished`). Until then a size is unknown and shows as nothing.

**Units** follow GOV.UK's publishing (attachments read "PDF, 1.2 MB"): ``KB`` and ``MB`` in powers of 1,024,
written in capitals, as most readers know them from their file manager. Under 1 KB: bytes ("965 bytes"). Under
10 KB one decimal ("2.9 KB"), then whole numbers ("61 KB"); the same for MB ("1.2 MB", "14 MB"). Rounded half
up; a trailing ".0" is dropped ("2 KB"); a size that rounds up to 1,024 of a unit is shown in the next ("1 MB").
"""
from __future__ import annotations

from decimal import ROUND_HALF_UP, Decimal
from typing import Mapping, NamedTuple, Optional
from urllib.parse import quote

UNITS = ("KB", "MB", "GB")

KINDS = {  # kind -> (what the link says, the format, what it is for)
    "compact-json": ("This compact as JSON", "JSON", "for developers and data tools"),
    "compact-akn": ("This compact as Akoma Ntoso XML", "Akoma Ntoso XML", "for legal-information systems"),
    "edition-json": ("This edition as JSON", "JSON", "for developers and data tools"),
    "edition-akn": ("This edition as Akoma Ntoso XML", "Akoma Ntoso XML", "for legal-information systems"),
    "register-csv": ("Its signatories and partners as CSV", "CSV", "opens in a spreadsheet"),
    "register-json": ("Its signatories and partners as JSON", "JSON", "for developers and data tools"),
}


def format_size(size: int) -> str:
    """A file's size in bytes as a reader understands it: '965 bytes', '2.9 KB', '118 KB', '1.2 MB'."""
    if size < 1024:
        return "1 byte" if size == 1 else f"{size} bytes"
    value, unit = Decimal(size) / 1024, 0
    while True:
        shown = value.quantize(Decimal("0.1") if value < 10 else Decimal("1"), rounding=ROUND_HALF_UP)
        if shown < 1024 or unit == len(UNITS) - 1:
            break
        value, unit = value / 1024, unit + 1
    text = f"{shown}"
    return f"{text[:-2] if text.endswith('.0') else text} {UNITS[unit]}"


class Download(NamedTuple):
    """One download for the ``downloads.html`` fragment."""

    href: str  # relative to the compact's page
    label: str  # what the link says: "This compact as JSON"
    format: str  # "JSON", "Akoma Ntoso XML", "CSV"
    purpose: str  # "for developers and data tools"
    size: str  # "118 KB"; empty while unknown
    bytes: Optional[int]  # the exact size; None while unknown


def downloads_view(folder: str, files: list[tuple[str, str]], sizes: Mapping[str, int]) -> list[Download]:
    """``files``: (path in the site, kind of :data:`KINDS`) of a page's downloads, each in the page's ``folder``
    (``sandwell``, or a past edition's ``riverside/2012-04-01``); ``sizes``: path -> bytes (empty until known)."""
    shown = []
    for path, kind in files:
        label, file_format, purpose = KINDS[kind]
        size = sizes.get(path)
        shown.append(Download(path.removeprefix(f"{folder}/"), label, file_format, purpose,
                              format_size(size) if size is not None else "", size))
    return shown


class FormatContact(NamedTuple):
    """Who readers ask for a compact in another format (plugin options ``accessible_format_contact_email`` and
    ``_name``, else the accessibility contact)."""

    email: str
    name: str = ""


class FormatRequest(NamedTuple):
    """The ``accessible-format.html`` fragment's ``request``: what to ask for, of whom, or where to find out."""

    document: str  # "this compact", "this form", "this register"
    name: str  # the contact's name (a team or post), or empty
    email: str  # their address, or empty when none is set
    href: str  # mailto: with a subject naming the document, or empty
    statement_href: str  # the accessibility statement, relative to the page


def format_request(contact: FormatContact | None, document: str, title: str, statement_href: str) -> FormatRequest:
    """How to ask for ``document`` (called ``title`` in the email's subject) in another format."""
    if contact is None:
        return FormatRequest(document, "", "", "", statement_href)
    subject = quote(f"Accessible format request: {' '.join(title.split())}", safe="")
    href = f"mailto:{quote(contact.email, safe='@.+-_')}?subject={subject}"
    return FormatRequest(document, contact.name, contact.email, href, statement_href)


def statement_href(depth: int, directory_urls: bool) -> str:
    """The accessibility statement from a page ``depth`` folders below the site's root in the built site."""
    return "../" * depth + ("accessibility/" if directory_urls else "accessibility.html")
