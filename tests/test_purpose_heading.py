"""A purpose said first, then the circuit that serves it ("Three-channel audio mixer: inverting summing amp ...",
"Anti-aliasing filter for a 48 kS/s ADC: 4th-order Butterworth low-pass ..."): the circuit after the heading is
built; what it is for (a mixer, an ADC it feeds) is context, never "no recipe for" it. A topology named in the
heading stays a circuit of its own, and a generic noun in it must be the family's own."""
import pytest

from spice_lsp.generation.intent import parse_intent
from spice_lsp.generation.pipeline import refusal


@pytest.mark.parametrize("text,kind", [
    ("Hum filter for a guitar amplifier: active twin-T notch at 60 Hz, input a, output b", "active_twin_t_notch"),
    ("Audio mixer built as an inverting summer: inputs a and b each with gain -2, output m", "summing_amplifier"),
    ("Anti-aliasing filter ahead of a sigma-delta ADC: 2nd-order Butterworth low-pass at 10 kHz",
     "butterworth_lowpass"),
    ("Four-input mixer - summing amplifier, inputs a, b, c and d, output y", "summing_amplifier"),
    ("Smoothing filter in front of the ADC, a third-order Butterworth low-pass with its corner at 3 kHz",
     "butterworth_lowpass"),
])
def test_a_purpose_heading_is_served_by_the_circuit_named_after_it(text, kind):
    assert parse_intent(text).kind == kind
    assert refusal(text) is None


@pytest.mark.parametrize("text,phrase", [
    ("Oscillator: inverting amplifier with gain -10", "Oscillator"),  # an amplifier is no oscillator
    ("Buck converter: inverting amplifier with gain -2", "Buck converter"),
    ("Audio mixer with three inputs", "Audio mixer"),  # no circuit named after it
])
def test_a_heading_the_named_circuit_cannot_serve_is_still_refused(text, phrase):
    error = refusal(text)
    assert error is not None and f"no recipe for '{phrase}'" in str(error)


@pytest.mark.parametrize("text,phrase", [
    # the family's words name only what the circuit asked for serves: never that other circuit instead
    ("Reconstruction filter for the DAC output, 8 kHz", "Reconstruction filter"),
])
def test_a_circuit_for_another_is_never_answered_with_the_other(text, phrase):
    error = refusal(text)
    assert error is not None and f"no recipe for '{phrase}'" in str(error), error


@pytest.mark.parametrize("text", [
    "RC low-pass filter for the ADC input, 1k and 100 nF",  # the family's own words before 'for'
    "two-way active crossover for a speaker, Linkwitz-Riley, 800 Hz",  # the crossover the family accepts
    "buffer stage for a flash ADC, unity gain",  # the buffer, never the ADC it serves
    "a gate driver for a transmission gate, 5 V",  # the gate driver, never the transmission gate it drives
])
def test_a_circuit_named_before_what_it_serves_is_built(text):
    assert refusal(text) is None
    assert parse_intent(text).kind != "transmission_gate"


@pytest.mark.parametrize("text", ["Linkwitz-Riley crossover at 7870 Hz", "RC low-pass at 7812.5 Hz with 1k"])
def test_a_figure_that_reads_like_a_regulators_part_number_is_a_figure(text):
    assert refusal(text) is None  # '78xx' names a regulator only when no unit follows it


def test_a_78xx_regulator_is_still_a_circuit_we_do_not_build():
    assert "no recipe for '7805" in str(refusal("a 7805 with 10 uF caps, 12 V in"))
