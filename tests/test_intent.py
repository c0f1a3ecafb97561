"""Tests for spice_lsp.generation.intent: plain-English descriptions -> family, values, analyses, warnings."""
import json
import math
import random

import pytest

from spice_lsp.generation.intent import AnalysisRequest, Intent, Value, parse_intent
from spice_lsp.generation.intent import polarity as said_polarity

from .conftest import SHARED

SEED = SHARED / "seed" / "test_cases.json"

# (description, family, {role: SI value}, analyses directives or None for "not checked")
CASES = [
    # the brief's own example, µ/u/μ, RKM, spaced units, words
    ("* describe: common-source NMOS amplifier, W=10u L=1u, RD=10k, VDD=5V, AC 1Hz-100MHz",
     "mos_common_source", {"W": 10e-6, "LG": 1e-6, "RD": 10e3, "VDD": 5}, [".ac dec 20 1 100meg"]),
    ("RC low-pass filter with R=1k and C=100nF, AC sweep to 1 MHz",
     "rc_lowpass", {"R": 1e3, "C": 100e-9}, [".ac dec 20 1 1meg"]),
    ("RC circuit 10kΩ 0.47 µF", "rc_lowpass", {"R": 10e3, "C": 0.47e-6}, []),
    ("RC circuit 10k\u2126 0.47 \u03bcF", "rc_lowpass", {"R": 10e3, "C": 0.47e-6}, []),
    ("RC low-pass 1k 100n", "rc_lowpass", {"R": 1e3, "C": 100e-9}, []),
    ("LPF with 4.7 kohm and 22 pF", "rc_lowpass", {"R": 4.7e3, "C": 22e-12}, []),
    ("RC low-pass R = 1 kilohm, C = 100 nanofarads, AC from 10 Hz to 100 kHz",
     "rc_lowpass", {"R": 1e3, "C": 100e-9}, [".ac dec 20 10 100k"]),
    ("RC low-pass with ten microfarads and forty-seven kilohms", "rc_lowpass", {"R": 47e3, "C": 10e-6}, []),
    ("RC low-pass with 1e3 ohm and 1e-6 F", "rc_lowpass", {"R": 1e3, "C": 1e-6}, []),
    ("RC low pass, 2 ohms and one hundred picofarads", "rc_lowpass", {"R": 2, "C": 100e-12}, []),
    ("high pass filter 2k2 resistor and 10 nF capacitor, frequency response up to 10GHz",
     "rc_highpass", {"R": 2200, "C": 10e-9}, [".ac dec 20 1 10g"]),
    ("HPF R=4R7 C=4u7", "rc_highpass", {"R": 4.7, "C": 4.7e-6}, []),
    ("RL low-pass with 100 ohms and inductor 1 mH", "rl_lowpass", {"R": 100, "L": 1e-3}, []),
    ("high-pass filter, R=1k, L=10uH", "rl_highpass", {"R": 1e3, "L": 10e-6}, []),
    ("low-pass filter with L=1uH and C=1nF and load resistor 50 ohm",
     "lc_lowpass", {"L": 1e-6, "C": 1e-9, "RL": 50}, []),
    ("series RLC circuit R=10 L=10mH C=1uF, transient for 5 ms",
     "rlc_series", {"R": 10, "L": 10e-3, "C": 1e-6}, [".tran 5u 5m"]),
    ("RLC band-pass filter, 100Ω, 1 mH, 100 nF", "rlc_bandpass", {"R": 100, "L": 1e-3, "C": 100e-9}, []),
    ("notch filter R=1k L=10mH C=10n", "rlc_notch", {"R": 1e3, "L": 10e-3, "C": 10e-9}, []),
    # dividers, diodes
    ("voltage divider R1=1k, R2=2k, 10 V input", "voltage_divider", {"R1": 1e3, "R2": 2e3, "VIN": 10}, []),
    ("a divider with one kilohm and two kilohms from ten volts",
     "voltage_divider", {"R1": 1e3, "R2": 2e3, "VIN": 10}, []),
    ("half-wave rectifier with 10 V peak at 60 Hz, load resistor 1k, 100uF",
     "half_wave_rectifier", {"VIN": 10, "FREQ": 60, "RL": 1e3, "C": 100e-6}, []),
    ("full-wave bridge rectifier 12 Vrms 50Hz, RL=470", "full_wave_rectifier",
     {"VIN": 12, "FREQ": 50, "RL": 470}, []),
    ("diode clipper with 5 V input at 1 kHz and 2 V reference bias", "diode_clipper",
     {"VIN": 5, "FREQ": 1e3, "VBIAS": 2}, []),
    ("voltage limiter using diodes, 1 kilohm series resistor", "diode_clipper", {"R": 1e3}, []),
    ("zener regulator 12V input, 5.1V zener, RS=470, load 1k", "zener_regulator",
     {"VIN": 12, "VZ": 5.1, "RS": 470, "RL": 1e3}, []),
    ("diode I-V characteristics, DC sweep of VIN from 0 to 5 V", "diode_iv", {}, [".dc VIN 0 5 50m"]),
    ("silicon diode IV characteristics at 27°C", "diode_iv", {}, [".temp 27"]),  # the simulation's temperature
    # bipolar
    ("BJT common-emitter amplifier, VCC=12V, RC=4.7k, RE=1k, RB1=47k, RB2=10k", "bjt_common_emitter",
     {"VDD": 12, "RC": 4.7e3, "RE": 1e3, "RB1": 47e3, "RB2": 10e3}, []),
    ("NPN emitter follower with 1k emitter resistor, 10uF input capacitor, VCC 9 V",
     "bjt_emitter_follower", {"RE": 1e3, "CIN": 10e-6, "VDD": 9}, []),
    ("NPN transistor with 100k base resistor and 5V supply", "bjt_basic", {"RB": 100e3, "VDD": 5}, []),
    ("PNP transistor biased from a -12 V rail", "bjt_basic", {"VDD": -12}, []),
    # MOS
    ("NMOS source follower, RS=10k, VDD=3.3V", "mos_source_follower", {"RS": 10e3, "VDD": 3.3}, []),
    ("NMOS transistor circuit with W=2u, L=180n, 1.8 V supply", "mos_basic",
     {"W": 2e-6, "LG": 180e-9, "VDD": 1.8}, []),
    ("NMOS amplifier with 1 µm gate length and 10 um width on a 3.3 V rail", "mos_common_source",
     {"LG": 1e-6, "W": 10e-6, "VDD": 3.3}, []),
    ("PMOS circuit, W=20\u03bcm, L=0.5\u00b5m, drain resistor 4.7 kΩ", "mos_basic",
     {"W": 20e-6, "LG": 0.5e-6, "RD": 4.7e3}, []),
    ("n-channel MOSFET with gate length 2u and width 40u", "mos_basic", {"LG": 2e-6, "W": 40e-6}, []),
    ("current mirror with 100 µA reference current, VDD=3.3 V", "current_mirror", {"IREF": 100e-6, "VDD": 3.3}, []),
    ("long-tailed pair with 200uA tail current, RD=20k, 5V supply", "differential_pair",
     {"IBIAS": 200e-6, "RD": 20e3, "VDD": 5}, []),
    ("CMOS inverter 1.8V supply, 10 fF load capacitance, transient analysis with 10ps steps for 10ns",
     "cmos_inverter", {"VDD": 1.8, "CL": 10e-15}, [".tran 10p 10n"]),
    ("CMOS NAND gate VDD=1.2V, transient", "cmos_nand", {"VDD": 1.2}, [".tran 40p 40n"]),
    # op-amps
    ("inverting amplifier with op-amp, RIN=10k, RF=100k, 0.1 V input at 1 kHz", "opamp_inverting",
     {"RIN": 10e3, "RF": 100e3, "VIN": 0.1, "FREQ": 1e3}, []),
    ("inverting op amp, 10k input resistor, 47k feedback resistor", "opamp_inverting",
     {"RIN": 10e3, "RF": 47e3}, []),
    ("non-inverting amplifier with gain of 11, R1=10k R2=100k", "opamp_noninverting",
     {"GAIN": 11, "R1": 10e3, "R2": 100e3}, []),
    ("op-amp voltage follower with 12V supply", "opamp_buffer", {"VDD": 12}, []),
    ("unity-gain buffer, DC operating point", "opamp_buffer", {}, [".op"]),
    ("op-amp integrator R=10k C=10nF, transient for 5ms", "opamp_integrator", {"R": 10e3, "C": 10e-9},
     [".tran 5u 5m"]),
    ("Sallen-Key low-pass with R1=R2=10k, C1=C2=10n", "active_lowpass",
     {"R1": 10e3, "R2": 10e3, "C1": 10e-9, "C2": 10e-9}, []),
    ("active high-pass filter, 1.6 kHz cutoff", "active_highpass", {"FREQ": 1.6e3}, []),
    ("active low-pass filter using an op-amp", "active_lowpass", {}, []),
    # oscillators, converters, sensors
    ("Wien bridge oscillator with R=10k and C=16nF", "rc_oscillator", {"R": 10e3, "C": 16e-9}, []),
    ("RC phase-shift oscillator", "phase_shift_oscillator", {}, []),
    ("Wien-bridge oscillator, R = 10k, C = 16n", "rc_oscillator", {"R": 10e3, "C": 16e-9}, []),
    ("NPN transistor as a saturated switch, 5 V input through a 10 kΩ resistor, 1 kΩ collector resistor",
     "bjt_switch", {"VIN": 5, "RIN": 10e3, "RC": 1e3}, []),
    ("buck converter with an NPN switch, 100 kHz switching frequency", "buck_converter", {"FSW": 100e3}, []),
    ("transimpedance amplifier, 100 kΩ feedback resistor, 5 µA photocurrent", "transimpedance",
     {"RF": 100e3, "IBIAS": 5e-6}, []),
    ("ring oscillator with 3 stages, 1.8V rail", "ring_oscillator", {"VDD": 1.8}, []),
    ("buck converter 12 V input, 100 kHz switching frequency, 50% duty cycle, L=100uH, 100 µF output capacitor",
     "buck_converter", {"VIN": 12, "FSW": 100e3, "DUTY": 0.5, "L": 100e-6, "COUT": 100e-6}, []),
    ("boost converter from 5V with fsw=200kHz, duty cycle of 0.6, inductor 47 µH", "boost_converter",
     {"VIN": 5, "FSW": 200e3, "DUTY": 0.6, "L": 47e-6}, []),
    ("photodiode with 10 µA photocurrent bias, 1 pF capacitance, load resistor 10k, "
     "bandwidth analysis up to 10GHz", "photodiode", {"IBIAS": 10e-6, "C": 1e-12, "RL": 10e3},
     [".ac dec 20 1 10g"]),
    ("photodetector front end, 2.4 GHz", "photodiode", {"FREQ": 2.4e9}, []),
    ("Wheatstone bridge strain gauge 350 ohm, 5 V excitation", "wheatstone_bridge", {"R": 350, "VDD": 5}, []),
    ("MEMS resonator with R=1k, L=10mH, C=1pF", "mems_resonator", {"R": 1e3, "L": 10e-3, "C": 1e-12}, []),
    ("accelerometer sense element, noise analysis", "mems_accelerometer", {},
     [".noise v(out) VIN dec 20 1 1meg"]),
    # analyses phrasings
    ("RC low-pass 1k 100n, DC operating point, temperature sweep -40°C to +85°C, noise analysis from 10 Hz "
     "to 100 kHz", "rc_lowpass", {"R": 1e3, "C": 100e-9, "TEMP_START": -40, "TEMP_STOP": 85},
     [".op", ".dc temp -40 85 5", ".noise v(out) VIN dec 20 10 100k"]),
    ("voltage divider, bias point and DC sweep from 0 to 10 V", "voltage_divider", {},
     [".op", ".dc VIN 0 10 100m"]),
    ("RC low-pass, R=1k C=1u, transient 2 ms, AC analysis", "rc_lowpass", {"R": 1e3, "C": 1e-6},
     [".tran 2u 2m", ".ac dec 20 1 100meg"]),
    ("RC lowpass 1k 10n, .tran 1u 1m", "rc_lowpass", {"R": 1e3, "C": 10e-9}, [".tran 1u 1m"]),
    ("NMOS transistor, temperature sweep", "mos_basic", {}, [".dc temp -40 125 5"]),
    ("RC circuit with 1k and 1u, AC analysis from 1-100 MHz", "rc_lowpass", {"R": 1e3, "C": 1e-6},
     [".ac dec 20 1meg 100meg"]),
]


