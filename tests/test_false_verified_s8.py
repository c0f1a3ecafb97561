"""Round 8's false-verified classes: a node the request names in words no reader takes (after "nodes", "called",
in parentheses after a port or a pin, around an arrow, an identifier after a word of place, inside a vector it reads)
and a step the request drives its circuit with, each absent from an answer that would otherwise say verified.
Requests in new words, not the probes' or the cases'."""
from __future__ import annotations

import pytest

from spice_lsp.generation.coverage import _stated_waves
from spice_lsp.generation.stated.checks import stated_checks
from spice_lsp.generation.stated.nodes import spoken_nodes
from spice_lsp.language.parser import parse

# The answer every request below is checked against: a source on node a, a resistor to node b, a capacitor to ground.
ANSWER = parse("rc\nVSUP a 0 DC 0 AC 1\nR7 a b 2.2k\nC3 b 0 47n\n.ac dec 10 1 1meg\n.end\n").netlist


def _absent(request: str) -> list[str]:
    """The node names spoken_nodes fails, in the order the request writes them."""
    return [item.what.split()[1] for item in spoken_nodes(request, ANSWER)]


@pytest.mark.parametrize("request_text, missing", [
    ("a low-pass whose filtered node is called lvl", ["lvl"]),
    ("feed nodes sx and so; ", ["sx", "so"]),  # a list that ends its clause: "so" is a name there
    ("between the nodes q_a q_b.", ["q_a", "q_b"]),
    ("the transistor's collector (kq) drives it", ["kq"]),
    ("output (fl7) and input (a)", ["fl7"]),
    ("sig → flt, please", ["sig", "flt"]),
    ("the signal passes via n_mid to the load", ["n_mid"]),
    ("the output is node wq.", ["wq"]),
    ("the wiper is called wp and the top is vhi.", ["wp", "vhi"]),
    ("plot i(VBAT) and v(a, zz)", ["vbat", "zz"]),
])
def test_a_node_the_request_names_and_the_answer_lacks_fails(request_text, missing):
    assert _absent(request_text) == missing


@pytest.mark.parametrize("request_text", [
    "the output is clean and the input is buffered.",
    "How big is the output for a 1 V input?",
    "bass at full boost and treble in the middle (flat)",
    "an LM358 on 5 V with x10 gain, f0 at 1 kHz, E24 resistors from the e24 series",
    "node a drives R7 into node b; plot v(b) and i(VSUP)",  # every name is the answer's
    "the output out (negative) swings down",
    "the top is grounded, the output is clean and the cathode is positive.",
])
def test_words_that_name_no_node_fail_nothing(request_text):
    assert _absent(request_text) == []


def test_a_node_absent_is_reported_once():
    # "node zq" is also read by rail_nodes: the stated checks report it once
    items = [i for i in stated_checks("the output is node zq, taken across C3.", ANSWER) if "zq" in i.what]
    assert len(items) == 1 and items[0].status == "fail"


TRAN = "rc\nV1 a 0 {}\nR1 a b 1k\nC1 b 0 1u\n.tran 10u 10m\n.end\n"


@pytest.mark.parametrize("request_text, source, fails", [
    ("charge the capacitor from a 3 V step applied at node a", "DC 0 AC 1", True),
    ("its step response, input a, output b", "DC 1", True),
    ("charge the capacitor from a 3 V step applied at node a", "PULSE(0 3 0 1u 1u 1 2)", False),
    ("a transient with a time step of 10 us", "DC 1", False),
    ("transient, step 10 us, stop 10 ms", "DC 1", False),
    ("a step-down stage from node a", "DC 1", False),
])
def test_a_step_the_request_drives_with_is_made_by_a_source(request_text, source, fails):
    items = _stated_waves(request_text, parse(TRAN.format(source)).netlist, None)
    assert bool([i for i in items if i.status == "fail"]) is fails


SUPPLIED = "ce\nV1 vdd 0 9\nVDD sig 0 AC 1\nR1 vdd o 1k\nR2 sig o 10k\n.dc VDD 0 5 1\n.end\n"


@pytest.mark.parametrize("request_text, answer, fails", [
    ("step VDD from 0 to 5 V and watch o", SUPPLIED, True),  # VDD drives sig; the supply node vdd is V1's
    ("step VDD from 0 to 5 V and watch o", SUPPLIED.replace("V1 vdd 0 9\nVDD sig", "VDD vdd 0 9\nV1 sig"), False),
    ("a 9 V rail and a 1 V signal", SUPPLIED, False),  # the request names no source VDD: the answer's own names
])
def test_a_source_the_request_names_sits_on_the_node_of_its_name(request_text, answer, fails):
    items = [i for i in stated_checks(request_text, parse(answer).netlist) if i.what.startswith("VDD")]
    assert bool(items) is fails and all(i.status == "fail" for i in items)
