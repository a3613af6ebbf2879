"""Turn the model into page content with Jinja templates (macros/fardplan/pages/templates/).

The output is Markdown whose body is HTML blocks. All data passes through autoescaping (or the
`md` filter for Markdown lines), so text from the YAML can never become markup or template code.
"""

from __future__ import annotations

from datetime import date
from functools import lru_cache
from pathlib import Path
from typing import Any

from jinja2 import Environment, FileSystemBytecodeCache, FileSystemLoader, StrictUndefined, select_autoescape
from jinja2.bccache import Bucket, BytecodeCache

from fardplan.data import clock, measures, routes, text
from fardplan.data.addresses import mailto
from fardplan.data.files import kept_code_folder
from fardplan.data.model import Area, Roadmap
from fardplan.data.schema import load_schema
from fardplan.pages import action_list, charts, glossary, overviews, timeline, views
from fardplan.pages import remiss_page as remissvar_views
from fardplan.pages.follow_up import Upkeep
from fardplan.pages.key_reference import key_sections, value_types
from fardplan.pages.source_links import SourceLinks
from fardplan.pages.suggestions import is_editable, suggestion_url
from fardplan.remiss.answers import NO_ANSWERS, RemissAnswers
from fardplan.remiss.period import remiss_view
from fardplan.versions.edition import Edition
from fardplan.versions.opendata import DCAT_ROOT_PATH, FEED_PATH
from fardplan.versions.publishing import Publication
from fardplan.versions.version_history import describe_version

TEMPLATES = Path(__file__).parent / "templates"


def make_environment() -> Environment:
    env = Environment(
        loader=FileSystemLoader(TEMPLATES),
        autoescape=select_autoescape(default=True, default_for_string=True),
        undefined=StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
    )
    env.filters.update(
        md=text.markdown_text,
        date=text.swedish_date,
        paragraphs=text.paragraphs,
        number=measures.number,
    )
    env.globals.update(
        count_label=views.count_label,
        overviews=overviews,
        chart=charts.chart,
        glossary=glossary,
        action_list=action_list,
    )
    return env


class _ByContent(BytecodeCache):
    """Compiled templates keyed by what the compiled code depends on: the template's name and text
    and the environment's syntax, escaping and async mode. Jinja keys them by the template file's
    path, so the same templates in another copy of a project (a new site, every test's copy) were
    compiled anew, and each copy added files to the cache folder. Its check of the text is kept
    (the bucket's checksum)."""

    def get_bucket(self, environment: Environment, name: str, filename: str | None, source: str) -> Bucket:
        autoescape = environment.autoescape
        compiled_as = (
            autoescape(name) if callable(autoescape) else autoescape,
            sorted(environment.extensions),
            environment.block_start_string,
            environment.block_end_string,
            environment.variable_start_string,
            environment.variable_end_string,
            environment.comment_start_string,
            environment.comment_end_string,
            environment.line_statement_prefix,
            environment.line_comment_prefix,
            environment.trim_blocks,
            environment.lstrip_blocks,
            environment.keep_trailing_newline,
            environment.newline_sequence,
            environment.optimized,
            environment.finalize is not None,
            environment.is_async,
        )
        checksum = self.get_source_checksum(source)
        key = self.get_cache_key(name, f"{checksum}|{compiled_as!r}")
        bucket = Bucket(environment, key, checksum)
        self.load_bytecode(bucket)
        return bucket


class _FolderBytecodeCache(_ByContent, FileSystemBytecodeCache):
    """Compiled templates in Jinja's cache folder (private to the user), kept between processes."""


class _ProcessBytecodeCache(_ByContent, BytecodeCache):
    """Compiled templates kept in memory for the rest of the process."""

    def __init__(self) -> None:
        self._compiled: dict[str, bytes] = {}

    def load_bytecode(self, bucket: Bucket) -> None:
        if bucket.key in self._compiled:
            bucket.bytecode_from_string(self._compiled[bucket.key])  # ignored if the source changed

    def dump_bytecode(self, bucket: Bucket) -> None:
        self._compiled[bucket.key] = bucket.bytecode_to_string()


