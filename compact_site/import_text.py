"""``compact-site import FILE.txt``: draft a compact file from the plain text of a Word or PDF document.

It recognises what most compacts print, line by line:

- section headings: ``3. Funding`` or ``Section 3 - Funding`` (a number, then a short title);
- numbered clauses: ``2.1 Text ...`` (continuation lines are joined until a blank line or the next clause);
- party headings: ``Undertakings for VCS:``, ``The Statutory Sector will:``, ``All partners will:-``;
- bullets (``•``, ``-``, ``*``) under a party heading: unnumbered undertakings;
- under a ``Glossary`` heading, ``Term: definition`` or ``Term - definition`` lines;
- under a ``Signatories`` heading, ``Name, Role, Organisation`` lines.

Text before the first section becomes the introduction. Wherever it has to guess, it writes a ``# TODO``
comment, which is never published. The draft is checked with the same validator as ``compact-site validate``
before it is written; the command refuses to overwrite an existing file. Exit codes follow ``compact-site``:
0 written, 1 the draft did not validate (a bug: please report it with the text file), 2 misuse.
"""
from __future__ import annotations

import argparse
import json
import re
import sys
import textwrap
from dataclasses import dataclass, field
from pathlib import Path

from .loader import parse_compact

SECTION_RE = re.compile(r"^(?:section\s+)?(\d{1,2})(?:\.|\s*[-–—:])?\s+(\S.{0,90})$", re.IGNORECASE)
CLAUSE_RE = re.compile(r"^(\d{1,2}(?:\.\d{1,3})+)([a-z])?\.?\)?\s+(\S.*)$")
BULLET_RE = re.compile(r"^(?:[•\-\*·▪o]|\(?[a-z]\)|\(?[ivx]+\))\s+(\S.*)$")
PARTY_WORDS = [
    ("all", re.compile(r"\b(all partners|both sectors|all parties|together)\b", re.IGNORECASE)),
    ("vcs", re.compile(r"\b(vcs|voluntary|community sector|third sector|vcse)\b", re.IGNORECASE)),
    ("statutory", re.compile(r"\b(statutory|council|public bodies|public sector|nhs|police)\b", re.IGNORECASE)),
    ("private", re.compile(r"\b(private|business)\b", re.IGNORECASE)),
]
PARTY_NAMES = {"statutory": "Statutory Sector", "vcs": "Voluntary and Community Sector (VCS)",
               "private": "Private Sector"}
SPECIAL = {"glossary": re.compile(r"glossary|definitions|terms used", re.IGNORECASE),
           "signatories": re.compile(r"signator|signed by|signed on behalf", re.IGNORECASE)}
WIDTH = 100


@dataclass
class Clause:
    number: str | None
    text: str
    todo: str = ""
    id: str = ""


@dataclass
class Group:
    party: str
    heading: str
    clauses: list[Clause] = field(default_factory=list)
    todo: str = ""


@dataclass
class Section:
    number: str
    title: str
    intro: list[str] = field(default_factory=list)
    clauses: list[Clause] = field(default_factory=list)
    groups: list[Group] = field(default_factory=list)
    todo: str = ""


@dataclass
class Draft:
    title: str = ""
    intro: list[str] = field(default_factory=list)
    sections: list[Section] = field(default_factory=list)
    terms: list[tuple[str, str]] = field(default_factory=list)
    signatories: list[str] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)


def party_of(line: str) -> str | None:
    """The party a heading such as 'The VCS will:' names, or None if the line is not a party heading."""
    stripped = line.strip()
    if not re.search(r"(:-?|will|agree(s)? to)\s*$", stripped, re.IGNORECASE) or len(stripped) > 100:
        return None
    if stripped.count(".") > 1:
        return None
    for party, words in PARTY_WORDS:
        if words.search(stripped):
            if party != "all" and any(other.search(stripped) for name, other in PARTY_WORDS
                                      if name not in ("all", party)):
                return "all"  # "The Statutory Sector and VCS will:" binds both
            return party
    return None


def _paragraphs(lines: list[str]) -> list[list[str]]:
    """Blank-line separated blocks of stripped, non-empty lines."""
    blocks, current = [], []
    for raw in lines:
        line = raw.strip().replace("\t", " ")
        if not line:
            if current:
                blocks.append(current)
            current = []
        else:
            current.append(line)
    if current:
        blocks.append(current)
    return blocks


