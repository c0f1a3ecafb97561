"""Reader and design classes closed on the tuning files in the 2026-12-07 evening session: a request that opens with a
dot line, a drive "comes from" a node through a part, levels after a colon, a directive with its levels in words, a
supply told apart from a bias point, a grounded-source NMOS stage, port names that are no circuit's, phase specs, and
a level passed a time after a step."""
from __future__ import annotations

import math
import re

import pytest

from spice_lsp.generation.intent import parse_intent
from spice_lsp.generation.pipeline import generate
from spice_lsp.generation.request import read_request
from spice_lsp.language.units import parse_number
from tests.measuring import measure, parts, stated


def test_a_request_that_opens_with_a_dot_line_keeps_its_title_a_title():
    result = generate(".tran 0.5u 2m please. VPQ = PULSE(0 5 50u 100n 100n 800u 1.6m) on pq0, RPQ = 3.9k from pq0 "
                      "to pq1, CPQ = 100n from pq1 to ground.")
    first = result.netlist.splitlines()[0]
    assert not first.startswith((".", "*")), first
    assert parts(result.netlist)["VPQ"][:2] == ["pq0", "0"]
    assert result.verified, result.warnings


def test_the_node_a_signal_comes_from_through_a_part_is_the_input_and_where_it_goes_the_output():
    text = ("Series LC trap to ground that notches out 1 MHz, with a 220 pF cap. The signal comes from trin through a "
            "1k resistor to node trn, where the trap hangs.")
    request = read_request(text)
    assert (request.input, request.output) == ("trin", "trn")
    result = generate(text)
    assert result.verified, result.warnings
    lines = parts(result.netlist)
    inductor = next(v for k, v in lines.items() if k.startswith("L"))
    capacitor = next(v for k, v in lines.items() if k.startswith("C"))
    f0 = 1 / (2 * math.pi * math.sqrt(parse_number(inductor[2]) * parse_number(capacitor[2])))
    assert f0 == pytest.approx(1e6, rel=0.03)


def test_levels_after_a_colon_are_the_named_sources_not_a_dc_sweep():
    source = read_request("VTOP on node top: DC 5 and AC 1. RK1 = 33k from top to kn, RK2 = 10k from kn to gnd.")
    assert [(s.name, s.node, s.dc, s.ac) for s in source.sources] == [("VTOP", "top", 5.0, 1.0)]
    # a colon before a DC sweep still opens the sweep, no level
    assert read_request("VIN on node a: DC 0 to 5 V in 10 mV steps.").sources[0].dc is None


@pytest.mark.parametrize("said, directive", [
    (".dc VGG 0 V -> 5 V, step 50 mV", ".dc VGG 0 5 50m"),
    (".dc VGG 0 V to 5 V, step 50 mV", ".dc VGG 0 5 50m"),
    (".dc VGG 0 5 0.05", ".dc VGG 0 5 0.05"),
])
def test_a_dc_directive_written_with_its_levels_in_words_is_that_sweep(said, directive):
    analyses = parse_intent(f"Transfer curve: {said}. VGG on gg3, RD3 = 5k from vdd5 to dd3.").analyses
    assert [a.directive for a in analyses] == [directive]


def test_a_supply_level_stays_the_supply_where_a_pin_sits_at_another_level():
    text = ("Bias an NPN emitter follower (.model QE NPN(BF=120)) from a 9 V supply on node vcc9e with a base divider "
            "so that the emitter, node emit, sits at 4 V DC. 2.2k emitter resistor.")
    request = read_request(text)
    assert [(s.node, s.dc) for s in request.sources] == [("vcc9e", 9.0)]
    assert [(s.quantity, s.target, s.node) for s in request.specs] == [("vout", 4.0, "emit")]
    result = generate(text)
    assert result.verified, result.warnings
    assert measure(result.netlist, "op\nlet result = v(emit)") == pytest.approx(4.0, rel=0.05)


def test_a_grounded_source_stage_is_biased_to_its_drain_level_and_current():
    text = ("NMOS common-source bias: VDD 12 V on vdd12, .model NCS NMOS(VTO=1.5 KP=500u), W=L. Gate from a resistor "
            "divider off vdd12, drain resistor to vdd12, source grounded. Want the drain (node drn) sitting at 6 V "
            "with 250 uA drain current.")
    result = generate(text)
    assert result.verified, result.warnings
    lines = parts(result.netlist)
    assert lines["M1"][2] == "0", lines["M1"]  # the source on ground, no resistor under it
    assert measure(result.netlist, "op\nlet result = v(drn)") == pytest.approx(6.0, rel=0.05)
    rd = next(parse_number(v[2]) for k, v in lines.items() if k.startswith("R") and "drn" in v[:2])
    assert (12 - 6) / rd == pytest.approx(250e-6, rel=0.05)


