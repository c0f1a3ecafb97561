"""Textbook and application-note circuits the first catalogs lacked (issue 14, open world): resistive pads,
L-network matches, transformers, solar cells, tuned amplifiers, quartz crystal models, loudspeaker crossovers,
capacitance multipliers, reverse-polarity protection and RTD or thermistor bridge amplifiers. Each builder sizes its
parts from the request's specs by the circuit's own design equations, and its function measures that the built
circuit meets them."""
from __future__ import annotations

import math
import re

from spice_lsp.generation.checklist import Probe
from spice_lsp.generation.design import set_value
from spice_lsp.generation.drives import gate_sources
from spice_lsp.generation.families import Family, register, stated_gain, used
from spice_lsp.generation.recipes.logic import _circuit
from spice_lsp.generation.recipes.sensors import _nominal, _sensor, _sensor_ohms, sensing_element
from spice_lsp.generation.recipes.words import TIME, seconds, word
from spice_lsp.generation.templates import _Filler, _mos_device, _opamp_block
from spice_lsp.language.units import format_eng, parse_number

VT = 0.025852  # kT/q at 27 C


def _within(what: str, control: str, x: float, tolerance: float, floor: float = 0.0) -> Probe:
    band = abs(x) * tolerance + floor
    return Probe(f"function: {what}", control, x - band, x + band)


def _same(f: _Filler, value: float, *roles: str) -> None:
    """The request's other readings of one figure ("a 50 ohm system ... terminated in 50 ohm", read as R1 and R2)
    are that figure: marked used."""
    for role in roles:
        if role in f.intent.values and math.isclose(f.intent.values[role].value, value, rel_tol=1e-6):
            f.given(role, value)


def _at(f0: float) -> str:
    """An AC run of three points around f0 (meas find at= needs an interval)."""
    return f"ac lin 3 {0.99 * f0:.8g} {1.01 * f0:.8g}"


# --- resistive attenuator pads (pi and T), matched to a line impedance -------------------------------

_DB = re.compile(r"(\d+(?:\.\d+)?)\s*-?\s*db\b", re.IGNORECASE)
_TEE = re.compile(r"\b(?:t|tee)(?:[- ]?(?:pad|attenuator|network|section|type|configuration)\b|\s*\)|\s*-?\s*pads?\b)",
                  re.IGNORECASE)


def _loss_db(f: _Filler) -> float:
    m = _DB.search(f.intent.description)
    return float(m[1]) if m and float(m[1]) > 0 else 10.0


def _pad(f: _Filler) -> str:
    z, a = f.number("R", 50, "RS", "RL"), _loss_db(f)
    _same(f, z, "R", "RS", "RL", "R1", "R2", "RIN")
    k = 10 ** (a / 20)
    # driven straight at its input (a matched source's loss is the pad's own from its input node: the request's
    # "from node pad_in" is the pad's input, not the generator's behind a source resistance)
    lines = ["V1 in 0 AC 1"]
    if _TEE.search(f.intent.description):  # series arms Z0 (K-1)/(K+1), shunt 2 Z0 K/(K^2-1)
        series, shunt = z * (k - 1) / (k + 1), 2 * z * k / (k * k - 1)
        lines += [f"* T pad: {a:g} dB in a {format_eng(z)} ohm system", f"R1 in mid {series:.5g}",
                  f"R2 mid 0 {shunt:.5g}", f"R3 mid out {series:.5g}"]
    else:  # pi: shunt arms Z0 (K+1)/(K-1), series Z0 (K^2-1)/(2K)
        shunt, series = z * (k + 1) / (k - 1), z * (k * k - 1) / (2 * k)
        lines += [f"* pi pad: {a:g} dB in a {format_eng(z)} ohm system", f"R1 in 0 {shunt:.5g}",
                  f"R2 in out {series:.5g}", f"R3 out 0 {shunt:.5g}"]
    return "\n".join(lines + [f"RL out 0 {format_eng(z)}"])


def _attenuates(f: _Filler) -> list:
    a, z, k = _loss_db(f), f.number("R", 50, "RS", "RL"), 10 ** (_loss_db(f) / 20)  # (as _pad reads it)
    # the current into the pad: through the T's series arm to mid, or the pi's shunt arm and series arm
    current = f"((v({{inp}})-v(mid))/{z * (k - 1) / (k + 1):.5g})" if _TEE.search(f.intent.description) else \
        f"(v({{inp}})/{z * (k + 1) / (k - 1):.5g} + (v({{inp}})-v({{out}}))/{z * (k * k - 1) / (2 * k):.5g})"
    return [_within(f"loses {a:g} dB between matched ends",
                    f"{_at(1e3)}\nlet g = vdb({{out}})-vdb({{inp}})\nmeas ac result find g at=1k", -a, 0, 0.1),
            _within(f"its input is matched: {format_eng(z)} ohm terminated",
                    f"{_at(1e3)}\nlet g = mag(v({{inp}})/{current})\nmeas ac result find g at=1k", z, 0.01)]


register(Family(kind="attenuator_pad", summary="resistive pi or T attenuator pad matched to a line impedance",
                build=_pad, function=_attenuates,
                names=("pi attenuator pad", "T attenuator pad", "50 ohm pi attenuator", "resistive T-pad"),
                # before the divider's "resistive attenuator ... dB": a pi or T pad, or a pad in an ohm system
                rules=((36.3, (r"\b(?:pi|tee|t)[- ]?(?:pad|attenuator)s?\b|\b(?:pi|tee|t)\s+(?:network|section)\b"
                               r"[^.;]{0,40}\b(?:pad|attenuator)|\b(?:pad|attenuator)\b[^.;]{0,40}\b(?:pi|tee|t)"
                               r"[- ]?(?:network|section|type|configuration)\b",)),
                       (36.35, (r"\battenuator\b|\bpads?\b", r"\bohms?\s+(?:system|line|impedance)|\bimpedance\b|"
                                r"\bmatched\b|\bz0\b"))),
                noun="attenuator", output="out", ports=(("input", ("in",)),),
                # "for a 600 Ω system ..., terminated in 600 Ω": the line impedance, however many times said
                words=((r"system|line|impedance|terminat\w*|z0|matched", {"ohm": "RL"}),)))


# --- L-network impedance match -----------------------------------------------------------------------

def _l_match(f: _Filler) -> str:
    rs, rl, f0 = f.number("RS", 50, "RIN"), f.number("RL", 200), f.number("FREQ", 10e6)
    w = 2 * math.pi * f0
    f.param("f0", f("FREQ", 10e6))  # the design frequency, as the request writes it
    lines = ["V1 src 0 AC 1", f"RS src in {format_eng(rs)}"]
    if rl > rs:  # the shunt C across the larger resistance, the series L toward the smaller
        q = math.sqrt(rl / rs - 1)
        lines += [f"* L match {format_eng(rs)} -> {format_eng(rl)} ohm at {format_eng(f0)}Hz, Q = {q:.3g}",
                  f"L1 in out {q * rs / w:.5g}", f"C1 out 0 {q / (rl * w):.5g}"]
    else:
        q = math.sqrt(rs / max(rl, 1e-9) - 1) if rs > rl else 0.0
        lines += [f"* L match {format_eng(rs)} -> {format_eng(rl)} ohm at {format_eng(f0)}Hz, Q = {q:.3g}",
                  f"C1 in 0 {max(q, 1e-6) / (rs * w):.5g}", f"L1 in out {max(q, 1e-6) * rl / w:.5g}"]
    return "\n".join(lines + [f"RL out 0 {format_eng(rl)}"])


def _matches(f: _Filler) -> list:
    rs, rl, f0 = used(f, "RS", "RIN"), used(f, "RL"), used(f, "FREQ")
    return [_within("matched at f0: the network's input looks like RS, v(in) = v(src)/2",
                    f"{_at(f0)}\nlet g = vm(in)/vm(src)\nmeas ac result find g at={f0:.8g}", 0.5, 0.03),
            _within("all the available power reaches RL: |v(out)| = |v(src)|/2 sqrt(RL/RS)",
                    f"{_at(f0)}\nlet g = vm({{out}})/vm(src)\nmeas ac result find g at={f0:.8g}",
                    0.5 * math.sqrt(rl / rs), 0.03)]


register(Family(kind="l_match", summary="L-network (series L, shunt C) impedance match between two resistances",
                build=_l_match, function=_matches,
                names=("L-network impedance match", "LC impedance matching network", "L-section matching network"),
                rules=((33.9, (r"\bl[- ](?:network|section|match\w*)\b|impedance[- ]match\w*|\bmatching\s+network\b|"
                               r"\bmatch(?:es|ing)?\b[^.;]{0,40}\bohms?\b[^.;]{0,40}\b(?:to|into|down\s+to|up\s+to)\b",
                               r"^(?![\s\S]*\b(?:transformer|amplifier|attenuator|pad|antenna\s+tuner)\b)")),),
                noun="network", output="out"))


# --- transformer (coupled inductors) -------------------------------------------------------------------

_RATIO = re.compile(r"(\d+(?:\.\d+)?)\s*:\s*(\d+(?:\.\d+)?)")
_VOLTS = re.compile(r"(\d+(?:\.\d+)?)\s*(?:v|volts?)\b(?:\s*(?:rms|ac|peak|pk))?", re.IGNORECASE)


def _turns(f: _Filler) -> float:
    """Primary over secondary turns: a stated ratio (10:1), else two stated voltages (230 V to 12 V), else 10."""
    if m := _RATIO.search(f.intent.description):
        return float(m[1]) / float(m[2]) if float(m[2]) > 0 and float(m[1]) > 0 else 10.0
    volts = [float(v) for v in _VOLTS.findall(f.intent.description) if float(v) > 0]
    return volts[0] / volts[1] if len(volts) >= 2 else 10.0


