"""The other ways to read the färdplan: timeline, per responsible body, per national initiative,
and the whole document; rendered from the model with the real templates."""

from __future__ import annotations

import re
from datetime import date

import pytest

from fardplan import load_roadmap
from fardplan.data.clock import ENV_VAR
from fardplan.pages.overviews import body_views, ended_note, initiative_views
from fardplan.pages.render import SiteRenderer
from fardplan.pages.timeline import axis_years, build_timeline
from fardplan.versions.pagedates import renders_data
from support import DATA


@pytest.fixture(scope="module")
def roadmap():
    return load_roadmap(DATA)


def test_timeline_axis_runs_from_the_earliest_to_the_latest_year_in_the_data(roadmap):
    years = [
        y
        for need in roadmap.needs()
        for h in (need.horizon, *(a.horizon for a in need.more))
        if h.named is None
        for y in (h.start, h.end)
    ]
    assert axis_years(roadmap, date(max(years), 1, 1)) == tuple(range(min(years), max(years) + 1))
    # Today is always on the axis, so it stretches to a build date after the data's last year.
    assert axis_years(roadmap, date(2030, 1, 1)) == tuple(range(min(years), 2031))


def test_timeline_places_each_bar_on_its_years_and_ongoing_across_the_axis(write_yaml, minimal_text):
    roadmap = load_roadmap(write_yaml(minimal_text))  # need: löpande; its action: 2022-2024
    timeline = build_timeline(roadmap, date(2024, 6, 1))
    assert timeline.years == (2022, 2023, 2024)
    need = timeline.areas[0].needs[0]
    assert need.bar.spans_axis and need.bar.grid_column == "1 / 4"
    action = need.actions[0]
    assert not action.bar.spans_axis and action.bar.grid_column == "1 / 4"

    text = minimal_text.replace('tidshorisont: "2022-2024"', "tidshorisont: 2023").replace(
        "tidshorisont: löpande", 'tidshorisont: "2021-2022"'
    )
    need = build_timeline(load_roadmap(write_yaml(text)), date(2023, 6, 1)).areas[0].needs[0]
    assert need.bar.grid_column == "1 / 3"  # 2021–2022 on the axis 2021..2023
    assert need.actions[0].bar.grid_column == "3 / 4"  # 2023


def test_timeline_without_any_years_uses_the_build_year(write_yaml, minimal_text):
    text = minimal_text.replace('tidshorisont: "2022-2024"', "tidshorisont: löpande")
    assert axis_years(load_roadmap(write_yaml(text)), date(2027, 3, 1)) == (2027,)


def test_timeline_page_lists_every_need_and_more_action_with_its_horizon_as_text(roadmap):
    html = SiteRenderer(roadmap).timeline_page()
    for area in roadmap.areas:
        assert f"## {area.title} {{ #{area.id} }}" in html
    for need in roadmap.needs():
        assert f'href="../omraden/{need.area_id}/#{need.id}">{need.title}</a>' in html
        for action in need.more:
            assert f'href="../omraden/{need.area_id}/#{action.id}">{action.text}</a>' in html
    bars = re.findall(r'<span class="fp-sr-only">Tidshorisont: </span>([^<]+)</span>', html)
    expected = [h.label for need in roadmap.needs() for h in (need.horizon, *(a.horizon for a in need.more))]
    assert bars == expected
    assert "Löpande" in bars  # ongoing work is on the timeline too


def test_each_action_appears_once_under_its_responsible_body(roadmap):
    views = body_views(roadmap)
    assert [v.body.id for v in views] == [b.id for b in roadmap.bodies]
    listed = [(v.body.id, item.action.id) for v in views for group in v.areas for item in group.actions]
    assert sorted(listed) == sorted((a.body.id, a.id) for a in roadmap.actions())
    for view in views:
        assert view.action_count == sum(c.count for c in view.status_counts)


