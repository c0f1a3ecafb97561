"""Comparators and Schmitt triggers: the open-loop comparator, inverting and non-inverting
Schmitt triggers (designed to the switching points a request states, on split rails or a single supply,
else to a hysteresis spec; measured on a triangle sweep) and the window comparator. The comparator
block is shared with the relaxation oscillators.
"""
from __future__ import annotations

import dataclasses
import math
import re
from dataclasses import dataclass
from functools import partial

from spice_lsp.generation.checklist import Probe
from spice_lsp.generation.design import E96, given, set_value
from spice_lsp.generation.families import Family, expect, register, used
from spice_lsp.generation.intent import Value
from spice_lsp.generation.ports import read_ports, sided_outputs
from spice_lsp.generation.recipes.words import TIME, seconds, word
from spice_lsp.generation.request import levels_and_back
from spice_lsp.generation.templates import _bjt_model, _Filler, _mos_device
from spice_lsp.language.units import format_eng, parse_number

# The behavioural op-amp (templates.OPAMP) integrates its error into a 10 Hz pole, so a saturated
# one winds up to kilovolts and takes milliseconds to come back: fine in a linear loop, wrong for a
# comparator. This one is memoryless behind a 100 ns response, its output at SAT of the rails (below).
# vos: an input offset (0 unless an instance gives one); sat: the output's share of the rails (a rail-to-rail
# output where an instance says so).
# The share of its rails a comparator's output saturates at: the textbooks' +-Vsat, close to +-VCC (their thresholds,
# Vsat R2/(R1 + R2), are reckoned from the rails), as the generator's Schmitt oscillators swing; a rail-to-rail one 0.99
SAT = 0.98
COMPARATOR = """.subckt comparator inp inn out vos=0 sat=SAT
* Behavioural comparator: output +-sat vdd, gain 1e4 around the switching point, 100 ns response.
Bq q 0 V={sat*vdd*tanh(1e4*(v(inp)-v(inn)+vos)/(sat*vdd))}
Rq q r 1k
Cq r 0 100p
Bout out 0 V={v(r)}
.ends comparator""".replace("sat=SAT", f"sat={SAT:g}", 1)


# Edges of nanoseconds in periods of milliseconds: trapezoidal integration rings on them (a
# comparator's output overshoots its rail, a multivibrator's collector the supply); Gear does not.
GEAR = ".options method=gear"


# "on +-12 V supplies": the split rails, which a reader may take for a signal's amplitude.
# "rails +-5 V", "(supplies ±15 V)", "powered from ±9 V": the same, the rails named first.
_SPLIT = re.compile(r"(?:±|\+/?-|\+-)\s*([\d.]+)\s*V\s+(?:supplies|supply|rails?|split\s+supply)"
                    r"|\b(?:rails?|supplies|supply|powered\s+(?:from|by)|running\s+(?:from|on)|"
                    r"(?:op[- ]?amps?|comparators?)\s+(?:on|from))\s+(?:of\s+|at\s+|are\s+|=\s*)?"
                    r"(?:±|\+/?-|\+-)\s*([\d.]+)\s*V\b"
                    # ("a Schmitt trigger on +/-10 V": a split level something runs on, not a wave's)
                    r"|\bon\s+(?:±|\+/?-|\+-)\s*([\d.]+)\s*V\b(?!\s*(?:peak|pk|amplitude|p-?p|triangle|sine|square|"
                    r"ramp|wave|signal|input))", re.IGNORECASE)


def _split(text: str) -> float | None:
    """The magnitude of the split rails the request states (None: none)."""
    return float(m[1] or m[2] or m[3]) if (m := _SPLIT.search(text)) else None


# "a ±10 V output": the output's own swing, whatever the supplies; "a ±10 V op-amp" is one that swings so.
# "swings to +5 V when ... and to -5 V when ...": the same, said of its two levels.
# A verb or noun that says the output's levels follow ("swings", "slams", "toggles", "output levels").
_SAID_OF_OUTPUT = (r"(?:swing(?:s|ing)?|slam(?:s|ming)?|toggl(?:es|ing)|switch(?:es|ing)|flip(?:s|ping)?|saturat\w*|"
                   r"snap(?:s|ping)?|goes|going|output\s+levels?|outputs?)")
# ("whose +/-5 V square output at node sqo": the square wave's levels are the comparator's output's)
_SWING = re.compile(r"(?:±|\+/?-|\+-)\s*([\d.]+)\s*V\s+(?:(?:square|rectangular)(?:[\s-]+wave)?\s+)?"
                    r"(?:output|swing|op[- ]?amps?|comparators?)"
                    r"|\bswings?\s+to\s+\+?([\d.]+)\s*V\b(?=(?:[^.;]|\.\d)*\bto\s+[-\u2212]\2\s*V\b)"
                    r"|\bswing(?:s|ing)?\s+(?:between\s+)?(?:±|\+/?-|\+-)\s*([\d.]+)\s*V\b"
                    # "output +/-5 V at sch_out"
                    r"|\boutput\s+(?:swings?\s+|levels?\s+)?(?:of\s+)?(?:±|\+/?-|\+-)\s*(?P<o>[\d.]+)\s*V\b"
                    # "swings between +5 V and -5 V", "slams from -12 V to +12 V", "output levels +3 V / -3 V"
                    # (not "switches at +2 V and -2 V": those are switching points)
                    rf"|\b{_SAID_OF_OUTPUT}\s+(?:(?:between|from|to|of|is|are)\s+)?"
                    r"(?:(?:\+\s*(?P<p>[\d.]+)\s*V?\s*(?:and|to|/|or)\s*[-\u2212]\s*(?P=p))"
                    r"|(?:[-\u2212]\s*(?P<n>[\d.]+)\s*V?\s*(?:and|to|/|or)\s*\+\s*(?P=n)))\s*V\b", re.IGNORECASE)


def _swing(text: str) -> float | None:
    """The output level (each side of zero) the request states for a comparator's output."""
    return float(next(g for g in (m[1], m[2], m[3], m["o"], m["p"], m["n"]) if g)) if (m := _SWING.search(text)) \
        else None


def claim(f: _Filler, levels: tuple[float, ...]) -> None:
    """The request's volt values at these levels are read here (the roles the reader gave them, or none)."""
    for value in list(f.intent.values.values()):
        if value.unit == "V" and value.value in levels:
            f.given(value.role, value.value)
    f.intent.extra_values[:] = [x for x in f.intent.extra_values if not (x.unit == "V" and x.value in levels)]


def comparator_block(f: _Filler) -> str:
    split, stated = _split(f.intent.description), given(f.intent, "VDD")
    if (swing := _swing(f.intent.description)) is not None:  # the output saturates at SAT vdd
        claim(f, (swing, -swing))
        f.param("swing", f"{swing:g}")  # (written as stated: the request's figure is in the netlist)
        f.param("vdd", f"{{swing/{SAT:g}}}")
        return f"{COMPARATOR}\n{GEAR}\n* output levels +{swing:g} V and -{swing:g} V, as stated"
    elif split and (stated is None or abs(stated) != split):
        f.param("vdd", f"{split:g}")
    else:  # the rails, +-vdd, read by the output ("±12 V supplies" is the VDD the reader gave)
        f.supply("vdd", 12, magnitude=True)
    if RAIL_TO_RAIL.search(f.intent.description):  # "output swings to the rails": 99 % of them
        return f"{COMPARATOR.replace(f'sat={SAT:g}', 'sat=0.99', 1)}\n{GEAR}"
    return f"{COMPARATOR}\n{GEAR}"


# "rail-to-rail output", "the output swings to the rails", "output goes rail to rail"
RAIL_TO_RAIL = re.compile(r"\brail[- ]to[- ]rail\b|\bswings?\s+(?:all\s+the\s+way\s+)?to\s+(?:the|both|its)\s+rails\b"
                          r"|\bswings?\s+fully\b|\bfull[- ](?:rail|swing)\b", re.IGNORECASE)


def saturation(intent, share: float = SAT) -> float:
    """The comparator's output level: the swing stated, else `share` of the supply (12 V unless the request gives
    one): SAT, or a rail-to-rail instance's (its `sat`)."""
    if (swing := _swing(intent.description)) is not None:
        return swing
    if share == SAT and RAIL_TO_RAIL.search(intent.description):
        share = 0.99
    split = _split(intent.description)
    return share * (split if split else abs(given(intent, "VDD") or 12.0))


_V = r"[-+\u2212]?\d+(?:\.\d+)?"
_POINT = r"(?:thresholds?|switching\s+(?:points?|levels?|thresholds?)|trip(?:\s+|-)(?:points?|levels?)|" \
         r"trigger\s+(?:points?|levels?))"
# "switching thresholds at +2 V and -2 V", "switching points +1 V and -1 V", "trip points of ±1.5 V"
# ("thresholds 2.0 V (rising output) and 3.0 V": a gloss on the first point)
# ("switching at +2 V and -2 V", "trips at 1 V / -1 V": the pair said with a verb)
_TRIP_PAIR = re.compile(r"(?:" + _POINT + r"|(?:switch(?:es|ing)?|trips?|tripping|flips?|toggles?)(?=\s+at\b))"
                        r"\s*(?:at|of|are|=|:)?\s*(?:(?:±|\+/?-)\s*(?P<pm>\d+(?:\.\d+)?)\s*V\b|"
                        rf"(?P<a>{_V})\s*V?\s*(?:\([^)]{{0,30}}\)\s*)?(?:and|,|/|&)\s*(?P<b>{_V})\s*V\b)",
                        re.IGNORECASE)
# "upper threshold 3 V ... lower threshold 2 V", "UTP = 3 V, LTP = 2 V"
_UPPER = re.compile(rf"(?:upper|higher|high|rising)\s+{_POINT}\s*(?:at|of|is|=|:)?\s*(?P<v>{_V})\s*V\b"
                    rf"|\butp\s*(?:at|of|is|=|:)?\s*(?P<w>{_V})\s*V\b", re.IGNORECASE)
