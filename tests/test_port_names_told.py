"""Node names a request gives that the answer must keep as given: an English word the request calls a node ("node
so"), a port told apart by the wave or band it carries ("the sawtooth on node rmp"), a load's node, the node a
reference or a supply is stated on, a level stated after a role word, and a part added on a port the user named
(vocabulary.py, ports.py, compose.py). The expectations are read off the built netlist, never pinned lines."""
import pytest

from spice_lsp.generation.pipeline import _build
from spice_lsp.generation.ports import read_ports, said_nodes
from spice_lsp.generation.request import read_request
from spice_lsp.generation.vocabulary import called, marking
from tests.measuring import circuit_lines


def _nodes(netlist: str) -> set[str]:
    return {n for line in circuit_lines(netlist) for n in line.nodes}


@pytest.mark.parametrize("text, word", [
    ("Peak detector: the diode goes to node so and a 1 uF cap holds it.", "so"),
    ("Put the probe on node tip; a 1 nF cap to ground from tip.", "tip"),
    ("A 2.2k resistor from node top to node mid.", "top"),
])
def test_a_word_called_a_node_is_a_name(text, word):
    with marking(text):
        assert called(word)


@pytest.mark.parametrize("text, word", [
    ("The node is held at 2 V by a divider.", "is"),
    ("Print every node voltage of the ladder.", "voltage"),
])
def test_what_a_node_is_said_to_be_is_no_name(text, word):
    with marking(text):
        assert not called(word)


def test_an_english_word_called_a_node_stays_among_the_requests_nodes():
    text = "Half-wave rectifier, 9 V peak 50 Hz sine on node ac2, diode to node so, 470 uF and 2.2k on so."
    assert "so" in read_request(text).nodes


@pytest.mark.parametrize("text, node", [
    ("A bridge rectifier from a 12 V RMS winding with a 330 ohm load on vd.", "vd"),
    ("Emitter follower driving a 2.2k load at node buf3 from node e4.", "buf3"),
    ("Voltage doubler, 5 V peak at 10 kHz in, loaded by 10k at node dbl.", "dbl"),
])
def test_the_node_a_load_hangs_on_is_the_output(text, node):
    said = {s.node: s.role for s in said_nodes(text)}
    assert said.get(node) == "output"


@pytest.mark.parametrize("text, wanted", [
    ("Function generator, 2 kHz, op-amps on ±15 V: the square wave comes out on node qq and the triangle on "
     "node tt.", {"square output": ("qq",), "triangle output": ("tt",)}),
    ("Two-way crossover at 800 Hz, input x0: woofer on wf, tweeter on tw.",
     {"lowpass output": ("wf",), "highpass output": ("tw",)}),
    ("Crossover at 3 kHz: the treble output at node hix and the bass output at node lox.",
     {"highpass output": ("hix",), "lowpass output": ("lox",)}),
    ("Split the band: the low band on node lb2, the high band on node hb2, 1 kHz.",
     {"lowpass output": ("lb2",), "highpass output": ("hb2",)}),
])
def test_a_port_told_apart_by_what_it_carries(text, wanted):
    roles = read_ports(text).roles
    assert {role: roles.get(role) for role in wanted} == wanted


def test_the_family_port_carrying_each_wave_takes_the_users_name():
    build = _build("Function generator (integrator and Schmitt trigger) on ±12 V at 2 kHz; the square wave on "
                   "node qw7 and the triangle on node tw7.")
    lines = circuit_lines(build.netlist)
    comparator = next(line for line in lines if line.name[0] == "X" and "comparator" in line.rest)
    integrator = next(line for line in lines if line.name[0] == "X" and "opamp" in line.rest)
    assert comparator.nodes[2] == "qw7" and integrator.nodes[2] == "tw7"


def test_each_band_of_a_crossover_takes_the_name_said_for_it():
    build = _build("Active Linkwitz-Riley crossover, 2nd order, 900 Hz: feed node src, the high band leaves "
                   "on node up1 and the low band on node dn1.")
    opamps = [line for line in circuit_lines(build.netlist) if line.name[0] == "X"]
    outputs = {line.nodes[2] for line in opamps}
    assert {"up1", "dn1"} <= outputs
    # the low band is the one whose last stage is fed through capacitors to ground (its shunt parts are C)
    last_low = next(line for line in circuit_lines(build.netlist) if line.name[0] == "C" and "dn1" in line.nodes)
    assert last_low


