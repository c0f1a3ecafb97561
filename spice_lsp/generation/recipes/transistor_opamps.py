"""Transistor-level op-amps sized from specs with the square law (level-1 models, nch/pch):
five-transistor OTA, two-stage Miller-compensated op-amp, telescopic and folded cascode OTAs,
and a fully differential pair with a simple common-mode feedback loop.

Sizing: Id = kp/2 (W/L) Vov^2 (1 + lambda Vds), gm = 2 Id/Vov, gds = lambda Id/(1 + lambda Vds).
The unity-gain bandwidth sets gm1 = 2 pi UGBW C (C: the load, or the Miller capacitor); the DC
gain sets the overdrive (a single stage's gain is gm/(gds_n + gds_p) = 2/(Vov (lambda_n' + lambda_p'))).
The level-1 cards have no gate capacitance, so the only poles are the capacitors placed here.

Testbench (single-ended outputs): V2 drives inp around the common mode; R1/C1 close a unity
DC feedback loop from out to inn (pole at 0.16 nHz; 1 GOhm loads the output by nothing), so the
output sits at the common mode and the AC response is the open-loop gain. A request that names both
inputs as ports gets each its own source at the common mode instead (open loop: the sizing leaves no
systematic offset, so the output rests inside its range), so a check may drive either input.
"""
from __future__ import annotations

import math
import re
import weakref
from typing import Any

from spice_lsp.generation import design as dz
from spice_lsp.generation.checklist import Probe
from spice_lsp.generation.families import Family, expect, register
from spice_lsp.generation.intent import Value
from spice_lsp.generation.ports import read_ports
from spice_lsp.generation.recipes.words import word
from spice_lsp.generation.templates import _Filler
from spice_lsp.language.units import format_eng, parse_number

KPN, KPP, LAMN, LAMP, GAMN, GAMP = 110e-6, 50e-6, 0.04, 0.05, 0.4, 0.5
VOV_LOAD = 0.3  # the current sources' and mirrors' overdrive


def _vt(vsb: float, gamma: float) -> float:
    return 0.7 + gamma * (math.sqrt(0.7 + max(vsb, 0.0)) - math.sqrt(0.7))


def _w(i: float, vov: float, kp: float, lam: float, vds: float, length: float) -> float:
    return 2 * i * length / (kp * vov ** 2 * (1 + lam * vds))


def _stage_vov(gain: float, vds_n: float, vds_p: float) -> float:
    """The overdrive that gives a stage gain 2/(Vov (lambda_n' + lambda_p'))."""
    lams = LAMN / (1 + LAMN * vds_n) + LAMP / (1 + LAMP * vds_p)
    return min(max(2 / (gain * lams), 0.05), 1.0)


class _Sizer:
    """Writes MOSFET lines with computed widths, keeping the design's numbers for a comment."""

    def __init__(self, f: _Filler) -> None:
        self.f = f
        self.length = f.number("LG", 1e-6)
        self.lines: list[str] = []

    def m(self, name: str, d: str, g: str, s: str, b: str, width: float) -> None:
        model = self.f.model("nch" if b == "0" else "pch")
        self.lines.append(f"{name} {d} {g} {s} {b} {model} W={format_eng(max(width, 0.2e-6))} "
                          f"L={format_eng(self.length)}")


# "wired as a unity-gain buffer", "connected as a voltage follower": the output fed back to inn.
# (An "output buffer" stage is no such wiring.)
_FOLLOWER = re.compile(r"\b(?:wired|connected|configured|used|set\s+up|hooked\s+up)\s+as\s+(?:an?\s+)?"
                       r"(?:unity[- ]gain\s+)?(?:buffer|(?:voltage\s+)?follower)\b"
                       r"|\bunity[- ]gain\s+(?:buffer|follower)\b|\bvoltage\s+follower\b", re.IGNORECASE)


