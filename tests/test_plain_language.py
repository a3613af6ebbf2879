"""Plain language: LIX is computed as defined, and a high value warns without failing anything."""

from __future__ import annotations

import os
import subprocess
import sys

import pytest

from fardplan import validate_file
from fardplan.data.plain_language import difficulty, lix
from fardplan.data.validate import load_roadmap
from support import line_of

LONG_WINDED = (
    "Kommunstyrelsen ska tillsammans med äldrenämnden och stadsdelsnämnderna genomföra en "
    "övergripande kartläggning av kompetensförsörjningsbehoven inom äldreomsorgens samtliga "
    "verksamhetsområden för att därigenom möjliggöra strategiska prioriteringar."
)
PLAIN = "Vi vill att fler äldre ska kunna bo hemma. Då behövs mer stöd. Vi börjar med hemtjänsten i år."


def test_lix_follows_the_formula():
    # 9 words, 2 sentences, 1 word longer than six letters ("boenden"): 9/2 + 100 * 1/9.
    measured = lix("Vi ska bygga fler boenden. Alla ska få plats.")
    assert (measured.words, measured.sentences, measured.long_words) == (9, 2, 1)
    assert measured.value == pytest.approx(9 / 2 + 100 / 9)
    assert lix("2024 – 2025") is None


@pytest.mark.parametrize(
    "value, label", [(25, "mycket lätt"), (35, "lätt"), (45, "medelsvår"), (55, "svår"), (65, "mycket svår")]
)
def test_the_swedish_scale(value, label):
    assert difficulty(value) == label


def with_text(minimal_text: str, text: str) -> str:
    return minimal_text.replace("text: Ta fram en gemensam plan.", f"text: {text}")


def test_a_long_winded_text_warns_with_its_value(write_yaml, minimal_text):
    result = validate_file(write_yaml(with_text(minimal_text, LONG_WINDED)), name="data/roadmap.yaml")
    assert result.ok and result.roadmap is not None  # a warning never stops anything
    [warning] = result.diagnostics
    assert warning.severity == "warning"
    value = round(lix(LONG_WINDED).value)
    assert value > 60
    assert warning.text() == (
        f"data/roadmap.yaml:{line_of(minimal_text, '            text: Ta fram')}:19: varning: texten är mycket svår att läsa: LIX {value}, gränsen är 50. "
        "Skriv kortare meningar och byt långa ord mot vanliga, kortare ord "
        "(i områden[styrning].behov[samverkan-med-regionen].behöver-göras[samverkan-mer].text)"
    )


def test_a_plain_text_does_not_warn(write_yaml, minimal_text):
    assert lix(PLAIN).value < 30
    assert validate_file(write_yaml(with_text(minimal_text, PLAIN))).diagnostics == []


def test_the_limit_is_a_setting(write_yaml, minimal_text):
    text = with_text(minimal_text, LONG_WINDED).replace(
        "benämning: staden}", "benämning: staden, lix-gräns: 90}"
    )
    assert validate_file(write_yaml(text)).diagnostics == []
    roadmap = load_roadmap(write_yaml(text))
    assert roadmap.settings.lix_limit == 90


def test_cli_passes_with_warnings(write_yaml, minimal_text):
    from support import ROOT

    path = write_yaml(with_text(minimal_text, LONG_WINDED))
    result = subprocess.run(
        [sys.executable, str(ROOT / "scripts" / "validate.py"), str(path)],
        capture_output=True,
        text=True,
        cwd=path.parent,
        env={**os.environ},
    )
    assert result.returncode == 0
    assert "varning:" in result.stdout and "LIX" in result.stdout
    assert "Datafilen är godkänd. (1 varning)" in result.stderr
