"""Step A: each source document read into the block model (see corpus_model), as a Word author typed it.

The words are the source's own, line by line. Only extraction faults are mended, each by a rule named in the
parser that applies it: tabs and no-break spaces, footnotes inlined as ``[footnoteRef:1]`` / ``[1: …]``
(made real footnotes), list markers lost or left stray, lines and paragraphs broken by page breaks or by a
two-column layout (joined), a table split over a page (rejoined), logo text (dropped), and Sandwell's
statement-of-intent form, garbled beyond line repair (rebuilt from its fragments, see sandwell()).
Typed clause numbers are taken out of the text and kept as the number Word must print.
"""
from __future__ import annotations

import re
from pathlib import Path

from corpus_model import FOOTNOTE, Block, Builder, Doc, escape, from_markdown

NBSP = "\u00a0"


def tidy(line: str) -> str:
    """A source line without its extraction whitespace (tabs, no-break spaces, runs of spaces)."""
    return " ".join(line.replace(NBSP, " ").replace("\t", " ").split())


def tokens(text: str) -> list[tuple[str, bool, str]]:
    """Non-blank lines as (tidied text, blank line before it, raw line)."""
    out, gap = [], True
    for raw in text.splitlines():
        t = tidy(raw)
        if not t:
            gap = True
            continue
        out.append((t, gap, raw))
        gap = False
    return out


def take_footnotes(text: str) -> tuple[str, dict[str, str]]:
    """Footnotes inlined by the extraction ([footnoteRef:1] … [1: text]) as references and their texts."""
    notes = {}

    def note(m: re.Match) -> str:
        notes[m.group(1)] = escape(tidy(m.group(2)))
        return ""
    text = re.sub(r"\s*\[(\d+):\s*(.*?)\]", note, text, flags=re.S)
    return re.sub(r"\[footnoteRef:(\d+)\]", lambda m: FOOTNOTE.format(m.group(1)), text), notes


CLAUSE = re.compile(r"^(\d+\.\d+)\s*(.*)$")
SECTION = re.compile(r"^(\d+)\.\s*(.+)$")


# --- Wolverhampton: multi-level numbering, headings 1.–7. and clauses 1.1–7.2 ---------------------------------

def wolverhampton(path: Path) -> Doc:
    text, notes = take_footnotes(path.read_text(encoding="utf-8"))
    toks = tokens(text)
    doc = Doc("wolverhampton", path.name, toks[0][0], "Wolverhampton Compact Principles", notes=notes,
              scheme="multilevel", clause_style="List Number 2", party_style="Heading 3",
              hyphenate=True)
    b = Builder()
    commitments = False
    for t, _, _ in toks[1:]:
        if t in ("Introduction", "Principles"):
            b.heading(1, t)
        elif t.startswith("Commitments for"):
            b.heading(1, t)
            commitments = True
        elif m := CLAUSE.match(t):
            b.item("clauses", escape(m.group(2)), num=m.group(1))
        elif m := SECTION.match(t):
            if commitments:          # a principle's own heading, numbered by Word
                b.heading(2, escape(m.group(2)), num=m.group(1))
            else:                    # the list of the seven principles
                b.item("olist", escape(m.group(2)), start=int(m.group(1)))
        elif re.match(r"Undertakings? for", t):
            b.heading(3, escape(t))
        else:
            b.para(escape(t))
    doc.blocks = b.done()
    return doc


# --- Southampton: one numbering restart per section, party headings as bold paragraphs ----------------------

def southampton(path: Path) -> Doc:
    toks = tokens(path.read_text(encoding="utf-8"))
    doc = Doc("southampton", path.name, toks[0][0], "Southampton Compact", scheme="restart",
              party_style="bold paragraph")
    b = Builder()
    for t, _, _ in toks[1:]:
        if t == "Introduction":
            b.heading(1, t)
        elif m := CLAUSE.match(t):
            b.item("clauses", escape(m.group(2)), num=m.group(1))
        elif m := SECTION.match(t):
            b.heading(1, escape(m.group(2)), num=m.group(1))
        elif t.startswith("Undertakings for"):
            b.para(f"**{escape(t)}**")
        else:
            # 3.11's second paragraph ("Demonstrate how …") sits between 3.11 and 3.12: it continues 3.11.
            b.sandwich(escape(t))
    doc.blocks = b.done()
    return doc


