"""Voltage references: the bandgap reference (two diode-connected NPNs at a current-density ratio N,
an error amplifier holding their branches equal, an NMOS follower from the supply feeding the core).

Design (first order, the ngspice BJT's own temperature law: EG = 1.11 eV, XTI = 3): each branch
carries I = VT ln N / R3 (proportional to absolute temperature), so

    Vbg = VBE1 + (R2/R3) VT ln N,   dVBE/dT = (VBE - EG - (XTI - 1) VT)/T  (a PTAT collector current)

and R2/R3 = (EG + (XTI - 1) VT - VBE1)/(VT ln N) cancels the slope at 27 C, where Vbg = EG + 2 VT
(about 1.16 V). A stated output above that is Vbg through a non-inverting stage (1 + R4/R5), one below it
a buffered tap of the regulated core node. The error amplifier is the behavioural op-amp (templates.OPAMP);
it drives the gate of M1, a follower whose drain is the supply (the circuit's input: line regulation),
so the gate sits a threshold above the output whatever the supply. R6 starts the core: with no current,
Q2's eight-fold area puts b below a, which turns M1 on; the few uA it adds at the top node change
neither branch's current (the amplifier still holds a = b).

A request that names Brokaw's cell gets it: the bases of Q1 (area N, emitter resistor R3) and Q2 at
the top node, equal collector resistors the amplifier holds at equal drops, R2 from the joined
emitters to ground carrying both currents: Vbg = VBE2 + 2 I R2, R2/R3 half the ratio above.
"""
from __future__ import annotations

import math
import re

from spice_lsp.generation import design as dz
from spice_lsp.generation.checklist import Probe
from spice_lsp.generation.families import Family, expect, register, used
from spice_lsp.generation.request import Spec
from spice_lsp.generation.templates import MODELS, _Filler, _opamp_block, as_written
from spice_lsp.language.units import format_eng, parse_number

K_Q = 8.617333e-5  # Boltzmann's constant over the electron charge, V/K
T0 = 300.15  # ngspice's nominal temperature, 27 C
EG, XTI = 1.11, 3.0  # the npn card's (SPICE defaults): the band gap and the saturation current's exponent
_IS = parse_number(MODELS["npn"].split("is=")[1].split()[0]) or 1e-14
_BF = parse_number(MODELS["npn"].split("bf=")[1].split()[0]) or 100.0
RATIO = 8  # Q2's emitter area over Q1's (the usual 8: a 3 x 3 array less its centre)
TEMPERATURES = (-40, 125)
BROKAW = re.compile(r"\bbrokaw\b", re.IGNORECASE)  # the range the reference's flatness is measured over, C


def core(current: float, ratio: float, halves: int = 1) -> tuple[float, float, float]:
    """(R3, R2, Vbg) of a core with `current` in each branch and area ratio `ratio`: R3 carries one
    branch's current and drops VT ln N; R2 carries `halves` branch currents (the Brokaw cell's R1
    carries both) and lifts VBE by the PTAT term that cancels its slope."""
    vt = K_Q * T0
    vbe = vt * math.log(current * _BF / (_BF + 1) / _IS)  # the collector's share of the branch current
    r3 = vt * math.log(ratio) / current
    r2 = (EG + (XTI - 1) * vt - vbe) / (halves * vt * math.log(ratio)) * r3
    return r3, r2, vbe + halves * current * r2


