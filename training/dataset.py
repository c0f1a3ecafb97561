"""Build the (description, netlist) training set: every pair verified, deduplicated, split by kind.

    python -m training.dataset --out .cache/dataset \\
        --seed-file ../shared/seed/spice_clean_final.jsonl --extra mine.jsonl --per-family 40

Sources, in this order (the first of two duplicates is kept):
  extra     user JSONL files of {"instruction", "response"} (--extra, repeatable);
  seed      the reference training set (--seed-file); its text goes to --out only, never the repo;
  template  every template family with random values (half to twice the defaults) asked for in
            many phrasings (training/phrasing.py); a phrasing is kept only when parse_intent reads
            back its family, values, analyses and nodes.
Each pair is normalised as the generator sees it at inference (the description's whitespace
collapsed, the netlist's first line replaced by the title the generator writes), then checked:
  * no overlap with a benchmark case: no 8-word span of its description appears in a case
    description (--bench-cases, plus ../shared/seed/test_cases.json and training/cases/*.json[l]
    unless --no-default-cases);
  * no exact duplicate, no near duplicate: token 5-gram Jaccard of description + netlist above
    --near-duplicate (0.9) against a kept pair of the same kind;
  * our checker (parses: zero errors) and the sandboxed ngspice (simulates), whose printed values
    are kept; template pairs must simulate, other sources must pass --require (parses).
Each record also holds the prompt the generator builds at inference (generate.build_prompt with
the family's template as scaffold and the top-3 retrieved template examples; --no-retrieval
leaves the examples out). In --stale-scaffold of the template pairs the scaffold is rendered with
one requested value forgotten (tag scaffold:stale), as when the intent parser misses a value the
description states. Whole circuit kinds are held out for validation.

Outputs under --out: train.jsonl, validation.jsonl, rejected.jsonl (with reasons), data_card.md,
data_card.json and dataset_config.json (the resolved arguments).
"""
from __future__ import annotations

import dataclasses
import hashlib
import json
import math
import os
import random
import re
import statistics
import time
from collections import Counter, defaultdict
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path

from spice_lsp.generation.families import render
from spice_lsp.generation.intent import Intent, parse_intent
from spice_lsp.generation.pipeline import MAX_DESCRIPTION, build_prompt, missing_values
from spice_lsp.language.checks import check
from spice_lsp.ngspice import runner as simulate

from .common import REPO, SHARED, UsageError, cli, inside_tracked_tree, parse_args, read_jsonl, save_config
from .phrasing import FAMILIES, round_trip, sample_request

DEFAULT_CASES = [SHARED / "seed" / "test_cases.json"]
CASES_DIR = REPO / "training" / "cases"
# Held-out request sets (issues 13 and 14): checked even with --no-default-cases.
HELD_OUT = [CASES_DIR / name
            for name in ("requests.jsonl", "open_world.jsonl", "requests_v2.jsonl", "open_world_v2.jsonl",
                         "requests_v3.jsonl", "requests_v4.jsonl", "open_world_v3.jsonl",
                         "requests_v5.jsonl", "open_world_v4.jsonl", "requests_v6.jsonl", "open_world_v5.jsonl",
                         "requests_v7.jsonl", "open_world_v6.jsonl", "requests_v8.jsonl", "open_world_v7.jsonl",
                         "requests_v9.jsonl", "open_world_v8.jsonl", "requests_v10.jsonl", "open_world_v9.jsonl",
                         "requests_v11.jsonl", "open_world_v10.jsonl",
                         "requests_v12.jsonl", "open_world_v11.jsonl",
                         "requests_v13.jsonl", "open_world_v12.jsonl",
                         "requests_v14.jsonl", "open_world_v13.jsonl",
                         "requests_v15.jsonl", "open_world_v14.jsonl",
                         "requests_v16.jsonl", "open_world_v15.jsonl",
                         "requests_v17.jsonl", "open_world_v16.jsonl",
                         "requests_v18.jsonl", "open_world_v17.jsonl",
                         "requests_v19.jsonl", "open_world_v18.jsonl",
                         "requests_v20.jsonl", "open_world_v19.jsonl",
                         "requests_v21.jsonl", "open_world_v20.jsonl",
                         "requests_v22.jsonl", "open_world_v21.jsonl",
                         "requests_v23.jsonl", "open_world_v22.jsonl",
                         "requests_v24.jsonl", "open_world_v23.jsonl")]


