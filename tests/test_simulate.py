"""The sandboxed ngspice runner: values, measurements, error lines mapped back to the text,
refusals, and the limits. These run the real ngspice (required, never skipped); the attacks on
the sandbox, by their effect, are in test_security.py and test_sandbox.py."""
import os
import shutil

import pytest

from spice_lsp.ngspice.runner import NOT_RUN, check_safety, measure, prepare, run

from .conftest import DATA

SIM = DATA / "simulate"
DIVIDER = """RC divider
V1 in 0 10
R1 in out 1k
R2 out 0 1k
C1 out 0 100n
.op
.end
"""
LOWPASS = """RC low-pass
V1 in 0 dc 0 ac 1 sin(2.5 1 1k)
R1 in out 1k
C1 out 0 100n
.end
"""


@pytest.fixture(autouse=True, scope="module")
def ngspice_required():
    if shutil.which("ngspice") is None:
        pytest.fail("ngspice is required by these tests: install ngspice (39 or later) on PATH")


def lines_of(result):
    return [e.line for e in result.errors]


# ---------------------------------------------------------------------------------------
# Values and measurements

def test_op_gives_node_voltages_and_source_currents():
    result = run(DIVIDER)
    assert result.ok, result.output
    assert result.values["v(out)"] == pytest.approx(5.0)
    assert result.values["v(in)"] == pytest.approx(10.0)
    assert result.values["i(v1)"] == pytest.approx(-0.005)
    assert result.errors == [] and result.refused == [] and not result.timed_out


def test_measure_op_expression():
    value, result = measure(DIVIDER, "op", "v(in) - v(out)")
    assert result.ok and value == pytest.approx(5.0)


def test_measure_ac_corner_of_rc_lowpass():
    value, result = measure(LOWPASS, "ac dec 20 10 1meg", "when vdb(out)=-3")
    assert result.ok, result.output
    assert value == pytest.approx(1591.5, rel=0.02)


def test_measure_transient_average():
    value, result = measure(LOWPASS, "tran 1u 5m", "avg v(out) from=3m to=5m")
    assert result.ok, result.output
    assert value == pytest.approx(2.5, rel=0.01)


def test_measure_dc_sweep_and_a_deck_save_line_does_not_hide_vectors():
    deck = DIVIDER.replace(".op", ".save v(in)")
    value, result = measure(deck, "dc v1 0 10 0.5", "find v(out) at=4")
    assert result.ok and value == pytest.approx(2.0)


def test_failed_measurement_is_none():
    value, result = measure(LOWPASS, "ac dec 20 10 1meg", "when vdb(nowhere)=-3")
    assert value is None and not result.ok
    assert "nowhere" in result.errors[0].message


def test_deck_meas_and_print_lines_give_values():
    deck = LOWPASS.replace(".end", ".tran 1u 5m\n.meas tran avgout avg v(out) from=3m to=5m\n.end")
    result = run(deck)
    assert result.ok and result.values["avgout"] == pytest.approx(2.5, rel=0.01)


def test_the_decks_own_control_block_runs_only_when_asked_and_isolated():
    deck = DIVIDER.replace(".end", ".control\nrun\nprint v(in)\nplot v(out)\n.endc\n.end")
    strict = run(deck)
    assert not strict.ok and strict.output == "" and strict.refused == [f"line 7: {NOT_RUN}"]
    own = run(deck, own_control="run")
    assert own.ok and own.values["v(in)"] == pytest.approx(10.0)  # plot is skipped in batch
    assert own.isolation in ("bubblewrap", "setuid")
    assert run(deck, own_control="run", isolation_method="none").refused  # never without isolation
    result = run(deck, control="op\nprint v(out)")  # commands of ours replace the deck's
    assert result.ok and result.values == {"v(out)": pytest.approx(5.0)}


def test_include_chain_inside_base_dir():
    result = run((SIM / "top.cir").read_text(), base_dir=SIM)
    assert result.ok, result.output
    assert 0.5 < result.values["v(out)"] < 0.8  # a forward-biased diode


# ---------------------------------------------------------------------------------------
# Errors mapped to the original lines

def test_undefined_model_maps_to_its_line_and_through_continuations():
    deck = "t\nV1 in 0 10\nR1 in\n+ out\n+ 1k\n* comment\n\nD1 out 0\n+ nomodel\n.op\n"
    result = run(deck)
    assert not result.ok
    assert lines_of(result) == [7]
    assert "valid modelname" in result.errors[0].message


def test_errors_after_an_include_and_inside_one():
    deck = "t\n.include models/sub/diode.lib\nV1 in 0 1\nR1 in 0 1k bogus=3\n.op\n"
    result = run(deck, base_dir=SIM)
    assert lines_of(result) == [3] and "unknown parameter" in result.errors[0].message
    result = run("t\nV1 in 0 1\n.include models/bad.lib\nR1 in 0 1k\n.op\n", base_dir=SIM)
    assert lines_of(result) == [2]  # the line is the library's: blamed on the include


