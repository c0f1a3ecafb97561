"""Complex CMOS gates (any AND/OR function as one static stage), the transmission-gate 2:1 multiplexer and
(below) the comparators, converters and oscillators added with them: requests in words no case file uses,
each answer simulated here with our own analyses and compared with the function computed from the request."""
import itertools
import re

import pytest

from spice_lsp.generation.intent import parse_intent
from spice_lsp.generation.pipeline import CannotServe, generate
from spice_lsp.generation.recipes.logic import _evaluate, _variables, complex_function
from spice_lsp.generation.request import read_request
from spice_lsp.ngspice import runner
from tests.measuring import measure


def _op(netlist: str, node: str) -> float:
    result = runner.run(netlist, control=f"op\nlet result = v({node})\nprint result", timeout=30)
    assert result.ok, result.errors
    return result.values["result"]


@pytest.mark.parametrize("text,function", [
    ("OAI32 cell", lambda a, b, c, d, e: not ((a or b or c) and (d or e))),
    ("an AOI211 gate", lambda a, b, c, d: not ((a and b) or c or d)),
    ("four-input NOR", lambda a, b, c, d: not (a or b or c or d)),
    ("NAND3 cell", lambda a, b, c: not (a and b and c)),
    ("z = !(p·q + r')", lambda p, q, r: not ((p and q) or not r)),
    ("f = (u + v) w", lambda u, v, w: (u or v) and w),
    ("majority logic for the adder", lambda a, b, c: a + b + c >= 2),
])
def test_the_function_read_from_a_code_an_equation_or_a_count(text, function):
    expression = complex_function(text)
    names = _variables(expression)
    for values in itertools.product((False, True), repeat=len(names)):
        assert _evaluate(expression, dict(zip(names, values))) == bool(function(*values)), values


def _vector(names, values, high):
    return ", ".join(f"{n} = {high if v else 0} V" for n, v in zip(names, values))


@pytest.mark.parametrize("code,function", [
    ("AOI22", lambda a, b, c, d: not (a and b or c and d)),
    ("OAI21", lambda a, b, c: not ((a or b) and c)),
])
def test_a_held_vector_gives_the_computed_level(code, function):
    names = ["p1", "p2", "p3", "p4"][:function.__code__.co_argcount]
    for values in [(True,) * len(names), (False, True, True, False)[:len(names)]]:
        text = (f"static CMOS {code} on a 2.5 V supply, inputs {', '.join(names[:-1])} and {names[-1]}, output q; "
                f"operating point with {_vector(names, values, 2.5)}")
        result = generate(text)
        assert result.intent.kind == "cmos_complex_gate"
        assert ".op" in result.netlist.splitlines()
        level = _op(result.netlist, "q")
        want = function(*values)
        assert (level > 2.4) if want else (level < 0.1), (values, level)
        assert result.verified, [(c.what, c.detail) for c in result.checks if c.status != "pass"]


def test_an_unheld_gate_is_checked_over_its_whole_truth_table():
    result = generate("transistor-level OAI31 gate, VDD = 3.3 V, inputs w, x, y and z, output g")
    assert result.intent.kind == "cmos_complex_gate"
    assert len(re.findall(r"^V\d+ [wxyz] 0 PULSE", result.netlist, re.MULTILINE)) == 4
    assert re.search(r"^\.tran \S+ 160n", result.netlist, re.MULTILINE)
    assert result.verified, [(c.what, c.detail) for c in result.checks if c.status != "pass"]


def _kind(text: str) -> str | None:
    try:
        return generate(text).intent.kind
    except CannotServe:
        return None


def test_a_full_adder_with_its_sum_is_not_the_carry_stage():
    assert _kind("CMOS full adder: sum and carry out, inputs a, b, cin") != "cmos_complex_gate"


@pytest.mark.parametrize("select,want", [(0.0, 0.0), (1.8, 1.8)])
def test_the_mux_passes_the_selected_input(select, want):
    result = generate(f"2-to-1 multiplexer with transmission gates, 1.8 V; data inputs x0 and x1, select line sl, "
                      f"output y. x0 = 0 V, x1 = 1.8 V, sl = {select:g} V; operating point")
    assert result.intent.kind == "tg_mux"
    assert _op(result.netlist, "y") == pytest.approx(want, abs=0.1)
    assert result.verified, [(c.what, c.detail) for c in result.checks if c.status != "pass"]


def test_a_wider_mux_is_not_answered_with_a_two_input_one():
    assert _kind("8:1 multiplexer from transmission gates") != "tg_mux"


