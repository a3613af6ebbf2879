#!/usr/bin/env python3
"""Print the whole färdplan ("Hela färdplanen") to a PDF with headless Chromium.

    python3 scripts/pdf.py site/ fardplan.pdf                  # a built site folder
    python3 scripts/pdf.py https://example.org/2022/ fp.pdf     # or the URL of a published version

A folder is served on 127.0.0.1 for the duration of the print, so the page loads exactly as it
does on the web. The print styles (docs/assets/fardplan.css) hide the navigation, start each area
on a new page, write out link targets and number the pages. The publishing workflow can attach
the PDF to each version. Besides the core's command-line helpers only the standard library is
used; the browser is Debian's Chromium (or CHROMIUM_PATH), never one downloaded by a tool.
"""
from __future__ import annotations

import functools
import http.server
import os
import shutil
import subprocess
import tempfile
import threading
from pathlib import Path

from fardplan.cli import EXIT_DATA, EXIT_USAGE, SwedishArgumentParser, fail, run

# The page that holds the whole färdplan, relative to the site root (overviews.WHOLE_DOCUMENT_URL).
WHOLE_DOCUMENT = "hela-fardplanen/"
CHROMIUM_FLAGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
                  "--no-first-run", "--disable-component-update", "--disable-sync",
                  # The page numbers come from the site's own @page rules, not Chromium's header/footer.
                  "--no-pdf-header-footer"]


class _QuietHandler(http.server.SimpleHTTPRequestHandler):
    def log_message(self, *args):
        pass


class PrintFailed(Exception):
    pass


def chromium() -> str:
    path = os.environ.get("CHROMIUM_PATH") or shutil.which("chromium") or shutil.which("chromium-browser")
    if not path or not Path(path).is_file():
        raise PrintFailed("Chromium saknas. Installera Debians paket: apt-get install chromium")
    return path


def print_pdf(page_url: str, output: Path) -> None:
    output.parent.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory(prefix="fardplan-pdf-") as profile:
        try:
            done = subprocess.run(
                [chromium(), *CHROMIUM_FLAGS, f"--user-data-dir={profile}",
                 f"--print-to-pdf={output.resolve()}", page_url],
                capture_output=True, text=True, timeout=180, check=False)
        except subprocess.TimeoutExpired:
            raise PrintFailed(f"Chromium blev inte klar med {output} på tre minuter.") from None
    if done.returncode != 0 or not output.is_file() or output.stat().st_size == 0:
        raise PrintFailed(f"Chromium kunde inte skriva {output}:\n{done.stderr.strip()}")


def main(argv: list[str] | None = None) -> int:
    parser = SwedishArgumentParser(prog="pdf.py", description="Skriv ut hela färdplanen som PDF med Chromium.")
    parser.add_argument("site", metavar="WEBBPLATS", help="en byggd webbplats (mapp) eller adressen till en publicerad version")
    parser.add_argument("output", type=Path, metavar="PDF-FIL", help="PDF-filen som ska skrivas")
    args = parser.parse_args(argv)

    if args.output.is_dir():
        return fail(f"{args.output} är en mapp; ange namnet på PDF-filen, till exempel fardplan.pdf", EXIT_USAGE)
    try:
        if args.site.startswith(("http://", "https://")):
            print_pdf(args.site.rstrip("/") + "/" + WHOLE_DOCUMENT, args.output)
        else:
            folder = Path(args.site)
            if not (folder / WHOLE_DOCUMENT / "index.html").is_file():
                return fail(f"{folder} har ingen sida {WHOLE_DOCUMENT}: bygg webbplatsen först "
                            "(python3 scripts/dev.py build)", EXIT_USAGE)
            handler = functools.partial(_QuietHandler, directory=str(folder))
            server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
            threading.Thread(target=server.serve_forever, daemon=True).start()
            try:
                print_pdf(f"http://127.0.0.1:{server.server_address[1]}/{WHOLE_DOCUMENT}", args.output)
            finally:
                server.shutdown()
    except PrintFailed as problem:
        return fail(str(problem), EXIT_DATA)
    print(f"Skrev {args.output}")
    return 0


if __name__ == "__main__":
    run(main)
