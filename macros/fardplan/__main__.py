"""`python -m fardplan` is the `fardplan` command."""

from fardplan.commands import main

main()