@pytest.mark.parametrize(("description", "kind", "values", "analyses"), CASES,
                         ids=[c[0][:48] for c in CASES])
def test_description_table(description, kind, values, analyses):
    intent = parse_intent(description)
    assert intent.kind == kind
    got = {role: v.value for role, v in intent.values.items()}
    for role, expected in values.items():
        assert role in got, f"{role} missing from {got}"
        assert math.isclose(got[role], expected, rel_tol=1e-9), (role, got[role], expected)
    assert set(got) == set(values), f"unexpected roles {set(got) - set(values)}"
    if analyses is not None:
        assert [a.directive for a in intent.analyses] == analyses


@pytest.mark.parametrize(("description", "role", "value", "unit"), [
    ("R=10 ohms", "R", 10, "ohm"), ("R=10 Ohm", "R", 10, "ohm"), ("R=3 kilohm", "R", 3e3, "ohm"),
    ("R = 1 MΩ", "R", 1e6, "ohm"), ("R=2 megohms", "R", 2e6, "ohm"), ("R=1,000 ohms", "R", 1e3, "ohm"),
    ("C=10uF", "C", 10e-6, "F"), ("C=10 \u00b5F", "C", 10e-6, "F"), ("C=10 \u03bcF", "C", 10e-6, "F"),
    ("C=4.7 nF", "C", 4.7e-9, "F"), ("C=22pF", "C", 22e-12, "F"), ("C=1 farad", "C", 1, "F"),
    ("L=1 H", "L", 1, "H"), ("L=3 mH", "L", 3e-3, "H"), ("L=5 \u00b5H", "L", 5e-6, "H"), ("L=2uH", "L", 2e-6, "H"),
    ("VDD=500 mV", "VDD", 0.5, "V"), ("VDD=3 volts", "VDD", 3, "V"), ("IBIAS=2 mA", "IBIAS", 2e-3, "A"),
    ("IBIAS=50 \u00b5A", "IBIAS", 50e-6, "A"), ("f=50 Hz", "FREQ", 50, "Hz"), ("f=2 kHz", "FREQ", 2e3, "Hz"),
    ("f=3 MHz", "FREQ", 3e6, "Hz"), ("f=2.4 GHz", "FREQ", 2.4e9, "Hz"), ("f=1 kilohertz", "FREQ", 1e3, "Hz"),
    ("W=10um", "W", 10e-6, "m"), ("W=10 \u00b5m", "W", 10e-6, "m"), ("W=180nm", "W", 180e-9, "m"),
    ("W=3 microns", "W", 3e-6, "m"), ("thermistor at T=27 °C", "TEMP", 27, "degC"), ("D=25%", "DUTY", 0.25, ""),
    ("R=1e-3 ohm", "R", 1e-3, "ohm"), ("R=1.5e3", "R", 1.5e3, "ohm"), ("C=ten microfarads", "C", 10e-6, "F"),
    ("R=five hundred ohms", "R", 500, "ohm"), ("R=one thousand ohms", "R", 1e3, "ohm"),
    ("C=three nanofarads", "C", 3e-9, "F"), ("C=eight picofarads", "C", 8e-12, "F"),
    ("R=six megohms", "R", 6e6, "ohm"), ("VDD=two volts", "VDD", 2, "V"),
])
def test_unit_spellings(description, role, value, unit):
    got = parse_intent(description).values[role]
    assert math.isclose(got.value, value, rel_tol=1e-9) and got.unit == unit


