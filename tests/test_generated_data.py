"""The validator and the renderer agree, on generated data (issue 10, class 6).

Hypothesis generates valid färdplaner, then breaks them as careless or hostile editors do: wrong
types, blank and invisible text, odd unicode, huge numbers, missing and unknown keys, impossible
dates and links, duplicate ids, and edits to the YAML text itself. Whatever comes out:
- validating never raises: every problem is a located message (line and column inside the file);
- when the validator says yes, every page and every open-data file renders with the core
  (tests/render_support.py), and the Atom and RDF files are well-formed XML.
The number of examples comes from the Hypothesis profile (tests/conftest.py, DEVELOPMENT.md).
"""

from __future__ import annotations

import re
import tempfile
from datetime import date, timedelta
from pathlib import Path

import yaml
from hypothesis import assume, given, note, settings, strategies as st

from fardplan.data.validate import validate_text
from render_support import render_everything

NAME = "data/roadmap.yaml"
WORDS = [
    "äldreomsorg",
    "hemtjänst",
    "samverkan",
    "regionen",
    "kompetens",
    "Öppna",
    "vård",
    "trygghet",
    "digitala",
    "verktyg",
    "med",
    "och",
    "för",
    "alla",
    "boende",
    "12",
    "§ 45",
    "<b>",
    "{{ x }}",
    "&amp;",
    "=SUMMA(A1)",
    "Ærø",
    "naïve",
    "日本語",
    "emoji 🙂",
    "'citat'",
    '"dubbla"',
    "a: b",
    "# ej",
]
STATUSES = ["föreslagen", "planerad", "pågår", "genomförd", "avbruten"]
# English words that would mean a parser's or a library's message leaked through untranslated.
ENGLISH = re.compile(r"\b(the|expected|found|while|error|is not|could not|invalid|exception)\b", re.I)

words = st.lists(st.sampled_from(WORDS), min_size=1, max_size=5).map(" ".join)
letters = st.text(st.characters(categories=["L", "M", "N", "P", "S", "Zs"]), min_size=1, max_size=30)
text = st.one_of(words, letters.filter(lambda value: value.strip()))
day = st.dates(date(1990, 1, 1), date(2099, 12, 31)).map(date.isoformat)
years = st.integers(1990, 2100)
horizon = st.one_of(
    years, st.just("löpande"), st.tuples(years, years).map(lambda pair: f"{min(pair)}-{max(pair)}")
)
link = st.builds(
    lambda host, path: f"https://{host}.se/{path}",
    st.from_regex(r"[a-z][a-z0-9-]{0,20}[a-z0-9]", fullmatch=True),
    st.from_regex(r"[A-Za-z0-9._~/?=&%-]{0,30}", fullmatch=True),
)


@st.composite
def roadmaps(draw) -> dict:
    """A valid färdplan: every key the schema knows, in varied amounts."""
    bodies = [{"id": f"organ-{n}", "namn": draw(text)} for n in range(draw(st.integers(1, 3)))]
    initiatives = []
    for n in range(draw(st.integers(0, 3))):
        start = draw(day)
        initiatives.append(
            {
                "id": f"initiativ-{n}",
                "namn": draw(text),
                "typ": "lag",
                "referens": draw(text),
                "länk": draw(link),
                "gäller-från": start,
                "gäller-till": draw(st.none() | day.filter(lambda end: end >= start)),
            }
        )

    def action(ident: str, needs_horizon: bool) -> dict:
        item = {
            "id": ident,
            "text": draw(text),
            "ansvarig": draw(st.sampled_from(bodies))["id"],
            "status": draw(st.sampled_from(STATUSES)),
        }
        if needs_horizon or draw(st.booleans()):
            item["tidshorisont"] = draw(horizon)
        if draw(st.booleans()):
            item["senast-granskad"] = draw(day)
        if draw(st.booleans()):
            item["ändringar"] = [
                {
                    "datum": draw(day),
                    "vad": "status",
                    "från": None,
                    "till": item["status"],
                    "skäl": draw(text),
                }
            ]
        return item

    areas = []
    for a in range(draw(st.integers(1, 3))):
        needs = []
        for b in range(draw(st.integers(1, 3))):
            need = {
                "id": f"behov-{a}-{b}",
                "rubrik": draw(text),
                "nationellt": draw(st.lists(st.sampled_from([i["id"] for i in initiatives]), unique=True))
                if initiatives
                else [],
                "staden": [action(f"staden-{a}-{b}-{c}", False) for c in range(draw(st.integers(0, 2)))],
                "behöver-göras": [action(f"mer-{a}-{b}-{c}", True) for c in range(draw(st.integers(0, 2)))],
                "tidshorisont": draw(horizon),
                "senast-granskad": draw(day),
            }
            if draw(st.booleans()):
                need["beskrivning"] = draw(text)
            needs.append(need)
        areas.append({"id": f"omrade-{a}", "rubrik": draw(text), "beskrivning": draw(text), "behov": needs})
    data = {
        "dokument": {
            "titel": draw(text),
            "version": draw(st.sampled_from(["2022-remiss", "2024", 2025])),
            "status": draw(st.sampled_from(["utkast", "remiss"])),
            "datum": draw(day),
            "diarienummer": draw(st.none() | text),
            "beslut": None,
            "sammanfattning": draw(text),
            "bakgrund": draw(st.lists(text, max_size=2)),
            "process": [{"steg": draw(text), "beskrivning": draw(text)}],
        },
        "ansvariga": bodies,
        "nationella-initiativ": initiatives,
        "områden": areas,
        "inställningar": {
            "organisation": draw(text),
            "benämning": draw(st.sampled_from(["staden", "kommunen", "regionen"])),
            "remiss-epost": "registrator@exempelstaden.se",
            "förråd": draw(st.sampled_from(["exempelstaden/fardplan", ""])),
        },
    }
    if draw(st.booleans()):
        data["inställningar"].update(
            {
                "granskas-inom-månader": draw(st.integers(1, 120)),
                "lix-gräns": draw(st.integers(10, 100)),
            }
        )
    if draw(st.booleans()):
        # A remiss open on the day the test runs, so every page carries its links.
        today = date.today()
        opens = today - timedelta(days=draw(st.integers(0, 30)))
        number = draw(text.filter(lambda value: len(value) <= 100))
        data["dokument"].update(status="remiss", diarienummer=number, datum=opens.isoformat())
        data["remiss"] = {
            "diarienummer": number,
            "öppnar": opens.isoformat(),
            "sista-dag": (today + timedelta(days=draw(st.integers(0, 30)))).isoformat(),
            "remissinstanser": [{"namn": draw(text), "typ": "råd"}],
        }
    return data


