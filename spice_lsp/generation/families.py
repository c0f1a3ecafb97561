"""The family registry: one record per circuit family, in one place.

A record says everything about a family: its names (how requests name it; each is read back to
the family by the intent reader), the rules that pick it from a request, its builder, its default
analysis, its input source and output node, the variants it also builds, the circuit noun it
answers to, which specs its design equations handle (design.py), and its function: what the
built circuit must do with the values it was built from (an oscillator runs at the frequency its
parts give, a gate follows its truth table ...), measured on every answer so that "verified" never
covers a circuit that does not work. Adding a family is adding one record here (and its builder);
tests/test_families.py checks every record and that each does its function with its defaults.

`render(intent)` turns an intent into the family's complete netlist: title, parameters, the
builder's body, model cards, the requested (or default) analyses with the probes batch-mode
ngspice needs, `.end`.
"""
from __future__ import annotations

import functools
import math
import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field

from spice_lsp.generation.checklist import Probe
from spice_lsp.generation.design import (
    VT,
    card_lambda,
    design_bjt_bias,
    design_cs,
    design_transistor_bias,
    given,
    mos_gain,
    set_value,
)
from spice_lsp.generation.drives import follows, logic_high, logic_inputs, volts
from spice_lsp.generation.intent import Intent, Value
from spice_lsp.generation.request import Request, Spec, read_request
from spice_lsp.generation.templates import (
    PHOTOVOLTAIC,
    PUSHED_IN,
    UNBYPASSED,
    WORDED_RATIO,
    _accelerometer,
    _bjt,
    _bjt_switch,
    _clipper,
    _cmos,
    _converter,
    _current_mirror,
    _diff_pair,
    _diode_iv,
    _divider,
    _Filler,
    _generic,
    _mems,
    _mos,
    _opamp,
    _phase_shift_oscillator,
    _photodiode,
    _rc_filter,
    _rc_oscillator,
    _rectifier,
    _ring_oscillator,
    _rl_filter,
    _rlc,
    _transimpedance,
    _tunnel_diode,
    _wheatstone,
    _zener,
    clip_biased,
    clip_mirrored,
    clipped_sides,
    mirror_ratio,
    sine_peak,
    single_supply,
    stated_reference,
    switching_point,
    wheatstone_roles,
)
from spice_lsp.language.units import format_eng, parse_number


@dataclass(frozen=True)
class Family:
    kind: str
    summary: str  # one line, used in prompts, refusals and for retrieval
    build: Callable[[_Filler], str]
    names: tuple[str, ...]  # how people name it; each is read back to this family
    rules: tuple[tuple[float, tuple[str, ...]], ...]  # (rank, patterns that must all match); lowest rank wins
    analysis: str = "ac"  # the default analysis: op | ac | tran | dc
    tran: tuple[str, str] | None = None  # default (step, stop) of its transient
    dc_sweep: str | None = None  # default "start stop step" of its DC sweep
    output: str = "out"  # node probed by the default analyses
    source: str = "V1"  # the input source: swept by a DC sweep, the noise input
    current: bool = False  # a DC sweep also prints the input source's current (an I-V curve)
    senses_temperature: bool = False  # a stated temperature is its sensor's (role TEMP), not the simulation's
    mos: bool = False  # MOS devices: "L=1u" is a gate length
    signal_input: bool = False  # a bare voltage is the input signal before the supply
    transient: float = 1e-3  # a transient asked for with no length runs this long
    noun: str | None = None  # the circuit noun it answers to: filter, amplifier, oscillator ...
    accepts: str | None = None  # variants it builds that its rules do not name
    # Figures that name the circuit's standard, not a value of it ("4-20 mA" of a current-loop receiver): the
    # reader takes them as part of the name
    name_figures: str | None = None
    # The element kind it simulates with other parts (a gyrator's "L"): a stated one of that kind is the
    # simulated element, from its output node to ground, never a real part added beside it.
    simulates: str | None = None
    specs: tuple[str, ...] = ()  # spec quantities its design equations handle
    # design(intent, design, spec): the family's own design equations for its specs (else design.py's)
    design: Callable | None = None
    # For each spec: (quantity, a request with {x} for the target, lowest, highest target) that
    # tests/test_families.py sends with random targets and measures in ngspice.
    examples: tuple[tuple[str, str, float, float], ...] = ()
    # function(filler): what the built circuit must do, from the values its builder used (specs
    # and probes measured on every answer, stated specs or not), so a family that silently does
    # not work is never reported verified. Runs after the builder, on the same filler.
    function: Callable[[_Filler], list[Spec | Probe]] | None = None
    # Its nodes by role where its structure does not say them (compose.family_ports reads inputs, output and
    # transistor pins from the circuit): (role, nodes in the order a request names them), e.g. a ring's stage
    # outputs; a node the built circuit lacks (a shorter ring) is skipped.
    ports: tuple[tuple[str, tuple[str, ...]], ...] = ()
    # The words that give a figure one of its roles, beside the reader's own (intent._KEYWORDS), nearest wins:
    # (pattern, {unit: role}), e.g. an instrumentation amplifier's "difference stage, 10k resistors" are R2
    words: tuple[tuple[str, dict[str, str]], ...] = ()


# a rectifier's smoothing capacitor is its filter, and "a transformer secondary (model it as a sine on node sec)"
# its source
_RECTIFIER_PARTS = r"filters?|(?:(?:mains|step-?down|power)\s+)?transformers?(?:'s)?(?:\s+secondary)?"


@dataclass
class Rendered:
    netlist: str
    kind: str
    used: list[Value]
    unused: list[Value]
    warnings: list[str] = field(default_factory=list)
    defaults: dict[str, float] = field(default_factory=dict)  # role -> the default used
    function: list[Spec | Probe] = field(default_factory=list)  # the family's own checks
    source: str = "V1"  # the input source's name in the netlist: the family's, or the one the request names


# --- the first catalog's functions: what each circuit must do with the values it was built from ---


def gain_between(low: float, high: float, what: str) -> Probe:
    """|v(out)/v(in)| at 1 kHz between `low` and `high`."""
    return Probe(f"function: {what} (|v(out)/v(in)| at 1 kHz {low:g} to {high:g})",
                 "ac lin 1 1k 1k\nlet result = vm({out})/vm({inp})", low, high)


def selects(passed: float, stopped: float, db: float = 20) -> Probe:
    """A filter passes `passed` Hz at least `db` dB better than `stopped` Hz."""
    low, high = min(passed, stopped), max(passed, stopped)
    return Probe(f"function: passes {format_eng(passed)}Hz at least {db:g} dB above {format_eng(stopped)}Hz",
                 f"ac dec 20 {low / 10:g} {high * 10:g}\nlet g = vdb({{out}})\nmeas ac a find g at={passed:g}\n"
                 f"meas ac b find g at={stopped:g}\nlet result = a-b", db, 1e3)


def _corner(f: _Filler, inductive: bool) -> list[Spec | Probe]:
    r, x = used(f, "R", "R1"), used(f, "L", "L1") if inductive else used(f, "C", "C1")
    if "RSHUNT" in f.intent.values:  # a divided low-pass: the capacitor sees R || RSHUNT
        r = r * used(f, "RSHUNT") / (r + used(f, "RSHUNT"))
    level = []
    if "RTOP" in f.intent.values:  # a high-pass riding on a level: the capacitor sees R || RTOP, out sits divided
        top = used(f, "RTOP")
        level = [expect("vout", used(f, "VDD") * r / (r + top), 0.02)]
        r = r * top / (r + top)
    return [expect("cutoff", r / (2 * math.pi * x) if inductive else 1 / (2 * math.pi * r * x)), *level]


def _resonant(f: _Filler, quantity: str) -> list[Spec | Probe]:
    f0 = 1 / (2 * math.pi * math.sqrt(used(f, "L", "L1") * used(f, "C", "C1")))
    if quantity == "series":  # the capacitor's voltage peaks just below f0, if Q is over ~1
        q = math.sqrt(used(f, "L", "L1") / used(f, "C", "C1")) / used(f, "R", "R1")
        return [expect("center", f0 * math.sqrt(1 - 1 / (2 * q * q)))] if q > 1 else [selects(f0 / 10, f0 * 10)]
    return [expect(quantity, f0, 0.05)]


def _rectifies(f: _Filler, drops: int) -> list[Spec | Probe]:
    peak = sine_peak(f, "VIN", 10)
    return [settles(f"its output peaks {drops} diode drop{'s' * (drops > 1)} below the input's {peak:g} V",
                    peak - 1.2 * drops, peak - 0.4 * drops, how="max"),
            settles("its output never goes negative", -0.05 * peak, peak, how="min")]


def _swept_input(intent: Intent) -> tuple[str, str, str] | None:
    """(start, stop, step) of the DC sweep of the input a request asks for instead of any transient."""
    if any(a.kind == "tran" for a in intent.analyses):
        return None
    words = next((a.directive.split() for a in intent.analyses if a.kind == "dc"), [])
    return (words[2], words[3], words[4]) if len(words) >= 5 and words[1].lower() != "temp" else None


