"""Parts and sources stated in prose rather than as lines: a source's verb on its node ("holds", "sends current
into"), a part in parallel with the one before it, a pin's verb ("goes to"), a resistor a source feeds its node
through, a controlled source's output and control said in words, a diode placed by one pin's node."""
from __future__ import annotations

import pytest

from spice_lsp.generation.pipeline import _build
from spice_lsp.generation.request import read_request


def parts(text: str) -> dict[str | None, tuple]:
    return {e.name: (e.kind, e.nodes, e.value) for e in read_request(text).elements}


def sources(text: str) -> dict[str | None, tuple]:
    return {s.name: (s.kind, s.node, s.dc) for s in read_request(text).sources}


@pytest.mark.parametrize("text, name, want", [
    # a quantity's name (VGS, VDS, IB) given to a source its verb places on a node
    ("VGS holds node gq at 2.5 V while RQ = 2k runs from vdd to dq.", "VGS", ("V", "gq", 2.5)),
    ("VC sets kx to 0.7 V DC; R1 = 1k from kx to ground.", "VC", ("V", "kx", 0.7)),
    ("IB sends current into node bz; R2 = 10k from bz to ground.", "IB", ("I", "bz", None)),
    ("VDS on dd sweeps from 0 to 2 V in 10 mV steps; R3 = 500 from dd to 0.", "VDS", ("V", "dd", None)),
    # a pin's node in a note: "into the gate (node g9)"
    ("A current source IX pushes current into the gate (node g9) of the device; R4 = 1k from g9 to 0.", "IX",
     ("I", "g9", None)),
])
def test_a_source_placed_by_its_verb(text, name, want):
    assert sources(text)[name] == want


def test_a_part_in_parallel_with_the_one_stated_before_takes_its_nodes():
    both = parts("From q to ground: R7 = 3.3k in parallel with R8 = 4.7k. I1 feeds 1 mA into node q.")
    assert both["R8"][1] == both["R7"][1] == ("q", "0")
    it = parts("C2 = 220 nF from node m to ground and R9 = 68k across it. V1 = 1 V DC at m.")
    assert it["R9"][1] == it["C2"][1] == ("m", "0")


@pytest.mark.parametrize("text, name, want", [
    ("Q4 is a PNP whose emitter goes to ve, base to vb and collector to ground.", "Q4", ("0", "vb", "ve")),
    ("Transistor Q6: its base sits at node b6, its collector runs to c6 and its emitter is tied to ground.", "Q6",
     ("c6", "b6", "0")),
    ("Anode of D8 goes to node pa, its cathode to node ka.", "D8", ("pa", "ka")),
])
def test_a_pin_placed_by_a_verb_of_place(text, name, want):
    assert parts(text)[name][1] == want


def test_a_resistor_a_source_feeds_its_node_through():
    # named: the node "is fed" from the source's node through it
    assert parts("Node k is fed from VZ (1.5 V DC on node z) through R4 = 2.2k; R5 = 1k from k to 0.")["R4"][1] \
        == ("z", "k")
    # unnamed: into the node the words name, else the node of the part stated just before
    into = [e for e in read_request("A 3 V DC source on node p1 drives 3.3k into node q1, and 1 uF goes from q1 to "
                                    "ground.").elements if e.kind == "R"]
    assert [(e.nodes, e.value) for e in into] == [(("p1", "q1"), pytest.approx(3.3e3))]
    before = [e for e in read_request("2.2 nF from node y to ground, fed by a 1 V AC source on node x through "
                                      "15k. AC sweep 10 Hz to 1 MHz.").elements if e.kind == "R"]
    assert [(e.nodes, e.value) for e in before] == [(("x", "y"), pytest.approx(15e3))]


def test_a_part_s_end_named_by_a_stated_source_is_that_source_s_node():
    assert parts("R6 = 1k from VM (2 V DC at node m) to node w; R7 = 1k from w to ground.")["R6"][1] == ("m", "w")


def test_a_source_on_its_node_feeding_a_named_part_to_another_node():
    read = parts("The 12 V battery VB on node top feeds RT = 4.7k to node low; RL = 10k from low to ground.")
    assert read["RT"][1] == ("top", "low")


@pytest.mark.parametrize("text, name, want", [
    ("G5 of 3 mS draws current out of node gx into ground, its control voltage taken at node cx.", "G5",
     ("G", ("gx", "0", "cx", "0"), 3e-3)),
    ("E7 makes node ey equal 4 times v(ec).", "E7", ("E", ("ey", "0", "ec", "0"), 4.0)),
    ("E3 is a VCVS with a gain of 20; it drives node o3 from the voltage at node i3.", "E3",
     ("E", ("o3", "0", "i3", "0"), 20.0)),
    # a probe names the control, never the output's return ("from ground")
    ("G8, gm = 0.5 mS, sensing v(s8), pushing its current from ground into node d8.", "G8",
     ("G", ("0", "d8", "s8", "0"), 0.5e-3)),
])
def test_a_controlled_source_said_in_words(text, name, want):
    kind, nodes, value = parts(text)[name]
    assert (kind, nodes, value) == (want[0], want[1], pytest.approx(want[2]))


