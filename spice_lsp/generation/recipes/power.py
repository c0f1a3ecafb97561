"""Power circuits: linear series regulators (zener and pass transistor; op-amp, pass transistor
and feedback divider), an LDO, a TL431-style shunt regulator, charge pumps, diode-capacitor
voltage multipliers, half and full bridges with dead time, and the buck-boost, flyback, SEPIC
and Cuk converters designed from Vin and Vout (the duty cycle).

Switches are ngspice S elements driven by PULSE sources. A converter's output is its settled
average (a .measure over the last fifth of the run; the pipeline measures a vout spec the same way).
"""
from __future__ import annotations

import math
import re
from collections.abc import Callable
from typing import Any

from spice_lsp.generation import design as dz
from spice_lsp.generation.checklist import Probe
from spice_lsp.generation.families import Family, expect, register, settles, used
from spice_lsp.generation.recipes.words import word
from spice_lsp.generation.templates import _bjt_model, _Filler, _opamp_block, claim_divider, divider_values
from spice_lsp.language.units import format_eng, parse_number

VT = 0.02585
_DSCHOTTKY = (1e-6, 1.05, 0.1)  # is, n, rs of the dschottky card
RON = 0.05  # the sw card's on resistance


def _input(f: _Filler, default: float) -> str:
    return f"V1 in 0 DC {f('VIN', default, 'VDD')}"


# --- linear regulators -----------------------------------------------------------------------

def _load(f: _Filler, vout: float, *aliases: str) -> str:
    """The load RL (or an alias: a regulator with no other bare resistor takes "into 47 ohms" as its load):
    stated, else sized for a stated load current (RL = Vout/I; the current a .param, which _load_current
    checks), else 100 ohm."""
    default = 100.0
    if "IBIAS" in f.intent.values:
        f.param("iload", f("IBIAS", 0.1))  # the load current asked for
        default = float(f"{vout / f.number('IBIAS', 0.1):.4g}")
    return f("RL", default, *aliases)


def _load_current(f: _Filler) -> list:
    """A stated load current flows: v(out)/RL within 5 % of it."""
    if "IBIAS" not in f.intent.values:
        return []
    i, rl = used(f, "IBIAS"), used(f, "RL")
    return [Probe(f"function: the load draws the {format_eng(i)}A asked (v(out)/RL)",
                  f"op\nlet result = v({{out}})/{rl:g}", 0.95 * i, 1.05 * i)]


def _zener_pass(f: _Filler) -> str:
    q = _bjt_model(f, "n")
    f.model("dzener", f".model dzener D (is=1p n=1 rs=2 bv={f('VZ', 5.6)} ibv=5m)")
    # The zener holds the base; the emitter follower gives the load its current: Vout = VZ - VBE.
    return "\n".join([_input(f, 12), f"R1 in b {f('RS', 1e3, 'R')}", "D1 0 b dzener",
                      f"Q1 in b out {q}", f"R2 out 0 {_load(f, f.number('VZ', 5.6) - 0.7)}"])


# Which level is which, in a regulator's own words: "12 V unregulated in", "raw 15 V input", "from 12 V", "5 V
# regulated out", "regulated output of 9 V", "set to 5 V", "down to 3 V". Read before the general roles, which see
# only the nearest keyword ("in on raw").
_LEVEL = r"(\d+(?:\.\d+)?)\s*v(?:olts?)?\b"
_UNREGULATED = re.compile(rf"{_LEVEL}\s+(?:of\s+)?(?:unregulated|raw)\b|"
                          rf"\b(?:unregulated|raw)\s+(?:dc\s+)?(?:input|supply|rail|in)?\s*(?:of\s+|at\s+|is\s+|=\s*)?{_LEVEL}|"
                          rf"\b(?:from|off)\s+(?:an?\s+|the\s+)?{_LEVEL}|"
                          rf"\bregulat\w*\s+(?:an?\s+|the\s+)?{_LEVEL}\s+(?:\w+\s+)?(?:down\s+)?to\b|"
                          rf"{_LEVEL}\s+(?:dc\s+)?in(?:put)?\b|{_LEVEL}\s+(?:down\s+|up\s+)?to\s+[-\u2212]?\d",
                          re.IGNORECASE)
_REGULATED = re.compile(rf"{_LEVEL}\s+(?:regulated|stabili[sz]ed)\b|"
                        rf"(?<!un)\b(?:regulated|stabili[sz]ed)\s+(?:dc\s+)?(?:output|out|rail)?\s*(?:of\s+|at\s+|is\s+|=\s*)?"
                        rf"{_LEVEL}|\b(?:set|regulat\w*|held)\s+(?:to|at|for)\s+{_LEVEL}|\bdown\s+to\s+{_LEVEL}|"
                        # "a feedback divider setting 9.0 V at node vreg"
                        rf"\bsetting\s+(?:the\s+output\s+(?:to|at)\s+)?{_LEVEL}|"
                        rf"{_LEVEL}\s+(?:dc\s+)?(?:output|out)\b|\boutput\s+(?:of|at|is|=)\s*{_LEVEL}|"
                        rf"\b(?:giv|provid|deliver|produc|mak)\w*\s+(?:an?\s+|a\s+steady\s+)?[-\u2212]?{_LEVEL}|"
                        rf"\d\s*v\s+(?:down\s+|up\s+)?to\s+[-\u2212]?{_LEVEL}", re.IGNORECASE)


# A sweep's range ("DC sweep from 0 V to 5 V", "VIN swept from 8 to 12 V") is the analysis's, no level of the regulator
_SWEEP_RANGE = re.compile(r"\b(?:sweep\w*|swept|ramp\w*|vary\w*|varied|stepp\w*)\b(?:[^.;,]|\.\d){0,60}?\bfrom\s+"
                          r"[-\u2212]?[\d.]+(?:[^.;,]|\.\d){0,40}?\bto\s+[-\u2212]?[\d.]+\s*(?:v(?:olts?)?\b)?",
                          re.IGNORECASE)


def _worded(text: str, words: re.Pattern[str]) -> float | None:
    """The level these words mark (its magnitude: an inverting converter's sign is its own)."""
    m = words.search(_SWEEP_RANGE.sub(" ", text))
    return float(next(g for g in m.groups() if g)) if m else None


def _worded_level(f: _Filler, words: re.Pattern[str]) -> float | None:
    return _worded(f.intent.description, words)