def _branches(f: _Filler, top: str, current: float) -> tuple[list[str], float]:
    """The core, its amplifier and its start-up resistor R6, holding `top` at Vbg: the two diode-connected
    NPNs with equal resistors R1, R2 from the top (the amplifier holds a = b), or Brokaw's cell (the
    amplifier holds the collectors c1, c2 equal under equal resistors, and M1 drives the bases at the top)."""
    n, ratio = f.model("npn"), _ratio(f.intent.description)
    if BROKAW.search(f.intent.description):
        r3, r2, vbg = core(current, ratio, 2)
        # The bases draw little and M1 only sources, so R9 loads the top; R6 against R9 lifts an idle top
        # to 0.9 V, which starts the cell and, running, feeds less than R9 takes. R7, R8 drop 0.1 V: more makes
        # the loop so stiff that ngspice's temperature sweeps stop short of its solution.
        vdd = f.number("VDD", 5)
        return ["X1 c2 c1 g opamp", f"R6 vdd {top} {format_eng(47e3 * max(vdd / 0.9 - 1, 0.1))}",
                f"R9 {top} 0 47k", f"R7 vdd c1 {format_eng(0.1 / current)}", f"R8 vdd c2 {format_eng(0.1 / current)}",
                f"Q1 c1 {top} e1 {n} {ratio:g}", f"R3 e1 e {format_eng(r3)}", f"Q2 c2 {top} e {n}",
                f"R2 e 0 {format_eng(r2)}"], vbg
    r3, r2, vbg = core(current, ratio)
    return ["X1 a b g opamp", f"R6 vdd {top} 1meg", f"R1 {top} a {format_eng(r2)}", f"Q1 a a 0 {n}",
            f"R2 {top} b {format_eng(r2)}", f"R3 b c {format_eng(r3)}", f"Q2 c c 0 {n} {ratio:g}"], vbg


# The follower's gate sits a threshold (and its body effect) above the output and the amplifier swings within
# 90 % of the supply: below about 2 V nothing runs, so a lone level that low ("output vref near 1.2 V", which a
# reader may take for the supply) is the output asked for.
_LEAST_SUPPLY = 2.0
# "an 8:1 emitter-area ratio", "NPNs at 24:1", "area ratio of 24", "a ratio of 16:1": the core's current-density
# ratio (the one N:1 a bandgap states).
_AREA_RATIO = re.compile(r"\b(\d+)\s*:\s*1\b"
                         r"|\barea\s+ratio\s+(?:of\s+|=\s*|is\s+)?(\d+)|\bratio\s+(?:of\s+)?(\d+)\s*:\s*1\b",
                         re.IGNORECASE)


def _ratio(text: str) -> float:
    """The emitter-area ratio the request states (2 to 100), else RATIO."""
    m = _AREA_RATIO.search(text)
    ratio = float(next(g for g in m.groups() if g)) if m else RATIO
    return ratio if 2 <= ratio <= 100 else RATIO


def _output_roles(intent) -> tuple[str, ...]:
    """The roles that hold the output level asked for: a "supply" too low to run anything is one, and so is an
    "input" level ("output at node r near 1.2 V"): a reference has no input."""
    low = intent.values.get("VDD")
    if low is not None and 0 < low.value < _LEAST_SUPPLY and not {"VOUT", "VREF"} & set(intent.values):
        return ("VDD",)
    return ("VOUT", "VREF", "VBIAS", "VIN")


def _bandgap(f: _Filler) -> str:
    roles = _output_roles(f.intent)
    if roles == ("VDD",):
        f.defaults.setdefault("VDD", 5.0)
        vdd = f.param("vdd", "5")
    else:
        vdd = f.supply("vdd", 5)
    current = f.number("IBIAS", 10e-6)
    vbg = _branches(f, "out", current)[1]
    f.param("vbg", f"{vbg:.4g}")  # the designed bandgap voltage, read back by the function check
    wanted = f.given(roles[0], vbg, *roles[1:])  # "near 1.18 V": the level a reference states
    target = wanted.value if wanted is not None else vbg
    if wanted is not None:
        f.param("vout", as_written(wanted))  # the output asked for, which the divider below is sized for
    scaled = abs(target - vbg) > 0.02 * vbg
    top = "bg" if scaled else "out"  # the core's top node, which M1 feeds and the amplifier regulates
    lines = [_opamp_block(f), f"V1 vdd 0 DC {vdd}",
             f"* each branch {format_eng(current)}A = VT ln N/R3 (N = {_ratio(f.intent.description):g}:1); "
             f"R2/R3 cancels VBE's slope: Vbg = {vbg:.4g} V",
             f"M1 vdd g {top} 0 {f.model('nch')} W=20u L=1u", *_branches(f, top, current)[0]]
    if scaled and target > vbg:  # a non-inverting stage: out = Vbg (1 + R4/R5), the core unloaded
        lines += ["X2 bg fb out opamp", f"R4 out fb {format_eng(100e3 * (target / vbg - 1))}", "R5 fb 0 100k"]
    elif scaled:  # a light tap of the core node, buffered: out = Vbg R5/(R4 + R5)
        lines += [f"R4 bg t {format_eng(1e6 * (1 - target / vbg))}", f"R5 t 0 {format_eng(1e6 * target / vbg)}",
                  "X2 t out out opamp"]
    return "\n".join(lines)


