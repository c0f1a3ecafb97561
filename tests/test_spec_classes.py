"""Spec and analysis classes read and designed as classes (request.py's spec readers, design.py, the LED
driver's design, checklist.measure, intent's analysis triggers): a corner said with a verb ("gets the corner
to ~1.6khz"), a loss in dB of a resistive attenuator, a series LC's resonance with its capacitor given, an
LED's current and stated forward voltage, a DC sweep of temperature. Each class is tried with requests
worded differently from the benchmark cases it came from."""
from __future__ import annotations

import math

import pytest

from spice_lsp.generation.checklist import measure
from spice_lsp.generation.design import design
from spice_lsp.generation.intent import parse_intent
from spice_lsp.generation.pipeline import generate
from spice_lsp.generation.recipes.sensors import _card, _vf
from spice_lsp.generation.request import Spec, read_request


def designed(description: str):
    intent = parse_intent(description)
    return intent, design(intent, read_request(description).specs)


def specs_of(description: str, quantity: str) -> list[Spec]:
    return [s for s in read_request(description).specs if s.quantity == quantity]


# --- a corner said with a verb: "gets the corner to", "so the corner lands at" ------------------------------

@pytest.mark.parametrize("description, fc", [
    ("quick lowpass pls, 22k-ish resistor, whatever cap gets the corner to ~720hz", 720.0),
    ("RC high-pass with roughly 4.7k for R; choose C so the corner lands at about 300 Hz.", 300.0),
    ("Low-pass RC, R = 1k, with its cutoff moved to 50 kHz.", 50e3),
])
def test_a_corner_said_with_a_verb_is_the_cutoff_designed_from_the_given_resistor(description, fc):
    assert [s.target for s in specs_of(description, "cutoff")] == [fc]
    intent, d = designed(description)
    r, c = intent.values["R"].value, intent.values["C"].value
    assert math.isclose(1 / (2 * math.pi * r * c), fc, rel_tol=0.06) and "C" in d.designed  # C bought in E24


def test_a_chatty_corner_request_is_built_and_verified():
    result = generate("hi, could you do a lowpass with a 4.7k-ish resistor and pick the cap so the corner "
                      "goes to ~2.2khz? input in, output out")
    assert result.verified
    assert any(c.what.endswith("2.2khz") and c.detail.startswith("measured") for c in result.checks)


# --- a loss in dB: a resistive attenuator is a divider whose ratio is stated in dB -------------------------

@pytest.mark.parametrize("description, db", [
    ("Passive attenuator that knocks the level down: cut it by 12 dB, about 5k in total.", -12.0),
    ("I need a 6 dB resistive pad made of two resistors.", -6.0),
    ("Resistor divider that gives 9.5 dB of attenuation with 22k on top.", -9.5),
    ("Resistive attenuator, -26 dB from its input to its output, output unloaded.", -26.0),
    ("Give me a 10 dB attenuator from in to out.", -10.0),
])
def test_a_loss_in_db_is_a_dividers_ratio(description, db):
    assert [s.target for s in specs_of(description, "gain_db")] == [db]
    intent, d = designed(description)
    assert intent.kind == "voltage_divider" and not d.problems
    r1 = next((intent.values[r].value for r in ("R1", "R") if r in intent.values), 10e3)  # the template's default
    r2 = intent.values["R2"].value
    assert abs(20 * math.log10(r2 / (r1 + r2)) - db) < 0.2  # E96 parts


@pytest.mark.parametrize("description", [
    "RC low-pass with its -3 dB point at 1 kHz, R = 10k",
    "Second-order low-pass that rolls off at -40 dB per decade above 2 kHz",
    "Notch filter at 60 Hz, at least 30 dB down at 60 Hz",
])
def test_a_corner_a_slope_or_a_gain_at_a_frequency_is_no_loss(description):
    assert not [s for s in read_request(description).specs if s.quantity == "gain_db" and s.at is None]


def test_an_attenuator_is_built_measured_and_verified():
    result = generate("Resistive attenuator of exactly 20 dB, total resistance about 10k, input in, output out.")
    item = next(c for c in result.checks if c.what.endswith("exactly 20 dB"))
    assert item.status == "pass" and "-20" in item.detail and result.verified
    # the answer carries what its gain is measured with: an AC sweep and an AC stimulus on its source
    lines = result.netlist.splitlines()
    assert any(line.startswith(".ac") for line in lines) and "AC 1" in next(x for x in lines if x.startswith("V1"))


