"""Step B: Markdown → .docx with pandoc, then the numbering Word prints put in, and a check of what it prints.

Pandoc writes every ordered list as a single-level ``%1.`` list. Clause numbers such as 1.1 … 2.1 are
printed by Word from numbering definitions, so after pandoc the package is edited:

* ``word/numbering.xml`` gets the document's own list definitions (SCHEMES below);
* paragraphs that pandoc wrote with marker bookmarks (a heading ``n-…``, a ``c-…`` region of clause lists,
  see corpus_model) are pointed at those lists and the marker bookmarks are removed;
* pPr children are put in schema order (pandoc writes numPr before pStyle), pandoc's blank-bullet
  continuation paragraphs become plain indented paragraphs, and a placeholder becomes a Word TOC field.

``word_numbers()`` then reads numbering.xml, styles.xml and document.xml the way Word does (direct and
style-linked numbering, ``numId 0``, start overrides, level restarts) and lists what each numbered paragraph
prints; make_corpus compares that with the numbers of the source. The zip is rewritten in a fixed order with
fixed timestamps, so the output is byte-for-byte the same on every run.
"""
from __future__ import annotations

import io
import os
import re
import subprocess
import zipfile

from corpus_model import Doc, labels, plain
from lxml import etree

EPOCH = "1767225600"                     # 2026-01-01T00:00:00Z: pandoc's docProps dates (SOURCE_DATE_EPOCH)
ZIP_TIME = (2026, 1, 1, 0, 0, 0)
W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"


def pandoc_docx(markdown: str) -> bytes:
    env = dict(os.environ, SOURCE_DATE_EPOCH=EPOCH)
    return subprocess.run(["pandoc", "-f", "markdown", "-t", "docx", "-o", "-"], input=markdown.encode(),
                          capture_output=True, check=True, env=env).stdout


def read_zip(data: bytes) -> dict[str, bytes]:
    with zipfile.ZipFile(io.BytesIO(data)) as z:
        return {name: z.read(name) for name in z.namelist()}


def write_zip(parts: dict[str, bytes]) -> bytes:
    """A zip of the parts in their order, with fixed times and attributes: the same bytes every run."""
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as z:
        for name, data in parts.items():
            info = zipfile.ZipInfo(name, ZIP_TIME)
            info.compress_type = zipfile.ZIP_DEFLATED
            info.create_system = 0
            info.external_attr = 0
            z.writestr(info, data, compresslevel=9)
    return out.getvalue()


# --- list definitions ---------------------------------------------------------------------------------------

def level(ilvl: int, text: str, fmt: str = "decimal", start: int = 1, style: str = "", indent: int = 709) -> str:
    """One w:lvl, its children in schema order."""
    pstyle = f'<w:pStyle w:val="{style}"/>' if style else ""
    return (f'<w:lvl w:ilvl="{ilvl}"><w:start w:val="{start}"/><w:numFmt w:val="{fmt}"/>{pstyle}'
            f'<w:lvlText w:val="{text}"/><w:lvlJc w:val="left"/>'
            f'<w:pPr><w:ind w:left="{indent * max(1, ilvl)}" w:hanging="{indent}"/></w:pPr></w:lvl>')


def outline(nsid: str, first: list[str], start0: int = 1, styles: tuple[str, ...] = (), kind="multilevel") -> str:
    """A multi-level outline list: level n prints "%1.%2…%n" (level 0 as given in first[0])."""
    lvls = []
    for n in range(9):
        text = first[n] if n < len(first) else ".".join(f"%{k + 1}" for k in range(n + 1))
        lvls.append(level(n, text, start=start0 if n == 0 else 1, style=styles[n] if n < len(styles) else ""))
    return f'<w:nsid w:val="{nsid}"/><w:multiLevelType w:val="{kind}"/>' + "".join(lvls)


