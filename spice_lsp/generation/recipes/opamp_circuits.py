"""The op-amp circuit collection: difference and instrumentation amplifiers, the summing
amplifier, the Howland current source and the voltage-to-current converter (their load current
measured through the 0 V ammeter V9 on the output node), precision half- and full-wave rectifiers, the peak detector,
sample-and-hold, log and antilog amplifiers, the gyrator, the practical differentiator and
integrator, and the current-to-voltage converter. All on the behavioural op-amp (templates.OPAMP);
each loop stays closed (diodes steer the feedback) so the op-amp never saturates and winds up.
"""
from __future__ import annotations

import dataclasses
import math
import re
from collections.abc import Callable
from functools import lru_cache

from spice_lsp.generation.checklist import Probe
from spice_lsp.generation.design import E24, E96, given, set_value
from spice_lsp.generation.families import Family, expect, register, settles, stated_gain, stated_parameter, used
from spice_lsp.generation.ports import RAIL, read_ports
from spice_lsp.generation.recipes.filters import Aliases, designed, designer, part_values, parts
from spice_lsp.generation.recipes.words import TIME, seconds, word
from spice_lsp.generation.request import IDEALITY, read_request
from spice_lsp.generation.templates import _Filler, _opamp_block
from spice_lsp.language.units import format_eng, parse_number

OPAMP_WORDS = r"op[- ]?amps?|operational"


def _signal(f: _Filler, amplitude: float = 0.5, frequency: float = 1e3) -> str:
    return f"V1 in 0 DC 0 AC 1 SIN(0 {f('VIN', amplitude)} {f('FREQ', frequency)})"


def _gain_design(part: str, base: str, form: str, ratio_of: Callable[[float], float | None], scale: int):
    """Design from a gain (or dB) spec: `part` = ratio_of(gain) x `base` (the request's, or 10k); when the request
    gives `part` ("gain 50 set by a single 1k gain resistor") and not `base`, `base` = `part` / ratio. The gain moves
    with the part as part**scale (with `base` as base**-scale)."""
    def design_fn(intent, d, spec) -> None:
        d.claimed.add("GAIN")
        intent.values.pop("GAIN", None)
        gain = abs(spec.target) if spec.quantity == "gain" else 10 ** (spec.target / 20)
        ratio = ratio_of(gain)
        if ratio is None or ratio <= 0:
            d.problems.append(f"'{spec.text}': not a gain this circuit gives")
        elif part not in intent.values:
            set_value(intent, d, part, ratio * (given(intent, base) or 10e3), form, E96)
            d.free, d.scale = part, scale
        elif base not in intent.values:
            set_value(intent, d, base, intent.values[part].value / ratio, form, E96)
            d.free, d.scale = base, -scale
    return design_fn


def _gain_examples(name: str, high: float) -> tuple:
    return (("gain", f"{name} with a gain of {{x}}", 1.5, high), ("gain_db", f"{name} with {{x}} dB gain", 3, 30))


# --- what each circuit must do, from the values it was built with ------------------------------------

def _at_op(what: str, value: float, tolerance: float) -> Probe:
    """v(out) at the operating point within `tolerance` (relative) of `value`."""
    band = abs(value) * tolerance
    return Probe(f"function: {what}", "op\nlet result = v({out})", value - band, value + band)


_SUMMER_INNER = frozenset({"n", "out"})  # the summer's own nodes (a held input so named is not built under it)


def _summing_function(f: _Filler) -> list:
    rf, r1, r2 = used(f, "RF", "R"), used(f, "R1"), used(f, "R2")
    if len(held := held_inputs(f.intent.description, _SUMMER_INNER)) >= max(2, _input_count(f)):
        equal = _equal_weights(f, held)
        total = -rf * sum(level / used(f, f"R{k}", *equal) for k, (_, level) in enumerate(held, 1))
        return [expect("gain", -rf / used(f, "R1", *equal), 0.03),
                _at_op(f"adds its {len(held)} inputs: v(out) = -RF (v1/R1 + v2/R2 + ...)", total, 0.03)]
    if _input_count(f) <= 2 and (named := _named_inputs(f.intent.description)) is not None:  # (as _summing builds)
        _, _, va, vb = named
        return [expect("gain", -rf / r1, 0.03),
                _at_op("adds its inputs: v(out) = -RF (va/R1 + vb/R2)", -rf * (va / r1 + vb / r2), 0.03)]
    levels = _input_count(f) - 1  # the DC inputs, each VBIAS through its R2
    return [expect("gain", -rf / r1, 0.03),
            _at_op(f"adds the DC input{'s' if levels > 1 else ''}: v(out) = -RF {levels} VBIAS/R2",
                   -rf * levels * used(f, "VBIAS") / r2, 0.03)]


def _input_count(f: _Filler) -> int:
    """A summer's inputs: "three-input summer", "4 inputs"; two else."""
    return input_count(f.intent.description)


def input_count(text: str) -> int:
    """A summer's inputs: as many as it says ("three-input", "4 inputs") or names ("inputs a1, a2, a3 and a4",
    "out = -(v(p1) + v(p2) + v(p3))"), whichever is more; two else (up to eight)."""
    m = re.search(r"\b(three|four|[34])[- ]inputs?\b", text, re.IGNORECASE)
    said = 2 if m is None else {"three": 3, "four": 4}.get(m[1].lower()) or int(m[1])
    named = len(read_ports(text).roles.get("input", ()))
    return max(said, named) if named <= 8 else said


def _swept_only(f: _Filler) -> bool:
    """The request sweeps the input (a DC transfer curve) and asks no transient: a rectifier's function is read off
    that curve, 0.5 V either side of zero (the sine the family shows is not simulated)."""
    kinds = {a.kind for a in f.intent.analyses}
    return "dc" in kinds and "tran" not in kinds


_HALF_VOLT = "dc {src} -1 1 0.01\nmeas dc a find v({out}) at=0.5\nmeas dc b find v({out}) at=-0.5\n"


def _one_sided(f: _Filler) -> list:
    if _swept_only(f):
        return [Probe("function: passes one polarity whole (|v(out)| = 0.5 V at one of v(in) = ±0.5 V)",
                      _HALF_VOLT + "let result = max(abs(a), abs(b))", 0.49, 0.51),
                Probe("function: blocks the other (v(out) near 0 V at the other)",
                      _HALF_VOLT + "let result = min(abs(a), abs(b))", -0.01, 0.01)]
    peak = used(f, "VIN")
    return [Probe("function: passes one half of the sine whole and blocks the other (max + min = one peak)",
                  "{tran}\nmeas tran hi max v({out}) from={half} to={stop}\n"
                  "meas tran lo min v({out}) from={half} to={stop}\nlet result = abs(hi+lo)", 0.9 * peak, 1.05 * peak)]


def _absolute(f: _Filler) -> list:
    if _swept_only(f):
        return [Probe(f"function: |v(in)| at v(in) = {sign}0.5 V", _HALF_VOLT + f"let result = {at}", 0.49, 0.51)
                for sign, at in (("+", "a"), ("-", "b"))]
    peak = used(f, "VIN")
    return [settles("its output reaches the input's peak", 0.9 * peak, 1.05 * peak, how="max"),
            settles("its output never goes below zero (|v(in)|)", -0.05 * peak, 0.1 * peak, how="min")]


def _log_function(f: _Filler) -> list:
    saturation, n = _junction(f) if _DIODE_FEEDBACK.search(f.intent.description) else (1e-14, 1.0)
    vin = used(f, "VIN")
    x = -n * 0.02585 * math.log(vin / (used(f, "R", "R1", "RIN") * saturation))
    # at VIN on a short sweep of the input source (a stated sweep may have set the source's own level)
    return [Probe(f"function: v(out) = -n VT ln(VIN/(R Is)) = {x:.3g} V at VIN = {vin:g} V",
                  f"dc {{src}} {0.9 * vin:g} {1.1 * vin:g} {0.05 * vin:g}\nmeas dc result find v({{out}}) at={vin:g}",
                  x - 0.03, x + 0.03)]


# "a diode (IS = 1e-14) in the feedback path", "a diode as the feedback element": the junction is a diode
_DIODE_FEEDBACK = re.compile(r"\bdiode\b(?![^.;]{0,40}\b(?:connected|wired)\s+(?:bjt|transistor|npn))(?!.*\b(?:bjt|npn|"
                             r"transistor)\b)", re.IGNORECASE)


def _junction(f: _Filler) -> tuple[float, float]:
    """(Is, n) of the antilog's diode: an ideal junction unless the request states them."""
    ideal = IDEALITY.search(f.intent.description)
    return stated_parameter(f, "is", 1e-14), float(ideal["n"]) if ideal else stated_parameter(f, "n", 1.0)


def _antilog_function(f: _Filler) -> list:
    saturation, n = _junction(f)
    vin = used(f, "VIN")
    x = -used(f, "RF", "R") * saturation * math.exp(vin / (n * 0.02585))
    # At VIN on a short sweep of the input source (the source's own level may be the request's).
    return [Probe(f"function: v(out) = -RF Is exp(VIN/(n VT)) = {x:.3g} V at VIN = {vin:g} V",
                  f"dc {{src}} {vin - 0.01:g} {vin + 0.01:g} 0.005\nmeas dc result find v({{out}}) at={vin:g}",
                  x - 0.1 * abs(x), x + 0.1 * abs(x))]


def _differentiates(f: _Filler) -> list:
    t = _triangle_period(f)
    slope = 2 * used(f, "VIN") / (0.49 * t)  # the triangle's ramps
    c = used(f, "C", "C1", "CIN")
    x = (_unity_rf(f) or used(f, "RF", "R")) * c * slope
    # a series resistor in the input leg: the output settles to that with the time constant R1 C, 0.245 T into the ramp
    if (series := next((f.intent.values[r].value for r in _series_roles(f) if r in f.intent.values), None)):
        x *= 1 - math.exp(-0.245 * t / (series * c))
    return [Probe(f"function: its output is -RF C dv/dt = {x:.3g} V mid-way down the falling ramp",
                  f"{{tran}}\nmeas tran result find v({{out}}) at={format_eng(0.745 * t)}", 0.9 * x, 1.1 * x)]


# --- difference, instrumentation and summing amplifiers ---------------------------------------------

# The two inputs a request names: "out = 10 x (v(a) - v(b))", "inputs inp and inn", "inputs inp at 1.2 V DC
# and inn at 1.0 V DC".
# ("d = 3(x - y)", "vo = 2 × (sp − sm)": the difference without v( ))
_TWO_INPUTS = re.compile(r"v\((\w+)\)\s*[-+]\s*(?:[\d.]+\s*[×x*·]?\s*)?v\((\w+)\)|\binputs\s+(?!are\b|at\b)(\w+)"
                         r"(?:\s+at\s+[-+]?[\d.]+\s*V(?:\s+DC)?|\s*\([^)]*\))?\s+and\s+(\w+)\b"
                         r"|\bdifference\s+(?:between|of)\s+(?:nodes\s+)?(\w+)\s+and\s+(\w+)\b"
                         r"|=\s*(?:[\d.]+\s*[×x*·]?\s*)?\(\s*([a-z_]\w*)\s*[-\u2212]\s*([a-z_]\w*)\s*\)", re.IGNORECASE)
# "out = 10 x (v(a) - v(b))", "d = 3(x - y)": the gain written as the output's equation of a difference.
_EQUATION_GAIN = re.compile(r"=\s*([\d.]+)\s*(?:[×x*·]\s*)?\(\s*(?:v\(\s*)?[a-z_]\w*\s*\)?\s*[-\u2212]", re.IGNORECASE)


