"""Analyses and spec figures in the words people use for them: a sweep named by its spacing or by what to look
at, a run length said as "show"/"give me" or left alone in its own clause, a source's sweep with a note in
parentheses, the input level of an operating point, a response's rise time, a gain in V/V, a lossy integrator's
DC gain. Each expectation is computed from the figures the request states."""
from __future__ import annotations

import math

import pytest

from spice_lsp.generation.design import design
from spice_lsp.generation.intent import parse_intent
from spice_lsp.generation.request import read_request
from spice_lsp.language.units import format_eng

FILTER = "RC low-pass with 1.8k from ain to aout and 68 nF from aout to ground, 1 V AC at ain"


def _directives(text: str, kind: str) -> list[str]:
    return [a.directive for a in parse_intent(text).analyses if a.kind == kind]


def _ac(variation: str, points: int, start: float, stop: float) -> list[str]:
    return [f".ac {variation} {points} {format_eng(start)} {format_eng(stop)}"]


@pytest.mark.parametrize("text, expected", [
    # a count's own spacing wins over a node whose name looks like a sweep's word ("lin")
    ("Low-pass: 2k from lin to lout, 33 nF lout to ground, AC 1 V on lin. Sweep it in octaves, 6 per octave, "
     "from 30 Hz to 30 kHz.", _ac("oct", 6, 30, 30e3)),
    (f"{FILTER}; step by decades from 5 Hz to 50 kHz, 12 points per decade", _ac("dec", 12, 5, 50e3)),
    # what to look at, over a band
    (f"{FILTER}. Plot aout from 200 Hz to 20 kHz.", _ac("dec", 20, 200, 20e3)),
    (f"{FILTER}. I'd like to look at the output between 3 Hz and 30 kHz.", _ac("dec", 20, 3, 30e3)),
    # a clause that is a band and nothing else
    (f"{FILTER}; 40 Hz - 400 kHz.", _ac("dec", 20, 40, 400e3)),
    # the linear word still counts where it is one
    (f"{FILTER}. Linear sweep, 250 points, 500 Hz to 3 kHz.", _ac("lin", 250, 500, 3e3)),
])
def test_ac_sweeps_in_words(text: str, expected: list[str]) -> None:
    assert _directives(text, "ac") == expected


def test_a_spec_window_is_no_sweep() -> None:
    """"check that the corner lies between ..." bounds a figure; it asks for no sweep over that band."""
    assert _directives("RC low-pass, 1 kHz corner; check that the corner lies between 950 Hz and 1.05 kHz.",
                       "ac") == []


@pytest.mark.parametrize("text, seconds", [
    ("RC: 4.7k from p to q, 220 nF from q to 0, a 0-5 V step at p. Show 40 ms.", 40e-3),
    ("A 2.2k from sq to f and 10 nF from f to ground, sq a 0/3.3 V square wave at 5 kHz. Give me 3 ms of waveform.",
     3e-3),
    ("Half-wave rectifier with 1000 uF reservoir and a 470 ohm load at node dcv, 9 V peak 50 Hz sine. 250 ms.", 0.25),
])
def test_run_lengths_in_words(text: str, seconds: float) -> None:
    tran = _directives(text, "tran")
    assert len(tran) == 1
    assert tran[0].split()[2] == format_eng(seconds)


@pytest.mark.parametrize("text, source, start, stop, step", [
    ("Sweep VR (on node ref) from 2 to 6 V in 0.25 V steps; 4.7k from ref to m and 4.7k from m to ground.",
     "VR", 2, 6, 0.25),
    ("Divider 10k from a to b, 5k from b to 0, V3 on a. Ramp V3 from 1 V up to 7 V, 0.05 V per step.",
     "V3", 1, 7, 0.05),
])
def test_dc_sweeps_of_a_named_source(text: str, source: str, start: float, stop: float, step: float) -> None:
    assert _directives(text, "dc") == [f".dc {source} {format_eng(start)} {format_eng(stop)} {format_eng(step)}"]


@pytest.mark.parametrize("text, level", [
    ("Inverting amplifier, gain -5, from u to w, op point with 0.3 V in", 0.3),
    ("non-inverting amp gain 3 (input at x, output at y), operating point with 2 V at the input", 2.0),
])
def test_an_operating_points_input_level(text: str, level: float) -> None:
    held = [s for s in read_request(text).sources if s.dc is not None and s.node is None]
    assert [s.dc for s in held] == [level]


def test_a_signal_level_stays_a_signal() -> None:
    """With a sine and a transient the same words give the signal's amplitude, no DC input level."""
    text = "Inverting amplifier, gain -5, 50 mV in, 2 kHz sine, transient 5 ms"
    assert not [s for s in read_request(text).sources if s.dc is not None and s.node is None]