def _bench(f: _Filler, vdd: float, cm: float | None = None, ac: str | None = None) -> list[str]:
    """The inputs at `cm` (mid-supply unless given), the AC drive `ac` (VIN's unless given: a VIN that is the
    common-mode level is none)."""
    cm = vdd / 2 if cm is None else cm
    ac = ac or f('VIN', 1)
    if _FOLLOWER.search(f.intent.description):  # V4 (0 V) ties the output to the - input: a follower at mid-supply
        return [f"V1 vdd 0 DC {f.supply('vdd', 5)}", f"V2 inp 0 DC {format_eng(cm)} AC {ac}",
                "V4 out inn DC 0", f"C2 out 0 {f('CL', 1e-12)}"]
    if len(read_ports(f.intent.description).roles.get("input", ())) >= 2:
        return [f"V1 vdd 0 DC {f.supply('vdd', 5)}", f"V2 inp 0 DC {format_eng(cm)} AC {ac}",
                f"V4 inn 0 DC {format_eng(cm)}", f"C2 out 0 {f('CL', 1e-12)}"]
    return [f"V1 vdd 0 DC {f.supply('vdd', 5)}", f"V3 cm 0 DC {format_eng(cm)}",
            f"V2 inp cm DC 0 AC {ac}", "R1 out inn 1g", "C1 inn cm 1",
            f"C2 out 0 {f('CL', 1e-12)}"]


def _pair_current(f: _Filler, vov1: float, cap: float) -> float:
    """Each input device's current: from a given tail current, else gm1 = 2 pi UGBW cap (the
    design target written as a .param)."""
    tail = f.number("IBIAS", 0, "ITAIL")
    if tail:
        return tail / 2
    f.param("ugbw", f("UGBW", 10e6))
    return math.pi * f.number("UGBW", 10e6) * cap * vov1


def _gain(f: _Filler, default: float) -> float:
    """The DC gain the overdrive is sized for (written as a .param: the design target)."""
    f.param("gain", f("GAIN", default))
    return abs(f.number("GAIN", default))


# The open-loop gain a build computed from its parts and models, for its function's check.
_OPEN_LOOP_GAIN: weakref.WeakKeyDictionary[_Filler, float] = weakref.WeakKeyDictionary()
_POLARITY = re.compile(r"\b(?:([np])mos|([np])-channel|([np])fet)\b", re.IGNORECASE)
_CARD = {"n": (0.7, KPN, LAMN, GAMN), "p": (0.7, KPP, LAMP, GAMP)}  # |VTO|


def stated_devices(f: _Filler) -> dict[str, dict[str, float]]:
    """The level-1 parameters a request states for each polarity ("NMOS VTO=0.6 KP=150u LAMBDA=0.05, PMOS VTO=-0.6
    KP=60u"), each the polarity named last before it (a negative VTO a PMOS's), over our cards' (vto, kp, lambda,
    gamma): the devices are sized with the models the netlist carries (compose writes the stated ones into the
    cards)."""
    text, at = f.intent.description, 0
    devices = {pol: dict(zip(("vto", "kp", "lambda", "gamma"), card)) for pol, card in _CARD.items()}
    seen: dict[str, set[str]] = {"n": set(), "p": set()}
    for param in f.request.model_params:
        found = text.find(param.text, at)
        if found < 0 or param.name not in ("vto", "kp", "lambda", "gamma"):
            continue
        at = found + len(param.text)
        named = [next(g for g in m.groups() if g) for m in _POLARITY.finditer(text, 0, found)]
        pol = "p" if param.name == "vto" and param.value < 0 else named[-1].lower() if named else "n"
        if param.name not in seen[pol]:  # the first value said for each
            seen[pol].add(param.name)
            devices[pol][param.name] = abs(param.value) if param.name == "vto" else param.value
    return devices


# "inputs biased at 1.5 V", "input common-mode 1.2 V", "both inputs held at 1.6 V", "a 2 V common mode": the pair's
# common-mode level (the reader gives it whatever role: VBIAS, VIN, VCM)
_COMMON_MODE = re.compile(r"(?:common[- ]mode(?:\s+(?:level|voltage|input))?"
                          r"|\binputs?\b[^.;]{0,50}?\b(?:biased|held|sit|sitting|set|tied))\s*(?:(?:both|each|all|them)\s+)?(?:at|to|of|=|:)?\s*(?P<v>\d+(?:\.\d+)?)\s*V\b"
                          r"|(?P<w>\d+(?:\.\d+)?)\s*V\s+(?:input\s+)?common[- ]mode", re.IGNORECASE)


