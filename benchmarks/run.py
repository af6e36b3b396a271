"""Benchmark: our site build against the plain mkdocs-material site a council would otherwise write.

    .venv/bin/python benchmarks/run.py [--sizes 5,50,400] [--pairs 10] [--pairs-large 2] [--large 400]
                                       [--workdir DIR] [--phases] [--out FILE]

For each N: ``../shared/tools/plain_baseline.py N DIR`` writes the plain site (3 pages per compact, default
navigation) and the same compacts as neutral JSON; the JSON is converted into our YAML (one
``content/<slug>.yml`` per compact, clauses in party groups; validated with ``load_content`` first) in a
project whose mkdocs.yml is like the repository's (material, ``font: false``, the repository's
``theme_overrides``, ``strict: true``, plugins search + compact). Then, in alternating rounds
(plain, plain + ``navigation.prune``, ours, and ours in one process, ``ours-one-process``:
``COMPACT_SITE_PROCESSES=1`` — the order rotates every round), each is built with
``mkdocs build`` in a child process, measuring wall time, CPU (user+sys of that child, from ``os.wait4``), peak RSS
(``ru_maxrss`` of that child) and the output's size. Medians over the rounds are reported, with ours/plain.

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

ROOT = Path(__file__).resolve().parent.parent
BASELINE = ROOT.parent / "shared" / "tools" / "plain_baseline.py"
MKDOCS = [sys.executable, "-m", "mkdocs"]
sys.path.insert(0, str(ROOT))

OURS_YML = """site_name: Local Compacts Register
site_url: https://example.org/compacts/
docs_dir: content
site_dir: site
strict: true
theme:
  name: material
  custom_dir: {overrides}
  font: false
  language: en
plugins:
  - search
  - compact
exclude_docs: |
  *.yml
  *.yaml
