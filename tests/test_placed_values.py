"""A passive's value said with its two ends sits between them in the answer, read apart from the request reader:
an answer that keeps a family's parts in the family's places where the request put them elsewhere is unverified."""
from spice_lsp.generation.checklist import FAIL
from spice_lsp.generation.stated.placed import placed_values
from spice_lsp.language.checks import check

SWAPPED = "t\nV1 vs 0 DC 5\nR1 vs k 3.3k\nR2 k 0 680\n.op\n.end"


def _failing(said: str, deck: str) -> list[str]:
    return [i.what for i in placed_values(said, check(deck).netlist) if i.status == FAIL]


def test_values_whose_said_ends_the_answer_swaps_fail():
    said = ("Bias point: the sensor reads roughly 3.3k when cold, from node k to ground; and a 680 ohm resistor runs "
            "from the 5 V supply to k.")
    assert _failing(said, SWAPPED) == ["3.3k from k to ground", "680 ohm from the 5 V supply to k"]


def test_values_placed_as_said_give_no_item():
    said = "3.3k from the supply to k, 680 ohm between nodes k and gnd"
    assert placed_values(said, check(SWAPPED).netlist) == []


def test_grouped_or_repeated_values_are_not_judged_alone():
    deck = "t\nV1 in 0 DC 1 AC 1\nR1 in out 1k\nL1 out a 10m\nC1 a 0 1u\n.ac dec 10 10 100k\n.end"
    # the capacitor's ends are the series pair's, not its own
    assert _failing("1k from in to out, then a 10 mH inductor in series with a 1 uF cap from out to ground", deck) == []
    # two 1k parts: which statement is which part is not told
    two = "t\nV1 in 0 DC 1\nR1 in a 1k\nR2 a 0 1k\n.op\n.end"
    assert _failing("1k from in to a and 1k from a to ground", two) == []


def test_ends_that_follow_another_part_are_that_parts():
    deck = "t\nV1 p 0 SIN(0 1 1k)\nR1 p q 2.2k\nC1 q 0 47n\n.tran 10u 5m\n.end"
    assert _failing("R1 = 2.2k to q, C1 = 47n from q to gnd", deck) == []


def test_ends_of_another_clause_are_not_the_values():
    deck = "t\nV1 in 0 DC 0 AC 1\nR1 in out 10k\nC1 out 0 10n\n.tf v(out) V1\n.end"
    assert _failing("R = 10k, C = 10 nF, and the DC transfer function from in to out", deck) == []
