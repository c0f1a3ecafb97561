"""Oscillators beyond the first catalog: the LC Colpitts, the Pierce crystal oscillator (the
crystal as its motional RLC with C0), the op-amp relaxation oscillator, BJT astable and monostable
multivibrators, 555-style astable and monostable timers on a behavioural 555, the op-amp VCO and
the triangle/square function generator. Each transient runs a few tens of periods of the
frequency its parts give (Filler.tran), so the default analysis shows it running.
"""
from __future__ import annotations

import math
import re

from spice_lsp.generation.checklist import Probe
from spice_lsp.generation.design import set_value
from spice_lsp.generation.families import Family, expect, register, used
from spice_lsp.generation.intent import Value
from spice_lsp.generation.recipes.comparators import GEAR, SAT, comparator_block, saturation
from spice_lsp.generation.recipes.filters import Aliases, Equations, design_target, designer, part_values
from spice_lsp.generation.recipes.words import word
from spice_lsp.generation.templates import _Filler, _opamp_block, claim_divider
from spice_lsp.language.units import format_eng


def _show(f: _Filler, frequency: float, periods: float = 30) -> None:
    """A transient of `periods` periods, 200 points each."""
    f.tran = (1 / (200 * frequency), periods / frequency)


# The roles a request's words give a part that the equations call otherwise.
_PAIR_C: Aliases = {"C1": ("C",), "C2": ("C",)}  # "two 1 nF capacitors"
_PAIR_L: Aliases = {"L1": ("L",), "L2": ("L",)}  # "two 10 uH inductors"
_ASTABLE: Aliases = {"R": ("RB",), "C": ("CIN",)}  # "47k base resistors", "10 nF cross-coupling capacitors"
_TIMER: Aliases = {"R1": ("RA", "R"), "R2": ("RB",)}  # "RA = 1k, RB = 10k"


def _oscillates(f: _Filler) -> list:
    """It runs at the frequency its parts give (the one `_show` sized the transient for)."""
    assert f.tran is not None, "an oscillator's builder sizes its transient (_show)"
    return [expect("frequency", 1 / (200 * f.tran[0]), 0.1)]


def _sustains(f: _Filler) -> list:
    """An LC oscillator's frequency, and a swing that lasts: the supply's kick rings its tank at that frequency even
    when the loop cannot sustain it, so the last fifth of the run must still swing a sixth of the supply."""
    least = abs(used(f, "VDD", default=12.0)) / 6
    swing = "{tran}\nmeas tran result pp v({out}) from={from} to={stop}"
    return [*_oscillates(f), Probe(f"function: the oscillation sustains (at least {least:.3g} V peak to peak over the "
                                   "last fifth of the run)", swing, least, 1e3)]


def _pulses(f: _Filler) -> list:
    """A one-shot's output pulse is as wide as its parts give (the transient is three widths)."""
    assert f.tran is not None, "a one-shot's builder sizes its transient"
    return [expect("width", 200 * f.tran[0], 0.1)]


def _example(name: str, low: float, high: float) -> tuple:
    return (("frequency", f"{name} oscillating at {{x}} Hz", low, high),)


# --- LC: Colpitts -------------------------------------------------------------------------------

def _lc_tank(f0, get, inductance: float, ratio: float):
    """A Colpitts tank at f0: f0 = 1/(2 pi sqrt(L Cs)), Cs = C1 C2/(C1 + C2), with C2 = ratio C1 (C2/C1 sets the
    share of the swing fed back), so C1 = Cs (1 + ratio)/ratio and C2 = Cs (1 + ratio)."""
    ind = get("L", inductance)
    cs = 1 / ((2 * math.pi * f0) ** 2 * ind)
    return {"L": ind, "C1": get("C1", cs * (1 + ratio) / ratio), "C2": get("C2", cs * (1 + ratio))}


def _tank_frequency(v: dict[str, float]) -> float:
    return 1 / (2 * math.pi * math.sqrt(v["L"] * v["C1"] * v["C2"] / (v["C1"] + v["C2"])))


def _colpitts_eq(f0, get):
    # C2 = 4 C1 feeds back a fifth of the swing. Above 1 MHz L falls as f0 rises (100 uH at 1 MHz), so C1 and C2
    # stay well above the transistor's own picofarads (at 5 MHz a 100 uH tank's 13 pF C1 let it jump to 7 MHz).
    return _lc_tank(f0, get, 100e-6 * min(1.0, 1e6 / f0), 4)


def _base_bias(f: _Filler, bypass: str) -> list[str]:
    """A common-base oscillator's base: the divider and bypass the request states ("base divider 22k/10k with 100n
    bypass"), else 10k over 4.7k and `bypass`."""
    claim_divider(f)
    # (the capacitor said as the bypass: "with 100n bypass", "bypassed by 10 nF"; the reader may have read it as CE)
    said = _BYPASS.search(f.intent.description)
    ce = f.intent.values.get("CE")
    if said and ce is not None and (said["v"] or said["w"]).replace(" ", "") == ce.text.replace(" ", ""):
        bypass = f("CE", 0)
    return [f"R1 vcc b {f('RB1', 10e3)}", f"R2 b 0 {f('RB2', 4.7e3)}", f"C3 b 0 {bypass}"]


_BYPASS = re.compile(r"(?P<v>\d+(?:\.\d+)?\s*[pnuµ]F?)\s+(?:base\s+)?bypass\b"
                     r"|\bbypass(?:ed)?\s+(?:by|with)\s+(?:an?\s+)?(?P<w>\d+(?:\.\d+)?\s*[pnuµ]F?)", re.IGNORECASE)
# "ramp the supply up in 1 us so it starts": the supply's step, its rise as stated
_RAMPED = re.compile(r"\bramp\w*\s+(?:the\s+)?(?:supply|rail|vcc|vdd|power)\s+(?:up\s+)?(?:in|over|within)\s+"
                     r"(?P<t>\d+(?:\.\d+)?\s*[munpµ]?s)\b", re.IGNORECASE)


