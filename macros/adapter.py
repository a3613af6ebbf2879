"""mkdocs-macros adapter: the only place where the färdplan core meets the site generator.

It loads and validates the data once per build (define_env runs once per build, also on every
rebuild under `mkdocs serve`), then registers macros that the pages in docs/ call. Everything
else lives in the plain-Python core, macros/fardplan, so a move to another generator that runs
`define_env` (such as Zensical) only needs this file.
"""
from __future__ import annotations

from pathlib import Path, PurePosixPath

from fardplan import ValidationFailed, load_roadmap
from fardplan.remiss import PAGE_SOURCE as REMISS_PAGE_SOURCE
from fardplan.remissvar import load_remiss_answers
from fardplan.render import SiteRenderer
from fardplan.views import AREA_DIR, area_page_source

DEFAULT_DATA = "data/roadmap.yaml"
DEFAULT_ANSWERS = "data/remissvar.yaml"  # written by scripts/remissvar.py
DEFAULT_RESPONSES = "data/remissbemotande.yaml"  # written by editors


def _fail(message: str) -> Exception:
    """A build error MkDocs prints as one clean message, without a traceback."""
    try:
        from mkdocs.exceptions import PluginError
    except ImportError:  # another generator: a plain exception still stops the build
        return RuntimeError(message)
    return PluginError(message)


def define_env(env) -> None:
    project = Path(env.project_dir)
    settings = (env.conf.get("extra") or {}).get("fardplan") or {}
    data_file = settings.get("data", DEFAULT_DATA)
    try:
        roadmap = load_roadmap(project / data_file, name=data_file)
    except ValidationFailed as error:
        raise _fail(error.report()) from None

    docs = Path(env.conf["docs_dir"])
    missing = [area for area in roadmap.areas if not (docs / area_page_source(area.id)).is_file()]
    if missing:
        raise _fail("Varje område behöver en sida. Skapa de här filerna med raden {{ area_page() }}:\n"
                    + "\n".join(f"  {docs.name}/{area_page_source(a.id)}  ({a.title})" for a in missing))

    answers_file = settings.get("remissvar", DEFAULT_ANSWERS)
    responses_file = settings.get("remissbemotande", DEFAULT_RESPONSES)
    try:
        answers = load_remiss_answers(roadmap, project / answers_file, project / responses_file,
                                      answers_name=answers_file, responses_name=responses_file)
    except ValidationFailed as error:
        raise _fail(error.report()) from None
    if roadmap.remiss and not (docs / REMISS_PAGE_SOURCE).is_file():
        raise _fail(f"Färdplanen har en remiss, så den behöver sidan {docs.name}/{REMISS_PAGE_SOURCE} "
                    "med raden {{ remiss_page() }}.")

    site = SiteRenderer(roadmap, answers)
    # Material's templates (overrides/partials/fp-announce.html) print the remiss banner from here.
    env.conf["extra"].setdefault("fardplan_theme", {})["remiss"] = site.remiss_banner()

    @env.macro
    def start_page() -> str:
        """The start page: what the färdplan is, its areas and needs, and the process."""
        return site.start_page(env.page.url)

    @env.macro
    def area_page() -> str:
        """One area's page; the area is the one named by the page's file (docs/omraden/ID.md)."""
        source = PurePosixPath(env.page.file.src_uri)
        if source.parent.name != AREA_DIR:
            raise _fail(f"{source}: area_page() hör hemma i en sida under {AREA_DIR}/")
        try:
            return site.area_page(source.stem, env.page.url)
        except KeyError:
            raise _fail(f"{source}: det finns inget område med id '{source.stem}' i {data_file}") from None

    @env.macro
    def remiss_page() -> str:
        """How to comment during the remiss; the compiled answers and the responses after it."""
        return site.remiss_page(env.page.url)
