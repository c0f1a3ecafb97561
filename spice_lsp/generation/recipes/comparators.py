"""Comparators and Schmitt triggers: the open-loop comparator, inverting and non-inverting
Schmitt triggers (hysteresis designed from a spec, measured on a triangle sweep) and the window
comparator. The comparator block is shared with the relaxation oscillators.
"""
from __future__ import annotations

import re
from functools import partial

from spice_lsp.generation.checklist import Probe
from spice_lsp.generation.design import E96, given, set_value
from spice_lsp.generation.families import Family, expect, register, used
from spice_lsp.generation.recipes.words import TIME, seconds, word
from spice_lsp.generation.templates import _bjt_model, _Filler
from spice_lsp.language.units import format_eng

# The behavioural op-amp (templates.OPAMP) integrates its error into a 10 Hz pole, so a saturated
# one winds up to kilovolts and takes milliseconds to come back: fine in a linear loop, wrong for a
# comparator. This one is memoryless behind a 100 ns response, with the same rails (90 % of vdd).
COMPARATOR = """.subckt comparator inp inn out
* Behavioural comparator: output +-0.9 vdd, gain 1e4 around the switching point, 100 ns response.
Bq q 0 V={0.9*vdd*tanh(1e4*(v(inp)-v(inn))/(0.9*vdd))}
Rq q r 1k
Cq r 0 100p
Bout out 0 V={v(r)}
.ends comparator"""


# Edges of nanoseconds in periods of milliseconds: trapezoidal integration rings on them (a
# comparator's output overshoots its rail, a multivibrator's collector the supply); Gear does not.
GEAR = ".options method=gear"


# "on +-12 V supplies": the split rails, which a reader may take for a signal's amplitude.
_SPLIT = re.compile(r"(?:±|\+/?-|\+-)\s*([\d.]+)\s*V\s+(?:supplies|supply|rails?|split\s+supply|op[- ]?amps?|"
                    r"comparators?)", re.IGNORECASE)


# "a ±10 V output": the output's own swing, whatever the supplies.
# "swings to +5 V when ... and to -5 V when ...": the same, said of its two levels.
_SWING = re.compile(r"(?:±|\+/?-|\+-)\s*([\d.]+)\s*V\s+(?:output|swing)"
                    r"|\bswings?\s+to\s+\+?([\d.]+)\s*V\b(?=(?:[^.;]|\.\d)*\bto\s+[-\u2212]\2\s*V\b)", re.IGNORECASE)


def comparator_block(f: _Filler) -> str:
    split, stated = _SPLIT.search(f.intent.description), given(f.intent, "VDD")
    if swing := _SWING.search(f.intent.description):  # the output saturates at 0.9 vdd
        f.param("vdd", f"{float(swing[1] or swing[2]) / 0.9:.6g}")
    elif split and (stated is None or abs(stated) != float(split[1])):
        f.param("vdd", split[1])
    else:  # the rails, +-vdd, read by the output ("±12 V supplies" is the VDD the reader gave)
        f.supply("vdd", 12, magnitude=True)
    return f"{COMPARATOR}\n{GEAR}"


def saturation(intent) -> float:
    """The comparator's output level: 90 % of the supply (12 V unless the request gives one)."""
    if swing := _SWING.search(intent.description):
        return float(swing[1] or swing[2])
    split = _SPLIT.search(intent.description)
    return 0.9 * (float(split[1]) if split else abs(given(intent, "VDD") or 12.0))


# "switching thresholds at +2 V and -2 V": a symmetric pair sets the feedback fraction.
# "when the input rises above +1 V and ... when it falls below -1 V": the same pair, in words.
_THRESHOLDS = re.compile(r"thresholds?\s+(?:at|of)\s+(?:±\s*([\d.]+)\s*V|([+-−]?[\d.]+)\s*V?\s+and\s+"
                         r"([+-−]?[\d.]+)\s*V)"
                         r"|\brises\s+above\s+(?P<up>\+?[\d.]+)\s*V\b(?:[^.;]|\.\d)*?\bfalls\s+below\s+(?P<down>[-−][\d.]+)\s*V\b",
                         re.IGNORECASE)


def _stated_fraction(intent) -> float | None:
    """The feedback fraction b = threshold/Vsat of thresholds stated as +-X (symmetric only)."""
    m = _THRESHOLDS.search(intent.description)
    if m is None:
        return None
    if m[1]:
        return float(m[1]) / saturation(intent)
    high, low = (float(x.replace("−", "-")) for x in ((m[2], m[3]) if m[2] else (m["up"], m["down"])))
    if abs(high + low) > 1e-9 * max(abs(high), 1):  # off-centre thresholds need a reference: not built here
        return None
    return abs(high) / saturation(intent)


