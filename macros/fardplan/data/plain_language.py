"""Plain language (klarspråk): LIX, läsbarhetsindex, for the texts readers see.

LIX = words / sentences + 100 × (words longer than six letters) / words. Below 30 is very easy,
30–40 easy, 40–50 medium (newspapers), 50–60 hard (typical official text), above 60 very hard.
A high value is a warning for the editor, never an error: it does not stop the build.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

from fardplan.data.diagnostics import Diagnostic
from fardplan.data.history import Previous
from fardplan.data.source import KeyPath, Source

# Keys whose values are running text that readers see (titles are left alone: they are copied
# from the decided document and are too short for LIX to mean anything).
TEXT_KEYS = {"text", "beskrivning", "sammanfattning", "skäl"}
LIST_TEXT_KEYS = {"bakgrund"}  # lists of paragraphs
# LIX is a measure for running text. On one short sentence it mostly counts compound words
# ("äldreomsorgen", "stadsdelsnämnderna") and says little, so shorter texts are not measured.
MIN_WORDS = 15

# A word: letters (å, ä, ö, é ... included), joined by hyphens as in "hälso-" or "fast-omsorgskontakt".
_WORD = re.compile(r"[^\W\d_]+(?:-[^\W\d_]+)*")
# A sentence ends at . ! ? or : followed by a space or the end, as in the original LIX counting.
_SENTENCE_END = re.compile(r"[.!?:]+(?=\s|$)")


@dataclass(frozen=True)
class Lix:
    words: int
    sentences: int
    long_words: int

    @property
    def value(self) -> float:
        return self.words / self.sentences + 100 * self.long_words / self.words

    @property
    def rounded(self) -> int:
        return round(self.value)


def lix(text: str) -> Lix | None:
    """LIX for a text, or None when it has no words."""
    words = _WORD.findall(text)
    if not words:
        return None
    sentences = max(1, len(_SENTENCE_END.findall(text.strip())))
    long_words = sum(1 for w in words if len(w.replace("-", "")) > 6)
    return Lix(len(words), sentences, long_words)


def difficulty(value: float) -> str:
    """The usual Swedish scale."""
    if value < 30:
        return "mycket lätt"
    if value < 40:
        return "lätt"
    if value < 50:
        return "medelsvår"
    if value < 60:
        return "svår"
    return "mycket svår"


def _texts(node: Any, path: KeyPath = ()) -> Iterator[tuple[KeyPath, str]]:
    if isinstance(node, dict):
        for key, value in node.items():
            if key in TEXT_KEYS and isinstance(value, str):
                yield path + (key,), value
            elif key in LIST_TEXT_KEYS and isinstance(value, list):
                for index, item in enumerate(value):
                    if isinstance(item, str):
                        yield path + (key, index), item
            else:
                yield from _texts(value, path + (key,))
    elif isinstance(node, list):
        for index, item in enumerate(node):
            yield from _texts(item, path + (index,))


def _normal(text: str) -> str:
    return " ".join(text.split())


def check_plain_language(source: Source, limit: int, previous: Previous | None = None) -> list[Diagnostic]:
    """A warning, with the value, for each reader-facing text whose LIX is above `limit`.

    With `previous` (the comparison of a pull request with the published version) only texts
    that differ from every text published there are measured: a pull request is warned about the
    lines it changed, not about the whole file every time."""
    published = {_normal(text) for _, text in _texts(previous.data)} if previous is not None else set()
    warnings = []
    for path, text in _texts(source.data):
        if _normal(text) in published:
            continue
        measured = lix(text)
        if measured is None or measured.words < MIN_WORDS or measured.value <= limit:
            continue
        warnings.append(
            source.diagnostic(
                path,
                f"texten är {difficulty(measured.value)} att läsa: LIX {measured.rounded}, gränsen är {limit}. "
                "Skriv kortare meningar och byt långa ord mot vanliga, kortare ord",
                severity="warning",
            )
        )
    return warnings