def _common_mode(f: _Filler, vdd: float) -> tuple[float, str | None]:
    """The inputs' level and the role the reader gave it: the one stated for them (inside the supply), else
    mid-supply."""
    said = _COMMON_MODE.search(f.intent.description)
    level = float(said["v"] or said["w"]) if said else None
    if level is None or not 0 < level < vdd:
        return vdd / 2, None
    role = next((r for r in ("VBIAS", "VCM", "VIN") if r in f.intent.values and f.intent.values[r].value == level),
                None)
    if role is not None:
        f.given(role, level)
    return level, role


def _five_t(f: _Filler) -> str:
    """The pair at the stated tail current, sized for the DC gain (or the stated pair width), the mirror and tail at
    VOV_LOAD, all with the request's models; A0 = gm1/(gds2 + gds4) is the gain the function checks."""
    vdd = f.number("VDD", 5)
    cm, role = _common_mode(f, vdd)
    n, p = stated_devices(f)["n"], stated_devices(f)["p"]
    for role in ("VTO", "KP"):  # the reader's single value of each is one of the models sized with
        if role in f.intent.values:
            f.given(role, 0.0)
    f.model("nch", f".model nch NMOS (level=1 vto={n['vto']:g} kp={n['kp']:g} gamma={n['gamma']:g} "
                   f"lambda={n['lambda']:g} phi=0.7)")
    f.model("pch", f".model pch PMOS (level=1 vto={-p['vto']:g} kp={p['kp']:g} gamma={p['gamma']:g} "
                   f"lambda={p['lambda']:g} phi=0.7)")
    s = _Sizer(f)
    vx = vdd - p["vto"] - VOV_LOAD  # the mirror's gate and drain, and the output's level at balance

    def vt(vsb: float) -> float:
        return n["vto"] + n["gamma"] * (math.sqrt(0.7 + max(vsb, 0.0)) - math.sqrt(0.7))
    width = f.number("W", 0) if "W" in f.intent.values else 0.0
    i1 = _pair_current(f, 0.2, f.number("CL", 1e-12)) if width else 0.0
    vs, vov1 = cm - n["vto"] - 0.2, 0.2
    for _ in range(4):  # the pair's source node, with the body effect
        if width:  # the stated pair: its overdrive from its current
            vov1 = math.sqrt(2 * i1 * s.length / (n["kp"] * width * (1 + n["lambda"] * (vx - vs))))
        else:
            vov1 = _stage_vov(_gain(f, 100), vx - vs, vdd - vx)
        vs = cm - vt(vs) - vov1
    if not width:
        i1 = _pair_current(f, vov1, f.number("CL", 1e-12))
    w1 = width or _w(i1, vov1, n["kp"], n["lambda"], vx - vs, s.length)
    s.m("M1", "x", "inp", "tail", "0", w1)
    s.m("M2", "out", "inn", "tail", "0", w1)
    s.m("M3", "x", "x", "vdd", "vdd", _w(i1, VOV_LOAD, p["kp"], p["lambda"], vdd - vx, s.length))
    s.m("M4", "out", "x", "vdd", "vdd", _w(i1, VOV_LOAD, p["kp"], p["lambda"], vdd - vx, s.length))
    w5 = _w(2 * i1, VOV_LOAD, n["kp"], n["lambda"], vs, s.length)
    s.m("M5", "tail", "nb", "0", "0", w5)
    s.m("M6", "nb", "nb", "0", "0", w5)
    gm1 = 2 * i1 / vov1
    gain = gm1 / (n["lambda"] * i1 / (1 + n["lambda"] * (vx - vs)) + p["lambda"] * i1 / (1 + p["lambda"] * (vdd - vx)))
    _OPEN_LOOP_GAIN[f] = gain
    return "\n".join(_bench(f, vdd, cm, ac="1" if role == "VIN" else None) + [
        f"* Vov1 = {vov1:.3g} V, Id1 = {format_eng(i1)}A: gm1 = {format_eng(gm1)}S; "
        f"A0 = gm1/(gds2 + gds4) = {gain:.4g}",
        f"I1 vdd nb DC {format_eng(2 * i1)}"] + s.lines)


