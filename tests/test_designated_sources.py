"""A source the request names by its own designator, placed and stated by the words around it: the aside after a
node ("node sg (VSG, AC 1)", "+12 V (node pr, from VPR)", "node en at 3 V (VON)") or its own clause ("VQ has AC 1
on node qx", "Drive node dr from VDR, a 2 V peak 500 Hz sine", "6 Vrms, 50 Hz from VMN on node mn").

The wordings and values are new ones (not the tuning or probe cases'); the end-to-end checks run the sandboxed
ngspice through `generate`."""
from __future__ import annotations

import math

import pytest

from spice_lsp.generation.pipeline import generate
from spice_lsp.generation.request import read_request


def _source(text: str, name: str):
    return next(s for s in read_request(text).sources if s.name == name)


@pytest.mark.parametrize("text, name, node, ac", [
    ("RC high-pass, corner 200 Hz. Input node sg (VSG, AC 1), output node so.", "VSG", "sg", 1.0),
    ("Low-pass RC with a 2 kHz corner; node lpi is the input (VLP, AC 0.5 V) and node lpo the output.",
     "VLP", "lpi", 0.5),
    ("VQ has AC 1 on node qx. RQ (1k) runs from qx to qy and CQ = 100n from qy to ground. AC sweep 10 Hz to 10 kHz.",
     "VQ", "qx", 1.0),
])
def test_an_ac_magnitude_said_with_the_sources_name_is_its_ac_level_on_its_node(text, name, node, ac):
    source = _source(text, name)
    assert (source.node, source.ac) == (node, ac)


@pytest.mark.parametrize("text, name, node, dc", [
    ("The PNP's emitter goes to +12 V (node pr, from VPR) and its collector to node pc through 1k.", "VPR", "pr", 12.0),
    ("A 2.2k pull-up from node en to node ep; node en at 3 V (VON) sets the level.", "VON", "en", 3.0),
    ("Inputs: ia (VIA, parked at 1.5 V) and ib (VIB, 0.5 V). Output node io.", "VIA", "ia", 1.5),
    ("Inputs: ia (VIA, parked at 1.5 V) and ib (VIB, 0.5 V). Output node io.", "VIB", "ib", 0.5),
    ("A 2 mA current source, IQ5, feeds node qd from ground; a 1k resistor runs from qd to ground.", "IQ5", "qd",
     0.002),
])
def test_a_dc_level_said_with_the_sources_name_is_its_level_on_its_node(text, name, node, dc):
    source = _source(text, name)
    assert (source.node, source.dc) == (node, dc)


def test_a_level_at_a_frequency_is_a_sine_and_its_rms_is_its_peak_over_root_two():
    source = _source("Bridge rectifier: 6 Vrms, 50 Hz from VMN on node mn, four diodes into node dcx.", "VMN")
    assert source.node == "mn"
    assert source.sin is not None and source.sin[1:] == pytest.approx((6 * math.sqrt(2), 50.0))


def test_a_sweep_or_another_wave_gives_no_level():
    request = read_request("Inputs: ia (swept by VIA from 0 to 3 V) and ib. VCK on node ck is a 1 kHz clock, "
                           "0 to 5 V. Output node io.")
    swept, clock = (next(s for s in request.sources if s.name == name) for name in ("VIA", "VCK"))
    assert swept.node == "ia" and swept.dc != 3.0 and swept.sin is None  # its stop is no level of its own
    assert clock.sin is None and clock.pulse is not None and clock.pulse[:2] == (0.0, 5.0)


def test_a_current_said_from_a_node_is_left_to_the_current_readers():
    request = read_request("Mirror on a 5 V rail (node vr): IRF = 50 uA from vr into the diode-connected M1, output "
                           "node mo with a 10k load to vr.")
    assert next(s for s in request.sources if s.name == "IRF").node != "vr"


def test_a_quantitys_name_placed_by_no_source_word_is_no_source():
    request = read_request("Common-emitter stage on node cb with VT = 26 mV; output node co, 12 V supply on vcc.")
    assert not any(s.name == "VT" for s in request.sources)


@pytest.mark.parametrize("text, name, node, wave", [
    ("Diode peak detector: VDK puts a 3 V peak, 2 kHz sine on dk_i; a diode feeds node dk_o, which has a 1 µF hold "
     "cap and a 10k bleed resistor to ground. Simulate 10 ms.", "VDK", "dk_i", "SIN(0 3 2000)"),
    ("RC low-pass, cutoff 1 kHz. Drive node lq_i from VLQ, a 2 V peak 500 Hz sine; output node lq_o. Simulate 10 ms.",
     "VLQ", "lq_i", "SIN(0 2 500)"),
])
def test_the_answers_source_on_the_node_takes_the_users_name_and_wave(text, name, node, wave):
    lines = [line.split() for line in generate(text).netlist.splitlines()]
    driver = next(line for line in lines if line[:1] == [name])
    assert driver[1:3] == [node, "0"]
    assert wave.replace(" ", "") in "".join(driver[3:]).replace(" ", "")


@pytest.mark.parametrize("text, levels", [
    ("2-input CMOS NOR on a 5 V rail (node vd5). Input node na (VNA, tied low) and input node nb (VNB, held high). "
     "Output ny.",
     {"VNA": 0.0, "VNB": 5.0}),
    ("NAND on a 1.8 V supply at node v18: input node pa swept by VPA, node pb (VPB, also parked high), output pq.",
     {"VPB": 1.8}),
])
def test_a_logic_level_in_words_is_the_supplys_level_or_ground(text, levels):
    assert {name: _source(text, name).dc for name in levels} == levels


def test_high_with_no_supply_said_gives_no_level():
    assert _source("Input node na (VNA, held high) and node nb (VNB, 1 V). Output node ny.", "VNA").dc is None


@pytest.mark.parametrize("text, nodes", [
    ("Three-bit R-2R DAC, R = 10k. Bit nodes d0, d1 and d2, driven by VD0 through VD2. Output node dq. "
     "Operating point.",
     {"VD0": "d0", "VD1": "d1", "VD2": "d2"}),
    ("Summing inputs x1, x2, x3 and x4 (sources VX1-VX4, 1 V each) into node sj; output node so.",
     {"VX1": "x1", "VX2": "x2", "VX3": "x3", "VX4": "x4"}),
])
def test_a_range_of_sources_puts_each_on_the_node_its_name_spells(text, nodes):
    assert {name: _source(text, name).node for name in nodes} == nodes


def test_a_level_a_named_source_crosses_is_no_level_of_its_own():
    text = ("Comparator on a single 5 V supply: node alarm goes high when node tv, driven by source VT, drops below "
            "1.8 V.")
    source = next(s for s in read_request(text).sources if s.name == "VT")
    assert source.node == "tv" and source.dc is None
