"""A circuit described by what it does, in more wordings (lane C, s9): a result clause with its own verb ("strip
the lows so only the treble makes it through"), a figure set off after the clause that passes it ("let the lows
through, up to about 1 kHz"), a sum "not negated", volts per ampere said per current ("every 1 uA should read as
1 V"), a level knocked down by a loss in dB with resistors; and the names around them: a maker's chip asked for
by its model is refused, a sensor whose value is said before its name is a part, a summer's modifiers in either
order are the DAC's output stage."""
from __future__ import annotations

import math

import pytest

from spice_lsp.generation.function_words import function_specs, read_function, stated
from spice_lsp.generation.intent import parse_intent
from spice_lsp.generation.pipeline import refusal
from spice_lsp.generation.request import read_request


def _spec(text: str, quantity: str) -> float | None:
    return next((s.target for s in read_request(text).specs if s.quantity == quantity), None)


@pytest.mark.parametrize("text, circuit", [
    ("remove what sits under 200 hz so that just the highs get through", "high-pass filter"),
    ("kill everything over 3 khz so only the bass comes out", "low-pass filter"),
])
def test_a_result_clause_has_its_own_verb(text, circuit):
    reading = read_function(text)
    assert reading is not None and reading.circuit == circuit


@pytest.mark.parametrize("text, kind, corner", [
    ("pass the bass on, up to roughly 150 hz. input a, output b", "rc_lowpass", 150.0),
    ("throw away the highs, above 8 khz, between x and y", "rc_lowpass", 8000.0),
])
def test_a_figure_set_off_after_its_clause_is_that_clauses_edge(text, kind, corner):
    assert parse_intent(text).kind == kind
    assert _spec(text, "cutoff") == corner


def test_a_sum_said_not_negated_is_the_non_inverting_summer():
    assert parse_intent("op-amp circuit: node s = x + y, not negated; x 2 V, y 1 V").kind == "noninverting_summer"


@pytest.mark.parametrize("text, volts_per_amp, current", [
    ("turn a current into a voltage: each 10 ua coming in should read as 0.5 v; the sensor is a 4 ua source",
     5e4, 4e-6),
    ("current to voltage for my adc, every ma gives 0.25 v; a 12 ma dc source feeds it", 250.0, 12e-3),
])
def test_volts_per_ampere_said_per_current_is_the_ratio_and_the_stated_current_sets_the_level(
        text, volts_per_amp, current):
    ratios = [s for s in stated(text) if s.what == "ratio"]
    assert len(ratios) == 1 and math.isclose(ratios[0].value, volts_per_amp)
    vout = next(r.target for r in function_specs(text) if r.quantity == "vout")
    assert math.isclose(vout, volts_per_amp * current)
    assert math.isclose(parse_intent(text).values["RF"].value, volts_per_amp)


@pytest.mark.parametrize("text, db", [
    ("knock the signal down by 12 dB with two resistors, a to b", 12.0),
    ("bring my level down by 6 dB using only resistors; 2 V in on p", 6.0),
])
def test_a_level_knocked_down_in_db_by_resistors_is_the_dividers_gain(text, db):
    assert parse_intent(text).kind == "voltage_divider"
    assert _spec(text, "gain_db") == -db


def test_a_loss_in_db_at_a_frequency_is_no_dividers_gain():
    rows = function_specs("cut the hiss down by 20 db above 5 khz")
    assert not any(r.quantity == "gain_db" for r in rows)


@pytest.mark.parametrize("text", [
    "The full transistor-level netlist of Samsung's Exynos 2400 chip.",
    "schematic of Apple's A17 Pro chip in SPICE",
])
def test_a_makers_chip_asked_for_by_its_model_is_refused(text):
    error = refusal(text)
    assert error is not None and "no recipe for" in str(error)


def test_a_circuit_for_a_makers_chip_is_still_built():
    assert refusal("a buck converter for Apple's M2 chip core, 12 V in, 1 V out at 5 A") is None


def test_a_sensor_whose_value_is_said_before_its_name_is_a_part():
    text = ("Thermistor divider: the 4.7k NTC from node t to ground, 4.7k from the 5 V rail to t, "
            "an op-amp follower from t to node tb.")
    assert refusal(text) is None


def test_a_summers_modifiers_in_either_order_are_the_dacs_output_stage():
    text = ("Binary-weighted 2-bit DAC: a summing inverting amplifier with input resistors R and 2R for bits b1 "
            "and b0 at 0 or 5 V; output node y.")
    assert refusal(text) is None and parse_intent(text).kind == "weighted_dac"


@pytest.mark.parametrize("text", [
    "never let the output swing past 4 V; a 6 V peak sine at node u, the result at node w",
    "stop the input from going above 1.5 V, in to out",
])
def test_a_level_the_wave_is_not_let_past_is_a_clipper(text):
    reading = read_function(text.lower())
    assert reading is not None and reading.circuit == "clipper"


def test_a_gate_that_flips_a_logic_level_is_the_inverter_not_a_comparator():
    assert parse_intent("CMOS, 5 V: something that inverts a digital signal from p to q, p held at 5 V").kind \
        == "cmos_inverter"


