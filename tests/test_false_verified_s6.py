"""False "verified" classes found on fresh requests (round 6), each in new wordings: an AC sweep's stated spacing,
parts said in series between two nodes, a source said to be an AC source, a node named after "rail"/"output", a
reservoir capacitor nobody asked for, a ripple-band edge measured as a -3 dB point, a band-pass centre held to what
its Q allows, and one chip's own silicon asked for. Each test asks for the honest outcome computed from the answer:
what the request states holds in the netlist (measured in ngspice where it is a response), or the answer is not
verified, or the request is refused with "no recipe for"."""
import re

import pytest

from spice_lsp.generation.pipeline import CannotServe, generate
from spice_lsp.language.units import parse_number
from spice_lsp.ngspice import runner


def _lines(netlist: str, letter: str) -> list[list[str]]:
    return [line.split() for line in netlist.splitlines()
            if line[:1].upper() == letter and not line.startswith((".", "*"))]


def _ac_sweeps(netlist: str) -> list[list[str]]:
    return [line.lower().split()[1:] for line in netlist.splitlines() if line.lower().startswith(".ac ")]


def _ground(node: str) -> str:
    return "0" if node.lower() in ("0", "gnd", "ground") else node.lower()


@pytest.mark.parametrize(("text", "spacing", "count"), [
    ("RC low-pass with R1 2.2k from vi to vo and C1 47 nF from vo to ground, 1 V AC at vi. "
     "Sweep the AC response from 50 Hz to 50 kHz, 6 points in each octave.", "oct", 6),
    ("RC high-pass: C1 10 nF from p to q, R1 15k from q to ground, AC 1 V at p. Frequency response "
     "in octave steps from 20 Hz to 20 kHz with 4 points per octave.", "oct", 4),
    ("Divider R1 1k from s to m, R2 1k from m to ground, 1 V AC at s; AC analysis 1 kHz to 9 kHz, linear, 9 points.",
     "lin", 9),
])
def test_an_ac_sweeps_stated_spacing_is_in_the_answer_when_verified(text, spacing, count):
    result = generate(text)
    if result.verified:
        assert any(args[0] == spacing and parse_number(args[1]) == count for args in _ac_sweeps(result.netlist)), \
            result.netlist


@pytest.mark.parametrize(("text", "parts", "ends"), [
    ("Notch trap: R1 680 from drive to nx, then L1 4.7 mH and C1 220 nF in series from nx to ground, "
     "1 V AC at drive. AC sweep 500 Hz to 20 kHz.", ("L1", "C1"), ("nx", "0")),
    ("R1 1k from a to b, and R2 2k and L2 1 mH in series between b and ground; 5 V DC at a. Operating point.",
     ("R2", "L2"), ("b", "0")),
])
def test_parts_said_in_series_make_one_path_through_an_inner_node_when_verified(text, parts, ends):
    result = generate(text)
    if not result.verified:
        return
    placed = {w[0].upper(): [_ground(n) for n in w[1:3]] for w in _lines(result.netlist, "R") +
              _lines(result.netlist, "L") + _lines(result.netlist, "C")}
    first, second = (placed[p] for p in parts)
    inner = set(first) & set(second)
    assert inner and not inner & set(ends), result.netlist
    assert {*first, *second} - inner == set(ends), result.netlist


@pytest.mark.parametrize("text", [
    "Tank on node lc: L1 1 mH, C1 10 nF and R1 10k, each from lc to ground, fed by I1, an AC current source "
    "of 2 mA into lc. AC sweep 20 kHz to 80 kHz.",
    "Resistor R1 4.7k from n1 to ground driven by an AC current source I2 of 100 uA into n1; AC analysis 10 Hz to "
    "10 kHz.",
])
def test_an_ac_current_source_carries_an_ac_value_when_verified(text):
    result = generate(text)
    if result.verified:
        assert any(re.search(r"\bac\s+[-+.\d{]", " ".join(w), re.IGNORECASE) for w in _lines(result.netlist, "I")), \
            result.netlist


@pytest.mark.parametrize(("text", "node"), [
    ("Full-wave bridge from a 12 V peak, 60 Hz source between w1 and w2 to a smoothed rail vplus, negative side "
     "to ground. Load 220 ohm. Simulate 200 ms.", "vplus"),
    ("Half-wave rectifier: a 9 V peak 50 Hz sine at src, one diode into the DC bus hv (470 uF reservoir, 1k load). "
     "Simulate 100 ms.", "hv"),
])
def test_a_node_named_after_rail_or_bus_is_in_the_answer_when_verified(text, node):
    result = generate(text)
    if result.verified:
        nodes = {n.lower() for letter in "RCDVIQ" for w in _lines(result.netlist, letter) for n in w[1:3]}
        assert node in nodes, result.netlist


@pytest.mark.parametrize("text", [
    "Bridge rectifier from a 10 V peak 50 Hz sine between a1 and a2, output out, 2.2k load. Simulate 60 ms.",
    "Four-diode full-wave rectifier, 15 V peak 60 Hz between t1 and t2, load 1k from out to ground. Run 50 ms.",
])
def test_a_rectifier_with_no_capacitor_asked_has_none_when_verified(text):
    result = generate(text)
    if result.verified:
        assert not _lines(result.netlist, "C"), result.netlist


def test_a_rectifier_with_its_reservoir_asked_is_not_held_for_the_capacitor():
    result = generate("Bridge rectifier from a 10 V peak 50 Hz sine between a1 and a2 with a 470 uF smoothing "
                      "capacitor and a 1k load at out. Simulate 100 ms.")
    assert not any("does not ask for" in c.detail for c in result.checks)