@dataclass
class DatasetArguments:
    out: str = field(default=".cache/dataset", metadata={"help": "Output directory (outside git-tracked folders)."})
    seed_file: str | None = field(default=None, metadata={
        "help": "The reference training set, JSONL of {instruction, response} "
                "(e.g. ../shared/seed/spice_clean_final.jsonl)."})
    seed_limit: int = field(default=0, metadata={"help": "Read only the first N seed records (0: all)."})
    extra: list[str] = field(default_factory=list, metadata={
        "help": "User JSONL files of {instruction, response}; repeat the flag for several.", "action": "extend"})
    per_family: int = field(default=40, metadata={"help": "Template pairs kept per circuit family."})
    kinds: list[str] = field(default_factory=list, metadata={
        "help": "Template families to generate (default: all).", "action": "extend"})
    bench_cases: list[str] = field(default_factory=list, metadata={
        "help": "Benchmark case files (JSON list, {cases: [...]} or JSONL with description); "
                "added to the defaults.", "action": "extend"})
    default_cases: bool = field(default=True, metadata={
        "help": "Also check ../shared/seed/test_cases.json and training/cases/* when present."})
    overlap_ngram: int = field(default=8, metadata={"help": "Word shingle size of the benchmark overlap check."})
    near_duplicate: float = field(default=0.9, metadata={
        "help": "Token 5-gram Jaccard above which a pair is a near duplicate."})
    require: str = field(default="parses", metadata={
        "help": "What a seed or extra pair must pass to be kept.", "choices": ["none", "parses", "simulates"]})
    retrieval: bool = field(default=True, metadata={
        "help": "Put the top-3 retrieved examples in each prompt (--no-retrieval: none, e.g. for tests)."})
    validation_fraction: float = field(default=0.15, metadata={"help": "Share of pairs (whole kinds) held out."})
    validation_kinds: list[str] = field(default_factory=list, metadata={
        "help": "Hold out exactly these kinds instead.", "action": "extend"})
    tokenizer: str = field(default="smollm2", metadata={
        "help": "Token counts for the data card.", "choices": ["smollm2", "whitespace"]})
    sim_timeout: float = field(default=20.0, metadata={"help": "Seconds per ngspice run."})
    workers: int = field(default=0, metadata={"help": "Parallel ngspice runs (0: one per CPU)."})
    max_attempts: int = field(default=5, metadata={"help": "Phrasings tried per kept template pair, at most."})
    stale_scaffold: float = field(default=0.5, metadata={
        "help": "Share of template pairs whose prompt scaffold was rendered without one of the requested "
                "values (the answer has it): the model learns to take values from the request, not only "
                "to copy the scaffold."})
    seed: int = field(default=0, metadata={"help": "Random seed."})


# --- records ----------------------------------------------------------------------------------

@dataclass
class Pair:
    source: str  # template | seed | extra:<file name>
    origin: str  # where it came from: "<file>:<line>" or "<kind> #<n>"
    instruction: str
    response: str
    kind: str = ""
    id: str = ""
    tags: list[str] = field(default_factory=list)
    requested: dict[str, str] = field(default_factory=dict)  # role -> value as written
    shingles: frozenset = frozenset()
    parses: bool = False
    simulates: bool = False
    values: dict[str, float] = field(default_factory=dict)
    errors: list[str] = field(default_factory=list)
    missing: list[str] = field(default_factory=list)
    hash: str = ""
    intent: Intent | None = None
    scaffold: str = ""


def normalise_description(text: str) -> str:
    """As `generate.generate` sees it: whitespace collapsed, at most MAX_DESCRIPTION characters."""
    return " ".join(text.split())[:MAX_DESCRIPTION]


def with_title(netlist: str, title: str) -> str:
    """The netlist with its first line (always the title for ngspice) replaced by `title`, as the
    generator forces it (the prompt ends with the title as the answer's start)."""
    lines = netlist.strip("\n").replace("\r\n", "\n").split("\n")
    return "\n".join([title] + lines[1:]).rstrip() + "\n"


def content_hash(description: str, netlist: str) -> str:
    return hashlib.sha256(f"{description.lower()}\n{netlist}".encode()).hexdigest()[:16]


_TOKEN = re.compile(r"[\w.\u00b5\u03bc\u03a9\u2126+-]+|[^\s\w]")


