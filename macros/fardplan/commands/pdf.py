"""`fardplan pdf`: write the whole färdplan as a PDF (tagged PDF/A-3, A4) from the data file, with WeasyPrint.

    fardplan pdf site/                    # into a built site: site/fardplan-<version>.pdf
    fardplan pdf site/ fardplan.pdf        # or to a file of your choice

`mkdocs build` writes the same PDF itself (macros/adapter.py). This script is for a generator
without that step (such as Zensical) and for making the document alone. The PDF is made from the
data and the core's print template (macros/fardplan/pages/pdf_document.py), not from the built pages.
"""

from __future__ import annotations

import argparse
from pathlib import Path

from fardplan import ValidationFailed, load_roadmap
from fardplan.cli import EXIT_DATA, EXIT_USAGE, SwedishArgumentParser, fail, say
from fardplan.pages.pdf_document import PrintUnavailable, print_pdf
from fardplan.project import load_project
from fardplan.versions.publishing import Publication, published_folder

DESCRIPTION = "Skriv hela färdplanen som PDF."


def arguments(parser: SwedishArgumentParser) -> None:
    parser.add_argument("site", metavar="WEBBPLATS", help="en byggd webbplats (mapp): PDF:en skrivs i den")
    parser.add_argument(
        "output",
        type=Path,
        nargs="?",
        metavar="PDF-FIL",
        help="PDF-filen som ska skrivas (standard: fardplan-<version>.pdf i webbplatsens mapp)",
    )


def execute(args: argparse.Namespace) -> int:
    if args.site.startswith(("http://", "https://")):
        return fail(
            "PDF:en skapas från datafilen, inte från en publicerad webbplats: ange en mapp", EXIT_USAGE
        )
    if args.output is not None and args.output.is_dir():
        return fail(
            f"{args.output} är en mapp; ange namnet på PDF-filen, till exempel fardplan.pdf", EXIT_USAGE
        )
    data_name = load_project(args.projekt / "mkdocs.yml").data
    try:
        roadmap = load_roadmap(args.projekt / data_name, name=data_name)
    except ValidationFailed as error:
        say(error.report(), error=True)
        return EXIT_DATA
    # The same web address on the cover as in the site's own PDF (the version's folder).
    publication = Publication(roadmap, args.projekt / data_name, published_folder())
    try:
        printed = print_pdf(roadmap, publication.settings.version_url() or None)
    except PrintUnavailable as error:
        return fail(str(error), EXIT_DATA)
    output = args.output or Path(args.site) / printed.filename
    output.parent.mkdir(parents=True, exist_ok=True)
    output.write_bytes(printed.data)
    say(f"Skrev {output} ({printed.extent})")
    return 0
