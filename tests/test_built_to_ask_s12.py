"""Families built to the figures asked (lane H2, s12): each figure a family has a slot for is designed in, and the
check measures what was asked (computed values, never a pinned answer)."""
from __future__ import annotations

import math

import pytest

from spice_lsp.generation.design import design
from spice_lsp.generation.intent import parse_intent
from spice_lsp.generation.pipeline import generate
from spice_lsp.generation.recipes.comparators import trip_points
from spice_lsp.generation.recipes.filters import _inverting_response
from spice_lsp.generation.request import read_request
from spice_lsp.language.units import parse_number


def designed(description: str):
    intent = parse_intent(description)
    return intent, design(intent, read_request(description).specs)


def _sk_q(r1: float, r2: float, c1: float, c2: float, k: float, high: bool) -> float:
    root = math.sqrt(r1 * r2 * c1 * c2)
    return root / (r1 * (c1 + c2) + r2 * c2 * (1 - k)) if high else root / (c2 * (r1 + r2) + r1 * c1 * (1 - k))


def test_a_sallen_key_given_a_passband_gain_and_a_q_has_both():
    for said, high, k, q in (("second-order high-pass, Q 0.707, cutoff 80 Hz, and a passband gain of 2 (6 dB)",
                              True, 2.0, 0.707),
                             ("Sallen-Key low-pass, Q = 0.9, f0 = 1 kHz, passband gain 1.5", False, 1.5, 0.9),
                             ("Active high-pass at 300 Hz with 6 dB of passband gain", True, 10 ** (6 / 20), 0.7071)):
        intent, d = designed(said + ". Input in, output out.")
        v = {role: intent.values[role].value for role in ("R1", "R2", "C1", "C2", "GAIN")}
        assert math.isclose(v["GAIN"], k, rel_tol=0.01), said
        assert math.isclose(_sk_q(v["R1"], v["R2"], v["C1"], v["C2"], v["GAIN"], high), q, rel_tol=0.05), said


def test_a_tia_whose_current_gives_a_voltage_sizes_rf_and_its_roll_off_sizes_cf():
    said = ("Photodiode transimpedance amplifier: 20 uA full scale should give -4 V at node vo. The photodiode is "
            "the current source I1 (20 uA DC) pushing from ground into the summing node sum. Roll the response off "
            "at 10 kHz (-3 dB) with a cap across the feedback resistor.")
    assert not any(s.quantity == "gain_db" for s in read_request(said).specs)  # "(-3 dB)" marks the corner
    result = generate(said)
    parts = {line.split()[0]: parse_number(line.split()[-1]) for line in result.netlist.splitlines()
             if line[:1] in "RC" and len(line.split()) == 4}
    rf, cf = parts["R1"], parts["C1"]
    assert math.isclose(rf, 4 / 20e-6, rel_tol=0.02)
    assert math.isclose(1 / (2 * math.pi * rf * cf), 10e3, rel_tol=0.05)
    assert ".param vdd=12" in result.netlist  # the -4 V is no rail
    assert result.verified, [(c.what, c.detail) for c in result.checks if c.status != "pass"]


def test_a_response_that_rolls_off_at_a_frequency_sweeps_past_it():
    intent = parse_intent("Transimpedance amplifier, 10 uA gives 1 V; the response rolls off at 10 kHz.")
    assert not any(a.directive.startswith(".ac lin 1 ") for a in intent.analyses)


def test_a_trigger_that_switches_as_its_input_rises_and_falls_through_levels_has_them_as_trip_points():
    assert trip_points("output snaps low as st_in rises through +2 V and back high as it falls through -2 V") \
        == (2.0, -2.0)
    assert trip_points("it trips as the input climbs through 3 V and resets as it drops back through 1.5 V") \
        == (3.0, 1.5)


def test_a_current_per_volt_is_the_current_at_the_control_level():
    specs = read_request("Howland current pump: a control voltage (VC, 2 V DC) sets the load current at "
                         "0.5 mA per volt. The load is RLOAD, 1k to ground.").specs
    current = [s for s in specs if s.quantity == "current"]
    assert len(current) == 1 and math.isclose(current[0].target, 0.5e-3 * 2)


