"""Open-world requests for comparators with hysteresis, CMOS gates, converters and references
(recipes/comparators.py, logic.py, data_conversion.py, references.py), written in words no case file
uses: which switching points, levels and codes the answers take, measured here in ngspice with our
own analyses on the served netlist."""
import re

import pytest

from spice_lsp.generation.pipeline import generate
from tests.measuring import measure


def _output(netlist: str) -> str:
    """The node the answer's analyses print."""
    return re.search(r"^\.print \w+ v\w?\((\w+)\)", netlist, re.MULTILINE)[1]


def _function_passes(result) -> bool:
    function = [item for item in result.checks if item.what.startswith("function:")]
    return bool(function) and all(item.status == "pass" for item in function)


def _switching_points(netlist: str, out: str, mid: float, inverting: bool) -> tuple[float, float]:
    """(rising, falling) input levels where the output crosses `mid`, on the answer's own transient."""
    tran = re.search(r"^\.tran (\S+) (\S+)", netlist, re.MULTILINE)
    up, down = ("fall", "rise") if inverting else ("rise", "fall")
    control = f"tran {tran[1]} {tran[2]}\nmeas tran x find v(in) when v({out})={mid:g} {{}}=1\nlet result = x"
    return measure(netlist, control.format(up)), measure(netlist, control.format(down))


@pytest.mark.parametrize("text,inverting,mid,points", [
    # asymmetric points on split rails: the trigger needs a reference
    ("Inverting hysteresis comparator on +/-9 V supplies whose trip points are 0.5 V and 2.5 V; input in, "
     "output out", True, 0.0, (2.5, 0.5)),
    # a single supply, said after the number, points as upper and lower thresholds
    ("Non-inverting Schmitt trigger, 3.3 V single supply, upper threshold 2 V and lower threshold 1.2 V; "
     "input in, output out", False, 1.65, (2.0, 1.2)),
    # a hysteresis band centred on a level
    ("Schmitt trigger on a single 12 V supply with 1 V of hysteresis centred on 6 V, high when the input "
     "is above; input in, output out", False, 6.0, (6.5, 5.5)),
])
def test_a_trigger_switches_at_the_points_it_is_asked_for(text, inverting, mid, points):
    result = generate(text)
    assert result.intent.kind == ("schmitt_inverting" if inverting else "schmitt_noninverting"), result.intent.kind
    assert _function_passes(result), [(i.what, i.detail) for i in result.checks]
    rising, falling = _switching_points(result.netlist, _output(result.netlist), mid, inverting)
    assert rising == pytest.approx(points[0], abs=0.05) and falling == pytest.approx(points[1], abs=0.05)


def test_a_stated_triangle_drives_the_trigger():
    result = generate("Inverting Schmitt trigger, +/-12 V rails, thresholds of ±2 V, driven by a ±6 V 200 Hz "
                      "triangle; input in, output out")
    assert re.search(r"^V1 in 0 PULSE\(-6 6 0 \{0\.5/fin\} \{0\.5/fin\} 1n \{1/fin\}\)$", result.netlist, re.MULTILINE)
    assert re.search(r"^\.param .*\bfin=200\b", result.netlist, re.MULTILINE), result.netlist
    assert _function_passes(result), [(i.what, i.detail) for i in result.checks]


@pytest.mark.parametrize("text,volts", [
    # a step per code and a logic level, in the words of a datasheet
    ("4-bit weighted-resistor DAC with an inverting summing amplifier, an LSB of 0.25 V, bits at 3.3 V logic; "
     "apply the code 0110; output out", -0.25 * 6),
    # a resolution, bits named by a list of inputs
    ("binary-weighted DAC, 3 bits, inputs are q2, q1, q0 driven by 5 V for a 1, resolution of 500 mV, code 111, "
     "inverting summer; output out", -0.5 * 7),
])
def test_a_weighted_dac_steps_by_the_stated_lsb_from_the_stated_logic_level(text, volts):
    result = generate(text)
    assert result.intent.kind == "weighted_dac", result.intent.kind
    assert measure(result.netlist, "op\nlet result = v(out)") == pytest.approx(volts, rel=0.02)
    assert _function_passes(result), [(i.what, i.detail) for i in result.checks]


