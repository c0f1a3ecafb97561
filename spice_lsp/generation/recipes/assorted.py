"""Everyday circuits the other collections lack: the op-amp active clamp, the piezo charge
amplifier, the high-side current-sense amplifier, the current-steering DAC, the bootstrapped JFET
source follower, the two-inverter CMOS RC oscillator, the cross-coupled NMOS LC oscillator, the
Dickson charge pump, the CMOS AOI21 gate and the active Baxandall tone control. Each checks what it
does from the values it was built with.
"""
from __future__ import annotations

import math
import re

from spice_lsp.generation.checklist import Probe
from spice_lsp.generation.design import _oscillator, set_value
from spice_lsp.generation.drives import gate_sources, input_names, logic_inputs
from spice_lsp.generation.families import Family, expect, logic_table, register, settles, stated_gain, used
from spice_lsp.generation.recipes.data_conversion import _bit_sources, _bits_and_code
from spice_lsp.generation.recipes.logic import _circuit, _Gates
from spice_lsp.generation.recipes.words import TIME, seconds
from spice_lsp.generation.templates import _AC_NODES, OPAMP, _amplitude, _Filler, _mos_device, _opamp_block, sine_peak
from spice_lsp.language.units import format_eng

_OPAMP_NAMED = r"op[- ]?amp|operational|active|precision"


# --- op-amp circuits ----------------------------------------------------------------------------

def _stated_level(f: _Filler) -> float | None:
    """A level of 0 V or below that the reader took for a supply ("its lowest point sits at 0 V")."""
    level = f.intent.values.get("VDD")
    return level.value if level is not None and level.value <= 0 else None


def _active_clamp(f: _Filler) -> str:
    d = f.model("dsi")
    # A level of 0 V or below the reader took for a supply ("its lowest point sits at 0 V") is the
    # clamp level; the op-amp's rails are then 12 V.
    if (level := _stated_level(f)) is None:
        rails, ref = _opamp_block(f), f("VBIAS", 0, "VREF")
    else:
        f.param("vdd", "12")
        rails, ref = OPAMP, f("VDD", level)
    # C1 couples the input to out; whenever out dips below VREF, X1 drives D1 and recharges C1, so
    # the waveform's lowest point sits at VREF. D2 and R1 keep X1's loop closed while D1 is off
    # (no saturation to recover from); R1's 1 µA barely discharges C1.
    return "\n".join([rails, f"V1 in 0 DC 0 SIN(0 {f('VIN', 1)} {f('FREQ', 1e3)})",
                      f"C1 in out {f('C', 1e-6, 'CIN')}", f"V2 ref 0 DC {ref}",
                      "X1 ref inn o opamp", f"D1 o out {d}", "R1 out inn 1meg", f"D2 inn o {d}"])


def _clamps(f: _Filler) -> list:
    level = _stated_level(f)
    ref, amplitude = used(f, "VBIAS") if level is None else level, used(f, "VIN")
    return [settles("its lowest point sits at VREF", ref - 0.05, ref + 0.05, how="min"),
            settles("its highest point is VREF plus the input's peak-to-peak swing",
                    ref + 1.9 * amplitude, ref + 2.05 * amplitude, how="max")]


register(Family(kind="active_clamp", summary="op-amp active (precision) positive clamp", build=_active_clamp,
                function=_clamps,
                names=("active positive clamp", "op-amp clamp circuit", "precision clamper", "active clamper"),
                rules=((5.2, (r"clamp", _OPAMP_NAMED)),), analysis="tran", tran=("5u", "6m"),
                signal_input=True, accepts=r"clampers?|dc\s+restorer"))


def _clamps_down(intent) -> bool:
    """A negative clamper (the waveform's top sits at the diode drop): "negative", or its diode's
    cathode at ground; else positive (anode at ground, the bottom at -0.6 V)."""
    if _CLAMPS_UP.search(intent.description):
        return False  # "shifts the sine up so its negative peaks sit a diode drop below ground": a positive clamper
    return bool(re.search(r"negative|cathode\s+(?:at|to)\s+ground", intent.description, re.IGNORECASE))


# What a positive clamper does, said of the wave: shifted or lifted up, its bottom (negative peaks) held near ground
_CLAMPS_UP = re.compile(r"\bpositive\s+(?:diode\s+)?clamp"
                        r"|\b(?:shift|lift|rais|mov|push)\w*\b[^.;]{0,80}?\b(?:up|upwards?)\b|\b(?:negative|bottom|lowest|low)\s+(?:peaks?|points?|tips?|excursions?)\s+(?:\w+\s+){0,2}?"
                        r"(?:sits?|rests?|lands?|held|clamped|pinned|stays?)\b|\banode\s+(?:at|to)\s+ground",
                        re.IGNORECASE)


def _diode_clamper(f: _Filler) -> str:
    d = f.model("dsi")
    # C1 charges through D1 on the peaks that would cross the diode's return level (ground, or
    # a stated bias), then shifts the whole waveform: out swings 0 .. +-2 Vp, less a diode drop.
    lines = [f"V1 in 0 DC 0 SIN(0 {f('VIN', 5)} {f('FREQ', 1e3)})", f"C1 in out {f('C', 1e-6, 'CIN')}",
             f"R1 out 0 {f('RL', 100e3, 'R')}"]
    ground = "0"
    if "VBIAS" in f.intent.values:
        lines.append(f"V2 ref 0 DC {f('VBIAS', 0)}")
        ground = "ref"
    return "\n".join(lines + [f"D1 out {ground} {d}" if _clamps_down(f.intent) else f"D1 {ground} out {d}"])


def _diode_clamps(f: _Filler) -> list:
    ref, swing = used(f, "VBIAS", default=0.0), 2 * used(f, "VIN")
    if _clamps_down(f.intent):
        return [settles("its highest point sits a diode drop above the reference", ref + 0.3, ref + 0.8, how="max"),
                settles("its lowest point is the top less the input's peak-to-peak swing",
                        ref + 0.3 - swing, ref + 0.8 - 0.95 * swing, how="min")]
    return [settles("its lowest point sits a diode drop below the reference", ref - 0.8, ref - 0.3, how="min"),
            settles("its highest point is the bottom plus the input's peak-to-peak swing",
                    ref - 0.8 + 0.95 * swing, ref - 0.3 + swing, how="max")]


