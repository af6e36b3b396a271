"""Checks made before any library opens a file: its kind by its first bytes, and zip bombs.

A .docx is a zip archive; a hostile one can hold a few kilobytes that inflate to gigabytes. The sizes the
archive declares are checked here, and a member that inflates past them is stopped while it is read.
"""
from __future__ import annotations

import zipfile
from pathlib import Path

from compact_site.importer.paragraphs import ImportFault

MAX_FILE = 50 * 1024 * 1024  # the largest real compact document is a few megabytes with pictures
MAX_INFLATED = 200 * 1024 * 1024
MAX_RATIO = 200  # text XML compresses about 5-20 times; a bomb hundreds or thousands of times
OLE = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"


def sniff(path: Path) -> str:
    """What the file really is, by its first bytes: 'zip', 'pdf', 'ole' (legacy .doc), 'empty' or 'text'."""
    try:
        size = path.stat().st_size
        with path.open("rb") as handle:
            head = handle.read(1024)
    except OSError as err:
        raise ImportFault("CS701", f"cannot read the file ({err.strerror or err})",
                          "Check the path, and that the file is not open in another program.")
    if size == 0 or not head.strip():
        return "empty"
    if size > MAX_FILE:
        raise ImportFault("CS707", f"the file is {size // (1024 * 1024)} MB, larger than the {MAX_FILE // (1024 * 1024)} "
                          "MB the import reads", "Save a copy without pictures (the import reads only text).")
    if head.startswith(b"PK\x03\x04") or head.startswith(b"PK\x05\x06"):
        return "zip"
    if b"%PDF-" in head[:1024]:
        return "pdf"
    if head.startswith(OLE):
        return "ole"
    return "text"


def check_zip(path: Path, kind: str) -> None:
    """Refuse an archive that is not a zip, or whose contents would inflate past the limits."""
    try:
        with zipfile.ZipFile(path) as archive:
            members = archive.infolist()
            names = {member.filename for member in members}
            if "mimetype" in names and "content.xml" in names:
                raise ImportFault("CS703", "this is an OpenDocument (.odt) file, not a Word document",
                                  "Open it in LibreOffice or Word and save it as a Word Document (.docx), "
                                  "then import that.")
            if "word/document.xml" not in names:
                raise ImportFault("CS705", f"the file is a zip archive but not a {kind} (no word/document.xml)",
                                  "Open it in Word and save it as a Word Document (.docx), then import that.")
            inflated = sum(member.file_size for member in members)
            packed = sum(member.compress_size for member in members) or 1
            if len(members) > 5000 or inflated > MAX_INFLATED or (inflated > 10 * 1024 * 1024 and
                                                                  inflated / packed > MAX_RATIO):
                raise ImportFault("CS707", f"the {kind} would unpack to {inflated // (1024 * 1024)} MB "
                                  f"from {packed // 1024} KB: it is damaged or made to exhaust memory",
                                  "Open it in Word and save it again, then import the saved copy.")
    except zipfile.BadZipFile:
        raise ImportFault("CS705", f"the {kind} is damaged (its zip archive is incomplete)",
                          "Open it in Word; if Word can repair it, save it again as .docx and import that.")
