"""Metrics for generated netlists, registered by name with their direction and aggregation.

Two scales side by side (see ../shared/seed/README.md for the first):

* reference-compatible, computed exactly as the reference system's code does, on the lower-cased
  text: `svs` (four keyword conditions), `pem` (verbatim / `name\\s*=\\s*value` / value with its
  letters removed), `ccs` (six fixed categories), `bleu` (only with a reference netlist) and
  `composite` = (SVS + PEM + CCS) / 3. Keyword presence, not parsing.
* spice-lsp's own: `grammar_valid` (no error diagnostic from spice_lsp.language.checks.check),
  `sim_ok` (the sandboxed ngspice run is clean), `value_match` (expected parameters found
  value-aware: 1u == 1e-6 == 1um), `functional` (every check of the case within its range),
  `pass@1` / `pass@k` (unbiased estimator over k samples), generation time (mean, p50, p95)
  and tokens/s for language-model backends.
* the request's checklist (cases with `constraints` and `expect`, training/cases/README.md; read by
  training/case_checks.py): `constraints_honoured` (share of stated elements, nodes and analyses
  kept), `specs_met` (share of spec checks in range), `pass` (the whole checklist; a refuse case:
  the generator refused), `false_verified` (said verified, fails the checklist) and `refused`.
  What the answer said of itself comes in `Output.extra` (`verified`, `source` "refused").

A metric is a function of one `Output` (or, for pass@k, of a case's list of outputs) that returns a
number or None (not applicable: no reference for BLEU, no checks for `functional`). Case values
are averaged over samples, then aggregated over cases with the metric's aggregation, skipping None.

    from training.metrics import METRICS, Output
    out = Output(netlist_text, case)
    {name: m.score([out]) for name, m in METRICS.items()}
"""
from __future__ import annotations

import math
import re
import statistics
import threading
from collections import Counter
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from functools import cached_property

from spice_lsp.generation.pipeline import numbers_in
from spice_lsp.language.checks import check
from spice_lsp.language.units import parse_number
from spice_lsp.ngspice import runner as simulate
from training.case_checks import SIM_TIMEOUT_S, CheckResult, Verdict, constraint_verdicts, run_check

_CHECK_LOCK = threading.Lock()  # the checker is shared module state; scoring runs in threads


# --- the registry -----------------------------------------------------------------------------

def percentile(values: list[float], q: float) -> float:
    """Linear interpolation between closest ranks (numpy's default)."""
    ordered = sorted(values)
    position = (len(ordered) - 1) * q / 100
    low = math.floor(position)
    high = min(low + 1, len(ordered) - 1)
    return ordered[low] + (ordered[high] - ordered[low]) * (position - low)


AGGREGATIONS: dict[str, Callable[[list[float]], float]] = {
    "mean": statistics.fmean,
    "p50": lambda v: percentile(v, 50),
    "p95": lambda v: percentile(v, 95),
}


@dataclass(frozen=True)
class Metric:
    name: str
    fn: Callable
    higher_is_better: bool
    aggregation: str = "mean"  # a key of AGGREGATIONS
    scale: str = "ours"  # reference | ours | speed
    per: str = "output"  # output: fn(Output); case: fn(list[Output], k)
    help: str = ""

    def case_value(self, outputs: list[Output], k: int = 1) -> float | None:
        """The metric for one case: the mean over its samples (None when no sample applies)."""
        if self.per == "case":
            return self.fn(outputs, k)
        values = [v for v in (self.fn(o) for o in outputs) if v is not None]
        return statistics.fmean(values) if values else None

    def aggregate(self, values: Iterable[float | None]) -> float | None:
        present = [v for v in values if v is not None]
        return AGGREGATIONS[self.aggregation](present) if present else None