# Values careless and hostile editors put where something else belongs.
odd_values = st.one_of(
    st.none(),
    st.booleans(),
    st.integers(-(10**30), 10**30),
    st.floats(allow_nan=True, allow_infinity=True),
    st.just(""),
    st.just("   "),
    st.just("\u200b"),
    st.just("\t"),
    st.just("x" * 6000),
    st.text(max_size=20),  # any character at all, control characters included
    st.sampled_from(
        [
            "9999-12-31",
            "0001-01-01",
            "2024-02-30",
            "2024-1-1",
            "1899-12-31",
            "2100-01-01",
            "https://[data.riksdagen.se/x",
            "https://a]b.se/",
            "https://x.se:99999/",
            "javascript:alert(1)",
            "https://exempel .se/",
            "http://" + "a" * 3000 + ".se/",
            "klar",
            "Pågår",
            "färdig",
            "2024.5",
            "2024-2022",
            "20224",
            "löpande ",
            "!viktigt",
            "*alias",
            "&ankare",
            "{{ config }}",
            "</title><script>alert(1)</script>",
            '=HYPERLINK("x")',
            "\u202eevil",
            "a\x0bb",
            "a\x00b",
        ]
    ),
    st.lists(st.text(max_size=3), max_size=3),
    st.dictionaries(st.text(max_size=5), st.text(max_size=5), max_size=2),
    st.integers(1, 60).map(lambda depth: _nested(depth)),
)


def _nested(depth: int) -> list:
    value: list = []
    for _ in range(depth):
        value = [value]
    return value


def _paths(node, path=()):
    yield path
    if isinstance(node, dict):
        for key, value in node.items():
            yield from _paths(value, path + (key,))
    elif isinstance(node, list):
        for index, value in enumerate(node):
            yield from _paths(value, path + (index,))


def _at(data, path):
    for step in path:
        data = data[step]
    return data


@st.composite
def mutated(draw) -> dict:
    """Valid data with one to three things broken."""
    data = draw(roadmaps())
    for _ in range(draw(st.integers(1, 3))):
        paths = [p for p in _paths(data) if p]
        path = draw(st.sampled_from(paths))
        parent, last = _at(data, path[:-1]), path[-1]
        how = draw(st.sampled_from(["replace", "replace", "remove", "unknown-key", "same-id"]))
        if how == "replace":
            parent[last] = draw(odd_values)
        elif how == "remove":
            del parent[last]
        elif how == "unknown-key" and isinstance(parent, dict):
            parent[str(last) + draw(st.sampled_from(["x", "s", "_", " "]))] = parent.pop(last)
        elif how == "same-id":
            ids = [p for p in _paths(data) if p and p[-1] == "id"]
            if len(ids) >= 2:
                first, second = draw(st.sampled_from(ids)), draw(st.sampled_from(ids))
                _at(data, first[:-1])["id"] = _at(data, second)
    return data