def _named_inputs(description: str) -> tuple[str, str, float, float] | None:
    """The two input nodes the request names and the DC level it gives each ("a at 1.1 V", "x sits at
    3 V", "a is 0.5 V DC", "2.505 V on inp"; 0 when none)."""
    m = _TWO_INPUTS.search(description)
    if m is None:
        return None
    p, n = next((m[k], m[k + 1]) for k in (1, 3, 5, 7) if m[k])

    def level(node: str) -> float:
        at = re.search(rf"\b{node}\s*(?:\s(?:at|=|is|(?:sits|is|held|is\s+held)\s+at)|\()\s*([-+]?[\d.]+)\s*V\b"
                       rf"|([-+]?[\d.]+)\s*V\s+(?:DC\s+)?(?:on|at)\s+{node}\b", description, re.IGNORECASE)
        return float(at[1] or at[2]) if at else 0.0
    return p, n, level(p), level(n)


def _input_sources(f: _Filler, p: str, n: str, levels: tuple[float, ...]) -> list[str]:
    """The two inputs' sources, the first carrying the AC signal; a level the reader took for a role
    ("inn at 1.0 V DC" read as the supply) is that input's, the op-amp keeping its default rails."""
    for role, value in list(f.intent.values.items()):
        if role in ("VIN", "VDD", "VBIAS") and value.value in levels:
            f.given(role, value.value)
            if role == "VDD":
                f.param("vdd", "12")  # the op-amp's rails, before _opamp_block reads the supply
    return [f"V1 {p} 0 DC {levels[0]:g} AC 1", f"V2 {n} 0 DC {levels[1]:g}"]


# The difference and instrumentation amplifiers' inner nodes: a node the request holds at a level is built
# under its name unless the circuit has an inner node of that name (compose.py then names the inputs, or reports).
_INNER = frozenset({"n", "p", "n1", "n2", "n3", "o1", "o2", "p3", "out"})
# "inp", "vin_p", "plus", "in+": the + input; "inn", "vin_m", "minus", "in-": the - input
_PLUS, _MINUS = re.compile(r"(?:p|plus|pos|\+)$", re.IGNORECASE), re.compile(r"(?:n|m|minus|neg|-)$", re.IGNORECASE)


@lru_cache(maxsize=64)  # the builder, its function and its design each ask (read_request is the cost)
def held_inputs(description: str, inner: frozenset[str]) -> tuple[tuple[str, float], ...]:
    """The input nodes the request holds at DC levels ("s1 at 0.3 V, s2 at 0.4 V", "inn at 2 V and inp at
    2.01 V"), in the order it states them: each a source of its own on a named node that is no supply rail;
    none when one is named like an `inner` node of the circuit."""
    # (a named source holds its node too: "sa (VSA, 0.5 V)", "node dfp (VDP holds it at 1.2 V)"; where the reader
    # leaves its node unsaid, the node's aside says it)
    asides = read_ports(description).sources
    placed = [(s.node or (asides.get(s.name.upper()) if s.name else None), s)
              for s in read_request(description).sources]
    held = {node: s.dc for node, s in placed
            if node and node != "0" and s.dc is not None and not s.supply and not RAIL.match(node)}
    return () if inner & held.keys() else tuple(held.items())


def _polarity(pair: tuple[tuple[str, float], ...]) -> tuple[tuple[str, float], ...]:
    """Two held inputs as (+, -): by their names when these say it (inn before inp: inp is +), else as stated."""
    (a, _), (b, _) = pair
    return pair[::-1] if _MINUS.search(a) and _PLUS.search(b) and not _PLUS.search(a) else pair


# The output's reference ("shifted up by a 2.5 V reference on node vref", "its REF end tied to 1.5 V (node refv)",
# "Vref = 2.5V on node vr"): R4's foot goes there instead of ground, so the output rests at it for equal inputs.
_REF_WORDS = r"\b(?:ref(?:erence[ds]?)?|vref)\b"
_REF_NODE = re.compile(rf"{_REF_WORDS}(?:[^.;]|\.\d){{0,50}}?\bnode\s+(?P<n>[a-z_]\w*)"
                       rf"|\bnode\s+(?P<m>[a-z_]\w*)\s*(?:\(\s*)?(?:the\s+|as\s+the\s+)?{_REF_WORDS}", re.IGNORECASE)
_REF_LEVEL = re.compile(rf"(?P<v>[-+]?\d*\.?\d+)\s*V\s+(?:dc\s+)?{_REF_WORDS}"
                        rf"|{_REF_WORDS}(?:\s+(?!node\b)[a-z]+){{0,3}}?\s*(?:=|:|at|to|of|is)\s*(?P<w>[-+]?\d*\.?\d+)\s*V\b",
                        re.IGNORECASE)


def reference_level(f: _Filler) -> tuple[str, float, str] | None:
    """The difference amplifier's output reference the request states: (node, level, the level as written, a
    role's text where the reader took it for one); none when it states no level."""
    said = _REF_LEVEL.search(f.intent.description)
    node = _REF_NODE.search(f.intent.description)
    name = (node["n"] or node["m"]) if node else "vref"
    held = dict(held_inputs(f.intent.description, frozenset()))
    level = held.get(name) if name in held else float(said["v"] or said["w"]) if said else None
    if level is None:
        return None
    role = next((r for r, v in f.intent.values.items() if r in ("VBIAS", "VREF", "VIN", "VDD")
                 and math.isclose(v.value, level)), None)
    return name, level, f(role, level) if role else f"{level:g}"


def _inputs(f: _Filler, amplitude: float, inner: frozenset[str] = _INNER,
            aside: str | None = None) -> tuple[str, str, list[str]]:
    """The + and - input nodes and their sources: in and ref, at the levels the request names them at
    (compose.py gives them the request's names), or the two nodes it holds at levels (but `aside`, the
    output's reference), built under their names; else in a sine and ref VBIAS."""
    named = _named_inputs(f.intent.description)
    if named is not None and not inner & {named[0].lower(), named[1].lower()}:  # built under the names it states
        return named[0], named[1], _input_sources(f, named[0], named[1], (named[2], named[3]))
    if named is not None:
        return "in", "ref", _input_sources(f, "in", "ref", (named[2], named[3]))
    if len(held := tuple(h for h in held_inputs(f.intent.description, inner) if h[0] != aside)) == 2:
        (p, vp), (n, vn) = _polarity(held)
        return p, n, _input_sources(f, p, n, (vp, vn))
    # (with an output reference, a stated bias level is that reference's: the - input then sits at 0 V)
    return "in", "ref", [_signal(f, amplitude), f"V2 ref 0 DC {f('VBIAS', 0) if aside is None else 0}"]


def _difference(f: _Filler) -> str:
    stated = _EQUATION_GAIN.search(f.intent.description)
    r1 = f("R1", 10e3, "R")
    r2 = f("R2", float(stated[1]) * f.number("R1", 10e3, "R") if stated else 10e3, "RF")
    ref = reference_level(f)
    p, n, sources = _inputs(f, 0.5, aside=ref[0] if ref else None)  # before the op-amp's rails: an input's level
    # is no supply; Vout = (R2/R1) (v(p) - v(n)) + VREF with R3 = R1, R4 = R2 matched.
    foot = [f"V3 {ref[0]} 0 DC {ref[2]}"] if ref else []
    return "\n".join([_opamp_block(f), *sources, *foot, f"R1 {n} n {r1}",
                      f"R2 n out {r2}", f"R3 {p} p {r1}", f"R4 p {ref[0] if ref else 0} {r2}", "X1 p n out opamp"])


def _difference_function(f: _Filler) -> list:
    """The gain R2/R1; with a reference and both inputs held, the output's level VREF + R2/R1 (v+ - v-)."""
    gain = used(f, "R2", "RF") / used(f, "R1", "R")
    checks: list = [expect("gain", gain, 0.03)]
    ref = reference_level(f)
    held = tuple(h for h in held_inputs(f.intent.description, _INNER) if ref and h[0] != ref[0])
    if ref and len(held) == 2:
        (_, vp), (_, vn) = _polarity(held)
        want = ref[1] + gain * (vp - vn)
        checks.append(Probe(f"function: the output rests at the reference plus the gain times the difference, "
                            f"{want:.4g} V", "op\nlet result = v({out})", want - 0.02 * abs(want) - 0.01,
                            want + 0.02 * abs(want) + 0.01))
    return checks


register(Family(kind="difference_amplifier", summary="op-amp difference amplifier (subtractor)", build=_difference,
                function=_difference_function,
                names=("difference amplifier", "op-amp subtractor", "op-amp differential amplifier",
                       "subtractor circuit", "diff amp with a reference"),
                rules=((5.3, (r"difference\s+amp(?:lifier)?\b|subtract(?:or|ing amplifier)",)),
                       (5.31, (OPAMP_WORDS, r"differential amplifier")),
                       # "diff amp, G=5": an op-amp's, unless transistors are named (their pairs' rules)
                       (5.32, (r"diff\.?\s+amp(?:lifier)?\b", r"^(?![\s\S]*\b(?:[np]mos|mosfets?|bjts?|[np]pns?|jfets?|"
                                                   r"transistors?|fets?)\b)"))),
                noun="amplifier", accepts=r"subtractor|difference\s+amp(?:lifier)?", specs=("gain", "gain_db"),
                design=_gain_design("R2", "R1", "gain = R2/R1", lambda g: g, 1),
                examples=_gain_examples("difference amplifier", 50)))


def _instrumentation(f: _Filler) -> str:
    r, rg, r2, r3 = f("R", 10e3), f("RG", 2.2e3), f("R2", 10e3), f("R3", f.number("R2", 10e3))
    # Two followers with gain 1 + 2R/RG drive a difference stage of gain R3/R2.
    p, n, sources = _inputs(f, 0.05)  # before the op-amp's rails: an input's level is no supply
    return "\n".join([_opamp_block(f), *sources,
                      f"X1 {p} n1 o1 opamp", f"X2 {n} n2 o2 opamp", f"R1 o1 n1 {r}", f"R4 o2 n2 {r}",
                      f"RG n1 n2 {rg}", f"R5 o2 n3 {r2}", f"R6 n3 out {r3}", f"R7 o1 p3 {r2}", f"R8 p3 0 {r3}",
                      "X3 p3 n3 out opamp"])


register(Family(kind="instrumentation_amplifier", summary="three-op-amp instrumentation amplifier",
                function=lambda f: [expect("gain", (1 + 2 * used(f, "R") / used(f, "RG"))
                                           * used(f, "R3") / used(f, "R2"), 0.03)],
                build=_instrumentation,
                names=("instrumentation amplifier", "three op-amp instrumentation amplifier", "in-amp",
                       "INA instrumentation amplifier"),
                rules=((5.4, (r"instrumentation|" + word("in") + r"-?amp\b",)),), noun="amplifier",
                # "(unity-gain difference stage, 10k resistors)": the output stage's resistors, not the followers'
                words=((r"difference\s+(?:stage|amp\w*)|subtractor|output\s+stage|second\s+stage", {"ohm": "R2"}),
                       # ("24.9k for the two input-stage feedback resistors": the followers' feedback resistors R)
                       (r"input[- ]stage|first[- ]stage|followers?'?\s+feedback|feedback\s+resistors?\s+of\s+the\s+"
                        r"(?:input|first)|(?:around|across|on)\s+the\s+input\s+(?:buffers|followers|op-?amps)",
                        {"ohm": "R"})),
                specs=("gain", "gain_db"),
                design=_gain_design("RG", "R", "gain = (1 + 2R/RG) R3/R2, R3 = R2",
                                    lambda g: 2 / (g - 1) if g > 1 else None, -1),
                examples=_gain_examples("instrumentation amplifier", 200)))


# "out = -(a + 2b + 0.5 x c)", "vout = -(v(s1) + 3 v(s2))": the sum the output equation writes
_SUM = re.compile(r"=\s*[-\u2212]\s*\((?P<sum>(?:[^()]|\([^()]*\))*)\)")
# "weights 1, 2 and 4", "with weights of 2, 1, 1": one per input, in the order the inputs are stated
_WEIGHT_LIST = re.compile(r"\bweights?\s+(?:of\s+)?(?P<list>[\d.]+(?:\s*(?:,\s*(?:and\s+)?|and\s+)[\d.]+)+)",
                          re.IGNORECASE)


