"""Recipes that meet their own spec (lane R, s14): the design equations take every figure the request states (a
Chebyshev's ripple however it is joined to its word, a stage's bias current, a band-pass's centre gain, a flash ADC's
thresholds), and the family's own checks measure what was asked. Each test measures the generated netlist in ngspice
against a figure computed from the request, never a pinned answer."""
from __future__ import annotations

import pytest

from spice_lsp.generation.pipeline import generate
from spice_lsp.generation.recipes.filters import _ripple
from spice_lsp.language.units import parse_number
from spice_lsp.ngspice import runner


def measure(netlist: str, control: str) -> float:
    result = runner.run(netlist, control=control + "\nprint result", timeout=60)
    assert result.ok, result
    return result.values["result"]


def nodes(netlist: str) -> set[str]:
    return {n.lower() for line in netlist.splitlines() if line[:1].isalpha() and not line.startswith(".")
            for n in line.split()[1:3]}


@pytest.mark.parametrize("said, ripple", [("Second-order 1 dB-ripple Chebyshev", 1.0),
                                          ("a 0.25-dB passband ripple", 0.25), ("ripple of 2 dB", 2.0),
                                          ("with passband ripple (1.5 dB)", 1.5), ("ripple no more than 0.1 dB", 0.1),
                                          ("Chebyshev, 3 dB cutoff 1 kHz", 0.5)])
def test_a_chebyshevs_ripple_is_read_however_it_is_joined_to_its_word(said, ripple):
    assert _ripple(said) == ripple


@pytest.mark.parametrize("said, order, ripple, out, inp", [
    ("Second-order 1 dB-ripple Chebyshev low-pass (Sallen-Key, unity gain) whose ripple band ends at 5 kHz. "
     "Input node cb_in, output node cb_out.", 2, 1.0, "cb_out", "cb_in"),
    ("6th-order Chebyshev low-pass with a 2-dB ripple, cutoff 10 kHz, from node fa to node fb", 6, 2.0, "fb", "fa"),
    ("Chebyshev LPF, order 4, ripple of 0.25 dB, -3 dB at 20 kHz; input x1, output y1", 4, 0.25, "y1", "x1"),
])
def test_a_chebyshev_low_pass_peaks_by_the_ripple_asked(said, order, ripple, out, inp):
    # an even order peaks `ripple` dB above its DC gain (the op-amps fast enough for the sections' Q)
    result = generate(said)
    assert {out, inp} <= nodes(result.netlist)
    peak = measure(result.netlist, f"ac dec 200 10 1meg\nlet g = vdb({out})-vdb({inp})\nmeas ac gmax max g\n"
                                   "meas ac flat find g at=20\nlet result = gmax-flat")
    assert abs(peak - ripple) < 0.3
    assert any("ripple" in c.what and c.status == "pass" for c in result.checks)


def drain_current(netlist: str, out: str) -> float:
    """The current of the resistor from the supply into the output node, at the operating point."""
    row = next(line.split() for line in netlist.splitlines() if line[:1].upper() == "R"
               and out in line.lower().split()[1:3] and "0" not in line.split()[1:3])
    other = row[1] if row[2].lower() == out else row[2]
    return measure(netlist, f"op\nlet result = (v({other})-v({out}))/{row[3]}")


@pytest.mark.parametrize("said, out, current", [
    ("NMOS common-source amplifier on 5 V: transistor model VTO=0.7 KP=200u LAMBDA=0.02, W/L = 10u/1u, 4.7k drain "
     "resistor, biased at about 0.3 mA drain current. Input node gn_in, output node cs_out.", "cs_out", 0.3e-3),
    ("Common-source amplifier with an NMOS (VTO=0.5 KP=120u LAMBDA=0.05, W/L 20u/1u) on a 3.3 V rail, 2.2k drain "
     "resistor, biased at 0.5 mA drain current; gate node ga, drain node dr", "dr", 0.5e-3),
    ("NMOS common-source stage from 10 V with a 10k drain load and an operating drain current of 400 uA, input vg, "
     "output vd", "vd", 0.4e-3),
])
def test_a_common_source_stage_is_biased_at_the_drain_current_asked(said, out, current):
    result = generate(said)
    assert abs(drain_current(result.netlist, out) / current - 1) < 0.05
    assert result.verified