def test_the_dac_bits_take_the_names_the_request_lists():
    netlist = generate("binary-weighted DAC, 3 bits, inputs are q2, q1, q0 driven by 5 V for a 1, code 101, "
                       "inverting summer; output out").netlist
    assert {"q2", "q1", "q0"} <= set(re.findall(r"^V\d (\w+) 0 DC", netlist, re.MULTILINE)), netlist


@pytest.mark.parametrize("text,points,high", [
    # thresholds at whole steps, a ladder top said as a reference, logic-level outputs
    ("3-bit flash ADC: seven comparators with thresholds at 0.5, 1, 1.5, 2, 2.5, 3 and 3.5 V from a 4 V "
     "reference, 0/3.3 V outputs", [0.5 * k for k in range(1, 8)], 3.3),
    # offset thresholds (half a step at the bottom) and no reference stated: one step above the top
    ("two-bit flash converter, comparator switching levels 0.25 V, 0.75 V and 1.25 V", [0.25, 0.75, 1.25], 1.0),
])
def test_a_flash_adcs_comparators_trip_at_the_stated_thresholds(text, points, high):
    result = generate(text)
    assert result.intent.kind == "flash_adc", result.intent.kind
    assert _function_passes(result), [(i.what, i.detail) for i in result.checks]
    source = re.search(r"^(V\w*) in 0 DC", result.netlist, re.MULTILINE)[1]
    for k, point in enumerate(points, start=1):  # comparator k is low just below its point, high just above
        sweep = f"dc {source} {point - 0.02:g} {point + 0.02:g} 0.04\nlet result = v(c{k})"
        below, above = measure(result.netlist, sweep + "[0]"), measure(result.netlist, sweep + "[1]")
        assert below < 0.05 * high and above == pytest.approx(high, rel=0.02)


def test_a_flash_adc_converts_a_stated_input_level():
    result = generate("2-bit flash ADC with a 4 V ladder reference, thresholds at 1, 2 and 3 V, 0/5 V comparator "
                      "outputs, input held at 2.2 V")
    op = "op\nlet result = v(c{})"
    assert [round(measure(result.netlist, op.format(k))) for k in (1, 2, 3)] == [5, 5, 0], result.netlist


@pytest.mark.parametrize("text,volts", [
    ("band-gap reference whose output vbg should sit near 1.25 V; sweep the temperature from -20 to 100 C", 1.25),
    ("temperature-compensated bandgap voltage reference, output ref at about 1.1 V over -40 to 85 C", 1.1),
])
def test_a_bandgaps_lone_low_level_is_its_output_not_its_supply(text, volts):
    result = generate(text)
    assert result.intent.kind == "bandgap_reference", result.intent.kind
    assert ".param vdd=5" in result.netlist.split("\n")[1], result.netlist
    out = _output(result.netlist)
    assert measure(result.netlist, f"op\nlet result = v({out})") == pytest.approx(volts, rel=0.02)
    assert measure(result.netlist, f"dc temp -20 85 5\nlet result = vecmax(v({out})) - vecmin(v({out}))") < 0.01


def test_a_bandgap_takes_the_stated_area_ratio():
    result = generate("bandgap reference with a 24:1 area ratio, powered from a 3.3 V supply")
    assert re.search(r"^Q\d+ c c 0 npn 24$", result.netlist, re.MULTILINE), result.netlist
    assert _function_passes(result), [(i.what, i.detail) for i in result.checks]


def _crossing(netlist: str, level: float) -> float:
    """The input level where the answer's DC sweep takes its output through `level`."""
    sweep = re.search(r"^\.dc (\w+) (\S+) (\S+) (\S+)", netlist, re.MULTILINE)
    out = _output(netlist)
    return measure(netlist, f"dc {sweep[1]} {sweep[2]} {sweep[3]} 1m\nmeas dc x when v({out})={level:g}\n"
                             "let result = x")


