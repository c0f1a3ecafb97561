"""The request reader's, designer's and checker's classes of session 19, each with variants written for these tests
(not taken from a benchmark file)."""
import pytest

from spice_lsp.generation.intent import parse_intent
from spice_lsp.generation.pipeline import generate
from spice_lsp.generation.request import read_request
from tests.measuring import parts


@pytest.mark.parametrize("text", [
    "BJT current sink: an NPN with its base held at 1.7 V by VB, 1k emitter resistor, 3.3k collector load from the "
    "9 V supply. Operating point.",
    "Current sink with an NPN, base held at 2.2 V by VBIAS, 1.5k in the emitter, 2k load from a 12 V supply.",
])
def test_a_source_holding_a_pin_takes_no_supply_said_later_in_its_sentence(text):
    held = [s for s in read_request(text).sources if s.name and s.name.startswith("VB")]
    assert len(held) == 1 and not held[0].supply and held[0].dc in (1.7, 2.2), held
    lines = parts(generate(text).netlist)
    assert any(name.startswith("VB") and line[-1] in ("1.7", "2.2") for name, line in lines.items()), lines
    assert not any(name.startswith("VB") and line[-1] in ("9", "12", "{vcc}") for name, line in lines.items()), lines


def _directives(text: str) -> list[str]:
    return [a.directive for a in parse_intent(text).analyses]


def test_parts_said_in_parallel_on_a_node_each_to_ground_sit_there_and_their_count_is_checked():
    text = ("Two parts in parallel on node px, each to ground: R4 = 2.2k, C9 = 47 nF. I2 feeds it an AC 1 mA "
            "current into px. AC sweep 100 Hz to 100 kHz.")
    request = read_request(text)
    assert {e.name: e.nodes for e in request.elements} == {"R4": ("px", "0"), "C9": ("px", "0")}
    result = generate(text)
    assert result.verified, result.warnings
    assert any("'Two parts" in c.what and c.status == "pass" for c in result.checks), result.checks


def test_parts_in_parallel_whose_feed_is_named_keep_their_own_ends():
    text = ("L3 = 1 mH and C4 = 2.2 nF in parallel from tk to ground, fed from V2 (AC 1) at src through R5 = 47k. "
            "AC 10k to 1meg")
    elements = {e.name: e.nodes for e in read_request(text).elements}
    assert elements["R5"] != ("tk", "0"), elements


@pytest.mark.parametrize("text", [
    "Op-amp U2 with its + input on ground, - input on n1, output y1. R1 = 2k from a1 to n1, R2 = 12k from n1 to y1. "
    "V1 = 0.25 V DC on a1. Operating point.",
    "An op-amp (XB) with non-inverting input tied to ground, inverting input at m, output vo; R3 = 1k from s to m, "
    "R4 = 4.7k from m to vo; VS = 0.1 V DC on s. op",
])
def test_an_op_amp_whose_plus_input_is_grounded_is_an_inverting_stage_fed_where_its_source_sits(text):
    request = read_request(text)
    assert request.input not in ("0", "n1", "m"), request.input
    result = generate(text)
    assert result.intent.kind == "opamp_inverting"
    lines = parts(result.netlist)
    op = next(line for name, line in lines.items() if name.startswith("X"))
    assert op[0] == "0", op
    assert not any("not verified" in w for w in result.warnings), result.warnings


def test_a_listed_circuit_whose_source_is_another_named_circuit_is_transcribed():
    text = ("Cleaning up a DAC output: RF2 = 3.3k from d1 to f1, CF2 (10n) from f1 to ground, VD1 with AC 1 on d1. "
            "AC sweep 10 Hz to 1 MHz.")
    result = generate(text)
    lines = parts(result.netlist)
    assert set(lines) == {"VD1", "RF2", "CF2"}, lines
    assert lines["VD1"][:2] == ["d1", "0"] and result.verified, result.warnings


def test_a_model_cards_level_is_no_inductor():
    text = ("MA (drain q, gate g, source and bulk ground) with model NA: NMOS LEVEL=1 VTO=0.6 KP=90u, W=2u L=1u. "
            "RD = 5k from vdd to q, VDD = 3 V on vdd, VG = 1.2 V on g. op")
    assert not any(e.kind == "L" for e in read_request(text).elements)


