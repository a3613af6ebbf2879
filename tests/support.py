"""Paths and helpers shared by every test module (on sys.path via pyproject's pytest settings)."""
from __future__ import annotations

import shutil
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
DATA = ROOT / "data" / "roadmap.yaml"
FIXTURES = Path(__file__).parent / "fixtures"


def copy_project(target: Path) -> Path:
    """A copy of everything the site build reads, so a test may change data without touching ours."""
    for name in ("docs", "data", "macros"):
        shutil.copytree(ROOT / name, target / name, ignore=shutil.ignore_patterns("__pycache__", "*.egg-info"))
    shutil.copy(ROOT / "mkdocs.yml", target / "mkdocs.yml")
    for optional in ("overrides",):
        if (ROOT / optional).is_dir():
            shutil.copytree(ROOT / optional, target / optional)
    return target