def _kicked_supply(f: _Filler, f0: float) -> str:
    """The supply switched on in a tenth of a period (the kick that starts the tank), or over the stated ramp."""
    ramp = _RAMPED.search(f.intent.description)
    rise = ramp["t"].replace(" ", "").replace("µ", "u").removesuffix("s") if ramp else format_eng(0.1 / f0)
    return f"V1 vcc 0 PULSE(0 {f.supply('vcc', 12)} 0 {rise})"


def _colpitts(f: _Filler) -> str:
    v = part_values(f, _colpitts_eq, 480e3, aliases=_PAIR_C)
    p = {role: f(role, x, *_PAIR_C.get(role, ())) for role, x in v.items()}
    f0 = _tank_frequency(v)
    _show(f, f0)
    q = f.model("npn")
    # Common base: the tank L1 || (C1 + C2) at the collector, the C1-C2 tap driving the emitter in
    # phase. The supply's step (a tenth of a period) kicks the tank; R4 is the load that sets its Q. The base's bypass
    # (50 ohm at f0, 4.7 nF at least) lets the bias settle within the 40 periods before the frequency is measured: a
    # 100 nF one held the base low for a millisecond, so above a few hundred kHz only the kick's ringing, dying away,
    # was there to measure (and the frequency drifted on as the bias rose).
    return "\n".join([_kicked_supply(f, f0),
                      *_base_bias(f, format_eng(max(4.7e-9, 1 / (2 * math.pi * f0 * 50)))), f"Q1 out b e {q}",
                      f"R3 e 0 {f('RE', 2.2e3)}", f"L1 vcc out {p['L']}",
                      f"C1 out e {p['C1']}", f"C2 e 0 {p['C2']}", f"R4 vcc out {f('RL', 10e3)}"])


register(Family(kind="colpitts_oscillator", summary="Colpitts LC oscillator (common-base BJT)", build=_colpitts,
                function=_sustains,
                names=("Colpitts oscillator", "BJT Colpitts oscillator", "LC Colpitts oscillator",
                       "Colpitts LC tank oscillator"),
                # The textbook "LC oscillator" is the Colpitts.
                rules=((0.6, (r"colpitts",)),
                       (0.65, (word("lc") + r"\s+(?:tank\s+)?oscillator|tank[- ]circuit oscillator",))),
                analysis="tran", tran=("10n", "100u"), noun="oscillator",
                accepts=r"lc\s+oscillator|tank\s+circuit", specs=("frequency",),
                design=designer(_colpitts_eq, "f0 = 1/(2 pi sqrt(L C1 C2/(C1+C2)))", "L", -2, aliases=_PAIR_C),
                examples=_example("Colpitts oscillator", 50e3, 500e3)))


def _bypass(f0: float) -> str:
    """The base's bypass: 50 ohm at f0 (the common base needs an AC ground), no smaller than 10 nF,
    whose 30 us with the bias divider lets the bias settle before the tank builds up."""
    return format_eng(max(10e-9, 1 / (2 * math.pi * f0 * 50)))


def _clapp_eq(f0, get):
    # Colpitts with C3 in series with L: 1/Cs = 1/C1 + 1/C2 + 1/C3; C1 = 2 C3, C2 = 8 C3, so C3
    # (1.625 Cs) sets most of the frequency and the transistor's capacitances matter less. L grows
    # as f0 falls (100 uH at 550 kHz): the tank's impedance, and so the loop gain, stays put.
    ind = get("L", 100e-6 * 550e3 / f0)
    cs = 1 / ((2 * math.pi * f0) ** 2 * ind)
    return {"L": ind, "C3": get("C3", 1.625 * cs), "C1": get("C1", 3.25 * cs), "C2": get("C2", 13 * cs)}


def _clapp(f: _Filler) -> str:
    v = part_values(f, _clapp_eq, 550e3)
    p = {role: f(role, x) for role, x in v.items()}
    f0 = 1 / (2 * math.pi * math.sqrt(v["L"] / (1 / v["C1"] + 1 / v["C2"] + 1 / v["C3"])))
    _show(f, f0)
    q = f.model("npn")
    # Common base as the Colpitts, the tank's inductor branch L1 + C3; R4 feeds the collector.
    return "\n".join([_kicked_supply(f, f0), "R1 vcc b 10k",
                      "R2 b 0 4.7k", f"C4 b 0 {_bypass(f0)}", f"Q1 out b e {q}", f"R3 e 0 {f('RE', 2.2e3)}",
                      f"R4 vcc out {f('RC', 4.7e3, 'RL')}", f"C3 out x {p['C3']}", f"L1 x 0 {p['L']}",
                      f"C1 out e {p['C1']}", f"C2 e 0 {p['C2']}", GEAR])


register(Family(kind="clapp_oscillator", summary="Clapp LC oscillator (common-base BJT, series-tuned)", build=_clapp,
                function=_sustains,
                names=("Clapp oscillator", "BJT Clapp oscillator", "Clapp LC oscillator", "Gouriet-Clapp oscillator"),
                rules=((0.61, (r"clapp|gouriet",)),), analysis="tran", tran=("10n", "100u"), noun="oscillator",
                accepts=r"lc\s+oscillator|tank\s+circuit", specs=("frequency",),
                design=designer(_clapp_eq, "f0 = 1/(2 pi sqrt(L Cs)), 1/Cs = 1/C1 + 1/C2 + 1/C3", "L", -2),
                examples=_example("Clapp oscillator", 80e3, 300e3)))


K_TAP = 0.5  # coupling between the tapped coil's two sections


def _hartley_eq(f0, get):
    # f0 = 1/(2 pi sqrt(Lt C)), Lt = L1 + L2 + 2 k sqrt(L1 L2); the tap at L2 = L1/4 feeds back a fifth.
    c = get("C", 1e-9)
    total = 1 / ((2 * math.pi * f0) ** 2 * c)
    unit = total / (1 + 0.25 + 2 * K_TAP * 0.5)
    return {"C": c, "L1": get("L1", unit), "L2": get("L2", unit / 4)}


