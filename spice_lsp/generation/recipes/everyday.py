"""Everyday op-amp and transistor blocks: the two-op-amp instrumentation amplifier, the op-amp
current sink (an NMOS and a sense resistor in its loop), the negative impedance converter, the
quadrature oscillator (two integrators and an inverter in a loop), the Vbe multiplier and the
resistor-string DAC. All on the behavioural op-amp (templates.OPAMP) and the textbook cards.
"""
from __future__ import annotations

import math
import re

from spice_lsp.generation.checklist import Probe
from spice_lsp.generation.design import E96, _corner, given, set_value
from spice_lsp.generation.families import Family, expect, logic_gate, register, settles, used
from spice_lsp.generation.intent import Value
from spice_lsp.generation.ports import read_ports
from spice_lsp.generation.recipes.comparators import GEAR, comparator_block
from spice_lsp.generation.recipes.filters import designer, part_values
from spice_lsp.generation.recipes.opamp_circuits import _gain_design, _gain_examples, _inputs
from spice_lsp.generation.recipes.oscillators import _oscillates, _show
from spice_lsp.generation.recipes.power import stated_clock_high
from spice_lsp.generation.recipes.words import TIME, seconds, word
from spice_lsp.generation.templates import _Filler, _mos_model, _opamp_block, claim_divider, mirror_ratio, mirror_sizes
from spice_lsp.language.units import format_eng, parse_number

VT = 0.02585
OPAMP = r"op[- ]?amps?|operational"


def _at_op(what: str, value: float, tolerance: float, node: str = "{out}") -> Probe:
    band = abs(value) * tolerance
    return Probe(f"function: {what}", f"op\nlet result = v({node})", value - band, value + band)


# --- two-op-amp instrumentation amplifier -----------------------------------------------------------

def _two_opamp_inamp(f: _Filler) -> str:
    r, rf = f("R", 10e3), f("RF", 90e3)
    # "inp at 1.05 V DC, inn at 1.00 V DC": two inputs each held at a level, built under their names
    p, n, sources = _inputs(f, 0.05, frozenset({"a", "b", "o1", "out"}))
    # X1 makes o1 = v(n) (1 + R/RF); X2 subtracts it with the mirrored ratio, so
    # out = (1 + RF/R) (v(p) - v(n)) when R1 = R4 = RF and R2 = R3 = R.
    return "\n".join([_opamp_block(f), *sources, f"X1 {n} a o1 opamp", f"R1 a 0 {rf}", f"R2 a o1 {r}",
                      f"R3 o1 b {r}", f"R4 b out {rf}", f"X2 {p} b out opamp"])


register(Family(kind="two_opamp_inamp", summary="two-op-amp instrumentation amplifier",
                function=lambda f: [expect("gain", 1 + used(f, "RF") / used(f, "R"), 0.03)],
                build=_two_opamp_inamp,
                names=("two-op-amp instrumentation amplifier", "2-op-amp instrumentation amplifier",
                       "dual op-amp instrumentation amplifier", "two op-amp in-amp"),
                rules=((5.35, (r"(?:two|2|dual)[- ]op[- ]?amp", r"instrumentation|in-?amp\b")),),
                noun="amplifier", accepts=r"instrumentation", specs=("gain", "gain_db"),
                design=_gain_design("RF", "R", "gain = 1 + RF/R", lambda g: g - 1 if g > 1 else None, 1),
                examples=_gain_examples("two-op-amp instrumentation amplifier", 100)))


# --- op-amp current sink --------------------------------------------------------------------------

# A power NMOS (2N7000-like threshold). ngspice's operating point can settle with the op-amp
# saturated and the MOSFET off, a false solution: a .nodeset of the op-amp's internal node at the
# gate voltage the current needs (VREF + VTO + sqrt(2 I/(KP W/L))) starts it beside the true one.
POWER_NMOS = ".model npower NMOS (level=1 vto=2 kp=100u lambda=0.01)"


_BIPOLAR = re.compile(r"\b(?:npns?|bjts?|bipolar)\b", re.IGNORECASE)


def _bjt_current_sink(f: _Filler) -> str:
    # The op-amp drives the base until the emitter resistor carries VREF: IE = VREF/RE, of which the
    # collector (the load's current) carries alpha; RE = alpha VREF/I for a stated current I.
    vref, i = f.number("VBIAS", 1, "VIN"), f.number("IREF", 10e-3, "IBIAS")
    f.param("iset", f("IREF", 10e-3, "IBIAS"))
    re_ = f("RE", float(f"{vref * _BF / (_BF + 1) / i:.4g}"), "R", "RS")
    return "\n".join([_opamp_block(f), f"V1 ref 0 DC {f('VBIAS', 1, 'VIN')}", f"V2 vdd 0 DC {f('VDD', 12)}",
                      f"R1 vdd d {f('RL', 470)}", f"Q1 d g e {f.model('npn')}", "V9 e s DC 0", f"R2 s 0 {re_}",
                      "X1 ref s g opamp"])


def _current_sink(f: _Filler) -> str:
    if _BIPOLAR.search(f.intent.description):
        return _bjt_current_sink(f)
    # The op-amp drives the gate until the sense resistor carries VREF: I = VREF/RS whatever the
    # load (while the NMOS stays saturated); V9 shows it, and a current spec is measured through the
    # load R1 (the same current: the ammeter is not on the output node d). A stated current sizes RS = VREF/I.
    vref = f.number("VBIAS", 1, "VIN")
    rs = f("R", float(f"{vref / f.number('IREF', 0.1, 'IBIAS'):.4g}"), "RS")
    f.param("iset", f("IREF", vref / f.number("R", 10, "RS"), "IBIAS"))
    return "\n".join([_opamp_block(f), f"V1 ref 0 DC {f('VBIAS', 1, 'VIN')}", f"V2 vdd 0 DC {f('VDD', 12)}",
                      f"R1 vdd d {f('RL', 50)}", f"M1 d g m 0 {f.model('npower', POWER_NMOS)} W=1m L=1u",
                      "V9 m s DC 0", f"R2 s 0 {rs}", "X1 ref s g opamp",
                      f".nodeset v(x1.p)={vref + 2 + math.sqrt(20 * vref / f.number('R', 10, 'RS')):.3g}"])


def _design_sink(intent, d, spec) -> None:
    """I = VREF/RS: RS = VREF/I (an NPN's: RE = alpha VREF/I, its builder's)."""
    if _BIPOLAR.search(intent.description) and spec.target > 0 and not {"RE", "R", "RS"} & set(intent.values):
        set_value(intent, d, "IREF", spec.target, "RE = alpha VREF/I", None)
        d.free, d.scale = "IREF", 1
    elif "R" not in intent.values and "RS" not in intent.values and spec.target > 0:
        set_value(intent, d, "R", (given(intent, "VBIAS", "VIN") or 1.0) / spec.target, "RS = VREF/I", E96)
        d.free, d.scale = "R", -1


def _sinks(f: _Filler) -> list:
    """VREF/RS through the load; an NPN's collector carries alpha of VREF/RE."""
    if _BIPOLAR.search(f.intent.description):
        return [expect("current", used(f, "VBIAS", "VIN") / used(f, "RE", "R", "RS") * _BF / (_BF + 1), 0.03)]
    return [expect("current", used(f, "IREF", "IBIAS"), 0.03)]


