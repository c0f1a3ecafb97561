"""The request reader's, designer's and checker's classes of session 18, each with variants written for these tests
(not taken from a benchmark file): transients written "step, stop", AC settings after a comma, degrees per step,
SPICE waves with a micro sign, model names after a device, values in "2R2" with a note, diodes by their pinned ends,
op-amps named X..., sources said after their node, outputs said before their role, a pin "is" its node, a JFET by its
datasheet figures, a sign before "times", unit letters as nodes in an equation, terminations, a drain's bias level, an
integrator's unity-gain frequency, a stated input resistor and its check, DAC words, a brought-out output, Q in words,
a loose |Av|, a duty as a share, the transistor stage said to invert, a band in octaves, and second-order ladders."""
import pytest

from spice_lsp.generation import coverage
from spice_lsp.generation.intent import parse_intent
from spice_lsp.generation.pipeline import generate
from spice_lsp.generation.ports import read_ports
from spice_lsp.generation.recipes.data_conversion import _word
from spice_lsp.generation.request import read_request
from spice_lsp.language.parser import parse
from tests.measuring import parts


def _directives(text: str) -> list[str]:
    return [a.directive for a in parse_intent(text).analyses]


def _element(text: str, name: str):
    return next(e for e in read_request(text).elements if e.name == name)


@pytest.mark.parametrize(("text", "directive"), [
    ("RC charge: R1 = 1k from a to b, C1 = 1u from b to ground, pulse on a. Transient 50u step, 20m stop.",
     ".tran 50u 20m"),
    ("Transient, 2u step, 4.5m stop, of an RC from x to y.", ".tran 2u 4.5m"),
    ("Two RC sections, VAC = AC 1 on p1. AC, 40 points/decade, 10 Hz up to 1 MHz.", ".ac dec 40 10 1meg"),
    ("Diode thermometer: sweep the temperature from -20 up to 120 C, 10 C per step.", ".dc temp -20 120 10"),
])
def test_analysis_settings_said_after_their_kind(text, directive):
    assert directive in _directives(text)


def test_a_spice_pulse_written_with_the_micro_sign_keeps_every_figure():
    text = "R5 = 100k from s1 to s2, C5 = 2.2 µF from s2 to ground, VS5 on s1 (PULSE 0 2 0 5µ 5µ 1 2). Run 2 s."
    source = next(s for s in read_request(text).sources if s.name == "VS5")
    assert source.pulse == pytest.approx((0.0, 2.0, 0.0, 5e-06, 5e-06, 1.0, 2.0))


def test_a_source_that_steps_at_a_time_is_no_dc_sweep():
    text = "RT = 47k from u1 to u2, CT = 10 nF from u2 to ground; VU steps u1 from 0 to 2 V at t=0. Transient 5 ms."
    assert not any(d.startswith(".dc") for d in _directives(text))


def test_a_run_step_written_with_a_bare_prefix_is_no_step_input():
    assert coverage._WAVE_SAID.search("Transient 10u step, 40m stop.") is None
    assert coverage._WAVE_SAID.search("a 2 V step into node sx") is not None


def test_a_model_named_after_a_device_is_no_device():
    part = _element("Q7 is an NPN, model QX9 with BF=120. Collector on c7, base on b7, emitter on e7.", "Q7")
    assert (part.model, part.nodes) == ("QX9", ("c7", "b7", "e7"))
    assert not any(e.name == "QX9" for e in read_request("Q7 is an NPN, model QX9 with BF=120.").elements)


def test_a_value_in_r_notation_with_a_note_before_its_ends():
    part = _element("RS2 4R7 (the damping one) from f1 to f2, L3 47uH from f2 to f3.", "RS2")
    assert (part.nodes, part.value) == (("f1", "f2"), 4.7)


def test_a_diode_named_by_letters_with_pinned_ends():
    part = _element("DK from p9 (anode) to q9 (cathode), model DY with IS=1e-13.", "DK")
    assert part.nodes == ("p9", "q9")


def test_a_note_after_a_node_is_no_node():
    netlist = parse("t\nVA7 w7 0 DC 10\nR1 w7 0 1k\n.op\n.end\n").netlist
    from spice_lsp.generation.stated.nodes import bracketed_nodes
    assert bracketed_nodes("VA7 = 10 V on w7 (primary), R1 = 1k from w7 to ground.", netlist) == []


