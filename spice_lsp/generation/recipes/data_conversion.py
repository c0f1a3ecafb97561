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
from spice_lsp.generation.recipes.comparators import single_rail
from spice_lsp.generation.recipes.words import word
from spice_lsp.generation.templates import _Filler, _opamp_block
from spice_lsp.language.units import format_eng, parse_number

# "4-bit", "3 bit", "three-bit", "an eight bit": the word's width
_COUNTS = {"two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8, "fifteen": 15}
_BITS = re.compile(r"(\d+|" + "|".join(_COUNTS) + r")[- ]?bits?\b", re.IGNORECASE)
# ("set the input code to 011", "code 1010", "input word = 0110", "bits 1011", "bit pattern 0110")
_WORD = re.compile(r"\b(?:(?P<kind>binary|digital|input|bit)\s+)?(?:code|word|input|bits|pattern)\s*"
                   r"(?:of|=|:|is|(?:set\s+)?to)?\s*(?P<value>0b[01]+|[01]+b|\d+)\b(?!\.\d|[-\s]*bits?\b)",
                   re.IGNORECASE)
# Each bit set on its own: "b2=1, b1=0, b0=1", "node d2 at 5 V, node d1 at 0 V", "bits b3 b2 b1 b0 set to 1 0 1 1".
_BIT_SET = re.compile(r"\b(?P<stem>[a-z]{1,3})(?P<k>\d)\s*(?:=|:|\bat\b|\bis\b|\bheld\s+at\b)\s*"
                      r"(?P<v>\d+(?:\.\d+)?)\s*(?P<unit>m?V\b)?(?!\w|\.\d)", re.IGNORECASE)
# ... or listed with their asides, then the word as one figure ("b3 (MSB), b2, b1, b0 set to 1011", "w2 (MSB), w1, w0
# as 0/5 V sources set to 101")
_BIT_LIST = re.compile(r"\b(?P<names>[a-z]{1,3}\d(?:\s*\([^()]*\))?(?:(?:[\s,]+|\s*,?\s*and\s+)[a-z]{1,3}\d"
                       r"(?:\s*\([^()]*\))?)+)\s*(?:\(\w+\)\s*)?(?:[^.;]{0,40}?\s)?"
                       r"(?:set\s+to|=|are|:|at)\s*(?P<values>[01](?:[\s,]+[01])+|[01]{2,})\b", re.IGNORECASE)


def _bits_set(text: str) -> tuple[int, int] | None:
    """(width, code) of bits the request sets one by one on nodes of one stem (a level above 0 V is a 1); none
    unless two or more are set."""
    found: dict[int, int] = {}
    stem = None
    for m in _BIT_LIST.finditer(text):
        names = re.findall(r"(?<![\w(])[a-z]{1,3}\d\b", re.sub(r"\([^()]*\)", " ", m["names"]), re.IGNORECASE)
        values = re.split(r"[\s,]+", m["values"].strip()) if re.search(r"[\s,]", m["values"]) else list(m["values"])
        if len(names) == len(values):
            for name, value in zip(names, values):
                found[int(name[-1])] = int(value)
            stem = names[0][:-1].lower()
    for m in _BIT_SET.finditer(text):
        if (stem is None or m["stem"].lower() == stem) and (m["unit"] or m["v"] in ("0", "1")):
            stem = m["stem"].lower()
            found[int(m["k"])] = int(float(m["v"]) > 0)
    if len(found) < 2:
        return None
    return max(found) + 1, sum(bit << k for k, bit in found.items())


def bit_count(said: str) -> int:
    """A width as written: digits or a number word."""
    return int(said) if said.isdigit() else _COUNTS[said.lower()]


def _word(text: str) -> tuple[int, int | None]:
    """(bits, code) the request states; the code None when it gives none."""
    bits = _BITS.search(text)
    n = bit_count(bits[1]) if bits else None
    # (not "code 1111 gives -6 V": the full scale's code, said to size the output)
    scale = _FULL_SCALE.search(text)
    m = next((w for w in _WORD.finditer(text) if not (scale and scale.start() <= w.start() < scale.end())), None)
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
    if code is None and (each := _bits_set(text)) is not None:
        n, code = n or each[0], each[1]
    n = min(max(n or 4, 3), 8)
    return n, (min(code, 2 ** n - 1) if code is not None else None)


def _bits_and_code(f: _Filler) -> tuple[int, int]:
    n, code = _word(f.intent.description)
    f.param("code", f("CODE", code if code is not None else 2 ** (n - 1)))  # the word, for the reader
    return n, int(f.number("CODE", code if code is not None else 2 ** (n - 1)))


def _bit_sources(n: int, code: int, bit: str = "b") -> list[str]:
    """V1 (MSB) ... Vn (LSB), each at vref when its bit is 1."""
    return [f"V{i + 1} {bit}{n - 1 - i} 0 DC {'{vref}' if code >> (n - 1 - i) & 1 else '0'}" for i in range(n)]


_X = r"\d+(?:\.\d+)?"
# "driven by 5 V logic levels", "(5 V high)", "1 V for a 1", "logic high of 3.3 V": the level of a 1 bit.
_LOGIC_HIGH = re.compile(rf"(?P<a>{_X})\s*V\s+(?:logic\b|high\b|(?:for|means|(?:is|=|represents)\s+a)\s+"
                         rf"(?:a\s+|each\s+)?"
                         rf"(?:1|one|high|logic\s+(?:1|one|high))\b)"
                         rf"|\blogic\s+(?:high|1|one)\s+(?:level\s+)?(?:of|at|=|is)\s*(?P<b>{_X})\s*V\b", re.IGNORECASE)
_REFERENCE_ROLES = ("VBIAS", "VDD", "VIN")


# "5 V/0 V levels", "0/3.3 V logic": a bit's two levels, the higher one a 1
_LEVEL_PAIR = re.compile(rf"(?<![\w.])(?P<p>{_X})\s*V?\s*/\s*(?P<q>{_X})\s*V\s+(?:\w+\s+)?"
                         r"(?:logic|levels?|swing|bits?)\b", re.IGNORECASE)


# "each either 0 or 5 V", "0 V or 3.3 V": a bit's two levels said with "or"
_EITHER = re.compile(rf"(?<![\w.])0\s*V?\s+or\s+(?P<h>{_X})\s*V\b", re.IGNORECASE)
# "on +/-12 V", "±15 V rails": the op-amps' split supply, never a bit's level
_SPLIT = re.compile(rf"(?:\+/-|\+-|\u00b1)\s*(?P<v>{_X})\s*V", re.IGNORECASE)


def _stated_high(text: str) -> float | None:
    if pair := _LEVEL_PAIR.search(text):
        return max(float(pair["p"]), float(pair["q"]))
    if either := _EITHER.search(text):
        return float(either["h"])
    return float(m["a"] or m["b"]) if (m := _LOGIC_HIGH.search(text)) else None


def _vref(f: _Filler) -> str:
    """The level a 1 bit sits at: the logic high the request states, else the reference it gives a role."""
    if (high := _stated_high(f.intent.description)) is not None:
        for role in _REFERENCE_ROLES:  # the level the reader gave a role is this one
            if role in f.intent.values and f.intent.values[role].value == high:
                f.given(role, high)
        return f.param("vref", f"{high:g}")
    # ("code 111 gives -7 V": an output level the reader took for the reference is not it)
    # (nor is the op-amps' split supply: "on +/-12 V")
    rails = {float(m["v"]) for m in _SPLIT.finditer(f.intent.description)}
    roles = [r for r in _REFERENCE_ROLES if not (r in f.intent.values and (
        f.intent.values[r].value in _output_levels(f.intent.description) or f.intent.values[r].value in rails))]
    return f.param("vref", f(roles[0], 5, *roles[1:]) if roles else "5")


def _output_levels(text: str) -> set[float]:
    """The output levels a request states (a full scale, a step per code): none of them is the reference."""
    return {x for x in (_full_scale(text), _lsb(text)) if x is not None}


def _vref_used(f: _Filler) -> float:
    """The level `_vref` wrote, read back for the function checks."""
    high = _stated_high(f.intent.description)
    return high if high is not None else (parse_number(f.params.get("vref", "5")) or 5.0)


# "(10k/20k)", "R = 10k / 2R = 20k": the ladder's R and 2R as a pair
_PAIR = re.compile(rf"(?P<r>{_X})\s*(?P<s>k|meg|M)?\s*(?:Ω|ohms?)?\s*/\s*(?:2R\s*=\s*)?(?P<r2>{_X})\s*(?P=s)?"
                   r"\s*(?:Ω|ohms?)?(?!\w)", re.IGNORECASE)


def _rung(f: _Filler) -> str:
    """The ladder's R: the request's R, else the R of a stated R/2R pair (each of the pair's values, under the
    role the reader gave it, is this ladder's)."""
    for said in list(f.intent.values.values()):  # "2R = 20k": the legs' name, not a 2 ohm resistor
        if said.unit == "ohm" and re.fullmatch(r"2\s*R", said.text, re.IGNORECASE):
            f.given(said.role, said.value)
    for m in _PAIR.finditer(f.intent.description):
        scale = {"k": 1e3, "meg": 1e6, "m": 1e6}.get((m["s"] or "").lower(), 1.0)
        r, r2 = float(m["r"]) * scale, float(m["r2"]) * scale
        if math.isclose(r2, 2 * r) and "R" not in f.intent.values:
            for said in list(f.intent.values.values()):
                if said.unit == "ohm" and (math.isclose(said.value, r) or math.isclose(said.value, r2)):
                    f.given(said.role, said.value)
            return format_eng(r)
    return f("R", 10e3)


def _r2r(f: _Filler) -> str:
    n, code = _bits_and_code(f)
    _vref(f)
    r = _rung(f)
    # 2R written as its value (a stated "2R = 20k" is then in the answer as said)
    ohms = parse_number(r)
    r2 = format_eng(2 * ohms) if ohms else f"{{2*{r}}}"
    f.param("vdd", "12")  # the buffer's rails
    # Each bit drives its node through 2R; the R rungs halve every step toward the MSB node, so
    # the ladder's open-circuit output is Vref code/2^n; X1 buffers it.
    # R1..Rn: the 2R legs (bit k on node nk), R(n+1): the 2R termination, R(n+2)...: the R rungs.
    # "unbuffered", "no op-amp": the ladder's top node is the output itself (its open-circuit voltage)
    bare = _UNBUFFERED.search(f.intent.description) is not None and not _inverted(f.intent.description)
    node = [*(f"n{k}" for k in range(n - 1)), "out" if bare else f"n{n - 1}"]
    lines = [*([] if bare else [_opamp_block(f)]),
             f"* {n}-bit R-2R ladder, code {code} = {code:0{n}b}: Vout = Vref*{code}/{2 ** n}",
             *_bit_sources(n, code, _bit_name(f.intent.description)), f"R{n + 1} {node[0]} 0 {r2}"]
    for k in range(n):
        lines.append(f"R{k + 1} {_bit_name(f.intent.description)}{k} {node[k]} {r2}")
        if k:
            lines.append(f"R{n + 1 + k} {node[k - 1]} {node[k]} {r}")
    if bare:
        return "\n".join(lines)
    if not _inverted(f.intent.description):
        return "\n".join(lines + [f"X1 n{n - 1} out out opamp"])
    # "an inverting stage so out = -(code/8) x 5 V": the ladder's top node into the summing node (the ladder is
    # its Thevenin R there), RF = R for out = -Vref code/2^n, scaled to a stated step or full scale
    rf = f("RF", _ladder_feedback(f, n, ohms or 10e3))
    return "\n".join(lines + [f"R{2 * n + 1} n{n - 1} out {rf}", f"X1 0 n{n - 1} out opamp"])


_UNBUFFERED = re.compile(r"\bunbuffered|\bno\s+(?:output\s+)?(?:buffer|op[- ]?amp)|without\s+(?:an?\s+)?(?:output\s+)?"
                         r"(?:buffer|op[- ]?amp)", re.IGNORECASE)


def _ladder_feedback(f: _Filler, n: int, r: float) -> float:
    """The inverting stage's RF after an R-2R ladder: out = -Vref (RF/R) code/2^n, so RF = R, or RF = |LSB| 2^n R/Vref
    for a stated step per code, |FS| 2^n R/(Vref (2^n - 1)) for a stated full scale."""
    lsb, full, vref = _lsb(f.intent.description), _full_scale(f.intent.description), _vref_used(f)
    if lsb and vref:
        return float(f"{abs(lsb) * 2 ** n * r / vref:.4g}")
    if full and vref:
        return float(f"{abs(full) * 2 ** n * r / (vref * (2 ** n - 1)):.4g}")
    return r


def _ladder_converts(f: _Filler) -> list:
    """Vout = Vref code/2^n through the buffer; -Vref (RF/R) code/2^n through an inverting stage."""
    if not _inverted(f.intent.description):
        return _converts(f)
    n, code = _bits_and_code(f)
    r = parse_number(_rung(f)) or 10e3
    gain = used(f, "RF", default=_ladder_feedback(f, n, r)) / r
    return [expect("vout", -_vref_used(f) * gain * code / 2 ** n, 0.02)] if code else _converts(f)


# "an inverting op-amp summer": the summer's own (negative) output is the DAC's output.
INVERTING = re.compile(r"\binverting\b", re.IGNORECASE)
# "from bits d2, d1, d0", "logic inputs are d2, d1, d0", "bit inputs b3 (MSB) to b0": the bit inputs' node
# names (else b2, b1, b0).
_BIT_NODES = re.compile(r"\b(?:bits?|(?:logic|digital|bit)\s+inputs?|inputs?)\s+"
                        r"(?:are\s+|named\s+|called\s+|on\s+|at\s+)?(?:nodes?\s+)?([a-z]{1,3})\d\b", re.IGNORECASE)
# "1 V per LSB", "an LSB of 250 mV", "a resolution of 10 mV": the output's step per code.
# (a signed step, "each LSB step is -1 V", says the output's sign too)
_SIGNED = rf"[-+\u2212]?{_X}"
_LSB = re.compile(rf"(?P<a>{_SIGNED})\s*(?P<au>m?)V\s*(?:per|/|a|an|each)\s+(?:lsb|step|count|code)\b"
                  rf"|\blsb\s+(?:size\s+|step\s+)?(?:of|=|is)\s*(?P<b>{_SIGNED})\s*(?P<bu>m?)V\b"
                  rf"|\b(?:resolution|step\s+size)\s+(?:of|=|is)\s*(?P<c>{_SIGNED})\s*(?P<cu>m?)V\b", re.IGNORECASE)
# "full scale (111) gives -7 V", "all ones gives -7.5 V", "a full-scale output of 10 V", "code 1111 -> -3.75 V":
# the output at the top code, its sign the output's; a factor after it is the level's ("5 V x 15/16" is 4.6875 V).
_FULL_SCALE = re.compile(rf"\b(?:full[- ]scale|all[- ]ones|all\s+(?:bits\s+)?(?:high|set|on|1s?)|(?:code|word)\s+1+)\b"
                         rf"(?:\s*\(\s*1+\s*\))?\s*(?:output\s+)?(?:(?:must|should|shall|will|would|has\s+to|needs?\s+to)\s+"
                         rf"(?:give|produce|yield|read|be|output)\s+|gives|is|of|=|:|reads|->|→|produces|yields|at)?\s*"
                         rf"(?P<v>{_SIGNED})\s*V\b(?:\s*(?:x|\*|×|times)\s*(?P<num>{_X})(?:\s*/\s*(?P<den>{_X}))?)?",
                         re.IGNORECASE)


# "on b3..b0", "d7 to d0", "q0-q2": a range of bit nodes, one stem
_BIT_RANGE = re.compile(r"\b([a-z]{1,3})(\d)\s*(?:\.\.\.?|\u2026|-|\u2013|to|through)\s*\1(\d)\b", re.IGNORECASE)


def _bit_name(text: str) -> str:
    m = _BIT_NODES.search(text) or _BIT_RANGE.search(text)
    return m[1].lower() if m else "b"


def _lsb(text: str) -> float | None:
    """The output step per code the request states, in volts (its sign the output's, when said)."""
    if (m := _LSB.search(text)) is None:
        return None
    value, milli = next((m[g], m[g + "u"]) for g in "abc" if m[g])
    return float(value.replace("\u2212", "-")) * (1e-3 if milli else 1)


def _full_scale(text: str) -> float | None:
    """The output at the top code the request states, in volts."""
    if (m := _FULL_SCALE.search(text)) is None:
        return None
    factor = float(m["num"]) / float(m["den"] or 1) if m["num"] else 1.0
    return float(m["v"].replace("\u2212", "-")) * factor


# "out = -(code/16) x 5 V", "Vout = -Vref*code/8": the output's formula is negative
_NEGATIVE_FORMULA = re.compile(r"=\s*[-\u2212]\s*\(?\s*(?:code|vref|d\b|n\b|\d)", re.IGNORECASE)


# "a summing DAC with an op-amp", "using one op-amp": the summer alone, no second stage to undo its sign
_ONE_OPAMP = re.compile(r"\b(?:with|using|around|on)\s+(?:an|one|a\s+single)\s+op-?amp\b|\bsingle[- ]op-?amp\b",
                        re.IGNORECASE)


def _inverted(text: str) -> bool:
    """The summer's own (negative) output is the DAC's: a negative step, full scale or formula stated, "inverting",
    or one op-amp said."""
    said = _full_scale(text)
    said = said if said is not None else _lsb(text)
    return (said is not None and said < 0) or bool(INVERTING.search(text) or _NEGATIVE_FORMULA.search(text)
                                                   or _ONE_OPAMP.search(text))


# The input resistors a request may state, under whichever roles the reader gave them.
_INPUT_ROLES = ("R", "RIN", "R1", "R2", "R3", "R4", "R5", "R6", "R7", "R8")


def _msb_resistor(f: _Filler) -> float:
    """The MSB's input resistor: the smallest one stated ("10k (MSB), 20k, 40k"), else 10k."""
    stated = [f.intent.values[role].value for role in _INPUT_ROLES if role in f.intent.values]
    return min(stated) if stated else 10e3


def _feedback(f: _Filler, n: int, vref: float) -> float:
    """The summer's feedback resistor unless stated: RF = |LSB| R_lsb/Vref for a stated step per code
    (bit k adds Vref RF/R_k), RF = |FS| R_msb 2^(n-1)/(Vref (2^n - 1)) for a stated full scale, else R/2
    (Vout = Vref code/2^n)."""
    lsb, full, msb = _lsb(f.intent.description), _full_scale(f.intent.description), _msb_resistor(f)
    if not vref:
        return msb / 2
    if lsb:
        return float(f"{abs(lsb) * msb * 2 ** (n - 1) / vref:.4g}")
    if full:
        return float(f"{abs(full) * msb * 2 ** (n - 1) / (vref * (2 ** n - 1)):.4g}")
    return msb / 2


def _weighted(f: _Filler) -> str:
    n, code = _bits_and_code(f)
    _vref(f)
    if (low := f.intent.values.get("VIN")) is not None and low.value == 0:  # "bits as 2 V or 0 V": a bit's low level
        f.given("VIN", 0)
    msb = _msb_resistor(f)
    rf = f("RF", _feedback(f, n, _vref_used(f)))
    step = _lsb(f.intent.description)
    step = step if step is not None else _full_scale(f.intent.description)
    if step is not None and "RF" not in f.intent.values:
        for said in list(f.intent.values.values()):  # the step or full scale the reader gave a role is this one
            if math.isclose(said.value, step):
                f.given(said.role, step)
        f.intent.extra_values[:] = [x for x in f.intent.extra_values if not math.isclose(x.value, step)]
        f.param("lsb" if _lsb(f.intent.description) is not None else "fullscale", f"{step:g}")  # what RF is sized for
    f.param("vdd", "12")
    bit = _bit_name(f.intent.description)
    # Bit k (LSB k = 0) feeds the summing node through R*2^(n-1-k); the summer gives
    # -Vref RF/R code/2^(n-1) (RF = R/2: -Vref code/2^n), and X2 (gain -1) turns it positive
    # unless the request asks for the inverting summer alone.
    inverting = _inverted(f.intent.description)
    summer = "out" if inverting else "neg"
    lines = [_opamp_block(f), f"* {n}-bit binary-weighted DAC, code {code} = {code:0{n}b}: "
                              f"Vout = {'-' if inverting else ''}Vref*(RF/R)*{code}/{2 ** (n - 1)}",
             *_bit_sources(n, code, bit)]
    if step is not None and _lsb(f.intent.description) is None and "RF" not in f.intent.values:
        # (the full-scale code the request sized the output by, as it writes it: "code 111 must give -4.375 V")
        lines.insert(2, f"* RF sized so that full scale, code {2 ** n - 1:0{n}b}, gives {step:g} V")
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
    vref = _vref_used(f)
    gain = used(f, "RF", default=_feedback(f, n, vref)) / _msb_resistor(f)
    sign = -1 if _inverted(f.intent.description) else 1
    return [expect("vout", sign * vref * gain * code / 2 ** (n - 1), 0.02)] if code else _converts(f)


# "thresholds 1, 2 and 3 V", "thresholds at 0.5 V, 1.5 V and 2.5 V": the comparators' trip levels.
# (a verb between the word and its list: "the thresholds sit at 1, 2 and 3 V", "taps should lie at", "trip points
# fall at", "thresholds are set to")
_THRESHOLDS = re.compile(rf"(?:thresholds?|(?:ladder\s+)?taps?|(?:trip|switching|reference)\s+(?:levels?|points?))\s+"
                         rf"(?:(?:sit|sits|lie|lies|fall|falls|land|lands|should|must|will|be|are|is|set|placed|put|"
                         rf"located|then|all)\s+){{0,3}}(?:at\s+|of\s+|to\s+|=\s*|:\s*)?(?P<list>{_X}(?:\s*V)?(?:\s*,\s*{_X}(?:\s*V)?)*"
                         rf"(?:\s*,)?\s+and\s+{_X})\s*V\b", re.IGNORECASE)
# "a resistor ladder from 4 V", "a 4 V reference", "reference of 3.3 V": the ladder's top.
_LADDER_TOP = re.compile(rf"(?:ladder|string|reference|ref)\s+(?:node\s+\w+\s+)?(?:from|of|at)\s+(?:an?\s+)?"
                         rf"(?P<a>{_X})\s*V\b|(?P<b>{_X})\s*V\s+(?:reference|ref)\b", re.IGNORECASE)
# "analog input vin at 2.5 V", "the input held at 1.2 V": a steady input level to convert.
# ("input 1.3 V on node ain", "an input of 2 V": the level said first)
_INPUT_AT = re.compile(rf"\binput\s+(?:node\s+)?(?:[a-z]\w*\s+)?(?:is\s+|sits\s+|rests\s+|stays\s+)?(?:held\s+|set\s+)?"
                       rf"(?:at|=|to)\s*(?P<v>{_X})\s*V\b"
                       rf"|\binput\s+(?:of\s+)?(?P<w>{_X})\s*V\b", re.IGNORECASE)
# "0/5 V outputs", "0 to 3.3 V comparator outputs": the comparators' high level.
# "outputs t1, t2, t3, each 0/5 V": the same, said after the outputs
_OUTPUT_HIGH = re.compile(rf"\b0\s*(?:/|to|-)\s*(?P<v>{_X})\s*V\s+(?:\w+\s+)?outputs?\b"
                          # "outputs swinging from 0 to 5 V", "switching between 0 and 5 V", "toggling 0/3.3 V"
                          rf"|\b(?:swing|switch|toggl|go)\w*\s+(?:from\s+|between\s+)?0\s*(?:V\s*)?(?:/|to|-|and)\s*"
                          rf"(?P<w>{_X})\s*V\b"
                          # ... or "comparator outputs c1 to c7, 0/5 V": its levels set off after the names
                          rf"|\boutputs?\b[^.;]{{0,60}}?(?:\beach\s+(?:swinging\s+)?|,\s*)0\s*(?:V\s*)?(?:/|to|-)\s*"
                          rf"(?P<x>{_X})\s*V\b"
                          # "three comparators with 3.3 V logic outputs", "5 V comparator outputs"
                          rf"|(?<![/\d.])(?P<y>{_X})\s*V\s+(?:logic\s+|cmos\s+|ttl\s+)?(?:comparator\s+)?outputs?\b"
                          # "seven comparators (0/3.3 V)": their levels in an aside
                          rf"|\bcomparators?\s*\(\s*0\s*(?:V\s*)?(?:/|to|-)\s*(?P<z>{_X})\s*V\s*\)",
                          re.IGNORECASE)


# "three comparators", "7 comparators": a flash converter's width said by its comparators
_COMPARATOR_COUNT = re.compile(r"\b(\d+|" + "|".join(_COUNTS) + r")\s+(?:\w+\s+)?comparators\b", re.IGNORECASE)


def _flash_levels(text: str, vref: float) -> tuple[int, list[float]]:
    """(bits, thresholds from the lowest): the stated thresholds (equally spaced, 2^n - 1 of them), else the
    ladder's: (k - 1/2) LSB (R/2 at the bottom, 1.5 R at the top), or k LSB when equal resistors are asked for."""
    if m := _THRESHOLDS.search(text):
        points = sorted(float(x) for x in re.findall(_X, m["list"]))
        steps = {round(b - a, 9) for a, b in zip(points, points[1:])}
        count = len(points) + 1
        if len(steps) == 1 and count & (count - 1) == 0 and points[0] > 0:
            return count.bit_length() - 1, points
    bits, compared = _BITS.search(text), _COMPARATOR_COUNT.search(text)
    if bits:
        n = min(max(bit_count(bits[1]), 2), 4)
    else:  # 2^n - 1 comparators ("three comparators": 2 bits), else 3 bits
        count = (int(compared[1]) if compared[1].isdigit() else _COUNTS.get(compared[1].lower(), 0)) if compared else 0
        n = (count + 1).bit_length() - 1 if count in (3, 7, 15) else 3
    lsb, equal = vref / 2 ** n, re.search(r"\bequal\b", text, re.IGNORECASE)
    return n, [(k if equal else k - 0.5) * lsb for k in range(1, 2 ** n)]


def _flash_vref(f: _Filler) -> float:
    """The ladder's top: as the request words it, else the reference role, else one step above the top
    threshold stated."""
    if m := _LADDER_TOP.search(f.intent.description):
        return float(m["a"] or m["b"])
    # (a level the reader gave a reference role that is one of the thresholds, or below the top one, is no ladder top)
    if (stated := _THRESHOLDS.search(f.intent.description)) is not None:
        points = sorted(float(x) for x in re.findall(_X, stated["list"]))
        if not any(r in f.intent.values and f.intent.values[r].value > points[-1] for r in _REFERENCE_ROLES):
            return points[-1] + (points[-1] - points[0]) / max(len(points) - 1, 1)
    return used(f, *_REFERENCE_ROLES, default=5.0)


def _flash(f: _Filler) -> str:
    vref = _flash_vref(f)
    for role in _REFERENCE_ROLES:  # the level the reader gave a role, when it is the ladder's top
        if role in f.intent.values and f.intent.values[role].value == vref:
            f.given(role, vref)
    f.param("vref", f"{vref:g}")
    n, points = _flash_levels(f.intent.description, vref)
    levels, step = 2 ** n, points[1] - points[0]
    r = f.number("R", 1e3)
    # The ladder: equal rungs R between the taps t1 .. t(2^n - 1), R t1/step below the lowest and
    # R (Vref - top)/step above the highest, so tap k sits at its threshold. Each comparator (behavioural,
    # 1 mV wide) gives vhigh when the input is above its tap (its stated level, else the single supply the
    # comparators run on, else 1 V); out is the thermometer code's count in volts: the converted code.
    levels_said = _OUTPUT_HIGH.search(f.intent.description)
    high = float(next(v for v in levels_said.groups() if v)) if levels_said else \
        single_rail(f.intent, (points[-1], points[0])) or 1.0
    f.param("vhigh", f"{high:g}")
    level = float(m["v"] or m["w"]) if (m := _INPUT_AT.search(f.intent.description)) else None
    if level is not None and (said := f.intent.values.get("VIN")) is not None and said.value != level \
            and said.value in points:  # "taps at 1, 2 and 3 V ... input held at 2.5 V": the 3 V is a tap
        del f.intent.values["VIN"]
        f.intent.warnings[:] = [w for w in f.intent.warnings if not w.startswith("two values for VIN")]
    for role, value in f.intent.values.items():  # a stated input level or threshold the reader gave a role
        if value.unit == "V" and (value.value in (level, high) or value.value in points):
            f.given(role, value.value)
    if level is None and (said := f.intent.values.get("VIN")) is not None and said.value not in points \
            and said.value not in (vref, high):  # ("fl_in (2.3 V) on the other input": the input's level)
        f.given("VIN", said.value)
        level = said.value
    lines = [f"V1 in 0 DC {level:g}" if level is not None else "V1 in 0 DC {vref/2}",
             f"R{levels + 1} in 0 1meg", "V2 ref 0 DC {vref}",
             f"* {n}-bit flash converter: {levels - 1} comparators at " + ", ".join(f"{p:g}" for p in points) + " V",
             f"R{levels} ref t{levels - 1} {format_eng(r * (vref - points[-1]) / step)}"]
    lines += [f"R{k} t{k} t{k - 1} {format_eng(r)}" for k in range(levels - 1, 1, -1)]
    lines.append(f"R1 t1 0 {format_eng(r * points[0] / step)}")
    for k in range(1, levels):  # each comparator output drives a light load, as a logic input would be
        lines += [f"B{k} c{k} 0 V={{vhigh*0.5*(1+tanh((v(in)-v(t{k}))/1m))}}", f"R{levels + 1 + k} c{k} 0 100k"]
    lines += ["B0 out 0 V={(" + "+".join(f"v(c{k})" for k in range(1, levels)) + ")/vhigh}",
              f"R{2 * levels + 1} out 0 100k"]
    return "\n".join(lines)


def _converts(f: _Filler) -> list:
    """Vout = Vref code/2^n."""
    n, code = _bits_and_code(f)
    return [expect("vout", _vref_used(f) * code / 2 ** n, 0.02)] if code else \
        [Probe("function: code 0 gives 0 V", "op\nlet result = abs(v({out}))", 0, 0.01)]


def _counts(f: _Filler) -> list:
    """The thermometer count half a step below the lowest threshold is 0, a quarter step above each
    threshold that threshold's code."""
    vref = float(f.params["vref"])
    points = _flash_levels(f.intent.description, vref)[1]
    step = points[1] - points[0]
    at = [max(points[0] - step / 2, 0.0), *(p + step / 4 for p in points)]
    samples = "\n".join(f"meas dc k{k} find v({{out}}) at={x:g}" for k, x in enumerate(at))
    wrong = " + ".join(f"(abs(k{k}-{k}) gt 0.5)" for k in range(len(at)))
    return [Probe("function: converts each input level to its code (wrong codes: 0 expected)",
                  f"dc {{src}} 0 {max(vref, points[-1] + step):g} {step / 50:g}\n{samples}\nlet result = {wrong}",
                  0, 0)]


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
                names=("R-2R ladder DAC", "R-2R DAC", "4-bit R-2R digital-to-analog converter", "DAC",
                       "R/2R resistor ladder"),
                rules=((2.5, (rf"{word('r')}\s*[-/]?\s*2r\b",)),
                       (2.7, (rf"{word('dac')}\b|digital[- ]to[- ]analog(?:\s+converter)?",))),
                # its output stage: "a buffer", "an inverting op-amp stage", "an inverting amplifier"
                accepts=r"(?:inverting\s+)?(?:op[- ]?amp\s+)?(?:amplifier|amp|stage|buffer)",
                examples=(("vout", "8-bit R-2R DAC with a 5 V reference giving {x} V output", 0.5, 4.5),),
                **{**_DAC, "function": _ladder_converts}))
