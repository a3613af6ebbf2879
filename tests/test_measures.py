"""Measures (mått, issue 15): located Swedish messages for mistakes in them, the plain-Swedish
summary and status, and the chart, table and source as a reader gets them on the area page and
the follow-up page."""

from __future__ import annotations

import re
from xml.etree import ElementTree

import pytest

from fardplan import load_roadmap, validate_file
from fardplan.data.measures import Progress, number
from fardplan.pages.charts import chart
from fardplan.pages.render import SiteRenderer
from support import DATA, line_of

MEASURE = "områden[styrning].behov[samverkan-med-regionen].mått[vantetid]"
# Inserted into the minimal färdplan after the need's review date.
BLOCK = """        senast-granskad: 2022-01-20
        mått:
          - id: vantetid
            namn: Väntetid till särskilt boende
            enhet: dagar
            bättre: lägre
            källa: {kolada: N23890}
            utgångsläge: {år: 2019, värde: 60}
            mål: {år: 2026, värde: 30}
            värden:
              - {år: 2019, värde: 60, riket: 55}
              - {år: 2021, värde: 52.5, riket: 57}
              - {år: 2022, värde: 45, riket: 58}
"""


@pytest.fixture
def measured(minimal_text):
    return minimal_text.replace("        senast-granskad: 2022-01-20\n", BLOCK, 1)


@pytest.fixture
def check(write_yaml, measured):
    def run(old: str, new: str) -> list[str]:
        assert old in measured
        path = write_yaml(measured.replace(old, new, 1))
        return [d.text() for d in validate_file(path, name="data/roadmap.yaml").diagnostics]

    return run


def test_a_measure_with_decimal_values_is_valid_and_read(write_yaml, measured):
    roadmap = load_roadmap(write_yaml(measured))
    (measure,) = roadmap.areas[0].needs[0].measures
    assert [v.value for v in measure.values] == [60, 52.5, 45]
    assert (
        measure.line == line_of(measured, "          - id: vantetid")
        and measure.kolada_id == "N23890"
        and not measure.example
    )
    assert measure.progress is Progress.ON_TRACK


# One mistake in the measure, one located message: the edit, the line (how it starts in the
# measured färdplan), the column and the message.
@pytest.mark.parametrize(
    "old, new, line, column, message",
    [
        pytest.param(
            "bättre: lägre",
            "bättre: mindre",
            "            bättre:",
            21,
            "'mindre' är inte ett tillåtet värde – menade du 'lägre'? "
            f"Tillåtna värden: högre, lägre (i {MEASURE}.bättre)",
            id="wrong-direction-word",
        ),
        pytest.param(
            "källa: {kolada: N23890}",
            "källa: {kolada: N23890, egen: Stadens enkät}",
            "            källa:",
            20,
            "skriv antingen kolada: med nyckeltalets id eller egen: med källans namn, "
            f"inte båda (i {MEASURE}.källa)",
            id="kolada-and-own-source",
        ),
        pytest.param(
            "källa: {kolada: N23890}",
            "källa: {kolada: X23890}",
            "            källa:",
            29,
            "'X23890' går inte att använda: skriv nyckeltalets id i Kolada: N eller U och "
            f"fem siffror, till exempel N21603 (i {MEASURE}.källa.kolada)",
            id="kolada-id-of-the-wrong-form",
        ),
        pytest.param(
            "- {år: 2022, värde: 45",
            "- {år: 2020, värde: 45",
            "              - {år: 2022",
            22,
            "året 2020 kommer efter 2021: skriv värdena ett år i taget, äldsta året först "
            f"(i {MEASURE}.värden[nr 3].år)",
            id="years-out-of-order",
        ),
        pytest.param(
            "- {år: 2022, värde: 45",
            "- {år: 2021, värde: 45",
            "              - {år: 2022",
            22,
            "året 2021 står redan i listan: skriv värdena ett år i taget, äldsta året först "
            f"(i {MEASURE}.värden[nr 3].år)",
            id="the-same-year-twice",
        ),
        pytest.param(  # a decimal value (45.25) is fine; a decimal year is not
            "- {år: 2022, värde: 45",
            "- {år: 2022.0, värde: 45.25",
            "              - {år: 2022",
            22,
            "ska vara ett heltal, inte ett decimaltal: skriv 2022 utan decimaler "
            f"(i {MEASURE}.värden[nr 3].år)",
            id="decimal-year",
        ),
        pytest.param(
            "värde: 45, riket: 58",
            "värde: .nan, riket: 58",
            "              - {år: 2022",
            35,
            f"ska vara ett tal, till exempel 12 eller 12.5, inte .nan eller .inf (i {MEASURE}.värden[nr 3].värde)",
            id="value-not-a-number",
        ),
        pytest.param(
            "mål: {år: 2026",
            "mål: {år: 2018",
            "            mål:",
            23,
            f"målets år (2018) måste vara efter utgångslägets år (2019) (i {MEASURE}.mål.år)",
            id="target-before-the-baseline",
        ),
        pytest.param(
            "            enhet: dagar\n",
            "",
            "          - id: vantetid",
            13,
            f"nyckeln 'enhet' saknas (i {MEASURE})",
            id="missing-unit",
        ),
    ],
)
def test_a_mistake_in_a_measure_is_one_located_message(check, measured, old, new, line, column, message):
    assert check(old, new) == [f"data/roadmap.yaml:{line_of(measured, line)}:{column}: {message}"]


