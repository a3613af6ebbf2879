"""The benchmarks run and print their figures (CI's smoke run at 1×), and each build reads the
data once. Nothing here asserts a time: timings belong in DEVELOPMENT.md, not in a test."""

from __future__ import annotations

import os
import re
import subprocess
import sys
from collections import Counter

import pytest
from mkdocs.commands.build import build
from mkdocs.config import load_config

import fardplan.data.validate
from fardplan import load_roadmap
from support import DATA, ROOT, copy_project

ENV = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}
NUMBER = r"\d+(\.\d+)?"
pytestmark = pytest.mark.slow


def run_script(tmp_path, name: str, *args: str) -> str:
    """The benchmark on a copy with the example färdplan."""
    project = copy_project(tmp_path / "project")
    result = subprocess.run(
        [sys.executable, str(ROOT / "scripts" / name), "--project", str(project), *args],
        cwd=project,
        env=ENV,
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert result.returncode == 0, result.stdout + result.stderr
    return result.stdout


def test_benchmark_at_1x_prints_every_figure(tmp_path):
    # The smallest run: one scale, one measured round, no warm-up round.
    out = run_script(tmp_path, "bench.py", "--scales", "1", "--runs", "1", "--warmup", "0")
    assert re.search(r"scale 1×: 4 areas, 20 needs, 100 actions", out), out
    assert re.search(
        rf"\(a\) validate: +median +{NUMBER} s +{NUMBER} ms/need .*peak traced memory +{NUMBER} MB", out
    ), out
    for label in (r"\(b\) macros build", r"\(c\) plain build"):
        assert re.search(
            rf"{label}: +median +{NUMBER} s +{NUMBER} ms/need .*peak RSS +{NUMBER} MB +site +{NUMBER} MB", out
        ), out
    assert re.search(rf"\(b\)/\(c\): {NUMBER}", out), out
    # The instrumented build in a child process reads the data once, like every build.
    assert re.search(
        rf"the färdplan's own CPU inside one build of \(b\): import {NUMBER} s, "
        rf"validation {NUMBER} s, rendering {NUMBER} s \(\d+ pages\) = {NUMBER} s, "
        r".* data read 1 time\(s\) per build",
        out,
    ), out
    assert re.search(rf"target \(b\)/\(c\) ≤ 1.2 at 1×: {NUMBER} \((met|MISSED)\)", out), out
    assert "| 1× | 4 | 20 | 100 |" in out  # the Markdown table row for DEVELOPMENT.md


def test_serve_latency_is_measured_once(tmp_path):
    out = run_script(tmp_path, "bench_serve.py", "--edits", "1")
    assert re.search(rf"edit 1: new title served after {NUMBER} s", out), out
    assert re.search(rf"serve latency: median {NUMBER} s, max {NUMBER} s over 1 edit", out), out


def test_each_build_reads_and_validates_the_data_once(monkeypatch, tmp_path):
    calls: Counter[str] = Counter()

    def counted(name, function):
        def wrapper(*args, **kwargs):
            calls[name] += 1
            return function(*args, **kwargs)

        return wrapper

    for name in ("read_source", "check_schema", "check_semantics", "build_roadmap"):
        monkeypatch.setattr(
            fardplan.data.validate, name, counted(name, getattr(fardplan.data.validate, name))
        )
    site = tmp_path / "site"
    project = copy_project(tmp_path / "project")
    areas = load_roadmap(DATA).areas
    calls.clear()

    for builds in (1, 2):  # a second build, as `mkdocs serve` does after a save, reads it once more
        build(load_config(str(project / "mkdocs.yml"), site_dir=str(site), strict=True))
        assert calls == {
            "read_source": builds,
            "check_schema": builds,
            "check_semantics": builds,
            "build_roadmap": builds,
        }
        for area in areas:  # every page was rendered from that one read
            html = (site / "omraden" / area.id / "index.html").read_text(encoding="utf-8")
            assert f'<tr id="{area.needs[0].id}"' in html