def _design(intent, d, spec) -> None:
    """A stated output voltage: the bandgap voltage, scaled by the divider R4/R5 when it differs."""
    dz.set_value(intent, d, "VOUT", spec.target, "Vout = Vbg (1 + R4/R5) (or a tap of Vbg)", None)
    d.claimed.add("VOUT")


def _holds(f: _Filler) -> list[Spec | Probe]:
    """The designed output at 27 C, flat over temperature (the first-order design leaves a curvature of
    a few mV). (Its supply sweep, the default analysis, shows the line regulation and the start-up.)"""
    vbg = parse_number(f.params["vbg"]) or 1.16
    target = used(f, *_output_roles(f.intent), default=vbg)
    low, high = TEMPERATURES
    return [expect("vout", target, 0.03),
            Probe(f"function: output within {10 * target:.3g} mV over {low} .. {high} C",
                  f"dc temp {low} {high} 5\nlet result = vecmax(v({{out}})) - vecmin(v({{out}}))", 0, 0.01 * target)]


register(Family(kind="bandgap_reference",
                summary="bandgap voltage reference (BJT core regulated by an error amplifier)",
                build=_bandgap, function=_holds,
                names=("bandgap reference", "bandgap voltage reference", "band-gap voltage reference",
                       "Brokaw bandgap cell"),
                rules=((5.6, (r"band[- ]?gap(?:\s+(?:voltage\s+)?reference)?",)), (5.61, (r"\bbrokaw\b",))),
                # its core is regulated by an amplifier: "an op-amp closing the loop" names a part of it
                accepts=r"(?:voltage\s+)?reference|(?:error\s+|operational\s+)?amplifier|op[- ]?amps?",
                analysis="dc", dc_sweep="0 6 0.05", specs=("vout",), design=_design,
                examples=(("vout", "bandgap reference with a {x} V output", 0.6, 3.0),)))


# --- the delta-VBE (PTAT) pair -------------------------------------------------------------------

# "v(q_hi) - v(q_lo)", "v(d1)-v(d8)": the two nodes whose difference the request reads, the first the higher.
_DIFFERENCE = re.compile(r"\bv\(\s*([a-z_]\w*)\s*\)\s*[-\u2212]\s*v\(\s*([a-z_]\w*)\s*\)", re.IGNORECASE)
_CURRENT = re.compile(r"(?<![\w.])(\d+(?:\.\d+)?)\s?([munp\u00b5]?)A\b")
_PREFIX = {"": 1.0, "m": 1e-3, "u": 1e-6, "\u00b5": 1e-6, "n": 1e-9, "p": 1e-12}
_TIMES = re.compile(r"\b(\d+|two|four|eight|ten|sixteen)\s*(?:x|times)\s+(?:the\s+|its\s+)?(?:emitter\s+)?area",
                    re.IGNORECASE)
_NUMBER_WORDS = {"two": 2, "four": 4, "eight": 8, "ten": 10, "sixteen": 16}


def _ptat_design(f: _Filler) -> tuple[str, str, float, float, float]:
    """(high node, low node, the high side's current, the low side's current, the low side's area): two
    currents stated are the two branches' (the larger the high side's); one current feeds both, the low
    side then the larger emitter area ("eight times the emitter area", "8:1")."""
    text = f.intent.description
    for role in ("IBIAS", "IREF", "IOUT"):  # the currents are read from the words below
        if role in f.intent.values:
            f.given(role, 0)
    currents = sorted({float(m[1]) * _PREFIX[m[2].lower()] for m in _CURRENT.finditer(text)}, reverse=True)
    m = _TIMES.search(text)
    area = float(_NUMBER_WORDS.get(m[1].lower(), 0) or m[1]) if m else (_ratio(text) if _AREA_RATIO.search(text)
                                                                        else 1.0)
    if len(currents) >= 2:
        high, low = currents[0], currents[1]
    else:
        high = low = currents[0] if currents else 10e-6
        area = area if area > 1 else RATIO
    names = _DIFFERENCE.search(text)
    hi, lo = (names[1], names[2]) if names else ("hi", "lo")
    return hi, lo, high, low, area


