"""Which pages a site gets from its compacts: URLs and generated Markdown. No MkDocs imports, so
another static-site engine needs only a new adapter."""
from __future__ import annotations

from dataclasses import dataclass

from .model import Compact
from .references import clause_anchor
from .render.markdown import format_date, render_compact_page
from .render.text import Resolver, inline


@dataclass(frozen=True)
class PageSource:
    """A page to generate: where it goes (``src_uri``), its Markdown, and the YAML it came from."""

    src_uri: str
    markdown: str
    origin: str | None = None


def compact_page_uri(slug: str) -> str:
    """Source path of a compact's page; with directory URLs it is served at ``/<slug>/``."""
    return f"{slug}/index.md"


def make_resolver(compacts: dict[str, Compact], current: Compact) -> Resolver:
    """Resolve ``[[id]]`` / ``[[slug:id]]`` to (citation, relative link) from ``current``'s page."""
    numbers = {slug: {clause.id: clause.number or clause.id for clause in c.clauses()} for slug, c in compacts.items()}

    def resolve(slug: str | None, clause_id: str):
        target = slug or current.slug
        number = numbers.get(target, {}).get(clause_id)
        if number is None:
            return None
        area = compacts[target].area
        href = f"#{clause_anchor(clause_id)}" if target == current.slug else f"../{target}/#{clause_anchor(clause_id)}"
        return f"{inline(area)} {inline(number)}", href

    return resolve


def home_markdown(compacts: list[Compact]) -> str:
    """A plain home page: every compact with its area, status and dates."""
    lines = ["# Local compacts", "", "| Compact | Area | Status | Dates | Undertakings |", "|---|---|---|---|---|"]
    for c in sorted(compacts, key=lambda c: c.title.lower()):
        dates = ", ".join(f"{label} {format_date(value)}" for label, value in
                          [("adopted", c.dates.adopted), ("refreshed", c.dates.refreshed),
                           ("published", c.dates.published), ("review", c.dates.review)] if value)
        lines.append(f"| [{inline(c.title)}]({compact_page_uri(c.slug)}) | {inline(c.area)} | "
                     f"{c.status.replace('-', ' ')} | {dates or '–'} | {len(c.clauses())} |")
    return "\n".join(lines) + "\n"


def site_pages(compacts: list[Compact], files: dict[str, str], with_home: bool) -> list[PageSource]:
    """Every generated page of a site."""
    by_slug = {c.slug: c for c in compacts}
    pages = [PageSource(compact_page_uri(c.slug), render_compact_page(c, make_resolver(by_slug, c)), files.get(c.slug))
             for c in compacts]
    if with_home:
        pages.append(PageSource("index.md", home_markdown(compacts)))
    return pages
