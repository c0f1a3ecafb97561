"""Transistor stages and regulators whose requests state the circuit's own terms (a JFET stage's gain, a grounded
base on split rails, a regulator's "unregulated" and "regulated" levels, a holder "that goes to X V through VY"):
each answer is measured in ngspice, the expectation computed from the request's numbers."""
import re

import pytest

from spice_lsp.generation.pipeline import generate
from spice_lsp.language.units import parse_number
from spice_lsp.ngspice import runner

NGSPICE = pytest.mark.skipif(runner.shutil.which("ngspice") is None, reason="ngspice is not installed")
VT = 0.02585


def _gain(netlist: str, out: str, inp: str) -> float:
    value, run = runner.measure(netlist, "ac dec 10 100 100k\nlet g = vm(" + out + ")/vm(" + inp + ")", "find g at=2k")
    assert value is not None, run
    return value


@NGSPICE
@pytest.mark.parametrize("text,gain", [
    ("JFET amplifier, common source and self-biased with the source resistor decoupled by a capacitor; "
     "n-channel device VTO=-2.5 BETA=0.8m; 18 V rail; I want a gain of 6.", 6.0),
    ("n-JFET common-source stage on a 9 V supply, model BETA=3m VTO=-1, source bypassed, gain of 2.5", 2.5),
    ("Design a self-biased JFET common-source amplifier with 20 dB of voltage gain from a 24 V supply.", 10.0),
    # a p-channel part: ngspice's pinch-off is negative for it too, else the device never conducts
    ("P-channel JFET common-source stage, gain of 4", 4.0),
])
def test_a_jfet_stage_is_designed_for_the_gain_it_is_asked(text, gain):
    result = generate(text)
    assert result.intent.kind == "jfet_common_source", result.netlist
    assert _gain(result.netlist, "out", "in") == pytest.approx(gain, rel=0.2), result.netlist


@NGSPICE
@pytest.mark.parametrize("text,rc,re_,rail", [
    ("Grounded-base NPN stage: base tied to ground, 15k from the emitter down to the -9 V rail, 2.2k collector "
     "resistor up to +9 V; the signal is capacitor-coupled into the emitter.", 2.2e3, 15e3, 9.0),
    ("common base amplifier on a split +/-6 V supply, emitter resistor 5.1k, collector resistor 1.5k",
     1.5e3, 5.1e3, 6.0),
])
def test_a_common_base_stage_on_split_rails_grounds_its_base_and_returns_the_emitter_to_the_negative_rail(
        text, rc, re_, rail):
    result = generate(text)
    assert result.intent.kind == "common_base", result.netlist
    ie = (rail - 0.68) / re_  # the base at 0 V, the emitter one VBE below it
    expected = ie / VT * rc
    assert _gain(result.netlist, "out", "e") == pytest.approx(expected, rel=0.15), result.netlist


@NGSPICE
@pytest.mark.parametrize("text,vout", [
    # the input named unregulated/raw, the output named regulated: each level in its place
    ("Series regulator with an op-amp and an NPN pass device: a raw 18 V input, 3 V reference, 12 V regulated "
     "output, 120 ohm load.", 12.0),
    ("op amp linear regulator, NPN pass transistor, 2.5 V reference; it takes 10 V unregulated and gives a "
     "regulated output of 7.5 V", 7.5),
])
def test_a_regulator_reads_which_level_is_unregulated_and_which_regulated(text, vout):
    result = generate(text)
    assert result.intent.kind == "linear_regulator", result.netlist
    value, run = runner.measure(result.netlist, "op", "v(out)")
    assert value is not None, run
    assert value == pytest.approx(vout, rel=0.03), result.netlist


@NGSPICE
@pytest.mark.parametrize("text,kind,vin,vout", [
    ("programmable shunt regulator (TL431) that holds 4 V when fed from 10 V through 330 ohm", "shunt_regulator",
     10.0, 4.0),
    ("op-amp linear regulator with an NPN pass transistor and a 2.5 V reference: regulate 16 V down to 10 V",
     "linear_regulator", 16.0, 10.0),
    ("LDO regulator with a PMOS pass device producing 1.8 V off 3.3 V", "ldo_regulator", 3.3, 1.8),
])
def test_a_regulator_takes_its_input_from_the_words_from_off_or_regulate_and_its_output_from_set_to_down_to_giving(
        text, kind, vin, vout):
    result = generate(text)
    assert result.intent.kind == kind, result.netlist
    value, run = runner.measure(result.netlist, "op", "v(in)")
    assert value == pytest.approx(vin, rel=1e-6), run
    value, run = runner.measure(result.netlist, "op", "v(out)")
    assert value == pytest.approx(vout, rel=0.03), result.netlist