register(Family(kind="diode_clamper", summary="diode clamper (DC restorer), positive or negative",
                build=_diode_clamper, function=_diode_clamps,
                names=("diode clamper", "positive diode clamper", "negative diode clamper", "DC restorer",
                       "clamping circuit"),
                rules=((5.3, (r"clamper|dc\s+restorer|clamping\s+circuit|(?:diode|positive|negative)\s+clamp\b",)),),
                analysis="tran", tran=("5u", "20m"), signal_input=True,
                accepts=r"clampers?|dc\s+restorer"))


def _diode_peak_detector(f: _Filler) -> str:
    d = f.model("dsi")
    # D1 charges C1 to the input's peak less a diode drop; R1 bleeds it between peaks (tau = R1 C1).
    return "\n".join([f"V1 in 0 DC 0 SIN(0 {f('VIN', 5)} {f('FREQ', 1e3)})", f"D1 in out {d}",
                      f"C1 out 0 {f('C', 1e-6, 'CH', 'CL', 'CIN', 'COUT')}", f"R1 out 0 {f('R', 100e3, 'RL')}"])


def _holds_peak(f: _Filler) -> list:
    """The settled output: the peak less a diode drop (0.3-0.9 V), less half the droop R1 C1 allows between
    peaks (its ripple), averaged over the last half of the transient."""
    peak = used(f, "VIN")
    tau, period = used(f, "R", "RL") * used(f, "C", "CH", "CL", "CIN", "COUT"), 1 / used(f, "FREQ")
    droop = (peak - 0.3) * (1 - math.exp(-period / tau))
    return [settles("holds the input's peak less a diode drop", peak - 0.9 - droop, peak - 0.3, how="avg")]


register(Family(kind="diode_peak_detector",
                summary="diode peak (envelope) detector: diode into a capacitor with a bleed resistor",
                build=_diode_peak_detector, function=_holds_peak,
                names=("diode peak detector", "passive peak detector", "envelope detector",
                       "diode and capacitor peak detector"),
                # before the op-amp peak detector (5.74) when the request names no op-amp
                rules=((5.735, (r"peak\s+(?:detector|hold)|envelope\s+detector",
                                r"diode|passive|envelope|bleed",
                                r"^(?!.*(?:op[- ]?amp|operational|precision|active|buffer))")),),
                analysis="tran", tran=("10u", "20m"), signal_input=True,
                accepts=r"(?:peak|envelope)\s+detector"))


# Two zeners in series, opposing: the output clipped on both halves ("back to back", "plus and minus 5.4 V")
_BOTH_HALVES = re.compile(r"back[- ]to[- ]back|two\s+(?:[\d.]+\s*V\s+)?zeners?|series[- ]opposing|symmetric\w*|"
                          r"double[- ]anode|both\s+(?:polarities|halves|sides)|plus\s+and\s+minus|\u00b1|\+/-",
                          re.IGNORECASE)
_FORWARD = (0.5, 0.85)  # the card's forward drop at the clipping current (is = 1p: about 0.65 V at a few mA)


def _zener_clipper(f: _Filler) -> str:
    f.model("dzener", f".model dzener D (is=1p n=1 rs=2 bv={f('VZ', 5.1)} ibv=5m)")
    # R1 feeds the zener(s) at out: one clips the top at VZ and the bottom a forward drop below 0; two in
    # series, opposing (D1, D2 anode to anode at m), clip both halves at VZ plus a forward drop.
    lines = [f"V1 in 0 DC 0 SIN(0 {f('VIN', 10)} {f('FREQ', 1e3)})", f"R1 in out {f('R', 1e3, 'RS', 'RIN')}"]
    lines += ["D1 m out dzener", "D2 m 0 dzener"] if _BOTH_HALVES.search(f.intent.description) else ["D1 0 out dzener"]
    if "RL" in f.intent.values:
        lines.append(f"R2 out 0 {f('RL', 10e3)}")
    return "\n".join(lines)


def _zener_clips(f: _Filler) -> list:
    peak, vz = used(f, "VIN"), used(f, "VZ")
    both = bool(_BOTH_HALVES.search(f.intent.description))
    top = (vz + _FORWARD[0], vz + _FORWARD[1]) if both else (0.95 * vz - 0.05, 1.05 * vz + 0.1)
    checks = [settles(f"clipped at {'VZ plus a forward drop' if both else 'VZ'}", *top, how="max") if peak > top[1]
              else settles("passes the whole top below the clip level", 0.9 * peak, 1.01 * peak, how="max")]
    bottom = (-top[1], -top[0]) if both else (-_FORWARD[1], -_FORWARD[0])
    return checks + [settles("clipped below zero at the same level" if both else "clipped a forward drop below 0 V",
                             *bottom, how="min") if peak > -bottom[0]
                     else settles("passes the whole bottom", -1.01 * peak, -0.9 * peak, how="min")]


def _design_zener_clip(intent, d, spec) -> None:
    """VZ for the clip level asked: the level itself (one zener's top), less a forward drop (two)."""
    if "VZ" in intent.values or spec.target <= 0:
        return
    both = bool(_BOTH_HALVES.search(intent.description))
    set_value(intent, d, "VZ", spec.target - 0.65 * both, "the clip level" + " less a forward drop" * both, None)


register(Family(kind="zener_clipper", summary="zener clipper (one zener, or two back to back for both halves)",
                build=_zener_clipper, function=_zener_clips,
                names=("zener clipper", "zener diode limiter", "back-to-back zener clipper", "zener clipping circuit"),
                # before the zener regulator (24): a zener that clips or limits a waveform
                rules=((23.9, (r"zener", r"clip|limit")),),
                analysis="tran", tran=("5u", "3m"), signal_input=True, specs=("clip",), design=_design_zener_clip,
                examples=(("clip", "zener clipper, 10 V peak 1 kHz sine through 1k, clipped at {x} V", 3, 8),),
                accepts=r"clipp(?:er|ing)(?:\s+circuit)?|limiter"))


