"""Node names a request gives a port in a list with asides, in a role sentence, or by what the node does (session 12,
lane N): every name keeps the role its words give it, and the composer puts it on the family's port of that role."""
import pytest

from spice_lsp.generation.compose import compose
from spice_lsp.generation.ports import read_ports, said_nodes
from spice_lsp.generation.request import read_request
from spice_lsp.generation.stated.nodes import aside_sources
from spice_lsp.language.parser import parse


@pytest.mark.parametrize("text, role, names", [
    ("Inputs nd_a (source VNA) and nd_b (source VNB, held at 0 V), output nd_y.", "input", ("nd_a", "nd_b")),
    ("inputs ka (from source VKA) and kb (VKB, tied to 0 V), output ky", "input", ("ka", "kb")),
    ("outputs fl1 (1 V threshold), fl2 (2 V), fl3 (3 V)", "output", ("fl1", "fl2", "fl3")),
    ("outputs at the collectors lt_c1 (under lt_p) and lt_c2", "collector", ("lt_c1", "lt_c2")),
])
def test_every_item_of_a_list_with_asides_is_a_port(text, role, names):
    assert read_ports(text).roles[role] == names


def test_an_aside_naming_a_pin_places_the_item_on_that_pin():
    roles = read_ports("input ps_in, outputs ps_c (collector, inverted) and ps_e (emitter, in phase).").roles
    assert (roles["collector"], roles["emitter"], roles["output"]) == (("ps_c",), ("ps_e",), ("ps_c", "ps_e"))


@pytest.mark.parametrize("text, names", [
    ("bits are 0 V or 5 V sources on nodes d3 (MSB), d2, d1, d0 (LSB).", ("d3", "d2", "d1", "d0")),
    ("The bit sources sit on nodes q0 (LSB), q1, q2 and q3 (MSB), 0 V or 5 V each.", ("q3", "q2", "q1", "q0")),
    ("input resistors 20k (MSB, node bw2), 40k (bw1), 80k (LSB, bw0)", ("bw2", "bw1", "bw0")),
    ("input resistors 80k (LSB, node w0), 40k (node w1), 20k (MSB, node w2)", ("w2", "w1", "w0")),
])
def test_bits_are_inputs_most_significant_first(text, names):
    assert read_ports(text).roles["input"] == names


def test_a_source_named_in_an_aside_is_that_ports_source():
    assert read_ports("Inputs nd_a (source VNA) and nd_b (VNB at 0 V).").sources == {"VNA": "nd_a", "VNB": "nd_b"}
    assert read_ports("Input node vm_in (source VMI), output vm_out.").sources == {"VMI": "vm_in"}
    assert read_ports("Input pins: ga (from source VGA) and gb (VGB at 3.3 V)").sources == {"VGA": "ga", "VGB": "gb"}
    assert read_ports("a 1 V sine (10 mV) on node s").sources == {}  # no designator in the aside


@pytest.mark.parametrize("text, inp, out", [
    ("Node ia is the input, oa the output.", "ia", "oa"),
    ("Node u1 is the input and u2 the output.", "u1", "u2"),
    ("kk_o is the output, kk_i the input.", "kk_i", "kk_o"),
])
def test_a_role_sentence_with_its_verb_left_out_names_both_ports(text, inp, out):
    roles = read_ports(text).roles
    assert (roles["input"], roles["output"]) == ((inp,), (out,))


def test_the_nodes_a_role_sentence_says_by_what_they_are():
    text = "Outputs are the two bridge midpoints sg_p and sg_n; I want the differential output."
    assert read_ports(text).roles["output"] == ("sg_p", "sg_n")


def test_a_later_word_its_own_phrase_goes_on_from_is_no_listed_name():
    text = "gain set by a resistor between the two input buffers, unity-gain difference stage). Inputs ina_p and ina_n"
    assert read_ports(text).roles["input"] == ("ina_p", "ina_n")
    assert "reference" not in read_ports("Inputs a1 and a2, output y1, reference at ground.").roles.get("output", ())


def test_two_ports_told_apart_by_what_they_carry_in_one_phrase():
    roles = read_ports("with sine and cosine outputs on nodes qd_sin and qd_cos.").roles
    assert (roles["sine output"], roles["cosine output"]) == (("qd_sin",), ("qd_cos",))


@pytest.mark.parametrize("text, node, role", [
    ("node lb_flag goes high when the battery falls below 11.5 V", "lb_flag", "output"),
    ("Output rail br_out; the negative rail is ground.", "br_out", "output"),
    ("Drive point bpin, take the output at bpout.", "bpin", "input"),
    ("a 15 V input (node vin15)", "vin15", "input"),
])
def test_the_role_a_nodes_own_words_give_it(text, node, role):
    assert {s.node: s.role for s in said_nodes(text)}[node] == role


def test_a_name_in_parentheses_after_node_is_named():
    assert "steady" in {s.node for s in said_nodes("I'd like a node (steady) that stays at 5.6 V.")}


