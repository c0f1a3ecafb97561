"""Design to spec (generation/design.py): the values the equations give, the trim loop's moves, and
requests whose spec is designed, measured in ngspice and verified."""
from __future__ import annotations

import math

import pytest

from spice_lsp.generation.checklist import measure
from spice_lsp.generation.design import IZ, Design, design, set_value, trim
from spice_lsp.generation.intent import Value, parse_intent
from spice_lsp.generation.pipeline import generate
from spice_lsp.generation.request import Spec, read_request
from spice_lsp.language.units import parse_number
from spice_lsp.ngspice import runner


def designed(description: str):
    intent = parse_intent(description)
    return intent, design(intent, read_request(description).specs)


def test_a_value_without_a_series_is_kept_as_the_netlist_writes_it():
    intent = parse_intent("boost converter")
    set_value(intent, Design(), "DUTY", 1 - 3.3 / 9, "D = 1 - Vin/Vout", None)
    value = intent.values["DUTY"]
    assert value.value == float(value.text)


def test_a_zener_regulators_output_sets_vz_the_load_and_the_series_resistor():
    intent, d = designed("Zener shunt regulator: 15 V at in, 5.1 V at out, feeding a 10 mA load.")
    vin, vz = intent.values["VIN"].value, intent.values["VZ"].value
    rl, rs = d.designed["RL"], d.designed["RS"]
    assert (vin, vz) == (15, 5.1)  # "15 V at in" is the input, not the zener's voltage
    assert math.isclose(rl, vz / 10e-3)
    # the zener keeps its knee current at full load (through the load resistor as bought, E96)
    assert math.isclose((vin - vz) / rs, vz / intent.values["RL"].value + IZ)
    assert "IBIAS" in d.claimed and not d.problems


def test_a_boost_converters_duty_is_trimmed_through_one_minus_d():
    intent, d = designed("Boost converter taking 3.3 V up to 9 V for a 100 mA load (90 ohms at out), 150 kHz.")
    spec = read_request(intent.description).specs[0]
    assert (d.free, d.complement) == ("DUTY", True) and "IBIAS" in d.claimed
    before = intent.values["DUTY"].value
    assert trim(intent, d, spec, measured=8.68)
    after = intent.values["DUTY"].value
    # Vout = Vin/(1 - D): the output moves with 1/(1 - D), so 1 - D shrinks by what the output missed
    assert math.isclose(1 - after, (1 - before) * 8.68 / 9, rel_tol=1e-3)


def test_a_ripple_to_aim_at_is_designed_for_itself_a_bound_for_less():
    base = "Half-wave rectifier with a smoothing capacitor: a 10 V peak 60 Hz sine at in, 1k load, "
    _, about = designed(base + "ripple about 0.5 V peak-to-peak.")
    _, bound = designed(base + "ripple below 0.5 V.")
    assert math.isclose(bound.designed["C"] / about.designed["C"], 1 / 0.7)


def test_a_unity_gain_crossing_accounts_for_its_0_db():
    intent, d = designed("Inverting op-amp integrator whose gain falls to 0 dB at 3 kHz; input in, output out.")
    assert {"GAIN", "FREQ"} <= d.claimed
    assert math.isclose(1 / (2 * math.pi * d.designed["C"] * 10e3), 3e3)


def test_trim_refuses_a_move_past_zero():
    intent = parse_intent("boost converter")
    intent.values["DUTY"] = Value("DUTY", 0.5, "0.5", "")
    d = Design(free="DUTY", scale=-1, complement=True)
    assert not trim(intent, d, Spec("9 V out", "vout", 9.0), measured=30.0)


@pytest.mark.parametrize("description, role", [
    ("Wien-bridge sine oscillator at 800 Hz on ±15 V supplies, output out.", "R"),
    ("RC phase-shift oscillator with an op-amp at 1.2 kHz, ±9 V supplies, output out.", "R"),
    ("Parallel LC tank resonating at 455 kHz with a 100 pF capacitor, fed through 100k from in; the tank node "
     "is out.", "L"),
    ("Zener shunt regulator: 15 V at in, 5.1 V at out, feeding a 10 mA load.", "RS"),
    ("Boost converter taking 3.3 V up to 9 V for a 100 mA load (90 ohms at out), 150 kHz.", "DUTY"),
])
def test_a_stated_spec_is_designed_measured_and_verified(description, role):
    result = generate(description)
    specs = read_request(description).specs
    assert specs, "the spec is read"
    measured = [i for i in result.checks if i.what in {s.text for s in specs}]
    assert measured and all(i.status == "pass" and i.detail.startswith("measured") for i in measured), \
        [(i.what, i.detail) for i in measured]
    assert result.verified, [(i.what, i.detail) for i in result.checks if i.status != "pass"]
    assert any(a.startswith(f"{role} = ") for a in result.assumptions)  # the designed value is reported
    assert parse_number(result.intent.values[role].text) is not None


