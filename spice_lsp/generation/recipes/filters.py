"""Filters beyond the first catalog: multiple-feedback, Sallen-Key band-pass, state-variable and
Tow-Thomas biquads, twin-T notches, the first-order all-pass, Butterworth, Bessel and Chebyshev
cascades of orders 2-6, and the doubly terminated Butterworth LC ladder.

Each family's equations are one function `(f0, get) -> {role: value}`: `get(role, default)` reads
a part the request gives (or the default). The builder calls it at the nominal frequency for its
defaults; `designer()` calls it at the spec's target, capacitors and inductors first (rounded to
E24), then the resistors from the rounded parts (E96). The other recipe modules use it too.
"""
from __future__ import annotations

import dataclasses
import math
import re
from collections.abc import Callable
from functools import partial

from spice_lsp.generation.checklist import Probe
from spice_lsp.generation.design import E24, E96, UNLOADED, given, set_value
from spice_lsp.generation.families import Family, expect, register, selects, used
from spice_lsp.generation.intent import Value, _quantities
from spice_lsp.generation.recipes.words import word
from spice_lsp.generation.request import Spec, read_request
from spice_lsp.generation.templates import IDEAL_GBW, IDEAL_SAID, OPAMP_GAIN, OPAMP_POLE, _Filler, _opamp_block
from spice_lsp.language.units import format_eng, parse_number

Equations = Callable[[float, Callable[[str, float], float]], dict[str, float]]

_Q_STATED = re.compile(r"\bQ\s*(?:of|=|:|is)?\s*(?:(?:about|around|near|roughly|approximately|~)\s*)?"
                       r"(\d+(?:\.\d+)?)(?!\w|\.\d)")  # a sentence's full stop may follow


def stated_q(text: str, default: float) -> float:
    """The quality factor the request states ("Q of 5", "Q=2"), else the default."""
    m = _Q_STATED.search(text)
    return float(m[1]) if m and float(m[1]) > 0 else default


# "low-pass output at node lp with DC gain 1", "a low-pass gain of 2": the stated gain is the low-pass output's at DC
_LOWPASS_GAIN = re.compile(r"\bdc\s+gain\b|\bgain\s+(?:at|of)\s+dc\b|\blow[- ]?pass\s+gain\b", re.IGNORECASE)


def worded(role: str, text: str, default: float, number: Callable[[str, float], float]) -> float:
    """A role the equations read from the request's words, else from its values (`number`): the stated Q, and
    GAIN_DC, the stated gain where the request says it is the DC (low-pass) one (0 where it is not)."""
    if role == "Q":
        return stated_q(text, default)
    if role == "GAIN_DC":
        return number("GAIN", default) if _LOWPASS_GAIN.search(text) else 0.0
    if role == "GBW":  # the op-amp's gain-bandwidth: the ideal block's where the request asks for an ideal op-amp
        return IDEAL_GBW if IDEAL_SAID.search(text) else GBW
    return number(role, default)


def design_target(f: _Filler, nominal: float, target: str = "FREQ") -> float:
    """The value the parts are computed for (the request's frequency, else the nominal one),
    written as a .param so the netlist says what it was designed for."""
    value = f.number(target, nominal)
    f.param(f"design_{target.lower()}", format_eng(value))
    return value


Aliases = dict[str, tuple[str, ...]]


def part_values(f: _Filler, equations: Equations, nominal: float, target: str = "FREQ",
                aliases: Aliases | None = None) -> dict[str, float]:
    """The builder's part values: the user's, else the equations' at the design target (which
    the netlist then states; not when the request gives every part: they set the frequency).
    `aliases`: the other roles a part's value may come by ("two 1 nF capacitors" is C, each of
    a Colpitts' C1 and C2; "47k base resistors" RB, an astable's R)."""
    def get(role: str, default: float) -> float:
        return worded(role, f.intent.description, default,
                      lambda name, fallback: f.number(name, fallback, *(aliases or {}).get(name, ())))
    values = equations(design_target(f, nominal, target), get)
    if all({role, *(aliases or {}).get(role, ())} & set(f.intent.values) for role in values):
        del f.params[f"design_{target.lower()}"]
    return values


def designed(quantity: str, tolerance: float = 0.1, target: str = "FREQ") -> Callable[[_Filler], list]:
    """A family's function: its spec quantity at the target its parts were computed for; when the
    request gave every part (no design target), that its response is shaped at all."""
    def function(f: _Filler) -> list:
        if (value := parse_number(f.params.get(f"design_{target.lower()}", ""))) is not None:
            return [expect(quantity, value, tolerance)]
        return [Probe("function: its response varies by at least 10 dB between 1 Hz and 100 MHz",
                      "ac dec 10 1 100meg\nlet g = vdb({out})\nmeas ac hi max g\nmeas ac lo min g\n"
                      "let result = hi-lo", 10, 1e3)]
    return function


def parts(f: _Filler, equations: Equations, nominal: float, aliases: Aliases | None = None) -> dict[str, str]:
    """The same, as the netlist writes them (the user's as written)."""
    return {role: f(role, value, *(aliases or {}).get(role, ()))
            for role, value in part_values(f, equations, nominal, aliases=aliases).items()}


def designer(equations: Equations, how: str, free: str | tuple[str, ...], scale: float = -1,
             aliases: Aliases | None = None) -> Callable:
    """A design function from a family's equations: the parts the request leaves free, computed
    at the spec's target; `free` is the part the trim loop moves (f ~ free**scale), or the parts it may
    move, the first the request leaves free (an L the request gives leaves the C); `aliases` as
    part_values'."""
    def design_fn(intent, d, spec) -> None:
        if spec.quantity == "q":
            return  # the equations read the stated Q from the request's words (stated_q)

        def get(role: str, default: float) -> float:
            def number(name: str, fallback: float) -> float:
                value = given(intent, name, *(aliases or {}).get(name, ()))
                return fallback if value is None else value
            return worded(role, intent.description, default, number)
        for letters, series in (("CL", E24), ("RG", E96)):  # reactive parts first, resistors from them
            for role, exact in _scaled(equations(spec.target, get), intent).items():
                if role[0] in letters and not {role, *(aliases or {}).get(role, ())} & set(intent.values):
                    set_value(intent, d, role, exact, how, series)
        movable = [role for role in ((free,) if isinstance(free, str) else free) if role in d.designed]
        if movable:
            d.free, d.scale = movable[0], scale
    return design_fn


def _scaled(values: dict[str, float], intent) -> dict[str, float]:
    """Resistors the request gives ("using 10k resistors") that the equations computed otherwise:
    the network's impedance scaled to them (R and L by s, C by 1/s keeps every time constant, so
    f0 and Q), when they all ask the same scale and no other resistor is fixed."""
    resistors = [role for role in values if role[0] in "RG"]
    ratios = [intent.values[r].value / values[r] for r in resistors if r in intent.values]
    if not ratios or any(math.isclose(x, 1, rel_tol=1e-3) for x in ratios) or max(ratios) / min(ratios) > 1.01:
        return values
    s = ratios[0]
    return {role: value * s if role[0] in "RGL" else value / s if role[0] == "C" else value
            for role, value in values.items()}


def _ac_source(f: _Filler) -> str:
    return f"V1 in 0 DC 0 AC {f('VIN', 1)}"


# Literal-first (recipes/words.py): a leading \b makes re try a pattern at every position.
LOWPASS, HIGHPASS = r"low[- ]?pass|" + word("lpf") + r"\b", r"high[- ]?pass|" + word("hpf") + r"\b"
BANDPASS = r"band[- ]?pass|" + word("bpf") + r"\b"
MFB = r"multiple[- ]feedback|" + word("mfb") + r"\b|rauch"


# --- multiple feedback (Rauch) -------------------------------------------------------------------

def _mfb_lowpass_eq(f0, get):
    # Gain -K = -R2/R1 with R2 = R3 = R: Q = sqrt(C1/C2)/(K + 2), so C1 = (Q (K + 2))^2 C2 (9 Q^2 C2
    # at unity gain); f0 = 1/(2 pi R sqrt(C1 C2)).
    k = abs(get("GAIN", 1)) or 1
    ratio = (get("Q", 1 / math.sqrt(2)) * (k + 2)) ** 2  # C1/C2
    said = get("R2", 0.0) or get("R3", 0.0) or get("R1", 0.0) * k
    if said and not get("C1", 0.0) and not get("C2", 0.0):
        # a resistor the request gives ("R1 = 10k in, R2 = 20k feedback"): R from it, the capacitors from R
        c2 = 1 / (2 * math.pi * f0 * said * math.sqrt(ratio))
        return {"C1": ratio * c2, "C2": c2, "R1": said / k, "R2": said, "R3": said}
    c2 = get("C2", 10e-9)
    c1 = get("C1", ratio * c2)
    r = 1 / (2 * math.pi * f0 * math.sqrt(c1 * c2))
    return {"C1": c1, "C2": c2, "R1": r / k, "R2": r, "R3": r}


_mfb_lowpass_cutoff = designer(_mfb_lowpass_eq, "f0 = 1/(2 pi R sqrt(C1 C2)), C1 = (Q (K + 2))^2 C2, R1 = R/K", "R2")


def _design_mfb_lowpass(intent, d, spec) -> None:
    """The cutoff's parts for the passband gain asked (a gain after the cutoff: the cutoff's parts again)."""
    if spec.quantity != "gain":
        _mfb_lowpass_cutoff(intent, d, spec)
        return
    set_value(intent, d, "GAIN", abs(spec.target), "the passband gain asked (|gain| = R2/R1)", None)
    d.claimed.add("GAIN")
    if {"C1", "C2"} <= set(d.designed):  # designed for unity gain: again at the same f0 (the parts stated kept)
        def value(role: str) -> float:
            return d.designed[role] if role in d.designed else intent.values[role].value
        f0 = 1 / (2 * math.pi * math.sqrt(value("R2") * value("R3") * value("C1") * value("C2")))
        for role in ("C1", "C2", "R1", "R2", "R3"):
            if role in d.designed:
                intent.values.pop(role, None)
                d.designed.pop(role)
        _mfb_lowpass_cutoff(intent, d, dataclasses.replace(spec, quantity="cutoff", target=f0))


def _mfb_lowpass(f: _Filler) -> str:
    p = parts(f, _mfb_lowpass_eq, 1e3)
    if "GAIN" in f.intent.values:  # the passband gain the parts were computed for, -R2/R1
        f.param("gain", f("GAIN", 1))
    # R1 feeds node a (C1 to ground), R2 feeds back from the output, R3 and C2 make the integrator.
    return "\n".join([_opamp_block(f), _ac_source(f), f"R1 in a {p['R1']}", f"C1 a 0 {p['C1']}",
                      f"R2 a out {p['R2']}", f"R3 a inn {p['R3']}", f"C2 inn out {p['C2']}", "X1 0 inn out opamp"])


def _mfb_highpass_eq(f0, get):
    # Unity gain, C1 = C2 = C3 = C: Q = sqrt(R2/R1)/3, so R2 = 9 Q^2 R1; f0 = 1/(2 pi C sqrt(R1 R2)).
    c = get("C", 10e-9)
    k = 9 * get("Q", 1 / math.sqrt(2)) ** 2
    r1 = 1 / (2 * math.pi * f0 * c * math.sqrt(k))
    return {"C": c, "R1": r1, "R2": k * r1}


def _mfb_highpass(f: _Filler) -> str:
    p = parts(f, _mfb_highpass_eq, 1e3)
    return "\n".join([_opamp_block(f), _ac_source(f), f"C1 in a {p['C']}", f"R1 a 0 {p['R1']}",
                      f"C2 a inn {p['C']}", f"C3 a out {p['C']}", f"R2 inn out {p['R2']}", "X1 0 inn out opamp"])


GBW = OPAMP_GAIN * OPAMP_POLE  # templates.OPAMP's, the op-amp every filter here is built with unless asked ideal


def _opamp_gain(s: complex, gbw: float) -> complex:
    return OPAMP_GAIN / (1 + s / (2 * math.pi * gbw / OPAMP_GAIN))


def _mfb_bandpass_response(v: dict[str, float], f: float, gbw: float = GBW) -> complex:
    """The Deliyannis band-pass's v(out)/v(in) at f with the op-amp's own gain A(s) of gain-bandwidth `gbw` (node a:
    R1, R3, C1, C2; the - input n: C1 from a, R2 from out; out = -A v(n))."""
    s = 2j * math.pi * f
    a = _opamp_gain(s, gbw)
    g1, g2, g3, sc = 1 / v["R1"], 1 / v["R2"], 1 / v["R3"], s * v["C"]
    # with v(out) = 1: v(n) = -1/A; node n gives v(a); node a gives v(in)
    vn = -1 / a
    va = (vn * (sc + g2) - g2) / sc
    vin = (va * (g1 + g3 + 2 * sc) - vn * sc - sc) / g1
    return 1 / vin


def _peak_and_q(response: Callable[[float], complex], f0: float) -> tuple[float, float]:
    """A band-pass's peak frequency and its Q (peak over the -3 dB bandwidth)."""
    peak, low, high = _peak_and_edges(response, f0)
    return peak, peak / (high - low)


def _peak_and_edges(response: Callable[[float], complex], f0: float) -> tuple[float, float, float]:
    """A band-pass's peak frequency (golden-section search within an octave of f0) and its -3 dB edges (each
    bisected within a factor 1000 of the peak)."""
    lo, hi = math.log(f0 / 2), math.log(f0 * 2)
    k = (math.sqrt(5) - 1) / 2
    for _ in range(60):
        a, b = hi - k * (hi - lo), lo + k * (hi - lo)
        lo, hi = (a, hi) if abs(response(math.exp(a))) < abs(response(math.exp(b))) else (lo, b)
    peak = math.exp((lo + hi) / 2)
    edge_gain = abs(response(peak)) / math.sqrt(2)

    def edge(inner: float, outer: float) -> float:
        for _ in range(60):
            mid = math.sqrt(inner * outer)
            inner, outer = (mid, outer) if abs(response(mid)) > edge_gain else (inner, mid)
        return math.sqrt(inner * outer)
    return peak, edge(peak, peak / 1000), edge(peak, peak * 1000)


