"""Session 11, lane P: a circuit said by what it does is read into its family, and the figure that goes with the
verb into that family's spec (function_words), with the node the words name; a word that names a part's role is
no circuit to refuse (scope)."""
from __future__ import annotations

import math

import pytest

from spice_lsp.generation import function_words as fw
from spice_lsp.generation.intent import behaviour, parse_intent
from spice_lsp.generation.pipeline import _build


def _specs(text: str) -> dict[str, fw.SpecRow]:
    return {r.quantity: r for r in fw.function_specs(text.lower())}


def _circuit(text: str) -> str | None:
    reading = fw.read_function(text.lower())
    return reading.circuit if reading else None


@pytest.mark.parametrize("text, corner", [
    # a figure set off after the clause whose verb passes it
    ("all I want getting through to node sub is the bass, roughly everything below 250 Hz", 250.0),
    ("I only want the lows, say anything under 1.2 kHz, to make it from a to b", 1200.0),
])
def test_apposed_edge_is_the_corner(text, corner):
    assert _circuit(text) == "low-pass filter"
    assert _specs(text)["cutoff"].target == pytest.approx(corner)


def test_take_the_dc_off_is_a_high_pass_bounded_at_its_lowest_frequency():
    text = ("Take the DC off the audio on node pre so that node post sits at 0 V. The lowest frequency I care about "
            "is 40 Hz and it has to be within 3 dB there.")
    assert _circuit(text) == "high-pass filter"
    row = _specs(text)["cutoff"]
    assert (row.target, row.bound) == (40.0, "max")
    assert fw.function_output(text.lower()) == "post"


@pytest.mark.parametrize("text", [
    "stop node v_adc from ever going above +0.6 V or below -0.6 V; 4 V-peak sine on src through 2.2k",
    "don't let node pin swing more than about a diode drop either side of ground, fed from x through 1k",
])
def test_a_level_never_passed_is_a_clipper(text):
    assert _circuit(text) == "clipper"


def test_a_clip_level_is_not_the_input_amplitude():
    intent = parse_intent("Stop node q from ever going above about +0.7 V or below -0.7 V. The signal, a 6 V-peak "
                          "500 Hz sine, arrives on node p and reaches q through 2k.")
    assert intent.values["VIN"].value == 6.0
    assert "VDD" not in intent.values


@pytest.mark.parametrize("text, circuit", [
    ("a 12 V-peak sine on node s, and I want about twice its peak as DC on node hv", "voltage doubler"),
    ("DC output at roughly 3x the peak of the 5 V 50 Hz sine", "voltage tripler"),
    ("a dc level of about double that peak on node out", "voltage doubler"),
])
def test_a_peak_multiplied_as_dc_is_the_diode_multiplier(text, circuit):
    assert _circuit(text) == circuit


def test_peak_to_peak_twice_is_no_multiplier():
    assert _circuit("an amplifier whose output is twice the peak-to-peak of its input") != "voltage doubler"


def test_pwm_averaged_with_its_figures_between():
    assert _circuit("Average a 3.3 V, 60 %-duty, 25 kHz PWM on node p down to a DC level on node q") == "pwm dac"


@pytest.mark.parametrize("text, ripple", [
    ("rectify the 10 V-peak 50 Hz sine on node a with one diode and smooth it so node b stays within 0.8 V of "
     "its peak; 1k load", 0.8),
    ("turn the 9 V-peak 60 Hz sine into DC with a single diode, the output sagging less than 300 mV between peaks",
     0.3),
])
def test_rectified_and_smoothed_to_a_sag_is_the_rectifier_sized_by_its_ripple(text, ripple):
    assert _circuit(text) == "rectifier"
    row = _specs(text)["ripple"]
    assert row.target == pytest.approx(ripple) and row.tolerance == 0.0


def test_rectifier_ripple_designs_the_reservoir():
    build = _build("rectify a 12 V-peak 50 Hz sine on node ac with one diode and smooth it so node dc stays within "
                   "1 V of its peak; 1k load on dc")
    assert build.intent.kind == "half_wave_rectifier"
    # ripple = I/(f C): about 11 mA into 1k at 50 Hz needs C of the order of 200 uF for a volt
    assert build.intent.values["C"].value >= 11e-3 / (50 * 1.0) * 0.5


