"""The links in page fragments, checked against the built site: MkDocs checks the links of Markdown only, never
those of raw HTML, and a council's own fragment (in its theme's ``custom_dir``) may hold any link.

Every relative ``href`` of a fragment must name a page or file of the site and, when it has an anchor
(``#clause-4.2``), an id of that page (the ids MkDocs saw in its Markdown, and those of its fragments). Checked
once every page is read (``on_env``); each dangling link is one CS412 warning naming the fragment's file, the
line holding the link when the file has it as written, and how many pages carry it, so ``--strict`` fails.
"""
from __future__ import annotations

import posixpath
import re
from pathlib import Path
from typing import Sequence
from urllib.parse import unquote

from compact_site.errors import Problem
from compact_site.render.fragments import hrefs

_NOT_CHECKED = re.compile(r"^(?:[a-zA-Z][a-zA-Z0-9+.-]*:|//)")  # another site, mailto:, tel:, javascript:...


def folder_of(url: str) -> str:
    """The folder a relative link starts from, for a page or file at ``url`` (as MkDocs writes it)."""
    url = unquote(url)
    if url in ("", "./"):
        return ""
    return url.rstrip("/") if url.endswith("/") else posixpath.dirname(url)


def _sources(url: str) -> list[tuple[str, str | None]]:
    """Where a file served at ``url`` (relative to the site's root, '' for the home page) comes from: (source
    path, the URL to confirm for a Markdown page, else None)."""
    if url == "" or url.endswith("/"):
        return [(f"{url}index.md", url or "./"), (f"{url}README.md", url or "./"), (f"{url}index.html", None)] + (
            [(f"{url[:-1]}.md", url)] if url else [])
    if url.endswith(".html"):
        pages = [(f"{url[:-5]}.md", url)] + ([(f"{url[:-10]}README.md", url)] if url.endswith("index.html") else [])
        return pages + [(url, None)]
    return [(url, url if url.endswith(".md") else None)]  # a Markdown file is served at its page's URL, not here


_UNSEEN = object()


def _resolved(folder: str, plain: str) -> str | None:
    """A relative link's path from the site's root (``folder``: where the link starts), "" for the root; None
    when it leaves the site."""
    if plain.startswith("../") and "/." not in plain[2:] and "//" not in plain and folder:
        # The common case, another compact's page from a compact's own ("../other/"): no normpath needed.
        up, rest = 0, plain
        while rest.startswith("../"):
            up, rest = up + 1, rest[3:]
        parts = folder.split("/")
        if up <= len(parts) and not rest.startswith(".") and "." not in parts and ".." not in parts and "" not in parts:
            parent = "/".join(parts[:len(parts) - up])
            return f"{parent}/{rest}" if parent else rest
    if plain.startswith(("/", ".")) or "/." in plain or "//" in plain:  # resolve "..", "." and "/"
        joined = plain.lstrip("/") if plain.startswith("/") else posixpath.join(folder, plain)
        normal = posixpath.normpath(joined) if joined else "."
        return None if normal.startswith("..") else "" if normal == "." else \
            normal + ("/" if plain.endswith("/") else "")
    return f"{folder}/{plain}" if folder else plain  # the common case, such as clause/4.2/: below the page's folder


