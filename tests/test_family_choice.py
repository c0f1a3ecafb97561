"""Family choice where a qualifier changes the circuit, and one-sided specs checked and designed strictly.

A technology word ("op-amp inverter") or an order ("second-order low-pass, Q of 2") picks the family of that
technology or order; a noun in a non-circuit sense ("keeps it from clipping", "a water tank") names no
family; a function ("blink an LED") names the circuit that does it, not the part it drives. A bound the
request states ("at least 40 dB") is checked with no slack on its side, and designed inside it.
"""
from __future__ import annotations

import pytest

from spice_lsp.generation.checklist import FAIL, PASS, spec_item
from spice_lsp.generation.design import aimed
from spice_lsp.generation.intent import parse_intent
from spice_lsp.generation.pipeline import generate
from spice_lsp.generation.request import Spec, read_request


@pytest.mark.parametrize("text", [
    "An op-amp inverter with a gain of -10, input sig, output res.",
    "Inverter built around an opamp: gain -3, 10k input resistor, from a to b.",
    "Make an inverter using one operational amplifier, gain of -2.2, 4.7k in, node p to node q.",
])
def test_opamp_qualifier_makes_an_inverter_the_inverting_amplifier(text):
    intent = parse_intent(text)
    assert intent.kind == "opamp_inverting"
    assert intent.reading and "inverting amplifier" in intent.reading  # the assumption is said


@pytest.mark.parametrize("text", [
    "CMOS inverter on a 3.3 V supply, input a, output y.",
    "Logic inverter from an NMOS and a PMOS, 5 V, input d, output q.",
])
def test_an_inverter_of_no_op_amp_stays_the_logic_gate(text):
    assert parse_intent(text).kind == "cmos_inverter"


@pytest.mark.parametrize(("text", "kind"), [
    ("A 2-pole low-pass at 1.5 kHz with Q = 0.9, input src, output flt.", "active_lowpass"),
    ("Low-pass with two poles at 10 kHz and a quality factor of 1.2, from a to b.", "active_lowpass"),
    ("Second order high-pass, f0 = 500 Hz, Q of 1.5, node x in, node hp out.", "active_highpass"),
    ("2nd-order HPF with its corner at 200 Hz, Q 0.8, in to out.", "active_highpass"),
])
def test_an_order_makes_the_filter_second_order(text, kind):
    intent = parse_intent(text)
    assert intent.kind == kind
    assert "second-order" in (intent.reading or "")


@pytest.mark.parametrize(("text", "kind"), [
    ("Second-order LC low-pass, L = 10 mH, C = 100 nF, in to out.", "lc_lowpass"),  # passive: its own family
    ("Butterworth low-pass filter, second order, cutoff 2 kHz.", "butterworth_lowpass"),
    ("RC low-pass, cutoff 1 kHz, C = 10 nF.", "rc_lowpass"),  # no order stated: the first-order one
])
def test_an_order_leaves_a_named_or_passive_filter_alone(text, kind):
    assert parse_intent(text).kind == kind


@pytest.mark.parametrize("text", [
    "A microphone preamp with a gain of 20 that avoids clipping on loud peaks, op-amp, input mic, output out.",
    "Wien-bridge sine oscillator at 2 kHz with an amplitude control that prevents clipping, op-amp, output o.",
    "Non-inverting op-amp stage, gain 5, keep the output from clipping on a ±5 V supply, in to out.",
])
def test_clipping_as_a_fault_to_avoid_names_no_clipper(text):
    kind = parse_intent(text).kind
    assert kind not in ("diode_clipper", "zener_clipper")


def test_clipping_as_the_function_still_names_the_clipper():
    assert parse_intent("Diode clipper that limits the signal to 0.7 V, in to out.").kind == "diode_clipper"


@pytest.mark.parametrize("text", [
    "Water tank level sensor: a resistive probe divider from 5 V into node lvl, 10k resistor.",
    "Measure the fuel level in the car's tank with a 100 ohm sender and a 1k resistor from 12 V, output sense.",
    "Float sender for an oil tank: a 10k pot as a divider across 5 V, wiper at node lvl.",
])
def test_a_tank_of_liquid_is_no_lc_tank(text):
    assert parse_intent(text).kind not in ("lc_tank", "lc_trap_notch")


def test_an_lc_tank_is_still_the_tank():
    assert parse_intent("Parallel LC tank at 1 MHz with 100 pF, node tank.").kind == "lc_tank"


@pytest.mark.parametrize(("text", "kind"), [
    ("Blink an LED at 2 Hz with two NPN transistors, 9 V supply.", "bjt_astable"),
    ("Make two LEDs flash alternately about once a second, 5 V supply.", "bjt_astable"),
    ("An LED that blinks about 3 times a second, driven by an op-amp, ±9 V.", "relaxation_oscillator"),
    ("A 555 that blinks an LED at 1 Hz.", "timer555_astable"),
])
def test_blinking_an_led_is_an_astable(text, kind):
    intent = parse_intent(text)
    assert intent.kind == kind


def test_a_steady_led_is_still_the_led_and_resistor():
    assert parse_intent("LED with a 330 ohm resistor from 5 V.").kind == "led_resistor"


# --- one-sided bounds ---------------------------------------------------------------------------------

@pytest.mark.parametrize(("bound", "target", "value", "status"), [
    ("min", 40.0, 39.9, FAIL),  # within the tolerance, but below the bound
    ("min", 40.0, 40.2, PASS),
    ("max", 20.0, 20.1, FAIL),
    ("max", 20.0, 19.7, PASS),
    (None, 40.0, 39.9, PASS),  # no bound: the tolerance either side
])
def test_a_stated_bound_has_no_slack_on_its_side(bound, target, value, status):
    spec = Spec("gain", "gain_db", target, tolerance=0.5, bound=bound)
    assert spec_item(spec, value, "measured").status == status


@pytest.mark.parametrize(("text", "bound"), [
    ("Non-inverting op-amp amplifier with no less than 26 dB of gain, input a, output b.", "min"),
    ("Op-amp non-inverting stage, gain of 12 or more, in to out.", "min"),
    ("Inverting op-amp amplifier with a gain of at most 20 dB, input x, output y.", "max"),
])
def test_a_bound_is_designed_inside_itself(text, bound):
    spec = read_request(text).specs[0]
    assert spec.bound == bound
    aim = aimed(spec).target
    assert (aim > spec.target) if bound == "min" else (aim < spec.target)


@pytest.mark.parametrize("text", [
    "Non-inverting op-amp amplifier with no less than 26 dB of gain, input a, output b.",
    "Op-amp non-inverting stage, gain of 12 or more, in to out.",
])
def test_a_lower_bound_is_met_when_verified(text):
    result = generate(text, sim_timeout=30)
    spec = read_request(text).specs[0]
    item = next(i for i in result.checks if i.what == spec.text)
    assert item.status == PASS, item.detail
    measured = float(item.detail.split()[1])
    assert measured >= spec.target


@pytest.mark.parametrize(("text", "hz"), [
    ("Something that makes a clean sine wave around 800 Hz by itself with one op-amp, output o.", 800.0),
    ("A circuit making a square wave near 2 kHz on its own with one op-amp, output o.", 2000.0),
])
def test_the_frequency_a_generator_makes_is_its_spec(text, hz):
    # "keeps it from clipping" beside it no longer hides the oscillator behind a clipper, so its frequency
    # must be read: a default-sized oscillator is not the one asked for
    assert [(s.quantity, s.target) for s in read_request(text).specs] == [("frequency", hz)]
