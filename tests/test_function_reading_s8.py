"""A circuit described by what it does, in wordings of its own (lane C, s8): which side a filter keeps and the
frequency it names, one frequency removed or picked out, a level held by a resistor and a diode, a signal that
repeats at a rate, a sign flipped in plain words, and a family's eponym ("Miller integrator") that is its name."""
from __future__ import annotations

import math

import pytest

from spice_lsp.generation.function_words import read_function
from spice_lsp.generation.intent import parse_intent
from spice_lsp.generation.request import read_request


def _specs(text: str) -> dict[str, tuple[float, str | None]]:
    return {s.quantity: (s.target, s.bound) for s in read_request(text).specs if s.quantity != "flat"}


@pytest.mark.parametrize("text, kind, corner", [
    ("Drop the DC component but keep all the content above 75 Hz, from a to b.", "rc_highpass", 75.0),
    ("Retain just the low rumble under 90 Hz and discard the rest above it; resistor and capacitor, a to b.",
     "rc_lowpass", 90.0),
    ("Only the bass survives: what is below 320 Hz remains, what is higher gets thrown out. a to b.",
     "rc_lowpass", 320.0),
])
def test_the_frequency_a_one_sided_filter_keeps_from_is_its_corner(text, kind, corner):
    assert parse_intent(text).kind == kind
    assert _specs(text)["cutoff"] == (corner, None)  # the corner aimed at, not a bound below it


def test_a_demanded_edge_of_a_dc_block_stays_a_bound():
    text = "Strip the DC; all audio from 35 Hz upward has to pass, a to b."
    assert _specs(text)["cutoff"] == (35.0, "max")


@pytest.mark.parametrize("text, notch", [
    ("A 400 Hz whine sits on the line. Get rid of that tone but keep 50 Hz and 5 kHz; a to b.", 400.0),
    ("Ground hum at 50 Hz spoils the feed; remove that frequency and let speech (near 2 kHz) pass. a to b.", 50.0),
    ("Suppress a 3 kHz interfering tone while passing 300 Hz and 30 kHz, a to b.", 3000.0),
])
def test_one_frequency_removed_is_the_notch_even_when_a_passed_one_is_named_beside_it(text, notch):
    reading = read_function(text.lower())
    assert reading is not None and "notch" in reading.circuit
    assert _specs(text)["notch"][0] == notch


@pytest.mark.parametrize("text, centre, q", [
    ("Extract the 25 kHz carrier and reject what is near it, Q 8, a to b.", 25e3, 8.0),
    ("I just care about the 700 Hz note: pick it out and damp its neighbours, Q of 3. a to b.", 700.0, 3.0),
])
def test_one_frequency_picked_out_is_a_band_pass_centred_on_it(text, centre, q):
    assert parse_intent(text).kind == "rlc_bandpass"
    specs = _specs(text)
    assert specs["center"][0] == centre and specs["q"][0] == q


@pytest.mark.parametrize("text, level, supply", [
    ("Pin node vr at 4.7 V from the 10 V line with a resistor and a single diode.", 4.7, 10.0),
    ("My 24 V bus on node bus sags and jumps; node k must sit at 8.2 V anyway, one resistor plus one diode.", 8.2,
     24.0),
])
def test_a_level_held_by_a_resistor_and_a_diode_is_a_zener_regulator(text, level, supply):
    intent = parse_intent(text)
    assert intent.kind == "zener_regulator"
    assert (intent.values.get("VDD") or intent.values["VIN"]).value == supply  # the rail it is fed from
    assert _specs(text)["vout"][0] == level


def test_a_forward_drop_held_by_a_diode_is_no_zener():
    reading = read_function("keep node a at 0.6 v with a resistor and a diode from 5 v")
    assert reading is None or reading.circuit != "zener regulator"


@pytest.mark.parametrize("text, node, freq", [
    ("A 0-3.3 V square that pulses 400 times a second at node sclk.", "sclk", 400.0),
    ("something on node hb that beats 0 V / 9 V, twenty times per second", "hb", 20.0),
])
def test_a_signal_repeating_at_a_rate_with_nothing_to_make_it_is_a_clock_source(text, node, freq):
    assert parse_intent(text).kind == "clock_source"
    assert _specs(text)["frequency"][0] == freq


def test_a_rate_with_an_oscillators_parts_is_not_a_source():
    reading = read_function("an astable that blinks 3 times a second from the 9 v supply with two transistors")
    assert reading is None or reading.circuit != "clock source"