def _weights(description: str, nodes: list[str]) -> list[float]:
    """Each input's weight in the sum the request writes ("out = -(a + 2b)", "-(0.5 x a + b)", "weights 1, 2
    and 4"); 1 each else."""
    if m := _SUM.search(description):
        found = [re.search(rf"(?:([\d.]+)\s*[×x*·]?\s*)?(?:v\()?(?<![A-Za-z_.]){re.escape(node)}\b", m["sum"],
                           re.IGNORECASE) for node in nodes]
        if all(found):
            return [float(w[1] or 1) for w in found if w]
    if (listed := _WEIGHT_LIST.search(description)) and len(ws := re.findall(r"[\d.]+", listed["list"])) == len(nodes):
        return [float(w) for w in ws]
    # "Weight s1 by -2 and s2 by -4", "s1 weighted 2, s2 weighted 4": each input's own (the sum's sign is the circuit's)
    each = [re.search(rf"\bweight\w*\s+(?:input\s+)?{re.escape(node)}\s+(?:by|with|at)\s+[-\u2212]?(?P<w>\d+(?:\.\d+)?)"
                      rf"|\b{re.escape(node)}\s+(?:is\s+)?weighted\s+(?:by\s+)?[-\u2212]?(?P<w2>\d+(?:\.\d+)?)"
                      rf"|(?<=\band\s){re.escape(node)}\s+by\s+[-\u2212]?(?P<w3>\d+(?:\.\d+)?)",
                      description, re.IGNORECASE) for node in nodes]
    if all(each):
        return [float(w["w"] or w["w2"] or w["w3"]) for w in each if w]
    return [1.0] * len(nodes)


def _equal_weights(f: _Filler, held: tuple[tuple[str, float], ...]) -> tuple[str, ...]:
    """The role each held input's resistor falls back on: the one input resistor the request states ("each through
    10k", R) where the inputs weigh alike; none where they are weighted (each RF/weight)."""
    return ("R",) if all(w == 1 for w in _weights(f.intent.description, [node for node, _ in held])) else ()


def _summing(f: _Filler) -> str:
    rf = f("RF", 10e3, "R")
    if len(held := held_inputs(f.intent.description, _SUMMER_INNER)) >= max(2, _input_count(f)):
        # "s1 at 0.3 V, s2 at 0.4 V, ...": each input its own source at its level, through RF/weight
        levels = [level for _, level in held]
        sources = _input_sources(f, held[0][0], held[1][0], tuple(levels))
        sources += [f"V{k} {node} 0 DC {level:g}" for k, (node, level) in enumerate(held[2:], start=3)]
        weights, equal = _weights(f.intent.description, [node for node, _ in held]), _equal_weights(f, held)
        inputs = [f"R{k} {node} n {f(f'R{k}', f.number('RF', 10e3, 'R') / w, *equal)}"
                  for k, ((node, _), w) in enumerate(zip(held, weights), 1)]
        return "\n".join([_opamp_block(f), *sources, *inputs, f"R{len(held) + 1} n out {rf}", "X1 0 n out opamp"])
    named = _named_inputs(f.intent.description) if _input_count(f) <= 2 else None
    if named is not None:  # "inputs a and b ... out = -(a + 2b)": Rk = RF/wk, each input at its level
        a, b, *levels = named
        wa, wb = _weights(f.intent.description, [a, b])
        sources = _input_sources(f, "in", "in2", (levels[0], levels[1]))  # compose.py names them a and b
        r1, r2 = f("R1", f.number("RF", 10e3, "R") / wa), f("R2", f.number("RF", 10e3, "R") / wb)
        return "\n".join([_opamp_block(f), *sources, f"R1 in n {r1}", f"R2 in2 n {r2}", f"R3 n out {rf}",
                          "X1 0 n out opamp"])
    # Vout = -RF (v(in)/R1 + v(in2)/R2): V1 a sine, V2 a DC level the output is shifted by.
    # A third or fourth input ("three-input summer") is one more such DC level through its own R2.
    more = [row for k in range(3, _input_count(f) + 1)
            for row in (f"V{k} in{k} 0 DC {f('VBIAS', 1)}", f"R{k + 1} in{k} n {f('R2', 10e3)}")]
    return "\n".join([_opamp_block(f), _signal(f), f"V2 in2 0 DC {f('VBIAS', 1)}", *more[0::2],
                      f"R1 in n {f('R1', 10e3)}", f"R2 in2 n {f('R2', 10e3)}", f"R3 n out {rf}", *more[1::2],
                      "X1 0 n out opamp"])


register(Family(kind="summing_amplifier", summary="inverting summing amplifier (op-amp adder)", build=_summing,
                function=_summing_function,
                names=("summing amplifier", "op-amp summer", "inverting summing amplifier", "op-amp adder"),
                # ("its collector on the summing node": a node of another circuit's, no summer)
                rules=((5.5, (r"summing(?!\s+(?:node|junction|point)\b)|" + word("summer")
                              + r"\b|(?:op[- ]?amp|analog|inverting)\s+adder",)),),
                noun="amplifier", accepts=r"adder|summer", analysis="tran", tran=("5u", "3m")))


# "an op-amp averager", "averaging amplifier": the inputs' mean (gain 1); else a non-inverting summer's sum
_AVERAGES = re.compile(r"averag(?:er|ing|es?)\b", re.IGNORECASE)
_NONINVERTING_INNER = frozenset({"p", "n", "out"})


def _summed_count(text: str) -> int:
    """How many inputs the non-inverting summer has: those held at levels, else as many as the request says."""
    held = held_inputs(text, _NONINVERTING_INNER)
    return len(held) if len(held) >= max(2, input_count(text)) else input_count(text)


def _summed_inputs(f: _Filler) -> list[tuple[str, float | None]]:
    """The non-inverting summer's inputs (node, DC level): the ones the request holds at levels, else in (the
    sine, None) and in2 ... (DC levels VBIAS), as many as it says ("three-input"; two else)."""
    held = held_inputs(f.intent.description, _NONINVERTING_INNER)
    if len(held) == (count := _summed_count(f.intent.description)):
        return list(held)
    return [("in", None), *((f"in{k}", used(f, "VBIAS", default=1.0)) for k in range(2, count + 1))]


def stage_gain(description: str, said: str) -> bool:
    """Whether the gain said in `said` is the op-amp stage's own (1 + RF/RG), not each input's: said of the op-amp or
    the stage ("gain 3 on the op-amp", "the op-amp's gain of 3", "stage gain 2", "op-amp closed-loop gain 4"); "a
    summing amplifier with a gain of 3" is each input's."""
    if not said or said not in description:
        return False
    stage = r"(?:op[- ]?amps?|(?:op[- ]?amp|amplifier)\s+stage|stage)"
    return re.search(rf"{re.escape(said)}\s+(?:on|of|for|in|from|around|set\s+(?:on|by))\s+(?:the\s+|its\s+)?{stage}\b"
                     rf"|\b{stage}(?:'s)?\s+(?:own\s+)?(?:closed[- ]loop\s+)?{re.escape(said)}", description,
                     re.IGNORECASE) is not None


def _design_summer_gain(intent, d, spec) -> None:
    """The gain asked is each input's (as it is measured, the others held): the stage's 1 + RF/RG is N times it (a
    gain said of the op-amp stage itself, stage_gain, design.py has turned into each input's)."""
    d.claimed.add("GAIN")
    intent.values.pop("GAIN", None)
    count = _summed_count(intent.description)
    gain = abs(spec.target) if spec.quantity == "gain" else 10 ** (spec.target / 20)
    if gain * count < 1:
        d.problems.append(f"'{spec.text}': below 1/{count}, which the summer gives as a follower")
        return
    set_value(intent, d, "GAIN", gain * count, f"1 + RF/RG = {count} x the gain from each input", None)


def _summer_gain(f: _Filler, count: int) -> float:
    return f.number("GAIN", 1.0 if _AVERAGES.search(f.intent.description) else float(count))


def _noninverting_summer(f: _Filler) -> str:
    # Equal input resistors meet at p (the + input): v(p) is the inputs' mean; the stage's gain 1 + RF/RG
    # makes it the sum (gain N), the mean (an averager: gain 1, a follower) or the gain asked.
    inputs = _summed_inputs(f)
    gain = _summer_gain(f, len(inputs))
    if "GAIN" in f.intent.values:  # the stage's gain asked (or designed): stated in the netlist
        f.param("gain", f("GAIN", gain))
    if inputs[0][1] is None:  # V1 a sine, the others a DC level each
        sources = [_signal(f), *(f"V{k} {node} 0 DC {f('VBIAS', 1)}" for k, (node, _) in enumerate(inputs[1:], 2))]
    else:  # "a at 1 V and b at 2 V": each input its own source at its level
        levels = tuple(level or 0.0 for _, level in inputs)
        sources = _input_sources(f, inputs[0][0], inputs[1][0], levels)
        sources += [f"V{k} {node} 0 DC {level:g}" for k, (node, level) in enumerate(inputs[2:], start=3)]
    resistors = [f"R{k} {node} p {f('R', 10e3)}" for k, (node, _) in enumerate(inputs, 1)]
    feedback = ["X1 p out out opamp"] if gain <= 1 else \
        [f"RG n 0 {f('RG', 10e3, 'RIN')}", f"RF out n {format_eng((gain - 1) * f.number('RG', 10e3, 'RIN'))}",
         "X1 p n out opamp"]
    return "\n".join([_opamp_block(f), *sources, *resistors, *feedback])


def _noninverting_sums(f: _Filler) -> list:
    """v(out) = (1 + RF/RG) x the inputs' mean: at the operating point from their levels, and from the signal
    input alone (the others held) 1/N of the stage's gain."""
    inputs = _summed_inputs(f)
    gain = max(1.0, _summer_gain(f, len(inputs)))
    mean = sum(level or 0.0 for _, level in inputs) / len(inputs)
    return [expect("gain", gain / len(inputs), 0.03),
            _at_op(f"v(out) = (1 + RF/RG) x the mean of its {len(inputs)} inputs", gain * mean, 0.03)]


register(Family(kind="noninverting_summer", summary="non-inverting summing amplifier (or averager)",
                build=_noninverting_summer, function=_noninverting_sums,
                names=("non-inverting summing amplifier", "non-inverting summer", "op-amp averager",
                       "non-inverting adder"),
                # before the inverting summer (5.5)
                rules=((5.49, (r"non[- ]?inverting", r"summ|adder")),
                       (5.495, (r"averag(?:er|ing\s+(?:amplifier|circuit))",))),
                noun="amplifier", analysis="tran", tran=("5u", "3m"), specs=("gain", "gain_db"),
                design=_design_summer_gain, examples=_gain_examples("non-inverting summing amplifier", 8),
                accepts=r"(?:non[- ]?inverting\s+)?(?:summing\s+amplifier|summer|adder)"
                        r"|averag(?:er|ing)(?:\s+amplifier)?"))


# --- rail splitter --------------------------------------------------------------------------------

def _rail_splitter(f: _Filler) -> str:
    # R1 and R2 divide the supply at div; the op-amp follows div, so mid holds that level into the load
    # (the divider alone would sag under it).
    return "\n".join([_opamp_block(f), f"V1 in 0 DC {f('VIN', 10, 'VDD')}", f"R1 in div {f('R1', 100e3, 'R')}",
                      f"R2 div 0 {f('R2', 100e3, 'R')}", "X1 div mid mid opamp", f"R3 mid 0 {f('RL', 1e3)}"])