def shingles(text: str, n: int = 5) -> frozenset:
    tokens = _TOKEN.findall(text.lower())
    if len(tokens) < n:
        return frozenset([tuple(tokens)])
    return frozenset(tuple(tokens[i:i + n]) for i in range(len(tokens) - n + 1))


def jaccard(a: frozenset, b: frozenset) -> float:
    if not a or not b:
        return 0.0
    inter = len(a & b)
    return inter / (len(a) + len(b) - inter)


# --- benchmark overlap ------------------------------------------------------------------------

def _words(text: str) -> list[str]:
    return re.findall(r"\w+", text.lower())


def word_shingles(text: str, n: int) -> set[tuple[str, ...]]:
    words = _words(text)
    return {tuple(words[i:i + n]) for i in range(len(words) - n + 1)}


def case_files(args: DatasetArguments) -> list[Path]:
    files = [Path(p) for p in args.bench_cases]
    for path in files:
        if not path.is_file():
            raise UsageError(f"--bench-cases {path}: no such file")
    if args.default_cases:
        files += [p for p in DEFAULT_CASES if p.is_file()]
        if CASES_DIR.is_dir():
            files += sorted(p for p in CASES_DIR.iterdir() if p.suffix in (".json", ".jsonl"))
    files += [p for p in HELD_OUT if p.is_file()]
    return list(dict.fromkeys(p.resolve() for p in files))


def load_cases(path: Path) -> list[tuple[str, str]]:
    """(case id, description) from a JSON list, {"cases": [...]}, or JSONL."""
    text = path.read_text(encoding="utf-8")
    try:
        data = json.loads(text)
        items = data.get("cases", data) if isinstance(data, dict) else data
        if isinstance(items, dict):
            items = [items]
    except json.JSONDecodeError:
        items = [record for _, record in read_jsonl(path, fields=())]
    cases = []
    for number, item in enumerate(items, start=1):
        if not isinstance(item, dict):
            raise UsageError(f"{path}: case {number} is not a JSON object")
        description = item.get("description") or item.get("instruction") or item.get("prompt")
        if not isinstance(description, str):
            raise UsageError(f"{path}: case {number} has no description")
        cases.append((str(item.get("id", f"{path.stem}-{number}")), description))
    return cases


class OverlapIndex:
    """Every n-word span of every benchmark case description, and each whole description (a case
    shorter than n words, "4k7 from in to out", has no span)."""

    def __init__(self, files: list[Path], n: int):
        self.n = n
        self.files = files
        self.spans: dict[tuple[str, ...], str] = {}
        self.cases = 0
        for path in files:
            for case_id, description in load_cases(path):
                self.cases += 1
                for span in word_shingles(description, n) | {tuple(_words(description))}:
                    self.spans.setdefault(span, f"{path.name}:{case_id}")

    def hit(self, description: str) -> tuple[str, str] | None:
        """(case, the shared words) for the first shared span or the same words, else None."""
        if (whole := tuple(_words(description))) in self.spans:
            return self.spans[whole], " ".join(whole)
        for span in word_shingles(description, self.n):
            if span in self.spans:
                return self.spans[span], " ".join(span)
        return None


# --- the builder ------------------------------------------------------------------------------

