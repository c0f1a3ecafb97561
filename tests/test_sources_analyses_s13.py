"""Session 13, lane S: a named source keeps its node and level, a stated analysis its form and range, and a word
that describes a node is no circuit asked for."""
from __future__ import annotations

import re

import pytest

from spice_lsp.generation.drives import stated_steps
from spice_lsp.generation.families import _source_on
from spice_lsp.generation.intent import parse_intent
from spice_lsp.generation.request import read_request
from spice_lsp.generation.scope import DESTINATION, NAMED, NODE_AFTER, PURPOSE


def _directives(text: str) -> list[str]:
    return [a.directive for a in parse_intent(text).analyses]


@pytest.mark.parametrize(("text", "source", "start", "stop"), [
    ("Sweep the level with VLVL from 0 to 3 V.", "VLVL", 0.0, 3.0),
    ("input nb swept by VNB from 0 to 1.8 V; output ny.", "VNB", 0.0, 1.8),
    ("Input ra held low (VRA = 0 V), input rb swept by VRB 0 to 5 V; output ry.", "VRB", 0.0, 5.0),
    ("Sweep the input using source VS from -2 to 2 V.", "VS", -2.0, 2.0),
    ("VG sweeps the gate node g from 0 to 3 V in 10 mV steps.", "VG", 0.0, 3.0),
    ("DC sweep of the input source VS from 0 to 3 V.", "VS", 0.0, 3.0),
    ("Ramp VB up from 0 to 2 V in 10 mV steps.", "VB", 0.0, 2.0),
    ("Then sweeping VX over 0 to 2 V.", "VX", 0.0, 2.0),
])
def test_a_source_said_to_sweep_sets_the_dc_sweep_on_it(text: str, source: str, start: float, stop: float) -> None:
    dc = [d.split() for d in _directives(text) if d.startswith(".dc")]
    assert len(dc) == 1
    words = dc[0]
    assert words[1] == source
    assert (float(words[2]), float(words[3])) == (start, stop)


def test_a_sweep_said_in_steps_keeps_its_step() -> None:
    words = next(d for d in _directives("VG sweeps the gate node g from 0 to 3 V in 10 mV steps.") if
                 d.startswith(".dc")).split()
    assert words[4] == "10m"


@pytest.mark.parametrize(("text", "points", "start", "stop"), [
    ("Parallel tank on node tank. Sweep AC linearly, 400 points, 2 MHz to 7 MHz.", 400, "2meg", "7meg"),
    ("RC low-pass. Do the AC run linearly with 500 points between 1 kHz and 50 kHz.", 500, "1k", "50k"),
    ("RC low-pass. AC: lin, 201 pts, 100k to 200k.", 201, "100k", "200k"),
])
def test_a_linear_ac_sweep_keeps_its_spacing_count_and_range(text: str, points: int, start: str, stop: str) -> None:
    assert f".ac lin {points} {start} {stop}" in _directives(text)


@pytest.mark.parametrize(("text", "name", "node", "dc", "ac"), [
    ("Source VA on node a with both DC 2.5 and AC 0.5. R3 = 12k from a to m.", "VA", "a", 2.5, 0.5),
    ("VB sits on node b with DC 3 plus AC 0.2; R1 = 10k from b to node e.", "VB", "b", 3.0, 0.2),
    ("5 V DC rail on node r5 (source VR5); R1 = 1k from r5 to ground.", "VR5", "r5", 5.0, None),
    ("A 12 V DC supply at node p12 (source VP12) feeds R1 = 1k from p12 to out.", "VP12", "p12", 12.0, None),
    ("Input na tied high by VNA = 1.8 V, input nb swept by VNB from 0 to 1.8 V; output ny.", "VNA", "na", 1.8,
     None),
    ("From a 24 V source V24 (node in24) I need about 5 V at node sns for an ADC pin.", "V24", "in24", 24.0, None),
])
def test_a_named_source_keeps_its_node_and_levels(text: str, name: str, node: str, dc: float,
                                                   ac: float | None) -> None:
    source = next(s for s in read_request(text).sources if s.name == name)
    assert (source.node, source.dc, source.ac) == (node, dc, ac)


