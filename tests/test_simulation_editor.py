"""Simulation in the editor (issue #7): golden answers from the real ngspice (required, never
skipped), errors mapped to their lines, refusals, plots, the cache, the CLI, and the language
server's code lens command end to end over stdio."""
from __future__ import annotations

import asyncio
import json
import math
import os
import shutil
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

import pytest
import pytest_lsp
from lsprotocol import types
from pytest_lsp import ClientServerConfig, LanguageClient, client_capabilities

from spice_lsp import cli
from spice_lsp.ngspice import runner as simulate
from spice_lsp.simulation import cache, rawfile
from spice_lsp.simulation import report as simulation
from spice_lsp.simulation import run as simulation_run
from spice_lsp.simulation.options import SimulationOptions
from spice_lsp.simulation.plots import minus_3db_points
from spice_lsp.simulation.rawfile import read_raw
from spice_lsp.simulation.run import simulate_file
from tests.test_neovim import init_file

from .conftest import DATA
from .test_server import arrival, make_client

SIM = DATA / "simulation"


@pytest.fixture(autouse=True, scope="module")
def ngspice_required():
    if shutil.which("ngspice") is None:
        pytest.fail("ngspice is required by these tests: install ngspice (39 or later) on PATH")


def run_file(name: str, tmp_path: Path, **kwargs) -> simulation.SimulationReport:
    path = SIM / name
    return simulate_file(path.read_text(), path=path, cache_dir=tmp_path / "cache", **kwargs)


def problems(report) -> list[tuple[int, str]]:
    return [(p.line, p.severity) for p in report.problems]


# ---------------------------------------------------------------------------------------
# Golden answers

def test_rc_corner(tmp_path):
    report = run_file("rc_lowpass.cir", tmp_path)
    corner = 1 / (2 * math.pi * 1e3 * 100e-9)  # 1591.5 Hz
    assert report.ok, report.text
    (f3db,) = report.measurements
    assert (f3db.name, f3db.line, f3db.kind, f3db.unit) == ("f3db", 5, "ac", "Hz")
    assert f3db.value == pytest.approx(corner, rel=0.01)
    assert "f3db = 1.5" in report.text and "kHz  (line 6)" in report.text
    (plot,) = report.plots
    assert Path(plot).name == "5-ac.svg" and Path(plot).is_file()
    # the -3 dB point marked on the plot, found from the curve itself
    (note,) = [n for n in report.notes if "3 dB below" in n]
    assert "v(out)" in note and "1.591 kHz" in note


def test_divider_voltages_and_currents(tmp_path):
    report = run_file("divider.cir", tmp_path)
    assert report.ok, report.text
    assert report.op == pytest.approx({"v(in)": 12.0, "v(out)": 9.0, "i(v1)": -0.003})
    assert report.node_voltages() == pytest.approx({"in": 12.0, "out": 9.0})
    assert report.plots == []  # an operating point is a table, not a plot
    table = report.text.split("\n")
    assert table[:3] == ["Operating point", "  node    voltage", "  in      12 V"]
    assert "  out     9 V" in table and "  v1      -3 mA" in table


def test_rectifier_average(tmp_path):
    report = run_file("rectifier.cir", tmp_path)
    assert report.ok, report.text
    (vavg,) = report.measurements
    assert vavg.value == pytest.approx(10 / math.pi, rel=0.01) and vavg.unit == "V"


def test_every_analysis_runs_and_each_gets_its_plot(tmp_path):
    report = run_file("all_analyses.cir", tmp_path)
    assert report.ok, report.text
    assert [Path(p).name for p in report.plots] == ["6-ac.svg", "7-tran.svg", "8-dc.svg"]
    assert [r.analysis.kind for r in report.runs] == ["op", "ac", "tran", "dc"]
    # ngspice's batch `run` measures only the analysis run last: both are here
    values = {x.name: x.value for x in report.measurements}
    assert values["avg_out"] == pytest.approx(0.5, rel=0.01)
    assert values["f3db"] == pytest.approx(1591.5, rel=0.02)
    assert report.op["v(out)"] == pytest.approx(1.0)
    svg = Path(report.plots[1]).read_text()
    assert "currentColor" in svg and "var(--vscode-editor-foreground" in svg  # theme-aware
    assert "ms</text>" in svg or "µs</text>" in svg  # time axis in engineering notation


