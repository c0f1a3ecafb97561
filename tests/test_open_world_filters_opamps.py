"""Open-world requests for filters, op-amp circuits and diode circuits, in words no case file uses: a filter's
frequency stated bare, RC ladders, LC traps, a band-pass built of passive sections with a buffer between, the
passive diode peak detector, summers and difference stages whose inputs are held at levels on named nodes. Each
answer is measured in ngspice the way the request's own test bench would and must say verified."""
import math

import pytest

from spice_lsp.generation.pipeline import generate
from spice_lsp.generation.recipes.filters import ladder_corner, rc_sections
from spice_lsp.generation.request import read_request
from spice_lsp.ngspice import runner

NGSPICE = pytest.mark.skipif(runner.shutil.which("ngspice") is None, reason="ngspice is not installed")


def _served(text: str, kind: str):
    result = generate(text)
    assert result.intent.kind == kind, (result.intent.kind, result.netlist)
    assert result.verified, ([(c.what, c.status, c.detail) for c in result.checks if c.status != "pass"],
                             result.netlist)
    return result


def _gain(netlist: str, out: str, inp: str, hz: float) -> float | None:
    """v(out)/v(inp) in dB at one frequency."""
    run = runner.run(netlist, control=f"ac lin 1 {hz:g} {hz:g}\nlet result = vdb({out})-vdb({inp})\nprint result")
    assert run.ok and run.values.get("result") is not None, run
    return run.values["result"]


def _corner(netlist: str, out: str, inp: str, low: float, high: float) -> float | None:
    """The first frequency where v(out)/v(inp) is 3 dB below its largest value."""
    run = runner.run(netlist, control=f"ac dec 200 {low:g} {high:g}\nlet g = vdb({out})-vdb({inp})\n"
                                      "meas ac top max g\nlet t = top-3\nmeas ac result when g=t\nprint result")
    assert run.ok and run.values.get("result") is not None, run
    return run.values["result"]


# --- a filter's frequency stated with no spec word --------------------------------------------------------

@pytest.mark.parametrize("text,quantity,hz", [
    ("Butterworth Sallen-Key high-pass, 300 Hz, from a to b", "cutoff", 300),
    ("an RC high-pass at 40 Hz in front of the amplifier", "cutoff", 40),
    ("I need a 7.5 kHz low-pass filter made of one resistor and one capacitor", "cutoff", 7.5e3),
    ("LC band-pass at 455 kHz for the IF strip", "center", 455e3),
    # an amplifier's bandwidth said before its figure is its corner
    ("Photodiode front end: transimpedance stage with 470k feedback, bandwidth 30 kHz.", "cutoff", 30e3),
])
def test_a_filters_bare_frequency_is_its_cutoff_centre_or_null(text, quantity, hz):
    specs = [(s.quantity, s.target) for s in read_request(text).specs if s.quantity == quantity]
    assert specs == [(quantity, pytest.approx(hz))]


@pytest.mark.parametrize("text", [
    "RC low-pass, 4.7k and 33 nF, driven by a 2 kHz sine",  # the source's frequency
    "a 1 kHz square wave into an RC low-pass with 1k and 100 nF",
    "RC low-pass filter, R = 2k, C = 47n, AC sweep from 10 Hz to 1 MHz",  # the sweep's ends
    "a band-pass made of an RC high-pass at 200 Hz and an RC low-pass at 20 kHz",  # two corners: no one frequency
    "an LC band-stop with a 22 mH coil at 3 kHz",  # a notch's frequency: its family tunes the null exactly
])
def test_a_frequency_that_is_not_a_cutoff_or_centre_is_no_spec(text):
    assert not [s for s in read_request(text).specs if s.quantity in ("cutoff", "center", "notch")]


def test_a_band_pass_at_a_bare_frequency_takes_its_width_as_its_q():
    specs = {s.quantity: s.target for s in read_request("Series RLC band-pass, 20 kHz, 4 kHz wide.").specs}
    assert specs == {"center": pytest.approx(20e3), "q": pytest.approx(5.0)}


