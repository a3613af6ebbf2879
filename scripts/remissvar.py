#!/usr/bin/env python3
"""Compile the remiss comments (GitHub issues with the label "remiss") into data/remissvar.yaml.

    python3 scripts/remissvar.py                      # from GitHub; token in GITHUB_TOKEN (or GH_TOKEN)
    python3 scripts/remissvar.py --fil export.json    # from a saved export of the issues API

The previous data file is replaced only when every issue could be read; otherwise it stays as it
was and every problem is listed. GITHUB_API_URL (set by GitHub Actions) points at another API
server, such as GitHub Enterprise or a local test server.
Exit codes: 0 written, 1 nothing written (problems listed), 2 wrong call.
"""
from __future__ import annotations

import argparse
import json
import os
import sys
import tempfile
from pathlib import Path

from fardplan import ValidationFailed, load_roadmap
from fardplan.clock import build_date
from fardplan.diagnostics import format_all
from fardplan.github_issues import DEFAULT_API, FetchError, fetch_issues
from fardplan.remiss import LABEL
from fardplan.remissvar import check_compiled_text, compile_issues, dump_compiled
from fardplan.validate import display_name

ROOT = Path(__file__).resolve().parent.parent

EPILOG = """\
Token: en token som får läsa ärenden i förrådet, i miljövariabeln GITHUB_TOKEN (eller GH_TOKEN).
Utan token går det att läsa ett öppet förråd, men GitHub tillåter då bara ett fåtal anrop i timmen.

Spara en export med GitHubs kommandoradsverktyg:
  gh api --paginate --slurp "repos/ÄGARE/NAMN/issues?labels=remiss&state=all&per_page=100" > export.json
"""


class _SwedishHelp(argparse.RawDescriptionHelpFormatter):
    def add_usage(self, usage, actions, groups, prefix=None):
        super().add_usage(usage, actions, groups, prefix="Användning: ")


def parser() -> argparse.ArgumentParser:
    p = argparse.ArgumentParser(
        prog="remissvar.py", add_help=False, formatter_class=_SwedishHelp, epilog=EPILOG,
        description="Hämta remissynpunkterna (ärenden med etiketten remiss) och skriv sammanställningen\n"
                    "data/remissvar.yaml, som webbplatsen visar på sidan Remiss och remissvar.")
    p._optionals.title = "val"
    p.add_argument("-h", "--hjalp", action="help", help="visa den här hjälpen")
    p.add_argument("--fil", type=Path, metavar="EXPORT.json",
                   help="läs ärendena från en sparad export (JSON från GitHubs REST API) i stället för från GitHub")
    p.add_argument("--ut", type=Path, default=ROOT / "data" / "remissvar.yaml", metavar="FIL",
                   help="filen som skrivs (standard: data/remissvar.yaml)")
    p.add_argument("--data", type=Path, default=ROOT / "data" / "roadmap.yaml", metavar="FIL",
                   help="färdplanens datafil med remissens uppgifter (standard: data/roadmap.yaml)")
    p.add_argument("--anmarkning", metavar="TEXT",
                   help="en kort anmärkning som visas ovanför sammanställningen, till exempel att den är ett exempel")
    p.add_argument("--vanta-hogst", type=float, default=60, metavar="SEKUNDER",
                   help="hur länge skriptet får vänta när GitHub begränsar antalet anrop (standard: 60)")
    return p


def read_export(path: Path) -> list:
    """A saved export: a JSON list of issues, a list of pages (gh api --paginate --slurp), or pages
    one after another (gh api --paginate without --slurp)."""
    try:
        text = path.read_text(encoding="utf-8")
    except FileNotFoundError:
        raise FetchError(f"Exportfilen {path} finns inte.") from None
    except UnicodeDecodeError:
        raise FetchError(f"Exportfilen {path} är inte sparad som UTF-8.") from None
    decoder, position, parts = json.JSONDecoder(), 0, []
    try:
        while position < len(text.rstrip()):
            value, end = decoder.raw_decode(text, position)
            parts.append(value)
            position = len(text) - len(text[end:].lstrip())
    except ValueError as error:
        raise FetchError(f"Exportfilen {path} är inte giltig JSON: {error}") from None
    if not parts:
        raise FetchError(f"Exportfilen {path} är tom.")
    issues = []
    for part in parts:
        if not isinstance(part, list):
            raise FetchError(f"Exportfilen {path} ska innehålla en lista med ärenden.")
        for item in part:
            issues.extend(item if isinstance(item, list) else [item])
    return issues


def write_atomically(path: Path, text: str) -> None:
    """Write beside the target, then rename: a reader sees the old file or the new, never half."""
    path.parent.mkdir(parents=True, exist_ok=True)
    handle, temporary = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    try:
        with os.fdopen(handle, "w", encoding="utf-8", newline="\n") as out:
            out.write(text)
        os.replace(temporary, path)
    except BaseException:
        Path(temporary).unlink(missing_ok=True)
        raise


def fail(message: str) -> int:
    print(f"fel: {message}", file=sys.stderr)
    print("Ingenting skrevs; den tidigare sammanställningen finns kvar.", file=sys.stderr)
    return 1


def main(argv: list[str] | None = None) -> int:
    args = parser().parse_args(argv)
    try:
        roadmap = load_roadmap(args.data, name=display_name(args.data))
    except ValidationFailed as error:
        return fail(error.report())
    remiss = roadmap.remiss
    if remiss is None:
        return fail(f"{display_name(args.data)} har inget block remiss: det finns ingen remiss att sammanställa.")

    try:
        if args.fil:
            issues = read_export(args.fil)
            origin = display_name(args.fil)
        else:
            token = os.environ.get("GITHUB_TOKEN") or os.environ.get("GH_TOKEN")
            api_url = os.environ.get("GITHUB_API_URL") or DEFAULT_API
            if not token:
                print("obs: ingen token i GITHUB_TOKEN; läser utan token.", file=sys.stderr)
            issues = fetch_issues(remiss.repository, LABEL, token=token, api_url=api_url,
                                  max_wait=args.vanta_hogst)
            origin = f"GitHub ({remiss.repository})"
    except FetchError as error:
        return fail(str(error))

    compilation = compile_issues(issues, roadmap)
    if compilation.problems:
        listing = "\n".join(f"  {p}" for p in compilation.problems)
        count = len(compilation.problems)
        return fail(f"{count} {'ärende' if count == 1 else 'ärenden'} kan inte läsas. Rätta på GitHub (eller ta bort "
                    f"etiketten {LABEL} från ärenden som inte är remissvar) och kör skriptet igen:\n{listing}")
    for warning in compilation.warnings:
        print(f"varning: {warning}", file=sys.stderr)

    name = display_name(args.ut)
    text = dump_compiled(compilation.comments, remiss.repository, build_date(), args.anmarkning)
    problems = check_compiled_text(text, name)
    if problems:  # a bug here, never the commenters' fault: still, the old file stays
        return fail("sammanställningen blev ogiltig:\n" + format_all(problems))
    write_atomically(args.ut, text)
    print(f"Skrev {len(compilation.comments)} synpunkter från {origin} till {name}.")
    return 0


if __name__ == "__main__":
    sys.exit(main())