def _transformer(f: _Filler) -> str:
    n = _turns(f)
    mains = re.search(r"\b(?:mains|line|wall)\b", f.intent.description, re.IGNORECASE)
    f0 = f.number("FREQ", 50 if mains else 1e3)
    rl = f.number("RL", 100, "R")
    volts = [float(v) for v in _VOLTS.findall(f.intent.description) if float(v) > 0]
    vp = volts[0] if volts else 10.0
    _same(f, vp, "VDD", "VIN", "V")
    if len(volts) >= 2 and not _RATIO.search(f.intent.description):  # the secondary's stated voltage
        _same(f, volts[1], "VDD", "VIN", "VOUT", "V")
        f.param("vsec", format_eng(volts[1]))
    f.param("vpri", format_eng(vp))
    amplitude = vp * math.sqrt(2) if re.search(r"\brms\b|\bmains\b", f.intent.description, re.IGNORECASE) else vp
    ls = rl / (2 * math.pi * f0)  # secondary reactance = RL: its leakage (1 - k^2) Ls drops under 0.2 %
    f.tran = (1 / f0 / 200, 5 / f0)
    return "\n".join([f"V1 in 0 AC 1 SIN(0 {amplitude:.4g} {format_eng(f0)})",
                      f"* turns ratio {n:.4g}:1: Lp/Ls = n^2, coupling 0.999",
                      f"L1 in 0 {n * n * ls:.5g}", f"L2 out 0 {ls:.5g}", "K1 L1 L2 0.999",
                      f"RL out 0 {format_eng(rl)}"])


def _transforms(f: _Filler) -> list:
    n, f0 = _turns(f), used(f, "FREQ")
    return [Probe(f"function: secondary/primary = 1/{n:.4g} (turns ratio)",
                  f"{_at(f0)}\nlet g = vm({{out}})/vm({{inp}})\nmeas ac result find g at={f0:.8g}", 0.95 / n, 1.03 / n)]


register(Family(kind="transformer", summary="transformer (two coupled inductors) stepping a sine up or down",
                build=_transformer, function=_transforms,
                names=("step-down transformer", "step-up transformer", "coupled-inductor transformer 10:1"),
                # before the buck's "step-down", the boost's "step-up": a transformer asked for on its own
                rules=((18.9, (r"\btransformers?\b", r"^(?![\s\S]*\b(?:rectif\w*|converter|flyback|forward|bridge|"
                                                      r"center[- ]?tap\w*|centre[- ]?tap\w*|diodes?|amplifier|"
                                                      r"oscillat\w*|smps|regulat\w*|supply|transformer[- ]coupled|"
                                                      r"gyrator|impedance|hum|filter|[a-z]+[- ]pass|noise)\b)",
                               r"^(?![\s\S]*(?:\bk\d*\s*=|\bk\d+\b|\bl\d+\s*=))")),),
                analysis="tran", tran=("5u", "5m"), noun="transformer", output="out"))


# --- solar cell (single-diode model) ---------------------------------------------------------------------

_CELLS = re.compile(r"(\d+)\s+cells\b", re.IGNORECASE)


def _solar(f: _Filler) -> str:
    isc, voc = f.number("ISC", 3, "IBIAS", "I"), f.number("VOC", 0.6, "VIN", "VDD", "V")
    f.param("voc", f("VOC", 0.6, "VIN", "VDD", "V"))  # the stated Voc, as written: IS is solved from it
    cells = int(m[1]) if (m := _CELLS.search(f.intent.description)) else max(1, round(voc / 0.6))
    n = 1.3 * cells  # emission coefficient per cell, the cells in series
    saturation = isc / math.expm1(voc / (n * VT))  # the diode takes all of Isc at Voc
    return "\n".join([f"* single-diode model: Iph = Isc, IS from Voc = n Vt ln(Isc/IS + 1), {cells} cell(s)",
                      f"I1 0 pv DC {format_eng(isc)}",
                      f"D1 pv 0 {f.model('dpv', f'.model dpv D(IS={saturation:.4g} N={n:g})')}",
                      f"RSH pv 0 {1000 * cells:g}", "VPV pv 0 DC 0"])


def _solar_curve(f: _Filler) -> list:
    isc, voc = used(f, "ISC", "IBIAS", "I"), used(f, "VOC", "VIN", "VDD", "V")
    sweep = f"dc VPV 0 {1.05 * voc:.4g} {voc / 2000:.3g}"
    return [Probe(f"function: short-circuit current {isc:g} A", f"{sweep}\nmeas dc result find i(vpv) at=0",
                  0.97 * isc, 1.01 * isc),
            _within(f"open-circuit voltage {voc:g} V", f"{sweep}\nmeas dc result when i(vpv)=0", voc, 0.03)]


register(Family(kind="solar_cell", summary="solar cell (photovoltaic) single-diode model and its I-V curve",
                build=_solar, function=_solar_curve,
                names=("solar cell model", "photovoltaic cell I-V curve", "PV panel single-diode model"),
                rules=((0.8, (r"\bsolar\s+(?:cells?|panels?|modules?)\b|\bphotovoltaic\b|\bpv\s+(?:cells?|panels?|"
                              r"modules?|arrays?)\b",
                              r"^(?![\s\S]*\b(?:charger|charging|mppt|boost|buck|converter|battery|photodiodes?)\b)")),),
                analysis="dc", dc_sweep="0 0.65 1m", source="VPV", current=True, output="pv", noun="cell"))


# --- tuned (LC tank) common-emitter amplifier ------------------------------------------------------------

TANK_Q = 10  # the tank's loaded Q: a resistor across it sets it, so the gain and bandwidth do not hang on ro


def _tuned(f: _Filler) -> str:
    f0 = f.number("FREQ", 455e3)
    w = 2 * math.pi * f0
    f.param("f0", f("FREQ", 455e3))  # the tank's frequency, as the request writes it
    l_tank = f.number("L", 100e-6 * math.sqrt(455e3 / f0))
    c_tank = 1 / (w * w * l_tank)
    vcc = f.supply("vcc", 9)
    return "\n".join([f"VCC vcc 0 DC {vcc}", f"V1 in 0 DC 0 AC 1 SIN(0 1m {format_eng(f0)})",
                      "C1 in b 100n", "R1 vcc b 68k", "R2 b 0 12k",
                      f"Q1 out b e {f.model('qtun', '.model qtun NPN(IS=1e-14 BF=150 VAF=100)')}",
                      "RE e 0 1k", "CE e 0 1u",
                      f"* tank at f0 = 1/(2 pi sqrt(LC)) = {format_eng(f0)}Hz, loaded Q {TANK_Q}",
                      f"L1 vcc out {format_eng(l_tank)}", f"C2 vcc out {c_tank:.5g}",
                      f"R3 vcc out {TANK_Q * w * l_tank:.5g}"])


def _tunes(f: _Filler) -> list:
    f0 = used(f, "FREQ")
    sweep = f"ac dec 400 {f0 / 10:.6g} {f0 * 10:.6g}"
    return [Probe(f"function: the gain peaks at {format_eng(f0)}Hz (within its top 1 dB)",
                  f"{sweep}\nlet g = vdb({{out}})-vecmax(vdb({{out}}))\nmeas ac result find g at={f0:.8g}", -1, 0.01),
            Probe(f"function: amplifies at {format_eng(f0)}Hz by more than 10 dB",
                  f"{sweep}\nlet g = vdb({{out}})-vdb({{inp}})\nmeas ac result find g at={f0:.8g}", 10, 200),
            Probe("function: selective: a third of f0 is at least 6 dB down",
                  f"{sweep}\nlet g = vdb({{out}})-vecmax(vdb({{out}}))\nmeas ac result find g at={f0 / 3:.8g}",
                  -300, -6)]


register(Family(kind="tuned_amplifier", summary="tuned (LC tank in the collector) common-emitter amplifier",
                build=_tuned, function=_tunes,
                names=("tuned amplifier", "tuned common-emitter amplifier with an LC tank", "IF amplifier at 455 kHz"),
                rules=((4.9, (r"\btuned\b[^.;]{0,30}\bamplifier|\b(?:if|rf)\s+amplifier|\btank\b[^.;]{0,40}\bcollector|"
                              r"\bcollector\b[^.;]{0,40}\b(?:tank|parallel\s+lc)\b",
                              r"^(?![\s\S]*\b(?:oscillat\w*|mixer|class[- ]?c)\b)")),),
                noun="amplifier", output="out"))


# --- quartz crystal equivalent circuit (Butterworth-Van Dyke) ----------------------------------------------

def _crystal(f: _Filler) -> str:
    cm = f.number("C", 10e-15, "CM")
    # a stated frequency with no motional L: the L that resonates with Cm there
    fs_wanted = f.number("FREQ", 10e6)
    # (to the 4 figures the netlist writes: the function's resonance is the written part's, Q is in the 10^4s)
    lm = f.number("L", float(f"{1 / ((2 * math.pi * fs_wanted) ** 2 * cm):.4g}"), "LM")
    if "FREQ" in f.intent.values:
        f.param("fs", f("FREQ", fs_wanted))
    rm, c0 = f.number("R", 20, "RM", "R1"), f.number("C0", 5e-12)
    rl = f.number("RL", 50 if rm < 1e3 else 1e3, "R2")
    fs = 1 / (2 * math.pi * math.sqrt(lm * cm))
    return "\n".join([f"V1 in 0 AC {f('VIN', 1, 'VDD')}", f"* motional arm: series resonance fs = {fs:.7g} Hz",
                      f"LM in a {format_eng(lm)}", f"CM a b {format_eng(cm)}", f"RM b out {format_eng(rm)}",
                      f"C0 in out {format_eng(c0)}", f"RL out 0 {format_eng(rl)}"])


