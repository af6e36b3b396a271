"""Page fragments: the templates behind clauses, registers and identifier pages, which a site can override.

The guide's page of fragments is their contract with councils: it must name every fragment file and what each
receives. A fragment in the theme's ``custom_dir`` replaces the plugin's, and its links are checked (CS412).
"""
from __future__ import annotations

import logging
import re
import shutil
from collections import defaultdict
from pathlib import Path

import pytest
from mkdocs.exceptions import Abort

from compact_site.content.loader import parse_compact
from compact_site.content.site_loader import load_content
from compact_site.core.context import BuildContext
from compact_site.pages.edition_history import history_files
from compact_site.pages.listing import identifier_pages, site_pages
from compact_site.render.fragments import FOLDER, FRAGMENTS, Fragments, package_folder, placeholder, splice

from .conftest import ROOT
from .test_site_build import MINIMAL, build_site, make_project

GUIDE = ROOT / "guide" / "7-page-fragments.md"
EDITIONS = ROOT / "tests" / "fixtures" / "editions" / "content"
SHIPPED = package_folder() / FOLDER
WITHDRAWN = MINIMAL + """withdrawn:
  - id: "1.2"
    number: "1.2"
    date: 2025-03-14
    reason: Merged into [[1.1]].
"""
INCLUDE_RE = re.compile(r'\{%-?\s*include\s+"compact-site/([^"]+)"')


def guide_rows() -> dict[str, list[str]]:
    """Fragment name -> the variables the guide says it receives."""
    rows = re.findall(r"^\| `([\w.-]+\.html)` \| [^|]+ \| ([^|]+) \|$", GUIDE.read_text(encoding="utf-8"), re.M)
    return {name: re.findall(r"`(\w+)`", receives) for name, receives in rows}


def test_the_guide_lists_every_fragment_file():
    files = {path.name for path in SHIPPED.glob("*.html")}
    assert set(guide_rows()) == files == set(FRAGMENTS)
    assert "](7-page-fragments.md)" in (ROOT / "guide" / "README.md").read_text(encoding="utf-8")


def test_the_guide_names_what_each_fragment_receives(monkeypatch, loaded_content):
    """Every variable the code gives a fragment is in the guide, and nothing more; a fragment that is only
    included receives what a fragment including it does."""
    received: dict[str, set[str]] = defaultdict(set)
    render = Fragments.render

    def recording(self, name, **context):
        received[name] |= set(context)
        return render(self, name, **context)

    monkeypatch.setattr(Fragments, "render", recording)
    withdrawn, problems = parse_compact(WITHDRAWN.replace("slug: minimal", "slug: gone"), "gone.yml", "gone")
    assert withdrawn is not None, problems
    worked = load_content([EDITIONS])  # a compact with past editions: their pages' fragments too
    compacts = [*loaded_content.compacts, withdrawn, *worked.compacts]
    context = BuildContext(compacts, loaded_content.glossary, frozen=worked.frozen())
    site_pages(context, {}, True)
    identifier_pages(context, "Site", samples=True)
    history_files(context, "Site", samples=True)
    includers = defaultdict(set)
    for path in SHIPPED.glob("*.html"):
        for included in INCLUDE_RE.findall(path.read_text(encoding="utf-8")):
            includers[included].add(path.name)
    def receives(name: str) -> list[set[str]]:
        """What a fragment receives: its own context, or, when it is only included, what each includer does."""
        return [received[name]] if name in received else [
            context for parent in includers[name] for context in receives(parent)]
    for name, listed in guide_rows().items():
        if name in received:
            assert set(listed) == received[name], name
        else:
            assert any(set(listed) <= context for context in receives(name)), name


def _theme(tmp_path: Path, fragments: dict[str, str]) -> Path:
    """A custom_dir holding the given fragments (name -> template text)."""
    theme = tmp_path / "theme"
    (theme / FOLDER).mkdir(parents=True)
    for name, text in fragments.items():
        (theme / FOLDER / name).write_text(text, encoding="utf-8")
    return theme


def _project(tmp_path: Path, theme: Path, compacts: dict[str, str] | None = None) -> Path:
    config = make_project(tmp_path, compacts if compacts is not None else {"minimal.yml": MINIMAL})
    config.write_text(config.read_text(encoding="utf-8").replace("  font: false\n",
                                                                 f"  font: false\n  custom_dir: {theme}\n"))
    return config


