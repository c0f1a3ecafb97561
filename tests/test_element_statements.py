"""Circuits stated element by element: each clause read as its part (by its name or its kind noun), its value, its
nodes in whatever order and wording the clause gives them, its model card and its instance parameters; and a
circuit so listed is transcribed as written, even under a circuit's name.

The wordings here are new ones (not the tuning cases'), one class of statement each."""
from __future__ import annotations

import pytest

from spice_lsp.generation.request import read_request


def _part(request, name):
    found = [e for e in request.elements if (e.name or "").lower() == name.lower()]
    assert len(found) == 1, f"{name}: {request.elements}"
    return found[0]


def _source(request, name):
    found = [s for s in request.sources if (s.name or "").lower() == name.lower()]
    assert len(found) == 1, f"{name}: {request.sources}"
    return found[0]


@pytest.mark.parametrize("text, name, nodes, value", [
    # a name in mixed case, its value in parentheses, "hangs off X to ground"
    ("Rsense (0.47 ohms) hangs off node sns to ground. V9 = 2 V DC at sns.", "Rsense", ("sns", "0"), 0.47),
    # the nodes before the part, a verb between
    ("Across nodes x and y sits a 47 pF capacitor C7; V2 = 1 V DC at x; R2 = 1k from y to ground.", "C7",
     ("x", "y"), 47e-12),
    # "pulls node k down to ground", "runs from m straight to ground"
    ("R9 = 8.2k pulls node k down to ground; I4 = 1 mA into k.", "R9", ("k", "0"), 8200.0),
    ("L2 = 22 mH runs from node m straight to ground, fed by V5 = 3 V DC at m.", "L2", ("m", "0"), 0.022),
    # netlist-like statements with the prefix inside the figure
    ("C4 4n7 mid to 0, R6 1k5 top to mid, AC 1 at top.", "C4", ("mid", "0"), 4.7e-9),
    ("C4 4n7 mid to 0, R6 1k5 top to mid, AC 1 at top.", "R6", ("top", "mid"), 1500.0),
    # a bare 0 where a node stands is ground, not the part's value
    ("a 4.7k load RL2 from out2 to 0, V1 = 3 V DC at out2.", "RL2", ("out2", "0"), 4700.0),
    # a device named by letters then a number
    ("DZ2 with cathode at reg and anode at ground; RZ = 680 from vb to reg; VB = 10 V DC at vb.", "DZ2",
     ("0", "reg"), None),
])
def test_part_nodes_and_value(text, name, nodes, value):
    part = _part(read_request(text), name)
    assert part.nodes == nodes
    assert part.value == pytest.approx(value) if value is not None else part.value is None


def test_parts_chained_one_after_another():
    """A part whose words give one end takes, as its other, where the statement before it ends."""
    r = read_request("A 2 V DC source at node s1, R8 = 330 to s2, C9 = 10n from s2 to ground. Transient 1 ms.")
    assert _part(r, "R8").nodes == ("s1", "s2")
    r = read_request("Rdrop (47 ohms) hangs off node lamp to ground. Vcell, 1.5 V, feeds lamp through Rwire of 0.2 ohm "
                     "from node cell. Operating point.")
    assert _part(r, "Rwire").nodes == ("cell", "lamp")
    assert _part(r, "Rdrop").nodes == ("lamp", "0")
    assert _source(r, "Vcell").node == "cell" and _source(r, "Vcell").dc == pytest.approx(1.5)


def test_current_source_out_of_ground_into_a_node():
    r = read_request("I2, 0.5 mA DC, pushes its current out of ground and into node z; R5 = 2k from z back to ground.")
    assert _source(r, "I2").node == "z" and _source(r, "I2").kind == "I"
    assert _part(r, "R5").nodes == ("z", "0")


