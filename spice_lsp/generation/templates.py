"""The builders of the circuit families: each writes a small ngspice netlist body with the
values the user asked for (or sound defaults) and its own models. The family registry
(families.py) names them, says how requests name them and what analyses they get, and renders
them into complete netlists.
"""
from __future__ import annotations

import dataclasses
import math
import re

from spice_lsp.generation.design import E24, UNLOADED, e_series, source_on_base, writes_model
from spice_lsp.generation.drives import gate_sources
from spice_lsp.generation.intent import Intent, Value
from spice_lsp.generation.ports import read_ports
from spice_lsp.generation.request import Request, SourceConstraint, read_request
from spice_lsp.generation.stated.parts import asks_smoothing
from spice_lsp.language.units import format_eng, parse_number

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

OPAMP = """.subckt opamp inp inn out
* Behavioral op-amp: 100 dB gain, 10 Hz pole (1 MHz GBW), output within 90 % of the supply.
Rin inp inn 10meg
Egain g 0 inp inn 100k
Rpole g p 1k
Cpole p 0 15.9u
Bout out 0 V={0.9*vdd*tanh(v(p)/(0.9*vdd))}
.ends opamp"""

# OPAMP's gain and pole (1 MHz GBW), which filter designs that compensate for it read
OPAMP_GAIN, OPAMP_POLE = 1e5, 10.0
# The op-amp a request calls ideal: the same block, its pole moved to 100 kHz (10 GHz GBW), so the feedback network
# alone sets the response (a transimpedance stage's corner, a high-pass's gain a decade above its corner)
IDEAL_GBW = 1e10
IDEAL_OPAMP = OPAMP.replace("10 Hz pole (1 MHz GBW)", "100 kHz pole (10 GHz GBW, ideal as asked)").replace(
    "Cpole p 0 15.9u", "Cpole p 0 1.59n")
IDEAL_SAID = re.compile(r"\bideal\s+op[- ]?amps?\b", re.IGNORECASE)
# The same op-amp on one supply: its output stays inside 5 % .. 95 % of vdd.
SINGLE_SUPPLY_OPAMP = """.subckt opamp1 inp inn out
* Behavioral op-amp on a single supply: 100 dB gain, 10 Hz pole (1 MHz GBW), output within 5-95 % of vdd.
Rin inp inn 10meg
Egain g 0 inp inn 100k
Rpole g p 1k
Cpole p 0 15.9u
Bout out 0 V={vdd/2+0.45*vdd*tanh((v(p)-vdd/2)/(0.45*vdd))}
.ends opamp1"""

# "single-supply (9 V)", "on a single 5 V rail", "input biased at mid-rail": an AC-coupled stage on one supply.
_SINGLE_SUPPLY = re.compile(r"single[- ](?:\+?[\d.]+\s*V\s+)?(?:supply|rail)|(?:mid|half)[- ]?(?:rail|supply)",
                            re.IGNORECASE)


def single_supply(intent: Intent) -> bool:
    return bool(_SINGLE_SUPPLY.search(intent.description))


# "AC-coupled", "capacitor-coupled input", "a series input capacitor", "coupling cap": the input through a capacitor
_AC_COUPLED = re.compile(r"\b(?:ac|cap(?:acitor|acitively)?)[- ]coupled\b|\bcoupling\s+cap|\binput\s+coupling\b"
                         r"|\binput\s+(?:blocking\s+|series\s+)?cap(?:acitor)?\b|\bseries\s+input\s+cap"
                         r"|\bdc[- ]blocking\s+cap", re.IGNORECASE)


def ac_coupled(intent: Intent) -> bool:
    """An amplifier whose input comes through a capacitor (on one supply it always does)."""
    return single_supply(intent) or bool(_AC_COUPLED.search(intent.description))


_WRITTEN = re.compile(r"([-+]?(?:\d+\.?\d*|\.\d+)(?:[eE][-+]?\d+)?)\s?(meg|[kKMGmunpf\u00b5\u03bc])?")


def as_written(value: Value) -> str:
    """The value in SPICE notation with the user's own mantissa and prefix (0.5 µm -> 0.5u,
    1e20 -> 1e20, 2.4 GHz -> 2.4g), so the netlist shows the numbers the request gave;
    anything else (words, RKM, percentages) in engineering notation."""
    m = _WRITTEN.match(value.text)
    if m:
        prefix = {"M": "meg", "G": "g", "K": "k", "\u00b5": "u", "\u03bc": "u"}.get(m[2], m[2] or "")
        written = m[1].lstrip("+") + prefix
        number = parse_number(written)
        if number is not None and math.isclose(number, value.value, rel_tol=1e-9):
            return written
    return format_eng(value.value)


def stated_supply(intent: Intent) -> float | None:
    """The supply the request states ("on 9 V", "from a 15 V supply"), which compose puts on the rail."""
    stated = read_ports(intent.description).supply
    return stated.value if stated is not None else None


class _Filler:
    """Looks values up by role with defaults, remembering which of the user's values it used."""

    def __init__(self, intent: Intent, request: Request | None = None) -> None:
        self.intent = intent
        self._request = request
        self.used: dict[str, Value] = {}
        self.asked: dict[str, float] = {}  # every role looked up, with its default
        self.defaults: dict[str, float] = {}  # the roles the request left open: assumptions
        self.cards: dict[str, str] = {}  # model name -> .model line, in order of use
        self.tran: tuple[float, float] | None = None  # (step, stop) when the values decide it
        self.analysis: str | None = None  # the default analysis when the values decide it (inputs all held: op)
        self.measures: list[str] = []  # .measure lines that replace the transient .print
        self.params: dict[str, str] = {}  # .param name -> value, written before the elements
        self._supply = stated_supply(intent)

    @property
    def request(self) -> Request:
        """The request as read: the build's own, else read from the description once."""
        if self._request is None:
            self._request = read_request(self.intent.description)
        return self._request

    def __call__(self, role: str, default: float, *aliases: str) -> str:
        default = self._stated_supply(role, default)
        given = self.given(role, default, *aliases)
        return as_written(given) if given is not None else format_eng(default)

    def number(self, role: str, default: float, *aliases: str) -> float:
        default = self._stated_supply(role, default)
        given = self.given(role, default, *aliases)
        return given.value if given is not None else default

    def _stated_supply(self, role: str, default: float) -> float:
        """VDD's default is the supply the request states ("on 9 V", "from a 15 V supply"), which compose puts
        on the circuit's rail: the builder's design and the family's function then see the level the answer
        runs at, not the family's own default."""
        if role != "VDD" or "VDD" in self.intent.values or self._supply is None:
            return default
        return self._supply

    def given(self, role: str, default: float, *aliases: str) -> Value | None:
        """The user's value for the role (or an alias), marked as used; None: the default."""
        stated = self._stated_supply(role, default)
        self.asked.setdefault(role, stated)
        for name in (role, *aliases):
            if name in self.intent.values:
                self.used[name] = self.intent.values[name]
                return self.intent.values[name]
        if stated == default:  # the request's supply is no assumption of the family's
            self.defaults.setdefault(role, default)
        return None

    def param(self, name: str, text: str) -> str:
        """Define a .param (first definition wins) and return its reference for an element."""
        self.params.setdefault(name, text)
        return f"{{{name}}}"

    def supply(self, name: str, default: float, magnitude: bool = False) -> str:
        """The supply voltage as a .param named after its rail, so one edit changes it everywhere."""
        default = self._stated_supply("VDD", default)
        given = self.given("VDD", default)
        number = given.value if given is not None else default
        text = as_written(given) if given is not None and (number > 0 or not magnitude) else format_eng(
            abs(number) if magnitude else number)
        return self.param(name, text)

    def model(self, name: str, card: str | None = None) -> str:
        self.cards.setdefault(name, card or MODELS[name])
        return name

    def polarity(self, default: str = "n") -> str:
        return self.intent.polarity or default


def _rc_filter(f: _Filler, high: bool) -> str:
    r, c = f("R", 1e3, "R1"), f("C", 100e-9, "C1")
    parts = [f"R1 in out {r}", f"C1 out 0 {c}"] if not high else [f"C1 in out {c}", f"R1 out 0 {r}"]
    if not high and "RSHUNT" in f.intent.values:  # a DC gain below 1: R2 divides with R1 (design._divided_lowpass)
        parts.append(f"R2 out 0 {f('RSHUNT', 1e3)}")
    if high and "RTOP" in f.intent.values:  # riding on a level: R2 from the supply divides with R1
        parts += [f"R2 vdd out {f('RTOP', 100e3)}", f"V2 vdd 0 DC {f('VDD', 5)}"]
    return f"V1 in 0 DC 0 AC {f('VIN', 1)}\n" + "\n".join(parts)


def _rl_filter(f: _Filler, high: bool) -> str:
    r, ind = f("R", 1e3, "R1"), f("L", 10e-3, "L1")
    parts = (f"L1 in out {ind}", f"R1 out 0 {r}") if not high else (f"R1 in out {r}", f"L1 out 0 {ind}")
    return f"V1 in 0 DC 0 AC {f('VIN', 1)}\n" + "\n".join(parts)


def _rlc(f: _Filler, topology: str) -> str:
    source = f"V1 in 0 DC 0 AC {f('VIN', 1)}"
    # (read only by the topologies that have one; where it feeds the circuit from the source, "fed through 330 ohm",
    # the source resistance the reader took is it)
    r = lambda: f("R", 100, "R1", *(("RS",) if topology in ("notch", "series") else ()))  # noqa: E731
    inductance, capacitance = 10e-3, 100e-9
    given = set(f.intent.values)
    if topology != "lc_lowpass" and "FREQ" in given and not ({"L", "L1"} & given and {"C", "C1"} & given):
        # "a trap at 50 kHz": the part the request leaves open resonates with the one it gives there; neither
        # given, both at the defaults' impedance sqrt(L/C) relative to R (the same Q, or notch width, at any f0)
        f.param("f0", f("FREQ", 1e3))
        w = 2 * math.pi * f.number("FREQ", 1e3)
        if {"L", "L1"} & given:
            capacitance = 1 / (w * w * f.number("L", inductance, "L1"))
        elif {"C", "C1"} & given:
            inductance = 1 / (w * w * f.number("C", capacitance, "C1"))
        else:
            z0 = math.sqrt(inductance / capacitance) * f.number("R", 100, "R1") / 100
            inductance, capacitance = z0 / w, 1 / (w * z0)
    ind, c = f("L", float(f"{inductance:.4g}"), "L1"), f("C", float(f"{capacitance:.4g}"), "C1")
    if topology == "series":
        body = [f"R1 in a {r()}", f"L1 a out {ind}", f"C1 out 0 {c}"]  # out: the capacitor voltage
    elif topology == "bandpass":
        body = [f"L1 in a {ind}", f"C1 a out {c}", f"R1 out 0 {r()}"]
    elif topology == "notch":
        body = [f"R1 in out {r()}", f"L1 out a {ind}", f"C1 a 0 {c}"]
    else:  # an LC low-pass between a source resistance (R1) and a load (R2)
        body = [f"R1 in a {f('RS', 50)}", f"L1 a out {ind}", f"C1 out 0 {c}", f"R2 out 0 {f('RL', 50)}"]
    return "\n".join([source, *body])