def test_a_parallel_pair_listed_by_its_values():
    read = read_request("A parallel RC (2k, 47 nF) between node w and ground, driven by V1 (1 V AC) at w.")
    placed = sorted((e.kind, e.nodes, e.value) for e in read.elements if e.kind in "RC")
    assert placed == [("C", ("w", "0"), pytest.approx(47e-9)), ("R", ("w", "0"), pytest.approx(2e3))]


@pytest.mark.parametrize("text, ends", [
    ("IS9 pushes current into node dz, the anode of a diode whose cathode is grounded.", ("dz", "0")),
    ("Current source IQ feeds the cathode (node kq) of a 6.8 V zener (anode grounded).", ("0", "kq")),
    # placed by the node a current source feeds it at: its anode there, its cathode when reverse-biased
    ("A diode biased by 2 mA from a current source into node fw; DC operating point.", ("fw", "0")),
    ("A reverse-biased diode driven with 10 uA from a current source into node rv.", ("0", "rv")),
])
def test_a_diode_placed_by_the_node_of_one_pin(text, ends):
    (diode,) = [e for e in read_request(text).elements if e.kind == "D"]
    assert diode.nodes == ends


def test_an_unnamed_current_source_that_feeds_a_node():
    (source,) = read_request("A 50 uA current source feeds node cb; a diode from cb to ground.").sources
    assert (source.kind, source.node, source.dc) == ("I", "cb", pytest.approx(50e-6))


def test_a_node_named_led_makes_no_diode_an_led():
    """A plain diode on a node called "led" keeps SPICE's default model; the word LED in its own words does not."""
    plain = _build("V3 = 5 V DC at node a. R1 = 1k from a to led. D1 from led to ground. Operating point.").netlist
    assert "dled" not in plain and "ddefault" in plain
    lit = _build("V3 = 5 V DC at node a. R1 = 1k from a to k. D1 is a red LED from k to ground. Operating point.")
    assert "dled" in lit.netlist


def test_a_zener_placed_by_its_ends_clamps_its_node():
    """"a 6.8 V zener from x to ground": cathode at x, and its voltage joins its words (its model breaks down there);
    a diode with named pins keeps them."""
    (zener,) = [e for e in read_request("R1 = 330 from vb to x, a 6.8 V zener from x to ground; VB = 15 V DC at "
                                        "vb.").elements if e.kind == "D"]
    assert zener.nodes == ("0", "x") and "6.8 V" in zener.text
    (pinned,) = [e for e in read_request("Zener D5 (4.3 V) from x to ground with its anode at x.").elements
                 if e.kind == "D"]
    assert pinned.nodes == ("x", "0")


def test_a_listed_circuit_owes_no_value_a_family_design_computed():
    """A zener regulator listed part by part is transcribed; the series resistor the zener family would design is
    not asked of it."""
    build = _build("Zener DZ7 (5.6 V) from q to ground, R3 = 680 from s to q, V2 = 12 V DC at s. Operating point.")
    assert "R3 s q 680" in build.netlist
    assert set(build.intent.values) == {v.role for v in build.intent.values.values()}
    assert all(v.text in build.intent.description for v in build.intent.values.values())


def test_a_part_across_a_resistor_named_by_its_role():
    """"1 nF across the feedback resistor": the resistor that goes by the role's name (RF) lends its ends; the
    family's own gain check no longer holds with it there and is left out, saying so."""
    read = read_request("Inverting stage: RI = 4.7k from vi to m, RF = 47k from m to vo, 220 pF across the feedback "
                        "resistor.")
    (cap,) = [e for e in read.elements if e.kind == "C"]
    assert (cap.nodes, cap.value) == (("m", "vo"), pytest.approx(220e-12))
    build = _build("Inverting stage: RI = 4.7k from vi to m, RF = 47k from m to vo, 220 pF across the feedback "
                   "resistor. AC sweep 10 Hz to 1 MHz.")
    assert not build.function and any("function checks are left out" in a for a in build.assumptions)


def test_names_in_parentheses_after_a_value_share_it():
    read = parts("Three capacitors of 47 nF (C1, C2 and C3): C1 from a to 0, C2 from b to 0, C3 from c to 0. "
                 "V1 = 1 V AC at a.")
    assert [read[n][2] for n in ("C1", "C2", "C3")] == [pytest.approx(47e-9)] * 3


def test_a_device_named_again_by_each_pin():
    """"drain of M5 to dd5, gate of M5 to gg5, ...": its own name said again bounds none of its pins."""
    assert parts("Drain of M2 to node p2, gate of M2 to node q2, source of M2 to ground.")["M2"][1] == \
        ("p2", "q2", "0", "0")


def test_the_node_a_source_feeds_said_before_the_resistor():
    read = parts("V4 (9 V DC) at node hi feeds node lo through R6 = 2.2k; R7 = 3.3k from lo to ground.")
    assert read["R6"][1] == ("hi", "lo")
    # a one-letter node called so ("on node a goes through"), not an article
    fed = [e for e in read_request("A 2 V amplitude 500 Hz sine on node a goes through 4.7k to node z, and 33 nF "
                                   "from z to ground.").elements if e.kind == "R"]
    assert [(e.nodes, e.value) for e in fed] == [(("a", "z"), pytest.approx(4.7e3))]
