"""Design to spec: a family's design equations turn the request's specs into part values.

A value the request gives is never changed; a free one is computed from the spec and rounded
to the E-series a designer would buy (E96 resistors, E24 capacitors and inductors), with the
exact value noted. The pipeline then measures the spec in ngspice and, when it misses, trims
the designed value (`trim`) a bounded number of times.
"""
from __future__ import annotations

import math
import re
from collections.abc import Callable
from dataclasses import dataclass, field, replace

from spice_lsp.generation.checklist import VOLT_RANGE
from spice_lsp.generation.intent import AnalysisRequest, Intent, Value
from spice_lsp.generation.request import ABSOLUTE, DECIBELS, TOTAL_RESISTANCE, SourceConstraint, Spec, read_request
from spice_lsp.language.units import format_eng, parse_number

E24 = [1.0, 1.1, 1.2, 1.3, 1.5, 1.6, 1.8, 2.0, 2.2, 2.4, 2.7, 3.0, 3.3, 3.6, 3.9, 4.3, 4.7, 5.1, 5.6, 6.2,
       6.8, 7.5, 8.2, 9.1]
E96 = [round(10 ** (i / 96), 2) for i in range(96)]
UNITS = {"R": "ohm", "C": "F", "L": "H", "RF": "ohm", "R2": "ohm", "VZ": "V", "DUTY": "", "GAIN": ""}


def e_series(value: float, series: list[float]) -> float:
    exponent = math.floor(math.log10(value))
    mantissa = value / 10 ** exponent
    best = min(series + [10.0], key=lambda s: abs(math.log(mantissa / s)))
    return float(f"{best * 10 ** exponent:.4g}")


@dataclass
class Design:
    designed: dict[str, float] = field(default_factory=dict)  # role -> exact value
    notes: list[str] = field(default_factory=list)  # how each value was computed
    problems: list[str] = field(default_factory=list)  # specs that contradict given values
    free: str | None = None  # the role the trim loop may adjust
    trims: str | None = None  # the spec quantity `free` was designed for (only that spec moves it)
    scale: int = -1  # how the spec moves with the free value: -1 inversely (f ~ 1/R), +1 in proportion
    complement: bool = False  # the spec moves with 1 - the free value (a boost's Vout = Vin/(1 - D))
    claimed: set[str] = field(default_factory=set)  # intent roles the specs account for
    q: float | None = None  # the request's Q: a second-order section's frequency is designed at it
    wanted: dict[str, float] = field(default_factory=dict)  # every spec's target by quantity (a bias needs two)
    tried: tuple[float, float] | None = None  # the free value trimmed last and what it measured: the next step's slope


def set_value(intent: Intent, design: Design, role: str, exact: float, how: str,
              series: list[float] | None) -> None:
    """Put a designed value in the intent (rounded to `series`), noting how it was found."""
    if not exact > 0 or not math.isfinite(exact):
        design.problems.append(f"{role} would be {exact:g} from {how}: no such part")
        return
    value = e_series(exact, series) if series else float(f"{exact:.4g}")  # as the netlist writes it
    unit = UNITS.get(role, UNITS.get(role[0], ""))
    intent.values[role] = Value(role, value, format_eng(value) if unit else f"{value:.4g}", unit)
    design.designed[role] = exact
    design.notes.append(f"{role} = {format_eng(value)} from {how} (exact {format_eng(exact)})")


def given(intent: Intent, *roles: str) -> float | None:
    """The request's value for the first of these roles it gives."""
    return next((intent.values[r].value for r in roles if r in intent.values), None)


def _check_given(design: Design, spec: Spec, computed: float, what: str) -> None:
    if abs(computed - spec.target) > spec.tolerance * spec.target:
        design.problems.append(f"'{spec.text}' contradicts the values given: {what} gives "
                               f"{format_eng(computed)}Hz")


def _corner(intent: Intent, design: Design, spec: Spec, inductive: bool) -> None:
    """First-order corner fc = 1/(2 pi R C) or R/(2 pi L)."""
    if intent.kind in _SHUNT_R and given(intent, "R", "R1") is None \
            and (shunt := next((role for role in ("RL", "RIN") if role in intent.values), None)):
        # "into a 10k load", "the next stage's 10k input impedance": the resistor from the output to ground is it
        load = intent.values.pop(shunt)
        intent.values["R"] = Value("R", load.value, load.text, load.unit)
        design.claimed.add(shunt)
    r = given(intent, "R", "R1")
    other, role = ("L", "L") if inductive else ("C", "C")
    x = given(intent, other, other + "1")
    f = spec.target
    if r is not None and x is not None:
        _check_given(design, spec, r / (2 * math.pi * x) if inductive else 1 / (2 * math.pi * r * x), "R and " + other)
    elif r is None:
        if x is None:
            x = 10e-3 if inductive else 10e-9
            set_value(intent, design, role, x, f"a standard {format_eng(x)}{'H' if inductive else 'F'} "
                                           "(the request gives neither part)", None)
        exact = 2 * math.pi * f * x if inductive else 1 / (2 * math.pi * f * x)
        set_value(intent, design, "R", exact, f"fc = {'R/(2 pi L)' if inductive else '1/(2 pi R C)'}", E96)
        design.free = "R"
        design.scale = 1 if inductive else -1
    else:
        exact = r / (2 * math.pi * f) if inductive else 1 / (2 * math.pi * f * r)
        set_value(intent, design, role, exact, f"fc = {'R/(2 pi L)' if inductive else '1/(2 pi R C)'}", E24)
        design.free, design.scale = role, -1  # an E24 step is up to 5 %: trimmed when it misses


def _divided_lowpass(intent: Intent, d: Design, k: float) -> None:
    """A low-pass whose DC gain is k < 1: RSHUNT from the output to ground makes a divider with the series R,
    k = RSHUNT/(R + RSHUNT), and the capacitor sees R || RSHUNT = k R, so fc = 1/(2 pi k R C). A corner designed
    before (as R alone) keeps its frequency: the series R becomes R/k (a designed R) or C becomes C/k (a given R)."""
    if given(intent, "RSHUNT") is not None or not 0 < k < 1:
        return
    if "R" in d.designed:  # the corner's R is the resistance the capacitor must see: R || RSHUNT
        rth = d.designed["R"]
        set_value(intent, d, "R", rth / k, "DC gain k = RSHUNT/(R + RSHUNT), R || RSHUNT = the corner's R", E96)
        set_value(intent, d, "RSHUNT", rth / (1 - k), "DC gain k = RSHUNT/(R + RSHUNT)", E96)
    else:
        r = given(intent, "R", "R1") or 1e3
        set_value(intent, d, "RSHUNT", r * k / (1 - k), "DC gain k = RSHUNT/(R + RSHUNT)", E96)
        if "C" in d.designed:  # the corner's C was sized for R alone: the capacitor sees k R
            set_value(intent, d, "C", d.designed["C"] / k, "fc = 1/(2 pi (R || RSHUNT) C)", E24)
    d.free, d.scale = ("C", -1) if "C" in d.designed else (None, -1)  # trimming C moves only the corner
    d.claimed.add("GAIN")


def _biased_highpass(intent: Intent, d: Design, spec: Spec) -> None:
    """A high-pass whose output rides on a DC level ("sitting around 1.65 V on a 3.3 V rail"): its resistor to ground
    becomes a divider from the supply, RTOP from it and R to ground, k = R/(R + RTOP) = Vout/VDD; the capacitor sees
    R || RTOP, which keeps the corner designed before (as R alone) or, with none, the R the request gives."""
    vdd = given(intent, "VDD")
    if vdd is None or not 0 < spec.target < vdd:
        d.problems.append(f"'{spec.text}': a high-pass rides on a level between ground and its supply; "
                          "no supply is given to divide" if vdd is None else f"'{spec.text}': not below the "
                          f"{format_eng(vdd)}V supply")
        return
    k = spec.target / vdd
    rth = d.designed.get("R") or given(intent, "R", "R1")
    if rth is None or "R" not in d.designed and given(intent, "R", "R1") is not None:
        r = rth or 100e3  # the request's R is the leg to ground (or none: 100k keeps the source's load light)
        if rth is None:
            set_value(intent, d, "R", r, "the leg to ground (no corner asked)", None)
        set_value(intent, d, "RTOP", r * (1 - k) / k, "Vout = VDD R/(R + RTOP)", E96)
        return
    set_value(intent, d, "R", rth / (1 - k), "Vout = VDD R/(R + RTOP), R || RTOP = the corner's R", E96)
    set_value(intent, d, "RTOP", rth / k, "Vout = VDD R/(R + RTOP), R || RTOP = the corner's R", E96)
    d.free, d.scale = ("C", -1) if "C" in d.designed else (None, -1)  # trimming C moves only the corner
    d.claimed.add("VDD")


def _oscillator(intent: Intent, design: Design, spec: Spec, factor: float) -> None:
    """f = 1/(2 pi k R C): R from the given (or a standard) C."""
    c = given(intent, "C", "C1")
    r = given(intent, "R", "R1")
    f = spec.target
    if r is not None and c is not None:
        _check_given(design, spec, 1 / (2 * math.pi * factor * r * c), "R and C")
        return
    if r is not None:
        set_value(intent, design, "C", 1 / (2 * math.pi * factor * f * r), "f = 1/(2 pi k R C)", E24)
        return
    if c is None:
        c = 10e-9
        set_value(intent, design, "C", c, "a standard 10 nF", None)
    set_value(intent, design, "R", 1 / (2 * math.pi * factor * f * c), "f = 1/(2 pi k R C)", E96)
    design.free, design.scale = "R", -1


def _resonance(intent: Intent, design: Design, spec: Spec) -> None:
    """f0 = 1/(2 pi sqrt(L C)): the free one of L and C (L 10 mH when neither is given, which keeps
    the series circuit's Q high enough to peak)."""
    ind, c = given(intent, "L", "L1"), given(intent, "C", "C1")
    k = 1 / (2 * math.pi * spec.target) ** 2
    r = given(intent, "R", "R1")
    if ind is None and c is None and r is not None and design.q and intent.kind in _SERIES_LOOP:
        # the loop's resistor given with the Q: Q = 2 pi f0 L / R sets L, then C resonates with it
        set_value(intent, design, "L", design.q * r * 2 * math.pi * spec.target * k,
                  "Q = 2 pi f0 L / R (the series loop)", E24)
        set_value(intent, design, "C", k / intent.values["L"].value, "f0 = 1/(2 pi sqrt(L C))", E24)
        design.free, design.scale = "C", -2  # f0 ~ 1/sqrt(C): an E24 step may miss by 2-3 %
        return
    if ind is not None and c is not None:
        _check_given(design, spec, 1 / (2 * math.pi * math.sqrt(ind * c)), "L and C")
    elif c is not None:
        set_value(intent, design, "L", k / c, "f0 = 1/(2 pi sqrt(L C))", E24)
        design.free, design.scale = "L", -2  # trimmed where a high Q holds the centre closer than an E24 step
    else:
        if ind is None:
            ind = 10e-3
            set_value(intent, design, "L", ind, "a standard 10 mH", None)
        set_value(intent, design, "C", k / ind, "f0 = 1/(2 pi sqrt(L C))", E24)
        design.free, design.scale = "C", -2


