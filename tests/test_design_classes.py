"""Specs designed by whole classes (generation/design.py and the request's spec readers): a gain at a
frequency of a circuit whose gain goes with frequency, a step response's rise time, a zener's own current,
a ripple said in words, a series loop's Q with its resistor given, a difference amplifier's weighted
difference, a transimpedance stage's bandwidth; and analyses that keep what the request says (the printed
step, a resistor's temperature coefficient under a temperature sweep, a run "to look at" for a time).
Each class is tried with requests worded differently from the benchmark cases it came from."""
from __future__ import annotations

import math

import pytest

from spice_lsp.generation.checklist import measure
from spice_lsp.generation.design import design
from spice_lsp.generation.intent import parse_intent
from spice_lsp.generation.pipeline import generate
from spice_lsp.generation.request import Spec, read_request


def designed(description: str):
    intent = parse_intent(description)
    return intent, design(intent, read_request(description).specs)


def spec_check(result, words: str):
    """The check of the spec whose words start with `words`."""
    return next(c for c in result.checks if c.what.startswith(words))


# --- a gain at a frequency: |gain| = fu/f (integrator) or f/fu (differentiator) ---------------------------

@pytest.mark.parametrize("description, at, gain", [
    ("Op-amp integrator with R = 4.7k whose gain is 20 dB at 100 Hz", 100, 10.0),
    ("An inverting integrator (C = 4.7 nF) with unity gain at 2 kHz", 2e3, 1.0),
    ("Build an integrator around an op-amp; its gain should be 6 dB at 250 Hz", 250, 10 ** (6 / 20)),
])
def test_an_integrators_gain_at_a_frequency_sets_its_unity_gain_frequency(description, at, gain):
    intent, d = designed(description)
    r = next((intent.values[role].value for role in ("RIN", "R1", "R") if role in intent.values), 10e3)
    c = intent.values["C"].value
    assert math.isclose(1 / (2 * math.pi * at * r * c), gain, rel_tol=0.06)  # as bought (E24 / E96)
    assert "GAIN" in d.claimed and not d.problems


def test_a_differentiators_gain_at_a_frequency_sets_its_feedback_resistor():
    intent, d = designed("Differentiator built around an op-amp, gain of 2 at 500 Hz, C = 47n")
    assert math.isclose(d.designed["RF"], 2 / (2 * math.pi * 500 * 47e-9), rel_tol=1e-6)


@pytest.mark.parametrize("description, words", [
    ("An op-amp integrator whose gain is 0 dB at 5 kHz; input a, output b.", "gain is 0 dB at 5 kHz"),
    ("Practical op-amp differentiator whose gain crosses 0 dB at 800 Hz; input u, output w.", "gain crosses 0 dB"),
])
def test_a_gain_crossing_at_a_frequency_is_designed_and_measured(description, words):
    result = generate(description)
    assert spec_check(result, words).status == "pass" and result.verified


def test_a_gain_read_with_its_frequency_is_measured_there():
    spec = read_request("an amplifier with a gain of 10 (measured at 20 kHz)").specs[0]
    assert (spec.quantity, spec.target, spec.at) == ("gain", 10.0, 20e3)


# --- a step response: from lo to hi % takes tau ln((1 - lo)/(1 - hi)) -------------------------------------

@pytest.mark.parametrize("description, tau", [
    ("RC low-pass whose 10-90 % rise time is 7 us", 7e-6 / math.log(9)),
    ("An RL low-pass with a 3 ms rise time", 3e-3 / math.log(9)),
    ("First-order RC filter, 40 us rise time (20 % to 80 %)", 40e-6 / math.log(4)),
])
def test_a_rise_time_is_a_first_order_corner(description, tau):
    spec = next(s for s in read_request(description).specs if s.quantity == "cutoff")
    assert math.isclose(spec.target, 1 / (2 * math.pi * tau), rel_tol=1e-9)


