"""Open-world circuits the generator got wrong (session 15, issue 14), in words of our own: for each class of request
fixed, two or three variants (other circuits, node names and sentence shapes), asserting what the answer does on the
nodes the request names, measured in ngspice against a figure computed here from the circuit's equations."""
import math
import re

import pytest

from spice_lsp.generation.pipeline import generate
from spice_lsp.ngspice import runner
from training.case_checks import run_check

NGSPICE = pytest.mark.skipif(runner.shutil.which("ngspice") is None, reason="ngspice is not installed")


def _measure(netlist: str, analysis: str, measure: str, let: str | None = None) -> float:
    spec = {"analysis": analysis, "measure": measure, "min": -1e30, "max": 1e30, **({"let": let} if let else {})}
    result = run_check(netlist, spec)
    assert result.value is not None, (result.error, netlist)
    return result.value


def _parts(netlist: str, kind: str) -> list[list[str]]:
    return [line.split() for line in netlist.splitlines() if line[:1].upper() == kind]


def _between(netlist: str, kind: str, a: str, b: str) -> list[list[str]]:
    return [w for w in _parts(netlist, kind) if sorted(w[1:3]) == sorted([a, b])]


# --- a generator node and its source resistor's far end both named ("a source at node g behind a 50 ohm resistor
# into node f"), and a load resistor of the same value as the source's matched on the output, not the input ---

@NGSPICE
@pytest.mark.parametrize("text,gen,inp,out,r0,fc", [
    ("5th-order Butterworth LC ladder low-pass, 75 ohm system, cutoff 3 MHz. The generator is a source at node gin "
     "behind a 75 ohm resistor into node fin; the output node fout is loaded by 75 ohm.", "gin", "fin", "fout", 75,
     3e6),
    ("Passive LC ladder low-pass (Butterworth, order 3) with a 200 kHz cutoff: the signal source "
     "sits at node sg behind a 600 ohm resistor into node ldi, and the output node ldo is loaded by 600 ohm.",
     "sg", "ldi", "ldo", 600, 200e3),
])
def test_a_ladder_fed_behind_its_source_resistor_names_both_ends(text, gen, inp, out, r0, fc):
    result = generate(text)
    net = result.netlist
    assert _between(net, "R", gen, inp) and float(_between(net, "R", gen, inp)[0][3]) == r0, net
    assert _between(net, "R", out, "0"), net
    corner = _measure(net, f"ac dec 200 {fc / 100:g} {fc * 10:g}", "when g=-9.0309",
                      f"g = vdb({out})-vdb({gen})")
    assert abs(corner / fc - 1) < 0.05, (corner, net)
    assert result.verified, result.checks


# --- a port told apart by the wave it carries, said with a verb ("the triangle is node tw", "square output at node
# sw drives ..."), goes on the family's node for that wave, not on the op-amp pin the reader took; a "±6 V square
# output" is the comparator's output level ---

@NGSPICE
@pytest.mark.parametrize("text,square,triangle,swing,r3,r4", [
    ("Square/triangle generator: an op-amp integrator (4.7k, 10 nF) then a non-inverting Schmitt trigger (10k from "
     "the triangle, 30k positive feedback) whose +/-6 V square output at node sw drives the integrator; the triangle "
     "is node tw.", "sw", "tw", 6, 10e3, 30e3),
    ("Function generator with a ±4 V square-wave output on node sqx and the triangle on node trx: integrator 22k and "
     "4.7 nF, Schmitt 10k input and 20k feedback.", "sqx", "trx", 4, 10e3, 20e3),
])
def test_a_generator_puts_each_wave_on_the_node_named_for_it(text, square, triangle, swing, r3, r4):
    net = generate(text).netlist
    stop = re.search(r"^\.tran\s+\S+\s+(\S+)", net, re.MULTILINE)[1]
    tran = f"tran 1u {stop} uic"
    pp = _measure(net, tran, f"pp v({triangle}) from={float(stop.rstrip('m')) / 2}m to={stop}")
    assert abs(pp / (2 * swing * r3 / r4) - 1) < 0.1, (pp, net)
    top = _measure(net, tran, f"max v({square}) from={float(stop.rstrip('m')) / 2}m to={stop}")
    assert abs(top / swing - 1) < 0.05, (top, net)


@pytest.mark.parametrize("text,roles", [
    ("the triangle is node tri7, and the square output at node sq7 feeds the integrator",
     {"triangle output": ("tri7",), "square output": ("sq7",)}),
    ("a sawtooth sits on node saw1", {"sawtooth output": ("saw1",)}),
    ("whose output feeds back to the input", {}),
])
def test_a_carried_port_said_with_a_verb_is_read(text, roles):
    from spice_lsp.generation.ports import read_ports
    assert read_ports(text).roles == roles


