"""Shared helpers: the repository's paths, a small valid roadmap, and temporary project copies."""
from __future__ import annotations

import shutil
import textwrap
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
DATA = ROOT / "data" / "roadmap.yaml"
FIXTURES = Path(__file__).parent / "fixtures"


@pytest.fixture
def minimal_text() -> str:
    return (FIXTURES / "minimal.yaml").read_text(encoding="utf-8")


@pytest.fixture
def write_yaml(tmp_path):
    """Write YAML text (dedented) or bytes to a file and return its path."""

    def write(content: str | bytes, name: str = "roadmap.yaml") -> Path:
        path = tmp_path / name
        if isinstance(content, bytes):
            path.write_bytes(content)
        else:
            path.write_text(textwrap.dedent(content), encoding="utf-8")
        return path

    return write


def copy_project(target: Path) -> Path:
    """A copy of everything the site build reads, so a test may change data without touching ours."""
    for name in ("docs", "data", "macros"):
        shutil.copytree(ROOT / name, target / name, ignore=shutil.ignore_patterns("__pycache__"))
    shutil.copy(ROOT / "mkdocs.yml", target / "mkdocs.yml")
    return target


@pytest.fixture
def project(tmp_path) -> Path:
    return copy_project(tmp_path / "project")