def test_a_reference_stated_on_a_node_is_the_familys_reference_source():
    build = _build("3-comparator flash ADC: a 6 V reference on node rr, equal ladder resistors, 0/5 V comparator "
                   "outputs, analog input 2 V DC on node va.")
    sources = {line.nodes[0]: line.rest for line in circuit_lines(build.netlist) if line.name[0] == "V"}
    assert "rr" in sources and float(sources["rr"].split()[-1]) == 6.0
    assert not any(n.startswith("ref") for n in _nodes(build.netlist))


def test_a_supply_node_leads_to_the_output_node():
    said = {s.node: s.role for s in said_nodes("A divider from the 9 V supply on node bus to node tp.")}
    assert said == {"bus": "supply", "tp": "output"}


def test_a_level_after_a_role_word_holds_that_input():
    levels = {level.node: level.value for level in read_ports(
        "Summing stage: input ka at 2 V DC and input kb at 0.25 V DC, output ks.").levels}
    assert levels == {"ka": 2.0, "kb": 0.25}


def test_a_role_word_opening_a_sentence_still_lists_its_ports():
    roles = read_ports("Differential pair on ±5 V. Collectors are q1c and q2c.").roles
    assert roles.get("collector") == ("q1c", "q2c")


def test_a_source_added_on_a_named_drain_keeps_that_name():
    build = _build("NMOS with VTO=0.5 KP=80u W=4u L=1u, source grounded. VGG holds gate node g5 at 2 V; VDD2 on "
                   "drain node d5 is swept from 0 to 3 V.")
    nodes = _nodes(build.netlist)
    assert "d5" in nodes and not any(n.startswith("d5_") for n in nodes)
    mos = next(line for line in circuit_lines(build.netlist) if line.name[0] == "M")
    assert mos.nodes[:2] == ["d5", "g5"]


def test_a_wave_word_before_a_noun_names_no_port():
    roles = read_ports("A triangle generator with two op-amps, 1 kHz, output at tg.").roles
    assert roles.get("triangle output") is None


def test_a_node_held_at_a_level_from_a_supply_on_another_node():
    request = read_request("Shunt regulator keeping node rz at 5.6 V from a 12 V supply on feed, with a zener.")
    supplies = [(s.node, s.dc) for s in request.sources if s.supply]
    assert supplies == [("feed", 12.0)] and not any(s.node == "rz" for s in request.sources)


def test_two_names_a_plural_role_word_says_its_ports_are():
    assert read_ports("NPN pair. The emitters are left and right; tail 1 mA.").roles.get("emitter") == ("left", "right")
    assert "input" not in read_ports("The inputs are tied and grounded.").roles


@pytest.mark.parametrize("text, node", [
    ("Colpitts oscillator around 455 kHz; the sine shows up on node lo9.", "lo9"),
    ("Astable multivibrator with two NPNs, 700 Hz, the square wave at node ck2.", "ck2"),
])
def test_a_wave_said_at_a_node_of_a_circuit_that_makes_waves_is_its_output(text, node):
    request = read_request(text)
    assert request.output == node and not any(s.node == node for s in request.sources)


def test_a_wave_said_at_a_node_of_a_driven_circuit_stays_its_stimulus():
    request = read_request("The signal generator's 1 kHz sine at node gen1 drives a non-inverting amplifier, gain 10.")
    assert request.output != "gen1"


def test_words_called_nodes_in_a_role_list_are_names():
    assert read_ports("Difference stage, inputs at nodes high and low, gain 4.").roles.get("input") == ("high", "low")


def test_a_noun_with_figures_ends_a_list_of_ports():
    roles = read_ports("Comparator pair: input at node sx, limits 2 V and 3 V, output fl.").roles
    assert roles.get("input") in (None, ("sx",))


def test_a_port_named_like_a_part_is_still_told_apart_by_its_wave():
    roles = read_ports("Two-integrator oscillator, 500 Hz: the sine at node s5 and the cosine at node c45.").roles
    assert roles.get("cosine output") == ("c45",)