def test_a_pin_level_in_a_clause_of_its_own_is_a_bias_point():
    request = read_request("NMOS common-source stage, gate divider, source to ground, 10 V supply, drain current 1 mA, "
                           "drain at 5 V")
    assert ("vout", 5.0) in [(s.quantity, s.target) for s in request.specs]
    result = generate("NPN emitter follower from a 9 V supply, emitter (node emit) at 4 V DC, 2.2k emitter resistor.")
    assert result.verified, result.warnings
    assert measure(result.netlist, "op\nlet result = v(emit)") == pytest.approx(4.0, rel=0.05)


def test_a_port_name_is_never_read_as_a_circuit_name():
    # "ldo" names the output node, not a low-dropout regulator
    assert parse_intent("RC lead network: output leads the input by 45 degrees at 2 kHz. Input ldi, output ldo "
                        "(resistor to ground on the output side).").kind == "rc_highpass"


@pytest.mark.parametrize("text, lead, at", [
    ("RC lead network: output leads the input by 45 degrees at 2 kHz. Input ldi, output ldo.", 45, 2e3),
    ("RC lag network, 10 nF cap, output lags the input by 60 degrees at 1 kHz. in: a, out: b", -60, 1e3),
    ("RC low-pass with 30 degrees of lag at 500 Hz, C = 100n", -30, 500),
])
def test_a_first_order_sections_phase_at_a_frequency_is_designed_and_measured(text, lead, at):
    spec = next(s for s in read_request(text).specs if s.quantity == "phase")
    assert (spec.target, spec.at) == (lead, at)
    result = generate(text)
    assert result.verified, result.warnings
    lines = parts(result.netlist)
    source = next(v for k, v in lines.items() if k.startswith("V"))  # the input, and the node its R and C share
    shared = set.intersection(*(set(v[:2]) for k, v in lines.items() if k[0] in "RC")) - {"0"}
    out = shared.pop()
    phase = measure(result.netlist, f"ac lin 1 {at} {at}\nlet result = 180/pi*ph(v({out})/v({source[0]}))")
    assert phase == pytest.approx(lead, abs=3)


def test_an_all_pass_is_built_for_the_phase_it_is_asked_at_its_frequency():
    result = generate("first-order all-pass, -90 degrees at 2.5 kHz, 10 nF cap")
    assert result.verified, result.warnings
    assert measure(result.netlist, "ac lin 1 2.5k 2.5k\nlet result = 180/pi*ph(v(out)/v(in))") == pytest.approx(-90,
                                                                                                             abs=3)


def test_a_level_passed_a_time_after_a_step_is_a_first_order_lag():
    text = "When node go steps up from 0 to 5 V (at time zero), node late should creep up and pass 2.5 V about 1 ms " \
           "afterwards."
    result = generate(text)
    assert result.verified, result.warnings
    crossing = measure(result.netlist, "tran 10u 5m\nmeas tran result when v(late)=2.5 rise=1")
    assert crossing == pytest.approx(1e-3, rel=0.05)


def test_a_load_said_with_no_node_hangs_on_the_circuits_output():
    text = ("negative clamper: 4.7uF in series from nc_in to nc_out, diode with anode on nc_out and cathode to ground, "
            "47k load. 4 V peak 2 kHz sine at nc_in. look at 15 ms")
    assert ("R", ("nc_out", "0"), 47e3) in [(e.kind, e.nodes, e.value) for e in read_request(text).elements]
    result = generate(text)
    assert any(k.startswith("R") and sorted(v[:2]) == ["0", "nc_out"] and parse_number(v[2]) == 47e3
               for k, v in parts(result.netlist).items()), result.netlist
    assert result.verified, result.warnings


