"""Simulation in the editor and on the command line: run a netlist's analyses in the sandboxed
ngspice (spice_lsp.ngspice.runner), read every plot ngspice wrote, and return plain data: the
operating point, `.meas` results by line, errors by line, one plot file per analysis.

    report = simulate_file(text, path=Path("amp.cir"), allowed_dirs=[...])        # every analysis
    report = simulate_file(text, path=..., line=12)                           # the one on line 12

Each dot analysis runs on its own (the others commented out, so line numbers keep): ngspice's
batch `run` evaluates `.meas` only for the analysis run last, and one run per analysis lets
progress and cancellation act between them. A deck's own `.control` blocks are not run (a note
says so) unless `SimulationOptions.run_control` opts in: then the deck runs once with them, only
under OS isolation (its file-writing commands left out), and every plot it makes is drawn.
Results are cached by content (the deck ngspice reads, with its included files inlined, the
analysis asked for, the plot format) under `lm.default_cache_dir() / "simulations"`, so asking
again is instant; the key is computed after the safety decision, from files it allowed."""
from __future__ import annotations

import hashlib
import json
import math
import os
import re
import shutil
import threading
import time
from array import array
from collections.abc import Sequence
from dataclasses import asdict, dataclass, field
from pathlib import Path

from spice_lsp import __version__
from spice_lsp.language import model as m
from spice_lsp.language.parser import parse
from spice_lsp.ngspice import deck as decks
from spice_lsp.ngspice import runner as simulate
from spice_lsp.paths import default_cache_dir

try:
    import numpy  # with matplotlib: plots; without, the values still come back
except ImportError:
    numpy = None  # type: ignore[assignment]

MAX_CACHED = 200  # simulations kept in the cache; the least recently used go first
RUNNABLE = ("op", "dc", "ac", "tran", "noise", "tf", "sens", "pz", "disto", "sp")
# .control commands that only write files or draw: left out (with a note), the rest runs.
OUTPUT_COMMANDS = frozenset("write wrdata wrs2p hardcopy gnuplot xgraph plot asciiplot".split())
MAX_SIGNALS = 8  # lines per plot when the deck names none (.save/.print/.plot/.probe)
_PLOT_KINDS = {"transient analysis": "tran", "ac analysis": "ac", "dc transfer characteristic": "dc",
               "operating point": "op", "noise spectral density curves": "noise", "integrated noise": "noise",
               "transfer function": "tf", "sensitivity analysis": "sens", "pole-zero analysis": "pz",
               "distortion - 2nd harmonic": "disto", "s-parameter analysis": "sp"}
_PREFIXES = [(1e12, "T"), (1e9, "G"), (1e6, "M"), (1e3, "k"), (1, ""), (1e-3, "m"), (1e-6, "µ"),
             (1e-9, "n"), (1e-12, "p"), (1e-15, "f"), (1e-18, "a")]
_THEME = "#123457"  # drawn in this colour, then written as `currentColor` (see _theme_aware)


def eng(value: float | None, unit: str = "") -> str:
    """Engineering notation with SI prefixes: eng(1587.8, "Hz") == "1.588 kHz"."""
    if value is None or not math.isfinite(value):
        return f"{value}" if value is None else f"{value:g} {unit}".strip()
    if value == 0:
        return f"0 {unit}".strip()
    scale, prefix = next(((s, p) for s, p in _PREFIXES if abs(value) >= s * 0.9995), _PREFIXES[-1])
    return f"{value / scale:.4g} {prefix}{unit}".strip()


# ---------------------------------------------------------------------------------------
# What the netlist asks for

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


def _statement_text(text_lines: list[str], st: m.Statement) -> str:
    parts = [text_lines[n].strip() for n in range(st.range.start.line, st.range.end.line + 1)]
    return " ".join(p[1:].strip() if p.startswith("+") else p for p in parts if p and p[0] not in "*")