def _resonates(f: _Filler) -> list:
    lm, cm, c0 = used(f, "L", "LM"), used(f, "C", "CM"), used(f, "C0")
    fs = 1 / (2 * math.pi * math.sqrt(lm * cm))
    fp = fs * math.sqrt(1 + cm / c0)
    sweep = f"ac lin 4001 {fs * (1 - 2e-3):.9g} {max(fp, fs * 1.002) * 1.001:.9g}"
    peak = "let g = vdb({out})-vecmax(vdb({out}))"
    return [Probe(f"function: passes best at the series resonance {fs:.6g} Hz",
                  f"{sweep}\n{peak}\nmeas ac result find g at={fs:.9g}", -0.5, 0.01),
            Probe(f"function: blocks at the parallel resonance {fp:.6g} Hz (20 dB under the peak)",
                  f"{sweep}\n{peak}\nmeas ac result find g at={fp:.9g}", -300, -20)]


register(Family(kind="crystal_model", summary="quartz crystal equivalent circuit (Butterworth-Van Dyke model)",
                build=_crystal, function=_resonates,
                names=("quartz crystal equivalent circuit", "crystal BVD model", "crystal motional equivalent model"),
                # before the Pierce oscillator's "crystal": the crystal itself, no oscillator
                rules=((0.65, (r"\bcrystal|\bquartz|\bxtal\b",
                               r"\bequivalent\b|\bmodel\b|\bbvd\b|butterworth[- ]van[- ]dyke|\bmotional\b",
                               r"^(?![\s\S]*\b(?:oscillat\w*|pierce|colpitts|inverter|clock)\b)")),),
                noun="crystal", output="out"))


# --- passive two-way loudspeaker crossover ------------------------------------------------------------

_FIRST_ORDER = re.compile(r"\b(?:first[- ]order|1st[- ]order|6\s*db\s*/\s*oct\w*)", re.IGNORECASE)
_LINKWITZ = re.compile(r"\blinkwitz|\briley\b|\blr[- ]?[24]\b", re.IGNORECASE)


def _alignment(f: _Filler) -> tuple[int, float]:
    """(order, each side's gain at the crossover in dB): first order (one part a side, -3 dB), second-order
    Linkwitz-Riley (-6 dB, the sum flat) or Butterworth (-3 dB)."""
    if _FIRST_ORDER.search(f.intent.description):
        return 1, -3.01
    return 2, -6.02 if _LINKWITZ.search(f.intent.description) else -3.01


_NOT_ACTIVE = r"^(?![\s\S]*\b(?:distortion|active|op[- ]?amps?)\b)"
_PASSIVE_OR_NOT_LR = (r"^(?![\s\S]*(?:\blinkwitz|\briley\b|\blr-?[24]\b|\blr(?:12|24)\b))|\bpassive\b|\binductors?\b"
                      r"|\bcoils?\b")


def _crossover(f: _Filler) -> str:
    fc, r = f.number("FREQ", 3e3), f.number("R", 8, "RL", "R1")
    # each driver's impedance said apart ("the tweeter (8 ohm ...) ... the woofer (8 ohm ...)"): one value for both
    # is built; two that differ leave the second unused (said so, unverified)
    if (other := f.intent.values.get("R2")) is not None and math.isclose(other.value, r, rel_tol=1e-9):
        f.number("R2", r)
    w = 2 * math.pi * fc
    f.param("fc", f("FREQ", 3e3))  # the crossover frequency, as the request writes it
    order, at_fc = _alignment(f)
    lines = ["V1 in 0 AC 1", f"* {6 * order} dB/octave crossover at {format_eng(fc)}Hz, {format_eng(r)} ohm drivers"]
    if order == 1:  # a series L to the woofer, a series C to the tweeter: each corner at fc
        return "\n".join(lines + [f"L1 in lp {r / w:.5g}", f"RW lp 0 {format_eng(r)}",
                                   f"C2 in hp {1 / (r * w):.5g}", f"RT hp 0 {format_eng(r)}"])
    # second order: L = k R/w, C = 1/(k R w), k = sqrt(2) (Butterworth, -3 dB at fc) or 2 (Linkwitz-Riley, -6 dB)
    k = math.sqrt(2) if at_fc > -4 else 2.0
    inductor, capacitor = k * r / w, 1 / (k * r * w)
    return "\n".join(lines + [f"L1 in lp {inductor:.5g}", f"C1 lp 0 {capacitor:.5g}",
                               f"RW lp 0 {format_eng(r)}", f"C2 in hp {capacitor:.5g}",
                               f"L2 hp 0 {inductor:.5g}", f"RT hp 0 {format_eng(r)}"])


def _splits(f: _Filler) -> list:
    fc = used(f, "FREQ")
    order, at_fc = _alignment(f)
    sweep = f"ac dec 50 {fc / 100:.6g} {fc * 100:.6g}"
    stop = -15.0 if order == 1 else -30.0  # a decade past fc: 20 or 40 dB down

    def gain(node: str, at: float, low: float, high: float, what: str) -> Probe:
        return Probe(f"function: {what}", f"{sweep}\nlet g = vdb({node})-vdb(in)\nmeas ac result find g at={at:.6g}",
                     low, high)
    return [gain("lp", fc / 10, -0.5, 0.1, "the woofer gets a decade below the crossover"),
            gain("lp", fc * 10, -300, stop, f"the woofer is {-stop:g}+ dB down a decade above"),
            gain("hp", fc * 10, -0.5, 0.1, "the tweeter gets a decade above"),
            gain("hp", fc / 10, -300, stop, f"the tweeter is {-stop:g}+ dB down a decade below"),
            gain("lp", fc, at_fc - 0.5, at_fc + 0.5, f"the woofer is {-at_fc:.0f} dB down at {format_eng(fc)}Hz"),
            gain("hp", fc, at_fc - 0.5, at_fc + 0.5, f"the tweeter is {-at_fc:.0f} dB down at {format_eng(fc)}Hz")]


def _design_crossover(intent, d, spec) -> None:
    """The crossover frequency asked is fc: each side's L and C are sized from it (a Butterworth side's -3 dB point)."""
    set_value(intent, d, "FREQ", spec.target, "L = k R/(2 pi fc), C = 1/(k R 2 pi fc)", None)
    d.claimed.add("FREQ")


register(Family(kind="loudspeaker_crossover",
                summary="passive two-way loudspeaker crossover (first-order or second-order: 6 or 12 dB/octave)",
                build=_crossover, function=_splits,
                names=("two-way loudspeaker crossover", "passive speaker crossover network"),
                # an active (op-amp) crossover is not this passive network, nor a Linkwitz-Riley one no speaker or
                # passive part is said of (the Linkwitz-Riley family's)
                rules=((4.8, (r"\bcross[- ]?over\b", r"\bspeakers?\b|\bloudspeakers?\b|\bwoofer|\btweeter|\bdrivers?\b|"
                              r"\bpassive\b|\binductors?\b|\bcoils?\b", _NOT_ACTIVE, _PASSIVE_OR_NOT_LR)),
                       (4.81, (r"\bcross[- ]?over\b", r"\btwo[- ]way\b|\b2[- ]way\b|\bdb\s*/\s*oct", _NOT_ACTIVE,
                               _PASSIVE_OR_NOT_LR))),
                # (its nodes named short for the band each carries: "tweeter on tw" is read as the high-pass
                # output's name, ports.py, and lands on the node short for it, compose.py)
                # (its alignment named: "a 2nd-order Butterworth passive speaker crossover"; the power amplifier's
                # output that drives it, "amplifier output at node xin", its source)
                accepts=r"butterworth|linkwitz[- ]riley|(?:(?:passive|speaker|loudspeaker|two[- ]way)\s+)*"
                        r"cross[- ]?over(?:\s+network)?|(?:power\s+)?amp(?:lifier)?(?:'s)?\s+output",
                specs=("cutoff",), design=_design_crossover,
                examples=(("cutoff", "passive two-way loudspeaker crossover, 8 ohm drivers, crossover at {x} Hz", 200,
                           8e3),),
                # ("amplifier output at node xin": what feeds it, its input)
                noun="crossover", output="lp", ports=(("output", ("lp", "hp")), ("amplifier output", ("in",)))))


# --- capacitance multiplier ---------------------------------------------------------------------------------

_PP = re.compile(r"(\d+(?:\.\d+)?)\s*(m?)v\s*(?:p-?p|pp|peak[- ]to[- ]peak)", re.IGNORECASE)


def _ripple(f: _Filler) -> float:
    """The input ripple's amplitude: a stated peak-to-peak figure halved (its readings marked used), else 0.5 V."""
    if m := _PP.search(f.intent.description):
        pp = float(m[1]) * (1e-3 if m[2] else 1)
        _same(f, pp, "VDD", "VRIPPLE", "V")
        f.param("ripple_pp", f"{m[1]}{m[2]}")
        return pp / 2
    return f.number("VRIPPLE", 0.5)


def _multiplier(f: _Filler) -> str:
    vin, fr = f.number("VIN", 12, "VDD"), f.number("FREQ", 100)
    ripple = _ripple(f)
    r, c, rl = f.number("R", 1e3, "RB"), f.number("C", 100e-6), f.number("RL", 100, "RE")
    f.tran = (1 / fr / 100, 5 * r * c + 10 / fr)
    return "\n".join([f"V1 in 0 DC {vin:g} SIN({vin:g} {ripple:g} {format_eng(fr)})",
                      "* RC at the base filters the ripple; the follower multiplies C by beta for the load",
                      f"R1 in b {format_eng(r)}", f"C1 b 0 {format_eng(c)}",
                      f"Q1 in b out {f.model('qcm', '.model qcm NPN(IS=1e-14 BF=150)')}",
                      f"RL out 0 {format_eng(rl)}"])