def test_transfer_function_results_are_listed(tmp_path):
    text = "tf\nV1 in 0 1\nR1 in out 1k\nR2 out 0 3k\n.tf v(out) V1\n.op\n.end\n"
    report = simulate_file(text, cache_dir=tmp_path)
    assert report.ok and report.plots == [] and report.op["v(out)"] == pytest.approx(0.75)
    assert report.results == pytest.approx({"tf: transfer_function": 0.75, "tf: output_impedance_at_v(out)": 750,
                                            "tf: v1#input_impedance": 4000})
    assert "Results\n  tf: transfer_function = 0.75\n" in report.text


def test_one_analysis_by_its_line(tmp_path):
    report = run_file("all_analyses.cir", tmp_path, line=7)
    assert report.ok and [r.analysis.text for r in report.runs] == [".dc V1 0 5 0.5"]
    assert [Path(p).name for p in report.plots] == ["8-dc.svg"] and report.op == {}
    nothing = run_file("all_analyses.cir", tmp_path, line=2)
    assert not nothing.ok and problems(nothing) == [(2, "error")]
    assert "no analysis on line 3" in nothing.problems[0].message


def test_png_plots_for_the_command_line(tmp_path):
    report = run_file("rc_lowpass.cir", tmp_path, plot_format="png")
    assert Path(report.plots[0]).suffix == ".png"
    assert Path(report.plots[0]).read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"


# ---------------------------------------------------------------------------------------
# Errors at their lines

def test_error_lines_map_through_an_include_and_a_continuation(tmp_path):
    report = run_file("mapping.cir", tmp_path)
    assert not report.ok
    # D1's statement starts on line 7 (0-based 6); its model name stands on the continuation
    assert problems(report) == [(6, "error")]
    assert "valid modelname" in report.problems[0].message and "nomodel" in report.problems[0].message
    assert report.errors == [f"line 7: {report.problems[0].message}"]


def test_an_error_inside_an_included_file_is_shown_on_the_include_line(tmp_path):
    report = run_file("mapping_in_include.cir", tmp_path)
    assert problems(report) == [(3, "error")] and "nosuchbjt" in report.problems[0].message


def test_an_error_inside_a_subcircuit_is_shown_on_the_element_line(tmp_path):
    text = "t\nV1 in 0 1\n.subckt clamp a b\nD1 a b\n+ nomod\n.ends\nX1 in 0 clamp\n.op\n.end\n"
    report = simulate_file(text, cache_dir=tmp_path)  # ngspice names it d.x1.d1, with no line
    assert problems(report) == [(3, "error")] and "nomod" in report.problems[0].message


def test_a_failed_measurement_is_an_error_on_its_line(tmp_path):
    text = (SIM / "rc_lowpass.cir").read_text().replace("vdb(out)=-3", "vdb(out)=-300")
    report = simulate_file(text, path=SIM / "rc_lowpass.cir", cache_dir=tmp_path)
    assert problems(report) == [(5, "error")] and "out of interval" in report.problems[0].message
    assert report.measurements[0].value is None and "f3db = no result  (line 6)" in report.text


# ---------------------------------------------------------------------------------------
# Refusals and limits

def test_a_decks_control_block_is_not_run_and_the_report_says_so(tmp_path):
    report = run_file("shell.cir", tmp_path)
    assert report.ok and report.op["v(in)"] == pytest.approx(1.0)  # the .op ran, the block did not
    assert problems(report) == [(4, "information")] and report.problems[0].message == simulate.NOT_RUN
    assert "--run-control" in report.text and "simulation.runControl" in report.text
    assert not Path("/tmp/spice-lsp-simulation-pwned").exists()
    # Opted in, the block runs: `shell touch` acts inside the isolation's own /tmp, not the host's
    opted = run_file("shell.cir", tmp_path, options=SimulationOptions(run_control=True))
    assert opted.ok and opted.isolation in ("bubblewrap", "setuid") and [r.analysis for r in opted.runs] == [None]
    assert not Path("/tmp/spice-lsp-simulation-pwned").exists() or opted.isolation == "setuid"
    Path("/tmp/spice-lsp-simulation-pwned").unlink(missing_ok=True)