# "equal 10 nF caps", "both capacitors equal", "C1 = C2", "equal-component": a Sallen-Key of equal parts
_EQUAL_PARTS = re.compile(r"\bequal[\s-]+(?:[\d.]+\s*[pnuµm]?\s*(?:F|ohms?|\u03a9|k)?\s+)?(?P<what>caps?|capacitors?|"
                          r"resistors?|parts|components?|values?)\b|\b(?:both|the\s+two)\s+(?P<what2>caps?|capacitors?|"
                          r"resistors?)\s+(?:are\s+)?(?:equal|the\s+same)\b", re.IGNORECASE)


def _sallen_key(intent: Intent, d: Design, spec: Spec, high: bool) -> None:
    """Unity-gain Sallen-Key, equal R (low-pass) or equal C (high-pass), at the request's Q (else
    Butterworth, 0.707): the low-pass's C1 = 4 Q^2 C2, the high-pass's R2 = 4 Q^2 R1; then
    f0 = 1/(2 pi R sqrt(C1 C2)) = 1/(4 pi Q R C2) (or 1/(4 pi Q R1 C)). A -3 dB corner is the
    f0 that puts the corner there at that Q."""
    from spice_lsp.generation.families import second_order_corner
    k, asked = given(intent, "GAIN"), _passband_gain(d)
    if "C" in intent.values:  # "both C = 10 nF": the capacitors' value, each set from it below
        d.claimed.add("C")
    said = {(m["what"] or m["what2"])[:1].lower() for m in _EQUAL_PARTS.finditer(intent.description)}
    if k is None and asked is None and said & {"r" if high else "c", "p", "v"}:
        # "equal 10 nF caps" of a low-pass (its unity-gain design has equal resistors, a high-pass equal capacitors):
        # the equal-component design, its gain setting Q = 1/(3 - K)
        k = 3 - 1 / (d.q or 1 / math.sqrt(2))
        set_value(intent, d, "GAIN", k, "equal parts: K = 3 - 1/Q", None)
    if (gain := k or asked) is not None and gain > 1 and (d.q is not None or k is None):
        # a passband gain asked (at the Q asked, else Butterworth's): the parts' ratio that gives both
        _sallen_key_gain(intent, d, spec, high, gain, d.q or 1 / math.sqrt(2))
        return
    if k is not None and k > 1:  # equal parts, the gain sets Q = 1/(3 - K); f0 = 1/(2 pi R C)
        if k >= 3:
            d.problems.append(f"a Sallen-Key gain of {k:g} (3 or more with equal parts) oscillates")
            return
        q = 1 / (3 - k)
        f0 = spec.target if spec.quantity == "f0" else spec.target ** 2 / second_order_corner(spec.target, q, high)
        r = given(intent, "R", "R1", "R2")
        c = given(intent, "C", "C1", "C2") or (1 / (2 * math.pi * f0 * r) if r else 10e-9)
        for role in ("C1", "C2"):  # ("equal 10k resistors": the capacitors from them)
            set_value(intent, d, role, c, "equal capacitors" if r is None else "f0 = 1/(2 pi R C)",
                      None if r is None else E24)
        if r is None:
            set_value(intent, d, "R1", 1 / (2 * math.pi * f0 * c), f"f0 = 1/(2 pi R C), Q = 1/(3 - K) = {q:.3g}", E96)
            set_value(intent, d, "R2", d.designed["R1"], "R2 = R1", E96)
        return
    q = d.q or 1 / math.sqrt(2)
    f0 = spec.target if spec.quantity == "f0" else spec.target ** 2 / second_order_corner(spec.target, q, high)
    c = given(intent, "C2", "C") or 10e-9
    how = f"Q = {q:.3g}" + (" (Butterworth)" if d.q is None else "")
    if not high:
        if given(intent, "C2", "C") is None and (r := given(intent, "R", "R1", "R2")) is not None:
            # "two equal 10k resistors": the capacitors from them, f0 = 1/(2 pi R sqrt(C1 C2)) = 1/(4 pi Q R C2)
            set_value(intent, d, "C2", 1 / (4 * math.pi * f0 * q * r), f"C2 = 1/(4 pi f0 Q R) for {how}", E24)
            c = intent.values["C2"].value
        elif given(intent, "C2", "C") is None:
            set_value(intent, d, "C2", c, "the design's base capacitor", None)
        set_value(intent, d, "C1", 4 * q * q * c, f"C1 = 4 Q^2 C2 for {how}, R1 = R2", E24)
        c1 = intent.values["C1"].value  # as bought: R is designed from the capacitors used (unless given)
        if given(intent, "R", "R1", "R2") is None:
            set_value(intent, d, "R1", 1 / (2 * math.pi * f0 * math.sqrt(c1 * c)), "f0 = 1/(2 pi R sqrt(C1 C2))", E96)
            set_value(intent, d, "R2", d.designed["R1"], "R2 = R1", E96)
    else:
        set_value(intent, d, "C1", c, "equal capacitors", None)
        set_value(intent, d, "C2", c, "equal capacitors", None)
        r = 1 / (4 * math.pi * f0 * q * c)
        set_value(intent, d, "R2", 4 * q * q * r, f"R2 = 4 Q^2 R1 for {how}", E96)
        set_value(intent, d, "R1", r, "f0 = 1/(2 pi C sqrt(R1 R2))", E96)


def _passband_gain(d: Design) -> float | None:
    """The passband gain the specs ask of a filter ("a passband gain of 2", "6 dB"): its claim took it from the
    intent."""
    if "gain" in d.wanted:
        return abs(d.wanted["gain"])
    return 10 ** (d.wanted["gain_db"] / 20) if "gain_db" in d.wanted else None


def _sallen_key_gain(intent: Intent, d: Design, spec: Spec, high: bool, k: float, q: float) -> None:
    """Sallen-Key with gain K = 1 + R4/R3 at a stated Q: equal C (high-pass) or equal R (low-pass), the other pair in
    the ratio x^2 (x = sqrt(R2/R1), or sqrt(C1/C2)) that solves 1/Q = 2/x + (1 - K) x, i.e.
    (K - 1) x^2 + x/Q - 2 = 0; f0 = 1/(2 pi C R1 x) (or 1/(2 pi R C2 x))."""
    from spice_lsp.generation.families import second_order_corner
    x = (-1 / q + math.sqrt(1 / q ** 2 + 8 * (k - 1))) / (2 * (k - 1))
    f0 = spec.target if spec.quantity == "f0" else spec.target ** 2 / second_order_corner(spec.target, q, high)
    c = given(intent, "C2", "C") or 10e-9
    how = f"(K - 1) x^2 + x/Q - 2 = 0 at K = {k:.3g}, Q = {q:.3g}: x = {x:.3g}"
    set_value(intent, d, "GAIN", k, "the passband gain asked", None)
    if high:
        set_value(intent, d, "C1", c, "equal capacitors", None)
        set_value(intent, d, "C2", c, "equal capacitors", None)
        set_value(intent, d, "R1", 1 / (2 * math.pi * f0 * c * x), "f0 = 1/(2 pi C sqrt(R1 R2))", E96)
        set_value(intent, d, "R2", x * x * d.designed["R1"], f"R2 = x^2 R1, {how}", E96)
    else:
        if given(intent, "C2", "C") is None:
            set_value(intent, d, "C2", c, "the design's base capacitor", None)
        # (unrounded: with a gain above 1 the Q moves with C1/C2 faster than sqrt, an E24 step is 6 % of Q)
        set_value(intent, d, "C1", x * x * c, f"C1 = x^2 C2, {how}", None)
        c1 = intent.values["C1"].value  # as bought: R is designed from the capacitors used
        set_value(intent, d, "R1", 1 / (2 * math.pi * f0 * math.sqrt(c1 * c)), "f0 = 1/(2 pi R sqrt(C1 C2))", E96)
        set_value(intent, d, "R2", d.designed["R1"], "R2 = R1", E96)


LAMBDA = 0.04  # the nch card's channel-length modulation
_LEVEL_1 = re.compile(r"\blevel[- =]*1\b", re.IGNORECASE)


def writes_model(intent: Intent) -> bool:
    """The request writes out its level-1 model ("level 1, VTO 0.6, KP 100u", "VTO=0.7 KP=50u"): the card is that
    model alone, with no body effect or channel-length modulation (templates._mos_model)."""
    given_ = {"VTO", "KP"} & set(intent.values)
    return bool(given_) and bool(_LEVEL_1.search(intent.description)) or given_ == {"VTO", "KP"}


# "LAMBDA=0.02", "lambda 0.05", "λ = 0.1 V^-1": the channel-length modulation the request's model card states (the
# card the netlist carries: compose writes it in whatever else the request's model leaves out)
_STATED_LAMBDA = re.compile(r"(?:\blambda|λ)\s*(?:=|:|of|is)?\s*(\d*\.?\d+(?:e-?\d+)?)(?![\w.])", re.IGNORECASE)


def card_lambda(intent: Intent) -> float:
    """The nch card's channel-length modulation as this request's card has it: the one it states, else none where it
    writes the model out, else the nch card's."""
    if (stated := _STATED_LAMBDA.search(intent.description)) is not None:
        return float(stated[1])
    return 0.0 if writes_model(intent) else LAMBDA


def mos_gain(values: Callable[..., float], lam: float = LAMBDA) -> float:
    """-gm (RD || ro) of the nch level-1 card at the gate's DC bias; `values(role, *aliases,
    default=)` reads the circuit's values; `lam` the card's channel-length modulation."""
    vov = values("VGS", "VBIAS", default=1.5) - values("VTO", default=0.7)
    beta = values("KP", default=110e-6) * (values("WL", default=0.0)
                                          or values("W", default=10e-6) / values("LG", default=1e-6))
    rd, vdd = values("RD", "RL", "R", default=10e3), abs(values("VDD", default=5))
    if vov <= 0:
        return 0.0
    i = 0.5 * beta * vov ** 2
    for _ in range(3):  # the drain's voltage and the current, each from the other
        vds = max(vdd - i * rd, vov)
        i = 0.5 * beta * vov ** 2 * (1 + lam * vds)
    ro = (1 / lam + vds) / i if lam else math.inf
    return -2 * i / vov * (rd if not lam else rd * ro / (rd + ro))


def design_cs_gain(intent: Intent, d: Design, spec: Spec) -> None:
    """RD for the gain at the gate's bias: -gm (RD || ro), the drain's voltage and the current from
    each other (a few rounds); the drain must stay above the overdrive."""
    gain = abs(spec.target) if spec.quantity == "gain" else 10 ** (spec.target / 20)
    intent.values.pop("GAIN", None)
    d.claimed.add("GAIN")
    if intent.polarity == "p":
        return
    if {"RD", "RL", "R"} & set(intent.values):
        bias = intent.values.get("VGS") or intent.values.get("VBIAS")
        # (a level said with "AC" is the signal's: "a DC bias plus 1 V AC from one source")
        signal = bias is not None and re.search(rf"{re.escape(bias.text)}\s*AC\b", intent.description, re.IGNORECASE)
        if signal and bias is not None:
            intent.values.pop(bias.role)
        if bias is None or signal:  # the drain resistor given, the bias left to us ("choose the bias")
            _cs_bias_for_gain(intent, d, gain)
        return

    def values(*roles: str, default: float | None = None) -> float:  # the drain resistor: the one designed
        found = next((intent.values[r].value for r in roles if r in intent.values), None)
        return found if found is not None else rd if roles[0] == "RD" else default or 0.0
    rd = 10e3
    for _ in range(8):
        rd *= gain / max(abs(mos_gain(values, card_lambda(intent))), 1e-9)
    vov = values("VGS", "VBIAS", default=1.5) - values("VTO", default=0.7)
    beta = values("KP", default=110e-6) * aspect(intent)
    if values("VDD", default=5) - 0.5 * beta * vov ** 2 * rd < vov:
        d.problems.append(f"'{spec.text}': the drain would fall below the overdrive (the stage saturates)")
        return
    set_value(intent, d, "RD", rd, "|gain| = gm (RD || ro) at the gate's bias", E96)
    d.free, d.scale = "RD", 1


