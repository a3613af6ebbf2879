#!/usr/bin/env python3
"""One entry point for developers and CI: sets up .venv from the pinned files, then runs a task.

    python3 scripts/dev.py serve   # build and serve the site on http://127.0.0.1:8000/
    python3 scripts/dev.py test    # ruff, mypy, then the tool's tests (they read the example in tests/fixtures/example)
    python3 scripts/dev.py check [--format github]  # check the content as CI does (scripts/check_content.py)
    python3 scripts/dev.py build   # strict build, put in site/ only if it succeeds
    python3 scripts/dev.py setup   # only create .venv (CI runs the tools in it afterwards)
    python3 scripts/dev.py lock [--upgrade]  # re-pin requirements*.txt (with hashes) from pyproject.toml
    python3 scripts/dev.py validate [ARGS]  # scripts/validate.py: check the data file
    python3 scripts/dev.py add [ARGS]       # scripts/add.py: add a new need or action
    python3 scripts/dev.py yamllint [FILES] # yamllint with the project's .yamllint.yaml

Only the standard library is used here, so it runs on a fresh machine before anything is installed
(hence no fardplan.cli: its Swedish messages are repeated here in small).
Exit codes: 0 done, 1 something failed (or the tool's own code), 2 wrong use.
"""

from __future__ import annotations

import errno
import hashlib
import os
import shutil
import socket
import subprocess
import sys
import tempfile
import venv
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
VENV = ROOT / ".venv"
BIN = VENV / ("Scripts" if os.name == "nt" else "bin")
PYTHON = BIN / ("python.exe" if os.name == "nt" else "python")
STAMP = VENV / ".installed-requirements"
DEFAULT_ADDRESS = "127.0.0.1:8000"

USAGE = """\
användning: python3 scripts/dev.py UPPGIFT [ARGUMENT]

Uppgifter:
  serve [--dev-addr VÄRD:PORT]  bygg och visa webbplatsen på http://127.0.0.1:8000/
  test [ARGUMENT]               granska koden (ruff, mypy) och kör alla tester (argumenten går till pytest)
  build                         bygg webbplatsen strikt till mappen site/
  setup                         skapa bara .venv (CI kör verktygen i den efteråt)
  lock [--upgrade]              lås om requirements*.txt (med hashvärden) från pyproject.toml
  validate [ARGUMENT]           kontrollera datafilen (scripts/validate.py)
  add [ARGUMENT]                lägg till ett behov eller en åtgärd (scripts/add.py)
  yamllint [FILER]              yamllint med projektets .yamllint.yaml
  help                          visa den här hjälpen

Slutkoder: 0 klart, 1 något misslyckades (eller verktygets egen kod), 2 fel anrop."""


def _fail(message: str, code: int) -> None:
    print(f"fel: {message}", file=sys.stderr)
    sys.exit(code)


def _dev_address(args: list[str]) -> tuple[str, list[str]]:
    """The address mkdocs serve will use, and its arguments with our default when none is given."""
    for index, arg in enumerate(args):
        if arg in ("-a", "--dev-addr"):
            if index + 1 >= len(args):
                _fail(f"{arg} kräver en adress, till exempel {arg} {DEFAULT_ADDRESS}", 2)
            return args[index + 1], args
        if arg.startswith("--dev-addr="):
            return arg.split("=", 1)[1], args
    return DEFAULT_ADDRESS, ["--dev-addr", DEFAULT_ADDRESS, *args]


def _check_port_free(address: str) -> None:
    """Say in Swedish that the port is taken, before mkdocs says it with a traceback."""
    host, _, port_text = address.rpartition(":")
    host = host.strip("[]")
    if not host or not port_text.isdigit() or not 0 < int(port_text) < 65536:
        _fail(f"adressen {address!r} ska skrivas VÄRD:PORT, till exempel {DEFAULT_ADDRESS}", 2)
    port = int(port_text)
    try:
        family, kind, proto, _, where = socket.getaddrinfo(host, port, type=socket.SOCK_STREAM)[0]
    except socket.gaierror:
        _fail(f"värden {host!r} i adressen {address!r} finns inte; använd till exempel 127.0.0.1", 2)
    with socket.socket(family, kind, proto) as probe:
        # Like the server itself: a port that only waits for old connections to close counts as free.
        probe.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        try:
            probe.bind(where)
        except OSError as error:
            if error.errno == errno.EADDRINUSE:
                _fail(
                    f"porten {port} på {host} används redan av ett annat program, kanske en annan "
                    "python3 scripts/dev.py serve. Stäng det, eller välj en annan port: "
                    f"python3 scripts/dev.py serve --dev-addr {host}:{port + 1 if port < 65535 else 8001}",
                    1,
                )
            _fail(f"webbplatsen kan inte visas på {address}: {error.strerror or error}", 1)