def _hartley(f: _Filler) -> str:
    v = part_values(f, _hartley_eq, 425e3, aliases=_PAIR_L)
    p = {role: f(role, x, *_PAIR_L.get(role, ())) for role, x in v.items()}
    # A tapped coil couples its sections; inductors the request gives ("two 10 uH inductors in
    # series") are separate parts: no mutual inductance, f0 = 1/(2 pi sqrt((L1 + L2) C)).
    k = 0.0 if {"L", "L1", "L2"} & set(f.intent.values) else K_TAP
    f0 = 1 / (2 * math.pi * math.sqrt((v["L1"] + v["L2"] + 2 * k * math.sqrt(v["L1"] * v["L2"])) * v["C"]))
    _show(f, f0, 60)
    q = f.model("npn")
    # Common base, series fed: the tank C1 || (L1 + L2) from the collector (out, its top end) to
    # the supply (an AC ground), so the collector swings about VCC; the coil's tap drives the
    # emitter through C6, in phase. R5 keeps the emitter's low input resistance from loading the
    # tap (without it the tank detunes ~10 % and the amplitude squegs).
    return "\n".join([_kicked_supply(f, f0),
                      *_base_bias(f, _bypass(f0)), f"Q1 out b e {q}", f"R3 e 0 {f('RE', 2.2e3)}",
                      f"L1 out t {p['L1']}", f"L2 t vcc {p['L2']}", *([f"K1 L1 L2 {k:g}"] if k else []),
                      f"C1 out vcc {p['C']}", "C6 t t2 10n", "R5 t2 e 220", GEAR])


register(Family(kind="hartley_oscillator", summary="Hartley LC oscillator (common-base BJT, tapped coil)",
                function=_sustains,
                build=_hartley,
                names=("Hartley oscillator", "BJT Hartley oscillator", "Hartley LC oscillator",
                       "tapped-coil oscillator"),
                rules=((0.62, (r"hartley|tapped[- ]coil oscillator",)),), analysis="tran", tran=("10n", "150u"),
                noun="oscillator", accepts=r"lc\s+oscillator|tank\s+circuit", specs=("frequency",),
                design=designer(_hartley_eq, "f0 = 1/(2 pi sqrt((L1 + L2 + 2M) C))", "C", -2, aliases=_PAIR_L),
                examples=_example("Hartley oscillator", 60e3, 300e3)))


# --- crystal: Pierce -----------------------------------------------------------------------------

CM, RM, C0 = 10e-15, 100.0, 3e-12  # the crystal's motional C and R, and its holder capacitance


def _pierce(f: _Filler) -> str:
    fs = design_target(f, 1e6)
    f.model("nch")
    f.model("pch")
    _show(f, fs, 60)
    # A crystal's Q (here 1/(2 pi fs Rm Cm), over 10^4) builds the oscillation up over milliseconds;
    # I1 puts the motional arm at about its working current at t = 0 instead.
    return "\n".join([
        f"V1 vdd 0 DC {f.supply('vdd', 5)}",
        "* CMOS inverter biased into its linear region by R1; R2 isolates it from the pi network.",
        "M1 out a vdd vdd pch W=20u L=1u", "M2 out a 0 0 nch W=10u L=1u", "R1 a out 1meg",
        f"R2 out x {f('RS', 1e3)}", f"C1 a 0 {f('C1', 20e-12, 'C')}", f"C2 x 0 {f('C2', 20e-12)}",
        "* The crystal: motional arm C3 (Cm), L1 (Lm), R3 (Rm) in series, holder capacitance C0;",
        f"* series resonance fs = 1/(2 pi sqrt(Lm Cm)) = {format_eng(fs)}Hz.",
        f"C0 a x {format_eng(C0)}", f"C3 a m {format_eng(CM)}",
        f"L1 m r {format_eng(1 / ((2 * math.pi * fs) ** 2 * CM))}", f"R3 r x {format_eng(RM)}",
        f"I1 0 m PULSE(0 200u 0 1n 1n {format_eng(0.1 / fs)} 1)"])


def _design_crystal(intent, d, spec) -> None:
    set_value(intent, d, "FREQ", spec.target, "the crystal cut for series resonance at the target", None)
    d.free, d.scale = "FREQ", 1


register(Family(kind="pierce_crystal_oscillator", summary="Pierce crystal oscillator (CMOS inverter)", build=_pierce,
                function=_oscillates,
                names=("Pierce crystal oscillator", "crystal oscillator", "quartz crystal oscillator",
                       "Pierce oscillator"),
                rules=((0.7, (r"pierce|crystal|quartz|" + word("xtal") + r"\b",)),), analysis="tran",
                tran=("5n", "60u"),
                noun="oscillator", specs=("frequency",), design=_design_crystal,
                examples=_example("Pierce crystal oscillator", 100e3, 20e6)))


# --- relaxation oscillators ----------------------------------------------------------------------

def _relaxation_eq(f0, get):
    # f = 1/(2 R C ln((1+b)/(1-b))), b = R2/(R1+R2) the fraction of the output fed back to +.
    c, r1, r2 = get("C", 10e-9), get("R1", 10e3), get("R2", 10e3)
    b = r2 / (r1 + r2)
    return {"C": c, "R1": r1, "R2": r2, "R": 1 / (2 * f0 * c * math.log((1 + b) / (1 - b)))}


def _relaxation(f: _Filler) -> str:
    v = part_values(f, _relaxation_eq, 1e3)
    p = {role: f(role, x) for role, x in v.items()}
    b = v["R2"] / (v["R1"] + v["R2"])
    _show(f, 1 / (2 * v["R"] * v["C"] * math.log((1 + b) / (1 - b))))
    # The comparator flips between the rails; C charges through R towards them until it crosses
    # the fraction b of the output at the + input.
    return "\n".join([comparator_block(f), f"R1 out p {p['R1']}", f"R2 p 0 {p['R2']}",
                      f"R3 out n {p['R']}", f"C1 n 0 {p['C']}", "X1 p n out comparator", ".ic v(n)=0.1"])


