"""The request reader's, designer's and checker's classes of session 20, each with variants written for these tests
(not taken from a benchmark file)."""

from spice_lsp.generation.function_words import read_function
from spice_lsp.generation.intent import parse_intent
from spice_lsp.generation.pipeline import generate
from spice_lsp.generation.ports import read_ports
from spice_lsp.generation.request import read_request
from tests.measuring import parts, stated


def test_a_pin_word_before_a_name_that_can_only_be_a_node_is_that_node():
    assert stated("JFET stage: RD2 = 2.2k from VDD to drain q_d2, RS2 = 330 to ground.")["RD2"] == ("vdd", "q_d2")
    # a pin word alone is still a node of its own
    assert stated("RB1 = 47k from vcc to base, RB2 = 10k from base to ground.")["RB1"] == ("vcc", "base")


def test_a_pin_and_its_node_after_a_comma_open_a_statement_of_their_own():
    elements = stated("N-JFET amp: RS5 = 680 source resistor bypassed with 47uF, gate g_5 to ground through 2.2meg, "
                         "input i_5 coupled through 100n to the gate.")
    assert elements["RS5"] is None, elements
    assert ("g_5", "0") in elements.values(), elements


def test_a_part_named_like_its_node_in_another_case_keeps_that_node():
    assert stated("RX1 10k from a1 to cx1, CX1 22n from cx1 to ground.")["CX1"] == ("cx1", "0")


def test_a_load_said_after_its_value_hangs_from_its_node():
    assert stated("LP1 (2 mH) across pa and ground; RLD = 220 ohm load on vo2.")["RLD"] == ("vo2", "0")


def test_shunt_and_series_are_places_no_nodes():
    text = "Low-pass m → y: 680 Ω series, 2.2 µF shunt to ground. 1 V AC on m, sweep 1 Hz–10 kHz."
    assert "shunt" not in read_request(text).nodes
    assert parse_intent(text).kind == "rc_lowpass"  # "y: 680" is a node and a value, no Q
    result = generate(text)
    assert result.verified, result.warnings


def test_an_unnamed_dc_source_at_the_input_level_on_a_new_node_is_the_input():
    text = ("From 9 V DC on raw9 I need 4.7 V at zz using a zener and a series resistor. zz drives 1k; size the "
            "resistor so the zener keeps about 3 mA. DC op.")
    assert parse_intent(text).values["RL"].value == 1000.0
    lines = parts(generate(text).netlist)
    assert any(name.startswith("V") and line[:2] == ["raw9", "0"] for name, line in lines.items()), lines


def test_an_equation_with_an_offset_names_its_output_and_inputs():
    roles = read_ports("difference amp whose output sits mid-rail: q_out = 2.5 + 3*(q_a - q_b).").roles
    assert roles == {"output": ("q_out",), "input": ("q_a", "q_b")}


def test_two_netlist_directives_in_one_sentence_are_both_read():
    directives = [a.directive for a in parse_intent("R1 1k a b. I want .op and .ac dec 10 0.5 20k.").analyses]
    assert directives == [".op", ".ac dec 10 0.5 20k"]


def test_an_outside_devices_input_named_in_parentheses_is_our_output():
    assert read_ports("the MCU input (mcu_a) takes 3.3 V max").roles == {"output": ("mcu_a",)}
    assert read_ports("my DAC output (dac_o) feeds it").roles == {"input": ("dac_o",)}


def test_a_level_that_shows_up_as_a_lower_one_is_a_divider_to_that_level():
    text = "Scale it so 12 V in shows up as 3 V at adc_x. Test it with 12 V DC on s12, op point."
    assert read_function(text.lower()).circuit == "voltage divider"
    result = generate(text)
    assert result.intent.kind == "voltage_divider"
    assert any(c.status == "pass" and "3 V" in c.what for c in result.checks), result.checks


def test_twice_as_big_upside_down_is_a_gain_of_minus_two_fed_where_said():
    text = "Take the signal at ga upside down and make it twice as big at gb. op-amp. Feed ga with a 2 kHz, 0.2 V " \
           "amplitude sine and run 2 ms."
    request = read_request(text)
    assert [(s.quantity, s.target) for s in request.specs] == [("gain", -2.0)]
    assert [(s.node, s.sin) for s in request.sources] == [("ga", (0.0, 0.2, 2000.0))]


def test_a_node_that_copies_another_is_the_output():
    roles = read_ports("I want vb2 to copy whatever is on va2, driving a 50 ohm load.").roles
    assert roles == {"output": ("vb2",), "input": ("va2",)}


