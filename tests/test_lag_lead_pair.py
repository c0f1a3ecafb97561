"""An RC lag section and a CR lead section from one input, each output named: the names land on their sections, and
the parts put both corners at the frequency asked."""
from __future__ import annotations

import math

import pytest

from spice_lsp.generation.pipeline import generate
from spice_lsp.generation.ports import read_ports
from spice_lsp.language.units import parse_number

BLIND = ("Split a 1 kHz signal into two copies 90° apart: an RC lag section whose output is node lag_o and a CR lead "
         "section whose output is node lead_o, both with their corner at 1 kHz. The input is node q_in, fed by VQIN "
         "with AC 1. AC analysis from 100 Hz to 10 kHz, 50 points per decade.")
NAMED_FIRST = ("RC/CR phase splitter with its corner at 500 Hz: lead output ld2, lag output lg2, input node x2 driven "
               "by VX2 (AC 1). Use C = 22 nF. AC analysis 10 Hz to 50 kHz.")


def test_a_sections_output_is_named_by_its_qualifier() -> None:
    assert read_ports(BLIND).roles == {"lag output": ("lag_o",), "lead output": ("lead_o",)}


@pytest.mark.parametrize(("text", "source", "lag", "lead", "corner"), [(BLIND, "q_in", "lag_o", "lead_o", 1e3),
                                                                       (NAMED_FIRST, "x2", "lg2", "ld2", 500)])
def test_lag_and_lead_sections_share_the_corner(text, source, lag, lead, corner) -> None:
    answer = generate(text)
    assert answer.intent.kind == "lag_lead_pair"
    parts = {(p[1], p[2]): (p[0][0], parse_number(p[3])) for p in
             (line.split() for line in answer.netlist.splitlines() if line[:1] in "RC" and len(line.split()) == 4)}
    (kr, r1), (kc, c1) = parts[(source, lag)], parts[(lag, "0")]  # series R, shunt C: the lag
    (kc2, c2), (kr2, r2) = parts[(source, lead)], parts[(lead, "0")]  # series C, shunt R: the lead
    assert (kr, kc, kc2, kr2) == ("R", "C", "C", "R")
    for r, c in ((r1, c1), (r2, c2)):
        assert 1 / (2 * math.pi * r * c) == pytest.approx(corner, rel=0.02)


def test_a_wien_oscillators_lead_lag_network_is_no_pair() -> None:
    wien = generate("Wien bridge oscillator at 1 kHz: the RC lead network and lag network, op-amp gain 3.")
    assert wien.intent.kind != "lag_lead_pair"
