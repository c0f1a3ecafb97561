"""The request reader's and composer's classes of session 17, each with variants written for these tests (not taken
from a benchmark file): a sweep said "as DC", a model named by "has", a source said across a part, analyses said after
an .op, a range written "..", a transient written "step / stop", levels in "3v3" and worded volts, a source's level
said in a later sentence, the node a level or a supply aside names, a part that "feeds it", a ground-leg resistor, a
decibel note on a gain, a stage driving a node, levels written v(x) = ..., "amp" for amplifier, and ports by their
_in/_out suffixes."""
import pytest

from spice_lsp.generation.intent import parse_intent
from spice_lsp.generation.pipeline import generate
from spice_lsp.generation.request import read_request
from tests.measuring import parts


def _directives(text: str) -> list[str]:
    return [a.directive for a in parse_intent(text).analyses]


def _sources(text: str) -> dict[str | None, tuple]:
    return {s.name or s.node: (s.node, s.dc, s.ac) for s in read_request(text).sources}


@pytest.mark.parametrize(("text", "directive"), [
    ("Sweep V1 as DC, 0 V to 2 V, step 10 mV.", ".dc V1 0 2 10m"),
    ("Sweep VG as a DC, 0 to 3 V, step 50 mV.", ".dc VG 0 3 50m"),
])
def test_a_sweep_said_as_dc_before_its_range(text, directive):
    assert directive in _directives(text)


def test_a_model_named_with_has_reaches_the_part_and_the_card():
    text = ("Diode I-V: VX directly across D3 (anode da, cathode ground); D3's model DQ has IS=2e-14. "
            "Sweep VX from 0 to 0.75 V in 5 mV steps.")
    part = next(e for e in read_request(text).elements if e.name == "D3")
    assert part.model == "DQ"
    answer = generate(text)
    lines = parts(answer.netlist)
    assert lines["D3"] == ["da", "0", "DQ"] and lines["VX"][:2] == ["da", "0"]
    assert any(r.lower().startswith(".model dq d") and "is=2e-14" in r.lower() for r in answer.netlist.splitlines())
    assert answer.verified


@pytest.mark.parametrize(("text", "name", "plus", "minus"), [
    ("R4 = 1k from p to q. VS across R4. Operating point with VS = 2 V.", "VS", "p", "q"),
    ("D2 with anode a and cathode to ground; VP sits right across D2. Sweep VP from 0 to 0.7 V.", "VP", "a", None),
])
def test_a_source_said_across_a_part_takes_its_ends(text, name, plus, minus):
    source = next(s for s in read_request(text).sources if s.name == name)
    assert (source.node, source.minus) == (plus, minus)


@pytest.mark.parametrize(("text", "directive"), [
    ("RC: R1 = 1k from a to b, C1 = 1u from b to ground. Give me an .op and an AC sweep 0.5 Hz to 2 kHz at 10 "
     "points/dec.", ".ac dec 10 500m 2k"),
    ("R1 = 10 from a to b, L1 = 1 mH from b to 0, PULSE on a. Run .op and also a transient from 0 to 3 ms with 1 us "
     "step.", ".tran 1u 3m"),
])
def test_an_op_said_first_leaves_the_next_analysis_its_figures(text, directive):
    assert ".op" in _directives(text) and directive in _directives(text)


def test_a_range_written_with_two_dots_keeps_its_points():
    assert ".ac dec 30 10 100k" in _directives("V1 AC 1 on a, ac 10 Hz .. 100 kHz at 30/dec.")


@pytest.mark.parametrize(("text", "directive"), [
    ("R1 = 1k from a to b, C1 = 1u from b to 0. Transient 5u / 4m.", ".tran 5u 4m"),
    ("Transient: 20n / 10u, please.", ".tran 20n 10u"),
])
def test_a_transient_written_step_slash_stop(text, directive):
    assert directive in _directives(text)


def test_a_source_name_ending_in_a_digit_is_no_level():
    assert _sources("R7 2k2 from s to t. V7 AC 1 on s.")["V7"] == ("s", None, 1.0)