def _raw_input(f: _Filler, default: float) -> str:
    """The unregulated input's level: the one the request calls unregulated or raw, else its VIN (or VDD)."""
    raw = _worded_level(f, _UNREGULATED)
    if raw is None:
        return f("VIN", default, "VDD")
    role = next((r for r in ("VIN", "VDD") if r in f.intent.values and f.intent.values[r].value == raw), None)
    return f(role, raw) if role else format_eng(raw)  # the value read in that role is used as written


def _upper_resistor(f: _Filler, vref: float, default: float) -> float:
    """R1 of the feedback divider: stated, else Vout = Vref (1 + R1/R2) for the level the request calls regulated
    (above the reference), else `default`."""
    if "R1" in f.intent.values:
        return f.number("R1", default)
    out, ref = _worded_level(f, _REGULATED), f.number("VBIAS", vref, "VZ")
    if out is None or out <= ref:
        return f.number("R1", default)
    return float(f"{f.number('R2', 10e3) * (out / ref - 1):.4g}")


def _r1_text(f: _Filler, r1: float) -> str:
    return f("R1", r1) if "R1" in f.intent.values else format_eng(r1)


# "a 2.5 V reference source VREF", "the reference is a 1.25 V source", "a 2.5 V reference (just a DC source VREF on
# node ref)": an ideal source, no zener
_REFERENCE_SOURCE = re.compile(r"\breference\b(?:\s+voltage)?\s*(?:\(|\bis\b|\bas\b)?\s*"
                               r"(?:(?:just|simply|only|an?|ideal|[\d.]+\s*V)\s+)*(?:dc\s+|voltage\s+)?source\b",
                               re.IGNORECASE)


def _opamp_pass(f: _Filler) -> str:
    claim_divider(f, "R1", "R2")  # ("feedback divider 30k over 10k": R1 over R2)
    q = _bjt_model(f, "n")
    vin = _raw_input(f, 15)
    f.param("vdd", vin)  # the op-amp runs from the unregulated input
    reference = [f"VREF ref 0 DC {f('VBIAS', 2.5, 'VZ')}"] if _REFERENCE_SOURCE.search(f.intent.description) else \
        ["R3 in ref 4.7k", "D1 0 ref " + f.model("dref", f".model dref D (is=1p n=1 rs=1 bv={f('VBIAS', 2.5, 'VZ')} "
                                                  "ibv=1m)")]  # "a 3.3 V zener reference"
    r1 = _upper_resistor(f, 2.5, 10e3)
    vout = f.number("VBIAS", 2.5, "VZ") * (1 + r1 / f.number("R2", 10e3))
    load = _load(f, vout, "R")
    # The error amplifier drives the pass transistor until the divider's tap equals the 2.5 V
    # reference: Vout = Vref (1 + R1/R2). R5 limits the base current the amplifier can push
    # (its rails stay at the nominal input while a DC sweep lowers the input): at most a third of the amplifier's
    # headroom above the base dropped at twice the load's base current (BF = 100), 1k at most.
    base = 2 * vout / max(parse_number(load.strip("{}")) or 100.0, 1e-3) / 100
    r5 = min(1e3, max(10.0, (0.9 * (parse_number(vin) or 15.0) - vout - 0.8) / 3 / base))
    return "\n".join([_opamp_block(f), f"V1 in 0 DC {vin}", *reference, "X1 ref fb drive opamp",
                      f"R5 drive b {format_eng(float(f'{r5:.2g}'))}", f"Q1 in b out {q}",
                      f"R1 out fb {_r1_text(f, r1)}", f"R2 fb 0 {f('R2', 10e3)}", f"R4 out 0 {load}"])


def _ldo(f: _Filler) -> str:
    claim_divider(f, "R1", "R2")
    vin = _raw_input(f, 5)
    f.param("vdd", vin)
    f.model("pch")
    # A PMOS pass device needs only its saturation voltage across it (the low dropout); the error
    # amplifier's inputs are swapped against the NPN regulator's because the PMOS inverts.
    r1 = _upper_resistor(f, 1.25, 16.5e3)
    vout = f.number("VBIAS", 1.25) * (1 + r1 / f.number("R2", 10e3))
    return "\n".join([_opamp_block(f), f"V1 in 0 DC {vin}", "* VREF: the reference (a bandgap's output)",
                      f"VREF ref 0 DC {f('VBIAS', 1.25)}", "X1 fb ref g opamp", "M1 out g in in pch W=20000u L=1u",
                      f"R1 out fb {_r1_text(f, r1)}", f"R2 fb 0 {f('R2', 10e3)}", f"R3 out 0 {_load(f, vout, 'R')}",
                      f"C1 out 0 {f('COUT', 1e-6)}"])


def _tl431(f: _Filler) -> str:
    # TL431-style shunt regulator, behavioural: the cathode sinks current as soon as the
    # reference pin rises above 2.495 V (transconductance 10 A/V, softened over a millivolt: 100 mA more through
    # it moves the reference pin 10 mV, so the output holds within a fraction of a percent over its input's range).
    r1 = _upper_resistor(f, 2.495, 10e3)
    vout = f.number("VBIAS", 2.495) * (1 + r1 / f.number("R2", 10e3))
    return "\n".join([f"V1 in 0 DC {_raw_input(f, 12)}", f"R3 in out {f('RS', 470, 'R')}",
                      f"B1 out 0 I={{0.01*ln(1+exp((v(ref)-{f('VBIAS', 2.495)})/0.001))}}",
                      f"R1 out ref {_r1_text(f, r1)}", f"R2 ref 0 {f('R2', 10e3)}",
                      f"R4 out 0 {_load(f, vout) if 'IBIAS' in f.intent.values else f('RL', 1e3)}"])



# --- what each circuit must do, from the values it was built with -------------------------------------

def _regulates(vref: float, r1: float, r2: float, *references: str) -> Callable[[_Filler], list]:
    """Vout = Vref (1 + R1/R2): the stated reference (VBIAS, or the roles `references` name) or the builder's, R1
    as the builder chose it (_upper_resistor), R2's default as its; a stated load current flows."""
    return lambda f: [expect("vout", used(f, "VBIAS", *references, default=vref)
                             * (1 + _upper_resistor(f, vref, r1) / used(f, "R2", default=r2)), 0.05),
                      *_load_current(f)]


