"""Fixtures shared by all tests: a small valid roadmap, files written on the fly, a project copy,
and the guard that keeps every test off the live content (data/roadmap.yaml and the remiss files)."""
from __future__ import annotations

import os
import sys
import tempfile
import textwrap
from pathlib import Path

import pytest

from support import FIXTURES, LIVE_CONTENT, copy_project

# Every use of the live content, found by audit hooks: an open of one of its files in this process
# (a build of the repository's own mkdocs.yml opens them too) or in any Python process a test
# starts (scripts, mkdocs, mike: tests/live_guard/sitecustomize.py reports to a file), and any other
# command given a live file. A test that uses it fails, and so does collection.
LIVE_USES: list[str] = []
_LIVE = {os.path.realpath(path) for path in LIVE_CONTENT}
_REPORT = Path(tempfile.mkstemp(prefix="fardplan-live-uses-", suffix=".txt")[1])
os.environ["FARDPLAN_LIVE_GUARD"] = str(_REPORT)
os.environ["FARDPLAN_LIVE_FILES"] = os.pathsep.join(sorted(_LIVE))
os.environ["PYTHONPATH"] = os.pathsep.join(
    filter(None, [str(Path(__file__).parent / "live_guard"), os.environ.get("PYTHONPATH")]))


def _is_live(path) -> bool:
    return (isinstance(path, (str, bytes, os.PathLike)) and os.fsdecode(path).endswith(".yaml")
            and os.path.realpath(os.fsdecode(path)) in _LIVE)


def _guard(event: str, args: tuple) -> None:
    if event == "open" and _is_live(args[0]):
        LIVE_USES.append(f"opened {os.fsdecode(args[0])}")
    elif event == "subprocess.Popen":
        argv = [args[1]] if isinstance(args[1], (str, bytes, os.PathLike)) else list(args[1] or [])
        if any(_is_live(Path(args[2] or os.getcwd()) / os.fsdecode(a)) for a in argv
               if isinstance(a, (str, bytes, os.PathLike))):
            LIVE_USES.append(f"ran {' '.join(map(os.fsdecode, argv))}")


def _collect_live_uses() -> list[str]:
    """This process's uses and its children's, and start afresh."""
    children = _REPORT.read_text(encoding="utf-8").splitlines() if _REPORT.exists() else []
    _REPORT.write_text("", encoding="utf-8")
    uses, LIVE_USES[:] = LIVE_USES + children, []
    return uses


sys.addaudithook(_guard)


@pytest.fixture(autouse=True)
def no_live_content():
    """The tool's tests read the example färdplan (support.EXAMPLE), never the editors' files."""
    _collect_live_uses()
    yield
    uses = _collect_live_uses()
    assert not uses, ("this test used the live content; read support.DATA or build a support.copy_project "
                      "instead:\n  " + "\n  ".join(uses))


def pytest_collection_finish(session):
    uses = _collect_live_uses()
    if uses:
        raise pytest.UsageError("collecting the tests used the live content (data/*.yaml); read the "
                                "example färdplan in support.EXAMPLE instead:\n  " + "\n  ".join(uses))


def pytest_unconfigure(config):
    _REPORT.unlink(missing_ok=True)


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
