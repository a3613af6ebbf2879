"""mkdocs-macros adapter: the only place where the färdplan core meets the site generator.

It loads and validates the data once per build (define_env runs once per build, also on every
rebuild under `mkdocs serve`), then registers macros that the pages in docs/ call. Everything
else lives in the plain-Python core, macros/fardplan, so a move to another generator that runs
`define_env` (such as Zensical) only needs this file.
"""
from __future__ import annotations

from pathlib import Path, PurePosixPath

from fardplan import ValidationFailed, load_roadmap
from fardplan.pagedates import last_changed_by_page
from fardplan.render import SiteRenderer
from fardplan.text import swedish_date
from fardplan.views import AREA_DIR, area_page_source

DEFAULT_DATA = "data/roadmap.yaml"


def _fail(message: str) -> Exception:
    """A build error MkDocs prints as one clean message, without a traceback."""
    try:
        from mkdocs.exceptions import PluginError
    except ImportError:  # another generator: a plain exception still stops the build
        return RuntimeError(message)
    return PluginError(message)


def _share_with_theme(env, key: str, value) -> None:
    """Values for Material's templates (overrides/), which read them as config.extra.fardplan_theme."""
    theme = env.conf["extra"].get("fardplan_theme") or {}
    theme[key] = value
    env.conf["extra"]["fardplan_theme"] = theme


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

    site = SiteRenderer(roadmap)
    _share_with_theme(env, "last_changed", {
        page: {"iso": changed.isoformat(), "text": swedish_date(changed)}
        for page, changed in last_changed_by_page(docs, project / data_file).items()
    })

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
    def timeline_page() -> str:
        """Every need and every "more needed" action on a time axis, area by area."""
        return site.timeline_page(env.page.url)

    @env.macro
    def bodies_page() -> str:
        """Everything each responsible body owns, across the areas."""
        return site.bodies_page(env.page.url)

    @env.macro
    def initiatives_page() -> str:
        """Each national initiative: reference, link, period, and the needs it serves."""
        return site.initiatives_page(env.page.url)

    @env.macro
    def whole_document() -> str:
        """The whole färdplan on one page, in document order, for printing and PDF."""
        return site.whole_document(env.page.url)