# --- a temperature sensor the request wants written as its resistance at the stated temperature ("model the sensor as
# that resistance", "with the thermistor as its 0 C resistance"): a resistor of the value its law gives, no law source

def _ntc(r25: float, beta: float, t: float) -> float:
    return r25 * math.exp(beta * (1 / (t + 273.15) - 1 / 298.15))


def _pt(r0: float, t: float) -> float:
    return r0 * (1 + 3.9083e-3 * t - 5.775e-7 * t * t)


@NGSPICE
@pytest.mark.parametrize("text,node,ohms,volts", [
    ("NTC thermistor (47k at 25 C, beta 4050) read at 60 C, modelled as a plain resistor at that temperature: a 47k "
     "fixed resistor from the 5 V rail (node v5) to node nt, the thermistor from nt to ground.", "nt",
     _ntc(47e3, 4050, 60), 5 * _ntc(47e3, 4050, 60) / (_ntc(47e3, 4050, 60) + 47e3)),
    ("PT100 excited by a 2 mA current source into node pt, modelled as its resistance at 150 °C. Operating point.",
     "pt", _pt(100, 150), 2e-3 * _pt(100, 150)),
    ("PT1000 RTD at 80 °C (write it as that resistance, from node rx to ground) fed by 0.5 mA from a current source, "
     "then a non-inverting amplifier with a gain of 3 to output node ry.", "rx", _pt(1000, 80), 0.5e-3 * _pt(1000, 80)),
])
def test_a_sensor_asked_as_its_resistance_is_that_resistor(text, node, ohms, volts):
    net = generate(text).netlist
    grounded = _between(net, "R", node, "0")
    assert grounded and abs(float(grounded[0][3]) / ohms - 1) < 1e-3, net
    assert not re.search(r"^B1 ", net, re.MULTILINE), net
    assert abs(_measure(net, "op", f"v({node})") / volts - 1) < 0.01, net


# --- a PWM DAC's filter of as many equal RC poles as the words count ("two cascaded RC sections", "three identical RC
# stages", "a second-order RC low-pass"): the average D VHIGH, and ripple below a single pole's ---

@NGSPICE
@pytest.mark.parametrize("text,out,poles,high,duty", [
    ("PWM DAC smoothing a 0-3.3 V, 20 kHz, 60 % duty PWM on node pw through three identical RC stages (4.7k, 220 nF) "
     "to output node av.", "av", 3, 3.3, 0.6),
    ("filtered PWM: 12 V, 1 kHz, 25 % duty into a second-order RC low-pass (22k and 1 uF per pole), output dcout",
     "dcout", 2, 12, 0.25),
    ("PWM DAC: a 0-5 V, 10 kHz, 30 % duty pulse on node pwmd, filtered by two cascaded RC sections (10k and 100 nF "
     "each) to the output node aout2.", "aout2", 2, 5, 0.3),
])
def test_a_pwm_dac_has_the_rc_poles_its_words_count(text, out, poles, high, duty):
    from spice_lsp.generation.recipes.everyday import rc_poles
    assert rc_poles(text) == poles
    net = generate(text).netlist
    assert len(_parts(net, "C")) == poles, net
    stop = re.search(r"^\.tran\s+\S+\s+(\S+)", net, re.MULTILINE)[1]
    end = _measure(net, f"tran 2u {stop}", f"avg v({out}) from={float(stop.rstrip('m')) * 0.8:g}"
                   f"{'m' if stop.endswith('m') else ''} to={stop}")
    assert abs(end / (high * duty) - 1) < 0.03, (end, net)


# --- a weighted DAC's full-scale code said with a modal verb ("code 111 must give -4.375 V", "all ones should produce
# 7 V") sizes RF; the code to set is the other one the request gives ---

@pytest.mark.parametrize("text,word", [
    ("3-bit binary-weighted DAC with an inverting op-amp summer: bits are 5 V when high, the MSB input resistor is "
     "10k, and code 111 must give -4.375 V at node wdac. Bits on nodes w2 (MSB), w1, w0; set the code to 110.", (3, 6)),
    ("4-bit weighted-resistor DAC: code 1111 should give -9.375 V; apply code 0101", (4, 5)),
    ("3-bit binary-weighted DAC, all ones must produce 7 V, input code 011", (3, 3)),
])
def test_the_full_scale_code_said_with_a_modal_verb_is_not_the_code_set(text, word):
    from spice_lsp.generation.recipes.data_conversion import _word
    assert _word(text) == word