def test_model_card_named_with_its_parameters():
    r = read_request("D5 from node n1 to node n2 uses a model named DFAST with IS = 5n, N = 1.3 and RS = 2. "
                     "V4 = 2 V DC at n1, R4 = 220 from n2 to 0.")
    assert _part(r, "D5").model == "DFAST" and _part(r, "D5").nodes == ("n1", "n2")
    assert not [e for e in r.elements if (e.name or "").upper() == "RS"]  # a model parameter, not a resistor
    assert {p.name: p.value for p in r.model_params} == pytest.approx({"is": 5e-9, "n": 1.3, "rs": 2.0})


def test_controlled_sources_by_their_kind_nouns():
    r = read_request("E2 is a voltage-controlled voltage source with gain 2.5, output between w and ground, controlled "
                     "by u relative to ground. V7 = 0.4 V DC at u; RW = 2k from w to ground.")
    assert _part(r, "E2").nodes == ("w", "0", "u", "0") and _part(r, "E2").value == pytest.approx(2.5)
    r = read_request("VB = 2 V DC at node b, R3 = 2k from b to h, and VM, a 0 V source from h to ground, senses the "
                     "current. F3, a current-controlled current source with gain 5 controlled by VM, drives node k "
                     "from ground; R7 = 50 from k to 0.")
    assert _part(r, "F3").refs == ("VM",) and _part(r, "F3").nodes == ("0", "k")
    assert _source(r, "VM").node == "h" and _source(r, "VM").dc == 0


@pytest.mark.parametrize("text, name, nodes", [
    ("Q4 (PNP): x is its emitter, y its base, z its collector; RX = 1k from vp to x.", "Q4", ("z", "y", "x")),
    # a circuit's name before the device names no pin ("Common collector:"); the device's own words do
    ("Common collector: Q3 with collector at vp, base at bi, emitter at eo; RE = 2k from eo to ground.", "Q3",
     ("vp", "bi", "eo")),
])
def test_device_pins_in_any_order(text, name, nodes):
    assert _part(read_request(text), name).nodes == nodes


def test_mosfet_size_model_and_namesake_gate_source():
    r = read_request("PMOS M4 with source at vs, gate at vgg and drain at d4; W = 4u, L = 0.5u; its model has "
                     "VTO=-0.6 and KP=30u. R4 = 4.7k from d4 to ground, VGG = 2 V, VS = 5 V DC at vs.")
    m4 = _part(r, "M4")
    assert m4.nodes == ("d4", "vgg", "vs", "vs") and set(m4.params) == {"W=4u", "L=0.5u"}
    assert _source(r, "VGG").node == "vgg"
    r = read_request("NMOS M6, drain at q, gate at g6, source grounded, W/L = 20u/2u; VQ = 3 V DC at q.")
    assert set(_part(r, "M6").params) == {"W=20u", "L=2u"}


def test_part_named_after_a_pin_runs_from_that_pin():
    r = read_request("Q7: collector at c7, base at b7, emitter to ground. Collector resistor RK = 3.3k up to vcc, "
                     "VCC = 9 V.")
    assert _part(r, "RK").nodes == ("c7", "vcc")


def test_group_of_unnamed_parts_with_their_values():
    r = read_request("R1 = 1k from in to f; from node f to ground three capacitors in parallel, 1nF, 2.2nF and "
                     "0.33 uF. AC 1 at in.")
    caps = sorted(e.value for e in r.elements if e.kind == "C")
    assert caps == pytest.approx([1e-9, 2.2e-9, 0.33e-6])
    assert all(e.nodes == ("f", "0") for e in r.elements if e.kind == "C")


def test_a_part_stated_over_several_clauses_is_one_part():
    r = read_request("A current-controlled current source F7 with gain 8 controlled by VK; VK = 2 V DC at s with "
                     "R1 = 2k from s to ground; F7 drives node t from ground; RT = 300 from t to 0. op")
    f7 = _part(r, "F7")
    assert (f7.nodes, f7.value, f7.refs) == (("0", "t"), 8.0, ("VK",))


