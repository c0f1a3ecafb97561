"""Filter, op-amp and sensor recipes built for what the request states, in wording no case file uses: a
Linkwitz-Riley crossover of the order asked for, a Q followed by a full stop, an L-C notch resonant at the stated
frequency with neither part given, band-passes designed against the op-amp model's own gain-bandwidth, a lossy
integrator that keeps its stated feedback resistor, the op-amp 'ideal diode', a bridge read by one difference
amplifier, a thermistor read at a temperature written with a bare C. Expectations come from the circuits' equations;
the ngspice ones are measured on the answer itself."""
import math
import re
from functools import partial

import pytest

from spice_lsp.generation.pipeline import generate
from spice_lsp.generation.recipes.filters import (
    _mfb_bandpass_eq,
    _mfb_bandpass_ideal,
    _mfb_bandpass_response,
    _peak_and_q,
    crossover_order,
    stated_q,
)
from spice_lsp.ngspice import runner
from tests.measuring import measure, part_value

NGSPICE = pytest.mark.skipif(runner.shutil.which("ngspice") is None, reason="ngspice is not installed")


def _db(netlist: str, out: str, hz: float) -> float:
    return measure(netlist, f"ac lin 1 {hz:g} {hz:g}\nlet result = vdb({out})-vdb(in)")


@pytest.mark.parametrize("text,order", [
    ("an LR-2 crossover for a small two-way box", 2),
    ("Linkwitz-Riley filters, 24 dB/octave slopes", 4),
    ("Linkwitz Riley crossover of the second order", 2),
    ("LR8 crossover", 4),  # an order not built: the 4th
    ("Linkwitz-Riley crossover at 2 kHz", 4),
])
def test_the_crossover_order_is_the_one_the_request_names(text, order):
    assert crossover_order(text) == order


@pytest.mark.parametrize("text,q", [("band-pass at 3 kHz, Q = 7. Output at y", 7.0), ("Q of 2.5.", 2.5),
                                    ("Q 12; in to out", 12.0)])
def test_a_q_at_the_end_of_a_sentence_is_read(text, q):
    assert stated_q(text, -1) == q


@NGSPICE
def test_a_second_order_linkwitz_riley_crossover_falls_12_db_per_octave_and_sums_flat():
    fc = 1200.0
    result = generate(f"two-way Linkwitz-Riley crossover, second order, crossing at {fc / 1e3:g} kHz")
    assert result.intent.kind == "linkwitz_riley_crossover"
    for out in ("lp", "hp"):  # |H| = 1/(1 + (f/fc)^2) for the low-pass: 1/2 at fc
        assert _db(result.netlist, out, fc) == pytest.approx(20 * math.log10(0.5), abs=0.2)
    assert _db(result.netlist, "lp", 10 * fc) == pytest.approx(20 * math.log10(1 / 101), abs=1)
    assert _db(result.netlist, "hp", fc / 10) == pytest.approx(20 * math.log10(1 / 101), abs=1)
    flat = measure(result.netlist, f"ac lin 9 {fc / 4:g} {fc * 4:g}\nlet result = vecmax(abs(db(v(lp)+v(hp))))")
    assert flat < 0.2  # the high-pass inverted: the sum is an all-pass


def test_an_lc_notch_at_a_stated_frequency_resonates_there_with_neither_part_given():
    hz, ohms = 30e3, 2200.0
    result = generate(f"series L-C notch to ground at {hz / 1e3:g} kHz behind a {ohms / 1e3:g}k resistor")
    assert result.intent.kind == "rlc_notch"
    ind, cap = part_value(result.netlist, "L1"), part_value(result.netlist, "C1")
    assert 1 / (2 * math.pi * math.sqrt(ind * cap)) == pytest.approx(hz, rel=0.01)
    assert math.sqrt(ind / cap) > ohms / 2  # wide enough to pass a decade either side


@pytest.mark.parametrize("hz,q", [(20e3, 6.0), (3e3, 3.0), (500.0, 10.0)])
def test_the_mfb_band_pass_is_designed_for_its_peak_and_q_with_the_model_op_amp(hz, q):
    values = _mfb_bandpass_eq(hz, lambda role, default: q if role == "Q" else default)
    peak, got_q = _peak_and_q(partial(_mfb_bandpass_response, values), hz)
    assert peak == pytest.approx(hz, rel=0.005) and got_q == pytest.approx(q, rel=0.01)
    # (the ideal equations alone put a 20 kHz, Q 6 peak well below: what the design corrects)
    if hz == 20e3:
        assert _peak_and_q(partial(_mfb_bandpass_response, _mfb_bandpass_ideal(hz, q, 10e-9)), hz)[0] < 0.95 * hz


def _centre_and_q(netlist: str, f0: float) -> tuple[float, float]:
    # The centre is the geometric mean of the -3 dB edges (exact for a second-order band-pass): "when d=0" at the
    # peak is a touch, not a crossing, and ngspice finds it only when a sample lands exactly on the maximum.
    sweep = f"ac dec 2000 {f0 / 3:g} {f0 * 3:g}\nlet g = vdb(out)\nmeas ac top max g\n"
    low = measure(netlist, sweep + "let d = g - top\nmeas ac fl when d=-3 cross=1\nlet result = fl")
    high = measure(netlist, sweep + "let d = g - top\nmeas ac fh when d=-3 cross=2\nlet result = fh")
    return math.sqrt(low * high), math.sqrt(low * high) / (high - low)


