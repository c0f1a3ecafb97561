"""A part said "in series with" another and then placed between two nodes (lane J, s9): the two make one path
between those nodes through a node of their own; an answer with them side by side is not verified."""
import pytest

from spice_lsp.generation.checklist import FAIL, PASS
from spice_lsp.generation.pipeline import generate
from spice_lsp.generation.stated.parts import in_series
from spice_lsp.language import model as m
from spice_lsp.language.elements import layout
from spice_lsp.language.parser import parse
from tests.measuring import deck

GROUND = {"0", "gnd", "ground"}


def ends(netlist: m.Netlist) -> dict[str, list[str]]:
    """Each element's nodes by upper-case name, ground as 0."""
    return {e.name.upper(): ["0" if f.text.lower() in GROUND else f.text.lower() for f in layout(e).nodes]
            for e in netlist.statements if isinstance(e, m.Element)}


def series_path(netlist: m.Netlist, first: str, second: str, a: str, b: str) -> bool:
    """`first` from a to a node only the two touch, `second` from there to b."""
    nodes = ends(netlist)
    x, y = nodes[first][:2], nodes[second][:2]
    inner = set(x) & set(y)
    if len(inner) != 1 or inner & {a, b}:
        return False
    joint = inner.pop()
    touching = [n for n, pins in nodes.items() if joint in pins]
    return sorted(touching) == sorted([first, second]) and {*x, *y} == {a, b, joint} and a in x and b in y


# (request, first part, second part, from, to)
CASES = [
    ("Lead-lag network: RA = 15k from src to o, then R2 = 1k in series with C1 = 47 nF from o to ground; "
     "AC sweep 10 Hz to 1 MHz.", "R2", "C1", "o", "0"),
    ("Series RL: R5 = 220 ohm in series with L2 = 4.7 mH between drv and gnd, drv driven by a 1 kHz sine, "
     "2 V peak.", "R5", "L2", "drv", "0"),
    ("Bias string: R3 = 2.2k in series with R4 = 3.3k from vin to ground, vin held at 5 V DC; operating point.",
     "R3", "R4", "vin", "0"),
    ("Power LED: vcc is a 5 V supply, and R1 = 330 ohm in series with the LED D1 from vcc to ground.",
     "R1", "D1", "vcc", "0"),
]


@pytest.mark.parametrize("text, first, second, a, b", CASES)
def test_in_series_with_is_built_as_one_path_or_not_verified(text, first, second, a, b):
    result = generate(text)
    netlist = parse(result.netlist).netlist
    if result.verified:
        assert series_path(netlist, first, second, a, b), result.netlist
    else:
        assert any(i.status == FAIL for i in result.checks), result.reason


def test_side_by_side_fails_the_check_and_a_path_passes():
    text = "R1 = 10k from in to out, then R2 = 1k in series with C1 = 100 nF from out to ground."
    beside = deck("V1 in 0 AC 1", "R1 in out 10k", "R2 out 0 1k", "C1 out 0 100n")
    path = deck("V1 in 0 AC 1", "R1 in out 10k", "R2 out mid 1k", "C1 mid 0 100n")
    assert [i.status for i in in_series(text, beside)] == [FAIL]
    assert [i.status for i in in_series(text, path)] == [PASS]
    assert series_path(path, "R2", "C1", "out", "0") and not series_path(beside, "R2", "C1", "out", "0")


def test_a_resistor_with_an_led_beside_it_fails():
    text = "Indicator: RLIM = 470 ohm in series with the LED D3 between p and gnd."
    beside = deck("V1 p 0 3.3", "RLIM p 0 470", "D3 p 0 dled", ".model dled D")
    assert [i.status for i in in_series(text, beside)] == [FAIL]


def test_each_part_placed_by_its_own_words_is_not_read_as_a_pair():
    # "R2 ... from out to m in series with C1 ... from m to ground": the nodes after C1 are its own, not the pair's
    text = "R2 = 1k from out to m in series with C1 = 100 nF from m to ground."
    assert in_series(text, deck("V1 out 0 1", "R2 out m 1k", "C1 m 0 100n")) == []