def _multiplies(times: float, drops: float, pumped: bool = False) -> Callable[[_Filler], list]:
    """The output settles at `times` the input's peak (or DC level; 0: two per ladder stage), less
    up to `drops` diode drops per doubling (a switched pump: up to 15 % under its load)."""
    def function(f: _Filler) -> list:
        n = times or 2 * _stages(f)
        peak = used(f, "VIN")
        full = abs(n * peak)
        least = 0.85 * full if pumped else full - 0.8 * drops * (abs(n) / 2 if not times else 1)
        low, high = (least, 1.01 * full) if n > 0 else (-1.01 * full, -least)
        return [settles(f"its output settles near {n:g} x {peak:g} V", low, high)]
    return function


def _switches(legs: int) -> Callable[[_Filler], list]:
    """The bridge's output swings the whole input (a half bridge 0..VIN, a full one -VIN..VIN)."""
    def function(f: _Filler) -> list:
        vin = used(f, "VIN", "VDD")
        return [settles("its output swings the whole input", 0.9 * legs * vin, 1.1 * legs * vin + 2, how="pp")]
    return function


def _converts(sign: int) -> Callable[[_Filler], list]:
    """|Vout| = Vin D/(1-D), less the diode's and switch's drops."""
    return lambda f: [expect("vout", sign * _converter_input(f, 12) * used(f, "DUTY") / (1 - used(f, "DUTY")), 0.15)]


def _design_zener_pass(intent, d, spec) -> None:
    """VZ = Vout + VBE at the load current."""
    if "VZ" in intent.values:
        return
    il = spec.target / (dz.given(intent, "RL") or 100)
    vz = spec.target + VT * math.log(max(il, 1e-6) / 1e-14) - 0.03
    dz.set_value(intent, d, "VZ", float(f"{vz:.4g}"), "VZ = Vout + VBE", None)
    d.free, d.scale = "VZ", 1


def _divider_design(default_vref: float, *references: str):
    def design(intent, d, spec) -> None:
        """Vout = Vref (1 + R1/R2): R1 from the given (or 10 k) R2, Vref the stated reference or the builder's; a
        divider the request writes as a pair ("feedback divider 30k over 10k") is built as written."""
        if "R1" in intent.values or divider_values(intent.description) is not None:
            return
        raw = _UNREGULATED.search(intent.description)
        if raw and float(next(g for g in raw.groups() if g)) == spec.target:  # the level called the unregulated input
            d.problems.append(f"'{spec.text}': that is the unregulated input, not the output; the output is the "
                              "level the request calls regulated")
            return
        vref = dz.given(intent, "VBIAS", *references) or default_vref
        if spec.target <= vref:
            d.problems.append(f"'{spec.text}': the output cannot be below the {vref:g} V reference")
            return
        r2 = dz.given(intent, "R2") or 10e3
        dz.set_value(intent, d, "R1", r2 * (spec.target / vref - 1), f"Vout = {vref:g} V (1 + R1/R2)", dz.E96)
        d.free, d.scale = "R1", 1
    return design


_NO_AMPLIFIER = r"^(?![\s\S]*\b(?:op[- ]?amps?|operational|error\s+amp(?:lifier)?)\b)"
_REGULATOR: dict[str, Any] = {"analysis": "dc", "dc_sweep": "0 20 0.1", "noun": "regulator", "signal_input": True}
register(Family(kind="zener_pass_regulator",
                function=lambda f: [expect("vout", used(f, "VZ") - 0.7, 0.05), *_load_current(f)],
                summary="series regulator: zener reference and pass transistor",
                build=_zener_pass,
                names=("zener and pass transistor series regulator", "emitter-follower regulator",
                       "series pass transistor regulator with a zener"),
                # "series" alone is the zener's series resistor: only a series regulator or a pass device; an
                # error amplifier makes it the op-amp regulator (its reference may be a zener)
                rules=((23.4, (r"zener\b", r"pass[- ]transistor|series\s+(?:pass\s+)?regulator|"
                                            r"emitter[- ]follower|transistor", _NO_AMPLIFIER)),
                       # a zener-held emitter follower is this regulator, however the request names it
                       (13.9, (r"emitter[- ]follower regulator",)),
                       (13.95, (r"zener\b", r"emitter[- ]follower|series\s+pass|pass\s+(?:transistor|device)",
                                _NO_AMPLIFIER))),
                accepts=r"(?:linear|series)\s+regulator",  # it is one
                specs=("vout",), design=_design_zener_pass,
                examples=(("vout", "zener and pass transistor series regulator from 15 V giving {x} V output", 3, 10),),
                **_REGULATOR))
register(Family(kind="linear_regulator", function=_regulates(2.5, 10e3, 10e3, "VZ"),
                summary="linear series regulator: op-amp, pass transistor, divider",
                build=_opamp_pass,
                names=("linear regulator", "series voltage regulator with an op-amp", "op-amp series regulator",
                       "linear voltage regulator with a pass transistor"),
                rules=((23.6, (r"linear\s+(?:voltage\s+)?regulator|series\s+(?:voltage\s+)?regulator|"
                               r"pass[- ]transistor(?!\s+logic)|op[- ]?amp\s+(?:series\s+)?regulator",)),
                       # a bare regulator with its output level ("a 3.3 V regulator from 9 V", "regulate 12 V down
                       # to 5 V") is this one; any other kind the request names is that kind's
                       (37, (r"(?<![\w.])\d+(?:\.\d+)?\s*v(?:olts?)?\s+(?:dc\s+|voltage\s+)?regulator\b|"
                             r"\bregulat\w*\b(?:[^.;]|\.(?=\d)){0,24}?\b(?:to|at)\s+\d+(?:\.\d+)?\s*v\b",
                             r"^(?![\s\S]*\b(?:switch\w*|buck|boost|step[- ]?(?:up|down)|smps|converter|ldo|"
                             r"low[- ]dropout|shunt|zener|tl431|pump|negative|inverting|flyback|current|"
                             r"lm\d+\w*|7[89]\d\d\w*|ams\d+\w*)\b)"))),  # a named regulator chip is that chip
                specs=("vout",), design=_divider_design(2.5, "VZ"),
                examples=(("vout", "linear regulator from 15 V with {x} V output", 3, 10),),
                # ("an ideal 2.5 V source as the reference": the reference's level, not the input's)
                words=((r"as\s+(?:the\s+|its\s+|a\s+)?(?:reference|ref\b)", {"V": "VZ"}),),
                **_REGULATOR))