def _mfb_bandpass_ideal(f0: float, q: float, c: float, k: float = 1) -> dict[str, float]:
    # Deliyannis, C1 = C2 = C, gain K at f0: R2 = 2Q/(w0 C), R1 = R2/(2K), R3 = Q/(w0 C (2Q^2 - K)) (K < 2Q^2:
    # without R3 the centre gain is 2Q^2, the most the network gives).
    w = 2 * math.pi * f0 * c
    return {"C": c, "R1": q / (k * w), "R2": 2 * q / w, "R3": q / (w * max(2 * q * q - k, 0.1))}


def mfb_centre_gain(q: float, gain: float) -> float:
    """The centre gain the Deliyannis band-pass is designed for: the one asked (|gain|), or 1; ValueError when the
    Q asked leaves no R3 for it (K must stay under 2 Q^2)."""
    k = abs(gain) or 1
    if k >= 2 * q * q:
        raise ValueError(f"a centre gain of {k:g} needs Q above {math.sqrt(k / 2):.3g} in a multiple-feedback "
                         "band-pass")
    return k


def _mfb_bandpass_eq(f0, get):
    # The op-amp's finite gain-bandwidth pulls the peak down and raises Q (a few % at a 10 kHz, Q 4 centre): the
    # parts are those of the ideal design at the f0, Q and centre gain that come out, with that op-amp, at those asked.
    c, q = get("C", 10e-9), get("Q", 5)
    k = mfb_centre_gain(q, get("GAIN", 1))
    aim_f, aim_q, aim_k = f0, q, k
    for _ in range(8):
        values = _mfb_bandpass_ideal(aim_f, aim_q, c, aim_k)
        response = partial(_mfb_bandpass_response, values, gbw=get("GBW", GBW))
        peak, got_q = _peak_and_q(response, f0)
        aim_f, aim_q = aim_f * f0 / peak, aim_q * q / got_q
        aim_k = min(aim_k * k / abs(response(peak)), 2 * aim_q * aim_q - 0.1)
    return values


def centre_gain(centre: Callable, how: str) -> Callable:
    """A band-pass's design from its centre's (`centre`, a designer() whose equations read GAIN) that also takes the
    centre gain asked: GAIN set, and the centre's parts again when they were designed before it."""
    def design_fn(intent, d, spec) -> None:
        if spec.quantity != "gain":
            centre(intent, d, spec)
            return
        set_value(intent, d, "GAIN", abs(spec.target), f"the centre gain asked ({how})", None)
        d.claimed.add("GAIN")
        if (f0 := d.wanted.get("center")) and d.free in d.designed:
            for role in list(d.designed):
                if role != "GAIN":
                    intent.values.pop(role, None)
                    d.designed.pop(role)
            centre(intent, d, dataclasses.replace(spec, quantity="center", target=f0))
    return design_fn


def centred(f: _Filler) -> list:
    """A band-pass's function: its centre where the parts put it, and there the centre gain the request asks, in dB
    (its size, whatever sign the request writes it with)."""
    checks = designed("center")(f)
    if "GAIN" in f.intent.values and (f0 := parse_number(f.params.get("design_freq", ""))) is not None:
        k = abs(used(f, "GAIN"))
        checks.append(Spec(f"function: gain {k:g} at the {format_eng(f0)}Hz centre", "gain_db",
                           20 * math.log10(k), 0.5, at=f0))
    return checks


def _mfb_bandpass(f: _Filler) -> str:
    p = parts(f, _mfb_bandpass_eq, 1e3)
    if "GAIN" in f.intent.values:  # the centre gain the parts were computed for, -R2/(2 R1)
        f.param("gain", f("GAIN", 1))
    return "\n".join([_opamp_block(f), _ac_source(f), f"R1 in a {p['R1']}", f"R3 a 0 {p['R3']}",
                      f"C1 a inn {p['C']}", f"C2 a out {p['C']}", f"R2 inn out {p['R2']}", "X1 0 inn out opamp"])


def _cutoff_example(name: str, low: float = 50, high: float = 10e3) -> tuple:
    return (("cutoff", f"{name} with a cutoff frequency of {{x}} Hz", low, high),)


def _center_example(name: str, low: float = 100, high: float = 10e3, q: tuple[float, float] = (1, 10)) -> tuple:
    return (("center", f"{name} with a center frequency of {{x}} Hz", low, high),
            ("q", f"{name} with a center frequency of 1 kHz and a Q of {{x}}", *q))


register(Family(kind="mfb_lowpass", summary="multiple-feedback (Rauch) active low-pass filter", build=_mfb_lowpass,
                function=designed("cutoff"),
                names=("multiple-feedback low-pass filter", "MFB low-pass filter", "Rauch low-pass filter",
                       "multiple feedback LPF"),
                rules=((4.1, (MFB, LOWPASS)),), noun="filter", accepts="butterworth|second[- ]order|2nd[- ]order",
                specs=("cutoff", "gain"), design=_design_mfb_lowpass,
                examples=(*_cutoff_example("multiple-feedback low-pass filter"),
                          ("gain", "MFB low-pass filter, cutoff 10 kHz, passband gain of -{x}", 1.5, 10))))
register(Family(kind="mfb_highpass", summary="multiple-feedback (Rauch) active high-pass filter", build=_mfb_highpass,
                function=designed("cutoff"),
                names=("multiple-feedback high-pass filter", "MFB high-pass filter", "Rauch high-pass filter",
                       "multiple feedback HPF"),
                rules=((4.2, (MFB, HIGHPASS)),), noun="filter", accepts="butterworth|second[- ]order|2nd[- ]order",
                specs=("cutoff",),
                design=designer(_mfb_highpass_eq, "f0 = 1/(2 pi C sqrt(R1 R2)), R2 = 9 Q^2 R1", "R1"),
                examples=_cutoff_example("MFB high-pass filter")))
register(Family(kind="mfb_bandpass", summary="multiple-feedback (Deliyannis) active band-pass filter",
                function=centred,
                build=_mfb_bandpass,
                names=("multiple-feedback band-pass filter", "MFB band-pass filter", "Deliyannis band-pass filter",
                       "multiple feedback bandpass"),
                # "An active band-pass filter" is the multiple-feedback one (not the passive RLC).
                rules=((4.3, (MFB, BANDPASS)), (4.4, (r"deliyannis",)),
                       (8.9, (r"active|op[- ]?amp|operational", BANDPASS))), noun="filter",
                specs=("center", "q", "gain"),
                design=centre_gain(designer(_mfb_bandpass_eq, "f0 = sqrt((R1+R3)/(R1 R2 R3))/(2 pi C), centre gain "
                                            "R2/(2 R1)", "R2"), "|gain| = R2/(2 R1)"),
                examples=(*_center_example("multiple-feedback band-pass filter"),
                          ("gain", "MFB band-pass filter, centre 2 kHz, Q of 5, gain of {x} at the centre", 1, 20))))


# --- Sallen-Key band-pass, state-variable, Tow-Thomas ---------------------------------------------

def _sk_bandpass_eq(f0, get):
    # Equal parts R, C: f0 = sqrt(2)/(2 pi R C), Q = sqrt(2)/(4 - K), K = 1 + RB/RA.
    c, q = get("C", 10e-9), get("Q", 2)
    k = max(4 - math.sqrt(2) / q, 1.0)
    ra = get("RA", 10e3)
    return {"C": c, "R": math.sqrt(2) / (2 * math.pi * f0 * c), "RA": ra, "RB": max((k - 1) * ra, 1.0)}


def _sk_bandpass(f: _Filler) -> str:
    p = parts(f, _sk_bandpass_eq, 1e3)
    return "\n".join([_opamp_block(f), _ac_source(f), f"R1 in a {p['R']}", f"C1 a 0 {p['C']}",
                      f"C2 a b {p['C']}", f"R2 b 0 {p['R']}", f"R3 a out {p['R']}",
                      f"R4 inn 0 {p['RA']}", f"R5 inn out {p['RB']}", "X1 b inn out opamp"])


def _state_variable_eq(f0, get):
    # KHN: two integrators of f0 = 1/(2 pi R C), the summer's -lp and hp resistors equal (R2 = R5 = 10k). At f0 the
    # low-pass and high-pass terms cancel: the centre gain is a/c, Q = 1/c, where a = R5/RIN (the input's weight) and
    # c = (1 + R5/RIN + R5/R2) R4/(R3 + R4) (the band-pass fed back to the + input). So RIN = R5 Q/K for the centre gain
    # K asked (Q itself unless asked: RIN = R5) and R3 = ((2 + a) Q - 1) R4.
    # The integrators' excess phase at the op-amp's gain-bandwidth raises Q (and the centre gain with it) by about
    # 1 + 4 Q f0/GBW, as the Tow-Thomas loop's: c is built for the Q that comes out at the one asked.
    c, q = get("C", 10e-9), get("Q", 2)
    k = abs(get("GAIN", q)) or q
    r4, rin = get("R4", 10e3), get("RIN", 10e3 * q / k)
    built = q / (1 + 4 * q * f0 / get("GBW", GBW))
    return {"C": c, "R": 1 / (2 * math.pi * f0 * c), "R3": max((2 + 10e3 / rin) * built - 1, 0.01) * r4, "R4": r4,
            "RIN": rin}


def _state_variable(f: _Filler) -> str:
    p = parts(f, _state_variable_eq, 1e3)
    # X1 sums -in, -lp and 3x the fraction of bp at its + input into hp; X2, X3 integrate hp -> bp -> lp.
    # Its three outputs keep their names (hp, bp, lp); bp is the one probed.
    return "\n".join([_opamp_block(f), _ac_source(f), f"R1 in n1 {p['RIN']}", "R2 lp n1 10k", "R5 n1 hp 10k",
                      f"R3 bp p1 {p['R3']}", f"R4 p1 0 {p['R4']}", "X1 p1 n1 hp opamp",
                      f"R6 hp n2 {p['R']}", f"C1 n2 bp {p['C']}", "X2 0 n2 bp opamp",
                      f"R7 bp n3 {p['R']}", f"C2 n3 lp {p['C']}", "X3 0 n3 lp opamp"])


def _tow_thomas_eq(f0, get):
    # w0 = 1/(R C), Q = RQ/R, band-pass gain at f0 = RQ/R1 (K, 1 unless asked). The integrators' excess phase at the
    # op-amp's finite gain-bandwidth raises Q to Q/(1 - 4 Q f0/GBW): the Q built is the one that comes out at the Q
    # asked for.
    c, q = get("C", 10e-9), get("Q", 2)
    q = q / (1 + 4 * q * f0 / get("GBW", GBW))
    r = 1 / (2 * math.pi * f0 * c)
    # (a DC gain asked of the low-pass output is R/R1: the centre gain Q times it)
    k_dc = abs(get("GAIN_DC", 1))
    return {"C": c, "R": r, "RQ": q * r, "R1": r / k_dc if k_dc else q * r / (abs(get("GAIN", 1)) or 1)}


def _lowpass_gain(f: _Filler) -> float | None:
    """The low-pass output's DC gain the request asks of a biquad (R/R1), else None (its gain is the centre's)."""
    return abs(used(f, "GAIN")) or 1 if "GAIN" in f.intent.values and _LOWPASS_GAIN.search(f.intent.description) \
        else None


def _tow_thomas(f: _Filler) -> str:
    p = parts(f, _tow_thomas_eq, 1e3)
    if "GAIN" in f.intent.values:  # the centre gain the parts were computed for, -RQ/R1 (or the low-pass's, R/R1)
        f.param("gain" if _lowpass_gain(f) is None else "dc_gain", f("GAIN", 1))
    # X1 a damped integrator (R6 = RQ || C1) gives the band-pass; X2 integrates, X3 inverts it back to X1.
    return "\n".join([_opamp_block(f), _ac_source(f), f"R1 in n1 {p['R1']}", f"R6 n1 out {p['RQ']}",
                      f"C1 n1 out {p['C']}", "X1 0 n1 out opamp", f"R2 out n2 {p['R']}", f"C2 n2 lp {p['C']}",
                      "X2 0 n2 lp opamp", "R3 lp n3 10k", "R4 n3 nlp 10k", "X3 0 n3 nlp opamp",
                      f"R5 nlp n1 {p['R']}"])


register(Family(kind="sallen_key_bandpass", summary="Sallen-Key active band-pass filter", build=_sk_bandpass,
                function=designed("center"),
                names=("Sallen-Key band-pass filter", "Sallen Key bandpass filter", "VCVS band-pass filter"),
                rules=((4.5, (r"sallen|vcvs", BANDPASS)),), noun="filter",
                specs=("center", "q"), design=designer(_sk_bandpass_eq, "f0 = sqrt(2)/(2 pi R C)", "R"),
                examples=_center_example("Sallen-Key band-pass filter", q=(0.8, 2.5))))
register(Family(kind="state_variable_filter",
                summary="state-variable (KHN) filter (a summer and two integrators), band-pass output",
                function=centred,
                build=_state_variable,
                names=("state-variable filter", "state variable band-pass filter", "KHN filter",
                       "Kerwin-Huelsman-Newcomb biquad"),
                rules=((4.6, (r"state[- ]variable|" + word("khn") + r"\b|kerwin",)),), noun="filter", output="bp",
                accepts=BANDPASS, specs=("center", "q", "gain"),
                design=centre_gain(designer(_state_variable_eq, "f0 = 1/(2 pi R C), centre gain Q R5/RIN", "R"),
                                   "Q R5/RIN"),
                examples=(*_center_example("state-variable filter"),
                          ("gain", "state-variable band-pass filter, centre 2 kHz, Q of 3, gain of {x} at the centre",
                           0.5, 10))))


def _tow_thomas_function(f: _Filler) -> list:
    """The band-pass's centre and centre gain, or the low-pass output's DC gain R/R1 where the request asks that."""
    if (k := _lowpass_gain(f)) is None:
        return centred(f)
    f0 = parse_number(f.params.get("design_freq", "")) or used(f, "FREQ", default=1e3)
    return [*designed("center")(f),
            Probe(f"function: low-pass output's DC gain R/R1 = {k:g} ({20 * math.log10(k):.2f} dB) ±0.3 dB",
                  f"ac lin 3 {f0 / 100:g} {f0 / 99:g}\nlet g = vdb(lp)-vdb({{inp}})\n"
                  f"meas ac result find g at={f0 / 100:g}",
                  20 * math.log10(k) - 0.3, 20 * math.log10(k) + 0.3)]


