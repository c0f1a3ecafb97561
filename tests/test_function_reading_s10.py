"""A circuit said by what it does, its figure said in words or with a direction (lane P, s10).

Each request here is worded apart from the probe and tuning files; the assertions are the quantity the words
give, computed from the figure, and the circuit read from the function."""
from __future__ import annotations

import math

import pytest

from spice_lsp.generation.function_words import function_output, function_specs, in_digits, read_function
from spice_lsp.generation.intent import parse_intent


def _spec(low: str, quantity: str):
    return next(r for r in function_specs(low) if r.quantity == quantity)


@pytest.mark.parametrize("text, figure", [
    ("cut the whine above about seven kilohertz", "7 khz"),
    ("roll it off past a kilohertz", "1 khz"),
    ("a clock that toggles twice a second", "2 hz"),
    ("about twelve volts", "12 v"),
])
def test_a_figure_in_words_is_read_in_digits_at_its_own_place(text, figure):
    digits = in_digits(text)
    assert len(digits) == len(text) and figure in digits
    assert digits[:4] == text[:4]  # the words before it stay where they were


def test_a_corner_said_in_words_is_the_filter_corner_and_its_span_is_the_words():
    low = "tame the hiss above roughly seven kilohertz from node a to node b, 22 nf cap"
    row = _spec(low, "cutoff")
    assert row.target == pytest.approx(7e3)
    assert low[row.start:row.end].endswith("seven kilohertz")
    assert read_function(low).circuit == "low-pass filter"


@pytest.mark.parametrize("low, db", [
    ("bring the signal on node s up by 18 db at node t", 18.0),
    ("raise the level from p to q by 12 db", 12.0),
])
def test_a_level_raised_in_db_is_a_gain_not_a_divider(low, db):
    assert _spec(low, "gain_db").target == db
    assert "divider" not in read_function(low).circuit


def test_a_level_brought_down_in_db_stays_a_loss():
    low = "bring the level on node s down by 14 db with two resistors"
    assert _spec(low, "gain_db").target == -14.0


@pytest.mark.parametrize("low, parts", [("drop the level on a to about a quarter at b using two resistors", 4),
                                        ("knock node x down to one tenth at node y with resistors", 10)])
def test_a_level_brought_down_to_a_fraction_is_the_divider_gain(low, parts):
    assert _spec(low, "gain").target == pytest.approx(1 / parts)


def test_dc_kept_away_with_its_node_named_between_is_a_high_pass():
    low = "keep the dc on node p away from node q but pass everything above 40 hz"
    assert read_function(low).circuit == "high-pass filter"
    assert _spec(low, "cutoff").target == 40.0


def test_a_wave_that_flips_at_a_rate_said_in_words_is_made_by_an_oscillator():
    intent = parse_intent("a square wave at node clk that toggles roughly twice a second, op-amp plus RC")
    assert "oscillator" in intent.kind


def test_the_mean_of_listed_nodes_is_an_averager():
    assert "averag" in read_function("node m should be the mean of x, y and z").circuit


def test_a_device_that_wants_the_circuit_does_not_keep_it_from_being_read():
    assert parse_intent("the MCU needs a 1.2 V reference on node vr, made from 3.3 V on node vd").kind != "generic"


def test_a_level_reached_after_power_up_is_the_rc_corner():
    low = "the cap on node c (10 uf) should cross half of the 12 v rail about 2 ms after power-up"
    assert _spec(low, "cutoff").target == pytest.approx(math.log(2) / (2 * math.pi * 2e-3))


def test_a_level_that_arrives_as_another_at_a_node_is_the_divider_output():
    low = "a 12 v signal on node h should come out as 5 v on node l, resistors only"
    assert _spec(low, "vout").target == 5.0
    assert function_output(low) == "l"


def test_a_corner_named_by_its_word_is_the_one_sided_filter_corner():
    low = "block the dc between node p and node q, pass the music, with the cutoff somewhere near 45 hz"
    assert read_function(low).circuit == "high-pass filter"
    assert _spec(low, "cutoff").target == 45.0


def test_a_band_of_passive_first_order_sections_is_the_rc_band_pass():
    assert parse_intent("let through only 200 Hz to 2 kHz from node u to node v, passive first-order sections").kind \
        == "rc_bandpass"


@pytest.mark.parametrize("low, quantity, target", [
    ("lift my guitar pickup by thirty-two decibels, in to out, non-inverting", "gain_db", 32.0),
    ("the output should be the input knocked down by nine db using resistors", "gain_db", -9.0),
    ("crank the level up by a factor of five, not inverted", "gain", 5.0),
    ("shrink the swing by a factor of 4 with two resistors", "gain", 0.25),
    ("node q has to be minus three times node p", "gain", -3.0),
])
def test_a_gain_said_in_words_is_its_figure_with_its_direction(low, quantity, target):
    assert _spec(low, quantity).target == pytest.approx(target)


def test_a_hundred_hertz_said_with_its_article_is_the_edge():
    low = "strip everything below a hundred hertz from node a to node b, one cap and one resistor"
    assert read_function(low).circuit == "high-pass filter"
    assert _spec(low, "cutoff").target == 100.0


def test_an_led_that_should_flash_is_made_to_flash():
    intent = parse_intent("the red LED should blink roughly twice a second off a 9 V battery")
    assert intent.kind != "led_resistor" and intent.reading


