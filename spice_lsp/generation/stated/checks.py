"""The stated checks in the order the checklist reports them: those read off the netlist as written, and those
measured in ngspice (run only once the answer simulates)."""
from __future__ import annotations

from spice_lsp.generation.checklist import CheckItem
from spice_lsp.generation.stated.analyses import asked_sweep, named_runs, sweep_spacing
from spice_lsp.generation.stated.measured import reference_level, wave_levels
from spice_lsp.generation.stated.nodes import aside_sources, bracketed_nodes, rail_nodes, spoken_nodes, stated_ends
from spice_lsp.generation.stated.parts import in_series, word_elements
from spice_lsp.generation.stated.placed import placed_values
from spice_lsp.generation.stated.sources import (
    ac_sources,
    dc_levels,
    misnamed_sources,
    sine_levels,
    steps,
    wave_frequencies,
)
from spice_lsp.language import model as m


def stated_checks(description: str, netlist: m.Netlist) -> list[CheckItem]:
    """What the request states about its circuit, checked on the answer's netlist as written."""
    return (sweep_spacing(description, netlist) + in_series(description, netlist)
            + ac_sources(description, netlist) + rail_nodes(description, netlist)
            + dc_levels(description, netlist) + wave_frequencies(description, netlist)
            + sine_levels(description, netlist)
            + steps(description, netlist) + stated_ends(description, netlist)
            + _new_nodes(description, netlist) + misnamed_sources(description, netlist)
            + aside_sources(description, netlist)
            + placed_values(description, netlist))


def _new_nodes(description: str, netlist: m.Netlist) -> list[CheckItem]:
    """The spoken nodes that no earlier item of the list reports absent already (each absent node once)."""
    reported = {" ".join(item.what.split()[:2]) for item in rail_nodes(description, netlist)
                + stated_ends(description, netlist)}
    return [item for item in spoken_nodes(description, netlist) if " ".join(item.what.split()[:2]) not in reported]


def measured_checks(description: str, netlist: str, parsed: m.Netlist, output: str,
                    timeout: float = 10.0) -> list[CheckItem]:
    """What the request demands of the answer's behaviour (a clock's levels, a sweep to see, a reference's level),
    measured in ngspice; with it, the plain-word parts and bracketed nodes the demands' words name."""
    return (wave_levels(description, netlist, parsed, timeout) + asked_sweep(description, parsed)
            + named_runs(description, parsed)
            + word_elements(description, parsed) + bracketed_nodes(description, parsed)
            + reference_level(description, netlist, output, timeout))
