"""Parts stated one by one, in wordings of their own (none is a tuning case's): unnamed parts given by value and
unit after a named one, a level with its node in parentheses, a part "through <value> from" a node, a device
whose pins are said "collector is c", sources named in mixed case or said twice, a part across a part named twice;
and the circuits so stated transcribed and measured in ngspice."""
from __future__ import annotations

import pytest

from spice_lsp.generation.compose import compose
from spice_lsp.generation.pipeline import generate
from spice_lsp.generation.request import read_request
from spice_lsp.language.checks import check
from spice_lsp.ngspice import runner as simulate


def _parts(text: str) -> set[tuple[str | None, str, tuple[str | None, ...] | None, float | None]]:
    return {(e.name, e.kind, e.nodes, e.value) for e in read_request(text).elements}


def _source(text: str, name: str):
    (found,) = [s for s in read_request(text).sources if (s.name or "").lower() == name.lower()]
    return found


@pytest.mark.parametrize("text, parts", [
    # after a named source, each "value from x to y" is a part of its own, not more words of the source's
    ("V3 (AC 1) at a, 22 ohm from a to b, 4.7 mH from b to c and 220 nF from c to ground.",
     {(None, "R", ("a", "b"), 22.0), (None, "L", ("b", "c"), 4.7e-3), (None, "C", ("c", "0"), 220e-9)}),
    ("VX is 5 V DC at top, 10k from top to mid and 2.2k from mid to gnd.",
     {(None, "R", ("top", "mid"), 10e3), (None, "R", ("mid", "0"), 2.2e3)}),
    # a part's name alone before the comma keeps the value after it
    ("R8, 3.3k from p to q, and 1 nF between q and 0",
     {("R8", "R", ("p", "q"), 3.3e3), (None, "C", ("q", "0"), 1e-9)}),
])
def test_unnamed_parts_after_a_named_one_are_parts(text, parts):
    assert parts <= _parts(text)


@pytest.mark.parametrize("text, part, node, level", [
    ("330 ohm from 9 V (node bat) to led, and an LED from led to ground", (None, "R", ("bat", "led"), 330.0), "bat",
     9.0),
    ("Bias: 47k from 5 V (node vp) to bb; 10k from bb to ground.", (None, "R", ("vp", "bb"), 47e3), "vp", 5.0),
])
def test_a_level_with_its_node_in_parentheses(text, part, node, level):
    request = read_request(text)
    assert part in _parts(text)
    assert any(s.node == node and s.dc == level for s in request.sources)


@pytest.mark.parametrize("text, parts", [
    ("Charge a 2.2 uF capacitor (top to ground) through 1k from a 3 V step at node s.",
     {(None, "C", ("top", "0"), 2.2e-6), (None, "R", ("s", "top"), 1e3)}),
    ("A 47 nF capacitor from y to ground via 10k from node drv.",
     {(None, "C", ("y", "0"), 47e-9), (None, "R", ("drv", "y"), 10e3)}),
])
def test_a_part_through_a_value_from_a_node_is_a_second_part(text, parts):
    assert parts <= _parts(text)


@pytest.mark.parametrize("text, nodes", [
    # the circuit's name says "zener" too: the mention that places it is the part
    ("Zener clamp: 2.2k from 15 V (node raw) to z, zener from z (cathode) to ground with BV = 6.2.", ("0", "z")),
    ("LED indicator: 680 ohm from 5 V (node p5) to k, led from k (anode) to ground.", ("k", "0")),
])
def test_an_unnamed_device_named_in_the_circuits_name_too(text, nodes):
    assert [e.nodes for e in read_request(text).elements if e.kind == "D"] == [nodes]


def test_another_device_of_the_kind_is_not_read_as_one():
    text = "Clamp: a diode from a to ground, another diode from ground to a."
    assert not [e for e in read_request(text).elements if e.kind == "D"]


@pytest.mark.parametrize("text, name, nodes", [
    ("M2 is an NMOS whose drain is dd, gate is gg and source is ss.", "M2", ("dd", "gg", "ss", "ss")),
    ("Q4 is a PNP whose emitter is top, base is bq and collector is grounded.", "Q4", ("0", "bq", "top")),
])
def test_pins_said_with_is(text, name, nodes):
    assert [e.nodes for e in read_request(text).elements if e.name == name] == [nodes]


@pytest.mark.parametrize("text, name, node, pulse, sine", [
    ("Vclk at ck is PULSE(0 5 0 1n 1n 5u 10u); R1 = 1k from ck to ground.", "Vclk", "ck",
     (0.0, 5.0, 0.0, 1e-9, 1e-9, 5e-6, 10e-6), None),
    ("Vdrv = SIN(0 1 1k) on node d; R1 = 1k from d to ground.", "Vdrv", "d", None, (0.0, 1.0, 1e3)),
])
def test_a_source_named_in_mixed_case(text, name, node, pulse, sine):
    source = _source(text, name)
    assert (source.node, source.pulse, source.sin) == (node, pytest.approx(pulse) if pulse else None, sine)


