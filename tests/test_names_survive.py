"""The request's node and part names survive composition: the node a supply is said to be on names the family's
rail, a stated path of nodes names a ladder's inner nodes, a named current source or part the family has under
another name takes the user's name (ports.py, compose.py)."""
import pytest

from spice_lsp.generation.compose import compose, element_line
from spice_lsp.generation.ports import read_ports, said_nodes
from spice_lsp.generation.request import read_request


def _parts(netlist: str) -> dict[str, list[str]]:
    """Each element line's name (upper case) and its nodes."""
    return {line.name.upper(): line.nodes for raw in netlist.split("\n")[1:]
            if raw[:1].isalpha() and (line := element_line(raw)) is not None}


def _nodes(netlist: str) -> set[str]:
    return {n for nodes in _parts(netlist).values() for n in nodes}


FED_MIRROR = "m\nV1 vcc 0 DC 15\nR9 vcc ref 14.35k\nQ1 ref ref 0 npn\nQ2 sink ref 0 npn\nRLOAD vcc sink 6.8k\n.end\n"
MIRROR = "m\n.param vdd=5\nV1 vdd 0 DC {vdd}\nI1 vdd ref DC 1m\nQ1 ref ref 0 npn\nQ2 out ref 0 npn\n.op\n.end\n"


@pytest.mark.parametrize("text, node, value", [
    ("NPN mirror on 10 V (vcc), output node out.", "vcc", 10.0),
    ("Window comparator on a single 5 V supply (node vcc): output node out.", "vcc", 5.0),
    ("Darlington follower, 12 V supply on vcc, the second emitter is node out.", "vcc", 12.0),
    ("thermistor divider on a 5 V rail vs: fixed 4.7k from vs to node tout", "vs", 5.0),
    ("Comparator running on a 12 V rail called v12. Output at node cmp.", "v12", 12.0),
    ("npn current mirror. rail: vpp = 9 V. Output node oc.", "vpp", 9.0),
    ("a 10k from the 3.3 V supply to sense, supply node is v33.", "v33", 3.3),
    ("Common-emitter stage powered from +9 V (vsup): collector node c.", "vsup", 9.0),
    ("three diodes biased by 2 mA from the 5 V supply node vp into ref", "vp", 5.0),
    ("Runs on 5 V (VCC).", "vcc", 5.0),
    ("a 24 V rail at node v24 feeds it", "v24", 24.0),
    ("Supply: vcc = 12 V.", "vcc", 12.0),
    ("from a 5 V supply, node vsup.", "vsup", 5.0),
])
def test_the_node_a_supply_is_said_on(text, node, value):
    supply = read_ports(text).supply
    assert supply is not None and (supply.node, supply.value) == (node, value)


@pytest.mark.parametrize("text", [
    "A CE stage from a 12 V supply through 470 ohm to out.",  # its level only: the family's rail keeps its name
    "Mirror on 5 V. A 2 V (vx) step.",  # a figure in parentheses after a bare level is no supply's node
    "a 9 V battery powers it",
    "on a 5 V (dc) supply",
    "on 12 V (V1)",  # a source's name, not a node's
])
def test_no_supply_node_where_none_is_said(text):
    supply = read_ports(text).supply
    assert supply is not None and supply.node == ""


def test_a_level_in_parentheses_after_a_signal_is_no_supply():
    assert read_ports("a 1 V (peak) sine at in").supply is None


def test_the_supply_node_names_the_family_rail_with_its_level():
    text = "Two-transistor NPN current mirror on 10 V (vcc); the output collector is node out."
    netlist = compose(MIRROR, read_request(text), source="V1").netlist
    assert _parts(netlist)["V1"][0] == "vcc" and "vdd" not in _nodes(netlist)
    assert ".param vdd=10" in netlist  # the level, through the parameter the rail reads


def test_a_supply_node_is_not_taken_for_the_input():
    """"from 3.3 V (node vcc)" is where the supply is, not the circuit's input (a divider fed by a separate source)."""
    netlist = "d\nV1 vdd 0 DC 3.3\nV2 t 0 DC 0\nR1 vdd out 10k\nR2 out t 10k\n.op\n.end\n"
    request = read_request("Divider from 3.3 V (node vcc) to out with two 10k resistors.")
    assert request.input == "vcc"  # (the reader takes it for the input too)
    composed = compose(netlist, request, source="V2")
    assert _parts(composed.netlist)["V1"][0] == "vcc" and _parts(composed.netlist)["V2"][0] == "t"


def test_a_named_current_source_with_no_node_is_the_circuits_one_current_source():
    text = "NMOS current mirror on 5 V (vdd): IREF = 20 uA from vdd into the diode-connected transistor."
    parts = _parts(compose(MIRROR, read_request(text), source="V1").netlist)
    assert "IREF" in parts and "I1" not in parts and parts["IREF"] == ["vdd", "ref"]


def test_a_named_current_source_on_the_family_input_takes_the_name_once():
    """Read twice ("... source IPD pushing current into the op-amp's input"), placed once, under its name."""
    netlist = "t\nI1 0 inn DC 1u AC 1\nR1 inn out 100k\nE1 out 0 0 inn 1e5\n.op\n.end\n"
    text = ("Transimpedance amplifier: model the photodiode as a 12 uA current source IPD pushing current into the "
            "op-amp's inverting input node inn. Output node out.")
    composed = compose(netlist, read_request(text), source="I1")
    parts = _parts(composed.netlist)
    assert "IPD" in parts and "I1" not in parts and not any("current source" in p for p in composed.problems)