# "two identical diodes", "D1 and D2": the pair is of junction diodes (ideal, n = 1, the stated IS), not NPNs
_DIODES = re.compile(r"\bdiodes\b|\bD\d\b(?![\s\S]*\b(?:npns?|bjts?|transistors?)\b)")
_DIODE_IS = re.compile(r"\bIS\s*=\s*(\d+(?:\.\d+)?(?:e-?\d+)?\s*[fpnu]?)", re.IGNORECASE)


def _ptat(f: _Filler) -> str:
    hi, lo, high, low, area = _ptat_design(f)
    dvbe = K_Q * T0 * math.log(high / low * area)
    # the nodes carry the request's names, which the family's output (hi) may not be: a transient reports both
    f.measures = [f".measure tran {n}_avg AVG v({n}) FROM={{start}} TO={{stop}}" for n in (hi, lo)]
    f.param("dvbe", f"{dvbe:.4g}")  # VT ln(J1/J2) at 27 C, read back by the function check
    if _DIODES.search(f.intent.description):  # two junction diodes: the same VT ln(J1/J2) at n = 1
        said = _DIODE_IS.search(f.intent.description)
        card = f.model("dptat", f".model dptat D (is={said[1].replace(' ', '') if said else '1e-14'} n=1)")
        pair = [f"D1 {hi} 0 {card}", f"D2 {lo} 0 {card}" + (f" {area:g}" if area != 1 else "")]
    else:
        pair = [f"Q1 {hi} {hi} 0 {f.model('npn')}", f"Q2 {lo} {lo} 0 {f.model('npn')}"
                + (f" {area:g}" if area != 1 else "")]
    return "\n".join([f"V1 vdd 0 DC {f.supply('vdd', 5)}",
                      f"* v({hi}) - v({lo}) = VT ln(J1/J2): the current densities' ratio {high / low * area:g}",
                      f"I1 vdd {hi} DC {format_eng(high)}", pair[0], f"I2 vdd {lo} DC {format_eng(low)}", pair[1]])


def _ptat_unclear(text: str) -> str | None:
    """Why the request's words do not say which transistor carries what: more than two currents, or two
    currents and an area ratio (which device is the larger is then unread)."""
    currents = {float(m[1]) * _PREFIX[m[2].lower()] for m in _CURRENT.finditer(text)}
    if len(currents) > 2:
        return f"{len(currents)} currents stated for two branches"
    if len(currents) == 2 and (_TIMES.search(text) or _AREA_RATIO.search(text)):
        return "two currents and an area ratio: which transistor is the larger is not read"
    return None


def _ptat_holds(f: _Filler) -> list[Spec | Probe]:
    hi, lo, *_ = _ptat_design(f)
    dvbe = parse_number(f.params["dvbe"]) or 0.054
    unclear = _ptat_unclear(f.intent.description)
    # built, but never verified: the ratio measured would be the one guessed, not the one asked
    guessed: list[Spec | Probe] = [Probe(f"function: the branches as the request assigns them ({unclear})",
                                         "op\nlet result = 0", 1, 1)] if unclear else []
    return guessed + [Probe(f"function: v({hi}) - v({lo}) = VT ln(J1/J2) = {1e3 * dvbe:.3g} mV at 27 C",
                  f"op\nlet result = v({hi}) - v({lo})", 0.98 * dvbe, 1.02 * dvbe),
            Probe("function: the difference is proportional to absolute temperature (x 398/248 from -25 to 125 C)",
                  f"dc temp -25 125 150\nlet d = v({hi}) - v({lo})\nlet result = d[1]/d[0]", 1.55, 1.66)]


