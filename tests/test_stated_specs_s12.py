"""Session 12, lane F: a family's design takes every spec it has a slot for (a band-pass's centre gain, a lossy
integrator's unity-gain frequency, a load the words give, a rectangular wave's duty) and its checks measure it."""
from __future__ import annotations

import math
import re
from functools import partial

import pytest

from spice_lsp.generation.design import Design, _the_load, passband
from spice_lsp.generation.intent import parse_intent
from spice_lsp.generation.pipeline import generate
from spice_lsp.generation.recipes.filters import (
    _mfb_bandpass_eq,
    _mfb_bandpass_response,
    _peak_and_q,
    mfb_centre_gain,
)
from spice_lsp.generation.recipes.opamp_circuits import lossy_unity_parts
from spice_lsp.generation.request import Spec
from spice_lsp.ngspice import runner
from tests.measuring import measure, part_value

NGSPICE = pytest.mark.skipif(runner.shutil.which("ngspice") is None, reason="ngspice is not installed")


@pytest.mark.parametrize("hz,q,k", [(1.8e3, 3.0, 5.0), (600.0, 4.0, 2.0), (5e3, 5.0, 10.0)])
def test_the_mfb_band_pass_is_designed_for_the_centre_gain_asked(hz, q, k):
    values = _mfb_bandpass_eq(hz, lambda role, default: {"Q": q, "GAIN": k}.get(role, default))
    response = partial(_mfb_bandpass_response, values)
    peak, got_q = _peak_and_q(response, hz)
    assert peak == pytest.approx(hz, rel=0.005) and got_q == pytest.approx(q, rel=0.01)
    assert abs(response(peak)) == pytest.approx(k, rel=0.01)


def test_a_centre_gain_the_mfb_band_pass_cannot_give_at_its_q_is_refused_by_the_design():
    assert mfb_centre_gain(3.0, -5.0) == 5.0
    with pytest.raises(ValueError):
        mfb_centre_gain(1.0, 4.0)  # K under 2 Q^2 = 2 leaves no R3


def test_a_band_pass_gain_with_no_frequency_is_measured_at_its_centre():
    specs = [Spec("gain of 4", "gain", 4.0), Spec("centre 2 kHz", "center", 2e3)]
    assert passband(specs, "mfb_bandpass")[0].at == 2e3
    assert passband(specs, "tow_thomas_biquad")[0].at == 2e3
    assert passband(specs, "opamp_noninverting")[0].at is None


@NGSPICE
@pytest.mark.parametrize("text,hz,k", [
    ("Multiple-feedback band-pass: centre 1.8 kHz, Q = 3, gain magnitude 5 at the centre.", 1.8e3, 5.0),
    ("I want an MFB bandpass around 5 kHz, Q 5, and I'd like about 10x of gain right at the peak.", 5e3, 10.0),
    ("Tow-Thomas biquad band-pass, centre 2 kHz, Q 5, gain 2 at the centre.", 2e3, 2.0),
    ("Biquad band-pass filter centred at 800 Hz, Q = 4, centre gain of 3.", 800.0, 3.0),
])
def test_a_band_pass_meets_its_stated_centre_gain(text, hz, k):
    result = generate(text)
    assert result.verified
    got = measure(result.netlist, f"ac lin 3 {hz * 0.999:g} {hz * 1.001:g}\nmeas ac result find vdb(out) at={hz:g}")
    assert got == pytest.approx(20 * math.log10(k), abs=0.8)


@pytest.mark.parametrize("fu,k", [(3.3e3, 100.0), (500.0, 10.0), (8e3, 50.0)])
def test_a_lossy_integrators_parts_put_unity_gain_at_the_frequency_asked(fu, k):
    r1, c = lossy_unity_parts(fu, k, None, None)
    fc = 1 / (2 * math.pi * k * r1 * c)
    assert k / math.sqrt(1 + (fu / fc) ** 2) == pytest.approx(1.0, rel=1e-9)
    r1, c2 = lossy_unity_parts(fu, k, None, 4.7e-9)  # the capacitor given: R1 from it
    assert c2 == 4.7e-9 and r1 * c2 == pytest.approx(r1 * c2) and r1 * 4.7e-9 == pytest.approx(
        math.sqrt(1 - 1 / k**2) / (2 * math.pi * fu))


