"""The `fardplan` command: one entry point with a subcommand per task (issue 12 item 5).

Each command is a module here with `arguments(parser)` and `execute(args) -> int` (and optionally
DESCRIPTION and EPILOG); every command gets `--projekt MAPP`, so `args.projekt` is the project
folder whose files are the defaults. Modules are imported only when their command runs, so `fardplan
--hjälp` does not load WeasyPrint or copier. The scripts in scripts/ are thin wrappers that call
`script(...)` with the repository as project, so the workflows and old habits keep working.

Exit codes: 0 done, 1 a problem in the data (or in what a server sent), 2 wrong use; a command
that needs more says so in its help.
"""

from __future__ import annotations

import argparse
import importlib
from pathlib import Path
from types import ModuleType
from typing import NoReturn

from fardplan.cli import EXIT_USAGE, SwedishArgumentParser, fail, run

# name -> (module, what it does). The order is the order of the help.
COMMANDS: dict[str, tuple[str, str]] = {
    "ny": ("ny", "starta en ny färdplan för din kommun eller region"),
    "validate": ("validate", "kontrollera datafilen och lista alla fel med rad och kolumn"),
    "add": ("add", "lägg till ett nytt behov eller en ny åtgärd i datafilen"),
    "release": ("release", "publicera en version: kontrollera datan och skapa taggen v<version>"),
    "remissvar": ("remissvar", "sammanställ remissvaren från GitHub till data/remissvar.yaml"),
    "pdf": ("pdf", "skriv hela färdplanen som PDF"),
    "export": ("export", "skriv de öppna datafilerna till en byggd webbplats"),
    "kolada": ("kolada", "hämta måttens värden från Kolada till data/kolada.json"),
    "bench": ("bench", "mät hur snabbt kontrollen och bygget är (för utvecklare)"),
}

EPILOG = """\
Kommandona arbetar i projektmappen: den närmaste mappen uppåt från där du står som har en
mkdocs.yml, eller den du anger med --projekt. Hjälp för ett kommando: fardplan KOMMANDO --hjälp

Slutkoder: 0 klart, 1 fel i datan, 2 fel anrop (fel eller saknat argument, en fil som inte finns).
Kommandon med fler slutkoder beskriver dem i sin hjälp."""


def find_project(start: Path | None = None) -> Path:
    """The project folder: the nearest folder from `start` upwards with a mkdocs.yml, else `start`."""
    here = (start or Path.cwd()).resolve()
    for folder in (here, *here.parents):
        if (folder / "mkdocs.yml").is_file():
            return folder
    return here


def command_module(name: str) -> ModuleType:
    return importlib.import_module(f"fardplan.commands.{COMMANDS[name][0]}")


def command_parser(name: str, prog: str, project: Path) -> SwedishArgumentParser:
    module = command_module(name)
    parser = SwedishArgumentParser(
        prog=prog,
        description=getattr(module, "DESCRIPTION", None) or COMMANDS[name][1].capitalize() + ".",
        epilog=getattr(module, "EPILOG", None),
    )
    module.arguments(parser)
    parser.add_argument(
        "--projekt",
        "--project",
        type=Path,
        default=project,
        metavar="MAPP",
        help="projektmappen med mkdocs.yml och data/ (standard: den närmaste uppåt från där du står)",
    )
    return parser


def execute(name: str, argv: list[str] | None, prog: str, project: Path) -> int:
    args = command_parser(name, prog, project).parse_args(argv)
    if not args.projekt.is_dir():
        return fail(f"projektmappen {args.projekt} finns inte", EXIT_USAGE)
    code: int = command_module(name).execute(args)
    return code


def data_file(args: argparse.Namespace, given: str | Path | None = None, name: str = "roadmap.yaml") -> Path:
    """A file of the project's data folder, unless the command was given another one."""
    return Path(given) if given is not None else args.projekt / "data" / name


def top_parser() -> SwedishArgumentParser:
    listing = "\n".join(f"  {name:<10} {summary}" for name, (_, summary) in COMMANDS.items())
    parser = SwedishArgumentParser(
        prog="fardplan",
        description="Färdplan för äldreomsorgens utveckling: data som blir en webbplats.\n\n"
        f"Kommandon:\n{listing}",
        epilog=EPILOG,
    )
    parser.add_argument("kommando", metavar="KOMMANDO", choices=list(COMMANDS), help="ett av kommandona ovan")
    parser.add_argument("argument", nargs=argparse.REMAINDER, metavar="...", help="kommandots argument")
    return parser


def dispatch(argv: list[str] | None = None) -> int:
    parser = top_parser()
    if not argv:
        parser.print_help()
        return EXIT_USAGE
    args = parser.parse_args(argv)
    return execute(args.kommando, args.argument, f"fardplan {args.kommando}", find_project())


def main(argv: list[str] | None = None) -> NoReturn:
    """The console script `fardplan` (pyproject's [project.scripts])."""
    import sys

    run(lambda: dispatch(sys.argv[1:] if argv is None else argv))


def script(name: str, prog: str, project: Path) -> NoReturn:
    """What scripts/<prog> runs: the command with the repository the script lives in as project."""
    import sys

    run(lambda: execute(name, sys.argv[1:], prog, project))
