"""The simulation layer's parts: one parse per run, the sandbox deck edited only by copies that
comment lines out, refusals that keep their line, one list of output commands."""
import pytest

from spice_lsp.language import parser
from spice_lsp.ngspice import deck as decks
from spice_lsp.ngspice import runner
from spice_lsp.simulation.deck_edits import one_analysis, without_output_commands
from spice_lsp.simulation.options import SimulationOptions
from spice_lsp.simulation.plan import plan
from spice_lsp.simulation.run import simulate_file

from .conftest import DATA

SIM = DATA / "simulation"


def test_a_run_of_every_analysis_parses_the_text_once(tmp_path, monkeypatch):
    calls = []

    def counted(text, *args, **kwargs):
        calls.append(text)
        return parser.parse(text, *args, **kwargs)
    monkeypatch.setattr(decks, "parse", counted)
    report = simulate_file((SIM / "all_analyses.cir").read_text(), cache_dir=tmp_path)
    assert report.ok and len(report.runs) == 4
    assert len(calls) == 1


def test_each_analysis_runs_from_a_copy_of_the_one_deck():
    text = (SIM / "all_analyses.cir").read_text()
    deck = decks.build(text, None, [])
    planned = plan(deck, text, None, run_control=False)
    before = list(deck.lines)
    ac = one_analysis(deck, planned.analyses, planned.jobs[1])
    assert deck.lines == before  # the deck itself is never changed
    assert [line for line in ac.lines if line.startswith(".")] == [
        ".ac dec 20 10 1meg", ".meas tran avg_out avg v(out) from=0 to=2m", ".meas ac f3db when vdb(out)=-3"]
    assert len(ac.lines) == len(deck.lines) and ac.origins == deck.origins


def test_output_commands_of_an_opted_in_control_block_are_left_out_at_their_lines():
    text = "t\nV1 a 0 1\nR1 a 0 1k\n.op\n.control\nrun\nwrdata out.txt v(a)\nplot v(a)\nprint v(a)\n.endc\n.end\n"
    deck = decks.build(text, None, [], run_control=True)
    edited, notes = without_output_commands(deck)
    assert [(p.line, p.message.split("'")[1]) for p in notes] == [(6, "wrdata"), (7, "plot")]
    assert "print v(a)" in edited.lines and not any(line.startswith(("wrdata", "plot")) for line in edited.lines)
    assert runner.OUTPUT_COMMANDS >= {"wrdata", "plot"} and "plot" not in runner.FORBIDDEN_WORDS


def test_a_refusal_keeps_the_users_line_and_its_reason(tmp_path):
    (tmp_path / "bad.lib").write_text("* a library\nR1 a b 1k\n.model m1 d(file=/etc/passwd)\n")
    text = "t\nV1 a 0 1\n.include bad.lib\n.op\n.end\n"
    (refusal,) = decks.build(text, tmp_path, []).refused
    assert (refusal.line, refusal.reason.split(":")[0]) == (2, "in bad.lib line 3")
    assert refusal == f"line 3: {refusal.reason}"  # shown as before, as text
    report = simulate_file(text, path=tmp_path / "top.cir", cache_dir=tmp_path / "cache",
                           options=SimulationOptions())
    (problem,) = report.problems
    assert (problem.line, problem.message) == (2, f"refused: {refusal.reason}")


@pytest.mark.parametrize("start", [".control", ".CONTROL", "  .control", ".control;x", ".control\t", ".controls",
                                   ".control(", ".controlling shell ls", ".control*", ".control=1"])
def test_one_control_detector_every_line_ngspice_starts_a_block_at_is_a_block_or_refused(start):
    """ngspice starts a .control block at any line beginning `.control`; the parser's detector
    takes the exact word. What the parser does not read as a block, the deck refuses, so no
    command of the user's reaches ngspice either way."""
    deck = decks.build(f"t\nV1 a 0 1\nR1 a 0 1k\n.op\n{start}\nshell touch x\n.endc\n.end\n", None, [])
    assert deck.controls == [4] or deck.refused
    assert not any("shell" in line for line in deck.lines)
