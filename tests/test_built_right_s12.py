"""Circuits built right (lane H, s12): a family's builder takes every figure it has a slot for (a comparator's single
supply and the side it is high on, a clipper's side said to pass, a diode string's count and current, a flash
converter's comparator supply, an inverter's switching point) and its checks measure what was asked."""
import math
import re

import pytest

from spice_lsp.generation.intent import parse_intent
from spice_lsp.generation.pipeline import CannotServe, generate
from spice_lsp.generation.recipes.comparators import _high_below
from spice_lsp.generation.recipes.references import _drop
from spice_lsp.generation.templates import clipped_sides
from spice_lsp.language.units import parse_number
from spice_lsp.ngspice import runner
from tests.measuring import measure

needs_ngspice = pytest.mark.skipif(runner.shutil.which("ngspice") is None, reason="ngspice is not installed")


@pytest.mark.parametrize("text,below", [
    ("node alarm goes high (5 V) when node tv, driven by source VT, drops below 1.8 V", True),
    ("node flag should sit near 5 V when sense is above 2.5 V and near 0 V below it", False),
    ("the output reads 0 V once the input exceeds 3 V", True),
    ("out is high while the level is above 1 V", False),
])
def test_the_side_the_output_is_high_on_is_read_from_the_level_said_with_it(text, below):
    assert _high_below(text) is below


@needs_ngspice
@pytest.mark.parametrize("description,node,source,threshold,high,below", [
    ("Comparator: the input comes from a source VS on node sense; node hi should sit near 3.3 V when sense is above "
     "1.2 V and near 0 V below it. Single 3.3 V supply.", "hi", "vs", 1.2, 3.3, False),
    ("Comparator on a single 5 V supply: node alarm goes high when node tv, driven by source VT, drops below "
     "1.8 V.", "alarm", "vt", 1.8, 5.0, True),
])
def test_a_comparator_on_a_single_supply_swings_from_ground_to_it_on_the_side_asked(description, node, source,
                                                                                      threshold, high, below):
    netlist = generate(description).netlist
    sweep = f"dc {source} 0 {high:g} 0.01\n"
    under = measure(netlist, sweep + f"meas dc result find v({node}) at={threshold - 0.2:g}")
    over = measure(netlist, sweep + f"meas dc result find v({node}) at={threshold + 0.2:g}")
    low_side, high_side = (over, under) if below else (under, over)
    assert abs(low_side) < 0.05 * high and abs(high_side - high) < 0.05 * high


@pytest.mark.parametrize("description,sides", [
    ("Biased diode clipper: a diode to a 2.5 V source limits the positive swing near 3.1 V. Negative half passes "
     "untouched.", (True, False)),
    ("Clip the top of a 5 V sine with a diode to a 2 V reference; the bottom half should pass through unclipped.",
     (True, False)),
    ("Diode clipper that clips the negative peaks; leave the positive half alone.", (False, True)),
    ("Diode clipper limiting both halves of a 5 V sine.", (True, True)),
])
def test_a_side_said_to_pass_is_not_clipped(description, sides):
    assert clipped_sides(parse_intent(description)) == sides


@needs_ngspice
@pytest.mark.parametrize("description,count,current,supply", [
    ("Crude ~2 V reference: three silicon diodes in series from node d_ref to ground, fed from 9 V through a "
     "resistor for about 1 mA.", 3, 1e-3, 9.0),
    ("Bias voltage reference from two diodes in series, 5 V supply, 2 mA through them; output node vb.", 2, 2e-3,
     5.0),
    ("A 1.3 V reference from forward-biased diodes stacked in series, fed from 12 V at 0.5 mA.", 2, 0.5e-3, 12.0),
])
def test_a_diode_string_reference_has_the_count_and_current_asked(description, count, current, supply):
    result = generate(description)
    assert result.intent.kind == "diode_stack_reference"
    assert len(re.findall(r"^D\d", result.netlist, re.MULTILINE)) == count
    top = re.search(r"^D1 (\S+)", result.netlist, re.MULTILINE)[1]
    level = measure(result.netlist, f"op\nlet result = v({top})")
    assert math.isclose(level, count * _drop(current), rel_tol=0.03)
    source = re.search(r"^(V\w*) ", result.netlist, re.MULTILINE)[1]
    through = measure(result.netlist, f"op\nlet result = -i({source})")
    assert math.isclose(through, current, rel_tol=0.03) and supply > level


