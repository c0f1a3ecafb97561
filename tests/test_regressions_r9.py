"""Regressions found by lane R in session 9's full runs, tested in new words."""
from __future__ import annotations

import pytest

from spice_lsp.generation.intent import parse_intent
from spice_lsp.generation.pipeline import generate
from tests.measuring import measure


@pytest.mark.parametrize("text, loop", [
    ("a 4-20 mA receiver, bias point", 12e-3),  # no level apart from the span: mid-span
    ("4 to 20 mA current loop receiver with 250 ohm sense, the loop carrying 8 mA; operating point", 8e-3),
])
def test_the_loop_span_names_the_receiver_and_is_no_value(text, loop):
    intent = parse_intent(text)
    assert intent.kind == "current_loop_receiver" and intent.extra_values == []
    result = generate(text)
    assert result.verified
    assert measure(result.netlist, "op\nlet result = v(out)") == pytest.approx(loop * 250, rel=0.02)


@pytest.mark.parametrize("text, role, value", [
    ("solar cell model with Isc = 1.7 A", "ISC", 1.7),
    ("PV cell, VOC = 0.55 V, I-V curve", "VOC", 0.55),
    ("capacitance multiplier, 20 V in, VRIPPLE of 300 mV, 220 uF", "VRIPPLE", 0.3),
])
def test_a_solar_cells_and_a_ripples_names_are_their_roles(text, role, value):
    assert parse_intent(text).values[role].value == pytest.approx(value)
