"""Ordinary words and units where a loose reader looks for a node's name ("at full light", "a pullup to 3.3 V",
"rails ±5 V", "across the motor", "Current-output DAC"): no node, unless the request calls them one
(vocabulary.plain, read by request.py's source, port and part readers and ports.py)."""
import pytest

from spice_lsp.generation.ports import read_ports, said_nodes
from spice_lsp.generation.request import read_request


def _all_nodes(text: str) -> set[str]:
    """Every node the request's readers take: nodes, ports, sources' and parts' ends."""
    r = read_request(text)
    found = set(r.nodes) | {r.input, r.output} | {s.node for s in r.sources} | {s.minus for s in r.sources}
    found |= {n for e in r.elements for n in (e.nodes or ())}
    found |= {s.node for s in said_nodes(text)} | set(read_ports(text).named())
    return {n for n in found if n}


@pytest.mark.parametrize("text, word", [
    # a level "at" a word of English
    ("LDR divider giving 3 V at full brightness, 4.7k fixed resistor, 5 V supply.", "full"),
    ("Reset line held high at 5 V through a 47k resistor, 100 nF to ground.", "high"),
    ("AC-coupled non-inverting amplifier, gain 4, biased at mid-supply from a 12 V supply, input ai, output ao.",
     "mid"),
    ("A 0 to 3.3 V square wave on one gate of a CMOS NAND, the other gate tied to VDD.", "one"),
    # a level "to" a word of English
    ("Open-collector NPN output with a 4.7k pullup to 5 V, base driven through 10k.", "pullup"),
    ("Comparator with open-drain output, 2.2k pull-up to 3.3 V, threshold 1 V.", "pull"),
    ("Button input, 10k pulldown to 0 V, 100 nF debounce cap.", "pulldown"),
    # a role word's list
    ("Two-input NOR plus an inverter, output z, rails 0 and 5 V.", "rails"),
    ("Inverter chain, input k, output m, rails ±9 V.", "rails"),
    ("NAND gate plus one inverter, 3.3 V supply.", "plus"),
    # a compound word: the role word names no port
    ("Current-output DAC, 4 bits, 2 mA full scale.", "dac"),
    ("Single-output buck converter, 12 V to 5 V.", "buck"),
    ("Voltage-output sensor interface, gain 2.", "sensor"),
    # a part across an appliance
    ("Flyback diode across the motor, NPN low-side switch, 12 V supply.", "motor"),
    ("Snubber diode across the winding of a 24 V relay, driven by a 2N2222.", "winding"),
    ("A 1N4148 across the solenoid, MOSFET switch, 12 V.", "solenoid"),
    # a unit
    ("Basic NPN current mirror, 20 uA in, 5 V supply.", "ua"),
    ("Widlar current source with 1 mA in and 50 uA out, 10 V supply.", "ma"),
    ("PNP mirror, 100 uA in, 9 V supply.", "ua"),
])
def test_plain_word_names_no_node(text: str, word: str) -> None:
    assert word not in _all_nodes(text)


@pytest.mark.parametrize("text, word", [
    # called a node, the same words are nodes
    ("A 1 V step at node high, RC low-pass 1k and 1n from high to out.", "high"),
    ("A 100 uF capacitor across node motor, 12 V supply.", "motor"),
    ("RC low-pass from node full to node half, fc 1 kHz.", "full"),
    ("Inverting amplifier, gain 2, input node one, output node two.", "one"),
])
def test_called_a_node_it_is_one(text: str, word: str) -> None:
    assert word in _all_nodes(text)


@pytest.mark.parametrize("text, names", [
    # the real names beside the plain words stay
    ("Inverting amplifier, gain -4, input vx, output vy, rails ±12 V.", {"vx", "vy"}),
    ("AC-coupled inverting amplifier, gain 10, biased at mid-rail from a 9 V supply, input vin, output vout.",
     {"vin", "vout"}),
    ("A 2 V sine at node sg1 into an RC low-pass at full scale, output sg2, corner 1 kHz.", {"sg1", "sg2"}),
])
def test_names_beside_plain_words_stay(text: str, names: set[str]) -> None:
    assert names <= _all_nodes(text)


@pytest.mark.parametrize("text, word", [
    # a word the request marks as a node elsewhere is a name everywhere in it
    ("Divider: 10k from top to mid, 10k from mid to gnd; output at mid.", "mid"),
    ("C1 1u across high, R1 1k from in to high.", "high"),
    ("A 1 V step at node one drives 1k from one to two, with 1 nF across two; output at two.", "two"),
])
def test_a_word_marked_as_a_node_elsewhere_is_one_everywhere(text: str, word: str) -> None:
    r = read_request(text)
    assert word in set(r.nodes) | {r.output} | {n for e in r.elements for n in (e.nodes or ())}
    assert all(e.nodes for e in r.elements)


@pytest.mark.parametrize("text, names", [
    ("Make mix = -(ma + mb) with op-amps; ma = 1 V and mb = 0.5 V.", {"mix", "ma", "mb"}),
    ("Summing amp: y = -(2 one + two), one = 0.2 V, two = 0.1 V DC.", {"y", "one", "two"}),
])
def test_a_plain_word_given_a_level_and_written_in_an_equation_is_a_node(text, names):
    assert names <= set(read_request(text).nodes)


def test_a_unit_after_a_figure_stays_no_node():
    assert not read_request("A current mirror with 10 uA in and a 5 V supply.").nodes
