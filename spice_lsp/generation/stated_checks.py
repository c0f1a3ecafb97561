"""Checks of what a request states about its circuit that no other check reads: an AC sweep's spacing and points,
parts said in series between two nodes, a source said to be an AC source, a node named after "rail"/"output", and a
filter edge said as a ripple-band edge. Each is checked on the answer or fails: verified only what was measured.
"""
from __future__ import annotations

import ast
import dataclasses
import operator
import re

from spice_lsp.generation.checklist import FAIL, PASS, UNCHECKED, CheckItem
from spice_lsp.generation.vocabulary import ARTICLES, IDIOMS, NOT_NODES
from spice_lsp.language import model as m
from spice_lsp.language.elements import layout
from spice_lsp.language.units import format_eng, parse_number
from spice_lsp.ngspice import runner

_GROUND = {"0", "gnd", "ground", "earth"}
# Where a clause or a sentence ends (not the point of "4.7 mH").
_CLAUSE_END = re.compile(r"[.;:,](?=\s|$)")
_SENTENCE_END = re.compile(r"[.;:](?=\s|$)")


def stated_checks(description: str, netlist: m.Netlist) -> list[CheckItem]:
    return (sweep_spacing(description, netlist) + in_series(description, netlist)
            + ac_sources(description, netlist) + rail_nodes(description, netlist)
            + dc_levels(description, netlist) + wave_frequencies(description, netlist)
            + steps(description, netlist) + stated_ends(description, netlist))


def _sources(netlist: m.Netlist, letter: str = "VI") -> list[m.Element]:
    return [st for st in netlist.body if isinstance(st, m.Element) and st.name[0].upper() in letter]


def _params(netlist: m.Netlist) -> dict[str, float]:
    return {p.name.lower(): v for p in netlist.statements if isinstance(p, m.ParamDef)
            if (v := parse_number(p.value)) is not None}


def _value(text: str, params: dict[str, float]) -> float | None:
    """A number, or a braced expression of numbers and .params with + - * / ("{duty/freq}"); None if unreadable."""
    if not text.startswith("{"):
        return parse_number(text)
    numbers: dict[str, float] = {}

    def name(match: re.Match) -> str:
        value = params.get(match[0].lower()) if match[0][0].isalpha() else parse_number(match[0])
        if value is None:
            raise ValueError(match[0])
        numbers[f"_{len(numbers)}"] = value
        return f"_{len(numbers) - 1}"
    try:
        tree = ast.parse(re.sub(r"[A-Za-z_]\w*|\d[\w.]*|\.\d[\w.]*", name, text.strip("{}")), mode="eval")
        return _arithmetic(tree.body, numbers)
    except (ValueError, SyntaxError, ZeroDivisionError):
        return None


def _arithmetic(node: ast.AST, numbers: dict[str, float]) -> float:
    if isinstance(node, ast.Name):
        return numbers[node.id]
    if isinstance(node, ast.UnaryOp) and isinstance(node.op, (ast.USub, ast.UAdd)):
        value = _arithmetic(node.operand, numbers)
        return -value if isinstance(node.op, ast.USub) else value
    if isinstance(node, ast.BinOp) and type(node.op) in _OPERATIONS:
        return _OPERATIONS[type(node.op)](_arithmetic(node.left, numbers), _arithmetic(node.right, numbers))
    raise ValueError("not plain arithmetic")


_OPERATIONS = {ast.Add: operator.add, ast.Sub: operator.sub, ast.Mult: operator.mul, ast.Div: operator.truediv}


def _wave(source: m.Element, params: dict[str, float]) -> tuple[str, list[float | None]] | None:
    """A source's waveform function and its arguments (expressions read through the .params), if it has one."""
    for f in layout(source).extra or []:
        if f.kind == "func":
            return f.name.lower(), [_value(a.text, params) for a in f.items]
    return None


