"""The färdplan as typed, immutable objects, built once from data that has passed every check.

Every output (pages, open data, feeds) reads these objects, never the YAML again.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date
from enum import Enum
from typing import Any

from fardplan.data import columns
from fardplan.data.horizon import Horizon, parse_horizon
from fardplan.data.measures import Measure, build_measures
from fardplan.data.source import KeyPath, Source


class Vocabulary(Enum):
    """A fixed list of Swedish words the data may use (the schema's enum).

    `label` is the word as a reader sees it; `slug` an ASCII name for CSS classes."""

    value: str

    @property
    def label(self) -> str:
        return self.value.capitalize()

    @property
    def slug(self) -> str:
        return self.name.lower().replace("_", "-")


class Stage(Enum):
    """Where the document is in the decision process."""

    UTKAST = "utkast"
    REMISS = "remiss"
    BESLUTAD = "beslutad"

    @property
    def label(self) -> str:
        return {"utkast": "Utkast", "remiss": "Remissversion", "beslutad": "Beslutad"}[self.value]


class Status(Vocabulary):
    """How far an action has come. The order is the order used in counts and legends.

    What each status means to a reader is kept here, beside the words themselves, so that the
    legends and the page "Ord och begrepp" can never describe a status that does not exist."""

    FORESLAGEN = "föreslagen"
    PLANERAD = "planerad"
    PAGAR = "pågår"
    GENOMFORD = "genomförd"
    AVBRUTEN = "avbruten"

    @property
    def meaning(self) -> str:
        """A few words, for the short legend beside tables."""
        return _STATUS_MEANINGS[self][0]

    @property
    def explanation(self) -> str:
        """The full explanation, for the page that explains the words."""
        return _STATUS_MEANINGS[self][1]

    @property
    def finished(self) -> bool:
        """Nothing more will be done: the action is done or has been stopped."""
        return self in (Status.GENOMFORD, Status.AVBRUTEN)


_STATUS_MEANINGS = {
    Status.FORESLAGEN: (
        "Ett förslag som inte är beslutat.",
        "Åtgärden är ett förslag. Det är ännu inte beslutat att den ska göras, och arbetet har inte börjat.",
    ),
    Status.PLANERAD: (
        "Ska göras, men arbetet har inte börjat.",
        "Åtgärden ska göras och finns i den ansvariga nämndens eller styrelsens planer, men arbetet "
        "har ännu inte börjat.",
    ),
    Status.PAGAR: (
        "Arbetet har börjat.",
        "Arbetet med åtgärden har börjat och är inte klart.",
    ),
    Status.GENOMFORD: (
        "Klar.",
        "Åtgärden är gjord. Den står kvar i färdplanen så att det syns vad som har gjorts.",
    ),
    Status.AVBRUTEN: (
        "Ska inte göras längre.",
        "Åtgärden har stoppats innan den blev klar, till exempel för att den inte behövs längre "
        "eller för att något annat görs i stället. Den står kvar i färdplanen så att det syns vad "
        "som hände. Varför den stoppades står oftast under åtgärden.",
    ),
}


class InitiativeKind(Vocabulary):
    LAG = "lag"
    LAGANDRING = "lagändring"
    STATSBIDRAG = "statsbidrag"
    UTREDNING = "utredning"
    OVERENSKOMMELSE = "överenskommelse"
    DEPARTEMENTSSKRIVELSE = "departementsskrivelse"


class ChangedField(Enum):
    """What a recorded change (an entry under `ändringar`) is about."""

    TIDSHORISONT = "tidshorisont"
    STATUS = "status"

    @property
    def label(self) -> str:
        return {"tidshorisont": "Tidshorisonten", "status": "Statusen"}[self.value]


@dataclass(frozen=True)
class RecordedChange:
    """An entry under `ändringar`: why a horizon or status changed; shown with the need or action
    it belongs to. (What differs between two versions is versions.changes.Change.)"""

    date: date
    field: ChangedField
    old: Horizon | Status | None
    new: Horizon | Status
    reason: str

    @property
    def old_label(self) -> str:
        return self.old.label if self.old is not None else "inget värde"

    @property
    def new_label(self) -> str:
        return self.new.label


@dataclass(frozen=True)
class Licence:
    name: str
    url: str  # the page a person reads
    uri: str  # the identifier metadata uses


# The open data's licence when the settings name none. Sveriges dataportal recognises licences by
# the uri (DCAT-AP-SE's licence list).
CC0 = Licence(
    "CC0 1.0 Universell (allmän egendom)",
    "https://creativecommons.org/publicdomain/zero/1.0/deed.sv",
    "http://creativecommons.org/publicdomain/zero/1.0/",
)
# What the texts call the organisation when `benämning` is not given, by `typ`.
DEFAULT_TERMS = {"kommun": "kommunen", "region": "regionen"}


@dataclass(frozen=True)
class Settings:
    """The data file's `inställningar`, with their defaults: the only place for the organisation's
    name, addresses, repository and licence."""

    organisation: str = ""
    kind: str = "kommun"  # typ: kommun or region
    term: str = "kommunen"  # benämning: what the texts call it (staden, kommunen, regionen)
    municipality_code: str | None = None  # for Kolada: four digits, "0180"
    site_url: str | None = None  # webbplats: the site's root address, ending in /
    repository: str | None = None  # förråd: owner/name on GitHub; None: no edit links, no issues
    branch: str = "main"
    contact_email: str | None = None
    remiss_email: str | None = None
    licence: Licence = CC0
    review_months: int = 12
    lix_limit: int = 50

    @property
    def term_label(self) -> str:
        """The term as a heading or column label: "Staden", "Kommunen", "Regionen"."""
        return columns.term_label(self.term)

    def column_label(self, column: str) -> str:
        """The label of an action's list: the organisation's own ("Staden") or "Behöver göras mer"."""
        return columns.column_label(column, self.term)

    @property
    def repository_url(self) -> str | None:
        return f"https://github.com/{self.repository}" if self.repository else None


class RespondentKind(Vocabulary):
    """What kind of remissinstans answers: the form's and the data's shared vocabulary."""

    NAMND = "nämnd"
    RAD = "råd"
    FORENING = "förening"
    FORETAG = "företag"
    PRIVATPERSON = "privatperson"


@dataclass(frozen=True)
class Body:
    id: str
    name: str


@dataclass(frozen=True)
class Initiative:
    id: str
    name: str
    kind: InitiativeKind
    reference: str
    url: str
    valid_from: date
    valid_to: date | None
    description: str | None
    line: int


@dataclass(frozen=True)
class Action:
    id: str
    text: str
    body: Body
    status: Status
    horizon: Horizon | None
    column: str  # "staden" or "behöver-göras"
    line: int
    # The action's own review date, or its need's when that is later or the action has none:
    # reviewing a need means going through its whole row.
    reviewed: date
    own_review: date | None = None  # senast-granskad as written on the action, if any
    changes: tuple[RecordedChange, ...] = ()  # newest first
    former_ids: tuple[str, ...] = ()  # from ändringar entries with vad: id, newest first

    def horizon_passed(self, today: date) -> bool:
        """The last year of its horizon is over and the action is neither done nor stopped."""
        return self.horizon is not None and self.horizon.passed(today) and not self.status.finished


@dataclass(frozen=True)
class Need:
    id: str
    title: str
    description: str | None
    national: tuple[Initiative, ...]
    city: tuple[Action, ...]
    more: tuple[Action, ...]
    horizon: Horizon
    area_id: str
    line: int
    reviewed: date
    changes: tuple[RecordedChange, ...] = ()  # newest first
    former_ids: tuple[str, ...] = ()  # from ändringar entries with vad: id, newest first
    measures: tuple[Measure, ...] = ()

    @property
    def actions(self) -> tuple[Action, ...]:
        return self.city + self.more


@dataclass(frozen=True)
class Area:
    id: str
    title: str
    description: str
    needs: tuple[Need, ...]
    line: int


@dataclass(frozen=True)
class Decision:
    body: str
    date: date
    paragraph: str | None


@dataclass(frozen=True)
class ProcessStep:
    name: str
    description: str


@dataclass(frozen=True)
class Document:
    title: str
    organisation: str
    version: str
    stage: Stage
    date: date
    registration_number: str | None
    decision: Decision | None
    summary: str | None
    background: tuple[str, ...]
    process: tuple[ProcessStep, ...]


@dataclass(frozen=True)
class Respondent:
    """A remissinstans invited to answer."""

    name: str
    kind: RespondentKind


@dataclass(frozen=True)
class Remiss:
    """The consultation: where and until when comments on the proposal are received."""

    registration_number: str
    opens: date
    last_day: date  # comments are received up to and including this day
    email: str  # inställningar.remiss-epost
    repository: str | None  # inställningar.förråd (owner/name), where comments are issues; None: e-mail only
    invited: tuple[Respondent, ...]


@dataclass(frozen=True)
class Removal:
    """A published need or action that was taken out (an entry under `borttagna`)."""

    id: str
    date: date
    reason: str


@dataclass(frozen=True)
class Roadmap:
    document: Document
    bodies: tuple[Body, ...]
    initiatives: tuple[Initiative, ...]
    areas: tuple[Area, ...]
    settings: Settings = Settings()
    remiss: Remiss | None = None
    removed: tuple[Removal, ...] = ()  # borttagna: published needs and actions taken out, and why

    def needs(self) -> Iterator[Need]:
        for area in self.areas:
            yield from area.needs

    def actions(self) -> Iterator[Action]:
        for need in self.needs():
            yield from need.actions

    def area(self, area_id: str) -> Area:
        for area in self.areas:
            if area.id == area_id:
                return area
        raise KeyError(area_id)


def build_roadmap(source: Source) -> Roadmap:
    """Turn checked data into the model. Assumes the schema and the checks found no errors."""
    data = source.data

    def line(path: KeyPath) -> int:
        return source.position(path)[0]

    bodies = {b["id"]: Body(b["id"], b["namn"]) for b in data["ansvariga"]}
    initiatives = {
        i["id"]: Initiative(
            id=i["id"],
            name=i["namn"],
            kind=InitiativeKind(i["typ"]),
            reference=i["referens"],
            url=i["länk"],
            valid_from=date.fromisoformat(i["gäller-från"]),
            valid_to=_optional_date(i.get("gäller-till")),
            description=i.get("beskrivning"),
            line=line(("nationella-initiativ", n)),
        )
        for n, i in enumerate(data["nationella-initiativ"])
    }

    def action(raw: dict[str, Any], column: str, path: KeyPath, need_reviewed: date) -> Action:
        horizon = raw.get("tidshorisont")
        own = _optional_date(raw.get("senast-granskad"))
        return Action(
            id=raw["id"],
            text=raw["text"],
            body=bodies[raw["ansvarig"]],
            status=Status(raw["status"]),
            horizon=parse_horizon(horizon) if horizon is not None else None,
            column=column,
            line=line(path),
            reviewed=max(own, need_reviewed) if own else need_reviewed,
            own_review=own,
            changes=_changes(raw),
            former_ids=_former_ids(raw),
        )

    areas = []
    for a, raw_area in enumerate(data["områden"]):
        needs = []
        for n, raw in enumerate(raw_area["behov"]):
            path = ("områden", a, "behov", n)
            reviewed = date.fromisoformat(raw["senast-granskad"])
            needs.append(
                Need(
                    id=raw["id"],
                    title=raw["rubrik"],
                    description=raw.get("beskrivning"),
                    national=tuple(initiatives[ref] for ref in raw["nationellt"]),
                    city=tuple(
                        action(x, "staden", path + ("staden", k), reviewed)
                        for k, x in enumerate(raw["staden"])
                    ),
                    more=tuple(
                        action(x, "behöver-göras", path + ("behöver-göras", k), reviewed)
                        for k, x in enumerate(raw["behöver-göras"])
                    ),
                    horizon=parse_horizon(raw["tidshorisont"]),
                    area_id=raw_area["id"],
                    line=line(path),
                    reviewed=reviewed,
                    changes=_changes(raw),
                    former_ids=_former_ids(raw),
                    measures=build_measures(raw.get("mått"), path + ("mått",), source),
                )
            )
        areas.append(
            Area(
                raw_area["id"],
                raw_area["rubrik"],
                raw_area["beskrivning"],
                tuple(needs),
                line(("områden", a)),
            )
        )

    settings = read_settings(data)
    doc = data["dokument"]
    decision = doc.get("beslut")
    document = Document(
        title=doc["titel"],
        organisation=settings.organisation,
        version=str(doc["version"]),
        stage=Stage(doc["status"]),
        date=date.fromisoformat(doc["datum"]),
        registration_number=doc.get("diarienummer"),
        decision=Decision(decision["organ"], date.fromisoformat(decision["datum"]), decision.get("paragraf"))
        if decision
        else None,
        summary=doc.get("sammanfattning"),
        background=tuple(doc.get("bakgrund") or ()),
        process=tuple(ProcessStep(s["steg"], s["beskrivning"]) for s in doc.get("process") or ()),
    )
    return Roadmap(
        document,
        tuple(bodies.values()),
        tuple(initiatives.values()),
        tuple(areas),
        settings,
        remiss=_remiss(data.get("remiss"), settings),
        removed=tuple(
            Removal(r["id"], date.fromisoformat(r["datum"]), r["skäl"]) for r in data.get("borttagna") or ()
        ),
    )


def read_settings(data: Any) -> Settings:
    """The settings, defaults filled in; tolerant of a file that has not passed the schema."""
    raw = data.get("inställningar") if isinstance(data, dict) else None
    raw = raw if isinstance(raw, dict) else {}
    defaults = Settings()

    def text(key: str) -> str | None:
        value = raw.get(key)
        return value.strip() if isinstance(value, str) and value.strip() else None

    months, limit = raw.get("granskas-inom-månader"), raw.get("lix-gräns")
    given_kind, given_term = text("typ"), text("benämning")
    kind = given_kind if given_kind in DEFAULT_TERMS else defaults.kind
    term = given_term if given_term in {"staden", "kommunen", "regionen"} else DEFAULT_TERMS[kind]
    site = text("webbplats")
    given = raw.get("licens")
    licence = (
        Licence(str(given.get("namn") or given["url"]), given["url"], given.get("uri") or given["url"])
        if isinstance(given, dict) and isinstance(given.get("url"), str)
        else CC0
    )
    return Settings(
        organisation=text("organisation") or "",
        kind=kind,
        term=term,
        municipality_code=raw.get("kommunkod") if isinstance(raw.get("kommunkod"), str) else None,
        site_url=(site if site.endswith("/") else site + "/") if site else None,
        repository=text("förråd"),
        branch=text("gren") or defaults.branch,
        contact_email=text("kontakt-epost"),
        remiss_email=text("remiss-epost"),
        licence=licence,
        review_months=months
        if isinstance(months, int) and not isinstance(months, bool) and months > 0
        else defaults.review_months,
        lix_limit=limit if isinstance(limit, int) and not isinstance(limit, bool) else defaults.lix_limit,
    )


def parse_changed_value(field: ChangedField, value: Any) -> Horizon | Status:
    """A horizon or status as written under `ändringar` (raises ValueError if it is neither)."""
    if field is ChangedField.TIDSHORISONT:
        return parse_horizon(value)
    return Status(value)


_CHANGED_FIELDS = {f.value for f in ChangedField}


def _changes(raw: dict[str, Any]) -> tuple[RecordedChange, ...]:
    changes = []
    for entry in raw.get("ändringar") or ():
        if entry["vad"] not in _CHANGED_FIELDS:
            continue  # a renamed id (vad: id) is checked by the validator, not shown to readers
        field = ChangedField(entry["vad"])
        old = entry.get("från")
        changes.append(
            RecordedChange(
                date=date.fromisoformat(entry["datum"]),
                field=field,
                old=parse_changed_value(field, old) if old is not None else None,
                new=parse_changed_value(field, entry["till"]),
                reason=entry["skäl"],
            )
        )
    return tuple(sorted(changes, key=lambda c: c.date, reverse=True))


def _former_ids(raw: dict[str, Any]) -> tuple[str, ...]:
    renames = sorted(
        (e for e in raw.get("ändringar") or () if e["vad"] == "id"), key=lambda e: e["datum"], reverse=True
    )
    return tuple(str(e["från"]) for e in renames)


def _remiss(raw: dict[str, Any] | None, settings: Settings) -> Remiss | None:
    if not raw:
        return None
    return Remiss(
        registration_number=raw["diarienummer"],
        opens=date.fromisoformat(raw["öppnar"]),
        last_day=date.fromisoformat(raw["sista-dag"]),
        email=settings.remiss_email or "",  # the validator requires it when there is a remiss
        repository=settings.repository,
        invited=tuple(Respondent(r["namn"], RespondentKind(r["typ"])) for r in raw["remissinstanser"]),
    )


def _optional_date(value: str | None) -> date | None:
    return date.fromisoformat(value) if value else None
