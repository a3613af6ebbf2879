#!/usr/bin/env python3
"""Benchmark, not a CI gate: Lighthouse (mobile) on the start page and one area page, the median of
five runs each.

    python3 scripts/dev.py build            # the site to measure, in site/
    python3 scripts/lighthouse.py           # or: python3 scripts/lighthouse.py --site other/folder

Lighthouse is pinned in scripts/lighthouse/package.json and package-lock.json and installed there
with `npm ci` on first use (Node 20; Lighthouse 13 needs Node 22). It drives Debian's Chromium
(CHROME_PATH=/usr/bin/chromium); nothing downloads a browser. The site is served on 127.0.0.1
with gzip, as a web host would, so the transferred weights are realistic. Reports go to
bench-output/. The figures and targets are recorded in DEVELOPMENT.md.
"""

from __future__ import annotations

import argparse
import functools
import gzip
import http.server
import json
import mimetypes
import os
import shutil
import subprocess
import sys
import threading
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
TOOL = ROOT / "scripts" / "lighthouse"
LIGHTHOUSE = TOOL / "node_modules" / ".bin" / "lighthouse"
OUTPUT = ROOT / "bench-output"
PAGES = {"start": "", "omrade": "omraden/organisation-och-styrning/"}
TARGETS = {"performance": 0.95, "accessibility": 1.0, "best-practices": 1.0, "seo": 1.0}
# The start page's HTML, CSS, JS and fonts, compressed, in kilobytes (a plain Material page is about 64).
WEIGHT_BUDGET_KB = 120
WEIGHED_TYPES = {"Document", "Stylesheet", "Script", "Font"}
COMPRESSIBLE = {".html", ".css", ".js", ".json", ".svg", ".xml", ".txt"}


class GzipHandler(http.server.SimpleHTTPRequestHandler):
    """Static files, gzip-compressed when the browser accepts it (as GitHub Pages does)."""

    def log_message(self, *args):
        pass

    def do_GET(self):
        path = Path(self.translate_path(self.path))
        if path.is_dir():
            path = path / "index.html"
        if (
            path.is_file()
            and path.suffix in COMPRESSIBLE
            and "gzip" in self.headers.get("Accept-Encoding", "")
        ):
            body = gzip.compress(path.read_bytes())
            self.send_response(200)
            self.send_header("Content-Type", mimetypes.guess_type(path.name)[0] or "application/octet-stream")
            self.send_header("Content-Encoding", "gzip")
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            self.wfile.write(body)
            return
        super().do_GET()


def ensure_lighthouse() -> None:
    """Installs the pinned Lighthouse on first use; a failing install is a Swedish message."""
    if LIGHTHOUSE.exists():
        return
    if not shutil.which("npm"):
        sys.exit("npm saknas. Installera Node 20 med npm (till exempel apt-get install nodejs npm).")
    print("Installerar Lighthouse med npm ci i scripts/lighthouse/ (första gången) …", flush=True)
    done = subprocess.run(
        ["npm", "ci", "--no-audit", "--no-fund"],
        cwd=TOOL,
        check=False,
        capture_output=True,
        text=True,
        env={**os.environ, "PUPPETEER_SKIP_DOWNLOAD": "1"},
    )
    if done.returncode != 0:
        # npm puts the reason first and its usage text after it.
        said = [
            line
            for line in (done.stderr or done.stdout).splitlines()
            if line.removeprefix("npm error").strip()
        ]
        npm_said = "\n".join(f"  {line}" for line in said[:6])
        sys.exit(
            "Lighthouse kunde inte installeras: npm ci i scripts/lighthouse/ misslyckades.\n"
            "Vanliga orsaker: package-lock.json stämmer inte med package.json (kör\n"
            "  npm install --package-lock-only\n"
            "i scripts/lighthouse/ och checka in den nya låsfilen), ingen kontakt med npm-registret,\n"
            "eller en för gammal Node (Lighthouse 12 behöver Node 18 eller senare).\n"
            f"Det här skrev npm:\n{npm_said}"
        )