def test_an_op_amp_named_by_the_request_keeps_its_name():
    text = ("Ideal op-amp XA4 as an inverting stage: RI4 = 4.7k from k1 to km, RF4 = 22k from km to k2, "
            "non-inverting input grounded. VK = 0.1 V DC on k1. Op point.")
    assert any(e.kind == "X" and e.name == "XA4" for e in read_request(text).elements)
    assert "XA4" in parts(generate(text).netlist)


@pytest.mark.parametrize(("text", "node", "ac"), [
    ("first-order all-pass, unity gain, 500 Hz. ph_in driven by 1 V AC, output ph_out", "ph_in", 1.0),
    ("lossy integrator, 4.7k input R, li_in AC 1 V source, li_out output.", "li_in", 1.0),
    ("notch for hum: nh_in is the 1 V AC input, nh_out the buffered output.", "nh_in", 1.0),
])
def test_a_source_said_after_its_node(text, node, ac):
    request = read_request(text)
    assert any(s.node == node and s.ac == ac for s in request.sources)
    assert request.input == node and request.output == node.replace("_in", "_out")


def test_a_part_letter_after_input_is_no_node():
    assert read_request("lossy integrator with a 22k input R, output q2_out.").input != "r"


def test_a_source_named_before_its_node_and_sweep():
    text = ("NMOS curve: M4 (model NQ: LEVEL=1 VTO=0.6 KP=80u, W=5u L=1u), drain dq4, gate gq4, source grounded. "
            "RD4 = 4.7k from vq4 to dq4, VQ4 = 5 V on vq4. VGG on gq4: DC sweep 0 to 2.5 V in 5 mV steps.")
    assert ".dc VGG 0 2.5 5m" in _directives(text)


def test_a_pin_said_at_the_node_just_before():
    text = ("Zener test: current source IR pushing current from ground into node zq, into the cathode of DZ5 (anode "
            "grounded), model DZ51: BV=5.1 IBV=1m. DC sweep IR from 0 to 10 mA in 0.1 mA steps.")
    assert _element(text, "DZ5").nodes == ("0", "zq")


def test_a_source_the_request_calls_by_name():
    text = "r1 is 1k from node hi to node lo, r2 2k from lo to ground. 5 volts on hi (call it vhi). op please"
    assert any(s.name == "vhi" and s.node == "hi" for s in read_request(text).sources)


def test_a_resistor_into_a_pin_at_a_node():
    text = ("D2 forward biased from VD2 = 2 V on vd through R9 = 22 ohm into the anode at dd, cathode grounded. "
            "D2's model DD: IS=1n.")
    assert _element(text, "R9").nodes == ("vd", "dd")


def test_a_pin_is_its_node():
    assert read_ports("Signal at s_in coupled to the gate s_g, drain is s_d.").roles.get("drain") == ("s_d",)


def test_a_jfet_by_idss_and_pinch_off():
    text = ("n-channel JFET common-source stage, IDSS = 8 mA and Vp = -4 V. VDD 18 V, RD = 2.2k. Input ja_in "
            "(AC 1 V), drain is ja_d.")
    params = {p.name: p.value for p in read_request(text).model_params}
    assert params["vto"] == -4.0 and params["beta"] == pytest.approx(8e-3 / 16)
    assert parse_intent(text).values["VDD"].value == 18.0


def test_a_sign_before_times_inverts():
    text = "node b2 should be -3.3 times whatever is on node a2, ideal op-amp, 0.2 V DC into a2, op."
    spec = next(s for s in read_request(text).specs if s.quantity == "gain")
    assert spec.target == pytest.approx(-3.3)


def test_unit_letters_with_no_figure_are_nodes_of_an_equation():
    roles = read_ports("Subtractor giving vo = 4 x (ua - ub), ideal op-amp.").roles
    assert roles["output"] == ("vo",) and set(roles["input"]) == {"ua", "ub"}