def design_cs(intent: Intent, d: Design, spec: Spec) -> None:
    """A common-source stage to its gain, or to its drain's DC level (design_cs_drain)."""
    (design_cs_drain if spec.quantity == "vout" else design_cs_gain)(intent, d, spec)


# "gate sits at 1.8 V", "the gate held at 2 V by VG": a common-source stage's bias, stated
_GATE_HELD = re.compile(r"\bgate\s+(?:node\s+\w+\s+)?(?:is\s+)?(?:sits|held|biased|tied|fixed|kept|set)?\s*(?:at|to)\s+"
                        r"(?P<v>\d+(?:\.\d+)?)\s*V\b", re.IGNORECASE)


def design_cs_drain(intent: Intent, d: Design, spec: Spec) -> None:
    """The gate's DC bias that puts the drain at the level asked for, the drain resistor given or the family's:
    VD = VDD - RD ID with ID = beta/2 (VGS - VTO)^2 (1 + lambda VD), by bisection on the bias (VD falls as it rises)."""
    if intent.polarity == "p" or "VBIAS" in intent.values:
        return

    def values(*roles: str, default: float | None = None) -> float:
        return next((intent.values[r].value for r in roles if r in intent.values), default or 0.0)
    vto, vdd, lam = values("VTO", default=0.7), abs(values("VDD", default=5)), card_lambda(intent)
    beta = values("KP", default=110e-6) * aspect(intent)
    rd = values("RD", "RL", "R", default=10e3)
    if not 0 < spec.target < vdd:
        d.problems.append(f"'{spec.text}': a drain level must lie between ground and the {vdd:g} V supply")
        return
    # ("gate sits at 1.8 V from source VGQ ... pick the drain resistor so dr6 is at 3 V": the bias is stated, the
    # drain resistor is what sets the level: RD = (VDD - VD)/ID, ID = beta/2 (VGS - VTO)^2 (1 + lambda VD))
    held = _GATE_HELD.search(intent.description)
    vgs = values("VGS") if "VGS" in intent.values else float(held["v"]) if held else None
    if vgs is not None:
        if "VGS" not in intent.values:  # (the bias the stage's gain is computed at)
            set_value(intent, d, "VGS", vgs, "the gate's level, as stated", None)
        current = 0.5 * beta * max(vgs - vto, 0.0) ** 2 * (1 + lam * spec.target)
        if not any(r in intent.values for r in ("RD", "RL", "R")) and current > 0:
            set_value(intent, d, "RD", (vdd - spec.target) / current,
                      "RD = (VDD - VD)/ID, ID = beta/2 (VGS - VTO)^2 at the stated gate bias", E96)
        return

    def drain(vgs: float) -> float:
        k = 0.5 * beta * max(vgs - vto, 0.0) ** 2
        return (vdd - rd * k) / (1 + rd * k * lam)
    low, high = vto, vto + vdd
    for _ in range(60):
        mid = (low + high) / 2
        low, high = (mid, high) if drain(mid) > spec.target else (low, mid)
    if spec.target < low - vto:
        d.problems.append(f"'{spec.text}': the drain would sit below the overdrive (the device leaves saturation)")
        return
    set_value(intent, d, "VGS", low, "VD = VDD - RD beta/2 (VGS - VTO)^2, solved for the gate's bias", None)


def _cs_bias_for_gain(intent: Intent, d: Design, gain: float) -> None:
    """The gate's DC bias that gives |gain| = gm (RD || ro) with the drain resistor given, the device kept in
    saturation (the drain above the overdrive): bisection on the bias, the gain rising with it."""
    vgs = 1.5

    def values(*roles: str, default: float | None = None) -> float:
        found = next((intent.values[r].value for r in roles if r in intent.values), None)
        return found if found is not None else vgs if roles[0] == "VGS" else default or 0.0
    vto, vdd = values("VTO", default=0.7), abs(values("VDD", default=5))
    beta = values("KP", default=110e-6) * aspect(intent)
    rd = values("RD", "RL", "R", default=10e3)
    low, high = vto + 0.01, vto + vdd
    for _ in range(50):
        vgs = (low + high) / 2
        saturated = vdd - 0.5 * beta * (vgs - vto) ** 2 * rd > vgs - vto
        if saturated and abs(mos_gain(values, card_lambda(intent))) < gain:
            low = vgs
        else:
            high = vgs
    if abs(abs(mos_gain(values, card_lambda(intent))) - gain) > 0.02 * gain:
        d.problems.append(f"no gate bias gives |gain| {gain:g} with this drain resistor in saturation")
        return
    set_value(intent, d, "VGS", vgs, "the gate's bias for |gain| = gm (RD || ro), RD given", None)


VT = 0.02585  # thermal voltage at 300 K
BF, IS_NPN = 100, 1e-14  # the npn card's forward beta and saturation current


def _vbe(i: float) -> float:
    return VT * math.log(i / IS_NPN)


def source_on_base(description: str, sources: list[SourceConstraint]) -> SourceConstraint | None:
    """A stated source with a DC level on the node the request calls the base ("base node fb driven by VFB (4 V DC,
    AC magnitude 1)", "the first base is node dg, held at 6 V DC ... by source VDG"): the base's bias is its."""
    return next((s for s in sources if s.kind == "V" and not s.supply and s.dc is not None and s.node
                 and re.search(rf"\bbases?\b[^.;]{{0,30}}?(?<![\w.]){re.escape(s.node)}(?![\w.])", description,
                               re.IGNORECASE)), None)


def design_bjt_bias(intent: Intent, d: Design, spec: Spec) -> None:
    """A divider-biased stage's operating point from the node voltage the request wants (the
    collector of a common-emitter stage, the emitter of a follower: the family's output) and its
    current (1 mA unless said; a common-emitter stage's current may be the spec, its collector then
    at half the supply unless RC is given): RC = (VCC - VC)/IC, or RE = VE/IE (a follower's load
    draws too); the base a VBE above the emitter; the divider carries ten base currents."""
    follower = intent.kind == "bjt_emitter_follower"
    if intent.polarity == "p" or (follower and spec.quantity != "vout"):
        return
    # (a level and a current both asked for are one bias point: each spec's design honours the other)
    volts = spec.target if spec.quantity == "vout" else d.wanted.get("vout")
    if given(intent, "VDD") is None and (vin := given(intent, "VIN")) is not None and vin > (volts or 0) \
            and vin >= 1:
        # "from 12 V ... the collector at half the supply": the stage's only other voltage is its supply
        value = intent.values.pop("VIN")
        intent.values["VDD"] = Value("VDD", value.value, value.text, value.unit)
    vcc = given(intent, "VDD") or 12.0
    if volts is not None and not 0 < volts < vcc:
        d.problems.append(f"'{spec.text}': a bias point between 0 and the {format_eng(vcc)}V supply")
        return
    current = spec.target if spec.quantity == "current" else given(intent, "IBIAS", "IREF")
    d.claimed.update({"IBIAS", "IREF"} if current else set())
    if follower and volts is not None:
        ve, rl = volts, given(intent, "RL") or 10e3
        re_ = given(intent, "RE")
        if re_ is None:
            re_ = 1 / (max(current or 1e-3, 1e-6) / ve - 1 / rl) if current and current > ve / rl else 1e3
            set_value(intent, d, "RE", re_, "RE = VE/(IE - VE/RL)", E96)
            re_ = intent.values["RE"].value
        ie = ve / re_ + ve / rl
    else:
        ic = current or 1e-3
        re_ = given(intent, "RE") or 1e3
        ve = ic * (BF + 1) / BF * re_
        rc = given(intent, "RC", "RL", "R")
        vc = volts if volts is not None else vcc - rc * ic if rc is not None else vcc / 2
        if ve >= vc:
            d.problems.append(f"'{spec.text}': the emitter ({format_eng(ve)}V) would sit above the collector "
                              f"({format_eng(vc)}V)")
            return
        if rc is None:
            set_value(intent, d, "RC", (vcc - vc) / ic, "RC = (VCC - VC)/IC" + ("" if volts else ", VC = VCC/2"), E96)
            if volts is not None:
                d.free, d.scale = "RC", -1
        ie = ic * (BF + 1) / BF
    ib = ie / (BF + 1)
    vb = ve + _vbe(ie * BF / (BF + 1))
    if {"RB1", "RB", "RB2"} & set(intent.values) or vb >= vcc:
        return
    set_value(intent, d, "RB2", vb / (10 * ib), "RB2 carries ten base currents at VB = VE + VBE", E96)
    rb2 = intent.values["RB2"].value
    set_value(intent, d, "RB1", (vcc - vb) / (vb / rb2 + ib), "RB1 = (VCC - VB)/(VB/RB2 + IB)", E96)
    if follower or spec.quantity == "current":
        d.free, d.scale = "RB2", 1  # the base, and with it the emitter and the current, follows RB2


IZ = 5e-3  # the zener card's knee current (ibv): the current the shunt keeps for itself


def aspect(intent: Intent) -> float:
    """A MOSFET's W/L as the builders write it: the ratio stated ("W/L = 10", "W = L"), else the stated width and
    length, each else our 10u by 1u."""
    return given(intent, "WL") or (given(intent, "W") or 10e-6) / (given(intent, "LG") or 1e-6)


def design_transistor_bias(intent: Intent, d: Design, spec: Spec) -> None:
    """One transistor biased at a stated current with its drain (collector) at a stated level, both at once (the
    first spec designs for both): the gate's (the base's) bias sets the current, the load R = (VDD - VD)/I the level
    (VD half the supply unless said). NMOS: VGS = VTO + sqrt(2 I / (beta (1 + lambda VD))); NPN: the base fed from
    VBIAS through 100k, the input's RB to ground in parallel, IB = IC / (BF (1 + VCE/VAF)), VBE = VT ln(IC/IS).
    Only a level said with no current: the load for the current the bias gives."""
    mos = intent.kind.startswith("mos")
    if intent.polarity == "p" or {"VGS", "VBIAS", "RD", "RC"} & set(d.designed):
        return
    vdd = abs(given(intent, "VDD") or (5.0 if mos else 12.0))
    current, level = d.wanted.get("current"), d.wanted.get("vout")
    load = given(intent, "RD", "RL", "R") if mos else given(intent, "RC", "RL")
    if level is not None and not 0 < level < vdd:
        d.problems.append(f"'{spec.text}': a level between 0 and the {format_eng(vdd)}V supply")
        return
    vd = level if level is not None else vdd - load * current if load and current else vdd / 2
    bias = given(intent, "VGS", "VBIAS") if mos else given(intent, "VBIAS")
    if mos:
        beta = (given(intent, "KP") or 110e-6) * aspect(intent)
        lam = 0.0 if _LEVEL_1.search(intent.description) and not _STATED_LAMBDA.search(intent.description) \
            else card_lambda(intent)
        vto = given(intent, "VTO") or 0.7
        if current is not None and bias is None:
            set_value(intent, d, "VGS", vto + math.sqrt(2 * current / (beta * (1 + lam * vd))),
                      "ID = beta/2 (VGS - VTO)^2 (1 + lambda VDS)", None)
        elif current is None:
            current = 0.5 * beta * max((bias or 1.5) - vto, 0.0) ** 2 * (1 + lam * vd)
    else:
        vaf, rb = 100.0, given(intent, "RB", "R") or 100e3
        rth, share, early = rb * 100e3 / (rb + 100e3), rb / (rb + 100e3), 1 + vd / vaf  # the base's Thevenin source
        if current is not None and bias is None:
            set_value(intent, d, "VBIAS", (_vbe(current / early) + current / (BF * early) * rth) / share,
                      "IC = BF IB, VBE = VT ln(IC/IS), through the base's 100k || RB", None)
        elif current is None:  # the current the bias gives: IB = (VBIAS share - VBE)/Rth, VBE from IC in turn
            current = 1e-3
            for _ in range(6):
                current = max(BF * early * ((bias or 2.5) * share - _vbe(current / early)) / rth, 1e-9)
    if load is None and current:
        set_value(intent, d, "RD" if mos else "RC", (vdd - vd) / current, "R = (VDD - VD)/I", E96)


