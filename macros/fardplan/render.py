"""Turn the model into page content with Jinja templates (macros/fardplan/templates/).

The output is Markdown whose body is HTML blocks. All data passes through autoescaping (or the
`md` filter for Markdown lines), so text from the YAML can never become markup or template code.
"""
from __future__ import annotations

import sys
from functools import lru_cache
from pathlib import Path

from jinja2 import Environment, FileSystemBytecodeCache, FileSystemLoader, StrictUndefined, select_autoescape

from . import text, views
from .model import Roadmap

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
    )
    env.globals.update(count_label=views.count_label)
    return env


@lru_cache(maxsize=1)
def shared_environment() -> Environment:
    """One environment per process, so each template is compiled once, not on every rebuild under
    `mkdocs serve`. Jinja checks the files' modification times, so edited templates still show.

    Compiled templates are also kept between processes, as Python keeps .pyc files (and not when
    Python is told not to write those): compiling took about as long as validating the real data.
    Jinja's cache folder is private to the user and keyed by each template's text."""
    env = make_environment()
    if not sys.dont_write_bytecode:
        try:
            env.bytecode_cache = FileSystemBytecodeCache()
        except (OSError, RuntimeError):  # no private temporary folder: compile every time
            pass
    return env


class SiteRenderer:
    """Renders every page of the färdplan from one validated model; create once per build."""

    def __init__(self, roadmap: Roadmap):
        self.roadmap = roadmap
        self.env = shared_environment()
        self.summaries = views.area_summaries(roadmap)

    def _render(self, template: str, page_url: str, **context) -> str:
        def url(target: str) -> str:
            return text.relative_url(page_url, target)

        return self.env.get_template(template).render(
            roadmap=self.roadmap, document=self.roadmap.document, url=url, views=views, **context)

    def start_page(self, page_url: str = views.HOME_URL) -> str:
        return self._render("start.md.j2", page_url, summaries=self.summaries)

    def area_page(self, area_id: str, page_url: str | None = None) -> str:
        area = self.roadmap.area(area_id)
        return self._render("area.md.j2", views.area_url(area_id) if page_url is None else page_url,
                            area=area)
