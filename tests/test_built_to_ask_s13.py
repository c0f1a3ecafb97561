"""Families built to the figures asked (lane D, s13): a figure said with the words of its role is that role's (a
pull-up, a gain resistor, a difference stage's resistors, a pad's line impedance, a PWM's average), a family's design
takes the stated part and designs the free one, and a diode the request defines by its IS is SPICE's diode of that IS.
Computed values, never a pinned answer."""
from __future__ import annotations

import math
import re

from spice_lsp.generation.design import design
from spice_lsp.generation.intent import parse_intent
from spice_lsp.generation.pipeline import generate
from spice_lsp.generation.request import read_request
from spice_lsp.language.units import parse_number
from spice_lsp.ngspice import runner


def designed(description: str):
    intent = parse_intent(description)
    return intent, design(intent, read_request(description).specs)


def parts(netlist: str) -> dict[str, float | None]:
    """Two-terminal parts by name: their value."""
    return {line.split()[0].upper(): parse_number(line.split()[3]) for line in netlist.splitlines()
            if line[:1].upper() in "RCL" and len(line.split()) == 4}


def op_voltage(netlist: str, node: str) -> float:
    result = runner.run(netlist, control=f"op\nlet result = v({node})\nprint result", timeout=30)
    return result.values["result"]


def test_a_diode_defined_by_its_saturation_current_has_spices_emission_coefficient():
    # "(IS=1e-14)" alone: N = 1 (SPICE's), not our card's 1.75; 2 V + a 7 mA silicon drop at 10 V through 1k
    for said in ("Clipper: VIN on node vin, R1 = 1k from vin to clip, diode D1 with anode at clip and cathode at node "
                 "ref2, VREF = 2 V on ref2 (IS=1e-14). Operating point.",
                 "Two antiparallel silicon diodes (IS=1e-14) clamping node lim to ground, fed through 1k from 10 V DC "
                 "on node lsrc (VLS). Operating point."):
        netlist = generate(said).netlist
        card = next(line for line in netlist.splitlines() if line.lower().startswith(".model") and " D " in line)
        assert re.search(r"\bis=1e-14\b", card, re.IGNORECASE) and not re.search(r"\bn\s*=", card, re.IGNORECASE)
    assert "n" in {p.name for p in read_request("diodes (IS=1e-14, N=1.8) from a to b").model_params}
    assert "is" in {p.name for p in read_request("two silicon diodes (IS=1e-14) from a to b").model_params}


def test_a_pull_up_is_a_pull_up_whatever_the_circuit_is_called():
    said = ("Diode-resistor AND gate: 4.7k pull-up from 5 V to output node dand, diodes from dand to inputs da and db "
            "(cathodes at the inputs).")
    assert parse_intent(said).values["RPU"].value == 4.7e3  # not the "gate" resistor RG
    assert 4.7e3 in parts(generate(said).netlist).values()
    driver = generate("Open-collector NPN level shifter from 3.3 V logic at lin to a 12 V inverted output at lout "
                      "(22 kΩ pull-up to 12 V), driven by a 0/3.3 V 1 kHz square.")
    assert 22e3 in parts(driver.netlist).values()


def test_an_amplifier_said_to_turn_one_level_into_another_has_their_ratio_for_its_gain():
    for said, vin, vout in (("Non-inverting amp that turns the 0.35 V on node sens (set by VSENS) into 4.2 V at node "
                             "amp_o.", 0.35, 4.2),
                            ("I need an op-amp stage to amplify the 0.5 V from my sensor (source VS on node s) up to "
                             "2.5 V at node y, non-inverting.", 0.5, 2.5),
                            ("Inverting amplifier: VIN puts 0.2 V on its input, and the output should read -3 V.",
                             0.2, -3.0)):
        intent, d = designed(said)
        assert "VDD" not in intent.values, said  # the output's level is no rail
        rf, rin = intent.values["RF"].value, intent.values["RIN"].value if "RIN" in intent.values else 10e3
        gain = -rf / rin if vout < 0 else 1 + rf / rin
        assert math.isclose(gain, vout / vin, rel_tol=0.02), said
    result = generate("Non-inverting amp that turns the 0.35 V on node sens (set by VSENS) into 4.2 V at node amp_o.")
    assert math.isclose(op_voltage(result.netlist, "amp_o"), 4.2, rel_tol=0.03)


def test_an_instrumentation_amplifier_given_its_gain_resistor_designs_the_followers_feedback():
    said = ("Three-op-amp instrumentation amplifier, gain 50 set by a single 1k gain resistor (unity-gain difference "
            "stage, 10k resistors). Output node ia_out.")
    intent, d = designed(said)
    assert intent.values["RG"].value == 1e3 and intent.values["R2"].value == 10e3
    assert math.isclose(1 + 2 * intent.values["R"].value / 1e3, 50, rel_tol=0.02)
    # the same with the gain set by the resistor's name
    intent, _ = designed("instrumentation amplifier with a gain of 21, RG = 2k")
    assert math.isclose(1 + 2 * intent.values["R"].value / 2e3, 21, rel_tol=0.02)


