"""From a description to a verified netlist.

    intent -> template scaffold -> retrieved examples -> model draft -> verify -> repair -> fallback

Every candidate is verified with our grammar and checks, a sandboxed ngspice run, and the
requested values; the first candidate that passes all three is the answer. When no model
candidate passes (or none is asked for, or the time budget runs out) the template's answer
is used, itself verified. The result always says which path produced it and why.
"""
from __future__ import annotations

import dataclasses
import functools
import math
import re
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass, field

from spice_lsp.generation import model_reader
from spice_lsp.generation.adapt import Known, Provenance, adapt, find, nearest_known, noun_phrase
from spice_lsp.generation.checklist import (
    FAIL,
    PASS,
    UNCHECKED,
    CheckItem,
    Probe,
    analyses,
    asked,
    function_items,
    lines,
    spec_item,
    stated_levels,
    structure,
)
from spice_lsp.generation.checklist import measure as measure_spec
from spice_lsp.generation.compose import (
    ADDED_CARDS,
    Composed,
    _spice_value,
    _stated_card_names,
    _with_model_params,
    compose,
    element_line,
    stated_card,
    zener_card,
)
from spice_lsp.generation.coverage import (
    circuit_kind,
    idle_sources,
    measured_ports,
    named_devices,
    named_nodes,
    named_parts,
    parts_as_stated,
    placed_parts,
    stated_facts,
    stated_pins,
    stated_values,
    unmeasured_goals,
    unread_numbers,
)
from spice_lsp.generation.design import E24, E96, Design, design, e_series, passband, trim
from spice_lsp.generation.families import FAMILIES, Rendered, covered_spans, family_of, render, title_for
from spice_lsp.generation.figures import at_output, figure_specs, leftover
from spice_lsp.generation.intent import _ASSUMED, _ASSUMED_KIND, SPICE_WAVE, Intent, Value, _quantities, parse_intent
from spice_lsp.generation.model_reader import Reading
from spice_lsp.generation.ports import read_ports
from spice_lsp.generation.request import (
    ABSOLUTE,
    ElementConstraint,
    Request,
    Spec,
    in_digits,
    items_ended,
    read_request,
)
from spice_lsp.generation.scope import (
    IMPOSSIBLE,
    NAMED,
    names_no_circuit,
    not_a_circuit,
    one_chip,
    one_product,
    passive_impossible,
    power_impossible,
    too_vague,
    uncovered,
)
from spice_lsp.generation.stated import reading
from spice_lsp.generation.stated.analyses import decibels_observable
from spice_lsp.generation.stated.checks import measured_checks, stated_checks
from spice_lsp.generation.stated.measured import passed_side, q_scaled, ripple_edge
from spice_lsp.generation.stated.nodes import sink_node
from spice_lsp.generation.stated.parts import stated_definitions
from spice_lsp.generation.templates import MODELS
from spice_lsp.generation.vocabulary import RAIL_NAME
from spice_lsp.language.checks import check
from spice_lsp.language.elements import layout
from spice_lsp.language.model import Element, Netlist, ParamDef
from spice_lsp.language.parser import parse
from spice_lsp.language.units import format_eng, parse_number
from spice_lsp.ngspice import runner as simulate

SYSTEM_PROMPT = (
    "You write SPICE netlists for ngspice. Answer with one complete netlist and nothing else: "
    "a title line, elements, .model lines for every device, the analyses, .print lines and .end. "
    "Use exactly the values the request gives.")
MAX_DESCRIPTION = 4000
READER_CANDIDATES = 5  # known circuits named in the reader's prompt (as training/reader_dataset.py does)


class CannotServe(ValueError):
    """The description gives nothing to build a circuit from. `nearest`: the known circuits
    (adapt.Known) offered instead, when the request names a circuit no family builds."""

    def __init__(self, message: str, nearest: list[Known] | None = None) -> None:
        super().__init__(message)
        self.nearest = nearest or []


@dataclass
class Verification:
    parses: bool
    simulates: bool
    missing_values: list[str]
    errors: list[str]
    checks: list[CheckItem] = field(default_factory=list)  # the request's checklist

    @property
    def ok(self) -> bool:
        """Verified: it parses, simulates, and every check of the request passes."""
        return self.parses and self.simulates and not self.missing_values and \
            all(i.status == PASS for i in self.checks)


@dataclass
class Candidate:
    source: str  # template | model | model-repair
    netlist: str
    verification: Verification
    seconds: float
    tokens_per_second: float | None = None


@dataclass
class GenerationResult:
    description: str
    netlist: str
    backend: str  # what produced the answer: template, transformers, openai
    reason: str
    intent: Intent
    candidates: list[Candidate]
    warnings: list[str]
    timings: dict[str, float] = field(default_factory=dict)
    assumptions: list[str] = field(default_factory=list)  # family defaults the request left open
    provenance: Provenance | None = None  # the corpus entry an adapted answer came from

    @property
    def served(self) -> Candidate | None:
        return next((c for c in reversed(self.candidates) if c.netlist == self.netlist), None)

    @property
    def verified(self) -> bool:
        return self.served is not None and self.served.verification.ok

    @property
    def checks(self) -> list[CheckItem]:
        return self.served.verification.checks if self.served else []

    @property
    def verdict(self) -> str:
        """One phrase for people: verified only when every check of the request passed."""
        if self.verified:
            return f"verified: all {len(self.checks)} checks passed in ngspice and on the netlist"
        failed = [i for i in self.checks if i.status != PASS]
        return f"NOT verified: {len(failed)} of {len(self.checks)} checks did not pass ({failed[0].what}" \
               + (f": {failed[0].detail})" if failed and failed[0].detail else ")") if failed else "NOT verified"

    def to_json(self) -> dict:
        """The one JSON form of a result (CLI --json, editor commands)."""
        return {
            "netlist": self.netlist, "backend": self.backend, "reason": self.reason, "verified": self.verified,
            "kind": self.intent.kind, "warnings": self.warnings, "assumptions": self.assumptions,
            "provenance": dataclasses.asdict(self.provenance) if self.provenance else None,
            "checks": [{"what": i.what, "status": i.status, "detail": i.detail} for i in self.checks],
            "timings": {k: round(v, 4) for k, v in self.timings.items()},
            "candidates": [{"source": c.source, "parses": c.verification.parses,
                            "simulates": c.verification.simulates, "verified": c.verification.ok,
                            "missing_values": c.verification.missing_values, "errors": c.verification.errors,
                            "seconds": round(c.seconds, 3), "tokens_per_second": c.tokens_per_second}
                           for c in self.candidates]}


_NUMBER_IN_EXPRESSION = re.compile(r"(?<![\w.])\.?\d[\w.]*(?:(?<=[eE])[-+]\d+)?")  # "2.5e+04" whole


def numbers_in(netlist: str | Netlist) -> list[float]:
    """Every number written in the netlist's statements: values, parameters, source and
    model arguments, and numbers inside expressions."""
    found: list[float] = []

    def add_text(text: str) -> None:
        found.extend(v for v in map(parse_number, _NUMBER_IN_EXPRESSION.findall(text)) if v is not None)

    def walk(fields) -> None:
        for f in fields:
            if f.kind == "word" and (number := parse_number(f.text)) is not None:
                found.append(number)
            elif f.kind == "expr":
                add_text(f.text)
                if (whole := reading.value(f.text, params)) is not None:  # "{2*100n}": 200n, the value it writes
                    found.append(whole)
            if f.value is not None:
                walk([f.value])
            walk(f.items)
    parsed = parse(netlist).netlist if isinstance(netlist, str) else netlist
    params = reading.params(parsed)
    for st in parsed.statements:
        if isinstance(st, ParamDef):
            add_text(st.value)
        elif isinstance(st, Element):  # node names such as "1" are not values
            nodes = {id(n) for n in layout(st).nodes}
            walk([f for f in st.fields if id(f) not in nodes])
        else:
            walk(getattr(st, "args", None) or getattr(st, "params", None) or [])
    return found


def missing_values(netlist: str | Netlist, values: list[Value]) -> list[str]:
    """The requested values that appear nowhere in the netlist (1u, 1e-6 and 1um are equal)."""
    present = numbers_in(netlist)

    def appears(v: float) -> bool:
        # Magnitudes: a -0.5 V body bias may be written as a 0.5 V source the other way round.
        return any(abs(abs(p) - abs(v)) <= 1e-6 * max(abs(v), 1e-30) for p in present)
    return [f"{v.text} ({v.role})" for v in values if not appears(v.value)]


def verify(netlist: str, values: list[Value], timeout: float = 10.0) -> Verification:
    result = check(netlist)
    errors = [f"line {d.range.start.line + 1}: {d.message}" for d in result.errors]
    if errors:
        return Verification(False, False, missing_values(result.netlist, values), errors)
    sim = simulate.run(netlist, timeout=timeout)
    sim_errors = [(f"line {e.line + 1}: " if e.line is not None else "") + e.message for e in sim.errors]
    sim_errors += [f"refused: {r}" for r in sim.refused]
    if sim.timed_out:
        sim_errors.append(f"ngspice did not finish within {timeout:g} s")
    return Verification(True, sim.ok, missing_values(result.netlist, values), sim_errors)


def build_prompt(intent: Intent, scaffold: str, examples, repair: tuple[str, list[str]] | None = None):
    from spice_lsp.generation.lm import Prompt
    parts = []
    for example, _score in examples:
        parts.append(f"Request: {example.description}\nNetlist:\n{example.netlist.strip()}\n")
    parts.append(f"A verified starting point for this request:\n{scaffold.strip()}\n")
    if repair:
        draft, errors = repair
        parts.append("Your previous answer failed these checks:\n" + "\n".join(f"- {e}" for e in errors[:8])
                     + f"\nPrevious answer:\n{draft.strip()}\n")
    parts.append(f"Request: {intent.description}\nNetlist:")
    title = scaffold.split("\n", 1)[0]
    return Prompt(system=SYSTEM_PROMPT, user="\n".join(parts), answer_prefix=title + "\n",
                  reference=scaffold + "\n" + "\n".join(e.netlist for e, _ in examples))


def clean_draft(text: str) -> str:
    """The netlist part of a model's answer: up to and including its .end line."""
    lines = text.replace("```spice", "").replace("```", "").strip("\n").split("\n")
    for i, line in enumerate(lines):
        if line.strip().lower() == ".end":
            return "\n".join(lines[:i + 1]) + "\n"
    return "\n".join(lines) + "\n"


