"""Paths and helpers shared by every test module (on sys.path via pyproject's pytest settings).

The tests test the tool, not today's content: they read the example färdplan in
tests/fixtures/example/ (data files), never the live data/ files, so that an
editor's change to the content cannot turn the tool's tests red. `python3 scripts/dev.py check`
checks the live content. live_content.py, installed by conftest.py, enforces the rule.

A test that only reads the built example site uses the session fixtures `example_site` and
`example_project` (conftest.py) instead of building its own; one that changes something builds a
`copy_project`, and one whose build must fail checks it with `failed_build`. Builds in tests skip
the PDF unless FARDPLAN_PDF=1 (conftest.py).
"""

from __future__ import annotations

import shutil
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
FIXTURES = Path(__file__).parent / "fixtures"
# The example färdplan: the same layout as the repository's content (data/).
EXAMPLE = FIXTURES / "example"
DATA = EXAMPLE / "data" / "roadmap.yaml"
# The editors' files. No test may read them (live_content.py fails a test that does).
LIVE_CONTENT = tuple(
    ROOT / "data" / name for name in ("roadmap.yaml", "remissvar.yaml", "remissbemotande.yaml")
)


def copy_project(target: Path, content: Path = EXAMPLE) -> Path:
    """A project to build: the tool from this checkout (pages, macros, theme, schemas, mkdocs.yml)
    with the content (data files) from `content`, the example färdplan by default. The areas'
    pages and their place in the navigation come from the data."""
    ignore = shutil.ignore_patterns("__pycache__", "*.egg-info")
    shutil.copytree(ROOT / "docs", target / "docs", ignore=ignore)
    shutil.copytree(ROOT / "macros", target / "macros", ignore=ignore)
    (target / "data").mkdir(exist_ok=True)
    for schema in (ROOT / "data").glob("*.schema.json"):
        shutil.copy(schema, target / "data" / schema.name)
    for optional in ("overrides",):
        if (ROOT / optional).is_dir():
            shutil.copytree(ROOT / optional, target / optional)
    shutil.copytree(content, target, dirs_exist_ok=True)
    shutil.copy(ROOT / "mkdocs.yml", target / "mkdocs.yml")
    return target


def line_of(text: str, start: str) -> int:
    """The 1-based number of the only line of a fixture's text that starts with `start`, so a test
    names the line of what it changed and survives edits elsewhere in the fixture."""
    [number] = [n for n, line in enumerate(text.splitlines(), 1) if line.startswith(start)]
    return number


def failed_build(project: Path, caplog) -> str:
    """What a strict build of `project` into its site/ logged before it stopped the way
    `mkdocs build --strict` stops cleanly (Abort: the messages, exit code 1, no traceback); any
    other exception, or a build that succeeds, fails the test. In this process: a failed build
    costs a fraction of a `mkdocs` command, and test_build.py runs the command itself."""
    import pytest
    from mkdocs.commands.build import build
    from mkdocs.config import load_config
    from mkdocs.exceptions import Abort

    caplog.clear()
    with pytest.raises(Abort):
        build(load_config(str(project / "mkdocs.yml"), strict=True))
    return caplog.text


def run_in_process(main, argv: list[str], cwd: Path, env: dict[str, str]):
    """A command as a fresh `python` would run it, in this process, where starting an interpreter is
    not what a test is about: `main()` runs with `argv` as sys.argv, in `cwd`, with `env` added to
    the environment and no terminal on stdin. Returns a CompletedProcess with what it printed and
    its exit code; an exception it lets out is the traceback and exit code 1 Python would give."""
    import contextlib
    import io
    import subprocess
    import sys
    import traceback

    import pytest

    out, err = io.StringIO(), io.StringIO()
    with pytest.MonkeyPatch.context() as patch:
        patch.chdir(cwd)
        for name, value in env.items():
            patch.setenv(name, value)
        patch.setattr(sys, "argv", argv)
        patch.setattr(sys, "path", list(sys.path))  # what a script puts on it goes with the run
        patch.setattr(sys, "stdin", io.StringIO(""))
        with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
            try:
                main()
                code = 0
            except SystemExit as stop:
                code = stop.code if isinstance(stop.code, int) else 0 if stop.code is None else 1
                if isinstance(stop.code, str):
                    print(stop.code, file=sys.stderr)
            except Exception:
                traceback.print_exc()
                code = 1
    return subprocess.CompletedProcess(argv, code, out.getvalue(), err.getvalue())


def run_script_file(path: Path, args: list[str], cwd: Path, env: dict[str, str]):
    """`python path args...` in this process (run_in_process): the script's file run as __main__,
    with its folder first on sys.path as Python puts it."""
    import runpy
    import sys

    def main() -> None:
        sys.path.insert(0, str(path.parent))
        runpy.run_path(str(path), run_name="__main__")

    return run_in_process(main, [str(path), *args], cwd, env)