def _clips(f: _Filler) -> list[Spec | Probe]:
    top, bottom = clipped_sides(f.intent)
    biased = used(f, "VBIAS") if clip_biased(f.intent) else 0.0
    mirrored = top and bottom and clip_mirrored(f.intent)
    floor = -biased if mirrored else biased if bottom and biased < 0 else 0.0  # a negative bias is the bottom's
    peak, bias = used(f, "VIN"), biased if top and (mirrored or not floor) else 0.0
    positive = negative = True
    sweep = _swept_input(f.intent)
    ends = [x for x in (parse_number(w) for w in sweep[:2]) if x is not None] if sweep else []
    if sweep and len(ends) == 2:  # "sweep VIN from 0 to 10 V": measured over the sweep, on the sides it reaches
        peak, positive, negative = max(abs(x) for x in ends), max(ends) > 0, min(ends) < 0

    def level(what: str, low: float, high: float, how: str) -> Probe:
        if sweep and len(ends) == 2:
            return Probe(f"function: {what}", f"dc {{src}} {' '.join(sweep)}\nmeas dc result {how} v({{out}})",
                         low, high)
        return settles(what, low, high, how=how)
    checks: list[Spec | Probe] = []
    if top and positive:
        checks += [level(f"clipped at a diode drop above {bias:g} V", bias + 0.35, bias + 0.95, how="max")] \
            if peak > bias + 1 else [level("passes the whole top below the clip level", 0.9 * peak, peak, how="max")]
    elif positive:
        checks.append(level("passes the positive half whole", 0.9 * peak, 1.01 * peak, how="max"))
    if bottom and negative:
        checks += [level(f"clipped at a diode drop below {floor:g} V", floor - 0.95, floor - 0.35, how="min")] \
            if peak > 1 - floor else []
    elif negative:
        checks.append(level("passes the negative half whole", -1.01 * peak, -0.9 * peak, how="min"))
    return checks


def ce_gain(f: _Filler, sign: int = -1, vb: float | None = None, tolerance: float = 0.25, rb: float = 0.0,
            cin: float | None = None) -> Spec:
    """gm (RC || ro) of a stage with its emitter bypassed (sign -1: into the base, +1: into the
    emitter); the bias from the RB1-RB2 divider (base current included) unless `vb` is given
    (behind the Thevenin resistance `rb`, which the base current drops across); `cin`: the emitter's coupling
    capacitor where the request gave it another role than CIN."""
    vcc = abs(used(f, "VDD"))
    if vb is None:
        rb1, rb2 = used(f, "RB1", "RB"), used(f, "RB2")
        vth, rth = vcc * rb2 / (rb1 + rb2), rb1 * rb2 / (rb1 + rb2)
    else:
        vth, rth = vb, rb
    ic = max(vth - 0.7, 0) / (used(f, "RE") + rth / 101) * 100 / 101
    for _ in range(4):  # VBE at that current (0.62 V at 0.3 mA, 0.7 V near 5 mA), the current from it
        ic = max(vth - VT * math.log(max(ic, 1e-9) / 1e-14), 0) / (used(f, "RE") + rth / 101) * 100 / 101
    rc = used(f, "RC", "RL", "R")
    ro = (100 + vcc - ic * rc) / ic if ic else 1e12
    gain = ic / VT * rc * ro / (rc + ro)
    if sign < 0 and ic and UNBYPASSED.search(f.intent.description):  # the emitter resistor's feedback
        gain = rc * ro / (rc + ro) / (VT / ic + used(f, "RE") * 101 / 100)
    if sign > 0 and ic:  # into the emitter through CIN: the real part of re/(re + 1/(j w CIN)) at 1 kHz
        re_, xc = VT / ic, 1 / (2 * math.pi * 1e3 * (cin or used(f, "CIN")))
        gain *= re_ ** 2 / (re_ ** 2 + xc ** 2)
    return expect("gain", sign * gain, tolerance)


def _cs_function(f: _Filler) -> list[Spec | Probe]:
    if f.intent.polarity == "p":  # the PMOS stage is biased at mid-supply: it must amplify
        return [gain_between(2, 1e6, "amplifies")]
    return [expect("gain", mos_gain(lambda *roles, default=None: used(f, *roles, default=default),
                                    card_lambda(f.intent)), 0.2)]


def _feedback(f: _Filler, inverting: bool) -> float:
    """RF/RIN, or what the gain asked for makes it."""
    if "GAIN" in f.intent.values and not {"RF", "R2"} & set(f.intent.values):
        gain = abs(f.intent.values["GAIN"].value)
        return gain if inverting else gain - 1
    return used(f, "RF", "R2") / used(f, "RIN", "R1", "R")


def _rests_at_mid_rail(f: _Filler) -> list[Spec | Probe]:
    """A stage on one supply rests at half of it."""
    if not single_supply(f.intent):
        return []
    half = used(f, "VDD") / 2
    return [Probe(f"function: its output rests at mid-rail ({half:g} V)", "op\nlet result = v({out})",
                  0.95 * half, 1.05 * half)]


def second_order_corner(f0: float, q: float, high: bool) -> float:
    """The -3 dB frequency of a second-order low-pass (or high-pass) section of (f0, Q): 3 dB below its
    peak, as the checklist measures a corner (below its passband gain when it does not peak, Q <= 0.707).
    With u = (f/f0)^2, |H|^2 = 1/((1 - u)^2 + u/Q^2), whose peak is 1/(1/Q^2 - 1/(4 Q^4)) above Q = 0.707."""
    a = 2 - 1 / q ** 2
    peak = 1 / (1 / q ** 2 - 1 / (4 * q ** 4)) if q * q > 0.5 else 1.0  # |H|^2 at the peak
    u = (a + math.sqrt(a * a - 4 * (1 - 2 / peak))) / 2
    return f0 / math.sqrt(u) if high else f0 * math.sqrt(u)


def _sallen_key(f: _Filler, high: bool) -> Spec | Probe:
    r1, r2, c1, c2 = used(f, "R1", "R"), used(f, "R2", "R"), used(f, "C1", "C"), used(f, "C2", "C")
    k = max(used(f, "GAIN", default=1.0), 1.0)  # the op-amp's gain (a follower unless the request sets one)
    root = math.sqrt(r1 * r2 * c1 * c2)
    q = root / (r1 * (c1 + c2) + r2 * c2 * (1 - k)) if high else root / (c2 * (r1 + r2) + r1 * c1 * (1 - k))
    if q <= 0:  # K >= 3 with equal parts: the section oscillates, no filter to verify
        return Probe(f"function: a stable section (the parts give Q = {q:.3g}: the gain {k:g} is too high)",
                     f"op\nlet result = {q:g}", 1e-3, 1e9)
    if q > 0.75:  # peaked: its -3 dB points straddle the peak; f0 (the phase's midpoint) is one frequency
        return expect("f0", 1 / (2 * math.pi * root), 0.05)
    return expect("cutoff", second_order_corner(1 / (2 * math.pi * root), q, high))


def _mirrors(f: _Filler) -> list[Spec | Probe]:
    """The output copies the reference (a simple mirror: within the channel-length or base-current error), the one
    a stated reference resistor sets where the request gives one."""
    return [expect("current", (stated_reference(f) or used(f, "IREF", "IBIAS")) * mirror_ratio(f.intent), 0.2)]


def design_mirror_current(intent, d, spec) -> None:
    """A mirror copies its reference times its ratio (mirror_ratio): Iref = Iout/ratio."""
    if given(intent, "IREF", "IBIAS") is None:
        set_value(intent, d, "IREF", spec.target / mirror_ratio(intent), "Iref = Iout/ratio", None)
        d.free, d.scale = "IREF", 1


def _bridge(f: _Filler) -> list[Spec | Probe]:
    if {"MEMBRANE", "THICKNESS"} & set(f.intent.values):
        return [Probe("function: the bridge's output stays within its excitation", "op\nlet result = abs(v({out}))",
                      0, used(f, "VDD", "VIN"))]
    arm, sensing = wheatstone_roles(f.intent)
    v, r1 = used(f, "VDD", "VIN"), used(f, *arm)
    r2, r3 = (used(f, "R2", "R"), used(f, "R3", "R")) if arm[0] == "R1" else (r1, r1)
    sensor = used(f, *sensing, default=next((f.intent.values[n].value for n in sensing if n in f.intent.values), r1))
    x = v * (r2 / (r1 + r2) - sensor / (r3 + sensor))
    return [Probe(f"function: the bridge's output is V (R2/(R1 + R2) - R4/(R3 + R4)) = {format_eng(x)}V",
                  "op\nlet result = v({out})", x - 1e-3 * v, x + 1e-3 * v)]


def _lc_lowpass(f: _Filler) -> list[Spec | Probe]:
    f0 = 1 / (2 * math.pi * math.sqrt(used(f, "L", "L1") * used(f, "C", "C1")))
    return [selects(f0 / 10, f0 * 10)]


def _divides(f: _Filler) -> list[Spec | Probe]:
    r1, r2 = used(f, "R1", "R"), used(f, "R2")
    if "RL" in f.intent.values:  # loaded: the lower resistor in parallel with the load (templates._divider)
        r2 = r2 * used(f, "RL") / (r2 + used(f, "RL"))
    return [expect("vout", used(f, "VIN", "VDD") * r2 / (r1 + r2), 0.02)]