@pytest.mark.parametrize("text, level, top, t", [
    ("At power-up VDD jumps from 0 to 3.3 V on node v. Node rst should stay below 1.65 V for about 4 ms after that.",
     1.65, 3.3, 4e-3),
    ("when 12 V hits node s, node en must remain under 3 V for at least 50 ms", 3.0, 12.0, 50e-3),
])
def test_a_level_held_back_for_a_time_is_an_rc_delay(text, level, top, t):
    assert _circuit(text) == "low-pass filter"
    corner = _specs(text)["cutoff"].target
    assert corner == pytest.approx(-math.log(1 - level / top) / (2 * math.pi * t), rel=1e-6)


def test_delay_nodes_are_the_step_and_the_held_node():
    text = "the 5 V rail appears on node vin at t = 1 ms. I need node por to stay under 2.5 V for 10 ms after that."
    assert (fw.function_input(text.lower()), fw.function_output(text.lower())) == ("vin", "por")


def test_square_into_triangle_is_an_integrator_designed_to_the_triangle():
    text = "turn the +-2 V, 250 Hz square on node a into a triangle of about 3 V peak-to-peak on node b"
    assert _circuit(text) == "integrator"
    # pp = A/(2 f R C) and fu = 1/(2 pi R C): fu = pp f/(pi A)
    assert _specs(text)["ugbw"].target == pytest.approx(3 * 250 / (math.pi * 2), rel=1e-5)


@pytest.mark.parametrize("wave", ["±2 V", "+-2 V", "+/-2 V", "+/- 2 V"])
def test_a_plus_minus_level_before_a_wave_is_its_amplitude(wave):
    values = parse_intent(f"feed a {wave}, 500 Hz square wave into node clk").values
    assert values["VIN"].value == 2.0 and "VDD" not in values


def test_plus_minus_rails_stay_rails():
    assert parse_intent("op-amp inverting amplifier on +-15 V rails, gain -10").values["VDD"].value == -15.0


@pytest.mark.parametrize("text, node", [
    ("from a 12 V supply I want 5 mA to flow through whatever I connect between node out1 and ground", "out1"),
    ("24 V rail. push a steady 4 mA into node coil regardless of its resistance, coil to ground", "coil"),
])
def test_a_current_into_a_grounded_load_is_sourced_by_a_pnp(text, node):
    assert _circuit(text) == "pnp transistor current source"
    assert fw.function_output(text.lower()) == node
    assert parse_intent(text).polarity == "p"


def test_a_current_load_range_is_no_part():
    text = "I need 1 mA to flow through whatever sits between node x and ground, for loads anywhere from 0 to 4.7k"
    assert "R" not in parse_intent(text).values


def test_a_sensor_level_behind_its_resistance_is_the_input():
    values = parse_intent("my sensor on node s looks like 1.5 V behind 200k; copy it to node o without loading").values
    assert values["VIN"].value == 1.5


def test_same_voltage_without_dragging_is_a_follower():
    assert _circuit("give me that same voltage on node y without dragging node x down") == "voltage follower"


@pytest.mark.parametrize("text", [
    "Op-amp relaxation oscillator at 1 kHz: output node o, capacitor node c, and a hysteresis divider of two 10k "
    "resistors.",
    "6th-order low-pass at 3 kHz made of three cascaded Butterworth 2nd-order sections, input i, output o.",
    "Passive 2nd-order Butterworth high-pass: series capacitor, shunt inductor, 4 ohm load, 2 kHz. Amplifier output "
    "node drv, load node ld.",
])
def test_a_part_role_word_is_no_circuit_to_refuse(text):
    _build(text)  # no CannotServe