register(Family(kind="relaxation_oscillator", summary="op-amp relaxation oscillator (astable, square wave)",
                function=_oscillates,
                build=_relaxation,
                names=("relaxation oscillator", "op-amp astable multivibrator", "op-amp square-wave generator",
                       "op-amp relaxation oscillator"),
                rules=((0.8, (r"relaxation(?:\s+oscillator)?|square[- ]wave (?:generator|oscillator)",)),
                       (0.81, (r"op[- ]?amp|comparator|operational", r"astable|multivibrator")),
                       # said by what it does: "a square wave ... an op-amp that flips back and forth charging a
                       # capacitor"
                       # (its own capacitor, charging: a square that flips as an input crosses is a comparator's)
                       (0.82, (r"op[- ]?amp|comparator|operational", r"\bsquare\b", r"\bcharg\w*|\bcapacitor\b",
                               r"\bflip\w*|back\s+and\s+forth|\btoggl\w*|\bcharg\w*",
                               r"^(?!.*\b(?:sine|sinus\w*|cross\w*|compar\w*|inputs?)\b)"))),
                analysis="tran", tran=("5u", "30m"), noun="oscillator",
                # it is a Schmitt trigger with RC feedback
                # ("hysteresis set by two equal resistors": its own feedback divider)
                accepts=r"astable|multivibrator|square[- ]wave\s+generator|comparators?|schmitt|hysteresis",
                specs=("frequency",), design=designer(_relaxation_eq, "f = 1/(2 R C ln((1+b)/(1-b)))", "R"),
                examples=_example("op-amp relaxation oscillator", 10, 20e3)))


VBE, VCESAT, VON = 0.7, 0.1, 0.55  # on, saturated, and where the off transistor starts to conduct


def _astable_eq(f0, get):
    # Each half period the off transistor's base climbs from VBE - (VCC - VCEsat) towards VCC
    # through R until it conducts at VON: T/2 = R C ln((2 VCC - VBE - VCEsat)/(VCC - VON)), ~0.69 R C.
    # R near 47k, well under beta x RC so the on transistor saturates: C (E24) for that, then R from C.
    k = _half_period(abs(get("VDD", 9)))
    c = get("C", 1 / (2 * k * f0 * 47e3))
    return {"C": c, "R": get("R", 1 / (2 * k * f0 * c))}


def _half_period(vcc: float, drop: float = 0.0) -> float:
    """Half a period of the astable, in units of R C; `drop`: an LED's in each collector, which the off collector's
    rise (the timing capacitor's swing) loses."""
    return math.log((2 * vcc - VBE - VCESAT - drop) / (vcc - VON))


# "an LED in each collector", "flashes two red LEDs": the classic flasher, an LED in series with each collector load
_LEDS = re.compile(r"\bleds?\b|light[- ]emitting\s+diodes?", re.IGNORECASE)
VLED = 1.7  # a red LED's drop at the timing capacitor's small charging current


def _bjt_astable(f: _Filler) -> str:
    v = part_values(f, _astable_eq, 1e3, aliases=_ASTABLE)
    p = {role: f(role, x, *_ASTABLE.get(role, ())) for role, x in v.items()}
    vcc = f.supply("vcc", 9)
    leds = bool(_LEDS.search(f.intent.description))
    _show(f, 1 / (2 * _half_period(abs(f.number("VDD", 9)), VLED if leds else 0.0) * v["R"] * v["C"]))
    q, rc = f.model("npn"), f("RC", 470 if leds else 1e3, "RL")
    if leds:  # each collector load: its resistor, then the LED
        led = f.model("dled", ".model dled D(IS=1e-20 N=1.8 RS=2)")
        load1, load2 = [f"R1 vcc a1 {rc}", f"D1 a1 c1 {led}"], [f"R3 vcc a2 {rc}", f"D2 a2 out {led}"]
    else:
        load1, load2 = [f"R1 vcc c1 {rc}"], [f"R3 vcc out {rc}"]
    return "\n".join([f"V1 vcc 0 DC {vcc}", *load1, f"R2 vcc b1 {p['R']}", f"C1 out b1 {p['C']}",
                      f"Q1 c1 b1 0 {q}", *load2, f"R4 vcc b2 {p['R']}", f"C2 c1 b2 {p['C']}",
                      f"Q2 out b2 0 {q}", ".ic v(b1)=0", GEAR])


register(Family(kind="bjt_astable", summary="BJT astable multivibrator (two cross-coupled transistors)",
                function=_oscillates,
                build=_bjt_astable,
                names=("astable multivibrator", "BJT astable multivibrator", "transistor astable multivibrator",
                       "free-running multivibrator"),
                rules=((0.85, (r"astable|free[- ]running multivibrator",)),), analysis="tran", tran=("5u", "30m"),
                # two outputs named in order are the two collectors (Q1's c1, then Q2's out)
                noun="oscillator", specs=("frequency",), ports=(("output", ("c1", "out")),),
                # the classic flasher's LEDs are its collector loads'
                accepts=r"multivibrator|(?:(?:red|green|yellow|blue|two)\s+)?leds?|flasher",
                design=designer(_astable_eq, "f = 1/(2 R C ln((2 VCC - VBE - VCEsat)/(VCC - VON)))", "R",
                                aliases=_ASTABLE),
                examples=_example("BJT astable multivibrator", 10, 10e3)))


def _monostable_design(equations: Equations, how: str, free: str):
    """The one-shots' design from a pulse-width spec (the width value is the spec, not a part)."""
    inner = designer(equations, how, free, 1)

    def design_fn(intent, d, spec) -> None:
        d.claimed.add("WIDTH")
        inner(intent, d, spec)
    return design_fn


def _bjt_monostable_eq(width, get):
    # Like one half of the astable: T = R C ln((2 VCC - VBE - VCEsat)/(VCC - VON)), ~0.69 R C.
    k = _half_period(abs(get("VDD", 9)))
    c = get("C", width / (10e3 * k))  # C (E24) for R near 10k, then R from C
    return {"C": c, "R": get("R", width / (c * k))}