def _tran_stop(netlist: m.Netlist) -> float | None:
    for a in netlist.statements:
        if isinstance(a, m.Analysis) and a.kind == "tran" and len(a.args) >= 2:
            return parse_number(a.args[1].text)
    return None


_PREFIX = {"": 1.0, "m": 1e-3, "µ": 1e-6, "u": 1e-6}


def _close(a: float | None, b: float, rel: float = 1e-3) -> bool:
    return a is not None and abs(a - b) <= rel * max(abs(b), 1e-12)


# "0.3 V DC in", "250 mV DC on sn", "1.2 V DC at the input": a source's DC level (not a sine's "1 V DC offset", a
# supply's "12 V DC rail", a converter's "5 V DC output", a sweep's "to 5 V DC").
_DC_LEVEL = re.compile(r"(?<![\w.])(?P<v>[-+]?\d+(?:\.\d+)?)\s*(?P<p>[mµu]?)(?P<u>V|A)\s+DC\b"
                       r"(?=\s+(?:in\b|input|at\b|on\b|into\b|applied|drive)|\s*(?:[,;.]|$))")
_DC_NOT = re.compile(r"\b(?:to|from|between|and|sweep\w*|step\w*|offset|supply|supplies|rails?|output|out|motor|"
                     r"adapter|battery|bus)\b[^,;.]{0,25}$", re.IGNORECASE)


def dc_levels(description: str, netlist: m.Netlist) -> list[CheckItem]:
    """Each DC level the request states for an input ("0.3 V DC in") is some source's DC value or a value its DC
    sweep passes through: a stated level an answer sets to 0 would leave its operating point unasked."""
    params, items = _params(netlist), []
    sweeps = [[parse_number(x.text) for x in a.args[1:3]] for a in netlist.statements
              if isinstance(a, m.Analysis) and a.kind == "dc" and len(a.args) >= 3]
    for said in _DC_LEVEL.finditer(description):
        lo = max((b.end() for b in _CLAUSE_END.finditer(description, 0, said.start())), default=0)
        if _DC_NOT.search(description[lo:said.start()]) or re.match(r"\s*(?:offset|bias|supply|rail|output)",
                                                                       description[said.end():]):
            continue
        value = float(said["v"]) * _PREFIX[said["p"]]
        held = [e.name for e in _sources(netlist, "V" if said["u"] == "V" else "I")
                if _close(_dc_value(e, params), value)]
        swept = any(a is not None and b is not None and min(a, b) <= value <= max(a, b) for a, b in sweeps)
        items.append(CheckItem(f"{said[0]} (a DC level the request states)", PASS if held or swept else FAIL,
                               f"held by {', '.join(held)}" if held else "swept through by the DC analysis" if swept
                               else "no source of the netlist holds it"))
    return items


def _dc_value(source: m.Element, params: dict[str, float]) -> float | None:
    texts = [f.text for f in layout(source).extra or [] if f.kind != "func"]
    lower = [t.lower() for t in texts]

    if "dc" in lower and lower.index("dc") + 1 < len(texts):
        return _value(texts[lower.index("dc") + 1], params)
    return _value(texts[0], params) if texts and lower[0] != "ac" else None


_WAVE_WORD = re.compile(r"\b(?:sine|sinus\w*|sinusoid\w*|square(?:[- ]wave)?(?![- ](?:law|root))|triangle|triangular|"
                        r"sawtooth|pulse(?:s|\s+train)?|clock)\b", re.IGNORECASE)
_FREQ = re.compile(r"(?<![\w.])(?P<v>\d+(?:\.\d+)?)\s*(?P<p>[kKM]|meg|MEG)?\s*Hz\b")
_WAVE_OWN = re.compile(r"\b(?:outputs?|produc\w*|generat\w*|makes?|making|oscillat\w*|gives?|turns?|converts?|"
                       r"corner|cut-?off|centre|center|resonan\w*|notch|fc|f0|bandwidth|switching|carrier)\b",
                       re.IGNORECASE)