register(Family(kind="ptat_delta_vbe",
                summary="delta-VBE PTAT pair (two diode-connected NPNs at different current densities)",
                build=_ptat, function=_ptat_holds,
                names=("delta-VBE PTAT pair", "PTAT voltage from two diode-connected transistors", "ΔVBE cell"),
                rules=((5.5, (r"\bptat\b|(?:[\u0394\u03b4]|delta[- ]?)\s*v_?be\b|"
                              r"proportional\s+to\s+absolute\s+temperature",
                              r"\b(?:npns?|bjts?|transistors?|diode[- ]connected|diodes|pair|cell)\b",
                              r"^(?![\s\S]*\bptat\s+current)",  # a PTAT current generator is dVBE/R: not this
                              r"^(?![\s\S]*\bband[- ]?gap)")),),  # a bandgap's core is such a pair: the bandgap
                accepts=r"(?:ptat|[\u0394\u03b4]vbe|delta[- ]vbe)\s+(?:pair|cell|generator|voltage|source)"
                        r"|(?:its\s+own\s+|an?\s+|ideal\s+)?current\s+sources?",
                analysis="op", output="hi"))


# --- the diode-string reference ------------------------------------------------------------------

# Forward-biased junctions in series, fed through R1 from the supply: each drops n VT ln(I/IS + 1) + I RS
# (0.66 V at 1 mA with this card), so N of them hold the node at N such drops. R1 = (VS - N Vf)/I. A stated
# level with no count sets N to the nearest whole number of drops; a stated count is built as stated.
_STACK_CARD = ".model dstack D (is=1e-14 n=1 rs=0.5)"
_STACK_IS, _STACK_N, _STACK_RS = 1e-14, 1.0, 0.5
_COUNT_WORDS = {"one": 1, "a": 1, "single": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6}
# "three silicon diodes", "4 diodes", "two 1N4148 diodes"
_STACK_COUNT = re.compile(r"\b(one|a|single|two|three|four|five|six|[1-6])[\s-]+(?:[\w-]+\s+){0,2}?diodes?\b",
                          re.IGNORECASE)
_LEVEL_ROLES = ("VREF", "VOUT", "VBIAS")


def _drop(current: float) -> float:
    """One junction's forward drop at `current` (the card's diode equation, 27 C)."""
    return _STACK_N * K_Q * T0 * math.log(current / _STACK_IS + 1) + current * _STACK_RS


def _stack_design(f: _Filler) -> tuple[int, float, float, float | None]:
    """(diodes, current, supply, the level stated or None)."""
    current, supply = f.number("IBIAS", 1e-3, "I", "IREF"), f.number("VDD", 5.0, "VIN", "VCC")
    level = next((f.number(role, 0.0) for role in _LEVEL_ROLES if role in f.intent.values), None)
    said = _STACK_COUNT.search(f.intent.description)
    count = int(_COUNT_WORDS.get(said[1].lower(), 0) or said[1]) if said else \
        max(1, round(level / _drop(current))) if level else 2
    if (fed := _feed(f)) is not None and "IBIAS" not in f.intent.values:  # the resistor stated sets the current
        current = max((supply - 0.6 * count) / fed, 1e-9)
        for _ in range(30):  # I = (VS - N Vf(I))/R
            current = max((supply - count * _drop(current)) / fed, 1e-9)
    return count, current, supply, level


def _feed(f: _Filler) -> float | None:
    """The feed resistor the request states (R1 = the designed one otherwise)."""
    return next((f.intent.values[r].value for r in ("R", "RS", "R1") if r in f.intent.values), None)


