"""The user's node names and source levels on a family's ports (ports.py read, compose.py placed)."""
import pytest

from spice_lsp.generation.compose import compose, element_line
from spice_lsp.generation.pipeline import generate
from spice_lsp.generation.ports import read_ports, said_nodes
from spice_lsp.generation.request import read_request


def test_ports_by_role_word_and_position():
    said = read_ports("A pair with emitters ea and eb; drains dx and dy; the stage outputs k2 to k4, gated by en.")
    assert said.roles == {"emitter": ("ea", "eb"), "drain": ("dx", "dy"), "stage": ("k2", "k3", "k4"),
                          "control": ("en",)}


def test_inputs_from_an_equation_keep_its_order():
    assert read_ports("vout = 7 (v(hi) - v(lo))").roles["input"] == ("hi", "lo")
    assert read_ports("out = -(v(u) + 3 v(w))").roles["input"] == ("u", "w")


def test_levels_on_named_ports():
    said = read_ports("out = 2 (v(x) - v(y)); x rests at 0.8 V DC and y at 650 mV DC; apply 3 V on z")
    assert {(level.node, level.value) for level in said.levels} == {("x", 0.8), ("y", 0.65), ("z", 3.0)}
    said = read_ports("inputs ip = 2.505 V and im = 2.5 V, output out")
    assert [(level.node, level.value) for level in said.levels] == [("ip", 2.505), ("im", 2.5)]
    said = read_ports("bases qa and qb at 0 V DC")
    assert [(level.node, level.value) for level in said.levels] == [("qa", 0.0), ("qb", 0.0)]


def test_an_output_level_is_no_source():
    """'a steady 5 V at out' is what the circuit must give, not a source holding out there."""
    assert read_ports("Give a steady 5 V at out from the 9 V line.").levels == []


def test_supply_is_read_only_from_supply_words():
    assert read_ports("NOR gate on 2.5 V, output out").supply.value == 2.5
    assert read_ports("a shunt regulator fed from a 24 V supply").supply.value == 24
    assert read_ports("runs off a 6 V battery").supply.value == 6
    for text in ("a ramp from 0 V to 5 V", "a bridge from a 10 V excitation", "with 2 V on p and 1 V on m",
                 "a -15 V negative rail"):
        assert read_ports(text).supply is None, text


def test_a_level_on_an_input_never_becomes_the_supply():
    """The request reader puts each stated port level on its own node; none is a supply."""
    request = read_request("Difference amplifier, out = 4 (v(s) - v(t)); s sits at 2.6 V DC and t at 2.4 V DC.")
    assert {(s.node, s.dc, s.supply) for s in request.sources} == {("s", 2.6, False), ("t", 2.4, False)}
    assert {"s", "t"} <= set(request.nodes)


DIFFERENCE = """difference amplifier
V1 in 0 DC 0 AC 1
V2 ref 0 DC 0
R1 ref n 10k
R2 n out 10k
R3 in p 10k
R4 p 0 10k
X1 p n out opamp
.op
.end
"""


def test_user_names_that_are_inner_nodes_move_those_aside():
    """The user's inputs n and p, where the family's op-amp inputs are n and p: they stay two nodes each."""
    composed = compose(DIFFERENCE, read_request("out = (v(n) - v(p)); n sits at 3 V DC and p at 1 V DC"))
    lines = [line for row in composed.netlist.split("\n")[1:] if (line := element_line(row))]
    assert all(len(set(line.nodes)) == len(line.nodes) for line in lines), composed.netlist
    assert "V1 n 0 DC 3 AC 1" in composed.netlist and "V2 p 0 DC 1" in composed.netlist, composed.netlist
    assert composed.problems == []


def test_supply_sets_the_parameter_its_rail_reads():
    family = "gate\n.param vdd=1.8\nV1 vdd 0 DC {vdd}\nV2 a 0 PULSE(0 {vdd} 0 1n 1n 5n 10n)\nR1 a out 1k\n.op\n.end\n"
    composed = compose(family, read_request("a gate on 3 V, output out"))
    assert ".param vdd=3" in composed.netlist and composed.placed == [3.0], composed.netlist


def test_a_regulator_input_is_its_supply():
    family = "regulator\nV1 in 0 DC 12\nR1 in out 470\nR2 out 0 1k\n.op\n.end\n"
    assert "V1 in 0 DC 20" in compose(family, read_request("a regulator from a 20 V supply")).netlist