@pytest.mark.parametrize("text, kind", [
    ("voltage in, current out: 2 mA per volt into a 1k load from node k to ground; 1 V DC on node c",
     "howland_current_source"),
    ("turn a voltage into a current, 1 mA per volt, through a floating 2k load; 3 V DC on node c",
     "voltage_to_current_converter"),
])
def test_a_current_pushed_into_a_grounded_load_comes_from_the_howland_pump(text, kind):
    assert parse_intent(text).kind == kind


def test_a_wave_wanted_flipping_back_and_forth_is_an_oscillator():
    text = "i need a square wave that toggles back and forth 50 times a second, built from an op-amp, r's and a c"
    reading = read_function(text)
    assert reading is not None and reading.circuit == "relaxation oscillator"


def test_a_level_held_by_a_zener_is_the_output_and_its_steady_node_is_named():
    text = ("keep a line steady at about 5.1 V from a 12 V supply with a zener; the regulated rail is q5 and it "
            "feeds 5 mA")
    assert _spec(text, "vout") == 5.1
    assert read_request(text).output == "q5"


@pytest.mark.parametrize("text, kind", [
    ("boost a 20 mV signal up to 2 V, no inversion, op-amp, a to b", "opamp_noninverting"),
    ("average four voltages w, x, y, z onto node m", "noninverting_summer"),
    ("tell me which one of p and q is bigger: high when p is larger", "comparator"),
    ("delay each rising edge by about 2 ms with a resistor and a capacitor, in to out", "rc_lowpass"),
    ("keep the signal from going negative with a diode, in to out", "diode_clipper"),
    ("a steady 3.3 V from a 5 V input for a sensor drawing 20 mA", "linear_regulator"),
    ("a fixed 500 uA into any load I hang on node k, off a 9 V rail", "bjt_current_source"),
    ("a 2.5 V reference that should not drift over temperature", "bandgap_reference"),
    ("produce a 400 Hz sine with an op-amp and some resistors and capacitors, node s", "rc_oscillator"),
])
def test_a_circuit_said_by_what_it_does_in_more_words(text, kind):
    assert parse_intent(text).kind == kind


@pytest.mark.parametrize("text", [
    "An anti-gravity generator running off a 9 V battery.",
    "A flux capacitor, 1.21 GW, in SPICE.",
    "Netlist for the Intel Core i9 14900K, every gate.",
    "An LPDDR5 memory controller at transistor level.",
    "SPICE netlist of a 4G base station.",
])
def test_fiction_a_processor_line_and_a_system_are_refused(text):
    assert refusal(text) is not None


@pytest.mark.parametrize("text", [
    "a voltage divider from 1.2 V to 0.6 V for DDR4 memory, two 1k resistors, node vtt",
    "an LC low-pass for the 5 V rail of a Ryzen board, 1 mH and 100 uF, in to out",
])
def test_a_circuit_for_such_a_product_is_still_built(text):
    assert refusal(text) is None


def test_an_edge_in_kilohertz_written_bare_is_the_corner_not_a_resistor():
    text = "kill the hiss over about 8k with an R and a C, node a to node b"
    intent = parse_intent(text)
    assert intent.kind == "rc_lowpass" and "R" not in intent.values
    assert _spec(text, "cutoff") == 8000.0
    assert parse_intent("RC low-pass, R = 4.7k, pass everything below 1 kHz").values["R"].value == 4700.0


@pytest.mark.parametrize("text, kind", [
    ("make the 500 Hz tone at a lead by 45 degrees, amplitude untouched, op-amp, output b", "allpass_filter"),
    ("protect my circuit in case the 12 V battery is hooked up backwards; load on node out",
     "reverse_polarity_protection"),
])
def test_a_phase_said_by_its_angle_and_a_battery_put_in_backwards(text, kind):
    assert parse_intent(text).kind == kind


def test_a_device_served_said_before_the_circuits_own_words_is_no_circuit_asked_for():
    assert refusal("map 0-2 V onto 0-4 V for the ADC using an op-amp, input p, output q") is None


@pytest.mark.parametrize("text, kind, gain", [
    ("x3 noninv, a -> b, a = 0.5 V dc", "opamp_noninverting", 3.0),
    ("x5 inverting amp from p to q, 0.2 V DC at p", "opamp_inverting", -5.0),
])
def test_a_gain_written_short_before_the_amplifiers_words(text, kind, gain):
    assert parse_intent(text).kind == kind
    assert _spec(text, "gain") == gain


def test_a_device_stood_in_for_by_a_named_source_is_a_part():
    text = ("Two-way passive crossover at 2 kHz: the amplifier V2 on node drv, a series capacitor to the tweeter "
            "(6 ohm resistor, node t) and a series inductor to the woofer (6 ohm, node w).")
    assert refusal(text) is None


def test_a_dc_level_written_in_lower_case_is_checked_too():
    from spice_lsp.generation.checklist import FAIL
    from spice_lsp.generation.stated.sources import dc_levels
    from spice_lsp.language.parser import parse
    answer = parse("t\nV1 p 0 DC 0 AC 1 SIN(0 0.1 1k)\nR1 p q 1k\nR2 q 0 1k\n.ac dec 10 1 1meg\n.end\n").netlist
    assert [i.status for i in dc_levels("x3 noninv, p -> q, p=0.5V dc", answer)] == [FAIL]