def parse(text: str) -> Draft:
    """Read plain text into a draft; guesses are marked with a TODO note."""
    draft = Draft()
    section: Section | None = None
    group: Group | None = None
    special: str | None = None
    last: Clause | None = None  # the clause that a following line continues
    lines = text.replace("\r\n", "\n").replace("\r", "\n").replace("\f", "\n").split("\n")
    for block in _paragraphs(lines):
        last = None
        for line in block:
            clause_match = CLAUSE_RE.match(line)
            section_match = None if clause_match else SECTION_RE.match(line)
            if section_match and not section_match.group(2).rstrip().endswith((".", ";", ",")):
                number, title = section_match.group(1), section_match.group(2).strip()
                special = next((name for name, words in SPECIAL.items() if words.search(title)), None)
                group, last = None, None
                if special is None:
                    section = Section(number=number, title=title)
                    draft.sections.append(section)
                continue
            if not draft.title and not draft.sections and not draft.intro:
                draft.title = line
                continue
            heading = None if clause_match or len(line) > 60 else next(
                (name for name, words in SPECIAL.items() if words.match(line.rstrip(":-").strip())), None)
            if heading and (heading == "signatories" or not re.search(r"[:.]\s", line)):
                special, group, last = heading, None, None
                continue
            if special == "glossary":
                term = re.match(r"^([^:–—]{1,80}?)\s*(?::|\s[-–—]\s)\s*(\S.*)$", line)
                if term:
                    draft.terms.append((term.group(1).strip(), term.group(2).strip()))
                elif draft.terms:
                    name, definition = draft.terms[-1]
                    draft.terms[-1] = (name, f"{definition} {line}")
                else:
                    draft.notes.append(f"glossary line not understood: {line}")
                continue
            if special == "signatories":
                draft.signatories.append(line)
                continue
            party = None if clause_match else party_of(line)
            if party and section is not None:
                group, last = Group(party=party, heading=line), None
                section.groups.append(group)
                continue
            if clause_match:
                number = clause_match.group(1) + (clause_match.group(2) or "")
                last = Clause(number=number, text=clause_match.group(3))
                if section is None:
                    section = Section(number=number.split(".")[0], title=f"Section {number.split('.')[0]}",
                                      todo="no section heading came before this clause: write the title")
                    draft.sections.append(section)
                elif number.split(".")[0] != section.number:
                    last.todo = f"clause {number} is under section {section.number}: check where it belongs"
                (group.clauses if group else section.clauses).append(last)
                continue
            bullet = BULLET_RE.match(line)
            if bullet and group is not None:
                last = Clause(number=None, text=bullet.group(1))
                group.clauses.append(last)
                continue
            if last is not None:
                last.text += " " + line
            elif section is None:
                draft.intro.append(line)
            elif group is not None and group.clauses:
                last = Clause(number=None, text=line, todo="a line under a party heading without a number or "
                              "bullet: is it an undertaking, or text after the list?")
                group.clauses.append(last)
            else:
                section.intro.append(line)
        # a blank line ends a paragraph: the next line starts a new one in the intro
        if section is None and draft.intro:
            draft.intro.append("")
        elif section is not None and section.intro and not section.clauses and not section.groups:
            section.intro.append("")
    return draft


def _q(value: str) -> str:
    """A YAML scalar that reads back exactly as ``value`` (a JSON string is a YAML double-quoted string)."""
    return json.dumps(value, ensure_ascii=False)


def _folded(key: str, value: str, indent: int) -> list[str]:
    """``key: >-`` with the text wrapped to the page width (folding joins the lines with spaces again)."""
    pad = " " * indent
    lines = textwrap.wrap(value, width=max(40, WIDTH - indent - 2), break_long_words=False, break_on_hyphens=False)
    if len(lines) == 1 and len(pad + key + ": " + value) <= WIDTH:
        return [f"{pad}{key}: {_q(value)}"]
    return [f"{pad}{key}: >-"] + [f"{pad}  {line}" for line in lines]


def _literal(key: str, paragraphs: list[str], indent: int) -> list[str]:
    """``key: |`` holding paragraphs separated by blank lines."""
    pad = " " * indent
    out = [f"{pad}{key}: |"]
    for index, paragraph in enumerate(paragraphs):
        if index:
            out.append("")
        out.extend(f"{pad}  {line}" for line in textwrap.wrap(paragraph, width=max(40, WIDTH - indent - 2),
                                                                 break_long_words=False, break_on_hyphens=False))
    return out


