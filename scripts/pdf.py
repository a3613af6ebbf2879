#!/usr/bin/env python3
"""Write the whole färdplan as a PDF (tagged PDF/A-3, A4) from the data file, with WeasyPrint.

    python3 scripts/pdf.py site/                    # into a built site: site/fardplan-<version>.pdf
    python3 scripts/pdf.py site/ fardplan.pdf        # or to a file of your choice

`mkdocs build` writes the same PDF itself (macros/adapter.py). This script is for a generator
without that step (such as Zensical) and for making the document alone. The PDF is made from the
data and the core's print template (macros/fardplan/pdf_document.py), not from the built pages.
"""
from __future__ import annotations

import argparse
import sys
from pathlib import Path

from fardplan import ValidationFailed, load_roadmap
from fardplan.pdf_document import PrintUnavailable, print_pdf
from fardplan.publishing import Publication, published_folder, read_site_config, site_settings

ROOT = Path(__file__).resolve().parent.parent


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="Skriv hela färdplanen som PDF.")
    parser.add_argument("site", help="en byggd webbplats (mapp): PDF:en skrivs i den")
    parser.add_argument("output", type=Path, nargs="?",
                        help="PDF-filen som ska skrivas (standard: fardplan-<version>.pdf i webbplatsens mapp)")
    args = parser.parse_args(argv)
    if args.site.startswith(("http://", "https://")):
        parser.error("PDF:en skapas från datafilen, inte från en publicerad webbplats: ange en mapp")

    config = read_site_config(ROOT / "mkdocs.yml")
    settings = site_settings(config)
    data_name = settings.get("data", "data/roadmap.yaml")
    try:
        roadmap = load_roadmap(ROOT / data_name, name=data_name)
    except ValidationFailed as error:
        print(error.report(), file=sys.stderr)
        return 1
    # The same web address on the cover as in the site's own PDF (the version's folder).
    publication = Publication(roadmap, ROOT / data_name, config.get("site_url"), settings, published_folder())
    try:
        printed = print_pdf(roadmap, publication.settings.version_url() or None)
    except PrintUnavailable as error:
        print(error, file=sys.stderr)
        return 1
    output = args.output or Path(args.site) / printed.filename
    output.parent.mkdir(parents=True, exist_ok=True)
    output.write_bytes(printed.data)
    print(f"Skrev {output} ({printed.extent})")
    return 0


if __name__ == "__main__":
    sys.exit(main())