def test_a_rise_time_with_its_step_is_built_driven_by_the_step_and_verified():
    result = generate("Make an RC stage with a 10-90 % rise time of 15 us; a 2 V step drives node s, output node q.")
    assert "PULSE(0 2 0" in result.netlist and spec_check(result, "10-90 % rise time").status == "pass"
    assert result.verified


def test_a_step_at_time_zero_has_no_delay_from_a_later_event():
    source = read_request("A 3 V step at in at time zero; out must reach 50 % of it 2 ms later, "
                          "one resistor and one capacitor.").sources[0]
    assert source.pulse[:3] == (0.0, 3.0, 0.0)


# --- a zener: its own current, and a reference made from a larger rail -----------------------------------

@pytest.mark.parametrize("description, vin, vz, iz", [
    ("5.6 V reference from a 15 V supply using a zener and a series resistor, 8 mA in the zener.", 15, 5.6, 8e-3),
    ("Zener shunt regulator from 9 V, 4.7 V output, zener current of 3 mA.", 9, 4.7, 3e-3),
])
def test_a_zeners_own_current_sets_the_series_resistor(description, vin, vz, iz):
    intent, d = designed(description)
    rl = intent.values["RL"].value if "RL" in intent.values else 1e3
    assert intent.values["VZ"].value == vz and "IBIAS" in d.claimed
    assert math.isclose(d.designed["RS"], (vin - vz) / (vz / rl + iz), rel_tol=1e-9)


def test_a_zener_reference_from_a_rail_is_verified_at_its_level():
    result = generate("2.7 V reference from a 9 V battery: a zener and a series resistor, about 4 mA through "
                      "the zener; output at vr.")
    assert spec_check(result, "2.7 V reference").status == "pass" and result.verified


# --- a ripple said in words --------------------------------------------------------------------------------

@pytest.mark.parametrize("words, volts", [("ripple below half a volt", 0.5),
                                          ("ripple under a quarter of a volt", 0.25),
                                          ("ripple less than a tenth of a volt", 0.1)])
def test_a_ripple_bound_in_words(words, volts):
    spec = read_request(f"Half-wave rectifier, 8 V peak at 60 Hz, 470 ohm load, {words}.").specs
    assert [(s.quantity, s.target) for s in spec if s.quantity == "ripple"] == [("ripple", volts)]


# --- a series R-L-C loop: Q = 2 pi f0 L / R with its resistor given ---------------------------------------

@pytest.mark.parametrize("description, r, f0, q", [
    ("A series RLC band-pass filter with R = 100 ohm, resonant at 20 kHz with a Q of 8", 100, 20e3, 8),
    ("Series RLC notch at 5 kHz, Q = 2, R = 1k", 1e3, 5e3, 2),
])
def test_a_series_loops_q_with_its_resistor_sets_l_and_c(description, r, f0, q):
    intent, d = designed(description)
    ind, c = intent.values["L"].value, intent.values["C"].value
    assert math.isclose(d.designed["L"], q * r / (2 * math.pi * f0), rel_tol=1e-9)
    assert math.isclose(1 / (2 * math.pi * math.sqrt(ind * c)), f0, rel_tol=0.05)
    assert math.isclose(math.sqrt(ind / c) / r, q, rel_tol=0.08)


# --- a difference amplifier's weighted difference ---------------------------------------------------------

@pytest.mark.parametrize("words, gain", [("giving 3 x (v2 - v1)", 3.0),
                                         ("whose output is 2.5 times the difference", 2.5),
                                         ("making 4*(va - vb)", 4.0)])
def test_a_weighted_difference_is_a_difference_amplifiers_gain(words, gain):
    intent, d = designed(f"Op-amp difference amplifier {words}, inputs a and b")
    r1 = intent.values["R1"].value if "R1" in intent.values else 10e3  # the family's default
    assert math.isclose(d.designed["R2"] / r1, gain, rel_tol=1e-9)


# --- a divider's output level is a spec, not a source -----------------------------------------------------

def test_a_dividers_output_level_is_no_source_and_its_supply_is_kept():
    result = generate("A resistive divider from a 12 V supply that should give about 4 V at out.")
    assert "DC 12" in result.netlist and spec_check(result, "4 V at out").status == "pass" and result.verified


