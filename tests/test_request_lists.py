"""Tests for spice_lsp.generation.request: parts stated as list items, in parallel groups, with names that are also
role words (RC, RL), with ground written as 0 V, with their source or rail in a note, and controlled sources that
name the current they copy before the word "current"."""
import pytest

from spice_lsp.generation.request import read_request


def _parts(text: str) -> dict[str, tuple]:
    """The parts read, by name (or kind and value when unnamed): their nodes and value."""
    return {(e.name or f"{e.kind}:{e.value:g}"): (e.nodes, e.value) for e in read_request(text).elements}


def _sources(text: str) -> dict[str, tuple]:
    return {(s.name or "").upper(): (s.node, s.dc, s.ac) for s in read_request(text).sources}


@pytest.mark.parametrize("text", [
    "Build this:\n- VIN: 2 V AC on node p\n- R7: 4.7k, p to q\n- C2: 10 nF, q to ground\n- transient 1 ms",
    "Parts:\n* VIN - 2 V AC at node p\n* R7 - 4.7k, p to q\n* C2 - 10 nF, q to ground",
    "1) VIN = 2 V AC at node p\n2) R7 = 4.7k, p to q\n3) C2 = 10 nF, q to ground",
])
def test_each_item_of_a_list_one_a_line_is_a_statement_of_its_own(text):
    parts = _parts(text)
    assert parts["R7"] == (("p", "q"), pytest.approx(4.7e3))
    assert parts["C2"] == (("q", "0"), pytest.approx(10e-9))
    assert _sources(text)["VIN"][0] == "p"


def test_dashes_inside_a_sentence_are_no_list():
    text = "R1 = 1k from a to b - a plain divider - and R2 = 1k from b to ground."
    assert _parts(text)["R1"][0] == ("a", "b")


@pytest.mark.parametrize("text, name, ends, value", [
    ("Divider: RC 6.8k hi to mid, RE 1.2k mid to 0. V1 = 5 V on hi.", "RC", ("hi", "mid"), 6.8e3),
    ("Divider: RC 6.8k hi to mid, RE 1.2k mid to 0. V1 = 5 V on hi.", "RE", ("mid", "0"), 1.2e3),
    ("Pad: Rx 100 Ω a to b, RL 75 Ω b to ground.", "RL", ("b", "0"), 75.0),
    ("Pad: Rx 100 Ω a to b, RL 75 Ω b to ground.", "Rx", ("a", "b"), 100.0),
])
def test_a_role_word_name_with_its_value_and_ends_next_is_a_part(text, name, ends, value):
    assert _parts(text)[name] == (ends, pytest.approx(value))


def test_a_circuits_initials_without_ends_name_no_part():
    assert "RC" not in _parts("an RC 10k/100n low-pass from in to out")


@pytest.mark.parametrize("text, kinds", [
    ("From node w to ground, all in parallel: C = 22 nF, L = 10 mH, R = 4.7k.", {"C": 22e-9, "L": 10e-3, "R": 4.7e3}),
    ("Node w to ground carries these side by side: a 4.7k resistor, 22 nF and 10 mH.",
     {"C": 22e-9, "L": 10e-3, "R": 4.7e3}),
])
def test_a_group_in_parallel_puts_each_part_between_the_groups_ends(text, kinds):
    parts = read_request(text).elements
    assert {e.kind: e.value for e in parts} == pytest.approx(kinds)
    assert all(e.nodes == ("w", "0") for e in parts)


def test_a_part_in_parallel_with_a_named_one_is_not_a_group():
    assert not any(e.nodes == ("w", "0") and e.kind == "L" for e in read_request(
        "R5 = 1k from w to ground, in parallel with it a 10 mH choke.").elements)


@pytest.mark.parametrize("text, ends", [
    ("1k from node f to 0V, 2.2k from in to f.", ("f", "0")),
    ("R3 = 1k from f to 0 V and R4 = 2.2k from in to f", ("f", "0")),
])
def test_ground_written_as_zero_volts_is_ground(text, ends):
    assert any(e.nodes == ends and e.value == pytest.approx(1e3) for e in read_request(text).elements)
    assert not any(s.dc == 0 and s.node == "f" for s in read_request(text).sources)


