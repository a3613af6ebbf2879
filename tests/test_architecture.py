"""The core's rooms: imports flow one way (commands -> pages -> versions -> remiss -> editing ->
data) and nothing in the core imports MkDocs. The contracts live in pyproject.toml; `lint-imports`
checks them, here on the real core and on a copy with a wrong import added."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from support import ROOT

LINT_IMPORTS = Path(sys.executable).parent / "lint-imports"


def lint_imports(project: Path) -> subprocess.CompletedProcess:
    env = {**os.environ, "PYTHONPATH": str(project / "macros")}
    return subprocess.run(
        [str(LINT_IMPORTS), "--no-cache", "--no-logo"],
        cwd=project,
        env=env,
        capture_output=True,
        text=True,
        check=False,
    )


def core_copy(target: Path) -> Path:
    shutil.copytree(ROOT / "macros" / "fardplan", target / "macros" / "fardplan")
    shutil.copy(ROOT / "pyproject.toml", target / "pyproject.toml")
    return target


def test_the_core_keeps_its_import_contracts():
    done = lint_imports(ROOT)
    assert done.returncode == 0, done.stdout + done.stderr
    assert "2 kept, 0 broken" in done.stdout


@pytest.mark.parametrize(
    ("module", "line", "broken"),
    [
        (
            "data/clock.py",
            "from fardplan.pages import views",
            "fardplan.data is not allowed to import fardplan.pages",
        ),
        (
            "versions/edition.py",
            "from fardplan.pages.render import make_environment",
            "fardplan.versions is not allowed to import fardplan.pages",
        ),
        ("remiss/period.py", "import mkdocs.config", "fardplan is not allowed to import mkdocs"),
    ],
)
def test_an_import_against_the_flow_fails_the_check(tmp_path, module, line, broken):
    project = core_copy(tmp_path)
    path = project / "macros" / "fardplan" / module
    path.write_text(path.read_text(encoding="utf-8") + f"\n{line}\n", encoding="utf-8")
    done = lint_imports(project)
    assert done.returncode == 1
    assert broken in done.stdout
    assert f"fardplan.{module[:-3].replace('/', '.')} ->" in done.stdout
