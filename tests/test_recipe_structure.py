"""A request for a circuit we know gets that circuit, wired as the request says: the family its
words name (however they name it), the sub-blocks it states taken as parts of it, and the parts
and nodes it states placed where it says. Each request is measured in ngspice."""
import re

import pytest

from spice_lsp.generation.pipeline import generate
from spice_lsp.generation.recipes.comparators import SAT
from spice_lsp.generation.recipes.filters import _rc_band_capacitors
from spice_lsp.language.units import format_eng, parse_number
from spice_lsp.ngspice import runner

pytestmark = pytest.mark.skipif(runner.shutil.which("ngspice") is None, reason="ngspice is not installed")


def lines(netlist: str, pattern: str) -> list[str]:
    return re.findall(rf"^{pattern}.*$", netlist, re.MULTILINE | re.IGNORECASE)


def measured(item) -> float:
    return float(re.search(r"measured ([-+\d.e]+)", item.detail)[1])


def function_passes(result) -> bool:
    function = [item for item in result.checks if item.what.startswith("function:")]
    return bool(function) and all(item.status == "pass" for item in function)


def test_a_zener_held_emitter_follower_is_the_series_regulator_whatever_it_is_called():
    result = generate("Pass-transistor series regulator: a 4.7 V zener holds the base of an NPN emitter "
                      "follower, 15 V input, 220 ohm load at out.")
    assert result.intent.kind == "zener_pass_regulator"
    assert lines(result.netlist, r"Q\w* in b out"), result.netlist
    assert function_passes(result), result.checks


def test_an_oscillators_sustaining_amplifier_named_as_a_part_is_no_other_circuit():
    result = generate("RC phase-shift oscillator: three 22 nF / 4.7k sections driving an inverting amplifier, "
                      "output out, 30 ms transient.")
    assert result.intent.kind == "phase_shift_oscillator"
    assert function_passes(result), result.checks


@pytest.mark.parametrize("words,top,bottom", [
    ("negative clamper", (0.3, 0.8), (-4.8, -3.0)),
    ("DC restorer (positive clamp)", (3.0, 4.8), (-0.8, -0.3)),
])
def test_a_diode_clamper_shifts_the_wave_to_one_side_of_ground(words, top, bottom):
    result = generate(f"{words}: 470 nF from in to out, 47k load, 2 V amplitude 500 Hz sine at in; 30 ms transient.")
    assert result.intent.kind == "diode_clamper"
    assert lines(result.netlist, r"C\w* in out 470n") and lines(result.netlist, r"R\w* out 0 47k"), result.netlist
    checks = {item.what: item for item in result.checks if item.what.startswith("function:")}
    highest = next(item for what, item in checks.items() if "highest" in what)
    lowest = next(item for what, item in checks.items() if "lowest" in what)
    assert top[0] <= measured(highest) <= top[1] and bottom[0] <= measured(lowest) <= bottom[1], result.checks
    assert result.verified, result.checks


def test_a_clipper_with_no_stated_bias_clips_at_a_diode_drop_on_both_sides():
    result = generate("Limiter: 2.2k from in to out and a back-to-back pair of diodes from out to ground; "
                      "3 V amplitude 2 kHz sine at in, 2 ms transient.")
    assert result.intent.kind == "diode_clipper"
    assert not lines(result.netlist, r"V\w* ref"), result.netlist
    assert function_passes(result), result.checks
    assert any("0.35 to 0.95" in item.detail for item in result.checks), result.checks


def test_a_precision_rectifiers_stated_load_hangs_at_its_output():
    result = generate("Superdiode precision half-wave rectifier, 4.7k load, 50 mV amplitude 2 kHz sine at in, "
                      "output out, 3 ms transient.")
    assert result.intent.kind == "precision_half_wave_rectifier"
    assert lines(result.netlist, r"R\w* out 0 4\.7k"), result.netlist
    assert result.verified, result.checks


def test_a_voltage_to_current_converter_through_a_transistor_has_the_transistor():
    result = generate("V-to-I converter: an op-amp drives a BJT whose 2k emitter resistor sets the current, "
                      "load 3.3k from the 12 V rail to the collector; 0.5 V at in. Operating point.")
    assert result.intent.kind == "voltage_to_current_converter"
    assert lines(result.netlist, r"Q\w* "), result.netlist
    assert function_passes(result), result.checks


