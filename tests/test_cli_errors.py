"""Every script, called the wrong way or on a broken file, answers in Swedish with an exit code that
says what happened (2 wrong use, 1 a problem in data), never with a traceback or argparse's English
(issue 10 class 11, issue 16 item 7). Scripts that change a file keep its line endings and write it
atomically. Each script's help runs as a real subprocess, so every script starts in a fresh
interpreter; the many wrong uses run the same script file in this process (`run`), as `python
scripts/X.py` runs it, which costs a fraction of an interpreter's start."""

from __future__ import annotations

import os
import socket
import stat
import subprocess
import sys
from pathlib import Path

import pytest

from fardplan import validate_file
from support import FIXTURES, ROOT, copy_project, run_script_file

SCRIPTS = ROOT / "scripts"
NOT_UTF8 = "titel: Caf\xe9\n".encode("latin-1")
ENGLISH = (
    "usage:",
    "error:",
    "show this help",
    "options:",
    "positional arguments",
    "the following arguments",
    "unrecognized arguments",
    "invalid choice",
    "expected one argument",
)


def subprocess_run(script: str, *args: str, cwd: Path) -> subprocess.CompletedProcess:
    environment = {**os.environ, "FARDPLAN_TODAY": "2026-03-02"}
    return subprocess.run(
        [sys.executable, str(SCRIPTS / script), *args],
        capture_output=True,
        text=True,
        cwd=cwd,
        env=environment,
    )


def run(script: str, *args: str, cwd: Path) -> subprocess.CompletedProcess:
    """`python scripts/<script> ARGS` in `cwd`, in this process (support.run_script_file)."""
    return run_script_file(SCRIPTS / script, list(args), cwd, {"FARDPLAN_TODAY": "2026-03-02"})


def assert_swedish_failure(result, code: int, last_line: str) -> None:
    assert result.returncode == code, result.stdout + result.stderr
    assert "Traceback" not in result.stderr
    assert result.stderr.rstrip("\n").splitlines()[-1] == last_line
    for english in ENGLISH:
        assert english not in result.stderr, english


@pytest.fixture
def folder(tmp_path) -> Path:
    """A working folder with a broken mkdocs.yml in `inte-utf8/` and `trasig-yaml/`, a data file that is
    not UTF-8, and a valid small data file."""
    (tmp_path / "inte-utf8").mkdir()
    (tmp_path / "inte-utf8" / "mkdocs.yml").write_bytes(b"site_name: Caf\xe9\n")
    (tmp_path / "trasig-yaml").mkdir()
    (tmp_path / "trasig-yaml" / "mkdocs.yml").write_text(
        "site_name: [Färdplan\nsite_url: x\n", encoding="utf-8"
    )
    (tmp_path / "latin1.yaml").write_bytes(NOT_UTF8)
    (tmp_path / "roadmap.yaml").write_text(
        (FIXTURES / "minimal.yaml").read_text(encoding="utf-8"), encoding="utf-8"
    )
    return tmp_path


