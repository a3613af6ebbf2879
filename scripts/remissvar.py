#!/usr/bin/env python3
"""`fardplan remissvar` for this repository (kept for the guides and old habits)."""

from pathlib import Path

from fardplan.commands import script

if __name__ == "__main__":
    script("remissvar", "remissvar.py", Path(__file__).resolve().parent.parent)
