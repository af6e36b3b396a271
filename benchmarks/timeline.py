"""When each phase of one `mkdocs build` starts and ends, in which process (wall seconds from the build's start).

    .venv/bin/python benchmarks/timeline.py PROJECT_DIR

PROJECT_DIR holds a mkdocs.yml using the compact plugin (for instance the `ours/` project that
`benchmarks/run.py --workdir DIR` generates). Its site/ is removed first, as run.py does before each build. The
build shares work with a worker process as under `mkdocs build` (runtime/background.py); each line names the
process (`main`, or the pid of the worker), so the critical path can be read off. Standalone, not run in CI.
"""
from __future__ import annotations

import os
import shutil
import sys
import time
from pathlib import Path

START = time.perf_counter()
MAIN = os.getpid()


def say(what: str) -> None:
    who = "main" if os.getpid() == MAIN else f"pid {os.getpid()}"
    print(f"{time.perf_counter() - START:7.2f}  {who:>9}  {what}", file=sys.stderr, flush=True)


def timed(owner, name: str, label: str) -> None:
    """Wrap ``owner.name`` so that its start and end are printed."""
    inner = getattr(owner, name)

    def wrapper(*args, **kwargs):
        say(f"{label} start")
        try:
            return inner(*args, **kwargs)
        finally:
            say(f"{label} end")

    setattr(owner, name, wrapper)


def main() -> None:
    project = Path(sys.argv[1]).resolve()
    os.chdir(project)
    os.environ["NO_MKDOCS_2_WARNING"] = "1"
    shutil.rmtree(project / "site", ignore_errors=True)
    import mkdocs.commands.build as mkdocs_build
    from mkdocs.config import load_config

    from compact_site.core import context
    from compact_site.plugin import plugin, split_build

    timed(plugin, "load_content", "load + validate (part in the worker)")
    timed(context.BuildContext, "make_indexes", "indexes: concordance, used-in")
    timed(plugin, "site_pages", "page Markdown (compact, edition, changes pages)")
    timed(plugin, "download_files", "exports and registers: the downloads (make)")
    timed(plugin, "page_files", "identifier and history pages, compare data, feeds (make)")
    timed(split_build, "write_files", "write static files")
    timed(mkdocs_build, "get_navigation", "navigation (MkDocs reads every page next)")
    timed(plugin, "clause_entries", "clause search entries")
    timed(plugin, "timeline_pages", "past editions' and changes pages (make)")
    timed(split_build.SplitBuild, "join", "on_post_build: wait for the worker")
    config = load_config("mkdocs.yml")
    config.plugins.on_startup(command="build", dirty=False)
    say("build start")
    mkdocs_build.build(config)
    say("build end")


if __name__ == "__main__":
    main()