def _divider(f: _Filler) -> str:
    ac = " AC 1" if any(a.kind == "ac" for a in f.intent.analyses) else ""  # an AC sweep needs its stimulus
    # a stated load is a part of its own on the output, never the lower resistor
    load = [f"R3 out 0 {f('RL', 10e3)}"] if "RL" in f.intent.values else []
    return "\n".join([f"V1 in 0 DC {f('VIN', 10, 'VDD')}{ac}", f"R1 in out {f('R1', 10e3, 'R')}",
                      f"R2 out 0 {f('R2', 10e3)}", *load])


def _without(intent: Intent, part: str) -> bool:
    """The request leaves a part out: "without any smoothing capacitor", "no filter capacitor"."""
    return bool(re.search(rf"\b(?:without|no)\s+(?:an?y?\s+)?(?:\w+\s+)?{part}", intent.description, re.IGNORECASE))


def _rms(f: _Filler, role: str, default: float) -> Value | None:
    """The request's level for a sine when it is written as rms ("12 V rms")."""
    given = f.given(role, default)
    rms = given is not None and (re.search(r"rms\b", given.text, re.IGNORECASE)  # ("12 Vrms": read with its unit)
                                 or re.search(rf"{re.escape(given.text)}\s*rms", f.intent.description, re.IGNORECASE))
    return given if rms else None


def _amplitude(f: _Filler, role: str, default: float) -> str:
    """A sine's amplitude: the request's level, its peak (x sqrt 2) when written as rms (with no parentheses inside
    the SIN(...): a stated sine's numbers replace that group up to its first ')')."""
    return f"{{{as_written(rms)}*1.414214}}" if (rms := _rms(f, role, default)) else f(role, default)


def sine_peak(f: _Filler, role: str, default: float) -> float:
    """The amplitude `_amplitude` wrote, as a number."""
    return rms.value * math.sqrt(2) if (rms := _rms(f, role, default)) else f.number(role, default)


# "a transformer secondary ... between sec1 and sec2": the bridge's two AC terminals
_AC_NODES = re.compile(r"between\s+(?:nodes?\s+)?([a-z]\w*)\s+and\s+([a-z]\w*)")


def _rectifier(f: _Filler, full: bool) -> str:
    d = f.model("dsi")
    sine = f"SIN(0 {_amplitude(f, 'VIN', 10)} {f('FREQ', 60)})"
    # A reservoir only where the request asks for one (a capacitor, smoothing, a ripple, a DC rail): else the
    # output it measures is the rectified wave, not a DC level.
    # ("output node out across 220 uF": the reservoir read as an output capacitor is it)
    asked = asks_smoothing(f.intent.description) or {"C", "CL", "C1", "COUT"} & set(f.intent.values)
    smoothing = [] if _without(f.intent, "capacitor") or not asked else \
        [f"C1 out 0 {f('C', 100e-6, 'CL', 'C1', 'COUT')}"]
    if not full:
        return "\n".join([f"V1 in 0 {sine}", f"D1 in out {d}", f"R1 out 0 {f('RL', 1e3, 'R')}", *smoothing])
    # The bridge's source floats; R1 gives its low side a DC path to ground. R2 is the load.
    acp, acn = m.groups() if (m := _AC_NODES.search(f.intent.description)) and "out" not in m.groups() \
        else ("acp", "acn")
    return "\n".join([f"V1 {acp} {acn} {sine}", f"R1 {acn} 0 10meg", f"D1 {acp} out {d}",
                      f"D2 {acn} out {d}", f"D3 0 {acp} {d}", f"D4 0 {acn} {d}",
                      f"R2 out 0 {f('RL', 1e3, 'R')}", *smoothing])


def clipped_sides(intent: Intent) -> tuple[bool, bool]:
    """(clips the top, clips the bottom): a "positive" clipper only the top, a "negative" one only
    the bottom, else both."""
    text = intent.description.lower()
    # a side said to pass ("negative half passes untouched", "leave the bottom alone") is not clipped
    passed = {m["side"] or m["side2"] for m in _PASSED_SIDE.finditer(text)}
    text = _PASSED_SIDE.sub(" ", text)
    # "cut off the top", "never goes above 0.7 V" say the top; "the bottom", "never below" the bottom
    positive = bool(re.search(r"\bpositive\b|\btop\b|\babove\b", text))
    negative = bool(re.search(r"\bnegative\b|\bbottom\b|\bbelow\b", text))
    return (positive or not (negative or passed & {"positive", "top"}),
            negative or not (positive or passed & {"negative", "bottom"}))


_SIDE_PART = r"(?:\s+(?:half|halves|half-cycles?|side|swing|peaks?|excursions?|part|cycles?))?"
_PASSED_SIDE = re.compile(
    rf"\b(?P<side>positive|negative|top|bottom){_SIDE_PART}\s+(?:(?:should|must|will|can|is|are|gets?)\s+(?:be\s+)?)?(?:passe[sd]|pass|goes\s+through|"
    rf"left|stays|remains|untouched|unclipped|unaffected|unchanged|intact)\b"
    rf"|\b(?:pass(?:es|ing)?|leav(?:e|es|ing)|keep(?:s|ing)?)\s+the\s+(?P<side2>positive|negative|top|bottom){_SIDE_PART}"
    rf"\s+(?:untouched|unclipped|alone|intact|unchanged|whole|as\s+is)\b")


def clip_biased(intent: Intent) -> bool:
    """The top diode returns to a bias source only when the request gives one (a level, a
    "reference", a "biased" clipper); else it returns to ground, like the anti-parallel pair."""
    return "VBIAS" in intent.values or bool(re.search(r"referen|\bbias", intent.description, re.IGNORECASE))


def clip_mirrored(intent: Intent) -> bool:
    """A biased clipper of both sides said symmetric ("clip both sides at roughly +/-3 V using two diodes and DC bias
    sources"): the bottom diode returns to the top's bias mirrored."""
    bias = intent.values.get("VBIAS")
    return clip_biased(intent) and (bias is None or bias.value > 0) and bool(
        re.search(r"\+/-|\u00b1|\bboth\s+(?:sides|halves|peaks)\b", intent.description, re.IGNORECASE))


def _clipper(f: _Filler) -> str:
    d = f.model("dsi")
    top, bottom = clipped_sides(f.intent)
    lines = [f"V1 in 0 SIN(0 {f('VIN', 5)} {f('FREQ', 1e3)})", f"R1 in out {f('R', 1e3, 'R1', 'RIN')}"]
    # a negative bias is the bottom diode's ("a diode from a -2 V bias source clips the negative peaks")
    low_bias = bottom and clip_biased(f.intent) and f.number("VBIAS", 2) < 0
    if top:
        lines += [f"D1 out ref {d}", f"V2 ref 0 DC {f('VBIAS', 2)}"] if clip_biased(f.intent) and not low_bias \
            else [f"D1 out 0 {d}"]
    if low_bias:
        return "\n".join(lines + [f"D2 ref out {d}", f"V2 ref 0 DC {f('VBIAS', -2)}"])
    if top and bottom and clip_mirrored(f.intent):
        return "\n".join(lines + [f"D2 refn out {d}", f"V3 refn 0 DC {{-{f('VBIAS', 2)}}}"])
    return "\n".join(lines + ([f"D2 0 out {d}"] if bottom else []))


def _zener(f: _Filler) -> str:
    f.model("dzener", f".model dzener D (is=1p n=1 rs=2 bv={f('VZ', 5.1)} ibv=5m)")
    load = [] if UNLOADED.search(f.intent.description) else [f"R2 out 0 {f('RL', 1e3)}"]
    return "\n".join([f"V1 in 0 DC {f('VIN', 12, 'VDD')}", f"R1 in out {f('RS', 470, 'R')}", "D1 0 out dzener", *load])


def _diode_model(f: _Filler) -> str:
    """The flavour's card; a Schottky or PIN card computed from the geometry the user gave."""
    flavour = _diode_flavour(f.intent)
    given = set(f.intent.values)
    if flavour == "schottky" and {"BARRIER", "DIAMETER"} & given:
        f.param("barrier", f("BARRIER", 0.7))
        f.param("diameter", f("DIAMETER", 100e-6))
        f.param("contact_area", "{3.1416*(diameter/2)**2}")
        return f.model("dschottky", "* Thermionic emission over the barrier: Is = area*A**T^2*exp(-barrier/Vt), "
                                    "A** = 1.12e6 A/m^2/K^2 (n-Si),\n* T = 300 K; zero-bias depletion capacitance "
                                    "of 1e16 cm^-3 n-Si under the contact.\n"
                                    ".model dschottky D (is={contact_area*1.12e6*300**2*exp(-barrier/0.02585)} "
                                    "n=1.05 rs=1 cjo={contact_area*sqrt(1.602e-19*1.04e-10*1e22/(2*barrier))} bv=40)")
    if flavour == "pin" and {"INTRINSIC", "DOPING"} & given:
        f.param("intrinsic", f("INTRINSIC", 50e-6))
        f.param("doping", f("DOPING", 1e19))
        return f.model("dpin", "* A 100 um x 100 um (1e-4 cm^2) PIN diode: stored charge in the intrinsic layer, "
                               "tt = W^2/(2*Da) with\n* Da = 12 cm^2/s (ambipolar, Si); the depleted layer's "
                               "capacitance eps*A/W; 1 um p+ and n+ layers of the\n* given doping (cm^-3, "
                               "mobility 100 cm^2/Vs) as the series resistance.\n"
                               ".model dpin D (is=1n n=1.9 tt={(intrinsic*100)**2/24} "
                               "cjo={1.04e-12*1e-4/(intrinsic*100)} rs={2e-4/(1.602e-19*100*doping*1e-4)} bv=200)")
    return f.model({"schottky": "dschottky", "pin": "dpin"}.get(flavour, "dsi"))


def _diode_iv(f: _Filler) -> str:
    d = _diode_model(f)
    return "\n".join([f"V1 in 0 DC {f('VIN', 0.7)}", f"R1 in a {f('R', 1, 'RS')}", f"D1 a 0 {d}"])


def _tunnel_diode(f: _Filler) -> str:
    # The tunnelling current rises to the peak (vp, ip) and falls again: negative differential
    # resistance up to the valley, where the ordinary diffusion current takes over.
    f.param("ip", "1m")
    f.param("vp", "65m")
    return "\n".join([f"V1 in 0 DC {f('VIN', 0.2, 'VBIAS')}", f"R1 in a {f('R', 1, 'RS')}",
                      "B1 a 0 I={ip*(v(a)/vp)*exp(1-v(a)/vp) + 1e-14*(exp(v(a)/0.02585)-1)}"])


def _diode_flavour(intent: Intent) -> str:
    text = intent.description.lower()
    return "schottky" if "schottky" in text else "pin" if re.search(r"\bpin\b", text) else ""


