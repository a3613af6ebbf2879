"""The färdplan core: load, validate, model and render the roadmap.

Plain Python: nothing here imports MkDocs, so the same code serves the MkDocs macros adapter
(macros/adapter.py), the command-line scripts, the tests and any future site generator.

Imports run one way: source -> schema/checks -> model -> views -> render.
"""

from fardplan.data.diagnostics import Diagnostic, ValidationFailed
from fardplan.data.validate import Result, load_roadmap, validate_file

__all__ = ["Diagnostic", "Result", "ValidationFailed", "load_roadmap", "validate_file"]