def test_subcircuit_errors_map_to_their_lines():
    deck = "t\nV1 in 0 1\n.subckt sub a b\nD1 a b nomod\n.ends\nX1 in 0 sub\n.op\n"
    assert lines_of(run(deck)) == [3]  # reported as d.x1.d1, without a line number
    assert lines_of(run(deck.replace(".op", "X2 in 0 missing\n.op"))) == [6]


def test_shorted_source_and_missing_include():
    result = run("t\nV1 in in 1\nR1 in 0 1k\n.op\n")
    assert not result.ok and "shorted" in result.errors[0].message and result.errors[0].line == 1
    result = run("t\nV1 in 0 1\n.include nothere.lib\n.op\n", base_dir=SIM)
    assert not result.ok and lines_of(result) == [2]


def test_expression_errors_map_to_their_line():
    result = run("t\nV1 in 0 1\nR1 in\n+ out 1k\nR2 out 0 {foo+1}\n.op\n")
    assert not result.ok and result.errors[0].line == 4
    assert "foo" in result.errors[0].message


def test_line_one_is_the_title_as_ngspice_reads_it():
    # The element written on line 1 is lost, exactly as in ngspice: R2 is missing, so
    # v(out) floats up to v(in) through R1.
    result = run("R2 out 0 1k\nV1 in 0 10\nR1 in out 1k\n.op\n")
    assert result.ok and result.values["v(out)"] == pytest.approx(10.0)


def test_a_title_that_looks_like_an_element_stays_a_title():
    result = run("Voltage divider 10V\nV1 in 0 10\nR1 in out 1k\nR2 out 0 1k\n.op\n")
    assert result.ok and "v(divider)" not in result.values


# ---------------------------------------------------------------------------------------
# Refusals

@pytest.mark.parametrize("command", [
    "shell rm -rf /", "system ls", "write out.raw", "wrdata out.txt v(out)", "print v(out) > /tmp/x",
    "!ls", "set sourcepath = ( /etc )", "alias x shell", "cd /", "source /etc/passwd", "load x.raw", "$cmd",
    "op",  # even harmless commands: the deck's own block is not run by default
])
def test_a_decks_own_control_block_is_refused_by_default(command):
    deck = f"t\nV1 in 0 1\nR1 in 0 1k\n.control\nrun\n{command}\n.endc\n"
    result = run(deck)
    assert not result.ok and result.output == "" and result.errors == []
    assert result.refused == [f"line 4: {NOT_RUN}"] == check_safety(deck, None, [])


@pytest.mark.parametrize("deck, line", [
    ("t\nV1 in 0 1\n.controls\nshell ls\n.endc\n", 3),  # ngspice finds .control by prefix
    ("t\nV1 in 0 1\n.control\nrun\nshell ls\n", 3),  # an unclosed block runs to the end
    ("t\nV1 in 0 1\n.incxyz /etc/passwd\n.op\n", 3),  # and any .inc... line is an include
    ("*NG_SCRIPT\nshell ls\n", 1), (" * ng_script x\nshell ls\n", 1),  # a command script
    ("t\nV1 in 0 1\nshell ls\n", 3),  # a line our parser cannot read never reaches ngspice
])
def test_forms_ngspice_reads_by_prefix_are_refused(deck, line):
    reasons = run(deck).refused
    assert reasons and reasons[0].startswith(f"line {line}:"), reasons


def test_comment_lines_reach_ngspice_blank():
    """ngspice runs a `*#` comment line as a command; our deck has `*` in its place."""
    deck = prepare(DIVIDER.replace(".op", "*# echo star-hash-ran\n.op"), None, [])
    assert "star-hash" not in deck.text and deck.origins[deck.lines.index(".op")] == 6
    result = run(DIVIDER.replace(".op", "*# echo star-hash-ran\n.op"))
    assert result.ok and "star-hash-ran" not in result.output


def test_a_library_section_may_read_another_section_of_its_own_file(tmp_path):
    (tmp_path / "parts.lib").write_text(".lib diodes\n.model dd d\n.endl diodes\n"
                                        ".lib all\n.lib parts.lib diodes\n.endl all\n")
    result = run("t\n.lib parts.lib all\nV1 a 0 1\nD1 a 0 dd\n.op\n.end\n", base_dir=tmp_path)
    assert result.ok and result.values["i(v1)"] < -1e-3, result  # the diode of section diodes conducts
    (tmp_path / "loop.lib").write_text(".lib a\n.lib loop.lib a\n.endl a\n")
    assert "includes itself" in run("t\n.lib loop.lib a\n.op\n", base_dir=tmp_path).refused[0]


def test_a_code_models_data_file_in_the_workspace_reaches_ngspice_as_a_copy(tmp_path):
    (tmp_path / "data").mkdir()
    (tmp_path / "data" / "ramp.txt").write_text("0 0\n5e-6 2\n1e-5 2\n")
    deck = ("t\n.model src filesource (file=\"data/ramp.txt\" amploffset=[0] amplscale=[1])\n"
            "A1 %v([a]) src\nR1 a 0 1k\n.tran 1u 10u\n.meas tran vmax max v(a)\n.end\n")
    written = prepare(deck, tmp_path, [])
    assert written.data == {"spice-lsp-data-1.txt": b"0 0\n5e-6 2\n1e-5 2\n"} and "data/ramp" not in written.text
    result = run(deck, base_dir=tmp_path)
    assert result.ok and result.values["vmax"] == pytest.approx(2.0), result.output
    (tmp_path / "data" / "link.txt").symlink_to("/etc/hosts")
    for name in ("data/link.txt", "/etc/hosts", "missing.txt", "data"):
        reasons = run(deck.replace("data/ramp.txt", name), base_dir=tmp_path).refused
        assert len(reasons) == 1 and reasons[0].startswith("line 2: "), (name, reasons)