register(Family(kind="tow_thomas_biquad",
                summary="Tow-Thomas biquad filter (two integrators in a loop), band-pass and low-pass outputs",
                build=_tow_thomas,
                function=_tow_thomas_function,
                names=("Tow-Thomas biquad", "biquad band-pass filter", "biquad filter", "Tow Thomas filter"),
                rules=((4.7, (r"biquad|tow[- ]thomas",)),), noun="filter", accepts=BANDPASS,
                ports=(("band-pass output", ("out",)), ("low-pass output", ("lp",))),
                specs=("center", "q", "gain"),
                design=centre_gain(designer(_tow_thomas_eq, "f0 = 1/(2 pi R C), centre gain RQ/R1", "R"), "RQ/R1"),
                examples=(*_center_example("biquad band-pass filter"),
                          ("gain", "biquad band-pass filter, centre 1 kHz, Q of 2, a gain of {x} at the centre",
                           1.5, 10))))


# --- notches and the all-pass ---------------------------------------------------------------------

def _twin_t_eq(f0, get):
    # f0 = 1/(2 pi R C): series arms R, R and C, C; shunt arms 2C and R/2. R at most a hundredth of the
    # load (C from it, 10 nF at least), which else pulls the passband down (a 1meg load on 265k: -3.7 dB).
    c = get("C", max(10e-9, 100 / (2 * math.pi * f0 * get("RL", 1e6))))
    return {"C": c, "R": 1 / (2 * math.pi * f0 * c)}


def rejecting(design: Callable, tune: Callable | None = None) -> Callable:
    """A notch's design that also reads "at least 30 dB down at 60 Hz" as where its null goes: a notch
    asked to reject one frequency deeply is tuned there (the reader keeps that frequency as the spec's).
    `tune(intent, d, f0)` then sets the part the null moves with to four figures (a trimmed part: an
    E96 step misplaces a Q = 2.5 null by up to 1 %, 28 dB of depth)."""
    def design_fn(intent, d, spec) -> None:
        if spec.quantity == "gain_db" and spec.at and spec.target <= -20 and spec.bound != "min":
            design(intent, d, Spec(spec.text, "notch", spec.at, 0.05))
            if tune is not None:
                tune(intent, d, spec.at)
                d.free = None  # a depth is no frequency to trim towards
        elif spec.quantity == "notch":
            design(intent, d, spec)
    return design_fn


def _tune_twin_t(intent, d, f0: float) -> None:
    if "R" in d.designed and (c := given(intent, "C")):
        set_value(intent, d, "R", 1 / (2 * math.pi * f0 * c), "f0 = 1/(2 pi R C), R trimmed onto the null", None)


def _twin_t(f: _Filler, p: dict[str, str], ground: str) -> list[str]:
    return [f"R1 in a {p['R']}", f"R2 a t {p['R']}", f"C3 a {ground} {{2*{p['C']}}}",
            f"C1 in b {p['C']}", f"C2 b t {p['C']}", f"R3 b {ground} {{{p['R']}/2}}"]


def _twin_t_caps(values: dict) -> bool:
    """"100nF caps (the shunt cap 200n)": the series caps are the twin-T's C (the reader numbered them C1, C2), the
    shunt one its 2C, said again: whether that shunt cap was said."""
    if "C" not in values and "C1" in values:
        values["C"] = dataclasses.replace(values.pop("C1"), role="C")
    return "C2" in values and "C" in values and math.isclose(values["C2"].value, 2 * values["C"].value, rel_tol=0.01)


def _twin_t_design(intent, d, spec) -> None:
    if _twin_t_caps(intent.values):
        d.claimed.add("C2")
    _TWIN_T_RULES(intent, d, spec)


def _twin_t_passive(f: _Filler) -> str:
    if _twin_t_caps(f.intent.values):
        f.given("C2", 0)
    p = parts(f, _twin_t_eq, 1e3)
    # (an output the request leaves unloaded, "tt_out left unloaded", has no probe's 1 MΩ on it: the tee's own
    # junction is the output)
    if UNLOADED.search(f.intent.description) and "RL" not in f.intent.values:
        return "\n".join([_ac_source(f), *(re.sub(r"\bt\b", "out", line) for line in _twin_t(f, p, "0"))])
    return "\n".join([_ac_source(f), *_twin_t(f, p, "0"), "R4 t out 0", f"R5 out 0 {f('RL', 1e6)}"])


def _twin_t_active(f: _Filler) -> str:
    if _twin_t_caps(f.intent.values):
        f.given("C2", 0)
    p = parts(f, _twin_t_eq, 1e3)
    q = stated_q(f.intent.description, 2.5)
    k = max(0.0, 1 - 1 / (4 * q))  # Q = 1/(4 (1 - k)): the shunt arms bootstrapped to k times the output
    return "\n".join([_opamp_block(f), _ac_source(f), *_twin_t(f, p, "g"), "X1 t out out opamp",
                      f"R4 out k {format_eng(10e3 * (1 - k)) if k < 1 else '1'}", f"R5 k 0 {format_eng(10e3 * k)}",
                      "X2 k g g opamp"])


def _twin_t_function(f: _Filler) -> list:
    """A twin-T's function: its null where its parts put it, and its passband kept a decade either side (a load the
    arms are not small against pulls the whole response down: a notch in a dead passband)."""
    v = _twin_t_eq(f.number("FREQ", 1e3), lambda role, default: f.number(role, default))
    f0 = 1 / (2 * math.pi * f.number("R", v["R"]) * f.number("C", v["C"]))  # the parts as built, designed or stated
    return designed("notch")(f) + [
        Spec(f"function: passes {format_eng(at)}Hz, a decade from its notch (gain at least -3 dB)", "gain_db", -3.0,
             0.0, at=at, bound="min") for at in (f0 / 10, f0 * 10)]


_TWIN_T_RULES = rejecting(designer(_twin_t_eq, "f0 = 1/(2 pi R C)", "R"), _tune_twin_t)
_TWIN_T_DESIGN = _twin_t_design
register(Family(kind="twin_t_notch", summary="passive twin-T notch filter", build=_twin_t_passive,
                function=_twin_t_function,
                names=("twin-T notch filter", "passive twin-T notch", "twin T notch filter", "parallel-T notch filter"),
                # ("with no op-amp": the op-amp named only to be left out)
                rules=((4.8, (r"twin[- ]?t|parallel[- ]t\b", r"passive|\b(?:no|without(?:\s+an?)?)\s+op[- ]?amps?\b")),
                       (4.91, (r"twin[- ]?t|parallel[- ]t\b",))),
                noun="filter", accepts=r"notch(?:\s+filter)?",
                specs=("notch", "gain_db"), design=_TWIN_T_DESIGN,
                examples=(("notch", "twin-T notch filter with the notch at {x} Hz", 20, 50e3),
                          ("gain_db", "passive twin-T notch, at least {x} dB down at 400 Hz", 30, 50))))
register(Family(kind="active_twin_t_notch", summary="active twin-T notch filter (bootstrapped, adjustable Q)",
                function=_twin_t_function,
                build=_twin_t_active,
                names=("active twin-T notch filter", "bootstrapped twin-T notch", "op-amp twin-T notch filter"),
                rules=((4.85, (r"twin[- ]?t|parallel[- ]t\b", r"active|op[- ]?amp|bootstrap|operational")),
                       (8.95, (r"active|op[- ]?amp|operational", r"notch|band[- ]?stop|band[- ]reject"))),
                noun="filter", accepts=r"notch(?:\s+filter)?",
                specs=("notch", "gain_db"), design=_TWIN_T_DESIGN,
                examples=(("notch", "active twin-T notch filter, notch at {x} Hz", 20, 20e3),
                          ("gain_db", "active twin-T notch, at least {x} dB down at 60 Hz", 25, 40))))


def _tank_eq(f0, get):
    # f0 = 1/(2 pi sqrt(L C)); with neither reactance given, sqrt(L/C) = 1k, a tenth of the 10k
    # feed resistor (Q = R/sqrt(L/C) = 10, a sharp peak).
    w = 2 * math.pi * f0
    ind, c = get("L", 0.0), get("C", 0.0)
    # a stated loaded Q = R/sqrt(L/C), R the feed resistor (the source's Thevenin resistance across the tank): with
    # R and Q stated and neither reactance, sqrt(L/C) = R/Q
    q, r = get("Q", 0.0), get("R", 0.0)
    z0 = r / q if q > 0 and r > 0 else 1e3
    if c and not ind:
        ind = 1 / (w * w * c)
    elif ind and not c:
        c = 1 / (w * w * ind)
    elif not (ind or c):
        ind, c = z0 / w, 1 / (z0 * w)
    return {"L": ind, "C": c, "R": r or (q * math.sqrt(ind / c) if q > 0 else 10e3)}


def _tank_damping(f: _Filler) -> float | None:
    """The resistor across the tank that brings its loaded Q down to the stated one when the stated feed
    resistor alone would leave it higher ("fed through 100k, Q of 30": Q = (R1 || RP) / sqrt(L/C))."""
    q, parts = stated_q(f.intent.description, 0.0), _tank_parts(f)
    z0 = math.sqrt(parts["L"] / parts["C"])
    return 1 / (1 / (q * z0) - 1 / parts["R"]) if q > 0 and parts["R"] > 1.01 * q * z0 else None


def _tank_parts(f: _Filler) -> dict[str, float]:
    """The tank's L, C and feed R as built (the request's, else the equations' at the design frequency)."""
    def get(role: str, default: float) -> float:
        return stated_q(f.intent.description, default) if role == "Q" else used(f, role, f"{role}1", default=default)
    return _tank_eq(used(f, "FREQ", default=100e3), get)


# "driven by a current source IDRV (AC 1 mA) into node t", "a Norton drive": the tank is fed by a current source
_CURRENT_DRIVE = re.compile(r"current[- ]source|current[- ]driven|norton", re.IGNORECASE)


def _tank(f: _Filler) -> str:
    v = part_values(f, _tank_eq, 100e3)
    # The source feeds the tank through R1; at f0 the tank's impedance is real and largest, so
    # v(out) peaks there (in phase with the input). A current source is its own Norton feed: it pushes its
    # current into the tank, R1 across the tank sets the loaded Q.
    feed = (f"I1 0 out AC {f('IBIAS', 1e-3, 'IIN')}", f"R1 out 0 {f('R', v['R'], 'R1')}") \
        if _CURRENT_DRIVE.search(f.intent.description) else (_ac_source(f), f"R1 in out {f('R', v['R'], 'R1')}")
    lines = [*feed, f"L1 out 0 {f('L', v['L'], 'L1')}", f"C1 out 0 {f('C', v['C'], 'C1')}"]
    if (damping := _tank_damping(f)) is not None:
        lines.append(f"R2 out 0 {format_eng(float(f'{damping:.4g}'))}")
    return "\n".join(lines)


def _tank_checks(f: _Filler) -> list:
    """The resonance, and a stated Q as the -3 dB bandwidth f0/Q around the peak."""
    checks = designed("center")(f)
    if (q := stated_q(f.intent.description, 0.0)) > 0:
        parts = _tank_parts(f)
        f0 = 1 / (2 * math.pi * math.sqrt(parts["L"] * parts["C"]))
        checks.append(Probe(f"function: -3 dB bandwidth f0/Q = {format_eng(f0 / q)}Hz (Q = {q:g}) ±15 %",
                            f"ac lin 4001 {f0 / 2:g} {f0 * 2:g}\nlet h = vdb({{out}}) - vecmax(vdb({{out}}))\n"
                            "meas ac result trig h val=-3 rise=1 targ h val=-3 fall=1",
                            0.85 * f0 / q, 1.15 * f0 / q))
    return checks


register(Family(kind="lc_tank", summary="parallel LC tank (resonator fed through a resistor)", build=_tank,
                function=_tank_checks,
                names=("parallel LC tank", "LC tank circuit", "parallel resonant LC circuit", "parallel LC resonator"),
                rules=((4.97, (r"\btank\b|parallel[- ](?:lc|rlc)\b|parallel\s+resonan"
                               # "an L and a C in parallel from bpt to ground"
                               r"|\b(?:an?\s+)?(?:l|inductor)\s+and\s+(?:an?\s+)?(?:c|capacitor)\s+in\s+parallel\b"
                               r"|\b(?:an?\s+)?(?:c|capacitor)\s+and\s+(?:an?\s+)?(?:l|inductor)\s+in\s+parallel\b",
                               r"^(?!.*oscillat)")),
                       # "node ring should resonate at 50 kHz, passive parts only": what no other family's words name
                       (37.9, (r"\bresonat(?:e|es|ing)\s+at\b", r"^(?!.*(?:oscillat|series|crystal|quartz))"))),
                noun="filter", accepts=r"resonat\w*|tank(?:\s+circuit)?",
                # ("fed from a source through a 47k resistor": the feed resistor, not a source resistance)
                words=((r"\bthrough\b|\bfeed\w*|\bfed\b", {"ohm": "R"}),),
                specs=("center",), design=designer(_tank_eq, "f0 = 1/(2 pi sqrt(L C))", ("L", "C"), scale=-2),
                examples=(("center", "parallel LC tank resonating at {x} Hz", 1e3, 1e6),)))


def _band_edges(f: _Filler) -> tuple[float, float] | None:
    """The pass band's edges, or its sections' corners: the two frequencies the request gives ("passing 300 Hz to
    3 kHz", "a high-pass at 100 Hz, then a low-pass at 10 kHz"), less an analysis's ends."""
    swept = {parse_number(w) for a in f.intent.analyses for w in a.directive.split()[1:]}
    stated = sorted(q.value for q in _quantities(f.intent.description)
                    if q.unit == "Hz" and q.value > 0 and q.value not in swept)
    return (stated[0], stated[-1]) if len(stated) >= 2 and stated[0] < stated[-1] else None