@pytest.mark.parametrize(("text", "key", "level"), [
    ("5v0 rail on node r5 (source VR5), 1k from r5 to m, 1k from m to gnd. Op point.", "VR5", 5.0),
    ("i have a twelve volt battery on node bt and a 10k resistor from bt to node m, 10k from m to ground", "bt", 12.0),
    ("a 6 volt source on node q, 1k from q to ground", "q", 6.0),
])
def test_levels_in_rail_notation_and_in_words(text, key, level):
    assert _sources(text)[key][1] == level


def test_a_named_sources_level_said_in_a_later_sentence():
    text = "Load R1 = 50 from node ld to ground, source VS on node ld. Check it with VS = -5 V."
    assert _sources(text)["VS"] == ("ld", -5.0, None)


def test_a_level_on_a_node_followed_by_in_is_the_input():
    answer = generate("Voltage divider: 10 V on vten in, 2.5 V out on node q25.")
    assert parts(answer.netlist)["V1"][:2] == ["vten", "0"]


def test_a_circuit_run_off_a_level_on_a_noted_node():
    source = read_request("NPN emitter follower off 9 V (node v9), 1k emitter resistor.").sources[0]
    assert (source.node, source.dc, source.supply) == ("v9", 9.0, True)


def test_a_part_that_feeds_it_runs_from_its_node_to_the_part_before():
    text = ("L2 = 1 mH and C2 = 100 nF both from lc to ground. R2 = 1k feeds it from src, and VS on src is AC 1. "
            "AC from 1 kHz to 100 kHz.")
    assert next(e for e in read_request(text).elements if e.name == "R2").nodes == ("src", "lc")
    answer = generate(text)
    assert parts(answer.netlist)["R2"][:2] == ["src", "lc"] and answer.verified


def test_a_ground_leg_resistor_is_the_amplifiers_and_its_checks_follow_its_value():
    answer = generate("Non-inverting amplifier with a gain of 6, ground-leg resistor RB = 2k. Input a1, output a2. "
                      "AC 1 V on a1.")
    lines = parts(answer.netlist)
    assert lines["RB"][1] == "0" and lines["RB"][2] == "2k"
    assert answer.verified


def test_a_decibel_note_on_a_gain_is_read_with_it():
    spec = read_request("Op-amp integrator with unity gain (0 dB) at 500 Hz, input resistor 20k.").specs[0]
    assert (spec.quantity, abs(spec.target), spec.at) == ("gain", 1.0, 500.0)


@pytest.mark.parametrize(("text", "output"), [
    ("Passive RC high-pass from a to b, then a follower driving fout.", "fout"),
    ("First an RC low-pass, then a buffer stage that drives node lpo.", "lpo"),
])
def test_the_node_a_last_stage_drives_is_the_output(text, output):
    assert read_request(text).output == output


def test_levels_written_as_node_voltages_of_stated_sources():
    assert _sources("Subtractor, gain 2. v(xa)=1.5 V and v(xb)=0.5 V, both DC sources. Output xo.") == {
        "xa": ("xa", 1.5, None), "xb": ("xb", 0.5, None)}
    assert not read_request("Divider from 9 V; v(out) = 3 V should be the result, sources at 9 V.").sources[1:]


def test_a_source_called_by_its_node_with_its_levels_aside():
    assert _sources("Common-emitter stage, input source sig_a (2 V DC, AC 1) into the base.")["sig_a"] == (
        "sig_a", 2.0, 1.0)


@pytest.mark.parametrize(("text", "kind"), [
    ("difference amp, gain 2", "difference_amplifier"),
    ("inverting amp with a gain of 3", "opamp_inverting"),
])
def test_amp_is_an_amplifier(text, kind):
    assert parse_intent(text).kind == kind


def test_a_load_of_two_amps_is_no_amplifier():
    assert parse_intent("a 2 amp load on out").kind != "opamp_inverting"


