"""The request reader's fallbacks of session 15, each a class of phrasing with variants written for these tests (not
taken from a benchmark file): a source's name in parentheses after the noun it names, a part done to another
"through" it from a node, a level made at a node as the output's spec, a divider's lower arm given and its upper one
designed."""
import re

import pytest

from spice_lsp.generation.pipeline import generate
from spice_lsp.generation.request import read_request
from spice_lsp.language.units import parse_number


def _source(text: str, name: str):
    return next(s for s in read_request(text).sources if (s.name or "").upper() == name)


@pytest.mark.parametrize(("text", "name", "node", "dc"), [
    # a name in capitals after a rail's or battery's noun is its source's, not a node's
    ("Node sup is a 12 V DC supply (VSUP); R4 = 2.2k from sup to hot and R5 = 470 from hot to ground. Operating point.",
     "VSUP", "sup", 12.0),
    ("A 9 V battery (VBAT) sits on node top; R1 = 1k from top to mid and R2 = 2k from mid to ground. Operating point.",
     "VBAT", "top", 9.0),
    ("The 5 V rail (VCC1) is node vr. R7 = 10k from vr to q, R8 = 10k from q to ground. Operating point.",
     "VCC1", "vr", 5.0),
])
def test_source_named_in_parentheses_after_its_noun(text, name, node, dc):
    source = _source(text, name)
    assert (source.node, source.dc) == (node, dc)
    assert name.lower() not in read_request(text).nodes
    assert generate(text).verified


def test_a_lower_case_name_in_parentheses_is_still_the_rails_node():
    request = read_request("The 6 V battery (vbt) feeds R1 = 1k to node mid, R2 = 2k from mid to ground. "
                           "Operating point.")
    assert any(s.node == "vbt" and s.dc == 6.0 for s in request.sources)


@pytest.mark.parametrize(("text", "name", "nodes"), [
    ("C5 = 4.7 uF from node cap to ground, charged through R11 = 10k from node src. VSTEP on src is "
     "PULSE(0 5 0 1u 1u 1 2). Transient with 100 us step to 200 ms.", "R11", ("src", "cap")),
    ("C2 = 100n from node hold to ground, discharged via R9 = 47k from node dump. VD on dump is 0 V. Operating point.",
     "R9", ("dump", "hold")),
    ("Diode D4 from node led to ground, pulled up through RP = 330 from node v5. V5 on v5 is 5 V DC. Operating point.",
     "RP", ("v5", "led")),
])
def test_part_done_to_the_one_before_through_it_from_a_node(text, name, nodes):
    part = next(e for e in read_request(text).elements if e.name == name)
    assert part.nodes == nodes


@pytest.mark.parametrize(("text", "node", "level"), [
    ("Divider from a 24 V rail at node rail giving 3.3 V at node tap.", "tap", 3.3),
    ("From a 12 V supply at node vs, make 5 V at node half with two resistors.", "half", 5.0),
    ("Resistive divider off a 9 V battery at node bat producing 1.8 V on node ref.", "ref", 1.8),
])
def test_level_made_at_a_node_is_the_outputs_spec(text, node, level):
    request = read_request(text)
    spec = next(s for s in request.specs if s.quantity == "vout")
    assert (spec.node, spec.target) == (node, level)
    answer = generate(text)
    assert answer.verified
    assert f" {node} " in answer.netlist


def test_a_named_sources_level_at_a_node_is_no_spec():
    request = read_request("VT gives 5 V at node top; R1 = 1k from top to mid, R2 = 1k from mid to ground. "
                           "Operating point.")
    assert not [s for s in request.specs if s.quantity == "vout"]
    assert _source("VT gives 5 V at node top; R1 = 1k from top to mid.", "VT").dc == 5.0


