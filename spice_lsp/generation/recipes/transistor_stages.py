"""Multi-transistor stages: cascodes, compound pairs, current mirrors and sources, long-tailed
pairs, push-pull outputs, JFET stages, common-base/common-gate and the degenerated CE stage.

Mirrors and current sources put a 0 V ammeter (V9) on their output node, so an "output current"
spec is measured as its current (checklist.measure).
"""
from __future__ import annotations

import dataclasses
import math
import re
from collections.abc import Callable

from spice_lsp.generation import design as dz
from spice_lsp.generation.checklist import Probe, Spec
from spice_lsp.generation.families import (
    Family,
    ce_gain,
    design_mirror_current,
    expect,
    gain_between,
    logic_gate,
    register,
    used,
)
from spice_lsp.generation.intent import Value
from spice_lsp.generation.ports import GROUNDED_PIN
from spice_lsp.generation.templates import (
    UNBYPASSED,
    _bjt_model,
    _Filler,
    _mos_device,
    _mos_model,
    as_written,
    base_source,
    claim_divider,
    current_output,
    divider_values,
    mirror_ratio,
    mirror_reference,
    output_holder,
    stated_reference,
    stated_supply,
)
from spice_lsp.language.units import format_eng, parse_number

VT = 0.02585  # thermal voltage at 300 K
BETA = 100  # the npn card's bf
IS = 1e-14  # the npn card's is
# The textbook square law: no channel-length modulation or terminal resistances, so a stated
# VTO and BETA give the bias and gain a hand calculation does (lambda alone moved a 15 V stage's
# drain by 0.3 V; an unbypassed rs degenerates a bypassed stage).
# card, default vto and beta; ngspice writes a JFET's pinch-off negative for both polarities (a PJF with VTO = +2 never
# conducts)
JFET = {"n": ("njf NJF", -2.0, 1e-3), "p": ("pjf PJF", -2.0, 0.5e-3)}
# "a gain of about -10", "gain = 20", "26 dB of gain": a stated gain (not "the gain at 1 kHz").
GAIN_STATED = (r"\bgain\s+(?:of\s+)?(?:about\s+|around\s+|approximately\s+|roughly\s+|near(?:ly)?\s+|close\s+to\s+"
               r"|~\s*)?[-\u2212+]?\d"
               r"|\bgain\s*(?:=|:|is)\s*[-\u2212+]?\d|\d\s*db\s+(?:of\s+)?(?:voltage\s+)?gain")
_BJT_WORDS = re.compile(r"\b(?:bjts?|bipolar|npns?|pnps?)\b", re.IGNORECASE)


_CLAUSES = re.compile(r"[,;]|\.(?!\d)")  # (never inside a figure: "4.7k")


def _says(text: str, value: Value) -> bool:
    """Whether `text` writes the value as the request did ("47 uF", not inside "147 uF")."""
    return re.search(rf"(?<![\w.]){re.escape(value.text)}(?![\w])", text) is not None


def divider_pair(f: _Filler) -> tuple[float, float] | None:
    """divider_values, where the request states no RB1 or RB2 of its own; the roles the reader gave those figures
    (the top's RB, a stray bias level) are used by it."""
    if {"RB1", "RB2"} & set(f.intent.values) or (values := divider_values(f.intent.description)) is None:
        return None
    for role, v in list(f.intent.values.items()):
        if v.unit in ("ohm", "V") and any(math.isclose(v.value, x) for x in values):
            f.given(role, 0)
    return values


def _bipolar(f: _Filler) -> bool:
    return bool(_BJT_WORDS.search(f.intent.description))


def _signal(f: _Filler, name: str = "V2", node: str = "in", dc: str = "0") -> str:
    amplitude = f("VIN", 10e-3)
    return f"{name} {node} 0 DC {dc} AC 1 SIN(0 {amplitude} {f('FREQ', 1e3)})"


def amplifies(least: float = 2.0) -> Callable[[_Filler], list]:
    """A stage whose gain has no simple closed form here: it must amplify, |gain| at 1 kHz."""
    return lambda f: [gain_between(least, 1e7, "amplifies")]


def follows(low: float, high: float) -> Callable[[_Filler], list]:
    """A follower: v(out) is the input less `low` to `high` volts at the operating point."""
    def function(f: _Filler) -> list:
        vin = used(f, "VIN", "VBIAS")
        return [Probe(f"function: follows its {vin:g} V input, {low:g} to {high:g} V below it",
                      "op\nlet result = v({inp})-v({out})", low, high)] if vin > high + 0.5 else []
    return function


def _copies(f: _Filler) -> list:
    return [expect("current", used(f, "IREF", "IBIAS"), 0.05)]


def _wilson_copies(f: _Filler) -> list:
    """The reference copied: the source's, or the one a stated resistor sets from the supply (two VBEs down)."""
    return [expect("current", stated_reference(f, 2) or used(f, "IREF", "IBIAS"), 0.05)]


def _widlar_function(f: _Filler) -> list:
    iref = stated_reference(f) or used(f, "IREF", "IBIAS")
    if (iout := _widlar_output(f)) is not None and not {"RE", "RS"} & set(f.intent.values):
        return [expect("current", iout, 0.1)]  # the output RE was designed for
    return [Probe(f"function: sources less than its {format_eng(iref)}A reference, set by RE",
                  "op\nlet result = abs(i({meter}))", 0.01 * iref, 0.9 * iref)]


def _current_source_function(f: _Filler) -> list:
    if "VBIAS" in f.intent.values:  # the base held by a source
        vth, rth, re_ = used(f, "VBIAS"), 0.0, used(f, "RE")
    elif (diode := _base_diode(f.intent)) is not None:  # a zener or an LED on the base
        vth, rth, re_ = diode[1], 0.0, used(f, "RE")
    else:
        vcc, r1, r2, re_ = used(f, "VDD"), used(f, "RB1", "RB"), used(f, "RB2"), used(f, "RE")
        # the base's distance from the emitter resistor's far end: ground's (NPN), the rail's (PNP)
        vth, rth = vcc * (r1 if _sources_pnp(f.intent) else r2) / (r1 + r2), r1 * r2 / (r1 + r2)
    i = 1e-3
    for _ in range(30):  # I = (VB - VBE)/RE, VBE and the base current's drop from I itself
        i = max((vth - VT * math.log(max(i, 1e-12) / IS)) / (re_ * (1 + 1 / BETA) + rth / BETA), 1e-9)
    return [expect("current", i, 0.05)]


# The pair's tail is an ideal current source when the request says so, else the resistor to -VEE.
# A tail current source, or a tail current stated as a figure ("tail current 1 mA"): I1 carries it.
TAIL_SOURCE = re.compile(r"tail\s+current\s+(?:source|sink|(?:of\s+|is\s+|=\s*)?(?:about\s+)?[\d.]+\s*[munµ]?A\b)|"
                         # ("1 mA ideal tail current": a source, said ideal)
                         r"current[- ]source\s+tail|\b(?:ideal|constant)\s+tail\s+current\b", re.IGNORECASE)
# "220 ohm emitter resistors into a common 15k tail", "RE = 100 ohm in each emitter": each emitter degenerated by its
# own resistor (RE then is that one, not the tail); "a 15k tail", "tail resistor of 15k": the tail's value.
_EACH_EMITTER = re.compile(r"\bemitter\s+(?:degeneration\s+)?resistors\b|\b(?:in|on)\s+each\s+emitter\b"
                           r"|\beach\s+emitter\b[^.;]{0,30}\bresistor|\bemitter\s+degeneration\b", re.IGNORECASE)
_TAIL_VALUE = re.compile(r"([\d.]+\s*(?:k|meg|m)?)\s*(?:\u03a9|ohms?)?\s+(?:common\s+|shared\s+)?tail\b(?!\s+current)"
                         r"|\btail\s+(?:resistor|resistance)\s*(?:of\s+|=\s*|is\s+)?([\d.]+\s*(?:k|meg|m)?)(?:\s*(?:\u03a9|ohms?))?\b",
                         re.IGNORECASE)


def _degenerated_pair(f: _Filler) -> tuple[float, float | None] | None:
    """(each emitter's resistor, the tail resistor the words give or None) of a pair degenerated emitter by emitter;
    None when its emitters join the tail directly."""
    if "RE" not in f.intent.values or not _EACH_EMITTER.search(f.intent.description):
        return None
    said = _TAIL_VALUE.search(f.intent.description)
    return f.intent.values["RE"].value, parse_number(said[1] or said[2]) if said else None


def _ltp_gain(f: _Filler) -> list:
    """One collector's share of the differential gain (inp driven, inn held, see _bjt_ltp): alpha (RC || ro) over
    2 (re + RE), RE each emitter's own resistor (none when the emitters join). The tail current: the stated one,
    else (VEE - VBE) over the tail resistor and half an emitter resistor (each carries half the tail)."""
    degenerated = _degenerated_pair(f)
    re_each = degenerated[0] if degenerated else 0.0
    if TAIL_SOURCE.search(f.intent.description):
        tail = used(f, "IBIAS", "IREF")
    else:
        rtail = degenerated[1] if degenerated and degenerated[1] else \
            used(f, "RE", *(["R"] if "RC" in f.intent.values else []))  # to -VEE = -VCC
        tail = (used(f, "VDD") - 0.7) / (rtail + re_each / 2)
        for _ in range(4):  # VBE at each transistor's share
            tail = (used(f, "VDD") - VT * math.log(tail / 2 / IS)) / (rtail + re_each / 2)
    ic = tail / 2
    rc = used(f, "RC", "R")
    ro = 100 / ic
    return [expect("gain", 0.5 * rc * ro / (rc + ro) / (VT / ic + re_each) * BETA / (BETA + 1), 0.25)]


def _push_pull_function(f: _Filler, ab: bool) -> list:
    peak, load = used(f, "VIN"), used(f, "RL", "R")
    if ab:  # no dead band: the peak less the emitter resistor's share
        low, high = 0.85 * peak * load / (load + _emitter_resistor(load)), 1.02 * peak
        what = "follows the input's peak (no dead band)"
    else:
        low, high = peak - 1.0, peak - 0.4
        what = "follows the input's peak less one VBE (the crossover dead band)"
    return [Probe(f"function: {what}", "{tran}\nmeas tran result max v({out}) from={half} to={stop}", low, high)]


# "a fully bypassed emitter resistor", "emitter bypass capacitor": the stage's gain is gm (RC || ro).
BYPASSED = re.compile(r"(?<!un)(?<!un-)bypassed\s+(?:emitter|re\b)|emitter\s+(?:resistor\s+)?(?:is\s+)?(?:fully\s+)?"
                      r"bypassed|(?:emitter\s+)?bypass(?:ing)?\s+cap", re.IGNORECASE)


def _bypassed(f: _Filler) -> bool:
    return bool(BYPASSED.search(f.intent.description)) and not UNBYPASSED.search(f.intent.description)


def _output_resistance(ic: float, vce: float) -> float:
    return (100 + vce) / ic  # the npn card's VAF = 100 V


def _ce_current(f: _Filler) -> float:
    """The stage's collector current: the stated one, else the one a stated RC drops half the supply at (the
    collector at mid-supply, "a 1k collector resistor, collector biased at half of 12 V": 6 mA), else 1 mA."""
    if {"IBIAS", "IREF"} & set(f.intent.values) or "RC" not in f.intent.values or _bypassed(f):
        return f.number("IBIAS", 1e-3, "IREF")
    return float(f"{f.number('VDD', 12) / 2 / f.number('RC', 1e3):.4g}")


def _divided_current(vcc: float, top: float, bottom: float, re_: float) -> float:
    """The collector current a divider of `top` over `bottom` sets through RE: (VTH - VBE) over RE and the
    divider's resistance seen through the base (beta), VBE at that current."""
    vth, rth = vcc * bottom / (top + bottom), top * bottom / (top + bottom)
    ic = 1e-3
    for _ in range(30):
        ic = max((vth - VT * math.log(ic / IS)) / (re_ * (BETA + 1) / BETA + rth / BETA), 1e-9)
    return ic


def _degenerated_gain(f: _Filler) -> list:
    rc, re_ = used(f, "RC"), used(f, "RE")
    pair = None if {"RB1", "RB2"} & set(f.intent.values) else divider_values(f.intent.description)
    ic = _divided_current(used(f, "VDD"), *pair, re_) if pair else _ce_current(f)  # a stated divider's bias
    if _bypassed(f):  # gm (RC || ro), ro at the collector's own VCE
        ro = _output_resistance(ic, used(f, "VDD") - ic * (rc + re_))
        return [expect("gain", -ic / VT * rc * ro / (rc + ro), 0.1)]
    return [expect("gain", -rc / (re_ + VT / ic) * BETA / (BETA + 1), 0.1)]


# --- cascodes --------------------------------------------------------------------------------

# The cascode's bias divider: R1 (vcc-b2), R2 (b2-b1), R3 (b1-0); Q1's base sits at 10/65 of the supply.
_CASCODE_DIVIDER = (33e3, 22e3, 10e3)


def _cascode_base(vcc: float, divider: tuple[float, float, float] = _CASCODE_DIVIDER) -> tuple[float, float, float]:
    """(VB1, the divider's Thevenin resistance at b1, VB2)."""
    r1, r2, r3 = divider
    return vcc * r3 / (r1 + r2 + r3), (r1 + r2) * r3 / (r1 + r2 + r3), vcc * (r2 + r3) / (r1 + r2 + r3)


def _emitter_volts(vcc: float, ic: float, divider: tuple[float, float, float] = _CASCODE_DIVIDER) -> float:
    """Q1's emitter at a collector current ic: VB1 less the base current's drop in the divider and VBE."""
    vb1, rth, _ = _cascode_base(vcc, divider)
    return vb1 - rth * ic / BETA - VT * math.log(ic / IS)


def _design_cascode_bias(intent, d, spec) -> None:
    """A stated bias current is Q1's collector current: the builder sizes its emitter resistance for it from
    the divider's base voltage (Ic = (VB1 - VBE)/RE, the Thevenin resistance carrying the base current)."""
    if "RE" in intent.values:
        return
    vcc = dz.given(intent, "VDD") or stated_supply(intent) or 12.0
    if _emitter_volts(vcc, spec.target) <= 0.05:
        d.problems.append(f"'{spec.text}': the divider's {_cascode_base(vcc)[0]:.3g} V base cannot carry that current")
        return
    dz.set_value(intent, d, "IBIAS", spec.target, "Ic = (VB1 - VBE)/RE", None)
    d.free, d.scale = (d.free, d.scale) if d.free else ("IBIAS", 1)


def _design_cascode_gain(intent, d, spec) -> None:
    """A stated gain is set by emitter degeneration: |A| = RC/(RE1 + re), RE1 the unbypassed part of Q1's
    emitter resistance (the builder's equations); the trim loop moves the gain it designs for."""
    gain = abs(spec.target) if spec.quantity == "gain" else 10 ** (spec.target / 20)
    intent.values.pop("GAIN", None)
    d.claimed.add("GAIN")
    dz.set_value(intent, d, "GAIN", float(f"{gain:.4g}"), "|gain| = RC/(RE1 + re)", None)
    d.free, d.scale = "GAIN", 1


def _design_cascode_level(intent, d, spec) -> None:
    """A stated output level is the upper collector's: RC = (VCC - Vout)/Ic at the current the builder biases Q1 for
    (the stated or 1 mA one under a gain, else what the bypassed emitter resistor draws); it must stay above Q2's
    emitter by a saturation voltage."""
    if {"RC", "RL", "R"} & set(intent.values):
        return
    vcc = dz.given(intent, "VDD") or stated_supply(intent) or 12.0
    gain = "GAIN" in intent.values or bool({"gain", "gain_db"} & set(d.wanted))
    ic = dz.given(intent, "IBIAS", "IREF") or (1e-3 if gain else _collector_current(vcc, 0.0,
                                                                                    dz.given(intent, "RE") or 1e3))
    floor = _cascode_base(vcc)[2] - 0.7 + 0.3
    if not floor < spec.target < vcc:
        d.problems.append(f"'{spec.text}': the output must sit between {floor:.3g} V (Q2's emitter) and the supply")
        return
    dz.set_value(intent, d, "RC", (vcc - spec.target) / ic, "RC = (VCC - Vout)/Ic", dz.E96)


def _design_cascode(intent, d, spec) -> None:
    {"current": _design_cascode_bias, "vout": _design_cascode_level}.get(spec.quantity, _design_cascode_gain)(
        intent, d, spec)


def _unbypassed_cascode(f: _Filler) -> bool:
    """An emitter resistor the request states, with no gain and no bypass capacitor said: the circuit as written,
    its emitter unbypassed (gain RC/(RE + re))."""
    return "RE" in f.intent.values and "GAIN" not in f.intent.values and "CE" not in f.intent.values \
        and not _bypassed(f)


def _cascode_values(f: _Filler) -> tuple[float, float, float, float]:
    """(Ic, RE1, RE, RC) of Q1's stage. With no gain stated the emitter resistor RE is bypassed whole (gm RC),
    its default 1k or sized for a stated bias current (a stated one with no bypass said is RE1, unbypassed whole).
    With a gain, RE1 (unbypassed) sets it: RC drops half
    the room above Q2's emitter (less when a small gain needs most of the emitter's voltage across RE1),
    RE1 = alpha RC/|A| - re, and the bypassed RE carries the rest of the emitter's voltage at Ic."""
    vcc = f.number("VDD", 12)
    _, _, vb2 = _cascode_base(vcc)
    room = vcc - (vb2 - 0.7 + 0.3)  # out stays above Q2's emitter (VB2 - VBE) by a saturation voltage
    alpha = BETA / (BETA + 1)
    stated_re = "RE" in f.intent.values
    if "GAIN" not in f.intent.values:
        if "IBIAS" in f.intent.values and not stated_re:
            ic = f.number("IBIAS", 1e-3)
            f.param("ic", f("IBIAS", 1e-3))  # the design target, for the reader
            re_ = float(f"{_emitter_volts(vcc, ic) * alpha / ic:.4g}")
        else:
            re_ = f.number("RE", 1e3)
            ic = _collector_current(vcc, 0.0, re_)
        default_rc = 4.7e3 if ic * 4.7e3 <= 0.8 * room else float(f"{room / (2 * ic):.4g}")
        rc = f.number("RC", default_rc, "RL", "R")
        return (ic, re_, 0.0, rc) if _unbypassed_cascode(f) else (ic, 0.0, re_, rc)
    gain = abs(f.number("GAIN", 10))
    ic = f.number("IBIAS", 1e-3, "IREF") if not stated_re else _collector_current(vcc, 0.0, f.number("RE", 1e3))
    ve = _emitter_volts(vcc, ic)
    rc = f.number("RC", float(f"{min(room / 2, 0.9 * gain * ve) / ic:.4g}"), "RL", "R")
    re1 = float(f"{max(alpha * rc / gain - VT / ic, 1.0):.4g}")
    re_ = f.number("RE", float(f"{max(ve * alpha / ic - re1, 1.0):.4g}"))
    return ic, re1, re_, rc


def _collector_current(vcc: float, re1: float, re_: float,
                       divider: tuple[float, float, float] = _CASCODE_DIVIDER) -> float:
    """Q1's collector current with RE1 + RE under its emitter (VBE at that current, by iteration)."""
    ic = 1e-3
    for _ in range(40):
        ic = max(_emitter_volts(vcc, ic, divider) * BETA / (BETA + 1) / (re1 + re_), 1e-9)
    return ic


