"""Ports named by their role in the request's own words, and put on the family's nodes of that role.

Each class below is written in new words (none of a case file's), two or three ways, so a fix is of the way
of saying it and not of one request.
"""
import pytest

from spice_lsp.generation.compose import compose
from spice_lsp.generation.pipeline import generate
from spice_lsp.generation.ports import read_ports, said_nodes
from spice_lsp.generation.request import read_request


def roles(text: str) -> dict[str, str | None]:
    return {said.node: said.role for said in said_nodes(text)}


@pytest.mark.parametrize("text, inp, out", [
    ("CR high-pass, 2 kHz corner; the waveform enters at drv and exits at hpf.", "drv", "hpf"),
    ("Audio comes in at mic and emerges at pre, RC low-pass at 8 kHz.", "mic", "pre"),
    ("A 3 kHz low-pass: signal enters on src, leaving on flt.", "src", "flt"),
])
def test_verbs_of_leaving_name_the_output(text, inp, out):
    request = read_request(text)
    assert (request.input, request.output) == (inp, out)


@pytest.mark.parametrize("text, out", [
    ("A 1 V AC source at drv feeding a 20k/5k divider to node tap. AC sweep.", "tap"),
    ("A 10 kHz pulse train at pw, followed by an RC low-pass (2k2 and 47 nF) to node smooth.", "smooth"),
    ("Sensor bridge, then a difference amplifier with gain 20 to node vdiff.", "vdiff"),
])
def test_to_node_where_a_chain_ends_is_the_output(text, out):
    assert roles(text)[out] == "output"


@pytest.mark.parametrize("text, node", [
    ("a 1k resistor to node q and 10 nF from q to ground", "q"),  # a part's end
    ("C7 (22 nF) to node f, then R3 from f to ground", "f"),
    ("0.5 mA flowing into node in gives -0.5 V at out", "in"),  # where a current is fed, not the output
    ("Rf = 47k from vo back to node n, input at vi", "n"),  # the way a part goes, not where a chain ends
    ("an open-drain output with a 4.7k pull-up to node vp", "vp"),
])
def test_to_node_after_a_part_names_its_end_not_the_output(text, node):
    assert roles(text).get(node) != "output"


@pytest.mark.parametrize("text, out, also", [
    ("Emitter follower on 15 V driving an 8 ohm load (from spk to ground); input ein.", "spk", None),
    ("NMOS low-side switch: a 24 ohm lamp (RL from v24 to sw_d) on a 24 V rail.", "sw_d", None),
    ("Current mirror sinking 1 mA, 12 V supply vcc, a 2k2 load from vcc to mo.", "mo", "vcc"),
])
def test_a_loads_far_end_is_the_output(text, out, also):
    request = read_request(text)
    assert request.output == out
    assert also is None or also in request.nodes  # the supply's end is still a named node


@pytest.mark.parametrize("text, inp", [
    ("A 2 V peak 1 kHz sine (VS at src) into a 4.7k/4.7k divider to node mid. 5 ms transient.", "src"),
    ("Peak detector: 3 V amplitude 200 Hz sine at vs, diode into 10 uF with a 100k bleed.", "vs"),
])
def test_the_one_signal_sources_node_is_the_input(text, inp):
    assert read_request(text).input == inp


def test_an_oscillators_square_wave_at_out_is_no_input():
    """'a square wave at out' is what the oscillator makes; a misread source at a word ('from one op-amp') is
    no node of the request."""
    assert read_request("Op-amp astable making a square wave at out, 1 kHz, on +-9 V rails.").input is None
    assert read_request("Astable from one op-amp and an RC, running at 3 kHz; output vo.").input is None


def test_a_level_aimed_at_and_a_rail_made_are_outputs():
    assert roles("A reference from two PNPs and an op-amp, roughly 2.5 V at vref, 9 V supply.")["vref"] == "output"
    assert roles("A diode pump driven by a 10 kHz clock makes a negative rail at vm.")["vm"] == "output"
    assert roles("The part runs from a 5 V supply rail at vcc.")["vcc"] == "supply"


def test_role_lists_take_a_and_ranges_and_parenthesised_levels():
    request = read_request("CMOS NOR2 on 3.3 V: inputs a and b, output q.")
    assert (request.input, request.inputs, request.output) == ("a", ["b"], "q")
    assert read_ports("a 3-bit DAC, inputs as 0/5 V levels on d2..d0").roles["input"] == ("d2", "d1", "d0")
    assert read_ports("window comparator with outputs lo (1 V), hi (4 V)").roles["output"] == ("lo", "hi")
    request = read_request("3-bit binary-weighted DAC; input code 101 as levels on q2..q0; output vo.")
    assert "code" not in request.nodes and request.input == "q2"


def test_a_word_of_grammar_node_names_when_a_clause_end_closes_it():
    request = read_request("An analog switch passing 2 V DC from node si to node to, which drives 47k to ground.")
    assert (request.input, request.output) == ("si", "to")


FUNCTION_GENERATOR = """generator
R1 sq n 10k
C1 n tri 10n
X1 0 n tri opamp
R3 tri p 10k
R4 p sq 20k
X2 p 0 sq comparator
R7 tri out 1k
R8 out 0 1meg
.tran 5u 30m
.end
"""