def test_ports_named_by_their_in_and_out_suffixes():
    answer = generate("boost converter from a 5 V cell (pw_in): 22u inductor, ideal switch to ground at 100 kHz, "
                      "duty 0.5, diode to pw_out, 100u output cap, 50 ohm load. tran 3 ms")
    lines = parts(answer.netlist)
    assert any(v[:2] == ["pw_in", "0"] for k, v in lines.items() if k.startswith("V"))
    assert any("pw_out" in v[:2] for k, v in lines.items() if k.startswith("R"))


@pytest.mark.parametrize("text", [
    "Netlist of the pentode RF stage in my 1952 radio, values as in the manual.",
    "A triode cathode follower from the old Philips handbook, exactly as printed.",
])
def test_a_vacuum_tube_circuit_is_refused_by_name(text):
    from spice_lsp.generation.pipeline import CannotServe
    with pytest.raises(CannotServe, match="no recipe for"):
        generate(text)


def test_triode_said_of_a_mosfet_is_its_region():
    from spice_lsp.generation.scope import not_a_circuit
    assert not_a_circuit("NMOS M1 biased in triode, VDS = 0.1 V, W/L = 10u/1u") is None


def test_a_multiple_feedback_low_pass_with_its_resistors_stated_meets_its_corner():
    answer = generate("Multiple-feedback low-pass, Butterworth, fc = 2 kHz, inverting gain of 3 (R1 = 4.7k in, "
                      "R2 = 14.1k feedback). Input a with 1 V AC, output b.")
    lines = parts(answer.netlist)
    assert lines["R1"][2] == "4.7k" and lines["R2"][2] == "14.1k"
    assert answer.verified


@pytest.mark.parametrize(("text", "target"), [
    ("MFB low-pass, 1 kHz, inverting gain of 4", -4.0),
    ("a non-inverting gain of 4", 4.0),
    ("an inverting gain of -4", -4.0),
])
def test_a_gain_said_inverting_carries_its_sign(text, target):
    assert next(s.target for s in read_request(text).specs if s.quantity == "gain") == target


def test_the_halves_of_a_wave_are_no_fraction_and_name_a_rectifier():
    text = "Node s has a 50 Hz sine, 10 V peak. Keep only its upper halves at node r - the bottom halves must " \
           "vanish. 1k load on r. 60 ms."
    assert parse_intent(text).kind == "half_wave_rectifier"
    answer = generate(text)
    assert not any("'halves'" in w for w in answer.warnings)


@pytest.mark.parametrize(("text", "kind"), [
    ("node hi is too big - I want a copy a fifth the size at node lo. Passive only.", "voltage_divider"),
    ("Blend the voltages on a and b into node s with equal weights, op-amp based.", "summing_amplifier"),
])
def test_paraphrased_divider_and_mixer(text, kind):
    assert parse_intent(text).kind.startswith(kind)


def test_a_resistor_said_by_its_value_there_sits_between_the_ends_said_before():
    part = read_request("Hold 1 mA through whatever sits between node vp (9 V) and node lq - test with a 4.7k there."
                        ).elements[0]
    assert (part.kind, part.nodes, part.value) == ("R", ("vp", "lq"), 4700.0)


def test_a_level_noted_on_a_node_is_its_source_not_an_output_spec():
    request = read_request("Current sink: 1 mA through a load between node v9 (9 V) and node ld.")
    assert any(s.node == "v9" and s.dc == 9.0 for s in request.sources)
    assert not any(s.quantity == "vout" for s in request.specs)


def test_split_rails_by_their_level_with_the_nodes_aside():
    assert _sources("Push-pull stage on +/-15 V (nodes vp15, vn15), 8 ohm load on o.") == {
        "vp15": ("vp15", 15.0, None), "vn15": ("vn15", -15.0, None)}


def test_a_level_the_circuits_own_divider_makes_is_no_source():
    request = read_request("Emitter follower, 12 V supply on vcc, base of the NPN held at 4 V by a 20k/10k divider.")
    assert [s.node for s in request.sources] == ["vcc"]


