"""Score the reading job on a split of the reader dataset: the model's restatements, and the
pipeline's answers with the rules alone against rules + model.

    python -m training.reader_eval --data .cache/reader-dataset/heldout.jsonl \\
        --adapter spice_lsp/adapters/smollm2-135m-reader --out .cache/reader-eval-heldout.json

Per request (training/reader_dataset.py made it from a known family and values):
  reading    the model's restatement, as model_reader.read makes it (cross-checked), and whether
             the rules read it as the gold restatement (family, values, analyses, specs);
  rules      generate(request): served or refused, the family built, verified;
  model      generate(request, reader=model): the same, and whether the model's reading served.
"Right" means the answer is built from the request's family; "false verified" is an answer that
says verified but is built from another family. Prints a summary and writes every row to --out.
"""
from __future__ import annotations

import json
import math
import statistics
import time
from dataclasses import dataclass, field
from pathlib import Path

from .common import UsageError, cli, parse_args, read_jsonl, save_config


@dataclass
class ReaderEvalArguments:
    data: str = field(default=".cache/reader-dataset/heldout.jsonl", metadata={
        "help": "A JSONL split of training/reader_dataset.py (heldout.jsonl, validation.jsonl)."})
    adapter: str = field(default="", metadata={
        "help": "LoRA adapter directory ('' the shipped reader, 'none' the base model)."})
    base_model: str = field(default="smollm2-135m", metadata={"help": "Base model of the adapter."})
    out: str = field(default=".cache/reader-eval.json", metadata={"help": "Where the rows and summary go."})
    per_family: int = field(default=0, metadata={"help": "Score the first N requests of each family (0: all)."})
    function_only: bool = field(default=False, metadata={
        "help": "Only the requests that describe the circuit instead of naming it."})
    threads: int = field(default=1, metadata={"help": "torch CPU threads."})


def _reading(text: str) -> tuple | None:
    """What the rules read in a restatement: (family, values, analyses, specs)."""
    from spice_lsp.generation.intent import parse_intent
    from spice_lsp.generation.model_reader import family_named
    from spice_lsp.generation.request import read_request
    named = family_named(text)
    if named is None:
        return None
    intent = parse_intent(text)
    values = tuple(sorted((role, float(f"{v.value:.6g}")) for role, v in intent.values.items()))
    specs = tuple(sorted((s.quantity, float(f"{s.target:.6g}")) for s in read_request(text).specs))
    return named[0], values, tuple(a.directive for a in intent.analyses), specs


def _outcome(run) -> dict:
    from spice_lsp.generation.pipeline import CannotServe
    started = time.perf_counter()
    try:
        result = run()
    except CannotServe as refusal:
        return {"refused": True, "reason": str(refusal)[:200], "seconds": time.perf_counter() - started}
    return {"refused": False, "kind": result.intent.kind, "verified": result.verified, "backend": result.backend,
            "assumptions": result.assumptions[-1:], "seconds": time.perf_counter() - started}


def evaluate(args: ReaderEvalArguments) -> dict:
    from spice_lsp.generation import lm, model_reader
    from spice_lsp.generation.assistant import Assistant, GenerationOptions, resolve_adapter
    from spice_lsp.generation.pipeline import generate
    records = [r for _, r in read_jsonl(Path(args.data)) if not args.function_only or "function" in r.get("tags", [])]
    if args.per_family:
        by_kind: dict[str, list[dict]] = {}
        for r in records:
            by_kind.setdefault(r["kind"], []).append(r)
        records = [r for rows in by_kind.values() for r in rows[:args.per_family]]
    if not records:
        raise UsageError(f"{args.data}: no requests to score")
    adapter = resolve_adapter(args.adapter)
    reader = lm.TransformersBackend(args.base_model, adapter, threads=args.threads)
    retriever = Assistant(GenerationOptions()).retriever()
    reader.load()
    retriever.load()
    rows = []
    for record in records:
        request, gold, kind = record["instruction"], record["response"], record["kind"]
        candidates = [line[len("Known circuit: "):].partition(":")[0] for line in record["prompt"]["user"].split("\n")
                      if line.startswith("Known circuit: ")]
        reading = model_reader.read(request, reader, candidates)
        rules = _outcome(lambda: generate(request))  # noqa: B023 (called at once)
        model = _outcome(lambda: generate(request, reader=reader, retriever=retriever))  # noqa: B023
        rows.append({"request": request, "gold": gold, "kind": kind, "tags": record.get("tags", []),
                     "restatement": reading.text, "cross_check": reading.problems, "read_seconds": reading.seconds,
                     "read_tokens": reading.tokens,
                     "reads_as_gold": reading.ok and _reading(reading.text) == _reading(gold),
                     "family_right": reading.kind == kind, "rules": rules, "model": model})
        print(f"{kind}: {'=' if rows[-1]['reads_as_gold'] else 'x'} {reading.text!r} | rules "
              f"{_verdict(rules, kind)} | rules+model {_verdict(model, kind)}", flush=True)
    summary = summarise(rows)
    Path(args.out).parent.mkdir(parents=True, exist_ok=True)
    Path(args.out).write_text(json.dumps({"summary": summary, "rows": rows}, indent=1) + "\n", encoding="utf-8")
    save_config(Path(args.out).with_suffix(".config.json"), args, adapter=str(adapter))
    print(json.dumps(summary, indent=2))
    return summary


def _verdict(outcome: dict, kind: str) -> str:
    if outcome["refused"]:
        return "refused"
    right = "right" if outcome["kind"] == kind else f"wrong ({outcome['kind']})"
    return right + (" verified" if outcome["verified"] else "")


def summarise(rows: list[dict]) -> dict:
    def side(name: str) -> dict:
        outs = [(r[name], r["kind"]) for r in rows]
        times = sorted(o["seconds"] for o, _ in outs)
        return {"right": sum(not o["refused"] and o["kind"] == k for o, k in outs),
                "right_verified": sum(not o["refused"] and o["kind"] == k and o["verified"] for o, k in outs),
                "false_verified": sum(not o["refused"] and o["kind"] != k and o["verified"] for o, k in outs),
                "refused": sum(o["refused"] for o, _ in outs),
                "model_served": sum(o.get("backend") not in (None, "template") for o, _ in outs),
                "time_mean": round(statistics.fmean(times), 3),
                "time_p95": round(times[min(len(times) - 1, math.ceil(0.95 * len(times)) - 1)], 3)}
    return {"n": len(rows), "function_described": sum("function" in r["tags"] for r in rows),
            "reads_as_gold": sum(r["reads_as_gold"] for r in rows),
            "family_right": sum(r["family_right"] for r in rows),
            "cross_check_discarded": sum(bool(r["cross_check"]) for r in rows),
            "read_seconds_mean": round(statistics.fmean(r["read_seconds"] for r in rows), 3),
            "read_tokens_mean": round(statistics.fmean(r.get("read_tokens", 0) for r in rows), 1),
            "rules": side("rules"), "rules+model": side("model")}


@cli
def main(argv: list[str] | None = None) -> dict:
    return evaluate(parse_args(ReaderEvalArguments, argv, __doc__.split("\n\n")[0]))


if __name__ == "__main__":
    main()