@pytest.mark.parametrize(("text", "vin", "vout", "lower"), [
    ("From a 24 V rail at node rail, make 3.3 V at node tap with a two-resistor divider. The bottom resistor (tap to "
     "ground) is 10k.", 24, 3.3, 10e3),
    ("From a 15 V supply at node vs I need 5 V at node m from a divider, R2 = 4.7k.", 15, 5, 4.7e3),
    ("Divider from 9 V at node b giving 2 V at node d; the lower resistor is 22k.", 9, 2, 22e3),
])
def test_divider_designs_its_upper_arm_from_the_lower_one(text, vin, vout, lower):
    answer = generate(text)
    values = {line.split()[0]: line.split()[3] for line in answer.netlist.splitlines() if line[:1] == "R"}
    r1, r2 = parse_number(values["R1"]), parse_number(values["R2"])
    assert r2 == pytest.approx(lower)
    assert vin * r2 / (r1 + r2) == pytest.approx(vout, rel=0.02)
    assert answer.verified


@pytest.mark.parametrize(("text", "node", "level"), [
    ("Transimpedance amp: IPD injects 5 uA DC into node pdin (the inverting input), and the output node tia must read "
     "-2 V.", "tia", -2.0),
    ("Inverting amplifier: R1 = 10k from node a to the inverting input, input a at 0.2 V DC; node vq should sit at "
     "-1 V.", "vq", -1.0),
    ("Divider from a 10 V supply at node s; node lvl has to read 2.5 V.", "lvl", 2.5),
])
def test_a_level_a_named_node_must_read_is_its_spec(text, node, level):
    spec = next(s for s in read_request(text).specs if s.quantity == "vout")
    assert (spec.node, spec.target) == (node, level)


@pytest.mark.parametrize(("text", "output", "source", "gain", "dc"), [
    ("node boom should be ten times whatever is on node tiny, but upside down. tiny sits at 0.25 V DC for the test.",
     "boom", "tiny", -10, 0.25),
    ("I want node yy to be 4 times the voltage at node xx. xx sits at 0.5 V DC.", "yy", "xx", 4, 0.5),
])
def test_one_node_a_multiple_of_another(text, output, source, gain, dc):
    request = read_request(text)
    assert (request.output, request.input) == (output, source)
    assert next(s for s in request.specs if s.quantity == "gain").target == gain
    assert next(s for s in request.sources if s.node == source).dc == dc
    answer = generate(text)
    assert answer.verified
    assert f"V1 {source} 0 DC {dc:g}" in answer.netlist


@pytest.mark.parametrize(("text", "vin", "vout", "load"), [
    ("From a 9 V battery at node batt, give me about 3.3 V at node lo3 for a sensor input that is basically a 1 Mohm "
     "resistor to ground (include it). Keep it dumb and passive.", 9, 3.3, 1e6),
    ("From a 12 V supply at node p, get me 5 V at node adc for an ADC input of 100k to ground; passive please.", 12, 5,
     100e3),
])
def test_a_lower_level_from_a_supply_with_passive_parts_is_a_loaded_divider(text, vin, vout, load):
    answer = generate(text)
    assert answer.verified
    r = {line.split()[0]: parse_number(line.split()[3]) for line in answer.netlist.splitlines() if line[:1] == "R"}
    loads = [v for v in r.values() if v == pytest.approx(load)]
    assert loads, answer.netlist
    lower = 1 / (1 / r["R2"] + 1 / load)
    assert vin * lower / (r["R1"] + lower) == pytest.approx(vout, rel=0.03)


def _analyses(text: str) -> list[str]:
    from spice_lsp.generation.intent import parse_intent
    return [a.directive for a in parse_intent(text).analyses]


@pytest.mark.parametrize(("text", "directive"), [
    # a noise analysis's settings in the sentence after it
    ("Noise analysis of a plain divider: VN (DC 0, AC 1) on node nsrc, R1 = 10k from nsrc to node nz, R2 = 10k from nz "
     "to ground. Output v(nz), input source VN, 10 points per decade from 10 Hz to 100 kHz.",
     ".noise v(nz) VN dec 10 10 100k"),
    ("Run a noise analysis on this RC: R4 = 4.7k from node p to node q, C4 = 1n from q to ground, VP on p with AC 1. "
     "Output v(q), input source VP, 5 points per decade from 100 Hz to 10 MHz.", ".noise v(q) VP dec 5 100 10meg"),
    # a frequency range whose stop has no unit
    ("R1 = 1k from node a to node b, C1 = 10n from b to ground, drive a with ac 1 and sweep 10hz to 1meg.",
     ".ac dec 20 10 1meg"),
    ("R2 2k2 from x to y, C2 47n from y to ground, VX on x with ac 1; sweep it 100 hz to 1 meg.",
     ".ac dec 20 100 1meg"),
])
def test_sweep_settings_as_written(text, directive):
    assert directive in _analyses(text)
    assert len([d for d in _analyses(text) if d.startswith((".ac", ".noise"))]) == 1


