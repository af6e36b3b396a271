"""Profile our full build in-process (cProfile) on N generated compacts.

    .venv/bin/python benchmarks/profile_build.py [N=50] [--top 30]

Generates the compacts as benchmarks/run.py does (plain_baseline.py, converted to our YAML), builds the site with
MkDocs' own build function under cProfile, and prints the top functions by cumulative and by own time.
"""
from __future__ import annotations

import argparse
import cProfile
import io
import os
import pstats
import sys
import tempfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from run import generate  # noqa: E402


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("n", type=int, nargs="?", default=50)
    ap.add_argument("--top", type=int, default=30)
    ap.add_argument("--workdir", type=Path, default=None)
    a = ap.parse_args()
    base = Path(tempfile.mkdtemp(prefix="compact-prof-", dir=a.workdir))
    _, ours = generate(a.n, base)
    os.chdir(ours)
    from mkdocs.commands.build import build
    from mkdocs.config import load_config
    config = load_config(str(ours / "mkdocs.yml"))
    config.plugins.on_startup(command="build", dirty=False)
    profile = cProfile.Profile()
    profile.enable()
    build(config)
    profile.disable()
    config.plugins.on_shutdown()
    for key in ("cumulative", "tottime"):
        out = io.StringIO()
        pstats.Stats(profile, stream=out).sort_stats(key).print_stats(a.top)
        print(out.getvalue())
    profile.dump_stats(str(base / "build.prof"))
    print(f"profile saved: {base / 'build.prof'}")


if __name__ == "__main__":
    main()
