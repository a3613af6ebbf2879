"""The build date. Everything that depends on "today" (ended grants, open remiss, overdue
reviews) asks here, so tests and rebuilds can fix the date with FARDPLAN_TODAY=YYYY-MM-DD."""
from __future__ import annotations

import os
from datetime import date

ENV_VAR = "FARDPLAN_TODAY"


def build_date() -> date:
    fixed = os.environ.get(ENV_VAR)
    return date.fromisoformat(fixed) if fixed else date.today()
