"""Open-world filters, op-amp circuits, sensor front ends and diode circuits (lane G), in words of our own: the
family each request names, and what its answer does, measured in ngspice on the nodes the request names; each
expectation is computed here from the circuit's equations."""
import math

import pytest

from spice_lsp.generation.intent import parse_intent
from spice_lsp.generation.pipeline import generate
from spice_lsp.generation.recipes.assorted import _gate_inputs
from spice_lsp.generation.recipes.sensors import _active_gauges
from spice_lsp.ngspice import runner
from training.case_checks import run_check

NGSPICE = pytest.mark.skipif(runner.shutil.which("ngspice") is None, reason="ngspice is not installed")


def _measure(netlist: str, analysis: str, measure: str, let: str | None = None) -> float:
    spec = {"analysis": analysis, "measure": measure, "min": -1e30, "max": 1e30, **({"let": let} if let else {})}
    result = run_check(netlist, spec)
    assert result.value is not None, (result.error, netlist)
    return result.value


def _functions_pass(result) -> None:
    function = [item for item in result.checks if item.what.startswith("function:")]
    assert function and all(item.status == "pass" for item in function), (function, result.netlist)


@pytest.mark.parametrize("text,kind", [
    ("diode AND gate with inputs u and v, 4.7k pull-up to 3.3 V, output w", "diode_and_gate"),
    ("two-input diode-resistor OR: k1 and k2 into node kout, 10k to ground", "diode_or_gate"),
    ("pick the highest of three voltages with diodes and one resistor to ground", "diode_or_gate"),
    ("Bridge voltage doubler fed by a 9 V peak winding between s1 and s2, output hv", "delon_doubler"),
    ("Wien network bandpass: 1k resistors, 100 nF capacitors, in to out", "wien_bandpass"),
    ("active band-pass: Sallen-Key high-pass at 50 Hz then a Sallen-Key low-pass at 15 kHz",
     "butterworth_band_cascade"),
    ("speech band filter for a handset, in to out", "butterworth_band_cascade"),
    ("generalised impedance converter making a 220 mH inductor to ground, fed through 2.2k", "antoniou_gic"),
    ("BTL stage driving a 16 ohm load from two op-amps, gain 8", "bridge_tied_load"),
    ("op-amp follower with a bootstrapped input bias chain (two 220k), AC coupled", "bootstrapped_opamp_follower"),
    ("NTC thermistor, 10k at 25 C, excited by 100 uA from a current source at 25 C", "current_excited_sensor"),
    ("full-bridge strain gauge, four active 120 ohm gauges, 500 microstrain, 3.3 V excitation",
     "strain_gauge_bridge"),
    ("photodiode from 5 V, cathode pulled up through 47k, anode to ground", "photodiode_pullup"),
])
def test_the_circuit_the_request_names_is_the_family_that_builds_it(text, kind):
    assert parse_intent(text).kind == kind


@pytest.mark.parametrize("text", [
    "a diode and a resistor in series from in to out, 5 V",
    "hold capacitor charged through a diode and bled by a 1 Meg resistor: a peak detector",
    "half-wave rectifier: one diode and a 1k load",
    "Wien-bridge oscillator at 3 kHz, output osc",
    "strain gauge bridge read by an instrumentation amplifier with a gain of 200",
    "PT100 RTD fed from a 1 mA current source, amplified by a non-inverting stage with gain 5",
    "speech band-pass from a passive RC high-pass at 200 Hz and an RC low-pass at 4 kHz",
    "active 4th-order Linkwitz-Riley crossover at 800 Hz, low-pass output lp1 and high-pass output hp1",
])
def test_a_sentence_word_or_an_amplified_variant_does_not_pull_in_the_new_families(text):
    assert parse_intent(text).kind not in ("diode_and_gate", "diode_or_gate", "wien_bandpass", "strain_gauge_bridge",
                                           "current_excited_sensor")


@pytest.mark.parametrize("text,inputs", [
    ("3-input diode AND, p = 5 V, q = 0 V, r = 5 V, output z", ("p", "q", "r")),
    ("diode OR with inputs sa and sb, each through a diode into node so", ("sa", "sb")),
    ("diode AND gate, four inputs", ("a", "b", "c", "d")),
])
def test_a_diode_gate_has_the_inputs_the_request_counts_or_names(text, inputs):
    assert _gate_inputs(text) == inputs


@pytest.mark.parametrize("text,count", [
    ("quarter-bridge strain gauge", 1), ("half bridge with two active gauges", 2),
    ("strain gauges: four active ones in a full bridge", 4), ("a Wheatstone bridge with one gauge", 1),
])
def test_a_strain_bridge_strains_as_many_arms_as_its_kind(text, count):
    assert _active_gauges(text) == count


