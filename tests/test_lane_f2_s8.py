"""Logic, timers, comparators and oscillators in words no case file uses (lane F2, s8): an equation ended by the
sentence it sits in, a 555 at a duty cycle of half or less, a sawtooth stated as a repeating wave, an SR latch's
pulses said by their start and end, the Colpitts tank's one design helper, transient prints that stay within the
runner's output limit; answers measured here in ngspice with our own analyses."""
import re

import pytest

from spice_lsp.generation.families import _transient_probes
from spice_lsp.generation.pipeline import generate
from spice_lsp.generation.recipes.logic import _equation
from spice_lsp.generation.recipes.oscillators import _colpitts_eq, _opamp_colpitts_eq, _tank_frequency
from spice_lsp.generation.request import read_request
from spice_lsp.ngspice import runner
from tests.measuring import measure, tran_of


@pytest.mark.parametrize("text,expected", [
    ("a gate z = NOT(p*q + r) in static CMOS with p = 1.8 V",
     ("not", ("or", ("and", ("var", "p"), ("var", "q")), ("var", "r")))),
    ("build g = !(m + n) on a 5 V rail", ("not", ("or", ("var", "m"), ("var", "n")))),
    ("w = NOT(u AND v) for the test", ("not", ("and", ("var", "u"), ("var", "v")))),
])
def test_an_equation_ends_where_the_sentence_goes_on(text, expected):
    """(words of the sentence after the equation are no inputs ANDed on: 'in', 'on', 'for')"""
    assert _equation(text) == expected


def test_a_complex_gate_said_by_an_equation_then_prose_builds():
    result = generate("complex CMOS gate y = NOT(k1*k2 + k3) in CMOS on 2.5 V with k1 = k2 = 2.5 V and k3 = 0 V, op")
    assert result.netlist and "k3" in result.netlist


@pytest.mark.parametrize("duty", [0.25, 0.4, 0.5])
def test_a_555_at_half_duty_or_less_steers_its_charge_through_a_diode(duty):
    result = generate(f"555 astable, 1 kHz, {duty:.0%} duty cycle, 9 V supply")
    assert re.search(r"^D1 dis c ", result.netlist, re.MULTILINE)
    high = measure(result.netlist, f"{tran_of(result.netlist)}\nmeas tran result avg v(out) from=10m to=20m") / 9
    assert high == pytest.approx(duty, abs=0.05)
    period = measure(result.netlist, f"{tran_of(result.netlist)}\n"
                                      "meas tran result trig v(out) val=4.5 rise=5 targ v(out) val=4.5 rise=15")
    assert period / 10 == pytest.approx(1e-3, rel=0.1)


def test_a_555_above_half_duty_needs_no_diode():
    result = generate("555 astable, 1 kHz, 70 % duty cycle, 9 V supply")
    assert not re.search(r"^D1 ", result.netlist, re.MULTILINE)


def test_a_sawtooth_is_a_slow_rise_and_a_snap_back():
    source = read_request("a 2 kHz sawtooth (0 to 4 V) on node rmp feeds a PWM comparator").sources[0]
    v1, v2, _, rise, fall, width, period = source.pulse
    assert (v1, v2, period) == (0, 4, pytest.approx(0.5e-3))
    assert rise > 0.99 * period and fall + width < 0.01 * period


def test_a_square_wave_keeps_half_its_period_high():
    source = read_request("a 2 kHz square wave (0 to 4 V) on node sq feeds a PWM comparator").sources[0]
    assert source.pulse[5] == pytest.approx(0.25e-3)


def test_an_sr_latch_takes_pulses_said_by_their_start_and_end():
    result = generate("NOR-based SR latch on a 2.5 V supply: s pulses high from 3 ns to 6 ns and r pulses high "
                      "from 15 ns to 18 ns; 30 ns transient")
    tran = tran_of(result.netlist)
    assert measure(result.netlist, f"{tran}\nmeas tran result find v(q) at=2n") < 0.3
    assert measure(result.netlist, f"{tran}\nmeas tran result find v(q) at=12n") > 2.2
    assert measure(result.netlist, f"{tran}\nmeas tran result find v(q) at=25n") < 0.3


def test_the_colpitts_tanks_share_one_design():
    for equations, f0 in ((_colpitts_eq, 300e3), (_opamp_colpitts_eq, 20e3)):
        v = equations(f0, lambda role, default: default)
        assert _tank_frequency(v) == pytest.approx(f0, rel=1e-9)
    bjt = _colpitts_eq(300e3, lambda role, default: default)
    assert bjt["C2"] / bjt["C1"] == pytest.approx(4)


def test_a_fast_edged_run_prints_within_the_runners_output_limit():
    # a 40 ns clock over 1 ms: one printed line per TSTEP, not one per internal time point
    lines = _transient_probes(".tran 1u 1m", "out", [])
    deck = ("edge\nV1 out 0 PULSE(0 5 0 1n 1n 20n 40n)\nR1 out 0 1k\n.tran 1u 1m\n" + "\n".join(lines) + "\n.end\n")
    result = runner.run(deck, timeout=60)
    assert result.ok, result.errors