@pytest.mark.parametrize("text, rise, lo, hi", [
    ("RC network whose 20-80 % rise time at node y is 30 us for a 0 to 1 V step at x. 400 us transient.",
     30e-6, 0.2, 0.8),
    ("RC lag with a 10%-90% rise time of 8 us at vo for a 0 to 2 V step applied at vi.", 8e-6, 0.1, 0.9),
])
def test_a_rise_time_is_the_responses(text: str, rise: float, lo: float, hi: float) -> None:
    request = read_request(text)
    corner = math.log((1 - lo) / (1 - hi)) / (2 * math.pi * rise)
    assert [s.quantity for s in request.specs] == ["cutoff"]
    assert request.specs[0].target == pytest.approx(corner)
    # the figure is the response's, not the step's own edge
    assert all(s.pulse is None or s.pulse[3] is None for s in request.sources)


def test_a_gain_in_volts_per_volt_is_a_number() -> None:
    values = parse_intent("Non-inverting amplifier, gain 8 V/V, 0.1 V in, op").values
    assert values["GAIN"].value == 8
    assert values["GAIN"].unit == ""
    assert values["VIN"].value == 0.1


@pytest.mark.parametrize("gain, corner", [(-6.0, 250.0), (-20.0, 1e3)])
def test_lossy_integrator_dc_gain_and_corner(gain: float, corner: float) -> None:
    text = f"Lossy integrator with a DC gain of {gain:g} and a corner at {format_eng(corner)}Hz"
    intent = parse_intent(text)
    d = design(intent, read_request(text).specs)
    rf, r1, c = (d.designed[role] for role in ("RF", "R1", "C"))
    assert 1 / (2 * math.pi * rf * c) == pytest.approx(corner)
    assert rf / r1 == pytest.approx(abs(gain))
    assert "GAIN" in d.claimed


@pytest.mark.parametrize("text, volts", [
    ("A 2.5 V shunt regulator from a zener and a resistor, fed from 12 V on raw, output zz. op", 2.5),
    ("Build me a 9.1 V rail with a zener, 24 V in at src, 10 mA load. DC op", 9.1),
    ("Boost converter on 5 V, 100 kHz, duty 0.6 so it ends up near 12.5 V, 47 uF, 100 ohm load", 12.5),
    ("A 5 V sensor output at sx has to feed an input that only tolerates 3.3 V at sy; resistors only.", 3.3),
])
def test_the_level_a_circuit_makes_is_its_output(text: str, volts: float) -> None:
    assert [(s.quantity, s.target) for s in read_request(text).specs if s.quantity == "vout"] == [("vout", volts)]


def test_a_rail_it_is_fed_from_is_no_output() -> None:
    assert not [s for s in read_request("LED driver hanging from a 9 V rail at node top, 15 mA").specs
                if s.quantity == "vout"]


def test_a_made_rail_is_no_supply() -> None:
    """"make a 6.8 V rail ... 20 V in": the zener's level is the output; the stated input feeds it."""
    from spice_lsp.generation.pipeline import generate
    result = generate("Make a 6.8 V rail with a resistor and a zener, 20 V in at node feed, output at node zr, "
                      "15 mA load. DC op.")
    supply = next(line for line in result.netlist.splitlines() if line.upper().startswith("V"))
    assert supply.split()[1:4] == ["feed", "0", "DC"] and float(supply.split()[4]) == 20
    assert result.verified


@pytest.mark.parametrize("text, volts", [
    ("Full-wave bridge into a 47 ohm load, ripple no more than 0.8 V peak-to-peak.", 0.8),
    ("Half-wave rectifier, 220 ohm load; the ripple should be below 0.25 V", 0.25),
])
def test_a_ripple_bound_said_after_the_word(text: str, volts: float) -> None:
    assert [(s.quantity, s.target) for s in read_request(text).specs] == [("ripple", volts)]


def test_a_q_at_the_end_of_a_sentence() -> None:
    specs = read_request("Series RLC band-pass, output across the resistor at bq: centre 12 kHz and Q of 4. "
                         "AC 1 kHz to 100 kHz.").specs
    assert ("q", 4.0) in [(s.quantity, s.target) for s in specs]


def test_a_tanks_loaded_q_sets_its_feed_resistor() -> None:
    """Q = R/sqrt(L/C): the feed resistor from the Q asked and the tank's own L and C."""
    from spice_lsp.generation.pipeline import generate
    from spice_lsp.language.units import parse_number
    result = generate("parallel LC tank at 20 kHz with a Q of 6, input ti, output to")
    parts = {line.split()[0]: parse_number(line.split()[3]) or 0.0 for line in result.netlist.splitlines()
             if line[:2] in ("R1", "L1", "C1")}
    assert parts["R1"] == pytest.approx(6 * math.sqrt(parts["L1"] / parts["C1"]), rel=0.02)
    assert result.verified