class Registry:
    """Metrics by name; registering a name twice is an error (a silent overwrite would change
    what a published number means)."""

    def __init__(self) -> None:
        self._metrics: dict[str, Metric] = {}

    def register(self, name: str, *, higher_is_better: bool, aggregation: str = "mean",
                 scale: str = "ours", per: str = "output", help: str = ""):
        if aggregation not in AGGREGATIONS:
            raise ValueError(f"unknown aggregation '{aggregation}' for metric '{name}'")

        def add(fn: Callable) -> Callable:
            if name in self._metrics:
                raise ValueError(f"a metric named '{name}' is already registered")
            self._metrics[name] = Metric(name, fn, higher_is_better, aggregation, scale, per,
                                         help or (fn.__doc__ or "").strip().split("\n")[0])
            return fn
        return add

    def __getitem__(self, name: str) -> Metric:
        return self._metrics[name]

    def __contains__(self, name: str) -> bool:
        return name in self._metrics

    def __iter__(self) -> Iterator[str]:
        return iter(self._metrics)

    def __len__(self) -> int:
        return len(self._metrics)

    def items(self):
        return self._metrics.items()

    def values(self):
        return self._metrics.values()


METRICS = Registry()
register = METRICS.register


# --- what is scored ---------------------------------------------------------------------------

@dataclass(eq=False)
class Output:
    """One generated answer to one case. Expensive facts (parse, simulation, checks) are
    computed once, on first use."""
    text: str
    case: dict
    seconds: float | None = None
    tokens_per_second: float | None = None
    error: str | None = None  # why generation failed (the text is then empty)
    sim_timeout: float = SIM_TIMEOUT_S
    extra: dict = field(default_factory=dict)

    @property
    def empty(self) -> bool:
        return not self.text.strip()

    @cached_property
    def lower(self) -> str:
        return self.text.lower()

    @cached_property
    def body(self) -> str:
        """The statements: no title line (ngspice reads line 1 as the title) and no comment lines."""
        lines = self.text.split("\n")[1:]
        return "\n".join(line for line in lines if not line.lstrip().startswith("*"))

    @cached_property
    def grammar_errors(self) -> list[str]:
        if self.empty:
            return ["empty output"]
        with _CHECK_LOCK:
            return [f"line {d.range.start.line + 1}: {d.message}" for d in check(self.text).errors]

    @cached_property
    def simulation(self) -> simulate.SimulationResult | None:
        return None if self.empty else simulate.run(self.text, timeout=self.sim_timeout)

    @cached_property
    def check_results(self) -> list[CheckResult]:
        checks = self.case.get("checks") or []
        if self.empty:
            return [CheckResult(c, None, False, "empty output") for c in checks]
        return [run_check(self.text, c, self.sim_timeout) for c in checks]

    @cached_property
    def constraint_results(self) -> list[Verdict]:
        """The case's stated elements, nodes and analyses, each read from the text."""
        with _CHECK_LOCK:
            return constraint_verdicts(self.case, self.text)

    @property
    def refused(self) -> bool:
        """The generator declined (CannotServe): no netlist, an honest "cannot"."""
        return self.extra.get("source") == "refused"

    @property
    def verified(self) -> bool | None:
        """What the answer said of itself (None when the system does not say)."""
        return self.extra.get("verified")

    @cached_property
    def numbers(self) -> list[float]:
        """Every number in the netlist's statements (node names excluded), plus the values of
        `name=value` pairs found by a plain scan (for text the checker cannot read)."""
        found: list[float] = []
        if not self.empty:
            with _CHECK_LOCK:
                try:
                    found = numbers_in(self.text)
                except Exception:  # noqa: BLE001 - unreadable text: the plain scan below still runs
                    found = []
        for value in re.findall(r"\b[a-z_]\w*\s*=\s*([-+]?[\d.][\w.+-]*)", self.body, re.IGNORECASE):
            if (number := parse_number(value)) is not None:
                found.append(number)
        return found

    @property
    def passed(self) -> bool:
        """Correct, for pass@k: every check passes; a case without checks asks for a valid,
        simulating netlist with all its expected values."""
        if self.case.get("checks"):
            return functional(self) == 1.0
        return bool(grammar_valid(self) and sim_ok(self) and value_match(self) in (None, 1.0))


def expected(case: dict, key: str) -> list[str]:
    return [str(x) for x in (case.get("expected") or {}).get(key) or []]


# --- reference-compatible metrics (../shared/seed/README.md) ----------------------------------

