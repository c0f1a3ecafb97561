"""Element, source and analysis statements of a request listing a circuit part by part: each read as written
(name, kind, nodes, value and parameters in any order) and transcribed as written."""
from __future__ import annotations

import pytest

from spice_lsp.generation.request import read_request


def parts(text: str) -> dict[str, tuple]:
    return {e.name: (e.kind, e.nodes, e.value, e.refs) for e in read_request(text).elements if e.name}


@pytest.mark.parametrize("text, name, want", [
    # a controlled current source pushes its current into the node it feeds (from ground to it)
    ("G1 is a VCCS: 5 mS times v(in) flows into node out. RL = 1.5k from out to ground.", "G1",
     ("G", ("0", "out", "in", "0"), 5e-3, ())),
    ("F1 (current gain 3, controlled by the current in VM) sources its current into out.", "F1",
     ("F", ("0", "out"), 3.0, ("VM",))),
    ("F2 sinks its current from node x with a gain of 2 of the current through VS.", "F2",
     ("F", ("x", "0"), 2.0, ("VS",))),
    # a voltage written as a probe: "v(out) = 1000 x the current through VSENSE"
    ("H1 is a current-controlled voltage source with 1000 ohms of transresistance: v(out) = 1000 x the current "
     "through VSENSE.", "H1", ("H", ("out", "0"), 1000.0, ("VSENSE",))),
    # a gain with a suffix, and the control inputs one by one
    ("a VCVS E7 with gain 100k: its + control input at in, its - control input tied to out, output out.", "E7",
     ("E", ("out", "0", "in", "out"), 1e5, ())),
])
def test_controlled_sources_in_their_own_words(text, name, want):
    kind, nodes, value, refs = parts(text)[name]
    assert (kind, nodes, value, refs) == (want[0], want[1], pytest.approx(want[2]), want[3])


def test_a_sentence_end_ends_the_words_that_lead_to_a_name():
    """"... flows into node out. RL = 1.5k": "node out." belongs to G1's sentence, not to RL's."""
    request = read_request("G1 is a VCCS: 5 mS times v(in) flows into node out. RL = 1.5k from out to ground.")
    (rl,) = [e for e in request.elements if e.name == "RL"]
    assert rl.text == "RL = 1.5k from out to ground"


def test_an_ammeter_from_a_node_to_ground_is_a_source_on_that_node():
    request = read_request("R1 = 10k from in to m, and VM is a 0 V ammeter from m to ground.")
    (vm,) = [s for s in request.sources if s.name == "VM"]
    assert (vm.node, vm.dc) == ("m", 0.0)


def test_the_levels_of_two_named_sources_are_no_contradiction():
    request = read_request("VIN is 2 V DC at in, R1 = 10k from in to m, and VM is a 0 V ammeter from m to ground.")
    assert request.levels_of_two_sources("2 V", "0 V") and not request.levels_of_two_sources("2 V", "3 V")


@pytest.mark.parametrize("description, lines", [
    ("VIN is 2 V DC at in, R1 = 10k from in to m, and VM is a 0 V ammeter from m to ground. F1 (current gain 3, "
     "controlled by the current in VM) sources its current into out, with RL = 1k from out to ground. "
     "Operating point.", ["VM m 0 DC 0", "F1 0 out VM 3", "RL out 0 1k"]),
    ("G1 is a VCCS: 5 mS times v(in) flows into node out. RL = 1.5k from out to ground, VIN = 0.4 V DC at in. "
     "Operating point.", ["G1 0 out in 0 5m", "RL out 0 1.5k"]),
])
def test_controlled_sources_are_transcribed_and_verified(description, lines):
    from spice_lsp.generation.pipeline import generate
    result = generate(description)
    assert all(line in result.netlist.split("\n") for line in lines), result.netlist
    assert result.verified, result.checks


