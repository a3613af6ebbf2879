#!/usr/bin/env python3
"""Apply the change an issue form asks for and open a pull request (.github/workflows/redigering.yml).

    .venv/bin/python scripts/apply_edit_request.py --händelse "$GITHUB_EVENT_PATH"

The event is GitHub's `issues` payload, read from its file: the issue's text is only ever data.
The script acts only when the label just added is the approval label, the issue carries the
forms' label and the person who added it may write to the repository. It changes the data file
with line edits (macros/fardplan/editing/edit_requests.py), runs scripts/validate.py --jämför-med, and on
success commits on a new branch redigering/arende-N, pushes that branch (never the base branch)
and opens a pull request with `gh`. Either way it comments on the issue, in Swedish. It exits
with 0 when the request was handled (applied or refused with a comment), 1 when something
outside the data failed (git, gh).
"""

from __future__ import annotations

import argparse
import json
import re
import subprocess
import sys
import tempfile
from pathlib import Path

from fardplan.data.clock import build_date
from fardplan.editing.edit_requests import APPROVAL_LABEL, FORM_LABEL, EditRequestError, apply_request

SCRIPTS = Path(__file__).resolve().parent
WRITERS = {"admin", "maintain", "write"}
_LOGIN = re.compile(r"[A-Za-z0-9](?:[A-Za-z0-9-]*[A-Za-z0-9])?(?:\[bot\])?")
_REPO = re.compile(r"[A-Za-z0-9_.-]+/[A-Za-z0-9_.-]+")
GUIDE = "Läs mer under För redaktörer på webbplatsen, eller fråga den som förvaltar förrådet."


class Failure(Exception):
    """git or gh failed: not the editor's data. The message is Swedish."""


def run(command: list[str], cwd: Path) -> str:
    done = subprocess.run(command, cwd=cwd, capture_output=True, text=True)
    if done.returncode != 0:
        raise Failure(f"kommandot {command[0]} {command[1]} misslyckades:\n{done.stdout}{done.stderr}")
    return done.stdout


def code_block(text: str) -> str:
    """Text shown as it is in a GitHub comment: no Markdown, no mentions, no HTML."""
    fence = "`" * max(3, max((len(m) for m in re.findall(r"`+", text)), default=0) + 1)
    return f"{fence}text\n{text.rstrip()}\n{fence}"


def comment(repo: str, number: int, text: str, cwd: Path) -> None:
    with tempfile.NamedTemporaryFile("w", encoding="utf-8", suffix=".md", delete=False) as handle:
        handle.write(text)
    run(["gh", "issue", "comment", str(number), "--repo", repo, "--body-file", handle.name], cwd)


def may_write(repo: str, login: str, cwd: Path) -> bool:
    # GitHub lets only people with triage access or more add labels; triage is not enough to
    # change the data, so ask for the actor's permission on the repository as well.
    if not _LOGIN.fullmatch(login):
        return False
    answer = run(["gh", "api", f"repos/{repo}/collaborators/{login}/permission"], cwd)
    try:
        return json.loads(answer).get("permission") in WRITERS
    except (json.JSONDecodeError, AttributeError):
        return False


def free_branch(number: int, cwd: Path) -> str:
    """redigering/arende-N, or -2, -3 … when an earlier approval already made that branch."""
    taken = run(["git", "ls-remote", "--heads", "origin", f"refs/heads/redigering/arende-{number}*"], cwd)
    names = {line.split("refs/heads/", 1)[1] for line in taken.splitlines() if "refs/heads/" in line}
    branch, count = f"redigering/arende-{number}", 2
    while branch in names:
        branch, count = f"redigering/arende-{number}-{count}", count + 1
    return branch


