"""Data conversion: R-2R ladder and binary-weighted DACs (3-8 bits) and a flash ADC's comparator
ladder.

A DAC's digital input is one DC source per bit (V1 the MSB): the request's word ("code 1011",
"digital word 10110010", "code 200") or the code a vout spec needs (Vout = code/2^n Vref).
"""
from __future__ import annotations

import math
import re
from typing import Any

from spice_lsp.generation import design as dz
from spice_lsp.generation.checklist import Probe
from spice_lsp.generation.families import Family, expect, register, used
from spice_lsp.generation.intent import Value
from spice_lsp.generation.recipes.words import word
from spice_lsp.generation.templates import _Filler, _opamp_block
from spice_lsp.language.units import format_eng

_BITS = re.compile(r"(\d+)[- ]?bits?\b", re.IGNORECASE)
_WORD = re.compile(r"\b(?:(?P<kind>binary|digital|input)\s+)?(?:code|word|input)\s*(?:of|=|:|is)?\s*"
                   r"(?P<value>0b[01]+|[01]+b|\d+)\b", re.IGNORECASE)


def _word(text: str) -> tuple[int, int | None]:
    """(bits, code) the request states; the code None when it gives none."""
    bits = _BITS.search(text)
    n = int(bits[1]) if bits else None
    m = _WORD.search(text)
    code = None
    if m:
        value = m["value"].lower()
        binary = value.startswith("0b") or value.endswith("b") or m["kind"] or (
            len(value) >= 3 and set(value) <= {"0", "1"})
        digits = value.removeprefix("0b").removesuffix("b")
        if binary and set(digits) <= {"0", "1"}:
            code, n = int(digits, 2), n or len(digits)
        else:
            code = int(digits)
    n = min(max(n or 4, 3), 8)
    return n, (min(code, 2 ** n - 1) if code is not None else None)


def _bits_and_code(f: _Filler) -> tuple[int, int]:
    n, code = _word(f.intent.description)
    f.param("code", f("CODE", code if code is not None else 2 ** (n - 1)))  # the word, for the reader
    return n, int(f.number("CODE", code if code is not None else 2 ** (n - 1)))


def _bit_sources(n: int, code: int, bit: str = "b") -> list[str]:
    """V1 (MSB) ... Vn (LSB), each at vref when its bit is 1."""
    return [f"V{i + 1} {bit}{n - 1 - i} 0 DC {'{vref}' if code >> (n - 1 - i) & 1 else '0'}" for i in range(n)]


def _vref(f: _Filler) -> str:
    return f.param("vref", f("VBIAS", 5, "VDD", "VIN"))


def _r2r(f: _Filler) -> str:
    n, code = _bits_and_code(f)
    _vref(f)
    r = f("R", 10e3)
    f.param("vdd", "12")  # the buffer's rails
    # Each bit drives its node through 2R; the R rungs halve every step toward the MSB node, so
    # the ladder's open-circuit output is Vref code/2^n; X1 buffers it.
    # R1..Rn: the 2R legs (bit k on node nk), R(n+1): the 2R termination, R(n+2)...: the R rungs.
    lines = [_opamp_block(f), f"* {n}-bit R-2R ladder, code {code} = {code:0{n}b}: Vout = Vref*{code}/{2 ** n}",
             *_bit_sources(n, code), f"R{n + 1} n0 0 {{2*{r}}}"]
    for k in range(n):
        lines.append(f"R{k + 1} b{k} n{k} {{2*{r}}}")
        if k:
            lines.append(f"R{n + 1 + k} n{k - 1} n{k} {r}")
    return "\n".join(lines + [f"X1 n{n - 1} out out opamp"])


# "an inverting op-amp summer": the summer's own (negative) output is the DAC's output.
INVERTING = re.compile(r"\binverting\b", re.IGNORECASE)
# "from bits d2, d1, d0": the bit inputs' node names (else b2, b1, b0).
_BIT_NODES = re.compile(r"\bbits?\s+([a-z]{1,3})\d\b", re.IGNORECASE)


# The input resistors a request may state, under whichever roles the reader gave them.
_INPUT_ROLES = ("R", "RIN", "R1", "R2", "R3", "R4", "R5", "R6", "R7", "R8")