register(Family(kind="opamp_current_sink", summary="op-amp current sink (NMOS or NPN and sense resistor in the loop)",
                function=_sinks,
                build=_current_sink,
                names=("op-amp current sink", "op-amp constant-current sink with an NMOS",
                       "constant current sink with an op-amp and a MOSFET",
                       "precision current sink with an op-amp and an NPN"),
                rules=((5.55, (r"current\s+sink", OPAMP)),), analysis="op", output="d", source="V1",
                accepts=r"current\s+(?:sink|source)", mos=True, specs=("current",), design=_design_sink,
                examples=(("current", "op-amp current sink with a 1 V reference sinking {x} A", 1e-3, 0.2),)))


# --- negative impedance converter -----------------------------------------------------------------

def _nic(f: _Filler) -> str:
    # o = v(x) (1 + R1/R2): R3 feeds x from o, so the current out of x is -v(x) (R1/R2)/R3:
    # x looks like -R3 R2/R1 to ground. "Make x look like -1k": the stated (negative) value is R3's size.
    f("R", 1e3)
    r3, vin = abs(f.number("R", 1e3)), f("VIN", 1)
    r1, r2 = f("RF", 10e3), f("RIN", 10e3)
    # itest: the current the source is pushed back, VIN R1/(R2 R3).
    f.param("itest", f("IBIAS", f.number("VIN", 1) * f.number("RF", 10e3) / (f.number("RIN", 10e3) * r3), "IREF"))
    return "\n".join([_opamp_block(f), f"V1 x 0 DC {vin}", "X1 x n o opamp",
                      f"R1 o n {r1}", f"R2 n 0 {r2}", f"R3 o x {format_eng(r3)}"])


def _nic_function(f: _Filler) -> list:
    r = abs(used(f, "R")) * used(f, "RIN") / used(f, "RF")
    i = used(f, "IBIAS", "IREF")
    return [Probe(f"function: x looks like -{format_eng(r)}Ω: the source is pushed {format_eng(i)}A back",
                  "op\nlet result = i({src})", 0.97 * i, 1.03 * i)]


register(Family(kind="negative_impedance_converter", summary="op-amp negative impedance converter",
                function=_nic_function, build=_nic,
                names=("negative impedance converter", "op-amp negative impedance converter",
                       "negative resistance converter", "op-amp negative resistor"),
                # a bare "negative resistance" is a device's (a tunnel diode's) characteristic, not this circuit
                rules=((5.5, (r"negative[- ]impedance|negative[- ]resistance\s+converter|negative\s+resistor",)),),
                analysis="op", output="x", signal_input=True, noun="converter"))


# --- quadrature oscillator ------------------------------------------------------------------------

def _quadrature_eq(f0, get):
    c = get("C", 10e-9)
    return {"C": c, "R": 1 / (2 * math.pi * f0 * c)}


def _quadrature(f: _Filler) -> str:
    v = part_values(f, _quadrature_eq, 1e3)
    r, c = f("R", v["R"]), f("C", v["C"])
    _show(f, 1 / (2 * math.pi * v["R"] * v["C"]), 40)
    dz = f.model("dz", ".model dz D (is=1e-14 bv=4.3 ibv=1m)")
    # X1 integrates cos into s1 and X2 inverts it into sin; X3 integrates sin into -cos: d(sin)/dt =
    # cos/RC and d(cos)/dt = -sin/RC, a sine at 1/(2 pi R C). R5 (10 R) adds a little positive
    # feedback so it grows from the kick; the back-to-back zeners across C2 hold it at ~5 V.
    return "\n".join([_opamp_block(f), f"R1 cos n1 {r}", f"C1 n1 s1 {c}", "X1 0 n1 s1 opamp",
                      "R2 s1 n2 10k", "R3 n2 sin 10k", "X2 0 n2 sin opamp",
                      f"R4 sin n3 {r}", f"C2 n3 cos {c}", "X3 0 n3 cos opamp",
                      f"R5 sin n1 {{10*{r}}}", f"D1 n3 k {dz}", f"D2 cos k {dz}",
                      "* I9: a 20 us start-up kick (a real one starts from its own noise)",
                      "I9 0 n3 PULSE(0 100u 0 1n 1n 20u 1)"])


def _quadrature_function(f: _Filler) -> list:
    f0 = 1 / (2 * math.pi * used(f, "R") * used(f, "C"))
    return [expect("frequency", f0, 0.1),
            settles("the cosine output swings too (a second phase)", 1, 30, node="cos", how="pp")]


register(Family(kind="quadrature_oscillator", summary="quadrature oscillator (two integrators and an inverter)",
                function=_quadrature_function, build=_quadrature,
                names=("quadrature oscillator", "op-amp quadrature oscillator", "sine-cosine quadrature oscillator"),
                rules=((0.9, (r"quadrature(?:\s+oscillator)?",)),), analysis="tran", tran=("2u", "12m"),
                output="sin", noun="oscillator", specs=("frequency",),
                design=designer(_quadrature_eq, "f = 1/(2 pi R C)", "R"),
                examples=(("frequency", "quadrature oscillator running at {x} Hz", 100, 10e3),)))


# --- Vbe multiplier -------------------------------------------------------------------------------

_IS, _BF = 1e-14, 100  # the npn card's
# "fed with 5 mA from a current source", "2 mA pushed into the collector node top by a current source": the feed is a
# current, not R1 from a rail
# ... or a named current source said to push its current in ("IB pushes 5 mA DC into vm_top")
_CURRENT_FED = re.compile(r"\bcurrent\s+(?:source|sink)\b|\bconstant[- ]current\b"
                          r"|(?-i:\bI[A-Z0-9_]*)\s+(?:pushes|pumps|feeds|forces|injects|sources|drives)\b",
                          re.IGNORECASE)
_STATED_BF = re.compile(r"\bBF\s*=\s*(\d+(?:\.\d+)?)", re.IGNORECASE)


def _beta(f: _Filler) -> float:
    """The npn card's forward beta: the request's BF (the card takes it), else the card's own."""
    return float(m[1]) if (m := _STATED_BF.search(f.intent.description)) else _BF


def _vbe_multiplier_volts(i: float, ra: float, rb: float, bf: float = _BF) -> float:
    """V = VBE (1 + RA/RB) + IB RA at a feed current i, VBE at the collector's share (the npn card)."""
    v = 0.65 * (1 + ra / rb)
    for _ in range(50):
        ic = max(i - v / (ra + rb), 1e-9) * bf / (bf + 1)
        vbe = VT * math.log(ic / _IS)
        v = 0.5 * v + 0.5 * (vbe * (1 + ra / rb) + ic / bf * ra)
    return v


def _vbe_multiplier(f: _Filler) -> str:
    vdd, i, target = f.number("VDD", 12), f.number("IBIAS", 5e-3), f.number("VIN", 1.8)
    rb = f.number("RB", 2.2e3)
    q = f.model("npn")
    fed = [f"I1 0 top DC {f('IBIAS', 5e-3)}"] if _CURRENT_FED.search(f.intent.description) else None
    # "22k collector to base" (RA, or RC as read; a plain R too when a current, not R1, feeds it): RA as stated, the
    # voltage follows from it
    aliases = ("RC", "R") if fed else ("RC",)
    if {"RA", *aliases} & set(f.intent.values):
        ra = f.number("RA", 10e3, *aliases)
        target = _vbe_multiplier_volts(i, ra, rb, _beta(f))
        ra_text = f("RA", 10e3, *aliases)
    else:
        ra = rb * (target / 0.7 - 1)  # then corrected for VBE at this current and the base current
        for _ in range(30):
            ra *= target / _vbe_multiplier_volts(i, ra, rb, _beta(f))
        f.param("design_vin", format_eng(target))
        ra_text = f("RA", float(f"{ra:.4g}"))
    f.param("ifeed", f("IBIAS", 5e-3))  # the feed current R1 was sized for
    # RA-RB divide the transistor's own VBE: v(top) = VBE (1 + RA/RB); R1 (or the stated current) feeds it. The
    # emitter is grounded; a multiplier between two named nodes ("between vt and vb") keeps its bottom one, at 0 V
    feed = fed or [f"V1 vcc 0 DC {f('VDD', vdd)}", f"R1 vcc top {f('R', (vdd - target) / i, 'RS')}"]
    bot, grounded = ("bot", ["V9 bot 0 DC 0"]) if len(f.intent.nodes) > 1 else ("0", [])
    return "\n".join([*feed, f"R2 top b {ra_text}", f"R3 b {bot} {f('RB', rb)}", f"Q1 top b {bot} {q}", *grounded])