@NGSPICE
def test_a_weighted_dac_sized_by_its_full_scale_outputs_the_code_set():
    text = ("4-bit binary-weighted DAC with an inverting op-amp summer: bits are 5 V when high, the MSB resistor is "
            "8k, and code 1111 should give -9.375 V at node dac4. Bits on nodes d3 (MSB) to d0; apply the code 0101.")
    net = generate(text).netlist
    rf = 9.375 / (5 * (1 / 8e3 + 1 / 16e3 + 1 / 32e3 + 1 / 64e3))
    assert abs(_measure(net, "op", "v(dac4)") / (-5 * (1 / 16e3 + 1 / 64e3) * rf) - 1) < 0.01, net


# --- an op-amp stage whose output reaches its input's peak ("bumps up to 2 V", "holds up to 3 V") keeps rails above
# that peak: the signal's figure read a second time as the supply is no rail ---

@NGSPICE
@pytest.mark.parametrize("text,out,peak", [
    ("Precision full-wave rectifier: a 2 V peak, 500 Hz sine on node fin; output fout must be |v(fin)|, bumps up to "
     "2 V.", "fout", 2.0),
    ("Op-amp peak detector: a 3 V peak 200 Hz sine on node pk_in; the output pk_out holds up to 3 V.", "pk_out", 3.0),
    ("Precision half-wave rectifier (inverting, two diodes, 10k resistors): a 1 V peak, 1 kHz sine on node prin; the "
     "output node prout must be the inverted negative half-waves (positive bumps up to 1 V), and 0 V during the other "
     "half.", "prout", 1.0),
])
def test_a_stage_that_passes_the_peak_has_rails_above_it(text, out, peak):
    net = generate(text).netlist
    assert re.search(r"^\.param\b.*\bvdd=12\b", net, re.MULTILINE), net
    stop = re.search(r"^\.tran\s+\S+\s+(\S+)", net, re.MULTILINE)[1]
    top = _measure(net, f"tran 2u {stop}", f"max v({out}) from=1m to={stop}")
    assert abs(top / peak - 1) < 0.04, (top, net)


# --- an op-amp amplifier asked for an output level from a DC level a stated source holds (no input figure the reader
# took as VIN): its gain is their ratio ---

@NGSPICE
@pytest.mark.parametrize("text,out,level", [
    ("Make a 2.048 V reference at node r2048 from a 1.25 V reference (model it as the DC source VREF on node r125) "
     "with a non-inverting op-amp stage.", "r2048", 2.048),
    ("Non-inverting amplifier: the DC source VBG holds node bg at 1.2 V; the output node o33 must be 3.3 V.", "o33",
     3.3),
    ("Inverting op-amp amplifier: source VS puts 0.5 V DC on node s; node q must sit at -2 V.", "q", -2.0),
])
def test_an_amplifier_scales_a_held_dc_level_to_the_output_asked(text, out, level):
    net = generate(text).netlist
    assert abs(_measure(net, "op", f"v({out})") / level - 1) < 0.01, net


def test_the_held_input_is_the_one_dc_source_that_is_not_the_output_level():
    from spice_lsp.generation.design import held_input
    from spice_lsp.generation.request import Spec
    spec = Spec("3.3 V", "vout", 3.3)
    assert held_input("the DC source VBG holds node bg at 1.2 V; the output node o33 must be 3.3 V", spec) == 1.2
    assert held_input("sources VA (1 V on a) and VB (2 V on b); output 3.3 V", spec) is None


# --- a trigger's thresholds said as shares of the supply ("one third and two thirds of the supply", "1/3 and 2/3",
# "40 % and 60 %"): designed to those levels of the supply stated, never read as an output level ---

@pytest.mark.parametrize("text,trip", [
    ("Schmitt trigger on a single 5 V supply, thresholds at one third and two thirds of the supply",
     (5 * 2 / 3, 5 / 3)),
    ("single 3.3 V supply; switching points at 1/3 and 2/3 of the supply", (2.2, 1.1)),
    ("on a 12 V rail, trip levels of 40 % and 60 % of the rail", (7.2, 4.8)),
])
def test_thresholds_said_as_shares_of_the_supply_are_read(text, trip):
    from spice_lsp.generation.recipes.comparators import trip_points
    assert trip_points(text) == pytest.approx(trip)