def _cascode_divider(f: _Filler) -> tuple[float, float, float]:
    """The bases' divider: 33k/22k/10k, unless a stated load RC on a stated emitter resistor would saturate the
    stage at its bias (5k on 500 ohm from 15 V: 3 mA): then Q1's base moves down until RC drops half the room
    above Q2's emitter (Ic = room/(2 RC)), Q2's base staying where it was."""
    values = f.intent.values
    if not ({"RE", "RE1"} & set(values) and {"RC", "RL", "R"} & set(values)) or {"GAIN", "IBIAS"} & set(values):
        return _CASCODE_DIVIDER
    vcc, rc = used(f, "VDD", default=12.0), used(f, "RC", "RL", "R")
    emitter = sum(values[r].value for r in ("RE", "RE1") if r in values)
    _, _, vb2 = _cascode_base(vcc)
    room = vcc - (vb2 - 0.7 + 0.3)
    if _collector_current(vcc, 0.0, emitter) * rc <= 0.8 * room:
        return _CASCODE_DIVIDER
    ic = room / (2 * rc)
    r1, r2, r3 = _CASCODE_DIVIDER
    total, vb1 = r1 + r2 + r3, ic * emitter * (BETA + 1) / BETA + VT * math.log(ic / IS)
    bottom = float(f"{total * vb1 / vcc:.3g}")
    for _ in range(3):  # the base current's drop in the divider's Thevenin resistance
        bottom = float(f"{total * (vb1 + ic / BETA * bottom * (total - bottom) / total) / vcc:.3g}")
    return r1, r2 + r3 - bottom, bottom


def _cascode_gain(f: _Filler) -> list:
    """gm (RC || ro) of Q1 with its emitter bypassed, biased from the divider's tap (its Thevenin resistance
    carries the base current); with an unbypassed RE1, alpha^2 RC/(RE1 + re) (Q2 passes alpha of Q1's current)."""
    vcc, divider = used(f, "VDD"), _cascode_divider(f)
    vb1, rth, _ = _cascode_base(vcc, divider)
    re1 = used(f, "RE1") if "RE1" in f.asked else used(f, "RE") if _unbypassed_cascode(f) else 0.0
    if not re1:
        return [ce_gain(f, vb=vb1, rb=rth)]
    ic = _collector_current(vcc, re1, used(f, "RE") if "RE1" in f.asked else 0.0, divider)
    alpha = BETA / (BETA + 1)
    return [expect("gain", -alpha * alpha * used(f, "RC", "RL", "R") / (re1 + VT / ic), 0.1)]


def _bjt_cascode(f: _Filler) -> str:
    q = _bjt_model(f, "n")
    ic, re1, re_, rc_design = _cascode_values(f)
    rc = f("RC", rc_design, "RL", "R")
    # One divider biases both bases: Q1's at 10/65 of the supply, Q2's at 32/65, bypassed so Q2 is a
    # common-base stage holding Q1's collector still (no Miller effect). A stated gain puts RE1 unbypassed
    # under Q1's emitter: the gain is RC/(RE1 + re), the bypassed RE below it completes the bias.
    emitter = [f"R4 e 0 {f('RE', re_)}", f"C2 e 0 {f('CE', 100e-6)}"] if not re1 else \
        [f"R4 e 0 {f('RE', re1)}"] if not re_ else \
        [f"* Ic = {format_eng(ic)}A, |gain| = RC/(RE1 + re) = {abs(f.number('GAIN', 10)):.3g}",
         f"R6 e e2 {f('RE1', re1)}", f"R4 e2 0 {f('RE', re_)}", f"C2 e2 0 {f('CE', 100e-6)}"]
    if re1 and re_:
        f.param("gain", f("GAIN", 10))  # the design targets, for the reader
        f.param("ic", f("IBIAS", 1e-3, "IREF"))
    return "\n".join([f"V1 vcc 0 DC {f.supply('vcc', 12)}", _signal(f),
                      *(f"R{k} {a} {b} {format_eng(r)}" for k, (a, b), r in
                        zip((1, 2, 3), (("vcc", "b2"), ("b2", "b1"), ("b1", "0")), _cascode_divider(f))),
                      "C3 b2 0 10u",
                      f"C1 in b1 {f('CIN', 10e-6)}", f"Q1 c1 b1 e {q}", *emitter,
                      f"Q2 out b2 c1 {q}", f"R5 vcc out {rc}"])


_VB2 = 2.5  # the MOS cascode's common-gate bias, unless a gain asked designs it


def _design_mos_cascode(intent, d, spec) -> None:
    """A MOS cascode's gain: gm1 (RD || gm2 ro2 ro1) = beta Vov RD (1 + lambda VDS1) while RD is far below the
    cascode's output resistance. M1's drain sits an overdrive and 0.2 V above ground, M2's gate (VB2) a VT (body effect
    included) and an overdrive above that, and the output rests midway between the supply and M2's floor (its drain
    an overdrive and 0.2 V above its source): gain = 2 (VDD - Vout)/Vov sets the overdrive, the overdrive the gate's
    bias and the current, the current RD. A stated RD: the overdrive from the gain, the width too where the card's
    would drop more than the headroom."""
    gain = abs(spec.target) if spec.quantity == "gain" else 10 ** (spec.target / 20)
    intent.values.pop("GAIN", None)
    d.claimed.add("GAIN")
    if intent.polarity == "p" or dz.given(intent, "VGS", "VBIAS") is not None:
        return
    vdd, vto = abs(dz.given(intent, "VDD") or 5.0), dz.given(intent, "VTO") or 0.7
    kp, length = dz.given(intent, "KP") or 110e-6, dz.given(intent, "LG") or 1e-6
    beta = kp * (dz.given(intent, "W") or 10e-6) / length
    lam, gamma = dz.card_lambda(intent), 0.0 if dz.writes_model(intent) else 0.4
    rd = dz.given(intent, "RD", "RL", "R")

    def drop(vov: float) -> float:  # the headroom's half: RD's drop with the output midway to M2's floor
        return (vdd - (2 * vov + 0.4)) / 2

    vov = 0.2
    for _ in range(20):
        vov = 2 * drop(vov) / gain if rd is None else gain / (beta * rd * (1 + lam * (vov + 0.2)))
    if rd is not None and dz.given(intent, "W") is None and beta / 2 * vov ** 2 * rd > drop(vov) > 0:
        # the stated RD would drop too much at the card's width: the width that gives the gain at the drop's overdrive
        for _ in range(20):
            vov = 2 * drop(vov) / gain
        dz.set_value(intent, d, "W", gain * length / (kp * vov * rd * (1 + lam * (vov + 0.2))),
                     "W = gain L/(KP Vov RD), Vov = 2 (VDD - Vout)/gain", None)
        beta = kp * intent.values["W"].value / length
        for _ in range(5):
            vov = gain / (beta * rd * (1 + lam * (vov + 0.2)))
    mid = vov + 0.2
    current = beta / 2 * vov ** 2 * (1 + lam * mid)
    vt2 = vto + gamma * (math.sqrt(0.7 + mid) - math.sqrt(0.7))
    if drop(vov) <= 0 or not 0.02 <= vov <= 2 or rd is not None and current * rd > 2 * drop(vov):
        d.problems.append(f"'{spec.text}': no bias of this cascode on {format_eng(vdd)}V gives it (overdrive "
                          f"{vov:.3g} V)")
        return
    dz.set_value(intent, d, "VGS", vto + vov, "gain = beta Vov RD = 2 (VDD - Vout)/Vov", None)
    dz.set_value(intent, d, "VB2", mid + vt2 + vov, "VB2 = VDS1 + VT2 + Vov, VDS1 = Vov + 0.2 V", None)
    if rd is None:
        dz.set_value(intent, d, "RD", drop(vov) / current, "RD = (VDD - Vout)/ID, Vout midway to M2's floor", dz.E96)
        d.free, d.scale = "RD", 1


def _mos_cascode(f: _Filler) -> str:
    # M1 is the common-source device, M2 the common-gate device on top (gate at VB2), RD the load.
    return "\n".join([f"V1 vdd 0 DC {f.supply('vdd', 5)}", f"V2 in 0 DC {f('VGS', 1.2, 'VBIAS')} AC {f('VIN', 1)}",
                      f"V3 vb2 0 DC {f('VB2', _VB2)}", _mos_device(f, "n", "mid", "in", "0", "0", "M1"),
                      _mos_device(f, "n", "out", "vb2", "mid", "0", "M2"),
                      f"R1 vdd out {f('RD', 20e3, 'RL', 'R')}"])


register(Family(kind="bjt_cascode", summary="BJT cascode amplifier (common-emitter into common-base)",
                function=_cascode_gain,
                build=_bjt_cascode,
                names=("BJT cascode amplifier", "bipolar cascode amplifier", "NPN cascode stage",
                       "cascode amplifier with bipolar transistors"),
                rules=((13.4, (r"cascode\b", r"\b(?:npns?|pnps?|bjts?|bipolar)\b")),),
                source="V2", noun="amplifier", specs=("current", "gain", "gain_db", "vout"), design=_design_cascode,
                # "output at the upper collector, node x": the collector a user names is the stack's top one
                ports=(("collector", ("out", "c1")),),
                examples=(("current", "BJT cascode amplifier on 12 V, its common-emitter device biased at {x} A",
                           0.5e-3, 3e-3),
                          ("gain", "BJT cascode amplifier on 15 V with a gain of -{x} set by emitter degeneration",
                           3, 40),
                          ("gain_db", "NPN cascode amplifier on 12 V with {x} dB of voltage gain", 10, 30),
                          ("vout", "BJT cascode amplifier on 12 V, its output collector sitting at {x} V", 6.5, 10))))
register(Family(kind="mos_cascode", summary="MOSFET cascode amplifier (common-source into common-gate)",
                function=amplifies(5),
                build=_mos_cascode,
                names=("MOSFET cascode amplifier", "NMOS cascode amplifier", "cascode amplifier",
                       "cascode gain stage"),
                rules=((13.5, (r"cascode\b",)),),
                source="V2", mos=True, noun="amplifier", specs=("gain", "gain_db"), design=_design_mos_cascode,
                examples=(("gain", "NMOS cascode amplifier on 5 V with a gain of -{x}", 10, 80),
                          ("gain_db", "NMOS cascode amplifier on 9 V with {x} dB of gain", 20, 40))))


# --- compound pairs --------------------------------------------------------------------------

def _darlington(f: _Filler) -> str:
    q = _bjt_model(f, "n")
    # Q1's emitter drives Q2's base: a current gain of about bf^2, two VBE drops to the output.
    if (held := base_source(f)) is not None:  # a stated source on the first base drives it directly
        return "\n".join([f"V1 vcc 0 DC {f.supply('vcc', 12)}", f"V2 b 0 DC {held.dc:g} AC 1", f"Q1 vcc b e1 {q}",
                          f"Q2 vcc e1 out {q}", f"R2 out 0 {f('RE', 100, 'RL', 'R')}"])
    # "base biased at 7 V": a base bias level is the drive's (VIN)
    return "\n".join([f"V1 vcc 0 DC {f.supply('vcc', 12)}", f"V2 in 0 DC {f('VIN', 5, 'VBIAS')}",
                      f"R1 in b {f('RB', 10e3)}", f"Q1 vcc b e1 {q}", f"Q2 vcc e1 out {q}",
                      f"R2 out 0 {f('RE', 100, 'RL', 'R')}"])


# "4.7k from the rail to the PNP base", "the PNP's base pulled up by 10k": the output device's base resistor
_PNP_BASE = re.compile(r"\bpnp(?:'s)?\s+(?:output\s+)?(?:device'?s?\s+|transistor'?s?\s+)?base\b", re.IGNORECASE)


def _sziklai(f: _Filler) -> str:
    q, p = _bjt_model(f, "n"), _bjt_model(f, "p")
    # Complementary feedback pair: the NPN's collector current drives the PNP's base, the PNP's
    # collector feeds the NPN's emitter; one VBE drop, a current gain of about bf_n*bf_p.
    # A base resistor said of the PNP's base is R3 (the NPN's collector load); the input then drives the NPN's base
    # itself, as the request's own circuit does, unless it states the input's base resistor too.
    pnp_base = next((v for v in (f.intent.values.get(role) for role in ("RB", "R")) if v is not None and any(
        _PNP_BASE.search(clause) and _says(clause, v) for clause in _CLAUSES.split(f.intent.description))), None)
    drive = [f"V2 b 0 DC {f('VIN', 5, 'VBIAS')}"] if pnp_base else \
        [f"V2 in 0 DC {f('VIN', 5, 'VBIAS')}", f"R1 in b {f('RB', 10e3)}"]
    return "\n".join([f"V1 vcc 0 DC {f.supply('vcc', 12)}", *drive, f"Q1 c1 b out {q}",
                      f"R3 vcc c1 {f(pnp_base.role, 0) if pnp_base else '4.7k'}", f"Q2 out c1 vcc {p}",
                      f"R2 out 0 {f('RE', 100, *(['RL'] if pnp_base and pnp_base.role == 'R' else ['RL', 'R']))}"])


register(Family(kind="darlington_pair", function=follows(1.0, 1.7), summary="Darlington pair (emitter follower)",
                build=_darlington,
                names=("Darlington pair", "Darlington transistor", "Darlington emitter follower",
                       "NPN Darlington pair"),
                rules=((13.6, (r"darlington",)),),
                analysis="dc", dc_sweep="0 10 0.1", source="V2", signal_input=True,
                ports=(("emitter", ("out", "e1")),)))  # "the output emitter (node x)": Q2's, the pair's emitter
register(Family(kind="sziklai_pair", function=follows(0.45, 0.95), summary="Sziklai pair (complementary feedback pair)",
                build=_sziklai,
                names=("Sziklai pair", "complementary feedback pair", "Sziklai transistor pair"),
                rules=((13.61, (r"sziklai|complementary feedback pair",)),),
                analysis="dc", dc_sweep="0 10 0.1", source="V2", signal_input=True))


# --- AC-coupled followers into a load ------------------------------------------------------------

# "AC coupled", "through a coupling capacitor", "a 1k load (RL ..., AC coupled)": a follower biased on its own,
# its input and its load joined through capacitors.
AC_COUPLED = (r"\bac[- ]coupled|\bcoupling\s+cap|\bcapacitively[- ]coupled"
              r"|\bthrough\s+an?\s+(?:[\d.]+\s*[munµ]?f\s+)?(?:coupling\s+|blocking\s+)?cap")


def _least_gain(f: _Filler, design: float) -> float:
    """The gain a follower must reach: a stated one ("gain should stay above 0.9") when under 1, else 95 % of
    the gain it was designed for."""
    stated = used(f, "GAIN") if "GAIN" in f.intent.values else 0.0
    return stated if 0 < stated < 1 else 0.95 * design


def _coupled_load(f: _Filler, node: str) -> list[str]:
    """The coupling capacitor from `node` to out (a corner near 1.6 Hz in the load) and the load R4 (compose gives
    it the request's name, "load RL"); a stated gain under 1 is the least the function check accepts (a .param)."""
    if "GAIN" in f.intent.values and 0 < f.number("GAIN", 1) < 1:
        f.param("least_gain", f("GAIN", 1))
    rl = f.number("RL", 1e3, "R")
    return [f"C2 {node} out {f('COUT', float(f'{0.1 / rl:.2g}'))}", f"R4 out 0 {f('RL', 1e3, 'R')}"]


# "base biased at half the supply", "the first base at mid-supply", "two equal resistors": the divider's tap (not
# the emitter) at half the supply.
_BASE_AT_HALF = re.compile(r"\bbases?\b[^.;]{0,60}?\b(?:half|mid)[- ]?(?:the\s+|of\s+the\s+)?(?:[\d.]+\s*v\s+)?"
                           r"(?:supply|rail|vcc|way)"
                           r"|\bequal\s+(?:resistors|divider|values)|divider\s+of\s+two\s+equal", re.IGNORECASE)


def _loaded(f: _Filler) -> bool:
    """A load the request states, coupled off the emitter through C2; else the emitter itself is the output."""
    return "RL" in f.intent.values or \
        re.search(r"\bloads?\b|\bspeaker\b", f.intent.description, re.IGNORECASE) is not None


def _darlington_follower(f: _Filler) -> str:
    q = _bjt_model(f, "n")
    # The emitter sits at half the supply (VB two VBEs above it), so it swings both ways, unless the request puts
    # the base there; RE = RL puts the emitter's small-signal load at RL/2: gain = 1/(1 + 4 VT/VE). The divider is
    # stiff against the pair's base current IE/bf^2 (its drop under 5 % of VB), and no stiffer than 50k.
    vcc, re_ = f.number("VDD", 12), f.number("RE", f.number("RL", 1e3, "R"))
    half = _BASE_AT_HALF.search(f.intent.description) is not None
    vb = vcc / 2 if half else min(vcc / 2 + 1.4, 0.8 * vcc)
    ib = max(vb - 1.4, 0.1) / re_ / (BETA + 1) ** 2
    rth = min(50e3, 0.05 * vb / ib)
    vth = vb if half else vb + rth * ib  # (at half the supply: two equal resistors, the base current's sag kept small)
    emitter = "e" if _loaded(f) else "out"
    claim_divider(f)  # ("base divider 100k/100k": the stated pair, not the designed one)
    coupling = _coupling(f, False) or f.intent.values.get("C")
    return "\n".join([f"V1 vcc 0 DC {f.supply('vcc', 12)}", _signal(f),
                      f"C1 in b {f(coupling.role if coupling else 'CIN', 10e-6)}",
                      f"R1 vcc b {f('RB1', float(f'{rth * vcc / vth:.3g}'), 'RB')}",
                      f"R2 b 0 {f('RB2', float(f'{rth * vcc / (vcc - vth):.3g}'))}", f"Q1 vcc b e1 {q}",
                      f"Q2 vcc e1 {emitter} {q}", f"R3 {emitter} 0 {f('RE', f.number('RL', 1e3, 'R'))}",
                      *(_coupled_load(f, "e") if _loaded(f) else [])])


def _darlington_gain(f: _Filler) -> list:
    """R/(R + 2 VT/IE), R = RE || RL: Q2's re plus Q1's, which its base current scales down to Q2's; with no load
    the emitter is the output and rests at VE = IE RE."""
    vcc, rb1, rb2, re_ = used(f, "VDD"), used(f, "RB1", "RB"), used(f, "RB2"), used(f, "RE")
    vth, rth = vcc * rb2 / (rb1 + rb2), rb1 * rb2 / (rb1 + rb2)
    low, high = 1e-9, vth / re_
    for _ in range(60):  # IE where VB (less Q1's base current, IE/bf^2, in the divider) - 2 VBE = IE RE
        ie = (low + high) / 2
        ve = vth - rth * ie / (BETA + 1) ** 2 - VT * math.log(ie / IS) - VT * math.log(ie / (BETA + 1) / IS)
        low, high = (ie, high) if ve > ie * re_ else (low, ie)
    rl = used(f, "RL", "R") if _loaded(f) else math.inf
    r = re_ * rl / (re_ + rl) if _loaded(f) else re_
    gain = r / (r + 2 * VT / ie)
    follows_ = gain_between(_least_gain(f, gain), 1.0, f"follows its input into the load ({gain:.3f} designed)")
    if _loaded(f):
        return [follows_]
    return [follows_, Probe(f"function: its output rests two VBE below the base, at {ie * re_:.3g} V",
                            "op\nlet result = v({out})", 0.93 * ie * re_, 1.07 * ie * re_)]


