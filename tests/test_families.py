"""The family registry: every record complete, and every spec a family designs met in ngspice."""
import math
import random
import re

import pytest

from spice_lsp.generation.families import FAMILIES, Family, example_intent, register, render, roles
from spice_lsp.generation.intent import _role_unit as role_unit
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
    for role in roles(kind):  # every value a builder reads has a unit the reader and the dataset know
        assert role_unit(role) is not None, role
    netlist = render(example_intent(kind)).netlist
    assert re.search(rf"^\.{family.analysis}\b", netlist, re.MULTILINE), "the default analysis is there"
    assert re.search(rf"\b{family.output}\b", netlist), "the output node is in the netlist"
    if family.noun != "oscillator":  # an oscillator has no input
        assert re.search(rf"^{family.source} ", netlist, re.MULTILINE | re.IGNORECASE), "the input source is there"


SPEC_REQUESTS = {(kind, quantity): (phrase, low, high) for kind, f in FAMILIES.items()
                 for quantity, phrase, low, high in f.examples}


def test_every_spec_a_family_designs_has_an_example_request():
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


@pytest.mark.parametrize("kind", KINDS)
def test_every_record_says_what_its_circuit_does(kind):
    # A family with no function check could silently not work and still be reported verified.
    assert FAMILIES[kind].function is not None, "a family needs a function: what its circuit must do"
    assert render(example_intent(kind)).function, "its function names at least one check on the default build"


@pytest.mark.skipif(runner.shutil.which("ngspice") is None, reason="ngspice is not installed")
@pytest.mark.parametrize("kind", KINDS)
def test_every_family_does_its_function_with_its_defaults(kind):
    result = generate(FAMILIES[kind].names[0])
    assert result.intent.kind == kind
    function = [item for item in result.checks if item.what.startswith("function:")]
    assert function and all(item.status == "pass" for item in function), (function, result.netlist)



@pytest.mark.skipif(runner.shutil.which("ngspice") is None, reason="ngspice is not installed")
def test_a_simulated_element_the_request_states_is_the_familys_not_an_added_part():
    # The gyrator's 0.5 H is R1 R2 C1; a real L1 beside it would resonate the capacitor by itself.
    result = generate("Op-amp gyrator simulating a 0.5 H inductor from node lx to ground, with a 220 nF "
                      "capacitor across it, fed from in through 4.7k")
    assert not re.search(r"^L", result.netlist, re.MULTILINE | re.IGNORECASE), result.netlist
    assert re.search(r"^C2 lx 0 220n$", result.netlist, re.MULTILINE), result.netlist
    function = [item for item in result.checks if item.what.startswith("function:")]
    f0 = 1 / (2 * math.pi * math.sqrt(0.5 * 220e-9))
    assert [f"{f0:.4g}" in item.what and item.status == "pass" for item in function] == [True], function
    assert result.verified, result.checks