def _bjt_model(f: _Filler, pol: str) -> str:
    """The textbook card, or one computed from the base width and doping the user gave."""
    name = "npn" if pol == "n" else "pnp"
    if not {"BASE_WIDTH", "BASE_DOPING", "COLLECTOR_DOPING"} & set(f.intent.values):
        return f.model(name)
    f.param("base_width", f("BASE_WIDTH", 0.5e-6))
    f.param("base_doping", f("BASE_DOPING", 1e17))
    f.param("collector_doping", f("COLLECTOR_DOPING", 1e16))
    # Minority carriers in the base: electrons in an NPN, holes in a PNP (Caughey-Thomas mobility).
    mobility = "65+1265/(1+(base_doping/8.5e16)**0.72)" if pol == "n" else "48+447/(1+(base_doping/6.3e16)**0.76)"
    f.param("dbase", f"{{0.02585*({mobility})}}")
    f.param("wb", "{base_width*100}")
    f.param("cjc_area", "{sqrt(1.602e-19*1.04e-12*collector_doping/1.4)}")
    return f.model(name, "* Gummel-Poon card from the device physics: silicon at 300 K, a 10 um x 10 um emitter "
                         "(1e-6 cm^2),\n* doping in cm^-3, dbase = diffusivity in the base (cm^2/s), wb = base width "
                         "(cm);\n* Is = q*A*D*ni^2/(Nb*Wb), tf = Wb^2/(2*D), VA = q*Nb*Wb/Cjc', "
                         "Cj' = sqrt(q*eps*N/(2*Vbi)).\n"
                         f".model {name} {name.upper()} (is={{1.602e-19*1e-6*dbase*1e20/(base_doping*wb)}} bf=100 "
                         "tf={wb**2/(2*dbase)} vaf={1.602e-19*base_doping*wb/cjc_area} "
                         "cje={1e-6*sqrt(1.602e-19*1.04e-12*base_doping/1.8)} cjc={1e-6*cjc_area})")


# "an unbypassed 1k emitter resistor", "no bypass capacitor": the emitter resistor's feedback sets the
# gain (about RC/RE)
UNBYPASSED = re.compile(r"\bun-?bypassed\b|\bwithout\s+(?:an?\s+|the\s+)?(?:emitter\s+)?bypass"
                        r"|\bno\s+(?:emitter\s+)?bypass", re.IGNORECASE)


# "a 33k/10k divider", "base divider 56k over 12k", "divider of 100k and 47k": the divider's top then its bottom
_OHMS = r"\d+(?:\.\d+)?\s*(?:k|meg|m)?(?![\w.])\s*(?:\u03a9|ohms?\b)?"
_DIVIDER_PAIR = re.compile(rf"(?<![\w.])(?P<a>{_OHMS})\s*(?:/|\s+over\s+)\s*(?P<b>{_OHMS})\s+(?:\w+\s+)?divider\b"
                           # ("base divider 47k (top) / 22k": the top said as such)
                           rf"|\bdivider\s+(?:of\s+|from\s+|is\s+|=\s*)?(?P<c>{_OHMS})\s*(?:\(\s*(?:top|upper)\s*\)\s*)?"
                           r"(?:/|\s+over\s+|\s+and\s+)\s*"
                           rf"(?P<d>{_OHMS})"
                           # "gate biased at half the rail by 100k/100k": a pair after a bias word is its divider
                           rf"|\bbias\w*\b[^,;]{{0,40}}?\bby\s+(?:an?\s+)?(?P<e>{_OHMS})\s*/\s*(?P<f>{_OHMS})"
                           # "base bias from 68k (top) and 33k (bottom)": each said with its place
                           rf"|(?<![\w.])(?P<g>{_OHMS})\s*\(\s*(?:top|upper)\s*\)\s*(?:,\s*|\s+and\s+)(?:an?\s+)?"
                           rf"(?P<h>{_OHMS})\s*\(\s*(?:bottom|lower)\s*\)",
                           re.IGNORECASE)


def divider_values(text: str) -> tuple[float, float] | None:
    """The bias divider's (top, bottom) resistances as the request writes them ("a 33k/10k divider"), None where
    it states none so."""
    m = _DIVIDER_PAIR.search(text)
    if m is None:
        return None
    top, bottom = (parse_number(re.sub(r"\s|\u03a9|ohms?", "", t, flags=re.IGNORECASE))
                   for t in next((m[a], m[b]) for a, b in ("ab", "cd", "ef", "gh") if m[a]))
    return (top, bottom) if top and bottom else None


def claim_divider(f: _Filler, top: str = "RB1", bottom: str = "RB2") -> None:
    """A bias divider the request writes as a pair ("base biased by a 10k/10k divider") is the stage's `top` and
    `bottom` resistors, whatever roles the reader gave its figures (the top's RB, a bare R, a stray bias level);
    a request that names RB1 or RB2 itself keeps its own."""
    values = f.intent.values
    if {"RB1", "RB2"} & set(values) or (pair := divider_values(f.intent.description)) is None:
        return
    for role, x in ((top, pair[0]), (bottom, pair[1])):
        found = next((r for r, v in values.items() if r not in ("RB1", "RB2") and v.unit in ("ohm", "V", "")
                      and math.isclose(v.value, x)), None)
        said = values.pop(found) if found else Value(role, x, format_eng(x), "ohm")
        values[role] = dataclasses.replace(said, role=role, unit="ohm")


def base_source(f: _Filler) -> SourceConstraint | None:
    """design.source_on_base, its level claimed: the source drives the base itself, with no coupling capacitor,
    divider or base resistor of the family's between."""
    held = source_on_base(f.intent.description, f.request.sources)
    for role, v in list(f.intent.values.items()) if held is not None else ():  # its level, whatever role it was given
        if role != "VDD" and v.unit == "V" and held is not None and math.isclose(v.value, held.dc or 0.0):
            f.given(role, 0)
    return held


def _bjt(f: _Filler, role: str) -> str:
    pol = f.polarity("n")
    q = _bjt_model(f, pol)
    vcc = f.supply("vcc", 12 if pol == "n" else -12)
    if role == "emitter_follower" and (held := base_source(f)) is not None:
        # the stated source on the base (its DC level biases it); the emitter resistor is the one said with the
        # emitter, a bare figure's ("emitter node fe with 2.2k up to the rail"), toward the rail for a PNP
        rail, ground = ("vcc", "0") if pol == "p" and f.number("VDD", -12) > 0 else ("0", "vcc")
        return "\n".join([f"V1 vcc 0 DC {vcc}", f"V2 b 0 DC {held.dc:g} AC 1", f"Q1 {ground} b out {q}",
                          f"R3 {rail} out {f('RE', 1e3, 'R')}"])
    lines = [f"V1 vcc 0 DC {vcc}", f"V2 in 0 DC 0 AC {f('VIN', 10e-3)} SIN(0 {f('VIN', 10e-3)} {f('FREQ', 1e3)})"]
    upside_down = pol == "p" and f.number("VDD", -12) > 0
    if role in ("emitter_follower", "common_emitter"):  # (the PNP's divider legs are swapped: its top is RB2)
        claim_divider(f, *(("RB2", "RB1") if upside_down else ("RB1", "RB2")))
    if upside_down and role in ("emitter_follower", "common_emitter"):
        # A PNP on a positive supply is the NPN stage upside down: its emitter (resistor) on the rail, its collector
        # toward ground, the divider's legs swapped so the base sits as far below the rail as the NPN's above ground.
        # (a follower's one capacitor said is its input coupling: "pf_in coupled in through 4.7uF")
        coupling = f('CIN', 10e-6, 'C') if role == "emitter_follower" else f('CIN', 10e-6)
        lines += [f"R1 vcc b {f('RB2', 47e3 if role == 'emitter_follower' else 10e3)}",
                  f"R2 b 0 {f('RB1', 47e3, 'RB')}", f"C1 in b {coupling}"]
        if role == "emitter_follower":
            # (its load too hangs from the rail, as the NPN's from ground: the same to the signal)
            return "\n".join(lines + [f"Q1 0 b out {q}", f"R3 vcc out {f('RE', 1e3)}", f"R4 vcc out {f('RL', 10e3)}"])
        bypass = [] if UNBYPASSED.search(f.intent.description) else [f"C2 vcc e {f('CE', 100e-6)}"]
        return "\n".join(lines + [f"R3 out 0 {f('RC', 4.7e3, 'RL', 'R')}", f"Q1 out b e {q}",
                                  f"R4 vcc e {f('RE', 1e3)}", *bypass])
    if role == "emitter_follower" and AC_COUPLED_OUT.search(f.intent.description):
        # ("output AC-coupled into a 1k load": the emitter's DC kept off the load by a coupling capacitor)
        lines += [f"R1 vcc b {f('RB1', 47e3, 'RB')}", f"R2 b 0 {f('RB2', 47e3)}",
                  f"C1 in b {f('CIN', 10e-6)}", f"Q1 vcc b e {q}", f"R3 e 0 {f('RE', 1e3)}",
                  f"C2 e out {f('COUT', 10e-6)}", f"R4 out 0 {f('RL', 10e3)}"]
    elif role == "emitter_follower":
        lines += [f"R1 vcc b {f('RB1', 47e3, 'RB')}", f"R2 b 0 {f('RB2', 47e3)}",
                  f"C1 in b {f('CIN', 10e-6, 'C')}", f"Q1 vcc b out {q}", f"R3 out 0 {f('RE', 1e3)}",
                  f"R4 out 0 {f('RL', 10e3)}"]
    elif role == "common_emitter":
        lines += [f"R1 vcc b {f('RB1', 47e3, 'RB')}", f"R2 b 0 {f('RB2', 10e3)}",
                  f"C1 in b {f('CIN', 10e-6)}", f"R3 vcc out {f('RC', 4.7e3, 'RL', 'R')}",
                  f"Q1 out b e {q}", f"R4 e 0 {f('RE', 1e3)}"]
        if not UNBYPASSED.search(f.intent.description):
            lines.append(f"C2 e 0 {f('CE', 100e-6)}")
    else:  # basic: a biased transistor with a collector resistor (2.5 V through the 100k pair: ~1 mA)
        lines += [f"R1 in b {f('RB', 100e3, 'R')}", f"V3 bias 0 DC {f('VBIAS', 2.5)}",
                  "R2 bias b 100k", f"R3 vcc out {f('RC', 1e3, 'RL')}", f"Q1 out b 0 {q}"]
    return "\n".join(lines)


# "output AC-coupled into a 1k load", "the load is capacitively coupled", "a coupling cap to the load"
AC_COUPLED_OUT = re.compile(r"\boutput\s+(?:is\s+)?(?:ac|capacitively)[- ]coupled\b|\b(?:ac|capacitively)[- ]coupled\s+"
                            r"(?:output|(?:in)?to\s+(?:the\s+|an?\s+)?(?:[\w.]+\s+)?load)\b"
                            r"|\b(?:output\s+)?coupling\s+cap(?:acitor)?\s+(?:in)?to\s+(?:the\s+|an?\s+)?(?:[\w.]+\s+)?load\b"
                            # ("10u coupling caps in and out")
                            r"|\bcoupling\s+cap(?:acitor)?s\s+(?:on\s+)?(?:both\s+)?(?:the\s+)?in(?:put)?\s+and\s+out(?:put)?\b",
                            re.IGNORECASE)
_LEVEL_1 = re.compile(r"\blevel[- =]*1\b", re.IGNORECASE)


# A CMOS request that describes its two devices apart ("NMOS W/L = 1u/1u (VTO 0.7, KP 100u), PMOS W/L =
# 2.5u/1u (VTO -0.7, KP 40u)"): each device's clause runs from its polarity word to the other's.
# (or a model named for its polarity, its parameters next: "models NM (VTO=0.5, KP=200u) and PM (...)", "model PO:
# VTO=-0.6")
_POLARITY = {pol: re.compile(rf"\b(?:{pol}mos|{pol}-?channel|{pol}fet)\b"
                             rf"|\b(?-i:{pol.upper()}[A-Z0-9_]{{0,5}})(?=\s*(?:\(|:)\s*(?:[^()]*?\b(?:VTO|KP)\s*=))",
                             re.IGNORECASE) for pol in "np"}