register(Family(kind="weighted_dac", summary="binary-weighted resistor DAC",
                build=_weighted,
                names=("binary-weighted DAC", "weighted resistor DAC",
                       "binary weighted resistor digital-to-analog converter",
                       "summing amplifier DAC"),
                rules=((2.4, (r"weighted|summing(?:\s+amplifier)?\s+dac",
                              r"\bdac\b|digital[- ]to[- ]analog(?:\s+converter)?|"
                                                                            r"weighted[- ]resistor")),),
                # its op-amp output stage: "an inverting summing amplifier", "op-amp summer", "inverting op-amp adder"
                # (its modifiers in either order: "a summing inverting amplifier")
                accepts=r"(?:inverting\s+)?(?:op[- ]?amp\s+)?(?:summ(?:er|ing)|adder)"
                        r"(?:\s+inverting)?(?:\s+(?:op[- ]?amp|amplifier|amp|stage))?",
                examples=(("vout", "6-bit binary-weighted DAC with a 5 V reference giving {x} V output", 1.0, 4.5),),
                **{**_DAC, "function": _weighted_converts}))
register(Family(kind="flash_adc", summary="flash ADC comparator ladder",
                build=_flash,
                names=("flash ADC", "flash ADC comparator ladder", "3-bit flash analog-to-digital converter",
                       "flash converter"),
                # (below the resistor-string DAC's 2.2: "a flash ADC's resistor string" is its ladder)
                rules=((2.15, (r"flash(?:\s+converter)?\b",
                              r"\badc\b|analog[- ]to[- ]digital(?:\s+converter)?|converter|comparators?")),
                       (2.35, (r"flash\b", r"comparator\s+ladder|\bladder\b"))),
                analysis="dc", dc_sweep="0 5 0.01", signal_input=True, function=_counts,
                # outputs a request lists are the comparators' (c1 the lowest threshold's: "outputs t1 (1 V), t2 (2 V),
                # t3 (3 V)"), then the count; a lone output is the count (Family.output)
                # ("taps fz1 (lowest) to fz3": the string's taps, highest first, as the request's are read)
                ports=(("output", (*(f"c{k}" for k in range(1, 16)), "out")),
                       ("tap", tuple(f"t{k}" for k in range(15, 0, -1))))))


