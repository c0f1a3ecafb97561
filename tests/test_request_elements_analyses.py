"""Sources and analyses of a request listing a circuit part by part, read as written."""
from __future__ import annotations

import pytest

from spice_lsp.generation.compose import compose
from spice_lsp.generation.intent import parse_intent
from spice_lsp.generation.request import read_request


@pytest.mark.parametrize("text, directive", [
    # the start of the saved window stated apart from the range
    ("Transient from 0 to 2 ms but only keep data after 1 ms (start saving at 1 ms), 1 µs step: VIN is a 5 kHz "
     "square wave 0/1 V at in", ".tran 1u 2m 1m"),
    ("then the output noise at out, input-referred to VIN, over 20 Hz - 20 kHz.", ".noise v(out) VIN dec 20 20 20k"),
    ("then the input-referred noise at node vo, referred to VS, from 10 Hz to 1 MHz", ".noise v(vo) VS dec 20 10 1meg"),
    ("simulate the operating point at 0, 25 and 70 degrees C.", ".temp 0 25 70"),
    ("rc lowpass 1k 1u in->out, ac dec 10 1 100k", ".ac dec 10 1 100k"),  # a directive typed without its dot
    ("R = 1.5e3 ohm from in to out, 1 V AC at in, sweep 1e1 to 1e6 Hz.", ".ac dec 20 10 1meg"),
])
def test_analyses_as_written(text, directive):
    assert directive in [a.directive for a in parse_intent(text).analyses]


def test_a_word_after_ac_is_no_directive():
    assert not any(a.directive.startswith(".ac") for a in parse_intent("a 1 V ac source at in; op").analyses)


@pytest.mark.parametrize("text, name, node, wave", [
    # a sine described before its name, over commas
    ("A 1 kHz, 2 V amplitude sine VIN at in through R1 = 1k to out", "VIN", "in", ("sin", (0.0, 2.0, 1e3))),
    # a square wave's levels written low/high
    ("VIN is a 5 kHz square wave 0/1 V at in, R1 = 2k from in to out", "VIN", "in",
     ("pulse", (0.0, 1.0, None, None, None, 1e-4, 2e-4))),
    ("R1 330Ω from vin to a, R3 = 560 ohms from out to ground; vin is 12 V DC.", None, "vin", ("dc", 12.0)),
    # a quantity's name given to a source that drives a pin
    ("NMOS M1 (VTO=1, KP=50u) with its drain held at 5 V by VD and source grounded; VGS drives the gate g.", "VGS",
     "g", ("dc", None)),
    ("NMOS M1 (VTO=1, KP=50u) with its drain held at 5 V by VD and source grounded; VGS drives the gate g.", "VD",
     "drain", ("dc", 5.0)),
])
def test_sources_as_written(text, name, node, wave):
    (source,) = [s for s in read_request(text).sources if s.name == name]
    assert (source.node, getattr(source, wave[0])) == (node, pytest.approx(wave[1]))


def test_a_pin_held_by_a_source_is_that_pins_node():
    """"its drain held at 5 V by VD": a verb is no node ("held"); the drain's node is the source's."""
    (m1,) = [e for e in read_request("NMOS M1 (VTO=1, KP=50u) with its drain held at 5 V by VD and source grounded; "
                                     "VGS drives the gate g.").elements if e.name == "M1"]
    assert m1.nodes == ("drain", "g", "0", "0")


def test_a_node_named_with_a_word_before_node():
    (rs,) = read_request("a 10 mΩ sense resistor RS from the source node src to in").elements
    assert (rs.name, rs.nodes, rs.value) == ("RS", ("src", "in"), pytest.approx(0.01))


def test_a_value_noted_before_the_part_it_names():
    (r1,) = [e for e in read_request("D1 fed from 5 V at a through 4.7k (R1 from a to k, D1 from k to ground)").elements
             if e.name == "R1"]
    assert (r1.nodes, r1.value) == (("a", "k"), 4.7e3)


