"""Compiling the remiss answers: issue bodies read into comments, every page fetched from a local
stand-in for GitHub's API, clear Swedish errors, and the previous data file left alone on failure."""

from __future__ import annotations

import hashlib
import http.server
import json
import os
import socket
import subprocess
import sys
import threading
from datetime import date
from pathlib import Path
from urllib.parse import parse_qs, urlsplit

import pytest
import yaml

from fardplan import ValidationFailed, load_roadmap
from fardplan.data.model import RespondentKind
from fardplan.remiss.answers import (
    Position,
    comment_from_issue,
    compile_issues,
    issue_received,
    load_remiss_answers,
    parse_form_body,
)
from fardplan.remiss.github import FetchError, fetch_issues, next_page
from support import DATA, EXAMPLE, FIXTURES, ROOT

REMISS_FIXTURES = FIXTURES / "remiss"
# The roadmap the parts are looked up in: the example, not the live data/roadmap.yaml (the default).
SCRIPT = [sys.executable, str(ROOT / "scripts" / "remissvar.py"), "--data", str(DATA)]
REPOSITORY = "exempelstaden/fardplan"
# The day the example's answers were compiled (its remissvar.yaml says so).
COMPILED_ON = "2026-11-30"


def fixture_pages() -> list[list[dict]]:
    return [
        json.loads((REMISS_FIXTURES / f"issues-page-{n}.json").read_text(encoding="utf-8")) for n in (1, 2)
    ]


def malformed_issues() -> list[dict]:
    return json.loads((REMISS_FIXTURES / "issues-malformed.json").read_text(encoding="utf-8"))


def digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


class FakeGitHub:
    """GitHub's issues endpoint on 127.0.0.1: serves pages with Link headers like the real API, or
    the scripted failures first. Records every request."""

    def __init__(self, pages: list[list[dict]], failures: list[tuple[int, dict[str, str]]] = ()):
        self.pages = pages
        self.failures = list(failures)
        self.requests: list[tuple[str, str | None]] = []
        fake = self

        class Handler(http.server.BaseHTTPRequestHandler):
            def log_message(self, *args):
                pass

            def do_GET(self):
                fake.requests.append((self.path, self.headers.get("Authorization")))
                if fake.failures:
                    status, headers = fake.failures.pop(0)
                    self._send(status, json.dumps({"message": "error"}).encode(), headers)
                    return
                query = parse_qs(urlsplit(self.path).query)
                number = int(query.get("page", ["1"])[0])
                headers = {}
                if number < len(fake.pages):
                    # Like GitHub: the next page is addressed by the repository's numeric id.
                    base = f"http://{self.headers['Host']}/repositories/123456/issues"
                    headers["Link"] = (
                        f'<{base}?labels=remiss&state=all&per_page=100&page={number + 1}>; rel="next", '
                        f'<{base}?labels=remiss&state=all&per_page=100&page={len(fake.pages)}>; rel="last"'
                    )
                self._send(200, json.dumps(fake.pages[number - 1], ensure_ascii=False).encode(), headers)

            def _send(self, status, body, headers):
                self.send_response(status)
                self.send_header("Content-Type", "application/json; charset=utf-8")
                self.send_header("Content-Length", str(len(body)))
                for key, value in headers.items():
                    self.send_header(key, value)
                self.end_headers()
                self.wfile.write(body)

        self.server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.url = f"http://127.0.0.1:{self.server.server_address[1]}"
        threading.Thread(
            target=self.server.serve_forever, kwargs={"poll_interval": 0.05}, daemon=True
        ).start()

    def close(self):
        self.server.shutdown()
        self.server.server_close()


@pytest.fixture
def github():
    servers = []

    def start(pages=None, failures=()):
        server = FakeGitHub(fixture_pages() if pages is None else pages, failures)
        servers.append(server)
        return server

    yield start
    for server in servers:
        server.close()