def test_a_control_block_inside_an_included_file_is_noted_on_the_include_line(tmp_path):
    report = run_file("evil_include.cir", tmp_path)
    assert report.ok and problems(report) == [(1, "information")]


def test_an_include_outside_the_allowed_directories_is_refused(tmp_path):
    outside = tmp_path / "outside.lib"
    outside.write_text(".model dd d\n")
    text = f"t\n.include {outside}\nV1 in 0 1\nD1 in 0 dd\n.op\n.end\n"
    report = simulate_file(text, path=SIM / "inline.cir", cache_dir=tmp_path / "cache")
    assert problems(report) == [(1, "error")] and "not inside the allowed directories" in report.problems[0].message
    allowed = simulate_file(text, path=SIM / "inline.cir", cache_dir=tmp_path / "cache", allowed_dirs=[tmp_path])
    assert allowed.ok, allowed.text


def test_opted_in_file_writing_control_commands_are_left_out_and_the_rest_runs(tmp_path):
    strict = run_file("writes.cir", tmp_path)  # its only analysis is inside the block
    assert not strict.ok and problems(strict) == [(0, "error"), (4, "information")]
    assert "outside the .control block, which is not run" in strict.problems[0].message
    report = run_file("writes.cir", tmp_path, options=SimulationOptions(run_control=True))
    assert report.ok, report.text
    assert problems(report) == [(6, "information")] and "'wrdata' left out" in report.problems[0].message
    assert report.op["v(out)"] == pytest.approx(0.5)


ENDLESS = "endless\nV1 in 0 sin(0 1 1k)\nR1 in out 1k\nC1 out 0 1n\n.tran 1p 10\n.end\n"


def test_a_run_past_the_time_limit_is_killed_with_a_clear_message(tmp_path):
    started = time.monotonic()
    report = simulate_file(ENDLESS, cache_dir=tmp_path, options=SimulationOptions(timeout_s=1))
    assert time.monotonic() - started < 10
    assert report.timed_out and not report.ok
    assert problems(report) == [(4, "error")] and "within the 1 s limit" in report.problems[0].message
    assert not any(tmp_path.iterdir())  # nothing cached: a later run may be given more time


def test_a_run_can_be_cancelled(tmp_path):
    stop = threading.Event()
    threading.Timer(0.5, stop.set).start()
    started = time.monotonic()
    report = simulate_file(ENDLESS, cache_dir=tmp_path, stop=stop, options=SimulationOptions(timeout_s=60))
    assert time.monotonic() - started < 10
    assert report.cancelled and not report.timed_out and not report.ok
    assert "cancelled" in report.text


def test_the_runner_stops_on_the_event_and_says_so():
    stop = threading.Event()
    stop.set()
    result = simulate.run(ENDLESS, timeout=60, stop=stop)
    assert result.cancelled and not result.timed_out and not result.ok


# ---------------------------------------------------------------------------------------
# Cache and rawfile

def test_results_are_cached_by_content(tmp_path):
    first = run_file("all_analyses.cir", tmp_path)
    again = run_file("all_analyses.cir", tmp_path)
    assert not first.cached and again.cached
    assert again.plots == first.plots and all(Path(p).is_file() for p in again.plots)
    assert again.op == first.op and again.measurements == first.measurements
    other = run_file("all_analyses.cir", tmp_path, line=5)  # another question: another entry
    assert not other.cached


def test_a_changed_included_file_misses_the_cache(tmp_path):
    (tmp_path / "load.inc").write_text("R2 out 0 1k\n")
    text = "t\n.include load.inc\nV1 in 0 2\nR1 in out 1k\n.op\n.end\n"
    path = tmp_path / "top.cir"
    assert simulate_file(text, path=path, cache_dir=tmp_path / "c").op["v(out)"] == pytest.approx(1.0)
    (tmp_path / "load.inc").write_text("R2 out 0 3k\n")
    report = simulate_file(text, path=path, cache_dir=tmp_path / "c")
    assert not report.cached and report.op["v(out)"] == pytest.approx(1.5)