def test_bodies_page_links_each_action_and_names_a_body_without_actions(write_yaml, minimal_text):
    text = minimal_text.replace("ansvariga:\n", "ansvariga:\n  - id: ny-namnd\n    namn: Nya nämnden\n", 1)
    html = SiteRenderer(load_roadmap(write_yaml(text))).bodies_page()
    assert "## Kommunstyrelsen { #kommunstyrelsen }" in html
    assert '<a href="../omraden/styrning/#samverkan-staden">Staden samverkar med regionen.</a>' in html
    assert "Kolumn: Behöver göras mer" in html
    assert '<span class="fp-status fp-status--pagar">Pågår</span>' in html
    assert "Inga åtgärder i färdplanen har Nya nämnden som ansvarig." in html


def test_an_ended_initiative_is_marked_from_the_build_date(write_yaml, minimal_text, monkeypatch):
    text = minimal_text.replace("    typ: lagändring", "    typ: statsbidrag").replace(
        "    gäller-till: null", "    gäller-till: 2023-12-31"
    )
    roadmap = load_roadmap(write_yaml(text))
    initiative = roadmap.initiatives[0]
    assert ended_note(initiative, date(2023, 12, 31)) is None
    assert ended_note(initiative, date(2024, 1, 1)) == "Statsbidraget upphörde 31 december 2023."

    monkeypatch.setenv(ENV_VAR, "2024-02-01")
    html = SiteRenderer(roadmap).initiatives_page()
    assert "Statsbidraget upphörde 31 december 2023." in html
    assert "Från 1 juli 2021 till och med 31 december 2023." in html
    assert "läget den 1 februari 2024" in html
    monkeypatch.setenv(ENV_VAR, "2023-06-01")
    assert "upphörde" not in SiteRenderer(roadmap).initiatives_page()


def test_initiatives_page_gives_reference_link_and_the_needs_served(roadmap):
    views = {v.initiative.id: v for v in initiative_views(roadmap, date(2026, 1, 1))}
    served = {i.id: [n.id for n in roadmap.needs() if i in n.national] for i in roadmap.initiatives}
    for initiative_id, view in views.items():
        assert [s.need.id for s in view.needs] == served[initiative_id]
    html = SiteRenderer(roadmap).initiatives_page()
    lyftet = views["aldreomsorgslyftet"].initiative
    assert f'<a href="{lyftet.url}">Äldreomsorgslyftet (statsbidrag.socialstyrelsen.se)</a>' in html
    assert '<a href="../omraden/personal-och-kompetens/#strategisk-kompetensforsorjning">' in html


def test_whole_document_has_everything_in_document_order(roadmap):
    html = SiteRenderer(roadmap).whole_document()
    assert html.startswith(f"# {roadmap.document.title}\n")
    positions = [
        html.index(f'<h2 id="{area.id}" class="fp-new-page">{area.title}</h2>') for area in roadmap.areas
    ]
    positions.append(html.index('<h2 id="processen-framat" class="fp-new-page">Processen framåt</h2>'))
    positions.append(
        html.index('<h2 id="nationella-initiativ" class="fp-new-page">Nationella initiativ</h2>')
    )
    assert positions == sorted(positions)
    rows = re.findall(r'<tr id="([^"]+)"', html)
    assert rows == [need.id for need in roadmap.needs()]
    for initiative in roadmap.initiatives:
        assert f'<h3 id="initiativ-{initiative.id}">' in html
    # The areas are headings one level below the document's title; no second Markdown title.
    assert len(re.findall(r"^# ", html, flags=re.M)) == 1


def test_hostile_text_stays_text_in_the_new_pages(write_yaml, minimal_text):
    hostile = "<script>alert(1)</script> {{ config }}"
    text = minimal_text.replace("rubrik: Nära samverkan med regionen", f"rubrik: '{hostile}'").replace(
        "namn: Kommunstyrelsen", f"namn: '{hostile}'"
    )
    site = SiteRenderer(load_roadmap(write_yaml(text)))
    for html in (site.timeline_page(), site.bodies_page(), site.initiatives_page(), site.whole_document()):
        assert "<script>" not in html


def test_a_page_renders_data_when_its_front_matter_opts_in_to_macros():
    assert renders_data("---\nrender_macros: true\n---\n\n{{ area_page() }}\n")
    assert not renders_data("---\ntitle: Om\n---\n# Om\n")
    assert not renders_data("# Ingen front matter\nrender_macros: true\n")
    assert not renders_data("---\nrender_macros: [oavslutad\n---\n")
