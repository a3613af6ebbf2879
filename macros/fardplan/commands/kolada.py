"""`fardplan kolada`: fetch the values of the Kolada key figures that the färdplan's measures name, into data/kolada.json.

    fardplan kolada                  # kommunkod from inställningar.kommunkod
    fardplan kolada --kommun 1880

The previous file is replaced (atomically) only when every page could be read; on any failure it
stays as it was. KOLADA_API_URL points at another server (a local test server in the tests).
Exit codes: see EPILOG.
"""

from __future__ import annotations

import argparse
import os
import re
from pathlib import Path

from fardplan import ValidationFailed, load_roadmap
from fardplan.cli import EXIT_DATA, EXIT_USAGE, SwedishArgumentParser, say
from fardplan.commands import data_file
from fardplan.data.clock import build_date
from fardplan.data.files import write_text
from fardplan.data.kolada import API_VERSION, DEFAULT_API, KoladaError, fetch_data, values_by_kpi, values_text
from fardplan.data.validate import display_name

EPILOG = f"""\
Värdena hämtas från Koladas öppna API ({DEFAULT_API}/{API_VERSION}) för kommunen och för riket
(0000), för varje nyckeltal som ett mått anger under källa: kolada. Webbplatsen visar dem för mått
som inte har egna värden under värden, med källan Kolada (RKA) och nyckeltalets id.

Slutkoder (den tidigare filen finns kvar i alla fall utom 0):
  0  filen skrevs
  1  fel i data: färdplanens datafil har fel, eller saknar kommunkod eller Kolada-mått
  2  fel anrop: fel eller saknat argument, KOLADA_API_URL är inte https
  3  Kolada gick inte att nå, eller svarade med fel också efter nya försök
  5  svaret från Kolada går inte att använda (inte JSON, fel form, för stort)
"""


DESCRIPTION = "Hämta måttens värden från Kolada och skriv dem till data/kolada.json."


def arguments(p: SwedishArgumentParser) -> None:
    p.add_argument(
        "--kommun", metavar="KOD", help="kommunkoden, fyra siffror (standard: inställningar.kommunkod)"
    )
    p.add_argument(
        "--data",
        type=Path,
        metavar="FIL",
        help="färdplanens datafil (standard: data/roadmap.yaml)",
    )
    p.add_argument(
        "--ut",
        type=Path,
        metavar="FIL",
        help="filen som skrivs (standard: data/kolada.json)",
    )


def fail(message: str, code: int = EXIT_DATA) -> int:
    say(f"fel: {message}", error=True)
    say("Ingenting skrevs; den tidigare filen finns kvar.", error=True)
    return code


def execute(args: argparse.Namespace) -> int:
    args.data, args.ut = data_file(args, args.data), data_file(args, args.ut, "kolada.json")
    if not args.data.is_file():
        return fail(f"datafilen {args.data} finns inte", EXIT_USAGE)
    if args.ut.is_dir():
        return fail(
            f"{args.ut} är en mapp; ange filen som ska skrivas, till exempel data/kolada.json", EXIT_USAGE
        )
    try:
        roadmap = load_roadmap(args.data, name=display_name(args.data))
    except ValidationFailed as error:
        return fail(error.report())
    code = args.kommun or roadmap.settings.municipality_code
    if code is None:
        return fail(
            "ingen kommunkod: skriv den under inställningar.kommunkod i datafilen eller ange --kommun"
        )
    if not re.fullmatch(r"[0-9]{4}", code):
        return fail(f"kommunkoden {code!r} ska vara fyra siffror, till exempel 0180", EXIT_USAGE)
    kpis = sorted({m.kolada_id for need in roadmap.needs() for m in need.measures if m.kolada_id})
    if not kpis:
        return fail("inget mått har källa: kolada, så det finns inget att hämta")
    try:
        items = fetch_data(kpis, code, api_url=os.environ.get("KOLADA_API_URL") or DEFAULT_API)
    except KoladaError as error:
        return fail(str(error), error.code)
    values = values_by_kpi(items, code)
    for kpi in kpis:
        if not values.get(kpi):
            say(f"varning: Kolada har inga värden för nyckeltalet {kpi} i kommun {code}.", error=True)
    write_text(
        args.ut,
        values_text(code, build_date().isoformat(), {k: values.get(k, []) for k in kpis}),
        newline="\n",
    )
    years = sum(len(v) for v in values.values())
    say(f"Skrev {years} årsvärden för {len(kpis)} nyckeltal från Kolada till {display_name(args.ut)}.")
    return 0
