"""Classes of answer that said verified while missing what the request states (lane I, session 9), each in new
words: a test at DC levels is an operating point; one product's own chip (its factory trim, a particular phone's
IC) is no circuit we can build; two inputs' pulses said in one sentence are each checked; a zero-crossing detector
rises with the sine from its start."""
import pytest

from spice_lsp.generation.checklist import FAIL, PASS, structure
from spice_lsp.generation.drives import stated_steps
from spice_lsp.generation.intent import parse_intent
from spice_lsp.generation.pipeline import CannotServe, generate
from spice_lsp.generation.request import read_request
from spice_lsp.generation.scope import one_chip
from spice_lsp.language.parser import parse


def _kinds(text: str) -> set[str]:
    return {a.kind for a in parse_intent(text).analyses}


# --- a test at DC levels is a DC operating point ----------------------------------------------------------------

@pytest.mark.parametrize("text", [
    "Subtracting amplifier with an op-amp, out = 2*(s1 - s2); exercise it with s1 = 3.5 V DC and s2 = 3 V DC.",
    "buffer the sensor node sn to out with an op-amp follower, test it at 1.8 V DC",
    "Op-amp inverting stage, gain -4, in to out. Check it by applying 0.25 V DC at in.",
    "Difference amplifier, gain 2; try it with u at 1.5 V and w at 1.25 V, both DC.",
])
def test_a_test_at_stated_dc_levels_asks_for_the_operating_point(text):
    assert "op" in _kinds(text)


@pytest.mark.parametrize("text", [
    "Non-inverting amp, gain 3, test it with a 0.1 V 1 kHz sine riding on 2 V DC",  # a wave: not a DC test
    "check the output with 5 V DC in and plot the transient over 2 ms",
])
def test_a_test_with_a_wave_or_another_run_is_no_operating_point(text):
    assert "op" not in _kinds(text)


def test_the_answer_to_a_dc_test_runs_it_and_measures_there():
    result = generate("Op-amp difference amplifier with out = 2*(s1 - s2); try it with s1 = 1.6 V DC and "
                      "s2 = 1.1 V DC.")
    assert any(line.strip().lower() == ".op" for line in result.netlist.splitlines())
    items = {c.what: c for c in result.candidates[-1].verification.checks}
    assert items["analysis .op"].status == PASS


# --- one manufactured product's own chip, as it was made ----------------------------------------------------------

@pytest.mark.parametrize("text", [
    "Give me the netlist of the charge pump inside a particular e-reader's display driver IC, with production trim.",
    "SPICE deck of the oscillator in a specific fitness tracker's SoC, values exactly as shipped.",
    "the current-sense amplifier of a certain car ECU chip, trimmed values as the factory programmed them",
    "Netlist of a named vendor's PMIC buck stage with its fused calibration settings.",
])
def test_one_products_chip_as_made_is_refused(text):
    assert one_chip(text) is not None
    with pytest.raises(CannotServe):
        generate(text)


@pytest.mark.parametrize("text", [
    "RC low-pass with a specific corner of 1 kHz, in to out",
    "non-inverting amp with a 10k trimmer to trim the gain to 5",
    "a 555 astable at 2 kHz for a particular LED blinker, 9 V supply",
    "LDO regulator from 5 V to 3.3 V for a microcontroller",
])
def test_ordinary_requests_are_no_product_chip(text):
    assert one_chip(text) is None


# --- two inputs' pulses said in one sentence ----------------------------------------------------------------------

_TWO = ("CMOS AND-OR stage on 5 V (vdd), inputs m and k, output w. Drive m with a 0 to 5 V pulse, 40 ns high in "
        "an 80 ns period, and k with 80 ns high in a 160 ns period, both starting high at t=0, 2 ns edges. Run 160 ns.")


def test_each_of_two_inputs_keeps_its_own_pulse_and_shares_the_rest():
    pulses = {s.node: s.pulse for s in read_request(_TWO).sources if s.pulse}
    assert pulses["m"] == (0.0, 5.0, 0.0, 2e-9, 2e-9, 40e-9, 80e-9)
    assert pulses["k"] == (0.0, 5.0, 0.0, 2e-9, 2e-9, 80e-9, 160e-9)


def test_the_second_inputs_drive_takes_the_first_ones_levels():
    steps = stated_steps("Drive m with a 0 to 5 V pulse, 40 ns high in an 80 ns period, and k with 80 ns high in a "
                         "160 ns period. Run 160 ns.", ["m", "k"])
    assert {level for _, level in steps["k"]} == {0.0, 5.0}


def test_a_stated_pulse_written_otherwise_fails_its_item():
    request = read_request(_TWO)
    stated = "VM m 0 PULSE(0 5 0 2n 2n 40n 80n)\n"
    other = {"a PWL": "VK k 0 PWL(0 5 80n 5 80.1n 0)\n",
             "another width": "VK k 0 PULSE(0 5 0 2n 2n 40n 160n)\n",
             "another level": "VK k 0 PULSE(0 1.8 0 2n 2n 80n 160n)\n"}
    for why, line in other.items():
        items = structure(request, parse("* answer\n" + stated + line + "R1 m w 1k\nR2 k w 1k\n.end\n").netlist)
        k_item = next(i for i in items if i.detail.startswith("VK"))
        assert k_item.status == FAIL, why
    right = "VK k 0 PULSE(0 5 0 2n 2n 80n 160n)\n"
    items = structure(request, parse("* answer\n" + stated + right + "R1 m w 1k\nR2 k w 1k\n.end\n").netlist)
    assert next(i for i in items if i.detail.startswith("VK")).status == PASS


# --- a zero-crossing detector rises with the sine from its start -------------------------------------------------

def test_a_zero_crossing_detector_is_high_for_the_sines_first_half_period():
    result = generate("zero-cross detector: op-amp on +/-6 V rails, 80 mV 4 kHz sine into node s, output q")
    items = [c for c in result.candidates[-1].verification.checks if "first upward zero crossing" in c.what]
    assert items and items[0].status == PASS
    assert result.verified