def test_a_source_said_twice_keeps_what_each_mention_says():
    text = "R1 = 1k from vbat to x, R2 = 2k from x to ground; VBAT is 9 V DC. DC sweep of VBAT from 6 to 12 V."
    source = _source(text, "VBAT")
    assert (source.node, source.dc) == ("vbat", 9.0)


def test_a_step_at_a_time_is_delayed():
    source = read_request("A 0 to 2 V step at node s at t = 2 ms; 1k from s to ground.").sources[0]
    assert source.pulse is not None and source.pulse[:3] == (0.0, 2.0, 2e-3)


def test_a_part_across_a_part_named_twice():
    text = "C2 = 1 nF from p to q, R4 = 100k across C2 (p to q), R5 = 1k from q to ground."
    assert ("R4", "R", ("p", "q"), 100e3) in _parts(text)


@pytest.mark.parametrize("description, node, expected", [
    # 12 V across 1k + 2k: the named source's clause no longer swallows the unnamed parts after it
    ("V4 is 12 V DC at t1, 1k from t1 to t2, 2k from t2 to ground. Operating point.", "t2", 8.0),
    # the NPN's pins said with "is": IB = (9 - 0.7) / (470k + 101 * 1k), IE = 101 IB; v(e) = 1k * IE
    ("Q5 is an NPN whose collector is k, base is bb and emitter is ee, BF=100. RK = 1k from vcc to k, "
     "RBB = 470k from vcc to bb, REE = 1k from ee to ground, VCC = 9 V. Operating point.", "ee",
     101 * 8.3 / 571e3 * 1e3),
])
def test_listed_parts_are_transcribed(description, node, expected):
    result = generate(description)
    value, _ = simulate.measure(result.netlist, "op", f"v({node})", timeout=20)
    assert value == pytest.approx(expected, rel=0.05), result.netlist


@pytest.mark.parametrize("text, parts", [
    # (a zener placed by its ends alone clamps its node: cathode there, anode at ground)
    ("Shunt regulator: 1k from in to out and a 5.1 V zener diode from out to ground.", {("0", "out")}),
    # two sorts of diode, each placed: two parts
    ("A red LED from out to ground and a zener from in to 0.", {("out", "0"), ("0", "in")}),
    # "an NPN BJT": one transistor, said by two nouns
    ("An NPN BJT with collector at c, base at b and emitter grounded.", {("c", "b", "0")}),
])
def test_unnamed_devices_by_their_sort(text, parts):
    request = read_request(text)
    devices = [e.placed() for e in request.elements if e.kind in "DQ"]
    assert len(devices) == len(parts) and set(devices) == parts


_FAMILY = "family\nV1 in 0 DC 5\nR1 in out 1k\nD1 out 0 dsi\n.model dsi D (is=2.5n)\n.op\n.end\n"


@pytest.mark.parametrize("text, line, card", [
    ("PNP Q7 with collector at 0, base at out, emitter at e; R1 = 1k from in to out.", "Q7 0 out e pnp",
     ".model pnp PNP"),
    ("D1 from out to 0 and a green LED from in to 0", "D2 in 0 dled", ".model dled D"),
])
def test_a_device_added_to_a_family_has_its_card(text, line, card):
    """A stated device the circuit lacks is added with a card the deck defines (never a model left undefined)."""
    composed = compose(_FAMILY, read_request(text))
    assert line in composed.netlist and card in composed.netlist
    assert not check(composed.netlist).errors


def test_a_part_stated_twice_elsewhere_is_placed_once():
    composed = compose(_FAMILY, read_request("D1 from out to 0, D1 from in to out"))
    assert [r for r in composed.netlist.split("\n") if r.startswith("D1 ")] == ["D1 out 0 dsi"]
    assert any("D1" in p for p in composed.problems)


@pytest.mark.parametrize("text, node, dc, ac", [
    ("Diode D3 with anode at k and cathode grounded, fed 2 mA by a current source. Operating point.", "k", 2e-3, None),
    ("A 47 uF capacitor from ramp to ground charged by a steady 100 uA.", "ramp", 100e-6, None),
    ("L2 = 1 mH and C2 = 10 nF both from lc to ground; drive it with 2 mA AC current into lc.", "lc", None, 2e-3),
    ("Tank at node t driven by an AC 0.5 mA current source into node t.", "t", None, 0.5e-3),
])
def test_a_current_source_stated_as_a_part(text, node, dc, ac):
    (source,) = [s for s in read_request(text).sources if s.kind == "I"]
    assert (source.node, source.dc, source.ac) == (node, dc, ac)


def test_a_current_source_with_its_level_is_no_circuit_to_refuse():
    result = generate("Diode D3 with anode at k and cathode grounded, fed 2 mA by a current source. Operating point.")
    value, _ = simulate.measure(result.netlist, "op", "v(k)", timeout=20)
    assert value is not None and 0.5 < value < 0.9, result.netlist  # a silicon diode's drop at 2 mA