def _vbe_function(f: _Filler) -> list:
    ra, rb, bf = used(f, "RA", "RC", "R") if _CURRENT_FED.search(f.intent.description) else used(f, "RA", "RC"), \
        used(f, "RB"), _beta(f)
    if _CURRENT_FED.search(f.intent.description):
        v = _vbe_multiplier_volts(used(f, "IBIAS"), ra, rb, bf)
    else:
        vdd, r, v = used(f, "VDD"), used(f, "R", "RS"), 1.0
        for _ in range(30):  # the feed current follows the voltage it sets
            v = _vbe_multiplier_volts((vdd - v) / r, ra, rb, bf)
    return [_at_op(f"holds v(top) = VBE (1 + RA/RB) + IB RA = {v:.3g} V", v, 0.04, "top")]


def _vbe_design(intent, d, spec) -> None:
    """The voltage the multiplier is asked to hold ("holds 2.0 V between ...") is the one RA is sized for (the
    builder's VIN; the spec's claim had taken it, and the default 1.8 V was built)."""
    intent.values["VIN"] = Value("VIN", spec.target, format_eng(spec.target) + "V", "V")
    d.claimed.add("VIN")


register(Family(kind="vbe_multiplier", summary="Vbe multiplier (rubber diode)", function=_vbe_function,
                build=_vbe_multiplier, specs=("vout",), design=_vbe_design,
                examples=(("vout", "Vbe multiplier holding {x} V, fed 5 mA from a current source", 1.3, 5),),
                names=("Vbe multiplier", "rubber diode", "VBE multiplier bias spreader", "amplified diode"),
                rules=((13.9, (r"vbe[- ]multiplier|rubber[- ]diode|amplified[- ]diode",)),
                       # named, before the generic BJT current source (6.8) its feed may be ("fed 2 mA from a current
                       # source"); a push-pull stage it biases is that stage's (13.69)
                       (6.7, (r"vbe[- ]multiplier|rubber[- ]diode|amplified[- ]diode",
                              r"^(?!.*(?:push[- ]pull|class[- ]?a?b\b|output\s+stage))"))),
                analysis="op", output="top", signal_input=True, accepts=r"(?:ideal\s+)?current\s+(?:source|sink)"))


# --- resistor-string DAC --------------------------------------------------------------------------

_BITS = re.compile(r"(\d)[- ]?bits?\b", re.IGNORECASE)
_CODE = re.compile(r"\bcode\s*(?:of|=|:|is)?\s*([01]+|\d+)\b", re.IGNORECASE)


def _string_word(text: str) -> tuple[int, int]:
    """(bits, code): a code of exactly `bits` binary digits is binary ("2-bit ... code 10" is 2)."""
    bits = _BITS.search(text)
    n = min(max(int(bits[1]), 1), 6) if bits else 3
    m = _CODE.search(text)
    if m is None:
        return n, 2 ** (n - 1)
    digits = m[1]
    code = int(digits, 2) if len(digits) == n and set(digits) <= {"0", "1"} else int(digits)
    return n, min(code, 2 ** n - 1)


def _resistor_string(f: _Filler) -> str:
    n, code = _string_word(f.intent.description)
    r, taps = f("R", 1e3), 2 ** n
    f.param("code", str(code))
    nodes = ["ref", *(f"t{k}" for k in range(taps - 1, 0, -1)), "0"]
    chain = [f"R{k + 1} {a} {b} {r}" for k, (a, b) in enumerate(zip(nodes, nodes[1:]))]
    # 2^n equal resistors from ref to ground; the code's tap (t0 is ground) goes to out through
    # V9, an ideal switch: v(out) = VREF code/2^n, less the tap's resistance into the load.
    tap = f"t{code}" if code else "0"
    return "\n".join([f"* {n}-bit resistor string, code {code} = {code:0{n}b}: Vout = Vref*{code}/{taps}",
                      f"V1 ref 0 DC {f('VBIAS', 5, 'VDD', 'VIN')}", *chain, f"V9 {tap} out DC 0",
                      f"R{taps + 1} out 0 {f('RL', 1e6)}"])


def _string_function(f: _Filler) -> list:
    n, code = _string_word(f.intent.description)
    taps, r, rl = 2 ** n, used(f, "R"), used(f, "RL")
    thevenin = r * code * (taps - code) / taps
    x = used(f, "VBIAS", "VDD", "VIN") * code / taps * rl / (rl + thevenin)
    return [Probe(f"function: code {code:0{n}b} gives Vref {code}/{taps} = {x:.4g} V at out",
                  "op\nlet result = v({out})", x - 0.01 * abs(x) - 1e-4, x + 0.01 * abs(x) + 1e-4)]


register(Family(kind="resistor_string_dac", summary="resistor-string DAC (Kelvin divider)",
                function=_string_function, build=_resistor_string,
                names=("resistor-string DAC", "resistor string digital-to-analog converter", "Kelvin divider DAC",
                       "string DAC"),
                # (a resistor string with no code to convert is a tapped divider)
                rules=((2.2, (r"resistor[- ]string|kelvin[- ]divider|string\s+" + word("dac"),
                              r"\bdac|digital|\bcodes?\b|\bbits?\b|convert")),),
                analysis="op", noun="converter", accepts=r"dac|digital[- ]to[- ]analog|divider"))


# --- tapped divider: a string of equal resistors -----------------------------------------------------

