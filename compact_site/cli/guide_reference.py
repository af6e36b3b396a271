"""Generate the guide's field reference and troubleshooting page from the code, so they cannot drift.

The field reference walks the content model (the same classes the JSON Schema is generated from) and
prints every field with its kind and the docstring written beside it in ``compact_site/model/``. The
troubleshooting page is the error catalogue of :mod:`compact_site.errors`.

    python -m compact_site.cli.guide_reference --write   # rewrite guide/reference.md and guide/6-troubleshooting.md
    python -m compact_site.cli.guide_reference --check   # exit 1 if either file differs from what the code says

``tests/test_guide.py`` runs the check, so a field or error code added to the code without regenerating the
guide fails the test suite.
"""
from __future__ import annotations

import argparse
import ast
import inspect
import sys
import typing
from pathlib import Path
from typing import Any, Literal, Union, get_args, get_origin

from compact_site.errors import CATALOGUE, catalogue_markdown
from compact_site.model import Compact, Glossary, Node, base

GUIDE_DIR = Path(__file__).resolve().parents[2] / "guide"
REFERENCE_PATH = GUIDE_DIR / "reference.md"
TROUBLESHOOTING_PATH = GUIDE_DIR / "6-troubleshooting.md"

_NAMED = [
    (base.Id, "id"),
    (base.PartialDate, "date"),
    (base.Text, "Markdown text"),
    (base.Label, "one line of text"),
    (base.Number, "number as printed"),
]


def _anchor(model: type) -> str:
    return model.__name__.lower()


def _is_node(tp: Any) -> bool:
    return isinstance(tp, type) and issubclass(tp, Node)


def _describe(tp: Any, found: list[type]) -> str:
    """A field's kind in plain words; models it refers to are appended to ``found``."""
    for named, words in _NAMED:
        if tp is named:
            return words
    origin = get_origin(tp)
    if origin is Union or (hasattr(typing, "UnionType") and origin is getattr(__import__("types"), "UnionType", None)):
        parts = [arg for arg in get_args(tp) if arg is not type(None)]
        return " or ".join(_describe(part, found) for part in parts)
    if origin is list:
        return "list of " + _describe(get_args(tp)[0], found)
    if origin is Literal:
        return "one of " + ", ".join(f"`{value}`" for value in get_args(tp))
    if origin is typing.Annotated:
        inner = get_args(tp)[0]
        if _is_node(inner):  # an item that may be written as plain text
            return "text, or " + _describe(inner, found)
        return _describe(inner, found)
    if tp is bool:
        return "`true` or `false`"
    if tp is str:
        return "text"
    if tp is int:
        return "a whole number"
    if _is_node(tp):
        if tp not in found:
            found.append(tp)
        return f"[{tp.__name__}](#{_anchor(tp)})"
    return str(tp)  # pragma: no cover - a kind this guide does not know yet: visible, not hidden


def _attribute_docs(model: type) -> dict[str, str]:
    """The docstrings written under each field in the model's source (they win over a kind's description)."""
    docs: dict[str, str] = {}
    for cls in reversed(model.__mro__):
        if not (isinstance(cls, type) and issubclass(cls, Node)):
            continue
        body = ast.parse(inspect.getsource(cls)).body[0].body
        for first, second in zip(body, body[1:]):
            if (isinstance(first, ast.AnnAssign) and isinstance(first.target, ast.Name)
                    and isinstance(second, ast.Expr) and isinstance(second.value, ast.Constant)
                    and isinstance(second.value.value, str)):
                docs[first.target.id] = inspect.cleandoc(second.value.value)
    return docs


def _cell(text: str) -> str:
    """One table cell: a single line, pipes escaped, and `<` outside code shown rather than read as HTML."""
    parts = " ".join(text.split()).replace("|", "\\|").split("`")
    return "`".join(part if i % 2 else part.replace("<", "&lt;") for i, part in enumerate(parts))


def _model_section(model: type, found: list[type]) -> list[str]:
    hints = typing.get_type_hints(model, include_extras=True)
    docs = _attribute_docs(model)
    doc = " ".join((model.__doc__ or "").split())
    lines = [f"## {model.__name__}", "", doc, "", "| Key | Required | Kind | What it is |", "|---|---|---|---|"]
    # `review` is on every part (model/base.py): last in each table, after the part's own keys.
    for name, info in sorted(model.model_fields.items(), key=lambda field: field[0] == base.REVIEW_KEY):
        kind = _describe(hints[name], found)
        default = None if info.is_required() else info.get_default(call_default_factory=True)  # [] from no_items
        if info.is_required():
            required = "**yes**"
        elif default not in (None, [], False) and not isinstance(default, Node):
            required = f"no (default `{default}`)"
        else:
            required = "no"
        lines.append(f"| `{name}` | {required} | {_cell(kind)} | {_cell(docs.get(name) or info.description or '')} |")
    return lines + [""]