@pytest.mark.parametrize("description, function", [
    # the two thresholds, found in the answer's own transient
    ("Schmitt trigger on a single 5 V supply: out goes high when in rises above 3 V and low when it falls below "
     "2 V. Drive in with a 0-5 V triangle at 100 Hz; 40 ms transient.", "switches high at 3 V rising and low at 2 V"),
    # b counts double: R2 = RF/2, and the output is -(0.5 + 2 x 0.25) V
    ("Inverting summer with inputs a and b where b counts double: out = -(a + 2b). a is 0.5 V DC and b is 0.25 V "
     "DC; operating point.", "adds its"),  # "adds its inputs" or, the levels held on named nodes, "adds its 2 inputs"
    # 20 uA x 100 kV/A at the output
    ("Transimpedance amplifier with 100 kV/A: a photodiode modelled as a 20 µA current source into node in (the "
     "op-amp's inverting input), output out; operating point.", "vout -2V"),
])
def test_a_circuit_built_to_the_requests_figures_does_what_they_say(description, function):
    result = generate(description)
    items = [i for i in result.checks if i.what.startswith("function") and function in i.what]
    assert items and all(i.status == "pass" for i in items), [(i.what, i.detail) for i in result.checks]


def test_named_inputs_at_their_levels_are_the_difference_amplifiers_inputs():
    result = generate("Difference amplifier (one op-amp, four resistors) with a differential gain of 5: inputs inp "
                      "at 1.2 V DC and inn at 1.0 V DC, output out; operating point.")
    lines = result.netlist.splitlines()
    assert "V1 inp 0 DC 1.2 AC 1" in lines and "V2 inn 0 DC 1" in lines
    assert ".param vdd=12" in lines  # "inn at 1.0 V" is no supply: the op-amp keeps its rails
    assert any(i.what == "gain of 5" and i.status == "pass" for i in result.checks)


@pytest.mark.parametrize("description, quantities", [
    # a second-order section's natural frequency and Q (phase midpoint, phase slope), peaked or not
    ("Sallen-Key high-pass, natural frequency 800 Hz, Q = 3, input in, output out.", {"f0", "q"}),
    ("Second-order op-amp low-pass filter with f0 = 450 Hz and a Q of 1.5; in to out.", {"f0", "q"}),
    # a band-pass "centred on" its frequency, its Q from the resistor
    ("Series RLC band-pass centred on 4 kHz with a Q of 8, input in, output out.", {"center", "q"}),
    # an attenuation at a frequency sets a first-order corner
    ("RC high-pass with C = 22 nF, attenuating by 12 dB at 200 Hz; input in, output out.", {"gain_db"}),
    ("RC low-pass filter, R = 10k, -6 dB at 2.5 kHz; input in, output out.", {"gain_db"}),
    # a divider's total resistance (measured as its source sees it) and its output
    ("Voltage divider from 5 V giving 1.8 V out, total resistance of 47k; operating point.", {"vout", "rtotal"}),
])
def test_a_spec_of_a_new_kind_is_designed_and_measured(description, quantities):
    result = generate(description)
    specs = read_request(description).specs
    assert {s.quantity for s in specs} == quantities
    measured = [i for i in result.checks if i.what in {s.text for s in specs}]
    assert len(measured) == len(specs) and all(i.status == "pass" and i.detail.startswith("measured")
                                               for i in measured), [(i.what, i.detail) for i in measured]
    assert result.verified, [(i.what, i.detail) for i in result.checks if i.status != "pass"]


def test_a_peaked_sallen_key_low_pass_is_designed_at_its_q():
    intent, d = designed("Sallen-Key low-pass, f0 = 1 kHz, Q = 1.2, input in, output out.")
    c1, c2, r = (intent.values[role].value for role in ("C1", "C2", "R1"))
    assert math.isclose(0.5 * math.sqrt(c1 / c2), 1.2, rel_tol=0.03)  # Q = sqrt(C1/C2)/2 at equal R
    assert math.isclose(1 / (2 * math.pi * r * math.sqrt(c1 * c2)), 1e3, rel_tol=0.02)


def test_a_divider_given_its_total_splits_it_and_accounts_for_the_number():
    intent, d = designed("Resistive divider from 24 V down to a third at node out, 30k in total.")
    r1, r2 = intent.values["R1"].value, intent.values["R2"].value
    assert math.isclose(r1 + r2, 30e3, rel_tol=0.02) and math.isclose(24 * r2 / (r1 + r2), 8, rel_tol=0.02)
    assert "RTOTAL" in d.claimed