def test_each_cmos_device_takes_its_own_clause():
    """Equal KP W/L and |VTO| on both sides put the inverter's switching point at mid-supply."""
    result = generate("CMOS inverter powered from 3.3 V whose n-channel device is W = 4u, L = 0.5u with VTO 0.5 and "
                      "KP 120u, and whose p-channel device is W = 10u, L = 0.5u with VTO -0.5 and KP 48u; input in, "
                      "output out; DC sweep of VIN from 0 to 3.3 V")
    assert result.intent.kind == "cmos_inverter"
    rows = result.netlist.split("\n")
    assert any(re.fullmatch(r"M\d out in vdd vdd pch W=10u L=0\.5u", r) for r in rows), result.netlist
    assert any(re.fullmatch(r"M\d out in 0 0 nch W=4u L=0\.5u", r) for r in rows), result.netlist
    assert re.search(r"^\.model pch PMOS \(.*vto=-0\.5 kp=48u", result.netlist, re.MULTILINE), result.netlist
    assert _crossing(result.netlist, 1.65) == pytest.approx(1.65, abs=0.05)
    assert _function_passes(result), [(i.what, i.detail) for i in result.checks]


def test_an_unbalanced_inverter_switches_off_centre_as_its_sizes_say():
    result = generate("static CMOS inverter on 5 V: NMOS W/L = 4u/1u, PMOS W/L = 2u/1u; input in, output out, "
                      "DC sweep of VIN 0 to 5 V")
    assert _crossing(result.netlist, 2.5) < 2.3  # the stronger NMOS pulls the switching point down


@pytest.mark.parametrize("text,kind", [("NOR2 cell on 1.8 V, inputs a and b, output out", "cmos_nor"),
                                       ("an XOR2 in static CMOS", "cmos_xor"),
                                       ("NAND2 gate from four MOSFETs", "cmos_nand")])
def test_a_two_input_gate_by_its_cell_name(text, kind):
    assert generate(text).intent.kind == kind


def test_a_held_transmission_gate_passes_a_dc_level_on_the_enables_supply():
    result = generate("CMOS pass gate with en held at 5 V and enb at 0 V carrying a 2 V DC input from in to out, "
                      "47k load to ground")
    assert result.intent.kind == "transmission_gate"
    rows = result.netlist.split("\n")
    assert ".param vdd=5" in rows and "V2 in 0 DC 2" in rows and "V5 enb 0 DC 0" in rows, result.netlist
    assert measure(result.netlist, "op\nlet result = v(out)") == pytest.approx(2, rel=0.05)
    assert _function_passes(result), [(i.what, i.detail) for i in result.checks]


@pytest.mark.parametrize("text,vdd", [
    ("five-transistor OTA connected as a voltage follower on 3.3 V; input in, output out; AC sweep", 3.3),
    ("two-stage CMOS op-amp wired as a unity-gain buffer from a 5 V supply, input in, output out", 5.0),
])
def test_a_transistor_op_amp_asked_for_as_a_follower_is_wired_as_one(text, vdd):
    result = generate(text)
    assert measure(result.netlist, "op\nlet result = v(out)") == pytest.approx(vdd / 2, abs=0.02 * vdd)
    assert measure(result.netlist, "ac dec 10 1 100\nlet g = vm(out)/vm(in)\nlet result = g[0]") \
        == pytest.approx(1, abs=0.02)
    assert _function_passes(result), [(i.what, i.detail) for i in result.checks]


def test_a_transmission_gate_into_a_heavy_load_is_sized_to_pass_its_swing():
    result = generate("CMOS transmission gate on 1.8 V into a 4.7k load to ground, en held at 1.8 V; "
                      "input in, output out")
    tran = re.search(r"^\.tran (\S+) (\S+)", result.netlist, re.MULTILINE)
    swing = measure(result.netlist, f"tran {tran[1]} {tran[2]}\nlet result = vecmax(v(out)) - vecmin(v(out))")
    assert swing > 0.9 * 1.8, result.netlist
    assert _function_passes(result), [(i.what, i.detail) for i in result.checks]


@pytest.mark.parametrize("text,inverting", [
    ("Comparator with hysteresis on a single 3.3 V supply: the output rises when the input goes above 2 V and falls "
     "when it drops below 1 V; input in, output out", False),
    ("Schmitt trigger on a single 5 V supply: output goes low when the input rises above 2 V and high when it falls "
     "below 1 V; input in, output out", True),
])
def test_the_sense_a_trigger_is_described_with_picks_its_topology(text, inverting):
    result = generate(text)
    assert result.intent.kind == ("schmitt_inverting" if inverting else "schmitt_noninverting"), result.intent.kind
    vdd = 3.3 if "3.3" in text else 5.0
    rising, falling = _switching_points(result.netlist, "out", vdd / 2, inverting)
    assert rising == pytest.approx(2, abs=0.05) and falling == pytest.approx(1, abs=0.05)


