"""Step D: hostile and unsupported files under hostile/, each made deterministically (no clock, no random).

The importer must refuse each of these with a clear message, never hang, never read a gigabyte, and never
write a draft from them.
"""
from __future__ import annotations

import hashlib
import io
import struct
import zipfile
import zlib
from pathlib import Path

from corpus_docx import ZIP_TIME

WORD_NS = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
BOMB_SPACES = 1 << 30            # 1 GiB of spaces inside word/document.xml
CONTENT_TYPES = (
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
    '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
    '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>'
    '<Default Extension="xml" ContentType="application/xml"/>'
    '<Override PartName="/word/document.xml" '
    'ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/></Types>')
RELS = ('<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
        '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
        '<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/'
        'officeDocument" Target="word/document.xml"/></Relationships>')


def make_all(out: Path, sample_docx: bytes, sample_pdf: bytes, scanned_pdf: bytes) -> None:
    out.mkdir(parents=True, exist_ok=True)
    (out / "text-renamed.docx").write_text(
        "Southampton Compact\n\nThis is a plain text file that was given a .docx name.\n", encoding="utf-8")
    (out / "not-a-pdf.pdf").write_text(
        "Southampton Compact\n\nThis is a plain text file that was given a .pdf name.\n", encoding="utf-8")
    for name in ("empty.docx", "empty.pdf", "empty.txt"):
        (out / name).write_bytes(b"")
    (out / "truncated.docx").write_bytes(sample_docx[: len(sample_docx) // 2])
    (out / "legacy.doc").write_bytes(legacy_doc())
    (out / "document.odt").write_bytes(odt())
    (out / "encrypted.pdf").write_bytes(encrypted(sample_pdf))
    (out / "scanned.pdf").write_bytes(scanned_pdf)
    (out / "zip-bomb.docx").write_bytes(zip_bomb())


def legacy_doc() -> bytes:
    """A Word 97-2003 file as far as its first bytes go: the OLE2 compound-file signature, then junk."""
    junk = b"".join(hashlib.sha256(b"legacy.doc %d" % i).digest() for i in range(128))
    return bytes.fromhex("D0CF11E0A1B11AE1") + junk


def _zip(parts: list[tuple[str, bytes, int]]) -> bytes:
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as z:
        for name, data, method in parts:
            info = zipfile.ZipInfo(name, ZIP_TIME)
            info.compress_type = method
            info.create_system = 0
            z.writestr(info, data)
    return out.getvalue()


def odt() -> bytes:
    """A minimal but real OpenDocument text: mimetype stored first, a manifest, content and styles."""
    office = "urn:oasis:names:tc:opendocument:xmlns:office:1.0"
    text = "urn:oasis:names:tc:opendocument:xmlns:text:1.0"
    content = (f'<?xml version="1.0" encoding="UTF-8"?><office:document-content xmlns:office="{office}" '
               f'xmlns:text="{text}" office:version="1.2"><office:body><office:text>'
               '<text:h text:outline-level="1">Southampton Compact</text:h>'
               '<text:p>This Compact Code of Good Practice aims to build on existing good practice in '
               'Southampton.</text:p>'
               '</office:text></office:body></office:document-content>')
    styles = (f'<?xml version="1.0" encoding="UTF-8"?><office:document-styles xmlns:office="{office}" '
              'office:version="1.2"/>')
    manifest = ('<?xml version="1.0" encoding="UTF-8"?><manifest:manifest '
                'xmlns:manifest="urn:oasis:names:tc:opendocument:xmlns:manifest:1.0" manifest:version="1.2">'
                '<manifest:file-entry manifest:full-path="/" '
                'manifest:media-type="application/vnd.oasis.opendocument.text"/>'
                '<manifest:file-entry manifest:full-path="content.xml" manifest:media-type="text/xml"/>'
                '<manifest:file-entry manifest:full-path="styles.xml" manifest:media-type="text/xml"/>'
                '</manifest:manifest>')
    return _zip([("mimetype", b"application/vnd.oasis.opendocument.text", zipfile.ZIP_STORED),
                 ("META-INF/manifest.xml", manifest.encode(), zipfile.ZIP_DEFLATED),
                 ("content.xml", content.encode(), zipfile.ZIP_DEFLATED),
                 ("styles.xml", styles.encode(), zipfile.ZIP_DEFLATED)])


def encrypted(sample_pdf: bytes) -> bytes:
    """The first page of a real PDF, encrypted (RC4-128) with the user password "corpus".

    pypdf draws the file identifier, from which the RC4 key is made, at random: it is fixed here so the
    file is the same on every run."""
    from pypdf import PdfReader, PdfWriter
    from pypdf.generic import ArrayObject, ByteStringObject
    writer = PdfWriter()
    writer.add_page(PdfReader(io.BytesIO(sample_pdf)).pages[0])
    fixed = ArrayObject([ByteStringObject(hashlib.md5(b"encrypted.pdf").digest())] * 2)
    writer.generate_file_identifiers = lambda: setattr(writer, "_ID", fixed)
    writer.encrypt(user_password="corpus", owner_password="corpus-owner", algorithm="RC4-128")
    out = io.BytesIO()
    writer.write(out)
    return out.getvalue()


def zip_bomb() -> bytes:
    """A docx-shaped zip whose word/document.xml inflates to over 1 GiB (spaces in one w:t) from about a
    megabyte. Deflate cannot do better than ~1:1032, so the stream is built directly: one deflated mebibyte
    of spaces, ended by a full flush (so it refers to nothing before it), repeated 1024 times, then an
    empty final block. The zip entry is written by hand around that stream, with the true sizes and CRC in
    its headers (an importer can, and should, refuse it from those alone)."""
    head = (f'<?xml version="1.0" encoding="UTF-8" standalone="yes"?><w:document xmlns:w="{WORD_NS}"><w:body><w:p>'
            '<w:r><w:t xml:space="preserve">').encode()
    tail = b"</w:t></w:r></w:p></w:body></w:document>"
    chunk = b" " * (1 << 20)
    comp = zlib.compressobj(9, zlib.DEFLATED, -15)
    first = comp.compress(head) + comp.flush(zlib.Z_FULL_FLUSH)
    comp = zlib.compressobj(9, zlib.DEFLATED, -15)
    block = comp.compress(chunk) + comp.flush(zlib.Z_FULL_FLUSH)
    comp = zlib.compressobj(9, zlib.DEFLATED, -15)
    last = comp.compress(tail) + comp.flush(zlib.Z_FINISH)
    count = BOMB_SPACES // len(chunk)
    stream = first + block * count + last
    crc = zlib.crc32(head)
    for _ in range(count):
        crc = zlib.crc32(chunk, crc)
    crc = zlib.crc32(tail, crc)
    size = len(head) + len(chunk) * count + len(tail)

    # The small parts through zipfile, then the bomb entry appended by hand with its central record.
    small = _zip([("[Content_Types].xml", CONTENT_TYPES.encode(), zipfile.ZIP_DEFLATED),
                  ("_rels/.rels", RELS.encode(), zipfile.ZIP_DEFLATED)])
    with zipfile.ZipFile(io.BytesIO(small)) as z:
        infos = z.infolist()
    end = small.rfind(b"PK\x05\x06")
    central_at = struct.unpack("<I", small[end + 16:end + 20])[0]
    local, central = small[:central_at], small[central_at:end]
    name = b"word/document.xml"
    dos_time = (ZIP_TIME[3] << 11) | (ZIP_TIME[4] << 5) | (ZIP_TIME[5] // 2)
    dos_date = ((ZIP_TIME[0] - 1980) << 9) | (ZIP_TIME[1] << 5) | ZIP_TIME[2]
    offset = len(local)
    local += struct.pack("<IHHHHHIIIHH", 0x04034B50, 20, 0, 8, dos_time, dos_date, crc, len(stream), size,
                         len(name), 0) + name + stream
    central += struct.pack("<IHHHHHHIIIHHHHHII", 0x02014B50, 20, 20, 0, 8, dos_time, dos_date, crc, len(stream),
                           size, len(name), 0, 0, 0, 0, 0, offset) + name
    record = struct.pack("<IHHHHIIH", 0x06054B50, 0, 0, len(infos) + 1, len(infos) + 1, len(central), len(local), 0)
    return local + central + record