# --- Westminster: headings numbered through their styles (0. Introduction, 0.1 …, 1.–4.) ---------------------

def westminster(path: Path) -> Doc:
    text = path.read_text(encoding="utf-8")
    toks = tokens(text)
    start = next(i for i, (t, _, _) in enumerate(toks) if t == "Working Together")
    doc = Doc("westminster", path.name, "The Westminster Compact 2011", "The Westminster Compact 2011",
              subtitle="Working Together", scheme="styles", party_style="Heading 3")
    b = Builder()
    i = start + 1
    while i < len(toks):
        t = toks[i][0]
        i += 1
        if t == "The Westminster Compact 2011":
            continue                                   # the title
        if t == "Consultation Draft":
            b.para("**Consultation Draft**")
        elif t.startswith("*"):                        # the strapline, broken over three lines
            parts = [t]
            while not parts[-1].endswith("*"):
                parts.append(toks[i][0])
                i += 1
            b.para(from_markdown(" ".join(parts)))
        elif t == "Contents":
            entries = []
            for cells in _table_rows(toks, i):
                i += 1
                if cells and cells[0]:
                    entries.append([from_markdown(re.sub(r"\.{3,}$", "", cells[0])), cells[1]])
            b.add(Block("toc", "Contents", rows=entries))
        elif t.startswith("|"):
            # The principles table, split over a page break into two tables: the Collaboration row's last
            # words ("and objectives.") became a row of their own, with an empty first cell. Rejoined.
            rows: list[list[str]] = []
            for cells in _table_rows(toks, i - 1):
                i += 1
                if cells and not cells[0]:
                    rows[-1][1] += " " + from_markdown(cells[1])
                elif cells:
                    rows.append([from_markdown(c) for c in cells])
            i -= 1
            b.add(Block("table", rows=rows, widths=(1, 3)))
        elif t == "Introduction":
            b.heading(1, t, num="0")
        elif m := re.match(r"^(0\.\d+)\s+(.+)$", t):
            b.heading(2, from_markdown(m.group(2)), num=m.group(1))
        elif m := SECTION.match(t):
            b.heading(1, from_markdown(m.group(2)), num=m.group(1))
        elif t.endswith("undertakes to:"):
            b.heading(3, t)
        elif t.startswith("Appendix"):
            b.heading(1, from_markdown(t))
        elif t == "Compact Steering Group Members":
            b.heading(2, t)
        elif t in ("Statutory sector", "Voluntary & community sector"):
            b.heading(3, from_markdown(t))
        elif t in ("Westminster City Council", "NHS Westminster"):
            b.heading(4, t)
        elif t.startswith("- "):
            b.item("bullets", from_markdown(t[2:]))   # lists split by page breaks join up again
        else:
            b.para(from_markdown(t))
    doc.blocks = b.done()
    return doc


def _table_rows(toks: list, i: int):
    """The cells of each row of the Markdown table(s) from token i on; [] for a rule or an empty header."""
    while i < len(toks) and toks[i][0].startswith("|"):
        cells = [c.strip() for c in toks[i][0].strip("|").split("|")]
        yield [] if set("".join(cells)) <= set("-: ") else cells
        i += 1


# --- Sandwell: "Section N" headings typed, section 4's five headings numbered by Word (single level) ---------

SANDWELL_FORM = [
    # The statement of intent's form was garbled beyond line repair: its labels and the return address were
    # broken into fragments spread over several lines ("Ema iledion", "Pleas Chie Sand…"). Rebuilt from the
    # fragments: the labels in full, the tick options as printed, and the return address in its lines (the
    # floor is illegible in the source and is left out).
    ["Our Name Is", ""],
    ["We are a (please tick)", "☐ Registered Charity ☐ Community Group ☐ Voluntary Organisation "
                               "☐ GP Consortium ☐ Statutory Organisation ☐ Other (please specify)"],
    ["Address", ""],
    ["Post Code", ""],
    ["Telephone", ""],
    ["Email", ""],
    ["Date", ""],
]
SANDWELL_RETURN = ["Chief Executive", "Sandwell Council of Voluntary Organisations", "Floor, Landchard House",
                   "Victoria Street, West Bromwich B70 8ER"]


