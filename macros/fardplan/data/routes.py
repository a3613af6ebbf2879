"""Where the pages live on the site, relative to the site root (directory URLs).

In the lowest layer, because the open data and "Vad har ändrats" (fardplan.versions) link to the
same pages the site shows (fardplan.pages)."""

from __future__ import annotations

HOME_URL = ""
AREA_DIR = "omraden"
FOLLOW_UP_URL = "uppfoljning/"
CHANGES_URL = "andringar/"
OPEN_DATA_URL = "oppna-data/"


def area_url(area_id: str) -> str:
    return f"{AREA_DIR}/{area_id}/"


def area_page_source(area_id: str) -> str:
    """The Markdown file, under docs/, that shows one area."""
    return f"{AREA_DIR}/{area_id}.md"
