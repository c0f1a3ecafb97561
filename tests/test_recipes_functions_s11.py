"""Families whose answers missed the function asked (session 11): each builds what its request states (a source
resistance in series, a base at half the supply, a tail current, an output reference, a strained gauge, a DAC's bits
set one by one) and meets it in ngspice, for a few random values."""
import math
import random
import re

import pytest

from spice_lsp.generation.pipeline import generate
from spice_lsp.generation.recipes.data_conversion import _word
from spice_lsp.ngspice import runner
from tests.measuring import measure, part_value

needs_ngspice = pytest.mark.skipif(runner.shutil.which("ngspice") is None, reason="ngspice is not installed")
VT = 0.02585


def _gain(netlist: str, out: str, inp: str) -> float:
    return measure(netlist, f"ac lin 1 1k 1k\nlet result = vm({out})/vm({inp})")


def _functions_pass(result) -> None:
    function = [item for item in result.checks if item.what.startswith("function:")]
    assert function and all(item.status == "pass" for item in function), (function, result.netlist)


@needs_ngspice
@pytest.mark.parametrize("seed", range(2))
def test_a_cascode_names_its_upper_collector_and_amplifies_gm_rc(seed):
    rng = random.Random(seed)
    ic, rc = rng.choice((0.5e-3, 1e-3)), rng.choice((4.7e3, 6.8e3))
    result = generate(f"NPN cascode, 15 V supply, {ic * 1e3:g} mA collector current, {rc / 1e3:g}k collector "
                      "resistor, emitter resistor bypassed; signal from node sgin through a coupling cap, output at "
                      "the upper collector, node vup.")
    assert re.search(r"^Q\w* vup \w+ \w+", result.netlist, re.MULTILINE), result.netlist
    assert _gain(result.netlist, "vup", "sgin") == pytest.approx(ic / VT * rc, rel=0.25), result.netlist


@needs_ngspice
@pytest.mark.parametrize("seed", range(3))
def test_a_common_base_stage_takes_its_source_resistance_in_series(seed):
    # Property: "through 50 ohm" is the generator's series resistance, the emitter resistor is designed for the
    # stated current: gain RC/(RS + re).
    rng = random.Random(seed)
    ic, rc, rs = rng.choice((1e-3, 2e-3)), rng.choice((2.2e3, 3.3e3)), rng.choice((50, 100, 220))
    result = generate(f"common-base amplifier, {ic * 1e3:g} mA collector current, RC = {rc / 1e3:g}k, 12 V supply; "
                      f"the generator on node gen drives the emitter through {rs} ohm and a coupling capacitor. "
                      "Output at the collector, node cbq.")
    assert result.intent.kind == "common_base", result.netlist
    assert part_value(result.netlist, "R5") == pytest.approx(rs), result.netlist
    current = measure(result.netlist, f"op\nlet result = (v(vcc)-v(cbq))/{rc:g}")
    assert current == pytest.approx(ic, rel=0.08), result.netlist
    assert _gain(result.netlist, "cbq", "gen") == pytest.approx(rc / (rs + VT / ic), rel=0.12), result.netlist
    _functions_pass(result)


@needs_ngspice
@pytest.mark.parametrize("vcc,re_", [(9, 470), (12, 1000), (15, 2200)])
def test_a_darlington_follower_biased_at_half_the_supply_sits_two_vbe_below_it(vcc, re_):
    result = generate(f"Darlington emitter follower from {vcc} V, its base biased at half the supply by a divider, "
                      f"{re_} ohm emitter resistor to ground, output node dfo, signal coupled in from node dfi.")
    assert result.intent.kind == "darlington_follower", result.netlist
    level = measure(result.netlist, "op\nlet result = v(dfo)")
    assert vcc / 2 - 1.7 <= level <= vcc / 2 - 1.1, result.netlist
    assert 0.95 <= _gain(result.netlist, "dfo", "dfi") <= 1.0, result.netlist


@needs_ngspice
@pytest.mark.parametrize("supply,tail,rc", [(12, 2e-3, 4.7e3), (9, 1e-3, 10e3), (15, 0.5e-3, 22e3)])
def test_a_long_tailed_pairs_tail_resistor_sets_the_stated_current(supply, tail, rc):
    result = generate(f"emitter-coupled pair of NPNs on +/-{supply} V, a tail resistor to -{supply} V setting "
                      f"{tail * 1e3:g} mA total, {rc / 1e3:g}k collector resistors, one base driven, the other "
                      "grounded, single-ended output.")
    assert result.intent.kind == "bjt_long_tailed_pair", result.netlist
    assert part_value(result.netlist, "R3") == pytest.approx((supply - 0.7) / tail, rel=0.02), result.netlist
    assert " AC 1" in next(x for x in result.netlist.splitlines() if x.startswith("V3")), result.netlist
    assert _gain(result.netlist, "outp", "inp") == pytest.approx(tail / 2 / VT * rc / 2, rel=0.2), result.netlist