def test_read_raw_gives_every_plot_of_a_run():
    result = simulate.run((SIM / "all_analyses.cir").read_text(), dump_plots=True)
    plots = read_raw(result.raw)
    assert [p.kind for p in plots] == ["ac", "dc", "op", "tran"]
    ac = plots[0]
    assert ac.variables[0] == ("frequency", "frequency") and ac.data["v(out)"].dtype.kind == "c"
    assert minus_3db_points(ac.scale.real, ac.data["v(out)"]) == [pytest.approx(1591.5, rel=0.02)]


def test_engineering_notation():
    assert simulation.eng(1591.55, "Hz") == "1.592 kHz"
    assert simulation.eng(-0.003, "A") == "-3 mA"
    assert simulation.eng(0, "V") == "0 V" and simulation.eng(2.2e-6, "F") == "2.2 µF"


# ---------------------------------------------------------------------------------------
# Inlay hints

def test_inlay_hints_show_op_voltages_after_nodes_and_meas_values_at_line_ends(tmp_path):
    text = (SIM / "divider.cir").read_text() + ""
    report = simulate_file(text, cache_dir=tmp_path)
    from spice_lsp.language.parser import parse
    hints = simulation.inlay_hints(report, parse(text).netlist, text)
    assert [(h.position.line, h.position.character, h.label) for h in hints] == [
        (1, 5, ": 12 V"), (2, 5, ": 12 V"), (2, 9, ": 9 V"), (3, 6, ": 9 V")]
    rc = (SIM / "rc_lowpass.cir").read_text()
    report = simulate_file(rc, cache_dir=tmp_path)
    (hint,) = simulation.inlay_hints(report, parse(rc).netlist, rc)
    assert hint.position == (5, len(rc.split("\n")[5])) and hint.label.startswith("= 1.5")


# ---------------------------------------------------------------------------------------
# Command line

def test_cli_simulate_writes_plots_and_json(tmp_path, capsys, monkeypatch):
    monkeypatch.setenv("SPICE_LSP_CACHE", str(tmp_path / "cache"))
    code = cli.main(["simulate", str(SIM / "all_analyses.cir"), "--plot", str(tmp_path / "rc.svg"), "--json"])
    out = json.loads(capsys.readouterr().out)
    assert code == 0 and out["ok"] and out["errors"] == []
    assert [Path(p).name for p in out["plots"]] == ["rc-6-ac.svg", "rc-7-tran.svg", "rc-8-dc.svg"]
    assert all(Path(p).is_file() for p in out["plots"])
    code = cli.main(["simulate", str(SIM / "divider.cir"), "--plot", str(tmp_path / "d.png")])
    text = capsys.readouterr().out
    assert code == 0 and "  out     9 V" in text
    assert cli.main(["simulate", str(SIM / "mapping.cir")]) == 1
    assert f"{SIM / 'mapping.cir'}:7: error: could not find a valid modelname" in capsys.readouterr().out
    assert cli.main(["simulate", str(SIM / "divider.cir"), "--plot", "out.pdf"]) == 2


def test_cli_says_a_control_block_was_not_run_and_runs_it_when_asked(tmp_path, capsys, monkeypatch):
    monkeypatch.setenv("SPICE_LSP_CACHE", str(tmp_path / "cache"))
    netlist = tmp_path / "ctl.cir"
    netlist.write_text("ctl\nV1 in 0 1\nR1 in out 1k\nR2 out 0 1k\n.control\nop\nprint v(out)\n.endc\n.end\n")
    assert cli.main(["simulate", str(netlist)]) == 1
    out = capsys.readouterr().out
    assert f"{netlist}:5: information: {simulate.NOT_RUN}" in out and "--run-control" in out
    assert cli.main(["simulate", "--run-control", str(netlist)]) == 0
    assert "  out     500 mV" in capsys.readouterr().out


# ---------------------------------------------------------------------------------------
# The language server, end to end: code lens -> command -> result, diagnostics, inlay hints

