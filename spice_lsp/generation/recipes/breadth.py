"""Textbook and application-note circuits the first catalogs lacked (issue 14, open world): resistive pads,
L-network matches, transformers, solar cells, tuned amplifiers, quartz crystal models, loudspeaker crossovers,
capacitance multipliers, reverse-polarity protection and RTD or thermistor bridge amplifiers. Each builder sizes its
parts from the request's specs by the circuit's own design equations, and its function measures that the built
circuit meets them."""
from __future__ import annotations

import math
import re

from spice_lsp.generation.checklist import Probe
from spice_lsp.generation.families import Family, register, stated_gain, used
from spice_lsp.generation.recipes.sensors import _nominal, _sensor, _sensor_ohms
from spice_lsp.generation.recipes.words import word
from spice_lsp.generation.templates import _Filler, _opamp_block
from spice_lsp.language.units import format_eng

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
    lines = ["V1 src 0 AC 1", f"RS src in {format_eng(z)}"]
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
    a = _loss_db(f)
    return [_within(f"loses {a:g} dB between matched ends",
                    f"{_at(1e3)}\nlet g = vdb(out)-vdb(in)\nmeas ac result find g at=1k", -a, 0, 0.1),
            _within("its input is matched: v(in) = v(src)/2",
                    f"{_at(1e3)}\nlet g = vm(in)/vm(src)\nmeas ac result find g at=1k", 0.5, 0.01)]


register(Family(kind="attenuator_pad", summary="resistive pi or T attenuator pad matched to a line impedance",
                build=_pad, function=_attenuates,
                names=("pi attenuator pad", "T attenuator pad", "50 ohm pi attenuator", "resistive T-pad"),
                # before the divider's "resistive attenuator ... dB": a pi or T pad, or a pad in an ohm system
                rules=((36.3, (r"\b(?:pi|tee|t)[- ]?(?:pad|attenuator)s?\b|\b(?:pi|tee|t)\s+(?:network|section)\b"
                               r"[^.;]{0,40}\b(?:pad|attenuator)|\b(?:pad|attenuator)\b[^.;]{0,40}\b(?:pi|tee|t)"
                               r"[- ]?(?:network|section|type|configuration)\b",)),
                       (36.35, (r"\battenuator\b|\bpads?\b", r"\bohms?\s+(?:system|line|impedance)|\bimpedance\b|"
                                r"\bmatched\b|\bz0\b"))),
                noun="attenuator", output="out", ports=(("input", ("in",)),)))


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
                noun="crossover", output="lp", ports=(("output", ("lp", "hp")),)))


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
                       f"R1 vdd a {r}", f"B1 a 0 I={{v(a)/({law})}}", f"R2 vdd b {r}", f"R3 b 0 {r}",
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