_CONTROL_CHARACTERS = re.compile(r"[\x00-\x1f\x7f-\x9f\u200b-\u200f\u202a-\u202e\u2066-\u2069]")


# Typeset notation read as the plain words every reader knows: subscript digits of a part's name ("R₁", "C₂"), the
# ground symbol ("to ⏚").
_NOTATION = str.maketrans({**{chr(0x2080 + d): str(d) for d in range(10)}, "\u23da": "ground"})


# A decimal comma ("2,2 nF", "3,3 kΩ", "0,5 V", "4,7k"): one or two digits after the comma and a unit next;
# "1,000 Hz" (a thousands separator) and "-25, 25 and 75 °C" (a list) keep their commas.
_DECIMAL_COMMA = re.compile(r"(?<![\w,.])(\d+),(\d{1,2})(?=\s*(?:[kKmMuµμnpfG]|meg|mega|kilo|milli|micro|nano|pico)?"
                            r"\s*(?:Ω|ohms?\b|F\b|farads?\b|H\b|henr|Hz\b|hertz\b|V\b|volts?\b|A\b|amps?\b|s\b)|(?:k|meg)\b)")


# A value's gloss in words ("1M (one megaohm, not milliohm!)", "10M (ten megohms)", "2.2n - that's 2.2 nanofarads"):
# the figure before it is the value, and the aside only splits the part's statement from its nodes. Figures in
# parentheses are a gloss only after "i.e."/"that's"/"=": "RTD (1000 ohm at 0 C)" states the value.
_NUMBER_WORDS = (r"(?:zero|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|fifteen|twenty|thirty|forty"
                 r"|fifty|hundred|thousand|point|and|a|half)\b")
_RESTATES = r"(?:i\.?e\.?,?\s*|that'?s\s+|that\s+is\s+)"
_VALUE_GLOSS = re.compile(
    rf"\s*\((?:(?:{_RESTATES}|=\s*)?{_NUMBER_WORDS}(?:[\s-]+{_NUMBER_WORDS})*|(?:{_RESTATES}|=\s*)[\d.]+)"
    r"[\s-]*(?:mega?|kilo?|milli|micro|nano|pico)?(?:ohms?|farads?|henr(?:y|ies)|volts?|amps?|amperes?|hertz)\b"
    r"[^()]{0,40}\)"
    rf"|\s*[-\u2013\u2014,;]?\s*{_RESTATES}(?:{_NUMBER_WORDS}(?:[\s-]+{_NUMBER_WORDS})*|[\d.]+)"
    r"[\s-]*(?:mega?|kilo?|milli|micro|nano|pico)?(?:ohms?|farads?|henr(?:y|ies))\b", re.IGNORECASE)


# A SPICE line pasted on a line of its own ("VIN top 0 DC 12", "E1 out 0 in 0 10"): a part's name, its nodes and
# a last figure; once the lines are joined it stays a statement of its own (ended and preceded by ";").
_PASTED_CARD = re.compile(r"\s*(?:(?i:[RCLVIEFGHBKSWDQMJ])[a-zA-Z_]{0,6}\d\w*|[RCLVIEFGHBKSWDQMJ][A-Z0-9_]{1,7})"
                          r"(?:\s+[\w.{}()=*/+-]+){2,9}?\s+[-+{(.\w]*[\d)}]\w*\)?\s*")


def _pasted_lines(description: str) -> str:
    lines = description.split("\n")
    for i, line in enumerate(lines):
        if _PASTED_CARD.fullmatch(line) and not line.rstrip().endswith((";", ",")):
            lines[i] = line.rstrip() + ";"
            if i and lines[i - 1].strip() and not lines[i - 1].rstrip().endswith((";", ",", ":")):
                lines[i - 1] = lines[i - 1].rstrip() + ";"
    return "\n".join(lines)


def clean_description(description: str) -> str:
    """One line of plain text: control characters (ESC, BEL, OSC ...) never reach a title or a
    terminal, runs of blanks become one space, typeset notation its plain words, a decimal comma a
    point, and a value's gloss in words is dropped; SPICE lines pasted one a line stay apart."""
    # (a list's items one a line end there: "4. D4 ... cathode ac2<newline>VAC is ..." ran into the next sentence)
    text = _CONTROL_CHARACTERS.sub(" ", items_ended(_pasted_lines(description))).translate(_NOTATION)
    text = _PLUS_MINUS.sub("±", text)
    return " ".join(_VALUE_GLOSS.sub("", _DECIMAL_COMMA.sub(r"\1.\2", text)).split())[:MAX_DESCRIPTION]


# "plus and minus 12 V rails", "plus/minus 5 V", "plus or minus 3 V": the ± said in words (not "plus" a node's name)
_PLUS_MINUS = re.compile(r"\bplus\s*(?:and|or|/)\s*minus\s+(?=\d)", re.IGNORECASE)


@dataclass
class Build:
    """What the pipeline built for a request, and what it needs to check an answer."""
    intent: Intent
    request: Request
    netlist: str
    output: str
    input: str | None
    requested: list[str]  # the analyses the request asked for, as directives
    used: list[Value]
    design: Design
    problems: list[str]
    assumptions: list[str]
    unsupported: list[str]
    settle: tuple[float, float] | None = None  # a switching circuit's output is its settled average
    function: list = field(default_factory=list)  # the family's own checks (families.Family.function)
    provenance: Provenance | None = None  # an answer adapted from a corpus entry: which
    specs: list[Spec] = field(init=False)  # the request's specs as checked (its Q sets a band-pass centre's tolerance)

    def __post_init__(self) -> None:
        self.specs = passband(q_scaled(self.request.specs), self.intent.kind)


@functools.cache
def _family_words() -> frozenset[str]:
    """The longer words of the families' names ("multivibrator", "darlington") and each whole name ("LDO",
    "two-to-one mux"): each names a circuit."""
    names = [name.lower() for f in FAMILIES.values() for name in f.names]
    return frozenset([w for name in names for w in re.findall(r"[a-z]+", name) if len(w) >= 6] + names)


def _refuse_unknown(intent: Intent, description: str, request: Request) -> Build | None:
    """A circuit the request names that no family builds: the corpus entry of that name, adapted
    to the request, else "no recipe for <X>" with the nearest known circuits (as data too)."""
    if impossible := IMPOSSIBLE.search(description):
        raise CannotServe(f"'{impossible[0]}' is not something a circuit can do (energy is conserved); "
                          "no netlist can meet it")
    if reason := passive_impossible(description) or power_impossible(description) or not_a_circuit(description):
        raise CannotServe(reason)
    if chip := one_chip(description):
        raise CannotServe(f"no recipe for '{chip}': one manufactured chip's own circuit, fitted to its maker's process "
                          "or to one sample's silicon, is not something this tool can reproduce; a textbook circuit "
                          "of the same kind is not that chip (ask for the circuit by its kind to get one)")
    if product := one_product(description):
        raise CannotServe(f"no recipe for '{product}': one documented product's own circuit, part for part, is not "
                          "something this tool has (no recipe or corpus entry is that product); a textbook circuit of "
                          "the same kind is not it (ask for the circuit by its kind to get one)")
    low = description.lower()
    covered = covered_spans(intent.kind, low)
    if not intent.read_from and (reason := too_vague(description, covered)) \
            or (reason := names_no_circuit(description, _family_words())):  # (praise is named as such first)
        raise CannotServe(reason)
    if intent.kind != "generic":  # a family's circuit driven by a stated source; a lone source is no circuit
        covered += _stated_sources(description, request)
    if intent.kind == _ASSUMED_KIND:
        covered += [m.span() for m in re.finditer(_ASSUMED, low)]
    # the words that said what the circuit does name it, as a family's own words do ("turn a current into a voltage
    # for my ADC": the ADC is what that circuit serves)
    covered += [m.span() for said in intent.read_from if said for m in re.finditer(re.escape(said), low)]
    missing = uncovered(description, covered, family_of(intent.kind))
    if missing is None:
        return None
    start = description.find(missing.phrase)
    phrase = noun_phrase(description, start, start + len(missing.phrase))
    if found := find(description, phrase):
        return _adapted(intent, request, *found, phrase)
    if (named := _family_named(phrase)) is not None and named != intent.kind and not any(
            re.search(rf"\b{re.escape(name.lower())}\b", low) for name in family_of(intent.kind).names):
        # the circuit named is one this tool builds: that one, not a refusal (unless the circuit chosen is named
        # outright too: "Buck converter: inverting amplifier with gain -2" asks for two things)
        raise _NamesFamily(named)
    nearest = nearest_known(description, phrase)
    raise CannotServe(f"no recipe for '{phrase}': it is not among the circuits this tool builds and no corpus "
                      f"entry is named so (nearest known: {', '.join(k.summary for k in nearest)}); "
                      "describe it element by element to have it transcribed", nearest)


# "a 2 mA current source", "a voltage-controlled current source": a source's kind, named as a part.
_SOURCE_WORDS = re.compile(r"(?:[\w-]*controlled\s+)?current\s+(?:source|sink)s?\b", re.IGNORECASE)


def _stated_sources(description: str, request: Request) -> list[tuple[int, int]]:
    """Where a current source or a controlled source that the request places on its nodes is named ("G1 is a
    voltage-controlled current source from out to ground", "a 3 mA current source I1 pushes current into x"):
    those words name a part of the circuit, not a circuit to build."""
    texts = [e.text for e in request.elements if e.kind in "EGFHI" and e.placed()]
    texts += [s.text for s in request.sources if s.kind == "I" and s.node]
    return [(at + m.start(), at + m.end()) for text in texts if (at := description.find(text)) >= 0
            for m in _SOURCE_WORDS.finditer(text)]


def _adapted(intent: Intent, request: Request, entry: str, method: str, phrase: str) -> Build:
    """The corpus entry adapted to the request, with what it must be checked for."""
    intent = dataclasses.replace(intent, kind="generic", values=dict(intent.values))  # no family answers it
    answer = adapt(entry, method, phrase, intent, request)
    d = design(intent, request.specs)
    used = [v for v in intent.values.values() if v.role not in d.claimed]  # every stated value, or reported
    problems = list(request.problems) + _contradictions(intent)
    return Build(intent, request, _with_operating_point(answer.netlist), answer.output, answer.input,
                 [a.directive for a in intent.analyses],
                 used, d, problems, answer.assumptions, [], provenance=answer.provenance)


def refusal(description: str) -> CannotServe | None:
    """Why the description is refused, or None when it is answered (nothing is simulated)."""
    try:
        _build(clean_description(description))
    except CannotServe as error:
        return error
    return None


