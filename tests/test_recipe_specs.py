"""The specs the transistor, op-amp, power, data-conversion, logic and sensor recipes read and
measure, and the functions their circuits perform, checked in ngspice."""
import pytest

from spice_lsp.generation.checklist import _ammeter
from spice_lsp.generation.families import FAMILIES, render
from spice_lsp.generation.intent import parse_intent
from spice_lsp.generation.pipeline import _build
from spice_lsp.generation.recipes.data_conversion import _word
from spice_lsp.generation.request import read_request
from spice_lsp.ngspice import runner

needs_ngspice = pytest.mark.skipif(runner.shutil.which("ngspice") is None, reason="ngspice is not installed")
SUBJECTS = ("transistor_stages", "transistor_opamps", "power", "data_conversion", "logic", "sensors")
KINDS = sorted(k for k, f in FAMILIES.items() if f.build.__module__.rsplit(".", 1)[-1] in SUBJECTS)


@pytest.mark.parametrize("kind", KINDS)
def test_each_name_and_the_summary_are_served_not_refused(kind):
    # The summary is what refusals offer and benchmarks ask for: it must name the family too.
    family = FAMILIES[kind]
    for text in (family.summary, *family.names):
        assert _build(text).intent.kind == kind, text


@pytest.mark.parametrize("text,expected", [
    ("LED driver, 10 mA through the LED", [("10 mA through the LED", "current", 0.01)]),
    ("Widlar mirror with an output current of 50 uA", [("output current of 50 uA", "current", 50e-6)]),
    ("Iout = 2 mA", [("Iout = 2 mA", "current", 2e-3)]),
    ("mirror with a reference current of 1 mA", []),  # a part's value, not a spec
    ("OTA, unity-gain bandwidth 10 MHz, DC gain 40 dB",
     [("unity-gain bandwidth 10 MHz", "ugbw", 10e6), ("DC gain 40 dB", "dc_gain_db", 40.0)]),
    ("two-stage op-amp with open-loop gain of 1000", [("open-loop gain of 1000", "dc_gain_db", 60.0)]),
    ("GBW of 5 MHz", [("GBW of 5 MHz", "ugbw", 5e6)]),
    ("buck-boost converter from 12 V with -5 V output", [("-5 V output", "vout", -5.0)]),
])
def test_the_new_specs_are_read(text, expected):
    assert [(s.text, s.quantity, pytest.approx(s.target)) for s in read_request(text).specs] == expected


def test_the_output_current_is_read_on_the_ammeter_at_the_output():
    assert _ammeter("t\nV1 vdd 0 DC 5\nV9 vdd out DC 0\n.end\n", "out") == "V9"
    assert _ammeter("t\nVsense a b DC 0\nV9 vdd out DC 0\n", "out") == "Vsense"  # the named one first
    assert _ammeter("t\nV1 vdd out DC 5\n", "out") is None  # a supply is no ammeter


@pytest.mark.parametrize("text,word", [
    ("4-bit R-2R DAC, digital word 1011", (4, 11)), ("8-bit DAC, input code 200", (8, 200)),
    ("R-2R DAC, code 0b101", (3, 5)), ("DAC with binary word 110010", (6, 50)), ("6-bit DAC", (6, None)),
])
def test_a_dacs_word_is_read_as_written(text, word):
    assert _word(text) == word


def _at(kind: str, description: str, nodes: list[str], times: list[float], analysis: str) -> dict:
    netlist = render(parse_intent(description)).netlist
    assert parse_intent(description).kind == kind
    measures = "\n".join(f"meas {analysis.split()[0]} {n}{i} find v({n}) at={t}"
                         for i, t in enumerate(times) for n in nodes)
    result = runner.run(netlist, control=f"{analysis}\n{measures}", timeout=20)
    assert result.ok, result.errors
    return {n: [result.values[f"{n}{i}"] for i in range(len(times))] for n in nodes}


@needs_ngspice
@pytest.mark.parametrize("kind,rule", [
    ("cmos_nor", lambda a, b: not (a or b)), ("cmos_xor", lambda a, b: a != b), ("cmos_xnor", lambda a, b: a == b),
    ("cmos_and", lambda a, b: a and b), ("cmos_or", lambda a, b: a or b),
])
def test_each_gate_computes_its_truth_table(kind, rule):
    # The inputs' pulses take all four combinations in 20 ns; sample each in the middle.
    v = _at(kind, FAMILIES[kind].names[0], ["a", "b", "out"], [t * 1e-9 for t in (2.5, 7.5, 12.5, 17.5)],
            "tran 10p 40n")
    for a, b, out in zip(v["a"], v["b"], v["out"]):
        assert (out > 0.9) == bool(rule(a > 0.9, b > 0.9)), (a, b, out)


@needs_ngspice
def test_the_d_latch_is_transparent_while_enabled_and_holds_after():
    v = _at("d_latch", "gated D latch", ["d", "en", "out"], [t * 1e-9 for t in (2, 4, 7, 9, 16, 24)],
            "tran 10p 40n")
    held = None
    for d, en, out in zip(v["d"], v["en"], v["out"]):
        if en > 0.9:
            held = d > 0.9
        if held is not None:
            assert (out > 0.9) == held, (d, en, out)


@needs_ngspice
def test_the_flash_converter_counts_the_input_in_lsbs():
    lsb = 5 / 8
    v = _at("flash_adc", "3-bit flash ADC", ["out"], [(k + 0.25) * lsb for k in range(8)], "dc V1 0 5 0.01")
    # out is the count of tripped comparators: thresholds sit at (k - 1/2) LSB
    assert [round(x) for x in v["out"]] == [round(k + 0.25) for k in range(8)]
