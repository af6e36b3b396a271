"""Page fragments: the HTML structure around author text, as Jinja templates a site can override.

The fragments ship in ``compact_site/templates/compact-site/`` (:data:`FRAGMENTS` names each one; the guide's
"Page fragments" page is their contract). :class:`Fragments` finds a fragment in the site's own template
folders first (the plugin passes the theme's folders, its ``custom_dir`` first), then in the package, so a
council overrides ``clause-body.html`` by placing ``compact-site/clause-body.html`` in its ``custom_dir``.
Autoescaped, with ``StrictUndefined``: author text arrives only as :class:`~markupsafe.Markup` made by the text
pipeline (:mod:`.text`), everything else is escaped. Compiled once per build; imports nothing from MkDocs.

A generated page's Markdown holds a placeholder comment where a fragment's HTML goes (headings, prose, tables and
footnotes stay Markdown, so MkDocs' table of contents and search still come from MkDocs); :func:`splice` puts the
HTML in after Markdown. Why not HTML inside the Markdown: a compact page is mostly clause blocks, and each cost
Python-Markdown's ``md_in_html`` ~90 ms a page, 35 s for a national register. Links in fragments are final URLs
(MkDocs does not rewrite or check raw HTML): :func:`hrefs` lists them for the plugin's own check.
"""
from __future__ import annotations

import re
from importlib import resources
from pathlib import Path
from typing import Callable, Iterable, Mapping, Optional, Sequence

from jinja2 import BaseLoader, ChoiceLoader, Environment, FileSystemLoader, StrictUndefined, Template, \
    TemplateError, TemplateNotFound, TemplateSyntaxError
from markupsafe import Markup

FOLDER = "compact-site"  # fragments live in this folder of a template directory
FRAGMENTS = {
    "compact-header.html": "under a compact's title: the summary list of its status, dates and editions, and its "
                           "actions",
    "contents.html": "under a compact's header: the list of its main headings",
    "downloads.html": "a compact's downloads, each with its format in words and its size, and other formats",
    "accessible-format.html": "how to ask for a compact, form or register in another format",
    "clause.html": "a clause on its compact's page: its body, copy-link button, 'Referenced by' and similar list",
    "clause-body.html": "one clause's number, title and text (and on its identifier page its notes)",
    "clause-tools.html": "what follows a clause's text on its compact's page: copy link, 'Referenced by', similar list",
    "copy-link.html": "the button that copies a clause's identifier URL",
    "similar.html": "the collapsed list of similar clauses in other compacts",
    "party-heading.html": "the heading of a party's undertakings ('The VCS will:')",
    "procedure-steps.html": "the numbered stages of a procedure, each citable like a clause",
    "withdrawn.html": "a withdrawn clause on its compact's page",
    "edition-banner.html": "on a past edition's page: 'This is not the current edition', linking the current one",
    "edition-clause.html": "a clause on a past edition's page: its body, and links to its current form and history",
    "register-table.html": "one sector's table on a compact's register page",
    "compact-register.html": "the home page's table of every compact, with its filters and sort buttons",
    "site-register.html": "the filterable table of every signatory, partner and steering-group member",
    "used-in.html": "a glossary term's 'Used in' links",
    "glossary-section.html": "a compact's own glossary on its page: each term's heading and definition",
    "glossary-source.html": "on the site-wide glossary, the compact a definition comes from ('In the ... Compact:')",
    "identifier-page.html": "the page at a clause's identifier URL (a whole HTML document)",
    "tombstone.html": "the page left at a withdrawn clause's identifier URL (a whole HTML document)",
    "redline.html": "a word-level redline between two wordings of a clause",
    "clause-history.html": "the page at a clause's history address, through the editions (a whole HTML document)",
    "edition-changes.html": "on a compact's changes page, what changed from one edition to another",
    "edition-picker.html": "on a compact's changes page, the two selects that pick any two editions to compare",
    "recent-changes.html": "the site's list of recent changes: editions, new compacts, signatories",
}


class FragmentError(Exception):
    """A fragment that cannot be compiled or rendered (a mistake in a site's own copy), located at its line."""


def _located(error: TemplateError) -> str:
    """``file:line: message`` for a template's error: a syntax error says where; a fault while rendering is found
    in the traceback, whose frames Jinja gives the template's file and line."""
    if isinstance(error, TemplateSyntaxError):
        return f"{error.filename or error.name}:{error.lineno}: {error.message}"
    where = None
    trace = error.__traceback__
    while trace is not None:
        if trace.tb_frame.f_code.co_filename.endswith(".html"):
            where = f"{trace.tb_frame.f_code.co_filename}:{trace.tb_lineno}"
        trace = trace.tb_next
    return f"{where or 'a page fragment'}: {error}"


