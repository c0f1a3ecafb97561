"""Specs and analyses in the words users write (lane D, round 8): a swept source whose kind or node stands between
its name and its levels ("sweep current source IQ into node q from", "VG on gate node g swept from", "VDS on node d
from 0 to 4 V in 0.2 V steps" with no verb), the second source of a nested sweep ("stepped over ..."), a transient's
saved window ("nothing saved until 3 ms"), a decimal comma and a value's gloss in words, a loss in dB ("12 dB down"),
an integrator's unity-gain frequency ("|gain| = 1 at 4 kHz"), a low-pass that keeps only part of the DC, an amplifier
whose input comes through a capacitor, and an AC sweep nothing drives."""
from __future__ import annotations

import math

import pytest

from spice_lsp.generation.checklist import FAIL, PASS, analyses
from spice_lsp.generation.design import design
from spice_lsp.generation.intent import parse_intent
from spice_lsp.generation.pipeline import _with_ac_stimulus, clean_description, generate
from spice_lsp.generation.request import read_request
from spice_lsp.language.parser import parse
from spice_lsp.language.units import format_eng


def directives(description: str) -> list[str]:
    return [a.directive for a in parse_intent(description).analyses]


def dc(source: str, *figures: float) -> str:
    return f".dc {source} " + " ".join(format_eng(x) for x in figures)


@pytest.mark.parametrize("description, wanted", [
    ("Ramp current source IQ into node q from 0 to 2 mA in 20 uA steps; 470 ohm from q to ground.",
     dc("IQ", 0, 2e-3, 20e-6)),
    ("Resistor string on VDD. Sweep VDD DC from 1 to 4 V in 0.1 V steps.", dc("VDD", 1, 4, 0.1)),
    ("NMOS with its drain on 2 V: VG on gate node g swept from 0 to 2 V in 20 mV steps.", dc("VG", 0, 2, 0.02)),
])
def test_a_swept_source_with_its_kind_or_node_between(description, wanted):
    assert directives(description) == [wanted]


def test_a_source_with_levels_and_a_step_is_swept_and_its_nested_partner_read():
    said = ("Drain curves: VDS on node d from 0 to 4 V in 0.2 V steps, stepped over gate source VGS from 1 to 2 V "
            "in 0.5 V steps. NMOS W=2u L=1u.")
    assert directives(said) == [dc("VDS", 0, 4, 0.2) + " " + dc("VGS", 1, 2, 0.5)[len(".dc "):]]


def test_a_sweep_read_once_is_not_read_again_from_its_levels():
    assert directives("DC sweep of VB from 0 to 3 volts, step 30 mV") == [dc("VB", 0, 3, 0.03)]


@pytest.mark.parametrize("words", ["nothing saved until 3 ms", "do not record any data before 3 ms"])
def test_a_transient_saved_from_a_start_time(words):
    assert directives(f"RL circuit on a step. Transient, 2 us step, 4 ms long; {words}.") == [".tran 2u 4m 3m"]


@pytest.mark.parametrize("said, cleaned", [
    ("C2 = 6,8 nF from p to 0", "C2 = 6.8 nF from p to 0"),
    ("R = 1,5 kΩ", "R = 1.5 kΩ"),
    ("a 5,6k resistor", "a 5.6k resistor"),
    ("bias 0,65 V", "bias 0.65 V"),
    ("tone of 1,000 Hz", "tone of 1,000 Hz"),  # a thousands separator
    ("at -40, 0, 85 °C", "at -40, 0, 85 °C"),  # a list
    ("R7,8k", "R7,8k"),  # a name before the digits: not a value
])
def test_a_decimal_comma_becomes_a_point(said, cleaned):
    assert clean_description(said) == cleaned


def test_a_values_gloss_in_words_is_dropped_and_a_figure_in_brackets_kept():
    assert clean_description("a 2M resistor (two megohms) from p to q") == "a 2M resistor from p to q"
    assert clean_description("C3 (47 nF) from x to y") == "C3 (47 nF) from x to y"
    placed = read_request(clean_description("a 3M resistor (three megaohms, not milliohms) from p to q")).elements
    assert [(e.kind, e.nodes, e.value) for e in placed] == [("R", ("p", "q"), 3e6)]


@pytest.mark.parametrize("description, db", [
    ("Resistive attenuator 12 dB down, nodes u to w.", -12.0),
    ("two-resistor pad, 9.5 dB down from s1 to s2", -9.5),
])
def test_a_loss_said_as_db_down_is_an_attenuators_gain(description, db):
    assert [(s.quantity, s.target) for s in read_request(description).specs] == [("gain_db", db)]