@needs_ngspice
@pytest.mark.parametrize("seed", range(3))
def test_a_difference_amplifiers_reference_shifts_its_output(seed):
    rng = random.Random(seed)
    gain, ref = rng.choice((2, 3, 5)), rng.choice((1.25, 1.65, 2.5))
    vp, diff = rng.choice((1.2, 1.5, 2.0)), rng.choice((0.1, 0.2, 0.3))
    result = generate(f"Difference amplifier with gain {gain}, its output referenced to {ref} V on node rfx. Inputs: "
                      f"node ppa at {vp} V, node nna at {vp - diff:.2f} V; output node dqo.")
    want = ref + gain * diff
    assert measure(result.netlist, "op\nlet result = v(dqo)") == pytest.approx(want, abs=0.02), result.netlist
    assert re.search(r"^R4 p rfx ", result.netlist, re.MULTILINE), result.netlist


@needs_ngspice
@pytest.mark.parametrize("nominal,strained,gain", [(120, 120.6, 100), (350, 351.4, 200)])
def test_a_quarter_bridge_reads_its_stretched_gauge(nominal, strained, gain):
    result = generate(f"Quarter-bridge strain gauge: {nominal} ohm gauge and three {nominal} ohm resistors, 5 V "
                      f"excitation; the gauge has stretched to {strained} ohms. Instrumentation amp, gain {gain}, "
                      "output node sgo.")
    want = gain * 5 * (strained / (nominal + strained) - 0.5)
    assert abs(measure(result.netlist, "op\nlet result = v(sgo)")) == pytest.approx(want, rel=0.03), result.netlist


@pytest.mark.parametrize("text,bits,code", [
    ("bits b3 b2 b1 b0 set to 1 0 1 1", 4, 11),
    ("3 bits; set b2=1, b1=0, b0=1.", 3, 5),
    ("node d2 at 5 V, node d1 at 0 V, node d0 at 5 V", 3, 5),
    ("three bit ladder. Code 101.", 3, 5),
    ("an 8-bit DAC with bits 10110010", 8, 178),
    ("4-bit DAC, code 12", 4, 12),
    ("a 4-bit DAC", 4, None),
])
def test_a_dacs_word_is_read_however_its_bits_are_set(text, bits, code):
    assert _word(text) == (bits, code)


@needs_ngspice
@pytest.mark.parametrize("bits,code,high", [(3, 5, 3.3), (4, 6, 5.0), (5, 19, 2.5)])
def test_an_unbuffered_r2r_ladder_is_its_own_output(bits, code, high):
    result = generate(f"{bits}-bit R/2R ladder, unbuffered, logic high = {high} V, code {code:0{bits}b}, output "
                      "node lad.")
    assert result.intent.kind == "r2r_dac", result.netlist
    assert " opamp" not in result.netlist, result.netlist
    level = measure(result.netlist, "op\nlet result = v(lad)")
    assert level == pytest.approx(high * code / 2 ** bits, rel=0.01), result.netlist


def test_a_split_supply_is_no_dacs_bit_level():
    from spice_lsp.generation.families import render
    from spice_lsp.generation.intent import parse_intent
    text = ("3-bit binary-weighted DAC into an inverting summer on +/-12 V, bits each either 0 or 5 V, "
            "b2=1, b1=0, b0=1")
    assert re.search(r"\bvref=5\b", render(parse_intent(text)).netlist)
    assert math.isclose(_word(text)[1], 5)


@needs_ngspice
@pytest.mark.parametrize("trip,ref,logic", [(3.4, 1.24, 3.3), (3.0, 2.5, 5.0), (10.5, 2.5, 5.0)])
def test_a_battery_low_detector_warns_below_its_trip(trip, ref, logic):
    result = generate(f"Battery-low detector: output node lowb goes high ({logic:g} V logic through a pull-up) when "
                      f"the battery node vb falls below {trip:g} V; use a {ref:g} V reference and a divider on vb.")
    assert result.intent.kind == "battery_low_detector", result.netlist
    source = next(x.split()[0] for x in result.netlist.splitlines() if re.match(r"V\w* vb 0 ", x))
    crossing = measure(result.netlist, f"dc {source} {trip / 2:g} {trip * 1.5:g} {trip / 2000:g}\n"
                                       f"meas dc result when v(lowb)={logic / 2:g} fall=1")
    assert crossing == pytest.approx(trip, rel=0.02), result.netlist
    _functions_pass(result)