class Block(Markup):
    """A fragment's HTML, knowing which fragment made it (``fragment``: its name), for the link check.

    A block made by :meth:`Fragments.render_later` also knows how to render itself again once the sizes of
    files made elsewhere are known (``later``); until then it holds the HTML without them, whose ids and links
    are the same."""

    fragment: str = ""
    later: Optional[Callable[[Mapping[str, int]], dict]] = None  # plain data when its page is made in a worker

    def finished(self, sizes: Mapping[str, int], fragments: "Fragments") -> "Block":
        """This block with the files' sizes (path -> bytes), rendered by ``fragments``; itself when it needs none."""
        if self.later is None:
            return self
        return fragments.render(self.fragment, **self.later(sizes))


def package_folder() -> Path:
    """The package's own template folder (``compact_site/templates``)."""
    return Path(str(resources.files("compact_site").joinpath("templates")))


# An include costs a new context and a template lookup per render (12 of a clause block's 31 µs, 32,000 times a
# national build), so the rendering copy of each fragment has the fragments it includes written into it.
_INCLUDE_RE = re.compile(r'(^[ \t]*)?\{% include "' + FOLDER + r'/([\w.-]+)" %\}(\n)?', re.M)
_SCOPED_RE = re.compile(r"\{%[-+]?\s*(?:set|macro|import|from|extends|block|call)\b")
_GUARD = "{{ '' }}"  # outputs nothing; keeps Jinja's whitespace control from reaching across the seam


def inline_includes(source: str, included: Callable[[str], str | None], depth: int = 0) -> str:
    """``source`` with each ``{% include "compact-site/NAME" %}`` replaced by NAME's text, rendering the same.
    The tag's own whitespace handling is done here (lstrip_blocks: spaces before it on its line; trim_blocks:
    the newline after it), the included text loses the one trailing newline Jinja drops from a template, and
    guards stop its edges meeting the text around. A fragment that sets or defines names (its scope would leak)
    or cannot be found stays an include."""
    def expand(match: re.Match) -> str:
        body = included(match[2]) if depth < 8 else None
        if body is None or _SCOPED_RE.search(body):
            return match[0]
        body = body[:-1] if body.endswith("\n") else body
        return _GUARD + inline_includes(body, included, depth + 1) + _GUARD
    return _INCLUDE_RE.sub(expand, source)


def _newlines(source: str) -> str:
    return source.replace("\r\n", "\n").replace("\r", "\n")


class _Inlining(BaseLoader):
    """The fragments' loader, with their includes written in (:func:`inline_includes`)."""

    def __init__(self, loader: BaseLoader) -> None:
        self.loader = loader

    def get_source(self, environment, template):
        source, filename, uptodate = self.loader.get_source(environment, template)

        def included(name: str) -> str | None:
            try:
                return _newlines(self.loader.get_source(environment, f"{FOLDER}/{name}")[0])
            except TemplateNotFound:
                return None
        return inline_includes(_newlines(source), included), filename, uptodate


class Fragments:
    """The fragment templates of one build: the site's template folders first (``search_path``), then the
    package's. Each template is compiled once and kept."""

    def __init__(self, search_path: Sequence[str | Path] = ()) -> None:
        self.search_path = [str(folder) for folder in search_path if folder]
        loaders = [FileSystemLoader(self.search_path)] if self.search_path else []
        loader = ChoiceLoader(loaders + [FileSystemLoader(str(package_folder()))])
        self.environment = self._environment(loader)  # the fragments as written: checked, and errors located
        self._inlined = self._environment(_Inlining(loader))  # the same, includes written in: rendered
        self._templates: dict[str, Template] = {}
        self._rendering: dict[str, Template] = {}

    @staticmethod
    def _environment(loader: BaseLoader) -> Environment:
        environment = Environment(loader=loader, autoescape=True, undefined=StrictUndefined, auto_reload=False,
                                  cache_size=-1,  # a plain dict: an include looks its template up there
                                  trim_blocks=True, lstrip_blocks=True)
        # No globals (Jinja's range, dict, namespace...): a fragment sees only the variables it is given, and every
        # render merges the globals into its context, which at 32,000 clause blocks a build costs about a second.
        environment.globals.clear()
        return environment

    def template(self, name: str) -> Template:
        found = self._templates.get(name)
        if found is None:
            try:
                found = self._templates[name] = self.environment.get_template(f"{FOLDER}/{name}")
            except TemplateError as error:
                raise FragmentError(_located(error)) from None
        return found

    def check(self) -> None:
        """Compile every fragment now: a syntax error in a site's copy stops the build before anything is made."""
        for name in FRAGMENTS:
            self.template(name)

    def _renderer(self, name: str) -> Template:
        """Fragment ``name`` with its includes written in (the fragment as written if that does not compile)."""
        found = self._rendering.get(name)
        if found is None:
            try:
                found = self._inlined.get_template(f"{FOLDER}/{name}")
            except TemplateError:
                found = self.template(name)
            self._rendering[name] = found
        return found

    def render(self, name: str, **context) -> Block:
        """Fragment ``name`` (e.g. ``clause.html``) filled with ``context``."""
        try:
            block = Block(self._renderer(name).render(context))
        except TemplateError:
            try:  # again as written, so that the error names the fragment's own file and line
                block = Block(self.template(name).render(context))
            except TemplateError as error:
                raise FragmentError(_located(error)) from None
        block.fragment = name
        return block

    def render_later(self, name: str, context_for: Callable[[Mapping[str, int]], dict]) -> Block:
        """Fragment ``name`` filled with ``context_for({})`` now (no sizes known), and again with the sizes of the
        files made meanwhile (path -> bytes) by :func:`finish` when its page is spliced."""
        block = self.render(name, **context_for({}))
        block.later = context_for
        return block

    def filename(self, name: str) -> str:
        """The file fragment ``name`` is read from (the site's own, or the package's)."""
        return self.template(name).filename or name

    def overridden(self) -> list[str]:
        """The fragments a site folder overrides (for the build log), as paths."""
        return [str(Path(folder) / FOLDER / name) for name in FRAGMENTS for folder in self.search_path
                if (Path(folder) / FOLDER / name).is_file()]


