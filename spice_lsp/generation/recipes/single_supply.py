"""Op-amp circuits on one positive supply, biased around a mid-supply reference: the inverting
summing amplifier, the difference amplifier and the Schmitt triggers (non-inverting and inverting).

A request that states only a positive supply ("Vdd = 5 V", "a single 3.3 V supply") cannot have the
split-rail versions (their output swings below ground): here the op-amp (templates.SINGLE_SUPPLY_OPAMP)
swings 5 % .. 95 % of vdd, and every point the split-rail circuit returns to ground returns to the
reference mid, vdd/2 from an R8-R9 divider buffered by X9 (a rail splitter: the feedback networks'
currents do not move it). Each circuit is its split-rail self shifted up by vdd/2:

    summer      v(out) = mid - RF (v(in) - mid)/R1 - RF (v(in2) - mid)/R2   (Rk = RF/wk: "out = -(a + 2b)")
    difference  v(out) = mid + R2/R1 (v(in) - v(in2))                    ("out = 4 x (v(p) - v(m))": R2 = 4 R1)
    Schmitt     thresholds mid +- (R1/R2) (vdd/2) (non-inverting; inverting: R2/(R1 + R2) of the swing)

The inputs rest at mid, the second a step above it that moves the output a tenth of the supply
(the operating point shows that input's weight).
"""
from __future__ import annotations

import re
from functools import partial

from spice_lsp.generation.checklist import Probe
from spice_lsp.generation.families import Family, expect, register, used
from spice_lsp.generation.recipes.comparators import (
    SINGLE_COMPARATOR,
    STATED_TRIPS,
    schmitt_to,
    single_rail,
    switches_at,
    trip_points,
)
from spice_lsp.generation.recipes.opamp_circuits import (
    _EQUATION_GAIN,
    OPAMP_WORDS,
    _gain_design,
    _gain_examples,
    _input_count,
    _named_inputs,
)
from spice_lsp.generation.request import Spec
from spice_lsp.generation.templates import SINGLE_SUPPLY_OPAMP, _Filler

# Only a positive supply: "Vdd = 5 V", "single 3.3 V supply", "mid-supply", and no negative rail.
# A zero-width match at the start, so the rule covers none of the request's words (scope.py).
SINGLE = (r"^(?=(?![\s\S]*(?:\u00b1|\+/-|\b(?:dual|split|bipolar|symmetric)\s+(?:\w+\s+)?suppl|\bnegative\s+"
          r"(?:supply|rail)|\bv\s*(?:ss|ee)\b|\bsupplies\b|-\s*\d+(?:\.\d+)?\s*v\s+(?:supply|rail)))"
          r"[\s\S]*(?:\bv\s*dd\s*(?:=|is|of)\s*\d"
          r"|\b(?:single|one)[- ](?:\+?[\d.]+\s*v\s+)?(?:positive\s+)?(?:supply|rail)"
          r"|\b(?:mid|half)[- ]?(?:rail|supply)))")


def _mid(f: _Filler) -> list[str]:
    """The op-amp, the supply and the buffered mid-supply reference."""
    f.param("vdd", f("VDD", 5))
    return [SINGLE_SUPPLY_OPAMP, "V9 vdd 0 DC {vdd}", "R8 vdd div 100k", "R9 div 0 100k",
            "X9 div mid mid opamp1"]


def _inputs(f: _Filler, count: int, step: float) -> list[str]:
    """The signal input (a sine around mid; a plain level when the request names its inputs) and the further
    inputs at mid, the second `step` volts above it (its weight shows at the operating point). compose.py puts
    the request's port names on in, in2 and names their sources after them."""
    named = _named_inputs(f.intent.description) is not None or _SUM.search(f.intent.description) is not None
    first = "V1 in 0 DC {vdd/2} AC 1" + ("" if named else f" SIN({{vdd/2}} {f('VIN', 0.2)} {f('FREQ', 1e3)})")
    return [first, f"V2 in2 0 DC {{vdd/2+{step:.4g}}}", *(f"V{k} in{k} 0 DC {{vdd/2}}" for k in range(3, count + 1))]


