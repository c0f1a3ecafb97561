"""The generation benchmark: several systems, several case sets, both metric scales, one table.

    python -m training.bench --cases ../shared/seed/test_cases.json \\
        --cases training/cases/spice_lsp_cases.jsonl --backend template --backend retrieval \\
        --score-outputs ../shared/seed/seed_outputs.json --out .cache/bench

A system is a backend (`template`, `transformers`, `openai`: the editor's generator with that
drafter; `retrieval`: the top-1 retrieved example's netlist, a baseline) or a file of
precomputed outputs (`--score-outputs`, `[{case_id, generated_code, verified?, refused?}]`, the
shape of the reference's seed_outputs.json, scored here like any other system). With no --backend the
editor's default pipeline runs (`Assistant()`'s default backend). Case files are JSONL or a JSON
list of {id, category, difficulty?, description, expected{components, parameters, analysis,
directives}, checks?, reference?, constraints?, expect?} (the last two: the request's checklist,
training/cases/README.md, scored by constraints_honoured, specs_met, pass, false_verified, refused).
A check is {analysis, let?, measure, min?, max?, why?}: the
netlist's .control blocks are replaced by one running `analysis` ("ac dec 50 10 1meg"), then
`let` ("g = vdb(out)-vdb(in)": gains relative to the input, whatever its AC level), then reading
`measure` (op: an expression such as "v(out)"; else a meas body such as "when g=-3"); the number
must lie in [min, max], and `why` says where the range comes from (training/metrics.py: run_check).

Writes under --out: <system>/<case_id>.cir (sample i > 0: <case_id>.s<i>.cir) and
<system>/<case_id>.json (scores, checks, errors), results.json (per case, per category and
overall, per case set), config.json (the resolved arguments), table.txt and chart.png.
Generated outputs are cached under <out>/cache, keyed by description, backend, adapter, sample
and the spice_lsp sources, so an interrupted run resumes where it stopped. A case whose
generation fails is recorded with its error and scored as an empty output.

Arguments may also come from a JSON file of the same fields: `python -m training.bench --config run.json`.
"""
from __future__ import annotations

import argparse
import dataclasses
import hashlib
import json
import math
import os
import platform
import subprocess
import sys
import time
import traceback
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path

from training.metrics import METRICS, Output, aggregate, expectation, pem_matches, score_case, svs_conditions

REPO = Path(__file__).resolve().parents[1]
SHIPPED_CASES = Path(__file__).parent / "cases" / "spice_lsp_cases.jsonl"
SEED_OUTPUTS = REPO.parent / "shared" / "seed" / "seed_outputs.json"
BACKENDS = ("template", "transformers", "openai", "retrieval")
EXPECTATIONS = ("answer", "refuse", "report")
# The table's columns: (metric, header); pass@k is added when --samples > 1.
TABLE = [("svs", "SVS"), ("pem", "PEM"), ("ccs", "CCS"), ("composite", "comp"), ("bleu", "BLEU"),
         ("grammar_valid", "gram"), ("sim_ok", "sim"), ("value_match", "value"), ("functional", "func"),
         ("pass@1", "pass@1"), ("constraints_honoured", "constr"), ("specs_met", "specs"), ("pass", "pass"),
         ("false_verified", "falseV"), ("refused", "refused"), ("lm_share", "LM"), ("time_mean", "t_mean"),
         ("time_p50", "t_p50"), ("time_p95", "t_p95"), ("tokens_per_s", "tok/s")]
CHART_METRICS = ["svs", "pem", "ccs", "composite", "grammar_valid", "sim_ok", "value_match", "functional", "pass@1"]