def test_a_fragment_in_the_custom_dir_replaces_the_plugins(tmp_path):
    body = ('{% if standalone %}<div class="council-clause">{{ clause.text }}</div>\n'
            '{% else %}<p class="council-clause">{{ clause.number }} {{ clause.text.lead }}</p>\n{% endif %}')
    site = build_site(_project(tmp_path, _theme(tmp_path, {"clause-body.html": body})), strict=True)
    page = (site / "minimal" / "index.html").read_text(encoding="utf-8")
    assert '<p class="council-clause">1.1 Work together.</p>' in page
    assert 'class="compact-copy"' in page  # the fragments not overridden stay the plugin's
    identifier = (site / "minimal" / "clause" / "1.1" / "index.html").read_text(encoding="utf-8")
    assert '<div class="council-clause"><p>Work together.</p></div>' in identifier


def test_fragments_come_from_the_search_path_first(tmp_path):
    theme = _theme(tmp_path, {"used-in.html": "<p>{{ links | length }} uses</p>"})
    fragments = Fragments([tmp_path / "missing", theme])
    assert fragments.render("used-in.html", links=[1, 2]) == "<p>2 uses</p>"
    assert fragments.filename("used-in.html") == str(theme / FOLDER / "used-in.html")
    assert fragments.filename("similar.html") == str(SHIPPED / "similar.html")
    assert fragments.overridden() == [str(theme / FOLDER / "used-in.html")]
    with pytest.raises(Exception, match="nope"):  # StrictUndefined: a misspelt variable stops the render
        Fragments([_theme(tmp_path / "t2", {"used-in.html": "{{ nope }}"})]).render("used-in.html", links=[])


@pytest.mark.parametrize("text, line, message", [
    ("<p>\n{{ clause.text }\n</p>", 2, "unexpected '}'"),
    ("<p>\n\n{{ clause.titel }}</p>", 3, "has no attribute 'titel'"),
])
def test_a_mistake_in_a_councils_fragment_stops_the_build_naming_file_and_line(tmp_path, caplog, text, line, message):
    theme = _theme(tmp_path, {"clause-body.html": text})
    with caplog.at_level(logging.ERROR), pytest.raises(Abort):
        build_site(_project(tmp_path, theme))
    assert f"{theme / FOLDER / 'clause-body.html'}:{line}: " in caplog.text and message in caplog.text
    assert "Traceback" not in caplog.text


def test_a_dangling_link_in_a_fragment_fails_the_strict_build(tmp_path, caplog):
    clause = (SHIPPED / "clause.html").read_text(encoding="utf-8").replace(
        "</div>", '<a href="../nowhere/">a</a> <a href="#clause-9.9">b</a> <a href="../">home</a>\n</div>')
    identifier = (SHIPPED / "identifier-page.html").read_text(encoding="utf-8").replace(
        "</main>", '<a href="../../../missing.csv">data</a>\n</main>')
    theme = _theme(tmp_path, {"clause.html": clause, "identifier-page.html": identifier})
    with caplog.at_level(logging.WARNING), pytest.raises(Abort):
        build_site(_project(tmp_path, theme), strict=True)
    line = clause.splitlines().index(next(x for x in clause.splitlines() if "../nowhere/" in x)) + 1
    shown = f"theme/{FOLDER}/clause.html:{line}"  # the fragment's file, from the folder of mkdocs.yml
    assert f"{shown}: on 'minimal/index.md': link '../nowhere/' goes to no page or file of the site [CS412]" \
        in caplog.text
    assert f"{shown}: on 'minimal/index.md': link '#clause-9.9' goes to 'minimal/index.md', which has no anchor '#clause-9.9'" \
        in caplog.text
    assert "link '../../../missing.csv' goes to no page or file of the site [CS412]" in caplog.text
    assert "'../'" not in caplog.text  # the home page is there
    assert "fix: Correct the `href` in the fragment named" in caplog.text


def test_a_copy_of_every_fragment_builds_the_same_site(tmp_path):
    """Copying the fragments into custom_dir (the first step of overriding one) changes nothing."""
    theme = tmp_path / "copied"
    shutil.copytree(SHIPPED, theme / FOLDER)
    two = {name: (ROOT / "content" / name).read_text(encoding="utf-8")
           for name in ("sandwell.yml", "wolverhampton.yml", "glossary.yml")}
    (tmp_path / "plain").mkdir(), (tmp_path / "copy").mkdir()
    plain = build_site(make_project(tmp_path / "plain", two), strict=True)
    copied = build_site(_project(tmp_path / "copy", theme, two), strict=True)
    for page in ("sandwell/index.html", "glossary/index.html", "signatories/index.html",
                 "sandwell/signatories/index.html", "wolverhampton/glossary/index.html",
                 "wolverhampton/clause/2.1/index.html"):
        assert (plain / page).read_text(encoding="utf-8") == (copied / page).read_text(encoding="utf-8"), page