register(Family(kind="ldo_regulator", function=_regulates(1.25, 16.5e3, 10e3),
                summary="low-dropout (LDO) regulator with a PMOS pass device",
                build=_ldo,
                names=("LDO regulator", "low-dropout regulator", "LDO", "PMOS low dropout linear regulator"),
                rules=((23.3, (rf"{word('ldo')}\b|low[- ]dropout",)),
                       (23.31, (rf"{word('ldo')}\b|low[- ]dropout", r"linear\s+(?:voltage\s+)?regulator"))),
                mos=True, specs=("vout",), design=_divider_design(1.25),
                examples=(("vout", "LDO regulator from 5 V with {x} V output", 1.5, 4.2),),
                **{**_REGULATOR, "dc_sweep": "0 8 0.05"}))
register(Family(kind="shunt_regulator", function=_regulates(2.495, 10e3, 10e3),
                summary="TL431-style adjustable shunt regulator",
                build=_tl431,
                names=("TL431 shunt regulator", "adjustable shunt regulator", "programmable shunt reference",
                       "TL431 voltage reference"),
                rules=((23.2, (r"tl431|(?<!zener )shunt\s+regulator|programmable\s+(?:shunt|zener|reference)",),),
                       # ("a precision 2.5 V shunt reference": the same part named by what it is; after the series
                       # regulator, whose reference a shunt reference may be)
                       (23.7, (r"(?<!zener )shunt\s+(?:voltage\s+)?reference",)),
                       (23.25, (r"tl431", r"voltage\s+reference"))),
                accepts=r"(?:programmable|adjustable)\s+shunt\s+regulator",  # what the rule's words name it
                specs=("vout",), design=_divider_design(2.495),
                examples=(("vout", "TL431 shunt regulator from 15 V with {x} V output", 3, 10),),
                **_REGULATOR))


# --- charge pumps and multipliers ------------------------------------------------------------

def _clocks(f: _Filler) -> list[str]:
    """Two non-overlapping phases at fsw (50 ns gaps)."""
    f.param("fsw", f("FSW", 100e3, "FREQ"))
    return ["V2 p1 0 PULSE(0 5 0 10n 10n {0.5/fsw-60n} {1/fsw})",
            "V3 p2 0 PULSE(0 5 {0.5/fsw} 10n 10n {0.5/fsw-60n} {1/fsw})"]


def _charge_pump(f: _Filler, doubler: bool) -> str:
    s = f.model("sw")
    f.tran = (0.2e-6, 2e-3)
    common = [_input(f, 5), *_clocks(f), f"C1 fp fn {f('C', 1e-6, 'C1')}",
              f"C2 out 0 {f('COUT', 10e-6, 'C2')}", f"R1 out 0 {f('RL', 10e3, 'R')}"]
    if doubler:  # phase 1 charges C1 to Vin; phase 2 stacks it on Vin: out -> 2 Vin
        return "\n".join(common + [f"S1 in fp p1 0 {s}", f"S2 fn 0 p1 0 {s}",
                                   f"S3 fn in p2 0 {s}", f"S4 fp out p2 0 {s}"])
    # Inverting: phase 1 charges C1 to Vin; phase 2 grounds its top, its bottom feeds out -> -Vin
    return "\n".join(common + [f"S1 in fp p1 0 {s}", f"S2 fn 0 p1 0 {s}",
                               f"S3 fp 0 p2 0 {s}", f"S4 fn out p2 0 {s}"])


# "a clock swinging 0 to 5 V", "a 0/5 V square clock": the clock's high level.
_CLOCK_HIGH = re.compile(r"\b0\s*(?:/|to|-|\u2013)\s*([\d.]+)\s*V\b", re.IGNORECASE)


def stated_clock_high(text: str) -> float | None:
    """A clock's high level as the request states it ("0/5 V", "0 to 3.3 V", "0-5 V"), else None."""
    stated = _CLOCK_HIGH.search(text)
    return float(stated[1]) if stated else None


def _clock_high(f: _Filler) -> float:
    """The pump clock's high level: as the request states it, else the supply (a clock run from the same rail)."""
    return stated_clock_high(f.intent.description) or f.number("VIN", 5, "VDD")


def _diode_doubler(f: _Filler) -> str:
    d, frequency = f.model("dsi"), f.number("FREQ", 50e3, "FSW")
    f.tran = (1 / (200 * frequency), 250 / frequency)
    fsw = f.param("fsw", f("FREQ", 50e3, "FSW"))
    c = f("C", 10e-6, "C1")
    # While clk is low C1 charges from the supply through D1 (to VDD - VD); when clk rises it lifts C1's
    # top by the clock's swing and D2 passes that to the reservoir C2: out -> VDD + VCLK - 2 VD.
    return "\n".join([f"V1 vdd 0 DC {f('VIN', 5, 'VDD')}",
                      f"V2 clk 0 PULSE(0 {_clock_high(f):g} 0 10n 10n {{0.5/{fsw[1:-1]}}} {{1/{fsw[1:-1]}}})",
                      f"D1 vdd a {d}", f"C1 clk a {c}", f"D2 a out {d}",
                      f"C2 out 0 {f('COUT', f.number('C', 10e-6, 'C1'), 'C2')}",  # one C stated: both
                      f"R1 out 0 {f('RL', 10e3, 'R')}"])


def _diode_doubler_function(f: _Filler) -> list:
    top = used(f, "VIN", "VDD") + _clock_high(f)
    return [settles(f"its output settles near {top:g} V less two diode drops", top - 2.4, top - 0.6)]


register(Family(kind="diode_charge_pump_doubler", function=_diode_doubler_function,
                summary="diode-capacitor charge pump voltage doubler (supply plus one clock)",
                build=_diode_doubler,
                names=("diode charge pump doubler", "diode-capacitor charge pump voltage doubler",
                       "clock-pumped diode voltage doubler", "two-diode charge pump"),
                # diodes, or a single square clock pumping it (the switched pump makes its own two phases)
                rules=((4.43, (r"diode", r"charge[- ]pump|\bpump", r"doubl|boost|step[- ]up|twice")),
                       (4.431, (r"two[- ]diode|diode[- ]capacitor", r"charge[- ]pump",
                                r"^(?![\s\S]*(?:invert|negative))")),
                       (4.432, (r"charge[- ]pump", r"doubl", r"square", r"^(?![\s\S]*switch)"))),
                analysis="tran", tran=("0.1u", "5m"), source="V2", accepts=r"charge[- ]pump|doubler",
                # ("a 1 uF flying capacitor, ... 10 uF output capacitor": the pump's C1, the reservoir C2)
                words=((r"flying|pump(?:ing)?\s+cap", {"F": "C1"}), (r"output|reservoir|storage", {"F": "C2"}))))


