"""The classes of the six answers the round-8 held-out files found verified while failing the user's checks (those
six cases were read to close them): a node named as what "the ... node is", as the left side of an equation of the
answer's nodes, or in a list of ports each with an aside; a value stated for every part of a kind; a part's two ends
where one is a node the request names elsewhere; a band-pass centre held to a tenth of its half bandwidth.
Requests in new words, not the cases'."""
from __future__ import annotations

import pytest

from spice_lsp.generation.checklist import FAIL, PASS, structure
from spice_lsp.generation.coverage import stated_facts
from spice_lsp.generation.request import read_request
from spice_lsp.generation.stated.measured import q_scaled
from spice_lsp.generation.stated.nodes import spoken_nodes
from spice_lsp.language.parser import parse

# The answer the node and value checks below read: two inputs p1 and p2 through R1 and R2 into node m, C1 and C2.
ANSWER = parse("t\nV1 p1 0 DC 1\nV2 p2 0 DC 0\nR1 p1 m 4.7k\nR2 p2 m 10k\nC1 m 0 22n\nC2 m 0 22n\n.op\n.end\n").netlist


def _absent(request: str) -> list[str]:
    return [item.what.split()[1] for item in spoken_nodes(request, ANSWER)]


@pytest.mark.parametrize("request_text, missing", [
    ("A summing node for two inputs; the averaged node is av.", ["av"]),
    ("Weighted sum: y = 0.5 × (p1 + p2), inputs at 1 V and 0 V.", ["y"]),
    ("inputs p1 (1 V) and p3 (0 V DC) each through a resistor.", ["p3"]),
    # and three a probe file found after them: an article as an arrow's end, a pin's owner before "is", a path's far end
    ("plain RC, a -> m", ["a"]),
    ("the collector of the left transistor is kl, the other m", ["kl"]),
    ("from the 5 V supply on node p1 to tip; operating point", ["tip"]),
])
def test_a_node_named_in_these_ways_and_absent_fails(request_text, missing):
    assert _absent(request_text) == missing


@pytest.mark.parametrize("request_text", [
    "the node is called m",  # "called" still names the node that follows it
    "gain = 2 × (p1 - p2)",  # a quantity, not a node, on the left
    "R1 = 4.7k from p1 to m",  # no equation of nodes
])
def test_words_that_name_no_absent_node_pass(request_text):
    assert _absent(request_text) == []


@pytest.mark.parametrize("request_text, status", [
    ("Average two signals with both resistors 10k.", FAIL),  # R1 is 4.7k
    ("Two 22 nF capacitors from m to ground.", PASS),
    ("each capacitor is 22n", PASS),
    ("all three resistors = 1k", FAIL),
])
def test_a_value_stated_for_every_part_of_a_kind_is_checked_on_each(request_text, status):
    [item] = [i for i in stated_facts(request_text, ANSWER, None) if "parts at that value" in i.detail]
    assert item.status == status, item


def test_a_parts_ends_count_where_one_is_a_node_the_request_names_elsewhere():
    # "so" is an English word; the request names it a node ("drain ... source on so"), so R9's ends are read
    request = read_request("M4 is an NMOS: drain on vdd, gate on gx, source and bulk on so. R9 = 1k from so to ground.")
    wrong = parse("t\nVDD vdd 0 DC 5\nM4 vdd gx out out nch\nR9 out 0 1k\n.model nch nmos\n.op\n.end\n").netlist
    right = parse("t\nVDD vdd 0 DC 5\nM4 vdd gx so so nch\nR9 so 0 1k\n.model nch nmos\n.op\n.end\n").netlist
    assert [i.status for i in structure(request, wrong) if i.what.startswith("R9")] == [FAIL]
    assert [i.status for i in structure(request, right) if i.what.startswith("R9")] == [PASS]


def test_a_band_pass_centre_is_held_to_a_tenth_of_its_half_bandwidth():
    specs = read_request("band-pass centred on 20 kHz with a Q of 4").specs
    centre = next(s for s in q_scaled(specs) if s.quantity == "center")
    half_bandwidth = 20e3 / 4 / 2
    assert centre.tolerance * 20e3 == pytest.approx(half_bandwidth / 10)
