#!/usr/bin/env python3
"""Does a remiss need today's rebuild? Prints the tag of the newest published version when it is a
remiss whose pages still change with the date.

    python scripts/remiss_open.py   # prints e.g. v2022-remiss and exits 0; exits 1 otherwise

The publishing workflow runs this every day and rebuilds that version, so everything that
depends on the date (days left, the links, the build date) stays right: while the newest
published version has status remiss, and until a few days after its last day (if the data
records one), so the pages also come to say that the remiss has closed. "Today" is the date in
Sweden; FARDPLAN_TODAY=YYYY-MM-DD fixes it.
"""

from __future__ import annotations

import sys
from pathlib import Path

from fardplan.cli import EXIT_USAGE, SwedishArgumentParser, fail, run
from fardplan.data.clock import build_date
from fardplan.project import load_project
from fardplan.versions.edition import remiss_needs_rebuild
from fardplan.versions.version_history import History

ROOT = Path(__file__).resolve().parent.parent


def main(argv: list[str] | None = None) -> int:
    parser = SwedishArgumentParser(
        prog="remiss_open.py", description="Visa taggen för den version som är ute på remiss just nu."
    )
    parser.add_argument(
        "--project", type=Path, default=ROOT, metavar="MAPP", help="projektmappen (standard: den här)"
    )
    args = parser.parse_args(argv)
    project = args.project.resolve()
    if not project.is_dir():
        return fail(f"projektmappen {args.project} finns inte", EXIT_USAGE)
    data_file = load_project(project / "mkdocs.yml").data
    history = History.find(project / data_file)
    if history is None or not history.versions:
        print("Ingen version är publicerad.", file=sys.stderr)
        return 1
    newest = history.versions[-1]
    published = history.load(newest)
    if published.roadmap is None:
        print(f"Version {newest.version} kan inte läsas: {published.problem}.", file=sys.stderr)
        return 1
    if not remiss_needs_rebuild(published.roadmap, build_date()):
        print(f"Ingen remiss behöver byggas om (senaste versionen är {newest.version}).", file=sys.stderr)
        return 1
    print(newest.tag)
    return 0


if __name__ == "__main__":
    run(main)