# "ramp the input from -5 to 5 V and back over 4 ms": a triangle, the sweep the request states.
_UP_AND_BACK = re.compile(r"from\s+([-+]?[\d.]+)\s*V?\s+to\s+([-+]?[\d.]+)\s*V\s+and\s+back\s+(?:again\s+)?"
                          rf"(?:over|in|within)\s+({TIME})", re.IGNORECASE)


def _sweep(f: _Filler) -> str:
    """A sine from -VIN up to +VIN and back (starting at its trough, so the trigger starts in a
    known state): the sweep that shows both thresholds; or the up-and-back ramp the request states."""
    if ramp := _UP_AND_BACK.search(f.intent.description):
        half = format_eng(seconds(ramp[3]) / 2)
        return f"V1 in 0 PWL(0 {ramp[1]} {half} {ramp[2]} {format_eng(seconds(ramp[3]))} {ramp[1]})"
    return f"V1 in 0 SIN(0 {f('VIN', 10)} {f('FREQ', 100)} 0 0 -90)"


def _compares(f: _Filler) -> list:
    logic, period = _logic_high(f.intent.description), 1 / used(f, "FREQ")
    low, high = (0.0, logic) if logic else (-saturation(f.intent), saturation(f.intent))
    swing, below = high - low, bool(_HIGH_BELOW.search(f.intent.description))
    # The input's positive peak: the stated triangle's second top, else the sine's.
    peak = 1.5 * period if _TRIANGLE.search(f.intent.description) else 1.25 * period
    level = low if below else high
    return [Probe("function: its output swings rail to rail as the input crosses the reference",
                  "{tran}\nmeas tran result pp v({out}) from={half} to={stop}", 0.75 * swing, 1.1 * swing),
            Probe(f"function: {'low' if below else 'high'} at the input's positive peak (above the reference)",
                  f"{{tran}}\nmeas tran result find v({{out}}) at={peak:g}",
                  level - 0.25 * swing, level + 0.05 * swing)]


# "a 1 kHz triangle from 0 to 5 V": the input; "out is 5 V while the triangle is below ctl and 0 V
# otherwise": a single-supply output, high while the input is below the reference.
_TRIANGLE = re.compile(r"triangle\s+(?:wave\s+)?from\s+([-+]?[\d.]+)\s*V?\s+to\s+([-+]?[\d.]+)\s*V\b", re.IGNORECASE)
_LEVELS_SAID = re.compile(r"\b(?:is|at|goes\s+(?:to\s+)?|sits\s+at)\s*([\d.]+)\s*V\s+(?:while|when|whenever)\b"
                          r"[^.;]*?\b0\s*V\s+otherwise", re.IGNORECASE)
_HIGH_BELOW = re.compile(r"(?:high|[\d.]+\s*V)\s+(?:while|when|whenever)\s+(?:the\s+)?\w+\s+(?:is\s+|falls\s+|goes\s+)?"
                         r"below", re.IGNORECASE)


def _logic_high(description: str) -> float | None:
    """The top of a 0 .. V output the request states ("a 0/5 V output", "5 V while ... and 0 V otherwise")."""
    said = _LOGIC_OUTPUT.search(description) or _LEVELS_SAID.search(description)
    return float(said[1]) if said else None


# "on a single 5 V supply: out goes high when in rises above 3 V and low when it falls below 2 V"
_SINGLE = re.compile(r"\bsingle\s+\+?([\d.]+)\s*V\s+(?:supply|rail)", re.IGNORECASE)
_RISE_FALL = re.compile(r"\bhigh\s+when\s+(?:the\s+)?\w+\s+(?:rises|goes)\s+above\s+([\d.]+)\s*V\b.*?"
                        r"\blow\s+when\s+(?:it|the\s+\w+|\w+)\s+(?:falls|drops|goes)\s+below\s+([\d.]+)\s*V\b",
                        re.IGNORECASE | re.DOTALL)
SINGLE_COMPARATOR = """.subckt comparator1 inp inn out
* Behavioural comparator on a single supply: output 0 to vdd, gain 1e4 around the switching point, 100 ns response.
Bq q 0 V={vdd/2*(1+tanh(2e4*(v(inp)-v(inn))/vdd))}
Rq q r 1k
Cq r 0 100p
Bout out 0 V={v(r)}
.ends comparator1"""


