"""A node the request names with no port word goes where the words around it put it (compose._placed_by_words): on
the node a capacitor (or a tank's L and C) holds to ground, on the reference a source holds, on the input a
generator drives; names held at DC levels go on the circuit's inputs in the order said. The expectations are read
off the built netlist (which element sits on the named node), never pinned lines."""
import pytest

from spice_lsp.generation.compose import _cue, compose
from spice_lsp.generation.pipeline import _build
from spice_lsp.generation.ports import read_ports
from spice_lsp.generation.request import read_request
from spice_lsp.language.units import parse_number
from tests.measuring import circuit_lines


def _on(netlist: str, kind: str, node: str) -> list:
    """The elements of `kind` with `node` among their nodes."""
    return [line for line in circuit_lines(netlist) if line.name[:1].upper() == kind and node in line.nodes]


@pytest.mark.parametrize("text, name, role", [
    ("Op-amp astable at 1 kHz: output node q, timing capacitor node ct.", "ct", "capacitor"),
    ("The held value sits on node pk across a 470 nF cap.", "pk", "capacitor"),
    ("Compare it with a 1.5 V threshold on node thr.", "thr", "reference"),
    ("The signal generator on node sg feeds it through 1k.", "sg", "input"),
    ("Node xa sits at 2 V; node xb at 1 V.", "xa", None),
    ("An LC tank, fed through a resistor from in, that rings at 1 MHz; tank node tank.", "tank", "capacitor"),
])
def test_the_nearest_cue_word_gives_the_role(text, name, role):
    assert _cue(text, name) == role


def test_a_tank_node_is_where_its_l_and_c_meet_ground():
    net = _build("Parallel resonant circuit: 47 uH in parallel with 220 pF, both from node lc to ground; "
                 "the signal generator on node sg drives it through 1k.").netlist
    assert _on(net, "L", "lc") and _on(net, "C", "lc")
    assert all("0" in line.nodes for line in _on(net, "C", "lc"))
    assert _on(net, "V", "sg")


def test_a_timing_capacitor_node_is_the_capacitor_s():
    net = _build("Op-amp relaxation oscillator (square wave) at 1.2 kHz. Output node sqo, timing capacitor "
                 "node ct, equal resistors in the feedback divider.").netlist
    caps = _on(net, "C", "ct")
    assert caps and all(set(line.nodes[:2]) == {"ct", "0"} for line in caps)


def test_names_held_at_levels_are_the_inputs_in_the_order_said():
    net = _build("Three-op-amp instrumentation amplifier, gain 5. Node xa sits at 1.2 V and node xb at 1.0 V; "
                 "output node uo.").netlist
    sources = {line.nodes[0]: line.rest for line in circuit_lines(net) if line.name[:1].upper() == "V"}
    assert "xa" in sources and "xb" in sources
    assert "1.2" in sources["xa"] and "1" in sources["xb"].split()[1]


def test_a_level_said_of_the_output_is_no_input():
    """"so node z rests at 0 V": a held name beside a name with no level is not put on the input."""
    family = "hp\nV1 in 0 DC 0 AC 1\nC1 in out 100n\nR1 out 0 1k\n.ac dec 10 1 1meg\n.end\n"
    composed = compose(family, read_request("Strip the DC from node biased so node z rests at 0 V."))
    assert composed.renamed.get("in") != "z"
    summer = "sum\nV1 in 0 DC 1\nV2 in2 0 DC 0\nR1 in out 1k\nR2 in2 out 1k\nR3 out 0 1k\n.op\n.end\n"
    held = compose(summer, read_request("Node xa sits at 2 V, node xb at 1 V."))
    assert held.renamed == {"in": "xa", "in2": "xb"}  # the family's two inputs take them in the order said
    assert "V1 xa 0 DC 2" in held.netlist and "V2 xb 0 DC 1" in held.netlist


def test_bit_levels_go_on_the_bits_in_the_order_said():
    net = _build("3-bit binary-weighted resistor DAC into an inverting op-amp summer. Apply code 110: node q2 at 5 V, "
                 "node q1 at 5 V, node q0 at 0 V. Output node dac.").netlist
    ohms = {}
    for bit in ("q2", "q1", "q0"):
        assert _on(net, "V", bit), bit
        ohms[bit] = [line.rest.split()[0] for line in _on(net, "R", bit)]
    value = {bit: parse_number(ohms[bit][0]) for bit in ohms}
    assert value["q2"] < value["q1"] < value["q0"]  # the first bit said is the MSB: the smallest resistor


def test_a_part_between_pin_words_is_between_those_pins():
    """"10k from collector to base": the one transistor's collector and base, never nodes called "collector"."""
    family = "vbe\nI1 0 top DC 5m\nR2 top b 10k\nR3 b 0 4.7k\nQ1 top b 0 npn\n.op\n.end\n"
    composed = compose(family, read_request("Vbe multiplier: NPN with 10k from collector to base and 4.7k from base "
                                            "to emitter, 2 mA from a current source into the collector node hi."))
    assert "collector" not in composed.netlist and "base" not in composed.renamed.values()
    assert "R2 hi b 10k" in composed.netlist and "R3 b 0 4.7k" in composed.netlist and not composed.problems


def test_a_supply_node_goes_on_the_rail_at_its_level():
    """A circuit whose rail has its own name ("logic") takes the user's supply node where the level is the same."""
    family = "w\nV1 in 0 SIN(0 1 1k)\nV2 hi 0 DC 2\nV4 logic 0 DC 5\nR1 logic out 10k\nR2 hi out 1meg\n.op\n.end\n"
    composed = compose(family, read_request("Window comparator on a single 5 V supply (node vpos): output node out, "
                                            "input on node in."))
    assert composed.renamed.get("logic") == "vpos"


def test_a_word_before_a_part_s_noun_is_no_listed_port():
    """"Output node sq, timing capacitor node ramp": "timing" says which capacitor, it names no second output."""
    roles = read_ports("Op-amp astable at 750 Hz. Output node sq, timing capacitor node ramp, equal resistors.").roles
    assert "timing" not in roles.get("output", ())
    assert read_ports("outputs q1, q2 and q3 of the ladder").roles["output"] == ("q1", "q2", "q3")
