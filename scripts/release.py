#!/usr/bin/env python3
"""`fardplan release` for this repository (kept for old habits and the guides)."""

from pathlib import Path

from fardplan.commands import script

if __name__ == "__main__":
    script("release", "release.py", Path(__file__).resolve().parent.parent)