def test_a_ring_takes_the_stage_names_and_the_load_on_each_stage():
    text = ("nine-inverter ring oscillator, 2.5 V, level-1: nmos W/L 1u/0.25u with KP=150u VTO=0.5, pmos 3u/0.25u with "
            "KP=50u VTO=-0.5, 10 fF at each stage output. name the stages rk1 to rk9. 10 ns transient")
    result = generate(text)
    lines = parts(result.netlist)
    nodes = {n for v in lines.values() for n in v[:4]}
    assert {f"rk{k}" for k in range(1, 10)} <= nodes
    assert [parse_number(v[2]) for k, v in lines.items() if k.startswith("C")] == pytest.approx([10e-15] * 9)
    assert result.verified, result.warnings


def test_a_gates_stated_output_capacitance_is_its_load():
    result = generate("3-input static CMOS NAND at 1.8 V with level-1 FETs. Inputs n3_a = PULSE(0 1.8 0 50p 50p 5n "
                      "10n), n3_b = PULSE(0 1.8 0 50p 50p 10n 20n), n3_c = PULSE(0 1.8 0 50p 50p 20n 40n); output n3_y "
                      "loaded with 5 fF. tran 10p 40n")
    loads = [(v[0], parse_number(v[2])) for k, v in parts(result.netlist).items() if k.startswith("C")]
    assert [node for node, _ in loads] == ["n3_y"] and loads[0][1] == pytest.approx(5e-15)


def test_a_flash_converters_outputs_take_their_run_of_names_and_the_level_in_an_aside():
    text = ("flash ADC comparator ladder, 3 bits with half-LSB offset: 3.3 V reference over 500 ohm (bottom), six 1k, "
            "and 1.5k (top) = 8k, taps fq_k1 (lowest) to fq_k7; seven comparators (0/3.3 V) give fq_d1 to fq_d7, "
            "fq_di high when fq_in is above fq_ki. fq_in = 1.5 V. .op")
    result = generate(text)
    assert re.search(r"^\.param .*\bvhigh=3\.3\b", result.netlist, re.MULTILINE), result.netlist
    # 1.5 V sits above the four lowest thresholds, (k - 0.5) 3.3/8 V: those outputs high, the rest low
    for k in range(1, 8):
        level = measure(result.netlist, f"op\nlet result = v(fq_d{k})")
        assert level == pytest.approx(3.3 if (k - 0.5) * 3.3 / 8 < 1.5 else 0.0, abs=0.05)
    assert not any("fq_di" in w or "fq_ki" in w for w in result.warnings), result.warnings


def test_an_op_amp_comparator_swings_near_its_rails():
    from spice_lsp.generation.recipes.comparators import SAT
    result = generate("zero-cross detect a 400 Hz, 0.5 V-peak sine (zq_in) with an op-amp comparator on +/-12 V "
                      "rails, inverting input grounded, output zq_out. 10 ms")
    assert result.verified, result.warnings
    top = measure(result.netlist, "tran 10u 10m\nmeas tran result max v(zq_out) from=2.5m to=10m")
    assert top == pytest.approx(SAT * 12, rel=0.01) and top > 11


def test_a_resistor_said_in_kilohms_is_never_a_current():
    values = parse_intent("simple two-NPN current mirror: 9.3k from 10 V into the diode-connected side (about 1 mA), "
                          "output transistor collector cm_out pulled to 10 V through a 4.7k. .op").values
    assert values["IBIAS"].value == pytest.approx(1e-3)
    assert all(v.unit != "A" or v.value < 1 for v in values.values()), values


@pytest.mark.parametrize("text, drops", [
    ("simple two-NPN current mirror: 9.3k from 10 V into the diode-connected side, output transistor collector cm_out "
     "pulled to 10 V through a 4.7k. .op", 1),
    ("Wilson current mirror (3 NPN): reference resistor 10.6k from 12 V, output collector wl_out to 12 V through a "
     "4.7k load. .op", 2),
])
def test_a_mirrors_stated_reference_resistor_feeds_its_reference_from_the_supply(text, drops):
    result = generate(text)
    lines = parts(result.netlist)
    reference = next(v for k, v in lines.items() if k.startswith("R") and v[0] == "vdd" and v[1] in ("ref", "x"))
    assert parse_number(reference[2]) == pytest.approx(9.3e3 if drops == 1 else 10.6e3)
    assert not any(k.startswith("I") for k in lines), lines  # no current source beside the stated resistor
    # the reference node sits `drops` junctions above ground, so the resistor carries (VDD - drops VBE)/R
    assert measure(result.netlist, f"op\nlet result = v({reference[1]})") == pytest.approx(0.65 * drops, rel=0.15)
    assert result.verified, result.warnings


