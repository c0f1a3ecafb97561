"""The open-world breadth families (recipes/breadth.py): each is chosen for its own requests, built from the request's
figures by its design equations, and meets them in ngspice (its function checks) for a few random targets."""
import math
import random
import re

import pytest

from spice_lsp.generation.intent import parse_intent
from spice_lsp.generation.pipeline import generate
from spice_lsp.language.units import parse_number
from spice_lsp.ngspice import runner
from tests.measuring import part_value

needs_ngspice = pytest.mark.skipif(runner.shutil.which("ngspice") is None, reason="ngspice is not installed")


def _functions_pass(result) -> None:
    function = [item for item in result.checks if item.what.startswith("function:")]
    assert function and all(item.status == "pass" for item in function), (function, result.netlist)


@pytest.mark.parametrize("text,kind", [
    ("a 10 dB pi attenuator for a 75 ohm line", "attenuator_pad"),
    ("6 dB T-pad in a 50 ohm system", "attenuator_pad"),
    ("L-network to match a 50 ohm source to a 1k load at 2 MHz", "l_match"),
    ("impedance matching network from 300 ohm down to 50 ohm at 100 MHz", "l_match"),
    ("transformer with a 5:1 turns ratio, 1 kHz", "transformer"),
    ("solar cell model with Isc 2 A and Voc 0.55 V", "solar_cell"),
    ("tuned amplifier at 1 MHz", "tuned_amplifier"),
    ("quartz crystal equivalent model at 4 MHz", "crystal_model"),
    ("2-way speaker crossover at 2 kHz", "loudspeaker_crossover"),
    ("capacitance multiplier to clean up a 15 V rail", "capacitance_multiplier"),
    ("protect my board: reverse-polarity protection with a PFET", "reverse_polarity_protection"),
    ("RTD Wheatstone bridge amplifier PT100", "sensor_bridge_amplifier"),
    ("thermistor bridge into a difference amplifier", "sensor_bridge_amplifier"),
    ("class C amplifier at 2 MHz", "class_c_amplifier"),
    ("class-C tuned RF power amp, 12 V", "class_c_amplifier"),
    ("Gilbert cell mixer, LO 10 MHz", "gilbert_mixer"),
    ("optocoupler with a 330 ohm LED resistor", "optocoupler"),
    ("PC817 opto-isolator switching a 10k pull-up", "optocoupler"),
    ("bias tee for 50 MHz and up", "bias_tee"),
    ("CMOS full adder", "cmos_adder"),
    ("transistor-level half adder on 5 V", "cmos_adder"),
    ("6T SRAM cell, read", "sram_cell"),
    ("static RAM cell write operation at 1.2 V", "sram_cell"),
    ("LM317 regulator, 9 V output from 15 V", "adjustable_regulator"),
    ("adjustable voltage regulator with R1 = 240 and R2 = 1k", "adjustable_regulator"),
    ("CMOS Schmitt trigger", "cmos_schmitt_trigger"),
    ("Schmitt trigger made of MOSFETs on 5 V", "cmos_schmitt_trigger"),
    ("sine to square wave converter", "zero_crossing_detector"),
    ("sine-to-square converter with an op-amp comparator, 1 kHz", "zero_crossing_detector"),
])
def test_each_circuit_is_read_as_its_family(text, kind):
    assert parse_intent(text).kind == kind