def test_unnamed_parts_by_their_kind_nouns():
    r = read_request("A 6 V battery at node cell feeds node lamp through a 68 ohm resistor; RL = 100 from lamp to 0.")
    assert [(e.nodes, e.value) for e in r.elements if e.name is None] == [(("cell", "lamp"), 68.0)]
    r = read_request("A zener from ground (anode) to node ref (cathode), BV = 3.3, fed through 820 ohms from a 9 V "
                     "source at node raw. Operating point.")
    assert [(e.kind, e.nodes) for e in r.elements] == [("D", ("0", "ref")), ("R", ("raw", "ref"))]
    assert [(s.node, s.dc) for s in r.sources] == [("raw", 9.0)]


def test_a_capacitor_charged_through_a_resistor_hangs_off_its_far_end():
    r = read_request("Discharge C5 = 470n through R7 = 2.2k from node top into node bot. Transient 10 ms.")
    assert _part(r, "C5").nodes == ("bot", "0") and _part(r, "R7").nodes == ("top", "bot")
    r = read_request("Charge C2 = 22u through R3 = 1k from a 3 V step at node drv to node vc. Transient 100 ms.")
    assert _part(r, "C2").nodes == ("vc", "0") and _part(r, "R3").nodes == ("drv", "vc")


def test_a_swept_terminal_voltage_is_a_source_on_that_pin():
    r = read_request("Q2 NPN, BF=80; its emitter grounded, its collector at k2 tied to vcc through RC = 1k; "
                     "VCC = 10 V. Step VBE from 0.5 to 0.8 V.")
    q2 = _part(r, "Q2")
    assert _source(r, "VBE").node == q2.nodes[1] and q2.nodes[2] == "0"


def test_nodes_said_before_a_colon_place_the_part_after_it():
    r = read_request("In series between a and b: L4 = 1 mH. C8 = 100 n from b to ground; V3 (AC 1) at a.")
    assert _part(r, "L4").nodes == ("a", "b")


def test_notations_of_a_listed_circuit_are_transcribed_as_stated():
    from spice_lsp.generation.pipeline import generate
    result = generate("R4: 220 Ω, p → q. C6: 4.7 µF, q → 0. Vsrc: 1 V AC at p. AC 1 Hz–10 kHz.")
    for line in ("Vsrc p 0 DC 0 AC 1", "R4 p q 220", "C6 q 0 4.7u"):
        assert line in result.netlist.split("\n"), result.netlist
    assert result.verified, [(c.what, c.detail) for c in result.checks if c.status != "pass"]
    r = read_request("R2 = 2e3 from m to n; C2 = 3.3e-7 F from n to gnd; V6 = 2 V AC at m.")
    assert _source(r, "V6").ac == 2 and _source(r, "V6").dc is None  # a level said before "AC" is no DC level
    assert not any(e.name == "V6" and e.value is not None for e in r.elements)


def test_a_pin_joined_to_a_node_through_a_part():
    """"its drain to vdd through RD": the pin's node, named after the pin where nothing names it, and the part between
    it and the far node; the rail the part reaches gets the level its own statement gives."""
    from spice_lsp.generation.pipeline import generate
    description = ("The NMOS M5 has its gate tied to node gg, its drain to vdd through RD (4.7k), and its source to "
                   "ground through RS (470). VDD = 9 V; VGG = 2.5 V DC at gg. op")
    r = read_request(description)
    assert _part(r, "M5").nodes == ("drain", "gg", "source", "source")
    assert (_part(r, "RD").nodes, _part(r, "RS").nodes) == (("drain", "vdd"), ("source", "0"))
    result = generate(description)
    assert "VDD vdd 0 DC 9" in result.netlist.split("\n"), result.netlist
    assert result.verified, [(c.what, c.detail) for c in result.checks if c.status != "pass"]


def test_a_figure_of_a_wave_is_no_dc_level_of_its_source():
    r = read_request("A 500 Hz, 2 V amplitude sine V8 at w; R8 = 10k from w to z; C8 = 10n across z and ground.")
    assert not any(e.name == "V8" and e.value is not None for e in r.elements)


