"""Tests for spice_lsp.language.units: SPICE number parsing and formatting."""

import pytest

from spice_lsp.language.units import (
    SCALE_FACTORS,
    format_eng,
    format_si,
    is_rkm,
    parse_number,
    values_equal,
)

try:
    from hypothesis import given
    from hypothesis import strategies as st
except ImportError:  # pragma: no cover - hypothesis is a dev dependency
    given = None


@pytest.mark.parametrize(
    ("suffix", "factor"),
    [
        ("t", 1e12), ("g", 1e9), ("meg", 1e6), ("k", 1e3), ("mil", 25.4e-6),
        ("m", 1e-3), ("u", 1e-6), ("\u00b5", 1e-6), ("\u03bc", 1e-6),
        ("n", 1e-9), ("p", 1e-12), ("f", 1e-15), ("a", 1e-18),
    ],
)
def test_scale_factors(suffix, factor):
    assert SCALE_FACTORS[suffix] == factor
    assert parse_number("1" + suffix) == pytest.approx(factor)
    if suffix.isascii():  # upper-case micro signs are Greek capital Mu
        assert parse_number("1" + suffix.upper()) == pytest.approx(factor)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # mantissa forms and sign
        ("12", 12.0), ("1.5", 1.5), (".5", 0.5), ("5.", 5.0),
        ("-3", -3.0), ("+3", 3.0), ("-.5", -0.5), ("0", 0.0),
        # exponents
        ("1e-3", 1e-3), ("1E3", 1e3), ("1e+3", 1e3), ("2.5e2", 250.0),
        ("1.e2", 100.0), ("1e3k", 1e6),
        # case-insensitivity and M = milli
        ("1M", 1e-3), ("1m", 1e-3), ("1MEG", 1e6), ("1Meg", 1e6),
        ("1meg", 1e6), ("1mEg", 1e6), ("1MIL", 25.4e-6), ("1K", 1e3),
        # micro signs
        ("1\u00b5", 1e-6), ("1\u03bc", 1e-6), ("4.7\u00b5F", 4.7e-6),
        ("2\u03bcH", 2e-6),
        # trailing unit letters are ignored
        ("10V", 10.0), ("1kHz", 1e3), ("100nF", 1e-7), ("10uF", 1e-5),
        ("4.7kohm", 4700.0), ("1\u03a9", 1.0), ("10k\u03a9", 1e4),
        ("10k\u2126", 1e4), ("1\u2126", 1.0), ("2.4GHz", 2.4e9),
        ("1um", 1e-6), ("5mA", 5e-3), ("1megohm", 1e6),
        # F is femto, so a farad unit needs a scale factor in front
        ("1F", 1e-15), ("1mF", 1e-3), ("1f", 1e-15),
        # surrounding whitespace
        ("  1k ", 1e3), ("\t2.2n\n", 2.2e-9),
    ],
)
def test_parse_number(text, expected):
    assert parse_number(text) == pytest.approx(expected, rel=1e-12)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("2k2", 2200.0), ("4u7", 4.7e-6), ("4\u00b57", 4.7e-6),
        ("4\u03bc7", 4.7e-6), ("4r7", 4.7), ("4R7", 4.7), ("1m5", 1.5e-3),
        ("1M5", 1.5e-3), ("1meg5", 1.5e6), ("3n3", 3.3e-9), ("10p5", 10.5e-12),
        ("1g2", 1.2e9), ("1t5", 1.5e12), ("2K2", 2200.0), ("-2k2", -2200.0),
        ("2k2\u03a9", 2200.0), ("4u7F", 4.7e-6), ("2k2ohm", 2200.0),
    ],
)
def test_rkm(text, expected):
    assert parse_number(text) == pytest.approx(expected, rel=1e-12)
    assert is_rkm(text)


@pytest.mark.parametrize(
    "text", ["2k", "2.2k", "2200", "1e3", "1meg", "4r", "abc", "", "1k2k"]
)
def test_not_rkm(text):
    assert not is_rkm(text)


@pytest.mark.parametrize(
    "text",
    [
        "", "   ", "abc", "1.2.3", "1e", "1E", "1e+", "e5", "--1", "+-1",
        "k10", "1k2k", "{x}", "{r1*2}", ".", "-", "1 k", "1k 2", "1,5",
        "1.5k2", "2k2.5", "4r7r", "1_000", "0x10",
    ],
)
def test_parse_number_rejects(text):
    assert parse_number(text) is None


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        (2200, "2.2k"), (1e-7, "100n"), (1e6, "1meg"), (0.001, "1m"),
        (0, "0"), (-4.7e-6, "-4.7u"), (1.5e9, "1.5g"), (1e-16, "100a"),
        (1e-15, "1f"), (1e-13, "100f"), (1e-12, "1p"), (1e-18, "1a"),
        (1e12, "1t"), (999e12, "999t"), (1e15, "1e+15"), (2.5e16, "2.5e+16"),
        (5e-19, "5e-19"), (123456, "123.5k"), (999999, "1meg"), (1, "1"),
        (47, "47"), (470, "470"), (0.5, "500m"), (1.23456e-5, "12.35u"),
    ],
)
def test_format_eng(value, expected):
    assert format_eng(value) == expected


def test_format_eng_unit():
    assert format_eng(1e-7, "F") == "100nF"
    assert format_eng(2200, "Hz") == "2.2kHz"


@pytest.mark.parametrize(
    ("value", "unit", "expected"),
    [
        (2200, "", "2.2e+03"), (1e-7, "F", "1e-07 F"), (0, "", "0e+00"),
        (-4.7e-6, "H", "-4.7e-06 H"), (123456, "", "1.235e+05"),
        (1e6, "Hz", "1e+06 Hz"),
    ],
)
def test_format_si(value, unit, expected):
    assert format_si(value, unit) == expected


def _assert_round_trip(value):
    text = format_eng(value)
    assert parse_number(text) == pytest.approx(value, rel=1e-3, abs=0), text


ROUND_TRIP_VALUES = [
    sign * mant * 10.0**exp
    for sign in (1, -1)
    for mant in (1, 1.5, 2.2, 4.7, 9.9999, 3.14159)
    for exp in range(-25, 20)
]


@pytest.mark.parametrize("value", ROUND_TRIP_VALUES)
def test_format_eng_round_trip_table(value):
    _assert_round_trip(value)


if given is not None:

    @given(
        st.floats(
            min_value=-1e300, max_value=1e300,
            allow_nan=False, allow_subnormal=False,
        )
    )
    def test_format_eng_round_trip_property(value):
        _assert_round_trip(value)


@pytest.mark.parametrize(
    ("a", "b"),
    [
        ("1u", "1e-6"), ("1u", "1um"), ("1u", "1\u00b5"), ("1u", "1\u03bc"),
        ("1u", "0.000001"), ("1MEG", "1e6"), ("1M", "1m"), ("2k2", "2.2k"),
        ("1kHz", "1000"), ("100nF", "0.1u"), ("1F", "1e-15"),
    ],
)
def test_values_equal(a, b):
    assert values_equal(a, b)
    assert values_equal(b, a)


@pytest.mark.parametrize(
    ("a", "b"),
    [
        ("1M", "1MEG"), ("1F", "1"), ("1k", "1.01k"), ("abc", "abc"),
        ("1u", "abc"), ("", "0"), ("{x}", "{x}"),
    ],
)
def test_values_not_equal(a, b):
    assert not values_equal(a, b)


def test_values_equal_tolerance():
    assert values_equal("1k", "1.01k", rel=0.02)
    assert not values_equal("1k", "1.01k")