def test_a_passive_twin_t_keeps_its_arms_well_below_the_load():
    intent, d = designed("Passive twin-T notch at 50 Hz, 470k load at out; input in.")
    assert intent.values["R"].value <= intent.values["RL"].value / 50  # the load would pull the passband down
    assert math.isclose(1 / (2 * math.pi * intent.values["R"].value * intent.values["C"].value), 50, rel_tol=0.05)


@pytest.mark.parametrize("description, quantity", [
    # a stated forward drop is the LED's, not the supply's; the resistor from the model's drop at that current
    ("Green LED with a forward voltage of about 2.2 V, fed from 12 V through a resistor chosen for 10 mA; "
     "operating point.", "current"),
    # a bias point: the follower's emitter, the common-emitter stage's collector (RC from the current)
    ("Emitter follower from a 15 V supply, the emitter resting at about 7 V; input in, output out.", "vout"),
    ("NPN common-emitter amplifier on a 10 V supply, collector sitting at 6 V with 2 mA; input in, output out.",
     "vout"),
    # a quiescent current: the divider for it, the collector resistor given
    ("NPN common-emitter stage, 15 V supply, 6.8k collector and 2.2k emitter resistors, biased at 0.8 mA; input in, "
     "output out.", "current"),
])
def test_a_bias_or_current_spec_is_designed_from_the_devices_drop(description, quantity):
    result = generate(description)
    specs = [s for s in read_request(description).specs if s.quantity == quantity]
    measured = [i for i in result.checks if i.what in {s.text for s in specs}]
    assert specs and measured and all(i.status == "pass" and i.detail.startswith("measured") for i in measured), \
        [(i.what, i.detail) for i in result.checks]


def test_a_stated_forward_drop_moves_to_its_own_role():
    intent, d = designed("Red LED, 1.9 V forward drop, on a 6 V supply with a resistor set for 12 mA.")
    assert intent.values["VDD"].value == 6 and intent.values["VF"].value == 1.9 and "VF" in d.claimed
    assert not [w for w in intent.warnings if "VDD" in w]


def test_a_common_emitter_bias_design_puts_the_collector_where_asked():
    intent, d = designed("NPN common-emitter amplifier on a 10 V supply, collector sitting at 6 V with 2 mA; "
                         "input in, output out.")
    assert math.isclose(d.designed["RC"], (10 - 6) / 2e-3) and {"RB1", "RB2"} <= set(d.designed)
    assert "IBIAS" in d.claimed


def test_a_schmitt_triggers_thresholds_and_swing_said_in_words_set_its_resistors():
    result = generate("Non-inverting Schmitt trigger whose output swings to +6 V and to -6 V: it flips high once in "
                      "rises above +1.5 V and low after it falls below -1.5 V; input in, output out.")
    ohms = {line.split()[0]: parse_number(line.split()[-1]) for line in result.netlist.splitlines()
            if line.startswith(("R1 ", "R2 "))}
    assert math.isclose(ohms["R1"] / ohms["R2"], 1.5 / 6, rel_tol=1e-3)  # thresholds +-Vsat R1/R2
    hysteresis = [i for i in result.checks if i.what.startswith("function: hysteresis")]
    assert hysteresis and all(i.status == "pass" for i in hysteresis), [(i.what, i.detail) for i in result.checks]


def test_an_unbypassed_emitter_resistor_sets_the_gain_near_rc_over_re():
    result = generate("Common-emitter stage on 9 V with a 10k collector resistor and an unbypassed 2.2k emitter "
                      "resistor, biased at 0.4 mA; input in, output out.")
    assert not any(line.startswith("C2 e ") for line in result.netlist.splitlines())  # no bypass capacitor
    gain = [i for i in result.checks if i.what.startswith("function: gain")]
    assert gain and all(i.status == "pass" for i in gain), [(i.what, i.detail) for i in result.checks]
    measured = float(gain[0].detail.split()[1])
    assert 0.8 * 10 / 2.2 < abs(measured) < 10 / 2.2  # about RC/RE, a little less (re in series)


def test_an_equal_component_sallen_key_takes_its_q_from_the_op_amps_gain():
    result = generate("Equal-component Sallen-Key low-pass, both capacitors 4.7 nF, op-amp gain set to 1.8, "
                      "-3 dB corner at 5 kHz; in to out.")
    lines = result.netlist.splitlines()
    assert "X1 b fb out opamp" in lines and any(line.startswith("R4 out fb {(1.8-1)") for line in lines)
    r1 = parse_number(next(line.split()[-1] for line in lines if line.startswith("R1 ")))
    assert math.isclose(r1, next(parse_number(line.split()[-1]) for line in lines if line.startswith("R2 ")))
    # Q = 1/(3 - K) = 0.833: f0 = 1/(2 pi R C) sits below the corner it was designed for
    assert 1 / (2 * math.pi * r1 * 4.7e-9) < 5e3
    corner = [i for i in result.checks if i.detail.startswith("measured") and "-3 dB" in i.detail]
    assert corner and all(i.status == "pass" for i in corner), [(i.what, i.detail) for i in result.checks]