# "a high-pass at 300 Hz ... a low-pass at 3 kHz", "low-pass corner 20 kHz": a frequency given to each section is
# that section's corner, not an edge of the whole band
_SECTION_CORNER = re.compile(r"\b(high|low)[- ]?pass(?:\s+(?:section|stage|filter|network))?(?:\s+(?:with\s+)?"
                            r"(?:an?\s+|its\s+)?(?:corner|cutoff|break|-?3\s*dB\s+point))?"
                            r"(?:\s+(?:at|of|=|near|around))?\s*[≈~]?\s*\d", re.IGNORECASE)

# "an op-amp buffer between them", "a unity-gain follower", "buffered": the sections isolated by a follower.
_BUFFERED = re.compile(r"buffer|follower|op[- ]?amp|operational", re.IGNORECASE)


def _rc_band_response(r1: float, c1: float, r2: float, c2: float, buffered: bool, hz: float) -> complex:
    """v(out)/v(in) of C1-R1 then R2-C2 (loaded by R2-C2 unless a follower isolates them)."""
    s = 2j * math.pi * hz
    low_pass = 1 / (1 + s * r2 * c2)
    shunt = r1 if buffered else 1 / (1 / r1 + 1 / (r2 + 1 / (s * c2)))
    return shunt / (shunt + 1 / (s * c1)) * low_pass


def _rc_band_capacitors(low: float, high: float, r1: float, r2: float, buffered: bool) -> tuple[float, float]:
    """C1 and C2 whose network's -3 dB edges (from its peak) are the stated ones: the two first-order corners
    overlap's droop (and the loading) moves the edges outward from the corners, most where the band is narrow;
    the corners are moved in until the edges land (a band under a factor 6 wide is left at its corners: first-order
    sections cannot make it)."""
    aim_low, aim_high = low, high
    for _ in range(12 if high / low >= 6 else 0):
        c1, c2 = 1 / (2 * math.pi * aim_low * r1), 1 / (2 * math.pi * aim_high * r2)
        _, got_low, got_high = _peak_and_edges(partial(_rc_band_response, r1, c1, r2, c2, buffered),
                                               math.sqrt(aim_low * aim_high))
        aim_low, aim_high = aim_low * low / got_low, aim_high * high / got_high
    return 1 / (2 * math.pi * aim_low * r1), 1 / (2 * math.pi * aim_high * r2)


def _rc_bandpass(f: _Filler) -> str:
    if edges := _band_edges(f):
        low, high = edges
        freq = f.intent.values.get("FREQ")  # the edge the reader took as the frequency, written as stated
        f.param("flow", f("FREQ", low) if freq and freq.value == low else format_eng(low))
        f.param("fhigh", f("FREQ", high) if freq and freq.value == high else format_eng(high))
        # ("two values for FREQ (300 Hz and 3.4 kHz)": the band's two edges, each built, no contradiction)
        f.intent.warnings[:] = [w for w in f.intent.warnings if not (
            w.startswith("two values for FREQ") and {q.value for q in _quantities(w)} == {low, high})]
    else:
        low, high = 100.0, 10e3
    buffered = bool(_BUFFERED.search(f.intent.description))
    r1 = f.number("R1", 10e3, "R")
    # Unbuffered, R2 is ten times R1 so that the low-pass section barely loads the high-pass one.
    r2 = f.number("R2", r1 if buffered else 10 * r1)
    # C1-R1 high-pass (corner flow), then R2-C2 low-pass (corner fhigh); a follower between them when asked.
    per_section = {m[1].lower() for m in _SECTION_CORNER.finditer(f.intent.description)} == {"high", "low"}
    c1, c2 = _rc_band_capacitors(low, high, r1, r2, buffered) if edges and not per_section else \
        (1 / (2 * math.pi * low * r1), 1 / (2 * math.pi * high * r2))
    c1, c2 = float(f"{c1:.4g}"), float(f"{c2:.4g}")
    said = "* C1-R1 high-pass (corner {} Hz){}, then R2-C2 low-pass (corner {} Hz) to the output".format(
        format_eng(low), ", a follower" if buffered else "", format_eng(high)) if edges else ""
    middle = [_opamp_block(f), _ac_source(f), f"C1 in a {f('C1', c1)}", f"R1 a 0 {f('R1', r1, 'R')}",
              "X1 a b b opamp", f"R2 b out {f('R2', r2)}"] if buffered else \
        [_ac_source(f), f"C1 in a {f('C1', c1)}", f"R1 a 0 {f('R1', r1, 'R')}", f"R2 a out {f('R2', r2)}"]
    return "\n".join([*middle, f"C2 out 0 {f('C2', c2)}", *([said] if said else [])])


def _passes_band(f: _Filler) -> list:
    low = 1 / (2 * math.pi * used(f, "R1", "R") * used(f, "C1"))
    high = 1 / (2 * math.pi * used(f, "R2") * used(f, "C2"))
    middle = math.sqrt(low * high)
    return [selects(middle, low / 10, 15), selects(middle, high * 10, 15)]


register(Family(kind="rc_bandpass", summary="passive RC band-pass (high-pass section, then low-pass section)",
                build=_rc_bandpass, function=_passes_band,
                names=("passive RC band-pass filter", "RC band-pass filter", "RC bandpass filter",
                       "band-pass from an RC high-pass and an RC low-pass with a buffer between"),
                # before the RLC band-pass: an RC one has no inductor; a band-pass made of passive high- and
                # low-pass sections before the active (Sallen-Key) ones, even with an op-amp buffer between
                rules=((7.95, (BANDPASS, HIGHPASS, LOWPASS, rf"passive|{word('rc')}\b",
                               r"^(?!.*(?:sallen|multiple[- ]feedback|mfb|biquad|active|state[- ]variable))")),
                       # the class: a band-pass by its structure, an RC high-pass then an RC low-pass (or the other
                       # way), a buffer between or not ("telephone-band filter: RC high-pass at 300 Hz, then a unity
                       # buffer, then an RC low-pass at 3.4 kHz"); before the first-order active sections (7.5), whose
                       # one section the buffer's words would pick
                       (7.45, (rf"{word('rc')}\s+(?:{HIGHPASS})[\s\S]*?\b(?:then|followed\s+by|into|feeding|"
                               rf"cascaded\s+with)\b[\s\S]*?{word('rc')}\s+(?:{LOWPASS})"
                               rf"|{word('rc')}\s+(?:{LOWPASS})[\s\S]*?\b(?:then|followed\s+by|into|feeding|"
                               rf"cascaded\s+with)\b[\s\S]*?{word('rc')}\s+(?:{HIGHPASS})",
                               r"^(?!.*(?:sallen|multiple[- ]feedback|mfb|biquad|active|state[- ]variable|inductor))")),
                       (30.9, (r"band[- ]?pass", rf"{word('rc')}\b")),
                       # a band-pass of passive or first-order sections with no inductor named: RC sections
                       (30.95, (r"band[- ]?pass", r"\bpassive\b|\bfirst[- ]order\b|\b(?:one|single)[- ]pole\b",
                                # ("a series L and C into a resistor": an inductor by its letter)
                                r"^(?![\s\S]*(?:inductor|coil|\blc\b|rlc|\d\s*[mun]?h\b|henr|\bl\s*(?:and|&|-)\s*c\b"
                                r"|\bc\s*(?:and|&)\s*l\b))"))),
                noun="filter", accepts=r"(?:(?:op[- ]?amp|unity(?:[- ]gain)?|voltage)\s+)?(?:buffer|follower)|"
                                       r"(?:rc\s+)?(?:high|low)[- ]?pass(?:\s+(?:section|stage|filter))?|"
                                       r"(?:tele)?(?:phone|speech|voice)[- ]band(?:\s+filter)?"))


# "45 degrees of lag", "a 60° shift": the phase an all-pass is asked to give at its frequency
_PHASE = re.compile(r"(\d+(?:\.\d+)?)\s*(?:°|deg(?:rees?)?\b)", re.IGNORECASE)


def _allpass(f: _Filler) -> str:
    r, c = 10e3, 15.9e-9
    given = set(f.intent.values)
    # the frequency as a value, or as the spec the request reader took it for ("45 degrees of lag at 2 kHz")
    # ... or where its phase is said ("-90 degrees at 2.5 kHz")
    hz = f.number("FREQ", 0) or next((s.target if s.quantity != "phase" else s.at or 0
                                       for s in read_request(f.intent.description).specs
                                       if s.quantity in ("cutoff", "center", "f0", "frequency", "phase")), 0)
    if hz > 0 and not {"R", "C"} <= given:
        # the phase -2 atan(w R C) is the stated shift at the stated frequency (90 degrees unless said)
        m = _PHASE.search(f.intent.description)
        phase = float(m[1]) if m and 0 < float(m[1]) < 180 else 90.0
        rc = math.tan(math.radians(phase) / 2) / (2 * math.pi * hz)
        f.param("f_shift", format_eng(hz))
        if "C" in given:  # the part not given from the one given (C from R = 10k when neither is)
            r = float(f"{rc / f.number('C', c):.4g}")
        else:
            c = float(f"{rc / f.number('R', r):.4g}")
    # H = (1 - sRC)/(1 + sRC): unity magnitude, phase from 0 to -180 degrees, -90 at 1/(2 pi R C).
    return "\n".join([_opamp_block(f), _ac_source(f), f"R1 in inn {f('R1', 10e3)}", f"R2 inn out {f('R2', 10e3)}",
                      f"R3 in p {f('R', r)}", f"C1 p 0 {f('C', c)}", "X1 p inn out opamp"])


def _allpass_function(f: _Filler) -> list:
    """Its -90 degrees at 1/(2 pi R C); and the phase the request states at its frequency ("45 degrees of lag at
    2 kHz"), measured there within 3 degrees."""
    f0 = 1 / (2 * math.pi * used(f, "R") * used(f, "C"))
    checks = [Probe(f"function: unity gain, phase through -90 degrees at 1/(2 pi R C) = {format_eng(f0)}Hz",
                    f"ac dec 100 {f0 / 100:g} {f0 * 100:g}\nlet p = vp({{out}})\nmeas ac result when p=-1.5708",
                    0.95 * f0, 1.05 * f0)]
    hz, m = parse_number(f.params.get("f_shift", "")), _PHASE.search(f.intent.description)
    if hz and m and 0 < float(m[1]) < 180:
        checks.append(Probe(f"function: {float(m[1]):g} degrees of phase lag at {format_eng(hz)}Hz",
                            f"ac lin 3 {hz * 0.999:g} {hz * 1.001:g}\nlet p = -vp({{out}})*180/pi\n"
                            f"meas ac result find p at={hz:g}", float(m[1]) - 3, float(m[1]) + 3))
    return checks


register(Family(kind="allpass_filter", summary="first-order op-amp all-pass filter (phase shifter)", build=_allpass,
                function=_allpass_function,
                names=("all-pass filter", "first-order all-pass filter", "op-amp phase shifter",
                       "allpass phase shift network"),
                rules=((4.95, (r"all[- ]?pass|phase[- ]shifter|phase[- ]shift (?:network|circuit|stage)",)),),
                noun="filter"))


# --- Butterworth, Bessel and Chebyshev cascades -----------------------------------------------------

_ORDER = re.compile(r"\b(?:([2-6])(?:st|nd|rd|th)?|(second|third|fourth|fifth|sixth))[- ]?(?:order|pole)"
                    r"|\border\s*(?:of\s*|=\s*|n\s*=\s*)?([2-6])\b", re.IGNORECASE)
_ORDER_WORDS = {"second": 2, "third": 3, "fourth": 4, "fifth": 5, "sixth": 6}
ORDER_3_6 = (r"(?:[3-6](?<![\w.][3-6])(?:rd|th)?|third|fourth|fifth|sixth)[- ]?(?:order|pole)|"
             + word("order") + r"\s*(?:of\s*|=\s*)?[3-6]\b"
             # a roll-off of 3-6 poles: 60-120 dB a decade, 18-36 dB an octave
             r"|(?<![\d.])(?:60|80|100|120)\s*-?\s*db\s*(?:/\s*|per\s+|an?\s+|each\s+)dec"
             r"|(?<![\d.])(?:18|24|30|36)\s*-?\s*db\s*(?:/\s*|per\s+|an?\s+|each\s+)oct")
# A Chebyshev's ripple in dB, however it is joined to the word: "1 dB ripple", "1 dB-ripple", "1-dB passband
# ripple", "0.5 dB of in-band ripple", "ripple of 1 dB", "ripple: 2 dB", "ripple = 0.25 dB", "ripple no more than 1 dB",
# "passband ripple (1 dB)": a figure in dB and the word ripple at most three words apart, either order.
_RIPPLE = re.compile(r"(?<![\w.])(\d+(?:\.\d+)?)\s*-?\s*db\b[\s-]*(?:(?:of|the|pass-?band|in-?band|equal)[\s-]+){0,3}"
                     r"ripple"
                     r"|ripple\b[\s:=(-]*(?:(?:of|is|at|about|around|no|more|than|max(?:imum)?|up|to|not|exceeding|"
                     r"under|below|within|only|just)\s+){0,4}(\d+(?:\.\d+)?)\s*-?\s*db\b", re.IGNORECASE)


# "40 dB per decade", "-60 dB/dec", "12 dB/octave": each pole adds 20 dB a decade (6 dB an octave) of roll-off
_SLOPE = re.compile(r"(?<![\d.])[-\u2212]?(?P<db>\d+(?:\.\d+)?)\s*-?\s*db\s*(?:/\s*|per\s+|an?\s+|each\s+)"
                    r"(?:(?P<dec>dec(?:ade)?\b)|oct(?:ave)?\b)", re.IGNORECASE)


def stated_order(text: str, default: int) -> int:
    m = _ORDER.search(text)
    if m:
        return int(m[1] or m[3]) if m[1] or m[3] else _ORDER_WORDS[m[2].lower()]
    slope = _SLOPE.search(text)
    order = float(slope["db"]) / (20 if slope["dec"] else 6.02) if slope else 0
    return round(order) if order >= 1 and abs(order - round(order)) < 0.1 else default


def _ripple(text: str) -> float:
    m = _RIPPLE.search(text)
    value = float(m[1] or m[2]) if m else 0.5
    return value if 0 < value < 3 else 0.5