@NGSPICE
@pytest.mark.parametrize("text,inp,out,vdd,high,low,inverting", [
    ("Inverting Schmitt trigger on a single 5 V supply with a rail-to-rail output, thresholds at one third and two "
     "thirds of the supply. Input node stin, output node stout. For the test, VST drives stin with a PWL triangle 0 V "
     "at 0, 5 V at 1 ms, 0 V at 2 ms.", "stin", "stout", 5, 5 * 2 / 3, 5 / 3, True),
    ("Inverting Schmitt trigger on a single 3.3 V supply with a rail-to-rail output, switching points at 1/3 and 2/3 "
     "of the supply; input node si, output node so.", "si", "so", 3.3, 2.2, 1.1, True),
    ("Non-inverting Schmitt trigger on a single 5 V supply, rail-to-rail output, thresholds at 40 % and 60 % of the "
     "supply; input node a1, output node a2.", "a1", "a2", 5, 3.0, 2.0, False),
])
def test_a_trigger_switches_at_the_shares_of_its_supply(text, inp, out, vdd, high, low, inverting):
    result = generate(text)
    net = result.netlist
    stop = re.search(r"^\.tran\s+\S+\s+(\S+)", net, re.MULTILINE)[1]
    find = f"find v({inp}) when v({out})={vdd / 2:g}"
    up = _measure(net, f"tran 1u {stop}", f"{find} {'fall' if inverting else 'rise'}=1")
    down = _measure(net, f"tran 1u {stop}", f"{find} {'rise' if inverting else 'fall'}=1")
    assert abs(up - high) < 0.03 * vdd and abs(down - low) < 0.03 * vdd, (up, down, net)
    assert result.verified, result.checks


# --- a non-inverting summer's gain said of the op-amp stage ("gain 3 on the op-amp", "the op-amp's gain of 4") is its
# 1 + RF/RG, not each input's; the inputs' levels said node by node are no two values for the supply ---

@NGSPICE
@pytest.mark.parametrize("text,out,total", [
    ("Non-inverting summer: output node tot equals ch1 + ch2 + ch3 (three equal input resistors into the + input, "
     "gain 3 on the op-amp). Test with ch1 = 0.4 V, ch2 = 0.7 V, ch3 = 1.1 V DC.", "tot", 2.2),
    ("Non-inverting summer: output node s4 equals a1 + a2 (two equal input resistors into the + input, gain 2 on the "
     "op-amp). Test with a1 = 1 V, a2 = 0.5 V DC.", "s4", 1.5),
    ("Non-inverting summing amplifier: the op-amp's gain of 4 turns the mean of i1, i2, i3 and i4 into their sum at "
     "node q4. Test with i1 = 0.2 V, i2 = 0.3 V, i3 = 0.4 V, i4 = 0.5 V DC.", "q4", 1.4),
])
def test_a_summer_with_its_stage_gain_said_outputs_the_sum(text, out, total):
    result = generate(text)
    assert abs(_measure(result.netlist, "op", f"v({out})") / total - 1) < 0.02, result.netlist
    assert result.verified, result.checks


@pytest.mark.parametrize("text,said,stage", [
    ("three inputs into the + input, gain 3 on the op-amp", "gain 3", True),
    ("the op-amp's gain of 2 sets the sum", "gain of 2", True),
    ("non-inverting summing amplifier with a gain of 3", "gain of 3", False),
])
def test_a_gain_said_of_the_op_amp_is_the_stage_gain(text, said, stage):
    from spice_lsp.generation.recipes.opamp_circuits import stage_gain
    assert stage_gain(text, said) is stage


# --- a practical differentiator whose input leg's series resistor is stated ("a 1k resistor in series with the
# 10 nF", "a 2.2k series resistor at the input"): that resistor, and the gain levelling off at RF/R1 above
# 1/(2 pi R1 C1) (no feedback capacitor it did not ask for) ---

@NGSPICE
@pytest.mark.parametrize("text,inp,out,c,r1,rf", [
    ("Practical differentiator: 22 nF input capacitor with a 470 ohm resistor in series, 10k feedback resistor; "
     "input node di, output node do1.", "di", "do1", 22e-9, 470, 10e3),
    ("Op-amp differentiator with a 4.7 nF input capacitor and a 2.2k resistor in series with it, 47k feedback "
     "resistor. Input node x1, output node x2.", "x1", "x2", 4.7e-9, 2.2e3, 47e3),
])
def test_a_differentiator_levels_off_at_rf_over_its_stated_series_resistor(text, inp, out, c, r1, rf):
    net = generate(text).netlist
    corner = 1 / (2 * math.pi * r1 * c)
    for f in (corner / 30, corner * 30):
        w = 2 * math.pi * f
        want = w * rf * c / abs(1 + 1j * w * r1 * c)
        got = _measure(net, "ac dec 50 10 100meg", f"find vm({out}) at={f:g}", None) / _measure(
            net, "ac dec 50 10 100meg", f"find vm({inp}) at={f:g}")
        assert abs(got / want - 1) < 0.03, (f, got, want, net)


# --- a bridge's midpoints told apart by the arm each is on ("node sg is the gauge side midpoint, node sr the
# reference side", "the sensor-side junction is node gp"): the sensing side on the gauge's midpoint; a difference
# amplifier's stated input resistors are its own, not a load ---