def _smooths(f: _Filler) -> list:
    vin, ripple, fr = used(f, "VIN", "VDD"), _ripple(f), used(f, "FREQ")
    r, c, rl = used(f, "R", "RB"), used(f, "C"), used(f, "RL", "RE")
    stop = 5 * r * c + 10 / fr
    window = f"from={stop - 5 / fr:.6g} to={stop:.6g}"
    run = f"tran {1 / fr / 100:.4g} {stop:.6g}"
    attenuation = 1 / math.hypot(1, 2 * math.pi * fr * r * c)  # the base's RC
    vout = vin - 0.7 - (vin - 0.7) / rl / 151 * r  # a Vbe and the base current's drop in R
    return [Probe(f"function: the ripple at out is cut {1 / attenuation:.3g}x by the base RC",
                  f"{run}\nmeas tran result pp v({{out}}) {window}", 0, max(4 * attenuation, 0.1) * 2 * ripple),
            _within(f"out sits a Vbe and the base current's drop under the input: {vout:.3g} V",
                    f"{run}\nmeas tran result avg v({{out}}) {window}", vout, 0.0, 0.4)]


register(Family(kind="capacitance_multiplier",
                summary="capacitance multiplier (RC-filtered emitter follower) ripple filter",
                build=_multiplier, function=_smooths,
                names=("capacitance multiplier", "capacitance multiplier ripple filter"),
                rules=((0.9, (r"\bcapacit(?:ance|or)\s+multiplier",)),),
                analysis="tran", tran=("100u", "0.6"), noun="filter", output="out"))


# --- reverse-polarity protection -------------------------------------------------------------------------

_SERIES_DIODE = re.compile(r"\bdiodes?\b(?![^.;]{0,20}\bbody\b)", re.IGNORECASE)
_PMOS = re.compile(r"mosfet|\bp[- ]?(?:mos|fet|channel)\b", re.IGNORECASE)


def _by_diode(f: _Filler) -> bool:
    """A series diode asked for (and no MOSFET): the simple kind; else the PMOS in the + line."""
    return bool(_SERIES_DIODE.search(f.intent.description)) and not _PMOS.search(f.intent.description)


def _protection(f: _Filler) -> str:
    vin, rl = f("VIN", 12, "VDD"), f("RL", 100, "R")
    if _by_diode(f):  # the diode blocks a reversed battery, at the cost of its drop
        return "\n".join([f"V1 in 0 DC {vin}", f"D1 in out {f.model('dpr', '.model dpr D(IS=1e-14 N=1 RS=0.05)')}",
                           f"RL out 0 {rl}"])
    # a PMOS in the + line, drain to the battery: its body diode conducts first, then the gate (at ground) turns the
    # channel on; a reversed battery leaves the body diode and the channel off
    return "\n".join([f"V1 in 0 DC {vin}",
                       f"M1 in 0 out out {f.model('ppr', '.model ppr PMOS(VTO=-2 KP=50u)')} W=20m L=1u",
                       f"RL out 0 {rl}"])


def _passes_forward(f: _Filler) -> list:
    vin = used(f, "VIN", "VDD")
    low, high = (vin - 1.0, vin - 0.4) if _by_diode(f) else (vin - 0.3, vin + 1e-3)
    return [Probe(f"function: the load gets the battery less {'a diode drop' if _by_diode(f) else 'a small drop'}",
                  "op\nlet result = v({out})", low, high)]


register(Family(kind="reverse_polarity_protection", summary="reverse-polarity protection (PMOS in the + line, or a "
                "series diode)", build=_protection, function=_passes_forward,
                names=("reverse polarity protection", "reverse battery protection with a P-channel MOSFET"),
                rules=((0.5, (r"\breverse[- ](?:polarity|battery|voltage)\s+protect\w*|\bpolarity\s+protect\w*",)),),
                analysis="op", noun="protection", output="out"))


# --- RTD or thermistor bridge into a difference amplifier --------------------------------------------------

_RTD = rf"{word('rtd')}s?\b|{word('pt100')}0?\b|platinum resistance"


def _is_rtd(f: _Filler) -> bool:
    return re.search(_RTD, f.intent.description, re.IGNORECASE) is not None


def _bridge_amplifier(f: _Filler) -> str:
    rtd = _is_rtd(f)
    law, lines = _sensor(f, rtd)
    r = f("R", _nominal(f, rtd), "R1")
    gain = stated_gain(f, 10)
    # the amplifier's inputs 100x the arms' resistance, so it loads the bridge by under 1 %
    rin = 100 * _nominal(f, rtd)
    excitation = f.supply("vdd", 5)  # first: the op-amp runs from the bridge's own supply
    return "\n".join([_opamp_block(f), *lines, f"V1 vdd 0 DC {excitation}",
                       f"R1 vdd a {r}", sensing_element(f, rtd, law, "a"), f"R2 vdd b {r}", f"R3 b 0 {r}",
                       f"* difference amplifier: v(out) = {gain:g} (v(a) - v(b))",
                       f"R4 b inn {format_eng(rin)}", f"R5 inn out {format_eng(gain * rin)}",
                       f"R6 a inp {format_eng(rin)}", f"R7 inp 0 {format_eng(gain * rin)}", "X1 inp inn out opamp"])


def _amplifies_bridge(f: _Filler) -> list:
    rtd = _is_rtd(f)
    r, rs = used(f, "R", "R1"), _sensor_ohms(f, rtd)
    x = stated_gain(f, 10) * used(f, "VDD", default=5) * (rs / (r + rs) - 0.5)
    return [_within(f"v(out) = GAIN VDD (Rs/(R + Rs) - 1/2) = {x:.4g} V at its temperature",
                    "op\nlet result = v({out})", x, 0.03, 2e-3)]


register(Family(kind="sensor_bridge_amplifier", summary="RTD or NTC thermistor bridge into a difference amplifier",
                build=_bridge_amplifier, function=_amplifies_bridge,
                names=("RTD bridge amplifier", "PT100 Wheatstone bridge with a difference amplifier",
                       "thermistor bridge amplifier", "NTC bridge with a difference amplifier",
                       "RTD bridge with an instrumentation amplifier"),
                # as the strain gauge's (1.5): before the bridge-tied load's "bridge amplifier" and the in-amp's words
                rules=((1.55, (rf"{_RTD}|thermistor|{word('ntc')}\b", r"bridge",
                               r"amplif|op[- ]?amps?|in-?amp|instrumentation|difference",
                               r"^(?![\s\S]*\b(?:no|without(?:\s+an?)?)\s+(?:amplif|op[- ]?amp|in-?amp))")),),
                analysis="dc", dc_sweep="-40 125 1", source="V2", senses_temperature=True, noun="amplifier",
                # the amplifier reading a bridge subtracts its two sides: a difference or instrumentation amplifier
                accepts=r"bridges?|amplifiers?|differen(?:ce|tial)\s+amplifier|subtractor|instrumentation\s+amplifier"))


# --- class C tuned amplifier ---------------------------------------------------------------------------------

def _class_c(f: _Filler) -> str:
    # The base leak RB charges the coupling cap on the drive's peaks, so the base sits below 0 V on average and the
    # transistor conducts only near each peak (under 180 degrees); the tank at f0 rings the pulses back to a sine.
    f0 = f.number("FREQ", 1e6)
    w = 2 * math.pi * f0
    f.param("f0", f("FREQ", 1e6))
    l_tank = f.number("L", 10e-6 * math.sqrt(1e6 / f0))
    c_tank = f.number("C1", 1 / (w * w * l_tank), "C")
    rb = f.number("RB", 10e3, "R")
    cc = f.number("C2", 20 / (f0 * rb))  # RB Cc = 20 periods: the self-bias holds over a cycle
    rl = f.number("RL", TANK_Q * w * l_tank)
    vcc = f.supply("vcc", 12)
    f.tran = (1 / f0 / 200, 40 / f0)
    return "\n".join([f"VCC vcc 0 DC {vcc}", f"V1 in 0 DC 0 SIN(0 {f('VIN', 1)} {format_eng(f0)})",
                      f"C2 in b {format_eng(cc)}", f"RB b 0 {format_eng(rb)}",
                      f"Q1 out b 0 {f.model('qcc', '.model qcc NPN(IS=1e-14 BF=100 CJE=5p CJC=2p TF=0.3n)')}",
                      f"* tank at f0 = 1/(2 pi sqrt(LC)) = {1 / (2 * math.pi * math.sqrt(l_tank * c_tank)):.4g} Hz",
                      f"L1 vcc out {format_eng(l_tank)}", f"C1 vcc out {c_tank:.5g}", f"RL vcc out {format_eng(rl)}"])


def _tank_design(intent, d, spec) -> None:
    """A stated tank or centre frequency is the frequency the builder tunes the tank and drive to."""
    d.claimed.add("FREQ")
    set_value(intent, d, "FREQ", spec.target, "the stated tank frequency", None)


def _conducts_on_peaks(f: _Filler) -> list:
    l_tank, c_tank = used(f, "L"), used(f, "C1", "C")
    f0, vcc = 1 / (2 * math.pi * math.sqrt(l_tank * c_tank)), used(f, "VDD")
    run = f"tran {1 / f0 / 200:.4g} {40 / f0:.6g}"
    return [_within(f"the tank rings at {format_eng(f0)}Hz (one period, late in the run)",
                    f"{run}\nmeas tran result trig v({{out}}) val={vcc:g} rise=30 targ v({{out}}) val={vcc:g} rise=31",
                    1 / f0, 0.03),
            Probe("function: class C: the base self-biases below 0 V on average (conducts only near the peaks)",
                  f"{run}\nmeas tran result avg v(b) from={20 / f0:.6g} to={40 / f0:.6g}", -10 * used(f, "VIN"), -0.05),
            Probe("function: the collector swings more than 1 V around the supply",
                  f"{run}\nmeas tran result pp v({{out}}) from={30 / f0:.6g} to={40 / f0:.6g}", 1, 3 * vcc)]


