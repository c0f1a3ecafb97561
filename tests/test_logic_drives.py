"""The levels a request states on a logic gate's inputs (drives.py): held levels, logic words and steps in
time become the gate's sources, and the gate is measured in ngspice against its truth table at them.
Requests in words no case file uses."""
import random
import re

import pytest

from spice_lsp.generation.drives import logic_inputs, samples, stated_steps
from spice_lsp.generation.pipeline import generate
from spice_lsp.ngspice import runner


def _at(netlist: str, node: str, t: float | None) -> float:
    """v(node) at time t on the answer's own transient (None: at the operating point)."""
    if t is None:
        control = f"op\nlet result = v({node})"
    else:
        tran = re.search(r"^\.tran (\S+) (\S+)", netlist, re.MULTILINE)
        control = f"tran {tran[1]} {tran[2]}\nmeas tran result find v({node}) at={t:g}"
    result = runner.run(netlist, control=control + "\nprint result", timeout=30)
    assert result.ok, result.errors
    return result.values["result"]


def _output(netlist: str) -> str:
    return re.search(r"^\.print \w+ v\w?\((\w+)\)", netlist, re.MULTILINE)[1]


@pytest.mark.parametrize("text,steps", [
    ("p rises to 3.3 V at 2 us", {"p": ((0.0, 0.0), (2e-6, 3.3))}),
    ("q sits low until 40 ns, then goes high", {"q": ((0.0, 0.0), (40e-9, None))}),
    ("keep m at 1.8 V; n starts at 1.8 V and falls to 0 V after 5 us", {"m": ((0.0, 1.8),),
                                                                         "n": ((0.0, 1.8), (5e-6, 0.0))}),
    ("m and n are both tied to ground", {"m": ((0.0, 0.0),), "n": ((0.0, 0.0),)}),
    ("the two inputs held high", {"m": ((0.0, None),), "n": ((0.0, None),)}),
])
def test_stated_levels_are_read_per_input(text, steps):
    names = list(steps) if len(steps) > 1 else [next(iter(steps)), "zz"]
    if text.startswith("the two"):
        names = ["m", "n"]
    assert stated_steps(text, names) == steps


def test_a_condition_of_the_function_is_no_drive():
    text = "Output w is high only when both u and v are high. u starts at 0 V and steps to 5 V at 3 ms; v stays at 5 V."
    inputs = logic_inputs(text, ("a", "b"))
    assert inputs.names == ("u", "v")
    assert inputs.steps == {"u": ((0.0, 0.0), (3e-3, 5.0)), "v": ((0.0, 5.0),)}
    assert samples(inputs.steps) == pytest.approx([1.5e-3, 3.75e-3])


def test_a_waveform_is_left_to_the_source_readers():
    assert stated_steps("p is a 0/5 V pulse with a 2 us period, q held at 5 V", ["p", "q"]) == {"q": ((0.0, 5.0),)}


@pytest.mark.parametrize("text,gate,out,times", [
    # a NAND with one input stepping up: high, then low once both are high
    ("Two-input CMOS NAND on a 3.3 V supply with inputs p and q and output r: p sits at 0 V until 2 ms and then "
     "rises to 3.3 V, q stays at 3.3 V the whole time. 4 ms transient.", "cmos_nand", "r",
     {1e-3: True, 3e-3: False}),
    # a NOR with both inputs held, said once for both
    ("CMOS NOR gate powered from 5 V, inputs m and n, output w; both inputs tied low.", "cmos_nor", "w",
     {None: True}),
    # an AND with one input falling
    ("CMOS AND gate on 5 V, inputs u and v, output w. u is 5 V until 0.5 ms then drops to 0 V; v held high. "
     "Run 1 ms.", "cmos_and", "w", {0.25e-3: True, 0.75e-3: False}),
])
def test_a_gate_takes_the_stated_input_levels(text, gate, out, times):
    result = generate(text, sim_timeout=60)
    assert result.intent.kind == gate
    function = [item for item in result.checks if item.what.startswith("function:")]
    assert function and all(item.status == "pass" for item in function), [(i.what, i.detail) for i in function]
    node = out if re.search(rf"\b{out}\b", result.netlist) else _output(result.netlist)
    for t, high in times.items():
        v = _at(result.netlist, node, t)
        assert (v > 0.9 * 3.3 if "3.3 V" in text else v > 4.5) if high else v < 0.3, (t, v, result.netlist)