@pytest.mark.parametrize(("text", "node", "level"), [
    ("hey i need a lowpass, 1k5 resistor from node a1 to node b1 and a 68nf cap from b1 to ground, drive a1 w/ ac 1 "
     "pls and sweep 10hz to 1meg", "a1", 1.0),
    ("R5 = 10k from node src to node o, C5 = 1u from o to ground; feed src with AC 0.5 and sweep 1 Hz to 10 kHz.",
     "src", 0.5),
])
def test_a_node_driven_with_an_ac_level_without_its_unit(text, node, level):
    source = next(s for s in read_request(text).sources if s.node == node)
    assert source.ac == level
    assert generate(text).verified


@pytest.mark.parametrize(("text", "name", "node", "dc"), [
    ("NMOS M1 (W=10u L=1u, model VTO=0.6 KP=80u): gate node g1 driven by VGS, drain node d1 tied straight to VDD = "
     "5 V, source to ground. Sweep VGS from 0 to 3 V in 10 mV steps.", "VDD", "d1", 5.0),
    ("NPN Q1 with base node b driven by VB, collector node c connected directly to VCC = 9 V, emitter to ground "
     "through RE = 1k. Sweep VB from 0 to 2 V in 10 mV steps.", "VCC", "c", 9.0),
])
def test_a_pin_node_tied_to_a_named_supply(text, name, node, dc):
    source = _source(text, name)
    assert (source.node, source.dc) == (node, dc)
    answer = generate(text)
    assert f"{name} {node} 0 DC {dc:g}" in answer.netlist
    assert answer.verified


@pytest.mark.parametrize("text", [
    "3k-ish resistor from node u1 to node u2, a 10n-ish cap from u2 to ground, VU on u1 with ac 1. should come out "
    "roughly 5 khz corner, sweep it 100 hz to 1 meg.",
    "RC low-pass: R1 = 1.5k from node i to node o, C1 = 100n from o to ground, VI on i with AC 1; cutoff 1 kHz or so.",
])
def test_a_loose_target_is_met_within_ten_percent(text):
    spec = next(s for s in read_request(text).specs if s.quantity == "cutoff")
    assert spec.tolerance == pytest.approx(0.1)
    assert generate(text).verified


def _value(netlist: str, name: str) -> float:
    line = next(line.split() for line in netlist.splitlines() if line.split()[:1] == [name])
    value = parse_number(line[3])
    assert value is not None
    return value


@pytest.mark.parametrize(("text", "part", "expected"), [
    # one part left without a value, chosen by simulation for the one DC spec the request states
    ("VS is 9 V DC on node top. R5 = 1.5k goes from top to node m, and I need you to pick R6 from m to ground so that "
     "2.5 mA flows around the loop.", "R6", 9 / 2.5e-3 - 1.5e3),
    ("V1 = 12 V DC at node a. R1 = 4.7k from a to node b, and choose R2 from b to ground so that node b sits at 3 V.",
     "R2", 4.7e3 * 3 / 9),
    ("VB = 5 V DC on node p. Choose RX from p to node q so that 1 mA flows through it; R9 = 1k from q to ground.",
     "RX", 4e3),
])
def test_a_part_left_open_is_found_by_simulation(text, part, expected):
    answer = generate(text)
    assert _value(answer.netlist, part) == pytest.approx(expected, rel=0.02)
    assert answer.verified
    assert any(part in a and "found by simulation" in a for a in answer.assumptions)


@pytest.mark.parametrize(("text", "top", "bottom"), [
    ("I need a square wave of roughly 1.2 kHz on node tick, swinging between about +5 and -5 V - use an op-amp that "
     "flips back and forth charging a capacitor. Take the positive feedback from a 10k/15k divider.", 10e3, 15e3),
    ("Make a 500 Hz square wave at node sq with an op-amp toggling as it charges a capacitor; the positive feedback "
     "comes from a 22k/10k divider.", 22e3, 10e3),
])
def test_an_opamp_square_wave_maker_is_a_relaxation_oscillator_with_its_divider(text, top, bottom):
    from spice_lsp.generation.intent import parse_intent
    intent = parse_intent(text)
    assert intent.kind == "relaxation_oscillator"
    assert (intent.values["R1"].value, intent.values["R2"].value) == (top, bottom)
    answer = generate(text)
    assert not any(line.split()[0].startswith("V") and " tick " in f" {line} " for line in answer.netlist.splitlines()
                   if line.strip())