def wave_frequencies(description: str, netlist: m.Netlist) -> list[CheckItem]:
    """A stimulus said with its frequency in one clause ("a 2 V peak, 1 kHz sine", "a 10 Hz square wave") is made
    at that frequency by a source of the answer, where the answer runs a transient (a sine at a filter's corner
    frequency instead of the stated one still simulates)."""
    if _tran_stop(netlist) is None:
        return []
    params = _params(netlist)
    made = [w for e in _sources(netlist) if (w := _wave(e, params))]
    if not made or any(e.name[0].upper() == "B" for e in netlist.body if isinstance(e, m.Element)):
        return []  # no wave source: the circuit makes the wave (an oscillator), or none makes it (coverage's
        # stimulus check); a behavioural source's wave is an expression, not read here
    items = []
    for clause in re.split(r"[.;,](?=\s|$)", description):
        wave, freq = _WAVE_WORD.search(clause), _FREQ.search(clause)
        if wave is None or freq is None or _WAVE_OWN.search(clause):
            continue
        value = float(freq["v"]) * {"": 1, "k": 1e3, "K": 1e3, "M": 1e6, "meg": 1e6, "MEG": 1e6}[freq["p"] or ""]
        found = [_frequency(name, args) for name, args in made]
        ok = any(_close(f, value, 0.01) for f in found)
        status = PASS if ok else UNCHECKED if None in found else FAIL
        items.append(CheckItem(f"the {freq[0]} {wave[0]} input (as the request states)", status,
                               "a source makes it at that frequency" if ok else
                               "a source's frequency could not be read" if None in found else
                               "no source of the netlist makes it at that frequency"))
    return items


def _frequency(name: str, args: list[float | None]) -> float | None:
    if name in ("sin", "sffm", "am") and len(args) >= 3:
        return args[2]
    if name == "pulse" and len(args) >= 7 and args[6]:
        return 1 / args[6]
    return None


# "a 1 V step input at t = 0.1 ms", "apply a 2 V step at 50 us", "a step of 5 V": a level reached once and held
_STEP = re.compile(r"(?<![\w.])(?P<v>[-+]?\d+(?:\.\d+)?)\s*(?P<p>[mµu]?)V\s+(?:input\s+)?step\b(?!\s+size)"
                   r"|\bstep\s+(?:input\s+)?of\s+(?P<v2>[-+]?\d+(?:\.\d+)?)\s*(?P<p2>[mµu]?)V\b", re.IGNORECASE)


def steps(description: str, netlist: m.Netlist) -> list[CheckItem]:
    """A step input the request states rises to its level and stays there to the end of the transient (a square
    wave of that level is no step: its settled value is another)."""
    stop = _tran_stop(netlist)
    if stop is None:
        return []
    params, items = _params(netlist), []
    for said in _STEP.finditer(description):
        value = float(said["v"] or said["v2"]) * _PREFIX[said["p"] or said["p2"] or ""]
        ok = False
        for e in _sources(netlist, "V"):
            if (wave := _wave(e, params)) is None:
                continue
            name, args = wave
            if name == "pulse" and len(args) >= 2 and _close(args[1], value):
                # PULSE(v1 v2 td tr tf pw per): held when its width (none: for ever) outlasts the run
                pw = args[5] if len(args) > 5 else None
                ok = ok or pw is None or sum(x or 0.0 for x in args[2:4]) + pw >= stop
            elif name == "pwl" and args and _close(args[-1], value):
                ok = True
        items.append(CheckItem(f"the {said[0]} (a step the request states)", PASS if ok else FAIL,
                               "a source rises to it and holds it to the end of the run" if ok else
                               "no source rises to that level and holds it: a repeating pulse is no step"))
    return items


# "from sn to so", "from node a to node y": the ends of the circuit the request names
_ENDS = re.compile(r"\bfrom\s+(?:node\s+)?(?P<a>[a-z_][a-z0-9_]*)\s+to\s+(?:node\s+)?(?P<b>[a-z_][a-z0-9_]*)"
                   r"(?=\s*(?:[,;.:)]|$|\s+(?:and|with|on|using|at|in|through)\b))")