def analysis_lines(text: str, netlist: m.Netlist | None = None) -> list[AnalysisLine]:
    """The dot analyses ngspice can run, in file order (not those inside a subcircuit)."""
    netlist = netlist or parse(text).netlist
    lines = text.split("\n")
    return [AnalysisLine(a.range.start.line, a.range.end.line, a.kind, _statement_text(lines, a))
            for a in netlist.body if isinstance(a, m.Analysis) and a.kind in RUNNABLE]


def _measure_statements(netlist: m.Netlist) -> list[tuple[str, str, int, str]]:
    """(name, analysis kind, line, unit) of each `.meas <kind> <name> ...`."""
    found = []
    for st in netlist.analyses:
        words = [f.text for f in st.args if f.kind in ("word", "expr")]
        if st.kind == "meas" and len(words) >= 2:
            kind, rest = words[0].lower(), re.sub(r"\s+\(", "(", " ".join(f.text.lower() for f in st.args[2:]))
            unit = ("" if kind == "dc" else {"tran": "s", "ac": "Hz"}.get(kind, "")) \
                if re.search(r"\b(when|trig|targ)\b", rest) else \
                "dB" if re.search(r"\bv?db\(", rest) else "V" if re.search(r"\bv\w?\(", rest) else \
                "A" if re.search(r"\bi\w?\(", rest) else ""
            found.append((words[1].lower(), kind, st.range.start.line, unit))
    return found


# ---------------------------------------------------------------------------------------
# ngspice's rawfile

@dataclass
class RawPlot:
    title: str
    plotname: str
    kind: str  # tran ac dc op noise ... ("" when unknown)
    variables: list[tuple[str, str]]  # (name, type): the first is the scale (time, frequency...)
    data: dict = field(default_factory=dict)  # name -> numpy array (complex for AC)

    @property
    def scale(self):
        return self.data[self.variables[0][0]]


def read_raw(raw: bytes) -> list[RawPlot]:
    """Every plot of a binary (or ASCII) rawfile as written by ngspice's `write`. Columns are numpy
    arrays when numpy is installed, else lists: the op table and values need no numpy."""
    plots, at = [], 0
    while at < len(raw):
        header: dict[str, str] = {}
        variables: list[tuple[str, str]] = []
        while at < len(raw):
            end = raw.find(b"\n", at)
            end = len(raw) if end < 0 else end
            line = raw[at:end].decode("utf-8", "replace")
            at = end + 1
            if line.startswith("\t") or (header.get("variables") is not None and line[:1].isspace()):
                words = line.split()
                if len(words) >= 3:
                    variables.append((words[1].lower(), words[2].lower()))
                continue
            key, _, value = line.partition(":")
            key = key.strip().lower()
            header[key] = value.strip()
            if key in ("binary", "values"):
                break
        if "binary" not in header and "values" not in header:
            break
        points = int(header.get("no. points", "0"))
        is_complex = "complex" in header.get("flags", "").lower()
        width = len(variables) * (2 if is_complex else 1)
        values = array("d")  # ngspice writes doubles in the machine's byte order
        if "binary" in header:
            values.frombytes(raw[at:at + points * width * 8])
            at += points * width * 8
        else:  # ASCII: "index<TAB>value" then one value a line; complex as "re,im"
            numbers = []
            for _ in range(points * len(variables)):
                end = raw.find(b"\n", at)
                end = len(raw) if end < 0 else end
                numbers += [float(x) for x in raw[at:end].split()[-1].split(b",")]
                at = end + 1
            values.extend(numbers)
        columns: list  # of doubles, complex numbers, or numpy arrays
        if is_complex:
            columns = [[complex(re_, im) for re_, im in zip(values[2 * i::width], values[2 * i + 1::width])]
                       for i in range(len(variables))]
        else:
            columns = [values[i::width] for i in range(len(variables))]
        if numpy is not None:
            columns = [numpy.asarray(c) for c in columns]
        plotname = header.get("plotname", "")
        plots.append(RawPlot(header.get("title", ""), plotname, _PLOT_KINDS.get(plotname.lower(), ""),
                             variables, dict(zip((name for name, _ in variables), columns))))
    return [p for p in plots if p.plotname.lower() != "constants"]


# ---------------------------------------------------------------------------------------
# Plots