def test_sweep_it_sweeps_the_source_just_named():
    assert [a.directive for a in parse_intent("Put a DC source VQ on q_c and sweep it 1 V ... 5 V, step 0.5 V.")
            .analyses] == [".dc VQ 1 5 500m"]
    assert [a.directive for a in parse_intent("Output node m_o, measured with DC source VMO swept 0 to 2 V (5 mV).")
            .analyses] == [".dc VMO 0 2 5m"]


def test_a_stated_source_on_a_mirrors_output_replaces_its_holding_source_and_is_swept():
    text = ("Wilson current mirror (three NPNs) sinking 50 uA at w_o, reference current from a resistor off +9 V. "
            "Put a DC source VWO on w_o and sweep it 1 V ... 8 V, step 0.5 V.")
    result = generate(text)
    assert ".dc VWO 1 8 500m" in result.netlist.splitlines(), result.netlist


def test_a_filters_outputs_said_by_response_and_the_node_between_stages_are_ports():
    roles = read_ports("State-variable filter: I want the high-pass at sv_h and the band-pass at sv_b.").roles
    assert roles == {"high-pass output": ("sv_h",), "band-pass output": ("sv_b",)}
    assert read_ports("two Sallen-Key stages, between stages k_mid, output k_out.").roles["stage"] == ("k_mid",)


def test_the_diode_connected_transistors_node_in_an_aside_is_the_reference():
    roles = read_ports("mirror: 200 uA through the diode-connected transistor (node m_ref), output m_out.").roles
    assert roles["reference"] == ("m_ref",)


def test_pins_to_a_level_through_a_value_are_resistors_from_those_pins():
    elements = read_request("pair on +/-9 V: collectors p_c1 and p_c2 each through 4.7k to +9, emitters joined. "
                            "Emitter p_e to -9 V through 3.9k.").elements
    assert sorted((e.nodes, e.value) for e in elements) == [
        (("p_c1", None), 4700.0), (("p_c2", None), 4700.0), (("p_e", None), 3900.0)]


def test_a_dc_level_before_an_ac_one_is_no_ac_magnitude():
    sources = read_request("a current source IQ (DC 3u AC 1) from k_1 to ground; VP on i_p = DC 1.2 V AC 1.").sources
    assert {s.name: (s.node, s.dc, s.ac) for s in sources} == {"IQ": ("0", 3e-06, 1.0), "VP": ("i_p", 1.2, 1.0)}


def test_a_level_wanted_at_a_node_is_no_supply():
    text = "Transimpedance amp for a photodiode current of 5 uA, feedback 200k. I want +1 V at t_o. op"
    assert "VDD" not in parse_intent(text).values


def test_a_signal_from_a_source_through_a_cap_into_a_node_is_the_source_and_its_coupling_cap():
    request = read_request("Emitter follower on 12 V, base node f_b biased by two 47k. Signal f_in from an AC 1 V "
                           "source through 4.7uF into f_b.")
    assert [(s.node, s.ac) for s in request.sources] == [("f_in", 1.0)]
    assert any(e.kind == "C" and e.nodes == ("f_in", "f_b") and e.value == 4.7e-06 for e in request.elements)


def test_a_node_driven_with_an_ac_current_source_gets_that_current_source():
    text = "Tank on node t_k: 22 uH and 1 nF to ground. Drive t_k with an AC 2 mA current source."
    sources = read_request(text).sources
    assert [(s.kind, s.node, s.ac) for s in sources] == [("I", "t_k", 0.002)]


def test_a_step_said_with_an_arrow_at_the_start_is_a_step_on_that_node():
    sources = read_request("R = 4.7k from s_p to s_c, cap from s_c to ground. s_p jumps 0 -> 3 V right at the start "
                           "(1 us rise).").sources
    assert [(s.node, s.pulse[:2] if s.pulse else None) for s in sources] == [("s_p", (0.0, 3.0))]


def test_a_rate_in_times_a_second_is_a_frequency():
    sources = read_request("Feed ck5 with a 0-to-5 V square wave ticking twenty thousand times a second.").sources
    assert sources and sources[0].pulse and sources[0].pulse[6] == 5e-05, sources


def test_volts_out_at_a_node_for_every_milliamp_is_a_transimpedance():
    assert read_function("i want 2 v out at t_o for every ma pushed into the op-amp's input node t_n.").circuit \
        == "transimpedance amplifier"


def test_a_capitalised_word_before_a_bare_figure_is_no_capacitor():
    assert read_request("what oil does a 2012 Cadillac 3.6 take, and how much?").elements == []
    assert [(e.name, e.value) for e in read_request("Cin 22n from a to b").elements] == [("Cin", 2.2e-08)]