# The cards a transcribed device gets, by its polarity in the request's words.
DEVICE_MODELS = {"D": {"dsi": MODELS["dsi"], "ddefault": ".model ddefault D"},  # "default diodes": SPICE's own
                 "Q": {"npn": MODELS["npn"], "pnp": MODELS["pnp"],
                       "qdefault": ".model qdefault NPN", "qpdefault": ".model qpdefault PNP"},  # SPICE's own
                 "M": {"nch": MODELS["nch"], "pch": MODELS["pch"],
                       "mdefault": ".model mdefault NMOS", "mpdefault": ".model mpdefault PMOS"},
                 "J": {"njf": ".model njf NJF (vto=-2 beta=1m)",  # the square law as textbooks write it
                       "pjf": ".model pjf PJF (vto=2 beta=1m)",
                       "jdefault": ".model jdefault NJF", "jpdefault": ".model jpdefault PJF"},
                 "S": {"sw": ".model sw SW (vt=1 ron=1 roff=1meg)"}}  # a voltage-controlled switch


def _device_model(want: ElementConstraint, description: str) -> str:
    """The model a device gets: P polarity when its own statement (or the request) says so."""
    words = (want.text + " " + description).lower()
    # ("MP1 drain invo, ...": a P in its name after the kind's letter, as designers name them, where both are used)
    p = re.search(r"\b(?:pnp|pmos|p-?channel|pjf)\b", want.text.lower()) or (
        re.fullmatch(r"[MJ]P\w*", want.name or "", re.IGNORECASE) and not re.search(
            r"\b(?:npn|nmos|n-?channel|njf)\b", want.text.lower())) or (
        not re.search(r"\b(?:npn|nmos|n-?channel|njf)\b", words) and re.search(r"\b(?:pnp|pmos|p-?channel)\b", words))
    # a diode the request gives no model: SPICE's own (about 0.65 V at 1 mA, as textbooks reckon), unless it names
    # the small-signal part our dsi card stands for
    named = re.search(r"\b1n(?:4148|914)\b", description, re.IGNORECASE)
    # a transistor its own words give "the default model" ("Q4 (NPN, default model)"): SPICE's own card
    said = re.search(r"\bdefault(?:\s+\w+)?\s+model\b|\bmodel\W+(?:\w+\W+)?default\b", _unplaced(want), re.IGNORECASE)
    if want.kind in "QMJ" and said:
        return f"{want.kind.lower()}{'p' if p else ''}default"
    return {"D": "dsi" if named else "ddefault", "Q": "pnp" if p else "npn", "M": "pch" if p else "nch",
            "J": "pjf" if p else "njf", "S": "sw"}[want.kind]


def _complete(request: Request) -> bool:
    """The request lists a whole circuit: every part placed on nodes, each node joined to another
    part or a stated source, and a ground."""
    parts = [e for e in request.elements if not (e.kind in "VI" and not e.placed()) and e.kind != "K"]
    if any(e.kind in "KHF" and not e.refs for e in request.elements):
        return False  # a coupling or a current-controlled source without what it refers to
    # ("PNP current source", "a MOSFET current source": the circuit a listed transistor makes, not a source)
    if re.search(r"(?<!controlled )(?<!\b(?:pnp|npn|bjt|fet) )(?<!mosfet )(?<!transistor )\bcurrent\s+sources?\b",
                 request.description, re.IGNORECASE) and not any(
            s.kind == "I" for s in request.sources) and not any(e.kind == "I" for e in request.elements):
        return False  # "a current source across the diode" that no statement placed: the list is not whole
    sources = [s for s in request.sources if s.node]  # each on its node (a part must reach ground)
    # "I1 into x, R1 from x to ground": a named source is a part, and so is a current source on its node
    named = [s for s in sources if s.name or s.kind == "I"]
    if len(parts) + len(named) < 2 or not parts or \
            any(not e.placed() or (e.value is None and e.kind not in DEVICE_MODELS and not (e.kind == "B" and e.params))
                for e in parts):
        return False
    count: dict[str, int] = {}
    for n in [n for e in parts for n in e.placed()] + [n for s in sources for n in (s.node, s.minus) if n]:
        count[n] = count.get(n, 0) + 1
    # ground, the rails, a source's or a probe's end
    ends = {"0", "vdd", "vcc", request.output or "out", request.input or "in"}
    return "0" in count and all(c >= 2 or n in ends for n, c in count.items()) and _joined(request, parts)


def _joined(request: Request, parts: list[ElementConstraint]) -> bool:
    """Every node but ground reaches every other through the parts (a coupling joins its inductors'
    nodes, a current-controlled source its sensing source's): a source and a load on two separate
    nodes are fragments of a circuit, not a circuit."""
    owner: dict[str, str] = {}

    def root(n: str) -> str:
        while owner.setdefault(n, n) != n:
            n = owner[n]
        return n
    # a sensing source stated by its level and node ("VSENSE, a 0 V source from b to ground") joins its node too
    placed: dict[str, tuple[str, ...]] = {s.name.upper(): (s.node,) for s in request.sources if s.name and s.node}
    placed |= {e.name.upper(): e.placed() for e in request.elements if e.name and e.placed()}
    groups = [e.placed() for e in parts] + [tuple(n for ref in e.refs for n in placed.get(ref.upper(), ()))
                                            + e.placed() for e in request.elements if e.refs]
    groups += [tuple(n for n in (s.node, s.minus) if n) for s in request.sources if s.node]  # a source's two ends
    for nodes in groups:
        live = [n for n in nodes if n != "0"]
        for n in live:
            owner[root(n)] = root(live[0])
    return len({root(n) for n in list(owner)}) <= 1


# Devices a named circuit cannot do without, by the letters of its family's parts, and the listed parts that
# stand for each (an op-amp may be listed as a controlled source).
# (a transistor family's gain is given as well by a controlled source the list places: "E7 is the amplifier: a VCVS")
_DEVICES = (("QMJ", "QMJEGHF"), ("D", "D"), ("X", "XEG"))


def _lacks_device(intent: Intent, description: str, request: Request) -> bool:
    """The request names a circuit ("Colpitts oscillator with L1 ... and C1 ...", "series regulator with a zener
    and an NPN pass transistor: ... 50 Ω from out to ground") whose family has a transistor, a diode or an op-amp
    that the parts it lists do not: the list is part of that circuit, not all of it."""
    spans = covered_spans(intent.kind, description.lower()) if intent.kind != "generic" else []
    # (nor where the circuit named is what feeds it: "Smoothing a DAC output: RB3 = 2.2k from dac4 to lpx, ...")
    if not any(a <= m.start() and m.end() <= b for m in NAMED.finditer(description) for a, b in spans
               if not re.match(r"(?:'s)?\s+(?:output|signal)\b", description[m.end():], re.IGNORECASE)):
        return False  # the family was chosen by other words: the request names no circuit
    try:
        template = render(intent).netlist
    except (ZeroDivisionError, ValueError, OverflowError):
        return False
    kinds, inside = set(), False
    for line in template.split("\n")[1:]:
        word = (line.split() or [""])[0].lower()
        inside = word.startswith(".subckt") or (inside and not word.startswith(".ends"))
        if word[:1].isalpha() and not inside:
            kinds.add(word[0].upper())
    listed = {e.kind for e in request.elements}
    return any(kinds & set(family) and not listed & set(stands_for) for family, stands_for in _DEVICES)


# The parts that carry a DC current between the nodes they name (a controlled voltage source between its first two)
_DC_PATH = {"R": None, "L": None, "V": None, "D": None, "Q": None, "M": None, "J": None, "S": 2, "B": None,
            "X": None, "E": 2, "H": 2}


def _no_dc_path(lines: list[str]) -> list[str]:
    """The nodes of a netlist's lines that no DC path joins to ground (a capacitor fed by a current source): ngspice
    finds no operating point for them."""
    owner: dict[str, str] = {}

    def root(n: str) -> str:
        while owner.setdefault(n, n) != n:
            n = owner[n]
        return n
    elements = parse("\n".join(lines + [".end"])).netlist.elements
    for e in elements:
        if e.letter in _DC_PATH:
            nodes = [f.text.lower() for f in layout(e).nodes][:_DC_PATH[e.letter]]
            for n in nodes:
                owner[root(n)] = root(nodes[0])
    ground = root("0")
    return [n for n in dict.fromkeys(f.text.lower() for e in elements for f in layout(e).nodes)
            if n not in ("0", "gnd") and root(n) != ground]


# The words for a part, and the letters of the listed parts that are one ("diode-connected" names a transistor's use)
_PART_WORDS = ((r"resistors?", "R"), (r"capacitors?|caps?", "C"), (r"inductors?|coils?|chokes?", "L"),
               (r"(?<!-)diodes?(?![- ]connected)|leds?|zeners?", "D"), (r"transistors?|bjts?|mosfets?|jfets?", "QMJ"),
               (r"op-?amps?|operational\s+amplifiers?", "XEG"))


def _unlisted(request: Request) -> list[str]:
    """The parts the request names by their kind that none of its listed parts is ("1k from in to out, then a series
    1 mH inductor and capacitor from out to ground": a capacitor with no value, not read): the list is not whole."""
    # ("no coupling capacitor", "without a diode": not named as a part)
    text = re.sub(r"\b(?:no|without)\s+(?:an?\s+|any\s+)?(?:[\w-]+\s+){0,2}[\w-]+", "", request.description,
                  flags=re.IGNORECASE)
    listed = {e.kind for e in request.elements}
    return [words for words, kinds in _PART_WORDS
            if re.search(rf"\b(?:{words})\b", text, re.IGNORECASE) and not listed & set(kinds)]


def _unplaced(want: ElementConstraint) -> str:
    """A part's words less the nodes they place it on ("D7 from led to ground": a node named led, no LED)."""
    ends = "|".join(re.escape(n) for n in want.placed() if n != "0")
    return re.sub(rf"\b(?:node|from|to|at|on|into|and|between)\s+(?:node\s+)?(?:{ends})\b", " ", want.text,
                  flags=re.IGNORECASE) if ends else want.text


