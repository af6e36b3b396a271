"""``compact-site import FILE``: read a .docx, .pdf, .txt or .md file and write a draft compact file.

Exit codes follow ``compact-site``: 0 the draft was written, 1 the file cannot be drafted from (a coded
message says why and what to do), 2 the command was misused (a bad slug, a file that already exists).
"""
from __future__ import annotations

import argparse
import sys
from pathlib import Path

from compact_site.content.checks import check_review
from compact_site.content.loader import parse_compact
from compact_site.errors import Problem
from compact_site.importer.coverage import measure
from compact_site.importer.draft import draft_compact, render
from compact_site.importer.from_pdf import read_pdf
from compact_site.importer.from_text import read_text
from compact_site.importer.from_word import read_word
from compact_site.importer.paragraphs import Document, ImportFault
from compact_site.importer.review_page import write_review
from compact_site.importer.safety import sniff
from compact_site.importer.wording import slug_id

SUFFIXES = {".docx": "zip", ".pdf": "pdf", ".txt": "text", ".md": "text", ".text": "text", ".markdown": "text"}


def read_document(path: Path) -> Document:
    """Read any supported file, choosing the reader by what the file is, not only by its name."""
    suffix = path.suffix.lower()
    if suffix in (".doc", ".rtf", ".odt", ".pages", ".wpd"):
        kind = {".odt": "an OpenDocument text (.odt)", ".pages": "a Pages document"}.get(
            suffix, f"a {suffix} document")
        raise ImportFault("CS703", f"the import cannot read {kind}",
                          "Open it in Word (or LibreOffice) and use File > Save As > Word Document (.docx), "
                          "then import the .docx.")
    found = sniff(path)
    if found == "empty":
        raise ImportFault("CS708", "the file is empty", "Check you chose the right file, and that it was saved.")
    if found == "ole":
        raise ImportFault("CS703", "this is a legacy Word 97-2003 (.doc) file",
                          "Open it in Word and use File > Save As > Word Document (.docx), then import the .docx.")
    if found == "zip":
        return read_word(path)
    if found == "pdf":
        return read_pdf(path)
    if suffix in (".docx", ".pdf"):
        raise ImportFault("CS705", f"the file is named {suffix} but is not one (it is plain text)",
                          "If it is text, rename it to .txt; otherwise save the document again from Word.")
    if suffix not in SUFFIXES:
        raise ImportFault("CS703", f"the import reads .docx, .pdf, .txt and .md files, not {suffix or 'this file'}",
                          "Save the document from Word as a Word Document (.docx) and import that.")
    return read_text(path)


def draft_from(path: Path, slug: str):
    """Read and draft one file: ``(yaml_text, compact mapping, document, placer, coverage, notes)``."""
    document = read_document(path)
    if not document.paragraphs:
        raise ImportFault("CS708", "the file has no text to import", "Check you chose the right file.")
    compact, placer, notes = draft_compact(document, slug, path.name)
    yaml_text = render(compact, path.name)
    return yaml_text, compact, document, placer, measure(document, yaml_text), notes


def cmd_import(args: argparse.Namespace) -> int:
    path: Path = args.file
    slug = args.slug or slug_id(path.stem.lower().removesuffix("-compact").removesuffix("_compact"))
    if not slug or not all(part.isalnum() for part in slug.split("-")) or slug != slug.lower():
        print(f"'{slug}' is not a usable slug: use lower-case letters, digits and hyphens", file=sys.stderr)
        return 2
    target = args.dir / f"{slug}.yml"
    if not args.stdout and target.exists():
        print(f"{target} already exists; choose another --slug, or delete that file first", file=sys.stderr)
        return 2
    try:
        yaml_text, compact, document, placer, coverage, notes = draft_from(path, slug)
    except ImportFault as fault:
        print(Problem(str(path), 0, fault.code, fault.message, detail=fault.fix).format(), file=sys.stderr)
        return 1
    model, problems = parse_compact(yaml_text, str(target), slug)
    errors = [p for p in problems if p.severity == "error"]
    if errors or model is None:
        for problem in errors:
            print(problem.format(), file=sys.stderr)
        print("the draft did not validate: this is a fault in `compact-site import`; please report it with "
              "the document", file=sys.stderr)
        return 1
    reviews = check_review(model, str(target))
    report = sys.stderr if args.stdout else sys.stdout
    if args.stdout:
        sys.stdout.write(yaml_text)
    else:
        args.dir.mkdir(parents=True, exist_ok=True)
        target.write_text(yaml_text, encoding="utf-8")
        page = write_review(args.review_dir, target, path.name, document, placer, coverage, yaml_text, reviews)
        print(f"created {target} from {path.name} ({document.kind})", file=report)
        print(f"review page: {page} (open it in a browser: the document beside the draft)", file=report)
    sections = len(compact.get("undertakings", {}).get("sections", []))
    print(f"{sections} section(s), {len(model.clauses())} clauses, {len(reviews)} review "
          f"entr{'y' if len(reviews) == 1 else 'ies'} "
          "to check", file=report)
    print(coverage.line(), file=report)
    for note in notes:
        print(f"note: {note}", file=report)
    for sentence in coverage.missing[:20]:
        print(f"not placed: {sentence}", file=sys.stderr)
    if coverage.missing:
        print("some sentences were not placed: this is a fault in `compact-site import`; please report it with "
              "the document, and copy them into the draft by hand", file=sys.stderr)
    if not args.stdout:
        print("next: check each review entry against the document (`compact-site validate` lists them), delete "
              "each one you have checked, then build", file=report)
    return 0


def add_parser(commands: argparse._SubParsersAction) -> None:
    """Register ``import`` on the ``compact-site`` sub-command list."""
    imp = commands.add_parser("import", help="draft a compact file from a Word document, PDF or text file")
    imp.add_argument("file", type=Path, help="a .docx, .pdf (with a text layer), .txt or .md file")
    imp.add_argument("--slug", help="the compact's address, e.g. northtown (default: from the file name)")
    imp.add_argument("--dir", type=Path, default=Path("content"), help="where to create it (default: content/)")
    imp.add_argument("--review-dir", type=Path, default=Path("review"),
                     help="where to write the side-by-side review page (default: review/, never published)")
    imp.add_argument("--stdout", action="store_true", help="print the draft instead of writing a file")
    imp.set_defaults(run=cmd_import)
