"""The language core: the SPICE model, units, element layouts, parser and grammar, includes, checks, diagnostics."""
