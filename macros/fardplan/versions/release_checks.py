"""Checks before a version is published, shared by scripts/release.py (on the editor's machine)
and scripts/publish.py (in the workflow, for a tag made anywhere, even on GitHub's release page)."""

from __future__ import annotations

from pathlib import Path

from fardplan.data.validate import Result, validate_file
from fardplan.versions.edition import CURRENT_ALIAS, DRAFT_VERSION
from fardplan.versions.gitref import git
from fardplan.versions.releases import load_previous, tag_for


def version_name_problems(version: str, data_name: str) -> list[str]:
    """The version becomes a folder in the site's address and the tag v<version>: git's rules for
    tag names, and the names the site uses itself. (The schema's pattern says the same for the
    data file; this also covers a tag made by hand.)"""
    if version in (DRAFT_VERSION, CURRENT_ALIAS):
        return [
            f"Versionen får inte heta ”{version}”: det namnet används redan på webbplatsen. "
            f"Ändra dokument.version i {data_name}."
        ]
    if not git(Path.cwd(), "check-ref-format", f"refs/tags/{tag_for(version)}").ok or "/" in version:
        return [
            f"Versionen ”{version}” kan inte bli en git-tagg eller en mapp på webbplatsen. Ändra "
            f"dokument.version i {data_name}, till exempel till 2022-remiss."
        ]
    return []


def validate_against_release(data_file: Path, data_name: str, against: str | None = None) -> Result:
    """What CI's `scripts/validate.py --jämför-med` checks: the data, compared with the newest
    release tag (or `against`), so a changed horizon or status needs a recorded reason.
    Raises CompareError (a Swedish message) when the comparison cannot be made."""
    return validate_file(data_file, name=data_name, previous=load_previous(data_file, against))


def remote_problems(project: Path, remote: str, branch: str, tag: str) -> list[str]:
    """The tag must be made on `branch` as it is on the remote, and must not exist there yet: the
    workflow publishes what the remote has, and a tag only local would be pushed onto nothing."""

    problems = []
    current = git(project, "symbolic-ref", "--quiet", "--short", "HEAD").out.strip()
    if current != branch:
        problems.append(
            f"Du står på {f'grenen {current}' if current else 'en enskild commit'}, inte på {branch}. "
            f"En version publiceras från {branch}: byt gren med  git switch {branch}"
        )
    listed = git(project, "ls-remote", remote, f"refs/heads/{branch}", f"refs/tags/{tag}")
    if not listed.ok:
        return problems + [
            f"Fjärrförrådet {remote} går inte att nå, så det går inte att se om allt är "
            f"uppskickat: {listed.err}"
        ]
    refs = {name: sha for sha, name in (line.split("\t") for line in listed.out.splitlines())}
    head = git(project, "rev-parse", "HEAD").out.strip()
    if refs.get(f"refs/heads/{branch}") != head and current == branch:
        problems.append(
            f"Din gren {branch} är inte densamma som på {remote}. Skicka upp dina commits "
            f"(git push {remote} {branch}) eller hämta de nya (git pull) först, så att versionen "
            "blir exakt det som alla ser."
        )
    if f"refs/tags/{tag}" in refs:
        problems.append(
            f"Taggen {tag} finns redan på {remote}: versionen är redan publicerad. Ändra "
            "dokument.version till namnet på en ny version."
        )
    return problems
