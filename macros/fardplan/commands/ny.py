"""`fardplan ny`: start a new färdplan for a municipality or region (issue 17 item 3).

    fardplan ny ../min-fardplan --organisation "Lindköpings kommun" --disposition disposition.txt
    fardplan ny ../min-fardplan            # asks for what is missing, in Swedish

It lays out the site from the tool's copier template (copier.yml; the tool's files only), writes
a clean data/roadmap.yaml from the settings and the outline (fardplan.editing.new_plan), a draft
accessibility statement and a README, makes the folder a git repository with one commit, then
validates the data and builds the site strictly. In a copy of the tool's repository that still
holds the example (a GitHub "template repository", see .github/workflows/ny-fardplan.yml) it
replaces the example instead. Later versions of the tool come with `copier update` (README).
"""

from __future__ import annotations

import argparse
import os
import shutil
import subprocess
import sys
import tempfile
from datetime import date
from pathlib import Path
from typing import Any

import yaml

from fardplan.cli import EXIT_DATA, EXIT_USAGE, SwedishArgumentParser, fail, say
from fardplan.data.addresses import SettingsError
from fardplan.data.clock import build_date
from fardplan.data.diagnostics import format_all, summary
from fardplan.data.leftovers import EXAMPLE_ORGANISATION, organisation_name
from fardplan.data.validate import validate_file, validate_text
from fardplan.editing.new_plan import (
    DEFAULT_TITLE,
    KINDS,
    OUTLINE_HELP,
    TERMS,
    Area,
    Outline,
    OutlineError,
    Settings,
    parse_outline,
    plan_text,
    site_file,
)

DESCRIPTION = "Starta en ny färdplan för din kommun eller region: webbplatsen, datan och utkasten."
EPILOG = (
    OUTLINE_HELP
    + """
Utan --disposition går det också att ange områden och behov i ordning:
  --område "Styrning och samverkan" --behov "Nära samverkan med regionen" --behov "Uppföljning"

Det som saknas frågar kommandot efter, om det körs i en terminal (inte med --inga-frågor).
Mappen ska vara ny eller tom, eller en kopia av verktygets förråd som fortfarande har exemplet
(då ersätts exemplet). Slutkoder: 0 klart, 1 datan eller bygget har fel, 2 fel anrop."""
)

# The example's content files: removed when a copy of the tool's repository is taken over.
EXAMPLE_FILES = ("data/remissvar.yaml", "data/remissbemotande.yaml", "data/kolada.json")
EXAMPLE_AREA_PAGES = "docs/omraden"
TOOL_ROOT = Path(__file__).resolve().parents[3]  # the checkout the package runs from, if any


def _outline_option(kind: str) -> type[argparse.Action]:
    """--område and --behov fill one ordered list, so a need belongs to the area given before it."""

    class Append(argparse.Action):
        def __call__(
            self,
            parser: argparse.ArgumentParser,
            namespace: argparse.Namespace,
            value: Any,
            option_string: str | None = None,
        ) -> None:
            items = list(getattr(namespace, "utkast", None) or [])
            items.append((kind, value))
            namespace.utkast = items

    return Append