_SIZE = r"\d+(?:\.\d+)?\s*[munµ]?"
_CLAUSE_WL = re.compile(rf"\bW\s*/\s*L\s*(?:=|of|is)?\s*(?P<w>{_SIZE})m?\s*/\s*(?P<l>{_SIZE})m?\b")
# ("NMOS 1u/0.35u, PMOS 4u/0.35u": the size right after the device's word)
_CLAUSE_BARE_WL = re.compile(rf"\s*(?:is\s+|at\s+)?(?P<w>{_SIZE})m?\s*/\s*(?P<l>{_SIZE})m?(?![\w/])")
_CLAUSE_W = re.compile(rf"\bW\s*=\s*(?P<w>{_SIZE})m?\b")
_CLAUSE_L = re.compile(rf"\bL\s*=\s*(?P<l>{_SIZE})m?\b")
_CLAUSE_PARAM = {"VTO": re.compile(r"\b(?:vto|vth|vt0)\s*(?:=|of|is)?\s*(?P<v>[-+\u2212]?\d+(?:\.\d+)?)\s*V?\b",
                                   re.IGNORECASE),
                 "KP": re.compile(r"\bkp\s*(?:=|of|is)?\s*(?P<v>\d+(?:\.\d+)?\s*[munµ]?)(?:A/V\^?2)?", re.IGNORECASE)}


def device_clause(description: str, pol: str) -> str | None:
    """The words describing the `pol` device when the request describes both polarities apart; else None. Of its
    mentions, the first that sizes it or gives its model ("a diode-connected PMOS load. ... PMOS W=5u L=1u, VTO=-0.7":
    the second)."""
    clauses = device_clauses(description, pol)
    said = [c for c in clauses if _CLAUSE_WL.search(c) or _CLAUSE_BARE_WL.match(c) or _CLAUSE_W.search(c)
            or any(p.search(c) for p in _CLAUSE_PARAM.values())]
    return (said or clauses)[0] if clauses else None


def device_clauses(description: str, pol: str) -> list[str]:
    """The words after each mention of the `pol` device, up to the other's or the sentence's end, when the request
    describes both polarities apart; else none."""
    if _POLARITY["p" if pol == "n" else "n"].search(description) is None:
        return []
    clauses = []
    for own in _POLARITY[pol].finditer(description):
        ends = [m.start() for m in _POLARITY["p" if pol == "n" else "n"].finditer(description) if m.start() > own.end()]
        stop = min([*ends, *(i for i in (description.find(";", own.end()), description.find(". ", own.end()))
                             if i >= 0)], default=len(description))
        clauses.append(description[own.end():stop])
    return clauses


# "PMOS 2.5 times wider", "the PMOS is 3x as wide", "p-channel twice as wide": its width over the other device's
_WIDER = re.compile(r"\s*(?:is\s+|device\s+|fet\s+)?(?:(?P<k>\d+(?:\.\d+)?)\s*(?:x|\u00d7|times)|(?P<twice>twice))\s+"
                    r"(?:wider|as\s+wide)\b", re.IGNORECASE)


def _clause_size(f: _Filler, pol: str) -> tuple[str, str] | None:
    """(W, L) as the `pol` device's own clause writes them, or as a multiple of the other's ("PMOS 2.5 times
    wider": its width that many times the NMOS's, at the NMOS's length)."""
    clause = device_clause(f.intent.description, pol)
    if clause is None:
        return None
    # (the first mention that sizes it: "models NM (VTO=0.5) and PM (VTO=-0.5); NMOS 1u/0.35u, PMOS 4u/0.35u")
    if m := next((m for c in device_clauses(f.intent.description, pol)
                  if (m := _CLAUSE_WL.search(c) or _CLAUSE_BARE_WL.match(c))), None):
        return _size(m["w"]), _size(m["l"])
    w, length = _CLAUSE_W.search(clause), _CLAUSE_L.search(clause)
    if w:
        return _size(w["w"]), _size(length["l"]) if length else f("LG", 1e-6)
    other = _clause_size(f, "n" if pol == "p" else "p") if (wider := _WIDER.match(clause)) else None
    if wider is None or other is None or (width := parse_number(other[0])) is None:
        return None
    return format_eng(width * (float(wider["k"]) if wider["k"] else 2.0)), other[1]


def _size(text: str) -> str:
    return re.sub(r"\s+", "", text).replace("µ", "u")


def _mos_model(f: _Filler, pol: str) -> str:
    """The level-1 card, with the threshold and transconductance the user gave (each device's own, when the
    request describes them apart)."""
    name = "nch" if pol == "n" else "pch"
    card = MODELS[name]
    clause = device_clause(f.intent.description, pol) or ""
    said = {role: _size(m["v"]).replace("\u2212", "-") for role, pattern in _CLAUSE_PARAM.items()
            if (m := pattern.search(clause))}
    if writes_model(f.intent) or {"VTO", "KP"} <= set(said):
        # The request writes out its level-1 model ("level 1 models, VTO 0.6, KP 100u", "VTO=0.7 KP=50u"): that
        # model alone, ngspice's defaults (no body effect, no channel-length modulation) for the rest, as the
        # square law a designer sizes by hand (a 1:3 mirror's lambda alone moved its copy by 10 %).
        card = re.sub(r"\s+gamma=.*\)", ")", card)
    for role, default in (("VTO", 0.7 if pol == "n" else -0.7), ("KP", 110e-6 if pol == "n" else 50e-6)):
        if role in said:  # the device's own clause: the value the reader kept is used if it is this one
            card = re.sub(rf"\b{role.lower()}=[^\s)]+", f"{role.lower()}={said[role]}", card, count=1)
            if role in f.intent.values and math.isclose(f.intent.values[role].value, parse_number(said[role]) or 0):
                f.given(role, default)
        # A threshold of the other sign is the other device's ("NMOS VTO 0.7 ... PMOS VTO -0.7").
        elif role in f.intent.values and (role != "VTO" or f.intent.values[role].value * default > 0):
            card = re.sub(rf"\b{role.lower()}=[^\s)]+", f"{role.lower()}={f(role, default)}", card, count=1)
    if "TOX" in f.intent.values and "KP" not in f.intent.values:
        # The oxide sets the transconductance: ngspice computes kp = uo*eps_ox/tox.
        card = re.sub(r"kp=\S+", f"tox={f('TOX', 20e-9)} uo={600 if pol == 'n' else 250}", card, count=1)
    return f.model(name, card)


def _mos_device(f: _Filler, pol: str, d: str, g: str, s: str, b: str, name: str = "M1",
                w: float = 10e-6, length: float = 1e-6) -> str:
    model = _mos_model(f, pol)
    if sized := _clause_size(f, pol):  # the device's own clause ("PMOS W/L = 2.5u/1u")
        for role, text in zip(("W", "LG"), sized):
            if role in f.intent.values and math.isclose(f.intent.values[role].value, parse_number(text) or 0):
                f.given(role, 0)
        return f"{name} {d} {g} {s} {b} {model} W={sized[0]} L={sized[1]}"
    if "WL" in f.intent.values and "W" not in f.intent.values:  # "W/L = 10": the width follows the length
        return f"{name} {d} {g} {s} {b} {model} W={{{f('WL', w / length)}*{f('LG', length)}}} L={f('LG', length)}"
    return f"{name} {d} {g} {s} {b} {model} W={f('W', w)} L={f('LG', length)}"


def _mos(f: _Filler, role: str) -> str:
    pol = f.polarity("n")
    supply = f"V1 vdd 0 DC {f.supply('vdd', 5 if pol == 'n' else 1.8, magnitude=True)}"
    if pol == "p":
        vbs = f.number("VBS", 0, "VBIAS")
        lines = [supply, "V2 in 0 DC {vdd/2} AC 1 PULSE(0 {vdd} 0 1n 1n 20n 40n)",
                 f"V3 body vdd DC {format_eng(-vbs) if vbs else '0'}",
                 _mos_device(f, "p", "out", "in", "vdd", "body"), f"R1 out 0 {f('RD', 10e3, 'RL', 'R')}"]
        return "\n".join(lines)
    vin = f"V2 in 0 DC {f('VGS', 1.5, 'VBIAS')} AC {f('VIN', 1)}"
    if role == "source_follower":
        return "\n".join([supply, vin, _mos_device(f, "n", "vdd", "in", "out", "0"),
                          f"R1 out 0 {f('RS', 10e3, 'RL', 'R')}"])
    return "\n".join([supply, vin, f"R1 vdd out {f('RD', 10e3, 'RL', 'R')}",
                      _mos_device(f, "n", "out", "in", "0", "0")])


# "a 1:2 ratio", "1:4 mirror": the output current over the reference; "W/L 20u/1u", "W = 20u": a device's width.
_RATIO = re.compile(r"\b(\d+(?:\.\d+)?)\s*:\s*(\d+(?:\.\d+)?)\b")
_WIDTHS = re.compile(r"\bW(?:/L)?\s*(?:=\s*)?(\d+(?:\.\d+)?\s*[uµn]?)(?=m?\b|\s*/)")


# "doubles its input", "twice as wide", "three times the reference", "x4", "2x": the ratio in words.
_TIMES = {"doubl": 2.0, "twice": 2.0, "two times": 2.0, "tripl": 3.0, "thrice": 3.0, "three times": 3.0,
          "quadrupl": 4.0, "four times": 4.0, "halv": 0.5, "half": 0.5}
WORDED_RATIO = re.compile(r"\b(?:(doubl|tripl|quadrupl|halv)\w*|(twice|thrice|half(?=\s+(?:as|the)\b))|"
                          r"(two|three|four)\s+times\b|(\d+(?:\.\d+)?)\s*(?:x|\u00d7|times)(?![\w/])|"
                          r"[x\u00d7]\s*(\d+(?:\.\d+)?)\b)", re.IGNORECASE)


# "W/L = 10u/1u", "30u/1u", "W=4u L=1u": a device's size, width over length
_SIZE_PAIR = re.compile(r"(?<![\w.])(\d+(?:\.\d+)?\s*[uµn])m?\s*/\s*(\d+(?:\.\d+)?\s*[uµn])m?\b"
                        r"|\bW\s*=\s*(\d+(?:\.\d+)?\s*[uµn])m?\s*,?\s*(?:and\s+)?L\s*=\s*(\d+(?:\.\d+)?\s*[uµn])m?\b")
_OUTPUT_SIDE = re.compile(r"\b(?:output|copy|copying|mirroring|second|m2|q2)\b", re.IGNORECASE)


def mirror_sizes(text: str) -> tuple[tuple[str, str], tuple[str, str]] | None:
    """The (W, L) of a mirror's reference device and of its output device when a request states two different
    sizes: the one said after output words ("the output FET is 30u/1u") is the output's, else the second one."""
    found = [(m.start(), (_size(m[1] or m[3]), _size(m[2] or m[4]))) for m in _SIZE_PAIR.finditer(text)]
    if len(found) != 2 or found[0][1] == found[1][1]:
        return None
    (a, first), (b, second) = found
    first_is_output = bool(_OUTPUT_SIDE.search(text[max(0, a - 40):a])) and not _OUTPUT_SIDE.search(text[a:b])
    return (second, first) if first_is_output else (first, second)


