"""Checks of the data's `inställningar` that the schema cannot express.

The block is the only place for the organisation's name, addresses, repository and licence
(issue 17). The schema checks each value's form; here: what depends on another part of the file
(a remiss needs the registrator's address) and what a pattern says badly (a repository named `..`,
a host name in the site address).
"""

from __future__ import annotations

from fardplan.data.addresses import email_problem, web_address_problem
from fardplan.data.diagnostics import Diagnostic
from fardplan.data.source import Source

SETTINGS = "inställningar"


def check_settings(source: Source) -> list[Diagnostic]:
    data = source.data if isinstance(source.data, dict) else {}
    raw = data.get(SETTINGS)
    if not isinstance(raw, dict):
        return []
    problems: list[Diagnostic] = []

    def report(key: str | tuple[str, ...], message: str | None) -> None:
        path = (SETTINGS,) + (key if isinstance(key, tuple) else (key,))
        if message and not source.rejects(path):
            problems.append(source.diagnostic(path, message))

    for key in ("kontakt-epost", "remiss-epost"):
        if isinstance(raw.get(key), str):
            report(key, email_problem(raw[key]))
    site = raw.get("webbplats")
    if isinstance(site, str):
        report("webbplats", web_address_problem(site, schemes=("https",)))
    licence = raw.get("licens")
    for key in ("url", "uri"):
        if isinstance(licence, dict) and isinstance(licence.get(key), str):
            report(("licens", key), web_address_problem(licence[key]))
    repository = raw.get("förråd")
    if isinstance(repository, str) and repository.partition("/")[2] in {".", ".."}:
        report("förråd", f"'{repository}' går inte att använda: förrådets namn kan inte vara . eller ..")
    remiss = data.get("remiss")
    # (An old remiss.e-post has its own message: where it goes now.)
    if isinstance(remiss, dict) and "remiss-epost" not in raw and "e-post" not in remiss:
        problems.append(
            source.diagnostic(
                (SETTINGS,),
                "färdplanen har en remiss, så inställningar behöver registratorns e-postadress: "
                "skriv den som 'remiss-epost: registrator@…' (dit skickar den som inte har GitHub sina synpunkter)",
                key=True,
            )
        )
    return problems