@pytest.mark.parametrize(("description", "role", "value"), [
    ("supply of 5V", "VDD", 5), ("3.3 V rail", "VDD", 3.3), ("operating at 3V", "VDD", 3),
    ("VCC=15V", "VDD", 15), ("1 V input", "VIN", 1), ("10 V peak", "VIN", 10),
    ("body bias of -0.5V", "VBS", -0.5), ("gate voltage 1.2 V", "VGS", 1.2), ("VGS=0.9", "VGS", 0.9),
    ("load resistor 1k", "RL", 1e3), ("1kΩ load", "RL", 1e3), ("feedback resistor of 22k", "RF", 22e3),
    ("a 2k2 drain resistor", "RD", 2200), ("gate resistor 100 ohm", "RG", 100),
    ("10 fF load capacitor", "CL", 10e-15), ("bypass capacitor 100 uF", "CE", 100e-6),
    ("signal at 1 kHz", "FREQ", 1e3), ("switching at 500 kHz", "FSW", 500e3),
    ("RKM: R5=4k7", "R5", 4.7e3), ("1 µm channel length", "LG", 1e-6), ("0.5um gate length", "LG", 0.5e-6),
    ("-5 V supply", "VDD", -5), ("source resistor 50 ohm", "RS", 50), ("5 V source", "VIN", 5),
    ("reference current of 20 µA", "IREF", 20e-6),
    # a level on the input node is the input's, not a supply
    ("op-amp follower, apply 2.5 V at in", "VIN", 2.5), ("vin rests at 1.2 V DC", "VIN", 1.2),
    ("a diode that breaks down at 6.8 V", "VZ", 6.8),
    # a level the output is said to hold is no supply, but a supply before "whose output is" still is
    ("CMOS inverter on 2.5 V whose output is the logical inverse of in", "VDD", 2.5),
])
def test_role_phrases(description, role, value):
    intent = parse_intent(description)
    assert math.isclose(intent.values[role].value, value, rel_tol=1e-9), intent.values