def _aspect(size: tuple[str, str]) -> float:
    return (parse_number(size[0]) or 0) / (parse_number(size[1]) or 1)


def mirror_ratio(intent: Intent) -> float:
    """The output current over the reference a request states ("1:2", "doubles", "twice as wide",
    "3x", two device sizes), else 1."""
    m = _RATIO.search(intent.description)
    if m and float(m[1]):
        return float(m[2]) / float(m[1])
    if (sizes := mirror_sizes(intent.description)) is not None:
        return _aspect(sizes[1]) / _aspect(sizes[0])
    w = WORDED_RATIO.search(intent.description)
    if w is None:
        return 1.0
    if w[4] or w[5]:
        return float(w[4] or w[5]) or 1.0
    return _TIMES[(w[1] or w[2] or f"{w[3]} times").lower()]


# The supply's names: a source so named (or on such a node) is the circuit's supply, not its output's.
_RAILS = ("vdd", "vcc", "vss", "vee")


# The words that say which terminal a source in a sentence holds: the output's, or another's.
# "out node q", "flows into node pc": the output too.
_OUTPUT_WORDS = re.compile(r"\b(?:output|collector|drain|sinks?|sinking|copie[sd]|copy|mirrored|"
                           r"out(?=\s+(?:node|at|on)\b)|(?:goes|flows|fed|delivered|sourced|pushed)\s+into)\b",
                           re.IGNORECASE)
_OTHER_WORDS = re.compile(r"\b(?:base|gate|reference|bias|supply|input)\b", re.IGNORECASE)


def _holds_output(description: str, name: str) -> bool:
    """The terminal the clause naming the source puts it on is the output: the nearest terminal word
    before the name ("its output is held at 5 V by VOUT"; not "its base held at 2.7 V by VB, ... collector
    load"), or after it when the source is the subject ("VX at node q holds the collector")."""
    at = re.search(rf"\b{re.escape(name)}\b", description)
    if at is None:
        return False
    start = max(description.rfind(";", 0, at.start()), description.rfind(". ", 0, at.start())) + 1
    stops = [i for i in (description.find(";", at.end()), description.find(". ", at.end())) if i >= 0]
    clause = description[start:min(stops, default=len(description))]
    where = at.start() - start
    subject = re.match(r"\w+(?:\s+(?:at|on)\s+(?:node\s+)?\w+)?\s+(?:holds|keeps|sets|fixes)\b", clause[where:])

    def nearest(words: re.Pattern, after: bool) -> float:
        part = clause[where:] if after else clause[:where]
        return min((abs(m.start() - (0 if after else where)) for m in words.finditer(part)), default=math.inf)
    output, other = nearest(_OUTPUT_WORDS, bool(subject)), nearest(_OTHER_WORDS, bool(subject))
    if subject and output == other == math.inf:  # "node nd, which VD holds at 1.5 V": the words before it
        output, other = nearest(_OUTPUT_WORDS, False), nearest(_OTHER_WORDS, False)
    # a source in a clause of its own that names no other terminal ("VW holds wo at 8 V") holds the output
    return output < other or other == math.inf


# The source a request holds the output with, in words the request reader leaves unread (or without a node):
# "held at 5 V by VW", "which VO holds at 3 V", "connects to 6 V through VX", "VOUT keeps it at 2 V".
_HELD_BY = (re.compile(r"\bheld\s+at\s+([\d.]+)\s?V\s+by\s+(?:(?:the\s+)?source\s+)?(V\w*)\b"),
            re.compile(r"\b(V\w*)\s+(?:holds|keeps|fixes|pins|clamps)\s+(?:it\s+|them\s+|(?:node\s+)?\w+\s+)?at\s+"
                       r"([\d.]+)\s?V\b"),
            re.compile(r"\b(?:connects?|connected|tied|returns?|goes|runs|sits)\s+(?:up\s+)?to\s+([\d.]+)\s?V\s+"
                       r"(?:through|via|from)\s+(?:(?:the\s+|a\s+)?(?:(?:dc\s+)?voltage\s+)?source\s+)?(V\w*)\b"))


def _held_by_words(description: str) -> SourceConstraint | None:
    """The holder _HELD_BY's words name on the output (its node left to the family's output)."""
    for k, pattern in enumerate(_HELD_BY):
        if (m := pattern.search(description)) and _holds_output(description, m[1 if k == 1 else 2]):
            name, level = (m[1], m[2]) if k == 1 else (m[2], m[1])
            return SourceConstraint(text=m[0], node=None, dc=float(level), name=name)
    return None


def output_holder(intent: Intent) -> SourceConstraint | None:
    """The source a request names to hold a current output ("held at 5 V by source VOUT at node co",
    "sinks current from a 3 V source VD at node dm"): a named DC voltage source on a node of its own,
    not the supply, that its sentence puts on the output; the test bench of a current source, which
    measures the output current through it."""
    return next((s for s in read_request(intent.description).sources
                 if s.kind == "V" and s.name and s.dc is not None and not s.supply
                 and not (s.sin or s.pulse or s.pwl) and s.name.lower() not in _RAILS
                 and (s.node or "").lower() not in _RAILS and _holds_output(intent.description, s.name)),
                None) or _held_by_words(intent.description)


# A current output's load as requests call it: "a 2k load" (RL), "pulled up through 10k" (R), "a collector (drain)
# resistor of 4.7k" (RC, RD)
LOAD_ROLES = ("RL", "R", "RC", "RD")


def current_output(f: _Filler, supply: str = "vdd") -> tuple[str, str]:
    """The output device's collector (drain) node and what holds it: the source the request names for it
    (output_holder), through the 0 V ammeter V9 that measures the output current; else a load resistor
    from the supply when one is asked for (the current is its drop over its value); else V9 alone from
    the supply."""
    holder = output_holder(f.intent)
    if holder is not None:
        stated = f.intent.values.get("VIN")  # "held at 5 V": the intent reads the holder's level as an input's
        level = f("VIN", 0) if stated is not None and stated.value == holder.dc else f"{holder.dc:g}"
        # (the collector on the held node itself, as stated: the holder's current is the output current)
        return "out", f"{holder.name} out 0 DC {level}"
    if set(LOAD_ROLES) & set(f.intent.values):
        return "out", f"R1 {supply} out {f('RL', 1e3, *LOAD_ROLES[1:])}"
    return "out", f"V9 {supply} out DC 0"



# "a reference current of about 1 mA set by a resistor": the reference is a resistor from the supply.
_SET_BY_RESISTOR = re.compile(r"set\s+by\s+(?:a|one|the)\s+(?:[\d.]+\s*(?:k|meg)?\s*(?:\u03a9|ohms?)?\s+)?"
                              r"(?:reference\s+)?resistor|reference\s+resistor|resistor\s+(?:that\s+)?sets|"
                              # "a 9.3k resistor from vcc into the diode-connected transistor", "9.3k from 10 V into the
                              # diode-connected side"
                              r"(?:resistor|(?<![\w.])[\d.]+\s*(?:k|meg)\s*(?:\u03a9|ohms?)?)\s+from\s+(?:the\s+|a\s+)?"
                              r"[\w.]+(?:\s+\w+)?\s+(?:in)?to\s+the\s+(?:diode[- ]connected|reference)"
                              # "reference NPN diode-connected, fed by 9.3k from 10 V"
                              r"|\bfed\s+(?:by|through)\s+(?:an?\s+)?[\d.]+\s*(?:k|meg)\s*(?:\u03a9|ohms?)?\s+"
                              r"(?:resistor\s+)?from\b",
                              re.IGNORECASE)


def reference_resistor(f: _Filler) -> Value | None:
    """The resistor a mirror's request says feeds its reference from the supply ("reference resistor 10.6k from
    12 V", "fed by 9.3k from 10 V"): RREF, or the one plain resistance the reader left unplaced."""
    if not _SET_BY_RESISTOR.search(f.intent.description):
        return None
    return f.intent.values.get("RREF") or f.intent.values.get("R") or f.intent.values.get("R1")


def mirror_reference(f: _Filler, node: str, default: float, drops: int = 1) -> str:
    """A bipolar mirror's reference current into `node` (`drops` VBEs above ground): the resistor the request states
    from the supply; else one sized for the current, (VDD - drops VBE)/Iref, where the request says a resistor sets
    it; else a current source of that current."""
    if (said := reference_resistor(f)) is not None:  # the stated resistor, and the current it sets (or is said to)
        iref = stated_reference(f, drops)
        f.param("iref", format_eng(iref) if iref is not None else f("IREF", default, "IBIAS"))
        return f"R9 vdd {node} {f(said.role, 0)}"
    if _SET_BY_RESISTOR.search(f.intent.description):
        iref = f.number("IREF", default, "IBIAS")
        f.param("iref", f("IREF", default, "IBIAS"))  # the reference current it is set for
        vbe = 0.02585 * math.log(iref / 1e-14)  # the npn card's IS
        rref = float(f"{(f.number('VDD', 5) - drops * vbe) / iref:.4g}")
        return f"* Rref = (VDD - VBE)/Iref\nR9 vdd {node} {f('RREF', rref)}"
    return f"I1 vdd {node} DC {f('IREF', default, 'IBIAS')}"


def stated_reference(f: _Filler, drops: int | None = None) -> float | None:
    """The reference current a bipolar mirror's stated reference resistor sets ("set by a 9.3k resistor from vcc"):
    I = (VDD - VBE(I))/R, VBE that of the npn card (two over a beta helper); None where the request states the
    current, or no such resistor."""
    r = reference_resistor(f)
    if r is None or {"IREF", "IBIAS"} & set(f.intent.values):
        return None
    drops = drops or (2 if _BETA_HELPER.search(f.intent.description) else 1)
    i, vdd = 1e-3, abs(f.number("VDD", 5))
    for _ in range(30):
        i = max((vdd - drops * 0.02585 * math.log(i / 1e-14)) / r.value, 1e-9)
    return i


# "a mirror with a beta helper": a follower (Q3) feeds the bases, so the reference loses only their 1/bf share.
_BETA_HELPER = re.compile(r"beta[- ]helper|base[- ]current\s+(?:compensat|helper)|"
                          r"\b(?:buffered|helped)\s+(?:current\s+)?mirror|\b(?:third|extra)\s+(?:npn|transistor)\s+(?:that\s+)?(?:supplies|provides|drives|"
                          r"feeds)\s+the\s+base", re.IGNORECASE)


