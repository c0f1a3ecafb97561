"""Generation quality and speed: does every output parse, simulate and carry the values asked for?

    python benchmarks/generation.py [--backend template] [--cases ../shared/seed/test_cases.json]
                                    [--json OUT]

Cases are the reference's 21 descriptions (when ../shared is present) and one request per
circuit family written from its template's parameters. Prints one row per case set and
writes the per-case results as JSON. The full benchmark with the reference metrics is
`python -m training.bench` (a later issue); this script measures what the generator promises.
"""
from __future__ import annotations

import argparse
import json
import statistics
import time
from pathlib import Path

from spice_lsp.generation.assistant import Assistant, GenerationOptions
from spice_lsp.generation.families import FAMILIES, roles
from spice_lsp.generation.pipeline import CannotServe
from spice_lsp.language.units import format_eng

REFERENCE_CASES = Path(__file__).resolve().parents[2] / "shared" / "seed" / "test_cases.json"
UNITS = {"R": "ohm", "C": "F", "L": "H", "V": "V", "I": "A", "F": "Hz", "W": "m"}


def family_cases() -> list[dict]:
    """One description per family, asking for non-default values of its first roles."""
    cases = []
    for kind, template in FAMILIES.items():
        if kind == "generic":
            continue
        asked = [(role, default) for role, default in roles(kind).items() if role != "DUTY"][:3]
        values = ", ".join(f"{role}={format_eng(default * 2)}{UNITS.get(role[0], '')}"
                           for role, default in asked)
        cases.append({"id": kind, "category": "family", "description": f"{template.summary}, {values}"})
    return cases


def run(cases: list[dict], assistant: Assistant) -> list[dict]:
    rows = []
    for case in cases:
        start = time.perf_counter()
        try:
            result = assistant.generate(case["description"])
        except CannotServe as error:
            rows.append({"id": case["id"], "served": False, "reason": str(error),
                         "seconds": time.perf_counter() - start})
            continue
        final = next(c for c in reversed(result.candidates) if c.netlist == result.netlist)
        v = final.verification
        rows.append({"id": case["id"], "served": True, "kind": result.intent.kind,
                     "backend": result.backend, "parses": v.parses, "simulates": v.simulates,
                     "values_present": not v.missing_values, "missing": v.missing_values,
                     "seconds": time.perf_counter() - start, "netlist": result.netlist})
    return rows


def summary(name: str, rows: list[dict]) -> dict:
    served = [r for r in rows if r["served"]]
    share = lambda key: sum(r[key] for r in served) / len(served) if served else 0.0  # noqa: E731
    times = [r["seconds"] for r in rows]
    from_model = sum(r["backend"] != "template" for r in served) / len(served) if served else 0.0
    return {"cases": name, "n": len(rows), "served": len(served), "from_model": from_model,
            "parses": share("parses"),
            "simulates": share("simulates"), "values_present": share("values_present"),
            "mean_s": statistics.mean(times), "p95_s": sorted(times)[int(0.95 * (len(times) - 1))]}


def main(argv=None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--backend", default="template", choices=["template", "transformers", "openai"])
    parser.add_argument("--adapter", default="", help="LoRA adapter for the transformers backend")
    parser.add_argument("--cases", type=Path, default=REFERENCE_CASES)
    parser.add_argument("--json", type=Path, help="write per-case results here")
    args = parser.parse_args(argv)
    assistant = Assistant(GenerationOptions(backend=args.backend, adapter=args.adapter))
    sets = {"families": family_cases()}
    if args.cases.exists():
        sets["reference"] = [{"id": c["id"], "description": c["description"]}
                             for c in json.loads(args.cases.read_text())]
    else:
        print(f"({args.cases} not found: reference cases skipped)")
    results = {name: run(cases, assistant) for name, cases in sets.items()}
    table = [summary(name, rows) for name, rows in results.items()]
    print(f"backend: {args.backend}")
    print(f"{'cases':<10} {'n':>3} {'served':>6} {'model':>6} {'parses':>7} {'simulates':>9} {'values':>7} "
          f"{'mean s':>7} {'p95 s':>7}")
    for row in table:
        print(f"{row['cases']:<10} {row['n']:>3} {row['served']:>6} {row['from_model']:>6.2f} {row['parses']:>7.2f} "
              f"{row['simulates']:>9.2f} {row['values_present']:>7.2f} {row['mean_s']:>7.3f} {row['p95_s']:>7.3f}")
    if args.json:
        args.json.parent.mkdir(parents=True, exist_ok=True)
        args.json.write_text(json.dumps({"backend": args.backend, "summary": table, "cases": results}, indent=2))


if __name__ == "__main__":
    main()