CACHE = tempfile.TemporaryDirectory(prefix="spice-lsp-sim-test-")
SERVER = ClientServerConfig(server_command=[sys.executable, "-m", "spice_lsp"], client_factory=make_client,
                            server_env={**os.environ, "SPICE_LSP_CACHE": CACHE.name})


@pytest_lsp.fixture(config=SERVER, loop_scope="module")
async def client(lsp_client: LanguageClient):
    lsp_client.refreshed = 0

    @lsp_client.feature(types.WORKSPACE_INLAY_HINT_REFRESH)
    def refresh(ls: LanguageClient, params) -> None:
        ls.refreshed += 1

    capabilities = client_capabilities("visual-studio-code")  # a recording without inlay hint refresh
    capabilities.workspace.inlay_hint = types.InlayHintWorkspaceClientCapabilities(refresh_support=True)
    await lsp_client.initialize_session(types.InitializeParams(
        capabilities=capabilities, workspace_folders=[types.WorkspaceFolder(uri=SIM.as_uri(), name="simulation")],
        initialization_options={"simulation": {"timeoutS": 30}}))
    yield
    await lsp_client.shutdown_session()


def open_file(client: LanguageClient, name: str, text: str | None = None) -> str:
    path = SIM / name
    uri = path.as_uri()
    client.text_document_did_open(types.DidOpenTextDocumentParams(types.TextDocumentItem(
        uri=uri, language_id="spice", version=1, text=path.read_text() if text is None else text)))
    return uri


@pytest.mark.asyncio(loop_scope="module")
async def test_code_lens_runs_its_analysis_and_shows_the_results(client: LanguageClient):
    uri = open_file(client, "all_analyses.cir")
    lenses = await client.text_document_code_lens_async(types.CodeLensParams(types.TextDocumentIdentifier(uri)))
    assert [(lens.range.start.line, lens.command.title, lens.command.command, lens.command.arguments)
            for lens in lenses] == [(n, "Simulate", "spice-lsp.simulate", (uri, n)) for n in (4, 5, 6, 7)]
    ac = lenses[1].command
    result = await client.workspace_execute_command_async(types.ExecuteCommandParams(
        command=ac.command, arguments=ac.arguments))
    assert result["ok"] and result["errors"] == [] and "f3db = 1.5" in result["text"]
    (plot,) = result["plots"]
    assert plot.endswith("6-ac.svg") and Path(plot).is_file() and Path(plot).is_relative_to(CACHE.name)
    # the summary and plot path reach editors without a panel (Neovim) as a message
    message = await arrival(client, lambda: next((m for m in client.messages if "plot:" in m.message), None))
    assert plot in message.message
    (reports,) = client.progress_reports.values()
    assert isinstance(reports[0], types.WorkDoneProgressBegin) and reports[0].cancellable
    assert isinstance(reports[-1], types.WorkDoneProgressEnd)
    # the whole file: op voltages become inlay hints, .meas values too
    result = await client.workspace_execute_command_async(types.ExecuteCommandParams(
        command="spice-lsp.simulate", arguments=[uri]))
    assert result["ok"] and len(result["plots"]) == 3 and client.refreshed == 2
    hints = await client.text_document_inlay_hint_async(types.InlayHintParams(
        text_document=types.TextDocumentIdentifier(uri),
        range=types.Range(types.Position(0, 0), types.Position(20, 0))))
    labels = {(h.position.line, h.label) for h in hints}
    assert (2, ": 1 V") in labels  # R1 in out: v(in) = 1 V at the operating point
    assert any(line == 9 and label.startswith("= 1.5") for line, label in labels)  # f3db
    assert any(line == 8 and label.startswith("= 500") for line, label in labels)  # avg_out