def _current_mirror(f: _Filler) -> str:
    col, load = current_output(f)
    supply = f"V1 vdd 0 DC {f.supply('vdd', 5)}"
    if re.search(r"\b(bjts?|bipolar|npns?|pnps?)\b", f.intent.description, re.IGNORECASE):
        q = f.model("npn")
        helper = _BETA_HELPER.search(f.intent.description) is not None
        drops = 2 if helper else 1  # the reference node sits one VBE (two, over the helper) up
        reference = mirror_reference(f, "ref", 1e-3, drops)
        # Q2's emitter area: the ratio asked for ("a mirror that doubles"), with the base currents taken from
        # the reference and the Early effect of Q2's larger VCE (VAF = 100 V) compensated, as M2's width is:
        # Iout/Iref = x/(1 + 1/bf + x/bf), x = A (1 + VCE2/VAF)/(1 + VCE1/VAF).
        ratio, iref = mirror_ratio(f.intent), stated_reference(f) or f.number("IREF", 1e-3, "IBIAS")
        vce1 = drops * 0.02585 * math.log(iref / 1e-14)
        holder = output_holder(f.intent)
        vce2 = holder.dc if holder is not None and holder.dc is not None else \
            f.number("VDD", 5) - (iref * ratio * f.number("RL", 1e3, *LOAD_ROLES[1:]) if load.startswith("R1") else 0)
        x = ratio if helper else ratio * (1 + 1 / 100) / (1 - ratio / 100)
        area = x * (1 + vce1 / 100) / (1 + max(vce2, vce1) / 100)
        base = "b" if helper else "ref"
        devices = [f"Q3 vdd ref b {q}", f"Q1 ref b 0 {q}"] if helper else [f"Q1 ref ref 0 {q}"]
        return "\n".join([supply, reference, *devices,
                          f"* Q2's area {area:.3g}: the base currents and its VCE compensated",
                          f"Q2 {col} {base} 0 {q} {area:.4g}", load])
    iref = f.number("IREF", 100e-6, "IBIAS")
    if (sizes := mirror_sizes(f.intent.description)) is not None:  # each device's size, as stated
        for role, text in (("W", sizes[0][0]), ("LG", sizes[0][1])):
            if role in f.intent.values and math.isclose(f.intent.values[role].value, parse_number(text) or 0):
                f.given(role, 0)
        model = _mos_model(f, "n")
        return "\n".join([supply, f"I1 vdd ref DC {f('IREF', 100e-6, 'IBIAS')}",
                          f"M1 ref ref 0 0 {model} W={sizes[0][0]} L={sizes[0][1]}",
                          f"M2 {col} ref 0 0 {model} W={sizes[1][0]} L={sizes[1][1]}", load])
    if {"W", "WL"} & set(f.intent.values):  # the widths the request gives, as given
        m1 = _mos_device(f, "n", "ref", "ref", "0", "0", "M1")
        if (ratio := mirror_ratio(f.intent)) == 1:
            m2 = _mos_device(f, "n", col, "ref", "0", "0", "M2")
        else:  # "a 1:2 mirror": the output device is that much wider
            widths = _WIDTHS.findall(f.intent.description)
            w2 = parse_number(widths[1]) if len(widths) > 1 else None
            m2 = re.sub(r"W=\S+", f"W={format_eng(w2 or ratio * f.number('W', 10e-6))}",
                        _mos_device(f, "n", col, "ref", "0", "0", "M2"))
        return "\n".join([supply, f"I1 vdd ref DC {f('IREF', 100e-6, 'IBIAS')}", m1, m2, load])
    # M2 narrower by (1 + lambda VDS1)/(1 + lambda VDS2): its larger drain voltage (the card's lambda, 0.04
    # unless the request writes out a level-1 model without one) would otherwise copy the reference high.
    values = f.intent.values
    kp, vto = (values["KP"].value if "KP" in values else 110e-6), (values["VTO"].value if "VTO" in values else 0.7)
    vds1 = vto + math.sqrt(2 * iref / (kp * 10))
    holder = output_holder(f.intent)
    vds2 = holder.dc if holder is not None and holder.dc is not None else \
        f.number("VDD", 5) - (iref * mirror_ratio(f.intent) * f.number("RL", 1e3, *LOAD_ROLES[1:])
                              if load.startswith("R1") else 0)
    m1 = _mos_device(f, "n", "ref", "ref", "0", "0", "M1")
    lam = float(m[1]) if (m := re.search(r"lambda=([\d.eE+-]+)", f.cards["nch"])) else 0.0
    w2 = 10e-6 * mirror_ratio(f.intent) * (1 + lam * vds1) / (1 + lam * max(vds2, vds1))
    return "\n".join([supply, f"I1 vdd ref DC {f('IREF', 100e-6, 'IBIAS')}", m1,
                      f"* M2 = {format_eng(w2)}m wide: the channel-length modulation at its drain compensated",
                      _mos_device(f, "n", col, "ref", "0", "0", "M2", w2), load])


def _diff_pair(f: _Filler) -> str:
    # V3 drives inp; E1 drives inn with the opposite signal around the common mode (V2).
    return "\n".join([f"V1 vdd 0 DC {f.supply('vdd', 5)}", "V2 cm 0 DC 2",
                      f"V3 inp cm DC 0 AC {f('VIN', 1)}", "E1 inn cm inp cm -1",
                      f"R1 vdd outn {f('RD', 10e3, 'R')}", f"R2 vdd out {f('RD', 10e3, 'R')}",
                      _mos_device(f, "n", "outn", "inp", "tail", "0", "M1"),
                      _mos_device(f, "n", "out", "inn", "tail", "0", "M2"),
                      f"I1 tail 0 DC {f('IBIAS', 200e-6, 'IREF')}"])


def _cmos(f: _Filler, gate: str) -> str:
    supply = f"V1 vdd 0 DC {f.supply('vdd', 1.8)}"
    pulse = "PULSE(0 {vdd} 0 100p 100p 5n 10n)"
    load = f"C1 out 0 {f('CL', 10e-15, 'C')}"
    if gate == "nand":  # its inputs on the request's names, driven as the request states (else by pulses)
        inputs, sources = gate_sources(f, (pulse, "PULSE(0 {vdd} 0 100p 100p 10n 20n)"))
        a, b = inputs.names
        return "\n".join([supply, *sources,
                          _mos_device(f, "p", "out", a, "vdd", "vdd", "M1", 2e-6, 180e-9),
                          _mos_device(f, "p", "out", b, "vdd", "vdd", "M2", 2e-6, 180e-9),
                          _mos_device(f, "n", "out", a, "out_n", "0", "M3", 1e-6, 180e-9),
                          _mos_device(f, "n", "out_n", b, "0", "0", "M4", 1e-6, 180e-9), load])
    inputs, sources = gate_sources(f, (pulse,), ("in",))
    _mos_model(f, "p")  # (its card first, as written)
    nmos = _mos_device(f, "n", "out", inputs.names[0], "0", "0", "M2", 1e-6, 180e-9)
    pmos = switching_pmos(f, nmos) or _mos_device(f, "p", "out", inputs.names[0], "vdd", "vdd", "M1", 2e-6, 180e-9)
    return "\n".join([supply, *sources, pmos, nmos, load])


# "size the PMOS so the switching threshold is at 1.5 V", "a switching point of 0.9 V", "VM = 1.2 V": the input level
# where an inverter's output crosses it
_SWITCHING_POINT = re.compile(r"(?:switching\s+(?:threshold|point|voltage|level)|logic\s+threshold|trip\s+point|"
                              r"\bV_?M\b|\bmidpoint)\s+(?:is\s+|sits\s+|lands\s+)?(?:at\s+|of\s+|=\s*|near\s+|around\s+)?"
                              r"(\d+(?:\.\d+)?)\s*V\b", re.IGNORECASE)


# "the switching threshold sits at VDD/2", "trip point at half the supply", "VM at mid-supply": half the supply
_SWITCHING_AT_HALF = re.compile(r"(?:switching\s+(?:threshold|point|voltage|level)|logic\s+threshold|trip\s+point|"
                                r"\bV_?M\b|\bmidpoint)\s+(?:is\s+|sits\s+|lands\s+)?(?:at\s+|of\s+|=\s*|near\s+)?"
                                r"(?:V_?DD\s*/\s*2|half\s+(?:of\s+)?(?:the\s+)?(?:supply|rail|v_?dd)"
                                r"|mid[- ]?(?:supply|rail))",
                                re.IGNORECASE)


def switching_point(intent: Intent) -> float | None:
    """The inverter's switching threshold the request states: a level, or half the supply ("at VDD/2")."""
    if m := _SWITCHING_POINT.search(intent.description):
        return float(m[1])
    if _SWITCHING_AT_HALF.search(intent.description):
        supply = intent.values["VDD"].value if "VDD" in intent.values else stated_supply(intent)
        return abs(supply) / 2 if supply else None
    return None


def switching_pmos(f: _Filler, nmos: str) -> str | None:
    """An inverter's PMOS M1 (beside its NMOS line `nmos`) as wide as puts its switching point VM where the request
    states it (level 1, both saturated, lambda neglected): KPn Wn/Ln (VM - Vtn)^2 = KPp Wp/Lp (VDD - VM - |Vtp|)^2
    with Lp = Ln (a width the request states is then the NMOS's). None: no VM stated, the PMOS sized as stated, or a
    VM no width reaches (outside Vtn .. VDD - |Vtp|)."""
    vm = switching_point(f.intent)
    if vm is None or _clause_size(f, "p"):
        return None
    placed = [x for x in f.intent.extra_values if x.unit == "V" and x.value == vm]  # the figure read, now placed
    f.intent.extra_values[:] = [x for x in f.intent.extra_values if x not in placed]
    size = dict(re.findall(r"\b([WL])=(\S+)", nmos))
    n, p = f.cards[_mos_model(f, "n")], f.cards[_mos_model(f, "p")]
    cards = ((n, "vto"), (n, "kp"), (p, "vto"), (p, "kp"))
    read = [parse_number(size.get("W", "")),
            *(parse_number(m[1]) if (m := re.search(rf"\b{key}=([^\s)]+)", card)) else None for card, key in cards)]
    numbers = [x for x in read if x is not None]  # (a width or card written as an expression is not designed from)
    vdd = f.number("VDD", 1.8)
    if len(numbers) < len(read) or "L" not in size:
        return None
    wn, vtn, kpn, vtp, kpp = numbers
    if not vtn < vm < vdd - abs(vtp):
        return None
    f.param("vm", f"{vm:g}")  # the switching point asked for, measured by the family's function
    wp = wn * kpn / kpp * ((vm - vtn) / (vdd - vm - abs(vtp))) ** 2
    drain, gate = nmos.split()[1:3]
    return f"M1 {drain} {gate} vdd vdd {_mos_model(f, 'p')} W={format_eng(wp)} L={size['L']}"


def _opamp(f: _Filler, role: str) -> str:
    vin = f"V1 in 0 DC 0 AC 1 SIN(0 {f('VIN', 0.1)} {f('FREQ', 1e3)})"
    if role == "buffer":
        # a load the request states ("can drive a heavy 100 ohm load") hangs on the follower's output
        body = ["X1 in out out opamp"] + ([f"RL out 0 {f('RL', 1e3)}"] if "RL" in f.intent.values else [])
    elif role in ("inverting", "noninverting"):
        rin = f("RIN", 10e3, "R1", "R")
        if "GAIN" in f.intent.values and not {"RF", "R2"} & set(f.intent.values):
            # The gain asked for sets the feedback resistor, written as the designer's formula.
            f.param("gain", f("GAIN", 10))
            rf = f"{{abs(gain)*{rin}}}" if role == "inverting" else f"{{(abs(gain)-1)*{rin}}}"
        else:
            rf = f("RF", 100e3, "R2")
        body = [f"R1 in inn {rin}", f"R2 inn out {rf}", "X1 0 inn out opamp"] if role == "inverting" \
            else [f"R1 inn 0 {rin}", f"R2 inn out {rf}", "X1 in inn out opamp"]
        if single_supply(f.intent):
            return _single_supply_amplifier(f, role, rin, rf)
        if ac_coupled(f.intent):  # C1 couples the input; the + input's 50k to ground (noninverting) sets its corner
            body = [f"C1 in a {f('CIN', 10e-6)}", f"R1 a inn {rin}", f"R2 inn out {rf}", "X1 0 inn out opamp"] \
                if role == "inverting" else [f"C1 in p {f('CIN', 1e-6)}", "R3 p 0 50k", f"R1 inn 0 {rin}",
                                             f"R2 inn out {rf}", "X1 p inn out opamp"]
    elif role == "integrator":
        body = [f"R1 in inn {f('RIN', 10e3, 'R1', 'R')}", f"C1 inn out {f('C', 10e-9, 'C1')}",
                "R2 inn out 10meg", "X1 0 inn out opamp"]
    else:  # Sallen-Key, a follower unless a gain is set: swapping R and C turns the low-pass into a high-pass
        r1, r2 = f("R1", 10e3, "R"), f("R2", 10e3, "R")
        c1, c2 = f("C1", 10e-9, "C"), f("C2", 10e-9, "C")
        body = [f"R1 in a {r1}", f"R2 a b {r2}", f"C1 a out {c1}", f"C2 b 0 {c2}"] if role == "active_lowpass" \
            else [f"C1 in a {c1}", f"C2 a b {c2}", f"R1 a out {r1}", f"R2 b 0 {r2}"]
        gain = f.intent.values.get("GAIN")
        if gain is not None and gain.value > 1:  # a gain K = 1 + R4/R3 (equal parts: Q = 1/(3 - K))
            body += ["X1 b fb out opamp", "R3 fb 0 10k", f"R4 out fb {{({f('GAIN', 1)}-1)*10k}}"]
        else:
            body.append("X1 b out out opamp")
    return "\n".join([_opamp_block(f), vin, *body])


