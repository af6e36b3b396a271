"""Read a Word (.docx) document: paragraphs as Word prints them, with headings, numbering and footnotes.

python-docx opens the package (its parts and relationships); the body is walked here as WordprocessingML,
because what a compact needs is below python-docx's object model: the list numbers Word computes
(``numbering``), text inside tracked insertions (python-docx skips it) and footnote references.
Tracked changes are taken as the document would print with them accepted: inserted text in, deleted text out.
"""
from __future__ import annotations

import re
from pathlib import Path

from compact_site.importer.numbering import BULLET, Numbering, W
from compact_site.importer.paragraphs import Document, ImportFault, LeftOut, Paragraph
from compact_site.importer.safety import check_zip

SKIP = {W + "pPr", W + "rPr", W + "del", W + "moveFrom", W + "instrText", W + "delText", W + "commentReference",
        "{http://schemas.openxmlformats.org/markup-compatibility/2006}Fallback", W + "txbxContent"}


class _Styles:
    """Paragraph styles: name, outline level, numbering and boldness, following ``w:basedOn``."""

    def __init__(self, root) -> None:
        self.styles = {}
        for style in (root.iter(W + "style") if root is not None else ()):
            ppr = style.find(W + "pPr")
            num = ppr.find(W + "numPr") if ppr is not None else None
            outline = ppr.find(W + "outlineLvl") if ppr is not None else None
            rpr = style.find(W + "rPr")
            name = style.find(W + "name")
            based = style.find(W + "basedOn")
            self.styles[style.get(W + "styleId")] = {
                "name": name.get(W + "val", "") if name is not None else "",
                "based": based.get(W + "val") if based is not None else None,
                "outline": int(outline.get(W + "val")) if outline is not None else None,
                "num": _num_pr(num) if num is not None else None,
                "bold": rpr is not None and _on(rpr.find(W + "b")),
            }

    def get(self, style_id: str | None, key: str):
        """A property of a style, or of the style it is based on."""
        seen = set()
        while style_id and style_id in self.styles and style_id not in seen:
            seen.add(style_id)
            value = self.styles[style_id][key]
            if value not in (None, False):
                return value
            style_id = self.styles[style_id]["based"]
        return None

    def name(self, style_id: str | None) -> str:
        return self.styles.get(style_id or "", {}).get("name", "") if style_id else ""


def _on(element) -> bool:
    return element is not None and element.get(W + "val", "true") not in ("0", "false", "off")


def _num_pr(num) -> tuple[str, int | None]:
    num_id = num.find(W + "numId")
    ilvl = num.find(W + "ilvl")
    return (num_id.get(W + "val", "") if num_id is not None else "",
            int(ilvl.get(W + "val", "0")) if ilvl is not None else None)


class _Walker:
    """Walks the body in order, keeping the counts the import reports."""

    def __init__(self, styles: _Styles, numbering: Numbering) -> None:
        self.styles, self.numbering = styles, numbering
        self.paragraphs: list[Paragraph] = []
        self.contents: list[str] = []
        self.changes = {"inserted": 0, "deleted": 0}
        self.comments = 0
        self.count = 0

    def block(self, element) -> None:
        for child in element:
            if child.tag == W + "p":
                self.paragraph(child)
            elif child.tag == W + "tbl":
                self.table(child)
            elif child.tag in (W + "sdt", W + "sdtContent", W + "customXml", W + "ins", W + "moveTo"):
                self.block(child)

    def table(self, tbl) -> None:
        for row in tbl.iter(W + "tr"):
            cells = []
            for cell in row.findall(W + "tc"):
                inner = _Walker(self.styles, self.numbering)
                inner.block(cell)
                self._merge_counts(inner)
                cells.append(" ".join(p.text for p in inner.paragraphs if p.text))
            if any(cells):
                self.count += 1
                self.paragraphs.append(Paragraph(" ".join(c for c in cells if c), kind="row",
                                                 cells=cells, where=f"table row, paragraph {self.count}"))

    def _merge_counts(self, inner: "_Walker") -> None:
        for key in self.changes:
            self.changes[key] += inner.changes[key]
        self.comments += inner.comments

    def paragraph(self, p) -> None:
        ppr = p.find(W + "pPr")
        style_id = _val(ppr, "pStyle")
        style_name = self.styles.name(style_id).lower()
        pieces: list[tuple[str, bool]] = []
        boxes: list = []
        self._runs(p, pieces, boxes, bold_style=bool(self.styles.get(style_id, "bold")))
        text = _join_bold(pieces)
        self.count += 1
        where = f"paragraph {self.count}"
        if text and (style_name.startswith("toc") or style_name in ("table of contents", "contents")):
            self.contents.append(text)
        elif text:
            self.paragraphs.append(self._shape(text, ppr, style_id, style_name, where))
        for box in boxes:  # a text box's paragraphs print beside this one: keep them, after it
            self.block(box)

    def _shape(self, text: str, ppr, style_id, style_name: str, where: str) -> Paragraph:
        outline = _val(ppr, "outlineLvl")
        level = int(outline) if outline is not None and outline.isdigit() else self.styles.get(style_id, "outline")
        heading = re.fullmatch(r"heading (\d)", style_name)
        num = ppr.find(W + "numPr") if ppr is not None else None
        num_id, ilvl = _num_pr(num) if num is not None else (None, None)
        if num_id is None and self.styles.get(style_id, "num"):
            num_id, ilvl = self.styles.get(style_id, "num")
        label = self.numbering.label(num_id, ilvl or 0) if num_id else None
        if style_name in ("title", "subtitle") or heading or (level is not None and level < 9):
            number = int(heading.group(1)) if heading else (level + 1 if level is not None else 1)
            return Paragraph(text, kind="heading", level=number if style_name != "title" else 0,
                             label=label or "", where=where, numbered_by_word=bool(label))
        if label is not None:
            return Paragraph(text, kind="item", level=ilvl or 0, label=label, where=where, numbered_by_word=True)
        if style_name.startswith("list bullet"):
            return Paragraph(text, kind="item", label=BULLET, where=where)
        return Paragraph(text, where=where)

    def _runs(self, element, pieces: list, boxes: list, bold_style: bool, bold: bool | None = None) -> None:
        for child in element:
            tag = child.tag
            if tag == W + "txbxContent":
                boxes.append(child)
                continue
            if tag in (W + "del", W + "moveFrom"):
                self.changes["deleted"] += 1
                continue
            if tag in (W + "ins", W + "moveTo"):
                self.changes["inserted"] += 1
            if tag in (W + "commentRangeStart",):
                self.comments += 1
            if tag in SKIP:
                continue
            if tag == W + "r":
                rpr = child.find(W + "rPr")
                if rpr is not None and _on(rpr.find(W + "vanish")):
                    continue  # hidden text does not print
                run_bold = _on(rpr.find(W + "b")) if rpr is not None and rpr.find(W + "b") is not None else bold_style
                self._runs(child, pieces, boxes, bold_style, run_bold)
            elif tag == W + "t":
                pieces.append((child.text or "", bool(bold)))
            elif tag in (W + "tab", W + "br", W + "cr"):
                pieces.append((" ", bool(bold)))
            elif tag == W + "noBreakHyphen":
                pieces.append(("-", bool(bold)))
            elif tag in (W + "footnoteReference", W + "endnoteReference"):
                prefix = "fn" if tag == W + "footnoteReference" else "en"
                pieces.append((f"[^{prefix}{child.get(W + 'id')}]", False))
            else:
                self._runs(child, pieces, boxes, bold_style, bold)


