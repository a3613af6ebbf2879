"""Measures in a browser (issue 15): the page with charts fits a phone and a wide screen, each chart
is one image named by its title and its summary sentence, and each values table reads as a table:
a header per column, the year heading each row, the values in its cells. axe-core checks these
pages at both widths as it checks every page (tests/browser/test_every_page.py)."""

from __future__ import annotations

import pytest

from check_site import DESKTOP, PHONE
from fardplan import load_roadmap
from fardplan.data.measures import number
from support import DATA

pytestmark = pytest.mark.browser


def _measured_area():
    roadmap = load_roadmap(DATA)
    area = next(a for a in roadmap.areas if any(n.measures for n in a.needs))
    return area, [m for n in area.needs for m in n.measures]


def _tree(context, page) -> tuple[dict, list[dict]]:
    nodes = context.new_cdp_session(page).send("Accessibility.getFullAXTree")["nodes"]
    return {n["nodeId"]: n for n in nodes}, nodes


def _name(node) -> str:
    return node.get("name", {}).get("value", "")


def _role(node) -> str:
    return node.get("role", {}).get("value", "")


def _descendants(by_id, node, role):
    found = []
    for child in node.get("childIds", []):
        child_node = by_id.get(child)
        if child_node is None:
            continue
        if _role(child_node) == role and not child_node.get("ignored"):
            found.append(child_node)
        found += _descendants(by_id, child_node, role)
    return found


def _text(by_id, node) -> str:
    """A cell's text as read out: its own name, else its static text children."""
    return _name(node) or "".join(_text(by_id, by_id[c]) for c in node.get("childIds", []) if c in by_id)


@pytest.mark.parametrize("viewport", [PHONE, DESKTOP], ids=["375px", "1280px"])
def test_a_page_with_charts_fits_the_screen(browser, site_url, viewport):
    area, measures = _measured_area()
    context = browser.new_context(viewport=viewport, locale="sv-SE")
    page = context.new_page()
    page.goto(f"{site_url}omraden/{area.id}/")
    assert page.locator("svg.fp-chart").count() == len(measures)
    assert page.evaluate("document.documentElement.scrollWidth - document.documentElement.clientWidth") <= 0
    # Each chart is drawn inside the column, not cut off.
    for box in page.locator("svg.fp-chart").evaluate_all(
        "es => es.map(e => e.getBoundingClientRect().right)"
    ):
        assert box <= viewport["width"]
    context.close()


def test_each_chart_is_an_image_named_by_its_summary_and_its_table_reads_right(browser, site_url):
    area, measures = _measured_area()
    context = browser.new_context(viewport=PHONE, locale="sv-SE")
    page = context.new_page()
    page.goto(f"{site_url}omraden/{area.id}/")
    by_id, nodes = _tree(context, page)
    images = {_name(n): n for n in nodes if _role(n) == "image" and _name(n).startswith("Diagram: ")}
    tables = {_name(n): n for n in nodes if _role(n) == "table"}
    for m in measures:
        summary = m.summary("Exempelstaden")
        assert f"Diagram: {m.name} år för år, i {m.unit} {summary}" in images
        # The chart's lines and labels are not read one by one: the image has no children for AT.
        image = images[f"Diagram: {m.name} år för år, i {m.unit} {summary}"]
        assert not _descendants(by_id, image, "StaticText")
        table = tables[f"{m.name}: värden år för år, i {m.unit} (exempelvärden)"]
        headers = [_text(by_id, h) for h in _descendants(by_id, table, "columnheader")]
        expected = (
            ["År", "Exempelstaden"]
            + (["Riket"] if m.has_national else [])
            + (["Kvinnor", "Män"] if m.has_gender else [])
        )
        assert headers == expected
        rows = _descendants(by_id, table, "row")[1:]
        assert [_text(by_id, _descendants(by_id, r, "rowheader")[0]) for r in rows] == [
            str(v.year) for v in m.values
        ]
        first_cells = [_text(by_id, _descendants(by_id, r, "cell")[0]) for r in rows]
        assert first_cells == [number(v.value) for v in m.values]
    context.close()


def test_the_follow_up_overview_stays_a_table_on_a_phone(browser, site_url):
    roadmap = load_roadmap(DATA)
    context = browser.new_context(viewport=PHONE, locale="sv-SE")
    page = context.new_page()
    page.goto(f"{site_url}uppfoljning/")
    by_id, nodes = _tree(context, page)
    for area in roadmap.areas:
        measures = [m for n in area.needs for m in n.measures]
        if not measures:
            continue
        table = next(
            n for n in nodes if _role(n) == "table" and _name(n).startswith(f"Mått inom området {area.title}")
        )
        rows = _descendants(by_id, table, "row")[1:]
        assert len(rows) == len(measures)
        for row, m in zip(rows, measures):
            # On a phone each cell shows its column's name first (CSS ::before), and it is read so.
            assert f"Läge {m.progress.value}" in [_text(by_id, c) for c in _descendants(by_id, row, "cell")]
    context.close()