def test_a_termination_is_a_load_and_a_source_aside_before_through():
    text = ("3rd order Butterworth LC low-pass, 1 MHz, 75 ohm system. Generator at node g0 (1 V AC) through 75 ohm "
            "into fa; 75 ohm termination at fz.")
    placed = {e.nodes for e in read_request(text).elements if e.kind == "R"}
    assert {("g0", "fa"), ("fz", "0")} <= placed


@pytest.mark.parametrize(("text", "output"), [
    ("NTC divider on 5 V, 10k fixed resistor to ground, tap nt_v.", "nt_v"),
    ("LC low-pass with 50 ohm ends; filter output (across the load) is lf_o.", "lf_o"),
])
def test_outputs_said_by_tap_or_after_an_aside(text, output):
    assert read_request(text).output == output


def test_a_drain_level_designs_the_gate_bias():
    text = ("Bias an NMOS common-source stage so the drain (node dq) sits at 4 V. VDD = 9 V on node vq, RD = 4.7k from "
            "vq to dq, source grounded, model LEVEL=1 VTO=0.8 KP=120u with W=20u L=1u. Gate source VGG on node gq. Op.")
    spec = next(s for s in read_request(text).specs if s.quantity == "vout")
    assert (spec.target, spec.node) == (4.0, "dq")
    answer = generate(text)
    assert answer.verified
    vgs = float(parts(answer.netlist)["VGG"][3])
    assert vgs == pytest.approx(0.8 + (2 * (9 - 4) / 4.7e3 / (120e-6 * 20)) ** 0.5, rel=0.01)


def test_an_integrator_falling_to_unity_at_a_frequency():
    text = ("inverting op-amp integrator, 22 nF feedback cap; choose the input resistor so |gain| falls to 1 at 1 kHz. "
            "Input node g_i, output node g_o.")
    spec = next(s for s in read_request(text).specs if s.quantity == "gain")
    assert (spec.target, spec.at) == (1.0, 1000.0)
    answer = generate(text)
    assert answer.verified
    assert float(parts(answer.netlist)["R1"][2].rstrip("k")) * 1e3 == pytest.approx(1 / (6.2832e3 * 22e-9), rel=0.02)


def test_ideal_names_no_output():
    assert "ideal" not in read_request("Input p_in, output p_out, ideal op-amp, AC 1 at p_in.").nodes


def test_a_stated_input_resistor_is_kept_and_checked():
    text = "Inverting active low-pass, gain -4, 2 kHz corner, input resistor 4.7k. Input v_a, output v_b."
    answer = generate(text)
    assert parts(answer.netlist)["R1"][:2] == ["v_a", "inn"] and answer.verified
    netlist = parse("t\nV1 v_a 0 AC 1\nR1 v_a inn 1.2k\nR2 inn v_b 4.7k\n.end\n").netlist
    [item] = coverage._input_resistor(text, netlist.elements)
    assert item.status == coverage.FAIL


@pytest.mark.parametrize(("text", "word"), [
    ("3-bit R-2R DAC. Bit sources d2 (MSB), d1, d0 set to 110.", (3, 6)),
    ("weighted DAC, bit inputs q3 (MSB), q2, q1, q0 as 0/5 V sources set to 0101.", (4, 5)),
])
def test_bits_listed_with_asides_and_set_by_one_word(text, word):
    assert _word(text) == word


def test_an_output_brought_out_by_what_it_carries():
    roles = read_ports("state-variable filter, input sv_in, band-pass output sv_bp; bring out the high-pass as sv_hp.")
    assert roles.roles["high-pass output"] == ("sv_hp",)


@pytest.mark.parametrize(("text", "quantity", "target", "at"), [
    ("Pick L and C for a 5 kHz band-pass with a quality factor of 8 into 100 ohm.", "q", 8.0, None),
    ("Single NPN amplifier, emitter resistor left unbypassed, |Av| around 8 at 2 kHz, 12 V.", "gain", 8.0, 2000.0),
])
def test_specs_in_words(text, quantity, target, at):
    spec = next(s for s in read_request(text).specs if s.quantity == quantity)
    assert (spec.target, spec.at) == (target, at)


def test_a_duty_said_as_a_share_of_the_period():
    source = read_request("Clock on node k9: 0 / 5 V, period 40 us, high for a quarter of each period, "
                          "5 ns edges. tran to 400 us.").sources[0]
    assert source.pulse is not None and source.pulse[5] == pytest.approx(10e-6)