def test_our_control_argument_takes_plain_words_only():
    for control in ("op\n'sh'ell ls", "op\nprint v(out) > x", "op\nset x = 'wr'ite", "op\nshell ls",
                    "op\necho $PATH", "op\nlet a = 1; shell ls"):
        assert run(DIVIDER, control=control).refused, control


def test_op_table_of_a_batch_run_gives_values():
    result = run(DIVIDER.replace(".op", ".op\n.tran 1u 10u\n.print tran v(out)"))
    assert result.ok and result.values["v(out)"] == pytest.approx(5.0)
    assert result.values["i(v1)"] == pytest.approx(-0.005)


def test_includes_outside_the_allowed_directories_are_refused(tmp_path):
    (tmp_path / "link.lib").symlink_to("/etc/passwd")
    for path in ("/etc/passwd", "link.lib", "../../../../../../etc/passwd"):
        reasons = check_safety(f"t\n.include {path}\nV1 in 0 1\n.op\n", tmp_path, [])
        assert len(reasons) == 1 and "line 2" in reasons[0] and "outside" in reasons[0]
    assert check_safety("t\n.lib /etc/passwd tt\n", tmp_path, [])
    assert check_safety(f"t\n.include {SIM}/models/sub/diode.lib\n", tmp_path, [tmp_path, SIM]) == []
    assert check_safety("t\n.include models/sub/diode.lib\n", None, [])  # nowhere to look


def test_included_files_are_inlined_and_checked_and_file_parameters_refused():
    reasons = check_safety("t\n.include models/evil.lib\n.op\n", SIM, [])
    assert reasons == [f"line 2: {NOT_RUN}"]  # the library's .control block, blamed on the include
    deck = "t\n.model src filesource (file=\"/etc/passwd\")\nA1 %vd([a 0]) src\n"
    assert check_safety(deck, SIM, [])[0].startswith("line 2: '/etc/passwd' is not inside the allowed directories")
    assert check_safety((SIM / "top.cir").read_text(), SIM, []) == []
    written = prepare((SIM / "top.cir").read_text(), SIM, [])
    assert not any(".include" in line.lower() for line in written.lines)  # no path reaches ngspice
    model = (SIM / "models/sub/diode.lib").read_text().split("\n")[0]
    assert written.origins[written.lines.index(model)] == 1  # on the include line of top.cir


# ---------------------------------------------------------------------------------------
# Limits

def test_endless_transient_is_killed_at_the_timeout():
    deck = "t\nV1 in 0 sin(0 1 1meg)\nR1 in out 1k\nC1 out 0 1n\n.tran 1p 100\n.end\n"
    result = run(deck, timeout=0.5)
    assert result.timed_out and not result.ok
    assert result.seconds < 2


def test_huge_output_is_capped():
    deck = "t\nV1 in 0 sin(0 1 1meg)\nR1 in out 1k\nC1 out 0 1n\n.tran 10n 1m\n.print tran v(out)\n"
    result = run(deck, max_output_bytes=20_000)
    assert not result.ok and len(result.output.encode()) <= 20_000
    assert "more than 20000 bytes" in result.errors[-1].message


def test_memory_limit_failure_is_an_error():
    result = run(DIVIDER, memory_mb=4)
    assert not result.ok and result.errors[0].message.startswith("ngspice")  # exit 127 or SIGSEGV


def test_runs_in_a_scratch_directory_with_a_clean_environment(monkeypatch):
    monkeypatch.setenv("HTTPS_PROXY", "http://proxy.invalid")
    monkeypatch.setenv("PATH", "/server-only-tools:" + os.environ["PATH"])
    result = run("t\nV1 in 0 1\n.control\nop\necho home=$HOME proxy=$HTTPS_PROXY path=$PATH\n.endc\n",
                 own_control="run")
    home = result.output.split("home=")[1].split()[0]
    assert "spice-lsp-" in home and not os.path.exists(home)
    assert "proxy.invalid" not in result.output and "server-only-tools" not in result.output


def test_a_measurement_window_past_the_end_of_the_run_is_an_error():
    deck = ("t\nV1 a 0 PULSE(0 1 0 1n 1n 5u 10u)\nR1 a 0 1k\n.tran 10n 50u\n"
            ".measure tran vavg AVG v(a) FROM=1m TO=2m\n.end\n")
    result = run(deck)
    assert not result.ok and "starts at" in result.errors[0].message
    assert run(deck.replace("FROM=1m TO=2m", "FROM=10u TO=40u")).values["vavg"] == pytest.approx(0.5, rel=0.01)