def test_an_unsigned_gain_of_an_inverting_stage_is_its_size_and_a_stated_sign_is_kept():
    deck = "* inverting stage\nV1 a 0 DC 0 AC 1\nR1 a n 2k\nR2 n b 14k\nE1 b 0 0 n 1e6\n.op\n.end\n"
    spec = Spec("amplify by 7", "gain", 7.0)
    size, how = measure(spec, deck, "b", "a", description="An inverting op-amp stage; amplify by 7 from a to b.")
    assert size is not None and math.isclose(size, 7.0, rel_tol=1e-3) and "inverted" in how
    for said in ("Stage from a to b: amplify by 7, non-inverting.", "Amplify by 7 (output inverted)."):
        signed, _ = measure(spec, deck, "b", "a", description=said)  # a stated sign is checked: -7 is not +7
        assert signed is not None and math.isclose(signed, -7.0, rel_tol=1e-3)
    signed, _ = measure(Spec("gain of +7", "gain", 7.0), deck, "b", "a")
    assert signed is not None and math.isclose(signed, -7.0, rel_tol=1e-3)


def test_an_inverting_amplifier_asked_for_an_unsigned_gain_is_verified():
    result = generate("* describe: inverting amplifier built on an op-amp, gain of 6, input in, output out")
    gain = next(c for c in result.checks if c.what == "gain of 6")
    assert gain.status == "pass" and "inverted" in gain.detail


def test_a_gain_asked_with_only_a_dc_analysis_is_the_dc_gain_unless_a_capacitor_blocks_dc():
    # A DC amplifier with a 16 kHz feedback pole: its DC gain is 50, less than that at 1 kHz only by the pole.
    deck = "* dc amp\nV1 a 0 DC 0.02 AC 1\nR1 a n 2k\nR2 n b 100k\nC1 n b 100p\nE1 b 0 0 n 1e6\n{}\n.end\n"
    dc, how = measure(Spec("gain of 50", "gain", 50.0), deck.format(".dc V1 0 0.05 0.01"), "b", "a")
    assert dc is not None and math.isclose(dc, 50.0, rel_tol=1e-3) and "at DC" in how
    at, _ = measure(Spec("gain of 50", "gain", 50.0, at=200e3), deck.format(".op"), "b", "a")
    assert at is not None and at < 45  # a stated frequency is where it is measured
    coupled = "* coupled\nV1 a 0 DC 0 AC 1\nC2 a x 47u\nR1 x n 3k\nR2 n b 24k\nE1 b 0 0 n 1e6\n.op\n.end\n"
    mid, how = measure(Spec("gain of 8", "gain", 8.0), coupled, "b", "a")
    assert mid is not None and math.isclose(mid, 8.0, rel_tol=1e-3) and "blocks DC" in how


def test_a_stated_input_level_replaces_the_default_it_would_be_assumed_at():
    result = generate("* describe: NMOS common-source stage, gate biased at 2 V at node in, output out, 12 V rail")
    level = next(line.split()[4] for line in result.netlist.splitlines() if line.split()[:3] == ["V2", "in", "0"])
    assert parse_number(level) == 2.0
    assert not any(a.startswith("VGS =") for a in result.assumptions)


@pytest.mark.parametrize("quantity", ["frequency", "cutoff", "center", "notch", "ugbw", "edge"])
def test_a_frequency_spec_of_zero_is_reported_unmeasurable_not_a_crash(quantity):
    deck = "zero\nV1 a 0 AC 1\nR1 a b 1k\nC1 b 0 1u\n.end\n"
    for target in (0.0, -50.0):
        value, why = measure(Spec(f"{target:g} Hz", quantity, target), deck, "b", "a")
        assert value is None and "cannot be measured" in why


@pytest.mark.parametrize("description, volts", [
    # a current pushed into the summing node, said without its name: v(out) = -I R
    ("TIA with a 47k feedback resistor; 20 uA photocurrent as a current source into the summing node; op point.",
     -0.94),
    ("Transimpedance amp, RF = 200k, 5 uA pushed into the op-amp's inverting input; operating point.", -1.0),
    # no direction said: the photodiode's own current leaves the node, v(out) = +I R
    ("Photodiode transimpedance amplifier, 10 uA photocurrent, 100k feedback; operating point.", 1.0),
])
def test_a_transimpedance_output_takes_the_sign_of_the_current_the_request_says(description, volts):
    result = generate(description)
    run = runner.run(result.netlist, control="op\nlet result = v(out)\nprint result")
    assert run.values["result"] == pytest.approx(volts, rel=0.03)
    assert result.verified, [(i.what, i.detail) for i in result.checks if i.status != "pass"]