def test_named_ports_generate_verified():
    """End to end, in ngspice: the names and levels are on the ports and the circuit still does its job."""
    result = generate("Op-amp subtractor with gain 3: out = 3 (v(u) - v(w)); u is held at 1.5 V DC and w at "
                      "1.2 V DC. Operating point.")
    assert result.verified, [(c.what, c.detail) for c in result.checks if c.status != "pass"]
    assert "V1 u 0 DC 1.5" in result.netlist and "V2 w 0 DC 1.2" in result.netlist
    ring = generate("Three-stage CMOS ring oscillator on 2.5 V, stage outputs r1 to r3. Transient 100 ns.")
    assert ring.verified and ".param vdd=2.5" in ring.netlist
    assert all(f"M{k} r" in ring.netlist for k in (1, 3, 5)), ring.netlist
    pair = generate("BJT differential pair with 3k collector resistors to a 10 V supply; collectors qa and qb, "
                    "both bases grounded. Operating point.")
    assert " qa " in pair.netlist and " qb " in pair.netlist, pair.netlist


def test_words_after_a_role_that_name_nothing():
    assert read_ports("the resistor from the output back to the minus input is 33k").roles == {}
    assert read_ports("its drain held at 5 V by VD, the gate g").roles == {"gate": ("g",)}


def test_a_level_on_a_node_an_e_source_follows_makes_it_independent():
    """'bases ba and bb at 0 V DC': bb, which the pair drove in anti-phase through E1, is held by its own source."""
    family = ("pair\nV1 vcc 0 DC 12\nV3 inp 0 DC 0 AC 1\nE1 inn 0 inp 0 -1\nR1 vcc c1 5k\nR2 vcc c2 5k\n"
              "Q1 c1 inp t npn\nQ2 c2 inn t npn\nI1 t 0 DC 1m\n.op\n.end\n")
    composed = compose(family, read_request("a pair, bases ba and bb at 0 V DC, AC 1 on ba only"), source="V3")
    assert "V3 ba 0 DC 0 AC 1" in composed.netlist and "V2 bb 0 DC 0" in composed.netlist, composed.netlist
    assert "E1" not in composed.netlist


def test_a_node_an_ammeter_doubles_is_not_named():
    """The collector behind a 0 V ammeter has two names; which one 'the collector k' means is unclear: not renamed."""
    family = "sink\nV1 vcc 0 DC 15\nR3 vcc load 2k\nV9 load out DC 0\nQ1 out b 0 npn\nV2 b 0 DC 0.8\n.op\n.end\n"
    composed = compose(family, read_request("a sink whose collector k carries 1 mA"))
    assert " k " not in composed.netlist and composed.problems, composed.netlist


def test_a_gate_on_a_stated_supply_with_a_held_input():
    result = generate("Two-input CMOS NAND gate on 3 V: input a tied high, input b a 0/3 V pulse (2 us delay, "
                      "10 ns edges, 2 us high, 4 us period), output out. Transient 8 us.")
    assert result.verified, [(c.what, c.detail) for c in result.checks if c.status != "pass"]
    assert ".param vdd=3" in result.netlist and "V2 a 0 DC 3" in result.netlist.split("\n"), result.netlist
    assert any(line.startswith("V3 b 0 PULSE(0 3 2e-06") for line in result.netlist.split("\n")), result.netlist


def test_a_weight_on_a_node_voltage_is_no_rail():
    """'-(3 v(x) + v(y))': the 3 weighs v(x) (R1 = RF/3); it is no 3 V supply for the op-amp's rails."""
    result = generate("Op-amp summer: vout = -(3 v(x) + v(y)) with x at 0.2 V DC and y at 0.5 V DC. Operating point.")
    rows = result.netlist.split("\n")
    assert ".param vdd=12" in rows and "R1 x n 3.333k" in rows and "V1 x 0 DC 0.2 AC 1" in rows, result.netlist


def test_port_lists_written_as_specification_lines():
    """'Input node name: a, b.' lines, in any case, name the inputs and outputs in the order written."""
    said = read_ports("A stage.\n\nINPUT PIN NAMES: Sa, Sb and Sc.\nOutput node name: Q1, Q2.\n")
    assert said.roles["input"] == ("sa", "sb", "sc") and said.roles["output"] == ("q1", "q2")
    assert "input" not in read_ports("Input node name: -.\nOutput node name: Vz.").roles