def arguments(parser: SwedishArgumentParser) -> None:
    parser.add_argument("mapp", type=Path, metavar="MAPP", help="mappen där den nya webbplatsen skapas")
    settings = parser.add_argument_group("inställningar (blir blocket inställningar i datafilen)")
    settings.add_argument("--organisation", metavar="NAMN", help='till exempel "Lindköpings kommun"')
    settings.add_argument("--typ", choices=KINDS, help="kommun (standard) eller region")
    settings.add_argument(
        "--benämning",
        "--benamning",
        dest="benamning",
        choices=TERMS,
        help="vad texterna kallar organisationen (standard: kommunen eller regionen)",
    )
    settings.add_argument("--kommunkod", metavar="KOD", help="fyra siffror, för Kolada (valfri)")
    settings.add_argument("--webbplats", metavar="ADRESS", help="webbplatsens adress, https://… (valfri)")
    settings.add_argument(
        "--förråd",
        "--forrad",
        dest="forrad",
        metavar="ÄGARE/NAMN",
        help="förrådet på GitHub (valfritt; utan det inga redigeringslänkar)",
    )
    settings.add_argument(
        "--gren", metavar="GREN", default="main", help="grenen som redigeras (standard: main)"
    )
    settings.add_argument("--kontakt-epost", metavar="E-POST", help="dit frågor om färdplanen går")
    settings.add_argument("--remiss-epost", metavar="E-POST", help="registratorns adress för remissvar")
    plan = parser.add_argument_group("färdplanen")
    plan.add_argument("--titel", default=DEFAULT_TITLE, help=f"standard: {DEFAULT_TITLE}")
    plan.add_argument("--disposition", type=Path, metavar="FIL", help="områden och behov (se nedan)")
    plan.add_argument(
        "--område", "--omrade", action=_outline_option("område"), metavar="RUBRIK", help="ett område"
    )
    plan.add_argument(
        "--behov", action=_outline_option("behov"), metavar="RUBRIK", help="ett behov under området före"
    )
    plan.add_argument(
        "--ansvarig",
        action="append",
        default=[],
        metavar="NAMN",
        help="ett organ som kan ansvara (flera går)",
    )
    tool = parser.add_argument_group("verktyget")
    tool.add_argument(
        "--mall",
        metavar="KÄLLA",
        help="mallen: verktygets förråd, en mapp eller en git-adress (standard: det här verktygets förråd)",
    )
    tool.add_argument(
        "--mallversion", metavar="REF", help="en tagg eller commit i mallen (standard: den senaste)"
    )
    tool.add_argument(
        "--mallens-adress",
        metavar="ADRESS",
        help="mallens adress för senare uppdateringar, när --mall är en kopia på datorn "
        "(till exempel https://github.com/ÄGARE/fardplan)",
    )
    tool.add_argument("--utan-bygge", action="store_true", help="kontrollera datan men bygg inte webbplatsen")
    tool.add_argument(
        "--inga-frågor",
        "--inga-fragor",
        dest="no_questions",
        action="store_true",
        help="fråga aldrig; fel om något saknas",
    )
    parser.set_defaults(utkast=[])


def execute(args: argparse.Namespace) -> int:
    target: Path = args.mapp
    replacing = _holds_example(target)
    if target.exists() and not target.is_dir():
        return fail(f"{target} är en fil; ange en mapp", EXIT_USAGE)
    if target.is_dir() and any(target.iterdir()) and not replacing:
        return fail(
            f"mappen {target} är inte tom och har inget exempel att ersätta: välj en ny mapp", EXIT_USAGE
        )
    interactive = not args.no_questions and sys.stdin.isatty()
    try:
        outline = _outline(args, interactive)
        settings = _settings(args, interactive)
    except OutlineError as error:
        return fail(str(error), EXIT_USAGE)
    except EOFError:
        return fail("avbrutet: inga fler svar", EXIT_USAGE)
    missing = outline.problems() + ([] if settings else ["--organisation saknas"])
    if missing or settings is None:
        return fail("; ".join(missing) + ". Se fardplan ny --hjälp", EXIT_USAGE)

    today = build_date()
    text = plan_text(settings, outline, today, title=args.titel)
    checked = validate_text(text, "data/roadmap.yaml")
    if not checked.ok:  # a setting the schema refuses: say which, before anything is written
        say(format_all(checked.errors), error=True)
        return fail("inställningarna går inte att använda; rätta dem och försök igen", EXIT_USAGE)

    source = args.mall or _default_template()
    if source is None:
        return fail("ange mallen med --mall (verktygets förråd, en mapp eller en git-adress)", EXIT_USAGE)
    say(f"Lägger upp verktyget från {source} i {target} …")
    _copy_template(source, target, args.mallversion)
    if args.mallens_adress:
        _record_template_address(target, args.mallens_adress)
    _write_content(target, text, settings, today, args.titel, replacing)
    if not (target / ".git").exists():
        _commit(target, f"Ny färdplan för {settings.organisation}")

    result = validate_file(
        target / "data" / "roadmap.yaml",
        name="data/roadmap.yaml",
        schema_path=target / "data" / "roadmap.schema.json",
    )
    if result.diagnostics:
        say(format_all(result.diagnostics))
    if not result.ok:
        return fail(f"den nya datafilen har fel ({summary(result.diagnostics)})", EXIT_DATA)
    if not args.utan_bygge:
        built = _build(target)
        if built.returncode:
            say(built.stdout + built.stderr, error=True)
            return fail("bygget av den nya webbplatsen misslyckades", EXIT_DATA)
    say(_next_steps(target, settings, built=not args.utan_bygge))
    return 0


