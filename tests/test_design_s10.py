"""Circuits built right but designed off the spec the user stated (session 10): a filter's order from its
roll-off in dB per decade or octave, a filter's gain measured in its passband, the inverting one-corner
op-amp filter, a coupling capacitor sized against the resistance behind it. Each class is tried with
requests worded differently from the benchmark cases it came from."""
from __future__ import annotations

import math
import re

import pytest

from spice_lsp.generation.design import passband
from spice_lsp.generation.intent import parse_intent
from spice_lsp.generation.pipeline import generate
from spice_lsp.generation.recipes.filters import stated_order
from spice_lsp.generation.request import Spec
from tests.measuring import measure, part_value


def op_at(netlist: str, node: str) -> float:
    return measure(netlist, f"op\nlet result = v({node})")

# --- the order a roll-off asks for: 20 dB a decade (6 dB an octave) per pole ------------------------------

@pytest.mark.parametrize("text, order", [
    ("falls at 40 dB per decade past the corner", 2),
    ("a -60dB/dec slope", 3),
    ("12 dB/octave", 2),
    ("rolls off 24 dB an octave", 4),
    ("third-order, 40 dB/dec", 3),  # a stated order wins
])
def test_a_roll_off_states_the_order(text, order):
    assert stated_order(text, 5) == order


def test_a_slope_that_is_no_whole_number_of_poles_leaves_the_default():
    assert stated_order("about 50 dB per decade", 5) == 5


@pytest.mark.parametrize("description, high, order", [
    ("maximally flat high-pass at 400 Hz falling 18 dB per octave below it; in -> out", True, 3),
    ("Butterworth low-pass, -3 dB at 5 kHz, 40 dB/decade beyond; from in to out", False, 2),
])
def test_a_butterworth_with_a_stated_roll_off_is_built_and_measured_with_that_many_poles(description, high, order):
    result = generate(description)
    assert result.verified, [(c.what, c.detail) for c in result.checks if c.status != "pass"]
    reactive = [line for line in result.netlist.splitlines() if line[:1] == "C" and not line.startswith("Cpole")]
    assert len(reactive) == order
    slope = next(c for c in result.checks if "dB per decade" in c.what)
    assert slope.status == "pass" and f"{20 * order} dB per decade" in slope.what


# --- a filter's gain is its passband's -----------------------------------------------------------------------

def test_a_filters_gain_with_no_frequency_is_measured_a_decade_into_its_passband():
    specs = [Spec("corner 2 kHz", "cutoff", 2e3), Spec("gain of 5", "gain", 5.0), Spec("12 dB", "gain_db", 12.0),
             Spec("gain 3 at 50 Hz", "gain", 3.0, at=50.0)]
    high = passband(specs, "first_order_active_highpass")
    assert [s.at for s in high] == [None, 2e4, 2e4, 50.0]
    assert [s.at for s in passband(specs, "butterworth_lowpass")] == [None, 200.0, 200.0, 50.0]
    assert passband(specs, "opamp_inverting") == specs  # an amplifier's gain stays where it is measured


@pytest.mark.parametrize("description, high, gain, fc", [
    ("op-amp high-pass, inverting, passband gain 14 dB, corner 300 Hz, in to out", True, 10 ** (14 / 20), 300),
    ("inverting active low pass filter: gain -3.3 and a 5 kHz cutoff", False, 3.3, 5e3),
])
def test_an_inverting_op_amp_filter_is_one_corner_around_the_inverting_stage(description, high, gain, fc):
    result = generate(description)
    assert result.verified, [(c.what, c.detail) for c in result.checks if c.status != "pass"]
    net = result.netlist
    r1, r2, c1 = part_value(net, "R1"), part_value(net, "R2"), part_value(net, "C1")
    assert math.isclose(r2 / r1, gain, rel_tol=0.01)
    assert math.isclose(1 / (2 * math.pi * (r1 if high else r2) * c1), fc, rel_tol=0.01)


def test_a_second_order_inverting_filter_is_not_the_one_corner_stage():
    assert parse_intent("inverting Butterworth low-pass, 2nd order, 1 kHz").kind != "first_order_active_lowpass"


# --- a coupling capacitor against the resistance behind it ----------------------------------------------------

def test_a_coupling_capacitor_is_sized_from_the_load_as_its_only_resistor():
    result = generate("Coupling cap from node p to node q feeding the next stage, whose input impedance is 22k "
                      "from q to ground; low-frequency corner 7 Hz.")
    assert result.verified, [(c.what, c.detail) for c in result.checks if c.status != "pass"]
    r, c = part_value(result.netlist, "R1"), part_value(result.netlist, "C1")
    assert r == 22e3 and math.isclose(1 / (2 * math.pi * r * c), 7, rel_tol=0.05)


# --- an inverting output stage's sign: "out = -(code/8) x 4 V" ------------------------------------------------

