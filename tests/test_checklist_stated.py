"""What a request states in words that no spec carries (a node at a share of the supply, the nodes its
gain is taken between, a product asked for instead of a circuit) is measured or refused, never passed."""
import pytest

from spice_lsp.generation.checklist import FAIL, PASS, stated_levels
from spice_lsp.generation.coverage import measured_ports
from spice_lsp.generation.families import covered_spans, family_of
from spice_lsp.generation.intent import _ASSUMED_KIND
from spice_lsp.generation.pipeline import CannotServe, generate
from spice_lsp.generation.scope import uncovered

DIVIDER = "t\n.param vs=24\nV1 top 0 DC {vs}\nR1 top tap 33k\nR2 tap 0 33k\n.op\n.end\n"


@pytest.mark.parametrize("said, status", [
    ("A half-supply node tap, from a 24 V rail, two 33k resistors.", PASS),
    ("Make a mid-rail point at node top from a 24 V source with two equal resistors.", FAIL),  # the supply's node
    ("Bias node tap at a third of the 24 V supply.", FAIL),
])
def test_a_node_at_a_share_of_the_supply_is_measured(said, status):
    (item,) = stated_levels(said, DIVIDER)
    assert item.status == status, item


def test_the_supply_is_the_answers_when_the_request_gives_no_level():
    (item,) = stated_levels("Two equal resistors put node tap at mid-supply.", DIVIDER)
    assert item.status == PASS and "12V" in item.detail


def test_a_share_with_no_node_named_is_not_measured():
    assert stated_levels("Bias the divider at mid-supply from a 24 V rail.", DIVIDER) == []


@pytest.mark.parametrize("said, output, inp, failing", [
    ("CE stage; 26 dB gain at 2 kHz from src (via a 1u coupling cap) to the collector node k.", "k", "in",
     ["the input at src, as the request names it"]),
    ("Voltage inverter (charge pump) giving a negative rail at vminus from a 6 V clock.", "out", "clk",
     ["the output at vminus, as the request names it"]),
    ("Non-inverting op-amp, gain from in to out of 11, output at node out.", "out", "in", []),
    ("Ideal op-amp (gain 1e5): R2 = 3k from in to node m, RF from m to out.", "out", "in", []),  # parts' places
    ("Dual supply: the output is at node vp and the negative rail at vn.", "vn", None, []),
    ("Buck converter, 12 V supply rail at vcc, output node vo.", "vo", "vcc", []),  # a supply rail is no output
    ("Source follower. Outputs: vs. Keep the output node names as given.", "vs", "vg", []),  # "names" is no node
])
def test_the_checks_measure_where_the_request_names_its_output_and_input(said, output, inp, failing):
    assert [i.what for i in measured_ports(said, output, inp) if i.status == FAIL] == failing


@pytest.mark.parametrize("said", [
    "Transistor-level schematic of the neural engine in a flagship smartphone processor, output at ne.",
    "The netlist for a gaming laptop's graphics card, every transistor, output node fb.",
])
def test_a_product_asked_for_is_no_circuit_of_ours(said):
    assumed = list(covered_spans(_ASSUMED_KIND, said.lower()))
    assert uncovered(said, assumed, family_of(_ASSUMED_KIND)) is not None
    with pytest.raises(CannotServe, match="no recipe for"):  # not the textbook amplifier "transistor" assumes
        generate(said)


def test_a_product_a_named_circuit_serves_is_only_its_context():
    said = "Buck converter feeding a 0.9 V GPU core from 5 V, output at vcore."
    assert uncovered(said, covered_spans("buck_converter", said.lower()), family_of("buck_converter")) is None
    said = "A transistor amplifier for a laptop's microphone, gain 20, output out."
    assert uncovered(said, list(covered_spans(_ASSUMED_KIND, said.lower())), family_of(_ASSUMED_KIND)) is None
