"""Every class of bad input is reported in Swedish with its file, line and column, all in one run."""

from __future__ import annotations

import pytest

from fardplan import ValidationFailed, load_roadmap, validate_file
from support import line_of


def messages(path):
    result = validate_file(path, name="data/roadmap.yaml")
    return [d.text() for d in result.diagnostics]


def replace(text: str, old: str, new: str) -> str:
    assert old in text, f"fixture lacks {old!r}"
    return text.replace(old, new, 1)


def test_minimal_fixture_is_valid(write_yaml, minimal_text):
    result = validate_file(write_yaml(minimal_text))
    assert result.diagnostics == []
    assert result.roadmap.areas[0].needs[0].horizon.label == "Löpande"


def test_yaml_syntax_error_points_at_the_line(write_yaml, minimal_text):
    text = replace(
        minimal_text, "    beskrivning: Hur äldreomsorgen leds.", "    beskrivning: Hur: äldreomsorgen: leds."
    )
    assert messages(write_yaml(text)) == [
        f"data/roadmap.yaml:{line_of(minimal_text, '    beskrivning: Hur')}:21: syntaxfel: ett kolon står där det inte får stå; "
        "sätt texten inom citattecken om den innehåller ': '"
    ]


def test_tab_indentation_is_explained(write_yaml, minimal_text):
    text = replace(minimal_text, "  version: 2022-remiss", "\tversion: 2022-remiss")
    [message] = messages(write_yaml(text))
    assert message.startswith(f"data/roadmap.yaml:{line_of(minimal_text, '  version:')}:1: syntaxfel:")
    assert "tabbtecken" in message


def test_duplicate_key_is_an_error_not_silently_the_last(write_yaml, minimal_text):
    text = replace(minimal_text, "  status: remiss\n", "  status: remiss\n  status: beslutad\n")
    first = line_of(minimal_text, "  status:")
    assert messages(write_yaml(text)) == [
        f"data/roadmap.yaml:{first + 1}:3: nyckeln 'status' finns redan på rad {first} i samma del: ta bort den ena"
    ]


def test_unknown_key_suggests_the_right_one(write_yaml, minimal_text):
    text = replace(minimal_text, "        tidshorisont: löpande", "        tidshorizont: löpande")
    assert messages(write_yaml(text)) == [
        # One mistake, one message: not also "nyckeln 'tidshorisont' saknas".
        f"data/roadmap.yaml:{line_of(minimal_text, '        tidshorisont: löpande')}:9: okänd nyckel 'tidshorizont' – menade du 'tidshorisont'? "
        "(i områden[styrning].behov[samverkan-med-regionen].tidshorizont)",
    ]


def test_wrong_type(write_yaml, minimal_text):
    text = replace(
        minimal_text, "        nationellt: [god-och-nara-vard]", "        nationellt: god-och-nara-vard"
    )
    assert messages(write_yaml(text)) == [
        f"data/roadmap.yaml:{line_of(minimal_text, '        nationellt:')}:21: ska vara en lista, inte en text "
        "(i områden[styrning].behov[samverkan-med-regionen].nationellt)"
    ]


def test_missing_required_key(write_yaml, minimal_text):
    text = replace(minimal_text, "            ansvarig: kommunstyrelsen\n", "")
    assert messages(write_yaml(text)) == [
        f"data/roadmap.yaml:{line_of(minimal_text, '          - id: samverkan-staden')}:13: "
        "nyckeln 'ansvarig' saknas "
        "(i områden[styrning].behov[samverkan-med-regionen].staden[samverkan-staden])"
    ]


def test_duplicate_id(write_yaml, minimal_text):
    text = replace(minimal_text, "id: samverkan-mer", "id: samverkan-staden")
    assert messages(write_yaml(text)) == [
        f"data/roadmap.yaml:{line_of(minimal_text, '          - id: samverkan-mer')}:17: id 'samverkan-staden' "
        f"används redan på rad {line_of(minimal_text, '          - id: samverkan-staden')}: varje id måste vara unikt "
        "(i områden[styrning].behov[samverkan-med-regionen].behöver-göras[samverkan-staden].id)"
    ]