def reference_markdown() -> str:
    """The field reference: every part of the compact format, starting from the top of a compact file."""
    out = [
        "<!-- GENERATED by `python -m compact_site.cli.guide_reference --write` from compact_site/model/. -->",
        "<!-- Do not edit by hand: tests/test_guide.py fails when this file differs from the code. -->",
        "",
        "# Field reference",
        "",
        "Every key a compact file may contain, generated from the program itself, so it is always complete.",
        "A compact file is a [Compact](#compact); the parts inside it follow. **Required** keys must be present;",
        "leave out any other key you do not need. Kinds:",
        "",
        "- **id**: lower-case letters and digits joined by single `.` or `-` (`2.1`, `s4-vcs-1`). Chosen once,",
        "  never changed. Quote ids that look like numbers: `id: \"2.1\"`.",
        "- **date**: `2011`, `2011-07` or `2011-07-14`, as precise as the source allows.",
        "- **one line of text**: a heading, a name or a label.",
        "- **Markdown text**: paragraphs (separated by a blank line), lists, **bold**, links, cross-references",
        "  such as `[[2.1]]`. HTML is shown as typed, never run.",
        "- **number as printed**: the number beside it in your document; it may change later, unlike the id.",
        "",
        "The site-wide glossary, `content/glossary.yml`, is a [Glossary](#glossary) on its own.",
        "",
        "Any part may carry `review:`, a list of things to check before publishing (the importer writes one",
        "for each guess it makes). Each is a warning (CS107), so the site is not published while any is left:",
        "check it against your document, then delete it. Only in `dates`, `review` is the review date.",
        "",
    ]
    for model in reference_models():
        out.extend(_model_section(model, []))
    return "\n".join(out).rstrip("\n") + "\n"


def reference_models() -> list[type]:
    """Every model the reference documents, each followed by the parts inside it (depth first)."""
    order: list[type] = []

    def visit(model: type) -> None:
        order.append(model)
        hints = typing.get_type_hints(model, include_extras=True)
        for name in model.model_fields:
            inside: list[type] = []
            _describe(hints[name], inside)
            for child in inside:
                if child not in order:
                    visit(child)

    visit(Compact)
    if Glossary not in order:  # pragma: no cover - the glossary is part of a compact today
        visit(Glossary)
    return order


def troubleshooting_markdown() -> str:
    """The troubleshooting page: how to read a problem, then every error code with its fix."""
    out = [
        "<!-- GENERATED by `python -m compact_site.cli.guide_reference --write` from compact_site/errors.py. -->",
        "<!-- Do not edit by hand: tests/test_guide.py fails when this file differs from the code. -->",
        "",
        "# 6. Troubleshooting",
        "",
        "[Guide contents](README.md)",
        "",
        "When something is wrong, `./dev validate` (or `./dev build`) lists **every** problem, not just the",
        "first. Each one looks like this:",
        "",
        "```text",
        "content/northtown.yml:42: clause '3.1': duplicate id (first at line 17) [CS201]",
        "    fix: Give each its own id. Ids never change once published, so rename the one added last.",
        "```",
        "",
        "- `content/northtown.yml:42` is the file and the line to look at. Open the file and go to that line",
        "  (in VS Code: Ctrl+G, then type the number).",
        "- `clause '3.1'` says which part of the compact it is about.",
        "- `[CS201]` is the error code. Find it in the table below.",
        "- `fix:` says what to do.",
        "",
        "An **error** stops the build: nothing is published until you fix it. A **warning** also stops",
        "`./dev build`, because the site is built in strict mode, so that a broken link is never published.",
        "",
        "Fix the first problem in a file first: one mistake (such as a missing quote) can cause the ones after it.",
        "Then run `./dev validate` again.",
        "",
        "## Problems that are not in the table",
        "",
        "- **`command not found: compact-site`**: type `.venv/bin/compact-site` instead, from the project folder,",
        "  or run `./dev build` once to set things up.",
        "- **`./dev: Permission denied`**: run `bash dev build` instead, or `chmod +x dev` once.",
        "- **The preview does not change**: `./dev serve` rebuilds when you save. If a problem stops the rebuild,",
        "  the terminal shows it; fix it and save again.",
        "",
        f"## Every error code ({len(CATALOGUE)})",
        "",
        catalogue_markdown().rstrip("\n"),
    ]
    return "\n".join(out) + "\n"


GENERATED = {REFERENCE_PATH: reference_markdown, TROUBLESHOOTING_PATH: troubleshooting_markdown}


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m compact_site.cli.guide_reference",
                                     description="Write or check the generated pages of guide/.")
    mode = parser.add_mutually_exclusive_group(required=True)
    mode.add_argument("--write", action="store_true", help="rewrite the generated pages")
    mode.add_argument("--check", action="store_true", help="exit 1 if a generated page is out of date")
    args = parser.parse_args(argv)
    stale = []
    for path, make in GENERATED.items():
        text = make()
        current = path.read_text(encoding="utf-8") if path.exists() else None
        if current == text:
            continue
        if args.write:
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_text(text, encoding="utf-8")
            print(f"wrote {path}")
        else:
            stale.append(path)
    for path in stale:
        print(f"{path} is out of date: run python -m compact_site.cli.guide_reference --write", file=sys.stderr)
    return 1 if stale else 0


if __name__ == "__main__":
    sys.exit(main())