# --- comparators ------------------------------------------------------------------------------------------------

def _driver_node(netlist: str) -> str:
    return re.search(r"^V1 (\w+) 0 ", netlist, re.MULTILINE)[1]


def test_a_zero_crossing_detector_with_hysteresis_each_side_switches_there():
    text = "zero-cross detector with +/-30 mV of hysteresis, output zz swings ±10 V, input q is a 2 V peak 200 Hz sine"
    result = generate(text)
    assert result.intent.kind == "schmitt_noninverting"
    assert [s.target for s in read_request(text).specs if s.quantity == "hysteresis"] == [pytest.approx(0.06)]
    inp = _driver_node(result.netlist)
    find = f"tran 0.5u 15m\nmeas tran x find v({inp}) when v(zz)=0 {{}}=2\nlet result = x"
    assert measure(result.netlist, find.format("rise")) == pytest.approx(0.03, abs=0.004)
    assert measure(result.netlist, find.format("fall")) == pytest.approx(-0.03, abs=0.004)


def test_a_supply_monitor_follows_its_stated_ramp_and_points():
    result = generate("Brown-out detector with output good: it is 3.3 V while vcc is fine, drops to 0 once vcc "
                      "sinks below 2.7 V and comes back when vcc climbs above 2.9 V. vcc ramps from 3.5 V to 2 V "
                      "over 4 ms and back to 3.5 V by 8 ms.")
    assert result.intent.kind == "schmitt_noninverting"
    assert re.search(r"^V1 vcc 0 PWL\(0 3\.5 4m 2 8m 3\.5\)", result.netlist, re.MULTILINE), result.netlist
    find = "tran 2u 8m\nmeas tran x find v(vcc) when v(good)=1.65 {}=1\nlet result = x"
    assert measure(result.netlist, find.format("fall")) == pytest.approx(2.7, abs=0.03)
    assert measure(result.netlist, find.format("rise")) == pytest.approx(2.9, abs=0.03)


@pytest.mark.parametrize("control,below,duty", [(1.0, True, 0.25), (3.0, False, 0.25)])
def test_a_pwm_comparator_is_high_for_the_share_its_control_sets(control, below, duty):
    side = "below the control" if below else "above the control"
    result = generate(f"PWM comparator: a 0-4 V, 5 kHz sawtooth against a {control:g} V control level; output "
                      f"pw is 0/3.3 V, high while the sawtooth is {side}. 4 ms transient.")
    assert result.intent.kind == "comparator"
    mean = measure(result.netlist, "tran 0.5u 4m\nmeas tran result avg v(pw) from=1m to=4m")
    assert mean == pytest.approx(duty * 3.3, abs=0.1)


def test_an_open_collector_comparator_flips_where_its_ramp_crosses_the_divider_threshold():
    result = generate("open-collector comparator, 2.2k pull-up to 12 V, output alarm goes high once the input "
                      "t rises above a 4 V threshold from a divider off the 12 V rail; drive t with a ramp from "
                      "0 to 8 V over 8 ms")
    assert re.search(r"^Q1 alarm ", result.netlist, re.MULTILINE), result.netlist
    when = measure(result.netlist, "tran 2u 8m\nmeas tran result when v(alarm)=6 rise=1")
    assert when == pytest.approx(4e-3, rel=0.03)


# --- converters ---------------------------------------------------------------------------------------------------

def _op_result(netlist: str, node: str) -> float:
    return measure(netlist, f"op\nlet result = v({node})")


@pytest.mark.parametrize("currents,unit,code,ohms", [((160, 80, 40, 20), "µA", "1010", 4.7e3),
                                                      ((2, 1, 0.5), "mA", "110", 1e3)])
def test_switched_currents_sum_into_the_load(currents, unit, code, ohms):
    listed = ", ".join(f"{c:g}" for c in currents[:-1]) + f" and {currents[-1]:g} {unit}"
    result = generate(f"binary weighted current-source DAC: switched current sources of {listed} into a "
                      f"{ohms / 1e3:g}k resistor at node dv; code {code}; operating point")
    assert result.intent.kind == "current_sum_dac"
    scale = 1e-6 if unit == "µA" else 1e-3
    want = ohms * scale * sum(c for c, bit in zip(currents, code) if bit == "1")
    assert _op_result(result.netlist, "dv") == pytest.approx(want, rel=0.01)