_LOWER = re.compile(rf"(?:lower|low|falling)\s+{_POINT}\s*(?:at|of|is|=|:)?\s*(?P<v>{_V})\s*V\b"
                    rf"|\bltp\s*(?:at|of|is|=|:)?\s*(?P<w>{_V})\s*V\b", re.IGNORECASE)
# "thresholds 3 V rising and 2 V falling", "trips at 2 V going up, 1 V on the way down": each level with its direction
_RISING_AT = re.compile(rf"(?P<v>{_V})\s*V\s+(?:(?:when\s+|on\s+the\s+)?(?:rising|going\s+up|way\s+up)"
                        r"|up(?:ward)?\b)", re.IGNORECASE)
_FALLING_AT = re.compile(rf"(?P<v>{_V})\s*V\s+(?:(?:when\s+|on\s+the\s+)?(?:falling|going\s+down|way\s+down)"
                         r"|down(?:ward)?\b)", re.IGNORECASE)
# "once in rises above +1.5 V ... after it falls below -1.5 V": the pair in words, either order.
# (or "climbs past about 2.75 V ... falls under about 2.25 V")
_ABOUT = r"(?:about|around|roughly|approximately|some|~)?\s*"
# ("turns on above 3 V, off below 2 V", "switches high over 1 V and low under -1 V": said of the output)
_ABOVE = re.compile(rf"\b(?:(?:rises|goes|climbs|gets|moves|crosses|passes|ramps)\s+(?:back\s+)?"
                    rf"(?:above|past|over|beyond)|passes|exceeds|(?:turns?|switch(?:es)?|goes|trips)\s+(?:on|high)\s+"
                    rf"(?:above|over|past)|(?:rises|climbs|ramps\s+up)\s+(?:back\s+)?through)\s+{_ABOUT}(?P<v>{_V})\s*V\b",
                    re.IGNORECASE)
_BELOW = re.compile(rf"\b(?:(?:(?:falls|drops|goes|gets|sinks|moves|crosses|dips|comes\s+back|ramps)\s+(?:back\s+)?"
                    rf"|(?:(?:turns?|switch(?:es)?|goes)\s+)?(?:off|low)\s+)"
                    rf"(?:below|under|beneath)|(?:falls|drops|sinks|dips|ramps\s+down)\s+(?:back\s+)?through)\s+"
                    rf"{_ABOUT}(?P<v>{_V})\s*V\b", re.IGNORECASE)
# "100 mV of hysteresis centred on 2.5 V", "a hysteresis of 0.5 V around 2 V"
_CENTRED = re.compile(rf"(?:(?P<h>\d+(?:\.\d+)?)\s*(?P<u>m?)V\s+(?:of\s+)?hysteresis|hysteresis\s+(?:of\s+)?"
                      rf"(?P<h2>\d+(?:\.\d+)?)\s*(?P<u2>m?)V)\s*,?\s+(?:centred|centered|around|about)\s+"
                      rf"(?:on\s+|at\s+|around\s+)?(?P<c>{_V})\s*V\b", re.IGNORECASE)


# "±50 mV of hysteresis", "hysteresis of 20 mV either side of zero", "±0.1 V hysteresis around 2.5 V": the
# points that far each side of a level (zero unless said)
_EITHER_SIDE = re.compile(rf"(?:±|\+/?-|\+-)\s*(?P<h>\d+(?:\.\d+)?)\s*(?P<u>m?)V\s+(?:of\s+)?hysteresis"
                          rf"|hysteresis,?\s+(?:of\s+)?(?:±|\+/?-|\+-)?\s*(?P<h2>\d+(?:\.\d+)?)\s*(?P<u2>m?)V\s+"
                          rf"(?:on\s+)?(?:either|each|both)\s+(?:side|way|direction)s?"
                          rf"(?=(?:\s+(?:of|around|about)\s+(?:(?P<c>{_V})\s*V\b|zero|0\s*V))?)", re.IGNORECASE)


# Any of those statements, loosely, in a lower-cased request (for a rule): a trigger whose switching points are
# stated is this module's.
_UP = rf"(?:above|past|over|beyond|passes|exceeds)\s+{_ABOUT}{_V}\s*v\b"
_DOWN = rf"(?:below|under|beneath)\s+{_ABOUT}{_V}\s*v\b"
STATED_TRIPS = (rf"{_POINT}\s*(?:at|of|are|=|:)?\s*(?:±|\+/?-)?\s*{_V}\s*v?\s*(?:and|,|/|&|\b)|\b(?:upper|lower)\s+"
                rf"{_POINT}|\b[ul]tp\b|\b{_UP}[\s\S]*\b{_DOWN}|\b{_DOWN}[\s\S]*\b{_UP}|hysteresis,?\s+(?:centred|centered|around)")


def _volts(text: str) -> float:
    return float(text.replace("\u2212", "-"))


# The class: thresholds said as shares of the supply ("thresholds at one third and two thirds of the supply", "switching
# points at 1/3 and 2/3 of Vcc", "trip levels of 40 % and 60 % of the rail"): those shares of the supply stated.
_SHARES = {"one third": 1 / 3, "a third": 1 / 3, "1/3": 1 / 3, "two thirds": 2 / 3, "two-thirds": 2 / 3, "2/3": 2 / 3,
           "one quarter": 0.25, "a quarter": 0.25, "1/4": 0.25, "three quarters": 0.75, "three-quarters": 0.75,
           "3/4": 0.75, "half": 0.5, "one half": 0.5, "1/2": 0.5}
_SHARE = r"(?:" + "|".join(re.escape(k) for k in sorted(_SHARES, key=len, reverse=True)) + r"|\d+(?:\.\d+)?\s*%)"
_SHARE_PAIR = re.compile(rf"{_POINT}\s*(?:at|of|are|=|:|sit\s+at|lie\s+at)?\s*(?P<a>{_SHARE})\s*(?:and|,|/|&|to)\s*"
                         rf"(?P<b>{_SHARE})\s+(?:of\s+)?(?:the\s+)?(?:supply|rail|v\s*cc|v\s*dd|v\+)\b",
                         re.IGNORECASE)


def _share(said: str) -> float:
    said = " ".join(said.lower().split())
    return float(said.rstrip("% ")) / 100 if said.endswith("%") else _SHARES[said]


def trip_said(description: str, words: str) -> bool:
    """Whether `words` of the request lie inside its thresholds said as shares of the supply (_SHARE_PAIR)."""
    m, at = _SHARE_PAIR.search(description), description.find(words)
    return m is not None and at >= 0 and m.start() <= at and at + len(words) <= m.end() + 12


def supply_shares(description: str) -> tuple[float, float] | None:
    """(rising, falling) thresholds said as shares of the supply the request states (_SHARE_PAIR), in volts."""
    if not (m := _SHARE_PAIR.search(description)) or (supply := read_ports(description).supply) is None \
            or supply.value is None:
        return None
    a, b = _share(m["a"]) * supply.value, _share(m["b"]) * supply.value
    return (max(a, b), min(a, b)) if a != b else None


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
    elif (up := _RISING_AT.search(description)) and (down := _FALLING_AT.search(description)):
        high, low = _volts(up["v"]), _volts(down["v"])
    elif m := _CENTRED.search(description):
        width = float(m["h"] or m["h2"]) * (1e-3 if (m["u"] or m["u2"]) else 1)
        high, low = _volts(m["c"]) + width / 2, _volts(m["c"]) - width / 2
    elif m := _EITHER_SIDE.search(description):  # around zero unless a centre is said
        half = float(m["h"] or m["h2"]) * (1e-3 if (m["u"] or m["u2"]) else 1)
        centre = _volts(m["c"]) if m["c"] else 0.0
        high, low = centre + half, centre - half
    elif shares := supply_shares(description):
        high, low = shares
    if high is None or low is None or high == low:
        return None
    return max(high, low), min(high, low)


# "ramp the input from -5 to 5 V and back over 4 ms": a triangle, the sweep the request states.
_UP_AND_BACK = re.compile(r"from\s+([-+]?[\d.]+)\s*V?\s+to\s+([-+]?[\d.]+)\s*V\s+and\s+back\s+(?:again\s+)?"
                          rf"(?:over|in|within)\s+({TIME})", re.IGNORECASE)


def _one_sweep(text: str) -> tuple[float, float, float] | None:
    """(start level, turning level, length) of the one ramp up and back the request states: "from -5 to 5 V and back
    over 4 ms", "a 0 -> 3.3 V -> 0 triangle over 2 ms", "a 0-12-0 V triangle, 10 ms"."""
    if ramp := _UP_AND_BACK.search(text):
        return float(ramp[1]), float(ramp[2]), seconds(ramp[3])
    return levels_and_back(text)


def _sweep(f: _Filler) -> str:
    """A sine from -VIN up to +VIN and back (starting at its trough, so the trigger starts in a
    known state): the sweep that shows both thresholds when the request states none."""
    return f"V1 in 0 SIN(0 {f('VIN', 10)} {f('FREQ', 100)} 0 0 -90)"


# "a 1 kHz triangle from 0 to 5 V": the input; "out is 5 V while the triangle is below ctl and 0 V
# otherwise": a single-supply output, high while the input is below the reference.
_TRIANGLE = re.compile(r"triangle\s+(?:wave\s+)?from\s+([-+]?[\d.]+)\s*V?\s+to\s+([-+]?[\d.]+)\s*V\b", re.IGNORECASE)
_LEVELS_SAID = re.compile(r"\b(?:is|at|goes\s+(?:to\s+)?|sits\s+at)\s*([\d.]+)\s*V\s+(?:while|when|whenever)\b"
                          r"[^.;]*?\b0\s*V\s+otherwise", re.IGNORECASE)
