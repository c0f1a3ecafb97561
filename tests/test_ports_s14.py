"""Ports a request names on a family's circuit (lane P, s14): an equation written with the output's probe,
"v(x) = ...", names x the output; each class of phrasing is tried on circuits and names of our own, and the built
netlist carries the names (computed checks, never a pinned answer)."""
from __future__ import annotations

import re

import pytest

from spice_lsp.generation.pipeline import generate
from spice_lsp.generation.ports import read_ports
from spice_lsp.ngspice import runner


def nodes_of(netlist: str) -> set[str]:
    """Every node an element line of the netlist (outside subcircuits) touches."""
    found: set[str] = set()
    inside = False
    for line in netlist.splitlines():
        word = line.split()[0].lower() if line.split() else ""
        inside = (inside or word == ".subckt") and word != ".ends"
        if inside or not line[:1].isalpha():
            continue
        fields = line.split()
        count = {"x": len(fields) - 2, "q": 3, "m": 4, "e": 4, "g": 4, "s": 4}.get(word[0], 2)
        found.update(f.lower() for f in fields[1:1 + count])
    return found


def op_voltage(netlist: str, node: str) -> float:
    result = runner.run(netlist, control=f"op\nlet result = v({node})\nprint result", timeout=30)
    return result.values["result"]


# --- an equation whose left side is the output's probe: "v(x) = 25 (v(a) - v(b))" ---------------------------
@pytest.mark.parametrize("said, out, ins", [
    ("Difference amplifier with v(dv_o) = 4·(v(dv_p) − v(dv_m)); dv_p at 1.2 V, dv_m at 1.0 V.",
     "dv_o", ("dv_p", "dv_m")),
    ("Instrumentation amp, V(ia_y) = 10*(v(ia_a) - v(ia_b)), inputs held at 2.02 V and 2.00 V.",
     "ia_y", ("ia_a", "ia_b")),
    ("Build an inverting amplifier: v(inv_o) = -3 v(inv_i), with inv_i at 0.5 V DC.", "inv_o", ("inv_i",)),
])
def test_an_equation_on_the_outputs_probe_names_the_output(said, out, ins):
    ports = read_ports(said)
    assert ports.roles.get("output") == (out,)
    assert ports.roles.get("input", ())[:len(ins)] == ins


def test_the_output_an_equation_names_is_the_built_circuits_output():
    said = ("Three-op-amp instrumentation amplifier with a gain of 10: v(in_amp_y) = 10·(v(pa) − v(pb)), output "
            "referenced to ground. Test inputs: pa at 1.53 V, pb at 1.50 V.")
    netlist = generate(said).netlist
    assert {"pa", "pb", "in_amp_y"} <= nodes_of(netlist)
    assert op_voltage(netlist, "in_amp_y") == pytest.approx(0.3, rel=0.03)


# --- "drive s1 with 0.4 V, s2 with -0.3 V and s3 with 1.2 V": a level per node of the verb's list -------------
@pytest.mark.parametrize("said, levels", [
    ("Summer: feed ka with 1 V, kb with 0.25 V and kc with \u22120.5 V.", {"ka": 1.0, "kb": 0.25, "kc": -0.5}),
    ("Differential stage; drive node pp with 2.5 V DC and node mm with 2.4 V DC.", {"pp": 2.5, "mm": 2.4}),
    ("Comparator: hold ref_x at 1.8 V, and sweep vin.", {"ref_x": 1.8}),
])
def test_a_drive_verb_lists_a_level_for_each_node(said, levels):
    assert {level.node: level.value for level in read_ports(said).levels} == pytest.approx(levels)


@pytest.mark.parametrize("said", [
    "Inverting amp, gain 5: drive vin with 1 V peak at 1 kHz.",
    "RC low-pass: feed node lp_i with a 2 V step and watch lp_o.",
    "Drive a1 with 1 V until 2 ms, then 0 V.",
])
def test_a_wave_or_a_changing_level_is_no_drive_level(said):
    assert read_ports(said).levels == []


@pytest.mark.parametrize("said, weights, levels", [
    ("Inverting summer giving q_out = \u2212(v(qa) + 2\u00b7v(qb) + 0.5\u00b7v(qc)); drive qa with 0.2 V, qb with "
     "0.1 V and qc with \u22120.4 V (DC).", (1, 2, 0.5), (0.2, 0.1, -0.4)),
    ("Op-amp adder: mix = -(3 x u1 + u2 + u3), feed u1 with 0.1 V, u2 with 0.3 V and u3 with -0.2 V.",
     (3, 1, 1), (0.1, 0.3, -0.2)),
])
def test_every_input_a_summer_drives_is_built_with_its_weight(said, weights, levels):
    netlist = generate(said).netlist
    out = read_ports(said).roles["output"][0]
    ins = read_ports(said).roles["input"]
    assert set(ins) | {out} <= nodes_of(netlist)
    want = -sum(w * v for w, v in zip(weights, levels))
    assert op_voltage(netlist, out) == pytest.approx(want, abs=0.02 * max(abs(want), 0.2))


