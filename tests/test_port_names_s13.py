"""Node names a request gives a family's inner and secondary nodes, and its supply (ports.py, compose.py): the node the
word "node" names for the supply, outputs said with the pin they are taken at, a capitalised qualifier, an equation
written with a letter x for "times", a source that puts a level on a node, any word "node" names where its phrase
ends, the taps of a ladder, the + input of the one op-amp, and the generator's node behind a source resistor. The
expectations are read off the composed netlist, never pinned lines."""
import pytest

from spice_lsp.generation.compose import compose
from spice_lsp.generation.ports import read_ports, said_nodes
from spice_lsp.generation.request import read_request
from spice_lsp.generation.stated.nodes import spoken_nodes
from spice_lsp.language.parser import parse
from tests.measuring import circuit_lines


def _composed(netlist: str, text: str, output: str = "out", source: str = "V1") -> dict[str, list[str]]:
    """Each element's nodes in the netlist composed for `text` from the family `netlist`."""
    composed = compose(netlist, read_request(text), output=output, source=source)
    return {line.name.upper(): line.nodes for line in circuit_lines(composed.netlist)}


def test_the_supply_node_the_word_node_names_wins_over_a_source_name():
    text = ("Bias an NPN Q1 with a four-resistor divider network from a 9 V supply VCC so its collector current is "
            "about 1 mA. Supply node vcc9.")
    supply = read_ports(text).supply
    assert supply is not None and supply.node == "vcc9" and supply.value == 9


@pytest.mark.parametrize("text, node", [
    ("Drive LED D1 at about 15 mA from a 5 V supply through a series resistor. Supply node p5.", "p5"),
    ("Light the LED D1 with 15 mA from a 5 V supply through one resistor. The supply node is v5a.", "v5a"),
])
def test_a_supply_source_without_a_node_of_its_own_goes_on_the_named_supply_node(text, node):
    lines = _composed("led\nV1 led 0 DC 5\nR1 led out 196\nD1 out 0 dled\n.model dled D\n.op\n.end\n", text)
    assert lines["V1"][0] == node and node in lines["R1"]


def test_the_far_end_from_a_glossed_rail_is_the_output():
    text = "10k fixed resistor from a 3.3 V rail (node r33) to node ntc, thermistor from ntc to ground."
    lines = _composed("d\nV1 vdd 0 DC 3.3\nR1 vdd out 10k\nR2 out 0 10k\n.op\n.end\n", text)
    assert lines["R1"] == ["r33", "ntc"] and lines["R2"][0] == "ntc"


@pytest.mark.parametrize("text", [
    "Bridge outputs sg_p and sg_n feed a difference amplifier with a gain of 200; output sg_out.",
    "bridge outputs sg_p and sg_n feed a difference amplifier with a gain of 200; output sg_out.",
])
def test_a_bridge_qualifier_in_any_case_names_the_bridge_not_the_output(text):
    roles = read_ports(text).roles
    assert roles["bridge"] == ("sg_p", "sg_n") and "sg_p" not in roles.get("output", ())


@pytest.mark.parametrize("text", [
    "Outputs: ps_c at the collector and ps_e at the emitter - equal and opposite.",
    "outputs ps_c on the collector and ps_e on the emitter.",
])
def test_outputs_said_with_the_pin_they_are_taken_at(text):
    roles = read_ports(text).roles
    assert roles["collector"] == ("ps_c",) and roles["emitter"] == ("ps_e",)
    assert set(roles["output"]) == {"ps_c", "ps_e"}


def test_outputs_at_pins_name_the_transistor_pins():
    family = ("ps\nV1 vcc 0 DC 15\nV2 in 0 AC 1\nC1 in b 1u\nR1 vcc b 100k\nR2 b 0 47k\nR3 vcc c 3.3k\nR4 e 0 3.3k\n"
              "Q1 c b e npn\n.model npn NPN\n.ac dec 20 1 1meg\n.end\n")
    lines = _composed(family, "Phase splitter, input ps_in through 1 uF. Outputs: ps_c at the collector and ps_e at "
                              "the emitter.", output="c", source="V2")
    assert lines["Q1"] == ["ps_c", "b", "ps_e"]


@pytest.mark.parametrize("text, output, inputs", [
    ("Inverting summer: out node smo = -(2 x s1 + 0.5 x s2).", "smo", ("s1", "s2")),
    ("Difference stage: vd = 3 x (pa - pb), VA gives 1 V on pa.", "vd", ("pa", "pb")),
    ("Summing amp with vsum = -(0.5 × in1 + 2 × in2); in1 held at 1 V.", "vsum", ("in1", "in2")),
])
def test_an_equation_with_a_letter_x_for_times_names_its_output_and_inputs(text, output, inputs):
    roles = read_ports(text).roles
    assert roles["output"] == (output,) and roles["input"] == inputs


