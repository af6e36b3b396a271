"""The ``compact`` MkDocs plugin: wires MkDocs events to the core; does no content work itself.

Event plan:

* ``on_config`` – add the Markdown extensions generated pages use; load and validate every compact.
  Structural errors raise :class:`PluginError` here, before MkDocs writes anything to ``site/``;
  content warnings (dangling references) go to the plugin logger so ``--strict`` fails on them.
* ``on_files`` – drop the YAML sources from the published files; add the generated pages with
  ``File.generated`` (never written into ``docs_dir``), refusing a clash with a hand-written page.
* ``on_serve`` – watch the content folder so YAML edits rebuild under ``mkdocs serve``.
"""
from __future__ import annotations

from pathlib import Path

from mkdocs.exceptions import PluginError
from mkdocs.plugins import BasePlugin, get_plugin_logger
from mkdocs.structure.files import File, Files

from .config import CompactConfig
from .content import YAML_SUFFIXES, load_content
from .errors import ContentError
from .loader import Loaded
from .pages import site_pages
from .render.html import MARKDOWN_EXTENSIONS

log = get_plugin_logger(__name__)


class CompactPlugin(BasePlugin[CompactConfig]):
    """Publishes the compacts in ``content/`` as pages."""

    def __init__(self) -> None:
        self.loaded = Loaded()
        self.content_dir: Path | None = None

    def on_config(self, config):
        if not self.config.enabled:
            return config
        for extension in MARKDOWN_EXTENSIONS:
            if extension not in config.markdown_extensions:
                config.markdown_extensions.append(extension)
        base = Path(config.config_file_path or ".").parent
        self.content_dir = (base / self.config.content_dir) if self.config.content_dir else Path(config.docs_dir)
        self.loaded = load_content([self.content_dir])
        if self.loaded.errors:
            raise PluginError("\n" + ContentError(self.loaded.errors).report())
        for problem in self.loaded.warnings:
            log.warning(problem.format())
        clauses = sum(len(c.clauses()) for c in self.loaded.compacts)
        log.info(f"{len(self.loaded.compacts)} compacts, {clauses} clauses")
        return config

    def on_files(self, files: Files, *, config):
        if not self.config.enabled:
            return files
        for file in list(files):
            if file.src_uri.endswith(YAML_SUFFIXES) and "/" not in file.src_uri:
                files.remove(file)  # compact sources are data, not downloads
        with_home = self.config.home and files.get_file_from_path("index.md") is None
        for page in site_pages(self.loaded.compacts, self.loaded.files, with_home):
            clash = files.get_file_from_path(page.src_uri)
            if clash is not None:
                raise PluginError(f"{clash.src_uri}: this hand-written page has the address of a generated page "
                                  f"(from {page.origin}); rename or move it")
            files.append(File.generated(config, page.src_uri, content=page.markdown))
        return files

    def on_serve(self, server, *, config, builder):
        if self.content_dir is not None and self.content_dir.resolve() != Path(config.docs_dir).resolve():
            server.watch(str(self.content_dir))
        return server