_default: Fragments | None = None


def package_fragments() -> Fragments:
    """The package's fragments alone (no site folders): for pages rendered outside a site build."""
    global _default
    if _default is None:
        _default = Fragments()
    return _default


# A searched block stands for a paragraph: no blank line after it, as Markdown writes a paragraph (raw HTML gets one).
_PLACEHOLDER_RE = re.compile(r"<!--compact-fragment ([\d ]+)(?:-->|( searched)-->(?:\n(?=\n))?)")
# A run of placeholders of one kind (searched or not: the group is empty or " searched", and each must repeat it).
_RUN_RE = re.compile(r"<!--compact-fragment [\d ]+((?: searched)?)-->\n\n(?:<!--compact-fragment [\d ]+\1-->\n\n)+")
_ID_RE = re.compile(r' id="([^"]+)"')  # a literal start: the regex engine skips ahead to it (50 MB at 400 compacts)
_HREF_RE = re.compile(r'href="([^"]*)"')  # data-href too: the copy button's link is a link


def placeholder(number: int, searched: bool = False) -> str:
    """The Markdown line standing for fragment ``number`` (an HTML comment: Markdown passes it through).
    ``searched``: the block goes in before Material's search reads the page even on a page whose other blocks
    go in after it (a glossary's "In the ... Compact:" lines are searched, its "Used in" lists are not)."""
    return f"<!--compact-fragment {number}{' searched' if searched else ''}-->"


def merge_placeholders(page_markdown: str) -> str:
    """One placeholder per run of consecutive blocks, searched or not (a run of searched ones reads as the
    paragraphs it joins): Markdown handles each raw-HTML line at some cost (the site glossary of 400 compacts
    had 8,000, half a second)."""
    return _RUN_RE.sub(lambda m: "<!--compact-fragment " + " ".join(re.findall(r"\d+", m[0])) + m[1] + "-->\n\n",
                       page_markdown)


def splice(page_html: str, blocks: Sequence[str], searched_only: bool = False) -> str:
    """The page's HTML with every placeholder replaced by its blocks (``searched_only``: only the placeholders
    made with ``searched``, the others left for later)."""
    if not blocks:
        return page_html
    if searched_only:
        return _PLACEHOLDER_RE.sub(lambda m: "\n".join(blocks[int(n)] for n in m[1].split()) if m[2] else m[0],
                                   page_html) if " searched-->" in page_html else page_html
    return _PLACEHOLDER_RE.sub(lambda m: "\n".join(blocks[int(n)] for n in m[1].split()), page_html)


def finish(blocks: Sequence[str], sizes: Callable[[], Mapping[str, int]], fragments: "Fragments") -> Sequence[str]:
    """The blocks, those rendered for later (:meth:`Fragments.render_later`) rendered again by ``fragments`` with
    ``sizes()``, which is called only when one is: in a large build it waits for the worker making the
    downloads."""
    if not any(getattr(block, "later", None) for block in blocks):
        return blocks
    known = sizes()
    return tuple(block.finished(known, fragments) if isinstance(block, Block) else block for block in blocks)


def anchor_ids(blocks: Iterable[str]) -> set[str]:
    """Every ``id`` in the blocks (clause anchors and the old anchors of moved clauses)."""
    return {found for block in blocks for found in _ID_RE.findall(block)}


def hrefs(blocks: Iterable[str]) -> set[str]:
    """Every ``href`` in the blocks, unescaped as a browser reads it."""
    from html import unescape

    return {unescape(found) if "&" in found else found for found in set(_HREF_RE.findall("".join(blocks)))}