@lru_cache(maxsize=1)
def template_cache() -> BytecodeCache:
    """Where compiled Jinja templates are kept, for ours and for the theme's (macros/theme_hook.py):
    compiling them took about as long as validating the real data, on every build and every
    rebuild under `mkdocs serve`. They are kept between processes, as Python keeps .pyc files, in
    fardplan.data.files.kept_code_folder; in memory only where there is none. Each is found by its
    template's name and text (_ByContent), so an edited template is compiled again."""
    folder = kept_code_folder()
    return _FolderBytecodeCache(str(folder)) if folder else _ProcessBytecodeCache()


@lru_cache(maxsize=1)
def shared_environment() -> Environment:
    """One environment per process, so each template is loaded once, not on every rebuild under
    `mkdocs serve`. Jinja checks the files' modification times, so edited templates still show."""
    env = make_environment()
    env.bytecode_cache = template_cache()
    return env


class SiteRenderer:
    """Renders every page of the färdplan from one validated model; create once per build."""

    def __init__(
        self,
        roadmap: Roadmap,
        answers: RemissAnswers = NO_ANSWERS,
        *,
        today: date | None = None,
        links: SourceLinks | None = None,
        edition: Edition | None = None,
    ):
        self.roadmap = roadmap
        self.env = shared_environment()
        self.summaries = views.area_summaries(roadmap)
        self.organisation = roadmap.settings.organisation
        self.today = today = today or clock.build_date()
        # Review state is judged against the build date. Edit links point at lines of main, so only
        # the draft (built from main) has them; a published version offers a suggestion instead.
        editable = is_editable(edition)
        self.upkeep = Upkeep(roadmap, today, links if editable else None)
        self.edition = edition
        self.repository = links.repository if links and not editable else None
        # The remiss is open or closed as of the build date: a daily rebuild switches it on time.
        self.answers = answers
        self.remiss = remiss_view(
            roadmap, today, has_answers=answers.compiled, answered=frozenset(c.part for c in answers.comments)
        )
        self.deferred_charts: charts.DeferredCharts | None = None

    def defer_charts(self) -> charts.DeferredCharts:
        """From now on, charts wait in the pages as placeholders; the returned object's
        `on_post_page` (a MkDocs event) puts them in after Markdown and the search index."""
        self.deferred_charts = charts.DeferredCharts()
        return self.deferred_charts

    def _render(self, template: str, page_url: str, **context: Any) -> str:
        def url(target: str) -> str:
            return text.relative_url(page_url, target)

        return self.env.get_template(template).render(
            roadmap=self.roadmap,
            document=self.roadmap.document,
            settings=self.roadmap.settings,
            organisation=self.roadmap.settings.organisation,
            term=self.roadmap.settings.term,
            url=url,
            views=views,
            remiss=self.remiss,
            remiss_page_url=routes.REMISS_URL,
            deferred_charts=self.deferred_charts,
            **context,
        )

    def start_page(
        self,
        page_url: str = routes.HOME_URL,
        *,
        pdf: dict[str, Any] | None = None,
    ) -> str:
        """`pdf`: the printed färdplan's theme values (pdf_document.PrintedDocument), None when the
        build makes none. The contact is the settings' `kontakt-epost`."""
        email = self.roadmap.settings.contact_email
        return self._render(
            "start.md.j2",
            page_url,
            summaries=self.summaries,
            pdf=pdf,
            contact=email,
            contact_url=mailto(email) if email else None,
        )

    def area_page(self, area_id: str, page_url: str | None = None) -> str:
        area = self.roadmap.area(area_id)
        return self._render(
            "area.md.j2",
            routes.area_url(area_id) if page_url is None else page_url,
            area=area,
            notes=self.upkeep.need_notes(area),
            review_months=self.upkeep.months,
            suggestions=self.suggestions(area),
        )

    def suggestions(self, area: Area) -> dict[str, str]:
        """A published version's "Föreslå en ändring" links, by need id; none while the remiss is
        open, when its own links ask for comments."""
        if self.repository is None or self.edition is None or (self.remiss and self.remiss.open):
            return {}
        return {
            need.id: suggestion_url(self.repository, self.edition, need, self.roadmap.settings.term_label)
            for need in area.needs
        }

    def follow_up_page(self, page_url: str = routes.FOLLOW_UP_URL) -> str:
        """Per responsible body: status counts and what is overdue for review; overdue needs."""
        return self._render(
            "follow_up.md.j2",
            page_url,
            follow_up=self.upkeep.follow_up(),
            measure_areas=measures.overview(self.roadmap.areas),
        )

    def key_reference(self, page_url: str = "") -> str:
        """Every key of the data file, generated from the JSON Schema."""
        schema = load_schema()
        return self._render(
            "key_reference.md.j2", page_url, sections=key_sections(schema), value_types=value_types(schema)
        )

    def remiss_page(self, page_url: str = routes.REMISS_URL) -> str:
        """How to comment while the remiss runs; the compiled answers and responses after it."""
        page = remissvar_views.remiss_page(self.roadmap, self.remiss, self.answers) if self.remiss else None
        return self._render("remissvar.md.j2", page_url, page=page)

    def remiss_banner(self) -> dict[str, str] | None:
        """The banner's values for the theme template (overrides/partials/fp-announce.html)."""
        return self.remiss.banner.for_theme() if self.remiss and self.remiss.banner else None

    def timeline_page(self, page_url: str = routes.TIMELINE_URL) -> str:
        return self._render(
            "timeline.md.j2", page_url, timeline=timeline.build_timeline(self.roadmap, self.today)
        )

    def glossary_page(self, page_url: str = glossary.URL) -> str:
        """What the status words mean, and a short glossary for readers."""
        return self._render("glossary.md.j2", page_url, terms=glossary.TERMS)

    def actions_page(self, page_url: str = action_list.URL) -> str:
        """Every action in one table that readers can filter (the filters need JavaScript)."""
        return self._render(
            "actions.md.j2",
            page_url,
            actions=action_list.action_list(self.roadmap, self.today),
            today=self.today,
            script=action_list.SCRIPT,
        )

    def bodies_page(self, page_url: str = routes.BODIES_URL) -> str:
        return self._render("bodies.md.j2", page_url, bodies=overviews.body_views(self.roadmap))

    def initiatives_page(self, page_url: str = routes.INITIATIVES_URL) -> str:
        return self._render(
            "initiatives.md.j2",
            page_url,
            today=self.today,
            initiatives=overviews.initiative_views(self.roadmap, self.today),
        )

    def whole_document(self, page_url: str = routes.WHOLE_DOCUMENT_URL) -> str:
        """Everything in document order on one page, made for printing and for PDF."""
        return self._render(
            "document.md.j2",
            page_url,
            today=self.today,
            initiatives=overviews.initiative_views(self.roadmap, self.today),
        )

    def changes_page(self, page_url: str = routes.CHANGES_URL, *, publication: Publication) -> str:
        """The "Vad har ändrats" page; `publication` is this build's publishing.Publication."""
        return self._render(
            "changes.md.j2",
            page_url,
            changes=publication.changes,
            current=describe_version(self.roadmap, publication.edition),
            describe=describe_version,
        )

    def open_data_page(self, page_url: str = routes.OPEN_DATA_URL, *, publication: Publication) -> str:
        """The "Öppna data" page; `publication` is this build's publishing.Publication."""
        return self._render(
            "opendata.md.j2",
            page_url,
            open_data=publication.settings,
            files=publication.listed_files(),
            current=describe_version(self.roadmap, publication.edition),
            feed_path=FEED_PATH,
            dcat_root_path=DCAT_ROOT_PATH,
        )