@pytest.mark.parametrize("text, square, triangle", [
    ("Function generator at 2 kHz; square output at sqw, triangle output at trw.", "sqw", "trw"),
    ("Triangle and square generator, 500 Hz: the triangle-wave output on node ramp and the square-wave output "
     "on node edge.", "edge", "ramp"),
])
def test_each_of_several_outputs_goes_on_the_node_its_word_abbreviates(text, square, triangle):
    request = read_request(text)
    composed = compose(FUNCTION_GENERATOR, request, output="out", source="V1")
    assert composed.renamed.get("sq") == square and composed.renamed.get("tri") == triangle
    assert not any("conflicts" in p or "join" in p for p in composed.problems)


def test_an_output_word_no_node_abbreviates_leaves_the_ports_alone():
    request = read_request("Function generator; headphone output at hpo.")
    composed = compose(FUNCTION_GENERATOR, request, output="out", source="V1")
    assert "sq" not in composed.renamed and "tri" not in composed.renamed


def test_an_input_named_like_an_inner_node_moves_it_aside():
    """'Drive node a' where the family's own inner node is a: the inner node is renamed, the ports are the
    user's, and the answer is measured there."""
    result = generate("Series RLC band-pass, output across the resistor, centre 20 kHz, Q = 4, 4.7 mH inductor. "
                      "Drive node a, output node rb.")
    assert " a 0 " in result.netlist and "vm(rb)" in result.netlist.lower()
    assert not any("join" in c.what for c in result.checks)


@pytest.mark.parametrize("text, inp, out", [
    ("Level shifter: the mic output (node m1) must reach the MCU input (node ain) biased at mid-supply.", "m1", "ain"),
    ("A thermistor sensor gives 0.2 to 0.8 V at th; scale it for the ADC input (node conv).", "th", "conv"),
    ("Pass audio from a preamplifier output (node pa) into a 22k input (22k from nxt to ground) without DC.",
     "pa", "nxt"),
])
def test_a_port_of_a_device_outside_faces_the_circuit_the_other_way(text, inp, out):
    request = read_request(text)
    assert (request.input, request.output) == (inp, out)


@pytest.mark.parametrize("text, out", [
    ("Convert a 0-50 uA sensor current into a voltage at node iv, 0.1 V per uA, with an op-amp.", "iv"),
    ("I need a voltage at vo2 of 2 V for each mA fed in.", "vo2"),
])
def test_the_voltage_a_circuit_makes_is_its_output(text, out):
    assert roles(text)[out] == "output"
    assert roles("The input voltage at vx is 2 V DC.")["vx"] == "input"  # the input's voltage stays the input


def test_a_qualified_list_of_nodes_ends_at_its_and_item():
    assert read_ports("Load cell: bridge nodes lp and ln, then an in-amp of gain 50 to node amp.").roles == \
        {"bridge": ("lp", "ln")}
    assert read_ports("collectors k1, k2 and k3, followed by a mirror").roles == {"collector": ("k1", "k2", "k3")}


def test_a_pin_word_names_the_pin_only_where_its_node_follows():
    assert read_ports("BJT switch: 5 V at the base drive node bd turns on the relay.").roles.get("base") is None
    assert read_ports("JFET follower, gate held at 1 V at node g1, output at the source.").roles["gate"] == ("g1",)
    assert read_ports("one PNP with 1k in the collector (node co), input at ci").roles["collector"] == ("co",)


def test_virtual_ground_names_no_node():
    from spice_lsp.generation.coverage import named_nodes
    from spice_lsp.language.parser import parse
    text = "Keep the sensor node at virtual ground; output at vo."
    assert "virtual" not in read_request(text).nodes
    assert named_nodes(text, read_request(text), parse("t\nR1 vo 0 1k\n.end\n").netlist) == []


@pytest.mark.parametrize("text, inp, out", [
    ("A -6 dB resistive pad from node p to node q, about 5k in all, output unloaded.", "p", "q"),
    ("Op-amp integrator: R1 = 22k from tin to m, C1 = 47 nF from m to tout, non-inverting input grounded. "
     "VT at tin is PULSE(0 1 0 1u 1u 1m 2m).", "tin", None),
])
def test_a_participle_after_a_role_word_names_no_port(text, inp, out):
    request = read_request(text)
    assert (request.input, request.output) == (inp, out)




@pytest.mark.parametrize("description, names", [
    ("Wheatstone bridge of four 1k resistors on 5 V, output nodes outp and outn; operating point.", ("outp", "outn")),
    ("Wheatstone bridge excited by 12 V, 2.2k in every arm, outputs outp and outn. DC operating point.",
     ("outp", "outn")),
])
def test_output_names_the_circuit_already_has_name_those_nodes(description, names):
    """Two output names for a bridge whose amplified output is one node: the names are the bridge's own nodes
    (each the junction of two arms), never moved aside onto a renamed copy."""
    result = generate(description)
    arms = [line.split() for line in result.netlist.splitlines() if line[:1].upper() == "R"]
    for name in names:
        assert sum(name in parts[1:3] for parts in arms) == 2, result.netlist
    assert not any("_1" in part for parts in arms for part in parts[1:3]), result.netlist
