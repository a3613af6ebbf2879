"""`fardplan validate`: check data/roadmap.yaml and list every problem as FILE:LINE:COL: message.

The remiss files beside it (remissvar.yaml, remissbemotande.yaml) are checked too when they exist.

    fardplan validate                  # the default data file
    fardplan validate other.yaml       # another file
    fardplan validate --format github  # GitHub Actions annotations (in pull requests)
    fardplan validate --jämför-med     # changes since the last published version (the
                                                 # newest v… tag; before the first one, main) need
                                                 # a recorded reason (fardplan/data/history.py)
    fardplan validate --jämför-med REF # ... compared with a tag, branch or commit

Exits with 0 when the data has no errors (warnings are fine), 1 when it has, 2 when the call
itself is wrong (such as a reference git does not know).
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Callable
from pathlib import Path

from fardplan import ValidationFailed, validate_file
from fardplan.cli import EXIT_USAGE, SwedishArgumentParser, fail
from fardplan.commands import data_file
from fardplan.data.diagnostics import Diagnostic, format_all, summary
from fardplan.data.model import Roadmap
from fardplan.data.validate import display_name
from fardplan.project import Project, load_project
from fardplan.remiss.answers import load_remiss_answers
from fardplan.remiss.leftovers import answers_leftovers
from fardplan.versions.gitref import RELEASE_TAG_PREFIX, repository_root
from fardplan.versions.releases import CompareError, load_previous

LATEST_RELEASE = "senaste-publicerade"


def annotation_name(path: Path) -> str:
    """GitHub places an annotation on a pull request's diff only when the file is named
    relative to the repository root, wherever the command runs from."""
    root = repository_root(path.resolve())
    return display_name(path, root) if root else display_name(path)


DESCRIPTION = "Kontrollera färdplanens datafil."


def arguments(parser: SwedishArgumentParser) -> None:
    parser.add_argument(
        "file",
        nargs="?",
        metavar="FIL",
        help="datafilen (standard: data/roadmap.yaml)",
    )
    parser.add_argument(
        "--format",
        choices=["text", "github"],
        default="text",
        help="text (standard) eller github för anteckningar i en pull request",
    )
    parser.add_argument(
        "--jämför-med",
        "--compare-with",
        dest="compare_with",
        nargs="?",
        const=LATEST_RELEASE,
        metavar="REF",
        help="kräv skäl för ändrade tidshorisonter och statusar sedan en publicerad "
        f"version: en git-tagg, gren eller commit (utan värde: den senaste taggen "
        f"{RELEASE_TAG_PREFIX}…)",
    )


def execute(args: argparse.Namespace) -> int:
    path = data_file(args, args.file)
    if not path.is_file():  # a wrong call, not a problem in the data
        return fail(
            f"filen {path} finns inte" if not path.exists() else f"{path} är en mapp, inte en fil",
            EXIT_USAGE,
        )
    previous = None
    if args.compare_with is not None:
        ref = None if args.compare_with == LATEST_RELEASE else args.compare_with
        try:
            previous = load_previous(path, ref)
        except CompareError as error:
            print(f"Kan inte jämföra: {error}", file=sys.stderr)
            return 2
        if previous is None:
            print(
                "Det finns ingen publicerad version av datafilen att jämföra med "
                f"(ingen tagg {RELEASE_TAG_PREFIX}…, ingen gren main eller ingen fil i den).",
                file=sys.stderr,
            )
        else:
            print(f"Jämför med {previous.named}.", file=sys.stderr)

    name_of = annotation_name if args.format == "github" else display_name
    result = validate_file(path, name=name_of(path), previous=previous)
    diagnostics = list(result.diagnostics)
    if result.roadmap is not None:
        config = (
            args.projekt / "mkdocs.yml"
        )  # a checkout of the data alone has none: the files beside the data
        project = (
            load_project(config).with_data(path) if config.is_file() else Project(path.parent, path.name)
        )
        diagnostics += remiss_file_problems(result.roadmap, project, name_of)
    ok = not any(d.severity == "error" for d in diagnostics)
    if diagnostics:
        print(format_all(diagnostics, args.format))
    verdict = "Datafilen är godkänd." if ok else "Datafilen har fel och måste rättas."
    print(f"{verdict} ({summary(diagnostics)})", file=sys.stderr)
    return 0 if ok else 1


def remiss_file_problems(
    roadmap: Roadmap, project: Project, name_of: Callable[[Path], str]
) -> list[Diagnostic]:
    """The compiled remiss answers and the editors' responses, where the build reads them."""
    answers, responses = project.answers_file, project.responses_file
    try:
        load_remiss_answers(
            roadmap, answers, responses, answers_name=name_of(answers), responses_name=name_of(responses)
        )
    except ValidationFailed as error:
        return error.diagnostics
    return answers_leftovers(roadmap, answers, name_of(answers))