def test_a_stated_transconductance_sets_the_howland_resistors():
    result = generate("Howland current source giving 2 mA per volt into a 470 ohm load, 0.5 V at in. Operating point.")
    assert result.intent.kind == "howland_current_source"
    assert any("current 1mA" in item.what and item.status == "pass" for item in result.checks), result.checks


def test_a_two_pole_pwm_filter_has_two_rc_sections():
    result = generate("PWM DAC: 0/3.3 V PWM at 20 kHz, 60 % duty on pwm, smoothed by a second-order RC filter "
                      "(4.7k and 220 nF per pole) to out.")
    assert result.intent.kind == "pwm_dac"
    assert len(lines(result.netlist, r"R\w* \w+ \w+ 4\.7k")) == 2, result.netlist
    assert len(lines(result.netlist, r"C\w* \w+ 0 220n")) == 2, result.netlist
    assert function_passes(result), result.checks


def test_a_resonant_filter_with_its_frequency_and_inductor_gets_the_capacitor_that_tunes_it():
    result = generate("LC notch filter with a 4.7 mH inductor at 12 kHz")
    assert result.intent.kind == "rlc_notch"
    assert any("notch 12kHz" in item.what and item.status == "pass" for item in result.checks), result.checks


@pytest.mark.parametrize("words,levels", [("a 0 to 3.3 V output", (3.3, 0)),
                                          ("±9 V supplies", (round(SAT * 9, 1), -round(SAT * 9, 1)))])
def test_a_zero_crossing_detector_swings_the_output_it_is_given(words, levels):
    result = generate(f"Zero-cross detector with {words}, 0.5 V amplitude 200 Hz sine at in, output out")
    assert result.intent.kind == "zero_crossing_detector"
    peaks = [item for item in result.checks if item.what.startswith("function:") and "peak" in item.what]
    assert [round(measured(item), 1) for item in peaks] == list(levels), peaks


def test_an_nmos_mirror_with_a_ratio_has_the_wider_output_device():
    result = generate("NMOS current mirror, 1:3, 50 uA reference, W = 5u devices, 20k load from 5 V to out")
    assert result.intent.kind == "current_mirror"
    assert lines(result.netlist, r"M2 out ref 0 0 \w+ W=15u"), result.netlist
    assert any("current 150uA" in item.what for item in result.checks), result.checks


@pytest.mark.parametrize("words,gain", [("non-inverting amplifier, gain 4", 4),
                                        ("inverting amplifier, RIN 10k, RF 33k", -3.3)])
def test_a_single_supply_ac_coupled_stage_rests_at_mid_rail_and_amplifies(words, gain):
    result = generate(f"AC-coupled {words}, on a single 12 V supply; input in, output out")
    assert result.intent.kind in ("opamp_noninverting", "opamp_inverting")
    assert lines(result.netlist, r"V\w* vdd 0 DC") and lines(result.netlist, r"C1 in "), result.netlist
    function = {item.what: item for item in result.checks if item.what.startswith("function:")}
    assert any("mid-rail (6 V)" in what and item.status == "pass" for what, item in function.items()), function
    assert any(f"gain {gain:g}" in item.what and item.status == "pass" for item in result.checks), result.checks
    assert result.verified, result.checks


def test_a_sample_and_hold_tracks_a_stated_ramp_until_its_control_drops_then_holds_it():
    result = generate("Track-and-hold: in ramps from 1 V to 3 V over 4 ms, switch controlled by node g "
                      "(5 V until 1 ms, then 0 V), 4.7 nF hold capacitor, output out, 4 ms transient")
    assert result.intent.kind == "sample_and_hold"
    assert lines(result.netlist, r"V1 in 0 PWL\(0 1 4m 3\)"), result.netlist
    held = [item for item in result.checks if item.what.startswith("function: holds the input's value at 1ms")]
    assert [item.status for item in held] == ["pass"] and abs(measured(held[0]) - 1.5) < 0.05, held