register(Family(kind="rail_splitter", summary="op-amp rail splitter (buffered mid-supply rail)", build=_rail_splitter,
                function=lambda f: [expect("vout", used(f, "VIN", "VDD") * used(f, "R2", "R")
                                           / (used(f, "R1", "R") + used(f, "R2", "R")), 0.02)],
                names=("rail splitter", "op-amp rail splitter", "virtual ground generator"),
                rules=((5.77, (r"rail[- ]splitter|virtual[- ]ground|split\w*\s+(?:the\s+)?(?:\S+\s+){0,3}?supply\s+"
                               r"(?:\S+\s+){0,3}?(?:in)?to\s+(?:an?\s+)?(?:middle|mid|half)",)),),
                analysis="op", output="mid"))


# --- current sources ------------------------------------------------------------------------------

def _current_design(role: str, form: str):
    """R from the load current: I = VIN/R (VIN the control voltage, 1 V unless given)."""
    def design_fn(intent, d, spec) -> None:
        d.claimed.update({"IBIAS", "IREF"})  # the value the spec was written with
        if role not in intent.values:
            set_value(intent, d, role, (given(intent, "VIN") or 1.0) / spec.target, form, E96)
            d.free, d.scale = role, -1
    return design_fn


def _current_example(name: str) -> tuple:
    return (("current", f"{name} with an output current of {{x}} A", 10e-6, 2e-3),)


# "1 mA per volt", "2 mA/V": the converter's transconductance, which its R sets (I = VIN/R).
_PER_VOLT = re.compile(r"(?:\bper\s+volt|/\s*V)\b", re.IGNORECASE)


def _stated_current(f: _Filler) -> float | None:
    """The output current the request states, at its input voltage ("1 mA per volt" x VIN)."""
    if (current := f.intent.values.get("IBIAS")) is None or not current.value:
        return None
    return current.value * (f.number("VIN", 1) if _PER_VOLT.search(f.intent.description) else 1)


def _setting_r(f: _Filler, role: str, default: float, *aliases: str) -> str:
    """The R that sets I = VIN/R: the request's, else the one its stated current needs."""
    if (current := _stated_current(f)) is not None:
        # The stated current (per volt: the transconductance) sets R, written down beside it; stated beside
        # R too, it is written down all the same: _converts measures both, so a contradiction fails there.
        f.param("gm" if _PER_VOLT.search(f.intent.description) else "iout", f("IBIAS", current))
        if not {role, *aliases} & set(f.intent.values):
            default = f.number("VIN", 1) / current
    return f(role, default, *aliases)


def _converts(*roles: str) -> Callable[[_Filler], list]:
    """I = VIN/R, and the current the request states."""
    def function(f: _Filler) -> list:
        checks = [expect("current", used(f, "VIN") / used(f, *roles), 0.03)]
        return checks + ([expect("current", current, 0.03)] if (current := _stated_current(f)) else [])
    return function


def _howland(f: _Filler) -> str:
    r = _setting_r(f, "R", 10e3)
    # Matched R's: the load current is VIN/R whatever the load (the ammeter V9 measures it).
    return "\n".join([_opamp_block(f), f"V1 in 0 DC {f('VIN', 1)}", f"R1 0 n {r}", f"R2 n oa {r}",
                      f"R3 in p {r}", f"R4 oa p {r}", "X1 p n oa opamp", "V9 p out DC 0",
                      f"R5 out 0 {f('RL', 1e3)}"])


register(Family(kind="howland_current_source", summary="Howland current source (grounded load)", build=_howland,
                function=_converts("R"),
                names=("Howland current source", "Howland current pump", "op-amp Howland current source"),
                rules=((5.6, (r"howland",)),), analysis="op", signal_input=True,
                accepts=r"current\s+(?:source|pump)", specs=("current",),
                design=_current_design("R", "I = VIN/R"), examples=_current_example("Howland current source")))


# "1k from in to the inverting input n": the inverting form, the input through R1 to the virtual ground.
_INTO_INVERTING = re.compile(r"\bfrom\s+(?:the\s+)?in(?:put)?\b[^;,.]{0,30}?\bto\s+(?:the\s+)?(?:op-?amp'?s?\s+)?"
                             r"inverting", re.IGNORECASE)


# "an op-amp driving an NPN", "with a BJT output": the load current is the transistor's collector current.
_THROUGH_TRANSISTOR = re.compile(r"\b(?:npn|bjt|(?:bipolar\s+)?transistor)\b", re.IGNORECASE)


def _v_to_i(f: _Filler) -> str:
    # The floating load sits in the feedback path: the op-amp forces VIN across R1, so I = VIN/R1.
    # Inverting form: R1 from in to the virtual ground n, the load from n to out, V9 in the output lead.
    # Through a transistor: the op-amp forces VIN across the emitter resistor R1; the collector
    # draws that current (less the base current) through the load from the rail to out.
    if _THROUGH_TRANSISTOR.search(f.intent.description):
        return "\n".join([_opamp_block(f), f"V1 in 0 DC {f('VIN', 1)}", "V2 vdd 0 DC {vdd}", "X1 in e b opamp",
                          f"Q1 out b e {f.model('npn')}", f"R1 e 0 {_setting_r(f, 'R1', 1e3, 'RE', 'R', 'RIN')}",
                          f"R2 vdd out {f('RL', 1e3)}"])
    if _INTO_INVERTING.search(f.intent.description):
        return "\n".join([_opamp_block(f), f"V1 in 0 DC {f('VIN', 1)}",
                          f"R1 in n {_setting_r(f, 'R1', 1e3, 'R', 'RIN')}", f"R2 n out {f('RL', 1e3)}",
                          "V9 out oa DC 0", "X1 0 n oa opamp"])
    return "\n".join([_opamp_block(f), f"V1 in 0 DC {f('VIN', 1)}", "X1 in n oa opamp",
                      f"R2 oa out {f('RL', 1e3)}", "V9 out n DC 0", f"R1 n 0 {_setting_r(f, 'R1', 1e3, 'R', 'RIN')}"])


register(Family(kind="voltage_to_current_converter", summary="op-amp voltage-to-current converter (floating load)",
                function=_converts("R1", "RE", "R", "RIN"),
                build=_v_to_i,
                names=("voltage-to-current converter", "op-amp V-to-I converter", "voltage to current converter"),
                rules=((5.65, (r"voltage[- ]to[- ]current|" + word("v") + r"[- ]to[- ]i\b",)),),
                analysis="op", signal_input=True, accepts=r"converters?|amplifiers?", specs=("current",),
                design=_current_design("R1", "I = VIN/R1"),
                examples=_current_example("voltage-to-current converter")))


def _i_to_v(f: _Filler) -> str:
    # The input current flows into the virtual ground and out through RF: Vout = -I RF.
    return "\n".join([_opamp_block(f), f"I1 0 n DC {f('IBIAS', 100e-6, 'IREF')}", f"R1 n out {f('RF', 10e3, 'R')}",
                      "X1 0 n out opamp"])


register(Family(kind="current_to_voltage_converter", summary="op-amp current-to-voltage converter", build=_i_to_v,
                function=lambda f: [_at_op("v(out) = -I RF", -used(f, "IBIAS", "IREF") * used(f, "RF", "R"), 0.02)],
                names=("current-to-voltage converter", "op-amp I-to-V converter", "current to voltage converter"),
                rules=((2.9, (r"current[- ]to[- ]voltage|" + word("i") + r"[- ]to[- ]v\b",)),), analysis="dc",
                dc_sweep="0 1m 10u", source="I1", accepts=r"converters?"))


# --- rectifiers, peak detector, sample-and-hold -----------------------------------------------------

def _half_wave_stage(positive: bool, out: str, d: str) -> list[str]:
    """Inverting precision half-wave: `out` follows -v(in) on one half-cycle and sits at 0 on the
    other; D1 or D2 always closes the loop, so the op-amp never saturates (no diode drop shows)."""
    diodes = [f"D1 n1 o1 {d}", f"D2 o1 {out} {d}"] if positive else [f"D1 o1 n1 {d}", f"D2 {out} o1 {d}"]
    return ["R1 in n1 10k", *diodes, f"R2 {out} n1 10k", "X1 0 n1 o1 opamp"]


def _precision_diode(f: _Filler) -> str:
    """Small-signal Schottky diodes, as precision rectifiers use: the op-amp slews through a smaller
    dead zone at each crossing (silicon ones left a 50 mV dip below zero at 1 kHz), and their 10 nA
    leakage (a power Schottky's 1 uA) keeps the blocked half within a millivolt of zero."""
    return f.model("dsignal", ".model dsignal D (is=10n n=1.05 rs=0.1 cjo=2p bv=40)")


def _load(f: _Filler) -> list[str]:
    """A stated load at the output (the stage drives it through its closed loop); its other resistors are internal,
    so a plain stated resistor ("1k to ground at the output") is the load too."""
    return [f"R9 out 0 {f('RL', 10e3, 'R')}"] if {"RL", "R"} & set(f.intent.values) else []


def _rails_above_signal(f: _Filler) -> None:
    """An op-amp stage that passes its input's peak runs on rails above that peak: a supply the reader took from the
    signal's own figure (the same words as the input's, "a 1 V peak sine ... positive bumps up to 1 V"), where the
    request states no supply and it is no higher than that peak, is no rail; the op-amp keeps its own (the class:
    rectifiers and detectors whose output reaches the input's peak)."""
    vdd, vin = f.intent.values.get("VDD"), f.intent.values.get("VIN")
    if vdd is not None and vin is not None and vdd.text == vin.text and abs(vdd.value) <= abs(vin.value) \
            and read_ports(f.intent.description).supply is None:
        del f.intent.values["VDD"]


def _precision_half_wave(f: _Filler) -> str:
    _rails_above_signal(f)
    if _swept_only(f) and not re.search(r"(?<!non-)(?<!non)\binvert", f.intent.description, re.IGNORECASE):
        # the superdiode itself, out = v(in) on the positive half (its load holds out at 0 on the other): its loop
        # opens there and the op-amp winds up, which a DC sweep never sees (a sine's recovery would)
        return "\n".join([_opamp_block(f), _signal(f, 0.2), "X1 in out o1 opamp", f"D1 o1 out {_precision_diode(f)}",
                          f"R9 out 0 {f('RL', 10e3, 'R')}"])
    return "\n".join([_opamp_block(f), _signal(f, 0.2), *_half_wave_stage(True, "out", _precision_diode(f)),
                      *_load(f)])


def _precision_full_wave(f: _Filler) -> str:
    _rails_above_signal(f)
    # a Schottky of 100 nA saturation current: the 10 nA card left a 30 mV dip at the crossings here, the 1 uA power
    # one's leakage into h (10 mV through R4's 10k) read |v(in)| 2.5 % low
    d = f.model("dprecision", ".model dprecision D (is=100n n=1.05 rs=0.1 cjo=10p bv=40)")
    # The half-wave stage gives -v(in) on positive half-cycles; the summer adds v(in) and twice
    # that, inverted: out = -(v(in) - 2 v(in)) = |v(in)|.
    return "\n".join([_opamp_block(f), _signal(f, 0.2), *_half_wave_stage(False, "h", d),
                      "R3 in n2 20k", "R4 h n2 10k", "R5 n2 out 20k", "X2 0 n2 out opamp", *_load(f)])


_PRECISION = r"precision|super[- ]?diode|active|op[- ]?amp|ideal diode"
# "full-wave precision rectifier", "precision half-wave rectifier": the rectifier's words in any order
_RECTIFIER_WORDS = r"(?:(?:precision|active|op[- ]?amp|(?:full|half)[- ]wave)[\s-]+)*rectifier"
register(Family(kind="precision_half_wave_rectifier", summary="precision half-wave rectifier (op-amp superdiode)",
                function=_one_sided,
                build=_precision_half_wave,
                names=("precision half-wave rectifier", "precision rectifier", "op-amp half-wave rectifier",
                       "superdiode rectifier"),
                # ("an ideal diode made from an op-amp": the superdiode, named by what it stands for)
                rules=((5.7, (_PRECISION, r"half[- ]wave")), (5.72, (r"precision rectifier|super[- ]?diode",)),
                       (5.72, (r"ideal[- ]diode", r"op[- ]?amps?\b|operational"))),
                analysis="tran", tran=("5u", "3m"), signal_input=True, accepts=_RECTIFIER_WORDS))