@pytest.mark.parametrize("text,sides", [
    ("node sg is the gauge side midpoint, node sr the reference side", ("sg", "sr")),
    ("the sensor-side junction is node gp and the fixed-side junction is node gn", ("gp", "gn")),
    ("node m1 is the active side midpoint, node m2 the dummy side", ("m1", "m2")),
    ("node x is the reference side", None),
])
def test_bridge_sides_said_by_their_arms_are_read(text, sides):
    from spice_lsp.generation.ports import bridge_sides
    assert bridge_sides(text) == sides


@NGSPICE
@pytest.mark.parametrize("text,gauge_side,reference_side,out,vex,gauge,arm,gain,rin", [
    ("Quarter-bridge strain gauge: 5 V excitation, three 350 ohm arms and the gauge strained to 350.7 ohm (node sg is "
     "the gauge side midpoint, node sr the reference side), followed by a difference amplifier with a gain of 100 "
     "whose input resistors are 100k so they don't load the bridge. Output node sgout.", "sg", "sr", "sgout", 5,
     350.7, 350, 100, 100e3),
    ("Quarter-bridge strain gauge, 3.3 V excitation, three 120 ohm arms and the gauge strained to 120.3 ohm; the "
     "sensor-side junction is node gp and the fixed-side junction is node gn; a difference amplifier with a gain of "
     "50 whose input resistors are 47k, output node gq.", "gp", "gn", "gq", 3.3, 120.3, 120, 50, 47e3),
    ("Quarter-bridge strain gauge with 10 V excitation: 350 ohm arms, the gauge at 351 ohm (node m1 is the active "
     "side midpoint, node m2 the dummy side), no amplifier.", "m1", "m2", None, 10, 351, 350, 1, None),
])
def test_a_bridge_names_its_gauge_and_reference_sides(text, gauge_side, reference_side, out, vex, gauge, arm, gain,
                                                      rin):
    net = generate(text).netlist
    assert abs(_measure(net, "op", f"v({gauge_side})") - vex * gauge / (gauge + arm)) < 1e-4 * vex, net
    assert abs(_measure(net, "op", f"v({reference_side})") - vex / 2) < 1e-4 * vex, net
    if out:
        want = gain * vex * (gauge / (gauge + arm) - 0.5)
        assert abs(_measure(net, "op", f"v({out})") / want - 1) < 0.03, net
        assert [w for w in _parts(net, "R") if w[1:3] == [reference_side, "m"] and float(w[3].rstrip("k")) * 1e3 == rin]


# --- a passive speaker crossover named with its alignment ("2nd-order Butterworth passive speaker crossover") is the
# crossover (not an LC ladder), built at the frequency asked, fed from the node the amplifier's output is said on ---

@NGSPICE
@pytest.mark.parametrize("text,amp,woofer,fc", [
    ("Woofer half of a 2nd-order Butterworth passive speaker crossover at 2.5 kHz. Amplifier output at node xin, "
     "series inductor to node woof, shunt capacitor across the woofer, and the woofer modelled as 8 ohm from woof to "
     "ground.", "xin", "woof", 2.5e3),
    ("Passive 2nd-order Butterworth speaker crossover at 1.8 kHz for 4 ohm drivers. Amplifier output at node amp, "
     "woofer on node lo, tweeter on node hi.", "amp", "lo", 1.8e3),
    ("Passive speaker crossover (Butterworth, 12 dB/octave) at 800 Hz: the amplifier output at node drv, and an 8 ohm "
     "woofer from node wf to ground.", "drv", "wf", 800),
])
def test_a_butterworth_speaker_crossover_crosses_where_asked(text, amp, woofer, fc):
    from spice_lsp.generation.intent import parse_intent
    assert parse_intent(text).kind == "loudspeaker_crossover"
    net = generate(text).netlist
    corner = _measure(net, f"ac dec 200 {fc / 100:g} {fc * 100:g}", "when g=-3", f"g = vdb({woofer})-vdb({amp})")
    assert abs(corner / fc - 1) < 0.03, (corner, net)


# --- a band-pass said by its structure, an RC high-pass then an RC low-pass (a buffer between or not, either order;
# "telephone-band filter: ..."), is the RC band-pass, its corners where each section is said to be ---