def test_part_ends_joined_by_a_dash_are_its_nodes():
    text = ("Self-biased n-channel JFET J1 (.model JN1 NJF(VTO=-2 BETA=1m)) with its gate on jg, source on js and "
            "drain on jd. VJ = 12 V DC on vj; RDJ 2.2k vj-jd; RSJ 1k js-ground; RGJ 1meg jg-ground. DC operating "
            "point.")
    nodes = stated(text)
    assert (nodes["RDJ"], nodes["RSJ"], nodes["RGJ"]) == (("vj", "jd"), ("js", "0"), ("jg", "0"))
    result = generate(text)
    assert parts(result.netlist)["RDJ"][:2] == ["vj", "jd"]
    assert result.verified, result.warnings


def test_an_active_high_pass_keeps_its_passband_gain_far_above_its_corner():
    result = generate("Active high-pass, inverting op-amp: passband gain -10 V/V, corner 300 Hz. Input hpa_in, output "
                      "hpa_out.")
    assert result.verified, result.warnings
    for hz in (3e3, 100e3):
        gain = measure(result.netlist, f"ac lin 1 {hz} {hz}\nlet result = vm(hpa_out)/vm(hpa_in)")
        assert gain == pytest.approx(10, rel=0.03)
    # an op-amp the request names keeps its own speed
    named = generate("Active high-pass, inverting op-amp with 1 MHz GBW: passband gain -10, corner 300 Hz.")
    assert "1 MHz GBW" in named.netlist


def test_a_divider_with_its_top_said_and_a_bypass_that_names_no_node():
    from spice_lsp.generation.templates import divider_values
    text = ("common-base amplifier on 12 V: NPN, base divider 47k (top) / 22k with a 10uF base bypass, RE = 3.3k, "
            "RC = 5.6k (collector cb_out). Signal from a 50 ohm source cb_src coupled by 10uF into the emitter cb_e. "
            "AC 1 at cb_src.")
    assert divider_values(text) == (47e3, 22e3)
    assert not any("bypass" in (e.nodes or ()) for e in read_request(text).elements)
    assert "bypass" not in {n for v in parts(generate(text).netlist).values() for n in v[:3]}


def test_a_resistor_from_the_rail_to_a_pin_is_that_pins_and_a_bare_thousands_figure_is_ohms():
    text = ("PNP emitter follower off +10 V: 4.7k from +10 V to the emitter (output pf_out), collector to ground, base "
            "biased at half supply by a 22k/22k divider, pf_in coupled in through 4.7uF. AC 1 V at pf_in")
    values = parse_intent(text).values
    assert values["RE"].value == 4.7e3 and values["VDD"].value == 10
    assert not any(v.unit == "V" and v.value > 100 for v in values.values()), values
    lines = parts(generate(text).netlist)
    assert any(k.startswith("R") and sorted(v[:2]) == ["pf_out", "vcc"] and parse_number(v[2]) == 4.7e3
               for k, v in lines.items()), lines
    assert any(k.startswith("C") and v[:2] == ["pf_in", "b"] and parse_number(v[2]) == 4.7e-6
               for k, v in lines.items()), lines  # its one capacitor couples the input


def test_a_synchronous_buck_has_a_low_side_switch_with_the_stated_on_resistance():
    text = ("synchronous buck, open loop: sb_in = 12 V, high-side and low-side ideal switches (10 mohm on) driven "
            "complementary at 100 kHz, 25 % duty, switch node sb_sw, 100uH, 100uF, 5 ohm on sb_out. 10 ms transient")
    result = generate(text)
    lines = parts(result.netlist)
    assert sorted(k for k in lines if k.startswith("S")) == ["S1", "S2"] and not any(k.startswith("D") for k in lines)
    assert "ron=0.01" in result.netlist and any(v[:2] == ["sb_out", "0"] and v[2] == "5" for v in lines.values())
    average = measure(result.netlist, "tran 10u 10m\nmeas tran result avg v(sb_out) from=8m to=10m")
    assert average == pytest.approx(0.25 * 12, rel=0.03)  # D VIN with no diode drop
    assert result.verified, result.warnings
    # a non-synchronous one keeps its catch diode
    plain = parts(generate("Non-synchronous buck converter: 12 V in, 100 kHz, 25 % duty, 100 uH, 100 uF, 10 ohm "
                           "load.").netlist)
    assert any(k.startswith("D") for k in plain) and not any(k == "S2" for k in plain)