def _bjt_monostable(f: _Filler) -> str:
    q, rc = f.model("npn"), f("RC", 1e3, "RL")
    v = part_values(f, _bjt_monostable_eq, 0.73e-3, "WIDTH")
    r, c = f("R", v["R"]), f("C", v["C"])
    width = f.number("R", v["R"]) * f.number("C", v["C"]) * _half_period(abs(f.number("VDD", 9)))
    f.tran = (width / 200, 3 * width)
    # Q2 is held on through R3; a trigger pulse turns Q1 on, its collector's step pushes Q2's base
    # a supply below ground through C1, and the output stays high until R3 recharges C1: T ~ 0.69 R C.
    return "\n".join([f"V1 trig 0 PULSE(0 5 {format_eng(width / 10)} 10n 10n {format_eng(width / 50)} 1)",
                      f"V2 vcc 0 DC {f.supply('vcc', 9)}", "R5 trig b1 10k",
                      f"R1 vcc c1 {rc}", f"Q1 c1 b1 0 {q}", f"C1 c1 b2 {c}", f"R3 vcc b2 {r}",
                      f"R4 vcc out {rc}", f"Q2 out b2 0 {q}", "R2 out b1 10k", "R6 b1 0 47k", GEAR])


register(Family(kind="bjt_monostable", summary="BJT monostable multivibrator (one-shot)", build=_bjt_monostable,
                function=_pulses,
                names=("monostable multivibrator", "BJT monostable multivibrator", "transistor one-shot",
                       "one-shot pulse generator"),
                rules=((0.9, (r"monostable|one[- ]shot",)),), analysis="tran", tran=("5u", "3m"),
                accepts=r"multivibrator", specs=("width",),
                design=_monostable_design(_bjt_monostable_eq, "T = R C ln((2 VCC - VBE - VCEsat)/(VCC - VON))", "R"),
                examples=(("width", "BJT monostable multivibrator with a pulse width of {x} s", 1e-4, 1),)))


# --- the 555 ------------------------------------------------------------------------------------------

TIMER = """.subckt timer555 trig thres dis out vcc
* Behavioural 555: comparators at 1/3 and 2/3 of vcc set and reset a latch (reset wins) that a
* 10 ns RC holds; the output follows the latch, the discharge switch closes while it is low.
Bset s 0 V={v(trig) < v(vcc)/3 ? 1 : 0}
Brst r 0 V={v(thres) > 2*v(vcc)/3 ? 1 : 0}
Bq q 0 V={v(r) > 0.5 ? 0 : (v(s) > 0.5 ? 1 : (v(qh) > 0.5 ? 1 : 0))}
Rh q qh 1k
Ch qh 0 10p
Bn qn 0 V={1-v(qh)}
S1 dis 0 qn 0 sw555
Bout out 0 V={v(qh)*v(vcc)}
.ends timer555"""
SWITCH = ".model sw555 SW (vt=0.5 vh=0.1 ron=10 roff=100meg)"
TIMER_555 = r"555(?<![\d.]555)\b|timer ic"  # NE555, LM555, a 555; not 1555


def _timer(f: _Filler) -> str:
    f.model("sw555", SWITCH)
    return TIMER


def _astable555_eq(f0, get):
    # f = 1/(ln 2 (RA + 2 RB) C) = 1.44/((RA + 2 RB) C); RA sets the duty cycle (RA+RB)/(RA+2RB).
    c, ra = get("C", 10e-9), get("R1", 1e3)
    return {"C": c, "R1": ra, "R2": get("R2", max((1 / (math.log(2) * f0 * c) - ra) / 2, 1.0))}


def _steered(intent) -> bool:
    """A duty cycle of half or less: RB gets a steering diode (C charges through RA alone, discharges through RB)."""
    duty = intent.values.get("DUTY")
    return duty is not None and 0 < duty.value <= 0.5


def _astable555_equations(intent):
    """The astable's equations, for the duty cycle D the request states. Above 1/2 RA sets it: RA + 2 RB =
    1/(ln 2 f C) and D = (RA + RB)/(RA + 2 RB), so RA = (2 D - 1) (RA + 2 RB), RB = (1 - D) (RA + 2 RB). At 1/2 or
    less a diode across RB steers the charge through RA alone: RA + RB = 1/(ln 2 f C), D = RA/(RA + RB)."""
    duty = intent.values.get("DUTY")
    if duty is None or not 0 < duty.value < 1:
        return _astable555_eq

    def equations(f0, get):
        c = get("C", 10e-9)
        total = 1 / (math.log(2) * f0 * c)
        if _steered(intent):
            return {"C": c, "R1": get("R1", duty.value * total), "R2": get("R2", (1 - duty.value) * total)}
        return {"C": c, "R1": get("R1", (2 * duty.value - 1) * total), "R2": get("R2", (1 - duty.value) * total)}
    return equations


def _design555(intent, d, spec) -> None:
    formula = "f = 1.44/((R1 + R2) C)" if _steered(intent) else "f = 1.44/((R1 + 2 R2) C)"
    designer(_astable555_equations(intent), formula, "R2", aliases=_TIMER)(intent, d, spec)


# The steering diode: a near-ideal one (about 40 mV at 1 mA), so the textbook t_high = ln 2 RA C holds at any supply.
STEERING = ".model dsteer D (is=1n n=0.1)"


def _astable555(f: _Filler) -> str:
    if (equations := _astable555_equations(f.intent)) is not _astable555_eq:
        f.param("duty", f("DUTY", 0.5))  # the duty cycle RA and RB were computed for
    v = part_values(f, equations, 1e3, aliases=_TIMER)
    p = {role: f(role, x, *_TIMER.get(role, ())) for role, x in v.items()}
    steered = _steered(f.intent)
    _show(f, 1 / (math.log(2) * (v["R1"] + (1 if steered else 2) * v["R2"]) * v["C"]))
    diode = [f"D1 dis c {f.model('dsteer', STEERING)}"] if steered else []
    # R3: the output's load, a logic input's
    return "\n".join([_timer(f), f"V1 vcc 0 DC {f.supply('vcc', 5)}", f"R1 vcc dis {p['R1']}",
                      f"R2 dis c {p['R2']}", *diode, f"C1 c 0 {p['C']}", "X1 c c dis out vcc timer555",
                      "R3 out 0 100k", ".ic v(c)=0"])


