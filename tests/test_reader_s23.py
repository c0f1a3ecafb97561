"""Reader, design and scope classes closed on the tuning files in the 2026-12-08 night session (variants of the
requests that showed them): a short "amp" or "tank circuit" naming a family it builds, a device served said on a node,
a drive said through a part before its node, a typed directive against its words, a transient's step and stop said
before their figures, one model for parts listed before it, a result node a sentence opens with, "minus the sum", a
resonance said of a node, a divider's arms after the word, an oscillator's wave said with its frequency, parts
computed from the ones rounded before them, a met spec centred on its target, node levels listed with "=", products
and economies that no circuit is."""
from __future__ import annotations

import math

import pytest

from spice_lsp.generation.intent import parse_intent
from spice_lsp.generation.pipeline import CannotServe, generate
from spice_lsp.generation.request import read_request
from spice_lsp.language.units import parse_number
from tests.measuring import measure, parts


def _value(netlist: str, prefix: str) -> float:
    line = next(v for k, v in parts(netlist).items() if k.upper().startswith(prefix))
    value = parse_number(line[2])
    assert value is not None
    return value


def test_a_difference_amp_said_short_is_the_difference_amplifier():
    result = generate("Difference amp for a load cell: lc_o = 4 x (lc_a - lc_b), ideal op-amp. Test with lc_a = 3.1 V "
                      "and lc_b = 3.0 V (DC).")
    assert result.verified, result.warnings
    assert measure(result.netlist, "op\nlet result = v(lc_o)") == pytest.approx(0.4, abs=0.02)


def test_a_tank_circuit_named_so_is_the_lc_tank_driven_through_its_resistor_from_the_node_said_after():
    text = ("Tank circuit resonating at 200 kHz with C = 2.2 nF, choose L. It is fed through 47k from node tdrv; "
            "tank node tnk.")
    result = generate(text)
    assert result.verified, result.warnings
    assert next(v for k, v in parts(result.netlist).items() if k.startswith("R"))[:2] == ["tdrv", "tnk"]
    f0 = 1 / (2 * math.pi * math.sqrt(_value(result.netlist, "L") * _value(result.netlist, "C")))
    assert f0 == pytest.approx(200e3, rel=0.03)


@pytest.mark.parametrize("text", [
    "My pressure sensor on node ps12 swings 0-12 V but the ADC on node adc5 takes 5 V at most. Two resistors, so 12 V "
    "on ps12 gives 5 V at adc5 (test with 12 V DC on ps12).",
    "Bring node hi24 down for my 3.3 V ADC: 24 V DC on hi24 should give 3.3 V at node lo33 with a two-resistor "
    "divider.",
])
def test_an_adc_said_as_what_the_node_feeds_is_no_circuit_asked_for(text):
    result = generate(text)  # (a refusal raises)
    assert result.netlist


def test_a_typed_tran_directive_is_the_analysis_its_window_said_again_in_words():
    intent = parse_intent("Rectifier with a reservoir cap, transient .tran 20u 200m 150m (only keep 150-200 ms). "
                          "VS = SIN(0 10 50) on s1, DX anode s1 cathode s2, CX = 220 uF and RX = 1k from s2 to ground.")
    assert [a.directive for a in intent.analyses] == [".tran 20u 200m 150m"]


def test_a_transients_step_and_stop_said_before_their_figures():
    result = generate("Clock VCK = PULSE(0 5 0 10n 10n 1m 2m) on ckx, RCK 4.7k from ckx to rcx, CCK 100n from rcx to "
                      "ground. Transient: step 2u, stop 6m.")
    assert ".tran 2u 6m" in result.netlist
    assert result.verified, result.warnings


def test_one_model_for_all_the_parts_listed_before_it():
    text = ("Bridge rectifier, part by part. VIN2 = SIN(0 10 50) on ax (other end ground). DW anode ax cathode px; "
            "DX anode gnd cathode px; DY anode nx cathode ax; DZ anode nx cathode gnd; all four use .model DQ "
            "D(IS=2e-14). RL2 = 2.2k from px to nx. .tran 20u 60m")
    assert {e.name: e.model for e in read_request(text).elements if e.kind == "D"} == dict.fromkeys(
        ("DW", "DX", "DY", "DZ"), "DQ")
    result = generate(text)
    assert result.verified, result.warnings