def test_each_named_input_source_carries_its_ports_name():
    """A second input named on a specification line drives the circuit from a source of the same name, so a
    check reading i(vm) or a transfer function from vm finds it."""
    result = generate("A differential pair with resistor loads and a tail current source.\n\n"
                      "Input node name: Vp, Vm.\nOutput node name: Vo.\nAssume VDD = 3.3 V.")
    sources = {line.split()[0].lower(): line.split()[1] for line in result.netlist.splitlines()
               if line[:1] in "Vv" and len(line.split()) > 2}
    assert sources.get("vp") == "vp" and sources.get("vm") == "vm"


def test_a_common_gate_stage_without_a_coupling_capacitor_is_dc_coupled():
    """Unless a coupling capacitor or source resistor is stated, the signal drives the source terminal itself:
    the answer's gain holds at DC too (an AC-coupled input would read 0 in a DC transfer function)."""
    result = generate("Common-gate NMOS amplifier with a drain resistor, gate held by a bias source at gb.\n"
                      "Input node name: Sin, Gb.\nOutput node name: Dout.\nAssume Vdd = 3.3 V.")
    assert result.verified, result.checks
    mos = next(line.split() for line in result.netlist.splitlines()[1:] if line[:1] in "Mm")
    assert mos[2:4] == ["gb", "sin"]
    assert not any(line[:1] in "Cc" for line in result.netlist.splitlines()[1:])  # (the first is the title)


def test_an_op_amp_with_both_inputs_named_is_benched_open_loop():
    """Each named input of a transistor op-amp has its own source (no feedback network feeds the inverting
    one), its bias node and its second output take the further names, and the open-loop gain is measured."""
    result = generate("Two-stage Miller op-amp in CMOS.\nInput node names: ip, im, bn.\nOutput node names: oa, ob.\n"
                      "Supply 3.3 V.")
    lines = [line.split() for line in result.netlist.splitlines()[1:]]
    grounded = {words[1] for words in lines if words[0][0] in "Vv" and words[2] == "0"}
    assert {"ip", "im"} <= grounded
    assert not any(words[0][0] in "Rr" and "im" in words[1:3] for words in lines)
    nodes = {n for words in lines if words[0][0] in "Mm" for n in words[1:5]}
    assert {"bn", "oa", "ob"} <= nodes
    assert result.verified, result.checks


def test_a_level_said_as_held_at_on_a_node_keyword_is_that_nodes_dc_and_checked():
    text = ("NMOS source follower with its drain on a 9 V supply VDD; the gate is held at 4.2 V at node in "
            "and a 22 kΩ resistor runs from the source node out to ground. Operating point.")
    assert [(level.node, level.value) for level in read_ports(text).levels] == [("in", 4.2)]
    result = generate(text)
    assert any(line.startswith("V") and " in 0 DC 4.2" in line for line in result.netlist.splitlines()), result.netlist
    assert any("held at 4.2 V" in item.what and item.status == "pass" for item in result.checks), result.checks


# --- node names by the role their words give them (ports.said_nodes, read_request's input/output) ----------
@pytest.mark.parametrize("text, node_in, node_out", [
    ("An RC low-pass at 2 kHz. The tone goes in at ta and comes out at tb.", "ta", "tb"),
    ("Build a unity-gain buffer from qin to qo.", "qin", "qo"),
    ("A 1 kHz RC high-pass with nodes kx (input) and ky (output).", "kx", "ky"),
    ("A CE amplifier whose signal enters at bb1 through a 10 uF capacitor; output at the collector, node cc1.",
     "bb1", "cc1"),
    ("Inverting amplifier with gain -4: the input is node sgi and the output is node amo.", "sgi", "amo"),
    ("A 12 V to 5 V regulator: 5 V out at node r5 from a 12 V input at node r12.", "r12", "r5"),
    ("Schmitt trigger on ±5 V rails; zin is a 200 Hz triangle of 3 V amplitude; output zo.", "zin", "zo"),
    ("A CMOS inverter on 2 V: sweep wx from 0 to 2 V and look at wy.", "wx", "wy"),
    ("Turn the 1 kHz square wave at sq1 into a triangle at tr1 with an op-amp.", "sq1", "tr1"),
    ("A 60 Hz twin-T notch; a source at hm drives it, and the result appears at cln.", "hm", "cln"),
    ("Non-inverting amplifier, gain 3: the signal comes in on gi, output on go.", "gi", "go"),
    ("An op-amp astable at 1 kHz with its square wave out at node osq.", None, "osq"),
    ("A 3 kHz Sallen-Key low-pass, gain 20 dB from ux (a 50 ohm source) to collector node uy.", "ux", "uy"),
    ("Buck converter giving 3.3 V at node lo from 12 V at node hi, 2 A load.", "hi", "lo"),
])
def test_ports_take_the_role_their_sentence_gives_them(text, node_in, node_out):
    """A name where a node is named ('at x', 'node x', 'from x to y', 'x (input)', 'sweep x', 'x is a sine')
    takes the role of its own words or of the nearest role word before it in its phrase."""
    request = read_request(text)
    assert (request.input, request.output) == (node_in, node_out)
    assert {n for n in (node_in, node_out) if n} <= set(request.nodes)


