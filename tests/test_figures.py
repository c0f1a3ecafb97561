"""A figure the request states and the answer leaves unused is the spec its unit names in the family built
(generation/figures.py): a frequency in a first-order filter its corner, in an oscillator its frequency, a voltage
in a divider or a shunt regulator its output level; when unsure (two figures of a unit, two quantities of it, a
spec of that unit already read, a level at another node) it stays reported as unused. Requests worded apart from
the tuning cases the class came from."""
from __future__ import annotations

import math
import re

import pytest

from spice_lsp.generation.design import design
from spice_lsp.generation.figures import figure_specs
from spice_lsp.generation.intent import Value, parse_intent
from spice_lsp.generation.pipeline import generate
from spice_lsp.generation.request import Spec, read_request
from spice_lsp.language.units import parse_number


def hz(text: str, value: float) -> Value:
    return Value("FREQ", value, text, "Hz")


def volts(text: str, value: float) -> Value:
    return Value("VIN", value, text, "V")


def test_a_lone_unused_frequency_is_the_one_frequency_quantity_the_family_designs():
    said = "RL low-pass from a to b, 47 ohm to ground. The knee should be near 12 kHz."
    specs = figure_specs(said, ("cutoff",), [hz("12 kHz", 12e3)], [], "b")
    assert [(s.quantity, s.target, s.text) for s in specs] == [("cutoff", 12e3, "The knee should be near 12 kHz")]


@pytest.mark.parametrize("family_specs, unused, stated", [
    (("cutoff",), [hz("12 kHz", 12e3), hz("3 kHz", 3e3)], []),  # two figures of one unit: which one?
    (("center", "frequency"), [hz("12 kHz", 12e3)], []),  # two quantities of the unit
    (("cutoff",), [hz("12 kHz", 12e3)], [Spec("cutoff 3 kHz", "cutoff", 3e3)]),  # one already read
    (("gain", "gain_db"), [hz("12 kHz", 12e3)], []),  # no quantity of the unit
])
def test_an_unsure_figure_stays_unused(family_specs, unused, stated):
    said = "A filter from a to b with 12 kHz and 3 kHz somewhere in it, cutoff 3 kHz."
    assert figure_specs(said, family_specs, unused, stated, "b") == []


def test_a_level_said_at_the_output_is_its_spec_and_one_said_at_another_node_is_not():
    said = "Divider from a 20 V rail on node top; I want 8 V on node mid."
    assert [(s.quantity, s.node) for s in figure_specs(said, ("vout",), [volts("8 V", 8.0)], [], "mid")] \
        == [("vout", "mid")]
    assert figure_specs(said, ("vout",), [volts("8 V", 8.0)], [], "out") == []


def test_the_node_after_a_figure_is_not_the_next_figures():
    said = "Shunt regulator, 5.6 V zener, 14 V raw on node raw, regulated node q with a 1k load."
    [spec] = figure_specs(said, ("vout",), [Value("VDD", 5.6, "5.6 V", "V")], [], "q")
    assert spec.node is None and spec.target == 5.6


def _value(netlist: str, name: str) -> float:
    line = next(x for x in netlist.splitlines() if x.split()[:1] == [name])
    return parse_number(line.split()[3])


def test_an_unused_corner_of_an_rl_low_pass_is_designed_and_measured():
    result = generate("RL low-pass: inductor from node p to node q, 220 Ω from q to ground; "
                      "30 kHz is where it should start to drop.")
    assert result.verified
    assert math.isclose(220 / (2 * math.pi * _value(result.netlist, "L1")), 30e3, rel_tol=0.05)
    assert any("30 kHz" in i.what and i.detail.startswith("measured") and "cutoff" in i.detail for i in result.checks)


def test_an_unused_frequency_of_a_wien_oscillator_is_its_frequency():
    result = generate("Op-amp Wien bridge sine oscillator with diode amplitude control, humming at 3.3 kHz, "
                      "output node hum.")
    r, c = (_value(result.netlist, x) for x in ("R1", "C1"))
    assert math.isclose(1 / (2 * math.pi * r * c), 3.3e3, rel_tol=0.05)
    assert not any("3.3 kHz" in i.what and i.status == "fail" for i in result.checks)


def test_a_divider_whose_bottom_resistor_is_given_designs_the_top_one():
    said = "From a 30 V rail on node r30, get 12 V on node mid with two resistors. The bottom resistor is 20k."
    intent = parse_intent(said)
    design(intent, read_request(said).specs)
    assert intent.values["R2"].value == 20e3
    assert math.isclose(30 * 20e3 / (intent.values["R1"].value + 20e3), 12, rel_tol=0.01)
    result = generate(said)
    bottom = next(x.split() for x in result.netlist.splitlines() if re.match(r"R\w* mid 0 ", x))
    assert parse_number(bottom[3]) == 20e3 and result.verified