@pytest.mark.parametrize(("text", "notch", "kept"), [
    ("My ECG front end picks up mains hum. I want a passive RC network taking node ecg to node clean that kills 60 Hz "
     "(at least 20 dB down there) but leaves 6 Hz almost untouched.", 60.0, 6.0),
    ("A passive resistor-capacitor network from node mic to node mo that rejects 400 Hz (30 dB down there) and leaves "
     "4 kHz untouched.", 400.0, 4000.0),
])
def test_a_passive_network_that_kills_one_frequency_is_a_twin_t(text, notch, kept):
    from spice_lsp.generation.intent import parse_intent
    assert parse_intent(text).kind == "twin_t_notch"
    specs = {s.quantity: s for s in read_request(text).specs}
    assert specs["notch"].target == notch
    assert specs["gain_db"].at == notch and specs["gain_db"].target < -19
    assert specs["flat"].at == kept
    assert generate(text).verified


@pytest.mark.parametrize(("text", "name", "wave"), [
    # a pulse's figures written as a card writes them, with no parentheses
    ("S2 switch between hold and ground, controlled by v(gate) with model VT=2.5 RON=1 ROFF=1meg; C9 = 1 uF from hold "
     "to ground; R9 = 1k from top to hold; V1 5 V at top; VGATE pulse 0 5 1m 1u 1u 2m 4m at gate. Transient to 10 ms.",
     "VGATE", (0.0, 5.0, 1e-3, 1e-6, 1e-6, 2e-3, 4e-3)),
    ("VCK pulse 0 3.3 0 10n 10n 5u 10u on node ck; R1 = 1k from ck to q, C1 = 1n from q to ground. Transient to 50 us.",
     "VCK", (0.0, 3.3, 0.0, 1e-8, 1e-8, 5e-6, 1e-5)),
    # a square alone is its wave
    ("Drive node wall from VCLK, a 0 to 5 V square at 2 kHz; RW (6.8k) takes wall into node tone and CT = 22 nF sits "
     "from tone to ground. Transient 0 to 3 ms with 2 us steps.", "VCLK", (0.0, 5.0, None, None, None, 2.5e-4, 5e-4)),
])
def test_pulse_as_written(text, name, wave):
    assert _source(text, name).pulse == pytest.approx(wave)
    assert generate(text).verified


def test_a_waveform_figure_left_unread_is_reported():
    from spice_lsp.generation.intent import Value, parse_intent
    from spice_lsp.generation.pipeline import _unclear
    text = "VG pulse 0 5 1m 1u 1u 2m 4m at node g; R1 = 1k from g to ground. Transient to 10 ms."
    request = read_request(text)
    # the figures its pulse holds account for themselves; a figure its words hold that it did not read does not
    request.sources = [s if s.name != "VG" else __import__("dataclasses").replace(s, pulse=(0.0, 5.0))
                       for s in request.sources]
    intent = parse_intent(text)
    intent.extra_values[:] = [Value("", 2e-3, "2m", ""), Value("", 5.0, "5", "")]
    assert _unclear(intent, request) == ["2m"]


@pytest.mark.parametrize(("text", "name", "nodes"), [
    ("node left connects to node right through R12 (2.2k) and node right goes to ground via C12 = 47nF; source VL "
     "(AC 1) drives left. AC analysis 10 Hz to 100 kHz, 20 points per decade.", "R12", {"left", "right"}),
    ("Node src joins node mid through RJ = 470; RM 1k from mid to ground; VS 2 V DC at src. Operating point.", "RJ",
     {"src", "mid"}),
])
def test_two_nodes_joined_through_a_part(text, name, nodes):
    part = next(e for e in read_request(text).elements if e.name == name)
    assert set(part.nodes) == nodes
    assert generate(text).verified