def _wanted(netlist: m.Netlist) -> list[str]:
    """Vectors the deck names in .save/.print/.plot/.probe, as rawfile names (v(out), i(v1))."""
    names = []
    for st in netlist.statements:
        if isinstance(st, m.Directive) and st.name in (".save", ".print", ".plot", ".probe"):
            for f in st.args:
                text = f.text.lower().replace(" ", "")
                if found := re.fullmatch(r"(v|i)(?:db|m|p|r|i|ph)?\(([^,()]+)\)", text):
                    names.append(f"{found.group(1)}({found.group(2)})")
    return list(dict.fromkeys(names))


def _signals(plot: RawPlot, wanted: list[str]) -> tuple[list[str], int]:
    """The vectors to draw, and how many could have been."""
    import numpy as np
    names = [n for n, _ in plot.variables[1:]]
    chosen = [n for n in wanted if n in plot.data]
    if chosen:
        return chosen[:MAX_SIGNALS], len(chosen)
    voltages = [n for n, kind in plot.variables[1:] if kind == "voltage" and "." not in n and "#" not in n]
    candidates = voltages or names
    varying = [n for n in candidates if np.ptp(np.abs(plot.data[n])) > 1e-9 * (np.max(np.abs(plot.data[n])) + 1e-30)]
    pool = varying or candidates
    named = [n for n in pool if re.search(r"out", n)][:MAX_SIGNALS]
    rest = [n for n in pool if n not in named]
    room = MAX_SIGNALS - len(named)  # the others spread evenly from first to last node
    spread = rest if len(rest) <= room else [rest[round(k * (len(rest) - 1) / max(room - 1, 1))] for k in range(room)]
    return named + [n for n in rest if n in spread], len(pool)


def _unit(name: str, kind: str = "") -> str:
    if kind in ("time",) or name == "time":
        return "s"
    if kind == "frequency" or name == "frequency":
        return "Hz"
    if name.startswith("i(") or kind == "current" or name.endswith("#branch"):
        return "A"
    if "temp" in name:
        return "°C"
    return "V"


def minus_3db_points(frequency, values) -> list[float]:
    """Frequencies where |values| falls or rises through 3 dB below its maximum (log-interpolated)."""
    import numpy as np
    db = 20 * np.log10(np.maximum(np.abs(values), 1e-300))
    level = float(np.max(db)) - 3.0103
    found = []
    for k in range(len(db) - 1):
        a, b = db[k] - level, db[k + 1] - level
        if a == 0 or a * b < 0:
            f0, f1 = math.log10(max(frequency[k], 1e-300)), math.log10(max(frequency[k + 1], 1e-300))
            found.append(10 ** (f0 + (f1 - f0) * (a / (a - b) if a != b else 0)))
    return found


def _theme_aware(svg: str) -> str:
    """Text and axes in `currentColor` on a transparent ground: an SVG placed inline in VS Code's
    webview takes the editor's foreground colour; as a file it falls back to dark grey."""
    svg = svg.replace(_THEME, "currentColor")
    return re.sub(r"<svg ", '<svg style="color: var(--vscode-editor-foreground, #333333)" ', svg, count=1)