@pytest.fixture(scope="module")
def roadmap():
    return load_roadmap(DATA)


# --- Reading one issue ----------------------------------------------------------------------------


def test_issue_form_body_is_read_by_its_headings():
    issue = next(i for i in fixture_pages()[1] if i["number"] == 3)
    values = parse_form_body(issue["body"])
    assert values["del"] == "samverkan-med-regionen" and values["version"] == "2026-remiss"
    assert values["remissinstans"] == "Kommunala pensionärsrådet"
    assert values["synpunkt"].startswith("Rådet välkomnar") and "\n\nDe äldre" in values["synpunkt"]
    assert values["kontakt"] is None  # "_No response_"


def test_a_heading_typed_inside_a_comment_does_not_split_it():
    issue = next(i for i in fixture_pages()[1] if i["number"] == 3)
    own = "Rådets synpunkt:\n\n### Version\n\n### Del av färdplanen\n\nsom rubriker i texten."
    body = issue["body"].replace(
        "Rådet välkomnar att staden och regionen gör om formerna för samverkan.", own
    )
    values = parse_form_body(body)
    assert values["synpunkt"].startswith(own)
    assert values["version"] == "2026-remiss" and values["del"] == "samverkan-med-regionen"


def test_windows_line_breaks_in_a_comment_are_read():
    issue = next(i for i in fixture_pages()[1] if i["number"] == 5)
    assert "\r\n" in issue["body"]
    comment = comment_from_issue(issue)
    assert comment.text.splitlines()[0] == "Min mamma bor ensam och träffar nästan ingen utom hemtjänsten."


def test_withheld_name_never_leaves_the_issue():
    issue = next(i for i in fixture_pages()[1] if i["number"] == 5)
    assert "Anna Exempelsson" in issue["body"]
    comment = comment_from_issue(issue)
    assert comment.name is None and comment.kind is RespondentKind.PRIVATPERSON
    assert comment.position is Position.MED_ANDRINGAR


def test_no_answer_on_publishing_means_the_name_is_not_shown():
    issue = next(i for i in fixture_pages()[0] if i["number"] == 14)
    assert "Bertil Exempelsson" in issue["body"]
    assert comment_from_issue(issue).name is None


def test_received_date_is_swedish_time():
    assert issue_received({"created_at": "2022-03-04T22:59:00Z"}) == date(2022, 3, 4)
    assert issue_received({"created_at": "2022-03-04T23:30:00Z"}) == date(2022, 3, 5)  # 00.30 in Sweden


# --- Compiling all issues -----------------------------------------------------------------------


def test_compilation_reads_every_issue_and_leaves_out_pull_requests(roadmap):
    issues = [i for page in fixture_pages() for i in page]
    assert any("pull_request" in i for i in issues)
    compilation = compile_issues(issues, roadmap)
    assert compilation.problems == () and compilation.warnings == ()
    assert [c.number for c in compilation.comments] == [3, 4, 5, 6, 8, 9, 10, 11, 12, 13, 14, 15]
    by_number = {c.number: c for c in compilation.comments}
    assert by_number[8].position is Position.AVSTYRKER and by_number[8].name == "Stadsdelsnämnderna"
    assert by_number[10].name is None  # said yes, but gave no name
    assert by_number[13].text is None and by_number[13].position is Position.INGA_SYNPUNKTER


def test_malformed_issues_are_named_with_the_reason(roadmap):
    compilation = compile_issues(fixture_pages()[0] + malformed_issues(), roadmap)
    assert compilation.problems == (
        "ärende #16 (https://github.com/exempelstaden/fardplan/issues/16): fälten 'Del av färdplanen', "
        "'Typ av remissinstans', 'Ställningstagande' saknas eller är tomma; är ärendet skapat med remissformuläret?",
        "ärende #17 (https://github.com/exempelstaden/fardplan/issues/17): 'Ställningstagande' har värdet "
        "'Tycker till', som inte är ett av: tillstyrker, tillstyrker med ändringar, avstyrker, inga synpunkter",
    )