# "a 1 V step (at 0.1 ms)", "step at 0.5 ms": when the sensor's charge arrives.
_STEP_AT = re.compile(rf"step\W+(?:\w+\W+){{0,3}}?at\s+({TIME})", re.IGNORECASE)


def _step_time(f: _Filler) -> float:
    return seconds(m[1]) if (m := _STEP_AT.search(f.intent.description)) else 0.1e-3


_SENSOR_C, _FEEDBACK_C = ("CIN",), ("CF", "C")


def _charge_amplifier(f: _Filler) -> str:
    # The sensor's charge C1 x VIN (C1 its capacitance) lands on the feedback capacitor C2 (X1 holds
    # n at 0 V): out = -VIN C1/C2, decaying with RF C2; RF sets the DC operating point. A capacitor said to
    # feed the input is the sensor's (CIN); one with no role is the feedback capacitor, the part that sets the gain.
    return "\n".join([_opamp_block(f), f"V1 in 0 PULSE(0 {f('VIN', 1)} {format_eng(_step_time(f))} 1u 1u 1 2)",
                      f"C1 in n {f('C1', 470e-12, *_SENSOR_C)}", f"C2 n out {f('C2', 1e-9, *_FEEDBACK_C)}",
                      f"R1 n out {f('RF', 100e6, 'R')}", "X1 0 n out opamp"])


def _charges(f: _Filler) -> list:
    step, tau = _step_time(f), used(f, "RF", "R") * used(f, "C2", *_FEEDBACK_C)
    at = step + min(tau, 1e-3) / 2
    level = -used(f, "VIN") * used(f, "C1", *_SENSOR_C) / used(f, "C2", *_FEEDBACK_C) * math.exp(-(at - step) / tau)
    return [Probe(f"function: out = -VIN C1/C2 e^(-t/RF C2) = {level:.3g} V at {format_eng(at)}s",
                  f"{{tran}}\nmeas tran result find v({{out}}) at={at:g}", level - 0.03 * abs(level),
                  level + 0.03 * abs(level))]


register(Family(kind="charge_amplifier", summary="op-amp charge amplifier (piezo sensor)", build=_charge_amplifier,
                function=_charges,
                names=("charge amplifier", "piezo charge amplifier", "op-amp charge amplifier",
                       "piezoelectric sensor charge amplifier"),
                rules=((5.25, (r"charge\s+amp",)),), analysis="tran", tran=("1u", "2m"), noun="amplifier",
                signal_input=True))


def _load_current(f: _Filler) -> float | None:
    """The load's current when the request states one ("a 2 A load"): the load is then that current source."""
    stated = next((f.intent.values[role] for role in ("IBIAS", "I") if role in f.intent.values), None)
    return f.number(stated.role, 0) if stated is not None and stated.value > 0 else None


def _high_side_sense(f: _Filler) -> str:
    gain = f.param("gain", format_eng(stated_gain(f, 10)))  # no voltage input to measure a gain spec at
    current = _load_current(f)
    load = f"I1 load 0 DC {f('IBIAS', 1, 'I')}" if current else f"R2 load 0 {f('RL', 12)}"
    # The shunt RS carries the load current; the difference amplifier (R3/R4 = R5/R6 = 1/GAIN)
    # amplifies the drop across it: out = GAIN x I x RS, referred to ground.
    return "\n".join([_opamp_block(f), f"V1 vbus 0 DC {f('VIN', 24, 'VBUS', 'VDD')}",
                      f"R1 vbus load {f('RS', 0.1, 'R')}", load, "R3 vbus p 10k", f"R4 p 0 {{10k*{gain[1:-1]}}}",
                      "R5 load n 10k", f"R6 n out {{10k*{gain[1:-1]}}}", "X1 p n out opamp"])


def _senses(f: _Filler) -> list:
    vbus, rs = used(f, "VIN", "VBUS", "VDD"), used(f, "RS", "R")
    current = _load_current(f) or vbus / (rs + used(f, "RL"))
    level = stated_gain(f, 10) * current * rs
    return [Probe(f"function: out = GAIN x I(load) x RS = {level:.3g} V", "op\nlet result = v({out})",
                  0.98 * level, 1.02 * level)]


register(Family(kind="high_side_current_sense", summary="high-side current-sense amplifier (shunt and op-amp "
                "difference amplifier)", build=_high_side_sense, function=_senses,
                names=("high-side current sense amplifier", "high-side current sensing", "high-side shunt monitor",
                       "op-amp high side current sense"),
                rules=((4.3, (r"high[- ]side", r"current|shunt")),), analysis="op", source="V1",
                noun="amplifier", accepts=r"difference\s+amplifier"))


def _lsb_current(f: _Filler, n: int) -> float:
    """The LSB's current: the request's current is the largest (MSB) bit's ("bit currents of 1, 2, 4 and
    8 µA"), unless it is called the LSB's."""
    stated = f.number("IBIAS", 2 ** (n - 1) * 1e-6, "I")
    return stated if re.search(r"\blsb\b", f.intent.description, re.IGNORECASE) else stated / 2 ** (n - 1)


def _current_dac(f: _Filler) -> str:
    n, code = _bits_and_code(f)
    lsb = _lsb_current(f, n)
    f.param("vref", "1")
    on, off = f.model("sw"), f.model("swoff", ".model swoff SW (vt=-0.5 vh=0.1 ron=0.05 roff=10meg)")
    # Each bit's current source is steered by its bit: into the virtual ground n when 1 (S), to ground
    # when 0 (the inverted switch); X1 turns the sum into out = -RF x ILSB x code.
    lines = [_opamp_block(f), f"* {n}-bit current-steering DAC, code {code} = {code:0{n}b}: "
             f"Vout = -RF*{format_eng(lsb)}*{code}", *_bit_sources(n, code)]
    for k in range(n):
        lines += [f"I{k + 1} 0 s{k} DC {format_eng(lsb * 2 ** k)}", f"S{2 * k + 1} s{k} n b{k} 0 {on}",
                  f"S{2 * k + 2} s{k} 0 0 b{k} {off}"]
    return "\n".join(lines + [f"R1 n out {f('RF', 100e3, 'R')}", "X1 0 n out opamp"])


