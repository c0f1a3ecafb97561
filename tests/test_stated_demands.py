"""What a request demands in words that no spec reader reads (generation/stated), and a diode the request defines by its
own parameters: each is built as stated or the answer is unverified. Requests in new words, not the cases'."""
from __future__ import annotations

import math
import re

import pytest

from spice_lsp.generation.pipeline import generate
from spice_lsp.generation.recipes.sensors import VT
from spice_lsp.generation.stated.analyses import asked_sweep
from spice_lsp.generation.stated.measured import reference_level, wave_levels
from spice_lsp.generation.stated.nodes import bracketed_nodes
from spice_lsp.generation.stated.parts import word_elements
from spice_lsp.language.parser import parse
from spice_lsp.language.units import parse_number


def _parsed(text: str):
    return parse(text).netlist


def _statuses(items) -> list[str]:
    return [i.status for i in items]


# --- 1. a diode the request defines by IS and N is that diode: none of our card's RS, and designed on it ---------

@pytest.mark.parametrize("request_text, supply, current, is_, n", [
    ("Light a red LED at 8 mA from a 9 V rail (node vs). Treat the LED as a diode with IS=1e-20 and N=1.8; "
     "anode at an, cathode to ground. Choose the resistor.", 9.0, 8e-3, 1e-20, 1.8),
    ("LED current 20 mA from 12 V at node p, the LED being a diode IS=2e-19 N=2.2 with its anode at q; size the "
     "series resistor.", 12.0, 20e-3, 2e-19, 2.2),
])
def test_a_diode_defined_by_its_parameters_is_that_diode(request_text, supply, current, is_, n):
    result = generate(request_text)
    card = next(line for line in result.netlist.splitlines() if line.lower().startswith(".model"))
    assert not re.search(r"\brs\s*=", card, re.IGNORECASE), card
    assert f"is={is_:g}" in card and f"n={n:g}" in card
    resistor = next(line for line in result.netlist.splitlines() if line.upper().startswith("R"))
    want = (supply - n * VT * math.log(current / is_)) / current
    assert abs(parse_number(resistor.split()[3]) - want) <= 0.02 * want  # an E96 value near the exact one
    assert result.verified


def test_a_zener_defined_by_its_is_keeps_its_breakdown():
    result = generate("a 5.1 V zener with IS=1e-14 from 12 V through 1k, node z")
    card = next(line for line in result.netlist.splitlines() if line.lower().startswith(".model"))
    assert "bv=5.1" in card and "is=1e-14" in card


# --- 2. a clock, square or pulse at a node with a swing: shown in a transient, both levels reached ----------------

_DIVIDER = "* t\nV1 a 0 DC 10 PULSE(0 5 0 1n 1n 5u 10u)\nR1 a sq 10k\nR2 sq 0 10k\n{}\n.end\n"
_PULSE = "* t\nV1 sq 0 PULSE(0 5 0 1n 1n 5u 10u)\nR1 sq 0 10k\n{}\n.end\n"


@pytest.mark.parametrize("description", [
    "I want a 100 kHz square wave at node sq that goes 0 to 5 V.",
    "clock on sq, 0-5 V, 100 kHz, 50 % duty",
])
def test_a_wave_at_a_node_needs_its_levels_in_a_transient(description):
    op_only = _DIVIDER.format(".op")
    assert _statuses(wave_levels(description, op_only, _parsed(op_only), 10)) == ["fail"]
    halved = _DIVIDER.format(".tran 0.1u 50u")  # the divider halves the swing: 0 to 2.5 V at sq
    assert _statuses(wave_levels(description, halved, _parsed(halved), 10)) == ["fail"]
    right = _PULSE.format(".tran 0.1u 50u")
    assert _statuses(wave_levels(description, right, _parsed(right), 10)) == ["pass"]


# --- 3. a sweep the request asks to see runs; a plain word is never an element ----------------------------------

_RC = "* t\nV1 a 0 DC 0 AC 1\nR1 a b 1k\nC1 b 0 1u\n{}\n.end\n"


@pytest.mark.parametrize("description", [
    "hey can you just hook 1k from a to b and 1u from b to ground, ac 1 V at a, sweep it",
    "1k a-b, 1u b-gnd, 1 V AC at a; I want to see the roll-off",
    "RC from a to b (1k, 1u to ground). Bode plot please, AC 1 V at a.",
])
def test_an_asked_sweep_runs(description):
    assert _statuses(asked_sweep(description, _parsed(_RC.format(".op")))) == ["fail"]
    assert asked_sweep(description, _parsed(_RC.format(".ac dec 10 1 1meg"))) == []