@pytest.mark.asyncio(loop_scope="module")
async def test_simulator_errors_and_refusals_become_diagnostics(client: LanguageClient):
    uri = open_file(client, "mapping.cir")
    result = await client.workspace_execute_command_async(types.ExecuteCommandParams(
        command="spice-lsp.simulate", arguments=[uri]))
    assert not result["ok"] and result["errors"][0].startswith("line 7: could not find a valid modelname")

    def simulated():
        return next((p for p in client.published if p.uri == uri
                     and any(d.source == "spice-lsp simulate" for d in p.diagnostics)), None)
    published = await arrival(client, simulated)
    (error,) = [d for d in published.diagnostics if d.source == "spice-lsp simulate"]
    assert error.range.start.line == 6 and error.severity == types.DiagnosticSeverity.Error
    uri = open_file(client, "shell.cir")
    result = await client.workspace_execute_command_async(types.ExecuteCommandParams(
        command="spice-lsp.simulate", arguments=[uri, 3]))
    assert result["ok"] and result["problems"] == [
        {"message": simulate.NOT_RUN, "line": 4, "severity": "information"}]
    assert not Path("/tmp/spice-lsp-simulation-pwned").exists()
    result = await client.workspace_execute_command_async(types.ExecuteCommandParams(
        command="spice-lsp.simulate", arguments=[open_file(client, "outside.cir", "t\n.include /etc/hosts\n.op\n")]))
    assert not result["ok"] and result["errors"][0].startswith("line 2: refused: '/etc/hosts' is not inside")


class Signalling(dict):
    """progress_reports that wake `arrival` whenever pytest-lsp's client records progress."""

    def __init__(self, event: asyncio.Event) -> None:
        super().__init__()
        self.event = event

    def setdefault(self, key, default=None):
        self.event.set()
        return super().setdefault(key, default)


@pytest.mark.asyncio(loop_scope="module")
async def test_a_long_simulation_shows_progress_and_is_cancelled_from_the_editor(client: LanguageClient):
    client.progress_reports = Signalling(client.arrived)
    uri = open_file(client, "endless.cir", ENDLESS)
    running = asyncio.ensure_future(client.workspace_execute_command_async(types.ExecuteCommandParams(
        command="spice-lsp.simulate", arguments=[uri])))

    def begun():
        return next((token for token, reports in client.progress_reports.items()
                     if any(isinstance(r, types.WorkDoneProgressBegin) for r in reports)), None)
    token = await arrival(client, begun)

    def running_for_a_while():  # the analysis and its running time, every second
        return next((r.message for r in client.progress_reports[token]
                     if isinstance(r, types.WorkDoneProgressReport) and " · " in (r.message or "")), None)
    assert (await arrival(client, running_for_a_while)).startswith(".tran 1p 10 (1/1) · ")
    client.window_work_done_progress_cancel(types.WorkDoneProgressCancelParams(token=token))
    result = await asyncio.wait_for(running, 20)
    assert not result["ok"] and result["cancelled"] and "Simulation cancelled" in result["text"]
    assert result["plots"] == []


def test_an_error_in_one_of_several_included_files_is_shown_on_its_include_line(tmp_path):
    text = "t\n.include parts/stage.inc\nV1 in 0 1\nR1 in mid 1k\n.include parts/broken.inc\n.op\n.end\n"
    report = simulate_file(text, path=SIM / "several.cir", cache_dir=tmp_path)
    assert problems(report) == [(4, "error")] and "nosuchbjt" in report.problems[0].message


def test_the_cache_keeps_the_most_recently_used_simulations(tmp_path, monkeypatch):
    monkeypatch.setattr(cache, "MAX_CACHED", 2)
    texts = [f"t\nV1 in 0 {n}\nR1 in 0 1k\n.op\n.end\n" for n in (1, 2, 3)]
    first = simulate_file(texts[0], cache_dir=tmp_path)
    (entry,) = list(tmp_path.iterdir())
    os.utime(entry, (time.time() - 100,) * 2)  # used longest ago
    simulate_file(texts[1], cache_dir=tmp_path)
    simulate_file(texts[2], cache_dir=tmp_path)
    assert len(list(tmp_path.iterdir())) == 2
    assert not simulate_file(texts[0], cache_dir=tmp_path).cached and first.op["v(in)"] == 1
    assert simulate_file(texts[2], cache_dir=tmp_path).cached


