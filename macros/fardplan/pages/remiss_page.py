"""What the page "Remiss och remissvar" shows, prepared from the compiled comments and responses:
counts of positions per part and per remissinstans, comments with their response, in the
färdplan's order. Templates only loop over this.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass

from fardplan.data.model import Remiss, Respondent, RespondentKind, Roadmap
from fardplan.data.routes import area_url, item_url
from fardplan.remiss.answers import Assessment, Comment, Position, RemissAnswers, Response
from fardplan.remiss.period import WHOLE_DOCUMENT, RemissView

NAME_WITHHELD = "Namn publiceras inte"
UNCONFIRMED = "Inte bekräftade avsändare"


@dataclass(frozen=True)
class PositionCount:
    position: Position
    count: int


def position_counts(comments: Iterable[Comment]) -> tuple[PositionCount, ...]:
    """All four positions in their order, zeros included, so table columns line up."""
    counter = Counter(c.position for c in comments)
    return tuple(PositionCount(p, counter[p]) for p in Position)


@dataclass(frozen=True)
class CommentView:
    comment: Comment
    who: str  # the name, or NAME_WITHHELD
    late: bool  # came in after the last day
    response: Response | None
    claim: str | None = None  # "uppger sig företräda …, inte bekräftat" for an unconfirmed organisation


@dataclass(frozen=True)
class PartView:
    id: str
    title: str
    anchor: str  # this part's section on the remiss page
    site_url: str | None  # where the part stands on the site; None when it has left the färdplan
    counts: tuple[PositionCount, ...]
    comments: tuple[CommentView, ...]
    response: Response | None
    area_title: str | None = None  # for a need: the heading it stands under

    @property
    def total(self) -> int:
        return len(self.comments)


@dataclass(frozen=True)
class AreaView:
    heading: PartView
    needs: tuple[PartView, ...]

    @property
    def parts(self) -> tuple[PartView, ...]:
        return (self.heading,) + self.needs


def claim(comment: Comment, invited: set[str]) -> str | None:
    """What the page says about a name nobody has confirmed: anyone can type any name into the form.
    A private person's own name is no claim, unless it is the name of an invited remissinstans."""
    if comment.confirmed or comment.name is None:
        return None
    if comment.kind is RespondentKind.PRIVATPERSON and _key(comment.name) not in invited:
        return None
    return f"uppger sig företräda {comment.name}, inte bekräftat"


@dataclass(frozen=True)
class RespondentRow:
    name: str
    kind: RespondentKind
    invited: bool
    counts: tuple[PositionCount, ...]
    parts: tuple[PartView, ...]  # what they commented on, in the färdplan's order

    @property
    def total(self) -> int:
        return sum(c.count for c in self.counts)


@dataclass(frozen=True)
class ResponseRow:
    part: PartView
    comment: CommentView | None  # None: the response covers the whole part
    response: Response


@dataclass(frozen=True)
class AssessmentCount:
    assessment: Assessment
    count: int


@dataclass(frozen=True)
class RemissPage:
    remiss: Remiss
    view: RemissView
    answers: RemissAnswers
    whole: PartView
    areas: tuple[AreaView, ...]
    other_parts: tuple[PartView, ...]  # commented on, but no longer in the färdplan
    totals: tuple[PositionCount, ...]
    respondents: tuple[RespondentRow, ...]
    not_answered: tuple[Respondent, ...]
    responses: tuple[ResponseRow, ...]
    assessment_counts: tuple[AssessmentCount, ...]
    positions: tuple[Position, ...] = tuple(Position)

    @property
    def total(self) -> int:
        return len(self.answers.comments)

    @property
    def parts(self) -> tuple[PartView, ...]:
        return (self.whole,) + tuple(p for a in self.areas for p in a.parts) + self.other_parts

    @property
    def late_count(self) -> int:
        """Comments that came in after the last day (they are counted, and marked where shown)."""
        return sum(1 for p in self.parts for c in p.comments if c.late)

    @property
    def comment_assessments(self) -> tuple[AssessmentCount, ...]:
        """How the comments were met, counted per comment: a response to a whole part counts for
        each comment on that part, so these numbers add up to `answered_count`, out of `total`."""
        responses = (c.response or p.response for p in self.parts for c in p.comments)
        counter = Counter(response.assessment for response in responses if response)
        return tuple(AssessmentCount(a, counter[a]) for a in Assessment if counter[a])

    @property
    def answered_count(self) -> int:
        return sum(item.count for item in self.comment_assessments)

    @property
    def detailed_parts(self) -> tuple[PartView, ...]:
        """The parts that get a section of their own: those with comments or a response."""
        return tuple(p for p in self.parts if p.total or p.response)


