"""Parametric netlists for every circuit family the intent parser knows.

Each family is a small ngspice netlist written with the values the user asked for (or sound
defaults), its own models, a default analysis and a probe line, so that batch-mode ngspice
runs it as it stands. The generator uses these as the fallback answer, as the scaffold in
the language model's prompt, and the dataset builder uses them to make training pairs.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Callable

from .intent import Intent, Value
from .units import format_eng, parse_number

# Model cards shared by the families: ngspice built-in levels, typical textbook values.
MODELS = {
    "nch": ".model nch NMOS (level=1 vto=0.7 kp=110u gamma=0.4 lambda=0.04 phi=0.7)",
    "pch": ".model pch PMOS (level=1 vto=-0.7 kp=50u gamma=0.5 lambda=0.05 phi=0.7)",
    "npn": ".model npn NPN (is=1e-14 bf=100 vaf=100 cje=1p cjc=1p tf=0.3n)",
    "pnp": ".model pnp PNP (is=1e-14 bf=80 vaf=80 cje=1p cjc=1p tf=0.5n)",
    "dsi": ".model dsi D (is=2.5n n=1.75 rs=0.5 cjo=4p bv=100 ibv=0.1u)",
    "dschottky": ".model dschottky D (is=1u n=1.05 rs=0.1 cjo=10p bv=40)",
    "dpin": ".model dpin D (is=1n n=1.9 rs=1 cjo=0.5p tt=100n bv=200)",
    "dphoto": ".model dphoto D (is=1n n=1.1 rs=10 cjo=0.2p)",
    "sw": ".model sw SW (vt=0.5 vh=0.1 ron=0.05 roff=10meg)",
}

OPAMP = """.param vsupply={vsupply}
.subckt opamp inp inn out
* Behavioral op-amp: 100 dB gain, 10 Hz pole (1 MHz GBW), output within 90 % of the supply.
Rin inp inn 10meg
Egain g 0 inp inn 100k
Rpole g p 1k
Cpole p 0 15.9u
Bout out 0 V={{0.9*vsupply*tanh(v(p)/(0.9*vsupply))}}
.ends opamp"""


@dataclass
class Template:
    kind: str
    summary: str  # one line, used in prompts and for retrieval
    build: Callable[["_Filler"], str]
    output: str = "out"  # node probed by the default analyses
    source: str = "VIN"  # source swept by a DC sweep


@dataclass
class TemplateResult:
    netlist: str
    kind: str
    used: list[Value]
    unused: list[Value]
    warnings: list[str] = field(default_factory=list)


class _Filler:
    """Looks values up by role with defaults, remembering which of the user's values it used."""

    def __init__(self, intent: Intent) -> None:
        self.intent = intent
        self.used: dict[str, Value] = {}
        self.asked: dict[str, float] = {}  # every role looked up, with its default
        self.cards: dict[str, str] = {}  # model name -> .model line, in order of use
        self.tran: tuple[float, float] | None = None  # (step, stop) when the values decide it
        self.measures: list[str] = []  # .measure lines that replace the transient .print
        self.params: list[str] = []  # .param lines, written before the elements

    def __call__(self, role: str, default: float, *aliases: str) -> str:
        return format_eng(self.number(role, default, *aliases))

    def number(self, role: str, default: float, *aliases: str) -> float:
        self.asked.setdefault(role, default)
        for name in (role, *aliases):
            if name in self.intent.values:
                self.used[name] = self.intent.values[name]
                return self.intent.values[name].value
        return default

    def model(self, name: str, card: str | None = None) -> str:
        self.cards.setdefault(name, card or MODELS[name])
        return name

    def polarity(self, default: str = "n") -> str:
        return self.intent.polarity or default


def _rc_filter(f: _Filler, high: bool) -> str:
    r, c = f("R", 1e3, "R1"), f("C", 100e-9, "C1")
    parts = (f"R1 in out {r}", f"C1 out 0 {c}") if not high else (f"C1 in out {c}", f"R1 out 0 {r}")
    return f"VIN in 0 DC 0 AC {f('VIN', 1)}\n" + "\n".join(parts)


def _rl_filter(f: _Filler, high: bool) -> str:
    r, ind = f("R", 1e3, "R1"), f("L", 10e-3, "L1")
    parts = (f"L1 in out {ind}", f"R1 out 0 {r}") if not high else (f"R1 in out {r}", f"L1 out 0 {ind}")
    return f"VIN in 0 DC 0 AC {f('VIN', 1)}\n" + "\n".join(parts)


