#!/usr/bin/env python3
"""Regenerate the import test corpus (tests/import_corpus/) from the five source documents.

    .venv/bin/python tests/import_corpus/make_corpus.py [--sources DIR] [--no-check]

Needs pandoc, Debian's Chromium at /usr/bin/chromium (driven by the venv's Playwright), poppler-utils
(pdftotext), the hyphen-en-gb patterns, fonts-dejavu, and pypdf + lxml in the venv. Every output is
deterministic: running it twice gives the same bytes.

Step A  source text → block model → Markdown (markdown/<slug>.md)           corpus_sources, corpus_model
Step B  Markdown → <slug>.docx with pandoc, Word numbering put in and checked  corpus_docx
Step C  print Markdown → HTML → <slug>.pdf with headless Chromium             corpus_pdf
Step D  hostile/ files                                                        corpus_hostile
Step E  features.docx and features.expected.md                               corpus_features
Then each .docx (pandoc -t plain) and .pdf (pdftotext -raw as it is, and again with the running header
and footer dropped and line-end hyphens and superscript footnote markers repaired, as an importer must) is
measured with fidelity.py's sentences() and SiteWords().holds(); the run fails below 99.5 % (sentences in
tests/fidelity-ignore.txt set aside).
"""
from __future__ import annotations

import sys

sys.dont_write_bytecode = True           # no __pycache__ left in the corpus folder

import argparse  # noqa: E402
import importlib.util  # noqa: E402
import re  # noqa: E402
import shutil  # noqa: E402
import subprocess  # noqa: E402
from pathlib import Path  # noqa: E402

HERE = Path(__file__).resolve().parent
ROOT = HERE.parents[1]
sys.path.insert(0, str(HERE))

import corpus_docx  # noqa: E402
import corpus_features  # noqa: E402
import corpus_hostile  # noqa: E402
import corpus_pdf  # noqa: E402
from corpus_model import Doc, labels, markdown, numbered  # noqa: E402
from corpus_sources import read_all  # noqa: E402

SHARED = ROOT.parent / "shared"
MIN_SHARE = 0.995


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--sources", type=Path, default=SHARED / "source-documents")
    ap.add_argument("--no-check", action="store_true", help="skip the sentence coverage measurement")
    args = ap.parse_args(argv)
    _require()
    docs = read_all(args.sources)

    (HERE / "markdown").mkdir(exist_ok=True)
    docx = {}
    for doc in docs:                                                   # Steps A and B
        text = markdown(doc, "word")
        (HERE / "markdown" / f"{doc.slug}.md").write_text(text, encoding="utf-8")
        docx[doc.slug] = corpus_docx.build_docx(doc, text)
        printed = [label for label, _ in corpus_docx.word_numbers(docx[doc.slug])]
        expected = [label for label, _ in numbered(doc)]
        if printed != expected:
            raise SystemExit(f"{doc.slug}.docx: Word would print {printed}, the source prints {expected}")
        (HERE / f"{doc.slug}.docx").write_bytes(docx[doc.slug])
        print(f"{doc.slug}.docx: {len(printed)} numbered paragraphs print as the source numbers them")

    corpus_pdf.print_pdfs([(doc, corpus_pdf.html_of(doc, markdown(doc, "print"))) for doc in docs], HERE)  # C
    for doc in docs:
        check_pdf_numbers(doc, corpus_pdf.pdf_text((HERE / f"{doc.slug}.pdf").read_bytes()))

    sample = "southampton"                                             # Step D
    corpus_hostile.make_all(HERE / "hostile", docx[sample], (HERE / f"{sample}.pdf").read_bytes(),
                            corpus_pdf.print_scan(scan_text(docs)))
    features = corpus_features.build()                                 # Step E
    corpus_features.check(features)
    (HERE / "features.docx").write_bytes(features)
    (HERE / "features.expected.md").write_text(corpus_features.EXPECTED, encoding="utf-8")

    if args.no_check:
        return 0
    return 0 if measure(docs, args.sources) else 1


