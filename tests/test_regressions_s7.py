"""Readers that a lane's change had broken for other requests (tuning-set passes lost since 0bd1ef4), in new words."""

from spice_lsp.generation.intent import parse_intent
from spice_lsp.generation.pipeline import generate
from spice_lsp.generation.request import read_request


def test_a_units_denominator_is_no_node():
    request = read_request("Pressure amplifier: 2 mV/kPa in, 50 mV/kPa out; the sensor is modelled as a 3 mV DC "
                           "source at ps (to ground); output po. Operating point.")
    assert "kpa" not in request.nodes and request.output == "po"


def test_a_verb_before_out_is_no_node():
    request = read_request("Take a 2 V, 50 Hz sine at src and let only its negative halves reach out, across a 2.2k "
                           "load.")
    assert "reach" not in request.nodes


def test_a_pair_in_parentheses_names_the_parts_ends_not_the_ports():
    request = read_request("Widlar sink: 2 mA reference, 20 uA out; the collector is node q2c, fed from a 9 V supply "
                           "through a 47k resistor (vdd to q2c). Operating point.")
    assert request.input != "vdd"


def test_a_level_in_magnitude_is_no_input_level():
    request = read_request("2-bit binary-weighted DAC into an inverting summer: code 10 gives 2.5 V in magnitude. "
                           "Bits on m1 m0 as 5 V/0 V DC, output dq. Operating point.")
    assert all(source.dc != 2.5 for source in request.sources)


def test_a_model_called_by_name_is_no_part():
    request = read_request("D7 from a to k uses a model called DSCH with IS = 1p and N = 2. V1 = 3 V DC at a, "
                           "R1 = 220 from k to 0. Operating point.")
    assert ("D7", ("a", "k")) in [(e.name, e.nodes) for e in request.elements]


def test_a_source_into_a_named_stage_leaves_that_stage_the_circuit():
    intent = parse_intent("The sensor is a current source I3 of 2 uA DC into an op-amp transimpedance stage of 1 meg; "
                          "output tz.")
    assert intent.kind == "transimpedance"


def test_a_bridge_said_with_no_amplifier_is_the_bare_bridge():
    intent = parse_intent("Half-bridge strain gauge with no amplifier: 350 ohm gauges, GF 2.1, 3 V excitation.")
    assert intent.kind == "strain_gauge_bridge"


def test_an_opamp_output_that_feeds_back_names_no_node():
    result = generate("Hold node b at whatever node a is, even with a 220 ohm load at b: an op-amp whose output "
                      "feeds back to its inverting input. a sits at 2 V DC.")
    assert "feeds" not in result.netlist.split()


def test_a_drivers_base_level_is_its_drive_not_a_bound_on_the_load():
    result = generate("NPN low-side driver for a 24 V solenoid, modelled as 120 Ω from +24 V to node sol. With 3.3 V "
                      "at the base drive node ctl, sol must sit below 0.4 V.")
    assert any(line.split()[:5] == line.split()[:2] + ["0", "DC", "3.3"] and "ctl" in line.split()[1:2]
               for line in result.netlist.splitlines())
