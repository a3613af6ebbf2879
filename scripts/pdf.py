#!/usr/bin/env python3
"""`fardplan pdf` for this repository (kept for the workflows, the guides and old habits)."""

from pathlib import Path

from fardplan.commands import script

if __name__ == "__main__":
    script("pdf", "pdf.py", Path(__file__).resolve().parent.parent)