@pytest.mark.parametrize("text, gain", [
    ("Give me the opposite polarity of the input at a, 12 times the size, at b.", -12.0),
    ("flip the waveform at a and make it 3 times louder at b", -3.0),
    ("Amplify 6x and invert, a to b, op-amp.", -6.0),
    ("turn the voltage at a upside down at b, same amplitude", -1.0),
])
def test_a_sign_flipped_in_plain_words_is_an_inverting_gain(text, gain):
    assert parse_intent(text).kind == "opamp_inverting"
    assert math.isclose(_specs(text)["gain"][0], gain)


def test_a_flip_flop_flipping_its_output_names_no_inversion():
    assert parse_intent("a T flip-flop that flips its output on every rising clock edge").kind != "opamp_inverting"


@pytest.mark.parametrize("text, kind", [
    ("Miller integrator with 22k and 4.7 nF, input a, output b.", "opamp_integrator"),
    ("Strain gauge bridge of four 120 ohm arms read by a differential amplifier of gain 50, 3 V excitation.",
     "strain_gauge_amplifier"),
])
def test_a_circuit_named_by_its_eponym_or_its_amplifiers_kind_is_served_not_refused(text, kind):
    from spice_lsp.generation.pipeline import generate
    result = generate(text)  # raises CannotServe when refused
    assert result.intent.kind == kind


@pytest.mark.parametrize("text, level", [
    ("output high when the signal at a climbs past 1.8 V, one op-amp, output b", 1.8),
    ("Op-amp on ±9 V, out low whenever a is under 0.4 V, high otherwise.", 0.4),
    ("One op-amp: output high when a climbs past a 2.2 V reference; b is the output.", 2.2),
])
def test_an_output_said_high_or_low_against_a_level_without_a_verb_is_a_comparator(text, level):
    intent = parse_intent(text)
    assert intent.kind == "comparator" and intent.values["VBIAS"].value == level


def test_a_band_excepted_from_what_is_removed_is_the_one_passed():
    text = "Remove everything apart from the 12 kHz tone, Q about 6, a to b."
    assert parse_intent(text).kind == "rlc_bandpass" and _specs(text)["center"][0] == 12e3


def test_it_after_a_frequency_named_before_is_that_frequency_and_otherwise_nothing():
    assert _specs("There is a 120 Hz buzz on my line. Trap it out and keep 3 kHz, a to b.")["notch"][0] == 120.0
    assert read_function("keep it out of the mixer") is None


def test_a_signal_made_negative_is_inverted():
    text = "make my signal negative and 4 times as big, a to b"
    assert parse_intent(text).kind == "opamp_inverting" and _specs(text)["gain"][0] == -4.0


@pytest.mark.parametrize("text", [
    "Every one of the 68,000 transistors of a Motorola 68000, as one netlist please.",
    "I'd like the complete transistor netlist of an Intel 4004 to simulate.",
])
def test_a_whole_processor_by_its_maker_or_its_transistor_count_is_refused(text):
    from spice_lsp.generation.pipeline import CannotServe, generate
    with pytest.raises(CannotServe, match="no recipe for"):
        generate(text)


@pytest.mark.parametrize("text, kind", [
    ("I want -9 V out of my 9 V battery, nothing but capacitors and switches", "charge_pump_inverter"),
    ("double the voltage of my 3 V supply using two diodes and two capacitors", "diode_charge_pump_doubler"),
    ("Triple my 5 V rail with diodes and caps", "voltage_tripler"),
])
def test_a_supply_doubled_or_negated_without_an_inductor_is_a_charge_pump(text, kind):
    assert parse_intent(text).kind == kind


def test_a_supply_doubled_with_an_inductor_is_no_charge_pump():
    reading = read_function("double my 5 v supply with a 47 uh inductor")
    assert reading is None or "charge pump" not in reading.circuit


def test_a_sine_turned_into_a_square_is_a_zero_crossing_detector():
    assert parse_intent("Make the 200 Hz sine on a into a square wave on b.").kind == "zero_crossing_detector"


@pytest.mark.parametrize("text, kind", [
    ("Keep the tweeter from seeing any DC: couple the amplifier at a into it at b.", "rc_highpass"),
    ("Shield the mixer input from the 60 Hz hum but keep 800 Hz; a to b.", "twin_t_notch"),
    ("Sum the voltages at x and y at out, equal weights, without inverting, op-amp.", "noninverting_summer"),
    ("Extract the envelope of the amplitude-modulated carrier on node rf, output at node env.", "diode_peak_detector"),
    ("Translate my 1.8 V logic signal on a to 3.3 V at b.", "cmos_level_shifter"),
])
def test_what_a_circuit_keeps_away_adds_recovers_or_translates_chooses_it(text, kind):
    assert parse_intent(text).kind == kind