def _rlc(f: _Filler, topology: str) -> str:
    source = f"VIN in 0 DC 0 AC {f('VIN', 1)}"
    r = lambda: f("R", 100, "R1")  # noqa: E731 - read only by the topologies that have one
    ind, c = f("L", 10e-3, "L1"), f("C", 100e-9, "C1")
    if topology == "series":
        body = [f"R1 in a {r()}", f"L1 a out {ind}", f"C1 out 0 {c}"]  # out: the capacitor voltage
    elif topology == "bandpass":
        body = [f"L1 in a {ind}", f"C1 a out {c}", f"R1 out 0 {r()}"]
    elif topology == "notch":
        body = [f"R1 in out {r()}", f"L1 out a {ind}", f"C1 a 0 {c}"]
    else:  # an LC low-pass between a source and a load resistance
        body = [f"Rs in a {f('RS', 50)}", f"L1 a out {ind}", f"C1 out 0 {c}", f"Rload out 0 {f('RL', 50)}"]
    return "\n".join([source, *body])


def _divider(f: _Filler) -> str:
    return "\n".join([f"VIN in 0 DC {f('VIN', 10, 'VDD')}", f"R1 in out {f('R1', 10e3, 'R')}",
                      f"R2 out 0 {f('R2', 10e3)}"])


def _rectifier(f: _Filler, full: bool) -> str:
    d = f.model("dsi")
    load = [f"RL out 0 {f('RL', 1e3, 'R')}", f"C1 out 0 {f('C', 100e-6, 'CL', 'C1')}"]
    sine = f"SIN(0 {f('VIN', 10)} {f('FREQ', 60)})"
    if not full:
        return "\n".join([f"VIN in 0 {sine}", f"D1 in out {d}", *load])
    # The bridge's source floats; Rref gives its low side a DC path to ground.
    return "\n".join([f"VIN acp acn {sine}", "Rref acn 0 10meg", f"D1 acp out {d}",
                      f"D2 acn out {d}", f"D3 0 acp {d}", f"D4 0 acn {d}", *load])


def _clipper(f: _Filler) -> str:
    d = f.model("dsi")
    return "\n".join([f"VIN in 0 SIN(0 {f('VIN', 5)} {f('FREQ', 1e3)})", f"R1 in out {f('R', 1e3, 'R1')}",
                      f"D1 out ref {d}", f"VREF ref 0 DC {f('VBIAS', 2)}", f"D2 0 out {d}"])


def _zener(f: _Filler) -> str:
    vz = format_eng(f.number("VZ", 5.1))
    f.model("dzener", f".model dzener D (is=1p n=1 rs=2 bv={vz} ibv=5m)")
    return "\n".join([f"VIN in 0 DC {f('VIN', 12, 'VDD')}", f"RS in out {f('RS', 470, 'R')}",
                      "DZ1 0 out dzener", f"RL out 0 {f('RL', 1e3)}"])


def _diode_iv(f: _Filler) -> str:
    d = f.model({"schottky": "dschottky", "pin": "dpin"}.get(_diode_flavour(f.intent), "dsi"))
    return "\n".join([f"VIN in 0 DC {f('VIN', 0.7)}", f"RS in a {f('R', 1, 'RS')}", f"D1 a 0 {d}"])


def _diode_flavour(intent: Intent) -> str:
    text = intent.description.lower()
    return "schottky" if "schottky" in text else "pin" if re.search(r"\bpin\b", text) else ""


