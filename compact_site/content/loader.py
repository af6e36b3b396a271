"""Read compact files into the model, turning every fault into a located, coded :class:`Problem`.

Nothing here raises for an author's mistake: :func:`load_file` returns the compact (or ``None``) with
the problems found, so a run can list every fault of every file together.
"""
from __future__ import annotations

import difflib
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Iterable

import yaml
from pydantic import ValidationError

from compact_site.content.yaml_reader import AliasError, first_alias, parse_yaml
from compact_site.errors import CATALOGUE, Problem
from compact_site.model import Compact, Glossary
from compact_site.model.located import LineDict, LineList

MAX_FILE_BYTES = 5 * 1024 * 1024
"""Largest compact file read (5 MB; real ones are under 50 kB). A larger file is refused unread (CS007),
so a pasted image or a runaway generator cannot stall a build."""

_TYPE_NAMES = {"string": "text", "list": "a list", "dict": "a mapping (key: value lines)", "model": "a mapping "
               "(key: value lines)", "bool": "true or false", "int": "a whole number", "literal": "one of the "
               "choices", "float": "a number"}
_WRONG_TYPE = {"string_type": "text", "list_type": "a list", "dict_type": "a mapping", "model_type": "a mapping",
               "model_attributes_type": "a mapping", "bool_type": "true or false", "bool_parsing": "true or false",
               "int_type": "a whole number", "int_parsing": "a whole number"}


@dataclass
class Loaded:
    """Compacts read from a set of files, and every problem met on the way."""

    compacts: list[Compact] = field(default_factory=list)
    problems: list[Problem] = field(default_factory=list)
    files: dict[str, str] = field(default_factory=dict)  # slug -> file it came from
    glossary: Glossary | None = None  # the site-wide glossary (content/glossary.yml), if any
    glossary_file: str | None = None
    checked: list[tuple[str, str]] = field(default_factory=list)  # (file, what it was or why it was skipped)
    editions: dict[str, list] = field(default_factory=dict)  # slug -> its frozen texts, oldest first (editions.py)

    def frozen(self) -> dict[str, list[tuple[str, str, str, Compact]]]:
        """slug -> its frozen editions as the core takes them (date, label, status, compact), oldest first."""
        return {slug: [(t.edition.date, t.edition.label, t.edition.status, t.compact) for t in texts]
                for slug, texts in self.editions.items()}

    @property
    def errors(self) -> list[Problem]:
        return sorted(p for p in self.problems if p.severity == "error")

    @property
    def warnings(self) -> list[Problem]:
        return sorted(p for p in self.problems if p.severity == "warning")


def describe(value: Any) -> str:
    """Name the kind of a YAML value for a message ('a list', 'text', ...)."""
    if isinstance(value, bool):
        return "true/false"
    if isinstance(value, (int, float)):
        return "a number"
    if isinstance(value, str):
        return "text"
    if isinstance(value, list):
        return "a list"
    if isinstance(value, dict):
        return "a mapping"
    return "nothing" if value is None else type(value).__name__


_KIND_OF_LIST = {"clauses": "clause", "sections": "section", "steps": "stage", "fields": "field",
                 "terms": "term", "forms": "form", "procedures": "procedure", "footnotes": "footnote",
                 "about": "passage", "contacts": "contact", "signatories": "signatory"}


def _walk(data: Any, loc: Iterable[Any]) -> tuple[int, str, tuple]:
    """Follow a validation location through the raw YAML.

    Returns the best line, the nearest identified thing ("clause '3.1'") and the rest of the location
    below that thing (so messages say ``clause '3.1': text: ...`` rather than a long path).
    """
    loc = tuple(loc)
    line, subject, rest, node, parent_key = getattr(data, "line", 0), "", loc, data, None
    for depth, part in enumerate(loc):
        if isinstance(node, LineDict) and part in node:
            line = node.key_lines.get(part, line)
            node, parent_key = node[part], part if not isinstance(part, int) else parent_key
        elif isinstance(node, LineList) and isinstance(part, int) and part < len(node):
            line = node.item_lines[part]
            node = node[part]
        else:
            break
        if isinstance(node, LineDict):
            line = node.line
            ident = node.get("id", node.get("term")) if isinstance(part, int) else None  # list items only
            if isinstance(ident, (str, int, float)) and not isinstance(ident, bool):
                kind = _KIND_OF_LIST.get(parent_key, "principle" if parent_key == "items" and "title" in node
                                         else "item")
                subject = f"{kind} '{getattr(ident, 'source', '') or ident}'"
                rest = loc[depth + 1:]
    return line, subject, rest