def _roots(coefficients: list[float]) -> list[complex]:
    """A polynomial's roots (highest power first) by Durand-Kerner: enough for orders up to 6,
    and no numpy for the server to depend on."""
    n, lead = len(coefficients) - 1, coefficients[0]
    monic = [c / lead for c in coefficients]
    roots = [complex(0.4, 0.9) ** k for k in range(n)]
    for _ in range(500):
        previous = list(roots)
        for i in range(n):
            value = sum(c * roots[i] ** (n - j) for j, c in enumerate(monic))
            others = math.prod(roots[i] - roots[j] for j in range(n) if j != i)
            roots[i] -= value / others
        if max(abs(a - b) for a, b in zip(roots, previous)) < 1e-14:
            break
    return roots


def _polyval(coefficients: list[float], s: complex) -> complex:
    value = 0j
    for c in coefficients:
        value = value * s + c
    return value


def poles(response: str, order: int, ripple_db: float = 0.5, at_edge: bool = False) -> list[tuple[float, float]]:
    """(w, Q) of each section, w normalised so the whole response is 3 dB down at 1 rad/s
    (relative to its passband maximum), or a Chebyshev's ripple band ends there (`at_edge`);
    Q = 0 marks the real pole of an odd order."""
    theta = [(2 * k - 1) * math.pi / (2 * order) for k in range(1, order + 1)]
    if response == "butterworth":
        p = [complex(-math.sin(t), math.cos(t)) for t in theta]
    elif response == "chebyshev":
        eps = math.sqrt(10 ** (ripple_db / 10) - 1)
        a = math.asinh(1 / eps) / order
        # Poles for the ripple-band edge at 1; the -3 dB point lies cosh(acosh(1/eps)/n) above it.
        edge = 1.0 if at_edge else math.cosh(math.acosh(1 / eps) / order)
        p = [complex(-math.sinh(a) * math.sin(t), math.cosh(a) * math.cos(t)) / edge for t in theta]
    else:  # Bessel: roots of the reverse Bessel polynomial, then scaled to -3 dB at 1
        coefficients = [math.factorial(2 * order - j)
                        / (2 ** (order - j) * math.factorial(j) * math.factorial(order - j))
                        for j in range(order, -1, -1)]
        lo, hi = 0.01, 100.0
        for _ in range(80):
            mid = math.sqrt(lo * hi)
            gain = abs(coefficients[-1] / _polyval(coefficients, 1j * mid))
            lo, hi = (mid, hi) if gain > 1 / math.sqrt(2) else (lo, mid)
        p = [root / lo for root in _roots(coefficients)]
    sections = []
    for pole in sorted(p, key=lambda z: -abs(z.imag)):
        if pole.imag > 1e-9:
            sections.append((abs(pole), abs(pole) / (2 * -pole.real)))
        elif abs(pole.imag) <= 1e-9:
            sections.append((abs(pole), 0.0))
    return sorted(sections, key=lambda s: s[1])


def _section(i: int, node: str, out: str, f0: float, q: float, c: float, high: bool,
             r_said: float | None = None) -> list[str]:
    """One unity-gain Sallen-Key section from `node` to `out` at f0 and Q (Q = 0: a real pole, RC and a follower);
    `r_said`: a low-pass's resistors as the request states them ("with 10k resistors"), its capacitors from them."""
    if r_said and not high:
        c = 1 / (2 * math.pi * f0 * r_said * (2 * q if q else 1))
        if q == 0:
            return [f"R{i}1 {node} a{i} {format_eng(r_said)}", f"C{i}1 a{i} 0 {format_eng(c)}",
                    f"X{i} a{i} {out} {out} opamp"]
        return [f"R{i}1 {node} a{i} {format_eng(r_said)}", f"R{i}2 a{i} b{i} {format_eng(r_said)}",
                f"C{i}1 a{i} {out} {format_eng(4 * q * q * c)}", f"C{i}2 b{i} 0 {format_eng(c)}",
                f"X{i} b{i} {out} {out} opamp"]
    if q == 0:
        r = 1 / (2 * math.pi * f0 * c)
        rc = [f"C{i}1 {node} a{i} {format_eng(c)}", f"R{i}1 a{i} 0 {format_eng(r)}"] if high else \
            [f"R{i}1 {node} a{i} {format_eng(r)}", f"C{i}1 a{i} 0 {format_eng(c)}"]
        return rc + [f"X{i} a{i} {out} {out} opamp"]
    if high:  # equal C; R2 = 4 Q^2 R1 sets Q; f0 = 1/(2 pi C sqrt(R1 R2))
        r1 = 1 / (2 * math.pi * f0 * c * 2 * q)
        return [f"C{i}1 {node} a{i} {format_eng(c)}", f"C{i}2 a{i} b{i} {format_eng(c)}",
                f"R{i}1 a{i} {out} {format_eng(r1)}", f"R{i}2 b{i} 0 {format_eng(4 * q * q * r1)}",
                f"X{i} b{i} {out} {out} opamp"]
    # equal R; C1 = 4 Q^2 C2 sets Q; f0 = 1/(2 pi R sqrt(C1 C2))
    r = 1 / (2 * math.pi * f0 * c * 2 * q)
    return [f"R{i}1 {node} a{i} {format_eng(r)}", f"R{i}2 a{i} b{i} {format_eng(r)}",
            f"C{i}1 a{i} {out} {format_eng(4 * q * q * c)}", f"C{i}2 b{i} 0 {format_eng(c)}",
            f"X{i} b{i} {out} {out} opamp"]


def _cascade(f: _Filler, response: str, high: bool) -> str:
    order = stated_order(f.intent.description, 4)
    fc, c = design_target(f, 1e3), f.number("C", 10e-9)
    # (a low-pass's resistors stated, its capacitors not: equal-R sections of that R)
    r_said = parse_number(f("R", 0)) if "R" in f.intent.values and "C" not in f.intent.values and not high else None
    at_edge = response == "chebyshev" and bool(EDGE.search(f.intent.description))
    lines = [_opamp_block(f), _ac_source(f),
             f"* {response.title()} {'high' if high else 'low'}-pass, order {order} ({20 * order} dB per decade, "
             f"{6 * order} dB per octave)"
             + (f", {_ripple(f.intent.description):g} dB ripple" if response == "chebyshev" else "")
             + f": {'the ripple band ends' if at_edge else '-3 dB'} at {format_eng(fc)}Hz; "
               "unity-gain Sallen-Key sections (w0, Q) from the pole table."]
    gain = f.number("GAIN", 1) if "GAIN" in f.intent.values else 1.0
    if gain != 1:  # the passband gain the stage after the sections was computed for
        f.param("gain", f("GAIN", 1))
    node = "in"
    sections = poles(response, order, _ripple(f.intent.description), at_edge)
    lines[0] = fast_enough(lines[0], max((q * q * (fc / w if high else fc * w) for w, q in sections), default=0))
    for i, (w, q) in enumerate(sections, start=1):
        f0 = fc / w if high else fc * w
        out = ("out" if gain == 1 else "f") if i == (order + 1) // 2 else f"s{i}"
        lines.append(f"* section {i}: f0 = {format_eng(f0)}Hz, " + (f"Q = {q:.4g}" if q else "a real pole"))
        lines += _section(i, node, out, f0, q, c, high, r_said)
        node = out
    return "\n".join(lines + (gain_stage(node, gain) if gain != 1 else []))


def fast_enough(block: str, q2f0: float) -> str:
    """The behavioural op-amp with the gain-bandwidth a unity-gain Sallen-Key section of pole Q and f0 needs (its Q
    grows with f0 Q^2 / GBW: a 6th-order 2 dB Chebyshev's Q = 10 section at 14 kHz peaks 6 dB high on 1 MHz):
    GBW at least 50 Q^2 f0, in whole decades above the model's 1 MHz (its 10 Hz pole moved up)."""
    need = 50 * q2f0
    if need <= 1e6 or "Cpole p 0 15.9u" not in block:
        return block
    decades = math.ceil(math.log10(need / 1e6))
    gbw = f"{10 ** decades:g} MHz" if decades < 3 else f"{10 ** (decades - 3):g} GHz"
    return (block.replace("Cpole p 0 15.9u", f"Cpole p 0 {format_eng(15.9e-6 / 10 ** decades)}")
            .replace("10 Hz pole (1 MHz GBW)", f"{format_eng(10.0 * 10 ** decades)}Hz pole ({gbw} GBW, "
                                              "for the sections' Q)"))


def gain_stage(node: str, k: float) -> list[str]:
    """A stage after unity-gain sections for the passband gain K asked: non-inverting 1 + RG2/RG1 (K > 1), inverting
    -RG2/RG1 (K < 0), a divider (0 < K < 1); its input draws nothing from the last section's follower."""
    if k > 1:
        return ["RG1 gn 0 10k", f"RG2 out gn {format_eng(10e3 * (k - 1))}", f"XG {node} gn out opamp"]
    if k < 0:
        return [f"RG1 {node} gn 10k", f"RG2 gn out {format_eng(10e3 * -k)}", "XG 0 gn out opamp"]
    return [f"RG1 {node} out {format_eng(10e3 * (1 - k))}", f"RG2 out 0 {format_eng(10e3 * k)}"]


# "a 1 kHz passband edge", "ripple bandwidth 2 kHz": a Chebyshev's ripple band ends there (its -3 dB point lies
# beyond).
EDGE = re.compile(r"(?:pass-?band|ripple)[- ](?:edge|band(?:width)?\b|corner)", re.IGNORECASE)


def _cascade_function(f: _Filler, response: str) -> list:
    """Its -3 dB cutoff where the pole table put it, or a Chebyshev's ripple-band edge; a Butterworth's roll-off
    when the request states it ("40 dB per decade"): a decade past the corner |H| = 1/sqrt(1 + 10^(2n))."""
    edge = response == "chebyshev" and bool(EDGE.search(f.intent.description))
    checks = designed("edge" if edge else "cutoff")(f)
    fc = parse_number(f.params.get("design_freq", ""))
    if "GAIN" in f.intent.values and fc:  # its size a decade into the passband (an even Chebyshev's ripple below it)
        k, high = abs(used(f, "GAIN")), f.intent.kind.endswith("highpass")
        ripple = _ripple(f.intent.description) if response == "chebyshev" else 0.0
        checks.append(Spec(f"function: passband gain {k:g}", "gain_db", 20 * math.log10(k) - ripple / 2,
                           0.5 + ripple / 2, at=fc * 10 if high else fc / 10))
    if response == "chebyshev" and fc and _RIPPLE.search(f.intent.description) \
            and not f.intent.kind.endswith("highpass"):
        # The ripple asked: an even order's passband peaks that far above its DC gain, an odd order's DC gain is its
        # peak (the ripple's dips lie between), each within 0.3 dB. (A high-pass's far passband is the op-amps'
        # roll-off: no flat gain to measure the peak against.)
        order, ripple = stated_order(f.intent.description, 4), _ripple(f.intent.description)
        peak = ripple if order % 2 == 0 else 0.0
        checks.append(Probe(f"function: {ripple:g} dB ripple: the passband peaks {peak:g} dB above its DC gain",
                            f"ac dec 100 {fc / 1000:g} {fc * 10:g}\nlet g = vdb({{out}})-vdb({{inp}})\n"
                            f"meas ac gmax max g\nmeas ac flat find g at={fc / 100:g}\nlet result = gmax-flat",
                            peak - 0.3, peak + 0.3))
    if response == "butterworth" and fc and _SLOPE.search(f.intent.description):
        order = stated_order(f.intent.description, 4)
        high = f.intent.kind.endswith("highpass")
        far = fc / 10 if high else fc * 10
        db = -10 * math.log10(1 + 10 ** (2 * order))
        sweep = f"ac dec 50 {min(far, fc) / 10:g} {max(far, fc) * 10:g}"
        checks.append(Probe(f"function: {20 * order} dB per decade: {db:.3g} dB a decade past the corner",
                            f"{sweep}\nlet g = vdb({{out}})-vdb({{inp}})\nmeas ac result find g at={far:g}",
                            db - 2, db + 2))
    return checks


def _design_cutoff_parameter(intent, d, spec) -> None:
    """The cascade's parts follow from the cutoff: it is the one value designed (and trimmed); a passband gain
    asked is the stage's after the sections."""
    if spec.quantity == "gain":
        set_value(intent, d, "GAIN", abs(spec.target), "the passband gain asked (a stage after the sections)", None)
        if spec.target < 0 and "GAIN" in intent.values:  # inverting: the stage after the sections inverts
            intent.values["GAIN"] = dataclasses.replace(intent.values["GAIN"], value=spec.target,
                                                        text=f"{spec.target:g}")
        d.claimed.add("GAIN")
        return
    if spec.quantity == "cutoff" and intent.kind.startswith("chebyshev") and EDGE.search(intent.description):
        # "ripple bandwidth 2 kHz" read as a cutoff: the ripple band ends there (_cascade), never trimmed to -3 dB
        set_value(intent, d, "FREQ", spec.target, "the pole table scaled to the ripple band's edge", None)
        return
    set_value(intent, d, "FREQ", spec.target, "the pole table scaled to the -3 dB cutoff", None)
    d.free, d.scale = "FREQ", 1


_NOT_PASSIVE = r"^(?![\s\S]*\bpassive\b)|sallen|op[- ]?amp|\bactive\b"  # (a passive pole before an active section)
_CASCADE_NOTE = {"butterworth": "maximally flat", "bessel": "maximally flat delay",
                 "chebyshev": "equiripple passband; cutoff = the -3 dB point"}

