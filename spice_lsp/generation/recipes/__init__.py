"""Families beyond the first catalog, one module per subject (filters, oscillators, op-amp
circuits, transistor stages, power, data conversion, logic, sensors).

Each module defines a family's builder beside its record and registers it:

    def _twin_t_notch(f: _Filler) -> str:          # f("R", 16e3) reads the user's R or the default
        ...return the body: sources, elements (no title, analyses or .end)
    register(Family(kind="twin_t_notch", summary="twin-T notch filter", build=_twin_t_notch,
                    names=("twin-T notch filter", ...), rules=((rank, (r"twin[- ]?t",)),),
                    noun="filter", specs=("notch",), design=_design_notch))

A rule's rank orders it among all families (lower is tried first; the first catalog uses 0-47);
a family's names must each be read back to it. tests/test_families.py checks every record.
"""
# Registration order is FAMILIES' order, which the retrieval corpus follows: not alphabetical.
# isort: off
from spice_lsp.generation.recipes import filters  # noqa: E402,F401
from spice_lsp.generation.recipes import transistor_stages  # noqa: E402,F401
from spice_lsp.generation.recipes import transistor_opamps  # noqa: E402,F401
from spice_lsp.generation.recipes import comparators  # noqa: E402,F401
from spice_lsp.generation.recipes import power  # noqa: E402,F401
from spice_lsp.generation.recipes import oscillators  # noqa: E402,F401
from spice_lsp.generation.recipes import data_conversion  # noqa: E402,F401
from spice_lsp.generation.recipes import logic  # noqa: E402,F401
from spice_lsp.generation.recipes import sensors  # noqa: E402,F401
from spice_lsp.generation.recipes import opamp_circuits  # noqa: E402,F401
from spice_lsp.generation.recipes import assorted  # noqa: E402,F401
from spice_lsp.generation.recipes import everyday  # noqa: E402,F401
from spice_lsp.generation.recipes import direct_coupled  # noqa: E402,F401
from spice_lsp.generation.recipes import references  # noqa: E402,F401
from spice_lsp.generation.recipes import single_supply  # noqa: E402,F401
from spice_lsp.generation.recipes import opamp_differential  # noqa: E402,F401
from spice_lsp.generation.recipes import drivers  # noqa: E402,F401
from spice_lsp.generation.recipes import sources  # noqa: E402,F401
from spice_lsp.generation.recipes import breadth  # noqa: E402,F401
