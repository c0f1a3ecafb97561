"""The tool benchmarks run and write what they promise (their figures are not asserted: speed
targets live in the benchmarks' output, not in timed tests)."""
import json

from benchmarks import checker_speed, editor_latency


def test_checker_speed_writes_its_figures(tmp_path, capsys):
    out = tmp_path / "checker.json"
    figures = checker_speed.main(["--lines", "200", "--repeat", "1", "--json", str(out)])
    assert json.loads(out.read_text()) == figures
    assert {"full_check_s", "recheck_line_inserted_s", "recheck_one_line_edit_s", "ngspice_parse_s"} <= set(figures)
    assert figures["diagnostics"] == 0 and "full_check_s" in capsys.readouterr().out


def test_editor_latency_over_stdio_writes_its_figures(tmp_path, capsys):
    out = tmp_path / "latency.json"
    figures = editor_latency.main(["--lines", "200", "--repeat", "1", "--json", str(out)])
    assert json.loads(out.read_text()) == figures
    for name in ("first_diagnostics", "line_inserted", "line_edited", "completion_while_typing",
                 "hover_idle", "hover_during_model_job"):
        assert figures[name]["n"] >= 1 and figures[name]["median_s"] > 0, name
    assert figures["completion_while_typing"]["answered"] > 0  # the template answers while typing
    assert "hover_during_model_job" in capsys.readouterr().out