register(Family(kind="darlington_follower", function=_darlington_gain,
                summary="AC-coupled Darlington emitter follower driving a load",
                build=_darlington_follower,
                names=("AC-coupled Darlington emitter follower", "divider-biased Darlington emitter follower",
                       "Darlington emitter follower with a coupling capacitor",
                       "capacitively coupled Darlington buffer"),
                # a divider-biased pair the signal is coupled into is this circuit, not the DC-driven pair
                rules=((13.59, (r"darlington", AC_COUPLED)),
                       (13.591, (r"darlington", r"divider|coupled\s+in|(?:via|through)\s+an?\s+(?:coupling\s+)?cap"
                                                    r"|\bequal\s+resistors|\bbase\b[^.;]{0,30}\b(?:half|mid)[- ]")),),
                source="V2", noun="amplifier", ports=(("emitter", ("e", "out", "e1")),)))


def _source_follower_design(f: _Filler) -> tuple[float, float, float, float]:
    """(W, RS, ID, designed gain) of an NMOS follower, its body tied to its source (a discrete part's: no body
    effect) and its gate at half the supply: the source sits VTO + Vov (0.2 V) below it, and ID is chosen so that
    gm (RS || RL) = k, gm = 2 ID/Vov: with a = gm RS = 2 VS/Vov fixed by the bias, gm RL = a k/(a - k)."""
    vdd, rl = f.number("VDD", 10), f.number("RL", 1e3, "R")
    kp, vto, vov, length = used(f, "KP", default=_KP), used(f, "VTO", default=_VTO), 0.2, f.number("LG", 1e-6)
    vs = max(vdd / 2 - vto - vov, 0.2)
    a = 2 * vs / vov
    k = min(12.0, 0.6 * a)
    ident = a * k / (a - k) * vov / (2 * rl)
    w = 2 * ident / (kp * vov ** 2) * length
    return float(f"{w:.3g}"), float(f"{vs / ident:.4g}"), ident, k / (1 + k)


def _ac_source_follower(f: _Filler) -> str:
    w, rs, ident, _ = _source_follower_design(f)
    f.param("id", format_eng(ident))  # the design's drain current, for the reader
    # R1 = R2 hold the gate at half the supply; RS sets the drain current, C2 carries the source's signal to RL.
    return "\n".join([f"V1 vdd 0 DC {f.supply('vdd', 10)}", _signal(f), f"C1 in g {f('CIN', 1e-6)}",
                      f"R1 vdd g {f('RG', 1e6)}", "R2 g 0 1meg", _mos_device(f, "n", "vdd", "g", "s", "s", "M1", w=w),
                      f"R3 s 0 {f('RS', rs)}", *_coupled_load(f, "s")])


def _aspect(f: _Filler) -> float:
    """The device's W/L as built: SPICE's own W = L where the request leaves it unsized ("W = L, default")."""
    try:
        return used(f, "W") / used(f, "LG")
    except KeyError:
        return 1.0


def _ac_source_follower_gain(f: _Filler) -> list:
    """gm R/(1 + gm R), R = RS || RL || ro, gm and ro at the square law's bias (lambda included)."""
    vdd, rs, rl = used(f, "VDD"), used(f, "RS"), used(f, "RL", "R")
    kp, vto = used(f, "KP", default=_KP), used(f, "VTO", default=_VTO)
    vg, ident, scale = vdd * 1e6 / (used(f, "RG") + 1e6), 0.0, 1.0
    for _ in range(4):  # ID = beta/2 (VG - ID RS - VTO)^2, beta scaled by (1 + lambda VDS) at the last solution
        beta = kp * _aspect(f) * scale
        vov = (math.sqrt(1 + 2 * beta * rs * max(vg - vto, 0)) - 1) / (beta * rs) if rs else max(vg - vto, 0)
        ident = beta / 2 * vov * vov
        scale = 1 + 0.04 * (vdd - ident * rs)
    gm = 2 * ident / vov
    r = 1 / (1 / rs + 1 / rl + 0.04 * ident)
    gain = gm * r / (1 + gm * r)
    return [gain_between(_least_gain(f, gain), 1.0, f"follows its input into the load ({gain:.3f} designed)")]


register(Family(kind="mos_ac_source_follower", function=_ac_source_follower_gain,
                summary="AC-coupled NMOS source follower driving a load",
                build=_ac_source_follower,
                names=("AC-coupled NMOS source follower", "NMOS source follower with a coupling capacitor",
                       "capacitively coupled MOSFET source follower"),
                rules=((15.9, (r"source[- ]follower|common[- ]drain", AC_COUPLED,
                               r"^(?![\s\S]*\b(?:pmos|p-channel|jfets?)\b)")),),
                source="V2", mos=True, noun="amplifier"))


# --- current mirrors and sources -------------------------------------------------------------

_IMPROVED = re.compile(r"\bimproved\b|\b(?:four|4)[- ](?:transistors?|npns?|bjts?)\b|\bfour\s+(?:npn|bjt)",
                       re.IGNORECASE)


def _wilson(f: _Filler) -> str:
    supply = f"V1 vdd 0 DC {_mirror_supply(f)}"
    col, sense = current_output(f)
    if _bipolar_unless_mos(f.intent.description):
        q = _bjt_model(f, "n")
        # Q3's base current error is fed back through Q1/Q2: Iout = Iref (1 - 2/bf^2). The improved (four-
        # transistor) Wilson puts the diode Q4 over Q1, holding Q1's VCE at Q2's as M4 does below.
        q1 = [f"Q4 x x m {q}", f"Q1 m n1 0 {q}"] if _IMPROVED.search(f.intent.description) else [f"Q1 x n1 0 {q}"]
        # (its reference node x two VBEs up: Q3's over the diode Q2's)
        return "\n".join([supply, mirror_reference(f, "x", 1e-3, 2), *q1,
                          f"Q2 n1 n1 0 {q}", f"Q3 {col} x n1 {q}", sense])
    # MOS Wilson: M3's source feeds the diode M2, which mirrors into M1; M1's drain pulls M3's
    # gate (x) down until the currents match. The diode M4 in series with M1 holds M1's drain at
    # M2's (the "improved" Wilson), so the copy is exact despite lambda.
    return "\n".join([supply, f"I1 vdd x DC {f('IREF', 100e-6, 'IBIAS')}",
                      _mos_device(f, "n", "x", "x", "m", "0", "M4"),
                      _mos_device(f, "n", "m", "y", "0", "0", "M1"),
                      _mos_device(f, "n", "y", "y", "0", "0", "M2"),
                      _mos_device(f, "n", col, "x", "y", "0", "M3"), sense])


def _cascode_mirror(f: _Filler) -> str:
    supply = f"V1 vdd 0 DC {_mirror_supply(f)}"
    col, sense = current_output(f)
    if _bipolar(f):
        q = _bjt_model(f, "n")
        return "\n".join([supply, f"I1 vdd r2 DC {f('IREF', 1e-3, 'IBIAS')}", f"Q3 r2 r2 r1 {q}",
                          f"Q1 r1 r1 0 {q}", f"Q4 {col} r2 o1 {q}", f"Q2 o1 r1 0 {q}", sense])
    # Stacked diode-connected devices bias the cascode gate; M4 holds M2's drain at M1's.
    return "\n".join([supply, f"I1 vdd r2 DC {f('IREF', 100e-6, 'IBIAS')}",
                      _mos_device(f, "n", "r2", "r2", "r1", "0", "M3"),
                      _mos_device(f, "n", "r1", "r1", "0", "0", "M1"),
                      _mos_device(f, "n", col, "r2", "o1", "0", "M4"),
                      _mos_device(f, "n", "o1", "r1", "0", "0", "M2"), sense])


def _widlar(f: _Filler) -> str:
    supply = f"V1 vdd 0 DC {_mirror_supply(f)}"
    col, sense = current_output(f)
    bjt = _bipolar_unless_mos(f.intent.description)
    iout = _widlar_output(f)
    re_ = f"R2 e2 0 {f('RE', 2.7e3, 'RS')}"
    if iout is not None and not {"RE", "RS"} & set(f.intent.values):  # RE designed for the output stated
        exact, how = _widlar_re(f.number("IREF", 1e-3), iout, bjt)
        f.param("iout", f("IBIAS", iout))  # the design target, for the reader
        re_ = f"* {how}\nR2 e2 0 {format_eng(float(f'{exact:.4g}'))}"
    if bjt:
        q = _bjt_model(f, "n")
        return "\n".join([supply, mirror_reference(f, "ref", 1e-3), f"Q1 ref ref 0 {q}", f"Q2 {col} ref e2 {q}", re_,
                          sense])
    return "\n".join([supply, f"I1 vdd ref DC {f('IREF', 100e-6, 'IBIAS')}",
                      _mos_device(f, "n", "ref", "ref", "0", "0", "M1"),
                      _mos_device(f, "n", col, "ref", "e2", "0", "M2"), re_, sense])


_DIVIDER = {False: (10e3, 3.3e3), True: (3.3e3, 10e3)}  # the base divider's (top, bottom): NPN, PNP


def _sources_pnp(intent) -> bool:
    """A PNP current source: its emitter resistor to the rail, its collector sourcing into a load to ground."""
    # (or read from what it does: "2 mA through whatever hangs between ld and ground")
    return intent.polarity == "p" and bool(re.search(r"\bpnps?\b", f"{intent.description} {intent.reading or ''}",
                                                     re.IGNORECASE))


def _bjt_current_source(f: _Filler) -> str:
    pnp = _sources_pnp(f.intent)
    q = _bjt_model(f, "p" if pnp else "n")
    # The divider fixes the base (or the source the request holds it with: "base held at 2.7 V by
    # VB"); the emitter resistor turns (VB - VBE) into the current, which the collector delivers to
    # the load whatever its voltage (down to saturation): the load resistor from the supply to the collector
    # out (the current measured across it, and "the collector c" is the output), or the source the request
    # names to hold out (current_output). A PNP is the same upside down: the divider's top sets the base below
    # the rail, the emitter resistor sits on the rail and the load goes to ground.
    base = [f"VB b 0 DC {f('VBIAS', 2.7)}"] if "VBIAS" in f.intent.values else \
        [f"R1 vcc b {f('RB1', _DIVIDER[pnp][0], 'RB')}", f"R2 b 0 {f('RB2', _DIVIDER[pnp][1])}"]
    if (diode := _base_diode(f.intent)) is not None:  # "a 5.1 V zener on the base", "an LED as the reference"
        sort, volts = diode
        card = f.model("dzener", f".model dzener D (is=1p n=1 rs=2 bv={f.number('VZ', volts):g} ibv=5m)") \
            if sort == "zener" \
            else f.model("dled", f".model dled D (is={LED[0]:g} n={LED[1]:g} rs={LED[2]:g} cjo=20p)")
        pins = "0 b" if sort == "zener" else "b 0"  # the zener reverse-biased, the LED forward
        base = [f"R1 vcc b {f('RB1', _BASE_FEED, 'RB')}", f"D1 {pins} {card}"]
    re_ = 1e3
    if "IBIAS" in f.intent.values and "RE" not in f.intent.values:  # "sinking 3 mA": RE set for it
        f.param("i", f("IBIAS", 1e-3))  # the design target, for the reader
        re_ = float(f"{_source_re(f.intent, f.number('IBIAS', 1e-3)):.4g}")
    supply = f"V1 vcc 0 DC {f.supply('vcc', 12)}"
    if pnp and not ("VBIAS" in f.intent.values or _base_diode(f.intent)):
        return "\n".join([supply, *base, f"R4 vcc e {f('RE', re_)}", f"Q1 out b e {q}",
                           f"R3 out 0 {f('RL', 1e3, 'R', 'RC')}"])
    col, load = current_output(f, "vcc") if output_holder(f.intent) is not None else \
        ("out", f"R3 vcc out {f('RL', 1e3, 'R', 'RC')}")  # "3.3k collector load": RC
    return "\n".join([supply, *base, load, f"Q1 {col} b e {q}", f"R4 e 0 {f('RE', re_)}"])


# The output device's collector (drain) as a request names it is the output node: the device's own pin
# sits behind the ammeter V9 (current_output), which hides it from the pins compose reads.
MIRROR_PORTS = (("collector", ("out",)), ("drain", ("out",)))
# A mirror's reference is a current source (or a resistor) the request may name as a part: "a current source
# from the 5 V rail into the diode-connected side", "an ideal current source", "a reference current source".
MIRROR_PARTS = r"(?:(?:ideal|reference)\s+)?current\s+(?:source|sink)s?"


def _held_by(f: _Filler) -> tuple[str, float] | None:
    """(name, level) of the source holding the output (output_holder)."""
    if (holder := output_holder(f.intent)) is not None and holder.name and holder.dc is not None:
        return holder.name, holder.dc
    return None


_LEVELS = re.compile(r"(?<![\w.])(\d+(?:\.\d+)?)\s?V\b")


def _rail_over_holder(f: _Filler) -> float | None:
    """The rail when the supply read is the level the output's source holds ("output held at 1.5 V by VC,
    3.3 V supply" read as a 1.5 V supply): the highest other level the request writes; None otherwise."""
    held = _held_by(f)
    stated = f.intent.values.get("VDD")
    if held is None or (stated is not None and abs(stated.value - held[1]) > 1e-9):
        return None
    others = [float(m[1]) for m in _LEVELS.finditer(f.intent.description) if abs(float(m[1]) - held[1]) > 1e-9]
    if not others:
        return None
    if stated is not None:
        f.given("VDD", 0)  # read, as the holder's level: the rail is the other one
    return max(others)


def _mirror_supply(f: _Filler) -> str:
    """The rail as a .param: the supply read, or the level _rail_over_holder finds."""
    rail = _rail_over_holder(f)
    return f.supply("vdd", 5) if rail is None else f.param("vdd", format_eng(rail))


def _bipolar_unless_mos(description: str) -> bool:
    """The classic (bipolar) circuit unless MOS devices are named: the Widlar and Wilson mirrors."""
    return bool(_BJT_WORDS.search(description)) or not re.search(
        r"\b(?:[np]mos|mosfets?|mos|[np]?-?fets?|[np]-channel)\b|\bW\s*/\s*L\b|\b(?:kp|vto)\b", description,
        re.IGNORECASE)


def _widlar_re(iref: float, iout: float, bjt: bool) -> tuple[float, str]:
    """The emitter (source) resistor that makes a Widlar source give `iout` from `iref`, and how:
    Iout RE = Vt ln(Iref/Iout) (BJT); (VGS1 - VGS2)/Iout with the square law (MOS)."""
    if bjt:
        # Q2's larger VCE (Early effect, VAF = 100 V) and the base currents taken from Iref.
        ic1 = iref * BETA / (BETA + 2)
        exact = VT * math.log(ic1 * (1 + 4.3 / 100) / (iout * (1 + 0.7 / 100))) / (iout * (1 + 1 / BETA))
        return exact, "Iout RE = Vt ln(Iref/Iout)"
    beta = 110e-6 * 10  # kp W/L of the 10u/1u devices
    vgs1 = 0.7 + math.sqrt(2 * iref / beta)
    vs = 0.0
    for _ in range(20):  # M2's source rises: the body effect raises its threshold
        vth = 0.7 + 0.4 * (math.sqrt(0.7 + vs) - math.sqrt(0.7))
        vs = vgs1 - vth - math.sqrt(2 * iout / beta)
    return vs / iout, "RS = (VGS1 - VGS2)/Iout, square law with the body effect"


def _widlar_output(f: _Filler) -> float | None:
    """The output current the request gives as a second current below the reference ("1 mA in the
    reference transistor, 10 uA out of the output"), which the builder designs RE for."""
    values = f.intent.values
    if "IREF" in values and "IBIAS" in values and 0 < values["IBIAS"].value < values["IREF"].value:
        return f.number("IBIAS", 0)
    return None


def _design_widlar(intent, d, spec) -> None:
    """RE from the output current asked for (_widlar_re)."""
    bjt = _bipolar_unless_mos(intent.description)
    iref = dz.given(intent, "IREF", "IBIAS") or (1e-3 if bjt else 100e-6)
    iout = spec.target
    if iout >= iref:
        d.problems.append(f"'{spec.text}': a Widlar source gives less than its reference ({format_eng(iref)}A)")
        return
    exact, how = _widlar_re(iref, iout, bjt)
    if "RE" not in intent.values and "RS" not in intent.values:
        dz.set_value(intent, d, "RE", exact, how, dz.E96)
        d.free, d.scale = "RE", -1


# A zener's (or an LED's) voltage as the current source's base reference: "referenced to a 5.1 V zener", "a 6.2 V
# zener diode sets the base", "a red LED as the reference".
_BASE_ZENER = re.compile(r"(?<![\w.])(\d+(?:\.\d+)?)\s?V\s+zener|zener\s+(?:diode\s+)?(?:of\s+)?(\d+(?:\.\d+)?)\s?V\b",
                         re.IGNORECASE)
BASE_LED = (r"\bleds?\s+(?:as|for)\s+(?:the\s+|its\s+)?(?:voltage\s+)?reference|"
            r"\bleds?\b[^.;,:]{0,25}\b(?:on|to|at|from|across)\s+(?:the\s+)?base|\b(?:reference|base)\s+(?:diode\s+)?(?:is\s+)?(?:an?\s+)?(?:\w+\s+)?leds?\b")
_BASE_LED = re.compile(BASE_LED, re.IGNORECASE)
_BASE_FEED = 2.2e3  # the zener's (LED's) feed from the supply: a few mA on a 9-24 V rail
LED = (1e-20, 1.9, 2.0)  # sensors.LED's card (is, n, rs): about 2 V at 10 mA


def _base_diode(intent) -> tuple[str, float] | None:
    """('zener', Vz) or ('led', VF at its feed current) when a zener or an LED sets the current source's base."""
    if m := _BASE_ZENER.search(intent.description):
        return "zener", float(m[1] or m[2])
    if _BASE_LED.search(intent.description):
        vcc = dz.given(intent, "VDD") or stated_supply(intent) or 12.0
        rb, vf = dz.given(intent, "RB1", "RB") or _BASE_FEED, 1.8
        for _ in range(20):  # the LED's current through the feed, and its drop at that current
            i = max((vcc - vf) / rb, 1e-6)
            vf = LED[1] * VT * math.log(i / LED[0]) + i * LED[2]
        return "led", vf
    return None


def _base_drive(intent) -> tuple[float, float]:
    """The current source's base: the source holding it (VBIAS), a zener or LED (_base_diode), else the divider's
    Thevenin voltage and resistance from the supply (stated, else 12 V) and RB1/RB2 (10k/3.3k, the builder's
    defaults)."""
    if "VBIAS" in intent.values:
        return intent.values["VBIAS"].value, 0.0
    if (diode := _base_diode(intent)) is not None:
        return diode[1], 0.0
    vcc = dz.given(intent, "VDD") or stated_supply(intent) or 12.0
    pnp = _sources_pnp(intent)
    r1, r2 = dz.given(intent, "RB1", "RB") or _DIVIDER[pnp][0], dz.given(intent, "RB2") or _DIVIDER[pnp][1]
    return vcc * (r1 if pnp else r2) / (r1 + r2), r1 * r2 / (r1 + r2)