def test_a_measure_id_used_twice_is_named(check, measured):
    second = BLOCK.split("        mått:\n")[1].replace("Väntetid", "Kötid")
    last_value = "              - {år: 2022, värde: 45, riket: 58}\n"
    assert check(last_value, last_value + second) == [
        f"data/roadmap.yaml:{line_of(measured, last_value.rstrip()) + 1}:17: måttet 'vantetid' finns redan på rad "
        f"{line_of(measured, '          - id: vantetid')}: varje mått måste ha ett eget id (i {MEASURE}.id)"
    ]


@pytest.mark.parametrize(
    "value, text", [(1234.5, "1\u00a0234,5"), (-2, "\u22122"), (12.0, "12"), (2.346, "2,35")]
)
def test_numbers_are_written_the_swedish_way(value, text):
    assert number(value) == text


def test_summary_and_status_say_how_it_goes_in_words(write_yaml, measured):
    (measure,) = load_roadmap(write_yaml(measured)).areas[0].needs[0].measures
    assert measure.summary("Exempelstaden") == (
        "Utvecklingen går åt rätt håll sedan 2019: från 60 dagar till 45 dagar år 2022; målet för 2026 är 30 dagar."
    )
    worse = load_roadmap(write_yaml(measured.replace("värde: 45, riket", "värde: 70, riket")))
    assert (
        worse.areas[0].needs[0].measures[0].summary("X").startswith("Utvecklingen går åt fel håll sedan 2019")
    )
    assert worse.areas[0].needs[0].measures[0].progress is Progress.OFF_TRACK
    reached = load_roadmap(write_yaml(measured.replace("värde: 45, riket", "värde: 29.5, riket")))
    assert reached.areas[0].needs[0].measures[0].summary("X").endswith("målet för 2026, 30 dagar, är nått.")
    assert reached.areas[0].needs[0].measures[0].progress is Progress.REACHED
    empty = re.sub(r"            värden:\n(              - .*\n)+", "            värden: []\n", measured)
    (none,) = load_roadmap(write_yaml(empty)).areas[0].needs[0].measures
    assert none.summary("X") == "Det finns inga värden ännu. Målet är 30 dagar år 2026."
    assert none.progress is Progress.NO_VALUES and chart(none, "X") is None


def test_the_chart_puts_better_values_where_they_belong(write_yaml, measured):
    (measure,) = load_roadmap(write_yaml(measured)).areas[0].needs[0].measures
    drawn = chart(measure, "Exempelstaden")
    town, nation = drawn.series
    # SVG's y grows downwards: the town's falling waiting time is drawn going down the plot.
    assert [round(y) for _, y in town.points] == sorted(round(y) for _, y in town.points)[
        ::-1
    ] or town.points[0][1] < town.points[-1][1]
    assert town.points[0][0] < town.points[1][0] < town.points[2][0]  # years left to right
    assert nation.name == "Riket" and len(nation.points) == 3
    top, bottom = drawn.top, drawn.bottom
    assert all(top <= y <= bottom for s in drawn.series for _, y in s.points)
    assert top <= drawn.target[2] <= bottom and drawn.target[3] == "Mål 2026: 30"
    assert drawn.target[2] > max(y for _, y in town.points)  # 30 days is below every value


def _figure(html: str, measure_id: str) -> ElementTree.Element:
    found = re.search(rf'<figure class="fp-measure" id="matt-{measure_id}">.*?</figure>', html, re.S)
    assert found, f"no figure for {measure_id}"
    return ElementTree.fromstring(found.group(0))