def _ladder_capacitance(f: _Filler) -> float:
    """A multiplier's capacitors: the stated ones, else 10 uF at 1 kHz scaled by 1 kHz/f, so that at a mains
    frequency they hold the load as well as at the default one; its default run is 100 cycles of the sine (the
    ladder charges over tens of them), in steps of a hundredth of one."""
    frequency = f.number("FREQ", 1e3)
    f.tran = (1 / (100 * frequency), 100 / frequency)
    return float(f"{10e-6 * min(1e3 / frequency, 100):.2g}")


def _villard(f: _Filler) -> str:
    d = f.model("dsi")
    # Villard (Greinacher) doubler: C1 and D1 clamp the sine to swing from 0 to 2 Vp,
    # D2 and C2 hold its peak: out -> 2 Vp minus two diode drops.
    # One capacitance stated ("two 1 uF capacitors") is both capacitors'.
    default = _ladder_capacitance(f)
    c = f("C", default, "C1")
    return "\n".join([f"V1 in 0 SIN(0 {f('VIN', 10)} {f('FREQ', 1e3)})", f"C1 in a {c}",
                      f"D1 0 a {d}", f"D2 a out {d}", f"C2 out 0 {f('COUT', f.number('C', default, 'C1'), 'C2')}",
                      f"R1 out 0 {f('RL', 100e3, 'R')}"])


def _stages(f: _Filler) -> int:
    text = f.intent.description.lower()
    m = re.search(r"(\d+|two|three|four|five)[- ]stages?", text)
    words = {"two": 2, "three": 3, "four": 4, "five": 5}
    n = (int(m[1]) if m[1].isdigit() else words[m[1]]) if m else 4 if "octupler" in text else 2
    return min(max(n, 1), 8)


def _cockcroft_walton(f: _Filler) -> str:
    d = f.model("dsi")
    n = _stages(f)
    c = f("C", _ladder_capacitance(f), "C1")
    lines = [f"* {n}-stage Cockcroft-Walton ladder: the DC column's node b{n} (out) charges to {2 * n} Vp",
             f"V1 in 0 SIN(0 {f('VIN', 10)} {f('FREQ', 1e3)})"]
    for k in range(1, n + 1):
        a_prev = "in" if k == 1 else f"a{k - 1}"
        b_prev = "0" if k == 1 else f"b{k - 1}"
        b = "out" if k == n else f"b{k}"
        lines += [f"C{2 * k - 1} {a_prev} a{k} {c}", f"D{2 * k - 1} {b_prev} a{k} {d}",
                  f"D{2 * k} a{k} {b} {d}", f"C{2 * k} {b_prev} {b} {c}"]
    return "\n".join(lines + [f"R1 out 0 {f('RL', 1e6, 'R')}"])


def _tripler(f: _Filler) -> str:
    d = f.model("dsi")
    c = f("C", _ladder_capacitance(f), "C1")
    # A two-stage Greinacher ladder: C1 charges to Vp, C3 to 2 Vp; in series they hold 3 Vp
    # between the source's hot end (in) and a2, where the load sits. out = v(a2) - v(in).
    return "\n".join([f"V1 in 0 SIN(0 {f('VIN', 10)} {f('FREQ', 1e3)})", f"C1 in a1 {c}", f"D1 0 a1 {d}",
                       f"D2 a1 b1 {d}", f"C2 0 b1 {c}", f"C3 a1 a2 {c}", f"D3 b1 a2 {d}",
                       f"R1 a2 in {f('RL', 1e6, 'R')}", "E1 out 0 a2 in 1"])


register(Family(kind="charge_pump_inverter", function=_multiplies(-1, 0, pumped=True),
                summary="inverting switched-capacitor charge pump",
                build=lambda f: _charge_pump(f, False),
                names=("inverting charge pump", "negative voltage charge pump", "switched-capacitor voltage inverter"),
                rules=((4.5, (r"charge[- ]pump|switched[- ]capacitor\s+(?:voltage\s+)?(?:inverter|doubler)",
                               r"invert|negative")),),
                analysis="tran", tran=("0.2u", "2m")))
register(Family(kind="charge_pump_doubler", function=_multiplies(2, 0, pumped=True),
                summary="switched-capacitor charge pump voltage doubler",
                build=lambda f: _charge_pump(f, True),
                names=("charge pump voltage doubler", "charge pump", "switched-capacitor voltage doubler"),
                rules=((19.6, (r"charge[- ]pump(?:\s+(?:voltage\s+)?doubler)?|"
                               r"switched[- ]capacitor\s+(?:voltage\s+)?doubler",)),),
                analysis="tran", tran=("0.2u", "2m")))
register(Family(kind="voltage_doubler", function=_multiplies(2, 2),
                summary="Villard (Greinacher) diode-capacitor voltage doubler",
                build=_villard,
                names=("voltage doubler", "Villard voltage doubler", "Greinacher doubler", "diode voltage doubler"),
                rules=((19.7, (r"(?<!frequency )doubler|villard|greinacher",)),),
                ports=(("pump", ("a",)),),  # the clamp's node between C1 and the diodes
                analysis="tran", tran=("10u", "50m"), signal_input=True))
register(Family(kind="voltage_tripler", function=_multiplies(3, 3),
                summary="diode-capacitor voltage tripler",
                build=_tripler,
                names=("voltage tripler", "diode voltage tripler", "half-wave voltage tripler"),
                rules=((19.75, (r"tripler\b",)),),
                analysis="tran", tran=("10u", "100m"), signal_input=True))
register(Family(kind="cockcroft_walton", function=_multiplies(0, 2),
                summary="Cockcroft-Walton voltage multiplier",
                build=_cockcroft_walton,
                names=("Cockcroft-Walton voltage multiplier", "voltage multiplier", "voltage quadrupler",
                       "diode capacitor voltage multiplier ladder"),
                rules=((19.8, (r"cockcroft|voltage\s+multiplier|quadrupler|multiplier\s+ladder",)),),
                accepts=r"(?:one|two|three|four|[1-4])[- ]stage|quadrupler",  # its stage count
                analysis="tran", tran=("10u", "100m"), signal_input=True))


# --- bridges with dead time ------------------------------------------------------------------

