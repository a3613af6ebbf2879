"""Remissvar: comments read from the remiss issues, the compiled data file and the municipality's
responses to them (bemötande).

Three steps, all plain Python:
- `compile_issues()` turns GitHub issues (the REST API's JSON) made with the issue form
  .github/ISSUE_TEMPLATE/remissynpunkt.yml into typed comments, or says in Swedish which issue is
  malformed and why;
- `dump_compiled()` writes them as data/remissvar.yaml, with names only where the commenter said yes;
- `load_remiss_answers()` reads that file and the editors' data/remissbemotande.yaml back, checked
  against their schemas with located Swedish messages, for the build.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import UTC, date, datetime, timedelta
from enum import Enum
from pathlib import Path
from typing import Any

import yaml

from fardplan.data.clock import build_date
from fardplan.data.diagnostics import Diagnostic, ValidationFailed, sort_key
from fardplan.data.model import RespondentKind, Roadmap, Vocabulary
from fardplan.data.schema import SCHEMAS, check_schema
from fardplan.data.source import Source, SourceError, parse_source, read_source
from fardplan.data.text import safe_text
from fardplan.editing.issue_forms import read_sections
from fardplan.remiss.period import WHOLE_DOCUMENT

ANSWERS_SCHEMA = SCHEMAS / "remissvar.schema.json"
RESPONSES_SCHEMA = SCHEMAS / "remissbemotande.schema.json"

# The issue form's fields in the order GitHub writes them into the issue body, as (id, label).
# The labels are the "### " headings of the body; tests check them against the form file.
FORM_FIELDS = (
    ("del", "Del av färdplanen"),
    ("version", "Version"),
    ("remissinstans", "Remissinstans"),
    ("typ", "Typ av remissinstans"),
    ("stallningstagande", "Ställningstagande"),
    ("synpunkt", "Synpunkt"),
    ("formulering", "Förslag till ny formulering"),
    ("kontakt", "Kontaktuppgift"),
    ("allman-handling", "Allmän handling"),
    ("publicera-namn", "Får namnet visas på webbplatsen?"),
)
# The form's options for "publicera-namn", word for word (tests check them against the form file).
# Only CONSENT_YES lets the name be shown; anything else, no answer included, means no.
CONSENT_YES = "Ja, namnet får visas på webbplatsen"
CONSENT_NO = "Nej, visa inte namnet på webbplatsen"
# Anyone can type any name into the form. An editor who has made sure that a comment really comes
# from the remissinstans it names adds this label to the issue (only people with triage access to
# the repository can set labels); the compilation records it as `bekräftad: true`.
CONFIRMED_LABEL = "bekräftad-remissinstans"
# GitHub was launched in 2008: an issue from before then, or from after today, is not real.
EARLIEST_ISSUE = date(2008, 1, 1)
REQUIRED_FIELDS = ("del", "typ", "stallningstagande")
_ID = re.compile(r"^[a-z0-9]+(-[a-z0-9]+)*$")


class Position(Vocabulary):
    """A remissinstans's position on a part, as in a written remissvar."""

    TILLSTYRKER = "tillstyrker"
    MED_ANDRINGAR = "tillstyrker med ändringar"
    AVSTYRKER = "avstyrker"
    INGA_SYNPUNKTER = "inga synpunkter"


class Assessment(Vocabulary):
    """The municipality's response to a comment or a part after the remiss."""

    BEAKTAD = "beaktad"
    DELVIS = "delvis beaktad"
    EJ = "ej beaktad"


@dataclass(frozen=True)
class Comment:
    number: int  # the issue number: the comment's reference in the registry and in responses
    part: str  # id of a heading or a need, or WHOLE_DOCUMENT
    version: str | None
    name: str | None  # only when the commenter allowed it to be shown on the site
    kind: RespondentKind
    position: Position
    text: str | None
    wording: str | None  # proposed new wording
    received: date
    confirmed: bool = False  # an editor confirmed that it comes from the remissinstans it names


@dataclass(frozen=True)
class Response:
    """A bemötande: for one comment (comment_number) or for one part (part)."""

    assessment: Assessment
    reason: str
    comment_number: int | None
    part: str | None


@dataclass(frozen=True)
class RemissAnswers:
    """The compiled comments and the responses, as the build reads them."""

    repository: str | None
    compiled_on: date | None
    note: str | None
    comments: tuple[Comment, ...]
    responses: tuple[Response, ...]

    @property
    def compiled(self) -> bool:
        return self.compiled_on is not None