@pytest.mark.parametrize("text", ["op-amp buffer whose unity-gain bandwidth is 1 MHz",
                                  "non-inverting amplifier, gain 10, on an op-amp with gain-bandwidth 10 MHz"])
def test_an_op_amps_own_bandwidth_is_no_cutoff(text):
    assert not [s for s in read_request(text).specs if s.quantity == "cutoff"]


@NGSPICE
def test_a_photodiode_tias_bandwidth_said_before_its_figure_sets_its_feedback_capacitor():
    result = _served("Photodiode amplifier: 3 uA photocurrent into a transimpedance stage, 200k feedback resistor, "
                     "bandwidth 40 kHz; output q.", "transimpedance")
    run = runner.run(result.netlist, control="ac dec 100 100 10meg\nlet g = vdb(q)\nmeas ac lo find g at=100\n"
                                             "let t = lo-3\nmeas ac result when g=t\nprint result")
    assert run.ok and run.values["result"] == pytest.approx(40e3, rel=0.08), run


@NGSPICE
def test_a_butterworth_sallen_key_at_a_bare_frequency_is_designed_there():
    result = _served("Butterworth Sallen-Key high-pass, 300 Hz; input x, output y.", "active_highpass")
    assert _corner(result.netlist, "y", "x", 10, 10e3) == pytest.approx(300, rel=0.05)


# --- the RC ladder ------------------------------------------------------------------------------------------

def test_the_ladders_corner_is_its_own_not_one_sections():
    # two equal sections: H = 1/(1 + 3 sRC + (sRC)^2), -3 dB at 0.3742/(2 pi R C)
    assert ladder_corner([1.0, 1.0], [1.0, 1.0]) * 2 * math.pi == pytest.approx(0.3742, rel=1e-3)
    assert ladder_corner([1.0], [1.0]) * 2 * math.pi == pytest.approx(1.0, rel=1e-6)
    assert rc_sections("a three-stage RC low-pass") == 3
    assert rc_sections("four cascaded RC sections") == 4
    assert rc_sections("an RC ladder, sections: 5") == 5


@NGSPICE
@pytest.mark.parametrize("text,sections,out,inp", [
    ("Three-stage RC ladder low-pass with 4.7k and 100 nF in every stage, input p1, output p4.", 3, "p4", "p1"),
    ("A low-pass of two cascaded RC sections, each 22k and 4.7 nF, with no buffer between; input u, output w.",
     2, "w", "u"),
])
def test_an_rc_ladder_of_stated_parts_has_the_ladders_corner(text, sections, out, inp):
    result = _served(text, "rc_ladder_lowpass")
    values = {v.role: v.value for v in result.intent.values.values()}
    expected = ladder_corner([values["R"]] * sections, [values["C"]] * sections)
    assert _corner(result.netlist, out, inp, 1, 1e6) == pytest.approx(expected, rel=0.03)
    assert sum(line.startswith("C") for line in result.netlist.splitlines()) == sections


@NGSPICE
def test_an_rc_ladder_is_designed_for_its_cutoff():
    result = _served("Four-section RC ladder low-pass with 10 nF capacitors and a 2 kHz cutoff.", "rc_ladder_lowpass")
    assert _corner(result.netlist, "out", "in", 10, 100e3) == pytest.approx(2e3, rel=0.05)


@NGSPICE
def test_a_high_pass_rc_ladder_is_the_low_pass_ones_mirror():
    # the RC-CR transformation: the high-pass ladder's corner is the low-pass one's reflected about 1/(2 pi R C)
    assert ladder_corner([1.0] * 3, [1.0] * 3, high=True) * ladder_corner([1.0] * 3, [1.0] * 3) * (2 * math.pi) ** 2 \
        == pytest.approx(1.0, rel=1e-6)
    result = _served("Three cascaded RC high-pass sections with 10 nF capacitors and a 1 kHz corner; input a1, "
                     "output a4.", "rc_ladder_highpass")
    assert sum(line.startswith("C") for line in result.netlist.splitlines()) == 3
    assert _corner(result.netlist, "a4", "a1", 1, 1e6) == pytest.approx(1e3, rel=0.05)