def _steers(f: _Filler) -> list:
    n, code = _bits_and_code(f)
    level = -used(f, "RF") * _lsb_current(f, n) * code
    return [Probe(f"function: out = -RF ILSB code = {level:.4g} V", "op\nlet result = v({out})",
                  level - 0.02 * abs(level) - 1e-3, level + 0.02 * abs(level) + 1e-3)]


register(Family(kind="current_steering_dac", summary="current-steering (current-output) DAC into an op-amp's "
                "virtual ground", build=_current_dac, function=_steers,
                names=("current-steering DAC", "current-output DAC", "binary-weighted current-source DAC",
                       "4-bit current steering digital-to-analog converter"),
                rules=((2.1, (r"current[- ](?:output|steering|mode|source)|currents?\s+of\s+[\d.]",
                              r"dac(?<=\bdac)\b|digital[- ]to[- ]analog")),), analysis="op", source="V1",
                accepts=r"dac"))


# --- transistor stages ---------------------------------------------------------------------------

def _bootstrapped_follower(f: _Filler) -> str:
    # R1 biases the gate from the divider's node b; C2 drives b with the output, so R1 sees almost
    # no signal across it and the input impedance is R1/(1 - gain), far above R1 (and above the
    # input impedance the request names, RIN: the function checks five times either).
    f.given("RIN", 1e6)
    f.given("GAIN", 1)  # "gain close to 1": the function's upper bound
    return "\n".join([f"V1 vdd 0 DC {f.supply('vdd', 15)}", f"V2 in 0 DC 0 AC {f('VIN', 1)}",
                      f"C1 in g {f('CIN', 1e-6, 'C')}", f"R1 g b {f('RG', 1e6, 'RIN')}", "R2 vdd b 100k", "R3 b 0 100k",
                      "C2 out b 10u", f"J1 vdd g out {f.model('njf', '.model njf NJF (vto=-2 beta=1m cgs=3p cgd=1p)')}",
                      f"R4 out 0 {f('RS', 10e3)}"])


def _bootstraps(f: _Filler) -> list:
    rg = max(used(f, "RG"), used(f, "RIN"))
    gain = used(f, "GAIN")
    return [Probe(f"function: follows its input (|v(out)/v(in)| at 1 kHz {0.8 * gain:g} to {gain:g})",
                  "ac lin 1 1k 1k\nlet result = vm({out})/vm({inp})", 0.8 * gain, gain),
            Probe(f"function: the input impedance at 1 kHz is above 5 x RG ({format_eng(5 * rg)}Ω)",
                  "ac lin 1 1k 1k\nlet result = vm({inp})/vm(i({src}))", 5 * rg, 1e15)]


register(Family(kind="bootstrapped_jfet_follower", summary="bootstrapped JFET source follower (high input impedance)",
                build=_bootstrapped_follower, function=_bootstraps, source="V2",
                names=("bootstrapped JFET source follower", "bootstrapped source follower",
                       "JFET buffer with a bootstrapped gate resistor"),
                rules=((5.5, (r"bootstrap", r"follower|buffer")),), noun="amplifier", accepts=r"jfets?"))


# "driven from node srcx through a 1 MΩ source resistance": the source's node and its resistance
# (or "through a 1 MΩ source resistance from node srcx")
_SOURCE_RESISTANCE = re.compile(r"(?:from|at)\s+(?:node\s+)?([a-z]\w*)\s+(?:through|via)\s+(?:an?\s+)?[\d.]+\s*"
                                r"(?:k|meg|m|g)?\s*(?:Ω|ohms?|ohm)?\s+source\s+(?:resistance|impedance)|"
                                r"source\s+(?:resistance|impedance)\s+(?:from|at)\s+(?:node\s+)?([a-z]\w*)",
                                re.IGNORECASE)
_SOURCE_R = re.compile(r"source\s+(?:resistance|impedance)", re.IGNORECASE)


def _bootstrapped_buffer(f: _Filler) -> str:
    # R1 + R2 bias the + input; C2 drives their junction m with the output, so R1 carries almost no signal and the
    # input resistance is far above R1 + R2. A stated source resistance (RS) sits between the source and C1.
    node = (m[1] or m[2]) if (m := _SOURCE_RESISTANCE.search(f.intent.description)) else "src"
    coupling = f"C1 s in {f('CIN', 1e-6, 'C')}"
    source = [f"V1 {node} 0 DC 0 AC {f('VIN', 1)}", f"RS {node} s {f('RS', 1e6)}", coupling] \
        if _SOURCE_R.search(f.intent.description) else [f"V1 s 0 DC 0 AC {f('VIN', 1)}", coupling]
    f.given("FREQ", 1e3)  # where the function is checked ("check at 100 Hz")
    if "RIN" not in _bias_roles(f):
        f.given("RIN", 0)  # "an input resistance far above 200 kΩ": the function checks five times it
    return "\n".join([_opamp_block(f), *source, f"R1 in m {f('RB', 100e3, *_bias_roles(f))}",
                      f"R2 m 0 {f('RB', 100e3, *_bias_roles(f))}", f"C2 out m {f('CB', 10e-6, 'C2', 'COUT')}",
                      "X1 in out out opamp"])


def _bias_roles(f: _Filler) -> tuple[str, ...]:
    """The roles the bias resistors' value comes by: R, R1, and an "input resistance" the reader took from words
    that say resistors ("two 47k resistors in series"), never one that is the input resistance asked for."""
    rin = f.intent.values.get("RIN")
    said = rin is not None and re.search(rf"{re.escape(rin.text)}\s*(?:Ω|ohms?)?\s+(?:resistors|in\s+series)",
                                         f.intent.description, re.IGNORECASE)
    return ("R", "R1", "RIN") if said else ("R", "R1")