class Builder:
    def __init__(self, args: DatasetArguments):
        self.args = args
        self.rng = random.Random(args.seed)
        self.overlap = OverlapIndex(case_files(args), args.overlap_ngram)
        self.kept: list[Pair] = []
        self.by_kind: dict[str, list[Pair]] = defaultdict(list)
        self.hashes: dict[str, str] = {}
        self.rejected: list[dict] = []
        self.counters: dict[str, Counter] = defaultdict(Counter)

    def reject(self, pair: Pair, reason: str, detail: str) -> None:
        self.counters["rejected"][(pair.source.split(":")[0], reason)] += 1
        self.rejected.append({"source": pair.source, "origin": pair.origin, "kind": pair.kind, "reason": reason,
                              "detail": detail, "instruction": pair.instruction, "response": pair.response})

    def admit(self, pair: Pair) -> bool:
        """Overlap and duplicate checks; a pair that passes joins `kept` (verification comes later)."""
        if not pair.instruction or not pair.response.strip():
            self.reject(pair, "empty", "no description or no netlist")
            return False
        hit = self.overlap.hit(pair.instruction)
        if hit:
            self.reject(pair, "benchmark-overlap", f"shares '{hit[1]}' with benchmark case {hit[0]}")
            return False
        pair.hash = content_hash(pair.instruction, pair.response)
        if pair.hash in self.hashes:
            self.reject(pair, "duplicate", f"same description and netlist as {self.hashes[pair.hash]}")
            return False
        pair.shingles = shingles(f"{pair.instruction}\n{pair.response}")
        size = len(pair.shingles)
        for other in self.by_kind[pair.kind]:
            other_size = len(other.shingles)
            if min(size, other_size) / max(size, other_size) <= self.args.near_duplicate:
                continue  # Jaccard cannot exceed the size ratio
            similarity = jaccard(pair.shingles, other.shingles)
            if similarity > self.args.near_duplicate:
                self.reject(pair, "near-duplicate", f"token 5-gram Jaccard {similarity:.3f} with {other.id}")
                return False
        pair.id = pair.id or f"{pair.source.split(':')[0]}-{pair.kind}-{len(self.by_kind[pair.kind]):04d}"
        self.hashes[pair.hash] = pair.id
        self.by_kind[pair.kind].append(pair)
        self.kept.append(pair)
        return True

    def external(self, path: str, source: str, limit: int = 0) -> None:
        records = read_jsonl(path)
        for number, record in records[:limit or None]:
            description = normalise_description(record["instruction"])
            intent = parse_intent(description)
            scaffold = render(intent).netlist
            title = scaffold.split("\n", 1)[0]
            response = with_title(record["response"], title) if record["response"].strip() else ""
            pair = Pair(source, f"{Path(path).name}:{number}", description, response, intent.kind,
                        intent=intent, scaffold=scaffold)
            pair.id = f"{source.split(':')[0]}-{Path(path).stem}-{number}"
            self.counters["read"][source.split(":")[0]] += 1
            self.admit(pair)

    def templates(self, kinds: list[str]) -> None:
        for kind in kinds:
            rng = random.Random(f"{self.args.seed}-{kind}")
            kept = attempts = 0
            while kept < self.args.per_family and attempts < self.args.per_family * self.args.max_attempts:
                attempts += 1
                request = sample_request(kind, rng)
                intent = parse_intent(request.description)
                result = render(intent)
                scaffold, stale = result.netlist, []
                if result.used and rng.random() < self.args.stale_scaffold:
                    forgotten = rng.choice(sorted(v.role for v in result.used))
                    scaffold = render(dataclasses.replace(
                        intent, values={r: v for r, v in intent.values.items() if r != forgotten})).netlist
                    stale = ["scaffold:stale"] if scaffold != result.netlist else []
                pair = Pair("template", f"{kind} #{attempts}", request.description, result.netlist, kind,
                            tags=sorted(set(request.tags + [f"style:{request.style}"] + stale)),
                            requested={role: request.texts[role] for role in request.values},
                            intent=intent, scaffold=scaffold)
                self.counters["read"]["template"] += 1
                why = round_trip(request)
                if why:
                    self.reject(pair, "round-trip", why)
                    continue
                if self.admit(pair):
                    kept += 1

    def verify(self) -> None:
        """Checker in this thread, ngspice in a pool; then each source's requirement."""
        for pair in self.kept:
            errors = check(pair.response).errors
            pair.parses = not errors
            pair.errors = [f"line {d.range.start.line + 1}: {d.message}" for d in errors[:5]]
            used = render(pair.intent).used if pair.intent else []
            pair.missing = missing_values(pair.response, used) if pair.parses else []
        workers = self.args.workers or os.cpu_count() or 1
        to_run = [p for p in self.kept if p.parses]
        with ThreadPoolExecutor(max_workers=workers) as pool:
            results = list(pool.map(lambda p: simulate.run(p.response, timeout=self.args.sim_timeout), to_run))
        for pair, result in zip(to_run, results):
            pair.simulates = result.ok
            pair.values = {k: v for k, v in result.values.items() if math.isfinite(v)}
            pair.errors += [e.message for e in result.errors[:3]] + [f"refused: {r}" for r in result.refused[:3]]
            if result.timed_out:
                pair.errors.append(f"ngspice did not finish within {self.args.sim_timeout:g} s")
        survivors = []
        for pair in self.kept:
            need = "simulates" if pair.source == "template" else self.args.require
            if need in ("parses", "simulates") and not pair.parses:
                self.reject(pair, "does-not-parse", "; ".join(pair.errors[:3]))
            elif need == "simulates" and not pair.simulates:
                self.reject(pair, "does-not-simulate", "; ".join(pair.errors[:3]) or "no output")
            elif pair.source == "template" and pair.missing:
                self.reject(pair, "missing-values", ", ".join(pair.missing))
            else:
                survivors.append(pair)
        self.kept = survivors


