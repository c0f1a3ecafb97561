"""Differential op-amp stages with both inputs driven by their own sources (open loop), as a request
that names the op-amp's ports (non-inverting and inverting inputs, the bias, one or two outputs) tests
them: an NMOS pair with a tail current source (M5, its gate at the bias port vbias) and either two
resistive loads or a PMOS current-mirror load. (The OTA families of transistor_opamps.py close a DC
loop to their inverting input instead, which then has no source of its own.)

Sizing, square law on the level-1 cards of transistor_opamps.py: each input device carries I/2 of the
tail current I; both inputs rest at the common mode vdd/2, so the outputs rest where the loads put them:

    resistive loads  RD = vdd/I (each output at vdd/2); gain v(out)/v(inp) = gm1 (RD || ro)/2,
                     so the pair's overdrive Vov1 = I (RD || ro)/(2 gain)  (gm1 = I/Vov1)
    mirror load      out = x by symmetry; gain gm1 (ro2 || ro4) = 2/(Vov1 (lambda_n' + lambda_p'))

The gain is from the non-inverting input alone (the inverting input held at its DC level).
"""
from __future__ import annotations

from typing import Any

from spice_lsp.generation import design as dz
from spice_lsp.generation.checklist import Probe
from spice_lsp.generation.families import Family, expect, register, used
from spice_lsp.generation.intent import Value
from spice_lsp.generation.recipes.transistor_opamps import KPN, KPP, LAMN, LAMP, VOV_LOAD, _Sizer, _stage_vov, _vt, _w
from spice_lsp.generation.request import Spec
from spice_lsp.generation.templates import _Filler
from spice_lsp.language.units import format_eng

GAMN = 0.4  # the nch card's body effect
_OPAMP = r"op[- ]?amps?|opamps?|operational\s+amplifiers?"


def _pair(f: _Filler, vov1: float, current: float) -> tuple[_Sizer, list[str], float]:
    """The supply, the two inputs at vdd/2, the pair (drains x and out) and its tail (M5 at vbias);
    also the pair's source voltage."""
    vdd = f.number("VDD", 5)
    cm = vdd / 2
    vs = cm - 0.9
    for _ in range(3):  # the pair's source node, with the body effect
        vs = cm - _vt(vs, GAMN) - vov1
    s = _Sizer(f)
    w1 = _w(current / 2, vov1, KPN, LAMN, cm - vs, s.length)
    s.m("M1", "x", "inp", "tail", "0", w1)
    s.m("M2", "out", "inn", "tail", "0", w1)
    s.m("M5", "tail", "vbias", "0", "0", _w(current, VOV_LOAD, KPN, LAMN, vs, s.length))
    sources = [f"V9 vdd 0 DC {f.supply('vdd', 5)}", f"V1 inp 0 DC {cm:g} AC 1", f"V2 inn 0 DC {cm:g}",
               f"V3 vbias 0 DC {0.7 + VOV_LOAD:g}",
               f"* tail {format_eng(current)}A, Vov1 = {vov1:.3g} V: gm1 = {format_eng(current / vov1)}S"]
    return s, sources, vs


def _resistive(f: _Filler) -> str:
    vdd, current = f.number("VDD", 5), f.number("IBIAS", 100e-6, "ITAIL")
    rd = f.number("RD", vdd / current, "R")
    ro = 1 / (LAMN * current / 2)
    f.param("gain", f("GAIN", 10))
    vov1 = min(max(current * (rd * ro / (rd + ro)) / (2 * abs(f.number("GAIN", 10))), 0.03), 1.0)
    s, sources, _ = _pair(f, vov1, current)
    return "\n".join(sources + [f"R1 vdd x {f('RD', vdd / current, 'R')}", f"R2 vdd out {f('RD', vdd / current, 'R')}"]
                     + s.lines)


def _mirror(f: _Filler) -> str:
    vdd, current = f.number("VDD", 5), f.number("IBIAS", 100e-6, "ITAIL")
    f.param("gain", f("GAIN", 100))
    vov1 = _stage_vov(abs(f.number("GAIN", 100)), vdd / 2, 0.7 + VOV_LOAD)
    s, sources, _ = _pair(f, vov1, current)
    wp = _w(current / 2, VOV_LOAD, KPP, LAMP, 0.7 + VOV_LOAD, s.length)
    s.m("M3", "x", "x", "vdd", "vdd", wp)
    s.m("M4", "out", "x", "vdd", "vdd", wp)
    return "\n".join(sources + s.lines)


def _design(intent, d, spec) -> None:
    """A gain (or dB) spec sets the pair's overdrive (GAIN, linear; the trim moves it in proportion)."""
    intent.values.pop("GAIN", None)
    d.claimed.add("GAIN")
    gain = abs(spec.target) if spec.quantity == "gain" else 10 ** (spec.target / 20)
    dz.set_value(intent, d, "GAIN", float(f"{gain:.4g}"), "gain = gm1 (load || ro)/2 through Vov1", None)
    intent.values["GAIN"] = Value("GAIN", float(f"{gain:.4g}"), f"{gain:.4g}", "")
    d.free, d.scale = "GAIN", 1


def _function(resistive: bool):
    def function(f: _Filler) -> list[Spec | Probe]:
        """The gain it was sized for, from the non-inverting input; the output resting inside the supply
        (both inputs at the common mode)."""
        vdd = used(f, "VDD", default=5)
        rest = Probe("function: the output rests between a threshold below the common mode and the supply",
                     "op\nlet result = v({out})", vdd / 2 - 0.7, vdd)
        return [expect("gain", used(f, "GAIN"), 0.2 if resistive else 0.35), rest]
    return function


_STAGE: dict[str, Any] = {"source": "V1", "mos": True, "noun": "amplifier", "specs": ("gain", "gain_db"),
                          "design": _design, "ports": (("input", ("inp", "inn", "vbias")), ("output", ("out", "x")))}
register(Family(kind="differential_opamp_resistive",
                summary="differential op-amp stage with resistive loads and a tail current source",
                build=_resistive, function=_function(True),
                names=("differential op-amp with resistive loads", "resistively loaded differential op-amp",
                       "differential common-source op-amp with resistor loads"),
                rules=((5.9, ("differential", _OPAMP,
                              r"resist\w*\s+loads?|resistors?\s+(?:as\s+)?loads?|resistively[- ]loaded")),),
                examples=(("gain", "differential op-amp with resistive loads and a gain of {x}", 3, 30),
                          ("gain_db", "differential op-amp with resistive loads, {x} dB of gain", 10, 29)),
                **_STAGE))
register(Family(kind="differential_opamp_mirror",
                summary="differential op-amp stage with a current-mirror load and a tail current source",
                build=_mirror, function=_function(False),
                names=("differential op-amp with a current-mirror load", "actively loaded differential op-amp",
                       "differential op-amp with an active PMOS mirror load"),
                rules=((5.15, ("differential", _OPAMP,
                               r"mirror|active\s+(?:pmos\s+|p-?channel\s+)?loads?|actively[- ]loaded")),),
                examples=(("gain", "differential op-amp with a current-mirror load and a gain of {x}", 30, 150),
                          ("gain_db", "differential op-amp with a current-mirror load, {x} dB of gain", 30, 43)),
                **_STAGE))
