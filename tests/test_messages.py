"""One mistake, one located Swedish message with the fix in it (issue 10, classes 7–10; issue 16, item 2).

Each test makes one mistake an editor makes in tests/fixtures/minimal.yaml and asserts the exact
message, line and column, and that nothing else is reported.
"""

from __future__ import annotations

import pytest

from fardplan import validate_file
from fardplan.data.history import Previous
from fardplan.data.source import parse_source

NEED = "områden[styrning].behov[samverkan-med-regionen]"
ACTION = f"{NEED}.staden[samverkan-staden]"


def messages(path, **kwargs) -> list[str]:
    return [d.text() for d in validate_file(path, name="data/roadmap.yaml", **kwargs).diagnostics]


def edited(minimal_text: str, old: str, new: str) -> str:
    assert old in minimal_text, f"the fixture lacks {old!r}"
    return minimal_text.replace(old, new, 1)


@pytest.fixture
def check(write_yaml, minimal_text):
    """Make one edit to the fixture and return every message about the result."""

    def run(old: str, new: str, **kwargs) -> list[str]:
        return messages(write_yaml(edited(minimal_text, old, new)), **kwargs)

    return run


# --- Class 7: types YAML makes easy to get wrong ---------------------------------------------------


def test_a_float_horizon_is_refused_not_read_as_a_year(check):
    assert check("        tidshorisont: löpande", "        tidshorisont: 2024.0") == [
        "data/roadmap.yaml:42:23: ska vara ett heltal, inte ett decimaltal: skriv 2024 utan decimaler "
        f"(i {NEED}.tidshorisont)"
    ]


def test_a_float_setting_is_refused_not_silently_ignored(check):
    assert check("benämning: staden}", "benämning: staden, granskas-inom-månader: 24.0}") == [
        "data/roadmap.yaml:2:87: ska vara ett heltal, inte ett decimaltal: skriv 24 utan decimaler "
        "(i inställningar.granskas-inom-månader)"
    ]


def test_a_float_where_text_belongs_is_one_type_message(check):
    assert check("        rubrik: Nära samverkan med regionen", "        rubrik: 2024.0") == [
        f"data/roadmap.yaml:29:17: ska vara en text, inte ett tal (i {NEED}.rubrik)"
    ]


@pytest.mark.parametrize("blank", ['" "', "'\t'", '"\u3000"', "|\n          \n"])
def test_a_heading_needs_a_visible_character(check, blank):
    assert check("        rubrik: Nära samverkan med regionen", f"        rubrik: {blank}") == [
        "data/roadmap.yaml:29:17: texten får inte vara tom: skriv något som syns, inte bara mellanslag "
        f"(i {NEED}.rubrik)"
    ]


def test_a_list_where_a_word_belongs_in_a_change_is_one_message(check):
    entry = (
        "            status: pågår\n            ändringar:\n"
        "              - {datum: 2023-05-10, vad: [status], från: planerad, till: pågår, skäl: Start.}\n"
    )
    assert check("            status: pågår\n", entry) == [
        "data/roadmap.yaml:37:42: ska vara ett av orden tidshorisont, status, id, inte en lista "
        f"(i {ACTION}.ändringar[nr 1].vad)"
    ]


def test_a_list_as_id_does_not_crash_the_comparison_with_the_last_release(write_yaml, minimal_text):
    published = parse_source(minimal_text.encode(), "v1:data/roadmap.yaml").data
    path = write_yaml(
        edited(minimal_text, "          - id: samverkan-staden", "          - id: [samverkan-staden]")
    )
    assert messages(path, previous=Previous("v1", published)) == [
        f"data/roadmap.yaml:32:17: ska vara en text, inte en lista (i {NEED}.staden[nr 1].id)"
    ]


# --- Class 8: text lost without a word ------------------------------------------------------------


def test_a_comment_that_cuts_a_text_is_a_warning_with_the_fix(check):
    assert check(
        "    beskrivning: Hur äldreomsorgen leds.", "    beskrivning: Hur äldreomsorgen leds #1 i länet."
    ) == [
        "data/roadmap.yaml:26:41: varning: texten slutar före ' #': YAML läser resten av raden som en "
        "kommentar, så den kommer inte med. Sätt hela texten inom citattecken om '#' hör till texten"
    ]