def _transcribe(intent: Intent, request: Request) -> tuple[str, list[str], str]:
    """A circuit the request lists element by element, as written: (netlist, assumptions, output)."""
    lines, cards, assumptions = [title_for(intent)], {}, []
    lines += [f".param {name}={format_eng(value)}" for name, value in request.parameters.items()]
    nodes = [n for e in request.elements for n in e.placed()]
    stated_sources = [e for e in request.elements if e.kind in "VI"]
    named = {source.name.upper() for source in request.sources if source.name}
    driven = {n for e in stated_sources for n in e.placed()[:1]}
    used = named | {e.name.upper() for e in request.elements if e.name}
    for source in request.sources:
        # "a 5 V supply VCC" with parts up to vcc: the supply sits on its rail, a named source on its namesake
        rail = next((n for n in (source.name and source.name.lower(), "vcc", "vdd") if n and n in nodes and
                     (n == (source.name or "").lower() or source.supply)), None)
        node = source.node or rail or request.input or "in"
        driven.add(node)
        # a current source pushes into its node, from ground or the node it draws from
        ends = f"{source.minus or 0} {node}" if source.kind == "I" else f"{node} {source.minus or 0}"
        # (an unnamed source takes the first number of its kind that no part or source has: "I1" beside "VDD")
        name = source.name or next(f"{source.kind}{n}" for n in range(1, 1000) if f"{source.kind}{n}" not in used)
        used.add(name.upper())
        wave = source.waveform()
        if wave == "DC 0" and any(a.kind in ("ac", "noise") for a in intent.analyses):
            wave = "DC 0 AC 1"  # a source stated with no level is the small-signal input
            assumptions.append(f"{name} has an AC magnitude of 1 (the request gives it no level)")
        lines.append(f"{name} {ends} {wave}")
    for rail in ("vdd", "vcc"):  # "VCC = 9 V" with parts up to vcc: the rail's source
        said = re.search(rf"\b{rail}\s*(?:=|:|\bis\b|\bat\b)\s*(?P<v>[-+]?\d+(?:\.\d+)?\s*V)\b", request.description,
                         re.IGNORECASE)  # its own statement ("VCC = 5 V"), else the supply the intent read
        level = _quantities(said["v"])[0].value if said else intent.values["VDD"].value if "VDD" in intent.values \
            else None
        if rail in nodes and rail not in driven and level is not None:
            lines.append(f"{rail.upper()} {rail} 0 DC {level:g}")
            driven.add(rail)
    entry = request.input if request.input in nodes else "in"  # "in at node aa": the input the request names
    if not request.sources and not stated_sources and entry in nodes and entry not in driven:
        lines.append(f"V1 {entry} 0 DC 0 AC 1")
        assumptions.append(f"a 1 V AC source V1 drives node {entry} (the request names no source)")
    taken = {e.name.upper() for e in request.elements if e.name}
    for want in request.elements:
        if (want.name and want.name.upper() in named) or (want.kind in "VI" and not want.placed()):
            continue  # a source the request states with its levels: written above
        if want.name is None:  # an unnamed part gets the next free designator of its kind
            number = next(n for n in range(1, 1000) if f"{want.kind}{n}" not in taken)
            name = f"{want.kind}{number}"
            want = dataclasses.replace(want, name=name)
            taken.add(name)
        if want.kind in DEVICE_MODELS and want.value is None:
            model = _device_model(want, request.description)
            card = stated_card(DEVICE_MODELS[want.kind][model], request)
            if zener := zener_card(want):
                model, card = "dzener", stated_card(zener, request)
            elif want.kind == "D" and re.search(r"\bled\b|light[- ]emitting", _unplaced(want), re.IGNORECASE):
                model, card = "dled", stated_card(ADDED_CARDS["dled"], request)  # "a red LED D1": an LED's drop
            if want.model:  # "a model called DX": the card under the user's name
                model, card = want.model, re.sub(r"^(\.model\s+)\S+", rf"\g<1>{want.model}", card)
            else:
                assumptions.append(f"{want.name}: the {model} model ({card})")
            cards[model] = card
            # its stated W and L ("W = 10u, L = 2u"), else the request's, else 10u by 1u
            size = dict(p.split("=", 1) for p in want.params if p[:2] in ("W=", "L="))
            # (none stated of a device the request gives its KP: SPICE's own W = L, the square law as its KP says)
            unsized = not size and not {"W", "LG"} & set(intent.values) and any(
                p.name == "kp" for p in request.model_params)
            extra = f" W={size.get('W') or (intent.values['W'].text if 'W' in intent.values else '10u')}" \
                    f" L={size.get('L') or (intent.values['LG'].text if 'LG' in intent.values else '1u')}" \
                if want.kind == "M" and not unsized else ""
            extra += "".join(f" {p}" for p in want.params if p[:2] not in ("W=", "L="))  # "m=2", "area=3"
            lines.append(f"{want.name} {' '.join(want.placed())} {model}{extra}")
        elif want.kind == "B" and want.params:  # a behavioural source: its nodes, then its law ("V=...")
            lines.append(" ".join([want.name or want.kind, *want.placed(), *want.params]))
        elif want.value is not None:  # refs: a controlling source (H, F), the coupled inductors (K)
            value = want.value_text if want.value_text and want.value_text.strip("{}") in request.parameters \
                else _spice_value(want)  # "use RVAL for R1": {RVAL}
            lines.append(" ".join([want.name or want.kind, *want.placed(), *want.refs, value, *want.params]))
    lines += cards.values()
    # a grounded capacitor's stated initial voltage ("C7 ... with an initial voltage of 2 V", IC=2): ngspice uses an
    # element's IC only with "uic", so its node starts there by .ic
    held = dict(request.initial)
    for e in request.elements:
        ic = next((parse_number(p[3:]) for p in e.params if p.upper().startswith("IC=")), None)
        if e.kind == "C" and ic is not None and "0" in e.placed() and len(set(e.placed())) == 2:
            held.setdefault(next(n for n in e.placed() if n != "0"), ic)
    if initial := [f"v({n})={v:g}" for n, v in held.items() if n in nodes]:
        lines.append(".ic " + " ".join(initial))  # ".ic v(x)=3" as stated: figures only, on the circuit's nodes
    lines = _stated_card_names(_with_model_params(lines, request), request.description)
    output = request.output or ("out" if "out" in nodes else next((n for n in reversed(nodes) if n != "0"), "in"))
    directives = [a.directive for a in intent.analyses]
    family = family_of(intent.kind)
    if not intent.runs_analysis and family.analysis == "ac" and intent.kind != "generic":
        # "RC low pass: R1 4k7 from a to b, C1 2u2 ...": the circuit it names shows its function in an AC sweep (an
        # operating point alone measures nothing of a filter)
        directives.append(".ac dec 20 1 100meg")
        assumptions.append(f"an AC sweep from 1 Hz to 100 MHz, where the {family.summary} shows its function (the "
                           "request names no analysis)")
    elif not intent.runs_analysis:  # none stated, or only a temperature to run at
        directives.append(".op")
        assumptions.append("an operating-point analysis (the request names none)")
    probes = {".ac": f".print ac vm({output}) vp({output})", ".dc": f".print dc v({output})",
              ".tran": f".print tran v({output})", ".noise": ".print noise all"}
    written = [line.split()[0] for line in lines[1:] if line[:1] in "VIvi"]
    driver = next((line.split()[0] for line in lines[1:] if line[:1] in "VIvi"
                   and (request.input or "in") in line.lower().split()[1:3]), None)
    for directive in directives:
        words = directive.split()
        at = {".noise": 2, ".tf": 2, ".dc": 1}.get(words[0].lower())  # where it names a source
        if at and len(words) > at and words[at].lower() != "temp" and words[at].upper() not in map(str.upper, written) \
                and written:  # the source the request sweeps or refers to is one it states under another name, or none
            words[at] = driver or written[0]
            directive = " ".join(words)
        if words[0].lower() == ".tran" and "uic" not in map(str.lower, words) and len(directives) == 1 \
                and (floating := _no_dc_path(lines)):  # "C1 ... charged by a constant 1 mA": no bias point exists
            directive += " uic"
            assumptions.append(f"the transient starts from zero (uic): node {floating[0]} has no DC path to ground")
        lines.append(directive)

        if probe := probes.get(directive.split()[0].lower()):
            lines.append(probe)
    return "\n".join(lines + [".end"]) + "\n", assumptions, output


# The range a free part's value is searched over, by kind (ohms, farads, henries): a designer's parts, decade by decade
_FREE_RANGE = {"R": (1.0, 1e8), "C": (1e-12, 1e-3), "L": (1e-9, 10.0)}


def _solved(intent: Intent, request: Request) -> tuple[Request, list[str]]:
    """A circuit listed part by part with one part left without a value and one DC spec to meet ("pick R6 from m to
    ground so that 2.5 mA flows", "choose RL so that out sits at 2 V"): that part's value found by simulation, the
    spec measured at each try (a bisection over decades, then within one), rounded to the E96 or E24 series. The
    request unchanged, and nothing assumed, where no value meets it."""
    free = [e for e in request.elements if e.kind in _FREE_RANGE and e.value is None and len(e.placed()) == 2]
    specs = [s for s in request.specs if s.quantity in ("vout", "current") and s.target > 0
             or s.quantity == "vout" and s.target < 0]
    if len(free) != 1 or len(specs) != 1 or not free[0].name:
        return request, []
    part, spec = free[0], specs[0]
    output = spec.node or request.output or next((n for n in part.placed() if n != "0"), "out")

    def with_value(value: float) -> Request:
        return dataclasses.replace(request, elements=[
            dataclasses.replace(e, value=value, value_text=format_eng(value)) if e is part else e
            for e in request.elements])

    def miss(value: float) -> float | None:
        netlist = _transcribe(intent, with_value(value))[0]
        measured, _ = measure_spec(spec, netlist, output, request.input, 10.0, None, request.description)
        return None if measured is None else measured - spec.target

    lo, hi = _FREE_RANGE[part.kind]
    grid = [lo * 10 ** k for k in range(round(math.log10(hi / lo)) + 1)]
    misses = [miss(v) for v in grid]
    pair = next(((a, b) for (a, ma), (b, mb) in zip(zip(grid, misses), zip(grid[1:], misses[1:]))
                 if ma is not None and mb is not None and ma * mb <= 0), None)
    if pair is None:
        return request, []
    (a, b), at_a = pair, misses[grid.index(pair[0])]
    for _ in range(12):  # a decade halved twelve times: within 0.06 %
        mid = math.sqrt(a * b)
        if (at_mid := miss(mid)) is None or at_a is None:
            return request, []
        a, b, at_a = (a, mid, at_a) if at_a * at_mid <= 0 else (mid, b, at_mid)
    exact = math.sqrt(a * b)
    value = e_series(exact, E96 if part.kind == "R" else E24)
    return with_value(value), [f"{part.name} = {format_eng(value)} (exact {format_eng(exact)}), found by simulation "
                               f"for '{spec.text}' (the request gives it no value)"]