def _steps(f: _Filler, weight: float) -> Probe:
    """The second input's step (a tenth of the supply over its weight) moves the output a tenth of the supply
    down: its weight is the one the part values give."""
    vdd = used(f, "VDD")
    return Probe(f"function: {0.1 * vdd / weight:.3g} V more on the second input takes the output from mid-supply "
                 f"down to {0.4 * vdd:g} V (its weight, {weight:.3g})", "op\nlet result = v({out})",
                 0.39 * vdd, 0.41 * vdd)


# The sum a request writes: "out = -(a + 2b)", "Vout = -(0.5 x v(x) + v(y))": each input's weight.
_SUM = re.compile(r"=\s*-\s*\(\s*(?:([\d.]+)\s*[×x*·]?\s*)?(?:v\()?([a-z_]\w*)\)?\s*\+\s*"
                  r"(?:([\d.]+)\s*[×x*·]?\s*)?(?:v\()?([a-z_]\w*)\)?\s*\)", re.IGNORECASE)


def _summing(f: _Filler) -> str:
    """Rk = RF/wk for the weights the request writes ("out = -(a + 2b)"; 1 each else)."""
    rf = f.number("RF", 10e3, "R")
    named = _named_inputs(f.intent.description)
    written = _SUM.search(f.intent.description)
    wa, wb = (float(written[1] or 1), float(written[3] or 1)) if written else (1.0, 1.0)
    for role, value in list(f.intent.values.items()):  # a weight the reader took for a level is the weight
        if role in ("VIN", "VBIAS") and value.value in (wa, wb) and value.value != 1:
            f.given(role, value.value)
    count = 2 if named or written else _input_count(f)  # a third or fourth input through its own R2
    r2 = f.number("R2", rf / wb)
    rest = (f"R{k} in{k} n {f('R2', rf / wb)}" for k in range(3, count + 1))
    return "\n".join([*_mid(f), *_inputs(f, count, 0.1 * f.number("VDD", 5) * r2 / rf),
                      f"R1 in n {f('R1', rf / wa)}", f"R2 in2 n {f('R2', rf / wb)}", *rest,
                      f"R{count + 1} n out {f('RF', 10e3, 'R')}", "X1 mid n out opamp1"])


def _difference(f: _Filler) -> str:
    stated = _EQUATION_GAIN.search(f.intent.description)  # "out = 4 x (v(p) - v(m))"
    r1 = f.number("R1", 10e3, "R")
    r2 = f.number("R2", float(stated[1]) * r1 if stated else 10e3, "RF")
    # R4 returns the + input's divider to mid, not ground: the output's zero is mid.
    r1_text, r2_text = f("R1", 10e3, "R"), f("R2", r2, "RF")
    return "\n".join([*_mid(f), *_inputs(f, 2, 0.1 * f.number("VDD", 5) * r1 / r2), f"R1 in2 n {r1_text}",
                      f"R2 n out {r2_text}", f"R3 in p {r1_text}", f"R4 p mid {r2_text}", "X1 p n out opamp1"])


# What each arm of a stated threshold network joins, in the words after its value up to the clause's end: "47k feedback
# from so", "15k from there to ground", "22k from +5 V to the + input"
_ARMS = (("feedback", re.compile(r"\bfeedback\b|\bfrom\s+(?:the\s+)?out(?:put)?\b", re.IGNORECASE)),
         ("bottom", re.compile(r"\bto\s+(?:ground|gnd|0\s*V)\b", re.IGNORECASE)),
         ("top", re.compile(r"\bfrom\s+(?:the\s+)?(?:\+?\d+(?:\.\d+)?\s*V\b|supply|rail|vdd|vcc|v\+)", re.IGNORECASE)))


def _network(f: _Filler) -> tuple[str, str, str] | None:
    """An inverting trigger's threshold network as the request states it, a divider from the supply and a feedback
    resistor ("22k from +5 V to the + input, 15k from there to ground, 47k feedback from so"): the roles the reader
    gave (top, bottom, feedback); None when the request states no such three (the family's own network: feedback to
    a mid-supply reference)."""
    text, arms = f.intent.description, {}
    for value in f.intent.values.values():
        if value.unit != "ohm" or (at := text.find(value.text)) < 0:
            continue
        words = re.split(r"[,;]|\.(?!\d)", text[at + len(value.text):])[0]
        arm = next((name for name, said in _ARMS if said.search(words)), None)
        if arm and arm not in arms:
            arms[arm] = value.role
    return (arms["top"], arms["bottom"], arms["feedback"]) if len(arms) == 3 else None