def _source_re(intent, i: float) -> float:
    """I = (VB - VBE)/RE, the base current's drop across the divider's resistance in VB (a PNP's VB measured
    down from the rail)."""
    vth, rth = _base_drive(intent)
    return (vth - rth * i / BETA - VT * math.log(i / IS)) / (i * (1 + 1 / BETA))


def _design_current_source(intent, d, spec) -> None:
    """RE for the current asked for (_source_re)."""
    if "RE" not in intent.values:
        dz.set_value(intent, d, "RE", _source_re(intent, spec.target), "I = (VB - VBE)/RE", dz.E96)
        d.free, d.scale = "RE", -1


register(Family(kind="wilson_mirror", function=_wilson_copies, summary="Wilson current mirror",
                build=_wilson,
                names=("Wilson current mirror", "Wilson mirror", "BJT Wilson current mirror",
                       "MOS Wilson current mirror"),
                rules=((6.6, (r"wilson(?:\s+current\s+(?:source|sink))?\b",)),),
                accepts=MIRROR_PARTS, analysis="op", mos=True, source="I1", ports=MIRROR_PORTS,
                specs=("current",), design=design_mirror_current,
                examples=(("current", "Wilson current mirror with an output current of {x} A", 20e-6, 500e-6),)))
register(Family(kind="widlar_mirror", function=_widlar_function, summary="Widlar current source",
                build=_widlar,
                names=("Widlar current source", "Widlar current mirror", "Widlar mirror",
                       "BJT Widlar current source"),
                rules=((6.7, (r"widlar(?:\s+current\s+(?:source|sink))?\b",)),),
                accepts=MIRROR_PARTS, analysis="op", mos=True, source="I1", ports=MIRROR_PORTS,
                specs=("current",), design=_design_widlar,
                examples=(("current", "BJT Widlar current source with an output current of {x} A", 10e-6, 500e-6),)))
register(Family(kind="cascode_mirror", function=_copies, summary="cascode current mirror",
                build=_cascode_mirror,
                names=("cascode current mirror", "MOS cascode current mirror", "BJT cascode current mirror",
                       "cascoded current mirror"),
                rules=((6.5, (r"cascoded?\b", r"\bmirror\b")),),
                accepts=MIRROR_PARTS, analysis="op", mos=True, source="I1", ports=MIRROR_PORTS,
                specs=("current",), design=design_mirror_current,
                examples=(("current", "cascode current mirror with an output current of {x} A", 20e-6, 300e-6),)))
register(Family(kind="bjt_current_source", summary="BJT current source (divider-biased, emitter resistor)",
                function=_current_source_function,
                build=_bjt_current_source,
                names=("BJT current source", "bipolar transistor current source", "NPN current sink",
                       "transistor current source"),
                rules=((6.8, (r"current (?:source|sink)", r"\b(?:npns?|pnps?|bjts?|bipolar|transistors?)\b")),
                       # an LED that sets the base is its reference, not the load an LED driver runs
                       (6.7, (r"current (?:source|sink)", BASE_LED))),
                analysis="op",
                specs=("current",), design=_design_current_source,
                examples=(("current", "BJT current source with an output current of {x} A", 200e-6, 5e-3),)))


_PNP_VAF, _PNP_BF = 80.0, 80.0  # the pnp card's Early voltage and beta
_BY_RESISTOR = re.compile(r"set\s+by\s+(?:a|one|the)\s+(?:reference\s+)?resistor|reference\s+resistor|"
                          r"resistor\s+(?:that\s+)?sets|\bresistor\b[^.;]{0,40}\bsets\b", re.IGNORECASE)


def _pnp_mirror_design(f: _Filler) -> tuple[float, float, float]:
    """(Iref, Iout wanted, Q2's area): Q2's area makes Iout = ratio x Iref with both base currents taken from
    the reference and Q2's larger VEC (Early effect): A (1 + VEC2/VAF - ratio/BF) = ratio (1 + VEB/VAF + 1/BF)."""
    iref = f.number("IREF", 1e-3, "IBIAS")
    ratio = mirror_ratio(f.intent)
    vdd = rail if (rail := _rail_over_holder(f)) is not None else f.number("VDD", 5)
    veb = VT * math.log(iref / IS)
    held = _held_by(f)
    vout = held[1] if held is not None else iref * ratio * f.number("RL", 1e3, "R") if "RL" in f.intent.values \
        or "R" in f.intent.values else 0.0
    vec2 = max(vdd - vout, veb)
    area = ratio * (1 + veb / _PNP_VAF + 1 / _PNP_BF) / (1 + vec2 / _PNP_VAF - ratio / _PNP_BF)
    return iref, iref * ratio, area


def _pnp_mirror(f: _Filler) -> str:
    """Q1 diode-connected from the rail, the reference current drawn out of its base-collector node to ground
    (a sink, or the resistor (VDD - VEB)/Iref); Q2 sources the copy into the load to ground."""
    q = _bjt_model(f, "p")
    vdd = rail if (rail := _rail_over_holder(f)) is not None else f.number("VDD", 5)
    iref, _, area = _pnp_mirror_design(f)
    if _BY_RESISTOR.search(f.intent.description):
        f.param("iref", f("IREF", 1e-3, "IBIAS"))  # the design target, for the reader
        reference = f"* Rref = (VDD - VEB)/Iref\nR9 ref 0 {format_eng((vdd - VT * math.log(iref / IS)) / iref)}"
    else:
        reference = f"I1 ref 0 DC {f('IREF', 1e-3, 'IBIAS')}"
    # the copy flows through the ammeter V9 into the load at out: the source holding it, a resistor, or ground
    held = _held_by(f)
    if held is not None:
        col, out = "col", f"V9 col out DC 0\n{held[0]} out 0 DC {held[1]:g}"
    elif {"RL", "R"} & set(f.intent.values):
        col, out = "col", f"V9 col out DC 0\nR1 out 0 {f('RL', 1e3, 'R')}"
    else:
        col, out = "out", "V9 out 0 DC 0"
    return "\n".join([f"V1 vdd 0 DC {_mirror_supply(f)}", reference, f"Q1 ref ref vdd {q}",
                      f"* Q2's area {area:.3g}: the base currents and its VEC compensated",
                      f"Q2 {col} ref vdd {q} {area:.4g}", out])


def _pnp_copies(f: _Filler) -> list:
    _, iout, _ = _pnp_mirror_design(f)
    return [Probe(f"function: the output sources {format_eng(iout)}A into its load", "op\nlet result = abs(i(V9))",
                  0.95 * iout, 1.05 * iout)]


register(Family(kind="pnp_current_mirror", function=_pnp_copies, build=_pnp_mirror,
                summary="PNP current mirror (sources its copy from the positive rail into a load to ground)",
                names=("PNP current mirror", "PNP mirror sourcing current into a grounded load"),
                # (a mirror ratioed by emitter resistors is bjt_ratio_mirror's)
                rules=((6.72, (r"\bpnps?\b", r"\bmirror",
                               r"^(?![\s\S]*(?:emitter\s+resistors?|ratioed|\d\s*:\s*\d))")),),
                accepts=MIRROR_PARTS, analysis="op", source="V1", ports=MIRROR_PORTS, specs=("current",),
                design=design_mirror_current,
                examples=(("current", "PNP current mirror with an output current of {x} A", 50e-6, 2e-3),)))


def _vbe_referenced(f: _Filler) -> str:
    """Q1 carries the output current through RE; Q2, its base on RE's top, steals Q1's base drive from R1
    until RE drops one VBE: Iout = VBE(Q2)/RE, whatever the supply (to first order)."""
    # (the output's load, when no source holds it, only where one is stated: R, here, is the bias resistor)
    col, sense = current_output(f) if _held_by(f) is not None or "RL" in f.intent.values else ("out", "V9 vdd out DC 0")
    q = _bjt_model(f, "n")
    vdd = _vbe_supply(f)
    return "\n".join([f"V1 vdd 0 DC {format_eng(vdd)}", f"R2 vdd b1 {f('RB', 47e3, 'R', 'R1')}",
                      f"Q1 {col} b1 e1 {q}", f"Q2 b1 e1 0 {q}", f"R3 e1 0 {f('RE', _vbe_re(f), 'RS', 'R2')}",
                      sense])


def _vbe_supply(f: _Filler) -> float:
    """The rail: the highest level stated other than the one the output holder sets, else 5 V."""
    held = h[1] if (h := _held_by(f)) is not None else None
    levels = [v.value for r in ("VDD", "VIN") if (v := f.intent.values.get(r)) is not None and v.value != held]
    for r in ("VDD", "VIN"):
        if r in f.intent.values and f.intent.values[r].value != held:
            f.given(r, 0)
    return max(levels or [5.0])


def _vbe_current(vdd: float, r1: float, re_: float) -> float:
    """Iout = VBE(Q2)/RE, Q2's collector current the rest of R1's: (VDD - VBE1 - VBE2)/R1 less Q1's base
    current (iterated)."""
    i = 0.6 / re_
    for _ in range(30):
        i2 = max((vdd - 2 * VT * math.log(max(i, 1e-12) / IS)) / r1 - i / BETA, 1e-9)
        i = VT * math.log(i2 / IS) / re_
    return i


def _vbe_re(f: _Filler) -> float:
    """RE for the output current stated (about VBE/I), else 6.8k."""
    wanted = f.intent.values.get("IBIAS") or f.intent.values.get("IOUT")
    if wanted is None or {"RE", "RS", "R2"} & set(f.intent.values):
        return 6.8e3
    f.given("IBIAS", 0, "IOUT")
    re_ = 6.8e3
    for _ in range(20):  # VBE depends on the current RE sets
        re_ *= _vbe_current(_vbe_supply(f), f.number("RB", 47e3, "R", "R1"), re_) / wanted.value
    return float(f"{re_:.3g}")


def _design_vbe(intent, d, spec) -> None:
    """RE for the current asked for: Iout = VBE(Q2)/RE (_vbe_current), iterated as VBE follows the current."""
    if {"RE", "RS", "R2"} & set(intent.values):
        return
    f = _Filler(intent)
    vdd, r1, re_ = _vbe_supply(f), f.number("RB", 47e3, "R", "R1"), 6.8e3
    for _ in range(20):
        re_ *= _vbe_current(vdd, r1, re_) / spec.target
    dz.set_value(intent, d, "RE", re_, "Iout = VBE(Q2)/RE", dz.E96)
    d.free, d.scale = "RE", -1


def _vbe_function(f: _Filler) -> list:
    i = _vbe_current(_vbe_supply(f), used(f, "RB", "R", "R1"), used(f, "RE", "RS", "R2"))
    return [expect("current", i, 0.08)]


register(Family(kind="vbe_referenced_current_source",
                summary="VBE-referenced current source (Q2 senses Q1's emitter resistor: Iout = VBE/RE)",
                function=_vbe_function, build=_vbe_referenced,
                names=("VBE-referenced current source", "VBE referenced current source",
                       "VBE-based current sink"),
                rules=((6.75, (r"\bv_?be[- ](?:referenced|reference|based|multiplier\s+current)",
                               r"current\s+(?:source|sink|reference)")),
                       # "two-transistor current source", "one NPN senses the emitter resistor's VBE"
                       (6.74, (r"\b(?:two|2)[- ]transistor\s+(?:constant[- ])?current\s+(?:source|sink|limiter)|"
                               r"\bsens\w*\b[^.;]{0,50}\bv_?be\b|\bv_?be\b[^.;]{0,30}\bsens",
                               r"current\s+(?:source|sink)")),),
                accepts=MIRROR_PARTS, analysis="op", source="V1", ports=MIRROR_PORTS,
                specs=("current",), design=_design_vbe,
                examples=(("current", "VBE-referenced current source on 12 V sinking {x} A", 100e-6, 2e-3),)))


# --- collector-feedback bias ------------------------------------------------------------------------

_BETA_STATED = re.compile(r"(?:\bbeta|\u03b2|\bh_?fe|\bbf)\s*(?:=|:|of|is)?\s*(?:about\s+)?(\d+(?:\.\d+)?)\b|"
                          r"\((?:beta|\u03b2|h_?fe)\s+(\d+)", re.IGNORECASE)
_RESISTOR_ROLES = ("RC", "RF", "RB", "RL", "R", "R1", "R2", "RD")


def _feedback_parts(f: _Filler) -> tuple[float, float, float, float]:
    """(VCC, RC, RF, beta): the larger of two resistors stated is the feedback one (it must be, by about beta,
    for the collector to sit above saturation), the smaller the collector load, whatever roles they were read
    in; the supply the highest level stated."""
    stated = sorted({f.intent.values[r].value for r in _RESISTOR_ROLES if r in f.intent.values})
    for r in _RESISTOR_ROLES:
        if r in f.intent.values:
            f.given(r, 0)
    if len(stated) > 1:
        rc, rf = stated[0], stated[-1]
    elif stated and {"RC", "RL"} & set(f.intent.values):  # the collector resistor alone: RF about 50 x
        rc, rf = stated[0], 50 * stated[0]
    elif stated:  # the feedback resistor alone
        rc, rf = stated[0] / 50, stated[0]
    else:
        rc, rf = 4.7e3, 220e3
    levels = [f.intent.values[r].value for r in ("VDD", "VIN") if r in f.intent.values and f.given(r, 0)]
    m = _BETA_STATED.search(f.intent.description)
    return max(levels or [12.0]), rc, rf, float(m[1] or m[2]) if m else float(BETA)


def _collector_feedback(f: _Filler) -> str:
    vcc, rc, rf, beta = _feedback_parts(f)
    card = f"npn_b{beta:g}"
    f.model(card, f".model {card} NPN (is=1e-14 bf={beta:g} vaf=100 cje=1p cjc=1p tf=0.3n)")
    # RF from the collector returns the base current: a collector falling toward the base starves the base,
    # so the operating point holds against beta and temperature
    return "\n".join([f"V1 vcc 0 DC {format_eng(vcc)}", "V2 in 0 DC 0 AC 1", "C1 in b 10u",
                      f"R1 vcc out {format_eng(rc)}", f"R2 out b {format_eng(rf)}", f"Q1 out b 0 {card}"])


def _collector_volts(vcc: float, rc: float, rf: float, beta: float) -> float:
    """Vc = VBE + IB RF, IC = beta IB, (VCC - Vc)/RC = IC + IB (VBE at IC, the Early effect of VCE = Vc)."""
    ic = 1e-3
    for _ in range(50):
        vc = VT * math.log(max(ic, 1e-12) / IS) + ic / beta * rf
        ic = max((vcc - vc) / rc / (1 + 1 / beta), 1e-9) * 0.5 + ic * 0.5
    return VT * math.log(ic / IS) + ic / beta * rf


def _feedback_function(f: _Filler) -> list:
    vc = _collector_volts(*_feedback_parts(f))
    return [Probe(f"function: the collector sits at VBE + IB RF = {vc:.3g} V", "op\nlet result = v({out})",
                  0.93 * vc, 1.07 * vc)]


register(Family(kind="bjt_collector_feedback", function=_feedback_function, build=_collector_feedback,
                summary="common-emitter NPN biased by collector-to-base feedback (RF from collector to base)",
                names=("collector-feedback biased common-emitter stage", "BJT with collector-to-base feedback bias"),
                rules=((14.9, (r"collector[- ](?:to[- ]base[- ])?feedback|feedback\s+bias\w*\s+from\s+the\s+collector",
                               r"\b(?:npn|bjts?|bipolar|transistor|common[- ]emitter|stage)\b")),),
                accepts=r"common[- ]emitter(?:\s+(?:npn|stage|amplifier))?",
                analysis="op", source="V2", noun="amplifier"))


# --- the two-transistor current limiter ---------------------------------------------------------------

def _limit_parts(f: _Filler) -> tuple[float, float, float]:
    """(supply, sense resistor, load): the sense resistor the request gives (RS, else the unnamed R), else one
    sized for a stated limit (about 0.7 V over it), else 1 ohm; the load RL, else 10 ohm."""
    levels = [f.intent.values[r].value for r in ("VDD", "VIN") if r in f.intent.values and f.given(r, 0)]
    if "VBIAS" in f.intent.values:  # "when the drop reaches 0.6 V": Q2's VBE, which the design assumes
        f.param("vbe", f("VBIAS", 0.7))
    limit = f.intent.values.get("IBIAS")
    sense = f.number("RS", 0.7 / limit.value if limit else 1.0, "R", "RSENSE")
    if limit:
        f.param("ilim", f("IBIAS", 1))  # the limit asked for, for the reader (the sense resistor sets it)
    return max(levels or [12.0]), sense, f.number("RL", 10)


def _current_limiter(f: _Filler) -> str:
    vcc, sense, load = _limit_parts(f)
    # R1 feeds Q1's base twice the base current the limit needs (beta 100); past the limit Q2, its base-emitter
    # across the sense resistor, takes the rest away: the output current stops near VBE(Q2)/RS
    rb = max((vcc - 2.0) / (0.02 * 0.7 / sense), 10.0)
    return "\n".join([f"V1 vcc 0 DC {format_eng(vcc)}", f"R1 vcc b {format_eng(float(f'{rb:.2g}'))}",
                      f"Q1 vcc b e {_bjt_model(f, 'n')}", f"R2 e out {format_eng(sense)}",
                      f"Q2 b e out {_bjt_model(f, 'n')}", f"R3 out 0 {format_eng(load)}"])


def _limits(f: _Filler) -> list:
    vcc, sense, load = _limit_parts(f)
    limit = 0.7 / sense  # VBE(Q2) over RS, Q2 then conducting milliamps
    if limit * load > vcc - 2.5:  # the load draws less than the limit: the follower passes the base level
        return [Probe("function: under the limit, the load current stays below VBE/RS",
                      f"op\nlet result = v({{out}})/{load:g}", 0, 1.1 * limit)]
    return [Probe(f"function: the load current is held near VBE/RS = {format_eng(limit)}A",
                  f"op\nlet result = v({{out}})/{load:g}", 0.8 * limit, 1.2 * limit)]


register(Family(kind="bjt_current_limiter", function=_limits, build=_current_limiter,
                summary="two-transistor current limiter (a pass NPN whose base drive a second NPN takes over the "
                        "sense resistor's VBE)",
                names=("two-transistor current limiter", "NPN current limiter with a sense resistor",
                       "BJT current limit with a sense resistor"),
                rules=((13.5, (r"current[- ]limit(?:er|ing|ed)?\b|current\s+limit\b",
                               r"\b(?:npns?|bjts?|transistors?|pass)\b", r"\bsense\b|\bsensing\b|two[- ]transistor")),),
                accepts=r"(?:emitter[- ])?follower",
                analysis="op", source="V1"))


# --- differential and output stages ----------------------------------------------------------

