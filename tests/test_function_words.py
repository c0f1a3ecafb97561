"""A circuit described by what it does, not by its name, gets the family that does it.

Every wording here is new (none is a benchmark case's): the reader must carry to words it was not
written for, in any order, so each family is asked for in sentences of different shapes.
"""
import pytest

from spice_lsp.generation.function_words import read_function
from spice_lsp.generation.intent import parse_intent

PARAPHRASES = [
    # adding, subtracting
    ("With an op-amp, make the output the sum of the voltages at p and q, with the sign reversed.",
     "summing_amplifier"),
    ("Combine three input signals into one at node mix and invert the result; op-amp based.", "summing_amplifier"),
    ("Take input a away from input b and multiply the result by 5, op-amp, output at d.", "difference_amplifier"),
    # copying
    ("The output should track the input one-for-one while feeding a 50 ohm cable; use an op-amp.", "opamp_buffer"),
    ("Op-amp stage that reproduces its input voltage at node o without sagging under a 75 ohm load.",
     "opamp_buffer"),
    # log, exp
    ("An op-amp circuit whose output grows with the logarithm of the input voltage; input x, output y.",
     "log_amplifier"),
    ("I need the output to be the exponential of the input, built around an op-amp.", "antilog_amplifier"),
    # phase
    ("Delay the phase of a 500 Hz tone by 90° without changing its level, single op-amp; in to out.",
     "allpass_filter"),
    # holding a level
    ("Hold the output at 12 V even as the battery sags from 16 V to 13 V; 200 mA load.", "linear_regulator"),
    ("Keep out pinned at 3.3 V whatever the 9 V supply does, with a resistor and a 3.3 V breakdown diode.",
     "zener_regulator"),
    # switching at a level
    ("Level detector: the output snaps high once the input exceeds 1.5 V and only drops back low below 1.2 V.",
     "schmitt_noninverting"),
    ("The output goes low when the input rises above 3 V and returns high below 2 V.", "schmitt_inverting"),
    ("Flip the output to logic high whenever the input is above 1 V, otherwise logic low.", "comparator"),
    # frequencies
    ("Strip off the DC and pass only frequencies from 100 Hz upward; in to out.", "rc_highpass"),
    ("Remove everything beyond 3 kHz but let the bass pass, with a 10 nF capacitor; in to out.", "rc_lowpass"),
    ("Anything below 40 Hz should be blocked; a resistor and a capacitor between a and b.", "rc_highpass"),
    ("Let through only signals between 1 kHz and 5 kHz, in to out.", "rlc_bandpass"),
    # currents and voltages
    ("Turn a sensor's output current into a proportional voltage, 10 mV per µA, using an op-amp.", "transimpedance"),
    ("Convert a control voltage into a load current, 1 mA per volt, with an op-amp.", "voltage_to_current_converter"),
    # waveshaping
    ("Keep only the positive half-cycles of a 5 V sine at in; 1k load.", "half_wave_rectifier"),
    ("Using op-amps, flip the negative halves of the input up so the output is never below zero.",
     "precision_full_wave_rectifier"),
    ("Remember the highest voltage the input has reached, with an op-amp and a capacitor.", "peak_detector"),
    ("With an op-amp, integrate the input so that a constant 1 V in ramps the output down.", "opamp_integrator"),
    ("Op-amp circuit whose output is proportional to the rate of change of the input.", "practical_differentiator"),
    ("Make a triangle wave out of a 1 kHz square wave at in, with an op-amp.", "opamp_integrator"),
    # running by itself
    ("An op-amp circuit that produces a steady 1 kHz sine wave on its own; output out.", "rc_oscillator"),
    ("With one op-amp, generate a square clock at 10 kHz by itself.", "relaxation_oscillator"),
    # gains and fractions
    ("Magnify the signal 3.3 times without inverting it, op-amp, in to out.", "opamp_noninverting"),
    ("Reduce the 24 V rail to a quarter of its value with a resistor pair; tap node t.", "voltage_divider"),
    # a second set, written after the reader, each class in words it was not tuned on
    ("I need the output to mirror the input voltage exactly, with enough muscle for an 8 ohm speaker; op-amp.",
     "opamp_buffer"),
    ("Output = -(va + vb + vc), with an op-amp.", "summing_amplifier"),
    ("Only allow the positive part of the waveform at in through to out, with a diode and a 1k load.",
     "half_wave_rectifier"),
    ("Turn the sawtooth at in into a square wave with an op-amp.", "practical_differentiator"),
    ("Change the sign of the signal at in, keeping its size; op-amp.", "opamp_inverting"),
    ("Let me know when the sensor voltage at s goes over 4 V, using one op-amp.", "comparator"),
    # a third set: terse engineering shorthand and long-winded prose
    ("vout = -5 * vin using an opamp", "opamp_inverting"),
    ("vout = va - vb, opamp", "difference_amplifier"),
    ("ac couple the signal at in to out, 10 Hz corner", "rc_highpass"),
    ("I'd like a wee circuit which, given a wobbly supply of between 7 and 12 volts, delivers a rock-steady 5 volts "
     "to my gadget drawing 20 mA", "linear_regulator"),
    ("Please arrange for the output to swing to the positive rail whenever the input exceeds the 1.2 V reference, "
     "and to the negative rail otherwise", "comparator"),
    ("I want a square wave of 2 kHz out of an op-amp with nothing driving it", "relaxation_oscillator"),
    ("Convert 0-20 mA loop current into 0-5 V for an ADC, op-amp", "transimpedance"),
    ("Combine the left and right audio channels into one mono output, op-amp", "summing_amplifier"),
    ("The output lags behind the input with a 1 ms time constant: one resistor and one capacitor.", "rc_lowpass"),
]


