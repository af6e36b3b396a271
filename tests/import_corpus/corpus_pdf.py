"""Step C: each document as printed: the "print" Markdown (numbers typed as Word prints them) → HTML with
pandoc → A4 PDF from headless Chromium, with a running header (the short title) and a "Page N of M" footer.

Chromium on Linux has no hyphenation dictionaries, so ``hyphens: auto`` does nothing in print. To give the
importer line-end hyphenation to repair, documents with ``hyphenate`` get soft hyphens (U+00AD) put into
their words by Liang's algorithm with the en-GB patterns of Debian's hyphen-en-gb; Chromium breaks lines at
them and prints a hyphen there. The body font is DejaVu Serif, whose fi/fl/ff ligatures Chromium uses (so the
PDF's text holds U+FB00–FB02 glyphs to decompose). Chromium stamps the time into /CreationDate and /ModDate;
they are overwritten with a fixed date of the same length, so the PDF is the same bytes on every run.
"""
from __future__ import annotations

import html
import re
import subprocess
import tempfile
from pathlib import Path

from corpus_model import Doc

CHROMIUM = "/usr/bin/chromium"
PATTERNS = Path("/usr/share/hyphen/hyph_en_GB.dic")
FIXED_DATE = b"D:20260101000000+00'00'"

CSS = """
html { font-family: "DejaVu Serif", serif; font-size: 10.5pt; line-height: 1.45; color: #111; }
body { margin: 0; }
h1, h2, h3, h4, .title, .subtitle, .toc-title { font-family: "DejaVu Sans", sans-serif; line-height: 1.25; }
.title { font-size: 20pt; margin: 0 0 4pt; }
.subtitle { font-size: 13pt; margin: 0 0 14pt; color: #333; }
h1 { font-size: 14pt; margin: 16pt 0 6pt; }
h2 { font-size: 12pt; margin: 12pt 0 5pt; }
h3 { font-size: 10.5pt; margin: 10pt 0 4pt; }
h4 { font-size: 10.5pt; font-weight: normal; font-style: italic; margin: 8pt 0 3pt; }
p { margin: 0 0 6pt; }
h1 .num, h2 .num { display: inline-block; min-width: 2.4em; }
.clause p { margin-left: 3em; }
.clause p:first-child { text-indent: -3em; }
.clause .num { display: inline-block; width: 3em; text-indent: 0; }
ol, ul { margin: 0 0 6pt; padding-left: 2.2em; }
li { margin: 0 0 3pt; }
table { border-collapse: collapse; width: 100%; margin: 4pt 0 10pt; }
td, th { border: 0.6pt solid #777; padding: 3pt 5pt; vertical-align: top; text-align: left; }
.toc p { display: flex; align-items: flex-end; margin: 0 0 3pt; }
.toc .entry { flex: 0 1 auto; }
.toc .leader { flex: 1 0 2em; overflow: hidden; white-space: nowrap; }
.toc .leader::after { content: " DOTS"; }
.toc .page { padding-left: 4pt; }
.toc-title { font-size: 14pt; font-weight: bold; }
.footnotes { font-size: 9pt; }
.footnotes hr { border: 0; border-top: 0.6pt solid #777; width: 30%; margin: 14pt 0 6pt; }
.footnote-back { display: none; }
a { color: inherit; text-decoration: none; }
"""
CSS = CSS.replace("DOTS", "." * 200)             # a contents line's dot leader, as Word prints one
JUSTIFY = "p, li { text-align: justify; }"

TEMPLATE = """<!DOCTYPE html>
<html lang="$lang$">
<head>
<meta charset="utf-8">
<title>$pagetitle$</title>
<style>{css}</style>
</head>
<body>
<header class="title-block">
<h1 class="title">$title$</h1>
$if(subtitle)$<p class="subtitle">$subtitle$</p>$endif$
</header>
$body$
</body>
</html>
"""
HEADER = ('<div style="font: 8pt \'DejaVu Sans\', sans-serif; color: #444; width: 100%; margin: 0 20mm; '
          'text-align: right;">{}</div>')
FOOTER = ('<div style="font: 8pt \'DejaVu Sans\', sans-serif; color: #444; width: 100%; text-align: center;">'
          'Page <span class="pageNumber"></span> of <span class="totalPages"></span></div>')


def html_of(doc: Doc, markdown: str) -> str:
    css = CSS + (JUSTIFY if doc.hyphenate else "")
    with tempfile.TemporaryDirectory() as tmp:
        template = Path(tmp) / "print.html"
        template.write_text(TEMPLATE.replace("{css}", css), encoding="utf-8")
        out = subprocess.run(["pandoc", "-f", "markdown", "-t", "html5", "-s", "--template", str(template)],
                             input=markdown.encode(), capture_output=True, check=True).stdout.decode()
    return hyphenate_html(out) if doc.hyphenate else out


