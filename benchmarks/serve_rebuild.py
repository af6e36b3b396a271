"""How long `mkdocs serve` takes to rebuild the five-compact site after one YAML edit (issue 9's target: ≤ 1 s).

    .venv/bin/python benchmarks/serve_rebuild.py [--edits 10]

Copies this repository's site (mkdocs.yml, content/, theme_overrides/) to a temporary folder, starts
``mkdocs serve`` there, and edits one clause of content/wolverhampton.yml ``--edits`` times (a word changed, then
changed back, alternately), waiting for each rebuild. Reports per edit: MkDocs' own "Documentation built in X
seconds", and the wall time from writing the file to the "Reloading browsers" line (which includes the file
watcher's polling and debounce). Prints medians. Standalone; not run in CI.
"""
from __future__ import annotations

import argparse
import os
import re
import shutil
import socket
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
BUILT_RE = re.compile(r"Documentation built in ([\d.]+) seconds")
EDIT = ("Respect the confidentiality of information.", "Respect the confidentiality of all information.")


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--edits", type=int, default=10)
    args = ap.parse_args()
    work = Path(tempfile.mkdtemp(prefix="compact-serve-"))
    for name in ("content", "theme_overrides"):
        shutil.copytree(ROOT / name, work / name)
    shutil.copy(ROOT / "mkdocs.yml", work / "mkdocs.yml")
    target = work / "content" / "wolverhampton.yml"
    assert EDIT[0] in target.read_text(encoding="utf-8"), "the clause to edit is not in wolverhampton.yml"
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1", "PYTHONUNBUFFERED": "1"}
    server = subprocess.Popen([sys.executable, "-m", "mkdocs", "serve", "-a", f"127.0.0.1:{free_port()}"],
                              cwd=work, env=env, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
    lines: list[tuple[float, str]] = []
    threading.Thread(target=lambda: [lines.append((time.perf_counter(), line)) for line in server.stdout],
                     daemon=True).start()

    def wait_for(pattern: str, since: int, timeout: float = 60) -> tuple[int, float, str]:
        end = time.perf_counter() + timeout
        while time.perf_counter() < end:
            for n in range(since, len(lines)):
                if pattern in lines[n][1]:
                    return n, lines[n][0], lines[n][1]
            time.sleep(0.01)
        raise TimeoutError(f"no '{pattern}' from mkdocs serve:\n" + "".join(line for _, line in lines[-20:]))

    try:
        seen, _, _ = wait_for("Serving on", 0)
        built, wall = [], []
        for n in range(args.edits):
            time.sleep(1.0)  # let the watcher settle between edits
            text = target.read_text(encoding="utf-8")
            old, new = EDIT if n % 2 == 0 else EDIT[::-1]
            start = time.perf_counter()
            target.write_text(text.replace(old, new, 1), encoding="utf-8")
            seen, done, _ = wait_for("Reloading browsers", seen + 1)
            line = next(text for _, text in reversed(lines[:seen]) if BUILT_RE.search(text))
            built.append(float(BUILT_RE.search(line)[1]))
            wall.append(done - start)
            print(f"edit {n + 1}: built in {built[-1]:.2f} s; file written -> browsers reloaded {wall[-1]:.2f} s",
                  flush=True)
        print(f"median of {args.edits}: built in {statistics.median(built):.2f} s, "
              f"edit -> reload {statistics.median(wall):.2f} s")
    finally:
        server.terminate()
        server.wait(timeout=10)
        shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    main()