@NGSPICE
@pytest.mark.parametrize("text,kind,hz", [
    ("Passive Butterworth high-pass, 3rd order, 7 MHz, 75 ohm source and load; input p, output q.",
     "lc_ladder_highpass", 7e6),
    ("Fifth-order LC ladder low-pass with Butterworth response and a 30 MHz corner, 50 ohm ends; input p, output q.",
     "lc_ladder_lowpass", 30e6),
])
def test_an_lc_ladder_has_its_corner_where_the_request_puts_it(text, kind, hz):
    result = _served(text, kind)
    # doubly terminated: the passband is 6 dB down, the corner 3 dB below that
    run = runner.run(result.netlist, control=f"ac dec 200 {hz / 100:g} {hz * 100:g}\nlet g = vdb(q)-vdb(p)+6.0206\n"
                                             "meas ac result when g=-3\nprint result")
    assert run.ok and run.values["result"] == pytest.approx(hz, rel=0.05), run


# --- the LC trap ------------------------------------------------------------------------------------------

@NGSPICE
@pytest.mark.parametrize("text,hz", [
    ("A parallel LC trap in series with the path kills 5 kHz; 22 mH inductor, 2.2k load; input src, output lo.",
     5e3),
    ("Band-stop from a parallel-resonant LC (47 nF) placed in series with the line, 20 kHz, 600 ohm load.", 20e3),
])
def test_an_lc_trap_in_series_nulls_its_frequency(text, hz):
    result = _served(text, "lc_trap_notch")
    lines = result.netlist.splitlines()
    ends = {tuple(line.split()[1:3]) for line in lines if line[:1] in "LC" and not line.startswith(".")}
    assert len(ends) == 1 and "0" not in next(iter(ends)), result.netlist  # L and C side by side, in series
    inp, out = next(iter(ends))
    assert _gain(result.netlist, out, inp, hz) < -30
    assert _gain(result.netlist, out, inp, hz / 20) > -1.5


# --- a band-pass of passive sections and a buffer ------------------------------------------------------------

@NGSPICE
def test_a_buffered_passive_band_pass_keeps_both_corners_and_its_midband():
    result = generate("Voice band-pass: passive RC high-pass at 300 Hz, a unity-gain follower, then a passive RC "
                      "low-pass at 3 kHz; input m1, output m2.")
    assert result.intent.kind == "rc_bandpass"
    assert any(line.split()[-1:] == ["opamp"] for line in result.netlist.splitlines() if line.startswith("X"))
    # midway (948 Hz) each first-order section is down by 10 log(1 + 0.1): the buffer adds no loss of its own
    assert _gain(result.netlist, "m2", "m1", 948.7) == pytest.approx(-20 * math.log10(1.1), abs=0.1)
    # at each corner its own section is 3 dB down, the other one a further 10 log(1 + 0.01)
    for corner in (300, 3e3):
        assert _gain(result.netlist, "m2", "m1", corner) == pytest.approx(-10 * math.log10(2 * 1.01), abs=0.15)


# --- the passive diode peak detector ------------------------------------------------------------------------

@NGSPICE
@pytest.mark.parametrize("text,peak", [
    ("Envelope detector: a diode into 470 nF with a 100k resistor across it, driven by a 3 V, 2 kHz sine.", 3.0),
    ("Simple peak detector from a diode and a 2.2 uF capacitor (bleed 220k); input is a 6 V peak 1 kHz sine.", 6.0),
])
def test_a_diode_peak_detector_holds_the_peak_less_a_drop(text, peak):
    result = _served(text, "diode_peak_detector")
    assert "opamp" not in result.netlist
    held, run = runner.measure(result.netlist, "tran 10u 20m", "avg v(out) from=15m to=20m")
    assert held is not None and peak - 0.9 < held < peak - 0.2, run