@pytest.mark.parametrize("text, name, nodes", [
    # pins in parentheses after their nodes, either way round
    ("D1 goes from a (anode) to ground (cathode); R1 = 1k from in to a.", "D1", ("a", "0")),
    ("D1 goes from a (cathode) to ground (anode); R1 = 1k from in to a.", "D1", ("0", "a")),
    # a level noted after a node leaves the node as it is
    ("RE = 1k from vcc (10 V) to e; Q2 is a PNP with emitter e, base b and collector to ground.", "RE", ("vcc", "e")),
    # two devices in one sentence: each its own pins
    ("D1 anode at out and cathode to ground, D2 anode at ground and cathode at out.", "D2", ("0", "out")),
    ("D1 anode at out and cathode to ground, D2 anode at ground and cathode at out.", "D1", ("out", "0")),
    ("R1: 10k, a to b.", "R1", ("a", "b")),  # name, value, then its nodes, as a netlist line is written
    ("R1 connects in and out, 1k.", "R1", ("in", "out")),
    ("L1 2.2uH in->out.", "L1", ("in", "out")),
    # a part across a node (not a part) goes from it to ground
    ("L2 = 18 mH from sec to ground; RL = 1k across sec.", "RL", ("sec", "0")),
    # parts listed together take the nodes stated for them all
    ("C1 = 2.2 nF and C2 = 6.8 nF, both from top to ground, charged through R1 = 100k from in to top.", "C1",
     ("top", "0")),
])
def test_parts_placed_as_written(text, name, nodes):
    assert parts(text)[name][1] == nodes


@pytest.mark.parametrize("text, name, kind", [
    ("Ideal follower made from a VCVS EBUF with gain 100k: its + control input at in, output out.", "EBUF", "E"),
    ("a 5 ohm load RL across C1", "RL", "R"),
    ("RA = 1k from a to n, RB = 2k from b to n", "RA", "R"),
])
def test_names_in_capitals_after_their_kind_or_before_a_value(text, name, kind):
    assert parts(text)[name][0] == kind


def test_a_coupling_between_them_couples_the_two_inductors():
    found = parts("primary L1 = 2 mH from in to ground, secondary L2 = 18 mH from sec to ground, "
                  "coupling K1 = 0.98 between them")
    assert found["K1"] == ("K", None, pytest.approx(0.98), ("L1", "L2"))


def test_a_source_holding_a_pin_drives_that_pins_node():
    request = read_request("Q2 is a PNP with emitter e, base b and collector to ground; RE = 1k from vcc (10 V) to e; "
                           "the base is held at 5 V by VB.")
    assert {(s.name, s.node, s.dc) for s in request.sources} == {("VB", "b", 5.0), (None, "vcc", 10.0)}


@pytest.mark.parametrize("text, node, dc, pulse", [
    ("a 3.3 V source at vdd, 220 ohms from vdd to k", "vdd", 3.3, None),
    # the pulse's figures follow it, comma by comma
    ("R1 = 100k from in to top by a 5 V step at in (a pulse from 0 to 5 V, 1 µs delay, 1 ns rise).", "in", None,
     (0.0, 5.0, 1e-6, 1e-9, None, None, None)),
])
def test_unnamed_sources(text, node, dc, pulse):
    (source,) = read_request(text).sources
    assert (source.node, source.dc, source.pulse) == (node, dc, pulse)


def test_edges_are_the_rise_and_the_fall():
    (source,) = read_request("Drive sw with VSW, a 0 to 12 V square wave at 50 kHz, 50 % duty, 10 ns edges.").sources
    assert (source.node, source.pulse) == ("sw", pytest.approx((0.0, 12.0, None, 1e-8, 1e-8, 1e-5, 2e-5)))


def test_a_diode_model_parameter_ibv():
    request = read_request("D1 is a zener (BV=6.2, IBV=2m, IS=1e-14) with its cathode at out and anode at ground")
    assert {(p.name, p.value) for p in request.model_params} == {("bv", 6.2), ("ibv", 2e-3), ("is", 1e-14)}