@pytest.mark.parametrize("bits,code,vref", [(4, "0110", 10.0), (5, "10001", 3.3)])
def test_the_inverted_ladder_gives_minus_rf_over_r_vref_code(bits, code, vref):
    result = generate(f"{bits}-bit inverted R-2R ladder DAC (current mode, legs switched to the op-amp's virtual "
                      f"ground), {vref:g} V reference, R = 5k, 2R = 10k, feedback 10k, code {code}, output da")
    assert result.intent.kind == "current_r2r_dac"
    want = -(10e3 / 5e3) * vref * int(code, 2) / 2 ** bits
    assert _op_result(result.netlist, "da") == pytest.approx(want, rel=0.01)


def test_the_run_up_ramps_at_vin_over_rc_from_zero():
    result = generate("integrating phase of a dual-slope ADC: integrator R = 47k, C = 220 nF, a constant 0.5 V "
                      "input; output iv; 8 ms transient")
    assert result.intent.kind == "dual_slope_run_up"
    v = measure(result.netlist, "tran 5u 8m\nmeas tran result find v(iv) at=8m")
    assert v == pytest.approx(-0.5 * 8e-3 / (47e3 * 220e-9), rel=0.02)


# --- op-amp sine oscillators ------------------------------------------------------------------------------------

def _frequency(netlist: str, node: str, stop: float, periods: int) -> float:
    """From the last `periods` rising zero crossings of a run `stop` long."""
    t = measure(netlist, f"tran {stop / 4000:g} {stop:g}\nmeas tran result trig v({node}) val=0 rise=5 "
                          f"targ v({node}) val=0 rise={5 + periods}")
    return periods / t


@pytest.mark.parametrize("text,node,f0,stop", [
    ("Bubba sine oscillator near 3 kHz, output ws, ±9 V rails", "ws", 3e3, 20e-3),
    ("Colpitts oscillator around an inverting op-amp, about 25 kHz, output cq", "cq", 25e3, 4e-3),
])
def test_an_op_amp_sine_oscillator_runs_at_its_frequency(text, node, f0, stop):
    result = generate(text)
    assert result.intent.kind in ("bubba_oscillator", "opamp_colpitts_oscillator")
    assert _frequency(result.netlist, node, stop, 20) == pytest.approx(f0, rel=0.08)
    assert result.verified, [(c.what, c.detail) for c in result.checks if c.status != "pass"]


def test_a_phase_shift_oscillator_said_to_run_near_a_frequency_is_sized_for_it():
    result = generate("RC phase shift oscillator, roughly 400 Hz, C = 33 nF, output po")
    assert _frequency(result.netlist, "po", 0.1, 20) == pytest.approx(400, rel=0.1)


def test_a_flash_front_end_takes_the_stated_taps_and_output_levels():
    result = generate("3-bit flash ADC: 7 comparators on a ladder from an 8 V reference with taps at 1, 2, 3, 4, 5, "
                      "6 and 7 V, comparator outputs each 0/3.3 V, input held at 4.5 V; operating point")
    assert result.intent.kind == "flash_adc"
    levels = [measure(result.netlist, f"op\nlet result = v(c{k})") for k in range(1, 8)]
    assert levels == pytest.approx([3.3] * 4 + [0.0] * 3, abs=0.05)


@pytest.mark.parametrize("wording,inverting", [("non-inverting", False), ("inverting", True)])
def test_a_level_shifter_lifts_the_input_to_the_high_supply(wording, inverting):
    result = generate(f"{wording} CMOS level shifter with cross-coupled PMOS, 0.9 V to 2.5 V, input li is a 2 MHz "
                      "square, output lo")
    assert result.intent.kind == "cmos_level_shifter"
    control = "tran 1n 2u\nmeas tran a find v(lo) at=1.125u\nmeas tran b find v(lo) at=1.375u\nlet result = a - b"
    assert measure(result.netlist, control) == pytest.approx(-2.5 if inverting else 2.5, abs=0.15)


def test_an_astable_with_two_named_outputs_puts_them_on_the_two_collectors():
    result = generate("transistor astable multivibrator on 6 V, 2.2k collector loads, outputs qa and qb")
    collectors = {line.split()[1] for line in result.netlist.splitlines() if line.startswith("Q")}
    assert collectors == {"qa", "qb"}


def test_a_current_dac_with_a_feedback_resistor_is_the_current_steering_dac():
    # an op-amp's feedback resistor converts the summed current: not the current DAC into a load resistor
    assert parse_intent("current-steering DAC: CODE = 5, IBIAS = 4 uA, RF = 47k").kind == "current_steering_dac"