@pytest.mark.parametrize("current, vto, kp", [(1e-3, 0.7, 1e-3), (0.4e-3, 1.0, 0.5e-3)])
def test_common_gate_bias_from_the_drain_current(current: float, vto: float, kp: float) -> None:
    """Its gate bias from the level-1 law with W = L: VGS = VTO + sqrt(2 ID/KP); the model's KP is no current."""
    text = (f"Common-gate NMOS amplifier biased at {format_eng(current)}A, RD = 4.7k, 12 V supply, level-1 NMOS "
            f"with VTO = {vto:g} V and KP = {format_eng(kp)}A/V² (W = L); input s, output d")
    intent = parse_intent(text)
    d = design(intent, read_request(text).specs)
    assert d.designed["VGS"] == pytest.approx(vto + math.sqrt(2 * current / kp))
    assert "KP" in intent.values


@pytest.mark.parametrize("text, kind, expected", [
    (f"{FILTER}. AC, linear, 150 points from 2 kHz to 9 kHz.", "ac", _ac("lin", 150, 2e3, 9e3)),
    (f"{FILTER}. First the .op, then AC over 5 Hz .. 50 kHz.", "ac", _ac("dec", 20, 5, 50e3)),
    # a directive typed at a sentence's end, after a source's "AC 1."
    ("R7 = 3.3k, ain to aout. C7 = 22n, aout to gnd. V1 drives ain, AC 1. ac oct 12 40 40k.", "ac",
     _ac("oct", 12, 40, 40e3)),
    ("Log amp: 10k into an op-amp with a diode as its feedback; a voltage at vx (source VX, swept 20 mV to 2 V).",
     "dc", [".dc VX 20m 2 19.8m"]),
    ("NMOS curves: drain d, gate g, VDS on d, VGS on g. DC sweep VDS 0 to 6 V step 0.2 with VGS 1 to 3 V in "
     "0.5 V steps as the second sweep.", "dc", [".dc VDS 0 6 200m VGS 1 3 500m"]),
    ("Inverting Schmitt trigger on ±12 V, thresholds ±2 V, input si, output so. Drive it with a 50 Hz triangle "
     "of ±5 V on si for 60 ms.", "tran", [".tran 60u 60m"]),
    ("CMOS NAND at 3.3 V, inputs a and b, output y. DC test: a = 3.3 V, b = 0.", "op", [".op"]),
])
def test_more_analyses_in_words(text: str, kind: str, expected: list[str]) -> None:
    assert _directives(text, kind) == expected


def test_a_pulse_high_for_a_while_is_no_run_length() -> None:
    assert _directives("A 3 V pulse at in, high for 200 us, into an RC low-pass 2.2k 4.7n.", "tran") == []


def test_a_node_named_like_a_part_is_no_kind_word() -> None:
    """"4.7k from p to cap" is a resistor ending at node cap (its value has no farads), not a 4.7 kF capacitor."""
    parts = [(e.kind, e.nodes, e.value) for e in read_request("Step of 0 to 3 V at p, 4.7k from p to cap, "
                                                                "220 nF from cap to ground. Show 10 ms.").elements]
    assert ("R", ("p", "cap"), 4700.0) in parts
    assert ("C", ("cap", "0"), 2.2e-7) in parts


@pytest.mark.parametrize("text, resistance", [
    ("AC-coupled inverting amplifier on a single 12 V supply, gain -8, low-frequency corner near 40 Hz, "
     "input p, output q", 10e3),
    ("single-supply non-inverting amplifier on 5 V, gain 3, low corner 25 Hz, input p, output q", 50e3),
])
def test_an_ac_coupled_stages_low_corner_sizes_its_input_capacitor(text: str, resistance: float) -> None:
    """fc = 1/(2 pi R CIN), R the resistance behind the coupling capacitor (RIN, or the 100k/100k bias divider)."""
    intent = parse_intent(text)
    specs = read_request(text).specs
    corner = next(s.target for s in specs if s.quantity == "cutoff")
    d = design(intent, specs)
    assert d.designed["CIN"] == pytest.approx(1 / (2 * math.pi * resistance * corner))


def test_a_level_held_for_a_while_is_no_run_length() -> None:
    """"(... goes to 0 V for 20 µs)" is the trigger's width; the run is the transient the request names."""
    text = ("555 monostable, R = 22k, C = 47 nF, 12 V supply, triggered on node tr at 2 ms (tr idles at 12 V, "
            "goes to 0 V for 20 µs), output q; 8 ms transient.")
    assert _directives(text, "tran") == [f".tran {format_eng(8e-6)} {format_eng(8e-3)}"]


@pytest.mark.parametrize("text, gain", [
    ("My bridge gives ±20 mV and the converter wants ±2 V, same polarity; one op-amp on ±12 V, in at br, out at cv.",
     100.0),
    ("A pickup that swings ±50 mV must go to ±1 V, inverted, one op-amp, input pk, output ad.", -20.0),
])
def test_one_swing_scaled_onto_another_is_a_gain(text: str, gain: float) -> None:
    assert [(s.quantity, s.target) for s in read_request(text).specs if s.quantity == "gain"] == \
        [("gain", pytest.approx(gain))]