# ("5 V while ctl is above the sawtooth": the wave below the level, said the other way round)
_HIGH_BELOW = re.compile(r"(?:high|[\d.]+\s*V)\s+(?:while|when|whenever)\s+(?:the\s+)?\w+\s+(?:is\s+|falls\s+|goes\s+)?"
                         r"below|(?:high|[\d.]+\s*V)\s+(?:while|when|whenever)\s+(?:the\s+)?(?:\w+\s+){0,2}?(?:is\s+)?"
                         r"(?:above|over|higher\s+than|exceeds)\s+(?:the\s+)?(?:sawtooth|saw|triangle|ramp|carrier)",
                         re.IGNORECASE)


def _logic_output(description: str) -> re.Match | None:
    """Where the request states a 0 .. V output ("a 0/5 V output", "5 V while ... and 0 V otherwise"); a span said
    of the input's wave ("a 0-3 V, 10 kHz sawtooth") is not the output's."""
    return next((m for m in _LOGIC_OUTPUT.finditer(description) if not _WAVE_NEXT.match(description, m.end())),
                None) or _LEVELS_SAID.search(description)


# ("a ramp from 0 to 5 V over 10 ms": a span the input covers in a time is the input's too)
_WAVE_NEXT = re.compile(r"\s*,?\s*(?:[\d.]+\s*[kKmM]?Hz\s*)?(?:triangle|sawtooth|saw|ramp|sine|wave|square|pulse)"
                        r"|\s+(?:linearly\s+)?(?:over|in|within|during)\s+(?:the\s+first\s+)?[\d.]", re.IGNORECASE)


def _logic_high(description: str) -> float | None:
    """The top of a 0 .. V output the request states."""
    said = _logic_output(description)
    return float(said[1]) if said else None


SINGLE_COMPARATOR = """.subckt comparator1 inp inn out vos=0
* Behavioural comparator on a single supply: output 0 to vdd, gain 1e4 around the switching point, 100 ns response.
Bq q 0 V={vdd/2*(1+tanh(2e4*(v(inp)-v(inn)+vos)/vdd))}
Rq q r 1k
Cq r 0 100p
Bout out 0 V={v(r)}
.ends comparator1"""
# "single 5 V supply", "single-supply 5 V", "a 5 V single supply", "single-rail 3.3 V": a 0 .. V output.
_SINGLE = re.compile(r"\bsingle[- ](?:supply|rail)\s+(?:of\s+)?\+?(?P<a>[\d.]+)\s*V\b|"
                     r"\bsingle\s+\+?(?P<b>[\d.]+)\s*V\s+(?:supply|rail)|"
                     r"(?P<c>[\d.]+)\s*V\s+single[- ](?:supply|rail)", re.IGNORECASE)
# "a 0/5 V output", "output swings 0 to 5 V", "op-amp on 0/5 V rails": the same, said of the output.
# "running off 5V", "powered from a 5 V supply": one positive supply, a single one when no negative rail is said
_POWERED = re.compile(r"\b(?:running|runs|run|powered|operating|working)\s+(?:off|from|on)\s+(?:an?\s+|the\s+)?"
                      r"\+?(?P<d>[\d.]+)\s*V\b", re.IGNORECASE)
_NEGATIVE_RAIL = re.compile(r"±|\+/?-|[-\u2212]\s*\d+(?:\.\d+)?\s*V\b|\bsplit|\bdual[- ](?:supply|rail)", re.IGNORECASE)
_ZERO_TO = re.compile(r"\b0\s*(?:/|to|-)\s*\+?([\d.]+)\s*V\s+(?:logic\s+)?(?:output|swing|rails?)"
                      r"|\boutput\s+(?:swings\s+)?(?:from\s+)?0\s*(?:/|to|-)\s*\+?([\d.]+)\s*V\b", re.IGNORECASE)


# "output ok is 5 V while vbat is healthy", "en is 5 V when ...", with "drops to 0" / "goes back to 0 V": the levels
# of a 0 .. V output
_OUTPUT_LEVEL = re.compile(r"\b(?:is|at|goes\s+(?:to\s+)?|sits\s+at|reads)\s*([1-9][\d.]*|0\.\d+)\s*V\s+"
                           r"(?:while|when|whenever|once|as\s+long\s+as|if)\b", re.IGNORECASE)
_ZERO_SAID = re.compile(r"\b(?:to|is|at)\s+0(?:\s*V)?\b(?![.\d])|\b0\s*V\s+(?:while|when|otherwise|once|if)\b",
                        re.IGNORECASE)


def _single_supply(intent, trip: tuple[float, float]) -> float | None:
    """The single supply a trigger runs on (its output 0 .. VDD): said ("single 5 V supply", "a 0/5 V output"),
    or a positive supply stated with no negative level anywhere and the switching points inside it; None:
    split rails (+-Vsat)."""
    text = intent.description
    if said := _SINGLE.search(text) or _ZERO_TO.search(text):
        return float(next(g for g in said.groups() if g))
    if (powered := _POWERED.search(text)) and not _NEGATIVE_RAIL.search(text):
        return float(powered["d"])
    if (level := _OUTPUT_LEVEL.search(text)) and _ZERO_SAID.search(text):  # "ok is 5 V while ... drops to 0"
        return float(level[1])
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
                            # (the wave's word is left for a statement after it: "±1 V, driven by a triangle on ±3 V")
                            rf"(?:(?![\d.]+\s*V\b)[^.;]){{0,30}}?\b(?=triangle)|triangle\s+(?:wave\s+)?(?:from|between)\s+"
                            rf"(?P<c>{_V})\s*V?\s+(?:to|and)\s+(?P<d>{_V})\s*V\b"
                            # "a 200 Hz triangle of 4 V peak", "triangle wave with ±3 V amplitude": said after the wave
                            rf"|triangle\s+(?:wave\s+)?(?:of|with|at|on)\s+(?:an?\s+)?(?:(?:±|\+/?-)\s*(?P<pm2>\d+(?:\.\d+)?)\s*V"
                            rf"|(?P<pk2>\d+(?:\.\d+)?)\s*V\s*(?:peak|pk|amplitude)"
                            rf"|(?P<pp2>\d+(?:\.\d+)?)\s*V\s*(?:p-?p|pp|peak[- ]to[- ]peak))", re.IGNORECASE)


def _triangle_said(text: str) -> re.Match | None:
    """The triangle's levels as stated: said after the wave first ("a triangle on ±3 V"), else before it, never
    the switching points ("thresholds ±1 V, driven by a triangle")."""
    points = [m.span() for m in _TRIP_PAIR.finditer(text)]
    said = [m for m in _TRIANGLE_SAID.finditer(text) if not any(a <= m.start() < b for a, b in points)]
    return next((m for m in said if m["c"] or m["pm2"] or m["pk2"] or m["pp2"]), said[0] if said else None)


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


_RAMP_VERB = r"(?:ramps?|ramping|rises|rising|falls|falling|sweeps?|sweeping|goes|going|drops|dropping|moves|moving)"
# "vbat falling linearly from 4 V to 2.5 V over 10 ms and back up to 4 V by 20 ms", "vs ramps 3 V -> 5 V in 10 ms
# then back to 3 V at 20 ms", "drive cin with a ramp from 0 to 5 V over 10 ms", "sweep sense with a PWL ramp 0 to
# 3 V over 5 ms": the input's levels in time (a PWL), and the node it is said of.
_RAMP_SAID = re.compile(
    rf"(?:(?P<node>[a-z]\w{{0,7}})\s+{_RAMP_VERB}|(?:drive|driving|sweep|sweeping|ramp|ramping)\s+(?P<node2>[a-z]\w{{0,7}})"
    rf"\s+with\s+(?:an?\s+)?(?:(?:linear|pwl|voltage)\s+)*(?:ramp|pwl|sweep)(?:\s*\(pwl\))?)\s+(?:linearly\s+)?"
    rf"(?:from\s+)?(?P<a>{_V})\s*V?\s*(?:->|→|to)\s*(?P<b>{_V})\s*V\s+(?:linearly\s+)?(?:over|in|within)\s+"
    rf"(?P<t1>{TIME})(?:\s*(?:\(pwl\))?\s*,?\s*(?:and|then)\s+(?:then\s+)?back\s+(?:up\s+|down\s+)?(?:again\s+)?to\s+"
    rf"(?P<c>{_V})\s*V\s+(?P<rel>by|at|over|in|within)\s+(?P<t2>{TIME}))?", re.IGNORECASE)


# "a triangle PWL 0 V at 0, 5 V at 1 ms, 0 V at 2 ms": the points as levels at times
_POINT_AT = rf"{_V}\s*V\s+at\s+(?:t\s*=\s*)?(?:0\b|{TIME})"
_POINTS_SAID = re.compile(rf"{_POINT_AT}(?:\s*,\s*(?:and\s+|then\s+)?{_POINT_AT})+", re.IGNORECASE)


def ramp_said(description: str) -> tuple[str | None, list[tuple[float, float]]] | None:
    """The node a stated ramp drives (None: not said) and its (time, level) points."""
    if (m := _RAMP_SAID.search(description)) is None:
        if (listed := _POINTS_SAID.search(description)) is None:
            return None
        points = [(seconds(p[2]), _volts(p[1])) for p in re.finditer(
            rf"({_V})\s*V\s+at\s+(?:t\s*=\s*)?(0\b|{TIME})", listed[0], re.IGNORECASE)]
        return (None, points) if all(a[0] < b[0] for a, b in zip(points, points[1:])) else None
    t1 = seconds(m["t1"])
    points = [(0.0, _volts(m["a"])), (t1, _volts(m["b"]))]
    if m["c"] is not None:
        t2 = seconds(m["t2"])
        points.append((t2 if m["rel"].lower() in ("by", "at") else t1 + t2, _volts(m["c"])))
    if any(b[0] <= a[0] for a, b in zip(points, points[1:])):
        return None
    node = (m["node"] or m["node2"] or "").lower()
    return (node if node and node not in ("input", "it", "signal", "voltage", "supply", "which") else None), points