_HOW_MANY = {"two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8, "nine": 9, "ten": 10}
# "a string of four equal 2.2k resistors", "a chain of 5 resistors", "three taps"
_RESISTOR_COUNT = re.compile(r"\b(?:string|chain|stack|ladder)\s+of\s+(?P<n>\w+)\s+(?:equal\s+|identical\s+)?"
                             r"(?:\S+\s+)?resistors\b", re.IGNORECASE)
_TAP_COUNT = re.compile(r"\b(?P<n>\w+)\s+taps\b", re.IGNORECASE)


def _string_count(text: str) -> int:
    """The string's resistors: one more than the taps the request names ("taps t9, t6 and t3"), else as many as it
    says ("a string of four resistors", "three taps": four), else four."""
    if names := read_ports(text).roles.get("tap"):
        return len(names) + 1
    for pattern, more in ((_RESISTOR_COUNT, 0), (_TAP_COUNT, 1)):
        if (m := pattern.search(text)) and (n := _HOW_MANY.get(m["n"].lower()) or
                                            (int(m["n"]) if m["n"].isdigit() else 0)) >= 2 - more:
            return min(n + more, 32)
    return 4


def _tapped_divider(f: _Filler) -> str:
    # n equal resistors from the source to ground; the taps top first, tap1 .. the lowest, out (the family's
    # "tap" ports, in that order, take the names the request lists highest first).
    n = _string_count(f.intent.description)
    nodes = ["in", *(f"tap{k}" for k in range(1, n - 1)), "out", "0"]
    r = f("R", 10e3, "R1")
    return "\n".join([f"V1 in 0 DC {f('VIN', 10, 'VDD')}",
                      *(f"R{k} {a} {b} {r}" for k, (a, b) in enumerate(zip(nodes, nodes[1:]), 1))])


def _taps_function(f: _Filler) -> list:
    n, vin = _string_count(f.intent.description), used(f, "VIN", "VDD")
    taps = [*(f"tap{k}" for k in range(1, n - 1)), "out"]
    return [_at_op(f"tap {k} of {n - 1} (highest first) at VIN ({n - k})/{n} = {vin * (n - k) / n:.4g} V",
                   vin * (n - k) / n, 0.005, node) for k, node in enumerate(taps, 1)]


register(Family(kind="tapped_divider", summary="tapped voltage divider (a string of equal resistors)",
                build=_tapped_divider, function=_taps_function,
                names=("tapped voltage divider", "multi-tap divider", "resistor string with taps"),
                # before the two-resistor divider (36); converters' ladders (a DAC's, a flash ADC's) rank first
                rules=((35.9, (r"\btaps\b", r"divider|resistors?\b")),
                       (35.9, (r"multi-?tap(?:ped)?\s+divider|tapped\s+(?:voltage\s+|resistive\s+)?divider",))),
                ports=(("tap", (*(f"tap{k}" for k in range(1, 31)), "out")),),
                analysis="op", noun="divider", accepts=r"divider|string\s+of|chain\s+of"))


# --- diode-capacitor charge pump inverter ---------------------------------------------------------

def _diode_pump(f: _Filler) -> str:
    d, frequency = f.model("dsi"), f.number("FREQ", 50e3, "FSW")
    f.tran = (1 / (200 * frequency), 250 / frequency)
    # While clk is high C1 charges through D1 (a clamped a diode drop above ground); when clk falls
    # a drops to about -VCLK and C1 pulls charge out of C2 through D2: out -> -(VCLK - 2 VD).
    # The clock's frequency is a .param: a clock the request states replaces V1, and the netlist still says it.
    fsw = f.param("fsw", f("FREQ", 50e3, "FSW"))[1:-1]
    high = f("VIN", stated_clock_high(f.intent.description) or 5)  # "a 0/9 V clock": its swing
    return "\n".join([f"V1 clk 0 PULSE(0 {high} 0 10n 10n {{0.5/{fsw}}} {{1/{fsw}}})",
                      f"C1 clk a {f('C', 10e-6, 'C1')}", f"D1 a 0 {d}",
                      f"D2 out a {d}", f"C2 out 0 {f('COUT', f.number('C', 10e-6, 'C1'), 'C2')}",  # one C stated: both
                      f"R1 out 0 {f('RL', 10e3, 'R')}"])


def _diode_pump_function(f: _Filler) -> list:
    v = used(f, "VIN")
    return [settles(f"its output settles near -({v:g} V less two diode drops)", -(v - 0.6), -(v - 2.4))]


register(Family(kind="diode_charge_pump_inverter", summary="diode-capacitor charge pump inverter (negative supply)",
                function=_diode_pump_function, build=_diode_pump,
                names=("diode charge pump inverter", "diode-capacitor charge pump inverter",
                       "diode-capacitor voltage inverter", "diode pump negative voltage generator"),
                rules=((4.45, (r"diode", r"charge[- ]pump|voltage\s+inverter|pump", r"invert|negative")),
                       # one square clock pumping it, no switches: this pump (the switched one has two phases)
                       (4.451, (r"charge[- ]pump", r"invert|negative", r"square", r"^(?![\s\S]*switch)")),
                       # "a negative supply from a clock, two diodes and two caps": this pump by what it makes
                       (4.452, (r"negative\s+(?:supply|rail|voltage)", r"\bclock|square[- ]wave|\bpump",
                                r"\bdiodes?\b", r"^(?![\s\S]*switch)"))),
                analysis="tran", tran=("0.1u", "5m"), signal_input=True, accepts=r"charge[- ]pump"))


# --- PWM DAC --------------------------------------------------------------------------------------

# "a 0/5 V PWM signal", "PWM from 0 to 3.3 V", "0-12 V": its high level
_LEVELS = re.compile(r"\b0\s*(?:V\s*)?(?:/|to|-|\u2013)\s*([\d.]+)\s*V\b")


def _pwm_high(f: _Filler) -> float:
    stated = _LEVELS.search(f.intent.description)
    return float(stated[1]) if stated else f.number("VIN", 5)


# The class: a count of equal RC poles, said by order or by sections ("a two-pole RC filter", "second-order", "two RC
# sections", "two cascaded RC sections", "three identical RC stages", "3 RC low-passes in cascade"): the PWM is
# smoothed by that many equal RC poles, R1-C1 ... Rn-Cn.
_COUNTS = {"two": 2, "2": 2, "double": 2, "second": 2, "2nd": 2, "three": 3, "3": 3, "triple": 3, "third": 3,
           "3rd": 3, "four": 4, "4": 4, "fourth": 4, "4th": 4}
_POLES = re.compile(r"\b(?P<n>two|three|four|[234])[- ]poles?\b|\b(?P<o>second|2nd|third|3rd|fourth|4th)[- ]order\b"
                    r"|\b(?P<s>two|three|four|[234]|double|triple)\s+(?:(?:cascaded|identical|equal|matched|"
                    r"successive|passive|simple|series)\s+)*(?:rc\s+)?(?:sections|stages|poles|low[- ]?pass(?:es)?"
                    r"|filters)\b", re.IGNORECASE)


def rc_poles(text: str) -> int:
    """How many equal RC poles the request's words ask for (_POLES), else one."""
    said = _POLES.search(text)
    return _COUNTS[(said["n"] or said["o"] or said["s"]).lower()] if said else 1


def _pwm_duty(f: _Filler) -> str:
    """The stated duty, else the one that gives the stated average ("smoothed to about 0.825 V average":
    VOUT = D VHIGH), else 50 %."""
    vout = f.number("VOUT", 0)
    if vout:
        f.param("average", f("VOUT", vout))  # the level the duty was chosen for
    return f("DUTY", vout / _pwm_high(f) if 0 < vout < _pwm_high(f) else 0.5)


def _pwm_dac(f: _Filler) -> str:
    high, frequency = _pwm_high(f), f.number("FREQ", 10e3)
    r, c = f("R", 10e3, "R1"), f("C", 1e-6, "C1")
    poles = rc_poles(f.intent.description)
    f.tran = (1 / (100 * frequency),
              max(30 * poles * f.number("R", 10e3, "R1") * f.number("C", 1e-6, "C1"), 100 / frequency))
    # R1-C1 average the PWM: v(out) = D VHIGH, with a triangle ripple of VHIGH D (1 - D)/(f R C);
    # each further pole (R2-C2 ...) divides that ripple again by about 2 pi f R C.
    nodes = ["pwm", *(["mid"] if poles == 2 else [f"mid{k}" for k in range(1, poles)]), "out"]
    filters = [line for k in range(1, poles + 1) for line in (f"R{k} {nodes[k - 1]} {nodes[k]} {r}",
                                                              f"C{k} {nodes[k]} 0 {c}")]
    if poles > 1:  # (what the count the request gave built)
        filters.insert(0, f"* {poles} cascaded RC sections: {poles} equal poles (stages), order {poles}")
    # the duty and frequency as parameters, which the pulse reads: a stated pulse that replaces it (compose) leaves
    # them in the answer as the request's figures
    f.param("duty", _pwm_duty(f))
    f.param("fpwm", f("FREQ", 10e3))
    return "\n".join([f"V1 pwm 0 PULSE(0 {format_eng(high)} 0 10n 10n {{duty/fpwm}} {{1/fpwm}})", *filters])


def _design_pwm_dac(intent, d, spec) -> None:
    """C from the ripple bound: one pole leaves V D (1 - D)/(f R C) = 2 pi V D (1 - D)/x (x = 2 pi f R C), each further
    pole divides it by x again, so x^n = 2 pi V D (1 - D)/(0.7 ripple) (n poles: no more C than the bound needs, the
    output settling in a few R C)."""
    if "VIN" in intent.values and abs(intent.values["VIN"].value - spec.target) <= 1e-12:
        intent.values.pop("VIN")  # the ripple's own number, read as a level
    d.claimed.add("VIN")
    if given(intent, "C", "C1") is None:
        duty, frequency = given(intent, "DUTY") or 0.5, given(intent, "FREQ") or 10e3
        stated = _LEVELS.search(intent.description)
        high = float(stated[1]) if stated else (given(intent, "VIN") or 5.0)
        r = given(intent, "R", "R1") or 10e3
        x = (2 * math.pi * high * duty * (1 - duty) / (0.7 * spec.target)) ** (1 / rc_poles(intent.description))
        set_value(intent, d, "C", x / (2 * math.pi * frequency * r), "ripple = 2 pi V D (1 - D)/(2 pi f R C)^n", None)
        d.free, d.scale = "C", -1


def _pwm_dac_function(f: _Filler) -> list:
    x = _pwm_high(f) * used(f, "DUTY")
    checks = [settles(f"its output averages the duty cycle: D VHIGH = {x:.3g} V", 0.97 * x, 1.03 * x)]
    if "VOUT" in f.intent.values:  # the average asked, which a stated duty may not give
        vout = f.intent.values["VOUT"].value
        checks.append(settles(f"its output averages the {vout:.3g} V asked", 0.97 * vout, 1.03 * vout))
    return checks


register(Family(kind="pwm_dac", summary="PWM DAC (RC-filtered PWM)", function=_pwm_dac_function, build=_pwm_dac,
                names=("PWM DAC", "RC-filtered PWM DAC", "PWM digital-to-analog converter", "filtered PWM DAC"),
                # ("smooth a PWM with an RC low-pass down to its average": the filtered PWM by what it does)
                rules=((2.1, (word("pwm") + r"\b", rf"{word('dac')}\b|digital[- ]to[- ]analog|filter|low[- ]?pass|"
                                                     r"smooth\w*|averag\w*")),),
                analysis="tran", tran=("1u", "50m"), signal_input=True, noun="converter",
                accepts=r"dac|digital[- ]to[- ]analog(?:\s+converter)?|filters?", specs=("ripple",),
                # "smoothed ... to about 0.825 V average": the output's level, no input's
                words=((r"average|mean|dc\s+(?:level|value)", {"V": "VOUT"}),),
                design=_design_pwm_dac,
                examples=(("ripple", "PWM DAC: 0/5 V, 10 kHz, 25 % duty, less than {x} V of ripple", 0.01, 0.2),)))


# --- PMOS current mirror --------------------------------------------------------------------------

_PCH = (0.7, 50e-6, 0.05)  # the pch card's |vto|, kp, lambda


# "a 15 uA sink IREF pulls current out of the diode-connected M3", "an ideal current source as the reference": the
# reference is a current, not RREF
_REFERENCE_CURRENT = re.compile(r"\b(?:current\s+)?(?:sink|source)\b[^.;]{0,40}?"
                                r"\b(?:pulls?|draws?|out\s+of|from|into)\b"
                                r"|\breference\s+(?:is\s+)?(?:an?\s+)?(?:ideal\s+)?current\s+(?:source|sink)"
                                r"|\b(?:ideal\s+)?current\s+(?:source|sink)\s+(?:as|for|sets?)\s+the\s+reference",
                                re.IGNORECASE)


def _sized_pmos_mirror(f: _Filler) -> tuple[str, float] | None:
    """The mirror as the request sizes it: a current reference, the devices' stated sizes (or a stated ratio on
    10u/1u), the stated model; (its lines, the output current the square law gives, no lambda in a stated
    model). None: the family's own (RREF, lambda-compensated)."""
    text = f.intent.description
    sizes, ratio = mirror_sizes(text), mirror_ratio(f.intent)
    if not (_REFERENCE_CURRENT.search(text) or sizes or ratio != 1):
        return None
    (w1, l1), (w2, l2) = sizes or (("10u", "1u"), (format_eng(10e-6 * ratio), "1u"))
    for role, said in (("W", w1), ("LG", l1), ("W", w2), ("LG", l2)):
        if role in f.intent.values and math.isclose(f.intent.values[role].value, parse_number(said) or 0):
            f.given(role, 0)
    model = _mos_model(f, "p")
    rref = float(f"{(f.number('VDD', 3.3) - 1.2) / f.number('IBIAS', 50e-6, 'IREF'):.4g}")  # VSG about 1.2 V
    reference = f"I1 ref 0 DC {f('IBIAS', 50e-6, 'IREF')}" if _REFERENCE_CURRENT.search(text) else \
        f"R2 ref 0 {f('RREF', rref)}"
    i = f.number("IBIAS", 50e-6, "IREF")
    lines = [f"V1 vdd 0 DC {f.supply('vdd', 3.3)}", f"M1 ref ref vdd vdd {model} W={w1} L={l1}", reference,
             f"M2 d2 ref vdd vdd {model} W={w2} L={l2}", "V9 d2 out DC 0", f"R1 out 0 {f('RL', 20e3, 'R')}"]
    aspect = ((parse_number(w2) or 1) / (parse_number(l2) or 1)) / ((parse_number(w1) or 1) / (parse_number(l1) or 1))
    return "\n".join(lines), i * aspect


def _pmos_mirror(f: _Filler) -> str:
    if (sized := _sized_pmos_mirror(f)) is not None:
        return sized[0]
    vdd, i = f.number("VDD", 3.3), f.number("IBIAS", 50e-6, "IREF")
    rl = f.number("RL", 20e3, "R")
    vto, kp, lam = _PCH
    vsg = vto + math.sqrt(2 * i / (kp * 10))  # W/L = 10
    # RREF sets the reference: I = (VDD - VSG)/RREF. M2 is narrower by (1 + lambda VSD1)/(1 + lambda
    # VSD2) so that its larger source-drain voltage does not copy the reference high.
    rref = (vdd - vsg) / i
    w2 = 10e-6 * (1 + lam * vsg) / (1 + lam * max(vdd - i * rl, vsg))
    f.param("iref", f("IBIAS", 50e-6, "IREF"))
    return "\n".join([f"V1 vdd 0 DC {f.supply('vdd', 3.3)}", f"M1 ref ref vdd vdd {f.model('pch')} W=10u L=1u",
                      f"R2 ref 0 {f('RREF', float(f'{rref:.4g}'))}",
                      f"* M2 = {format_eng(w2)}m wide: the channel-length modulation at its drain compensated",
                      f"M2 d2 ref vdd vdd pch W={format_eng(w2)} L=1u", "V9 d2 out DC 0",
                      f"R1 out 0 {f('RL', 20e3, 'R')}"])


def _pmos_mirror_function(f: _Filler) -> list:
    if (sized := _sized_pmos_mirror(f)) is not None and "I1 ref 0" in sized[0]:
        return [expect("current", sized[1], 0.05)]  # the reference current times the aspect ratios
    if sized is not None:
        return [Probe("function: the output device sources current into the load", "op\nlet result = v({out})",
                      0.01, used(f, "VDD"))]
    vdd, rref = used(f, "VDD"), used(f, "RREF")
    vto, kp, _ = _PCH
    i = 1e-5
    for _ in range(60):  # I = (VDD - VSG(I))/RREF
        i = 0.5 * i + 0.5 * max(vdd - vto - math.sqrt(2 * i / (kp * 10)), 1e-3) / rref
    return [expect("current", i, 0.05)]


def _design_pmos_mirror(intent, d, spec) -> None:
    """The reference is the output current asked for (RREF follows from it in the builder)."""
    set_value(intent, d, "IBIAS", spec.target, "IREF = the output current (a 1:1 mirror)", None)


register(Family(kind="pmos_current_mirror", summary="PMOS current mirror (sourcing into a grounded load)",
                function=_pmos_mirror_function, build=_pmos_mirror,
                names=("PMOS current mirror", "p-channel current mirror", "PMOS current mirror sourcing current"),
                # "PMOS mirror ... a reference current source": a mirror, not the BJT current source (6.8)
                rules=((6.78, (r"pmos|p-channel|p-mos", r"\bmirror\b", r"^(?!.*\b(?:nmos|n-channel)\b)")),
                       (6.9, (r"pmos|p-channel|p-mos", r"current\s+mirror")),
                       (7.04, (r"pmos|p-channel|p-mos", r"\bmirror\b"))),
                analysis="op", mos=True, specs=("current",), design=_design_pmos_mirror,
                examples=(("current", "PMOS current mirror on 3.3 V sourcing {x} A into a 10k load", 10e-6, 100e-6),)))


# --- concertina phase splitter --------------------------------------------------------------------

def _phase_splitter(f: _Filler) -> str:
    claim_divider(f)
    q, r = f.model("npn"), f("RC", 4.7e3, "RE", "R")
    # Equal loads in collector and emitter carry the same current: v(c) = -v(e) = -in RC/(RE + re).
    # R1-R2 put the base near a third of the supply, so c and e each have room to swing.
    return "\n".join([f"V1 vcc 0 DC {f.supply('vcc', 18)}", f"V2 in 0 DC 0 AC 1 SIN(0 {f('VIN', 1)} {f('FREQ', 1e3)})",
                      f"C1 in b {f('CIN', 10e-6)}", f"R1 vcc b {f('RB1', 100e3)}", f"R2 b 0 {f('RB2', 56e3)}",
                      f"R3 vcc c {r}", f"R4 e 0 {r}", f"Q1 c b e {q}"])


def _splits(f: _Filler) -> list:
    return [Probe("function: c is the inverted copy of in (real(v(c)/v(in)) at 1 kHz)",
                  "ac lin 1 1k 1k\nlet result = real(v(c)/v(in))", -1.02, -0.85),
            Probe("function: e is the in-phase copy of in (real(v(e)/v(in)) at 1 kHz)",
                  "ac lin 1 1k 1k\nlet result = real(v(e)/v(in))", 0.85, 1.0)]


register(Family(kind="phase_splitter", summary="concertina (split-load) phase splitter", function=_splits,
                build=_phase_splitter,
                names=("concertina phase splitter", "split-load phase splitter", "phase splitter",
                       "BJT phase splitter"),
                rules=((13.8, (r"phase[- ]splitter|concertina|split[- ]load",)),), output="c", source="V2",
                noun="amplifier"))


# --- BJT current mirror with a ratio set by emitter resistors ---------------------------------------

_VAF = 100  # the npn card's Early voltage
_N = r"(\d+(?:\.\d+)?)"
_RATIO = re.compile(rf"\b{_N}\s*:\s*{_N}\s+ratio|ratio\s+(?:of\s+)?{_N}\s*:\s*{_N}", re.IGNORECASE)


def _ratio_output(iref: float, re1: float, re2: float, vce2: float) -> float:
    """Q2's collector current: VBE1 + IE1 RE1 = VBE2 + IE2 RE2 with the base currents out of IREF and
    Q2's Early factor (Q1's VCE is its VBE)."""
    ic1, ic2 = iref, iref
    for _ in range(200):
        ic1 = iref - (ic1 + ic2) / _BF
        vbe1 = VT * math.log(ic1 / (_IS * (1 + 0.7 / _VAF)))
        drop = vbe1 + ic1 * (1 + 1 / _BF) * re1  # the base node above ground
        low, high = 1e-12, 1.0  # IC2 where VBE2(IC2) + IE2 RE2 = drop
        for _ in range(80):
            mid = (low * high) ** 0.5
            v = VT * math.log(mid / (_IS * (1 + vce2 / _VAF))) + mid * (1 + 1 / _BF) * re2
            low, high = (mid, high) if v < drop else (low, mid)
        ic2 = 0.5 * ic2 + 0.5 * low
    return ic2


def _ratio_currents(f: _Filler) -> tuple[float, float]:
    iref = f.number("IREF", 0.5e-3)
    m = _RATIO.search(f.intent.description)
    ratio = (float(m[2] or m[4]) / float(m[1] or m[3])) if m else None
    return iref, f.number("IBIAS", iref * (ratio or 2))


def _ratio_mirror(f: _Filler) -> str:
    iref, iout = _ratio_currents(f)
    vcc, rl = f.number("VDD", 10), f.number("RL", 3e3, "R")
    re1 = 0.5 / iref  # half a volt across RE1 swamps the VBE mismatch
    low, high = 1.0, 10 * re1  # RE2 for the output current asked (bisection on the model's equations)
    for _ in range(60):
        mid = (low + high) / 2
        low, high = (mid, high) if _ratio_output(iref, re1, mid, vcc - iout * rl - iout * mid) > iout else (low, mid)
    re2 = (low + high) / 2
    q = f.model("npn")
    f.param("iout", f("IBIAS", iout))
    # IOUT/IREF ~ RE1/RE2: both emitters sit a VBE below the shared base; the ammeter V9 measures IOUT.
    return "\n".join([f"V1 vcc 0 DC {f.supply('vdd', 10)}", f"I1 vcc ref DC {f('IREF', 0.5e-3)}",
                      f"Q1 ref ref e1 {q}", f"R2 e1 0 {f('RE1', float(f'{re1:.4g}'))}",
                      f"Q2 c2 ref e2 {q}", f"R3 e2 0 {f('RE2', float(f'{re2:.4g}'))}", "V9 out c2 DC 0",
                      f"R1 vcc out {f('RL', 3e3, 'R')}"])


def _ratio_function(f: _Filler) -> list:
    iref, vcc, rl = used(f, "IREF"), used(f, "VDD"), used(f, "RL", "R")
    re1, re2, i = used(f, "RE1"), used(f, "RE2"), used(f, "IBIAS")
    for _ in range(20):
        i = _ratio_output(iref, re1, re2, vcc - i * (rl + re2))
    return [expect("current", i, 0.05)]


register(Family(kind="bjt_ratio_mirror", summary="BJT current mirror with emitter resistors setting its ratio",
                function=_ratio_function, build=_ratio_mirror,
                names=("BJT current mirror with emitter resistors", "ratioed NPN current mirror",
                       "current mirror with a 1:2 ratio set by emitter resistors"),
                # (a MOS mirror's ratio is its widths': current_mirror's, pmos_current_mirror's)
                rules=((6.8, (r"current\s+mirror", r"emitter\s+resistors?|\d\s*:\s*\d|ratioed",
                              r"^(?!.*\b(?:[pn]mos|mosfets?|[pn]-channel|cmos)\b)")),),
                analysis="op", noun="mirror"))


# --- relaxation oscillators: set duty cycle (steering diodes), single supply -------------------------

def _swing(f: _Filler) -> float:
    return 0.9 * abs(f.number("VDD", 12))


def _duty_eq(f0, get):
    # High: C charges through D1-RH from Vs - VD between -b Vs and +b Vs (b = 1/2), for RH C k;
    # low: through RL-D2, for RL C k; k = ln((Vs - VD + b Vs)/(Vs - VD - b Vs)), VD ~ 0.6 V.
    c, duty, vs = get("C", 10e-9), min(max(get("DUTY", 0.5), 0.02), 0.98), 0.9 * abs(get("VDD", 12))
    k = math.log((1.5 * vs - 0.6) / (0.5 * vs - 0.6))
    return {"C": c, "RH": duty / (f0 * c * k), "RL": (1 - duty) / (f0 * c * k)}


def _duty_astable(f: _Filler) -> str:
    v = part_values(f, _duty_eq, 1e3)
    _show(f, 1 / ((v["RH"] + v["RL"]) * v["C"] * math.log((1.5 * _swing(f) - 0.6) / (0.5 * _swing(f) - 0.6))))
    d = f.model("dsi")
    f.param("duty", f("DUTY", 0.5))
    # D1 steers the charging current through RH while out is high, D2 the discharge through RL
    # while it is low: high for RH/(RH + RL) of each period.
    return "\n".join([comparator_block(f), "R1 out p 10k", "R2 p 0 10k", f"D1 out a {d}", f"R3 a n {f('RH', v['RH'])}",
                      f"D2 b out {d}", f"R4 n b {f('RL', v['RL'])}", f"C1 n 0 {f('C', v['C'])}",
                      "X1 p n out comparator", ".ic v(n)=0.1"])


def _duty_function(f: _Filler) -> list:
    duty = used(f, "RH") / (used(f, "RH") + used(f, "RL"))
    return [*_oscillates(f),
            Probe(f"function: high for RH/(RH + RL) = {duty:.0%} of each period",
                  "{tran}\nlet hi = v({out}) gt 0\nmeas tran result avg hi from={half} to={stop}",
                  duty - 0.03, duty + 0.03)]


register(Family(kind="duty_cycle_astable", summary="op-amp astable with steering diodes (set duty cycle)",
                function=_duty_function, build=_duty_astable,
                names=("op-amp astable with a 25 % duty cycle", "astable with steering diodes",
                       "variable duty cycle op-amp astable"),
                # (a square wave fed to a circuit named otherwise, "integrator: feed it a 50 % square", is its input)
                rules=((0.78, (r"astable|relaxation(?:\s+oscillator)?|square[- ]wave", r"duty|steering\s+diodes?",
                               r"^(?![\s\S]*\b(?:integrators?|differentiators?|filters?)\b)")),),
                analysis="tran", tran=("5u", "30m"), noun="oscillator", specs=("frequency",),
                accepts=r"astable|multivibrator|comparators?|schmitt",
                design=designer(_duty_eq, "f = 1/((RH + RL) C k)", "RH"),
                examples=(("frequency", "op-amp astable with a 25 % duty cycle oscillating at {x} Hz", 100, 10e3),)))


_SINGLE_SUPPLY_COMPARATOR = """.subckt comparator1 inp inn out
* Behavioural single-supply comparator: output 0 to vcc, gain 1e4 around the switching point, 100 ns response.
Bq q 0 V={vcc/2*(1+tanh(1e4*(v(inp)-v(inn))/(vcc/2)))}
Rq q r 1k
Cq r 0 100p
Bout out 0 V={v(r)}
.ends comparator1"""


def _single_supply_eq(f0, get):
    # Thresholds VCC/3 and 2 VCC/3: C charges (and discharges) across the middle third for R C ln 2.
    c = get("C", 10e-9)
    return {"C": c, "R": 1 / (2 * f0 * c * math.log(2))}


def _single_supply_relaxation(f: _Filler) -> str:
    v = part_values(f, _single_supply_eq, 1e3)
    _show(f, 1 / (2 * v["R"] * v["C"] * math.log(2)))
    f.supply("vcc", 5)
    # R1-R3 (equal) put the + input at VCC/3 or 2 VCC/3 as out is low or high; C charges through R4
    # towards the output until it crosses that threshold.
    return "\n".join([_SINGLE_SUPPLY_COMPARATOR, GEAR, "V1 vcc 0 DC {vcc}", "R1 vcc p 100k", "R2 p 0 100k",
                      "R3 out p 100k", f"R4 out n {f('R', v['R'])}", f"C1 n 0 {f('C', v['C'])}",
                      "X1 p n out comparator1", ".ic v(n)=0.1"])


register(Family(kind="single_supply_relaxation", summary="single-supply comparator relaxation oscillator",
                function=lambda f: [*_oscillates(f), settles("swings from ground to the supply", 0.8 * used(f, "VDD"),
                                                             1.05 * used(f, "VDD"), how="pp")],
                build=_single_supply_relaxation,
                names=("single-supply relaxation oscillator", "single-supply comparator astable",
                       "comparator relaxation oscillator on a single supply"),
                rules=((0.77, (r"single[- ]supply|single\s+(?:[\d.]+\s*v\s+)?supply",
                               r"relaxation(?:\s+oscillator)?|astable|square[- ]wave")),),
                analysis="tran", tran=("5u", "30m"), noun="oscillator", specs=("frequency",),
                accepts=r"astable|multivibrator|comparators?|schmitt|square[- ]wave\s+generator",
                design=designer(_single_supply_eq, "f = 1/(2 R C ln 2)", "R"),
                examples=(("frequency", "single-supply relaxation oscillator oscillating at {x} Hz", 100, 10e3),)))


# --- pseudo-NMOS NOR gate -------------------------------------------------------------------------

# "a high for the first 100 ns of every 200 ns": an input's pulse train; "(1 ns edges)" its edges.
_HIGH_FOR = re.compile(rf"\b([a-z]\w*)\s+(?:with\s+[^;]*?\s+)?high\s+for\s+the\s+first\s+({TIME})\s+of\s+"
                       rf"every\s+({TIME})", re.IGNORECASE)
_EDGES = re.compile(rf"({TIME})\s+(?:rise\s+and\s+fall\s+)?edges", re.IGNORECASE)


def _input_pulses(f: _Filler, defaults: dict[str, tuple[float, float]]) -> list[str]:
    """One pulse source per input: the high time and period the request gives it, else the default."""
    text = f.intent.description
    stated = {m[1].lower(): (seconds(m[2]), seconds(m[3])) for m in _HIGH_FOR.finditer(text)}
    edge = seconds(e[1]) if (e := _EDGES.search(text)) else 1e-9
    level = f("VGS", 1.8) if "VGS" in f.intent.values else "{vdd}"  # "0/1.8 V pulses"
    return [f"V{i} {node} 0 PULSE(0 {level} 0 {format_eng(edge)} {format_eng(edge)} {format_eng(high)} "
            f"{format_eng(period)})" for i, (node, (high, period)) in
            enumerate(((n, stated.get(n, t)) for n, t in defaults.items()), start=2)]


def _pseudo_nmos_nor(f: _Filler) -> str:
    f.supply("vdd", 1.8)
    # Pseudo-NMOS: the PMOS load (gate grounded) is always on and about 9x weaker than either
    # pull-down, so out sits near 0 V (ratioed, VOL ~ 60 mV) whenever a or b is high, else at vdd.
    return "\n".join(["V1 vdd 0 DC {vdd}", *_input_pulses(f, {"a": (100e-9, 200e-9), "b": (200e-9, 400e-9)}),
                      f"M1 out 0 vdd vdd {f.model('pch')} W=0.5u L=180n", f"M2 out a 0 0 {f.model('nch')} W=2u L=180n",
                      "M3 out b 0 0 nch W=2u L=180n", f"C1 out 0 {f('CL', 10e-15, 'C')}"])


register(Family(kind="pseudo_nmos_nor", summary="pseudo-NMOS NOR gate (grounded-gate PMOS load)",
                function=lambda f: [logic_gate((False, False, False, True), used(f, "VDD"))],
                build=_pseudo_nmos_nor,
                names=("pseudo-NMOS NOR gate", "pseudo NMOS NOR", "two-input pseudo-NMOS NOR gate"),
                rules=((4.05, (r"pseudo[- ]?nmos", word("nor") + r"\b")),), analysis="tran", tran=("0.5n", "400n"),
                mos=True, transient=400e-9, accepts=r"nor|and\s+gate|or\s+gate"))


# --- RC lag / CR lead pair: two copies of the input 90 degrees apart ----------------------------------

def _lag_lead(f: _Filler) -> str:
    # R-C (lag, -45 degrees at the corner) and C-R (lead, +45) from one input, equal parts: each 0.707 of the input
    # at fc = 1/(2 pi R C), 90 degrees apart at every frequency.
    r, c = f("R", 15.9e3, "R1"), f("C", 10e-9, "C1")
    return "\n".join([f"V1 in 0 DC 0 AC {f('VIN', 1)}", f"R1 in lag {r}", f"C1 lag 0 {c}", f"C2 in lead {c}",
                      f"R2 lead 0 {r}"])


def _lag_lead_function(f: _Filler) -> list:
    fc = 1 / (2 * math.pi * used(f, "R", "R1") * used(f, "C", "C1"))
    at = f"ac lin 1 {fc:.6g} {fc:.6g}\n"
    return [Probe(f"function: the lag output 0.707 of the input at fc = 1/(2 pi R C) = {fc:.4g} Hz",
                  at + "let result = vm(lag)/vm(in)", 0.69, 0.725),
            Probe("function: the lead output 90 degrees ahead of the lag output",
                  at + "let result = (vp(lead)-vp(lag))*180/pi", 89, 91)]


register(Family(kind="lag_lead_pair", summary="RC lag and CR lead sections (two outputs 90 degrees apart)",
                build=_lag_lead, function=_lag_lead_function, output="lag",
                names=("RC lag and CR lead pair", "RC-CR quadrature splitter", "lag-lead phase splitter"),
                # (before the quadrature oscillator, 0.9, and the phase splitter: an RC lag and a CR lead section, each
                # with its output; not a Wien oscillator's lead-lag network nor a lead-lag compensator)
                rules=((0.85, (r"\blag\s+(?:\w+\s+){0,2}(?:output|section|network|branch)",
                               r"\blead\s+(?:\w+\s+){0,2}(?:output|section|network|branch)", r"\brc\b|\bcr\b",
                               r"^(?!.*\b(?:oscillat\w*|wien|compensat\w*|amplifier|op[- ]?amp)\b)")),
                       (0.86, (r"\blag\s+and\s+(?:cr\s+)?lead\s+pair|rc[- ]cr\s+quadrature"
                               r"|lag[- ]lead\s+phase\s+splitter",))),
                examples=(("cutoff", "RC lag and CR lead pair, both corners at {x} Hz", 100, 10000),),
                analysis="ac", noun="network", signal_input=True, specs=("cutoff",),
                design=lambda intent, d, spec: _corner(intent, d, spec, False),
                ports=(("lag output", ("lag",)), ("lead output", ("lead",))),
                accepts=r"lag|lead|sections?|splitter|network"))


# --- current shunt (sense resistor) ---------------------------------------------------------------------------------

# The class: a resistor that turns a load current into a voltage to read ("something to sense a load current ... node
# shp should show 150 mV", "a current shunt for a 5 A load giving 50 mV", "a 0.1 ohm sense resistor carrying 2 A"):
# the load is a current source into the shunt; a voltage asked across it sizes it, R = V/I. Amplified or high-side
# monitors, sinks, limiters and loops are their own families.
_SHUNT = (r"\b(?:current[- ])?shunt\s+(?:resistor|for|of|carrying)\b|\bsense\s+resistor\b"
          r"|\bsens(?:e|es|ing)\s+(?:an?\s+|the\s+)?(?:load\s+)?current\b"
          r"|\bcurrent[- ]sens(?:e|ing)\s+(?:shunt|resistor)\b")
_NOT_SHUNT = (r"^(?![\s\S]*(?:op[- ]?amp|amplif|monitor|high[- ]side|low[- ]side|mirror|limit|sink|regulat|loop|"
              r"4-20|comparator|transistor|mosfet|\bnpn\b|\bpnp\b|\bbjt\b|ammeter|hall))")


def _load_current(f: _Filler) -> float:
    return f.number("IBIAS", 1.0, "IREF")


def _current_shunt(f: _Filler) -> str:
    # I1 stands for the load current flowing through the shunt to ground: v(out) = I RSH
    return "\n".join([f"I1 0 out DC {f('IBIAS', 1.0, 'IREF')}", f"RSH out 0 {f('R', 0.1, 'RSH', 'RS')}"])


def _design_shunt(intent, d, spec) -> None:
    """R = V/I: the voltage asked across the shunt at the load current (the current said as a spec, "carrying a 2 A
    load current", is that load's)."""
    if spec.quantity == "current":
        if given(intent, "IBIAS", "IREF") is None and spec.target > 0:
            set_value(intent, d, "IBIAS", spec.target, "the load current", None)
        return
    current = given(intent, "IBIAS", "IREF") or d.wanted.get("current") or 1.0
    if "VIN" in intent.values and math.isclose(intent.values["VIN"].value, spec.target, rel_tol=1e-9):
        intent.values.pop("VIN")  # the voltage asked, read as a level
    d.claimed.add("VIN")
    if given(intent, "R", "RSH", "RS") is None and current > 0 and spec.target > 0:
        set_value(intent, d, "R", spec.target / current, "RSH = V/I", None)
        d.free, d.scale = "R", 1


register(Family(kind="current_shunt", summary="current shunt (sense resistor): a load current into a small resistor",
                function=lambda f: [expect("vout", _load_current(f) * used(f, "R", "RSH", "RS"), 0.02)],
                build=_current_shunt,
                names=("current shunt resistor", "current-sense shunt resistor",
                       "shunt resistor for sensing a load current"),
                rules=((37.5, (_SHUNT, _NOT_SHUNT)),), analysis="op", source="I1",
                accepts=r"(?:(?:load|ideal)\s+)?current\s+source|shunt|sense\s+resistor",
                specs=("vout", "current"), design=_design_shunt,
                examples=(("vout", "current shunt resistor carrying a 2 A load current, {x} V across it", 0.01, 1.0),
                          ("current", "0.05 ohm current shunt resistor carrying a load current of {x} A", 0.1, 10))))