def _thresholds(f: _Filler, network: tuple[str, str, str]) -> tuple[float, float]:
    """(upper, lower): the + input with the output at the supply and at ground, top || feedback against bottom."""
    top, bottom, feedback = (f.number(role, 10e3) for role in network)
    vdd, g = f.number("VDD", 5), 1 / top + 1 / bottom + 1 / feedback
    return vdd * (1 / top + 1 / feedback) / g, vdd / top / g


def _fraction(f: _Filler, inverting: bool) -> float:
    """The share of the output's swing fed back to the + input (the thresholds' half-spacing over it)."""
    if inverting and (network := _network(f)):
        upper, lower = _thresholds(f, network)
        return (upper - lower) / f.number("VDD", 5)
    r1, r2 = used(f, "R1", "R"), used(f, "R2")
    return r2 / (r1 + r2) if inverting else r1 / r2


def _schmitt(f: _Filler, inverting: bool) -> str:
    if trip := trip_points(f.intent.description):  # switching points stated: designed to them (comparators.py)
        return schmitt_to(f, inverting, trip, single_rail(f.intent, trip, forced=True))
    if inverting and (network := _network(f)):  # the divider from the supply and the feedback, as stated
        upper, lower = _thresholds(f, network)
        f.param("vdd", f("VDD", 5))
        f.tran = (1 / f.number("FREQ", 100) / 2000, 3 / f.number("FREQ", 100))
        swing = min(0.45 * f.number("VDD", 5), upper - lower)  # the sine crosses both thresholds
        return "\n".join([SINGLE_COMPARATOR, "V9 vdd 0 DC {vdd}",
                           f"V1 in 0 DC {(upper + lower) / 2:.4g} SIN({(upper + lower) / 2:.4g} {swing:.4g} "
                           f"{f('FREQ', 100)})", f"R1 vdd p {f(network[0], 10e3)}", f"R2 p 0 {f(network[1], 10e3)}",
                           f"R3 out p {f(network[2], 100e3)}", "X1 p in out comparator1"])
    # Non-inverting: thresholds mid -+ (R1/R2) vdd/2; R1 = R2/10 puts them 10 % of the supply apart.
    # Inverting: R1 (output to +) over R2 (+ to mid): R2/(R1 + R2) of the swing.
    r1, r2 = f("R1", 10e3 if not inverting else 100e3, "R"), f("R2", 100e3 if not inverting else 10e3)
    vdd = f.number("VDD", 5)
    swing = min(0.45 * vdd, 3 * _fraction(f, inverting) * vdd / 2)  # the sine crosses both thresholds
    f.param("vdd", f("VDD", 5))
    f.tran = (1 / f.number("FREQ", 100) / 2000, 3 / f.number("FREQ", 100))
    sine = f"V1 in 0 DC {{vdd/2}} SIN({{vdd/2}} {f('VIN', round(swing, 3))} {f('FREQ', 100)})"
    body = [f"R1 out p {r1}", f"R2 p mid {r2}", "X1 p in out comparator1"] if inverting \
        else [f"R1 in p {r1}", f"R2 p out {r2}", "X1 p mid out comparator1"]
    return "\n".join([SINGLE_COMPARATOR, "V9 vdd 0 DC {vdd}", "R8 vdd div 100k", "R9 div 0 100k",
                      SINGLE_SUPPLY_OPAMP, "X9 div mid mid opamp1", sine, *body])