def _stated_thresholds(description: str) -> tuple[float, float, float] | None:
    """(rising threshold, falling threshold, supply) of a non-inverting trigger on a single supply
    whose two thresholds the request states."""
    m, single = _RISE_FALL.search(description), _SINGLE.search(description)
    if not (m and single):
        return None
    up, down, vdd = float(m[1]), float(m[2]), float(single[1])
    return (up, down, vdd) if 0 < down < up < vdd else None


def _schmitt_single(f: _Filler, up: float, down: float, vdd: float) -> str:
    # The input through R1 to +, R2 from the output (0 or VDD) back to +, - at VREF. Rising (out at 0):
    # up = VREF (R1 + R2)/R2; falling (out at VDD): down = up - VDD R1/R2. So R1 = R2 (up - down)/VDD.
    for role, value in list(f.intent.values.items()):  # a threshold the reader gave a role is the threshold
        if role in ("VIN", "VBIAS", "VREF") and value.value in (up, down):
            f.given(role, value.value)
    f.supply("vdd", vdd)
    f.param("vup", f"{up:g}")
    f.param("vdown", f"{down:g}")
    f.param("fin", f("FREQ", 100))
    r2 = f.number("R2", 10e3)
    period = 1 / f.number("FREQ", 100)
    f.tran = (period / 2000, 4 * period)
    # A triangle from 0 to VDD sweeps the input through both thresholds each period.
    return "\n".join([SINGLE_COMPARATOR, GEAR, "V1 in 0 PULSE(0 {vdd} 0 {0.5/fin} {0.5/fin} 1n {1/fin})",
                      f"R1 in p {{{r2:g}*(vup-vdown)/vdd}}", f"R2 p out {f('R2', 10e3)}",
                      "V2 ref 0 DC {vup*vdd/(vdd+vup-vdown)}", "X1 p ref out comparator1"])


def _hysteresis(inverting: bool):
    def function(f: _Filler) -> list:
        if not inverting and (stated := _stated_thresholds(f.intent.description)):
            up, down, vdd = stated
            period = 1 / used(f, "FREQ")
            find = f"find v({{inp}}) when v({{out}})={vdd / 2:g}"
            return [Probe(f"function: switches high at {up:g} V rising and low at {down:g} V falling",
                          f"{{tran}}\nmeas tran up {find} rise=1 td={period:g}\nmeas tran dn {find} fall=1 "
                          f"td={period:g}\nlet result = abs(up-{up:g})+abs(dn-{down:g})", 0, 0.05 * (up - down))]
        r1, r2 = (used(f, "R1", "RF", "R"), used(f, "R2")) if inverting else \
            (used(f, "R1", "RIN", "R"), used(f, "R2", "RF"))
        return [expect("hysteresis", 2 * saturation(f.intent) * (r2 / (r1 + r2) if inverting else r1 / r2), 0.1)]
    return function


# "high only while the input is between 1 V and 2 V", "a window comparator on 5 V".
_BETWEEN = re.compile(r"between\s+(-?[\d.]+)\s*V?\s+and\s+(-?[\d.]+)\s*V\b", re.IGNORECASE)
_ON_SUPPLY = re.compile(r"\bon\s+(?:an?\s+)?(?:single\s+)?\+?([\d.]+)\s*V\b", re.IGNORECASE)


def _window_levels(f: _Filler) -> tuple[float, float, float]:
    """(lower limit, upper limit, logic supply): as the request words them, else the roles."""
    between, on = _BETWEEN.search(f.intent.description), _ON_SUPPLY.search(f.intent.description)
    low, high = sorted(map(float, between.groups())) if between else (used(f, "VLOW"), used(f, "VHIGH"))
    return low, high, float(on[1]) if on else used(f, "VLOGIC")


def _window_function(f: _Filler) -> list:
    low, high, logic = _window_levels(f)
    half = logic / 2
    samples = {"m": (low + high) / 2, "b": low / 2, "a": high + (high - low) / 2}
    return [Probe("function: high inside the window, low below and above it (wrong samples: 0 expected)",
                  f"dc {{src}} 0 {samples['a'] * 1.2:g} {samples['a'] / 400:g}\n"
                  + "\n".join(f"meas dc {k} find v({{out}}) at={v:g}" for k, v in samples.items())
                  + f"\nlet result = (m lt {half:g}) + (b gt {half:g}) + (a gt {half:g})", 0, 0)]