@pytest.mark.parametrize("text,kind", [
    ("Telephone-band filter: RC high-pass at 300 Hz, then a unity buffer, then an RC low-pass at 3.4 kHz.",
     "rc_bandpass"),
    ("Speech-band filter: RC high-pass at 200 Hz, then a unity-gain buffer, then an RC low-pass at 4 kHz.",
     "rc_bandpass"),
    ("Voice band filter: an RC low-pass at 5 kHz followed by an RC high-pass at 100 Hz", "rc_bandpass"),
    ("active band-pass: Sallen-Key high-pass at 50 Hz then a Sallen-Key low-pass at 15 kHz",
     "butterworth_band_cascade"),
    ("5th-order passive Butterworth LC low-pass, 50 ohm, cutoff 10 MHz", "lc_ladder_lowpass"),
])
def test_an_rc_high_pass_then_an_rc_low_pass_is_the_rc_band_pass(text, kind):
    from spice_lsp.generation.intent import parse_intent
    assert parse_intent(text).kind == kind


@NGSPICE
@pytest.mark.parametrize("text,inp,out,low,high", [
    ("Telephone-band filter: RC high-pass at 300 Hz, then a unity buffer, then an RC low-pass at 3.4 kHz. Input node "
     "tli, output node tlo.", "tli", "tlo", 300, 3.4e3),
    ("Speech-band filter: RC high-pass at 200 Hz, then a unity-gain buffer, then an RC low-pass at 4 kHz. Input node "
     "sp_in, output node sp_out.", "sp_in", "sp_out", 200, 4e3),
])
def test_a_buffered_rc_band_pass_has_its_corners_where_said(text, inp, out, low, high):
    net = generate(text).netlist
    for cross, want in ((1, low), (2, high)):
        got = _measure(net, "ac dec 200 10 100k", f"when g=-3 cross={cross}", f"g = vdb({out})-vdb({inp})")
        assert abs(got / want - 1) < 0.06, (got, want, net)


# --- a common-source stage loaded by a diode-connected device of its own polarity ("NMOS amplifier with a
# diode-connected NMOS load"), each device sized by its role ("driver W/L = 40u/1u, load W/L = 2.5u/1u"):
# gain sqrt(beta1/beta2), output VDD - VT - sqrt(beta1/beta2) (VGS - VT) ---

@NGSPICE
@pytest.mark.parametrize("text,inp,out,vdd,vt,vgs,ratio", [
    ("NMOS amplifier with a diode-connected NMOS load on 5 V: driver W/L = 40u/1u, load W/L = 2.5u/1u, both VTO=0.7 "
     "KP=100u (no body effect). Input node dli biased at 1.2 V DC with a small AC signal, output node dlo. What's the "
     "small-signal gain?", "dli", "dlo", 5, 0.7, 1.2, 4),
    ("NMOS common-source amplifier with a diode-connected NMOS load on 3.3 V: driver W/L = 18u/1u, load W/L = 2u/1u, "
     "both VTO=0.5 KP=200u, no body effect. Input node ga biased at 0.8 V DC with a small AC signal, output node gb.",
     "ga", "gb", 3.3, 0.5, 0.8, 3),
    ("NMOS amplifier with a diode-connected NMOS load (bulk tied to its source) on 5 V: input transistor W/L = "
     "50u/2u, load W/L = 2u/2u, VTO=0.6 KP=120u. Input node x1 biased at 1.1 V DC with a small AC signal, output node "
     "y1.", "x1", "y1", 5, 0.6, 1.1, 5),
])
def test_a_same_polarity_diode_load_gives_the_square_root_beta_ratio(text, inp, out, vdd, vt, vgs, ratio):
    from spice_lsp.generation.intent import parse_intent
    assert parse_intent(text).kind == "cs_diode_connected_load"
    net = generate(text).netlist
    assert abs(_measure(net, "ac dec 10 10 100k", f"find vm({out}) at=1k") / ratio - 1) < 0.03, net
    assert abs(_measure(net, "op", f"v({out})") - (vdd - vt - ratio * (vgs - vt))) < 0.03 * vdd, net


# --- a regulator's reference source named and placed by the request ("a 2.5 V reference source VR on node rref") is
# the family's reference (not its input source, which the name had gone to), and the output the request names is the
# regulator's, not the op-amp's inner drive node ---

@NGSPICE
@pytest.mark.parametrize("text,ref_name,ref_node,ref,out,vout", [
    ("Linear regulator: 12 V input on node r12, a 2.5 V reference source VR on node rref, an op-amp driving an NPN "
     "pass transistor, and a feedback divider so the output node rout sits at 7.5 V into a 50 ohm load.", "VR", "rref",
     2.5, "rout", 7.5),
    ("Series regulator: 15 V input on node vin15, a 1.25 V reference source VB on node vref1, an op-amp driving an NPN "
     "pass transistor, and a feedback divider so the output node v5o sits at 5 V into a 100 ohm load.", "VB", "vref1",
     1.25, "v5o", 5.0),
    ("Linear regulator from a 9 V input on node v9: an op-amp driving an NPN pass transistor, a 2 V reference source "
     "VZ on node zr, and the output node o6 at 6 V with a 60 ohm load.", "VZ", "zr", 2.0, "o6", 6.0),
])
def test_a_regulator_keeps_its_named_reference_and_output(text, ref_name, ref_node, ref, out, vout):
    net = generate(text).netlist
    assert [w for w in _parts(net, "V") if w[0] == ref_name and w[1:3] == [ref_node, "0"]], net
    assert abs(_measure(net, "op", f"v({ref_node})") - ref) < 1e-6, net
    assert abs(_measure(net, "op", f"v({out})") / vout - 1) < 0.02, net
    assert any(line.split()[0].startswith("Q") and line.split()[3] == out for line in net.splitlines()
               if line[:1] == "Q"), net