@pytest.mark.parametrize("text, want", [
    ("five kilohm from a to b, then ten nanofarad from b to ground, one volt ac into a. sweep one hertz to a hundred "
     "kilohertz, ten points a decade.", ".ac dec 10 1 100k"),
    ("R1 = 1k from a to b, C1 = 1u from b to 0, V1 ac 1 on a, ac dec 40 from 1 Hz to 10 kHz", ".ac dec 40 1 10k"),
    ("R1 = 1k from a to b, C1 = 1u from b to 0, V1 ac 1 on a, ac oct 12 from 100 Hz to 1.6 kHz", ".ac oct 12 100 1.6k"),
])
def test_ac_ranges_in_words_and_counts_in_spice_order(text, want):
    assert want in _directives(text)


@pytest.mark.parametrize("text, want", [
    ("D2 from x to ground, I3 = 50 uA into x. Run it over temperature, -20 to 70 C, 10 degree steps.",
     ".dc temp -20 70 10"),
    ("D2 from x to ground, I3 = 50 uA into x. Temperature sweep -30 C to 90 C, step 15.", ".dc temp -30 90 15"),
    ("M1 (drain d, gate g, source 0) nmos. VG = 2 V on g, VD on d. Step VD 0 -> 3 V, 50 mV increments.",
     ".dc VD 0 3 50m"),
])
def test_temperature_and_stepped_sweeps_said_tersely(text, want):
    assert want in _directives(text)


def test_an_output_curve_names_no_node():
    text = ("Transfer curve of an NMOS: M2 (model NM: VTO=0.5 KP=200u), drain on dd, gate on gg, source to ground. "
            "VGG = 1.5 V on gg, VDD on dd. Step VDD 0 -> 2 V, 20 mV increments (.dc).")
    assert read_request(text).output != "curve"
    assert "curve" not in generate(text).netlist.lower().split("v(")[-1]


def test_an_ideal_op_amp_said_for_any_stage_is_the_wide_band_block():
    result = generate("Inverting op-amp high-pass: series cap plus 4.7k into the inverting input, 47k feedback, "
                      "passband gain -10, corner 1 kHz, ideal op-amp, 1 V AC on in.")
    assert "10 GHz GBW" in result.netlist and "R2 inn out 47k" in result.netlist, result.netlist
    assert result.verified, result.warnings


def test_the_filter_designs_compensate_for_the_op_amp_they_are_built_with():
    from spice_lsp.generation.recipes.filters import GBW, _tow_thomas_eq
    from spice_lsp.generation.templates import IDEAL_GBW
    real = _tow_thomas_eq(20e3, lambda role, default: {"Q": 10}.get(role, default))
    ideal = _tow_thomas_eq(20e3, lambda role, default: {"Q": 10, "GBW": IDEAL_GBW}.get(role, default))
    assert ideal["RQ"] / ideal["R"] == pytest.approx(10, rel=1e-3)
    assert real["RQ"] / real["R"] == pytest.approx(10 / (1 + 4 * 10 * 20e3 / GBW), rel=1e-3)


def _ladder_gain(elements: list[tuple[str, float]], w: float, load: float) -> float:
    v, i = 1 + 0j, 1 / load + 0j  # from the load back to an ideal source
    for kind, value in reversed(elements):
        if kind == "L":
            v += i * 1j * w * value
        else:
            i += v * 1j * w * value
    return 1 / abs(v)


@pytest.mark.parametrize("order", [2, 3])
def test_a_ladder_driven_by_a_source_of_no_impedance_is_singly_terminated_and_butterworth(order):
    text = (f"{'Second' if order == 2 else 'Third'}-order Butterworth LC low-pass at 20 kHz into a 75 ohm load, "
            "series L first; the source drives in directly (zero output impedance), AC 1 V.")
    netlist = generate(text).netlist
    lines = parts(netlist)
    assert not any(name.startswith("R") and "in" in line[:2] for name, line in lines.items()), netlist
    from spice_lsp.language.units import parse_number
    ladder = [(name[0], parse_number(line[2])) for name, line in lines.items() if name[0] in "LC"]
    assert ladder[0][0] == "L", ladder
    w0 = 2 * 3.141592653589793 * 20e3
    for x in (0.3, 1.0, 2.0):  # |H|^2 = 1/(1 + x^2n), its passband gain 1
        assert _ladder_gain(ladder, x * w0, 75) ** 2 == pytest.approx(1 / (1 + x ** (2 * order)), rel=0.03)


def test_a_level_said_in_a_clause_of_its_own_belongs_to_the_source_before_it():
    text = "RC low-pass, 1k from p to q, 100n from q to ground. The generator drives p, AC 0.5 V."
    source = next(s for s in read_request(text).sources if s.node == "p")
    assert source.ac == 0.5