REF_ANALYSES = (".tran", ".ac", ".dc", ".op", ".noise", ".tf")
REF_ELEMENT = re.compile(r"\b[mrclviqdjx]\d+")
REF_CATEGORIES: dict[str, re.Pattern[str] | tuple[str, ...]] = {  # CCS: a category counts when any key is found
    "devices": re.compile(r"\b[mqdj]\d+"),
    "passive": re.compile(r"\b[rcl]\d+"),
    "sources": re.compile(r"\b[vi]\d+"),
    "analysis": REF_ANALYSES,
    "directives": (".param", ".model", ".include", ".lib", ".subckt"),
    "output": (".print", ".probe", ".measure", ".save", ".plot"),
}


def svs_conditions(text: str) -> list[bool]:
    t = text.lower()
    return [".end" in t, any(a in t for a in REF_ANALYSES), REF_ELEMENT.search(t) is not None,
            len(set(re.findall(r"\w+", t))) >= 2]


@register("svs", higher_is_better=True, scale="reference")
def svs(out: Output) -> float:
    """Reference syntax validity: .end, an analysis keyword, an element-like word, two words."""
    return 1.0 if all(svs_conditions(out.text)) else 0.0


def pem_matches(text: str, parameters: list[str]) -> list[bool]:
    t = text.lower()
    found = []
    for parameter in parameters:
        p = parameter.lower()
        hit = p in t
        if not hit and "=" in p:
            name, value = (s.strip() for s in p.split("=", 1))
            hit = re.search(rf"{re.escape(name)}\s*=\s*{re.escape(value)}", t) is not None
            if not hit:
                bare = re.sub(r"[a-z]", "", value)
                hit = bool(bare) and re.search(rf"{re.escape(name)}\s*=\s*{re.escape(bare)}", t) is not None
        found.append(hit)
    return found


@register("pem", higher_is_better=True, scale="reference")
def pem(out: Output) -> float:
    """Reference parameter exact match: share of expected.parameters found as strings."""
    parameters = expected(out.case, "parameters")
    return sum(pem_matches(out.text, parameters)) / len(parameters) if parameters else 1.0


@register("ccs", higher_is_better=True, scale="reference")
def ccs(out: Output) -> float:
    """Reference component completeness: share of six fixed categories present."""
    t = out.lower
    found = [keys.search(t) is not None if isinstance(keys, re.Pattern) else any(k in t for k in keys)
             for keys in REF_CATEGORIES.values()]
    return sum(found) / len(found)


@register("composite", higher_is_better=True, scale="reference")
def composite(out: Output) -> float:
    """Reference composite: (SVS + PEM + CCS) / 3."""
    return (svs(out) + pem(out) + ccs(out)) / 3


def bleu_tokens(text: str) -> list[str]:
    return [t for t in re.split(r"[\s=()\[\],;]+", text.lower()) if t]


def bleu_score(candidate: str, reference: str, max_n: int = 4) -> float:
    """Sentence BLEU: clipped n-gram precisions for n = 1..4, geometric mean, brevity penalty,
    no smoothing (any n with no match gives 0)."""
    cand, ref = bleu_tokens(candidate), bleu_tokens(reference)
    if not cand or not ref:
        return 0.0
    log_sum = 0.0
    for n in range(1, max_n + 1):
        c_grams = Counter(tuple(cand[i:i + n]) for i in range(len(cand) - n + 1))
        r_grams = Counter(tuple(ref[i:i + n]) for i in range(len(ref) - n + 1))
        total = sum(c_grams.values())
        matched = sum(min(count, r_grams[g]) for g, count in c_grams.items())
        if total == 0 or matched == 0:
            return 0.0
        log_sum += math.log(matched / total) / max_n
    brevity = 1.0 if len(cand) > len(ref) else math.exp(1 - len(ref) / len(cand))
    return brevity * math.exp(log_sum)


@register("bleu", higher_is_better=True, scale="reference")
def bleu(out: Output) -> float | None:
    """BLEU-4 against the case's reference netlist (None without one)."""
    reference = out.case.get("reference")
    return bleu_score(out.text, reference) if reference else None