def test_a_source_that_puts_a_level_on_a_node_drives_an_input():
    said = {s.node: s.role for s in said_nodes("VS1 puts 0.6 V on s1, VS2 puts -1.2 V on s2.")}
    assert said == {"s1": "input", "s2": "input"}
    # (what the circuit gives at a node stays its output)
    assert {s.node: s.role for s in said_nodes("Full scale gives -7 V at aout.")}["aout"] == "output"


@pytest.mark.parametrize("text, node", [
    ("Remember the peak of a 2 V sine (source VSW on node sin_in) on node held - no diode drop.", "held"),
    ("Keep the top of a sine on node kept, please.", "kept"),
])
def test_any_word_node_names_where_its_phrase_ends_is_a_node(text, node):
    assert node in {s.node for s in said_nodes(text)}


def test_a_noun_heading_its_own_list_is_no_item_of_the_list_before():
    roles = read_ports("Input node a0, taps a1, a2 and a3, output a4.").roles
    assert roles["tap"] == ("a1", "a2", "a3") and "taps" not in roles.get("input", ())


def test_taps_name_the_inner_nodes_of_a_ladder_in_order():
    family = ("l\nV1 in 0 AC 1\nR1 in n1 4.7k\nC1 n1 0 3.3n\nR2 n1 n2 4.7k\nC2 n2 0 3.3n\nR3 n2 out 4.7k\n"
              "C3 out 0 3.3n\n.ac dec 20 1 1meg\n.end\n")
    lines = _composed(family, "Three RC low-pass sections cascaded with no buffers. Source node r0, taps r1 and r2, "
                              "output r3.")
    assert [lines[f"R{k}"] for k in (1, 2, 3)] == [["r0", "r1"], ["r1", "r2"], ["r2", "r3"]]


def test_the_plus_input_of_the_one_op_amp_takes_its_name():
    family = ("w\nR1 out a 15k\nC1 a p 6.8n\nR2 p 0 15k\nC2 p 0 6.8n\nR3 inn 0 10k\nR4 inn out 22k\n"
              "X1 p inn out opamp\n.tran 10u 20m\n.end\n")
    lines = _composed(family, "Wien-bridge oscillator with 15k and 6.8 nF. Output wb_out, non-inverting input node "
                              "wb_p.", source="R1")
    assert lines["X1"][:3] == ["wb_p", "inn", "wb_out"]


def test_the_generator_node_is_the_source_side_of_the_source_resistor():
    family = ("pi\nV1 in 0 AC 1\nR1 in n0 50\nC1 n0 0 424p\nL2 n0 out 2.1u\nC3 out 0 424p\nR2 out 0 50\n"
              ".ac dec 20 1 1g\n.end\n")
    lines = _composed(family, "The generator VG (AC 1) sits behind a 50 ohm source resistor: generator node gen, "
                              "filter input fin, filter output fout loaded by 50 ohm.")
    assert lines["R1"] == ["gen", "fin"] and lines["C1"][0] == "fin" and "fout" in lines["L2"]


def test_a_word_naming_another_node_is_no_item_of_a_list():
    roles = read_ports("Input a1, middle node mid, output b1; output po, feedback tap node fbk.").roles
    assert "middle" not in roles.get("input", ()) and "feedback" not in roles.get("output", ())


def test_the_middle_node_of_a_two_section_chain_takes_its_name():
    family = "l\nV1 in 0 AC 1\nR1 in n1 10k\nC1 n1 0 15n\nR2 n1 out 10k\nC2 out 0 15n\n.ac dec 20 1 1meg\n.end\n"
    lines = _composed(family, "Two RC low-pass sections cascaded, 10k and 15 nF each; input a1, middle node mid, "
                              "output b1.")
    assert lines["R1"] == ["a1", "mid"] and lines["R2"] == ["mid", "b1"]


@pytest.mark.parametrize("text, name", [
    ("Non-inverting amplifier with a gain of 11: input nin, output po, feedback tap node fbk.", "fbk"),
    ("Inverting amplifier, gain -10: input ai, output ao, summing node sj.", "sj"),
])
def test_a_summing_or_feedback_node_is_the_one_op_amps_inverting_input(text, name):
    family = "a\nV1 in 0 AC 1\nR1 inn 0 10k\nR2 inn out 100k\nX1 in inn out opamp\n.ac dec 20 1 1meg\n.end\n"
    assert _composed(family, text)["X1"][1] == name


