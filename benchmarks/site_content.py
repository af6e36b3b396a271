"""The benchmark's two projects for N compacts: the plain mkdocs-material site and ours, from the same compacts.

``../shared/tools/plain_baseline.py N DIR`` writes the plain site (3 pages per compact, default navigation) and
the same compacts as neutral JSON (``DIR/data/<slug>.json``); each JSON compact is converted here into our YAML
(one ``content/<slug>.yml``, clauses in party groups) in a project whose mkdocs.yml is like the repository's.
Used by run.py, profile_build.py and edition_content.py (which writes past editions of the same compacts).
"""
from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
BASELINE = ROOT.parent / "shared" / "tools" / "plain_baseline.py"

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
PARTY_HEADINGS = {"statutory": "The statutory sector will:", "vcs": "The VCS will:", "all": "All partners will:"}


def _q(text: str) -> str:
    """A YAML scalar, safely quoted (JSON strings are valid YAML)."""
    return json.dumps(text, ensure_ascii=False)


def to_yaml(c: dict) -> str:
    """One neutral-JSON compact as our YAML: each section's clauses grouped by party (consecutive runs, so
    source order is kept), glossary terms with their abbreviations, signatories by sector. The keys an edition
    adds (``version``, ``refreshed``, ``withdrawn``: see edition_content.py) are written only when present, so a
    compact without them converts exactly as before."""
    out = ["# yaml-language-server: $schema=../compact_site/schema/compact.schema.json",
           f"slug: {c['slug']}", f"title: {_q(c['title'])}", f"area: {_q(c['area'])}", "status: adopted"]
    out += [f"version: {_q(c['version'])}"] if c.get("version") else []
    out += ["dates:", f"  adopted: {c['adopted']}"] + ([f"  refreshed: {c['refreshed']}"] if c.get("refreshed") else [])
    out += ["parties:", "  - sector: statutory", "    name: Statutory sector",
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
    out += ["signatories:", "  items:" if c["signatories"] else "  items: []"]
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
    out += ["withdrawn:"] if c.get("withdrawn") else []
    for w in c.get("withdrawn", []):
        out += [f"  - id: {_q(w['id'])}", f"    number: {_q(w['number'])}", f"    date: {w['date']}",
                f"    reason: {_q(w['reason'])}"]
    return "\n".join(out) + "\n"


def ours_project(project: Path) -> Path:
    """An empty project of ours (``content/`` and a mkdocs.yml like the repository's); returns its content dir."""
    content = project / "content"
    content.mkdir(parents=True, exist_ok=True)
    (project / "mkdocs.yml").write_text(OURS_YML.format(overrides=ROOT / "theme_overrides"))
    return content


def check_loads(content: Path, n: int) -> None:
    """Stop the run unless ``content`` loads with no problem at all (no error, no warning) and holds N compacts."""
    # imported late: run.py first puts the copy of the code under test on the path
    from compact_site.content.site_loader import load_content
    loaded = load_content([content])
    if loaded.problems:
        raise SystemExit(f"generated content in {content} does not validate:\n"
                         + "\n".join(p.format() for p in loaded.problems[:20]))
    assert len(loaded.compacts) == n, (len(loaded.compacts), n)


def generate(n: int, base: Path) -> tuple[Path, Path]:
    """Plain project and our project for N compacts under ``base``; returns (plain dir, ours dir)."""
    subprocess.run([sys.executable, str(BASELINE), str(n), str(base)], check=True, stdout=subprocess.DEVNULL)
    plain = base / "plain"
    yml = (plain / "mkdocs.yml").read_text()
    (plain / "mkdocs-prune.yml").write_text(
        yml.replace("  font: false\n", "  font: false\n  features:\n    - navigation.prune\n") + "site_dir: site-prune\n")
    assert "navigation.prune" in (plain / "mkdocs-prune.yml").read_text()
    ours = base / "ours"
    content = ours_project(ours)
    for path in sorted((base / "data").glob("*.json")):
        c = json.loads(path.read_text())
        (content / f"{c['slug']}.yml").write_text(to_yaml(c), encoding="utf-8")
    check_loads(content, n)
    return plain, ours