# --- "node ps_c (collector)": a node named with one pin's word in its aside is that pin's port ------------------
@pytest.mark.parametrize("said, pins", [
    ("Common-emitter amp on 12 V: input at node ce_in, output at node ce_k (collector), bypassed node ce_e (emitter).",
     {"collector": ("ce_k",), "emitter": ("ce_e",)}),
    ("Common-source stage: signal on node gg (gate of M1), output taken at node dd_x (drain).",
     {"gate": ("gg",), "drain": ("dd_x",)}),
    ("Long-tailed pair with node lt_a (collector of Q1) and node lt_b (collector of Q2).",
     {"collector": ("lt_a", "lt_b")}),
])
def test_a_pin_word_in_a_nodes_aside_names_that_pins_port(said, pins):
    roles = read_ports(said).roles
    assert {pin: roles.get(pin) for pin in pins} == pins


@pytest.mark.parametrize("said, inp, col, emi", [
    ("Phase splitter with one NPN on a 12 V supply, 1k collector and emitter resistors. Signal in at node sp_i; "
     "node sp_top (collector) and node sp_bot (emitter) are the outputs.", "sp_i", "sp_top", "sp_bot"),
    ("Split-load phase splitter: a single NPN, equal 3.3k collector and emitter resistors, 20 V supply. Input node "
     "pz_in, outputs at node pz_k (collector) and node pz_q (emitter).", "pz_in", "pz_k", "pz_q"),
])
def test_a_phase_splitters_two_outputs_carry_the_names_said_with_their_pins(said, inp, col, emi):
    netlist = generate(said).netlist
    assert {inp, col, emi} <= nodes_of(netlist)

    def at_1k(expression: str) -> float:
        control = f"ac lin 1 1k 1k\nlet result = {expression}\nprint result"
        return runner.run(netlist, control=control, timeout=30).values["result"]
    assert 0.85 < at_1k(f"vm({col})/vm({inp})") < 1.05  # each output near unity (RC = RE)
    assert 0.85 < at_1k(f"vm({emi})/vm({inp})") < 1.05
    assert abs(at_1k(f"abs(vp({col}) - vp({emi}))") - 3.14159) < 0.2  # in antiphase


# --- "amplified x200 by a non-inverting stage into node tc_amp": what the circuit does, then where it goes -------
@pytest.mark.parametrize("said, out", [
    ("Audio from the mic at node mc is buffered by a unity follower and sent to node mc_buf.", "mc_buf"),
    ("A 1 kHz sine at node rin rectified by a precision half-wave rectifier onto node rdc.", "rdc"),
    ("Photodiode current converted by a transimpedance stage into node pd_v.", "pd_v"),
])
def test_the_node_a_circuits_verb_sends_its_signal_into_is_the_output(said, out):
    assert read_ports(said).roles.get("output") == (out,)


@pytest.mark.parametrize("said", [
    "Sensor signal at node sg amplified by 5 with the gain resistor tied to node vmid.",
    "Signal filtered by an RC from node fa to node fb.",
    "The signal to be amplified is applied to node ain.",
    "The voltage to be buffered is fed to node bx.",
])
def test_a_parts_end_after_the_verb_names_no_output(said):
    assert read_ports(said).roles.get("output") is None


# --- "a source VTC between node tc_p and node tc_n (tc_n grounded)": both ends of a source the family grounds ------
@pytest.mark.parametrize("said, name, plus, minus, out, want", [
    ("A 50 mV DC source VB between node b_hi and node b_lo (b_lo grounded), amplified by a non-inverting op-amp stage "
     "with a gain of 20 into node b_amp.", "VB", "b_hi", "b_lo", "b_amp", 1.0),
    ("Non-inverting amplifier, gain 11: a 0.2 V DC source VS between node sa and node sb, sb tied to ground, amplified "
     "into node so_x.", "VS", "sa", "sb", "so_x", 2.2),
    ("Inverting amplifier with gain -4: the input is a 0.5 V DC source VIN between nodes ia and ib, ib grounded; "
     "output at node iz.", "VIN", "ia", "ib", "iz", -2.0),
])
def test_a_source_between_two_named_nodes_keeps_both_ends(said, name, plus, minus, out, want):
    result = generate(said)
    line = next(row.split() for row in result.netlist.splitlines() if row.split()[:1] == [name])
    assert line[1:3] == [plus, minus]
    assert {plus, minus, out} <= nodes_of(result.netlist)
    assert op_voltage(result.netlist, out) == pytest.approx(want, rel=0.03)
    assert result.verified