def _run(*args: str | Path, failure: str | None = None, **kwargs) -> None:
    completed = subprocess.run([str(a) for a in args], cwd=ROOT, **kwargs)
    if completed.returncode:
        if failure:
            print(f"fel: {failure} (kod {completed.returncode})", file=sys.stderr)
        sys.exit(completed.returncode)


def _env() -> dict[str, str]:
    env = dict(os.environ)
    # mike and the tests shell out to `mkdocs`: the venv's tools must come first.
    env["PATH"] = f"{BIN}{os.pathsep}{env.get('PATH', '')}"
    env["VIRTUAL_ENV"] = str(VENV)
    # Material prints an end-of-life banner on every run; we know (see DEVELOPMENT.md).
    env.setdefault("NO_MKDOCS_2_WARNING", "1")
    return env


def _pip_install(*args: str) -> None:
    _run(
        PYTHON,
        "-m",
        "pip",
        "install",
        "--quiet",
        "--disable-pip-version-check",
        *args,
        failure="paketen kunde inte installeras i .venv; kontrollera nätverket och försök igen",
    )


def setup() -> None:
    """Create .venv and install the pinned requirements, only when they changed."""
    if sys.version_info < (3, 11):  # noqa: UP036 - runs on whatever python3 the machine has
        _fail(f"Python 3.11 eller senare krävs; det här är {sys.version.split()[0]}", 1)
    wanted = hashlib.sha256(
        (ROOT / "requirements.txt").read_bytes() + (ROOT / "pyproject.toml").read_bytes()
    ).hexdigest()
    if STAMP.exists() and STAMP.read_text().strip() == wanted:
        return
    if not PYTHON.exists():
        venv.create(VENV, with_pip=True)
    # Every file pip downloads must have one of the locked hashes.
    _pip_install("--require-hashes", "-r", "requirements.txt")
    # The core package lives in macros/fardplan; install it in place so scripts, tests and the
    # macros adapter all import the same code (its build needs only the locked setuptools).
    _pip_install("--no-deps", "--no-build-isolation", "-e", ".")
    STAMP.write_text(wanted + "\n")


# The code's own checks, run before the tests (configured in pyproject.toml; the import contracts
# run as a test, tests/test_architecture.py). A finding fails the test command.
CODE_CHECKS = (
    ("Kodgranskning med ruff", ["ruff", "check", "macros", "scripts", "tests"]),
    ("Formatering med ruff", ["ruff", "format", "--check", "macros", "scripts", "tests"]),
    ("Typkontroll med mypy", ["mypy"]),
)


def code_checks(env: dict[str, str]) -> None:
    for heading, (tool, *args) in CODE_CHECKS:
        print(f"== {heading}", flush=True)
        _run(BIN / tool, *args, failure=f"{heading.lower()} hittade fel", env=env)