def _zener_regulator(intent: Intent, d: Design, spec: Spec) -> None:
    """VZ = Vout; RS = (VIN - VZ)/(I_load + IZ) so the zener still carries its knee current at full
    load; a load current sets RL = Vout/I."""
    vz = given(intent, "VZ")
    if vz is not None and vz > spec.target and given(intent, "VIN", "VDD") is None:
        # "Zener regulator: 15 V at in, 5.1 V at out": the zener's voltage is the output, the
        # other voltage (read as the zener's, the word being near) is the input.
        value = intent.values.pop("VZ")
        intent.values["VIN"] = Value("VIN", value.value, value.text, value.unit)
        vz = None
    if vz is not None:
        return
    set_value(intent, d, "VZ", spec.target, "the zener voltage is the output", None)
    _zener_resistors(intent, d, spec.target)


def _zener_resistors(intent: Intent, d: Design, vz: float) -> None:
    """RL from a load current, RS from the input, the load's and the zener's own current (see above)."""
    current = given(intent, "IBIAS")
    said = _SHUNT_CURRENT.search(intent.description)
    # ("for a 20 mA load plus about 5 mA of zener current": the zener's own current, whichever the reader kept)
    shunt = parse_number((said["i"] or said["i2"] or said["i3"]).replace(" ", "")) if said else None
    if current and current != shunt and given(intent, "RL") is None:
        set_value(intent, d, "RL", vz / current, "RL = Vout/I (the load's current)", E96)
        d.claimed.add("IBIAS")
    # (its input as stated: a level the request's source holds, "off a 9 V battery (zs_bat)")
    vin = given(intent, "VIN", "VDD") or next((s.dc for s in read_request(intent.description).sources
                                              if s.kind == "V" and s.dc and s.dc > vz and not (s.sin or s.pulse)), None)
    # an input said to range ("wanders from 9 to 14 V") keeps the zener in breakdown at its lowest
    vin = min((float(a) for m in VOLT_RANGE.finditer(intent.description) if vin in (float(m[1]), float(m[2]))
               for a in m.groups()), default=vin) if vin is not None else None
    if vin is not None and given(intent, "RS", "R") is None and vin > vz:
        i_load = 0.0 if UNLOADED.search(intent.description) else vz / (given(intent, "RL") or 1e3)
        set_value(intent, d, "RS", (vin - vz) / (i_load + (shunt or IZ)),
                  "RS = (VIN_min - VZ)/(I_load + IZ)" + (", IZ the zener current asked for" if shunt else ""), E96)
        d.claimed.update({"IBIAS"} if shunt or current else set())
        if shunt and said and current and current != shunt:  # both currents read: the load's and the zener's own
            intent.values["IZ"] = Value("IZ", shunt, (said["i"] or said["i2"] or said["i3"]), "A")
            d.claimed.add("IZ")
            intent.warnings[:] = [w for w in intent.warnings if not w.startswith("two values for IBIAS")]


# "with nothing else loading zr", "no load", "unloaded": a zener regulator with no load resistor
UNLOADED = re.compile(r"\bno(?:thing)?\s+(?:else\s+)?(?:load|loads|loading)\b|\bunloaded\b"
                      r"|\bwithout\s+(?:a\s+|any\s+)?load\b", re.IGNORECASE)
# "5 mA in the zener", "a zener current of 2 mA", "10 mA through the diode": the shunt's own current, not the load's
_SHUNT_CURRENT = re.compile(r"(?P<i>\d+(?:\.\d+)?\s*[mµu]?A)\s+(?:of\s+current\s+)?(?:in|through|into|flowing\s+in)\s+"
                            r"(?:the\s+)?(?:zener|diode|shunt|reference)\b"
                            r"|\b(?:zener|diode|shunt)\s+current\s+(?:of\s+|=\s*|is\s+|at\s+)?(?:about\s+|around\s+)?"
                            r"(?P<i2>\d+(?:\.\d+)?\s*[mµu]?A)"
                            r"|(?P<i3>\d+(?:\.\d+)?\s*[mµu]?A)\s+of\s+(?:zener|diode|shunt)\s+current\b", re.IGNORECASE)



def _total_resistance(intent: Intent, d: Design) -> float | None:
    """The total the request gives a string of resistors, held as RTOTAL (accounted for by the design);
    the role the reader gave that number (a lone "100k" read as R1) is the total's, not a part's."""
    m = TOTAL_RESISTANCE.search(intent.description)
    if m is None or (total := parse_number((m["r"] or m["r2"]).replace(" ", ""))) is None or total <= 0:
        return None
    text = " ".join(m[0].split())
    for role in ("R", "R1"):
        if role in intent.values and math.isclose(intent.values[role].value, total):
            text = intent.values.pop(role).text
    for extra in [e for e in intent.extra_values if e.unit == "ohm" and math.isclose(e.value, total)]:
        intent.extra_values.remove(extra)
    intent.values["RTOTAL"] = Value("RTOTAL", total, text, "ohm")
    d.claimed.add("RTOTAL")
    return total


def _switch_on_level(intent: Intent, d: Design, spec: Spec) -> None:
    """A low-side NMOS switch's drain held below a level when on: the width that carries the load's current at
    80 % of that level in the triode region, I = KP W/L ((VGS - VTO) VDS - VDS^2/2), I = (VDD - VDS)/RL (the nch
    card's KP and VTO; the stock 1 mm width when it is already enough)."""
    if "W" in intent.values:
        return
    vgs, vdd = given(intent, "VIN", "VGS") or 5.0, given(intent, "VDD") or 12.0
    rl = given(intent, "RL", "R", "RD") or 100.0
    vds = 0.8 * spec.target
    overdrive = vgs - 0.7
    if not 0 < vds < overdrive or vds >= vdd:
        d.problems.append(f"'{spec.text}': a {format_eng(vgs)}V gate cannot hold the drain there")
        return
    width = (vdd - vds) / rl * 1e-6 / (110e-6 * (overdrive * vds - vds ** 2 / 2))
    if width > 1e-3:
        set_value(intent, d, "W", width, "the drain's on-state VDS: W = I L/(KP ((VGS - VTO) VDS - VDS^2/2))", None)


def _stated_input(intent: Intent, target: float) -> float | None:
    """The level of the one DC source the request states above the target ("off a 9V battery (node bat)"): a divider's
    input when the reader took its figure for a level held at a node rather than the supply."""
    from spice_lsp.generation.request import read_request
    levels = {s.dc for s in read_request(intent.description).sources if s.dc is not None and s.dc > target > 0}
    return levels.pop() if len(levels) == 1 else None


def _bottom_leg(description: str, value: float) -> bool:
    """Whether the request places a resistor of this value as a divider's lower arm ("the bottom resistor is 10k",
    "lower leg 10k", "10k to ground")."""
    from spice_lsp.generation.coverage import _LEG
    return any(not (said["p1"] or said["p2"] or "bottom").lower().startswith(("top", "upper", "high"))
               and parse_number("".join((said["v1"] or said["v2"] or said["v3"]).split())) == value
               for said in _LEG.finditer(description))


def _ac_coupled(intent: Intent) -> bool:
    from spice_lsp.generation.templates import ac_coupled
    return ac_coupled(intent)


_FIRST_ORDER = ("rc_lowpass", "rc_highpass", "rl_lowpass", "rl_highpass")
_SHUNT_R = ("rc_highpass", "rl_lowpass")  # first-order sections whose resistor runs from the output to ground
# Series R-L-C loops (a band-pass across R, a notch's LC to ground, the series circuit): Q = sqrt(L/C)/R
_SERIES_LOOP = ("rlc_bandpass", "rlc_notch", "rlc_series")
# How the gain of a family that integrates or differentiates goes with frequency (|gain| ~ f^n)
_VOLTAGE_AMPLIFIERS = ("opamp_inverting", "opamp_noninverting")  # a gain of Vout/Vin
_SLOPED = {"opamp_integrator": -1, "practical_integrator": -1, "practical_differentiator": 1}


def _averaging_corner(intent: Intent, spec: Spec) -> float | None:
    """The corner of an RC averaging a stated pulse train to a ripple of at most the spec's: a square of swing A, duty
    D and period T leaves A D (1 - D) T/(R C) peak to peak once R C >> T; designed a fifth below the bound."""
    pulse = next((s.pulse for s in read_request(intent.description).sources if s.pulse), None)
    low, high, width, period = (pulse[0], pulse[1], pulse[5], pulse[6]) if pulse else (None, None, None, None)
    if low is None or high is None or width is None or period is None or not spec.target > 0:
        return None
    swing, duty = abs(high - low), width / period
    if not (swing > 0 and 0 < duty < 1):
        return None
    return 1 / (2 * math.pi * swing * duty * (1 - duty) * period / (0.8 * spec.target))


def held_input(description: str, spec: Spec) -> float | None:
    """The DC level of the one source the request states that is neither a supply nor the spec's own output level
    (the class: an amplifier asked for an output level from a stated DC input, "a 4.096 V reference from a 2.5 V one
    (the DC source VREF)"): its input level; None where there is no such source or more than one."""
    levels = [s.dc for s in read_request(description).sources if s.kind == "V" and s.dc and not s.supply
              and not (s.sin or s.pulse or s.pwl) and not math.isclose(s.dc, spec.target, rel_tol=1e-9)]
    return levels[0] if len(levels) == 1 else None


