#!/usr/bin/env python3
"""`fardplan validate` for this repository (kept for the workflows, pre-commit and old habits)."""

from pathlib import Path

from fardplan.commands import script

if __name__ == "__main__":
    script("validate", "validate.py", Path(__file__).resolve().parent.parent)