@pytest.mark.parametrize("description, lines", [
    # a named circuit (a transformer) listed part by part is transcribed, not refused for want of a recipe
    ("Transformer: primary L1 = 2 mH from in to ground, secondary L2 = 18 mH from sec to ground, coupling K1 = 0.98 "
     "between them; RL = 1k across sec. VIN at in is a 1 V amplitude 10 kHz sine. 1 ms transient.",
     ["K1 L1 L2 0.98", "RL sec 0 1k", "VIN in 0 DC 0 SIN(0 1 10000)"]),
    # "default diodes": SPICE's default diode, not the house silicon model
    ("VIN is a sine at in, 5 V amplitude, 1 kHz, no offset. R1 = 1k from in to out, D1 anode at out and cathode to "
     "ground, D2 anode at ground and cathode at out (both default diodes). 3 ms transient.",
     ["D1 out 0 ddefault", "D2 0 out ddefault", ".model ddefault D"]),
    ("Q2 is a PNP (BF=80, IS=5f) with emitter e, base b and collector to ground; RE = 1k from vcc (10 V) to e; the "
     "base is held at 5 V by VB. Operating point.", ["VB b 0 DC 5", "Q2 0 b e pnp", "RE vcc e 1k"]),
    ("Ideal op-amp follower made from a VCVS EBUF with gain 100k: its + control input at in, its - control input "
     "tied to out, output out. VIN = 1.25 V DC at in and RL = 1k from out to ground. Operating point.",
     ["EBUF out 0 in out 100k", "RL out 0 1k"]),
])
def test_listed_circuits_are_transcribed_and_verified(description, lines):
    from spice_lsp.generation.pipeline import generate
    result = generate(description)
    assert all(line in result.netlist.split("\n") for line in lines), result.netlist
    assert result.verified, result.checks


@pytest.mark.parametrize("text, names, nodes, value", [
    ("R1, R2 and R3 of 1k each, all from x to ground.", ["R1", "R2", "R3"], ("x", "0"), 1e3),
    ("R1 and R2, 10k each, from a to b.", ["R1", "R2"], ("a", "b"), 10e3),
])
def test_a_list_of_names_stated_once_for_all(text, names, nodes, value):
    found = parts(text)
    assert [(n, found[n][1], found[n][2]) for n in names] == [(n, nodes, value) for n in names]


def test_the_source_a_controlled_source_senses_is_not_placed_by_that_statement():
    """"sensing the current through VB, drives node c": node c is F3's, not VB's."""
    request = read_request("F3 with a current gain of 50, sensing the current through VB, drives node c.")
    assert parts("F3 with a current gain of 50, sensing the current through VB, drives node c.")["F3"][1] == ("0", "c")
    assert not [s for s in request.sources if s.name == "VB"]


def test_a_transresistance_without_its_unit():
    assert parts("H2 converts the current in VS into a voltage at node o with 2k of transresistance.")["H2"] == \
        ("H", ("o", "0"), 2e3, ("VS",))


def test_an_led_mentioned_twice_is_placed_where_it_is_said_to_go():
    """"a green LED at 12 mA ... and the LED from a to ground": one LED, from a to ground; the resistor's ends are
    nodes the answer must have, though its value is left open."""
    request = read_request("Drive a green LED at 12 mA from a 5 V supply VCC with a series resistor from vcc to a "
                           "and the LED from a to ground.")
    assert [e.nodes for e in request.elements if e.kind == "D"] == [("a", "0")] and request.nodes == ["vcc", "a"]


def test_a_supply_named_like_a_node_of_the_request_sits_on_it():
    request = read_request("a 5 V supply VCC; R1 = 1k from vcc to a; D1 from a to ground")
    assert [(s.name, s.node) for s in request.sources] == [("VCC", "vcc")]


def test_model_parameters_of_any_diode():
    request = read_request("D2 (1N4148-like, IS=2.5n, N=1.75) from x to y.")
    assert {(p.name, p.value) for p in request.model_params} == {("is", 2.5e-9), ("n", 1.75)}


def test_a_heading_word_before_a_kilo_value_is_no_capacitor_or_inductor():
    # "Coupler:" / "Lowpass:" open a sentence like a name, but no C or L is kilo- or mega-sized.
    for text, value in (("Coupler: 4.7k from a to b.", 4700.0), ("Lowpass: 1.5meg from x to y.", 1.5e6)):
        [element] = read_request(text).elements
        assert (element.kind, element.value) == ("R", value), element
    [named] = read_request("Lbias = 2.2m from p to q.").elements
    assert (named.name, named.kind, named.value) == ("Lbias", "L", 2.2e-3)
