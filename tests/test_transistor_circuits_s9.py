"""Transistor-level circuits (lane D, s9): a PNP current source is built with a PNP; a mirror's stated output
current, a JFET source's stated current and two stated device sizes design the circuit; a rail named right after
its noun ("the 15 V rail vsup") and a load "from" that rail are the circuit's. Each answer is measured in ngspice,
the expectation computed from the request's numbers."""
import math

import pytest

from spice_lsp.generation.intent import parse_intent
from spice_lsp.generation.pipeline import generate
from spice_lsp.generation.request import read_request
from spice_lsp.generation.templates import mirror_ratio
from spice_lsp.ngspice import runner

NGSPICE = pytest.mark.skipif(runner.shutil.which("ngspice") is None, reason="ngspice is not installed")


def _op(netlist: str, expression: str) -> float:
    value, run = runner.measure(netlist, "op", expression)
    assert value is not None, run
    return value


def _parts(netlist: str, letter: str) -> list[list[str]]:
    return [line.split() for line in netlist.splitlines() if line[:1].upper() == letter]


@NGSPICE
def test_a_pnp_current_source_sources_into_its_grounded_load():
    result = generate("Current source with a PNP transistor: emitter resistor up to the 15 V supply, divider on the "
                      "base, 2 mA leaving its collector into a 2.2k resistor to ground at node ld.")
    models = [line.lower() for line in result.netlist.splitlines() if line.lower().startswith(".model")]
    assert any(" pnp" in m for m in models) and not any(" npn" in m for m in models), result.netlist
    assert _op(result.netlist, "v(ld)") == pytest.approx(2e-3 * 2.2e3, rel=0.06), result.netlist
    assert result.verified, result.warnings


@NGSPICE
def test_a_mirror_is_designed_for_the_output_current_it_states():
    result = generate("simple NPN mirror, it should sink 3 mA out of node snk, which has 1.5k up to a 12 V rail")
    assert _op(result.netlist, "(12 - v(snk))/1.5k") == pytest.approx(3e-3, rel=0.05), result.netlist
    assert result.verified, result.warnings


def test_two_stated_sizes_give_a_mirror_its_ratio():
    # the output's size said first, then the reference's: the ratio is still output over reference
    said_second = parse_intent("NMOS mirror: diode device 4u/2u, output device 12u/2u, 10 uA reference")
    said_first = parse_intent("NMOS mirror whose output device is 16u/2u and whose diode device is 4u/2u")
    assert mirror_ratio(said_second) == pytest.approx(3)
    assert mirror_ratio(said_first) == pytest.approx(4)
    assert mirror_ratio(parse_intent("NMOS mirror, both 4u/2u, 10 uA reference")) == 1


@NGSPICE
def test_a_mirror_with_two_sizes_copies_their_ratio():
    result = generate("NMOS current mirror (level 1, VTO=0.6, KP=150u): the diode FET is 5u/1u with 15 uA pushed in "
                      "by an ideal source from vdd = 5 V; the copying FET is 20u/1u, drain dq through 30k to vdd.")
    widths = sorted(next(float(w[2:-1]) for w in m if w.upper().startswith("W=")) for m in _parts(result.netlist, "M"))
    assert widths == [5, 20], result.netlist
    assert _op(result.netlist, "(5 - v(dq))/30k") == pytest.approx(4 * 15e-6, rel=0.05), result.netlist


@NGSPICE
def test_a_jfet_source_resistor_is_designed_for_the_stated_current():
    result = generate("n-channel JFET (VTO=-2.5, BETA=2m) as a constant current sink of 0.5 mA, gate grounded; "
                      "its drain dj sits below a 10k resistor from a 20 V rail")
    vp, beta, i = 2.5, 2e-3, 0.5e-3
    rs = next(float(r[3].rstrip("k")) * 1e3 for r in _parts(result.netlist, "R") if "s" in r[1:3])
    assert rs == pytest.approx((vp - math.sqrt(i / beta)) / i, rel=0.02), result.netlist
    assert _op(result.netlist, "(20 - v(dj))/10k") == pytest.approx(i, rel=0.05), result.netlist
    assert result.verified, result.warnings


@NGSPICE
def test_a_wilson_mirror_with_no_mos_words_is_bipolar():
    result = generate("three-transistor Wilson current sink, 750 uA, 9 V supply, output collector wk, 4.7k load to "
                      "the supply")
    assert len(_parts(result.netlist, "Q")) == 3 and not _parts(result.netlist, "M"), result.netlist
    assert result.verified, result.warnings


def test_a_rail_named_right_after_its_noun_is_the_supply():
    for text, node, level in (("the 15 V rail vsup feeds a mirror", "vsup", 15.0),
                              ("runs off a 24 V supply v24", "v24", 24.0)):
        supplies = [s for s in read_request(text).sources if s.supply]
        assert [(s.node, s.dc) for s in supplies] == [(node, level)], text
    assert not [s for s in read_request("a 12 V supply voltage feeds it").sources if s.node]


