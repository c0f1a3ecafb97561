"""A case's checklist applied to one netlist, independently of the generator.

A request states elements (name, kind, nodes, value, source levels, model parameters), node
names and analyses with their ranges: `constraint_verdicts` reads the netlist with
spice_lsp.language.parser and says, for each, whether the netlist honours it. A request's
performance specs are `checks`: ngspice measurements on its named nodes (`run_check`, through
spice_lsp.ngspice.runner's `control=` path). `check_case` does both. The case format is in
training/cases/README.md.

    from training.case_checks import check_case
    verdict = check_case(case, netlist)   # verdict.passed, verdict.constraints, verdict.checks
"""
from __future__ import annotations

import ast
import math
import operator
import re
from dataclasses import dataclass, field

from spice_lsp.language import model as m
from spice_lsp.language.checks import check
from spice_lsp.language.elements import connected_nodes, layout
from spice_lsp.language.parser import parse
from spice_lsp.ngspice import runner

SIM_TIMEOUT_S = 30.0  # per ngspice run; the converters' checks take ~1 s
VALUE_TOL = 0.01  # a value the user wrote must be kept: 1 % covers 4.7k written as 4.70k or 4700
RANGE_TOL = 1e-3  # an analysis bound the user wrote must be kept exactly (as a number)
GROUND = frozenset({"0", "gnd", "ground"})
UNORDERED = frozenset("RCL")  # two-terminal parts whose orientation does not matter
VALUE_PARAMS = ("r", "c", "l", "value", "resistance", "capacitance", "inductance")
ANALYSIS_KINDS = ("op", "dc", "ac", "tran", "noise", "tf")


@dataclass(frozen=True)
class Verdict:
    """One item of the checklist: what was asked, whether the netlist honours it, and what was
    found instead (or the measured value)."""
    what: str
    passed: bool
    detail: str = ""
    value: float | None = None


@dataclass
class CaseVerdict:
    constraints: list[Verdict]
    checks: list[Verdict]
    simulates: bool
    errors: list[str] = field(default_factory=list)

    @property
    def passed(self) -> bool:
        return self.simulates and all(v.passed for v in self.constraints + self.checks)


# --- numbers ----------------------------------------------------------------------------------

_NUMBER = re.compile(r"[+-]?(?:\d+\.?\d*|\.\d+)(?:e[+-]?\d+)?", re.IGNORECASE)
_SCALE = {"t": 1e12, "g": 1e9, "k": 1e3, "m": 1e-3, "u": 1e-6, "n": 1e-9, "p": 1e-12, "f": 1e-15, "a": 1e-18}


def spice_number(text: str) -> float | None:
    """A number as ngspice 39 reads it: digits, an optional scale (meg, mil, t g k m u n p f a),
    and whatever letters or digits follow ignored, so 4k7 is 4k and 4R7 is 4 (what the
    simulation runs with, whatever the user meant)."""
    found = _NUMBER.match(text)
    if not found:
        return None
    rest = text[found.end():].lower()
    if rest and not rest[0].isalpha():
        return None
    scale = 1e6 if rest.startswith("meg") else 25.4e-6 if rest.startswith("mil") else _SCALE.get(rest[:1], 1.0)
    return float(found.group()) * scale


_BINARY = {ast.Add: operator.add, ast.Sub: operator.sub, ast.Mult: operator.mul, ast.Div: operator.truediv,
           ast.Pow: operator.pow}
_TOKEN = re.compile(r"[A-Za-z_]\w*|\d[\w.]*|\.\d[\w.]*|\*\*|[-+*/()^]")
_ARITHMETIC = re.compile(rf"(?:{_TOKEN.pattern}|\s)+")