@dataclass
class BenchArgs:
    cases: list[str] = field(default_factory=list, metadata={
        "metavar": "FILE", "help": "a case file (JSONL or JSON list); repeat for several case sets "
                "(default: training/cases/spice_lsp_cases.jsonl)"})
    backend: list[str] = field(default_factory=list, metadata={
        "metavar": "NAME",
        "help": f"a system to run: {', '.join(BACKENDS)}; repeatable (default: the editor's default pipeline)"})
    adapter: list[str] = field(default_factory=list, metadata={
        "metavar": "PATH", "help": "LoRA adapter directory for the transformers backend, or 'none' for the base "
                "model alone; repeat to compare several (one transformers system each; default: the shipped "
                "adapter when present)"})
    base_model: str = field(default="smollm2-135m", metadata={"help": "base model of the transformers backend"})
    openai_url: str = field(default="http://127.0.0.1:8000/v1", metadata={"help": "OpenAI-compatible server"})
    openai_model: str = field(default="spice-lsp", metadata={"help": "model name on that server"})
    budget_s: float = field(default=60.0, metadata={"help": "time budget of one language-model generation"})
    samples: int = field(default=1, metadata={"help": "samples per case (k for pass@k; > 1 samples the LM)"})
    temperature: float = field(default=0.8, metadata={"help": "sampling temperature when --samples > 1"})
    score_outputs: list[str] = field(default_factory=list, metadata={
        "metavar": "FILE", "help": "precomputed outputs [{case_id, generated_code}] scored as a system; repeatable"})
    out: str = field(default=".cache/bench", metadata={"help": "output directory"})
    limit: int = field(default=0, metadata={"help": "only the first N cases of each case set (0: all)"})
    workers: int = field(default=0, metadata={"help": "parallel ngspice runs when scoring (0: CPU count)"})
    sim_timeout: float = field(default=30.0, metadata={"help": "seconds allowed to one ngspice run"})
    cache: bool = field(default=True, metadata={"help": "reuse cached outputs (--no-cache: generate again)"})
    chart: bool = field(default=True, metadata={"help": "write chart.png (--no-chart: skip)"})


def parse_args(argv: list[str] | None = None) -> BenchArgs:
    """Flags named after BenchArgs' fields (list fields repeat); `--config FILE` reads a JSON file
    of the same fields first, and flags given beside it win."""
    parser = argparse.ArgumentParser(prog="python -m training.bench", description=__doc__.split("\n\n")[0],
                                     allow_abbrev=False)
    parser.add_argument("--config", help="a JSON file of these arguments")
    for f in dataclasses.fields(BenchArgs):
        flag, help_ = "--" + f.name.replace("_", "-"), f.metadata.get("help", "")
        if f.type == "bool" or isinstance(f.default, bool):
            parser.add_argument(flag, action=argparse.BooleanOptionalAction, default=None, help=help_)
        elif isinstance(f.default, (int, float, str)):
            parser.add_argument(flag, type=type(f.default), default=None, help=help_, metavar=f.name.upper())
        else:
            parser.add_argument(flag, action="append", default=None, help=help_, metavar=f.metadata.get("metavar"))
    namespace = vars(parser.parse_args(argv))
    values = {}
    if config := namespace.pop("config"):
        values = json.loads(Path(config).read_text(encoding="utf-8"))
        unknown = set(values) - {f.name for f in dataclasses.fields(BenchArgs)}
        if unknown:
            parser.error(f"{config}: unknown fields {', '.join(sorted(unknown))}")
    values.update({k: v for k, v in namespace.items() if v is not None})
    args = BenchArgs(**values)
    if bad := [b for b in args.backend if b not in BACKENDS]:
        parser.error(f"unknown backend {', '.join(bad)}: choose from {', '.join(BACKENDS)}")
    if args.samples < 1:
        parser.error("--samples must be at least 1")
    return args


# --- cases ------------------------------------------------------------------------------------

def load_cases(path: str | Path) -> list[dict]:
    """A case file: a JSON list, or JSON lines (one case per line). Each case needs an id and a
    description; category defaults to "uncategorised" and expected to {}."""
    path = Path(path)
    text = path.read_text(encoding="utf-8")
    stripped = text.lstrip()
    if stripped.startswith("["):
        records = json.loads(text)
    else:
        records = []
        for number, line in enumerate(text.splitlines(), start=1):
            if line.strip():
                try:
                    records.append(json.loads(line))
                except json.JSONDecodeError as error:
                    raise ValueError(f"{path}:{number}: not valid JSON ({error.msg})") from None
    cases = []
    for number, record in enumerate(records, start=1):
        if not isinstance(record, dict) or not isinstance(record.get("id"), str) \
                or not isinstance(record.get("description"), str):
            raise ValueError(f"{path}: case {number} needs a string 'id' and 'description'")
        for spec in record.get("checks") or []:
            if not {"analysis", "measure"} <= set(spec):
                raise ValueError(f"{path}: case {record['id']}: a check needs 'analysis' and 'measure'")
        if record.get("expect", "answer") not in EXPECTATIONS:
            raise ValueError(f"{path}: case {record['id']}: expect must be one of {', '.join(EXPECTATIONS)}")
        constraints = record.get("constraints") or {}
        if set(constraints) - {"elements", "nodes", "analyses"} \
                or any("kind" not in c for c in constraints.get("elements", []) + constraints.get("analyses", [])):
            raise ValueError(f"{path}: case {record['id']}: constraints hold elements and analyses "
                             "(each with a kind) and nodes")
        cases.append({"category": "uncategorised", "expected": {}, **record})
    return cases


