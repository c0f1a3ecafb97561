"""Requests no netlist can meet are refused with the reason, never answered with a stand-in circuit: resistors asked
for more voltage than their source or for a signal with no source, software or board files instead of a netlist,
a quantum device's behaviour, a foundry's or a die's own models, and praise in place of a specification. The same
words inside an ordinary request do not refuse it."""
import pytest

from spice_lsp.generation.intent import parse_intent
from spice_lsp.generation.pipeline import CannotServe, _family_words, generate, refusal
from spice_lsp.generation.scope import (
    names_no_circuit,
    not_a_circuit,
    one_chip,
    passive_impossible,
    power_impossible,
    too_vague,
)


@pytest.mark.parametrize("text,high,low", [
    ("Just resistors: 24 V at out from a 9 V supply at in", 24, 9),
    ("Get 5 V output from a 3.3 V cell with nothing but resistors", 5, 3.3),
])
def test_resistors_alone_never_raise_a_voltage(text, high, low):
    reason = passive_impossible(text)
    assert reason is not None and f"{high:g} V from {low:g} V" in reason
    assert refusal(text) is not None


def test_resistors_with_no_source_make_no_signal():
    text = "Only resistors, no power source, and a 2 kHz square wave should appear at out"
    assert passive_impossible(text) is not None and refusal(text) is not None


@pytest.mark.parametrize("text", [
    "Only resistors please: bring 12 V at in down to 4 V at out",  # dividing is what they do
    "A divider of two resistors giving 2 V at out from 10 V at in",
])
def test_resistors_that_divide_are_built(text):
    assert passive_impossible(text) is None
    assert refusal(text) is None


@pytest.mark.parametrize("text,what", [
    ("Write me the firmware for an STM32 that reads a thermistor", "firmware"),
    ("Please generate VHDL for a 4-bit counter", "VHDL"),
    ("Export Gerbers for my preamp board", "Gerbers"),
    ("Measure the qubit's T1 in a SPICE run at node q", "qubit"),
])
def test_what_is_not_a_circuit_is_refused_by_its_name(text, what):
    reason = not_a_circuit(text)
    assert reason is not None and what in reason
    assert refusal(text) is not None


@pytest.mark.parametrize("text", [
    "Leakage of a FinFET inverter with foundry-level accuracy models from the PDK, output out",
    "Buck converter using the MOSFET die parameters from the vendor's confidential data, output at sw",
])
def test_a_foundrys_or_a_dies_own_models_are_refused(text):
    assert refusal(text) is not None


@pytest.mark.parametrize("text", ["a transistor amplifier. a really good one", "the best filter, something great"])
def test_praise_in_place_of_a_specification_is_refused(text):
    assert too_vague(text, []) is not None
    assert refusal(text) is not None


@pytest.mark.parametrize("text", [
    "a nice RC low-pass at 2 kHz",  # a circuit named and a figure
    "good common-emitter amplifier, input in, output out",
    "LED driver with a nice 10 mA current, from 5 V",
])
def test_praise_beside_a_specification_is_just_a_word(text):
    assert refusal(text) is None


def test_a_gain_note_in_parentheses_names_no_circuit():
    text = "JFET common-source stage with a gain of 4 (12 dB, inverting), input g_in, output d_out, 15 V supply"
    assert parse_intent(text).kind != "opamp_inverting"


@pytest.mark.parametrize("text,refused", [
    ("A speaker driver that puts out 20 W while its battery supplies only 5 W, nothing else", True),
    ("Audio amplifier giving 250 mW into 8 ohms; the supply provides 1 W", False),
    ("Class-B stage that delivers 2 W into a 4 ohm speaker from ±12 V rails", False),  # no source power stated
])
def test_more_power_out_than_the_source_gives_is_refused(text, refused):
    assert (power_impossible(text) is not None) == refused
    if refused:
        assert refusal(text) is not None


@pytest.mark.parametrize("text", [
    "Should I sell my car before winter or wait until spring to double the price?",
    "tell me a joke about cats",
])
def test_a_request_naming_nothing_of_a_circuit_is_refused(text):
    with pytest.raises(CannotServe, match="no circuit could be recognised"):
        generate(text)


@pytest.mark.parametrize("text", [
    "astable multivibrator",  # a family's own name, no other circuit word
    "make my LED blink",
    "Double the amplitude of my microphone's output",
])
def test_any_word_of_a_circuit_keeps_a_request_answerable(text):
    assert names_no_circuit(text, _family_words()) is None


def test_superconducting_devices_are_beyond_the_simulator():
    assert not_a_circuit("An RSFQ toggle flip-flop with two Josephson junctions and a bias resistor") is not None


@pytest.mark.parametrize("text", [
    "I want the real netlist of the audio codec chip in my Google Pixel, every transistor",
    "Draw the battery charger exactly as Texas Instruments' engineers designed it, transistor-level",
])
def test_a_products_own_chip_is_refused_by_what_it_sits_in_or_who_drew_it(text):
    assert one_chip(text) is not None


def test_a_circuit_for_a_product_is_still_built():
    assert one_chip("a 19 V to 5 V buck converter for my laptop at 2 A") is None