def sandwell(path: Path) -> Doc:
    toks = tokens(path.read_text(encoding="utf-8"))
    doc = Doc("sandwell", path.name, "Sandwell Compact", "Sandwell Compact", scheme="headings",
              party_style="Heading 3")
    b = Builder()
    section = 0
    i = 0
    while i < len(toks):
        t, gap, raw = toks[i]
        i += 1
        heading = raw.startswith("#")
        t = re.sub(r"^#+\s*", "", t)
        # Missing list markers: a line the extraction indented by a space, or started with a stray "•".
        bullet = raw.startswith(("- ", "\u2022 ")) or (raw.startswith(" ") and not heading)
        t = re.sub(r"^[-\u2022]\s+", "", t)
        if heading:
            t = re.sub(r"\*\*", "", from_markdown(t))
            if t == "Sandwell Compact":
                continue                                           # the title
            if m := re.match(r"Section (\d+)", t):
                section = int(m.group(1))
                b.heading(1, t)
            elif t.startswith("All partners agree"):
                b.para(t)                                          # an intro set as a heading by mistake
            elif (m := SECTION.match(t)) and section == 4:
                b.heading(2, m.group(2), num=m.group(1))
            elif t.endswith(("will:-", "will:")):
                b.heading(3, t)
            else:
                b.heading(2, t)                                    # the form's title; glossary terms
            continue
        t = from_markdown(t)
        if section == 1 and bullet:
            # The five outcomes; the fourth lost its number in extraction.
            b.item("olist", re.sub(r"^\d+\.\s+", "", t))
        elif section == 2 and t.startswith("Sandwell:"):
            b.para(f"**{t}**")
        elif section == 2 and bullet:
            b.item("bullets", re.sub(r"^(Great \w+)", r"**\1**", t))
        elif section in (3, 6) and bullet:
            # Bold lead-ins ("**Equality**: …", "**Stage 1:** …"), made consistent: some lost their bold.
            t = re.sub(r"^([A-Z][\w ]+?):", r"**\1**:", t) if "**" not in t else t
            t = re.sub(r"^\*\*(Stage \d)\*\*:", r"**\1:**", t)
            b.item("bullets", t)
        elif bullet:
            b.item("bullets", t)
        elif section == 5 and not t.endswith(":-"):
            b.item("bullets", t)                                   # the codes of practice, one a line
        elif t.startswith("Ombudsman for Health"):
            # Three contacts run together on one line.
            b.add(Block("lines", "\n".join(re.split(r"(?<=free service) (?=[A-Z])", t))))
        elif t.startswith("Compact Refresh Date"):
            b.add(Block("lines", t.replace(" Review Date", "\nReview Date")))
        elif section == 8:
            b.para(t)                                              # one signatory a line
        elif t == "Our Name Is":
            b.add(Block("form", rows=SANDWELL_FORM, widths=(1, 3)))
            b.para("Please complete this form and return to:")
            b.add(Block("lines", "\n".join(SANDWELL_RETURN)))
            while not toks[i - 1][0].startswith("Victoria Street"):
                i += 1
        else:
            b.para(t)
    doc.blocks = b.done()
    return doc


# --- Staffordshire and Stoke on Trent: headings numbered by hand (typed), bold-italic lead-ins -------------

STAFFS_H1 = {"Vision of the Staffordshire and Stoke on Trent Compact", "What is the Staffordshire and Stoke on Trent "
             "Compact?", "The partners to the Staffordshire Compact", "The changing policy context in which the "
             "Compact works", "Compact objectives, principles and ways of working", "Promotion of the Compact and "
             "Governance", "Working together to solve difficulties positively", "The Staffordshire and Stoke on "
             "Trent Compact Agreement", "A list of signatories to the Compact"}
