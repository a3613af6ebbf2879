"""The remiss settings in the data, and the links and banner the site shows from them."""

from __future__ import annotations

from datetime import date
from urllib.parse import parse_qs, unquote, urlsplit

import pytest

from fardplan import load_roadmap, validate_file
from fardplan.remiss.period import (
    MAX_URL_LENGTH,
    WHOLE_DOCUMENT,
    RemissState,
    issue_search_url,
    mailto_url,
    new_issue_url,
    remiss_state,
    remiss_view,
)
from support import line_of

REMISS = """
remiss:
  diarienummer: KS 2022/1
  öppnar: 2022-01-24
  sista-dag: 2022-03-04
  remissinstanser:
    - namn: Äldrenämnden
      typ: nämnd
    - namn: Kommunala pensionärsrådet
      typ: råd
"""


# Where remiss comments go: the settings block (the only place for addresses and the repository).
SETTINGS = """inställningar:
  organisation: Testkommunen
  benämning: staden
  remiss-epost: registrator@testkommunen.se
  förråd: testkommunen/fardplan"""


@pytest.fixture
def remiss_text(minimal_text) -> str:
    return (
        minimal_text.replace("inställningar: {organisation: Testkommunen, benämning: staden}", SETTINGS)
        + REMISS
    )


@pytest.fixture
def roadmap(write_yaml, remiss_text):
    return load_roadmap(write_yaml(remiss_text))


def messages(path) -> list[str]:
    return [d.text() for d in validate_file(path, name="data/roadmap.yaml").diagnostics]


def test_remiss_settings_are_read(roadmap):
    remiss = roadmap.remiss
    assert (remiss.registration_number, remiss.opens, remiss.last_day) == (
        "KS 2022/1",
        date(2022, 1, 24),
        date(2022, 3, 4),
    )
    assert remiss.email == "registrator@testkommunen.se" and remiss.repository == "testkommunen/fardplan"
    assert [(r.name, r.kind.label) for r in remiss.invited] == [
        ("Äldrenämnden", "Nämnd"),
        ("Kommunala pensionärsrådet", "Råd"),
    ]


def test_bad_remiss_settings_are_located_in_swedish(write_yaml, remiss_text):
    text = (
        remiss_text.replace("sista-dag: 2022-03-04", "sista-dag: 2022-01-10")
        .replace("registrator@testkommunen.se", "registrator at testkommunen")
        .replace("förråd: testkommunen/fardplan", "förråd: https://github.com/testkommunen/fardplan")
        .replace("diarienummer: KS 2022/1\n  öppnar", "diarienummer: KS 2022/9\n  öppnar")
        .replace("      typ: råd", "      typ: pensionärsråd")
        .replace("    - namn: Kommunala pensionärsrådet", "    - namn: äldrenämnden")
    )
    at = lambda start: line_of(text, start)  # noqa: E731
    assert messages(write_yaml(text)) == [
        f"data/roadmap.yaml:{at('  remiss-epost:')}:17: 'registrator at testkommunen' går inte att "
        "använda: skriv en enda e-postadress, till exempel registrator@exempelstaden.se, utan mellanslag och "
        "utan tecknen ? & % = / \" < > ' (i inställningar.remiss-epost)",
        f"data/roadmap.yaml:{at('  förråd:')}:11: "
        "'https://github.com/testkommunen/fardplan' går inte att använda: skriv förrådet som ägare/namn, till "
        "exempel exempelstaden/fardplan, utan https://github.com/ (i inställningar.förråd)",
        f"data/roadmap.yaml:{at('  diarienummer: KS 2022/9')}:17: diarienumret 'KS 2022/9' "
        "skiljer sig från dokumentets 'KS 2022/1': remissvaren ska ange ärendets diarienummer, så skriv samma på "
        "båda ställena (i remiss.diarienummer)",
        f"data/roadmap.yaml:{at('  sista-dag:')}:14: sista-dag (2022-01-10) är före öppnar "
        "(2022-01-24): remisstiden måste vara minst en dag (i remiss.sista-dag)",
        f"data/roadmap.yaml:{at('    - namn: äldrenämnden')}:13: "
        f"'äldrenämnden' står redan på rad {at('    - namn: Äldrenämnden')}: ta bort den ena "
        "(i remiss.remissinstanser[nr 2].namn)",
        f"data/roadmap.yaml:{at('      typ: pensionärsråd')}:12: 'pensionärsråd' "
        "är inte ett tillåtet värde. Tillåtna värden: nämnd, råd, förening, företag, privatperson "
        "(i remiss.remissinstanser[nr 2].typ)",
    ]