def test_a_summing_node_is_never_a_summers_second_input():
    family = ("s\nV1 in1 0 DC 1\nV2 in2 0 DC 1\nR1 in1 n 10k\nR2 in2 n 10k\nR3 n out 10k\nX1 0 n out opamp\n"
              ".op\n.end\n")
    lines = _composed(family, "Summing amplifier of two inputs, summing node sx, output so.")
    assert lines["V2"][0] == "in2" and lines["X1"][1] == "sx"


def test_a_pin_qualified_output_names_that_pin():
    family = ("ps\nV1 vcc 0 DC 12\nV2 in 0 AC 1\nC1 in b 1u\nR1 vcc b 82k\nR2 b 0 39k\nR3 vcc c 2.2k\nR4 e 0 2.2k\n"
              "Q1 c b e npn\n.model npn NPN\n.ac dec 20 1 1meg\n.end\n")
    lines = _composed(family, "Phase splitter: input pin_a, collector output node pc, emitter output node pe.",
                      output="c", source="V2")
    assert lines["Q1"] == ["pc", "b", "pe"]


def test_collectors_of_a_pair_built_with_mosfets_name_its_drains():
    family = ("d\nV1 vdd 0 DC 12\nV2 ia 0 DC 2\nV3 ib 0 DC 2\nR1 vdd d1 10k\nR2 vdd d2 10k\nM1 d1 ia tail 0 nch\n"
              "M2 d2 ib tail 0 nch\nI1 tail 0 DC 200u\n.model nch NMOS\n.op\n.end\n")
    lines = _composed(family, "Differential pair: inputs ia and ib, collectors ca and cb, tail node tl.",
                      output="d2", source="V2")
    assert [lines["M1"][0], lines["M2"][0]] == ["ca", "cb"] and lines["I1"][0] == "tl"


def test_a_node_said_by_the_familys_own_word_is_named_before_free_ports():
    family = ("b\nV1 in 0 DC 12\nS1 in sw gate 0 swm\nD1 0 sw dd\nL1 sw out 100u\nC1 out 0 100u\nR1 out 0 10\n"
              "V2 gate 0 PULSE(0 5 0 10n 10n 5u 10u)\n.model swm SW\n.model dd D\n.tran 1u 1m\n.end\n")
    lines = _composed(family, "Buck converter from 12 V to 5 V at node v5, switch node sw1.")
    assert lines["L1"][0] == "sw1" and lines["V1"][0] != "sw1"


def test_a_buffer_output_is_an_inner_stage_where_a_final_output_is_said():
    text = "A high-pass, a unity-gain op-amp buffer, then a low-pass. Input tel_in, buffer output tel_mid, final " \
           "output tel_out."
    roles = read_ports(text).roles
    assert roles["output"] == ("tel_out",) and roles["stage"] == ("tel_mid",)
    family = ("f\nV1 in 0 AC 1\nC1 in a 10n\nR1 a 0 53k\nX1 a s1 s1 opamp\nR2 s1 b 4.7k\nC2 b 0 10n\n"
              "X2 b out out opamp\n.ac dec 20 1 1meg\n.end\n")
    lines = _composed(family, text)
    assert lines["X1"][2] == "tel_mid" and lines["X2"][2] == "tel_out"


def test_a_buffer_output_alone_is_the_circuits_output():
    assert "stage" not in read_ports("A voltage follower: input bi, buffer output bo.").roles


def test_a_node_said_by_its_place_then_named_is_checked():
    netlist = parse("hp\nV1 hpi 0 AC 1\nC1 hpi a 10n\nC2 a b 10n\nR1 a hpo 10k\nR2 b 0 10k\nE1 hpo 0 b hpo 1e5\n"
                    ".end\n").netlist
    items = spoken_nodes("Sallen-Key high-pass: input hpi, output hpo, the node between the two capacitors is ca.",
                         netlist)
    assert [item.what.split()[1] for item in items] == ["ca"]


def test_the_rail_said_to_be_a_node_is_the_supply_node():
    supply = read_ports("Common-emitter amplifier from a 12 V rail; the rail is node vr12, input cin.").supply
    assert supply is not None and supply.node == "vr12"


def test_a_second_output_names_the_complement_of_the_familys_output():
    family = ("l\nV1 s 0 PULSE(0 1 5n 1n 1n 3n 40n)\nV2 r 0 PULSE(0 1 25n 1n 1n 3n 40n)\nR1 q 0 1k\nR2 qb 0 1k\n"
              "B1 q 0 V={v(r)}\nB2 qb 0 V={v(s)}\n.tran 1n 40n\n.end\n")
    lines = _composed(family, "SR latch: inputs s_in and r_in, outputs q and qbar.", output="q")
    assert lines["R1"][0] == "q" and lines["R2"][0] == "qbar"