def test_outputs_named_by_their_suffixes_go_on_the_nodes_the_suffixes_name():
    answer = generate("State-variable filter, f0 = 2 kHz, Q = 1. Input f_in (1 V AC); outputs: f_hp, f_bp, f_lp.")
    lines = parts(answer.netlist)
    outputs = {n for v in lines.values() for n in v[:3]}
    assert {"f_hp", "f_bp", "f_lp"} <= outputs
    assert any(r.startswith(".print ac vm(f_bp)") for r in answer.netlist.splitlines())


def test_a_band_pass_f0_is_its_centre():
    answer = generate("State-variable band-pass filter with f0 = 3 kHz and Q = 2.")
    assert "design_freq=1k" not in answer.netlist and answer.verified


@pytest.mark.parametrize(("text", "kind"), [
    ("Precision full-wave rectifier: half-wave precision rectifier plus summing amp, 10k resistors. Input a is a 1 V "
     "peak 1 kHz sine, output b.", "precision_full_wave_rectifier"),
    ("Long-tailed pair: two matched NPNs, 4.7k collector resistors, 1 mA tail.", "bjt_long_tailed_pair"),
    ("Differential pair: NMOS devices, 10k drain resistors.", "differential_pair"),
])
def test_the_circuit_a_heading_names_with_the_devices_said_after_it(text, kind):
    assert parse_intent(text).kind == kind


def test_a_source_driving_a_pin_named_node():
    assert _sources("Differential pair. Drive base qb1 with a 1 V AC source (0 V DC).")["qb1"] == ("qb1", 0.0, 1.0)


@pytest.mark.parametrize(("text", "kind"), [
    ("Passive 2nd-order low-pass, maximally flat, 5 kHz corner, with a 10 mH inductor and a capacitor.", "lc_lowpass"),
    ("passive Butterworth low-pass, 3rd order, 1 kHz", "lc_ladder_lowpass"),
    ("Butterworth low-pass, 4th order, 1 kHz", "butterworth_lowpass"),
])
def test_a_response_said_passive_is_an_lc_filters(text, kind):
    assert parse_intent(text).kind == kind


def test_a_capacitor_charged_through_a_resistor_from_a_source_onto_its_named_node():
    text = ("Charge C4 = 4.7 µF through R4 = 1.2 kΩ from a step source VS on node a (0 to 5 V at 1 ms); the capacitor "
            "node is q. Transient 20 ms.")
    said = {e.name: e.nodes for e in read_request(text).elements}
    assert said == {"C4": ("q", "0"), "R4": ("a", "q")}
    assert generate(text).verified


def test_a_named_resistor_said_by_its_value_loads_a_node():
    part = next(e for e in read_request("E2 gain 3 from node x to node y. A 2.2k RY loads y.").elements
                if e.name == "RY")
    assert (part.nodes, part.value) == (("y", "0"), 2200.0)


def test_run_it_out_to_a_time_is_a_transient():
    assert ".tran 100n 100u" in _directives("R1 = 1k from a to b, C1 = 10n from b to 0, a step on a. run it out to "
                                            "100us")


def test_another_parts_pin_is_not_the_supplys_node():
    text = "LED driver: 15 mA through a green LED from a 5 V supply VS5 via a series resistor, LED anode at node ga."
    assert next(s for s in read_request(text).sources if s.name == "VS5").node != "ga"
    answer = generate(text)
    assert parts(answer.netlist)["D1"][0] == "ga" and answer.verified


def test_each_inputs_weight_said_by_it():
    from spice_lsp.generation.recipes.opamp_circuits import _weights
    assert _weights("Inverting summer: weight a1 by -3 and a2 by -1.5, output y.", ["a1", "a2"]) == [3.0, 1.5]
    assert _weights("a1 weighted 2, a2 weighted 5", ["a1", "a2"]) == [2.0, 5.0]


def test_a_load_after_a_sources_node_loads_the_output():
    request = read_request("Zener shunt regulator giving 5.1 V at node zo from a 12 V input (node v12) into a 2 kΩ "
                           "load.")
    assert not any(e.kind == "R" and "v12" in (e.nodes or ()) for e in request.elements)
    answer = generate("Zener shunt regulator giving 5.1 V at node zo from a 12 V input (node v12) into a 2 kΩ load.")
    assert parts(answer.netlist)["V1"][:2] == ["v12", "0"] and answer.verified