def _integrates(f: _Filler) -> list[Spec | Probe]:
    """Unity gain at 1/(2 pi R C): 20 log(1/(2 pi 1 kHz R C)) dB at 1 kHz."""
    rc = used(f, "RIN", "R1", "R") * used(f, "C", "C1")
    return [expect("gain_db", 20 * math.log10(1 / (2 * math.pi * 1e3 * rc)), 1.0)]


def stated_gain(f: _Filler, default: float) -> float:
    """The gain a family builds from a parameter (no voltage input to measure a gain spec at: an
    instrumentation amplifier after a bridge, a current-excited sensor's stage): GAIN, else the
    gain spec the design took that number for ("an instrumentation amplifier with gain 1000")."""
    if "GAIN" in f.intent.values:
        return f.number("GAIN", default)
    spec = next((s for s in read_request(f.intent.description).specs if s.quantity == "gain" and s.target > 0), None)
    return spec.target if spec else f.number("GAIN", default)


def stated_parameter(f: _Filler, name: str, default: float) -> float:
    """A model parameter as the request writes it ("IS = 1e-12", "BETA = 1m"), else `default`."""
    stated = re.search(rf"\b{name}\s*=\s*([-+]?[\d.]+(?:e[-+]?\d+)?[a-z]*)", f.intent.description, re.IGNORECASE)
    value = parse_number(stated[1]) if stated else None
    return default if value is None else value


def _photovoltage(current: float, load: float, saturation: float, n: float = 1.1) -> float:
    """The open-circuit-like voltage where I = Is (exp(V/(n VT)) - 1) + V/RL (bisection)."""
    low, high = 0.0, current * load
    for _ in range(100):
        v = (low + high) / 2
        low, high = (v, high) if saturation * math.expm1(v / (n * VT)) + v / load < current else (low, v)
    return (low + high) / 2


def _photocurrent(f: _Filler) -> list[Spec | Probe]:
    if PHOTOVOLTAIC.search(f.intent.description):
        v = _photovoltage(used(f, "IBIAS", "IREF"), used(f, "RL", "R"), stated_parameter(f, "is", 1e-9))
        return [Probe(f"function: the photocurrent forward-biases the diode to {v:.3g} V (diode law)",
                      "op\nlet result = v({out})", 0.95 * v, 1.05 * v)]
    if "THICKNESS" in f.intent.values:  # the current then follows from the layer: v(out) just nonzero
        return [Probe("function: the photocurrent flows through the load", "op\nlet result = v({out})", 1e-9, 1e3)]
    x = used(f, "IBIAS", "IREF") * used(f, "RL", "R")
    return [Probe("function: the photocurrent flows through the load (v(out) = I RL)", "op\nlet result = v({out})",
                  0.9 * x, 1.1 * x)]


def _accelerates(f: _Filler) -> list[Spec | Probe]:
    f0 = used(f, "FREQ")
    return [Probe("function: the displacement's -3 dB corner lies where Q = 1 puts it (1.27 f0)",
                  "ac dec 50 1 100meg\nlet m = vm({out})\nmeas ac lo find m at=1\nlet t = lo/sqrt(2)\n"
                  "meas ac result when m=t", 1.1 * f0, 1.45 * f0)]


def logic_table(truth: dict[float, bool], high: float = 1.8, what: str = "its truth table") -> Probe:
    """A gate's output at each time (ns) where its inputs hold one combination: result counts the
    samples on the wrong side of mid-supply (0 expected)."""
    lines = [f"meas tran s{i} find v({{out}}) at={t:g}n" for i, t in enumerate(truth)]
    wrong = " + ".join(f"(s{i} {'lt' if want else 'gt'} {high / 2:g})" for i, want in enumerate(truth.values()))
    return Probe(f"function: {what}, sampled while each input combination holds",
                 "{tran}\n" + "\n".join(lines) + f"\nlet result = {wrong}", 0, 0)


def logic_gate(outputs: tuple[bool, ...], high: float = 1.8, nodes: tuple[str, str] = ("a", "b")) -> Probe:
    """A gate computes its truth table from whatever its inputs do: the output (a level above
    mid-supply is 1) against the table's value of the inputs a and b (11, 01, 10, 00), or of the
    input alone (1, 0), over the transient's second half; at most 10 % of the time wrong (edges)."""
    h = f"{high / 2:g}"
    if len(outputs) == 2:  # one input: the circuit's input node
        terms = [f"{int(outputs[0])}*x", f"{int(outputs[1])}*(1-x)"]
        inputs = f"let x = v({{inp}}) gt {h}"
    else:
        terms = [f"{int(y)}*{p}" for y, p in zip(outputs, ("a*b", "(1-a)*b", "a*(1-b)", "(1-a)*(1-b)"))]
        inputs = f"let a = v({nodes[0]}) gt {h}\nlet b = v({nodes[1]}) gt {h}"
    return Probe("function: its output follows its truth table (fraction of the time it does not)",
                 f"{{tran}}\n{inputs}\nlet y = v({{out}}) gt {h}\nlet e = abs(y - ({' + '.join(terms)}))\n"
                 "meas tran result avg e from={half} to={stop}", 0, 0.1)


def gate_function(f: _Filler, outputs: tuple[bool, bool, bool, bool]) -> Probe:
    """A two-input gate's truth table (its output for 11, 01, 10, 00) on the inputs the request names: at the
    levels it states on them, else over whatever drives them."""
    high, inputs = logic_high(f.intent.description, used(f, "VDD")), logic_inputs(f.intent.description, ("a", "b"))
    if inputs.stated:
        return follows(lambda a, b: outputs[(not a) + 2 * (not b)], inputs.names, inputs.steps, high)
    return swept_gate(f, inputs.names, inputs.steps, high, lambda a, b: outputs[(not a) + 2 * (not b)]) or \
        logic_gate(outputs, high, (inputs.names[0], inputs.names[1]))


def swept_gate(f: _Filler, names: Sequence[str], steps: dict, high: float, gate: Callable[..., bool]) -> Probe | None:
    """A gate whose one input the request's DC sweep drives ("input nb swept by VNB from 0 to 1.8 V") while it
    holds the others at one level each ("na tied high by VNA"): its output at both ends of that sweep against the
    truth table at the held levels (wrong ends: 0 expected). None when the request sweeps no input so, or sweeps one
    its own input source does not drive (the answer's .dc sweeps that source: a probe of another would pass whatever
    the answer sweeps)."""
    sweep = next((a.directive.split() for a in f.intent.analyses if a.kind == "dc"), None)
    source = next((s for s in f.request.sources if sweep and len(sweep) > 1 and s.name
                   and s.name.upper() == sweep[1].upper() and s.node == names[0]), None)
    held = [n for n in names if n != (source.node if source else None)]
    if source is None or not all(n in steps and len(steps[n]) == 1 for n in held):
        return None
    mid = f"{high / 2:g}"

    def want(level: bool) -> str:  # the comparison that is wrong for the table's output at that end of the sweep
        return "lt" if gate(*(level if n == source.node else volts(steps[n][0][1], high) > high / 2
                              for n in names)) else "gt"
    return Probe(f"function: its output follows the truth table at both ends of the sweep of {source.name} (wrong "
                 "ends: 0 expected)", f"dc {source.name} 0 {1.02 * high:g} {high / 100:g}\n"
                 f"meas dc lo find v({{out}}) at=0\nmeas dc hi find v({{out}}) at={high:g}\n"
                 f"let result = (lo {want(False)} {mid}) + (hi {want(True)} {mid})", 0, 0)


def inverts(high: float) -> Probe:
    """An inverter's transfer curve, whatever analysis the request asks for: the output high with the input
    at 0 V and low with it at the supply (wrong ends: 0 expected)."""
    return Probe("function: its output is high for a low input and low for a high one (wrong ends: 0 expected)",
                 f"dc {{src}} 0 {1.02 * high:g} {high / 100:g}\nmeas dc lo find v({{out}}) at=0\n"
                 f"meas dc hi find v({{out}}) at={high:g}\n"
                 f"let result = (lo lt {0.9 * high:g}) + (hi gt {0.1 * high:g})", 0, 0)


def switches_at(f: _Filler) -> list[Probe]:
    """An inverter's switching point where the request states it (the input level where the output crosses half the
    supply), within 3 %."""
    if (vm := switching_point(f.intent)) is None:
        return []
    high = used(f, "VDD")
    return [Probe(f"function: switches at the stated {vm:g} V", f"dc {{src}} 0 {high:g} {high / 1000:g}\n"
                  f"meas dc result when v({{out}})={high / 2:g}", 0.97 * vm, 1.03 * vm)]


FAMILIES: dict[str, Family] = {}


# "RC lead network", "a CR phase-lead section", "RC lag network": a first-order section named by its phase
_PHASE_NETWORK = r"\b(?:rc|cr)\s+(?:phase[- ])?{0}\s+(?:network|circuit|section|stage)\b" \
    r"|\bphase[- ]{0}\s+(?:rc|cr)\s+(?:network|circuit|section)\b"
_NOT_PHASE_PAIR = r"^(?![\s\S]*(?:lead[- ]lag|lag[- ]lead|lag\s+and\s+(?:cr\s+)?lead|lead\s+and\s+(?:rc\s+)?lag|" \
    r"all[- ]?pass|compensat|oscillat|wien|op[- ]?amp))"


def register(family: Family) -> Family:
    if family.kind in FAMILIES:
        raise ValueError(f"family '{family.kind}' is registered twice")
    FAMILIES[family.kind] = family
    return family


