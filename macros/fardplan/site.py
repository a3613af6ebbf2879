"""One build of the site, prepared by the core from the project: what a site generator needs.

`prepare_site()` is the one call the adapter (macros/adapter.py) makes: it reads the data once,
validates it, and returns the renderer, the generated area pages, the values for MkDocs'
configuration and for the theme, and the files to write after the build. Nothing here imports
MkDocs, so another generator that runs `define_env` (Zensical) needs only a new adapter.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from markupsafe import Markup, escape

from fardplan.data import routes
from fardplan.data.diagnostics import ValidationFailed, summary
from fardplan.data.model import Roadmap
from fardplan.data.text import swedish_date
from fardplan.data.validate import validate_file
from fardplan.pages.pdf_document import PrintedDocument, PrintUnavailable, print_for_site
from fardplan.pages.render import SiteRenderer
from fardplan.pages.source_links import source_links
from fardplan.project import Project
from fardplan.remiss.answers import load_remiss_answers
from fardplan.versions.edition import edition
from fardplan.versions.pagedates import last_changed_by_page
from fardplan.versions.publishing import Publication, published_folder


class BuildError(Exception):
    """The build cannot go on; the message is Swedish and complete (no traceback needed)."""


@dataclass
class GeneratedPage:
    source: str  # as if under docs/, e.g. omraden/grunduppdraget.md
    text: str
    title: str  # for messages; the page's own heading is its title in the navigation


@dataclass
class SiteBuild:
    project: Project
    roadmap: Roadmap
    site: SiteRenderer
    publication: Publication
    printed: PrintedDocument | None
    warnings: list[str]  # the data's warnings, one line each (they do not stop the build)
    config: dict[str, Any]  # values for the generator's configuration (site_name, site_url, …)
    theme: dict[str, Any]  # values for the theme's templates (config.extra.fardplan_theme)
    variables: dict[str, Any]  # values pages may quote (the editors' guide)
    pages: list[GeneratedPage] = field(default_factory=list)

    def macros(
        self, page_source: Callable[[], str], page_url: Callable[[], str]
    ) -> dict[str, Callable[[], str]]:
        """Every page macro by name (ROUTES, and the area page), each rendering for the page being built."""

        inputs: dict[str, Callable[[], Any]] = {
            "publication": lambda: self.publication,
            "pdf": lambda: self.printed.theme_values() if self.printed else None,
        }

        def fixed(route: routes.Route) -> Callable[[], str]:
            def render() -> str:
                method: Callable[..., str] = getattr(self.site, route.macro)
                return method(page_url(), **{name: inputs[name]() for name in route.inputs})

            render.__doc__ = f"The page {route.title} ({route.source})."
            return render

        def area_page() -> str:
            area_id = routes.area_of_source(page_source())
            if area_id is None or area_id not in {a.id for a in self.roadmap.areas}:
                raise BuildError(f"{page_source()}: area_page() visar ett områdes sida, som skapas av datan")
            return self.site.area_page(area_id, page_url())

        found = {route.macro: fixed(route) for route in routes.ROUTES}
        found[routes.AREA_MACRO] = area_page
        return found

    def navigation(self, nav: list[Any]) -> list[Any]:
        """The configured navigation with its areas entry (`omraden/`) as the areas in data order."""
        marker = routes.AREA_DIR + "/"
        areas = [page.source for page in self.pages]

        def fill(items: list[Any]) -> list[Any]:
            result: list[Any] = []
            for item in items:
                if item == marker:
                    result.extend(areas)
                elif isinstance(item, dict):
                    result.append(
                        {
                            key: areas
                            if value == marker
                            else fill(value)
                            if isinstance(value, list)
                            else value
                            for key, value in item.items()
                        }
                    )
                else:
                    result.append(item)
            return result

        return fill(nav or [])

    def write_files(self, site_dir: Path) -> None:
        """The open-data files and the PDF, into the built site."""
        self.publication.write_open_data(site_dir)
        if self.printed is not None:
            self.printed.write(site_dir)


def prepare_site(project: Project, docs_dir: Path) -> SiteBuild:
    """Read and check everything one build needs, before any page is written."""
    result = validate_file(project.data_file, name=project.data)
    if result.roadmap is None:
        raise BuildError(ValidationFailed(result.errors).report())
    roadmap = result.roadmap
    warnings = []
    if result.diagnostics:
        warnings = [f"Färdplanens data har {summary(result.diagnostics)} (de stoppar inte bygget):"]
        warnings += [warning.text() for warning in result.diagnostics]

    missing = [
        f"  {docs_dir.name}/{route.source}  (med raden {{{{ {route.macro}() }}}})"
        for route in routes.ROUTES
        if (roadmap.remiss or not route.needs_remiss) and not (docs_dir / route.source).is_file()
    ]
    if missing:
        raise BuildError("De här sidorna saknas:\n" + "\n".join(missing))
    # Area pages come from the data; a file in their folder (an old stub, or a page of an area that
    # is gone) would hide a generated page or fail while rendering, after site/ is emptied.
    stubs = sorted(
        page.relative_to(docs_dir).as_posix() for page in (docs_dir / routes.AREA_DIR).glob("*.md")
    )
    if stubs:
        raise BuildError(
            "Områdenas sidor skapas nu av datan. Ta bort de här filerna (och deras rader under nav i mkdocs.yml):\n"
            + "\n".join(f"  {docs_dir.name}/{s}" for s in stubs)
        )

    try:
        answers = load_remiss_answers(
            roadmap,
            project.answers_file,
            project.responses_file,
            answers_name=project.answers_name,
            responses_name=project.responses_name,
        )
    except ValidationFailed as error:
        raise BuildError(error.report()) from None

    settings = roadmap.settings
    # Only a version mike publishes from a tag (remiss, decided) is no longer main: its needs offer a
    # suggestion instead of links to main's lines. The draft and local builds are the working copy.
    folder = published_folder()
    links = source_links(settings, project.data)
    site = SiteRenderer(roadmap, answers, links=links, edition=edition(roadmap, folder) if folder else None)
    publication = Publication(roadmap, project.data_file, folder)
    try:
        printed = print_for_site(roadmap, publication.settings.version_url() or None)
    except PrintUnavailable as error:
        raise BuildError(str(error)) from None

    pages = [
        GeneratedPage(routes.area_page_source(area.id), routes.AREA_PAGE_TEXT, area.title)
        for area in roadmap.areas
    ]
    changed = last_changed_by_page(docs_dir, project.data_file, extra_pages=[p.source for p in pages])
    theme = {
        "remiss": site.remiss_banner(),
        "last_changed": {
            page: {"iso": day.isoformat(), "text": swedish_date(day)} for page, day in changed.items()
        },
        "edition": publication.edition.theme_values(),
        "pdf": printed.theme_values() if printed else None,
        # the header shows the organisation's name (overrides/partials/header.html)
        "organisation": site.organisation,
    }
    title = roadmap.document.title
    config = {
        # Material prints site_name without escaping in some places and with `| e` in others;
        # Markup is escaped once in both.
        "site_name": Markup(escape(title)),
        "site_description": Markup(
            escape(
                f"{title} – vad som görs nationellt och i {settings.term}, vad som behöver göras mer och när."
            )
        ),
        "site_url": settings.site_url,
    }
    variables = {
        "fardplan_redaktion": {
            "granskas_inom_manader": settings.review_months,
            "lix_grans": settings.lix_limit,
            "datafil": project.data,
            "redigera_url": links.edit_url() if links else None,
            "visa_url": links.view_url() if links else None,
            "forrad_url": settings.repository_url,
        }
    }
    return SiteBuild(project, roadmap, site, publication, printed, warnings, config, theme, variables, pages)
