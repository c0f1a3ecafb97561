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