def test_a_controlled_sources_output_alone_on_its_node_is_no_dangling_part():
    answer = generate("E2 makes node amp equal to 8 times the voltage between nodes sense and ground; RS 10k from "
                      "sense to ground; IS1 pushes 100 uA into sense. Operating point.")
    assert "E2 amp 0 sense 0 8" in answer.netlist
    assert answer.verified


def test_a_sines_frequency_is_no_repeated_part_value():
    assert generate("VS: SIN(0 1 1k) at node s; R1 1k s to o; C1 100n o to ground; tran 5 ms.").verified


@pytest.mark.parametrize(("text", "name", "value", "gain"), [
    # a part named outside the family's roles, placed by its words: the non-inverting stage's ground leg
    ("Non-inverting amplifier with a gain of 4.3, input node sig, output node amp, RG = 2.2k from the inverting input "
     "to ground. 100 mV 1 kHz sine input, transient 5 ms.", "RG", 2.2e3, 4.3),
    ("Non-inverting op-amp stage, gain 11, in at node x, out at node y; RSET = 1k from the inverting input to ground.",
     "RSET", 1e3, 11),
])
def test_a_named_part_takes_the_role_its_words_give(text, name, value, gain):
    answer = generate(text)
    parts = {line.split()[0]: line.split() for line in answer.netlist.splitlines() if line[:1] == "R"}
    assert parse_number(parts[name][3]) == pytest.approx(value)
    assert "0" in parts[name][1:3]
    feedback = next(v for k, v in parts.items() if k != name and "inn" in v[1:3] and not {"0", "inp"} & set(v[1:3]))
    assert 1 + parse_number(feedback[3]) / value == pytest.approx(gain, rel=0.03)
    assert answer.verified


@pytest.mark.parametrize(("text", "inputs", "level", "out"), [
    ("I need the output at node v2 to be the sum of the voltages on a and b, times minus two. Both inputs 0.5 V DC. "
     "Operating point.", ("a", "b"), 0.5, -2.0),
    ("Node total should carry the sum of the signals on x1, x2 and x3, times minus one. All inputs at 1 V DC. "
     "Operating point.", ("x1", "x2", "x3"), 1.0, -3.0),
])
def test_the_sum_of_named_nodes(text, inputs, level, out):
    answer = generate(text)
    for node in inputs:
        assert any(line.split()[:2] == [line.split()[0], node] and f"DC {level:g}" in line
                   for line in answer.netlist.splitlines() if line[:1] == "V"), answer.netlist
    assert answer.verified


def test_a_verb_after_a_node_is_no_node():
    answer = generate("Voltage divider from a 15 V supply at node v15 to make 4.2 V at node half, drawing about 1 mA.")
    assert answer.verified
    assert not any("make" in w for w in answer.warnings)


@pytest.mark.parametrize(("text", "node", "dc", "vout"), [
    ("Buck converter, 24 V in at node vb to 5 V at node vo, 100 kHz, 2 ohm load. Transient 5 ms.", "vb", 24.0, 5.0),
    ("Boost converter, 5 V input at node bi up to 12 V at node bo, 200 kHz, 100 ohm load. Transient 5 ms.", "bi", 5.0,
     12.0),
])
def test_a_converters_input_then_its_output(text, node, dc, vout):
    request = read_request(text)
    assert [(s.node, s.dc) for s in request.sources] == [(node, dc)]
    assert [s.target for s in request.specs if s.quantity == "vout"] == [vout]


def test_a_supply_tied_through_a_part_is_not_on_the_parts_far_end():
    text = ("NMOS transfer curve: M2 (VTO=1.1, KP=60u, W=50u, L=5u), drain on node md tied to a 6 V supply VDD through "
            "RD = 3.3k, source grounded, gate node mg driven by VGS. DC sweep of VGS from 0 to 4 V in 10 mV steps.")
    assert _source(text, "VDD").node != "md"
    assert generate(text).verified


@pytest.mark.parametrize("text", [
    "Zero-crossing detector: a 50 Hz, 1 V sine from VZ on node zc_in, square output on node zc_sq switching between "
    "+5 V and -5 V.",
    "Triangle/square function generator: an op-amp integrator (R = 10k, C = 25 nF) driving a non-inverting Schmitt "
    "comparator with 10k input and 20k feedback resistors, ±10 V rails. Square wave at sq, triangle at tri. "
    "Transient 10 ms.",
])
def test_a_square_the_circuit_makes_is_no_source(text):
    assert not [s for s in read_request(text).sources if s.pulse]