def _astable555_function(f: _Filler) -> list:
    """Its frequency; with a stated duty cycle, its output's mean over the run's settled half is that share of the
    supply (whole periods are not required: 15 of them make the window's error under 0.06)."""
    checks = _oscillates(f)
    if "duty" in f.params:
        duty, vcc = f.intent.values["DUTY"].value, used(f, "VDD")
        checks.append(Probe(f"function: high for {duty:.0%} of each period",
                            "{tran}\nmeas tran result avg v({out}) from={half} to={stop}",
                            (duty - 0.06) * vcc, (duty + 0.06) * vcc))
    return checks


register(Family(kind="timer555_astable", summary="555 timer astable oscillator (behavioural 555)", build=_astable555,
                function=_astable555_function,
                names=("555 astable oscillator", "555 timer astable", "555 astable multivibrator",
                       "NE555 oscillator"),
                rules=((0.2, (TIMER_555, r"astable|oscillat|clock|square|multivibrator|blink")), (0.25, (TIMER_555,))),
                analysis="tran", tran=("5u", "30m"), noun="oscillator", accepts=r"timer|astable|multivibrator",
                specs=("frequency",), design=_design555,
                examples=_example("555 astable oscillator", 1, 50e3)))


def _monostable555_eq(width, get):
    # C charges through R from 0 to 2/3 vcc: t = ln 3 R C = 1.1 R C; C a decade that keeps R <= 1 Mohm.
    c = get("C", max(100e-9, 10 ** math.ceil(math.log10(width / (math.log(3) * 1e6)))))
    return {"C": c, "R": width / (math.log(3) * c)}


def _monostable555(f: _Filler) -> str:
    v = part_values(f, _monostable555_eq, 1.1e-3, "WIDTH")
    r, c = f("R", v["R"]), f("C", v["C"])
    width = math.log(3) * f.number("R", v["R"]) * f.number("C", v["C"])
    f.tran = (width / 200, 3 * width)
    # A low pulse on the trigger starts the output pulse; C charges through R to 2/3 vcc: t = 1.1 R C.
    return "\n".join([_timer(f), f"V2 vcc 0 DC {f.supply('vcc', 5)}",
                      f"V1 trig 0 PULSE({{vcc}} 0 {format_eng(width / 10)} 10n 10n {format_eng(width / 50)} 1)",
                      f"R1 vcc c {r}", f"C1 c 0 {c}", "X1 trig c c out vcc timer555", ".ic v(c)=0"])


register(Family(kind="timer555_monostable", summary="555 timer monostable (one-shot, behavioural 555)",
                function=_pulses,
                build=_monostable555,
                names=("555 monostable", "555 one-shot timer", "555 monostable multivibrator", "555 pulse timer"),
                rules=((0.15, (TIMER_555, r"monostable|one[- ]shot|pulse|delay")),),
                analysis="tran", tran=("5u", "3m"), accepts=r"timer|monostable|multivibrator", specs=("width",),
                design=_monostable_design(_monostable555_eq, "t = 1.1 R C", "R"),
                examples=(("width", "555 monostable with a pulse width of {x} s", 1e-5, 10),)))


# --- the op-amp VCO and function generator -------------------------------------------------------------

def _threshold(intent) -> float:
    """The Schmitt stage's thresholds, +-Vsat R3/R4 with R3 = 10k, R4 = 20k."""
    return saturation(intent) / 2


def _vco_eq(f0, get):
    # The integrator ramps at +-Vc/(2 R C) between the Schmitt thresholds +-Vt: f = Vc/(8 R C Vt).
    c, vc = get("C", 10e-9), get("VIN", 5)
    return {"C": c, "VIN": vc, "R": vc / (8 * f0 * c * 0.45 * abs(get("VDD", 12)))}


def _start(summing: float) -> str:
    """Start with the Schmitt trigger high and the integrator at rest (its inputs equal, its output
    at 0): an op-amp left saturated at the operating point winds up and stalls the first periods."""
    return f".ic v(p)=1 v(tri)=0 v(n)={summing:g}"


# The non-inverting Schmitt trigger (X2) that squares the integrator's triangle: thresholds +-Vsat/2.
SCHMITT_LOOP = ["R3 tri p 10k", "R4 p sq 20k", "X2 p 0 sq comparator"]


# "1 kHz per volt", "500 Hz/V", "a scale of 2 kHz per V": a voltage-to-frequency converter's gain
_PER_VOLT = re.compile(r"(?P<f>\d+(?:\.\d+)?)\s*(?P<k>[kM])?Hz\s*(?:/|per)\s*(?:volt|V)\b", re.IGNORECASE)


# "0-5 V input", "a 0 to 10 V control input": the control voltage's span
_INPUT_SPAN = re.compile(r"(?P<a>\d+(?:\.\d+)?)\s*V?\s*(?:-|to|\u2013)\s*(?P<b>\d+(?:\.\d+)?)\s*V\s+(?:control\s+)?"
                         r"(?:input|in\b|control)", re.IGNORECASE)


def _vco(f: _Filler) -> str:
    said = _PER_VOLT.search(f.intent.description)
    scale = float(said["f"]) * {"k": 1e3, "m": 1e6}.get((said["k"] or "").lower(), 1.0) if said else None
    # a stated scale sets R for the control voltage's frequency, f = K Vc (the equations' own target otherwise)
    if (span := _INPUT_SPAN.search(f.intent.description)) is not None and "VIN" not in f.intent.values:
        # "0-5 V input": the control voltage at the top of its span, its figures read
        top = float(span["b"])
        f.intent.values["VIN"] = Value("VIN", top, f"{span['b']} V", "V")
        f.intent.extra_values[:] = [x for x in f.intent.extra_values if x.value not in (top, float(span["a"]))]
    v = part_values(f, _vco_eq if scale is None else lambda f0, get: _vco_eq(scale * get("VIN", 5), get), 1e3)
    said_scale = [f"* f = {scale:g} Hz per volt of the control input vc (hz_per_volt)"] if scale is not None else []
    if scale is not None:
        f.param("hz_per_volt", format_eng(scale))
    p = {role: f(role, x) for role, x in v.items() if role != "VIN"}
    _show(f, v["VIN"] / (8 * v["R"] * v["C"] * 0.45 * abs(f.number("VDD", 12))))
    f.model("sw")
    # X1 integrates: its + input sits at Vc/2, so Vc through R charges C one way; while the square
    # is low, S1 also drains (Vc/2)/(R/2) to ground, twice that, and the ramp turns: a triangle
    # between the thresholds at a rate, and so a frequency, in proportion to Vc.
    return "\n".join([_opamp_block(f), comparator_block(f), *said_scale,
                      f"V1 vc 0 DC {f('VIN', 5)}", "R5 vc h 10k", "R6 h 0 10k",
                      f"R1 vc n {p['R']}", f"R2 n m {{{p['R']}/2}}", "S1 m 0 0 sq sw",
                      f"C1 n tri {p['C']}", "X1 h n tri opamp", *SCHMITT_LOOP,
                      "R7 sq out 1k", "R8 out 0 1meg", _start(v["VIN"] / 2)])