# scheme -> (abstractNum bodies by id, how a numbered heading / a clause picks its list)
SCHEMES = {
    # One outline list through the document: principle headings at level 0 ("1."), clauses at level 1
    # ("1.1"); level 1 starts again after each heading by Word's default restart rule.
    "multilevel": {1: outline("5B1D0A01", ["%1.", "%1.%2"])},
    # The same outline definition, but a new list instance (w:num) for each section with its level 0
    # started at the section's number (w:lvlOverride/w:startOverride): how Word records "Set numbering value".
    "restart": {2: outline("5B1D0A02", ["%1.", "%1.%2"])},
    # Numbering linked to the heading styles (Heading 1 → level 0 "%1." from 0, Heading 2 → level 1 "%1.%2"),
    # applied through styles.xml; headings that are not numbered (appendices) say numId 0.
    "styles": {3: outline("5B1D0A03", ["%1.", "%1.%2"], start0=0, styles=("Heading1", "Heading2"))},
    # A simple single-level "1." list applied to five headings, as pandoc would number a list.
    "headings": {4: outline("5B1D0A04", ["%1."], kind="hybridMultilevel")},
    "typed": {},
    "plain": {},
}


def plan(doc: Doc) -> tuple[list[tuple[int | None, int, str, str]], dict[int, tuple[int, dict[int, int]]]]:
    """The numbered headings and clauses in order, as (numId, or None if numbered through its style; ilvl;
    printed number; text), and the w:num instances they use: numId -> (abstractNumId, {ilvl: startOverride})."""
    entries, nums = [], {}
    abstract = next(iter(SCHEMES[doc.scheme]), None)

    def num_for(section: str) -> int:
        if doc.scheme == "restart":          # one list instance per section, level 0 started at its number
            nums[10 + int(section)] = (abstract, {0: int(section)})
            return 10 + int(section)
        nums[1] = (abstract, {})
        return 1

    for label, block in zip(labels(doc), doc.blocks):
        if block.kind == "heading" and label:
            if doc.scheme == "styles":
                nums[1] = (abstract, {})
                entries.append((None, block.level - 1, label[0], plain(block.text)))
            else:
                entries.append((num_for(block.num), 0, label[0], plain(block.text)))
        elif block.kind == "clauses":
            for num_label, item in zip(label, block.items):
                entries.append((num_for(num_label.split(".")[0]), 1, num_label, plain(item.text)))
    return entries, nums


def numbering_xml(original: bytes, abstracts: dict[int, str], nums: dict[int, tuple[int, dict[int, int]]]) -> bytes:
    """numbering.xml with these definitions added: abstractNums after pandoc's, w:nums at the end (the
    schema wants every abstractNum before the first num)."""
    xml = original.decode()
    add_abs = "".join(f'<w:abstractNum w:abstractNumId="{a}">{body}</w:abstractNum>'
                      for a, body in abstracts.items())
    add_num = ""
    for num, (a, overrides) in sorted(nums.items()):
        over = "".join(f'<w:lvlOverride w:ilvl="{l}"><w:startOverride w:val="{v}"/></w:lvlOverride>'
                       for l, v in sorted(overrides.items()))
        add_num += f'<w:num w:numId="{num}"><w:abstractNumId w:val="{a}"/>{over}</w:num>'
    first_num = xml.find("<w:num ")
    xml = xml[:first_num] + add_abs + xml[first_num:]
    return xml.replace("</w:numbering>", add_num + "</w:numbering>").encode()


# --- paragraph edits -----------------------------------------------------------------------------------------

PPR_ORDER = ["pStyle", "keepNext", "keepLines", "pageBreakBefore", "framePr", "widowControl", "numPr",
             "suppressLineNumbers", "pBdr", "shd", "tabs", "suppressAutoHyphens", "kinsoku", "wordWrap",
             "overflowPunct", "topLinePunct", "autoSpaceDE", "autoSpaceDN", "bidi", "adjustRightInd",
             "snapToGrid", "spacing", "ind", "contextualSpacing", "mirrorIndents", "suppressOverlap", "jc",
             "textDirection", "textAlignment", "textboxTightWrap", "outlineLvl", "divId", "cnfStyle", "rPr",
             "sectPr", "pPrChange"]
CHILD = re.compile(r"<w:(\w+)\b[^>]*?(?:/>|>.*?</w:\1>)", re.S)


def set_ppr(para: str, numpr: str | None = None, drop_numpr: bool = False, ind: str | None = None) -> str:
    """The paragraph with its numPr set (or dropped), an ind added, and pPr children in schema order."""
    m = re.match(r"<w:p>(<w:pPr>(.*?)</w:pPr>)?", para, re.S)
    children = {c.group(1): c.group(0) for c in CHILD.finditer(m.group(2) or "")}
    if drop_numpr:
        children.pop("numPr", None)
    if numpr is not None:
        children["numPr"] = numpr
    if ind is not None:
        children["ind"] = ind
    body = "".join(children[k] for k in sorted(children, key=lambda k: PPR_ORDER.index(k) if k in PPR_ORDER else 99))
    return "<w:p>" + (f"<w:pPr>{body}</w:pPr>" if body else "") + para[m.end():]


