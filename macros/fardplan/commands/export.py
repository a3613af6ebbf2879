"""`fardplan export`: write the open-data files (JSON, CSV, JSON Schema, DCAT-AP-SE, Atom) into a built site folder.

    fardplan export site/
    fardplan export site/ --version 2022   # the folder the site is published in

`mkdocs build` writes these files itself (macros/adapter.py, on_post_build). This script is for a
generator that builds the pages but runs no post-build step, such as Zensical: run it right after
the build. It writes the same files from the same core.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from fardplan import ValidationFailed, load_roadmap
from fardplan.cli import EXIT_USAGE, SwedishArgumentParser, fail
from fardplan.project import load_project
from fardplan.versions.publishing import Publication, published_folder

DESCRIPTION = "Skriv färdplanens öppna data till en byggd webbplats."


def arguments(parser: SwedishArgumentParser) -> None:
    parser.add_argument("site", type=Path, metavar="MAPP", help="mappen med den byggda webbplatsen")
    parser.add_argument(
        "--version",
        default=published_folder(),
        metavar="VERSION",
        help="versionens mapp på webbplatsen (standard: MIKE_DOCS_VERSION eller datafilens version)",
    )
    parser.add_argument(
        "--config",
        type=Path,
        metavar="MKDOCS.YML",
        help="webbplatsens inställningar (standard: mkdocs.yml i projektmappen)",
    )


def execute(args: argparse.Namespace) -> int:
    args.config = args.config or args.projekt / "mkdocs.yml"

    if not args.site.is_dir():
        return fail(
            f"mappen {args.site} finns inte: bygg webbplatsen först (python3 scripts/dev.py build)",
            EXIT_USAGE,
        )
    project = load_project(args.config)
    data_name, data_file = project.data, project.data_file
    try:
        roadmap = load_roadmap(data_file, name=data_name)
    except ValidationFailed as error:
        print(error.report(), file=sys.stderr)
        return 1
    publication = Publication(roadmap, data_file, args.version)
    for path in publication.write_open_data(args.site):
        print(path)
    return 0
