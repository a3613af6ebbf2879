"""The issue-form workflow end to end: scripts/apply_edit_request.py runs on a real git repository
whose origin is a local bare repository, reads the issue from an event file shaped like GitHub's,
and talks to a fake `gh` on PATH that records what it was asked. The git part is real: the tests
read the pushed branch from the bare repository. The script's file runs in this process as
`python scripts/apply_edit_request.py` runs it (support.run_script_file); git, gh and the
validator it calls are real processes."""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
import textwrap
from datetime import date
from pathlib import Path

import pytest
import yaml

from fardplan.editing.edit_requests import APPROVAL_LABEL, FORM_LABEL, FORMS
from support import FIXTURES, ROOT, line_of, run_script_file

SCRIPT = ROOT / "scripts" / "apply_edit_request.py"
DATA = "data/roadmap.yaml"
PR_URL = "https://github.com/exempelstaden/fardplan/pull/7"
FAKE_GH = textwrap.dedent(f"""\
    #!{sys.executable}
    # A stand-in for GitHub's CLI: records each call (with the text of --body-file) and answers.
    import json, os, sys
    args = sys.argv[1:]
    call = {{"args": args}}
    if "--body-file" in args:
        call["body"] = open(args[args.index("--body-file") + 1], encoding="utf-8").read()
    with open(os.environ["FAKE_GH_LOG"], "a", encoding="utf-8") as log:
        log.write(json.dumps(call) + "\\n")
    if args[:1] == ["api"]:
        print(json.dumps({{"permission": os.environ.get("FAKE_GH_PERMISSION", "write")}}))
    elif args[:2] == ["pr", "create"]:
        print("{PR_URL}")
    """)


def git(cwd: Path, *args: str) -> str:
    return subprocess.run(["git", *args], cwd=cwd, check=True, capture_output=True, text=True).stdout


class Repo:
    def __init__(self, root: Path, data: str):
        self.root = root
        self.work, self.origin, self.bin = root / "work", root / "origin.git", root / "bin"
        self.work.mkdir()
        self.bin.mkdir()
        (self.work / "data").mkdir()
        (self.work / DATA).write_text(data, encoding="utf-8")
        subprocess.run(["git", "init", "--quiet", "--bare", "-b", "main", str(self.origin)], check=True)
        git(self.work, "init", "--quiet", "-b", "main")
        git(self.work, "add", "-A")
        git(self.work, "commit", "--quiet", "-m", "Färdplanen 2023")
        git(self.work, "tag", "v2023")  # the published version the check compares with
        git(self.work, "remote", "add", "origin", str(self.origin))
        git(self.work, "push", "--quiet", "origin", "main", "--tags")
        self.main = git(self.origin, "rev-parse", "main").strip()
        gh = self.bin / "gh"
        gh.write_text(FAKE_GH, encoding="utf-8")
        gh.chmod(0o755)
        self.log = root / "gh.jsonl"

    def run(
        self,
        body: str,
        *,
        label: str = APPROVAL_LABEL,
        labels=(FORM_LABEL,),
        permission: str = "write",
        number: int = 12,
    ) -> subprocess.CompletedProcess:
        event = {
            "action": "labeled",
            "label": {"name": label},
            "issue": {
                "number": number,
                "title": "Ändring",
                "body": body,
                "labels": [{"name": name} for name in (*labels, label)],
            },
            "repository": {"full_name": "exempelstaden/fardplan", "default_branch": "main"},
            "sender": {"login": "redaktor"},
        }
        git(self.work, "switch", "--quiet", "main")  # each workflow run starts from a fresh checkout of main
        path = self.root / "event.json"
        path.write_text(json.dumps(event, ensure_ascii=False), encoding="utf-8")
        env = {
            "PATH": f"{self.bin}{os.pathsep}{os.environ['PATH']}",
            "FAKE_GH_LOG": str(self.log),
            "FAKE_GH_PERMISSION": permission,
            "FARDPLAN_TODAY": "2024-05-02",
            "GIT_AUTHOR_NAME": "github-actions[bot]",
            "GIT_AUTHOR_EMAIL": "bot@example.invalid",
            "GIT_COMMITTER_NAME": "github-actions[bot]",
            "GIT_COMMITTER_EMAIL": "bot@example.invalid",
        }
        return run_script_file(SCRIPT, ["--händelse", str(path)], self.work, env)

    def calls(self) -> list[dict]:
        if not self.log.exists():
            return []
        return [json.loads(line) for line in self.log.read_text(encoding="utf-8").splitlines()]

    def branches(self) -> set[str]:
        return set(git(self.origin, "for-each-ref", "--format=%(refname:short)", "refs/heads").split())

    def diff(self, branch: str) -> tuple[list[str], list[str]]:
        """The pushed branch against main: removed and added lines, as the pull request shows them."""
        text = git(self.origin, "diff", "--unified=0", "main", branch, "--", DATA)
        lines = [
            line for line in text.splitlines() if not line.startswith(("---", "+++", "@@", "diff", "index"))
        ]
        return [line[1:] for line in lines if line.startswith("-")], [
            line[1:] for line in lines if line.startswith("+")
        ]

    def data_on(self, branch: str) -> dict:
        return yaml.safe_load(git(self.origin, "show", f"{branch}:{DATA}"))