NO_ANSWERS = RemissAnswers(None, None, None, (), ())


# --- Reading issues --------------------------------------------------------------------------------


class IssueProblem(Exception):
    """One issue that cannot be read; the message names the issue and says why, in Swedish."""


def parse_form_body(body: str) -> dict[str, str | None]:
    """The remiss form's answers by field id, from the issue body GitHub wrote. Control
    characters, escape sequences and workflow-command lines are neutralised here, before any of
    the text can reach a terminal, a log or the site."""
    return read_sections(safe_text(body), FORM_FIELDS)


def _quote(value: str | None, limit: int = 80) -> str:
    """A value from an issue, short enough to quote in a message."""
    value = " ".join((value or "").split())
    return value if len(value) <= limit else value[: limit - 1] + "…"


def _choice(value: str | None, enum: type[Enum], label: str) -> Any:
    wanted = " ".join((value or "").casefold().split())
    for member in enum:
        if member.value == wanted:
            return member
    choices = ", ".join(m.value for m in enum)
    raise IssueProblem(f"'{label}' har värdet '{_quote(value)}', som inte är ett av: {choices}")


def _consent(value: str | None) -> bool:
    """Only the form's yes allows the name on the site: "Jag vill inte …" begins with "ja" too."""
    return value is not None and value.strip() == CONSENT_YES


def _labels(issue: dict[str, Any]) -> set[str]:
    """The issue's label names (the API gives objects with a name; some exports give strings)."""
    labels = issue.get("labels")
    if not isinstance(labels, list):
        return set()
    names = (label.get("name") if isinstance(label, dict) else label for label in labels)
    return {name for name in names if isinstance(name, str)}


def issue_received(issue: dict[str, Any]) -> date:
    """The day the issue was created, in Swedish time (a comment at 23:30 on the last day is in time)."""
    created = datetime.fromisoformat(str(issue["created_at"]).replace("Z", "+00:00"))
    if created.tzinfo is None:
        raise ValueError("no time zone")
    try:
        from zoneinfo import ZoneInfo

        return created.astimezone(ZoneInfo("Europe/Stockholm")).date()
    except Exception:  # no time zone database on this machine: UTC is at most two hours off
        return created.astimezone(UTC).date()


def comment_from_issue(issue: dict[str, Any]) -> Comment:
    body = issue.get("body")
    if not isinstance(body, str) or not body.strip():
        raise IssueProblem("ärendet har ingen text; det är inte skapat med remissformuläret")
    values = parse_form_body(body)
    missing = [
        label for field_id, label in FORM_FIELDS if field_id in REQUIRED_FIELDS and not values.get(field_id)
    ]
    if missing:
        raise IssueProblem(
            "fälten " + ", ".join(f"'{m}'" for m in missing) + " saknas eller är tomma; "
            "är ärendet skapat med remissformuläret?"
        )
    part = (values.get("del") or "").strip()
    if not _ID.match(part):
        raise IssueProblem(
            f"'Del av färdplanen' är '{_quote(part)}', men ska vara ett id som samverkan-med-regionen"
        )
    try:
        received = issue_received(issue)
    except (KeyError, ValueError, OverflowError):  # year 1 or 9999 moved to Swedish time overflows
        raise IssueProblem("ärendet saknar ett läsbart datum (created_at)") from None
    name = values.get("remissinstans")
    published = _consent(values.get("publicera-namn"))
    return Comment(
        number=int(issue["number"]),
        part=part,
        version=values.get("version"),
        name=" ".join(name.split()) if (published and name) else None,
        kind=_choice(values["typ"], RespondentKind, "Typ av remissinstans"),
        position=_choice(values["stallningstagande"], Position, "Ställningstagande"),
        text=values.get("synpunkt"),
        wording=values.get("formulering"),
        received=received,
        confirmed=CONFIRMED_LABEL in _labels(issue),
    )


@dataclass(frozen=True)
class Compilation:
    comments: tuple[Comment, ...]
    problems: tuple[str, ...]  # malformed issues: nothing may be written while there are any
    warnings: tuple[str, ...]


def _number(issue: Any) -> int | None:
    number = issue.get("number") if isinstance(issue, dict) else None
    return number if isinstance(number, int) and not isinstance(number, bool) and number >= 1 else None