def lock(rest: list[str]) -> None:
    """Pin the ranges in pyproject.toml into hash-locked files with uv (pinned in the `dev` group):
    requirements.txt, what .venv gets (the core and the build, test and dev groups);
    requirements-build.txt, the core and the `build` group only (the publishing workflow's set);
    requirements-properdocs.txt, that set with ProperDocs (tests/test_packaging.py's venv). The
    last two take the versions of the first. Resolved for every platform and Python >= 3.11."""
    setup()
    compile_: list[str | Path] = [
        BIN / "uv",
        "pip",
        "compile",
        "pyproject.toml",
        "--quiet",
        "--generate-hashes",
        "--universal",
    ]
    compile_ += ["--python-version", "3.11", "--custom-compile-command", "python3 scripts/dev.py lock", *rest]
    everything = ["--extra", "build", "--extra", "test", "--extra", "dev", "--extra", "ny"]
    _run(*compile_, *everything, "-o", "requirements.txt", failure="requirements.txt kunde inte låsas")
    for name, groups in (("build", ["build"]), ("properdocs", ["build", "properdocs"])):
        extras = [arg for group in groups for arg in ("--extra", group)]
        target = f"requirements-{name}.txt"
        _run(*compile_, *extras, "-c", "requirements.txt", "-o", target, failure=f"{target} kunde inte låsas")


def build(rest: list[str], env: dict[str, str]) -> None:
    """Build into a new folder next to site/ and put it in place only when the whole build
    succeeded, so a failed build (also one that fails while rendering a page, after MkDocs has
    emptied its output folder) leaves the previous site/ as it was."""
    if any(arg in {"-d", "--site-dir"} or arg.startswith("--site-dir=") for arg in rest):
        _run(BIN / "mkdocs", "build", "--strict", *rest, env=env)  # the caller chose the folder
        return
    site = ROOT / "site"
    new = Path(tempfile.mkdtemp(prefix=".site-nytt-", dir=ROOT))
    completed = subprocess.run(
        [str(BIN / "mkdocs"), "build", "--strict", "--site-dir", str(new), *rest], cwd=ROOT, env=env
    )
    if completed.returncode:
        shutil.rmtree(new, ignore_errors=True)
        print("Bygget misslyckades. Den förra webbplatsen i site/ är kvar som den var.", file=sys.stderr)
        sys.exit(completed.returncode)
    new.chmod(0o755)  # mkdtemp's folder is private; site/ is for everyone to read
    old = ROOT / f".site-gammal-{os.getpid()}"
    if site.exists():
        site.rename(old)
    new.rename(site)
    shutil.rmtree(old, ignore_errors=True)


def main(argv: list[str]) -> None:
    task = argv[0] if argv else "help"
    rest = argv[1:]
    if task == "lock":
        lock(rest)
        return
    # Commands of the project's scripts and tools, run with the venv's Python (pre-commit's hooks
    # call these, so they work without an activated venv).
    commands: dict[str, list[str | Path]] = {
        "validate": [PYTHON, ROOT / "scripts" / "validate.py"],
        "add": [PYTHON, ROOT / "scripts" / "add.py"],
        "check": [PYTHON, ROOT / "scripts" / "check_content.py"],
        "yamllint": [BIN / "yamllint", "--strict", "--config-file", ROOT / ".yamllint.yaml"],
    }
    if task in ("help", "-h", "--help", "--hjälp", "hjälp"):
        print(USAGE)
        return
    if task not in {"serve", "test", "build", "setup"} | commands.keys():
        print(USAGE, file=sys.stderr)
        _fail(f"okänd uppgift {task!r}", 2)
    if task == "serve":
        address, rest = _dev_address(rest)
        _check_port_free(address)
    setup()
    env = _env()
    if task == "setup":
        return
    if task == "serve":
        # The PDF takes a few seconds to render: not on every save (FARDPLAN_PDF=1 brings it back).
        env.setdefault("FARDPLAN_PDF", "0")
        _run(BIN / "mkdocs", "serve", *rest, env=env)
    elif task == "build":
        build(rest, env)
    elif task in commands:
        if task == "yamllint" and not rest:
            rest = ["data"]
        _run(*commands[task], *rest, env=env)
    elif not (ROOT / "tests").is_dir():  # a site made with `fardplan ny`: the tool is tested upstream
        print("Verktygets tester finns i verktygets förråd, inte här. Kontrollera innehållet med check.")
    else:
        code_checks(env)
        _run(PYTHON, "-m", "pytest", *rest, env=env)


if __name__ == "__main__":
    try:
        main(sys.argv[1:])
    except KeyboardInterrupt:
        sys.exit(130)
    except OSError as error:
        _fail(f"{error.filename or 'en fil'}: {error.strerror or error}", 1)