@pytest.mark.parametrize("text, nodes", [
    ("a 3 V, 2 kHz square wave arrives on node sq and I want it turned into a triangle of 1 V p-p on node tr",
     ("sq", "tr")),
    ("make the square on node a (±5 V, 100 Hz) into a triangle on node b", ("a", "b")),
])
def test_a_wave_conversion_names_its_nodes(text, nodes):
    assert (fw.function_input(text.lower()), fw.function_output(text.lower())) == nodes


def test_a_wave_conversion_does_not_reach_into_the_next_sentence():
    assert fw.function_output("turn the square into a triangle. the load is on node x") is None


@pytest.mark.parametrize("text", [
    "node out must never exceed 0.7 V in either direction; the input is a 4 V sine through 1k",
    "keep node lim within +-0.7 V of ground, signal from node raw through 1k",
])
def test_a_limit_said_as_never_exceeded_or_kept_within_is_a_clipper(text):
    assert _circuit(text) == "clipper"


def test_a_level_not_reached_until_a_time_after_a_later_step():
    text = "node b must not reach 2.5 V until 10 ms after the 5 V step on node a"
    assert _specs(text)["cutoff"].target == pytest.approx(math.log(2) / (2 * math.pi * 10e-3))


def test_a_current_through_a_string_between_a_node_and_ground():
    text = "I need 3 mA through the LED string between node k and ground whatever its voltage"
    assert _circuit(text) == "pnp transistor current source"
    assert _specs(text)["current"].target == pytest.approx(3e-3)


def test_a_triangle_size_designs_the_integrator_but_stays_unconfirmed():
    # no check here measures the p-p from the operating point (an ideal integrator may wind up to a rail there):
    # the spec stands on the word, the figure is left to be reported unconfirmed
    text = "turn the ±1 V 1 kHz square on node a into a triangle of 2 V peak-to-peak on node b"
    row = _specs(text)["ugbw"]
    assert text[row.start:row.end] == "triangle"


def test_a_figure_after_a_colon_takes_the_verb_before_it():
    text = "I want the bass only: everything under 120 Hz from node in to node sub, single RC"
    assert _specs(text)["cutoff"].target == pytest.approx(120.0)


def test_dropped_dc_names_its_nodes_and_a_frequency_within_3_db_bounds_the_corner():
    text = "drop the DC from node dac so node amp sits at zero volts; pass 100 Hz within 3 dB"
    row = _specs(text)["cutoff"]
    assert (row.target, row.bound) == (100.0, "max")
    assert (fw.function_input(text.lower()), fw.function_output(text.lower())) == ("dac", "amp")


def test_zero_said_in_words_stays_zero():
    assert "0 v" in fw.in_digits("node amp sits at zero volts") and "pv" not in fw.in_digits("zero volts")


def test_a_node_kept_low_below_a_level_for_a_time():
    text = "node q must stay low (below 1 V) for 100 ms after the 3.3 V supply comes up on node v"
    assert _specs(text)["cutoff"].target == pytest.approx(-math.log(1 - 1 / 3.3) / (2 * math.pi * 0.1))
    assert (fw.function_input(text.lower()), fw.function_output(text.lower())) == ("v", "q")


def test_a_pwm_filtered_with_its_figures_in_parentheses():
    assert _circuit("filter the PWM on node p (5 V, 50 % duty, 1 kHz) into a DC level on node f") == "pwm dac"


def test_a_triangle_out_of_a_square_with_its_figures_between():
    assert _circuit("make a triangle out of the 1 kHz, 2 V-peak square wave on node s") == "integrator"


def _behaviour(text: str) -> str | None:
    read = behaviour(text.lower())
    return read[1] if read else None


@pytest.mark.parametrize("text, circuit", [
    ("knock the 60 Hz hum out of the signal on node mic before node adc", "passive twin-t notch filter"),
    ("I want the speaker on node spk to never see any DC from node amp, and everything above 40 Hz must get through",
     "high-pass filter"),
    ("make node b lag node a by 90 degrees at 1 kHz without changing the amplitude", "all-pass filter"),
    ("a current that mirrors the 1 mA flowing in node ref into node out, two NPNs", "current mirror"),
    ("keep the bass and throw the rest away", "low-pass filter"),
])
def test_more_functions_in_other_words(text, circuit):
    assert _behaviour(text) == circuit