class _File:
    """Just what the link check reads of MkDocs' File and Page."""

    def __init__(self, src_uri: str, url: str, ids: set[str] | None = None) -> None:
        self.src_uri, self.url = src_uri, url
        self.page = type("Page", (), {"present_anchor_ids": ids})() if ids is not None else None


def _files(directory_urls: bool):
    files = [_File("index.md", "./" if directory_urls else "index.html", {"top"}),
             _File("glossary.md", "glossary/" if directory_urls else "glossary.html", {"term-vcs"}),
             _File("sandwell/index.md", "sandwell/" if directory_urls else "sandwell/index.html", {"clause-2.1"}),
             _File("sandwell/clause/2.1/index.html", "sandwell/clause/2.1/" if directory_urls else
                   "sandwell/clause/2.1/index.html"),
             _File("sandwell/signatories.csv", "sandwell/signatories.csv")]
    return type("Files", (), {"src_uris": {f.src_uri: f for f in files}})()


@pytest.mark.parametrize("directory_urls, href, dangles", [
    (True, "clause/2.1/", None),
    (True, "../glossary/#term-vcs", None),
    (True, "../glossary/#term-nope", "goes to 'glossary.md', which has no anchor '#term-nope'"),
    (True, "#clause-2.1", None),
    (True, "#clause-9", "goes to 'sandwell/index.md', which has no anchor '#clause-9'"),
    (True, "../", None),
    (True, "signatories.csv", None),
    (True, "signatories.json", "goes to no page or file of the site"),
    (True, "../../../outside/", "goes to no page or file of the site"),
    (True, "../glossary.md", "goes to no page or file of the site"),  # a Markdown file is not an address
    (True, "../glossary.html", "goes to no page or file of the site"),  # served at glossary/
    (True, "https://example.org/x", None),
    (True, "mailto:team@example.org", None),
    (False, "clause/2.1/index.html", None),
    (False, "../glossary.html#term-vcs", None),
    (False, "../index.html#top", None),
    (False, "../glossary/", "goes to no page or file of the site"),
])
def test_link_check_table(directory_urls, href, dangles):
    from compact_site.pages.fragment_links import FragmentLinks
    from compact_site.render.fragments import Block

    block = Block(f'<a href="{href}">x</a>')
    block.fragment = "clause.html"
    check = FragmentLinks(_files(directory_urls))
    check.check("sandwell/index.md", "sandwell/" if directory_urls else "sandwell/index.html", {"clause-2.1"}, [block])
    assert [reason for (_, _, reason) in check.dangling] == ([dangles] if dangles else [])


def test_searched_blocks_go_in_first_and_read_as_paragraphs():
    """A page whose blocks go in after Material's search still has its searched ones in before it (a glossary's
    "In the ... Compact:" lines); such a block stands for a paragraph, so no blank line follows it."""
    html = f"<h2>T</h2>\n{placeholder(0, searched=True)}\n\n<p>Meaning.</p>\n{placeholder(1)}\n\n<h2>U</h2>"
    blocks = ["<p>In the A:</p>", "<p>Used in</p>"]
    early = splice(html, blocks, searched_only=True)
    assert early == f"<h2>T</h2>\n<p>In the A:</p>\n<p>Meaning.</p>\n{placeholder(1)}\n\n<h2>U</h2>"
    assert splice(early, blocks) == splice(html, blocks) == \
        "<h2>T</h2>\n<p>In the A:</p>\n<p>Meaning.</p>\n<p>Used in</p>\n\n<h2>U</h2>"


def test_runs_of_searched_placeholders_merge_into_one_reading_the_same():
    """Consecutive searched blocks merge into one placeholder, as consecutive others do (never one of each):
    Markdown reads one line instead of many, and the page comes out the same, before search and after."""
    from compact_site.render.fragments import merge_placeholders
    from compact_site.text.to_html import to_html

    lines = ["## T { #t }", placeholder(0, searched=True), placeholder(1, searched=True), placeholder(2),
             placeholder(3, searched=True), "## U { #u }", placeholder(4, searched=True), "Words."]
    page = "\n\n".join(lines) + "\n"
    merged = merge_placeholders(page)
    assert merged.count("<!--") == 4 and "<!--compact-fragment 0 1 searched-->" in merged
    blocks = [f"<p>block {n}</p>" for n in range(5)]
    for searched_only in (True, False):  # as search reads it, then the page
        assert splice(to_html(merged), blocks, searched_only) == splice(to_html(page), blocks, searched_only)
