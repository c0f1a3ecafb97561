"""The part names a request writes are looked for in the answer, whatever the reader understood."""
import pytest

from spice_lsp.generation.coverage import designators, named_parts
from spice_lsp.generation.pipeline import CannotServe, generate
from spice_lsp.language.parser import parse


@pytest.mark.parametrize("text, names", [
    ("R1 = 2k from in to node n, RF = 20k from n to out, E1 gain 1e6", ["R1", "RF", "E1"]),
    ("the resistor RA across C1, Q1's base at b", ["RA", "C1", "Q1"]),
    ("supply VCC at node vcc, LED D1 from k to ground (IS=1e-18 N=2)", ["VCC", "D1"]),
    ("r1 = 10k and c1 = 1n, lowercase as people type", ["r1", "c1"]),
])
def test_part_names_are_found(text, names):
    assert designators(text) == names


@pytest.mark.parametrize("text", [
    "an LM317 regulator with a 2N3904 and an NE555, E96 values, X7R capacitors",
    "diode model with RS=10 N=1.8, a BJT with (BF=200 VAF=50)",
    "Series RLC: an RC low-pass, an LC tank, an RF amplifier at 100 MHz, gain x10",
    "switch with RON = 1 ohm and ROFF = 1MEG, AC analysis, DC sweep",
])
def test_words_that_are_not_part_names_are_not(text):
    assert designators(text) == []


def test_a_named_part_missing_from_the_answer_fails_and_a_present_one_does_not():
    netlist = parse("t\nV1 in 0 1\nR1 in out 1k\nRLOAD out 0 10k\n.op\n.end\n").netlist
    items = named_parts("R1 = 1k from in to out, RA = 2k across it, V1 = 1 V at in", netlist)
    assert [(i.what, i.status) for i in items] == [("RA (named in the request)", "fail")]


@pytest.mark.parametrize("description", [
    "555 timer astable blinker: RA = 1k, RB = 10k, timing capacitor 100 nF, 9 V supply, output at out; 20 ms transient",
    "NPN common-emitter amplifier: VCC = 12 V, base divider RB1 = 47k and RB2 = 10k, collector resistor RC = 4.7k",
    "Inverting amplifier: R1 = 2k from in to n, RF = 20k from n to out, DC input 0.3 V at in; op",
    "Voltage divider RTOP = 10k from in to out and RBOT = 4.7k from out to ground, 5 V at in; operating point",
])
def test_an_answer_said_verified_holds_every_part_name_the_request_wrote(description):
    try:
        result = generate(description)
    except CannotServe:
        return  # an honest refusal says nothing false
    names = {n.lower() for n in designators(description)}
    missing = {n for n in names if n not in result.netlist.lower()}
    assert not result.verified or not missing, (missing, result.netlist)
    assert all(any(n.upper() in i.what.upper() for i in result.checks) for n in missing)


def test_a_value_the_answer_leaves_out_fails_where_its_unit_goes():
    """1 kHz is no 1k resistor: a stated frequency the answer never writes is reported."""
    from spice_lsp.generation.coverage import stated_values
    from spice_lsp.generation.intent import parse_intent
    netlist = parse("t\nVIN in 0 DC 2\nR1 in out 1k\nC1 out 0 1u\n.tran 2u 12m\n.end\n").netlist
    intent = parse_intent("A 1 kHz, 2 V sine VIN at in, R1 = 1k from in to out, C1 = 1 µF to ground; 12 ms transient")
    values = [*intent.values.values(), *intent.extra_values]
    assert [i.what for i in stated_values(values, netlist, [], set(), [])] == ["1 kHz (FREQ) from the request"]
    written = parse("t\nVIN in 0 SIN(0 2 1k)\nR1 in out 1k\nC1 out 0 1u\n.tran 2u 12m\n.end\n").netlist
    assert stated_values(values, written, [], set(), []) == []


def test_a_frequency_written_as_a_period_counts():
    from spice_lsp.generation.coverage import stated_values
    from spice_lsp.generation.intent import parse_intent
    netlist = parse("t\nVCLK clk 0 PULSE(0 5 0 1n 1n 25u 100u)\nR1 clk 0 1k\n.tran 1u 500u\n.end\n").netlist
    intent = parse_intent("a 0 to 5 V square wave at 10 kHz at clk into a 1k load; 500 us transient")
    freq = [v for v in intent.values.values() if v.unit == "Hz"]
    assert freq and stated_values(freq, netlist, [], set(), []) == []


def test_chemical_formulas_and_ports():
    assert designators("high-k dielectric (HfO2), SiO2 layer") == []
    assert designators("inputs Vp, Vn and outputs Vout; a load at Vout") == ["Vp", "Vn", "Vout"]


def test_a_kind_of_circuit_the_request_names_must_be_the_answers():
    from spice_lsp.generation.coverage import circuit_kind
    from spice_lsp.generation.families import FAMILIES
    amplifier = next(f for f in FAMILIES.values() if "non-inverting" in f.summary and "amplifier" in f.summary)
    low_pass = next(f for f in FAMILIES.values() if f.summary.startswith("RC low-pass"))
    assert [i.status for i in circuit_kind("a second-order op-amp filter keeping frequencies above 2 kHz",
                                           amplifier)] == ["fail"]
    assert circuit_kind("an amplifier with a gain of 11 built around an op-amp", amplifier) == []
    assert circuit_kind("RC filter, cutoff 1 kHz", low_pass) == []
    assert circuit_kind("R1 = 1k from in to out, C1 = 1n to ground", amplifier) == []  # names no kind


def test_a_paraphrase_read_as_another_kind_of_circuit_is_not_verified():
    try:
        result = generate("second-order op-amp filter keeping frequencies above 2 kHz, input in, output out")
    except CannotServe:
        return  # an honest refusal is fine too
    from spice_lsp.generation.families import family_of
    assert not result.verified or "filter" in family_of(result.intent.kind).summary