def test_a_diode_string_said_with_a_zener_or_a_transistor_is_that_circuit():
    assert parse_intent("Zener regulator: a 5.1 V zener and two diodes in series as a reference").kind != \
        "diode_stack_reference"
    assert parse_intent("Class AB push-pull output stage biased by two diodes in series for a steady bias "
                        "voltage, NPN and PNP").kind != "diode_stack_reference"


@pytest.mark.parametrize("description,kind", [
    ("I want something with a single NPN that copies the signal at fin to fout, 9 V supply, AC-coupled in, output "
     "taken at the emitter.", "bjt_emitter_follower"),
    ("An AC-coupled path from a to b that keeps the DC out.", "rc_highpass"),
])
def test_an_ac_coupled_transistor_stage_is_the_stage_not_a_high_pass(description, kind):
    assert parse_intent(description).kind == kind


def test_the_output_emitter_of_a_darlington_pair_is_the_second_transistors():
    netlist = generate("Darlington emitter follower (two NPNs) driven with 5 V DC at node dar_in, the output "
                       "emitter (node dar_out) loaded with 100 ohm, collectors on 12 V.").netlist
    q2 = next(line.split() for line in netlist.splitlines() if line.startswith("Q2 "))
    assert q2[3] == "dar_out"


def test_flash_comparators_on_a_single_supply_swing_to_it():
    netlist = generate("Flash ADC: an equal 4-resistor ladder from a 4 V reference (thresholds 1, 2 and 3 V), three "
                       "comparators on a 5 V single supply, input held at 2.4 V.").netlist
    assert re.search(r"^\.param .*\bvhigh=5\b", netlist, re.MULTILINE)


@needs_ngspice
@pytest.mark.parametrize("description,vm,wn,kpn,kpp,vtn,vtp,vdd", [
    ("CMOS inverter on VDD = 3 V with level-1 models: NMOS VTO=0.6 KP=120u, PMOS VTO=-0.6 KP=40u, L = 1u for both. "
     "Size the PMOS so the switching threshold is at 1.5 V.", 1.5, 1e-6, 120e-6, 40e-6, 0.6, -0.6, 3.0),
    ("Skewed CMOS inverter on 5 V with its logic threshold at 2 V. NMOS level 1 VTO=0.8 KP=100u, PMOS level 1 "
     "VTO=-0.8 KP=40u; both L=2u, the NMOS is W=4u.", 2.0, 4e-6, 100e-6, 40e-6, 0.8, -0.8, 5.0),
])
def test_an_inverter_s_pmos_is_sized_for_the_switching_point_stated(description, vm, wn, kpn, kpp, vtn, vtp, vdd):
    netlist = generate(description).netlist
    pmos = next(line for line in netlist.splitlines() if re.match(r"M\d+ \S+ \S+ vdd vdd", line))
    width = float(re.search(r"W=([\d.]+)u", pmos)[1]) * 1e-6
    assert math.isclose(width, wn * kpn / kpp * ((vm - vtn) / (vdd - vm - abs(vtp))) ** 2, rel_tol=0.01)
    source = re.search(r"^(V\w+) (\S+) 0 PULSE", netlist, re.MULTILINE)[1]
    out = pmos.split()[1]
    switched = measure(netlist, f"dc {source} 0 {vdd:g} 1m\nmeas dc result when v({out})={vdd / 2:g}")
    assert math.isclose(switched, vm, rel_tol=0.03)