def test_a_figure_with_a_prefixed_unit_word_names_a_circuit_request():
    from spice_lsp.generation.scope import names_no_circuit
    assert names_no_circuit("pass the lows, steep and maximally flat, edge at about a kilohertz", frozenset()) is None


def test_a_half_said_in_words_is_in_the_figure():
    assert "1.5 v" in in_digits("trip when node s passes one and a half volts")
    assert "0.5 ma" in in_digits("push half a milliamp into the load")


def test_a_current_of_a_figure_held_whatever_the_load_is_a_current_source():
    low = "i want a current of roughly 2 ma through node l regardless of what load is there"
    assert read_function(low).circuit.endswith("current source")
    assert _spec(low, "current").target == pytest.approx(2e-3)


@pytest.mark.parametrize("low", ["how long does node c take to charge from 5 v through 47k into 1 uf?",
                                 "i put 3 v through 10k into a 100 nf cap on node t; show the curve"])
def test_a_cap_charged_through_a_resistor_is_the_rc_lag(low):
    assert read_function(low).circuit == "low-pass filter"


def test_a_rail_that_must_not_sag_is_held_by_a_regulator():
    low = "make a 5 v rail on node r from 12 v on node u that doesn't droop when the load changes"
    assert read_function(low).circuit == "linear regulator"


def test_a_steady_level_from_a_higher_supply_is_the_output_level_not_a_supply_that_is_constant():
    assert _spec("a steady 9 v on node o from a 15 v supply on node i", "vout").target == 9.0
    assert not any(r.quantity == "vout" for r in function_specs("a constant 5 v supply on vcc feeds two 10k"))


@pytest.mark.parametrize("low, circuit", [
    ("map 0 to 10 v on node a onto 0 to 2 v at node b", "voltage divider"),
    ("turn 0 to 1 v on node a into 0 to 4 v at node b", "non-inverting amplifier"),
])
def test_a_range_mapped_onto_another_is_the_gain_circuit(low, circuit):
    assert read_function(low).circuit == circuit


def test_a_lag_said_on_the_input_by_its_angle_is_the_all_pass():
    assert parse_intent("the output should lag my signal by 45 degrees at 2 kHz, in to out").kind == "allpass_filter"


def test_an_input_held_at_a_level_below_the_rail_is_no_output_level():
    low = "emitter follower on a 15 v rail: input held at 4 v dc on node b, output node e into 1k"
    assert not any(r.quantity == "vout" for r in function_specs(low))


def test_a_node_held_at_a_level_is_no_steady_output_made_from_the_supply():
    low = "common emitter: node b held at 2 v from a 12 v supply"
    assert not any(r.quantity == "vout" for r in function_specs(low))


def test_the_wave_a_named_oscillator_makes_is_designed_to_its_frequency():
    assert _spec("a buzz of about 3 khz at node z from an astable multivibrator", "frequency").target == 3000.0
    assert not any(r.quantity == "frequency" for r in function_specs("feed a 1 khz tone into the rc filter"))


def test_a_voltage_quartered_is_the_divider_at_a_quarter():
    low = "quarter the signal from node a at node b with resistors"
    assert read_function(low).circuit == "voltage divider"
    assert _spec(low, "gain").target == 0.25


def test_a_rail_dropped_to_a_level_is_the_level_made():
    assert _spec("drop my 15 v supply to 5 v at node q with two resistors", "vout").target == 5.0


def test_a_device_kept_from_dc_is_protected_not_built():
    intent = parse_intent("keep the headphones on node hp from seeing any dc from node src; pass down to 20 hz")
    assert intent.kind == "rc_highpass"


def test_a_level_for_a_device_is_no_volts_per_ampere():
    low = "clean 3.3 v for a sensor from a 5 v supply, about 20 ma draw"
    assert _spec(low, "vout").target == 3.3
    assert not any(r.quantity == "vout" and r.target < 1 for r in function_specs(low))


def test_the_dc_level_of_a_pwm_is_its_average():
    assert read_function("i want the dc level of my pwm on node p at node q, pwm at 5 khz").circuit == "pwm dac"


def test_a_cap_charged_with_its_nodes_in_between_is_the_rc_lag():
    low = "charge a 47 uf cap (node c) from 9 v (node s) through 2.2k and tell me how long to 63%"
    assert read_function(low).circuit == "low-pass filter"


def test_a_truth_table_said_on_named_nodes_is_its_gate():
    assert parse_intent("make node y go high only when both node p and node q are high, cmos").kind == "cmos_and"


def test_an_output_that_swings_between_levels_when_the_input_crosses_one_is_a_comparator():
    assert read_function("the output should swing between 0 and 3.3 v whenever node s crosses 1 v").circuit \
        == "comparator"


def test_a_multiplication_by_a_negative_factor_is_an_inverting_gain():
    low = "take node u, multiply it by minus 3, and put the result on node w"
    assert _spec(low, "gain").target == -3.0
    assert read_function(low).circuit == "inverting amplifier"


def test_a_node_made_equal_to_another_is_a_follower():
    assert "follower" in read_function("node q should be exactly equal to node p but drive a 100 ohm load").circuit


def test_a_cap_charged_to_a_share_in_a_time_is_the_rc_lag():
    assert read_function("pick the cap so 10k charges it to about 63 % in 2 ms").circuit == "low-pass filter"