# --- current-mode converters: switched currents into a resistor, the inverted (current-mode) R-2R ladder -----

_SWITCHES = ".model swoff SW (vt=0.5 vh=0.1 ron=10meg roff=0.05)"  # closed while its bit is 0
_AMPS = {"": 1.0, "m": 1e-3, "u": 1e-6, "µ": 1e-6, "μ": 1e-6, "n": 1e-9}
# "switched sources of 80, 40, 20 and 10 µA", "current sources of 1 mA, 0.5 mA and 0.25 mA": the bits' currents
_CURRENTS = re.compile(rf"(?:sources?|currents?)\s+(?:of\s+)?(?P<list>{_X}\s*(?:[mµμun]?A)?"
                       rf"(?:\s*,\s*{_X}\s*(?:[mµμun]?A)?)*(?:\s*,)?\s+and\s+{_X})\s*(?P<u>[mµμun]?)A\b", re.IGNORECASE)


def _bit_currents(text: str) -> list[float] | None:
    """The bits' currents, LSB first (each number in its own unit, else the list's last)."""
    if (m := _CURRENTS.search(text)) is None:
        return None
    items = re.findall(rf"({_X})\s*([mµμun]?)(?=A)?", m["list"])
    currents = [float(v) * _AMPS[(u or m["u"]).replace("μ", "µ")] for v, u in items]
    return sorted(currents)


