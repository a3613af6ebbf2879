"""A new, clean färdplan as text: the settings block and an outline of areas and needs (issue 17 item 3).

The outline is what an organisation has on paper when it starts: headings with the needs under
them. It is written as a small text file (`parse_outline`) or given as repeated options. The plan
has no example content: no national initiatives, no actions, no remiss block; its only dates are
the day it was written (dokument.datum and each need's senast-granskad, as `fardplan add` writes).
The site's accessibility statement and README come from Jinja templates beside this module.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

from jinja2 import Environment, FileSystemLoader, StrictUndefined

from fardplan.data.text import markdown_text, swedish_date
from fardplan.editing.scaffold import _item, _key_value, new_id

TEMPLATES = Path(__file__).parent / "templates"
DEFAULT_TITLE = "Färdplan för äldreomsorgens utveckling"
KINDS = ("kommun", "region")
TERMS = ("staden", "kommunen", "regionen")
# The fill-in text of an area the outline gave no description for: plainly a task, not content.
AREA_DESCRIPTION = "Skriv en kort beskrivning av vad området handlar om."
OUTLINE_HELP = """\
Dispositionen är en textfil med områdena som rubriker och behoven som punkter under dem:

  # Styrning och samverkan
  Hur äldreomsorgen leds och samverkar med regionen.   (valfri beskrivning av området)
  - Nära samverkan med regionen
  - Tydlig uppföljning

  # Personal och kompetens
  - Fler undersköterskor

  ## Ansvariga                                          (valfritt: organen som kan ansvara)
  - Kommunstyrelsen
  - Vård- och omsorgsnämnden