def _gates(f: _Filler, names: tuple[str, str], nodes: tuple[str, str]) -> list[str]:
    """Complementary gate drives with a dead time in which both switches are off."""
    f.param("fsw", f("FSW", 20e3, "FREQ"))
    f.param("duty", f("DUTY", 0.5))
    f.param("dead", f("DEAD", 1e-6))
    period = 1 / f.number("FSW", 20e3, "FREQ")
    f.tran = (period / 400, 5 * period)  # five periods
    return [f"{names[0]} {nodes[0]} 0 PULSE(0 5 {{dead}} 10n 10n {{duty/fsw-dead}} {{1/fsw}})",
            f"{names[1]} {nodes[1]} 0 PULSE(0 5 {{duty/fsw+dead}} 10n 10n {{(1-duty)/fsw-dead}} {{1/fsw}})"]


def _half_bridge(f: _Filler) -> str:
    s, d = f.model("sw"), f.model("dsi")
    # The split capacitors make the load's return the midpoint; D1/D2 (the switches' body diodes)
    # carry the inductive load's current during the dead time.
    return "\n".join([f"V1 in 0 DC {f('VIN', 48, 'VDD')}", *_gates(f, ("V2", "V3"), ("gh", "gl")),
                      f"S1 in out gh 0 {s}", f"S2 out 0 gl 0 {s}", f"D1 out in {d}", f"D2 0 out {d}",
                      "C1 in mid 100u", "C2 mid 0 100u",
                      f"R1 out x {f('RL', 10, 'R')}", f"L1 x mid {f('L', 1e-3)}"])


def _full_bridge(f: _Filler) -> str:
    s, d = f.model("sw"), f.model("dsi")
    # Diagonal pairs S1/S4 and S2/S3 take turns; out is the load's voltage v(a) - v(b).
    return "\n".join([f"V1 in 0 DC {f('VIN', 48, 'VDD')}", *_gates(f, ("V2", "V3"), ("ga", "gb")),
                      f"S1 in a ga 0 {s}", f"S4 b 0 ga 0 {s}", f"S3 in b gb 0 {s}", f"S2 a 0 gb 0 {s}",
                      f"D1 a in {d}", f"D2 0 a {d}", f"D3 b in {d}", f"D4 0 b {d}",
                      f"R1 a x {f('RL', 10, 'R')}", f"L1 x b {f('L', 1e-3)}", "E1 out 0 a b 1"])


def _motor_bridge(f: _Filler) -> str:
    s = f.model("sw")
    # Driven forward: S1 (supply to ma) and S4 (mb to ground) closed, S2/S3 open; the gates are
    # DC levels, so reversing is swapping them. out is the winding's voltage v(ma) - v(mb).
    return "\n".join([f"V1 in 0 DC {f('VIN', 12, 'VDD')}", "V2 fwd 0 DC 5", "V3 rev 0 DC 0",
                      f"S1 in ma fwd 0 {s}", f"S4 mb 0 fwd 0 {s}", f"S3 in mb rev 0 {s}", f"S2 ma 0 rev 0 {s}",
                      f"R1 ma mb {f('RL', 10, 'R')}", "E1 out 0 ma mb 1"])


def _drives_forward(f: _Filler) -> list:
    """The winding sees the supply less the two closed switches' drops (the sw card's RON, 0.05 ohm)."""
    vin, rl = used(f, "VIN", "VDD"), used(f, "RL", "R")
    return [expect("vout", vin * rl / (rl + 0.1), 0.02)]


_BRIDGE: dict[str, Any] = {"analysis": "tran", "tran": ("50n", "200u")}
register(Family(kind="half_bridge", function=_switches(1),
                summary="half bridge with dead time (inductive load)",
                build=_half_bridge,
                names=("half bridge with dead time", "half-bridge inverter", "half bridge driver",
                       "half-bridge switching stage"),
                rules=((4.6, (r"half[- ]bridge",)), (4.61, (r"half[- ]bridge", r"dead[- ]time|gate\s+driver"))),
                **_BRIDGE))
register(Family(kind="full_bridge", function=_switches(2),
                summary="H-bridge (full bridge) with dead time and an inductive load",
                build=_full_bridge,
                names=("H-bridge with dead time", "full bridge inverter", "H bridge", "full-bridge driver"),
                rules=((4.62, (rf"{word('h')}[- ]bridge|"
                               r"full[- ]bridge(?:\s+(?:driver|inverter|converter))?(?!\s+rectifier)",)),
                       (4.63, (rf"{word('h')}[- ]bridge|full[- ]bridge", r"dead[- ]time|gate\s+driver"))),
                output="out", **_BRIDGE))


register(Family(kind="motor_h_bridge", function=_drives_forward,
                summary="H-bridge motor driver (four switches, DC drive forward)",
                build=_motor_bridge,
                names=("H-bridge motor driver", "DC motor H-bridge", "full-bridge motor driver"),
                rules=((4.55, (rf"{word('h')}[- ]bridge|full[- ]bridge", r"\bmotor")),),
                analysis="op", accepts=r"motor"))


# --- switching converters --------------------------------------------------------------------

def _switching(f: _Filler, vin_default: float) -> tuple[str, str, list[str]]:
    s, d = f.model("sw"), f.model("dschottky")
    period = 1 / f.number("FSW", 100e3, "FREQ")
    f.param("fsw", f("FSW", 100e3, "FREQ"))
    vin = _raw_input(f, vin_default)
    f.param("duty", f("DUTY", _worded_duty(f, vin_default)))
    f.tran = (period / 50, period * 400)
    f.measures.append(".measure tran vout_avg AVG v(out) FROM={start} TO={stop}")
    return s, d, [f"V1 in 0 DC {vin}", "V2 gate 0 PULSE(0 5 0 10n 10n {duty/fsw} {1/fsw})"]


def _converter_input(f: _Filler, default: float) -> float:
    """The input level as built (_raw_input), as a number."""
    return _worded_level(f, _UNREGULATED) or f.number("VIN", default, "VDD")


def _worded_duty(f: _Filler, vin_default: float) -> float:
    """With no vout spec designed, the duty cycle for the output level the words give ("making -12 V from 12 V",
    "9 V in, 24 V out"), else 0.4."""
    out = _worded_level(f, _REGULATED)
    if out is None:
        return 0.4
    duty = _duty_cycle(_converter_input(f, vin_default), out, f.number("RL", 10, "R"))
    return float(f"{duty:.4g}") if 0.05 < duty < 0.9 else 0.4