def test_a_source_placed_with_no_level_is_read_on_its_node() -> None:
    sources = read_request("3k resistor from tx to rx, 1n cap rx to ground, and a source on tx.").sources
    assert [(s.kind, s.node, s.dc, s.ac) for s in sources] == [("V", "tx", None, None)]


def test_a_heading_word_before_a_colon_is_no_part() -> None:
    """"a simple RC:" names the circuit; a figure after the colon makes "RL: 10k" a part."""
    request = read_request("Noise of a simple RC: VN (AC 1) on node nin, RN = 10k from nin to nout.")
    assert "RC" not in {e.name for e in request.elements}
    assert next(e for e in read_request("RL: 10k from out to ground.").elements if e.name == "RL").value == 1e4


def test_an_input_reference_is_no_input_node() -> None:
    request = read_request("Output noise at v(nout) with VN as the input reference, 10 points per decade.")
    assert request.input is None and "reference" not in request.nodes


def test_the_swept_gate_input_is_not_held() -> None:
    """The swept input's levels are the sweep's: the gate is checked on the sweep, not held at its start."""
    steps = stated_steps("Input na tied high by VNA = 1.8 V, input nb swept by VNB from 0 to 1.8 V.", ["na", "nb"])
    assert "nb" not in steps and steps["na"] == ((0.0, 1.8),)


def test_the_source_on_a_node_is_found_by_its_node() -> None:
    body = "V2 na 0 DC 1.8\nV3 nb 0 DC 0\nM1 ny na vdd vdd pch\n"
    assert (_source_on(body, "nb"), _source_on(body, "na"), _source_on(body, "ny"), _source_on(body, None)) == \
        ("V3", "V2", None, None)


@pytest.mark.parametrize("text", [
    "model the photocurrent as IPD drawing 12 uA out of the summing node pd",
    "Amplifier node amp_o, tweeter node tw",
    "I need about 5 V at node sns for an ADC pin",
    "the summing junction of the op-amp",
])
def test_a_circuit_noun_that_names_a_node_is_said_of_the_node(text: str) -> None:
    named = next(m for m in NAMED.finditer(text) if not re.fullmatch(r"op-?amp", m[0], re.IGNORECASE))
    assert NODE_AFTER.match(text, named.end())


def test_a_circuit_asked_for_is_still_named() -> None:
    text = "Build a summing amplifier with inputs a and b."
    named = next(NAMED.finditer(text))
    assert not NODE_AFTER.match(text, named.end())


@pytest.mark.parametrize(("text", "name", "node"), [
    # a list's next part, not the source's node
    ("Linear series-pass regulator: a 2.5 V reference source VREF, an op-amp error amplifier, an NPN pass transistor "
     "from a 15 V input (node unreg) and a feedback divider setting 9.0 V at node vreg, with a 47 Ω load.", "VREF",
     None),
    # a node compared with the source, and one a relative clause names, are other parts'
    ("An op-amp compares a divider tap of the cathode node ka (22k top, 6.8k bottom) against a 1.24 V source VBG "
     "and drives an NPN that shunts ka to ground; ka is fed from 12 V through 1k.", "VBG", None),
])
def test_a_source_is_not_put_on_another_parts_node(text: str, name: str, node: str | None) -> None:
    source = next(s for s in read_request(text).sources if s.name == name)
    assert source.node == node and source.dc is not None


def test_a_triangle_there_and_back_is_one_rise_and_fall_in_its_time() -> None:
    source = next(s for s in read_request("Input node sin is a triangle from VTRI sweeping 0 to 5 V and back over "
                                          "2 ms.").sources if s.name == "VTRI")
    assert source.node == "sin" and source.dc is None
    assert source.pwl == pytest.approx((0.0, 0.0, 1e-3, 5.0, 2e-3, 0.0))
    assert "PWL(0 0 1m 5 2m 0)" in source.waveform()


def test_a_family_source_takes_the_stated_piecewise_wave() -> None:
    from spice_lsp.generation.pipeline import generate
    result = generate("Inverting Schmitt trigger on a single 5 V supply, rail-to-rail output at node so. Input node "
                      "sin is a triangle from VTRI sweeping 0 to 5 V and back over 2 ms.")
    line = next(row for row in result.netlist.splitlines() if row.startswith("VTRI "))
    assert "PWL(0 0 1m 5 2m 0)" in line and "SIN(" not in line.upper()