def draw(plot: RawPlot, wanted: list[str], target: Path, title: str, sweep: str = "") -> list[str]:
    """Write one plot (SVG or PNG by suffix); returns notes (the -3 dB points, signals left out).
    `sweep` names what a DC analysis sweeps (V1, I2, temp)."""
    import matplotlib
    matplotlib.use("Agg", force=False)
    import matplotlib.pyplot as plt
    import numpy as np
    from matplotlib.ticker import EngFormatter

    svg = target.suffix.lower() == ".svg"
    colour = _THEME if svg else "#222222"
    style = {"text.color": colour, "axes.labelcolor": colour, "axes.edgecolor": colour,
             "xtick.color": colour, "ytick.color": colour, "grid.color": colour, "grid.alpha": 0.25,
             "svg.fonttype": "none", "font.size": 9, "legend.frameon": False}
    signals, available = _signals(plot, wanted)
    notes = [] if available <= len(signals) else [
        f"{title}: drew {len(signals)} of {available} signals; name the ones you want with .save or .print"]
    scale_name, scale_kind = plot.variables[0]
    x = np.real(plot.scale)
    with plt.rc_context(style):  # type: ignore[arg-type]  # matplotlib types the keys as literals
        if plot.kind == "ac":
            fig, (mag, phase) = plt.subplots(2, 1, sharex=True, figsize=(7.5, 5.2))
            for name in signals:
                values = plot.data[name]
                peak = 20 * np.log10(max(float(np.max(np.abs(values))), 1e-300))
                corners = minus_3db_points(x, values)
                label = name + "".join(f", −3 dB at {eng(f3, 'Hz')}" for f3 in corners[:2])
                line, = mag.semilogx(x, 20 * np.log10(np.maximum(np.abs(values), 1e-300)), label=label)
                phase.semilogx(x, np.degrees(np.unwrap(np.angle(values))), color=line.get_color())
                for f3 in corners:
                    mag.plot([f3], [peak - 3.0103], "o", color=line.get_color(), markersize=5)
                    if len(signals) == 1:
                        mag.annotate(f"−3 dB: {eng(f3, 'Hz')}", (f3, peak - 3.0103), textcoords="offset points",
                                     xytext=(6, 6), fontsize=8)
                    notes.append(f"{title}: {name} is 3 dB below its peak at {eng(f3, 'Hz')}")
            mag.set_ylabel("magnitude (dB)")
            phase.set_ylabel("phase (°)")
            phase.set_xlabel("frequency")
            phase.xaxis.set_major_formatter(EngFormatter(unit="Hz"))
            axes: tuple = (mag, phase)
        else:
            fig, ax = plt.subplots(figsize=(7.5, 4.2))
            units = {_unit(n, dict(plot.variables).get(n, "")) for n in signals}
            for name in signals:
                ax.plot(x, np.real(plot.data[name]), label=name)
            unit = units.pop() if len(units) == 1 else ""
            ax.set_ylabel({"V": "voltage", "A": "current"}.get(unit, "value"))
            ax.yaxis.set_major_formatter(EngFormatter(unit=unit))
            x_unit = _unit(scale_name, scale_kind)
            if plot.kind == "dc" and sweep:
                x_unit = {"i": "A", "v": "V"}.get(sweep[0].lower(), "°C" if sweep.lower() == "temp" else "")
            ax.set_xlabel({"tran": "time", "dc": f"{sweep or scale_name} (swept)"}.get(plot.kind, scale_name))
            ax.xaxis.set_major_formatter(EngFormatter(unit=x_unit))
            if plot.kind == "noise" and np.all(x > 0):
                ax.set_xscale("log")
            axes = (ax,)
        for ax in axes:
            ax.grid(True, which="major")
            ax.set_facecolor("none")
        axes[0].set_title(title)
        axes[0].legend(loc="best", fontsize=8)
        fig.patch.set_alpha(0 if svg else 1)
        # Fixed margins: tight_layout would draw the whole figure once more (half the time).
        fig.subplots_adjust(left=0.12, right=0.98, top=0.93, bottom=0.1 if plot.kind == "ac" else 0.12,
                            hspace=0.08)
        target.parent.mkdir(parents=True, exist_ok=True)
        fig.savefig(target, transparent=svg, dpi=120)
        plt.close(fig)
    if svg:
        target.write_text(_theme_aware(target.read_text(encoding="utf-8")), encoding="utf-8")
    return notes


# ---------------------------------------------------------------------------------------
# Running

@dataclass
class SimulationOptions:
    """Editor options (initializationOptions.simulation)."""

    timeout_s: float = 60.0  # per run of ngspice
    memory_mb: int = 2048
    max_output_mb: int = 64  # printed output and the rawfile each
    show_message: bool = True  # also send the summary and plot paths as window/showMessage
    run_control: bool = False  # run the deck's own .control blocks (only under OS isolation)


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


def _blank(lines: list[str], first: int, last: int) -> None:
    for n in range(first, min(last, len(lines) - 1) + 1):
        lines[n] = "*"