def _design_one(intent: Intent, d: Design, family, kind: str, spec: Spec) -> bool:
    """Apply one spec's design equations; False when the family has none for it."""
    if family.design is not None and spec.quantity in family.specs:
        family.design(intent, d, spec)
    elif spec.quantity == "cutoff" and kind in _FIRST_ORDER:
        _corner(intent, d, spec, kind.startswith("rl"))
    elif spec.quantity == "phase" and spec.at and kind in _FIRST_ORDER and 0 < abs(spec.target) < 90 \
            and (spec.target > 0) == kind.endswith("highpass") and "cutoff" not in d.wanted:
        # a first-order section's phase at f: a lead (high-pass) of atan(fc/f), a lag (low-pass) of atan(f/fc)
        slope = math.tan(math.radians(abs(spec.target)))
        fc = spec.at * slope if spec.target > 0 else spec.at / slope
        _corner(intent, d, Spec(spec.text, "cutoff", fc, spec.tolerance), kind.startswith("rl"))
    elif spec.quantity == "ripple" and kind == "rc_lowpass" and (corner := _averaging_corner(intent, spec)):
        _corner(intent, d, Spec(spec.text, "cutoff", corner, spec.tolerance), False)
    elif spec.quantity == "rise" and kind in ("rc_lowpass", "rl_lowpass"):
        # a first-order lag's 10-90 % rise is ln 9 time constants: the corner ln 9/(2 pi t_r) = 0.35/t_r
        _corner(intent, d, Spec(spec.text, "cutoff", math.log(9) / (2 * math.pi * spec.target), spec.tolerance),
                kind.startswith("rl"))
        d.free = None  # the trim loop moves values by a measured corner, not a rise time
    elif spec.quantity == "gain_db" and spec.at and spec.target < 0 and kind in _FIRST_ORDER:
        # |H| = 1/sqrt(1 + (f/fc)^2) (low-pass; fc/f for a high-pass): the corner that puts the gain there
        share = math.sqrt(10 ** (-spec.target / 10) - 1)
        fc = spec.at / share if kind.endswith("lowpass") else spec.at * share
        _corner(intent, d, Spec(spec.text, "cutoff", fc, spec.tolerance), kind.startswith("rl"))
        d.free = None  # the trim loop moves values by ratios of positive quantities, not decibels
    elif spec.quantity == "current" and kind == "mos_common_source" and given(intent, "VGS", "VBIAS") is None:
        # a common-source stage "biased at 0.3 mA": the gate's bias sets the drain current (its drain resistor the
        # request's, or the one that puts the drain at half the supply)
        # (an output level said of an amplifier is its signal's, not the drain's DC: left out of the bias)
        level = d.wanted.pop("vout", None)
        d.wanted.setdefault("current", spec.target)
        design_transistor_bias(intent, d, spec)
        if level is not None:
            d.wanted["vout"] = level
        vgs, rd = given(intent, "VGS"), given(intent, "RD", "RL", "R")
        vdd = abs(given(intent, "VDD") or 5.0)
        if vgs is not None and rd is not None and vdd - spec.target * rd < vgs - (given(intent, "VTO") or 0.7):
            d.problems.append(f"'{spec.text}': {format_eng(spec.target)}A through {format_eng(rd)}ohm leaves the "
                              "drain below the overdrive (the transistor leaves saturation: no amplifier)")
    elif spec.quantity == "vout" and kind == "rc_highpass":
        _biased_highpass(intent, d, spec)
    elif spec.quantity == "dc_gain_db" and kind == "rc_lowpass" and spec.target < 0:
        _divided_lowpass(intent, d, 10 ** (spec.target / 20))
    elif spec.quantity == "cutoff" and kind in ("opamp_inverting", "opamp_noninverting") and _ac_coupled(intent):
        # the AC-coupled stage: its input capacitor and the resistance behind it (RIN; the non-inverting stage's
        # 50k to ground, on one supply its 100k/100k bias divider) set the low corner fc = 1/(2 pi R C)
        if given(intent, "CIN") is None:
            r = (given(intent, "RIN", "R1", "R") or 10e3) if kind == "opamp_inverting" else 50e3
            set_value(intent, d, "CIN", 1 / (2 * math.pi * r * spec.target), "fc = 1/(2 pi R CIN)", E24)
            d.free, d.scale = "CIN", -1
    elif spec.quantity in ("cutoff", "f0") and kind in ("active_lowpass", "active_highpass"):
        _sallen_key(intent, d, spec, kind == "active_highpass")
    elif spec.quantity == "q" and kind in ("active_lowpass", "active_highpass"):
        if not d.designed:  # no frequency spec designed it: the Q at the section's own f0
            r, c = given(intent, "R1", "R") or 10e3, given(intent, "C2", "C") or 10e-9
            _sallen_key(intent, d, Spec(spec.text, "f0", 1 / (2 * math.pi * r * c)), kind == "active_highpass")
    elif spec.quantity == "ripple" and kind in ("half_wave_rectifier", "full_wave_rectifier"):
        # Vr = I/(k f C), k = 1 half-wave, 2 full-wave: C for 70 % of a bound ("under 1 V"), for the
        # value itself when it is one to aim at ("about 0.5 V", a tolerance); I the load's at the peak.
        if given(intent, "C", "CL", "C1") is None:
            drops = 0.8 if kind == "half_wave_rectifier" else 1.6
            load = (given(intent, "VIN") or 10.0) - drops
            k = 1 if kind == "half_wave_rectifier" else 2
            aim = spec.target if spec.tolerance else 0.7 * spec.target
            c = load / (given(intent, "RL", "R") or 1e3) / (k * (given(intent, "FREQ") or 60.0) * aim)
            set_value(intent, d, "C", c, "ripple = I/(k f C)", E24)
            d.free, d.scale = "C", -1
    elif spec.quantity == "clip" and kind == "diode_clipper":  # the reference a diode drop inside the limit
        if given(intent, "VBIAS") is None and spec.target > 0.6:
            set_value(intent, d, "VBIAS", spec.target - 0.6, "Vclip = Vref + VD (about 0.6 V at a milliamp)", None)
            d.free, d.scale = "VBIAS", 1
    elif spec.quantity in ("gain", "gain_db") and spec.at and kind in _SLOPED:
        # |gain| = fu/f (an integrator) or f/fu (a differentiator): the unity-gain frequency that puts the
        # gain asked for at its frequency; the trim loop moves values by ratios, not decibels
        gain = abs(spec.target) if spec.quantity == "gain" else 10 ** (spec.target / 20)
        fu = spec.at * gain if _SLOPED[kind] < 0 else spec.at / gain
        _design_one(intent, d, family, kind, Spec(spec.text, "ugbw", fu, spec.tolerance))
        d.free = None
        d.claimed.add("GAIN")
    elif spec.quantity == "ugbw" and kind == "opamp_integrator":  # |gain| = 1/(2 pi f R C) is 1 at f
        if given(intent, "C", "C1") is None:
            r = given(intent, "RIN", "R1", "R") or 10e3
            set_value(intent, d, "C", 1 / (2 * math.pi * spec.target * r), "unity gain at 1/(2 pi R C)", E24)
            d.free, d.scale = "C", -1
        elif given(intent, "RIN", "R1", "R") is None:
            c = given(intent, "C", "C1") or 10e-9
            set_value(intent, d, "RIN", 1 / (2 * math.pi * spec.target * c), "unity gain at 1/(2 pi R C)", E96)
            d.free, d.scale = "RIN", -1
    elif spec.quantity == "ugbw" and kind == "practical_differentiator":  # |gain| = 2 pi f RF C is 1 at f
        if given(intent, "RF", "R") is None:  # (its C is the builder's: C, C1 or the input capacitor CIN)
            c = given(intent, "C", "C1", "CIN") or 100e-9
            # (a series resistor stated in the input leg adds to the capacitor's reactance: RF = |R1 + 1/(j w C)|)
            r1 = given(intent, "RIN", "R1") or 0.0
            set_value(intent, d, "RF", math.hypot(r1, 1 / (2 * math.pi * spec.target * c)),
                      "unity gain at |Zin| = |R1 + 1/(j 2 pi f C)| = RF", E96)
            d.free, d.scale = "RF", -1
    elif spec.quantity == "q" and kind in _SERIES_LOOP:  # series RLC: Q = sqrt(L/C)/R
        ind, cap = given(intent, "L", "L1"), given(intent, "C", "C1")
        if ind is not None and cap is not None and given(intent, "R", "R1") is None:
            set_value(intent, d, "R", math.sqrt(ind / cap) / spec.target, "Q = sqrt(L/C)/R", E96)
    elif spec.quantity == "vout" and kind == "darlington_pair" and given(intent, "VIN", "VBIAS") is None:
        # the output two VBEs and the base resistor's drop below the drive: VIN = VOUT + VBE2(IE) + VBE1(IE/BF)
        # + RB IE/BF^2, each VBE at its own current (the load RE sets IE)
        ie = spec.target / (given(intent, "RE", "RL", "R") or 100.0)
        drive = spec.target + _vbe(ie) + _vbe(ie / BF) + (given(intent, "RB") or 10e3) * ie / BF ** 2
        set_value(intent, d, "VIN", drive, "VIN = VOUT + VBE2 + VBE1 + RB IB1", None)
    elif spec.quantity in ("gain", "gain_db") and kind == "summing_amplifier" and not spec.at:
        # one gain stated for an adder is each input's: -RF/Rk, every Rk = RF/|gain| (RF as given, else 10k)
        gain = abs(spec.target) if spec.quantity == "gain" else 10 ** (spec.target / 20)
        if gain > 0 and given(intent, "R1", "R2") is None:
            feedback = given(intent, "RF", "R") or 10e3
            for role in ("R1", "R2"):
                set_value(intent, d, role, feedback / gain, "|gain| = RF/Rk for each input", E96)
    elif spec.quantity in ("center", "notch", "f0") and kind in ("rlc_bandpass", "rlc_notch", "rlc_series"):
        _resonance(intent, d, spec)
    elif spec.quantity in ("frequency", "cutoff") and kind == "rc_oscillator":
        _oscillator(intent, d, spec, 1.0)
    elif spec.quantity in ("frequency", "cutoff") and kind == "phase_shift_oscillator":
        _oscillator(intent, d, spec, math.sqrt(6))
    elif spec.quantity == "vout" and kind in _VOLTAGE_AMPLIFIERS and (vin := given(intent, "VIN")
                                                                     or held_input(intent.description, spec)):
        # the output level from the input's (or the one DC level a stated source holds: "4.096 V from a 2.5 V
        # reference, the DC source VREF on node r25"): gain = Vout/Vin
        _design_one(intent, d, family, kind, Spec(spec.text, "gain", spec.target / vin, spec.tolerance))
    elif spec.quantity in ("gain", "gain_db") and kind in ("opamp_inverting", "opamp_noninverting"):
        gain = spec.target if spec.quantity == "gain" else 10 ** (spec.target / 20)
        if kind == "opamp_inverting" and spec.quantity == "gain" and gain > 0:
            gain = -gain  # an inverting stage's gain is negative: "gain of 10" means -10
        rin = given(intent, "RIN", "R1", "R") or 10e3
        rf = given(intent, "RF", "R2")
        if rf is not None and given(intent, "RIN", "R1", "R") is None and abs(gain) > (kind == "opamp_noninverting"):
            # only the feedback resistor given: the input one is designed for the gain
            intent.values.pop("GAIN", None)
            exact = rf / abs(gain) if kind == "opamp_inverting" else rf / (gain - 1)
            set_value(intent, d, "RIN", exact, "|gain| = RF/RIN" if kind == "opamp_inverting" else "gain = 1 + RF/RIN",
                      E96)
            d.free, d.scale = "RIN", -1
        elif rf is not None:
            got = -rf / rin if kind == "opamp_inverting" else 1 + rf / rin
            if abs(abs(got) - abs(gain)) > spec.tolerance * abs(gain):
                d.problems.append(f"'{spec.text}' contradicts the resistors given (they give {got:.3g})")
        elif kind == "opamp_noninverting" and gain < 1:
            d.problems.append(f"'{spec.text}': a non-inverting amplifier's gain is at least 1")
        else:
            intent.values.pop("GAIN", None)
            exact = abs(gain) * rin if kind == "opamp_inverting" else (gain - 1) * rin
            how = "|gain| = RF/RIN" if kind == "opamp_inverting" else "gain = 1 + RF/RIN"
            set_value(intent, d, "RF", exact, how, E96)
            d.free, d.scale = "RF", 1
        d.claimed.add("GAIN")
    elif spec.quantity == "level" and spec.bound == "max" and kind == "pwm_switch":
        _switch_on_level(intent, d, spec)
    elif spec.quantity in ("gain", "gain_db") and kind == "voltage_divider":
        # an attenuator's ratio ("-20 dB", "a gain of 0.25") is the output level it gives its input: Vin k
        ratio = abs(spec.target) if spec.quantity == "gain" else 10 ** (spec.target / 20)
        if not 0 < ratio < 1:
            d.problems.append(f"'{spec.text}': a resistive divider's gain is between 0 and 1 (0 dB)")
            return True
        vin = given(intent, "VIN", "VDD") or 10.0
        _design_one(intent, d, family, kind, Spec(spec.text, "vout", vin * ratio, spec.tolerance))
        d.claimed.add("GAIN")
        if not any(a.kind == "ac" for a in intent.analyses):  # a ratio is what an AC sweep shows: the answer has one
            intent.analyses.append(AnalysisRequest("ac", ".ac dec 10 10 100k"))
    elif spec.quantity == "vout" and kind == "voltage_divider":
        vin = given(intent, "VIN", "VDD") or _stated_input(intent, spec.target) or 10.0
        if "R2" not in intent.values and "R1" not in intent.values and (leg := intent.values.get("R")) \
                and _bottom_leg(intent.description, leg.value):
            # "the bottom resistor is 10k": the given resistor is the lower arm, the upper one is designed
            intent.values["R2"] = replace(leg, role="R2")
            del intent.values["R"]
            if 0 < spec.target < vin:
                set_value(intent, d, "R1", leg.value * (vin - spec.target) / spec.target, "Vout = Vin R2/(R1+R2)",
                          E96)
                d.free, d.scale = "R1", -1
                return True
        if (total := _total_resistance(intent, d)) is not None and "R2" not in intent.values and 0 < spec.target < vin:
            set_value(intent, d, "R1", total * (1 - spec.target / vin), "R1 + R2 = the total, Vout = Vin R2/(R1+R2)",
                      E96)
            set_value(intent, d, "R2", total * spec.target / vin, "Vout = Vin R2/(R1+R2)", E96)
            d.free, d.scale = "R2", 1
            return True
        r1 = given(intent, "R1", "R") or 10e3
        current = given(intent, "IBIAS", "IREF")  # "drawing 1 mA": the string's current sets R1 + R2
        if spec.target >= vin:
            d.problems.append(f"'{spec.text}': a divider cannot give more than its input ({format_eng(vin)}V)")
        elif current and given(intent, "R1", "R") is None and "R2" not in intent.values:
            set_value(intent, d, "R1", (vin - spec.target) / current, "R1 = (Vin - Vout)/I", E96)
            set_value(intent, d, "R2", spec.target / current, "R2 = Vout/I", E96)
            d.claimed.update({"IBIAS", "IREF"})
            d.free, d.scale = "R2", 1
        elif "R2" not in intent.values:
            lower = r1 * spec.target / (vin - spec.target)
            rl = given(intent, "RL")
            if rl is not None and rl <= lower and given(intent, "R1", "R") is None:
                # a load too heavy for the default R1: R1 scaled so that the lower arm R2 || RL is half the load
                lower = rl / 2
                set_value(intent, d, "R1", lower * (vin - spec.target) / spec.target,
                          "R1 = (RL/2)(Vin - Vout)/Vout: the lower arm R2 || RL at half the load", E96)
            if rl is not None and rl > lower:  # a stated load across R2: R2 || RL is the lower arm
                set_value(intent, d, "R2", 1 / (1 / lower - 1 / rl), "Vout = Vin (R2||RL)/(R1 + R2||RL)", E96)
            else:
                set_value(intent, d, "R2", lower, "Vout = Vin R2/(R1+R2)", E96)
            d.free, d.scale = "R2", 1
        elif given(intent, "R1", "R") is None:  # "R2 = 10k to ground": the lower arm given, the upper one designed
            set_value(intent, d, "R1", intent.values["R2"].value * (vin - spec.target) / spec.target,
                      "Vout = Vin R2/(R1+R2)", E96)
            d.free, d.scale = "R1", -1
        elif abs(vin * intent.values["R2"].value / (r1 + intent.values["R2"].value) - spec.target) \
                > spec.tolerance * abs(spec.target):
            got = vin * intent.values["R2"].value / (r1 + intent.values["R2"].value)
            d.problems.append(f"'{spec.text}' contradicts the resistors given: they divide "
                              f"{format_eng(vin)}V to {format_eng(got)}V")
    elif spec.quantity == "cutoff" and kind == "transimpedance":  # the feedback capacitor's corner with RF
        from spice_lsp.generation.templates import JUNCTION
        said = JUNCTION.search(intent.description)
        # (a capacitance the words give the photodiode, "a current source in parallel with 10 pF", is no feedback's)
        junction = "C" if said and "C" in intent.values and intent.values["C"].text.replace(" ", "") in said[0].replace(
            " ", "") else None
        if given(intent, "CF") is None and (junction or given(intent, "C") is None):
            rf = given(intent, "RF", "R") or 100e3
            role = "CF" if junction else "C"
            set_value(intent, d, role, 1 / (2 * math.pi * spec.target * rf), "fc = 1/(2 pi RF CF)", E24)
            d.free, d.scale = role, -1
    elif spec.quantity == "vout" and kind == "transimpedance":
        current = given(intent, "IBIAS", "IREF") or 10e-6
        if given(intent, "RF", "R") is None:
            set_value(intent, d, "RF", abs(spec.target) / current, "Vout = I RF", E96)
            d.free, d.scale = "RF", 1
    elif spec.quantity == "vout" and kind == "zener_regulator":
        _zener_regulator(intent, d, spec)
    elif spec.quantity == "vout" and kind in ("buck_converter", "boost_converter") and "DUTY" not in intent.values:
        vin = given(intent, "VIN", "VDD") or (12.0 if kind == "buck_converter" else 5.0)
        duty = spec.target / vin if kind == "buck_converter" else 1 - vin / spec.target
        if 0.02 < duty < 0.95:
            set_value(intent, d, "DUTY", duty, "D = Vout/Vin" if kind == "buck_converter" else "D = 1 - Vin/Vout", None)
            d.free, d.scale, d.complement = "DUTY", 1 if kind == "buck_converter" else -1, kind == "boost_converter"
            drawn = given(intent, "IBIAS")  # "for a 100 mA load": the load resistor draws it at the output
            if drawn and given(intent, "RL", "R") is None:
                set_value(intent, d, "RL", spec.target / drawn, "RL = Vout/I (the load's current)", E96)
            if drawn and math.isclose(spec.target / drawn, given(intent, "RL", "R") or 0, rel_tol=0.05):
                d.claimed.add("IBIAS")
        else:
            d.problems.append(f"'{spec.text}' needs a duty cycle of {duty:.2f} from {format_eng(vin)}V")
    else:
        return False
    return True