def _stimulus(f: _Filler) -> tuple[str, str, tuple[float, float]] | None:
    """A stated ramp's source on its node (or in), the node and the transient that shows it."""
    if (ramp := ramp_said(f.intent.description)) is None:
        return None
    node, points = ramp
    node = node or "in"
    for value in list(f.intent.values.values()):  # its levels and times are the ramp's, read
        if any(value.value in pair for pair in points):
            f.given(value.role, value.value)
    f.intent.extra_values[:] = [x for x in f.intent.extra_values if not any(x.value in pair for pair in points)]
    stop = points[-1][0]
    pwl = " ".join(f"{format_eng(t)} {v:g}" for t, v in points)
    return f"V1 {node} 0 PWL({pwl})", node, (stop / 2000, stop)


def _drive(f: _Filler, trip: tuple[float, float], low: float, high: float) -> tuple[str, float]:
    """The input source, a triangle that starts low (so the trigger starts in a known state) and crosses
    both switching points, and its period: the stated ramp or triangle, else one span beyond each point
    (within a single supply's rails). A stated sine is that sine, from its trough."""
    text = f.intent.description
    if (sine := _SINE_LEVEL.search(text)) and "FREQ" in f.intent.values:
        amplitude, swing = float(sine["a"]), saturation(f.intent)
        if (said := f.intent.values.get("VIN")) is not None and said.value == swing != amplitude:
            del f.intent.values["VIN"]  # "±5 V output swing" read as the input's level: the sine's is said
        both = {amplitude, swing}  # "two values for VIN (5 V and 1 V)": the swing and the sine's, each placed
        f.intent.warnings[:] = [w for w in f.intent.warnings if not (
            w.startswith("two values for VIN") and {_volts(x) for x in re.findall(r"[\d.]+(?= ?V)", w)} == both)]
        if "VIN" in f.intent.values:
            f.given("VIN", amplitude)
        return f"V1 in 0 SIN(0 {sine['a']} {f('FREQ', 100)} 0 0 -90)", 1 / f.number("FREQ", 100)
    if ramp := _one_sweep(text):
        low_, high_, length = ramp
        return f"V1 in 0 PWL(0 {low_:g} {format_eng(length / 2)} {high_:g} {format_eng(length)} {low_:g})", length
    period = _period(f)
    if m := _triangle_said(text):
        peak_to_peak = m["pp"] or m["pp2"]
        half = m["pm"] or m["pk"] or m["pm2"] or m["pk2"] or (peak_to_peak and str(float(peak_to_peak) / 2))
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
    f.intent.extra_values[:] = [x for x in f.intent.extra_values if not (x.unit == "V" and x.value in trip)]
    placed = set(trip)
    if stated := _stimulus(f):
        drive, inp, f.tran = stated
        placed |= {v for _, v in ramp_said(f.intent.description)[1]}  # type: ignore[index]
    else:
        (drive, period), inp = _drive(f, trip, vol, voh), "in"
        # (a ramp up and back said with its length is the run: "test with a 0-12-0 V triangle, 10 ms")
        f.tran = (period / 2000, period if _one_sweep(f.intent.description) else 2.5 * period)
    # "two values for VIN (3.0 V and 0 V)", "... for VBIAS (2.1 V and 1.2 V)": the switching points and the stated
    # ramp's level, each placed
    f.intent.warnings[:] = [w for w in f.intent.warnings if not (
        w.startswith("two values for") and {_volts(x) for x in re.findall(r"[-\d.]+(?= ?V)", w)} <= placed)]
    ref = "0" if abs(vref) < 1e-9 else "ref"
    f.param("vhigh", f"{high:g}")  # the switching points, as stated
    f.param("vlow", f"{low:g}")
    lines = [block, drive, f"* switching points {high:g} V rising (vhigh), {low:g} V falling (vlow); output {vol:g} .. "
                           f"{voh:g} V"]
    if (shares := _SHARE_PAIR.search(f.intent.description)) and supply_shares(f.intent.description) == trip:
        lines.append(f"* thresholds at {shares['a']} and {shares['b']} of the supply")  # (as the request said them)
    # a reference the request states at the level the points need ("around a 2.5 V reference") is that one
    said = next((role for role, v in f.intent.values.items() if v.unit == "V" and role in ("VBIAS", "VREF", "VIN")
                 and v.value not in trip and abs(v.value - vref) <= 1e-3 * max(abs(vref), 1e-3)), None)
    lines += [f"V2 ref 0 DC {f(said, vref) if said else f'{vref:.6g}'}"] if ref != "0" else []
    if inverting:
        return "\n".join(lines + [f"R1 out p {format_eng(r1)}", f"R2 p {ref} {f('R2', 10e3)}",
                                  f"X1 p {inp} out {comparator}"])
    return "\n".join(lines + [f"R1 {inp} p {format_eng(r1)}", f"R2 p out {f('R2', 10e3)}",
                              f"X1 p {ref} out {comparator}"])


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
# ("2 V < sense < 4 V", "1 V <= vin <= 3 V": the window as an inequality)
_BETWEEN = re.compile(r"between\s+(-?[\d.]+)\s*V?\s+and\s+(-?[\d.]+)\s*V\b"
                      r"|(-?[\d.]+)\s*V?\s*<=?\s*\w+\s*<=?\s*(-?[\d.]+)\s*V\b"
                      r"|(?P<c>-?[\d.]+)\s*V?\s*(?:±|\+/-|\+-)\s*(?P<h>[\d.]+)\s*V\b", re.IGNORECASE)
# "on 5 V", "on a single 12 V", "a 5 V supply": the logic supply the output pulls up to.
_ON_SUPPLY = re.compile(r"\bon\s+(?:an?\s+)?(?:single\s+)?\+?([\d.]+)\s*V\b|\b([\d.]+)\s*V\s+(?:supply|rail)\b",
                        re.IGNORECASE)


# The limits said by their own words: "thresholds at 2 V and 4 V", "limits of 1.5 and 3.5 V", "a window from 2 V to
# 4 V", "trip points 1 V / 3 V"; or each by its side: "lower threshold 2 V, upper threshold 4 V", "an upper limit of
# 3 V and a lower limit of 1 V".
_LIMITS = re.compile(r"\b(?:thresholds?|limits?|trip\s+points?|edges?|window)\s+(?:(?:are|is|sit|set|lie|runs?|"
                     r"spans?|goes|placed)\s+)?(?:at\s+|of\s+|from\s+|=\s*|:\s*)?(-?\d+(?:\.\d+)?)\s*V?\s*"
                     r"(?:and|to|/|-|\u2013)\s*(-?\d+(?:\.\d+)?)\s*V\b", re.IGNORECASE)
_SIDE = re.compile(r"\b(?P<side>lower|upper|low|high|bottom|top)(?:er)?\s+(?:threshold|limit|trip\s+point|edge)"
                   r"\s+(?:\w+\s+){0,2}?(?:at\s+|of\s+|=\s*|:\s*)?(?P<v>-?\d+(?:\.\d+)?)\s*V\b", re.IGNORECASE)


def _edges(text: str) -> tuple[str, str] | None:
    """(lower, upper) limits of the window as the request words them."""
    if (m := _BETWEEN.search(text)) is None:
        sides = {s["side"].lower() in ("upper", "high", "top"): s["v"] for s in _SIDE.finditer(text)}
        if len(sides) == 2 and float(sides[False]) < float(sides[True]):
            return sides[False], sides[True]
        if (limits := _LIMITS.search(text)) is not None and float(limits[1]) != float(limits[2]):
            low, high = sorted((limits[1], limits[2]), key=float)
            return low, high
        return None
    if m["c"]:
        centre, half = float(m["c"]), float(m["h"])
        return f"{centre - half:g}", f"{centre + half:g}"
    low, high = sorted((g for g in m.groups()[:4] if g), key=float)
    return low, high


def _logic_supply(text: str) -> str | None:
    return next((g for g in m.groups() if g), None) if (m := _ON_SUPPLY.search(text)) else None


def _window_levels(f: _Filler) -> tuple[float, float, float]:
    """(lower limit, upper limit, logic supply): as the request words them, else the roles."""
    edges, on = _edges(f.intent.description), _logic_supply(f.intent.description)
    if sides := sided_outputs(f.intent.description):
        edges = (f"{sides['below'][1]:g}", f"{sides['above'][1]:g}")
    low, high = (float(edges[0]), float(edges[1])) if edges else (used(f, "VLOW"), used(f, "VHIGH"))
    return low, high, float(on) if on else used(f, "VLOGIC")


def _window_function(f: _Filler) -> list:
    low, high, logic = _window_levels(f)
    half = logic / 2
    if sided_outputs(f.intent.description) is not None:  # each output high past its own limit only
        below, above = "below", "{out}"
        samples = {"b": low / 2, "m": (low + high) / 2, "a": high + (high - low) / 2}
        sweep = f"dc {{src}} 0 {samples['a'] * 1.2:g} {samples['a'] / 400:g}\n"
        return [Probe(f"function: one output high below {low:g} V only, the other above {high:g} V only (wrong "
                      "samples: 0 expected)", sweep + "\n".join(
                          f"meas dc {k}{n} find v({node}) at={v:g}" for k, v in samples.items()
                          for n, node in (("l", below), ("h", above)))
                      + f"\nlet result = (bl lt {half:g}) + (bh gt {half:g}) + (ml gt {half:g}) + (mh gt {half:g})"
                        f" + (al gt {half:g}) + (ah lt {half:g})", 0, 0)]
    samples = {"m": (low + high) / 2, "b": low / 2, "a": high + (high - low) / 2}
    # where it switches: high at the lower limit, low again at the upper one (each within 2 % of the upper)
    sweep = f"dc {{src}} 0 {samples['a'] * 1.2:g} {samples['a'] / 2000:g}\n"
    edges = [Probe(f"function: out switches {way} at the {side} limit, {at:g} V",
                   sweep + f"meas dc result when v({{out}})={half:g} {cross}=1", at - 0.02 * high, at + 0.02 * high)
             for way, side, at, cross in (("high", "lower", low, "rise"), ("low", "upper", high, "fall"))]
    return edges + [Probe("function: high inside the window, low below and above it (wrong samples: 0 expected)",
                  f"dc {{src}} 0 {samples['a'] * 1.2:g} {samples['a'] / 400:g}\n"
                  + "\n".join(f"meas dc {k} find v({{out}}) at={v:g}" for k, v in samples.items())
                  + f"\nlet result = (m lt {half:g}) + (b gt {half:g}) + (a gt {half:g})", 0, 0)]


