"""The figures a request states when it says a circuit by what it does: each read as the spec the design sizes
the parts to and the checklist measures, with its expected value computed here from the words' own numbers.

Every wording is new (none is a benchmark case's or a probe's).
"""
import math

import pytest

from spice_lsp.generation.intent import parse_intent
from spice_lsp.generation.request import read_request


def _spec(text: str, quantity: str) -> float:
    specs = [s for s in read_request(text).specs if s.quantity == quantity]
    assert len(specs) == 1, [(s.quantity, s.target, s.text) for s in read_request(text).specs]
    return specs[0].target


@pytest.mark.parametrize("text, gain", [
    ("Op-amp on ±12 V: invert the signal at a and halve it, output at b.", -0.5),
    ("Negate it and double it: input vi, output vo, one op-amp, ±15 V.", -2.0),
    ("Op-amp stage: double it without flipping its sign; signal in at x, result at y.", 2.0),
    ("Don't negate it, just triple it: op-amp, in at p, out at q.", 3.0),
    ("With an op-amp, make the output half the input but upside down; in at x, out at y.", -0.5),
])
def test_a_gain_said_by_a_verb_on_the_signal(text, gain):
    assert _spec(text, "gain") == pytest.approx(gain)
    assert parse_intent(text).kind == ("opamp_inverting" if gain < 0 else "opamp_noninverting")


def test_a_diode_doubler_doubling_a_voltage_states_no_gain():
    text = "Voltage doubler from diodes and capacitors that doubles the voltage of a 5 V 1 kHz sine at in; out at dc."
    assert not [s for s in read_request(text).specs if s.quantity == "gain"]


def _corner(level: float, step: float, seconds: float) -> float:
    # one RC reaches `level` of a `step` after t = -RC ln(1 - level/step); its corner is 1/(2 pi RC)
    return -math.log(1 - level / step) / (2 * math.pi * seconds)


@pytest.mark.parametrize("text, corner", [
    ("A 12 V step hits node a at 2 ms. With one resistor and one capacitor, b should reach 6 V about 5 ms later. "
     "Run 40 ms.", _corner(6, 12, 5e-3)),
    ("src steps from 0 to 10 V at t = 0; I need v(dly) to climb to 8 V 200 us after that, RC only.",
     _corner(8, 10, 200e-6)),
    ("The enable line jumps from 0 to 1.8 V; delay it with an RC so that node late crosses half the supply "
     "3 ms after the edge.", _corner(0.9, 1.8, 3e-3)),
])
def test_a_level_reached_a_time_after_a_step_is_an_rc_corner(text, corner):
    assert _spec(text, "cutoff") == pytest.approx(corner, rel=1e-6)
    assert not [s for s in read_request(text).specs if s.quantity == "vout"]  # the level is the step's, no output


@pytest.mark.parametrize("text, volts, amps", [
    ("Convert a sensor current into a voltage: with 4 mA flowing in, node s must show 1 V. DC operating point.",
     1.0, 4e-3),
    ("Current to voltage with an op-amp: 50 uA should give 2 V at the output.", 2.0, 50e-6),
    ("Turn the photocurrent into volts so that at 2 µA the output reads 0.4 V.", 0.4, 2e-6),
    ("Op-amp transimpedance stage: I want a 3 mA current to read as 1.5 V at node v.", 1.5, 3e-3),
])
def test_the_level_a_current_gives_is_the_output_and_sets_the_transimpedance(text, volts, amps):
    assert _spec(text, "vout") == pytest.approx(volts)
    assert parse_intent(text).values["RF"].value == pytest.approx(volts / amps)


@pytest.mark.parametrize("text, swing_in, swing_out, sign", [
    ("Pickup swings ±20 mV; I need ±2 V at the output, one op-amp on ±12 V, in at p, out at q.", 20e-3, 2.0, 1),
    ("The bridge gives ±5 mV and the next stage wants ±1 V, inverted; op-amp on ±15 V rails.", 5e-3, 1.0, -1),
    ("Non-inverting op-amp stage taking a ±0.5 V signal to ±4 V, powered from ±9 V.", 0.5, 4.0, 1),
])
def test_a_swing_in_and_the_swing_wanted_out_are_a_gain_and_no_supply(text, swing_in, swing_out, sign):
    assert _spec(text, "gain") == pytest.approx(sign * swing_out / swing_in)
    supply = parse_intent(text).values.get("VDD")
    assert supply is None or supply.value not in (swing_in, swing_out)


def test_a_current_and_a_supply_in_one_clause_state_no_transimpedance():
    text = "NPN long-tailed pair with a 2 mA tail current and 2.2k loads to a 9 V rail; outputs oa and ob."
    assert not [s for s in read_request(text).specs if s.quantity == "vout"]
    assert "RF" not in parse_intent(text).values


@pytest.mark.parametrize("text, hz", [
    ("Build an RC phase-shift oscillator that makes roughly 2 kHz sine, op-amp on ±9 V.", 2e3),
    ("Generate an approximately 500 Hz sine wave with a Wien bridge and one op-amp.", 500.0),
    ("Produce about 10 kHz square with a 555, output at clk.", 10e3),
])
def test_an_approximate_frequency_made_is_the_frequency_spec(text, hz):
    assert _spec(text, "frequency") == pytest.approx(hz)