def test_a_gain_is_measured_on_a_source_with_only_a_dc_level():
    # the ratio needs an AC stimulus; the served netlist keeps its DC source as it is
    netlist = "div\nV1 in 0 DC 10\nR1 in out 9k\nR2 out 0 1k\n.op\n.end\n"
    value, how = measure(Spec("-20 dB", "gain_db", -20.0), netlist, "out", "in")
    assert value is not None and abs(value + 20) < 0.01, how


# --- a series LC's resonance with its capacitor given: the inductor is designed -----------------------------

@pytest.mark.parametrize("description, f0, c", [
    ("A series LC circuit resonant at 10.7 MHz using a 47 pF capacitor, fed through 75 ohm.", 10.7e6, 47e-12),
    ("Series LC network with a 2.2 nF cap; pick the inductor for resonance at 100 kHz.", 100e3, 2.2e-9),
    ("Series LC that resonates at 1 MHz with a 330 pF capacitor, driven through 50 ohm.", 1e6, 330e-12),
])
def test_a_series_lc_resonance_with_its_capacitor_given_designs_the_inductor(description, f0, c):
    intent, d = designed(description)
    assert intent.kind == "rlc_series" and math.isclose(intent.values["C"].value, c)
    assert math.isclose(1 / (2 * math.pi * math.sqrt(intent.values["L"].value * c)), f0, rel_tol=0.03)


@pytest.mark.parametrize("description, f0, given", [
    ("Parallel LC tank tuned to 455 kHz, L = 1 mH.", 455e3, "L"),
    ("An LC tank circuit tuned to 10.7 MHz with a 33 pF capacitor.", 10.7e6, "C"),
])
def test_a_tank_tuned_to_a_frequency_resonates_there(description, f0, given):
    assert [s.target for s in specs_of(description, "center")] == [f0]
    intent, d = designed(description)
    ind, cap = intent.values["L"].value, intent.values["C"].value
    assert given not in d.designed and math.isclose(1 / (2 * math.pi * math.sqrt(ind * cap)), f0, rel_tol=0.03)


# --- an LED driven at a current, its forward voltage stated ---------------------------------------------------

@pytest.mark.parametrize("description, amps, vf, supply", [
    ("A white LED with a 3.2 V forward voltage, run at 20 mA off a 9 V battery through a resistor.", 20e-3, 3.2, 9),
    ("Current-limiting resistor for a blue LED (3 V drop) from 5 V so it carries 5 mA.", 5e-3, 3.0, 5),
    ("Drive a yellow LED (about 2.0 V forward) at 12 mA from a 24 V rail.", 12e-3, 2.0, 24),
    ("LED on a 3.3 V pin, forward voltage 2 V, 4 mA please.", 4e-3, 2.0, 3.3),
])
def test_an_leds_current_and_forward_voltage_size_its_resistor(description, amps, vf, supply):
    assert [s.target for s in specs_of(description, "current")] == [amps]
    intent, d = designed(description)
    assert intent.values["VF"].value == vf and not d.problems
    assert math.isclose(_vf(amps, _card(intent)), vf, rel_tol=1e-3)  # the simulated LED is the user's
    assert math.isclose(d.designed["R"], (supply - vf) / amps, rel_tol=1e-3)


def test_an_led_fed_by_a_current_source_or_with_a_rating_states_no_current_spec():
    assert not specs_of("An LED fed by a 2 mA current source from node a to ground.", "current")
    assert not specs_of("A red LED rated 30 mA max, from 5 V through 470 ohm.", "current")


def test_an_led_driver_is_verified_at_its_current():
    result = generate("Drive a green LED (about 2.2 V forward drop) at 8 mA from a 5 V supply.")
    assert result.verified and any(c.what.endswith("at 8 mA") and c.status == "pass" for c in result.checks)


# --- a DC sweep of temperature is the temperature sweep, no sweep of a source beside it -----------------------

@pytest.mark.parametrize("description, directive", [
    ("1k from a 12 V supply to a 5.1 V zener; DC sweep of temp from -40 to 85 °C in 5 degree steps.",
     ".dc temp -40 85 5"),
    ("Diode biased by 1k from a 5 V source; DC sweep over temperature from 0 to 100 degrees in 25 degree steps.",
     ".dc temp 0 100 25"),
    ("Zener shunt from 9 V through 470 ohm. Sweep over temperature from -20 °C to 60 °C (a DC analysis of the "
     "temperature).", ".dc temp -20 60 2"),
])
def test_a_dc_sweep_of_temperature_is_one_temperature_sweep(description, directive):
    assert [a.directive for a in parse_intent(description).analyses if a.kind in ("dc", "temp")] == [directive]