def test_a_drain_current_its_resistor_cannot_carry_is_reported_not_verified():
    result = generate("NMOS common-source stage from 5 V with a 10k drain load and a drain current of 1 mA, input vg, "
                      "output vd")
    assert not result.verified


def band_pass(netlist: str, out: str, inp: str, f0: float) -> tuple[float, float, float]:
    """(peak frequency, Q from the -3 dB bandwidth, gain at the centre asked) of v(out)/v(inp)."""
    result = runner.run(netlist, timeout=60, control=(
        f"ac dec 4000 {f0 / 3:g} {f0 * 3:g}\nlet g = vm({out})/vm({inp})\nmeas ac gmax max g\nmeas ac fp max_at g\n"
        f"let t = gmax/sqrt(2)\nmeas ac f1 when g=t rise=1\nmeas ac f2 when g=t fall=1\nmeas ac k find g at={f0:g}\n"
        "let q = fp/(f2-f1)\nprint fp q k"))
    return result.values["fp"], result.values["q"], result.values["k"]


@pytest.mark.parametrize("said, out, inp, f0, q, k", [
    ("Two-integrator-loop (state-variable) band-pass: centre 1 kHz, Q = 4, unity gain at the centre. Input node "
     "svf_in, band-pass output node svbp.", "svbp", "svf_in", 1e3, 4, 1.0),
    ("State-variable filter, band-pass output bpo, centre frequency 5 kHz, Q of 2, centre gain 4, input node si",
     "bpo", "si", 5e3, 2, 4.0),
    ("KHN band-pass at 400 Hz with Q = 8 and a gain of 0.5 at the centre", "bp", "in", 400, 8, 0.5),
    ("state-variable bandpass filter with f0 = 20 kHz, Q = 10, a centre gain of 1", "bp", "in", 20e3, 10, 1.0),
    ("state variable band-pass, centre 2 kHz, Q 3", "bp", "in", 2e3, 3, 3.0),  # no gain asked: the KHN's own, Q
])
def test_a_state_variable_band_pass_has_the_centre_gain_and_q_asked(said, out, inp, f0, q, k):
    peak, got_q, gain = band_pass(generate(said).netlist, out, inp, f0)
    assert abs(peak / f0 - 1) < 0.02 and abs(got_q / q - 1) < 0.05 and abs(gain / k - 1) < 0.05


@pytest.mark.parametrize("said, outputs, src, points, high", [
    ("2-bit flash ADC front end: three comparators fed from a resistor ladder on a 4 V reference so the thresholds "
     "sit at 1, 2 and 3 V. Analog input node fl_in from source VFL; thermometer outputs t1, t2, t3 switching "
     "between 0 and 5 V.", ("t1", "t2", "t3"), "vfl", (1, 2, 3), 5.0),
    ("3-bit flash converter with a 2 V reference; its trip points fall at 0.25, 0.5, 0.75, 1, 1.25, 1.5 and 1.75 V, "
     "comparator outputs toggling 0/3.3 V", ("c1", "c4", "c7"), "v1", (0.25, 1.0, 1.75), 3.3),
    ("Flash ADC, 2 bits: the ladder taps should be at 0.5, 1.0 and 1.5 V, outputs swinging from 0 to 5 V; input "
     "node ain", ("c1", "c2", "c3"), "v1", (0.5, 1.0, 1.5), 5.0),
])
def test_a_flash_adc_switches_at_the_thresholds_and_to_the_level_asked(said, outputs, src, points, high):
    netlist = generate(said).netlist
    top = max(points) * 1.5
    result = runner.run(netlist, timeout=60, control=(
        f"dc {src} 0 {top:g} {top / 2000:g}\n"
        + "\n".join(f"meas dc x{k} when v({o})={high / 2:g}\nmeas dc h{k} find v({o}) at={top:g}"
                    for k, o in enumerate(outputs))
        + "\nprint " + " ".join(f"x{k} h{k}" for k in range(len(outputs)))))
    for k, point in enumerate(points):
        assert abs(result.values[f"x{k}"] - point) < 0.02 * max(points)
        assert abs(result.values[f"h{k}"] - high) < 0.05 * high