def test_a_part_that_is_not_in_the_plan_is_kept_with_a_warning(roadmap):
    issue = json.loads(json.dumps(fixture_pages()[1][0]))
    issue["body"] = issue["body"].replace("adekvat-bemanning", "gammalt-behov")
    compilation = compile_issues([issue], roadmap)
    assert compilation.problems == ()
    assert compilation.comments[0].part == "gammalt-behov"
    assert "delen 'gammalt-behov' finns inte i färdplanen" in compilation.warnings[0]


# --- Fetching from the API ----------------------------------------------------------------------


def test_every_page_is_fetched_with_the_token(github):
    server = github()
    issues = fetch_issues(REPOSITORY, "remiss", token="hemlig", api_url=server.url)
    assert [i["number"] for i in issues] == [i["number"] for page in fixture_pages() for i in page]
    first, second = server.requests
    assert first[0] == "/repos/exempelstaden/fardplan/issues?labels=remiss&state=all&per_page=100"
    assert second[0].startswith("/repositories/123456/issues?") and second[0].endswith("&page=2")
    assert first[1] == second[1] == "Bearer hemlig"


def test_link_header_parsing():
    assert (
        next_page('<https://a/x?page=2>; rel="next", <https://a/x?page=5>; rel="last"')
        == "https://a/x?page=2"
    )
    assert next_page('<https://a/x?page=1>; rel="prev", <https://a/x?page=1>; rel="first"') is None
    assert next_page(None) is None


def test_rate_limit_waits_and_tries_again(github):
    server = github(
        failures=[
            (429, {"Retry-After": "7"}),
            (403, {"X-RateLimit-Remaining": "0", "X-RateLimit-Reset": "1030"}),
        ]
    )
    waits = []
    issues = fetch_issues(REPOSITORY, "remiss", api_url=server.url, sleep=waits.append, now=lambda: 1000.0)
    assert len(issues) == 13
    assert waits == [7.0, 31.0]


def test_a_long_rate_limit_fails_clearly_instead_of_waiting(github):
    server = github(failures=[(403, {"X-RateLimit-Remaining": "0", "X-RateLimit-Reset": "4600"})])
    waits = []
    with pytest.raises(
        FetchError,
        match=r"GitHub begränsar antalet anrop just nu \(svar 403, rate limit\). "
        r"Försök igen efter kl\. 01:16 UTC",
    ):
        fetch_issues(REPOSITORY, "remiss", api_url=server.url, sleep=waits.append, now=lambda: 1000.0)
    assert waits == []


@pytest.mark.parametrize(
    "status, message",
    [
        (401, "GitHub godtog inte token (ogiltig token, svar 401)"),
        (404, "GitHub hittar inte förrådet exempelstaden/fardplan (svar 404)"),
        (500, "GitHub svarade med fel 500"),
    ],
)
def test_failed_requests_say_what_went_wrong(github, status, message):
    server = github(failures=[(status, {})])
    with pytest.raises(FetchError) as error:
        fetch_issues(REPOSITORY, "remiss", token="x", api_url=server.url)
    assert str(error.value).startswith(message)


def test_the_token_never_follows_a_link_to_another_host(github):
    server = github()
    server.pages = [fixture_pages()[0], []]
    original = http.server.BaseHTTPRequestHandler.send_header

    def lying_link(handler, key, value):
        if key == "Link":
            value = value.replace("127.0.0.1", "localhost")
        original(handler, key, value)

    http.server.BaseHTTPRequestHandler.send_header = lying_link
    try:
        with pytest.raises(FetchError, match="annan adress"):
            fetch_issues(REPOSITORY, "remiss", token="hemlig", api_url=server.url)
    finally:
        http.server.BaseHTTPRequestHandler.send_header = original
    assert len(server.requests) == 1


