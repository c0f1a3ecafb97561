"""A circuit said node by node (lane N2, s13): an unnamed part said by its value and then its two ends ("3.3k kx to
ky") or as what a node has ("node cc1 has 5.6k to v15", "node zf_out, which has a 1k load") is read, and a chain of
such parts on a family's string takes the family's parts one by one, each from the node already named to the next
(compose._match), never added beside them. Expectations read off the composed netlist."""
import pytest

from spice_lsp.generation.compose import _value, compose
from spice_lsp.generation.request import read_request
from tests.measuring import circuit_lines

_STRING = "string\nV1 in 0 DC 12\nR1 in n1 2.2k\nR2 n1 n2 2.2k\nR3 n2 out 2.2k\nR4 out 0 2.2k\n.op\n.end\n"


@pytest.mark.parametrize("text, kind, nodes, value", [
    ("Resistor string: 2.2k from vtop to kx, 3.3k kx to ky, 1k ky to ground.", "R", ("kx", "ky"), 3300.0),
    ("Two RC sections: 10k from drv to mid1, 10 nF mid1 to ground, then 10k mid1 to lp2, 10 nF lp2 to ground.",
     "R", ("mid1", "lp2"), 10e3),
    ("LC ladder: 1 uH from a1 to a2, 47 pF from a2 to ground, 1 uH a2 to a3, 50 ohm a3 to ground.", "L",
     ("a2", "a3"), 1e-6),
])
def test_a_part_said_by_its_value_then_its_two_ends_is_read(text, kind, nodes, value):
    parts = [(e.kind, e.placed(), e.value) for e in read_request(text).elements]
    assert (kind, nodes, pytest.approx(value)) in parts


def test_a_level_before_two_words_is_no_part():
    parts = read_request("Bias it at 5 V in to out through the 1k from in to out.").elements
    assert all(e.value != 5 for e in parts)


def test_a_chain_said_node_by_node_takes_the_familys_string_one_part_at_a_time():
    said = [("vtop", "kx", 2.2e3), ("kx", "ky", 3.3e3), ("ky", "kz", 4.7e3), ("kz", "0", 1e3)]
    text = ("Resistor string off a 12 V rail, node vtop: 2.2k from vtop to kx, 3.3k kx to ky, 4.7k ky to kz, "
            "1k kz to ground. Operating point at the taps.")
    lines = circuit_lines(compose(_STRING, read_request(text), output="out").netlist)
    resistors = [line for line in lines if line.name[0] == "R"]
    assert len(resistors) == len(said)  # none added beside the family's
    built = {frozenset(line.nodes): _value(line) for line in resistors}
    assert all(built.get(frozenset((a, b))) == pytest.approx(v) for a, b, v in said)


def test_a_part_whose_far_end_joins_nothing_else_is_added_not_a_family_part_moved():
    text = "Resistor string off a 12 V rail, node vtop: 2.2k from vtop to kx, and 100k from kx to a probe node pr."
    lines = circuit_lines(compose(_STRING, read_request(text), output="out").netlist)
    resistors = {line.name: line for line in lines if line.name[0] == "R"}
    assert len(resistors) == 5 and sum("pr" in line.nodes for line in resistors.values()) == 1
    assert [_value(line) for line in resistors.values() if "pr" not in line.nodes] == [pytest.approx(2.2e3)] * 4


@pytest.mark.parametrize("text, kind, nodes, value", [
    ("The collector node cc1 has 5.6k to v15.", "R", ("v15", "cc1"), 5.6e3),
    ("The output collector node mout has a 4.7k resistor up to v10.", "R", ("v10", "mout"), 4.7e3),
    ("Output drain node cmo has a 10k load up to v5m.", "R", ("v5m", "cmo"), 10e3),
    ("The emitter drives the output node zf_out, which has a 1k load.", "R", ("zf_out", "0"), 1e3),
    ("A 1 uF cap goes into node amp_in, which has 10k to ground.", "R", ("amp_in", "0"), 10e3),
    ("Node fx has a 100 pF capacitor to ground.", "C", ("fx", "0"), 100e-12),
])
def test_a_part_said_as_what_a_node_has_goes_from_that_node(text, kind, nodes, value):
    parts = [(e.kind, e.placed(), e.value) for e in read_request(text).elements]
    assert (kind, nodes, pytest.approx(value)) in parts


@pytest.mark.parametrize("text", [
    "The amplifier has 10k to spare. It has a 1k load somewhere.",
    "Node q has 5 V on it.",
    "The stage has 2.2k of source resistance.",
])
def test_what_no_node_has_or_no_part_is_read_as_no_part(text):
    assert [e for e in read_request(text).elements if e.kind in "RCL"] == []


def test_a_role_word_after_a_value_is_no_node():
    # "an op-amp with 100k feedback to out": the feedback resistor into out, no part from a node "feedback"; the
    # virtual ground the request names (n) stays the op-amp's inverting node in the generated circuit
    from spice_lsp.generation.pipeline import generate
    text = ("4-bit current-output DAC: bit currents of 1, 2, 4 and 8 uA switched into the virtual ground n of an "
            "op-amp with 100k feedback to out; code 1011; operating point.")
    assert all("feedback" not in e.placed() for e in read_request(text).elements)
    nodes = {n.lower() for line in circuit_lines(generate(text).netlist) for n in line.nodes}
    assert "n" in nodes and "feedback" not in nodes
