"""Every page judges "today" by the date the renderer is given (the build date by default): the
timeline's axis, an initiative that has ended, the day the whole document was compiled."""

from __future__ import annotations

from datetime import date

import pytest

from fardplan import load_roadmap
from fardplan.pages.render import SiteRenderer


@pytest.fixture
def roadmap(write_yaml, minimal_text, monkeypatch):
    # No years in the data, so the timeline's axis is the year of "today"; an initiative that ends.
    text = minimal_text.replace('tidshorisont: "2022-2024"', "tidshorisont: löpande")
    text = text.replace("gäller-till: null", "gäller-till: 2023-06-30")
    # The clock says something else: the renderer's own date must win on every page.
    monkeypatch.setenv("FARDPLAN_TODAY", "2011-11-11")
    return load_roadmap(write_yaml(text))


def test_the_timeline_starts_in_the_year_of_the_given_day(roadmap):
    early = SiteRenderer(roadmap, today=date(2022, 3, 1)).timeline_page()
    late = SiteRenderer(roadmap, today=date(2031, 3, 1)).timeline_page()
    assert "Den går från 2022 till 2022." in early
    assert "Den går från 2031 till 2031." in late


def test_an_initiative_has_ended_only_after_its_last_day_as_of_the_given_day(roadmap):
    before = SiteRenderer(roadmap, today=date(2023, 6, 30)).initiatives_page()
    after = SiteRenderer(roadmap, today=date(2023, 7, 1)).initiatives_page()
    assert "upphörde 30 juni 2023" not in before
    assert "gäller läget den 30 juni 2023." in before
    assert "upphörde 30 juni 2023" in after
    assert "gäller läget den 1 juli 2023." in after


def test_the_whole_document_is_compiled_on_the_given_day(roadmap):
    page = SiteRenderer(roadmap, today=date(2024, 2, 29)).whole_document()
    assert "Sammanställd 29 februari 2024." in page
    assert "upphörde 30 juni 2023" in page