# --- a part's end the reader took from a port's qualifier ("a 470 ohm load from the positive output node dcp": the
# end 'positive', a word it never takes for a node) names no node: the part goes where its value and other end put it
# (the load on the output the request names), once ---

@NGSPICE
@pytest.mark.parametrize("text,out,load,peak,drops", [
    ("Full-wave bridge rectifier: a 12 V RMS, 60 Hz secondary between nodes sa and sb (floating), four silicon diodes, "
     "1000 uF reservoir and a 470 ohm load from the positive output node dcp to the negative output, which is ground.",
     "dcp", 470, 12 * math.sqrt(2), 2),
    ("Full-wave bridge rectifier from a 9 V RMS, 50 Hz winding between nodes w1 and w2, 470 uF reservoir and a 1k load "
     "from the positive output node vplus to the negative output, which is ground.", "vplus", 1e3, 9 * math.sqrt(2), 2),
    ("Half-wave rectifier: 10 V peak 60 Hz sine at node ac1, 100 uF and a 2.2k load from the positive output node pos1 "
     "to ground.", "pos1", 2.2e3, 10, 1),
])
def test_a_rectifier_load_said_from_the_positive_output_node_is_on_it(text, out, load, peak, drops):
    net = generate(text).netlist
    loads = _between(net, "R", out, "0")
    assert len(loads) == 1 and abs(float(loads[0][3].rstrip("k")) * (1e3 if loads[0][3].endswith("k") else 1) - load)\
        < 1e-6, net
    assert not re.search(r"\bpositive\b", net.split("\n", 1)[1]), net
    top = _measure(net, "tran 20u 200m", f"max v({out}) from=100m to=200m")
    assert peak - 1.1 * drops - 0.3 < top < peak - 0.4 * drops, (top, net)


# --- a PWM DAC's duty and frequency are parameters its pulse reads: a stated pulse that replaces the family's leaves
# them in the answer, the request's figures (the same wave) ---

@NGSPICE
@pytest.mark.parametrize("text,node,out,high,duty,freq", [
    ("PWM DAC: a 0-5 V, 10 kHz, 30 % duty pulse on node pwmd, filtered by two cascaded RC sections (10k and 100 nF "
     "each) to the output node aout2.", "pwmd", "aout2", 5, 0.3, 10e3),
    ("PWM DAC: a 0-3.3 V, 20 kHz, 60 % duty pulse on node pw2, filtered by an RC low-pass (4.7k, 1 uF) to output node "
     "av2.", "pw2", "av2", 3.3, 0.6, 20e3),
    ("Filtered PWM: a 0-12 V, 1 kHz, 25 % duty pulse on node pin1 into a second-order RC low-pass (22k and 1 uF per "
     "pole), output node dc1.", "pin1", "dc1", 12, 0.25, 1e3),
])
def test_a_stated_pulse_keeps_the_duty_and_frequency_as_figures(text, node, out, high, duty, freq):
    from spice_lsp.language.units import parse_number
    result = generate(text)
    params = dict(re.findall(r"\b(duty|fpwm)=(\S+)", result.netlist))
    assert parse_number(params["duty"]) == pytest.approx(duty) and parse_number(params["fpwm"]) == pytest.approx(freq)
    wave = re.search(rf"^V\w* {node} 0 .*PULSE\(([^)]*)\)", result.netlist, re.MULTILINE)
    fields = [parse_number(x) for x in wave[1].split()]
    assert fields[5] == pytest.approx(duty / freq) and fields[6] == pytest.approx(1 / freq), result.netlist
    assert result.verified, result.checks


# --- a resistor that turns a load current into a voltage to read ("something to sense a load current", "a current
# shunt for a 5 A load", "a 0.1 ohm sense resistor carrying 2 A"): the load a current source into it, R = V/I when a
# voltage is asked; a source named right before its parenthesised description ("ILOAD (a 3 A current source ...)")
# keeps that name ---

