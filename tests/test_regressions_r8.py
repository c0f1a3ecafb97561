"""Regressions of round 8 (lane R), in words of their own: a gloss, a transient's ramp, a sweep's listed levels."""
import re

from spice_lsp.generation.families import render
from spice_lsp.generation.intent import parse_intent
from spice_lsp.generation.pipeline import clean_description
from spice_lsp.generation.request import read_request


def test_a_gloss_in_words_is_dropped_and_a_value_in_parentheses_is_kept():
    assert clean_description("R7 = 3.3M (three point three megohms) from a to b") == "R7 = 3.3M from a to b"
    assert clean_description("C4 is 47n - that is forty-seven nanofarads - from x to y").startswith("C4 is 47n")
    assert "nanofarads" not in clean_description("C4 is 47n - that is forty-seven nanofarads - from x to y")
    assert "(2.2 kohm at 25 C)" in clean_description("a thermistor (2.2 kohm at 25 C) biased by 100 uA")
    assert "(i.e. 470 ohms)" not in clean_description("RS = 470R (i.e. 470 ohms) in series")


def test_a_part_glossed_in_words_keeps_its_ends_and_its_value():
    element = next(e for e in read_request(clean_description(
        "Divider: R7 = 3.3M (three point three megohms) from a to b, R8 = 1M from b to ground")).elements
        if e.name == "R7")
    assert element.nodes == ("a", "b") and element.value == 3.3e6


def test_a_ramped_input_in_a_transient_is_no_dc_sweep():
    intent = parse_intent("Inverting comparator with hysteresis on +/-5 V rails; ramp the input from -4 to 4 V and "
                          "back over 2 ms, 2 ms transient")
    assert [a.kind for a in intent.analyses] == ["tran"]


def test_an_outer_sweep_given_as_listed_levels_steps_through_each_of_them():
    intent = parse_intent("Two sources into a resistor network: sweep VP from -2 to 2 V in 50 mV steps, nested over VQ "
                          "at 0.5, 1 and 1.5 V")
    assert [a.directive for a in intent.analyses] == [".dc VP -2 2 50m VQ 500m 1.5 500m"]
    uneven = parse_intent("Sweep VP from 0 to 1 V in 10 mV steps with an outer sweep of VQ over 0, 2, 8 V")
    assert uneven.analyses[0].directive.endswith("VQ 0 8 2")  # every listed level is a point of the sweep


def test_a_regulators_levels_are_never_read_from_a_sweeps_range():
    intent = parse_intent("Op-amp series regulator, 2.5 V reference, VIN = 14 V; DC sweep from 0 V to 3 V")
    netlist = render(intent).netlist
    assert re.search(r"^VIN in 0 DC 14$", netlist, re.MULTILINE) and ".param vdd=14" in netlist, netlist
