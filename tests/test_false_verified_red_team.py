"""Red team against a false "verified": requests a user might type whose answers said verified while doing
something else (a bound read as a design value, a total read as one part, a part value written once for two parts,
"gain at least -8" met on the number line, a stated sine left out of the source, "no load" answered with a load,
the output said to be across a part taken elsewhere). Each test asks for the honest outcome, computed from the
answer: either what the request states holds in the netlist (measured in ngspice here), or the answer is not
verified and a check that did not pass names the item."""
import re

import pytest

from spice_lsp.generation.checklist import FAIL, PASS, spec_item
from spice_lsp.generation.pipeline import generate
from spice_lsp.generation.request import Spec
from spice_lsp.language.units import format_eng, parse_number
from spice_lsp.ngspice import runner


def _named(result, *words: str) -> bool:
    """A check that did not pass names every one of `words` (case-insensitive)."""
    return any(c.status != PASS and all(w.lower() in c.what.lower() for w in words) for c in result.checks)


def _op(netlist: str, expression: str) -> float:
    run = runner.run(netlist, control=f"op\nlet result = {expression}\nprint result", timeout=20)
    assert run.ok and run.values.get("result") is not None, run.errors
    return run.values["result"]


def _elements(netlist: str, letter: str) -> list[tuple[str, list[str], float | None]]:
    found = []
    for line in netlist.splitlines()[1:]:  # the first line is the title
        words = line.split()
        if words and words[0][0].upper() == letter and not line.startswith((".", "*")):
            value = parse_number(words[3]) if len(words) > 3 else None
            found.append((words[0], [w.lower() for w in words[1:3]], value))
    return found


def _source(netlist: str) -> str:
    """The first voltage source's name."""
    return next(name for name, _, _ in _elements(netlist, "V"))


# --- a bound is a spec: met where it is measured, else said unchecked --------------------------------------------

@pytest.mark.parametrize("text, limit", [
    ("Voltage divider from 12 V down to 3.3 V, the divider current no more than 1 mA. Operating point.", 1e-3),
    ("Resistive divider: 9 V in, 3 V out, keep the current drawn from the supply below 0.5 mA. Operating point.",
     0.5e-3),
])
def test_a_current_bound_holds_or_is_named(text, limit):
    result = generate(text)
    if result.verified:
        assert abs(_op(result.netlist, f"{_source(result.netlist).lower()}#branch")) <= limit
    else:
        assert _named(result, f"{limit * 1e3:g} mA")


@pytest.mark.parametrize("text, figure", [
    ("Op-amp inverting amplifier, gain -4, R1 = 2.5k, slew rate at least 1 V/us. Transient with a 1 kHz 1 V sine, "
     "5 ms.", "at least 1"),
    ("Sallen-Key low-pass, cutoff 2 kHz, Q = 0.707, output noise below 10 uV rms. AC sweep 10 Hz to 100 kHz.",
     "10 uV"),
    ("Non-inverting amplifier, gain 5, input offset under 2 mV, AC 10 Hz to 100 kHz.", "2 mV"),
])
def test_a_bound_no_check_measures_leaves_the_answer_unverified(text, figure):
    result = generate(text)
    assert not result.verified and _named(result, figure)


@pytest.mark.parametrize("text, supply, total", [
    ("Voltage divider, 24 V input, 5 V output, total resistance 24k. Operating point.", 24, 24e3),
    ("Voltage divider from 5 V giving 1.8 V out, total resistance of 47k; operating point.", 5, 47e3),
    ("Split 10 V into 4 V with a combined resistance of 100k. Operating point.", 10, 100e3),
])
def test_a_total_is_no_single_parts_value(text, supply, total):
    result = generate(text)
    if result.verified:  # the supply sees the total
        drawn = abs(_op(result.netlist, f"{_source(result.netlist).lower()}#branch"))
        assert abs(supply / drawn - total) <= 0.05 * total
    else:
        assert _named(result, format_eng(total).replace(" ", ""))


# --- a value written for more parts than the answer has ------------------------------------------------------------