_ROLE_WORDS = _GROUND | {"output", "input", "the", "a", "an", "it", "them", "load", "supply", "rail", "its"}


def stated_ends(description: str, netlist: m.Netlist) -> list[CheckItem]:
    """Both ends said as "from a to b" are nodes of the answer when one is: a name that is also a word ("so",
    "as") is a node all the same once its partner names one."""
    have = {_node(f.text) for st in netlist.body if isinstance(st, m.Element) for f in layout(st).nodes}
    items = []
    for said in _ENDS.finditer(description):
        a, b = said["a"], said["b"]
        for name, partner in ((a, b), (b, a)):
            if partner in have and partner not in _ROLE_WORDS and name not in have and name not in _ROLE_WORDS \
                    and parse_number(name) is None:
                items.append(CheckItem(f"node {name} ('{said[0]}' in the request)", FAIL, "not in the netlist"))
    return items


# An AC sweep's spacing said in words: "10 points per octave", "by octaves", "octave steps", "linear, 101 points".
# A slope ("12 dB per octave", "20 dB/decade") is no spacing: a count must be a number of points, or the spacing
# said of the sweep itself.
_PER = re.compile(r"(?<![\w.])(?P<n>\d+)\s*(?:(?:frequency\s+|data\s+|sample\s+)?(?:points?|pts|steps?|samples?)\s*)?"
                  r"(?:per|/|an?|each|every|in\s+each)\s*(?P<s>oct|dec)\w*", re.IGNORECASE)
_SPACED = re.compile(r"\b(?:by|in|with|using)\s+(?P<s>oct|dec)(?:ave|ade)s?\b|\b(?P<s2>oct|dec)(?:ave|ade)[- ]"
                     r"(?:steps?|spac\w*|spaced|sweep|intervals?|increments?)\b", re.IGNORECASE)
_LINEAR = re.compile(r"\blinear(?:ly)?\b(?:\s+(?:spaced|steps?|sweep|frequency|scale|spacing|points?|,)|"
                     r"(?=[^.;]{0,40}\b\d+\s*(?:points?|pts)\b))|\b(?:ac|sweep)\b[^.;]{0,60}?\blinear(?:ly)?\b"
                     r"(?!\s+(?:regulator|region|amplifier|ramp|mode))", re.IGNORECASE)
_POINTS = re.compile(r"(?<![\w.])(?P<n>\d+)\s*(?:points?|pts)\b(?!\s*(?:per|/|an?|each)\s*(?:oct|dec))", re.IGNORECASE)


def _ac_sweeps(netlist: m.Netlist) -> list[list[str]]:
    """Each .ac or .noise sweep's words from its spacing on ("dec 10 1 1meg")."""
    sweeps = [[f.text.lower() for f in a.args] for a in netlist.statements if isinstance(a, m.Analysis)
              and a.kind in ("ac", "noise")]
    return [args[next(i for i, w in enumerate(args) if w in ("dec", "oct", "lin")):] for args in sweeps
            if {"dec", "oct", "lin"} & set(args)]


def sweep_spacing(description: str, netlist: m.Netlist) -> list[CheckItem]:
    """The spacing (and the points per octave or decade, or the linear count) an AC sweep is said to have, found
    in one of the answer's .ac statements."""
    wanted: tuple[str, int | None] | None = None
    if per := _PER.search(description):
        wanted = (per["s"].lower(), int(per["n"]))
    elif spaced := _SPACED.search(description):
        wanted = ((spaced["s"] or spaced["s2"]).lower(), None)
    elif (lin := _LINEAR.search(description)) and re.search(r"\bac\b|\bhz\b|frequency|sweep", description,
                                                              re.IGNORECASE):
        count = _POINTS.search(description, max(0, lin.start() - 60))
        wanted = ("lin", int(count["n"]) if count else None)
    if wanted is None:
        return []
    spacing, n = wanted
    said = {"oct": "by octaves", "dec": "by decades", "lin": "linear"}[spacing] + (f", {n} points" if n else "") + \
        (" per " + {"oct": "octave", "dec": "decade"}[spacing] if n and spacing != "lin" else "")
    ok = any(args and args[0] == spacing and (n is None or len(args) > 1 and parse_number(args[1]) == n)
             for args in _ac_sweeps(netlist))
    return [CheckItem(f"AC sweep {said}", PASS if ok else FAIL,
                      "in the netlist" if ok else "no .ac statement sweeps so")]