def test_a_figure_the_answers_own_wave_carries_is_placed():
    answer = generate("Pseudo-NMOS NOR gate on 1.8 V (vdd): two NMOS pull-downs driven by a and b, one PMOS load with "
                      "its gate grounded, output out. Drive a with 0/1.8 V pulses high for the first 100 ns of every "
                      "200 ns and b high for the first 200 ns of every 400 ns (1 ns edges); 400 ns transient.")
    assert "400n" in answer.netlist
    assert answer.verified


def test_a_grounded_capacitors_initial_voltage_starts_the_transient():
    answer = generate("C7 = 4u7 from node cx to ground with an initial voltage of 2 V; R7 = 1k from cx to ground. "
                      "Transient 0 to 10 ms, 10 us step.")
    assert ".ic v(cx)=2" in answer.netlist  # an element's IC= alone is used by ngspice only with "uic"
    assert answer.verified


@pytest.mark.parametrize(("text", "line"), [
    ("I3 = 1 mA flows from node p into node q; R8 1k from q to ground; R9 1k from p to ground. Operating point please.",
     "I3 p q DC 0.001"),
    ("G2 from node x to node y with transconductance 1m, controlled by the voltage from node c to ground; RY 2k from y "
     "to ground; RX 1k from x to ground; VC 1 V DC on c. OP.", "G2 x y c 0 1m"),
])
def test_controlled_and_current_sources_as_written(text, line):
    answer = generate(text)
    assert line in answer.netlist
    assert answer.verified


@pytest.mark.parametrize(("text", "reference", "output"), [
    ("Two-transistor NPN current mirror: reference current 1 mA set by a resistor from 10 V at node vcc into the "
     "reference collector node ref; output collector at node mout with a 2k load to vcc. Operating point.", "ref",
     "mout"),
    ("NPN current mirror, 0.5 mA reference current from 9 V at node vcc into the reference collector node rx through a "
     "resistor; output collector at node oc with a 4.7k load to vcc. Operating point.", "rx", "oc"),
])
def test_a_mirrors_sides_told_apart(text, reference, output):
    answer = generate(text)
    q = [line.split() for line in answer.netlist.splitlines() if line[:1] == "Q"]
    assert [reference, reference, "0"] in [line[1:4] for line in q]  # the diode-connected side
    assert any(line[1] == output for line in q)
    assert answer.verified


def test_a_level_on_a_rail_named_node_is_the_supply():
    from spice_lsp.generation.intent import parse_intent
    intent = parse_intent("NPN current mirror, 1 mA reference set by a resistor from 10 V at node vcc into the "
                          "reference collector node ref; output collector at node mout. Operating point.")
    assert intent.values["VDD"].value == 10


@pytest.mark.parametrize(("text", "directive"), [
    ("VA 1 V AC at node pa; RA 1k from pa to pb; CA 100n pb to ground. AC at 1 kHz only.", ".ac lin 1 1k 1k"),
    ("R1 = 1k from node a to node b, C1 = 10n from b to ground, VA on a with AC 1. Run an AC analysis at 16 kHz only.",
     ".ac lin 1 16k 16k"),
])
def test_an_ac_analysis_at_one_frequency(text, directive):
    answer = generate(text)
    assert directive in answer.netlist
    assert answer.verified


def test_a_value_in_words_is_written_as_a_spice_number():
    answer = generate("R1 4.7 kilo-ohm from a to b, R2 2.2 kilohms b to ground, V1 5 V on a. OP.")
    assert "R1 a b 4.7k" in answer.netlist and "R2 b 0 2.2k" in answer.netlist


def test_a_word_its_figure_follows_ends_a_list_of_inputs():
    answer = generate("RL high-pass: 2.2 mH inductor to ground at node lo, input node li, corner 20 kHz. "
                      "AC 1 kHz to 1 MHz.")
    assert "corner" not in read_request("RL high-pass: 2.2 mH inductor to ground at node lo, input node li, corner "
                                        "20 kHz.").nodes
    assert answer.verified