def test_the_area_page_shows_each_measure_as_an_accessible_figure():
    roadmap = load_roadmap(DATA)
    area = next(a for a in roadmap.areas if any(n.measures for n in a.needs))
    html = SiteRenderer(roadmap).area_page(area.id)
    need = next(n for n in area.needs if n.measures)
    assert f'<a href="#matt-behov-{need.id}">' in html  # the need's row leads to its charts
    for measure in need.measures:
        figure = _figure(html, measure.id)
        ids = {e.get("id"): e for e in figure.iter() if e.get("id")}
        svg = figure.find("{http://www.w3.org/2000/svg}svg")
        assert svg.get("role") == "img"
        labels = svg.get("aria-labelledby").split()
        assert all(label in ids for label in labels)
        assert ids[labels[1]].text == measure.summary("Exempelstaden")
        assert svg.find("{http://www.w3.org/2000/svg}title").get("id") == labels[0]
        caption = "".join(figure.find("figcaption").itertext())
        assert "Exempelvärden för den påhittade Exempelstaden, inte verkliga siffror." in caption
        assert f"Läge: {measure.progress.value}." in caption
        table = figure.find(".//table")
        assert [th.text for th in table.find("thead").iter("th")][:2] == ["År", "Exempelstaden"]
        rows = table.find("tbody").findall("tr")
        assert [r.find("th").text for r in rows] == [str(v.year) for v in measure.values]
        assert [r.find("td").text for r in rows] == [number(v.value) for v in measure.values]
        assert "Källa: " + measure.source_label in "".join(figure.find("p[@class='fp-source']").itertext())


def test_a_kolada_measure_names_kolada_and_the_key_figure(write_yaml, measured):
    roadmap = load_roadmap(write_yaml(measured))
    html = SiteRenderer(roadmap).area_page("styrning")
    figure = _figure(html, "vantetid")
    assert "".join(figure.find("p[@class='fp-source']").itertext()).startswith(
        "Källa: Kolada (RKA), nyckeltal N23890."
    )
    assert "Exempelvärden" not in html  # real values are not called examples
    page = SiteRenderer(roadmap).follow_up_page()
    assert "Kolada (RKA), nyckeltal N23890" in page and "På väg mot målet" in page


def test_text_in_a_measure_is_escaped(write_yaml, measured):
    roadmap = load_roadmap(
        write_yaml(measured.replace("namn: Väntetid till särskilt boende", 'namn: "<script>x</script> & co"'))
    )
    html = SiteRenderer(roadmap).area_page("styrning")
    assert "<script>x" not in html and "&lt;script&gt;x&lt;/script&gt; &amp; co" in html


def test_the_follow_up_page_gives_each_measures_status_in_words():
    roadmap = load_roadmap(DATA)
    page = SiteRenderer(roadmap).follow_up_page()
    section = page.split("## Mått per område", 1)[1]
    assert "Exempelvärden</strong> för den påhittade Exempelstaden, inte verkliga siffror." in section
    for area in roadmap.areas:
        measures = [m for n in area.needs for m in n.measures]
        assert (f"### {area.title}" in section) == bool(measures)
        for m in measures:
            row = re.search(
                rf'<tr role="row">\n<th scope="row" role="rowheader"><a href="[^"]*#matt-{m.id}">.*?</tr>',
                section,
                re.S,
            ).group(0)
            assert m.progress.value in row and f"{number(m.latest.value)} {m.unit} ({m.latest.year})" in row


def test_open_data_has_the_measures_in_json_and_csv(write_yaml, measured):
    import csv
    import io
    import json

    import jsonschema
    import yaml

    from fardplan.versions.opendata import measures_csv, roadmap_json, schema_json

    text = measured.replace("namn: Väntetid till särskilt boende", 'namn: "=HYPERLINK(\\"x\\")"')
    roadmap = load_roadmap(write_yaml(text))
    published = json.loads(roadmap_json(roadmap))
    written = yaml.safe_load(text)["områden"][0]["behov"][0]["mått"]
    assert published["områden"][0]["behov"][0]["mått"] == written
    assert '"värde": 60,' in roadmap_json(roadmap).decode()  # an integer stays an integer
    jsonschema.validate(published, json.loads(schema_json()))
    rows = list(csv.DictReader(io.StringIO(measures_csv(roadmap).decode("utf-8"))))
    assert [(r["år"], r["värde"], r["riket"], r["kvinnor"]) for r in rows] == [
        ("2019", "60", "55", ""),
        ("2021", "52.5", "57", ""),
        ("2022", "45", "58", ""),
    ]
    assert rows[0]["mått"] == '\'=HYPERLINK("x")'  # a spreadsheet shows it as text
    assert rows[0]["källa"] == "Kolada (RKA), nyckeltal N23890" and rows[0]["kolada-id"] == "N23890"
    assert rows[0]["exempelvärden"] == "nej" and (rows[0]["mål-år"], rows[0]["mål"]) == ("2026", "30")


def test_blank_lines_in_a_measures_texts_stay_inside_the_figure(write_yaml, measured):
    text = measured.replace(
        "            enhet: dagar\n",
        "            enhet: |\n              da\n\n              gar\n"
        "            beskrivning: |\n              Första stycket.\n\n              [Andra](https://x.se)\n",
    )
    html = SiteRenderer(load_roadmap(write_yaml(text))).area_page("styrning")
    figure = re.search(r'<figure class="fp-measure" id="matt-vantetid">.*?</figure>', html, re.S).group(0)
    assert "\n\n" not in figure
    assert '<p class="fp-meta">Första stycket.</p><p class="fp-meta">[Andra](https://x.se)</p>' in figure