@NGSPICE
def test_a_diode_and_gate_sits_a_drop_above_its_lowest_input_and_an_or_gate_a_drop_below_its_highest():
    low, high = 1.2, 4.0
    result = generate(f"Diode AND gate: m1 = {high} V and m2 = {low} V, 15k pull-up to 5 V, output y1. "
                      "Operating point.")
    assert low + 0.3 <= _measure(result.netlist, "op", "v(y1)") <= low + 0.9
    _functions_pass(result)
    result = generate(f"Diode OR gate: n1 = {high} V and n2 = {low} V, 15k to ground, output y2. Operating point.")
    assert high - 0.9 <= _measure(result.netlist, "op", "v(y2)") <= high - 0.3
    _functions_pass(result)


@NGSPICE
def test_a_delon_doubler_gives_twice_the_winding_peak_less_its_drops():
    peak = 8.0
    result = generate(f"Delon doubler: {peak:g} V peak 50 Hz floating winding between e1 and e2, 220 uF capacitors, "
                      "47k load at node dc. 300 ms transient.")
    assert result.intent.kind == "delon_doubler"
    level = _measure(result.netlist, "tran 50u 300m", "avg v(dc) from=200m to=300m")
    assert 2 * (peak - 0.9) <= level <= 2 * (peak - 0.3)
    _functions_pass(result)


@NGSPICE
def test_a_wien_band_pass_peaks_at_a_third_in_phase_at_one_over_2_pi_r_c():
    r, c = 2.2e3, 47e-9
    result = generate("Passive Wien band-pass network, R = 2.2k and C = 47 nF in both arms, input wi, output wo.")
    assert result.intent.kind == "wien_bandpass"
    f0 = 1 / (2 * math.pi * r * c)
    assert _measure(result.netlist, "ac dec 400 10 1meg", "when vp(wo)=0") == pytest.approx(f0, rel=0.02)
    assert _measure(result.netlist, "ac dec 400 10 1meg", "max g", "g = vdb(wo)-vdb(wi)") == \
        pytest.approx(20 * math.log10(1 / 3), abs=0.2)


@NGSPICE
def test_a_high_pass_then_low_pass_cascade_is_3_db_down_at_each_stated_edge():
    low, high = 150.0, 6e3
    result = generate(f"2nd-order Butterworth high-pass at {low:g} Hz followed by a 2nd-order Butterworth low-pass at "
                      f"{high / 1e3:g} kHz, unity-gain Sallen-Key, in to out")
    assert result.intent.kind == "butterworth_band_cascade"
    for edge in (low, high):
        assert _measure(result.netlist, "ac dec 100 1 1meg", f"find g at={edge:g}", "g = vdb(out)-vdb(in)") == \
            pytest.approx(-3.0, abs=1.1)
    assert _measure(result.netlist, "ac dec 100 1 1meg", f"find g at={math.sqrt(low * high):g}",
                    "g = vdb(out)-vdb(in)") == pytest.approx(0.0, abs=0.5)


@NGSPICE
@pytest.mark.parametrize("feed", ["driven from node dr through 2.2k", "fed through 2.2k from node dr",
                                  "feed it from dr via 2.2k"])
def test_an_antoniou_gic_with_a_series_resistor_has_its_rl_corner(feed):
    ind, rs = 0.22, 2.2e3
    result = generate(f"Antoniou GIC making a {ind * 1e3:g} mH grounded inductor at node lx, {feed}. "
                      "AC 1 Hz to 100 kHz.")
    assert result.intent.kind == "antoniou_gic"
    assert _measure(result.netlist, "ac dec 200 1 1meg", "when g=-3", "g = vdb(lx)-vdb(dr)") == \
        pytest.approx(rs / (2 * math.pi * ind), rel=0.05)
    _functions_pass(result)


@NGSPICE
def test_a_bridge_tied_load_doubles_each_sides_gain_across_the_load():
    result = generate("Bridge-tied load amplifier, two op-amps, differential gain 12, 8 ohm load, input in. "
                      "Check at 1 kHz.")
    assert result.intent.kind == "bridge_tied_load"
    assert _measure(result.netlist, "ac dec 10 100 10k", "find g at=1k", "g = db(v(outp)-v(outn))-vdb(in)") == \
        pytest.approx(20 * math.log10(12), abs=0.3)
    _functions_pass(result)


@NGSPICE
def test_a_bootstrapped_follower_keeps_its_gain_behind_a_large_source_resistance():
    result = generate("AC-coupled op-amp voltage follower, bias resistors bootstrapped (two 68k to ground, midpoint "
                      "fed from the output through 10 uF), driven through a 4.7 Mohm source resistance from node sx; "
                      "output fo; check at 1 kHz.")
    assert result.intent.kind == "bootstrapped_opamp_follower"
    # unbootstrapped, 136k against 4.7 MΩ would lose 30 dB
    _functions_pass(result)