def test_a_tank_fed_through_a_resistor_takes_its_reactances_from_the_q_asked():
    from spice_lsp.language.units import parse_number
    text = ("Band-pass: 22k from fi to ft, then an inductor and a capacitor in parallel from ft to ground. "
            "Centre 50 kHz, Q of 20. AC 1 on fi.")
    result = generate(text)
    assert result.intent.kind == "lc_tank"
    lines = parts(result.netlist)
    ind = parse_number(next(v[-1] for k, v in lines.items() if k.startswith("L")))
    assert (22e3 / 20) == pytest.approx(2 * 3.141592653589793 * 50e3 * ind, rel=0.06)


def test_an_unbuffered_rc_ladder_said_with_hyphens_is_designed_for_its_overall_corner():
    from spice_lsp.generation.recipes.filters import ladder_corner
    from spice_lsp.language.units import parse_number
    text = ("Two equal R-C low-pass sections back to back, no buffer: 10k from la to lb with a cap from lb to ground, "
            "then 10k from lb to lc with an equal cap from lc to ground. 3 dB down at 200 Hz overall; pick C. "
            "1 V AC on la.")
    request = read_request(text)
    assert [(e.kind, e.nodes) for e in request.elements if e.kind == "C"] == [("C", ("lb", "0")), ("C", ("lc", "0"))]
    result = generate(text)
    assert result.intent.kind == "rc_ladder_lowpass" and result.verified, result.warnings
    caps = [parse_number(v[-1]) for k, v in parts(result.netlist).items() if k.startswith("C")]
    assert ladder_corner([10e3, 10e3], caps) == pytest.approx(200, rel=0.03)


def test_a_battery_said_before_a_colon_is_the_level_of_the_source_named_after_it():
    source = next(s for s in read_request("LED at 10 mA off a 12 V battery: VBT on node bt, a resistor from bt to "
                                          "node la, LED anode la, cathode to ground.").sources if s.name == "VBT")
    assert source.dc == 12 and source.supply and source.node == "bt"


def test_a_drain_resistor_picked_for_a_drain_level_at_a_stated_gate_bias():
    from spice_lsp.language.units import parse_number
    text = ("Common-source NMOS (W=2u L=1u, KP=200u, VTO=0.6), source on ground. VDD = 5 V on vp, gate sits at "
            "1.6 V from source VGB on gb. Pick the drain resistor (vp to dx) so dx is at 2.5 V. op")
    request = read_request(text)
    assert any(e.kind == "R" and e.nodes == ("vp", "dx") for e in request.elements)
    assert any(s.quantity == "vout" and s.node == "dx" and s.target == 2.5 for s in request.specs)
    result = generate(text)
    rd = parse_number(next(v[-1] for k, v in parts(result.netlist).items() if k.startswith("R")))
    current = 0.5 * 200e-6 * 2 * (1.6 - 0.6) ** 2
    assert rd == pytest.approx(2.5 / current, rel=0.05)
    assert result.verified, result.warnings


def test_a_level_an_input_reads_as_is_the_output_asked_and_a_verbs_out_is_no_node():
    text = ("The logger input maxes out at 2 V, but my sensor line is 10 V (node sl, driven by VSL = 10 V). Two "
            "resistors onto node lg so that 10 V reads as 2 V. op")
    request = read_request(text)
    assert not any(s.node == "out" for s in request.sources), request.sources
    assert next(s for s in request.sources if s.name == "VSL").node == "sl"
    assert any(s.quantity == "vout" and s.target == 2 for s in request.specs)
    assert generate(text).verified


def test_waves_given_to_named_nodes_each_drive_their_own_node():
    text = ("Half-bridge test: two antiphase 50 Hz sources, pa = SIN(0 10 50) and pb = SIN(0 -10 50) from the "
            "grounded middle. Diodes from pa and pb into dc, 470uF and 1k from dc to ground.")
    sources = {s.node: s.sin for s in read_request(text).sources}
    assert sources.get("pa") == (0.0, 10.0, 50.0) and sources.get("pb") == (0.0, -10.0, 50.0), sources
    result = generate("zero-crossing detector: zx = SIN(0 2 60), output zy swinging +/-5 V, high while the input is "
                      "positive. tran 10u 50m.")
    assert parts(result.netlist)["V1"][:2] == ["zx", "0"] and result.verified, result.warnings


def test_a_schmitt_output_said_by_its_edges_and_its_thresholds_said_as_conditions():
    text = ("inverting Schmitt trigger on a single 5 V rail: st_o drops low when st_i rises past 3.2 V and goes "
            "high again when st_i falls below 1.8 V. Input source VST.")
    request = read_request(text)
    assert request.output == "st_o"
    assert not any(s.quantity == "level" for s in request.specs), request.specs
    result = generate(text)
    assert result.verified, result.warnings