def test_a_clock_driving_its_own_load_resistor_is_the_clock_with_that_load():
    result = generate("Square wave source VSQ at node sq, 1 kHz, 0 to 5 V, driving a 10k resistor to ground; "
                      "run 5 ms.")
    assert any(line.split()[1:] == ["sq", "0", "10k"] for line in result.netlist.splitlines() if line[:1] == "R")
    assert parse_intent("A clock driving a 4.7k resistor into a filter").kind != "clock_source"


def test_a_level_said_once_the_input_climbs_past_a_threshold_names_a_comparator():
    assert parse_intent("Node alarm should sit near 3.3 V once the sensor voltage on ts climbs past 1.8 V, "
                        "near 0 V below that.").kind == "comparator"


def test_one_op_amp_with_a_gain_and_two_first_order_edges_is_the_band_limited_inverting_stage():
    said = ("Microphone preamp: one op-amp, gain 26 dB, single-pole high-pass at 80 Hz and single-pole low-pass "
            "at 15 kHz")
    assert parse_intent(said).kind == "band_limited_amplifier"
    result = generate(said + "; input mic, output pre.")
    parts = {line.split()[0]: parse_number(line.split()[-1]) for line in result.netlist.splitlines()
             if line[:1] in "RC" and line.split()[0] in ("R1", "R2", "C1", "C2")}
    gain = 10 ** (26 / 20)
    assert math.isclose(parts["R2"] / parts["R1"], gain, rel_tol=0.01)
    assert math.isclose(1 / (2 * math.pi * parts["R1"] * parts["C1"]), 80, rel_tol=0.01)
    edge = abs(_inverting_response(parts["R1"], parts["C1"], parts["R2"], parts["C2"], 15e3))
    assert math.isclose(edge, gain / math.sqrt(2), rel_tol=0.02)  # the op-amp's own roll-off counted in
    assert result.verified, [(c.what, c.detail) for c in result.checks if c.status != "pass"]


def test_a_vbe_multiplier_fed_by_a_named_current_source_holds_the_voltage_asked():
    for said, node, volts, amps in (("Rubber diode between nodes bt and bb that holds 2.5 V; I1 pushes 2 mA into bt, "
                                     "bb grounded. Operating point.", "bt", 2.5, 2e-3),
                                    ("Vbe multiplier holding 1.4 V at node vt, fed 3 mA from a current source. "
                                     "Operating point.", "vt", 1.4, 3e-3)):
        result = generate(said)
        lines = result.netlist.splitlines()
        assert any(line.split()[:3] == ["I1", "0", node] and math.isclose(parse_number(line.split()[-1]), amps)
                   for line in lines), result.netlist
        assert f"design_vin={volts:g}" in result.netlist  # RA sized for the voltage asked, not the 1.8 V default


def test_a_transmission_gate_said_on_by_the_node_driving_its_nmos_gate_is_held_on():
    said = ("CMOS transmission gate on a 5 V supply. VTG drives node g_in with a 1 kHz sine, 2.5 V offset and 1 V "
            "amplitude. The gate is on: node g_en at 5 V (VEN) drives the NMOS gate, and the PMOS gate is held at "
            "0 V. The output g_out has a 100k load to ground. 3 ms transient.")
    lines = generate(said).netlist.splitlines()
    assert any(line.split()[1:] == ["g_en", "0", "DC", "5"] for line in lines)  # held, no enable pulse
    pmos = next(line.split() for line in lines if line.startswith("M") and "pch" in line and "g_out" in line)
    gate = pmos[2]
    assert any(line.split()[1:] == [gate, "0", "DC", "0"] for line in lines)  # its gate at 0 V, as said


@pytest.mark.parametrize("said, kind", [
    ("First-order op-amp all-pass with 90 degrees of phase at 2 kHz, unity gain, in to out; AC 20 Hz to 200 kHz.",
     "allpass_filter"),
    ("First-order active high-pass: 30 Hz corner, then a non-inverting gain of 5, in to out. AC 1 Hz to 10 kHz.",
     "first_order_active_highpass"),
])
def test_an_ac_sweeps_range_is_no_pair_of_band_edges(said, kind):
    assert parse_intent(said).kind == kind