@pytest.mark.parametrize("seed", range(6))
def test_random_stated_steps_make_the_gate_follow_its_table(seed):
    """Property: any held or stepped levels on a NAND's two inputs (random supply and times) give a served
    answer whose own truth-table check passes, and its output is the NAND of the inputs at every sample."""
    rng = random.Random(seed)
    vdd = rng.choice([1.8, 3.3, 5.0])
    t = rng.choice([10e-9, 2e-6, 1e-3])
    unit, scale = {10e-9: ("ns", 1e9), 2e-6: ("us", 1e6), 1e-3: ("ms", 1e3)}[t]
    a0, a1, b = rng.choice([0.0, vdd]), rng.choice([0.0, vdd]), rng.choice([0.0, vdd])
    text = (f"CMOS NAND gate on {vdd:g} V, inputs a and b, output y. a is {a0:g} V until {t * scale:g} {unit} and "
            f"then {a1:g} V; b held at {b:g} V.")
    result = generate(text, sim_timeout=60)
    function = [item for item in result.checks if item.what.startswith("function:")]
    assert function and all(item.status == "pass" for item in function), (text, [(i.what, i.detail) for i in function])
    for when, a in ((t / 2, a0), (1.5 * t, a1)):
        v = _at(result.netlist, "y", when)
        assert (v < vdd / 2) == (a > 0 and b > 0), (text, when, v)


@pytest.mark.parametrize("text,control,complement,node,volts", [
    ("Analog switch built as a CMOS transmission gate on 3.3 V: control sw at 3.3 V and its complement swb at 0 V, "
     "passing 2 V DC from node ain to node aout, with a 47k load from aout to ground.", "sw", "swb", "aout", 2.0),
    ("CMOS pass gate on a 5 V supply passing a 3 V DC level into a 20k load; the select sel is held at 5 V "
     "(complement selb = 0 V).", "sel", "selb", None, 3.0),
])
def test_a_transmission_gate_is_held_on_by_its_named_control(text, control, complement, node, volts):
    result = generate(text)
    assert result.intent.kind == "transmission_gate"
    assert re.search(rf"^V\w+ {control} 0 DC \S+$", result.netlist, re.MULTILINE), result.netlist
    assert re.search(rf"^V\w+ {complement} 0 DC 0$", result.netlist, re.MULTILINE), result.netlist
    function = [item for item in result.checks if item.what.startswith("function:")]
    assert function and all(item.status == "pass" for item in function), [(i.what, i.detail) for i in function]
    assert _at(result.netlist, node or _output(result.netlist), None) == pytest.approx(volts, rel=0.05)


@pytest.mark.parametrize("text,node,bits,volts", [
    ("3-bit R-2R DAC built from 1k/2k resistors with a buffer, 4 V reference, word 101 applied as 4 V/0 V logic "
     "levels on d2..d0; output vo. Operating point.", "vo", ("d2", "d1", "d0"), 4 * 5 / 8),
    ("R-2R ladder DAC, 4 bits (MSB q3), code 0110 as 3.3 V/0 V levels on q3 to q0, 3.3 V reference; output da. "
     "Operating point.", "da", ("q3", "q2", "q1", "q0"), 3.3 * 6 / 16),
])
def test_an_r2r_dac_applies_the_code_on_the_named_bits(text, node, bits, volts):
    result = generate(text)
    assert result.intent.kind == "r2r_dac"
    assert all(re.search(rf"^V\d+ {b} 0 DC ", result.netlist, re.MULTILINE) for b in bits), result.netlist
    assert abs(_at(result.netlist, node, None)) == pytest.approx(volts, rel=0.02)


