"""The build date. Everything that depends on "today" (ended grants, open remiss, overdue
reviews) asks here, so tests and rebuilds can fix the date with FARDPLAN_TODAY=YYYY-MM-DD.

"Today" is the date in Sweden, whatever the machine's time zone: GitHub's runners use UTC, so
a remiss would otherwise close at 01:00 (02:00 in summer) instead of at midnight."""

from __future__ import annotations

import os
from datetime import date, datetime
from zoneinfo import ZoneInfo

ENV_VAR = "FARDPLAN_TODAY"
TIME_ZONE = ZoneInfo("Europe/Stockholm")


def build_date(now: datetime | None = None) -> date:
    fixed = os.environ.get(ENV_VAR)
    if fixed:
        return date.fromisoformat(fixed)
    return (now or datetime.now(TIME_ZONE)).astimezone(TIME_ZONE).date()