def test_a_current_into_a_named_node_is_the_circuits_current_source_of_that_level():
    cell = "p\nV1 vdd 0 DC 5\nI1 vdd hi DC 1m\nQ1 hi hi 0 npn\nI2 vdd lo DC 100u\nQ2 lo lo 0 npn\n.op\n.end\n"
    text = "Delta-Vbe cell: two identical diodes, D1 fed 1 mA from a current source into node a."
    parts = _parts(compose(cell, read_request(text), source="V1").netlist)
    assert parts["I1"] == ["vdd", "a"] and parts["Q1"] == ["a", "a", "0"] and parts["I2"] == ["vdd", "lo"]


def test_a_current_of_a_level_two_sources_share_is_not_placed_by_its_level():
    cell = "p\nV1 vdd 0 DC 5\nI1 vdd hi DC 1m\nQ1 hi hi 0 npn\nI2 vdd lo DC 1m\nQ2 lo lo 0 npn\n.op\n.end\n"
    text = "Two identical diodes, D1 fed 1 mA from a current source into node a."
    assert "a" not in _nodes(compose(cell, read_request(text), source="V1").netlist)


def test_a_named_part_with_no_ends_is_the_one_other_part_of_its_kind_near_its_value():
    netlist = FED_MIRROR
    text = ("Two-NPN mirror on node vcc. The reference resistor RREF = 13.6k runs to the diode-connected "
            "transistor's collector; the output drives node sink, with RLOAD = 6.8k up to vcc.")
    parts = _parts(compose(netlist, read_request(text), source="V1").netlist)
    assert "RREF" in parts and "R9" not in parts


def test_a_named_part_far_from_the_family_value_is_not_put_in_its_place():
    netlist = FED_MIRROR
    text = ("Two-NPN mirror on node vcc. A resistor RX = 1meg runs somewhere; the output drives node sink, with "
            "RLOAD = 6.8k up to vcc.")
    parts = _parts(compose(netlist, read_request(text), source="V1").netlist)
    assert "R9" in parts


def test_a_named_reference_source_keeps_the_node_the_request_gives_it():
    netlist = "f\nV1 in 0 DC 1\nV2 ref 0 DC 4\nR1 ref t1 1k\nR2 t1 0 1k\n.op\n.end\n"
    text = "A flash ADC: a 4 V reference VREF on node ref divided into taps; the input node in at 2.4 V DC."
    netlist = compose(netlist, read_request(text), source="V1").netlist
    assert _parts(netlist)["VREF"][0] == "ref" and "vref" not in _nodes(netlist)


@pytest.mark.parametrize("text, path", [
    ("Two RC sections, each 8.2k and 22n: in to mid, then mid to out.", ("in", "mid", "out")),
    ("Three RC sections, each 10k with 10n: in to p1, p1 to p2, p2 to out.", ("in", "p1", "p2", "out")),
    ("RC ladder in -> a -> b -> out, 1k and 1n.", ("in", "a", "b", "out")),
    ("R1 from in to n1 and R2 from n1 to out", ()),  # parts' ends, read as such
    ("a low-pass, in to out, 1 kHz", ()),  # one link: the input and the output only
])
def test_a_stated_path_of_nodes(text, path):
    assert read_ports(text).path == path


def test_the_inner_nodes_of_a_path_are_no_ports():
    roles = {s.node: s.role for s in said_nodes("Three RC sections, each 10k with 10n: in to p1, p1 to p2, p2 to out.")}
    assert (roles["in"], roles["p1"], roles["p2"], roles["out"]) == ("input", None, None, "output")


def test_a_stated_path_names_the_ladder_nodes_in_order():
    ladder = ("l\nV1 in 0 AC 1\nR1 in n1 10k\nC1 n1 0 10n\nR2 n1 n2 10k\nC2 n2 0 10n\nR3 n2 out 10k\nC3 out 0 10n"
              "\n.end\n")
    text = "Three RC low-pass sections, each 10k with 10n: in to p1, p1 to p2, p2 to out."
    parts = _parts(compose(ladder, read_request(text), source="V1").netlist)
    assert (parts["R1"], parts["R2"], parts["R3"]) == (["in", "p1"], ["p1", "p2"], ["p2", "out"])


def test_a_path_the_circuit_does_not_have_names_nothing():
    """Two ways of as many nodes from input to output (a bridge): which one the names mean is unclear."""
    bridge = "b\nV1 in 0 AC 1\nR1 in x 1k\nR2 x out 1k\nR3 in y 1k\nR4 y out 1k\nR5 out 0 1k\n.end\n"
    netlist = compose(bridge, read_request("Resistor network: in to mid, then mid to out."), source="V1").netlist
    assert "mid" not in _nodes(netlist)


@pytest.mark.parametrize("text, named", [
    ("A passive RC low-pass at 1 kHz: drive it from Vin and expose the output at Vout.", "vin"),
    ("RC low-pass at 1 kHz, input node in, output Vout.", "in"),  # the node the request calls in stays so
])
def test_vin_said_of_the_input_names_it(text, named):
    netlist = "f\nV1 in 0 AC 1\nR1 in out 1k\nC1 out 0 159n\n.end\n"
    assert _parts(compose(netlist, read_request(text), source="V1").netlist)["V1"][0] == named


def test_a_family_node_said_by_its_own_name_takes_the_users_name():
    from spice_lsp.generation.pipeline import generate
    result = generate("Rubber diode (VBE multiplier) from an NPN, 3 mA from an ideal current source into the top node "
                      "rd, emitter grounded, 2.5 V across it.")
    assert " rd " in result.netlist and " top " not in result.netlist