def test_a_signal_lifted_to_a_level_is_the_gain_between_them():
    text = "lift my 50 mV mic signal on node mic to about 1 V on node pre, not inverted"
    assert _behaviour(text) == "non-inverting amplifier"
    row = _specs(text)["gain"]
    assert row.target == pytest.approx(1 / 0.05)
    assert "50" not in text[row.start:row.end]  # the input's level stays the input's
    assert parse_intent(text).values["VIN"].value == pytest.approx(0.05)


def test_a_square_swinging_between_the_rails_is_an_oscillator_at_its_rate():
    text = "I need a square wave of roughly 50 Hz on node sq, op-amp based, swinging between the rails"
    assert _behaviour(text) == "relaxation oscillator"
    assert _specs(text)["frequency"].target == pytest.approx(50.0)


def test_times_minus_a_figure_is_an_inverting_gain():
    text = "the output on node o should be the input on node i times minus 4.7"
    assert _behaviour(text) == "inverting amplifier"
    assert _specs(text)["gain"].target == pytest.approx(-4.7)


def test_slowed_edges_rising_in_a_time_are_the_rc_corner():
    text = "slow down the edges of the 5 V square on node a so node b takes about 1 ms to rise"
    assert _behaviour(text) == "low-pass filter"
    assert _specs(text)["cutoff"].target == pytest.approx(0.35 / 1e-3)  # 10-90 % in 2.2 RC


def test_a_tone_a_timer_makes_is_no_band_to_pass():
    specs = _specs("I want a tone of about 440 Hz on node spk from a 555")
    assert specs["frequency"].target == pytest.approx(440.0) and "center" not in specs


def test_logic_converted_into_another_level_is_a_level_shifter():
    assert _behaviour("convert the 3.3 V logic on node lo into 5 V logic on node hi with a MOSFET") \
        == "cmos level shifter"


@pytest.mark.parametrize("text, vin", [
    ("keep node lim within +-0.7 V of ground, signal from node raw, a 3 V-peak 1 kHz sine, through 1k", 3.0),
    ("my ADC pin (node ain) must never see more than roughly +/- 0.7 V; the signal on node line is a 3 V-peak "
     "2 kHz sine through a 4.7k resistor", 3.0),
])
def test_a_diode_drop_limit_leaves_the_input_its_amplitude(text, vin):
    assert parse_intent(text).values["VIN"].value == vin


def test_a_higher_limit_stays_for_its_reader():
    # a level above a diode drop is a bias's or a zener's: the function reader does not claim it
    assert not [s for s in fw.stated("stop the 12 v on node bus from ever going above 15 v with a zener")
                if s.what == "clip"]


def test_a_doubled_frequency_is_no_gain():
    assert _behaviour("double the frequency of the sine on node in") != "non-inverting amplifier"


def test_a_level_for_a_board_from_a_battery_is_a_regulator():
    text = "I need 5 V at 100 mA for my board from a 12 V battery on node bat, regulated, output node v5"
    assert _behaviour(text) == "linear regulator"
    assert _specs(text)["vout"].target == pytest.approx(5.0)


@pytest.mark.parametrize("text, circuit", [
    ("nothing above 15 kHz should make it from node dac to node lpf", "low-pass filter"),
    ("make the hiss go away above about 8 kHz between node a and node b, one R one C", "low-pass filter"),
])
def test_passing_and_vanishing_said_as_idioms(text, circuit):
    assert _circuit(text) == circuit


def test_a_node_named_like_a_circuit_chooses_no_family():
    assert parse_intent("nothing above 15 kHz should make it from node dac to node lpf").kind == "rc_lowpass"
    assert parse_intent("an R-2R DAC with its output on node dac").kind == "r2r_dac"


def test_a_pwm_whose_steady_level_is_wanted_in_the_next_sentence():
    text = ("My micro's PWM pin (node p) toggles 0/3.3 V at 10 kHz, 30 % duty. I want a steady DC level at node q "
            "with less than 20 mV of ripple.")
    assert _circuit(text) == "pwm dac"