# --- "between node vcoil (+12 V) and the collector": a node said with a rail's level in its aside ----------------
@pytest.mark.parametrize("said, node, level", [
    ("NPN low-side driver for a 24 V solenoid (model it as 0.5 H in series with 100 \u03a9) between node vsol (+24 V) "
     "and the collector node q_c, with a flyback diode across the coil.", "vsol", 24.0),
    ("LED driver: an NPN switches a red LED and 330 \u03a9 from node v_led (+5 V) to its collector.", "v_led", 5.0),
    ("MOSFET switch for a fan: the fan sits between node vbat (9 V) and the drain.", "vbat", 9.0),
])
def test_a_node_with_a_rails_level_in_its_aside_is_the_supply(said, node, level):
    supply = read_ports(said).supply
    assert supply is not None and (supply.node, supply.value) == (node, level)


@pytest.mark.parametrize("said", [
    "Inverting amplifier, gain -2, input node vin (2 V) and output at node vo.",
    "Negative rail at node vneg (-5 V) feeds the op-amp; output node out.",
    "Inverting amplifier, gain -2, input node vin (+2 V) and output at node vo.",
    "Buffer with its input at node s_in (+1 V), output so.",
])
def test_a_level_on_a_signal_node_or_a_negative_one_is_no_supply_node(said):
    supply = read_ports(said).supply
    assert supply is None or supply.node not in ("vin", "vneg", "s_in")


def test_the_relay_drivers_coil_hangs_from_the_named_supply_node():
    said = ("NPN low-side driver for a 24 V solenoid (model it as 0.5 H in series with 100 \u03a9) between node vsol "
            "(+24 V) and the collector node q_c, with a flyback diode across the coil. The base is driven through a "
            "resistor from node drv with a 0/5 V pulse.")
    netlist = generate(said).netlist
    assert {"vsol", "q_c", "drv"} <= nodes_of(netlist)
    assert op_voltage(netlist, "vsol") == pytest.approx(24.0)


# --- "the generator VRF sits on node rf_gen behind a 50 ohm resistor into node rf_in": the generator's node and the
# circuit's input on either side of the family's source resistor ----------------------------------------------------
@pytest.mark.parametrize("said, gen, fed, out, ohms", [
    ("Doubly terminated 3rd-order Butterworth LC low-pass for 50 \u03a9, cutoff 2 MHz. The generator VRF sits on node "
     "rf_gen behind a 50 \u03a9 resistor into node rf_in; the filter runs from rf_in to rf_out.",
     "rf_gen", "rf_in", "rf_out", 50.0),
    ("Doubly terminated 5th-order Butterworth LC low-pass for 75 \u03a9, cutoff 10 MHz. The generator VG sits on node "
     "g_src behind a 75 \u03a9 resistor into node f_in; the filter runs from f_in to f_out, which carries the "
     "75 \u03a9 load.", "g_src", "f_in", "f_out", 75.0),
    ("Third-order Butterworth LC low-pass, 50 ohm terminations, 1 MHz cutoff: source VS is at node s_a behind a 50 ohm "
     "series resistor into node lc_in, output node lc_out.", "s_a", "lc_in", "lc_out", 50.0),
])
def test_the_generators_node_and_the_fed_input_sit_either_side_of_the_source_resistor(said, gen, fed, out, ohms):
    netlist = generate(said).netlist
    assert {gen, fed, out} <= nodes_of(netlist)
    series = [row.split() for row in netlist.splitlines() if row[:1].upper() == "R" and len(row.split()) == 4
              and set(row.split()[1:3]) == {gen, fed}]
    assert len(series) == 1 and float(series[0][3]) == ohms
    flat = runner.run(netlist, control=f"ac lin 1 1k 1k\nlet result = vm({out})/vm({gen})\nprint result",
                      timeout=30).values["result"]
    assert flat == pytest.approx(0.5, rel=0.02)  # a doubly terminated ladder passes half the generator's EMF