def _two_stage(f: _Filler) -> str:
    vdd = f.number("VDD", 5)
    cm = vdd / 2
    s = _Sizer(f)
    gain = _gain(f, 3000)
    cc = f.number("CC", 1e-12, "C")
    # Equal gain in both stages; the second stage's PMOS shares the mirror's overdrive, so its
    # gate voltage equals the mirror's (no systematic offset).
    vov6 = min(max(_stage_vov(math.sqrt(gain), cm, vdd - cm), VOV_LOAD), 1.0)
    vs = cm - 1.0
    for _ in range(3):
        vov1 = _stage_vov(gain / (2 / (vov6 * (LAMN / (1 + LAMN * cm) + LAMP / (1 + LAMP * (vdd - cm))))),
                          vdd - 0.7 - vov6 - vs, 0.7 + vov6)
        vs = cm - _vt(vs, GAMN) - vov1
    i1 = _pair_current(f, vov1, cc)
    gm1 = 2 * i1 / vov1
    i6 = 10 * gm1 * vov6 / 2  # gm6 = 10 gm1: the output pole sits well above the unity-gain frequency
    # The second stage inverts, so inp drives the device on the output side of the mirror.
    s.m("M1", "x", "inn", "tail", "0", _w(i1, vov1, KPN, LAMN, vdd - 0.7 - vov6 - vs, s.length))
    s.m("M2", "y", "inp", "tail", "0", _w(i1, vov1, KPN, LAMN, vdd - 0.7 - vov6 - vs, s.length))
    s.m("M3", "x", "x", "vdd", "vdd", _w(i1, vov6, KPP, LAMP, 0.7 + vov6, s.length))
    s.m("M4", "y", "x", "vdd", "vdd", _w(i1, vov6, KPP, LAMP, 0.7 + vov6, s.length))
    w5 = _w(2 * i1, VOV_LOAD, KPN, LAMN, vs, s.length)
    s.m("M5", "tail", "nb", "0", "0", w5)
    s.m("M8", "nb", "nb", "0", "0", w5)
    s.m("M6", "out", "y", "vdd", "vdd", _w(i6, vov6, KPP, LAMP, vdd - cm, s.length))
    s.m("M7", "out", "nb", "0", "0", w5 * i6 / (2 * i1))
    return "\n".join(_bench(f, vdd) + [
        f"* Vov1 = {vov1:.3g} V, gm1 = {format_eng(gm1)}S, UGBW = gm1/(2 pi Cc); gm6 = 10 gm1; Rz = 1/gm6",
        f"I1 vdd nb DC {format_eng(2 * i1)}", f"C3 y z {f('CC', 1e-12, 'C')}",
        f"R2 z out {format_eng(vov6 / (2 * i6))}"] + s.lines)


def _telescopic(f: _Filler) -> str:
    vdd = f.number("VDD", 5)
    cm = vdd / 2
    s = _Sizer(f)
    vov1 = 0.2
    vs = cm - _vt(cm - 1.1, GAMN) - vov1
    i1 = _pair_current(f, vov1, f.number("CL", 1e-12))
    vbn = vs + 0.45 + 0.7 + 0.2 + 0.35  # the cascodes hold the pair's drains 0.45 V above its source
    vbp = vdd - 0.5 - 0.7 - VOV_LOAD - 0.15
    w1 = _w(i1, vov1, KPN, LAMN, 0.45, s.length)
    wc = _w(i1, 0.2, KPN, LAMN, 1.0, s.length)
    wp = _w(i1, VOV_LOAD, KPP, LAMP, 0.5, s.length)
    s.m("M1", "a1", "inp", "tail", "0", w1)
    s.m("M2", "a2", "inn", "tail", "0", w1)
    s.m("M3", "d1", "vbn", "a1", "0", wc)
    s.m("M4", "out", "vbn", "a2", "0", wc)
    s.m("M5", "d1", "vbp", "p1", "vdd", wp)
    s.m("M6", "out", "vbp", "p2", "vdd", wp)
    # M7/M8: the PMOS mirror, its gate taken from the cascode's drain (high-swing cascode mirror).
    s.m("M7", "p1", "d1", "vdd", "vdd", wp)
    s.m("M8", "p2", "d1", "vdd", "vdd", wp)
    w9 = _w(2 * i1, VOV_LOAD, KPN, LAMN, vs, s.length)
    s.m("M9", "tail", "nb", "0", "0", w9)
    s.m("M10", "nb", "nb", "0", "0", w9)
    return "\n".join(_bench(f, vdd) + [
        f"* Vov1 = {vov1:.3g} V, gm1 = {format_eng(2 * i1 / vov1)}S = 2 pi UGBW CL",
        f"I1 vdd nb DC {format_eng(2 * i1)}", f"V4 vbn 0 DC {vbn:.3g}", f"V5 vbp 0 DC {vbp:.3g}"] + s.lines)