def _bjt_ltp(f: _Filler) -> str:
    q = _bjt_model(f, "n")
    # V3, from inn to inp, is the differential input v(inp) - v(inn); V4 holds inn (the common mode) at
    # 0 V: the test bench requests word as "one base grounded", "AC on inp only" or "a differential input
    # between inp and inn". The tail resistor to -VEE sets about 1 mA. outp is Q2's collector (in phase
    # with inp), the output.
    # A tail current stated with a tail resistor ("a resistor to -12 V setting about 2 mA") sizes that resistor:
    # RE = (VEE - VBE)/I, the joined emitters a VBE below the grounded bases.
    vee = abs(f.number("VDD", 12))
    designed = float(f"{(vee - 0.7) / f.number('IBIAS', 1e-3, 'IREF'):.3g}") if {"IBIAS", "IREF"} & set(
        f.intent.values) else 11e3
    degenerated = _degenerated_pair(f)
    if degenerated:  # the tail's value and the negative rail, whatever roles the reader gave them, are used
        _rail_roles(f, vee)
        for role in [r for r, v in f.intent.values.items() if v.unit == "ohm" and r != "RE" and degenerated[1]
                     and math.isclose(v.value, degenerated[1])]:
            f.given(role, 0)
    tail = f"I1 tail vee DC {f('IBIAS', 1e-3, 'IREF')}" if TAIL_SOURCE.search(f.intent.description) else \
        f"R3 tail vee {format_eng(degenerated[1] or designed)}" if degenerated else \
        f"R3 tail vee {f('RE', designed, *(['R'] if 'RC' in f.intent.values else []))}"  # "a 22k tail resistor"
    # each emitter's own resistor between it and the tail: the gain falls to RC/(2 (re + RE))
    emitters = ("e1", "e2") if degenerated else ("tail", "tail")
    own = [f"R5 e1 tail {f('RE', 100)}", f"R6 e2 tail {f('RE', 100)}"] if degenerated else []
    level = f.intent.values.get("VIN")  # "bases at 0 V DC": the bases' level; the small signal stays AC 1
    # "on +/-9 V ... a resistor to -9 V": a level minus the supply's is the negative rail, never the drive
    rail = level is not None and level.value < 0 and math.isclose(-level.value, vee)
    # ("tie base ltp_b to ground": the other base held at 0 V by V4, the drive on one base alone)
    minus = "0" if GROUNDED_PIN.search(f.intent.description) else "inn"
    drive = f"V3 inp {minus} DC {f('VIN', 0)} AC 1" if level is not None and level.value == 0 else \
        f"V3 inp {minus} DC 0 AC 1" if rail else f"V3 inp {minus} DC 0 AC {f('VIN', 1)}"
    if {"IBIAS", "IREF"} & set(f.intent.values):
        f.param("itail", f("IBIAS", 1e-3, "IREF"))  # the design target, for the reader
    return "\n".join([f"V1 vcc 0 DC {f.supply('vcc', 12)}", f"V2 vee 0 DC {f('VIN', -vee) if rail else '{-vcc}'}",
                      drive, "V4 inn 0 DC 0",
                      f"R1 vcc outn {f('RC', 10e3, 'R')}", f"R2 vcc outp {f('RC', 10e3, 'R')}",
                      f"Q1 outn inp {emitters[0]} {q}", f"Q2 outp inn {emitters[1]} {q}", *own, tail])


def _push_pull(f: _Filler, ab: bool) -> str:
    q, p = _bjt_model(f, "n"), _bjt_model(f, "p")
    lines = [f"V1 vcc 0 DC {f.supply('vcc', 12)}", "V3 vee 0 DC {-vcc}",
             f"V2 in 0 DC 0 AC 1 SIN(0 {f('VIN', 5)} {f('FREQ', 1e3)})"]
    load = f"R3 out 0 {f('RL', 100, 'R')}"
    if not ab:  # class B: each transistor conducts half a cycle; the output dead band is the crossover
        return "\n".join(lines + [f"Q1 vcc in out {q}", f"Q2 vee in out {p}", load])
    # Class AB: D1/D2, fed by R1/R2, hold the bases two diode drops apart, so both transistors
    # carry a small quiescent current and the crossover dead band closes; R4/R5 stabilise it.
    # The diodes are the transistors' own base-emitter junction (as if thermally matched), so the
    # quiescent current stays near the bias current; R4/R5 are a twentieth of the load, at most 1 ohm
    # (0.4 ohm for 8 ohm), or they and the VBE swing take a fifth of the output.
    # R1/R2 feed the peak base current (the load's peak over bf) twice over, or the output clips.
    d = f.model("dvbe", ".model dvbe D (is=1e-14 n=1 rs=0.5)")
    peak, rl = abs(f.number("VIN", 5)), f.number("RL", 100, "R")
    re_ = format_eng(_emitter_resistor(rl))
    rbias = format_eng(min(2.2e3, max(abs(f.number("VDD", 12)) - peak - 0.7, 0.5) / (2 * peak / (rl * BETA))))
    return "\n".join(lines + [f"R1 vcc bn {rbias}", f"D1 bn in {d}", f"D2 in bp {d}", f"R2 bp vee {rbias}",
                              f"Q1 vcc bn en {q}", f"R4 en out {re_}", f"Q2 vee bp ep {p}", f"R5 ep out {re_}", load])


def _emitter_resistor(load: float) -> float:
    return min(1.0, load / 20)


# An output stage names the load it drives ("driving an 8 Ω speaker"): a resistor, not a circuit to build.
_DRIVES_SPEAKER = r"(?:loud)?speakers?|headphones?"

register(Family(kind="bjt_long_tailed_pair", summary="BJT long-tailed pair (differential amplifier)",
                function=_ltp_gain,
                build=_bjt_ltp,
                names=("BJT long-tailed pair", "bipolar differential pair", "NPN differential amplifier",
                       "BJT differential pair", "emitter-coupled pair"),
                # (or a pair said by its bipolar pins: "10k collector resistors", "drive base ltp_a")
                rules=((5.5, (r"(?:differential|diff\.?) (?:pair|amp(?:lifier)?)|long[- ]tailed",
                              r"\b(?:npns?|pnps?|bjts?|bipolar|collectors?|bases?|emitters?)\b",
                              r"^(?![\s\S]*\b(?:[np]mos|mosfets?|drains?|gates?|jfets?)\b)")),
                       (5.5, (r"emitter[- ]coupled\s+(?:pair|differential|amp)",))),
                ports=(("grounded base", ("inn",)),),
                source="V3", output="outp", noun="amplifier"))
register(Family(kind="class_b_push_pull", summary="class B push-pull output stage (complementary followers)",
                function=lambda f: _push_pull_function(f, False),
                build=lambda f: _push_pull(f, False),
                names=("class B push-pull output stage", "push-pull amplifier", "class B output stage",
                       "complementary push-pull emitter follower"),
                rules=((13.8, (r"push[- ]pull|class[- ]?b\b|complementary (?:emitter[- ])?followers?",)),),
                accepts=_DRIVES_SPEAKER,
                analysis="tran", tran=("10u", "3m"), source="V2", signal_input=True, noun="amplifier"))
register(Family(kind="class_ab_push_pull", summary="class AB push-pull output stage (diode-biased)",
                function=lambda f: _push_pull_function(f, True),
                build=lambda f: _push_pull(f, True),
                names=("class AB push-pull output stage", "class AB amplifier", "diode-biased push-pull stage",
                       "class AB output stage"),
                rules=((13.69, (r"class[- ]?ab\b|diode[- ]biased", r"push[- ]pull")),
                       (13.7, (r"class[- ]?ab\b|diode[- ]biased",))),
                analysis="tran", tran=("10u", "3m"), source="V2", signal_input=True, noun="amplifier"))


# --- JFET, common-base and common-gate stages ------------------------------------------------

def _jfet_card(f: _Filler) -> tuple[str, str]:
    """The JFET's polarity and model name, its card carrying the threshold and BETA the request states."""
    pol = f.polarity("n")
    card, vto, beta = JFET[pol]
    stated = re.search(r"\bbeta\s*=", f.intent.description, re.IGNORECASE)  # a model parameter: composed in
    beta_text = format_eng(beta if stated else f.number("BETA", beta))
    pinch = f.number("VTO", vto)
    pinch = -abs(pinch) if pol == "p" else pinch  # "VTO = 2" said of a p-channel part is ngspice's -2
    return pol, f.model(card.split()[0], f".model {card} (vto={format_eng(pinch)} "
                                         f"beta={beta_text} cgs=3p cgd=1p)")


def _jfet_square_law(f: _Filler) -> tuple[float, float]:
    """|VTO| and BETA as built: the request's model parameters (as compose writes them on the card), else the
    card's defaults."""
    _, vto, beta = JFET[f.polarity("n")]
    written = {p.name: p.value for p in f.request.model_params}
    return abs(written.get("vto") or used(f, "VTO", default=vto)), written.get("beta") or used(f, "BETA", default=beta)


def _jfet(f: _Filler, follower: bool) -> str:
    pol, model = _jfet_card(f)
    coupling = _coupling(f, False)
    lines = [f"V1 vdd 0 DC {f.supply('vdd', 15 if pol == 'n' else -15)}", _signal(f),
             f"C1 in g {f(coupling.role if coupling else 'CIN', 1e-6)}", f"R1 g 0 {f('RG', 1e6)}"]
    if follower:  # self-biased source follower: VGS settles where Id*RS = -VGS
        return "\n".join(lines + [f"J1 vdd g out {model}", f"R2 out 0 {f('RS', 2.2e3, 'RL', 'R')}"])
    # Self-biased common source: RS sets VGS = -Id*RS (about 1 mA of the 4 mA IDSS), CS bypasses it; a stated load
    # beside RD hangs on the drain (through the output's coupling capacitor when one is stated).
    drain, load = _loaded_output(f, "d", ("RD",))
    # (a JFET has no emitter: a resistor the reader gave the emitter's role, "source resistor 470 ohm bypassed", is
    # the source's)
    # the source's bypass, unless the request leaves it unbypassed ("an unbypassed 470 ohm from the source")
    bypass = [] if UNBYPASSED.search(f.intent.description) else [f"C2 s 0 {f('CE', 100e-6)}"]
    return "\n".join(lines + [f"J1 {drain} g s {model}", f"R2 s 0 {f('RS', 1e3, 'RE')}", *bypass,
                              f"R3 vdd {drain} {f('RD', 4.7e3, 'RL', 'R')}", *load])


def _jfet_current_source(f: _Filler) -> str:
    pol, model = _jfet_card(f)
    # Gate tied to the source's far end, RS between them: the current settles where |VGS| = Id RS on the square
    # law. An n-channel part sinks from the load at the rail; a p-channel one sits on the high side (its source
    # toward the rail) and sources into the load at ground.
    rs = f"R2 {'vdd s' if pol == 'p' else 's 0'} {f('RS', _jfet_rs(f))}"
    if pol == "p":
        return "\n".join([f"V1 vdd 0 DC {f.supply('vdd', 12, magnitude=True)}", rs,
                          f"J1 d vdd s {model}", f"R1 d 0 {f('RL', 5e3, 'RD', 'R')}"])
    if (held := _held_by(f)) is not None:  # "the drain held at 10 V by VJ": that source is the load
        for role in ("VDD", "VIN"):  # its level read as a supply's or an input's
            if (stated := f.intent.values.get(role)) is not None and abs(stated.value - held[1]) < 1e-9:
                f.given(role, 0)
        # on the node the request holds (else the family's output, d); the current is the holder's own
        node = next((s.node for s in f.request.sources if s.node and s.dc == held[1]), "d")
        return "\n".join([f"J1 {node} 0 s {model}", rs, f"{held[0]} {node} 0 DC {held[1]:g}"])
    return "\n".join([f"V1 vdd 0 DC {f.supply('vdd', 12)}", f"R1 vdd d {f('RL', 5e3, 'RD', 'R')}",
                      f"J1 d 0 s {model}", rs])


def _jfet_rs(f: _Filler) -> float:
    """RS for the current the request states (Id = BETA (|VTO| - Id RS)^2), else 1k."""
    if "IBIAS" not in f.intent.values:
        return 1e3
    i = f.number("IBIAS", 0)
    if (rs := _self_bias_rs(*_jfet_square_law(f), i)) is None:  # more than IDSS: reported, not met
        return 1e3
    f.param("i", format_eng(i))  # the design target, for the reader
    return float(f"{rs:.4g}")


def _self_bias_rs(vp: float, beta: float, i: float) -> float | None:
    """The source resistor that self-biases a JFET at `i` (Id = BETA (|VTO| - Id RS)^2); None above IDSS."""
    return (vp - math.sqrt(i / beta)) / i if 0 < i < beta * vp * vp else None


def _design_jfet_source(intent, d, spec) -> None:
    """RS for the current asked for ("source resistor sized for 1 mA"): _self_bias_rs."""
    if "RS" in intent.values:
        return
    vp, beta = _jfet_law(intent)
    if (rs := _self_bias_rs(vp, beta, spec.target)) is None:
        d.problems.append(f"'{spec.text}': more than the JFET's IDSS ({format_eng(beta * vp * vp)}A)")
        return
    dz.set_value(intent, d, "RS", rs, "Id = BETA (|VTO| - Id RS)^2", dz.E96)
    d.free, d.scale = "RS", -1


def _self_bias(vp: float, beta: float, rs: float) -> float:
    """Id = BETA (|VTO| - Id RS)^2, the root below IDSS (ngspice's JFET law: no factor 1/2, lambda 0)."""
    a = beta * rs * rs  # beta rs^2 Id^2 - (2 beta vp rs + 1) Id + beta vp^2 = 0
    b = 2 * beta * vp * rs + 1
    return (b - math.sqrt(b * b - 4 * a * beta * vp * vp)) / (2 * a) if rs > 0 else beta * vp * vp


def _jfet_current(f: _Filler) -> list[Spec | Probe]:
    """The self-bias current (_self_bias) flows through the load."""
    vp, beta = _jfet_square_law(f)
    ident = _self_bias(vp, beta, used(f, "RS"))
    if f.polarity("n") == "n" and (held := _held_by(f)) is not None:  # the holder's own current
        return [Probe(f"function: sinks {format_eng(ident)}A from the held drain (square law)",
                      f"op\nlet result = abs(i({held[0]}))", 0.9 * ident, 1.1 * ident)]
    rl = used(f, "RL", "RD", "R")
    across = "v({out})" if f.polarity("n") == "p" else "v(vdd)-v({out})"  # the load's ends (_jfet_current_source)
    return [Probe(f"function: {'sources' if f.polarity('n') == 'p' else 'sinks'} {format_eng(ident)}A through the "
                  "load (square law)", f"op\nlet result = abs({across})/{rl:g}", 0.9 * ident, 1.1 * ident)]


def _jfet_cs_gain(f: _Filler) -> list:
    """-gm (RD || RL), gm = 2 sqrt(BETA Id) at the self-bias current; the bypassed source adds nothing at 1 kHz, an
    unbypassed one degenerates it: / (1 + gm RS)."""
    vp, beta = _jfet_square_law(f)
    rs = used(f, "RS", "RE")
    gm = 2 * math.sqrt(beta * _self_bias(vp, beta, rs))
    degeneration = 1 + gm * rs if UNBYPASSED.search(f.intent.description) else 1.0
    return [expect("gain", -gm * _load_of(f, used(f, "RD", "RL", "R"), ("RD",)) / degeneration, 0.2)]


def _jfet_law(intent) -> tuple[float, float]:
    """_jfet_square_law before the build: from the intent and the request's model parameters."""
    return _jfet_square_law(_Filler(intent))


_E12 = (1.0, 1.2, 1.5, 1.8, 2.2, 2.7, 3.3, 3.9, 4.7, 5.6, 6.8, 8.2)


def _design_jfet_gain(intent, d, spec) -> None:
    """|A| = gm RD, gm = 2 sqrt(BETA Id), Id set by RS (self bias). A lower current gives more gain per volt
    across RD, so RS is picked (E12, 100 ohm to 100k) where the drain sits nearest the middle of its room
    (between VDD and the source plus the overdrive and a volt); a stated RS or RD is kept."""
    if spec.quantity == "current" and spec.target > 0 and dz.given(intent, "RS", "RE") is None:
        # "drain current 1 mA": self bias at that current, |VGS| = |VP| - sqrt(Id/BETA), RS = |VGS|/Id
        vp, beta = _jfet_law(intent)
        vgs = vp - math.sqrt(spec.target / beta)
        if vgs <= 0:
            d.problems.append(f"'{spec.text}': at or above IDSS, no self bias draws it")
            return
        dz.set_value(intent, d, "RS", vgs / spec.target, "self bias: RS = |VGS|/Id, |VGS| = |VP| - sqrt(Id/BETA)",
                     dz.E96)
        return
    if spec.quantity not in ("gain", "gain_db"):
        return
    gain = abs(spec.target) if spec.quantity == "gain" else 10 ** (spec.target / 20)
    d.claimed.add("GAIN")
    intent.values.pop("GAIN", None)
    if {"RD", "RL", "R"} & set(intent.values):
        return
    vp, beta = _jfet_law(intent)
    vdd = abs(dz.given(intent, "VDD") or stated_supply(intent) or 15)
    stated_rs = dz.given(intent, "RS", "RE")
    best: tuple[float, float, float] | None = None  # (distance from mid-room, RS, RD)
    for rs in [stated_rs] if stated_rs else [m * 10 ** e for e in range(2, 5) for m in _E12] + [1e5]:
        ident = _self_bias(vp, beta, rs)
        rd = gain / (2 * math.sqrt(beta * ident))
        floor = ident * rs + math.sqrt(ident / beta) + 1.0  # the drain must stay out of the triode region
        vd = vdd - ident * rd
        if vd < floor:
            continue
        distance = abs(vd - (vdd + floor) / 2)
        if best is None or distance < best[0]:
            best = (distance, rs, rd)
    if best is None:
        d.problems.append(f"'{spec.text}': no source resistor leaves the drain room for that gain on {vdd:g} V")
        return
    if not stated_rs:
        dz.set_value(intent, d, "RS", best[1], "self bias: the drain mid-way in its room", None)
    dz.set_value(intent, d, "RD", best[2], "|gain| = 2 sqrt(BETA Id) RD", dz.E96)
    d.free, d.scale = "RD", 1


# A negative rail or a DC-grounded base: the grounded-base stage of the textbooks, its emitter resistor returned to
# -VEE (an NPN whose base sits at 0 V cannot be biased from one positive rail).
_SPLIT_CB = re.compile(r"\bbase\s+(?:is\s+|sits\s+|tied\s+|connected\s+)?"
                       r"(?:grounded|(?:at|to)\s+(?:ground|gnd|0\s*v)\b)|"
                       r"\bvee\b|\u00b1|\+/-|\+-\s*\d|(?<![\w.])[-\u2212]\s*\d+(?:\.\d+)?\s*v\b|"
                       r"negative\s+(?:rail|supply)|(?:split|dual)\s+(?:rails?|suppl)", re.IGNORECASE)


def _split_cb(intent) -> bool:
    return bool(_SPLIT_CB.search(intent.description))


# "emitter through 4.3k to -5 V, collector through 5.1k to +10 V": rails said by their sign
_SIGNED_LEVEL = re.compile(r"(?<![\w.\u00b1/])(?<!\+-)([-\u2212+])\s?(\d+(?:\.\d+)?)\s*V\b")


