"""The remiss while it runs: is it open today, the links on every heading and need, the banner.

Everything here is decided from the data and the build date (clock.build_date(), fixed in tests
with FARDPLAN_TODAY), so a daily rebuild switches the site from "open" to "closed" on time.
Links are built here, percent-encoded as UTF-8, and kept under MAX_URL_LENGTH characters.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date
from enum import Enum
from urllib.parse import quote, urlencode

from fardplan.data.addresses import mailto
from fardplan.data.model import Document, Remiss, Roadmap, Stage
from fardplan.data.routes import REMISS_URL
from fardplan.data.text import swedish_date

# The issue form in .github/ISSUE_TEMPLATE/ and the label it applies.
FORM_FILE = "remissynpunkt.yml"
LABEL = "remiss"
# The "part" a comment on the whole proposal refers to (headings and needs use their own ids).
WHOLE_DOCUMENT = "hela-fardplanen"
# The page that explains the remiss and shows the compiled answers.
PAGE_URL = REMISS_URL  # the page "Remiss och remissvar"
# Browsers, mail programs and GitHub accept longer URLs, but not all of them; stay well below.
MAX_URL_LENGTH = 8000
# Long titles are cut in the prefilled issue title; the id carries the reference anyway.
MAX_TITLE_LENGTH = 120


class RemissState(Enum):
    NOT_OPEN = "ej-öppnad"
    OPEN = "öppen"
    CLOSED = "stängd"


def remiss_state(remiss: Remiss, today: date) -> RemissState:
    if today < remiss.opens:
        return RemissState.NOT_OPEN
    if today > remiss.last_day:
        return RemissState.CLOSED
    return RemissState.OPEN


def days_left_text(remiss: Remiss, today: date) -> str:
    days = (remiss.last_day - today).days
    if days == 0:
        return "i dag är sista dagen"
    return f"{days} {'dag' if days == 1 else 'dagar'} kvar"


# --- Links ---------------------------------------------------------------------------------------


def _checked(url: str) -> str:
    if len(url) >= MAX_URL_LENGTH:
        raise ValueError(f"länken blev {len(url)} tecken lång, gränsen är {MAX_URL_LENGTH}: {url[:80]}…")
    return url


def _short(title: str) -> str:
    title = " ".join(title.split())
    return title if len(title) <= MAX_TITLE_LENGTH else title[: MAX_TITLE_LENGTH - 1].rstrip() + "…"


def _repository_url(remiss: Remiss) -> str:
    """https://github.com/OWNER/REPO, each part encoded (the schema allows only plain names)."""
    owner, _, name = (remiss.repository or "").partition("/")
    return f"https://github.com/{quote(owner, safe='')}/{quote(name, safe='')}"


def new_issue_url(remiss: Remiss, version: str, part_id: str, part_title: str) -> str:
    """GitHub's new-issue page with the remiss form, its title, part and version filled in.

    Only input and textarea fields of an issue form can be prefilled from the URL; the form's
    field ids `del` and `version` are the query keys.
    """
    query = urlencode(
        {
            "template": FORM_FILE,
            "title": f"Remissynpunkt: {_short(part_title)}",
            "del": part_id,
            "version": version,
        },
        quote_via=quote,
    )
    return _checked(f"{_repository_url(remiss)}/issues/new?{query}")


def issue_search_url(remiss: Remiss, part_id: str) -> str:
    """GitHub's issue list, searching the remiss comments that name this part."""
    search = f'is:issue label:{LABEL} "{part_id}"'
    return _checked(f"{_repository_url(remiss)}/issues?q={quote(search, safe='')}")


def mail_body(document: Document, remiss: Remiss, part_id: str, part_title: str) -> str:
    """The e-mail's prefilled text: the same questions as the issue form, in plain lines."""
    return "\n".join(
        [
            f"Remissvar på {document.title}",
            f"Diarienummer: {remiss.registration_number}",
            f"Version: {document.version}",
            f"Del av färdplanen: {part_id} ({_short(part_title)})",
            "",
            "Remissinstans (namn): ",
            "Typ (nämnd, råd, förening, företag eller privatperson): ",
            "Ställningstagande (tillstyrker, tillstyrker med ändringar, avstyrker eller inga synpunkter): ",
            "",
            "Synpunkt:",
            "",
            "",
            "Förslag till ny formulering (om du har ett):",
            "",
            "",
            "Får ditt namn visas på färdplanens webbplats? (ja eller nej): ",
            "Kontaktuppgift (frivilligt): ",
            "",
            "Ditt svar blir en allmän handling: vem som helst kan begära att få läsa det.",
            "Ditt namn visas på webbplatsen bara om du svarar ja på frågan om det.",
        ]
    )