register(Family(kind="precision_full_wave_rectifier", summary="precision full-wave rectifier (absolute value)",
                function=_absolute,
                build=_precision_full_wave,
                names=("precision full-wave rectifier", "op-amp full-wave rectifier", "absolute value circuit",
                       "precision absolute-value amplifier"),
                rules=((5.71, (_PRECISION, r"full[- ]wave|absolute[- ]value")), (5.73, (r"absolute[- ]value",))),
                analysis="tran", tran=("5u", "3m"), signal_input=True, accepts=_RECTIFIER_WORDS))


# "a reset switch across the capacitor that closes for 100 us at 5 ms", "reset at t = 4 ms (10 us pulse)"
_RESET_AT = re.compile(rf"\breset\b[^.;]{{0,80}}?\bat\s+(?:t\s*=\s*)?({TIME})", re.IGNORECASE)
_RESET_FOR = re.compile(rf"\breset\b[^.;]{{0,80}}?(?:\b(?:for|lasting)\s+({TIME})|\(?({TIME})\s+(?:pulse|long|wide))",
                        re.IGNORECASE)


def _reset(description: str) -> tuple[float, float] | None:
    """(time, length) of the reset the request states: a switch across the hold capacitor closes then."""
    if not (at := _RESET_AT.search(description)):
        return None
    length = _RESET_FOR.search(description)
    return seconds(at[1]), seconds(length[1] or length[2]) if length else 10e-6


def _peak_detector(f: _Filler) -> str:
    _rails_above_signal(f)
    d = f.model("dsi")
    # D1 charges C1 to the input's peak through X1, X2 buffers it; while the input is below the
    # peak, D2 closes X1's loop (no saturation). R2 lets the held peak droop (tau = R2 C1).
    reset = _reset(f.intent.description)
    # a decaying sine shows the hold; a sine the request states is its own (steady: it asks for that peak held), and
    # with a reset a steady one shows the peak caught again after it
    steady = reset or "VIN" in f.intent.values
    lines = [_opamp_block(f), f"V1 in 0 DC 0 SIN(0 {f('VIN', 1)} {f('FREQ', 1e3)}{'' if steady else ' 0 200'})",
             "X1 in n1 o1 opamp", f"D1 o1 h {d}", f"D2 n1 o1 {d}", "R1 out n1 10k",
             f"C1 h 0 {f('C', 100e-9, 'CIN', 'CH')}", f"R2 h 0 {f('R', 1e6)}", "X2 h out out opamp"]
    if reset:
        at, length = reset
        # S2 empties C1 for the reset pulse; R3 stands for the op-amp's output current limit (the ideal
        # block has none), so that X1 cannot hold the shorted capacitor up through D1 meanwhile; S3 makes
        # X1 a follower during the pulse (its loop would open and its integrator wind up, holding the
        # output at the rail for milliseconds after the reset). C2 across R1 leads X1's feedback: the
        # step the reset leaves (input well above the empty capacitor) otherwise overshoots by 15 %.
        sw = f.model("sw")
        lines[3] = f"D1 o1 d1 {d}"
        lines += ["R3 d1 h 1", "C2 out n1 1n", f"S2 h 0 rst 0 {sw}", f"S3 o1 n1 rst 0 {sw}",
                  f"V2 rst 0 PULSE(0 5 {format_eng(at)} 10n 10n {format_eng(length)} 1)"]
    return "\n".join(lines)


def _peaks(f: _Filler) -> list:
    """It holds the peak; a stated reset empties the capacitor while the switch is closed."""
    checks = [settles("holds the first peak after the input has decayed", 0.75 * used(f, "VIN"),
                      1.02 * used(f, "VIN"), how="min") if "VIN" not in f.intent.values else
              settles("holds the stated sine's peak", 0.95 * used(f, "VIN"), 1.02 * used(f, "VIN"), how="min")]
    if reset := _reset(f.intent.description):
        at, length = reset
        checks = [Probe("function: the reset empties the hold capacitor (out near 0 V at "
                        f"{format_eng(at + length / 2)}s)",
                        f"{{tran}}\nmeas tran result find v({{out}}) at={at + length / 2:g}",
                        -0.05 * used(f, "VIN"), 0.1 * used(f, "VIN")),
                  Probe(f"function: it held the input's peak before the reset ({used(f, 'VIN'):g} V)",
                        f"{{tran}}\nmeas tran result max v({{out}}) from=0 to={at:g}",
                        0.95 * used(f, "VIN"), 1.02 * used(f, "VIN")),
                  Probe("function: it catches the input's peak again after the reset",
                        f"{{tran}}\nmeas tran result max v({{out}}) from={at + length:g} to={{stop}}",
                        0.95 * used(f, "VIN"), 1.02 * used(f, "VIN"))]
    return checks


register(Family(kind="peak_detector", summary="op-amp peak detector (with hold capacitor)", build=_peak_detector,
                function=_peaks,
                names=("peak detector", "op-amp peak detector", "precision peak detector", "peak hold circuit"),
                rules=((5.74, (r"peak (?:detector|hold)",)),), analysis="tran", tran=("5u", "10m"),
                signal_input=True))


# "a switch controlled by node smp that samples from 0.2 ms to 0.25 ms": one sampling window.
_CONTROL = re.compile(r"controlled\s+by\s+(?:node\s+)?(\w+)", re.IGNORECASE)
_WINDOW = re.compile(rf"samples?\s+(?:only\s+)?from\s+({TIME})\s+to\s+({TIME})", re.IGNORECASE)
# "(5 V until 5 ms, then 0 V)", "tracks it until 4 ms, then opens", "the switch is closed until 3 ms": the
# control closes the switch from the start until then (it tracks, then holds).
_UNTIL = re.compile(rf"[\d.]+\s*V\s+until\s+({TIME}),?\s+then\s+0\s*V"
                    rf"|\b(?:track\w*|sampl\w*|closed|conducts?|on)\b[^.;]{{0,60}}?\buntil\s+({TIME})", re.IGNORECASE)
# "in ramps from 0 to 5 V over 10 ms", "rises linearly from 0 to 5 V over 10 ms": the input is that ramp.
_RAMP = re.compile(rf"(?:ramps?|rises?|climbs?|goes|runs?)\s+(?:up\s+|down\s+|linearly\s+)?from\s+(-?[\d.]+)\s*V?"
                   rf"\s+to\s+(-?[\d.]+)\s*V\s+(?:over|in)\s+({TIME})", re.IGNORECASE)


def _sampled_window(description: str) -> tuple[float, float] | None:
    """(start, stop) of the one window the switch is closed in, when the request states one."""
    if window := _WINDOW.search(description):
        return seconds(window[1]), seconds(window[2])
    return (0.0, seconds(until[1] or until[2])) if (until := _UNTIL.search(description)) else None


def _input_at(f: _Filler, t: float) -> float:
    """The input's value at t: its stated ramp, else the sine."""
    if ramp := _RAMP.search(f.intent.description):
        low, high, length = float(ramp[1]), float(ramp[2]), seconds(ramp[3])
        return low + (high - low) * min(t / length, 1)
    return used(f, "VIN") * math.sin(2 * math.pi * used(f, "FREQ") * t)


def _sample_and_hold(f: _Filler) -> str:
    # an open switch of 10 MΩ (the shared card) drains a 1 nF hold capacitor towards the input in milliseconds
    s = f.model("swhold", ".model swhold SW (vt=0.5 vh=0.1 ron=0.05 roff=1e12)")
    ctl = m[1] if (m := _CONTROL.search(f.intent.description)) else "clk"
    if window := _sampled_window(f.intent.description):  # S1 closes once, for the stated window
        start, stop = window
        clock = f"V2 {ctl} 0 PULSE(0 5 {format_eng(start)} 10n 10n {format_eng(stop - start)} 1)"
    else:  # the clock closes S1 a tenth of each period
        f.param("fsw", f("FSW", 10e3))
        clock = f"V2 {ctl} 0 PULSE(0 5 0 10n 10n {{0.1/fsw}} {{1/fsw}})"
    ramp = _RAMP.search(f.intent.description)
    if ramp:  # its top is the VIN the reader took from it
        top = f("VIN", float(ramp[2])) if used(f, "VIN", default=0.0) == float(ramp[2]) else ramp[2]
        signal = f"V1 in 0 PWL(0 {ramp[1]} {format_eng(seconds(ramp[3]))} {top})"
    else:
        signal = _signal(f, 1)
    # X1 buffers the input onto C1 while S1 is closed; X2 reads it.
    return "\n".join([_opamp_block(f), signal, clock,
                      "X1 in a a opamp", f"S1 a h {ctl} 0 {s}", f"C1 h 0 {f('C', 1e-9)}", "X2 h out out opamp"])


def _holds(f: _Filler) -> list:
    """Clocked: the held samples follow the input's whole swing. One stated window: out holds
    the input's value at the window's end, VIN sin(2 pi f t)."""
    if window := _sampled_window(f.intent.description):
        start, stop = window
        x = _input_at(f, stop)
        return [Probe(f"function: holds the input's value at {format_eng(stop)}s ({x:.3g} V) after sampling",
                      f"{{tran}}\nmeas tran result find v({{out}}) at={stop + 0.5 * (stop - start):g}",
                      x - 0.03 * abs(x) - 0.01, x + 0.03 * abs(x) + 0.01)]
    return [settles("its held samples follow the input's whole swing", 1.6 * used(f, "VIN"), 2.1 * used(f, "VIN"),
                    how="pp")]


register(Family(kind="sample_and_hold", summary="sample-and-hold (buffer, switch, hold capacitor)",
                function=_holds,
                build=_sample_and_hold,
                names=("sample-and-hold circuit", "sample and hold", "track-and-hold circuit",
                       "op-amp sample-and-hold"),
                rules=((5.75, (r"sample[- ](?:and|&)[- ]hold|track[- ](?:and|&)[- ]hold|" + word("s") + r"/h\b",)),),
                analysis="tran", tran=("2u", "2m"), signal_input=True, ports=(("control", ("clk",)),)))


# --- log and antilog ---------------------------------------------------------------------------------

def _log_amp(f: _Filler) -> str:
    if _DIODE_FEEDBACK.search(f.intent.description):  # the feedback junction the request names: a diode
        saturation, n = _junction(f)
        junction = f"D1 n out {f.model('dlog', f'.model dlog D (is={format_eng(saturation)} n={n:g})')}"
    else:  # the transdiode: Q1's collector current equals v(in)/R1
        junction = f"Q1 n 0 out {f.model('npn')}"
    # The junction's current is v(in)/R1, so Vout = -n VT ln(v(in)/(R1 Is)).
    return "\n".join([_opamp_block(f), f"V1 in 0 DC {f('VIN', 1)}", f"R1 in n {f('R', 10e3, 'R1', 'RIN')}",
                      junction, "X1 0 n out opamp"])


def _stated_junction(intent) -> tuple[float, float]:
    """(Is, n) of a log or antilog amplifier's junction as the request states them: the diode's (ideal unless
    said), or the transdiode's npn card (1e-14, 1)."""
    if intent.kind == "log_amplifier" and not _DIODE_FEEDBACK.search(intent.description):
        return 1e-14, 1.0

    def stated(name: str, default: float) -> float:
        said = re.search(rf"\b{name}\s*=\s*([-+]?[\d.]+(?:e[-+]?\d+)?[a-z]*)", intent.description, re.IGNORECASE)
        value = parse_number(said[1]) if said else None
        return default if value is None else value
    ideal = IDEALITY.search(intent.description)
    return stated("is", 1e-14), float(ideal["n"]) if ideal else stated("n", 1.0)