class Hyphenator:
    """Liang's algorithm over a hyphen (LibreOffice) pattern file."""

    def __init__(self, path: Path, left: int = 2, right: int = 3) -> None:
        self.left, self.right, self.patterns = left, right, {}
        for line in path.read_text(encoding="utf-8").splitlines()[1:]:
            line = line.strip()
            if not line or line[0] in "%#" or line.isupper() or "/" in line or " " in line:
                continue
            letters = re.sub(r"\d", "", line)
            points = [0] * (len(letters) + 1)
            i = 0
            for ch in line:
                if ch.isdigit():
                    points[i] = int(ch)
                else:
                    i += 1
            self.patterns[letters] = points

    def points(self, word: str) -> list[int]:
        """Positions in the word where it may break."""
        w = "." + word.lower() + "."
        score = [0] * (len(w) + 1)
        for i in range(len(w)):
            for j in range(i + 1, len(w) + 1):
                pat = self.patterns.get(w[i:j])
                if pat:
                    for k, v in enumerate(pat):
                        score[i + k] = max(score[i + k], v)
        return [i - 1 for i in range(len(w)) if score[i] % 2 and self.left <= i - 1 <= len(word) - self.right]

    def __call__(self, word: str) -> str:
        cut = 0
        parts = []
        for p in self.points(word):
            parts.append(word[cut:p])
            cut = p
        parts.append(word[cut:])
        return "\u00ad".join(parts)


def hyphenate_html(page: str) -> str:
    """Soft hyphens in the words of the body's text: not in tags, the head, or headings (which a word
    processor's heading styles do not hyphenate)."""
    hyph = Hyphenator(PATTERNS)
    head, sep, body = page.partition("<body>")

    def text(m: re.Match) -> str:
        return re.sub(r"(?<![&#\w])[A-Za-z]{6,}(?![\w;])", lambda w: hyph(w.group(0)), m.group(0))
    pieces = re.split(r"(<h[1-6][^>]*>.*?</h[1-6]>)", body, flags=re.S)
    return head + sep + "".join(p if p.startswith("<h") and p[2:3].isdigit() else re.sub(r"(?<=>)[^<]+", text, p)
                                for p in pieces)


def print_pdfs(jobs: list[tuple[Doc, str]], out_dir: Path) -> None:
    """Print each (document, HTML) to out_dir/<slug>.pdf with one headless Chromium."""
    from playwright.sync_api import sync_playwright
    with sync_playwright() as p, tempfile.TemporaryDirectory() as tmp:
        browser = p.chromium.launch(executable_path=CHROMIUM, args=["--headless", "--no-sandbox", "--disable-gpu"])
        try:
            for doc, page_html in jobs:
                pdf = _render(browser, Path(tmp), doc, page_html)
                if "\u00ad" in page_html:
                    page_html, words = settle_hyphens(page_html, pdf_text(pdf))
                    pdf = _render(browser, Path(tmp), doc, page_html)
                    check_hyphens(pdf_text(pdf), words)
                (out_dir / f"{doc.slug}.pdf").write_bytes(fix_dates(pdf))
        finally:
            browser.close()


def _render(browser, tmp: Path, doc: Doc, page_html: str) -> bytes:
    src = tmp / f"{doc.slug}.html"
    src.write_text(page_html, encoding="utf-8")
    page = browser.new_page()
    page.goto(src.as_uri())
    page.evaluate("document.fonts.ready")
    pdf = page.pdf(format="A4", print_background=True, display_header_footer=True,
                   header_template=HEADER.format(html.escape(doc.short_title)), footer_template=FOOTER,
                   margin={"top": "22mm", "bottom": "22mm", "left": "20mm", "right": "20mm"})
    page.close()
    return pdf