def test_an_unregulated_level_on_a_node_is_its_source_not_the_output():
    request = read_request("Zener shunt regulator: 18 V unregulated on node un, 9.1 V regulated out on node rg.")
    assert [(s.node, s.dc) for s in request.sources] == [("un", 18.0)]
    assert not any(s.quantity == "vout" and s.target == 18.0 for s in request.specs)


@pytest.mark.parametrize(("text", "rise"), [
    ("a rounded copy on node b whose 10-90 % rise takes about 50 us", 50e-6),
    ("the output at node s should take about 2 ms to go from 10 % to 90 %", 2e-3),
])
def test_a_rise_time_is_a_spec(text, rise):
    spec = next(s for s in read_request(text).specs if s.quantity == "rise")
    assert spec.target == pytest.approx(rise)


def test_a_rounded_square_is_a_low_pass_designed_and_measured_by_its_rise():
    answer = generate("A 0-3.3 V, 2 kHz square wave sits on node hard. I want a rounded copy on node rd whose 10-90 % "
                      "rise takes about 44 us. One resistor, one cap. 2 ms of transient.")
    assert answer.intent.kind == "rc_lowpass"
    rise = next(i for i in answer.checks if i.what.startswith("10-90 % rise"))
    assert rise.status == "pass" and answer.verified


def test_a_heading_naming_a_circuit_made_of_one_stage_is_that_stage():
    text = ("Photodetector front end: a transimpedance amplifier with a 47 kΩ feedback resistor converts a 10 µA "
            "photocurrent to a voltage at node out; operating point.")
    assert parse_intent(text).kind == "transimpedance"


def test_a_series_rlc_low_pass_natural_frequency_stays_its_f0():
    spec = next(s for s in generate("Series R-L-C low-pass with the output across the capacitor: natural frequency "
                                    "5 kHz, Q = 2, inductor 10 mH. Input node a, output node b.").checks
                if "natural frequency" in s.what)
    assert "phase" in spec.detail and spec.status == "pass"


def test_a_pin_word_then_a_verb_is_no_node():
    assert all(s.node != "turns" for s in read_request(
        "NMOS low-side switch: 5 V on the gate turns on a 50 ohm load (RL from v12 to drain) on a 12 V rail.").sources)


def test_a_dash_ends_the_clause_a_verb_governs():
    assert parse_intent("I want node m to carry only what's on node v below roughly 2 kHz - the highs should be cut "
                        "off. One resistor and one capacitor.").kind == "rc_lowpass"


@pytest.mark.parametrize(("text", "kind"), [
    ("My sensor signal on node s is swamped by 60 Hz hum. A passive RC network (no inductors) from s to node c, "
     "corner 10 Hz.", "rc_lowpass"),
    ("CE stage with a 220 ohm swamping resistor in the emitter, gain 10", "bjt_degenerated_ce"),
])
def test_swamped_and_no_inductors_name_no_circuit(text, kind):
    assert parse_intent(text).kind == kind


def test_cycles_every_second_said_with_their_words_between():
    spec = next(s for s in read_request("a blinker on node bl, about three complete on-off cycles every second"
                                        ).specs if s.quantity == "frequency")
    assert spec.target == 3.0


def test_volts_of_output_per_current_is_a_transimpedance():
    assert parse_intent("A 20 µA source IX feeds node x and I need 1 V of output for every 50 µA at node y, op-amp "
                        "on ±5 V.").kind == "transimpedance"


def test_a_stated_coupling_goes_on_the_familys_coupled_inductors():
    answer = generate("Flyback converter: 9 V input, coupled inductors 47 µH : 47 µH (k = 0.95), 50 % duty at 100 kHz, "
                      "output diode and 47 µF capacitor, 22 Ω load at out; 5 ms transient.")
    assert [r.split()[-1] for r in answer.netlist.splitlines() if r.startswith("K")] == ["0.95"]