def numpr(num: int, ilvl: int) -> str:
    return f'<w:numPr><w:ilvl w:val="{ilvl}"/><w:numId w:val="{num}"/></w:numPr>'


def blank_bullet_nums(numbering: bytes) -> set[str]:
    """Pandoc's numIds whose list prints a blank bullet (its way of indenting a list item's second paragraph)."""
    xml = numbering.decode()
    blank = set(re.findall(r'<w:abstractNum w:abstractNumId="(\d+)"><w:nsid[^>]*/><w:multiLevelType[^>]*/>'
                           r'<w:lvl w:ilvl="0"><w:numFmt w:val="bullet" /><w:lvlText w:val=" " />', xml))
    return {n for n, a in re.findall(r'<w:num w:numId="(\d+)"><w:abstractNumId w:val="(\d+)" />', xml) if a in blank}


def number_paragraphs(document: bytes, entries: list, blank: set[str], styles_scheme: bool) -> bytes:
    """Point the marked headings and clause paragraphs at their lists; remove the marker bookmarks."""
    xml = document.decode()
    entries = list(entries)
    state = {"heading": False, "region": None, "markers": set()}

    def edit(m: re.Match) -> str:
        if m.group(1):                                   # bookmarkStart
            bid, name = m.group(1), m.group(2)
            if re.match(r"[nc]-[\d-]+$", name):
                state["markers"].add(bid)
                if name.startswith("n-"):
                    state["heading"] = True
                else:
                    state["region"] = bid
                return ""
            return m.group(0)
        if m.group(3):                                   # bookmarkEnd
            if m.group(3) in state["markers"]:
                if state["region"] == m.group(3):
                    state["region"] = None
                return ""
            return m.group(0)
        para = m.group(0)
        num_id = re.search(r'<w:numId w:val="(\d+)" ?/>', para)
        if state["heading"]:
            state["heading"] = False
            num, ilvl, label, text = entries.pop(0)
            _same(para, text, label)
            return set_ppr(para, numpr(num, ilvl) if num is not None else None)
        if num_id and num_id.group(1) in blank:          # a list item's second paragraph: indent, no bullet
            return set_ppr(para, drop_numpr=True, ind='<w:ind w:left="709"/>')
        if state["region"] and num_id:
            num, ilvl, label, text = entries.pop(0)
            _same(para, text, label)
            return set_ppr(para, numpr(num, ilvl))
        if styles_scheme and re.search(r'<w:pStyle w:val="Heading[12]" ?/>', para):
            return set_ppr(para, numpr(0, 0))            # an unnumbered heading in a numbered heading style
        return set_ppr(para)

    xml = re.sub(r'<w:bookmarkStart w:id="(\d+)" w:name="([^"]*)" />|<w:bookmarkEnd w:id="(\d+)" />|<w:p>.*?</w:p>',
                 edit, xml, flags=re.S)
    assert not entries, f"numbered paragraphs not found in the docx: {entries[:3]}"
    return xml.encode()


def _same(para: str, text: str, label: str) -> None:
    got = "".join(re.findall(r"<w:t[^>]*>([^<]*)</w:t>", para))
    if " ".join(got.split())[:40] != " ".join(text.split())[:40]:
        raise AssertionError(f"{label}: expected {text[:40]!r}, found {got[:40]!r}")