def _bjt(f: _Filler, role: str) -> str:
    pol = f.polarity("n")
    q = f.model("npn" if pol == "n" else "pnp")
    vcc = f("VDD", 12 if pol == "n" else -12, "VCC")
    lines = [f"VCC vcc 0 DC {vcc}", f"VIN in 0 DC 0 AC {f('VIN', 10e-3)} SIN(0 {f('VIN', 10e-3)} {f('FREQ', 1e3)})"]
    if role == "emitter_follower":
        lines += [f"RB1 vcc b {f('RB1', 47e3, 'RB')}", f"RB2 b 0 {f('RB2', 47e3)}",
                  f"CIN in b {f('CIN', 10e-6)}", f"Q1 vcc b out {q}", f"RE out 0 {f('RE', 1e3)}",
                  f"RL out 0 {f('RL', 10e3)}"]
    elif role == "common_emitter":
        lines += [f"RB1 vcc b {f('RB1', 47e3, 'RB')}", f"RB2 b 0 {f('RB2', 10e3)}",
                  f"CIN in b {f('CIN', 10e-6)}", f"RC vcc out {f('RC', 4.7e3, 'RL', 'R')}",
                  f"Q1 out b e {q}", f"RE e 0 {f('RE', 1e3)}", f"CE e 0 {f('CE', 100e-6)}"]
    else:  # basic: a biased transistor with a collector resistor
        lines += [f"RB in b {f('RB', 100e3, 'R')}", f"VBE bias 0 DC {f('VBIAS', 0.7)}",
                  "RBIAS bias b 100k", f"RC vcc out {f('RC', 1e3, 'RL')}", f"Q1 out b 0 {q}"]
    return "\n".join(lines)


def _mos_model(f: _Filler, pol: str) -> str:
    """The level-1 card, with the threshold and transconductance the user gave."""
    name = "nch" if pol == "n" else "pch"
    card = MODELS[name]
    for role, default in (("VTO", 0.7 if pol == "n" else -0.7), ("KP", 110e-6 if pol == "n" else 50e-6)):
        if role in f.intent.values:
            card = card.replace(f"{role.lower()}={format_eng(default)}", f"{role.lower()}={f(role, default)}")
    return f.model(name, card)


def _mos_device(f: _Filler, pol: str, d: str, g: str, s: str, b: str, name: str = "M1",
                w: float = 10e-6, length: float = 1e-6) -> str:
    model = _mos_model(f, pol)
    return f"{name} {d} {g} {s} {b} {model} W={f('W', w)} L={f('LG', length)}"


def _mos(f: _Filler, role: str) -> str:
    pol = f.polarity("n")
    vdd = f.number("VDD", 5 if pol == "n" else 1.8)
    supply = f"VDD vdd 0 DC {format_eng(abs(vdd))}"
    if pol == "p":
        vbs = f.number("VBS", 0, "VBIAS")
        lines = [supply, f"VIN in 0 DC {format_eng(abs(vdd) / 2)} AC 1 PULSE(0 {format_eng(abs(vdd))} 0 1n 1n 20n 40n)",
                 f"VBIAS body vdd DC {format_eng(-vbs) if vbs else '0'}",
                 _mos_device(f, "p", "out", "in", "vdd", "body"), f"RD out 0 {f('RD', 10e3, 'RL', 'R')}"]
        return "\n".join(lines)
    vin = f"VIN in 0 DC {f('VGS', 1.5, 'VBIAS')} AC {f('VIN', 1)}"
    if role == "source_follower":
        return "\n".join([supply, vin, _mos_device(f, "n", "vdd", "in", "out", "0"),
                          f"RS out 0 {f('RS', 10e3, 'RL', 'R')}"])
    load = f"RD vdd out {f('RD', 10e3, 'RL', 'R')}"
    if role == "common_source":
        return "\n".join([supply, vin, load, _mos_device(f, "n", "out", "in", "0", "0")])
    return "\n".join([supply, vin, load, _mos_device(f, "n", "out", "in", "0", "0")])


def _current_mirror(f: _Filler) -> str:
    # The output sinks current from a load resistor when one is asked for, else from an
    # ammeter source that holds the output at the supply.
    load = f"RL vdd out {f('RL', 1e3, 'R')}" if {"RL", "R"} & set(f.intent.values) else "VOUT vdd out DC 0"
    if re.search(r"\b(bjt|bipolar|npn|pnp)\b", f.intent.description, re.IGNORECASE):
        q = f.model("npn")
        return "\n".join([f"VCC vdd 0 DC {f('VDD', 5)}", f"IREF vdd ref DC {f('IREF', 1e-3, 'IBIAS')}",
                          f"Q1 ref ref 0 {q}", f"Q2 out ref 0 {q}", load])
    return "\n".join([f"VDD vdd 0 DC {f('VDD', 5)}", f"IREF vdd ref DC {f('IREF', 100e-6, 'IBIAS')}",
                      _mos_device(f, "n", "ref", "ref", "0", "0", "M1"),
                      _mos_device(f, "n", "out", "ref", "0", "0", "M2"), load])