# "L1 10 mH and C1 1 uF in series from trap to ground": the parts make one path with inner nodes between the ends.
_SERIES = re.compile(r"\bin\s+series\s+(?:from|between)\s+(?:node\s+)?(?P<a>[A-Za-z_]\w*)\s+(?:to|and)\s+"
                     r"(?:node\s+)?(?P<b>[A-Za-z_]\w*)", re.IGNORECASE)
_PART_NAME = re.compile(r"\b[RLCD]\d\w*\b")


def _node(name: str) -> str:
    name = name.lower()
    return "0" if name in _GROUND else name


def in_series(description: str, netlist: m.Netlist) -> list[CheckItem]:
    """Parts named in the clause before "in series from A to B" make a chain from A to B through inner nodes."""
    elements = {st.name.upper(): [_node(f.text) for f in layout(st).nodes] for st in netlist.statements
                if isinstance(st, m.Element)}
    items = []
    for said in _SERIES.finditer(description):
        start = max((b.end() for b in _CLAUSE_END.finditer(description, 0, said.start())), default=0)
        names = [n.upper() for n in _PART_NAME.findall(description[start:said.start()])]
        if len(names) < 2 or any(n not in elements for n in names):
            continue  # parts the answer lacks fail elsewhere
        ends = [elements[n][:2] for n in names]
        a, b = _node(said["a"]), _node(said["b"])
        ok = _chain(ends, a, b)
        items.append(CheckItem(f"{' and '.join(names)} in series from {said['a']} to {said['b']}", PASS if ok else FAIL,
                               "one path through inner nodes" if ok else
                               "not one path from " + said["a"] + " to " + said["b"] + ": " +
                               "; ".join(f"{n} {' '.join(e)}" for n, e in zip(names, ends))))
    return items


def _chain(ends: list[list[str]], a: str, b: str) -> bool:
    """The two-node parts form one path from a to b, each inner node shared by exactly two of them."""
    left, at = list(ends), a
    while left:
        step = [e for e in left if at in e]
        if len(step) != 1:
            return False
        left.remove(step[0])
        at = step[0][1] if step[0][0] == at else step[0][0]
        if at in (a, b) and left:
            return False
    return at == b


# "I1, an AC current source of 1 mA into tank", "an AC voltage source V2 at in": the source must carry an AC value.
_AC_SOURCE = re.compile(r"\b(?:an?\s+)?(?:small[- ]signal\s+)?ac\s+(?P<k>current|voltage)\s+source\b", re.IGNORECASE)
_SOURCE_NAME = re.compile(r"\b[VI]\w*\d\w*\b")


def ac_sources(description: str, netlist: m.Netlist) -> list[CheckItem]:
    """Each source said to be an AC source (by its name when the clause gives one) has an AC magnitude."""
    items = []
    for said in _AC_SOURCE.finditer(description):
        letter = "I" if said["k"].lower() == "current" else "V"
        lo = max((b.end() for b in _SENTENCE_END.finditer(description, 0, said.start())), default=0)
        hi = end.start() if (end := _SENTENCE_END.search(description, said.end())) else len(description)
        name = next((n for n in _SOURCE_NAME.findall(description[lo:hi]) if n[0].upper() == letter), None)
        sources = [st for st in netlist.statements if isinstance(st, m.Element) and st.name[0].upper() == letter
                   and (name is None or st.name.upper() == name.upper())]
        ok = any(re.search(r"\bac\s+[-+.\d{]", " ".join(f.text for f in st.fields), re.IGNORECASE) for st in sources)
        items.append(CheckItem(f"{name or 'an'} AC {said['k'].lower()} source", PASS if ok else FAIL,
                               "has an AC value" if ok else "no AC value on it: an AC analysis sees nothing"))
    return items