@pytest.mark.parametrize("bad_id", ["Styrning", "styrning_1", "styrning-", "äldre"])
def test_id_must_be_a_slug(write_yaml, minimal_text, bad_id):
    text = replace(minimal_text, "  - id: styrning", f"  - id: {bad_id}")
    [message] = messages(write_yaml(text))
    assert message.startswith(
        f"data/roadmap.yaml:{line_of(minimal_text, '  - id: styrning')}:9: '{bad_id}' går inte att använda: "
        "ett id får bara innehålla små bokstäver a–z"
    )
    assert message.endswith(f" (i områden[{bad_id}].id)")


def test_reference_to_undefined_initiative(write_yaml, minimal_text):
    text = replace(minimal_text, "nationellt: [god-och-nara-vard]", "nationellt: [god-och-nara-vrd]")
    assert messages(write_yaml(text)) == [
        f"data/roadmap.yaml:{line_of(minimal_text, '        nationellt:')}:22: "
        "det finns inget nationellt initiativ med id 'god-och-nara-vrd' – menade du 'god-och-nara-vard'? "
        "(i områden[styrning].behov[samverkan-med-regionen].nationellt[nr 1])"
    ]


def test_reference_to_undefined_body(write_yaml, minimal_text):
    text = replace(minimal_text, "ansvarig: aldrenamnden", "ansvarig: personalutskottet")
    assert messages(write_yaml(text)) == [
        f"data/roadmap.yaml:{line_of(minimal_text, '            ansvarig: aldrenamnden')}:23: "
        "'personalutskottet' finns inte i listan ansvariga. "
        "Möjliga värden: aldrenamnden, kommunstyrelsen "
        "(i områden[styrning].behov[samverkan-med-regionen].behöver-göras[samverkan-mer].ansvarig)"
    ]


@pytest.mark.parametrize(
    "value, expected",
    [
        (
            "snart",
            "'snart' kan inte tolkas som tidshorisont: skriv ett år (2024), ett intervall (\"2022-2024\") "
            "eller löpande",
        ),
        ('"2024-2022"', "intervallet 2024-2022 slutar före det börjar: skriv det tidigaste året först"),
        ("20224", "året 20224 verkar fel: skriv ett år mellan 1990 och 2100"),
    ],
)
def test_bad_horizon(write_yaml, minimal_text, value, expected):
    text = replace(
        minimal_text, '            tidshorisont: "2022-2024"', f"            tidshorisont: {value}"
    )
    assert messages(write_yaml(text)) == [
        f"data/roadmap.yaml:{line_of(minimal_text, '            tidshorisont:')}:27: {expected} "
        "(i områden[styrning].behov[samverkan-med-regionen].behöver-göras[samverkan-mer].tidshorisont)"
    ]


@pytest.mark.parametrize(
    "written, label",
    [
        ("2023", "2023"),
        ('"2022-2024"', "2022–2024"),
        ('"2022–2024"', "2022–2024"),
        ("löpande", "Löpande"),
    ],
)
def test_horizons_are_read_and_shown_in_swedish(write_yaml, minimal_text, written, label):
    text = replace(minimal_text, "        tidshorisont: löpande", f"        tidshorisont: {written}")
    roadmap = load_roadmap(write_yaml(text))
    assert roadmap.areas[0].needs[0].horizon.label == label


@pytest.mark.parametrize(
    "link", ["ftp://example.se/x", "javascript:alert(1)", "www.riksdagen.se", "https://riksdagen se/"]
)
def test_link_must_be_http(write_yaml, minimal_text, link):
    text = replace(minimal_text, "https://data.riksdagen.se/dokument/H703164.html", link)
    [message] = messages(write_yaml(text))
    assert message.startswith(f"data/roadmap.yaml:{line_of(minimal_text, '    länk:')}:11: ")
    assert message.endswith(" (i nationella-initiativ[god-och-nara-vard].länk)")
    assert "en länk måste vara en hel webbadress som börjar med https://" in message


@pytest.mark.parametrize("written", ["2021-13-01", "2021-02-30", '"1 juli 2021"', "2021-7-1"])
def test_bad_date(write_yaml, minimal_text, written):
    text = replace(minimal_text, "gäller-från: 2021-07-01", f"gäller-från: {written}")
    [message] = messages(write_yaml(text))
    assert message.startswith(f"data/roadmap.yaml:{line_of(minimal_text, '    gäller-från:')}:18: ")
    assert message.endswith(" (i nationella-initiativ[god-och-nara-vard].gäller-från)")
    assert "datum skrivs ÅÅÅÅ-MM-DD med ett år från 1900 till 2099 och måste finnas i kalendern" in message