_DRIVEN = "family\nV1 in 0 DC 0 AC 1\nR1 in out 1k\nC1 out 0 1n\n.ac dec 10 1 1meg\n.end\n"


def test_a_stated_current_source_drives_in_place_of_the_input_source():
    composed = compose(_DRIVEN, read_request("an RC network driven by an AC 1 mA current source into node in"))
    assert "I1 0 in DC 0 AC 0.001" in composed.netlist and "V1 " not in composed.netlist


def test_a_current_source_never_becomes_a_swept_voltage_source():
    swept = _DRIVEN.replace(".ac dec 10 1 1meg", ".dc V1 0 1 0.1")
    composed = compose(swept, read_request("an RC network driven by a 1 mA current source into node in"))
    assert "V1 in 0 DC 0 AC 1" in composed.netlist and composed.problems


@pytest.mark.parametrize("text, part", [
    # the value before the name's parenthesis, a noun between
    ("Drives a 68 ohm load (RL from p5 to q) on a 5 V rail.", ("RL", "R", ("p5", "q"), 68.0)),
    ("then a 22 nF capacitor (C4 from q to 0)", ("C4", "C", ("q", "0"), 22e-9)),
])
def test_a_value_noted_before_the_parts_name(text, part):
    assert part in _parts(text)


def test_a_part_said_again_takes_the_value_said_before():
    text = ("Resonant at 1 MHz with a 470 pF capacitor, fed at a; the capacitor sits from b to ground, the coil from a "
            "to b.")
    parts = _parts(text)
    assert (None, "C", ("b", "0"), 470e-12) in parts and (None, "L", ("a", "b"), None) in parts


def test_a_supply_takes_no_node_of_another_parts_statement():
    text = "A follower on a 9 V supply driving a 47 ohm load (RL from fo to ground); input fi."
    assert not [s for s in read_request(text).sources if s.node == "fo"]


@pytest.mark.parametrize("text, params", [
    ("pnp VAF 50 BF 80. emitter at top, base at bq, collector at ground.", {("vaf", 50.0), ("bf", 80.0)}),
    ("diode with IS 1e-12 and BV 6.8 from z to 0", {("is", 1e-12), ("bv", 6.8)}),
])
def test_model_parameters_written_without_equals(text, params):
    assert params <= {(p.name, p.value) for p in read_request(text).model_params}


def test_the_one_device_takes_pins_said_in_other_sentences():
    text = "pnp VAF 50. emitter at top, base at bq. collector at ground. op."
    assert [e.placed() for e in read_request(text).elements if e.kind == "Q"] == [("0", "bq", "top")]


def test_a_heading_that_names_the_device_adds_no_part_beside_the_named_one():
    text = ("LED I-V sweep: source VS at node p, a 220 ohm resistor R1 from p to q, LED D1 from q to ground; sweep VS "
            "from 0 to 5 V.")
    assert [e.name for e in read_request(text).elements if e.kind == "D"] == ["D1"]


def test_a_named_current_source_with_no_node_sets_the_circuits_own():
    family = "tia\nI1 in 0 DC 1u AC 1\nR1 in out 100k\n.ac dec 10 1 1meg\n.end\n"
    composed = compose(family, read_request("the sensor is a current source I1 of 3 uA DC with 2 uA AC; output out"),
                       source="I1")
    assert "I1 in 0 DC 3e-06 AC 2e-06" in composed.netlist and not composed.problems


@pytest.mark.parametrize("text, name, node, dc", [
    ("The output current flows from a 2 V source VLOAD at node k into the drain.", "VLOAD", "k", 2.0),
    ("Bias the collector from a 4 V battery VOUT at node cq through the meter.", "VOUT", "cq", 4.0),
])
def test_a_quantitys_name_called_a_source_is_a_source(text, name, node, dc):
    source = _source(text, name)
    assert (source.node, source.dc) == (node, dc)


@pytest.mark.parametrize("text, node, dc", [
    ("Current to voltage with an op-amp, 1 V per mA at vo. Check it with 0.2 mA into node ii; op.", "ii", 0.2e-3),
    ("A transimpedance stage: try it with 30 uA DC into sum, output vt.", "sum", 30e-6),
])
def test_a_test_current_pushed_into_a_node(text, node, dc):
    (source,) = [s for s in read_request(text).sources if s.kind == "I"]
    assert (source.node, source.dc) == (node, pytest.approx(dc))


@pytest.mark.parametrize("text", [
    "Zener regulator from 12 V holding 5.1 V at vz, with a 470 ohm load from vz to ground.",
    "LED driver from a 9 V battery; 1k load from k to ground.",
])
def test_a_device_named_by_the_circuit_takes_no_other_parts_ends(text):
    assert not [e for e in read_request(text).elements if e.kind == "D"]