def test_remiss_cannot_open_before_the_document_is_dated(write_yaml, remiss_text):
    text = remiss_text.replace("öppnar: 2022-01-24", "öppnar: 2022-01-19")
    assert messages(write_yaml(text)) == [
        f"data/roadmap.yaml:{line_of(text, '  öppnar:')}:11: remissen kan inte öppna (2022-01-19) "
        "före dokumentets datum (2022-01-20) (i remiss.öppnar)"
    ]


@pytest.mark.parametrize(
    "today, state",
    [
        (date(2022, 1, 23), RemissState.NOT_OPEN),
        (date(2022, 1, 24), RemissState.OPEN),
        (date(2022, 3, 4), RemissState.OPEN),  # the last day counts
        (date(2022, 3, 5), RemissState.CLOSED),
    ],
)
def test_the_remiss_is_open_from_the_first_to_the_last_day(roadmap, today, state):
    assert remiss_state(roadmap.remiss, today) is state


def test_banner_counts_the_days_left(roadmap):
    assert (
        remiss_view(roadmap, date(2022, 2, 20)).banner.text
        == "Lämna dina synpunkter senast den 4 mars 2022 (12 dagar kvar)."
    )
    assert remiss_view(roadmap, date(2022, 3, 3)).banner.text.endswith("(1 dag kvar).")
    assert remiss_view(roadmap, date(2022, 3, 4)).banner.text.endswith("(i dag är sista dagen).")
    closed = remiss_view(roadmap, date(2022, 3, 5))
    assert closed.links == {} and closed.banner.title == "Remisstiden gick ut den 4 mars 2022."
    assert remiss_view(roadmap, date(2022, 1, 1)).banner is None


def test_no_notice_after_the_remiss_once_the_plan_is_decided(write_yaml, remiss_text):
    text = remiss_text.replace("  status: remiss", "  status: beslutad").replace(
        "  beslut: null", "  beslut:\n    organ: kommunfullmäktige\n    datum: 2022-04-25"
    )
    view = remiss_view(load_roadmap(write_yaml(text)), date(2022, 5, 1))
    assert view.closed and view.banner is None and view.closed_notice is None


def test_open_remiss_has_links_for_the_whole_plan_every_heading_and_every_need(roadmap):
    view = remiss_view(roadmap, date(2022, 2, 1))
    assert set(view.links) == {WHOLE_DOCUMENT, "styrning", "samverkan-med-regionen"}


def test_new_issue_link_is_percent_encoded_utf8_and_prefills_part_and_version(roadmap):
    url = new_issue_url(
        roadmap.remiss, "2022-remiss", "samverkan-med-regionen", "Nära samverkan & {regionen}"
    )
    parts = urlsplit(url)
    assert (parts.scheme, parts.netloc, parts.path) == (
        "https",
        "github.com",
        "/testkommunen/fardplan/issues/new",
    )
    assert "N%C3%A4ra%20samverkan%20%26%20%7Bregionen%7D" in parts.query  # ä as UTF-8, space as %20
    assert parse_qs(parts.query) == {
        "template": ["remissynpunkt.yml"],
        "title": ["Remissynpunkt: Nära samverkan & {regionen}"],
        "del": ["samverkan-med-regionen"],
        "version": ["2022-remiss"],
    }