def test_another_devices_input_by_its_possessive_is_no_input_here():
    assert "input" not in read_ports("my ADC's input (node adcin) wants it near 1.65 V").roles
    assert read_ports("from a 15 V input (node vin15)").roles["input"] == ("vin15",)


def test_compose_puts_an_aside_source_on_its_port_and_names_the_sweep_by_it():
    family = ("gate\nV1 vdd 0 DC 3.3\nV2 a 0 DC 0\nV3 b 0 DC 0\nM1 y a vdd vdd pch\nM2 y b vdd vdd pch\n"
              "M3 y a m 0 nch\nM4 m b 0 0 nch\n.dc V2 0 3.3 0.01\n.end\n")
    request = read_request("CMOS NAND on 3.3 V: inputs nd_a (source VNA) and nd_b (source VNB, held at 0 V), "
                           "output nd_y. Sweep VNA from 0 to 3.3 V.")
    text = compose(family, request, output="y", source="V2", ports=(("input", ("a", "b")),)).netlist
    rows = {row.split()[0]: row.split()[1:] for row in text.splitlines()[1:] if row[:1].isalpha()}
    assert rows["VNA"][0] == "nd_a" and rows["VNB"][0] == "nd_b"
    assert ".dc VNA 0 3.3" in text


def test_a_dc_level_in_an_inputs_aside_is_its_level():
    levels = read_ports("Inputs dm_p (non-inverting side, 1.2 V DC) and dm_n (inverting side, 1.0 V DC); "
                        "output dm_o.").levels
    assert [(level.node, level.value) for level in levels] == [("dm_p", 1.2), ("dm_n", 1.0)]
    # a waveform's figure, a threshold or a named source's level is no DC level of the port
    assert read_ports("inputs sa (1 V peak sine) and sb (VSB at 2 V)").levels == []


def _rows(text: str) -> dict[str, list[str]]:
    return {row.split()[0]: row.split()[1:] for row in text.splitlines()[1:] if row[:1].isalpha()}


def test_a_port_named_like_a_source_keeps_the_source_name_the_request_gives():
    family = "inv\nV1 vdd 0 DC 3\nV2 in 0 DC 0\nM1 out in vdd vdd pch\nM2 out in 0 0 nch\n.dc V2 0 3 0.01\n.end\n"
    request = read_request("CMOS inverter on 3 V. Input node vm_in (source VMI), output vm_out.")
    text = compose(family, request, output="out", source="V2").netlist
    assert _rows(text)["VMI"][0] == "vm_in" and ".dc VMI" in text


def test_a_source_an_aside_names_must_be_in_the_answer_on_that_node():
    text = "Inputs nd_a (source VNA) and nd_b (VNB, held at 0 V), output nd_y."
    right = parse("t\nVNA nd_a 0 0\nVNB nd_b 0 0\nR1 nd_a nd_y 1k\nR2 nd_b nd_y 1k\n.end\n").netlist
    wrong = parse("t\nVNA nd_b 0 0\nV2 nd_a 0 0\nR1 nd_a nd_y 1k\nR2 nd_b nd_y 1k\n.end\n").netlist
    assert aside_sources(text, right) == []
    assert [item.what.split()[1] for item in aside_sources(text, wrong)] == ["VNA", "VNB"]


@pytest.mark.parametrize("text, role, names", [
    ("Inputs: a_in (VA, 1 V) and b_in (VB, 2 V). Output: y_o.", "input", ("a_in", "b_in")),
    ("Bits b3 (MSB) through b0 (LSB) are driven by 0/5 V sources.", "input", ("b3", "b2", "b1", "b0")),
    ("bits d0 (LSB) to d3 (MSB), each 0 or 5 V", "input", ("d3", "d2", "d1", "d0")),
    ("The bridge's two output nodes are bx and bz.", "output", ("bx", "bz")),
])
def test_more_ways_to_list_a_roles_nodes(text, role, names):
    assert read_ports(text).roles[role] == names


@pytest.mark.parametrize("text, roles", [
    ("Input goes to pa; output comes from pb.", {"pa": "input", "pb": "output"}),
    ("Feed it at fa and read it at fb.", {"fb": "output"}),
])
def test_a_ports_way_or_its_reading_gives_its_role(text, roles):
    said = {s.node: s.role for s in said_nodes(text)}
    assert {node: said.get(node) for node in roles} == roles
    assert said_nodes("Square wave from 0 to 5 V goes to the gate.") == []  # no name after the way