def _single_supply_amplifier(f: _Filler, role: str, rin: str, rf: str) -> str:
    """The AC-coupled stage on one supply: C1 couples the input, R3-R4 bias the + input at
    mid-rail, and C2 (inverting: C1) blocks DC from the gain network, so the output rests at
    vdd/2 and the signal sees the gain 1 + RF/RIN (or -RF/RIN)."""
    f.param("vdd", f("VDD", 9))
    lines = [SINGLE_SUPPLY_OPAMP, "V9 vdd 0 DC {vdd}", f"V1 in 0 DC 0 AC 1 SIN(0 {f('VIN', 0.1)} {f('FREQ', 1e3)})",
             "R3 vdd mid 100k", "R4 mid 0 100k"]
    if role == "inverting":
        return "\n".join(lines + ["C3 mid 0 10u", f"C1 in a {f('CIN', 10e-6)}", f"R1 a inn {rin}",
                                  f"R2 inn out {rf}", "X1 mid inn out opamp1"])
    return "\n".join(lines + [f"C1 in mid {f('CIN', 1e-6)}", f"R1 inn a {rin}", "C2 a 0 100u", f"R2 inn out {rf}",
                              "X1 mid inn out opamp1"])


# An op-amp the request names by its speed ("a 1 MHz GBW op-amp", "an LM741", "TL071"): its own, not an ideal one
_OPAMP_NAMED = re.compile(r"\bgbw\b|gain[- ]bandwidth|\bunity[- ]gain\s+(?:frequency|bandwidth)|\bslew|"
                          r"\b(?:lm|tl|ua|ne|op|ad|lt|mcp|opa)\d{2,4}", re.IGNORECASE)


def _opamp_block(f: _Filler, unbounded: bool = False) -> str:
    """The op-amp: ideal where the request calls it so, or where the circuit's passband has no upper end
    (`unbounded`: a high-pass's "passband gain -10" holds at any frequency above its corner) and the request names no
    op-amp of its own; else OPAMP (1 MHz)."""
    if (level := f.intent.values.get("VDD")) is not None and level.value == 0:
        f.param("vdd", "12")  # "then 0 V": a level the request names, no rails of nothing
    else:
        f.supply("vdd", 12, magnitude=True)  # the op-amp's rails, read by its output stage
    if IDEAL_SAID.search(f.intent.description):
        return IDEAL_OPAMP
    if unbounded and not _OPAMP_NAMED.search(f.intent.description):
        return IDEAL_OPAMP.replace("ideal as asked", "ideal: a passband with no upper end")
    return OPAMP


def _rc_oscillator(f: _Filler) -> str:
    r, c = f("R", 10e3), f("C", 16e-9)
    d = f.model("dsi")
    # Wien bridge: R1-C1 in series and R2||C2 feed back positively at f = 1/(2*pi*R*C). The
    # amplifier's gain, 1 + (R4+R5)/R3 = 3.3, starts the oscillation; D1/D2 short R5 at a few
    # volts, dropping it to 2.8, so the amplitude settles below clipping and the sine stays clean.
    # On rails under 10 V R5 takes a larger share of the 22.7k, so the diodes limit sooner (18k/4.7k on
    # +-5 V settled at the op-amp's 4.5 V rail and oscillated 18 % slow; 16k/6.8k: 4 V, on frequency).
    # A stated start-up gain ("a gain of 3.3"; "just over 3": 3.27, as the default) sets R4 + R5.
    block, gain = _opamp_block(f), f.number("GAIN", 3)
    if "GAIN" in f.intent.values:
        f.param("gain", f("GAIN", 3))
    total = 10e3 * ((gain if gain >= 3.1 else 3.27) - 1)
    r5 = e_series(4.7e3 * total / 22.7e3 * math.sqrt(max(1.0, 10 / abs(f.number("VDD", 12) or 12))), E24)
    return "\n".join([block, f"R1 out a {r}", f"C1 a p {c}", f"R2 p 0 {r}", f"C2 p 0 {c}",
                      "R3 inn 0 10k", f"R4 inn m {format_eng(e_series(total - r5, E24))}",
                      f"R5 m out {format_eng(r5)}", f"D1 m out {d}", f"D2 out m {d}", "X1 p inn out opamp",
                      ".ic v(p)=10m"])


def _phase_shift_oscillator(f: _Filler) -> str:
    c = f("C", 10e-9)
    # A frequency said as a value ("about 1 kHz", no spec to design to): R from it, unless R is stated too.
    said = f.intent.values.get("FREQ") if "R" not in f.intent.values else None
    if said is not None:
        f.param("fosc", f("FREQ", said.value))  # (the frequency R is sized for)
    free = 1 / (2 * math.pi * math.sqrt(6) * said.value * f.number("C", 10e-9)) if said and said.value > 0 else 10e3
    r = f("R", float(f"{free:.3g}"))
    d = f.model("dsi")
    # Three CR sections (R3 ends at the virtual ground) turn 180 degrees at f = 1/(2*pi*sqrt(6)*R*C),
    # where they lose 29x; the inverting gain (R4+R5)/R3 = 34 starts it, and D1/D2 shorting R5
    # drop the gain to 27 so the amplitude settles below clipping. A feedback resistor the request states ("330k
    # feedback") is the whole feedback, as asked: its gain alone sets the swing (the rails limit it).
    sections = [_opamp_block(f), f"C1 out a {c}", f"R1 a 0 {r}", f"C2 a b {c}", f"R2 b 0 {r}", f"C3 b c {c}",
                f"R3 c inn {r}"]
    if "RF" in f.intent.values:
        return "\n".join([*sections, f"R4 inn out {f('RF', 0)}", "X1 0 inn out opamp", ".ic v(a)=10m"])
    return "\n".join([*sections, f"R4 inn m {{27*{r}}}", f"R5 m out {{7*{r}}}",
                      f"D1 m out {d}", f"D2 out m {d}", "X1 0 inn out opamp", ".ic v(a)=10m"])


def _bjt_switch(f: _Filler) -> str:
    vin = f("VIN", 5)
    return "\n".join([f"V1 vcc 0 DC {f.supply('vcc', 5)}",
                      f"V2 in 0 DC {vin} PULSE(0 {vin} 0 1u 1u 0.5m 1m)",
                      f"R1 in b {f('RB', 10e3, 'RIN', 'R')}", f"R2 vcc out {f('RC', 1e3, 'RL')}",
                      f"Q1 out b 0 {_bjt_model(f, 'n')}"])


# "a current source into the inverting input", "pushed into the summing node": the current's direction, said
# without a node name
PUSHED_IN = re.compile(r"\binto\s+(?:the\s+)?(?:op-?amp'?s\s+)?(?:inverting|summing|negative|minus)\b", re.IGNORECASE)


_FARADS = r"(\d+(?:\.\d+)?\s*[pnuµ]F)"
# "4.7 pF across it", "a 2 pF feedback capacitor", "with 1 pF in parallel": the capacitor across the feedback resistor
_ACROSS = re.compile(rf"{_FARADS}\s+(?:capacitor\s+|cap\s+)?(?:feedback\b|across\b|in\s+parallel\b|shunting\b)"
                     rf"|\b(?:feedback|across\s+(?:it|rf|the\s+(?:feedback\s+)?resistor))\s+(?:cap(?:acitor)?\s+)?(?:of\s+)?"
                     rf"{_FARADS}", re.IGNORECASE)
# "plus 10 pF of junction capacitance", "diode capacitance 20 pF": the photodiode's own, at the summing node
# ... "the diode as a 5 uA current source in parallel with 10 pF": the capacitance its model is given
JUNCTION = re.compile(rf"{_FARADS}\s+(?:of\s+)?(?:\w+\s+)?(?:junction|diode|photodiode)\s+capacitance"
                       rf"|\b(?:junction|diode|photodiode)\s+capacitance\s+(?:of\s+|is\s+|=\s*)?{_FARADS}"
                       rf"|\b(?:diode|current\s+source)\b(?:[^.;]|\.\d){{0,40}}?\bin\s+parallel\s+with\s+(?:an?\s+)?{_FARADS}",
                       re.IGNORECASE)


def _capacitance_said(f: _Filler, pattern: re.Pattern[str]) -> str | None:
    """The role of the capacitance the words place as `pattern` says (a numbered C1, C2 the reader gave no part)."""
    said = pattern.search(f.intent.description)
    text = next((g for g in said.groups() if g), None) if said else None
    return next((role for role, v in f.intent.values.items() if v.unit == "F" and text
                 and v.text.replace(" ", "") == text.replace(" ", "")), None)


def _transimpedance(f: _Filler) -> str:
    d = f.model("dphoto")
    # The photodiode sits at the virtual ground (no bias); its photocurrent I1 leaves the summing
    # node (the amplifier's input, in) and returns through R1, so v(out) = I1*R1; C1 keeps the loop stable.
    # A current the request pushes into that node flows the other way: v(out) = -I1*R1.
    ends = "0 in" if PUSHED_IN.search(f.intent.description) else "in 0"
    junction = _capacitance_said(f, JUNCTION)  # the diode's own capacitance, stated: a capacitor beside it
    block = _opamp_block(f)
    feedback = tuple(r for r in ("C", "CF") if r != junction) if {"C", "CF"} - {junction} & set(f.intent.values) \
        else (_capacitance_said(f, _ACROSS) or "CF",)
    return "\n".join([block, f"I1 {ends} DC {f('IBIAS', 10e-6, 'IREF')} AC 1", f"D1 0 in {d}",
                      *([f"C2 in 0 {f(junction, 10e-12)}"] if junction else []),
                      f"R1 in out {f('RF', 100e3, 'R')}", f"C1 in out {f(feedback[0], 1e-12, *feedback[1:])}",
                      "X1 0 in out opamp"])