def _diff_pair(f: _Filler) -> str:
    return "\n".join([f"VDD vdd 0 DC {f('VDD', 5)}", "VCM cm 0 DC 2",
                      f"VIN inp cm DC 0 AC {f('VIN', 1)}", "EINN inn cm inp cm -1",
                      f"RD1 vdd outn {f('RD', 10e3, 'R')}", f"RD2 vdd out {f('RD', 10e3, 'R')}",
                      _mos_device(f, "n", "outn", "inp", "tail", "0", "M1"),
                      _mos_device(f, "n", "out", "inn", "tail", "0", "M2"),
                      f"ITAIL tail 0 DC {f('IBIAS', 200e-6, 'IREF')}"])


def _cmos(f: _Filler, gate: str) -> str:
    vdd = f("VDD", 1.8)
    supply = f"VDD vdd 0 DC {vdd}"
    pulse = f"PULSE(0 {vdd} 0 100p 100p 5n 10n)"
    if gate == "nand":
        return "\n".join([supply, f"VA a 0 {pulse}", f"VB b 0 PULSE(0 {vdd} 0 100p 100p 10n 20n)",
                          _mos_device(f, "p", "out", "a", "vdd", "vdd", "MP1", 2e-6, 180e-9),
                          _mos_device(f, "p", "out", "b", "vdd", "vdd", "MP2", 2e-6, 180e-9),
                          _mos_device(f, "n", "out", "a", "mid", "0", "MN1", 1e-6, 180e-9),
                          _mos_device(f, "n", "mid", "b", "0", "0", "MN2", 1e-6, 180e-9),
                          f"CL out 0 {f('CL', 10e-15, 'C')}"])
    return "\n".join([supply, f"VIN in 0 {pulse}",
                      _mos_device(f, "p", "out", "in", "vdd", "vdd", "MP1", 2e-6, 180e-9),
                      _mos_device(f, "n", "out", "in", "0", "0", "MN1", 1e-6, 180e-9),
                      f"CL out 0 {f('CL', 10e-15, 'C')}"])


def _opamp(f: _Filler, role: str) -> str:
    vin = f"VIN in 0 DC 0 AC 1 SIN(0 {f('VIN', 0.1)} {f('FREQ', 1e3)})"
    if role == "buffer":
        body = ["XOP in out out opamp"]
    elif role in ("inverting", "noninverting"):
        rin = f("RIN", 10e3, "R1", "R")
        if "GAIN" in f.intent.values and not {"RF", "R2"} & set(f.intent.values):
            # The gain asked for sets RF, written as the designer's formula.
            f.params.append(f".param gain={format_eng(f.number('GAIN', 10))}")
            rf = f"{{abs(gain)*{rin}}}" if role == "inverting" else f"{{(abs(gain)-1)*{rin}}}"
        else:
            rf = f("RF", 100e3, "R2")
        body = [f"R1 in inn {rin}", f"RF inn out {rf}", "XOP 0 inn out opamp"] if role == "inverting" \
            else [f"R1 inn 0 {rin}", f"RF inn out {rf}", "XOP in inn out opamp"]
    elif role == "integrator":
        body = [f"R1 in inn {f('RIN', 10e3, 'R1', 'R')}", f"C1 inn out {f('C', 10e-9, 'C1')}",
                "RDC inn out 10meg", "XOP 0 inn out opamp"]
    else:  # Sallen-Key, unity gain: swapping R and C turns the low-pass into a high-pass
        r1, r2 = f("R1", 10e3, "R"), f("R2", 10e3, "R")
        c1, c2 = f("C1", 10e-9, "C"), f("C2", 10e-9, "C")
        body = [f"R1 in a {r1}", f"R2 a b {r2}", f"C1 a out {c1}", f"C2 b 0 {c2}"] if role == "active_lowpass" \
            else [f"C1 in a {c1}", f"C2 a b {c2}", f"R1 a out {r1}", f"R2 b 0 {r2}"]
        body.append("XOP b out out opamp")
    return "\n".join([_opamp_block(f), vin, *body])


def _opamp_block(f: _Filler) -> str:
    return OPAMP.format(vsupply=format_eng(abs(f.number("VDD", 12))))


