"""Family choice (lane C3): polarity kept when said with 'polarity' or 'phase' ("without changing its polarity",
"no change of polarity" are no inverting amplifier); a device named for the disturbance a filter removes ("filter
motor noise", "relay hum") is no circuit to build; the input of what the circuit serves ("on one input of a
comparator") and a device it feeds ("feeding a mixer") do not choose the family; a part modelled BY a source
("the photocurrent is modelled by a current source") is a part, not a circuit asked for."""
import pytest

from spice_lsp.generation.adapt import corpus_entries, find
from spice_lsp.generation.intent import parse_intent, polarity
from spice_lsp.generation.pipeline import refusal


@pytest.mark.parametrize("text,kind,sign", [
    ("Quadruple the voltage at a onto b with an op-amp, without changing its polarity, ±9 V", "opamp_noninverting",
     "non-inverting"),
    ("gain of 6 op-amp stage, no change in polarity, in to y, ±15 V", "opamp_noninverting", "non-inverting"),
    ("op-amp from sig to amp that must not reverse the phase, x2, ±5 V", "opamp_noninverting", "non-inverting"),
    ("Op-amp stage that reverses the polarity of the signal at p with a gain of 3, output q, ±12 V",
     "opamp_inverting", "inverting"),
])
def test_polarity_said_with_polarity_or_phase(text, kind, sign):
    assert parse_intent(text).kind == kind
    assert polarity(text.lower()) == sign


@pytest.mark.parametrize("text,kind", [
    ("Passive RC low-pass to knock down the motor whine, corner 800 Hz, a to b", "rc_lowpass"),
    ("RC high-pass removing transformer hum, fc 120 Hz, node x to node y", "rc_highpass"),
    ("single RC low-pass against relay spikes on the sense line, 3 kHz, in to out", "rc_lowpass"),
])
def test_a_device_named_for_its_disturbance_is_no_circuit(text, kind):
    assert parse_intent(text).kind == kind
    assert refusal(text) is None


def test_a_device_named_as_a_circuit_is_still_refused():
    error = refusal("Stepper motor controller with microstepping, 24 V")
    assert error is not None and "no recipe for" in str(error)


@pytest.mark.parametrize("text,kind", [
    ("RC high-pass at the input of the comparator, 50 Hz corner, in to out", "rc_highpass"),
    ("An RC low-pass across the inverting input of a comparator, cutoff 2.2 kHz, from s to t", "rc_lowpass"),
    ("Inverting op-amp amplifier with a gain of -2 feeding a mixer, in to out, ±15 V", "opamp_inverting"),
])
def test_what_the_circuit_feeds_does_not_choose_it(text, kind):
    assert parse_intent(text).kind == kind
    assert refusal(text) is None


@pytest.mark.parametrize("text,kind", [
    ("Transimpedance amplifier, 47k feedback; its 20 uA photocurrent is modelled by a current source, output out, "
     "±12 V", "transimpedance"),
    ("Photodiode with a 10k load resistor from pd to ground, cathode on 5 V, and 50 µA of light current represented "
     "by a current source. Op point.", "photodiode"),
    ("reverse-biased photodiode, 100k to ground at node k, 9 V bias; photocurrent of 5 uA simulated with a current "
     "source", "photodiode"),
])
def test_a_source_standing_for_a_sensor_is_a_part(text, kind):
    assert parse_intent(text).kind == kind
    assert refusal(text) is None


@pytest.mark.parametrize("text,phrase", [
    ("The sensor loop current arrives at node lp; at 20 mA the ADC must read 3 V.", "ADC"),
    ("A DAC output at node d drives 1k to ground; op point.", "DAC"),
])
def test_a_code_model_identifier_names_no_corpus_circuit(text, phrase):
    # "Code Model Test - DC: d_osc, dac_bridge, adc_bridge" is an XSPICE test deck, no ADC or DAC circuit
    found = find(text, phrase)
    assert found is None or "bridge" not in corpus_entries()[found[0]]["description"]