def test_a_current_excited_rtd_feeds_its_amplifier():
    result = generate("PT1000 RTD reading 1385 ohm at 100 °C, excited by a 0.5 mA current source, its voltage at rtd "
                      "amplified by a non-inverting op-amp stage with gain 3 to out. Operating point.")
    assert result.intent.kind == "rtd_current_amplifier"
    assert lines(result.netlist, r"I\w* 0 rtd DC 0\.5m") and lines(result.netlist, r"X\w* rtd "), result.netlist
    out = [measured(item) for item in result.checks if item.what.startswith("function:")]
    assert len(out) == 1 and abs(out[0] - 3 * 0.5e-3 * 1385) < 0.01, result.checks  # the stated gain, not a default


def test_an_instrumentation_amplifiers_gain_spec_sets_its_gain_resistor():
    result = generate("Strain gauge bridge of 120 ohm arms on 10 V feeding an instrumentation amplifier with gain 500; "
                      "output out")
    assert result.intent.kind == "strain_gauge_amplifier"
    assert lines(result.netlist, r"R11 n1 n2 40\.08"), result.netlist  # 1 + 2 (10k)/RG = 500


def test_a_long_tailed_pair_driven_on_one_base_only_grounds_the_other_and_keeps_its_small_signal():
    result = generate("NPN differential pair with a 2 mA tail current source, 3.3k collector resistors, collectors "
                      "outp and outn, bases inp and inn at 0 V DC; the small signal (AC 1) only on inp")
    assert result.intent.kind == "bjt_long_tailed_pair"
    # the small signal on inp against the other base or against ground, the same while inn is held at 0 V
    assert lines(result.netlist, r"V\w* inp (?:inn|0) DC 0 AC 1$"), result.netlist
    assert lines(result.netlist, r"V\w* inn 0 DC 0$"), result.netlist
    assert function_passes(result), result.checks


@pytest.mark.parametrize("words,vto,kp", [("NMOS common-source amplifier, VTO = 1.1 V, KP = 80u", 1.1, 80e-6),
                                          ("PMOS common-source stage with VTO -0.9", -0.9, 50e-6)])
def test_a_stated_threshold_of_the_devices_sign_is_in_its_model_card(words, vto, kp):
    # (VTO and KP both stated: the card is that level-1 model alone, kp its last parameter)
    card = re.search(r"^\.model \w+ [NP]MOS \(level=1 vto=(\S+) kp=([^\s)]+)[ )]", generate(words).netlist,
                     re.MULTILINE)
    assert card and (parse_number(card[1]), parse_number(card[2])) == pytest.approx((vto, kp)), card


def test_one_capacitance_stated_for_a_voltage_doubler_is_both_capacitors():
    result = generate("Greinacher voltage doubler: 6 V peak 500 Hz sine at in, two 2.2 uF capacitors, 470k load at out")
    assert result.intent.kind == "voltage_doubler"
    assert len(lines(result.netlist, r"C\w+ \w+ \w+ 2\.2u$")) == 2, result.netlist
    assert function_passes(result), result.checks


def test_a_schmitt_triggers_input_and_feedback_resistors_and_stated_ramp_are_placed():
    result = generate("Non-inverting Schmitt trigger on ±12 V supplies: 3.3k from in to the + input, 22k feedback from "
                      "out; ramp the input from -8 to 8 V and back over 10 ms, 10 ms transient")
    assert result.intent.kind == "schmitt_noninverting"
    assert lines(result.netlist, r"R1 in p 3\.3k$") and lines(result.netlist, r"R2 p out 22k$"), result.netlist
    assert lines(result.netlist, r"V1 in 0 PWL\(0 -8 5m 8 10m -8\)"), result.netlist
    assert function_passes(result), result.checks


def test_a_level_1_model_the_request_writes_out_is_that_model_alone():
    written = generate("NMOS common-source amplifier with a level 1 model, VTO 0.8, KP 120u").netlist
    assert re.search(r"^\.model nch NMOS \(level=1 vto=0\.8 kp=\S+\)$", written, re.MULTILINE), written
    assert "lambda" in generate("NMOS common-source amplifier, VTO 0.8").netlist  # a threshold alone: our card