def _function_generator_eq(f0, get):
    # The integrator ramps at Vsat/(R C) between +-Vsat R3/R4: f = R4/(4 R3 R C) (1/(2 R C) with R4 = 2 R3).
    c = get("C", 10e-9)
    return {"C": c, "R": get("RF", 20e3) / (4 * get("RIN", 10e3) * f0 * c)}


# "a 6 V peak-to-peak triangle", "triangle of 4 Vpp", "triangle amplitude 3 V": the swing the Schmitt's
# thresholds set (+-Vsat R3/R4)
_TRIANGLE_PP = re.compile(r"(?P<a>\d+(?:\.\d+)?)\s*V\s*(?:p-?p|pp|peak[- ]to[- ]peak)\s+triang"
                          r"|triang\w*\s+(?:wave\s+)?(?:of\s+|at\s+|swinging\s+)?(?P<b>\d+(?:\.\d+)?)\s*V\s*"
                          r"(?:p-?p|pp|peak[- ]to[- ]peak)"
                          r"|triang\w*\s+(?:wave\s+)?(?:amplitude|peak)\s+(?:of\s+|=\s*)?(?P<c>\d+(?:\.\d+)?)\s*V",
                          re.IGNORECASE)


# The generator's Schmitt comparator swings rail to rail (98 % of them), as the textbook's pp = 2 VCC R3/R4 has it;
# a stated output swing stays as stated (the share then changes nothing).
_RAIL_TO_RAIL = 0.98


def _share(f: _Filler) -> float:
    return _RAIL_TO_RAIL if saturation(f.intent, _RAIL_TO_RAIL) != saturation(f.intent) else SAT


def _schmitt_feedback(f: _Filler) -> float | None:
    """R4 for a triangle swing the request states (pp = 2 Vsat R3/R4), unless it states R4 itself."""
    said = _TRIANGLE_PP.search(f.intent.description)
    if said is None or "RF" in f.intent.values:
        return None
    pp = float(said["a"] or said["b"]) if said["a"] or said["b"] else 2 * float(said["c"])
    for value in list(f.intent.values.values()):  # the swing the reader gave a role is this one
        if value.unit == "V" and value.value in (pp, pp / 2):
            f.given(value.role, value.value)
    f.param("tri_pp" if said["a"] or said["b"] else "tri_peak", f"{pp if said['a'] or said['b'] else pp / 2:g}")
    return float(f"{2 * saturation(f.intent, _share(f)) * f.number('RIN', 10e3) / pp:.4g}")


def _function_generator(f: _Filler) -> str:
    rf = _schmitt_feedback(f)
    v = part_values(f, lambda f0, get: _function_generator_eq(f0, lambda role, d: rf if role == "RF" and rf else
                                                              get(role, d)), 1e3)
    p = {role: f(role, x) for role, x in v.items()}
    r3, r4 = f.number("RIN", 10e3), rf or f.number("RF", 20e3)
    _show(f, r4 / (4 * r3 * f.number("R", v["R"]) * f.number("C", v["C"])))  # the parts as built (stated ones too)
    # the Schmitt trigger's input (R3) and feedback (R4) resistors, the request's when it states them; the
    # comparator's rails first: a stated swing ("±5 V swing") sets them, not the op-amp's default supply
    comparator = comparator_block(f)
    return "\n".join([_opamp_block(f), comparator, f"R1 sq n {p['R']}", f"C1 n tri {p['C']}",
                      "X1 0 n tri opamp", f"R3 tri p {f('RIN', 10e3)}",
                      f"R4 p sq {format_eng(rf) if rf else f('RF', 20e3)}", f"X2 p 0 sq comparator sat={_share(f):g}",
                      _start(0)])


def _function_generator_function(f: _Filler) -> list:
    """Its frequency, and the triangle's swing 2 Vsat R3/R4 between the Schmitt trigger's thresholds."""
    assert f.tran is not None
    pp = 2 * saturation(f.intent, _share(f)) * used(f, "RIN", default=10e3) / (
        _schmitt_feedback(f) or used(f, "RF", default=20e3))
    return [*_oscillates(f), Probe(f"function: the triangle swings {pp:.3g} V peak to peak",
                                   "{tran}\nmeas tran result pp v({out}) from={half} to={stop}", 0.9 * pp, 1.1 * pp)]


register(Family(kind="op_amp_vco", summary="op-amp voltage-controlled oscillator (integrator + Schmitt trigger)",
                function=_oscillates,
                build=_vco,
                names=("voltage-controlled oscillator", "op-amp VCO", "VCO circuit", "integrator-Schmitt VCO",
                       "voltage-to-frequency converter"),
                rules=((0.95, (word("vco") + r"\b|voltage[- ]controlled oscillator|voltage[- ]to[- ]frequency"
                                               r"|\bv\s*/\s*f\s+convert\w*|\bv[- ]to[- ]f\s+convert\w*",)),),
                analysis="tran",
                tran=("5u", "30m"), noun="oscillator", signal_input=True, specs=("frequency",),
                accepts=r"schmitt|comparators?|hysteresis",
                design=designer(_vco_eq, "f = Vc/(8 R C Vt), Vt = 0.45 vdd", "R"),
                examples=_example("op-amp VCO with a 5 V control voltage", 50, 10e3)))