def resolve(text: str, params: dict[str, str], depth: int = 0) -> float | None:
    """A value as a number: a SPICE number (4k7, 100n, 1meg), a .param name, or arithmetic on
    those in braces or quotes ({2*R}); None when it is something else (a function, a model)."""
    text = text.strip().strip("{}'\"").strip()
    if (number := spice_number(text)) is not None or depth > 8:
        return number
    if text.lower() in params:
        return resolve(params[text.lower()], params, depth + 1)
    if not _ARITHMETIC.fullmatch(text):
        return None
    pieces = []
    for token in _TOKEN.findall(text):
        if token[0].isalpha() or token[0] == "_":
            value = resolve(token, params, depth + 1) if token.lower() in params else None
            if value is None:
                return None
            pieces.append(repr(value))
        elif token[0].isdigit() or token[0] == ".":
            if (value := spice_number(token)) is None:
                return None
            pieces.append(repr(value))
        else:
            pieces.append("**" if token == "^" else token)
    try:
        return _evaluate(ast.parse("".join(pieces), mode="eval").body)
    except (SyntaxError, ValueError, ZeroDivisionError, OverflowError, TypeError):
        return None


def _evaluate(node: ast.AST) -> float:
    if isinstance(node, ast.Constant) and isinstance(node.value, (int, float)):
        return float(node.value)
    if isinstance(node, ast.UnaryOp) and isinstance(node.op, (ast.UAdd, ast.USub)):
        value = _evaluate(node.operand)
        return -value if isinstance(node.op, ast.USub) else value
    if isinstance(node, ast.BinOp) and type(node.op) in _BINARY:
        return float(_BINARY[type(node.op)](_evaluate(node.left), _evaluate(node.right)))
    raise ValueError("not arithmetic")


def close(found: float | None, wanted: float, tol: float) -> bool:
    return found is not None and math.isclose(found, wanted, rel_tol=tol, abs_tol=1e-15)


def node_key(name: str) -> str:
    name = name.lower()
    return "0" if name in GROUND else name


def _show(value: float | None) -> str:
    return "?" if value is None else f"{value:.4g}"


# --- the netlist, read once -------------------------------------------------------------------

@dataclass
class _Part:
    """One element as the checklist sees it."""
    name: str
    letter: str
    nodes: list[str]
    value: float | None
    params: dict[str, float | None]  # instance parameters (W=, L=, ...)
    model: str  # model or subcircuit name, lower case
    source: dict  # dc, ac: numbers; sin, pulse, pwl: argument lists