def _folded(f: _Filler) -> str:
    vdd = f.number("VDD", 5)
    cm = vdd / 2
    s = _Sizer(f)
    vov1 = 0.2
    vs = cm - _vt(cm - 1.1, GAMN) - vov1
    i1 = _pair_current(f, vov1, f.number("CL", 1e-12))
    # The PMOS sources carry 2 I1 each: I1 into the input device, I1 folded into the cascode branch.
    wtop = _w(2 * i1, VOV_LOAD, KPP, LAMP, 0.5, s.length)
    wpc = _w(i1, VOV_LOAD, KPP, LAMP, 1.0, s.length)
    wnc = _w(i1, VOV_LOAD, KPN, LAMN, 0.6, s.length)
    s.m("M1", "f1", "inp", "tail", "0", _w(i1, vov1, KPN, LAMN, vdd - 0.5 - vs, s.length))
    s.m("M2", "f2", "inn", "tail", "0", _w(i1, vov1, KPN, LAMN, vdd - 0.5 - vs, s.length))
    s.m("M3", "f1", "vbp1", "vdd", "vdd", wtop)
    s.m("M4", "f2", "vbp1", "vdd", "vdd", wtop)
    s.m("M5", "d1", "vbp2", "f1", "vdd", wpc)
    s.m("M6", "out", "vbp2", "f2", "vdd", wpc)
    s.m("M7", "d1", "vbn2", "n1", "0", wnc)
    s.m("M8", "out", "vbn2", "n2", "0", wnc)
    s.m("M9", "n1", "d1", "0", "0", wnc)  # wide-swing mirror: gates on the cascode's drain
    s.m("M10", "n2", "d1", "0", "0", wnc)
    w11 = _w(2 * i1, VOV_LOAD, KPN, LAMN, vs, s.length)
    s.m("M11", "tail", "nb", "0", "0", w11)
    s.m("M12", "nb", "nb", "0", "0", w11)
    s.m("M13", "vbp1", "vbp1", "vdd", "vdd", wtop)
    return "\n".join(_bench(f, vdd) + [
        f"* Vov1 = {vov1:.3g} V, gm1 = {format_eng(2 * i1 / vov1)}S = 2 pi UGBW CL",
        f"I1 vdd nb DC {format_eng(2 * i1)}", f"I2 vbp1 0 DC {format_eng(2 * i1)}",
        f"V4 vbp2 0 DC {vdd - 0.5 - 0.7 - VOV_LOAD - 0.1:.3g}",
        f"V5 vbn2 0 DC {0.5 + 0.7 + VOV_LOAD + 0.2:.3g}"] + s.lines)


