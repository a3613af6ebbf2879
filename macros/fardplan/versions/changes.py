"""What changed between two versions of the färdplan, told in plain Swedish.

Both versions are validated models. Needs, actions, areas and national initiatives are matched
by id, or by the old id an editor recorded for a renamed need or action (`vad: id` under
`ändringar`), so a need that moved to another area is reported as moved, not as one removed and
one added. A removal shows the reason recorded under `borttagna`. Each change is one short
sentence; changed wording also keeps the text before and after, for readers who want it.

Between the remiss version and the decided version this is the list of "ändringar efter
remissen" that a kommunfullmäktige asks for.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field
from datetime import date
from typing import Iterator

from fardplan.pages.routes import item_url
from fardplan.data.model import Action, Area, ChangedField, Need, Roadmap, Stage
from fardplan.data.text import swedish_date

# Counted kinds of change, in the order the summary names them: (singular, plural).
CATEGORIES: dict[str, tuple[str, str]] = {
    "area-added": ("nytt område", "nya områden"),
    "area-removed": ("borttaget område", "borttagna områden"),
    "need-added": ("nytt behov", "nya behov"),
    "need-removed": ("borttaget behov", "borttagna behov"),
    "need-moved": ("flyttat behov", "flyttade behov"),
    "action-added": ("ny åtgärd", "nya åtgärder"),
    "action-removed": ("borttagen åtgärd", "borttagna åtgärder"),
    "action-moved": ("flyttad åtgärd", "flyttade åtgärder"),
    "status": ("ändrad status", "ändrade statusar"),
    "horizon": ("ändrad tidshorisont", "ändrade tidshorisonter"),
    "responsible": ("ny ansvarig", "nya ansvariga"),
    "text": ("ändrad text", "ändrade texter"),
    "reference": (
        "ändrad hänvisning till nationella initiativ",
        "ändrade hänvisningar till nationella initiativ",
    ),
    "initiative": ("ändring bland de nationella initiativen", "ändringar bland de nationella initiativen"),
    "document": ("ändring i dokumentets uppgifter", "ändringar i dokumentets uppgifter"),
}

# How long an action's text may be when it names the action in a sentence.
NAME_LENGTH = 90


@dataclass(frozen=True)
class Part:
    """A piece of a sentence; with a url (site-relative, in the newer version) it is a link."""

    text: str
    url: str | None = None


@dataclass(frozen=True)
class Reason:
    """Why a horizon or status changed, as the editors recorded it."""

    date: date | None
    text: str


@dataclass(frozen=True)
class Change:
    category: str
    sentence: tuple[Part, ...]
    before: str | None = None  # the old wording, when a text changed
    after: str | None = None
    reasons: tuple[Reason, ...] = ()

    @property
    def plain(self) -> str:
        return "".join(part.text for part in self.sentence)

    @property
    def wording(self) -> tuple[tuple[str, str], ...]:
        """The full texts worth showing beside the sentence: before and after a change of
        wording, or the whole text of an added or removed action whose name was shortened."""
        if self.before is not None and self.after is not None:
            return (("Förut", self.before), ("Nu", self.after))
        whole = self.before if self.before is not None else self.after
        if whole and short_name(whole) != _normal(whole).rstrip("."):
            return (("Hela texten", whole),)
        return ()


@dataclass(frozen=True)
class Section:
    """Changes under one heading: the document, the national initiatives, or one area."""

    title: str
    changes: tuple[Change, ...]


@dataclass(frozen=True)
class Comparison:
    old: Roadmap
    new: Roadmap
    sections: tuple[Section, ...]

    def changes(self) -> Iterator[Change]:
        for section in self.sections:
            yield from section.changes

    @property
    def counts(self) -> Counter:
        return Counter(change.category for change in self.changes())

    @property
    def after_remiss(self) -> bool:
        """The old version was on remiss and the new one is decided: the changes after the remiss."""
        return self.old.document.stage is Stage.REMISS and self.new.document.stage is Stage.BESLUTAD

    def summary(self) -> str:
        """One plain sentence: "Jämfört med version 2022-remiss: 1 nytt behov och 3 ändrade statusar."."""
        counts = self.counts
        parts = [
            f"{counts[key]} {forms[0] if counts[key] == 1 else forms[1]}"
            for key, forms in CATEGORIES.items()
            if counts[key]
        ]
        version = self.old.document.version
        if not parts:
            return f"Inga ändringar i innehållet jämfört med version {version}."
        listed = parts[0] if len(parts) == 1 else ", ".join(parts[:-1]) + " och " + parts[-1]
        return f"Jämfört med version {version}: {listed}."


def compare(old: Roadmap, new: Roadmap) -> Comparison:
    """Every change from `old` to `new`, grouped under the document, the initiatives and the areas."""
    return _Comparer(old, new).run()


def quoted(name: str) -> str:
    return f"”{name}”"


def short_name(text: str, limit: int = NAME_LENGTH) -> str:
    """An action's text short enough to name it in a sentence: the text itself, else its first
    sentence, else cut at a word with an ellipsis."""
    words = " ".join(text.split())
    if len(words) <= limit:
        return words.rstrip(".")
    first = words.split(". ", 1)[0]
    if len(first) <= limit:
        return first.rstrip(".")
    cut = words[:limit].rsplit(" ", 1)[0].rstrip(",;:.")
    return cut + " …"


def _status(action: Action) -> str:
    return action.status.label.lower()


def _horizon(value) -> str:
    return value.label.lower() if value.named else value.label


@dataclass
class _Comparer:
    old: Roadmap
    new: Roadmap
    old_needs: dict[str, Need] = field(init=False)
    new_needs: dict[str, Need] = field(init=False)
    old_actions: dict[str, tuple[Action, Need]] = field(init=False)
    new_actions: dict[str, tuple[Action, Need]] = field(init=False)
    since: date = field(init=False)  # the older version's date: reasons recorded after it are new
    renamed: dict[str, str] = field(init=False)  # old id -> new id, for recorded renames
    removals: dict[str, Reason] = field(init=False)  # why a need or action was removed, by id

    def __post_init__(self) -> None:
        self.old_needs = {n.id: n for n in self.old.needs()}
        self.new_needs = {n.id: n for n in self.new.needs()}
        self.old_actions = {a.id: (a, n) for n in self.old.needs() for a in n.actions}
        self.new_actions = {a.id: (a, n) for n in self.new.needs() for a in n.actions}
        self.since = self.old.document.date
        self.renamed = {}
        for item in [*self.new.needs(), *self.new.actions()]:
            old_ids = self.old_needs if isinstance(item, Need) else self.old_actions
            if item.id not in old_ids:
                former = next((f for f in item.former_ids if f in old_ids), None)
                if former is not None:
                    self.renamed[former] = item.id
        self.removals = {r.id: Reason(r.date, r.reason) for r in self.new.removed}

    def _gone(self, ident: str, current: dict) -> bool:
        return ident not in current and ident not in self.renamed

    def _before(self, ident: str, old: dict):
        """The older version of a need or action, by its id or the one it was renamed from."""
        if ident in old:
            return old[ident]
        former = next((o for o, n in self.renamed.items() if n == ident), None)
        return old.get(former) if former else None

    # Links point into the newer version: the page the reader can open.
    def need_part(self, need: Need) -> Part:
        return Part(need.title, item_url(need.area_id, need.id))

    def action_part(self, action: Action, need: Need) -> Part:
        return Part(short_name(action.text), item_url(need.area_id, action.id))

    def run(self) -> Comparison:
        sections = [
            Section("Dokumentet", tuple(self.document_changes())),
            Section("Nationella initiativ", tuple(self.initiative_changes())),
        ]
        old_areas = {a.id: a for a in self.old.areas}
        new_area_ids = {a.id for a in self.new.areas}
        for area in self.new.areas:
            sections.append(Section(area.title, tuple(self.area_changes(old_areas.get(area.id), area))))
        for area in self.old.areas:
            if area.id not in new_area_ids:
                sections.append(Section(area.title, tuple(self.removed_area(area))))
        return Comparison(self.old, self.new, tuple(s for s in sections if s.changes))

    # The document as a whole.
    def document_changes(self) -> Iterator[Change]:
        old, new = self.old.document, self.new.document
        if old.stage is not new.stage:
            yield Change(
                "document",
                (
                    Part(
                        f"Färdplanen är nu {_STAGE_PHRASES[new.stage]}. "
                        f"Den förra versionen var {_STAGE_PHRASES[old.stage]}."
                    ),
                ),
            )
        if new.decision and new.decision != old.decision:
            paragraph = f", {new.decision.paragraph}" if new.decision.paragraph else ""
            yield Change(
                "document",
                (
                    Part(
                        f"Beslutet: {new.decision.body} beslutade om färdplanen den "
                        f"{swedish_date(new.decision.date)}{paragraph}."
                    ),
                ),
            )
        if old.title != new.title:
            yield Change(
                "document", (Part(f"Färdplanen har fått titeln {quoted(new.title)}."),), old.title, new.title
            )
        if old.registration_number != new.registration_number and new.registration_number:
            yield Change("document", (Part(f"Diarienumret är nu {new.registration_number}."),))
        yield from self.text_change("Sammanfattningen har ändrats.", old.summary, new.summary)
        yield from self.text_change(
            "Bakgrunden har ändrats.", "\n\n".join(old.background), "\n\n".join(new.background)
        )
        old_process = "\n\n".join(f"{s.name}: {s.description}" for s in old.process)
        new_process = "\n\n".join(f"{s.name}: {s.description}" for s in new.process)
        yield from self.text_change(
            "Beskrivningen av processen framåt har ändrats.", old_process, new_process
        )
        old_bodies = {b.id: b for b in self.old.bodies}
        for body in self.new.bodies:
            before = old_bodies.get(body.id)
            if before and before.name != body.name:
                yield Change(
                    "document", (Part(f"Den ansvariga {quoted(before.name)} heter nu {quoted(body.name)}."),)
                )

    def text_change(
        self,
        sentence: str | tuple[Part, ...],
        before: str | None,
        after: str | None,
    ) -> Iterator[Change]:
        if _normal(before) != _normal(after):
            parts = (Part(sentence),) if isinstance(sentence, str) else sentence
            yield Change("text", parts, before or "(ingen text)", after or "(ingen text)")

    def initiative_changes(self) -> Iterator[Change]:
        old = {i.id: i for i in self.old.initiatives}
        new = {i.id: i for i in self.new.initiatives}
        for ident, initiative in new.items():
            if ident not in old:
                yield Change(
                    "initiative",
                    (
                        Part(
                            f"Nytt nationellt initiativ: {quoted(initiative.name)} ({initiative.reference})."
                        ),
                    ),
                )
            elif _initiative_facts(old[ident]) != _initiative_facts(initiative):
                yield Change(
                    "initiative", (Part(f"Uppgifterna om {quoted(initiative.name)} har uppdaterats."),)
                )
        for ident, initiative in old.items():
            if ident not in new:
                yield Change(
                    "initiative",
                    (Part(f"Det nationella initiativet {quoted(initiative.name)} finns inte längre med."),),
                )

    # One area and everything under it.
    def area_changes(self, old_area: Area | None, area: Area) -> Iterator[Change]:
        if old_area is None:
            yield Change("area-added", (Part(f"Nytt område: {quoted(area.title)}."),))
        else:
            if old_area.title != area.title:
                yield Change(
                    "text", (Part(f"Området {quoted(old_area.title)} heter nu {quoted(area.title)}."),)
                )
            yield from self.text_change(
                "Beskrivningen av området har ändrats.", old_area.description, area.description
            )
        for need in area.needs:
            yield from self.need_changes(need)
        for need in old_area.needs if old_area else ():
            if self._gone(need.id, self.new_needs):
                yield from self.removed_need(need)

    def removed_area(self, area: Area) -> Iterator[Change]:
        yield Change(
            "area-removed", (Part(f"Området {quoted(area.title)} finns inte längre med i färdplanen."),)
        )
        for need in area.needs:
            if self._gone(need.id, self.new_needs):
                yield from self.removed_need(need)

    def removed_need(self, need: Need) -> Iterator[Change]:
        yield Change(
            "need-removed",
            (Part(f"Behovet {quoted(need.title)} har tagits bort."),),
            reasons=self.removal_reasons(need.id),
        )
        for action in need.actions:
            if self._gone(action.id, self.new_actions):
                yield self.removed_action(action, need)

    def removed_action(self, action: Action, need: Need) -> Change:
        return Change(
            "action-removed",
            (
                Part(
                    f"Åtgärden {quoted(short_name(action.text))} under behovet "
                    f"{quoted(need.title)} har tagits bort."
                ),
            ),
            action.text,
            None,
            reasons=self.removal_reasons(action.id),
        )

    def removal_reasons(self, ident: str) -> tuple[Reason, ...]:
        return (self.removals[ident],) if ident in self.removals else ()

    def need_changes(self, need: Need) -> Iterator[Change]:
        name = self.need_part(need)
        old = self._before(need.id, self.old_needs)
        if old is None:
            yield Change(
                "need-added",
                (Part("Nytt behov: ”"), name, Part(f"”, med tidshorisonten {_horizon(need.horizon)}.")),
            )
        else:
            if old.area_id != need.area_id:
                old_area = self.old.area(old.area_id).title
                yield Change(
                    "need-moved",
                    (Part("Behovet ”"), name, Part(f"” har flyttats hit från området {quoted(old_area)}.")),
                )
            if old.title != need.title:
                yield Change(
                    "text",
                    (Part(f"Behovet {quoted(old.title)} har fått rubriken ”"), name, Part("”.")),
                    old.title,
                    need.title,
                )
            yield from self.text_change(
                (Part("Beskrivningen av behovet ”"), name, Part("” har ändrats.")),
                old.description,
                need.description,
            )
            if old.horizon != need.horizon:
                yield Change(
                    "horizon",
                    (
                        Part("Tidshorisonten för behovet ”"),
                        name,
                        Part(f"” är nu {_horizon(need.horizon)} i stället för {_horizon(old.horizon)}."),
                    ),
                    reasons=self.reasons(need, ChangedField.TIDSHORISONT),
                )
            yield from self.reference_changes(old, need, name)
        for action in need.actions:
            yield from self.action_changes(action, need)
        for action in old.actions if old else ():
            if self._gone(action.id, self.new_actions):
                yield self.removed_action(action, old)

    def reference_changes(self, old: Need, need: Need, name: Part) -> Iterator[Change]:
        before = {i.id for i in old.national}
        after = {i.id for i in need.national}
        for initiative in need.national:
            if initiative.id not in before:
                yield Change(
                    "reference",
                    (Part("Behovet ”"), name, Part(f"” hänvisar nu också till {quoted(initiative.name)}.")),
                )
        for initiative in old.national:
            if initiative.id not in after:
                yield Change(
                    "reference",
                    (
                        Part("Behovet ”"),
                        name,
                        Part(f"” hänvisar inte längre till {quoted(initiative.name)}."),
                    ),
                )

    def action_changes(self, action: Action, need: Need) -> Iterator[Change]:
        name = self.action_part(action, need)
        found = self._before(action.id, self.old_actions)
        if found is None:
            horizon = f", tidshorisont {_horizon(action.horizon)}" if action.horizon else ""
            yield Change(
                "action-added",
                (
                    Part(
                        f"Ny åtgärd under {quoted(self.new.settings.column_label(action.column))} för behovet {quoted(need.title)}: ”"
                    ),
                    name,
                    Part(f"” (ansvarig: {action.body.name}, status: {_status(action)}{horizon})."),
                ),
                None,
                action.text,
            )
            return
        old, old_need = found
        if self._before(need.id, self.old_needs) is not old_need:
            yield Change(
                "action-moved",
                (
                    Part("Åtgärden ”"),
                    name,
                    Part(
                        f"” har flyttats från behovet {quoted(old_need.title)} "
                        f"till behovet {quoted(need.title)}."
                    ),
                ),
            )
        elif old.column != action.column:
            yield Change(
                "action-moved",
                (
                    Part("Åtgärden ”"),
                    name,
                    Part(
                        f"” står nu under {quoted(self.new.settings.column_label(action.column))} "
                        f"i stället för {quoted(self.new.settings.column_label(old.column))}."
                    ),
                ),
            )
        if _normal(old.text) != _normal(action.text):
            yield Change(
                "text", (Part("Åtgärden ”"), name, Part("” har fått en ny lydelse.")), old.text, action.text
            )
        if old.body.id != action.body.id:
            yield Change(
                "responsible",
                (
                    Part("Åtgärden ”"),
                    name,
                    Part(f"” har en ny ansvarig: {action.body.name} i stället för {old.body.name}."),
                ),
            )
        if old.status is not action.status:
            yield Change(
                "status",
                (
                    Part("Åtgärden ”"),
                    name,
                    Part(f"” har ändrat status från {_status(old)} till {_status(action)}."),
                ),
                reasons=self.reasons(action, ChangedField.STATUS),
            )
        if old.horizon != action.horizon:
            if action.horizon is None:
                text = f"” har inte längre någon egen tidshorisont (var {_horizon(old.horizon)})."
            elif old.horizon is None:
                text = f"” har fått tidshorisonten {_horizon(action.horizon)}."
            else:
                text = (
                    f"” har tidshorisonten {_horizon(action.horizon)} i stället för {_horizon(old.horizon)}."
                )
            yield Change(
                "horizon",
                (Part("Åtgärden ”"), name, Part(text)),
                reasons=self.reasons(action, ChangedField.TIDSHORISONT),
            )

    def reasons(self, item: Need | Action, field: ChangedField) -> tuple[Reason, ...]:
        """The reasons the editors recorded under `ändringar` for this kind of change, since the
        older version (entries dated on or before its date were recorded for an earlier version)."""
        return tuple(
            Reason(change.date, change.reason)
            for change in reversed(item.changes)
            if change.field is field and not (self.since and change.date <= self.since)
        )


_STAGE_PHRASES = {Stage.UTKAST: "ett utkast", Stage.REMISS: "en remissversion", Stage.BESLUTAD: "beslutad"}


def _normal(text: str | None) -> str:
    return " ".join((text or "").split())


def _initiative_facts(initiative) -> tuple:
    return (
        initiative.name,
        initiative.kind,
        initiative.reference,
        initiative.url,
        initiative.valid_from,
        initiative.valid_to,
        _normal(initiative.description),
    )