def _ac_db(netlist: str, node: str, frequencies: list[float]) -> list[float]:
    """vdb(node) at each frequency, from the answer's own deck run once per frequency."""
    found = []
    for f in frequencies:
        deck = "\n".join(line for line in netlist.splitlines() if line.strip().lower() != ".end"
                         and not line.lower().startswith((".ac ", ".tran", ".print", ".op"))) + "\n.end\n"
        run = runner.run(deck, control=f"ac lin 3 {f * 0.999} {f * 1.001}\n"
                         f"let g = db(v({node}))\nlet result = g[1]\nprint result", timeout=20)
        assert run.ok, run.errors
        found.append(run.values["result"])
    return found


@pytest.mark.parametrize(("text", "edge", "ripple"), [
    ("Second-order Chebyshev low-pass, 0.5 dB ripple, ripple-band edge 2 kHz, Sallen-Key, unity gain.", 2e3, 0.5),
    ("Chebyshev low-pass of order 2 with 1 dB ripple whose passband edge is 800 Hz, unity gain Sallen-Key.",
     800.0, 1.0),
    ("Chebyshev low-pass of order 2 with 1 dB ripple and a 3 kHz ripple band edge, unity gain Sallen-Key.", 3e3, 1.0),
])
def test_a_ripple_band_edge_is_where_the_gain_is_down_by_the_ripple_when_verified(text, edge, ripple):
    result = generate(text)
    if result.verified:
        below = _ac_db(result.netlist, "out", [edge * k / 20 for k in range(1, 21)])
        assert abs(max(below) - below[-1] - ripple) <= 0.3, result.netlist


def test_a_ripple_band_edge_said_before_its_noun_is_designed_as_that_edge():
    result = generate("Two-pole Chebyshev low-pass, 0.5 dB ripple, with a 4 kHz ripple-band edge, Sallen-Key, "
                      "unity gain, from p to q.")
    below = _ac_db(result.netlist, "q", [4e3 * k / 20 for k in range(1, 21)])
    assert abs(max(below) - below[-1] - 0.5) <= 0.3, result.netlist


@pytest.mark.parametrize(("text", "centre", "out"), [
    ("Multiple-feedback band-pass, centre 5 kHz, Q = 8, output bo, AC 500 Hz to 50 kHz.", 5e3, "bo"),
    ("Deliyannis band-pass filter centred on 2 kHz with a Q of 12, output at nb; AC sweep 200 Hz to 20 kHz.",
     2e3, "nb"),
])
def test_a_high_q_band_pass_peaks_at_its_stated_centre_when_verified(text, centre, out):
    result = generate(text)
    if result.verified:
        around = [centre * (1 + k / 200) for k in range(-10, 11)]
        gains = _ac_db(result.netlist, out, around)
        assert max(gains) - gains[10] <= 0.5, (gains, result.netlist)


@pytest.mark.parametrize("text", [
    "The full transistor-level internal schematic of the NE5532 die with the manufacturer's proprietary process "
    "models.",
    "A netlist of the STM32F103's internal RC oscillator trimmed to match my own chip's silicon.",
    "Give me the on-chip bandgap reference circuit inside the LM4040, transistor by transistor.",
])
def test_one_chips_own_circuit_is_refused(text):
    with pytest.raises(CannotServe, match="no recipe for"):
        generate(text)


@pytest.mark.parametrize("text", [
    "LM317 adjustable regulator from 12 V to 5 V with 240 ohm and 720 ohm set resistors. Operating point.",
    "Wien-bridge oscillator at 1 kHz with an op-amp, trimmed to 1 kHz.",
])
def test_a_part_number_or_a_trim_alone_is_not_refused_as_one_chip(text):
    from spice_lsp.generation.scope import one_chip
    assert one_chip(text) is None


def test_a_noise_sweeps_stated_points_count_as_its_spacing():
    result = generate("R1 22k from ni to no, C1 2.2 nF from no to ground, source VS at ni. Noise at no referred to "
                      "VS, 100 Hz to 100 kHz, 5 points per decade.")
    sweep = next((line.lower().split() for line in result.netlist.splitlines() if line.lower().startswith(".noise")),
                 None)
    assert sweep is not None and "dec" in sweep and sweep[sweep.index("dec") + 1] == "5", result.netlist
    assert not any("AC sweep" in c.what and c.status != "pass" for c in result.checks)


@pytest.mark.parametrize(("text", "node", "volts"), [
    ("BJT current sink that draws 3 mA through a 1.5k resistor hanging from a 12 V rail at node drn. Operating point.",
     "drn", 12 - 3e-3 * 1.5e3),
    ("An NPN current sink taking 1 mA through a 4.7k resistor tied to a 9 V rail, at node kn. Operating point.",
     "kn", 9 - 1e-3 * 4.7e3),
])
def test_a_current_sinks_named_node_sits_below_its_rail_by_the_drop_when_verified(text, node, volts):
    result = generate(text)
    if result.verified:
        run = runner.run(result.netlist, control=f"op\nlet result = v({node})\nprint result", timeout=20)
        assert run.ok and abs(run.values["result"] - volts) <= 0.05 * volts, result.netlist


def test_a_response_in_db_needs_a_stimulus_the_answer_shows():
    from spice_lsp.generation.stated.analyses import decibels_observable
    from spice_lsp.language.parser import parse
    held = parse("t\nV1 p 0 DC 5\nR1 p q 9k\nR2 q 0 1k\n.op\n.end\n").netlist
    shown = parse("t\nV1 p 0 DC 5 AC 1\nR1 p q 9k\nR2 q 0 1k\n.ac dec 10 10 1k\n.end\n").netlist
    text = "Divider that knocks the level at p down by 20 dB at q."
    assert [c.status for c in decibels_observable(text, held)] == ["fail"]
    assert decibels_observable(text, shown) == []
