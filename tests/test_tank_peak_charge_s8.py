"""Lane G2 (s8): a tank circuit with a stated Q, a tank whose inductor is given (its capacitor is the part trimmed),
a charge amplifier's feedback capacitor, a peak detector with a stated reset, a sample-and-hold whose input and
window are said in other words. Expectations come from the circuits' equations and are measured on the answers."""
import pytest

from spice_lsp.generation.pipeline import generate
from spice_lsp.ngspice import runner
from tests.measuring import measure, part_value

pytestmark = pytest.mark.skipif(runner.shutil.which("ngspice") is None, reason="ngspice is not installed")


def _function_passes(result) -> bool:
    function = [c for c in result.checks if c.what.startswith("function:")]
    return bool(function) and all(c.status == "pass" for c in function)


@pytest.mark.parametrize("text,hz,q", [
    ("resonant LC tank, 50 kHz, Q = 12, driven via 220k", 50e3, 12.0),
    ("parallel tank with a 47 uH coil at 700 kHz, Q about 25, fed from a 330k resistor", 700e3, 25.0),
])
def test_a_tank_has_the_stated_q_even_when_its_feed_resistor_alone_would_leave_it_sharper(text, hz, q):
    result = generate(text)
    assert result.intent.kind == "lc_tank"
    sweep = f"ac lin 4001 {hz / 2:g} {hz * 2:g}\nlet h = vdb(out) - vecmax(vdb(out))\n"
    width = measure(result.netlist, sweep + "meas ac bw trig h val=-3 rise=1 targ h val=-3 fall=1\nlet result = bw")
    assert width == pytest.approx(hz / q, rel=0.1)
    peak = measure(result.netlist, sweep + "meas ac fp when h=-0.001 rise=1\nlet result = fp")
    assert peak == pytest.approx(hz, rel=0.01)  # an L the request gives leaves C to be trimmed, not E24-rounded
    assert any("bandwidth" in c.what and c.status == "pass" for c in result.checks), result.checks


def test_a_charge_amplifiers_feedback_capacitor_is_its_feedback_capacitor():
    result = generate("piezo charge amp using a 2.2 nF feedback capacitor")
    assert result.intent.kind == "charge_amplifier"
    assert part_value(result.netlist, "C2") == pytest.approx(2.2e-9)  # C2: from the summing node n to out
    assert _function_passes(result), result.checks


def test_a_peak_detector_empties_at_the_stated_reset_and_catches_the_peak_again():
    result = generate("peak hold circuit, 1.5 V 2 kHz sine in, reset at 3 ms lasting 50 us, 6 ms transient")
    assert result.intent.kind == "peak_detector"
    tran = "tran 1u 6m\n"
    during = measure(result.netlist, tran + "meas tran v find v(out) at=3.025m\nlet result = v")
    after = measure(result.netlist, tran + "meas tran v max v(out) from=3.05m to=6m\nlet result = v")
    assert abs(during) < 0.1
    assert 0.95 * 1.5 < after < 1.02 * 1.5
    assert _function_passes(result), result.checks


def test_a_sample_and_hold_holds_the_value_its_stated_ramp_had_when_the_window_closed():
    result = generate("track and hold: the input climbs from 0 to 2 V in 4 ms, the switch is closed until 1 ms")
    assert result.intent.kind == "sample_and_hold"
    held = measure(result.netlist, "tran 1u 4m\nmeas tran v find v(out) at=3m\nlet result = v")
    assert held == pytest.approx(0.5, abs=0.03)  # 2 V/4 ms x 1 ms
    assert _function_passes(result), result.checks