@pytest.mark.parametrize("text,not_kind", [
    ("10 dB resistive attenuator from in to out", "attenuator_pad"),  # no line impedance: a divider still
    ("Pierce crystal oscillator at 8 MHz", "crystal_model"),
    ("class B push-pull stage showing crossover distortion", "loudspeaker_crossover"),
    ("centre-tapped transformer full-wave rectifier", "transformer"),
    ("solar battery charger with a buck converter", "solar_cell"),
    ("parallel LC tank at 100 kHz", "tuned_amplifier"),
    ("strain gauge bridge with an instrumentation amplifier", "sensor_bridge_amplifier"),
    ("PT100 bridge, no amplifier", "sensor_bridge_amplifier"),
    ("bridge amplifier driving an 8 ohm speaker", "sensor_bridge_amplifier"),
    ("photodiode in photovoltaic mode into a 47k load", "solar_cell"),
    ("active Linkwitz-Riley crossover with op-amps at 1 kHz", "loudspeaker_crossover"),
    ("Linkwitz-Riley crossover for a two-way speaker at 2 kHz", "loudspeaker_crossover"),
    # a transformer given part by part is transcribed as written
    ("transformer: L1 = 1 mH from a to ground, L2 = 9 mH from b to ground, K1 couples them with k = 0.98",
     "transformer"),
    ("class AB push-pull output stage with two diodes", "class_c_amplifier"),
    ("tuned amplifier at 1 MHz", "class_c_amplifier"),
    ("double-balanced diode ring mixer", "gilbert_mixer"),
    ("LED with a 330 ohm resistor from 5 V", "optocoupler"),
    ("op-amp summing amplifier (an analog adder) with three inputs", "cmos_adder"),
    ("inverting amplifier with a T network in the feedback", "bias_tee"),
    ("3.3 V linear regulator from 9 V with an op-amp and a pass transistor", "adjustable_regulator"),
    ("TL431 adjustable shunt regulator at 5 V", "adjustable_regulator"),
    ("inverting Schmitt trigger with an op-amp, thresholds +-1 V", "cmos_schmitt_trigger"),
    ("CMOS inverter on 1.8 V", "cmos_schmitt_trigger"),
    ("square wave clock source at 1 kHz, 0 to 5 V", "zero_crossing_detector"),
])
def test_neighbours_keep_their_requests(text, not_kind):
    assert parse_intent(text).kind != not_kind


@needs_ngspice
def test_a_pad_meets_its_loss_and_impedance():
    rng = random.Random("pad")
    for shape in ("pi", "T"):
        loss, z0 = round(rng.uniform(3, 30), 1), rng.choice([50, 75, 600])
        result = generate(f"{loss:g} dB {shape} attenuator pad, {z0} ohm impedance")
        assert result.intent.kind == "attenuator_pad"
        _functions_pass(result)
        k = 10 ** (loss / 20)
        shunt = part_value(result.netlist, "R2" if shape == "T" else "R1")
        assert math.isclose(shunt, 2 * z0 * k / (k * k - 1) if shape == "T" else z0 * (k + 1) / (k - 1), rel_tol=1e-3)


@needs_ngspice
def test_an_l_match_delivers_the_available_power_either_way():
    for rs, rl, f0 in ((50, 470, 3.3e6), (600, 75, 455e3)):
        result = generate(f"L-network impedance match from a {rs} ohm source to a {rl} ohm load at {f0:g} Hz")
        assert result.intent.kind == "l_match"
        _functions_pass(result)


@needs_ngspice
def test_a_transformer_steps_by_its_ratio_or_its_voltages():
    for text, ratio in (("step-down transformer 8:1 at 400 Hz", 8), ("step-up transformer 1:4", 0.25),
                        ("mains transformer from 120 V rms to 24 V rms, 60 Hz", 5)):
        result = generate(text)
        assert result.intent.kind == "transformer"
        _functions_pass(result)
        inductances = [parse_number(line.split()[3]) for line in result.netlist.splitlines()
                       if re.match(r"L[12] ", line)]
        assert math.isclose(inductances[0] / inductances[1], ratio ** 2, rel_tol=1e-3)


@needs_ngspice
def test_a_solar_cell_has_its_short_circuit_current_and_open_circuit_voltage():
    rng = random.Random("pv")
    for _ in range(2):
        isc, voc = round(rng.uniform(0.5, 8), 2), round(rng.uniform(0.45, 0.7), 3)
        result = generate(f"solar cell model, Isc = {isc:g} A, Voc = {voc:g} V")
        assert result.intent.kind == "solar_cell"
        _functions_pass(result)