def _msb_resistor(f: _Filler) -> float:
    """The MSB's input resistor: the smallest one stated ("10k (MSB), 20k, 40k"), else 10k."""
    stated = [f.intent.values[role].value for role in _INPUT_ROLES if role in f.intent.values]
    return min(stated) if stated else 10e3


def _weighted(f: _Filler) -> str:
    n, code = _bits_and_code(f)
    _vref(f)
    msb = _msb_resistor(f)
    rf = f("RF", msb / 2)
    f.param("vdd", "12")
    bit = m[1].lower() if (m := _BIT_NODES.search(f.intent.description)) else "b"
    # Bit k (LSB k = 0) feeds the summing node through R*2^(n-1-k); the summer gives
    # -Vref RF/R code/2^(n-1) (RF = R/2: -Vref code/2^n), and X2 (gain -1) turns it positive
    # unless the request asks for the inverting summer alone.
    inverting = bool(INVERTING.search(f.intent.description))
    summer = "out" if inverting else "neg"
    lines = [_opamp_block(f), f"* {n}-bit binary-weighted DAC, code {code} = {code:0{n}b}: "
                              f"Vout = {'-' if inverting else ''}Vref*(RF/R)*{code}/{2 ** (n - 1)}",
             *_bit_sources(n, code, bit)]
    for k in range(n):  # bit k's resistor, R 2^(n-1-k): the request's, under the role it has, when stated
        want = msb * 2 ** (n - 1 - k)
        role = next((r for r in _INPUT_ROLES if r in f.intent.values
                     and math.isclose(f.intent.values[r].value, want, rel_tol=1e-6)), None)
        lines.append(f"R{k + 1} {bit}{k} sum {f(role, want) if role else format_eng(want)}")
    lines += [f"R{n + 1} sum {summer} {rf}", f"X1 0 sum {summer} opamp"]
    return "\n".join(lines if inverting else lines + ["R20 neg inv 10k", "R21 inv out 10k", "X2 0 inv out opamp"])


def _weighted_converts(f: _Filler) -> list:
    """Vout = (-)Vref (RF/R) code/2^(n-1)."""
    n, code = _bits_and_code(f)
    gain = used(f, "RF", default=_msb_resistor(f) / 2) / _msb_resistor(f)
    sign = -1 if INVERTING.search(f.intent.description) else 1
    return [expect("vout", sign * used(f, "VBIAS", "VDD", "VIN") * gain * code / 2 ** (n - 1), 0.02)] if code else \
        _converts(f)


def _flash(f: _Filler) -> str:
    bits = _BITS.search(f.intent.description)
    n = min(max(int(bits[1]), 2), 4) if bits else 3
    _vref(f)
    levels = 2 ** n
    r = f("R", 1e3)
    # The ladder (R/2 at the bottom, 1.5 R at the top) puts the k-th threshold at (k - 1/2) LSB;
    # a ladder of equal resistors, when asked for, at k LSB. Each comparator (behavioural, 1 mV
    # wide) gives 1 V when the input is above its tap. out is the thermometer code's count in
    # volts: the converted code.
    equal = re.search(r"\bequal\b", f.intent.description, re.IGNORECASE)
    lines = ["V1 in 0 DC {vref/2}", "V2 ref 0 DC {vref}", f"* {n}-bit flash converter: {levels - 1} comparators",
             f"R{levels} ref t{levels - 1} {r if equal else f'{{1.5*{r}}}'}"]
    lines += [f"R{k} t{k} t{k - 1} {r}" for k in range(levels - 1, 1, -1)]
    lines.append(f"R1 t1 0 {r if equal else f'{{{r}/2}}'}")
    lines += [f"B{k} c{k} 0 V={{0.5*(1+tanh((v(in)-v(t{k}))/1m))}}" for k in range(1, levels)]
    lines.append("B0 out 0 V={" + "+".join(f"v(c{k})" for k in range(1, levels)) + "}")
    return "\n".join(lines)


def _converts(f: _Filler) -> list:
    """Vout = Vref code/2^n."""
    n, code = _bits_and_code(f)
    return [expect("vout", used(f, "VBIAS", "VDD", "VIN") * code / 2 ** n, 0.02)] if code else \
        [Probe("function: code 0 gives 0 V", "op\nlet result = abs(v({out}))", 0, 0.01)]