# script, arguments, exit code, the last line of stderr ("{prog}: fel: …" after the usage for argparse).
CASES = [
    ("validate.py", ["saknas.yaml"], 2, "fel: filen saknas.yaml finns inte"),
    ("validate.py", ["inte-utf8"], 2, "fel: inte-utf8 är en mapp, inte en fil"),
    (
        "validate.py",
        ["--format", "xml"],
        2,
        "validate.py: fel: argument --format: ogiltigt val: 'xml' (välj bland 'text', 'github')",
    ),
    ("validate.py", ["a.yaml", "b.yaml"], 2, "validate.py: fel: okänt argument: b.yaml"),
    ("validate.py", ["--okänd"], 2, "validate.py: fel: okänt argument: --okänd"),
    ("add.py", [], 2, "add.py: fel: följande argument krävs: behov|åtgärd"),
    ("add.py", ["behov"], 2, "add.py behov: fel: följande argument krävs: --under, --rubrik"),
    (
        "add.py",
        ["åtgärd", "--under", "x", "--text", "y"],
        2,
        "add.py åtgärd: fel: följande argument krävs: --ansvarig",
    ),
    ("add.py", ["behov", "--under"], 2, "add.py behov: fel: argument --under: ett värde saknas"),
    (
        "add.py",
        ["mål"],
        2,
        "add.py: fel: argument behov|åtgärd: ogiltigt val: 'mål' (välj bland 'behov', 'åtgärd', 'atgard')",
    ),
    (
        "add.py",
        ["åtgärd", "--under", "x", "--text", "y", "--ansvarig", "z", "--kolumn", "kommunen"],
        2,
        "add.py åtgärd: fel: argument --kolumn: ogiltigt val: 'kommunen' (välj bland 'staden', 'behöver-göras')",
    ),
    (
        "add.py",
        ["--fil", "saknas.yaml", "behov", "--under", "x", "--rubrik", "y"],
        2,
        "fel: filen saknas.yaml finns inte",
    ),
    (
        "add.py",
        ["--fil", "latin1.yaml", "behov", "--under", "x", "--rubrik", "y"],
        1,
        "fel: latin1.yaml är inte sparad som UTF-8 (byte 0xe9 på rad 1 kan inte läsas); spara den som UTF-8 i din "
        "editor",
    ),
    (
        "add.py",
        ["--fil", "inte-utf8", "behov", "--under", "x", "--rubrik", "y"],
        2,
        "fel: inte-utf8 är en mapp, inte en fil",
    ),
    ("release.py", ["--project", "saknas"], 2, "fel: projektmappen saknas finns inte"),
    (
        "release.py",
        ["--project", "inte-utf8"],
        1,
        "fel: {tmp}/inte-utf8/mkdocs.yml är inte sparad som UTF-8 (byte "
        "0xe9 på rad 1 kan inte läsas); spara den som UTF-8 i din editor",
    ),
    (
        "release.py",
        ["--project", "trasig-yaml"],
        1,
        "fel: {tmp}/trasig-yaml/mkdocs.yml:2:9: filen är inte giltig YAML och kan inte läsas",
    ),
    ("release.py", ["--project"], 2, "release.py: fel: argument --projekt/--project: ett värde saknas"),
    ("release.py", ["--provkörning"], 2, "release.py: fel: okänt argument: --provkörning"),
    ("publish.py", [], 2, "publish.py: fel: följande argument krävs: utkast|version"),
    (
        "publish.py",
        ["allt"],
        2,
        "publish.py: fel: argument utkast|version: ogiltigt val: 'allt' (välj bland 'utkast', 'version')",
    ),
    ("publish.py", ["utkast", "--project", "saknas"], 2, "fel: projektmappen saknas finns inte"),
    (
        "publish.py",
        ["utkast", "--project", "inte-utf8"],
        1,
        "fel: {tmp}/inte-utf8/mkdocs.yml är inte sparad som UTF-8 (byte 0xe9 på rad 1 kan inte läsas); spara den som "
        "UTF-8 i din editor",
    ),
    ("export_open_data.py", [], 2, "export_open_data.py: fel: följande argument krävs: MAPP"),
    (
        "export_open_data.py",
        ["site"],
        2,
        "fel: mappen site finns inte: bygg webbplatsen först (python3 scripts/dev.py build)",
    ),
    ("export_open_data.py", [".", "--config", "saknas.yml"], 2, "fel: filen saknas.yml finns inte"),
    (
        "export_open_data.py",
        [".", "--config", "inte-utf8/mkdocs.yml"],
        1,
        "fel: inte-utf8/mkdocs.yml är inte sparad som UTF-8 (byte 0xe9 på rad 1 kan inte läsas); spara den som UTF-8 "
        "i din editor",
    ),
    ("remiss_open.py", ["idag"], 2, "remiss_open.py: fel: okänt argument: idag"),
    ("remiss_open.py", ["--project", "saknas"], 2, "fel: projektmappen saknas finns inte"),
    (
        "remiss_open.py",
        ["--project", "trasig-yaml"],
        1,
        "fel: {tmp}/trasig-yaml/mkdocs.yml:2:9: filen är inte giltig YAML och kan inte läsas",
    ),
    ("pdf.py", [], 2, "pdf.py: fel: följande argument krävs: WEBBPLATS"),
    (
        "pdf.py",
        ["https://exempel.test/2022/"],
        2,
        "fel: PDF:en skapas från datafilen, inte från en publicerad webbplats: ange en mapp",
    ),
    (
        "pdf.py",
        ["site", "inte-utf8"],
        2,
        "fel: inte-utf8 är en mapp; ange namnet på PDF-filen, till exempel fardplan.pdf",
    ),
    ("pdf.py", ["site", "ut.pdf", "--project", "saknas"], 2, "fel: projektmappen saknas finns inte"),
    ("remissvar.py", ["--data", "saknas.yaml"], 2, "fel: datafilen saknas.yaml finns inte"),
    (
        "remissvar.py",
        ["--vanta-hogst", "länge"],
        2,
        "remissvar.py: fel: argument --vanta-hogst: 'länge' är inte ett antal sekunder mellan 0 och 86400",
    ),
    (
        "remissvar.py",
        ["--vanta-hogst", "-1"],
        2,
        "remissvar.py: fel: argument --vanta-hogst: '-1' är inte ett antal sekunder mellan 0 och 86400",
    ),
    ("remissvar.py", ["--fil"], 2, "remissvar.py: fel: argument --fil: ett värde saknas"),
    (
        "remissvar.py",
        ["--data", "roadmap.yaml", "--ut", "inte-utf8"],
        2,
        "fel: inte-utf8 är en mapp; ange filen som ska skrivas, till exempel data/remissvar.yaml",
    ),
]