# "five-stage", "a ring of 5 CMOS inverters": the ring's length (three when the request gives none).
_RING_STAGES = re.compile(r"\b(\d+|three|five|seven|nine|eleven)(?:[- ]stages?|[- ](?:cmos[- ])?inverters?)\b",
                          re.IGNORECASE)
_COUNTS = {"three": 3, "five": 5, "seven": 7, "nine": 9, "eleven": 11}


def _ring_oscillator(f: _Filler) -> str:
    # It has no input: a lone voltage ("powered from 3.3 V") is its supply.
    lone = "VDD" not in f.intent.values and "VIN" in f.intent.values
    lines = [f"V1 vdd 0 DC {f.param('vdd', f('VIN', 1.8)) if lone else f.supply('vdd', 1.8)}"]
    m = _RING_STAGES.search(f.intent.description)
    # An even ring latches instead of oscillating: built as asked, its function check says so.
    n = max(int(m[1]) if m[1].isdigit() else _COUNTS[m[1].lower()], 3) if m else 3
    stages = ["out", *(f"n{k}" for k in range(1, n))]
    for i, (a, y) in enumerate(zip(stages, stages[1:] + stages[:1]), start=1):
        lines += [_mos_device(f, "p", y, a, "vdd", "vdd", f"M{2 * i - 1}", 2e-6, 180e-9),
                  _mos_device(f, "n", y, a, "0", "0", f"M{2 * i}", 1e-6, 180e-9),
                  f"C{i} {y} 0 {f('C', 20e-15, 'CL', 'COUT')}"]  # ("10 fF at each stage output": COUT)
    return "\n".join(lines + [".ic v(out)=0 v(n1)={vdd}"])


# "ideal switches (10 mohm on)", "Ron 50 mohm", "switch on-resistance 20 mohm": the switches' own resistance
_SWITCH_ON = re.compile(r"(?<![\w.])(?P<r>\d+(?:\.\d+)?)\s*(?P<p>m|milli)?\s*(?:ohms?|\u03a9)\s*"
                        r"(?:on\b|on[- ]resistance)"
                        r"|\b(?:ron|on[- ]resistance)\s*(?:of\s+|=\s*|:\s*)?(?P<r2>\d+(?:\.\d+)?)\s*(?P<p2>m|milli)?\s*"
                        r"(?:ohms?|\u03a9)", re.IGNORECASE)


def _switch_card(f: _Filler) -> str:
    """The switch model: its stated on-resistance (that figure's role used), else 50 mohm."""
    said = _SWITCH_ON.search(f.intent.description)
    if said is None:
        return f.model("sw")
    ron = float(said["r"] or said["r2"]) * (1e-3 if said["p"] or said["p2"] else 1)
    for role, value in f.intent.values.items():
        if value.unit == "ohm" and math.isclose(value.value, ron):
            f.given(role, ron)
            break
    return f.model("sw", MODELS["sw"].replace("ron=0.05", f"ron={ron:g}"))


def _converter(f: _Filler, boost: bool) -> str:
    s = _switch_card(f)
    period = 1 / f.number("FSW", 100e3, "FREQ")
    f.param("fsw", f("FSW", 100e3, "FREQ"))
    f.param("duty", f("DUTY", 0.5))
    # 300 switching periods, 50 points each, and at least five periods of the output filter's ringing
    # (a boost's inductor acts as L/(1 - D)^2), so that the output has settled; a .measure of the
    # settled output instead of a .print of every time point (which would be megabytes).
    ring = 2 * math.pi * math.sqrt(f.number("L", 100e-6) * f.number("C", 100e-6, "COUT"))
    ring /= 1 - min(f.number("DUTY", 0.5), 0.95) if boost else 1
    f.tran = (period / 50, max(period * 300, 5 * ring))
    f.measures.append(".measure tran vout_avg AVG v(out) FROM={start} TO={stop}")
    gate = "V2 gate 0 PULSE(0 5 0 10n 10n {duty/fsw} {1/fsw})"
    vin = f"V1 in 0 DC {f('VIN', 12 if not boost else 5, 'VDD')}"
    if boost:
        body = [f"L1 in sw {f('L', 100e-6)}", f"S1 sw 0 gate 0 {s}", f"D1 sw out {f.model('dschottky')}"]
    elif re.search(r"(?<!non-)(?<!non )\bsynchronous\b", f.intent.description, re.IGNORECASE):
        # the low-side switch in the diode's place, driven by the inverted gate (no dead time: ideal switches)
        body = [f"S1 in sw gate 0 {s}", "V3 gaten 0 PULSE(5 0 0 10n 10n {duty/fsw} {1/fsw})", f"S2 sw 0 gaten 0 {s}",
                f"L1 sw out {f('L', 100e-6)}"]
    else:
        body = [f"S1 in sw gate 0 {s}", f"D1 0 sw {f.model('dschottky')}", f"L1 sw out {f('L', 100e-6)}"]
    # (the load: the resistance said, whatever its role; the switches' own taken above)
    return "\n".join([vin, gate, *body, f"C1 out 0 {f('C', 100e-6, 'COUT')}",
                      f"R1 out 0 {f('RL', 10, 'R', *(r for r in ('R2', 'R1') if r not in f.used))}"])


# Absorber: (absorption coefficient 1/m, relative permittivity, wavelength um) at its usual wavelength.
ABSORBERS = {"InGaAs": ("0.68e6", 13.9, 1.55), "silicon": ("5.35e4", 11.7, 0.85)}


PHOTOVOLTAIC = re.compile(r"photovoltaic|zero[- ]bias|unbiased|solar\s+cell", re.IGNORECASE)


def _photodiode(f: _Filler) -> str:
    d = f.model("dphoto")
    if PHOTOVOLTAIC.search(f.intent.description):  # no bias: the photocurrent forward-biases the diode
        return "\n".join(["* Photovoltaic mode: I1 (the photocurrent) splits between the diode and the load.",
                          f"I1 0 out DC {f('IBIAS', 10e-6, 'IREF')}", f"D1 out 0 {d}",
                          f"R1 out 0 {f('RL', 1e3, 'R')}"])
    lines = [f"V1 vdd 0 DC {f('VDD', 5, 'VBIAS')}", "* The diode is reverse biased; I1 is the photocurrent."]
    if "THICKNESS" in f.intent.values:  # the absorbing layer's thickness sets responsivity and capacitance
        material = "InGaAs" if re.search(r"ingaas|1\.[3-6]\s*[uµμ]m|1[3-6]\d\d\s*nm", f.intent.description,
                                         re.IGNORECASE) else "silicon"
        alpha, eps_r, wavelength = ABSORBERS[material]
        f.param("thickness", f("THICKNESS", 1e-6))
        f.param("power", "10u")
        lines += [f"* {material} at {wavelength} um: responsivity (1-exp(-alpha*thickness))*lambda/1.24 A/W with "
                  f"alpha = {alpha}/m and 10 uW of light;\n* a 30 um diameter junction depleted through "
                  "the layer: C = eps*area/thickness.",
                  f"I1 vdd out DC {{power*(1-exp(-{alpha}*thickness))*{wavelength}/1.24}} AC 1",
                  f"C1 out vdd {{{eps_r}*8.854e-12*7.07e-10/thickness}}"]
    else:
        lines += [f"I1 vdd out DC {f('IBIAS', 10e-6, 'IREF')} AC 1", f"C1 out vdd {f('C', 1e-12)}"]
    return "\n".join(lines + [f"D1 out vdd {d}", f"R1 out 0 {f('RL', 1e3, 'R')}"])


def wheatstone_roles(intent: Intent) -> tuple[tuple[str, ...], tuple[str, ...]]:
    """The roles the arms R1-R3 and the sensing arm R4 read their values from: arms the request
    names by R1-R3 are those, and an unnamed value the sensor ("R1 = R2 = R3 = 1k and a 1.01k
    gauge"); otherwise one value is every arm and a second one (R2) the sensor."""
    if {"R2", "R3"} & set(intent.values) and re.search(r"\bR[23]\b", intent.description):
        return ("R1", "R"), ("RSENSE", "R4", "R")
    return ("R", "R1"), ("RSENSE", "R2")


def _wheatstone(f: _Filler) -> str:
    arm, sensing = wheatstone_roles(f.intent)
    named = arm[0] == "R1"
    r = f(arm[0], 1e3, *arm[1:])
    arms = [r, f("R2", 1e3, "R") if named else r, f("R3", 1e3, "R") if named else r]
    sensor = f(sensing[0], f.number(arm[0], 1e3, *arm[1:]), *sensing[1:])
    why = "* R4 is the piezoresistor: 0.2 %/K."
    if {"MEMBRANE", "THICKNESS"} & set(f.intent.values):
        # The membrane's thickness sets the stress, and so the resistance change, at a given pressure.
        f.param("membrane", f("MEMBRANE", 10e-6, "THICKNESS"))
        f.param("pressure", "10k")
        sensor = f"{{{sensor}*(1+0.5*138e-11*0.308*pressure*(1e-3/membrane)**2)}}"
        why = ("* R4 is the piezoresistor (p-Si, pi44 = 138e-11/Pa, 0.2 %/K) at the edge of a 1 mm square "
               "membrane\n* of thickness h under the pressure P (Pa): dR/R = pi44/2 * 0.308*P*(a/h)^2.")
    return "\n".join([f"V1 exc 0 DC {f('VDD', 5, 'VIN')}", f"R1 exc outp {arms[0]}",
                      f"R2 outp 0 {arms[1]}", f"R3 exc outn {arms[2]}", why,
                      f"R4 outn 0 {sensor} tc1=2m", "E1 out 0 outp outn 1"])


def _mems(f: _Filler) -> str:
    return "\n".join(["* Motional equivalent of a resonator: force -> voltage, velocity -> current.",
                      f"V1 in 0 DC 0 AC {f('VIN', 1)}", f"R1 in a {f('R', 1e3)}",
                      f"L1 a b {f('L', 10e-3)}", f"C1 b out {f('C', 1e-12)}", "R2 out 0 50"])


def _accelerometer(f: _Filler) -> str:
    f.param("proof_mass", f("PROOF_MASS", 500e-6))
    f.param("gap", f("GAP", 2e-6))
    f.param("f0", f("FREQ", 2e3))
    f.param("mass", "{2330*proof_mass**2*50e-6}")
    f.param("k", "{mass*(2*3.1416*f0)**2}")
    f.param("c0", "{8.854e-12*proof_mass**2/gap}")
    return "\n".join([
        "* A square silicon proof mass (side proof_mass, 50 um thick) on a spring resonating at f0, damped to Q = 1,",
        "* sensed by the capacitance c0 across the gap. Force -> voltage, velocity -> current: L1 = mass,",
        "* C1 = 1/k, R1 = damping (its thermal noise is the Brownian noise). V1 is the acceleration in g,",
        "* V2 the electrostatic actuation voltage pulling across the gap with c0*V^2/(2*gap).",
        f"V1 acc 0 DC 0 AC {f('VIN', 1)}", "V2 act 0 DC 0",
        "B1 force 0 V={mass*9.81*v(acc) + c0*v(act)**2/(2*gap)}",
        "R1 force a {mass*2*3.1416*f0}", "L1 a b {mass}", "C1 b 0 {1/k}",
        "* The spring's voltage is k*x; out is the displacement over the gap, x/gap: the output of a differential",
        "* capacitive readout excited with 1 V.",
        "B2 out 0 V={v(b)/(k*gap)}"])


def _generic(f: _Filler) -> str:
    return _divider(f)