def _field_path(loc: tuple) -> str:
    return ".".join(str(p) if not isinstance(p, int) else f"[{p}]" for p in loc).replace(".[", "[")


def _allowed_keys(model_loc: tuple) -> list[str]:
    """Keys allowed at a location, for 'did you mean' hints."""
    model: Any = Compact
    for part in model_loc:
        if isinstance(part, int):
            continue
        info = getattr(model, "model_fields", {}).get(part)
        if info is None:
            return []
        model = _model_in(info.annotation)
    return list(getattr(model, "model_fields", {}))


def _model_in(annotation: Any) -> Any:
    if hasattr(annotation, "model_fields"):
        return annotation
    for arg in getattr(annotation, "__args__", ()):
        found = _model_in(arg)
        if found is not None:
            return found
    origin = getattr(annotation, "__origin__", None)
    return _model_in(origin) if origin is not None and origin is not annotation else None


def problem_from_error(path: str, data: Any, error: dict) -> Problem:
    """Translate one pydantic error into our catalogue's terms."""
    loc = tuple(error["loc"])
    kind = error["type"]
    line, subject, rest = _walk(data, loc)
    name = _field_path(rest) or "file"
    value = error.get("input")
    if kind in CATALOGUE:  # our own validators raise with catalogue codes as their type
        code, message = kind, error["msg"] if rest[-1:] == ("id",) or not rest else f"{name}: {error['msg']}"
    elif kind == "extra_forbidden":
        key = str(loc[-1])
        hint = difflib.get_close_matches(key, _allowed_keys(loc[:-1]), n=1)
        code, message = "CS101", f"unknown key '{key}'" + (f" (did you mean '{hint[0]}'?)" if hint else "")
    elif kind == "missing":
        inside = _field_path(rest[:-1])
        code, message = "CS102", (f"{inside}: " if inside else "") + f"missing required field '{loc[-1]}'"
        parent_line, _, _ = _walk(data, loc[:-1])
        line = parent_line or line
    elif kind in ("literal_error", "enum"):
        expected = error.get("ctx", {}).get("expected", "")
        code, message = "CS104", f"{name}: '{value}' is not allowed; use {expected}"
    elif kind in ("string_too_short", "too_short"):
        code, message = ("CS105", f"{name}: text is empty") if kind == "string_too_short" else (
            "CS106", f"{name}: needs at least one entry")
    elif kind in _WRONG_TYPE:
        code, message = "CS103", f"{name}: expected {_WRONG_TYPE[kind]}, got {describe(value)}"
    else:
        code, message = "CS106", f"{name}: {error['msg']}"
    return Problem(path, line, code, message, subject)


def _problems_from_validation(path: str, data: Any, err: ValidationError) -> list[Problem]:
    seen, found = set(), []
    for error in err.errors(include_url=False):
        problem = problem_from_error(path, data, error)
        if (problem.line, problem.code, problem.message) not in seen:
            seen.add((problem.line, problem.code, problem.message))
            found.append(problem)
    return found


def read_bytes(path: Path, shown: str) -> tuple[bytes | None, list[Problem]]:
    """A file's bytes, unless it is over the size limit or cannot be read."""
    try:
        size = path.stat().st_size
        if size > MAX_FILE_BYTES:
            return None, [Problem(shown, 0, "CS007", f"the file is {size / 1024 / 1024:.1f} MB; the limit is "
                                  f"{MAX_FILE_BYTES // 1024 // 1024} MB")]
        return path.read_bytes(), []
    except OSError as err:
        return None, [Problem(shown, 0, "CS006", f"cannot read file: {err.strerror}")]


def read_text(path: Path, shown: str, raw: bytes | None = None) -> tuple[str | None, list[Problem]]:
    """Read a file as UTF-8 (a BOM is accepted and dropped; Windows line ends are fine); ``raw``: its bytes,
    when already read."""
    if raw is None:
        raw, problems = read_bytes(path, shown)
        if raw is None:
            return None, problems
    try:
        return raw.decode("utf-8-sig"), []
    except UnicodeDecodeError as err:
        line = raw[: err.start].count(b"\n") + 1
        return None, [Problem(shown, line, "CS004", f"byte 0x{raw[err.start]:02x} is not UTF-8 text")]