@pytest.mark.parametrize(
    "script, args, code, message", CASES, ids=[f"{c[0]}:{' '.join(c[1]) or '-'}" for c in CASES]
)
def test_wrong_use_and_broken_files_give_a_swedish_message(folder, script, args, code, message):
    result = run(script, *args, cwd=folder)
    expected = message.replace("{tmp}", str(folder.resolve()))
    if script == "remissvar.py" and expected.startswith("fel: "):  # it adds that nothing was written
        assert result.stderr.endswith("\nIngenting skrevs; den tidigare sammanställningen finns kvar.\n")
        result.stderr = result.stderr.rsplit("Ingenting skrevs", 1)[0]
    assert_swedish_failure(result, code, expected)
    if ": fel: " in expected:  # argparse's own errors come after the usage, in Swedish
        assert result.stderr.startswith("användning: ")


@pytest.mark.parametrize(
    "script",
    [
        "validate.py",
        "add.py",
        "release.py",
        "publish.py",
        "export_open_data.py",
        "remiss_open.py",
        "pdf.py",
        "remissvar.py",
    ],
)
def test_help_is_swedish(folder, script):
    # The first in a fresh interpreter; the other spellings reach the same parser.
    for flag in ("-h", "--hjälp", "--help") if script == "validate.py" else ("-h",):
        result = (subprocess_run if flag == "-h" else run)(script, flag, cwd=folder)
        assert result.returncode == 0, result.stderr
        assert result.stdout.startswith("användning: ")
        assert "-h, --hjälp" in result.stdout and "visa den här hjälpen och avsluta" in result.stdout
        for english in ENGLISH:
            assert english not in result.stdout, (script, english)


def test_validate_still_reports_a_file_that_is_not_utf8_at_its_place(folder):
    result = run("validate.py", "latin1.yaml", cwd=folder)
    assert result.returncode == 1 and "Traceback" not in result.stderr
    assert result.stdout.splitlines()[0] == (
        "latin1.yaml:1:11: filen är inte sparad som UTF-8 (byte 0xe9 kan inte "
        "läsas); spara den som UTF-8 i din editor"
    )


# --- Writing: line endings kept, atomic ---------------------------------------------------------------


def add_need(folder: Path, name: str = "roadmap.yaml"):
    return run(
        "add.py", "--fil", name, "behov", "--under", "styrning", "--rubrik", "Nattbemanning", cwd=folder
    )


def test_add_keeps_windows_line_endings(folder):
    path = folder / "roadmap.yaml"
    path.write_bytes(path.read_bytes().replace(b"\n", b"\r\n"))
    before = path.read_bytes()
    result = add_need(folder)
    assert result.returncode == 0, result.stderr
    after = path.read_bytes()
    assert after.count(b"\r\n") == after.count(b"\n") > before.count(b"\n")  # every line, the new ones too
    assert b"Nattbemanning\r\n" in after
    assert validate_file(path).ok


def test_add_keeps_unix_line_endings_and_a_byte_order_mark(folder):
    path = folder / "roadmap.yaml"
    path.write_bytes(b"\xef\xbb\xbf" + path.read_bytes())
    assert add_need(folder).returncode == 0
    after = path.read_bytes()
    assert after.startswith(b"\xef\xbb\xbf") and b"\r" not in after and b"Nattbemanning" in after