"""


class OutlineError(ValueError):
    """The outline cannot be used; the message is Swedish and names the line."""


@dataclass
class Area:
    title: str
    description: str | None = None
    needs: list[str] = field(default_factory=list)


@dataclass
class Outline:
    areas: list[Area] = field(default_factory=list)
    bodies: list[str] = field(default_factory=list)

    def problems(self) -> list[str]:
        found = [] if self.areas else ["dispositionen har inget område: skriv minst ett område med ett behov"]
        found += [f"området {a.title!r} har inget behov: skriv minst ett" for a in self.areas if not a.needs]
        return found


@dataclass(frozen=True)
class Settings:
    """The `inställningar` block of a new plan (see the schema for each key)."""

    organisation: str
    typ: str = "kommun"
    benämning: str | None = None
    kommunkod: str | None = None
    webbplats: str | None = None
    förråd: str = ""
    gren: str = "main"
    kontakt_epost: str | None = None
    remiss_epost: str | None = None

    @property
    def term(self) -> str:
        return self.benämning or ("regionen" if self.typ == "region" else "kommunen")


def parse_outline(text: str, name: str) -> Outline:
    outline, in_bodies = Outline(), False
    for number, raw in enumerate(text.splitlines(), 1):
        line = raw.strip()
        if not line:
            continue
        where = f"{name}:{number}"
        heading = re.match(r"^(#+)\s*(.*)$", line)
        item = re.match(r"^[-*•]\s*(.*)$", line)
        if heading:
            title = " ".join(heading.group(2).split())
            if not title:
                raise OutlineError(f"{where}: rubriken är tom: skriv områdets rubrik efter #")
            in_bodies = title.casefold() == "ansvariga"
            if not in_bodies:
                outline.areas.append(Area(title))
        elif item:
            entry = " ".join(item.group(1).split())
            if not entry:
                continue
            if in_bodies:
                outline.bodies.append(entry)
            elif not outline.areas:
                raise OutlineError(
                    f"{where}: behovet {entry!r} står före första området: skriv en rubrik med # före det"
                )
            else:
                outline.areas[-1].needs.append(entry)
        elif outline.areas and not in_bodies and not outline.areas[-1].needs:
            area = outline.areas[-1]
            area.description = f"{area.description} {line}" if area.description else " ".join(line.split())
        else:
            raise OutlineError(
                f"{where}: raden är varken en rubrik (# Område), ett behov (- Behov) eller en beskrivning "
                "direkt under en rubrik"
            )
    return outline


def plan_text(settings: Settings, outline: Outline, today: date, *, title: str = DEFAULT_TITLE) -> str:
    """The data file: settings, document, bodies and areas, with comments that say what to fill in."""
    taken: set[str] = set()
    bodies = outline.bodies or ["Kommunstyrelsen"]
    lines = [
        "# yaml-language-server: $schema=roadmap.schema.json",
        f"# Färdplanen för {settings.organisation}. Den här filen är den enda källan: webbplatsen, PDF:en",
        "# och öppna data byggs från den. Kontrollera den med: python3 scripts/dev.py validate",
        "",
        "# Organisationens uppgifter. De står bara här: webbplatsen, PDF:en och öppna data läser dem.",
        "inställningar:",
    ]
    for key, value in (
        ("organisation", settings.organisation),
        ("typ", settings.typ),
        ("benämning", settings.term),
        ("kommunkod", settings.kommunkod),
        ("webbplats", settings.webbplats),
        ("förråd", settings.förråd),
        ("gren", settings.gren),
        ("kontakt-epost", settings.kontakt_epost),
        ("remiss-epost", settings.remiss_epost),
    ):
        if key == "kommunkod" and value is not None:  # always quoted: "0180" is a text, not a number
            lines.append(f"  kommunkod: {json.dumps(value, ensure_ascii=False)}")
        elif value is not None:
            lines += _key_value(2, key, value)
    lines += [
        "",
        "# Ett utkast publiceras som ”utkast”. Byt status till remiss och lägg till ett block remiss",
        "# när färdplanen ska ut på remiss (se Kom igång för din kommun).",
        "dokument:",
        *_key_value(2, "titel", title),
        *_key_value(2, "version", str(today.year)),
        "  status: utkast",
        f"  datum: {today.isoformat()}",
        "  diarienummer: null",
        "  beslut: null",
        "",
        "# Organen som kan ansvara för en åtgärd.",
        "ansvariga:",
    ]
    for body in bodies:
        body_id = new_id(body, taken, "organ")
        taken.add(body_id)
        lines += _item(2, [("id", body_id), ("namn", body)])
    lines += [
        "",
        "# Nationella lagar, propositioner, statsbidrag och utredningar som behoven hänvisar till.",
        "nationella-initiativ: []",
        "",
        "områden:",
    ]
    for area in outline.areas:
        area_id = new_id(area.title, taken, "omrade")
        taken.add(area_id)
        lines += _item(
            2,
            [
                ("id", area_id),
                ("rubrik", area.title),
                ("beskrivning", area.description or AREA_DESCRIPTION),
            ],
        )
        lines.append("    behov:")
        for need in area.needs:
            need_id = new_id(need, taken, "behov")
            taken.add(need_id)
            lines += _item(
                6,
                [
                    ("id", need_id),
                    ("rubrik", need),
                    ("nationellt", []),
                    ("staden", []),
                    ("behöver-göras", []),
                    ("tidshorisont", "löpande"),
                    ("senast-granskad", today.isoformat()),
                ],
            )
        lines.append("")
    return "\n".join(lines).rstrip("\n") + "\n"


def _templates() -> Environment:
    # Markdown pages: every setting goes through the md filter (text.markdown_text).
    return Environment(
        loader=FileSystemLoader(TEMPLATES),
        undefined=StrictUndefined,
        keep_trailing_newline=True,
        autoescape=False,
    )


def site_file(template: str, settings: Settings, today: date, *, title: str = DEFAULT_TITLE) -> str:
    """A page or file of the new site (the accessibility statement, the README) from its template."""
    environment = _templates()
    environment.filters["md"] = markdown_text
    return environment.get_template(template).render(
        settings=settings, title=title, today=today, date_text=swedish_date(today)
    )