def test_a_device_built_with_and_missing_is_reported():
    answer = generate("Current source: 1 mA into a load at node cl from a 9 V rail using a PNP transistor and a zener. "
                      "Operating point.")
    zener = any(line.startswith(".model") and "bv=" in line.lower() for line in answer.netlist.splitlines())
    assert answer.verified == zener  # a zener asked to build with is in the answer, or the answer is not verified


@pytest.mark.parametrize(("text", "lines"), [
    # ends first, as a heading, then the part
    ("sum to out2: R5, 2k2. top to sum: R6, 4k7. VTOP 5 V DC on top. out2 to ground: C6 1n. op.",
     ["R5 sum out2 2.2k", "R6 top sum 4.7k", "C6 out2 0 1n"]),
    # a pin's node that is a word of ours
    ("Diode D8: anode gate, cathode pin. R8 (1k) from pin down to ground. VGATE: 3 V DC at gate. Operating point.",
     ["D8 gate pin", "R8 pin 0 1k"]),
    # a source's level after a colon
    ("C4 shunts node f to ground, 47 nF. RF 10k brings node sig to f. VSIG on sig: AC 1. Sweep AC from 10 Hz to 1 MHz.",
     ["VSIG sig 0 DC 0 AC 1"]),
    # a source placed outright after it was named as what feeds a node
    ("well to ground through RW = 100k; well fed from VW (2 V DC) through RS = 10k from node src; VW sits on src. "
     "Operating point.", ["VW src 0 DC 2", "RS src well 10k"]),
    # a switch's threshold and resistances in words and terse pairs
    ("Switch S2 from node tap to ground, closed when v(ctl) is above 1 V (RON 0.1, ROFF 10meg); R2 1k from rail to "
     "tap; VRAIL 5 V on rail; VCTL PULSE(0 2 1m 1u 1u 1m 2m) on ctl. Transient 5 ms.",
     ["S2 tap 0 ctl 0 sw", ".model sw SW ( vt=1 ron=0.1 roff=1e+07)"]),
])
def test_listed_parts_as_written_s15(text, lines):
    answer = generate(text)
    for line in lines:
        assert line in answer.netlist, answer.netlist
    assert answer.verified


@pytest.mark.parametrize(("text", "lines"), [
    ("tank, ground: LTANK 47uH. tank, ground: CTANK 10n. tank, ground: RDAMP 2.2k. IRF: AC 1m into tank. AC 50 kHz to "
     "500 kHz, 100 points per decade.", ["LTANK tank 0 47u", "CTANK tank 0 10n", "RDAMP tank 0 2.2k",
                                         "IRF 0 tank DC 0 AC 0.001"]),
    ("Wire it like this: VIN (SIN 0 1 1k) at in; R1 in->mid 1k; C1 mid->0 100n; R2 mid->out 1k; C2 out->0 100n. "
     "Simulate 5 ms transient.", ["C1 mid 0 100n", "C2 out 0 100n"]),
])
def test_terse_lists_s15(text, lines):
    answer = generate(text)
    for line in lines:
        assert line in answer.netlist, answer.netlist
    assert answer.verified


@pytest.mark.parametrize("text", [
    "Turn the 0-5 V sensor voltage on node sns into 0-3.3 V at node adc with just resistors. Operating point with sns "
    "at 5 V.",
    "Subtract the voltage at node vm from the one at node vp and multiply by 3, output at node dif; vp = 2 V, vm = "
    "1.5 V DC. Operating point.",
    "Double the 1 kHz, 1 V sine on node x2in at node x2out, inverted, with an op-amp and 10k input resistor. "
    "Transient 5 ms.",
])
def test_circuits_said_by_what_they_do_s15(text):
    assert generate(text).verified


def test_a_second_pulse_said_without_high_is_its_own():
    answer = generate("CMOS NAND gate on 1.8 V: inputs na and nb, output ny. Drive na and nb with 0/1.8 V pulses "
                      "(na 10 ns high every 20 ns, nb 20 ns every 40 ns). Transient 80 ns.")
    nb = next(line for line in answer.netlist.splitlines() if line.startswith("V") and line.split()[1] == "nb")
    # high for 20 ns, then low until 40 ns: a PWL that says so, or a PULSE from 0 V at once of that width and period
    pulse = re.search(r"PULSE\(0 1\.8 0 \S+ \S+ (\S+) (\S+)\)", nb)
    assert ("20n 1.8" in nb and "40n" in nb) or (
        pulse is not None and (parse_number(pulse[1]), parse_number(pulse[2])) == pytest.approx((20e-9, 40e-9)))
    assert answer.verified