def test_add_writes_atomically_and_keeps_the_files_permissions(folder):
    path = folder / "roadmap.yaml"
    path.chmod(0o640)
    assert add_need(folder).returncode == 0
    assert sorted(p.name for p in folder.iterdir()) == [
        "inte-utf8",
        "latin1.yaml",
        "roadmap.yaml",
        "trasig-yaml",
    ]
    assert stat.S_IMODE(path.stat().st_mode) == 0o640


def test_add_that_fails_leaves_the_file_byte_for_byte(folder):
    path = folder / "roadmap.yaml"
    path.write_bytes(path.read_bytes().replace(b"\n", b"\r\n"))
    before = path.read_bytes()
    result = run(
        "add.py", "--fil", "roadmap.yaml", "behov", "--under", "finns-inte", "--rubrik", "X", cwd=folder
    )
    assert result.returncode == 1 and "Traceback" not in result.stderr
    assert result.stderr.startswith("Inget ändrades: det finns inget område med id eller rubrik 'finns-inte'")
    assert path.read_bytes() == before


# --- scripts/dev.py: standard library only --------------------------------------------------------


def dev(*args: str, cwd: Path):
    # The system's Python, not the venv's: dev.py must work before anything is installed.
    return subprocess.run(
        ["python3", str(SCRIPTS / "dev.py"), *args], capture_output=True, text=True, cwd=cwd
    )


def test_dev_serve_on_a_port_in_use_says_so_in_swedish(tmp_path):
    with socket.socket() as busy:
        busy.bind(("127.0.0.1", 0))
        busy.listen()
        port = busy.getsockname()[1]
        result = dev("serve", "--dev-addr", f"127.0.0.1:{port}", cwd=tmp_path)
    assert_swedish_failure(
        result,
        1,
        (
            f"fel: porten {port} på 127.0.0.1 används redan av ett annat program, kanske en annan python3 "
            f"scripts/dev.py serve. Stäng det, eller välj en annan port: python3 scripts/dev.py serve --dev-addr "
            f"127.0.0.1:{port + 1}"
        ),
    )


@pytest.mark.parametrize(
    "args, code, message",
    [
        (["serva"], 2, "fel: okänd uppgift 'serva'"),
        (
            ["serve", "--dev-addr"],
            2,
            "fel: --dev-addr kräver en adress, till exempel --dev-addr 127.0.0.1:8000",
        ),
        (
            ["serve", "--dev-addr", "8000"],
            2,
            "fel: adressen '8000' ska skrivas VÄRD:PORT, till exempel 127.0.0.1:8000",
        ),
        (
            ["serve", "-a", "127.0.0.1:99999"],
            2,
            "fel: adressen '127.0.0.1:99999' ska skrivas VÄRD:PORT, till exempel 127.0.0.1:8000",
        ),
    ],
)
def test_dev_wrong_use_is_swedish(tmp_path, args, code, message):
    assert_swedish_failure(dev(*args, cwd=tmp_path), code, message)


def test_dev_help_is_swedish(tmp_path):
    result = dev("help", cwd=tmp_path)
    assert result.returncode == 0 and result.stdout.startswith("användning: python3 scripts/dev.py UPPGIFT")
    assert "serve [--dev-addr VÄRD:PORT]" in result.stdout


def test_dev_uses_only_the_standard_library():
    import ast

    tree = ast.parse((SCRIPTS / "dev.py").read_text(encoding="utf-8"))
    imported = {
        alias.name.split(".")[0]
        for node in ast.walk(tree)
        if isinstance(node, ast.Import)
        for alias in node.names
    }
    imported |= {
        node.module.split(".")[0]
        for node in ast.walk(tree)
        if isinstance(node, ast.ImportFrom) and node.module and node.level == 0
    }
    assert imported <= set(sys.stdlib_module_names) | {"__future__"}, imported


def test_a_bad_setting_is_a_swedish_message_not_a_traceback(tmp_path):
    project = copy_project(tmp_path / "project")
    config = project / "mkdocs.yml"
    text = config.read_text(encoding="utf-8")
    config.write_text(text + 'site_url: "javascript:alert(1)//"\n', encoding="utf-8")
    (project / "site").mkdir()
    result = run("export_open_data.py", str(project / "site"), "--config", str(config), cwd=tmp_path)
    assert_swedish_failure(
        result,
        1,
        "  site_url i mkdocs.yml: skriv värdet i data/roadmap.yaml under inställningar som webbplats",
    )
