"""Sources stated in words: a level on the output with the supply it comes from, a negative rail, a clock or a pulse
train described by its levels and timing, and a named source that feeds a node (through a resistor or not).

The wordings and values here are new ones (not the tuning cases'), several per class; the end-to-end checks run
the sandboxed ngspice through `generate`."""
from __future__ import annotations

import pytest

from spice_lsp.generation.pipeline import generate
from spice_lsp.generation.request import read_request


def _line(netlist: str, name: str) -> list[str]:
    return next(line.split() for line in netlist.splitlines() if line.split()[:1] == [name])


def _v_lines(netlist: str) -> list[list[str]]:
    return [line.split() for line in netlist.splitlines() if line[:1] in "Vv" and not line.startswith(".")]


# --- a level on the output and the supply it comes from ----------------------------------------------------------

@pytest.mark.parametrize("text, rail, level, out", [
    ("Series regulator giving 2.5 V at node vreg from a 7 V supply at node raw.", "raw", 7.0, "vreg"),
    ("Buck converter: 1.8 V at node core from 12 V at node bus.", "bus", 12.0, "core"),
    ("Divider producing 4 V on node tapx from a 15 V rail at node top.", "top", 15.0, "tapx"),
])
def test_a_level_at_the_output_from_a_supply_is_the_supplys_source_on_its_node(text, rail, level, out):
    request = read_request(text)
    assert [(s.node, s.dc, s.supply) for s in request.sources] == [(rail, level, True)]
    assert request.output == out
    assert [(s.quantity, s.target) for s in request.specs if s.quantity == "vout"] == \
        [("vout", float(text.split(" V ")[0].split()[-1]))]


@pytest.mark.parametrize("text", [
    "Make a reference point at node ref from a 6 V supply with two equal resistors.",
    "Two equal resistors put a half-supply point at node hs from a 14 V battery.",
])
def test_a_node_named_before_the_supply_it_comes_from_gets_no_source(text):
    assert not any(s.node in ("ref", "hs") for s in read_request(text).sources)


@pytest.mark.parametrize("text, node, supply", [
    ("Voltage divider: 5 V at node q5 from a 20 V supply.", "q5", 20.0),
    ("Resistive divider making 2 V at node tp from 9 V at node batt.", "tp", 9.0),
    ("A divider giving 3 V at node mid from a 12 V supply.", "mid", 12.0),
])
def test_divider_from_a_supply_is_verified_at_the_stated_level(text, node, supply):
    result = generate(text)
    assert result.verified, [c for c in result.checks if c.status != "pass"]
    assert any(v[3:] == ["DC", f"{supply:g}"] for v in _v_lines(result.netlist)), result.netlist
    assert not any(v[1] == node for v in _v_lines(result.netlist))  # no source holds the output


# --- a negative rail ---------------------------------------------------------------------------------------------

@pytest.mark.parametrize("text, node, level", [
    ("Long-tailed NPN pair, VCC = 10 V and VEE = -7 V, inputs ip and im.", "vee", -7.0),
    ("CMOS inverter on VDD = 2.5 V with VSS = -1.5 V, input x1, output z1.", "vss", -1.5),
    ("Push-pull follower on a +8 V positive rail and a -8 V negative rail, input in, output out.", None, -8.0),
    ("Op-amp buffer with a negative supply of -6 V and a positive supply of 6 V.", None, -6.0),
])
def test_a_negative_rail_is_a_negative_supply_never_ground_nor_a_second_positive_one(text, node, level):
    negative = [s for s in read_request(text).sources if s.dc is not None and s.dc < 0]
    assert [(s.node, s.dc, s.supply) for s in negative] == [(node, level, True)]
    assert not any(s.node == "0" or (s.dc is not None and s.dc > 0 and s.node in ("a", "vee", "vss"))
                   for s in read_request(text).sources)


def test_a_single_negative_supply_is_the_circuits_one_supply_not_a_second_rail():
    # "from a -9 V rail" with no positive one: the PNP stage's supply, read by the intent reader as its VDD
    sources = read_request("PNP transistor biased from a -9 V rail").sources
    assert not any(s.dc is not None and s.dc < 0 for s in sources)


@pytest.mark.parametrize("text, level", [
    ("BJT differential pair (long-tailed pair) with VCC = 6 V and VEE = -6 V, inputs dp and dn.", "-6"),
    ("Class AB push-pull output stage on a +10 V positive rail and a -10 V negative rail, input in, output out, "
     "150 ohm load.", "-10"),
])
def test_the_negative_rail_lands_on_the_familys_negative_supply(text, level):
    result = generate(text)
    negative = [v for v in _v_lines(result.netlist) if v[1].lower() in ("vee", "vss")]
    assert negative and negative[0][3:] == ["DC", level], result.netlist
    assert not any("AC" in v and v[v.index("AC") + 1] == level for v in _v_lines(result.netlist))
    assert result.verified, [c for c in result.checks if c.status != "pass"]


