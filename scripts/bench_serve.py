#!/usr/bin/env python3
"""How long an editor waits under `mkdocs serve`: from saving roadmap.yaml to the page showing it.

    .venv/bin/python scripts/bench_serve.py              # the real färdplan (1×), 5 edits
    .venv/bin/python scripts/bench_serve.py --edits 1    # the smoke run CI does
    .venv/bin/python scripts/bench_serve.py --scale 10   # a synthetic 10× project (see bench.py)

It copies the project into a temporary folder, starts `mkdocs serve` there on 127.0.0.1 on a free
port, and for each edit rewrites the first need's title in data/roadmap.yaml, then asks the
area's page over HTTP until the new title is in it. Every wait is bounded; the server is stopped
at the end, also on failure. Prints the figures; the target (< 1.5 s) is printed as met or missed.
"""

from __future__ import annotations

import argparse
import os
import re
import shutil
import socket
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.error
import urllib.parse
import urllib.request
from pathlib import Path

import yaml

sys.path.insert(0, str(Path(__file__).resolve().parent))
from bench import MKDOCS, ROOT, build_env, make_project

TARGET = 1.5  # seconds from saving to the new content being served, at 1×
POLL = 0.02  # seconds between requests while waiting for the new content


def free_port() -> int:
    """A port nobody listens on now (the OS picks it); the server binds it a moment later."""
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def copy_real_project(target: Path, source: Path = ROOT) -> Path:
    for name in ("docs", "data", "macros", "overrides"):
        shutil.copytree(source / name, target / name, ignore=shutil.ignore_patterns("__pycache__"))
    shutil.copy(source / "mkdocs.yml", target / "mkdocs.yml")
    return target


def fetch(url: str) -> str | None:
    """The page's text, or None while the server is not answering yet."""
    try:
        with urllib.request.urlopen(url, timeout=5) as response:
            return response.read().decode("utf-8")
    except (urllib.error.URLError, ConnectionError, TimeoutError):
        return None


def wait_for(url: str, text: str, server: subprocess.Popen, log: Path, timeout: float) -> float:
    """Seconds until the page at `url` contains `text`; exits with the server's log if it never does."""
    start = time.perf_counter()
    while time.perf_counter() - start < timeout:
        if server.poll() is not None:
            sys.exit(f"mkdocs serve stopped ({server.returncode}):\n{log.read_text(encoding='utf-8')}")
        page = fetch(url)
        if page is not None and text in page:
            return time.perf_counter() - start
        time.sleep(POLL)
    sys.exit(f"{url} did not show {text!r} within {timeout:g} s:\n{log.read_text(encoding='utf-8')}")


def set_first_need_title(data: Path, title: str) -> None:
    """Rewrite the first need's `rubrik:` line, keeping its indentation, the way an editor would."""
    text = data.read_text(encoding="utf-8")
    behov = text.index("behov:", text.index("\nområden:"))
    match = re.compile(r"^(\s+)rubrik: .*$", re.M).search(text, behov)
    assert match is not None, f"{data} has no need with a title"
    data.write_text(
        text[: match.start()] + f'{match.group(1)}rubrik: "{title}"' + text[match.end() :], encoding="utf-8"
    )


def last_build_seconds(log: Path) -> str:
    """MkDocs' own figure for its latest build, to tell the rebuild from the wait for it."""
    found = re.findall(
        r"Documentation built in ([\d.]+) seconds", log.read_text(encoding="utf-8", errors="replace")
    )
    return f"{float(found[-1]):.3f} s" if found else "?"


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--edits", type=int, default=5, help="how many saves to time")
    parser.add_argument(
        "--scale", type=int, default=0, help="a synthetic N× project instead of the real data"
    )
    # The tests measure a copy with the example färdplan (tests/fixtures/example), not the live data.
    parser.add_argument(
        "--project", type=Path, default=ROOT, help="the project to serve and edit (default: this one)"
    )
    parser.add_argument(
        "--timeout", type=float, default=60, help="seconds to wait for the server or one edit"
    )
    args = parser.parse_args(argv)
    if not MKDOCS.exists():
        sys.exit(
            f"{MKDOCS} not found: run with the project's Python, .venv/bin/python scripts/bench_serve.py"
        )
    if args.edits < 1:
        sys.exit("--edits must be at least 1")

    from fardplan import load_roadmap
    from fardplan.data.routes import area_url

    with tempfile.TemporaryDirectory(prefix="fardplan-serve-") as temp:
        if args.scale:
            folder = make_project(args.scale, Path(temp), args.project).folder
            label = f"{args.scale}× (synthetic)"
        else:
            folder = copy_real_project(Path(temp) / "project", args.project)
            label = "1× (the real data)"
        data = folder / "data" / "roadmap.yaml"
        area = load_roadmap(data).areas[0]
        port = free_port()
        # `mkdocs serve` serves the site under the path of site_url, as it will be published.
        base = urllib.parse.urlsplit(
            yaml.safe_load((folder / "mkdocs.yml").read_text(encoding="utf-8")).get("site_url") or "/"
        ).path.rstrip("/")
        url = f"http://127.0.0.1:{port}{base}/{area_url(area.id)}"
        log = folder / "serve.log"
        print(f"mkdocs serve, {label}, {url}", flush=True)

        with open(log, "wb") as out:
            server = subprocess.Popen(
                [str(MKDOCS), "serve", "--dev-addr", f"127.0.0.1:{port}"],
                cwd=folder,
                env=build_env(),
                stdout=out,
                stderr=subprocess.STDOUT,
            )
        try:
            startup = wait_for(url, area.needs[0].id, server, log, args.timeout)
            print(f"  first build served after {startup:.2f} s")
            latencies = []
            for edit in range(1, args.edits + 1):
                title = f"Rubrik efter sparning {edit} {os.getpid()}"
                set_first_need_title(data, title)
                latencies.append(wait_for(url, title, server, log, args.timeout))
                print(
                    f"  edit {edit}: new title served after {latencies[-1]:.3f} s "
                    f"(MkDocs' rebuild itself: {last_build_seconds(log)})",
                    flush=True,
                )
        finally:
            server.terminate()
            try:
                server.wait(timeout=10)
            except subprocess.TimeoutExpired:
                server.kill()
                server.wait()

    median = statistics.median(latencies)
    print(f"serve latency: median {median:.3f} s, max {max(latencies):.3f} s over {len(latencies)} edit(s)")
    print(f"  target < {TARGET:g} s at 1×: {'met' if median < TARGET else 'MISSED'}")


if __name__ == "__main__":
    main()
