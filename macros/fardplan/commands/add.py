"""`fardplan add`: add a skeleton for a new need or action to data/roadmap.yaml, with a fresh unique id.

    fardplan add behov --under organisation-och-styrning --rubrik "Nattbemanning"
    fardplan add åtgärd --under samverkan-med-regionen --text "Ta fram en plan." \\
        --ansvarig aldrenamnden [--kolumn behöver-göras|staden] [--status föreslagen] [--tidshorisont 2024]

`--under` takes the id or the exact heading (rubrik) of the area or need. The new lines go at
the end of that list; everything else in the file stays as it was. Nothing is written unless
the result passes the same checks as the build.
"""

from __future__ import annotations

import argparse

from fardplan.cli import EXIT_DATA, SwedishArgumentParser, say
from fardplan.commands import data_file
from fardplan.data.clock import build_date
from fardplan.data.columns import ACTION_LISTS
from fardplan.data.files import read_text, write_text
from fardplan.data.validate import display_name
from fardplan.editing.scaffold import ScaffoldError, add_action, add_need

DESCRIPTION = "Lägg till ett nytt behov eller en ny åtgärd i datafilen."


def arguments(parser: SwedishArgumentParser) -> None:
    parser.add_argument(
        "--data", "--fil", dest="fil", metavar="FIL", help="datafilen (standard: data/roadmap.yaml)"
    )
    kinds = parser.add_subparsers(dest="kind", required=True, metavar="behov|åtgärd")

    need = kinds.add_parser("behov", help="ett nytt behov sist under ett område")
    need.add_argument("--under", required=True, help="områdets id eller rubrik")
    need.add_argument("--rubrik", required=True, help="behovets rubrik")
    need.add_argument("--tidshorisont", default="löpande", help='år, "2023-2025" eller löpande (standard)')

    action = kinds.add_parser("åtgärd", aliases=["atgard"], help="en ny åtgärd sist under ett behov")
    action.add_argument("--under", required=True, help="behovets id eller rubrik")
    action.add_argument("--text", required=True, help="vad som ska göras, i en eller två meningar")
    action.add_argument("--ansvarig", required=True, help="id för ett organ i listan ansvariga")
    action.add_argument(
        "--kolumn",
        choices=ACTION_LISTS,
        default="behöver-göras",
        help="staden eller behöver-göras (standard)",
    )
    action.add_argument("--status", default="föreslagen", help="standard: föreslagen")
    action.add_argument(
        "--tidshorisont",
        default=None,
        help='år, "2023-2025" eller löpande; krävs inte under staden (standard: löpande under behöver-göras)',
    )


def execute(args: argparse.Namespace) -> int:
    path = data_file(args, args.fil)
    name = display_name(path)
    original = read_text(path, name)  # keeps the file's line endings and byte-order mark on writing
    text = original.text
    try:
        if args.kind == "behov":
            added = add_need(
                text, name, under=args.under, title=args.rubrik, horizon=args.tidshorisont, today=build_date()
            )
            what = "behovet"
        else:
            added = add_action(
                text,
                name,
                under=args.under,
                action_text=args.text,
                body=args.ansvarig,
                column=args.kolumn,
                status=args.status,
                horizon=args.tidshorisont,
                today=build_date(),
            )
            what = "åtgärden"
    except ScaffoldError as error:
        say(f"Inget ändrades: {error}", error=True)
        return EXIT_DATA
    write_text(path, added.text, like=original)
    say(
        f"Lade till {what} '{added.id}' på rad {added.line} i {name}. Fyll i resten och kontrollera med "
        "python3 scripts/dev.py validate."
    )
    return 0