def test_a_pin_word_gives_the_name_its_pin_too():
    said = {s.node: (s.role, s.pin) for s in said_nodes("The drive enters at gx; output at the drain, node dq.")}
    assert said == {"gx": ("input", None), "dq": ("output", "drain")}
    assert read_ports("The drive enters at gx; output at the drain, node dq.").roles["drain"] == ("dq",)


@pytest.mark.parametrize("text, nodes", [
    ("Sum 0.4 V at node ha and 0.9 V at node hb with an op-amp.", ["ha", "hb"]),  # named, no role said
    ("A 5 V source at node top feeds a divider down to node tap.", ["top", "tap"]),  # English words as names
    ("R7 = 2k2 from m1 to m2 and C7 = 1n from m2 to ground.", ["m1", "m2"]),  # a part's ends: no port's role
])
def test_names_without_a_role_are_still_nodes(text, nodes):
    request = read_request(text)
    assert [n for n in request.nodes if n in nodes] == nodes
    assert request.input is None or request.input not in ("m1", "m2")


@pytest.mark.parametrize("text", [
    "Filter for use at room temperature, output at the load.",  # a word of a phrase, not a name
    "A two-input CMOS NOR gate on 3 V.",  # an acronym after a role word
    "the input impedance of the stage, measured at high frequency",  # what a port is said of
    "Keep it on top of the board; the output swing is what matters.",
])
def test_words_of_the_sentence_name_no_node(text):
    request = read_request(text)
    assert (request.input, request.output, said_nodes(text)) == (None, None, [])


def test_a_named_node_the_answer_cannot_place_is_reported_not_dropped():
    """The ports reach the netlist; a node the circuit has no place for fails its check (so not verified)."""
    result = generate("RC low-pass with a 1 kHz cutoff; the signal goes in at ka and comes out at kb; "
                      "node kz is a spare test point. AC sweep 10 Hz to 100 kHz.")
    assert {"ka", "kb"} <= {n for line in result.netlist.split("\n")[1:] if (e := element_line(line))
                            for n in e.nodes}
    failed = [c for c in result.checks if c.status == "fail"]
    assert [c.what for c in failed] == ["node kz"] and not result.verified


def test_one_vocabulary_of_words_that_name_no_node():
    """Every reader refuses the same words; the differences are the documented ones (vocabulary.py)."""
    from spice_lsp.generation import coverage, intent, ports, request
    from spice_lsp.generation import vocabulary as v
    assert request._NOT_NODES == v.NOT_NODES  # "a"/"an" decided by the words around them
    assert ports._NOT_NAMES == v.NOT_NODES | v.ARTICLES | v.GROUND | v.PORT_NOUNS | v.PLAIN | {"in"}
    assert coverage._NOT_NODE_WORDS == v.NOT_NODES | v.ARTICLES | v.IDIOMS
    assert not hasattr(intent, "_NOT_NODES")
    # a relative pronoun is no node: the level is the node's before it
    assert [(lv.node, lv.value) for lv in read_ports("RD = 5k up to vdd, which sits at 3.3 V.").levels] == \
        [("vdd", 3.3)]


@pytest.mark.parametrize("text, inp, out", [
    ("A passive RC low-pass, 1.5 kHz corner, driven from Vsrc and loaded at Vfilt.", "vsrc", "vfilt"),
    ("An RC high-pass with a 300 Hz corner, fed from vdrive, output at vhp.", "vdrive", "vhp"),
    ("LC band-pass near 5 kHz, excited from Vexc and loaded at Vbp.", "vexc", "vbp"),
])
def test_a_node_driven_from_and_loaded_at_is_the_input_and_the_output(text, inp, out):
    # "Vin"/"Vout" as schematics write a node's name; "driven/fed from x" is where the signal enters
    request = read_request(text)
    assert (request.input, request.output) == (inp, out)


def test_a_part_name_in_capitals_at_a_place_stays_a_part():
    assert "vin" not in read_request("RC low-pass 1k and 100n, the source at VIN drives it.").nodes
