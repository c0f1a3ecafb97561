"""A single step at a time is no square wave (a frequency in its sentence is another part's), a node stepped at a
time ("x jumps from 0 to 2 V at t = 3 ms") is driven there, and "plus" joins unnamed parts like "and"."""
import pytest

from spice_lsp.generation.request import read_request


@pytest.mark.parametrize(("text", "node", "levels", "delay"), [
    ("A 4 V step at 30 us into an RC low-pass with a 7 kHz corner, input ka, output kb; run 600 us.", "ka",
     (0.0, 4.0), 30e-6),
    ("High-pass RC, fc = 250 Hz, input hp_i, output hp_o, driven by a 1.2 V step at 2 ms; simulate 8 ms.", "hp_i",
     (0.0, 1.2), 2e-3),
    ("RC low-pass, R = 4.7k, C = 220n, input sw, output fl; sw jumps from 0 to 5 V at t = 2 ms; run 20 ms.", "sw",
     (0.0, 5.0), 2e-3),
    ("lowpass with 3 kHz cutoff, input drv rises from 1 V to 2.5 V at 0.4 ms, output o9, 3 ms transient", "drv",
     (1.0, 2.5), 0.4e-3),
])
def test_a_step_at_a_time_is_one_edge(text: str, node: str, levels: tuple[float, float], delay: float) -> None:
    pulses = [s for s in read_request(text).sources if s.pulse]
    assert len(pulses) == 1
    v1, v2, td, _, _, pw, per = pulses[0].pulse
    assert (v1, v2) == pytest.approx(levels)
    assert td == pytest.approx(delay)
    assert per is None and pw is None  # one edge: no period taken from the filter's corner
    assert pulses[0].node in (node, None)


def test_a_square_wave_keeps_its_frequency() -> None:
    text = "RC low-pass, R = 10k, C = 10n, input a2, output b2, driven by a 0 to 3 V square wave at 200 Hz; run 20 ms."
    pulse = next(s.pulse for s in read_request(text).sources if s.pulse)
    assert pulse[6] == pytest.approx(1 / 200)


def test_a_rising_output_is_no_source() -> None:
    text = "RC low-pass, fc 1 kHz, input a3, output b3; the output b3 rises from 0 to 1 V at 1 ms."
    assert not [s for s in read_request(text).sources if s.node == "b3"]


@pytest.mark.parametrize(("text", "parts"), [
    ("just 6.8k from m1 to m2 plus 47n from m2 to gnd, AC 1 V on m1",
     [("R", ("m1", "m2"), 6.8e3), ("C", ("m2", "0"), 47e-9)]),
    ("150 ohm from t1 to t2 plus 330 ohm from t2 to ground plus 10u from t2 to 0; 9 V DC at t1; op",
     [("R", ("t1", "t2"), 150.0), ("R", ("t2", "0"), 330.0), ("C", ("t2", "0"), 10e-6)]),
    ("2.2 mH between w1 and w2, plus 100 nF from w2 to ground; 1 V AC at w1",
     [("L", ("w1", "w2"), 2.2e-3), ("C", ("w2", "0"), 100e-9)]),
])
def test_plus_joins_unnamed_parts(text: str, parts: list) -> None:
    found = [(e.kind, e.nodes, e.value) for e in read_request(text).elements]
    assert [(k, n) for k, n, _ in found] == [(k, n) for k, n, _ in parts]
    assert [v for _, _, v in found] == pytest.approx([v for _, _, v in parts])
