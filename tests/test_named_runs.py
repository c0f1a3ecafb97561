"""A run the request names by its kind (a transient, a noise analysis, a temperature sweep, a DC transfer function,
a Fourier analysis) is a failed item of the checklist when the answer does not run it, whichever reader missed it."""
import pytest

from spice_lsp.generation.checklist import FAIL
from spice_lsp.generation.stated.analyses import named_runs
from spice_lsp.language.checks import check

AC_ONLY = "t\nV1 in 0 DC 1 AC 1\nR1 in out 1k\nC1 out 0 1n\n.ac dec 10 1 1meg\n.end"


@pytest.mark.parametrize("said,what", [
    ("an RC low-pass; I'd like to look at its transient response too", "transient"),
    ("run a noise analysis at out", "noise"),
    ("vary the temperature from -40 to 85 C", "temperature"),
    ("and its small-signal transfer function from in to out", "transfer function"),
    ("plus a Fourier analysis of out", "Fourier"),
])
def test_a_run_named_but_not_run_fails(said, what):
    items = named_runs(said, check(AC_ONLY).netlist)
    assert [i.status for i in items] == [FAIL] and what.lower() in items[0].what.lower()


def test_runs_the_answer_has_pass_silently():
    deck = ("t\nV1 in 0 DC 1\nR1 in out 1k\n.dc temp -40 85 5\n.tran 1u 1m\n.noise v(out) V1 dec 10 1 1meg\n"
            ".tf v(out) V1\n.end")
    said = "a transient, a noise analysis, a temperature sweep from -40 to 85 and the DC transfer function"
    assert named_runs(said, check(deck).netlist) == []


def test_a_temperature_sweep_may_be_stepped():
    deck = "t\nV1 in 0 DC 1\nR1 in out 1k\n.temp 0 25 50\n.op\n.end"
    assert named_runs("step the temperature over 0, 25 and 50 C", check(deck).netlist) == []


def test_words_that_name_no_run_ask_for_none():
    # "low noise" is a wish, "transfer" alone a verb: neither names an analysis
    assert named_runs("a low noise preamp that can transfer the signal", check(AC_ONLY).netlist) == []


def test_a_noise_or_transfer_function_run_on_no_node_of_the_circuit_fails():
    from spice_lsp.generation.checklist import analyses
    deck = ("t\nVS a 0 DC 0 AC 1\nR1 a b 47k\nC1 b 0 2.2n\n.noise v(output) VS dec 10 10 100k\n.tf v(b) VQ\n"
            ".noise v(b) VS dec 10 10 100k\n.tf i(VS) VS\n.end")
    failing = [(i.what, i.detail) for i in analyses([], check(deck).netlist) if i.status == FAIL]
    assert failing == [(".noise v(output) VS dec 10 10 100k", "node output: not in the circuit"),
                       (".tf v(b) VQ", "source VQ: not in the circuit")]


def test_the_noise_output_is_the_node_named_after_the_role_word():
    from spice_lsp.generation.intent import parse_intent
    said = "noise analysis at output vb referred to VS, 5 points per decade from 1 Hz to 10 kHz"
    assert [a.directive for a in parse_intent(said).analyses] == [".noise v(vb) VS dec 5 1 10k"]
    assert parse_intent("a noise analysis at the output from 10 Hz to 1 MHz").analyses[0].directive.startswith(
        ".noise v(out) ")


def test_a_goal_a_part_is_sized_by_is_unchecked_unless_a_spec_was_read_from_it():
    from spice_lsp.generation.checklist import UNCHECKED
    from spice_lsp.generation.coverage import unmeasured_goals
    said = "CMOS inverter on 3.3 V; choose the PMOS width so that the trip point lands at mid-supply."
    assert [i.status for i in unmeasured_goals(said, [])] == [UNCHECKED]
    assert unmeasured_goals("Pick R1 such that the cutoff is 2 kHz, C1 = 10 nF.", ["cutoff is 2 kHz"]) == []


def test_an_output_named_after_the_pin_it_is_taken_at_is_where_the_checks_must_measure():
    from spice_lsp.generation.coverage import measured_ports
    said = "JFET stage on 12 V, input via a cap from node gin, output at the upper drain, node dout."
    assert [i.what for i in measured_ports(said, "out", "gin")] == ["the output at dout, as the request names it"]
    assert measured_ports(said, "dout", "gin") == []
