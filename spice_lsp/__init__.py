"""spice-lsp: a language server and netlist generator for SPICE (ngspice dialect)."""

__version__ = "0.1.0"