def test_a_load_after_a_level_the_circuit_sets_loads_that_node():
    text = ("Linear series regulator: 12 V in at node ui, a 2.5 V reference, an op-amp error amplifier driving an NPN "
            "pass transistor, and a feedback divider setting 5 V at node r5 into a 50 ohm load.")
    assert any(e.kind == "R" and e.nodes == ("r5", "0") and e.value == 50 for e in read_request(text).elements)


def test_a_role_word_before_node_is_no_node_of_a_source():
    text = "Transimpedance amplifier: a 2 µA current source IX feeding the summing node, output node tq."
    source = next(s for s in read_request(text).sources if s.name == "IX")
    assert source.node is None


@pytest.mark.parametrize("text", [
    "Rebuild the Apollo guidance computer's power supply board component for component.",
    "The preamp of my grandfather's 1965 Grundig radio, exactly as Grundig built it.",
    "Draw the 1980s Braun clock radio's tuner with the original part numbers and values.",
])
def test_one_documented_products_own_circuit_part_for_part_is_refused(text):
    from spice_lsp.generation.pipeline import CannotServe
    with pytest.raises(CannotServe, match="one documented product"):
        generate(text)


def test_keeping_stated_values_exactly_is_no_product():
    from spice_lsp.generation.scope import one_product
    assert one_product("RC high-pass with R = 2.2k and C = 100 nF; keep R and C exactly as stated.") is None


def test_a_circuits_name_in_capitals_is_no_node_of_its_supply():
    assert all(s.node != "nand2" for s in read_request("CMOS NAND2 at 3.3 V, output y.").sources)


def test_devices_that_share_a_model_said_once_all_use_it_and_its_name_is_checked():
    text = ("Diode limiter: VQ on qin (1 V DC), R8 = 2.2k from qin to qc, D4 anode qc cathode ground, D5 anode ground "
            "cathode qc, both model DQ1 (IS=2e-14). Operating point and a DC sweep of VQ from -3 V to 3 V in 0.1 V "
            "steps.")
    assert {e.name: e.model for e in read_request(text).elements if e.kind == "D"} == {"D4": "DQ1", "D5": "DQ1"}
    answer = generate(text)
    lines = parts(answer.netlist)
    assert lines["D4"][-1] == lines["D5"][-1] == "DQ1" and answer.verified


def test_a_stated_model_a_device_does_not_use_fails_its_check():
    from spice_lsp.generation.checklist import structure
    from spice_lsp.language.parser import parse
    request = read_request("D1 from a to ground with model DX, R1 = 1k from b to a, 5 V on b. Operating point.")
    netlist = parse("t\nV1 b 0 DC 5\nR1 b a 1k\nD1 a 0 dother\n.model dother D ()\n.op\n.end\n").netlist
    item = next(i for i in structure(request, netlist) if i.what.startswith("D1"))
    assert item.status == "fail" and "not DX" in item.detail


def test_a_series_lc_trap_to_ground_fed_through_a_stated_resistor():
    text = ("Trap filter: series L-C from node tp to ground notching out 20 kHz, fed from ti through a 4.7k resistor. "
            "Use a 4.7 mH inductor. AC 1 on ti.")
    assert any(e.kind == "R" and e.nodes == ("ti", "tp") for e in read_request(text).elements)
    answer = generate(text)
    assert answer.intent.kind == "rlc_notch"
    assert parts(answer.netlist)["R1"][:2] == ["ti", "tp"] and answer.verified


def test_a_sine_written_in_vrms_is_its_peak():
    answer = generate("Full-wave bridge rectifier off a 9 Vrms 50 Hz secondary (floating source between ta and tb), "
                      "470 uF reservoir cap and 220 ohm load on vp, bridge minus to ground.")
    assert "SIN(0 {9*1.414214} 50)" in answer.netlist


def test_a_one_letter_suffix_names_no_port_and_an_article_is_no_node():
    request = read_request("Instrumentation amplifier, gain 20. Inputs ina_p and ina_n, output ina_out.")
    assert (request.input, request.inputs) == ("ina_p", ["ina_n"])
    assert "a" not in read_request("Cut off everything above 2 V on a 5 V peak sine at in, using a diode and a DC "
                                   "source; output out.").nodes