def _require() -> None:
    missing = [tool for tool in ("pandoc", "pdftotext") if not shutil.which(tool)]
    missing += [str(p) for p in (Path(corpus_pdf.CHROMIUM), corpus_pdf.PATTERNS) if not p.exists()]
    if missing:
        raise SystemExit("missing: " + ", ".join(missing) + " (apt-get install pandoc poppler-utils chromium "
                         "hyphen-en-gb fonts-dejavu)")


def running(doc: Doc, text: str) -> str:
    """The PDF's text without its running header and footer lines (an importer drops them by repetition)."""
    lines = text.replace("\f", "\n").splitlines()
    return "\n".join(line for line in lines if line.strip() != doc.short_title
                     and not re.fullmatch(r"Page \d+ of \d+", line.strip()))


def check_pdf_numbers(doc: Doc, text: str) -> None:
    """Each number Word prints starts a line of the PDF, in order."""
    want = [label for group in labels(doc) for label in group]
    at = 0
    for line in running(doc, text).splitlines():
        if at < len(want) and (line + " ").startswith(want[at] + " "):
            at += 1
    if at != len(want):
        raise SystemExit(f"{doc.slug}.pdf: number {want[at]!r} (the {at + 1}th) is not printed where expected")


def scan_text(docs: list[Doc]) -> str:
    """The page that scanned.pdf shows as an image: the start of Southampton's Markdown, as HTML."""
    south = next(d for d in docs if d.slug == "southampton")
    return corpus_pdf.html_of(south, markdown(south, "print"))


def measure(docs: list[Doc], sources: Path) -> bool:
    path = SHARED / "tools" / "fidelity.py"
    if not path.exists():
        print(f"{path} not found: sentence coverage not measured")
        return True
    spec = importlib.util.spec_from_file_location("fidelity", path)
    fidelity = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(fidelity)
    ignore_file = ROOT / "tests" / "fidelity-ignore.txt"
    ignored = {" ".join(fidelity.words(line)) for line in ignore_file.read_text(encoding="utf-8").splitlines()
               if line.strip() and not line.startswith("#")} if ignore_file.exists() else set()
    ok = True
    print(f"\nsentence coverage (fidelity.py); in brackets, the share without {ignore_file.name}'s garbage sentences")
    for doc in docs:
        wanted = fidelity.sentences((sources / doc.source).read_text(encoding="utf-8"))
        counted = [s for s in wanted if " ".join(fidelity.words(s)) not in ignored]
        docx_text = subprocess.run(["pandoc", "-f", "docx", "-t", "plain", "-s", "--wrap=none",
                                    str(HERE / f"{doc.slug}.docx")], capture_output=True, check=True,
                                   text=True).stdout
        raw = corpus_pdf.pdf_text((HERE / f"{doc.slug}.pdf").read_bytes())
        # Superscript footnote references print glued to their word ("model1"): set apart, as an importer
        # must by font size. Only lower-case letter + digits, so postcodes (B70, CV4) are left alone.
        repaired = re.sub(r"([a-z])(\d+)\b", r"\1 \2", corpus_pdf.dehyphenate(running(doc, raw)))
        for label, text in (("docx", docx_text), ("pdf as extracted", raw), ("pdf repaired", repaired)):
            site = fidelity.SiteWords(text)
            missing = [s for s in wanted if not site.holds(s)]
            missing_counted = [s for s in counted if not site.holds(s)]
            share, share_counted = 1 - len(missing) / len(wanted), 1 - len(missing_counted) / len(counted)
            print(f"  {doc.slug + '.' + label:48} {len(wanted) - len(missing):4}/{len(wanted)} = {share:6.1%}"
                  f"  ({share_counted:.1%})")
            if label != "pdf as extracted":
                ok &= share_counted >= MIN_SHARE
                for s in missing_counted:
                    print(f"      missing: {s}")
    return ok


if __name__ == "__main__":
    sys.exit(main())