def _counts(f: _Filler) -> list:
    """The thermometer count at a quarter LSB above each threshold is that threshold's code."""
    bits = _BITS.search(f.intent.description)
    levels = 2 ** (min(max(int(bits[1]), 2), 4) if bits else 3)
    lsb = used(f, "VBIAS", "VDD", "VIN") / levels
    samples = "\n".join(f"meas dc k{k} find v({{out}}) at={(k + 0.25) * lsb:g}" for k in range(levels))
    wrong = " + ".join(f"(abs(k{k}-{k}) gt 0.5)" for k in range(levels))
    return [Probe("function: converts each input level to its code (wrong codes: 0 expected)",
                  f"dc {{src}} 0 {levels * lsb:g} {lsb / 50:g}\n{samples}\nlet result = {wrong}", 0, 0)]


def _design_dac(intent, d, spec) -> None:
    """code = round(Vout 2^n / Vref)."""
    n, code = _word(intent.description)
    vref = dz.given(intent, "VBIAS", "VDD", "VIN") or 5.0
    if code is not None:
        if abs(vref * code / 2 ** n - spec.target) > spec.tolerance * abs(spec.target):
            d.problems.append(f"'{spec.text}' contradicts the code given ({code} of {2 ** n} gives "
                              f"{format_eng(vref * code / 2 ** n)}V)")
        return
    exact = spec.target * 2 ** n / vref
    if not 0.5 <= exact <= 2 ** n - 1:
        d.problems.append(f"'{spec.text}': a {n}-bit DAC from {format_eng(vref)}V gives 0 to "
                          f"{format_eng(vref * (2 ** n - 1) / 2 ** n)}V")
        return
    code = round(exact)
    intent.values["CODE"] = Value("CODE", code, str(code), "")
    d.designed["CODE"] = exact
    d.notes.append(f"code = {code} ({code:0{n}b}) from Vout = Vref code/2^{n} (exact {exact:.3g})")


_DAC: dict[str, Any] = {"analysis": "op", "source": "V1", "specs": ("vout",), "design": _design_dac,
                        "function": _converts}
register(Family(kind="r2r_dac", summary="R-2R ladder DAC with an output buffer",
                build=_r2r,
                names=("R-2R ladder DAC", "R-2R DAC", "4-bit R-2R digital-to-analog converter", "DAC"),
                rules=((2.5, (rf"{word('r')}-?2r\b",)),
                       (2.7, (rf"{word('dac')}\b|digital[- ]to[- ]analog(?:\s+converter)?",))),
                examples=(("vout", "8-bit R-2R DAC with a 5 V reference giving {x} V output", 0.5, 4.5),),
                **_DAC))
register(Family(kind="weighted_dac", summary="binary-weighted resistor DAC",
                build=_weighted,
                names=("binary-weighted DAC", "weighted resistor DAC",
                       "binary weighted resistor digital-to-analog converter",
                       "summing amplifier DAC"),
                rules=((2.4, (r"weighted|summing(?:\s+amplifier)?\s+dac",
                              r"\bdac\b|digital[- ]to[- ]analog(?:\s+converter)?|"
                                                                            r"weighted[- ]resistor")),),
                accepts=r"summ(?:er|ing)",  # its op-amp output stage
                examples=(("vout", "6-bit binary-weighted DAC with a 5 V reference giving {x} V output", 1.0, 4.5),),
                **{**_DAC, "function": _weighted_converts}))
register(Family(kind="flash_adc", summary="flash ADC comparator ladder",
                build=_flash,
                names=("flash ADC", "flash ADC comparator ladder", "3-bit flash analog-to-digital converter",
                       "flash converter"),
                rules=((2.3, (r"flash(?:\s+converter)?\b",
                              r"\badc\b|analog[- ]to[- ]digital(?:\s+converter)?|converter|comparators?")),
                       (2.35, (r"flash\b", r"comparator\s+ladder|\bladder\b"))),
                analysis="dc", dc_sweep="0 5 0.01", signal_input=True, function=_counts))