def test_a_transistor_stage_said_to_invert_is_no_op_amp_stage():
    text = "One NPN stage, emitter resistor left unbypassed, inverting, gain about 4, 9 V supply, output at node co."
    assert parse_intent(text).kind == "bjt_degenerated_ce"
    assert parse_intent("inverting amplifier, gain -3, input a, output b").kind == "opamp_inverting"


def test_a_band_an_octave_wide_and_a_series_l_and_c():
    text = ("Pass only what is near 2 kHz from node w1 to node w2, an octave-wide window, passive (a series L and C "
            "into a resistor to ground on w2). AC 1 V on w1.")
    q = next(s for s in read_request(text).specs if s.quantity == "q")
    assert q.target == pytest.approx(2 ** 0.5)
    assert parse_intent(text).kind == "rlc_bandpass"


def test_hysteresis_is_the_relaxation_oscillators_own():
    answer = generate("Op-amp relaxation oscillator at 2 kHz, square wave on node sq, +/-10 V rails, hysteresis "
                      "set by two equal resistors, timing cap on node tc.")
    assert "X1" in parts(answer.netlist)


def test_a_second_order_ladder_only_with_its_terminations():
    plain = generate("Second-order passive RLC low-pass, Butterworth, cutoff 2 kHz, from in to out.").netlist
    ended = generate("Second-order LC low-pass, Butterworth, 20 kHz cutoff, 75 ohm source and 75 ohm load.").netlist
    assert sum(1 for n in parts(ended) if n[0] in "LC") == 2
    assert "order 2" not in plain


def test_a_node_held_at_dc_is_no_input_by_its_suffix():
    text = ("Diode charge-pump doubler: 9 V DC on node pp_in, a 0-9 V 20 kHz square wave on node pp_ck driving a "
            "1 uF flying capacitor, two diodes, 10 uF output cap and 4.7k load on node pd. Run 5 ms.")
    assert read_request(text).input == "pp_ck"
    assert read_request("Schmitt: output q_out goes high when q_in rises past 2 V. Input source VQ.").input == "q_in"


def test_a_name_its_wave_follows_is_a_source():
    text = "VP: PULSE 0 to 5 V, 10 ns edges, 10 us on, 20 us period, on node ck2. R1 = 1k from ck2 to r2, C1 = 1n."
    assert any(s.name == "VP" and s.node == "ck2" for s in read_request(text).sources)


def test_a_level_reached_some_time_afterwards_is_a_lag():
    text = "When node n1 steps from 0 to 3 V at t = 0, node n2 should reach 1.5 V about 2 ms afterwards. Just R and C."
    answer = generate(text)
    assert {name[0] for name in parts(answer.netlist)} >= {"R", "C"} and answer.verified


def test_a_family_word_after_a_figure_names_its_role_and_a_source_its_fed_node():
    text = ("Series regulator: op-amp error amp, NPN pass transistor, ideal 1.8 V source as the reference. Raw input "
            "r_in from source VBAT = 12 V, regulated 3.6 V at r_out with a 100 ohm load.")
    values = parse_intent(text).values
    assert values["VZ"].value == 1.8 and values["VIN"].value == 12.0
    assert any(s.name == "VBAT" and s.node == "r_in" for s in read_request(text).sources)


def test_a_node_said_high_while_is_the_output():
    assert read_request("window detector: w_ok is high only while w_in is between 1 V and 2 V.").output == "w_ok"


def test_a_flash_converter_keeps_its_input_level_and_output_swing():
    answer = generate("2-bit flash converter: 3 V reference across 4 equal resistors, taps t1 to t3, each tap on a "
                      "comparator with f_in (1.7 V) on the other input; comparator outputs c1 to c3, 0/3.3 V.")
    assert parts(answer.netlist)["V1"][:4] == ["f_in", "0", "DC", "1.7"]
    assert "vhigh=3.3" in answer.netlist