# "to a DC rail dcp", "the output node vo", "on net mid", "input pin sa1": a name written after a node noun
# ("output" is left out: "output unloaded", "output curves" say what the output is).
_RAIL = re.compile(r"\b(?:rail|node|net|bus)\s+(?:called\s+|named\s+)?(?P<n>[a-z_][a-z0-9_]*)\b"
                   r"(?=\s*(?:[,;.):]|\(|$|\s+(?:and|with|to|from|at|through|via|which|where|is)\b))"
                   # "input pin sa1", "terminal t_in": a pin's name written as names are (a digit or an underscore;
                   # "the pin starting at" names none)
                   r"|\b(?:pin|terminal)\s+(?:called\s+|named\s+)?(?P<t>[a-z_][a-z]*[0-9_][a-z0-9_]*)\b"
                   # "in = n1, out = n2", "output: vq": a port word set equal to a name
                   r"|\b(?:in|out|input|output|inp|outp)\s*(?:=|:)\s*(?P<p>[a-z_][a-z0-9_]*)\b(?=\s*(?:[,;.)]|$|\s+and\b))"
                   # "; in fa, out fb", "with input x1 and output y1": the two ports named as a pair, from a
                   # clause's start ("in series, out vo" is no port)
                   r"|(?:(?:^|(?<=[,;:(]))\s*|\b(?:with|the)\s+)in(?:put)?\s+(?P<i>[a-z_][a-z0-9_]*)\s*(?:,|and|;)\s*out(?:put)?\s+(?P<o>[a-z_][a-z0-9_]*)\b"
                   r"(?=\s*(?:[,;.)]|$|\s+and\b))")
# Nouns that follow "output"/"node" as what is said of it, not as its name.
_SAID_OF = {"stage", "swing", "impedance", "level", "pin", "side", "frequency", "ripple", "signal", "load", "range",
            "amplitude", "waveform", "offset", "power", "polarity", "peak", "name", "names", "rail", "node", "nodes",
            "wave", "point", "points", "resistance", "capacitance", "current", "voltage", "voltages", "value",
            "values", "port", "ports",
            # what a port is said to carry or be ("input: sine", "output: unloaded"), not its name
            "sine", "square", "triangle", "sawtooth", "pulse", "ramp", "step", "noise", "zero", "none", "unloaded",
            "clipped", "inverted", "buffered", "differential", "single"}
_NOT = NOT_NODES | ARTICLES | IDIOMS | _GROUND | _SAID_OF


def rail_nodes(description: str, netlist: m.Netlist) -> list[CheckItem]:
    """A lower-case name written right after "rail", "node", "net", "bus", "pin" or "terminal", or set equal to a
    port ("out = n2"), is a node the answer must have (words that name no node are the vocabulary's)."""
    have = {_node(f.text) for st in netlist.statements if isinstance(st, m.Element) for f in layout(st).nodes}
    items, seen = [], set()
    for said in _RAIL.finditer(description):
        for node in filter(None, (said["n"], said["t"], said["p"], said["i"], said["o"])):
            if node in _NOT or node in have or node in seen or parse_number(node) is not None:
                continue
            seen.add(node)
            items.append(CheckItem(f"node {node} ('{said[0].strip()}' in the request)", FAIL, "not in the netlist"))
    return items


