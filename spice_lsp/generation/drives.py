"""The levels a request states on a logic circuit's inputs, over time.

    "inputs a and b both held at 3.3 V", "b at 5 V throughout", "input a tied high",
    "tie both inputs a and b to ground", "drive a with 0 V then 5 V from 1 ms on",
    "x is 5 V until 1 ms and then drops to 0 V", "en goes high at 2 us"

A gate's family drives its inputs with its own pulses; a request that states what each input does is
answered with those levels (a DC source, or a PWL of steps), and the gate is checked against its truth
table at those levels. An input whose words name a waveform (a pulse, a clock, a sine), or a change with no
time to make it at, is left to the stated-source reader: levels are read, never guessed. The readers are pure
(strings in, tuples out); gate_sources writes a gate's sources for its builder.
"""
from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING

from spice_lsp.generation.checklist import Probe
from spice_lsp.generation.ports import RAIL, read_ports
from spice_lsp.generation.request import read_request
from spice_lsp.generation.vocabulary import ARTICLES, FUNCTION, IDIOMS, NOT_NODES, PORT_NOUNS
from spice_lsp.language.units import format_eng

if TYPE_CHECKING:  # (templates.py builds its NAND with gate_sources)
    from spice_lsp.generation.templates import _Filler

Steps = tuple[tuple[float, float | None], ...]  # (from time, level); level None: the logic high

_EXPONENT = {"": 0, "m": -3, "u": -6, "µ": -6, "μ": -6, "n": -9, "p": -12}
_NUMBER = r"(?P<{0}>\d+(?:\.\d+)?|\.\d+)\s?(?P<{0}u>[mµμunp]?)"
_ITEM = re.compile(_NUMBER.format("v") + r"V\b|(?P<hl>\bhigh\b|\blow\b|\bground(?:ed)?\b|\bgnd\b)|"
                   + _NUMBER.format("t") + r"s\b|(?P<verb>\b(?:rises?|rising|goes|going|switch(?:es|ing)?|"
                   r"steps?|stepping|falls?|falling|drops?|dropping|turns?|changes?|jumps?)\b)", re.IGNORECASE)
# A waveform the source readers place ("a 0/5 V pulse", "a 1 MHz clock"), or a sweep the DC analysis makes ("input nb
# swept by VNB from 0 to 1.8 V"): no steps of levels.
_WAVE = re.compile(r"\b(?:pulses?|pulsing|clock\w*|swept|sweep\w*|sine|sinusoid\w*|square|triangle|ramp\w*|pwm|"
                   r"toggl\w*|hz|khz|mhz|period\w*|sin|pwl|every|alternat\w*|repeat\w*|cycl\w*)\b|\d\s*(?:k|m|meg|g)?hz\b",
                   re.IGNORECASE)
# A length of the run, no time an input changes at: "2 ms transient", "10 ms of simulation"
_RUN = re.compile(r"\s*(?:of\s+)?(?:transient|tran\b|simulation|sim\b|run\b|analysis)", re.IGNORECASE)
_TIME = r"(?P<{0}>\d+(?:\.\d+)?|\.\d+)\s?(?P<{0}u>[mµμunp]?)s\b"
# "simulate 4 us", "run for 10 ms", "show 3 ms": the run's length said before it
_RUN_BEFORE = re.compile(r"\b(?:simulat\w*|run|show|transient|tran)\s+(?:it\s+)?(?:for\s+|over\s+|of\s+)?"
                         + _TIME.format("t"), re.IGNORECASE)
# A periodic pulse said by how long it is high in each period: "1 us high in a 2 us period", "4 us high every
# 8 us", "high for 2 ms out of every 5 ms", with where it starts ("starts high", "starting low")
# ... or with "high" left to the item before ("na 10 ns high every 20 ns, nb 20 ns every 40 ns")
_HIGH_FOR = (_TIME.format("w") + r"\s+high", r"\bhigh\s+for\s+" + _TIME.format("w"),
             _TIME.format("w") + r"(?=\s+every\b)")
_PERIODIC = [re.compile(w + r"\s+(?:(?:in|of|out\s+of)\s+(?:an?\s+|each\s+|every\s+)?|every\s+)"
                        + _TIME.format("p") + r"(?:\s+period)?", re.IGNORECASE) for w in _HIGH_FOR]