@pytest.mark.parametrize("description, vref, code, bits", [
    ("3-bit R-2R ladder DAC (R = 22k, 2R = 44k), 3 V for a 1, code 101, then an inverting op-amp stage: "
     "vout = -(code/8)*3 V", 3.0, 5, 3),
    ("R-2R DAC, 4 bits, logic high 2 V, input word 0110, output through an inverting amplifier", 2.0, 6, 4),
])
def test_an_r2r_ladder_into_an_inverting_stage_gives_the_negative_output(description, vref, code, bits):
    result = generate(description)
    out = next(c for c in result.checks if c.what.startswith("function: vout"))
    assert out.status == "pass"
    node = re.search(r"^X1 0 \S+ (\S+) opamp", result.netlist, re.MULTILINE)[1]  # the inverting stage's output
    assert math.isclose(op_at(result.netlist, node), -vref * code / 2 ** bits, rel_tol=0.02)


def test_a_negative_output_formula_makes_the_weighted_dac_inverting():
    from spice_lsp.generation.recipes.data_conversion import _inverted
    assert _inverted("weighted DAC, 5 V logic, so that Vout = -(code/8) x 5 V")
    assert not _inverted("weighted DAC, 5 V logic, Vout = (code/8) x 5 V")


# --- a follower's emitter at half the supply ------------------------------------------------------------------

@pytest.mark.parametrize("vcc", [9.0, 15.0])
def test_an_emitter_follower_idles_at_half_its_supply(vcc):
    result = generate(f"NPN emitter follower from a {vcc:g} V supply; input in (AC coupled), output out")
    assert math.isclose(op_at(result.netlist, "out"), vcc / 2, rel_tol=0.1)


# --- a transmission gate switched on, passing a held level; a model the request writes out is that model ---------

def test_a_switched_on_transmission_gate_passes_its_level_with_the_stated_square_law():
    result = generate("Analog switch (CMOS transmission gate) switched on between p and q, 4.7k load from q to ground. "
                      "NMOS W=8u L=1u (VTO=0.6 KP=90u), PMOS W=20u L=1u (VTO=-0.6 KP=36u), 3 V supply. "
                      "VP holds p at 1 V DC.")
    net = result.netlist
    assert "gamma" not in net and "lambda" not in net  # VTO and KP stated: that level-1 model alone
    vq = op_at(net, "q")
    # both in triode at Vq: NMOS 90u*8 ((3 - Vq - 0.6)(1 - Vq) - (1 - Vq)^2/2), PMOS 36u*20 (0.4 (1 - Vq) - ..)
    # or saturated; the sum is Vq/4.7k
    def current(v: float) -> float:
        vds = 1 - v
        n = 90e-6 * 8 * ((2.4 - v) * vds - vds ** 2 / 2)
        p = 36e-6 * 20 * (0.4 * vds - vds ** 2 / 2) if vds < 0.4 else 0.5 * 36e-6 * 20 * 0.16
        return n + p - v / 4.7e3
    lo, hi = 0.0, 1.0
    for _ in range(60):
        mid = (lo + hi) / 2
        lo, hi = (mid, hi) if current(mid) > 0 else (lo, mid)
    assert math.isclose(vq, lo, rel_tol=0.02)


# --- diodes that limit a signal are a clipper -----------------------------------------------------------------------

@pytest.mark.parametrize("description", [
    "two anti-parallel diodes after a 2.2k resistor limit a 4 V peak sine to about a diode drop",
    "back-to-back silicon diodes to ground clip the 3 V sine coming through 1k",
])
def test_diodes_that_limit_a_signal_are_a_clipper(description):
    assert parse_intent(description).kind == "diode_clipper"


# --- a quarter bridge's gauge at the resistance the request states ---------------------------------------------------

def test_a_strained_gauge_stated_as_a_resistance_is_the_active_arm():
    result = generate("Quarter bridge: arms of 1k, the active gauge strained to 1003 ohm; "
                      "3.3 V excitation on node e, outputs p and n.")
    arms = sorted(part_value(result.netlist, name) for name in ("R1", "R2", "R3", "R4"))
    assert arms == [1000.0, 1000.0, 1000.0, 1003.0]


# --- MOS mirrors sized as stated -------------------------------------------------------------------------------------

def test_an_nmos_mirror_with_its_two_devices_sized_copies_their_ratio():
    result = generate("nmos mirror: 10 uA reference current source into the diode-connected device (W=2u L=1u), "
                      "output device W=7u L=1u, VTO 0.6 KP 80u, 3.3 V on vdd; output drain out with 10k up to vdd")
    assert math.isclose((3.3 - op_at(result.netlist, "out")) / 10e3, 35e-6, rel_tol=0.03)