@pytest.mark.parametrize("said, plus, minus, out, peak", [
    ("Half-wave rectifier: a 5 V-peak 1 kHz sine VAC between nodes h1 and h2 (h2 grounded) through diode D1 to node "
     "hout with a 1k load.", "h1", "h2", "hout", (3.8, 5.0)),
    ("Half-wave rectifier fed by a 10 V-peak 50 Hz sine between node w_a and node w_b, w_b tied to ground; a 2.2k load "
     "on node w_dc.", "w_a", "w_b", "w_dc", (8.8, 10.0)),
])
def test_a_stated_sines_two_ends_stay_named_on_the_familys_source(said, plus, minus, out, peak):
    netlist = generate(said).netlist
    source = next(row.split() for row in netlist.splitlines() if row[:1] == "V" and "SIN(" in row)
    assert source[1:3] == [plus, minus]
    assert {plus, minus, out} <= nodes_of(netlist)
    frequency = float(re.search(r"SIN\(\S+ \S+ (\S+)\)", " ".join(source))[1])
    control = f"tran {0.01 / frequency:g} {3 / frequency:g}\nlet result = maximum(v({out}))\nprint result"
    assert peak[0] < runner.run(netlist, control=control, timeout=30).values["result"] < peak[1]


def test_a_stated_dc_source_between_two_nodes_drives_the_amplifier_from_both():
    said = ("Non-inverting amplifier with a gain of 3, the signal a 0.1 V DC source between node sp and node sn, sn "
            "grounded, output node nout.")
    result = generate(said)
    assert {"sp", "sn", "nout"} <= nodes_of(result.netlist)
    assert op_voltage(result.netlist, "nout") == pytest.approx(0.3, rel=0.03)
    assert result.verified


# --- names said after what the port is: "Output rail br_out", "collector (output pc)", "input ports Vp and Vn" ------
@pytest.mark.parametrize("said, role, names", [
    ("Full-wave bridge rectifier from a 9 V-peak 50 Hz sine, 470 uF reservoir, 1k load. Output rail dc_r.",
     "output", ("dc_r",)),
    ("Inverting amplifier, gain -3: the input line li_x carries a 0.2 V sine.", "input", ("li_x",)),
    ("Buffer: input signal sg_1, output signal sg_2.", "output", ("sg_2",)),
])
def test_a_carrier_noun_after_the_role_word_is_what_the_port_is_not_its_name(said, role, names):
    from spice_lsp.generation.ports import said_nodes
    assert [s.node for s in said_nodes(said) if s.role == role] == list(names)


@pytest.mark.parametrize("said, pins", [
    ("Phase splitter: equal 1k resistors in collector (output kc) and emitter (output ke), 9 V supply.",
     {"collector": ("kc",), "emitter": ("ke",)}),
    ("Common-source stage with 4.7k in the drain (node dq) and the gate (input node gq) fed through 10 nF.",
     {"drain": ("dq",), "gate": ("gq",)}),
])
def test_a_pins_node_named_in_its_parentheses(said, pins):
    roles = read_ports(said).roles
    assert {pin: roles.get(pin) for pin in pins} == pins


@pytest.mark.parametrize("said, role, names", [
    ("Design a three-op-amp instrumentation pre-amplifier with differential input ports Vp and Vn and a gain near 10.",
     "input", ("vp", "vn")),
    ("A D flip-flop with output pins Q and QB.", "output", ("q", "qb")),
    ("Difference amplifier with input terminals INP, INM and a gain of 2.", "input", ("inp", "inm")),
])
def test_names_after_ports_or_pins_are_read_in_any_case(said, role, names):
    assert read_ports(said).roles.get(role) == names


def test_the_capitalised_input_ports_are_the_built_amplifiers_inputs():
    said = "Design a three-op-amp instrumentation amplifier with differential input ports Va and Vb and a gain of 10."
    netlist = generate(said).netlist
    opamps = [row.split() for row in netlist.splitlines() if row[:1] == "X"]
    assert {"va", "vb"} <= {row[1] for row in opamps}  # each input buffer's + input


@pytest.mark.parametrize("said, gen, fed, ohms", [
    ("AC-coupled op-amp voltage follower with a bootstrapped bias network (two 100k in series to ground, their "
     "midpoint driven from the output through 10 \u00b5F) so that the input resistance at bq_in is far above "
     "200 k\u03a9; output bq_o. Check at 100 Hz, driven through a 1 M\u03a9 source resistance from node gx.",
     "gx", "bq_in", 1e6),
    ("Doubly terminated 3rd-order Butterworth LC low-pass, cutoff 1 MHz, output node lq_o: the generator VG sits on "
     "node gq behind a 50 \u03a9 resistor into node lq_i.", "gq", "lq_i", 50.0),
])
def test_a_source_resistance_from_a_named_node_puts_that_node_behind_it(said, gen, fed, ohms):
    netlist = generate(said).netlist
    series = [row.split() for row in netlist.splitlines() if row[:1].upper() == "R" and len(row.split()) == 4
              and set(row.split()[1:3]) == {gen, fed}]
    assert len(series) == 1
    from spice_lsp.language.units import parse_number
    assert parse_number(series[0][3]) == pytest.approx(ohms)


