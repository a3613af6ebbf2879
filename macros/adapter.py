"""mkdocs-macros adapter: the only place where the färdplan core meets the site generator.

It loads and validates the data once per build (define_env runs once per build, also on every
rebuild under `mkdocs serve`), then registers macros that the pages in docs/ call. Everything
else lives in the plain-Python core, macros/fardplan, so a move to another generator that runs
`define_env` (such as Zensical) only needs this file.
"""
from __future__ import annotations

from pathlib import Path, PurePosixPath

from fardplan import ValidationFailed, load_roadmap
from fardplan.publishing import Publication, published_folder
from fardplan.render import SiteRenderer
from fardplan.views import AREA_DIR, area_page_source

DEFAULT_DATA = "data/roadmap.yaml"
# This build's versions, history and open data, kept from define_env for on_post_build.
_publication: Publication | None = None


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

    site = SiteRenderer(roadmap)

    # Versions and open data. site_url is read here, before mike's plugin (listed after macros in
    # mkdocs.yml) points it at the canonical version: open data cites each version's own folder.
    global _publication
    try:
        publication = _publication = Publication(roadmap, project / data_file, env.conf.get("site_url"),
                                                 settings, published_folder())
    except ValueError as error:  # a setting in mkdocs.yml; the message says which
        raise _fail(str(error)) from None
    # Material's templates (overrides/) show the draft or remiss banner and noindex from this.
    env.conf["extra"].setdefault("fardplan_theme", {})["edition"] = publication.edition.theme_values()

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
    def changes_page() -> str:
        """What changed since the previous published version, in plain Swedish."""
        return site.changes_page(publication, env.page.url)

    @env.macro
    def open_data_page() -> str:
        """The open-data files of this version, their stable addresses and the licence."""
        return site.open_data_page(publication, env.page.url)


def on_post_build(env) -> None:
    """Write the open-data files (JSON, CSV, schema, DCAT, Atom) into the built site.

    mkdocs-macros calls this after MkDocs has written the pages. Generators that skip it (Zensical)
    run scripts/export_open_data.py SITE_DIR after the build instead: it writes the same files.
    """
    if _publication is not None:
        _publication.write_open_data(Path(env.conf["site_dir"]))
