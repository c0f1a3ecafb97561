"""Requests that are only a level or a waveform: a zener reference divided down to a stated level and followed by
an op-amp, a bare regulator with its output level, and a clock at a node. Each answer is measured here in ngspice
against figures computed from the request's own numbers."""
from __future__ import annotations

import re

import pytest

from spice_lsp.generation.intent import parse_intent
from spice_lsp.generation.pipeline import generate
from spice_lsp.language.units import parse_number
from spice_lsp.ngspice import runner

pytestmark = pytest.mark.skipif(runner.shutil.which("ngspice") is None, reason="ngspice is not installed")


def _op(netlist: str, node: str) -> float:
    result = runner.run(netlist, control=f"op\nlet result = v({node})\nprint result", timeout=60)
    assert result.ok, result
    return result.values["result"]


@pytest.mark.parametrize("text, node, level, zener", [
    ("Divide a 6.2 V zener down to 3 V and buffer it with an op-amp follower; 15 V supply, output at ref3", "ref3",
     3.0, 6.2),
    ("need a 1.5 V reference: zener (4.7 V) off a 9 V rail, divided down, op-amp buffer, out node r15", "r15", 1.5,
     4.7),
    ("0.9 V zener reference with a divider and a follower, 5 V supply, output node half", "half", 0.9, None),
])
def test_zener_divided_down_to_the_stated_level(text: str, node: str, level: float, zener: float | None) -> None:
    result = generate(text)
    assert result.intent.kind == "buffered_zener_reference"
    assert result.verified, [c for c in result.checks if c.status == "fail"]
    assert " tap " in result.netlist  # divided, then followed: no gain stage
    if zener is not None:
        assert re.search(rf"\bvz={zener:g}\b", result.netlist)
    assert _op(result.netlist, node) == pytest.approx(level, rel=0.02)


@pytest.mark.parametrize("text, node, level", [
    ("a 2.048 V reference, 9 V battery at node bat, output at vr2", "vr2", 2.048),
    ("8 V voltage reference from a 12 V supply; output node r8", "r8", 8.0),
])
def test_a_bare_reference_with_its_level_is_a_zener_scaled_or_divided_to_it(text: str, node: str,
                                                                             level: float) -> None:
    result = generate(text)
    assert result.intent.kind == "buffered_zener_reference"
    assert result.verified, [c for c in result.checks if c.status == "fail"]
    assert _op(result.netlist, node) == pytest.approx(level, rel=0.02)


@pytest.mark.parametrize("text", [
    "a 2.5 V reference made from two equal resistors",
    "compare the input at in with a 1 V reference",
    "1.23 V bandgap reference",
    "flag when vin is higher than a 1.5 V reference",  # a level held against a reference: a comparator
    "the output swings high whenever in exceeds the 2.5 V reference",
])
def test_a_reference_of_another_kind_is_not_the_zener_reference(text: str) -> None:
    assert parse_intent(text).kind != "buffered_zener_reference"


@pytest.mark.parametrize("text, node, level", [
    ("I'd like a 5 V regulator", "out", 5.0),
    ("3.3 V regulator running off 9 V at node nine, output v33, 1k load", "v33", 3.3),
    ("regulate the 15 V input down to 9 V at node r9", "r9", 9.0),
])
def test_a_bare_regulator_with_its_level_is_the_series_regulator(text: str, node: str, level: float) -> None:
    result = generate(text)
    assert result.intent.kind == "linear_regulator"
    assert result.verified, [c for c in result.checks if c.status == "fail"]
    assert _op(result.netlist, node) == pytest.approx(level, rel=0.03)


@pytest.mark.parametrize("text", [
    "a 5 V switching regulator from 12 V",
    "12 V to 5 V buck regulator at 100 kHz",
])
def test_a_named_regulator_kind_keeps_its_own_family(text: str) -> None:
    assert parse_intent(text).kind != "linear_regulator"


_PULSE = re.compile(r"^V\w*\s+(\w+)\s+0\b.*\bPULSE\(([^)]*)\)", re.IGNORECASE | re.MULTILINE)


@pytest.mark.parametrize("text, node, low, high, freq, duty", [
    ("clock on node clkA: 0 to 1.2 V, 200 kHz, 40 % duty", "clka", 0.0, 1.2, 200e3, 0.40),
    ("Please put a 5 kHz square wave on node q, 0 to 5 V, 20 % duty", "q", 0.0, 5.0, 5e3, 0.20),
    ("a 60 Hz clock from -1 V to 1 V at node sync, 50 % duty", "sync", -1.0, 1.0, 60.0, 0.50),
])
def test_a_clock_alone_is_a_pulse_source_shown_over_periods(text: str, node: str, low: float, high: float,
                                                            freq: float, duty: float) -> None:
    result = generate(text)
    assert result.intent.kind == "clock_source"
    assert result.verified, [c for c in result.checks if c.status == "fail"]
    found = _PULSE.search(result.netlist)
    assert found and found[1].lower() == node
    v1, v2, _td, tr, tf, pw, per = (float(x) for x in found[2].split())
    assert (v1, v2) == (low, high) and per == pytest.approx(1 / freq, rel=1e-3)
    assert pw + (tr + tf) / 2 == pytest.approx(duty / freq, rel=0.01)
    tran = re.search(r"^\.tran\s+\S+\s+(\S+)", result.netlist, re.MULTILINE)
    assert tran and (parse_number(tran[1]) or 0) >= 3 / freq
    window = f"from={per:g} to={3 * per:g}"
    control = f"tran {per / 200:g} {3 * per:g}\nmeas tran result avg v({node}) {window}\nprint result"
    mean = runner.run(result.netlist, control=control, timeout=60)
    assert mean.values["result"] == pytest.approx(low + duty * (high - low), abs=0.02 * (high - low))


@pytest.mark.parametrize("text", [
    "a 1 MHz clock at clk driving a 4-bit counter",
    "op-amp astable giving a 1 kHz square wave at 25 % duty, ±10 V rails, output dq",
    "1 kHz square wave, 0 to 5 V, into an RC low-pass with R = 1k and C = 100 nF, output rc",
])
def test_a_clock_into_or_made_by_a_circuit_is_that_circuit(text: str) -> None:
    assert parse_intent(text).kind != "clock_source"


def test_a_load_named_rl_leaves_a_clock_a_clock():
    # "RL = 10k" is the clock's load, not an RL circuit it feeds
    assert parse_intent("clock source at node ck, 2 kHz, 0 to 5 V, RL = 10k").kind == "clock_source"