for _rank, _response, _also in ((0.3, "butterworth", r"maximally[- ]flat(?! delay)"),
                                (0.4, "bessel", r"maximally[- ]flat delay|linear[- ]phase|thomson"),
                                (0.5, "chebyshev", r"tchebyshev|chebychev|equiripple")):
    _word = f"{_response}|{_also}"
    for _high, _pass in ((True, HIGHPASS), (False, LOWPASS)):
        _side = "high" if _high else "low"
        _label = f"{_response.title()} {_side}-pass filter"
        register(Family(
            kind=f"{_response}_{_side}pass", function=partial(_cascade_function, response=_response),
            summary=f"{_label}, orders two to six as a cascade of second-order sections ({_CASCADE_NOTE[_response]})",
            build=partial(_cascade, response=_response, high=_high),
            names=(_label, f"fourth-order {_label}", f"5th-order {_response.title()} {_side}-pass",
                   f"{_response.title()} {'HPF' if _high else 'LPF'}"),
            # Before the first catalog's Sallen-Key rules (ranks 8-10); a Butterworth without an order
            # of 3-6 after them, so "Butterworth Sallen-Key low-pass" stays that single section.
            # (a passive one, said so, is an LC filter's: "passive 2nd-order maximally flat low-pass")
            rules=((7 + _rank + (0 if _high else 0.05), (ORDER_3_6, _word, _pass, _NOT_PASSIVE)),
                   ((10 if _response == "butterworth" else 7.1) + _rank + (0 if _high else 0.05),
                    (_word, _pass, _NOT_PASSIVE)),
                   *(((10.9 + _rank, (_word, _NOT_PASSIVE)),) if not _high else ())),
            noun="filter", specs=("cutoff", "edge", "gain") if _response == "chebyshev" else ("cutoff", "gain"),
            design=_design_cutoff_parameter,
            examples=(("cutoff", f"{_label}, order {3 if _high else 5}, cutoff {{x}} Hz", 50, 10e3),
                      ("gain", f"{_label}, order 3, cutoff 1 kHz, passband gain of {{x}}", 1.5, 10),
                      *((("edge", f"{_label}, order 3, 1 dB ripple, a {{x}} Hz passband edge", 50, 10e3),)
                        if _response == "chebyshev" else ()))))


# --- the Linkwitz-Riley crossover --------------------------------------------------------------------

# "LR2", "LR-4", "LR24", "12 dB/octave", "second-order": the crossover's order (Linkwitz-Riley comes in even orders)
_LR_ORDER = re.compile(r"\blr-?(?P<n>[248])\b|\blr(?P<db>12|24|48)\b|\b(?P<slope>12|24|48)\s*db\s*(?:/|per\s+)oct",
                       re.IGNORECASE)


def crossover_order(text: str) -> int:
    """The Linkwitz-Riley order a request asks for: 2 or 4 (4 when it says none, or an order we do not build)."""
    m = _LR_ORDER.search(text)
    order = int(m["n"]) if m and m["n"] else int(m["db"] or m["slope"]) // 6 if m else stated_order(text, 4)
    return order if order in (2, 4) else 4


def _crossover(f: _Filler) -> str:
    """Linkwitz-Riley: each output the square of a Butterworth response at the crossover fc, so each is -6 dB there
    and the two sum flat. 4th order: two Butterworth sections (Q = 1/sqrt 2) per output, in phase. 2nd order: one
    section of Q = 1/2 per output; the two are then in quadrature-opposite phase, so the high-pass is inverted
    (an LR2's sum is flat only so). Low-pass at lp, high-pass at hp (each named short for what it carries, so
    "low-pass output lo, high-pass output hi" names them)."""
    fc, c = design_target(f, 1e3), f.number("C", 10e-9)
    order = crossover_order(f.intent.description)
    lines = [_opamp_block(f), _ac_source(f), f"* Linkwitz-Riley order-{order} crossover at {format_eng(fc)}Hz: "
             + ("two Butterworth sections per output" if order == 4 else "one Q = 1/2 section per output, "
                "the high-pass inverted")]
    if order == 4:
        chain = (("in", "l1", False), ("l1", "lp", False), ("in", "h1", True), ("h1", "hp", True))
        for i, (node, out, high) in enumerate(chain, start=1):
            lines += _section(i, node, out, fc, 1 / math.sqrt(2), c, high)
        return "\n".join(lines)
    lines += _section(1, "in", "lp", fc, 0.5, c, False) + _section(2, "in", "h1", fc, 0.5, c, True)
    return "\n".join(lines + ["R31 h1 n3 10k", "R32 n3 hp 10k", "X3 0 n3 hp opamp"])


def _crosses(f: _Filler) -> list:
    fc = used(f, "FREQ")
    order = crossover_order(f.intent.description)
    # three octaves above, |H| = 1/(1 + 8^n): 1/(1 + 64) = -36.3 dB for LR2, 1/(1 + 4096) = -72.2 dB for LR4
    floor = 20 * math.log10(1 / (1 + 8 ** order)) + 3
    return [Probe(f"function: the low-pass output is -6 dB at the crossover {format_eng(fc)}Hz",
                  f"ac lin 3 {fc * 0.999:g} {fc * 1.001:g}\nlet g = vdb({{out}})-vdb({{inp}})\n"
                  f"meas ac result find g at={fc:g}", -6.3, -5.7),
            Probe(f"function: the low-pass output falls {6 * order} dB per octave ({format_eng(8 * fc)}Hz at least "
                  f"{-floor:.0f} dB down)",
                  f"ac lin 3 {8 * fc * 0.999:g} {8 * fc * 1.001:g}\nlet g = vdb({{out}})-vdb({{inp}})\n"
                  f"meas ac result find g at={8 * fc:g}", -200, floor)]


register(Family(kind="linkwitz_riley_crossover", summary="Linkwitz-Riley active crossover, 2nd or 4th order (low-pass "
                "and high-pass outputs, each -6 dB at the crossover)", build=_crossover, function=_crosses,
                names=("Linkwitz-Riley crossover", "4th-order Linkwitz-Riley active crossover",
                       "LR4 crossover network"),
                # ("Linkwitz-Riley 4th order", "a 2nd-order Linkwitz-Riley": its order, the family's to build)
                rules=((6.5, (r"(?:\b(?:2nd|4th|second|fourth)[- ]order\s+)?linkwitz(?:[- ]riley)?"
                              r"(?:[\s,]+(?:2nd|4th|second|fourth)[- ]order)?|\blr-?[24]\b|\blr(?:12|24)\b",)),),
                noun="filter", output="lp", ports=(("output", ("lp", "hp")),),
                accepts=r"(?:(?:active|audio|two-way)\s+)*crossover(?:\s+(?:filter|network))?|"
                        r"linkwitz[- ]riley(?:\s+\w+-order)?|4th-order|fourth-order|2nd-order|second[- ]order",
                specs=("cutoff",), design=_design_cutoff_parameter,
                examples=(("cutoff", "Linkwitz-Riley crossover, low-pass cutoff {x} Hz", 100, 10e3),)))


# --- the passive LC ladder ---------------------------------------------------------------------------

# "the source drives bwi directly (zero output impedance)": a ladder terminated at its load only
_ZERO_SOURCE = re.compile(r"\bzero[- ](?:output\s+|source\s+)?(?:impedance|resistance|ohms?)\b|\bsingly[- ]terminated\b"
                          r"|\bno\s+source\s+(?:resistance|impedance)\b|\bdrives?\s+(?:node\s+)?\w+\s+directly\b",
                          re.IGNORECASE)


def _singly_terminated(n: int) -> list[float]:
    """The Butterworth prototype's g_1..g_n of a ladder terminated at its load alone (g_1 next to the load)."""
    a = [math.sin((2 * k - 1) * math.pi / (2 * n)) for k in range(1, n + 1)]
    g = [a[0]]
    for k in range(1, n):
        g.append(a[k - 1] * a[k] / (math.cos(k * math.pi / (2 * n)) ** 2 * g[-1]))
    return g


def _lc_ladder(f: _Filler, high: bool = False) -> str:
    # (a second-order one only where its terminations are said, "50 ohm source and 50 ohm load": a plain "second-order
    # RLC low-pass from in to out" is the unterminated series RLC, whose passband is not halved)
    lowest = 2 if re.search(r"\b(?:source|load|system|terminat\w*)\b", f.intent.description, re.IGNORECASE) \
        and re.search(r"\d\s*(?:ohms?\b|Ω|Ω)", f.intent.description, re.IGNORECASE) else 3
    order = min(max(stated_order(f.intent.description, 3), lowest), 5)
    fc, r0 = design_target(f, 1e6), f.number("R", 50, "RL", "RS")
    w = 2 * math.pi * fc
    single = bool(_ZERO_SOURCE.search(f.intent.description))
    # The high-pass is the low-pass prototype with each C turned into an L and each L into a C (s -> w^2/s).
    lines = [f"* {'Singly (load only)' if single else 'Doubly'} terminated Butterworth "
             f"{'high' if high else 'low'}-pass ladder, order {order}, R0 = {format_eng(r0)}ohm: "
             + ("g_1 = sin(pi/(2n)), g_k g_k+1 = sin((2k-1) pi/(2n)) sin((2k+1) pi/(2n))/cos^2(k pi/(2n)) from the "
                "load, " if single else "g_k = 2 sin((2k-1) pi/(2n)), ")
             + ("L = R0/(2 pi fc g), C = 1/(2 pi fc g R0)." if high else "C = g/(2 pi fc R0), L = g R0/(2 pi fc)."),
             _ac_source(f)] + ([] if single else [f"R1 in n0 {format_eng(r0)}"])
    node = "in" if single else "n0"
    # (driven by a source of no impedance, the element at the source is a series one: the shunt elements are the
    # even ones, the values those of the singly terminated table from the load back)
    values = _singly_terminated(order)[::-1] if single else \
        [2 * math.sin((2 * k - 1) * math.pi / (2 * order)) for k in range(1, order + 1)]
    for k, g in enumerate(values, 1):
        if k % 2 != single:  # the shunt element
            lines.append(f"L{k} {node} 0 {format_eng(r0 / (w * g))}" if high
                         else f"C{k} {node} 0 {format_eng(g / (w * r0))}")
        else:  # the series element
            nxt = "out" if k + 1 == order or k == order else f"n{k}"
            lines.append(f"C{k} {node} {nxt} {format_eng(1 / (w * g * r0))}" if high
                         else f"L{k} {node} {nxt} {format_eng(g * r0 / w)}")
            node = nxt
    return "\n".join(lines + [f"R2 {node} 0 {format_eng(r0)}"])


register(Family(kind="lc_ladder_lowpass",
                summary="passive LC ladder low-pass filter (Butterworth, orders two to five)",
                function=designed("cutoff"),
                build=_lc_ladder,
                names=("LC ladder low-pass filter", "passive Butterworth LC ladder filter",
                       "fifth-order LC ladder filter", "doubly terminated LC ladder"),
                rules=((0.1, (word("ladder") + r"\b",
                              word("lc") + r"\b|passive|inductor|butterworth|low[- ]?pass|filter")),
                       # (a Butterworth speaker crossover, or its woofer half, is the crossover's: breadth.py)
                       # (nor a passive pole before an active section: "passive RC pole plus a Sallen-Key section")
                       (0.2, (word("lc") + r"\b|passive|inductor", r"butterworth",
                              r"^(?![\s\S]*(?:\bcross[- ]?over\b|\bwoofer|\btweeter|sallen|op[- ]?amp|\bactive\b))")),
                       # "a C-L-C pi low-pass", "pi network, 50 ohm": the ladder by its shape
                       (0.21, (r"\bpi[- ](?:network|filter|section|low[- ]?pass)|\bc-l-c\b|\bl-c-l\b|\bclc\b",
                               r"butterworth|low[- ]?pass|filter|cut-?off|corner"))),
                noun="filter", accepts=ORDER_3_6 + "|" + LOWPASS + r"|(?:c-l-c\s+|clc\s+)?pi\s+(?:network|section)|"
                + _ZERO_SOURCE.pattern,
                specs=("cutoff",), design=_design_cutoff_parameter,
                examples=(("cutoff", "passive LC ladder low-pass filter, order 5, cutoff {x} Hz", 1e3, 10e6),)))
register(Family(kind="lc_ladder_highpass",
                summary="passive LC ladder high-pass filter (Butterworth, orders two to five)",
                function=designed("cutoff"),
                build=partial(_lc_ladder, high=True),
                names=("LC ladder high-pass filter", "passive Butterworth LC high-pass ladder",
                       "third-order LC high-pass filter", "doubly terminated LC high-pass ladder"),
                # before the low-pass ladder's rules (0.1, 0.2): the same words with a high-pass
                rules=((0.09, (word("ladder") + r"\b", word("lc") + r"\b|passive|inductor|butterworth|filter",
                               HIGHPASS)),
                       # (a speaker crossover's tweeter half is the crossover's: breadth.py)
                       (0.19, (word("lc") + r"\b|passive|inductor", r"butterworth", HIGHPASS,
                               r"^(?![\s\S]*(?:\bcross[- ]?over\b|\btweeter))")),
                       # ("feed the tweeter ... passive, Butterworth": a tweeter's own feed, no crossover's half)
                       (0.191, (r"\btweeter", word("lc") + r"\b|passive|inductor", r"butterworth",
                                r"^(?![\s\S]*\bcross[- ]?over\b)")),
                       (0.195, (word("lc") + r"\b|inductors?\b", ORDER_3_6, HIGHPASS))),
                noun="filter", accepts=ORDER_3_6 + "|" + HIGHPASS + "|" + _ZERO_SOURCE.pattern,
                specs=("cutoff",), design=_design_cutoff_parameter,
                examples=(("cutoff", "passive LC ladder high-pass filter, order 3, cutoff {x} Hz", 1e3, 10e6),)))


# --- the passive RC ladder ---------------------------------------------------------------------------

# "two-section", "3 RC sections", "a three-stage RC ladder", "sections: 4"; else the order ("second-order RC")
_SECTIONS = re.compile(r"\b(two|three|four|five|six|[2-6])[- ](?:[\w-]+\s+){0,3}?(?:sections?|stages?|poles?)\b"
                       r"|\b(?:sections?|stages?)\s*(?:of\s+|:\s*|=\s*)?([2-6])\b", re.IGNORECASE)


def rc_sections(text: str) -> int:
    """How many R-C sections the request's ladder has (two unless it says)."""
    m = _SECTIONS.search(text)
    if m is None:
        return stated_order(text, 2)
    figure = (m[1] or m[2]).lower()
    return {"two": 2, "three": 3, "four": 4, "five": 5, "six": 6}.get(figure) or int(figure)


def ladder_gain(resistors: list[float], capacitors: list[float], f: float, high: bool = False) -> float:
    """|v(out)/v(in)| of an unloaded ladder of R-C sections at f (a low-pass: series R, shunt C; a high-pass:
    series C, shunt R): the chain (ABCD) matrices of the sections multiplied, the gain 1/A of an open output."""
    s = 2j * math.pi * f
    a, b, c, d = 1 + 0j, 0j, 0j, 1 + 0j
    for r, cap in zip(resistors, capacitors):
        z, y = (1 / (s * cap), 1 / r) if high else (r, s * cap)
        a, b, c, d = a, a * z + b, c, c * z + d  # the series element: [[1, Z], [0, 1]] on the right
        a, b, c, d = a + b * y, b, c + d * y, d  # the shunt one: [[1, 0], [Y, 1]]
    return 1 / abs(a)


