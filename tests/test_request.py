"""Tests for spice_lsp.generation.request (and the quantities it reads): what a request states,
in the phrasings and notations people use, read into constraints."""
import pytest

from spice_lsp.generation.intent import _quantities, parse_intent
from spice_lsp.generation.request import read_request


@pytest.mark.parametrize("text, value, unit", [
    ("33 KOhm", 33e3, "ohm"), ("1.5 kOhm", 1.5e3, "ohm"), ("2 M OHMS", 2e6, "ohm"),  # the unit in any case
    ("4.7 NF", 4.7e-9, "F"), ("22 PF", 22e-12, "F"), ("10 UH", 10e-6, "H"),  # SPICE prefixes in capitals
    ("100 n F", 100e-9, "F"), ("1 k Ω", 1e3, "ohm"), ("4 u F", 4e-6, "F"), ("1 k Hz", 1e3, "Hz"),  # spaced
    ("1.5e1 V", 15.0, "V"),
])
def test_notations_of_a_value(text, value, unit):
    (q,) = _quantities(text)
    assert (q.value, q.unit) == (pytest.approx(value), unit)


@pytest.mark.parametrize("text", ["IS=1e-18 N=2", "order 10 N"])
def test_a_capital_letter_alone_is_no_prefix(text):
    assert [q.value for q in _quantities(text)] == [pytest.approx(float(w.split("=")[-1]))
                                                    for w in text.split() if w.split("=")[-1][0].isdigit()]


@pytest.mark.parametrize("text, start, stop", [
    ("10 Hz ... 1 MHz", 10, 1e6), ("10 Hz .. 1 MHz", 10, 1e6), ("10 Hz \u2026 1 MHz", 10, 1e6),
    ("1 to 10 kHz", 1e3, 10e3),  # the start takes the stop's unit and prefix
    ("10 to 1meg", 10, 1e6),  # no unit: the start keeps its own scale
])
def test_ranges(text, start, stop):
    q = _quantities(text)[0]
    assert (q.value, q.partner.value) == (pytest.approx(start), pytest.approx(stop))


@pytest.mark.parametrize("text, directive", [
    ("4k7 from in to out and 10n to ground at out, ac 10 to 1meg", ".ac dec 20 10 1meg"),
    ("R from in to out, C to ground at out, show me the response 10 Hz to 100 kHz", ".ac dec 20 10 100k"),
    ("RC low-pass R = 1.5 kOhm, C = 100 n F, AC sweep 10 Hz ... 1 MHz", ".ac dec 20 10 1meg"),
    ("cmos inverter at 1.8v, sweep vin 0 to 1.8v step 10m", ".dc VIN 0 1.8 10m"),
    ("CMOS inverter on 3.3 V, sweep VIN from 0 to 3.3 V in 50 mV steps", ".dc VIN 0 3.3 50m"),
])
def test_analysis_ranges_as_written(text, directive):
    assert directive in [a.directive for a in parse_intent(text).analyses]


@pytest.mark.parametrize("text, parts", [
    ("4k7 from in to out and 10n to ground at out", [("R", ("in", "out"), 4.7e3), ("C", ("out", "0"), 10e-9)]),
    ("3k-ish resistor from in to out with 100nF to ground at out",
     [("R", ("in", "out"), 3e3), ("C", ("out", "0"), 100e-9)]),
    ("R = 1.5 kOhm (in to out), C = 100 n F (out to GND)", [("R", ("in", "out"), 1.5e3), ("C", ("out", "0"), 100e-9)]),
    ("33 KOhm from IN to OUT, 4.7 NF from OUT to ground. Ac analysis 100Hz to 100KHz please",
     [("R", ("in", "out"), 33e3), ("C", ("out", "0"), 4.7e-9)]),
])
def test_unnamed_parts_on_their_nodes(text, parts):
    assert [(e.kind, e.nodes, pytest.approx(e.value)) for e in read_request(text).elements] == parts