def _bootstraps_buffer(f: _Filler) -> list:
    at, least = used(f, "FREQ"), max(20 * used(f, "RB", *_bias_roles(f)), 5 * used(f, "RIN"))
    # the input resistance at s (C1's source side): v(s) over the current RS (else V1) carries
    current = f"abs(v({{inp}})-v(s))/{used(f, 'RS')}" if "RS" in f.asked else "abs(i(v1))"
    return [Probe(f"function: follows its input (|v(out)/v(in)| at {format_eng(at)}Hz 0.95 to 1.01)",
                  f"ac lin 1 {at:g} {at:g}\nlet result = vm({{out}})/vm({{inp}})", 0.95, 1.01),
            Probe(f"function: its input resistance at {format_eng(at)}Hz is above {format_eng(least)}Ω (ten times "
                  "R1 + R2, or five times the stated one)",
                  f"ac lin 1 {at:g} {at:g}\nlet result = abs(v(s))/({current})", least, 1e15)]


register(Family(kind="bootstrapped_opamp_follower",
                summary="AC-coupled op-amp follower with a bootstrapped bias network (high input resistance)",
                build=_bootstrapped_buffer, function=_bootstraps_buffer,
                names=("bootstrapped op-amp follower", "op-amp buffer with bootstrapped bias resistors",
                       "AC-coupled op-amp voltage follower with bootstrapping"),
                # before the JFET one (5.5): the request names an op-amp
                rules=((5.45, (r"bootstrap", r"follower|buffer", r"op[- ]?amps?|operational")),),
                noun="amplifier", ports=(("input", ("in",)),),
                accepts=r"(?:unity[- ]gain\s+)?(?:buffer|follower)|op[- ]?amps?"))


# --- oscillators -----------------------------------------------------------------------------------

def _inverter_pair(f: _Filler) -> str:
    g = _Gates(f)
    g.inv("x", "a")
    g.inv("a", "out")
    r, c = f("R", 10e3), f("C", 10e-9)
    # C feeds out's edge back to x through RS; R recharges it from a until x crosses the inverters'
    # threshold (about VDD/2): two half periods of RC ln 3, so T = 2.2 RC. RS (10 R) keeps the
    # overshoot at x off the gate. C2 (C/1000, a gate's input capacitance) gives the loop a delay of
    # RC/100: without it each edge is instantaneous and ngspice needs ~40 iterations a step (timeouts).
    f.tran = (f.number("R", 10e3) * f.number("C", 10e-9) / 200, 60 * f.number("R", 10e3) * f.number("C", 10e-9))
    return "\n".join([f"V1 vdd 0 DC {f.supply('vdd', 5)}", *g.lines, f"R1 a y {r}", f"C1 out y {c}",
                      f"R2 y x {format_eng(10 * f.number('R', 10e3))}",
                      f"C2 x 0 {format_eng(f.number('C', 10e-9) / 1000)}", ".ic v(y)=0"])


register(Family(kind="cmos_rc_oscillator", summary="two-inverter CMOS RC oscillator (square wave)",
                build=_inverter_pair, function=lambda f: [expect("frequency", 1 / (2.2 * used(f, "R") * used(f, "C")),
                                                                 0.15)],
                names=("two-inverter CMOS RC oscillator", "CMOS RC oscillator", "inverter RC oscillator",
                       "two-inverter RC oscillator"),
                rules=((1.9, (r"(?:two|2)[- ]inverter|(?:two|2)[- ]gate|cmos\s+rc\s+osc|inverter\s+rc\s+osc",
                              r"oscillat|astable")),), analysis="tran", noun="oscillator", mos=True,
                # f = 1/(2.2 R C): R (or C, R given) from the target; the trim loop moves R for C2's delay.
                specs=("frequency",), design=lambda intent, d, spec: _oscillator(intent, d, spec, 2.2 / (2 * math.pi)),
                examples=(("frequency", "two-inverter CMOS RC oscillator at {x} Hz", 200, 20e3),)))


def _cross_coupled(f: _Filler) -> str:
    period = 2 * math.pi * math.sqrt(f.number("L", 1e-6) * f.number("C", 253e-12))
    f.tran = (period / 100, 60 * period)
    # M1/M2 cross-coupled give the tanks -2/gm; the tail current I1 sets the swing, about
    # (4/pi) ITAIL RP across RP, the tanks' loss. f = 1/(2 pi sqrt(L C)). I2's 20 ns pulse starts it
    # (a symmetric circuit would otherwise sit at its balanced operating point).
    lines = [f"V1 vdd 0 DC {f.supply('vdd', 3.3)}", f"L1 vdd outp {f('L', 1e-6)}", f"L2 vdd outn {f('L', 1e-6)}",
             f"C1 outp 0 {f('C', 253e-12)}", f"C2 outn 0 {f('C', 253e-12)}", f"R1 outp outn {f('RP', 2e3)}",
             _mos_device(f, "n", "outp", "outn", "tail", "0", "M1", 20e-6, 0.5e-6),
             _mos_device(f, "n", "outn", "outp", "tail", "0", "M2", 20e-6, 0.5e-6),
             f"I1 tail 0 {f('IBIAS', 2e-3, 'ITAIL')}", "I2 outp 0 PULSE(0 1m 0 1n 1n 20n 1)"]
    return "\n".join(lines)


def _lc_design(intent, d, spec) -> None:
    """The tank capacitors from the frequency and the inductors: C = 1/((2 pi f)^2 L)."""
    d.claimed.add("FREQ")
    intent.values.pop("FREQ", None)
    inductance = intent.values["L"].value if "L" in intent.values else 1e-6
    if "C" not in intent.values:
        set_value(intent, d, "C", 1 / ((2 * math.pi * spec.target) ** 2 * inductance), "C", None)


register(Family(kind="cross_coupled_lc_oscillator", summary="cross-coupled NMOS LC oscillator (differential)",
                build=_cross_coupled, output="outp",
                function=lambda f: [expect("frequency", 1 / (2 * math.pi * math.sqrt(used(f, "L") * used(f, "C"))),
                                           0.1)],
                names=("cross-coupled NMOS LC oscillator", "cross-coupled LC oscillator", "negative-gm LC oscillator",
                       "cross-coupled pair LC VCO core"),
                rules=((0.62, (r"cross[- ]?coupled|negative[- ]gm", r"lc|tank|inductor|oscillat")),),
                analysis="tran", noun="oscillator", mos=True, accepts=r"lc\s+oscillator|tank\s+circuit",
                specs=("frequency",), design=_lc_design,
                examples=(("frequency", "cross-coupled LC oscillator at {x} Hz", 2e6, 50e6),)))


