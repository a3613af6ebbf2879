"""What every script shares on the command line: Swedish argparse, Swedish errors instead of
tracebacks, and text from outside made safe for a terminal or a CI log.

Exit codes of every script: 0 done, 1 a problem in the data (or in what a server sent),
2 wrong use (a wrong or missing argument, a file that is not there). Scripts that need more
codes document them in their help.
"""

from __future__ import annotations

import argparse
import os
import sys
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from pathlib import Path
from typing import Any, NoReturn

from fardplan.data.addresses import SettingsError
from fardplan.data.files import FileProblem, os_error_message
from fardplan.data.text import safe_text as safe_text  # also the scripts' helper

EXIT_DATA = 1
EXIT_USAGE = 2

# argparse's own texts (Python 3.11–3.13), looked up through its module-level gettext functions.
_SWEDISH = {
    "usage: ": "användning: ",
    "positional arguments": "argument",
    "options": "flaggor",
    "optional arguments": "flaggor",
    "show this help message and exit": "visa den här hjälpen och avsluta",
    "show program's version number and exit": "visa versionen och avsluta",
    "%(prog)s: error: %(message)s\n": "%(prog)s: fel: %(message)s\n",
    "the following arguments are required: %s": "följande argument krävs: %s",
    "unrecognized arguments: %s": "okänt argument: %s",
    "invalid choice: %(value)r (choose from %(choices)s)": "ogiltigt val: %(value)r (välj bland %(choices)s)",
    "argument %(argument_name)s: %(message)s": "argument %(argument_name)s: %(message)s",
    "expected one argument": "ett värde saknas",
    "expected at most one argument": "högst ett värde får anges",
    "expected at least one argument": "minst ett värde krävs",
    "invalid %(type)s value: %(value)r": "ogiltigt värde: %(value)r",
    "ambiguous option: %(option)s could match %(matches)s": "flaggan %(option)s är tvetydig: den kan vara %(matches)s",
    "not allowed with argument %s": "får inte användas tillsammans med %s",
    "ignored explicit argument %r": "tar inget värde: %r",
    "one of the arguments %s is required": "ett av argumenten %s krävs",
    "unexpected option string: %s": "oväntad flagga: %s",
    "unknown parser %(parser_name)r (choices: %(choices)s)": "okänt kommando %(parser_name)r (välj bland %(choices)s)",
}


def _gettext(message: str) -> str:
    return _SWEDISH.get(message, message)


def _ngettext(singular: str, plural: str, n: int) -> str:
    if singular == "expected %s argument":
        return "kräver %s värde" if n == 1 else "kräver %s värden"
    return singular if n == 1 else plural


@contextmanager
def _swedish() -> Iterator[None]:
    """argparse looks its texts up through module globals when it needs them: swap them meanwhile."""
    names = vars(argparse)
    if "_" not in names or "ngettext" not in names:  # another Python: stay in English
        yield
        return
    saved = names["_"], names["ngettext"]
    names["_"], names["ngettext"] = _gettext, _ngettext
    try:
        yield
    finally:
        names["_"], names["ngettext"] = saved


class SwedishArgumentParser(argparse.ArgumentParser):
    """argparse with Swedish usage, help and error messages (subcommands get the same class)."""

    def __init__(self, *, add_help: bool = True, **kwargs: Any) -> None:
        kwargs.setdefault("formatter_class", argparse.RawDescriptionHelpFormatter)
        with _swedish():
            super().__init__(add_help=False, **kwargs)
        if add_help:
            self.add_argument("-h", "--hjälp", action="help", help="visa den här hjälpen och avsluta")
            # The English spellings and an ASCII one still work, without cluttering the help.
            self.add_argument("--help", "--hjalp", action="help", help=argparse.SUPPRESS)

    def parse_args(  # type: ignore[override]  # argparse's overloads; we only parse into a new Namespace
        self, args: Sequence[str] | None = None, namespace: None = None
    ) -> argparse.Namespace:
        with _swedish():
            return super().parse_args(args, namespace)

    def parse_known_args(  # type: ignore[override]  # as parse_args
        self, args: Sequence[str] | None = None, namespace: None = None
    ) -> tuple[argparse.Namespace, list[str]]:
        with _swedish():
            return super().parse_known_args(args, namespace)

    def format_usage(self) -> str:
        with _swedish():
            return super().format_usage()

    def format_help(self) -> str:
        with _swedish():
            return super().format_help()

    def add_subparsers(  # type: ignore[override]  # argparse's overloads by parser_class: ours is always this one
        self, **kwargs: Any
    ) -> argparse._SubParsersAction[SwedishArgumentParser]:
        kwargs.setdefault("title", "kommandon")
        with _swedish():
            return super().add_subparsers(**kwargs)

    def error(self, message: str) -> NoReturn:
        self.print_usage(sys.stderr)
        self.exit(EXIT_USAGE, f"{self.prog}: fel: {message}\n")


def say(message: str, *, error: bool = False) -> None:
    """Print a message that may carry text from outside."""
    print(safe_text(message), file=sys.stderr if error else sys.stdout)


def fail(message: str, code: int = EXIT_DATA) -> int:
    say(f"fel: {message}", error=True)
    return code


def run(main: Callable[[], int | None]) -> NoReturn:
    """Run a script's main() and exit with its code; files that are missing or not UTF-8 and an
    interrupted run end with a Swedish message, never a traceback."""
    try:
        code = main()
    except FileProblem as problem:
        code = fail(str(problem), problem.code)
    except SettingsError as problem:  # a setting in mkdocs.yml: the message names it
        code = fail(str(problem), EXIT_DATA)
    except UnicodeDecodeError as error:
        code = fail(
            f"en fil är inte sparad som UTF-8 (byte 0x{error.object[error.start]:02x} kan inte läsas); "
            "spara den som UTF-8 i din editor",
            EXIT_DATA,
        )
    except OSError as error:
        missing = isinstance(error, FileNotFoundError | IsADirectoryError | NotADirectoryError)
        code = fail(os_error_message(error), EXIT_USAGE if missing else EXIT_DATA)
    except BrokenPipeError:  # the reader went away (`| head`): nothing more to say
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        code = EXIT_DATA
    except KeyboardInterrupt:
        code = fail("avbrutet", 130)
    sys.exit(code or 0)


def site_config(path: Path) -> dict[str, Any]:
    """mkdocs.yml read for a script, with a Swedish message when it is missing, not UTF-8 or not YAML."""
    import yaml

    from fardplan.data.files import read_text
    from fardplan.versions.publishing import read_site_config

    read_text(path)  # names the file when it is missing or not UTF-8
    try:
        config = read_site_config(path)
    except yaml.YAMLError as error:
        mark = getattr(error, "problem_mark", None)
        where = f"{path}:{mark.line + 1}:{mark.column + 1}" if mark else str(path)
        raise FileProblem(f"{where}: filen är inte giltig YAML och kan inte läsas", EXIT_DATA) from None
    if not isinstance(config, dict):
        raise FileProblem(
            f"{path}: filen ska innehålla webbplatsens inställningar (nyckel: värde)", EXIT_DATA
        )
    return config