def _rc_oscillator(f: _Filler) -> str:
    r, c = f("R", 10e3), f("C", 16e-9)
    return "\n".join([_opamp_block(f), f"R1 out a {r}", f"C1 a p {c}", f"R2 p 0 {r}", f"C2 p 0 {c}",
                      "RG inn 0 10k", "RF inn out 22k", "XOP p inn out opamp", ".ic v(p)=10m"])


def _ring_oscillator(f: _Filler) -> str:
    vdd = f("VDD", 1.8)
    lines = [f"VDD vdd 0 DC {vdd}"]
    stages = ["out", "n1", "n2"]
    for i, (a, y) in enumerate(zip(stages, stages[1:] + stages[:1]), start=1):
        lines += [_mos_device(f, "p", y, a, "vdd", "vdd", f"MP{i}", 2e-6, 180e-9),
                  _mos_device(f, "n", y, a, "0", "0", f"MN{i}", 1e-6, 180e-9),
                  f"C{i} {y} 0 {f('C', 20e-15, 'CL')}"]
    return "\n".join(lines + [".ic v(out)=0 v(n1)=" + vdd])


def _converter(f: _Filler, boost: bool) -> str:
    s, d = f.model("sw"), f.model("dschottky")
    fsw, duty = f.number("FSW", 100e3, "FREQ"), f.number("DUTY", 0.5)
    period = 1 / fsw
    f.params.append(f".param fsw={format_eng(fsw)} duty={format_eng(duty)}")
    # 300 switching periods, 50 points each; a .measure of the settled output instead of a
    # .print of every time point (which would be megabytes).
    f.tran = (period / 50, period * 300)
    f.measures.append(".measure tran vout_avg AVG v(out) FROM={start} TO={stop}")
    gate = "VG gate 0 PULSE(0 5 0 10n 10n {duty/fsw} {1/fsw})"
    vin = f"VIN in 0 DC {f('VIN', 12 if not boost else 5, 'VDD')}"
    if boost:
        body = [f"L1 in sw {f('L', 100e-6)}", f"S1 sw 0 gate 0 {s}", f"D1 sw out {d}"]
    else:
        body = [f"S1 in sw gate 0 {s}", f"D1 0 sw {d}", f"L1 sw out {f('L', 100e-6)}"]
    return "\n".join([vin, gate, *body, f"C1 out 0 {f('C', 100e-6, 'COUT')}", f"RL out 0 {f('RL', 10, 'R')}"])


def _photodiode(f: _Filler) -> str:
    d = f.model("dphoto")
    return "\n".join([f"VBIAS vdd 0 DC {f('VDD', 5, 'VBIAS')}", "* The diode is reverse biased; IPH is the photocurrent.",
                      f"IPH vdd out DC {f('IBIAS', 10e-6, 'IREF')} AC 1", f"D1 out vdd {d}",
                      f"CJ out vdd {f('C', 1e-12)}", f"RL out 0 {f('RL', 1e3, 'R')}"])


def _wheatstone(f: _Filler) -> str:
    r = f("R", 1e3, "R1")
    sensor = f("RSENSE", f.number("R", 1e3, "R1"), "R2")  # a second value is the sensing arm
    return "\n".join([f"VEX exc 0 DC {f('VDD', 5, 'VIN')}", f"R1 exc outp {r}",
                      f"R2 outp 0 {r}", f"R3 exc outn {r}",
                      f"RSENSE outn 0 {sensor} tc1=2m", "* RSENSE is the piezoresistor: 0.2 %/K.",
                      "EOUT out 0 outp outn 1"])


def _mems(f: _Filler) -> str:
    return "\n".join(["* Motional equivalent of a resonator: force -> voltage, velocity -> current.",
                      f"VIN in 0 DC 0 AC {f('VIN', 1)}", f"RM in a {f('R', 1e3)}",
                      f"LM a b {f('L', 10e-3)}", f"CM b out {f('C', 1e-12)}", "RSENSE out 0 50"])


def _generic(f: _Filler) -> str:
    return _divider(f)