def _holds_example(folder: Path) -> bool:
    data = folder / "data" / "roadmap.yaml"
    if not data.is_file():
        return False
    try:
        return organisation_name(yaml.safe_load(data.read_text(encoding="utf-8"))) == EXAMPLE_ORGANISATION
    except (yaml.YAMLError, UnicodeDecodeError, AttributeError):
        return False


def _ask(question: str, default: str | None = None, *, required: bool = False) -> str | None:
    hint = f" [{default}]" if default else ""
    while True:
        answer = input(f"{question}{hint}: ").strip()
        if answer or not required or default:
            return answer or default
        print("Det här behövs.", file=sys.stderr)


def _outline(args: argparse.Namespace, interactive: bool) -> Outline:
    outline = Outline(bodies=list(args.ansvarig))
    if args.disposition is not None:
        from fardplan.data.files import read_text

        read = parse_outline(read_text(args.disposition).text, str(args.disposition))
        outline.areas += read.areas
        outline.bodies += [b for b in read.bodies if b not in outline.bodies]
    for kind, value in args.utkast:
        if kind == "område":
            outline.areas.append(Area(" ".join(value.split())))
        elif not outline.areas:
            raise OutlineError(f"--behov {value!r} kommer före första --område")
        else:
            outline.areas[-1].needs.append(" ".join(value.split()))
    if interactive and not outline.areas:
        print("Skriv områdena och deras behov. Lämna raden tom när du är klar.")
        while title := _ask(f"Område {len(outline.areas) + 1} (rubrik)"):
            area = Area(title, needs=[])
            while need := _ask(f"  Behov {len(area.needs) + 1} under {title}"):
                area.needs.append(need)
            outline.areas.append(area)
    if interactive and not outline.bodies:
        print("Vilka organ kan ansvara för åtgärder? Lämna raden tom när du är klar.")
        while body := _ask(f"Ansvarigt organ {len(outline.bodies) + 1}"):
            outline.bodies.append(body)
    return outline


def _settings(args: argparse.Namespace, interactive: bool) -> Settings | None:
    values = {
        "organisation": args.organisation,
        "typ": args.typ,
        "kommunkod": args.kommunkod,
        "webbplats": args.webbplats,
        "förråd": args.forrad,
        "kontakt_epost": args.kontakt_epost,
        "remiss_epost": args.remiss_epost,
    }
    if interactive:
        questions = {
            "organisation": "Organisationens namn, till exempel Lindköpings kommun",
            "typ": "Kommun eller region",
            "kommunkod": "Kommunkoden, fyra siffror (för Kolada; tom om du inte vet)",
            "webbplats": "Webbplatsens adress, https://… (tom om den inte är bestämd)",
            "förråd": "Förrådet på GitHub, ägare/namn (tomt om det inte finns)",
            "kontakt_epost": "E-post för frågor om färdplanen",
            "remiss_epost": "Registratorns e-post för remissvar (tom om ingen remiss ännu)",
        }
        for key, question in questions.items():
            if values[key] is None:
                values[key] = _ask(
                    question, "kommun" if key == "typ" else None, required=key == "organisation"
                )
    if not values["organisation"]:
        return None
    kind = (values["typ"] or "kommun").strip().lower()
    if kind not in KINDS:
        raise OutlineError(f"typ ska vara kommun eller region, inte {values['typ']!r}")
    return Settings(
        organisation=" ".join(values["organisation"].split()),
        typ=kind,
        benämning=args.benamning,
        kommunkod=values["kommunkod"] or None,
        webbplats=values["webbplats"] or None,
        förråd=values["förråd"] or "",
        gren=args.gren,
        kontakt_epost=values["kontakt_epost"] or None,
        remiss_epost=values["remiss_epost"] or None,
    )


