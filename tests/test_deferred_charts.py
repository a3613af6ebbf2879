"""Charts wait out Markdown and the search index (issue 15's build-time budget): in the built site
every chart and values table is in its figure, no placeholder is left, and search finds a
measure's summary sentence but indexes no chart or values table."""

from __future__ import annotations

import json

import pytest

from fardplan import load_roadmap
from fardplan.pages.charts import DeferredCharts
from support import DATA

ROADMAP = load_roadmap(DATA)
MEASURED = [(area, need, m) for area in ROADMAP.areas for need in area.needs for m in need.measures]


@pytest.fixture
def site(example_site):
    return example_site  # the session's shared build (conftest.py)


def test_every_chart_and_table_is_in_its_figure_and_no_placeholder_is_left(site):
    assert MEASURED, "the example has measures"
    for path in site.rglob("*.html"):
        assert "fp-diagram-" not in path.read_text(encoding="utf-8"), path
    for area, _, m in MEASURED:
        page = (site / "omraden" / area.id / "index.html").read_text(encoding="utf-8")
        figure = page[page.index(f'<figure class="fp-measure" id="matt-{m.id}">') :]
        figure = figure[: figure.index("</figure>")]
        assert figure.count('<svg class="fp-chart"') == 1 and figure.count("<table") == 1, m.id
    follow_up = (site / "uppfoljning" / "index.html").read_text(encoding="utf-8")
    areas = {a.id for a, _, _ in MEASURED}
    assert follow_up.count('<table class="fp-matrix fp-measure-overview"') == len(areas)
    for area_id in areas:  # each overview under its own heading, the heading's anchor intact
        assert f'<h3 id="matt-{area_id}">' in follow_up, area_id


def test_search_finds_the_summary_but_indexes_no_chart_markup(site):
    docs = json.loads((site / "search" / "search_index.json").read_text(encoding="utf-8"))["docs"]
    text = " ".join(doc["text"] for doc in docs)
    organisation = ROADMAP.document.organisation
    for _, _, m in MEASURED:
        assert m.summary(organisation) in text, m.id
        # The chart's title and the table's caption are read on the page, not indexed.
        assert f"Diagram: {m.name}" not in text and f"{m.name}: värden år för år" not in text, m.id


def test_an_unknown_placeholder_is_left_alone():
    charts = DeferredCharts()
    kept = charts.keep("<svg></svg>")
    assert charts.fill(f"<p>{kept}</p><!--fp-diagram-7-->") == "<p><svg></svg></p><!--fp-diagram-7-->"
