"""`fardplan remissvar`: compile the remiss comments (GitHub issues with the label "remiss") into data/remissvar.yaml.

    fardplan remissvar                      # from GitHub; token in GITHUB_TOKEN (or GH_TOKEN)
    fardplan remissvar --fil export.json    # from a saved export of the issues API

The previous data file is replaced only when every issue could be read; otherwise it stays as it
was and every problem is listed. GITHUB_API_URL (set by GitHub Actions) points at another API
server, such as GitHub Enterprise or a local test server; the token is sent only there, over https.
Exit codes: see EPILOG.
"""

from __future__ import annotations

import argparse
import json
import os
from pathlib import Path
from typing import Any

from fardplan import ValidationFailed, load_roadmap
from fardplan.cli import EXIT_DATA, EXIT_USAGE, SwedishArgumentParser, safe_text, say
from fardplan.data.clock import build_date
from fardplan.data.diagnostics import format_all
from fardplan.data.files import FileProblem, read_text, write_text
from fardplan.data.validate import display_name
from fardplan.data.web import too_deep
from fardplan.project import Project, load_project
from fardplan.remiss.answers import CONFIRMED_LABEL, check_compiled_text, compile_issues, dump_compiled
from fardplan.remiss.github import DEFAULT_API, UNUSABLE, FetchError, fetch_issues
from fardplan.remiss.period import LABEL

MAX_EXPORT_BYTES = 200 * 1024 * 1024

EPILOG = f"""\
Token: en token som får läsa ärenden i förrådet, i miljövariabeln GITHUB_TOKEN (eller GH_TOKEN).
Utan token går det att läsa ett öppet förråd, men GitHub tillåter då bara ett fåtal anrop i timmen.
Token skickas bara till GitHubs API-adress (GITHUB_API_URL, standard {DEFAULT_API}) och bara
med https, aldrig vidare till en annan adress.

Remissinstanser: vem som helst kan skriva in namnet på en nämnd eller förening. När du har
kontrollerat att en synpunkt verkligen kommer från remissinstansen, sätt etiketten
{CONFIRMED_LABEL} på ärendet och kör skriptet igen. Bara bekräftade svar räknas per
remissinstans på webbplatsen.

Spara en export med GitHubs kommandoradsverktyg:
  gh api --paginate --slurp "repos/ÄGARE/NAMN/issues?labels=remiss&state=all&per_page=100" > export.json

Slutkoder (den tidigare sammanställningen finns kvar i alla fall utom 0):
  0  sammanställningen skrevs
  1  fel i data: färdplanens datafil har fel, eller ärenden kan inte läsas (rätta dem på GitHub)
  2  fel anrop: fel eller saknat argument, exportfilen finns inte, GITHUB_API_URL är inte https
  3  GitHub gick inte att nå, eller svarade med fel (till exempel ogiltig token)
  4  GitHub begränsar antalet anrop längre än --vanta-hogst sekunder
  5  svaret från GitHub eller exportfilen går inte att använda (inte JSON, för djupt nästlat,
     för stort, eller omdirigerat till en annan adress)
"""


DESCRIPTION = (
    "Hämta remissynpunkterna (ärenden med etiketten remiss) och skriv sammanställningen\n"
    "data/remissvar.yaml, som webbplatsen visar på sidan Remiss och remissvar."
)


def arguments(p: SwedishArgumentParser) -> None:
    p.add_argument(
        "--fil",
        type=Path,
        metavar="EXPORT.json",
        help="läs ärendena från en sparad export (JSON från GitHubs REST API) i stället för från GitHub",
    )
    p.add_argument(
        "--ut",
        type=Path,
        metavar="FIL",
        help="filen som skrivs (standard: den som webbplatsen läser, data/remissvar.yaml)",
    )
    p.add_argument(
        "--data",
        type=Path,
        metavar="FIL",
        help="färdplanens datafil med remissens uppgifter (standard: data/roadmap.yaml)",
    )
    p.add_argument(
        "--anmarkning",
        metavar="TEXT",
        help="en kort anmärkning som visas ovanför sammanställningen, till exempel att den är ett exempel",
    )
    p.add_argument(
        "--vanta-hogst",
        type=_seconds,
        default=60,
        metavar="SEKUNDER",
        help="hur länge skriptet får vänta när GitHub begränsar antalet anrop (standard: 60)",
    )


def _seconds(value: str) -> float:
    try:
        seconds = float(value)
    except ValueError:
        seconds = -1.0
    if not 0 <= seconds <= 86400:  # also rejects nan and inf
        raise argparse.ArgumentTypeError(f"{value!r} är inte ett antal sekunder mellan 0 och 86400")
    return seconds


