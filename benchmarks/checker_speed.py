"""Checker speed on a generated netlist, in process:
`python -m benchmarks.checker_speed [--lines 10000] [--json OUT]`.

Prints the time of a full check, of a re-check after a one-line edit (in place, in the
middle, and one that inserts a line at the top, so that every statement below moves), the
grammar's start-up time, and ngspice parsing the same file, with the ratio. Numbers are the
best of --repeat runs. The `*_cpu_s` figures are the same work in this process's CPU time:
the code's own cost, which the machine's load (other processes on the same cores) does not
inflate as it does the wall-clock ones. benchmarks/editor_latency.py measures over stdio.
"""
from __future__ import annotations

import argparse
import json
import shutil
import subprocess
import tempfile
import time
from pathlib import Path

from spice_lsp.language.checks import Checker
from spice_lsp.language.parser import load_grammar


def ladder_netlist(stages: int) -> str:
    """An RC ladder with diodes and a few subcircuit calls: every node has two connections."""
    lines = [f"{stages}-stage RC ladder", "V1 n0 0 DC 1 AC 1 PULSE(0 1 0 1n 1n 5u 10u)",
             ".subckt clamp a k", "D1 a k dclamp", "R1 a k 1meg", ".ends clamp"]
    for i in range(stages):
        lines.append(f"R{i} n{i} n{i + 1} {1 + i % 97}k")
        if i % 10 == 9:
            lines.append(f"X{i} n{i + 1} 0 clamp")
        else:
            lines.append(f"C{i} n{i + 1} 0 {1 + i % 89}n")
    lines += [f"Rload n{stages} 0 10k", ".model dclamp D(is=1e-14 n=1.05)", ".tran 1u 100u",
              ".ac dec 10 1 1meg", ".end"]
    return "\n".join(lines) + "\n"


def with_bad_values(text: str, every: int = 10) -> str:
    """The netlist with the value of every `every`-th line's resistor unreadable ('1.2.3'):
    one error each, so that converting and sending diagnostics is part of what is timed."""
    lines = text.split("\n")
    for i in range(every, len(lines), every):
        words = lines[i].split()
        if words and words[0].startswith("R") and len(words) == 4:
            lines[i] = " ".join(words[:3] + ["1.2.3"])
    return "\n".join(lines)


def best_of(repeat: int, fn, clock=time.perf_counter) -> float:
    best = float("inf")
    for _ in range(repeat):
        start = clock()
        fn()
        best = min(best, clock() - start)
    return best


def recheck_seconds(checker: Checker, before: str, after: str, repeat: int, clock=time.perf_counter) -> float:
    """Best time to re-check `after` when the checker last saw `before`."""
    best = float("inf")
    for _ in range(repeat):
        checker.check(before)
        start = clock()
        checker.check(after)
        best = min(best, clock() - start)
    return best


def ngspice_parse_seconds(text: str, repeat: int) -> float | None:
    """ngspice reading the same deck with its analyses removed (parse and set-up only)."""
    ngspice = shutil.which("ngspice")
    if ngspice is None:
        return None
    deck = "\n".join(line for line in text.splitlines() if not line.startswith((".tran", ".ac")))
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "deck.cir"
        path.write_text(deck)
        return best_of(repeat, lambda: subprocess.run([ngspice, "-b", str(path)], cwd=tmp,
                                                      capture_output=True, timeout=120))


def main(argv: list[str] | None = None) -> dict:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--lines", type=int, default=10_000, help="element lines to generate")
    parser.add_argument("--repeat", type=int, default=5, help="runs per figure; the best is kept")
    parser.add_argument("--json", help="also write the figures to this JSON file")
    args = parser.parse_args(argv)

    start = time.perf_counter()
    load_grammar()
    startup = time.perf_counter() - start
    text = ladder_netlist(args.lines // 2)
    lines = text.split("\n")
    middle = len(lines) // 2
    edited = lines[:]
    edited[middle] = edited[middle].replace("k", "0k", 1) if "k" in edited[middle] else edited[middle] + " "
    edited_text = "\n".join(edited)
    inserted_text = "\n".join(lines[:1] + ["Rextra n1 0 1k"] + lines[1:])

    full = best_of(args.repeat, lambda: Checker().check(text))
    checker = Checker()
    diagnostics = len(checker.check(text).diagnostics)
    in_place = recheck_seconds(checker, text, edited_text, args.repeat)
    line_insert = recheck_seconds(checker, text, inserted_text, args.repeat)
    full_cpu = best_of(args.repeat, lambda: Checker().check(text), time.process_time)
    line_insert_cpu = recheck_seconds(checker, text, inserted_text, args.repeat, time.process_time)
    ngspice = ngspice_parse_seconds(text, max(1, args.repeat // 2))
    figures = {
        "lines": len(lines), "diagnostics": diagnostics, "grammar_startup_s": round(startup, 4),
        "full_check_s": round(full, 4), "recheck_one_line_edit_s": round(in_place, 4),
        "recheck_line_inserted_s": round(line_insert, 4),
        "full_check_cpu_s": round(full_cpu, 4), "recheck_line_inserted_cpu_s": round(line_insert_cpu, 4),
        "ngspice_parse_s": round(ngspice, 4) if ngspice is not None else None,
        "full_check_vs_ngspice": round(full / ngspice, 2) if ngspice else None,
    }
    width = max(map(len, figures))
    for key, value in figures.items():
        print(f"{key:<{width}}  {value}")
    if args.json:
        Path(args.json).parent.mkdir(parents=True, exist_ok=True)
        Path(args.json).write_text(json.dumps(figures, indent=2) + "\n")
    return figures


if __name__ == "__main__":
    main()
