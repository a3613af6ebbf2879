"""The guard that keeps the tool's tests off the live content (data/roadmap.yaml and the remiss
files): conftest.py imports it before any test module, and fails a test that used the content."""

from __future__ import annotations

import os
import sys
import tempfile
from pathlib import Path

from support import LIVE_CONTENT

# Every use of the live content, found by audit hooks: an open of one of its files in this process
# (a build of the repository's own mkdocs.yml opens them too) or in any Python process a test
# starts (scripts, mkdocs, mike: tests/live_guard/sitecustomize.py reports to a file), and any other
# command given a live file. A test that uses it fails, and so does collection.
LIVE_USES: list[str] = []
_LIVE = {os.path.realpath(path) for path in LIVE_CONTENT}
REPORT = Path(tempfile.mkstemp(prefix="fardplan-live-uses-", suffix=".txt")[1])
os.environ["FARDPLAN_LIVE_GUARD"] = str(REPORT)
os.environ["FARDPLAN_LIVE_FILES"] = os.pathsep.join(sorted(_LIVE))
os.environ["PYTHONPATH"] = os.pathsep.join(
    filter(None, [str(Path(__file__).parent / "live_guard"), os.environ.get("PYTHONPATH")])
)


def _is_live(path) -> bool:
    return (
        isinstance(path, (str, bytes, os.PathLike))
        and os.fsdecode(path).endswith(".yaml")
        and os.path.realpath(os.fsdecode(path)) in _LIVE
    )


def _guard(event: str, args: tuple) -> None:
    if event == "open" and _is_live(args[0]):
        LIVE_USES.append(f"opened {os.fsdecode(args[0])}")
    elif event == "subprocess.Popen":
        argv = [args[1]] if isinstance(args[1], (str, bytes, os.PathLike)) else list(args[1] or [])
        if any(
            _is_live(Path(args[2] or os.getcwd()) / os.fsdecode(a))
            for a in argv
            if isinstance(a, (str, bytes, os.PathLike))
        ):
            LIVE_USES.append(f"ran {' '.join(map(os.fsdecode, argv))}")


def collect_live_uses() -> list[str]:
    """This process's uses and its children's, and start afresh."""
    children = REPORT.read_text(encoding="utf-8").splitlines() if REPORT.exists() else []
    REPORT.write_text("", encoding="utf-8")
    uses, LIVE_USES[:] = LIVE_USES + children, []
    return uses


sys.addaudithook(_guard)