class Reading:
    """What a netlist contains, in the terms a case's constraints use."""

    def __init__(self, text: str) -> None:
        self.netlist = netlist = parse(text).netlist
        self.params = {p.name.lower(): p.value for p in netlist.params}
        self.models = {mo.name.lower(): mo for mo in netlist.models}
        self.parts = [self._part(e) for e in netlist.elements]
        self.nodes = {n for part in self.parts for n in part.nodes}
        self.analyses = [self._analysis(a.kind, " ".join(f.text for f in a.args)) for a in netlist.analyses]
        for block in netlist.of_type(m.ControlBlock):  # analyses a .control block runs
            for line in block.text.split("\n")[1:-1]:
                words = line.split(None, 1)
                if words and words[0].lower() in ANALYSIS_KINDS:
                    self.analyses.append(self._analysis(words[0].lower(), words[1] if len(words) > 1 else ""))
        self.temperatures = self._temperatures()

    def number(self, text: str) -> float | None:
        return resolve(text, self.params)

    def _part(self, element: m.Element) -> _Part:
        lay = layout(element, set(self.models))
        params = {p.name.lower(): self.number(p.value.text) if p.value else None for p in lay.params}
        value = self.number(lay.value.text) if lay.value is not None else None
        if value is None and element.letter in "RCL":
            value = next((params[k] for k in VALUE_PARAMS if params.get(k) is not None), None)
        source = self._source(lay.extra) if element.letter in "VI" else {}
        return _Part(element.name, element.letter, [node_key(n.text) for n in connected_nodes(element, lay)],
                     value, params, lay.model.key if lay.model is not None else "", source)

    def _source(self, fields: list[m.Field]) -> dict:
        """DC and AC levels and the SIN/PULSE/PWL arguments of a V or I line."""
        source: dict = {}
        for i, f in enumerate(fields):
            nxt = fields[i + 1] if i + 1 < len(fields) else None
            if f.kind == "func":
                source[f.name] = [self.number(a.text) for a in f.items if a.kind != "comma"]
            elif f.kind == "word" and f.key in ("dc", "ac") and nxt is not None and nxt.kind != "func":
                source.setdefault(f.key, self.number(nxt.text))
            elif i == 0 and (value := self.number(f.text)) is not None:
                source["dc"] = value  # V1 a 0 5: a bare first number is the DC level
        return source

    def _analysis(self, kind: str, text: str) -> dict:
        words = text.replace(",", " ").split()
        numbers = [self.number(w) for w in words]
        if kind == "dc":
            return {"kind": "dc", "source": words[0].lower() if words else "",
                    "start": numbers[1] if len(words) > 1 else None, "stop": numbers[2] if len(words) > 2 else None,
                    "step": numbers[3] if len(words) > 3 else None}
        if kind == "ac":
            return {"kind": "ac", "variation": words[0].lower() if words else "",
                    "points": numbers[1] if len(words) > 1 else None,
                    "start": numbers[2] if len(words) > 2 else None, "stop": numbers[3] if len(words) > 3 else None}
        if kind == "tran":
            values = [n for w, n in zip(words, numbers) if w.lower() != "uic"]
            return {"kind": "tran", "step": values[0] if values else None,
                    "stop": values[1] if len(values) > 1 else None, "start": values[2] if len(values) > 2 else 0.0}
        if kind == "noise":
            found = re.match(r"v\s*\(\s*([^,)\s]+)\s*(?:,\s*([^)\s]+)\s*)?\)\s+(\S+)\s+(\w+)\s+(\S+)\s+(\S+)\s+(\S+)",
                             text, re.IGNORECASE)
            if not found:
                return {"kind": "noise"}
            return {"kind": "noise", "output": node_key(found[1]), "source": found[3].lower(),
                    "variation": found[4].lower(), "points": self.number(found[5]),
                    "start": self.number(found[6]), "stop": self.number(found[7])}
        if kind == "tf":
            found = re.match(r"([vi]\s*\([^)]*\))\s*(\S+)", text, re.IGNORECASE)
            return {"kind": "tf", "output": re.sub(r"\s", "", found[1]).lower() if found else "",
                    "source": found[2].lower() if found else ""}
        return {"kind": kind}

    def _temperatures(self) -> list[tuple[float, float]]:
        """Temperatures the netlist simulates at, as ranges (a single value is a range of one)."""
        found: list[tuple[float, float]] = []
        for directive in self.netlist.of_type(m.Directive):
            if directive.name == ".temp":
                found += [(v, v) for f in directive.args if (v := self.number(f.text)) is not None]
            elif directive.name in (".options", ".option", ".opt"):
                found += [(v, v) for f in directive.args if f.kind == "assign" and f.name.lower() == "temp"
                          and f.value is not None and (v := self.number(f.value.text)) is not None]
        found += [(min(a["start"], a["stop"]), max(a["start"], a["stop"])) for a in self.analyses
                  if a["kind"] == "dc" and a["source"] == "temp" and a["start"] is not None and a["stop"] is not None]
        return found


# --- constraints ------------------------------------------------------------------------------

def describe_element(spec: dict) -> str:
    words = [spec.get("name") or f"a {spec['kind']}"]
    if spec.get("nodes"):
        words.append("(" + " ".join(n if n is not None else "*" for n in spec["nodes"]) + ")")
    if "value" in spec:
        words.append(f"= {spec['value']:g}")
    for key in ("dc", "ac", "sin", "pulse", "pwl", "model", "params"):
        if key in spec:
            words.append(f"{key} {spec[key]}")
    return "element " + " ".join(words)


def _nodes_match(wanted: list[str | None], found: list[str], letter: str) -> bool:
    wanted_keys = [node_key(n) if n is not None else None for n in wanted]
    def matches(order: list[str | None]) -> bool:
        return len(found) >= len(order) and all(w is None or w == f for w, f in zip(order, found))
    if letter in UNORDERED and len(wanted_keys) == 2:
        return matches(wanted_keys) or matches(wanted_keys[::-1])
    return matches(wanted_keys)


def _list_match(wanted: list, found: list | None, tol: float) -> bool:
    if found is None or len(found) < len([w for w in wanted if w is not None]):
        return False
    return all(w is None or (i < len(found) and close(found[i], w, tol)) for i, w in enumerate(wanted))


