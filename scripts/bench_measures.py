#!/usr/bin/env python3
"""What measures (mått) cost the build: bench.py's 1× project (20 needs) with and without three
measures per need (60 charts, eight years of values each, with Riket, women and men).

    .venv/bin/python scripts/bench_measures.py --runs 7

Prints, for each variant, the median and fastest wall time and CPU time of `mkdocs build --strict`
in a new process (alternating the two), and the färdplan core's own time in this process for
validating and rendering every page and the open data. Asserts nothing; see DEVELOPMENT.md.
"""

from __future__ import annotations

import argparse
import shutil
import statistics
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
import bench

MEASURES_PER_NEED = 3


def measure_block(need: int) -> str:
    lines = ["        mått:"]
    for k in range(MEASURES_PER_NEED):
        lines += [
            f"          - id: behov-{need}-matt-{k}",
            f"            namn: Mått {k + 1} för behov {need + 1}",
            "            enhet: procent",
            f"            bättre: {'högre' if k % 2 else 'lägre'}",
            "            källa: {kolada: N" + f"{10000 + need * 3 + k:05d}" + "}",
            "            utgångsläge: {år: 2016, värde: 40}",
            "            mål: {år: 2026, värde: 30}",
            "            värden:",
        ]
        lines += [
            f"              - {{år: {2016 + y}, värde: {40 - y * 0.7 + k:.1f}, riket: {38 - y * 0.3:.1f}, "
            f"kvinnor: {41 - y * 0.6:.1f}, män: {39 - y * 0.8:.1f}}}"
            for y in range(8)
        ]
    return "\n".join(lines)


def with_measures(text: str) -> str:
    out, need = [], -1
    for line in text.split("\n"):
        if line.startswith("      - id: behov-"):
            need = int(line.rsplit("-", 1)[1])
        out.append(line)
        if line.startswith("        senast-granskad: "):
            out.append(measure_block(need))
    return "\n".join(out)


def core_seconds(data: Path, runs: int) -> float:
    """Validate and render every page and the open data with the core, as a build does."""
    from fardplan import load_roadmap
    from fardplan.pages.render import SiteRenderer
    from fardplan.versions.opendata import actions_csv, measures_csv, roadmap_json

    times = []
    for _ in range(runs):
        start = time.perf_counter()
        roadmap = load_roadmap(data)
        renderer = SiteRenderer(roadmap)
        for area in roadmap.areas:
            renderer.area_page(area.id)
        renderer.follow_up_page()
        roadmap_json(roadmap), actions_csv(roadmap), measures_csv(roadmap)
        times.append(time.perf_counter() - start)
    return statistics.median(times)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=5)
    args = parser.parse_args()
    work = Path(tempfile.mkdtemp(prefix="bench-measures-"))
    try:
        plain = bench.make_project(1, work / "plain")
        measured = bench.make_project(1, work / "measured")
        measured.data.write_text(with_measures(measured.data.read_text(encoding="utf-8")), encoding="utf-8")
        charts = sum(len(n.measures) for n in __import__("fardplan").load_roadmap(measured.data).needs())
        builds: dict[str, list[bench.Build]] = {"utan mått": [], "med mått": []}
        for _ in range(args.runs):
            for name, project in (("utan mått", plain), ("med mått", measured)):
                site = project.folder / "site"
                shutil.rmtree(site, ignore_errors=True)
                builds[name].append(bench.run_build(project, project.folder / "mkdocs.yml", site))
        print(f"{charts} mått (diagram) i {measured.needs} behov, {args.runs} byggen var:")
        for name, runs in builds.items():
            print(
                f"  {name}: median {statistics.median(b.seconds for b in runs):.3f} s, snabbast "
                f"{min(b.seconds for b in runs):.3f} s, CPU median {statistics.median(b.cpu_seconds for b in runs):.3f} s"
            )
        for stat in ("median", "min"):
            pick = statistics.median if stat == "median" else min
            wall = pick(b.seconds for b in builds["med mått"]) - pick(b.seconds for b in builds["utan mått"])
            cpu = pick(b.cpu_seconds for b in builds["med mått"]) - pick(
                b.cpu_seconds for b in builds["utan mått"]
            )
            print(f"  skillnad ({stat}): {wall:+.3f} s vägg, {cpu:+.3f} s CPU")
        core_plain, core_measured = (
            core_seconds(plain.data, args.runs),
            core_seconds(measured.data, args.runs),
        )
        print(
            f"  kärnan (validera, alla sidor, öppna data): {core_plain:.3f} s utan, {core_measured:.3f} s med mått, "
            f"skillnad {core_measured - core_plain:+.3f} s"
        )
    finally:
        shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    main()