def test_a_node_described_by_a_circuit_noun_is_answered_not_refused() -> None:
    from spice_lsp.generation.pipeline import generate
    result = generate("Transimpedance amplifier for a photodiode: model the photocurrent as IPD drawing 12 uA out of "
                      "the summing node pd. The output tia_out should read +3.0 V at that light level.")
    assert result.netlist and "IPD" in result.netlist


@pytest.mark.parametrize(("swept", "status"), [("VNB", "pass"), ("V2", "fail"), ("V1", "pass")])
def test_a_sweep_of_a_named_source_is_of_that_source_where_the_answer_has_it(swept: str, status: str) -> None:
    """The request's .dc VNB is met by a sweep of VNB; of V2 while VNB is in the answer it is another curve; a family
    that names its swept source its own way (no VNB at all) is judged by the figures as before."""
    from spice_lsp.generation.checklist import analyses
    from spice_lsp.language.parser import parse
    sources = "V2 na 0 DC 1.8\nVNB nb 0 DC 0\n" if swept != "V1" else "V1 nb 0 DC 0\n"
    netlist = parse(f"t\n{sources}R1 na nb 1k\n.dc {swept} 0 1.8 18m\n.end\n").netlist
    assert [item.status for item in analyses([".dc VNB 0 1.8 18m"], netlist)] == [status]


def test_the_range_a_named_source_is_swept_over_is_no_supply() -> None:
    intent = parse_intent("Zener regulator: 5.6 V zener, fed from a 12 V source VRAW on node raw through 330 ohm, "
                          "output node zr with a 1k load. DC sweep VRAW from 8 to 15 V in 0.1 V steps.")
    assert "VDD" not in intent.values and intent.values["VIN"].value == 12.0
    assert [a.directive for a in intent.analyses if a.kind == "dc"] == [".dc VRAW 8 15 100m"]
    # the input's own range still puts a regulator's supply at its top
    assert parse_intent("Zener regulator 5.1 V, 470 ohm, while the input varies from 8 to 12 V.").values[
        "VDD"].value == 12.0


@pytest.mark.parametrize(("text", "vin"), [
    ("Non-inverting amplifier with gain 11 from node ni to node no; VNI puts 0.1 V DC plus 0.01 V AC on ni.", 0.1),
    ("Inverting amp gain -2 on 12 V; VX gives 1 V DC and AC 0.2 V at node s, output node q.", 1.0),
])
def test_a_named_sources_levels_are_no_supply_and_no_second_input(text: str, vin: float) -> None:
    intent = parse_intent(text)
    assert intent.values["VIN"].value == vin
    assert intent.values.get("VDD") is None or intent.values["VDD"].value == 12.0
    assert not [w for w in intent.warnings if w.startswith("two values")]


def test_a_level_a_named_source_holds_is_accounted_for() -> None:
    from spice_lsp.generation.pipeline import _unclear
    text = "Non-inverting amplifier with gain 11 from node ni to node no; VNI puts 0.1 V DC plus 0.01 V AC on ni."
    assert [x.text for x in parse_intent(text).extra_values] == ["0.01 V"]
    assert _unclear(parse_intent(text), read_request(text)) == []


@pytest.mark.parametrize(("text", "word"), [
    ("RC low-pass at 1 kHz with C = 100 nF from node fin to the ADC (node adc).", "ADC"),
    ("A divider gives 3 V at node sense, which goes to the ADC; source VB = 9 V on node bat.", "ADC"),
])
def test_a_device_a_node_goes_to_is_no_circuit_asked_for(text: str, word: str) -> None:
    at = text.index(word)
    assert NODE_AFTER.match(text, at + len(word)) or PURPOSE.fullmatch(word) and DESTINATION.search(text[:at])


def test_a_device_asked_for_is_still_refused() -> None:
    from spice_lsp.generation.pipeline import refusal
    assert refusal("Make me an ADC for my sensor.") is not None
    assert refusal("A divider gives 3 V at node sense, which goes to the ADC; source VB = 9 V on node bat.") is None