def compile_issues(
    issues: Iterable[dict[str, Any]], roadmap: Roadmap, today: date | None = None
) -> Compilation:
    """Every remiss issue as a comment, sorted by number; pull requests are left out.

    Messages may quote the issues' text: print them with cli.say, which neutralises it.
    """
    latest = (today or build_date()) + timedelta(days=1)  # an issue from 23.30 UTC is tomorrow here
    known = {WHOLE_DOCUMENT} | {a.id for a in roadmap.areas} | {n.id for n in roadmap.needs()}
    comments: dict[int, Comment] = {}
    problems: list[str] = []
    warnings: list[str] = []
    for issue in issues:
        if _number(issue) is None:
            problems.append(
                f"ett ärende i svaret saknar nummer och kan inte läsas: {safe_text(str(issue)[:80])}"
            )
            continue
        if "pull_request" in issue:
            continue
        url = issue.get("html_url")
        where = f"ärende #{issue['number']}" + (
            f" ({safe_text(url)})" if isinstance(url, str) and url else ""
        )
        try:
            comment = comment_from_issue(issue)
        except IssueProblem as problem:
            problems.append(f"{where}: {problem}")
            continue
        if not EARLIEST_ISSUE <= comment.received <= latest:
            problems.append(
                f"{where}: ärendet är daterat {comment.received.isoformat()} (created_at), "
                "vilket inte kan stämma"
            )
            continue
        if comment.number in comments:
            continue  # the same issue on two pages (it changed while we read): keep the first
        if comment.part not in known:
            warnings.append(
                f"{where}: delen '{comment.part}' finns inte i färdplanen; "
                "synpunkten visas under Övriga delar"
            )
        comments[comment.number] = comment
    return Compilation(tuple(comments[n] for n in sorted(comments)), tuple(problems), tuple(warnings))


# --- The compiled data file ------------------------------------------------------------------------

HEADER = """\
# yaml-language-server: $schema=remissvar.schema.json
#
# Sammanställning av remissvar. Filen skrivs av scripts/remissvar.py: ändra den inte för hand,
# utan rätta ärendet på GitHub och kör skriptet igen. Kommunens bemötande skrivs i remissbemotande.yaml.
# Namn finns bara med för den som har sagt ja till att namnet visas på webbplatsen; annars står null.
# bekräftad: true betyder att en redaktör har satt etiketten bekräftad-remissinstans på ärendet,
# efter att ha kontrollerat att synpunkten kommer från den remissinstans som står i den.
"""


class _Dumper(yaml.SafeDumper):
    pass


def _text(dumper: yaml.SafeDumper, value: str) -> yaml.Node:
    style = "|" if "\n" in value else None
    return dumper.represent_scalar("tag:yaml.org,2002:str", value, style=style)


_Dumper.add_representer(str, _text)


def comment_data(comment: Comment) -> dict[str, Any]:
    return {
        "nummer": comment.number,
        "del": comment.part,
        "version": comment.version,
        "remissinstans": comment.name,
        "bekräftad": comment.confirmed,
        "typ": comment.kind.value,
        "ställningstagande": comment.position.value,
        "synpunkt": _clean(comment.text),
        "formulering": _clean(comment.wording),
        "inkom": comment.received.isoformat(),
    }


def _clean(value: str | None) -> str | None:
    """Trailing spaces would force YAML's quoted style; nobody sees them anyway."""
    if value is None:
        return None
    return "\n".join(line.rstrip() for line in value.strip().split("\n"))


def dump_compiled(
    comments: Iterable[Comment], repository: str, compiled_on: date, note: str | None = None
) -> str:
    data: dict[str, Any] = {"github-förråd": repository, "sammanställd": compiled_on.isoformat()}
    if note:
        data["anmärkning"] = note
    data["synpunkter"] = [comment_data(c) for c in comments]
    return HEADER + yaml.dump(data, Dumper=_Dumper, allow_unicode=True, sort_keys=False, width=100)


# --- Reading the data files back, for the build --------------------------------------------------


def _read(path: Path, name: str, schema: Path) -> tuple[Source | None, list[Diagnostic]]:
    try:
        source = read_source(path, name)
    except SourceError as error:
        return None, error.diagnostics
    return source, source.problems + check_schema(source, schema)


