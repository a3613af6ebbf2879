#!/usr/bin/env python3
"""Check data/roadmap.yaml and list every problem as FILE:LINE:COL: message.

    python3 scripts/validate.py                  # the default data file
    python3 scripts/validate.py other.yaml       # another file
    python3 scripts/validate.py --format github  # GitHub Actions annotations (in pull requests)

Exits with 0 when the data has no errors, 1 when it has, 2 when the call itself is wrong.
"""
from __future__ import annotations

import argparse
import sys
from pathlib import Path

from fardplan import validate_file
from fardplan.diagnostics import format_all, summary

ROOT = Path(__file__).resolve().parent.parent


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="Kontrollera färdplanens datafil.")
    parser.add_argument("file", nargs="?", default=str(ROOT / "data" / "roadmap.yaml"),
                        help="datafilen (standard: data/roadmap.yaml)")
    parser.add_argument("--format", choices=["text", "github"], default="text",
                        help="text (standard) eller github för anteckningar i en pull request")
    args = parser.parse_args(argv)

    result = validate_file(Path(args.file))
    if result.diagnostics:
        print(format_all(result.diagnostics, args.format))
    if args.format == "text":
        verdict = "Datafilen är godkänd." if result.ok else "Datafilen har fel och måste rättas."
        print(f"{verdict} ({summary(result.diagnostics)})", file=sys.stderr)
    return 0 if result.ok else 1


if __name__ == "__main__":
    sys.exit(main())