def test_value_keeps_the_text_as_written():
    intent = parse_intent("RC low-pass with 0.47 µF and 2k2")
    assert intent.values["C"] == Value("C", pytest.approx(0.47e-6), "0.47 µF", "F")
    assert intent.values["R"].text == "2k2" and intent.values["R"].unit == "ohm"
    assert parse_intent("R1 = 10kΩ").values["R1"].text == "10kΩ"


@pytest.mark.parametrize(("description", "role", "unit"), [
    ("L=1uH RC low-pass", "L", "H"),
    ("RL filter, inductor 1 mH", "L", "H"),
    ("NMOS with W=10u L=1u", "LG", "m"),
    ("W=5u, L=0.35u transistor", "LG", "m"),
    ("MOSFET, L=2um", "LG", "m"),
    ("L=1 mH series RLC", "L", "H"),
    ("45nm gate length", "LG", "m"),
])
def test_l_is_inductance_or_gate_length(description, role, unit):
    intent = parse_intent(description)
    assert role in intent.values and intent.values[role].unit == unit
    assert ({"L", "LG"} - {role}).pop() not in intent.values


@pytest.mark.parametrize(("description", "nodes"), [
    ("RC low-pass, output node vout", ["vout"]),
    ("RC low-pass, probe node out", ["out"]),
    ("a 1k resistor between nodes a and b", ["a", "b"]),
    ("RC filter between in and out", ["in", "out"]),
    ("inverting amplifier, input at in, output at vo", ["in", "vo"]),
    ("an RC low-pass with 1k and 1n", []),
])
def test_nodes(description, nodes):
    assert parse_intent(description).nodes == nodes


