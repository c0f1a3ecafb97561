"""Recipes that meet their own spec (lane R, s14): the design equations take every figure the request states (a
Chebyshev's ripple however it is joined to its word, a stage's bias current, a band-pass's centre gain, a flash ADC's
thresholds), and the family's own checks measure what was asked. Each test measures the generated netlist in ngspice
against a figure computed from the request, never a pinned answer."""
from __future__ import annotations

import pytest

from spice_lsp.generation.pipeline import generate
from spice_lsp.generation.recipes.filters import _ripple
from spice_lsp.ngspice import runner


def measure(netlist: str, control: str) -> float:
    result = runner.run(netlist, control=control + "\nprint result", timeout=60)
    assert result.ok, result
    return result.values["result"]


def nodes(netlist: str) -> set[str]:
    return {n.lower() for line in netlist.splitlines() if line[:1].isalpha() and not line.startswith(".")
            for n in line.split()[1:3]}


@pytest.mark.parametrize("said, ripple", [("Second-order 1 dB-ripple Chebyshev", 1.0),
                                          ("a 0.25-dB passband ripple", 0.25), ("ripple of 2 dB", 2.0),
                                          ("with passband ripple (1.5 dB)", 1.5), ("ripple no more than 0.1 dB", 0.1),
                                          ("Chebyshev, 3 dB cutoff 1 kHz", 0.5)])
def test_a_chebyshevs_ripple_is_read_however_it_is_joined_to_its_word(said, ripple):
    assert _ripple(said) == ripple


@pytest.mark.parametrize("said, order, ripple, out, inp", [
    ("Second-order 1 dB-ripple Chebyshev low-pass (Sallen-Key, unity gain) whose ripple band ends at 5 kHz. "
     "Input node cb_in, output node cb_out.", 2, 1.0, "cb_out", "cb_in"),
    ("6th-order Chebyshev low-pass with a 2-dB ripple, cutoff 10 kHz, from node fa to node fb", 6, 2.0, "fb", "fa"),
    ("Chebyshev LPF, order 4, ripple of 0.25 dB, -3 dB at 20 kHz; input x1, output y1", 4, 0.25, "y1", "x1"),
])
def test_a_chebyshev_low_pass_peaks_by_the_ripple_asked(said, order, ripple, out, inp):
    # an even order peaks `ripple` dB above its DC gain (the op-amps fast enough for the sections' Q)
    result = generate(said)
    assert {out, inp} <= nodes(result.netlist)
    peak = measure(result.netlist, f"ac dec 200 10 1meg\nlet g = vdb({out})-vdb({inp})\nmeas ac gmax max g\n"
                                   "meas ac flat find g at=20\nlet result = gmax-flat")
    assert abs(peak - ripple) < 0.3
    assert any("ripple" in c.what and c.status == "pass" for c in result.checks)