@needs_ngspice
@pytest.mark.parametrize("description,node,low,high,level", [
    ("My supply wanders anywhere from 9 to 14 volts. I'd like a node (steady) that stays at 5.6 V, feeding about "
     "5 mA, using a zener and a resistor; the supply is VWAND on node wand.", "steady", 9, 14, 5.6),
    ("Keep node hold at 9.1 V while the supply VS on node raw moves anywhere between 12 and 18 V, with a 20 mA "
     "load, using one zener and a resistor.", "hold", 12, 18, 9.1),
])
def test_a_zener_fed_from_a_stated_range_holds_at_its_lowest_end(description, node, low, high, level):
    netlist = generate(description).netlist
    source = re.search(r"^(V\w*) \S+ 0 DC", netlist, re.MULTILINE)[1]
    sweep = f"dc {source} {low - 0.5:g} {high + 0.5:g} 0.1\n"
    for end in (low, high):
        held = measure(netlist, sweep + f"meas dc result find v({node}) at={end:g}")
        assert abs(held - level) < 0.05 * level


@needs_ngspice
@pytest.mark.parametrize("description,vcc,vc,ic", [
    ("Bias an NPN common-emitter stage on 15 V so the collector sits at 7 V with 1 mA collector current; collector "
     "node col.", 15, 7, 1e-3),
    ("Bias an NPN common-emitter stage on 12 V so the collector sits at 6 V with 2 mA collector current; collector "
     "node col.", 12, 6, 2e-3),
])
def test_a_bias_point_asked_by_level_and_current_meets_both(description, vcc, vc, ic):
    result = generate(description)
    assert re.search(rf"^\.param .*\bvcc={vcc:g}\b", result.netlist, re.MULTILINE)
    assert math.isclose(measure(result.netlist, "op\nlet result = v(col)"), vc, rel_tol=0.05)
    rc = next(line.split() for line in result.netlist.splitlines() if re.match(r"R\d+ vcc col ", line))
    assert math.isclose((vcc - vc) / parse_number(rc[3]), ic, rel_tol=0.05)


def test_a_divider_biasing_a_transistor_is_the_stage_not_a_divider():
    assert parse_intent("Bias an NPN with a 4-resistor (divider plus emitter resistor) network on a 10 V rail so the "
                        "collector current is 1.5 mA").kind == "bjt_common_emitter"
    assert parse_intent("Voltage divider from 10 V, R1 = 10k, R2 = 4.7k").kind == "voltage_divider"


@needs_ngspice
@pytest.mark.parametrize("description,current,k", [
    ("Beta multiplier current reference giving 5 uA on a 1.8 V supply.", 5e-6, 4),
    ("Constant-gm bias circuit producing 100 uA from 3.3 V.", 100e-6, 4),
    ("Self-biased MOS current reference (beta multiplier), K = 9, 20 uA on 3.3 V.", 20e-6, 9),
])
def test_a_beta_multiplier_sets_its_current_by_rs_and_k(description, current, k):
    result = generate(description)
    assert result.intent.kind == "beta_multiplier"
    rs = next(parse_number(line.split()[3]) for line in result.netlist.splitlines() if line.startswith("R1 out 0"))
    assert math.isclose(rs, math.sqrt(2 / (current * 110e-6 * 10)) * (1 - 1 / math.sqrt(k)), rel_tol=0.01)
    assert math.isclose(measure(result.netlist, "op\nlet result = abs(i(v9))"), current, rel_tol=0.05)


@pytest.mark.parametrize("description", [
    "Armstrong oscillator at 1 MHz", "Foldback current limiter for a 12 V linear regulator",
    "Current-starved ring oscillator VCO", "Soft-start circuit for a regulator", "PTAT current generator, 10 uA",
])
def test_a_named_circuit_no_family_builds_is_refused_not_built_as_another(description):
    with pytest.raises(CannotServe, match="no recipe for"):
        generate(description)