for _family in (
    Family(kind="rc_lowpass",
           function=lambda f: _corner(f, False),
           summary="RC low-pass filter",
           build=lambda f: _rc_filter(f, False),
           names=('RC low-pass filter', 'RC low pass', 'RC LPF', 'first-order RC low-pass filter',
                  'resistor-capacitor low-pass filter', 'passive RC low-pass network', 'RC lag network'),
           rules=((35, ('low[- ]?pass|\\blpf\\b',)), (44, ('\\brc\\b(?!\\s*[=:])|resistor[- ]capacitor',)),
                  # "a square wave ... I want node smooth to sit at its average ..., using an R and a C" (before the
                  # clock and the astables, whose square wave it averages)
                  (0.65, (r'\b(?:an?\s+)?r\s+and\s+(?:an?\s+)?c\b|\bresistor\s+and\s+(?:a\s+)?cap(?:acitor)?\b',
                          r'\baverage|\bsmooth|\bripple|\bdc\s+level')),
                  # "RC lag network", "a phase-lag RC section": the series R, shunt C of the textbooks (before the
                  # all-pass phase shifters, 4.95; not a lead-lag pair, compensator or oscillator)
                  (4.9, (_PHASE_NETWORK.format('lag'), _NOT_PHASE_PAIR))),
           noun="filter",
           specs=('cutoff', 'ripple'),
           examples=(('cutoff', 'RC low-pass filter with a cutoff of {x} Hz', 50, 200000.0),
                     ('ripple', 'a 1 kHz 0-5 V square wave, 50 % duty, on node p (make that source VP); node q should '
                      'sit at its average with less than {x} V of ripple, using an R and a C', 0.01, 0.5))),
    Family(kind="rc_highpass",
           function=lambda f: _corner(f, False),
           summary="RC high-pass filter",
           build=lambda f: _rc_filter(f, True),
           names=('RC high-pass filter', 'RC high pass', 'RC HPF', 'first-order RC high-pass filter',
                  'resistor-capacitor high-pass filter', 'RC lead network'),
           rules=((34, ('high[- ]?pass|\\bhpf\\b',)), (4.9, (_PHASE_NETWORK.format('lead'), _NOT_PHASE_PAIR)),
                  # "a coupling capacitor into a 10k load, corner at 16 Hz": the series C and the resistance to
                  # ground behind it are a high-pass, the low-frequency corner its cutoff
                  (34.5, ('coupling\\s+cap|(?:dc[- ])?block(?:ing)?\\s+cap|\\bdc[- ]block', 'corner|cut-?off|-3\\s*db',
                          'low[- ]?frequency|\\b(?:load|input\\s+(?:impedance|resistance))\\b')),
                  # "shift my audio up so it sits around 1.65 V, with a cap and two resistors": a high-pass whose
                  # output rides on the level its resistors divide from the supply (design._biased_highpass)
                  (34.6, (r'\b(?:coupling\s+cap\w*|caps?\b|capacitor)', r'\bresistors\b',
                          r'\b(?:rides?|riding|sits?|sitting|centred|centered|shift\w*|bias\w*)\b[^.;]{0,40}?'
                          r'\b\d+(?:\.\d+)?\s*v\b'))),
           noun="filter",
           specs=('cutoff', 'vout'),
           examples=(('cutoff', 'RC high-pass filter, corner frequency {x} Hz', 50, 200000.0),
                     ('vout', 'RC high-pass filter, corner 100 Hz, its output sitting at {x} V DC on a 5 V supply', 0.5,
                      4.5))),
    Family(kind="rl_lowpass",
           function=lambda f: _corner(f, True),
           summary="RL low-pass filter",
           build=lambda f: _rl_filter(f, False),
           names=('RL low-pass filter', 'RL low pass', 'resistor-inductor low-pass filter', 'first-order RL LPF'),
           rules=((45, ('\\brl\\b(?!\\s*[=:])|resistor[- ]inductor',)),),
           noun="filter",
           specs=('cutoff',),
           examples=(('cutoff', 'RL low-pass filter with a 10 mH inductor, cutoff {x} Hz', 100, 100000.0),)),
    Family(kind="rl_highpass",
           function=lambda f: _corner(f, True),
           summary="RL high-pass filter",
           build=lambda f: _rl_filter(f, True),
           names=('RL high-pass filter', 'RL high pass', 'resistor-inductor high-pass filter', 'RL HPF'),
           rules=(),
           noun="filter",
           specs=('cutoff',),
           examples=(('cutoff', 'RL high-pass filter with a 10 mH inductor, cutoff {x} Hz', 100, 100000.0),)),
    Family(kind="lc_lowpass",
           function=_lc_lowpass,
           summary="LC low-pass filter",
           build=lambda f: _rlc(f, "lc_lowpass"),
           names=('LC low-pass filter with a series inductor and a shunt capacitor',
                  'inductor-capacitor low-pass filter', 'LC LPF (inductor and capacitor)',
                  'second-order LC low-pass filter with an inductor and a capacitor'),
           rules=((34.5, ('\\blc\\b(?!\\s*[=:])', 'low[- ]?pass|\\blpf\\b')), (46, ('\\blc\\b(?!\\s*[=:])',))),
           noun="filter"),
    Family(kind="rlc_series",
           function=lambda f: _resonant(f, 'series'),
           summary="series RLC circuit",
           build=lambda f: _rlc(f, "series"),
           names=('series RLC circuit', 'RLC circuit', 'series resonant circuit', 'series RLC network'),
           # "a series LC that resonates at 455 kHz" (its source's resistance the R): the series circuit, not a low-pass
           # ("a series R-L-C low-pass": written with hyphens)
           rules=((32, ('\\br-?l-?c\\b|series resonan',)), (32.5, ('\\bseries\\s+lc\\b', '\\breson'))),
           noun="filter",
           specs=('center',),
           examples=(('center', 'series RLC circuit resonant at {x} Hz', 200, 200000.0),)),
    Family(kind="rlc_bandpass",
           function=lambda f: _resonant(f, 'center'),
           summary="RLC band-pass filter",
           build=lambda f: _rlc(f, "bandpass"),
           names=('RLC band-pass filter', 'band-pass filter', 'RLC bandpass filter', 'series LC band-pass filter'),
           rules=((31, ('band[- ]?pass',)),),
           noun="filter",
           specs=('center', 'q'),
           examples=(('center', 'RLC band-pass filter with a center frequency of {x} Hz', 200, 200000.0),
                     ('q', 'series RLC band-pass filter centred at 10 kHz, L = 10 mH, with a Q of {x}', 0.8, 20))),
    Family(kind="rlc_notch",
           function=lambda f: _resonant(f, 'notch'),
           summary="RLC notch (band-stop) filter",
           build=lambda f: _rlc(f, "notch"),
           names=('RLC notch filter', 'notch filter', 'band-stop filter', 'band-reject filter'),
           # ("a series-resonant L-C branch across the signal": a series LC shunting the line is a trap)
           rules=((30, ('notch|band[- ]?stop|band[- ]reject',)),
                  (30, ('series[- ]resonan\\w*\\s+(?:lc|l-c)?\\s*(?:branch|trap|shunt|leg)'
                        '|\\b(?:lc|l-c)\\s+(?:trap|shunt)',))),
           noun="filter",
           specs=('notch',),
           examples=(('notch', 'RLC notch filter with the notch at {x} Hz', 200, 200000.0),)),
    Family(kind="voltage_divider",
           function=_divides,
           summary="resistive voltage divider",
           build=_divider,
           names=('voltage divider', 'resistive divider', 'resistor divider', 'potential divider',
                  'resistive attenuator'),
           # a resistive attenuator (a pad) is a divider whose ratio is stated in dB
           rules=((36, ('divider',)), (36.5, (r'\b(?:resistive|resistor|passive)\s+(?:attenuator|pad)\b',)),
                  (36.6, (r'\battenuator\b|\bpad\b', r'\d\s*db\b'))),
           analysis="op",
           signal_input=True,
           specs=('vout', 'gain', 'gain_db'),
           # ("for a sensor input that is basically a 1 Mohm resistor to ground": what the divider feeds, its load)
           words=((r"(?:sensor|adc|meter|module|device|mcu|microcontroller)\s+input|input\s+(?:resistance|impedance)"
                   r"|load", {"ohm": "RL"}),),
           examples=(('vout', 'voltage divider from 12 V giving {x} V out', 0.5, 11),
                     ('gain', 'voltage divider with a gain of {x}', 0.05, 0.9),
                     ('gain_db', 'resistive attenuator of {x} dB', -40, -1))),
    Family(kind="half_wave_rectifier",
           specs=('ripple',),
           examples=(('ripple', 'half-wave rectifier from a 10 V peak 50 Hz sine, 1k load, under {x} V of ripple',
                      0.2, 3),),
           accepts=_RECTIFIER_PARTS,
           function=lambda f: _rectifies(f, 1),
           summary="half-wave diode rectifier with filter capacitor",
           build=lambda f: _rectifier(f, False),
           names=('half-wave rectifier', 'half wave rectifier', 'diode rectifier',
                  'half-wave diode rectifier with a smoothing capacitor'),
           rules=((23, ('half[- ]wave|rectifier',)),),
           analysis="tran",
           tran=('50u', '50m'),
           signal_input=True),
    Family(kind="full_wave_rectifier",
           specs=('ripple',),
           examples=(('ripple', 'full-wave bridge rectifier from a 15 V peak 50 Hz sine, 470 ohm load, '
                                 'under {x} V ripple', 0.2, 3),),
           accepts=_RECTIFIER_PARTS,
           function=lambda f: _rectifies(f, 2),
           summary="full-wave bridge rectifier with filter capacitor",
           build=lambda f: _rectifier(f, True),
           names=('full-wave bridge rectifier', 'bridge rectifier', 'full wave rectifier', 'full-wave rectifier'),
           rules=((22, ('full[- ]wave|bridge rectifier',)),),
           analysis="tran",
           tran=('50u', '50m'),
           signal_input=True),
    Family(kind="diode_clipper",
           specs=('clip',),
           examples=(('clip', 'positive diode clipper, 5 V peak sine through 1k, output clipped at about {x} V',
                      1, 4),),
           function=_clips,
           summary="diode clipper (limiter)",
           build=_clipper,
           names=('diode clipper', 'clipper circuit', 'diode limiter', 'clipping circuit'),
           rules=((25, ('clipper|clipping|limiter',)),
                  # "limit a sine to ±0.7 V with two antiparallel diodes", "back-to-back diodes clamp the output":
                  # diodes that clip a signal, named by what they do
                  (25.5, (r'\blimit(?:s|ed|ing)?\b|\bclip(?:s|ped)?\b|\bclamp(?:s|ed)?\b|anti-?parallel'
                          r'|back[- ]to[- ]back', r'\bdiodes?\b', r'\bsine|\bsignal|\bwave|±|\+/-|\bpeak'))),
           analysis="tran",
           tran=('5u', '3m'),
           # ("a diode from bc_out to a 2.7 V DC source": the bias its diode returns to)
           words=((r"as\s+(?:the\s+|its\s+|a\s+)?(?:bias|reference)|dc\s+(?:bias\s+)?source|bias\s+source|reference",
                   {"V": "VBIAS"}),),
           signal_input=True),
    Family(kind="zener_regulator",
           function=lambda f: [expect('vout', used(f, 'VZ'), 0.05)],
           summary="zener shunt voltage regulator",
           build=_zener,
           names=('zener regulator', 'zener shunt regulator', 'zener diode voltage regulator'),
           rules=((24, ('zener',)),),
           analysis="op",
           noun="regulator",
           accepts=r"(?:zener\s+)?(?:shunt|voltage)\s+regulator",
           specs=('vout',),
           examples=(('vout', 'zener regulator from 12 V giving {x} V output', 2.5, 9),)),
    Family(kind="diode_iv",
           function=lambda f: [Probe("function: conducts forward (0.9 V) 1000 times more than in reverse (-1 V)",
                                    "dc {src} -1 0.9 0.01\nlet d = v({inp})-v({out})\nmeas dc fwd find d at=0.9\n"
                                    "meas dc rev find d at=-1\nlet result = abs(fwd)/(abs(rev)+1e-15)", 1e3, 1e300)],
           summary="diode I-V characteristic",
           build=_diode_iv,
           names=('diode I-V characteristic', 'diode IV curve', 'diode I–V curve',
                  'silicon diode forward and reverse characteristic'),
           rules=((38, ('\\bi[-\\u2013]v\\b|\\biv\\b|forward and reverse|diode',)),),
           analysis="dc",
           dc_sweep="-1 0.9 0.01",
           output="a",
           current=True,
           signal_input=True),
    Family(kind="tunnel_diode",
           function=lambda f: [Probe("function: negative resistance (more current at the 65 mV peak than at 250 mV)",
                                    "dc {src} 0 0.3 1m\nlet d = v({inp})-v({out})\nmeas dc peak find d at=0.065\n"
                                    "meas dc valley find d at=0.25\nlet result = peak/valley", 1.5, 1e300)],
           summary="tunnel diode (negative resistance) I-V characteristic",
           build=_tunnel_diode,
           names=('tunnel diode I-V characteristic', 'tunnel diode', 'Esaki diode I-V curve',
                  'negative-resistance tunnel diode'),
           rules=((37, ('\\btunnel(?:ling|ing)?\\b|negative[- ](?:differential )?resistance|\\besaki\\b',)),),
           analysis="dc",
           dc_sweep="0 0.7 5m",
           output="a",
           current=True,
           signal_input=True),
    Family(kind="bjt_common_emitter",
           function=lambda f: [ce_gain(f)],
           summary="BJT common-emitter amplifier",
           build=lambda f: _bjt(f, "common_emitter"),
           names=('BJT common-emitter amplifier', 'NPN common emitter amplifier', 'common-emitter amplifier',
                  'bipolar amplifier', 'NPN amplifier', 'common-emitter amplifier with divider bias'),
           # (a divider that biases the transistor is its bias network, not the circuit: "bias an NPN with a
           # divider plus emitter resistor")
           rules=((15, ('common[- ]emitter',)), (35.9, (r'\b(?:npn|bjts?|bipolar)\b', r'\bbias\w*', r'\bdivider')),
                  (40, ('\\b(?:npn|pnp|bjts?|bipolar)\\b', 'amplifier'))),
           source="V2",
           noun="amplifier",
           specs=('vout', 'current'), design=design_bjt_bias,
           examples=(('vout', 'NPN common-emitter amplifier on 12 V, its collector sitting at {x} V', 3, 10),
                     ('current', 'NPN common-emitter amplifier from a 12 V supply, biased at {x} A', 2e-4, 5e-3))),
    Family(kind="bjt_emitter_follower",
           function=lambda f: [expect('gain', 0.97, 0.04)],
           summary="BJT emitter follower",
           build=lambda f: _bjt(f, "emitter_follower"),
           names=('emitter follower', 'NPN emitter follower', 'common-collector amplifier',
                  'BJT emitter-follower stage', 'divider-biased emitter follower'),
           # a buffer of one bipolar transistor (no op-amp) is its emitter follower: "unity-gain NPN buffer"
           rules=((14, ('emitter[- ]follower|common[- ]collector',)),
                  (17.9, ('\\b(?:npn|bjts?|bipolar)\\b', '\\bbuffer\\b', '^(?![\\s\\S]*\\bop[- ]?amps?\\b)'))),
           source="V2",
           noun="amplifier",
           specs=('vout',), design=design_bjt_bias,
           examples=(('vout', 'emitter follower from a 15 V supply with its output biased at {x} V', 2, 12),)),
    Family(kind="bjt_basic",
           function=lambda f: [Probe("function: the transistor conducts (the collector sits below the supply)",
                                   "op\nlet result = v(vcc)-v({out})", 0.05, 1e3)],
           summary="biased bipolar transistor",
           build=lambda f: _bjt(f, "basic"),
           names=('biased NPN transistor', 'bipolar transistor circuit', 'NPN transistor bias circuit',
                  'BJT with a collector resistor'),
           rules=((42, ('\\b(?:npn|pnp|bjts?|bipolar)\\b',)),),
           analysis="op",
           source="V2",
           noun="amplifier",
           specs=('current', 'vout'), design=design_transistor_bias,
           examples=(('current', 'NPN transistor biased at {x} A collector current from a 10 V supply', 2e-4, 4e-3),
                     ('vout', 'NPN transistor on a 10 V supply with the collector at {x} V', 2, 8))),
    Family(kind="mos_common_source",
           function=_cs_function,
           specs=('gain', 'gain_db', 'vout'),
           design=design_cs,
           examples=(('gain', 'NMOS common-source amplifier with a gain of -{x}', 2, 20),
                     ('gain_db', 'NMOS common-source amplifier with {x} dB of gain', 6, 26),
                     ('vout', 'NMOS common-source amplifier on 12 V, RD = 10k, its drain sitting at {x} V', 3, 9)),
           summary="MOSFET common-source amplifier",
           build=lambda f: _mos(f, "common_source"),
           names=('common-source amplifier', 'NMOS common-source amplifier', 'MOSFET amplifier', 'NMOS amplifier',
                  'common source stage'),
           rules=((17, ('common[- ]source',)),
                  (39, ('\\b(?:[np]mos|mosfets?|mos|finfet|[np]-?channel|[np]fet)\\b|gate length|channel length',
                        'amplifier'))),
           source="V2",
           mos=True,
           noun="amplifier"),
    Family(kind="mos_source_follower",
           function=lambda f: [gain_between(0.5, 1.0, 'follows its input')],
           summary="MOSFET source follower",
           build=lambda f: _mos(f, "source_follower"),
           names=('source follower', 'NMOS source follower', 'common-drain amplifier', 'MOSFET source follower'),
           rules=((16, ('source[- ]follower|common[- ]drain',)),),
           source="V2",
           mos=True,
           noun="amplifier"),
    Family(kind="mos_basic",
           function=lambda f: [Probe("function: the transistor conducts (the drain is off both rails)",
                                   "op\nlet result = abs(v({out}))", 0.02, abs(used(f, 'VDD')) - 0.02)],
           summary="MOSFET with drain resistor and supply",
           build=lambda f: _mos(f, "basic"),
           names=('NMOS transistor circuit', 'MOSFET circuit', 'basic NMOS circuit', 'n-channel MOSFET circuit'),
           rules=((41, ('\\b(?:[np]mos|mosfets?|mos|finfet|[np]-?channel|[np]fet)\\b|gate length|channel length',)),),
           analysis="op",
           source="V2",
           mos=True,
           noun="amplifier",
           specs=('current', 'vout'), design=design_transistor_bias,
           examples=(('current', 'NMOS transistor biased at {x} A drain current from a 5 V supply', 1e-4, 2e-3),
                     ('vout', 'NMOS transistor on a 5 V supply with the drain at {x} V', 1.5, 4))),
    Family(kind="current_mirror",
           function=_mirrors,
           summary="current mirror",
           build=_current_mirror,
           names=('current mirror', 'NMOS current mirror', 'MOSFET current mirror',
                  'simple two-transistor current mirror'),
           # an NMOS mirror with a ratio ("1:2") before the ratioed BJT mirror
           rules=((6.75, ('nmos|n-channel', 'current mirror')), (7, ('current mirror',)),
                  # "nmos mirror: a 25 uA reference current source ...": a mirror, not the BJT current source (6.8)
                  (6.77, ('nmos|n-channel', '\\bmirror\\b', '^(?!.*\\b(?:pmos|p-channel)\\b)')),
                  # "a two-NMOS mirror", "an NPN mirror": a mirror of transistors is a current mirror
                  (7.05, ('\\bmirror\\b', '\\b(?:nmos|n-channel|npns?|bjts?|mosfets?|transistors?|'
                                          'diode[- ]connected)\\b'))),
           # "a mirror that doubles": its ratio (mirror_ratio); "a reference from a current source": its I1
           accepts=WORDED_RATIO.pattern + r"|(?:(?:ideal|reference)\s+)?current\s+(?:source|sink)s?",
           # the output device's collector (drain) a request names is the output node (behind the ammeter V9)
           # ("the reference collector node rx": the diode-connected side's node, its reference current's)
           ports=(("collector", ("out",)), ("drain", ("out",)), ("reference", ("ref",))),
           # ("reference leg set by a resistor from the rail (~9.3k)", "output pulled up through 2.2k")
           words=((r"reference|set\s+by|from\s+the\s+(?:rail|supply)", {"ohm": "RREF"}),
                  (r"pull(?:ed|s)?\s+up|\bload\b|through", {"ohm": "RL"})),
           analysis="op",
           specs=("current",), design=design_mirror_current,
           examples=(("current", "NPN current mirror with an output current of {x} A", 20e-6, 5e-3),),
           mos=True),
    Family(kind="differential_pair",
           function=lambda f: [Probe("function: amplifies the difference (|v(out)/v(inp)| at 1 kHz over 2)",
                                     "ac lin 1 1k 1k\nlet result = vm({out})/vm(inp)", 2, 1e6)],
           summary="MOSFET differential pair",
           build=_diff_pair,
           names=('differential pair', 'NMOS differential pair', 'long-tailed pair', 'MOSFET differential amplifier'),
           rules=((6, ('differential (?:pair|amplifier)|long[- ]tailed',)),),
           source="V3",
           mos=True,
           noun="amplifier"),
    Family(kind="cmos_inverter",
           function=lambda f: [inverts(used(f, 'VDD')), *switches_at(f)],
           summary="CMOS inverter",
           build=lambda f: _cmos(f, "inverter"),
           names=('CMOS inverter', 'inverter', 'static CMOS inverter'),
           rules=((5, ('\\binverter\\b',)), (43, ('\\bcmos\\b',))),
           analysis="tran",
           tran=('10p', '40n'),
           source="V2",
           mos=True,
           transient=40e-9),
    Family(kind="cmos_nand",
           function=lambda f: [gate_function(f, (False, True, True, True))],
           summary="CMOS NAND gate",
           build=lambda f: _cmos(f, "nand"),
           names=('CMOS NAND gate', 'two-input NAND gate', 'NAND gate', '2-input CMOS NAND'),
           rules=((4, ('\\bnand2?\\b',)),),  # "NAND2": the cell name of the two-input gate
           analysis="tran",
           tran=('10p', '40n'),
           source="V2",
           mos=True,
           transient=40e-9),
    Family(kind="opamp_inverting",
           function=lambda f: [expect('gain', -_feedback(f, True), 0.03), *_rests_at_mid_rail(f)],
           summary="inverting op-amp amplifier",
           build=lambda f: _opamp(f, "inverting"),
           names=('inverting op-amp amplifier', 'inverting amplifier', 'op amp inverting amplifier'),
           # (not a transistor stage said to invert: "single NPN amplifier ..., inverting, |Av| around 5")
           rules=((13, (r'inverting(?!\s+(?:input|terminal|pin|node|side))',
                        r'^(?![\s\S]*\b(?:npn|pnp|bjts?|bipolar|transistors?|[np]mos|mosfets?|jfets?)\b)'
                        r'|\bop[- ]?amps?\b|operational')),
                  # "op-amp XU3 with its + input on ground": an op-amp stage whose + input is grounded inverts
                  (46.5, (r'op[- ]?amp|operational',
                          r'(?:(?<![\w+-])\+|\bnon[- ]?inverting|\bplus|\bpositive)\s*(?:input|in|terminal|pin)?\s*'
                          r'(?:is\s+)?(?:(?:on|at|to|tied\s+to|=)\s*(?:the\s+)?(?:ground|gnd|0)\b|grounded\b)'))),
           noun="amplifier",
           specs=('gain', 'gain_db'),
           examples=(('gain', 'inverting amplifier with a gain of -{x}', 1.5, 50),
                     ('gain_db', 'inverting op-amp amplifier with {x} dB gain', 3, 30))),
    Family(kind="opamp_noninverting",
           function=lambda f: [expect('gain', 1 + _feedback(f, False), 0.03), *_rests_at_mid_rail(f)],
           summary="non-inverting op-amp amplifier",
           build=lambda f: _opamp(f, "noninverting"),
           names=('non-inverting amplifier', 'noninverting op-amp amplifier', 'op-amp amplifier',
                  'non-inverting op amp stage'),
           rules=((12, (r'non[- ]?inverting(?!\s+(?:input|terminal|pin|node|side))',)),
                  (47, ('op[- ]?amp|operational amplifier',))),
           noun="amplifier",
           specs=('gain', 'gain_db'),
           examples=(('gain', 'non-inverting amplifier with a gain of {x}', 1.5, 50),
                     ('gain_db', 'non-inverting op-amp amplifier, {x} dB gain', 3, 30))),
    Family(kind="opamp_buffer",
           function=lambda f: [expect('gain', 1.0, 0.01)],
           summary="op-amp voltage follower",
           build=lambda f: _opamp(f, "buffer"),
           names=('voltage follower', 'op-amp buffer', 'unity-gain buffer'),
           # "drive a 100 ohm load ... without pulling the reading down" (an op-amp's; "without loading" is the function
           # words')
           rules=((18, ('voltage follower|buffer',)),
                  # "node bgout has to hold that same 1.25 V while a 50 ohm load hangs on it. Ideal op-amp": a
                  # level copied onto a load (before the circuit that makes the level, a bandgap's: 5.6)
                  (5.5, (r'\b(?:hold|keep|copy|follow|track|repeat|present|give)\w*\s+(?:exactly\s+)?(?:that|the)\s+'
                         r'same\b', r'op[- ]?amp|operational', r'\bload\b')),
                  (17.9, (r'\bwithout\s+(?:pulling|dragging|bogging)\b'
                          r'(?:\s+(?:it|the\s+\w+|my\s+\w+|its\s+\w+))?(?:\s+down)?', r'op[- ]?amp|operational',
                          r'^(?![\s\S]*(?:\b(?:gain|times|amplif\w*|invert\w*|boost\w*|louder)\b|\d\s*db\b))')))),
    Family(kind="opamp_integrator",
           function=_integrates,
           summary="op-amp integrator",
           build=lambda f: _opamp(f, "integrator"),
           names=('op-amp integrator', 'integrator', 'inverting integrator', 'Miller integrator'),
           rules=((11, ('integrator',)),),
           analysis="tran",
           tran=('5u', '3m'),
           specs=('ugbw',),
           examples=(('ugbw', 'op-amp integrator with a unity-gain frequency of {x} Hz', 10, 10000),)),
    Family(kind="active_lowpass",
           function=lambda f: [_sallen_key(f, False)],
           summary="Sallen-Key active low-pass filter",
           build=lambda f: _opamp(f, "active_lowpass"),
           names=('Sallen-Key low-pass filter', 'active low-pass filter', 'op-amp low-pass filter',
                  'second-order Sallen-Key LPF'),
           rules=((9, ('sallen|active|op[- ]?amp|operational', 'low[- ]?pass|\\blpf\\b')), (10, ('sallen[- ]key',))),
           noun="filter",
           accepts='butterworth|second[- ]order|2nd[- ]order',
           specs=('cutoff', 'f0', 'q'),
           examples=(('cutoff', 'Butterworth Sallen-Key low-pass filter, cutoff {x} Hz', 20, 20000.0),
                     ('f0', 'Sallen-Key low-pass filter with f0 = {x} Hz and Q = 1.5', 20, 20000.0),
                     ('q', 'Sallen-Key low-pass filter, f0 = 1 kHz, Q = {x}', 0.3, 5))),
    Family(kind="active_highpass",
           function=lambda f: [_sallen_key(f, True)],
           summary="Sallen-Key active high-pass filter",
           build=lambda f: _opamp(f, "active_highpass"),
           names=('Sallen-Key high-pass filter', 'active high-pass filter', 'op-amp high-pass filter'),
           rules=((8, ('sallen|active|op[- ]?amp|operational', 'high[- ]?pass|\\bhpf\\b')),),
           noun="filter",
           accepts='butterworth|second[- ]order|2nd[- ]order',
           specs=('cutoff', 'f0', 'q'),
           examples=(('cutoff', 'Sallen-Key high-pass filter, cutoff {x} Hz', 20, 20000.0),
                     ('f0', 'second-order Sallen-Key high-pass filter, f0 = {x} Hz, Q = 0.9', 20, 20000.0),
                     ('q', 'Sallen-Key high-pass filter with f0 = 300 Hz and a Q of {x}', 0.3, 5))),
    Family(kind="rc_oscillator",
           function=lambda f: [expect('frequency', 1 / (2 * math.pi * used(f, 'R') * used(f, 'C')), 0.1)],
           summary="Wien-bridge RC oscillator",
           build=_rc_oscillator,
           names=('Wien-bridge oscillator', 'RC oscillator', 'Wien bridge oscillator'),
           rules=((2, ('rc oscillator|wien',)),),
           analysis="tran",
           tran=('10u', '20m'),
           noun="oscillator",
           specs=('frequency',),
           examples=(('frequency', 'Wien bridge oscillator that oscillates at {x} Hz', 100, 20000.0),)),
    Family(kind="phase_shift_oscillator",
           function=lambda f: [expect('frequency', 1 / (2 * math.pi * math.sqrt(6) * used(f, 'R') * used(f, 'C')),
                                       0.15)],
           summary="three-section RC phase-shift oscillator",
           build=_phase_shift_oscillator,
           names=('RC phase-shift oscillator', 'phase-shift oscillator', 'phase shift oscillator'),
           rules=((1, ('phase[- ]shift oscillator',)),),
           analysis="tran",
           tran=('10u', '30m'),
           noun="oscillator",
           accepts=r"amplifiers?",  # the inverting amplifier its RC sections feed is part of it
           specs=('frequency',),
           examples=(('frequency', 'RC phase-shift oscillator running at {x} Hz', 100, 5000.0),)),
    Family(kind="bjt_switch",
           function=lambda f: [settles('switches: the collector swings from near 0 V to near the supply',
                                        0.8 * abs(used(f, 'VDD')), 1e3, how='pp')],
           summary="NPN transistor switch",
           build=_bjt_switch,
           names=('NPN transistor switch', 'BJT switch', 'bipolar transistor used as a switch'),
           rules=((21, ('\\b(?:npn|bjts?|bipolar|transistor)\\b', '\\bswitch(?:es|ing)?\\b(?!\\s+frequency)')),),
           analysis="tran",
           tran=('2u', '3m'),
           source="V2"),
    Family(kind="transimpedance",
           function=lambda f: [expect('vout', _photocurrent_sign(f) * used(f, 'IBIAS', 'IREF') * used(f, 'RF', 'R'),
                                      0.03)],
           summary="photodiode transimpedance amplifier",
           build=_transimpedance,
           source="I1",
           names=('transimpedance amplifier', 'photodiode transimpedance amplifier', 'TIA front end'),
           # ("a photodiode ... turned into a voltage, 1 V per 10 uA": its current made a voltage, volts per amp)
           rules=((3, ('trans-?impedance|\\btia\\b',)),
                  (25.5, ('photo[- ]?diode|photo[- ]?detector',
                          '\\binto\\s+(?:a\\s+)?voltage|\\bv(?:olts?)?\\s+(?:per|for\\s+every)\\s+[\\d.]*\\s*[µμumn]?a\\b'))),
           noun="amplifier",
           accepts=r"current\s+source",  # its input: the photodiode modelled as one
           specs=('vout', 'cutoff'),
           examples=(('vout', 'transimpedance amplifier turning a 10 uA photocurrent into {x} V at out', 0.1, 5),
                     ('cutoff', 'transimpedance amplifier turning a 10 uA photocurrent into 1 V at out, rolling off at '
                      '{x} Hz', 1e3, 1e5))),
    Family(kind="ring_oscillator",
           function=lambda f: [settles('oscillates: the output swings over most of the supply',
                                       0.8 * used(f, 'VDD', 'VIN'),
                                       1e3,
                                        how='pp')],
           summary="CMOS ring oscillator (three inverters unless the request gives the count)",
           build=_ring_oscillator,
           ports=(("stage", (*(f"n{k}" for k in range(1, 64)), "out")),),
           names=('ring oscillator', 'three-stage CMOS ring oscillator', '3-stage ring oscillator',
                  'ring of five CMOS inverters'),
           rules=((0, ('ring oscillator|ring\\s+of\\s+\\w+\\s+(?:cmos\\s+)?inverters',)),),
           analysis="tran",
           tran=('1p', '5n'),
           mos=True,
           transient=40e-9,
           noun="oscillator"),
    Family(kind="buck_converter",
           function=lambda f: [expect('vout', used(f, 'VIN', 'VDD') * used(f, 'DUTY'), 0.15)],
           summary="buck (step-down) converter",
           build=lambda f: _converter(f, False),
           names=('buck converter', 'step-down converter', 'DC-DC buck converter', 'step-down switching regulator'),
           rules=((19, ('\\bbuck\\b|step[- ]down',)),),
           analysis="tran",
           noun="converter",
           specs=('vout',),
           examples=(('vout', 'buck converter from 12 V with {x} V output', 3, 9),)),
    Family(kind="boost_converter",
           function=lambda f: [expect('vout', used(f, 'VIN', 'VDD') / (1 - used(f, 'DUTY')), 0.15)],
           summary="boost (step-up) converter",
           build=lambda f: _converter(f, True),
           names=('boost converter', 'step-up converter', 'DC-DC boost converter'),
           # "boost the signal by 20 dB" is the verb of an amplifier, not this converter
           # ("boost a 10 mV signal to 1 V", "boost my mic's output": a signal of any size or source)
           rules=((20, ('\\bboost\\b(?!(?:s|ing)?\\s+(?:the\\s+|its\\s+|an?\\s+|my\\s+|this\\s+)?(?:[^\\s;]+\\s+){0,3}?'
                        '(?:signal|gain|volume|audio|amplitude|level|bass|treble|input|output)\\b'
                        '|[^.;]{0,30}?\\bby\\s+[\\d.]+\\s*db\\b)'
                        '|step[- ]up',)),),
           analysis="tran",
           noun="converter",
           specs=('vout',),
           examples=(('vout', 'boost converter from 5 V with {x} V output', 7, 15),)),
    Family(kind="photodiode",
           function=_photocurrent,
           summary="photodiode with load resistor",
           build=_photodiode,
           names=('photodiode circuit', 'photodiode with a load resistor', 'reverse-biased photodiode',
                  'photodetector front end'),
           rules=((26, ('photo[- ]?diode|photo[- ]?detector',)),)),
    Family(kind="wheatstone_bridge",
           function=_bridge,
           summary="Wheatstone bridge sensor",
           build=_wheatstone,
           names=('Wheatstone bridge', 'Wheatstone bridge sensor', 'strain gauge bridge',
                  'piezoresistive pressure sensor bridge'),
           rules=((27, ('wheatstone|pressure sensor|strain gauge|piezoresist',)),),
           analysis="op",
           accepts='full[- ]bridge\\s+(?:driver|inverter|converter)'),
    Family(kind="mems_resonator",
           function=lambda f: [expect('center', 1 / (2 * math.pi * math.sqrt(used(f, 'L') * used(f, 'C'))), 0.05)],
           summary="MEMS resonator equivalent circuit",
           build=_mems,
           names=('MEMS resonator', 'MEMS resonator equivalent circuit', 'MEMS resonator model'),
           rules=((29, ('\\bmems\\b|gyroscope',)), (33, ('resonator',)))),
    Family(kind="mems_accelerometer",
           function=_accelerates,
           summary="capacitive MEMS accelerometer",
           build=_accelerometer,
           names=('capacitive MEMS accelerometer', 'MEMS accelerometer', 'capacitive accelerometer'),
           rules=((28, ('accelerometer',)),)),
    Family(kind="generic",
           function=lambda f: [],
           summary="resistive divider (starting point)",
           build=_generic,
           names=(),
           rules=(),
           analysis="op"),
):
    register(_family)