def test_a_comparator_takes_its_stated_triangle_levels_and_sense():
    result = generate("Comparator: a 2 kHz triangle from 0 to 3.3 V at in against a 1 V reference; out is 3.3 V while "
                      "the input is below the reference and 0 V otherwise. Transient 3 ms.")
    assert result.intent.kind == "comparator"
    # the triangle's edges are half its period, 250 us at 2 kHz, written out or as {0.5/fin} with fin = 2k
    assert lines(result.netlist, r"V1 in 0 .*PULSE\(0 3\.3 0 (?:250u 250u|\{0\.5/fin\} \{0\.5/fin\}) 1n "), \
        result.netlist
    assert lines(result.netlist, r"\.param fin=2k\b") or "250u" in result.netlist
    assert lines(result.netlist, r"X1 ref in out comparator1$"), result.netlist
    assert function_passes(result), result.checks


def test_a_transistor_current_sink_whose_base_a_source_holds_has_no_divider():
    result = generate("BJT current sink: an NPN with its base held at 1.7 V by VB, 1k emitter resistor, "
                      "3.3k collector load from the 9 V supply. Operating point.")
    assert result.intent.kind == "bjt_current_source"
    assert not lines(result.netlist, r"R\w* vcc b "), result.netlist
    assert any("current 1.0" in item.what and item.status == "pass" for item in result.checks), result.checks


def test_a_bjt_mirrors_reference_set_by_a_resistor_is_that_resistor():
    result = generate("NPN current mirror on 12 V, its 2 mA reference set by a resistor, 1k load from the supply to "
                      "out")
    assert result.intent.kind == "current_mirror"
    assert lines(result.netlist, r"R\w* \w+ ref 5\.66\dk$") and not lines(result.netlist, r"I\w* "), result.netlist
    assert function_passes(result), result.checks


def test_a_gyrator_resonating_at_a_node_named_tank_is_the_gyrator():
    result = generate("Simulated inductor (op-amp gyrator) of 0.47 H to ground at node tank, with 220 nF across it, "
                      "fed from in through 22k")
    assert result.intent.kind == "gyrator"
    assert function_passes(result), result.checks


def test_a_transmission_gate_held_on_passes_its_stated_sine_into_its_load():
    result = generate("CMOS transmission gate on 3.3 V with its enable en held at 3.3 V, passing a 0.5 V amplitude "
                      "10 MHz sine into a 4.7k load to ground at out")
    assert result.intent.kind == "transmission_gate"
    assert lines(result.netlist, r"V3 en 0 DC 3\.3$") and lines(result.netlist, r"R1 out 0 4\.7k$"), result.netlist
    assert function_passes(result), result.checks


def test_a_passive_rc_band_pass_is_two_rc_sections_with_its_stated_edges():
    result = generate("Passive RC band-pass filter passing 50 Hz to 5 kHz, input in, output out")
    assert result.intent.kind == "rc_bandpass"
    assert not lines(result.netlist, r"L"), result.netlist
    # the corners are moved in from 50 Hz and 5 kHz so that the -3 dB edges land there (10k, then 100k)
    c1, c2 = (format_eng(float(f"{c:.4g}")) for c in _rc_band_capacitors(50, 5e3, 10e3, 100e3, False))
    assert lines(result.netlist, rf"C1 in a {re.escape(c1)}$"), result.netlist
    assert lines(result.netlist, rf"C2 out 0 {re.escape(c2)}$"), result.netlist
    assert function_passes(result), result.checks


def test_a_hyphenated_charge_pump_inverter_is_the_charge_pump_not_a_cmos_inverter():
    result = generate("Charge-pump voltage inverter: 47 uF flying and reservoir capacitors, 4.7k load at out")
    assert result.intent.kind == "charge_pump_inverter"
    assert function_passes(result), result.checks


def test_a_weighted_dacs_stated_input_resistors_keep_their_bits():
    result = generate("4-bit binary-weighted DAC with an inverting summer, 4.7k feedback, input resistors 4.7k (MSB), "
                      "9.4k, 18.8k and 37.6k; code 1001; 2 V for a 1; output out")
    assert result.intent.kind == "weighted_dac"
    assert [len(lines(result.netlist, rf"R\d \w+ sum {r}$")) for r in ("4.7k", "9.4k", "18.8k", "37.6k")] == [1] * 4
    assert function_passes(result), result.checks