@NGSPICE
@pytest.mark.parametrize("text,times,peak", [
    ("diode voltage tripler on a 60 Hz, 8 V peak sine with a 220k load", 3, 8.0),
    ("Greinacher doubler from 15 V peak mains at 50 Hz, 100k load", 2, 15.0),
])
def test_a_multiplier_on_mains_frequency_settles_near_its_multiple(text, times, peak):
    # its capacitors scale with the period and its run covers enough cycles to charge the ladder
    result = generate(text)
    tran = re.search(r"^\.tran\s+(\S+)\s+(\S+)", result.netlist, re.M)
    assert tran is not None, result.netlist
    step, stop = parse_number(tran[1]), parse_number(tran[2])
    assert step is not None and stop is not None, tran[0]
    value, run = runner.measure(result.netlist, f"tran {step:g} {stop:g}",
                                f"avg v(out) from={0.8 * stop:g} to={stop:g}")
    assert value is not None, run
    assert times * peak - 0.9 * times <= value <= times * peak, result.netlist


@NGSPICE
def test_a_wilson_mirror_output_that_goes_to_a_level_through_a_named_source_carries_the_current():
    result = generate("NPN Wilson current mirror, 400 uA set by a resistor from a 12 V rail; the output collector "
                      "runs to 7 V through source VQ.")
    assert result.intent.kind == "wilson_mirror", result.netlist
    current, run = runner.measure(result.netlist, "op", "-i(vq)")
    assert current is not None, run
    assert current == pytest.approx(400e-6, rel=0.08), result.netlist


@NGSPICE
def test_a_bandgap_built_on_a_delta_vbe_pair_is_a_bandgap_not_the_bare_pair():
    result = generate("bandgap reference: a delta VBE between two NPN transistors at 1:8 current density, "
                      "summed with a VBE by an amplifier, roughly 1.2 V out")
    assert result.intent.kind == "bandgap_reference", result.netlist
    value, run = runner.measure(result.netlist, "op", "v(out)")
    assert value is not None, run
    assert value == pytest.approx(1.2, abs=0.05), result.netlist


@NGSPICE
def test_a_darlington_driven_at_a_stated_base_bias_follows_it_two_vbe_below():
    result = generate("Darlington pair as an emitter follower from 12 V, its base biased at 6 V, "
                      "1k emitter resistor to ground")
    assert result.intent.kind == "darlington_pair", result.netlist
    value, run = runner.measure(result.netlist, "op", "v(out)")
    assert value is not None, run
    assert 6.0 - 1.7 <= value <= 6.0 - 1.0, result.netlist


@NGSPICE
@pytest.mark.parametrize("text,vout", [
    # no spec the reader takes: the words give the output level, the duty cycle follows from it
    ("Flyback supply fed off 15 V that must give 9 V", 9.0),
    ("inverting buck-boost making -6 V from a 9 V battery, 33 ohm load", -6.0),
])
def test_a_converters_output_level_in_words_sets_its_duty_cycle(text, vout):
    result = generate(text)
    tran = re.search(r"^\.tran\s+(\S+)\s+(\S+)", result.netlist, re.M)
    assert tran is not None, result.netlist
    stop = parse_number(tran[2])
    assert stop is not None, tran[0]
    value, run = runner.measure(result.netlist, f"tran {tran[1]} {tran[2]}",
                                f"avg v(out) from={0.8 * stop:g} to={stop:g}")
    assert value is not None, run
    assert value == pytest.approx(vout, rel=0.08), result.netlist


@NGSPICE
def test_a_p_channel_jfet_current_source_sits_on_the_high_side_and_sources_its_square_law_current():
    result = generate("P-channel JFET constant-current source from 10 V: VTO=-3 BETA=0.6m, 680 ohm source resistor, "
                      "2k load to ground")
    assert result.intent.kind == "jfet_current_source", result.netlist
    low, high = 0.0, 0.6e-3 * 9  # Id = BETA (3 - Id RS)^2, the root below IDSS, by bisection
    for _ in range(60):
        mid = (low + high) / 2
        low, high = (mid, high) if 0.6e-3 * (3 - mid * 680) ** 2 > mid else (low, mid)
    value, run = runner.measure(result.netlist, "op", "v(d)/2k")
    assert value is not None, run
    assert value == pytest.approx(low, rel=0.03), result.netlist