def test_a_divider_fed_by_a_stated_battery_is_designed_from_its_level():
    said = "two-resistor divider from a 6 V battery (node cell) set for 2 V out on node lo, lower leg 4.7k"
    result = generate(said)
    top = next(x.split() for x in result.netlist.splitlines() if re.match(r"R\w* cell lo ", x))
    assert math.isclose(6 * 4.7e3 / (parse_number(top[3]) + 4.7e3), 2, rel_tol=0.01)


def test_a_sensor_is_evaluated_at_the_temperature_its_rating_does_not_state():
    said = "NTC divider, 47k-at-25 °C thermistor (B 4050) from a 5 V rail to node t, 47k to ground; read it at 70 °C."
    intent = parse_intent(said)
    design(intent, read_request(said).specs)
    assert intent.values["TEMP"].value == 70 and not any("two values for TEMP" in w for w in intent.warnings)


def test_a_filter_that_wrote_its_figure_only_as_the_test_sine_designs_its_corner_from_it():
    result = generate("Sallen-Key low-pass, Butterworth, unity gain; corner sitting at 2.5 kHz. "
                      "Input fin, output fout.")
    assert any("2.5 kHz" in i.what and "cutoff" in i.detail and i.status == "pass" for i in result.checks)
    assert not re.search(r"SIN\([^)]*\b2\.5k\)", result.netlist)


def test_a_frequency_said_to_be_the_signals_stays_the_signals():
    said = "Sallen-Key low-pass, unity gain, driven by a 2.5 kHz sine. Input fin, output fout."
    assert figure_specs(said, ("cutoff", "f0", "q"), [hz("2.5 kHz", 2.5e3)], [], "fout") == []


@pytest.mark.parametrize("said", [
    "RC low-pass ahead of an ADC sampling at 48 kHz, 1k resistor, input ain, output aout.",
    "RC high-pass, 10k from ho to ground, input hi, output ho, with 50 Hz hum riding on the input.",
])
def test_a_frequency_a_filter_works_against_is_not_its_corner(said):
    assert figure_specs(said, ("cutoff",), [hz(re.search(r"\d+ kHz|\d+ Hz", said)[0], 1.0)], [], "aout") == []


def test_a_figure_the_given_parts_contradict_stays_as_the_first_build_wrote_it():
    result = generate("RC low-pass with R = 1k and C = 100 nF, 1 kHz.")
    assert not any("contradicts" in i.what for i in result.checks)


def test_a_spec_with_no_design_equation_is_trimmed_on_the_one_part_that_moves_it():
    from spice_lsp.generation.design import _knob
    assert _knob(parse_intent("NMOS common-source amplifier, VDD 5 V"), "mos_common_source", "vout")[:2] == ("RD", -1)
    assert _knob(parse_intent("NMOS common-source amplifier, RD = 4.7k"), "mos_common_source", "vout") is None
    result = generate("Common-source NMOS stage on a 5 V supply, W=20u L=1u, with its drain sitting at 3 V.")
    [item] = [i for i in result.checks if "drain sitting at 3 V" in i.what]
    assert item.status == "pass", item.detail


def test_the_trim_follows_the_slope_it_measured():
    from spice_lsp.generation.design import Design, trim
    intent = parse_intent("NMOS common-source amplifier")
    intent.values["RD"] = Value("RD", 10e3, "10k", "ohm")
    d = Design(free="RD", scale=-1)
    spec = Spec("drain at 2.5 V", "vout", 2.5)
    level = lambda rd: 5 - 0.37e-3 * rd  # noqa: E731  (a fixed drain current through RD)
    for _ in range(3):
        trim(intent, d, spec, level(intent.values["RD"].value))
    assert math.isclose(level(intent.values["RD"].value), 2.5, rel_tol=0.02)


def test_the_voltage_said_right_before_a_converters_output_is_its_input():
    said = "Buck converter: 18 V down to 3.3 V on node vo, 2 ohm load."
    intent = parse_intent(said)
    design(intent, read_request(said).specs)
    assert intent.values["VIN"].value == 18 and math.isclose(intent.values["DUTY"].value, 3.3 / 18, rel_tol=0.01)


def test_a_current_said_of_the_output_is_the_outputs_not_the_mirrors_reference():
    result = generate("Widlar current source on a 9 V supply; its output should draw 30 uA from node ws.")
    [item] = [i for i in result.checks if "30 uA" in i.what and "current" in i.detail]
    assert item.status == "pass", item.detail
    reference = next(x.split() for x in result.netlist.splitlines() if x.startswith("I"))
    assert parse_number(reference[-1]) != 30e-6  # the reference is the family's, the 30 uA its output
