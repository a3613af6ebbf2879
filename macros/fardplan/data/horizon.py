"""Time horizons: a year, a range of years, or a named horizon such as "löpande"."""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date
from typing import Any

# Named horizons an editor may write instead of years.
NAMED = {"löpande": "Löpande"}
# Years outside this window are almost certainly typos (20224, 202).
EARLIEST, LATEST = 1990, 2100
_RANGE = re.compile(r"^\s*(\d{4})\s*[-–—]\s*(\d{4})\s*$")
_YEAR = re.compile(r"^\s*(\d{4})\s*$")


class HorizonError(ValueError):
    """The value cannot be read as a horizon; the message is Swedish and meant for an editor."""


@dataclass(frozen=True)
class Horizon:
    start: int | None = None
    end: int | None = None
    named: str | None = None

    @property
    def label(self) -> str:
        """As a reader sees it: 2024, 2022–2024 (with an en dash) or Löpande."""
        if self.named:
            return NAMED[self.named]
        if self.start == self.end:
            return str(self.start)
        return f"{self.start}–{self.end}"

    @property
    def data(self) -> int | str:
        """As it is written back to data (open data, JSON)."""
        if self.named:
            return self.named
        return self.start if self.start is not None and self.start == self.end else f"{self.start}-{self.end}"

    @property
    def years(self) -> tuple[int, int] | None:
        """The first and the last year; None for a named horizon such as "löpande"."""
        return (self.start, self.end) if self.start is not None and self.end is not None else None

    def __str__(self) -> str:
        return self.label

    def passed(self, today: date) -> bool:
        """Its last year is over. A named horizon (löpande) never ends."""
        return self.named is None and self.end is not None and self.end < today.year


def parse_horizon(value: Any) -> Horizon:
    if isinstance(value, bool):
        raise HorizonError('ska vara ett år, ett intervall som "2022-2024" eller löpande')
    if isinstance(value, int):
        return _years(value, value)
    if isinstance(value, str):
        text = value.strip()
        if text.lower() in NAMED:
            return Horizon(named=text.lower())
        if match := _YEAR.match(text):
            year = int(match.group(1))
            return _years(year, year)
        if match := _RANGE.match(text):
            return _years(int(match.group(1)), int(match.group(2)))
    named = ", ".join(NAMED)
    raise HorizonError(
        f"'{value}' kan inte tolkas som tidshorisont: skriv ett år (2024), "
        f'ett intervall ("2022-2024") eller {named}'
    )


def _years(start: int, end: int) -> Horizon:
    for year in (start, end):
        if not EARLIEST <= year <= LATEST:
            raise HorizonError(f"året {year} verkar fel: skriv ett år mellan {EARLIEST} och {LATEST}")
    if end < start:
        raise HorizonError(
            f"intervallet {start}-{end} slutar före det börjar: skriv det tidigaste året först"
        )
    return Horizon(start, end)
