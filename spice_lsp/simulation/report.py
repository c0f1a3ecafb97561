"""What a simulation gives: plain data (the operating point, one-point results, `.meas` values
by line, problems by line, plot files), its text summary, and the inlay hints the editor shows
for it. Made by spice_lsp.simulation.run.simulate_file; its JSON form is the editor command's
answer and the CLI's --json output."""
from __future__ import annotations

import math
from dataclasses import asdict, dataclass, field

from spice_lsp.language import model as m

_PREFIXES = [(1e12, "T"), (1e9, "G"), (1e6, "M"), (1e3, "k"), (1, ""), (1e-3, "m"), (1e-6, "µ"),
             (1e-9, "n"), (1e-12, "p"), (1e-15, "f"), (1e-18, "a")]


def eng(value: float | None, unit: str = "") -> str:
    """Engineering notation with SI prefixes: eng(1587.8, "Hz") == "1.588 kHz"."""
    if value is None or not math.isfinite(value):
        return f"{value}" if value is None else f"{value:g} {unit}".strip()
    if value == 0:
        return f"0 {unit}".strip()
    scale, prefix = next(((s, p) for s, p in _PREFIXES if abs(value) >= s * 0.9995), _PREFIXES[-1])
    return f"{value / scale:.4g} {prefix}{unit}".strip()


@dataclass
class AnalysisLine:
    line: int  # 0-based first line of the statement
    end_line: int  # its last line (continuations)
    kind: str  # op ac dc tran ...
    text: str  # the statement as one line, e.g. ".ac dec 20 1 1meg"


@dataclass
class Measurement:
    name: str
    line: int  # 0-based line of the .meas statement
    kind: str  # the analysis it measures
    value: float | None  # None when ngspice gave no result
    unit: str = ""  # guessed from the statement: s or Hz for WHEN/TRIG, dB, V, A


@dataclass
class Problem:
    """Something to show at a line: an ngspice error, a refusal, a left-out command."""

    message: str
    line: int  # 0-based
    severity: str  # error | warning | information


@dataclass
class AnalysisRun:
    analysis: AnalysisLine | None  # None: the deck's own .control blocks
    ok: bool
    seconds: float
    plots: list[str] = field(default_factory=list)


@dataclass
class SimulationReport:
    ok: bool
    text: str = ""  # the human-readable summary
    plots: list[str] = field(default_factory=list)  # absolute paths
    problems: list[Problem] = field(default_factory=list)
    op: dict[str, float] = field(default_factory=dict)  # v(node) -> V, i(source) -> A
    results: dict[str, float] = field(default_factory=dict)  # other one-point results: "tf: output_impedance..."
    measurements: list[Measurement] = field(default_factory=list)
    runs: list[AnalysisRun] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)
    seconds: float = 0.0
    timed_out: bool = False
    cancelled: bool = False
    cached: bool = False
    isolation: str = ""  # the OS isolation ngspice ran under (spice_lsp.ngspice.isolation)

    @property
    def errors(self) -> list[str]:
        return [f"line {p.line + 1}: {p.message}" for p in self.problems if p.severity == "error"]

    def node_voltages(self) -> dict[str, float]:
        return {k[2:-1]: v for k, v in self.op.items() if k.startswith("v(")}

    def to_json(self) -> dict:
        """The editor command's answer: {ok, text, plots, errors} and the details."""
        return {"ok": self.ok, "text": self.text, "plots": self.plots, "errors": self.errors,
                "problems": [asdict(p) for p in self.problems], "op": self.op, "results": self.results,
                "measurements": [asdict(x) for x in self.measurements], "notes": self.notes,
                "seconds": round(self.seconds, 3), "timed_out": self.timed_out,
                "cancelled": self.cancelled, "cached": self.cached, "isolation": self.isolation}

    @classmethod
    def from_json(cls, data: dict) -> SimulationReport:
        return cls(ok=data["ok"], text=data["text"], plots=data["plots"],
                   problems=[Problem(**p) for p in data["problems"]], op=data["op"], results=data["results"],
                   measurements=[Measurement(**x) for x in data["measurements"]], notes=data["notes"],
                   seconds=data["seconds"], timed_out=data["timed_out"], cancelled=data["cancelled"],
                   isolation=data.get("isolation", ""))


def summary(report: SimulationReport, with_problems: bool = True) -> str:
    """The op table, .meas values, plots and (unless the caller lists them) problems as text."""
    out = []
    voltages = report.node_voltages()
    currents = {k[2:-1]: v for k, v in report.op.items() if k.startswith("i(")}
    if voltages:
        width = max(len(n) for n in [*voltages, *currents, "source"])
        out += ["Operating point", f"  {'node':<{width}}  voltage"]
        out += [f"  {n:<{width}}  {eng(v, 'V')}" for n, v in voltages.items()]
        if currents:
            out += [f"  {'source':<{width}}  current"]
            out += [f"  {n:<{width}}  {eng(v, 'A')}" for n, v in currents.items()]
    if report.results:
        out += ["Results"] + [f"  {name} = {value:.6g}" for name, value in report.results.items()]
    if report.measurements:
        out += ["Measurements"]
        out += [f"  {x.name} = {eng(x.value, x.unit) if x.value is not None else 'no result'}  (line {x.line + 1})"
                for x in report.measurements]
    if report.plots:
        out += ["Plots"] + [f"  {p}" for p in report.plots]
    out += [f"  {note}" for note in report.notes]
    if report.problems and with_problems:
        out += ["Problems"] + [f"  line {p.line + 1}: {p.severity}: {p.message}" for p in report.problems]
    runs = ", ".join(f"{r.analysis.text if r.analysis else '.control'} {r.seconds:.2f} s" for r in report.runs)
    state = "ok" if report.ok else "cancelled" if report.cancelled else "timed out" if report.timed_out else "failed"
    out += [f"Simulation {state}" + (f": {runs}" if runs else "") + (" (cached)" if report.cached else "")]
    return "\n".join(out)


@dataclass
class Hint:
    position: m.Position  # where the label goes (after a node name, at a .meas line's end)
    label: str
    tooltip: str


def inlay_hints(report: SimulationReport, netlist: m.Netlist, text: str) -> list[Hint]:
    """Operating-point voltages after the node names of top-level elements (each node once a
    line) and `.meas` values at the end of their lines."""
    from spice_lsp.language.elements import layout
    hints = []
    voltages = {k.lower(): v for k, v in report.node_voltages().items()}
    models = {x.key for x in netlist.models}
    for element in netlist.elements if voltages else []:
        shown = set()
        for node in layout(element, models).nodes:
            key = node.text.lower()
            if key in voltages and (node.range.end.line, key) not in shown:
                shown.add((node.range.end.line, key))
                hints.append(Hint(node.range.end, f": {eng(voltages[key], 'V')}",
                                  f"operating point: v({node.text}) = {voltages[key]:.6g} V"))
    lines = text.split("\n")
    for x in report.measurements:
        statement = next((a for a in netlist.analyses if a.range.start.line == x.line), None)
        end = statement.range.end if statement else m.Position(x.line, len(lines[x.line]) if x.line < len(lines) else 0)
        label = f"= {eng(x.value, x.unit)}" if x.value is not None else "= no result"
        hints.append(Hint(end, label, f".meas {x.kind} {x.name} = {x.value!r}"))
    return sorted(hints, key=lambda h: h.position)