_START = re.compile(r"\bstart(?:s|ing)?\s+(?:out\s+)?(?P<s>high|low)\b|\b(?P<f>high|low)\s+first\b", re.IGNORECASE)
_SWING = re.compile(r"(?<![\w.])(?P<lo>\d+(?:\.\d+)?)\s*(?:/|to)\s*(?P<hi>\d+(?:\.\d+)?)\s*V\b", re.IGNORECASE)
# Words of a sequence: levels said with one of these change in time, so a time must be said too
_SEQUENCE = re.compile(r"\b(?:then|until|till|after|later|followed|before|afterwards)\b", re.IGNORECASE)
# What a node's name is followed by when a level is stated on it ("a at 5 V", "x is 5 V", "b held low").
_STATED_VERBS = r"is|are|stays|sits|starts|both|held|tied|kept|fixed|at|to|with"
_STATED = r"(?:\s+(?:" + _STATED_VERBS + r")\b)+\s*(?:=\s*)?" \
          r"(?:\d|\.\d|high\b|low\b|ground\b)|\s*=\s*\d"
# After a name that is also an article, what makes it the name: "a at 5 V", "a and b", "drive a with ..."
_NAME_NEXT = re.compile(r"\s*(?:[,;.)=]|$|(?:is|are|at|with|held|tied|kept|stays|sits|starts|and|or|both|high|low|"
                        r"until|from|then|goes|rises|falls|drops|switches|steps|to)\b)", re.IGNORECASE)
_RAILS = {"vdd", "vcc", "vss", "vee", "gnd", "0"}


@dataclass(frozen=True)
class Inputs:
    names: tuple[str, ...]  # the request's names for the family's inputs, in the family's order
    steps: dict[str, Steps]  # the stated levels of those it states

    @property
    def stated(self) -> bool:
        """Every input's levels are stated (the truth table is checked at them)."""
        return all(n in self.steps for n in self.names)

    def line(self, k: int, name: str, wave: str, high: float) -> str:
        """Input k's source: the stated levels, else the family's `wave`."""
        node = self.names[k]
        return source(name, node, self.steps[node], high) if node in self.steps else f"{name} {node} 0 {wave}"


def logic_inputs(text: str, defaults: Sequence[str]) -> Inputs:
    """The inputs of a circuit whose own are `defaults`: the request's names for them and what it states."""
    names = input_names(text, len(defaults), defaults)
    return Inputs(tuple(names), stated_steps(text, names))


def gate_sources(f: _Filler, waves: Sequence[str], defaults: Sequence[str] = ("a", "b")) -> tuple[Inputs, list[str]]:
    """A gate's inputs (the family's `defaults`) on the request's names and their sources V2, V3 ...: the levels
    it states, else the family's `waves`; stated steps set a transient that shows each one settled."""
    inputs = logic_inputs(f.intent.description, defaults)
    if (stop := span(inputs.steps)) and inputs.stated:
        f.tran = (stop / 1000, stop)
    high = logic_high(f.intent.description, f.number("VDD", 1.8))
    return inputs, [inputs.line(k, f"V{k + 2}", wave, high) for k, wave in enumerate(waves)]


def logic_high(text: str, fallback: float) -> float:
    """The logic high: the supply the request states ("on 5 V", "a 3.3 V supply"), else `fallback` (the supply
    role; a level stated on an input, "0 V then 5 V", is no supply)."""
    supply = read_ports(text).supply
    return supply.value if supply is not None and supply.value else fallback


