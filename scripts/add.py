#!/usr/bin/env python3
"""`fardplan add` for this repository (kept for `scripts/dev.py add` and old habits)."""

from pathlib import Path

from fardplan.commands import script

if __name__ == "__main__":
    script("add", "add.py", Path(__file__).resolve().parent.parent)