@needs_ngspice
def test_a_tuned_amplifier_peaks_at_its_frequency():
    rng = random.Random("tuned")
    for _ in range(2):
        f0 = float(f"{10 ** rng.uniform(5, 7):.3g}")
        result = generate(f"tuned amplifier with an LC tank in the collector at {f0:g} Hz")
        assert result.intent.kind == "tuned_amplifier"
        _functions_pass(result)


@needs_ngspice
def test_a_crystal_model_resonates_at_its_frequency_or_its_motional_values():
    result = generate("quartz crystal equivalent circuit at 8 MHz")
    assert result.intent.kind == "crystal_model"
    _functions_pass(result)
    lm, cm = part_value(result.netlist, "LM"), part_value(result.netlist, "CM")
    assert math.isclose(1 / (2 * math.pi * math.sqrt(lm * cm)), 8e6, rel_tol=2e-3)
    _functions_pass(generate("crystal BVD model: Lm = 0.1 H, Cm = 20 fF, Rm = 50 ohm, C0 = 4 pF"))


@needs_ngspice
def test_a_crossover_splits_at_its_frequency():
    for fc, r, kind in ((1.8e3, 4, ""), (4e3, 8, "passive Linkwitz-Riley "), (2.5e3, 6, "first-order ")):
        result = generate(f"{kind}two-way loudspeaker crossover at {fc:g} Hz for {r} ohm drivers")
        assert result.intent.kind == "loudspeaker_crossover"
        _functions_pass(result)


@needs_ngspice
def test_a_capacitance_multiplier_cuts_the_ripple():
    result = generate("capacitance multiplier: 15 V in with 2 V p-p ripple at 120 Hz, 150 ohm load")
    assert result.intent.kind == "capacitance_multiplier"
    _functions_pass(result)


@needs_ngspice
def test_reverse_polarity_protection_passes_the_battery_forward():
    for text, drop in (("reverse polarity protection with a P-channel MOSFET, 9 V battery, 50 ohm load", (0, 0.3)),
                       ("reverse battery protection with a series diode, 5 V in, 1k load", (0.4, 1.0))):
        result = generate(text)
        assert result.intent.kind == "reverse_polarity_protection"
        _functions_pass(result)
        assert ("D1 " in result.netlist) == (drop[0] > 0)


@needs_ngspice
def test_a_sensor_bridge_amplifier_reads_its_sensor_times_its_gain():
    rng = random.Random("bridge")
    for sensor in ("PT100 RTD", "NTC thermistor"):
        gain = rng.choice([2, 4, 8])
        result = generate(f"{sensor} bridge from 5 V with an instrumentation amplifier, gain of {gain}")
        assert result.intent.kind == "sensor_bridge_amplifier"
        _functions_pass(result)


@needs_ngspice
def test_a_class_c_amplifier_self_biases_and_rings_at_its_tank():
    rng = random.Random("classc")
    for _ in range(2):
        f0 = float(f"{10 ** rng.uniform(5.5, 7):.3g}")
        result = generate(f"class C amplifier, tank tuned to {f0:g} Hz, 12 V supply")
        assert result.intent.kind == "class_c_amplifier"
        _functions_pass(result)
        lt, ct = part_value(result.netlist, "L1"), part_value(result.netlist, "C1")
        assert math.isclose(1 / (2 * math.pi * math.sqrt(lt * ct)), f0, rel_tol=1e-3)


@needs_ngspice
def test_a_gilbert_cell_puts_out_the_difference_frequency():
    rng = random.Random("gilbert")
    f_lo = float(f"{10 ** rng.uniform(5.5, 6.5):.3g}")
    result = generate(f"Gilbert cell mixer, LO {f_lo / 1e3:g} kHz 300 mV, RF {1.2 * f_lo / 1e3:g} kHz 10 mV")
    assert result.intent.kind == "gilbert_mixer"
    _functions_pass(result)  # the |f_rf - f_lo| component's amplitude, from the switching-mixer equation
    assert "SIN(0 0.3 " in result.netlist and "SIN(0 0.01 " in result.netlist