def case_sets(paths: list[str], limit: int) -> dict[str, list[dict]]:
    """Case set name (the file's stem) -> its cases; ids must be unique over all sets."""
    sets: dict[str, list[dict]] = {}
    seen: dict[str, str] = {}
    for path in paths:
        name = Path(path).stem
        while name in sets:
            name += "'"
        cases = load_cases(path)[:limit or None]
        for case in cases:
            if case["id"] in seen:
                raise ValueError(f"case id '{case['id']}' is in both {seen[case['id']]} and {path}")
            seen[case["id"]] = path
        sets[name] = cases
    return sets


# --- systems ----------------------------------------------------------------------------------

@dataclass
class Generated:
    text: str
    seconds: float | None
    tokens_per_second: float | None = None
    source: str = ""  # what produced the text: template, transformers, retrieval:<id>, file, refused
    error: str | None = None
    warnings: list[str] = field(default_factory=list)
    verified: bool | None = None  # what the answer said of itself (None: the system does not say)


@dataclass
class System:
    name: str
    backend: str  # a BACKENDS entry, "default", or "outputs"
    generate: Callable[[str, int], Generated] | None = None  # (description, sample index)
    outputs: dict[str, dict] | None = None  # case id -> precomputed record
    key: dict = field(default_factory=dict)  # what the cached outputs depend on


class _Sampling:
    """A drafter that samples at a temperature (the editor's pipeline decodes greedily)."""

    def __init__(self, inner, temperature: float) -> None:
        self.inner, self.temperature, self.name = inner, temperature, inner.name

    def draft(self, prompt, **kwargs):
        kwargs["temperature"] = self.temperature
        return self.inner.draft(prompt, **kwargs)


def _pipeline(assistant, samples: int, temperature: float) -> Callable[[str, int], Generated]:
    from spice_lsp.generation.pipeline import generate

    def run(description: str, index: int) -> Generated:
        start = time.perf_counter()
        backend = assistant.options.resolved_backend()
        if samples > 1 and backend != "template":
            options = assistant.options
            result = generate(description, drafter=_Sampling(assistant.drafter(), temperature),
                              retriever=assistant.retriever(), max_repairs=options.max_repairs,
                              budget_s=options.budget_s)
        else:
            result = assistant.generate(description)
        seconds = time.perf_counter() - start
        speeds = [c.tokens_per_second for c in result.candidates if c.tokens_per_second]
        return Generated(result.netlist, seconds, sum(speeds) / len(speeds) if speeds else None,
                         result.backend, None, list(result.warnings), bool(result.verified))
    return run


def _retrieval() -> Callable[[str, int], Generated]:
    from spice_lsp.generation.assistant import template_examples
    from spice_lsp.generation.retrieval import Retriever
    retriever = Retriever(template_examples())

    def run(description: str, index: int) -> Generated:
        start = time.perf_counter()
        example, score = retriever.search(description, 1)[0]
        return Generated(example.netlist, time.perf_counter() - start, None,
                         f"retrieval:{example.id} ({score:.2f})")
    return run


def _adapter_key(adapter) -> str:
    """The adapter's identity for the output cache: its weights' hash (None: the base model)."""
    if adapter is None:
        return "none"
    weights = Path(adapter) / "adapter_model.safetensors"
    return hashlib.sha256(weights.read_bytes()).hexdigest()[:16] if weights.is_file() else str(adapter)


