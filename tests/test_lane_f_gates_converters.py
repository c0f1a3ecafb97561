"""Complex CMOS gates (any AND/OR function as one static stage), the transmission-gate 2:1 multiplexer and
(below) the comparators, converters and oscillators added with them: requests in words no case file uses,
each answer simulated here with our own analyses and compared with the function computed from the request."""
import itertools
import re

import pytest

from spice_lsp.generation.pipeline import CannotServe, generate
from spice_lsp.generation.recipes.logic import _evaluate, _variables, complex_function
from spice_lsp.ngspice import runner


def _op(netlist: str, node: str) -> float:
    result = runner.run(netlist, control=f"op\nlet result = v({node})\nprint result", timeout=30)
    assert result.ok, result.errors
    return result.values["result"]


@pytest.mark.parametrize("text,function", [
    ("OAI32 cell", lambda a, b, c, d, e: not ((a or b or c) and (d or e))),
    ("an AOI211 gate", lambda a, b, c, d: not ((a and b) or c or d)),
    ("four-input NOR", lambda a, b, c, d: not (a or b or c or d)),
    ("NAND3 cell", lambda a, b, c: not (a and b and c)),
    ("z = !(p·q + r')", lambda p, q, r: not ((p and q) or not r)),
    ("f = (u + v) w", lambda u, v, w: (u or v) and w),
    ("majority logic for the adder", lambda a, b, c: a + b + c >= 2),
])
def test_the_function_read_from_a_code_an_equation_or_a_count(text, function):
    expression = complex_function(text)
    names = _variables(expression)
    for values in itertools.product((False, True), repeat=len(names)):
        assert _evaluate(expression, dict(zip(names, values))) == bool(function(*values)), values


def _vector(names, values, high):
    return ", ".join(f"{n} = {high if v else 0} V" for n, v in zip(names, values))


@pytest.mark.parametrize("code,function", [
    ("AOI22", lambda a, b, c, d: not (a and b or c and d)),
    ("OAI21", lambda a, b, c: not ((a or b) and c)),
])
def test_a_held_vector_gives_the_computed_level(code, function):
    names = ["p1", "p2", "p3", "p4"][:function.__code__.co_argcount]
    for values in [(True,) * len(names), (False, True, True, False)[:len(names)]]:
        text = (f"static CMOS {code} on a 2.5 V supply, inputs {', '.join(names[:-1])} and {names[-1]}, output q; "
                f"operating point with {_vector(names, values, 2.5)}")
        result = generate(text)
        assert result.intent.kind == "cmos_complex_gate"
        assert ".op" in result.netlist.splitlines()
        level = _op(result.netlist, "q")
        want = function(*values)
        assert (level > 2.4) if want else (level < 0.1), (values, level)
        assert result.verified, [(c.what, c.detail) for c in result.checks if c.status != "pass"]


def test_an_unheld_gate_is_checked_over_its_whole_truth_table():
    result = generate("transistor-level OAI31 gate, VDD = 3.3 V, inputs w, x, y and z, output g")
    assert result.intent.kind == "cmos_complex_gate"
    assert len(re.findall(r"^V\d+ [wxyz] 0 PULSE", result.netlist, re.MULTILINE)) == 4
    assert re.search(r"^\.tran \S+ 160n", result.netlist, re.MULTILINE)
    assert result.verified, [(c.what, c.detail) for c in result.checks if c.status != "pass"]


def _kind(text: str) -> str | None:
    try:
        return generate(text).intent.kind
    except CannotServe:
        return None


def test_a_full_adder_with_its_sum_is_not_the_carry_stage():
    assert _kind("CMOS full adder: sum and carry out, inputs a, b, cin") != "cmos_complex_gate"


@pytest.mark.parametrize("select,want", [(0.0, 0.0), (1.8, 1.8)])
def test_the_mux_passes_the_selected_input(select, want):
    result = generate(f"2-to-1 multiplexer with transmission gates, 1.8 V; data inputs x0 and x1, select line sl, "
                      f"output y. x0 = 0 V, x1 = 1.8 V, sl = {select:g} V; operating point")
    assert result.intent.kind == "tg_mux"
    assert _op(result.netlist, "y") == pytest.approx(want, abs=0.1)
    assert result.verified, [(c.what, c.detail) for c in result.checks if c.status != "pass"]


def test_a_wider_mux_is_not_answered_with_a_two_input_one():
    assert _kind("8:1 multiplexer from transmission gates") != "tg_mux"
