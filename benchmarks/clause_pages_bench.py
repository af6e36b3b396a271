"""Time rendering and writing the identifier pages of a large site.

    .venv/bin/python benchmarks/clause_pages_bench.py [N_COMPACTS [DIR]]   (default 400)

Builds N synthetic compacts of about 80 clauses each from the clauses of content/sandwell.yml (ids and
text made unique per compact and per copy, so no cache could flatter the numbers), renders every clause's
identifier page with :func:`render_clause_page` and writes it to ``<slug>/clause/<id>/index.html`` in a
temporary directory (under DIR if given: ``clause_pages_bench.py 400 /dev/shm`` separates the cost of the disk).
Reports wall time for rendering and for writing, bytes, and peak RSS (of the whole process, model included).
"""
from __future__ import annotations

import os
import platform
import resource
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from compact_site.content.loader import load_file  # noqa: E402
from compact_site.model import Clause, Compact, Section, Undertakings  # noqa: E402
from compact_site.model.references import clause_anchor  # noqa: E402
from compact_site.render.clause_pages import clause_page_path, render_clause_page  # noqa: E402

CLAUSES_PER_COMPACT = 80


def synthetic_compacts(count: int) -> list[Compact]:
    sandwell, problems = load_file(ROOT / "content" / "sandwell.yml")
    assert sandwell is not None, problems
    base = sandwell.clauses()
    compacts = []
    for n in range(count):
        clauses = []
        for k in range(CLAUSES_PER_COMPACT):
            source = base[k % len(base)]
            copy = k // len(base)
            number = f"{source.number}.{copy}" if source.number else None
            clauses.append(Clause(id=f"{source.id}-c{copy}", number=number, title=source.title,
                                  text=f"{source.text}\n\n(Compact {n}, copy {copy}.)"))
        compacts.append(Compact(slug=f"area-{n}", title=f"Area {n} Compact", area=f"Area {n}", status="adopted",
                                undertakings=Undertakings(sections=[Section(id="1", title="Undertakings",
                                                                            clauses=clauses)])))
    return compacts


def peak_rss_mib() -> float:
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    return peak / (1024 * 1024) if sys.platform == "darwin" else peak / 1024  # bytes on macOS, KiB on Linux


def main(count: int, where: str | None = None) -> None:
    compacts = synthetic_compacts(count)
    site = "https://compacts.example.org/"
    rendering = writing = 0.0
    pages = total = 0
    # Render and write one page at a time, as a build would, timing the two steps apart.
    with tempfile.TemporaryDirectory(dir=where) as tmp:
        for compact in compacts:
            for clause in compact.clauses():
                started = time.perf_counter()
                citation = f"{compact.area} {clause.number}" if clause.number else f"{compact.area} – {clause.id}"
                path = clause_page_path(compact.slug, clause.id)
                data = render_clause_page(
                    compact=compact, clause=clause, citation=citation, site_name="Local compacts",
                    in_context_href=f"../../#{clause_anchor(clause.id)}",
                    canonical_url=site + path[:-len("index.html")]).encode("utf-8")
                ready = time.perf_counter()
                target = os.path.join(tmp, path)
                os.makedirs(os.path.dirname(target), exist_ok=True)
                with open(target, "wb") as handle:
                    handle.write(data)
                writing += time.perf_counter() - ready
                rendering += ready - started
                pages += 1
                total += len(data)
        filesystem = os.path.dirname(tmp)
    print(f"python {platform.python_version()}, nproc {os.cpu_count()}, {platform.machine()}, "
          f"written under {filesystem}")
    print("| compacts | pages | render s | write s | total s | bytes | mean bytes/page | peak RSS MiB |")
    print("|---:|---:|---:|---:|---:|---:|---:|---:|")
    print(f"| {count} | {pages} | {rendering:.2f} | {writing:.2f} | {rendering + writing:.2f} | {total:,} | "
          f"{total / pages:,.0f} | {peak_rss_mib():.0f} |")


if __name__ == "__main__":
    main(int(sys.argv[1]) if len(sys.argv) > 1 else 400, sys.argv[2] if len(sys.argv) > 2 else None)
