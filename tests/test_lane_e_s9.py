"""Lane E, session 9 (op-amp, filter, comparator, converter and sensor circuits): requests in new words."""
from __future__ import annotations

import pytest

from spice_lsp.generation.pipeline import generate
from spice_lsp.generation.recipes.comparators import _edges, trip_points
from tests.measuring import measure


@pytest.mark.parametrize("text, points", [
    ("Schmitt trigger, thresholds 2.2 V rising and 0.8 V falling", (2.2, 0.8)),
    ("a trigger that trips at 4 V going up and 3 V on the way down", (4.0, 3.0)),
])
def test_switching_points_each_said_with_its_direction(text, points):
    assert trip_points(text) == points


def test_a_trigger_running_off_one_supply_swings_from_0_to_it_and_switches_where_said():
    netlist = generate("Comparator with hysteresis powered from 3.3 V: the output goes high once the input climbs "
                       "above 2 V and returns low after it drops below 1.2 V. Source VX on node x, output o.").netlist
    assert measure(netlist, "dc vx 0 3.3 0.001\nmeas dc result max v(o)") == pytest.approx(3.3, rel=0.05)
    assert measure(netlist, "dc vx 0 3.3 0.001\nmeas dc result min v(o)") == pytest.approx(0, abs=0.05)
    assert measure(netlist, "dc vx 0 3.3 0.001\nmeas dc result when v(o)=1.65 cross=1") == pytest.approx(2, rel=0.03)
    assert measure(netlist, "dc vx 3.3 0 -0.001\nmeas dc result when v(o)=1.65 cross=1") == pytest.approx(1.2, rel=0.03)


@pytest.mark.parametrize("text, edges", [
    ("output high when 1.5 V < x < 2.5 V", ("1.5", "2.5")),
    ("flag set while 0.5 V <= vin <= 3 V", ("0.5", "3")),
])
def test_a_window_written_as_an_inequality(text, edges):
    assert _edges(text) == edges


@pytest.mark.parametrize("text, out, level", [
    ("Op-amp subtractor so that y = 4 (m - k); m is held at 1.5 V DC and k at 1 V DC.", "y", 2.0),
    ("difference amp, vd = 3 × (hi − lo), test it with 2 V DC on hi and 1.5 V DC on lo", "vd", 1.5),
])
def test_a_difference_written_as_an_equation_sets_the_gain_and_names(text, out, level):
    netlist = generate(text).netlist
    assert measure(netlist, f"op\nlet result = v({out})") == pytest.approx(level, rel=0.02)


def test_an_in_amp_builds_its_inputs_under_their_names_and_its_gain_resistor_as_rg():
    netlist = generate("3 op-amp instrumentation amplifier with a gain of 20, gain resistor RG; inputs u (1.05 V DC) "
                       "and w (1.00 V DC), output node ia").netlist
    assert any(line.split()[0] == "RG" for line in netlist.splitlines() if line.strip())
    assert measure(netlist, "op\nlet result = v(ia)") == pytest.approx(1.0, rel=0.02)
    assert measure(netlist, "op\nlet result = v(u) - v(w)") == pytest.approx(0.05, rel=0.01)


@pytest.mark.parametrize("text, out, expected", [
    # sensor below the fixed resistor, gain 1 + R4/R3: 1.5 x 5 x 8/(12 + 8)
    ("a thermistor divider (NTC taken as 8k at room temperature) with a 12k resistor from a 5 V supply; the NTC goes "
     "from node t to ground; buffer t with a non-inverting amplifier of gain 1.5, output node tb", "tb", 3.0),
    # sensor on top, a follower: 3.3 x 10/(5 + 10)
    ("photoresistor modelled as 5k from the 3.3 V rail to node lx, 10k from lx to ground, op-amp voltage follower "
     "onto node vl", "vl", 2.2),
])
def test_a_resistive_sensor_divider_into_an_op_amp_stage(text, out, expected):
    result = generate(text)
    assert result.intent.kind == "sensor_divider_amplifier"
    assert measure(result.netlist, f"op\nlet result = v({out})") == pytest.approx(expected, rel=0.02)