# --- a bound on a node's level: measured at that node, never designed for -------------------------------------

@pytest.mark.parametrize("description, node, volts, bound", [
    ("NMOS switch: with 5 V on its gate, the drain node must stay below 0.2 V.", "drain", 0.2, "max"),
    ("Relay driver; node k should sit under 0.4 V when the transistor is on.", "k", 0.4, "max"),
    ("Voltage divider from 9 V, 4.7k on top; the output voltage must remain above 3 V.", "output", 3.0, "min"),
])
def test_a_bound_on_a_nodes_level_is_read_with_its_node(description, node, volts, bound):
    levels = specs_of(description, "level")
    assert [(s.node, s.target, s.bound) for s in levels] == [(node, volts, bound)]


def test_a_level_bound_is_measured_at_its_node_and_bounds_the_answer():
    held = generate("Voltage divider from 12 V with 10k on top and 10k below; the output must stay above 5.5 V.")
    item = next(c for c in held.checks if c.what.endswith("above 5.5 V"))
    assert item.status == "pass" and "v(out)" in item.detail and held.verified
    missed = generate("Voltage divider from 12 V with 10k on top and 10k below; the output must stay above 6.5 V.")
    item = next(c for c in missed.checks if c.what.endswith("above 6.5 V"))
    assert item.status == "fail" and not missed.verified


def test_a_ripple_or_a_signal_below_a_level_is_no_node_bound():
    assert not specs_of("Half-wave rectifier, 1k load; the ripple must stay below 0.5 V.", "level")
    assert not specs_of("Keep the input signal below 1 V.", "level")


# --- a question is a measurement to report ---------------------------------------------------------------------

@pytest.mark.parametrize("description, words, unit", [
    ("A 5 kHz pulse train from 0 to 5 V with 30 % duty cycle at node p, followed by an RC low-pass (1k and 1 uF). "
     "What average voltage do I get? 20 ms transient.", "What average voltage", "V"),
    ("Voltage divider, 22k over 10k from a 9 V battery. What's the output voltage?", "What's the output voltage", "V"),
    ("Common-emitter amplifier on 9 V, input ci, output co. Gain at 5 kHz?", "Gain at 5 kHz", "kHz"),
])
def test_a_question_is_answered_by_a_measurement(description, words, unit):
    result = generate(description)
    item = next(c for c in result.checks if c.what.startswith(words))
    assert item.status == "pass" and item.detail.startswith("answered: measured") and unit in item.detail


def test_the_average_asked_of_a_filtered_pulse_is_its_duty_times_its_level():
    result = generate("A 5 kHz pulse train from 0 to 5 V with 30 % duty cycle at node p, followed by an RC low-pass "
                      "(1k and 1 uF). What average voltage do I get? 20 ms transient.")
    item = next(c for c in result.checks if c.what.startswith("What average voltage"))
    measured = float(item.detail.split("measured ")[1].split("V")[0])
    assert abs(measured - 1.5) < 0.1  # 30 % of 5 V


@pytest.mark.parametrize("description, target, bound", [
    ("Emitter follower on 5 V driving a 100 ohm load, gain at least 0.9.", 0.9, "min"),
    ("Common-source stage on 12 V, voltage gain 4.5.", 4.5, None),
    ("Inverting amplifier with a gain of at most 2.2. Input a, output b.", 2.2, "max"),
])
def test_a_gain_that_ends_its_sentence_is_read(description, target, bound):
    assert [(s.target, s.bound) for s in specs_of(description, "gain")] == [(target, bound)]


@pytest.mark.parametrize("description", [
    "CE stage on 9 V with a gain of about -6; input u, output w.",
    "npn CE amp, gain of 8, 15 V supply.",
])
def test_a_ce_stage_asked_for_a_gain_is_designed_for_it(description):
    intent, d = designed(description)
    assert intent.kind == "bjt_degenerated_ce" and "GAIN" in d.claimed and not d.problems


# --- a zener regulator's level said with its load current or with a verb -------------------------------------

@pytest.mark.parametrize("description, volts, load", [
    ("Zener regulator: 24 V in, 12 V at 50 mA out.", 12.0, 12.0 / 50e-3),
    ("Zener regulator giving 9.1 V from an 18 V input for a 30 mA load.", 9.1, 9.1 / 30e-3),
    ("A zener shunt regulator that delivers 5.1 V from 9 V into a 20 mA load.", 5.1, 5.1 / 20e-3),
])
def test_a_zener_regulators_level_and_load_current_size_its_parts(description, volts, load):
    assert [s.target for s in specs_of(description, "vout")] == [volts]
    intent, d = designed(description)
    assert intent.values["VZ"].value == volts and math.isclose(d.designed["RL"], load, rel_tol=1e-6)
    assert "RS" in d.designed and not d.problems