@pytest.mark.parametrize("text,node,inp,amplitude,high", [
    ("Zero-cross detector with an open-drain style output det pulled up to 3.3 V through 4.7k; the 0.5 V, 50 Hz sine "
     "at line drives it. 60 ms transient.", "det", "line", 0.5, 3.3),
    ("Zero-crossing comparator, open collector output q with a 22k pull-up to 12 V, fed by a 2 V peak 200 Hz sine on "
     "node s; 15 ms transient.", "q", "s", 2.0, 12.0),
])
def test_an_open_collector_zero_crossing_detector_swings_to_its_pull_up(text, node, inp, amplitude, high):
    result = generate(text)
    assert result.intent.kind == "zero_crossing_detector"
    assert re.search(rf"^V\w+ {inp} 0 SIN\(0 {amplitude:g} ", result.netlist, re.MULTILINE), result.netlist
    function = [item for item in result.checks if item.what.startswith("function:")]
    assert function and all(item.status == "pass" for item in function), [(i.what, i.detail) for i in function]
    tran = re.search(r"^\.tran (\S+) (\S+)", result.netlist, re.MULTILINE)
    control = (f"tran {tran[1]} {tran[2]}\nmeas tran up find v({inp}) when v({node})={high / 2:g} rise=2\n"
               f"meas tran top max v({node})\nlet result = abs(up) + abs(top - {high:g})")
    measured = runner.run(result.netlist, control=control + "\nprint result", timeout=30)
    assert measured.ok and measured.values["result"] < 0.1 * high, (measured.values, result.netlist)


def test_the_stimulus_a_request_puts_on_a_node_is_the_input():
    result = generate("Schmitt trigger, inverting, single 3.3 V supply: out falls as sig rises past 2 V and comes back "
                      "up when sig drops under 1 V. Drive it with a 0-3.3 V triangle at 50 Hz on sig; 60 ms transient.")
    assert re.search(r"^V\w+ sig 0 ", result.netlist, re.MULTILINE), result.netlist


def test_a_flash_adcs_listed_outputs_are_its_comparators():
    result = generate("Two-bit flash converter front end: ladder from a 3 V reference with thresholds 0.75, 1.5 and "
                      "2.25 V, comparator outputs q1 (0.75 V), q2 (1.5 V), q3 (2.25 V) swinging 0 to 3.3 V; analog "
                      "input vx = 2 V DC. Operating point.")
    assert result.intent.kind == "flash_adc"
    levels = [_at(result.netlist, q, None) for q in ("q1", "q2", "q3")]
    assert levels == [pytest.approx(3.3, abs=0.1), pytest.approx(3.3, abs=0.1), pytest.approx(0, abs=0.1)], levels


def test_a_weighted_dacs_bits_take_the_names_they_sit_on():
    result = generate("4-bit weighted-resistor DAC with an inverting summer: bits at q3 q2 q1 q0 (q3 the MSB) as "
                      "5 V/0 V DC levels, code 1001, output vo. Operating point.")
    assert result.intent.kind == "weighted_dac"
    assert all(re.search(rf"^V\d+ {q} 0 DC ", result.netlist, re.MULTILINE) for q in ("q3", "q2", "q1", "q0"))
    assert _at(result.netlist, "vo", None) == pytest.approx(-5 * 9 / 16, rel=0.02)


@pytest.mark.parametrize("seed", range(4))
def test_random_codes_on_named_bits_give_the_ladders_level(seed):
    """Property: an R-2R DAC with a random width, code, reference and bit names gives Vref code / 2^n."""
    rng = random.Random(100 + seed)
    n, vref, stem = rng.randint(3, 6), rng.choice([2.5, 3.3, 5.0]), rng.choice(["b", "d", "q"])
    code = rng.randint(1, 2 ** n - 1)
    text = (f"{n}-bit R-2R DAC with a buffer, {vref:g} V reference, code {code:0{n}b} as {vref:g} V/0 V logic levels "
            f"on {stem}{n - 1}..{stem}0; output vo. Operating point.")
    result = generate(text)
    assert all(re.search(rf"^V\d+ {stem}{k} 0 DC ", result.netlist, re.MULTILINE) for k in range(n)), text
    assert abs(_at(result.netlist, "vo", None)) == pytest.approx(vref * code / 2 ** n, rel=0.02), text