def test_a_scaled_resistance_before_a_rail_is_no_range_of_volts():
    values = parse_intent("Op-amp current sink driving an NPN with a 500 ohm emitter resistor; the collector load "
                          "is 1k to +12 V at node col. Input at in, set to 3 V DC.").values
    assert (values["RL"].value, values["RL"].unit) == (1000.0, "ohm")
    assert values["VDD"].value == 12.0 and values["VIN"].value == 3.0
    assert not parse_intent("Sweep the input from 1.3-1.6 V").extra_values  # a range still one


@needs_ngspice
def test_a_comparator_output_level_read_as_the_input_level_still_gets_a_crossing_drive():
    result = generate("A comparator that tells me when the light sensor node ls goes above 1.5 V: output node det, "
                      "0 V or 3.3 V, single 3.3 V supply.")
    amplitude = float(re.search(r"SIN\(0 ([\d.]+) ", result.netlist)[1])
    assert amplitude > 1.5
    assert all(i.status == "pass" for i in result.checks if i.what.startswith("function:"))


@pytest.mark.parametrize("description", [
    "Schmitt trigger with thresholds of plus and minus 3 V on plus and minus 12 V rails.",
    "Zero-crossing detector for a 1 kHz, 2 V peak sine on node zin; output node zc on plus/minus 5 V rails.",
])
def test_plus_and_minus_in_words_is_a_split_level_not_a_node(description):
    netlist = generate(description).netlist
    assert not re.search(r"\bplus\b", netlist.split("\n", 1)[1])
    assert re.search(r"\{?-\s*\d|\bvee\b|DC -\d", netlist)


@needs_ngspice
def test_a_shunt_reference_feeding_a_load_current_is_sized_for_it():
    result = generate("Precision 2.5 V shunt reference for a 5 V rail feeding 1 mA, output node vref.")
    assert result.intent.kind == "shunt_regulator" and result.verified



@needs_ngspice
@pytest.mark.parametrize("description", [
    "Zener diode regulator: unregulated 20 V input, 12 V output at node z12 supplying 25 mA.",
    "Zener regulator from an unregulated 20 V input giving 12 V out.",
])
def test_an_unregulated_level_is_the_input_not_the_level_held(description):
    result = generate(description)
    assert re.search(r"^V\w* \S+ 0 DC 20\b", result.netlist, re.MULTILINE) and result.verified


def test_collectors_tied_to_a_level_are_on_the_supply():
    values = parse_intent("Darlington pair of NPNs with the base at 6 V DC, the emitter of the second transistor "
                          "loaded by 220 ohm, collectors at 15 V.").values
    assert values["VDD"].value == 15.0


def test_a_flash_input_said_to_sit_at_a_level_is_held_there():
    netlist = generate("Flash ADC: equal ladder from a 3 V reference, thresholds 0.75, 1.5 and 2.25 V, comparators on "
                       "a single 3.3 V supply; the input node ain sits at 2 V.").netlist
    assert re.search(r"^V1 \S+ 0 DC 2$", netlist, re.MULTILINE)


@needs_ngspice
def test_a_negative_bias_clips_the_bottom_at_a_drop_below_it():
    result = generate("Negative biased clipper: a 5 V peak 1 kHz sine from VS on node n_in through 2.2k to node n_out; "
                      "a diode from a -2 V bias source to n_out clips the negative peaks; the positive half passes.")
    low = measure(result.netlist, "tran 5u 3m\nmeas tran result min v(n_out) from=1m to=3m")
    high = measure(result.netlist, "tran 5u 3m\nmeas tran result max v(n_out) from=1m to=3m")
    assert -2.95 < low < -2.35 and high > 4.9