def _bit_switches(f: _Filler, n: int, code: int, legs: list[str], closed: str) -> list[str]:
    """Bit k's source (1 V for a 1) and its two switches: leg k to `closed` while the bit is 1, to ground while 0."""
    f.model("sw")
    f.model("swoff", _SWITCHES)
    lines = [f"V{i + 1} b{n - 1 - i} 0 DC {1 if code >> (n - 1 - i) & 1 else 0}" for i in range(n)]
    for k, leg in enumerate(legs):
        lines += [f"S{2 * k + 1} {leg} {closed} b{k} 0 sw", f"S{2 * k + 2} {leg} 0 b{k} 0 swoff"]
    return lines


def _current_word(f: _Filler) -> tuple[int, int, list[float]]:
    """(bits, code, the bits' currents LSB first): the stated currents, else 10 µA x 2^k."""
    currents = _bit_currents(f.intent.description)
    n, code = _word(f.intent.description)
    if currents and not _BITS.search(f.intent.description):
        n = len(currents)
    if not currents or len(currents) != n:
        currents = [10e-6 * 2 ** k for k in range(n)]
    code = min(code if code is not None else 2 ** (n - 1), 2 ** n - 1)
    return n, code, currents


def _current_sum(f: _Filler) -> str:
    n, code, currents = _current_word(f)
    for value in list(f.intent.values.values()):  # the currents the reader gave roles are the bits'
        if value.unit == "A" and any(math.isclose(value.value, i) for i in currents):
            f.given(value.role, value.value)
    f.intent.extra_values[:] = [x for x in f.intent.extra_values
                                if not (x.unit in ("A", "") and any(math.isclose(x.value, i) for i in currents))]
    f.param("code", str(code))
    # Bit k's source pushes its current into out while the bit is 1 and into ground while 0: out = RL x the sum.
    lines = [f"* {n}-bit binary-weighted current DAC, code {code} = {code:0{n}b}, bit currents "
             + ", ".join(format_eng(i) + "A" for i in reversed(currents)) + " (MSB first): Vout = RL x the sum",
             *(f"I{k + 1} 0 s{k} DC {format_eng(i)}" for k, i in enumerate(currents)),
             *_bit_switches(f, n, code, [f"s{k}" for k in range(n)], "out")]
    return "\n".join(lines + [f"R{n + 1} out 0 {f('RL', 10e3, 'R')}"])


