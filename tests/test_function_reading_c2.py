"""A circuit described only by what it does, in more wordings (lane C2, s8): rates written with thousands
separators or in words, a clock's two levels joined by "and", a clock that only feeds a counter, a mistyped
circuit word, a multiple written "x8" or "a third as big", one pulse per press, spikes cut above a level, a
supply turned into a lower one for a load, and a radio no recipe builds."""
from __future__ import annotations

import pytest

from spice_lsp.generation.function_words import spelled_out
from spice_lsp.generation.intent import parse_intent
from spice_lsp.generation.pipeline import CannotServe, generate, numbers_in
from spice_lsp.generation.request import _levels, read_request


def _spec(text: str, quantity: str) -> float | None:
    return next((s.target for s in read_request(text).specs if s.quantity == quantity), None)


@pytest.mark.parametrize("text, rate", [
    ("a strobe signal at node st, 0/5 V, flashing 12,500 times a second", 12500.0),
    ("node tk pulses 0 to 3 V two million times per second", 2e6),
])
def test_a_rate_with_a_thousands_separator_or_in_words_is_read_whole(text, rate):
    assert _spec(text, "frequency") == rate


def test_a_clock_said_between_two_levels_joined_by_and_takes_them():
    assert _levels("a square between -2 V and 7 V", "V") == (-2.0, 7.0)
    assert _levels("clock at 0 V and 1.8 V", "V") == (0.0, 1.8)
    assert _levels("runs from the 3 V and 9 V supplies", "V") is None  # two rails, no wave's levels


def test_a_clock_meant_for_a_counter_is_still_a_clock():
    assert parse_intent("a 0/3.3 V clock for the counter at node clk, 40 kHz").kind == "clock_source"


def test_a_parameter_written_with_a_signed_exponent_is_read_whole():
    assert 250000.0 in numbers_in("t\n.param fs=2.5e+05\nV1 a 0 DC {fs}\n.end\n")


@pytest.mark.parametrize("typed, meant", [
    ("trianlge generater", "triangle generator"),
    ("a comparater with hysteresys", "a comparator with hysteresis"),
    ("inverted, divided and clipped", "inverted, divided and clipped"),  # endings of their own, no slips
])
def test_a_circuit_word_one_slip_away_is_read_as_meant(typed, meant):
    assert spelled_out(typed) == meant


@pytest.mark.parametrize("text, gain", [
    ("op-amp, in to out, 8x bigger", 8.0),
    ("make the signal a quarter the size, in to out", 0.25),
])
def test_a_multiple_written_with_x_or_as_a_fraction_is_the_gain(text, gain):
    assert _spec(text, "gain") == gain


def test_one_pulse_of_a_length_per_press_is_a_one_shot():
    intent = parse_intent("each time the switch at sw is pushed, give me a single 3 V pulse 25 ms long at node p")
    assert intent.kind == "bjt_monostable"


def test_a_pulse_every_few_milliseconds_is_no_one_shot():
    assert parse_intent("a 2 ms pulse every 20 ms at node p when enabled").kind != "bjt_monostable"


def test_spikes_cut_above_a_level_are_a_clipper_designed_to_it():
    text = "limit any surge over 3.3 V on node adc; the input at src is a 6 V peak 500 Hz sine"
    assert parse_intent(text).kind == "diode_clipper"
    assert _spec(text, "clip") == 3.3


def test_a_supply_turned_into_a_lower_level_for_a_load_is_a_regulator():
    text = "convert the 15 V rail at node vr into 9 V at node v9 for a small pump drawing 30 mA"
    assert parse_intent(text).kind == "linear_regulator"


def test_a_radio_is_refused_not_answered_with_another_circuit():
    with pytest.raises(CannotServe, match="no recipe"):
        generate("a bluetooth receiver at 2.4 GHz that outputs the audio at node aud")
