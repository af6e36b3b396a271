"""The package's layering is a checked contract (pyproject.toml's [tool.importlinter], run by import-linter):
each layer imports only from those below it, only the plugin imports MkDocs or Material, and no two modules or
packages import each other. Plus: no module carries the name of a library, and the README names every package."""
from __future__ import annotations

import importlib.metadata
import pkgutil
import re
import shutil
import subprocess
import sys
from pathlib import Path

import compact_site

ROOT = Path(__file__).resolve().parent.parent
LINT_IMPORTS = Path(sys.executable).with_name("lint-imports")


def _lint(root: Path) -> subprocess.CompletedProcess:
    env = {"PYTHONPATH": str(root), "PATH": "/usr/bin:/bin", "NO_COLOR": "1"}
    return subprocess.run([str(LINT_IMPORTS), "--no-cache"], cwd=root, env=env, capture_output=True, text=True,
                          timeout=120)


def test_the_layer_contracts_hold():
    result = _lint(ROOT)
    assert result.returncode == 0, result.stdout + result.stderr
    assert "3 kept, 0 broken" in result.stdout


def test_the_contracts_catch_each_kind_of_fault(tmp_path):
    """A copy of the package with one upward import, one MkDocs import outside the plugin and one circle: each
    contract must name its fault (a contract that never fails checks nothing)."""
    shutil.copytree(ROOT / "compact_site", tmp_path / "compact_site", ignore=shutil.ignore_patterns("__pycache__"))
    shutil.copy(ROOT / "pyproject.toml", tmp_path)
    faults = {"model/references.py": "from compact_site.pages import listing",  # upward
              "text/to_html.py": "import mkdocs",  # MkDocs below the plugin
              "render/fragments.py": "from compact_site.render import compact_page"}  # compact_page imports it
    for path, line in faults.items():
        with open(tmp_path / "compact_site" / path, "a", encoding="utf-8") as handle:
            handle.write(f"\n{line}  # noqa: E402,F401\n")
    result = _lint(tmp_path)
    assert result.returncode == 1
    assert "0 kept, 3 broken" in result.stdout, result.stdout
    assert "compact_site.model is not allowed to import compact_site.pages" in result.stdout
    assert "compact_site.text.to_html -> mkdocs" in result.stdout
    assert ".fragments -> .compact_page" in result.stdout  # the circle, named in compact_site.render


def _modules() -> list[str]:
    return [m.name for m in pkgutil.walk_packages(compact_site.__path__, "compact_site.")]


def test_no_module_is_named_after_a_library():
    """``html.py`` or ``markdown.py`` read like the standard library's or a dependency's module in a traceback
    or an import line; our names say what our code does."""
    libraries = set(sys.stdlib_module_names) | set(importlib.metadata.packages_distributions())
    modules = _modules()
    assert len(modules) > 80
    assert [name for name in modules if name.rsplit(".", 1)[-1] in libraries] == []


def test_the_readme_layout_names_every_package():
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    layout = readme.split("## Layout", 1)[1].split("\n## ", 1)[0]
    packages = sorted({name.split(".")[1] for name in _modules() if
                       (ROOT / name.replace(".", "/") / "__init__.py").is_file() and name.count(".") == 1})
    assert len(packages) >= 10, packages
    missing = [package for package in packages if not re.search(rf"`compact_site/{package}/`", layout)]
    assert missing == [], f"README's Layout section does not name: {missing}"