def _answers(source: Source) -> tuple[list[Comment], list[Diagnostic]]:
    comments: list[Comment] = []
    problems: list[Diagnostic] = []
    seen: dict[int, int] = {}
    for index, raw in enumerate(source.data.get("synpunkter") or []):
        path = ("synpunkter", index)
        number = raw["nummer"]
        if number in seen:
            problems.append(
                source.diagnostic(
                    path + ("nummer",), f"synpunkt nummer {number} finns redan på rad {seen[number]}"
                )
            )
            continue
        seen[number] = source.position(path)[0]
        comments.append(
            Comment(
                number=number,
                part=raw["del"],
                version=raw.get("version"),
                name=raw.get("remissinstans"),
                kind=RespondentKind(raw["typ"]),
                position=Position(raw["ställningstagande"]),
                text=raw.get("synpunkt"),
                wording=raw.get("formulering"),
                received=date.fromisoformat(raw["inkom"]),
                confirmed=raw.get("bekräftad", False),
            )
        )
    return comments, problems


def _responses(source: Source, numbers: set[int], parts: set[str]) -> tuple[list[Response], list[Diagnostic]]:
    responses: list[Response] = []
    problems: list[Diagnostic] = []
    seen: dict[tuple[str, Any], int] = {}
    for index, raw in enumerate(source.data.get("bemötanden") or []):
        path = ("bemötanden", index)
        number, part = raw.get("synpunkt"), raw.get("del")
        if (number is None) == (part is None):
            problems.append(
                source.diagnostic(
                    path,
                    "ange antingen synpunkt (synpunktens nummer) eller del (id för en rubrik eller ett behov), "
                    "inte båda och inte ingen",
                )
            )
            continue
        key = ("synpunkt", number) if number is not None else ("del", part)
        if number is not None and number not in numbers:
            problems.append(
                source.diagnostic(
                    path + ("synpunkt",), f"det finns ingen synpunkt nummer {number} i remissvar.yaml"
                )
            )
            continue
        if part is not None and part not in parts:
            problems.append(
                source.diagnostic(
                    path + ("del",), f"det finns ingen rubrik eller behov med id '{part}' i färdplanen"
                )
            )
            continue
        if key in seen:
            what = f"synpunkt {number}" if number is not None else f"delen '{part}'"
            problems.append(
                source.diagnostic(
                    path, f"{what} har redan ett bemötande på rad {seen[key]}: slå ihop dem till ett"
                )
            )
            continue
        seen[key] = source.position(path)[0]
        responses.append(Response(Assessment(raw["bedömning"]), raw["motivering"], number, part))
    return responses, problems


def load_remiss_answers(
    roadmap: Roadmap,
    answers_path: Path,
    responses_path: Path,
    *,
    answers_name: str | None = None,
    responses_name: str | None = None,
) -> RemissAnswers:
    """The compiled comments and the responses; either file may be missing (nothing compiled yet).

    Raises ValidationFailed with every problem in both files, each at its line.
    """
    diagnostics: list[Diagnostic] = []
    comments: list[Comment] = []
    meta: dict[str, Any] = {}
    if answers_path.is_file():
        source, problems = _read(answers_path, answers_name or str(answers_path), ANSWERS_SCHEMA)
        diagnostics += problems
        if source is not None and not problems:
            comments, problems = _answers(source)
            diagnostics += problems
            meta = source.data
    responses: list[Response] = []
    if responses_path.is_file():
        source, problems = _read(responses_path, responses_name or str(responses_path), RESPONSES_SCHEMA)
        diagnostics += problems
        # References to comments are checked only against a readable compilation: otherwise every
        # response would be reported as pointing nowhere.
        if source is not None and not problems and not diagnostics:
            parts = {WHOLE_DOCUMENT} | {a.id for a in roadmap.areas} | {n.id for n in roadmap.needs()}
            parts |= {c.part for c in comments}  # parts commented on that have since left the plan
            responses, problems = _responses(source, {c.number for c in comments}, parts)
            diagnostics += problems
    if diagnostics:
        raise ValidationFailed(sorted(set(diagnostics), key=sort_key))
    compiled_on = meta.get("sammanställd")
    return RemissAnswers(
        repository=meta.get("github-förråd"),
        compiled_on=date.fromisoformat(compiled_on) if compiled_on else None,
        note=meta.get("anmärkning"),
        comments=tuple(comments),
        responses=tuple(responses),
    )


def check_compiled_text(text: str, name: str) -> list[Diagnostic]:
    """Problems in a compiled file's text, before it replaces the previous file."""
    try:
        source = parse_source(text.encode("utf-8"), name)
    except SourceError as error:
        return error.diagnostics
    problems = source.problems + check_schema(source, ANSWERS_SCHEMA)
    if not problems:
        problems += _answers(source)[1]
    return problems