def matches(low: str) -> str:
    """The family whose rule matches the lower-cased request first; "generic" when none does."""
    return match(low)[1]


# Rules from this rank on match a device or the parts a request names (a diode, a MOSFET, an
# op-amp, "RC"), not a circuit's name: what the request says the circuit does may name it better.
DEVICE_RANK = 38


def match(low: str) -> tuple[float, str]:
    """(rank, family) of the first rule the lower-cased request matches; (inf, "generic") when none does."""
    return next(((rank, kind) for rank, kind, patterns in rules() if all(re.search(p, low) for p in patterns)),
                (math.inf, "generic"))


def covered_spans(kind: str, low: str) -> list[tuple[int, int]]:
    """Where the request's words name the family (what its rules matched)."""
    # (a guard's lookahead, "^(?!...)", matches no words)
    return [m.span() for rank, k, patterns in rules() if k == kind for p in patterns for m in re.finditer(p, low)
            if m.end() > m.start()]


def family_of(kind: str) -> Family:
    return FAMILIES.get(kind, FAMILIES["generic"])


def default_analyses(family: Family, filler: _Filler, source: str) -> list[str]:
    if (filler.analysis or family.analysis) == "op":
        return [".op"]
    if family.analysis == "tran":
        tran = tuple(map(format_eng, filler.tran)) if filler.tran else family.tran
        if tran is None:  # a converter's builder sizes its own run; every other tran family states one
            raise ValueError(f"family '{family.kind}' gives no transient length")
        step, stop = tran
        return [f".tran {step} {stop}"]
    if family.analysis == "dc":
        return [f".dc {source} {family.dc_sweep}"]
    return [".ac dec 20 1 100meg"]