def test_a_quoted_hash_and_a_comment_after_a_number_are_fine(check):
    assert (
        check("    beskrivning: Hur äldreomsorgen leds.", '    beskrivning: "Hur äldreomsorgen leds #1."')
        == []
    )
    assert check("        tidshorisont: löpande", "        tidshorisont: 2024  # flyttad") == []


def test_a_text_starting_with_an_exclamation_mark_is_refused(check):
    assert check(
        "    beskrivning: Hur äldreomsorgen leds.", "    beskrivning: !Viktigt: så leds omsorgen."
    ) == [
        "data/roadmap.yaml:26:18: '!Viktigt:' läses som en YAML-tagg och försvinner ur texten: sätt hela "
        'texten inom citattecken, till exempel "!Viktigt: …"'
    ]


@pytest.mark.parametrize("tagged", ["!!str 2024", "!!int 2024", "! löpande"])
def test_every_explicit_tag_is_refused(check, tagged):
    [message] = check("        tidshorisont: löpande", f"        tidshorisont: {tagged}")
    assert message.startswith(f"data/roadmap.yaml:42:23: '{tagged.split()[0]}' läses som en YAML-tagg")


# --- Class 9: reading errors, located and in Swedish ----------------------------------------------


@pytest.mark.parametrize(
    "char, named",
    [
        ("\x0b", "styrtecken U+000B (vertikal tabb)"),
        ("\x00", "styrtecken U+0000 (nolltecken, NUL)"),
        ("\x1b", "styrtecken U+001B (escape)"),
        ("\x85", "osynligt tecken U+0085 (nästa rad, NEL)"),
        ("\u200b", "osynligt tecken U+200B (nollbreddsmellanslag)"),
        ("\u202e", "osynligt tecken U+202E (ändrar textens riktning)"),
        ("\u2028", "osynligt tecken U+2028 (radavgränsare)"),
        ("\ufeff", "osynligt tecken U+FEFF (byteordningsmarkering, BOM)"),
    ],
)
def test_control_and_invisible_characters_are_named_where_they_are(check, char, named):
    assert check("Hur äldreomsorgen leds.", f"Hur äldre{char}omsorgen leds.") == [
        f"data/roadmap.yaml:26:27: {named} är inte tillåtet: ta bort det. Det följer ofta med när text "
        "klistras in från ett ordbehandlingsprogram"
    ]


@pytest.mark.parametrize(
    "char, named", [("\u00ad", "U+00AD (mjukt bindestreck)"), ("\u200d", "U+200D (nollbreddssammanfogare)")]
)
def test_invisible_characters_with_a_use_are_a_warning(check, char, named):
    assert check("Hur äldreomsorgen leds.", f"Hur äldre{char}omsorgen leds.") == [
        f"data/roadmap.yaml:26:27: varning: osynligt tecken {named} står här: ta bort det om det kom med av "
        "misstag (det syns inte)"
    ]


def test_a_control_character_written_as_an_escape_is_refused_too(check):
    assert check("    beskrivning: Hur äldreomsorgen leds.", '    beskrivning: "Hur \\v leds."') == [
        "data/roadmap.yaml:26:18: styrtecken U+000B (vertikal tabb) (skrivet med \\) är inte tillåtet: ta bort "
        "det. Det följer ofta med när text klistras in från ett ordbehandlingsprogram"
    ]


def test_an_unclosed_quote_is_reported_where_it_opens(check):
    # The parser notices 16 lines further down, at the next quote in the file.
    assert check(
        "        rubrik: Nära samverkan med regionen", '        rubrik: "Nära samverkan med regionen'
    ) == [
        'data/roadmap.yaml:29:17: syntaxfel: citattecknet " här avslutas inte på raden: sätt ett " efter '
        "textens sista ord"
    ]