def test_db_down_in_a_filter_with_no_loss_word_is_no_attenuation():
    assert not [s for s in read_request("notch, 45 dB down").specs if s.quantity == "gain_db"]


@pytest.mark.parametrize("words", ["|gain| = 1 at 4 kHz", "gain magnitude drops to unity at 4 kHz",
                                   "gain reaches 1 (0 dB) at 4 kHz"])
def test_an_integrators_unity_gain_frequency_designs_its_capacitor(words):
    description = f"Inverting op-amp integrator, 22k input resistor, {words}."
    specs = read_request(description).specs
    assert [(s.quantity, s.target) for s in specs] == [("ugbw", 4000.0)]
    intent = parse_intent(description)
    design(intent, specs)
    rc = intent.values["RIN"].value * intent.values["C"].value
    assert math.isclose(1 / (2 * math.pi * rc), 4000.0, rel_tol=0.05)


@pytest.mark.parametrize("description, share", [
    ("RC low-pass whose DC gain is 1/4, -3 dB (relative to DC) at 800 Hz, m to n.", 0.25),
    ("A passive low-pass that passes two thirds of the DC, corner 3 kHz.", 2 / 3),
])
def test_a_low_pass_keeping_part_of_the_dc_is_a_divider_with_its_corner(description, share):
    specs = read_request(description).specs
    assert [s.quantity for s in specs if s.quantity == "dc_gain_db"] == ["dc_gain_db"]
    intent = parse_intent(description)
    design(intent, specs)
    r1, r2, c = (intent.values[k].value for k in ("R", "RSHUNT", "C"))
    assert math.isclose(r2 / (r1 + r2), share, rel_tol=0.03)  # E96 parts
    corner = next(s.target for s in specs if s.quantity == "cutoff")
    assert math.isclose(1 / (2 * math.pi * (r1 * r2 / (r1 + r2)) * c), corner, rel_tol=0.06)


def test_a_divided_low_pass_is_built_and_verified():
    result = generate("RC low-pass keeping a fifth of the DC: DC gain 0.2 and -3 dB (relative to DC) at 2 kHz.")
    assert result.verified
    assert any(line.startswith("R2 out 0 ") for line in result.netlist.splitlines())


@pytest.mark.parametrize("description, fc", [
    ("Capacitor-coupled inverting amplifier, gain -5, low cut-off at 30 Hz.", 30.0),
    ("AC-coupled non-inverting amplifier: 26 dB mid-band gain, input coupling with a 15 Hz lower corner.", 15.0),
])
def test_an_amplifier_whose_input_comes_through_a_capacitor(description, fc):
    result = generate(description)
    assert any(line.startswith("C1 in ") for line in result.netlist.splitlines())
    corner = next(c for c in result.checks if "cutoff" in c.detail)
    assert corner.status == PASS, corner.detail
    measured = float(corner.detail.split()[1])
    assert math.isclose(measured, fc, rel_tol=0.05)


def test_an_ac_sweep_that_no_source_drives_fails_its_analysis_item():
    sweep = ".ac dec 10 10 100k"
    dead = parse(f"t\nV1 a 0 DC 2\nR1 a b 1k\nC1 b 0 1u\n{sweep}\n.end\n").netlist
    live = parse(f"t\nV1 a 0 DC 2 AC 1\nR1 a b 1k\nC1 b 0 1u\n{sweep}\n.end\n").netlist
    assert [i.status for i in analyses([sweep], dead)] == [FAIL]
    assert [i.status for i in analyses([sweep], live)] == [PASS]


def test_an_ac_sweep_with_no_ac_source_gets_its_input_driven():
    netlist, notes = _with_ac_stimulus("t\nVS p 0 DC 3\nR1 p q 2k\nC1 q 0 10n\n.ac dec 10 1 1meg\n.end\n", "p")
    assert "VS p 0 DC 3 AC 1" in netlist.splitlines() and len(notes) == 1
    driven = "t\nVS p 0 DC 3 AC 2\nR1 p q 2k\n.ac dec 10 1 1meg\n.end\n"
    assert _with_ac_stimulus(driven, "p") == (driven, [])
    result = generate("C9 = 3.3 nF from u to v, 47k from v to ground, 2 V on u, AC sweep from 10 Hz to 100 kHz.")
    assert any(i.what.startswith("analysis .ac") and i.status == PASS for i in result.checks)