def test_an_unequal_negative_rail_is_placed_and_its_effect_measured():
    # the pair's design takes VEE = -VCC: a -4 V rail under +12 V moves its tail current, which the checks measure
    result = generate("BJT differential pair (long-tailed pair) with VCC = 12 V and VEE = -4 V, inputs dp and dn.")
    assert [v[3:] for v in _v_lines(result.netlist) if v[1] == "vee"] == [["DC", "-4"]]
    assert not result.verified or all(c.status != "fail" for c in result.checks)


def test_a_negative_rail_a_circuit_lacks_is_reported_never_verified():
    result = generate("CMOS inverter with VSS = -3 V and VDD = 3 V, input g1, output h1")
    assert not result.verified
    assert any("no negative supply" in c.what for c in result.checks)


# --- clocks and pulses in words ----------------------------------------------------------------------------------

@pytest.mark.parametrize("text, node, pulse", [
    ("input pin is high for the first 40 ns of every 120 ns, 0 to 1.8 V", None, (0.0, 1.8, 4e-8, 1.2e-7)),
    ("A 0/15 V square clock at 50 kHz drives node gd.", "gd", (0.0, 15.0, 1e-5, 2e-5)),
    ("An RC low-pass driven at node rin by a pulse that is on for 3 us out of every 12 us, swinging 0 to 4 V",
     "rin", (0.0, 4.0, 3e-6, 1.2e-5)),
])
def test_a_clock_or_pulse_train_in_words_has_its_levels_and_timing(text, node, pulse):
    sources = [s for s in read_request(text).sources if s.pulse]
    assert len(sources) == 1, read_request(text).sources
    v1, v2, _, _, _, pw, per = sources[0].pulse
    assert (v1, v2, pw, per) == pytest.approx(pulse)
    assert sources[0].node == node and not sources[0].supply  # a clock is no supply


def test_a_clock_that_makes_a_rail_at_a_node_is_not_on_that_node():
    request = read_request("Inverting charge pump: a 0/9 V, 40 kHz square clock makes a negative rail at vm2.")
    clocks = [s for s in request.sources if s.pulse]
    assert [(s.node, s.pulse[:2], s.pulse[6]) for s in clocks] == [(None, (0.0, 9.0), pytest.approx(2.5e-5))]


@pytest.mark.parametrize("text, node, high", [
    ("Diode-capacitor voltage doubler fed from a 9 V supply, its pump clock swinging 0 to 9 V; output at node "
     "vdbl with a 22k load.", "clk", "9"),
    ("A D flip-flop whose clock swings 0 to 3.3 V at node ck; data at node d, output q.", "ck", "3.3"),
])
def test_a_clock_with_no_period_keeps_the_familys_period_with_the_users_levels(text, node, high):
    netlist = generate(text).netlist
    clock = next(v for v in _v_lines(netlist) if v[1] == node)
    figures = " ".join(clock[3:]).split("(")[1].rstrip(")").split()
    assert figures[:2] == ["0", high] and len(figures) == 7, clock  # levels stated, a period kept: no single step


# --- a named source that feeds a node ----------------------------------------------------------------------------

@pytest.mark.parametrize("text, name, node", [
    ("RC high-pass at 1 kHz: source VX feeds node hx.", "VX", "hx"),
    ("Sallen-Key low-pass at 3 kHz; the generator VG2 drives node sk1.", "VG2", "sk1"),
    ("RC low-pass, 500 Hz, the source vq feeds node lq.", "vq", "lq"),
])
def test_a_named_source_that_feeds_a_node_sits_on_it(text, name, node):
    sources = read_request(text).sources
    assert [(s.name, s.node) for s in sources] == [(name, node)]


@pytest.mark.parametrize("text, name, node, fed, ohms", [
    ("Third-order Butterworth LC low-pass at 2 MHz between 75 ohm ends: the source vt feeds node ft through "
     "75 ohms; 75 ohm load at fo.", "vt", "vt", "ft", 75.0),
    ("RC low-pass at 2 kHz; the generator VG drives node lpin through a 600 ohm resistor; output lpout.",
     "VG", "vg", "lpin", 600.0),
])
def test_a_source_feeding_a_node_through_a_resistor_sits_behind_it(text, name, node, fed, ohms):
    request = read_request(text)
    assert [(s.name, s.node) for s in request.sources] == [(name, node)]
    assert any(e.kind == "R" and e.nodes == (node, fed) and e.value == ohms for e in request.elements)
    assert request.input == node


def test_a_terminated_ladder_fed_through_its_source_resistor_is_verified_end_to_end():
    result = generate("Third-order Butterworth LC low-pass (shunt C, series L, shunt C) at 500 kHz between 50 ohm "
                      "terminations: the source vw feeds node fw through 50 ohms; 50 ohm load at fz.")
    assert result.verified, [c for c in result.checks if c.status != "pass"]
    assert _line(result.netlist, "vw")[1:3] == ["vw", "0"]
    assert sorted(_line(result.netlist, "R1")[1:3]) == ["fw", "vw"]