def _default_template() -> str | None:
    """The tool's own checkout (an editable install), when it is a copier template in git."""
    if (TOOL_ROOT / "copier.yml").is_file() and (TOOL_ROOT / ".git").exists():
        return str(TOOL_ROOT)
    return None


def _copy_template(source: str, target: Path, ref: str | None) -> None:
    try:
        from copier import run_copy
    except ImportError:
        raise SettingsError(
            "copier är inte installerat: kör python3 scripts/dev.py setup eller pip install copier"
        ) from None
    from copier.errors import CopierError

    try:
        run_copy(
            source,
            target,
            vcs_ref=ref,
            defaults=True,
            overwrite=True,
            quiet=True,
            unsafe=False,
        )
    except (CopierError, subprocess.CalledProcessError, ValueError) as error:
        raise SettingsError(f"mallen {source} kunde inte användas: {error}") from None


def _record_template_address(target: Path, address: str) -> None:
    """`copier update` fetches from the address in the answers file: the public one, not the copy."""
    answers = target / ".copier-answers.yml"
    lines = answers.read_text(encoding="utf-8").splitlines()
    quoted = yaml.safe_dump(address, default_style='"', width=10_000).strip()
    lines = [f"_src_path: {quoted}" if line.startswith("_src_path:") else line for line in lines]
    answers.write_text("\n".join(lines) + "\n", encoding="utf-8")


def _write_content(
    target: Path, text: str, settings: Settings, today: date, title: str, replacing: bool
) -> None:
    if replacing:
        for name in EXAMPLE_FILES:
            (target / name).unlink(missing_ok=True)
        pages = target / EXAMPLE_AREA_PAGES
        if pages.is_dir():
            for page in pages.glob("*.md"):
                page.unlink()
    (target / "data").mkdir(parents=True, exist_ok=True)
    (target / "data" / "roadmap.yaml").write_text(text, encoding="utf-8")
    (target / "docs").mkdir(exist_ok=True)
    statement = site_file("tillganglighet.md.j2", settings, today, title=title)
    (target / "docs" / "tillganglighet.md").write_text(statement, encoding="utf-8")
    (target / "README.md").write_text(
        site_file("README.md.j2", settings, today, title=title), encoding="utf-8"
    )


def _git(folder: Path, *args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(["git", *args], cwd=folder, capture_output=True, text=True, check=False)


def _commit(target: Path, message: str) -> None:
    """A new repository with everything in one commit: `copier update` needs a clean git tree."""
    _git(target, "init", "--quiet", "--initial-branch", "main")
    _git(target, "add", "--all")
    identity = (
        []
        if _git(target, "config", "user.email").stdout.strip()
        else ["-c", "user.name=fardplan ny", "-c", "user.email=fardplan-ny@localhost"]
    )
    done = _git(target, *identity, "commit", "--quiet", "--message", message)
    if done.returncode:
        say(f"obs: git kunde inte checka in den nya webbplatsen: {done.stderr.strip()}", error=True)


def _build(target: Path) -> subprocess.CompletedProcess[str]:
    """A strict build of the new site into its site/ folder, with this Python's MkDocs."""
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}
    with tempfile.TemporaryDirectory(prefix="fardplan-ny-") as temp:
        built = subprocess.run(
            [sys.executable, "-m", "mkdocs", "build", "--strict", "--quiet", "--site-dir", temp],
            cwd=target,
            env=env,
            capture_output=True,
            text=True,
            check=False,
        )
        if not built.returncode:  # site/ only when the whole build succeeded
            shutil.rmtree(target / "site", ignore_errors=True)
            shutil.copytree(temp, target / "site")
    return built


def _next_steps(target: Path, settings: Settings, *, built: bool) -> str:
    shown = "Webbplatsen är byggd i site/. " if built else ""
    return f"""
Klart: färdplanen för {settings.organisation} finns i {target}. {shown}Så här går du vidare:
  1. cd {target}
  2. python3 scripts/dev.py serve      visa webbplatsen medan du skriver
  3. Skriv vad som görs och behöver göras i data/roadmap.yaml (se docs/redaktorer/kom-igang.md)
  4. Gör bedömningen i docs/tillganglighet.md: den är ett utkast
  5. Skicka upp förrådet till GitHub och slå på GitHub Pages (se Kom igång för din kommun)"""