"""
EXPORT_SUFFIXES = (".json", ".csv", ".xml", ".xml.gz")
SEARCH_INDEX = "search/search_index.json"


# ---------------------------------------------------------------------------------------------- conversion

def _q(text: str) -> str:
    """A YAML scalar, safely quoted (JSON strings are valid YAML)."""
    return json.dumps(text, ensure_ascii=False)


PARTY_HEADINGS = {"statutory": "The statutory sector will:", "vcs": "The VCS will:", "all": "All partners will:"}


def to_yaml(c: dict) -> str:
    """One neutral-JSON compact as our YAML: each section's clauses grouped by party (consecutive runs, so
    source order is kept), glossary terms with their abbreviations, signatories by sector."""
    out = ["# yaml-language-server: $schema=../compact_site/schema/compact.schema.json",
           f"slug: {c['slug']}", f"title: {_q(c['title'])}", f"area: {_q(c['area'])}", "status: adopted",
           "dates:", f"  adopted: {c['adopted']}", "parties:", "  - sector: statutory", "    name: Statutory sector",
           "  - sector: vcs", "    name: Voluntary and community sector (VCS)", "undertakings:", "  sections:"]
    for s in c["sections"]:
        out += [f"    - id: {_q(s['id'])}", f"      number: {_q(s['id'])}", f"      title: {_q(s['title'])}",
                "      groups:"]
        runs: list[tuple[str, list[dict]]] = []
        for cl in s["clauses"]:
            if runs and runs[-1][0] == cl["party"]:
                runs[-1][1].append(cl)
            else:
                runs.append((cl["party"], [cl]))
        for party, clauses in runs:
            out += [f"        - party: {party}", f"          heading: {_q(PARTY_HEADINGS[party])}",
                    "          clauses:"]
            for cl in clauses:
                out += [f"            - id: {_q(cl['id'])}", f"              number: {_q(cl['number'])}",
                        f"              text: {_q(cl['text'])}"]
    out += ["signatories:", "  items:"]
    for s in c["signatories"]:
        out += [f"    - name: {_q(s['name'])}", f"      role: {_q(s['role'])}",
                f"      organisation: {_q(s['organisation'])}", f"      sector: {s['sector']}",
                f"      signed: {s['signed']}",
                f"      printed: {_q(s['name'] + ' ' + s['role'] + ' of ' + s['organisation'])}"]
    out += ["glossary:", "  terms:"]
    for g in c["glossary"]:
        full, _, _ = g["definition"].partition(":")
        out += [f"    - term: {_q(full)}", f"      abbreviation: {_q(g['term'])}",
                f"      definition: {_q(g['definition'])}"]
    return "\n".join(out) + "\n"


def generate(n: int, base: Path) -> tuple[Path, Path]:
    """Plain project and our project for N compacts under ``base``; returns (plain dir, ours dir)."""
    subprocess.run([sys.executable, str(BASELINE), str(n), str(base)], check=True, stdout=subprocess.DEVNULL)
    plain = base / "plain"
    yml = (plain / "mkdocs.yml").read_text()
    (plain / "mkdocs-prune.yml").write_text(
        yml.replace("  font: false\n", "  font: false\n  features:\n    - navigation.prune\n") + "site_dir: site-prune\n")
    assert "navigation.prune" in (plain / "mkdocs-prune.yml").read_text()
    ours = base / "ours"
    content = ours / "content"
    content.mkdir(parents=True, exist_ok=True)
    for path in sorted((base / "data").glob("*.json")):
        c = json.loads(path.read_text())
        (content / f"{c['slug']}.yml").write_text(to_yaml(c), encoding="utf-8")
    (ours / "mkdocs.yml").write_text(OURS_YML.format(overrides=ROOT / "theme_overrides"))
    from compact_site.content.site_loader import load_content
    loaded = load_content([content])
    if loaded.problems:
        raise SystemExit("converted content does not validate:\n" + "\n".join(p.format() for p in loaded.problems[:20]))
    assert len(loaded.compacts) == n, (len(loaded.compacts), n)
    return plain, ours


# ---------------------------------------------------------------------------------------------- measuring

def site_size(site: Path) -> dict:
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
    return statistics.median(r[key] for r in rows)


def machine() -> str:
    free = subprocess.run(["free", "-h"], capture_output=True, text=True).stdout.strip()
    load = os.getloadavg()
    return (f"nproc {os.cpu_count()}, {platform.processor() or platform.machine()}, Linux {platform.release()}, "
            f"Python {platform.python_version()}, load average at start {load[0]:.2f}\n\n```text\n{free}\n```")


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--sizes", default="5,50,400")
    ap.add_argument("--pairs", type=int, default=10, help="rounds at small N")
    ap.add_argument("--large", type=int, default=400, help="N at or above which --pairs-large applies")
    ap.add_argument("--pairs-large", type=int, default=2)
    ap.add_argument("--workdir", type=Path, default=None, help="where to generate (default: a temp dir)")
    ap.add_argument("--phases", action="store_true", help="also time our build's phases in-process")
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
        runs: dict[str, list[dict]] = {k: [] for k in variants}
        names = list(variants)
        for r in range(rounds):
            order = names[r % len(names):] + names[:r % len(names)]  # rotate: no variant always runs first
            for name in order:
                runs[name].append(build(*variants[name]))
                x = runs[name][-1]
                print(f"N={n} round {r + 1}/{rounds} {name:12} wall {x['wall']:7.2f}s cpu {x['cpu']:7.2f}s "
                      f"rss {x['rss_mib']:6.0f}MiB pages+assets {x['pages_assets'] / 1e6:7.1f}MB", flush=True)
        summary = {name: {k: median(rows, k) for k in rows[0]} for name, rows in runs.items()}
        results[n] = {"rounds": rounds, "median": summary, "runs": runs}
        if a.phases:
            phases(ours)  # first call pays the imports (lxml, exporters); report the second
            results[n]["phases"] = phases(ours)
        print(report({n: results[n]}), flush=True)
        if a.json:
            a.json.write_text(json.dumps(results, indent=1))
        shutil.rmtree(base, ignore_errors=True)  # 400 compacts leave ~2 GB behind
    print("\n" + report(results))


def report(results: dict) -> str:
    lines = ["| N | rounds | build | wall s | CPU s | peak RSS MiB | pages+assets MB | search index MB | exports MB "
             "| files | wall ours/this |", "|---:|---:|---|---:|---:|---:|---:|---:|---:|---:|---:|"]
    for n, res in results.items():
        m = res["median"]
        for name in ("plain", "plain+prune", "ours", "ours-one-process"):
            x = m[name]
            lines.append(f"| {n} | {res['rounds']} | {name} | {x['wall']:.2f} | {x['cpu']:.2f} | {x['rss_mib']:.0f} "
                         f"| {x['pages_assets'] / 1e6:.1f} | {x['search_index'] / 1e6:.1f} | {x['exports'] / 1e6:.1f} "
                         f"| {x['files']:.0f} | {m['ours']['wall'] / x['wall']:.2f} |")
    for n, res in results.items():
        if "phases" in res:
            lines += ["", f"Phases at N={n} (in-process, s): " + ", ".join(f"{k} {v:.2f}" for k, v in res["phases"].items())]
    return "\n".join(lines)


if __name__ == "__main__":
    main()