def _analysis_lines(intent: Intent, template: Family, filler: _Filler, source: str, body: str = "") -> list[str]:
    """The requested analyses (or the family's default), each with the probe batch mode needs."""
    directives = [a.directive for a in intent.analyses]
    if not intent.runs_analysis:  # none stated, or only a temperature to run at
        directives += default_analyses(template, filler, source)
    lines = []
    out = template.output
    for directive in directives:
        kind = directive.split()[0].lower()
        if kind == ".tf":  # the transfer function from this circuit's input source
            directive = f".tf {directive.split()[1] if len(directive.split()) > 1 else f'v({out})'} {source}"
        if kind == ".dc" and directive.split()[1].lower() != "temp":
            # Sweep the circuit's input source whatever the description called it; of several inputs, the one on the
            # node the request's swept source drives ("input nb swept by VNB": the gate's second input)
            parts = directive.split()
            stated = next((s.node for s in filler.request.sources if s.node and s.name
                           and s.name.upper() == parts[1].upper()), None)
            # (a source the request names and places where the family has none, "a DC source VW on wl_out and
            # sweep it", is added as stated: the sweep is its own)
            parts[1] = _source_on(body, stated) or (parts[1] if stated else source)
            directive = " ".join(parts)
        lines.append(directive)
        probe = {".ac": f".print ac vm({out}) vp({out})",
                 ".dc": f".print dc v({out})" + (f" i({source})" if template.current else ""),
                 # `all`: a named vector exists in only one of the two noise plots.
                 ".noise": ".print noise all"}.get(kind)
        if kind == ".noise":  # the requested range, on this circuit's output and input source
            lines[-1] = f".noise v({out}) {source} {' '.join(directive.split()[3:]) or 'dec 20 1 100meg'}"
        if kind == ".tran":
            lines += _transient_probes(directive, out, filler.measures)
        elif probe:
            lines.append(probe)
    return lines


