"""The publishing guide in guide/ cannot drift from the code.

- its generated pages (field reference, troubleshooting) are exactly what the code generates now, and name
  every model field and every error code;
- every `compact-site` command it shows parses with the real command-line parser;
- every complete compact it shows as YAML validates;
- `compact-site import` turns the sample text into a compact that validates.
"""
from __future__ import annotations

import re
import shlex
from pathlib import Path

import pytest
from mkdocs.config.base import BaseConfigOption

from compact_site.cli import guide_reference
from compact_site.cli.main import build_parser, main
from compact_site.content.loader import parse_compact
from compact_site.content.site_loader import load_content
from compact_site.errors import CATALOGUE
from compact_site.model import Node
from compact_site.plugin.config import CompactConfig

ROOT = Path(__file__).resolve().parent.parent
GUIDE = ROOT / "guide"
SAMPLE = ROOT / "tests" / "fixtures" / "import" / "sample.txt"
FENCE = re.compile(r"^( *)```(\w*)\n(.*?)^\1```", re.MULTILINE | re.DOTALL)
PAGES = sorted(GUIDE.glob("*.md"))


def _blocks(kind: tuple[str, ...]) -> list[tuple[str, str]]:
    """(page name, block text) for every fenced block of one of these languages, indentation removed."""
    found = []
    for page in PAGES:
        for match in FENCE.finditer(page.read_text(encoding="utf-8")):
            if match.group(2) in kind:
                indent = len(match.group(1))
                text = "\n".join(line[indent:] for line in match.group(3).splitlines())
                found.append((page.name, text))
    return found


def test_the_guide_has_its_pages_and_readme_links_it():
    names = {page.name for page in PAGES}
    assert {"README.md", "1-quick-start.md", "2-write-your-compact.md", "reference.md", "3-from-word-or-pdf.md",
            "4-publish.md", "5-your-own-mkdocs-site.md", "6-troubleshooting.md", "7-page-fragments.md",
            "8-refresh-a-compact.md"} <= names
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    assert "](guide/README.md)" in readme
    first_block = FENCE.search(readme)
    assert first_block and first_block.group(3).splitlines() == [
        "./dev build    # first run sets up .venv; builds the five compacts into site/",
        "./dev test     # first run sets up .venv; runs every test"]


@pytest.mark.parametrize("path", list(guide_reference.GENERATED), ids=lambda p: p.name)
def test_generated_pages_match_the_code(path):
    expected = guide_reference.GENERATED[path]()
    assert path.read_text(encoding="utf-8") == expected, (
        f"{path.name} is out of date: run .venv/bin/python -m compact_site.cli.guide_reference --write")


def test_reference_names_every_model_and_field():
    text = guide_reference.REFERENCE_PATH.read_text(encoding="utf-8")
    sections = dict(re.findall(r"^## (\w+)\n(.*?)(?=^## |\Z)", text, re.MULTILINE | re.DOTALL))
    models = {cls for cls in _subclasses(Node)}
    assert {m.__name__ for m in models} <= set(sections), "a model is missing from the reference"
    for model in models:
        for field_name in model.model_fields:
            assert f"| `{field_name}` |" in sections[model.__name__], f"{model.__name__}.{field_name} missing"


def _subclasses(cls):
    for sub in cls.__subclasses__():
        if sub.__module__.startswith("compact_site.model"):
            yield sub
        yield from _subclasses(sub)


def test_troubleshooting_lists_every_error_code_with_its_fix():
    text = guide_reference.TROUBLESHOOTING_PATH.read_text(encoding="utf-8")
    for entry in CATALOGUE.values():
        row = next((line for line in text.splitlines() if line.startswith(f"| {entry.code} |")), None)
        assert row is not None, f"{entry.code} missing from the troubleshooting page"
        assert entry.fix in row


def test_the_check_mode_agrees():
    assert guide_reference.main(["--check"]) == 0


def _guide_commands() -> list[tuple[str, str]]:
    commands = []
    for page, block in _blocks(("sh", "bash", "")):
        for line in block.splitlines():
            line = line.split(" #")[0].strip()
            if line.startswith(("compact-site ", ".venv/bin/compact-site ")):
                commands.append((page, line))
    return commands


def test_the_guide_shows_commands():
    shown = {line.split()[1] for _, line in _guide_commands()}
    assert {"new", "validate", "import", "signatory", "anchors", "edition"} <= shown