# --- The script, end to end -----------------------------------------------------------------------


def closed_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def run_script(*args: str, api_url: str | None = None, token: str | None = "test-token", cwd: Path = ROOT):
    env = {k: v for k, v in os.environ.items() if k not in ("GITHUB_TOKEN", "GH_TOKEN", "GITHUB_API_URL")}
    env["FARDPLAN_TODAY"] = COMPILED_ON
    if api_url:
        env["GITHUB_API_URL"] = api_url
    if token:
        env["GITHUB_TOKEN"] = token
    return subprocess.run(SCRIPT + list(args), capture_output=True, text=True, env=env, cwd=cwd)


@pytest.fixture
def previous(tmp_path) -> Path:
    """A compiled file from an earlier run, which a failed run must leave exactly as it was."""
    path = tmp_path / "remissvar.yaml"
    path.write_text((EXAMPLE / "data" / "remissvar.yaml").read_text(encoding="utf-8"), encoding="utf-8")
    return path


def test_script_writes_the_compilation_from_the_api(github, tmp_path):
    server = github()
    out = tmp_path / "data" / "remissvar.yaml"
    result = run_script("--ut", str(out), api_url=server.url)
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == f"Skrev 12 synpunkter från GitHub (exempelstaden/fardplan) till {out}."
    text = out.read_text(encoding="utf-8")
    assert f"sammanställd: '{COMPILED_ON}'" in text
    assert (
        "Anna Exempelsson" not in text
        and "Bertil Exempelsson" not in text
        and "kansli@example.org" not in text
    )
    assert [path for path, _ in server.requests][1].endswith("page=2")
    assert list(out.parent.iterdir()) == [out]  # no temporary file left behind


def test_sample_data_is_the_compilation_of_the_recorded_fixture(tmp_path):
    export = tmp_path / "export.json"
    export.write_text(json.dumps(fixture_pages(), ensure_ascii=False), encoding="utf-8")  # gh api --slurp
    out = tmp_path / "remissvar.yaml"
    note = yaml.safe_load((EXAMPLE / "data" / "remissvar.yaml").read_text(encoding="utf-8"))["anmärkning"]
    result = run_script("--fil", str(export), "--ut", str(out), "--anmarkning", note, token=None)
    assert result.returncode == 0, result.stderr
    assert out.read_text(encoding="utf-8") == (EXAMPLE / "data" / "remissvar.yaml").read_text(
        encoding="utf-8"
    )


@pytest.mark.parametrize(
    "failure, expected",
    [
        ((401, {}), "fel: GitHub godtog inte token (ogiltig token, svar 401)"),
        ((500, {}), "fel: GitHub svarade med fel 500"),
    ],
)
def test_failed_request_leaves_the_previous_file(github, previous, failure, expected):
    before = digest(previous)
    result = run_script("--ut", str(previous), api_url=github(failures=[failure]).url)
    assert result.returncode == 3  # GitHub answered with an error
    assert result.stderr.startswith(expected)
    assert "Ingenting skrevs; den tidigare sammanställningen finns kvar." in result.stderr
    assert digest(previous) == before


def test_network_failure_leaves_the_previous_file(previous):
    before = digest(previous)
    result = run_script("--ut", str(previous), api_url=f"http://127.0.0.1:{closed_port()}")
    assert result.returncode == 3  # GitHub could not be reached
    assert result.stderr.startswith("fel: Kunde inte nå GitHub (127.0.0.1:")
    assert digest(previous) == before


def test_malformed_issue_on_the_second_page_leaves_the_previous_file(github, previous):
    first, second = fixture_pages()
    before = digest(previous)
    result = run_script("--ut", str(previous), api_url=github(pages=[first, second + malformed_issues()]).url)
    assert result.returncode == 1
    assert "fel: 2 ärenden kan inte läsas." in result.stderr
    assert "ärende #16 (https://github.com/exempelstaden/fardplan/issues/16)" in result.stderr
    assert digest(previous) == before


