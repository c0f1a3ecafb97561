"""Parse and format SPICE numbers (ngspice dialect).

SPICE numbers are a mantissa, an optional exponent, an optional scale factor
and optional unit letters that the simulator ignores: ``4.7kohm`` is 4700,
``1MEG`` is 1e6 but ``1M`` is 1e-3, and ``1F`` is one femto, not one farad.
RKM (European) notation such as ``2k2`` is also recognised so that callers can
warn about it: ngspice itself reads ``2k2`` as 2000, silently dropping the
digits after the letter.
"""

from __future__ import annotations

import math
import re
from functools import lru_cache

SCALE_FACTORS: dict[str, float] = {
    "t": 1e12,
    "g": 1e9,
    "meg": 1e6,
    "k": 1e3,
    "mil": 25.4e-6,
    "m": 1e-3,  # SPICE is case-insensitive, so M is milli; mega is "meg"
    "u": 1e-6,
    "\u00b5": 1e-6,  # MICRO SIGN
    "\u03bc": 1e-6,  # GREEK SMALL LETTER MU
    "n": 1e-9,
    "p": 1e-12,
    "f": 1e-15,
    "a": 1e-18,
}

# Letters a unit may consist of; both ohm signs (U+03A9, U+2126) count.
_UNIT = "[a-z\u03a9\u2126]*"

_NUMBER = re.compile(
    rf"""
    (?P<sign>[+-])?
    (?:
        # RKM: the scale letter stands in for the decimal point ("4u7").
        # The unit may not start with a scale letter, so "1k2k" is rejected.
        (?P<int>\d+)(?P<rkm>meg|[tgkmunp\u00b5\u03bcr])(?P<frac>\d+)
        (?![tgkmunp\u00b5\u03bcr]){_UNIT}
    |
        (?P<mant>\d+\.?\d*|\.\d+)(?:e(?P<exp>[+-]?\d+))?
        # Alternation order gives the longest suffix first (meg/mil before m).
        # Without a scale factor the unit may not start with "e", so a
        # dangling exponent ("1e") is not mistaken for a unit.
        (?:(?P<scale>meg|mil|[tgkmunpfa\u00b5\u03bc]){_UNIT}|(?!e){_UNIT})
    )
    """,
    # ASCII keeps \d to 0-9 and stops "K" (Kelvin sign) from folding to "k".
    re.VERBOSE | re.IGNORECASE | re.ASCII,
)

# Exponent (a multiple of 3) -> suffix used by format_eng.
_ENG_SUFFIXES = {
    12: "t", 9: "g", 6: "meg", 3: "k", 0: "",
    -3: "m", -6: "u", -9: "n", -12: "p", -15: "f", -18: "a",
}


@lru_cache(maxsize=4096)  # a netlist repeats its values (1k, 10n...): read each once
def _match(text: str) -> re.Match[str] | None:
    return _NUMBER.fullmatch(text.strip())


def parse_number(text: str) -> float | None:
    """Return the value of a SPICE number literal, or None if it is not one."""
    m = _match(text)
    if m is None:
        return None
    if m["rkm"] is not None:
        letter = m["rkm"].lower()
        # "r" marks the decimal point of a plain (ohm) value: 4r7 = 4.7.
        scale = 1.0 if letter == "r" else SCALE_FACTORS[letter]
        value = float(f"{m['int']}.{m['frac']}") * scale
    else:
        exp = f"e{m['exp']}" if m["exp"] is not None else ""
        scale = SCALE_FACTORS[m["scale"].lower()] if m["scale"] else 1.0
        value = float(m["mant"] + exp) * scale
    return -value if m["sign"] == "-" else value


def is_rkm(text: str) -> bool:
    """True for RKM notation like ``2k2``, which ngspice misreads as 2000."""
    m = _match(text)
    return m is not None and m["rkm"] is not None


def format_eng(value: float, unit: str = "") -> str:
    """Format with a SPICE scale suffix and up to 4 significant digits.

    ``format_eng(1e-7, "F") == "100nF"``.  Values outside the suffix range
    (>= 1e15 or < 1e-18 in magnitude) fall back to exponent form ("1e+15").
    The unit is appended verbatim, so with no suffix "1" + "F" reads back as
    one femto; callers writing netlists should omit such units.
    """
    if value == 0 or not math.isfinite(value):
        return f"{value:g}{unit}"
    # Round to 4 significant digits first so 999.99k becomes 1meg, not 1000k.
    digits, _, written = f"{abs(value):.3e}".partition("e")
    exp = int(written)
    group = exp - exp % 3
    if group not in _ENG_SUFFIXES:
        return f"{value:.4g}{unit}"
    mantissa = float(digits) * 10 ** (exp - group)
    sign = "-" if value < 0 else ""
    return f"{sign}{mantissa:.4g}{_ENG_SUFFIXES[group]}{unit}"


def format_si(value: float, unit: str = "") -> str:
    """Format in exponent form for hover text: 2200 -> "2.2e+03"."""
    # .3e always shows an exponent (.4g would print 2200 plainly); trailing
    # zeros of the mantissa are dropped to match .4g's style.
    mantissa, e, exp = f"{value:.3e}".partition("e")
    if "." in mantissa:
        mantissa = mantissa.rstrip("0").rstrip(".")
    text = mantissa + e + exp
    return f"{text} {unit}" if unit else text


def values_equal(a: str, b: str, rel: float = 1e-6) -> bool:
    """True when both strings parse and agree within relative tolerance rel."""
    x, y = parse_number(a), parse_number(b)
    return x is not None and y is not None and math.isclose(x, y, rel_tol=rel)
