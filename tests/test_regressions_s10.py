"""Regressions of session 10's lanes (lane K): each cause's class, said in new words, with its fix's intent kept."""

from __future__ import annotations

import math
import re

import pytest

from spice_lsp.generation.intent import parse_intent
from spice_lsp.generation.pipeline import _family_words, generate
from spice_lsp.generation.recipes.data_conversion import _full_scale
from spice_lsp.generation.scope import names_no_circuit
from tests.measuring import measure


def op_at(netlist: str, expression: str) -> float:
    return measure(netlist, f"op\nlet result = {expression}")


# --- a full scale stated as a level times a fraction is that product (e4c5c3b read the level alone) --------------

@pytest.mark.parametrize("text, level", [
    ("full-scale output 3.3 V × 255/256", 3.3 * 255 / 256),
    ("full scale of 10 V * 7/8", 10 * 7 / 8),
    ("full scale is 2 V times 0.5", 1.0),
    ("full scale 4 V", 4.0),
])
def test_a_full_scale_times_a_fraction_is_the_product(text: str, level: float) -> None:
    assert math.isclose(_full_scale(text) or 0, level)


def test_an_inverting_ladder_with_a_fractional_full_scale_keeps_unit_gain() -> None:
    # full scale Vref (2^n - 1)/2^n is the plain ladder's own top code: RF = R, out = -Vref code/2^n
    result = generate("3-bit R-2R DAC into an inverting op-amp, 4 V reference, full scale 4 V x 7/8, "
                      "word 011 (d2 low, d1 and d0 at 4 V); output on node y")
    assert math.isclose(abs(op_at(result.netlist, "v(y)")), 4 * 3 / 8, rel_tol=0.03)


# --- a Vbe multiplier between two named nodes keeps its bottom one (133afa0 grounded the emitter always) ----------

def test_a_vbe_multiplier_between_two_nodes_keeps_its_bottom_node() -> None:
    result = generate("rubber diode spanning nodes top and bot, roughly 1.5 V across it, 3 mA through a resistor "
                      "from a 9 V rail, bot tied to ground")
    assert re.search(r"^Q\w*\s+top\s+\w+\s+bot\b", result.netlist, re.MULTILINE | re.IGNORECASE)
    assert math.isclose(op_at(result.netlist, "v(top)-v(bot)"), 1.5, rel_tol=0.06)


def test_a_current_fed_vbe_multiplier_with_its_emitter_grounded_stays_grounded() -> None:
    result = generate("amplified diode: NPN with 6.8k collector to base, 3.3k base to emitter, emitter to ground, "
                      "2 mA pushed in by a current source at collector node hv")
    assert re.search(r"^Q\w*\s+\S+\s+\S+\s+0\b", result.netlist, re.MULTILINE | re.IGNORECASE)


# --- only a device that wants the circuit is blanked to find it (53f2af2 blanked every word said in passing) ------

@pytest.mark.parametrize("text", [
    "32 kHz clock on node osc driving a divide-by-16 ripple counter",
    "a 2 MHz clock at ck feeding a 3-bit counter",
])
def test_a_clock_for_a_named_counter_is_not_the_clock_alone(text: str) -> None:
    assert parse_intent(text).kind != "clock_source"


def test_a_device_that_wants_a_reference_still_names_the_reference() -> None:
    assert parse_intent("our DAC needs a 1.8 V reference at node ref from a 5 V rail").kind != "generic"


# --- a family's whole name said alone is a circuit named (5edc41d refused names with no long word: "LDO") ---------

@pytest.mark.parametrize("text", ["an LDO, please", "give me a two-to-one mux"])
def test_a_family_named_by_a_short_name_is_not_refused_as_no_circuit(text: str) -> None:
    assert names_no_circuit(text, _family_words()) is None


def test_a_request_naming_no_circuit_is_still_refused_as_none() -> None:
    assert names_no_circuit("what should I cook for dinner tonight?", _family_words()) is not None


def test_a_level_said_of_a_part_is_its_rating_not_the_output():
    # "a 5.1 V zener fed from the 15 V line": the zener's voltage, no 5.1 V output spec (the follower makes ~4.4 V)
    from spice_lsp.generation.request import read_request
    said = "Pass-transistor regulator: a 5.1 V zener fed from the 15 V line through 2.2k, NPN follower, 50 ohm load."
    assert not [s for s in read_request(said).specs if s.quantity == "vout"]


def test_a_supply_node_names_a_dividers_source_when_its_ratio_is_measured():
    # a ratio spec gives the divider's source an AC magnitude beside its level: still the supply the request names
    from spice_lsp.generation.pipeline import generate
    result = generate("Resistor divider fed from a 10 V supply at node src, bringing it down to a fifth at node o, "
                      "roughly 50k in total. Operating point.")
    assert result.netlist.split("\n")[1].split()[:2] == ["V1", "src"]


def test_a_load_across_it_takes_the_ends_of_the_part_its_own_sentence_placed():
    # "it" is the 5.1 V zener of its sentence, not the feed resistor of the sentence before
    from spice_lsp.generation.request import read_request
    said = ("Shunt regulator from 12 V (node vin) through a 330 ohm resistor. The 5.1 V zener goes from node z to "
            "ground, with a 2.2k load across it.")
    loads = [e.nodes for e in read_request(said).elements if e.kind == "R" and e.value == 2200]
    assert loads == [("z", "0")]