def run_lighthouse(url: str, report: Path) -> dict:
    chrome = os.environ.get("CHROME_PATH") or shutil.which("chromium") or "/usr/bin/chromium"
    if not Path(chrome).is_file():
        sys.exit(f"Chromium saknas ({chrome}). Installera Debians Chromium: apt-get install chromium")
    report.unlink(missing_ok=True)  # an old report must not pass for this run's
    done = subprocess.run(
        [
            str(LIGHTHOUSE),
            url,
            "--quiet",
            "--output=json",
            f"--output-path={report}",
            "--only-categories=performance,accessibility,best-practices,seo",
            "--form-factor=mobile",
            "--chrome-flags=--headless --no-sandbox --disable-gpu --disable-background-networking",
        ],
        check=False,
        capture_output=True,
        text=True,
        env={**os.environ, "CHROME_PATH": chrome},
    )
    if done.returncode != 0 or not report.is_file():
        lines = "\n".join(f"  {line}" for line in (done.stderr or done.stdout).strip().splitlines()[-12:])
        sys.exit(f"Lighthouse misslyckades med {url}. Det här skrev Lighthouse:\n{lines}")
    return json.loads(report.read_text(encoding="utf-8"))


def median_run(url: str, report: Path, runs: int) -> dict:
    """The run with the median performance score of `runs` (Lighthouse's own advice: one run
    varies with what else the computer does). Its report is kept in `report`."""
    results = []
    for _ in range(runs):
        results.append((run_lighthouse(url, report), report.read_text(encoding="utf-8")))
    results.sort(key=lambda pair: pair[0]["categories"]["performance"]["score"])
    result, text = results[len(results) // 2]
    report.write_text(text, encoding="utf-8")
    return result


def transferred_kb(result: dict) -> float:
    items = result["audits"]["network-requests"]["details"]["items"]
    return sum(i.get("transferSize", 0) for i in items if i.get("resourceType") in WEIGHED_TYPES) / 1024


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="Lighthouse (mobil) på startsidan och en områdessida.")
    parser.add_argument("--site", type=Path, default=ROOT / "site", help="den byggda webbplatsen (site/)")
    parser.add_argument(
        "--körningar",
        dest="runs",
        type=int,
        default=5,
        help="körningar per sida; medianen räknas (prestandan varierar med datorns last), standard 5",
    )
    args = parser.parse_args(argv)
    if not (args.site / "index.html").is_file():
        sys.exit(f"{args.site} är ingen byggd webbplats: kör först python3 scripts/dev.py build")
    ensure_lighthouse()
    OUTPUT.mkdir(exist_ok=True)

    server = http.server.ThreadingHTTPServer(
        ("127.0.0.1", 0), functools.partial(GzipHandler, directory=str(args.site))
    )
    threading.Thread(target=server.serve_forever, daemon=True).start()
    base = f"http://127.0.0.1:{server.server_address[1]}/"
    missed = []
    try:
        for name, path in PAGES.items():
            result = median_run(base + path, OUTPUT / f"lighthouse-{name}.json", max(1, args.runs))
            scores = {key: result["categories"][key]["score"] for key in TARGETS}
            weight = transferred_kb(result)
            print(
                f"{name:7} "
                + "  ".join(f"{k} {v:.2f}" for k, v in scores.items())
                + f"  överfört (HTML, CSS, JS, typsnitt) {weight:.1f} kB"
            )
            missed += [f"{name}: {k} {scores[k]:.2f} < {t}" for k, t in TARGETS.items() if scores[k] < t]
            if name == "start" and weight > WEIGHT_BUDGET_KB:
                missed.append(f"start: {weight:.1f} kB > {WEIGHT_BUDGET_KB} kB")
            for audit in result["audits"].values():
                if (
                    audit.get("score") is not None
                    and audit["score"] < 1
                    and audit.get("scoreDisplayMode") == "binary"
                ):
                    print(f"        - {audit['id']}: {audit['title']}")
    finally:
        server.shutdown()
    if missed:
        print("Under målen:\n  " + "\n  ".join(missed))
        return 1
    print("Alla mål nådda.")
    return 0


if __name__ == "__main__":
    sys.exit(main())