def _design_log_output(intent, d, spec) -> None:
    """The output level asked of a log amplifier, |Vout| = n VT ln(VIN/(R Is)), or of an antilog amplifier,
    |Vout| = RF Is exp(VIN/(n VT)): the resistor the request leaves free from the input level (stated or the
    family's), else the input level for a stated resistor. (Their output is inverted: the level's size is what is
    designed; a positive level asked is measured negative and reported.)"""
    saturation, n = _stated_junction(intent)
    level, vt = abs(spec.target), n * 0.02585
    log = intent.kind == "log_amplifier"
    roles = ("R", "R1", "RIN") if log else ("RF", "R")
    resistor, vin = given(intent, *roles), given(intent, "VIN")
    if resistor is None:
        vin = 1.0 if vin is None and log else 0.6 if vin is None else vin
        exact = vin / (saturation * math.exp(level / vt)) if log else level / (saturation * math.exp(vin / vt))
        if not 10 <= exact <= 100e6:
            d.problems.append(f"'{spec.text}' needs a {format_eng(exact)}ohm resistor at a {vin:g} V input")
            return
        set_value(intent, d, roles[0], exact, "Vout = -n VT ln(VIN/(R Is))" if log else "Vout = -RF Is exp(VIN/(n VT))",
                  E96)
        d.free, d.scale = roles[0], (-1 if log else 1)
    elif vin is None:
        exact = resistor * saturation * math.exp(level / vt) if log else vt * math.log(level / (resistor * saturation))
        if not 0 < exact < 20:
            d.problems.append(f"'{spec.text}' needs a {exact:.3g} V input with {format_eng(resistor)}ohm")
            return
        set_value(intent, d, "VIN", exact, "VIN = R Is exp(|Vout|/(n VT))" if log else
                  "VIN = n VT ln(|Vout|/(RF Is))", None)


def _antilog_amp(f: _Filler) -> str:
    saturation, n = _junction(f)
    # An ideal junction (the textbook's): one decade of output per n VT ln 10 = 59.6 mV of input.
    d = f.model("dexp", f".model dexp D (is={format_eng(saturation)} n={n:g})")
    # The diode's current Is exp(v(in)/(n VT)) flows through RF: Vout = -RF Is exp(v(in)/(n VT)).
    return "\n".join([_opamp_block(f), f"V1 in 0 DC {f('VIN', 0.6)}", f"D1 in n {d}",
                      f"R1 n out {f('RF', 10e3, 'R')}", "X1 0 n out opamp"])


register(Family(kind="log_amplifier", summary="logarithmic amplifier (transdiode BJT feedback)", build=_log_amp,
                function=_log_function,
                names=("logarithmic amplifier", "log amplifier", "op-amp log amp", "transdiode logarithmic amplifier"),
                rules=((5.76, (r"log(?:arithmic)?\s+amp\w*|transdiode",)),), analysis="dc",
                dc_sweep="10m 10 10m", signal_input=True, noun="amplifier", specs=("vout",),
                design=_design_log_output,
                examples=(("vout", "op-amp log amplifier with a 1 V input giving -{x} V at the output", 0.3, 0.7),)))
register(Family(kind="antilog_amplifier", summary="antilog (exponential) amplifier (diode input)",
                function=_antilog_function,
                build=_antilog_amp,
                names=("antilog amplifier", "exponential amplifier", "anti-logarithmic amplifier",
                       "op-amp antilog amp"),
                rules=((5.755, (r"anti-?log\w*(?:\s+amp\w*)?|exponential\s+amp\w*",)),), analysis="dc",
                dc_sweep="0.4 0.65 2.5m", signal_input=True, noun="amplifier", specs=("vout",),
                design=_design_log_output,
                examples=(("vout", "antilog amplifier with a 0.6 V input producing -{x} V output", 0.1, 5),)))


# --- gyrator, differentiator, integrator ---------------------------------------------------------------

def _gyrator_eq(f0, get):
    # L = R1 R2 CG (R1 also its series loss): the stated L (the simulated inductor), else one above
    # 1/(2 pi R2 CG), kept a decade below f0; C2 (a stated C) across it resonates at f0 = 1/(2 pi sqrt(L C2)).
    r1, r2 = get("R1", 100), get("R2", 100e3)
    cg = get("CG", get("L", r1 * r2 * max(10e-9, 10 / (2 * math.pi * f0 * r2))) / (r1 * r2))
    return {"R1": r1, "R2": r2, "CG": cg, "C2": 1 / ((2 * math.pi * f0) ** 2 * r1 * r2 * cg)}


_GYRATOR_ALIASES: Aliases = {"C2": ("C",)}  # "a 100 nF capacitor in parallel": the resonating one


def _gyrator(f: _Filler) -> str:
    values = f.intent.values  # a stated L and C set the resonance the function checks
    p = parts(f, _gyrator_eq, 1 / (2 * math.pi * math.sqrt(values["L"].value * values["C"].value))
              if {"L", "C"} <= values.keys() else 1e3, aliases=_GYRATOR_ALIASES)
    if "L" in values:  # the stated inductance, simulated as R1 R2 C1: named so the netlist shows it
        f.param("l_simulated", f("L", values["L"].value))
    # C1 and R2 make X1's input lag the node; X1 drives it back through R1: the node sees an
    # inductance R1 R2 C1 in series with R1. C2 across it, fed through R3, shows the resonance.
    return "\n".join([_opamp_block(f), f"V1 in 0 DC 0 AC {f('VIN', 1)}", f"R3 in out {f('RS', 10e3, 'R')}",
                      f"C2 out 0 {p['C2']}", f"C1 out b {p['CG']}", f"R2 b 0 {p['R2']}", "X1 b o o opamp",
                      f"R1 o out {p['R1']}"])


register(Family(kind="gyrator", summary="gyrator (op-amp simulated inductor) in a parallel resonator", build=_gyrator,
                function=designed("center"),
                names=("gyrator", "simulated inductor", "op-amp gyrator", "active inductor"),
                # before the LC tank: a gyrator's resonator has a tank (often its node's name)
                rules=((4.96, (r"gyrator|simulated inductor|active inductor|synthetic inductor",)),),
                noun="filter", specs=("center",), simulates="L",
                design=designer(_gyrator_eq, "f0 = 1/(2 pi sqrt(R1 R2 CG C2))", "R2", -2, _GYRATOR_ALIASES),
                examples=(("center", "gyrator simulated inductor resonating with a capacitor, center frequency {x} Hz",
                           100, 10e3),)))


def _unity_rf(f: _Filler) -> float | None:
    """R3 from a stated frequency when R3 itself is not stated: where the gain 2 pi f R3 C1 is one
    ("unity gain at 2 kHz")."""
    values = f.intent.values
    if "FREQ" in values and not {"RF", "R"} & values.keys():
        return 1 / (2 * math.pi * values["FREQ"].value * used(f, "C", "C1", "CIN", default=100e-9))
    return None


# "so the gain levels off above 40 kHz", "flattening out beyond 20 kHz": where the input leg's series resistor stops the
# differentiating, R1 = 1/(2 pi f C1)
_LEVELS_OFF = re.compile(r"\b(?:levels?|levelling|leveling|flatten\w*|flat|plateau\w*)\s+(?:off\s+|out\s+)?"
                         r"(?:above|beyond|past|from|over)\s+([\d.]+)\s*([kM]?)Hz\b", re.IGNORECASE)


def _levels_off(description: str) -> float | None:
    """The frequency above which the request says the differentiator's gain levels off, else None."""
    m = _LEVELS_OFF.search(description)
    return float(m[1]) * {"": 1.0, "k": 1e3, "m": 1e6}[m[2].lower()] if m else None


def _faster_opamp(f: _Filler, gbw: float) -> str:
    """The behavioural op-amp with its pole moved up to a gain-bandwidth of `gbw`: a spec that needs a faster one
    (a plateau of 50 at 4 MHz is no plateau behind 1 MHz of gain-bandwidth)."""
    said = f"{format_eng(gbw / 1e5)}Hz pole ({format_eng(gbw)}Hz GBW)"
    return _opamp_block(f).replace("10 Hz pole (1 MHz GBW)", said) \
        .replace("Cpole p 0 15.9u", f"Cpole p 0 {format_eng(float(f'{15.9e-6 * 1e6 / gbw:.3g}'))}")


def _series_roles(f: _Filler) -> tuple[str, ...]:
    """The roles of the input leg's series resistor: RIN or R1, and a plain R beside a stated feedback RF ("a 1k
    resistor in series with the 10 nF, 15k feedback")."""
    return ("RIN", "R1", "R") if "RF" in f.intent.values else ("RIN", "R1")


def _differentiator(f: _Filler) -> str:
    # C1 R3: dv/dt gain -R3 C1; R1 limits the gain at high frequency and CF rolls it off (stability, noise).
    c = f("C", 100e-9, "C1", "CIN")  # C1 is its input capacitor ("a 10 nF input capacitor")
    rf = f"{{1/(6.28319*{f('FREQ', 1e3)}*{c})}}" if _unity_rf(f) else f("RF", 10e3, "R")  # 2 pi
    corner = _levels_off(f.intent.description)
    series = next((f.intent.values[r].value for r in _series_roles(f) if r in f.intent.values), None)
    if corner is None and series and "CF" not in f.intent.values:
        # the class: a series resistor the request states in the input leg (no feedback capacitor stated) is what
        # levels the gain off, at RF/R1 above 1/(2 pi R1 C1): that corner, no capacitor it did not ask for
        corner = 1 / (2 * math.pi * series * f.number("C", 100e-9, "C1", "CIN"))
    if corner is None:
        return "\n".join([_opamp_block(f), _triangle(f), f"C1 in a {c}", f"R1 a n {f('RIN', 100, 'R1')}",
                          f"R3 n out {rf}", f"C2 n out {f('CF', 1e-9)}", "X1 0 n out opamp"])
    # A stated corner: R1 sets it and the gain levels off at RF/R1 above it, flat (no CF), on an op-amp fast enough to
    # hold that gain two decades past the corner (its loop gain there 100, 1 % error).
    f.param("corner", format_eng(corner))
    roles = _series_roles(f)
    r1 = f.number(roles[0], float(f"{1 / (2 * math.pi * corner * used(f, 'C', 'C1', 'CIN')):.4g}"), *roles[1:])
    plateau = (_unity_rf(f) or used(f, "RF", "R")) / r1
    return "\n".join([_faster_opamp(f, 1e4 * plateau * corner), _triangle(f), f"C1 in a {c}",
                      f"R1 a n {f(roles[0], r1, *roles[1:])}", f"R3 n out {rf}", "X1 0 n out opamp"])


def _triangle_period(f: _Filler) -> float:
    """The input triangle's period: the frequency the request gives it ("a 1 V 500 Hz triangle wave"), else 1 ms."""
    said = f.intent.values.get("FREQ")
    at = f.intent.description.find(said.text) if said is not None else -1
    if said is None or at < 0 or said.value <= 0 or _unity_rf(f) or not re.match(
            r"[^.;,]{0,24}?\btriang", f.intent.description[at + len(said.text):], re.IGNORECASE):
        return 1e-3
    return 1 / said.value


def _triangle(f: _Filler) -> str:
    # ramps of 0.49 T each with 0.01 T at the top: the falling ramp's middle is at 0.745 T (_differentiates)
    t = _triangle_period(f)
    if t == 1e-3:
        return f"V1 in 0 DC 0 AC 1 PULSE(-{f('VIN', 1)} {f('VIN', 1)} 0 0.49m 0.49m 10u 1m)"
    f.param("ftri", f("FREQ", 1e3))  # the frequency the request gives its triangle
    level = f("VIN", 1)
    return f"V1 in 0 DC 0 AC 1 PULSE(-{level} {level} 0 {{0.49/ftri}} {{0.49/ftri}} {{0.01/ftri}} {{1/ftri}})"


