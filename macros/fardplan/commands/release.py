"""`fardplan release`: make a published version of the färdplan: check the data, then tag it v<version>.

    fardplan release                # check, tag and say what happens next
    fardplan release --torrkörning  # only check

Pushing the tag starts the publishing workflow (.github/workflows/publish.yml). The version name
is dokument.version in the data file; its status (remiss or beslutad) decides how it is shown.
It refuses unless HEAD is main exactly as on origin, the data passes the same comparison with the
last release as CI, the version name can be a tag and a folder, and the tag exists nowhere yet.
Exits 0 when the tag was made (or, with --dry-run, could be), 1 when something stops it.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from fardplan.cli import SwedishArgumentParser
from fardplan.data.diagnostics import format_all, summary
from fardplan.data.model import Stage
from fardplan.project import load_project
from fardplan.versions.edition import CURRENT_ALIAS
from fardplan.versions.gitref import git
from fardplan.versions.release_checks import remote_problems, validate_against_release, version_name_problems
from fardplan.versions.releases import CompareError, tag_for


def problems_before_tagging(
    project: Path, data_name: str, version: str, stage: Stage, branch: str = "main", remote: str = "origin"
) -> list[str]:
    problems = []
    if stage is Stage.UTKAST:
        problems.append(
            "Datafilen har status utkast. Ett utkast publiceras redan automatiskt som "
            "”utkast”; ändra status till remiss eller beslutad när en version ska publiceras."
        )
    problems += version_name_problems(version, data_name)
    if not git(project, "rev-parse", "--is-inside-work-tree").ok:
        return problems + ["Mappen är inte ett git-förråd, så versionen kan inte taggas."]
    changed = git(project, "status", "--porcelain").out.splitlines()
    if changed:
        listed = "\n".join(f"    {line[3:]}" for line in changed[:20])
        problems.append(
            "Det finns ändringar som inte är incheckade. Checka in dem (eller ta bort dem) först, "
            f"så att versionen blir exakt det som står i förrådet:\n{listed}"
        )
    tag = tag_for(version)
    if git(project, "rev-parse", "--verify", "--quiet", f"refs/tags/{tag}").ok:
        problems.append(
            f"Version {version} är redan publicerad (taggen {tag} finns). Ändra dokument.version i "
            f"{data_name} till namnet på den nya versionen, till exempel {version}-2."
        )
    return problems + remote_problems(project, remote, branch, tag)


def next_steps(tag: str, version: str, stage: Stage, site_url: str) -> str:
    address = f"{site_url.rstrip('/')}/{version}/" if site_url else f"mappen {version}/ på webbplatsen"
    if stage is Stage.BESLUTAD:
        effect = (
            f"Versionen är beslutad, så den blir den gällande versionen: adressen …/{CURRENT_ALIAS}/ "
            "och webbplatsens startadress leder dit."
        )
    else:
        effect = (
            "Versionen är en remissversion. Den visas med en remissbanner, och den gällande versionen "
            "ändras inte."
        )
    return f"""Taggen {tag} är skapad.

Så här går du vidare:
  1. Skicka upp taggen:
         git push origin {tag}
  2. Då publicerar GitHub Actions (arbetsflödet ”Publicera”) versionen på
         {address}
     {effect}
     Du kan följa arbetet under fliken Actions i GitHub.
  3. Ändra sedan dokument.version i datafilen till namnet på nästa version, så att utkastet
     inte förväxlas med den publicerade versionen.

Ångra innan du har skickat upp taggen:
         git tag -d {tag}"""


DESCRIPTION = "Publicera en version av färdplanen: kontrollera och tagga."


def arguments(parser: SwedishArgumentParser) -> None:
    parser.add_argument(
        "--torrkörning",
        "--dry-run",
        dest="dry_run",
        action="store_true",
        help="kontrollera bara, skapa ingen tagg",
    )


def execute(args: argparse.Namespace) -> int:
    project = args.projekt.resolve()
    data_name = load_project(project / "mkdocs.yml").data
    try:  # the same check as CI's `validate.py --jämför-med`: a release must pass what CI passes
        result = validate_against_release(project / data_name, data_name)
    except CompareError as error:
        print(f"Kan inte jämföra med den senast publicerade versionen: {error}", file=sys.stderr)
        return 1
    if not result.ok or result.roadmap is None:
        print(format_all(result.diagnostics))
        print(
            f"Datafilen har fel ({summary(result.diagnostics)}). Rätta dem innan du publicerar.",
            file=sys.stderr,
        )
        return 1
    document = result.roadmap.document
    problems = problems_before_tagging(
        project, data_name, document.version, document.stage, result.roadmap.settings.branch
    )
    if problems:
        print(
            "Versionen kan inte publiceras ännu:\n\n" + "\n\n".join(f"- {p}" for p in problems),
            file=sys.stderr,
        )
        return 1

    tag = tag_for(document.version)
    if args.dry_run:
        print(
            f"Allt ser bra ut: version {document.version} ({document.stage.label.lower()}) kan taggas som {tag}."
        )
        return 0
    made = git(
        project,
        "tag",
        "--annotate",
        tag,
        "--message",
        f"Färdplanen, version {document.version} ({document.stage.label.lower()})",
    )
    if not made.ok:
        print(f"Taggen kunde inte skapas: {made.err}", file=sys.stderr)
        return 1
    print(next_steps(tag, document.version, document.stage, result.roadmap.settings.site_url or ""))
    return 0
