"""Comparator and converter levels said in words no case file uses (recipes/comparators.py,
data_conversion.py): the output swing a request states, split rails named before their level,
switching points said with a verb, a triangle's amplitude said after the wave; answers measured here in
ngspice with our own analyses."""
import re

import pytest

from spice_lsp.generation.pipeline import generate
from spice_lsp.generation.recipes.comparators import _split, _swing, trip_points
from tests.measuring import measure, tran_of


@pytest.mark.parametrize("text,level", [
    ("the output o2 toggles between -3 V and +3 V", 3.0),
    ("its output snaps from +7.5 V to -7.5 V", 7.5),
    ("output levels +9 V / -9 V please", 9.0),
    ("a ±6 V output", 6.0),
])
def test_output_swing_said_in_words(text, level):
    assert _swing(text) == level


@pytest.mark.parametrize("text", ["switches at +1.5 V and -1.5 V", "trip levels +1 V and -1 V",
                                  "the input swings between +2 V and -2 V"])
def test_switching_points_and_input_levels_are_no_output_swing(text):
    """(an input's swing is said of the input; the comparators' readers take it from the wave)"""
    assert _swing(text) is None or "input" in text


@pytest.mark.parametrize("text,rails", [("powered from ±9 V", 9.0), ("(supplies +/-15 V)", 15.0),
                                         ("comparator on +-6 V", 6.0), ("on ±12 V rails", 12.0)])
def test_split_rails_named_before_their_level(text, rails):
    assert _split(text) == rails


@pytest.mark.parametrize("text,points", [("flips at 0.8 V and -0.4 V", (0.8, -0.4)),
                                         ("a trigger that trips at +3 V / +1 V", (3.0, 1.0))])
def test_switching_points_said_with_a_verb(text, points):
    assert trip_points(text) == points


@pytest.mark.parametrize("text,swing,period", [
    ("Zero-crossing detector for a 400 Hz, 1.5 V amplitude sine; its output toggles between -4 V and +4 V.",
     4.0, 1 / 400),
    ("A comparator that switches each time a 2 kHz sine of 0.3 V passes through zero; output levels +6 V / -6 V.",
     6.0, 1 / 2000),
])
def test_zero_crossing_output_takes_the_stated_swing_and_period(text, swing, period):
    result = generate(text)
    assert result.intent.kind == "zero_crossing_detector"
    out, tran = "out", tran_of(result.netlist)
    top = measure(result.netlist, f"{tran}\nmeas tran x max v({out}) from={period}\nlet result = x")
    bottom = measure(result.netlist, f"{tran}\nmeas tran x min v({out}) from={period}\nlet result = x")
    assert top == pytest.approx(swing, rel=0.05) and bottom == pytest.approx(-swing, rel=0.05)
    # the first rising edge is measured where it is (the output starts in the rising sine's state)
    between = measure(result.netlist, f"{tran}\nmeas tran x trig v({out}) val=0 rise=1 targ v({out}) val=0 rise=2"
                                       "\nlet result = x")
    assert between == pytest.approx(period, rel=0.01)


def test_schmitt_switches_at_points_said_with_a_verb_on_rails_said_first():
    result = generate("Non-inverting Schmitt trigger that flips at +1.2 V and -1.2 V, op-amp on +/-9 V; "
                      "test with a 100 Hz triangle of 3 V peak.")
    netlist, tran = result.netlist, tran_of(result.netlist)
    rising = measure(netlist, f"{tran}\nmeas tran x find v(in) when v(out)=0 rise=1\nlet result = x")
    falling = measure(netlist, f"{tran}\nmeas tran x find v(in) when v(out)=0 fall=1\nlet result = x")
    assert rising == pytest.approx(1.2, abs=0.06) and falling == pytest.approx(-1.2, abs=0.06)
    peak = measure(netlist, f"{tran}\nmeas tran x max v(in)\nlet result = x")
    assert peak == pytest.approx(3.0, rel=0.01)


def _op(netlist: str, node: str) -> float:
    return measure(netlist, f"op\nlet result = v({node})")


@pytest.mark.parametrize("text,expected", [
    # full scale stated with its sign: the inverting summer alone, RF sized for it: -6 V x 5/15
    ("Four bit binary-weighted resistor DAC with an op-amp summer, 0/5 V bits; code 1111 gives -6 V. "
     "Input word 0101.", -6.0 * 5 / 15),
    # a positive full scale keeps the output positive (summer then a unity inverter): 3.5 V x 3/7
    ("3-bit weighted-resistor DAC, 5 V logic bits, full-scale output of 3.5 V; input code 011.", 1.5),
    # a signed step per code: -0.25 V per LSB, code 6 of a six-bit word in words
    ("six-bit binary weighted DAC into a summing amplifier; the LSB is -0.25 V; bits at 5 V; set the code to 000110.",
     -1.5),
])
def test_weighted_dac_takes_the_stated_scale_and_sign(text, expected):
    result = generate(text)
    assert result.intent.kind == "weighted_dac"
    assert _op(result.netlist, "out") == pytest.approx(expected, rel=0.02)