# --- spice-lsp's metrics ----------------------------------------------------------------------

@register("grammar_valid", higher_is_better=True)
def grammar_valid(out: Output) -> float:
    """1 when spice_lsp.language.checks.check finds no error (an empty output is not valid)."""
    return 0.0 if out.grammar_errors else 1.0


@register("sim_ok", higher_is_better=True)
def sim_ok(out: Output) -> float:
    """1 when the sandboxed ngspice run is clean (ran, no error lines, not refused or timed out)."""
    return 1.0 if out.simulation is not None and out.simulation.ok else 0.0


def value_present(value: float, numbers: list[float]) -> bool:
    """Magnitudes compared, as the generator's own value check does (a -0.5 V bias may be a
    0.5 V source written the other way round)."""
    return any(math.isclose(abs(n), abs(value), rel_tol=1e-6, abs_tol=1e-30) for n in numbers)


def bound_numbers(name: str, out: Output) -> list[float]:
    """The numbers the netlist gives `name`: `name=value` assignments (.param, instance
    parameters) and the values of an element called `name` (node names excluded)."""
    found = [n for v in re.findall(rf"(?<![\w.]){re.escape(name)}\s*=\s*([^\s,(){{}}]+)", out.body, re.IGNORECASE)
             if (n := parse_number(v)) is not None]
    for line in out.body.split("\n"):
        if line.split()[:1] and line.split()[0].lower() == name.lower():
            with _CHECK_LOCK:
                try:
                    found += numbers_in(f"title\n{line}\n")
                except Exception:  # noqa: BLE001 - an unreadable line gives no numbers
                    pass
    return found


def parameter_found(parameter: str, out: Output) -> bool:
    """`name=value` or a bare value, compared as numbers (1u == 1e-6 == 1um). When the netlist
    gives `name` a value (an element R2, a parameter W=) that value must match; otherwise the
    value may appear anywhere, as an element value, a source level or a model parameter. A
    value that is not a SPICE number ("tri-gate", "1.3-1.6u") is looked for as text."""
    name, _, value_text = parameter.rpartition("=")
    value = parse_number(value_text.strip())
    if value is None:
        return value_text.strip().lower() in out.body.lower()
    bound = bound_numbers(name.strip(), out) if name.strip() else []
    return value_present(value, bound or out.numbers)


@register("value_match", higher_is_better=True)
def value_match(out: Output) -> float | None:
    """Share of expected.parameters whose values appear value-aware (None when none expected)."""
    parameters = expected(out.case, "parameters")
    if not parameters:
        return None
    return sum(parameter_found(p, out) for p in parameters) / len(parameters)


@register("functional", higher_is_better=True)
def functional(out: Output) -> float | None:
    """1 when every simulated check of the case lands in its range (None when it has none)."""
    if not out.case.get("checks"):
        return None
    return 1.0 if all(r.passed for r in out.check_results) else 0.0


def pass_at_k(n: int, c: int, k: int) -> float:
    """Unbiased pass@k (Chen et al. 2021): 1 - C(n-c, k) / C(n, k), for n samples of which c pass."""
    if k > n:
        raise ValueError(f"pass@{k} needs at least {k} samples, not {n}")
    if n - c < k:
        return 1.0
    return 1.0 - math.comb(n - c, k) / math.comb(n, k)


@register("pass@1", higher_is_better=True, per="case")
def pass_at_1(outputs: list[Output], k: int = 1) -> float | None:
    """Chance that one sample is correct (see Output.passed)."""
    return pass_at_k(len(outputs), sum(o.passed for o in outputs), 1) if outputs else None


@register("pass@k", higher_is_better=True, per="case")
def pass_at_k_metric(outputs: list[Output], k: int = 1) -> float | None:
    """Chance that at least one of k samples is correct (None unless k > 1 samples are drawn)."""
    if k <= 1 or len(outputs) < k:
        return None
    return pass_at_k(len(outputs), sum(o.passed for o in outputs), k)


# --- the request's checklist (training/case_checks.py; cases in training/cases/README.md) -------