def form_body(kind: str, **answers: str) -> str:
    """An issue body as GitHub writes it for a form: "### Label", a blank line, the answer."""
    return "\n\n".join(
        f"### {label}\n\n{answers.get(field_id, '_No response_')}" for field_id, label in FORMS[kind][1]
    )


@pytest.fixture
def repo(tmp_path) -> Repo:
    return Repo(tmp_path, (FIXTURES / "redigering" / "roadmap.yaml").read_text(encoding="utf-8"))


def pr_calls(repo: Repo) -> list[dict]:
    return [call for call in repo.calls() if call["args"][:2] == ["pr", "create"]]


def comments(repo: Repo) -> list[str]:
    return [call["body"] for call in repo.calls() if call["args"][:2] == ["issue", "comment"]]


def test_an_approved_status_change_becomes_a_pull_request_that_touches_only_its_lines(repo):
    done = repo.run(
        form_body(
            "status", atgard="samverkan-mer", status="genomförd", skal="Planen antogs av nämnden i april."
        )
    )
    assert done.returncode == 0, done.stdout + done.stderr
    [pr] = pr_calls(repo)
    args = pr["args"]
    assert (
        args[args.index("--base") + 1] == "main" and args[args.index("--head") + 1] == "redigering/arende-12"
    )
    assert "Closes #12" in pr["body"]
    assert repo.branches() == {"main", "redigering/arende-12"}
    assert git(repo.origin, "rev-parse", "main").strip() == repo.main  # main was never pushed to
    removed, added = repo.diff("redigering/arende-12")
    assert removed == ["            status: föreslagen"]
    assert added == [
        "            status: genomförd",
        "            ändringar:",
        "              - datum: 2024-05-02",
        "                vad: status",
        "                från: föreslagen",
        "                till: genomförd",
        "                skäl: Planen antogs av nämnden i april.",
    ]
    [comment] = comments(repo)
    assert PR_URL in comment and "Kontrollen av datafilen gick igenom" in comment


def test_a_horizon_move_and_a_review_keep_quotes_comments_and_blank_lines(repo):
    done = repo.run(
        form_body(
            "tidshorisont",
            id="samverkan-med-regionen",
            tidshorisont="2024-2026",
            skal="Regionen behöver ett år till.",
            datum="2024-04-30",
        )
    )
    assert done.returncode == 0, done.stdout + done.stderr
    removed, added = repo.diff("redigering/arende-12")
    assert removed == ['        tidshorisont: "2023-2024"']
    assert added == [
        '        tidshorisont: "2024-2026"',
        "        ändringar:",
        "          - datum: 2024-04-30",
        "            vad: tidshorisont",
        '            från: "2023-2024"',
        '            till: "2024-2026"',
        "            skäl: Regionen behöver ett år till.",
    ]

    done = repo.run(form_body("granskad", behov="samverkan-med-regionen\nkompetens"), number=13)
    assert done.returncode == 0, done.stdout + done.stderr
    removed, added = repo.diff("redigering/arende-13")
    assert removed == ["        senast-granskad: 2023-01-12"] * 2
    assert added == ["        senast-granskad: 2024-05-02"] * 2