def retrieve(pairs: list[Pair], enabled: bool) -> list[list[tuple]]:
    """The top-3 template examples for each description, as the assistant retrieves them
    (one embedder load and one batched search for all pairs)."""
    if not enabled or not pairs:
        return [[] for _ in pairs]
    from spice_lsp.generation.assistant import template_examples
    from spice_lsp.generation.retrieval import Retriever
    retriever = Retriever(template_examples())
    k = min(3, len(retriever.examples))
    scores, ids = retriever.index().search(retriever.embed([p.instruction for p in pairs]), k)
    return [[(retriever.examples[i], float(s)) for s, i in zip(row_s, row_i) if i >= 0]
            for row_s, row_i in zip(scores, ids)]


def split_kinds(pairs: list[Pair], args: DatasetArguments) -> set[str]:
    """The kinds held out for validation: the named ones, else whole kinds drawn at random until
    they hold --validation-fraction of the pairs (at least one kind, never all)."""
    counts = Counter(p.kind for p in pairs)
    if args.validation_kinds:
        unknown = sorted(set(args.validation_kinds) - set(counts))
        if unknown:
            raise UsageError(f"--validation-kinds: no kept pair has kind {', '.join(unknown)}")
        return set(args.validation_kinds)
    kinds = sorted(counts)
    if len(kinds) < 2 or args.validation_fraction <= 0:
        return set()
    random.Random(f"{args.seed}-split").shuffle(kinds)
    target = args.validation_fraction * sum(counts.values())
    held: set[str] = set()
    for kind in kinds:
        size = sum(counts[k] for k in held)
        if size >= target or len(held) == len(kinds) - 1:
            break
        if size + counts[kind] <= 2 * target:  # a kind far larger than the target stays in training
            held.add(kind)
    return held or {min(kinds, key=counts.__getitem__)}


def record(pair: Pair, examples: list[tuple]) -> dict:
    prompt = build_prompt(pair.intent or Intent(pair.instruction), pair.scaffold, examples)
    return {"id": pair.id, "source": pair.source, "origin": pair.origin, "kind": pair.kind,
            "instruction": pair.instruction, "response": pair.response, "hash": pair.hash,
            "parses": pair.parses, "simulates": pair.simulates, "values": pair.values,
            "errors": pair.errors, "missing_values": pair.missing, "requested": pair.requested,
            "tags": pair.tags,
            "prompt": {"system": prompt.system, "user": prompt.user, "answer_prefix": prompt.answer_prefix},
            "scaffold": pair.scaffold,
            "examples": [{"id": e.id, "description": e.description, "netlist": e.netlist, "kind": e.kind,
                          "score": round(score, 4)} for e, score in examples]}


# --- data card --------------------------------------------------------------------------------

def load_tokenizer(choice: str):
    """(tokenizer or None, what was used): the SmolLM2 tokenizer from the cached model copy
    (fast), else whitespace tokens; never the GGUF (dequantising it is slow)."""
    if choice == "whitespace":
        return None, "whitespace tokens (--tokenizer whitespace)"
    from spice_lsp.generation.lm import SMOLLM2, default_cache_dir
    cached = default_cache_dir() / "models" / SMOLLM2
    if not (cached / "tokenizer.json").is_file():
        return None, (f"whitespace tokens (the SmolLM2 tokenizer is not cached at {cached}; "
                      "load the model once with spice_lsp.generation.lm.load_model('smollm2-135m'))")
    try:
        from transformers import AutoTokenizer
        return AutoTokenizer.from_pretrained(cached), f"SmolLM2-135M tokenizer ({cached})"
    except Exception as error:  # a broken copy: count words instead, and say so
        return None, f"whitespace tokens (the SmolLM2 tokenizer failed to load: {error})"