@pytest.mark.parametrize("page,command", _guide_commands(), ids=lambda value: value)
def test_every_command_in_the_guide_parses(page, command):
    argv = shlex.split(command)[1:]
    if argv == ["--help"]:
        return  # prints the help and exits 0: nothing to parse
    build_parser().parse_args(argv)  # argparse exits (SystemExit) on any unknown command or option


def test_complete_examples_in_the_guide_validate():
    complete = [(page, block) for page, block in _blocks(("yaml",)) if re.search(r"^slug: ", block, re.MULTILINE)]
    assert complete, "the guide shows no complete compact"
    for page, block in complete:
        slug = re.search(r"^slug: (\S+)", block, re.MULTILINE).group(1)
        compact, problems = parse_compact(block, f"{page}:{slug}.yml", slug)
        assert compact is not None and not problems, [p.format() for p in problems]


def test_fragments_in_the_guide_use_only_known_keys():
    """Each YAML fragment's keys exist somewhere in the model (catches a misspelt key in an example)."""
    known = {name for model in _subclasses(Node) for name in model.model_fields}
    known |= {name for name, value in vars(CompactConfig).items() if isinstance(value, BaseConfigOption)}
    for page, block in _blocks(("yaml",)):
        for key in re.findall(r"^\s*(?:- )?([a-z_]+):(?:\s|$)", block, re.MULTILINE):
            assert key in known | {"site_name", "site_url", "use_directory_urls", "theme", "name", "plugins",
                                   "compact", "content_dir", "intranet", "exclude_docs", "site_dir", "INHERIT",
                                   "custom_dir"}, (page, key)


def test_import_drafts_a_compact_that_validates(tmp_path, capsys):
    assert main(["import", str(SAMPLE), "--slug", "riverford", "--dir", str(tmp_path)]) == 0
    written = tmp_path / "riverford.yml"
    text = written.read_text(encoding="utf-8")
    loaded = load_content([tmp_path])
    assert not loaded.errors, [p.format() for p in loaded.errors]
    # every guess is a review entry: a warning (so a strict build refuses the draft) until the author deletes it
    assert loaded.warnings and {p.code for p in loaded.warnings} == {"CS107"}
    compact = loaded.compacts[0]
    assert compact.title == "Riverford Compact"
    assert [s.title for s in compact.undertakings.sections] == ["Working together", "Funding"]
    assert [c.id for c in compact.clauses()] == ["1.1", "1.2", "2.1", "2.2", "s1-statutory-1", "s1-statutory-2",
                                                  "2.3", "2.4", "2.5"]
    first = compact.undertakings.sections[0]
    assert first.clauses[0].text == "All partners will meet at least twice a year to review how the compact is working."
    assert [(g.party, g.heading) for g in first.groups] == [("vcs", "Undertakings for VCS:"),
                                                            ("statutory", "The Statutory Sector will:")]
    assert [t.term for t in compact.glossary.terms] == ["VCS", "Compact champion"]
    assert [(s.name, s.role, s.organisation) for s in compact.signatories.items] == [
        ("Jo Bloggs", "Chief Executive", "Riverford Borough Council"), ("Sam Smith", "Director", "Riverford CVS")]
    assert "clause 2.1 is under section 1: check where it belongs" in text  # unsure: says so, for review
    assert text.startswith("# yaml-language-server: $schema=../compact_site/schema/compact.schema.json\n")
    assert main(["import", str(SAMPLE), "--slug", "riverford", "--dir", str(tmp_path)]) == 2  # never overwrites
    assert "already exists" in capsys.readouterr().err


def test_import_stdout_and_odd_text(tmp_path, capsys):
    odd = tmp_path / "odd.txt"
    odd.write_text("Title: with a colon # and a hash\n\n1.1 A clause before any section: \"quoted\" [x] {y}\n"
                   "\n7. Empty section\n\nThe VCS will:\n", encoding="utf-8")
    assert main(["import", str(odd), "--stdout"]) == 0
    out = capsys.readouterr().out
    compact, problems = parse_compact(out, "odd.yml", "odd")
    assert compact is not None and not [p for p in problems if p.severity == "error"], [p.format() for p in problems]
    assert compact.title == "Title: with a colon # and a hash"
    assert "review:" in out and "This section has no text yet" not in out