_NUM = r"[-+\u2212]?\d+(?:\.\d+)?"
# "a 0-5 V triangle at 20 kHz", "a 0-3 V, 10 kHz sawtooth", "a sawtooth from 0 to 3 V": the input's wave and span
_WAVE_SAID = re.compile(rf"(?P<a>{_NUM})\s*(?:V\s*)?(?:-|\u2013|to|/)\s*(?P<b>{_NUM})\s*V\b"
                        rf"(?:(?![\d.]+\s*V\b)[^.;]){{0,30}}?\b(?P<kind>triangle|sawtooth|saw|ramp\s+wave)"
                        rf"|(?P<kind2>triangle|sawtooth|saw)(?:[- ]wave)?\s+"
                        rf"(?:from|between)\s+(?P<c>{_NUM})\s*V?\s+(?:to|and)\s+(?P<d>{_NUM})\s*V\b"
                        # "a 10 kHz sawtooth (0 to 5 V)": its span in parentheses
                        rf"|(?P<kind3>triangle|sawtooth|saw)(?:[- ]wave)?\s*\(\s*(?:from\s+)?(?P<e>{_NUM})\s*V?\s*"
                        rf"(?:to|-|\u2013|/)\s*(?P<g>{_NUM})\s*V\s*\)", re.IGNORECASE)
# "a 1.5 V control level", "a 2.5 V threshold", "reference of 1.2 V", "goes low once sense is above 1.2 V"
_REF_SAID = re.compile(rf"(?P<v>{_NUM})\s*V\s+(?:dc\s+(?:level|voltage)|(?:dc\s+)?(?:control(?:\s+(?:level|voltage|"
                       rf"input))?|reference|threshold|trip\s+(?:point|level)|set[- ]?point))\b"
                       rf"|\b(?:control(?:\s+(?:level|voltage))?|reference|threshold|trip\s+point)\s+(?:of|at|is|=|:)?\s*"
                       rf"(?P<v2>{_NUM})\s*V\b"
                       # "compare the ramp against 1 V", "the input versus a 2 V level"
                       rf"|\b(?:against|versus)\s+(?:an?\s+|the\s+)?(?P<v3>{_NUM})\s*V\b", re.IGNORECASE)
_CROSSED = re.compile(rf"\b(?:above|over|exceeds|past|beyond|below|under)\s+(?:an?\s+|the\s+)?(?P<v>{_NUM})\s*V\b",
                      re.IGNORECASE)
# "made by a divider from the 5 V rail", "comes from a resistor divider off the 3.3 V rail"
_DIVIDER = re.compile(r"\bdivider\b(?:[^.;]*?\b(?:from|off|across)\s+(?:the\s+|a\s+)?(?P<v>[\d.]+)\s*V\b)?",
                      re.IGNORECASE)
# "goes LOW once the input sense is above 1.2 V", "high while the control is above the triangle": high while the
# input is below the reference
_LOW_ABOVE = re.compile(r"\b(?:low|0\s*V)\s+(?:once|when|while|whenever|if|as\s+soon\s+as)\s+(?:[\w-]+\s+){0,4}?"
                        r"(?:is\s+|goes\s+|rises\s+|gets\s+|climbs\s+)?(?:above|over|past|beyond|exceeds)"
                        r"|\bhigh\s+(?:while|when|whenever)\s+the\s+(?:control|reference|threshold)\s+(?:level\s+)?"
                        r"(?:is\s+)?(?:above|over|exceeds)", re.IGNORECASE)


# "node alarm goes high (5 V) when tv drops below 1.8 V", "flag sits near 5 V when sense is above 2.5 V",
# "0 V once it exceeds 3 V": the output level said with the side of the reference it is said for
_LEVEL_WHEN = re.compile(r"\b(?:(?P<high>high)|low|(?P<v>\d+(?:\.\d+)?)\s*V)\b(?:\s*\([^)]*\))?[^.;]{0,40}?"
                         r"\b(?:when|while|whenever|once|if|as\s+soon\s+as)\b[^.;]{0,50}?\b(?:(?P<below>below|under|drops|dips|falls|"
                         r"sags|lower\s+than|less\s+than)|above|over|exceeds|higher\s+than|greater\s+than|rises\s+past)\b",
                         re.IGNORECASE)


def _high_below(text: str) -> bool:
    """Whether the request wants the output high while the input is below the reference."""
    if _HIGH_BELOW.search(text) or _LOW_ABOVE.search(text):
        return True
    if (said := _LEVEL_WHEN.search(text)) is None:
        return False
    high = bool(said["high"]) or (said["v"] is not None and float(said["v"]) > 0)
    return high == bool(said["below"])


@dataclass(frozen=True)
class _Setup:
    """What a comparator request states: its input (a wave, a ramp or a sine), reference and output stage."""
    wave: str  # "triangle" | "sawtooth" | "ramp" | "sine"
    node: str  # the input's node
    span: tuple[float, float]  # the wave's bottom and top (a sine: -amplitude, +amplitude)
    points: tuple[tuple[float, float], ...]  # a ramp's (time, level) points
    ref: float
    divider: float | None  # the rail a divider makes the reference from (None: a source)
    low: float  # the output's levels
    high: float
    pulled: tuple[float, float] | None  # an open-collector / open-drain output: (pull-up level, resistor)
    below: bool  # high while the input is below the reference


def _setup(f: _Filler) -> _Setup:
    text = f.intent.description
    pulled = _pull_up(text)
    logic = _logic_high(text)
    below = _high_below(text)
    said = _REF_SAID.search(text) or _CROSSED.search(text)
    level = (said["v"] or (said["v2"] or said["v3"] if said.re is _REF_SAID else None)) if said else None
    ref = _volts(level) if level else None
    # a comparator on a single supply ("single 5 V supply", "on a 5 V rail") swings 0 .. that supply
    single = None if pulled or logic is not None else _single_supply(f.intent, (ref or 0.0, ref or 0.0))
    low, high = (0.0, pulled[0]) if pulled else (0.0, logic) if logic is not None else (0.0, single) if single else \
        (-saturation(f.intent), saturation(f.intent))
    rail = _DIVIDER.search(text)
    ramp, wave = ramp_said(text), _WAVE_SAID.search(text) or _TRIANGLE.search(text)
    if ramp is not None:
        node, points = ramp[0] or "in", tuple(ramp[1])
        levels = [v for _, v in points]
        kind, span = "ramp", (min(levels), max(levels))
    elif wave is not None:
        node, points = "in", ()
        named = wave.groupdict()
        kind = "sawtooth" if "saw" in (named.get("kind") or named.get("kind2") or named.get("kind3") or "").lower() \
            else "triangle"
        ends = [x for x in wave.groups()[:2] if x] if wave.re is _TRIANGLE else \
            [x for x in (wave["a"], wave["b"], wave["c"], wave["d"], wave["e"], wave["g"]) if x]
        span = (min(map(_volts, ends)), max(map(_volts, ends)))
    else:
        node, points, kind = "in", (), "sine"
        amplitude = f.number("VIN", 5)
        crossed = ref if ref is not None else f.number("VBIAS", 2.5)
        if amplitude <= abs(crossed) and amplitude in (low, high):  # the output's level ("0 V or 3.3 V"), no drive
            amplitude = max(5.0, 2 * abs(crossed))
        span = (-amplitude, amplitude)
    if ref is None:
        ref = f.number("VBIAS", 2.5)
    divider = (float(rail["v"]) if rail["v"] else (pulled[0] if pulled else high if high > 0 else 5.0)) \
        if rail else None
    return _Setup(kind, node, span, points, ref, divider, low, high, pulled, below)