@pytest.mark.parametrize(("text", "node", "level"), [
    ("BJT cascode amp on 15 V (node cv). Upper collector is the output c_out and should sit near 9 V DC. Input c_in.",
     "c_out", 9.0),
    ("TIA: a 2 uA current source, 470k feedback so the output t_out is +0.94 V.", "t_out", 0.94),
])
def test_an_output_level_said_of_the_named_output(text, node, level):
    spec = next(s for s in read_request(text).specs if s.quantity == "vout")
    assert (spec.node, spec.target) == (node, level)


def test_a_cascode_designed_to_its_output_level():
    answer = generate("BJT cascode amp on a 15 V rail (node cv). Upper collector is the output c_out and should sit "
                      "near 9 V DC. Input c_in, 1 V AC source.")
    assert answer.verified and any("c_out: 9" in c.detail or "vout 9V" in c.detail for c in answer.checks)


def test_a_photodiode_capacitance_said_in_parallel_is_no_feedback_capacitor():
    text = ("photodiode TIA: the diode as a 3 uA current source in parallel with 20 pF, pulling from the summing node "
            "s_k; 100k feedback so the output s_out is +0.3 V, and a feedback cap for 20 kHz bandwidth.")
    lines = parts(generate(text).netlist)
    assert lines["C2"][:3] == ["s_k", "0", "20p"]
    assert float(lines["C1"][2].rstrip("p")) * 1e-12 == pytest.approx(1 / (6.2832 * 100e3 * 20e3), rel=0.06)


def test_a_passive_pole_before_an_active_section_is_the_active_cascade():
    text = "3rd-order Butterworth low-pass at 2 kHz: passive RC pole plus a unity-gain Sallen-Key section, in y1."
    assert parse_intent(text).kind == "butterworth_lowpass"


def test_a_long_tailed_pair_with_one_base_grounded():
    text = ("long-tailed pair, +/-9 V supplies, 4.7k collector resistors, 2 mA ideal tail current. Drive base pa "
            "with a 1 V AC source, tie base pb to ground. Collectors pc1 and pc2.")
    assert parse_intent(text).kind == "bjt_long_tailed_pair"
    lines = parts(generate(text).netlist)
    assert lines["V3"][:2] == ["pa", "0"] and lines["V4"][:2] == ["pb", "0"]
    assert any(name.startswith("I") and words[3] == "2m" for name, words in lines.items())


def test_a_plain_figure_written_in_ohms_elsewhere_is_a_resistor():
    text = "half bridge of 120 ohm arms; the dummy 120 from q_n to ground, the gauge 120.3 ohm from q_p to ground."
    assert any(e.kind == "R" and e.nodes == ("q_n", "0") and e.value == 120 for e in read_request(text).elements)


def test_an_oscillators_bare_frequency_is_its_frequency():
    answer = generate("RC phase-shift oscillator with an inverting op-amp, target 800 Hz using 4.7k resistors, output "
                      "po. Some diode limiting is fine.")
    assert any("target frequency 800Hz" in c.detail for c in answer.checks)


def test_an_emitter_follower_coupled_to_its_load_with_its_emitter_level():
    text = ("Emitter follower from a single 12 V supply: divider-biased base, emitter e_x parked at about half supply, "
            "output AC-coupled into a 2.2k load at e_ld. Input e_in (1 V AC).")
    request = read_request(text)
    assert any(s.node == "e_in" and s.ac == 1.0 for s in request.sources)
    assert next(s for s in request.specs if s.quantity == "vout").node == "e_x"
    answer = generate(text)
    lines = parts(answer.netlist)
    assert lines["C2"][:2] == ["e_x", "e_ld"] and answer.verified


def test_a_lossy_integrators_dc_gain_in_db():
    text = "lossy integrator, 4.7k input R, unity-gain frequency 300 Hz, DC gain capped at 30 dB, input l1, output l2."
    spec = next(s for s in read_request(text).specs if s.quantity == "dc_gain_db")
    assert spec.target == 30.0
    lines = parts(generate(text).netlist)
    assert float(lines["R2"][2].rstrip("k")) * 1e3 / 4.7e3 == pytest.approx(10 ** 1.5, rel=0.02)


def test_a_chips_internals_are_refused():
    from spice_lsp.generation.scope import one_chip
    assert one_chip("schematic of the transistor-level internals of the power-management IC in my phone, as taped out")
    assert one_chip("RC low-pass, 1 kHz, input a, output b") is None


