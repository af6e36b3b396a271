"""The review page: the document beside the draft, so checking an import is reading, not hunting.

Each paragraph of the document stands beside where it landed in the draft, with the draft's line number
(a link to that line, shown at the foot of the page); paragraphs whose sentences the draft lacks, material
left out on purpose and places with review entries are highlighted. Written to ``review/<slug>.html``,
outside ``content/``, so it is never published.
"""
from __future__ import annotations

import re
from pathlib import Path

from jinja2 import Environment, PackageLoader, select_autoescape

from compact_site.importer.coverage import Coverage, sentences
from compact_site.importer.shapes import plain


def _id_lines(yaml_text: str) -> dict[str, int]:
    """The draft line of each ``id:``, ``term:`` and ``heading:`` value, to point at from the document."""
    lines = {}
    for number, line in enumerate(yaml_text.splitlines(), start=1):
        match = re.match(r'\s*(?:- )?(id|term|heading|printed): "(.*)"$', line)
        if match:
            lines.setdefault(match.group(2), number)
    return lines


def write_review(folder: Path, draft_path: Path, source_name: str, document, placer, coverage: Coverage,
                 yaml_text: str, reviews: list) -> Path:
    """Write ``folder/<slug>.html`` and return its path. ``reviews`` are the draft's CS107 problems."""
    missing = set(coverage.missing)
    id_lines = _id_lines(yaml_text)
    flagged = {match.group(1) for problem in reviews for match in [re.search(r"'([^']+)'", problem.subject)]
               if match}  # the ids of the parts that carry review entries
    rows = []
    for index, paragraph in enumerate(document.paragraphs):
        landed = "left out (contents list)" if paragraph.left_out else placer.landed.get(index, "")
        named = re.search(r"'([^']+)'", landed)
        line = id_lines.get(named.group(1)) if named else None
        guessed = bool(named) and named.group(1) in flagged
        rows.append({"label": paragraph.label, "text": plain(paragraph.text), "where": paragraph.where,
                     "kind": paragraph.kind, "landed": landed, "line": line, "guessed": guessed,
                     "lost": [s for s in sentences(paragraph.text) if s in missing]})
    env = Environment(loader=PackageLoader("compact_site", "templates"), autoescape=select_autoescape(["html"]))
    page = env.get_template("import-review.html").render(
        draft=str(draft_path), source_name=source_name, kind=document.kind, rows=rows, coverage=coverage,
        left_out=document.left_out, notes=document.notes, reviews=reviews,
        yaml_lines=yaml_text.splitlines())
    folder.mkdir(parents=True, exist_ok=True)
    target = folder / f"{draft_path.stem}.html"
    target.write_text(page, encoding="utf-8")
    return target