def test_a_pwm_smoothed_to_an_average_is_built_at_the_levels_it_swings_between():
    result = generate("A 40 kHz PWM from 0 to 3.3 V (source VPWM on node pwm), smoothed by an RC filter to about "
                      "0.825 V average at node avg.")
    # (its duty and rate as the pulse writes them, figures or the .param names they stand for)
    params = dict(re.findall(r"(\w+)=(\S+)", next((line for line in result.netlist.splitlines()
                                                   if line.startswith(".param")), "")))
    pulse = re.search(r"PULSE\(0 (\S+) .*?\{(\S+)/(\S+)\}\s+\{1/", result.netlist)
    assert pulse and parse_number(pulse[1]) == 3.3
    duty, rate = (parse_number(params.get(word, word)) for word in (pulse[2], pulse[3]))
    assert rate == 40e3
    assert math.isclose(duty * 3.3, 0.825, rel_tol=0.01)  # the duty that gives the average


def test_a_stated_output_swing_sets_the_function_generators_schmitt_levels():
    result = generate("Triangle/square function generator: an op-amp integrator (10k, 10 nF) feeding a non-inverting "
                      "Schmitt trigger (10k from the triangle, 20k feedback from the square output), ±5 V swing. "
                      "Triangle at node tri, square at node sqw.")
    control = "tran 1u 6m\nmeas tran result max v(tri) from=3m to=6m\nprint result"
    peak = runner.run(result.netlist, control=control, timeout=60).values["result"]
    assert math.isclose(peak, 5 * 10e3 / 20e3, rel_tol=0.05)  # Vsat R3/R4


def test_a_pad_for_a_line_impedance_is_matched_to_it_and_loses_its_decibels_from_its_input():
    for said, z, db in (("A 20 dB T-pad attenuator for a 600 Ω system, from node pad_in to node pad_out, terminated "
                         "in 600 Ω.", 600, 20),
                        ("pi pad, 3 dB, 75 ohm impedance, input x output y", 75, 3)):
        result = generate(said)
        values = parts(result.netlist)
        assert values["RL"] == z, said
        source = next(line.split() for line in result.netlist.splitlines() if line.startswith("V1"))
        out = "pad_out" if "pad_out" in said else "y"
        control = f"ac lin 3 990 1010\nlet g = vdb({out})-vdb({source[1]})\nmeas ac result find g at=1k\nprint result"
        loss = runner.run(result.netlist, control=control, timeout=30).values["result"]
        assert math.isclose(loss, -db, abs_tol=0.1), said


def test_a_series_pass_regulator_with_a_reference_source_sets_its_divider_for_the_level_said():
    result = generate("Linear series-pass regulator: a 2.5 V reference source, an op-amp error amplifier, an NPN pass "
                      "transistor from a 15 V input and a feedback divider setting 9.0 V at the output, with a 47 Ω "
                      "load.")
    assert re.search(r"^V\w* ref 0 DC 2\.5\b", result.netlist, re.MULTILINE)  # a source, no zener
    values = parts(result.netlist)
    assert math.isclose(2.5 * (1 + values["R1"] / values["R2"]), 9.0, rel_tol=0.02)
    assert math.isclose(op_voltage(result.netlist, "out"), 9.0, rel_tol=0.03)


def test_a_diode_or_of_supplies_is_the_diode_or_gate_with_the_higher_supply_winning():
    result = generate("Diode-ORing a 5 V USB rail (VUSB on node usb) and a 3.7 V battery (VB on node batt) onto node "
                      "sys, which feeds a 1k load.")
    assert result.intent.kind == "diode_or_gate"
    assert re.search(r"^R\w* sys 0 1k$", result.netlist, re.MULTILINE)  # the load on the output the request names
    assert 5 - 0.9 < op_voltage(result.netlist, "sys") < 5 - 0.4  # the higher supply less one drop


def test_a_wien_bridge_on_low_rails_limits_below_them_and_oscillates_at_its_rc_frequency():
    result = generate("Wien-bridge oscillator with 10k and 10 nF in each arm, op-amp on ±5 V, output node wo.")
    control = "tran 2u 40m uic\nmeas tran result trig v(wo) val=0 rise=30 targ v(wo) val=0 rise=40\nprint result"
    period = runner.run(result.netlist, control=control, timeout=120).values["result"] / 10
    assert math.isclose(1 / period, 1 / (2 * math.pi * 10e3 * 10e-9), rel_tol=0.06)
    peak = runner.run(result.netlist, control="tran 2u 40m uic\nmeas tran result max v(wo) from=30m to=40m\n"
                                              "print result", timeout=120).values["result"]
    assert peak < 0.9 * 0.9 * 5  # settled under the op-amp's 4.5 V rail, not clipped at it