register(Family(kind="class_c_amplifier",
                summary="class C tuned amplifier (self-biased NPN below cutoff, LC tank load)",
                build=_class_c, function=_conducts_on_peaks,
                names=("class C amplifier", "class-C tuned RF amplifier", "class C power amplifier with an LC tank"),
                rules=((4.85, (r"\bclass[- ]?c\b", r"amp\w*|\bpa\b|\bstage\b",
                               r"^(?![\s\S]*\b(?:oscillat\w*|mixer|class[- ]?(?:a|b|ab|d|e)\b))")),),
                analysis="tran", tran=("5n", "40u"), noun="amplifier", output="out", transient=40e-6,
                specs=("center", "frequency"), design=_tank_design,
                examples=(("center", "class C amplifier with its tank tuned to {x} Hz", 2e5, 5e6),
                          ("frequency", "class C amplifier at {x} Hz", 2e5, 5e6))))


# --- Gilbert cell mixer ---------------------------------------------------------------------------------------

_TWO_VALUES = re.compile(r"two values for \w+ \((.+) and (.+)\)")


def _port_wave(text: str, port: str) -> tuple[float | None, float | None]:
    """The frequency and amplitude a request states for a mixer port ("RF = 1.1 MHz 20 mV", "LO of 10 MHz")."""
    m = re.search(rf"\b(?:{port})\b[^.;,]{{0,40}}", text, re.IGNORECASE)
    if not m:
        return None, None
    freq = re.search(r"(\d+(?:\.\d+)?)\s*([kmg]?)hz\b", m[0], re.IGNORECASE)
    amp = re.search(r"(\d+(?:\.\d+)?)\s*(m|u)?v\b", m[0], re.IGNORECASE)
    scale = {"": 1, "k": 1e3, "m": 1e6, "g": 1e9}
    return (float(freq[1]) * scale[freq[2].lower()] if freq else None,
            float(amp[1]) * {None: 1, "m": 1e-3, "u": 1e-6}[amp[2] and amp[2].lower()] if amp else None)


def _mixer_waves(f: _Filler) -> tuple[float, float, float, float]:
    """(f_lo, a_lo, f_rf, a_rf): the ports' stated waves, else LO 1 MHz 200 mV and RF 10 % above it at 20 mV."""
    text = f.intent.description
    f_lo, a_lo = _port_wave(text, "lo|local oscillator")
    f_rf, a_rf = _port_wave(text, "rf")
    f_lo = f_lo or f.number("FREQ", 1e6)
    _same(f, f_lo, "FREQ")
    a_lo, a_rf, f_rf = a_lo or 0.2, a_rf or 0.02, f_rf or 1.1 * f_lo
    _same(f, a_lo, "VIN")
    # the ports' waves and the difference frequency they make are said, not extra or contradicting figures
    said = (f_lo, a_lo, f_rf, a_rf, abs(f_rf - f_lo))

    def known(text: str) -> bool:
        return (x := parse_number(text.replace(" ", ""))) is not None and any(math.isclose(x, v) for v in said)
    f.intent.extra_values[:] = [x for x in f.intent.extra_values if not any(math.isclose(x.value, v) for v in said)]
    f.intent.warnings[:] = [w for w in f.intent.warnings if not (
        (pair := _TWO_VALUES.match(w)) and known(pair[1]) and known(pair[2]))]
    return f_lo, a_lo, f_rf, a_rf


def _gilbert(f: _Filler) -> str:
    # Q5/Q6 turn the RF into a differential current (RE degenerates them); the LO switches it between the
    # cross-coupled pairs Q1-Q4, so the output is the RF current times the LO's sign: f_rf +- f_lo.
    f_lo, a_lo, f_rf, a_rf = _mixer_waves(f)
    rc, tail, re_ = f.number("RC", 2e3, "R"), f.number("IBIAS", 2e-3), f.number("RE", 200)
    if (said := f.intent.values.get("VDD")) and said.value in (a_lo, a_rf):  # a port's level, read as the supply
        f.given("VDD", said.value)
        vcc, supply = 9.0, f.param("vcc", "9")
    else:
        vcc, supply = f.number("VDD", 9), f.supply("vcc", 9)
    low = 0.5 + 0.75 + re_ * tail / 2 + 0.2  # the tail source keeps 0.5 V; the lower pair's bases
    high = max(low + 1.0, (vcc - rc * tail / 2 + low + 0.75) / 2)  # the upper bases, between the stages' limits
    f.tran = (min(1 / f_lo, 1 / f_rf) / 200, 4 / abs(f_rf - f_lo))
    q = f.model("qgc", ".model qgc NPN(IS=1e-15 BF=200)")
    return "\n".join([f"VCC vcc 0 DC {supply}", f"V1 lo 0 DC 0 SIN(0 {a_lo:g} {format_eng(f_lo)})",
                      f"V2 rf 0 DC 0 SIN(0 {a_rf:g} {format_eng(f_rf)})", "RLO lo 0 50", "RRF rf 0 50",
                      "* the 50 ohm ports' single-ended LO and RF split into differential pairs around their bias",
                      f"B1 lop 0 V={high:.3g}+0.5*v(lo)", f"B2 lon 0 V={high:.3g}-0.5*v(lo)",
                      f"B3 rfp 0 V={low:.3g}+0.5*v(rf)", f"B4 rfn 0 V={low:.3g}-0.5*v(rf)",
                      f"R1 vcc outp {format_eng(rc)}", f"R2 vcc outn {format_eng(rc)}",
                      f"Q1 outp lop e1 {q}", f"Q2 outn lon e1 {q}", f"Q3 outp lon e2 {q}", f"Q4 outn lop e2 {q}",
                      f"Q5 e1 rfp t1 {q}", f"Q6 e2 rfn t2 {q}", f"R3 t1 tail {format_eng(re_)}",
                      f"R4 t2 tail {format_eng(re_)}", f"I1 tail 0 DC {format_eng(tail)}"])


def _switching_fundamental(a_lo: float) -> float:
    """The fundamental's amplitude of tanh(a sin t / 2VT), the LO pair's steering of its current (4/pi switched)."""
    n = 2000
    return 2 / n * sum(math.tanh(a_lo * math.sin(2 * math.pi * k / n) / (2 * VT)) * math.sin(2 * math.pi * k / n)
                       for k in range(n))


def _mixes(f: _Filler) -> list:
    f_lo, a_lo, f_rf, a_rf = _mixer_waves(f)
    rc, tail, re_ = used(f, "RC", "R"), used(f, "IBIAS"), used(f, "RE")
    f_if = abs(f_rf - f_lo)
    # RF current amplitude vrf/(RE + re) times the LO's fundamental, halved into the difference frequency
    x = rc * a_rf / (re_ + VT / (tail / 2)) * _switching_fundamental(a_lo) / 2
    w = f"{2 * math.pi * f_if:.8g}"
    run = (f"tran {min(1 / f_lo, 1 / f_rf) / 200:.4g} {4 / f_if:.6g} 0 {min(1 / f_lo, 1 / f_rf) / 200:.4g}\n"
           f"let vd = v(outp)-v(outn)\nlet ci = vd*cos({w}*time)\nlet si = vd*sin({w}*time)\n"
           "let amp = vd*0 + 2*sqrt(mean(ci)*mean(ci)+mean(si)*mean(si))")
    return [_within(f"the {format_eng(f_if)}Hz difference frequency at v(outp,outn): {x * 1e3:.3g} mV",
                    f"{run}\nmeas tran result find amp at={2 / f_if:.6g}", x, 0.25)]


register(Family(kind="gilbert_mixer", summary="Gilbert cell mixer (BJT double-balanced multiplier)",
                build=_gilbert, function=_mixes,
                names=("Gilbert cell mixer", "Gilbert cell", "Gilbert multiplier cell"),
                rules=((0.6, (r"\bgilbert\b",)),
                       (0.61, (r"\bdouble[- ]balanced\b", r"\bmixer|\bmultiplier", r"\bbjt|\bnpn|transistor"))),
                analysis="tran", tran=("5n", "40u"), noun="mixer", output="outp", transient=40e-6,
                ports=(("output", ("outp", "outn")),),
                accepts=r"local\s+oscillators?|(?:lo|rf|if)\s+(?:ports?|inputs?|signals?|drive)"))


# --- optocoupler (LED, phototransistor) ----------------------------------------------------------------------

_CTR = re.compile(r"\bctr\b[^\d.;]{0,20}(\d+(?:\.\d+)?)\s*%", re.IGNORECASE)
_BF_PHOTO = 100  # the phototransistor's beta: the LED current's share into its base is CTR/BF


def _ctr(f: _Filler) -> float:
    return float(m[1]) / 100 if (m := _CTR.search(f.intent.description)) else 1.0


def _driven_by_current(f: _Filler) -> bool:
    return "IBIAS" in f.intent.values


def _optocoupler(f: _Filler) -> str:
    # The LED's current, sensed by VS, drives the phototransistor's base through F1 (the light), scaled so the
    # collector current is CTR times the LED's in the active region; the pull-up saturates it when CTR If RC > VCC.
    ctr = _ctr(f)
    vcc = f.supply("vcc", 5)
    lines = [f"VCC vcc 0 DC {vcc}"]
    if _driven_by_current(f):
        lines.append(f"I1 0 in DC {f('IBIAS', 2e-3)}")
        anode = "in"
    else:
        f0 = f.number("FREQ", 1e3)
        f.tran = (1 / f0 / 500, 3 / f0)
        lines += [f"V1 in 0 PULSE(0 {f('VIN', 5)} 0 1u 1u {format_eng(0.5 / f0)} {format_eng(1 / f0)})",
                  f"R1 in a {f('R1', 330, 'R')}"]
        anode = "a"
    return "\n".join(lines + [
        f"D1 {anode} k {f.model('dled', '.model dled D(IS=1e-20 N=1.8 RS=2)')}", "VS k 0 DC 0",
        f"* the light: base current = CTR/BF x the LED current (CTR {ctr * 100:g} %)",
        f"F1 0 pb VS {ctr / _BF_PHOTO:.4g}",
        f"Q1 out pb 0 {f.model('qph', f'.model qph NPN(IS=1e-14 BF={_BF_PHOTO})')}",
        f"RC vcc out {f('RC', 4.7e3, 'R2', 'RL')}"])