def test_a_noun_halves_and_a_count_of_sources_said_with_their_figures():
    from spice_lsp.generation import coverage
    assert not [m for m in coverage._MENTION.finditer("the winding halves are two sources") if "halves" in m[0]]
    assert [m for m in coverage._MENTION.finditer("this halves the gain") if "halves" in m[0]]
    result = generate("full-wave center-tapped rectifier: the transformer halves are two 9 V peak 50 Hz sources in "
                      "antiphase, ra = SIN(0 9 50) and rb = SIN(0 -9 50) from the grounded center tap. Two diodes "
                      "into rdc, 470uF reservoir, 220 ohm load.")
    assert any("'two 9 V peak 50 Hz sources" in c.what and c.status == "pass" for c in result.checks), result.checks


def test_a_triangle_drive_is_no_pulse_and_the_node_a_trigger_watches_is_its_input():
    text = ("Schmitt trigger on a single 5 V supply: q goes high when x rises above 3.5 V and low when it falls below "
            "1.5 V. Drive x with a 0-5 V triangle at 200 Hz; 20 ms transient.")
    request = read_request(text)
    assert request.input == "x" and request.output == "q"
    assert not any(s.pulse for s in request.sources), request.sources


def test_a_window_said_by_its_two_levels_watches_the_node_said_between_them():
    text = ("Battery window monitor: flag bw_ok should read 5 V whenever the sense node bw_s is between 10.5 V and "
            "13.8 V, low outside. Sense source VB2. Two comparators, any logic.")
    request = read_request(text)
    assert request.input == "bw_s" and request.output == "bw_ok"
    result = generate(text)
    assert result.intent.kind == "window_comparator"
    assert parts(result.netlist)["VB2"][0] == "bw_s"
    assert any("'Two comparators" in c.what and c.status == "pass" for c in result.checks), result.checks


@pytest.mark.parametrize("text, source, far", [
    ("My preamp on node tc looks like 1.2 V behind about 10k of output impedance. I need something that "
     "copies that voltage to node tb without loading it down.", "tc_src", "tc"),
    ("The reference looks like a 2.5 V source VRF with 220k in series, ending at node rr. I need a copy of that "
     "voltage at node rb that can drive a load without loading the reference.", "vrf", "rr"),
])
def test_a_source_said_with_its_own_resistance_sits_behind_it(text, source, far):
    request = read_request(text)
    assert any(e.kind == "R" and e.nodes == (source, far) for e in request.elements), request.elements
    assert any(s.node == source and s.dc for s in request.sources) and request.input == far
    result = generate(text)
    assert result.verified, result.warnings


def test_a_level_held_the_same_onto_a_load_through_a_stated_resistor_is_a_follower():
    text = ("A 2.048 V reference (VR4 on node rsrc) is only reachable through 100k (100k from rsrc to rw). Node rout "
            "has to hold that same 2.048 V while a 100 ohm load hangs on it. Ideal op-amp. op")
    request = read_request(text)
    assert any(e.kind == "R" and e.nodes == ("rsrc", "rw") for e in request.elements)
    assert request.input == "rw" and request.output == "rout"
    result = generate(text)
    assert result.intent.kind == "opamp_buffer" and result.verified, result.warnings


def test_an_adverb_after_a_role_word_names_no_node():
    assert read_request("The output should copy the input exactly, no gain. 1 V DC on node a, load on node b.").input \
        != "exactly"


def test_a_jfet_stage_biased_at_a_stated_drain_current_names_its_source_node():
    from spice_lsp.language.units import parse_number
    text = ("self-biased N-JFET common-source stage, IDSS = 4 mA and Vp = -2 V (.model NJ, VTO=-2, BETA=1m). VDD 12 V "
            "at jv, drain current 1.5 mA, source resistor bypassed, source node js, drain is the output jd, gate at jg "
            "through 1meg to ground. Voltage gain about -6 at 1 kHz. Input ji with a 1 V AC source, coupled into "
            "the gate.")
    result = generate(text)
    lines = parts(result.netlist)
    jfet = next(line for name, line in lines.items() if name.startswith("J"))
    assert jfet[2] == "js", jfet
    rs = parse_number(next(line[-1] for name, line in lines.items()
                           if name.startswith("R") and line[:2] == ["js", "0"]))
    assert rs == pytest.approx((2 - (1.5e-3 / 1e-3) ** 0.5) / 1.5e-3, rel=0.02)  # |VGS| = |VP| - sqrt(Id/BETA)
    assert result.verified, result.warnings