def _split_rails(intent) -> tuple[float, float]:
    """(VCC, VEE) magnitudes of a split-rail stage: the levels said with their signs ("-5 V", "+10 V"), the
    positive one else the stated supply; one level for both where the request gives one ("±12 V", "VEE")."""
    signed = [(m[1], float(m[2])) for m in _SIGNED_LEVEL.finditer(intent.description)]
    supply = abs(dz.given(intent, "VDD") or stated_supply(intent) or 12)
    vee = next((v for sign, v in signed if sign != "+"), None)
    vcc = next((v for sign, v in signed if sign == "+"), None)
    if vee is None:
        return vcc or supply, vcc or supply
    if vcc is None:  # "-5 V" and a supply of another size ("on 12 V"): the positive rail is the supply
        vcc = supply if abs(supply - vee) > 1e-9 or not re.search(r"\u00b1|\+/?-", intent.description) else vee
    return vcc, vee


def _rail_roles(f: _Filler, *levels: float) -> set[str]:
    """The roles whose values are the rails' levels ("+10 V" read as an input, "-5 V" as the supply), marked as
    used: they are the rails, not a signal or a supply of their own."""
    roles = {role for role, v in f.intent.values.items() if v.unit == "V" and role in ("VDD", "VIN", "VBIAS")
             and any(math.isclose(abs(v.value), level) for level in levels)}
    for role in roles:
        f.given(role, 0)
    return roles


def _source_resistance(intent) -> None:
    """"The generator drives the emitter through 50 Ω and a coupling capacitor", "a 600 ohm source resistance": the
    resistor the reader took for RE is the signal's series resistance (RS), in front of the coupling capacitor; RE
    is then the stage's own (designed from a stated bias current). Never one that returns somewhere ("through 4.3k
    to -5 V", "to ground", "to the emitter")."""
    if "RS" in intent.values:
        return
    for role in ("RE", "R", "RIN"):  # the role the reader gave it ("a 50 ohm generator": a bare R)
        if (found := intent.values.get(role)) is None:
            continue
        text = re.escape(found.text)
        series = (rf"through\s+(?:an?\s+)?{text}(?!\s*(?:\w+\s+)?(?:to|from)\s+(?:ground|gnd|the\s+emitter|"
                  rf"(?:the\s+)?(?:negative|vee|[-\u2212+]\s?\d)))"
                  rf"|(?:source|generator)\s+(?:resistance|impedance)\s+(?:of\s+|is\s+|=\s*)?{text}"
                  rf"|{text}\s+(?:source\s+|generator\s+|signal\s+)?(?:source|generator)\b")
        # (nor one said after the level it returns to: "emitter to -6 V through 5.6k")
        if any(not re.search(r"\bto\s+(?:the\s+)?[-+\u2212]?\d[\d.]*\s*V\s+$", intent.description[:m.start()],
                             re.IGNORECASE) for m in re.finditer(series, intent.description, re.IGNORECASE)):
            intent.values["RS"] = dataclasses.replace(intent.values.pop(role), role="RS")
            for twin in ("RE", "R", "RIN"):  # ("a 50 ohm generator ..., then 50 ohm": the one resistor, said twice)
                said = intent.values.get(twin)
                if said is not None and math.isclose(said.value, found.value) and re.search(
                        rf"{re.escape(said.text)}\s+(?:signal\s+)?(?:generator|source)\b", intent.description, re.I):
                    intent.values.pop(twin)
            return


# "output taken from the collector through 10 uF into a 47k load", "output jout coupled with 10 uF into 22k"
_INTO_LOAD = re.compile(r"\bload\b|\binto\b|\bcoupl", re.IGNORECASE)


def _stage_load(f: _Filler, own: tuple[str, ...]) -> Value | None:
    """A load the request states beside the stage's own collector or drain resistor (`own`, stated): RL, or a bare
    resistor said in the same clause as the output's coupling ("into 22k"); None when the stage has no load of its
    own (a lone RL is then that resistor, as the builders read it)."""
    if not set(own) & set(f.intent.values):
        return None
    if "RL" in f.intent.values:
        return f.intent.values["RL"]
    bare = f.intent.values.get("R")
    if bare is None or any(math.isclose(bare.value, x) for x in divider_values(f.intent.description) or ()):
        return None  # (a figure of the bias divider, "1meg over 330k", is no load)
    return bare if any(_INTO_LOAD.search(c) and _says(c, bare) for c in _CLAUSES.split(f.intent.description)) \
        else None


def _capacitor_said(f: _Filler, words: str, besides: tuple[str, ...]) -> Value | None:
    """The first capacitor (not of the roles `besides`) said in a clause with `words`: its role is then what those
    words make it, whatever role the reader's nearest keyword gave it."""
    clauses = [c for c in _CLAUSES.split(f.intent.description) if re.search(words, c, re.IGNORECASE)]
    return next((v for v in f.intent.values.values() if v.unit == "F" and v.role not in besides
                 and any(_says(c, v) for c in clauses)), None)


def _coupling(f: _Filler, output: bool) -> Value | None:
    """The capacitor that couples the input in (CIN) or the output into its load (COUT), else a capacitor of no such
    role said in that port's words: from the output's word on where that clause also says where it goes ("output
    jout coupled with 10 uF into 22k"), from the input's word up to the output's ("input jin coupled with 1 uF to
    the gate")."""
    if (role := "COUT" if output else "CIN") in f.intent.values:
        return f.intent.values[role]
    for clause in re.split(r";|\.(?!\d)", f.intent.description):
        outs = [m.start() for m in re.finditer(r"\bout(?:put)?\b", clause, re.IGNORECASE)]
        ins = [m.start() for m in re.finditer(r"\bin(?:put)?\b", clause, re.IGNORECASE)]
        if output:
            said = clause[outs[-1]:] if outs and _INTO_LOAD.search(clause[outs[-1]:]) else ""
        else:
            said = clause[ins[0]:min([o for o in outs if o > ins[0]], default=len(clause))] if ins else ""
        if not re.search(r"\bcoupl|\bthrough\b|\bvia\b|\binto\b", said, re.IGNORECASE):
            continue
        for v in f.intent.values.values():
            if v.unit == "F" and v.role not in ("CIN", "COUT", "CE") and _says(said, v):
                return v
    return None


def _loaded_output(f: _Filler, node: str, own: tuple[str, ...]) -> tuple[str, list[str]]:
    """The stage's output node and the lines of the load the request states (_stage_load): through the coupling
    capacitor to `out` when one is stated (its corner well below 1 kHz), else on `node` itself; (`node` renamed
    out, no lines) with no load."""
    load = _stage_load(f, own)
    if load is None:
        return "out", []
    f.given(load.role, 0)
    r = as_written(load)
    if (cap := _coupling(f, True)) is None:
        return "out", [f"R6 out 0 {r}"]
    f.given(cap.role, 0)
    return node, [f"C3 {node} out {as_written(cap)}", f"R6 out 0 {r}"]


def _load_of(f: _Filler, rc: float, own: tuple[str, ...]) -> float:
    """`rc` in parallel with the stated load (the mid-band gain's collector or drain resistance)."""
    load = _stage_load(f, own)
    return rc if load is None else rc * load.value / (rc + load.value)


def _cb_capacitors(f: _Filler) -> tuple[Value | None, Value | None]:
    """(the base's bypass capacitor, the emitter's coupling one) as the request states them. The emitter is the
    input, never bypassed: the capacitor said with a bypass is the base's ("the base ... bypassed to ground with
    47 uF"), one said with the emitter or the input couples the signal in ("coupled by 100 uF into the emitter"),
    whatever role their nearest words gave them."""
    bypass = None if _split_cb(f.intent) else _capacitor_said(f, r"\bbypass", ("CIN", "COUT"))
    coupling = f.intent.values.get("CIN") or _capacitor_said(
        f, r"\bemitter\b|\binput\b|\bsignal\b", ("COUT",) + ((bypass.role,) if bypass else ()))
    return bypass, coupling


def _common_base(f: _Filler) -> str:
    q = _bjt_model(f, "n")
    _source_resistance(f.intent)
    # a stated source resistance sits between the generator and the coupling capacitor
    bypass, coupling = _cb_capacitors(f)
    cin = f(coupling.role if coupling else "CIN", 220e-6)
    drive = [f"R5 in s {f('RS', 50)}", f"C1 s e {cin}"] if "RS" in f.intent.values else [f"C1 in e {cin}"]
    collector, load = _loaded_output(f, "c", ("RC",))
    if _split_cb(f.intent):
        # Base at 0 V, RE to -VEE sets Ie = (VEE - VBE)/RE (about 1 mA by default); C1 couples the signal into
        # the emitter, whose input resistance is re alone.
        vcc, vee = _split_rails(f.intent)
        if _rail_roles(f, vcc, vee) - {"VDD"} or vcc != vee:
            rails = [f"V1 vcc 0 DC {f.param('vcc', format_eng(vcc))}", f"V3 vee 0 DC {format_eng(-vee)}"]
        else:
            rails = [f"V1 vcc 0 DC {f.supply('vcc', 12, magnitude=True)}", "V3 vee 0 DC {-vcc}"]
        signal = _signal(f) if "VIN" not in f.used else "V2 in 0 DC 0 AC 1 SIN(0 10m 1k)"
        return "\n".join([*rails, signal, *drive,
                          f"R3 e vee {f('RE', float(f'{(vee - 0.65) / 1e-3:.3g}'))}",
                          f"Q1 {collector} 0 e {q}", f"R4 vcc {collector} {f('RC', 4.7e3, 'RL', 'R')}", *load])
    # The base is held at AC ground by C2 (a stated bypass capacitor: the base's, the emitter being the input); the
    # signal enters the emitter: gain ~ RC/re, low input resistance. C1 is large because the emitter's input
    # resistance (re, about 20 ohm) is low: its corner sits well below 1 kHz, so the gain there is the mid-band gain.
    pair = divider_pair(f)
    top, bottom = (format_eng(pair[0]), format_eng(pair[1])) if pair else (f('RB1', 47e3, 'RB'), f('RB2', 10e3))
    return "\n".join([f"V1 vcc 0 DC {f.supply('vcc', 12)}", _signal(f), f"R1 vcc b {top}",
                      f"R2 b 0 {bottom}", f"C2 b 0 {f(bypass.role, 0) if bypass else '100u'}", *drive,
                      f"R3 e 0 {f('RE', 1e3)}", f"Q1 {collector} b e {q}",
                      f"R4 vcc {collector} {f('RC', 4.7e3, 'RL', 'R')}", *load])


def _cb_gain(f: _Filler) -> list:
    """ce_gain into the emitter, its collector resistance RC || RL (a stated load); split rails: the base at 0 V,
    RE's far end VEE below it (no divider). A source resistance RS divides the signal with re:
    gain = R/(re + RS) = 1/(1/g0 + RS/R), g0 = R/re."""
    coupling = _cb_capacitors(f)[1]
    cin = coupling.value if coupling else None
    vb, rb = _cb_base(f.intent)
    g0 = ce_gain(f, +1, vb=vb, rb=rb, cin=cin)
    rc = used(f, "RC", "RL", "R")
    loaded = _load_of(f, rc, ("RC",))
    if loaded != rc:
        g0 = expect("gain", g0.target * loaded / rc, 0.25)
    if "RS" not in f.intent.values:
        return [g0]
    return [expect("gain", 1 / (1 / g0.target + used(f, "RS") / loaded), 0.15)]


def _cb_base(intent) -> tuple[float, float]:
    """The base's Thevenin voltage above RE's far end and its resistance: VEE and none on split rails, else the
    base divider's, from the stated or default resistors."""
    if _split_cb(intent):
        return _split_rails(intent)[1], 0.0
    vcc = abs(dz.given(intent, "VDD") or stated_supply(intent) or 12)
    pair = None if {"RB1", "RB2"} & set(intent.values) else divider_values(intent.description)
    rb1, rb2 = pair or (dz.given(intent, "RB1", "RB") or 47e3, dz.given(intent, "RB2") or 10e3)
    return vcc * rb2 / (rb1 + rb2), rb1 * rb2 / (rb1 + rb2)


def _design_cb(intent, d, spec) -> None:
    """A bias current sizes RE: Ie = (VB - VBE)/RE, VB the divider's less its base-current drop (and RC, when
    the default's drop would saturate the transistor, to half the room above the base). A gain sizes
    RC = |A| / gm, gm from that bias; the trim loop refines the value it designed."""
    _source_resistance(intent)
    vth, rth = _cb_base(intent)
    if spec.quantity == "current":
        if dz.given(intent, "RE") is None:
            ic = spec.target
            re_ = (vth - rth * ic / BETA - VT * math.log(ic / IS)) * BETA / (BETA + 1) / ic
            if re_ <= 0:
                d.problems.append(f"'{spec.text}': the base divider's {vth:.3g} V cannot carry that current")
                return
            dz.set_value(intent, d, "RE", re_, "Ie = (VB - VBE)/RE", dz.E96)
            d.free, d.scale = (d.free, d.scale) if d.free else ("RE", -1)
        base = 0.0 if _split_cb(intent) else vth
        vcc = _split_rails(intent)[0] if _split_cb(intent) else abs(dz.given(intent, "VDD") or stated_supply(intent)
                                                                    or 12)
        room = vcc - base - 1.0  # VCB of at least 1 V
        if dz.given(intent, "RC", "RL", "R") is None and spec.target * 4.7e3 > room:
            dz.set_value(intent, d, "RC", room / (2 * spec.target), "RC drops half the room above the base", dz.E96)
        return
    d.claimed.add("GAIN")
    intent.values.pop("GAIN", None)
    gain = abs(spec.target) if spec.quantity == "gain" else 10 ** (spec.target / 20)
    ie = (vth - 0.7) / (dz.given(intent, "RE") or (float(f"{(vth - 0.65) / 1e-3:.3g}") if _split_cb(intent) else 1e3))
    if ie <= 0:
        d.problems.append(f"'{spec.text}': the base divider leaves the transistor off")
    elif dz.given(intent, "RC", "RL", "R") is None:
        dz.set_value(intent, d, "RC", gain * VT / ie, "gain = gm RC (gm = Ie/VT)", dz.E96)
        d.free, d.scale = "RC", 1


def _common_gate(f: _Filler) -> str:
    # The gate sits at a fixed bias. With a stated coupling capacitor or source resistor the signal enters the
    # source through C1 and RS carries the bias current; otherwise the signal source drives the source terminal
    # itself at 0 V DC, so its DC transfer is the stage's gain too (an AC-coupled input's DC gain is 0).
    # A source the request holds the gate with ("gate held at 3 V by VG") is the gate's bias source, by its name.
    held = next((s.name for s in f.request.sources if s.name and s.dc is not None and s.node in ("gate", "g")), "V3")
    if not {"CIN", "RS"} & set(f.intent.values):
        return "\n".join([f"V1 vdd 0 DC {f.supply('vdd', 5)}", _signal(f), f"{held} g 0 DC {f('VGS', 1.1, 'VBIAS')}",
                          _mos_device(f, "n", "out", "g", "in", "0", "M1"), f"R2 vdd out {f('RD', 10e3, 'RL', 'R')}"])
    return "\n".join([f"V1 vdd 0 DC {f.supply('vdd', 5)}", _signal(f), f"{held} g 0 DC {f('VGS', 2, 'VBIAS')}",
                      f"C1 in s {f('CIN', 10e-6)}", f"R1 s 0 {f('RS', 2.2e3)}",
                      _mos_device(f, "n", "out", "g", "s", "0", "M1"), f"R2 vdd out {f('RD', 10e3, 'RL', 'R')}"])


def _design_cg(intent, d, spec) -> None:
    """"Biased at 1 mA": the gate bias that draws it with the source at 0 V DC, from the level-1 law
    ID = KP/2 W/L (VGS - VTO)^2 (1 + lambda VDS) (the default card's lambda unless the request writes its model)."""
    if spec.quantity != "current" or dz.given(intent, "VGS", "VBIAS") is not None or {"CIN", "RS"} & set(intent.values):
        return
    vto, kp = dz.given(intent, "VTO") or 0.7, dz.given(intent, "KP") or 110e-6
    ratio = dz.aspect(intent)
    own_model = dz.writes_model(intent)
    vdd = dz.given(intent, "VDD") or stated_supply(intent) or 5.0
    vds = max(abs(vdd) - spec.target * (dz.given(intent, "RD", "RL", "R") or 10e3), 0.1)
    vov = math.sqrt(2 * spec.target / (kp * ratio * (1 + (0.0 if own_model else 0.04) * vds)))
    dz.set_value(intent, d, "VGS", vto + vov, "ID = KP/2 W/L (VGS - VTO)^2 (1 + lambda VDS)", None)


def _degenerated_ce(f: _Filler) -> str:
    """Designed from the gain and the collector current: VC at mid-supply, RE = RC/|A| - re (RE
    bypassed: RC from |A| = gm (RC || ro)), a stiff divider (ten base currents) for VB = Ic RE + VBE."""
    q = _bjt_model(f, "n")
    vcc = f.number("VDD", 12)
    ic = _ce_current(f)
    gain = abs(f.number("GAIN", 10))
    pair = divider_pair(f)
    if not pair or {"IBIAS", "IREF", "GAIN"} & set(f.intent.values):  # (a stated divider sets them)
        f.param("ic", f("IBIAS", ic, "IREF"))  # the design targets, for the reader
        f.param("gain", f("GAIN", 10))
    if _bypassed(f):  # RE (a tenth of the supply) only fixes the bias; gm (RC || ro) is the gain
        re_design = 0.1 * vcc / ic
        ro = _output_resistance(ic, vcc / 2)
        rc_design = 1 / max(ic / VT / gain - 1 / ro, 1e-12)
    else:  # VC at mid-supply; RE = RC/|A| - re
        rc_design = vcc / 2 / ic
        re_design = max(f.number("RC", rc_design) / gain * (BETA / (BETA + 1)) - VT / ic, 1.0)
    rc_text, re_text, re_ = f("RC", rc_design), f("RE", re_design), f.number("RE", re_design)
    vb = ic * (1 + 1 / BETA) * re_ + VT * math.log(ic / IS)
    idiv = ic / 10
    rb2, rb1 = vb / idiv, (vcc - vb) / (idiv + ic / BETA)
    how = "gm (RC || ro)" if _bypassed(f) else "RC/(RE + re)"
    # a divider the request states is built as stated: the current it sets, and the gain from it, are the stage's
    if pair:
        top, bottom = format_eng(pair[0]), format_eng(pair[1])
        ic = _divided_current(vcc, *pair, re_)
        rc = f.number("RC", rc_design)
        ro = _output_resistance(ic, vcc / 2)
        gain = ic / VT * rc * ro / (rc + ro) if _bypassed(f) else rc / (re_ + VT / ic) * BETA / (BETA + 1)
    else:
        top, bottom = f("RB1", rb1), f("RB2", rb2)
        if "GAIN" not in f.intent.values and not _bypassed(f):  # the gain the stated parts give, not a default's
            gain = f.number("RC", rc_design) / (re_ + VT / ic) * BETA / (BETA + 1)
    return "\n".join([f"V1 vcc 0 DC {f.supply('vcc', 12)}", _signal(f),
                      f"* Ic = {format_eng(ic)}A, |gain| = {how} = {gain:.3g}",
                      f"R1 vcc b {top}", f"R2 b 0 {bottom}", f"C1 in b {f('CIN', 10e-6)}",
                      f"R3 vcc out {rc_text}", f"Q1 out b e {q}", f"R4 e 0 {re_text}",
                      *([f"C2 e 0 {f('CE', 100e-6)}"] if _bypassed(f) else [])])