def q_scaled(specs: list) -> list:
    """A band-pass centre held within what its stated Q allows: the gain at the stated centre within about 0.5 dB of
    the peak, |f - f0| / f0 <= 0.175 / Q for a second-order section (a fixed 5 % lets a Q of 10 miss by 2.6 dB)."""
    q = next((s.target for s in specs if s.quantity == "q" and s.target > 0), None)
    if q is None:
        return specs
    return [dataclasses.replace(s, tolerance=min(s.tolerance, 0.175 / q)) if s.quantity == "center" else s
            for s in specs]


# "a 5 kHz ripple-band edge", "passband edge at 2 kHz": an equiripple filter's edge, where the gain is down by the
# ripple, not by 3 dB. The family's checks measure the -3 dB point: the edge asked for is not what they measured.
_RIPPLE_EDGE = re.compile(r"\bripple[- ]?band\s+(?:edge|limit|corner|end)|\b(?:edge|end)\s+of\s+the\s+(?:ripple|pass)"
                          r"[- ]?band|\bpass[- ]?band\s+(?:edge|corner|limit)|\bripple\s+bandwidth\b", re.IGNORECASE)
# "100 uF", "a reservoir", "smoothed", "ripple under 1 V": the request asks for the capacitor a rectifier's family adds.
_ASKS_CAPACITOR = re.compile(r"capacit|\bcaps?\b|smooth|reservoir|ripple|filter|\d\s*[munpµ]?F\b|\bdc\s+(?:rail|supply|"
                             r"output|level|voltage)|peak\s+detect", re.IGNORECASE)
_ADDED_CAPACITOR = re.compile(r"^C\w* = \S+ \(the [^()]*(?:filter|reservoir|smoothing) capacitor's default\)")


def stated_definitions(description: str, assumptions: list[str]) -> list[CheckItem]:
    """A rectifier's output with a reservoir capacitor nobody asked for: its checks measure DC, not the rectified
    wave asked for."""
    items = []
    if not asks_smoothing(description):
        items += [CheckItem(a, UNCHECKED, "a capacitor the request does not ask for: it changes what the output is "
                            "(DC instead of the rectified wave)") for a in assumptions if _ADDED_CAPACITOR.match(a)]
    return items


def asks_smoothing(description: str) -> bool:
    """The request asks for the reservoir capacitor a rectifier may have."""
    return bool(_ASKS_CAPACITOR.search(description))


_RIPPLE_DB = re.compile(r"(?P<r>\d+(?:\.\d+)?)\s*dB\s+(?:of\s+)?(?:pass[- ]?band\s+|in-band\s+)?ripple\b|"
                        r"\bripple\s+(?:of\s+)?(?P<r2>\d+(?:\.\d+)?)\s*dB", re.IGNORECASE)
_EDGE_HZ = re.compile(r"(?P<f>\d+(?:\.\d+)?)\s*(?P<p>[kM]?)\s*Hz\b")


def ripple_edge(description: str, netlist: str, output: str, input_node: str | None,
                timeout: float) -> list[CheckItem]:
    """At a stated ripple-band edge the gain is down from the passband's peak by the stated ripple (not by 3 dB):
    measured from the passband's peak (below a low-pass's edge, above a high-pass's) to the gain at the edge, within
    0.3 dB of the ripple."""
    edge = _RIPPLE_EDGE.search(description)
    if edge is None:
        return []
    sentence = description[max((b.end() for b in _SENTENCE_END.finditer(description, 0, edge.start())), default=0):]
    near = sorted(_EDGE_HZ.finditer(sentence), key=lambda q: abs(q.start() - (edge.start() - len(description)
                                                                            + len(sentence))))
    ripple = _RIPPLE_DB.search(description)
    if not near or ripple is None:
        return [CheckItem(edge[0], UNCHECKED, "not measured: its frequency or the ripple is not stated as a number")]
    f = float(near[0]["f"]) * {"": 1, "k": 1e3, "M": 1e6}[near[0]["p"]]
    r = float(ripple["r"] or ripple["r2"])
    ratio = f"v({output})/v({input_node})" if input_node else f"v({output})"
    # the passband lies above a high-pass's edge: its peak from the edge up, the edge the sweep's first point
    high = re.search(r"high[- ]?pass|\bhpf\b", description, re.IGNORECASE) is not None
    control = (f"ac dec 200 {f:g} {f * 100:g}\nlet g = db({ratio})\nlet result = vecmax(g) - g[0]\nprint result"
               if high else f"ac dec 200 {f / 100:g} {f:g}\nlet g = db({ratio})\n"
               "let result = vecmax(g) - g[length(g) - 1]\nprint result")
    run = runner.run(netlist, control=control, timeout=timeout)
    drop = run.values.get("result") if run.ok else None
    if drop is None:
        return [CheckItem(edge[0], FAIL, "not measured: ngspice failed")]
    ok = abs(drop - r) <= 0.3
    return [CheckItem(edge[0], PASS if ok else FAIL, f"measured {drop:.3g} dB down from the passband's peak at "
                      f"{format_eng(f)}Hz, target the {r:g} dB ripple ±0.3 dB")]