def _sums_currents(f: _Filler) -> list:
    n, code, currents = _current_word(f)
    level = used(f, "RL", "R") * sum(i for k, i in enumerate(currents) if code >> k & 1)
    return [Probe(f"function: out = RL x the selected bits' currents = {level:.4g} V", "op\nlet result = v({out})",
                  0.98 * level - 1e-4, 1.02 * level + 1e-4)]


register(Family(kind="current_sum_dac", summary="binary-weighted current DAC (switched current sources summed "
                                                 "into a load resistor)",
                build=_current_sum, function=_sums_currents,
                names=("binary-weighted current DAC into a resistor", "switched current source DAC with a load "
                       "resistor", "current-output DAC summed into a resistor"),
                rules=((2.05, (r"current[- ](?:output|steering|mode|sources?|dac)|currents?\s+of\s+[\d.]|"
                               r"sources?\s+of\s+[\d.]+(?:\s*[mµμun]?a)?\s*,",
                               r"dac\b|digital[- ]to[- ]analog",
                               # (an op-amp's feedback resistor RF makes it the current-steering DAC)
                               r"^(?![\s\S]*(?:op[- ]?amp|virtual\s+ground|r-?2r|transimpedance|\brf\b|"
                               r"feedback))[\s\S]*"
                               r"(?:resistor|\bload\b|\bω|\bohms?\b|\d\s*k\b)")),),
                analysis="op", source="V1", accepts=r"dac"))