def _with_noise_input(netlist: str) -> tuple[str, list[str]]:
    """A noise analysis's input source with an AC magnitude (ngspice refuses the analysis without one: "ac input
    not found"); 1 when the request states none. (netlist, assumptions)"""
    lines = netlist.split("\n")
    inputs = {words[2].upper() for line in lines if (words := line.split())[:1] == [".noise"] and len(words) > 2}
    assumptions = []
    for i, line in enumerate(lines[1:], 1):  # line 0 is the title
        words = line.split()
        if words and words[0].upper() in inputs and words[0][0] in "VIvi" and "AC" not in map(str.upper, words):
            lines[i] = _with_ac_level(words)
            assumptions.append(f"{words[0]}, the noise analysis's input, has an AC magnitude of 1 (the request "
                               "gives it none)")
    return "\n".join(lines), assumptions


_ANALYSES = (".op", ".dc", ".ac", ".tran", ".noise", ".tf", ".pz", ".sens", ".disto")


def _with_operating_point(netlist: str) -> str:
    """Every answer prints its operating point, the bias a designer reads first ("what is the output voltage?"),
    which ngspice solves anyway before an AC or transient analysis. Only beside AC, DC and transient analyses: not
    beside a transient that skips it (UIC), where a node held only by capacitors may have no DC solution, nor beside
    a noise, transfer-function or other small-signal analysis (ngspice then saves no data of theirs)."""
    lines = netlist.split("\n")
    words = [line.lower().split() for line in lines]
    if any((w[:1] and w[0] in _ANALYSES and w[0] not in (".ac", ".dc", ".tran")) or (w[:1] == [".tran"] and "uic" in w)
           for w in words):
        return netlist
    at = next((i for i, w in enumerate(words) if w and w[0] in _ANALYSES),
              next((i for i, w in enumerate(words) if w[:1] == [".end"]), len(lines)))
    return "\n".join(lines[:at] + [".op"] + lines[at:])


def _finished(netlist: str, input_node: str | None) -> tuple[str, list[str]]:
    """The built circuit made ready to simulate what was asked: a noise analysis's input and an AC sweep's input
    given an AC magnitude, and the operating point. (netlist, assumptions)"""
    netlist, noted = _with_noise_input(netlist)
    netlist, fed = _with_ac_stimulus(netlist, input_node)
    return _with_operating_point(netlist), noted + fed


def _with_ac_level(words: list[str]) -> str:
    """A source's line with AC 1 after its DC level."""
    at = 5 if len(words) > 4 and words[3].upper() == "DC" else 4 if len(words) > 3 and \
        parse_number(words[3]) is not None else 3
    return " ".join(words[:at] + ["AC", "1"] + words[at:])


def _with_ac_stimulus(netlist: str, node: str | None) -> tuple[str, list[str]]:
    """An AC sweep with no source of any AC magnitude shows nothing ("1 V on a" read as a DC level): the source on
    the circuit's input node (with none known, the only voltage source) gets AC 1. (netlist, assumptions)"""
    lines = netlist.split("\n")
    words = [line.split() for line in lines]
    if not any(w[:1] == [".ac"] for w in words) or any(
            w and w[0][0] in "VIvi" and "AC" in map(str.upper, w) for w in words[1:]):
        return netlist, []
    sources = [i for i, w in enumerate(words[1:], 1) if len(w) > 2 and w[0][0] in "Vv"]
    at = next((i for i in sources if words[i][1] == node), None) if node else sources[0] if len(sources) == 1 else None
    if at is None:
        return netlist, []
    lines[at] = _with_ac_level(words[at])
    return "\n".join(lines), [f"{words[at][0]}, the AC sweep's input, has an AC magnitude of 1 (the request gives "
                              "it none)"]


# What a request may not put in a deck: ngspice runs only decks we wrote, so control blocks, shell commands and files
# to include (a user's paths) are refused with the reason, never written.
_UNSAFE = re.compile(r"(?<![\w.])\.(?:control|endc|include|inc|lib|shell)\b|\bshell\s+(?:command|escape|\w+\s+-)"
                     r"|\b(?:run|runs|execute|executes)\s+(?:the\s+)?(?:shell|system|bash|sh)\b|\brm\s+-\w",
                     re.IGNORECASE)


class _NamesFamily(Exception):
    """The circuit a request names outright is a family's own name, though the words around it chose another."""

    def __init__(self, kind: str) -> None:
        super().__init__(kind)
        self.kind = kind


def _family_named(phrase: str) -> str | None:
    """The family whose name (or summary) the phrase is, written any way ("three-op-amp instrumentation amplifier")."""
    def bare(text: str) -> str:
        return re.sub(r"[^a-z0-9]", "", text.lower())
    said = bare(phrase)
    return next((kind for kind, family in FAMILIES.items() if kind != "generic" and said
                 and any(bare(name) == said for name in (family.summary, *family.names))), None)


def _settle_values(intent: Intent, request: Request, description: str) -> None:
    """The supply and input levels, settled against what the request holds its nodes at and where it says its
    supply is."""
    supply = intent.values.get("VDD")
    held = next((s for s in request.sources if supply is not None and not s.supply and s.node
                 and s.node not in ("vdd", "vcc") and s.dc is not None
                 and abs(s.dc - supply.value) <= 1e-9 * abs(supply.value) and supply.text in s.text), None)
    if supply is not None and held is not None:
        del intent.values["VDD"]  # "a at 1.1 V": a level the request holds a node at, not the supply's
        if held.node == "in" and "VIN" not in intent.values:  # "a 9 V battery at in": the input's level
            intent.values["VIN"] = Value("VIN", supply.value, supply.text, supply.unit)
    for role in ("VDD", "VIN"):  # "out = -(v(a) + 2 v(b))": a weight on a node's voltage, no level of any source
        if role in intent.values and re.search(rf"(?<![\w.]){re.escape(intent.values[role].text)}\(\w+\)", description):
            del intent.values[role]
    said = read_ports(description)
    if (signal := intent.values.get("VIN")) is not None and signal.value == 0 and any(
            s.dc == 0 and s.text in {level.text for level in said.levels} for s in request.sources):
        del intent.values["VIN"]  # "bases at 0 V DC": the ports' DC level, not a signal of no amplitude
    elif signal is not None and "VDD" not in intent.values and said.supply and said.supply.value == signal.value \
            and signal.text in said.supply.text:  # "a CMOS gate on 5 V", "from 12 V": the supply, not the input
        intent.values["VDD"] = dataclasses.replace(signal, role="VDD")
        del intent.values["VIN"]
    # ("9 V on cb_vcc": a supply the request places on a rail's node, read as a bias level): the supply
    railed = next((s for s in request.sources if s.supply and s.dc is not None and s.node
                   and RAIL_NAME.search(s.node)), None)
    if railed is not None and "VDD" not in intent.values:
        biased = next((r for r, v in intent.values.items() if r in ("VBIAS", "VIN") and v.unit == "V"
                       and v.value == railed.dc and v.text in railed.text), None)
        if biased is not None:
            intent.values["VDD"] = dataclasses.replace(intent.values.pop(biased), role="VDD")