def _hysteresis(inverting: bool):
    def function(f: _Filler) -> list[Spec | Probe]:
        """Thresholds (R1/R2) vdd apart (inverting: R2/(R1 + R2) vdd), on the family's own sine, whatever
        analysis the request asks for; or the switching points stated."""
        if trip := trip_points(f.intent.description):
            return switches_at(inverting, trip, single_rail(f.intent, trip, forced=True))
        width, vdd, period = _fraction(f, inverting) * used(f, "VDD"), used(f, "VDD"), 1 / used(f, "FREQ")
        find = f"find v({{inp}}) when v({{out}})={vdd / 2:g}"
        run = f"tran {period / 2000:g} {3 * period:g}\nmeas tran up {find} {'fall' if inverting else 'rise'}=1 " \
              f"td={period:g}\nmeas tran dn {find} {'rise' if inverting else 'fall'}=1 td={period:g}\n"
        checks: list[Spec | Probe] = [
            Probe(f"function: thresholds {width:.3g} V apart (the hysteresis, from the part values)",
                  f"{run}let result = abs(up-dn)", 0.9 * width, 1.1 * width)]
        if inverting and (network := _network(f)):  # a stated network: its upper threshold where it puts it
            upper = _thresholds(f, network)[0]
            checks.append(Probe(f"function: the upper threshold {upper:.3g} V (from the part values)",
                                f"{run}let result = up", upper - 0.1 * width, upper + 0.1 * width))
        return checks
    return function


register(Family(kind="single_supply_summing_amplifier",
                summary="single-supply inverting summing amplifier (around a mid-supply reference)",
                build=_summing,
                function=lambda f: [expect("gain", -used(f, "RF", "R") / used(f, "R1"), 0.03),
                                    _steps(f, used(f, "RF", "R") / used(f, "R2"))],
                names=("single-supply summing amplifier", "single-supply op-amp adder",
                       "summing amplifier on a single supply", "mid-supply referenced op-amp summer"),
                rules=((5.49, (r"summing|\bsummer\b|(?:op[- ]?amp|analog|inverting)\s+adder", SINGLE)),
                       (5.495, (r"\badder\b", OPAMP_WORDS, SINGLE))),
                accepts=r"adder|summer", noun="amplifier"))
register(Family(kind="single_supply_difference_amplifier",
                summary="single-supply op-amp difference amplifier (around a mid-supply reference)",
                build=_difference,
                function=lambda f: [expect("gain", used(f, "R2", "RF") / used(f, "R1", "R"), 0.03),
                                    _steps(f, used(f, "R2", "RF") / used(f, "R1", "R"))],
                names=("single-supply difference amplifier", "single-supply op-amp subtractor",
                       "difference amplifier on a single supply", "mid-supply referenced subtractor"),
                rules=((5.29, (r"difference amplifier|subtract(?:or|ing amplifier)", SINGLE)),),
                accepts=r"subtractor|difference\s+amplifier", noun="amplifier", specs=("gain", "gain_db"),
                design=_gain_design("R2", "R1", "gain = R2/R1", lambda g: g, 1),
                examples=_gain_examples("single-supply difference amplifier", 20)))
_TRIGGER = r"schmitt|hysteresis"
# Switching points the request states ("high when in rises above 3 V ... low when it falls below 2 V") are
# comparators.py's trigger, designed to them on the supply stated (single or split).
_UNSTATED = rf"^(?![\s\S]*(?:{STATED_TRIPS}))"
for _kind, _inverting, _names, _rule in (
        ("single_supply_schmitt_noninverting", False,
         ("single-supply non-inverting Schmitt trigger", "non-inverting Schmitt trigger on a single supply",
          "mid-supply referenced non-inverting comparator with hysteresis"),
         (4.995, (_TRIGGER, r"non[- ]?inverting", SINGLE, _UNSTATED))),
        ("single_supply_schmitt_inverting", True,
         ("single-supply Schmitt trigger", "inverting Schmitt trigger on a single supply",
          "single-supply inverting comparator with hysteresis"),
         (5.045, (_TRIGGER, SINGLE, _UNSTATED)))):
    register(Family(kind=_kind, summary=f"single-supply {'inverting' if _inverting else 'non-inverting'} "
                                        "Schmitt trigger (around a mid-supply reference)",
                    build=partial(_schmitt, inverting=_inverting), names=_names, rules=(_rule,),
                    analysis="tran", tran=("5u", "30m"), signal_input=True, function=_hysteresis(_inverting),
                    accepts=r"comparators?|hysteresis|trigger|op[- ]?amps?|op-?map"))