@pytest.mark.parametrize("said, out, inp, inn, cm, low, high", [
    ("Five-transistor CMOS OTA on 3.3 V: NMOS differential pair (W/L 10u/1u) with a PMOS current-mirror load and a "
     "20 µA NMOS tail; NMOS VTO=0.6 KP=150u LAMBDA=0.05, PMOS VTO=-0.6 KP=60u LAMBDA=0.05. Inputs ota_p and ota_n "
     "biased at 1.5 V, output node ota_o. What is the low-frequency differential gain?",
     "ota_o", "ota_p", "ota_n", 1.5, 121, 225),
    # gm1 (ro2 || ro4): sqrt(2 KP W/L Id) / (Id (lambda_n + lambda_p)) from the stated models and pair
    ("5T OTA with an NMOS input pair W/L = 20u/2u, 10 uA tail current, 5 V supply, NMOS VTO=0.7 KP=100u LAMBDA=0.02, "
     "PMOS VTO=-0.8 KP=40u LAMBDA=0.04; inputs ia and ib, both inputs held at 2 V; output oo",
     "oo", "ia", "ib", 2.0, 0.8 * (200e-6 * 10 * 5e-6) ** 0.5 / (5e-6 * 0.06), 1.25 * (200e-6 * 10 * 5e-6) ** 0.5
     / (5e-6 * 0.06)),
])
def test_a_five_transistor_ota_is_sized_with_the_stated_models_at_the_stated_common_mode(said, out, inp, inn, cm,
                                                                                         low, high):
    result = generate(said)
    netlist = result.netlist
    gain = measure(netlist, f"ac dec 10 1 100\nlet g = vm({out})/vm({inp})\nmeas ac result find g at=10")
    assert low <= gain <= high
    assert abs(measure(netlist, f"op\nlet result = v({inp})") - cm) < 1e-6
    assert abs(measure(netlist, f"op\nlet result = v({inn})") - cm) < 1e-6
    assert result.verified


@pytest.mark.parametrize("said, out, gain", [
    ("Cascode amplifier with a gain of 50", "out", 50),
    ("NMOS cascode amplifier on 9 V with a voltage gain of 120, output node co", "co", 120),
    ("NMOS cascode amplifier with RD = 100k and a gain of 40 on 5 V", "out", 40),
    ("NMOS cascode with a 47k drain resistor, VDD 3.3 V, gain of 25; NMOS VTO=0.5 KP=200u, W/L 20u/1u", "out", 25),
])
def test_a_mos_cascode_is_biased_for_the_gain_asked(said, out, gain):
    # gain = gm1 RD = 2 (VDD - Vout)/Vov: the overdrive (and M2's gate) designed, not RD trimmed into saturation
    result = generate(said)
    inp = next(line.split()[1] for line in result.netlist.splitlines() if line.startswith("V2 "))
    measured = measure(result.netlist, f"ac lin 1 1k 1k\nlet result = vm({out})/vm({inp})")
    assert abs(measured / gain - 1) < 0.05 and result.verified


@pytest.mark.parametrize("said, low, high", [
    ("Window comparator with thresholds at 2 V and 4 V on a 5 V supply", 2.0, 4.0),
    ("Window comparator: lower threshold 1.5 V, upper threshold 3.5 V, output on 5 V logic", 1.5, 3.5),
    ("window comparator with an upper limit of 3 V and a lower limit of 1 V", 1.0, 3.0),
])
def test_a_window_comparator_has_the_limits_said_by_their_own_words(said, low, high):
    result = generate(said)
    src = next(line.split()[0] for line in result.netlist.splitlines() if line.upper().startswith("V1 "))
    edges = runner.run(result.netlist, timeout=60, control=(
        f"dc {src} 0 {2 * high:g} {high / 1000:g}\nmeas dc up when v(out)=2.5 rise=1\n"
        "meas dc down when v(out)=2.5 fall=1\nprint up down"))
    assert abs(edges.values["up"] - low) < 0.02 * high and abs(edges.values["down"] - high) < 0.02 * high
    assert result.verified


@pytest.mark.parametrize("said, f0", [("Colpitts oscillator at 2 MHz", 2e6), ("BJT Colpitts oscillator near 730 kHz "
                                                                             "on a 9 V supply, output node co", 730e3),
                                      ("LC Colpitts oscillator, 5 MHz, 12 V", 5e6)])