def test_a_new_action_and_a_national_initiative(repo):
    done = repo.run(
        form_body(
            "atgard",
            behov="kompetens",
            kolumn="Behöver göras mer",
            text="Ta fram en plan för handledning.",
            ansvarig="aldrenamnden",
            status="planerad",
            tidshorisont="2025",
        )
    )
    assert done.returncode == 0, done.stdout + done.stderr
    [need] = [
        n for n in repo.data_on("redigering/arende-12")["områden"][0]["behov"] if n["id"] == "kompetens"
    ]
    assert need["behöver-göras"] == [
        {
            "id": "ta-fram-en-plan-for",
            "text": "Ta fram en plan för handledning.",
            "ansvarig": "aldrenamnden",
            "status": "planerad",
            "tidshorisont": 2025,
            "senast-granskad": date(2024, 5, 2),
        }
    ]
    removed, _ = repo.diff("redigering/arende-12")
    assert removed == ["        behöver-göras: []"]

    done = repo.run(
        form_body(
            "initiativ",
            namn="Ny socialtjänstlag",
            typ="lagändring",
            referens="prop. 2024/25:89",
            lank="https://lagen.nu/prop/2024/25:89",
            beskrivning="Lagen gäller från 1 juli 2025.",
            behov="kompetens\nsamverkan-med-regionen",
            **{"galler-fran": "2025-07-01"},
        ),
        number=14,
    )
    assert done.returncode == 0, done.stdout + done.stderr
    removed, added = repo.diff("redigering/arende-14")
    assert removed == ["        nationellt: [god-och-nara-vard]", "        nationellt: []"]
    assert added[:2] == ["  - id: ny-socialtjanstlag", "    namn: Ny socialtjänstlag"]
    assert added[-2:] == [
        "        nationellt: [god-och-nara-vard, ny-socialtjanstlag]",
        "        nationellt: [ny-socialtjanstlag]",
    ]


def test_hostile_text_is_stored_literally_and_never_run(repo, tmp_path):
    canary = tmp_path / "pwned"
    reason = (
        f"Klart $(touch {canary}) och `touch {canary}` {{{{ config }}}}\n::error::hackat\n"
        "status: avbruten\nid: x"
    )
    done = repo.run(form_body("status", atgard="samverkan-staden", status="genomförd", skal=reason))
    assert done.returncode == 0, done.stdout + done.stderr
    assert not canary.exists()
    # Nothing from the issue reaches the log, where GitHub would read "::" lines as commands.
    assert not any(line.startswith("::") for line in (done.stdout + done.stderr).splitlines())
    [action] = repo.data_on("redigering/arende-12")["områden"][0]["behov"][0]["staden"]
    assert action["status"] == "genomförd" and "id: x" not in action  # the text made no keys
    assert action["ändringar"][0]["skäl"] == " ".join(reason.split())
    removed, added = repo.diff("redigering/arende-12")
    assert removed == ["            status: pågår   # sedan 2021"]
    assert added[0] == "            status: genomförd   # sedan 2021"


