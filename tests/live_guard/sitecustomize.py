"""Loaded by every Python process a test starts (conftest.py puts this folder on PYTHONPATH): it
reports each open of the live content (FARDPLAN_LIVE_FILES) to the file FARDPLAN_LIVE_GUARD names,
so that a script, mkdocs or mike run by a test cannot read the editors' files unnoticed."""

import os
import sys

_REPORT = os.environ.get("FARDPLAN_LIVE_GUARD")
_LIVE = set(filter(None, os.environ.get("FARDPLAN_LIVE_FILES", "").split(os.pathsep)))


def _guard(event, args):
    if (
        event == "open"
        and isinstance(args[0], (str, bytes, os.PathLike))
        and os.fsdecode(args[0]).endswith(".yaml")
        and os.path.realpath(os.fsdecode(args[0])) in _LIVE
    ):
        with open(_REPORT, "a", encoding="utf-8") as report:
            report.write(f"{' '.join(sys.argv)[:200]} opened {os.fsdecode(args[0])}\n")


if _REPORT and _LIVE:
    sys.addaudithook(_guard)