def input_names(text: str, count: int, defaults: Sequence[str]) -> list[str]:
    """The names the request gives a logic circuit's `count` inputs, in the order it first says them: its
    input ports, else the nodes it states levels on (never its output or a rail); the family's `defaults`
    fill the rest."""
    request, ports = read_request(text), read_ports(text)
    if count == 1 and request.input:  # one input: the one the request names so ("input in", "its input vin")
        return [request.input]
    # (a rail the request names as a node, "on a 3.3 V supply (node vd3)", is no input either)
    outputs = {request.output, *ports.roles.get("output", ()), *(s.node for s in request.sources if s.supply)}

    def short(name: str) -> bool:  # a node's short name, not "inverter at 1.8 V" (the circuit at its supply)
        return len(name) <= 5 or re.search(r"[\d_]", name) is not None
    said = [*ports.roles.get("input", ()), *([request.input] if request.input else []), *request.inputs,
            *request.nodes, *(s.node for s in request.sources
                              if s.node and not s.supply and (s.node in request.nodes or short(s.node))),
            *(level.node for level in ports.levels)]
    # the names a list of inputs gives ("inputs u and v", "inputs a, b"), then those read as inputs or nodes,
    # then those the request states levels on ("x is 5 V until 1 ms"): the first `count` of them
    listed = [n.lower() for m in _INPUT_LIST.finditer(text) for n in re.findall(r"[a-z]\w*", m["list"], re.IGNORECASE)
              if n.lower() not in ("and", "or")]
    levelled = [m[1] for m in re.finditer(r"(?<![\w.(])([a-z][a-z0-9_]{0,7})(?=" + _STATED + ")", text)
                if m[1] not in _WORDS and not re.fullmatch(_STATED_VERBS, m[1]) and short(m[1])]
    names = _usable(listed, outputs, text)
    for more in (levelled, said):
        names = names if len(names) >= count else _usable(names + more, outputs, text)
    names.sort(key=lambda n: _mentions(text, n)[0].start())
    names = names[:count]
    return names + [d for d in defaults if d not in names][:count - len(names)]


_WORDS = NOT_NODES | FUNCTION | IDIOMS | PORT_NOUNS | ARTICLES


def _usable(said: Sequence[str | None], outputs: set[str | None], text: str) -> list[str]:
    return [n for n in dict.fromkeys(said) if n and n not in outputs and n not in _RAILS and not RAIL.match(n)
            and n not in ("in", "out") and _mentions(text, n)]


# "inputs u and v", "inputs a, b", "with inputs p and q": the inputs' names in order
_INPUT_LIST = re.compile(r"\binputs\s+(?:are\s+|named\s+|called\s+)?(?:nodes\s+)?"
                         r"(?P<list>[a-z]\w{0,7}(?:\s*,\s*[a-z]\w{0,7})*(?:\s*,?\s+(?:and|or)\s+[a-z]\w{0,7}))\b",
                         re.IGNORECASE)


def _mentions(text: str, name: str) -> list[re.Match]:
    """Where the request names the node (a name that is also an article only where words make it a name; a
    one-letter name in its own case, so the unit in "5 V" is no node v)."""
    flags = 0 if len(name) == 1 else re.IGNORECASE
    return [m for m in re.finditer(rf"(?<![\w.])(?<!\w\(){re.escape(name)}(?![\w(])", text, flags)
            if name not in ARTICLES or _NAME_NEXT.match(text, m.end())]