def test_minus_the_sum_of_two_nodes_is_the_inverting_summer_on_the_node_the_sentence_opens_with():
    text = ("sumo should come out as minus the sum of sa and sb, op-amp based. Check with sa at 0.4 V and sb at 0.2 V "
            "DC.")
    assert read_request(text).output == "sumo"
    result = generate(text)
    assert measure(result.netlist, "op\nlet result = v(sumo)") == pytest.approx(-0.6, abs=0.02)


def test_a_node_said_to_copy_another_is_the_output():
    request = read_request("Node fol should copy node src exactly while driving a 47 ohm load. Op-amp based.")
    assert request.output == "fol"


def test_a_node_said_to_resonate_is_a_tank_designed_to_its_frequency():
    result = generate("I want node res to resonate at 20 kHz, passive parts only, driven from node drv through 4.7k.")
    assert result.verified, result.warnings
    f0 = 1 / (2 * math.pi * math.sqrt(_value(result.netlist, "L") * _value(result.netlist, "C")))
    assert f0 == pytest.approx(20e3, rel=0.02)


def test_a_divider_whose_arms_follow_the_word_gives_both_arms():
    intent = parse_intent("Op-amp relaxation oscillator at 1 kHz, output about ±10 V, hysteresis divider 22k/10k, "
                          "timing cap 47 nF.")
    assert (intent.values["R1"].value, intent.values["R2"].value) == (22e3, 10e3)


def test_an_oscillators_wave_said_with_its_frequency_is_its_output_not_a_source():
    text = ("Op-amp relaxation oscillator (square wave) at 500 Hz on node osq, output about ±12 V, hysteresis divider "
            "10k/10k, timing cap 22 nF. Run 10 ms.")
    assert read_request(text).sources == []
    result = generate(text)
    assert result.verified, result.warnings
    period = measure(result.netlist, "tran 10u 10m\nmeas tran result trig v(osq) val=0 rise=2 targ v(osq) val=0 rise=3")
    assert period == pytest.approx(2e-3, rel=0.05)


@pytest.mark.parametrize("f0", [31e3, 47e3, 72e3])
def test_an_lc_tank_designed_from_nothing_but_its_frequency_lands_close_to_it(f0):
    # E24 parts met within 5 % and then centred on the target
    result = generate(f"parallel LC tank resonating at {f0 / 1e3:g} kHz, fed through 10k from node tin; "
                      "tank node tout.")
    assert result.verified, result.warnings
    made = 1 / (2 * math.pi * math.sqrt(_value(result.netlist, "L") * _value(result.netlist, "C")))
    assert made == pytest.approx(f0, rel=0.02)


def test_node_levels_listed_with_equals_signs_are_each_a_source():
    request = read_request("Difference amp, gain 2, output dq. Test point: qp = 3.3 V, qn = 3.0 V.")
    assert sorted((s.node, s.dc) for s in request.sources) == [("qn", 3.0), ("qp", 3.3)]


@pytest.mark.parametrize("text", [
    "netlist of the PlayStation 5's GPU with every shader core at transistor level",
    "the exact transistor netlist of the ADC die inside a Fiio M11-Pro player, with trimmed resistor values from the "
    "factory",
    "model how the 1929 stock market crash spread through the banks as an RLC network in ngspice",
])
def test_a_products_own_chip_or_an_economy_is_refused(text):
    with pytest.raises(CannotServe):
        generate(text)


@pytest.mark.parametrize("text, node, level", [
    ("Lift the guitar signal on node gin so it sits centred on 2.5 V at node gmid for my 5 V ADC. The 5 V rail is node "
     "r5v. Use a coupling cap and two equal resistors.", "gmid", 2.5),
    ("Shift my AC signal on node sx so it rides on 1.5 V at node sy, from the 4.5 V supply on node s45, using a "
     "coupling cap and two resistors; anything above 50 Hz should pass.", "sy", 1.5),
])
def test_a_signal_shifted_onto_a_level_by_a_cap_and_two_resistors_is_a_biased_high_pass(text, node, level):
    result = generate(text)
    assert result.verified, result.warnings
    assert measure(result.netlist, f"op\nlet result = v({node})") == pytest.approx(level, rel=0.03)


def test_a_signal_centred_on_zero_volts_gives_no_ac_magnitude_of_zero():
    intent = parse_intent("My mic swings around 0 V (node mic) but the ADC input (node adi) wants it sitting around "
                          "2.5 V on a 5 V rail. A couple of resistors and a cap to shift it up.")
    assert intent.values.get("VIN") is None or intent.values["VIN"].value != 0


