"""Reading, checking and modelling the data file: located Swedish diagnostics, the schema, the rules and the frozen model."""
