"""Any file handed to `compact-site import` ends in a draft or in a coded message with a fix: never a traceback.

Unsupported and hostile files are made here (and the committed ones in tests/import_corpus/hostile/, which
include a zip bomb and an encrypted PDF, are run too when present).
"""
from __future__ import annotations

import zipfile
from pathlib import Path

from compact_site.cli.main import main
from compact_site.importer.coverage import Words, sentences

from .conftest import ROOT, SHARED, SOURCES

HOSTILE = ROOT / "tests" / "import_corpus" / "hostile"


def run_import(path: Path, tmp_path: Path, capsys) -> tuple[int, str]:
    code = main(["import", str(path), "--slug", "northtown", "--dir", str(tmp_path / "content"),
                 "--review-dir", str(tmp_path / "review")])
    captured = capsys.readouterr()
    return code, captured.out + captured.err


def made_files(tmp_path: Path) -> dict[str, tuple[Path, str]]:
    """name -> (file, the error code it must give)."""
    files = {}
    def make(name: str, data: bytes, code: str) -> None:
        path = tmp_path / name
        path.write_bytes(data)
        files[name] = (path, code)
    make("empty.docx", b"", "CS708")
    make("empty.txt", b"", "CS708")
    make("blank.txt", b"  \n\n\t\n", "CS708")
    make("text-renamed.docx", b"Northtown Compact\n\n1.1 We will pay on time.\n", "CS705")
    make("not-a-pdf.pdf", b"Just some words\n", "CS705")
    make("legacy.doc", b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 600, "CS703")
    make("legacy-renamed.docx", b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 600, "CS703")
    make("binary.txt", b"abc\x00\x01\x02" * 50, "CS702")
    make("page.html", b"<p>Hello</p>", "CS703")
    odt = tmp_path / "document.odt"
    with zipfile.ZipFile(odt, "w") as archive:
        archive.writestr("mimetype", "application/vnd.oasis.opendocument.text")
        archive.writestr("content.xml", "<office:document-content/>")
    files["document.odt"] = (odt, "CS703")
    odt_renamed = tmp_path / "odt-renamed.docx"
    odt_renamed.write_bytes(odt.read_bytes())
    files["odt-renamed.docx"] = (odt_renamed, "CS703")
    other_zip = tmp_path / "photos.docx"
    with zipfile.ZipFile(other_zip, "w") as archive:
        archive.writestr("photo.txt", "not a document")
    files["photos.docx"] = (other_zip, "CS705")
    broken = tmp_path / "broken.docx"
    with zipfile.ZipFile(broken, "w") as archive:
        archive.writestr("word/document.xml", "<w:document><unclosed>")
        archive.writestr("[Content_Types].xml", "<Types/>")
    files["broken.docx"] = (broken, "CS705")
    bomb = tmp_path / "bomb.docx"  # 11 MB of zeros pack into a few kilobytes
    with zipfile.ZipFile(bomb, "w", compression=zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("word/document.xml", b"\0" * (11 * 1024 * 1024))
    files["bomb.docx"] = (bomb, "CS707")
    folder = tmp_path / "folder.txt"
    folder.mkdir()
    files["folder.txt"] = (folder, "CS701")
    truncated = tmp_path / "truncated.pdf"
    truncated.write_bytes(b"%PDF-1.7\n1 0 obj << /Type /Catalog >>\n")
    files["truncated.pdf"] = (truncated, "CS70")
    return files


def test_unsupported_and_hostile_files_get_a_coded_message(tmp_path, capsys):
    for name, (path, code) in made_files(tmp_path).items():
        status, output = run_import(path, tmp_path, capsys)
        assert status == 1, (name, output)
        assert "Traceback" not in output and f"[{code}" in output, (name, output)
        assert f"{path}: " in output and "fix: " in output, (name, output)
    assert not (tmp_path / "content").exists()  # no draft from any of them


def test_committed_hostile_files(tmp_path, capsys):
    expected = {"zip-bomb.docx": "CS707", "encrypted.pdf": "CS706", "scanned.pdf": "CS704", "legacy.doc": "CS703",
                "document.odt": "CS703", "text-renamed.docx": "CS705", "truncated.docx": "CS705",
                "not-a-pdf.pdf": "CS705", "empty.docx": "CS708", "empty.pdf": "CS708", "empty.txt": "CS708"}
    present = sorted(path.name for path in HOSTILE.iterdir())
    assert set(expected) <= set(present), present
    for name in present:
        status, output = run_import(HOSTILE / name, tmp_path, capsys)
        assert status == 1 and "Traceback" not in output, (name, output)
        if name in expected:
            assert f"[{expected[name]}]" in output, (name, output)


def test_the_sentence_rules_are_the_fidelity_checks(tmp_path):
    """coverage.py restates shared/tools/fidelity.py's rules: both give the same sentences and answers."""
    import importlib.util
    spec = importlib.util.spec_from_file_location("fidelity", SHARED / "tools" / "fidelity.py")
    fidelity = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(fidelity)
    for source in sorted(SOURCES.glob("*.*")):
        if source.name == "README.md":
            continue
        text = source.read_text(encoding="utf-8")
        assert sentences(text) == fidelity.sentences(text), source.name
        half = " ".join(text.split()[: len(text.split()) // 2])
        ours, theirs = Words(half), fidelity.SiteWords(half)
        assert [ours.find(s) is not None for s in sentences(text)] == [theirs.holds(s) for s in sentences(text)]


def test_the_review_page_sets_the_document_beside_the_draft(tmp_path, capsys):
    source = ROOT / "tests" / "fixtures" / "import" / "sample.txt"
    status, output = run_import(source, tmp_path, capsys)
    assert status == 0, output
    draft = tmp_path / "content" / "northtown.yml"
    page = (tmp_path / "review" / "northtown.html").read_text(encoding="utf-8")
    assert f"review page: {tmp_path / 'review' / 'northtown.html'}" in output
    assert "placed 17 of 17 sentences" in output and "placed 17 of 17 sentences" in page
    lines = draft.read_text(encoding="utf-8").splitlines()
    clause_line = next(n for n, line in enumerate(lines, 1) if line.strip() == '- id: "2.4"')
    # the document's paragraph, beside where it landed, linking to that line of the draft shown below
    assert "Pay on time, within 30 days of an invoice." in page
    assert f"clause &#39;2.4&#39; · <a href=\"#L{clause_line}\">line {clause_line}</a>" in page
    assert f'<li id="L{clause_line}">' in page
    assert page.count('class="guess"') >= 5  # review entries, each with its line
    assert not list((tmp_path / "content").glob("*.html"))  # the review page is never under content/