def test_a_port_called_by_what_it_does_takes_the_family_input_of_its_letter():
    build = _build("NOR SR latch on 1.8 V: set input sx, reset input rx, outputs q and qb.")
    sources = {line.name: line.nodes[0] for line in circuit_lines(build.netlist) if line.name[0] == "V"}
    assert {"sx", "rx"} <= set(sources.values())
    assert "reset" not in read_request("NOR SR latch on 1.8 V: set input sx, reset input rx, outputs q and qb.").nodes


def test_a_level_on_the_node_a_circuit_is_powered_from_is_its_supply():
    text = "NAND gate in CMOS, powered from node vq (1.8 V), inputs a and b, output y."
    assert read_ports(text).supply is not None and read_ports(text).supply.value == 1.8
    assert [(s.node, s.supply) for s in read_request(text).sources if s.node == "vq"] == [("vq", True)]


def test_more_outputs_than_the_family_has_go_on_its_pins_of_that_many():
    build = _build("MOS differential pair on 3.3 V, tail 50 uA, drain outputs dq1 and dq2.")
    drains = [line.nodes[0] for line in circuit_lines(build.netlist) if line.name[0] == "M"]
    assert drains[:2] == ["dq1", "dq2"]


def test_a_word_that_opens_no_phrase_names_the_output_before_a_parenthesis():
    assert read_ports("Bridge amplifier, gain 50, output up (rises with load).").roles.get("output") == ("up",)
    assert "output" not in read_ports("Take the output of (the second stage) to the meter.").roles


def test_a_pin_and_its_number_is_no_node_the_label_after_it_is():
    request = read_request("Timer IC astable at 500 Hz on 5 V, the output on pin 3 labelled tq.")
    assert request.output == "tq" and "pin" not in request.nodes


def test_a_band_said_to_go_to_a_node():
    roles = read_ports("Crossover at 1.2 kHz: the bass goes to node lw and the treble to node hw.").roles
    assert (roles.get("lowpass output"), roles.get("highpass output")) == (("lw",), ("hw",))


def test_a_qualified_output_is_never_a_node_an_amplifier_senses():
    build = _build("4-bit binary-weighted DAC into an inverting summer, bits d3 d2 d1 d0 at 0 or 5 V, the summer "
                   "output at node av9, code 1001.")
    opamp = next(line for line in circuit_lines(build.netlist) if line.name[0] == "X")
    assert opamp.nodes[2] == "av9" and "av9" not in opamp.nodes[:2]


def test_an_input_said_with_its_level_before_its_node():
    said = {s.node: s.role for s in said_nodes("Window detector; analog in 2.2 V DC at node an4, output ok4.")}
    assert said.get("an4") == "input"


def test_numbered_names_listed_with_spaces_after_nodes():
    assert read_ports("Ladder comparators, outputs on nodes th1 th2 th3, 4 V reference.").roles.get("output") == (
        "th1", "th2", "th3")


def test_a_rail_feeding_a_load_at_a_node_is_not_on_that_node():
    request = read_request("NPN current sink pulling 2 mA from a 12 V rail through a 1k load at node ks.")
    assert not any(s.supply and s.node == "ks" for s in request.sources)


def test_a_zero_volt_rail_is_ground_not_a_supply():
    request = read_request("Virtual ground at node vg from a 12 V supply (node vs), a 2k load from vg to the 0 V rail.")
    assert not any(s.supply and s.dc == 0 for s in request.sources)


def test_a_node_fed_through_a_part_is_not_the_pin_after_it():
    said = {s.node: s.pin for s in said_nodes("The base is driven from a pulse at node pd through 10k.")}
    assert said.get("pd") is None


def test_a_port_named_by_its_pin_word_still_takes_the_users_name():
    build = _build("NPN switch with a Schottky diode from base to collector; 5 V supply through 470 ohms to node "
                   "kx, base driven from a 0/5 V square at node bx through 2.2k. 200 us transient.")
    npn = next(line for line in circuit_lines(build.netlist) if line.name[0] == "Q")
    assert npn.nodes[0] == "kx"


def test_a_role_word_ending_a_compound_lists_no_port():
    assert "emitter" not in read_ports("Common-emitter amp, gain about -12, input at node i3.").roles