@pytest.mark.parametrize("text, figure, times", [
    ("Voltage divider with R1 = 10k and R2 = 10k, input 10 V, output 5 V, load resistor 10k across R2. "
     "Operating point.", "10k", 3),
    ("Inverting amplifier with gain -2 built with R1 = 10k and R2 = 20k, and a second input at node aux through "
     "10k. Operating point.", "10k", 2),
    ("Two-resistor divider, 6 V across R1 = 2.2k and R2 = 2.2k, with another 2.2k as the load on the output. "
     "Operating point.", "2.2k", 3),
])
def test_each_written_part_value_has_its_part(text, figure, times):
    """Each part written is in the answer; one left out is never verified, and a check names its value (an
    answer that has them all may still fail on something else: 10k/10k loaded by 10k gives no 5 V)."""
    result = generate(text)
    value = parse_number(figure)
    have = [v for _, _, v in _elements(result.netlist, "R") if v is not None and abs(v - value) <= 1e-6 * value]
    if len(have) < times:
        assert not result.verified and _named(result, figure)


# --- a negative gain with a bound is a size with a sign ----------------------------------------------------------

@pytest.mark.parametrize("bound, value, status", [
    ("min", -5.4, FAIL), ("min", -10.0, PASS), ("min", 10.0, FAIL), ("max", -5.0, PASS), ("max", -12.0, FAIL)])
def test_a_bounded_negative_gain_is_checked_by_its_size(bound, value, status):
    spec = Spec("gain at least -8" if bound == "min" else "gain no more than -8", "gain", -8.0, 0.05, bound=bound)
    assert spec_item(spec, value, "v(out)/v(in) at 1kHz").status == status


@pytest.mark.parametrize("text, size", [
    ("Common-source NMOS amplifier, VDD = 10 V, RD = 5k, gain at least -8, W/L = 10u/1u. AC 10 Hz to 10 MHz.", 8),
    ("Inverting amplifier, gain at least -20, input resistor 1k, AC 10 Hz to 100 kHz.", 20),
])
def test_gain_at_least_a_negative_figure_needs_that_size(text, size):
    result = generate(text)
    gain = next(c for c in result.checks if "gain" in c.what and c.detail.startswith("measured"))
    measured = float(re.search(r"measured (\S+)", gain.detail)[1])
    if result.verified:
        assert measured <= -size * (1 - 1e-9)
    else:
        assert gain.status == PASS or measured > -size


# --- a stated stimulus is made by a source ------------------------------------------------------------------------

@pytest.mark.parametrize("text, wave", [
    ("RC high-pass filter with cutoff 100 Hz and a 1 uF cap, plus a DC operating point and a transient of 20 ms "
     "with a 50 Hz sine.", "sin"),
    ("RC high-pass, C = 10 nF, R = 15.9k, cutoff 1 kHz, transient 10 ms with a 200 Hz sine of 1 V.", "sin"),
    ("RC low-pass 1 kHz, C = 10 nF, run a 5 ms transient driven by a 500 Hz square wave.", "pulse"),
])
def test_a_stated_wave_drives_the_answer(text, wave):
    result = generate(text)
    if result.verified:
        assert re.search(rf"^[VI]\w*\s.*\b{wave}\s*\(", result.netlist, re.IGNORECASE | re.MULTILINE)
    else:
        assert _named(result, "input")


def test_an_output_made_by_the_circuit_is_no_stimulus():
    result = generate("Half-wave rectifier without a capacitor, 10 V peak 50 Hz sine, 1k load, 1N4148. "
                      "Transient 60 ms.")
    assert not any("input (" in c.what for c in result.checks if c.status != PASS)


# --- parts the request rules out, and where the output is taken ---------------------------------------------------

@pytest.mark.parametrize("text", [
    "Zener shunt regulator from 9 V, 5.6 V zener, 220 ohm series resistor, no load, output 5.6 V. Operating point.",
    "Unloaded zener regulator: 12 V in, 6.2 V zener, 470 ohm series resistor. Operating point.",
])
def test_no_load_means_no_load(text):
    result = generate(text)
    if result.verified:
        assert len(_elements(result.netlist, "R")) == 1
    else:
        assert any(c.status != PASS for c in result.checks)


def test_a_part_ruled_out_is_checked_absent():
    result = generate("Half-wave rectifier without a capacitor, 10 V peak 50 Hz sine, 1k load, 1N4148. "
                      "Transient 60 ms.")
    item = next(c for c in result.checks if "without a capacitor" in c.what)
    assert (item.status == PASS) == (not _elements(result.netlist, "C"))