# --- power ---------------------------------------------------------------------------------------

_STAGES = re.compile(r"(\d+|two|three|four|five|six|seven|eight)[- ]stages?", re.IGNORECASE)
_NUMBERS = {"two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8}


def _stage_count(f: _Filler) -> int:
    m = _STAGES.search(f.intent.description)
    return min(max(int(_NUMBERS.get(m[1].lower(), m[1])) if m else 4, 1), 8)


def _dickson(f: _Filler) -> str:
    n, d = _stage_count(f), f.model("dschottky")
    fsw = f.number("FREQ", 1e6, "FSW")
    f.tran = (1 / (50 * fsw), 100 / fsw)
    c = f("C", 10e-9)
    # Each stage's capacitor, pumped by the clock phase opposite its neighbour's, lifts the charge
    # one clock amplitude (the clocks swing 0 to VIN): out -> VIN + N (VIN - Vd) - Vd, less I/(f C)
    # a stage under load.
    vin = f("VIN", 5, "VDD")
    lines = [f"V1 vdd 0 DC {vin}",
             f"V2 clk 0 PULSE(0 {vin} 0 5n 5n {format_eng(0.5 / fsw - 5e-9)} {format_eng(1 / fsw)})",
             f"V3 clkb 0 PULSE(0 {vin} {format_eng(0.5 / fsw)} 5n 5n {format_eng(0.5 / fsw - 5e-9)} "
             f"{format_eng(1 / fsw)})"]
    nodes = ["vdd", *(f"n{k}" for k in range(1, n + 1)), "out"]
    for k, (a, b) in enumerate(zip(nodes, nodes[1:]), start=1):
        lines.append(f"D{k} {a} {b} {d}")
    for k in range(1, n + 1):
        lines.append(f"C{k} n{k} {'clk' if k % 2 else 'clkb'} {c}")
    return "\n".join(lines + [f"C{n + 1} out 0 {f('COUT', 100e-9)}", f"R1 out 0 {f('RL', 1e6, 'R')}"])


def _pumps(f: _Filler) -> list:
    n, vin = _stage_count(f), used(f, "VIN", "VDD")
    ideal = (n + 1) * vin
    return [settles(f"out rises towards (N + 1) VIN = {ideal:g} V (less a diode drop a stage)",
                    0.6 * ideal, ideal)]


register(Family(kind="dickson_charge_pump", summary="Dickson diode charge pump (N stages, two-phase clock)",
                build=_dickson, function=_pumps, source="V1",
                names=("Dickson charge pump", "four-stage Dickson charge pump", "Dickson voltage multiplier"),
                rules=((4.4, (r"dickson",)),), analysis="tran", accepts=r"charge[- ]pump|voltage\s+multiplier"))


# --- logic -----------------------------------------------------------------------------------------

# Inputs a, b, c take every (a b, c) combination once per 800 ns.
_AOI_INPUTS = ["V2 a 0 PULSE(0 {vdd} 0 1n 1n 100n 200n)", "V3 b 0 PULSE(0 {vdd} 0 1n 1n 200n 400n)",
               "V4 c 0 PULSE(0 {vdd} 200n 1n 1n 200n 800n)"]


def _aoi21_gate(g: _Gates) -> None:
    # Pull-down: (a series b) parallel c; pull-up: (a parallel b) in series with c.
    g._m("p", "pu", "a", "vdd")
    g._m("p", "pu", "b", "vdd")
    g._m("p", "out", "c", "pu")
    g._m("n", "out", "a", "pd")
    g._m("n", "pd", "b", "0")
    g._m("n", "out", "c", "0")


def _aoi21_table() -> dict[float, bool]:
    def level(t: float, period: float, start: float, width: float) -> bool:
        return start <= t % period < start + width
    return {t: not (level(t, 200, 0, 100) and level(t, 400, 0, 200) or level(t, 800, 200, 200))
            for t in (50, 150, 250, 350, 450, 550)}


register(Family(kind="cmos_aoi21", summary="static CMOS AOI21 gate, out = NOT(a b + c)",
                build=lambda f: _circuit(f, _AOI_INPUTS, _aoi21_gate),
                function=lambda f: [logic_table(_aoi21_table(), used(f, "VDD", default=1.8))],
                names=("CMOS AOI21 gate", "AOI21 gate", "and-or-invert gate", "static CMOS AND-OR-INVERT gate"),
                rules=((5.8, (r"aoi21|and[- ]or[- ]invert",)),), analysis="tran", tran=("0.5n", "600n"),
                source="V2", mos=True, accepts=r"and\s+gate|or\s+gate"))


# --- tone control ----------------------------------------------------------------------------------

# "bass control at full boost", "treble in the middle (flat)", "treble fully cut": where a pot's wiper sits
# (0: at the input end, full boost; 1: at the output end, full cut).
_SETTINGS = (("full\\s+boost|maximum\\s+boost|fully\\s+boosted|max(?:imum)?\\b", 0.0), ("full\\s+cut|fully\\s+cut|"
             "minimum\\b|min\\b", 1.0), ("middle|centre|center|mid\\b|flat", 0.5))


def _wiper(f: _Filler, control: str) -> float:
    text = f.intent.description.lower()
    clause = m[1] if (m := re.search(rf"{control}\w*\s+([^;,.]*)", text)) else ""
    return next((where for words, where in _SETTINGS if re.search(words, clause)), 0.5)


POT = 100e3  # each control's potentiometer: a request sets its wiper, not its value


def _pot(names: tuple[str, str], a: str, wiper: str, b: str, total: float, at: float) -> list[str]:
    """A potentiometer as its two halves (1 Ω at an end stop, never 0)."""
    return [f"{names[0]} {a} {wiper} {format_eng(max(total * at, 1))}",
            f"{names[1]} {wiper} {b} {format_eng(max(total * (1 - at), 1))}"]


def _baxandall(f: _Filler) -> str:
    bass, treble = _wiper(f, "bass"), _wiper(f, "treble")
    # Bass: R1, the 100k pot (R5 | R6 at its wiper w1) and R2 from in to out, C1/C2 across the pot's
    # halves, its wiper to the virtual ground through R3; treble: C3, the pot (R7 | R8) and C4 from in
    # to out, its wiper to n through R4. At low frequencies the gain is -(R6 + R2)/(R1 + R5): 20.8 dB
    # at full boost, 0 dB flat.
    return "\n".join([_opamp_block(f), f"V1 in 0 DC 0 AC {f('VIN', 1)}",
                      f"R1 in a {f('R1', 10e3)}", *_pot(("R5", "R6"), "a", "w1", "b", POT, bass),
                      f"R2 b out {f('R2', 10e3)}", f"C1 a w1 {f('C1', 22e-9)}", f"C2 w1 b {f('C2', 22e-9)}",
                      f"R3 w1 n {f('R3', 3.3e3)}", f"C3 in t1 {f('C3', 2.2e-9)}",
                      *_pot(("R7", "R8"), "t1", "w2", "t2", POT, treble), f"C4 t2 out {f('C4', 2.2e-9)}",
                      "R4 w2 n 1k", "X1 0 n out opamp"])


def _tones(f: _Filler) -> list:
    bass = _wiper(f, "bass")
    low = 20 * math.log10((POT * (1 - bass) + used(f, "R2")) / (used(f, "R1") + POT * bass))
    return [Probe(f"function: the gain at 10 Hz is the bass setting's -(R6 + R2)/(R1 + R5) = {low:.1f} dB",
                  "ac dec 20 1 100k\nlet g = vdb({out})-vdb({inp})\nmeas ac result find g at=10", low - 1.5, low + 1.5)]


register(Family(kind="baxandall_tone_control", summary="active Baxandall tone control (bass and treble, one op-amp)",
                build=_baxandall, function=_tones,
                names=("Baxandall tone control", "active Baxandall tone control", "op-amp bass and treble tone control",
                       "Baxandall bass and treble control"),
                rules=((1.5, (r"baxandall|(?<!passive )tone\s+control",)),), noun="filter",
                accepts=r"amplifiers?|filters?"))



# --- diode circuits ------------------------------------------------------------------------------

_COUNTS = {"2": 2, "3": 3, "4": 4, "two": 2, "three": 3, "four": 4}


def _gate_inputs(text: str) -> tuple[str, ...]:
    """A diode gate's inputs: as many as the request says ("3-input", "three inputs") or names (two to four),
    on its names."""
    said = re.search(r"\b([2-4]|two|three|four)[- ]inputs?\b|\b([2-4]|two|three|four)\s+inputs\b", text, re.IGNORECASE)
    named = [n for n in input_names(text, 4, ()) if not _named_output(n, text) and n not in _LEVEL_WORDS]
    count = _COUNTS[(said[1] or said[2]).lower()] if said else len(named)
    return tuple(named[:count] + [d for d in ("a", "b", "c", "d") if d not in named][:max(2, count) - len(named)])


_LEVEL_WORDS = {"high", "low", "ground", "gnd", "pullup", "pulldown", "rail", "supply"}


def _named_output(name: str, text: str) -> bool:
    """The request says the node is the output ("output q", "from the output uo to ground", "uo is the output",
    "each through a diode into node yor", "diode-ORing a USB rail and a battery onto node sys", "into a 100 Ω load at
    node orr")."""
    return re.search(rf"\boutput\s+(?:node\s+)?(?:is\s+|at\s+|on\s+)?{re.escape(name)}\b|"
                     rf"\b{re.escape(name)}\s+(?:is\s+)?(?:the\s+)?output\b|"
                     rf"\bdiode(?:s|[- ]or\w*)?\b(?:[^.;]|\.\d){{0,80}}\b(?:into|onto)\s+(?:node\s+)?"
                     rf"{re.escape(name)}\b|"
                     rf"\bload\s+(?:at|on)\s+(?:node\s+)?{re.escape(name)}\b",
                     text, re.IGNORECASE) is not None


# "10 kΩ pull-up to 5 V", "22k pull-up to a 5 V rail", "pullup of 4.7k to +3.3 V": the pull-up's rail
_PULLUP_RAIL = re.compile(r"pull[- ]?up\b[^.;]{0,30}?\bto\s+(?:an?\s+|the\s+)?\+?(\d+(?:\.\d+)?)\s*V\b", re.IGNORECASE)


def _diode_gate(f: _Filler, conjunction: bool) -> str:
    d = f.model("dsi")
    rail = _PULLUP_RAIL.search(f.intent.description)
    vdd = f.param("vdd", rail[1]) if rail else f.supply("vdd", 5)
    f.given("VIN", 5)  # a level the request states is an input's (its source below)
    inputs = _gate_inputs(f.intent.description)
    # Input k toggles every 2^k x 100 µs, so the inputs take every combination in the run's second half.
    waves = [f"PULSE(0 {vdd} 0 1u 1u {50e-6 * 2 ** k:g} {100e-6 * 2 ** k:g})" for k in range(len(inputs))]
    given, sources = gate_sources(f, waves, inputs)
    if not given.stated:
        f.tran = (1e-6, 200e-6 * 2 ** (len(inputs) - 1))
    r = f("R", 10e3, "RPU", "RL", "R1")
    # AND: the pull-up R1 holds out high unless an input below it pulls it down through its diode (cathode at
    # the input): out = the lowest input plus a drop. OR: each input lifts out through its diode (anode at the
    # input) against R1 to ground: out = the highest input less a drop.
    diodes = [f"D{k + 1} out {n} {d}" if conjunction else f"D{k + 1} {n} out {d}" for k, n in enumerate(given.names)]
    load = [f"V1 vdd 0 DC {vdd}", f"R1 vdd out {r}"] if conjunction else [f"R1 out 0 {r}"]
    return "\n".join([*load, *sources, *diodes])


def _gate_level(conjunction: bool):
    def function(f: _Filler) -> list:
        """out is the lowest input plus a diode drop, at most the rail (AND), or the highest input less a
        drop, at least 0 V (OR): within 0.35 V of that at the stated levels, else on average over the pulses."""
        names = _gate_inputs(f.intent.description)
        pick, level = ("lt" if conjunction else "gt"), f"v({names[0]})"
        for n in names[1:]:  # the lowest (highest) input, one comparison at a time
            level = f"({level} + (v({n}) - {level})*(v({n}) {pick} {level}))"
        stated = _PULLUP_RAIL.search(f.intent.description)
        rail = (float(stated[1]) if stated else used(f, "VDD")) if conjunction else 0.0
        target = f"({level} {'+' if conjunction else '-'} 0.65)"
        # clamped at the rail (AND) or at 0 V (OR): the target where it is on the right side, else the rail
        clamped = f"({target} + ({rail:g} - {target})*({target} {'gt' if conjunction else 'lt'} {rail:g}))"
        run = f"op\nlet result = abs(v({{out}}) - {clamped})" if logic_inputs(f.intent.description, names).stated \
            else f"{{tran}}\nlet e = abs(v({{out}}) - {clamped})\nmeas tran result avg e from={{half}} to={{stop}}"
        what = "the lowest input plus" if conjunction else "the highest input less"
        return [Probe(f"function: out is {what} a diode drop (within 0.35 V)", run, 0, 0.35)]
    return function


_DIODE_GATE = r"\bdiodes?\b|\bdiode[- ]resistor\b|\bdrl\b"


def _gate_word(op: str) -> str:
    """The gate's word as a gate's, never a sentence's "and"/"or" ("a diode and a resistor", "through a diode
    and leaks"): "and gate", "diode and:", "3-input diode and,", "diode-resistor and gate"."""
    return (rf"\b{op}[- ](?:gates?|logic|function)\b|(?:\binputs?|diode|resistor|\bdrl)[- ]{op}"
            r"(?=\s*(?:gates?\b|logic\b|function\b|[:,;.(]|$))")
register(Family(kind="diode_and_gate", summary="diode-resistor AND gate (diodes into a pull-up)",
                build=lambda f: _diode_gate(f, True), function=_gate_level(True),
                names=("diode AND gate", "diode-resistor AND gate", "diode logic AND gate", "DRL AND gate"),
                rules=((4.28, (_DIODE_GATE, _gate_word("and")),),),
                analysis="tran", tran=("1u", "400u"), source="V2", noun="gate", accepts=r"and\s+gates?|gates?|logic"))
register(Family(kind="diode_or_gate", summary="diode-resistor OR gate (diodes into a pull-down)",
                build=lambda f: _diode_gate(f, False), function=_gate_level(False),
                names=("diode OR gate", "diode-resistor OR gate", "diode logic OR gate", "DRL OR gate"),
                rules=((4.29, (_DIODE_GATE, _gate_word("or") + r"|wired[- ]or\b|"
                                            # (of its inputs, never "the maximum of a sine": a peak held)
                                            r"\b(?:larger|higher|highest|largest|greater|maximum)\s+of\b"
                                            r"(?!\s+(?:a|an|one|the\s+(?:input|signal|sine|waveform))\b)")),
                       # "diode-OR of two supplies into a load", "diode-ORing a battery and an adapter": the same
                       # diodes into the load, each input a source's level
                       (4.291, (r"\bdiode[- ]or(?:ing|ed)?\b", r"\b(?:suppl(?:y|ies)|sources|rails|batter(?:y|ies)|"
                                                               r"adapters?|inputs)\b"))),
                analysis="tran", tran=("1u", "400u"), source="V2", noun="gate", accepts=r"or\s+gates?|gates?|logic"))


def _delon(f: _Filler) -> str:
    d = f.model("dsi")
    # The winding floats between its two ends (the request's "between w1 and w2"): D1 charges C1 (out to the
    # stack's middle, the winding's second end) on the positive half cycles, D2 charges C2 (the middle to ground)
    # on the negative ones; out is the sum, twice the peak less a diode drop each.
    a, b = m.groups() if (m := _AC_NODES.search(f.intent.description)) and "out" not in m.groups() else ("ta", "tb")
    c = f("C", 100e-6, "C1")
    return "\n".join([f"V1 {a} {b} SIN(0 {_amplitude(f, 'VIN', 10)} {f('FREQ', 50)})", f"D1 {a} out {d}",
                      f"D2 0 {a} {d}", f"C1 out {b} {c}", f"C2 {b} 0 {f('C2', f.number('C', 100e-6, 'C1'))}",
                      f"R1 out 0 {f('RL', 10e3, 'R')}"])


def _doubles(f: _Filler) -> list:
    """The output settles at twice the peak less a diode drop each (0.3-1 V), less the droop the load takes from
    the stack between recharges (I/(f C) at most)."""
    peak, load = sine_peak(f, "VIN", 10), used(f, "RL", "R")
    droop = 2 * peak / load / (used(f, "FREQ") * min(used(f, "C", "C1"), used(f, "C2", "C", "C1")))
    return [settles(f"its output settles near twice the {peak:.3g} V peak, less two diode drops",
                    2 * (peak - 1.0) - droop, 2 * (peak - 0.3))]


register(Family(kind="delon_doubler", summary="full-wave (Delon, bridge) voltage doubler from a floating winding",
                build=_delon, function=_doubles,
                names=("Delon voltage doubler", "full-wave voltage doubler", "bridge voltage doubler",
                       "symmetrical full-wave doubler"),
                # before the half-wave (Villard) doubler, 19.7
                rules=((19.65, (r"delon|full[- ]wave\s+(?:\w+\s+)?doubler|bridge\s+(?:voltage\s+)?doubler|"
                                r"symmetric(?:al)?\s+(?:voltage\s+)?doubler|doubler\s+\((?:delon|bridge)",)),),
                analysis="tran", tran=("50u", "300m"), signal_input=True,
                accepts=r"(?:voltage\s+)?doubler|transformer(?:\s+(?:winding|secondary))?|winding"))