def test_temperature_range_is_a_sweep_and_values():
    intent = parse_intent("diode, temperature sweep from 25°C to 125°C")
    assert intent.analyses == [AnalysisRequest("temp", ".dc temp 25 125 5")]
    assert intent.values["TEMP_START"].value == 25 and intent.values["TEMP_STOP"].value == 125


@pytest.mark.parametrize("description", [
    "a transistor with high performance for wireless",
    "Create a transistor with high performance for wireless applications",
    "design a good transistor",
    "a high-gain amplifier for audio",
])
def test_a_transistor_or_amplifier_of_no_named_kind_is_an_assumed_npn_amplifier(description):
    intent = parse_intent(description)
    assert intent.kind == "bjt_common_emitter" and not intent.values and intent.polarity is None
    assert any("no circuit type was named" in w for w in intent.warnings)


def test_a_request_with_no_circuit_at_all_is_underspecified():
    intent = parse_intent("something fast")
    assert intent.kind == "generic" and not intent.values
    assert any("underspecified" in w for w in intent.warnings)


def test_two_values_for_one_role_warn_and_keep_the_first():
    intent = parse_intent("NMOS inverter, 5 V supply and 3.3 V supply")
    assert intent.values["VDD"].value == 5
    assert any("two values for VDD" in w for w in intent.warnings)
    assert not parse_intent("RD=10k, drain resistor 10 kΩ").warnings  # the same value twice is fine