register(Family(kind="function_generator", summary="triangle/square function generator (integrator + Schmitt)",
                function=_function_generator_function, output="tri", ports=(("output", ("tri", "sq")),),
                build=_function_generator,
                names=("triangle wave generator", "function generator", "triangle-wave and square-wave generator",
                       "op-amp triangle-wave oscillator"),
                # ("a triangle and square generator", "square/triangle oscillator": both waves named)
                rules=((0.79, (r"function generator|triangle[- ]wave|triangular wave|triang\w*\s*(?:and|&|/|\+|plus)\s*"
                               r"square|square\s*(?:and|&|/|\+|plus)\s*triang",)),), analysis="tran",
                tran=("5u", "30m"), noun="oscillator",
                accepts=r"square[- ]wave\s+generator|square[- ]wave|triangle[- ]wave|schmitt|comparators?|hysteresis",
                specs=("frequency",),
                design=designer(_function_generator_eq, "f = R4/(4 R3 R C) with R4 = 2 R3", "R"),
                # "an integrator (4.7k, 22 nF) and a Schmitt trigger (10k input, 30k feedback)": each stage's parts
                words=((r"integrat\w*", {"ohm": "R", "F": "C"}),),
                examples=_example("triangle wave generator", 10, 20e3)))


# --- op-amp sine oscillators: the Bubba (four buffered RC sections) and the op-amp Colpitts ----------------------

# Two antiparallel diodes with 22k across part of the feedback: past about a diode drop of swing the gain falls
# below what the loop needs, so the sine settles inside the rails (a saturated behavioural op-amp winds up).
_LIMITER = ["D1 n lim dlim", "D2 lim n dlim", "R9 lim out 22k", ".model dlim D (is=1e-14 n=1.5)"]


def _bubba_eq(f0, get):
    # Each buffered RC section turns the phase by 45 degrees at f0 = 1/(2 pi R C) and passes 1/sqrt(2): four
    # make 180 degrees at a quarter of the swing, which the inverting stage's gain of 4.5 (RF/RG) more than makes up.
    c = get("C", 10e-9)
    return {"C": c, "R": get("R", 1 / (2 * math.pi * f0 * c))}


def _bubba(f: _Filler) -> str:
    v = part_values(f, _bubba_eq, 1e3)
    r, c = f("R", v["R"]), f("C", v["C"])
    _show(f, 1 / (2 * math.pi * v["R"] * v["C"]), 40)
    lines = [_opamp_block(f), "* four buffered RC sections, 45 degrees each at f0, and an inverting gain stage",
             f"R5 s4 n {f('RG', 10e3)}", f"R6 n out {f('RF', 45e3)}", "X0 0 n out opamp", *_LIMITER]
    for k in range(1, 5):
        before = "out" if k == 1 else f"s{k - 1}"
        lines += [f"R{k} {before} a{k} {r}", f"C{k} a{k} 0 {c}", f"X{k} a{k} s{k} s{k} opamp"]
    return "\n".join(lines + [".ic v(a1)=0.1"])


register(Family(kind="bubba_oscillator", summary="Bubba oscillator (four buffered RC sections and an inverting "
                                                 "op-amp stage)",
                build=_bubba, function=_oscillates,
                names=("Bubba oscillator", "op-amp Bubba oscillator", "Bubba sine oscillator"),
                rules=((0.55, (r"\bbubba\b",)),), analysis="tran", tran=("5u", "40m"), noun="oscillator",
                specs=("frequency",), design=designer(_bubba_eq, "f0 = 1/(2 pi R C)", "R"),
                examples=_example("Bubba oscillator", 50, 20e3)))


def _opamp_colpitts_eq(f0, get):
    # Equal capacitors: the pi network turns the phase by 180 degrees and feeds back about all of the swing, which
    # the stage's gain of 4 (R2/R1) makes up with its load.
    return _lc_tank(f0, get, 10e-3, 1)


def _opamp_colpitts(f: _Filler) -> str:
    v = part_values(f, _opamp_colpitts_eq, 10e3, aliases=_PAIR_C)
    p = {role: f(role, x, *_PAIR_C.get(role, ())) for role, x in v.items()}
    f0 = _tank_frequency(v)
    _show(f, f0, 60)
    # The inverting stage drives the pi network (C1 at its output through R3, L, C2 at the return) back to R1. R3,
    # five times C1's reactance at f0, makes the stage a current into the tank, which then rings at its own f0 (a
    # stiff drive across C1 would leave L and C2 to set it).
    ro = format_eng(float(f"{5 / (2 * math.pi * f0 * v['C1']):.3g}"))
    return "\n".join([_opamp_block(f), f"R1 fb n {f('R1', 10e3, 'R')}", f"R2 n out {f('R2', 40e3, 'RF')}",
                      "X1 0 n out opamp", *_LIMITER, f"R3 out a {ro}", f"C1 a 0 {p['C1']}", f"L1 a fb {p['L']}",
                      f"C2 fb 0 {p['C2']}", ".ic v(a)=0.1"])


register(Family(kind="opamp_colpitts_oscillator", summary="op-amp Colpitts oscillator (inverting stage into an "
                                                          "L-C1-C2 pi network)",
                build=_opamp_colpitts, function=_oscillates,
                names=("op-amp Colpitts oscillator", "Colpitts oscillator with an op-amp",
                       "operational amplifier Colpitts oscillator"),
                rules=((0.59, (r"colpitts", r"op[- ]?amps?\b|operational|inverting\s+amplifier")),),
                analysis="tran", tran=("1u", "6m"), noun="oscillator",
                accepts=r"inverting\s+amplifier|pi\s+network", specs=("frequency",),
                design=designer(_opamp_colpitts_eq, "f0 = 1/(2 pi sqrt(L C1 C2/(C1+C2)))", "L", -2, aliases=_PAIR_C),
                examples=_example("op-amp Colpitts oscillator", 1e3, 50e3)))
