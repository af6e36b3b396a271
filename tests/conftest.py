"""Shared fixtures: paths to the repository, its content and the shared source documents."""
from __future__ import annotations

from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
CONTENT = ROOT / "content"
SHARED = ROOT.parent / "shared"
SOURCES = SHARED / "source-documents"


@pytest.fixture(scope="session")
def loaded_content():
    """The site's own content, loaded once."""
    from compact_site.content import load_content

    return load_content([CONTENT])