def test_a_compound_after_an_input_is_no_second_input():
    text = ("State-variable filter with three op-amps, centre frequency 2 kHz, Q = 5; input node svin, band-pass "
            "output node bp, low-pass output node lp, high-pass output node hp. AC 100 Hz to 20 kHz.")
    assert "band" not in read_request(text).nodes
    assert generate(text).verified


@pytest.mark.parametrize(("text", "lines"), [
    ("Between fork and ground, a 22 nF capacitor named CF. From node src to node fork, resistor RS of 4.7 kilohms. "
     "VSRC supplies a 2 V, 5 kHz sine at src. Transient 1 ms.", ["CF fork 0 22n", "RS src fork 4.7k"]),
    ("From node a to node b, a 2.2 kilohm resistor called RAB; between b and ground, the 100 nF cap named CB. VA 1 V "
     "AC on a. AC 10 Hz to 100 kHz.", ["RAB a b 2.2k", "CB b 0 100n"]),
])
def test_ends_said_before_the_parts_own_words(text, lines):
    answer = generate(text)
    for line in lines:
        assert line in answer.netlist, answer.netlist
    assert answer.verified


def test_a_current_source_named_in_mixed_case_keeps_its_name():
    text = ("Transimpedance stage: a 5 uA current source Isig pulling current out of the summing node sn to ground; "
            "200k feedback from sn to output vo; the output should read +1 V.")
    source = _source(text, "ISIG")
    assert (source.node, source.minus) == ("0", "sn")
    assert any(line.startswith("Isig ") for line in generate(text).netlist.splitlines())


def test_a_node_named_by_whose_it_is_is_checked():
    request = read_request("Op-amp relaxation oscillator at 1 kHz, output on node osq; the timing capacitor's node is "
                           "tc. Transient 10 ms.")
    assert "tc" in request.nodes  # named, so an answer without it is not verified


@pytest.mark.parametrize("fu", [2.7e3, 1.3e3, 7.5e3])
def test_a_lossy_integrators_unity_gain_frequency_within_two_percent(fu):
    from spice_lsp.generation.pipeline import _build
    build = _build(f"Inverting op-amp integrator with its unity-gain frequency at {fu:g} Hz; input ii (1 V AC), output "
                   "io. Add a large resistor across the capacitor for DC.")
    r1, c, rf = (build.intent.values[k].value for k in ("R1", "C", "RF"))
    k = rf / r1
    import math
    assert (k / math.sqrt(1 + (2 * math.pi * fu * rf * c) ** 2)) == pytest.approx(1.0, abs=0.03)


@pytest.mark.parametrize(("text", "node", "level"), [
    ("Make a 4.096 V reference at node r4096 from a 2.5 V reference (model it as the DC source VREF on node r25) with "
     "a non-inverting op-amp stage.", "r4096", 4.096),
    ("Make a 5 V reference at node r5 from a 1.25 V reference (model it as the DC source VBG on node bg) with a "
     "non-inverting op-amp stage.", "r5", 5.0),
])
def test_a_reference_made_at_a_node_is_its_spec_not_a_source(text, node, level):
    request = read_request(text)
    assert not [s for s in request.sources if s.node == node]
    assert [s.target for s in request.specs if s.quantity == "vout"] == [level]
    assert generate(text).verified


def test_a_resistor_said_across_the_integrating_cap_is_the_feedback_resistor():
    answer = generate("Inverting op-amp integrator: input node ii, output node io, unity gain at 5 kHz. Put a 1 MΩ "
                      "resistor across the integrating cap so it doesn't drift at DC.")
    assert any(line.split()[:1] and line.split()[0].startswith("R") and line.split()[3] in ("1meg", "1MEG")
               and "io" in line.split()[1:3] for line in answer.netlist.splitlines() if len(line.split()) >= 4)