def ladder_corner(resistors: list[float], capacitors: list[float], high: bool = False) -> float:
    """The ladder's -3 dB frequency (its passband gain is 1): bisection on a log scale, the gain rising
    (high-pass) or falling (low-pass) through 1/sqrt(2) between a decade below the lowest section corner and a
    decade above the highest."""
    corners = [1 / (2 * math.pi * r * c) for r, c in zip(resistors, capacitors)]
    low, top = min(corners) / 1e3, max(corners) * 1e3
    for _ in range(100):
        mid = math.sqrt(low * top)
        passing = ladder_gain(resistors, capacitors, mid, high) > 1 / math.sqrt(2)
        low, top = (low, mid) if passing == high else (mid, top)
    return math.sqrt(low * top)


def _rc_ladder_eq(f0, get, sections: int = 2, high: bool = False):
    # Equal sections: the corner is x_n/(2 pi R C), x_n from the ladder itself (a low-pass: 0.374 for two, 0.194
    # for three; a high-pass 1/x of those); C 10 nF unless given, R from it (or C from a given R).
    x = ladder_corner([1.0] * sections, [1.0] * sections, high) * 2 * math.pi
    r, c = get("R", 0.0), get("C", 0.0)
    if r and not c:
        return {"R": r, "C": x / (2 * math.pi * f0 * r)}
    c = c or 10e-9
    return {"R": r or x / (2 * math.pi * f0 * c), "C": c}


def _rc_ladder(f: _Filler, high: bool = False) -> str:
    n = rc_sections(f.intent.description)
    v = part_values(f, partial(_rc_ladder_eq, sections=n, high=high), 1e3)
    if "FREQ" not in f.intent.values:  # (designed for a corner said otherwise, "3 dB down at 500 Hz", or none)
        f.params.pop("design_freq", None)
    lines, node = [_ac_source(f)], "in"
    for k in range(1, n + 1):  # each section a series part, then a shunt one; unbuffered: each loads the last
        nxt = "out" if k == n else f"n{k}"
        r, c = f(f"R{k}", v["R"], "R"), f(f"C{k}", v["C"], "C")
        lines += [f"C{k} {node} {nxt} {c}", f"R{k} {nxt} 0 {r}"] if high else \
            [f"R{k} {node} {nxt} {r}", f"C{k} {nxt} 0 {c}"]
        node = nxt
    return "\n".join(lines)


def _ladder_function(f: _Filler, high: bool = False) -> list:
    n = rc_sections(f.intent.description)
    rs = [used(f, f"R{k}", "R") for k in range(1, n + 1)]
    cs = [used(f, f"C{k}", "C") for k in range(1, n + 1)]
    return [expect("cutoff", ladder_corner(rs, cs, high), 0.05)]


def _design_rc_ladder(intent, d, spec, high: bool = False) -> None:
    n = rc_sections(intent.description)
    # (the first section's stated part stands for every section's: "4.7k from rci to rcm, ..., work out C")
    designer(partial(_rc_ladder_eq, sections=n, high=high), f"fc = x_{n}/(2 pi R C), the {n}-section ladder's corner",
             ("R", "C"), scale=1 if high else -1, aliases={"R": ("R1",), "C": ("C1",)})(intent, d, spec)


# "two-section", "cascaded", "multi-stage": a ladder of RC sections (an amplifier, oscillator or converter with
# RC sections is not one; nor a band-pass)
_RC_LADDER = (rf"{word('rc')}\b|\br-c\b|resistor[- ]capacitor",
              r"ladder|cascad|multi[- ]?(?:section|stage)|(?:two|three|four|five|six|[2-6])[- ]"
              r"(?:[\w-]+\s+){0,3}?(?:sections?|stages?)",
              r"^(?!.*(?:amplif|oscillat|coupled|band[- ]?pass|dac\b|converter))")
for _high, _side, _pass, _other in ((False, "low", LOWPASS, HIGHPASS), (True, "high", HIGHPASS, LOWPASS)):
    register(Family(kind=f"rc_ladder_{_side}pass",
                    summary=f"passive RC ladder {_side}-pass (two to six equal R-C sections, unbuffered)",
                    function=partial(_ladder_function, high=_high), build=partial(_rc_ladder, high=_high),
                    names=(f"RC ladder {_side}-pass filter", f"two-section RC {_side}-pass ladder",
                           f"cascaded RC {_side}-pass sections", f"multi-section passive RC {_side}-pass filter"),
                    # before the LC ladders (0.09-0.2): an RC ladder has no inductor; a low-pass unless it says high
                    rules=((0.05 if _high else 0.06, (*_RC_LADDER, _pass) if _high
                            else (*_RC_LADDER, r"^(?!.*(?:" + _other + "))")),),
                    noun="filter", accepts=_pass + r"|sections?|ladder",
                    specs=("cutoff",), design=partial(_design_rc_ladder, high=_high),
                    examples=((("cutoff", f"two-section RC ladder {_side}-pass filter, cutoff {{x}} Hz", 20, 50e3),
                               ("cutoff", f"three-section passive RC ladder {_side}-pass with 10 nF capacitors, "
                                          "corner {x} Hz", 20, 20e3)))))


# --- the LC trap (parallel LC in series with the signal) --------------------------------------------------

def _trap_eq(f0, get):
    # f0 = 1/(2 pi sqrt(L C)): the part not given from the one given; neither: sqrt(L/C) = the load, so the
    # trap's reactances equal RL an octave or so either side of f0.
    w, ind, c = 2 * math.pi * f0, get("L", 0.0), get("C", 0.0)
    if c and not ind:
        ind = 1 / (w * w * c)
    elif ind and not c:
        c = 1 / (w * w * ind)
    elif not (ind or c):
        ind, c = get("RL", 1e3) / w, 1 / (get("RL", 1e3) * w)
    return {"L": ind, "C": c}


def _design_trap(intent, d, spec) -> None:
    """L or C for the notch, unrounded (4 figures): the null is narrow, an E24 step (±2 %) would miss it."""
    def get(role: str, default: float) -> float:
        value = given(intent, role)
        return default if value is None else value
    for role, exact in _trap_eq(spec.target, get).items():
        if role not in intent.values:
            set_value(intent, d, role, exact, "f0 = 1/(2 pi sqrt(L C))", None)
    if "C" in d.designed:
        d.free, d.scale = "C", -2


def _trap(f: _Filler) -> str:
    v = part_values(f, _trap_eq, 1e3)
    # L1 || C1 between in and out: at f0 the pair's impedance is (ideally) infinite, so RL's voltage nulls;
    # far from f0 one reactance is small and the signal passes.
    return "\n".join([_ac_source(f), f"L1 in out {f('L1', v['L'], 'L')}", f"C1 in out {f('C1', v['C'], 'C')}",
                      f"R1 out 0 {f('RL', 1e3, 'R')}"])


def _traps(f: _Filler) -> list:
    return [expect("notch", 1 / (2 * math.pi * math.sqrt(used(f, "L1", "L") * used(f, "C1", "C"))), 0.05)]


register(Family(kind="lc_trap_notch", summary="LC trap notch (parallel LC in series with the signal, into a load)",
                function=_traps, build=_trap,
                names=("LC trap notch filter", "parallel LC trap in series with the signal",
                       "series wave trap (parallel resonant)", "parallel-resonant trap notch"),
                # before the tank (4.97) and the RLC notch (30); a series LC trap to ground is the RLC notch
                rules=((4.965, (word("trap") + r"s?\b|parallel[- ](?:lc|rlc)\b|" + word("tank") + r"s?\b|"
                                r"parallel[- ]resonan", r"notch|band[- ]?stop|band[- ]reject|" + word("trap") + r"s?\b",
                                r"^(?!.*(?:series[- ](?:l-?c|r-?l-?c|resonan)|shunt))")),),
                noun="filter", accepts=r"notch(?:\s+filter)?|\btraps?\b|(?:parallel\s+)?(?:lc\s+)?\btank\b",
                specs=("notch", "gain_db"), design=rejecting(_design_trap),
                examples=(("notch", "LC trap notch (parallel LC in series with the signal) at {x} Hz, 10 mH",
                           200, 50e3),
                          ("gain_db", "LC trap notch, 10 mH, at least {x} dB down at 21 kHz", 20, 30))))


# --- the passive Wien band-pass ------------------------------------------------------------------------

def _wien_eq(f0, get):
    # f0 = 1/(2 pi R C) with equal arms: C from a given R (or R from a given C), else 10k.
    r, c = get("R", 0.0), get("C", 0.0)
    if c and not r:
        r = 1 / (2 * math.pi * f0 * c)
    elif not c:
        r = r or 10e3
        c = 1 / (2 * math.pi * f0 * r)
    return {"R": r, "C": c}


def _wien_bandpass(f: _Filler) -> str:
    v = part_values(f, _wien_eq, 1e3)
    f.asked.update(R=v["R"], C=v["C"])  # the defaults used are the designed values (the equations asked with 0)
    # R1-C1 in series from in to out, R2 || C2 from out to ground: the phase is zero and the gain 1/3 (equal arms)
    # at f0 = 1/(2 pi sqrt(R1 R2 C1 C2)).
    r, c = f("R", v["R"], "R1"), f("C", v["C"], "C1")
    return "\n".join([_ac_source(f), f"R1 in a {r}", f"C1 a out {c}", f"R2 out 0 {f('R2', v['R'], 'R')}",
                      f"C2 out 0 {f('C2', v['C'], 'C')}"])


def _wien_passes(f: _Filler) -> list:
    r1, r2, c1, c2 = used(f, "R", "R1"), used(f, "R2", "R"), used(f, "C", "C1"), used(f, "C2", "C")
    f0 = 1 / (2 * math.pi * math.sqrt(r1 * r2 * c1 * c2))
    peak = 1 / (1 + r1 / r2 + c2 / c1)
    return [Probe(f"function: zero phase at 1/(2 pi sqrt(R1 R2 C1 C2)) = {format_eng(f0)}Hz (within 3 %)",
                  f"ac dec 200 {f0 / 100:g} {f0 * 100:g}\nmeas ac result when vp({{out}})=0", 0.97 * f0, 1.03 * f0),
            Probe(f"function: the gain there is 1/(1 + R1/R2 + C2/C1) = {peak:.3g}",
                  f"ac lin 1 {f0:g} {f0:g}\nlet result = vm({{out}})/vm({{inp}})", 0.97 * peak, 1.03 * peak)]


register(Family(kind="wien_bandpass", summary="passive Wien band-pass network (series RC, then parallel RC to ground)",
                build=_wien_bandpass, function=_wien_passes,
                names=("passive Wien band-pass", "Wien network band-pass filter", "Wien bridge band-pass network",
                       "passive Wien bandpass filter"),
                # before the Wien-bridge oscillator (rank 2): a Wien network asked for as a filter, not an oscillator
                rules=((1.95, (r"wien", BANDPASS + r"|passive|network|filter", r"^(?!.*oscillat)")),),
                noun="filter", accepts=r"(?:passive\s+)?wien(?:[- ]bridge)?(?:\s+network)?",
                specs=("center",), design=designer(_wien_eq, "f0 = 1/(2 pi R C)", "C"),
                examples=(("center", "passive Wien band-pass centred on {x} Hz", 100, 50e3),)))


# --- a wide band-pass: a Butterworth high-pass, then a Butterworth low-pass -----------------------------

def _band_cascade(f: _Filler) -> str:
    low, high = _band_edges(f) or (300.0, 3.4e3)
    order, c = max(1, min(stated_order(f.intent.description, 2), 6)), f.number("C", 10e-9)
    lines = [_opamp_block(f), _ac_source(f),
             f"* Butterworth high-pass (order {order}, -3 dB at {format_eng(low)}Hz), then Butterworth low-pass "
             f"(order {order}, -3 dB at {format_eng(high)}Hz): unity-gain Sallen-Key sections"]
    sections = [(fc / w if is_high else fc * w, q, is_high) for fc, is_high in ((low, True), (high, False))
                for w, q in poles("butterworth", order)]
    node = "in"
    for i, (f0, q, is_high) in enumerate(sections, start=1):
        out = "out" if i == len(sections) else f"s{i}"
        lines += _section(i, node, out, f0, q, c, is_high)
        node = out
    freq = f.intent.values.get("FREQ")  # the edge the reader took as the frequency, written as stated
    f.param("flow", f("FREQ", low) if freq and freq.value == low else format_eng(low))
    f.param("fhigh", f("FREQ", high) if freq and freq.value == high else format_eng(high))
    return "\n".join(lines)


def _band_cascade_passes(f: _Filler) -> list:
    low, high = (parse_number(f.params[k]) or 0.0 for k in ("flow", "fhigh"))
    middle = math.sqrt(low * high)
    gain = "\nlet g = vdb({out})-vdb({inp})\nmeas ac result find g at="
    sweep = f"ac dec 50 {low / 10:g} {high * 10:g}"
    checks = [Probe(f"function: about 0 dB mid-band ({format_eng(middle)}Hz)", f"{sweep}{gain}{middle:g}", -1, 0.3)]
    if high > 8 * low:  # the sections far enough apart that each edge is its own -3 dB point
        checks += [Probe(f"function: -3 dB at the {format_eng(edge)}Hz edge (within 1 dB)", f"{sweep}{gain}{edge:g}",
                         -4.1, -2.0) for edge in (low, high)]
    return checks