def _couples(f: _Filler) -> list:
    ctr, vcc, rc = _ctr(f), used(f, "VDD"), used(f, "RC", "R2", "RL")
    if _driven_by_current(f):
        i_led = used(f, "IBIAS")
        vout = max(vcc - ctr * i_led * rc, 0.1)
        return [_within(f"v(out) = VCC - CTR If RC = {vout:.3g} V (saturates near 0.1 V)", "op\nlet result = v({out})",
                        vout, 0.05, 0.15)]
    f0, i_led = used(f, "FREQ"), (used(f, "VIN") - 1.2) / used(f, "R1", "R")
    run = f"tran {1 / f0 / 500:.4g} {3 / f0:.6g}"
    low = max(vcc - ctr * i_led * rc, 0.0)
    return [Probe(f"function: LED on ({i_led * 1e3:.3g} mA): out pulled down to {low:.3g} V or to saturation",
                  f"{run}\nmeas tran result find v({{out}}) at={2.25 / f0:.6g}", -0.01, max(low, 0) + 0.4),
            Probe("function: LED off: out at the pull-up's supply",
                  f"{run}\nmeas tran result find v({{out}}) at={2.75 / f0:.6g}", 0.95 * vcc, 1.001 * vcc)]


register(Family(kind="optocoupler", summary="optocoupler (LED driving a phototransistor, current transfer ratio CTR)",
                build=_optocoupler, function=_couples,
                names=("optocoupler", "opto-isolator with a phototransistor output", "optocoupler 4N35"),
                rules=((0.62, (r"\bopto[- ]?(?:coupler|isolator|isolated|couplers)\b|\boptocoupl\w*|"
                               r"\bphoto[- ]?coupler\b|\b4n(?:25|35|26|27|28)\b|\bpc817\b",)),),
                analysis="tran", tran=("2u", "3m"), noun="coupler", output="out",
                accepts=r"(?:input\s+|infrared\s+|ir\s+)?(?:leds?|light[- ]emitting\s+diodes?)|photo[- ]?transistors?"))


# --- bias tee --------------------------------------------------------------------------------------------------

# "rf port 'rfin'", "combined port rfdc", "the DC port, node vb": the ports' node names, by what each carries
_TEE_PORT = re.compile(r"\b(?P<what>rf(?:\s*\+\s*dc)?|dc|bias|combined|output|load|antenna)\s+(?:port|input|in|side)"
                       r"\s*(?:is\s+|at\s+|on\s+|=\s*|,\s*)?(?:node\s+)?['\"(]?(?P<node>[a-z]\w{0,11})\b['\")]?",
                       re.IGNORECASE)
_TEE_ROLE = {"rf": "rf", "dc": "dc", "bias": "dc"}  # anything else names the combined (RF + DC) port


def _tee_nodes(f: _Filler) -> dict[str, str]:
    """The ports' nodes by role: rf, dc, and out (the combined port, named by the request's output)."""
    nodes = {"rf": "rf", "dc": "dc", "out": "out"}
    for m in _TEE_PORT.finditer(f.intent.description):
        if m["node"].lower() not in ("and", "with", "the", "through", "via", "of", "to", "from", "node", "port"):
            nodes[_TEE_ROLE.get(m["what"].lower(), "out")] = m["node"].lower()
    return nodes


def _bias_tee(f: _Filler) -> str:
    # The choke passes the DC bias onto the RF line and blocks RF from the bias port; the cap does the reverse.
    # Sized for the lowest RF frequency: XL = 10 Z0 and XC = Z0/10 there.
    z0, fmin = f.number("RL", 50, "R"), f.number("FREQ", 10e6)
    w = 2 * math.pi * fmin
    l_choke, c_block = f("L", float(f"{10 * z0 / w:.3g}")), f("C", float(f"{1 / (w * z0 / 10):.3g}"))
    n = _tee_nodes(f) | {"out": "out"}  # (the composer puts the request's name for the output on out)
    return "\n".join([f"V1 {n['dc']} 0 DC {f('VBIAS', 5, 'VDD', 'VIN')}", f"L1 {n['dc']} {n['out']} {l_choke}",
                      "V2 src 0 DC 0 AC 1", f"RS src {n['rf']} {format_eng(z0)}", f"C1 {n['rf']} {n['out']} {c_block}",
                      f"RL {n['out']} 0 {format_eng(z0)}"])


def _tees(f: _Filler) -> list:
    vb, z0, l_choke, c_block = used(f, "VBIAS", "VDD", "VIN"), used(f, "RL", "R"), used(f, "L"), used(f, "C")
    # where the choke's reactance is 10 Z0 or more and the cap's Z0/10 or less
    at = max(10 * z0 / (2 * math.pi * l_choke), 10 / (2 * math.pi * c_block * z0))
    checks = [_within(f"the bias reaches the RF line: v(out) = {vb:g} V DC", "op\nlet result = v({out})", vb, 0.01),
            Probe("function: the RF port carries no DC", f"op\nlet result = v({_tee_nodes(f)['rf']})",
                  -0.01 * abs(vb) - 1e-3, 0.01 * abs(vb) + 1e-3),
            Probe(f"function: RF passes to the matched load at {format_eng(at)}Hz: v(out) = v(src)/2 within 1 dB",
                  f"{_at(at)}\nlet g = vm({{out}})/vm(src)\nmeas ac result find g at={at:.8g}", 0.445, 0.51)]
    if (named := _tee_nodes(f)["out"]) != "out":  # a name the reader missed: said, and the answer left unverified
        checks.append(Probe(f"function: the combined port on node {named}", f"op\nlet result = v({named})-v({{out}})",
                            0, 0))
    return checks


register(Family(kind="bias_tee", summary="bias tee (choke for the DC bias, blocking cap for the RF)",
                build=_bias_tee, function=_tees,
                names=("bias tee", "bias-T network", "RF bias tee with an inductor and a capacitor"),
                rules=((0.63, (r"\bbias[- ]?(?:tee|t)\b",)),),
                analysis="ac", noun="tee", output="out",
                # what it biases or feeds is no second circuit: "a bias tee for an LNA", "the antenna's feed"
                accepts=r"lnas?|low[- ]noise\s+amplifiers?|amplifiers?|antennas?|chokes?|rf\s+chokes?"))


# --- binary adders (half and full) of static CMOS NAND gates ----------------------------------------------------

_FULL_ADDER = re.compile(r"\bfull[- ]?adders?\b|\bcarry[- ]in\b|\bcin\b", re.IGNORECASE)
_TOGGLE = re.compile(rf"\btoggles?\s+every\s+(?P<t>{TIME})", re.IGNORECASE)


def _adder_inputs(f: _Filler) -> int:
    return 3 if _FULL_ADDER.search(f.intent.description) else 2


def _bit_time(f: _Filler) -> float:
    """How long each input combination holds: the first input's stated toggle time, else 10 ns."""
    return seconds(m["t"]) if (m := _TOGGLE.search(f.intent.description)) else 10e-9


def _adder(f: _Filler) -> str:
    # Inputs count up in binary (a the least significant bit), one combination every bit time, from 000. The
    # sum is a four-NAND XOR (twice for a full adder), the carry a NAND of the NANDs: a b + cin (a xor b).
    n, t = _adder_inputs(f), _bit_time(f)
    inputs, sources = gate_sources(f, [f"PULSE(0 {{vdd}} {format_eng(t * 2 ** k)} 100p 100p {format_eng(t * 2 ** k)} "
                                       f"{format_eng(t * 2 ** (k + 1))})" for k in range(n)], ("a", "b", "cin")[:n])
    f.tran = (t / 200, t * 2 ** n)
    for said in list(f.intent.values.values()):  # "a toggles every 10 ns, b every 20 ns": the inputs' bit times
        if said.unit == "s" and any(math.isclose(said.value, t * 2 ** k) for k in range(n)):
            f.given(said.role, said.value)

    def build(g) -> None:
        a, b = inputs.names[:2]
        g.nand(a, b, "ad_1")
        g.nand(a, "ad_1", "ad_2")
        g.nand(b, "ad_1", "ad_3")
        if n == 2:
            g.nand("ad_2", "ad_3", "sum")
            g.inv("ad_1", "carry")
            return
        cin = inputs.names[2]
        g.nand("ad_2", "ad_3", "ad_x")
        g.nand("ad_x", cin, "ad_5")
        g.nand("ad_x", "ad_5", "ad_6")
        g.nand(cin, "ad_5", "ad_7")
        g.nand("ad_6", "ad_7", "sum")
        g.nand("ad_1", "ad_5", "carry")
    return _circuit(f, sources, build, ("sum", "carry"))


def _adds(f: _Filler) -> list:
    n, t, high = _adder_inputs(f), _bit_time(f), used(f, "VDD")
    samples: list[str] = []
    wrong: list[str] = []
    for k in range(2 ** n):  # late in each combination: the outputs settled
        ones = bin(k).count("1")
        for node, bit in (("{out}", ones % 2), ("carry", int(ones >= 2))):
            i = len(samples)
            samples.append(f"meas tran s{i} find v({node}) at={(k + 0.8) * t:.6g}")
            wrong.append(f"(s{i} {'lt' if bit else 'gt'} {high / 2:g})")
    return [Probe(f"function: sum and carry for all {2 ** n} input combinations (wrong samples: 0 expected)",
                  "{tran}\n" + "\n".join(samples) + "\nlet result = " + " + ".join(wrong), 0, 0)]


register(Family(kind="cmos_adder", summary="half or full adder (one-bit binary adder of static CMOS NAND gates)",
                build=_adder, function=_adds,
                names=("half adder", "CMOS full adder", "one-bit full adder", "transistor-level half adder"),
                rules=((4.05, (r"\b(?:half|full)[- ]?adders?\b|\b1[- ]bit\s+(?:binary\s+)?adders?\b|"
                               r"\bone[- ]bit\s+(?:binary\s+)?adders?\b",
                               r"^(?![\s\S]*\b(?:op[- ]?amps?|summing|ripple[- ]carry|4[- ]bit|8[- ]bit)\b)")),),
                analysis="tran", tran=("50p", "40n"), source="V2", mos=True, transient=40e-9, noun="adder",
                output="sum", ports=(("input", ("a", "b", "cin")), ("output", ("sum", "carry")))))