def test_a_pmos_mirror_fed_by_a_current_source_copies_it_by_its_aspect_ratio():
    result = generate("PMOS current mirror from 3.3 V: an ideal 20 uA current source as the reference pulls current "
                      "out of the diode-connected device (W/L = 5u/1u); the output device is 15u/1u and drives a 10k "
                      "load to ground. VTO -0.6, KP 30u.")
    assert result.verified
    assert math.isclose(op_at(result.netlist, "out") / 10e3, 60e-6, rel_tol=0.03)


def test_a_pi_network_named_by_its_shape_is_the_lc_ladder():
    assert parse_intent("C-L-C pi network low-pass, Butterworth, 3rd order, 75 ohm, 5 MHz").kind == "lc_ladder_lowpass"


def test_a_rectifier_fed_by_a_transformer_secondary_is_built_with_the_peak_of_its_rms():
    result = generate("Half-wave rectifier: transformer secondary of 6 V rms at 50 Hz (a sine on node t), silicon "
                      "diode into node v, 220 uF and 470 ohm load")
    sine = re.search(r"SIN\(0 (\S+) 50\)", result.netlist)
    assert sine and math.isclose(float(sine[1]), 6 * math.sqrt(2), rel_tol=1e-3)


# --- a Vbe multiplier fed by a current source, its resistors as stated ---------------------------------------------

def test_a_current_fed_vbe_multiplier_holds_vbe_times_its_divider_ratio():
    result = generate("Rubber diode (Vbe multiplier), NPN BF=120 IS=1e-14: RA = 15k and RB = 6.8k, "
                      "fed 3 mA by a current source into node top.")
    assert result.verified
    ic = 3e-3 - 0.65 * (1 + 15 / 6.8) / 21.8e3
    vbe = 0.02585 * math.log(ic / 1e-14)
    assert math.isclose(op_at(result.netlist, "top"), vbe * (1 + 15 / 6.8) + ic / 120 * 15e3, rel_tol=0.02)


# --- a delta-VBE pair of diodes is built of diodes ----------------------------------------------------------------

def test_a_ptat_pair_of_diodes_is_two_ideal_junctions_at_the_stated_currents():
    result = generate("PTAT cell from two diodes (IS=2e-14), D1 at 400 uA and D2 at 25 uA, read v(p) - v(q); op")
    net = result.netlist
    assert re.search(r"^D1 p 0 \w+", net, re.MULTILINE) and re.search(r"^D2 q 0 \w+", net, re.MULTILINE)
    assert not re.search(r"^Q\d", net, re.MULTILINE)
    dv = measure(net, "op\nlet result = v(p) - v(q)")
    assert math.isclose(dv, 0.02585 * math.log(16), rel_tol=0.02)


def test_a_bridge_rectifiers_reservoir_read_as_an_output_capacitor_is_its_reservoir():
    result = generate("Full-wave bridge rectifier: 12 V peak 50 Hz between nodes p and n, output node out across "
                      "330 uF and a 1k load to ground.")
    assert part_value(result.netlist, "C1") == 330e-6


# --- a common-source stage loaded by a diode-connected PMOS -----------------------------------------------------------

def test_a_diode_connected_pmos_load_gives_the_square_root_beta_ratio():
    result = generate("CS amplifier: NMOS with a diode-connected PMOS load, 5 V supply. NMOS W=30u L=1u (VTO=0.5, "
                      "KP=100u); PMOS W=10u L=1u (VTO=-0.5, KP=30u). Input in, output out.")
    assert re.search(r"^M2 out out vdd vdd \w+ W=10u L=1u", result.netlist, re.MULTILINE)
    gain = measure(result.netlist, "ac lin 1 1k 1k\nlet result = real(v(out)/v(in))")
    assert math.isclose(gain, -math.sqrt(100e-6 * 30 / (30e-6 * 10)), rel_tol=0.03)
    assert next(c for c in result.checks if c.what.startswith("function: amplifies")).status == "pass"


def test_a_bias_designed_for_a_model_the_request_writes_out_uses_its_square_law_alone():
    # VTO and KP stated: no channel-length modulation in the card, none in the gate's design either
    result = generate("NMOS with VTO=0.8, KP=150u, W=20u, L=2u biased at 0.5 mA drain current on a 6 V supply; its "
                      "drain resistor should put the drain at 3 V. Gate g, drain d.")
    assert "lambda" not in result.netlist
    assert math.isclose(op_at(result.netlist, "d"), 3.0, rel_tol=0.03)


# --- a sensor divider whose output the request names t, its fixed resistor on top -------------------------------------

def test_an_ntc_under_a_fixed_resistor_reads_its_stated_temperature_at_an_output_named_t():
    result = generate("NTC thermistor divider: 22k at 25 C with B = 3977, under a 22k fixed resistor from 5 V "
                      "(node vs); output node t. Simulate it at 0 C.")
    rt = 22e3 * math.exp(3977 * (1 / 273.15 - 1 / 298.15))  # its rating and B constant, at 0 C
    assert math.isclose(op_at(result.netlist, "t"), 5 * rt / (rt + 22e3), rel_tol=0.02)