def _join(lines: list[str]) -> list[str]:
    """Lines separated by '' markers into paragraphs."""
    paragraphs, current = [], []
    for line in lines + [""]:
        if line:
            current.append(line)
        elif current:
            paragraphs.append(" ".join(current))
            current = []
    return paragraphs


def _slug_id(text: str) -> str:
    return re.sub(r"[^a-z0-9]+", "-", text.lower()).strip("-") or "x"


def render(draft: Draft, slug: str, source_name: str) -> str:
    """The draft as a commented compact file."""
    title = draft.title or slug.replace("-", " ").title() + " Compact"
    area = re.sub(r"\s*\bcompact\b.*$", "", title, flags=re.IGNORECASE).strip() or title
    used = sorted({g.party for s in draft.sections for g in s.groups if g.party != "all"},
                  key=["statutory", "vcs", "private"].index) or ["statutory", "vcs"]
    out = [
        "# yaml-language-server: $schema=../compact_site/schema/compact.schema.json",
        f"# Drafted by `compact-site import` from {source_name}. Check every line against the source document.",
        "# Search this file for TODO: each marks a guess. Delete the TODO comment once you have checked it.",
        f"slug: {slug}",
        f"title: {_q(title)}",
        f"area: {_q(area)}                 # TODO: the place the compact covers",
        "status: draft                     # TODO: adopted, draft, consultation-draft, superseded or unknown",
        "dates:",
        "  adopted: 2026                   # TODO: when it was adopted (YYYY, YYYY-MM or YYYY-MM-DD)",
        "source:",
        f"  title: {_q(title)}",
        "parties:",
    ]
    for party in used:
        out += [f"  - sector: {party}", f"    name: {_q(PARTY_NAMES[party])}   # TODO: the name the source uses"]
    intro = _join(draft.intro)
    if intro:
        out += ["", "introduction:"] + _literal("text", intro, 2)
    seen: set[str] = set()
    if draft.sections:
        out += ["", "undertakings:", "  sections:"]
    for section in draft.sections:
        section_id = section.number if section.number not in seen else f"{section.number}-{len(seen)}"
        seen.add(section_id)
        out.append(f"    - id: {_q(section_id)}")
        if section.todo:
            out.append(f"      # TODO: {section.todo}")
        out += [f"      number: {_q(section.number)}", f"      title: {_q(section.title)}"]
        intro = _join(section.intro)
        if intro:
            out += _literal("intro", intro, 6)
        elif not section.clauses and not any(group.clauses for group in section.groups):
            out += ["      # TODO: nothing was found under this heading: add its text, or delete the section",
                    "      intro: This section has no text yet."]
        if section.clauses:
            out.append("      clauses:")
            out += _clauses(section.clauses, section_id, "", seen, 8)
        groups = [g for g in section.groups if g.clauses]
        for empty in (g for g in section.groups if not g.clauses):
            out.append(f"      # TODO: the heading {_q(empty.heading)} had no clauses under it")
        if groups:
            out.append("      groups:")
        for group in groups:
            out += [f"        - party: {group.party}" + ("   # TODO: check the party" if group.party == "all" else ""),
                    f"          heading: {_q(group.heading)}", "          clauses:"]
            out += _clauses(group.clauses, section_id, group.party, seen, 12)
    if draft.signatories:
        out += ["", "signatories:", "  items:"]
        for line in draft.signatories:
            parts = [part.strip() for part in line.split(",") if part.strip()]
            out.append("    - printed: " + _q(line) + "   # TODO: check name, role, organisation and sector")
            if len(parts) >= 3:
                out += [f"      name: {_q(parts[0])}", f"      role: {_q(parts[1])}",
                        f"      organisation: {_q(', '.join(parts[2:]))}"]
            elif len(parts) == 2:
                out += [f"      name: {_q(parts[0])}", f"      organisation: {_q(parts[1])}"]
            else:
                out.append(f"      organisation: {_q(line)}")
            out.append("      sector: unknown")
    if draft.terms:
        out += ["", "glossary:", "  terms:"]
        term_ids: set[str] = set()
        for name, definition in draft.terms:
            out.append(f"    - term: {_q(name)}")
            abbreviation = re.search(r"\(([A-Z][A-Za-z]{1,9})\)\s*$", name)
            if abbreviation:
                out.append(f"      abbreviation: {_q(abbreviation.group(1))}")
            term_id = _slug_id(name)
            if term_id in term_ids:
                out.append(f"      id: {_q(term_id + '-' + str(len(term_ids)))}   # TODO: two terms had the same name")
            term_ids.add(term_id)
            out += _folded("definition", definition, 6)
    out += ["", "editorial_notes:", "  - kind: structure",
            "    # TODO: say what you changed from the source and what it lacks; this is published",
            "    text: " + _q(f"Transcribed from {source_name}, a plain-text copy of the source document.")]
    for note in draft.notes:
        out.append(f"# TODO: {note}")
    return "\n".join(out) + "\n"