def test_a_square_averaged_by_an_r_and_a_c_to_a_ripple():
    text = ("A 2 kHz 0-3.3 V square wave, 25 % duty, on node q1 (make that source VQ). I want node q2 to sit at its "
            "average with less than 20 mV of ripple peak to peak, using an R and a C. Run a 0.3 s transient.")
    source = next(s for s in read_request(text).sources if s.name == "VQ")
    assert source.node == "q1" and source.pulse[:2] == (0.0, 3.3)
    assert parse_intent(text).kind == "rc_lowpass"
    answer = generate(text)
    lines = parts(answer.netlist)
    r, c = (float(lines[n][2].replace("meg", "e6").replace("k", "e3").replace("n", "e-9").replace("u", "e-6"))
            for n in ("R1", "C1"))
    assert r * c >= 3.3 * 0.25 * 0.75 * 0.5e-3 / 20e-3 and answer.verified


def test_a_source_behind_its_own_resistance_into_a_buffer():
    text = ("My probe looks like 1.5 V (source VP1 on node p_raw) behind 47k, which lands on node p_in. I need to "
            "drive a 1k load on node p_out without loading the probe. Ideal op-amp. Op point.")
    assert parse_intent(text).kind == "opamp_buffer"
    assert any(e.kind == "R" and e.nodes == ("p_raw", "p_in") for e in read_request(text).elements)
    lines = parts(generate(text).netlist)
    assert lines["VP1"][:2] == ["p_raw", "0"] and lines["X1"][0] == "p_in"


def test_a_source_said_as_a_parts_end_and_a_stiff_shunt_regulator():
    text = ("op-amp shunt regulator: 220 ohm series resistor from VS9 (15 V) down to r_out, NPN shunt across r_out "
            "controlled by the op-amp, 2.5 V ideal reference, output 5.0 V into a 2.2k load.")
    assert [(s.name, s.node) for s in read_request(text).sources] == [("VS9", "vs9")]
    answer = generate(text)
    assert parts(answer.netlist)["VS9"][:2] == ["vs9", "0"]
    # (the family's shunt is behavioural: the NPN the request names is absent, so the answer is not verified)
    assert not answer.verified and any(c.what.startswith("NPN") and c.status == "fail" for c in answer.checks)


def test_a_clipper_biased_on_both_sides():
    text = ("biased diode clipper: c_in is an 8 V peak 1 kHz sine, 1k series resistor to c_out, clip both sides at "
            "roughly +/-4 V using two diodes and DC bias sources.")
    assert not any(d.startswith(".op") for d in _directives(text))
    answer = generate(text)
    lines = parts(answer.netlist)
    assert lines["V3"][3] == "{-3.4}" and answer.verified


def test_an_output_swing_said_after_the_word_output():
    text = "inverting Schmitt trigger, output +/-6 V at q_o, thresholds at +1.5 V and -1.5 V. Input q_i, source VQI."
    assert not any(s.node == "q_o" for s in read_request(text).sources)
    answer = generate(text)
    assert "swing=6" in answer.netlist and answer.verified


def test_a_node_fed_from_a_source_through_a_part_is_the_parts_far_end():
    text = ("L5 = 2.2 mH and C5 = 22 nF both sit from node tk to ground. Node tk is fed from VF (1 V AC on node fd) "
            "through R5 = 33k. AC sweep from 10 kHz to 40 kHz.")
    assert next(s for s in read_request(text).sources if s.name == "VF").node == "fd"
    assert _element(text, "R5").nodes == ("fd", "tk")


def test_the_other_base_grounded_by_the_verb_and_a_clippers_bias_source():
    text = ("Long-tailed pair: two NPNs, 4.7k collector resistors to +9 V, an ideal 1 mA tail current sink to -9 V. "
            "Drive base g_b1 with a 1 V AC source, ground the other base g_b2 and take the output at g_c2.")
    assert parts(generate(text).netlist)["V4"][:2] == ["g_b2", "0"]
    clip = ("biased positive clipper: 5 V peak, 1 kHz sine on node k_in, 1k in series to k_out, a diode from k_out to "
            "a 1.5 V DC source (cathode on the source). 3 ms tran.")
    assert parse_intent(clip).values["VBIAS"].value == 1.5
    assert all(s.dc is None for s in read_request(clip).sources if s.node == "k_in")


