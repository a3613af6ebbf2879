"""scripts/kolada.py (issue 15): the measures' values from Kolada's API, read from a local server
that answers with recorded pages shaped like the API's documented answers. No test uses the network."""

from __future__ import annotations

import http.server
import json
import subprocess
import sys
import threading
from pathlib import Path

import pytest

from fardplan import load_roadmap
from fardplan.data.kolada import API_VERSION, KoladaError, fetch_data, values_by_kpi
from fardplan.pages.render import SiteRenderer
from support import FIXTURES, ROOT

PAGES = FIXTURES / "kolada"
FIRST = f"/{API_VERSION}/data/kpi/N23890/municipality/1880,0000"
MEASURE = """        senast-granskad: 2022-01-20
        mått:
          - id: vantetid
            namn: Väntetid till särskilt boende
            enhet: dagar
            bättre: lägre
            källa: {kolada: N23890}
            mål: {år: 2026, värde: 30}
            värden: []
"""


class Kolada:
    """A local stand-in for api.kolada.se: the recorded pages, or errors when told to fail."""

    def __init__(self):
        self.requests: list[str] = []
        self.failures: list[int] = []  # status codes to answer with, one per request, before the pages
        self.broken: dict[str, int] = {}  # a page that always fails, by path
        outer = self

        class Handler(http.server.BaseHTTPRequestHandler):
            def do_GET(self):
                outer.requests.append(self.path)
                if outer.failures or self.path in outer.broken:
                    self.send_error(outer.failures.pop(0) if outer.failures else outer.broken[self.path])
                    return
                name = {FIRST: "page-1.json", FIRST + "?page=2&per_page=3": "page-2.json"}.get(self.path)
                if name is None:
                    self.send_error(404)
                    return
                body = (PAGES / name).read_text(encoding="utf-8").replace("{BASE}", outer.url).encode()
                self.send_response(200)
                self.send_header("Content-Type", "application/json")
                self.end_headers()
                self.wfile.write(body)

            def log_message(self, *args):
                pass

        self.server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.url = f"http://127.0.0.1:{self.server.server_address[1]}"
        threading.Thread(target=self.server.serve_forever, daemon=True).start()


@pytest.fixture
def kolada():
    server = Kolada()
    yield server
    server.server.shutdown()


@pytest.fixture
def project(tmp_path, minimal_text):
    data = tmp_path / "data"
    data.mkdir()
    text = minimal_text.replace("        senast-granskad: 2022-01-20\n", MEASURE, 1)
    text = text.replace("benämning: staden}", 'benämning: staden, kommunkod: "1880"}', 1)
    (data / "roadmap.yaml").write_text(text, encoding="utf-8")
    return tmp_path


def run_script(project: Path, kolada: Kolada, *args: str) -> subprocess.CompletedProcess:
    env = {"PATH": "/usr/bin:/bin", "KOLADA_API_URL": kolada.url, "FARDPLAN_TODAY": "2024-05-02"}
    return subprocess.run(
        [
            sys.executable,
            str(ROOT / "scripts" / "kolada.py"),
            "--data",
            "data/roadmap.yaml",
            "--ut",
            "data/kolada.json",
            *args,
        ],
        cwd=project,
        env=env,
        capture_output=True,
        text=True,
    )


def test_every_page_is_read_and_the_values_are_written_for_the_measures(project, kolada):
    done = run_script(project, kolada)
    assert done.returncode == 0, done.stderr
    assert kolada.requests == [FIRST, FIRST + "?page=2&per_page=3"]  # next_page followed to the end
    written = json.loads((project / "data" / "kolada.json").read_text(encoding="utf-8"))
    assert written["kommun"] == "1880" and written["hämtad"] == "2024-05-02"
    # 2023 has no total (null: missing or secret) and is left out; women's null in 2022 too.
    assert written["nyckeltal"] == {
        "N23890": [
            {"år": 2021, "värde": 52.5, "riket": 57.0, "kvinnor": 55.0, "män": 49.0},
            {"år": 2022, "värde": 45.0, "riket": 58.0, "män": 44.0},
        ]
    }
    assert "Skrev 2 årsvärden för 1 nyckeltal från Kolada till data/kolada.json." in done.stdout
    # The build shows them with the source named.
    roadmap = load_roadmap(project / "data" / "roadmap.yaml")
    (measure,) = roadmap.areas[0].needs[0].measures
    assert [(v.year, v.value, v.national) for v in measure.values] == [(2021, 52.5, 57), (2022, 45, 58)]
    html = SiteRenderer(roadmap).area_page("styrning")
    assert "Källa: Kolada (RKA), nyckeltal N23890." in html and '<th scope="row">2022</th><td>45</td>' in html


def test_a_failure_keeps_the_previous_file(project, kolada):
    previous = project / "data" / "kolada.json"
    previous.write_text('{"nyckeltal": {}}\n', encoding="utf-8")
    kolada.failures = [400]
    done = run_script(project, kolada)
    assert done.returncode == 3
    assert done.stderr == (
        "fel: Kolada förstod inte frågan (svar 400): kontrollera nyckeltalens id under källa: "
        "kolada och kommunkoden.\nIngenting skrevs; den tidigare filen finns kvar.\n"
    )
    assert previous.read_text(encoding="utf-8") == '{"nyckeltal": {}}\n'
    # A failing second page is a failure too: nothing of the first page is written.
    kolada.broken = {FIRST + "?page=2&per_page=3": 404}
    done = run_script(project, kolada)
    assert done.returncode == 3 and "svar 404" in done.stderr
    assert kolada.requests[-2:] == [FIRST, FIRST + "?page=2&per_page=3"]
    assert previous.read_text(encoding="utf-8") == '{"nyckeltal": {}}\n'


def test_server_errors_are_tried_again_with_growing_waits(kolada):
    kolada.failures = [503, 500]
    waits: list[float] = []
    items = fetch_data(["N23890"], "1880", api_url=kolada.url, sleep=waits.append)
    assert waits == [1, 2] and len(kolada.requests) == 4
    assert values_by_kpi(items, "1880")["N23890"][0] == {
        "år": 2021,
        "värde": 52.5,
        "riket": 57.0,
        "kvinnor": 55.0,
        "män": 49.0,
    }
    kolada.failures = [503] * 4
    with pytest.raises(KoladaError, match=r"Kolada svarade med fel 503 .*också efter 3 nya försök"):
        fetch_data(["N23890"], "1880", api_url=kolada.url, sleep=waits.append)
    assert waits[2:] == [1, 2, 4]


def test_plain_http_to_another_host_is_refused():
    with pytest.raises(KoladaError, match="använder http") as error:
        fetch_data(["N23890"], "1880", api_url="http://api.kolada.se")
    assert error.value.code == 2


def test_without_a_municipality_code_nothing_is_fetched(project, kolada):
    data = project / "data" / "roadmap.yaml"
    data.write_text(
        data.read_text(encoding="utf-8").replace(', kommunkod: "1880"}', "}"),
        encoding="utf-8",
    )
    done = run_script(project, kolada)
    assert done.returncode == 1 and kolada.requests == []
    assert "ingen kommunkod: skriv den under inställningar.kommunkod" in done.stderr


def test_a_broken_values_file_is_a_located_message(project):
    (project / "data" / "kolada.json").write_text("{", encoding="utf-8")
    from fardplan import validate_file

    result = validate_file(project / "data" / "roadmap.yaml", name="data/roadmap.yaml")
    assert [d.text() for d in result.diagnostics] == [
        "data/kolada.json:1:1: filen går inte att läsa som JSON: kör python3 scripts/kolada.py igen eller ta bort filen"
    ]
