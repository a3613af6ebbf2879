"""Follow-up: last review on every need, overdue reviews marked, per-body follow-up, edit links."""

from __future__ import annotations

import re
from datetime import date

import pytest

from fardplan import load_roadmap
from fardplan.data.model import Settings
from fardplan.pages.follow_up import add_months, is_overdue
from fardplan.pages.render import SiteRenderer
from fardplan.pages.source_links import source_links
from support import line_of

REVIEWED = date(2022, 1, 20)  # the minimal fixture's senast-granskad
LINKS = source_links(Settings(repository="exempelstaden/fardplan", branch="main"), "data/roadmap.yaml")


@pytest.mark.parametrize(
    "start, months, expected",
    [
        (date(2022, 1, 20), 12, date(2023, 1, 20)),
        (date(2022, 1, 31), 1, date(2022, 2, 28)),
        (date(2023, 2, 28), 12, date(2024, 2, 28)),
        (date(2024, 2, 29), 12, date(2025, 2, 28)),
        (date(2022, 11, 30), 3, date(2023, 2, 28)),
    ],
)
def test_add_months(start, months, expected):
    assert add_months(start, months) == expected


def test_overdue_means_more_than_the_interval():
    assert not is_overdue(REVIEWED, date(2023, 1, 20), 12)
    assert is_overdue(REVIEWED, date(2023, 1, 21), 12)


def area_html(roadmap, today, links=LINKS) -> str:
    return SiteRenderer(roadmap, today=today, links=links).area_page("styrning")


def test_need_shows_last_review_and_is_marked_only_when_overdue(write_yaml, minimal_text):
    roadmap = load_roadmap(write_yaml(minimal_text))
    fresh = area_html(roadmap, date(2023, 1, 20))
    assert 'senast granskat <time datetime="2022-01-20">20 januari 2022</time>.' in fresh
    assert "behöver granskas" not in fresh
    late = area_html(roadmap, date(2023, 1, 21))
    assert '<strong class="fp-due">behöver granskas</strong> (mer än 12 månader sedan).' in late


def test_review_interval_is_a_setting(write_yaml, minimal_text):
    roadmap = load_roadmap(
        write_yaml(
            minimal_text.replace("benämning: staden}", "benämning: staden, granskas-inom-månader: 24}")
        )
    )
    assert "behöver granskas" not in area_html(roadmap, date(2023, 6, 1))
    assert "mer än 24 månader" in area_html(roadmap, date(2024, 1, 21))


def test_every_need_links_to_its_line_in_githubs_editor(write_yaml, minimal_text):
    roadmap = load_roadmap(write_yaml(minimal_text))
    need = roadmap.areas[0].needs[0]
    line = line_of(minimal_text, f"      - id: {need.id}")
    assert need.line == line
    html = area_html(roadmap, REVIEWED)
    assert (
        f'<a href="https://github.com/exempelstaden/fardplan/edit/main/data/roadmap.yaml#L{line}">Redigera'
        '<span class="fp-visually-hidden"> behovet Nära samverkan med regionen</span></a> '
        f"(rad {line} i datafilen)"
    ) in html
    assert "Redigera" not in area_html(roadmap, REVIEWED, links=None)  # no repository configured


def test_no_repository_means_no_links():
    assert source_links(Settings(), "data/roadmap.yaml") is None


def test_recorded_changes_are_shown_newest_first(write_yaml, minimal_text):
    text = minimal_text.replace("        tidshorisont: löpande\n", "        tidshorisont: 2025\n") + (
        "        ändringar:\n"
        '          - {datum: 2022-06-01, vad: tidshorisont, från: "2022-2023", till: 2024, skäl: Första.}\n'
        '          - {datum: 2023-05-10, vad: tidshorisont, från: 2024, till: 2025, skäl: "Bidraget <upphörde>."}\n'
    )
    html = area_html(load_roadmap(write_yaml(text)), REVIEWED)
    changes = re.findall(r"<li>Tidshorisonten ändrades.*?</li>", html)
    assert changes == [
        '<li>Tidshorisonten ändrades den <time datetime="2023-05-10">10 maj 2023</time> från 2024 till 2025. '
        "Skäl: Bidraget &lt;upphörde&gt;.</li>",
        '<li>Tidshorisonten ändrades den <time datetime="2022-06-01">1 juni 2022</time> från 2022–2023 '
        "till 2024. Skäl: Första.</li>",
    ]


def test_action_changes_are_shown_with_the_action(write_yaml, minimal_text):
    text = minimal_text.replace(
        "            status: pågår\n",
        "            status: pågår\n"
        "            ändringar:\n"
        "              - {datum: 2022-03-01, vad: status, från: planerad, till: pågår, "
        "skäl: Nämnden gav klartecken.}\n",
    )
    html = area_html(load_roadmap(write_yaml(text)), REVIEWED)
    item = re.search(r'<li id="samverkan-staden">.*?</li>\n</ul>', html, flags=re.S).group(0)
    assert (
        "Statusen ändrades den" in item and "från planerad till pågår. Skäl: Nämnden gav klartecken." in item
    )


def test_follow_up_page_per_body(write_yaml, minimal_text):
    # The action under "staden" was reviewed on its own, later than its need.
    text = minimal_text.replace(
        "            status: pågår\n", "            status: pågår\n            senast-granskad: 2023-01-10\n"
    )
    roadmap = load_roadmap(write_yaml(text))
    [city, more] = roadmap.areas[0].needs[0].actions
    assert (city.reviewed, more.reviewed) == (date(2023, 1, 10), REVIEWED)
    html = SiteRenderer(roadmap, today=date(2023, 6, 1)).follow_up_page("uppfoljning/")
    assert 'Den här sidan visar läget den <time datetime="2023-06-01">1 juni 2023</time>' in html
    assert "<strong>1 av 1 behov</strong> och <strong>1 av 2 åtgärder</strong>" in html
    rows = dict(
        re.findall(r'<th scope="row"><a href="#ansvarig-([a-z]+)">.*?</a></th>\n(.*?)</tr>', html, re.S)
    )
    assert '<td data-label="Behöver granskas">0</td>' in rows["kommunstyrelsen"]
    assert 'fp-status--pagar">Pågår</span>&nbsp;1' in rows["kommunstyrelsen"]
    assert '<td data-label="Behöver granskas">1</td>' in rows["aldrenamnden"]
    assert '<a href="../omraden/styrning/#samverkan-mer">Ta fram en gemensam plan.</a>' in html
    assert "Åtgärden är granskad inom 12 månader." in html
    assert '<a href="../omraden/styrning/#samverkan-med-regionen">Nära samverkan med regionen</a>' in html


def test_follow_up_when_everything_is_reviewed(write_yaml, minimal_text):
    html = SiteRenderer(load_roadmap(write_yaml(minimal_text)), today=REVIEWED).follow_up_page()
    assert "<strong>0 av 1 behov</strong> och <strong>0 av 2 åtgärder</strong>" in html
    assert "Alla behov är granskade inom 12 månader." in html


def test_today_comes_from_the_build_clock(write_yaml, minimal_text, monkeypatch):
    roadmap = load_roadmap(write_yaml(minimal_text))
    monkeypatch.setenv("FARDPLAN_TODAY", "2023-01-21")
    assert "behöver granskas" in SiteRenderer(roadmap).area_page("styrning")
    monkeypatch.setenv("FARDPLAN_TODAY", "2022-02-01")
    assert "behöver granskas" not in SiteRenderer(roadmap).area_page("styrning")