def stated_steps(text: str, names: Sequence[str], held_when: bool = False) -> dict[str, Steps]:
    """For each input whose levels the request states, its steps; the others are left out. A list of inputs
    before one statement ("a and b both held at 3.3 V", "inputs a and b tied to ground") shares it. A condition
    ("only while x and y are high") states a gate's function, not its drive, unless it says a level in volts or
    `held_when` (a switch passing a level "when the control ctl is high" is held so)."""
    low = text.lower()
    horizon = _horizon(text)
    mentions = sorted((m.start(), m.end(), n) for n in names for m in _mentions(text, n))
    found: dict[str, Steps] = {}
    conditions: dict[str, Steps] = {}  # said in a condition ("when the control ctl is at 5 V"): used last
    waiting: list[str] = []  # names listed before the statement they share ("a and b ...")
    swing: re.Match | None = None
    for k, (begin, end, name) in enumerate(mentions):
        stop = min([m.start() for m in re.finditer(r"\.(?:\s|$)|;", low) if m.start() >= end]
                   + [mentions[k + 1][0] if k + 1 < len(mentions) else len(low)] + [len(low)])
        sentence = max([0] + [m.end() for m in re.finditer(r"\.(?:\s|$)|;", low[:begin])])
        if low.count("(", sentence, begin) > low.count(")", sentence, begin):  # "(en at 3.3 V, enb at 0 V)"
            stop = min(stop, low.find(")", end) % (len(low) + 1))
        clause = text[end:stop]
        if not re.search(r"\d\s?[mµμunp]?s\b", clause):  # levels held, not steps: the first phrase says them
            clause = re.split(r",(?!\s*(?:and\s+)?(?:both|each|all|high|low|held|tied)\b)", clause)[0]
        if re.fullmatch(r"\s*(?:,|and|,\s*and|or)\s*", clause, re.IGNORECASE):
            waiting.append(name)
            continue
        # a waveform is the stated-source reader's, unless it is a periodic pulse told by its high time and period
        # (its levels, when unsaid, those of the input stated before it: "x with a 0/3.3 V pulse ..., y with ...")
        periodic = _periodic(clause, horizon, swing)
        swing = _SWING.search(clause) or swing
        steps = periodic if periodic is not None or _WAVE.search(clause) else _steps(clause)
        # "z high only while x and y are high" states the function, not how x is driven; a level in volts is
        # stated there ("passing the signal when the control ctl is at 5 V")
        condition = _CONDITION.search(low[max(0, begin - 40):begin])
        into = conditions if condition else found
        read = steps is not None and (not condition or held_when or re.search(r"\dV|\d\s+V", clause) is not None)
        for each in [*waiting, name]:
            if read and steps is not None and each not in into:
                into[each] = steps
        waiting = []
    found.update({n: steps for n, steps in conditions.items() if n not in found})
    for m in _ALL.finditer(text):  # "both inputs held high", "all inputs at 0 V": every input not stated alone
        stop = next((e.start() for e in re.finditer(r"\.(?:\s|$)|;", text) if e.start() >= m.end()), len(text))
        clause = text[m.end():stop]
        if (steps := None if _WAVE.search(clause) else _steps(clause)) is not None:
            found.update({n: steps for n in names if n not in found})
    return found


# A condition on inputs, said of the function: "only while both x and y are high", "when a is low".
_CONDITION = re.compile(r"\b(?:while|when|whenever|if|unless|only)\b(?:\s+(?:both|either|all|inputs?|and|or|"
                        r"[a-z]\w{0,7}\s*,?))*\s*$", re.IGNORECASE)
# "both inputs held high", "tie all inputs to ground", "the two inputs at 5 V"
_ALL = re.compile(r"\b(?:both|all(?:\s+the)?|each\s+of\s+the|the\s+two)\s+inputs?\b(?!\s+(?:are|is)\s+"
                  r"(?:nodes?|named|called)\b)", re.IGNORECASE)


def _seconds(m: re.Match, name: str) -> float:
    return float(f"{m[name]}e{_EXPONENT[m[name + 'u']]}")


def _horizon(text: str) -> float:
    """How far a periodic input is written out: the run the request states, else two of the longest period it
    states (every combination of inputs that halve each other's periods)."""
    periods = [_seconds(m, "p") for pattern in _PERIODIC for m in pattern.finditer(text)]
    runs = [_seconds(m, "t") for m in _RUN_BEFORE.finditer(text)] + [
        _seconds(m, "t") for m in re.finditer(_TIME.format("t"), text) if _RUN.match(text, m.end())]
    return max(runs or [2 * p for p in periods] or [0.0])


def _periodic(clause: str, horizon: float, before: re.Match | None = None) -> Steps | None:
    """A periodic pulse said by its high time and period ("starts high, 1 us high in a 2 us period"), as its
    steps up to `horizon`: high first unless it is said to start low; its levels as said ("0/3.3 V"), else 0 V
    and the logic high."""
    shape = next((m for pattern in _PERIODIC if (m := pattern.search(clause))), None)
    if shape is None or not 0 < (width := _seconds(shape, "w")) < (period := _seconds(shape, "p")):
        return None
    start, swing = _START.search(clause), _SWING.search(clause) or before
    low, high = (float(swing["lo"]), float(swing["hi"])) if swing else (0.0, None)
    high_first = not start or (start["s"] or start["f"]).lower() == "high"
    first, second = (high, low) if high_first else (low, high)
    split = width if high_first else period - width
    steps: list[tuple[float, float | None]] = []
    t = 0.0
    while t < max(horizon, period) - 1e-12 * period:
        steps += [(t, first), (t + split, second)]
        t += period
    return tuple(steps)


