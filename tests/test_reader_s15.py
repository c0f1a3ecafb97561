"""The request reader's fallbacks of session 15, each a class of phrasing with variants written for these tests (not
taken from a benchmark file): a source's name in parentheses after the noun it names, a part done to another
"through" it from a node, a level made at a node as the output's spec, a divider's lower arm given and its upper one
designed."""
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