def _comparator(f: _Filler) -> str:
    if triangle := _TRIANGLE.search(f.intent.description):
        half = format_eng(0.5 / f.number("FREQ", 1e3))
        signal = f"V1 in 0 PULSE({triangle[1]} {triangle[2]} 0 {half} {half} 1n {{1/{f('FREQ', 1e3)}}})"
    else:
        signal = f"V1 in 0 SIN(0 {f('VIN', 5)} {f('FREQ', 1e3)})"
    if (logic := _logic_high(f.intent.description)) is not None:  # the 0 .. V output the request states
        f.param("vdd", f"{logic:g}")
        block, comparator = f"{SINGLE_COMPARATOR}\n{GEAR}", "comparator1"
    else:
        block, comparator = comparator_block(f), "comparator"
    # High while the input is below the reference: the input on the - pin.
    pins = "ref in" if _HIGH_BELOW.search(f.intent.description) else "in ref"
    return "\n".join([block, signal, f"V2 ref 0 DC {f('VBIAS', 2.5)}", f"X1 {pins} out {comparator}"])


register(Family(kind="comparator", function=_compares,
                summary="open-loop voltage comparator against a reference", build=_comparator,
                names=("voltage comparator", "op-amp comparator", "open-loop comparator", "comparator circuit"),
                rules=((5.2, (word("comparator") + r"s?\b",)),), analysis="tran", tran=("5u", "3m"), signal_input=True,
                ports=(("control", ("ref",)),)))


def _hysteresis_design(inverting: bool):
    """Thresholds +-Vsat*b: inverting, b = R2/(R1+R2); non-inverting, b = R1/R2 (R1 in series
    with the input, R2 the feedback). The hysteresis (upper minus lower threshold) is 2 Vsat b."""
    def design_fn(intent, d, spec) -> None:
        d.claimed.add("VHYST")  # the value the spec was written with
        vsat, r2 = saturation(intent), given(intent, "R2") or 10e3
        b = spec.target / (2 * vsat)
        if not 0 < b < 1:  # past the output swing the trigger latches
            d.problems.append(f"'{spec.text}': more hysteresis than the output swing (+-{vsat:.3g} V) gives")
            return
        if "R2" not in intent.values:
            set_value(intent, d, "R2", r2, "a standard 10 kohm", None)
        set_value(intent, d, "R1", r2 * (1 / b - 1) if inverting else r2 * b,
                  "hysteresis = 2 Vsat R2/(R1+R2)" if inverting else "hysteresis = 2 Vsat R1/R2", E96)
        d.free, d.scale = "R1", -1 if inverting else 1
    return design_fn


def _schmitt(f: _Filler, inverting: bool) -> str:
    if not inverting and (stated := _stated_thresholds(f.intent.description)):
        return _schmitt_single(f, *stated)
    # Non-inverting thresholds +-Vsat R1/R2: R1 = 4.7k puts them at half the default sweep.
    r1_default = 10e3 if inverting else 4.7e3
    if (b := _stated_fraction(f.intent)) is not None and 0 < b < 1:  # thresholds +-b Vsat, as stated
        r1_default = float(f"{f.number('R2', 10e3) * (1 / b - 1 if inverting else b):.4g}")
    # Named by their place: the input resistor (non-inverting: R1) and the feedback resistor.
    r1, r2 = (f("R1", r1_default, "RF", "R"), f("R2", 10e3)) if inverting else \
        (f("R1", r1_default, "RIN", "R"), f("R2", 10e3, "RF"))
    if inverting:  # the input on the - input; R1 (output to +) and R2 (+ to ground) feed back
        body = [f"R1 out p {r1}", f"R2 p 0 {r2}", "X1 p in out comparator"]
    else:  # the input through R1 to +, R2 from the output back to +; - at ground
        body = [f"R1 in p {r1}", f"R2 p out {r2}", "X1 p 0 out comparator"]
    return "\n".join([comparator_block(f), _sweep(f), *body])