@NGSPICE
@pytest.mark.parametrize("text,fu,k", [
    ("Inverting op-amp integrator with unity-gain frequency 3.3 kHz (add a large feedback resistor, ~100x the "
     "input resistor, for DC stability).", 3.3e3, 100),
    ("Practical integrator whose gain crosses 0 dB at 8 kHz; feedback resistor 50x the input resistor.", 8e3, 50),
    ("Op-amp integrator, unity gain at 1 kHz, with a resistor across the capacitor (about 100 times the input "
     "resistor).", 1e3, 100),
])
def test_a_lossy_integrator_crosses_unity_gain_where_asked_with_the_dc_gain_stated(text, fu, k):
    result = generate(text)
    assert result.intent.kind == "practical_integrator"
    assert part_value(result.netlist, "R2") / part_value(result.netlist, "R1") == pytest.approx(k, rel=0.02)
    got = measure(result.netlist, f"ac lin 3 {fu * 0.999:g} {fu * 1.001:g}\nlet g = vdb(out)-vdb(in)\n"
                                  f"meas ac result find g at={fu:g}")
    assert abs(got) < 0.8


@pytest.mark.parametrize("text,load", [
    ("Passive twin-T notch that kills 60 Hz (lightly loaded, 1 Meg).", 1e6),
    ("Passive twin-T notch at 400 Hz; its output sees a load resistance of 220k.", 220e3),
    ("Twin-T notch for 50 Hz, passive, driving a 470k load.", 470e3),
])
def test_a_figure_the_words_give_the_load_is_the_families_load(text, load):
    intent = parse_intent(text)
    d = Design()
    _the_load(intent, d, intent.kind)
    assert intent.values["RL"].value == load and "R" not in intent.values


def test_a_resistance_written_twice_stays_the_families_own():
    intent = parse_intent("Passive twin-T notch at 1 kHz, R = 10k, into a 10k load.")
    _the_load(intent, Design(), intent.kind)
    assert intent.values["R"].value == 10e3


@NGSPICE
def test_a_loaded_twin_t_keeps_its_passband_a_decade_from_the_notch():
    result = generate("Passive twin-T notch that kills 60 Hz (lightly loaded, 1 Meg).")
    assert result.verified
    assert measure(result.netlist, "ac lin 1 6 6\nlet result = vdb(out)-vdb(in)") > -2.5


@NGSPICE
@pytest.mark.parametrize("text,hz,duty", [
    ("A 40 kHz rectangular wave, 0 to 3.3 V, 25 % duty cycle, on node pw (rise/fall 10 ns).", 40e3, 0.25),
    ("1 kHz pulse wave, 10 % duty, swinging 0 to 3.3 V.", 1e3, 0.1),
])
def test_a_rectangular_or_pulse_wave_is_the_clock_with_its_duty(text, hz, duty):
    result = generate(text)
    assert result.intent.kind == "clock_source"
    node = "pw" if "node pw" in text else "out"
    mean = measure(result.netlist, f"tran {0.001 / hz:g} {5 / hz:g}\n"
                                   f"meas tran result avg v({node}) from={1 / hz:g} to={5 / hz:g}")
    assert mean == pytest.approx(3.3 * duty, rel=0.03)


def test_stated_edges_are_the_clocks_own():
    result = generate("Clock source at node ck, 10 kHz, 0 to 5 V, 30 % duty, 50 ns edges.")
    pulse = re.search(r"PULSE\(([^)]*)\)", result.netlist)
    assert pulse and [float(x) for x in pulse[1].split()[3:5]] == [50e-9, 50e-9]


@pytest.mark.parametrize("text,kind", [
    ("Only let through what's above 3 kHz; maximally flat, 4th order, unity gain.", "butterworth_highpass"),
    ("Butterworth filter, 4th order, that removes everything below 500 Hz.", "butterworth_highpass"),
    ("Chebyshev 1 dB ripple, third order, passing the band above 2 kHz.", "chebyshev_highpass"),
    ("Sallen-Key filter, Q 0.707, that cuts everything under 300 Hz.", "active_highpass"),
    ("Bessel filter, order 3, keep everything under 1 kHz.", "bessel_lowpass"),
    ("Butterworth low-pass, 4th order, 40 dB down above 10 kHz.", "butterworth_lowpass"),
])
def test_a_filter_named_by_its_response_alone_passes_the_side_its_words_say(text, kind):
    assert parse_intent(text).kind == kind


