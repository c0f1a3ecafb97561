"""Element statements (lane A, s9): parts in a row between two ends with the nodes between them named, a port's word
before a node's name, and sources named in mixed case, by a verb before their level, or next to a node in capitals
(request.py)."""
import pytest

from spice_lsp.generation.request import read_request


def _placed(text: str) -> list[tuple[str, tuple, float]]:
    return sorted((e.kind, e.nodes, e.value) for e in read_request(text).elements if e.kind in "RCL")


@pytest.mark.parametrize("text, row, value", [
    ("four 2.2k resistors in series from top to ground with nodes p1, p2 and p3 between them",
     ["top", "p1", "p2", "p3", "0"], 2200.0),
    ("Two 47k resistors in series from supply node sp to 0, the junction named hb.", ["sp", "hb", "0"], 47e3),
    ("three caps in series from hv to ground, 10n each, with nodes c_a and c_b between them", ["hv", "c_a", "c_b", "0"],
     10e-9),
])
def test_a_counted_group_in_series_runs_through_the_nodes_named_between(text, row, value):
    wanted = sorted(("C" if value < 1 else "R", (a, b), value) for a, b in zip(row, row[1:]))
    assert _placed(text) == wanted


def test_values_in_order_take_the_row_in_that_order():
    # the first value stated is nearest the first end
    placed = _placed("A 33k then a 6.8k in series from node hi to ground, the tap called lo.")
    assert placed == sorted([("R", ("hi", "lo"), 33e3), ("R", ("lo", "0"), 6.8e3)])


@pytest.mark.parametrize("text", [
    "4.7k (RA, RB) make a divider from src through md to ground.",
    "RA and RB (4.7k each) make a divider from src through md to ground.",
])
def test_named_parts_sharing_a_value_run_through_the_nodes_said(text):
    parts = {e.name: (e.nodes, e.value) for e in read_request(text).elements if e.kind == "R"}
    assert parts == {"RA": (("src", "md"), 4700.0), "RB": (("md", "0"), 4700.0)}


def test_a_row_without_the_nodes_between_is_left_as_it_was():
    # no node named between them: nothing to place them on
    assert not any(e.nodes == ("x", "y") and e.value == 1e3 and e.text == "two 1k resistors"
                   for e in read_request("two 1k resistors in series from x to y").elements)


def test_a_ports_word_before_a_name_is_no_node():
    element = next(e for e in read_request("R5 = 12k from node B to output Z.").elements if e.name == "R5")
    assert element.nodes == ("b", "z")


@pytest.mark.parametrize("text, name, node, dc", [
    ("Vb is a 7.5 V DC source on rail. R1 1k from rail to x.", "Vb", "rail", 7.5),
    ("VX puts 2 V DC on pin4. R1 1k from pin4 to 0.", "VX", "pin4", 2.0),  # a verb, then its level and node
    ("VT applies 3 V on ref. R1 1k from ref to 0.", "VT", "ref", 3.0),  # a model parameter's name, placed
])
def test_a_named_source_is_read_with_its_name(text, name, node, dc):
    source = next(s for s in read_request(text).sources if s.name)
    assert (source.name, source.node, source.dc) == (name, node, dc)


def test_a_node_in_capitals_that_starts_with_i_or_v_is_no_source():
    request = read_request("VS on node IA is 2 V AC; R1 1k from IA to OB.")
    assert [(s.name, s.node, s.ac) for s in request.sources] == [("VS", "ia", 2.0)]


@pytest.mark.parametrize("text, plus, minus, level", [
    ("Supplies are +-9 V (nodes hi and lo). R1 2k from hi to lo.", "hi", "lo", 9.0),
    ("\u00b16 V rails on vpos and vneg; R1 = 1k from vpos to m, R2 = 1k from m to vneg.", "vpos", "vneg", 6.0),
])
def test_a_split_supply_with_its_two_nodes_is_two_sources(text, plus, minus, level):
    assert sorted((s.node, s.dc) for s in read_request(text).sources) == sorted([(plus, level), (minus, -level)])


def test_a_split_supply_without_its_nodes_is_left_to_the_circuit():
    # an op-amp's rails: the family places them, no node of the request takes them
    assert not read_request("Non-inverting amplifier, gain 4, \u00b112 V supplies, input a, output y.").sources


def test_a_node_held_by_an_unnamed_source_in_volts_written_out():
    source = read_request("R1 = 1k from top to q. top is held at 9 volts by a DC source. op").sources[0]
    assert (source.node, source.dc) == ("top", 9.0)


def test_a_loaded_dividers_load_is_a_part_of_its_own():
    # the load hangs beside the lower resistor, which keeps its stated value; the divider's own check reads both
    from spice_lsp.generation.pipeline import generate

    result = generate("Resistive divider fed from 6 V: 4.7k on top, 2.2k on the bottom, output node t, with a 3.3k "
                      "load from t to ground.")
    lower = sorted(line.split()[3] for line in result.netlist.splitlines()
                   if line[:1] == "R" and sorted(line.split()[1:3]) == ["0", "t"])
    assert lower == ["2.2k", "3.3k"] and result.verified


def test_two_parts_in_series_meet_at_the_node_the_sentence_names():
    request = read_request("C4 = 22 nF and C5 = 68 nF in series from node hv to ground, meeting at node cm, with "
                           "R7 = 2.2meg across C5.")
    parts = {e.name: e.nodes for e in request.elements}
    assert parts == {"C4": ("hv", "cm"), "C5": ("cm", "0"), "R7": ("cm", "0")}


