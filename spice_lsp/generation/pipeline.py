"""From a description to a verified netlist.

    intent -> template scaffold -> retrieved examples -> model draft -> verify -> repair -> fallback

Every candidate is verified with our grammar and checks, a sandboxed ngspice run, and the
requested values; the first candidate that passes all three is the answer. When no model
candidate passes (or none is asked for, or the time budget runs out) the template's answer
is used, itself verified. The result always says which path produced it and why.
"""
from __future__ import annotations

import re
import threading
import time
from dataclasses import dataclass, field
from typing import Callable

from spice_lsp.ngspice import runner as simulate
from spice_lsp.language.checks import check
from spice_lsp.language.elements import is_number, layout
from spice_lsp.generation.intent import Intent, Value, parse_intent
from spice_lsp.language.model import Element, Netlist, ParamDef
from spice_lsp.language.parser import parse
from spice_lsp.generation.templates import render
from spice_lsp.language.units import parse_number

SYSTEM_PROMPT = (
    "You write SPICE netlists for ngspice. Answer with one complete netlist and nothing else: "
    "a title line, elements, .model lines for every device, the analyses, .print lines and .end. "
    "Use exactly the values the request gives.")
MAX_DESCRIPTION = 4000


class CannotServe(ValueError):
    """The description gives nothing to build a circuit from."""


@dataclass
class Verification:
    parses: bool
    simulates: bool
    missing_values: list[str]
    errors: list[str]

    @property
    def ok(self) -> bool:
        return self.parses and self.simulates and not self.missing_values


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

    @property
    def verified(self) -> bool:
        return any(c.verification.ok and c.netlist == self.netlist for c in self.candidates)


_NUMBER_IN_EXPRESSION = re.compile(r"(?<![\w.])\d[\w.]*|(?<![\w.])\.\d[\w.]*")


def numbers_in(netlist: str | Netlist) -> list[float]:
    """Every number written in the netlist's statements: values, parameters, source and
    model arguments, and numbers inside expressions."""
    found: list[float] = []

    def add_text(text: str) -> None:
        found.extend(v for v in map(parse_number, _NUMBER_IN_EXPRESSION.findall(text)) if v is not None)

    def walk(fields) -> None:
        for f in fields:
            if f.kind == "word" and is_number(f):
                found.append(parse_number(f.text))
            elif f.kind == "expr":
                add_text(f.text)
            if f.value is not None:
                walk([f.value])
            walk(f.items)
    parsed = parse(netlist).netlist if isinstance(netlist, str) else netlist
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


def generate(description: str, *, drafter=None, retriever=None, max_repairs: int = 1,
             budget_s: float | None = None, stop: threading.Event | None = None,
             on_text: Callable[[str], None] | None = None, sim_timeout: float = 10.0) -> GenerationResult:
    """Generate a netlist; `drafter` is a DraftBackend (None: the template alone)."""
    start = time.perf_counter()
    description = " ".join(description.split())
    if not description:
        raise CannotServe("the description is empty: say what circuit to build, "
                          "e.g. 'RC low-pass, R=1k, C=100n, AC sweep to 1 MHz'")
    if len(description) > MAX_DESCRIPTION:
        description = description[:MAX_DESCRIPTION]
    intent = parse_intent(description)
    if intent.kind == "generic" and not intent.values:
        raise CannotServe("no circuit could be recognised in the description: name a circuit "
                          "(e.g. 'RC low-pass', 'common-source NMOS amplifier') and its values")
    timings = {"intent_s": time.perf_counter() - start}
    template = render(intent)
    warnings = intent.warnings + template.warnings
    requested = template.used
    candidates: list[Candidate] = []

    def attempt(source: str, netlist: str, seconds: float, tps=None) -> Candidate:
        started = time.perf_counter()
        candidate = Candidate(source, netlist, verify(netlist, requested, sim_timeout), seconds, tps)
        timings["verify_s"] = timings.get("verify_s", 0) + time.perf_counter() - started
        candidates.append(candidate)
        return candidate

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
                draft = drafter.draft(build_prompt(intent, template.netlist, examples, repair),
                                      stop=deadline_stop, on_text=on_text)
                timings["draft_s"] = timings.get("draft_s", 0) + draft.seconds
                if draft.stopped:
                    break
                netlist = clean_draft(draft.text)
                candidate = attempt("model" if round_ == 0 else "model-repair", netlist,
                                    draft.seconds, draft.tokens_per_second)
                if candidate.verification.ok:
                    timings["total_s"] = time.perf_counter() - start
                    return GenerationResult(description, netlist, drafter.name,
                                            f"the {drafter.name} draft verified"
                                            + (" after a repair" if round_ else ""),
                                            intent, candidates, warnings, timings)
                repair = (netlist, candidate.verification.errors +
                          [f"missing value {m}" for m in candidate.verification.missing_values])
        finally:
            if timer:
                timer.cancel()
    fallback = attempt("template", template.netlist, 0.0)
    if drafter is None:
        reason = "the template backend is selected"
    elif not any(c.source != "template" for c in candidates):
        reason = f"the {drafter.name} backend gave no answer within the time budget"
    else:
        reason = f"no {drafter.name} draft verified ({'; '.join(_why(c) for c in candidates[:-1])})"
    if not fallback.verification.ok:
        warnings.append("the template answer did not verify either: " + _why(fallback))
    timings["total_s"] = time.perf_counter() - start
    return GenerationResult(description, template.netlist, "template", reason, intent, candidates,
                            warnings, timings)


def _why(candidate: Candidate) -> str:
    v = candidate.verification
    if not v.parses:
        return "does not parse"
    if not v.simulates:
        return "ngspice fails: " + (v.errors[0] if v.errors else "no output")
    if v.missing_values:
        return "missing " + ", ".join(v.missing_values)
    return "ok"

