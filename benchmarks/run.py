"""Benchmark: our site build against the plain mkdocs-material site a council would otherwise write.

    .venv/bin/python benchmarks/run.py [--sizes 5,50,400] [--pairs 10] [--pairs-large 2] [--large 400]
                                       [--workdir DIR] [--phases] [--editions] [--json FILE]

For each N: ``../shared/tools/plain_baseline.py N DIR`` writes the plain site (3 pages per compact, default
navigation) and the same compacts as neutral JSON; the JSON is converted into our YAML (one
``content/<slug>.yml`` per compact, clauses in party groups; validated with ``load_content`` first) in a
project whose mkdocs.yml is like the repository's (material, ``font: false``, the repository's
``theme_overrides``, ``strict: true``, plugins search + compact). Then, in alternating rounds
(plain, plain + ``navigation.prune``, ours, and ours in one process, ``ours-one-process``:
``COMPACT_SITE_PROCESSES=1`` — the order rotates every round), each is built with
``mkdocs build`` in a child process, measuring wall time, CPU (user+sys of that child, from ``os.wait4``), peak RSS
(``ru_maxrss`` of that child) and the output's size. Medians over the rounds are reported, with ours/plain.

``--editions`` adds a fifth build, ``ours-editions`` (issue 19, "Scale"): the same compacts, each with two past
editions frozen before its current text (edition_content.py), built by default; reported against ``ours`` in the
same run, with the issue's targets (wall ≤ 1.6× ours, pages+assets ≤ 300 MB, both at N=400).

``--phases`` also times our build's phases in-process (load, validate, page Markdown, identifier URLs, exports,
search entries) on the generated content; "render" (Markdown -> HTML and the theme, by MkDocs) is what remains of
the build's wall time.
Standalone: needs only this repository's .venv and ../shared/tools/plain_baseline.py. Not run in CI.
"""
from __future__ import annotations

import argparse
import gc
import json
import os
import platform
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from edition_content import editions_project
from site_content import ROOT, generate  # profile_build.py imports generate from here

MKDOCS = [sys.executable, "-m", "mkdocs"]
sys.path.insert(0, str(ROOT))

EXPORT_SUFFIXES = (".json", ".csv", ".xml", ".xml.gz")
SEARCH_INDEX = "search/search_index.json"
EDITION_TARGETS = {"at_n": 400, "wall_ratio_max": 1.6, "pages_assets_mb_max": 300}  # issue 19, "Scale"


# ---------------------------------------------------------------------------------------------- measuring

def site_size(site: Path) -> dict:
    """Bytes of a built site: pages and assets, the search index, downloadable exports (feeds are .xml, so
    exports), and the number of files."""
    pages = exports = search = files = 0
    for p in site.rglob("*"):
        if not p.is_file():
            continue
        files += 1
        size = p.stat().st_size
        rel = p.relative_to(site).as_posix()
        if rel == SEARCH_INDEX:
            search += size
        elif rel.endswith(EXPORT_SUFFIXES):
            exports += size
        else:
            pages += size
    return {"pages_assets": pages, "search_index": search, "exports": exports, "files": files}


CHILD_ENV = dict(os.environ, NO_MKDOCS_2_WARNING="1")


def snapshot_code(workdir: Path) -> Path:
    """Copy the package to ``workdir/code`` and use that copy here and in every build, so edits made to the working
    tree while the benchmark runs (hours at N=400) cannot change the code under test half-way."""
    code = workdir / "code"
    shutil.rmtree(code, ignore_errors=True)
    shutil.copytree(ROOT / "compact_site", code / "compact_site", ignore=shutil.ignore_patterns("__pycache__"))
    sys.path.insert(0, str(code))
    CHILD_ENV["PYTHONPATH"] = str(code)  # before the editable install's finder, which comes last
    return code


