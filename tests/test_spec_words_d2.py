"""Specs said in the words users write (lane D2, round 2): a corner named "fc" anywhere in the request
("..., fc = 800 Hz." at its end, "fc: 1.2 kHz", "f_c = 650 Hz"), a corner said as a bare figure ("a 5k corner",
"8k cutoff": hertz, not a resistor), a level a divider turns another into with the input's node between
("turns 12 V at vbat into 4 V"), and a heading naming the circuit before its first figure ("Zener regulator:
15 V at vraw, 5.1 V zener": the 15 V is the supply, the zener is 5.1 V)."""
from __future__ import annotations

import math

import pytest

from spice_lsp.generation.design import design
from spice_lsp.generation.intent import parse_intent
from spice_lsp.generation.request import read_request


def cutoffs(description: str) -> list[float]:
    return [s.target for s in read_request(description).specs if s.quantity == "cutoff"]


def corner_designed(description: str) -> float:
    intent = parse_intent(description)
    design(intent, read_request(description).specs)  # sets the intent's values
    r, c = intent.values["R"].value, intent.values["C"].value
    return 1 / (2 * math.pi * r * c)


@pytest.mark.parametrize("description, fc", [
    ("Give me a first-order low-pass: node p1 in, node p2 out, fc = 1.8 kHz.", 1800.0),
    ("passive RC high pass, in at u, out at w, fc: 90 Hz", 90.0),
    ("lowpass (RC), input s, output t; f_c = 2.7 kHz", 2700.0),
])
def test_a_corner_named_fc_is_read_and_designed(description, fc):
    assert cutoffs(description) == [fc]
    assert math.isclose(corner_designed(description), fc, rel_tol=0.05)


@pytest.mark.parametrize("description, fc", [
    ("rc lowpass, 6.8k corner, from m to n", 6800.0),
    ("RC high-pass with a 250 -3 dB corner, nodes g and h", 250.0),
    ("Low-pass RC, 12k cutoff, a to b", 12e3),
])
def test_a_bare_figure_a_corner_word_follows_is_hertz_not_a_resistor(description, fc):
    assert cutoffs(description) == [fc]
    assert all(v.value != fc for v in parse_intent(description).values.values() if v.unit == "ohm")
    assert math.isclose(corner_designed(description), fc, rel_tol=0.05)


@pytest.mark.parametrize("description, level", [
    ("divider that turns 15 V at vsup into 5 V at node vs", 5.0),
    ("Resistor divider: converts 10 V on node top into 2.5 V at node low", 2.5),
])
def test_a_divider_turning_a_level_at_a_node_into_another(description, level):
    assert [s.target for s in read_request(description).specs if s.quantity == "vout"] == [level]


@pytest.mark.parametrize("description, supply, vz", [
    ("Zener regulator: 18 V at raw, 6.2 V zener, 390 ohm series resistor, output o6, 1k load. Op point.", 18.0, 6.2),
    ("Simple shunt circuit: 9 V at b9, 2.7 V zener, 150 Ω in series, output zz; DC op.", 9.0, 2.7),
])
def test_a_heading_names_the_circuit_not_the_figure_after_it(description, supply, vz):
    values = parse_intent(description).values
    assert values["VZ"].value == vz
    assert supply in {v.value for role, v in values.items() if role in ("VIN", "VDD")}


@pytest.mark.parametrize("description, amps", [
    ("common-gate NMOS stage, 0.5 mA drain current, 12 V supply, input si, output do", 0.5e-3),
    ("CE amplifier with a 2 mA collector current from 9 V, input b1, output c1", 2e-3),
])
def test_a_current_the_stage_runs_at_said_after_its_figure(description, amps):
    assert [s.target for s in read_request(description).specs if s.quantity == "current"] == [amps]