@NGSPICE
@pytest.mark.parametrize("text,source,node", [
    ("Precision full-wave rectifier (absolute-value circuit) with two op-amps and two diodes: output fw_out = "
     "|v(fw_in)|. The input comes from VFW on node fw_in; I'll DC-sweep VFW from -2 V to 2 V.", "VFW", "fw_out"),
    ("Absolute value circuit using op-amps. Source VA on node a_in, output node a_out; DC sweep VA from -3 to 3 V.",
     "VA", "a_out"),
])
def test_a_precision_full_wave_rectifier_reads_the_absolute_value_within_a_percent_on_a_dc_sweep(text, source, node):
    result = generate(text)
    assert result.intent.kind == "precision_full_wave_rectifier" and result.verified
    for at in (0.8, -0.8, 1.5):
        got = measure(result.netlist, f"dc {source} -2 2 0.01\nmeas dc result find v({node}) at={at:g}")
        assert got == pytest.approx(abs(at), rel=0.01)


@NGSPICE
def test_a_superdiode_swept_in_dc_passes_the_positive_half_and_blocks_the_negative():
    result = generate("Precision half-wave rectifier (op-amp 'superdiode': diode inside the feedback loop), 10k load "
                      "at node hw_out. Input from source VHW on node hw_in; I'll sweep VHW from -2 V to 2 V.")
    assert result.intent.kind == "precision_half_wave_rectifier" and result.verified
    sweep = "dc VHW -2 2 0.01\nmeas dc result find v(hw_out) at="
    assert measure(result.netlist, sweep + "1.5") == pytest.approx(1.5, rel=0.01)
    assert abs(measure(result.netlist, sweep + "-1.5")) < 0.02


@NGSPICE
@pytest.mark.parametrize("text,k,at", [
    ("Butterworth low-pass, 2nd order, cutoff 2 kHz, passband gain of 2.", 2.0, 200.0),
    ("4th-order Bessel low-pass at 10 kHz with a DC gain of 5.", 5.0, 100.0),
    ("Chebyshev high-pass, 3rd order, 1 dB ripple, cutoff 800 Hz, inverting gain of -3.", -3.0, 8e3),
])
def test_a_cascade_gives_the_passband_gain_asked_by_a_stage_after_its_sections(text, k, at):
    result = generate(text)
    assert result.verified
    size = measure(result.netlist, f"ac lin 1 {at:g} {at:g}\nlet result = vm(out)")
    sign = measure(result.netlist, f"ac lin 1 {at:g} {at:g}\nlet result = real(v(out))")
    assert size == pytest.approx(abs(k), rel=0.05) and (sign > 0) == (k > 0)


@pytest.mark.parametrize("text,kind", [
    ("smooth out fast wiggles, keep anything slower than 200 Hz. half-power point at 200 Hz, flat response (no "
     "peaking), falls off at 40 dB per decade. op-amp ok.", "active_lowpass"),
    ("An op-amp filter that rolls off at 12 dB per octave above 1 kHz and passes everything below 1 kHz.",
     "active_lowpass"),
    ("Second-order active filter, -3 dB at 5 kHz, keep everything faster than 5 kHz.", "active_highpass"),
])
def test_a_second_order_filter_said_by_its_roll_off_passes_the_side_its_words_say(text, kind):
    assert parse_intent(text).kind == kind


@pytest.mark.parametrize("text", [
    "There's mains hum at 50 Hz riding on my sensor line. Can you give me a passive network that digs a deep hole "
    "right at 50 Hz and leaves things a decade away mostly alone?",
    "I need a passive circuit that puts a deep null at 60 Hz and passes everything else.",
])
def test_a_hole_or_null_at_a_frequency_is_a_notch_there(text):
    intent = parse_intent(text)
    assert intent.kind == "twin_t_notch"


@NGSPICE
@pytest.mark.parametrize("text,level,corner", [
    ("RC high-pass, corner 10 Hz, the output biased at 2.5 V from the 5 V supply. Input in, output out.", 2.5, 10.0),
    ("High-pass filter with a cutoff of 50 Hz whose output sits at 1.2 V, supply 3.3 V.", 1.2, 50.0),
])
def test_a_high_pass_riding_on_a_level_divides_its_supply_and_keeps_its_corner(text, level, corner):
    result = generate(text)
    assert result.intent.kind == "rc_highpass" and result.verified
    assert measure(result.netlist, "op\nlet result = v(out)") == pytest.approx(level, rel=0.02)
    got = measure(result.netlist, f"ac dec 200 {corner / 100:g} {corner * 100:g}\nlet g = vdb(out)-vdb(in)\n"
                                  "meas ac result when g=-3")
    assert got == pytest.approx(corner, rel=0.05)


@NGSPICE
def test_a_high_pass_riding_on_a_level_with_no_corner_asked_still_sits_at_it():
    result = generate("RC high-pass filter whose output is biased at 2.5 V from the 5 V supply.")
    assert result.verified and measure(result.netlist, "op\nlet result = v(out)") == pytest.approx(2.5, rel=0.02)