@NGSPICE
@pytest.mark.parametrize("text,node,name,volts", [
    ("Something to sense a load current: when ILOAD (a 3 A current source from ground into node shp) flows through it "
     "to ground, node shp should show 150 mV.", "shp", "ILOAD", 0.15),
    ("A current shunt for a 5 A load: ILD (a 5 A current source from ground into node sn) flows through it, and node "
     "sn should read 50 mV.", "sn", "ILD", 0.05),
    ("A 0.1 ohm sense resistor carrying 2 A from a current source into node cs; what voltage appears at cs?", "cs",
     None, 0.2),
])
def test_a_current_shunt_reads_its_load_current(text, node, name, volts):
    result = generate(text)
    assert result.intent.kind == "current_shunt"
    if name:
        assert re.search(rf"^{name} 0 {node} ", result.netlist, re.MULTILINE), result.netlist
    assert abs(_measure(result.netlist, "op", f"v({node})") / volts - 1) < 0.02, result.netlist
    assert result.verified, result.checks


@pytest.mark.parametrize("text", [
    "high-side current sense amplifier with a 0.1 ohm shunt and an op-amp",
    "two-transistor current limiter with a sense resistor",
    "4-20 mA current-loop receiver with a 250 ohm sense resistor",
    "3rd-order Butterworth LC low-pass, shunt-C / series-L / shunt-C form, 50 ohm, 12 MHz",
])
def test_other_circuits_with_a_shunt_are_not_the_current_shunt(text):
    from spice_lsp.generation.intent import parse_intent
    assert parse_intent(text).kind != "current_shunt"


# --- the tweeter half of a Butterworth speaker crossover ("Butterworth high-pass for a tweeter ... crossover at
# 3 kHz") is the crossover too, its high-pass side on the node the tweeter's words name ("tweeter terminal is node
# tw", "tweeter node tw2") ---

@NGSPICE
@pytest.mark.parametrize("text,amp,tweeter,fc", [
    ("Passive second-order Butterworth high-pass crossover for a tweeter at 3 kHz; treat the tweeter as 8 Ω. Amplifier "
     "output is node amp, tweeter terminal is node tw.", "amp", "tw", 3e3),
    ("Passive 2nd-order Butterworth high-pass for a 4 ohm tweeter, crossover at 4.5 kHz: series capacitor, shunt "
     "inductor. Amplifier output node drv2, tweeter node tw2.", "drv2", "tw2", 4.5e3),
    ("Passive 12 dB/octave Butterworth speaker crossover at 2 kHz, 8 ohm drivers; the amplifier output at node ain, "
     "the tweeter terminal is node thi.", "ain", "thi", 2e3),
])
def test_a_crossover_tweeter_half_crosses_where_asked(text, amp, tweeter, fc):
    from spice_lsp.generation.intent import parse_intent
    assert parse_intent(text).kind == "loudspeaker_crossover"
    net = generate(text).netlist
    corner = _measure(net, f"ac dec 200 {fc / 100:g} {fc * 100:g}", "when g=-3", f"g = vdb({tweeter})-vdb({amp})")
    assert abs(corner / fc - 1) < 0.03, (corner, net)


# --- a Linkwitz-Riley crossover "at" a frequency is built with each output -6 dB there (its fc), not with its
# low-pass's -3 dB point trimmed to it; "low-pass cutoff 1 kHz" stays a cutoff ---

@NGSPICE
@pytest.mark.parametrize("text,inp,out,fc", [
    ("Low-pass half of a 4th-order Linkwitz-Riley crossover at 2.2 kHz (two cascaded Butterworth 2nd-order stages). "
     "Input node xin, low output node xlow.", "xin", "xlow", 2.2e3),
    ("High-pass half of a 4th-order Linkwitz-Riley crossover at 800 Hz. Input node cin, high output node chi.", "cin",
     "chi", 800),
    ("Linkwitz-Riley LR4 active crossover at 3 kHz; input node li, low-pass output lo, high-pass output hi.", "li",
     "lo", 3e3),
])
def test_a_linkwitz_riley_crossover_is_6_db_down_at_its_frequency(text, inp, out, fc):
    net = generate(text).netlist
    assert abs(_measure(net, f"ac lin 3 {fc * 0.999:g} {fc * 1.001:g}", f"find g at={fc:g}",
                        f"g = vdb({out})-vdb({inp})") + 6.02) < 0.3, net


def test_a_linkwitz_riley_low_pass_cutoff_is_still_its_3_db_point():
    net = generate("Linkwitz-Riley crossover, low-pass cutoff 1 kHz").netlist
    assert abs(_measure(net, "ac dec 200 10 100k", "when g=-3", "g = vdb(lp)-vdb(in)") / 1e3 - 1) < 0.05, net
