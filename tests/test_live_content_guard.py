"""The guard (live_content.py, installed by conftest.py): a test that reads the editors' live files fails, so the tool's tests
stay green whatever the content says (issue 16)."""

from __future__ import annotations

import subprocess
import sys

import live_content
from support import DATA, EXAMPLE, LIVE_CONTENT, ROOT


def test_reading_a_live_file_is_caught():
    for path in LIVE_CONTENT:
        path.read_bytes()
    assert live_content.collect_live_uses() == [f"opened {path}" for path in LIVE_CONTENT]


def test_a_script_reading_the_live_data_is_caught(tmp_path):
    # validate.py with no file reads data/roadmap.yaml of the repository, in its own process
    subprocess.run([sys.executable, str(ROOT / "scripts" / "validate.py")], cwd=ROOT, capture_output=True)
    subprocess.run(["cat", str(LIVE_CONTENT[1])], cwd=tmp_path, capture_output=True)
    caught = live_content.collect_live_uses()
    assert caught[0] == f"ran cat {LIVE_CONTENT[1]}", caught
    assert any("validate.py opened " in use and use.endswith(str(LIVE_CONTENT[0])) for use in caught), caught


def test_the_example_and_other_commands_are_allowed(tmp_path):
    DATA.read_text(encoding="utf-8")
    subprocess.run(["git", "status", "--short"], cwd=ROOT, capture_output=True)
    done = subprocess.run(
        [sys.executable, str(ROOT / "scripts" / "validate.py"), str(DATA)],
        cwd=tmp_path,
        capture_output=True,
        text=True,
    )
    assert done.returncode == 0, done.stdout
    assert live_content.collect_live_uses() == []


def test_the_example_has_every_content_file():
    """The same names as the live content, so that copy_project never falls back to it."""
    for path in LIVE_CONTENT:
        assert (EXAMPLE / path.relative_to(ROOT)).is_file(), path