# A current sink's or source's own node is the one a user names; a supply is named as one ("vcc", "vdd", "rail").
_SINK = re.compile(r"\bcurrent\s+(?:sink|source|mirror)\b|\bsinks?\b", re.IGNORECASE)
_SUPPLY_NAME = re.compile(r"v\w*|rail\w*|sup\w*|pwr\w*|bat\w*|pos\w*|neg\w*", re.IGNORECASE)


def sink_node(description: str, nodes: list[str], netlist: m.Netlist) -> list[CheckItem]:
    """A current sink whose one named node the answer makes its supply's terminal ("a 1k resistor hanging from a
    10 V rail at node col" put col on the rail): the node named is the sink's own in most readings, so what the
    answer measures is not at the node asked for; not verified."""
    named = [n for n in nodes if _node(n) != "0"]
    if not _SINK.search(description) or len(named) != 1 or _SUPPLY_NAME.fullmatch(named[0]):
        return []
    node = _node(named[0])
    # A source the request names there ("held at 5 V by source VOUT at node co") is the request's own: it measures
    # the sink's current at that node.
    supplied = any(st.name[0].upper() == "V" and [_node(f.text) for f in layout(st).nodes][:1] == [node]
                   and not re.search(rf"\b{re.escape(st.name)}\b", description, re.IGNORECASE) and _holds(st)
                   for st in netlist.statements if isinstance(st, m.Element))
    return [CheckItem(f"node {named[0]}", UNCHECKED, "the answer makes it the supply rail; a current sink's named node "
                      "is where it sinks, which this answer does not name")] if supplied else []


def _holds(source: m.Element) -> bool:
    """A source that holds a level (a supply), not a 0 V ammeter."""
    values = [f.text for f in source.fields[2:] if f.text.lower() not in ("dc", "ac")]
    return any(v.startswith("{") or (parse_number(v) or 0) != 0 for v in values[:1])


_DECIBELS = re.compile(r"[-+−]?\d+(?:\.\d+)?\s*dB\b(?!\s*(?:/|per)\s*(?:oct|dec))", re.IGNORECASE)


def decibels_observable(description: str, netlist: m.Netlist) -> list[CheckItem]:
    """A ratio stated in dB is a small-signal response: an answer with no AC value on any source and no AC or
    transient run shows none (its checks added the stimulus themselves), so the user cannot see what was asked."""
    said = _DECIBELS.search(description)
    if said is None:
        return []
    runs = any(isinstance(a, m.Analysis) and a.kind in ("ac", "tran", "noise") for a in netlist.statements)
    stimulus = any(st.name[0].upper() in "VI" and re.search(r"\bac\b", " ".join(f.text for f in st.fields),
                                                            re.IGNORECASE)
                   for st in netlist.statements if isinstance(st, m.Element))
    return [] if runs or stimulus else [CheckItem(said[0], FAIL, "no AC stimulus and no AC run in the answer: the "
                                                  "response in dB it states cannot be seen in it")]