def test_a_sweep_to_zero_volts_keeps_its_level():
    request = read_request("VIN ramps from 5 V to 0 V on node in; R1 = 1k from in to 0.")
    assert any(s.name == "VIN" and s.node == "in" for s in request.sources)


def test_a_rail_noted_with_its_node_and_its_source_is_that_source_on_that_node():
    text = "R2 = 2.2k from a 9 V rail (node vb, source VBAT) to node led_a"
    assert _parts(text)["R2"][0] == ("vb", "led_a")
    assert _sources(text)["VBAT"][:2] == ("vb", pytest.approx(9.0))


def test_couples_x_to_y_places_the_part_between_them():
    assert _parts("C9 = 4.7 uF couples src to amp, R1 = 10k from amp to 0")["C9"][0] == ("src", "amp")


@pytest.mark.parametrize("text, name, gain, ref", [
    ("VM (0 V) from node a to ground measures it. F3 pushes 5 times the VM current into node o; RO = 1k o to 0.",
     "F3", 5.0, "VM"),
    ("VM is a 0 V source from a to ground. F3 copies 2x the VM current into node o.", "F3", 2.0, "VM"),
])
def test_a_cccs_names_the_current_it_copies_before_the_word_current(text, name, gain, ref):
    f = next(e for e in read_request(text).elements if e.name == name)
    assert f.value == pytest.approx(gain) and f.refs == (ref,) and f.nodes == ("0", "o")


def test_the_controlling_sources_current_is_no_statement_of_its_node():
    text = "VQ (a zero-volt source, m to ground) senses it; H4 turns the VQ current into a voltage on node y."
    assert _sources(text)["VQ"][:2] == ("m", 0.0)


@pytest.mark.parametrize("text, name, node, level", [
    ("c2 47n x->y, r4 10k y->0, vdrv 2v ac at x", "VDRV", "x", (None, 2.0)),
    ("Chain from node t (VCH = 9 V DC): R1 1k from t to u, R2 1k u to ground.", "VCH", "t", (9.0, None)),
])
def test_a_source_named_in_lower_case_or_in_a_note_with_its_level(text, name, node, level):
    assert _sources(text)[name] == (node, *level)


def test_a_swept_source_that_drives_a_node_keeps_the_level_noted_on_it():
    text = "VB drives b3 (0.7 V DC at the bias point); sweep VCE 0 to 5 V, stepping VB from 0.6 to 0.8 V."
    assert _sources(text)["VB"][:2] == ("b3", pytest.approx(0.7))


@pytest.mark.parametrize("text, ends", [
    ("RS = 220 from the source, node sx, to ground", ("sx", "0")),
    ("a 10 ohm shunt from node k (the diode cathode) to ground", ("k", "0")),
    ("a 330 ohm load from a 5 V rail on node vp to node q", ("vp", "q")),
])
def test_a_node_noted_with_its_pin_or_its_rail_is_that_part_end(text, ends):
    assert [e.nodes for e in read_request(text).elements] == [ends]


def test_a_part_after_one_that_ends_on_ground_does_not_chain_from_it():
    request = read_request("RE2 = 680 from node e2 to ground, RC2 = 3.3k up to the supply.")
    assert next(e for e in request.elements if e.name == "RC2").nodes is None


def test_a_node_said_driven_by_a_named_source_is_its_node():
    text = "Node trg driven by VTR, a PWL 0 V at 0, 3 V at 2 ms; 1k from trg to ground."
    assert _sources(text)["VTR"][0] == "trg"


def test_a_source_swept_in_steps_makes_no_pulse():
    text = "VDD2 on node dd swept from 0 to 2 V in 20 mV steps; VGG on node gg from 0.5 V to 1.5 V in 0.25 V steps."
    assert not any(s.pulse for s in read_request(text).sources)


def test_a_step_source_keeps_its_pulse():
    text = "VST steps from 0 to 3 V at t = 1 ms on node st; 1k from st to ground."
    assert any(s.pulse for s in read_request(text).sources)


def test_a_divider_from_one_node_to_another_to_ground_chains_its_parts():
    parts = read_request("Two 15k resistors as a divider from top to mid to ground; VT = 4 V on top.").elements
    assert sorted(e.nodes for e in parts if e.kind == "R") == [("mid", "0"), ("top", "mid")]