@NGSPICE
def test_a_current_excited_rtd_reads_i_times_its_resistance_at_its_temperature():
    current, t = 0.5e-3, 80.0
    result = generate(f"PT1000 excited by a {current * 1e3:g} mA constant current at {t:g} °C. Operating point.")
    assert result.intent.kind == "current_excited_sensor"
    ohms = 1000 * (1 + 3.9083e-3 * t - 5.775e-7 * t * t)
    assert _measure(result.netlist, "op", "v(out)") == pytest.approx(current * ohms, rel=0.005)
    _functions_pass(result)


@NGSPICE
@pytest.mark.parametrize("words,active", [("Quarter-bridge", 1), ("Half-bridge", 2), ("Full-bridge", 4)])
def test_a_strain_bridge_reads_its_arms_divider_difference(words, active):
    vex, r, gf, strain = 3.3, 120.0, 2.1, 800e-6
    result = generate(f"{words} strain gauge, {r:g} ohm gauges, gauge factor {gf:g}, {strain * 1e6:g} microstrain, "
                      f"{vex:g} V excitation. Operating point.")
    assert result.intent.kind == "strain_gauge_bridge"
    x = gf * strain
    arms = {1: (r, r * (1 + x), r, r), 2: (r * (1 - x), r * (1 + x), r, r),
            4: (r * (1 - x), r * (1 + x), r * (1 + x), r * (1 - x))}[active]
    expected = vex * (arms[1] / (arms[0] + arms[1]) - arms[3] / (arms[2] + arms[3]))
    assert _measure(result.netlist, "op", "v(outp)-v(outn)") == pytest.approx(expected, rel=0.01)
    _functions_pass(result)


@NGSPICE
def test_a_pulled_up_photodiode_pulls_its_cathode_down_by_the_photocurrent_times_the_pull_up():
    vdd, current, r = 5.0, 30e-6, 47e3
    result = generate(f"Photodiode on a {vdd:g} V rail: anode grounded, cathode node k pulled up through {r / 1e3:g}k, "
                      f"{current * 1e6:g} uA of photocurrent. Operating point.")
    assert result.intent.kind == "photodiode_pullup"
    assert _measure(result.netlist, "op", "v(k)") == pytest.approx(vdd - current * r, rel=0.01)
    _functions_pass(result)


@NGSPICE
def test_an_rtd_stated_at_its_resistance_is_that_resistor_in_the_answer():
    ohms, current, gain = 119.4, 2e-3, 4
    result = generate(f"Pt100 at 50 °C ({ohms:g} ohm) fed {current * 1e3:g} mA by a current source into node rt, "
                      f"then a non-inverting op-amp stage with a gain of {gain}, output vo. Operating point.")
    assert result.intent.kind == "rtd_current_amplifier"
    resistor = next(line.split() for line in result.netlist.splitlines() if line.startswith("RT "))
    assert float(resistor[3]) == ohms
    assert _measure(result.netlist, "op", "v(vo)") == pytest.approx(gain * current * ohms, rel=0.01)
    _functions_pass(result)


@NGSPICE
def test_a_differentiators_input_capacitor_is_the_one_the_request_states():
    rf, c = 22e3, 4.7e-9
    result = generate(f"Practical op-amp differentiator, {rf / 1e3:g}k feedback resistor and a {c * 1e9:g} nF input "
                      "capacitor; input d_in, output d_out.")
    assert result.intent.kind == "practical_differentiator"
    capacitor = next(line.split() for line in result.netlist.splitlines() if line.startswith("C1 "))
    assert capacitor[3] == "4.7n"
    # |H| = 2 pi f RF C well below the corners of R1 C and RF CF
    assert _measure(result.netlist, "ac dec 20 10 100k", "find g at=200", "g = vdb(d_out)-vdb(d_in)") == \
        pytest.approx(20 * math.log10(2 * math.pi * 200 * rf * c), abs=0.5)
    _functions_pass(result)


@NGSPICE
@pytest.mark.parametrize("words,n", [("a diode (IS = 2e-15, N = 1.5) as its feedback element", 1.5),
                                     ("a feedback diode with IS = 2e-15", 1.0)])
def test_a_log_amplifier_whose_feedback_is_a_diode_follows_that_diodes_law(words, n):
    r, vin, saturation = 22e3, 0.5, 2e-15
    result = generate(f"Log amp: op-amp with {words}, {r / 1e3:g}k input resistor, {vin:g} V DC at in, output out; "
                      "operating point.")
    assert result.intent.kind == "log_amplifier"
    assert any(line.startswith("D1 ") for line in result.netlist.splitlines()), result.netlist
    expected = -n * 0.02585 * math.log(vin / (r * saturation))
    assert _measure(result.netlist, "op", "v(out)") == pytest.approx(expected, abs=0.02)
    _functions_pass(result)