def test_a_converters_switching_node_is_named():
    result = generate("Boost converter, ideal switch and diode, 5 V in at bi, 12 V out at bo into 100 ohm, 100 kHz, "
                      "100uH, 100uF. Switch node bs.")
    lines = parts(result.netlist)
    assert "bs" in next(line for name, line in lines.items() if name.startswith("S"))[:2], lines


def test_a_switch_driven_steady_through_a_named_base_resistor_is_checked_on_only():
    text = ("Darlington pair (two discrete NPNs) switching a relay coil modelled as 100 ohm from the 24 V rail dv to "
            "the common collector dc1. Drive: 3.3 V DC at dg through a 2.2k base resistor to db. Where does the "
            "collector sit when on?")
    request = read_request(text)
    assert any(e.kind == "R" and e.nodes == ("dg", "db") and e.value == 2200 for e in request.elements)
    assert request.input != "db"
    result = generate(text)
    assert "PULSE" not in result.netlist.upper()
    assert not any("off" in c.what for c in result.checks if c.what.startswith("function")), result.checks


def test_a_range_written_with_three_dots_keeps_its_stop():
    assert ".dc VS1 0 3 10m" in _directives("Sweep VS1 0...3 V, step 10 mV. VS1 on a, R1 = 1k from a to b, D1 from b "
                                            "to ground.")


def test_a_scale_letter_spaced_before_the_next_parameters_equals_is_that_parameters_name():
    request = read_request("9 V on node v9, 1k from v9 to k, LED from k to ground (use is=1e-20 n=1.8 for it). op")
    assert {p.name: p.value for p in request.model_params} == {"is": pytest.approx(1e-20), "n": 1.8}


def test_a_node_whose_aside_calls_it_a_source_with_its_level_is_driven_there():
    text = ("Emitter follower on a 12 V rail: the output fo should sit at about 6 V DC and follow fi (AC 1 source, "
            "cap-coupled into the base) with a gain of 0.95 or better at 1 kHz.")
    request = read_request(text)
    assert any(s.node == "fi" and s.ac == 1 for s in request.sources) and request.input == "fi"
    result = generate(text)
    assert parts(result.netlist)["V2"][:2] == ["fi", "0"] and result.verified, result.warnings


def test_a_steady_level_on_a_rail_named_node_is_the_supply():
    text = ("Common-base amp: 12 V on q_vcc, NPN biased at Ic = 2 mA, collector resistor 2.2k from q_vcc to the "
            "output q_out, base AC-grounded with a cap. Signal (1 V AC source at q_in) goes into the emitter via a "
            "coupling cap.")
    request = read_request(text)
    assert next(s for s in request.sources if s.node == "q_vcc").supply
    assert not any(e.kind == "Q" and e.nodes and e.nodes[0] == "q_vcc" for e in request.elements)
    result = generate(text)
    assert result.intent.values["VDD"].value == 12 and result.verified, result.warnings


def test_a_lossy_integrators_input_resistor_and_the_one_across_its_cap_keep_their_places():
    text = ("practical inverting integrator: R = 33k in, C = 2.2nF feedback with a 680k resistor across the cap so it "
            "doesn't drift. Drive gi with a +/-1 V, 2 kHz square wave (PULSE(-1 1 0 1u 1u 0.249m 0.5m)), output go. "
            "Run 40 ms.")
    values = {role: v.value for role, v in parse_intent(text).values.items() if v.unit == "ohm"}
    assert values == {"R1": 33e3, "RF": 680e3}, values
    lines = parts(generate(text).netlist)
    assert any(line[:2] == ["gi", "n"] and line[-1] == "33k" for line in lines.values()), lines


def test_a_dc_bias_source_said_beside_a_stated_sine_leaves_the_sine():
    result = generate("biased positive clipper: 4 V peak, 1 kHz sine on node ci, 1k in series to co, 1N4148 from co "
                      "to a 1.5 V DC source (cathode on the source). 3 ms tran.")
    assert "SIN(0 4 1k)" in result.netlist.replace("1000", "1k"), result.netlist


def test_a_zener_shunt_sized_for_its_load_and_its_own_current_off_a_stated_battery():
    from spice_lsp.language.units import parse_number
    result = generate("Zener shunt regulator off a 12 V battery (zb): 6.2 V zener (model with BV=6.2), series resistor "
                      "sized for a 10 mA load plus about 4 mA of zener current. Load is 620 ohm at zo.")
    rs = parse_number(next(v[-1] for k, v in parts(result.netlist).items() if k.startswith("R") and "zb" in v[:2]))
    assert rs == pytest.approx((12 - 6.2) / (10e-3 + 4e-3), rel=0.02)
    assert result.verified, result.warnings