@pytest.mark.parametrize("text, gain_db, corner, high", [
    ("first-order op-amp low-pass, inverting, gain of -4, corner at 2 kHz", 12.04, 2e3, False),
    ("single-pole active high-pass: an RC high-pass at 300 Hz feeding a non-inverting amplifier with a gain of 3",
     9.54, 300, True),
    ("first order active low pass, unity gain follower, 500 Hz corner, C = 47 nF", 0.0, 500, False),
])
def test_a_first_order_active_filter_has_its_corner_and_passband_gain(text, gain_db, corner, high):
    result = generate(text)
    assert result.intent.kind == f"first_order_active_{'high' if high else 'low'}pass"
    sweep = f"ac dec 200 {corner / 100:g} {corner * 100:g}\nlet g = vdb(out)-vdb(in)\n"
    flat = corner * 30 if high else corner / 30
    assert measure(result.netlist, f"{sweep}meas ac result find g at={flat:g}") == pytest.approx(gain_db, abs=0.3)
    edge = measure(result.netlist, f"{sweep}meas ac result when g={gain_db - 3.01:g}")
    assert edge == pytest.approx(corner, rel=0.03)


def test_a_state_variable_filter_with_all_three_outputs_is_that_filter():
    result = generate("KHN state variable filter, f0 2 kHz, Q 1, outputs lp, bp and hp, input in")
    assert result.intent.kind == "state_variable_filter"


def test_a_chebyshev_ripple_bandwidth_is_where_its_ripple_band_ends():
    netlist = generate("Chebyshev low-pass, 2nd order, 0.5 dB ripple, ripple bandwidth 5 kHz, unity-gain "
                       "Sallen-Key").netlist
    sweep = "ac dec 400 100 100k\nlet g = vdb(out)-vdb(in)\nlet r = g - vecmax(g)\n"
    assert measure(netlist, f"{sweep}meas ac result when r=-0.5 fall=1") == pytest.approx(5e3, rel=0.03)


def test_a_lossy_integrators_time_constant_is_r1_c_and_its_square_becomes_the_triangle():
    result = generate("Miller integrator with a big resistor across the capacitor, RC time constant 2 ms, driven by "
                      "a ±1 V 500 Hz square wave")
    assert result.intent.kind == "practical_integrator"
    # R1 C = 2 ms: a 1 ms half-period of 1 V ramps 0.5 V (RF = 10 R1 leaks 2.5 % of it; the start's offset
    # decaying through RF C = 20 ms adds up to 0.06 V over the window)
    assert 0.45 < measure(result.netlist, "tran 5u 20m uic\nmeas tran result pp v(out) from=10m to=20m") < 0.57


@pytest.mark.parametrize("text, out, expected", [
    ("4-20 mA receiver", "out", 3.0),  # 12 mA (mid-span) x 250 ohm, followed
    ("4 to 20 mA loop receiver: 250 ohm sense resistor, non-inverting amplifier with a gain of 1.25, loop at 16 mA, "
     "output node vo", "vo", 5.0),
])
def test_a_current_loop_receiver_reads_the_loop_current_across_its_sense_resistor(text, out, expected):
    result = generate(text)
    assert result.intent.kind == "current_loop_receiver"
    assert measure(result.netlist, f"op\nlet result = v({out})") == pytest.approx(expected, rel=0.02)


def test_inputs_listed_with_a_dc_level_in_parentheses_are_the_ports():
    from spice_lsp.generation.ports import read_ports
    text = "diode OR: inputs xa (3.3 V DC) and xb (0 V DC) each through a diode to output yo, 4.7k from yo to ground"
    assert read_ports(text).roles["input"] == ("xa", "xb")
    netlist = generate(text).netlist
    assert measure(netlist, "op\nlet result = v(xb)") == pytest.approx(0, abs=1e-6)
    assert 2.4 < measure(netlist, "op\nlet result = v(yo)") < 3.0


def test_a_named_current_source_given_no_level_keeps_the_circuits_level():
    netlist = generate("4-20 mA receiver: the loop current (16 mA, a current source IX into node sn) develops 4 V "
                       "across a 250 ohm resistor to ground, and an op-amp follower copies sn to node ro.").netlist
    assert measure(netlist, "op\nlet result = v(ro)") == pytest.approx(4.0, rel=0.02)


def test_a_follower_onto_a_named_node_names_the_output():
    from spice_lsp.generation.ports import read_ports
    text = ("4 bit R-2R ladder (10k/20k), bits d3..d0 at 0/5 V set to 1000, buffered by an op-amp follower onto "
            "node vdac")
    assert read_ports(text).roles["output"] == ("vdac",)
    assert measure(generate(text).netlist, "op\nlet result = v(vdac)") == pytest.approx(2.5, rel=0.02)