# --- analyses in other words: the saved window, temperatures listed, a linear sweep by its step ----------------

@pytest.mark.parametrize("description, directive", [
    ("RC low-pass 1k 1u driven by a 1 kHz square wave; 20 ms transient, discard the first 10 ms.",
     ".tran 20u 20m 10m"),
    ("RC low-pass 1k 1u fed a 1 kHz square wave; transient 20 ms, ignore the first 5 ms of data.", ".tran 20u 20m 5m"),
    ("Diode D1 biased through 1k from 5 V; find the operating point for T = 0, 50 and 100 C.", ".temp 0 50 100"),
    ("A diode from 5 V through 1k, simulated at temperatures of -40, 0, 25 and 85 degrees.", ".temp -40 0 25 85"),
    ("Series RLC, R = 10, L = 10 mH, C = 1 uF; sweep linearly from 1 kHz to 2 kHz in 10 Hz steps.",
     ".ac lin 101 1k 2k"),
    ("Series RLC R = 10, L = 10 mH, C = 1 uF: linear AC analysis from 1 kHz to 2 kHz, 201 frequency points.",
     ".ac lin 201 1k 2k"),
])
def test_an_analysis_said_in_other_words_keeps_its_numbers(description, directive):
    assert directive in [a.directive for a in parse_intent(description).analyses]


def test_times_listed_after_a_small_t_are_no_temperatures():
    assert not any(a.kind == "temp" for a in parse_intent("PWL points at t = 0, 1 and 2 ms into 1k and 1 uF").analyses)


@pytest.mark.parametrize("description, directive", [
    ("Noise analysis of a 47k/2.2 nF RC low-pass at v(out) referred to V1, 1 Hz to 1 MHz, 10 points per decade; the AC "
     "response over the same range.", ".ac dec 20 1 1meg"),
    ("RC low-pass 10k, 10n. AC sweep from 100 Hz to 1 MHz; then a noise analysis at out over the same band.",
     ".noise v(out) VIN dec 20 100 1meg"),
])
def test_a_sweep_over_the_same_range_takes_the_range_said_before(description, directive):
    assert directive in [a.directive for a in parse_intent(description).analyses]


@pytest.mark.parametrize("description, volts, supply", [
    ("A voltage divider that turns 24 V into 5 V, drawing 1 mA.", 5.0, 24.0),
    ("Resistor divider that brings the 9 V rail down to 3.3 V.", 3.3, 9.0),
    ("Divider reducing 12 V to 4 V with 10k on the bottom.", 4.0, 12.0),
])
def test_a_level_converted_from_another_is_the_output_and_the_other_the_input(description, volts, supply):
    assert [s.target for s in specs_of(description, "vout")] == [volts]
    intent, d = designed(description)
    assert next(intent.values[r].value for r in ("VIN", "VDD") if r in intent.values) == supply and not d.problems


# --- a low-side switch's drain held below a level when on: its width designed, the on-state measured -----------

@pytest.mark.parametrize("description", [
    "NMOS low-side switch for a 24 ohm load on a 12 V supply; with 5 V on the gate the drain must stay below 0.2 V.",
    "MOSFET low-side switch: a 100 ohm load from a 24 V supply, 10 V gate drive; when on, the drain must sit below "
    "0.1 V.",
])
def test_a_switchs_on_state_level_sizes_its_transistor_and_is_measured_on(description):
    intent, d = designed(description)
    assert "W" in d.designed and not d.problems
    result = generate(description)
    item = next(c for c in result.checks if c.what.startswith("the drain must"))
    assert item.status == "pass" and item.detail.startswith("measured") and "min of v(" in item.detail
    assert result.verified


@pytest.mark.parametrize("description, total", [
    ("Voltage divider from 12 V giving 3 V out, about 100k total.", 100e3),
    ("Resistive pad of 10 dB with a total resistance of 47k.", 47e3),
])
def test_a_strings_total_resistance_is_measured_as_its_source_sees_it(description, total):
    assert [s.target for s in specs_of(description, "rtotal")] == [total]
    result = generate(description)
    item = next(c for c in result.checks if "total" in c.what)
    assert item.status == "pass" and item.detail.startswith("measured") and result.verified