# --- six-transistor SRAM cell ---------------------------------------------------------------------------------

_READ = re.compile(r"\bread(?:s|ing)?\b(?![^.;]{0,20}\bwrite)", re.IGNORECASE)
# "wl pulses 0 -> 1.8 V at 2 ns for 3 ns", "the word line goes high at 1 ns": the word line's pulse
_WORD_LINE = re.compile(rf"\b(?:wl|word\s*-?\s*line)\b(?:[^.;]|\.(?=\d)){{0,50}}?\bat\s+(?P<at>{TIME})"
                        rf"(?:(?:[^.;]|\.(?=\d)){{0,20}}?\bfor\s+(?P<width>{TIME}))?", re.IGNORECASE)


def _reads(f: _Filler) -> bool:
    return bool(_READ.search(f.intent.description)) and not re.search(r"\bwrit(?:e|es|ing)\b", f.intent.description,
                                                                        re.IGNORECASE)


def _word_line(f: _Filler) -> tuple[float, float]:
    """(start, width) of the word line's pulse: as stated, else 1 ns and 3 ns; its stated times are used."""
    m = _WORD_LINE.search(f.intent.description)
    at = seconds(m["at"]) if m else 1e-9
    width = seconds(m["width"]) if m and m["width"] else 3e-9
    for said in list(f.intent.values.values()):
        if said.unit == "s" and any(math.isclose(said.value, t) for t in (at, width)):
            f.given(said.role, said.value)
    return at, width


def _sram(f: _Filler) -> str:
    # Two cross-coupled inverters hold q and qb; the access NMOS connect them to the bit lines while the word line is
    # high. Cell ratio 2 (pull-down twice the access device) keeps a read from flipping the cell; the weak pull-up
    # (half the access device) lets a write pull the high side down. The cell starts holding a 1 (q high). Write:
    # bl driven to 0 and blb to VDD flip it; read: bit lines precharged on their capacitance, blb discharges.
    vdd = f.supply("vdd", 1.8)
    lg = f.number("LG", 180e-9)
    at, width = _word_line(f)

    def mos(pol: str, d: str, g: str, s: str, name: str, w: float) -> str:
        return _mos_device(f, pol, d, g, s, "vdd" if pol == "p" else "0", name, w * lg / 180e-9, lg)
    lines = [f"V1 vdd 0 DC {vdd}", f"VWL wl 0 PULSE(0 {{vdd}} {format_eng(at)} 50p 50p {format_eng(width)} 1)",
             mos("p", "q", "qb", "vdd", "M1", 0.5e-6), mos("n", "q", "qb", "0", "M2", 2e-6),
             mos("p", "qb", "q", "vdd", "M3", 0.5e-6), mos("n", "qb", "q", "0", "M4", 2e-6),
             mos("n", "bl", "wl", "q", "M5", 1e-6), mos("n", "blb", "wl", "qb", "M6", 1e-6)]
    f.tran = (5e-12, at + width + 2e-9)
    if _reads(f):
        cbl = f("C", 100e-15, "CL")
        return "\n".join(lines + [f"CBL bl 0 {cbl}", f"CBLB blb 0 {cbl}",
                                  ".ic v(q)={vdd} v(qb)=0 v(bl)={vdd} v(blb)={vdd}"])
    return "\n".join(lines + ["VBL bl 0 DC 0", "VBLB blb 0 DC {vdd}", ".ic v(q)={vdd} v(qb)=0"])


def _stores(f: _Filler) -> list:
    vdd, (at, width) = used(f, "VDD"), _word_line(f)
    after = at + width + 1e-9  # the word line down again: what the cell holds
    run = f"tran 5p {at + width + 2e-9:.4g}"
    if _reads(f):
        return [Probe("function: a read discharges blb (the 0 side's bit line) by more than a tenth of VDD",
                      f"{run}\nmeas tran result find v(blb) at={after:.4g}", -0.01, 0.9 * vdd),
                Probe("function: the read leaves the cell's 1 in place (q above 3/4 VDD)",
                      f"{run}\nmeas tran result find v(q) at={after:.4g}", 0.75 * vdd, 1.01 * vdd)]
    return [Probe("function: holds its 1 before the word line rises",
                  f"{run}\nmeas tran result find v(q) at={0.9 * at:.4g}", 0.9 * vdd, 1.01 * vdd),
            Probe("function: the write flips it: q at 0 after the word line falls",
                  f"{run}\nmeas tran result find v(q) at={after:.4g}", -0.01, 0.1 * vdd),
            Probe("function: qb at VDD after the write", f"{run}\nmeas tran result find v(qb) at={after:.4g}",
                  0.9 * vdd, 1.01 * vdd)]


register(Family(kind="sram_cell",
                summary="6T SRAM cell (cross-coupled CMOS inverters, two access NMOS), written or read",
                build=_sram, function=_stores,
                names=("6T SRAM cell", "six-transistor SRAM bit cell", "SRAM cell write", "SRAM bit cell read"),
                rules=((4.02, (r"\bsram\b|\bstatic\s+ram\b|\bstatic\s+random[- ]access\s+memory\b|\b6t\s+(?:memory\s+)?"
                               r"(?:bit\s*)?cells?\b|\bsix[- ]transistor\s+(?:memory|sram|static|bit)",)),),
                analysis="tran", tran=("5p", "5n"), mos=True, transient=5e-9, noun="cell", output="q",
                ports=(("output", ("q", "qb")),)))


# --- LM317-style adjustable three-terminal regulator ---------------------------------------------------------

VREF_317, IADJ_317 = 1.25, 50e-6  # the LM317's reference (out to adj) and adjust-pin current (datasheet typicals)


def _adjustable_target(f: _Filler) -> float | None:
    """The output the request sets: a vout spec (designed into R2), else a level under the stated input ("set to
    5 V, 12 V input": read as the supply)."""
    vin, said = f.intent.values.get("VIN"), f.intent.values.get("VDD")
    if said is not None and vin is not None and VREF_317 < said.value < vin.value:
        f.given("VDD", said.value)
        return said.value
    return None


def _adjustable_design(intent, d, spec) -> None:
    """R2 (adj to ground) for the stated output: Vout = 1.25 (1 + R2/R1) + 50 uA R2, R1 the given or 240 ohm."""
    if "R2" in intent.values:
        return
    r1 = intent.values["R1"].value if "R1" in intent.values else 240.0
    set_value(intent, d, "R2", (spec.target - VREF_317) / (VREF_317 / r1 + IADJ_317),
              "Vout = 1.25 V (1 + R2/R1) + 50 uA R2", None)


def _lm317(f: _Filler) -> str:
    # A behavioural LM317: the error amplifier (B1) drives the NPN pass device until out sits 1.25 V above adj;
    # 50 uA leaves the adj pin. R1 (out to adj) and R2 (adj to ground) set Vout = 1.25 (1 + R2/R1) + 50 uA R2.
    r1 = f.number("R1", 240, "R")
    target = _adjustable_target(f)
    r2_default = (target - VREF_317) / (VREF_317 / r1 + IADJ_317) if target else 720.0
    return "\n".join([f"V1 in 0 DC {f('VIN', 12)}",
                      f"IADJ in adj DC {format_eng(IADJ_317)}",
                      "B1 b 0 V=max(0, min(v(in), v(adj)+1.95+1e3*(v(adj)+1.25-v(out))))",
                      f"Q1 in b out {f.model('q317', '.model q317 NPN(IS=1e-14 BF=100)')}",
                      f"R1 out adj {f('R1', r1, 'R')}", f"R2 adj 0 {f('R2', float(f'{r2_default:.4g}'))}",
                      f"RL out 0 {f('RL', 100)}"])


def _sets_output(f: _Filler) -> list:
    r1, r2 = used(f, "R1", "R"), used(f, "R2")
    vout = VREF_317 * (1 + r2 / r1) + IADJ_317 * r2
    return [_within(f"v(out) = 1.25 V (1 + R2/R1) + 50 uA R2 = {vout:.4g} V", "op\nlet result = v({out})", vout, 0.02)]


register(Family(kind="adjustable_regulator", summary="LM317-style adjustable three-terminal regulator (behavioural)",
                build=_lm317, function=_sets_output,
                names=("LM317 adjustable regulator", "LM317 voltage regulator", "adjustable three-terminal regulator"),
                rules=((23.2, (r"\blm\s?[13]17\b|\blm\s?338\b|\blm\s?350\b|\bthree[- ]terminal\s+adjustable\b|"
                               r"\badjustable\s+(?:positive\s+)?(?:linear\s+|voltage\s+|three[- ]terminal\s+)?"
                               r"regulator",
                               r"^(?![\s\S]*\b(?:current\s+(?:source|sink|regulator|limit\w*)|constant[- ]current|"
                               r"charg\w*|led|shunt|tl431|negative|lm\s?337|switching|buck|boost)\b)")),),
                analysis="op", noun="regulator", output="out", specs=("vout",), design=_adjustable_design,
                examples=(("vout", "LM317 adjustable regulator from 15 V set to {x} V", 2, 12),)))


# --- CMOS Schmitt trigger (six transistors) ----------------------------------------------------------------------