@needs_ngspice
def test_an_optocoupler_transfers_its_ctr():
    rng = random.Random("opto")
    for _ in range(2):
        ctr, i_led = rng.choice([20, 50, 100]), rng.choice([1e-3, 2e-3])
        result = generate(f"optocoupler, CTR {ctr} %, LED fed by a {i_led * 1e3:g} mA current source, "
                          "1k pull-up from 5 V on the transistor")
        assert result.intent.kind == "optocoupler"
        _functions_pass(result)  # v(out) = 5 - CTR If 1k
    _functions_pass(generate("optocoupler driven by a 5 V, 1 kHz square wave through 470 ohm"))


@needs_ngspice
def test_a_bias_tee_passes_dc_one_way_and_rf_the_other():
    for text, port in (("bias tee, 9 V bias, good from 20 MHz", "rf"), ("bias tee: rf port rfin, dc port 5 V", "rfin")):
        result = generate(text)
        assert result.intent.kind == "bias_tee"
        _functions_pass(result)
        assert re.search(rf"^C1 {port} ", result.netlist, re.MULTILINE)


@needs_ngspice
def test_an_adder_adds_every_input_combination():
    rng = random.Random("adder")
    for kind in ("half", "full"):
        vdd = rng.choice([1.8, 3.3, 5])
        result = generate(f"CMOS {kind} adder on a {vdd:g} V supply")
        assert result.intent.kind == "cmos_adder"
        _functions_pass(result)
        assert ("cin" in result.netlist) == (kind == "full")


@needs_ngspice
def test_an_sram_cell_is_written_and_read():
    rng = random.Random("sram")
    for operation in ("write", "read"):
        vdd = rng.choice([1.2, 1.8])
        result = generate(f"6T SRAM cell {operation}, {vdd:g} V supply")
        assert result.intent.kind == "sram_cell"
        _functions_pass(result)
    at = rng.choice([2, 3, 5])  # a stated word-line pulse times the write and its checks
    result = generate(f"SRAM cell write on 1.8 V: the word line wl goes high at {at} ns for 2 ns")
    assert f"PULSE(0 {{vdd}} {at}n 50p 50p 2n 1)" in result.netlist
    _functions_pass(result)


@needs_ngspice
def test_an_adjustable_regulator_sets_its_output_by_its_resistors():
    rng = random.Random("lm317")
    for _ in range(2):
        vout = round(rng.uniform(2, 12), 1)
        result = generate(f"LM317 adjustable regulator from 15 V, {vout:g} V output")
        assert result.intent.kind == "adjustable_regulator"
        _functions_pass(result)
        r1, r2 = part_value(result.netlist, "R1"), part_value(result.netlist, "R2")
        assert math.isclose(1.25 * (1 + r2 / r1) + 50e-6 * r2, vout, rel_tol=0.01)


@needs_ngspice
def test_a_cmos_schmitt_trigger_switches_beyond_mid_supply_both_ways():
    for vdd in (3.3, 5):
        result = generate(f"CMOS Schmitt trigger on a {vdd:g} V supply")
        assert result.intent.kind == "cmos_schmitt_trigger"
        _functions_pass(result)  # rising threshold above 55 % of VDD, falling below 45 %


@needs_ngspice
def test_an_astable_flasher_puts_an_led_in_each_collector_and_keeps_its_frequency():
    rng = random.Random("flasher")
    vcc = rng.choice([6, 9, 12])
    result = generate(f"astable multivibrator from {vcc} V, 47k and 10 uF timing, an LED in each collector")
    assert result.intent.kind == "bjt_astable"
    _functions_pass(result)  # the period from the timing capacitor's swing less the LED's drop
    assert len(re.findall(r"^D\d ", result.netlist, re.MULTILINE)) == 2
    assert not re.search(r"^D\d ", generate("BJT astable multivibrator at 1 kHz").netlist, re.MULTILINE)


@needs_ngspice
def test_a_sine_to_square_converter_squares_the_sine_at_its_zero_crossings():
    result = generate("sine to square wave converter, 2 V peak 500 Hz input")
    assert result.intent.kind == "zero_crossing_detector"
    _functions_pass(result)