def _comparator(f: _Filler) -> str:
    setup = _setup(f)
    said = (setup.ref, *setup.span, setup.low, setup.high, setup.divider, *(t for t, _ in setup.points),
            *(setup.pulled or ()))
    for value in list(f.intent.values.values()):  # the levels, times and rails read above are these roles
        if value.value in said:
            f.given(value.role, value.value)
    f.intent.extra_values[:] = [x for x in f.intent.extra_values if x.value not in said]
    period = 1 / f.number("FREQ", 1e3)
    if setup.wave == "ramp":
        stop = setup.points[-1][0]
        signal = f"V1 {setup.node} 0 PWL({' '.join(f'{format_eng(t)} {v:g}' for t, v in setup.points)})"
        f.tran = (stop / 2000, stop)
    elif setup.wave in ("triangle", "sawtooth"):
        bottom, top = setup.span
        rise, fall = ("0.5", "0.5") if setup.wave == "triangle" else ("0.99", "0.01")
        f.param("fin", f("FREQ", 1e3))
        signal = f"V1 in 0 PULSE({bottom:g} {top:g} 0 {{{rise}/fin}} {{{fall}/fin}} 1n {{1/fin}})"
        f.tran = (period / 200, 20 * period)
    else:  # (the sine's amplitude as read: a stated VIN that is the output's level is not it)
        amplitude = f('VIN', 5) if f.number("VIN", 5) == setup.span[1] else f"{setup.span[1]:g}"
        signal = f"V1 in 0 SIN(0 {amplitude} {f('FREQ', 1e3)})"
    if setup.divider is not None:  # the reference from the rail: R4/(R3 + R4) of it, R4 = 10k
        f.param("vth", f"{setup.ref:g}")
        reference = [f"* {setup.ref:g} V threshold made by a divider from the {setup.divider:g} V rail",
                     f"V2 rail 0 DC {setup.divider:g}", f"R3 rail ref {{10k*({setup.divider:g}/vth-1)}}",
                     "R4 ref 0 10k"]
    else:
        reference = [f"V2 ref 0 DC {setup.ref:g}"]
    # "against 1 V on node lvl": the reference level placed on a node the request names is that node
    named = next((s.node for s in (f._request.sources if f._request else ()) if s.node and s.dc == setup.ref
                  and not (s.supply or s.pulse or s.sin or s.pwl) and s.node not in (setup.node, "out")), None)
    if setup.divider is None and named:
        reference = [f"V2 {named} 0 DC {setup.ref:g}"]
    # the input and output as the request words them (so its figures read as read)
    said_wave = _RAMP_SAID.search(f.intent.description) if setup.wave == "ramp" else \
        _WAVE_SAID.search(f.intent.description) if setup.wave != "sine" else None
    said_output = _logic_output(f.intent.description)
    reference[:0] = [f"* {what} as stated: {m[0]}" for what, m in (("input", said_wave), ("output", said_output)) if m]
    if setup.pulled is not None:
        # An open-collector (open-drain) output: the comparator turns the transistor on to pull out low, so it
        # compares the other way round; R1 lifts out to the pull-up's level while the transistor is off.
        f.param("vdd", f"{setup.pulled[0]:g}")
        pins = "ref " + setup.node if not setup.below else setup.node + " ref"
        drain = re.search(r"open[- ]drain", f.intent.description, re.IGNORECASE)
        switch = _mos_device(f, "n", "out", "b", "0", "0", "M1", 20e-6, 1e-6) if drain else \
            f"Q1 out b 0 {_bjt_model(f, 'n')}"
        body = [f"X1 {pins} a comparator1", "R2 a b 10k" if not drain else "R2 a b 100", switch,
                "V3 pull 0 DC {vdd}", f"R1 pull out {format_eng(setup.pulled[1])}"]
        return "\n".join([SINGLE_COMPARATOR, GEAR, signal, *reference, *body])
    if setup.low == 0:  # the 0 .. V output the request states
        f.param("vdd", f"{setup.high:g}")
        block, comparator = f"{SINGLE_COMPARATOR}\n{GEAR}", "comparator1"
    else:
        block, comparator = comparator_block(f), "comparator"
    ref = named if setup.divider is None and named else "ref"
    pins = f"{ref} {setup.node}" if setup.below else f"{setup.node} {ref}"
    return "\n".join([block, signal, *reference, f"X1 {pins} out {comparator}", "R1 out 0 100k"])


def _compares(f: _Filler) -> list:
    setup = _setup(f)
    swing, period = setup.high - setup.low, 1 / used(f, "FREQ")
    rails = Probe("function: its output swings rail to rail as the input crosses the reference",
                  "{tran}\nmeas tran result pp v({out}) from={half} to={stop}", 0.75 * swing, 1.1 * swing)
    if setup.wave in ("triangle", "sawtooth"):  # below the reference for (ref - bottom)/(top - bottom) of the time
        bottom, top = setup.span
        share = min(max((setup.ref - bottom) / (top - bottom), 0.0), 1.0)
        duty = share if setup.below else 1 - share
        mean = setup.low + duty * swing
        return [rails, Probe(f"function: high {100 * duty:.3g} % of the time (the reference's place in the wave)",
                             "{tran}\nmeas tran result avg v({out}) from={half} to={stop}",
                             mean - 0.04 * swing, mean + 0.04 * swing)]
    if setup.wave == "ramp":  # the output flips where the ramp crosses the reference
        crossing = next((t0 + (setup.ref - v0) / (v1 - v0) * (t1 - t0) for (t0, v0), (t1, v1)
                         in zip(setup.points, setup.points[1:]) if min(v0, v1) < setup.ref < max(v0, v1)), None)
        if crossing is None:
            return [Probe("function: the ramp never crosses the reference, so the output holds",
                          "{tran}\nmeas tran result pp v({out})", 0, 0.1 * swing)]
        rising = setup.points[1][1] > setup.points[0][1]
        edge = "fall" if rising == setup.below else "rise"
        mid = (setup.low + setup.high) / 2
        return [Probe(f"function: switches at {format_eng(crossing)}s, where the input crosses {setup.ref:g} V",
                      f"{{tran}}\nmeas tran result when v({{out}})={mid:g} {edge}=1",
                      0.97 * crossing - 1e-6, 1.03 * crossing + 1e-6)]
    # The input's positive peak (the second: settled): high there, or low when high below the reference.
    level = setup.low if setup.below else setup.high
    return [rails, Probe(f"function: {'low' if setup.below else 'high'} at the input's positive peak (above the "
                         "reference)", f"{{tran}}\nmeas tran result find v({{out}}) at={1.25 * period:g}",
                         level - 0.25 * swing, level + 0.05 * swing)]