def token_lengths(records: list[dict], tokenizer) -> dict[str, list[int]]:
    """Lengths of the description, the answer, the formatted prompt and prompt + answer."""
    if tokenizer is None:
        def count(texts, add=False):
            return [len(t.split()) for t in texts]
        prompts = [r["prompt"]["system"] + "\n" + r["prompt"]["user"] for r in records]
        answers = [r["response"] for r in records]
        special = False
    else:
        from spice_lsp.generation.lm import Prompt, format_training_example, uses_chat_template
        pairs = [format_training_example(tokenizer, Prompt(**r["prompt"]), r["response"]) for r in records]
        prompts, answers = [p for p, _ in pairs], [a for _, a in pairs]
        special = not uses_chat_template(tokenizer)

        def count(texts, add=False):
            return [len(ids) for ids in tokenizer(texts, add_special_tokens=add)["input_ids"]] if texts else []
    prompt_lengths, answer_lengths = count(prompts, special), count(answers)
    return {"description": count([r["instruction"] for r in records]), "netlist": answer_lengths,
            "prompt": prompt_lengths, "total": [a + b for a, b in zip(prompt_lengths, answer_lengths)]}


def _summary(values: list[int], limit: int = 384) -> dict:
    if not values:
        return {}
    ordered = sorted(values)
    pick = lambda q: ordered[min(len(ordered) - 1, int(q * len(ordered)))]  # noqa: E731
    return {"min": ordered[0], "p50": pick(0.5), "p90": pick(0.9), "max": ordered[-1],
            "mean": round(statistics.fmean(ordered), 1), f"over_{limit}": sum(v > limit for v in ordered)}


def data_card(train: list[dict], validation: list[dict], builder: Builder, held: set[str],
              tokenizer_note: str, lengths: dict, seconds: float, args: DatasetArguments) -> dict:
    everything = train + validation
    per_kind: dict[str, dict] = {}
    for r in everything:
        entry = per_kind.setdefault(r["kind"], {"split": "validation" if r["kind"] in held else "train",
                                                "total": 0, "by_source": Counter()})
        entry["total"] += 1
        entry["by_source"][r["source"].split(":")[0]] += 1
    sources = Counter(r["source"].split(":")[0] for r in everything)
    rates = {}
    for source in sources:
        rows = [r for r in everything if r["source"].split(":")[0] == source]
        rates[source] = {"pairs": len(rows), "parses": round(sum(r["parses"] for r in rows) / len(rows), 3),
                         "simulates": round(sum(r["simulates"] for r in rows) / len(rows), 3)}
    rejected: defaultdict[str, dict[str, int]] = defaultdict(dict)
    for (source, reason), n in sorted(builder.counters["rejected"].items()):
        rejected[reason][source] = n
    tags = Counter(t for r in everything for t in r["tags"])
    return {"counts": {"train": len(train), "validation": len(validation), "rejected": len(builder.rejected),
                       "read": dict(builder.counters["read"])},
            "validation_kinds": sorted(held), "per_kind": {k: {**v, "by_source": dict(v["by_source"])}
                                                           for k, v in sorted(per_kind.items())},
            "per_source": rates, "rejected_by_reason": dict(rejected), "phrasing_tags": dict(sorted(tags.items())),
            "token_counts": tokenizer_note, "lengths": {k: _summary(v) for k, v in lengths.items()},
            "benchmark_cases": {"files": [str(p) for p in builder.overlap.files], "cases": builder.overlap.cases,
                                "ngram": args.overlap_ngram},
            "retrieval": "top-3 template examples" if args.retrieval else "none",
            "build_seconds": round(seconds, 1)}