@NGSPICE
@pytest.mark.parametrize("text,hz,q", [
    ("Tow-Thomas band-pass at 4 kHz with a Q of 6.", 4e3, 6.0),
    ("band-pass, multiple feedback topology, centre 15 kHz, Q = 3.", 15e3, 3.0),
])
def test_a_band_pass_biquad_comes_out_at_the_q_asked_for(text, hz, q):
    result = generate(text)
    centre, got_q = _centre_and_q(result.netlist, hz)
    assert centre == pytest.approx(hz, rel=0.02)
    assert got_q == pytest.approx(q, rel=0.05)


@NGSPICE
def test_a_lossy_integrator_keeps_the_feedback_resistor_the_request_gives():
    rin, rf, cap = 22e3, 470e3, 47e-9
    result = generate("op-amp integrator: 22k input resistor, 47 nF capacitor with a 470k resistor across it")
    assert result.intent.kind == "practical_integrator"
    assert part_value(result.netlist, "R1") == rin and part_value(result.netlist, "R2") == rf
    assert part_value(result.netlist, "C1") == pytest.approx(cap)
    assert _db(result.netlist, "out", 0.01) == pytest.approx(20 * math.log10(rf / rin), abs=0.1)  # DC gain RF/RIN


def test_an_ideal_diode_built_around_an_op_amp_is_the_superdiode_with_its_load():
    result = generate("ideal diode built around an op-amp: 0.3 V peak, 500 Hz sine in, 2.2k to ground at the output")
    assert result.intent.kind == "precision_half_wave_rectifier"
    assert part_value(result.netlist, "R9") == 2200


@NGSPICE
def test_a_bridge_read_by_one_difference_amplifier_gives_gain_times_the_bridge_voltage():
    r, gauge, volts, gain = 1000.0, 1004.0, 3.0, 250
    result = generate(f"quarter bridge of 1k resistors, the gauge at {gauge:g} ohm, {volts:g} V excitation, read by "
                      f"a single difference amplifier with a gain of {gain}")
    assert result.intent.kind == "strain_gauge_amplifier"
    assert len(re.findall(r"(?m)^X\w* .* opamp$", result.netlist)) == 1
    expected = gain * volts * (gauge / (gauge + r) - 0.5)
    assert measure(result.netlist, "op\nlet result = v(out)") == pytest.approx(expected, rel=0.02)


def test_a_thermistor_is_read_at_the_temperature_written_with_a_bare_c():
    result = generate("NTC 4.7k at 25 C, beta 3435, divider with a 4.7k resistor from 5 V, read at 40 C")
    assert result.intent.kind == "ntc_divider"
    assert re.search(r"(?m)^V2 tsense 0 DC 40$", result.netlist), result.netlist


@NGSPICE
@pytest.mark.parametrize("text,hz,degrees", [
    ("op-amp all-pass stage, 30 degrees of lag at 4 kHz", 4e3, 30.0),
    ("phase shifter (first-order all-pass) for 90° at 250 Hz, C = 100 nF", 250.0, 90.0),
])
def test_an_all_pass_gives_the_stated_phase_at_the_stated_frequency(text, hz, degrees):
    result = generate(text)
    assert result.intent.kind == "allpass_filter"
    phase = measure(result.netlist, f"ac lin 1 {hz:g} {hz:g}\nlet result = 180/pi*cph(v(out))")
    assert phase == pytest.approx(-degrees, abs=1.5)  # -2 atan(w R C)
    assert _db(result.netlist, "out", hz) == pytest.approx(0, abs=0.1)


def test_a_series_resonant_branch_shunting_the_line_is_a_notch_tuned_to_the_stated_frequency():
    hz = 12e3
    result = generate(f"series-resonant LC branch shunting the line after a 1k resistor, tuned for {hz / 1e3:g} kHz")
    assert result.intent.kind == "rlc_notch"
    ind, cap = part_value(result.netlist, "L1"), part_value(result.netlist, "C1")
    assert 1 / (2 * math.pi * math.sqrt(ind * cap)) == pytest.approx(hz, rel=0.01)


@NGSPICE
def test_a_passive_rc_band_pass_has_its_minus_3_db_edges_where_the_request_puts_them():
    low, high = 250.0, 2500.0  # a decade: the corners' overlap would put the edges well outside
    result = generate(f"passive RC band-pass letting {low:g} Hz to {high / 1e3:g} kHz through")
    assert result.intent.kind == "rc_bandpass"
    sweep = f"ac dec 1000 {low / 20:g} {high * 20:g}\nlet g = vdb(out)-vdb(in)\nmeas ac top max g\nlet d = g - top\n"
    low_edge = measure(result.netlist, sweep + "meas ac fl when d=-3 cross=1\nlet result = fl")
    high_edge = measure(result.netlist, sweep + "meas ac fh when d=-3 cross=2\nlet result = fh")
    assert low_edge == pytest.approx(low, rel=0.02) and high_edge == pytest.approx(high, rel=0.02)


@pytest.mark.parametrize("text,kind", [
    ("half-wave precision rectifier for a 50 mV, 3 kHz sine", "precision_half_wave_rectifier"),
    ("full-wave active rectifier: 0.4 V peak, 700 Hz", "precision_full_wave_rectifier"),
    ("twin-T band-reject at 120 Hz, no op-amps anywhere", "twin_t_notch"),
])
def test_rectifier_and_notch_words_in_any_order_are_served_by_their_family(text, kind):
    assert generate(text).intent.kind == kind
