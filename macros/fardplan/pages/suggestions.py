""" "Föreslå en ändring": the link a published version offers instead of "Redigera".

A published version (remiss or decided) stays online while main moves on, so a link to a line of
main would land on the wrong line. Its readers get a prefilled GitHub issue instead: it names the
version, the need's id and the need as it reads in that version, so the suggestion stands on its
own whatever the file looks like when someone acts on it. Only the draft, built from main, links
to the line in GitHub's editor (source_links.py).
"""

from __future__ import annotations

from urllib.parse import quote, urlencode

from fardplan.versions.edition import Edition
from fardplan.data.model import Need
from fardplan.remiss.period import MAX_URL_LENGTH, _short
from fardplan.data.text import swedish_date

ELLIPSIS = "…"


def is_editable(current: Edition | None) -> bool:
    """Whether this build's lines are main's: the draft, or a build mike does not publish (None:
    `mkdocs serve` and local builds show the working copy an editor is changing)."""
    return current is None or current.kind == "utkast"


def _current_text(need: Need, city_label: str) -> list[str]:
    """The need as readers of this version see it, one quoted line per fact."""
    lines = [f"Rubrik: {need.title}"]
    if need.description:
        lines.append(f"Beskrivning: {need.description}")
    lines.append(f"Tidshorisont: {need.horizon.label}")
    for label, actions in ((city_label, need.city), ("Behöver göras mer", need.more)):
        for action in actions:
            lines.append(f"{label}: {action.text} (id: {action.id}, status: {action.status.label.lower()})")
    return [" ".join(line.split()) for line in lines]


def suggestion_url(repository: str, current: Edition, need: Need, city_label: str = "Staden") -> str:
    """GitHub's new-issue page with a title and body naming the version, the need and its text.

    A long need loses its last lines (then its first line is cut) so that the address stays
    under MAX_URL_LENGTH; an ellipsis shows that something was left out."""
    version = f"{current.version} ({current.label.lower()})"
    title = f"Förslag till ändring: {_short(need.title)} (version {current.version})"
    facts = _current_text(need, city_label) + [f"Senast granskad: {swedish_date(need.reviewed)}"]

    def url(lines: list[str]) -> str:
        body = "\n".join(
            [
                f"Version: {version}",
                f"Behov: {need.id}",
                "",
                "Så här står det i den versionen:",
                "",
                *(f"> - {line}" for line in lines),
                "",
                "Mitt förslag (skriv vad som ska ändras och varför):",
                "",
            ]
        )
        return f"{repository}/issues/new?" + urlencode({"title": title, "body": body}, quote_via=quote)

    shown = facts
    while len(address := url(shown)) >= MAX_URL_LENGTH:
        if len(shown) > 2:
            shown = shown[:-2] + [ELLIPSIS]
        else:
            shown = [shown[0][: len(shown[0]) // 2] + ELLIPSIS]
    return address