@pytest.mark.parametrize(
    "answers, expected",
    [
        (
            {"atgard": "$(rm -rf /)", "status": "genomförd", "skal": "x"},
            'Åtgärdens id: "$(rm -rf /)" är inget id.',
        ),
        ({"atgard": "samverkan-mer\nstatus: avbruten", "status": "genomförd", "skal": "x"}, "är inget id"),
        (
            {"atgard": "samverkan-mer", "status": "klar", "skal": "x"},
            'Ny status: "klar" finns inte bland valen',
        ),
        (
            {"atgard": "samverkan-mor", "status": "genomförd", "skal": "x"},
            'det finns inget åtgärd med id "samverkan-mor" i datafilen. Menade du samverkan-mer?',
        ),
        ({"atgard": "samverkan-mer", "status": "genomförd"}, "Skäl till ändringen: fältet är tomt."),
        (
            {"atgard": "x\n::error::hackat", "status": "genomförd", "skal": "x"},
            'Åtgärdens id: "x ::error::hackat"',
        ),
        ({"atgard": "````\n@alla <b>", "status": "genomförd", "skal": "x"}, "är inget id"),
    ],
)
def test_a_request_that_cannot_be_read_gets_a_swedish_comment_and_no_pull_request(repo, answers, expected):
    done = repo.run(form_body("status", **answers))
    assert done.returncode == 0, done.stdout + done.stderr
    assert pr_calls(repo) == [] and repo.branches() == {"main"}
    [comment] = comments(repo)
    assert comment.startswith("Ändringen gjordes inte") and expected in comment
    assert not any(line.startswith("::") for line in (done.stdout + done.stderr).splitlines())
    # The problems stand in a code fence longer than any run of backticks in them: shown as text.
    fence = comment.split("\n\n")[1].split("text\n")[0]
    assert set(fence) == {"`"} and len(fence) > max(map(len, re.findall(r"`+", answers["atgard"])), default=0)


def test_a_national_initiative_with_hostile_text_is_stored_as_text(repo):
    name = "{{ config }} <script>alert(1)</script>: #1"
    done = repo.run(
        form_body(
            "initiativ",
            namn=name,
            typ="lag",
            referens="SFS 2025:400",
            lank="https://example.org/lag",
            beskrivning="- id: x\n  typ: lag",
            **{"galler-fran": "2025-07-01"},
        )
    )
    assert done.returncode == 0, done.stdout + done.stderr
    added = repo.data_on("redigering/arende-12")["nationella-initiativ"][-1]
    assert added["namn"] == name and added["beskrivning"] == "- id: x typ: lag"
    assert added["id"] == "config-script-alert-1-script-1"


def test_a_change_the_check_refuses_gets_its_messages_and_no_pull_request(tmp_path):
    broken = (
        (FIXTURES / "redigering" / "roadmap.yaml")
        .read_text(encoding="utf-8")
        .replace("ansvarig: kommunstyrelsen", "ansvarig: socialnamnden")
    )
    repo = Repo(tmp_path, broken)
    done = repo.run(form_body("status", atgard="samverkan-mer", status="genomförd", skal="Klart."))
    assert done.returncode == 0, done.stdout + done.stderr
    assert pr_calls(repo) == [] and repo.branches() == {"main"}
    [comment] = comments(repo)
    assert "datafilen skulle inte gå igenom kontrollen" in comment
    assert f"data/roadmap.yaml:{line_of(broken, '            ansvarig: socialnamnden')}:23:" in comment
    assert "socialnamnden" in comment
    assert git(repo.work, "status", "--porcelain") == ""  # the refused change was not left behind


def test_only_the_approval_label_from_someone_who_may_write_starts_it(repo):
    body = form_body("status", atgard="samverkan-mer", status="genomförd", skal="Klart.")
    assert repo.run(body, label="bug").returncode == 0
    assert repo.run(body, labels=()).returncode == 0
    assert repo.calls() == []  # not even a comment
    assert repo.run(body, permission="triage").returncode == 0
    [comment] = comments(repo)
    assert "bara den som får ändra i förrådet" in comment
    assert pr_calls(repo) == [] and repo.branches() == {"main"}


def test_a_second_approval_makes_a_new_branch_instead_of_overwriting(repo):
    body = form_body("granskad", behov="kompetens")
    assert repo.run(body).returncode == 0
    assert repo.run(body).returncode == 0
    assert repo.branches() == {"main", "redigering/arende-12", "redigering/arende-12-2"}
