"""`fardplan bench`: the build benchmark, scripts/bench.py of the project (DEVELOPMENT.md, Performance).

The benchmark builds scaled copies of a project's pages and settings, so it belongs to a project
checkout rather than to the package: this command runs that script with this Python.
"""

from __future__ import annotations

import argparse
import subprocess
import sys

from fardplan.cli import EXIT_USAGE, SwedishArgumentParser, fail

DESCRIPTION = "Mät hur snabbt kontrollen och bygget är vid 1, 10 och 100 gånger färdplanens storlek."
EPILOG = "Argumenten går till scripts/bench.py i projektmappen; se fardplan bench -- --hjälp."


def arguments(parser: SwedishArgumentParser) -> None:
    parser.add_argument(
        "argument", nargs=argparse.REMAINDER, metavar="...", help="argumenten till scripts/bench.py"
    )


def execute(args: argparse.Namespace) -> int:
    script = args.projekt / "scripts" / "bench.py"
    if not script.is_file():
        return fail(f"{script} finns inte: kör kommandot i en kopia av verktygets förråd", EXIT_USAGE)
    rest = args.argument[1:] if args.argument[:1] == ["--"] else args.argument
    return subprocess.run([sys.executable, str(script), *rest], cwd=args.projekt, check=False).returncode