def _clauses(clauses: list[Clause], section_id: str, party: str, seen: set[str], indent: int) -> list[str]:
    pad = " " * indent
    out, count = [], 0
    for clause in clauses:
        count += 1
        base_id = clause.number.lower() if clause.number else f"s{section_id}-{party or 'clause'}-{count}"
        clause_id, todo = base_id, clause.todo
        while clause_id in seen:
            clause_id = f"{clause_id}-x"
            todo = todo or f"two clauses would have the id {base_id}: choose an id for this one"
        seen.add(clause_id)
        out.append(f"{pad}- id: {_q(clause_id)}")
        if todo:
            out.append(f"{pad}  # TODO: {todo}")
        if clause.number:
            out.append(f"{pad}  number: {_q(clause.number)}")
        out += _folded("text", clause.text, indent + 2)
    return out


def slug_from(path: Path) -> str:
    return _slug_id(path.stem.removesuffix("-compact").removesuffix("_compact")) or "my-compact"


def cmd_import(args: argparse.Namespace) -> int:
    path: Path = args.file
    try:
        text = path.read_text(encoding="utf-8-sig")
    except UnicodeDecodeError:
        text = path.read_text(encoding="cp1252")  # Word's "Plain Text" on Windows, unless UTF-8 was chosen
    except OSError as err:
        print(f"cannot read {path}: {err.strerror}", file=sys.stderr)
        return 2
    slug = args.slug or slug_from(path)
    if not re.fullmatch(r"[a-z0-9]+(-[a-z0-9]+)*", slug):
        print(f"'{slug}' is not a usable slug: use lower-case letters, digits and hyphens", file=sys.stderr)
        return 2
    draft = parse(text)
    yaml_text = render(draft, slug, path.name)
    compact, problems = parse_compact(yaml_text, f"{slug}.yml", slug)
    errors = [p for p in problems if p.severity == "error"]
    if errors or compact is None:
        for problem in errors:
            print(problem.format(), file=sys.stderr)
        print("the draft did not validate: this is a fault in `compact-site import`; please report it "
              "with the text file", file=sys.stderr)
        return 1
    todos = yaml_text.count("# TODO")
    summary = (f"{len(draft.sections)} section(s), {len(compact.clauses())} clause(s), "
               f"{len(draft.terms)} glossary term(s), {len(draft.signatories)} signatory line(s); "
               f"{todos} TODO comment(s) to check")
    if args.stdout:
        sys.stdout.write(yaml_text)
        print(summary, file=sys.stderr)
        return 0
    target = args.dir / f"{slug}.yml"
    if target.exists():
        print(f"{target} already exists; choose another --slug, or delete that file first", file=sys.stderr)
        return 2
    args.dir.mkdir(parents=True, exist_ok=True)
    target.write_text(yaml_text, encoding="utf-8")
    print(f"created {target}: {summary}. Next: check it against the source, then run `compact-site validate`")
    return 0


def add_parser(commands: argparse._SubParsersAction) -> None:
    """Register ``import`` on the ``compact-site`` sub-command list."""
    imp = commands.add_parser("import", help="draft a compact file from the plain text of a Word or PDF document")
    imp.add_argument("file", type=Path, help="a .txt file (in Word: File > Save As > Plain Text)")
    imp.add_argument("--slug", help="the compact's address, e.g. northtown (default: from the file name)")
    imp.add_argument("--dir", type=Path, default=Path("content"), help="where to create it (default: content/)")
    imp.add_argument("--stdout", action="store_true", help="print the draft instead of writing a file")
    imp.set_defaults(run=cmd_import)
