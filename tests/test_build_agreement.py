"""What the validator accepts builds; what it refuses stops a real `mkdocs build` before site/ is
touched; and `scripts/dev.py build` keeps the previous site/ even when a page fails to render
(issue 10, class 6)."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from support import ROOT, copy_project, failed_build

MKDOCS = Path(sys.executable).with_name("mkdocs")


def _env() -> dict[str, str]:
    return {
        **os.environ,
        "NO_MKDOCS_2_WARNING": "1",
        "PATH": f"{MKDOCS.parent}{os.pathsep}{os.environ['PATH']}",
    }


def _previous_site(project: Path) -> Path:
    marker = project / "site" / "index.html"
    marker.parent.mkdir(parents=True)
    marker.write_text("förra bygget", encoding="utf-8")
    return marker


def _edit(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert old in text, f"{path.name} lacks {old!r}"
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


def _first(path: Path, prefix: str) -> str:
    """The first line of the data file that starts with `prefix`."""
    return next(line for line in path.read_text(encoding="utf-8").splitlines() if line.startswith(prefix))


def _break_link_host(data: Path) -> str:
    line = _first(data, "    länk: https://")
    _edit(data, line, "    länk: https://[data.riksdagen.se/dokument")
    return "går inte att använda som länk"


def _review_in_year_9999(data: Path) -> str:
    line = _first(data, "        senast-granskad: ")
    _edit(data, line, "        senast-granskad: 9999-12-31")
    return "med ett år från 1900 till 2099"


# (Removing an area from the data no longer breaks anything: its page goes with it. A leftover page
# file in docs/omraden/ is refused before site/ is touched: test_area_pages.py.)
@pytest.mark.parametrize("breaks", [_break_link_host, _review_in_year_9999])
def test_what_crashed_the_build_is_refused_before_site_is_touched(tmp_path, caplog, breaks):
    project = copy_project(tmp_path / "project")
    expected = breaks(project / "data" / "roadmap.yaml")
    marker = _previous_site(project)
    assert expected in failed_build(project, caplog)
    assert marker.read_text(encoding="utf-8") == "förra bygget"


def _dev_project(tmp_path: Path) -> Path:
    project = copy_project(tmp_path / "project")
    (project / "scripts").mkdir()
    shutil.copy(ROOT / "scripts" / "dev.py", project / "scripts" / "dev.py")
    return project


# `python3 scripts/dev.py build` in the copy, with this environment's tools instead of a .venv of
# its own (its set-up would install packages).
DEV_BUILD = [
    sys.executable,
    "-c",
    "import sys; from pathlib import Path; sys.path.insert(0, 'scripts'); "
    "import dev; dev.BIN = Path(sys.executable).parent; dev.build([], dev._env())",
]


def test_dev_build_keeps_the_previous_site_when_a_page_fails_to_render(tmp_path):
    project = _dev_project(tmp_path)
    marker = _previous_site(project)
    # A macro that does not exist fails only when MkDocs renders the page, after it has emptied
    # its output folder: the kind of failure on_config cannot catch.
    page = project / "docs" / "index.md"
    original = page.read_text(encoding="utf-8")
    page.write_text(original + "\n{{ finns_inte() }}\n", encoding="utf-8")
    command = DEV_BUILD
    failed = subprocess.run(command, cwd=project, env=_env(), capture_output=True, text=True)
    assert failed.returncode != 0
    assert "Den förra webbplatsen i site/ är kvar som den var." in failed.stderr
    assert marker.read_text(encoding="utf-8") == "förra bygget"
    assert not list(project.glob(".site-*")), "the half-built folder is removed"

    page.write_text(original, encoding="utf-8")
    built = subprocess.run(command, cwd=project, env=_env(), capture_output=True, text=True)
    assert built.returncode == 0, built.stderr
    assert "förra bygget" not in marker.read_text(encoding="utf-8")
    assert "<html" in marker.read_text(encoding="utf-8")
    assert not list(project.glob(".site-*"))