def test_impossible_physics_warns():
    warnings = parse_intent("1nm gate length with 10V operating voltage").warnings
    assert any("beyond physical limits" in w for w in warnings)
    assert not parse_intent("NMOS, 180nm gate length, 1.8 V supply").warnings
    assert any("below absolute zero" in w for w in parse_intent("diode at -300°C").warnings)
    assert any("duty cycle" in w for w in parse_intent("buck converter, 150% duty cycle").warnings)
    assert any("<= 0" in w for w in parse_intent("RC low-pass, R=-1k").warnings)
    assert any("must be greater than 0" in w for w in parse_intent("NPN, -0.5 µm base width").warnings)
    assert any("must be greater than 0" in w for w in parse_intent("PIN diode doped at 0 cm^-3").warnings)


def test_unit_that_does_not_fit_the_name_is_ignored_with_a_warning():
    intent = parse_intent("RC low-pass R=10nF")
    assert "R" not in intent.values and any("does not fit" in w for w in intent.warnings)


@pytest.mark.parametrize(("description", "ignored", "instead"), [
    ("silicon photonic waveguide mode analysis", "photonic", "electrical circuit"),
    ("NMOS with HfO2 gate dielectric", "HfO2", "compact model"),
    ("RF MOSFET at 2.4GHz with S-parameter analysis", "S-parameter", "AC"),
    ("quantum tunneling transistor for time-travel", "time-travel", "conventional circuit"),
])
def test_unsupported_requests_say_what_is_ignored_and_what_is_produced(description, ignored, instead):
    warnings = [w for w in parse_intent(description).warnings if ignored in w]
    assert warnings and "ignored" in warnings[0] and instead in warnings[0]


def test_s_parameters_become_an_ac_sweep():
    intent = parse_intent("RF NMOS at 2.4 GHz, S-parameter analysis")
    assert [a.directive for a in intent.analyses] == [".ac dec 20 1 24g"]


