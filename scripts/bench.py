#!/usr/bin/env python3
"""Benchmark: what the färdplan's macros layer costs over a plain Material site, and how it scales.

    .venv/bin/python scripts/bench.py                        # 1×, 10× and 100×, 5 runs each
    .venv/bin/python scripts/bench.py --scales 1 --runs 1    # the smoke run CI does
    .venv/bin/python scripts/bench.py --split                # also (d): where the macros cost goes

For each scale it writes a synthetic but valid project into a temporary folder and times, in
alternating order (a, b, c, a, b, c, …) so that a slow moment on the machine hits all three alike:

    (a) validation alone: fardplan.validate_file() on the scaled roadmap.yaml, in this process;
    (b) `mkdocs build --strict` of the site with the macros plugin, in a new process;
    (c) the same build of a plain Material site: the same pages with the macro output written
        into them once as static Markdown, and no macros plugin.

(b)/(c) is what the macros layer costs. With --split it also times (d), the plain pages built with
the macros plugin loading an empty module: (d)-(c) is the plugin's own cost, (b)-(d) the färdplan's.

Scale k means k× the real färdplan's needs (20), initiatives (11) and responsible bodies (3); the
number of areas grows as 4·√k, so the pages grow both in number and in length. Every need has
2 + 3 actions, so 100× is 2 000 needs and 10 000 actions (the real data has about 2.5 a need).

Numbers only, no pass/fail exit code: the targets are printed as met or missed (see DEVELOPMENT.md).
"""

from __future__ import annotations

import json
import math
import os
import random
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
import tracemalloc
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

ROOT = Path(__file__).resolve().parent.parent
BIN = Path(sys.executable).parent
MKDOCS = BIN / "mkdocs"

# The real färdplan, which scale 1 mirrors.
REAL_AREAS, REAL_NEEDS, REAL_INITIATIVES, REAL_BODIES = 4, 20, 11, 3
CITY_ACTIONS, MORE_ACTIONS = 2, 3  # per need; 5 × 2 000 needs = 10 000 actions at 100×

# Targets from issue 7; printed as met or missed, never a failing exit code.
MAX_OVERHEAD = 1.2  # (b)/(c) at 1× and at 100×
MAX_VALIDATE_100 = 1.0  # seconds, (a) at 100×
MAX_NONLINEARITY = 1.1  # (b) at the largest scale / linear extrapolation from the two smallest

WORDS = [
    "äldreomsorgen",
    "staden",
    "regionen",
    "personalen",
    "kompetensen",
    "samverkan",
    "uppföljningen",
    "hemtjänsten",
    "det",
    "särskilda",
    "boendet",
    "demensvården",
    "tryggheten",
    "bemötandet",
    "kontinuiteten",
    "nämnderna",
    "utbildningen",
    "de",
    "digitala",
    "verktygen",
    "hälso-",
    "och",
    "sjukvården",
    "anhöriga",
    "ensamheten",
    "kvaliteten",
    "ledarskapet",
    "arbetsmiljön",
    "cheferna",
    "undersköterskorna",
    "förebyggande",
    "insatser",
    "rehabiliteringen",
]
VERBS = ("Ta fram", "Pröva", "Följa upp", "Utveckla", "Kartlägga", "Stärka", "Samordna", "Beskriva")
STATUSES = ("föreslagen", "planerad", "pågår", "genomförd", "avbruten")
HORIZONS = ("2023", "2024", '"2022-2024"', '"2023-2026"', "löpande")


# ---------------------------------------------------------------------------------------------
# The scaled project


@dataclass
class Project:
    scale: int
    folder: Path
    data: Path
    areas: list[str]
    needs: int
    actions: int
    yaml_bytes: int
    macros_config: Path = field(init=False)
    plain_config: Path = field(init=False)
    plugin_only_config: Path = field(init=False)

    def __post_init__(self):
        self.macros_config = self.folder / "mkdocs.yml"
        self.plain_config = self.folder / "mkdocs.plain.yml"
        self.plugin_only_config = self.folder / "mkdocs.plugin-only.yml"