def test_export_with_pages_one_after_another_is_read(tmp_path):
    export = tmp_path / "export.json"  # gh api --paginate without --slurp
    export.write_text(
        "\n".join(json.dumps(page, ensure_ascii=False) for page in fixture_pages()), encoding="utf-8"
    )
    out = tmp_path / "remissvar.yaml"
    result = run_script("--fil", str(export), "--ut", str(out), token=None)
    assert result.returncode == 0, result.stderr
    assert result.stdout.startswith("Skrev 12 synpunkter från ")


def test_empty_export_file_writes_nothing(tmp_path, previous):
    export = tmp_path / "export.json"
    export.write_text("\n", encoding="utf-8")
    before = digest(previous)
    result = run_script("--fil", str(export), "--ut", str(previous))
    assert result.returncode == 5 and f"fel: Exportfilen {export} är tom." in result.stderr
    assert digest(previous) == before


def test_broken_export_file_is_explained(tmp_path, previous):
    export = tmp_path / "export.json"
    export.write_text("[{", encoding="utf-8")
    result = run_script("--fil", str(export), "--ut", str(previous))
    assert result.returncode == 5 and f"fel: Exportfilen {export} är inte giltig JSON" in result.stderr


def test_help_is_swedish():
    result = run_script("--hjalp")
    assert result.returncode == 0
    assert result.stdout.startswith("användning: remissvar.py")
    assert "--fil EXPORT.json" in result.stdout and "GITHUB_TOKEN" in result.stdout


# --- The data files the build reads ---------------------------------------------------------------


def test_sample_answers_and_responses_load(roadmap):
    answers = load_remiss_answers(
        roadmap, EXAMPLE / "data" / "remissvar.yaml", EXAMPLE / "data" / "remissbemotande.yaml"
    )
    assert answers.compiled_on == date.fromisoformat(COMPILED_ON) and len(answers.comments) == 12
    assert answers.responses == ()  # the remiss is still open: no responses yet


def test_missing_files_mean_nothing_is_compiled_yet(roadmap, tmp_path):
    answers = load_remiss_answers(roadmap, tmp_path / "remissvar.yaml", tmp_path / "remissbemotande.yaml")
    assert not answers.compiled and answers.comments == () and answers.responses == ()


def test_bad_responses_are_located_in_swedish(roadmap, tmp_path):
    responses = tmp_path / "remissbemotande.yaml"
    responses.write_text(
        "bemötanden:\n"
        "  - synpunkt: 99\n    bedömning: beaktad\n    motivering: Text.\n"
        "  - del: finns-inte\n    bedömning: beaktad\n    motivering: Text.\n"
        "  - synpunkt: 3\n    del: samverkan-med-regionen\n    bedömning: beaktad\n    motivering: Text.\n"
        "  - synpunkt: 3\n    bedömning: delvis beaktat\n    motivering: Text.\n"
        "  - synpunkt: 4\n    bedömning: beaktad\n    motivering: Text.\n"
        "  - synpunkt: 4\n    bedömning: ej beaktad\n    motivering: Annan text.\n",
        encoding="utf-8",
    )
    with pytest.raises(ValidationFailed) as error:
        load_remiss_answers(
            roadmap,
            EXAMPLE / "data" / "remissvar.yaml",
            responses,
            responses_name="data/remissbemotande.yaml",
        )
    assert [d.text() for d in error.value.diagnostics] == [
        "data/remissbemotande.yaml:13:16: 'delvis beaktat' är inte ett tillåtet värde "
        "– menade du 'delvis beaktad'? Tillåtna värden: beaktad, delvis beaktad, ej beaktad "
        "(i bemötanden[nr 4].bedömning)",
    ]
    # Schema errors come first; once the values are right, the references are checked.
    responses.write_text(
        responses.read_text(encoding="utf-8").replace("delvis beaktat", "delvis beaktad"), encoding="utf-8"
    )
    with pytest.raises(ValidationFailed) as error:
        load_remiss_answers(
            roadmap,
            EXAMPLE / "data" / "remissvar.yaml",
            responses,
            responses_name="data/remissbemotande.yaml",
        )
    assert [d.text() for d in error.value.diagnostics] == [
        "data/remissbemotande.yaml:2:15: det finns ingen synpunkt nummer 99 i "
        "remissvar.yaml (i bemötanden[nr 1].synpunkt)",
        "data/remissbemotande.yaml:5:10: det finns ingen rubrik eller behov med id "
        "'finns-inte' i färdplanen (i bemötanden[nr 2].del)",
        "data/remissbemotande.yaml:8:5: ange antingen synpunkt (synpunktens nummer) eller del "
        "(id för en rubrik eller ett behov), inte båda och inte ingen (i bemötanden[nr 3])",
        "data/remissbemotande.yaml:18:5: synpunkt 4 har redan ett bemötande på rad 15: "
        "slå ihop dem till ett (i bemötanden[nr 6])",
    ]