def handle(event: dict, data_file: str, cwd: Path) -> int:
    issue = event.get("issue") or {}
    labels = {label.get("name") for label in issue.get("labels") or [] if isinstance(label, dict)}
    if (event.get("label") or {}).get("name") != APPROVAL_LABEL or FORM_LABEL not in labels:
        print(
            f"Inget att göra: etiketten {APPROVAL_LABEL} lades inte till på ett ärende med etiketten {FORM_LABEL}."
        )
        return 0
    number = issue.get("number")
    repo = (event.get("repository") or {}).get("full_name", "")
    base = (event.get("repository") or {}).get("default_branch") or "main"
    if not isinstance(number, int) or not _REPO.fullmatch(repo) or not re.fullmatch(r"[\w./-]+", base):
        print("Händelsen saknar ärendets nummer eller förrådets namn.", file=sys.stderr)
        return 1
    login = (event.get("sender") or {}).get("login") or ""
    if not may_write(repo, login, cwd):
        comment(
            repo,
            number,
            f"Ändringen gjordes inte: bara den som får ändra i förrådet kan godkänna en ändring "
            f"med etiketten {APPROVAL_LABEL}.",
            cwd,
        )
        print("Inte gjort: den som satte etiketten får inte ändra i förrådet.")
        return 0

    path = cwd / data_file
    text = path.read_text(encoding="utf-8")
    try:
        applied = apply_request(text, data_file, issue.get("body") or "", build_date())
    except EditRequestError as error:
        comment(
            repo,
            number,
            "Ändringen gjordes inte, eftersom uppgifterna i ärendet inte räcker eller inte "
            "stämmer:\n\n" + code_block("\n".join(error.problems)) + "\n\nRätta ärendet (välj ... och "
            f"Edit), ta bort etiketten {APPROVAL_LABEL} och sätt den igen. {GUIDE}",
            cwd,
        )
        print(f"Inte gjort: ärende {number} kunde inte tolkas. Se kommentaren på ärendet.")
        return 0

    path.write_text(applied.text, encoding="utf-8")
    check = subprocess.run(
        [sys.executable, str(SCRIPTS / "validate.py"), data_file, "--jämför-med"],
        cwd=cwd,
        capture_output=True,
        text=True,
    )
    if check.returncode != 0:
        path.write_text(text, encoding="utf-8")
        comment(
            repo,
            number,
            "Ändringen gjordes inte: datafilen skulle inte gå igenom kontrollen. Kontrollen "
            "säger:\n\n" + code_block(check.stdout + check.stderr) + f"\n\n{GUIDE}",
            cwd,
        )
        print(f"Inte gjort: kontrollen godkände inte ändringen i ärende {number}. Se kommentaren på ärendet.")
        return 0

    branch = free_branch(number, cwd)
    run(["git", "switch", "--quiet", "-c", branch], cwd)
    run(["git", "add", "--", data_file], cwd)
    run(["git", "commit", "--quiet", "-m", f"Redigering från ärende #{number}"], cwd)
    # Only the new branch is pushed, by its full name: never the base branch.
    run(["git", "push", "--quiet", "origin", f"HEAD:refs/heads/{branch}"], cwd)
    body = (
        f"{applied.summary}\n\nÄndringen kommer från ärende #{number} och gjordes av arbetsflödet Redigering "
        "när ärendet godkändes. Kontrollen av datafilen (scripts/validate.py --jämför-med) gick igenom.\n\n"
        "GitHub startar inte de andra kontrollerna av sig själv för ett ändringsförslag som ett arbetsflöde "
        "har skapat: stäng förslaget och öppna det igen (Close pull request, sedan Reopen) så körs de.\n\n"
        f"Closes #{number}"
    )
    with tempfile.NamedTemporaryFile("w", encoding="utf-8", suffix=".md", delete=False) as handle_:
        handle_.write(body)
    url = run(
        [
            "gh",
            "pr",
            "create",
            "--repo",
            repo,
            "--base",
            base,
            "--head",
            branch,
            "--title",
            f"Redigering: ärende #{number}",
            "--body-file",
            handle_.name,
        ],
        cwd,
    ).strip()
    comment(
        repo,
        number,
        f"Ändringsförslaget är skapat: {url}\n\n{applied.summary}\n\nKontrollen av datafilen gick "
        "igenom. Någon som förvaltar förrådet granskar förslaget och godkänner det (Merge).",
        cwd,
    )
    print(f"Klart: ändringsförslag för ärende {number} på grenen {branch}.")
    return 0


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        description="Gör en ändring från ett ärendeformulär och öppna ett ändringsförslag."
    )
    parser.add_argument(
        "--händelse",
        "--event",
        dest="event",
        required=True,
        help="GitHubs händelse som JSON-fil (GITHUB_EVENT_PATH)",
    )
    parser.add_argument("--fil", default="data/roadmap.yaml", help="datafilen, från förrådets rot")
    args = parser.parse_args(argv)
    event = json.loads(Path(args.event).read_text(encoding="utf-8"))
    try:
        return handle(event, args.fil, Path.cwd())
    except Failure as error:
        print(f"Fel utanför datan: {error}", file=sys.stderr)
        return 1


if __name__ == "__main__":
    sys.exit(main())