def _design_ce_gain(intent, d, spec) -> None:
    if spec.quantity == "current":  # "biased at 2 mA": the builder's divider is designed for that Ic
        dz.set_value(intent, d, "IBIAS", spec.target, "Ic = the bias current asked for", None)
        d.free, d.scale = (d.free, d.scale) if d.free else ("IBIAS", 1)
        return
    gain = abs(spec.target) if spec.quantity == "gain" else 10 ** (spec.target / 20)
    intent.values.pop("GAIN", None)
    d.claimed.add("GAIN")
    if "RE" in intent.values and "RC" in intent.values:
        return
    dz.set_value(intent, d, "GAIN", float(f"{gain:.4g}"), "|gain| = RC/(RE + re)", None)
    d.free, d.scale = "GAIN", 1


register(Family(kind="jfet_common_source", function=_jfet_cs_gain, summary="JFET common-source amplifier (self-biased)",
                build=lambda f: _jfet(f, False),
                names=("JFET common-source amplifier", "JFET amplifier", "n-channel JFET amplifier",
                       "self-biased JFET common-source stage"),
                rules=((15.6, (r"jfets?\b",)),),
                source="V2", noun="amplifier", specs=("gain", "gain_db", "current"), design=_design_jfet_gain,
                examples=(("gain", "self-biased JFET common-source amplifier on 15 V with a gain of {x}", 2, 12),
                          ("gain_db", "JFET common-source amplifier, 12 V supply, {x} dB of gain", 6, 20),
                          ("current", "self-biased JFET common-source stage on 15 V, drain current {x} A", 0.5e-3,
                           2e-3))))
register(Family(kind="jfet_source_follower", summary="JFET source follower",
                function=lambda f: [gain_between(0.5, 1.0, "follows its input")],
                build=lambda f: _jfet(f, True),
                names=("JFET source follower", "JFET common-drain amplifier", "JFET buffer"),
                rules=((15.5, (r"jfets?\b", r"source[- ]follower|common[- ]drain|buffer")),),
                source="V2", noun="amplifier"))
register(Family(kind="jfet_current_source", function=_jfet_current,
                summary="JFET constant-current source (gate to ground, source resistor)",
                build=_jfet_current_source,
                names=("JFET current source", "JFET constant-current source", "JFET current regulator diode",
                       "self-biased JFET current sink"),
                rules=((15.4, (r"jfets?\b", r"(?:constant[- ])?current\s+(?:source|sink|regulator)")),),
                analysis="op", output="d", specs=("current",), design=_design_jfet_source,
                examples=(("current", "N-channel JFET current source sinking {x} A from a 12 V rail through 1k",
                           200e-6, 1.5e-3),)))
register(Family(kind="common_base", function=_cb_gain, summary="BJT common-base amplifier",
                build=_common_base,
                names=("common-base amplifier", "BJT common-base amplifier", "grounded-base amplifier",
                       "NPN common base stage"),
                rules=((14.6, (r"common[- ]base|grounded[- ]base|\bcb\s+(?:stage|amp(?:lifier)?|configuration)\b",)),),
                source="V2", noun="amplifier", specs=("gain", "gain_db", "current"), design=_design_cb,
                examples=(("gain", "common-base amplifier with a gain of {x}", 10, 150),
                          ("gain_db", "NPN common base stage on 9 V with {x} dB of gain", 20, 40),
                          ("current", "common-base amplifier on 9 V, its NPN biased at {x} A", 0.2e-3, 3e-3))))
register(Family(kind="common_gate", function=amplifies(3), summary="MOSFET common-gate amplifier",
                build=_common_gate,
                names=("common-gate amplifier", "NMOS common-gate amplifier", "grounded-gate amplifier",
                       "MOSFET common gate stage"),
                rules=((15.7, (r"common[- ]gate|grounded[- ]gate",)),),
                source="V2", mos=True, noun="amplifier", specs=("current",), design=_design_cg,
                examples=(("current", "Common-gate NMOS amplifier biased at {x} A, RD = 4.7k, 12 V supply", 100e-6,
                           1e-3),)))
register(Family(kind="bjt_degenerated_ce", summary="emitter-degenerated, divider-biased common-emitter stage",
                function=_degenerated_gain,
                build=_degenerated_ce,
                names=("emitter-degenerated common-emitter amplifier", "self-biased CE stage",
                       "voltage-divider biased common-emitter amplifier with an unbypassed emitter resistor",
                       "emitter degeneration amplifier", "class A common-emitter amplifier"),
                rules=((14.5, (r"emitter[- ]degenerat|degenerated (?:ce|common[- ]emitter)|"
                               r"self[- ]biased (?:ce|common[- ]emitter)|"
                               r"divider[- ]bias\w*\s+(?:ce|common[- ]emitter|bjt|npn)|unbypassed emitter"
                               r"|emitter\s+resistor\s+(?:left\s+)?un-?bypassed"
                               r"|swamp(?:ing)?\s+(?:resistor|emitter|r\b)",)),  # (not "swamped by 50 Hz mains")
                       # A common-emitter stage asked for a gain is designed with this one's equations.
                       (14.55, (r"common[- ]emitter|\bce\s+(?:stage|amp(?:lifier)?)s?\b", GAIN_STATED)),
                       # "class A amplifier, one NPN": the single-transistor stage biased mid-supply (a push-pull's
                       # classes B and AB have their own rules)
                       (14.56, (r"\bclass[- ]a\b(?![- ]?b)", r"amp\w*|\bstage\b|\b(?:npn|bjt|transistor)\b",
                                r"^(?![\s\S]*\b(?:push[- ]pull|[pn]mos|mosfet|transformer|op[- ]?amp)\b)")),
                       # one bipolar transistor asked for a voltage gain ("a single NPN stage giving me ~15x voltage
                       # gain", "NPN amplifier, gain of 20"): this stage, designed for it
                       (39.9, (r"\b(?:npn|bjt|bipolar)\b", r"\b(?:stage|amp(?:lifier)?)\b",
                               GAIN_STATED + r"|\d\s*(?:x|\u00d7|v/v)\s+(?:voltage\s+)?gain\b",
                               # (not another circuit of bipolar transistors, nor several stages)
                               r"^(?![\s\S]*\b(?:op[- ]?amps?|darlington|cascode|differential|pair|mirror|push[- ]pull|"
                               r"follower|pnp|(?:two|three|[23])[- ](?:stages?|transistors?))\b)"))),
                source="V2", noun="amplifier",
                specs=("gain", "gain_db", "current"), design=_design_ce_gain,
                examples=(("gain", "emitter-degenerated common-emitter amplifier with a gain of -{x}", 2, 30),
                          ("gain_db", "emitter-degenerated common-emitter amplifier, {x} dB gain", 6, 30),
                          ("current", "emitter-degenerated common-emitter amplifier biased at {x} A", 0.3e-3, 3e-3))))


# --- a BJT's output characteristic ----------------------------------------------------------------

def _output_characteristic(f: _Filler) -> str:
    # I1 pushes the base current into the base (emitter grounded), V2 holds the collector at VCE and is swept: its
    # current is IC against VCE, BF IB once out of saturation (the Early effect tilts it by VCE/VAF).
    return "\n".join([f"I1 0 b DC {f('IBIAS', 20e-6, 'IREF')}", f"Q1 c b 0 {_bjt_model(f, 'n')}",
                      f"V2 c 0 DC {f('VDD', 5, 'VIN')}"])


def _characteristic_current(f: _Filler) -> list:
    """IC = BF IB (1 + VCE/VAF) at the sweep's top, BF and VAF as built (the request's model parameters, else the
    npn card's)."""
    written = {p.name.lower(): p.value for p in f.request.model_params}  # (composed onto the npn card)
    bf, vaf = written.get("bf", BETA), written.get("vaf", 100.0)
    ib, vce = used(f, "IBIAS", "IREF"), abs(used(f, "VDD", "VIN"))
    ic = bf * ib * (1 + (vce / vaf if vaf else 0.0))
    return [Probe(f"function: carries BF IB = {format_eng(ic)}A at VCE = {vce:g} V",
                  f"dc {{src}} 0 {1.02 * vce:g} {vce / 100:g}\nmeas dc result find i({{src}}) at={vce:g}\n"
                  "let result = abs(result)", 0.93 * ic, 1.07 * ic)]


register(Family(kind="bjt_output_characteristic", function=_characteristic_current,
                summary="BJT output characteristic (IC against VCE at a fixed base current)",
                build=_output_characteristic,
                names=("collector characteristic of an NPN", "BJT output characteristic", "NPN output characteristics",
                       "IC-VCE curve of a bipolar transistor"),
                rules=((6.5, (r"\b(?:output|collector)\s+characteristics?\b|\bi_?c\s*(?:-|vs\.?|versus|against)\s*"
                              r"v_?ce\b|\bic[- /]vce\b",
                              r"\b(?:npn|bjts?|bipolar|transistor|q\d\w*)\b",
                              r"^(?![\s\S]*\b(?:[np]mos|mosfets?|jfets?|pnp)\b)")),),
                analysis="dc", dc_sweep="0 5 0.05", output="c", source="V2", current=True))


# --- common-emitter stage on split rails ---------------------------------------------------------

# "on ±12 V", "+/-9 V supplies", "VEE", "a -5 V rail", "split (dual) supplies": a stage with a negative rail
_SPLIT_RAILS = r"\u00b1|\+/-|\bvee\b|negative\s+(?:rail|supply)|(?:split|dual)[- ](?:rails?|suppl)|" \
               r"(?<![\w.])[-\u2212]\s?\d+(?:\.\d+)?\s*v\b(?!\s*/\s*v)"  # (not a gain: "-10 V/V")


def _split_ce_bias(f: _Filler) -> tuple[float, float]:
    """(VCC, VEE) and the collector current: the base returned to ground through RB, the emitter a VBE below it
    less RB's base-current drop, RE to -VEE: Ic = (VEE - VBE)/(RE (1 + 1/beta) + RB/beta)."""
    _, vee = _split_rails(f.intent)
    re_, rb = used(f, "RE"), used(f, "RB")
    ic = 1e-3
    for _ in range(30):
        ic = max((vee - VT * math.log(ic / IS)) / (re_ * (BETA + 1) / BETA + rb / BETA), 1e-9)
    return vee, ic


def _split_ce(f: _Filler) -> str:
    # No divider: RB returns the base to 0 V, RE to -VEE sets about 1 mA by default (VEE - VBE over it), RC drops
    # half the positive rail at that current; CE bypasses RE (unless the request leaves it unbypassed), C1 couples the
    # signal onto the base; a stated load hangs on the collector (through its coupling capacitor when stated).
    q = _bjt_model(f, "n")
    vcc, vee = _split_rails(f.intent)
    _rail_roles(f, vcc, vee)
    rails = [f"V1 vcc 0 DC {f.param('vcc', format_eng(vcc))}", f"V3 vee 0 DC {format_eng(-vee)}"]
    signal = "V2 in 0 DC 0 AC 1 SIN(0 10m 1k)" if "VIN" in f.used else _signal(f)
    coupling = _coupling(f, False) or f.intent.values.get("C")
    collector, load = _loaded_output(f, "c", ("RC",))
    bypass = [] if UNBYPASSED.search(f.intent.description) else [f"C2 e 0 {f('CE', 100e-6)}"]
    return "\n".join([*rails, signal, f"C1 in b {f(coupling.role if coupling else 'CIN', 10e-6)}",
                      f"R1 b 0 {f('RB', 100e3, 'RB2', 'RB1')}", f"Q1 {collector} b e {q}",
                      f"R4 e vee {f('RE', float(f'{(vee - 0.7) / 1e-3:.3g}'))}",
                      f"R3 vcc {collector} {f('RC', float(f'{vcc / 2 / 1e-3:.3g}'), 'RL', 'R')}", *bypass, *load])


def _split_ce_gain(f: _Filler) -> list:
    """-gm (RC || RL || ro) with RE bypassed, else -(RC || RL)/(re + RE) alpha; Ic from _split_ce_bias."""
    vcc, rc, re_ = _split_rails(f.intent)[0], used(f, "RC", "RL", "R"), used(f, "RE")
    _, ic = _split_ce_bias(f)
    r = _load_of(f, rc, ("RC",))
    if UNBYPASSED.search(f.intent.description):
        return [expect("gain", -r / (VT / ic + re_) * BETA / (BETA + 1), 0.15)]
    ro = _output_resistance(ic, vcc - ic * rc)
    return [expect("gain", -ic / VT * r * ro / (r + ro), 0.2)]


register(Family(kind="bjt_split_rail_ce", function=_split_ce_gain,
                summary="common-emitter stage on split rails (base returned to ground, emitter resistor to -VEE)",
                build=_split_ce,
                names=("split-supply common-emitter amplifier", "common-emitter amplifier on split rails",
                       "dual-supply NPN common-emitter stage"),
                rules=((14.58, (r"common[- ]emitter|\bce\s+(?:stage|amp(?:lifier)?)s?\b", _SPLIT_RAILS,
                                r"^(?![\s\S]*\b(?:pnp|cascode|differential|pair|push[- ]pull|op[- ]?amp)\b)",
                                rf"^(?![\s\S]*(?:{GAIN_STATED}))")),),  # (a gain to design: the degenerated stage's)
                source="V2", noun="amplifier"))


# --- divider-biased MOSFET common-source stage --------------------------------------------------

# "source resistor bypassed by 100 uF", "a bypass capacitor across RS": the source is AC ground (not "unbypassed")
_SOURCE_BYPASSED = re.compile(r"(?<!un)(?<!un-)\bbypass", re.IGNORECASE)
_MOS_VG = 0.25  # the default divider holds the gate at a quarter of the supply (330k over 110k)


# "source grounded", "source to ground", "grounded source": no source resistor at all
_SOURCE_GROUNDED = re.compile(r"\bsource\s+(?:(?:is\s+|tied\s+|goes\s+|straight\s+|directly\s+)*(?:grounded|"
                              r"to\s+ground|at\s+ground|on\s+ground)|(?:grounded|(?:to|at)\s+0\s*V))\b"
                              r"|\bgrounded[- ]source\b", re.IGNORECASE)


def _source_bypassed(f: _Filler) -> bool:
    return bool(_SOURCE_BYPASSED.search(f.intent.description)) and not UNBYPASSED.search(f.intent.description)


def _source_grounded(description: str) -> bool:
    return bool(_SOURCE_GROUNDED.search(description)) and not re.search(r"\bsource\s+resistor\b|\bRS\b",
                                                                         description)


def _mos_divider(f: _Filler) -> tuple[float, float]:
    """The gate divider's (top, bottom): the one the request writes ("70k/30k"), else 110k under a top that puts the
    gate at a stated level ("gate biased at 3 V") or at a quarter of the supply (a PMOS's a quarter below it: the
    NMOS stage upside down)."""
    vdd = abs(f.number("VDD", 12))
    if pair := divider_pair(f):
        return pair
    if f.polarity("n") == "p":
        return 110e3, float(f"{110e3 * (1 - _MOS_VG) / _MOS_VG:.3g}")
    said = next((v for role in ("VGS", "VBIAS") if (v := f.intent.values.get(role)) is not None and 0 < v.value < vdd),
                None)
    vg = f.number(said.role, 0) if said else _MOS_VG * vdd
    return float(f"{110e3 * (vdd - vg) / vg:.3g}"), 110e3


def _divider_cs(f: _Filler) -> str:
    # The divider holds the gate at VG; RS sets ID where VG - ID RS - VTO is the overdrive (square law); C1 couples
    # the signal onto the gate, C2 (when the source is bypassed) grounds the source for the signal: gain -gm RD, else
    # -gm RD/(1 + gm RS). The body is on the source (a discrete part's). A stated load hangs on the drain (through
    # its coupling capacitor when one is stated).
    top, bottom = _mos_divider(f)
    coupling = _coupling(f, False)
    drain, load = _loaded_output(f, "d", ("RD",))
    # (the capacitor said with the bypass, whatever role its nearest words gave it; a MOSFET has no emitter, so a
    # resistor read as the emitter's is the source's)
    bypass = f.intent.values.get("CE") or _capacitor_said(f, r"\bbypass", ("CIN", "COUT") + (
        (coupling.role,) if coupling else ()))
    for role in ("VGS", "VBIAS"):  # the gate's level the divider sets, said beside it ("biased at 3 V by 70k/30k")
        if (v := f.intent.values.get(role)) is not None and math.isclose(
                v.value, f.number("VDD", 12) * bottom / (top + bottom), rel_tol=0.03):
            f.param("vg", f(role, 0))  # (for the reader: the level the divider holds the gate at)
    # a PMOS stage is the NMOS one upside down: its source resistor (and bypass) on the rail, its drain resistor to
    # ground
    pol = f.polarity("n")
    rail, ground = ("0", "vdd") if pol == "p" else ("vdd", "0")
    grounded = _source_grounded(f.intent.description)  # ("source grounded": on its rail, no resistor, no bypass)
    source = ground if grounded else "s"
    return "\n".join([f"V1 vdd 0 DC {f.supply('vdd', 12, magnitude=True)}", _signal(f),
                      f"C1 in g {f(coupling.role if coupling else 'CIN', 1e-6)}",
                      f"R1 vdd g {format_eng(top)}", f"R2 g 0 {format_eng(bottom)}",
                      _mos_device(f, pol, drain, "g", source, source),
                      f"R3 {rail} {drain} {f('RD', 4.7e3, 'RL', 'R')}",
                      *([] if grounded else [f"R4 s {ground} {f('RS', 1e3, 'RE')}"]),
                      *([f"C2 s {ground} {f(bypass.role if bypass else 'CE', 100e-6)}"]
                        if _source_bypassed(f) and not grounded else []),
                      *load])


def _divider_cs_gain(f: _Filler) -> list:
    """-gm R/(1 + gm RS) (unbypassed source) or -gm R (bypassed), R = RD || RL || ro; ID from the square law with
    the source at ID RS: ID = beta/2 (VG - ID RS - VTO)^2 (1 + lambda VDS), beta = KP W/L; a PMOS's from the rail
    down (VSG, |VTO|, the pch card's KP and lambda)."""
    grounded = _source_grounded(f.intent.description)
    vdd, rs, rd = abs(used(f, "VDD")), 0.0 if grounded else used(f, "RS", "RE"), used(f, "RD", "RL", "R")
    top, bottom = _mos_divider(f)
    pmos = f.polarity("n") == "p"
    vg = vdd * (top if pmos else bottom) / (top + bottom)  # (a PMOS's gate counted down from the rail)
    kp, vto = used(f, "KP", default=50e-6 if pmos else 110e-6), abs(used(f, "VTO", default=0.7))
    lam = 0.0 if dz.writes_model(f.intent) else 0.05 if pmos else dz.card_lambda(f.intent)
    ident, vov, scale = 0.0, 0.0, 1.0
    for _ in range(4):  # (1 + lambda VDS) at the last solution scales beta
        beta = kp * _aspect(f) * scale
        vov = (math.sqrt(1 + 2 * beta * rs * max(vg - vto, 0)) - 1) / (beta * rs) if rs else max(vg - vto, 0)
        ident = beta / 2 * vov * vov
        scale = 1 + lam * max(vdd - ident * (rd + rs), vov)
    if ident <= 0:
        return [gain_between(0, 1e-3, "stays off (its gate below the threshold)")]
    gm = 2 * ident / vov
    r = _load_of(f, rd, ("RD",))
    r = r if not lam else 1 / (1 / r + lam * ident)
    gain = gm * r if _source_bypassed(f) or grounded else gm * r / (1 + gm * rs)
    return [expect("gain", -gain, 0.2)]