def _build(description: str, figured: tuple[Spec, ...] = ()) -> Build:
    """The family's answer (or a transcription) for a request; `figured`: specs read from the figures a first build
    left unused (figures.py)."""
    if unsafe := _UNSAFE.search(description):
        raise CannotServe(f"'{unsafe[0].strip()}' is not written into a netlist: the decks this tool simulates hold "
                          "only the circuit and its analyses (no .control blocks, shell commands or included files); "
                          "ask for the circuit and the analyses by name")
    intent = parse_intent(description)
    request = read_request(description)
    _settle_values(intent, request, description)
    if not _complete(request):  # a circuit listed part by part needs no recipe (it is transcribed), others do
        try:
            adapted = _refuse_unknown(intent, description, request)
        except _NamesFamily as named:  # "Three-op-amp instrumentation amplifier, ..., a 10k x4 subtractor"
            intent, adapted = parse_intent(description, named.kind), None
            _settle_values(intent, request, description)
        if adapted:
            return adapted
    if intent.kind == "generic" and not intent.values and not request.elements:
        raise CannotServe("no circuit could be recognised in the description: name a circuit "
                          "(e.g. 'RC low-pass', 'common-source NMOS amplifier') and its values")
    requested = [a.directive for a in intent.analyses]
    own_values = dict(intent.values)  # the request's own values (design adds the ones it computes for a family)
    request.specs = [*request.specs, *figured]
    d = design(intent, request.specs)
    unsupported = [w for w in intent.warnings if "cannot be modelled" in w]
    # No family: what the request places is the circuit (the generic divider is no answer to it).
    listed = _complete(request) and not _lacks_device(intent, description, request) and not _unlisted(request)
    # (a source read as a part with no ends is placed where its source statement puts it: "V1 = 12 V DC at node a")
    sourced = {s.name.upper() for s in request.sources if s.name and s.node}
    transcribed = (intent.kind == "generic" and any(e.nodes for e in request.elements)
                   and all(e.placed() or e.kind in "VI" and (e.name or "").upper() in sourced
                           for e in request.elements)) or listed
    if transcribed:
        # a circuit listed part by part is built from its parts: no value a family's design computed is owed
        # (and no family was assumed for it: "no circuit type was named: a common-emitter amplifier is assumed")
        intent = dataclasses.replace(intent, values=own_values, warnings=[
            w for w in intent.warnings if not w.startswith("no circuit type was named")])
        request, solved = _solved(intent, request)
        netlist, assumptions, output = _transcribe(intent, request)
        assumptions += solved
        netlist, noted = _finished(netlist, request.input)
        assumptions += noted
        used = [v for v in intent.values.values() if any(e.value is not None and abs(e.value - v.value)
                                                         <= 1e-9 * abs(v.value) for e in request.elements)]
        if any(e.kind == "M" for e in request.elements):  # a transcribed MOSFET's stated W and L are checked too
            used += [intent.values[role] for role in ("W", "LG") if role in intent.values]
        problems = list(request.problems) + d.problems + _contradictions(intent, request)
        modelled = [p.value for p in request.model_params]  # "RON = 1 Ω" is the switch's, not a resistor
        problems += [f"{v.text} ({v.role}) is not placed in the circuit" for v in intent.values.values()
                     if v not in used and v.unit in ("ohm", "F", "H")
                     and not any(abs(m - v.value) <= 1e-9 * abs(v.value) for m in modelled)]
        if unclear := _unclear(intent, request):
            problems.append("not used, its purpose is unclear: " + ", ".join(unclear))
        return Build(intent, request, netlist, output, request.input or "in", requested, used, d,
                     problems, assumptions, unsupported)
    try:
        template = render(intent, request)
    except (ZeroDivisionError, ValueError, OverflowError) as error:  # a zero frequency, an infinite value
        raise CannotServe(f"the values given cannot build a {family_of(intent.kind).summary} ({error}): "
                          "check the values of zero, negative or out-of-range quantities") from error
    family = family_of(template.kind)
    composed = compose(template.netlist, request, output=family.output, source=template.source,
                       simulated=family.simulates, ports=family.ports, assumed=tuple(template.defaults.values()))
    output = composed.renamed.get(family.output, family.output)
    driver = next((line for line in map(element_line, template.netlist.split("\n")[1:])
                   if line and line.name.upper() == template.source.upper()), None)
    input_node = composed.renamed.get(driver.nodes[0], driver.nodes[0]) if driver and driver.name[0] in "Vv" else None
    composed.netlist, noted = _finished(composed.netlist, input_node)
    stated = {v.role for v in intent.values.values() for e in request.elements
              if e.value is not None and abs(e.value - v.value) <= 1e-9 * abs(v.value)}
    missing = set(missing_values(composed.netlist, template.used))
    unused = leftover([v for v in template.unused if v.role not in d.claimed and v.role not in stated]
                      + [v for v in template.used if f"{v.text} ({v.role})" in missing or v.unit == "Hz"]
                      + intent.extra_values,
                      composed.netlist, family.specs) + at_output(description, template.used, output)
    if not figured and (specs := figure_specs(description, family.specs, unused, request.specs, output)):
        # a figure the answer left unused is the spec its unit names, unless the parts the request gives contradict it
        rebuilt = _build(description, tuple(specs))
        if not any(s.text in problem for s in specs for problem in rebuilt.design.problems):
            return rebuilt
    problems = list(request.problems) + composed.problems + d.problems + _contradictions(intent, request)
    waves = " ".join(s.text for s in request.sources if s.pulse or s.sin)
    problems += [f"{v.text} ({v.role}) is not used by the {family.summary}" for v in template.unused
                 if v.role not in d.claimed and v.role not in stated
                 and not (v.unit == "V" and v.value in composed.placed)  # the supply compose set
                 # (a level a named source of the request holds: "the DC source VREF on node r25" at 2.5 V)
                 # (or a level a source statement holds that compose wrote: "from a 1 V AC source on node src")
                 and not (v.unit == "V" and any((s.name or v.text in s.text) and any(
                     x is not None and math.isclose(x, v.value) for x in (s.dc, s.ac)) for s in request.sources))
                 and v.text not in waves]  # a figure of a stated waveform, which compose wrote
    if unclear := [x for x in _unclear(intent, request) if not _sized(x, composed.netlist)
                   and not _waved(x, composed.netlist)]:
        problems.append("not used, its purpose is unclear: " + ", ".join(unclear))
    # A default the template wrote as its input source's DC level that a stated level replaced ("gate held at
    # 3 V") is no longer in the answer: it is not listed as assumed.
    level = re.compile(r"^(?:DC\s+)?(\S+)", re.IGNORECASE)
    written = next((line for line in map(element_line, composed.netlist.split("\n"))
                    if line and driver and line.name.upper() == driver.name.upper()), None)
    before, after = (parse_number(m[1]) if line and (m := level.match(line.rest)) else None
                     for line in (driver, written))
    assumptions = [f"{role} = {format_eng(value)} (the {family.summary}'s default)"
                   for role, value in template.defaults.items()
                   if not (before is not None and after is not None and abs(value - before) <= 1e-9 * abs(value)
                           and abs(value - after) > 1e-9 * abs(value))]
    reading = [f"{intent.reading}, built as the {family.summary}"] if intent.reading else []  # read from its function
    function = _own_checks(template, composed, input_node)
    if composed.revalued and template.function:
        assumptions.append(f"the {family.summary}'s own function checks are left out: the stated "
                           f"{', '.join(composed.revalued)} change the values or parts they were computed from")
    return Build(intent, request, composed.netlist, output, input_node, requested, template.used, d, problems,
                 reading + assumptions + d.notes + noted, unsupported,
                 _settle(composed.netlist) if family.noun == "converter" else None, function)


def _own_checks(template: Rendered, composed: Composed, input_node: str | None) -> list:
    """The family's own function checks as the answer names things; none where stated parts replaced the values they
    were computed from (composed.revalued)."""
    if composed.revalued:
        return []
    # The family's probes sweep its input source by name: one the request renamed ("sweep vin") is swept so.
    lines = [line for line in map(element_line, composed.netlist.split("\n")) if line]
    driven = any(line.name.upper() == template.source.upper() for line in lines)
    renamed = next((line.name for line in lines if not driven and input_node and line.name[:1].upper() == "V"
                    and line.nodes[:1] == [input_node]), None)
    function = [Probe(p.what, re.sub(rf"(?i)\bdc\s+{re.escape(template.source)}\b", f"dc {renamed}", p.control),
                      p.low, p.high) if renamed and isinstance(p, Probe) else p for p in template.function]
    # A probe that names the family's own nodes ("vdb(hp)" of a crossover's second output) measures them under the
    # names the request gave them (the old name is no node of the answer)
    return [Probe(p.what, _renamed_nodes(p.control, composed.renamed), p.low, p.high) if isinstance(p, Probe)
            else p for p in function]


_VOLTAGE = re.compile(r"\b(v(?:db|m|p|r|i|ph)?)\(([^()]+)\)", re.IGNORECASE)  # a node voltage in a probe


def _renamed_nodes(control: str, renamed: dict[str, str]) -> str:
    """`control` with the nodes in its voltages ("vdb(hp)", "v(a,b)") under their new names."""
    return _VOLTAGE.sub(lambda v: f"{v[1]}({','.join(renamed.get(n.strip(), n.strip()) for n in v[2].split(','))})",
                        control)


def _unclear(intent: Intent, request: Request) -> list[str]:
    """Values the reader gave no role, less those a stated model parameter ("BETA=1m") or a source's
    waveform ("a pulse from 0 to 3.3 V with 1 µs rise") accounts for: a figure of its words that it read (one it
    left unread, "pulse 0 5 1m 1u 1u 2m 4m" read as its levels alone, is unclear)."""
    modelled = " ".join(p.text for p in request.model_params)
    read_figures = [(s.text, [f for f in (s.dc, s.ac, *(s.pulse or ()), *(s.sin or ()), *(s.pwl or ()))
                              if f is not None])
             for s in request.sources if s.pulse or s.sin or s.pwl or (s.supply and s.dc is not None and s.dc < 0)]

    # ... or a part's own figure its statement holds ("G2 ... with transconductance 1m")
    read_figures += [(e.text, [e.value]) for e in request.elements if e.value is not None]
    # ... or any source's level on its node, which the checklist checks as a source ("1 V ac on a1"), or on the input
    # the request names ("Input tel_in with 1 V AC")
    read_figures += [(s.text, [f for f in (s.dc, s.ac) if f is not None]) for s in request.sources
                     if s.node or request.input and not s.supply]
    # ... or a figure of a spec's own words ("10-90 % rise takes about 22 us": its 10 and 90)
    read_figures += [(s.text, [f for x in re.findall(r"\d+(?:\.\d+)?", s.text) for f in (float(x), float(x) / 100)])
                     for s in request.specs]  # (a percentage as its figure or its fraction)
    # ... or the negative rail of split rails said with their "±" ("+/-12 V rails ... tail resistor to -12 V")
    read_figures += [(intent.description, [-float(m[1])]) for m in re.finditer(
        r"(?:\u00b1|\+/-|\+-)\s*(\d+(?:\.\d+)?)\s*V?\s*(?:rails?|suppl(?:y|ies)|split)", intent.description,
        re.IGNORECASE)]

    def stated(x: Value) -> bool:  # ("VEE = -9 V": the negative rail's; "one volt ac": read as "1 volt ac")
        said = in_digits(x.text)
        return x.text in modelled or any(said in text and any(math.isclose(x.value, f, rel_tol=1e-6, abs_tol=1e-15)
                                                              for f in figures) for text, figures in read_figures)
    # a level a named source on its node holds ("VNI puts 0.1 V DC plus 0.01 V AC on ni"): placed and checked as it
    held = [level for s in request.sources if s.name and s.node for level in (s.dc, s.ac) if level is not None]
    return [x.text for x in intent.extra_values if not stated(x) and not (
        x.unit == "V" and any(math.isclose(x.value, level, rel_tol=1e-9) for level in held) and x.text in " ".join(
            s.text for s in request.sources if s.name and s.node))]


def _waved(text: str, netlist: str) -> bool:
    """A figure the answer's own waveforms carry ("b high for the first 200 ns of every 400 ns", a drive the family
    read and wrote as PULSE(... 400n)): placed, though the request reader's source did not read it."""
    said = _quantities(text)
    figures = [parse_number(w) for wave in SPICE_WAVE.finditer(netlist) for w in (wave["args"] or wave["bare"]).split()]
    return len(said) == 1 and said[0].value != 0 and any(
        f is not None and math.isclose(f, said[0].value, rel_tol=1e-6) for f in figures)


def _sized(text: str, netlist: str) -> bool:
    """A size the answer's MOSFETs carry ("W=30u"): a second device's width ("the output FET is 30u/1u"), which
    the reader gives no role but the family built."""
    value = parse_number(text)
    sizes = [parse_number(size) for line in netlist.splitlines() if line[:1] in "Mm"
             for size in re.findall(r"\b[WL]=(\S+)", line, re.IGNORECASE)]
    return value is not None and value < 1e-3 and any(s is not None and math.isclose(s, value) for s in sizes)


def _said_warnings(build: Build) -> list[str]:
    """The intent's warnings the user sees: a "two values for" only where it is a contradiction (the thresholds of
    "NM (VTO=0.5) and PM (VTO=-0.5)" are two models' own, no contradiction)."""
    real = set(_contradictions(build.intent, build.request))
    return [w for w in build.intent.warnings if not w.startswith("two values for") or w in real]