def test_two_inputs_written_as_spice_waves_each_drive_their_node_of_a_gate_at_its_stated_supply():
    text = ("CMOS 2-input NOR at 1.8 V (level 1 models, |VT| = 0.4 V). Inputs g_a = PULSE(0 1.8 0 50p 50p 5n 10n) and "
            "g_b = PULSE(0 1.8 0 50p 50p 10n 20n), output g_y with 2 fF load. tran 10p 20n.")
    assert [s.node for s in read_request(text).sources] == ["g_a", "g_b"]
    values = parse_intent(text).values
    assert values["VDD"].value == 1.8 and values["VTO"].value == 0.4
    lines = parts(generate(text).netlist)
    assert any(line[:2] == ["g_b", "0"] and "PULSE" in " ".join(line) for line in lines.values()), lines


def test_so_is_a_node_where_a_part_or_a_pin_places_it():
    text = ("Half-wave rectifier: VS2 = SIN(0 8 60) on sb, D3 anode sb cathode so (default model), RL2 = 2.2k from so "
            "to gnd, CF2 = 47u across so to gnd. .tran 50u 100m")
    assert {e.name: e.nodes for e in read_request(text).elements} == {
        "D3": ("sb", "so"), "RL2": ("so", "0"), "CF2": ("so", "0")}
    lines = parts(generate(text).netlist)
    assert lines["D3"][:2] == ["sb", "so"] and lines["RL2"][:2] == ["so", "0"], lines


def test_the_nodes_where_the_signal_comes_in_and_leaves_are_the_ports():
    text = "Op-amp integrator (inverting), unity-gain 2 kHz; ja is where the signal comes in, jb where it leaves."
    assert read_ports(text).roles == {"input": ("ja",), "output": ("jb",)}
    nodes = {n for line in parts(generate(text).netlist).values() for n in line[:3]}
    assert {"ja", "jb"} <= nodes, nodes


def test_a_mux_passes_the_input_the_request_says_the_select_high_routes():
    text = ("analog 2:1 mux on 3.3 V from two CMOS transmission gates. ua1 = SIN(1.65 0.5 2k), ub1 = 0.5 V DC, select "
            "us = PULSE(0 3.3 0 10n 10n 1m 2m): us high routes ua1 to uy, low routes ub1. 1meg load on uy. tran 4 ms.")
    lines = parts(generate(text).netlist)
    # the NMOS of ua1's gate is driven by the select itself: on while it is high
    assert any(line[0] == "ua1" and line[1] == "us" and line[3] == "0" for name, line in lines.items()
               if name.startswith("M")), lines


def test_bit_nodes_listed_with_their_resistors_are_the_dacs_inputs_in_order():
    text = ("binary-weighted 4-bit DAC into an inverting summer: q3 (MSB) 10k, q2 20k, q1 40k, q0 80k, feedback 10k, "
            "logic high = 5 V. Output q_o. Set code 0110.")
    assert read_ports(text).roles["input"] == ("q3", "q2", "q1", "q0")
    lines = parts(generate(text).netlist)
    assert {line[0]: line[-1] for name, line in lines.items() if name.startswith("V")} == {
        "q3": "0", "q2": "{vref}", "q1": "{vref}", "q0": "0"}, lines


def test_named_sources_on_nodes_written_with_spice_waves_and_a_transient_in_spice_figures():
    text = ("static CMOS NAND2, 3.3 V supply. Inputs: VX on k_a = PULSE(0 3.3 0 0.1n 0.1n 5n 10n), VY on k_b = "
            "PULSE(0 3.3 0 0.1n 0.1n 10n 20n). Output k_y, transient 10p 20n.")
    assert {s.name: s.node for s in read_request(text).sources} == {"VX": "k_a", "VY": "k_b"}
    assert [a.directive for a in parse_intent(text).analyses] == [".tran 10p 20n"]


def test_inputs_listed_by_their_sources_are_the_inputs_and_a_sources_level_is_no_model_parameter():
    text = ("Static CMOS OAI21 gate on 1.8 V (node vdd). Inputs from sources VA on ha, VB on hb, VC on hc; output hy. "
            "Set VA = 1.8 V, VC = 0 and sweep VB from 0 to 1.8 V.")
    assert read_ports(text).roles["input"] == ("ha", "hb", "hc")
    assert not any(p.name == "vaf" for p in read_request(text).model_params)


def test_a_circuit_named_outright_by_a_familys_own_name_is_built_not_refused():
    text = ("three-op-amp instrumentation amplifier, G = 20 via a single Rg, the second stage a plain 10k x4 "
            "subtractor with gain 1. Inputs ip2 at 2.02 V, in2 at 2.00 V. Output io2. Ideal op-amps.")
    assert generate(text).intent.kind == "instrumentation_amplifier"