# The unit of the number a spec is written with ("3.3 V out", "cutoff 7 kHz", "10 mA through the LED").
SPEC_UNITS = {"cutoff": "Hz", "f0": "Hz", "frequency": "Hz", "center": "Hz", "notch": "Hz", "ugbw": "Hz", "edge": "Hz",
              "vout": "V", "ripple": "V", "clip": "V", "level": "V", "rtotal": "ohm", "rise": "s",
              "current": "A", "gain": "", "gain_db": "", "dc_gain_db": "", "q": ""}


# a device model's parameters: "KP = 1 mA/V²" is no current, even when a spec asks for 1 mA
_MODEL_ROLES = frozenset({"KP", "VTO", "IS", "BF", "VAF", "LAMBDA", "GAMMA", "PHI", "BV", "IBV", "CJO"})


def claim(intent: Intent, d: Design, spec: Spec) -> None:
    """The spec's own number is not a part's value: drop the role the reader gave it ("3.3 V out"
    read as VDD), before any design reads the intent, and count it as accounted for."""
    unit = SPEC_UNITS.get(spec.quantity)
    for role, value in list(intent.values.items()):
        if spec.at and value.unit == "Hz" and math.isclose(value.value, spec.at, rel_tol=1e-9):
            del intent.values[role]  # "20 dB down at 16 kHz": where the gain is measured
            d.claimed.add(role)
        if unit is not None and value.unit == unit and role not in d.designed and role not in _MODEL_ROLES \
                and math.isclose(value.value, spec.target, rel_tol=1e-9):
            del intent.values[role]
            d.claimed.add(role)
    # A number the reader gave no role: the spec's own is accounted for; in "from 12 V to 5 V" the
    # first is the input the output is converted from.
    source = re.match(r"(?:from|tak(?:es?|ing)|rais|step|lower|convert|turn|bring|reduc|drop)\w*\s+"
                      r"(?:an?\s+|the\s+|its\s+)?(\d+(?:\.\d+)?)\s*v\b", spec.text, re.IGNORECASE)
    if source is None and spec.quantity == "vout" and (at := intent.description.find(spec.text)) > 0:
        # "24 V down to 5 V", "12 V to 5 V": the voltage said right before the output's is its input
        source = re.search(r"(\d+(?:\.\d+)?)\s*v\s+(?:(?:down|up|in)\s+)?(?:to\s+)?$", intent.description[:at],
                           re.IGNORECASE)
    words = _figures(spec.text)  # "10-90 % rise time is 2.2 us": its figures are the spec's
    for extra in list(intent.extra_values):
        if unit is not None and extra.unit == unit and math.isclose(extra.value, spec.target, rel_tol=1e-9):
            intent.extra_values.remove(extra)
        elif spec.quantity in _WORDED and extra.text.replace(" ", "") in words:
            intent.extra_values.remove(extra)
        elif source and extra.unit == "V" and math.isclose(extra.value, float(source[1])) \
                and "VIN" not in intent.values:
            intent.extra_values.remove(extra)
            intent.values["VIN"] = Value("VIN", extra.value, extra.text, "V")
        elif unit == "Hz" and extra.unit == "Hz" and extra.text in spec.text:  # "between 1 kHz and 10 kHz": its edges
            intent.extra_values.remove(extra)
    # "3.3 V at out from a 5 V source": the reader saw two values for one role; the spec's is
    # no contradiction, and the other one is the role's.
    for warning in list(intent.warnings):
        m = _TWO_VALUES.fullmatch(warning)
        if m and spec.quantity in ("gain", "gain_db") and m[2] in spec.text and m[3] in spec.text:
            intent.warnings.remove(warning)  # "gives ±100 mV ... wants ±2.5 V": the gain's own two levels
            continue
        numbers = [parse_number(text.replace(" ", "")) for text in (m[2], m[3])] if m else []
        spec_at = [i for i, x in enumerate(numbers) if x is not None and math.isclose(x, spec.target, rel_tol=1e-9)]
        if not m or unit is None or not spec_at or (other := numbers[1 - spec_at[0]]) is None:
            continue
        intent.warnings.remove(warning)
        if m[1] not in intent.values and m[1] not in d.designed:
            text = m[3 - spec_at[0]]
            intent.values[m[1]] = Value(m[1], other, text, unit)
            d.claimed.discard(m[1])