def test_simulation_options_from_the_client():
    from spice_lsp.editor.options import Options
    options, problems_found = Options.from_client({"simulation": {"timeoutS": 5, "showMessage": False}})
    assert problems_found == [] and options.simulation == SimulationOptions(timeout_s=5.0, show_message=False)
    options, problems_found = Options.from_client({"simulation": {"timeoutS": "long", "showMessage": 1}})
    assert options.simulation == SimulationOptions() and len(problems_found) == 2
    assert "simulation.timeoutS" in problems_found[0] and "simulation.showMessage" in problems_found[1]
    options, problems_found = Options.from_client({"simulation": {"runControl": True}})  # the opt-in
    assert problems_found == [] and options.simulation.run_control and not SimulationOptions().run_control


def test_neovim_runs_the_code_lens_and_the_whole_file_command(tmp_path):
    nvim = shutil.which("nvim")
    if nvim is None:
        pytest.fail("Neovim is not installed; CI installs it with `apt-get install -y neovim`")
    netlist, out = tmp_path / "rc.cir", tmp_path / "out.json"
    shutil.copyfile(SIM / "all_analyses.cir", netlist)
    env = {**os.environ, "SPICE_LSP_PYTHON": sys.executable, "SPICE_LSP_FILE": str(netlist),
           "SPICE_LSP_OUT": str(out), "XDG_CACHE_HOME": str(tmp_path), "SPICE_LSP_CACHE": str(tmp_path / "cache")}
    init = init_file("module", tmp_path)  # the plugin-free set-up docs/neovim.md gives for Debian's Neovim 0.7
    done = subprocess.run([nvim, "--headless", "-i", "NONE", "-u", str(init),
                           "-c", f"luafile {SIM / 'neovim_simulate.lua'}"],
                          env=env, cwd=tmp_path, capture_output=True, text=True, timeout=120)
    assert done.returncode == 0, (done.stdout, done.stderr, out.read_text() if out.exists() else "")
    result = json.loads(out.read_text())
    assert [lens["line"] for lens in result["lenses"]] == [4, 5, 6, 7]
    assert {lens["title"] for lens in result["lenses"]} == {"Simulate"}
    # the lens ran .op alone: its summary reached the user as a message
    assert result["messages"][0].startswith("spice-lsp: Simulation ok: .op")
    answer = result["answer"]
    assert answer["ok"] and len(answer["plots"]) == 3 and all(Path(p).is_file() for p in answer["plots"])
    assert all(Path(p).is_relative_to(tmp_path / "cache") for p in answer["plots"])


def test_without_matplotlib_the_values_come_back_and_a_note_says_why_no_plots(tmp_path, monkeypatch):
    def no_matplotlib(*args, **kwargs):
        raise ImportError("No module named 'matplotlib'", name="matplotlib")
    monkeypatch.setattr(rawfile, "numpy", None)
    monkeypatch.setattr(simulation_run, "draw", no_matplotlib)
    report = run_file("all_analyses.cir", tmp_path)
    assert report.ok and report.plots == [] and report.op["v(out)"] == pytest.approx(1.0)
    assert report.notes == ["no plots: matplotlib is not installed (pip install matplotlib)"]
    assert {x.name for x in report.measurements if x.value is not None} == {"avg_out", "f3db"}
    (ac,) = read_raw(simulate.run((SIM / "rc_lowpass.cir").read_text(), dump_plots=True).raw)
    assert isinstance(ac.data["v(out)"], list) and isinstance(ac.data["v(out)"][0], complex)


@pytest.mark.asyncio(loop_scope="module")
async def test_the_command_reads_a_file_not_open_and_answers_bad_arguments(client: LanguageClient):
    result = await client.workspace_execute_command_async(types.ExecuteCommandParams(
        command="spice-lsp.simulate", arguments=[(SIM / "divider.cir").as_uri()]))
    assert result["ok"] and "  out     9 V" in result["text"]
    for arguments in ([], [(SIM / "no-such-file.cir").as_uri()], [(SIM / "divider.cir").as_uri(), "x"]):
        result = await client.workspace_execute_command_async(types.ExecuteCommandParams(
            command="spice-lsp.simulate", arguments=arguments))
        assert not result["ok"] and result["errors"][0].startswith("spice-lsp.simulate takes [uri] or [uri, line]")