def _contradictions(intent: Intent, request: Request | None = None) -> list[str]:
    """What the request says twice, differently ("two values for VIN"): reported, never resolved silently;
    a value a stated model parameter accounts for ("on above 2.5 V" of a switch) is no second value, nor are the
    levels of two named sources ("VIN is 2 V", "VM is a 0 V ammeter"), nor a coupling's or a controlled source's own
    figure ("K1 L1 L2 0.95"), nor the sizes of two named devices."""
    modelled = " ".join(p.text for p in request.model_params) if request else ""
    figures = {e.value_text for e in request.elements if e.kind in "KEFGH" and e.value_text} if request else set()
    # ("MN (W=1u L=0.5u) ..., MP (W=2.5u L=0.5u)": each named device's own size)
    figures |= {p.split("=", 1)[1] for e in request.elements if e.name for p in e.params if "=" in p} \
        if request else set()
    return [w for w in intent.warnings if w.startswith("two values for") and not (
        (said := re.search(r"\((.+) and (.+)\)", w)) and (
            (modelled and any(re.search(rf"(?<![\d.]){re.escape(x)}(?![\d.])", modelled) for x in said.groups()))
            or set(said.groups()) & figures
            or (request is not None and request.levels_of_two_sources(*said.groups()))))]


def _settle(netlist: str) -> tuple[float, float] | None:
    """The (step, stop) of the netlist's transient."""
    found = re.search(r"^\.tran\s+(\S+)\s+(\S+)", netlist, re.MULTILINE | re.IGNORECASE)
    numbers = [n for x in found.groups() if (n := parse_number(x)) is not None] if found else []
    return (numbers[0], numbers[1]) if len(numbers) == 2 else None


def check_answer(build: Build, netlist: str, timeout: float = 10.0) -> Verification:
    """The request's checklist on one candidate answer."""
    result = check(netlist)
    errors = [f"line {d.range.start.line + 1}: {d.message}" for d in result.errors]
    items = [CheckItem("the netlist parses and passes our checks", FAIL if errors else PASS, "; ".join(errors[:3]))]
    missing = missing_values(result.netlist, build.used)
    if errors:
        return Verification(False, False, missing, errors, items)
    sim = simulate.run(netlist, timeout=timeout)
    sim_errors = [(f"line {e.line + 1}: " if e.line is not None else "") + e.message for e in sim.errors]
    sim_errors += [f"refused: {r}" for r in sim.refused]
    if sim.timed_out:
        sim_errors.append(f"ngspice did not finish within {timeout:g} s")
    items.append(CheckItem("ngspice runs it", PASS if sim.ok else FAIL, "; ".join(sim_errors[:3])))
    family = family_of(build.intent.kind) if build.function and build.provenance is None else None
    simulated = [e for e in build.request.elements if family and e.kind == family.simulates]
    items += structure(dataclasses.replace(build.request, elements=[
        e for e in build.request.elements if e not in simulated]), result.netlist)
    # A gyrator's inductor is no L element: the function's measured response is what shows its value.
    items += [CheckItem(e.text, PASS, f"simulated by the {family.summary} (no {e.kind} element); its value is "
                        "measured through the function check") for e in simulated if family]
    items += named_parts(build.intent.description, result.netlist)
    items += named_devices(build.intent.description, result.netlist)
    if build.function and build.provenance is None:  # an answer built by a family
        items += circuit_kind(build.intent.description, family_of(build.intent.kind))
    # (a figure inside a model parameter's words, "IDSS = 3 mA" read as the card's beta, is the card's: checked there)
    items += stated_values([*build.intent.values.values(), *build.intent.extra_values], result.netlist, build.used,
                           build.design.claimed, [spec.text for spec in build.request.specs]
                           + [p.text for p in build.request.model_params])
    items += unread_numbers(build.intent.description, build.intent, build.request,
                            family_of(build.intent.kind) if build.function else None, result.netlist, netlist,
                            build.function)
    items += named_nodes(build.intent.description, build.request, result.netlist)
    items += unmeasured_goals(build.intent.description, [s.text for s in [*build.specs, *build.request.specs]])
    checked = {item.what for item in items}  # a node the named-node check already failed is reported once
    items += [item for item in stated_checks(build.intent.description, result.netlist)
              if not (item.what.startswith("node ") and " ".join(item.what.split()[:2]) in checked)]
    items += sink_node(build.intent.description, build.request.nodes, result.netlist)
    items += decibels_observable(build.intent.description, result.netlist)
    items += stated_definitions(build.intent.description, build.assumptions)
    items += stated_pins(build.intent.description, result.netlist) + idle_sources(result.netlist)
    items += undriven_parts(result.netlist)
    items += stated_facts(build.intent.description, result.netlist,
                          family_of(build.intent.kind) if build.function and build.provenance is None else None)
    if build.provenance is None:  # a family's answer: its checks measure at its own output and input
        items += measured_ports(build.intent.description, build.output, build.input)
    items += parts_as_stated(build.intent.description, result.netlist, build.output, build.assumptions, netlist)
    items += placed_parts(build.intent.description, result.netlist)
    items += analyses(build.requested, result.netlist)
    items += [CheckItem(f"value {v}", FAIL, "not in the netlist") for v in missing]
    items += [CheckItem(p, FAIL, "not honoured") for p in build.problems]
    items += [CheckItem(w, UNCHECKED, "SPICE cannot model it") for w in build.unsupported]
    if sim.ok:
        specs = [spec_item(spec, *measure_spec(spec, netlist, build.output, build.input, timeout, build.settle,
                                               build.intent.description)) for spec in build.specs]
        levels = stated_levels(build.intent.description, netlist, timeout)
        levels += ripple_edge(build.intent.description, netlist, build.output, build.input, timeout)
        if family_of(build.intent.kind).noun == "filter":
            levels += passed_side(build.intent.description, netlist, build.output, timeout)
        items += asked(build.intent.description, netlist, build.output, build.input, timeout, build.settle)
        items += [item for item in measured_checks(build.intent.description, netlist, result.netlist, build.output,
                                                   timeout) if item.what not in {i.what for i in items}]
        items += specs + function_items(build.function, build.request.specs, netlist, build.output, build.input,
                                        timeout, build.settle) + levels
        # A family read from what the request says the circuit does is a guess until something the request states
        # confirms it: a spec or a level measured on it, or its parts placed as the request places them (the
        # family's own function shows only that it works as that family, not that it is the circuit asked for).
        if build.intent.reading and build.function and build.provenance is None and not any(
                i.status == PASS and i.detail.startswith("measured") for i in specs + levels) \
                and sum(bool(e.placed()) for e in build.request.elements) < 2:
            items.append(CheckItem(build.intent.reading, UNCHECKED, "unconfirmed: nothing the request states "
                                   "(a spec, a level at a node, its parts' places) confirms the circuit chosen"))
    else:
        items += [CheckItem(spec.text, FAIL, "not measured: ngspice failed") for spec in build.request.specs]
    if build.provenance and not any(i.detail.startswith("measured") for i in items):
        # An adapted corpus circuit simulates, but that it does what was asked is shown only by a measurement.
        items.append(CheckItem("what the adapted circuit does", UNCHECKED,
                               "unverified: its function is not checked (the request states nothing to measure)"))
    return Verification(True, sim.ok, missing, sim_errors, items)


# What drives the nodes it touches: an independent or controlled source, a behavioural source, a subcircuit
# (its own sources inside), or a part that starts charged ("IC=5").
_DRIVES = "VIEGFHBX"


def undriven_parts(netlist: Netlist) -> list[CheckItem]:
    """A failing item for each group of parts joined to the rest of the circuit only through ground and driven by
    nothing ("L2 t 0 22u", "C5 t 0 470p" beside a Colpitts oscillator: an island at 0 V that the checks found, as
    asked, on node t); a coupling joins its inductors' nodes, a part's sensing source its nodes."""
    elements = netlist.elements
    owner: dict[str, str] = {}

    def root(n: str) -> str:
        while owner.setdefault(n, n) != n:
            n = owner[n]
        return n
    ends = {e.name.lower(): [f.text.lower() for f in layout(e).nodes if f.text.lower() not in ("0", "gnd")]
            for e in elements}
    for e in elements:
        joined = ends[e.name.lower()] + [n for f in layout(e).controls for n in ends.get(f.text.lower(), [])]
        for n in joined:
            owner[root(n)] = root(joined[0])
    driven = {root(n) for e in elements if e.letter in _DRIVES or any(p.name.lower() == "ic" for p in layout(e).params)
              for n in ends[e.name.lower()]}
    groups: dict[str, list[str]] = {}
    for e in elements:
        for n in ends[e.name.lower()][:1]:
            groups.setdefault(root(n), []).append(e.name)
    if len(groups) < 2 or not driven:
        return []  # one circuit (what drives it is the other checks' concern)
    return [CheckItem(f"parts {', '.join(names)}", FAIL, "joined to the circuit only through ground, and nothing "
                      "drives them: an island at 0 V") for key, names in groups.items() if key not in driven]


MAX_TRIMS = 3


# A spec met within its tolerance but off its target by more than this share of the tolerance is trimmed towards the
# target too: E-series parts land anywhere in the band, and the user's own check may hold the figure closer (3 % where
# ours allows 5 %).
CENTRED = 0.4


def _trimmed(build: Build, candidate_netlist: str, verification: Verification, timeout: float):
    """Trim the designed value until the spec is met (a few rounds at most), and towards its target when it is met
    near the edge of its tolerance (kept only when no check fails that passed before)."""
    # the tolerance the checks hold it to (a band-pass centre within what its Q allows)
    failed = {i.what for i in verification.checks if i.status == FAIL and "measured" in i.detail}
    spec = next((s for s in build.specs if s.text in failed), None)
    # (only a lone spec: the free part may move another's figure too, an MFB's R2 its gain as well as its corner)
    centring = spec is None and build.design.free is not None and len(build.specs) == 1
    if centring:
        passed = {i.what for i in verification.checks if i.status == PASS}
        spec = next((s for s in build.specs if s.text in passed and s.quantity not in ABSOLUTE and s.bound is None
                     and s.tolerance > 0 and s.target and build.design.trims in (None, s.quantity)), None)
    before = (candidate_netlist, verification, dict(build.intent.values), build.design.tried,
              list(build.design.notes), build.used, build.function)
    for _ in range(MAX_TRIMS):
        if spec is None or build.design.free is None:
            break
        measured, _how = measure_spec(spec, candidate_netlist, build.output, build.input, timeout, build.settle,
                                       build.intent.description)
        if centring and measured is not None and abs(measured / spec.target - 1) <= CENTRED * spec.tolerance:
            break
        if measured is None or not trim(build.intent, build.design, spec, measured):
            break
        template = render(build.intent, build.request)
        family = family_of(template.kind)
        composed = compose(template.netlist, build.request, output=family.output, source=template.source,
                           simulated=family.simulates, ports=family.ports, assumed=tuple(template.defaults.values()))
        candidate_netlist = _finished(composed.netlist, build.input)[0]
        build.used = template.used  # the trimmed value is the one the answer must hold
        build.function = _own_checks(template, composed, build.input)
        verification = check_answer(build, candidate_netlist, timeout)
        if not centring and not any(i.what == spec.text and i.status == FAIL for i in verification.checks):
            break
    if centring and {i.what for i in verification.checks if i.status != PASS} - \
            {i.what for i in before[1].checks if i.status != PASS}:
        (candidate_netlist, verification, build.intent.values, build.design.tried, build.design.notes, build.used,
         build.function) = before  # the centred answer lost a check: the one designed first stands
    return candidate_netlist, verification


