"""Edits to the data file made as text: new needs and actions, and the edit requests from issue forms."""
