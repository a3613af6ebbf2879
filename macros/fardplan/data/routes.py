"""Where every page of the färdplan lives: one registry of page addresses.

In the lowest layer, because the open data and "Vad har ändrats" (fardplan.versions) and the remiss
links (fardplan.remiss) point at the same pages the site shows (fardplan.pages).

Each fixed page is a file under docs/ that calls one macro; each area's page is generated from the
data (no file in docs/). The adapter registers the macros from ROUTES in a loop and checks that
every page's file exists; links, open data and the PDF take addresses from here.
"""

from __future__ import annotations

from dataclasses import dataclass

HOME_URL = ""
AREA_DIR = "omraden"
FOLLOW_UP_URL = "uppfoljning/"
CHANGES_URL = "andringar/"
OPEN_DATA_URL = "oppna-data/"
REMISS_URL = "remissvar/"
TIMELINE_URL = "tidslinje/"
BODIES_URL = "ansvariga/"
INITIATIVES_URL = "nationella-initiativ/"
WHOLE_DOCUMENT_URL = "hela-fardplanen/"
KEY_REFERENCE_URL = "redaktorer/nycklar/"
ACTIONS_URL = "atgarder/"
GLOSSARY_URL = "ord-och-begrepp/"


@dataclass(frozen=True)
class Route:
    macro: str  # the macro the page calls, {{ name() }}, and SiteRenderer's method of that name
    source: str  # the Markdown file under docs/
    url: str  # relative to the site root (directory URLs)
    title: str  # what a message calls the page
    needs_remiss: bool = False  # only a färdplan with a remiss needs the page
    # What the page's method needs from the build besides the data, passed by keyword:
    # "publication" (versions, changes and open data), "pdf" (the printed färdplan, or None).
    inputs: tuple[str, ...] = ()


ROUTES = (
    Route("start_page", "index.md", HOME_URL, "startsidan", inputs=("pdf",)),
    Route("follow_up_page", "uppfoljning.md", FOLLOW_UP_URL, "Uppföljning"),
    Route("key_reference", "redaktorer/nycklar.md", KEY_REFERENCE_URL, "Nycklar i datafilen"),
    Route("remiss_page", "remissvar.md", REMISS_URL, "Remiss och remissvar", needs_remiss=True),
    Route("actions_page", "atgarder.md", ACTIONS_URL, "Åtgärder"),
    Route("timeline_page", "tidslinje.md", TIMELINE_URL, "Tidslinje"),
    Route("glossary_page", "ord-och-begrepp.md", GLOSSARY_URL, "Ord och begrepp"),
    Route("bodies_page", "ansvariga.md", BODIES_URL, "Ansvariga"),
    Route("initiatives_page", "nationella-initiativ.md", INITIATIVES_URL, "Nationella initiativ"),
    Route("whole_document", "hela-fardplanen.md", WHOLE_DOCUMENT_URL, "Hela färdplanen"),
    Route("changes_page", "andringar.md", CHANGES_URL, "Vad har ändrats", inputs=("publication",)),
    Route("open_data_page", "oppna-data.md", OPEN_DATA_URL, "Öppna data", inputs=("publication",)),
)
AREA_MACRO = "area_page"


def area_url(area_id: str) -> str:
    return f"{AREA_DIR}/{area_id}/"


def area_page_source(area_id: str) -> str:
    """The (generated) Markdown file that shows one area, as if it were under docs/."""
    return f"{AREA_DIR}/{area_id}.md"


def area_of_source(source: str) -> str | None:
    """The area id of a generated area page's source path, or None for any other page."""
    folder, _, name = source.partition("/")
    return name[:-3] if folder == AREA_DIR and name.endswith(".md") and "/" not in name else None


def item_url(area_id: str, item_id: str) -> str:
    """A need's or an action's address: its anchor on its area's page (the ids are unique in the
    file, and each row and action carries its id as the HTML id)."""
    return f"{area_url(area_id)}#{item_id}"


# A generated area page: a template that calls one macro, rendered like every other page.
AREA_PAGE_TEXT = "---\nrender_macros: true\n---\n\n{{ area_page() }}\n"