def test_a_feedback_node_is_the_input_the_output_feeds_back_to():
    family = ("st\nV1 in 0 SIN(0 1 1k)\nR1 out p 100k\nR2 p 0 10k\nX1 p in out opamp\n.tran 1u 2m\n.end\n")
    assert _composed(family, "Schmitt trigger: input si, output so2, feedback node fbn.")["X1"][0] == "fbn"


@pytest.mark.parametrize("text, pins", [
    ("Input ps0 through 1 uF, inverted output on node inv, in-phase output on node nin.", ("inv", "nin")),
    ("Input ps0, the anti-phase output at node ap and the non-inverted output at node np.", ("ap", "np")),
])
def test_an_output_said_by_its_phase_is_taken_at_the_collector_or_the_emitter(text, pins):
    family = ("ps\nV1 vcc 0 DC 15\nV2 in 0 AC 1\nC1 in b 1u\nR1 vcc b 100k\nR2 b 0 47k\nR3 vcc c 3.3k\nR4 e 0 3.3k\n"
              "Q1 c b e npn\n.model npn NPN\n.ac dec 20 1 1meg\n.end\n")
    lines = _composed(family, text, output="c", source="V2")
    assert (lines["Q1"][0], lines["Q1"][2]) == pins


def test_outputs_said_by_their_capital_letters_name_those_nodes():
    roles = read_ports("D flip-flop: data input dd, Q output qo and Q-bar output qbo.").roles
    assert roles["q output"] == ("qo",) and roles["q-bar output"] == ("qbo",)
    family = ("ff\nV1 d 0 PULSE(0 1 5n 1n 1n 10n 20n)\nR1 q 0 1k\nR2 qb 0 1k\nB1 q 0 V={v(d)}\nB2 qb 0 V={1-v(d)}\n"
              ".tran 1n 40n\n.end\n")
    lines = _composed(family, "D flip-flop: data input dd, Q output qo and Q-bar output qbo.", output="q")
    assert lines["R1"][0] == "qo" and lines["R2"][0] == "qbo"


def test_a_node_said_by_the_role_the_family_declares_takes_its_name():
    family = ("d\nV1 in 0 SIN(0 10 1k)\nC1 in a 10u\nD1 0 a dd\nD2 a out dd\nC2 out 0 10u\nR1 out 0 10k\n"
              ".model dd D\n.tran 10u 20m\n.end\n")
    composed = compose(family, read_request("Voltage doubler from a 10 V sine at node ac0: pump node pm, output "
                                            "node dbl."), output="out", source="V1", ports=(("pump", ("a",)),))
    lines = {line.name: line.nodes for line in circuit_lines(composed.netlist)}
    assert lines["D1"] == ["0", "pm"] and lines["D2"] == ["pm", "dbl"]


def test_a_node_said_by_the_two_parts_it_joins_takes_its_name():
    family = ("sk\nV1 in 0 AC 1\nR1 in a 5.6k\nR2 a b 5.6k\nC1 a out 20n\nC2 b 0 10n\nX1 b out out opamp\n"
              ".ac dec 20 1 1meg\n.end\n")
    lines = _composed(family, "Sallen-Key low-pass: input node ski, output node sko, the node between the two "
                              "resistors is skm.")
    assert lines["R1"] == ["ski", "skm"] and lines["R2"][0] == "skm"
    # (what the node is, not its name)
    lines = _composed(family, "Sallen-Key low-pass: input node ski, output node sko; the node between the two "
                              "resistors is biased.")
    assert lines["R1"] == ["ski", "a"]


def test_the_node_between_the_stages_is_the_chains_inner_node():
    family = "h\nV1 in 0 AC 1\nC1 in n1 42n\nR1 n1 0 10k\nC2 n1 out 42n\nR2 out 0 10k\n.ac dec 20 1 1meg\n.end\n"
    lines = _composed(family, "Two-stage RC high-pass: input hp_a, the node between the stages is hp_b, output hp_c.")
    assert lines["C1"] == ["hp_a", "hp_b"] and lines["C2"] == ["hp_b", "hp_c"]


def test_an_input_node_said_with_is_names_that_side():
    assert read_ports("Op-amp integrator: input ig_i, output ig_o; the inverting input node is ig_n.").roles[
        "minus input"] == ("ig_n",)


def test_an_input_resistor_is_no_source_resistance_the_request_did_not_state():
    family = "a\nV1 in 0 AC 1\nR1 in inn 10k\nR2 inn out 100k\nX1 0 inn out opamp\n.ac dec 20 1 1meg\n.end\n"
    lines = _composed(family, "Inverting amplifier, gain -10: signal source node sg, amplifier input ai, output ao.")
    assert lines["X1"][1] != "ai" and lines["R1"][0] == "ai"