def card_markdown(card: dict) -> str:
    lines = ["# spice-lsp training data", "",
             f"{card['counts']['train']} training and {card['counts']['validation']} validation pairs; "
             f"{card['counts']['rejected']} rejected. Built in {card['build_seconds']} s.", "",
             "Validation holds out whole circuit kinds (generalisation to unseen families): "
             + (", ".join(card["validation_kinds"]) or "none") + ".", "",
             "## Sources", "", "| source | pairs | parses | simulates |", "| --- | --- | --- | --- |"]
    for source, r in sorted(card["per_source"].items()):
        lines.append(f"| {source} | {r['pairs']} | {r['parses']:.1%} | {r['simulates']:.1%} |")
    lines += ["", "## Per kind", "", "| kind | split | pairs | by source |", "| --- | --- | --- | --- |"]
    for kind, r in card["per_kind"].items():
        sources = ", ".join(f"{s} {n}" for s, n in sorted(r["by_source"].items()))
        lines.append(f"| {kind} | {r['split']} | {r['total']} | {sources} |")
    lines += ["", "## Rejected", "", "| reason | by source |", "| --- | --- |"]
    for reason, by_source in sorted(card["rejected_by_reason"].items()):
        lines.append(f"| {reason} | {', '.join(f'{s} {n}' for s, n in sorted(by_source.items()))} |")
    lines += ["", f"## Lengths ({card['token_counts']})", "", "| part | min | p50 | p90 | max | mean | over 384 |",
              "| --- | --- | --- | --- | --- | --- | --- |"]
    for part, s in card["lengths"].items():
        if s:
            cells = [s[k] for k in ("min", "p50", "p90", "max", "mean", "over_384")]
            lines.append(f"| {part} | " + " | ".join(map(str, cells)) + " |")
    lines += ["", "`total` is prompt (as formatted for the model, retrieved examples included) plus answer;",
              "training drops retrieved examples, then cuts the prompt's start, when it exceeds --max-length.",
              "", "## Phrasings (template pairs)", ""]
    lines += [f"- {tag}: {n}" for tag, n in card["phrasing_tags"].items()]
    bench = card["benchmark_cases"]
    lines += ["", "## Benchmark separation", "",
              f"No kept description shares a {bench['ngram']}-word span with any of the {bench['cases']} cases in: "
              + (", ".join(bench["files"]) or "(no case file found)") + "."]
    return "\n".join(lines) + "\n"


# --- main -------------------------------------------------------------------------------------

def _write_jsonl(path: Path, rows: list[dict]) -> None:
    with open(path, "w", encoding="utf-8") as out:
        for row in rows:
            out.write(json.dumps(row, ensure_ascii=False) + "\n")


def build(args: DatasetArguments) -> dict:
    started = time.perf_counter()
    random.seed(args.seed)
    out = Path(args.out)
    if inside_tracked_tree(out):
        raise UsageError(f"--out {out} is inside the repository and not ignored by git; "
                         "write the dataset under .cache/ (it may hold text that must stay out of the repo)")
    kinds = args.kinds or FAMILIES
    unknown = sorted(set(kinds) - set(FAMILIES))
    if unknown:
        raise UsageError(f"--kinds: unknown template families {', '.join(unknown)} "
                         f"(known: {', '.join(FAMILIES)})")
    if args.seed_file and not Path(args.seed_file).is_file():
        raise UsageError(f"--seed-file {args.seed_file}: no such file")
    builder = Builder(args)
    for path in args.extra:  # read every file before any work, so a bad line fails fast
        read_jsonl(path)
    for path in args.extra:
        builder.external(path, f"extra:{Path(path).name}")
    if args.seed_file:
        builder.external(args.seed_file, "seed", args.seed_limit)
    if args.per_family > 0:
        builder.templates(kinds)
    builder.verify()
    pairs = builder.kept
    if not pairs:
        raise UsageError("no pair survived the checks; see the reasons in rejected.jsonl")
    examples = retrieve(pairs, args.retrieval)
    records = [record(p, e) for p, e in zip(pairs, examples)]
    held = split_kinds(pairs, args)
    train = [r for r in records if r["kind"] not in held]
    validation = [r for r in records if r["kind"] in held]
    tokenizer, note = load_tokenizer(args.tokenizer)
    lengths = token_lengths(records, tokenizer)
    out.mkdir(parents=True, exist_ok=True)
    _write_jsonl(out / "train.jsonl", train)
    _write_jsonl(out / "validation.jsonl", validation)
    _write_jsonl(out / "rejected.jsonl", builder.rejected)
    card = data_card(train, validation, builder, held, note, lengths, time.perf_counter() - started, args)
    (out / "data_card.json").write_text(json.dumps(card, indent=2) + "\n", encoding="utf-8")
    (out / "data_card.md").write_text(card_markdown(card), encoding="utf-8")
    save_config(out / "dataset_config.json", args, validation_kinds=sorted(held),
                case_files=[str(p) for p in builder.overlap.files])
    return card


@cli
def main(argv: list[str] | None = None) -> dict:
    args = parse_args(DatasetArguments, argv, __doc__.split("\n\n")[0])
    card = build(args)
    counts = card["counts"]
    print(f"{counts['train']} train / {counts['validation']} validation pairs, {counts['rejected']} rejected "
          f"({', '.join(f'{k} {sum(v.values())}' for k, v in card['rejected_by_reason'].items()) or 'none'}); "
          f"validation kinds: {', '.join(card['validation_kinds'])}; {card['build_seconds']} s -> {args.out}")
    return card


if __name__ == "__main__":
    main()