# --- a transimpedance stage's bandwidth: fc = 1/(2 pi RF CF) -----------------------------------------------

def test_a_transimpedance_bandwidth_sets_the_feedback_capacitor_and_is_measured():
    result = generate("Photodiode transimpedance amplifier with RF = 47k and a 200 kHz bandwidth; output out.")
    check = spec_check(result, "200 kHz bandwidth")
    assert check.status == "pass" and "a current drives it" in check.detail


def test_a_band_pass_bandwidth_is_no_corner():
    specs = read_request("band-pass filter, centre 10 kHz, 2 kHz bandwidth").specs
    assert "cutoff" not in {s.quantity for s in specs}


# --- analyses that keep what the request says -------------------------------------------------------------

@pytest.mark.parametrize("words, directive", [
    ("transient to 10 ms, print every 2 us", ".tran 2u 10m"),
    ("simulate 5 ms, save a point every 1 us", ".tran 1u 5m"),
    ("run it for 4 ms in 500 ns intervals", ".tran 500n 4m"),
])
def test_the_printed_step_of_a_transient(words, directive):
    intent = parse_intent(f"RC low-pass, R = 1k, C = 100n; {words}.")
    assert [a.directive for a in intent.analyses] == [directive]


@pytest.mark.parametrize("words, directive", [("look at it for 300 us", ".tran 300n 300u"),
                                              ("watch the output over 2 ms", ".tran 2u 2m")])
def test_a_run_to_look_at_is_a_transient_that_long(words, directive):
    intent = parse_intent(f"A 5 kHz clock from a pulse source with a 5 V high level on node ck; {words}.")
    assert [a.directive for a in intent.analyses] == [directive]


def test_a_clocks_high_level_is_a_pulse_from_zero():
    source = read_request("A 20 kHz clock, 40 % duty cycle, 1.8 V high level on node ck, from a pulse source.")\
        .sources[0]
    assert source.pulse[:2] == (0.0, 1.8) and math.isclose(source.pulse[5], 0.4 / 20e3)


def test_a_resistors_temperature_coefficients_are_kept_under_a_temperature_sweep():
    result = generate("R7 = 2k with tc1 = 0.0035 and tc2 = 1e-6 from node t to ground, fed 0.5 mA by I1. "
                      "Sweep the temperature from 0 to 100 in 10 degree steps.")
    assert "R7 t 0 2k TC1=0.0035 TC2=1e-6" in result.netlist and ".dc temp 0 100 10" in result.netlist


@pytest.mark.parametrize("description", ["Sweep VGS from 0 to 3 V in 10 mV steps; NMOS M1 with VDS = 5 V.",
                                         "DC sweep of VIN at in from 0 to 5 V with a 0.1 V step, R1 = 1k to out."])
def test_a_sweeps_step_is_no_step_source(description):
    assert all(s.pulse is None for s in read_request(description).sources)


def test_an_ordered_difference_is_measured_with_its_sign_from_the_subtracted_input():
    # Vout = 2.5 (v(a) - v(b)) wired the wrong way round (b on the non-inverting input): the gain from b is +2.5,
    # which is what 2.5 (a - b) must not give
    deck = ("* subtractor\nV1 b 0 DC 0 AC 1\nV2 a 0 DC 0\nR1 a n 10k\nR2 n o 25k\nR3 b p 10k\nR4 p 0 25k\n"
            "E1 o 0 p n 1e6\n.op\n.end\n")
    wrong, how = measure(Spec("2.5 x (qa - qb)", "gain", 2.5), deck, "o", "b",
                         description="Difference amplifier making 2.5 x (qa - qb), qa at node a and qb at node b.")
    assert wrong is not None and math.isclose(wrong, -2.5, rel_tol=1e-3) and "subtracted" in how


# --- an oscillator's period, or its bare frequency; a first-order lag's tau ---------------------------------