def _cmfb(f: _Filler) -> str:
    vdd = f.number("VDD", 5)
    cm = vdd / 2
    s = _Sizer(f)
    vov1 = 0.2
    vs = cm - _vt(cm - 1.1, GAMN) - vov1
    # V2 drives both halves in opposite senses: v(out)/v(V2) = 2 gm1 Ro, so gm1 = pi UGBW CL.
    i1 = _pair_current(f, vov1, f.number("CL", 1e-12) / 2)
    w1 = _w(i1, vov1, KPN, LAMN, cm - vs, s.length)
    wp = _w(i1, VOV_LOAD, KPP, LAMP, vdd - cm, s.length)
    w5 = _w(2 * i1, VOV_LOAD, KPN, LAMN, vs, s.length)
    s.m("M1", "outn", "inp", "tail", "0", w1)
    s.m("M2", "outp", "inn", "tail", "0", w1)
    s.m("M3", "outn", "cmfb", "vdd", "vdd", wp)
    s.m("M4", "outp", "cmfb", "vdd", "vdd", wp)
    s.m("M5", "tail", "nb", "0", "0", w5)
    s.m("M6", "nb", "nb", "0", "0", w5)
    # The CMFB amplifier: R3/R4 average the outputs into cmo; a five-transistor stage compares it
    # with the reference and drives the loads' gates (cmo up -> cmfb up -> less load current).
    wc = _w(i1 / 2, vov1, KPN, LAMN, 1.0, s.length)
    s.m("M11", "x", "cmo", "ct", "0", wc)
    s.m("M12", "cmfb", "vcmref", "ct", "0", wc)
    s.m("M13", "x", "x", "vdd", "vdd", wp / 2)
    s.m("M14", "cmfb", "x", "vdd", "vdd", wp / 2)
    s.m("M15", "ct", "nb", "0", "0", w5 / 2)
    return "\n".join([
        f"V1 vdd 0 DC {f.supply('vdd', 5)}", f"V3 cm 0 DC {format_eng(cm)}",
        f"V2 inp cm DC 0 AC {f('VIN', 1)}", "E1 inn cm inp cm -1",
        f"V4 vcmref 0 DC {format_eng(cm)}", f"I1 vdd nb DC {format_eng(2 * i1)}",
        f"C2 outp 0 {f('CL', 1e-12)}", f"C3 outn 0 {f('CL', 1e-12)}",
        "R3 outp cmo 1meg", "R4 outn cmo 1meg",
        "* out: the differential output v(outp) - v(outn), for the probes", "E2 out 0 outp outn 1",
        f"* Vov1 = {vov1:.3g} V, gm1 = {format_eng(2 * i1 / vov1)}S; UGBW = gm1/(pi CL) from V2"] + s.lines)



def _design(intent, d, spec) -> None:
    """The DC gain sets the overdrive (GAIN, linear), the unity-gain bandwidth the pair's current (UGBW)."""
    if spec.quantity == "ugbw":
        dz.set_value(intent, d, "UGBW", spec.target, "gm1 = 2 pi UGBW C", None)
        intent.values["UGBW"] = Value("UGBW", spec.target, format_eng(spec.target), "Hz")  # 20meg, not 2e+07
        d.free, d.scale = "UGBW", 1
        return
    # (an op-amp's "70 dB gain" with no frequency is its open-loop DC gain, as "DC gain 70 dB" is)
    intent.values.pop("GAIN", None)
    d.claimed.add("GAIN")
    dz.set_value(intent, d, "GAIN", float(f"{10 ** (spec.target / 20):.4g}"), "A = gm/(gds_n + gds_p) per stage", None)
    # The trim moves GAIN by (target/measured)^scale in dB: this scale makes that a linear step.
    d.free, d.scale = "GAIN", spec.target * math.log(10) / 20


def _function(f: _Filler) -> list:
    """Its unity-gain bandwidth where gm1 was sized for it, and a DC gain worth the name; wired as a follower,
    its output at its input's level and a gain of one."""
    if _FOLLOWER.search(f.intent.description):
        return [Probe("function: the follower's output sits at its input (within 2 % of the supply)",
                      "op\nlet result = abs(v({out})-v({inp}))", 0, 0.02 * f.number("VDD", 5)),
                Probe("function: the follower's gain is one at 1 Hz (dB)",
                      "ac dec 10 0.1 10\nlet g = vdb({out})-vdb({inp})\nmeas ac result find g at=1", -0.5, 0.1)]
    ugbw = parse_number(f.params.get("ugbw", ""))
    if (a0 := _OPEN_LOOP_GAIN.get(f)) is not None:  # the gain its parts and models give, within 2.5 dB
        db = 20 * math.log10(a0)
        return ([expect("ugbw", ugbw, 0.25)] if ugbw else []) + [
            Probe(f"function: open-loop DC gain gm1/(gds2 + gds4) = {a0:.3g} ({db:.3g} dB)",
                  "ac dec 10 0.1 10\nlet g = vdb({out})-vdb({inp})\nmeas ac result find g at=1", db - 2.5, db + 2.5)]
    return ([expect("ugbw", ugbw, 0.25)] if ugbw else []) + [
        Probe("function: open-loop DC gain of 10 dB or more", "ac dec 10 0.1 10\nlet g = vdb({out})-vdb({inp})\n"
              "meas ac result find g at=1", 10, 200)]


