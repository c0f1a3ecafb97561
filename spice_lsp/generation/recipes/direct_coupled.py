"""Direct-coupled amplifiers: stages wired drain to gate, with no coupling capacitor, so that the
gain holds down to DC (a DC transfer function from the input source sees it).

Every stage is the same degenerated common-source stage biased so that its drain sits at its own
gate voltage: the chain then has one operating point, each stage's error is only multiplied by
its small gain (about 2.6), and the input source's DC level is that same voltage.
"""
from __future__ import annotations

import re

from spice_lsp.generation.families import Family, gain_between, register, used
from spice_lsp.generation.templates import _Filler, _mos_device

_STAGES = re.compile(r"\b(two|three|four|[234])[- ]stages?\b", re.IGNORECASE)
_KP, _VTO, _LAMBDA = 110e-6, 0.7, 0.04  # the nch card's; each body is tied to its source (no body effect)
_WL, _VOV = 10, 0.3  # W/L of every stage and its overdrive


def _stages(f: _Filler) -> int:
    m = _STAGES.search(f.intent.description)
    return 2 if m is None else {"two": 2, "three": 3, "four": 4}.get(m[1].lower()) or int(m[1])


def _bias(vdd: float) -> tuple[float, float, float, float]:
    """(VG, ID, RS, RD) of a stage whose drain sits at its gate voltage VG = 0.4 VDD."""
    vg = 0.4 * vdd
    vs = vg - _VTO - _VOV
    ident = _KP * _WL / 2 * _VOV ** 2 * (1 + _LAMBDA * (vg - vs))
    return vg, ident, vs / ident, (vdd - vg) / ident


def _direct_coupled_cs(f: _Filler) -> str:
    n = _stages(f)
    vg, _, rs_design, rd_design = _bias(f.number("VDD", 5))
    rd, rs = f("RD", rd_design, "RL", "R"), f("RS", rs_design)
    lines = [f"V1 vdd 0 DC {f.supply('vdd', 5)}", f"V2 in 0 DC {vg:.4g} AC {f('VIN', 1)} SIN({vg:.4g} 1m 1k)",
             f"* {n} direct-coupled common-source stages, each drain at its own gate voltage ({vg:.3g} V),"
             " so the next gate needs no divider and the gain holds down to DC"]
    for k in range(1, n + 1):
        gate, drain = "in" if k == 1 else f"d{k - 1}", "out" if k == n else f"d{k}"
        lines += [f"R{2 * k - 1} vdd {drain} {rd}", _mos_device(f, "n", drain, gate, f"s{k}", f"s{k}", f"M{k}"),
                  f"R{2 * k} s{k} 0 {rs}"]
    return "\n".join(lines)


def _direct_coupled_gain(f: _Filler) -> list:
    """The product of the stages' gm RD / (1 + gm RS)."""
    n, rd, rs = _stages(f), used(f, "RD", "RL", "R"), used(f, "RS")
    _, ident, _, _ = _bias(used(f, "VDD", default=5))
    gm = 2 * ident / _VOV
    gain = (gm * rd / (1 + gm * rs)) ** n
    return [gain_between(0.5 * gain, 1.5 * gain, f"amplifies about {gain:.3g}x through {n} direct-coupled stages")]


register(Family(kind="direct_coupled_common_source",
                summary="direct-coupled multi-stage common-source amplifier (resistive loads, gain down to DC)",
                function=_direct_coupled_gain, build=_direct_coupled_cs,
                names=("direct-coupled common-source amplifier", "DC-coupled multi-stage common-source amplifier"),
                rules=((16.8, (r"common[- ]source", r"(?:two|three|four|[234])[- ]stages?|multi[- ]?stage|cascaded",
                               r"direct[- ]coupled|dc[- ]coupled|resisti(?:ve|or)[- ]loads?")),
                       (16.85, (r"common[- ]source", r"direct[- ]coupled|dc[- ]coupled"))),
                source="V2", mos=True, noun="amplifier",
                accepts=r"(?:two|three|four|[234])[- ]stages?|multi[- ]?stage|direct[- ]coupled|dc[- ]coupled"))