@pytest.mark.parametrize("seed", range(4))
def test_random_open_collector_detectors_swing_to_their_pull_up(seed):
    """Property: any pull-up level and resistor and any sine amplitude give a served answer whose own checks pass,
    and whose output swings from near 0 V to the pull-up's level."""
    rng = random.Random(200 + seed)
    level, ohms, amplitude = rng.choice([3.3, 5.0, 12.0]), rng.choice(["4.7k", "10k", "22k"]), rng.choice([0.2, 1, 3])
    text = (f"Zero-crossing detector, open-collector output zc with a {ohms} pull-up to {level:g} V, driven by the "
            f"{amplitude:g} V, 1 kHz sine on sig; 3 ms transient.")
    result = generate(text)
    function = [item for item in result.checks if item.what.startswith("function:")]
    assert function and all(item.status == "pass" for item in function), (text, [(i.what, i.detail) for i in function])
    control = "tran 3u 3m\nmeas tran top max v(zc) from=1m to=3m\nmeas tran low min v(zc) from=1m to=3m\n" \
              f"let result = abs(top - {level:g}) + abs(low)"
    measured = runner.run(result.netlist, control=control + "\nprint result", timeout=30)
    assert measured.ok and measured.values["result"] < 0.1 * level, (text, measured.values)


@pytest.mark.parametrize("text,inp,out,times", [
    ("CMOS inverter on 5 V, input p low until 3 us then high, output q; 6 us transient.", "p", "q",
     {1.5e-6: True, 4.5e-6: False}),
    ("Static CMOS inverter from a 3.3 V supply whose input sig is held at 3.3 V; output nq.", "sig", "nq",
     {None: False}),
])
def test_an_inverter_takes_its_stated_input_level(text, inp, out, times):
    result = generate(text)
    assert result.intent.kind == "cmos_inverter"
    assert re.search(rf"^V\w+ {inp} 0 (?:DC|PWL)", result.netlist, re.MULTILINE), result.netlist
    function = [item for item in result.checks if item.what.startswith("function:")]
    assert function and all(item.status == "pass" for item in function), [(i.what, i.detail) for i in function]
    for t, high in times.items():
        v = _at(result.netlist, out, t)
        assert v > 0.9 * (5 if "5 V" in text else 3.3) if high else v < 0.3, (t, v, result.netlist)


@pytest.mark.parametrize("text,names,steps", [
    # the run's length is no time an input changes at
    ("a at 0 V, b at 5 V, 10 ms transient", ["a", "b"], {"a": ((0.0, 0.0),), "b": ((0.0, 5.0),)}),
    # a change said with no time, or a repeating wave, is left unread (never guessed)
    ("a at 0 V then 5 V; b high", ["a", "b"], {"b": ((0.0, None),)}),
    ("a alternates between 0 and 5 V every 1 ms, b at 5 V", ["a", "b"], {"b": ((0.0, 5.0),)}),
])
def test_levels_are_never_guessed(text, names, steps):
    assert stated_steps(text, names) == steps


def test_a_held_transmission_gate_passes_a_centred_sine_into_its_load():
    result = generate("CMOS analog switch on 3.3 V passing a 1.65 V ± 1.5 V, 100 kHz sine from sa to sb into a 4.7k "
                      "load (sb to ground) while its control c is high and its complement cb low; 40 us transient.")
    assert result.intent.kind == "transmission_gate"
    assert re.search(r"^V\w+ \w+ 0 SIN\(1\.65 1\.5 ", result.netlist, re.MULTILINE), result.netlist
    function = [item for item in result.checks if item.what.startswith("function:")]
    assert function and all(item.status == "pass" for item in function), [(i.what, i.detail) for i in function]