def _diode_stack(f: _Filler) -> str:
    count, current, supply, level = _stack_design(f)
    card = f.model("dstack", _STACK_CARD)
    if level is not None:  # the level asked for, which the count of drops approximates (measured)
        f.param("vref", f(next(r for r in _LEVEL_ROLES if r in f.intent.values), level))
    f.param("vs", f("VDD", supply, "VIN", "VCC"))
    f.param("id", f("IBIAS", current, "I", "IREF") if _feed(f) is None else f"{current:.4g}")  # through the string
    f.param("vf", f"{_drop(current):.4g}")  # one drop at that current
    nodes = ["out", *(f"d{i}" for i in range(1, count)), "0"]
    feed = f("R", 1e3, "RS", "R1") if _feed(f) is not None else f"{{max((vs - {count}*vf)/id, 1)}}"
    return "\n".join(["V1 in 0 DC {vs}", f"R1 in out {feed}",
                      *(f"D{i + 1} {a} {b} {card}" for i, (a, b) in enumerate(zip(nodes, nodes[1:])))])


def _stack_holds(f: _Filler) -> list[Spec | Probe]:
    count, current, supply, level = _stack_design(f)
    drops = count * _drop(current)
    checks: list[Spec | Probe] = [Probe(f"function: {count} diode drops ({drops:.3g} V) at {format_eng(current)}A",
                                        "op\nlet result = v({out})", 0.97 * drops, 1.03 * drops)]
    if supply <= drops:
        checks.append(Probe(f"function: the {supply:g} V supply is above {count} diode drops", "op\nlet result = 0",
                            1, 1))
    if level is not None:  # the level asked for, which a whole number of drops may miss
        checks.append(Probe(f"function: the stated {level:g} V", "op\nlet result = v({out})", 0.9 * level,
                            1.1 * level))
    return checks


register(Family(kind="diode_stack_reference",
                summary="diode-string voltage reference (forward-biased diodes in series fed through a resistor, a "
                        "crude shunt regulator)",
                build=_diode_stack, function=_stack_holds,
                names=("diode string reference", "forward-biased diode reference", "series diode voltage reference"),
                # below every other family that names diodes: a zener, a rectifier or a push-pull's bias string
                # is that circuit
                rules=((37, (r"\bdiodes?\b", r"\bseries\b|\bstack(?:ed)?\b|\bstring\b|\bchain\b|\bforward[- ]biased",
                             r"\breferen|\bregulat|\bstabili[sz]|\bsteady\b|\b(?:fixed|constant)\s+(?:voltage|level)"
                             r"|\bbias\s+(?:node|voltage|level)",
                             r"^(?![\s\S]*\b(?:zeners?|npns?|pnps?|transistors?|mosfets?|op-?amps?|amplifiers?)\b)")),
                       # "a three-diode string from 12 V through 4.7k": a counted string is this circuit, its use unsaid
                       (37.1, (r"\b(?:two|three|four|five|six|[2-6])[\s-]+(?:[\w-]+\s+)?diodes?\b",
                               r"\bseries\b|\bstack(?:ed)?\b|\bstring\b|\bchain\b",
                               r"^(?![\s\S]*\b(?:zeners?|npns?|pnps?|transistors?|mosfets?|op-?amps?|amplifiers?|bridge|"
                               r"rectif\w*|gates?|clip\w*|clamp\w*|leds?)\b)"))),
                analysis="op", noun="reference"))


# --- the beta-multiplier (self-biased MOS) current reference ---------------------------------------

# M1 (W/L) diode-connected and M2 (K W/L, source degenerated by RS, its body on its source) carry equal currents,
# forced by the PMOS mirror M3-M4. VGS1 = VGS2 + I RS with VGS = Vt + sqrt(2 I/(KP W/L)) gives
#     I = 2/(KP (W/L) RS^2) (1 - 1/sqrt(K))^2,  so  RS = sqrt(2/(I KP W/L)) (1 - 1/sqrt(K)):
# set by RS and the geometry alone, not the supply. Square-law cards (no body effect, no channel-length
# modulation) as a designer sizes it by hand; the zero-current state is left by a .nodeset on the gate line.
_BETA_CARDS = {"n": (".model nbeta NMOS (level=1 vto={vto} kp={kp})", 0.7, 110e-6),
               "p": (".model pbeta PMOS (level=1 vto={vto} kp={kp})", -0.7, 50e-6)}