register(Family(kind="practical_differentiator", summary="practical op-amp differentiator (input R, feedback C)",
                function=_differentiates,
                build=_differentiator,
                names=("op-amp differentiator", "practical differentiator", "differentiator circuit",
                       "differentiating amplifier"),
                rules=((5.79, (r"differentiat(?:or|ing)",)),), analysis="tran", tran=("2u", "3m"),
                noun="amplifier", accepts=r"differentiator"))


# "RC time constant 1 ms", "a 2 ms time constant": R1 C, the ramp's rate per volt in
_TIME_CONSTANT = re.compile(rf"time\s+constant\s+(?:of\s+|is\s+|=\s*)?(?P<t>{TIME})"
                            rf"|(?P<u>{TIME})\s+(?:rc\s+)?time\s+constant", re.IGNORECASE)
# "a ±1 V, 1 kHz square wave": the drive's level, which a reader may have taken for the rails
_WAVE_LEVEL = re.compile(r"(?:±|\+/?-)\s*(?P<a>\d+(?:\.\d+)?)\s*V\b[^.;]{0,30}?\b(?:square|sine|triangle|pulse|wave)",
                         re.IGNORECASE)


def _lossy_integrator_eq(fc, get):
    # RF across C bounds the DC gain to -RF/R1 and sets the corner fc = 1/(2 pi RF C): a stated DC gain
    # sets R1 from RF, or RF from a stated R1 (and C from RF); a stated RF is kept (C from it, unless given too)
    gain, r1, rf, c = abs(get("GAIN", 0.0)), get("R1", 0.0), get("RF", 0.0), get("C", 0.0)
    if gain and r1 and not rf:
        rf = gain * r1
    if rf and not c:
        c = 1 / (2 * math.pi * fc * rf)
    c = c or 10e-9
    rf = rf or 1 / (2 * math.pi * fc * c)
    return {"C": c, "R1": r1 or (rf / gain if gain else 10e3), "RF": rf}


# "10k input resistor" is RIN, "1 Meg across the capacitor" R2 (or R, where the input resistor is RIN)
_LOSSY_ALIASES: Aliases = {"R1": ("RIN",), "RF": ("R2",)}
_LOSSY_DESIGNER = designer(_lossy_integrator_eq, "fc = 1/(2 pi RF C), DC gain -RF/R1", "RF", aliases=_LOSSY_ALIASES)


# "RF ~100x the input resistor", "a feedback resistor 50 times R1": the DC gain RF/R1 in words
_TIMES_INPUT = re.compile(r"(\d+(?:\.\d+)?)\s*(?:x|×|times)\s+(?:the\s+|its\s+)?(?:input(?:\s+resistor)?|r1|rin)\b",
                          re.IGNORECASE)


def lossy_unity_parts(fu: float, k: float, r1: float | None, c: float | None) -> tuple[float, float]:
    """(R1, C) for a lossy integrator of DC gain K = RF/R1 whose gain falls to 1 at fu: |H| = K/sqrt(1 + (f/fc)^2)
    with fc = 1/(2 pi K R1 C) is 1 at fu = sqrt(K^2 - 1) fc, so R1 C = sqrt(1 - 1/K^2)/(2 pi fu) (1/(2 pi fu) as an
    ideal integrator's, for K >> 1). The one not given is computed (C, when neither is)."""
    tau = math.sqrt(1 - 1 / (k * k)) / (2 * math.pi * fu)
    if c is not None and r1 is None:
        return tau / c, c
    r1 = r1 or 10e3
    return r1, tau / r1


def _lossy_unity(intent, d, spec) -> None:
    """The unity-gain frequency asked of a lossy integrator: R1 C from it; RF = K R1 with K the DC gain stated (a
    gain, "100x the input resistor", RF and R1 both given), else 100 (two decades of integrating below fu)."""
    r1, c, rf = given(intent, "R1", "RIN"), given(intent, "C"), given(intent, "RF", "R2")
    if rf is None and "R" in intent.values and re.search(
            r"\b(?:across|parallel\s+with|in\s+parallel)\b[^.;]{0,30}\bcap", intent.description, re.IGNORECASE):
        # "a 1 MΩ resistor across the integrating cap": the feedback resistor, whatever role the figure took
        intent.values["RF"] = dataclasses.replace(intent.values.pop("R"), role="RF")
        rf = intent.values["RF"].value
    ratio = _TIMES_INPUT.search(intent.description)
    # (a DC gain said in dB, whichever spec comes first: "..., DC gain capped at 40 dB")
    k = 10 ** (d.wanted["dc_gain_db"] / 20) if "dc_gain_db" in d.wanted else abs(given(intent, "GAIN") or 0) or (
        float(ratio[1]) if ratio else rf / r1 if rf and r1 else 100.0)
    if k <= 1:
        d.problems.append(f"'{spec.text}': a DC gain of {k:g} never rises to unity above DC")
        return
    if r1 is not None and c is not None:
        return  # the request gives both: its unity-gain frequency is measured as built
    r1, c = lossy_unity_parts(spec.target, k, r1, c)
    if given(intent, "C") is None and given(intent, "R1", "RIN") is None:
        # neither given: C the standard value near the 10k one's, then R1 to 1 % from it (an E24 C alone lands up to
        # 5 % off the frequency asked)
        set_value(intent, d, "C", c, "unity gain at sqrt(1 - 1/K^2)/(2 pi R1 C), R1 near 10k", E24)
        r1, _ = lossy_unity_parts(spec.target, k, None, intent.values["C"].value)
        set_value(intent, d, "R1", r1, "unity gain at sqrt(1 - 1/K^2)/(2 pi R1 C)", E96)
        d.free, d.scale = "R1", -1
    elif given(intent, "C") is None:
        set_value(intent, d, "C", c, "unity gain at sqrt(1 - 1/K^2)/(2 pi R1 C)", E24)
        d.free, d.scale = "C", -1
    else:
        set_value(intent, d, "R1", r1, "unity gain at sqrt(1 - 1/K^2)/(2 pi R1 C)", E96)
        d.free, d.scale = "R1", -1
    if rf is None:
        set_value(intent, d, "RF", k * r1, f"RF = {k:g} R1 (the DC gain)", E96)
    if "GAIN" in intent.values:  # the DC gain sized RF
        d.claimed.add("GAIN")
        intent.values.pop("GAIN")


def _lossy_design(intent, d, spec) -> None:
    if spec.quantity == "dc_gain_db":  # "DC gain capped at 40 dB": RF/R1, sized with the unity-gain frequency
        intent.values.pop("GAIN", None)
        set_value(intent, d, "GAIN", 10 ** (spec.target / 20), "DC gain = RF/R1", None)
        d.claimed.add("GAIN")
        return
    if spec.quantity == "ugbw":
        _lossy_unity(intent, d, spec)
        return
    if _TIME_CONSTANT.search(spec.text) and not {"C", "RF", "R2"} & set(intent.values):
        return  # an integrator's "RC time constant" is R1 C (_lossy_values), not the corner RF C the reader made of it
    _LOSSY_DESIGNER(intent, d, spec)
    if d.designed and "GAIN" in intent.values:  # the DC gain sized the parts; its own spec measures it
        d.claimed.add("GAIN")
        intent.values.pop("GAIN")


def _lossy_aliases(f: _Filler) -> Aliases:
    return {**_LOSSY_ALIASES, "RF": ("R2", "R")} if {"RIN", "R1"} & set(f.intent.values) else _LOSSY_ALIASES


def _lossy_values(f: _Filler) -> dict[str, float]:
    """R1, C, RF: a stated time constant is R1 C (RF a decade above R1 keeps it integrating), else the corner's."""
    tau = _TIME_CONSTANT.search(f.intent.description)
    if tau and not {"C", "RF", "R2"} & set(f.intent.values):
        r1 = f.number("R1", 10e3, "RIN")
        return {"R1": r1, "C": float(f"{seconds(tau['t'] or tau['u']) / r1:.4g}"), "RF": 10 * r1}
    return part_values(f, _lossy_integrator_eq, 100, aliases=_lossy_aliases(f))


def _square_level(f: _Filler) -> float:
    said = _WAVE_LEVEL.search(f.intent.description)
    return float(said["a"]) if said else 1.0


def _practical_integrator(f: _Filler) -> str:
    level = _square_level(f)
    if _WAVE_LEVEL.search(f.intent.description) and (vdd := f.intent.values.get("VDD")) is not None \
            and vdd.value == level:
        f.given("VDD", level)  # the square's level, not the rails
        f.param("vdd", "12")
    aliases = _lossy_aliases(f)
    p = {role: f(role, value, *aliases.get(role, ())) for role, value in _lossy_values(f).items()}
    f.param("fsquare", f("FREQ", 1e3))  # the square's rate, which its PULSE times
    if "GAIN" in f.intent.values:
        f.param("dcgain", f("GAIN", 100))  # the design target RF/R1, for the reader
    half = 0.5 / f.number("FREQ", 1e3)
    return "\n".join([_opamp_block(f), f"V1 in 0 DC 0 AC 1 PULSE(-{f('VIN', level)} {f('VIN', level)} 0 1u 1u "
                                      f"{format_eng(half)} {format_eng(2 * half)})",
                      f"R1 in n {p['R1']}", f"C1 n out {p['C']}", f"R2 n out {p['RF']}", "X1 0 n out opamp"])


def _integrates_square(f: _Filler) -> list:
    """Its corner, and the square's triangle: a lossy integrator settles to p-p = 2 VIN (RF/R1) tanh(T/(4 RF C))."""
    v = _lossy_values(f)
    pp = 2 * used(f, "VIN", default=_square_level(f)) * v["RF"] / v["R1"] \
        * math.tanh(1 / (4 * used(f, "FREQ", default=1e3) * v["RF"] * v["C"]))
    return [*designed("cutoff")(f), Probe(f"function: the square becomes a {pp:.3g} V p-p triangle",
                                          # from rest: a DC level before t = 0 would wind it up
                                          "{tran} uic\nmeas tran result pp v({out}) from={half} to={stop}",
                                          0.85 * pp, 1.15 * pp)]


register(Family(kind="practical_integrator", summary="practical (lossy) op-amp integrator with a DC-feedback resistor",
                function=_integrates_square,
                build=_practical_integrator,
                names=("practical integrator", "lossy integrator", "leaky integrator",
                       "integrator with a feedback resistor", "lossy Miller integrator"),
                # "1 Meg across the capacitor", "a resistor in parallel with C": the DC path that makes it lossy
                rules=((10.9, (r"practical|lossy|leaky|damped|dc[- ]feedback|feedback resistor|bleed(?:er)? resistor"
                               r"|resistor\s+(?:across|in\s+parallel|parallel\s+to|shunting)"
                               r"|(?:across|in\s+parallel\s+with|parallel\s+to)\s+(?:the\s+|its\s+)?(?:feedback\s+)?"
                               r"(?:cap(?:acitor)?\b|c\d?\b)", r"integrator")),),
                analysis="tran", tran=("5u", "5m"), accepts=r"(?:miller\s+)?integrator",
                # ("R = 10k in, C = 10nF feedback with a 1meg resistor across the cap": the input's, then RF)
                words=((r"resistor\s+(?:across|in\s+parallel|parallel\s+to|shunting)|across\s+(?:the\s+|its\s+)?cap",
                        {"ohm": "RF"}), (r"in\b(?!\s+(?:parallel|series))|input", {"ohm": "R1"})),
                specs=("cutoff", "ugbw", "dc_gain_db"),
                design=_lossy_design,
                examples=(("cutoff", "practical integrator with a cutoff frequency of {x} Hz", 10, 2e3),
                          ("ugbw", "practical integrator with a unity-gain frequency of {x} Hz", 200, 20e3),
                          ("dc_gain_db", "lossy integrator, unity-gain frequency 1 kHz, DC gain capped at {x} dB", 20,
                           50))))


