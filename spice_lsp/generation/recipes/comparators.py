"""Comparators and Schmitt triggers: the open-loop comparator, inverting and non-inverting
Schmitt triggers (designed to the switching points a request states, on split rails or a single supply,
else to a hysteresis spec; measured on a triangle sweep) and the window comparator. The comparator
block is shared with the relaxation oscillators.
"""
from __future__ import annotations

import re
from functools import partial

from spice_lsp.generation.checklist import Probe
from spice_lsp.generation.design import E96, given, set_value
from spice_lsp.generation.families import Family, expect, register, used
from spice_lsp.generation.recipes.words import TIME, seconds, word
from spice_lsp.generation.templates import _bjt_model, _Filler
from spice_lsp.language.units import format_eng, parse_number

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
_SPLIT = re.compile(r"(?:±|\+/?-|\+-)\s*([\d.]+)\s*V\s+(?:supplies|supply|rails?|split\s+supply)", re.IGNORECASE)


# "a ±10 V output": the output's own swing, whatever the supplies; "a ±10 V op-amp" is one that swings so.
# "swings to +5 V when ... and to -5 V when ...": the same, said of its two levels.
_SWING = re.compile(r"(?:±|\+/?-|\+-)\s*([\d.]+)\s*V\s+(?:output|swing|op[- ]?amps?|comparators?)"
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


_V = r"[-+\u2212]?\d+(?:\.\d+)?"
_POINT = r"(?:thresholds?|switching\s+(?:points?|levels?|thresholds?)|trip(?:\s+|-)(?:points?|levels?)|" \
         r"trigger\s+(?:points?|levels?))"
# "switching thresholds at +2 V and -2 V", "switching points +1 V and -1 V", "trip points of ±1.5 V"
_TRIP_PAIR = re.compile(_POINT + r"\s*(?:at|of|are|=|:)?\s*(?:(?:±|\+/?-)\s*(?P<pm>\d+(?:\.\d+)?)\s*V\b|"
                        rf"(?P<a>{_V})\s*V?\s*(?:and|,|/|&)\s*(?P<b>{_V})\s*V\b)", re.IGNORECASE)
# "upper threshold 3 V ... lower threshold 2 V", "UTP = 3 V, LTP = 2 V"
_UPPER = re.compile(rf"(?:upper|higher|high|rising)\s+{_POINT}\s*(?:at|of|is|=|:)?\s*(?P<v>{_V})\s*V\b"
                    rf"|\butp\s*(?:at|of|is|=|:)?\s*(?P<w>{_V})\s*V\b", re.IGNORECASE)
_LOWER = re.compile(rf"(?:lower|low|falling)\s+{_POINT}\s*(?:at|of|is|=|:)?\s*(?P<v>{_V})\s*V\b"
                    rf"|\bltp\s*(?:at|of|is|=|:)?\s*(?P<w>{_V})\s*V\b", re.IGNORECASE)
# "once in rises above +1.5 V ... after it falls below -1.5 V": the pair in words, either order.
# (or "climbs past about 2.75 V ... falls under about 2.25 V")
_ABOUT = r"(?:about|around|roughly|approximately|some|~)?\s*"
_ABOVE = re.compile(rf"\b(?:(?:rises|goes|climbs|gets|moves|crosses|passes|ramps)\s+(?:back\s+)?"
                    rf"(?:above|past|over|beyond)|passes|exceeds)\s+{_ABOUT}(?P<v>{_V})\s*V\b", re.IGNORECASE)
_BELOW = re.compile(rf"\b(?:falls|drops|goes|gets|sinks|moves|crosses|dips|comes\s+back|ramps)\s+(?:back\s+)?"
                    rf"(?:below|under|beneath)\s+{_ABOUT}(?P<v>{_V})\s*V\b", re.IGNORECASE)
# "100 mV of hysteresis centred on 2.5 V", "a hysteresis of 0.5 V around 2 V"
_CENTRED = re.compile(rf"(?:(?P<h>\d+(?:\.\d+)?)\s*(?P<u>m?)V\s+(?:of\s+)?hysteresis|hysteresis\s+(?:of\s+)?"
                      rf"(?P<h2>\d+(?:\.\d+)?)\s*(?P<u2>m?)V)\s*,?\s+(?:centred|centered|around|about)\s+"
                      rf"(?:on\s+|at\s+|around\s+)?(?P<c>{_V})\s*V\b", re.IGNORECASE)


# Any of those statements, loosely, in a lower-cased request (for a rule): a trigger whose switching points are
# stated is this module's.
_UP = rf"(?:above|past|over|beyond|passes|exceeds)\s+{_ABOUT}{_V}\s*v\b"
_DOWN = rf"(?:below|under|beneath)\s+{_ABOUT}{_V}\s*v\b"
STATED_TRIPS = (rf"{_POINT}\s*(?:at|of|are|=|:)?\s*(?:±|\+/?-)?\s*{_V}\s*v?\s*(?:and|,|/|&|\b)|\b(?:upper|lower)\s+"
                rf"{_POINT}|\b[ul]tp\b|\b{_UP}[\s\S]*\b{_DOWN}|\b{_DOWN}[\s\S]*\b{_UP}|hysteresis,?\s+(?:centred|centered|around)")


def _volts(text: str) -> float:
    return float(text.replace("\u2212", "-"))


def trip_points(description: str) -> tuple[float, float] | None:
    """(rising, falling) input levels where a trigger switches, as the request states them: a pair of
    thresholds, upper and lower ones, "rises above X ... falls below Y", or a hysteresis centred on a level."""
    high = low = None
    if m := _TRIP_PAIR.search(description):
        high, low = (float(m["pm"]), -float(m["pm"])) if m["pm"] else (_volts(m["a"]), _volts(m["b"]))
    elif (up := _UPPER.search(description)) and (down := _LOWER.search(description)):
        high, low = _volts(up["v"] or up["w"]), _volts(down["v"] or down["w"])
    elif (up := _ABOVE.search(description)) and (down := _BELOW.search(description)):
        high, low = _volts(up["v"]), _volts(down["v"])
    elif m := _CENTRED.search(description):
        width = float(m["h"] or m["h2"]) * (1e-3 if (m["u"] or m["u2"]) else 1)
        high, low = _volts(m["c"]) + width / 2, _volts(m["c"]) - width / 2
    if high is None or low is None or high == low:
        return None
    return max(high, low), min(high, low)


# "ramp the input from -5 to 5 V and back over 4 ms": a triangle, the sweep the request states.
_UP_AND_BACK = re.compile(r"from\s+([-+]?[\d.]+)\s*V?\s+to\s+([-+]?[\d.]+)\s*V\s+and\s+back\s+(?:again\s+)?"
                          rf"(?:over|in|within)\s+({TIME})", re.IGNORECASE)


def _sweep(f: _Filler) -> str:
    """A sine from -VIN up to +VIN and back (starting at its trough, so the trigger starts in a
    known state): the sweep that shows both thresholds when the request states none."""
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


SINGLE_COMPARATOR = """.subckt comparator1 inp inn out
* Behavioural comparator on a single supply: output 0 to vdd, gain 1e4 around the switching point, 100 ns response.
Bq q 0 V={vdd/2*(1+tanh(2e4*(v(inp)-v(inn))/vdd))}
Rq q r 1k
Cq r 0 100p
Bout out 0 V={v(r)}
.ends comparator1"""
# "single 5 V supply", "single-supply 5 V", "a 5 V single supply", "single-rail 3.3 V": a 0 .. V output.
_SINGLE = re.compile(r"\bsingle[- ](?:supply|rail)\s+(?:of\s+)?\+?(?P<a>[\d.]+)\s*V\b|"
                     r"\bsingle\s+\+?(?P<b>[\d.]+)\s*V\s+(?:supply|rail)|"
                     r"(?P<c>[\d.]+)\s*V\s+single[- ](?:supply|rail)", re.IGNORECASE)
# "a 0/5 V output", "output swings 0 to 5 V", "op-amp on 0/5 V rails": the same, said of the output.
_ZERO_TO = re.compile(r"\b0\s*(?:/|to|-)\s*\+?([\d.]+)\s*V\s+(?:logic\s+)?(?:output|swing|rails?)"
                      r"|\boutput\s+(?:swings\s+)?(?:from\s+)?0\s*(?:/|to|-)\s*\+?([\d.]+)\s*V\b", re.IGNORECASE)


def _single_supply(intent, trip: tuple[float, float]) -> float | None:
    """The single supply a trigger runs on (its output 0 .. VDD): said ("single 5 V supply", "a 0/5 V output"),
    or a positive supply stated with no negative level anywhere and the switching points inside it; None:
    split rails (+-Vsat)."""
    text = intent.description
    if said := _SINGLE.search(text) or _ZERO_TO.search(text):
        return float(next(g for g in said.groups() if g))
    stated = given(intent, "VDD")
    if stated and stated > 0 and 0 <= min(trip) and max(trip) < stated and not re.search(r"±|\+/?-|[-\u2212]\d", text):
        return stated
    return None


def _rails(f: _Filler, vdd: float | None) -> tuple[float, float, str, str]:
    """(low, high) output levels, the comparator block and its name: 0 .. vdd on a single supply, else split."""
    if vdd is None:
        return -saturation(f.intent), saturation(f.intent), comparator_block(f), "comparator"
    if given(f.intent, "VDD") == vdd:
        f.given("VDD", vdd)
    f.param("vdd", f"{vdd:g}")
    return 0.0, vdd, f"{SINGLE_COMPARATOR}\n{GEAR}", "comparator1"


# "a ±3 V, 100 Hz triangle", "vin is a 0-5 V triangle at 50 Hz", "a triangle from -3 to 3 V", "a 100 Hz
# triangle between -3 V and +3 V": the drive the request states.
# "a 10 V peak triangle", "a 6 Vpp triangle": the same, centred on 0 V.
_TRIANGLE_SAID = re.compile(rf"(?:(?:±|\+/?-)\s*(?P<pm>\d+(?:\.\d+)?)\s*V|(?P<a>{_V})\s*(?:V\s*)?(?:-|\u2013|to|/)\s*"
                            rf"(?P<b>{_V})\s*V|(?P<pk>\d+(?:\.\d+)?)\s*V\s*(?:peak|pk|amplitude)"
                            rf"|(?P<pp>\d+(?:\.\d+)?)\s*V\s*(?:p-?p|pp|peak[- ]to[- ]peak))\b"
                            rf"(?:(?![\d.]+\s*V\b)[^.;]){{0,30}}?\btriangle|triangle\s+(?:wave\s+)?(?:from|between)\s+"
                            rf"(?P<c>{_V})\s*V?\s+(?:to|and)\s+(?P<d>{_V})\s*V\b", re.IGNORECASE)
_OVER_AND_BACK = re.compile(rf"\bover\s+({TIME})\s+and\s+back", re.IGNORECASE)
_HZ = re.compile(r"\d\s*[kKmM]?Hz\b")


def _period(f: _Filler) -> float:
    """The drive's period: a stated frequency, twice a stated "over T and back", half a stated transient,
    else 10 ms."""
    if "FREQ" in f.intent.values and _HZ.search(f.intent.description):
        return 1 / f.number("FREQ", 100)
    if m := _OVER_AND_BACK.search(f.intent.description):
        return 2 * seconds(m[1])
    stop = next((parse_number(a.directive.split()[2]) for a in f.intent.analyses
                 if a.kind == "tran" and len(a.directive.split()) > 2), None)
    return stop / 2 if stop else 10e-3


def _drive(f: _Filler, trip: tuple[float, float], low: float, high: float) -> tuple[str, float]:
    """The input source, a triangle that starts low (so the trigger starts in a known state) and crosses
    both switching points, and its period: the stated ramp or triangle, else one span beyond each point
    (within a single supply's rails)."""
    text = f.intent.description
    if ramp := _UP_AND_BACK.search(text):
        half = format_eng(seconds(ramp[3]) / 2)
        return f"V1 in 0 PWL(0 {ramp[1]} {half} {ramp[2]} {format_eng(seconds(ramp[3]))} {ramp[1]})", \
            seconds(ramp[3])
    period = _period(f)
    if m := _TRIANGLE_SAID.search(text):
        half = m["pm"] or m["pk"] or (m["pp"] and str(float(m["pp"]) / 2))
        ends = (-float(half), float(half)) if half else \
            tuple(_volts(x) for x in ((m["a"], m["b"]) if m["a"] is not None else (m["c"], m["d"])))
        bottom, top = min(ends), max(ends)
    else:
        span = trip[0] - trip[1]
        bottom, top = trip[1] - span, trip[0] + span
        if low == 0:
            bottom, top = max(bottom, 0.0), min(top, high)
    if "FREQ" in f.intent.values and _HZ.search(text):  # the stated frequency, as written
        f.param("fin", f("FREQ", 100))
        return f"V1 in 0 PULSE({bottom:g} {top:g} 0 {{0.5/fin}} {{0.5/fin}} 1n {{1/fin}})", period
    half = format_eng(period / 2)
    return f"V1 in 0 PULSE({bottom:g} {top:g} 0 {half} {half} 1n {format_eng(period)})", period


def single_rail(intent, trip: tuple[float, float], forced: bool = False) -> float | None:
    """The single supply a trigger with these switching points runs on (None: split rails); `forced`: a
    single-supply family's, the stated supply or 5 V."""
    return _single_supply(intent, trip) or ((given(intent, "VDD") or 5.0) if forced else None)


def schmitt_to(f: _Filler, inverting: bool, trip: tuple[float, float], single: float | None) -> str:
    """A trigger designed to the switching points the request states, around a reference VREF.
    Inverting (input on -, R1 from the output to +, R2 from + to VREF): + sits at VREF + k (Vout - VREF),
    k = R2/(R1 + R2), so the points are k VOH + (1-k) VREF and k VOL + (1-k) VREF: k = (VH - VL)/(VOH - VOL).
    Non-inverting (input through R1 to +, R2 from the output, - at VREF): it switches where
    Vin = VREF (1 + m) - m Vout, m = R1/R2 = (VH - VL)/(VOH - VOL), VREF = (VH + m VOL)/(1 + m)."""
    high, low = trip
    vol, voh, block, comparator = _rails(f, single)
    k = (high - low) / (voh - vol)
    r2 = f.number("R2", 10e3)
    if inverting:
        vref = (high - k * voh) / (1 - k) if k < 1 else 0.0
        r1 = r2 * (1 / k - 1) if k < 1 else r2
    else:
        vref, r1 = (high + k * vol) / (1 + k), r2 * k
    for role, value in list(f.intent.values.items()):  # a switching point the reader gave a role is this one
        if value.unit == "V" and value.value in trip:
            f.given(role, value.value)
    drive, period = _drive(f, trip, vol, voh)
    f.tran = (period / 2000, 2.5 * period)
    ref = "0" if abs(vref) < 1e-9 else "ref"
    f.param("vhigh", f"{high:g}")  # the switching points, as stated
    f.param("vlow", f"{low:g}")
    lines = [block, drive, f"* switching points vhigh rising, vlow falling; output {vol:g} .. {voh:g} V"]
    lines += [f"V2 ref 0 DC {vref:.6g}"] if ref != "0" else []
    if inverting:
        return "\n".join(lines + [f"R1 out p {format_eng(r1)}", f"R2 p {ref} {f('R2', 10e3)}",
                                  f"X1 p in out {comparator}"])
    return "\n".join(lines + [f"R1 in p {format_eng(r1)}", f"R2 p out {f('R2', 10e3)}", f"X1 p {ref} out {comparator}"])


def switches_at(inverting: bool, trip: tuple[float, float], single: float | None) -> list:
    """The switching points measured on the family's own triangle: where the output crosses its middle
    going one way (the rising input) and the other."""
    high, low = trip
    mid = (single or 0.0) / 2
    find = f"find v({{inp}}) when v({{out}})={mid:g}"
    up, down = ("fall", "rise") if inverting else ("rise", "fall")
    return [expect("hysteresis", high - low, 0.1),
            Probe(f"function: switches {'low' if inverting else 'high'} at {high:g} V rising and "
                  f"{'high' if inverting else 'low'} at {low:g} V falling",
                  f"{{tran}}\nmeas tran up {find} {up}=1\nmeas tran dn {find} {down}=1\n"
                  f"let result = abs(up-{high:g})+abs(dn-{low:g})", 0, 0.05 * (high - low) + 2e-3)]


def _hysteresis(inverting: bool):
    def function(f: _Filler) -> list:
        if trip := trip_points(f.intent.description):
            return switches_at(inverting, trip, single_rail(f.intent, trip))
        r1, r2 = (used(f, "R1", "RF", "R"), used(f, "R2")) if inverting else \
            (used(f, "R1", "RIN", "R"), used(f, "R2", "RF"))
        return [expect("hysteresis", 2 * saturation(f.intent) * (r2 / (r1 + r2) if inverting else r1 / r2), 0.1)]
    return function


# "high only while the input is between 1 V and 2 V", "a window comparator on 5 V".
# "inside 2.5 V ± 0.5 V", "within 3 +/- 1 V": the same window, by its centre and half-width.
_BETWEEN = re.compile(r"between\s+(-?[\d.]+)\s*V?\s+and\s+(-?[\d.]+)\s*V\b"
                      r"|(?P<c>-?[\d.]+)\s*V?\s*(?:±|\+/-|\+-)\s*(?P<h>[\d.]+)\s*V\b", re.IGNORECASE)
# "on 5 V", "on a single 12 V", "a 5 V supply": the logic supply the output pulls up to.
_ON_SUPPLY = re.compile(r"\bon\s+(?:an?\s+)?(?:single\s+)?\+?([\d.]+)\s*V\b|\b([\d.]+)\s*V\s+(?:supply|rail)\b",
                        re.IGNORECASE)


def _edges(text: str) -> tuple[str, str] | None:
    """(lower, upper) limits of the window as the request words them."""
    if (m := _BETWEEN.search(text)) is None:
        return None
    if m["c"]:
        centre, half = float(m["c"]), float(m["h"])
        return f"{centre - half:g}", f"{centre + half:g}"
    low, high = sorted(m.groups()[:2], key=float)
    return low, high


def _logic_supply(text: str) -> str | None:
    return next((g for g in m.groups() if g), None) if (m := _ON_SUPPLY.search(text)) else None


def _window_levels(f: _Filler) -> tuple[float, float, float]:
    """(lower limit, upper limit, logic supply): as the request words them, else the roles."""
    edges, on = _edges(f.intent.description), _logic_supply(f.intent.description)
    low, high = (float(edges[0]), float(edges[1])) if edges else (used(f, "VLOW"), used(f, "VHIGH"))
    return low, high, float(on) if on else used(f, "VLOGIC")


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
        if trip_points(intent.description):  # stated switching points set the resistors (_schmitt_to)
            return
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
    if trip := trip_points(f.intent.description):
        return schmitt_to(f, inverting, trip, single_rail(f.intent, trip))
    # Non-inverting thresholds +-Vsat R1/R2: R1 = 4.7k puts them at half the default sweep.
    r1_default = 10e3 if inverting else 4.7e3
    # Named by their place: the input resistor (non-inverting: R1) and the feedback resistor.
    r1, r2 = (f("R1", r1_default, "RF", "R"), f("R2", 10e3)) if inverting else \
        (f("R1", r1_default, "RIN", "R"), f("R2", 10e3, "RF"))
    if inverting:  # the input on the - input; R1 (output to +) and R2 (+ to ground) feed back
        body = [f"R1 out p {r1}", f"R2 p 0 {r2}", "X1 p in out comparator"]
    else:  # the input through R1 to +, R2 from the output back to +; - at ground
        body = [f"R1 in p {r1}", f"R2 p out {r2}", "X1 p 0 out comparator"]
    block = comparator_block(f)
    said = _UP_AND_BACK.search(f.intent.description) or _TRIANGLE_SAID.search(f.intent.description)
    drive = _drive(f, (0.0, 0.0), -saturation(f.intent), saturation(f.intent))[0] if said else _sweep(f)
    return "\n".join([block, drive, *body])


_SCHMITT = r"schmitt|hysteresis|regenerative comparator"
# "high when the input is above", "the output rises when the input goes above 2 V", "switches high once in climbs
# above": the output follows the input's side, a non-inverting trigger (lower-cased, for a rule).
OUTPUT_FOLLOWS = (r"(?:high|rises|goes\s+up|switches\s+(?:on|high)|turns\s+on)\s+"
                  r"(?:when|once|as\s+soon\s+as|as|after|if)\s+(?:the\s+)?(?:input|in|it|\w+)\s+"
                  r"(?:(?:is\s+|goes\s+|rises\s+|gets\s+|climbs\s+|moves\s+|crosses\s+)?(?:above|past|over|beyond)"
                  r"|passes|exceeds)")
for _kind, _inverting, _names, _rule in (
        ("schmitt_inverting", True, ("inverting Schmitt trigger", "Schmitt trigger", "comparator with hysteresis",
                                     "inverting comparator with hysteresis"), (5.05, (_SCHMITT,))),
        ("schmitt_noninverting", False, ("non-inverting Schmitt trigger", "noninverting comparator with hysteresis",
                                         "non-inverting Schmitt trigger circuit"),
         (5.0, (_SCHMITT, r"non[- ]?inverting|" + OUTPUT_FOLLOWS)))):
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
    edges, on = _edges(f.intent.description), _logic_supply(f.intent.description)
    low, high = edges if edges else (f("VLOW", 3), f("VHIGH", 7))
    for said in list(f.intent.values.values()):  # a limit the reader gave a voltage role is the one used
        if edges and said.unit == "V" and said.value in (float(low), float(high)):
            f.given(said.role, said.value)
    logic = on if on else f("VLOGIC", 5)
    # X1 goes high above the upper limit, X2 below the lower one; each turns on its open-collector
    # transistor (Q1, Q2: the LM393's output stage), which pulls the shared output low, so out is
    # high (R1 to the logic supply) only inside the window and low at the transistors' saturation.
    block = comparator_block(f) if not on else f"{COMPARATOR}\n{GEAR}"
    if on:  # the comparators' rails are the supply the request names
        f.param("vdd", on)
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


# "open-collector output with a 10k pull-up to 5 V", "open-drain, pulled up to 3.3 V through 4.7k": the output
# stage a pull-up resistor lifts to its own level
_OPEN_COLLECTOR = re.compile(r"\bopen[- ](?:collector|drain)\b", re.IGNORECASE)
_PULL_UP = re.compile(r"(?:(?P<r>[\d.]+\s?(?:k|meg|M)?)\s*(?:Ω|ohms?)?\s+)?pull[- ]?up(?:\s+resistor)?(?:\s+of\s+"
                      r"(?P<r2>[\d.]+\s?(?:k|meg|M)?)\s*(?:Ω|ohms?)?)?\s+(?:to|from)\s+(?:an?\s+|the\s+)?(?P<v>[\d.]+)\s*V\b"
                      r"|pulled\s+up\s+to\s+(?P<v2>[\d.]+)\s*V(?:\s+(?:through|via|by)\s+(?:an?\s+)?"
                      r"(?P<r3>[\d.]+\s?(?:k|meg|M)?))?", re.IGNORECASE)
# "the 1 V, 1 kHz sine", "a 2 V peak 50 Hz sine": the input's amplitude, said next to its sine
_SINE_LEVEL = re.compile(r"(?P<a>[\d.]+)\s*V(?:\s*(?:peak|pk|amplitude))?\s*,?\s+(?:[\d.]+\s*[kM]?Hz\s+)?"
                         r"(?:sine|sinusoid)", re.IGNORECASE)


def _pull_up(description: str) -> tuple[float, float] | None:
    """(level, resistor) of an open-collector output's pull-up (10k unless stated); None: no such output."""
    m = _PULL_UP.search(description)
    if not (_OPEN_COLLECTOR.search(description) or m):
        return None
    said = m and (m["r"] or m["r2"] or m["r3"])
    ohms = parse_number(said.replace(" ", "").replace("M", "meg")) if said else None
    return float(m["v"] or m["v2"]) if m else 5.0, ohms or 10e3


def _zero_crossing(f: _Filler) -> str:
    period = 1 / f.number("FREQ", 50)
    f.tran = (period / 500, 3 * period)
    # The comparator against ground: its output changes state at each zero crossing of the input.
    if (amplitude := _SINE_LEVEL.search(f.intent.description)) and (pulled := _pull_up(f.intent.description)):
        level = float(amplitude["a"])  # (the reader may give the pull-up's level the input's role)
        for said in list(f.intent.values.values()):
            if said.unit in ("V", "ohm") and said.value in (level, *pulled):
                f.given(said.role, said.value)
        sine = f"V1 in 0 SIN(0 {level:g} {f('FREQ', 50)})"
    else:
        sine = f"V1 in 0 SIN(0 {f('VIN', 1)} {f('FREQ', 50)})"
    if pulled := _pull_up(f.intent.description):
        # An open-collector output (an LM393's): X1 goes high while the input is below zero and turns Q1 on, which
        # pulls out low; above zero Q1 is off and R1 lifts out to the pull-up's level.
        f.param("vdd", f"{pulled[0]:g}")
        return "\n".join([SINGLE_COMPARATOR, GEAR, sine, "V2 pull 0 DC {vdd}", "X1 0 in a comparator1", "R2 a b 10k",
                          f"Q1 out b 0 {_bjt_model(f, 'n')}", f"R1 pull out {format_eng(pulled[1])}"])
    if logic := _LOGIC_OUTPUT.search(f.intent.description):
        f.param("vdd", logic[1])  # the single-supply comparator swings 0 .. vdd
        return "\n".join([SINGLE_COMPARATOR, GEAR, sine, "X1 in 0 out comparator1"])
    return "\n".join([comparator_block(f), sine, "X1 in 0 out comparator"])


def _crosses_zero(f: _Filler) -> list:
    logic, pulled = _LOGIC_OUTPUT.search(f.intent.description), _pull_up(f.intent.description)
    low, high = (0.0, pulled[0]) if pulled else (0.0, float(logic[1])) if logic else \
        (-saturation(f.intent), saturation(f.intent))
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