def _steps(clause: str) -> Steps | None:
    """The levels of one input's statement, with the times they change at; None when it states no level, or
    its levels and times do not pair up."""
    levels: list[float | None] = []
    times: list[float] = []
    verb = False
    for m in _ITEM.finditer(clause):
        if m["v"]:
            levels.append(float(f"{m['v']}e{_EXPONENT[m['vu']]}"))
        elif m["hl"]:
            levels.append(None if m["hl"].lower() == "high" else 0.0)
        elif m["t"] and not _RUN.match(clause, m.end()):
            times.append(float(f"{m['t']}e{_EXPONENT[m['tu']]}"))
        elif m["t"]:
            continue
        else:
            verb = True
    if not levels or (times and times != sorted(times)) or any(t <= 0 for t in times):
        return None
    if len(levels) == 1 and len(times) == 1 and verb:  # "goes high at 1 ms": from the other level
        levels.insert(0, 0.0 if levels[0] is None or levels[0] > 0 else None)
    if not times and _SEQUENCE.search(clause):
        return None  # "0 V then 5 V": a change said with no time to make it at
    if not times:  # held at one level: the first in volts ("held high at 1.8 V"; what follows is another phrase's)
        return ((0.0, next((v for v in levels if v is not None), levels[0])),)
    return tuple(zip([0.0, *times], levels)) if len(levels) == len(times) + 1 else None


def volts(value: float | None, high: float) -> float:
    return high if value is None else value


def source(name: str, node: str, steps: Steps, high: float) -> str:
    """The input's source: a DC level, or a PWL whose edges take a thousandth of the shortest step."""
    if len(steps) == 1:
        return f"{name} {node} 0 DC {volts(steps[0][1], high):g}"
    edge = min(b[0] - a[0] for a, b in zip(steps, steps[1:])) / 1000
    points = [f"0 {volts(steps[0][1], high):g}"]
    for (_, before), (t, after) in zip(steps, steps[1:]):
        # (t + edge to six figures: three would round a 2 ps edge at 12 ns back onto 12 ns)
        points += [f"{format_eng(t)} {volts(before, high):g}", f"{t + edge:.6g} {volts(after, high):g}"]
    return f"{name} {node} 0 PWL({' '.join(points)})"


def span(steps: dict[str, Steps]) -> float:
    """How long a transient shows every stated step settled: twice the last change (0: all DC)."""
    return 2 * max((t for s in steps.values() for t, _ in s), default=0.0)


def samples(steps: dict[str, Steps]) -> list[float]:
    """Times in the middle of each stretch where no input changes (the last one as long as the step before)."""
    changes = sorted({t for s in steps.values() for t, _ in s} - {0.0})
    if not changes:
        return []
    edges = [0.0, *changes, 1.5 * changes[-1] if len(changes) == 1 else 2 * changes[-1] - changes[-2]]
    return [(a + b) / 2 for a, b in zip(edges, edges[1:])]


def at(steps: Steps, t: float, high: float) -> bool:
    """The input's logic value at time t."""
    value = [v for start, v in steps if start <= t][-1]
    return volts(value, high) > high / 2


def follows(gate: Callable[..., bool], names: Sequence[str], steps: dict[str, Steps], high: float) -> Probe:
    """The gate's output against its truth table at the stated levels: at the operating point when they are DC,
    else sampled while each combination holds; result counts the wrong samples (0 expected)."""
    mid = f"{high / 2:g}"
    times = samples(steps)
    if not times:
        want = gate(*(at(steps[n], 0.0, high) for n in names))
        return Probe(f"function: its output is {'high' if want else 'low'} at the stated input levels",
                     f"op\nlet result = v({{out}}) {'lt' if want else 'gt'} {mid}", 0, 0)
    lines = [f"meas tran s{i} find v({{out}}) at={t:g}" for i, t in enumerate(times)]
    wrong = " + ".join(f"(s{i} {'lt' if gate(*(at(steps[n], t, high) for n in names)) else 'gt'} {mid})"
                       for i, t in enumerate(times))
    return Probe("function: its truth table at the stated input levels, sampled while each combination holds",
                 "{tran}\n" + "\n".join(lines) + f"\nlet result = {wrong}", 0, 0)