_TWO_VALUES = re.compile(r"two values for (\w+) \((.+) and (.+)\); keeping .+")
# specs read from other quantities (a rise time or a delay to a share of a step is a corner, a period a frequency)
_WORDED = ("cutoff", "frequency")


def _figures(text: str) -> set[str]:
    """The figures a spec's words hold, as written without spaces ("2.2 us" -> "2.2us", "90 %" -> "90%")."""
    return {m[0].replace(" ", "") for m in re.finditer(r"\d+(?:\.\d+)?(?:\s?[a-zA-Z\u00b5%]+)?", text)} \
        | {m[0] for m in re.finditer(r"\d+(?:\.\d+)?", text)}


def not_the(intent: Intent, d: Design, role: str, other: re.Pattern[str], claim_as: str) -> None:
    """The reader gave `role` a number the request says is another quantity (`other` matches it, its
    first group that matched the number: "an LED with about 2 V forward drop from a 5 V supply" read VDD = 2 V): that
    number becomes `claim_as` (accounted for), and the role takes the other value the reader saw, if any."""
    said = other.search(intent.description)
    value = intent.values.get(role)
    number = next((g for g in said.groups() if g), None) if said else None
    if number is None or value is None or parse_number(number.replace(" ", "")) != value.value:
        return
    intent.values[claim_as] = Value(claim_as, value.value, value.text, value.unit)
    d.claimed.add(claim_as)
    del intent.values[role]  # the role's aliases, or its default, stand for it
    for warning in list(intent.warnings):
        m = _TWO_VALUES.fullmatch(warning)
        if m and m[1] == role and value.text in (m[2], m[3]):
            text = m[3] if value.text == m[2] else m[2]
            if (number := parse_number(text.replace(" ", "").lstrip("+"))) is not None:
                intent.warnings.remove(warning)
                intent.values[role] = Value(role, number, text, value.unit)
                return


# a resistance the words say is the load: "(lightly loaded, 1 Meg)", "into a 100k load", "load resistance 47k"
_OHMS = r"(\d+(?:\.\d+)?\s*(?:[mM]eg|[kKM])?)\s*(?:Ω|ohms?)?"
# ... or with its designator: "the load is RLOAD, 1 kohm", "load RL = 2k"
LOAD = re.compile(rf"\bload(?:ed|ing)?\b(?:\s+(?:by|with|of|resistance|resistor|is|=|:))*[\s,]*(?:an?\s+|the\s+)?"
                  rf"(?:R[A-Z0-9_]*\s*(?:,|=|:|is|of)?\s*)?{_OHMS}|{_OHMS}\s+(?:resistive\s+)?load\b", re.IGNORECASE)


def _the_load(intent: Intent, d: Design, kind: str) -> None:
    """A family that places a load (RL) given the load's figure as its R: the figure is the load's, when the
    request writes it once (else it may be R's too: "R = 10k into a 10k load")."""
    from spice_lsp.generation.families import roles
    family_roles = roles(kind)
    if "RIN" in intent.values and "RL" not in intent.values and "RL" in family_roles \
            and not {"RIN", "R", "R1"} & set(family_roles):
        # "a rectifier ... into 1k": a resistance read as an input's, of a family whose only resistor is its load
        said = intent.values.pop("RIN")
        intent.values["RL"] = Value("RL", said.value, said.text, said.unit)
        d.notes.append(f"{said.text}: the {kind.replace('_', ' ')}'s load (it has no input resistor)")
    value = intent.values.get("R")
    if value is None or "RL" in intent.values or len(re.findall(rf"(?<![\d.]){re.escape(value.text)}(?![\d.])",
                                                                   intent.description)) != 1:
        return
    if LOAD.search(intent.description) and "RL" in roles(kind):
        not_the(intent, d, "R", LOAD, "RL")


# the voltage a current is said to give ("50 uA full scale should give -2.5 V", "turning 10 uA into 1 V", "1 V out")
_GIVES = re.compile(r"\b(?:gives?|giving|produc\w+|into|yields?|reads?|outputs?|mak(?:e|es|ing))\s+"
                    r"(?:about\s+|around\s+|roughly\s+)?"
                    r"([-+]?\d+(?:\.\d+)?\s*[mk]?V)\b|([-+]?\d+(?:\.\d+)?\s*[mk]?V)\s+(?:out|at\s+(?:the\s+)?output)\b",
                    re.IGNORECASE)


# ... and the level an amplifier is said to raise its input to ("amplify the 0.2 V up to 3 V")
_AMPLIFIED = re.compile(_GIVES.pattern + r"|\bamplif\w*\b(?:[^.;]|\.\d)*?\b(?:up\s+)?to\s+"
                                         r"(?:about\s+|around\s+|roughly\s+)?([-+]?\d+(?:\.\d+)?\s*[mk]?V)\b",
                        re.IGNORECASE)


def _amplifier_output(intent: Intent, d: Design, family, kind: str) -> None:
    """An op-amp stage said to turn its input's level into another ("turns the 0.35 V on sens into 4.2 V at amp_o"):
    that level is its output, not its rails (the reader took it for the supply: clipped at 0.9 x 4.2 V), and the gain
    is their ratio, designed as a gain spec."""
    not_the(intent, d, "VDD", _AMPLIFIED, "VOUT")
    said = _AMPLIFIED.search(intent.description)
    level = parse_number(next(g for g in said.groups() if g).replace(" ", "")) if said else None
    unread = next((x for x in intent.extra_values if x.unit == "V" and x.value == level), None)
    if "VOUT" not in d.claimed and unread is not None:  # ("the output should read -3 V": read as no role at all)
        intent.extra_values.remove(unread)
        intent.values["VOUT"] = Value("VOUT", unread.value, unread.text, "V")
        d.claimed.add("VOUT")
    if "VOUT" in d.claimed:
        out = intent.values["VOUT"]
        _design_one(intent, d, family, kind, Spec(out.text, "vout", out.value))
        d.wanted.setdefault("vout", out.value)


def _tia_output(intent: Intent, d: Design, family) -> None:
    """A transimpedance amplifier's voltage said as what its current gives is its output (the reader took it for the
    rails: 'should give -2.5 V' had built RF = 100k, clipped at rails of 2.5 V): RF = |Vout|/I."""
    not_the(intent, d, "VDD", _GIVES, "VOUT")
    if "VOUT" in intent.values and "VOUT" in d.claimed:
        out = intent.values["VOUT"]
        _design_one(intent, d, family, "transimpedance", Spec(out.text, "vout", out.value))
        d.wanted.setdefault("vout", out.value)


# specs no value is designed for: what the circuit does around its designed band, a node's bound, a string's total
_MEASURED_ONLY = ("flat", "level", "rtotal", "phase")


# a phase said at the all-pass's frequency that is not 90 degrees ("45 degrees of lag at 2 kHz")
_PHASE_NOT_90 = re.compile(r"(?<![\d.])(?!90(?![\d.]))\d+(?:\.\d+)?\s*(?:°|deg\w*)", re.IGNORECASE)


def _levels_of_held_nodes(intent: Intent) -> None:
    """"two values for VDD (0.7 V and 1.1 V)" where each is the DC level a stated source holds a different node at
    ("ch2 = 0.7 V, ch3 = 1.1 V DC"): the levels of two inputs, not two values for one role (the class: a test's
    input levels said node by node); the role the reader gave one of them stays only where no such source holds it."""
    sources = read_request(intent.description).sources
    for warning in list(intent.warnings):
        m = _TWO_VALUES.fullmatch(warning)
        if not m:
            continue
        nodes = [{s.node for s in sources if s.node and s.dc is not None and not s.supply and said in s.text
                  and (x := parse_number(said.replace(" ", ""))) is not None and math.isclose(s.dc, x)}
                 for said in (m[2], m[3])]
        if all(len(held) == 1 for held in nodes) and nodes[0] != nodes[1]:
            intent.warnings.remove(warning)
            value = intent.values.get(m[1])
            if m[1] == "VDD" and value is not None and value.text in (m[2], m[3]):
                del intent.values["VDD"]  # an input's level, never the supply