def _source_on(body: str, node: str | None) -> str | None:
    """The voltage source of the family's netlist that drives `node` against ground, if one does."""
    return next((m[1] for m in re.finditer(r"^(V\w*)\s+(\S+)\s+0\b", body, re.MULTILINE | re.IGNORECASE)
                 if node and m[2].lower() == node.lower()), None)


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
    # interp: print every TSTEP, not every internal time point (fast edges make millions: a 40 ns clock over 1 ms
    # overran the runner's 2 MB output limit). ngspice 39 then measures a crossing inside the first TSTEP as -inf,
    # which the zero-crossing detector's recipe works around by its start.
    return [".options interp", f".print tran v({out})"]


_SOURCE_NAMED = re.compile(r"\bsource\s+(V\w*)|\b(V\w*)\s+drives\b|\bdriven\s+(?:by|from)\s+(V\w*)")


def _named_input(intent: Intent, body: str) -> str | None:
    """The input source's name when the request names it ("source VIN drives ...",
    "driven by VIN", "sweep VIN from 0 to 5 V") and no other element has it."""
    swept = [r.directive.split()[1] for r in intent.analyses if r.kind == "dc"]
    named = [m[1] or m[2] or m[3] for m in _SOURCE_NAMED.finditer(intent.description)]
    # a swept word is the request's own text ("0{a*b}"): escaped, never a pattern
    for name in [*named, *(w for w in swept if re.search(rf"\b{re.escape(w)}\b", intent.description))]:
        if name[0] == "V" and not re.search(rf"^{re.escape(name)} ", body, re.MULTILINE | re.IGNORECASE):
            return name
    return None