@pytest.mark.parametrize("text, part", [
    ("RC low-pass, R = 1 k, C = 100 nF, cutoff 1.59 kHz, but measure the output across the resistor instead of the "
     "capacitor. AC 10 Hz to 100 kHz.", "R"),
    ("RC network R = 10k, C = 100 nF, output taken across the resistor, AC 1 Hz to 10 kHz.", "R"),
    ("RL circuit: R = 100 ohm in series, L = 10 mH to ground, output across the inductor. AC sweep 10 Hz to 1 MHz.",
     "L"),
])
def test_an_output_across_a_part_is_taken_there(text, part):
    result = generate(text)
    if result.verified:
        (_, ends, _), = _elements(result.netlist, part)
        assert "0" in ends
    else:
        assert _named(result, "across")



# --- the device a request builds with, its single supply, its named analysis -------------------------------------

@pytest.mark.parametrize("text, letter, word", [
    ("A 3-stage RC phase-shift oscillator with a BJT, 10 nF capacitors and 10k resistors, oscillating near 650 Hz, "
     "12 V supply. Transient 50 ms.", "Q", "BJT"),
    ("Wien-bridge oscillator at 2 kHz built around a BJT, 9 V supply. Transient 20 ms.", "Q", "BJT"),
    ("Emitter follower with an NPN, VCC = 10 V, RE = 1k, operating point and DC small-signal transfer function.",
     "Q", "NPN"),
])
def test_the_device_said_is_the_device_built(text, letter, word):
    result = generate(text)
    if not _elements(result.netlist, letter):  # built otherwise: said so
        assert not result.verified and _named(result, word)


@pytest.mark.parametrize("text", [
    "Sallen-Key high-pass, cutoff 500 Hz, Butterworth, unity gain, with a 5 V single supply. AC 1 Hz to 100 kHz.",
    "Active band-pass filter, centre 1 kHz, single-supply 5 V op-amp. AC 10 Hz to 100 kHz.",
    "Inverting amplifier, gain -4, on a single 9 V supply, using an op-amp, 1 kHz 0.5 V sine input. Transient 5 ms.",
])
def test_an_op_amp_on_a_single_supply_swings_between_its_rails(text):
    result = generate(text)
    if result.verified:  # its op-amp's output is centred on half the supply, never below ground
        models = re.findall(r"^\.subckt.*?^\.ends", result.netlist, re.IGNORECASE | re.MULTILINE | re.DOTALL)
        assert models and all("vdd/2" in body for body in models if "tanh" in body)
    else:
        assert _named(result, "single")


def test_a_dc_transfer_function_asked_is_run():
    result = generate("RC low-pass with R = 10k, C = 10 nF, AC from 1 Hz to 1 MHz, and also the DC transfer "
                      "function from in to out.")
    if result.verified:
        assert re.search(r"^\.tf\b", result.netlist, re.IGNORECASE | re.MULTILINE)
    else:
        assert _named(result, "transfer function")


def test_a_sine_stated_is_looked_for_on_the_source_that_has_it():
    result = generate("Inverting amplifier, gain -4, on a single 9 V supply, using an op-amp, 1 kHz 0.5 V sine "
                      "input. Transient 5 ms.")
    item = next(c for c in result.checks if "sine input" in c.what)
    sines = [line for line in result.netlist.splitlines() if re.search(r"\bSIN\s*\(\s*0\s+0?\.5\s+1(?:000|k)\b", line,
                                                                        re.IGNORECASE)]
    assert (item.status == PASS) == bool(sines)


# --- a name written as names are (with an underscore) is in the answer ------------------------------------------

@pytest.mark.parametrize("text", [
    "Node names must be VIN_P and VOUT_P: RC low-pass R = 10k, C = 10 nF. AC 10 Hz to 100 kHz.",
    "RC high-pass, C = 100 nF, R = 1.6k; call the input SIG_IN and the output HP_OUT. AC 10 Hz to 100 kHz.",
    "Voltage divider 10 V to 5 V, the middle node is mid_pt. Operating point.",
])
def test_a_name_with_an_underscore_is_in_the_answer_or_named(text):
    result = generate(text)
    names = set(re.findall(r"\w+", result.netlist.lower()))
    for word in re.findall(r"\b[A-Za-z]\w*_\w+\b", text):
        if word.lower() not in names:
            assert not result.verified and _named(result, word)


def test_a_part_noun_naming_something_else_rules_nothing_out():
    result = generate("Design a behavioral precision full-wave rectifier that outputs the absolute value of a small "
                      "bipolar input without a diode drop.")
    assert not any("without a diode" in c.what for c in result.checks)