def test_a_source_holding_a_pin_noted_with_its_node_is_on_that_node_and_the_next_supply_is_its_own():
    sources = _sources("VQ holds the second gate (node g2) at 3 V, 9 V supply on vdd, 1k from s2 to ground.")
    assert sources["VQ"][:2] == ("g2", pytest.approx(3.0))
    assert sources[""][:2] == ("vdd", pytest.approx(9.0))


def test_the_one_supply_said_to_come_up_at_a_time_is_that_step():
    text = ("A 4.7k pull-up from a 12 V rail (node vp) to node q, 1 uF from q to 0. "
            "The rail comes up from 0 to 12 V at t=0 (5us edge).")
    rail = next(s for s in read_request(text).sources if s.node == "vp")
    assert rail.pulse is not None and rail.pulse[:4] == pytest.approx((0.0, 12.0, 0.0, 5e-6))
    assert [s.node for s in read_request(text).sources] == ["vp"]


def test_a_part_put_there_goes_between_the_ends_said_before_it():
    text = ("I want a steady 5 mA into anything I connect from node q to ground, loads from 0 to 500 ohm. "
            "To try it, put RT = 220 Ω there.")
    assert _parts(text)["RT"] == (("q", "0"), pytest.approx(220.0))


def test_a_word_before_a_parts_noun_names_that_part_not_a_node():
    parts = read_request("Integrator from node vi to node vo; put a 10 MΩ resistor across the timing cap.").elements
    assert not any("timing" in (e.nodes or ()) for e in parts)


def test_a_word_before_node_describes_it():
    parts = read_request("Rectifier: 470 uF on the output node vo, 1k load on vo.").elements
    assert next(e for e in parts if e.kind == "C").nodes == ("vo", "0")


@pytest.mark.parametrize("text, ends, value", [
    ("1k from in to mid; from mid to ground, 47 nF.", ("mid", "0"), 47e-9),
    ("1k from in to mid. Between mid and 0: 2.2k.", ("mid", "0"), 2.2e3),
])
def test_a_value_after_its_ends_and_a_comma_is_that_parts(text, ends, value):
    assert any(e.nodes == ends and e.value == pytest.approx(value) for e in read_request(text).elements)


def test_values_in_series_between_two_ends_make_a_row_through_nodes_of_their_own():
    parts = read_request("VS drives node p with 1 V AC. From p to ground put 10 ohm and 2.2 uF in series.").elements
    row = sorted(((e.kind, e.value) + tuple(e.nodes) for e in parts), key=lambda p: p[2] != "p")
    assert [r[:2] for r in row] == [("R", pytest.approx(10.0)), ("C", pytest.approx(2.2e-6))]
    assert row[0][2] == "p" and row[1][3] == "0" and row[0][3] == row[1][2] not in ("p", "0")


def test_a_row_with_its_middle_node_named_is_left_to_the_chain_reader():
    parts = read_request("Two 10k resistors in series from a to ground, the midpoint m.").elements
    assert sorted(e.nodes for e in parts) == [("a", "m"), ("m", "0")]


def test_a_reference_on_a_node_stays_a_source_beside_an_output_level_of_the_same_figure():
    text = ("Summing stage lifted by a 1.65 V reference on node rf (the output rests at 1.65 V with no input). "
            "Output node yo.")
    assert any(s.node == "rf" and s.dc == pytest.approx(1.65) for s in read_request(text).sources)


def test_a_level_the_output_is_held_at_is_no_source():
    text = "Zener regulator: hold out at 6.2 V from a 15 V supply on node raw, 1k load on out."
    assert not any(s.node == "out" for s in read_request(text).sources)


@pytest.mark.parametrize("text, name, node", [
    ("D2 from node a to ground. VA on a swept from 0.3 to 0.9 V in 10 mV steps.", "VA", "a"),
    ("Q1 collector on node c. VCC2 on node c stepped from 0 to 5 V in 0.1 V steps.", "VCC2", "c"),
])
def test_a_source_swept_in_steps_keeps_its_node_and_no_pulse(text, name, node):
    source = next(s for s in read_request(text).sources if s.name == name)
    assert source.node == node and source.pulse is None