def test_a_missing_colon_is_reported_on_its_own_line(check):
    assert check(
        "        rubrik: Nära samverkan med regionen", "        rubrik Nära samverkan med regionen"
    ) == [
        "data/roadmap.yaml:29:9: syntaxfel: ett kolon saknas efter nyckeln: skriv nyckeln, ett kolon och ett "
        "mellanslag före värdet, till exempel 'rubrik: Texten'"
    ]


@pytest.mark.parametrize(
    "old, new, expected",
    [
        (
            "            status: föreslagen",
            "            status:föreslagen",
            "data/roadmap.yaml:40:13: syntaxfel: mellanslag saknas efter kolonet i 'status:föreslagen': "
            "skriv 'status: föreslagen'",
        ),
        # First in a list item, where YAML reads it as a text and stumbles only on the next line.
        (
            "          - id: samverkan-staden",
            "          - id:samverkan-staden",
            "data/roadmap.yaml:32:13: syntaxfel: mellanslag saknas efter kolonet i 'id:samverkan-staden': "
            "skriv 'id: samverkan-staden'",
        ),
    ],
)
def test_a_missing_space_after_the_colon_is_reported_on_its_own_line(check, old, new, expected):
    assert check(old, new) == [expected]


# --- Class 10: limits -------------------------------------------------------------------------------


def test_deep_nesting_is_a_message_not_a_recursion_error(write_yaml, minimal_text):
    deep = "".join(" " * level + "-\n" for level in range(1000))
    [message] = messages(write_yaml(minimal_text + "extra:\n" + deep))
    assert message == (
        "data/roadmap.yaml:64:20: för många nivåer inuti varandra (mer än 20): färdplanen "
        "behöver färre; kontrollera indraget"
    )


def test_deep_flow_nesting_is_a_message_too(write_yaml, minimal_text):
    [message] = messages(write_yaml(minimal_text + "extra: " + "[" * 2000 + "]" * 2000 + "\n"))
    assert message.startswith("data/roadmap.yaml:44:")
    assert "för många nivåer inuti varandra" in message


def test_a_very_long_heading_is_refused_with_its_length(check):
    assert check("        rubrik: Nära samverkan med regionen", "        rubrik: " + "Å" * 301) == [
        "data/roadmap.yaml:29:17: texten är för lång: högst 300 tecken, men den har 301. Korta den eller dela "
        f"upp den (i {NEED}.rubrik)"
    ]


def test_a_long_list_of_mappings_gets_one_message_per_item(check):
    items = "".join(f"          - {{id: x{n}}}\n" for n in range(5000))
    found = check("        nationellt: [god-och-nara-vard]\n", "        nationellt:\n" + items)
    assert len(found) == 5000
    assert (
        found[0]
        == f"data/roadmap.yaml:31:13: ska vara en text, inte en grupp av nycklar (i {NEED}.nationellt[x0])"
    )


def test_the_same_initiative_twice_is_named(check):
    assert check("nationellt: [god-och-nara-vard]", "nationellt: [god-och-nara-vard, god-och-nara-vard]") == [
        "data/roadmap.yaml:30:41: 'god-och-nara-vard' står redan i listan: ta bort den ena "
        f"(i {NEED}.nationellt[nr 2])"
    ]


def test_far_too_many_values_stop_reading_with_a_message(write_yaml, minimal_text):
    bodies = "".join(f"  - {{id: organ-{n}, namn: Organ}}\n" for n in range(70_000))
    [message] = messages(write_yaml(edited(minimal_text, "ansvariga:\n", "ansvariga:\n" + bodies)))
    assert message.endswith(
        ": filen har fler än 150 000 värden, långt fler än en färdplan behöver: "
        "kontrollera att inget har klistrats in av misstag"
    )


# --- Issue 16.2: one mistake, one message, with the fix in it --------------------------------------


@pytest.mark.parametrize(
    "written, meant",
    [
        ("klar", "genomförd"),
        ("färdig", "genomförd"),
        ("pågående", "pågår"),
        ("Pågår", "pågår"),
        ("stoppad", "avbruten"),
        ("inställd", "avbruten"),
        ("planerat", "planerad"),
        ("förslag", "föreslagen"),
    ],
)
def test_a_wrong_status_suggests_the_nearest_word(check, written, meant):
    assert check("            status: pågår", f"            status: {written}") == [
        f"data/roadmap.yaml:35:21: '{written}' är inte ett tillåtet värde – menade du '{meant}'? Tillåtna "
        f"värden: föreslagen, planerad, pågår, genomförd, avbruten (i {ACTION}.status)"
    ]