def _duty_cycle(vin: float, vo: float, rl: float) -> float:
    """|Vout| + Vd = (Vin - Vsw) D/(1-D): the diode's and switch's drops at the load current."""
    il, duty = vo / rl, 0.5
    for _ in range(20):
        idiode = il / (1 - duty)
        vd = _DSCHOTTKY[1] * VT * math.log(idiode / _DSCHOTTKY[0]) + _DSCHOTTKY[2] * idiode
        m = (vo + vd) / max(vin - RON * idiode, 1e-3)  # the switch carries the inductor current
        duty = m / (1 + m)
    return duty


def _inductor(f: _Filler, share: float = 1) -> str:
    """L (or L1): the request's, else three times the least that keeps the inductor current continuous
    at the load and frequency (L > share x RL (1 - D)^2 / fsw; share 1/2 with one inductor), for the
    duty-cycle design assumes continuous conduction; at least 100 uH."""
    duty, fsw, rl = f.number("DUTY", 0.4), f.number("FSW", 100e3, "FREQ"), f.number("RL", 10, "R")
    least = share * rl * (1 - duty) ** 2 / fsw
    return f("L", float(f"{max(100e-6, 3 * least):.2g}"), "L1")


def _buck_boost(f: _Filler) -> str:
    s, d, lines = _switching(f, 12)
    # Inverting: the inductor charges from Vin while S1 is on, then discharges into the output
    # through D1, pulling it negative: Vout = -Vin D/(1-D).
    return "\n".join(lines + [f"S1 in x gate 0 {s}", f"L1 x 0 {_inductor(f, 0.5)}", f"D1 out x {d}",
                              f"C1 out 0 {f('COUT', 100e-6, 'C')}", f"R1 out 0 {f('RL', 10, 'R')}"])


def _flyback(f: _Filler) -> str:
    s, d, lines = _switching(f, 12)
    lp = f("L", 100e-6, "L1")
    # Coupled 1:1 windings (K1): energy stored in the primary while S1 conducts is delivered by
    # the secondary (opposite dot) through D1 when it opens: Vout = Vin D/(1-D). The coupling is
    # ideal (k = 1): no leakage inductance, so no clamp is needed (and the run stays fast).
    return "\n".join(lines + [f"L1 in x {lp}", f"L2 0 sec {lp}", "K1 L1 L2 1",
                              f"S1 x 0 gate 0 {s}", f"D1 sec out {d}", f"C1 out 0 {f('COUT', 100e-6, 'C')}",
                              f"R1 out 0 {f('RL', 10, 'R')}"])


def _sepic(f: _Filler) -> str:
    s, d, lines = _switching(f, 12)
    # SEPIC: L1 boosts, C1 couples the switch node to L2, D1 feeds a non-inverted output:
    # Vout = Vin D/(1-D), above or below Vin.
    return "\n".join(lines + [f"L1 in x {_inductor(f)}", f"S1 x 0 gate 0 {s}", "C2 x y 10u",
                              f"L2 y 0 {_inductor(f)}", f"D1 y out {d}",
                              f"C1 out 0 {f('COUT', 100e-6, 'C')}", f"R1 out 0 {f('RL', 10, 'R')}"])


def _cuk(f: _Filler) -> str:
    s, d, lines = _switching(f, 12)
    # Cuk: energy moves through the coupling capacitor C2; the output is inverted and filtered
    # by L2: Vout = -Vin D/(1-D).
    return "\n".join(lines + [f"L1 in x {_inductor(f)}", f"S1 x 0 gate 0 {s}", "C2 x y 10u",
                              f"D1 y 0 {d}", f"L2 y out {_inductor(f)}",
                              f"C1 out 0 {f('COUT', 100e-6, 'C')}", f"R1 out 0 {f('RL', 10, 'R')}"])


def _design_duty(inverting: bool = False):
    def design(intent, d, spec) -> None:
        """|Vout| + Vd = (Vin - Vsw) D/(1-D): the diode's and switch's drops at the load current."""
        if "DUTY" in intent.values:
            return
        if inverting != (spec.target < 0):
            d.problems.append(f"'{spec.text}': this converter's output is "
                              f"{'negative' if inverting else 'positive'}")
            return
        vin = _worded(intent.description, _UNREGULATED) or dz.given(intent, "VIN", "VDD") or 12.0
        duty = _duty_cycle(vin, abs(spec.target), dz.given(intent, "RL", "R") or 10)
        if not 0.05 < duty < 0.9:
            d.problems.append(f"'{spec.text}' needs a duty cycle of {duty:.2f} from {format_eng(vin)}V")
            return
        dz.set_value(intent, d, "DUTY", float(f"{duty:.4g}"),
                     "|Vout| = Vin D/(1-D) less the diode and switch drops", None)
        d.free, d.scale = "DUTY", (0 if inverting else 1)
    return design


_CONVERTER: dict[str, Any] = {"analysis": "tran", "noun": "converter", "specs": ("vout",)}
register(Family(kind="buck_boost_converter", function=_converts(-1),
                summary="inverting buck-boost converter",
                build=_buck_boost,
                names=("buck-boost converter", "inverting buck-boost converter", "DC-DC buck-boost converter"),
                rules=((12.5, (r"buck[- ]boost",)),),
                design=_design_duty(inverting=True),
                examples=(("vout", "buck-boost converter from 12 V with {x} V output", -20, -4),),
                **_CONVERTER))
register(Family(kind="flyback_converter", function=_converts(1),
                summary="flyback converter (coupled inductors)",
                build=_flyback,
                names=("flyback converter", "flyback power supply", "isolated flyback DC-DC converter"),
                rules=((18.6, (r"fly[- ]?back",)),),
                design=_design_duty(),
                examples=(("vout", "flyback converter from 12 V with {x} V output", 5, 24),),
                **_CONVERTER))
register(Family(kind="sepic_converter", function=_converts(1),
                summary="SEPIC converter",
                build=_sepic,
                names=("SEPIC converter", "single-ended primary-inductor converter", "SEPIC DC-DC converter"),
                rules=((18.7, (r"sepic\b|single[- ]ended primary[- ]inductor",)),),
                design=_design_duty(),
                examples=(("vout", "SEPIC converter from 12 V with {x} V output", 5, 24),),
                **_CONVERTER))
