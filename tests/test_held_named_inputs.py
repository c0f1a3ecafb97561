"""Inputs held at levels by sources the request names ("sa (VSA, 0.5 V)"): each is an input of the summer, however
many are listed, through the one input resistor the request states."""
from __future__ import annotations

import pytest

from spice_lsp.generation.pipeline import generate
from spice_lsp.generation.recipes.opamp_circuits import _SUMMER_INNER, held_inputs
from spice_lsp.language.units import parse_number

SUMMER = ("Inverting summer. Inputs sa (VSA, 0.5 V), sb (VSB, 0.2 V) and sc (VSC, -0.3 V), each through 10k into "
          "the summing junction sj; 20k feedback from sj to the output sum_o; ideal op-amp. What is sum_o at the "
          "operating point?")


def test_named_sources_hold_their_nodes() -> None:
    assert held_inputs(SUMMER, _SUMMER_INNER) == (("sa", 0.5), ("sb", 0.2), ("sc", -0.3))


@pytest.mark.parametrize(("text", "levels", "r_in", "r_f", "junction", "out"), [
    (SUMMER, {"sa": 0.5, "sb": 0.2, "sc": -0.3}, 10e3, 20e3, "sj", "sum_o"),
    ("Op-amp summing amplifier with four inputs: m1 (source VM1 at 0.1 V), m2 (source VM2 at 0.2 V), m3 (source VM3 "
     "at 0.3 V) and m4 (source VM4 at 0.4 V), each through 20k into the junction mj; 10k feedback from mj to mout. "
     "Ideal op-amp. Operating point.", {"m1": 0.1, "m2": 0.2, "m3": 0.3, "m4": 0.4}, 20e3, 10e3, "mj", "mout"),
])
def test_every_held_input_is_summed_through_the_stated_resistor(text, levels, r_in, r_f, junction, out) -> None:
    answer = generate(text)
    assert answer.intent.kind == "summing_amplifier"
    parts = [line.split() for line in answer.netlist.splitlines() if line[:1] == "R" and len(line.split()) == 4]
    into = {p[1]: parse_number(p[3]) for p in parts if p[2] == junction and p[1] in levels}
    assert into == {node: pytest.approx(r_in) for node in levels}
    feedback = [parse_number(p[3]) for p in parts if {p[1], p[2]} == {junction, out}]
    assert feedback == [pytest.approx(r_f)]
    sources = {line.split()[1]: line.split()[4] for line in answer.netlist.splitlines() if line[:1] == "V"}
    assert {node: float(sources[node]) for node in levels} == levels
