"""The worked example of editions (tests/fixtures/editions: a fictional compact frozen twice, never on the public
site) as a site to build in a test: its content copied into a throwaway project."""
from __future__ import annotations

import shutil
from pathlib import Path

from compact_site.content.site_loader import load_content
from compact_site.core.context import BuildContext
from compact_site.model.references import clause_anchor, edition_url
from compact_site.pages.listing import site_pages, static_paths

EXAMPLE = Path(__file__).parent / "fixtures" / "editions" / "content"


def example_project(tmp_path: Path, intranet: bool = False) -> Path:
    """A project of the worked example (``intranet``: the copy read over file://); its mkdocs.yml."""
    content = tmp_path / "content"
    shutil.copytree(EXAMPLE, content)
    plugin = "  - compact:\n      intranet: true\n" if intranet else "  - compact\n"
    (tmp_path / "mkdocs.yml").write_text(
        "site_name: Test compacts\ndocs_dir: content\ntheme:\n  name: material\n  font: false\n"
        f"plugins:\n  - search\n{plugin}", encoding="utf-8")
    stand_in_edition_pages(content)
    return tmp_path / "mkdocs.yml"


def stand_in_edition_pages(content: Path) -> list[str]:
    """The history and changes pages link to each past edition's page (``edition_url``) at its clauses. Those
    pages are another part of issue 19: until the plugin makes them, a hand-written stand-in at each address, with
    each clause's anchor, lets a strict build check every other link; once it does, this writes none (a
    hand-written file there would clash). Returns the files written."""
    loaded = load_content([content])
    context = BuildContext(loaded.compacts, loaded.glossary, frozen=loaded.frozen())
    made = [page.src_uri for page in site_pages(context, {}, False)] + \
        static_paths(context)
    written = []
    for slug, timeline in context.timelines.items():
        for edition in timeline.past:
            address = edition_url(slug, edition.date)
            if any(path.startswith(address) or path == address.rstrip("/") + ".md" for path in made):
                continue  # the plugin makes it
            lines = [f"# {edition.name} (stand-in)", ""]
            lines += [f"## {getattr(node, 'number', None) or node_id} {{ #{clause_anchor(node_id)} }}\n"
                      for node_id, node in edition.nodes.items()]
            page = content / address / "index.md"
            page.parent.mkdir(parents=True, exist_ok=True)
            page.write_text("\n".join(lines), encoding="utf-8")
            written.append(address)
    return written