def _without_output_commands(lines: list[str]) -> list[Problem]:
    """Comment out file-writing and drawing commands in .control blocks (in place)."""
    notes = []
    for first, last in simulate.control_blocks(lines):
        for n in range(first + 1, min(last, len(lines))):
            word = re.split(r"[\s(]", lines[n].strip().lower(), maxsplit=1)[0]
            if word in OUTPUT_COMMANDS:
                notes.append(Problem(f"'{word}' left out: spice-lsp draws the plots itself and writes no files",
                                     n, "information"))
                lines[n] = "*"
    return notes


def _refusal(reason: str) -> Problem:
    """A refusal ("line N: why", 1-based; one inside an included file names the include line
    first) as an error at its line (0 when it names none)."""
    found = re.match(r"line (\d+): ", reason)
    return Problem(f"refused: {reason[found.end():] if found else reason}",
                   int(found.group(1)) - 1 if found else 0, "error")


def content_key(deck: decks.Deck, text: str, line: int | None, suffix: str, options: SimulationOptions) -> str:
    """A hash of everything a run depends on: the text, the deck ngspice reads (the included files
    inlined: read once, by the safety decision, and only those it allowed), the analysis chosen,
    the plot format and the limits."""
    return hashlib.sha256(json.dumps([__version__, text, deck.lines, deck.origins, deck.controls, line, suffix,
                                      [options.timeout_s, options.memory_mb, options.max_output_mb,
                                       options.run_control]]).encode()).hexdigest()[:24]


def default_directory() -> Path:
    return default_cache_dir() / "simulations"


def simulate_file(text: str, *, path: Path | None = None, allowed_dirs: Sequence[Path] = (), line: int | None = None,
                  options: SimulationOptions | None = None, cache_dir: Path | None = None, plot_format: str = "svg",
                  stop=None, progress=None) -> SimulationReport:
    """Run the analyses of `text` (all, or the one whose statement covers `line`) and draw them.

    `path` is the file (its directory resolves includes); includes may come only from there and
    `allowed_dirs`. `stop` (a threading.Event) cancels; `progress(message, percent)` is told
    before each run."""
    options = options or SimulationOptions()
    base = path.resolve().parent if path else None
    start = time.monotonic()
    report = SimulationReport(ok=True)
    # The safety decision comes first: nothing is read, hashed or cached before it.
    deck = decks.build(text, base, list(allowed_dirs), run_control=options.run_control)
    netlist = deck.netlist
    if deck.refused or deck.errors:
        report.ok = False
        report.problems += [_refusal(r) for r in deck.refused]
        report.problems += [Problem(message, at or 0, "error") for message, at in deck.errors]
        return _finish(report, start)
    cache_dir = Path(cache_dir) if cache_dir else default_directory()
    folder = cache_dir / content_key(deck, text, line, plot_format, options)
    if (cached := _load(folder)) is not None:
        return cached
    lines = text.split("\n")
    jobs = _plan(report, deck, lines, line, options.run_control)
    if not jobs:
        return _finish(report, start)
    analyses = analysis_lines(text, netlist)
    measures = {name: (kind, at, unit) for name, kind, at, unit in reversed(_measure_statements(netlist))}
    tmp = folder.with_name(f"{folder.name}.{os.getpid()}.{threading.get_ident()}.tmp")  # one per run
    shutil.rmtree(tmp, ignore_errors=True)
    for number, job in enumerate(jobs):
        if stop is not None and stop.is_set():
            report.cancelled = True
            break
        if progress:
            progress(f"{job.text if job else '.control'} ({number + 1}/{len(jobs)})", int(100 * number / len(jobs)))
        result = simulate.run(_deck(lines, analyses, job), base_dir=base, allowed_dirs=list(allowed_dirs),
                              timeout=options.timeout_s, memory_mb=options.memory_mb,
                              max_output_bytes=options.max_output_mb << 20, dump_plots=True, stop=stop,
                              own_control="run" if job is None else "drop")  # the report notes what is dropped
        if result.refused:
            report.ok = False
            report.problems += [_refusal(r) for r in result.refused]
            break
        report.isolation = result.isolation
        run = AnalysisRun(job, result.ok, result.seconds)
        report.runs.append(run)
        _take_errors(report, result, job, measures, options)
        report.measurements += [Measurement(name, meas_line, kind, result.values[name], unit)
                                for name, (kind, meas_line, unit) in measures.items()
                                if name in result.values and (job is None or kind == job.kind)]
        _take_plots(report, run, result.raw, _wanted(netlist), tmp, folder, plot_format)
    _missing_measurements(report, measures)
    report.plots = [p for r in report.runs for p in r.plots]
    if report.cancelled:
        report.ok = False
        report.problems.append(Problem("simulation cancelled", jobs[0].line if jobs[0] else 0, "information"))
    report = _finish(report, start)
    _store(report, tmp, folder)
    return report