def read_export(path: Path) -> list[Any]:
    """A saved export: a JSON list of issues, a list of pages (gh api --paginate --slurp), or pages
    one after another (gh api --paginate without --slurp)."""
    name = display_name(path)
    if path.is_dir():
        raise FetchError(f"Exportfilen {name} är en mapp, inte en fil.", EXIT_USAGE)
    try:
        if path.stat().st_size > MAX_EXPORT_BYTES:
            raise FetchError(f"Exportfilen {name} är större än {MAX_EXPORT_BYTES // 2**20} MB.", UNUSABLE)
        text = read_text(path, name).text
    except FileNotFoundError:
        raise FetchError(f"Exportfilen {name} finns inte.", EXIT_USAGE) from None
    except FileProblem as problem:
        raise FetchError(
            f"Exportfilen {problem}.", EXIT_USAGE if problem.code == EXIT_USAGE else UNUSABLE
        ) from None
    end = len(text.rstrip())
    if not end:
        raise FetchError(f"Exportfilen {name} är tom.", UNUSABLE)
    parts, position = [], 0
    while position < end:
        value, position = _decode_next(text, position, name)
        parts.append(value)
        position = len(text) - len(text[position:].lstrip())
    issues = []
    for part in parts:
        if not isinstance(part, list):
            raise FetchError(f"Exportfilen {name} ska innehålla en lista med ärenden.", UNUSABLE)
        for item in part:
            issues.extend(item if isinstance(item, list) else [item])
    return issues


def _decode_next(text: str, position: int, name: str) -> tuple[object, int]:
    try:
        value, end = json.JSONDecoder().raw_decode(text, position)
    except RecursionError:
        raise FetchError(
            f"Exportfilen {name} är för djupt nästlad för att vara ärenden från GitHub.", UNUSABLE
        ) from None
    except ValueError as error:
        raise FetchError(f"Exportfilen {name} är inte giltig JSON: {error}", UNUSABLE) from None
    if too_deep(value):
        raise FetchError(
            f"Exportfilen {name} är för djupt nästlad för att vara ärenden från GitHub.", UNUSABLE
        )
    return value, end


def fail(message: str, code: int = EXIT_DATA) -> int:
    say(f"fel: {message}", error=True)
    say("Ingenting skrevs; den tidigare sammanställningen finns kvar.", error=True)
    return code


def execute(args: argparse.Namespace) -> int:
    # The same files as the build reads (fardplan.project): the data, and the remiss file beside it.
    if args.data is None or args.ut is None:
        config = args.projekt / "mkdocs.yml"
        project = load_project(config) if config.is_file() else Project(args.projekt)
        project = project if args.data is None else project.with_data(args.data)
        args.data = args.data or project.data_file
        args.ut = args.ut or project.answers_file
    if not args.data.is_file():
        return fail(f"datafilen {args.data} finns inte", EXIT_USAGE)
    if args.ut.is_dir():
        return fail(
            f"{args.ut} är en mapp; ange filen som ska skrivas, till exempel data/remissvar.yaml", EXIT_USAGE
        )
    try:
        roadmap = load_roadmap(args.data, name=display_name(args.data))
    except ValidationFailed as error:
        return fail(error.report())
    remiss = roadmap.remiss
    if remiss is None:
        return fail(
            f"{display_name(args.data)} har inget block remiss: det finns ingen remiss att sammanställa."
        )

    try:
        if args.fil:
            issues = read_export(args.fil)
            origin = display_name(args.fil)
        elif remiss.repository is None:
            return fail(
                f"{display_name(args.data)} har inget förråd under inställningar, så det finns inga ärenden "
                "att hämta: ange en export med --fil, eller skriv förrådet som 'förråd: ägare/namn'.",
                EXIT_USAGE,
            )
        else:
            token = os.environ.get("GITHUB_TOKEN") or os.environ.get("GH_TOKEN")
            api_url = os.environ.get("GITHUB_API_URL") or DEFAULT_API
            if not token:
                say("obs: ingen token i GITHUB_TOKEN; läser utan token.", error=True)
            issues = fetch_issues(
                remiss.repository, LABEL, token=token, api_url=api_url, max_wait=args.vanta_hogst
            )
            origin = f"GitHub ({remiss.repository})"
    except FetchError as error:
        return fail(str(error), error.code)

    compilation = compile_issues(issues, roadmap)
    if compilation.problems:
        listing = "\n".join(f"  {p}" for p in compilation.problems)
        count = len(compilation.problems)
        return fail(
            f"{count} {'ärende' if count == 1 else 'ärenden'} kan inte läsas. Rätta på GitHub (eller ta bort "
            f"etiketten {LABEL} från ärenden som inte är remissvar) och kör skriptet igen:\n{listing}"
        )
    for warning in compilation.warnings:
        say(f"varning: {warning}", error=True)

    name = display_name(args.ut)
    note = safe_text(args.anmarkning).strip() if args.anmarkning else None
    text = dump_compiled(compilation.comments, remiss.repository or "", build_date(), note)
    problems = check_compiled_text(text, name)
    if problems:  # a bug here, never the commenters' fault: still, the old file stays
        return fail("sammanställningen blev ogiltig:\n" + format_all(problems))
    write_text(args.ut, text)  # atomically, with the previous file's line endings
    say(f"Skrev {len(compilation.comments)} synpunkter från {origin} till {name}.")
    return 0
