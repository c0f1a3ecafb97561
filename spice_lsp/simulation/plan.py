"""What a netlist asks a simulation for, and what to run: its dot analyses, its `.meas`
statements, the vectors it names, and one run per analysis (or, opted in, one run of the deck's
own .control blocks). Read from the parse the sandbox deck was written from: the text is parsed
once per simulation."""
from __future__ import annotations

import re
from dataclasses import dataclass
from typing import NamedTuple

from spice_lsp.language import model as m
from spice_lsp.ngspice import deck as decks
from spice_lsp.ngspice.runner import NOT_RUN
from spice_lsp.simulation.report import AnalysisLine, Problem

RUNNABLE = ("op", "dc", "ac", "tran", "noise", "tf", "sens", "pz", "disto", "sp")


def _statement_text(text_lines: list[str], st: m.Statement) -> str:
    parts = [text_lines[n].strip() for n in range(st.range.start.line, st.range.end.line + 1)]
    return " ".join(p[1:].strip() if p.startswith("+") else p for p in parts if p and p[0] not in "*")


def analysis_lines(text: str, netlist: m.Netlist) -> list[AnalysisLine]:
    """The dot analyses ngspice can run of `text` parsed as `netlist`, in file order (not those
    inside a subcircuit)."""
    lines = text.split("\n")
    return [AnalysisLine(a.range.start.line, a.range.end.line, a.kind, _statement_text(lines, a))
            for a in netlist.body if isinstance(a, m.Analysis) and a.kind in RUNNABLE]


class MeasureStatement(NamedTuple):
    name: str  # lower case
    kind: str  # the analysis it measures
    line: int  # 0-based line of the .meas statement
    unit: str  # guessed from the statement: s or Hz for WHEN/TRIG, dB, V, A


def measure_statements(netlist: m.Netlist) -> dict[str, MeasureStatement]:
    """Each `.meas <kind> <name> ...` by name (the first of a name, as ngspice reports it)."""
    found: dict[str, MeasureStatement] = {}
    for st in netlist.analyses:
        words = [f.text for f in st.args if f.kind in ("word", "expr")]
        if st.kind == "meas" and len(words) >= 2:
            kind, rest = words[0].lower(), re.sub(r"\s+\(", "(", " ".join(f.text.lower() for f in st.args[2:]))
            unit = ("" if kind == "dc" else {"tran": "s", "ac": "Hz"}.get(kind, "")) \
                if re.search(r"\b(when|trig|targ)\b", rest) else \
                "dB" if re.search(r"\bv?db\(", rest) else "V" if re.search(r"\bv\w?\(", rest) else \
                "A" if re.search(r"\bi\w?\(", rest) else ""
            found.setdefault(words[1].lower(), MeasureStatement(words[1].lower(), kind, st.range.start.line, unit))
    return found


def wanted_vectors(netlist: m.Netlist) -> list[str]:
    """Vectors the deck names in .save/.print/.plot/.probe, as rawfile names (v(out), i(v1))."""
    names = []
    for st in netlist.statements:
        if isinstance(st, m.Directive) and st.name in (".save", ".print", ".plot", ".probe"):
            for f in st.args:
                text = f.text.lower().replace(" ", "")
                if found := re.fullmatch(r"(v|i)(?:db|m|p|r|i|ph)?\(([^,()]+)\)", text):
                    names.append(f"{found.group(1)}({found.group(2)})")
    return list(dict.fromkeys(names))


@dataclass
class Plan:
    jobs: list[AnalysisLine | None]  # None: the deck once, with its own .control blocks
    analyses: list[AnalysisLine]
    problems: list[Problem]  # the .control blocks not run; why nothing runs


def plan(deck: decks.Deck, text: str, line: int | None, run_control: bool) -> Plan:
    """What to run: the analysis on `line`, else each analysis, else (opted in, a deck with
    .control blocks) the deck once with them. No jobs, with the reason, when nothing can run."""
    problems = [] if run_control else [Problem(NOT_RUN, n, "information") for n in deck.controls]
    analyses = analysis_lines(text, deck.netlist)
    jobs: list[AnalysisLine | None]
    if line is not None:
        jobs = [a for a in analyses if a.line <= line <= a.end_line]
        missing = Problem(f"no analysis on line {line + 1}", line, "error")
    elif run_control and deck.controls:
        jobs = [None]
    else:
        jobs = list(analyses)
        missing = Problem("nothing to simulate: no .op, .ac, .dc, .tran or other analysis"
                          + (" outside the .control block, which is not run" if deck.controls else ""), 0, "error")
    return Plan(jobs, analyses, problems + ([missing] if not jobs else []))