def test_mailto_link_carries_registration_number_version_and_part(roadmap):
    url = mailto_url(
        roadmap.document, roadmap.remiss, "samverkan-med-regionen", "Nära samverkan med regionen"
    )
    address, _, query = url.partition("?")
    assert address == "mailto:registrator@testkommunen.se"
    assert "+" not in query and " " not in query  # spaces are %20 in mailto, never +
    assert "%0D%0A" in query and "%C3%A4" in query  # line breaks as CRLF, ä as UTF-8
    fields = {k: unquote(v) for k, _, v in (p.partition("=") for p in query.split("&"))}
    assert fields["subject"] == (
        "Remissvar KS 2022/1, version 2022-remiss: Nära samverkan med regionen (samverkan-med-regionen)"
    )
    body = fields["body"].split("\r\n")
    assert "Diarienummer: KS 2022/1" in body and "Version: 2022-remiss" in body
    assert "Del av färdplanen: samverkan-med-regionen (Nära samverkan med regionen)" in body
    assert any("allmän handling" in line for line in body)


def test_issue_search_finds_the_remiss_issues_naming_the_part(roadmap):
    url = issue_search_url(roadmap.remiss, "samverkan-med-regionen")
    parts = urlsplit(url)
    assert parts.path == "/testkommunen/fardplan/issues"
    assert parse_qs(parts.query) == {"q": ['is:issue label:remiss "samverkan-med-regionen"']}


def test_links_stay_under_the_length_limit_even_for_a_very_long_title(roadmap):
    title = "Å" * 5000  # 10 000 bytes of UTF-8, 30 000 characters percent-encoded
    for url in (
        new_issue_url(roadmap.remiss, "v", "id", title),
        mailto_url(roadmap.document, roadmap.remiss, "id", title),
    ):
        assert len(url) < MAX_URL_LENGTH


def test_every_link_on_the_real_data_is_short_enough():
    from support import DATA

    roadmap = load_roadmap(DATA)
    view = remiss_view(roadmap, roadmap.remiss.opens)
    assert len(view.links) == 1 + len(roadmap.areas) + sum(len(a.needs) for a in roadmap.areas)
    for links in view.links.values():
        for url in (links.comment_url, links.mail_url, links.search_url):
            assert len(url) < MAX_URL_LENGTH, url


def test_comments_from_the_public_are_text_never_markup_or_template(roadmap):
    from fardplan.data.model import RespondentKind
    from fardplan.pages.render import SiteRenderer
    from fardplan.remiss.answers import Comment, Position, RemissAnswers

    hostile = "{{ config }} {% raw %} <script>alert(1)</script> *fet* [länk](x)"
    comment = Comment(
        number=7,
        part="samverkan-med-regionen",
        version="2022-remiss",
        name=hostile,
        kind=RespondentKind.FORENING,
        position=Position.AVSTYRKER,
        text=hostile,
        wording=hostile,
        received=date(2022, 2, 1),
    )
    answers = RemissAnswers("testkommunen/fardplan", date(2022, 3, 7), hostile, (comment,), ())
    html = SiteRenderer(roadmap, answers, today=date(2022, 3, 10)).remiss_page()
    assert "<script>" not in html
    assert (
        html.count("{{ config }} {% raw %} &lt;script&gt;alert(1)&lt;/script&gt;") >= 4
    )  # name, text, wording, note


def test_area_page_shows_the_links_only_while_open(roadmap):
    from fardplan.pages.render import SiteRenderer

    during = SiteRenderer(roadmap, today=date(2022, 2, 1)).area_page("styrning")
    after = SiteRenderer(roadmap, today=date(2022, 3, 5)).area_page("styrning")
    before = SiteRenderer(roadmap, today=date(2022, 1, 1)).area_page("styrning")
    assert during.count('<p class="fp-remiss-links">') == 2  # the heading and its one need
    assert "github.com" not in after and "Remisstiden gick ut" not in after  # the banner says it
    assert "fp-remiss-links" not in before