register(Family(kind="butterworth_band_cascade",
                summary="wide band-pass: a Butterworth high-pass, then a Butterworth low-pass (Sallen-Key sections)",
                build=_band_cascade, function=_band_cascade_passes,
                names=("Butterworth high-pass followed by a Butterworth low-pass", "telephone voice band filter",
                       "speech band-pass filter (high-pass and low-pass cascade)",
                       "active band-pass from a Sallen-Key high-pass and low-pass"),
                # before the single Sallen-Key band-pass (4.5), the active high-/low-pass sections (8) and the
                # Butterworth cascades (10.3): both sides named, with active (or Butterworth) sections
                # (a crossover's two outputs are no band-pass: its own family)
                rules=((4.4, (HIGHPASS, LOWPASS, r"butterworth|sallen|active|op[- ]?amp|follower|unity[- ]gain",
                              # (a state-variable or biquad filter's outputs are its own family's; sections said
                              # to be RC ones, "an RC high-pass, then a unity buffer, then an RC low-pass", are the
                              # first-order RC band-pass's)
                              r"^(?!.*(?:\bpassive\b|crossover|linkwitz|\blr4?\b|state[- ]variable|\bkhn\b|biquad|"
                              rf"tow[- ]thomas|{word('rc')}\s+(?:high|low)[- ]?pass))")),
                       (4.45, (r"(?:telephone|voice|speech)[- ]band|telephone\s+(?:voice\s+)?band",
                               rf"^(?!.*(?:\bpassive\b|{word('rc')}\s+(?:high|low)[- ]?pass))"))),
                noun="filter",
                accepts=r"(?:(?:\d|second|third|fourth|2nd|3rd|4th|two|three|four)\w*[- ](?:order|pole)\s+)?"
                        r"(?:butterworth\s+)?(?:high|low)[- ]?pass(?:\s+(?:section|stage|filter))?|butterworth|"
                        r"(?:\d|second|third|fourth|2nd|3rd|4th|two|three|four)\w*[- ](?:order|pole)"))


# --- first-order active low- and high-pass: one RC corner and an op-amp gain ---------------------------------------

# "first-order active high-pass", "single-pole op-amp low-pass", "an RC high-pass at 50 Hz feeding a non-inverting
# op-amp": one corner, then (or around) the gain stage
_FIRST_ORDER = (r"(?:first|1st|one|single)[- ](?:order|pole)|\brc\s+(?:high|low)[- ]?pass\b[^.;]{0,60}?"
                r"(?:feeding|followed\s+by|into|then|driving)\s+(?:an?\s+|the\s+)?"
                r"(?:non[- ]?inverting|op[- ]?amp|follower|buffer|amplifier)")
# a second or higher order, a named response or topology: not the one-corner inverting filter
_HIGHER_ORDER = (r"sallen|biquad|butterworth|bessel|chebyshev|maximally[- ]flat|\bq\s*(?:=|of|is)\s*\d"
                 r"|(?:second|third|fourth|fifth|sixth|2nd|3rd|[2-6]th|two|three|four|[2-6])[- ](?:order|pole)"
                 r"|(?:[4-9]\d|1[0-2]\d)\s*db\s*(?:/|per\s+)dec|(?:1[2-9]|[2-4]\d)\s*db\s*(?:/|per\s+)oct")
_INVERTING_STAGE = re.compile(r"(?<!non-)(?<!non)(?<!non )\binverting\b|\bgain\s+(?:of\s+)?[-\u2212]\s*\d",
                              re.IGNORECASE)


def _stage_gain(f: _Filler) -> float:
    """The stage's gain as a size: "a gain of -4.7", "20 dB passband gain", "DC gain 26 dB" (unity unless said)."""
    said = next((s.target if s.quantity == "gain" else 10 ** (s.target / 20)
                 for s in read_request(f.intent.description).specs
                 if s.quantity in ("gain", "gain_db", "dc_gain_db") and s.target and s.at is None), None)
    return abs(f.number("GAIN", said or 1.0) if "GAIN" in f.intent.values else said or 1.0)


def _first_order_parts(f: _Filler, high: bool) -> tuple[float, float, float, float, bool]:
    """(corner, |gain|, R, C, inverting): the corner RC (C as stated or 10 nF, R = 1/(2 pi fc C); a stated R with no
    stated C sets C instead) and the stage's gain."""
    fc = f.number("FREQ", 1e3)
    gain = _stage_gain(f)
    c_stated = next((f.given(r, 0) for r in ("C", "C1", "CIN", "CF") if r in f.intent.values), None)
    r_stated = next((f.given(r, 0) for r in ("R", "R1", "RIN") if r in f.intent.values), None)
    if c_stated is None and r_stated is not None:
        r, c = r_stated.value, 1 / (2 * math.pi * fc * r_stated.value)
    else:
        c = c_stated.value if c_stated is not None else 10e-9
        r = 1 / (2 * math.pi * fc * c)
    return fc, gain, r, c, bool(_INVERTING_STAGE.search(f.intent.description))


def _first_order(f: _Filler, high: bool) -> str:
    fc, gain, r, c, inverting = _first_order_parts(f, high)
    f.param("fc", f("FREQ", fc))  # the corner the parts were sized for
    rs, cs = format_eng(float(f"{r:.4g}")), format_eng(float(f"{c:.4g}"))
    if inverting:
        # High-pass: C1 in series with R1 into the summing node, RF = |G| R1 (corner 1/(2 pi R1 C1)); low-pass: RF
        # with C1 across it, RF = 1/(2 pi fc C1), R1 = RF/|G|.
        if high:
            body = [f"C1 in a {cs}", f"R1 a inn {rs}", f"R2 inn out {f('RF', float(f'{gain * r:.4g}'))}"]
        elif (stated := next((f.given(role, 0) for role in ("RIN", "R1") if role in f.intent.values), None)) \
                and not any(role in f.intent.values for role in ("C", "C1", "CIN", "CF")):
            # ("input resistor 10k": R1 as stated, RF = |G| R1, C1 across RF for the corner)
            rf = gain * stated.value
            body = [f"R1 in inn {format_eng(stated.value)}", f"R2 inn out {format_eng(float(f'{rf:.4g}'))}",
                    f"C1 inn out {format_eng(float(f'{1 / (2 * math.pi * fc * rf):.4g}'))}"]
        else:
            body = [f"R1 in inn {format_eng(float(f'{r / gain:.4g}'))}", f"R2 inn out {rs}", f"C1 inn out {cs}"]
        return "\n".join([_opamp_block(f, unbounded=high), _ac_source(f), *body, "X1 0 inn out opamp"])
    # The RC corner on the + input, then a non-inverting gain 1 + R4/R3 (a follower at unity).
    corner = [f"C1 in p {cs}", f"R1 p 0 {rs}"] if high else [f"R1 in p {rs}", f"C1 p 0 {cs}"]
    stage = ["X1 p out out opamp"] if gain == 1 else \
        ["X1 p inn out opamp", "R3 inn 0 10k", f"R4 out inn {format_eng(float(f'{(gain - 1) * 10e3:.4g}'))}"]
    return "\n".join([_opamp_block(f, unbounded=high), _ac_source(f), *corner, *stage])


def _first_order_response(high: bool):
    def function(f: _Filler) -> list:
        fc, gain, *_ = _first_order_parts(f, high)
        flat, db = fc * 20 if high else fc / 20, 20 * math.log10(gain)
        sweep = f"ac dec 100 {fc / 100:g} {fc * 100:g}\nlet g = vdb({{out}})-vdb({{inp}})\n"
        return [Probe(f"function: passband gain {db:.3g} dB", f"{sweep}meas ac result find g at={flat:g}",
                      db - 0.5, db + 0.5),
                Probe(f"function: -3 dB corner at {format_eng(fc)}Hz",
                      f"{sweep}meas ac result when g={db - 3 + 20 * math.log10(1.00125):g}", 0.95 * fc, 1.05 * fc)]
    return function


def _design_first_order(intent, d, spec) -> None:
    """The corner is the spec's: the builder sizes R (or C) from it."""
    if "FREQ" not in intent.values or not math.isclose(intent.values["FREQ"].value, spec.target):
        intent.values["FREQ"] = Value("FREQ", spec.target, f"{spec.target:g}", "Hz")


for _high in (False, True):
    _side = "high" if _high else "low"
    register(Family(kind=f"first_order_active_{_side}pass", summary=f"first-order active {_side}-pass filter (one RC "
                    "corner with an op-amp gain stage)", build=partial(_first_order, high=_high),
                    function=_first_order_response(_high),
                    names=(f"first-order active {_side}-pass filter", f"single-pole op-amp {_side}-pass filter",
                           f"first-order op-amp {_side}-pass filter"),
                    rules=((7.5, (_FIRST_ORDER, HIGHPASS if _high else LOWPASS,
                                  r"active|op[- ]?amp|operational|inverting|follower|buffer")),
                           # "inverting op-amp high-pass, 20 dB gain": the textbook inverting filter is one RC
                           # corner around the inverting stage (a second-order inverting filter is MFB, 4.1)
                           (7.55, (_INVERTING_STAGE.pattern, HIGHPASS if _high else LOWPASS,
                                   r"active|op[- ]?amp|operational", rf"^(?!.*(?:{_HIGHER_ORDER}))"))),
                    noun="filter", accepts=r"(?:high|low)[- ]?pass|amplifiers?|stages?", specs=("cutoff",),
                    design=_design_first_order,
                    examples=(("cutoff", f"first-order active {_side}-pass filter with a {{x}} Hz corner", 20, 2e4),)))


# --- one op-amp, two first-order corners: the band-limited inverting amplifier ------------------------------------

def _inverting_response(r1: float, c1: float, r2: float, c2: float, hz: float) -> complex:
    """v(out)/v(in) of the inverting stage Z1 = R1 + 1/sC1, Z2 = R2 || 1/sC2 around OPAMP (100 dB, 10 Hz pole)."""
    s = 2j * math.pi * hz
    z1, z2, a = r1 + 1 / (s * c1), 1 / (1 / r2 + s * c2), 1e5 / (1 + s / (2 * math.pi * 10))
    return -z2 / z1 / (1 + (1 + z2 / z1) / a)


def _band_amplifier_parts(f: _Filler) -> tuple[float, float, float, float, float, float, float]:
    """(low edge, high edge, |gain|, R1, C1, R2, C2): gain = R2/R1 in the band, its low -3 dB point C1 in series with
    R1 (fL = 1/(2 pi R1 C1)), its high one C2 across R2: the C2 that, with the op-amp's own closed-loop roll-off,
    leaves gain/sqrt(2) at fH (1/(2 pi R2 fH) when the op-amp alone is past it)."""
    low, high = _band_edges(f) or (100.0, 10e3)
    gain = _stage_gain(f)
    r1 = f.number("RIN", 10e3, "R1", "R")
    r2, c1 = gain * r1, 1 / (2 * math.pi * r1 * low)
    lo, hi = 0.0, 1 / (2 * math.pi * r2 * high)  # |H(fH)| falls as C2 grows: bisect between none and the RC's own
    for _ in range(60):
        mid = (lo + hi) / 2
        lo, hi = (mid, hi) if abs(_inverting_response(r1, c1, r2, mid, high)) > gain / math.sqrt(2) else (lo, mid)
    return low, high, gain, r1, c1, r2, hi


def _band_amplifier(f: _Filler) -> str:
    low, high, gain, r1, c1, r2, c2 = _band_amplifier_parts(f)
    freq = f.intent.values.get("FREQ")  # the edge the reader took as the frequency, written as stated
    f.param("flow", f("FREQ", low) if freq and freq.value == low else format_eng(low))
    f.param("fhigh", f("FREQ", high) if freq and freq.value == high else format_eng(high))
    # "two values for FREQ (100 Hz and 5 kHz)": the two edges, each placed
    f.intent.warnings[:] = [w for w in f.intent.warnings if not (w.startswith("two values for FREQ") and {
        parse_number(x.replace(" ", "")) for x in re.findall(r"[\d.]+\s*[kM]?Hz", w)} == {low, high})]
    r1s = f("RIN", r1, "R1", "R")
    return "\n".join([_opamp_block(f), _ac_source(f), f"C1 in a {format_eng(float(f'{c1:.4g}'))}", f"R1 a inn {r1s}",
                      f"R2 inn out {format_eng(float(f'{r2:.4g}'))}", f"C2 inn out {format_eng(float(f'{c2:.4g}'))}",
                      "X1 0 inn out opamp"])


def _band_amplifier_response(f: _Filler) -> list:
    low, high, gain, *_ = _band_amplifier_parts(f)
    db = 20 * math.log10(gain)
    sweep = f"ac dec 50 {low / 10:g} {high * 10:g}\nlet g = vdb({{out}})-vdb({{inp}})\nmeas ac result find g at="
    return [Probe(f"function: {db:.3g} dB mid-band ({format_eng(math.sqrt(low * high))}Hz)",
                  f"{sweep}{math.sqrt(low * high):g}", db - 0.5, db + 0.3),
            *(Probe(f"function: -3 dB at the {format_eng(edge)}Hz edge", f"{sweep}{edge:g}", db - 3.5, db - 2.5)
              for edge in (low, high))]


register(Family(kind="band_limited_amplifier",
                summary="band-limited inverting amplifier (one op-amp: C1 in series with R1, C2 across R2)",
                build=_band_amplifier, function=_band_amplifier_response,
                names=("band-limited inverting amplifier", "one op-amp band-pass amplifier",
                       "inverting amplifier with first-order low and high roll-offs"),
                # before the wide band-pass cascades (4.4, 4.45): a gain with two first-order edges is one stage
                # (its two edges said as edges: "-3 dB points at 100 Hz and 5 kHz"; an AC sweep's "10 Hz to 100 kHz"
                # is no band, and an all-pass or a high-pass with a gain is another circuit)
                rules=((4.29, (r"band[- ]limited\s+(?:inverting\s+)?amplifier"
                               r"|one[- ]op[- ]?amp\s+band[- ]?pass\s+amplifier"
                               r"|first[- ]order\s+low\s+and\s+high\s+roll[- ]?offs",)),
                       (4.3, (_FIRST_ORDER, r"\bamp(?:lifier)?s?\b|\bgain\b",
                              r"(?:roll[- ]?offs?|edges?|corners?|-3\s*db|points|between|band(?:width)?|pass)\b"
                              r"[^.;]{0,40}?"
                              r"\d\s*(?:[km]|meg)?hz\b[^.;]*?\b(?:and|to)\b[^.;]*?\d\s*(?:[km]|meg)?hz\b",
                              rf"^(?!.*(?:{_HIGHER_ORDER}|\bpassive\b|\bnotch|\bstop))")),),
                noun="amplifier", accepts=r"band[- ]?pass|amplifiers?|stages?|filter"))