def generate(description: str, *, drafter=None, reader=None, retriever=None, max_repairs: int = 1,
             budget_s: float | None = None, stop: threading.Event | None = None,
             on_text: Callable[[str], None] | None = None, sim_timeout: float = 10.0) -> GenerationResult:
    """Generate a netlist; `drafter` is a DraftBackend that drafts netlists, `reader` one that
    restates a request the rules cannot read (model_reader.py); neither: the rules alone."""
    start = time.perf_counter()
    description = clean_description(description)
    if not description:
        raise CannotServe("the description is empty: say what circuit to build, "
                          "e.g. 'RC low-pass, R=1k, C=100n, AC sweep to 1 MHz'")
    try:
        build = _build(description)
    except CannotServe as refusal:
        if reader is None or IMPOSSIBLE.search(description):
            raise
        read, reading = _model_reading(description, reader, retriever, None, stop, budget_s, sim_timeout,
                                       refused=refusal)
        if read is None or not read.verified:  # an unverified reading never replaces an honest refusal
            raise CannotServe(f"{refusal} (the model's reading was not used: {_discarded(reading, read)})") \
                from refusal
        read.timings["total_s"] = time.perf_counter() - start
        return read
    intent = build.intent
    timings = {"intent_s": time.perf_counter() - start}
    warnings = _said_warnings(build)
    candidates: list[Candidate] = []

    def attempt(source: str, netlist: str, seconds: float, tps=None) -> Candidate:
        started = time.perf_counter()
        candidate = Candidate(source, netlist, check_answer(build, netlist, sim_timeout), seconds, tps)
        timings["verify_s"] = timings.get("verify_s", 0) + time.perf_counter() - started
        candidates.append(candidate)
        return candidate

    def result(netlist: str, backend: str, reason: str) -> GenerationResult:
        timings["total_s"] = time.perf_counter() - start
        return GenerationResult(description, netlist, backend, reason, intent, candidates, warnings, timings,
                                build.assumptions, build.provenance)

    if drafter is not None:
        deadline_stop = stop or threading.Event()
        timer = threading.Timer(budget_s, deadline_stop.set) if budget_s else None
        if timer:
            timer.start()
        try:
            started = time.perf_counter()
            examples = retriever.search(description, 3) if retriever else []
            timings["retrieve_s"] = time.perf_counter() - started
            repair = None
            for round_ in range(1 + max_repairs):
                if deadline_stop.is_set():
                    break
                draft = drafter.draft(build_prompt(intent, build.netlist, examples, repair),
                                      stop=deadline_stop, on_text=on_text)
                timings["draft_s"] = timings.get("draft_s", 0) + draft.seconds
                if draft.stopped:
                    break
                netlist = clean_draft(draft.text)
                candidate = attempt("model" if round_ == 0 else "model-repair", netlist,
                                    draft.seconds, draft.tokens_per_second)
                if candidate.verification.ok:
                    return result(netlist, drafter.name, f"the {drafter.name} draft passed every check"
                                  + (" after a repair" if round_ else ""))
                repair = (netlist, [f"{i.what}: {i.detail}" for i in candidate.verification.checks
                                    if i.status != PASS])
        finally:
            if timer:
                timer.cancel()
    fallback = attempt("template", build.netlist, 0.0)
    if build.design.free is not None:  # (met near the edge of its tolerance: centred)
        netlist, verification = _trimmed(build, build.netlist, fallback.verification, sim_timeout)
        if netlist != build.netlist:
            fallback.netlist, fallback.verification = netlist, verification
    if drafter is None:
        reason = build.provenance.sentence() if build.provenance else "the rules (template backend) wrote it"
    elif not any(c.source != "template" for c in candidates):
        reason = f"the {drafter.name} backend gave no answer within the time budget"
    else:
        reason = f"no {drafter.name} draft passed its checks ({'; '.join(_why(c) for c in candidates[:-1])})"
    if reader is not None and not fallback.verification.ok:  # the rules may have read the wrong circuit
        read, reading = _model_reading(description, reader, retriever, (build, fallback), stop, budget_s,
                                       sim_timeout)
        if read is not None and read.verified:  # only a verified reading replaces the rules' answer
            read.candidates[:0] = candidates
            read.timings.update(intent_s=timings["intent_s"], total_s=time.perf_counter() - start)
            return read
        reason = f"the rules' answer failed a check and the model's reading was not used ({_discarded(reading, read)})"
    if not fallback.verification.ok:
        warnings.append("not verified: " + _why(fallback))
    return result(fallback.netlist, "template", reason)


def _discarded(reading: Reading, read: GenerationResult | None) -> str:
    why = "; ".join(reading.problems) or (_why(read.served) if read and read.served else "not verified")
    return f"'{reading.text}': " * bool(reading.text) + why


def _model_reading(description: str, reader, retriever, rules: tuple[Build, Candidate] | None,
                   stop: threading.Event | None, budget_s: float | None, sim_timeout: float,
                   refused: CannotServe | None = None) -> tuple[GenerationResult | None, Reading]:
    """The request restated by the model (model_reader.py) and built by the rules, its answer
    checked against the restatement AND the original request; (None, reading) when the reading
    is discarded. `rules`: the rules' own build and answer, when they made one; `refused`: the
    rules' refusal, when they made none."""
    started = time.perf_counter()
    names = [FAMILIES[e.id].names[0] for e, _ in (retriever.search(description, 6) if retriever else [])
             if e.id in FAMILIES and FAMILIES[e.id].names][:READER_CANDIDATES]
    retrieve_s = time.perf_counter() - started
    deadline_stop = stop or threading.Event()
    timer = threading.Timer(budget_s, deadline_stop.set) if budget_s else None
    if timer:
        timer.start()
    try:
        reading = model_reader.read(description, reader, names, deadline_stop)
    finally:
        if timer:
            timer.cancel()
    if not reading.ok or reading.kind is None:
        return None, reading
    family = family_of(reading.kind)
    # A circuit the request names that the model's family is not stays refused ("no recipe for X").
    named = re.search(r"no recipe for '([^']+)'", str(refused)) if refused else None
    if (missing := uncovered(description, covered_spans(reading.kind, description.lower()), family)) is not None \
            or named and not model_reader.names_family(named[1], reading.kind):
        phrase = missing.phrase if missing else named[1] if named else ""
        reading.problems.append(f"the request names '{phrase}', which is no {family.summary}")
        return None, reading
    try:
        build = _build(reading.text)
    except CannotServe as error:
        reading.problems.append(f"the rules cannot build it: {error}")
        return None, reading
    if build.intent.kind != reading.kind:
        reading.problems.append(f"the rules read the restatement as {build.intent.kind}")
        return None, reading
    verify_started = time.perf_counter()
    candidate = Candidate("model-reading", build.netlist, check_answer(build, build.netlist, sim_timeout),
                          reading.seconds)
    if not candidate.verification.ok and build.design.free is not None:
        candidate.netlist, candidate.verification = _trimmed(build, build.netlist, candidate.verification,
                                                             sim_timeout)
    rules_kind = rules[0].intent.kind if rules else None
    candidate.verification.checks += _original_checks(description, build, candidate, rules_kind, sim_timeout)
    timings = {"retrieve_s": retrieve_s, "read_s": reading.seconds,
               "verify_s": time.perf_counter() - verify_started}
    verdict = "passed every check" if candidate.verification.ok else "was not verified"
    reason = (f"the rules could not read the request; the {reader.name} model restated it and the rules' "
              f"answer to the restatement {verdict}")
    warnings = _said_warnings(build)
    if not candidate.verification.ok:
        warnings.append("not verified: " + _why(candidate))
    return GenerationResult(description, candidate.netlist, reader.name, reason, build.intent, [candidate], warnings,
                            timings, build.assumptions + [f"read by the model as: {reading.text}"],
                            build.provenance), reading


def _original_checks(description: str, build: Build, candidate: Candidate, rules_kind: str | None,
                     sim_timeout: float) -> list[CheckItem]:
    """The original request's own checks on the answer to its restatement: its stated parts,
    nodes and sources, its analyses and its specs; and, when the model chose a circuit the rules
    did not, whether a measured spec confirms what the circuit does (else it is unchecked)."""
    original = read_request(description)
    have = {i.what for i in candidate.verification.checks}
    parsed = check(candidate.netlist).netlist
    intent = parse_intent(description)
    asked = [a.directive for a in intent.analyses]
    items = [i for i in structure(original, parsed) + analyses(asked, parsed) if i.what not in have]
    parts = [v for v in intent.values.values() if v.unit in ("ohm", "F", "H")]  # a part's value the request gives
    items += [CheckItem(f"value {v} of the request", FAIL, "not in the netlist") for v in missing_values(parsed, parts)]
    restated = [(s.quantity, s.target) for s in build.request.specs]
    for spec in original.specs:
        if (spec.quantity, spec.target) not in restated and candidate.verification.simulates:
            value, how = measure_spec(spec, candidate.netlist, build.output, build.input, sim_timeout, build.settle,
                                       description)
            items.append(spec_item(spec, value, how))
    if rules_kind != build.intent.kind:
        specs = {s.text for s in build.request.specs + original.specs}
        measured = [i for i in candidate.verification.checks + items if i.what in specs]
        confirmed = measured and all(i.status == PASS for i in measured)
        items.append(CheckItem(f"the circuit the model read: {family_of(build.intent.kind).summary}",
                               PASS if confirmed else UNCHECKED,
                               "the request's measured specs confirm it" if confirmed
                               else "no measured spec of the request confirms what the circuit does"))
    return items


def checklist_lines(result: GenerationResult) -> list[str]:
    """The served answer's checks, one line each, then its assumptions."""
    return lines(result.checks, result.assumptions)


def _why(candidate: Candidate) -> str:
    failed = [i for i in candidate.verification.checks if i.status != PASS]
    if not failed:
        return "ok"
    first = failed[0]
    return f"{first.what}: {first.detail}" if first.detail else first.what