class FragmentLinks:
    """The site's files by URL, and the dangling links found so far (one entry per fragment and link)."""

    def __init__(self, files) -> None:
        self.by_source = files.src_uris  # looked up by source path: computing every file's URL would cost more
        self._targets: dict[tuple[str, str], object] = {}  # (folder, path) -> the file it leads to, or None
        self._files: dict[str | None, object] = {}  # resolved path (see _resolved) -> the file there, or None
        self._ids: dict[str, set[str] | None] = {}  # src_uri -> the ids of that page (None: not a page)
        self.dangling: dict[tuple[str, str, str], list] = {}  # (fragment, href, reason) -> [page, count]

    def _target(self, folder: str, path: str):
        key = (folder, path)
        if key in self._targets:
            return self._targets[key]
        normal = _resolved(folder, unquote(path) if "%" in path else path)
        # Keyed by the resolved path too: every compact's page links the others' clauses ("../other/#clause-4.2"),
        # the same file from a different folder (140,000 links at 400 compacts, 800 files).
        found = self._files.get(normal, _UNSEEN)
        if found is _UNSEEN:
            found = self._files[normal] = None if normal is None else next(filter(None, map(self._file, _sources(normal))), None)
        self._targets[key] = found
        return found

    def _file(self, candidate: tuple[str, str | None]):
        """The file at a source path; for a page, only if MkDocs serves it at the URL looked for."""
        src_uri, url = candidate
        found = self.by_source.get(src_uri)
        if found is not None and url is not None and found.url.rstrip("/") != url.rstrip("/"):
            return None
        return found

    def _anchors(self, target) -> set[str] | None:
        if target.src_uri not in self._ids:
            page = getattr(target, "page", None)
            self._ids[target.src_uri] = getattr(page, "present_anchor_ids", None) if page is not None else None
        return self._ids[target.src_uri]

    def check(self, where: str, url: str, anchors: set[str] | None, blocks: Sequence[str]) -> None:
        """Check the links of the fragments (``blocks``: their HTML, each knowing its ``fragment``) shown on the
        page or file ``where`` (at ``url``; ``anchors``: its ids, None when unknown)."""
        folder = folder_of(url)
        wanted: dict[str, set[str]] = {}  # path -> the anchors wanted there (a national page links ~600 times)
        for href in hrefs(blocks):
            if (":" in href or href.startswith("//")) and _NOT_CHECKED.match(href):
                continue
            path, _, anchor = href.partition("#")
            wanted.setdefault(path, set()).add(anchor)
        for path, wanted_anchors in wanted.items():
            target_path = path.partition("?")[0]
            shown, ids = where, anchors
            if target_path:
                target = self._target(folder, target_path)
                if target is None:
                    for anchor in wanted_anchors:
                        self._dangles(blocks, path + ("#" + anchor if anchor else ""), "goes to no page or file "
                                      "of the site", where)
                    continue
                shown, ids = target.src_uri, self._anchors(target)
            if ids is None:
                continue
            for anchor in wanted_anchors - ids - {""}:
                if "%" not in anchor or unquote(anchor) not in ids:
                    self._dangles(blocks, f"{path}#{anchor}", f"goes to '{shown}', which has no anchor '#{anchor}'",
                                  where)

    def _dangles(self, blocks: Sequence[str], href: str, reason: str, where: str) -> None:
        names = getattr(blocks, "names", ())  # a page a worker made: plain strings, named apart (render/page_source.py)
        for n, block in enumerate(blocks):  # which fragments hold it: rare, so only now
            if href in hrefs([block]):
                self._note(getattr(block, "fragment", None) or (names[n] if names else "?"), href, reason, where)

    def _note(self, fragment: str, href: str, reason: str, where: str) -> None:
        entry = self.dangling.setdefault((fragment, href, reason), [where, 0])
        entry[1] += 1

    def problems(self, filename_of, base: Path | None = None) -> list[Problem]:
        """One problem per dangling link (``filename_of(fragment)``: the template's file)."""
        found = []
        for (fragment, href, reason), (page, count) in self.dangling.items():
            filename = Path(filename_of(fragment))
            line = 0
            try:
                source = filename.read_text(encoding="utf-8")
                line = source[:source.index(f'"{href}"')].count("\n") + 1 if f'"{href}"' in source else 0
            except OSError:
                pass
            if base is not None and filename.is_relative_to(base):
                filename = filename.relative_to(base)
            more = f" (and on {count - 1} more page{'s' if count > 2 else ''})" if count > 1 else ""
            found.append(Problem(str(filename), line, "CS412", f"link '{href}' {reason}", f"on '{page}'{more}"))
        return sorted(found)
