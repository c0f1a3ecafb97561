"""Transistor stages as the request describes them (lane T2, s13), in words no case file uses: a JFET's source
resistor left unbypassed degenerates the stage, a bias pair said after a bias word ("biased at half the rail by
100k/100k") is the divider, and a stated source on a follower's base drives it directly (no divider, coupling
capacitor or base resistor of the family's). Gains and levels are measured in ngspice against each stage's equation."""
import math

import pytest

from spice_lsp.generation.drives import input_names
from spice_lsp.generation.intent import parse_intent
from spice_lsp.generation.pipeline import generate
from spice_lsp.generation.recipes.transistor_stages import divider_values
from spice_lsp.ngspice import runner
from tests.measuring import measure

needs_ngspice = pytest.mark.skipif(runner.shutil.which("ngspice") is None, reason="ngspice is not installed")
VT = 0.02585


@pytest.mark.parametrize("text,pair", [
    ("the gate node pg is biased at half the rail by 100k/100k and fed from p_in", (100e3, 100e3)),
    ("base biased by a 47k/10k pair", (47e3, 10e3)),
    ("biased from the rail, RD 4.7k/RS 1k", None),  # (no "by" before the pair: not a divider)
])
def test_a_pair_said_after_a_bias_word_is_the_divider(text, pair):
    assert divider_values(text) == pair


def _elements(netlist: str, letter: str) -> list[list[str]]:
    return [line.split() for line in netlist.splitlines() if line[:1].upper() == letter]


@needs_ngspice
@pytest.mark.parametrize("text,vp,beta,rd,rs", [
    ("N-JFET common-source amplifier (VTO=-2 BETA=1m) on a 12 V supply: drain resistor 3.3k, gate to ground through "
     "1 Meg, input coupled by 1 uF, and a 680 ohm source resistor left unbypassed. Gain at 1 kHz?",
     2.0, 1e-3, 3.3e3, 680),
    ("Common-source JFET stage, n-channel, VTO = -3 V, BETA = 0.5m, 15 V rail, RD 5.6k and an unbypassed source "
     "resistor of 1k; the gate returns to ground through 1 MEG. What gain at 1 kHz?", 3.0, 0.5e-3, 5.6e3, 1e3),
])
def test_an_unbypassed_jfet_source_resistor_degenerates_the_gain(text, vp, beta, rd, rs):
    result = generate(text)
    assert result.intent.kind == "jfet_common_source", result.netlist
    assert not any(e[1] == "s" or e[2] == "s" for e in _elements(result.netlist, "C")), result.netlist
    a, b = beta * rs * rs, 2 * beta * vp * rs + 1  # Id = BETA (|VTO| - Id RS)^2
    gm = 2 * math.sqrt(beta * (b - math.sqrt(b * b - 4 * a * beta * vp * vp)) / (2 * a))
    inp = _elements(result.netlist, "V")[1][1]
    out = _elements(result.netlist, "J")[0][1]  # the drain
    got = measure(result.netlist, f"ac lin 1 1k 1k\nlet result = vm({out})/vm({inp})")
    assert got == pytest.approx(gm * rd / (1 + gm * rs), rel=0.1), result.netlist


@needs_ngspice
@pytest.mark.parametrize("text,source,base,out,vb,pnp", [
    ("NPN emitter follower (BF=150): base node qb driven by source VB (5 V DC, AC 1), collector on a 12 V supply, "
     "emitter node qe with 1k to ground. DC level at qe and gain?", "VB", "qb", "qe", 5.0, False),
    ("Emitter follower with a PNP on a 9 V rail (node r9): its base, node pb, is held at 3 V DC with AC 1 by VPB; "
     "collector grounded; emitter node pe with 3.3k up to r9. DC level at pe?", "VPB", "pb", "pe", 3.0, True),
    ("Darlington pair of NPNs on 15 V: the input base (node b1) is held at 8 V DC with 1 V AC by source VX; the "
     "second emitter, node eo, has 1k to ground. Gain and DC level at eo?", "VX", "b1", "eo", 8.0, False),
])
def test_a_stated_source_on_the_base_drives_it_directly(text, source, base, out, vb, pnp):
    result = generate(text)
    netlist = result.netlist
    assert [source, base, "0"] == next(e[:3] for e in _elements(netlist, "V") if e[0] == source), netlist
    assert not _elements(netlist, "C"), netlist  # no coupling capacitor, and no resistor on the base
    assert not any(base in e[1:3] for e in _elements(netlist, "R")), netlist
    drops = 2 if "darlington" in result.intent.kind else 1
    level = measure(netlist, f"op\nlet result = v({out})")
    assert level == pytest.approx(vb + drops * 0.7 if pnp else vb - drops * 0.7, abs=0.15 * drops), netlist
    assert measure(netlist, f"ac lin 1 1k 1k\nlet result = vm({out})/vm({base})") == pytest.approx(1, abs=0.05)


@pytest.mark.parametrize("text,roles", [
    ("Common-base NPN on +/-9 V: base grounded, emitter node cbe with 8.2k to n9, collector node cbc with 6.8k to p9.",
     {"RE": 8.2e3, "RC": 6.8e3}),
    ("NMOS common-source stage on 12 V: drain node dd has 3.3k to the rail; gate node gg with 1 Meg to ground.",
     {"RD": 3.3e3, "RG": 1e6}),
])
def test_a_figure_said_with_a_pin_named_by_its_node_is_that_pins_resistor(text, roles):
    values = parse_intent(text).values
    assert {role: values[role].value for role in roles if role in values} == roles


@pytest.mark.parametrize("text,directive", [
    ("Collector characteristic of an NPN: 10 uA into the base; collector xc set by VCX, stepped 0 to 10 V in 50 mV "
     "increments.", ".dc VCX 0 10 50m"),
    ("Diode curve: VD stepped from 0 to 0.8 V in 10 mV steps across D1.", ".dc VD 0 800m 10m"),
    ("RC circuit: VIN stepped from 0 to 5 V at 1 ms, R 1k, C 1u.", None),  # a step in time, no sweep
])
def test_a_source_stepped_in_increments_is_a_dc_sweep_of_it(text, directive):
    sweeps = [a.directive for a in parse_intent(text).analyses if a.kind == "dc"]
    assert sweeps == ([directive] if directive else [])


@pytest.mark.parametrize("text,names", [
    ("CMOS NAND2 on a 3.3 V supply (node vd3). Input ia stays at 3.3 V (source VIA) while VIB ramps input ib from 0 "
     "to 3.3 V in 10 mV steps; the output is nz.", ["ia", "ib"]),
    ("2-input NOR gate on a 5 V rail (node v5n): xa is 0 V and xb is 5 V; output on nq.", ["xa", "xb"]),
])
def test_a_rail_said_as_a_node_is_no_input_of_a_gate(text, names):
    assert input_names(text, 2, ("a", "b")) == names