# --- "fed by a 12 V peak sine across ac1 and ac2": the signal source's two ends, where no statement placed it -----
@pytest.mark.parametrize("said, ends", [
    ("Full-wave bridge rectifier fed by a 12 V peak 60 Hz sine across ac1 and ac2, 470 ohm load.", ("ac1", "ac2")),
    ("Half-wave rectifier: a 6 V peak 1 kHz sine generator floating between nodes g1 and g2.", ("g1", "g2")),
    ("Bridge rectifier with the transformer secondary between nodes ta and tb, 1000 uF reservoir.", ("ta", "tb")),
    ("A 1 mA current source between na and nb feeds a 1k resistor.", None),
])
def test_a_signal_sources_two_ends(said, ends):
    assert read_ports(said).source_ends == ends


@pytest.mark.parametrize("said, plus, minus, out, peak", [
    ("Full-wave bridge rectifier with a 1000 uF filter capacitor, fed by a 12 V peak 60 Hz sine across ac1 and ac2, "
     "output between out and ground with a 470 ohm load.", "ac1", "ac2", "out", (10.0, 12.0)),
    ("Half-wave rectifier: a 6 V peak 1 kHz sine generator floating between nodes g1 and g2, 1k load at node hw_o.",
     "g1", "g2", "hw_o", (4.8, 5.8)),
])
def test_the_familys_source_sits_between_the_two_ends_said(said, plus, minus, out, peak):
    netlist = generate(said).netlist
    source = next(row.split() for row in netlist.splitlines() if row[:1] == "V" and "SIN(" in row)
    assert source[1:3] == [plus, minus]
    frequency = float(re.search(r"SIN\(\S+ \S+ (\S+)\)", " ".join(source))[1])
    control = f"tran {0.01 / frequency:g} {6 / frequency:g}\nlet result = maximum(v({out}))\nprint result"
    assert peak[0] < runner.run(netlist, control=control, timeout=30).values["result"] < peak[1]


# --- every input a summer's request names is one of its inputs -------------------------------------------------
@pytest.mark.parametrize("said, ins, out", [
    ("Inverting summing amplifier with inputs a1, a2, a3 and a4, each through 10k, 10k feedback, output node so.",
     ("a1", "a2", "a3", "a4"), "so"),
    ("Op-amp adder: s_out = -(v(p1) + v(p2) + v(p3)), with p1, p2 and p3 each a 1 kHz sine of 0.1 V.",
     ("p1", "p2", "p3"), "s_out"),
    ("Non-inverting summer of inputs u1, u2 and u3, output node ns.", ("u1", "u2", "u3"), "ns"),
])
def test_every_named_input_of_a_summer_is_built(said, ins, out):
    netlist = generate(said).netlist
    assert set(ins) | {out} <= nodes_of(netlist)
    # each named input reaches the summing junction through its own resistor
    fed = {row.split()[1] for row in netlist.splitlines() if row[:1] == "R" and row.split()[1] in ins}
    assert fed == set(ins)


# --- "from a 12 V rail: series resistor from vcc to led_a": the one positive rail name written as a node -----------
@pytest.mark.parametrize("said, node", [
    ("Drive a green LED at 10 mA from a 5 V rail: series resistor from vcc to la, the LED from la to ground.", "vcc"),
    ("NPN switch on a 9 V supply, 1k pull-up from vdd_a to node sw_c.", "vdd_a"),
    ("An LED from a 12 V supply through 1k between vcc and vdd to ground.", ""),
])
def test_the_one_rail_name_written_is_the_supplys_node(said, node):
    supply = read_ports(said).supply
    assert supply is not None and supply.node == node


def test_the_led_resistors_top_is_the_named_rail_at_its_level():
    said = ("Drive a red LED D1 (about 1.8 V forward) at 20 mA from a 9 V rail: series resistor from vcc to lx, D1 "
            "from lx to ground.")
    netlist = generate(said).netlist
    assert {"vcc", "lx"} <= nodes_of(netlist)
    assert op_voltage(netlist, "vcc") == pytest.approx(9.0)