@pytest.mark.parametrize("text, plus, minus", [
    ("Difference amplifier, gain 2: non-inverting input node dp, inverting input node dn, output node dout.", "dp",
     "dn"),
    ("Instrumentation amplifier, gain 100: the plus input is ia_p, the minus input ia_m, the output ia_o.", "ia_p",
     "ia_m"),
])
def test_a_differential_inputs_sides_are_read_and_placed_plus_then_minus(text, plus, minus):
    roles = read_ports(text).roles
    assert (roles["plus input"], roles["minus input"]) == ((plus,), (minus,))
    family = "diff\nV1 in 0 DC 0 AC 1\nV2 ref 0 DC 0\nR1 ref n 10k\nR2 n out 20k\nR3 in p 10k\nR4 p 0 20k\n.end\n"
    rows = _rows(compose(family, read_request(text), output="out", source="V1").netlist)
    assert (rows["V1"][0], rows["V2"][0]) == (plus, minus)


def test_a_bridges_midpoints_are_its_bridge_ports():
    assert read_ports("5 V excitation on node exc; the midpoints are nodes m1 and m2.").roles["bridge"] == ("m1", "m2")


def test_a_pairs_ports_follow_the_inputs_their_asides_name():
    text = "Inputs lt_p and lt_n (the bases); outputs at the collectors lt_c2 (under lt_p) and lt_c1."
    assert read_ports(text).roles["collector"] == ("lt_c2", "lt_c1")
    text = "Inputs lt_p and lt_n (the bases); outputs at the collectors lt_c1 and lt_c2 (under lt_p)."
    assert read_ports(text).roles["collector"] == ("lt_c2", "lt_c1")


def test_comparator_outputs_each_with_its_level_are_lowest_first():
    text = "three comparators with outputs fl3 (3 V threshold), fl2 (2 V) and fl1 (1 V)."
    assert read_ports(text).roles["output"] == ("fl1", "fl2", "fl3")


def test_a_level_in_or_out_with_its_node_in_parentheses_names_that_port():
    roles = read_ports("Buck converter, 12 V in (node bk_in) to 5 V out (node bk_out), 100 kHz.").roles
    assert (roles["input"], roles["output"]) == (("bk_in",), ("bk_out",))


def test_a_pin_said_twice_keeps_both_names():
    text = "the input transistor's base node cb1, the cascode transistor's base node cb2, output collector node cco."
    assert read_ports(text).roles["base"] == ("cb1", "cb2")


def test_a_family_node_named_short_for_the_word_before_node_takes_the_name():
    family = "buck\nV1 in 0 DC 12\nS1 in sw gate 0 swm\nD1 0 sw dd\nL1 sw out 100u\nC1 out 0 10u\n.end\n"
    request = read_request("Buck converter, 12 V in (node bi) to 5 V out (node bo); switch node bk_sw.")
    rows = _rows(compose(family, request, output="out", source="V1").netlist)
    assert rows["L1"][0] == "bk_sw"


def test_a_way_from_one_node_through_the_circuit_to_another_is_input_to_output():
    said = {s.node: s.role for s in said_nodes("A 20 dB T attenuator: from at_i through the T to at_o.")}
    assert (said["at_i"], said["at_o"]) == ("input", "output")


def test_a_port_named_by_its_roles_list_keeps_that_name():
    family = "ina\nV1 in 0 DC 0 AC 1\nV2 ref 0 DC 0\nR1 in n 10k\nR2 ref n 10k\nR3 n out 10k\n.end\n"
    request = read_request("Instrumentation amplifier, gain 37 (gain set by one resistor between the two input "
                           "buffers, unity-gain difference stage). Inputs ina_p and ina_n, output ina_out.")
    rows = _rows(compose(family, request, output="out", source="V1").netlist)
    assert (rows["V1"][0], rows["V2"][0]) == ("ina_p", "ina_n")


def test_of_two_role_less_names_the_one_a_source_holds_is_the_input():
    family = "shunt\nV1 in 0 DC 14\nR1 in out 845\nD1 0 out dz\n.model dz D (bv=5.6)\n.dc V1 9 14 0.1\n.end\n"
    request = read_request("My supply wanders from 9 to 14 V. I'd like a node (steady) that stays at 5.6 V, from a "
                           "zener and a resistor; the wandering supply is VWAND on node wand.")
    rows = _rows(compose(family, request, output="out", source="V1").netlist)
    assert rows["VWAND"][:1] == ["wand"] and rows["D1"][1] == "steady"


def test_a_supply_said_on_a_node_is_the_familys_plain_input_there():
    family = "div\nV1 in 0 DC 12\nR1 in out 7.32k\nR2 out 0 2.67k\n.op\n.end\n"
    request = read_request("Voltage divider from 12 V (node v12) giving 3.3 V at node tap33, 10k total.")
    composed = compose(family, request, output="out", source="V1")
    assert _rows(composed.netlist)["V1"][0] == "v12" and not composed.problems


@pytest.mark.parametrize("text", ["a 10k and a 22k divider off 5v, out is the middle. just the op point pls",
                                  "Divider, 10k over 10k from 5 V, output out. Operating point please"])
def test_an_analysis_point_and_a_courtesy_name_no_node(text):
    from spice_lsp.generation.request import read_request
    assert not {"pls", "please"} & set(read_request(text).nodes)