@pytest.mark.parametrize("text, nodes", [
    ("RB = 1k from a to x, and a 47 nF capacitor shunts x to ground.", ("x", "0")),
    ("RP = 10k pulls sda up to node vbus.", ("sda", "vbus")),
])
def test_a_parts_verb_names_its_two_ends(text, nodes):
    assert nodes in [e.nodes for e in read_request(text).elements]


def test_a_level_of_ac_and_a_source_on_the_node_said_before_where():
    request = read_request("VG puts 2 V of AC on node g. RG = 1k pulls g up to node hi, where VH holds 3 V DC.")
    assert {(s.name, s.node, s.dc, s.ac) for s in request.sources} == {("VG", "g", None, 2.0), ("VH", "hi", 3.0, None)}


def test_a_rails_source_named_in_parentheses_after_its_level():
    request = read_request("R9 = 470 ohm from the 9 V rail (VB on node vb) to k. D2 from k to ground.")
    assert next(e.nodes for e in request.elements if e.name == "R9") == ("vb", "k")
    assert [(s.name, s.node, s.dc) for s in request.sources] == [("VB", "vb", 9.0)]


@pytest.mark.parametrize("text, pulse", [
    ("V3 on p is a pulse from 0 to 2 V (delay 0, rise 5n, fall 5n, width 1u, period 2u).",
     (0.0, 2.0, 0.0, 5e-9, 5e-9, 1e-6, 2e-6)),
    ("A single 3 V pulse, 2 ms long, starting at 1 ms (rise and fall 10 us), drives node q.",
     (0.0, 3.0, 1e-3, 10e-6, 10e-6, 2e-3, None)),
])
def test_a_pulses_edges_said_bare_or_together(text, pulse):
    source = read_request(text).sources[0]
    assert source.pulse == pytest.approx(pulse)


def test_a_value_with_its_scale_is_no_weighted_node():
    # "r = 4.7k" is a part's value, not "r = 4.7 times node k"
    request = read_request("quick rc high pass pls, r = 4.7k and c = 10n, input node in output node out")
    assert (request.input, request.output) == ("in", "out") and "k" not in request.nodes


def test_a_node_described_then_named_and_a_part_placed_by_its_own_words_keeps_them():
    request = read_request("First section: RA 2k from in to the junction of the two sections, named j1, and CA 10n "
                           "from j1 to ground. AC sweep dec 10 from 1 Hz to 1 MHz.")
    assert {e.name: e.nodes for e in request.elements} == {"RA": ("in", "j1"), "CA": ("j1", "0")}
    assert "dec" not in request.nodes and request.input != "dec"


def test_a_source_driving_a_node_through_a_named_resistor_sits_behind_it():
    request = read_request("VB = 2 V DC drives node y through RB = 4.7k; RC = 1k ties y to ground.")
    assert next(e.nodes for e in request.elements if e.name == "RB") == ("vb", "y")
    assert [(s.name, s.node) for s in request.sources] == [("VB", "vb")]


def test_a_load_verb_puts_a_part_from_its_node_to_ground():
    assert next(e.nodes for e in read_request("RL7 = 2.2k loads sec.").elements if e.name == "RL7") == ("sec", "0")


def test_a_source_driving_a_named_resistor_into_a_node_feeds_it_from_its_own_node():
    request = read_request("VA1 (1.5 V DC at node ai) drives RA1 = 22k into node ax, and RA2 = 1k from ax to ground.")
    assert next(e.nodes for e in request.elements if e.name == "RA1") == ("ai", "ax")


def test_a_controlled_sources_output_said_with_a_verb_then_its_ends():
    request = read_request("G2 is a voltage-controlled current source of 5 mS; its output runs from node q to ground "
                           "and it senses node p against ground.")
    g = next(e for e in request.elements if e.name == "G2")
    assert (g.nodes, g.value) == (("q", "0", "p", "0"), pytest.approx(5e-3))


def test_a_node_with_its_named_source_and_level_in_parentheses():
    request = read_request("R3 = 2k from node t5 (VT5, 3 V DC) to w. op")
    assert next(e.nodes for e in request.elements if e.name == "R3") == ("t5", "w")
    assert [(s.name, s.node, s.dc) for s in request.sources] == [("VT5", "t5", 3.0)]


def test_a_rail_a_stated_device_sits_on_and_a_word_node_its_pins_name():
    request = read_request("M4 is an NMOS with drain on vdd, gate on g4, source and bulk on so; RS4 = 1k from so to "
                           "ground. VDD = 3.3 V DC, VG4 = 2 V DC on g4.")
    assert next(e.nodes for e in request.elements if e.name == "RS4") == ("so", "0")
    assert ("VDD", "vdd", 3.3) in [(s.name, s.node, s.dc) for s in request.sources]


def test_nodes_each_tied_to_one_node_through_a_value_get_a_part_each_named_in_order():
    request = read_request("Drains d1 and d2 each pulled up to vdd through 4.7k (RD1, RD2); M1 and M2 share source s.")
    parts = {e.name: (e.nodes, e.value) for e in request.elements if e.kind == "R"}
    assert parts == {"RD1": (("vdd", "d1"), 4700.0), "RD2": (("vdd", "d2"), 4700.0)}
