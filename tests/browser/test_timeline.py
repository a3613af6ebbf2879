"""The timeline is laid out by CSS alone: without JavaScript, each bar covers its years on the axis."""

from __future__ import annotations

import pytest

from fardplan import load_roadmap
from support import DATA

pytestmark = pytest.mark.browser


@pytest.mark.parametrize("width", [375, 1280])
def test_bars_cover_their_years_without_javascript(browser, site_url, width):
    roadmap = load_roadmap(DATA)
    context = browser.new_context(java_script_enabled=False, viewport={"width": width, "height": 900})
    page = context.new_page()
    page.goto(f"{site_url}tidslinje/")
    years = page.locator(".fp-timeline").first.locator(".fp-tl-year")
    axis = {
        int(label): box
        for label, box in zip(
            years.all_inner_texts(), [years.nth(i).bounding_box() for i in range(years.count())]
        )
    }
    first_need = page.locator(".fp-tl-need").first
    bar = first_need.locator(".fp-tl-bar").first
    horizon = roadmap.areas[0].needs[0].horizon
    assert bar.text_content() == f"Tidshorisont: {horizon.label}"  # what a screen reader reads
    box = bar.bounding_box()
    start, end = (min(axis), max(axis)) if horizon.named else (horizon.start, horizon.end)
    assert abs(box["x"] - axis[start]["x"]) < 2
    assert abs(box["x"] + box["width"] - (axis[end]["x"] + axis[end]["width"])) < 2
    # Ongoing work spans the whole axis.
    ongoing = page.locator(".fp-tl-bar--ongoing").first.bounding_box()
    assert abs(ongoing["x"] - axis[min(axis)]["x"]) < 2
    assert abs(ongoing["x"] + ongoing["width"] - (axis[max(axis)]["x"] + axis[max(axis)]["width"])) < 2
    context.close()