def test_a_peak_triangle_drives_the_trigger_at_its_frequency():
    netlist = generate("Inverting Schmitt trigger with trip points of +3 V and -3 V on ±15 V supplies, driven by a "
                       "10 V peak 1 kHz triangle; input in, output out").netlist
    assert re.search(r"^V1 in 0 PULSE\(-10 10 0 \{0\.5/fin\}", netlist, re.MULTILINE), netlist
    assert re.search(r"^\.param .*\bfin=1k\b", netlist, re.MULTILINE), netlist


@pytest.mark.parametrize("text,points,vdd", [
    ("Non-inverting Schmitt trigger, running on a single 3.3 V supply: high once the input climbs past about 2 V, "
     "low again when it dips under about 1.3 V; input in, output out", (2.0, 1.3), 3.3),
    ("Make a noisy 0-12 V ramp at in into a clean edge at out: the op-amp output (0/12 V rails) goes high as soon "
     "as in passes 7 V and returns low when in drops below 5 V, with hysteresis", (7.0, 5.0), 12.0),
])
def test_switching_points_said_with_other_verbs_are_designed_to(text, points, vdd):
    result = generate(text)
    assert result.intent.kind in ("schmitt_noninverting", "single_supply_schmitt_noninverting"), result.intent.kind
    rising, falling = _switching_points(result.netlist, "out", vdd / 2, False)
    assert rising == pytest.approx(points[0], abs=0.05) and falling == pytest.approx(points[1], abs=0.05)


def test_a_window_given_by_its_centre_and_half_width():
    result = generate("Window comparator on a 5 V supply, output out high while the input in is within 2.5 V ± 0.5 V; "
                      "DC sweep of the input from 0 to 5 V")
    assert result.intent.kind == "window_comparator"
    rows = result.netlist.split("\n")
    assert any(re.fullmatch(r"V\d hi 0 DC 3", r) for r in rows) and any(re.fullmatch(r"V\d lo 0 DC 2", r) for r in rows)
    assert _function_passes(result), [(i.what, i.detail) for i in result.checks]


def _q_after_edges(netlist: str, d_bits: list[int], vdd: float) -> list[int]:
    """q just after each rising clock edge, with d set to each bit in turn a half period before the edge:
    the answer's own d and clk sources replaced by a test pattern."""
    period = 20e-9
    steps = " ".join(f"{i * period + 2e-9:g} {vdd * a:g} {i * period + 2.1e-9:g} {vdd * b:g}"
                     for i, (a, b) in enumerate(zip([0, *d_bits], d_bits)))
    rows = [re.sub(r"^(V\w+ d 0) .*$", rf"\1 PWL(0 0 {steps})", r) for r in netlist.split("\n")]
    rows = [re.sub(r"^(V\w+ clk 0) .*$", rf"\1 PULSE(0 {vdd:g} 10n 100p 100p 10n 20n)", r) for r in rows]
    text = "\n".join(r for r in rows if not r.startswith((".tran", ".print")))
    stop = len(d_bits) * period + 5e-9
    return [round(measure(text, f"tran 20p {stop:g}\nmeas tran x find v(q) at={(i * period + 15e-9):g}\n"
                                 "let result = x") / vdd) for i in range(len(d_bits))]


@pytest.mark.parametrize("text,vdd", [
    ("positive-edge-triggered D flip-flop on 3.3 V, data d, clock clk, output q", 3.3),
    ("master-slave DFF built with transmission gates and inverters, 1.8 V supply", 1.8),
])
def test_a_d_flip_flop_takes_d_at_each_rising_clock_edge(text, vdd):
    result = generate(text)
    assert result.intent.kind == "d_flip_flop", result.intent.kind
    assert _function_passes(result), [(i.what, i.detail) for i in result.checks]
    bits = [1, 0, 0, 1, 1, 0]
    assert _q_after_edges(result.netlist, bits, vdd) == bits


def test_a_flip_flop_of_transmission_gates_is_built_of_them():
    netlist = generate("D flip-flop from transmission gates on 1.8 V").netlist
    pairs = re.findall(r"^M\d+ (\w+) (\w+) (\w+) \w+ nch", netlist, re.MULTILINE)
    assert any(g in ("clk", "clkb") and not d.startswith(("vdd",)) and s != "0" for d, g, s in pairs), netlist