@pytest.mark.parametrize(("description", "polarity"), [
    ("NMOS common source", "n"), ("PMOS transistor", "p"), ("NPN emitter follower", "n"),
    ("PNP transistor", "p"), ("p-channel MOSFET", "p"), ("CMOS inverter with NMOS and PMOS", None),
    ("p-n junction diode", None), ("RC low-pass", None),
])
def test_polarity(description, polarity):
    assert parse_intent(description).polarity == polarity


@pytest.mark.parametrize(("description", "said"), [
    ("make it four times larger and do not invert it", "non-inverting"),
    ("gain of 3, keeping the same polarity as the input", "non-inverting"),
    ("raise it by 10 dB without flipping it upside down", "non-inverting"),
    ("a non-inverting stage whose feedback goes to the inverting input", "non-inverting"),
    ("the output is the input doubled but inverted", "inverting"),
    ("output 180 degrees out of phase with the input", "inverting"),
    ("out is minus four times in", "inverting"),
    ("out is a minus b times 2", None),  # a difference, not a sign
    ("unity gain with no inversion", "non-inverting"),
    ("the negative of the input, times 2", "inverting"),
    ("an op-amp whose output goes back to its inverting input", None),  # a pin, not a polarity
    ("single supply, no negative rail", None),
])
def test_the_output_polarity_said_in_words(description, said):
    assert said_polarity(description) == said


def test_not_values():
    intent = parse_intent("voltage divider with 1/2 W resistors of 1k, 3 stages, order code 1e20")
    assert [(v.role, v.value) for v in intent.values.values()] == [("R", 1e3)]
    assert intent.extra_values == []


def test_result_types_and_empty_input():
    intent = parse_intent("")
    assert isinstance(intent, Intent) and intent.kind == "generic" and intent.analyses == []


# --- the reference benchmark's 21 descriptions ---------------------------------------------------

SEED_EXPECTED = {  # id -> (kind, {role: value}, analyses or None)
    "spice_nmos_01": ("mos_basic", {"LG": 1e-6, "W": 10e-6, "VDD": 3}, [".op"]),
    "spice_pmos_01": ("mos_basic", {"LG": 0.5e-6, "W": 20e-6, "VDD": 1.8, "VBS": -0.5}, [".tran 1n 100n"]),
    "mosfet_03": ("mos_basic", {"LG": 45e-9, "W": 2e-6, "VDD": 1}, [".ac dec 20 1 1g"]),
    "mosfet_04": ("mos_basic", {"LG": 10e-6, "W": 1000e-6, "VDD": 20, "TOX": 50e-9}, None),
    "mosfet_05": ("mos_basic", {"VDD": 0.8}, None),
    "mosfet_06": ("mos_basic", {"LG": 2e-6, "W": 50e-6, "FREQ": 2.4e9}, None),
    "spice_diode_01": ("diode_iv", {"TEMP_START": 25, "TEMP_STOP": 125}, None),
    "diode_02": ("diode_iv", {"BARRIER": 0.7, "DIAMETER": 100e-6}, None),
    "diode_03": ("diode_iv", {"INTRINSIC": 50e-6, "DOPING": 1e20}, None),
    "bjt_01": ("bjt_common_emitter", {"BASE_WIDTH": 0.5e-6, "BASE_DOPING": 1e18, "COLLECTOR_DOPING": 1e16}, None),
    "bjt_02": ("bjt_basic", {}, None),
    "bjt_03": ("bjt_basic", {}, None),
    "photonic_02": ("photodiode", {"THICKNESS": 1e-6}, [".ac dec 20 1 10g"]),
    "sensor_01": ("wheatstone_bridge", {"TEMP_START": -40, "TEMP_STOP": 85, "MEMBRANE": 10e-6}, [".dc temp -40 85 5"]),
    "sensor_02": ("mems_accelerometer", {"PROOF_MASS": 500e-6, "GAP": 2e-6}, None),
    "edge_01": ("mos_basic", {"LG": 1e-9, "VDD": 10}, None),
    "edge_02": ("bjt_common_emitter", {}, []),
    "edge_03": ("tunnel_diode", {}, None),
    "spice_amplifier_01": ("mos_common_source", {"RL": 1e3, "VDD": 5}, [".ac dec 20 1 1meg"]),
}


