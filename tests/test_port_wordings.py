"""Node names said in more ways: arrows, a stage "between" two nodes, "x in, y out", "into", a wave the circuit
makes, "out at dc", "output ends", and the names left over for a family's free ports (ports.py, compose.py)."""
import pytest

from spice_lsp.generation.compose import compose, element_line
from spice_lsp.generation.pipeline import generate
from spice_lsp.generation.ports import read_ports, said_nodes
from spice_lsp.generation.request import read_request


def _nodes(netlist: str) -> set[str]:
    """The nodes of the circuit's own lines (a subcircuit's are its own)."""
    nodes: set[str] = set()
    inside = False
    for line in netlist.split("\n")[1:]:
        word = line.split()[0].lower() if line.split() else ""
        inside = (inside or word == ".subckt") and word != ".ends"
        if not inside and word[:1].isalpha() and (e := element_line(line)):
            nodes.update(e.nodes)
    return nodes


@pytest.mark.parametrize("text, node_in, node_out", [
    ("hp, fc 3k, p1 -> q1", "p1", "q1"),
    ("band-pass RC, 2 kHz centre, src2 \u2192 bpo", "src2", "bpo"),
    ("low-pass at 500 Hz, node ka => node kb", "ka", "kb"),
    ("An inverting stage with a gain of -3 between node ua and node ub.", "ua", "ub"),
    ("Low-pass RC, node h1 in, node h2 out, 2 kHz.", "h1", "h2"),
    ("a4 in; b4 out; a high-pass at 50 Hz", "a4", "b4"),
    ("A gain-of-5 amplifier that takes the preamp signal at pa and hands it into fb7.", "pa", "fb7"),
    ("Half-wave rectifier: a 9 V peak sine in at ac, DC out at dc, 1k load.", "ac", "dc"),
    ("Two-pole band-pass at 1 kHz (multiple feedback), bq1 to bq2.", "bq1", "bq2"),
    ("A bridge rectifier fed from a 9 V RMS winding, delivering to a smoothed rail vr2 (100 uF).", None, "vr2"),
])
def test_more_ways_of_naming_input_and_output(text, node_in, node_out):
    request = read_request(text)
    assert (request.input, request.output) == (node_in, node_out)


@pytest.mark.parametrize("text", [
    "Measure the voltage between ta and tb across a 1k resistor.",  # a measurement, no stage's ends
    "R1 = 1k between c1 and c2 in a low-pass filter.",  # a part's ends
])
def test_between_two_nodes_is_a_stage_only_where_the_words_say_so(text):
    assert {s.role for s in said_nodes(text)} <= {None}


def test_a_current_into_a_node_does_not_make_it_the_output():
    said = {s.node: s.role for s in said_nodes("Node tk sits at the top of the tank; a 1 mA AC current source "
                                               "pushes into tk from node gx.")}
    assert said.get("tk") != "output"


def test_a_phrase_word_in_capitals_after_at_is_no_node():
    assert said_nodes("Measure the output at DC and at 1 kHz.") == []


def test_a_wave_the_circuit_makes_is_its_output_not_a_source():
    request = read_request("A relaxation oscillator that makes a 5 kHz square wave at node ck9.")
    assert request.output == "ck9" and request.input is None
    assert not any(s.node == "ck9" for s in request.sources)


def test_output_ends_and_a_note_in_parentheses_list_the_ports():
    assert read_ports("A bridge with its output ends e1 and e2, 5 V excitation.").roles["output"] == ("e1", "e2")
    assert read_ports("The half-bridge: bridge outputs g_p (gauge side) and g_n.").roles["bridge"] == ("g_p", "g_n")


def test_names_left_without_a_role_go_on_the_free_ports():
    """An oscillator has one port: the one name said goes on it; a follower's two names go in and out in order,
    and the level said on the first drives it."""
    result = generate("An op-amp relaxation oscillator on \u00b110 V making a 4 kHz square wave at node tick.")
    assert "tick" in _nodes(result.netlist) and "out" not in _nodes(result.netlist)
    result = generate("Voltage follower buffering node rawv onto node bufv, \u00b15 V rails, 2 V DC on rawv. Op point.")
    assert {"rawv", "bufv"} <= _nodes(result.netlist)
    driver = next(e for line in result.netlist.split("\n")[1:] if (e := element_line(line)) and e.name[0] == "V"
                  and e.nodes[0] == "rawv")
    assert driver.rest.split()[:2] == ["DC", "2"]