STAFFS_FORM = ["Signature", "Name", "Organisation", "Position in organisation", "Date"]


def staffordshire(path: Path) -> Doc:
    toks = tokens(path.read_text(encoding="utf-8"))
    title = toks[0][0]
    doc = Doc("staffordshire-stoke-on-trent", path.name, title, "Staffordshire and Stoke on Trent Compact – Draft",
              subtitle="Draft", scheme="typed", party_style="none (principles are bold-italic lead-ins)")
    b = Builder()
    i = 1
    objectives_done = False
    in_principles = False
    while i < len(toks):
        t, gap, _ = toks[i]
        i += 1
        if t == "Draft" and i == len(toks):
            continue                                   # the draft mark, printed as the subtitle
        if t in STAFFS_H1:
            b.heading(1, from_markdown(t))
            in_principles = False
        elif t == "The process":
            b.heading(2, t)
        elif t.startswith("- Stage "):
            b.heading(3, t[2:])
        elif t == "The partners to this Compact are:":
            b.para(t)
            # The partners were printed in two columns; a long name broke over two lines ("… Local" /
            # "Enterprise Partnership"). A line that ends "and", "Local", "Crime" or "Peninsula" goes on.
            names: list[str] = []
            while not toks[i][0].startswith("The public sector"):
                name = toks[i][0]
                if names and re.search(r"\b(and|Local|Crime|Peninsula)$", names[-1]):
                    names[-1] += " " + name
                else:
                    names.append(name)
                i += 1
            for name in names:
                b.item("bullets", from_markdown(name))
        elif (m := SECTION.match(t)) and not objectives_done:
            b.item("olist", from_markdown(m.group(2)))       # the four objectives, listed
        elif m := SECTION.match(t):
            b.heading(2, from_markdown(t), num=m.group(1), typed=True)
            in_principles = True
        elif t in STAFFS_FORM and b.blocks[-1].kind != "form":
            rows = []
            while i - 1 < len(toks) and toks[i - 1][0] in STAFFS_FORM:
                rows.append([toks[i - 1][0], ""])
                i += 1
            i -= 1
            b.add(Block("form", rows=rows, widths=(1, 2)))
        elif t.startswith("- "):
            b.item("bullets", from_markdown(t[2:]))
        elif not gap:
            b.blocks[-1].text += "\n" + from_markdown(t)   # an address, one line a line
        elif i < len(toks) and not toks[i][1] and not t.endswith((".", ":")):
            b.add(Block("lines", from_markdown(t)))        # the first line of an address
        elif _broken(b, t):
            _join(b, from_markdown(t))                     # a paragraph broken by a page break
        elif in_principles:
            b.sandwich(from_markdown(t))                   # a principle's second paragraph
        else:
            b.para(from_markdown(t))
        if t.startswith("The principles and approaches are highlighted"):
            objectives_done = True
    doc.blocks = b.done()
    return doc


def _broken(b: Builder, t: str) -> bool:
    """Does this paragraph continue the last one, broken at a page end? (The last ends without a stop.)"""
    if b.pending:
        last = b.pending[-1]
    elif b.blocks and b.blocks[-1].kind in ("para", "bullets"):
        block = b.blocks[-1]
        last = block.text if block.kind == "para" else block.items[-1].text
    else:
        return False
    return bool(re.search(r"(?:^|\s)[a-z]+$", last))     # a last word, not a web address


def _join(b: Builder, t: str) -> None:
    if b.pending:
        b.pending[-1] += " " + t
    elif b.blocks[-1].kind == "para":
        b.blocks[-1].text += " " + t
    else:
        b.blocks[-1].items[-1].text += " " + t


PARSERS = {"wolverhampton": ("wolverhampton.txt", wolverhampton), "southampton": ("southampton.txt", southampton),
           "westminster": ("westminster.md", westminster), "sandwell": ("sandwell.md", sandwell),
           "staffordshire-stoke-on-trent": ("staffordshire-stoke-on-trent.md", staffordshire)}


def read_all(sources: Path) -> list[Doc]:
    return [parse(sources / name) for name, parse in PARSERS.values()]