@needs_ngspice
def test_a_counted_diode_string_fed_through_a_stated_resistor_carries_what_it_sets():
    result = generate("Three-diode string from a 12 V supply through 4.7k; what voltage appears across the string at "
                      "node str?")
    assert result.intent.kind == "diode_stack_reference" and "R1 in str 4.7k" in result.netlist
    level = measure(result.netlist, "op\nlet result = v(str)")
    assert math.isclose(level, 3 * _drop((12 - level) / 4.7e3), rel_tol=0.01)


@needs_ngspice
@pytest.mark.parametrize("role", ["emitter follower", "common-emitter amplifier"])
def test_a_pnp_stage_on_a_positive_supply_is_the_npn_stage_upside_down(role):
    result = generate(f"PNP {role} on a 12 V supply.")
    emitter = measure(result.netlist, "op\nlet result = v(" + ("out" if "follower" in role else "e") + ")")
    assert 1 < emitter < 11.5 and result.verified


def test_a_level_said_at_the_output_node_is_no_supply():
    values = parse_intent("Zener regulator, 12 V in, output node zo at 5.1 V.").values
    assert values["VDD"].value == 12.0 and all(v.value != 5.1 for v in values.values())


@pytest.mark.parametrize("description,top", [
    ("Zener regulator holding 9.1 V at node reg from a 15-20 V input, 10 mA load.", 20.0),
    ("Zener shunt regulator, 5.1 V output, input of 9 to 12 V, 5 mA load.", 12.0),
])
def test_a_range_said_of_a_regulators_input_is_its_supply_swept_over_it(description, top):
    intent = parse_intent(description)
    assert intent.values["VDD"].value == top and intent.values["VDD"].text.startswith(f"{top:g}")
    assert any(a.kind == "dc" for a in intent.analyses)


@needs_ngspice
def test_a_level_said_before_from_is_the_output_not_the_input():
    result = generate("Zener regulator giving 9.1 V from a 15-20 V input.")
    assert "bv=9.1" in result.netlist and result.verified
    assert parse_intent("Regulator from 12 V giving 5 V.").values["VIN"].value == 12.0


@needs_ngspice
def test_a_peak_detectors_output_capacitor_is_its_hold_capacitor():
    result = generate("Diode peak detector: a 4 V peak 1 kHz sine on node pin, output node pk across 1 uF and 100k.")
    assert re.search(r"^C1 pk 0 1u", result.netlist, re.MULTILINE) and result.verified


@needs_ngspice
@pytest.mark.parametrize("description,lx,rx,c1", [
    ("Maxwell bridge to measure a 10 mH inductor", 10e-3, 10.0, 100e-9),
    ("Maxwell-Wien bridge balanced for a 50 mH coil with 25 ohm resistance, C1 = 47 nF", 50e-3, 25.0, 47e-9),
])
def test_a_maxwell_bridge_is_balanced_for_its_coil(description, lx, rx, c1):
    result = generate(description)
    assert result.intent.kind == "maxwell_bridge" and result.verified
    parts = {line.split()[0]: parse_number(line.split()[3]) for line in result.netlist.splitlines()
             if re.match(r"[RCL]\d ", line)}
    assert math.isclose(parts["R2"] * parts["R3"] * parts["C1"], lx, rel_tol=0.01)  # Lx = R2 R3 C1
    assert math.isclose(parts["R2"] * parts["R3"] / parts["R1"], rx, rel_tol=0.01)  # Rx = R2 R3 / R1


@pytest.mark.parametrize("description", [
    "I need an indicator: node hi should go to about 3.3 V when the input (source VIN on node vin) is above 1.2 V, "
    "otherwise 0 V. Single 3.3 V supply.",
    "Node alarm should sit at 5 V when node tv drops below 1.8 V and at 0 V otherwise; 5 V supply.",
])
def test_an_output_level_said_for_one_side_of_a_threshold_is_a_comparator(description):
    assert parse_intent(description).kind == "comparator"
