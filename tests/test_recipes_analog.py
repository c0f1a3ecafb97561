"""The analog recipes' pure parts: pole tables, order and Q reading, and the specs they added to the
request reader (hysteresis, a one-shot's pulse width). Every family record itself is walked, built
and measured in ngspice by tests/test_families.py."""
import math

import pytest

from spice_lsp.generation.recipes.filters import poles, stated_order, stated_q
from spice_lsp.generation.request import read_request


def _gain(sections: list[tuple[float, float]], w: float) -> float:
    """|H(jw)| of the cascade of unity-gain low-pass sections (w0, Q); Q = 0 is a real pole."""
    s = 1j * w
    h = 1 + 0j
    for w0, q in sections:
        h *= w0 / (s + w0) if q == 0 else w0 ** 2 / (s ** 2 + s * w0 / q + w0 ** 2)
    return abs(h)


@pytest.mark.parametrize("response", ["butterworth", "bessel", "chebyshev"])
@pytest.mark.parametrize("order", [2, 3, 4, 5, 6])
def test_every_cascade_is_3_db_down_at_its_cutoff(response, order):
    sections = poles(response, order, 1.0)
    assert len(sections) == (order + 1) // 2
    assert sum(1 for _, q in sections if q == 0) == order % 2
    peak = max(_gain(sections, 10 ** (k / 400 - 2)) for k in range(801))  # 0.01 .. 1 rad/s
    assert 20 * math.log10(_gain(sections, 1.0) / peak) == pytest.approx(-3.0103, abs=0.01)


def test_the_pole_tables_match_the_published_ones():
    # Butterworth: every section at w = 1, Q = 1/(2 sin((2k-1) pi/(2n))).
    assert [round(q, 4) for _, q in poles("butterworth", 4)] == [0.5412, 1.3066]
    assert [round(q, 4) for _, q in poles("butterworth", 5)] == [0.0, 0.618, 1.618]
    # Bessel, second order, -3 dB normalised: w0 = 1.2720, Q = 1/sqrt(3).
    (w0, q), = poles("bessel", 2)
    assert (round(w0, 4), round(q, 4)) == (1.272, 0.5774)
    # Chebyshev 0.5 dB: the section Q's of the usual design tables.
    assert [round(q, 4) for _, q in poles("chebyshev", 4, 0.5)] == [0.7051, 2.9406]
    assert [round(q, 3) for _, q in poles("chebyshev", 6, 0.5)] == [0.684, 1.81, 6.513]


def test_a_chebyshev_ripples_by_its_ripple_in_the_passband():
    sections = poles("chebyshev", 4, 1.0)
    gains = [_gain(sections, 10 ** (k / 400 - 2)) for k in range(760)]  # up to ~0.8 rad/s
    assert 20 * math.log10(max(gains) / min(gains)) == pytest.approx(1.0, abs=0.02)


@pytest.mark.parametrize("text,order", [("4th-order Butterworth low-pass", 4), ("a fifth order Bessel filter", 5),
                                        ("3-pole Chebyshev", 3), ("Butterworth, order 6", 6),
                                        ("Butterworth low-pass", 4), ("order of 2 Bessel", 2)])
def test_the_order_is_read_from_the_words(text, order):
    assert stated_order(text, 4) == order


def test_the_stated_q_or_the_default():
    assert stated_q("band-pass, Q of 5", 2) == 5.0
    assert stated_q("band-pass, Q=0.7", 2) == 0.7
    assert stated_q("band-pass at 1 kHz", 2) == 2


@pytest.mark.parametrize("text,quantity,target", [
    ("Schmitt trigger with 2 V of hysteresis", "hysteresis", 2.0),
    ("inverting Schmitt trigger, hysteresis of 500 mV", "hysteresis", 0.5),
    ("555 monostable with a pulse width of 2 ms", "width", 2e-3),
    ("one-shot giving a 5 ms output pulse", "width", 5e-3),
    ("biquad band-pass at 1 kHz with a Q of 4", "q", 4.0),
])
def test_the_new_specs_are_read(text, quantity, target):
    specs = [s for s in read_request(text).specs if s.quantity == quantity]
    assert len(specs) == 1 and specs[0].target == pytest.approx(target)


@pytest.mark.parametrize("text", ["CMOS inverter with an input pulse width of 5 ns",
                                  "monostable, trigger pulse width 10 us", "a clock pulse width of 1 us"])
def test_an_input_pulse_is_not_an_output_width(text):
    assert not [s for s in read_request(text).specs if s.quantity == "width"]