# "a 10k feedback resistor", "feedback resistor of 20k": the I-to-V converter's resistor
_FEEDBACK = re.compile(rf"(?P<a>{_X})\s*(?P<au>k|meg)?\s*(?:Ω|ohms?)?\s+feedback"
                       rf"|feedback\s+(?:resistor\s+)?(?:of\s+|=\s*)?(?P<b>{_X})\s*(?P<bu>k|meg)?", re.IGNORECASE)


def _ladder_reference(f: _Filler) -> float:
    if m := _LADDER_TOP.search(f.intent.description):
        vref = float(m["a"] or m["b"])
        for role in _REFERENCE_ROLES:
            if role in f.intent.values and f.intent.values[role].value == vref:
                f.given(role, vref)
        return vref
    return f.number("VBIAS", 5, "VDD", "VIN")


def _current_r2r(f: _Filler) -> str:
    n, code = _bits_and_code(f)
    vref, r = _ladder_reference(f), _rung(f)
    ohms = parse_number(r) or 10e3
    r2 = format_eng(2 * ohms)
    for value in list(f.intent.values.values()):  # R and 2R, under whichever roles the reader gave them
        if value.unit == "ohm" and any(math.isclose(value.value, x) for x in (ohms, 2 * ohms)):
            f.given(value.role, value.value)
    f.param("vref", f"{vref:g}")
    rf = f("RF", _feedback_said(f.intent.description) or parse_number(r) or 10e3)
    f.param("rung", r)
    f.param("rfb", rf)
    f.param("vdd", "12")
    # The inverted ladder: vref at the MSB's node m(n-1), R rungs down to m0, 2R from m0 to ground; each node
    # feeds a 2R leg, which carries half the current of the node above's, switched into the op-amp's virtual
    # ground (bit 1) or ground (bit 0). Every leg sits at 0 V either way, so out = -RF vref/R x code/2^n.
    lines = [_opamp_block(f), f"* {n}-bit current-mode (inverted) R-2R ladder, code {code} = {code:0{n}b}: "
             f"Vout = -RF*Vref/R*{code}/{2 ** n}", f"V0 m{n - 1} 0 DC {{vref}}", f"R{2 * n + 1} m0 0 {r2}"]
    for k in range(n):
        lines.append(f"R{k + 1} m{k} l{k} {r2}")
        if k:
            lines.append(f"R{n + k} m{k} m{k - 1} {r}")
    return "\n".join(lines + _bit_switches(f, n, code, [f"l{k}" for k in range(n)], "sum")
                     + [f"R{2 * n + 2} sum out {rf}", "X1 0 sum out opamp"])


