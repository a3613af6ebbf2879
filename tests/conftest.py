"""Fixtures shared by all tests: a small valid roadmap, files written on the fly, a project copy."""
from __future__ import annotations

import textwrap
from pathlib import Path

import pytest

from support import FIXTURES, copy_project


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


@pytest.fixture
def project(tmp_path) -> Path:
    return copy_project(tmp_path / "project")
