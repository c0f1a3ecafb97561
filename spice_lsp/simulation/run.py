"""Simulation in the editor and on the command line: run a netlist's analyses in the sandboxed
ngspice (spice_lsp.ngspice.runner), read every plot ngspice wrote, and return a
SimulationReport (spice_lsp.simulation.report).

    report = simulate_file(text, path=Path("amp.cir"), allowed_dirs=[...])   # every analysis
    report = simulate_file(text, path=..., line=12)                          # the one on line 12

Each dot analysis runs on its own (the others commented out, so line numbers keep): ngspice's
batch `run` evaluates `.meas` only for the analysis run last, and one run per analysis lets
progress and cancellation act between them. A deck's own `.control` blocks are not run (a note
says so) unless `SimulationOptions.run_control` opts in: then the deck runs once with them, only
under OS isolation (its file-writing commands left out), and every plot it makes is drawn.
The sandbox deck is written once, from one parse of the text, and each run gets a copy of it
with lines commented out (simulation.deck_edits). Results are cached by content
(simulation.cache), so asking again is instant."""
from __future__ import annotations

import time
from collections.abc import Sequence
from pathlib import Path

from spice_lsp.ngspice import deck as decks
from spice_lsp.ngspice import runner
from spice_lsp.simulation import cache
from spice_lsp.simulation.deck_edits import one_analysis, without_output_commands
from spice_lsp.simulation.options import SimulationOptions
from spice_lsp.simulation.plan import MeasureStatement, measure_statements, plan, wanted_vectors
from spice_lsp.simulation.plots import draw
from spice_lsp.simulation.rawfile import read_raw
from spice_lsp.simulation.report import AnalysisLine, AnalysisRun, Measurement, Problem, SimulationReport, summary


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
    if deck.refused or deck.errors:
        report.ok = False
        report.problems += [_refused(r) for r in deck.refused]
        report.problems += [Problem(message, at or 0, "error") for message, at in deck.errors]
        return _finish(report, start)
    folder = (Path(cache_dir) if cache_dir else cache.default_directory()) / cache.content_key(
        deck, text, line, plot_format, options)
    if (cached := cache.load(folder)) is not None:
        return cached
    planned = plan(deck, text, line, options.run_control)
    report.problems += planned.problems
    if not planned.jobs:
        report.ok = False
        return _finish(report, start)
    if planned.jobs == [None]:
        deck, notes = without_output_commands(deck)
        report.problems += notes
    measures, wanted = measure_statements(deck.netlist), wanted_vectors(deck.netlist)
    tmp = cache.scratch(folder)
    for number, job in enumerate(planned.jobs):
        if stop is not None and stop.is_set():
            report.cancelled = True
            break
        if progress:
            progress(f"{job.text if job else '.control'} ({number + 1}/{len(planned.jobs)})",
                     int(100 * number / len(planned.jobs)))
        result = runner.run(deck if job is None else one_analysis(deck, planned.analyses, job), base_dir=base,
                            allowed_dirs=list(allowed_dirs), timeout=options.timeout_s, memory_mb=options.memory_mb,
                            max_output_bytes=options.max_output_mb << 20, dump_plots=True, stop=stop,
                            own_control="run" if job is None else "drop")  # the report notes what is dropped
        if result.refused:
            report.ok = False
            report.problems += [_refused(r) for r in result.refused]
            break
        report.isolation = result.isolation
        run = AnalysisRun(job, result.ok, result.seconds)
        report.runs.append(run)
        _take_errors(report, result, job, measures, options)
        report.measurements += [Measurement(name, meas.line, meas.kind, result.values[name], meas.unit)
                                for name, meas in measures.items()
                                if name in result.values and (job is None or meas.kind == job.kind)]
        _take_plots(report, run, result.raw, wanted, tmp, folder, plot_format)
    _missing_measurements(report, measures)
    report.plots = [p for r in report.runs for p in r.plots]
    if report.cancelled:
        report.ok = False
        first = planned.jobs[0]
        report.problems.append(Problem("simulation cancelled", first.line if first else 0, "information"))
    report = _finish(report, start)
    cache.store(report, tmp, folder)
    return report


def _refused(refusal: decks.Refusal) -> Problem:
    """A refusal as an error at the user's line it concerns (the first when it names none)."""
    return Problem(f"refused: {refusal.reason}", refusal.line or 0, "error")


def _take_errors(report: SimulationReport, result: runner.SimulationResult, job: AnalysisLine | None,
                 measures: dict[str, MeasureStatement], options: SimulationOptions) -> None:
    """The run's errors as problems at their lines; an unplaced one at the analysis run."""
    at = job.line if job else 0
    for error in result.errors:
        line = error.line
        if line is None and error.measure in measures:
            line = measures[error.measure].line  # a failed .meas: its own line
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


def _missing_measurements(report: SimulationReport, measures: dict[str, MeasureStatement]) -> None:
    """A .meas of an analysis that ran but gave no value: listed, and a warning unless an error
    already stands on its line."""
    measured = {x.name for x in report.measurements}
    for name, (_, kind, meas_line, unit) in measures.items():
        if name not in measured and any(r.analysis is None or r.analysis.kind == kind for r in report.runs):
            report.measurements.append(Measurement(name, meas_line, kind, None, unit))
            if not any(p.line == meas_line for p in report.problems):
                report.problems.append(Problem(f"measurement '{name}' gave no result", meas_line, "warning"))
    report.measurements.sort(key=lambda x: x.line)


def _finish(report: SimulationReport, start: float) -> SimulationReport:
    report.seconds = time.monotonic() - start
    report.problems.sort(key=lambda p: p.line)
    report.text = summary(report)
    return report