def _val(element, tag: str):
    child = element.find(W + tag) if element is not None else None
    return child.get(W + "val") if child is not None else None


def _join_bold(pieces: list[tuple[str, bool]]) -> str:
    """Runs joined into one line of Markdown: bold runs as ``**…**`` with their spaces outside the markers."""
    out, run, run_bold = [], [], False
    def flush():
        text = "".join(run)
        if run_bold and text.strip():
            stripped = text.strip()
            lead, trail = text[: len(text) - len(text.lstrip())], text[len(text.rstrip()):]
            out.append(f"{lead}**{stripped}**{trail}")
        else:
            out.append(text)
    for text, bold in pieces:
        if bold != run_bold and run:
            flush()
            run = []
        run_bold = bold
        run.append(text)
    if run:
        flush()
    return " ".join("".join(out).split())


def _part_root(document, suffix: str):
    """The XML of a related part (numbering, styles, footnotes), or None when the document has none."""
    from lxml import etree  # lxml is python-docx's own parser
    for rel in document.part.rels.values():
        if rel.reltype.endswith("/" + suffix) and not rel.is_external:
            return etree.fromstring(rel.target_part.blob, parser=etree.XMLParser(resolve_entities=False,
                                                                                   no_network=True))
    return None


def read_word(path: Path) -> Document:
    """Read a .docx file into paragraphs; raises :class:`ImportFault` for anything that is not one."""
    check_zip(path, "Word document")
    import docx  # python-docx
    try:
        document = docx.Document(str(path))
        numbering = Numbering(_part_root(document, "numbering"))
        styles = _Styles(_part_root(document, "styles"))
        footnotes_root = _part_root(document, "footnotes")
        endnotes_root = _part_root(document, "endnotes")
    except ImportFault:
        raise
    except Exception as err:  # python-docx and lxml raise many kinds for a damaged package
        raise ImportFault("CS705", f"the Word document could not be opened ({type(err).__name__})",
                          "Open it in Word and save it again as a Word Document (.docx), then import that.")
    walker = _Walker(styles, numbering)
    walker.block(document.element.body)
    result = Document(walker.paragraphs, "Word document")
    for prefix, root in (("fn", footnotes_root), ("en", endnotes_root)):
        for note in (root.iter(W + "footnote", W + "endnote") if root is not None else ()):
            if note.get(W + "type") in ("separator", "continuationSeparator", "continuationNotice"):
                continue
            inner = _Walker(styles, Numbering(None))
            inner.block(note)
            text = " ".join(p.text for p in inner.paragraphs)
            result.footnotes[f"{prefix}{note.get(W + 'id')}"] = text
    if walker.contents:
        result.left_out.append(LeftOut("contents list", len(walker.contents), "lines", walker.contents))
    if walker.changes["inserted"] or walker.changes["deleted"]:
        result.notes.append(f"the document has tracked changes ({walker.changes['inserted']} insertion(s), "
                            f"{walker.changes['deleted']} deletion(s)): the draft takes them as accepted, as the "
                            "final document would print; accept or reject them in Word first if that is wrong")
    if walker.comments:
        result.notes.append(f"{walker.comments} comment(s) in the document were ignored")
    return result