def test_a_subcircuits_parts_are_never_the_requests():
    """The op-amp's internal 1k is not the request's RG = 1k: the circuit's own 1k is."""
    family = ("amp\n.subckt opamp inp inn out\nRin inp inn 10meg\nRL g p 1k\nEgain g 0 inp inn 100k\n.ends opamp\n"
              "VIN in 0 DC 0 AC 1\nR1 inn 0 1k\nR2 inn out 9k\nX1 in inn out opamp\n.op\n.end\n")
    netlist = compose(family, read_request("RF = 9k, RG = 1k")).netlist
    assert "RG inn 0 1k" in netlist and "RL g p 1k" in netlist


@pytest.mark.parametrize("description, lines", [
    # stated model parameters: a card of those alone (SPICE's defaults for the rest), as the request lists it
    ("NMOS M1 (VTO=1, KP=50u, W=10u, L=1u) with its drain held at 5 V by VD and source grounded; VGS drives the gate "
     "g. dc sweep of VGS from 0 to 3 v in 50 mv steps.", ["M1 drain g 0 0 nch W=10u L=1u", ".model nch NMOS ( vto=1 "
                                                         "kp=5e-05)", ".dc VGS 0 3 50m"]),
    ("Diode D1 fed from 5 V at a through 4.7k (R1 from a to k, D1 from k to ground); simulate the operating point at "
     "0, 25 and 70 degrees C.", ["R1 a k 4.7k", "D1 k 0 ddefault", ".temp 0 25 70"]),
    ("Transient from 0 to 2 ms but only keep data after 1 ms (start saving at 1 ms), 1 µs step: VIN is a 5 kHz square "
     "wave 0/1 V at in, R1 = 2k from in to out, C1 = 10 nF from out to ground.", [".tran 1u 2m 1m"]),
])
def test_listed_circuits_with_their_analyses(description, lines):
    from spice_lsp.generation.pipeline import generate
    result = generate(description)
    assert all(line in result.netlist.split("\n") for line in lines), result.netlist
    assert not [c for c in result.checks if c.status == "fail"], result.checks


def test_an_unnamed_current_source_pushes_into_its_node():
    (source,) = read_request("A 100 mA current source into node x feeding a 22 Ω resistor from x to ground").sources
    assert (source.kind, source.node, source.dc) == ("I", "x", pytest.approx(0.1))


def test_a_current_source_no_statement_places_keeps_the_list_from_being_whole():
    """"a current source across the diode": not placed by the reader, so the circuit is not transcribed without it."""
    from spice_lsp.generation.pipeline import _complete
    assert not _complete(read_request("10 µA photocurrent modelled as a current source across the diode, diode "
                                      "(IS = 1e-12) from node pd to ground, 100k load from pd to ground"))
    assert _complete(read_request("A 100 mA current source into node x feeding a 22 Ω resistor from x to ground"))


@pytest.mark.parametrize("text, node, minus", [
    ("I3 = 2 mA from node a to node b.", "b", "a"),  # drawn from a, pushed into b: I3 a b
    ("I2 of 1 mA flows into node n.", "n", None),
])
def test_a_named_current_source_between_two_nodes(text, node, minus):
    (source,) = read_request(text).sources
    assert (source.kind, source.node, source.minus) == ("I", node, minus)


@pytest.mark.parametrize("text, node, wave", [
    # a waveform's levels as "±1 V", its frequency before its levels, a pin's word naming the node it is at
    ("Turn the square wave at in (±1 V, 1 kHz, 50 % duty) into a triangle at out", "in",
     ("pulse", (-1.0, 1.0, None, None, None, 5e-4, 1e-3))),
    ("PWM: a 20 kHz, 0-10 V pulse source at gate with a 30 % duty cycle drives an NMOS low-side switch.", "gate",
     ("pulse", (0.0, 10.0, None, None, None, 1.5e-5, 5e-5))),
    ("that cap is fed from in through 1.6k; in is a sine, 1 V amplitude, 100 Hz.", "in", ("sin", (0.0, 1.0, 100.0))),
])
def test_unnamed_waveforms(text, node, wave):
    (source,) = read_request(text).sources
    assert (source.node, getattr(source, wave[0])) == (node, pytest.approx(wave[1]))