def build_systems(args: BenchArgs) -> list[System]:
    from spice_lsp.generation.assistant import Assistant, GenerationOptions, resolve_adapter
    systems = []
    for backend in args.backend or ["default"]:
        if backend == "retrieval":
            systems.append(System("retrieval", backend, _retrieval(), key={"backend": backend}))
            continue
        resolved = GenerationOptions(backend="" if backend == "default" else backend).resolved_backend()
        for adapter in (args.adapter or [""]) if resolved == "transformers" else [""]:
            options = GenerationOptions(backend="" if backend == "default" else backend,
                                        base_model=args.base_model, adapter=adapter, openai_url=args.openai_url,
                                        openai_model=args.openai_model, budget_s=args.budget_s)
            name = f"default:{resolved}" if backend == "default" else backend
            key: dict = {"backend": resolved}
            if resolved == "transformers":
                adapter_path = resolve_adapter(adapter)
                name += f"+{adapter_path.name}" if adapter_path else ":base"
                key.update(adapter=_adapter_key(adapter_path), base_model=args.base_model)
            if resolved == "openai":
                key.update(url=args.openai_url, model=args.openai_model)
            if args.samples > 1 and resolved != "template":
                key["temperature"] = args.temperature
            systems.append(System(name, backend, _pipeline(Assistant(options), args.samples, args.temperature),
                                  key=key))
    for path in args.score_outputs:
        records = json.loads(Path(path).read_text(encoding="utf-8"))
        if not isinstance(records, list):
            raise ValueError(f"{path}: expected a JSON list of {{case_id, generated_code}}")
        outputs = {str(r.get("case_id") or r.get("id")): r for r in records if isinstance(r, dict)}
        is_seed = Path(path).resolve() == SEED_OUTPUTS.resolve() or Path(path).name == "seed_outputs.json"
        name = "reference" if is_seed else Path(path).stem
        while name in {s.name for s in systems}:
            name += "'"
        systems.append(System(name, "outputs", outputs=outputs))
    return systems


# --- generation, with a cache -----------------------------------------------------------------

def sources_hash() -> str:
    """The generator's code: a cached output is stale once it changes."""
    digest = hashlib.sha256()
    package = REPO / "spice_lsp"
    for path in sorted(package.rglob("*.py")) + sorted(package.rglob("*.lark")):
        digest.update(str(path.relative_to(package)).encode() + path.read_bytes())
    return digest.hexdigest()[:16]


def cache_key(system: System, description: str, index: int, code: str) -> str:
    blob = json.dumps({"description": description, **system.key, "sample": index, "code": code}, sort_keys=True)
    return hashlib.sha256(blob.encode()).hexdigest()[:24]


def generate_one(system: System, case: dict, index: int, cache_dir: Path | None, code: str) -> Generated:
    """One sample, from the cache when it holds it; errors become a recorded, empty output."""
    if system.outputs is not None:
        record = system.outputs.get(case["id"])
        if record is None:
            return Generated("", None, source="file", error="no output for this case in the file")
        time_s = record.get("generation_time")
        verified = record.get("verified")
        return Generated(str(record.get("generated_code") or ""), float(time_s) if time_s is not None else None,
                         source="refused" if record.get("refused") else "file",
                         error=record.get("error_message") or None, warnings=list(record.get("warnings") or []),
                         verified=bool(verified) if verified is not None else None)
    path = cache_dir / system.name / f"{case['id']}.json" if cache_dir else None
    key = cache_key(system, case["description"], index, code)
    cached = json.loads(path.read_text(encoding="utf-8")) if path and path.exists() else {}
    if key in cached:
        return Generated(**cached[key])
    from spice_lsp.generation.pipeline import CannotServe
    assert system.generate is not None  # a system without outputs generates
    start = time.perf_counter()
    try:
        generated = system.generate(case["description"], index)
    except CannotServe as error:  # an answer too: its time counts
        generated = Generated("", time.perf_counter() - start, source="refused", error=f"CannotServe: {error}")
    except Exception as error:  # noqa: BLE001 - one failing case must not stop the run
        generated = Generated("", None, source="error", error=f"{type(error).__name__}: {error}\n"
                              + "".join(traceback.format_exception(error)[-3:]))
    if path:
        path.parent.mkdir(parents=True, exist_ok=True)
        cached[key] = dataclasses.asdict(generated)
        partial = path.with_suffix(f".{os.getpid()}.tmp")
        partial.write_text(json.dumps(cached, indent=1), encoding="utf-8")
        partial.replace(path)
    return generated