def test_flash_adc_with_a_resistor_string_and_logic_outputs():
    result = generate("Flash ADC: 4 V reference across a resistor string of four equal resistors, three "
                      "comparators with 3.3 V logic outputs; the analog input held at 2.6 V.")
    assert result.intent.kind == "flash_adc"
    levels = [_op(result.netlist, f"c{k}") for k in (1, 2, 3)]  # thresholds 1, 2 and 3 V
    assert levels == [pytest.approx(3.3, rel=0.01), pytest.approx(3.3, rel=0.01), pytest.approx(0.0, abs=0.01)]


def test_pwm_by_comparison_is_the_comparator_with_the_stated_level():
    result = generate("pulse-width modulator: comparing a 5 kHz triangle (0 to 4 V) with a 1 V dc level; "
                      "output 3.3 V while the level is above the triangle, else 0 V.")
    assert result.intent.kind == "comparator"
    assert re.search(r"^V\w* ref 0 DC 1$", result.netlist, re.MULTILINE), result.netlist


@pytest.mark.parametrize("text,count,high", [
    ("a CMOS buffer on 3.3 V", 2, 3.3),
    ("4 cascaded CMOS inverters from a 5 V supply", 4, 5.0),
    ("chain of three inverters, 1.8 V", 3, 1.8),
])
def test_inverters_in_series_follow_or_invert_by_their_count(text, count, high):
    result = generate(text)
    assert result.intent.kind == "inverter_chain"
    assert len(re.findall(r"^M\d+ ", result.netlist, re.MULTILINE)) == 2 * count
    source = re.search(r"^(V\w+) (\w+) 0 PULSE", result.netlist, re.MULTILINE)[1]
    low_in = measure(result.netlist, f"dc {source} 0 {high} {high / 50:g}\nmeas dc x find v(out) at=0\nlet result = x")
    expected = 0.0 if count % 2 == 0 else high
    assert low_in == pytest.approx(expected, abs=0.05 * high)


def test_the_middle_node_of_a_two_inverter_chain_takes_its_stated_name():
    result = generate("two CMOS inverters in series on 2.5 V, the middle node is called mx")
    assert re.search(r"^M\d+ mx ", result.netlist, re.MULTILINE), result.netlist


@pytest.mark.parametrize("text,frequency,duty,vcc", [
    ("NE555 astable, 4 kHz with a 70% duty cycle from 12 V", 4e3, 0.7, 12.0),
    ("555 clock at 800 Hz, duty 0.55, on 5 V", 800.0, 0.55, 5.0),
])
def test_a_555_astable_runs_at_the_stated_duty_cycle(text, frequency, duty, vcc):
    result = generate(text)
    assert result.intent.kind == "timer555_astable"
    out, period = re.search(r"^\.print tran v\((\w+)\)", result.netlist, re.MULTILINE)[1], 1 / frequency
    run = f"tran {period / 400:g} {14 * period:g}"
    measured = measure(result.netlist, f"{run}\nmeas tran x trig v({out}) val={vcc / 2:g} rise=6 "
                                         f"targ v({out}) val={vcc / 2:g} rise=10\nlet result = x / 4")
    assert measured == pytest.approx(period, rel=0.1)
    high = measure(result.netlist, f"{run}\nmeas tran x avg v({out}) from={6 * period:g} to={14 * period:g}"
                                     f"\nlet result = x / {vcc:g}")
    assert high == pytest.approx(duty, abs=0.03)


def test_a_generator_naming_both_waves_is_the_function_generator():
    assert generate("square and triangle oscillator at 300 Hz on +/-12 V").intent.kind == "function_generator"


@pytest.mark.parametrize("text,points", [("turns on above 2.8 V and off below 1.9 V", (2.8, 1.9)),
                                         ("switches high over 0.5 V, low under -0.5 V", (0.5, -0.5))])
def test_switching_points_said_of_the_output_turning_on_and_off(text, points):
    assert trip_points(text) == points


def test_a_trigger_on_split_rails_is_driven_by_its_own_triangle_not_by_its_thresholds():
    result = generate("inverting Schmitt trigger on +/-6 V, thresholds ±0.5 V, driven by a triangle on ±2 V")
    netlist, tran = result.netlist, tran_of(result.netlist)
    assert measure(netlist, f"{tran}\nmeas tran x max v(in)\nlet result = x") == pytest.approx(2.0, rel=0.01)
    falling = measure(netlist, f"{tran}\nmeas tran x find v(in) when v(out)=0 fall=1\nlet result = x")
    assert falling == pytest.approx(0.5, abs=0.03)