# --- inputs held at levels on named nodes --------------------------------------------------------------------

@NGSPICE
@pytest.mark.parametrize("text,expected", [
    ("Four-input inverting adder with equal 10k resistors: a at 0.1 V, b at 0.2 V, c at 0.3 V and d at 0.4 V; "
     "output y.", -1.0),
    ("Summing amplifier, weights 1, 2 and 4: m1 at 0.5 V, m2 at 0.25 V, m3 at 0.1 V; output y.", -1.4),
    ("Op-amp adder for u at 1 V and w at 0.3 V so that v(y) = -(0.5 v(u) + 3 v(w)); output y.", -1.4),
])
def test_a_summer_adds_each_named_input_at_its_level_and_weight(text, expected):
    result = generate(text)
    assert result.intent.kind == "summing_amplifier"
    value, run = runner.measure(result.netlist, "op", "v(y)")
    assert value == pytest.approx(expected, rel=0.02), (run, result.netlist)


@NGSPICE
@pytest.mark.parametrize("text,kind,expected", [
    ("Difference amplifier with a gain of 5; vm is held at 1.0 V and vp at 1.2 V; output q.",
     "difference_amplifier", 1.0),
    ("Three-op-amp instrumentation amplifier, gain 20, inputs biased: xn at 3 V, xp at 3.05 V; output q.",
     "instrumentation_amplifier", 1.0),
])
def test_a_difference_stage_amplifies_the_levels_its_named_inputs_are_held_at(text, kind, expected):
    result = generate(text)
    assert result.intent.kind == kind
    value, run = runner.measure(result.netlist, "op", "v(q)")
    assert value == pytest.approx(expected, rel=0.06), (run, result.netlist)


@NGSPICE
@pytest.mark.parametrize("text,expected", [
    # a summer: the stage's gain is the number of inputs, so out = the sum
    ("Non-inverting summing amplifier: a at 1 V and b at 2 V, output y.", 3.0),
    # an averager: a follower after the equal resistors
    ("Averaging amplifier with an op-amp: s1 at 0.6 V, s2 at 1.2 V, s3 at 0.3 V; output y.", 0.7),
    # a gain asked is each input's, measured with the others held: 4 from each of two is a stage gain of 8
    ("A non-inverting adder with a gain of 4, inputs u at 0.2 V and w at 0.3 V; output y.", 2.0),
])
def test_a_non_inverting_summer_keeps_the_sign_of_its_inputs(text, expected):
    result = generate(text)
    assert result.intent.kind == "noninverting_summer"
    value, run = runner.measure(result.netlist, "op", "v(y)")
    assert value == pytest.approx(expected, rel=0.02), (run, result.netlist)


@NGSPICE
@pytest.mark.parametrize("text,top,bottom", [
    # one zener: the top at VZ, the bottom a forward drop below zero
    ("Zener clipper: an 8 V peak, 500 Hz sine, a 2.2k series resistor and a 3.3 V zener.", (3.1, 3.5), (-0.85, -0.5)),
    # two back to back: both halves at VZ plus a forward drop
    ("Limit a 12 V peak 1 kHz sine with two 6.2 V zeners back to back after a 1k resistor.", (6.7, 7.05),
     (-7.05, -6.7)),
])
def test_a_zener_clipper_limits_the_sine_where_its_zeners_put_it(text, top, bottom):
    result = generate(text)
    assert result.intent.kind == "zener_clipper", result.netlist
    high, run = runner.measure(result.netlist, "tran 5u 6m", "max v(out) from=2m to=6m")
    low, _ = runner.measure(result.netlist, "tran 5u 6m", "min v(out) from=2m to=6m")
    assert high is not None and low is not None, run
    assert top[0] < high < top[1] and bottom[0] < low < bottom[1], (high, low, result.netlist)
