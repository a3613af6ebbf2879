#!/usr/bin/env python3
"""Check data/roadmap.yaml and list every problem as FILE:LINE:COL: message.

The remiss files beside it (remissvar.yaml, remissbemotande.yaml) are checked too when they exist.

    python3 scripts/validate.py                  # the default data file
    python3 scripts/validate.py other.yaml       # another file
    python3 scripts/validate.py --format github  # GitHub Actions annotations (in pull requests)

Exits with 0 when the data has no errors, 1 when it has, 2 when the call itself is wrong.
"""
from __future__ import annotations

import argparse
import sys
from pathlib import Path

from fardplan import ValidationFailed, validate_file
from fardplan.diagnostics import Diagnostic, format_all, summary
from fardplan.remissvar import load_remiss_answers
from fardplan.validate import display_name

ROOT = Path(__file__).resolve().parent.parent


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="Kontrollera färdplanens datafil.")
    parser.add_argument("file", nargs="?", default=str(ROOT / "data" / "roadmap.yaml"),
                        help="datafilen (standard: data/roadmap.yaml)")
    parser.add_argument("--format", choices=["text", "github"], default="text",
                        help="text (standard) eller github för anteckningar i en pull request")
    args = parser.parse_args(argv)

    result = validate_file(Path(args.file))
    diagnostics = list(result.diagnostics)
    if result.roadmap is not None:
        diagnostics += remiss_file_problems(result.roadmap, Path(args.file).parent)
    ok = not any(d.severity == "error" for d in diagnostics)
    if diagnostics:
        print(format_all(diagnostics, args.format))
    if args.format == "text":
        verdict = "Datafilen är godkänd." if ok else "Datafilen har fel och måste rättas."
        print(f"{verdict} ({summary(diagnostics)})", file=sys.stderr)
    return 0 if ok else 1


def remiss_file_problems(roadmap, folder: Path) -> list[Diagnostic]:
    """The compiled remiss answers and the editors' responses, when they exist beside the data."""
    answers, responses = folder / "remissvar.yaml", folder / "remissbemotande.yaml"
    try:
        load_remiss_answers(roadmap, answers, responses, answers_name=display_name(answers),
                            responses_name=display_name(responses))
    except ValidationFailed as error:
        return error.diagnostics
    return []


if __name__ == "__main__":
    sys.exit(main())