def test_end_date_before_start(write_yaml, minimal_text):
    text = replace(minimal_text, "gäller-till: null", "gäller-till: 2020-12-31")
    assert messages(write_yaml(text)) == [
        f"data/roadmap.yaml:{line_of(minimal_text, '    gäller-till:')}:18: gäller-till (2020-12-31) är före gäller-från (2021-07-01) "
        "(i nationella-initiativ[god-och-nara-vard].gäller-till)"
    ]


@pytest.mark.parametrize("content", ["", "   \n\n", "# bara en kommentar\n"])
def test_empty_file(write_yaml, content):
    [message] = messages(write_yaml(content))
    assert message.startswith("data/roadmap.yaml:1:1: filen ")
    assert "den ska innehålla färdplanen" in message


def test_bytes_that_are_not_utf8(write_yaml, minimal_text):
    raw = minimal_text.encode("utf-8").replace(b"Testkommunen", b"Testkommunen" + b" \xe5r")
    assert messages(write_yaml(raw)) == [
        f"data/roadmap.yaml:{line_of(minimal_text, 'inställningar:')}:45: filen är inte sparad som UTF-8 (byte 0xe5 kan inte läsas); "
        "spara den som UTF-8 i din editor"
    ]


def test_anchors_and_aliases_are_refused_before_expansion(write_yaml, minimal_text):
    # A "billion laughs" document: nine levels of nine aliases would expand to 10^9 items.
    levels = ["a0: &a0 [x, x, x, x, x, x, x, x, x]"]
    for n in range(1, 10):
        levels.append(f"a{n}: &a{n} [" + ", ".join([f"*a{n - 1}"] * 9) + "]")
    found = messages(write_yaml("\n".join(levels) + "\n"))
    assert found[0] == (
        "data/roadmap.yaml:1:5: ankaret '&a0' är inte tillåtet: skriv ut värdet där det "
        "behövs (ankare och alias används inte)"
    )
    assert any(m.startswith("data/roadmap.yaml:2:10: hänvisningen '*a0' är inte tillåten") for m in found)
    assert len(found) <= 50


def test_decided_roadmap_needs_its_decision(write_yaml, minimal_text):
    text = replace(minimal_text, "  status: remiss", "  status: beslutad")
    assert messages(write_yaml(text)) == [
        f"data/roadmap.yaml:{line_of(minimal_text, '  status:')}:11: en beslutad färdplan behöver uppgifter om beslutet: "
        "fyll i beslut med organ och datum (i dokument.status)"
    ]


def test_every_problem_is_reported_in_one_run(write_yaml, minimal_text):
    text = minimal_text
    for old, new in [
        ("  status: remiss\n", "  status: remiss\n  status: utkast\n"),
        ("typ: lagändring", "typ: lagforslag"),
        ("ansvarig: aldrenamnden", "ansvarig: nobody"),
        ('tidshorisont: "2022-2024"', "tidshorisont: sen"),
        ("        rubrik: Nära samverkan", "        rubrk: Nära samverkan"),
    ]:
        text = replace(text, old, new)
    found = messages(write_yaml(text))
    # One line per mistake, each one further down for the added status line. The misspelt "rubrk"
    # is one message, not also "rubrik saknas" at its need's first line.
    starts = [
        "  status:",
        "    typ:",
        "        rubrik:",
        "            ansvarig: aldrenamnden",
        '            tidshorisont: "',
    ]
    assert [m.split(":")[1] for m in found] == [str(line_of(minimal_text, start) + 1) for start in starts]


def test_load_roadmap_raises_with_the_full_report(write_yaml, minimal_text):
    path = write_yaml(replace(minimal_text, "status: pågår", "status: klar"))
    with pytest.raises(ValidationFailed) as caught:
        load_roadmap(path, name="data/roadmap.yaml")
    report = str(caught.value)
    assert report.startswith("Färdplanens data har 1 fel och webbplatsen byggs inte:\n")
    assert (
        f"data/roadmap.yaml:{line_of(minimal_text, '            status: pågår')}:21: " in report
        and "'klar' är inte ett tillåtet värde" in report
    )