def _plan(report: SimulationReport, deck: decks.Deck, lines: list[str], line: int | None,
          run_control: bool) -> list[AnalysisLine | None]:
    """What to run: the analysis on `line`, else each analysis, else (opted in, a deck with
    .control blocks) the deck once with them: [None]. Empty, with the reason in `report`, when
    nothing can run. Notes the .control blocks not run; opted in, leaves their file-writing
    commands out of `lines` (in place)."""
    if not run_control:
        report.problems += [Problem(simulate.NOT_RUN, n, "information") for n in deck.controls]
    analyses = analysis_lines("\n".join(lines), deck.netlist)
    jobs: list[AnalysisLine | None]
    if line is not None:
        jobs = [a for a in analyses if a.line <= line <= a.end_line]
        missing = Problem(f"no analysis on line {line + 1}", line, "error")
    elif run_control and deck.controls:
        report.problems += _without_output_commands(lines)
        jobs = [None]
    else:
        jobs = list(analyses)
        missing = Problem("nothing to simulate: no .op, .ac, .dc, .tran or other analysis"
                          + (" outside the .control block, which is not run" if deck.controls else ""), 0, "error")
    if not jobs:
        report.problems.append(missing)
        report.ok = False
    return jobs


def _deck(lines: list[str], analyses: list[AnalysisLine], job: AnalysisLine | None) -> str:
    """The deck for one run: `job` alone (the other analyses and the .control blocks commented
    out, line for line), or, for None, the deck as it is."""
    deck = list(lines)
    if job is not None:
        for other in analyses:
            if other.line != job.line:
                _blank(deck, other.line, other.end_line)
        for first, last in simulate.control_blocks(deck):
            _blank(deck, first, last)
    return "\n".join(deck)


def _take_errors(report: SimulationReport, result: simulate.SimulationResult, job: AnalysisLine | None,
                 measures: dict, options: SimulationOptions) -> None:
    """The run's errors as problems at their lines; an unplaced one at the analysis run."""
    at = job.line if job else 0
    for error in result.errors:
        named = re.match(r"error: measure\s+(\S+)", error.message, re.IGNORECASE)
        line = error.line
        if line is None and named and named.group(1).lower() in measures:
            line = measures[named.group(1).lower()][1]  # a failed .meas: its own line
        problem = Problem(error.message, at if line is None else line, "error")
        if problem not in report.problems:  # each run of the same deck repeats its errors
            report.problems.append(problem)
    if result.timed_out:
        report.timed_out = True
        report.problems.append(Problem(f"ngspice did not finish within the {options.timeout_s:g} s limit: "
                                       "stopped (raise simulation.timeoutS to allow more)", at, "error"))
    report.cancelled |= result.cancelled
    report.ok &= result.ok