def element_mismatches(spec: dict, part: _Part, reading: Reading) -> list[str]:
    """What about `part` differs from the element the case asks for (empty: it is that element)."""
    tol = spec.get("tol", VALUE_TOL)
    problems = []
    if spec.get("nodes") and not _nodes_match(spec["nodes"], part.nodes, part.letter):
        problems.append(f"nodes {' '.join(part.nodes)}")
    if "value" in spec and not close(part.value, spec["value"], tol):
        problems.append(f"value {_show(part.value)}")
    for key in ("dc", "ac"):
        if key in spec and not close(part.source.get(key, 0.0 if key == "dc" else None), spec[key], tol):
            problems.append(f"{key} {_show(part.source.get(key))}")
    for key in ("sin", "pulse", "pwl"):
        if key in spec and not _list_match(spec[key], part.source.get(key), tol):
            problems.append(f"{key} {part.source.get(key)}")
    for name, wanted in (spec.get("params") or {}).items():
        if not close(part.params.get(name.lower()), wanted, tol):
            problems.append(f"{name}={_show(part.params.get(name.lower()))}")
    if spec.get("model"):
        card = reading.models.get(part.model)
        values = {p.name.lower(): reading.number(p.value.text) for p in (card.params if card else [])
                  if p.kind == "assign" and p.value is not None}
        for name, wanted in spec["model"].items():
            if name.lower() == "type":
                if card is None or card.type.lower() != str(wanted).lower():
                    problems.append(f"model type {card.type if card else 'missing'}")
            elif not close(values.get(name.lower()), wanted, tol):
                problems.append(f"model {name}={_show(values.get(name.lower()))}")
    return problems


def element_verdict(spec: dict, reading: Reading) -> Verdict:
    what = describe_element(spec)
    letter = spec["kind"].upper()
    if spec.get("name"):
        candidates = [p for p in reading.parts if p.name.lower() == spec["name"].lower()]
        if not candidates:
            return Verdict(what, False, f"no element named {spec['name']}")
        if candidates[0].letter != letter:
            return Verdict(what, False, f"{candidates[0].name} is a {candidates[0].letter}, not a {letter}")
    else:
        candidates = [p for p in reading.parts if p.letter == letter]
        if not candidates:
            return Verdict(what, False, f"no {letter} element")
    best = min(((p, element_mismatches(spec, p, reading)) for p in candidates), key=lambda pm: len(pm[1]))
    return Verdict(what, not best[1], f"{best[0].name}: {', '.join(best[1])}" if best[1] else best[0].name)


def analysis_verdict(spec: dict, reading: Reading) -> Verdict:
    kind = spec["kind"]
    bounds = {k: v for k, v in spec.items() if k not in ("kind", "tol")}
    what = f"analysis {kind} " + " ".join(f"{k}={v}" for k, v in bounds.items())
    tol = spec.get("tol", RANGE_TOL)
    if kind == "temp":
        missing = [t for t in spec["values"]
                   if not any(low - 1e-9 <= t <= high + 1e-9 for low, high in reading.temperatures)]
        return Verdict(what.strip(), not missing, f"not simulated at {missing}" if missing else "")
    found = [a for a in reading.analyses if a["kind"] == kind]
    if not found:
        return Verdict(what.strip(), False, f"no {kind} analysis")

    def mismatches(a: dict) -> list[str]:
        bad = []
        for key, wanted in bounds.items():
            got = a.get(key)
            if isinstance(wanted, str):
                ok = got is not None and str(got).lower() == (node_key(wanted) if key == "output" else wanted.lower())
            else:
                ok = close(got, wanted, tol)
            if not ok:
                bad.append(f"{key}={got if isinstance(got, str) else _show(got)}")
        return bad
    best = min((mismatches(a) for a in found), key=len)
    return Verdict(what.strip(), not best, ", ".join(best))