def mailto_url(document: Document, remiss: Remiss, part_id: str, part_title: str) -> str:
    """A mailto: link (RFC 6068) to the registry: spaces as %20, line breaks as %0D%0A, and å, ä, ö
    as percent-encoded UTF-8. The subject names the part as readers know it, and its id."""
    subject = f"Remissvar {remiss.registration_number}, version {document.version}: {_short(part_title)} ({part_id})"
    body = mail_body(document, remiss, part_id, part_title).replace("\n", "\r\n")
    query = f"subject={quote(subject, safe='')}&body={quote(body, safe='')}"
    return _checked(mailto(remiss.email, query))


@dataclass(frozen=True)
class PartLinks:
    """The three links offered on one heading or need while the remiss is open."""

    part_id: str
    title: str
    comment_url: str | None  # None without a repository (inställningar.förråd): e-mail only
    mail_url: str
    search_url: str | None


def part_links(document: Document, remiss: Remiss, part_id: str, title: str) -> PartLinks:
    github = remiss.repository is not None
    return PartLinks(
        part_id=part_id,
        title=title,
        comment_url=new_issue_url(remiss, document.version, part_id, title) if github else None,
        mail_url=mailto_url(document, remiss, part_id, title),
        search_url=issue_search_url(remiss, part_id) if github else None,
    )


def commentable_parts(roadmap: Roadmap) -> Iterator[tuple[str, str]]:
    """(id, title) of everything a comment can refer to: the whole proposal, each heading, each need."""
    yield WHOLE_DOCUMENT, roadmap.document.title
    for area in roadmap.areas:
        yield area.id, area.title
        for need in area.needs:
            yield need.id, need.title


# --- What the pages show ---------------------------------------------------------------------------


@dataclass(frozen=True)
class Banner:
    """The remiss banner on every page; the theme template only prints these values."""

    title: str
    text: str
    link_url: str  # site-relative, for the theme's `url` filter
    link_text: str

    def for_theme(self) -> dict[str, str]:
        return {
            "title": self.title,
            "text": self.text,
            "link_url": self.link_url,
            "link_text": self.link_text,
        }


@dataclass(frozen=True)
class RemissView:
    remiss: Remiss
    state: RemissState
    today: date
    links: dict[str, PartLinks]  # by part id; only while open
    closed_notice: str | None  # instead of the links, after the deadline (while not decided)
    banner: Banner | None
    answered: frozenset[str] = frozenset()  # parts with compiled comments on the remiss page

    @property
    def open(self) -> bool:
        return self.state is RemissState.OPEN

    @property
    def closed(self) -> bool:
        return self.state is RemissState.CLOSED

    @property
    def not_yet_open(self) -> bool:
        return self.state is RemissState.NOT_OPEN

    @property
    def days_left(self) -> str:
        return days_left_text(self.remiss, self.today)

    @property
    def contact_url(self) -> str:
        """A plain mailto: link to the registry, for those who write their own e-mail."""
        return mailto(self.remiss.email)


def remiss_view(
    roadmap: Roadmap, today: date, *, has_answers: bool = False, answered: frozenset[str] = frozenset()
) -> RemissView | None:
    remiss = roadmap.remiss
    if remiss is None:
        return None
    state = remiss_state(remiss, today)
    last_day = swedish_date(remiss.last_day)
    links: dict[str, PartLinks] = {}
    closed_notice = None
    banner = None
    if state is RemissState.OPEN:
        links = {
            pid: part_links(roadmap.document, remiss, pid, title) for pid, title in commentable_parts(roadmap)
        }
        banner = Banner(
            title="Förslaget är ute på remiss.",
            text=f"Lämna dina synpunkter senast den {last_day} ({days_left_text(remiss, today)}).",
            link_url=PAGE_URL,
            link_text="Så lämnar du synpunkter",
        )
    elif state is RemissState.CLOSED and roadmap.document.stage is not Stage.BESLUTAD:
        closed_notice = f"Remisstiden gick ut den {last_day}."
        banner = Banner(
            title=closed_notice,
            text="Synpunkterna sammanställs inför beslutet." if not has_answers else "",
            link_url=PAGE_URL,
            link_text="Läs sammanställningen av remissvaren" if has_answers else "Om remissen",
        )
    return RemissView(remiss, state, today, links, closed_notice, banner, answered)