def _take_plots(report: SimulationReport, run: AnalysisRun, raw: bytes, wanted: list[str], tmp: Path,
                folder: Path, plot_format: str) -> None:
    """The op values, single-point results (.tf, .sens) and a drawing of every other plot."""
    job = run.analysis
    plots = read_raw(raw) if raw else []
    for n, plot in enumerate(plots):
        if len(plot.scale) == 1:  # .op, .tf, .sens: numbers, not curves
            values = {name: float(plot.data[name][0].real) for name, _ in plot.variables}
            if plot.kind == "op":
                report.op.update({k: v for k, v in values.items() if k.startswith(("v(", "i("))})
            else:
                # ngspice writes v(transfer_function), v(output_impedance_at_v(out))
                report.results.update({f"{plot.kind or plot.plotname}: {k[2:-1] if k.startswith('v(') else k}": v
                                       for k, v in values.items()})
            continue
        if len(plot.variables) < 2:
            continue
        title = f"{job.text} (line {job.line + 1})" if job else f"{plot.plotname} (.control)"
        stem = f"{job.line + 1 if job else 'control'}-{plot.kind or 'plot'}"
        target = tmp / f"{stem}{'' if not (tmp / f'{stem}.{plot_format}').exists() else n}.{plot_format}"
        sweep = job.text.split()[1] if job and job.kind == "dc" and len(job.text.split()) > 1 else ""
        try:
            report.notes += draw(plot, wanted, target, title, sweep)
        except ImportError as error:
            missing = f"no plots: {error.name or 'matplotlib'} is not installed (pip install matplotlib)"
            report.notes += [missing] * (missing not in report.notes)
            continue
        run.plots.append(str(folder / target.name))


def _missing_measurements(report: SimulationReport, measures: dict) -> None:
    """A .meas of an analysis that ran but gave no value: listed, and a warning unless an error
    already stands on its line."""
    measured = {x.name for x in report.measurements}
    for name, (kind, meas_line, unit) in measures.items():
        if name not in measured and any(r.analysis is None or r.analysis.kind == kind for r in report.runs):
            report.measurements.append(Measurement(name, meas_line, kind, None, unit))
            if not any(p.line == meas_line for p in report.problems):
                report.problems.append(Problem(f"measurement '{name}' gave no result", meas_line, "warning"))
    report.measurements.sort(key=lambda x: x.line)


def _store(report: SimulationReport, tmp: Path, folder: Path) -> None:
    """Cache a finished run (not one stopped by the clock or the user) under its content key."""
    if report.timed_out or report.cancelled:
        shutil.rmtree(tmp, ignore_errors=True)
        return
    tmp.mkdir(parents=True, exist_ok=True)
    (tmp / "report.json").write_text(json.dumps(report.to_json(), indent=1), encoding="utf-8")
    shutil.rmtree(folder, ignore_errors=True)
    try:
        os.replace(tmp, folder)
    except OSError:  # another run stored the same key first
        shutil.rmtree(tmp, ignore_errors=True)
    try:
        entries = sorted((e for e in folder.parent.iterdir() if not e.name.endswith(".tmp")),
                         key=lambda e: e.stat().st_mtime)
    except OSError:  # another process pruned at the same time
        return
    for old in entries[:max(0, len(entries) - MAX_CACHED)]:
        shutil.rmtree(old, ignore_errors=True)


def _load(folder: Path) -> SimulationReport | None:
    try:
        report = SimulationReport.from_json(json.loads((folder / "report.json").read_text(encoding="utf-8")))
    except (OSError, ValueError, KeyError, TypeError):
        return None
    if not all(Path(p).is_file() for p in report.plots):
        return None
    report.cached = True
    os.utime(folder)  # recently used: pruned last
    return report


def _finish(report: SimulationReport, start: float) -> SimulationReport:
    report.seconds = time.monotonic() - start
    report.problems.sort(key=lambda p: p.line)
    report.text = summary(report)
    return report


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


# ---------------------------------------------------------------------------------------
# What the editor shows after a run

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


_warming: list = []


def warm_up() -> None:
    """Import matplotlib in a background thread (once): the first plot then costs no import."""
    if not _warming:
        _warming.append(threading.Thread(target=_import_plotting, name="spice-lsp-plot-import", daemon=True))
        _warming[0].start()


def _import_plotting() -> None:
    try:
        import matplotlib
        matplotlib.use("Agg", force=False)
        import matplotlib.pyplot  # noqa: F401
    except ImportError:  # reported by the first plot instead
        pass
