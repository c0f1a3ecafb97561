"""Family choice by what the request names, not by what it mentions in passing: short filter names ("hp",
"bpf") read as the filters they name, what a circuit serves or is fed ("in front of the ADC", "a 2 kHz triangle
wave") never picks the family nor asks for a recipe of its own, and a circuit said by what it makes or does
(a sine from RC sections, a level reached some time after a step, a PWM's average) reads as that circuit."""
import math
import re

import pytest

from spice_lsp.generation.function_words import spelled_out
from spice_lsp.generation.intent import parse_intent
from spice_lsp.generation.passing import in_passing, passing
from spice_lsp.generation.pipeline import generate, refusal
from spice_lsp.generation.request import read_request


@pytest.mark.parametrize("text,want", [
    ("lp, one pole, fc 12 khz", "low-pass, one pole, fc 12 khz"),
    ("quick hpf between a and b", "quick high-pass filter between a and b"),
    ("bp: rlc, 7 khz centre", "band-pass: rlc, 7 khz centre"),
])
def test_short_filter_names_are_spelled_out(text, want):
    assert spelled_out(text) == want


@pytest.mark.parametrize("text", ["rc filter from hp to lp", "probe node bp with a 1 khz source", "a 3 hp pump motor",
                                  "sweep lp -> out", "lp = 20 mh inductor"])
def test_the_same_letters_as_a_node_a_unit_or_a_part_are_left_alone(text):
    assert spelled_out(text) == text


@pytest.mark.parametrize("text,kind", [
    ("hp, one pole, 3 kHz between a and b", "rc_highpass"),
    ("single-RC LP, corner 700 Hz", "rc_lowpass"),
    ("bpf made of a series RLC, f0 20 kHz", "rlc_bandpass"),
    ("2nd order LP with an op-amp, 2 kHz", "active_lowpass"),
])
def test_a_short_filter_name_chooses_its_family(text, kind):
    assert parse_intent(text).kind == kind


def _corner(netlist: str) -> float:
    values = {m[1][0]: m[2] for m in re.finditer(r"^([RC]\w*) \S+ \S+ (\S+)$", netlist, re.MULTILINE)}
    scale = {"k": 1e3, "n": 1e-9, "u": 1e-6, "p": 1e-12, "m": 1e-3}

    def number(text: str) -> float:
        m = re.match(r"([\d.]+)(meg|[knupm])?", text.lower())
        return float(m[1]) * (1e6 if m[2] == "meg" else scale.get(m[2] or "", 1.0))
    return 1 / (2 * math.pi * number(values["R"]) * number(values["C"]))


def test_a_terse_high_pass_is_built_at_its_stated_corner():
    result = generate("hp, single RC, corner 800 Hz, in to out")
    assert result.intent.kind == "rc_highpass"
    assert abs(_corner(result.netlist) - 800) <= 0.05 * 800, result.netlist
    assert result.verified


def test_passing_words_are_what_a_circuit_serves_or_is_fed():
    low = "an rc high-pass ahead of the comparator, fed a 0-2 v, 5 khz sawtooth"
    spans = passing(low)
    said = [low[a:b] for a, b in spans]
    assert any("comparator" in s for s in said) and any("sawtooth" in s for s in said)
    assert not any("high-pass" in s for s in said)


@pytest.mark.parametrize("text,kind", [
    ("First-order RC high-pass, 120 Hz, in front of a comparator; in to out", "rc_highpass"),
    ("Voltage divider ahead of a Schmitt trigger input: 9 V at in to 3 V at out", "voltage_divider"),
    ("Comparator: in carries a 0-4 V, 2 kHz triangle wave, reference 1 V, out switches 0/5 V", "comparator"),
])
def test_a_named_circuit_wins_over_a_word_said_in_passing(text, kind):
    assert parse_intent(text).kind == kind
    assert refusal(text) is None


@pytest.mark.parametrize("text", [
    "Voltage follower with one op-amp driving a 16 ohm speaker from out to ground, input in, ±9 V",
    "Non-inverting amplifier, gain 3, fed a 0 to 1 V, 500 Hz sawtooth at in, ±12 V, output out",
    "NMOS current mirror with a 40 uA current source from vdd into the reference side, output out at 3 V",
    "RC low-pass, 2 kHz, so that the MCU sees a clean level at out; input in",
])
def test_a_load_a_stimulus_or_a_placed_source_needs_no_recipe_of_its_own(text):
    assert refusal(text) is None


def test_a_circuit_named_after_a_connective_without_its_own_circuit_before_it_is_still_a_circuit():
    text = "Buck converter for a motor"
    covered = [(0, 4)]  # as if "buck" alone were the family's words
    assert not in_passing(text, text.index("motor"), len(text), [])
    assert in_passing(text, text.index("motor"), len(text), covered)
    assert refusal("State-variable filter feeding a biquad, input in; AC 10 Hz to 100 kHz.") is not None


@pytest.mark.parametrize("text,kind", [
    ("Generate a 2 kHz triangle wave with two op-amps, output tri", "function_generator"),  # the wave it makes
    ("I need a 300 Hz sine made by a single op-amp with four RC sections in its loop, ±10 V", "phase_shift_oscillator"),
    ("When the 3.3 V step hits a, node b should reach 1.65 V about 4 ms after, one R and one C", "rc_lowpass"),
    ("Smooth the 5 V PWM on p into a steady DC level on q, 25 kHz, 30 % duty", "pwm_dac"),
    ("Knock the 12 V at in down to 5 V at out using only resistors", "voltage_divider"),
])
def test_a_circuit_said_by_what_it_makes_or_does(text, kind):
    assert parse_intent(text).kind == kind


@pytest.mark.parametrize("text,quantity,hz", [
    ("hpf, f_c = 2.2k, in to out", "cutoff", 2200.0),  # a bare figure after a frequency's name is in hertz
    ("lp one pole, fc 33k", "cutoff", 33000.0),
    ("bpf, series LC, f0 = 8 kHz", "center", 8000.0),
])
def test_a_short_filter_name_states_its_frequency(text, quantity, hz):
    specs = [(s.quantity, s.target) for s in read_request(text).specs]
    assert (quantity, hz) in specs, specs


@pytest.mark.parametrize("text,kind", [
    ("RC high-pass at 3 kHz feeding the comparator, input in, output out", "rc_highpass"),  # there already
    ("Non-inverting amplifier, gain 6, driving a 10-bit ADC; input in", "opamp_noninverting"),  # a device
])
def test_what_a_circuit_feeds_is_context_when_it_is_there_already_or_a_device(text, kind):
    assert parse_intent(text).kind == kind
    assert refusal(text) is None


def test_a_sine_from_a_three_section_rc_ladder_is_the_phase_shift_oscillator():
    assert parse_intent("Generate a sine of about 1.2 kHz: one NPN, a four-stage RC ladder in its feedback, 9 V"
                        ).kind == "phase_shift_oscillator"


@pytest.mark.parametrize("text", [
    "change the square wave on node a into a triangle using one op-amp and a capacitor",
    "convert the 1 kHz square wave at sq into a triangle with an op-amp integrator",
    "shape the square wave at clk into a triangle, one op-amp",
])
def test_a_wave_turned_into_another_is_the_circuits_function_not_a_clock(text):
    # "into a triangle ..." is what the circuit does to its input, not a circuit it serves
    assert parse_intent(text).kind == "opamp_integrator"