@pytest.mark.parametrize(("text", "kind"), PARAPHRASES)
def test_a_function_said_in_new_words_gets_its_family(text, kind):
    intent = parse_intent(text)
    assert intent.kind == kind
    # the choice is said as an assumption: the words read and the circuit they were read as
    assert intent.reading and " read as " in intent.reading


@pytest.mark.parametrize("text", [
    "R1 = 1k from in to out, C1 = 100n from out to 0, AC 1 at in, sweep 10 Hz to 1 MHz.",
    "Sweep VIN on a logarithmic scale from 1 to 10 V; R1 = 10k from vin to 0.",
    "E1 is a voltage-controlled voltage source with gain 10 from a to b; V1 = 0.1 V at a.",
    "Two supplies: VP = +12 V at node p and VN = -12 V at node n; R1 = 10k from p to mid.",
    "F1 makes 20 times the current in VS flow into node o; RO = 1k from o to ground.",
    "The triangle at in is 1 V peak, 2 kHz; R1 = 1k from in to out; simulate 5 ms.",
    "V1 = 5 V DC at a, R1 = 2k from a to b, R2 = 3k from b to 0; add a 10k load from b to 0.",
    "An amplifier.",
])
def test_parts_levels_and_analyses_read_as_no_function(text):
    assert read_function(text.lower()) is None


def test_the_order_of_the_words_does_not_matter():
    """The same function said with its clauses swapped reads the same."""
    a = read_function("block the dc and let everything above 20 hz through")
    b = read_function("let everything above 20 hz through and block the dc")
    assert a is not None and b is not None and a.circuit == b.circuit == "high-pass filter"


def test_both_sides_cut_is_a_band_pass():
    reading = read_function("block dc and also cut everything above 20 khz, in to out")
    assert reading is not None and reading.circuit == "band-pass filter"


def test_out_of_phase_is_an_inversion_not_a_phase_shifter():
    assert parse_intent("Op-amp stage: the output is the input times three, 180 degrees out of phase.").kind \
        == "opamp_inverting"


def test_a_reading_confirmed_by_the_requests_own_figure_is_verified():
    """The corner the request states is measured on the filter its words were read as."""
    from spice_lsp.generation.pipeline import generate
    result = generate("One resistor and one capacitor that let the bass pass and start cutting everything above "
                      "roughly 1.5 kHz; in to out.")
    assert result.intent.kind == "rc_lowpass" and result.verified
    assert any("read as a low-pass filter" in a for a in result.assumptions)  # said with the answer
    assert any(c.status == "pass" and c.detail.startswith("measured") and "cutoff" in c.detail for c in result.checks)


def test_a_reading_nothing_stated_confirms_is_not_verified():
    """A square turned into a triangle is read as an integrator, but the request states nothing measured on it
    (its own figures are the input's): the answer works as an integrator and is still not verified."""
    from spice_lsp.generation.pipeline import generate
    result = generate("With an op-amp, make a triangle out of the square wave at in (1 kHz, 2 V peak to peak); "
                      "output out.")
    assert result.intent.kind == "opamp_integrator" and not result.verified
    assert [c.what for c in result.checks if c.status != "pass"] == [result.intent.reading]