@needs_ngspice
def test_a_schmitt_trigger_takes_glossed_thresholds_and_a_ramp_said_point_by_point():
    result = generate("Inverting comparator with hysteresis on a 0/5 V output: thresholds 1.5 V (rising output) and "
                      "3.5 V (falling output). Input node sx driven by VSX, a PWL 0 V at 0, 5 V at 2 ms, 0 V at 4 ms; "
                      "output node sy.")
    assert "PWL(0 0 2m 5 4m 0)" in result.netlist, result.netlist
    up = measure(result.netlist, "tran 2u 4m\nmeas tran result find v(sx) when v(sy)=2.5 fall=1")
    down = measure(result.netlist, "tran 2u 4m\nmeas tran result find v(sx) when v(sy)=2.5 rise=1")
    assert (up, down) == (pytest.approx(3.5, abs=0.1), pytest.approx(1.5, abs=0.1)), result.netlist


@needs_ngspice
@pytest.mark.parametrize("pp,freq", [(6, 1e3), (4, 500)])
def test_a_function_generator_makes_the_triangle_swing_it_is_asked(pp, freq):
    result = generate(f"triangle and square generator on +/-12 V, {freq:g} Hz, a {pp} V peak-to-peak triangle")
    assert result.intent.kind == "function_generator", result.netlist
    swing = measure(result.netlist, "tran 5u 30m\nmeas tran result pp v(tri) from=15m to=30m")
    assert swing == pytest.approx(pp, rel=0.08), result.netlist
    _functions_pass(result)


@needs_ngspice
def test_a_function_generators_stated_parts_set_its_frequency():
    # 10k/20k Schmitt, 15k and 10 nF integrator: f = R4/(4 R3 R C) = 3.33 kHz, the triangle 2 Vsat R3/R4
    result = generate("function generator: Schmitt trigger with 10k input and 20k feedback resistors driving an "
                      "integrator of 15k and 10 nF. Square wave on node wsq, triangle on node wtri.")
    period = measure(result.netlist, "tran 2u 10m\nmeas tran result trig v(wtri) val=0 rise=10 "
                                     "targ v(wtri) val=0 rise=20")
    assert period / 10 == pytest.approx(4 * 10e3 * 15e3 * 10e-9 / 20e3, rel=0.08), result.netlist
    assert re.search(r"^X\w* p 0 wsq comparator", result.netlist, re.MULTILINE), result.netlist
    _functions_pass(result)


@needs_ngspice
@pytest.mark.parametrize("kind,seebeck,hot,scale", [("K", 41e-6, 250, 10e-3), ("J", 52e-6, 120, 5e-3),
                                                     ("T", 43e-6, 80, 20e-3)])
def test_a_thermocouple_amplifier_reads_its_scale_per_degree(kind, seebeck, hot, scale):
    result = generate(f"type {kind} thermocouple amplifier, hot junction at {hot} degC, non-inverting op-amp so the "
                      f"output reads {scale * 1e3:g} mV per degree")
    assert result.intent.kind == "thermocouple_amplifier", result.netlist
    level = measure(result.netlist, "op\nlet result = v(out)")
    assert level == pytest.approx(scale * hot, rel=0.02), result.netlist
    assert measure(result.netlist, "op\nlet result = v(tc)") == pytest.approx(seebeck * hot, rel=1e-3)
    _functions_pass(result)


@needs_ngspice
@pytest.mark.parametrize("vcc,rc,re_", [(12, 1e3, 100), (9, 2.2e3, 330), (15, 4.7e3, 470)])
def test_a_class_a_stage_biases_its_stated_collector_resistor_at_mid_supply(vcc, rc, re_):
    result = generate(f"class A amplifier, one NPN, {vcc} V supply, {rc / 1e3:g}k collector resistor and an "
                      f"unbypassed {re_} ohm emitter resistor")
    assert result.intent.kind == "bjt_degenerated_ce", result.netlist
    assert measure(result.netlist, "op\nlet result = v(out)") == pytest.approx(vcc / 2, rel=0.1), result.netlist
    assert _gain(result.netlist, "out", "in") == pytest.approx(rc / (re_ + VT * rc / (vcc / 2)), rel=0.12)
    _functions_pass(result)


@needs_ngspice
@pytest.mark.parametrize("gf,micro,gain", [(2.0, 1000, 200), (2.1, 500, 100)])
def test_a_strain_bridge_sits_at_its_stated_strain(gf, micro, gain):
    # the operating point is at the stated strain, with the stated gauge factor: out = G 5 (R'/(R + R') - 1/2)
    result = generate(f"Quarter-bridge strain gauge: 350 ohm gauge (gauge factor {gf}) at {micro} microstrain, three "
                      f"350 ohm completion resistors, 5 V excitation, in-amp gain {gain}, output node sgq.")
    gauge = 350 * (1 + gf * micro * 1e-6)
    want = gain * 5 * (gauge / (350 + gauge) - 0.5)
    assert abs(measure(result.netlist, "op\nlet result = v(sgq)")) == pytest.approx(want, rel=0.03), result.netlist