@pytest.mark.parametrize("schema", ["remissvar.schema.json", "remissbemotande.schema.json"])
def test_every_key_of_the_remiss_files_has_a_swedish_description(schema):
    from test_schema_and_cli import walk_properties

    data = json.loads((ROOT / "data" / schema).read_text(encoding="utf-8"))
    for path, prop in walk_properties(data):
        ref = data.get("$defs", {}).get(prop.get("$ref", "").rsplit("/", 1)[-1], {})
        assert prop.get("description") or ref.get("description"), f"{schema}{path} saknar description"


def test_data_files_point_editors_at_their_schemas():
    for name in ("remissvar", "remissbemotande"):
        first = (EXAMPLE / "data" / f"{name}.yaml").read_text(encoding="utf-8").splitlines()[0]
        assert first == f"# yaml-language-server: $schema={name}.schema.json"


def test_validate_command_checks_the_remiss_files_too(tmp_path):
    for name in ("roadmap.yaml", "remissvar.yaml"):
        (tmp_path / name).write_text((EXAMPLE / "data" / name).read_text(encoding="utf-8"), encoding="utf-8")
    (tmp_path / "remissbemotande.yaml").write_text(
        "bemötanden:\n  - synpunkt: 99\n    bedömning: beaktad\n    motivering: Text.\n", encoding="utf-8"
    )
    result = subprocess.run(
        [sys.executable, str(ROOT / "scripts" / "validate.py"), "roadmap.yaml"],
        capture_output=True,
        text=True,
        cwd=tmp_path,
    )
    assert result.returncode == 1
    errors = [line for line in result.stdout.splitlines() if ": varning: " not in line]
    assert errors == [
        "remissbemotande.yaml:2:15: det finns ingen synpunkt nummer 99 i remissvar.yaml "
        "(i bemötanden[nr 1].synpunkt)"
    ]
    assert "Datafilen har fel och måste rättas. (1 fel" in result.stderr


def test_a_broken_compilation_is_reported_alone_not_with_every_response(roadmap, tmp_path):
    answers = tmp_path / "remissvar.yaml"
    answers.write_text(
        (EXAMPLE / "data" / "remissvar.yaml")
        .read_text(encoding="utf-8")
        .replace("  ställningstagande: avstyrker\n", "  ställningstagande: nej\n", 1),
        encoding="utf-8",
    )
    with pytest.raises(ValidationFailed) as error:
        load_remiss_answers(
            roadmap, answers, EXAMPLE / "data" / "remissbemotande.yaml", answers_name="remissvar.yaml"
        )
    [problem] = error.value.diagnostics
    assert problem.file == "remissvar.yaml" and "'nej' är inte ett tillåtet värde" in problem.message