def _cmos_schmitt(f: _Filler) -> str:
    # An inverter's stacked pairs (M1-M2, M4-M5) with feedback devices from the output to their midpoints: M3 holds
    # the PMOS midpoint up (pulled to ground when out is low) and M6 the NMOS one, so the input must pass further
    # than VDD/2 to switch the output either way. Driven by a 0-VDD triangle.
    f0 = f.number("FREQ", 100e3)
    f.param("f0", f("FREQ", 100e3))  # the triangle's frequency, as the request writes it
    vdd = f.supply("vdd", 3.3)
    f.tran = (1 / f0 / 1000, 2 / f0)
    # "a triangle 0 to 3.3 V": the input's swing is the rails, said
    f.intent.extra_values[:] = [x for x in f.intent.extra_values
                                if not (x.unit in ("V", "") and x.value in (0.0, f.number("VDD", 3.3)))]

    def mos(pol: str, d: str, g: str, s: str, name: str, w: float) -> str:
        return _mos_device(f, pol, d, g, s, "vdd" if pol == "p" else "0", name, w, 1e-6)
    return "\n".join([f"V1 vdd 0 DC {vdd}",
                      f"V2 in 0 PULSE(0 {{vdd}} 0 {format_eng(0.5 / f0)} {format_eng(0.5 / f0)} 1n "
                      f"{format_eng(1 / f0)})",
                      mos("p", "p1", "in", "vdd", "M1", 4e-6), mos("p", "out", "in", "p1", "M2", 4e-6),
                      mos("p", "p1", "out", "0", "M3", 4e-6), mos("n", "n1", "in", "0", "M4", 2e-6),
                      mos("n", "out", "in", "n1", "M5", 2e-6), mos("n", "n1", "out", "vdd", "M6", 2e-6),
                      f"C1 out 0 {f('CL', 50e-15, 'C')}"])


def _hysteresis(f: _Filler) -> list:
    f0, vdd = used(f, "FREQ"), used(f, "VDD")
    run = f"tran {1 / f0 / 1000:.4g} {2 / f0:.6g}"
    return [Probe(f"function: the rising input switches it above VDD/2 + 5 % ({0.55 * vdd:.3g} V)",
                  f"{run}\nmeas tran result find v({{inp}}) when v({{out}})={vdd / 2:g} fall=1", 0.55 * vdd, vdd),
            Probe(f"function: the falling input switches it back below VDD/2 - 5 % ({0.45 * vdd:.3g} V)",
                  f"{run}\nmeas tran result find v({{inp}}) when v({{out}})={vdd / 2:g} rise=1", 0, 0.45 * vdd)]


register(Family(kind="cmos_schmitt_trigger", summary="CMOS Schmitt trigger (six-transistor inverter with hysteresis)",
                build=_cmos_schmitt, function=_hysteresis,
                names=("CMOS Schmitt trigger", "six-transistor CMOS Schmitt trigger inverter",
                       "transistor-level Schmitt trigger with MOSFETs"),
                # before the op-amp Schmitt triggers (5.0) and the CMOS inverter (5): the MOS transistor circuit
                rules=((4.9, (r"schmitt", r"\bcmos\b|\bmosfets?\b|\bnmos\b|\bpmos\b|transistor[- ]level|\b6[- ]?t\b|"
                              r"six[- ]transistor|6[- ]transistor",
                              r"^(?![\s\S]*\b(?:op[- ]?amps?|comparators?|lm\d+|555)\b)")),),
                analysis="tran", tran=("10n", "20u"), source="V2", mos=True, transient=20e-6, noun="trigger",
                output="out", accepts=r"inverters?|hysteresis|triangle(?:\s+wave)?"))


# --- an RC snubber across the switch of an inductive load ----------------------------------------------------------

def _snubber_values(f: _Filler) -> tuple[float, float, float, float, float, float]:
    """(supply, load R, load L, current at turn-off, snubber R, snubber C): the load's current when the switch opens
    (V/R (1 - e^(-t_on R/L))); unless stated, CS = L (I/V)^2 (the ringing's peak I sqrt(L/C) one supply above it) and
    RS = sqrt(L/CS) (about critically damped)."""
    v, lo = f.number("VDD", 12), f.number("L", 1e-3)
    load_role = _load_role(f)
    rl = f.number(load_role, 10)
    t_on = 0.5 / f.number("FREQ", 1e3)
    i = v / rl * (1 - math.exp(-t_on * rl / lo))
    c = f.number("C", float(f"{lo * (i / v) ** 2:.2g}"))
    r = float(f"{math.sqrt(lo / c):.2g}") if load_role == "R" else f.number("R", float(f"{math.sqrt(lo / c):.2g}"))
    return v, rl, lo, i, r, c


# "a relay coil of 50 mH and 100 ohm", "the load: 1 mH with 10 ohm": the load's own resistance, not the snubber's
_COIL_OHMS = re.compile(r"(?:coil|load|relay|solenoid|motor|winding)\s+(?:of\s+|is\s+|:\s*)?(?:[\d.]+\s*[mu]?H\s+"
                        r"(?:and|with|,)\s+)?(?P<r>[\d.]+\s*k?)\s*(?:ohms?|\u03a9)", re.IGNORECASE)


def _load_role(f: _Filler) -> str:
    """The role that holds the load's resistance: RL, or the bare R the reader gave a coil's ohms."""
    coil = _COIL_OHMS.search(f.intent.description)
    return "R" if coil and "RL" not in f.intent.values and "R" in f.intent.values and math.isclose(
        f.number("R", 0), parse_number(coil["r"].replace(" ", "")) or 0) else "RL"


def _snubber(f: _Filler) -> str:
    v, rl, lo, i, r, c = _snubber_values(f)
    f.param("vdd", f("VDD", v))
    f.param("fsw", f("FREQ", 1e3))
    f.tran = (0.5 / f.number("FREQ", 1e3) / 500, 3 / f.number("FREQ", 1e3))
    # S1 switches the inductive load (RL in series with L1) to ground at fsw, half the period on; when it opens, the
    # load's current turns into RS-CS instead of an arc: the switch node rings up to about V + I (RS + sqrt(L/C)).
    load = _load_role(f)
    return "\n".join(["V1 vdd 0 DC {vdd}", f"R1 vdd a {f(load, rl)}", f"L1 a out {f('L', lo)}",
                      "S1 out 0 g 0 swm", "V2 g 0 PULSE(0 5 0 10n 10n {0.5/fsw} {1/fsw})",
                      f"R2 out s {format_eng(r) if load == 'R' else f('R', r)}", f"C1 s 0 {f('C', c)}",
                      ".model swm SW(RON=0.05 ROFF=1e8 VT=2.5 VH=0.1)"])


def _clamps_the_spike(f: _Filler) -> list:
    v, _, lo, i, r, c = _snubber_values(f)
    top = v + i * (r + math.sqrt(lo / c))
    return [Probe(f"function: the turn-off spike at the switch stays under V + I (RS + sqrt(L/C)) = {top:.3g} V",
                  "{tran}\nmeas tran result max v({out}) from={half} to={stop}", v, 1.1 * top)]


register(Family(kind="rc_snubber", function=_clamps_the_spike,
                summary="RC snubber across the switch of an inductive load",
                build=_snubber,
                names=("RC snubber", "RC snubber across a switch", "snubber network for an inductive load"),
                rules=((0.6, (r"\bsnubbers?\b", r"^(?![\s\S]*\bdiodes?\b)")),),
                analysis="tran", tran=("1u", "3m"), source="V2", noun="snubber"))


# --- Maxwell (Maxwell-Wien) inductance bridge ------------------------------------------------------

# Arms: Z1 = R1 || C1 (in to b), Z2 = R2 (b to ground), Z3 = R3 (in to d), Z4 = the unknown coil Rx + j w Lx (d to
# ground). Balanced when Z1 Z4 = Z2 Z3: Lx = R2 R3 C1 and Rx = R2 R3 / R1, at every frequency. R2 = R3 = sqrt(Lx/C1)
# for the coil stated (10 mH, 10 ohm unless said), C1 = 100 nF; E1 is the detector across b and d.
def _maxwell_arms(f: _Filler) -> tuple[float, float, float, float]:
    """(Lx, Rx, C1, R2 = R3)."""
    lx, rx, c1 = f.number("L", 10e-3, "LX"), f.number("R", 10.0, "RS", "RX"), f.number("C", 100e-9, "C1")
    return lx, rx, c1, math.sqrt(lx / c1)


def _maxwell_bridge(f: _Filler) -> str:
    lx, rx, c1, r = _maxwell_arms(f)
    return "\n".join([f"V1 in 0 DC 0 AC 1 SIN(0 1 {f('FREQ', 1e3)})",
                      f"* balanced: Lx = R2 R3 C1, Rx = R2 R3/R1 (R2 = R3 = sqrt(Lx/C1) = {format_eng(r)})",
                      f"R1 in b {format_eng(r * r / rx)}", f"C1 in b {f('C', c1, 'C1')}", f"R2 b 0 {format_eng(r)}",
                      f"R3 in d {format_eng(r)}", f"R4 d x {f('R', rx, 'RS', 'RX')}", f"L1 x 0 {f('L', lx, 'LX')}",
                      "E1 out 0 b d 1", "R5 out 0 1meg"])


def _maxwell_balances(f: _Filler) -> list:
    lx = _maxwell_arms(f)[0]
    return [Probe(f"function: the bridge balances with the {format_eng(lx)}H coil (detector under 0.1 % of the drive "
                  "from 100 Hz to 10 kHz)", "ac dec 10 100 10k\nlet result = vecmax(mag(v({out})))", 0, 1e-3),
            Probe("function: off balance the detector sees the drive (v(b) alone, at 1 kHz, over 1 %)",
                  "ac dec 10 100 10k\nmeas ac result find vm(b) at=1k", 1e-2, 1)]


register(Family(kind="maxwell_bridge", summary="Maxwell (Maxwell-Wien) inductance bridge, balanced for the coil",
                build=_maxwell_bridge, function=_maxwell_balances,
                names=("Maxwell bridge", "Maxwell-Wien bridge", "Maxwell inductance bridge"),
                rules=((1.5, (r"\bmaxwell(?:[- ]wien)?(?:\s+inductance)?\s+bridge",)),),  # (before the Wien circuits)
                accepts=r"(?:inductance\s+)?bridge", analysis="ac"))