def build(project: Path, config: str, site_dir: str, env: dict | None = None) -> dict:
    """One ``mkdocs build`` in a child process: wall, CPU (user+sys) and peak RSS of that child."""
    shutil.rmtree(project / site_dir, ignore_errors=True)
    start = time.perf_counter()
    proc = subprocess.Popen(MKDOCS + ["build", "-q", "-f", config], cwd=project, env={**CHILD_ENV, **(env or {})},
                            stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    stderr = proc.stderr.read()
    _, status, usage = os.wait4(proc.pid, 0)
    wall = time.perf_counter() - start
    proc.returncode = os.waitstatus_to_exitcode(status)
    if proc.returncode != 0:
        raise SystemExit(f"build failed in {project} ({config}):\n{stderr.decode()[-3000:]}")
    result = {"wall": wall, "cpu": usage.ru_utime + usage.ru_stime, "rss_mib": usage.ru_maxrss / 1024}
    result.update(site_size(project / site_dir))
    return result


def phases(ours: Path) -> dict:
    """Our build's phases, timed in-process on the generated content (CPU seconds of this process: the machine is
    shared, so wall time would measure the neighbours)."""
    from compact_site.content.site_loader import load_content
    from compact_site.core.citations import LinkStyle
    from compact_site.core.context import BuildContext
    from compact_site.core.registers import register_downloads
    from compact_site.exports import export_files
    from compact_site.pages.listing import identifier_pages, site_pages
    from compact_site.pages.search import clause_entries
    from compact_site.plugin.terms_adapter import TermAnnotator
    from compact_site.render.compare_page import compare_scripts
    from compact_site.runtime.memory import collector_paused

    out = {}
    t = time.process_time()
    loaded = load_content([ours / "content"])  # YAML, model, checks, cross-references (as on_config does)
    compacts = loaded.compacts
    out["load + validate"] = time.process_time() - t
    t = time.process_time()
    style = LinkStyle(True, "https://example.org/compacts/")
    context = BuildContext(compacts, None, style)  # citations
    TermAnnotator(compacts, None)
    out["indexes (citations, terms)"] = time.process_time() - t
    gc.freeze()  # as on_config does after loading
    with collector_paused():  # as on_files does
        t = time.process_time()
        context.make_indexes()  # the concordance and the glossary's "Used in"
        out["concordance"] = time.process_time() - t
        t = time.process_time()
        site_pages(context, {}, True)
        out["page Markdown (generation)"] = time.process_time() - t
        t = time.process_time()
        identifier_pages(context, "Local Compacts Register")
        out["identifier URLs (render, in memory)*"] = time.process_time() - t
        t = time.process_time()
        register_downloads(compacts)
        export_files(context)
        compare_scripts(compacts, context.concordance, context.citations, True)
        out["registers + exports + compare data*"] = time.process_time() - t
    gc.unfreeze()
    t = time.process_time()
    json.dumps(clause_entries(compacts, True))
    out["search entries"] = time.process_time() - t
    return out


# ---------------------------------------------------------------------------------------------- main

def median(rows: list[dict], key: str) -> float:
    """The median of one measure over the rounds."""
    return statistics.median(r[key] for r in rows)


def machine() -> str:
    """The machine and its load, for the report's first line."""
    free = subprocess.run(["free", "-h"], capture_output=True, text=True, check=False).stdout.strip()
    load = os.getloadavg()
    return (f"nproc {os.cpu_count()}, {platform.processor() or platform.machine()}, Linux {platform.release()}, "
            f"Python {platform.python_version()}, load average at start {load[0]:.2f}\n\n```text\n{free}\n```")


def main() -> None:
    """Generate, build in rotating rounds, report each size as it ends and all sizes at the end."""
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--sizes", default="5,50,400")
    ap.add_argument("--pairs", type=int, default=10, help="rounds at small N")
    ap.add_argument("--large", type=int, default=400, help="N at or above which --pairs-large applies")
    ap.add_argument("--pairs-large", type=int, default=2)
    ap.add_argument("--workdir", type=Path, default=None, help="where to generate (default: a temp dir)")
    ap.add_argument("--phases", action="store_true", help="also time our build's phases in-process")
    ap.add_argument("--editions", action="store_true", help="also build the compacts with two past editions each")
    ap.add_argument("--json", type=Path, default=None, help="write raw results here")
    a = ap.parse_args()
    workdir = a.workdir or Path(tempfile.mkdtemp(prefix="compact-bench-"))
    code = snapshot_code(workdir)
    import compact_site
    assert Path(compact_site.__file__).resolve().is_relative_to(code.resolve()), compact_site.__file__
    print(f"# {time.strftime('%Y-%m-%d %H:%M')}  {machine()}\ncode under test: copy of compact_site/ in {code}\n",
          flush=True)
    results = {}
    for n in [int(x) for x in a.sizes.split(",")]:
        base = workdir / f"n{n}"
        shutil.rmtree(base, ignore_errors=True)
        plain, ours = generate(n, base)
        rounds = a.pairs_large if n >= a.large else a.pairs
        variants = {"plain": (plain, "mkdocs.yml", "site"), "plain+prune": (plain, "mkdocs-prune.yml", "site-prune"),
                    "ours": (ours, "mkdocs.yml", "site"),
                    # the whole build in one process (compact_site/runtime/background.py): what one core costs
                    "ours-one-process": (ours, "mkdocs.yml", "site", {"COMPACT_SITE_PROCESSES": "1"})}
        if a.editions:  # the default build of the same compacts, each with two frozen editions
            variants["ours-editions"] = (editions_project(base, n), "mkdocs.yml", "site")
        runs: dict[str, list[dict]] = {k: [] for k in variants}
        names = list(variants)
        for r in range(rounds):
            order = names[r % len(names):] + names[:r % len(names)]  # rotate: no variant always runs first
            for name in order:
                runs[name].append(build(*variants[name]))
                x = runs[name][-1]
                print(f"N={n} round {r + 1}/{rounds} {name:16} wall {x['wall']:7.2f}s cpu {x['cpu']:7.2f}s "
                      f"rss {x['rss_mib']:6.0f}MiB pages+assets {x['pages_assets'] / 1e6:7.1f}MB", flush=True)
        summary = {name: {k: median(rows, k) for k in rows[0]} for name, rows in runs.items()}
        results[n] = {"rounds": rounds, "median": summary, "runs": runs}
        if a.editions:
            results[n]["editions"] = edition_verdict(summary)
        if a.phases:
            phases(ours)  # first call pays the imports (lxml, exporters); report the second
            results[n]["phases"] = phases(ours)
        print(report({n: results[n]}), flush=True)
        if a.json:
            a.json.write_text(json.dumps(results, indent=1))
        shutil.rmtree(base, ignore_errors=True)  # 400 compacts leave ~2 GB behind
    print("\n" + report(results))


def edition_verdict(summary: dict) -> dict:
    """ours-editions against ours (the one-edition build) of the same run, with issue 19's targets and whether
    each is met (the targets are set for N=400; smaller N only show the trend)."""
    editions, ours = summary["ours-editions"], summary["ours"]
    verdict = {"wall_ratio": editions["wall"] / ours["wall"], "cpu_ratio": editions["cpu"] / ours["cpu"],
               "pages_assets_mb": editions["pages_assets"] / 1e6, "targets": EDITION_TARGETS}
    verdict["met"] = {"wall_ratio": verdict["wall_ratio"] <= EDITION_TARGETS["wall_ratio_max"],
                      "pages_assets_mb": verdict["pages_assets_mb"] <= EDITION_TARGETS["pages_assets_mb_max"]}
    return verdict


def report(results: dict) -> str:
    """The medians as a Markdown table (ours/this in wall time), the editions verdict and phases when measured."""
    lines = [("| N | rounds | build | wall s | CPU s | peak RSS MiB | pages+assets MB | search index MB | exports MB "
              "| files | wall ours/this |"), "|---:|---:|---|---:|---:|---:|---:|---:|---:|---:|---:|"]
    for n, res in results.items():
        m = res["median"]
        for name in [name for name in ("plain", "plain+prune", "ours", "ours-one-process", "ours-editions") if name in m]:
            x = m[name]
            lines.append(f"| {n} | {res['rounds']} | {name} | {x['wall']:.2f} | {x['cpu']:.2f} | {x['rss_mib']:.0f} "
                         f"| {x['pages_assets'] / 1e6:.1f} | {x['search_index'] / 1e6:.1f} | {x['exports'] / 1e6:.1f} "
                         f"| {x['files']:.0f} | {m['ours']['wall'] / x['wall']:.2f} |")
    verdicts = {n: res["editions"] for n, res in results.items() if "editions" in res}
    if verdicts:
        header = ("| N | wall ours-editions/ours | CPU ours-editions/ours | pages+assets MB | target wall ≤ "
                  f"{EDITION_TARGETS['wall_ratio_max']}× | target ≤ {EDITION_TARGETS['pages_assets_mb_max']} MB |")
        lines += ["", f"Two past editions per compact (issue 19; targets at N={EDITION_TARGETS['at_n']}):", "",
                  header, "|---:|---:|---:|---:|---|---|"]
        for n, v in verdicts.items():
            lines.append(f"| {n} | {v['wall_ratio']:.2f} | {v['cpu_ratio']:.2f} | {v['pages_assets_mb']:.1f} "
                         f"| {'met' if v['met']['wall_ratio'] else 'not met'} "
                         f"| {'met' if v['met']['pages_assets_mb'] else 'not met'} |")
    for n, res in results.items():
        if "phases" in res:
            lines += ["", f"Phases at N={n} (in-process, s): " + ", ".join(f"{k} {v:.2f}" for k, v in res["phases"].items())]
    return "\n".join(lines)


if __name__ == "__main__":
    main()