def answers_anchor(part_id: str) -> str:
    return f"svar-{part_id}"


def _key(name: str) -> str:
    return " ".join(name.casefold().split())


def remiss_page(roadmap: Roadmap, view: RemissView, answers: RemissAnswers) -> RemissPage:
    remiss = view.remiss
    by_part: dict[str, list[Comment]] = {}
    for comment in answers.comments:
        by_part.setdefault(comment.part, []).append(comment)
    comment_responses = {r.comment_number: r for r in answers.responses if r.comment_number is not None}
    part_responses = {r.part: r for r in answers.responses if r.part is not None}
    invited_keys = {_key(r.name) for r in remiss.invited}

    def part(part_id: str, title: str, site_url: str | None, area_title: str | None = None) -> PartView:
        comments = by_part.get(part_id, [])
        return PartView(
            id=part_id,
            title=title,
            anchor=answers_anchor(part_id),
            site_url=site_url,
            counts=position_counts(comments),
            comments=tuple(
                CommentView(
                    c,
                    c.name or NAME_WITHHELD,
                    c.received > remiss.last_day,
                    comment_responses.get(c.number),
                    claim(c, invited_keys),
                )
                for c in comments
            ),
            response=part_responses.get(part_id),
            area_title=area_title,
        )

    whole = part(WHOLE_DOCUMENT, "Färdplanen som helhet", "")
    areas = tuple(
        AreaView(
            part(area.id, area.title, area_url(area.id)),
            tuple(part(n.id, n.title, item_url(area.id, n.id), area.title) for n in area.needs),
        )
        for area in roadmap.areas
    )
    known = {WHOLE_DOCUMENT} | {p.id for a in areas for p in a.parts}
    others = tuple(
        part(pid, f"Del som inte längre finns i färdplanen ({pid})", None)
        for pid in sorted(set(by_part) - known)
    )
    parts_in_order = (whole,) + tuple(p for a in areas for p in a.parts) + others
    order = {p.id: index for index, p in enumerate(parts_in_order)}
    views_by_id = {p.id: p for p in parts_in_order}

    # One row per confirmed remissinstans (invited ones first, in the order they were invited, then
    # others by name), then one row per kind for those whose names are not shown, then one row per
    # kind for names nobody confirmed: they count for no remissinstans.
    invited = {_key(r.name): (index, r.name) for index, r in enumerate(remiss.invited)}
    groups: dict[tuple[int, int, str], tuple[str, RespondentKind, list[Comment]]] = {}
    for comment in answers.comments:
        kind_order = list(RespondentKind).index(comment.kind)
        if comment.confirmed and comment.name and _key(comment.name) in invited:
            index, name = invited[_key(comment.name)]
            order_key = (0, index, "")
        elif comment.confirmed and comment.name:
            name, order_key = comment.name, (1, 0, _key(comment.name))
        elif not comment.name:
            name, order_key = NAME_WITHHELD, (2, kind_order, "")
        else:
            name, order_key = UNCONFIRMED, (3, kind_order, "")
        groups.setdefault(order_key, (name, comment.kind, []))[2].append(comment)
    respondents = tuple(
        RespondentRow(
            name,
            kind,
            order_key[0] == 0,
            position_counts(comments),
            tuple(views_by_id[pid] for pid in sorted({c.part for c in comments}, key=order.__getitem__)),
        )
        for order_key, (name, kind, comments) in sorted(groups.items(), key=lambda item: item[0])
    )
    answered = {_key(c.name) for c in answers.comments if c.name and c.confirmed}
    not_answered = tuple(r for r in remiss.invited if _key(r.name) not in answered)

    rows: list[ResponseRow] = []
    for p in parts_in_order:
        if p.response:
            rows.append(ResponseRow(p, None, p.response))
        rows.extend(ResponseRow(p, c, c.response) for c in p.comments if c.response)
    counter = Counter(r.response.assessment for r in rows)

    return RemissPage(
        remiss=remiss,
        view=view,
        answers=answers,
        whole=whole,
        areas=areas,
        other_parts=others,
        totals=position_counts(answers.comments),
        respondents=respondents,
        not_answered=not_answered,
        responses=tuple(rows),
        assessment_counts=tuple(AssessmentCount(a, counter[a]) for a in Assessment if counter[a]),
    )