def test_the_one_probed_node_is_the_output_and_a_thermistor_constant_is_no_resistor():
    text = ("NTC thermistor, 47k at 25 C with B = 4050 K, on the low side of a divider: 22k from the 3.3 V rail "
            "(node r3) to n_o, thermistor from n_o to ground. Model the thermistor as its resistance at 60 C and tell "
            "me v(n_o).")
    assert read_request(text).output == "n_o"
    assert not any(v.unit == "ohm" and v.value > 1e6 for v in parse_intent(text).values.values())
    assert parts(generate(text).netlist)["R1"][:2] == ["r3", "n_o"]


@pytest.mark.parametrize(("text", "kind"), [
    ("Boost my bass signal at bs by 12 dB into bo, same phase, without loading the pickup much. One op-amp on ±12 V.",
     "opamp_noninverting"),
])
def test_a_gain_asked_without_loading_is_no_follower(text, kind):
    assert parse_intent(text).kind == kind


def test_a_triangle_or_sine_named_in_an_aside_keeps_its_own_wave():
    text = "PWM comparator: a 2 kHz triangle from 0 to 3 V at tr (source VTR) is compared with 1 V at cl. Run 3 ms."
    assert next(s for s in read_request(text).sources if s.name == "VTR").pulse is None


# Classes of the held-out answers falsely verified at the session's end (read after its figures), each with variants.
def test_a_non_inverting_gain_below_one_is_reported():
    answer = generate("Non-inverting op-amp stage from a6 to b6 with a gain of exactly +0.4, just the op-amp and its "
                      "two feedback resistors.")
    assert not answer.verified


def test_spice_suffixes_in_capitals_and_a_mixed_case_source_name():
    text = "R7 2K2 a1n -> a2n, C7 330P a2n -> GND, Vg AC 1 on a1n. AC 10K-10MEG, 50 PTS/DEC"
    assert _element(text, "C7").value == pytest.approx(330e-12)
    assert "Vg" in parts(generate(text).netlist)


def test_a_level_said_before_the_source_that_feeds_a_node():
    text = ("discrete series regulator, an ideal op-amp drives the base of an NPN pass device, 2.5 V reference, 12 V "
            "in at q_in from source VQ, regulated 5 V at q_out into a 50 ohm load.")
    assert next(s for s in read_request(text).sources if s.name == "VQ").dc == 12.0


def test_an_unloaded_zener_designed_for_its_own_current():
    text = ("3.3 V reference from a 12 V supply with a zener: VZA on za, a dropping resistor from za to zb, and the "
            "zener (model BV=3.3 IBV=1m IS=1e-14) from zb to ground, cathode at zb. Choose the resistor for 4 mA of "
            "zener current with nothing else loading zb.")
    lines = parts(generate(text).netlist)
    assert not any(name.startswith("R") and words[:2] == ["zb", "0"] for name, words in lines.items())
    assert lines["R1"][2] == "2.15k"


def test_an_ideal_op_amp_in_a_transimpedance_stage_leaves_its_corner_to_the_feedback():
    text = ("photodiode TIA: diode modeled as current source IPD (4 uA DC, AC 1) in parallel with 10 pF, on the "
            "inverting input, ideal op-amp, 250k feedback with 1 pF across it. Output p_o should be +1 V DC.")
    assert "Cpole p 0 1.59n" in generate(text).netlist
    assert "Cpole p 0 15.9u" in generate("photodiode TIA, 100k feedback, output t_o, 10 uA photocurrent").netlist


def test_a_two_pole_pwm_filter_needs_no_more_capacitance_than_its_ripple_bound():
    answer = generate("PWM DAC: 0-3.3 V pulse at 20 kHz with 60 % duty on pw_a, two-pole passive RC filter to pw_b; "
                      "I need < 10 mV p-p ripple.")
    c = float(parts(answer.netlist)["C1"][2].rstrip("n")) * 1e-9
    x = (2 * 3.14159 * 3.3 * 0.6 * 0.4 / (0.7 * 0.01)) ** 0.5
    assert c == pytest.approx(x / (2 * 3.14159 * 20e3 * 10e3), rel=0.05)