def test_a_dc_level_said_close_to_a_sines_peak_is_a_peak_detector():
    result = generate("Node sg carries a 3 V-peak, 2 kHz sine from a SIN source. At node hold I want a DC level that "
                      "sits close to that peak (a diode drop below is fine) and barely droops between cycles, with a "
                      "47k load on hold. Run 10 ms.")
    assert any(k.startswith("D") for k in parts(result.netlist))
    held = measure(result.netlist, "tran 10u 10m\nmeas tran result avg v(hold) from=8m to=10m")
    assert 1.8 < held < 3.0


def test_a_share_of_a_step_reached_a_time_later_with_a_level_noted_between_is_its_time_constant():
    text = ("When node fst steps 0 -> 3 V right at the start, node slw should lag and reach 63 % of the way (about "
            "1.9 V) 5 ms later, then settle at 3 V.")
    assert [s.pulse[2] for s in read_request(text).sources if s.pulse] == [0.0]
    result = generate(text)
    tau = _value(result.netlist, "R") * _value(result.netlist, "C")
    assert tau == pytest.approx(5e-3, rel=0.05)


def test_a_trigger_tested_with_a_triangle_written_as_three_levels_runs_that_triangle_once():
    text = ("inverting Schmitt trigger for a 10 V system (output 0-10 V): tin on the - input, + input from a divider "
            "plus feedback from tout. Thresholds: output goes low when tin rises past 6 V, back high when it drops "
            "below 3 V. Test with a 0-10-0 V triangle, 8 ms.")
    assert read_request(text).output == "tout"
    result = generate(text)
    assert ".tran" in result.netlist and " 8m" in next(line for line in result.netlist.splitlines()
                                                       if line.startswith(".tran"))
    falls = measure(result.netlist, "tran 4u 8m\nmeas tran result find v(tin) when v(tout)=5 fall=1")
    assert falls == pytest.approx(6.0, abs=0.2)


def test_no_more_than_3_db_lost_above_a_frequency_bounds_the_corner_at_or_below_it():
    text = "Block the DC between node a1 and node a2, which feeds a 22k input. I don't want to lose more than 3 dB " \
           "anywhere above 35 Hz."
    spec = next(s for s in read_request(text).specs if s.quantity == "cutoff")
    assert (spec.target, spec.bound) == (35.0, "max")


def test_a_role_word_before_node_names_no_port_unless_its_clause_is_a_parts_own_node():
    from spice_lsp.generation.ports import read_ports
    assert "summing" not in read_ports("photocurrent IPD drawing 5 uA out of the summing node sj. Output vq.").roles
    assert read_ports("Tank at 1 MHz, fed from node src through 10k; tank node tk.").roles.get("tank") == ("tk",)


def test_a_coupling_named_before_its_verb_keeps_its_name():
    text = ("LA = 2 mH from pa to ground, LB = 8 mH from sb to ground, KAB couples LA and LB with k = 0.98. VA "
            "drives pa with AC 1; RB = 4.7k loads sb to ground.")
    assert [(e.name, e.refs) for e in read_request(text).elements if e.kind == "K"] == [("KAB", ("LA", "LB"))]


def test_the_one_device_placed_without_a_name_takes_the_one_device_name_the_request_writes():
    text = ("Output curve: .dc VDX 0 4 0.05. VDX drives drain node dx, VGX holds gate node gx at 1.8 V DC; MX has "
            "source and bulk grounded, W=20u L=1u, .model NX1 NMOS(VTO=0.7 KP=100u LAMBDA=0.02).")
    assert [e.name for e in read_request(text).elements if e.kind == "M"] == ["MX"]
    # a unit's or a kind's capitals are no device's name
    assert [e.name for e in read_request("A MOSFET on a DC bias: gate at node g (2 V), drain at node d through 1k "
                                         "from 5 V, source grounded.").elements if e.kind == "M"] in ([], [None])


def test_designators_in_capitals_are_checked_where_the_small_words_are_written_small():
    from spice_lsp.generation.coverage import designators
    said = designators("Curve: .dc VDQ 0 5 0.1. VDQ drives drain node drq; MQ has source and bulk grounded, "
                       ".model NQC NMOS(VTO=0.9 KP=120u LAMBDA=0.03).")
    assert {"VDQ", "MQ"} <= set(said)
    assert designators("MAKE ME AN RC FILTER WITH A CUTOFF OF 1 KHZ FROM THE INPUT TO THE OUTPUT") == []