def _syntax_problem(err: yaml.YAMLError, text: str, shown: str) -> Problem:
    """A YAML syntax error in plain words, pointing at the line and naming tabs, the commonest cause."""
    mark = getattr(err, "problem_mark", None)
    line = mark.line + 1 if mark else 0
    if isinstance(err, yaml.reader.ReaderError):  # a control character: located by position, not mark
        line = text[:err.position].count("\n") + 1
        return Problem(shown, line, "CS001", f"YAML syntax: control character U+{err.character:04X} is not "
                       "allowed; delete it (it often comes from pasting)")
    lines = text.splitlines()
    if 0 < line <= len(lines) and "\t" in lines[line - 1]:
        return Problem(shown, line, "CS001", "YAML syntax: a tab character; indent with spaces only")
    reason = getattr(err, "problem", None) or str(err)
    context, where = getattr(err, "context", None), getattr(err, "context_mark", None)
    if context and where is not None and where.line + 1 != line:
        reason += f" ({context} that starts at line {where.line + 1})"
    unclosed = next((n for n, text_line in enumerate(lines[:line], 1)
                     if text_line.split(" #")[0].count('"') % 2), None)
    if unclosed is not None and unclosed != line:
        reason += f"; is the quote on line {unclosed} closed?"
    return Problem(shown, line, "CS001", f"YAML syntax: {reason}")


def parse_model(text: str, shown: str, model: type = Compact, root: tuple = ()) -> tuple[Any, list[Problem]]:
    """Parse YAML text and validate it as ``model``; every fault becomes a located Problem.

    ``root`` is where the model's fields sit in messages' paths (the site glossary's terms are under
    ``glossary`` for _allowed_keys hints to work); it does not change what is read.
    """
    try:
        parsed = parse_yaml(text)
    except yaml.constructor.ConstructorError as err:
        line = err.problem_mark.line + 1 if err.problem_mark else 0
        return None, [Problem(shown, line, "CS005", (err.problem or "not allowed").split(" in ")[0]
                              .replace("could not determine a constructor for the tag", "tag not allowed:"))]
    except AliasError:
        line, name = first_alias(text)
        return None, [Problem(shown, line, "CS008", f"YAML alias '*{name}' is not allowed")]
    except yaml.YAMLError as err:
        return None, [_syntax_problem(err, text, shown)]
    except (ValueError, TypeError, RecursionError, AttributeError, IndexError, KeyError) as err:
        # A constructor choking on odd input: most often a standard tag on a value it does not fit (`!!map hello`,
        # a bare `!!int`), whose node PyYAML does not name: the first such tag's line is the place to look.
        tagged = next((number for number, line in enumerate(text.splitlines(), 1) if "!!" in line), 0)
        why = "the `!!` tag on this line does not fit its value (remove the tag: content needs none)" if tagged \
            else str(err)
        return None, [Problem(shown, tagged, "CS001", f"YAML could not be read: {why}")]
    problems = [Problem(shown, d.line, "CS002", f"duplicate key '{d.key}' (first at line {d.first_line})")
                for d in parsed.duplicates]
    data = parsed.data
    if not isinstance(data, dict):
        what = "empty" if data is None else f"{describe(data)}, not a mapping"
        return None, problems + [Problem(shown, getattr(data, "line", 1), "CS003", f"the file is {what}")]
    try:
        return model.model_validate(data), problems
    except ValidationError as err:
        return None, problems + _problems_from_validation(shown, data, err)


def parse_compact(text: str, shown: str, stem: str | None = None) -> tuple[Compact | None, list[Problem]]:
    """Parse and validate the YAML text of one compact; its slug must match the file name."""
    compact, problems = parse_model(text, shown, Compact)
    if compact is not None and stem is not None and compact.slug != stem:
        problems.append(Problem(shown, compact.line_of("slug"), "CS203",
                                f"slug '{compact.slug}' differs from the file name '{stem}.yml'"))
    return compact, problems


def load_file(path: Path, shown: str | None = None) -> tuple[Compact | None, list[Problem]]:
    """Load one compact file. ``shown`` is the path as it should appear in messages."""
    shown = shown or str(path)
    text, problems = read_text(path, shown)
    if text is None:
        return None, problems
    return parse_compact(text, shown, path.stem)


def load_glossary_file(path: Path, shown: str) -> tuple[Glossary | None, list[Problem]]:
    """Load the site-wide glossary (``content/glossary.yml``): the same shape as a compact's ``glossary``."""
    text, problems = read_text(path, shown)
    if text is None:
        return None, problems
    glossary, more = parse_model(text, shown, Glossary)
    return glossary, problems + more