@pytest.mark.parametrize("description, frequency", [
    ("555 astable whose period is 4 ms", 250.0),
    ("Op-amp relaxation oscillator with a 100 us period, square wave at sq", 10e3),
    ("Phase-shift oscillator, 3 kHz, built from three RC sections", 3e3),
])
def test_an_oscillators_period_or_bare_frequency_is_its_frequency(description, frequency):
    spec = next(s for s in read_request(description).specs if s.quantity == "frequency")
    assert math.isclose(spec.target, frequency, rel_tol=1e-9)


def test_a_pulse_sources_period_is_no_oscillator_frequency():
    specs = read_request("An RC low-pass driven by a pulse with a 1 ms period at in, R = 1k, C = 10n").specs
    assert "frequency" not in {s.quantity for s in specs}


def test_a_tau_is_a_first_order_corner():
    spec = read_request("RL high-pass with a tau of 20 us").specs[0]
    assert spec.quantity == "cutoff" and math.isclose(spec.target, 1 / (2 * math.pi * 20e-6), rel_tol=1e-9)


# --- one-sided gains and flatness -------------------------------------------------------------------------

@pytest.mark.parametrize("words, quantity, target, bound", [
    ("a gain of at least 15", "gain", 15.0, "min"),
    ("a gain of 30 dB or more", "gain_db", 30.0, "min"),
    ("no more than 6 dB of gain", "gain_db", 6.0, "max"),
    ("at least 40 dB down at 20 kHz", "gain_db", -40.0, "max"),  # an attenuation of at least 40 dB
    ("a gain of 12", "gain", 12.0, None),
])
def test_a_gain_bounded_on_one_side(words, quantity, target, bound):
    spec = next(s for s in read_request(f"amplifier with {words}").specs if s.quantity == quantity)
    assert (spec.target, spec.bound) == (target, bound)


def test_a_bound_and_a_flat_band_are_measured_as_said():
    result = generate("Twin-T notch filter at 400 Hz with at least 25 dB of rejection at 400 Hz and nearly flat "
                      "at 4 kHz; input a, output b.")
    rejection, flat = spec_check(result, "25 dB of rejection"), spec_check(result, "nearly flat at 4 kHz")
    assert rejection.status == "pass" and "at most" in rejection.detail
    assert flat.status == "pass" and "against its peak" in flat.detail


def test_a_flat_band_of_an_amplifier_is_its_passband_gain_and_no_second_design():
    result = generate("Non-inverting op-amp amplifier with a gain of 8, nearly flat at 10 kHz")
    assert spec_check(result, "gain of 8").status == "pass" and spec_check(result, "nearly flat").status == "pass"


def test_a_zener_given_by_its_voltage_is_sized_for_its_load_and_input():
    intent, d = designed("A 4.7 V zener regulator from 9 V feeding a 10 mA load")
    assert math.isclose(d.designed["RL"], 4.7 / 10e-3) and "IBIAS" in d.claimed
    assert math.isclose(d.designed["RS"], (9 - 4.7) / (4.7 / intent.values["RL"].value + 5e-3), rel_tol=1e-9)


@pytest.mark.parametrize("words, volts", [("giving 1/4 of the 8 V input", 2.0),
                                          ("whose out is 2/3 of its 9 V supply", 6.0)])
def test_a_share_in_figures_is_the_dividers_output(words, volts):
    spec = next(s for s in read_request(f"Voltage divider {words}").specs if s.quantity == "vout")
    assert math.isclose(spec.target, volts)


@pytest.mark.parametrize("words, directive", [
    ("sweep its input vin from 0 to 3.3 V", ".dc VIN 0 3.3 33m"),
    ("sweep the gate voltage from 0 to 2.5 V in 50 mV steps", ".dc VIN 0 2.5 50m"),
    ("sweep the base from 0.55 to 0.75 V", ".dc VIN 550m 750m 2m"),
])
def test_a_sweep_of_the_input_pin_names_its_range(words, directive):
    intent = parse_intent(f"A stage on 5 V; {words}.")
    assert [a.directive for a in intent.analyses] == [directive]