def test_a_colpitts_oscillator_keeps_oscillating_at_the_frequency_asked(said, f0):
    # its swing long after the supply's kick has died away (100 periods on), and its frequency there
    netlist = generate(said).netlist
    out = next(line.split()[1] for line in netlist.splitlines() if line.startswith("Q1 "))
    start = 100 / f0 + 60e-6
    result = runner.run(netlist, timeout=120, control=(
        f"tran {1 / (f0 * 100):g} {start + 20 / f0:g} 0 {1 / (f0 * 100):g}\n"
        f"meas tran hi max v({out}) from={start:g}\nmeas tran lo min v({out}) from={start:g}\nlet mid = (hi+lo)/2\n"
        f"meas tran ta when v({out})=mid rise=1 td={start:g}\nmeas tran tb when v({out})=mid rise=11 td={start:g}\n"
        "let f = 10/(tb-ta)\nprint hi lo f"))
    assert result.values["hi"] - result.values["lo"] > 1.0
    assert abs(result.values["f"] / f0 - 1) < 0.05


@pytest.mark.parametrize("said, load, ripple", [
    ("Half-wave rectifier from a 10 V peak 50 Hz sine into 1k with less than 1 V ripple", 1e3, 1.0),
    ("Full-wave bridge rectifier from a 12 V peak 60 Hz sine into 470 ohm with under 0.5 V ripple", 470, 0.5),
])
def test_a_rectifiers_resistance_said_after_into_is_its_load(said, load, ripple):
    # a rectifier has no input resistor: the figure is the load the reservoir capacitor is sized for
    result = generate(said)
    loads = [line.split() for line in result.netlist.splitlines() if line[:1] == "R"]
    assert any(abs((parse_number(row[3]) or 0) - load) < 1e-6 for row in loads)
    assert result.verified
    swing = measure(result.netlist, "tran 50u 200m\nmeas tran hi max v(out) from=150m\n"
                                    "meas tran lo min v(out) from=150m\nlet result = hi-lo")
    assert swing <= ripple


@pytest.mark.parametrize("said, level", [
    ("Antilog amplifier producing -1 V output", -1.0),
    ("antilog amplifier with a 10k feedback resistor giving -2 V out", -2.0),
    ("Log amplifier with a 1 V input giving -0.5 V at the output", -0.5),
    ("Op-amp log amp, 100k input resistor, diode feedback (IS=1e-12), output -0.4 V", -0.4),
])
def test_a_log_or_antilog_amplifier_is_designed_for_the_output_asked(said, level):
    # the free resistor (or, with it stated, the input level) from Vout = -n VT ln(VIN/(R Is)) or -RF Is exp(VIN/n VT)
    result = generate(said)
    assert abs(measure(result.netlist, "op\nlet result = v(out)") / level - 1) < 0.05 and result.verified


@pytest.mark.parametrize("said, db", [("Two-stage CMOS op-amp with 70 dB gain", 70),
                                      ("five-transistor OTA with 40 dB gain", 40)])
def test_an_op_amps_gain_in_db_with_no_frequency_is_its_open_loop_gain(said, db):
    result = generate(said)
    measured = measure(result.netlist, "ac dec 10 0.1 10\nlet g = vdb(out)-vdb(inp)\nmeas ac result find g at=1")
    assert abs(measured - db) < 1.0 and result.verified


@pytest.mark.parametrize("said, hz, lag", [("All-pass filter with 90 degrees phase shift at 1 kHz", 1e3, 90),
                                           ("all-pass phase shifter giving 45 degrees of lag at 2 kHz", 2e3, 45),
                                           ("first-order allpass, 120 degrees phase shift at 300 Hz", 300, 120)])
def test_an_all_pass_lags_by_the_phase_asked_at_its_frequency(said, hz, lag):
    result = generate(said)
    measured = measure(result.netlist, f"ac lin 3 {hz * 0.999:g} {hz * 1.001:g}\nlet p = -vp(out)*180/pi\n"
                                       f"meas ac result find p at={hz:g}")
    assert abs(measured - lag) < 3
    assert not any(c.status == "fail" for c in result.checks)  # no -3 dB corner asked of an all-pass


def test_an_all_pass_frequency_is_checked_as_its_90_degree_point():
    result = generate("all-pass filter, f0 = 500 Hz")
    assert result.verified and any("90 degrees past" in c.detail for c in result.checks)