def test_a_dc_sweep_answers_a_plain_sweep_but_not_a_roll_off():
    dc = _parsed(_RC.format(".dc V1 0 5 0.1"))
    assert asked_sweep("sweep the input from 0 to 5 V", dc) == []
    assert _statuses(asked_sweep("show me where it rolls off", dc)) == ["fail"]


def test_a_word_read_as_an_element_fails_and_a_stated_one_does_not():
    netlist = _parsed("* t\nit 0 a DC 0\nso a 0 DC 1\nR1 a 0 1k\n.op\n.end\n")
    failed = {i.what for i in word_elements("so like put 1k across a and sweep it", netlist)}
    assert failed == {"element it", "element so"}
    assert word_elements("IT from 0 to a (0 A), SO 1 A from a to 0, R1 1k across a", netlist) == []


# --- 4. a node named in parentheses after a level --------------------------------------------------------------

@pytest.mark.parametrize("description, node", [
    ("Boost stage: 5 V in (vbat), 200 kHz, output hv", "vbat"),
    ("a 24 V supply (node v24) feeding a divider to out", "v24"),
])
def test_a_bracketed_node_after_a_level_is_placed(description, node):
    absent = _parsed("* t\nV1 in 0 DC 5\nR1 in out 1k\nR2 out 0 1k\n.op\n.end\n")
    assert [i.what for i in bracketed_nodes(description, absent)] == [f"node {node}"]
    present = _parsed(f"* t\nV1 {node} 0 DC 5\nR1 {node} out 1k\nR2 out 0 1k\n.op\n.end\n")
    assert bracketed_nodes(description, present) == []


def test_a_bracketed_word_is_no_node():
    netlist = _parsed("* t\nV1 in 0 DC 5\nR1 in 0 1k\n.op\n.end\n")
    assert bracketed_nodes("a 230 V (rms) mains input, 12 V out (typ)", netlist) == []
    assert bracketed_nodes("a 0 to 2 V step (PULSE) at in, 5 V sine (SIN) too", netlist) == []


# --- 5. the level of a reference or regulator, measured at its output ------------------------------------------

@pytest.mark.parametrize("description, top, bottom", [
    ("3.3 V regulator from 9 V, output vo", 5.7e3, 3.3e3),  # 9 * 3.3/9 = 3.3 V
    ("Need a 1.2 V reference at vo from a 9 V battery", 7.8e3, 1.2e3),
])
def test_a_stated_reference_level_is_measured(description, top, bottom):
    want = float(description.split(" V ")[0].split()[-1])
    right = f"* t\nV1 a 0 DC 9\nR1 a vo {top:g}\nR2 vo 0 {bottom:g}\n.op\n.end\n"
    assert 9 * bottom / (top + bottom) == pytest.approx(want)
    assert _statuses(reference_level(description, right, "vo", 10)) == ["pass"]
    wrong = "* t\nV1 a 0 DC 9\nR1 a vo 1k\nR2 vo 0 1k\n.op\n.end\n"  # 4.5 V
    assert _statuses(reference_level(description, wrong, "vo", 10)) == ["fail"]


@pytest.mark.parametrize("description", [
    "so basically 2.2k from p to q and 47n from q to gnd, 1 V AC at p, sweep it and show me where it rolls off",
    "like 2.2k p to q, 47n q to ground, ac 1v at p; i wanna see the rolloff",
])
def test_a_chatty_roll_off_request_is_an_ac_sweep_with_no_word_parts(description):
    result = generate(description)
    names = [line.split()[0].lower() for line in result.netlist.splitlines()[1:] if line and line[0].isalpha()]
    assert not {"it", "so", "like"} & set(names), result.netlist
    assert re.search(r"^\.ac\b", result.netlist, re.MULTILINE | re.IGNORECASE), result.netlist


@pytest.mark.parametrize("description, node, level", [
    ("Resistive divider: 10 V in (vten), 10k over 10k, output at mid2.", "vten", 10.0),
    ("6 V battery (vbt) feeding a 1k / 2k divider, output at tap", "vbt", 6.0),
])
def test_a_level_then_its_node_in_parentheses_is_the_input_there(description, node, level):
    result = generate(description)
    source = next(line.split() for line in result.netlist.splitlines() if line[:1].upper() == "V")
    assert source[1] == node and parse_number(source[-1]) == level, result.netlist
    assert result.verified