def dump(data) -> str:
    return yaml.safe_dump(data, allow_unicode=True, sort_keys=False, width=100)


def check(text: str) -> None:
    """The property: no exception escapes; located Swedish messages; valid data builds."""
    note(text)
    result = validate_text(text, NAME)  # must not raise
    lines = text.count("\n") + 2
    for diagnostic in result.diagnostics:
        assert diagnostic.file == NAME
        assert 1 <= diagnostic.line <= lines and diagnostic.col >= 1, diagnostic.text()
        assert diagnostic.message and not ENGLISH.search(diagnostic.message.split("(i ")[0]), (
            diagnostic.text()
        )
    if result.ok:
        with tempfile.TemporaryDirectory() as folder:
            data_file = Path(folder) / "roadmap.yaml"
            data_file.write_text(text, encoding="utf-8")
            render_everything(result.roadmap, data_file, Path(folder) / "site")


# Valid data costs a full render per example; the broken kinds below get the profile's full count.
@settings(max_examples=max(10, settings.default.max_examples // 4))
@given(roadmaps())
def test_generated_valid_data_is_accepted_and_renders(data):
    text = dump(data)
    result = validate_text(text, NAME)
    assert result.ok, "\n".join(d.text() for d in result.diagnostics)
    check(text)


@given(mutated())
def test_broken_data_is_refused_with_located_messages_or_renders(data):
    check(dump(data))


# Edits to the text itself: what a slip of the keyboard or a bad paste does.
INSERTS = [
    ":",
    " ",
    "  ",
    "-",
    "- ",
    "#",
    " #",
    '"',
    "'",
    "!",
    "&",
    "*",
    "[",
    "]",
    "{",
    "}",
    "|",
    ">",
    "\t",
    "\x0b",
    "\u200b",
    "\u202e",
    "\u00ad",
    "\x00",
    "\n",
    "\r",
    "%",
    "@",
    "`",
    "?",
    ",",
    "\\",
]


@given(
    roadmaps(),
    st.lists(
        st.tuples(
            st.sampled_from(["insert", "delete", "indent", "dedent", "join"]),
            st.floats(0, 1),
            st.sampled_from(INSERTS),
        ),
        min_size=1,
        max_size=3,
    ),
)
def test_text_edits_are_reported_where_they_are_or_render(data, edits):
    text = dump(data)
    for how, where, what in edits:
        position = int(where * len(text))
        if how == "insert":
            text = text[:position] + what + text[position:]
        elif how == "delete":
            text = text[:position] + text[position + 1 :]
        else:
            lines = text.split("\n")
            line = int(where * (len(lines) - 1))
            if how == "indent":
                lines[line] = " " + lines[line]
            elif how == "dedent" and lines[line].startswith(" "):
                lines[line] = lines[line][1:]
            elif how == "join" and line + 1 < len(lines):
                lines[line : line + 2] = [lines[line] + " " + lines[line + 1].lstrip()]
            text = "\n".join(lines)
    assume(text.strip())
    check(text)


def test_the_longest_texts_the_schema_allows_render_with_the_remiss_open(minimal_text, monkeypatch, tmp_path):
    """The remiss links carry the title, the registration number, the version and a heading,
    percent-encoded (a three-byte character becomes nine): at the schema's maximum lengths they
    must still fit the link builder's limit, or the build would stop while rendering."""
    monkeypatch.setenv("FARDPLAN_TODAY", "2022-02-01")
    wide = "€"  # three bytes in UTF-8
    text = minimal_text
    for old, new in [
        ("  titel: Färdplan för äldreomsorgens utveckling", "  titel: " + wide * 200),
        ("  diarienummer: KS 2022/1", "  diarienummer: " + wide * 100),
        ("  version: 2022-remiss", "  version: " + "v" * 100),
        ("rubrik: Ändamålsenlig organisation och styrning", "rubrik: " + wide * 300),
        ("rubrik: Nära samverkan med regionen", "rubrik: " + wide * 300),
        ("samverkan-med-regionen", "b" * 100),
        (
            "ansvariga:\n",
            "remiss:\n  diarienummer: " + wide * 100 + "\n  öppnar: 2022-01-24\n"
            "  sista-dag: 2022-03-04\n  remissinstanser: []\nansvariga:\n",
        ),
        (
            "benämning: staden}",
            "benämning: staden, remiss-epost: registrator@exempelstaden.se, förråd: exempelstaden/fardplan}",
        ),
    ]:
        assert old in text, old
        text = text.replace(old, new)
    result = validate_text(text, NAME)
    assert result.ok, [d.text() for d in result.diagnostics]
    data_file = tmp_path / "roadmap.yaml"
    data_file.write_text(text, encoding="utf-8")
    pages = render_everything(result.roadmap, data_file, tmp_path / "site")
    assert any("mailto:" in page for page in pages)