def test_parts_written_in_parallel_share_their_ends():
    r = read_request("R6 || C6 across node h and ground, with R6 = 22k and C6 = 4.7n; I6 = 0.2 mA into h.")
    assert _part(r, "R6").nodes == _part(r, "C6").nodes == ("h", "0")


def test_a_node_that_gets_a_level_is_driven_there():
    r = read_request("Put a 6.8k resistor R4 between vi and vq, then C4 (22n) from vq to 0; vi gets 1 V AC.")
    assert [(s.node, s.ac) for s in r.sources] == [("vi", 1.0)]


def test_a_coupling_said_in_words_couples_the_two_inductors():
    r = read_request("L5 (2 mH, m to 0) and L6 (8 mH, n to 0) are magnetically coupled, coupling factor 0.97; "
                     "V5 (AC 1) at m; R5 = 470 from n to 0. AC 1 kHz to 100 kHz.")
    k = [e for e in r.elements if e.kind == "K"]
    assert [(e.name, e.value, e.refs) for e in k] == [("K1", 0.97, ("L5", "L6"))]


@pytest.mark.parametrize("text, kind, nodes", [
    ("A PNP transistor with emitter at hi, base at bp and collector at lo; RE = 2k from vcc to hi; VCC = 9 V.", "Q",
     ("lo", "bp", "hi")),
    ("A p-channel MOSFET with source at vdd, gate at gp and drain at dp; RL = 5k from dp to 0; VDD = 3 V.", "M",
     ("dp", "gp", "vdd", "vdd")),
])
def test_an_unnamed_device_placed_by_its_pins(text, kind, nodes):
    assert [e.nodes for e in read_request(text).elements if e.kind == kind] == [nodes]


def test_current_source_named_by_its_kind_is_a_part():
    r = read_request("An LED D4 from node la to ground biased by a 5 mA current source. Operating point.")
    assert any(s.kind == "I" and s.node == "la" and s.dc == pytest.approx(5e-3) for s in r.sources)


def test_part_by_part_circuit_under_a_circuit_name_is_transcribed():
    """The user's parts win over a circuit's name: a pi filter and a zener regulator listed part by part are
    written as listed, with the user's names and model card, not refused and not replaced by a family."""
    from spice_lsp.generation.pipeline import generate
    netlist = generate("Pi filter (CLC): V3 (AC 1) at drive behind a 75 ohm source resistor R5 to n1; C6 = 4.7u from "
                       "n1 to gnd, L3 = 2.2m from n1 to n2, C7 = 4.7u from n2 to gnd, load RL = 75 from n2 to gnd. "
                       "AC 10 Hz to 100 kHz.").netlist
    for line in ("R5 drive n1 75", "C6 n1 0 4.7u", "L3 n1 n2 2.2m", "C7 n2 0 4.7u", "RL n2 0 75"):
        assert line in netlist, netlist
    netlist = generate("Zener shunt regulator: RB = 270 from vraw to vz; DZ7 with cathode at vz and anode at ground, "
                       "model called ZMOD with BV=3.9 IBV=2m; VRAW = 9 V DC; a 1k load RL from vz to 0. "
                       "Operating point.").netlist
    assert "DZ7 0 vz ZMOD" in netlist and "RB vraw vz 270" in netlist and "RL vz 0 1k" in netlist, netlist
    card = next(line for line in netlist.splitlines() if line.lower().startswith(".model zmod"))
    assert "bv=3.9" in card.lower() and "ibv=0.002" in card.lower(), card


def test_a_device_modelled_as_a_stated_part_is_no_circuit_to_refuse():
    from spice_lsp.generation.pipeline import generate, refusal
    description = ("A DC motor, represented by a 12 ohm resistor RM from vbat to d, switched by NMOS M1 with drain "
                   "at d, gate at g and source grounded; VBAT = 12 V; VG = 5 V DC at g. op")
    assert refusal(description) is None
    assert "RM vbat d 12" in generate(description).netlist