def quoted(text: str) -> str:
    """A YAML double-quoted scalar (JSON strings are valid YAML)."""
    return json.dumps(text, ensure_ascii=False)


def sentence(rng: random.Random, words: int) -> str:
    return f"{rng.choice(VERBS)} {' '.join(rng.choice(WORDS) for _ in range(words))}."


def scaled_roadmap(scale: int, source: Path = ROOT) -> str:
    """A valid roadmap.yaml at `scale` × the real one, built as text (ids are unique by construction)."""
    rng = random.Random(scale)  # the same file every run
    real = yaml.load((source / "data" / "roadmap.yaml").read_text(encoding="utf-8"), Loader=yaml.SafeLoader)
    # The real document block (title, summary, background, process), so the start page looks real.
    # The real document and settings (no remiss: its dates would depend on the day of the run).
    settings = {k: v for k, v in real["inställningar"].items() if k != "remiss-epost"}
    out = [
        yaml.safe_dump(
            {"dokument": real["dokument"], "inställningar": settings},
            allow_unicode=True,
            sort_keys=False,
            width=100,
        )
    ]

    bodies = [f"organ-{n}" for n in range(REAL_BODIES * scale)]
    out.append("ansvariga:")
    out += [f"  - id: {b}\n    namn: Nämnd {n + 1}" for n, b in enumerate(bodies)]

    initiatives = [f"initiativ-{n}" for n in range(REAL_INITIATIVES * scale)]
    out.append("nationella-initiativ:")
    for n, ident in enumerate(initiatives):
        out.append(
            f"  - id: {ident}\n    namn: {quoted('Nationellt initiativ ' + str(n + 1))}\n"
            f"    typ: utredning\n    referens: SOU 2022:{n % 90 + 1}\n"
            f"    länk: https://example.org/initiativ/{n}\n    gäller-från: 2022-01-01\n"
            f"    gäller-till: null\n    beskrivning: {quoted(sentence(rng, 14))}"
        )

    area_count = round(REAL_AREAS * math.sqrt(scale))
    need_total = REAL_NEEDS * scale
    out.append("områden:")
    for a in range(area_count):
        out.append(
            f"  - id: omrade-{a}\n    rubrik: {quoted(f'Område {a + 1}: ' + sentence(rng, 4))}\n"
            f"    beskrivning: {quoted(sentence(rng, 15))}\n    behov:"
        )
        # Spread the needs evenly: areas differ by at most one need.
        for n in range(need_total * a // area_count, need_total * (a + 1) // area_count):
            refs = ", ".join(rng.sample(initiatives, 2))
            out.append(
                f"      - id: behov-{n}\n        rubrik: {quoted(f'Behov {n + 1}: ' + sentence(rng, 3))}\n"
                f"        nationellt: [{refs}]\n        staden:"
            )
            for k in range(CITY_ACTIONS):
                out.append(
                    f"          - id: behov-{n}-staden-{k}\n            text: {quoted(sentence(rng, 9))}\n"
                    f"            ansvarig: {rng.choice(bodies)}\n            status: {rng.choice(STATUSES)}"
                )
            out.append("        behöver-göras:")
            for k in range(MORE_ACTIONS):
                out.append(
                    f"          - id: behov-{n}-mer-{k}\n            text: {quoted(sentence(rng, 9))}\n"
                    f"            ansvarig: {rng.choice(bodies)}\n            status: föreslagen\n"
                    f"            tidshorisont: {rng.choice(HORIZONS)}"
                )
            out.append(
                f"        tidshorisont: {rng.choice(HORIZONS)}\n"
                f"        senast-granskad: 2022-01-{rng.randint(1, 28):02d}"
            )
    return "# Synthetic färdplan for scripts/bench.py\n" + "\n".join(out) + "\n"


def mkdocs_yaml(path: Path):
    """The config as MkDocs reads it (its loader knows !ENV and !!python/name tags)."""
    from mkdocs.utils.yaml import get_yaml_loader

    return yaml.load(path.read_text(encoding="utf-8"), Loader=get_yaml_loader())


def with_area_pages(nav, pages: list[str]):
    """The project's nav with its areas entry (`omraden/`, filled by the adapter from the data)
    replaced by `pages`, as the plain baseline needs; other entries stay."""
    from fardplan.data.routes import AREA_DIR

    if nav == AREA_DIR + "/":
        return pages
    if isinstance(nav, list):
        return [with_area_pages(item, pages) for item in nav]
    if isinstance(nav, dict):
        return {key: with_area_pages(value, pages) for key, value in nav.items()}
    return nav


def page_url(src: str) -> str:
    """The page's URL with MkDocs' directory URLs: omraden/x.md -> omraden/x/, index.md -> ''."""
    stem = src[:-3]
    if stem == "index" or stem.endswith("/index"):
        return stem[:-5]
    return stem + "/"


def dump_yaml(value) -> str:
    return yaml.safe_dump(value, allow_unicode=True, sort_keys=False)


def write_configs(folder: Path, base: dict, nav) -> None:
    """The three configs; each inherits the project's own (mkdocs.base.yml) and changes little."""

    def is_macros(plugin) -> bool:
        return plugin == "macros" or (isinstance(plugin, dict) and "macros" in plugin)

    plugins = base.get("plugins", [])
    # (b): the project as it is, with the scaled nav.
    (folder / "mkdocs.yml").write_text(
        dump_yaml({"INHERIT": "mkdocs.base.yml", "nav": nav}), encoding="utf-8"
    )
    # (c): the static pages and every plugin but macros.
    (folder / "mkdocs.plain.yml").write_text(
        dump_yaml(
            {
                "INHERIT": "mkdocs.base.yml",
                "docs_dir": "docs-plain",
                "nav": nav,
                "plugins": [p for p in plugins if not is_macros(p)],
            }
        ),
        encoding="utf-8",
    )
    # (d), with --split: the static pages and the macros plugin loading a module that does
    # nothing, which tells the plugin's own cost from the färdplan's.
    (folder / "bench_empty_module.py").write_text("def define_env(env):\n    pass\n", encoding="utf-8")
    macros: dict[str, Any] = next(
        (p for p in plugins if isinstance(p, dict) and "macros" in p), {"macros": {}}
    )
    empty = {"macros": {**(macros["macros"] or {}), "module_name": "bench_empty_module"}}
    (folder / "mkdocs.plugin-only.yml").write_text(
        dump_yaml(
            {
                "INHERIT": "mkdocs.base.yml",
                "docs_dir": "docs-plain",
                "nav": nav,
                "plugins": [empty if is_macros(p) else p for p in plugins],
            }
        ),
        encoding="utf-8",
    )


def write_plain_pages(folder: Path, plain_docs: Path) -> None:
    """The baseline's pages: each page that is a template gets the output of the real macros
    plugin written into it once (its own on_page_markdown, run in this process on the scaled
    project), and loses `render_macros`; every other page is copied as it is."""
    from mkdocs.config import load_config
    from mkdocs.structure.files import get_files
    from mkdocs.structure.nav import get_navigation
    from mkdocs.structure.pages import Page

    config = load_config(str(folder / "mkdocs.yml"))
    config = config.plugins.on_config(config)  # runs define_env: loads and validates the data
    macros = config.plugins["macros"]
    files = config.plugins.on_files(get_files(config), config=config)  # adds the areas' pages
    get_navigation(files, config)  # gives the pages in nav their Page objects
    shutil.copytree(config.docs_dir, plain_docs)
    for file in files.documentation_pages():
        page = file.page or Page(None, file, config)
        page.read_source(config)
        assert page.markdown is not None  # read_source set it
        if not page.meta.get("render_macros"):
            continue
        body = macros.on_page_markdown(page.markdown, page=page, config=config, files=files)
        if body is None:  # a plugin's way of saying "unchanged"
            body = page.markdown
        meta = {k: v for k, v in page.meta.items() if k != "render_macros"}
        head = f"---\n{dump_yaml(meta)}---\n" if meta else ""
        (plain_docs / file.src_uri).parent.mkdir(parents=True, exist_ok=True)
        (plain_docs / file.src_uri).write_text(head + body, encoding="utf-8")


def make_project(scale: int, workdir: Path, source: Path = ROOT) -> Project:
    from fardplan import load_roadmap
    from fardplan.data.routes import area_page_source

    folder = workdir / f"scale-{scale}"
    if folder.exists():  # a kept --workdir from an earlier run
        shutil.rmtree(folder)
    ignore = shutil.ignore_patterns("__pycache__")
    for name in ("docs", "macros", "data", "overrides"):
        shutil.copytree(source / name, folder / name, ignore=ignore)
    # The project's config stays as it is; the scaled configs inherit it and change only the nav
    # (and, for the plain site, the docs folder and the plugins).
    shutil.copy(source / "mkdocs.yml", folder / "mkdocs.base.yml")
    data = folder / "data" / "roadmap.yaml"
    data.write_text(scaled_roadmap(scale, source), encoding="utf-8")
    roadmap = load_roadmap(data)  # also proves the synthetic data valid

    # The areas' pages come from the data; the plain baseline lists them in its nav.
    pages = [area_page_source(area.id) for area in roadmap.areas]

    base = mkdocs_yaml(source / "mkdocs.yml")
    write_configs(folder, base, with_area_pages(base.get("nav"), pages))
    write_plain_pages(folder, folder / "docs-plain")

    return Project(
        scale,
        folder,
        data,
        [a.id for a in roadmap.areas],
        needs=sum(1 for _ in roadmap.needs()),
        actions=sum(1 for _ in roadmap.actions()),
        yaml_bytes=data.stat().st_size,
    )


# ---------------------------------------------------------------------------------------------
# Measurements


def build_env() -> dict[str, str]:
    env = dict(os.environ)
    # Measure what a developer's machine does: Python and Jinja keep compiled code between runs
    # (some sandboxes and CI images turn that off, which makes every build compile our core).
    env.pop("PYTHONDONTWRITEBYTECODE", None)
    env["PATH"] = f"{BIN}{os.pathsep}{env.get('PATH', '')}"
    env.setdefault("NO_MKDOCS_2_WARNING", "1")
    # The macros layer is measured without the PDF, as `dev.py serve` builds; the PDF's own time
    # is in DEVELOPMENT.md ("The printed färdplan").
    env["FARDPLAN_PDF"] = "0"
    return env


@dataclass
class Build:
    seconds: float
    cpu_seconds: float  # user + system: steadier than wall time on a machine shared with others
    max_rss: int  # bytes
    site_bytes: int


def folder_size(folder: Path) -> int:
    return sum(p.stat().st_size for p in folder.rglob("*") if p.is_file())


def run_build(project: Project, config: Path, site: Path) -> Build:
    """One `mkdocs build` in a new process, with its own peak memory (wait4 reports that child
    alone, where RUSAGE_CHILDREN would report the largest child so far)."""
    log = project.folder / f"{config.stem}.log"
    command = [str(MKDOCS), "build", "--strict", "-f", str(config), "-d", str(site)]
    with open(log, "wb") as out:
        start = time.perf_counter()
        process = subprocess.Popen(
            command, cwd=project.folder, env=build_env(), stdout=out, stderr=subprocess.STDOUT
        )
        if hasattr(os, "wait4"):
            _, status, usage = os.wait4(process.pid, 0)
            seconds = time.perf_counter() - start
            process.returncode = os.waitstatus_to_exitcode(status)
            max_rss = usage.ru_maxrss * 1024  # kilobytes on Linux
            cpu = usage.ru_utime + usage.ru_stime
        else:  # pragma: no cover - Windows has no wait4
            process.wait()
            seconds, cpu, max_rss = time.perf_counter() - start, 0.0, 0
    if process.returncode:
        sys.exit(f"{' '.join(command)} failed ({process.returncode}):\n{log.read_text(encoding='utf-8')}")
    return Build(seconds, cpu, max_rss, folder_size(site))


def run_validate(project: Project) -> float:
    from fardplan import validate_file

    start = time.perf_counter()
    result = validate_file(project.data)
    seconds = time.perf_counter() - start
    if not result.ok:
        sys.exit("the synthetic data is invalid:\n" + "\n".join(d.text() for d in result.errors[:20]))
    return seconds


def validate_peak_memory(project: Project) -> int:
    """Peak bytes allocated by Python during one validation (untimed: tracemalloc slows it down)."""
    from fardplan import validate_file

    tracemalloc.start()
    try:
        validate_file(project.data)
        return tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()


@dataclass
class Figures:
    project: Project
    validate: list[float] = field(default_factory=list)
    builds: dict[str, list[Build]] = field(default_factory=dict)  # "b", "c" and, with --split, "d"
    validate_peak: int = 0
    probe: dict = field(default_factory=dict)  # the färdplan's own work inside one build of (b)

    @property
    def a(self) -> float:
        return statistics.median(self.validate)

    def wall(self, key: str) -> float:
        return statistics.median(b.seconds for b in self.builds[key])

    def cpu(self, key: str) -> float:
        return statistics.median(b.cpu_seconds for b in self.builds[key])

    def fastest(self, key: str) -> float:
        """The fastest run: other work on the machine only ever adds time, so on a shared machine
        this is the best estimate of the build's own cost."""
        return min(b.seconds for b in self.builds[key])

    def peak(self, key: str) -> int:
        return max(b.max_rss for b in self.builds[key])

    def site(self, key: str) -> int:
        return self.builds[key][-1].site_bytes


BUILDS = {  # key: (label, config attribute of Project)
    "b": ("(b) macros build", "macros_config"),
    "c": ("(c) plain build", "plain_config"),
    "d": ("(d) plugin only", "plugin_only_config"),
}


def measure(project: Project, runs: int, warmup: int, split: bool) -> Figures:
    keys = ["b", "c", "d"] if split else ["b", "c"]
    figures = Figures(project, builds={key: [] for key in keys})

    def round_() -> tuple[float, dict[str, Build]]:
        # One round in a fixed order (a, b, c[, d]), so a busy moment on the machine hits all alike.
        seconds = run_validate(project)
        return seconds, {
            key: run_build(project, getattr(project, BUILDS[key][1]), project.folder / f"site-{key}")
            for key in keys
        }

    for _ in range(warmup):  # untimed: fills the disk cache and writes compiled code of a fresh copy
        round_()
    for _ in range(runs):
        seconds, builds = round_()
        figures.validate.append(seconds)
        for key, build in builds.items():
            figures.builds[key].append(build)
    figures.validate_peak = validate_peak_memory(project)
    figures.probe = run_probe(project)
    return figures


def run_probe(project: Project) -> dict:
    """One more build of (b), untimed, in a child that times the färdplan's own functions: CPU
    time inside the build is steadier than comparing two builds on a busy machine, and it counts
    how often the data is read (once per build is the design)."""
    command = [
        sys.executable,
        str(Path(__file__).resolve()),
        "--probe",
        str(project.macros_config),
        str(project.folder / "site-probe"),
    ]
    result = subprocess.run(command, cwd=project.folder, env=build_env(), capture_output=True, text=True)
    lines = [line for line in result.stdout.splitlines() if line.startswith("{")]
    if result.returncode or not lines:
        sys.exit(f"the instrumented build failed:\n{result.stdout}{result.stderr}")
    return json.loads(lines[-1])


def probe_build(config: str, site: str) -> None:
    """Runs in the child (bench.py --probe CONFIG SITE): `mkdocs build` with timers around the
    core's entry points, then one JSON line. The product's code is not changed, only wrapped."""
    start = time.process_time()
    import material.plugins.search.plugin  # type: ignore[import-untyped]  # noqa: F401 - what a build imports before the core
    import mkdocs_macros.plugin  # noqa: F401
    from mkdocs.commands.build import build
    from mkdocs.config import load_config

    before_core = time.process_time()
    import fardplan
    import fardplan.data.validate
    import fardplan.pages.render
    import fardplan.site

    cpu: Counter[str] = Counter({"import": time.process_time() - before_core})
    calls: Counter[str] = Counter()

    def timed(owner, name: str, label: str) -> None:
        function = getattr(owner, name)

        def wrapper(*args, **kwargs):
            calls[label] += 1
            began = time.process_time()
            try:
                return function(*args, **kwargs)
            finally:
                cpu[label] += time.process_time() - began

        setattr(owner, name, wrapper)

    timed(fardplan.data.validate, "read_source", "read")
    timed(fardplan.site, "validate_file", "validate")  # as the core's prepare_site imports it
    timed(fardplan.pages.render.SiteRenderer, "_render", "render")
    build(load_config(config, site_dir=site, strict=True))
    print(json.dumps({"cpu": dict(cpu), "calls": dict(calls), "total": time.process_time() - start}))


# ---------------------------------------------------------------------------------------------
# Report

MB = 1024 * 1024


def linear_extrapolation(x1: float, y1: float, x2: float, y2: float, x: float) -> float:
    return y1 + (y2 - y1) / (x2 - x1) * (x - x1)


def report_scale(f: Figures) -> None:
    p = f.project
    print(
        f"scale {p.scale}×: {len(p.areas)} areas, {p.needs} needs, {p.actions} actions, "
        f"roadmap.yaml {p.yaml_bytes / 1024:.0f} kB, {len(f.validate)} runs"
    )
    print(
        f"  (a) validate:     median {f.a:7.3f} s  {1000 * f.a / p.needs:6.3f} ms/need  "
        f"fastest {min(f.validate):7.3f} s  peak traced memory {f.validate_peak / MB:6.1f} MB"
    )
    for key in f.builds:
        label = BUILDS[key][0] + ":"
        print(
            f"  {label:<18}median {f.wall(key):7.3f} s  {1000 * f.wall(key) / p.needs:6.3f} ms/need  "
            f"fastest {f.fastest(key):7.3f} s  CPU {f.cpu(key):7.3f} s  "
            f"peak RSS {f.peak(key) / MB:6.1f} MB  site {f.site(key) / MB:6.2f} MB"
        )
    cost = f.wall("b") - f.wall("c")
    print(
        f"  (b)/(c): {f.wall('b') / f.wall('c'):.3f}   fastest runs: {f.fastest('b') / f.fastest('c'):.3f}   "
        f"CPU: {f.cpu('b') / f.cpu('c'):.3f}   "
        f"macros cost (b)-(c): {cost:+.3f} s, {1000 * cost / p.needs:+.3f} ms/need"
    )
    probe = f.probe
    ours = probe["cpu"]["import"] + probe["cpu"]["validate"] + probe["cpu"]["render"]
    print(
        f"  the färdplan's own CPU inside one build of (b): import {probe['cpu']['import']:.3f} s, "
        f"validation {probe['cpu']['validate']:.3f} s, rendering {probe['cpu']['render']:.3f} s "
        f"({probe['calls']['render']} pages) = {ours:.3f} s, {ours / f.cpu('c'):.3f} × the CPU of (c); "
        f"data read {probe['calls']['read']} time(s) per build"
    )
    if "d" in f.builds:
        print(
            f"  of which the plugin itself (d)-(c): {f.wall('d') - f.wall('c'):+.3f} s "
            f"(fastest {f.fastest('d') - f.fastest('c'):+.3f} s, CPU {f.cpu('d') - f.cpu('c'):+.3f} s), "
            f"the färdplan (b)-(d): {f.wall('b') - f.wall('d'):+.3f} s "
            f"(fastest {f.fastest('b') - f.fastest('d'):+.3f} s, CPU {f.cpu('b') - f.cpu('d'):+.3f} s)"
        )
    sys.stdout.flush()


def verdict(ok: bool) -> str:
    return "met" if ok else "MISSED"


def report_summary(all_figures: list[Figures]) -> None:
    print("\nSummary (Markdown):\n")
    print(
        "| scale | areas | needs | actions | (a) validate | (a) ms/need | (b) macros build | (b) ms/need "
        "| (c) plain build | (b)/(c) | (b)/(c) fastest | (b)/(c) CPU | (b) peak RSS | (c) peak RSS | (b) site size |"
    )
    print(
        "| ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |"
    )
    for f in all_figures:
        p = f.project
        print(
            f"| {p.scale}× | {len(p.areas)} | {p.needs} | {p.actions} | {f.a:.3f} s | {1000 * f.a / p.needs:.3f} "
            f"| {f.wall('b'):.2f} s | {1000 * f.wall('b') / p.needs:.2f} | {f.wall('c'):.2f} s "
            f"| {f.wall('b') / f.wall('c'):.3f} | {f.fastest('b') / f.fastest('c'):.3f} "
            f"| {f.cpu('b') / f.cpu('c'):.3f} "
            f"| {f.peak('b') / MB:.0f} MB | {f.peak('c') / MB:.0f} MB | {f.site('b') / MB:.1f} MB |"
        )

    print("\nLinearity and targets, judged on wall-clock medians; beside them the same from the fastest runs")
    print("and from CPU time, which suffer less from other work on the machine:")
    by_scale = {f.project.scale: f for f in all_figures}
    if len(all_figures) >= 3:
        ordered = sorted(all_figures, key=lambda f: f.project.needs)
        small, middle, large = ordered[0], ordered[1], ordered[-1]

        def linearity(value) -> tuple[float, float]:
            expected = linear_extrapolation(
                small.project.needs, value(small), middle.project.needs, value(middle), large.project.needs
            )
            return value(large), expected

        def ratio(value) -> float:
            took, expected = linearity(value)
            return took / expected if expected > 0 else float("inf")

        measures = [
            ("(a) validate", lambda f: f.a, None),
            ("(b) macros build", lambda f: f.wall("b"), "b"),
            ("(c) plain build", lambda f: f.wall("c"), "c"),
        ]
        for label, wall, key in measures:
            took, expected = linearity(wall)
            line = (
                f"  linearity {label}: {large.project.scale}× took {took:.3f} s, linear from "
                f"{small.project.scale}× and {middle.project.scale}× predicts {expected:.3f} s, "
                f"ratio {ratio(wall):.3f}"
            )
            if key is not None:
                line += (
                    f"; fastest runs {ratio(lambda f, key=key: f.fastest(key)):.3f}, "
                    f"CPU {ratio(lambda f, key=key: f.cpu(key)):.3f}"
                )
            if label.startswith("(b) "):
                line += f" (target ≤ {MAX_NONLINEARITY}: {verdict(ratio(wall) <= MAX_NONLINEARITY)})"
            print(line)
    else:
        print("  linearity: needs three scales (for example --scales 1,10,100)")
    for scale in (1, 100):
        if scale in by_scale:
            f = by_scale[scale]
            median = f.wall("b") / f.wall("c")
            fastest, cpu = f.fastest("b") / f.fastest("c"), f.cpu("b") / f.cpu("c")
            print(
                f"  target (b)/(c) ≤ {MAX_OVERHEAD} at {scale}×: {median:.3f} "
                f"({verdict(median <= MAX_OVERHEAD)}); fastest runs {fastest:.3f} "
                f"({verdict(fastest <= MAX_OVERHEAD)}), CPU {cpu:.3f} ({verdict(cpu <= MAX_OVERHEAD)})"
            )
    if 100 in by_scale:
        f, limit = by_scale[100], MAX_VALIDATE_100
        print(
            f"  target validation of 100× < {limit:g} s: {f.a:.3f} s ({verdict(f.a < limit)}); "
            f"fastest run {min(f.validate):.3f} s ({verdict(min(f.validate) < limit)})"
        )


def load_average() -> str:
    try:
        return " ".join(f"{x:.2f}" for x in os.getloadavg())
    except OSError:  # pragma: no cover - not on every system
        return "unknown"


def main(argv: list[str] | None = None) -> None:
    argv = sys.argv[1:] if argv is None else argv
    if argv[:1] == ["--probe"]:
        probe_build(*argv[1:3])
        return
    from fardplan.cli import SwedishArgumentParser

    parser = SwedishArgumentParser(
        prog="fardplan bench",
        description="Mät vad makrolagret kostar över en vanlig Material-webbplats och hur det växer\n"
        "(tal på engelska, se DEVELOPMENT.md under Performance).",
    )
    parser.add_argument(
        "--scales",
        default="1,10,100",
        metavar="SKALOR",
        help="gånger den riktiga färdplanen, med komma emellan",
    )
    parser.add_argument(
        "--runs", type=int, default=5, metavar="ANTAL", help="mätta omgångar av (a), (b), (c) per skala"
    )
    parser.add_argument(
        "--warmup", type=int, default=1, metavar="ANTAL", help="omätta omgångar före de mätta"
    )
    parser.add_argument(
        "--workdir",
        type=Path,
        metavar="MAPP",
        help="behåll de skapade projekten här (standard: en tillfällig mapp)",
    )
    # The tests measure a copy with the example färdplan (tests/fixtures/example), not the live data.
    parser.add_argument(
        "--project",
        type=Path,
        default=ROOT,
        metavar="MAPP",
        help="projektet vars sidor, inställningar och dokumentblock används (standard: det här)",
    )
    parser.add_argument(
        "--split",
        action="store_true",
        help="mät också (d): den vanliga webbplatsen med makrotillägget och en tom modul",
    )
    args = parser.parse_args(argv)
    scales = [int(s) for s in args.scales.split(",") if s.strip()]
    if not MKDOCS.exists():
        sys.exit(f"{MKDOCS} not found: run with the project's Python, .venv/bin/python scripts/bench.py")
    if args.runs < 1 or any(s < 1 for s in scales):
        sys.exit("--runs and every scale must be at least 1")

    order = "a, b, c, d" if args.split else "a, b, c"
    print(
        f"Python {sys.version.split()[0]}, {os.cpu_count()} CPUs, load average {load_average()}; "
        f"{args.runs} runs per scale, {args.warmup} warm-up round(s); order {order}, {order}, …",
        flush=True,
    )
    with tempfile.TemporaryDirectory(prefix="fardplan-bench-") as temp:
        workdir = args.workdir or Path(temp)
        workdir.mkdir(parents=True, exist_ok=True)
        results = []
        for scale in scales:
            project = make_project(scale, workdir, args.project)
            figures = measure(project, args.runs, args.warmup, args.split)
            report_scale(figures)
            results.append(figures)
        report_summary(results)
    print(f"load average at the end: {load_average()} (other work on the machine slows every figure)")


if __name__ == "__main__":
    main()