def settle_hyphens(page_html: str, printed: str) -> tuple[str, list[str]]:
    """Soft hyphens as printed: a hard hyphen where Chromium broke the line at one, nothing elsewhere.

    Chromium keeps every soft hyphen in the PDF's text layer (U+00AD, even where the word was not broken),
    which no word processor's PDF does. So the page is printed once with soft hyphens, the breaks are read
    from that print (the k-th U+00AD of the text is the k-th of the page; a broken one is followed by the
    hyphen it printed, U+2010), and the page is printed again with those hyphens typed and the rest gone:
    the same line breaks (a hyphen is a break opportunity; the removed ones had no width), and a text layer
    like a word processor's, "commis-\\nsioning". Returns the page and the broken words ("commis-sioning").
    """
    broken = [m.group(1) is not None for m in re.finditer("\u00ad(\\s*\u2010)?", printed)]
    head, sep, body = page_html.partition("<body>")
    assert body.count("\u00ad") == len(broken), (body.count("\u00ad"), len(broken))
    marks = iter(broken)
    body = re.sub("\u00ad", lambda m: "\x01" if next(marks) else "", body)
    words = [w.replace("\x01", "-") for w in re.findall(r"[A-Za-z]+\x01[A-Za-z]+", body)]
    return head + sep + body.replace("\x01", "-"), words


def check_hyphens(printed: str, words: list[str]) -> None:
    """Each typed hyphen ends a printed line, in order, and no soft hyphen is left in the text."""
    assert "\u00ad" not in printed, "soft hyphens left in the PDF's text"
    at = 0
    for word in words:
        left, right = word.split("-")
        found = printed.find(left + "-\n", at)                 # the next line may be on the next page
        assert found >= 0 and right in printed[found:found + 200], f"{word}: the line no longer breaks there"
        at = found + 1


def print_scan(page_html: str) -> bytes:
    """A "scanned" A4 page: the first screenful of page_html photographed (a JPEG, slightly askew) and
    printed as the page's only content, with no header or footer: pages, but no text layer at all."""
    import base64

    from playwright.sync_api import sync_playwright
    page_html = page_html.replace("</head>", "<style>body { padding: 70px 76px; background: #fff; }</style></head>")
    with sync_playwright() as p, tempfile.TemporaryDirectory() as tmp:
        browser = p.chromium.launch(executable_path=CHROMIUM, args=["--headless", "--no-sandbox", "--disable-gpu"])
        try:
            page = browser.new_page(viewport={"width": 794, "height": 1123}, device_scale_factor=1.25)
            src = Path(tmp) / "scan.html"
            src.write_text(page_html, encoding="utf-8")
            page.goto(src.as_uri())
            page.evaluate("document.fonts.ready")
            shot = page.screenshot(type="jpeg", quality=50, clip={"x": 0, "y": 0, "width": 794, "height": 1123})
            image = base64.b64encode(shot).decode()
            page.set_content('<!DOCTYPE html><html><head><style>@page { margin: 0; } html, body { margin: 0; }'
                             'img { width: 210mm; height: 296mm; transform: rotate(0.35deg); display: block; }'
                             f'</style></head><body><img alt="" src="data:image/jpeg;base64,{image}"></body></html>')
            pdf = page.pdf(format="A4", print_background=True, margin={"top": "0", "bottom": "0", "left": "0",
                                                                         "right": "0"})
        finally:
            browser.close()
    return fix_dates(pdf)


def fix_dates(pdf: bytes) -> bytes:
    """The PDF with Chromium's creation and modification times replaced by a fixed one of the same length."""
    def fixed(m: re.Match) -> bytes:
        assert len(m.group(2)) == len(FIXED_DATE), m.group(2)
        return m.group(1) + FIXED_DATE + b")"
    return re.sub(rb"(/(?:CreationDate|ModDate) \()(D:[^)]*)\)", fixed, pdf)


def pdf_text(pdf: bytes) -> str:
    """The PDF's text as poppler's pdftotext -raw reads it (content order, ligatures decomposed). Not the
    default mode: that one joins a line ending in "-" to the next and drops the hyphen, hiding the breaks."""
    return subprocess.run(["pdftotext", "-raw", "-enc", "UTF-8", "-", "-"], input=pdf, capture_output=True,
                          check=True).stdout.decode()


def dehyphenate(text: str) -> str:
    """Line-end hyphens repaired as an importer must, using the document's own words: "commis-/sioning" is
    joined, a hyphen the text has anyway ("under-/represented") is kept, and so is one between two words
    the text uses on their own ("compact-/advocacy" in a web address)."""
    broken = r"([A-Za-z]+)[-\u2010]\s*\n\s*([A-Za-z]+)"
    rest = re.sub(broken, " ", text).lower()
    seen = set(re.findall(r"[a-z]+(?:-[a-z]+)*", rest)) | set(re.findall(r"[a-z]+", rest))

    def join(m: re.Match) -> str:
        a, b = m.group(1), m.group(2)
        whole, hyphened = (a + b).lower(), f"{a}-{b}".lower()
        if hyphened in seen or (whole not in seen and a.lower() in seen and b.lower() in seen):
            return f"{a}-{b}"
        return a + b
    return re.sub(broken, join, text)