# --- the buffered zener reference -----------------------------------------------------------------

IZ_REF = 5e-3  # the zener's bias current: its card's IBV, so it sits at its stated breakdown voltage
ZENERS = (2.4, 2.7, 3.0, 3.3, 3.6, 3.9, 4.3, 4.7, 5.1, 5.6, 6.2)  # common zener voltages (BZX55 series)


def _zener_reference(f: _Filler) -> str:
    """A zener fed from the supply through R9 (IZ_REF), scaled up by a non-inverting stage:
    out = VZ (1 + R2/R1), R2 = R1 (VOUT/VZ - 1); a level below the zener's is divided down and followed:
    out = VZ R5/(R4 + R5), R4 = R5 (VZ/VOUT - 1). The op-amp's output carries the load."""
    rails = _opamp_block(f)
    vdd = f.number("VDD", 15)
    level = _level_role(f)
    # an unstated zener: 6.2 V, or the largest common one a quarter below a lower supply
    fits = [z for z in ZENERS if z <= 0.75 * vdd]
    vz_default = min(6.2, fits[-1]) if fits else ZENERS[0]
    vz, vout = f.number("VZ", vz_default), f.number(level, 10.0)
    d = f.model("dref", f".model dref D (is=1p n=1 rs=1 bv={{vz}} ibv={format_eng(IZ_REF)})")
    f.param("vz", f("VZ", vz_default))
    f.param("vref", f(level, 10.0))
    feedback = ["R1 inn 0 10k", "R2 out inn {10k*(vref/vz-1)}"] if vout > vz * 1.001 \
        else ["R2 out inn 0"]  # a reference asked at the zener's own voltage (or below it): a follower
    # below the zener: a 10k-bottom divider (far more current than the op-amp's input takes) into the follower
    tap = ["R4 z tap {10k*(vz/vref-1)}", "R5 tap 0 10k"] if vout < vz * 0.999 else []
    # (the zener's series resistor as stated: "fed from 12 V through 1k")
    series = f("RS", float(f"{(vdd - vz) / IZ_REF:.3g}"), "R")
    return "\n".join([rails, "V1 vdd 0 DC {vdd}", f"R9 vdd z {series}",
                      f"D1 0 z {d}", *tap, *feedback, f"X1 {'tap' if tap else 'z'} inn out opamp",
                      f"R3 out 0 {f('RL', 10e3)}"])


def _reference_level(intent, d, spec) -> None:
    """The output asked for is the stage's VREF: R2 = R1 (VREF/VZ - 1)."""
    d.claimed.add("VBIAS")
    intent.values.pop("VBIAS", None)
    set_value(intent, d, "VBIAS", spec.target, "out = VZ (1 + R2/R1)", None)


def _level_role(f: _Filler) -> str:
    """The role of the output level: "a 10 V reference" (VBIAS, VREF), or a level below the supply the reader took
    for an input ("giving 7.5 V from a 4.7 V zener")."""
    values = f.intent.values
    below = "VIN" in values and values["VIN"].value < f.number("VDD", 15)
    return next((role for role in ("VBIAS", "VREF") if role in values), "VIN" if below else "VBIAS")


_FOLLOWER = r"(?<!emitter )(?<!emitter-)(?<!source )(?<!source-)follower"  # an op-amp's, not a transistor's


def _references(f: _Filler) -> list:
    vout, vz = used(f, _level_role(f)), used(f, "VZ")
    how = "VZ (1 + R2/R1)" if vout > vz * 1.001 else "VZ R5/(R4 + R5)" if vout < vz * 0.999 else "VZ"
    return [Probe(f"function: out = {how} = {vout:.3g} V", "op\nlet result = v({out})", 0.98 * vout, 1.02 * vout)]


register(Family(kind="buffered_zener_reference", summary="buffered zener voltage reference (zener scaled up by a "
                "non-inverting op-amp stage, or divided down into a follower)", build=_zener_reference,
                function=_references,
                names=("buffered zener voltage reference", "zener reference with a non-inverting op-amp buffer",
                       "op-amp buffered zener reference", "zener reference with a divider and an op-amp follower"),
                # a regulator's reference and error amplifier are parts of the regulator, not this circuit
                # "divided down ... a follower": its level below the zener's ("emitter follower": a pass regulator)
                rules=((11.5, (r"zener", rf"buffer(?:ed)?|non[- ]?inverting|{_FOLLOWER}|divid(?:ed|er)|{OPAMP_WORDS}",
                               r"reference|scal(?:ed|es|ing)\s+up|divid\w*\b[^;]{0,30}?\bdown|" + _FOLLOWER,
                               r"^(?!.*(?:regulat|pass[- ](?:transistor|element|device)|error\s+amp|\bldo\b))")),
                       # a bare reference with its level ("a 4.096 V reference off 12 V"): a zener scaled or divided
                       # to it, unless the request names another kind or makes it from resistors alone
                       (37.1, (r"(?<![\w.])\d+(?:\.\d+)?\s*v(?:olts?)?\s+(?:voltage\s+)?reference\b",
                               r"^(?![\s\S]*\b(?:band[- ]?gap|brokaw|ptat|tl431|shunt|lm\d+\w*|ref\d{3,}\w*|"
                               r"ad\d{3,}\w*|max\d+\w*|current|regulat\w*|divider|resistors?|potentiometer|pot|"
                               r"mid[- ]?rail|half|virtual|compar\w*|adc|dac|transistor|diodes?|led|cell|"
                               # a level held against the reference: a comparator said by what it does
                               r"exceed\w*|above|below|against|than|cross\w*|past|beyond|under|trips?"
                               r"|(?:goes|go|output|out)\s+(?:high|low))\b)"))),
                analysis="op", source="V1", noun="reference", specs=("vout",), design=_reference_level,
                examples=(("vout", "buffered zener reference: 5.1 V zener, non-inverting op-amp, {x} V out, "
                                   "15 V supply", 5.5, 12),),
                accepts=r"(?:voltage\s+)?reference|non[- ]?inverting\s+(?:op[- ]?amp\s+)?(?:stage|amplifier)"))


# --- the Antoniou generalized impedance converter (two-op-amp grounded inductor) -------------------------

# "feed it from drv via 10k", "driven from node src through 470 Ω", "fed through 2.2k from node dr": the node the
# series resistor is fed from
_FED = r"\b(?:fed|feed(?:s|ing)?(?:\s+it)?|driven|drive(?:s|n)?(?:\s+it)?)\s+"
_FED_FROM = re.compile(_FED + r"from\s+(?:node\s+)?([a-z]\w*)\s+(?:through|via)\b|"
                       + _FED + r"(?:through|via)\s+(?:an?\s+)?[\d.]+\s*\w*\s+(?:resistor\s+)?from\s+(?:node\s+)?"
                       r"([a-z]\w*)", re.IGNORECASE)


def _gic(f: _Filler) -> str:
    ind, c = f.number("L", 100e-3), f.number("C", 10e-9, "C4")
    feed = (m[1] or m[2]) if (m := _FED_FROM.search(f.intent.description)) else "in"
    r = float(f"{math.sqrt(ind / c):.4g}")  # R1 = R2 = R3 = R5 = sqrt(L/C4), so L = C4 R1 R3 R5 / R2 is the stated L
    f.param("l_simulated", f("L", 100e-3))
    # Both op-amps hold their inputs equal, so v(out) = v(n3) = v(n5): the current into out is
    # v(out) R2 / (s C4 R1 R3 R5), an inductance to ground. R6 (RS) feeds it from the input (an RL high-pass).
    return "\n".join([_opamp_block(f), f"V1 {feed} 0 DC 0 AC {f('VIN', 1)}", f"R6 {feed} out {f('RS', 1e3, 'R')}",
                      f"R1 out n2 {r:g}", f"R2 n2 n3 {r:g}", f"R3 n3 n4 {r:g}", f"C4 n4 n5 {f('C', 10e-9, 'C4')}",
                      f"R5 n5 0 {r:g}", "X1 out n3 n2 opamp", "X2 n5 n3 n4 opamp"])


def _gic_corner(f: _Filler) -> list:
    fc = used(f, "RS", "R") / (2 * math.pi * used(f, "L"))
    return [Probe(f"function: the simulated inductor and RS make an RL high-pass with its corner at RS/(2 pi L) = "
                  f"{format_eng(fc)}Hz (within 5 %)",
                  f"ac dec 100 {fc / 100:g} {fc * 100:g}\nlet g = vdb({{out}})-vdb({{inp}})\nmeas ac result when g=-3",
                  0.95 * fc, 1.05 * fc)]


register(Family(kind="antoniou_gic", summary="Antoniou generalized impedance converter: a two-op-amp grounded inductor",
                build=_gic, function=_gic_corner,
                names=("Antoniou GIC", "generalized impedance converter", "two-op-amp GIC simulated inductor",
                       "Antoniou inductance simulator"),
                # before the one-op-amp gyrator (4.96)
                rules=((4.95, (rf"{word('gic')}\b|generali[sz]ed[- ]impedance[- ]converter|antoniou",)),),
                noun="filter", simulates="L",
                accepts=r"(?:simulated|synthetic|active|grounded)\s+inductor|gyrator|(?:rl\s+)?high[- ]?pass"))


# --- the bridge-tied load --------------------------------------------------------------------------------

def _btl(f: _Filler) -> str:
    half = f.number("GAIN", stated_gain(f, 4)) / 2  # each side gives half the differential gain
    f.given("FREQ", 1e3)  # where its function is checked ("check at 1 kHz")
    f.param("g_side", format_eng(half))
    # X1: non-inverting, gain G/2, to outp; X2 inverts outp to outn: the load sees v(outp) - v(outn) = G v(in).
    first = ["X1 in outp outp opamp"] if half <= 1 else \
        ["R1 f1 0 10k", f"R2 f1 outp {format_eng(float(f'{(half - 1) * 10e3:.4g}'))}", "X1 in f1 outp opamp"]
    return "\n".join([_opamp_block(f), f"V1 in 0 DC 0 AC {f('VIN', 1)}", *first, "R3 outp f2 10k",
                      "R4 f2 outn 10k", "X2 0 f2 outn opamp", f"R5 outp outn {f('RL', 8, 'R')}",
                      "E1 out 0 outp outn 1"])


def _btl_function(f: _Filler) -> list:
    """Twice each side's gain across the load: the two sides swing in antiphase (in phase they would cancel)."""
    gain, at = 2 * max(used(f, "GAIN", default=stated_gain(f, 4)) / 2, 1.0), used(f, "FREQ")
    return [Probe(f"function: v(outp) - v(outn) is {gain:g} v(in) at {format_eng(at)}Hz (within 3 %)",
                  f"ac lin 1 {at:g} {at:g}\nlet result = vm({{out}})/vm({{inp}})", 0.97 * gain, 1.03 * gain)]


register(Family(kind="bridge_tied_load",
                summary="bridge-tied-load (BTL) amplifier: two op-amps in antiphase across the load",
                build=_btl, function=_btl_function,
                names=("bridge-tied load amplifier", "BTL amplifier", "bridged op-amp amplifier",
                       "bridge amplifier driving a speaker"),
                rules=((4.9, (r"bridge[- ]tied|" + word("btl") + r"\b|"
                              r"bridged\s+(?:op[- ]?amp\s+)?(?:amplifier|amp|output|load|driver)|"
                              r"bridge\s+(?:amplifier|amp\b|driver)",)),),
                noun="amplifier", ports=(("output", ("outp", "outn")),),
                accepts=r"(?:loud)?speakers?|(?:audio\s+)?(?:amplifiers?|drivers?)|op[- ]?amps?"))