TEMPLATES: dict[str, Template] = {t.kind: t for t in (
    Template("rc_lowpass", "RC low-pass filter", lambda f: _rc_filter(f, False)),
    Template("rc_highpass", "RC high-pass filter", lambda f: _rc_filter(f, True)),
    Template("rl_lowpass", "RL low-pass filter", lambda f: _rl_filter(f, False)),
    Template("rl_highpass", "RL high-pass filter", lambda f: _rl_filter(f, True)),
    Template("lc_lowpass", "LC low-pass filter", lambda f: _rlc(f, "lc_lowpass")),
    Template("rlc_series", "series RLC circuit", lambda f: _rlc(f, "series")),
    Template("rlc_bandpass", "RLC band-pass filter", lambda f: _rlc(f, "bandpass")),
    Template("rlc_notch", "RLC notch (band-stop) filter", lambda f: _rlc(f, "notch")),
    Template("voltage_divider", "resistive voltage divider", _divider),
    Template("half_wave_rectifier", "half-wave diode rectifier with filter capacitor", lambda f: _rectifier(f, False)),
    Template("full_wave_rectifier", "full-wave bridge rectifier with filter capacitor", lambda f: _rectifier(f, True)),
    Template("diode_clipper", "diode clipper (limiter)", _clipper),
    Template("zener_regulator", "zener shunt voltage regulator", _zener),
    Template("diode_iv", "diode I-V characteristic", _diode_iv, output="a"),
    Template("bjt_common_emitter", "BJT common-emitter amplifier", lambda f: _bjt(f, "common_emitter")),
    Template("bjt_emitter_follower", "BJT emitter follower", lambda f: _bjt(f, "emitter_follower")),
    Template("bjt_basic", "biased bipolar transistor", lambda f: _bjt(f, "basic")),
    Template("mos_common_source", "MOSFET common-source amplifier", lambda f: _mos(f, "common_source")),
    Template("mos_source_follower", "MOSFET source follower", lambda f: _mos(f, "source_follower")),
    Template("mos_basic", "MOSFET with drain resistor and supply", lambda f: _mos(f, "basic")),
    Template("current_mirror", "current mirror", _current_mirror, source="VDD"),
    Template("differential_pair", "MOSFET differential pair", _diff_pair),
    Template("cmos_inverter", "CMOS inverter", lambda f: _cmos(f, "inverter")),
    Template("cmos_nand", "CMOS NAND gate", lambda f: _cmos(f, "nand"), source="VA"),
    Template("opamp_inverting", "inverting op-amp amplifier", lambda f: _opamp(f, "inverting")),
    Template("opamp_noninverting", "non-inverting op-amp amplifier", lambda f: _opamp(f, "noninverting")),
    Template("opamp_buffer", "op-amp voltage follower", lambda f: _opamp(f, "buffer")),
    Template("opamp_integrator", "op-amp integrator", lambda f: _opamp(f, "integrator")),
    Template("active_lowpass", "Sallen-Key active low-pass filter", lambda f: _opamp(f, "active_lowpass")),
    Template("active_highpass", "Sallen-Key active high-pass filter", lambda f: _opamp(f, "active_highpass")),
    Template("rc_oscillator", "Wien-bridge RC oscillator", _rc_oscillator),
    Template("ring_oscillator", "three-stage CMOS ring oscillator", _ring_oscillator, source="VDD"),
    Template("buck_converter", "buck (step-down) converter", lambda f: _converter(f, False)),
    Template("boost_converter", "boost (step-up) converter", lambda f: _converter(f, True)),
    Template("photodiode", "photodiode with load resistor", _photodiode, source="VBIAS"),
    Template("wheatstone_bridge", "Wheatstone bridge sensor", _wheatstone, source="VEX"),
    Template("mems_resonator", "MEMS resonator equivalent circuit", _mems),
    Template("generic", "resistive divider (starting point)", _generic),
)}

# The analysis a family gets when the description asks for none.
DEFAULT_ANALYSIS = {
    "op": ["voltage_divider", "zener_regulator", "current_mirror", "bjt_basic", "mos_basic",
           "wheatstone_bridge", "generic"],
    "tran": ["half_wave_rectifier", "full_wave_rectifier", "diode_clipper", "cmos_inverter",
             "cmos_nand", "opamp_integrator", "rc_oscillator", "ring_oscillator",
             "buck_converter", "boost_converter"],
    "dc": ["diode_iv"],
}
TRAN_TIMES = {"half_wave_rectifier": ("50u", "50m"), "full_wave_rectifier": ("50u", "50m"),
              "diode_clipper": ("5u", "3m"), "cmos_inverter": ("10p", "40n"), "cmos_nand": ("10p", "40n"),
              "opamp_integrator": ("5u", "3m"), "rc_oscillator": ("10u", "20m"),
              "ring_oscillator": ("1p", "5n")}


