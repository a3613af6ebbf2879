"""mkdocs-macros adapter: the only place where the färdplan core meets the site generator.

It loads and validates the data once per build (define_env runs once per build, also on every
rebuild under `mkdocs serve`), then registers macros that the pages in docs/ call. Everything
else lives in the plain-Python core, macros/fardplan, so a move to another generator that runs
`define_env` (such as Zensical) only needs this file.
"""

from __future__ import annotations

import logging
from pathlib import Path, PurePosixPath

from fardplan import ValidationFailed, validate_file
from fardplan.data.diagnostics import summary
from fardplan.versions.edition import edition
from fardplan.versions.pagedates import last_changed_by_page
from fardplan.pages.pdf_document import PrintedDocument, PrintUnavailable, print_for_site
from fardplan.versions.publishing import Publication, published_folder
from fardplan.remiss.period import PAGE_SOURCE as REMISS_PAGE_SOURCE
from fardplan.remiss.answers import load_remiss_answers
from fardplan.pages.render import SiteRenderer
from fardplan.pages.source_links import LinkSettingsError, source_links
from fardplan.data.text import swedish_date
from fardplan.pages.views import AREA_DIR, area_page_source

DEFAULT_DATA = "data/roadmap.yaml"
DEFAULT_ANSWERS = "data/remissvar.yaml"  # written by scripts/remissvar.py
DEFAULT_RESPONSES = "data/remissbemotande.yaml"  # written by editors
# MkDocs prints its plugins' INFO lines; --strict fails only on WARNING and above. The data's
# warnings (such as a high LIX) must be seen but must not stop a strict build, so they are INFO.
log = logging.getLogger("mkdocs.plugins.fardplan")
# This build's versions, history and open data, kept from define_env for on_post_build.
_publication: Publication | None = None
# The printed färdplan, made before the pages (they link to it with its size) and written after them.
_printed: PrintedDocument | None = None


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
    result = validate_file(project / data_file, name=data_file)
    if result.roadmap is None:
        raise _fail(ValidationFailed(result.errors).report())
    roadmap = result.roadmap
    if result.diagnostics:
        log.info("Färdplanens data har %s (de stoppar inte bygget):", summary(result.diagnostics))
        for warning in result.diagnostics:
            log.info("%s", warning.text())
    try:
        links = source_links(settings, data_file)
    except LinkSettingsError as error:
        raise _fail(str(error)) from None

    docs = Path(env.conf["docs_dir"])
    missing = [area for area in roadmap.areas if not (docs / area_page_source(area.id)).is_file()]
    if missing:
        raise _fail(
            "Varje område behöver en sida. Skapa de här filerna med raden {{ area_page() }}:\n"
            + "\n".join(f"  {docs.name}/{area_page_source(a.id)}  ({a.title})" for a in missing)
        )

    # An area removed from the data while its page remains: say so now, before MkDocs empties
    # site/, rather than when the page is rendered.
    ids = {area.id for area in roadmap.areas}
    stale = sorted(
        page
        for page in (docs / AREA_DIR).glob("*.md")
        if page.stem not in ids and "area_page()" in page.read_text(encoding="utf-8")
    )
    if stale:
        raise _fail(
            "De här sidorna visar ett område som inte finns i " + data_file + ". Ta bort sidan "
            "(och dess rad under nav i mkdocs.yml), eller ge den namnet på ett områdes id:\n"
            + "\n".join(f"  {docs.name}/{AREA_DIR}/{page.name}" for page in stale)
        )

    answers_file = settings.get("remissvar", DEFAULT_ANSWERS)
    responses_file = settings.get("remissbemotande", DEFAULT_RESPONSES)
    try:
        answers = load_remiss_answers(
            roadmap,
            project / answers_file,
            project / responses_file,
            answers_name=answers_file,
            responses_name=responses_file,
        )
    except ValidationFailed as error:
        raise _fail(error.report()) from None
    if roadmap.remiss and not (docs / REMISS_PAGE_SOURCE).is_file():
        raise _fail(
            f"Färdplanen har en remiss, så den behöver sidan {docs.name}/{REMISS_PAGE_SOURCE} "
            "med raden {{ remiss_page() }}."
        )

    # Only a version mike publishes from a tag (remiss, decided) is no longer main: its needs offer a
    # suggestion instead of links to main's lines. The draft and local builds are the working copy.
    folder = published_folder()
    site = SiteRenderer(roadmap, answers, links=links, edition=edition(roadmap, folder) if folder else None)
    # Charts go into the pages after Markdown and the search index, which are slow on SVG markup.
    env.conf["plugins"]["fardplan-diagram"] = site.defer_charts()
    # Material's templates (overrides/partials/fp-announce.html) print the remiss banner from here.
    _share_with_theme(env, "remiss", site.remiss_banner())
    # Values the editors' guide quotes, so that it follows the data's settings and the configuration.
    env.variables["fardplan_redaktion"] = {
        "granskas_inom_manader": roadmap.settings.review_months,
        "lix_grans": roadmap.settings.lix_limit,
        "datafil": data_file,
        "redigera_url": links.edit_url() if links else None,
        "visa_url": links.view_url() if links else None,
    }
    _share_with_theme(
        env,
        "last_changed",
        {
            page: {"iso": changed.isoformat(), "text": swedish_date(changed)}
            for page, changed in last_changed_by_page(docs, project / data_file).items()
        },
    )

    # Versions and open data. site_url is read here, before mike's plugin (listed after macros in
    # mkdocs.yml) points it at the canonical version: open data cites each version's own folder.
    global _publication
    try:
        publication = _publication = Publication(
            roadmap, project / data_file, env.conf.get("site_url"), settings, published_folder()
        )
    except ValueError as error:  # a setting in mkdocs.yml; the message says which
        raise _fail(str(error)) from None
    # Material's templates (overrides/) show the draft or remiss banner and noindex from this.
    _share_with_theme(env, "edition", publication.edition.theme_values())
    global _printed
    try:
        _printed = print_for_site(roadmap, publication.settings.version_url() or None)
    except PrintUnavailable as error:
        raise _fail(str(error)) from None
    # overrides/partials/fp-pdf-link.html links every page to it (nothing when FARDPLAN_PDF=0).
    _share_with_theme(env, "pdf", _printed.theme_values() if _printed else None)

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
    def follow_up_page() -> str:
        """Follow-up: per responsible body, status counts and what is overdue for review."""
        return site.follow_up_page(env.page.url)

    @env.macro
    def key_reference() -> str:
        """Every key of the data file, generated from the JSON Schema."""
        return site.key_reference(env.page.url)

    @env.macro
    def remiss_page() -> str:
        """How to comment during the remiss; the compiled answers and the responses after it."""
        return site.remiss_page(env.page.url)

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

    @env.macro
    def changes_page() -> str:
        """What changed since the previous published version, in plain Swedish."""
        return site.changes_page(publication, env.page.url)

    @env.macro
    def open_data_page() -> str:
        """The open-data files of this version, their stable addresses and the licence."""
        return site.open_data_page(publication, env.page.url)


def on_post_build(env) -> None:
    """Write the open-data files (JSON, CSV, schema, DCAT, Atom) and the PDF into the built site.

    mkdocs-macros calls this after MkDocs has written the pages. Generators that skip it (Zensical)
    run scripts/export_open_data.py SITE_DIR and scripts/pdf.py SITE_DIR after the build instead:
    they write the same files.
    """
    if _publication is not None:
        _publication.write_open_data(Path(env.conf["site_dir"]))
    if _printed is not None:
        _printed.write(Path(env.conf["site_dir"]))