def title_for(intent: Intent) -> str:
    # (a request that opens with a dot line, ".tran 0.5u 2m please. ...", titles its netlist with its words: a title
    # that looked like a dot line would be taken for one by what edits the netlist after)
    text = " ".join(intent.description.split()).lstrip(".*+ ") or "generated circuit"
    return text if len(text) <= 70 else text[:67].rstrip() + "..."


def render(intent: Intent, request: Request | None = None) -> Rendered:
    """The family's netlist for an intent (and the request as the build read it, which the family's checks may
    consult): always parses and (for sane values) simulates."""
    template = family_of(intent.kind)
    filler = _Filler(intent, request)
    body = template.build(filler)
    # a builder that drives its input with a current source instead when asked ("a tank driven by a current source")
    # has I1 for its input source
    own = template.source if re.search(rf"^{template.source} ", body, re.MULTILINE) \
        or not re.search(r"^I1 ", body, re.MULTILINE) else "I1"
    # a voltage source's name never goes on a family's current source (a mirror's reference I1 would turn into a
    # voltage source of its current's value)
    source = (_named_input(intent, body) if own[:1].upper() == "V" else None) or own
    body = re.sub(rf"^{own} ", f"{source} ", body, flags=re.MULTILINE)
    analyses = _analysis_lines(intent, template, filler, source, body)
    params = ".param " + " ".join(f"{name}={value}" for name, value in filler.params.items())
    lines = [title_for(intent), params if filler.params else "", body, *filler.cards.values(), *analyses, ".end"]
    netlist = "\n".join(line for line in lines if line) + "\n"
    swept = {"TEMP_START", "TEMP_STOP"} if any(a.kind == "temp" for a in intent.analyses) else set()
    used = list(filler.used.values()) + [v for role, v in intent.values.items() if role in swept]
    unused = [v for role, v in intent.values.items() if role not in filler.used and role not in swept]
    warnings = [f"{v.text} ({v.role}) is not used by the {template.summary} template" for v in unused]
    if intent.kind not in FAMILIES:
        warnings.append(f"no family '{intent.kind}'; a {FAMILIES['generic'].summary} is given instead")
    function = [_source_named(check, source) for check in template.function(filler)] if template.function else []
    return Rendered(netlist, template.kind, used, unused, warnings, filler.defaults, function, source)


def _source_named(check: Spec | Probe, source: str) -> Spec | Probe:
    """A probe's `{src}`: the input source as this netlist names it."""
    return Probe(check.what, check.control.replace("{src}", source), check.low, check.high) \
        if isinstance(check, Probe) else check


def _photocurrent_sign(f: _Filler) -> float:
    """The transimpedance output's sign: the family's photocurrent leaves the summing node (v(out) = +I R); a current
    source the request pushes into a node replaces it (compose) and drives the output negative."""
    return -1.0 if any(s.kind == "I" and s.node for s in f.request.sources) \
        or PUSHED_IN.search(f.intent.description) else 1.0


def used(f: _Filler, role: str, *aliases: str, default: float | None = None) -> float:
    """The value a role had in the build (the request's, else `default`, else the default the
    builder first asked it with), read without recording a use."""
    value = next((f.intent.values[n].value for n in (role, *aliases) if n in f.intent.values),
                 default if default is not None else f.asked.get(role))
    if value is None:
        raise KeyError(role)
    return value


def expect(quantity: str, target: float, tolerance: float = 0.1) -> Spec:
    """A spec the family's values should meet by design."""
    spec = Spec("", quantity, target, tolerance)
    return Spec(f"function: {spec.describe()} (from the part values)", quantity, target, tolerance)


def settles(what: str, low: float, high: float, node: str = "{out}", how: str = "avg") -> Probe:
    """The average (or max, min, pp) of a node over the last half of the family's own transient."""
    return Probe(f"function: {what}", f"{{tran}}\nmeas tran result {how} v({node}) from={{half}} to={{stop}}",
                 low, high)


def roles(kind: str) -> dict[str, float]:
    """The roles a family reads, with their defaults (for tests and the dataset builder)."""
    filler = _Filler(example_intent(kind))
    FAMILIES[kind].build(filler)
    return filler.asked


def example_intent(kind: str) -> Intent:
    """A request for a family with no values given: the family's defaults."""
    return Intent(description=FAMILIES[kind].summary, kind=kind)


# The recipe modules register the families beyond the first catalog, each beside its builder.
from spice_lsp.generation import recipes  # noqa: E402,F401  (registers on import)


@functools.cache
def _rules(count: int) -> list[tuple[float, str, tuple[str, ...]]]:  # count: the key (a later family rebuilds)
    return sorted((rank, f.kind, patterns) for f in FAMILIES.values() for rank, patterns in f.rules)


def rules() -> list[tuple[float, str, tuple[str, ...]]]:
    """Every (rank, kind, patterns) rule, in the order the intent reader tries them; built when read, not at import:
    a recipe module imported first (compose imports recipes.sensors) imports this module before it registers."""
    return _rules(len(FAMILIES))
