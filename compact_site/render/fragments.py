"""A compact page's clause blocks as finished HTML, spliced into the page after Markdown.

Why: a compact page is mostly clause blocks, and each went through Python-Markdown's ``md_in_html`` with its
copy button, "Referenced by" links and similar-undertakings list: ~90 ms a page, 35 s for a national register
of 400 compacts. The blocks are our own structure around author text, so they are written as HTML here (the
author text still goes through the same Markdown pipeline, or :mod:`.fast`'s identical shortcut) and the page's
Markdown carries a placeholder comment for each. Headings, prose, tables and footnotes stay Markdown, so the
table of contents is unchanged. Links in a block are final URLs (``PageLinks.url``): MkDocs does not rewrite
raw HTML; every target comes from the model, and the site's link checker covers them.

:func:`splice` puts the blocks in (wrapped in :data:`OPEN` / :data:`CLOSE` comments) and :func:`without_blocks`
takes them out again, so a search indexer can skip clause text that the clause entries already carry.
"""
from __future__ import annotations

import html
import re

from ..references import clause_anchor
from .fast import markdown_html, plain_paragraph
from .terms import NOTERMS_CLOSE, NOTERMS_OPEN
from .text import inline, markdown

OPEN, CLOSE = "<!--compact-block{-->", "<!--}compact-block-->"
_PLACEHOLDER_RE = re.compile(r"<!--compact-fragment ([\d ]+)-->")
_RUN_RE = re.compile(r"<!--compact-fragment (\d+)-->\n\n(?:<!--compact-fragment \d+-->\n\n)+")
_FOOTNOTE_RE = re.compile(r"\[\^")


def placeholder(number: int) -> str:
    """The Markdown line standing for fragment ``number`` (an HTML comment: Markdown passes it through)."""
    return f"<!--compact-fragment {number}-->"


def merge_placeholders(page_markdown: str) -> str:
    """One placeholder per run of consecutive blocks: Markdown handles each raw-HTML line at some cost."""
    return _RUN_RE.sub(lambda m: "<!--compact-fragment " + " ".join(re.findall(r"\d+", m[0])) + "-->\n\n",
                       page_markdown)


def splice(page_html: str, fragments: list[str], mark: bool = True) -> str:
    """The page's HTML with every placeholder replaced by its blocks; ``mark`` wraps each in :data:`OPEN` /
    :data:`CLOSE` for :func:`without_blocks`."""
    if not fragments:
        return page_html
    before, after = (OPEN, CLOSE) if mark else ("", "")
    return _PLACEHOLDER_RE.sub(lambda m: "\n".join(before + fragments[int(n)] + after for n in m[1].split()),
                               page_html)


_ID_RE = re.compile(r' id="([^"]+)"')


def anchor_ids(fragments) -> set[str]:
    """Every ``id`` in the blocks (clause anchors and the old anchors of moved clauses)."""
    return {found for fragment in fragments for found in _ID_RE.findall(fragment)}


def without_blocks(page_html: str) -> str:
    """The page without its spliced clause blocks."""
    pieces = page_html.split(OPEN)
    return pieces[0] + "".join(piece.split(CLOSE, 1)[-1] for piece in pieces[1:])


def unmark(page_html: str) -> str:
    """The page with the blocks' wrapping comments removed (they are only for :func:`without_blocks` and, around
    the lists of similar clauses, for the glossary's term finder to pass over)."""
    return page_html.replace(OPEN, "").replace(CLOSE, "").replace(NOTERMS_OPEN, "").replace(NOTERMS_CLOSE, "")


def can_render(clause) -> bool:
    """Footnote markers need the page's footnote list, so such a clause stays in the page's Markdown."""
    return _FOOTNOTE_RE.search(clause.text or "") is None


def heading_html(level: int, text: str, anchor: str) -> str | None:
    """A heading as Python-Markdown writes ``#### text { #anchor }``; None when its text is not plain (then the
    page keeps it as Markdown)."""
    words = inline(text)
    return f'<h{level} id="{anchor}">{words}</h{level}>' if plain_paragraph(words) else None


def clause_block(writer, clause) -> str:
    """One clause as the HTML ``md_in_html`` made of ``PageWriter.clause``'s Markdown."""
    links = writer.links
    body = markdown(clause.text, links.resolve_final)
    aliases = "".join(f'<span class="compact-alias" id="{clause_anchor(old)}"></span>' for old in clause.former_ids)
    formerly = clause.former_numbers or clause.former_ids
    shown_md = inline(", ".join(formerly)) if formerly else ""
    title_md = inline(clause.title) if clause.title else ""
    number_md = inline(clause.number) if clause.number else ""
    number = (f'<a class="compact-clause__number" href="{links.identifier_href(clause.id)}" '
              f'title="Permanent link to this clause">{number_md}</a> ') if clause.number else ""
    shown = f'<span class="compact-clause__formerly">(formerly {shown_md})</span> ' if formerly else ""
    if all(plain_paragraph(part) for part in (body, shown_md, title_md, number_md) if part):
        title = f"<strong>{title_md}</strong> – " if title_md else ""
        first = f"<p>{aliases}{number}{shown}{title}{body}</p>"
    else:  # the same Markdown the page used to carry, through the same converter
        first = markdown_html(f"{aliases}{number}{shown}{f'**{title_md}** – ' if title_md else ''}{body}")
    parts = [f'<div class="compact-clause" id="{clause_anchor(clause.id)}">', first,
             f'<p class="compact-clause__tools">{writer.copy_button(clause.id)}</p>']
    refs = links.referenced_by(clause.id, final=True)
    if refs:
        parts.append('<p class="compact-clause__refs">Referenced by: '
                     + ", ".join(link_html(text, href) for text, href in refs) + "</p>")
    parts += similar_list(writer, clause)
    return "\n".join(parts + ["</div>"])


def similar_list(writer, clause) -> list[str]:
    """The collapsed list of similar clauses elsewhere, as ``PageWriter.similar_undertakings`` describes it."""
    links = writer.links
    known = links.citations.nodes
    matches = [m for m in writer.similar(clause.id) if (m.slug, m.id) in known] if writer.similar else []
    if not matches:
        return []
    cite = links.citations.cite
    items = [f"<li>{_other_link(links, m.slug, m.id)} – "
             + (f"{round(m.score * 100)}% similar" if m.score is not None else f"{m.kind} (named by the editors)")
             + "</li>" for m in matches]
    return [NOTERMS_OPEN + '<details class="compact-similar">',
            f"<summary>Similar undertakings to {_text(cite(writer.compact.slug, clause.id))} ({len(matches)})"
            "</summary>", "<ul>", *items, "</ul>", "</details>" + NOTERMS_CLOSE]


def _other_link(links, slug: str, clause_id: str) -> str:
    """A link to a clause. Remembered for the build (on its Citations): the same clause is listed as similar
    on many pages, and from any other compact's page its URL is the same."""
    if slug == links.slug:
        return link_html(links.citations.cite(slug, clause_id), links.url(slug, clause_id))
    key = (links.style.directory_urls, slug, clause_id)
    found = links.citations.html_links.get(key)
    if found is None:
        found = links.citations.html_links[key] = link_html(links.citations.cite(slug, clause_id),
                                                        links.url(slug, clause_id))
    return found


def _text(label: str) -> str:
    return html.escape(" ".join(label.split()), quote=False)


def link_html(label: str, href: str) -> str:
    """``<a href>`` with the label escaped (its words as written, on one line)."""
    return f'<a href="{html.escape(href)}">{_text(label)}</a>'