register(Family(kind="comparator", function=_compares,
                summary="open-loop voltage comparator against a reference", build=_comparator,
                # ("PWM generator: compare a sawtooth with a 2 V level": a comparator by what it does)
                rules=((5.2, (word("comparator") + r"s?\b",)),
                       (5.21, (r"\bpwm\b|pulse[- ]width\s+modulat",
                               r"\bcompar(?:e|es|ing)\b|\bsawtooth|\bsaw\b|\btriangle"))),
                analysis="tran", tran=("5u", "3m"), signal_input=True,
                names=("voltage comparator", "op-amp comparator", "open-loop comparator", "comparator circuit",
                       "PWM comparator"),
                accepts=r"(?:pwm|pulse[- ]width(?:[- ]modulation)?)\s+(?:modulator|generator|comparator)",
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
    # (a bare resistance beside the named one is the other: "47k from output to +, 10k from there to ground")
    values = f.intent.values
    r1, r2 = (f("R1", r1_default, "RF", "R"), f("R2", 10e3, *(("R",) if "RF" in values else ()))) if inverting else \
        (f("R1", r1_default, "RIN", "R"), f("R2", 10e3, "RF", *(("R",) if "RIN" in values else ())))
    if inverting:  # the input on the - input; R1 (output to +) and R2 (+ to ground) feed back
        body = [f"R1 out p {r1}", f"R2 p 0 {r2}", "X1 p in out comparator"]
    else:  # the input through R1 to +, R2 from the output back to +; - at ground
        body = [f"R1 in p {r1}", f"R2 p out {r2}", "X1 p 0 out comparator"]
    block = comparator_block(f)
    said = _UP_AND_BACK.search(f.intent.description) or _triangle_said(f.intent.description)
    drive = _drive(f, (0.0, 0.0), -saturation(f.intent), saturation(f.intent))[0] if said else _sweep(f)
    return "\n".join([block, drive, *body])


_SCHMITT = r"schmitt|hysteresis|regenerative comparator"
# "high when the input is above", "the output rises when the input goes above 2 V", "switches high once in climbs
# above": the output follows the input's side, a non-inverting trigger (lower-cased, for a rule).
# Said of the output's low side: "drops to 0 when vbat falls below 3 V", "goes low once the sense dips under".
# "en is 5 V when the supply sense vs rises past": a level for "high", a few words for the input.
_WHEN = r"\s+(?:when|once|as\s+soon\s+as|as|after|if|whenever)\s+(?:[\w-]+\s+){0,4}?"
OUTPUT_FOLLOWS = (r"(?:turns?|switch(?:es)?|goes)\s+(?:on|high)\s+(?:above|over|past)\s+[-+\u2212]?\d"
                  r"|(?:(?:high|rises|goes\s+up|switches\s+(?:on|high)|turns\s+on|(?:is\s+|goes\s+(?:to\s+)?)"
                  r"(?:[1-9][\d.]*|0\.\d+)\s*v)" + _WHEN +
                  r"(?:(?:is\s+|goes\s+|rises\s+|gets\s+|climbs\s+|moves\s+|crosses\s+|ramps\s+)?(?:back\s+)?"
                  r"(?:above|past|over|beyond)|passes|exceeds)"
                  r"|(?:low|drops|falls|goes\s+(?:low|down)|switches\s+(?:off|low)|turns\s+off|(?:drops|falls|goes)\s+"
                  r"to\s+0(?:\s*v)?)" + _WHEN +
                  r"(?:is\s+|goes\s+|falls\s+|drops\s+|gets\s+|sinks\s+|dips\s+|moves\s+|crosses\s+)(?:back\s+)?"
                  r"(?:below|under|beneath))")
# A supply monitor whose switching points are stated: its output follows the supply (high while it is healthy).
_MONITOR = (r"under[- ]?voltage|\buvlo\b|brown[- ]?out|lock[- ]?out|over[- ]?voltage|supervisor|"
            r"battery\s+(?:[\w-]+\s+)?(?:monitor|detector|alarm)")
for _kind, _inverting, _names, _rule in (
        ("schmitt_inverting", True, ("inverting Schmitt trigger", "Schmitt trigger", "comparator with hysteresis",
                                     "inverting comparator with hysteresis"), (5.05, (_SCHMITT,))),
        ("schmitt_noninverting", False, ("non-inverting Schmitt trigger", "noninverting comparator with hysteresis",
                                         "non-inverting Schmitt trigger circuit"),
         # a zero-crossing detector with hysteresis is high while its input is above zero, as one without
         # (not the op-amp's pin: "47k from output to the non-inverting input" of an inverting trigger)
         (5.0, (_SCHMITT, r"non[- ]?inverting(?!\s+(?:input|pin|terminal|side))|zero[- ]cross|" + OUTPUT_FOLLOWS)))):
    register(Family(kind=_kind, summary=f"{'inverting' if _inverting else 'non-inverting'} Schmitt trigger "
                                        "(comparator with hysteresis)",
                    build=partial(_schmitt, inverting=_inverting), names=_names,
                    rules=(_rule,) if _inverting else (_rule, (5.0, (_MONITOR, STATED_TRIPS))), analysis="tran",
                    tran=("2u", "20m"), signal_input=True, function=_hysteresis(_inverting),
                    accepts=r"comparators?|hysteresis|trigger", specs=("hysteresis",),
                    design=_hysteresis_design(_inverting),
                    examples=(("hysteresis", f"{'inverting' if _inverting else 'non-inverting'} Schmitt trigger "
                                             "with {x} V of hysteresis", 0.5, 8),)))


def _window(f: _Filler) -> str:
    edges, on = _edges(f.intent.description), _logic_supply(f.intent.description)
    if sides := sided_outputs(f.intent.description):
        edges = (f"{sides['below'][1]:g}", f"{sides['above'][1]:g}")
    if edges:  # a limit read as no role at all is the family's own (VLOW, VHIGH): placed, so it is used
        for role, edge in (("VLOW", edges[0]), ("VHIGH", edges[1])):
            said = next((x for x in f.intent.extra_values if x.unit == "V" and x.value == float(edge)), None)
            if said is not None and role not in f.intent.values:
                f.intent.extra_values.remove(said)
                f.intent.values[role] = Value(role, said.value, said.text, said.unit)
                f.given(role, said.value)
    low, high = edges if edges else (f("VLOW", 3), f("VHIGH", 7))
    for said in list(f.intent.values.values()):  # a limit the reader gave a voltage role is the one used
        if edges and said.unit == "V" and said.value in (float(low), float(high)):
            f.given(said.role, said.value)
    logic = on if on else f("VLOGIC", 5)
    if sides:
        if (supply := f.intent.values.get("VDD")) is not None and supply.value == float(logic):
            f.given("VDD", supply.value)  # "on a 12 V rail": the outputs' high level
        # An output for each side, rail to rail from the supply (its "output" ports, below then out, take the names
        # the request gives them): below high under the lower limit, out over the upper one; behavioural, 1 mV wide.
        return "\n".join([f"V1 in 0 DC {f('VIN', 5)}", f"V4 vdd 0 DC {logic}", f"V2 hi 0 DC {high}",
                          f"V3 lo 0 DC {low}", "B1 below 0 V={v(vdd)*0.5*(1+tanh((v(lo)-v(in))/1m))}",
                          "R1 below 0 100k", "B2 out 0 V={v(vdd)*0.5*(1+tanh((v(in)-v(hi))/1m))}", "R2 out 0 100k",
                          # (the comparators' input resistance and their supply's 0.5 mA per 5 V)
                          "R3 in 0 10meg", "R4 vdd 0 10k"])
    q = _bjt_model(f, "n")
    # X1 goes high above the upper limit, X2 below the lower one; each turns on its open-collector
    # transistor (Q1, Q2: the LM393's output stage), which pulls the shared output low, so out is
    # high (R1 to the logic supply) only inside the window and low at the transistors' saturation.
    block = comparator_block(f) if not on else f"{COMPARATOR}\n{GEAR}"
    if on:  # the comparators' rails are the supply the request names
        f.param("vdd", on)
    return "\n".join([block, f"V1 in 0 DC {f('VIN', 5)}", f"V2 hi 0 DC {high}", f"V3 lo 0 DC {low}",
                      f"V4 logic 0 DC {logic}", "X1 in hi a comparator", "X2 lo in b comparator",
                      "R2 a a2 10k", "R3 b b2 10k", f"Q1 out a2 0 {q}", f"Q2 out b2 0 {q}",
                      f"R1 logic out {f('R', 10e3, 'RL', 'RPU')}"])


register(Family(kind="window_comparator", function=_window_function,
                summary="window comparator (high inside a voltage window)", build=_window,
                names=("window comparator", "window detector", "dual-limit comparator"),
                # ("window monitor: high whenever the sense is between 11 V and 14.4 V", "two comparators")
                rules=((4.99, (r"window (?:comparator|detector)|dual[- ]limit",)),
                       (4.995, (r"\bwindow\b", r"\bbetween\s+[-+]?\d[\d.]*\s*[vV]\s+and\s+[-+]?\d",
                                r"comparators?|\bflag\b|\bhigh\b|\blow\b"))), analysis="dc",
                ports=(("output", ("below", "out")),),
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


# A sine that starts at zero starts on the threshold: without an offset the output starts halfway and a measured
# crossing counts a half edge at t = 0. A -1 mV offset (a real part's) starts it low, below the threshold as
# before the sine begins, so the sine's first upward crossing is a full rising edge at t = 0+ (started high, the
# output hid that edge: rising edges counted from t = 0 came one late, and an edge-to-edge time had the wrong
# sign); the edges move by 1 mV / (2 pi f A) (3 us at 50 Hz, 1 V).
_START_LOW = "vos=-1m"
_LOAD = "R1 out 0 100k"  # a light load, as the logic input it drives would be


def _zero_crossing(f: _Filler) -> str:
    period = 1 / f.number("FREQ", 50)
    f.tran = (period / 500, 3 * period)
    # printed at ngspice's own time points (a few thousand: six edges), not interpolated to TSTEP, where ngspice 39
    # misplaces a crossing inside the first TSTEP: the first edge, at t = 0+, is measured where it is
    f.measures = [".print tran v(out)"]
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
        return "\n".join([SINGLE_COMPARATOR, GEAR, sine, "V2 pull 0 DC {vdd}", "X1 0 in a comparator1 vos=-1m",
                          "R2 a b 10k",
                          f"Q1 out b 0 {_bjt_model(f, 'n')}", f"R1 pull out {format_eng(pulled[1])}"])
    if logic := _LOGIC_OUTPUT.search(f.intent.description):
        f.param("vdd", logic[1])  # the single-supply comparator swings 0 .. vdd
        return "\n".join([SINGLE_COMPARATOR, GEAR, f"* output levels 0 V and {logic[1]} V, as stated", sine,
                          f"X1 in 0 out comparator1 {_START_LOW}", _LOAD])
    return "\n".join([comparator_block(f), sine, f"X1 in 0 out comparator {_START_LOW}", _LOAD])


def _crosses_zero(f: _Filler) -> list:
    logic, pulled = _LOGIC_OUTPUT.search(f.intent.description), _pull_up(f.intent.description)
    low, high = (0.0, pulled[0]) if pulled else (0.0, float(logic[1])) if logic else \
        (-saturation(f.intent), saturation(f.intent))
    # (the period of the sine the request states, "zx = SIN(0 2 60)", which the answer's source carries)
    stated = next((s.sin[2] for s in f.request.sources if s.sin and len(s.sin) > 2
                   and s.sin[2] > 0), None)
    swing, period = high - low, 1 / (stated or used(f, "FREQ"))
    # High at the input's positive peaks, low at its negative ones (the second period: settled) ...
    peaks = [Probe(f"function: {side} peak", f"{{tran}}\nmeas tran result find v({{out}}) at={at * period:g}",
                   level - 0.1 * swing, level + 0.05 * swing)
             for side, level, at in (("high at the input's positive", high, 1.25), ("low at its negative", low, 1.75))]
    if pulled:
        return peaks
    # ... and from the sine's start: its first rising edge as the sine first rises through zero, high for its
    # first half period (an output that starts high has no such edge)
    mid = (low + high) / 2
    return [*peaks, Probe("function: high from the sine's first upward zero crossing for half a period",
                          f"{{tran}}\nmeas tran result trig v({{out}}) val={mid:g} rise=1 "
                          f"targ v({{out}}) val={mid:g} fall=1", 0.45 * period, 0.55 * period)]


register(Family(kind="zero_crossing_detector", function=_crosses_zero,
                summary="zero-crossing detector (comparator against ground)", build=_zero_crossing,
                names=("zero-crossing detector", "zero crossing comparator", "zero-cross detector",
                       "sine-to-square wave converter"),
                # ("a comparator that flips as the sine passes through zero": the same, said of its input)
                rules=((5.15, (r"zero[- ]cross",)),
                       (5.16, (r"\bcomparator", r"\b(?:cross(?:es|ing)?|pass(?:es|ing)?(?:\s+through)?|goes\s+through|"
                                                r"through)\s+(?:zero|0\s*v)\b")),
                       # "sine to square wave converter", "sine-to-square circuit": a sine squared up at its zero
                       # crossings (before the clock source's "square wave", which makes one from nothing)
                       (0.69, (r"\bsine(?:[- ]?waves?)?\s*(?:-\s*)?(?:to|into|->)\s*(?:-\s*)?(?:an?\s+)?square",
                               r"^(?![\s\S]*\b(?:schmitt|hysteresis|op[- ]?amp\s+relaxation|lookup|rom)\b)"))),
                analysis="tran", tran=("20u", "60m"), signal_input=True,
                accepts=r"comparators?|converters?|squarers?"))


# --- a battery-low (undervoltage) detector: a divider off the battery against a reference --------------------------

# "battery-low detector", "low-battery warning", "undervoltage indicator on the cell": one trip point, no hysteresis
_LOW_BATTERY = (r"\blow[- ]?bat(?:tery)?\b|\bbattery[- ](?:low|monitor|detector|alarm|warning|indicator)"
                r"|under[- ]?voltage\s+(?:detector|indicator|warning|alarm)")
# "falls below 3.4 V", "drops under 3.0 V", "trips at 3 V", "threshold of 10.5 V": the battery's trip level
_TRIP = re.compile(r"(?:below|under|beneath|less\s+than|trips?\s+(?:at|point\s+(?:of|at|is)?)"
                   r"|threshold\s+(?:of|at|is|=)?)\s*(?P<v>\d+(?:\.\d+)?)\s*V\b", re.IGNORECASE)
# "a 1.24 V reference", "reference of 2.5 V", "against a 2.5 V bandgap"
_BATTERY_REF = re.compile(r"(?P<a>\d+(?:\.\d+)?)\s*V\s+(?:band-?gap\s+|precision\s+|voltage\s+|zener\s+)?"
                          r"(?:reference|ref|band-?gap)\b|\b(?:reference|vref)\s+(?:of|at|=|is)?\s*(?P<b>\d+(?:\.\d+)?)\s*V\b",
                          re.IGNORECASE)
# "goes low when", "active-low", "pulls low when the battery is low": the warning pulls its output low
_ACTIVE_LOW = re.compile(r"\bactive[- ]low\b|\b(?:goes|pulls?|drives?|switches)\s+(?:\w+\s+)?low\s+(?:when|once|if|as)",
                         re.IGNORECASE)
# "3.3 V logic", "pulled up to 5 V", "a pull-up to 3.3 V": the level the warning's pull-up lifts it to
_LOGIC_LEVEL = re.compile(r"(?P<a>\d+(?:\.\d+)?)\s*V\s+logic|pull(?:ed)?[- ]?up\s+(?:resistor\s+)?to\s+(?:an?\s+)?"
                          r"(?:\w+\s+)?(?P<b>\d+(?:\.\d+)?)\s*V\b", re.IGNORECASE)


# "the battery node vb", "a cell on node vcell", "battery voltage at vbatt": the battery's node, built under its name
_BATTERY_NODE = re.compile(r"\b(?:battery|cell)\s+(?:voltage\s+|rail\s+)?(?:(?:is\s+)?(?:on|at)\s+)?node\s+"
                           r"(?P<n>[a-z_]\w*)|\b(?:battery|cell)\s+(?:voltage\s+)?(?:on|at)\s+(?P<m>[a-z_]\w*)",
                           re.IGNORECASE)


@dataclass(frozen=True)
class _Battery:
    trip: float
    ref: float
    logic: float
    active_low: bool
    node: str


def _battery(f: _Filler) -> _Battery:
    """The detector as stated: its trip (else 3.3 V, a Li-ion cell's), its reference (else 1.24 V, a bandgap's,
    or half a lower trip), the logic level its pull-up lifts the warning to (else the supply, else 5 V)."""
    text = f.intent.description
    said_ref = _BATTERY_REF.search(text)
    ref = float(said_ref["a"] or said_ref["b"]) if said_ref else None
    trips = [float(m["v"]) for m in _TRIP.finditer(text) if ref is None or float(m["v"]) != ref]
    trip = trips[0] if trips else 3.3
    ref = ref if ref is not None and ref < trip else min(1.24, trip / 2)
    logic = _LOGIC_LEVEL.search(text)
    level = float(logic["a"] or logic["b"]) if logic else f.number("VDD", 5.0)
    named = _BATTERY_NODE.search(text)
    node = (named["n"] or named["m"]).lower() if named else "vbat"
    return _Battery(trip, ref, level, _ACTIVE_LOW.search(text) is not None,
                    node if node not in ("div", "ref", "a", "b", "pull", "out", "0") else "vbat")


def _battery_low(f: _Filler) -> str:
    b = _battery(f)
    for value in list(f.intent.values.values()):  # the levels read above are these roles
        if value.unit == "V" and value.value in (b.trip, b.ref, b.logic):
            f.given(value.role, value.value)
    f.intent.extra_values[:] = [x for x in f.intent.extra_values if x.value not in (b.trip, b.ref, b.logic)]
    f.param("vdd", f"{b.logic:g}")
    f.param("vtrip", f"{b.trip:g}")
    # R1/R2 put the divided battery at the reference when the battery is at the trip: R1 = R2 (Vtrip/Vref - 1).
    # The comparator drives an open-collector NPN; its collector, pulled up to the logic level, is the warning.
    # Active high: + on the divided battery, so a healthy battery turns Q1 on (out low), a low one lets R4 lift out.
    pins = "ref div" if b.active_low else "div ref"
    return "\n".join([SINGLE_COMPARATOR, GEAR, f"V1 {b.node} 0 DC {b.trip + 0.5:g}", f"V2 ref 0 DC {b.ref:g}",
                      f"R1 {b.node} div {format_eng(float(f'{100e3 * (b.trip / b.ref - 1):.4g}'))}", "R2 div 0 100k",
                      f"X1 {pins} a comparator1", "R3 a b 10k", f"Q1 out b 0 {_bjt_model(f, 'n')}",
                      "V3 pull 0 DC {vdd}", f"R4 pull out {f('RL', 10e3, 'R', 'RPU')}"])


def _warns_below(f: _Filler) -> list:
    """The warning changes state where the rising battery crosses the trip (±2 %), high below it (low if active
    low)."""
    b = _battery(f)
    return [Probe(f"function: the warning switches where the battery crosses {b.trip:g} V",
                  f"dc {{src}} {0.5 * b.trip:g} {1.5 * b.trip:g} {b.trip / 2000:g}\n"
                  f"meas dc result when v({{out}})={b.logic / 2:g} {'rise' if b.active_low else 'fall'}=1",
                  0.98 * b.trip, 1.02 * b.trip)]


register(Family(kind="battery_low_detector", function=_warns_below,
                summary="battery-low detector (divider off the battery against a reference, open-collector warning)",
                build=_battery_low,
                names=("battery-low detector", "low-battery warning comparator", "battery undervoltage indicator"),
                # one trip point: a monitor with two (hysteresis) is the non-inverting Schmitt trigger's
                rules=((4.98, (_LOW_BATTERY, rf"^(?![\s\S]*(?:hysteresis|schmitt|{STATED_TRIPS}))")),),
                analysis="dc", dc_sweep="0 15 5m", source="V1", accepts=r"comparators?|detectors?|monitors?"))


# --- a power-on reset: an RC on the rising rail against half of it -------------------------------------------------

# "a 100 ms reset pulse", "holds reset for 20 ms", "reset delay of 50 ms": the time the reset lasts
_RESET_TIME = re.compile(rf"(?P<t>{TIME})\s+(?:reset\s+)?(?:pulse|delay|reset|hold|long)"
                         rf"|(?:delay|pulse|holds?\s+(?:\w+\s+){{0,2}}?(?:for|low\s+for|high\s+for)|lasts?|for)\s+"
                         rf"(?:of\s+|about\s+|around\s+)?(?P<u>{TIME})", re.IGNORECASE)
_ACTIVE_HIGH_RESET = re.compile(r"\bactive[- ]high\b|\breset\s+(?:output\s+)?(?:is\s+)?high\s+(?:while|during|until)",
                                re.IGNORECASE)


def _por_values(f: _Filler) -> tuple[float, float, float, float]:
    """(rail, R, C, delay): the rail (5 V unless stated); R and C as stated, else C 1 uF and R for the stated delay
    (t = R C ln 2: the capacitor reaches half the rail), 100 ms unless said."""
    said = _RESET_TIME.search(f.intent.description)
    delay = f.number("WIDTH", seconds(said["t"] or said["u"])) if said else \
        f.number("WIDTH", 0) if "WIDTH" in f.intent.values else None
    if delay is not None and "WIDTH" not in f.intent.values:  # the reset's length the reader gave no role is WIDTH
        said_value = next((x for x in f.intent.extra_values if x.unit == "s" and x.value == delay), None)
        if said_value is not None:
            f.intent.values["WIDTH"] = dataclasses.replace(said_value, role="WIDTH")
            f.intent.extra_values.remove(said_value)
    c = f.number("C", 1e-6)
    r = f.number("R", float(f"{(delay or 0.1) / (c * math.log(2)):.3g}"), "RC")  # ("an RC of 100k and 1 uF")
    if "C" not in f.intent.values and {"R", "RC"} & set(f.intent.values) and delay:
        c = float(f"{delay / (r * math.log(2)):.3g}")
    return f.number("VDD", 5), r, c, r * c * math.log(2)


def _power_on_reset(f: _Filler) -> str:
    rail, r, c, delay = _por_values(f)
    ramp = _ramp(delay)
    f.param("vdd", f("VDD", rail))
    # the reset's length: as stated (the reader's WIDTH, or the words), else the one R and C give
    said = _RESET_TIME.search(f.intent.description)
    f.param("t_reset", f("WIDTH", delay) if "WIDTH" in f.intent.values else
            format_eng(seconds(said["t"] or said["u"])) if said else format_eng(delay))
    f.tran = ((delay + ramp) * 3 / 2000, (delay + ramp) * 3)
    # R1 C1 charge from the rail as it comes up; the comparator (a Schmitt buffer's threshold: half the rail, R2/R3)
    # releases the reset when v(rc) passes it: t = R C ln 2. The output is low during the reset (rst_n) unless the
    # request asks for an active-high reset.
    pins = "th rc" if _ACTIVE_HIGH_RESET.search(f.intent.description) else "rc th"
    return "\n".join([SINGLE_COMPARATOR, GEAR, f"V1 vdd 0 PWL(0 0 {format_eng(ramp)} {{vdd}})",
                      f"R1 vdd rc {f('R', r, 'RC')}", f"C1 rc 0 {f('C', c)}", "R2 vdd th 100k", "R3 th 0 100k",
                      f"X1 {pins} out comparator1", "R4 out 0 100k",
                      "* the reset ends t_reset = R1 C1 ln 2 after power-up"])


def _ramp(delay: float) -> float:
    """The rail's rise: fast against the delay (a fiftieth of it, 1 ms at most)."""
    return float(f"{min(delay / 50, 1e-3):.2g}")


def _releases(f: _Filler) -> list:
    rail, _, _, delay = _por_values(f)
    ramp = _ramp(delay)
    edge = "fall" if _ACTIVE_HIGH_RESET.search(f.intent.description) else "rise"
    return [Probe(f"function: the reset ends R C ln 2 = {format_eng(delay)}s after power-up",
                  f"{{tran}}\nmeas tran result when v({{out}})={rail / 2:g} {edge}=1",
                  0.9 * delay, 1.1 * delay + ramp)]


register(Family(kind="power_on_reset", function=_releases,
                summary="power-on reset (RC on the rising rail into a comparator at half the rail)",
                build=_power_on_reset,
                names=("power-on reset circuit", "power-on reset", "POR circuit", "RC power-on reset generator"),
                rules=((4.9, (r"power[- ]?on[- ]?reset|\bpor\b\s+(?:circuit|generator|delay)|reset\s+(?:generator|"
                              r"delay\s+circuit)",)),),
                analysis="tran", tran=("100u", "300m"), source="V1", output="out",
                accepts=r"schmitt|comparators?|buffers?|inverters?"))
