"""Behaviours that passed at the round's start and were broken by later readers, pinned in new words: a load's
current is no volts-per-ampere ratio, a current source drives the node it pushes into (never ground), a model
parameter said after one polarity belongs to that device, an edge said approximately is the corner aimed at,
"and 0.47 uF" starts a part, every family's rules are tried whichever module a program imports first, and a circuit
said at its supply ("inverter at 1.8 V") names no input."""
import math
import re
import subprocess
import sys

import pytest

from spice_lsp.generation.compose import _input_node, _with_model_params, element_line
from spice_lsp.generation.drives import input_names
from spice_lsp.generation.function_words import stated
from spice_lsp.generation.intent import parse_intent
from spice_lsp.generation.pipeline import generate
from spice_lsp.generation.request import read_request


@pytest.mark.parametrize("text", [
    "Buck converter stepping 24 V down to 5 V for a 2 A load, 100 kHz.",
    "A boost stage lifting 5 V to 12 V for 250 mA of load at out.",
])
def test_a_level_for_a_load_current_is_no_transresistance(text):
    assert not [s for s in stated(text.lower()) if s.what == "ratio"]
    assert "RF" not in parse_intent(text).values


def test_volts_per_ampere_is_still_a_ratio():
    said = [s for s in stated("an op-amp turning current into voltage, 2 v for every 100 ua") if s.what == "ratio"]
    assert [s.value for s in said] == [pytest.approx(2 / 100e-6)]


@pytest.mark.parametrize("row, driven", [("I1 0 sense DC 1m", "sense"), ("V1 sig 0 AC 1", "sig"),
                                         ("I2 0 th DC 100u", "th")])
def test_the_input_node_of_a_source_is_the_node_it_drives(row, driven):
    line = element_line(row)
    assert line is not None and _input_node([line], line.name) == driven == line.nodes[-1 if row[0] == "I" else 0]


def test_model_parameters_said_after_one_polarity_go_to_that_devices_card():
    text = ("Inverter on 3.3 V: the PMOS (VTO -0.55, KP 35u) on top, the NMOS (VTO 0.45, KP 120u) below; input a, "
            "output y.")
    request = read_request(text)
    rows = _with_model_params([".model pch PMOS (level=1 vto=-1 kp=10u)", ".model nch NMOS (level=1 vto=1 kp=10u)"],
                              request)
    cards = {r.split()[2]: dict(re.findall(r"(\w+)=([-\w.]+)", r)) for r in rows}
    for polarity, params in (("PMOS", text[text.find("PMOS"):text.find(")")]),
                             ("NMOS", text[text.find("NMOS"):text.rfind(")")])):
        vto, kp = (p.value for p in request.model_params if p.text in params)
        assert math.isclose(float(cards[polarity]["vto"]), vto) and math.isclose(float(cards[polarity]["kp"]), kp)


@pytest.mark.parametrize("text, approximate", [
    ("Keep DC out of the load but pass everything above roughly 30 Hz; in to out.", True),
    ("A coupling network that blocks DC and lets audio over about 15 Hz through, in to out.", True),
    ("Block the DC; everything from 60 Hz up must pass, in to out.", False),
])
def test_an_edge_said_approximately_is_the_corner_not_a_bound(text, approximate):
    edge = next(s for s in stated(text.lower()) if s.what == "pass_edge")
    assert (edge.bound is None) == approximate


@pytest.mark.parametrize("text, second", [
    ("2k2 resistor from a to b and 0.1 uF from b to ground, AC 1 V at a.", ("C", ("b", "0"), 0.1e-6)),
    ("a 330 ohm resistor between p and q and 0.68 mH from q to 0; transient 1 ms.", ("L", ("q", "0"), 0.68e-3)),
])
def test_a_part_whose_value_starts_with_zero_point_is_its_own_part(text, second):
    parts = [(e.kind, e.placed(), e.value) for e in read_request(text).elements]
    kind, nodes, value = second
    assert any(k == kind and p == nodes and v is not None and math.isclose(v, value) for k, p, v in parts), parts


@pytest.mark.parametrize("first", ["spice_lsp.generation.recipes", "spice_lsp.generation.compose",
                                   "spice_lsp.generation.families"])
def test_every_familys_rules_are_tried_whichever_module_is_imported_first(first):
    # a fresh interpreter: in this one the modules are already imported
    script = (f"import {first}\nfrom spice_lsp.generation.families import FAMILIES, rules\n"
              "print(len({k for _, k, _ in rules()}), len({k for k, f in FAMILIES.items() if f.rules}))")
    tried, ruled = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True,
                                  check=True).stdout.split()
    assert tried == ruled


@pytest.mark.parametrize("text", [
    "Complementary MOS inverter at 2.5 V; DC sweep of VIN from 0 to 2.5 V.",
    "A CMOS inverter running at 3.3 V, sweep VIN 0 to 3.3 V in 10 mV steps.",
])
def test_the_circuit_said_at_its_supply_names_no_input(text):
    assert input_names(text, 1, ("in",)) == ["in"]
    netlist = generate(text).netlist
    swept = next(line for line in netlist.splitlines() if line.startswith("VIN "))
    assert swept.split()[1] == "in"


@pytest.mark.parametrize("text", [
    "Chebyshev high-pass filter, order 3, 0.5 dB ripple, a 2.2 kHz passband edge.",
    "Chebyshev low-pass, third order, 1 dB ripple, a 3.3 kHz ripple-band edge.",
])
def test_a_ripple_band_edge_is_measured_on_the_passbands_side(text):
    result = generate(text)
    ripple = [c for c in result.checks if "dB down from the passband's peak" in c.detail]
    assert ripple and all(c.status == "pass" for c in ripple), ripple


def test_a_named_node_the_answer_lacks_is_reported_once():
    result = generate("RC high-pass with its corner at 500 Hz, input hin, output hout; node tp9 is a test point left "
                      "unconnected. AC sweep 10 Hz to 50 kHz.")
    missing = [c for c in result.checks if c.status == "fail" and c.what.split()[:2] == ["node", "tp9"]]
    assert len(missing) == 1 and not result.verified