def _feedback_said(text: str) -> float | None:
    if (m := _FEEDBACK.search(text)) is None:
        return None
    value, unit = (m["a"], m["au"]) if m["a"] else (m["b"], m["bu"])
    return float(value) * {"k": 1e3, "meg": 1e6}.get((unit or "").lower(), 1.0)


def _current_r2r_converts(f: _Filler) -> list:
    n, code = _bits_and_code(f)
    ratio = (parse_number(f.params["rfb"]) or 0) / (parse_number(f.params["rung"]) or 1)
    level = -ratio * float(f.params["vref"]) * code / 2 ** n
    return [Probe(f"function: out = -RF/R x Vref x code/2^n = {level:.4g} V", "op\nlet result = v({out})",
                  level - 0.02 * abs(level) - 1e-3, level + 0.02 * abs(level) + 1e-3)]


register(Family(kind="current_r2r_dac", summary="current-mode (inverted) R-2R ladder DAC into an op-amp I-to-V "
                                                "converter",
                build=_current_r2r, function=_current_r2r_converts,
                names=("current-mode R-2R DAC", "inverted R-2R ladder DAC", "current-mode R-2R ladder with an op-amp "
                       "I-to-V converter"),
                rules=((2.04, (rf"{word('r')}-?2r\b", r"current[- ]mode|inverted\s+(?:r-?2r\s+)?ladder|"
                               r"virtual\s+ground|i[- ]to[- ]v|current[- ](?:output|steering)")),),
                analysis="op", source="V0", accepts=r"dac|ladder|converter"))