def expectation(case: dict) -> str:
    """answer (default): a circuit is due; refuse: only an honest refusal is right; report: the
    request contradicts itself, and the answer must say so (refuse, or answer unverified with a
    warning)."""
    return case.get("expect", "answer")


def checklist_passed(out: Output) -> bool:
    """Every stated constraint and every spec check holds, and the deck simulates."""
    if out.empty or not all(v.passed for v in out.constraint_results):
        return False
    if out.case.get("checks"):
        return all(r.passed for r in out.check_results)
    return out.simulation is not None and out.simulation.ok


@register("constraints_honoured", higher_is_better=True, scale="request")
def constraints_honoured(out: Output) -> float | None:
    """Share of the stated elements, nodes and analyses (with their ranges) the netlist keeps."""
    results = out.constraint_results
    if expectation(out.case) != "answer" or not results:
        return None
    return sum(v.passed for v in results) / len(results)


@register("specs_met", higher_is_better=True, scale="request")
def specs_met(out: Output) -> float | None:
    """Share of the case's spec checks measured within tolerance in ngspice."""
    if expectation(out.case) != "answer" or not out.case.get("checks"):
        return None
    return sum(r.passed for r in out.check_results) / len(out.check_results)


@register("pass", higher_is_better=True, scale="request")
def case_pass(out: Output) -> float | None:
    """1 when the whole checklist holds (answer cases), the generator refused (refuse cases), or
    the contradiction was reported (report cases: refused, or unverified with a warning)."""
    expect = expectation(out.case)
    if expect == "refuse" or (expect == "report" and out.refused):
        return 1.0 if out.refused else 0.0
    if expect == "report":
        if out.verified is None:
            return None
        return 1.0 if not out.verified and out.extra.get("warnings") else 0.0
    return 1.0 if checklist_passed(out) else 0.0


@register("false_verified", higher_is_better=False, scale="request")
def false_verified(out: Output) -> float | None:
    """1 when the answer says verified but fails the case's checklist (a refuse or report case:
    any verified answer); a refusal never is. None when the system does not say."""
    if out.refused:
        return 0.0
    if out.verified is None:
        return None
    if not out.verified:
        return 0.0
    return 1.0 if expectation(out.case) != "answer" or not checklist_passed(out) else 0.0


@register("refused", higher_is_better=False, scale="request")
def refused(out: Output) -> float | None:
    """1 when the generator refused a case that expects an answer (honest, but a miss); None on
    refuse and report cases, where `pass` counts the refusal."""
    return None if expectation(out.case) != "answer" else float(out.refused)


def seconds(out: Output) -> float | None:
    """Generation time of one sample (None when unknown)."""
    return out.seconds


for _name, _aggregation in (("time_mean", "mean"), ("time_p50", "p50"), ("time_p95", "p95")):
    register(_name, higher_is_better=False, aggregation=_aggregation, scale="speed",
             help=f"generation time in seconds, {_aggregation} over cases")(seconds)


@register("tokens_per_s", higher_is_better=True, scale="speed")
def tokens_per_s(out: Output) -> float | None:
    """Decoding speed of a language-model backend (None for the others)."""
    return out.tokens_per_second


@register("lm_share", higher_is_better=True, scale="pipeline")
def lm_share(out: Output) -> float | None:
    """1 when the language model's own draft was verified and served, 0 when the pipeline fell
    back to the template (no draft verified, or none within the time budget); None for systems
    without a model."""
    if not out.extra.get("lm"):
        return None
    return 1.0 if out.extra.get("source") in ("transformers", "openai") else 0.0


def score_case(outputs: list[Output], k: int = 1, registry: Registry = METRICS) -> dict[str, float | None]:
    """Every registered metric for one case's samples."""
    return {name: metric.case_value(outputs, k) for name, metric in registry.items()}


def aggregate(case_scores: list[dict[str, float | None]], registry: Registry = METRICS) -> dict[str, float | None]:
    """Every metric over cases, with its own aggregation."""
    return {name: metric.aggregate(s.get(name) for s in case_scores) for name, metric in registry.items()}