def default_analyses(kind: str, template: Template, filler: _Filler) -> list[str]:
    if kind in DEFAULT_ANALYSIS["op"]:
        return [".op"]
    if kind in DEFAULT_ANALYSIS["tran"]:
        step, stop = map(format_eng, filler.tran) if filler.tran else TRAN_TIMES[kind]
        return [f".tran {step} {stop}"]
    if kind in DEFAULT_ANALYSIS["dc"]:
        return [f".dc {template.source} -1 0.9 0.01"]
    return [".ac dec 20 1 100meg"]


def _analysis_lines(intent: Intent, template: Template, filler: _Filler) -> list[str]:
    """The requested analyses (or the family's default), each with the probe batch mode needs."""
    directives = [a.directive for a in intent.analyses] or default_analyses(intent.kind, template, filler)
    lines = []
    out = template.output
    for directive in directives:
        kind = directive.split()[0].lower()
        if kind == ".dc" and directive.split()[1].lower() != "temp":
            # Sweep the family's own input source whatever the description called it.
            parts = directive.split()
            parts[1] = template.source
            directive = " ".join(parts)
        lines.append(directive)
        probe = {".ac": f".print ac vm({out}) vp({out})",
                 ".dc": f".print dc v({out})",
                 # `all`: a named vector exists in only one of the two noise plots.
                 ".noise": ".print noise all"}.get(kind)
        if kind == ".noise":
            lines[-1] = f".noise v({out}) {template.source} dec 20 1 100meg"
        if kind == ".tran":
            lines += _transient_probes(directive, out, filler.measures)
        elif probe:
            lines.append(probe)
    return lines


MAX_PRINTED_POINTS = 20_000  # more and a .print floods the output: measure instead


def _transient_probes(directive: str, out: str, measures: list[str]) -> list[str]:
    """A .print of the output, or .measure lines over the last fifth of the run when the
    family asks for them (converters: the settled average) or the run has too many points."""
    words = directive.split()
    step, stop = (parse_number(w) for w in (words[1:3] if len(words) >= 3 else ("", "")))
    if not step or not stop:
        return [f".print tran v({out})"]
    window = {"start": format_eng(0.8 * stop), "stop": format_eng(stop)}
    if measures:
        return [line.format(**window) for line in measures]
    if stop / step > MAX_PRINTED_POINTS:
        return [f".measure tran vout_max MAX v({out}) FROM={window['start']} TO={window['stop']}",
                f".measure tran vout_min MIN v({out}) FROM={window['start']} TO={window['stop']}"]
    # interp: print every TSTEP, not every internal time point (fast edges make millions).
    return [".options interp", f".print tran v({out})"]


def title_for(intent: Intent) -> str:
    text = " ".join(intent.description.split())
    return text if len(text) <= 70 else text[:67].rstrip() + "..."


def render(intent: Intent) -> TemplateResult:
    """The family's netlist for an intent: always parses and (for sane values) simulates."""
    template = TEMPLATES.get(intent.kind, TEMPLATES["generic"])
    filler = _Filler(intent)
    body = template.build(filler)
    analyses = _analysis_lines(intent, template, filler)
    lines = [title_for(intent), *filler.params, body, *filler.cards.values(), *analyses, ".end"]
    netlist = "\n".join(line for line in lines if line) + "\n"
    used = list(filler.used.values())
    unused = [v for role, v in intent.values.items() if role not in filler.used]
    warnings = [f"{v.text} ({v.role}) is not used by the {template.summary} template" for v in unused]
    if intent.kind not in TEMPLATES:
        warnings.append(f"no template for '{intent.kind}'; a {TEMPLATES['generic'].summary} is given instead")
    return TemplateResult(netlist, template.kind, used, unused, warnings)


def roles(kind: str) -> dict[str, float]:
    """The roles a family reads, with their defaults (for tests and the dataset builder)."""
    filler = _Filler(example_intent(kind))
    TEMPLATES[kind].build(filler)
    return filler.asked


def example_intent(kind: str) -> Intent:
    """A request for a family with no values given: the family's defaults."""
    return Intent(description=TEMPLATES[kind].summary, kind=kind)
