"""The family registry: every record complete, and every spec a family designs met in ngspice."""
import random
import re

import pytest

from spice_lsp.generation.families import FAMILIES, Family, register, render, example_intent
from spice_lsp.generation.intent import parse_intent
from spice_lsp.generation.pipeline import generate
from spice_lsp.ngspice import runner

KINDS = sorted(k for k in FAMILIES if k != "generic")


def test_the_registry_refuses_a_second_record_for_a_family():
    with pytest.raises(ValueError, match="registered twice"):
        register(FAMILIES["rc_lowpass"])


@pytest.mark.parametrize("kind", KINDS)
def test_every_record_is_complete(kind):
    family: Family = FAMILIES[kind]
    assert family.summary and family.names, "a family needs a summary and the names people use for it"
    assert family.analysis in ("op", "ac", "tran", "dc")
    if family.analysis == "dc":
        assert family.dc_sweep, "a DC default needs its sweep"
    for name in family.names:  # every name is read back to this family by the intent reader
        assert parse_intent(name).kind == kind, name
    netlist = render(example_intent(kind)).netlist
    assert re.search(rf"^\.{family.analysis}\b", netlist, re.MULTILINE), "the default analysis is there"
    assert re.search(rf"\b{family.output}\b", netlist), "the output node is in the netlist"
    if family.noun != "oscillator":  # an oscillator has no input
        assert re.search(rf"^{family.source} ", netlist, re.MULTILINE | re.IGNORECASE), "the input source is there"


SPEC_REQUESTS = {  # (phrase with {x}, low, high) per spec quantity: a user's request with a random target
    ("rc_lowpass", "cutoff"): ("RC low-pass filter with a cutoff of {x} Hz", 50, 200e3),
    ("rc_highpass", "cutoff"): ("RC high-pass filter, corner frequency {x} Hz", 50, 200e3),
    ("rl_lowpass", "cutoff"): ("RL low-pass filter with a 10 mH inductor, cutoff {x} Hz", 100, 100e3),
    ("rl_highpass", "cutoff"): ("RL high-pass filter with a 10 mH inductor, cutoff {x} Hz", 100, 100e3),
    ("active_lowpass", "cutoff"): ("Butterworth Sallen-Key low-pass filter, cutoff {x} Hz", 20, 20e3),
    ("active_highpass", "cutoff"): ("Sallen-Key high-pass filter, cutoff {x} Hz", 20, 20e3),
    ("rlc_bandpass", "center"): ("RLC band-pass filter with a center frequency of {x} Hz", 200, 200e3),
    ("rlc_series", "center"): ("series RLC circuit resonant at {x} Hz", 200, 200e3),
    ("rlc_notch", "notch"): ("RLC notch filter with the notch at {x} Hz", 200, 200e3),
    ("rc_oscillator", "frequency"): ("Wien bridge oscillator that oscillates at {x} Hz", 100, 20e3),
    ("phase_shift_oscillator", "frequency"): ("RC phase-shift oscillator running at {x} Hz", 100, 5e3),
    ("opamp_inverting", "gain"): ("inverting amplifier with a gain of -{x}", 1.5, 50),
    ("opamp_inverting", "gain_db"): ("inverting op-amp amplifier with {x} dB gain", 3, 30),
    ("opamp_noninverting", "gain"): ("non-inverting amplifier with a gain of {x}", 1.5, 50),
    ("opamp_noninverting", "gain_db"): ("non-inverting op-amp amplifier, {x} dB gain", 3, 30),
    ("voltage_divider", "vout"): ("voltage divider from 12 V giving {x} V out", 0.5, 11),
    ("zener_regulator", "vout"): ("zener regulator from 12 V giving {x} V output", 2.5, 9),
    ("buck_converter", "vout"): ("buck converter from 12 V with {x} V output", 3, 9),
    ("boost_converter", "vout"): ("boost converter from 5 V with {x} V output", 7, 15),
}


def test_every_spec_a_family_designs_has_a_request_here():
    designed = {(kind, quantity) for kind, f in FAMILIES.items() for quantity in f.specs}
    assert designed == set(SPEC_REQUESTS)


@pytest.mark.skipif(runner.shutil.which("ngspice") is None, reason="ngspice is not installed")
@pytest.mark.parametrize("kind,quantity", sorted(SPEC_REQUESTS))
def test_a_random_spec_is_met_in_ngspice(kind, quantity):
    phrase, low, high = SPEC_REQUESTS[(kind, quantity)]
    rng = random.Random(f"{kind}-{quantity}")
    for _ in range(2):
        target = float(f"{low * (high / low) ** rng.random():.2g}")
        result = generate(phrase.format(x=f"{target:g}"))
        assert result.intent.kind == kind
        spec = [item for item in result.checks if item.detail.startswith("measured")]
        assert spec and all(item.status == "pass" for item in spec), (phrase, target, result.checks, result.netlist)