# --- the dual-slope converter's run-up: an integrator ramping on a constant input ----------------------------

# "integrating a constant 1 V input", "fed with a constant -2 V input", "a -2 V DC input": the level integrated
_HELD_INPUT = re.compile(rf"(?:constant|steady|dc|fixed)\s+(?:input\s+(?:of\s+)?)?(?P<v>[-+\u2212]?{_X})\s*(?P<u>m?)V\b"
                         rf"|(?P<w>[-+\u2212]?{_X})\s*(?P<wu>m?)V\s+(?:dc\s+|constant\s+)?input\b", re.IGNORECASE)


def _held_input(f: _Filler) -> float:
    if m := _HELD_INPUT.search(f.intent.description):
        value, milli = (m["v"], m["u"]) if m["v"] else (m["w"], m["wu"])
        level = float(value.replace("\u2212", "-")) * (1e-3 if milli else 1)
        for said in list(f.intent.values.values()):
            if said.unit == "V" and math.isclose(said.value, level):
                f.given(said.role, said.value)
        return level
    return f.number("VIN", 1)


def _run_up(f: _Filler) -> str:
    level = _held_input(f)
    f.param("vin", f"{level:g}")
    f.param("vdd", "12")
    r, c = f("R", 100e3, "R1"), f("C", 100e-9, "C1")
    rc = (parse_number(r) or 100e3) * (parse_number(c) or 100e-9)
    f.tran = (rc / 1000, min(rc, 0.8 * 10.8 * rc / max(abs(level), 1e-9)))
    # The input steps from 0 to vin at t = 0 (the integrator starts at 0 V); out ramps at -vin/(RC) until the rail.
    # R9 (1000 RC worth of leak) only gives the operating point a DC path; it bends the ramp by under 0.1 %.
    # "two values for VIN (1 V and 0 V)": the level and the 0 V the ramp starts from
    f.intent.warnings[:] = [w for w in f.intent.warnings if not (
        w.startswith("two values for VIN") and {float(x) for x in re.findall(r"-?[\d.]+(?= ?V)", w)} == {level, 0.0})]
    # .ic: a stated DC input source (in place of V1's step) starts the ramp from 0 V too
    return "\n".join([_opamp_block(f), "* run-up: out = -vin t/(R C) from 0 V", "V1 in 0 PWL(0 0 1n {vin})",
                      f"R1 in n {r}", f"C1 n out {c}", "R9 n out 1G", "X1 0 n out opamp", ".ic v(out)=0 v(n)=0"])


def _ramps(f: _Filler) -> list:
    rc = used(f, "R", "R1") * used(f, "C", "C1")
    slope = -_held_input(f) / rc
    return [Probe(f"function: out ramps at -Vin/(RC) = {format_eng(slope)}V/s from 0 V",
                  "{tran}\nmeas tran v1 find v({out}) at={from}\nlet result = v1/{from}",
                  min(0.97 * slope, 1.03 * slope), max(0.97 * slope, 1.03 * slope))]


register(Family(kind="dual_slope_run_up", summary="dual-slope ADC run-up (op-amp integrator on a constant input)",
                build=_run_up, function=_ramps,
                names=("dual-slope ADC run-up integrator", "run-up phase of a dual-slope converter",
                       "integrate phase of a dual-slope ADC"),
                rules=((2.2, (r"dual[- ]slope|run[- ]up|integrating\s+(?:adc|converter|a/d)",
                              r"integrat|run[- ]up|phase")),),
                analysis="tran", tran=("10u", "10m"), source="V1", accepts=r"integrator|converter|adc"))