# --- a function reading carries the quantities its words state -------------------------------------------------
# Each class that failed again on fresh words (blocking DC into a load, holding a peak, removing a narrow band,
# photocurrent to volts, scaling one range onto another, keeping a rail whatever the input does, a gate's truth
# table in words) is asked for here in new sentences: the family AND the figures the circuit is designed to.

from spice_lsp.generation.function_words import function_specs, stated  # noqa: E402
from spice_lsp.generation.pipeline import generate  # noqa: E402
from spice_lsp.generation.request import read_request  # noqa: E402


def _specs(text: str) -> dict[str, tuple[float, str | None]]:
    return {s.quantity: (s.target, s.bound) for s in read_request(text).specs if s.quantity != "flat"}


@pytest.mark.parametrize("text, load, edge", [
    ("Feed the guitar signal at gtr into a 47k amplifier input while keeping its DC off it; everything down to "
     "40 Hz must stay within 3 dB.", 47e3, 40.0),
    ("Couple the source at s1 into a 2.2k load, blocking the DC; audio from 100 Hz upward should get through.",
     2.2e3, 100.0),
])
def test_blocking_dc_into_a_load_sizes_the_capacitor_from_the_load_and_the_lowest_frequency(text, load, edge):
    intent = parse_intent(text)
    assert intent.kind == "rc_highpass" and intent.values["R"].value == load  # the load is the high-pass's R
    assert _specs(text)["cutoff"] == (edge, "max")  # the corner at or below the lowest frequency passed
    result = generate(text)
    corner = next(c for c in result.checks if "cutoff" in c.detail)  # measured: at or below the edge
    assert corner.status == "pass", corner
    assert f"R1 out 0 {load / 1e3:g}k" in result.netlist


@pytest.mark.parametrize("text", [
    "Make out a DC voltage equal to the crest of the 3 V, 500 Hz sine at in, with an op-amp; ±15 V rails, 20 ms "
    "transient.",
    "The output should sit at the highest value the 1.5 V, 2 kHz sine at in reaches; op-amp on ±9 V, 10 ms "
    "transient.",
    "Turn the 1 kHz sine at in into a steady level equal to its peak, accurate to within 50 mV; ±12 V supplies.",
])
def test_a_steady_level_equal_to_the_peak_is_a_peak_detector(text):
    intent = parse_intent(text)
    assert intent.kind == "peak_detector"
    assert "VDD" not in intent.values or intent.values["VDD"].value >= 9  # a tolerance is no supply


def test_a_stated_tolerance_is_no_level():
    said = stated("turn the sine into a steady level equal to its peak, accurate to better than 0.1 v")
    assert [(s.what, s.value) for s in said] == [("tolerance", 0.1)]


@pytest.mark.parametrize("text, f0, kept", [
    ("Take out a thin slice of spectrum centred on 60 Hz, leaving 6 Hz and 600 Hz nearly unchanged; resistors "
     "and capacitors only, in to out.", 60.0, {6.0, 600.0}),
    ("Kill the 400 Hz whine between in and out with passive parts, letting 40 Hz and 4 kHz through almost "
     "untouched.", 400.0, {40.0, 4000.0}),
])
def test_a_narrow_band_removed_is_a_notch_at_it_with_the_kept_frequencies_measured(text, f0, kept):
    assert parse_intent(text).kind == "twin_t_notch"  # no inductor named: the R-C notch
    specs = read_request(text).specs
    assert [s.target for s in specs if s.quantity == "notch"] == [f0]
    assert {s.at for s in specs if s.quantity == "flat"} == kept
    assert not [s for s in specs if s.quantity == "center"]  # the band's centre is the notch
    assert generate(text).verified


@pytest.mark.parametrize("text, rf, vout", [
    ("Convert the photodiode's current to a voltage, 2 V per 20 uA, with its node held at virtual ground; a 20 uA "
     "current source into in stands for the photodiode.", 100e3, 2.0),
    ("Light to volts: 0.5 V for each microamp from the photodiode, with an op-amp; a 4 uA current source into in "
     "stands for it.", 500e3, 2.0),
])
def test_photocurrent_to_volts_is_a_transimpedance_sized_from_its_ratio(text, rf, vout):
    intent = parse_intent(text)
    assert intent.kind == "transimpedance"
    assert intent.values["RF"].value == pytest.approx(rf) and "VDD" not in intent.values  # "2 V per" is no supply
    assert _specs(text)["vout"][0] == pytest.approx(vout)


