#!/usr/bin/env python3
"""Write the open-data files (JSON, CSV, JSON Schema, DCAT-AP-SE, Atom) into a built site folder.

    python scripts/export_open_data.py site/
    python scripts/export_open_data.py site/ --version 2022   # the folder the site is published in

`mkdocs build` writes these files itself (macros/adapter.py, on_post_build). This script is for a
generator that builds the pages but runs no post-build step, such as Zensical: run it right after
the build. It writes the same files from the same core.
"""
from __future__ import annotations

import argparse
import sys
from pathlib import Path

from fardplan import ValidationFailed, load_roadmap
from fardplan.publishing import Publication, published_folder, read_site_config, site_settings

ROOT = Path(__file__).resolve().parent.parent


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="Skriv färdplanens öppna data till en byggd webbplats.")
    parser.add_argument("site", type=Path, help="mappen med den byggda webbplatsen")
    parser.add_argument("--version", default=published_folder(),
                        help="versionens mapp på webbplatsen (standard: MIKE_DOCS_VERSION eller datafilens version)")
    parser.add_argument("--config", type=Path, default=ROOT / "mkdocs.yml")
    args = parser.parse_args(argv)

    config = read_site_config(args.config)
    settings = site_settings(config)
    data_name = settings.get("data", "data/roadmap.yaml")
    data_file = args.config.resolve().parent / data_name
    try:
        roadmap = load_roadmap(data_file, name=data_name)
    except ValidationFailed as error:
        print(error.report(), file=sys.stderr)
        return 1
    publication = Publication(roadmap, data_file, config.get("site_url"), settings, args.version)
    for path in publication.write_open_data(args.site):
        print(path)
    return 0


if __name__ == "__main__":
    sys.exit(main())