register(Family(kind="cuk_converter", function=_converts(-1),
                summary="Cuk converter (inverting)",
                build=_cuk,
                names=("Cuk converter", "Ćuk converter", "inverting Cuk DC-DC converter"),
                rules=((12.6, (rf"{word('cuk')}\b|\u0107uk",)),),
                design=_design_duty(inverting=True),
                examples=(("vout", "Cuk converter from 12 V with {x} V output", -20, -4),),
                **_CONVERTER))


# --- PWM low-side switch -------------------------------------------------------------------------

def _pwm_levels(f: _Filler) -> tuple[float, float, float]:
    """The gate drive's high level, the duty and the frequency as the recipe uses them."""
    return f.number("VIN", 5, "VGS"), f.number("DUTY", 0.5), f.number("FREQ", 10e3, "FSW")


def _pwm_switch(f: _Filler) -> str:
    frequency = _pwm_levels(f)[2]
    f.param("fsw", f("FREQ", 10e3, "FSW"))
    f.param("duty", f("DUTY", 0.5))
    f.tran = (1 / (frequency * 100), 20 / frequency)
    # A wide NMOS (about 1 ohm on at a 5 V drive) pulls the load's low end to ground for the
    # duty's share of each period: the drain averages VDD (1 - D) when the load is far above 1 ohm.
    return "\n".join([f"V1 vdd 0 DC {f.supply('vdd', 12)}",
                      f"V2 gate 0 PULSE(0 {f('VIN', 5, 'VGS')} 0 10n 10n {{duty/fsw}} {{1/fsw}})",  # "5 V on the gate"
                      f"R1 vdd out {f('RL', 100, 'R', 'RD')}",
                      f"M1 out gate 0 0 {f.model('nch')} W={f('W', 1e-3)} L=1u"])


def _pwm_switches(f: _Filler) -> list:
    high, duty, _ = _pwm_levels(f)
    vdd = used(f, "VDD")
    return [settles(f"the gate averages D x {high:g} V", 0.95 * duty * high, 1.05 * duty * high, node="{inp}"),
            settles(f"the drain averages about VDD (1 - D) = {vdd * (1 - duty):.3g} V",
                    vdd * (1 - duty) * 0.97, vdd * (1 - duty) + 0.05 * vdd)]


register(Family(kind="pwm_switch", function=_pwm_switches,
                summary="PWM-driven NMOS low-side switch",
                build=_pwm_switch,
                names=("NMOS low-side switch", "PWM-driven MOSFET low-side switch", "MOSFET low-side switch"),
                rules=((20.9, (r"low[- ]side\s+(?:[\w-]+\s+){0,3}switch|\bpwm\b",
                               r"\b(?:nmos|mosfets?|n-?channel|fet)\b")),),
                analysis="tran", source="V2", mos=True))


# --- centre-tapped full-wave rectifier ---------------------------------------------------------------

# "12-0-12 V RMS", "two 9 V RMS half-windings", "15 V peak each side": one half-winding's level, and whether
# it is an rms figure.
_HALF_WINDING = re.compile(r"(\d+(?:\.\d+)?)\s*-\s*0\s*-\s*\1\s*V\s*(rms|ac|peak|pk)?"
                           r"|(\d+(?:\.\d+)?)\s?V\s*(rms|ac|peak|pk)?\b", re.IGNORECASE)
# "ends sa and sb", "half-windings at nodes ta and tb", "secondary ends x1 / x2": the winding's outer ends.
_ENDS = re.compile(r"\b(?:ends?|nodes?|terminals?|(?:half-)?windings?\s+at(?:\s+nodes?)?)\s+([a-z_]\w*)\s*"
                   r"(?:and|/|,)\s*([a-z_]\w*)", re.IGNORECASE)
_NOT_ENDS = {"and", "the", "a", "an", "centre", "center", "tap", "ground", "gnd", "with", "at"}


def _half_winding_peak(f: _Filler) -> float:
    """One half-winding's peak: the level the request writes (x sqrt 2 when rms, as a transformer's is by
    default), else the input's, else 12 V rms."""
    m = _HALF_WINDING.search(f.intent.description)
    if "VIN" in f.intent.values:
        f.given("VIN", 0)
    if m is None:
        return 12 * math.sqrt(2)
    level, how = float(m[1] or m[3]), (m[2] or m[4] or "rms").lower()
    return level * math.sqrt(2) if how in ("rms", "ac") else level


def _ends(text: str) -> tuple[str, str]:
    for m in _ENDS.finditer(text):
        if not {m[1].lower(), m[2].lower()} & _NOT_ENDS and m[1] != m[2]:
            return m[1], m[2]
    return "sa", "sb"


def _center_tapped(f: _Filler) -> str:
    a, b = _ends(f.intent.description)
    peak, d = _half_winding_peak(f), f.model("dsi")
    freq = f("FREQ", 50)
    smoothing = [f"C1 out 0 {f('C', 1000e-6, 'CL', 'C1')}"] if "C" in f.intent.values or "CL" in f.intent.values \
        or re.search(r"reservoir|smooth|filter\s+cap|capacitor", f.intent.description, re.IGNORECASE) else []
    # the centre tap is ground: each half-winding a source in antiphase, each diode conducts on its half-cycle
    return "\n".join([f"V1 {a} 0 SIN(0 {peak:.4g} {freq})", f"V2 {b} 0 SIN(0 {-peak:.4g} {freq})",
                      f"D1 {a} out {d}", f"D2 {b} out {d}", *smoothing, f"R1 out 0 {f('RL', 1e3, 'R')}"])


def _center_tapped_function(f: _Filler) -> list:
    peak = _half_winding_peak(f)
    return [settles(f"its output peaks one diode drop below the half-winding's {peak:.3g} V", peak - 1.2, peak - 0.4,
                    how="max"),
            settles("its output never goes negative", -0.05 * peak, peak, how="min")]


register(Family(kind="center_tapped_rectifier", function=_center_tapped_function,
                summary="centre-tapped full-wave rectifier (two diodes, the tap grounded)",
                build=_center_tapped,
                names=("centre-tapped full-wave rectifier", "center-tapped transformer rectifier",
                       "two-diode full-wave rectifier with a centre-tapped secondary"),
                rules=((21.9, (r"cent(?:re|er)[- ]?tap", r"rectif|\b(?:two|2|pair\s+of)\s+diodes\b")),),
                accepts=r"(?:cent(?:re|er)[- ]?tapped\s+)?(?:transformer|secondary|windings?)|filters?",
                analysis="tran", tran=("50u", "100m"), source="V1"))