def toc_xml(entries: list[list[str]]) -> str:
    """A Word table of contents: a TOC field whose cached result is the entries as the source prints them."""
    paras = []
    for n, (entry, page) in enumerate(entries):
        num, _, text = plain(entry).partition(" ")
        runs = (f'<w:r><w:t xml:space="preserve">{_x(num)}</w:t></w:r><w:r><w:tab/></w:r>'
                f'<w:r><w:t xml:space="preserve">{_x(text)}</w:t></w:r><w:r><w:tab/></w:r>'
                f'<w:r><w:t>{page}</w:t></w:r>')
        if n == 0:
            runs = ('<w:r><w:fldChar w:fldCharType="begin"/></w:r><w:r><w:instrText xml:space="preserve"> TOC '
                    '\\o "1-3" \\h \\z \\u </w:instrText></w:r><w:r><w:fldChar w:fldCharType="separate"/></w:r>'
                    + runs)
        if n == len(entries) - 1:
            runs += '<w:r><w:fldChar w:fldCharType="end"/></w:r>'
        paras.append(f'<w:p><w:pPr><w:pStyle w:val="TOC1"/></w:pPr>{runs}</w:p>')
    return ('<w:sdt><w:sdtPr><w:docPartObj><w:docPartGallery w:val="Table of Contents"/><w:docPartUnique/>'
            '</w:docPartObj></w:sdtPr><w:sdtContent>' + "".join(paras) + "</w:sdtContent></w:sdt>")


TOC_STYLE = ('<w:style w:type="paragraph" w:styleId="TOC1"><w:name w:val="toc 1"/><w:basedOn w:val="Normal"/>'
             '<w:next w:val="Normal"/><w:uiPriority w:val="39"/><w:unhideWhenUsed/><w:pPr><w:tabs>'
             '<w:tab w:val="left" w:pos="567"/><w:tab w:val="right" w:leader="dot" w:pos="9016"/></w:tabs>'
             '<w:spacing w:after="100"/></w:pPr></w:style>')


def _x(text: str) -> str:
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


def heading_styles_numbered(styles: bytes, num: int) -> bytes:
    """Heading 1 and Heading 2 linked to list `num` (levels 0 and 1), as Word's multilevel heading lists are."""
    xml = styles.decode()
    # TOC Heading is based on Heading 1; like Word, it opts out of the list with numId 0.
    for style, ilvl, n in (("Heading1", 0, num), ("Heading2", 1, num), ("TOCHeading", 0, 0)):
        in_style = "(?:(?!</w:style>).)*?"
        xml = re.sub(rf'(<w:style [^>]*w:styleId="{style}"[^>]*>{in_style}<w:pPr>{in_style})(<w:spacing)',
                     lambda m: m.group(1) + numpr(n, ilvl) + m.group(2), xml, count=1, flags=re.S)
    return xml.encode()


def build_docx(doc: Doc, markdown: str) -> bytes:
    parts = read_zip(pandoc_docx(markdown))
    entries, nums = plan(doc)
    abstracts = SCHEMES[doc.scheme]
    if doc.scheme == "styles":
        parts["word/styles.xml"] = heading_styles_numbered(parts["word/styles.xml"], 1)
    blank = blank_bullet_nums(parts["word/numbering.xml"])
    parts["word/numbering.xml"] = numbering_xml(parts["word/numbering.xml"], abstracts, nums)
    parts["word/document.xml"] = number_paragraphs(parts["word/document.xml"], entries, blank, doc.scheme == "styles")
    toc = next((b for b in doc.blocks if b.kind == "toc"), None)
    if toc:
        xml = parts["word/document.xml"].decode()
        xml = re.sub(r"<w:p>(?:(?!<w:p>).)*?TOCPLACEHOLDER.*?</w:p>", lambda m: toc_xml(toc.rows), xml, count=1,
                     flags=re.S)
        parts["word/document.xml"] = xml.encode()
        styles = parts["word/styles.xml"]
        parts["word/styles.xml"] = styles.replace(b"</w:styles>", TOC_STYLE.encode() + b"</w:styles>")
    return write_zip(parts)


# --- what Word prints ------------------------------------------------------------------------------------------

def _int(value: str | None) -> int | None:
    return None if value is None else int(value)