def test_a_wrong_status_is_one_message_also_against_the_last_release(write_yaml, minimal_text):
    published = parse_source(minimal_text.encode(), "v1:data/roadmap.yaml").data
    path = write_yaml(edited(minimal_text, "            status: pågår", "            status: klar"))
    assert messages(path, previous=Previous("v1", published)) == [
        "data/roadmap.yaml:35:21: 'klar' är inte ett tillåtet värde – menade du 'genomförd'? Tillåtna "
        f"värden: föreslagen, planerad, pågår, genomförd, avbruten (i {ACTION}.status)"
    ]


def test_a_misspelt_key_is_one_message(check):
    assert check("        tidshorisont: löpande", "        tidshorizont: löpande") == [
        f"data/roadmap.yaml:42:9: okänd nyckel 'tidshorizont' – menade du 'tidshorisont'? (i {NEED}.tidshorizont)"
    ]


@pytest.mark.parametrize(
    "old, new, expected",
    [
        # One space too few, one too many, before a key.
        (
            "        nationellt:",
            "       nationellt:",
            "data/roadmap.yaml:30:8: syntaxfel: indraget stämmer inte: raden ska börja med 8 mellanslag, som "
            "'rubrik:' på rad 29",
        ),
        (
            "        nationellt:",
            "         nationellt:",
            "data/roadmap.yaml:30:10: syntaxfel: indraget stämmer inte: raden ska börja med 8 mellanslag, som "
            "'rubrik:' på rad 29",
        ),
        (
            "        tidshorisont: löpande",
            "       tidshorisont: löpande",
            "data/roadmap.yaml:42:8: syntaxfel: indraget stämmer inte: raden ska börja med 8 mellanslag, som "
            "'behöver-göras:' på rad 36",
        ),
        # A list item one space too far in.
        (
            "          - id: samverkan-mer",
            "           - id: samverkan-mer",
            "data/roadmap.yaml:38:13: syntaxfel: indraget stämmer inte: raden ska börja med 13 mellanslag, som "
            "'id:' på rad 37",
        ),
        # The first key indented.
        (
            "inställningar:",
            " inställningar:",
            "data/roadmap.yaml:2:1: syntaxfel: indraget stämmer inte: filens första nyckel ska börja längst till "
            "vänster, utan mellanslag före",
        ),
    ],
)
def test_indentation_says_how_many_spaces_and_what_to_align_with(
    write_yaml, minimal_text, old, new, expected
):
    broken = edited(minimal_text, old, new)
    assert messages(write_yaml(broken)) == [expected]
    # Doing what the message says ends the problem: it never repeats at the same line.
    line = int(expected.split(":")[1])
    lines = broken.split("\n")
    if "längst till vänster" in expected:
        lines[line - 1] = lines[line - 1].lstrip(" ")
    else:
        spaces = int(expected.split("raden ska börja med ")[1].split()[0])
        lines[line - 1] = " " * spaces + lines[line - 1].lstrip(" ")
    after = messages(write_yaml("\n".join(lines)))
    assert not any(m.startswith(f"data/roadmap.yaml:{line}:") and "indraget" in m for m in after), after


def test_the_key_path_comes_after_the_sentence_also_in_annotations(write_yaml, minimal_text):
    path = write_yaml(edited(minimal_text, "            status: pågår", "            status: klar"))
    [found] = validate_file(path, name="data/roadmap.yaml").diagnostics
    assert found.github() == (
        "::error file=data/roadmap.yaml,line=35,col=21,title=Färdplanen::'klar' är inte ett tillåtet värde "
        "– menade du 'genomförd'? Tillåtna värden: föreslagen, planerad, pågår, genomförd, avbruten "
        f"(i {ACTION}.status)"
    )