@needs_ngspice
def test_an_ntc_said_to_ground_later_in_its_clause_is_the_bottom_arm():
    result = generate("NTC thermistor divider: 10k-at-25 C NTC with B = 3950, modelled as a plain resistor at its "
                      "60 C value, from node nto to ground; 10k fixed resistor from a 5 V rail to nto.")
    ntc = 10e3 * math.exp(3950 * (1 / 333.15 - 1 / 298.15))
    assert measure(result.netlist, "op\nlet result = v(nto)") == pytest.approx(5 * ntc / (ntc + 10e3), rel=0.03)


@needs_ngspice
@pytest.mark.parametrize("text,hz", [("voltage-to-frequency converter, 0-5 V input, 1 kHz per volt", 5e3),
                                     ("V/F converter with 200 Hz/V, control input 3 V", 600.0)])
def test_a_voltage_to_frequency_converter_runs_at_its_scale_times_its_input(text, hz):
    result = generate(text)
    assert result.intent.kind == "op_amp_vco", result.netlist
    period = measure(result.netlist, f"tran {0.01 / hz:g} {40 / hz:g}\nmeas tran result trig v(tri) val=0 rise=10 "
                                     "targ v(tri) val=0 rise=20")
    assert 10 / period == pytest.approx(hz, rel=0.1), result.netlist


@needs_ngspice
@pytest.mark.parametrize("text,vdd", [("JK flip-flop from NAND gates, clock clk, J and K inputs, output q", 1.8),
                                      ("J-K flip flop on 3.3 V", 3.3)])
def test_a_jk_flip_flop_sets_holds_resets_and_toggles(text, vdd):
    result = generate(text)
    assert result.intent.kind == "jk_flip_flop", result.netlist
    levels = [measure(result.netlist, f"tran 10p 50n\nmeas tran result find v(q) at={t}n") for t in (8, 18, 28, 38, 48)]
    assert [level > vdd / 2 for level in levels] == [True, True, False, True, False], (levels, result.netlist)


@needs_ngspice
def test_a_generator_named_by_its_resistance_is_the_common_base_stages_source():
    result = generate("grounded-base amplifier, Ic 0.5 mA, RC 10k, 9 V, driven from a 50 ohm generator through a "
                      "coupling cap")
    assert part_value(result.netlist, "R5") == pytest.approx(50), result.netlist
    assert _gain(result.netlist, "out", "in") == pytest.approx(10e3 / (50 + VT / 0.5e-3), rel=0.12)


@needs_ngspice
@pytest.mark.parametrize("text,delay,rises", [("POR circuit with a 50 ms reset pulse on 3.3 V", 50e-3, True),
                                              ("power on reset, active-high reset for 20 ms, 5 V", 20e-3, False),
                                              ("power-on reset circuit: 47k and 2.2 uF", 47e3 * 2.2e-6 * math.log(2),
                                               True)])
def test_a_power_on_reset_releases_after_its_delay(text, delay, rises):
    result = generate(text)
    assert result.intent.kind == "power_on_reset", result.netlist
    rail = 3.3 if "3.3 V" in text else 5.0
    out = re.search(r"^X1 \S+ \S+ (\S+) comparator1", result.netlist, re.MULTILINE)[1]  # (as the request names it)
    end = measure(result.netlist, f"tran {delay / 500:g} {3 * delay:g}\nmeas tran result when v({out})={rail / 2:g} "
                                  f"{'rise' if rises else 'fall'}=1")
    assert end == pytest.approx(delay, rel=0.1), result.netlist
    _functions_pass(result)


@needs_ngspice
@pytest.mark.parametrize("text,v,rl,lo", [
    ("RC snubber across a switch: 100 ohm and 100 nF, 12 V supply, 1 mH inductive load switched at 10 kHz",
     12, 10, 1e-3),
    ("RC snubber for a relay coil of 50 mH and 100 ohm on 24 V", 24, 100, 50e-3),
    ("snubber", 12, 10, 1e-3)])
def test_an_rc_snubber_holds_the_turn_off_spike_near_its_design(text, v, rl, lo):
    result = generate(text)
    assert result.intent.kind == "rc_snubber", result.netlist
    assert part_value(result.netlist, "R1") == pytest.approx(rl) and part_value(result.netlist, "L1") == lo
    peak = measure(result.netlist, "tran 1u 3m\nmeas tran result max v(out) from=1.5m to=3m")
    rs, cs = part_value(result.netlist, "R2"), part_value(result.netlist, "C1")
    assert v < peak < v + v / rl * (rs + math.sqrt(lo / cs)) * 1.1, result.netlist  # never the unsnubbed kilovolts
    _functions_pass(result)