class Progress:
    """tqdm when installed, else a counter on stderr."""

    def __init__(self, total: int, desc: str) -> None:
        self.total, self.desc, self.done = total, desc, 0
        try:
            from tqdm import tqdm
            self.bar = tqdm(total=total, desc=desc, file=sys.stderr, leave=False, dynamic_ncols=True)
        except ImportError:
            self.bar = None

    def update(self, note: str = "") -> None:
        self.done += 1
        if self.bar is not None:
            self.bar.set_postfix_str(note[:40], refresh=False)
            self.bar.update(1)
        elif self.done == self.total or self.done % max(1, self.total // 20) == 0:
            print(f"{self.desc}: {self.done}/{self.total}", file=sys.stderr, flush=True)

    def close(self) -> None:
        if self.bar is not None:
            self.bar.close()


# --- scoring and reports ----------------------------------------------------------------------

def covers(system: System, cases: list[dict]) -> bool:
    return system.outputs is None or any(c["id"] in system.outputs for c in cases)


def case_record(system: System, set_name: str, case: dict, outputs: list[Output], scores: dict) -> dict:
    """Everything known about one case for one system: the JSON written beside its netlist."""
    samples = []
    for out in outputs:
        sim = out.simulation
        samples.append({
            "source": out.extra.get("source"), "seconds": out.seconds, "tokens_per_second": out.tokens_per_second,
            "error": out.error, "warnings": out.extra.get("warnings", []), "chars": len(out.text),
            "svs_conditions": svs_conditions(out.text),
            "pem_matches": pem_matches(out.text, [str(p) for p in case["expected"].get("parameters") or []]),
            "grammar_errors": out.grammar_errors[:5],
            "simulation_errors": ([e.message for e in sim.errors][:5] + sim.refused[:3]
                                  + (["timed out"] if sim.timed_out else [])) if sim else [],
            "checks": [{"measure": r.check["measure"],
                        "value": r.value if r.value is not None and math.isfinite(r.value) else None,
                        "min": r.check.get("min"), "max": r.check.get("max"), "passed": r.passed, "error": r.error}
                       for r in out.check_results],
            "constraints": [dataclasses.asdict(v) for v in out.constraint_results],
            "verified": out.verified, "refused": out.refused,
            "passed": out.passed,
        })
    return {"system": system.name, "case_set": set_name, "id": case["id"], "category": case["category"],
            "difficulty": case.get("difficulty"), "expect": expectation(case), "description": case["description"],
            "scores": scores, "samples": samples}


def counts(records: list[dict]) -> dict[str, float]:
    """Answers by what they said of themselves, summed over cases (a case's samples share one
    count): said verified, false verified, refused where an answer was due, and honest refusals
    (refused where only a refusal is right)."""
    def share(record: dict, test) -> float:
        samples = record.get("samples") or []
        return sum(bool(test(s)) for s in samples) / len(samples) if samples else 0.0
    return {
        "verified": sum(share(r, lambda s: s.get("verified")) for r in records),
        "false_verified": sum(r["scores"].get("false_verified") or 0.0 for r in records),
        "refused": sum(share(r, lambda s: s.get("refused")) for r in records if r.get("expect", "answer") == "answer"),
        "honest_refusals": sum(share(r, lambda s: s.get("refused")) for r in records
                               if r.get("expect", "answer") != "answer"),
        "refuse_cases": sum(r.get("expect") == "refuse" for r in records),
    }


def summarise(records: list[dict]) -> dict:
    """Overall and per-category aggregates of case records, and the counts above."""
    categories: dict[str, list[dict]] = {}
    for r in records:
        categories.setdefault(r["category"], []).append(r["scores"])
    return {"n": len(records), "overall": aggregate([r["scores"] for r in records]), "counts": counts(records),
            "categories": {c: {"n": len(s), **aggregate(s)} for c, s in sorted(categories.items())}}


def _cell(value: float | None, metric: str) -> str:
    if value is None:
        return "-"
    if metric.startswith("time"):
        return f"{value:.3f}" if value < 10 else f"{value:.1f}"
    if metric == "tokens_per_s":
        return f"{value:.1f}"
    return f"{value:.3f}"


def format_table(summary: dict[str, dict[str, dict]], columns: list[tuple[str, str]]) -> str:
    """One row per system and case set; columns are metrics. summary[system][set] = summarise()."""
    rows = [["system", "cases", "n", *[h for _, h in columns]]]
    sets = list(dict.fromkeys(s for per_set in summary.values() for s in per_set))
    for set_name in sets:
        for system, per_set in summary.items():
            if set_name in per_set:
                agg = per_set[set_name]
                rows.append([system, set_name, str(agg["n"]), *[_cell(agg["overall"].get(m), m) for m, _ in columns]])
    widths = [max(len(r[i]) for r in rows) for i in range(len(rows[0]))]
    lines = ["  ".join(c.ljust(w) if i < 2 else c.rjust(w) for i, (c, w) in enumerate(zip(r, widths))) for r in rows]
    lines.insert(1, "-" * len(lines[0]))
    lower = ", ".join(h for m, h in columns if not METRICS[m].higher_is_better)
    lines.append(f"higher is better except {lower} (seconds); '-' = not applicable "
                 "(BLEU needs a reference netlist, func needs checks, tok/s an LM backend)")
    return "\n".join(lines)


def format_counts(summary: dict[str, dict[str, dict]]) -> str:
    """One line per system and case set: what the answers said of themselves."""
    lines = []
    for system, per_set in summary.items():
        for set_name, agg in per_set.items():
            c = agg["counts"]
            lines.append(f"{system} {set_name}: said verified {c['verified']:g}/{agg['n']}, false verified "
                         f"{c['false_verified']:g}, refused {c['refused']:g} of the answerable, honest refusals "
                         f"{c['honest_refusals']:g} (refuse cases: {c['refuse_cases']})")
    return "\n".join(lines)


def write_chart(path: Path, summary: dict[str, dict[str, dict]]) -> None:
    import matplotlib
    matplotlib.use("Agg")
    import matplotlib.pyplot as plt
    sets = list(dict.fromkeys(s for per_set in summary.values() for s in per_set))
    fig, axes = plt.subplots(len(sets), 1, figsize=(11, 3.6 * len(sets)), squeeze=False)
    for ax, set_name in zip(axes[:, 0], sets):
        systems = [s for s in summary if set_name in summary[s]]
        width = 0.8 / max(1, len(systems))
        for i, system in enumerate(systems):
            values = [summary[system][set_name]["overall"].get(m) for m in CHART_METRICS]
            xs = [j + (i - (len(systems) - 1) / 2) * width for j in range(len(CHART_METRICS))]
            ax.bar(xs, [v if v is not None else 0 for v in values], width, label=system)
            for x, v in zip(xs, values):
                if v is None:
                    ax.text(x, 0.02, "n/a", ha="center", rotation=90, fontsize=7)
        ax.set_xticks(range(len(CHART_METRICS)), CHART_METRICS, rotation=20, fontsize=8)
        ax.set_ylim(0, 1.05)
        ax.set_title(f"{set_name} (n={max(summary[s][set_name]['n'] for s in systems)})", fontsize=10)
        ax.legend(fontsize=8, ncol=len(systems))
        ax.grid(axis="y", alpha=0.3)
    fig.tight_layout()
    fig.savefig(path, dpi=110)
    plt.close(fig)


def resolved_config(args: BenchArgs, sets: dict[str, list[dict]], systems: list[System], paths: list[str]) -> dict:
    def sha(p: str) -> str:
        return hashlib.sha256(Path(p).read_bytes()).hexdigest()[:16]
    try:
        commit = subprocess.run(["git", "rev-parse", "HEAD"], cwd=REPO, capture_output=True, text=True,
                                timeout=5).stdout.strip() or None
    except (OSError, subprocess.SubprocessError):
        commit = None
    return {"args": dataclasses.asdict(args), "case_files": {p: sha(p) for p in paths},
            "case_sets": {n: len(c) for n, c in sets.items()},
            "systems": [{"name": s.name, "backend": s.backend, **s.key} for s in systems],
            "outputs_files": {p: sha(p) for p in args.score_outputs},
            "metrics": {n: {"higher_is_better": m.higher_is_better, "aggregation": m.aggregation,
                            "scale": m.scale, "help": m.help} for n, m in METRICS.items()},
            "spice_lsp_sources": sources_hash(), "git_commit": commit, "python": platform.python_version(),
            "written": time.strftime("%Y-%m-%dT%H:%M:%S%z")}


def main(argv: list[str] | None = None) -> dict:
    args = parse_args(argv)
    out = Path(args.out)
    out.mkdir(parents=True, exist_ok=True)
    paths = args.cases or [str(SHIPPED_CASES)]
    sets = case_sets(paths, args.limit)
    systems = build_systems(args)
    config = resolved_config(args, sets, systems, paths)
    (out / "config.json").write_text(json.dumps(config, indent=2) + "\n", encoding="utf-8")
    code = sources_hash()
    cache_dir = out / "cache" if args.cache else None

    # 1. generate (sequential: a language model uses every core), cached
    jobs = [(system, set_name, case) for system in systems for set_name, cases in sets.items()
            if covers(system, cases) for case in cases]
    outputs: dict[tuple[str, str], list[Output]] = {}
    progress = Progress(len(jobs) * args.samples, "generating")
    for system, _, case in jobs:
        samples = []
        for index in range(1 if system.outputs is not None else args.samples):
            g = generate_one(system, case, index, cache_dir, code)
            samples.append(Output(g.text, case, g.seconds, g.tokens_per_second, g.error, args.sim_timeout,
                                  extra={"source": g.source, "warnings": g.warnings, "verified": g.verified,
                                         "lm": system.key.get("backend") in ("transformers", "openai")}))
            progress.update(f"{system.name} {case['id']}")
        outputs[(system.name, case["id"])] = samples
    progress.close()

    # 2. score (parallel ngspice runs)
    progress = Progress(len(jobs), "scoring")

    def score(job):
        system, set_name, case = job
        samples = outputs[(system.name, case["id"])]
        record = case_record(system, set_name, case, samples, score_case(samples, args.samples))
        progress.update(f"{system.name} {case['id']}")
        return record
    with ThreadPoolExecutor(args.workers or os.cpu_count() or 2) as pool:
        records = list(pool.map(score, jobs))
    progress.close()

    # 3. write and report
    by_system: dict[str, dict[str, list[dict]]] = {}
    for (system, _, case), record in zip(jobs, records):
        folder = out / system.name
        folder.mkdir(parents=True, exist_ok=True)
        for index, sample in enumerate(outputs[(system.name, case["id"])]):
            suffix = "" if index == 0 else f".s{index}"
            (folder / f"{case['id']}{suffix}.cir").write_text(sample.text, encoding="utf-8")
        (folder / f"{case['id']}.json").write_text(json.dumps(record, indent=1) + "\n", encoding="utf-8")
        by_system.setdefault(system.name, {}).setdefault(record["case_set"], []).append(record)
    summary = {name: {set_name: summarise(recs) for set_name, recs in per_set.items()}
               for name, per_set in by_system.items()}
    for name, per_set in by_system.items():
        if len(per_set) > 1:
            summary[name]["all"] = summarise([r for recs in per_set.values() for r in recs])
    columns = TABLE[:10] + ([("pass@k", f"pass@{args.samples}")] if args.samples > 1 else []) + TABLE[10:]
    table = format_table(summary, columns) + "\n" + format_counts(summary)
    results = {"config": config, "summary": summary,
               "cases": {name: {s: [{k: r[k] for k in ("id", "category", "difficulty", "scores")} for r in recs]
                                for s, recs in per_set.items()} for name, per_set in by_system.items()}}
    (out / "results.json").write_text(json.dumps(results, indent=1) + "\n", encoding="utf-8")
    (out / "table.txt").write_text(table + "\n", encoding="utf-8")
    if args.chart:
        write_chart(out / "chart.png", summary)
    print(table)
    print(f"wrote {out}/: results.json, config.json, table.txt{', chart.png' if args.chart else ''}, "
          f"<system>/<case_id>.cir and .json")
    return results


if __name__ == "__main__":
    try:
        main()
    except (ValueError, OSError) as error:
        print(f"error: {error}", file=sys.stderr)
        raise SystemExit(2) from None
