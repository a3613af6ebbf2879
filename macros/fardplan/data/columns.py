"""The matrix's two columns of actions: their keys in the data file and the labels readers see.

Under each need the actions stand in two lists, shown side by side: what the organisation does
(`staden`, labelled after the settings' `benämning`: Staden, Kommunen or Regionen) and what more
needs doing (`behöver-göras`). Pages, open data, "Vad har ändrats", the forms and the messages
take their labels from here."""

from __future__ import annotations

CITY = "staden"
MORE = "behöver-göras"
ACTION_LISTS = (CITY, MORE)  # the data file's order, and the matrix's
DEFAULT_TERM = "staden"
MORE_LABEL = "Behöver göras mer"


def term_label(term: str = DEFAULT_TERM) -> str:
    """The term as a heading: "Staden", "Kommunen", "Regionen"."""
    return term[:1].upper() + term[1:]


def column_label(column: str, term: str = DEFAULT_TERM) -> str:
    """The label of an action's list: the organisation's own ("Staden") or "Behöver göras mer"."""
    if column not in ACTION_LISTS:
        raise ValueError(f"no such list of actions: {column!r}")
    return term_label(term) if column == CITY else MORE_LABEL