# Each family's ports (Family.ports): after the two inputs its bias nodes, after the output the other branch's.
_OPAMP: dict[str, Any] = {"source": "V2", "mos": True, "noun": "amplifier", "design": _design,
                          "function": _function}
register(Family(kind="five_transistor_ota", summary="five-transistor OTA (NMOS pair, PMOS mirror load)",
                build=_five_t,
                names=("five-transistor OTA", "5T OTA", "simple OTA with a current-mirror load",
                       "single-stage operational transconductance amplifier"),
                rules=((5.1, (rf"five[- ]transistor|{word('5t')}\b|{word('ota')}\b|transconductance amplifier",)),),
                specs=("ugbw", "dc_gain_db", "gain_db"),
                examples=(("ugbw", "five-transistor OTA with a unity-gain bandwidth of {x} Hz", 1e6, 50e6),
                          ("dc_gain_db", "five-transistor OTA, DC gain {x} dB", 30, 48),
                          ("gain_db", "five-transistor OTA with {x} dB gain", 30, 46)),
                ports=(("input", ("inp", "inn", "nb")), ("output", ("out", "x"))),
                **_OPAMP))
register(Family(kind="two_stage_opamp", summary="two-stage Miller-compensated CMOS op-amp",
                build=_two_stage,
                names=("two-stage Miller-compensated op-amp", "two-stage CMOS op-amp", "two stage op amp",
                       "Miller compensated operational amplifier"),
                rules=((5.0, (r"two[- ]stage|miller[- ]compensat\w*",
                              r"op[- ]?amps?|operational|\bcmos\b|\bota\b|miller")),),
                specs=("ugbw", "dc_gain_db", "gain_db"),
                examples=(("ugbw", "two-stage Miller op-amp with a unity-gain bandwidth of {x} Hz", 1e6, 30e6),
                          ("dc_gain_db", "two-stage CMOS op-amp with a DC gain of {x} dB", 60, 76),
                          ("gain_db", "two-stage CMOS op-amp with {x} dB gain", 60, 74)),
                ports=(("input", ("inp", "inn", "nb")), ("output", ("out", "y"))),
                **_OPAMP))
register(Family(kind="telescopic_ota", summary="telescopic cascode OTA",
                build=_telescopic,
                names=("telescopic cascode OTA", "telescopic OTA", "telescopic cascode amplifier",
                       "telescopic op-amp"),
                rules=((4.9, (r"telescopic(?:[- ]cascode)?",)), (4.91, (r"telescopic", r"\bota\b"))),
                accepts=r"cascode",  # "nmos as cascode input pair, pmos as cascode loads": its own devices
                specs=("ugbw",),
                examples=(("ugbw", "telescopic cascode OTA with a unity-gain bandwidth of {x} Hz", 1e6, 30e6),),
                ports=(("input", ("inp", "inn", "nb", "vbn", "vbp")), ("output", ("out", "d1"))),
                **_OPAMP))
register(Family(kind="folded_cascode_ota", summary="folded cascode OTA",
                build=_folded,
                names=("folded cascode OTA", "folded-cascode op-amp", "folded cascode amplifier",
                       "folded cascode operational transconductance amplifier"),
                rules=((4.8, (r"folded(?:[- ]cascode)?",)), (4.81, (r"folded", r"\bota\b"))),
                specs=("ugbw",),
                examples=(("ugbw", "folded cascode OTA with a unity-gain bandwidth of {x} Hz", 1e6, 30e6),),
                **_OPAMP))
register(Family(kind="cmfb_amplifier", summary="fully differential amplifier with common-mode feedback",
                build=_cmfb,
                names=("fully differential amplifier with common-mode feedback",
                       "fully differential OTA with CMFB", "common-mode feedback circuit",
                       "differential amplifier with a CMFB loop"),
                rules=((4.7, (r"common[- ]mode\s+feedback|cmfb\b",)),
                       (4.75, (r"fully[- ]differential",)),
                       (4.76, (r"fully[- ]differential|common[- ]mode\s+feedback|cmfb\b", r"\bota\b"))),
                specs=("ugbw",),
                examples=(("ugbw", "fully differential OTA with CMFB, unity-gain bandwidth {x} Hz", 1e6, 30e6),),
                **_OPAMP))