_SCHMITT = r"schmitt|hysteresis|regenerative comparator"
for _kind, _inverting, _names, _rule in (
        ("schmitt_inverting", True, ("inverting Schmitt trigger", "Schmitt trigger", "comparator with hysteresis",
                                     "inverting comparator with hysteresis"), (5.05, (_SCHMITT,))),
        ("schmitt_noninverting", False, ("non-inverting Schmitt trigger", "noninverting comparator with hysteresis",
                                         "non-inverting Schmitt trigger circuit"),
         (5.0, (_SCHMITT, r"non[- ]?inverting|high\s+when\s+(?:the\s+)?(?:input|in)\s+(?:is\s+|goes\s+|rises\s+)?"
                          r"above")))):
    register(Family(kind=_kind, summary=f"{'inverting' if _inverting else 'non-inverting'} Schmitt trigger "
                                        "(comparator with hysteresis)",
                    build=partial(_schmitt, inverting=_inverting), names=_names,
                    rules=(_rule,), analysis="tran", tran=("2u", "20m"), signal_input=True,
                    function=_hysteresis(_inverting),
                    accepts=r"comparators?|hysteresis|trigger", specs=("hysteresis",),
                    design=_hysteresis_design(_inverting),
                    examples=(("hysteresis", f"{'inverting' if _inverting else 'non-inverting'} Schmitt trigger "
                                             "with {x} V of hysteresis", 0.5, 8),)))


def _window(f: _Filler) -> str:
    q = _bjt_model(f, "n")
    between, on = _BETWEEN.search(f.intent.description), _ON_SUPPLY.search(f.intent.description)
    low, high = sorted(between.groups(), key=float) if between else (f("VLOW", 3), f("VHIGH", 7))
    logic = on[1] if on else f("VLOGIC", 5)
    # X1 goes high above the upper limit, X2 below the lower one; each turns on its open-collector
    # transistor (Q1, Q2: the LM393's output stage), which pulls the shared output low, so out is
    # high (R1 to the logic supply) only inside the window and low at the transistors' saturation.
    block = comparator_block(f) if not on else f"{COMPARATOR}\n{GEAR}"
    if on:  # the comparators' rails are the supply the request names
        f.param("vdd", on[1])
    return "\n".join([block, f"V1 in 0 DC {f('VIN', 5)}", f"V2 hi 0 DC {high}", f"V3 lo 0 DC {low}",
                      f"V4 logic 0 DC {logic}", "X1 in hi a comparator", "X2 lo in b comparator",
                      "R2 a a2 10k", "R3 b b2 10k", f"Q1 out a2 0 {q}", f"Q2 out b2 0 {q}",
                      f"R1 logic out {f('R', 10e3, 'RL')}"])


register(Family(kind="window_comparator", function=_window_function,
                summary="window comparator (high inside a voltage window)", build=_window,
                names=("window comparator", "window detector", "dual-limit comparator"),
                rules=((4.99, (r"window (?:comparator|detector)|dual[- ]limit",)),), analysis="dc",
                dc_sweep="0 10 0.05", signal_input=True, accepts=r"comparators?"))


# "a 0/5 V output", "0 to 3.3 V output", "0-5 V logic output": a single-supply output from 0 V to its top.
_LOGIC_OUTPUT = re.compile(r"\b0\s*(?:/|to|-)\s*\+?([\d.]+)\s*V\b(?:\s+(?:logic\s+)?(?:output|swing|levels?))?",
                           re.IGNORECASE)


def _zero_crossing(f: _Filler) -> str:
    period = 1 / f.number("FREQ", 50)
    f.tran = (period / 500, 3 * period)
    # The comparator against ground: its output changes state at each zero crossing of the input.
    sine = f"V1 in 0 SIN(0 {f('VIN', 1)} {f('FREQ', 50)})"
    if logic := _LOGIC_OUTPUT.search(f.intent.description):
        f.param("vdd", logic[1])  # the single-supply comparator swings 0 .. vdd
        return "\n".join([SINGLE_COMPARATOR, GEAR, sine, "X1 in 0 out comparator1"])
    return "\n".join([comparator_block(f), sine, "X1 in 0 out comparator"])


def _crosses_zero(f: _Filler) -> list:
    logic = _LOGIC_OUTPUT.search(f.intent.description)
    low, high = (0.0, float(logic[1])) if logic else (-saturation(f.intent), saturation(f.intent))
    swing, period = high - low, 1 / used(f, "FREQ")
    # High at the input's positive peaks, low at its negative ones (the second period: settled).
    return [Probe(f"function: {side} peak", f"{{tran}}\nmeas tran result find v({{out}}) at={at * period:g}",
                  level - 0.1 * swing, level + 0.05 * swing)
            for side, level, at in (("high at the input's positive", high, 1.25), ("low at its negative", low, 1.75))]


register(Family(kind="zero_crossing_detector", function=_crosses_zero,
                summary="zero-crossing detector (comparator against ground)", build=_zero_crossing,
                names=("zero-crossing detector", "zero crossing comparator", "zero-cross detector"),
                rules=((5.15, (r"zero[- ]cross",)),), analysis="tran", tran=("20u", "60m"), signal_input=True,
                accepts=r"comparators?"))