@pytest.mark.skipif(not SEED.is_file(), reason=f"the reference benchmark is not checked out at {SEED}")
def test_reference_descriptions():
    cases = json.loads(SEED.read_text(encoding="utf-8"))
    assert len(cases) == 21
    for case in cases:
        intent = parse_intent(case["description"])  # never raises
        if case["category"] in ("MOSFET", "Diode", "BJT", "Amplifier") or case["id"] == "edge_01":
            assert intent.kind != "generic", case["id"]
        if case["id"] not in SEED_EXPECTED:
            continue
        kind, values, analyses = SEED_EXPECTED[case["id"]]
        assert intent.kind == kind, case["id"]
        for role, expected in values.items():
            assert math.isclose(intent.values[role].value, expected, rel_tol=1e-9), (case["id"], role)
        if analyses is not None:
            assert [a.directive for a in intent.analyses] == analyses, case["id"]
    by_id = {c["id"]: parse_intent(c["description"]) for c in cases}
    assert ".dc temp 25 125 5" in [a.directive for a in by_id["spice_diode_01"].analyses]
    assert any("beyond physical limits" in w for w in by_id["edge_01"].warnings)
    assert any("no circuit type was named" in w for w in by_id["edge_02"].warnings)
    assert any("HfO2" in w for w in by_id["mosfet_03"].warnings)
    assert any("photonic" in w for w in by_id["photonic_01"].warnings)
    assert any("S-parameter" in w for w in by_id["mosfet_06"].warnings)
    assert any("time-travel" in w for w in by_id["edge_03"].warnings)


def test_a_zero_gate_length_is_reported_not_a_crash():
    intent = parse_intent("NMOS transistor, L=0u gate length, VDD=5V")
    assert any("gate length" in w for w in intent.warnings)


def test_doping_concentrations_and_parenthesised_values():
    intent = parse_intent("PIN diode, heavily doped regions (1e20 cm⁻³), 50 µm intrinsic region; "
                          "power NMOS with thick gate oxide (50nm)")
    assert intent.values["DOPING"].value == 1e20 and intent.values["DOPING"].unit == "cm-3"
    assert intent.values["INTRINSIC"].value == pytest.approx(50e-6)
    assert intent.values["TOX"].value == pytest.approx(50e-9)
    bjt = parse_intent("NPN with 1e18 /cm3 base doping and 1e16 cm^-3 collector doping")
    assert bjt.values["BASE_DOPING"].value == 1e18 and bjt.values["COLLECTOR_DOPING"].value == 1e16


@pytest.mark.parametrize("text", ["temperature sweep from -20 to 3e999 degrees, RC low-pass 2k2 47n",
                                  "an RC low-pass with R = 1e400k and C = 10n, sweep temperature 0 to 70",
                                  "AC 1e999 at node a, inverting amplifier, gain 5"])
def test_a_number_no_float_holds_is_read_without_a_crash(text):
    # found by the request fuzz: 1e999 reads as infinity, which once crashed a temperature sweep's step and,
    # dropped as no quantity, the readers that expect the number their pattern matched
    from benchmarks.fuzz import check_request
    parse_intent(text)
    check_request(text, random.Random(0))  # answers or refuses, and what it writes parses


def test_a_weight_on_a_node_voltage_is_no_level_in_volts():
    # "2 v(a)" in an output equation multiplies node a's voltage: no 2 V supply or input beside the stated levels
    intent = parse_intent("Summer with out = -(3 v(x) + 0.25 v(y)); 0.4 V DC on node x and 1.5 V DC on node y")
    levels = sorted(v.value for v in intent.values.values() if v.unit == "V")
    assert levels == [0.4, 1.5]
    assert not any(w.startswith("two values for") for w in intent.warnings)