def _design_divider_cs(intent, d, spec) -> None:
    """An NMOS divider-biased stage to its gain and drain current (the request's, else the drain resistor's drop at
    two fifths of the supply): the overdrive from the square law, Vov = sqrt(2 ID/beta), gm = 2 ID/Vov; RD = |gain|/gm
    with the source bypassed, else |gain| (1/gm + RS) with RS dropping a tenth of the supply (less where the drain
    would leave saturation); the divider puts the gate at ID RS + VTO + Vov."""
    if spec.quantity == "current":
        d.wanted["current"] = spec.target
        d.claimed.add("IBIAS")
        if "gain" in d.wanted or "gain_db" in d.wanted:
            return  # (designed with the gain)
    gain = abs(d.wanted["gain"]) if "gain" in d.wanted else 10 ** (d.wanted["gain_db"] / 20) \
        if "gain_db" in d.wanted else None
    if intent.polarity == "p" or dz.given(intent, "VGS", "VBIAS") is not None \
            or divider_values(intent.description) is not None:
        return  # (a bias the request sets: measured as built)
    if gain is not None:
        intent.values.pop("GAIN", None)
        d.claimed.add("GAIN")
    vdd, vto = abs(dz.given(intent, "VDD") or 12.0), abs(dz.given(intent, "VTO") or 0.7)
    beta = (dz.given(intent, "KP") or 110e-6) * dz.aspect(intent)
    grounded = _source_grounded(intent.description)
    bypassed = grounded or bool(_SOURCE_BYPASSED.search(intent.description)) \
        and not UNBYPASSED.search(intent.description)
    current = d.wanted.get("current") or dz.given(intent, "IBIAS", "ID")
    rd, rs = dz.given(intent, "RD", "RL", "R"), 0.0 if grounded else dz.given(intent, "RS", "RE")
    lam = 0.0 if dz.writes_model(intent) else dz.card_lambda(intent)
    if current is None:  # the drain resistor drops two fifths of the supply: ID from the gain's overdrive
        if gain is None or rd is not None or rs is not None and not grounded:
            return
        # bypassed: gain = 2 (0.4 VDD)/Vov; else gain = 0.4 VDD/(Vov/2 + VS), VS the source's share of the supply
        vov = next((v for share in (0.1, 0.05, 0.02, 0.01) if (v := 0.8 * vdd / gain if bypassed else
                                                               2 * (0.4 * vdd / gain - share * vdd)) >= 0.15), 0.0)
        if not vov:
            d.problems.append(f"'{spec.text}': no bias of this stage on {vdd:g} V gives it with the source unbypassed "
                              "(bypass the source resistor)")
            return
        current = beta * (1 + lam * 0.4 * vdd) / 2 * vov * vov
    vov = math.sqrt(2 * current / (beta * (1 + lam * 0.4 * vdd)))  # (1 + lambda VDS), VDS about two fifths of VDD
    gm = 2 * current / vov
    level = d.wanted.get("vout") if gain is None else None  # ("the drain sitting at 6 V")
    for share in (0.1, 0.05, 0.02, 0.01):
        source = rs if rs is not None else share * vdd / current
        drain = rd if rd is not None else (vdd - level) / current if level is not None and 0 < level < vdd \
            else 0.4 * vdd / current if gain is None else gain / gm if bypassed else gain * (1 / gm + source)
        if vdd - current * drain > current * source + vov + 0.2 or rs is not None:
            break
    else:
        d.problems.append(f"'{spec.text}': no bias of this stage on {vdd:g} V gives it with the source unbypassed "
                          "(bypass the source resistor)")
        return
    if rs is None:
        dz.set_value(intent, d, "RS", source, "RS = VS/ID, the source a small share of the supply", dz.E96)
    if rd is None:
        dz.set_value(intent, d, "RD", drain, "|gain| = gm RD (bypassed), gm RD/(1 + gm RS) else; gm = 2 ID/Vov"
                     if gain is not None else "RD = (VDD - VD)/ID" if level is not None
                     else "RD = 0.4 VDD/ID: the drain at three fifths of the supply", dz.E96)
        if gain is not None and "current" not in d.wanted:
            d.free, d.scale = "RD", 1  # (trimmed onto the gain by simulation: the square law is approximate)
    dz.set_value(intent, d, "VBIAS", current * (rs if rs is not None else intent.values["RS"].value) + vto + vov,
                 "VG = ID RS + VTO + Vov, Vov = sqrt(2 ID/(KP W/L))", None)


register(Family(kind="mos_divider_common_source", function=_divider_cs_gain,
                summary="divider-biased NMOS common-source stage (source resistor, AC-coupled input)",
                build=_divider_cs,
                names=("divider-biased NMOS common-source amplifier", "NMOS common-source stage with a source resistor",
                       "voltage-divider biased MOSFET amplifier", "source-degenerated NMOS common-source amplifier",
                       "divider-biased PMOS common-source amplifier"),
                # the discrete stage of the textbooks: a gate divider, a source resistor (bypassed or not), capacitors
                rules=((16.9, (r"\b(?:[np]mos|mosfets?|[np]-?channel\s+(?:enhancement[- ]mode\s+)?mosfet|e-?mosfet)\b",
                               r"common[- ]source|\bamp(?:lifier)?\b|\bstage\b",
                               r"divider|source\s+resistor|\bdegenerat|\bbypass|\bcoupl",
                               r"^(?![\s\S]*\b(?:jfets?|cascode|differential|pair|mirror|follower|inverter|"
                               r"common[- ](?:gate|drain))\b)",
                               )),),
                source="V2", mos=True, noun="amplifier", specs=("gain", "gain_db", "current"),
                design=_design_divider_cs,
                examples=(("gain", "divider-biased NMOS common-source amplifier with a bypassed source resistor, 12 V "
                                   "supply, gain of -{x}", 3, 15),
                          ("gain_db", "divider-biased NMOS common-source amplifier with a bypassed source resistor, "
                                      "12 V supply, {x} dB of gain", 10, 22),
                          ("current", "NMOS common-source stage with a gate divider and a source resistor on 12 V, "
                                      "drain current {x} A", 2e-4, 2e-3))))


# --- NMOS inverter with a resistive load ------------------------------------------------------

def _nmos_resistive_inverter(f: _Filler) -> str:
    # M1 pulls out low when in is high; RD pulls it up to VDD when M1 is off. VOL is where M1's
    # triode current equals (VDD - VOL)/RD, so RD must be large against M1's on-resistance.
    return "\n".join([f"V1 vdd 0 DC {f.supply('vdd', 5)}", "V2 in 0 PULSE(0 {vdd} 0 1n 1n 5u 10u)",
                      f"R1 vdd out {f('RD', 10e3, 'RL', 'R')}", _mos_device(f, "n", "out", "in", "0", "0", "M1"),
                      f"C1 out 0 {f('CL', 1e-12, 'C')}"])


register(Family(kind="nmos_resistive_inverter", summary="NMOS inverter with a resistive load",
                function=lambda f: [logic_gate((False, True), used(f, "VDD"))],
                build=_nmos_resistive_inverter,
                names=("NMOS inverter with a resistive load", "resistor-load NMOS inverter", "NMOS inverter",
                       "resistive-load inverter"),
                rules=((4.9, (r"inverter", r"nmos\s+inverter|resistive[- ]load|resistor[- ]load|load\s+resistor|"
                                           r"(?:drain|pull[- ]up)\s+resistor")),),
                analysis="tran", tran=("10n", "40u"), source="V2", mos=True, transient=40e-6))


# --- multi-stage common-source amplifier ------------------------------------------------------

_STAGES = re.compile(r"\b(two|three|four|[234])[- ]stages?\b", re.IGNORECASE)
_KP, _VTO = 110e-6, 0.7  # the nch card's


def _stage_count(f: _Filler) -> int:
    m = _STAGES.search(f.intent.description)
    if m is None:
        return 2
    return {"two": 2, "three": 3, "four": 4}.get(m[1].lower()) or int(m[1])


def _cs_bias(vdd: float, rs: float) -> tuple[float, float]:
    """(VG, ID) of one stage: VG = 0.3 VDD, ID from ID = (KP W/L / 2)(VG - ID RS - VTO)^2 (W/L = 10)."""
    vg, beta = 0.3 * vdd, _KP * 10
    vov = (-1 + math.sqrt(1 + 2 * beta * rs * (vg - _VTO))) / (beta * rs)  # the overdrive, solved
    return vg, beta / 2 * vov * vov


def _multistage_cs(f: _Filler) -> str:
    n = _stage_count(f)
    rd, rs = f("RD", 10e3, "RL", "R"), f("RS", 1e3)
    lines = [f"V1 vdd 0 DC {f.supply('vdd', 5)}", f"V2 in 0 DC 0 AC {f('VIN', 1)} SIN(0 {f('VIN', 1)}m 1k)",
             f"* {n} capacitively coupled common-source stages; each gate biased at 0.3 VDD by its divider,"
             " its source resistor bypassed"]
    for k in range(1, n + 1):
        drain = "out" if k == n else f"d{k}"
        lines += [f"C{k} {'in' if k == 1 else f'd{k - 1}'} g{k} 1u", f"R{4 * k - 3} vdd g{k} 700k",
                  f"R{4 * k - 2} g{k} 0 300k", f"R{4 * k - 1} vdd {drain} {rd}",
                  _mos_device(f, "n", drain, f"g{k}", f"s{k}", "0", f"M{k}"), f"R{4 * k} s{k} 0 {rs}",
                  f"C{n + k} s{k} 0 100u"]
    return "\n".join(lines)


def _multistage_gain(f: _Filler) -> list:
    """The product of each stage's gm (RD || the next stage's 210k divider)."""
    n, rd, rs = _stage_count(f), used(f, "RD", "RL", "R"), used(f, "RS")
    _, ident = _cs_bias(used(f, "VDD", default=5), rs)
    gm = math.sqrt(2 * _KP * 10 * ident)
    gain = (gm * rd * 210e3 / (rd + 210e3)) ** (n - 1) * gm * rd
    return [gain_between(0.5 * gain, 1.5 * gain, f"amplifies about {gain:.3g}x through {n} stages")]


register(Family(kind="multistage_common_source", summary="multi-stage (cascaded) common-source amplifier",
                function=_multistage_gain, build=_multistage_cs,
                names=("two-stage common-source amplifier", "cascaded common-source amplifier",
                       "multi-stage common-source amplifier", "three-stage common-source amplifier"),
                rules=((16.9, (r"common[- ]source", r"(?:two|three|four|[234])[- ]stages?|cascaded|multi[- ]?stage")),),
                source="V2", mos=True, noun="amplifier",
                accepts=r"(?:two|three|four|[234])[- ]stages?|multi[- ]?stage"))


# --- the NMOS common-source stage with a diode-connected PMOS load ---------------------------------------------------

def _square_law(f: _Filler, pol: str, line: str) -> tuple[float, float]:
    """(beta = KP W/L, |VTO|) of a device line as its card and sizes were written (the card the filler holds)."""
    card = f.cards["nch" if pol == "n" else "pch"]
    kp = parse_number(m[1]) if (m := re.search(r"\bkp=([^\s)]+)", card)) else None
    vto = parse_number(m[1]) if (m := re.search(r"\bvto=([^\s)]+)", card)) else None
    w = parse_number(m[1]) if (m := re.search(r"\bW=(\S+)", line)) else None
    length = parse_number(m[1]) if (m := re.search(r"\bL=(\S+)", line)) else None
    return (kp or 1e-4) * (w or 10e-6) / (length or 1e-6), abs(vto or 0.7)


# The class: the diode-connected load of the driver's own polarity ("an NMOS amplifier with a diode-connected NMOS
# load"): M2 from the supply to the output, gate on the supply; each device's size said by its role ("driver W/L =
# 40u/1u, load W/L = 2.5u/1u").
_NMOS_LOAD = re.compile(r"diode[- ]connected\s+(?:nmos|n-channel|nfet|n-mos)\b|(?:nmos|n-channel)\s+diode[- ]load",
                        re.IGNORECASE)
_ROLE_SIZE = re.compile(r"\b(?P<role>driver|driving|input|amplifying|load)\b(?:\s+(?:device|transistor|fet|mosfet|"
                        r"nmos|m\d))?\s*(?:\(\s*)?W\s*/\s*L\s*(?:=|of|is|:)?\s*(?P<w>[\d.]+\s*[uµn]?m?)\s*/\s*"
                        r"(?P<l>[\d.]+\s*[uµn]?m?)\b", re.IGNORECASE)
_NO_BODY = re.compile(r"\bno\s+body[- ]effect|\bignor\w*\s+(?:the\s+)?body[- ]effect|\bgamma\s*=\s*0\b"
                      r"|\bbulk\s+(?:tied\s+)?to\s+(?:its\s+)?source", re.IGNORECASE)


def _role_sizes(text: str) -> dict[str, tuple[str, str]]:
    """{"driver": (W, L), "load": (W, L)} as each device's role words size it (_ROLE_SIZE)."""
    return {("load" if m["role"].lower() == "load" else "driver"): (_size_text(m["w"]), _size_text(m["l"]))
            for m in _ROLE_SIZE.finditer(text)}


def _size_text(said: str) -> str:
    return re.sub(r"\s+", "", said).replace("µ", "u").removesuffix("m") if re.search(r"[unµ]m$", said.strip()) \
        else re.sub(r"\s+", "", said).replace("µ", "u")


def _nmos_diode_load(f: _Filler, vdd: float) -> tuple[str, float, float]:
    """M1 (the driver) into M2, an NMOS whose gate is on the supply and its source the output: the load is 1/gm2,
    the gain -sqrt(beta1/beta2) (its bulk on its source where the request says no body effect; on ground else, and
    the body effect lowers it by 1/(1 + eta)). The input's level, unless stated, puts the output at half the supply:
    beta1 (VGS - VT)^2 = beta2 (VDD/2 - VT)^2."""
    sizes = _role_sizes(f.intent.description)
    for role in ("W", "LG"):
        if role in f.intent.values:
            f.given(role, 0)  # (the driver's size, read as the one W and L)
    # ("two values for W (40u and 2.5u)": each device's own size, both built)
    placed = {parse_number(x) for size in sizes.values() for x in size}
    f.intent.warnings[:] = [w for w in f.intent.warnings if not (
        (said := re.fullmatch(r"two values for (?:W|LG) \((\S+) and (\S+)\); keeping .+", w))
        and {parse_number(said[1]), parse_number(said[2])} <= placed)]
    m1 = f"M1 out in 0 0 {_mos_model(f, 'n')} W={sizes['driver'][0]} L={sizes['driver'][1]}" \
        if "driver" in sizes else _mos_device(f, "n", "out", "in", "0", "0", "M1")
    body = "out" if _NO_BODY.search(f.intent.description) else "0"
    m2 = f"M2 vdd vdd out {body} {_mos_model(f, 'n')} W={sizes['load'][0]} L={sizes['load'][1]}" \
        if "load" in sizes else f"M2 vdd vdd out {body} {_mos_model(f, 'n')} W=2.5u L=1u"
    (b1, vt), (b2, _) = _square_law(f, "n", m1), _square_law(f, "n", m2)
    vgs = float(f"{vt + math.sqrt(b2 / b1) * max(vdd / 2 - vt, 0.1):.3g}")
    lines = [f"V1 vdd 0 DC {f.supply('vdd', 3.3)}", f"V2 in 0 DC {f('VGS', vgs, 'VBIAS')} AC {f('VIN', 1)}",
             f"* gain -sqrt(beta1/beta2) = {-math.sqrt(b1 / b2):.4g} (M1 {' '.join(m1.split()[-2:])}, "
             f"M2 {' '.join(m2.split()[-2:])}): M2's gate on the supply, its source on out, loads out with 1/gm2"
             + ("; M2's bulk on its source (no body effect)" if body == "out" else ""),
             m1, m2]
    return "\n".join(lines), vgs, -math.sqrt(b1 / b2)


def _diode_load_stage(f: _Filler) -> tuple[str, float, float]:
    """(lines, the input's DC level, the gain -sqrt(beta_n/beta_p)): M1 amplifies into M2, whose gate is tied to its
    drain, so the load is 1/gm2 and the gain the two devices' square-root beta ratio (no lambda). The input's level,
    unless stated, puts the output at half the supply: beta_n (VGS - VTN)^2 = beta_p (VDD/2 - |VTP|)^2."""
    vdd = f.number("VDD", 3.3)
    if _NMOS_LOAD.search(f.intent.description):
        return _nmos_diode_load(f, vdd)
    m1 = _mos_device(f, "n", "out", "in", "0", "0", "M1")
    m2 = _mos_device(f, "p", "out", "out", "vdd", "vdd", "M2")
    (bn, vtn), (bp, vtp) = _square_law(f, "n", m1), _square_law(f, "p", m2)
    vgs = float(f"{vtn + math.sqrt(bp / bn) * max(vdd / 2 - vtp, 0.1):.3g}")
    lines = [f"V1 vdd 0 DC {f.supply('vdd', 3.3)}", f"V2 in 0 DC {f('VGS', vgs, 'VBIAS')} AC {f('VIN', 1)}",
             f"* gain -sqrt(beta1/beta2) = {-math.sqrt(bn / bp):.4g} (M1 {' '.join(m1.split()[-2:])}, "
             f"M2 {' '.join(m2.split()[-2:])}): M2's gate on its drain loads out with 1/gm2",
             m1, m2]
    return "\n".join(lines), vgs, -math.sqrt(bn / bp)


def _diode_load_gain(f: _Filler) -> list:
    lines, _, gain = _diode_load_stage(f)
    # the default cards' channel-length modulation lowers it a little (ro || 1/gm2); an NMOS load's body effect, on
    # a bulk at ground, by 1/(1 + eta) more
    low = 0.6 if re.search(r"^M2 vdd vdd out 0 ", lines, re.MULTILINE) else 0.8
    return [gain_between(abs(gain) * low, abs(gain) * 1.03, f"amplifies by sqrt(beta1/beta2) = {abs(gain):.3g}")]


register(Family(kind="cs_diode_connected_load",
                summary="NMOS common-source stage with a diode-connected PMOS load",
                function=_diode_load_gain, build=lambda f: _diode_load_stage(f)[0],
                names=("common-source stage with a diode-connected PMOS load",
                       "NMOS amplifier with a diode-connected PMOS load", "common-source amplifier with diode load"),
                # before the resistor-loaded common-source stage (17)
                rules=((16.8, (r"common[- ]source|\bcs\s+(?:amplifier|amp|stage)\b"
                               r"|\bnmos\b[^.;]{0,40}?(?:amplifier|stage)",
                               r"diode[- ]connected\s+(?:pmos|p-channel|pfet|p-mos|nmos|n-channel|nfet|n-mos)\b"
                               r"|(?:pmos|p-channel|nmos|n-channel)\s+diode\s+load|diode[- ]load")),),
                source="V2", mos=True, noun="amplifier",
                accepts=r"(?:diode[- ]connected\s+)?(?:pmos|p-channel|nmos|n-channel)\s+load|diode\s+load"
                        r"|cs\s+(?:amplifier|amp|stage)|nmos\s+amplifier"))