def constraint_verdicts(case: dict, text: str, reading: Reading | None = None) -> list[Verdict]:
    """Every constraint of the case against the netlist text, in the case's order: elements,
    then nodes, then analyses."""
    constraints = case.get("constraints") or {}
    if not any(constraints.get(k) for k in ("elements", "nodes", "analyses")):
        return []
    if not text.strip():
        return [Verdict(what, False, "empty output") for what in constraint_names(constraints)]
    reading = reading or Reading(text)
    verdicts = [element_verdict(spec, reading) for spec in constraints.get("elements") or []]
    verdicts += [Verdict(f"node {n}", node_key(n) in reading.nodes, "" if node_key(n) in reading.nodes else "absent")
                 for n in constraints.get("nodes") or []]
    verdicts += [analysis_verdict(spec, reading) for spec in constraints.get("analyses") or []]
    return verdicts


def constraint_names(constraints: dict) -> list[str]:
    return ([describe_element(s) for s in constraints.get("elements") or []]
            + [f"node {n}" for n in constraints.get("nodes") or []]
            + [f"analysis {s['kind']}" for s in constraints.get("analyses") or []])


# --- spec checks, measured in ngspice ---------------------------------------------------------

@dataclass
class CheckResult:
    check: dict
    value: float | None
    passed: bool
    error: str = ""


def run_check(netlist: str, spec: dict, timeout: float = SIM_TIMEOUT_S) -> CheckResult:
    """One measurement: the netlist's .control blocks replaced by one that runs
    `spec["analysis"]` (then the optional `let` lines) and reads `spec["measure"]`; the value
    must lie in [min, max]."""
    lets = spec.get("let") or []
    lets = [lets] if isinstance(lets, str) else lets
    analysis = "\n".join([spec["analysis"], *(f"let {line}" for line in lets)])
    value, result = runner.measure(netlist, analysis, spec["measure"], timeout=timeout)
    low, high = spec.get("min", -math.inf), spec.get("max", math.inf)
    passed = value is not None and math.isfinite(value) and low <= value <= high
    error = ""
    if value is None:
        reasons = result.refused + [e.message for e in result.errors]
        error = "; ".join(reasons[:3]) or ("timed out" if result.timed_out else "no value measured")
    return CheckResult(spec, value, passed, error)


def check_verdict(result: CheckResult) -> Verdict:
    spec = result.check
    what = f"{spec['analysis'].split()[0]}: {spec['measure']} in [{spec.get('min', '-inf')}, {spec.get('max', 'inf')}]"
    return Verdict(what, result.passed, result.error or ("" if result.passed else f"measured {_show(result.value)}"),
                   result.value)


def check_case(case: dict, text: str, timeout: float = SIM_TIMEOUT_S) -> CaseVerdict:
    """The whole checklist: constraints read from the text, checks measured in ngspice, and
    whether the deck simulates at all (the sandboxed run with its own analyses)."""
    if not text.strip():
        empty = [Verdict(c["measure"], False, "empty output") for c in case.get("checks") or []]
        return CaseVerdict(constraint_verdicts(case, text), empty, False, ["empty output"])
    # "run": the deck's own analyses (its .control blocks are replaced, as for the checks)
    simulation = runner.run(text, timeout=timeout, control="run") if not case.get("checks") else None
    checks = [check_verdict(run_check(text, spec, timeout)) for spec in case.get("checks") or []]
    if simulation is not None:
        simulates, errors = simulation.ok, simulation.refused + [e.message for e in simulation.errors]
    else:  # the checks ran it: it simulates when a measurement came back
        simulates, errors = any(c.value is not None for c in checks), [c.detail for c in checks if c.value is None]
    return CaseVerdict(constraint_verdicts(case, text), checks, simulates, errors)


def reference_problems(case: dict, timeout: float = 60.0) -> list[str]:
    """Why a case's reference netlist fails (empty: it parses, simulates and passes its checks)."""
    netlist = case["reference"]
    problems = [f"check: {d.message}" for d in check(netlist).errors]
    result = runner.run(netlist, timeout=timeout)
    if not result.ok:
        problems.append(f"ngspice: {[e.message for e in result.errors] + result.refused}")
    for spec in case.get("checks", []):
        r = run_check(netlist, spec, timeout=timeout)
        if not r.passed:
            problems.append(f"{spec['measure']} = {r.value} not in [{spec.get('min')}, {spec.get('max')}] {r.error}")
    return problems