def design(intent: Intent, specs: list[Spec]) -> Design:
    """Fill the free values of the intent from the specs its family knows how to design."""
    from spice_lsp.generation.families import family_of
    d = Design()
    kind = intent.kind
    family = family_of(kind)
    if kind == "allpass_filter" and not _PHASE_NOT_90.search(intent.description):
        # a first-order all-pass has no -3 dB corner: its frequency ("90 degrees at 1 kHz", "f0 = 500 Hz") is where
        # the phase is 90 degrees past its low-frequency phase, what an f0 is measured as (specs, the request's own
        # list, then checked as f0)
        specs[:] = [replace(s, quantity="f0") if s.quantity == "cutoff" else s for s in specs]
    # a band-pass's (a notch's) "f0 = 1.5 kHz" is its centre (its null), what its family designs and measures
    alias = next((q for q in ("center", "notch") if q in family.specs), None) \
        if "f0" not in family.specs and family.design is not None else None
    if alias:
        specs[:] = [replace(s, quantity=alias) if s.quantity == "f0" else s for s in specs]
    if "cutoff" in family.specs and "gain_db" not in family.specs:
        # ("3 dB down at 500 Hz" of a low- or high-pass: its -3 dB corner, what its family designs and measures)
        down = [s for s in specs if s.quantity == "gain_db" and s.at and math.isclose(s.target, -3, abs_tol=0.02)]
        specs[:] = [replace(s, quantity="cutoff", target=s.at or s.target, at=None, tolerance=0.05) if s in down else s
                    for s in specs]
    if family.noun == "oscillator" and "frequency" in family.specs and "cutoff" not in family.specs:
        # ("RC phase-shift oscillator ..., target 500 Hz": an oscillator's frequency, no corner)
        specs[:] = [replace(s, quantity="frequency") if s.quantity in ("cutoff", "f0") else s for s in specs]
    if {"center", "q"} <= set(family.specs) and not any(s.quantity == "q" for s in specs) \
            and (centre := next((s.target for s in specs if s.quantity == "center" and s.target > 0), None)):
        # "at least 20 dB down at 100 Hz and 10 kHz" of a band-pass centred at 1 kHz: the Q a second-order band-pass
        # needs for that loss there, |H| = 1/sqrt(1 + Q^2 (x - 1/x)^2), x = f/f0 (a margin over the least, each loss
        # still measured as stated)
        needs = [math.sqrt(10 ** (-s.target / 10) - 1) / abs(s.at / centre - centre / s.at) for s in specs
                 if s.quantity == "gain_db" and s.bound == "max" and s.at and s.target < 0
                 and not math.isclose(s.at, centre, rel_tol=0.05)]
        if needs:
            said = next(s for s in specs if s.quantity == "gain_db" and s.bound == "max")
            specs.append(Spec(said.text, "q", 1.2 * max(needs), 0.15))
    _levels_of_held_nodes(intent)
    from spice_lsp.generation.recipes.comparators import supply_shares, trip_said
    if supply_shares(intent.description) is not None:
        # "thresholds at one third and two thirds of the supply": switching points (the trigger's function measures
        # them), never an output level
        specs[:] = [s for s in specs if not (s.quantity == "vout" and trip_said(intent.description, s.text))]
    if kind == "linkwitz_riley_crossover":
        # "a crossover at 2.2 kHz": the crossover frequency, where each output is -6 dB (a Linkwitz-Riley's fc), not
        # the low-pass's -3 dB cutoff the design would trim to: fc is that figure, checked as -6 dB there
        for k, s in enumerate(specs):
            at = intent.description.find(s.text)
            # ("a crossover at 2.2 kHz", "for a 2 kHz crossover")
            if s.quantity == "cutoff" and at >= 0 and (re.search(r"\bcross[- ]?over\b[^.;,]{0,25}$",
                                                                  intent.description[:at], re.IGNORECASE)
                                                        or re.match(r"\s*cross[- ]?over\b",
                                                                    intent.description[at + len(s.text):], re.I)):
                specs[k] = Spec(s.text, "flat", -6.02, 0.5, s.node, s.target)
                set_value(intent, d, "FREQ", s.target, "the crossover frequency fc: each output -6 dB there", None)
                d.claimed.add("FREQ")
    if kind == "noninverting_summer":
        # "gain 3 on the op-amp": the stage's own 1 + RF/RG, which each input sees divided by the inputs' count (the
        # spec measured as each input's gain, as the family's design takes a gain)
        from spice_lsp.generation.recipes.opamp_circuits import _summed_count, stage_gain
        count = _summed_count(intent.description)
        specs[:] = [replace(s, target=s.target / count) if s.quantity == "gain" and stage_gain(intent.description,
                                                                                             s.text) else s
                    for s in specs]
    d.q = next((s.target for s in specs if s.quantity == "q" and s.target > 0), None)
    d.wanted = {s.quantity: s.target for s in reversed(specs)}  # the first said of each
    _the_load(intent, d, kind)
    gained = False  # a gain designed: a second one ("nearly flat at 600 Hz", "-20 dB at 50 kHz") is only measured
    for spec in specs:  # every spec's own number, before any design reads the intent (a bias's level and current)
        claim(intent, d, spec)
    if kind == "transimpedance" and "vout" not in d.wanted:
        _tia_output(intent, d, family)
    if kind in _VOLTAGE_AMPLIFIERS and not {"vout", "gain", "gain_db"} & set(d.wanted):
        _amplifier_output(intent, d, family, kind)
    # A Q is designed from the parts the frequency specs have set; a low-pass's DC gain divides the corner's R.
    for spec in sorted(specs, key=lambda s: (s.quantity == "q", kind == "rc_lowpass" and s.quantity == "dc_gain_db"
                                             or kind == "rc_highpass" and s.quantity == "vout")):
        if not (math.isfinite(spec.target) and (spec.target != 0 or spec.quantity in DECIBELS)):
            d.problems.append(f"'{spec.text}': not a target a circuit can be designed for")
            continue
        if spec.quantity in ("gain", "gain_db") and gained:
            continue
        free = d.free
        try:
            if not _design_one(intent, d, family, kind, aimed(spec)):
                if spec.quantity in _MEASURED_ONLY:
                    continue
                if d.free is None and (knob := _knob(intent, kind, spec.quantity)):
                    role, d.scale, default = knob  # no equation: the one part that moves it, trimmed by simulation
                    set_value(intent, d, role, default, f"the {family.summary}'s default, trimmed by simulation for "
                              f"'{spec.text}' (no design equation for it)", None)
                    d.free, d.trims = role, spec.quantity
                else:
                    d.notes.append(f"'{spec.text}': no design equation for it in the {family.summary}; "
                                   "measured as built")
                continue
            gained = gained or spec.quantity in ("gain", "gain_db")
            if d.free != free:
                d.trims = spec.quantity
        except (ZeroDivisionError, ValueError, OverflowError, KeyError):
            d.problems.append(f"'{spec.text}' cannot be designed from the values given")
            continue
        # The value the spec was written with is the spec, not a part.
        d.claimed.update({"cutoff": {"FREQ"}, "phase": {"FREQ"}, "f0": {"FREQ"}, "frequency": {"FREQ"},
                          "center": {"FREQ"}, "notch": {"FREQ"}, "edge": {"FREQ"}, "ugbw": {"FREQ"},
                          "gain": {"GAIN"},
                          "gain_db": {"GAIN"}}.get(spec.quantity, set()))
        if spec.quantity == "ugbw" and "GAIN" in intent.values and intent.values["GAIN"].value in (0, 1):
            d.claimed.add("GAIN")  # "gain falls to 0 dB at 3 kHz": the unity the spec crosses, not a gain
        if spec.quantity in ("gain", "gain_db") and "FREQ" in intent.values \
                and math.isclose(intent.values["FREQ"].value, 1e3):
            d.claimed.add("FREQ")  # "a gain of 5 at 1 kHz": where the gain is measured
    if family.senses_temperature:
        _rated_temperature(intent)
    if kind == "zener_regulator" and not any(s.quantity == "vout" for s in specs) and (vz := given(intent, "VZ")):
        _zener_resistors(intent, d, vz)  # "a 5.1 V zener feeding a 20 mA load from 12 V": sized for its own voltage
    if kind == "bjt_emitter_follower" and "vout" not in d.wanted and intent.polarity != "p" \
            and not {"RB1", "RB", "RB2"} & set(intent.values) \
            and source_on_base(intent.description, read_request(intent.description).sources) is None:
        # a follower's emitter idles at half the supply (its widest swing), as a designer biases it: the divider
        # sized for it, stiff against the base current (47k/47k sagged to a third of the supply under the load)
        vcc = given(intent, "VDD") or 12.0
        design_bjt_bias(intent, d, Spec("the emitter at half the supply", "vout", vcc / 2))
        d.free = None  # no spec of the request measures it: nothing to trim
    if any(s.quantity == "frequency" for s in specs) and kind in ("rc_oscillator", "phase_shift_oscillator") \
            and not any(a.kind == "tran" for a in intent.analyses):
        f = next(s.target for s in specs if s.quantity == "frequency")
        intent.analyses.append(AnalysisRequest("tran", f".tran {format_eng(1 / (f * 200))} {format_eng(80 / f)}"))
    return d


def _rated_temperature(intent: Intent) -> None:
    """Of two temperatures a sensor's request states, one written with the part's value ("10k-at-25 °C", "10k at
    25 C") is the temperature the part is rated at: the sensor is evaluated at the other."""
    for warning in list(intent.warnings):
        two = _TWO_VALUES.fullmatch(warning)
        if not two or two[1] != "TEMP":
            continue
        rated = [text for text in (two[2], two[3]) if re.search(
            rf"\d\s*(?:[kKM]|meg)?\s*(?:Ω|ohms?)?[\s-]*(?:at|@)[\s-]*{re.escape(text)}", intent.description)]
        if len(rated) != 1 or (other := parse_number(two[3 if rated[0] == two[2] else 2].split()[0])) is None:
            continue
        text = two[3] if rated[0] == two[2] else two[2]
        intent.values["TEMP"] = Value("TEMP", other, text, "degC")
        intent.warnings = [w for w in intent.warnings if w != warning]


# The parts that move a quantity one way, by what they are (a drain or collector load lowers its node's level and
# raises the gain, a feedback resistor raises a gain, a timing resistor or capacitor lowers a frequency): a family
# with no design equation for a spec is trimmed on the one such part it has that the request does not give.
_KNOBS = {"vout": (("RD", -1), ("RC", -1)), "gain": (("RF", 1), ("RD", 1), ("RC", 1), ("RG", -1)),
          "cutoff": (("R", -1), ("C", -1)), "frequency": (("R", -1), ("C", -1)), "center": (("R", -1), ("C", -1))}


def _knob(intent: Intent, kind: str, quantity: str) -> tuple[str, int, float] | None:
    """(role, how the quantity moves with it, the family's default) of the one part that moves the quantity."""
    from spice_lsp.generation.families import roles
    defaults = roles(kind)
    knobs = [(role, sign, defaults[role]) for role, sign in _KNOBS.get(quantity, ())
             if role in defaults and role not in intent.values and defaults[role] > 0]
    return knobs[0] if len(knobs) == 1 else None


def passband(specs: list[Spec], kind: str) -> list[Spec]:
    """A low- or high-pass filter's gain stated with no frequency is its passband's: measured a decade past its
    stated corner, into the passband (at the 1 kHz a gain is otherwise measured, a 1.2 kHz high-pass reads 3.8 dB
    low); a band-pass's (a family designed for a centre) is its centre's."""
    from spice_lsp.generation.families import family_of
    side = "high" if "highpass" in kind else "low" if "lowpass" in kind else \
        "centre" if "center" in family_of(kind).specs else None
    corner = next((s.target for s in specs if s.quantity in (("center",) if side == "centre" else ("cutoff", "f0"))
                   and s.target > 0), None)
    if side is None or corner is None:
        return specs
    at = corner * 10 if side == "high" else corner / 10 if side == "low" else corner
    return [replace(s, at=at) if s.quantity in ("gain", "gain_db") and s.at is None else s for s in specs]


def aimed(spec: Spec) -> Spec:
    """The spec as designed: a one-sided bound ("at least 40 dB") is checked with no slack on its side, so it is
    aimed inside the bound by its tolerance (E-series parts and approximate equations land either side of an aim)."""
    if spec.bound is None or not spec.tolerance:
        return spec
    slack = spec.tolerance if spec.quantity in ABSOLUTE else spec.tolerance * abs(spec.target)
    return replace(spec, target=spec.target + (slack if spec.bound == "min" else -slack))


def trim(intent: Intent, d: Design, spec: Spec, measured: float) -> bool:
    """Move the free value so the spec lands on target; False when there is nothing to move. (An inverting gain,
    target and measure both negative, is moved by its size.)"""
    if spec.target < 0 and measured < 0 and spec.quantity == "gain":
        spec, measured = replace(spec, target=-spec.target), -measured
    if d.free is None or d.scale == 0 or measured <= 0 or spec.target <= 0 or d.trims not in (None, spec.quantity):
        return False  # a Q measured off the notch's frequency part would move the notch
    old = intent.values[d.free]
    target = aimed(spec).target
    ratio = (target / measured) ** d.scale
    if d.tried and not d.complement and d.tried[0] != old.value and d.tried[1] != measured \
            and (measured - d.tried[1]) * (old.value - d.tried[0]) * d.scale > 0:
        # the line through the last two rounds, where it agrees with the expected direction: a level that moves with
        # the drop across a load (VDD - I RD) lands in a round, where a fixed power of the miss crawls to it
        ratio = (old.value + (target - measured) * (old.value - d.tried[0]) / (measured - d.tried[1])) / old.value
    d.tried = (old.value, measured)
    ratio = min(max(ratio, 0.2), 5.0)
    new = 1 - (1 - old.value) * ratio if d.complement else old.value * ratio
    if not new > 0:
        return False
    text = format_eng(new) if old.unit else f"{new:.4g}"
    value = parse_number(text) or new  # the value as the netlist will write it
    intent.values[d.free] = Value(old.role, value, text, old.unit)
    d.notes.append(f"{d.free} trimmed to {format_eng(value)} after measuring {format_eng(measured)}")
    return True