def test_a_load_from_a_rail_hangs_from_the_rail_to_the_output():
    loads = [e for e in read_request("the copy pulls current through a 3.3k load from vcc").elements
             if e.kind == "R"]
    assert [e.nodes for e in loads] == [("vcc", None)]
    grounded = [e for e in read_request("a 3.3k load on node q").elements if e.kind == "R"]
    assert [e.nodes for e in grounded] == [("q", "0")]


@NGSPICE
def test_a_mirror_on_a_named_rail_keeps_the_rail_and_the_output_apart():
    result = generate("BJT cascode current mirror, 200 uA reference via a resistor from the 9 V rail vpos, output "
                      "collector kq through 22k to vpos")
    sources = _parts(result.netlist, "V")
    assert any(s[1] == "vpos" and s[2] == "0" for s in sources), result.netlist
    assert _op(result.netlist, "(v(vpos) - v(kq))/22k") == pytest.approx(200e-6, rel=0.06), result.netlist


@NGSPICE
def test_a_cascode_with_a_stated_load_and_emitter_resistor_is_biased_to_amplify():
    # 4.7k over 390 ohm from 12 V: the default divider would run 4 mA and saturate it; the gain is RC/(RE + re)
    result = generate("bipolar cascode stage on 12 V, 4.7k collector resistor, 390 ohm emitter resistor (no bypass), "
                      "input node vi through a coupling capacitor, output node vo")
    gain, run = runner.measure(result.netlist, "ac dec 10 100 10k", "find vdb(vo) at=1k")
    assert gain is not None, run
    collector = _op(result.netlist, "v(vo)")
    assert 4.0 < collector < 11.0, result.netlist  # neither saturated nor cut off
    ic = (12 - collector) / 4.7e3
    assert 10 ** (gain / 20) == pytest.approx(4.7e3 / (390 + 0.02585 / ic), rel=0.1), result.netlist


def test_a_level_said_of_logic_is_no_supply():
    from spice_lsp.generation.ports import read_ports
    supply = read_ports("NPN inverter from 5 V logic at node a to an open collector pulled up to 24 V").supply
    assert supply is None or supply.value != 5


def test_a_diff_pair_of_bjts_is_the_long_tailed_pair():
    assert parse_intent("a BJT diff pair with 3.3k collector resistors and a 1 mA tail source").kind == \
        "bjt_long_tailed_pair"


@NGSPICE
def test_a_totem_pole_gate_driver_swings_the_gate_rail_to_rail():
    result = generate("gate driver for a power MOSFET: NPN-PNP totem pole from a 15 V rail, driven by a 0/15 V 20 kHz "
                      "square on node drv; the MOSFET gate (node g) is about 2.2 nF")
    assert result.intent.kind == "totem_pole_gate_driver"
    high, run = runner.measure(result.netlist, "tran 50n 200u", "max v(g) from=100u")
    low, _ = runner.measure(result.netlist, "tran 50n 200u", "min v(g) from=100u")
    assert high is not None and low is not None, run
    assert 15 - 1.2 < high < 15.01 and -0.01 < low < 1.2, result.netlist


@NGSPICE
def test_a_mosfet_switching_a_lamp_keeps_its_gate_resistor_and_model():
    result = generate("n-channel MOSFET (VTO = 2, KP = 1) switching a 12 ohm lamp from a 24 V supply: 10 V DC drive "
                      "on node gin through a 47 ohm gate resistor, drain node dd")
    assert result.intent.kind == "transistor_load_driver"
    resistors = {r[0].upper(): r[1:] for r in _parts(result.netlist, "R")}
    assert any(r[:2] == ["gin", "g"] and r[2] == "47" for r in resistors.values()), result.netlist
    assert "vto=2" in result.netlist.lower() and "kp=1" in result.netlist.lower(), result.netlist
    assert _op(result.netlist, "v(dd)") < 0.5, result.netlist  # on: 2 A through 1/(KP (VGS - VTO)) = 0.125 ohm


def test_a_pmos_said_wider_than_the_nmos_is_that_many_times_its_width():
    result = generate("CMOS inverter on 3.3 V: NMOS W/L = 2u/0.5u, PMOS 3 times wider, input a, output y")
    widths = {m[5]: m[6] for m in _parts(result.netlist, "M")}  # model -> W=...
    assert widths.get("pch") == "W=6u" and widths.get("nch") == "W=2u", result.netlist


@NGSPICE
def test_one_npn_asked_for_a_voltage_gain_is_designed_for_it():
    result = generate("one NPN amplifier stage, about 8x voltage gain, 12 V supply, input node u, output node w")
    assert result.intent.kind == "bjt_degenerated_ce"
    gain, run = runner.measure(result.netlist, "ac dec 10 100 10k", "find vm(w) at=1k")
    assert gain is not None, run
    assert gain == pytest.approx(8, rel=0.1), result.netlist