_BETA_WL = 10.0  # M1's W/L (10u/1u)
# "K = 4", "M2 four times wider", "a 4:1 ratio"
_BETA_K = re.compile(r"\bK\s*=\s*(\d+(?:\.\d+)?)|\b(\d+(?:\.\d+)?)\s*:\s*1\b|\b(two|four|eight|nine|sixteen|\d+)\s*"
                     r"(?:x|times)\s+(?:as\s+)?(?:wider|larger|the\s+width|the\s+size)", re.IGNORECASE)
_BETA_WORDS = {"two": 2, "four": 4, "eight": 8, "nine": 9, "sixteen": 16}


def _beta_design(f: _Filler) -> tuple[float, float, float, float]:
    """(current, K, RS, VGS1) with the NMOS card's KP and VTO."""
    current = f.number("IBIAS", 20e-6, "IREF", "IOUT")
    said = _BETA_K.search(f.intent.description)
    k = float(next((g for g in said.groups() if g), "4")) if said and not said[3] else \
        float(_BETA_WORDS.get(said[3].lower(), 0) or said[3]) if said else 4.0
    vto, kp = f.number("VTO", 0.7), f.number("KP", 110e-6)
    beta = kp * _BETA_WL
    return current, k, math.sqrt(2 / (current * beta)) * (1 - 1 / math.sqrt(k)), vto + math.sqrt(2 * current / beta)


def _beta_multiplier(f: _Filler) -> str:
    current, k, rs, vgs = _beta_design(f)
    f.param("iref", f("IBIAS", current, "IREF", "IOUT"))
    cards = [f.model(f"{pol}beta", card.format(vto=f"{vto:g}", kp=format_eng(kp))) for pol, (card, vto, kp) in
             (("n", (_BETA_CARDS["n"][0], f.number("VTO", 0.7), f.number("KP", 110e-6))),
              ("p", _BETA_CARDS["p"]))]
    return "\n".join([f"V1 vdd 0 DC {f.supply('vdd', 3.3)}",
                      f"* I = 2/(KP (W/L) RS^2) (1 - 1/sqrt(K))^2, K = {k:g}: RS = {format_eng(rs)} for {{iref}}",
                      f"M3 p p vdd vdd {cards[1]} W=20u L=1u", f"M4 n1 p vdd vdd {cards[1]} W=20u L=1u",
                      f"M1 n1 n1 0 0 {cards[0]} W=10u L=1u", f"M2 p n1 s2 s2 {cards[0]} W={10 * k:g}u L=1u",
                      "V9 s2 out DC 0", f"R1 out 0 {format_eng(rs)}", f".nodeset v(n1)={vgs:.4g}"])


def _beta_holds(f: _Filler) -> list[Spec | Probe]:
    current = _beta_design(f)[0]
    vdd = used(f, "VDD")
    return [expect("current", current, 0.05),
            Probe(f"function: the current holds within 10 % from {0.8 * vdd:.3g} V to {1.2 * vdd:.3g} V of supply",
                  f"dc v1 {0.8 * vdd:g} {1.2 * vdd:g} {0.02 * vdd:g}\nlet c = abs(i(v9))\n"
                  f"let result = (vecmax(c) - vecmin(c))/{current:g}", 0, 0.1)]


def _design_beta(intent, d, spec) -> None:
    """The current asked for is the reference's (RS follows from it in the builder)."""
    dz.set_value(intent, d, "IBIAS", spec.target, "I = 2/(KP (W/L) RS^2) (1 - 1/sqrt(K))^2", None)


register(Family(kind="beta_multiplier",
                summary="beta-multiplier (self-biased MOS) current reference",
                build=_beta_multiplier, function=_beta_holds,
                names=("beta multiplier current reference", "beta-multiplier reference",
                       "self-biased MOS current reference", "constant-gm bias circuit"),
                rules=((6.7, (r"beta[- ]multiplier|constant[- ]g_?m\s+bias|self[- ]biased\s+(?:[cn]?mos\s+)?current\s+"
                              r"(?:reference|source)",)),),
                accepts=r"(?:current\s+)?(?:reference|source|mirror)",
                analysis="op", mos=True, specs=("current",), design=_design_beta,
                examples=(("current", "beta multiplier current reference giving {x} A", 5e-6, 100e-6),)))
