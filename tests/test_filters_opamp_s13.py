"""Filters and op-amp circuits built as described (lane F, s13): a tank driven by a current source is fed by that
source (its loaded Q set by the resistor across it, its resonance measured on its own node), a Tow-Thomas biquad names
its band-pass and low-pass outputs by the words near them and takes a DC gain asked of the low-pass output (R/R1), and
a peak detector holds the sine the request states (steady, its peak), and a differentiator said to level off above a
frequency has that corner and its plateau. Computed values, never a pinned answer."""
from __future__ import annotations

import math
import re

from spice_lsp.generation.checklist import measure
from spice_lsp.generation.intent import parse_intent
from spice_lsp.generation.pipeline import generate
from spice_lsp.generation.request import Spec
from spice_lsp.language.units import parse_number
from spice_lsp.ngspice import runner


def lines(netlist: str) -> dict[str, list[str]]:
    """Element lines by name: their fields after the name."""
    return {line.split()[0].upper(): line.split()[1:] for line in netlist.splitlines()
            if line[:1].isalpha() and len(line.split()) > 2}


def test_a_tank_driven_by_a_current_source_is_fed_by_it_with_its_loaded_q_across_it():
    netlist = generate("Parallel LC tank tuned to 455 kHz with a loaded Q of 25, driven by a current source IDRV "
                       "(AC 1 mA) into node if455.").netlist
    parts = lines(netlist)
    assert parts["IDRV"][:2] == ["0", "if455"] and not any(name.startswith("V") for name in parts)
    across = [name for name, rest in parts.items() if name[0] in "RLC" and sorted(rest[:2]) == ["0", "if455"]]
    assert {name[0] for name in across} == {"R", "L", "C"}  # the whole tank on the node the source drives
    value = {name: parse_number(parts[name][2]) for name in across}
    ind = next(v for n, v in value.items() if n[0] == "L")
    cap = next(v for n, v in value.items() if n[0] == "C")
    shunt = 1 / sum(1 / v for n, v in value.items() if n[0] == "R")
    assert math.isclose(1 / (2 * math.pi * math.sqrt(ind * cap)), 455e3, rel_tol=0.02)
    assert math.isclose(shunt / math.sqrt(ind / cap), 25, rel_tol=0.05)  # Q = R / sqrt(L/C)


def test_a_centre_frequency_with_no_input_node_is_the_peak_of_the_output():
    f0 = 1 / (2 * math.pi * math.sqrt(1e-3 * 10e-9))
    netlist = "tank\nI1 0 t AC 1m\nR1 t 0 3.3k\nL1 t 0 1m\nC1 t 0 10n\n.end\n"
    value, how = measure(Spec("resonance", "center", f0), netlist, "t", None)
    assert value is not None and math.isclose(value, f0, rel_tol=0.01) and "current" in how


def test_a_tow_thomas_low_pass_output_takes_the_dc_gain_asked_and_each_output_its_name():
    for gain in (1, 2):
        said = (f"Tow-Thomas biquad: low-pass output at node lpx with DC gain {gain}, f0 = 1.2 kHz, Q = 0.707; "
                "band-pass output at node bpx. Input node tin.")
        netlist = generate(said).netlist
        parts = lines(netlist)
        r1 = next(parse_number(rest[2]) for name, rest in parts.items() if name[0] == "R" and "tin" in rest[:2])
        integrator = next(parse_number(rest[2]) for name, rest in parts.items()
                          if name[0] == "R" and rest[0] == "bpx")  # bp into the second integrator
        assert math.isclose(integrator / r1, gain, rel_tol=0.02)  # DC gain R/R1
        result = runner.run(netlist, control="ac lin 3 10 10.1\nlet g = vm(lpx)/vm(tin)\n"
                                             "meas ac result find g at=10\nprint result", timeout=30)
        assert math.isclose(result.values["result"], gain, rel_tol=0.03)
    # a gain not said to be the DC one stays the band-pass's centre gain, RQ/R1
    netlist = generate("Tow-Thomas biquad band-pass filter, centre 1 kHz, Q of 2, a gain of 3 at the centre").netlist
    assert ".param" in netlist and re.search(r"\bgain=3\b", netlist)


def test_a_peak_detector_holds_the_stated_sine_and_decays_an_unstated_one():
    stated = generate("Op-amp peak detector catching the top of a 2 V-peak, 1 kHz sine from VSW on node sin_in; the "
                      "held value at node held.").netlist
    assert re.search(r"^VSW sin_in 0 .*SIN\(0 2 (?:1k|1000)\)", stated, re.MULTILINE | re.IGNORECASE)
    result = runner.run(stated, control="tran 5u 5m\nmeas tran result find v(held) at=5m\nprint result", timeout=60)
    assert math.isclose(result.values["result"], 2.0, rel_tol=0.03)
    plain = generate("op-amp peak detector").netlist
    # the family's own demonstration: a decaying sine, the held peak outlasting it
    assert re.search(r"SIN\(0 1 (?:1k|1000) 0 200\)", plain)


def test_the_maximum_of_one_signal_is_no_diode_or_of_inputs():
    assert parse_intent("Hold the maximum of a 1.5 V sine at node mx with a precision peak detector (the diode "
                        "inside the op-amp loop).").kind == "peak_detector"
    assert parse_intent("The output is the larger of the two inputs a and b, using diodes and a 10k pull-down."
                        ).kind == "diode_or_gate"


def test_a_differentiator_said_to_level_off_has_that_corner_and_its_plateau_on_a_fast_op_amp():
    said = ("Op-amp differentiator with a 22 nF input capacitor; unity gain at 1 kHz, and a resistor in series with "
            "the capacitor so the gain flattens out beyond 20 kHz. Input dv_in, output dv_out.")
    netlist = generate(said).netlist
    parts = lines(netlist)
    series = next(parse_number(rest[2]) for name, rest in parts.items() if name[0] == "R" and rest[0] == "a")
    feedback = next(parse_number(rest[2]) for name, rest in parts.items() if name[0] == "R" and rest[1] == "dv_out")
    assert math.isclose(series, 1 / (2 * math.pi * 20e3 * 22e-9), rel_tol=0.01)  # the corner R1 C1 sets
    assert math.isclose(feedback, 1 / (2 * math.pi * 1e3 * 22e-9), rel_tol=0.02)  # unity at 1 kHz with the 22 nF
    plateau = 20 * math.log10(feedback / series)
    result = runner.run(netlist, control="ac lin 3 2meg 2.01meg\nlet g = vdb(dv_out)-vdb(dv_in)\n"
                                         "meas ac result find g at=2meg\nprint result", timeout=30)
    assert abs(result.values["result"] - plateau) < 0.5  # still flat two decades past the corner