def test_a_name_that_would_join_two_nodes_leaves_the_other_names_in_place():
    netlist = "t\nV1 vcc 0 DC 5\nV2 in 0 AC 1\nR1 in out 1k\nC1 out 0 1n\nR2 vcc out 10k\n.end\n"
    request = read_request("Input at node sx, output at node rl5, and a 5 V supply at node rl5.")
    composed = compose(netlist, request, source="V2")
    assert "sx" in _nodes(composed.netlist) and "in" not in _nodes(composed.netlist)
    assert any("join nodes" in p for p in composed.problems)
    assert {"out", "vcc"} <= _nodes(composed.netlist)  # the joining names only are left out


@pytest.mark.parametrize("text, names", [
    ("hi, I'd like an RC low-pass near 2 kHz; my source sits on a node I call src4 and the result on flt4",
     ["src4", "flt4"]),
    ("The reset signal rst_n rises from 0 to 3.3 V at t = 2 ms; node del must lag it by 5 ms.", ["rst_n", "del"]),
])
def test_a_name_after_what_it_is_or_after_i_call_is_a_node_without_a_role(text, names):
    said = said_nodes(text)
    assert [s.node for s in said] == names and said[0].role is None
    assert "i" not in read_request(text).nodes


def test_a_word_before_side_or_rail_is_no_ports_name():
    ports = read_ports("Level shifter: drain on the high side hv_b with 10k to 5 V, source on the low side lv_b.")
    assert "high" not in ports.named() and "low" not in ports.named()


def test_a_named_source_node_never_goes_on_the_output_and_a_family_node_stays_its_own():
    netlist = "t\nV1 in 0 AC 1\nR1 in p 10k\nR2 p 0 10k\nC1 p out 1n\nR3 out 0 1k\n.end\n"
    composed = compose(netlist, read_request("Input at node in; a 2 V source VB at node bz."), source="V1")
    assert "out" in _nodes(composed.netlist)
    composed = compose(netlist, read_request("Tap the divider at node p; nothing else."), source="V1")
    assert "out" in _nodes(composed.netlist) and not composed.renamed


def test_one_name_with_no_role_and_no_source_is_where_the_user_looks():
    netlist = "t\nV1 in 0 AC 1\nR1 in out 1k\nC1 out 0 1n\n.end\n"
    composed = compose(netlist, read_request("An RC low-pass filter whose capacitor sits on node cv4."), source="V1")
    assert composed.renamed == {"out": "cv4"}
    composed = compose(netlist, read_request("An RC low-pass filter, 1 V DC source on node dr4."), source="V1")
    assert composed.renamed == {"in": "dr4"}


@pytest.mark.parametrize("text, node_in, node_out", [
    # the next device's input faces this circuit's output, where nothing says this circuit is that device
    ("The pickup feeds in at pk2, and the mixer input is mx2; an RC high-pass at 80 Hz between them.", "pk2", "mx2"),
    ("A 20 Hz RC high-pass; the codec input is cdc.", None, "cdc"),
    # the circuit is the amplifier: its own input
    ("Non-inverting amp, gain 5. The amp input is node s1 and its output o1.", "s1", "o1"),
])
def test_the_input_of_the_device_after_the_circuit_is_the_circuits_output(text, node_in, node_out):
    request = read_request(text)
    assert (request.input, request.output) == (node_in, node_out)


def test_the_rail_asked_for_is_the_output_and_the_battery_it_runs_from_the_dc_input():
    text = "I want a 3.3 V rail at r33 from the 9 V battery at b9 (9 V), about 10 mA; a zener and an NPN follower."
    said = {s.node: s.role for s in said_nodes(text)}
    assert said["r33"] == "output"
    netlist = "t\nV1 in 0 DC 9\nR1 in b 1k\nD1 0 b dz\nQ1 in b out npn\nR2 out 0 330\n.end\n"
    assert compose(netlist, read_request(text), source="V1").renamed == {"in": "b9", "out": "r33"}
    ac = netlist.replace("DC 9", "DC 0 AC 1")  # a signal input is no battery's place
    assert "in" not in compose(ac, read_request(text), source="V1").renamed