def test_a_clipper_asked_for_a_dc_sweep_is_checked_on_that_sweep():
    result = generate("Clipper: VS on node a, 1k from a to b, diode DB from b to node r (cathode at r), VR = 1 V on r. "
                      "Sweep VS from 0 to 6 V in 0.1 V steps.")
    function = [c for c in result.checks if c.what.startswith("function:")]
    assert function and all(c.status == "pass" for c in function), [(c.what, c.detail) for c in result.checks]
    assert not any("negative" in c.what for c in function)  # the sweep never goes below 0 V


def test_a_single_supply_inverting_trigger_with_its_threshold_network_stated_is_built_as_stated():
    # top 22k from the supply, bottom 15k to ground, 47k from the output: the + input's two levels
    result = generate("Inverting Schmitt trigger on a single 5 V supply, output node q: 22k from +5 V to the + input, "
                      "15k from the + input to ground, 47k feedback from q to the + input. Input node x.")
    values = parts(result.netlist)
    assert (values["R1"], values["R2"], values["R3"]) == (22e3, 15e3, 47e3)
    g = 1 / 22e3 + 1 / 15e3 + 1 / 47e3
    upper, lower = 5 * (1 / 22e3 + 1 / 47e3) / g, 5 / 22e3 / g
    control = "tran 5u 30m\nmeas tran result find v(x) when v(q)=2.5 fall=1 td=10m\nprint result"
    assert math.isclose(runner.run(result.netlist, control=control, timeout=60).values["result"], upper, abs_tol=0.05)
    control = control.replace("fall=1", "rise=1")
    assert math.isclose(runner.run(result.netlist, control=control, timeout=60).values["result"], lower, abs_tol=0.05)


def test_a_load_said_after_its_node_hangs_from_that_node_to_ground():
    # (lane D2) "the output node sreg, loaded by 100 Ω": one more resistor from sreg to ground, even where the
    # request already placed a resistor of that value on the node ("mid is loaded with 4.7k as well")
    cases = (("emitter at the output node sreg, loaded by 100 Ω", "sreg", 100.0),
             ("the output emitter (node dar_out) loaded with 2.2k, collectors on 12 V", "dar_out", 2.2e3),
             ("4.7k goes from mid to ground. The tap (node mid) is loaded with 4.7k as well", "mid", 4.7e3))
    for words, node, value in cases:
        loads = [e for e in read_request(words).elements if e.kind == "R" and e.placed() == (node, "0")]
        assert [e.value for e in loads][-1] == value and len(loads) == (2 if "as well" in words else 1)
    # a load said from a rail is placed by those words, not hung to ground
    assert not any(e.placed() == ("mo", "0") for e in read_request("output drain mo loaded by 10k from the 5 V "
                                                                   "rail vdd.").elements)


def test_a_divider_whose_tap_is_loaded_as_well_reads_the_loaded_level():
    result = generate("A 12 V source VB on node top feeds 4.7k into node mid, and 4.7k goes from mid to ground. "
                      "The tap (node mid) is loaded with 4.7k as well. Operating point: v(mid)?")
    shunt = 4.7e3 / 2
    want = 12 * shunt / (4.7e3 + shunt)
    control = "op\nprint v(mid)"
    got = runner.run(result.netlist, control=control, timeout=60).values
    assert math.isclose(next(iter(got.values())), want, rel_tol=0.01)


def test_a_source_named_in_parentheses_after_its_statement_bears_that_name_on_its_node():
    # (lane D2) "ip = 2.55 V (VIP)", "a 3 V, 100 Hz sine (VST)": the name alone in parentheses is the source's
    request = read_request("Inputs: ip = 2.55 V (VIP), im = 2.45 V (VIM). Output node iao.")
    assert {(s.name, s.node, s.dc) for s in request.sources} == {("VIP", "ip", 2.55), ("VIM", "im", 2.45)}
    sine = read_request("Drive sti with a 3 V, 100 Hz sine (VST) and run 20 ms.").sources
    assert [(s.name, s.node) for s in sine] == [("VST", "sti")] and sine[0].sin is not None


def test_a_divider_driven_by_a_source_named_in_parentheses_is_verified_at_its_tap():
    result = generate("Divider check: node top = 10 V (VT), 22k from top to node tap, 10k from tap to ground. "
                      "What's v(tap)?")
    assert re.search(r"(?im)^VT\s+top\s+0\b", result.netlist)
    got = runner.run(result.netlist, control="op\nprint v(tap)", timeout=60).values
    assert math.isclose(next(iter(got.values())), 10 * 10e3 / 32e3, rel_tol=0.01)
    assert result.verified  # "(VT)" names the source, no node the answer lacks