@pytest.mark.parametrize("text, gain", [
    ("The thermometer gives 0 to 2 V at in; I need the same signal spanning 0 to 10 V at out, same polarity.", 5.0),
    ("Map 0-0.5 V from the sensor onto 0-4 V for the next stage, not inverted; in to out, with an op-amp.", 8.0),
])
def test_one_range_scaled_onto_another_is_a_non_inverting_gain(text, gain):
    assert parse_intent(text).kind == "opamp_noninverting"
    assert _specs(text) == {"gain": (gain, None)}  # the ends of the ranges are no output levels


@pytest.mark.parametrize("text, vout, top", [
    ("Hold out at 3.3 V no matter what the supply does between 5 V and 9 V, 33 ohm load.", 3.3, 9.0),
    ("The output must stay at 12 V while the input wanders anywhere from 15 to 20 V; 200 ohm load.", 12.0, 20.0),
])
def test_a_rail_kept_whatever_the_input_does_is_regulated_from_the_top_of_its_range(text, vout, top):
    intent = parse_intent(text)
    assert intent.kind == "linear_regulator"
    assert intent.values["VDD"].value == top and not intent.extra_values  # the range is the input's, all read
    assert _specs(text)["vout"] == (vout, None)  # the level held is the output's, no supply
    assert generate(text).verified


@pytest.mark.parametrize("text, kind", [
    ("Using only MOSFETs, out is high only when both a and b are high, 3.3 V supply.", "cmos_and"),
    ("With MOSFETs, y goes low only while both p and q are high.", "cmos_nand"),
    ("Using CMOS, out goes low when either a or b is high.", "cmos_nor"),
    ("Transistors only: q is high whenever either input is high.", "cmos_or"),
])
def test_a_gate_said_by_its_truth_table(text, kind):
    intent = parse_intent(text)
    assert intent.kind == kind and "read as a" in (intent.reading or "")


def test_specs_of_a_function_are_read_only_where_its_words_state_them():
    # a plain filter request states no function figures; a range in an analysis is no input range
    assert function_specs("rc low-pass filter, r = 1k, c = 100n, ac sweep 10 hz to 1 mhz") == []
    assert stated("sweep vin from 0 to 5 v, common-emitter amplifier") == []


@pytest.mark.parametrize("text, output", [
    ("Keep node vreg at 3.3 V however the input moves between 5 and 9 V; 100 ohm load.", "vreg"),
    ("The photodiode's current into a voltage at node pv, 1 V per 5 uA, op-amp.", "pv"),
    ("With MOSFETs only, make q go high only while both a and b are high.", "q"),
])
def test_the_node_a_function_is_said_at_is_the_output(text, output):
    assert read_request(text).output == output  # the answer is built and measured there, not at the family's out


@pytest.mark.parametrize("text, source, load", [
    ("The line-level source at mx has DC on it; keep that DC off a 22k input resistance from dsp to ground, passing "
     "everything above 30 Hz within 3 dB.", "mx", "dsp"),
    ("AC-couple the signal at s into a 1k load from l to ground; nothing from 200 Hz up may drop by more than 3 dB.",
     "s", "l"),
])
def test_dc_kept_off_a_load_is_built_from_the_source_node_into_the_load_node(text, source, load):
    request = read_request(text)
    assert (request.input, request.output) == (source, load)
    result = generate(text)
    assert f"C1 {source} {load} " in result.netlist
    assert result.verified, [c for c in result.checks if c.status != "pass"]


@pytest.mark.parametrize("text, kind, quantity, target", [
    ("Suppress a narrow band around 1 kHz between a and b, keeping 100 Hz and 10 kHz nearly untouched, no op-amps.",
     "twin_t_notch", "notch", 1000.0),  # "no op-amps" names no active notch
    ("Keep out at 9 V even as the battery falls from 14 V to 11 V, 90 ohm load.", "linear_regulator", "vout", 9.0),
    ("Block the DC on the signal at s while passing 50 Hz and up into a 4.7k load (4.7k from l to ground).",
     "rc_highpass", "cutoff", 50.0),
])
def test_the_figure_a_function_states_beats_a_reader_of_its_neighbouring_words(text, kind, quantity, target):
    assert parse_intent(text).kind == kind
    assert [s.target for s in read_request(text).specs if s.quantity == quantity] == [target]


def test_diodes_said_to_limit_a_signal_name_the_clipper():
    # "limit ... using diodes" names the diode limiter by its own rule (a family name, no reading of a function)
    assert parse_intent("Limit the output swing so it never goes above 2 V, using diodes; a 5 V sine drives in."
                        ).kind == "diode_clipper"