def _fmt(n: int, fmt: str) -> str:
    if fmt in ("decimal", "decimalZero"):
        return f"{n:02d}" if fmt == "decimalZero" and n < 10 else str(n)
    if fmt in ("lowerLetter", "upperLetter"):
        s = chr(ord("a") + (n - 1) % 26) * ((n - 1) // 26 + 1)
        return s if fmt == "lowerLetter" else s.upper()
    if fmt in ("lowerRoman", "upperRoman"):
        vals = [(1000, "m"), (900, "cm"), (500, "d"), (400, "cd"), (100, "c"), (90, "xc"), (50, "l"), (40, "xl"),
                (10, "x"), (9, "ix"), (5, "v"), (4, "iv"), (1, "i")]
        out = ""
        for v, r in vals:
            while n >= v:
                out, n = out + r, n - v
        return out if fmt == "lowerRoman" else out.upper()
    return "" if fmt == "none" else str(n)


def word_numbers(docx: bytes, everything: bool = False) -> list[tuple[str, str]]:
    """(printed number, text) of each numbered, non-bullet paragraph of the body, as Word computes them
    (with everything=True, of every paragraph: "" for no number, "•" for a bullet).

    Honours direct numPr, numbering inherited through paragraph styles (basedOn chains, a level's pStyle
    link), numId 0 (no numbering), w:startOverride, w:lvlRestart and the level formats; the text is that of
    w:t runs, so tracked insertions are in and deletions (w:delText) out.
    """
    parts = read_zip(docx)
    doc = etree.fromstring(parts["word/document.xml"])
    numbering = etree.fromstring(parts["word/numbering.xml"])
    styles = etree.fromstring(parts["word/styles.xml"])

    def val(el, path):
        found = el.find(path) if el is not None else None
        return None if found is None else found.get(W + "val")

    style_info = {}
    for s in styles.iter(W + "style"):
        style_info[s.get(W + "styleId")] = (val(s, W + "basedOn"), val(s, f"{W}pPr/{W}numPr/{W}numId"),
                                            val(s, f"{W}pPr/{W}numPr/{W}ilvl"))
    abstract = {}
    for a in numbering.iter(W + "abstractNum"):
        abstract[a.get(W + "abstractNumId")] = {
            int(l.get(W + "ilvl")): {"start": int(val(l, W + "start") or 0),     # Word's default start is 0
                                     "fmt": val(l, W + "numFmt") or "decimal", "text": val(l, W + "lvlText") or "",
                                     "restart": _int(val(l, W + "lvlRestart")),
                                     "style": val(l, W + "pStyle")}
            for l in a.iter(W + "lvl")}
    nums = {}
    for n in numbering.iter(W + "num"):
        overrides = {int(o.get(W + "ilvl")): int(val(o, W + "startOverride"))
                     for o in n.iter(W + "lvlOverride") if val(o, W + "startOverride") is not None}
        nums[n.get(W + "numId")] = (val(n, W + "abstractNumId"), overrides)

    counters: dict = {}
    out = []
    for p in doc.find(W + "body").iter(W + "p"):
        ppr = p.find(W + "pPr")
        num_id, ilvl = val(ppr, f"{W}numPr/{W}numId"), val(ppr, f"{W}numPr/{W}ilvl")
        style = val(ppr, W + "pStyle") or "Normal"
        chain, s = [], style
        while s and s not in chain:
            chain.append(s)
            s = style_info.get(s, (None, None, None))[0]
        if num_id is None:
            for s in chain:
                if style_info.get(s, (None, None))[1] is not None:
                    num_id, ilvl = style_info[s][1], ilvl or style_info[s][2]
                    break
        text = "".join(t.text or "" for t in p.iter(W + "t"))
        if num_id in (None, "0") or num_id not in nums:
            if everything:
                out.append(("", text))
            continue
        abs_id, overrides = nums[num_id]
        levels = abstract[abs_id]
        if ilvl is None:                                # the level whose pStyle is this paragraph's style
            ilvl = next((k for k, l in levels.items() if l["style"] in chain), 0)
        ilvl = int(ilvl)
        lvl = levels[ilvl]
        if lvl["fmt"] == "bullet":
            if everything:
                out.append(("•", text))
            continue
        key = num_id if overrides else ("abstract", abs_id)
        c = counters.setdefault(key, {})
        c[ilvl] = c[ilvl] + 1 if ilvl in c else overrides.get(ilvl, lvl["start"])
        for deeper in [d for d in c if d > ilvl]:
            restart = levels[deeper]["restart"]
            if restart is None or (restart and ilvl < restart):
                del c[deeper]
        label = re.sub(r"%(\d)", lambda m: _fmt(c.get(int(m.group(1)) - 1, overrides.get(int(m.group(1)) - 1,
                       levels[int(m.group(1)) - 1]["start"])), levels[int(m.group(1)) - 1]["fmt"]), lvl["text"])
        out.append((label, text))
    return out
