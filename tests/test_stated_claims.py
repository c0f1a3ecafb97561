"""What a request states about its parts, levels and stimulus is checked on the answer, so that an answer which drops
it (and still simulates) is never said to be verified."""
import pytest

from spice_lsp.generation.checklist import FAIL, PASS
from spice_lsp.generation.coverage import named_parts
from spice_lsp.generation.stated.nodes import stated_ends
from spice_lsp.generation.stated.sources import dc_levels, steps, wave_frequencies
from tests.measuring import deck, statuses


# --- a name given to a part of its kind is an element's name, not a node's
def test_a_part_name_kept_only_as_a_node_fails():
    answer = deck("Vmain vmain 0 AC 1", "C1 vmain cx 22n", "R1 cx 0 47k", ".ac dec 10 1 1meg")
    items = named_parts("High-pass RC at 150 Hz; the coupling capacitor is called CX.", answer)
    assert statuses(items) == [FAIL] and "no element" in items[0].detail


def test_a_part_name_on_its_element_passes():
    answer = deck("V1 a 0 AC 1", "CX a b 22n", "R1 b 0 47k", ".ac dec 10 1 1meg")
    assert named_parts("High-pass RC at 150 Hz; the coupling capacitor is called CX.", answer) == []


def test_a_name_of_another_kind_than_its_noun_may_be_a_node():
    # "source at VREF" names where the source sits; the letter V is a source's, but the noun is no part's here
    answer = deck("V1 vref 0 2.5", "R1 vref 0 10k", ".op")
    assert named_parts("A 10k resistor loads VREF = 2.5 V.", answer) == []


# --- a DC level stated for an input
@pytest.mark.parametrize("text", ["Gain -2 inverting stage, 0.45 V DC in.", "Follower with 450 mV DC on node p."])
def test_a_stated_dc_level_held_by_no_source_fails(text):
    answer = deck("V1 p 0 DC 0 AC 1 SIN(0 0.45 1k)", "R1 p q 1k", ".op")
    assert statuses(dc_levels(text, answer)) == [FAIL]


def test_a_stated_dc_level_held_or_swept_passes():
    held = deck(".param lvl=0.45", "V1 p 0 DC {lvl}", "R1 p 0 1k", ".op")
    swept = deck("V1 p 0 DC 0", "R1 p 0 1k", ".dc V1 0 1 0.01")
    assert statuses(dc_levels("Divider, 0.45 V DC in.", held)) == [PASS]
    assert statuses(dc_levels("Divider, 0.45 V DC in.", swept)) == [PASS]


@pytest.mark.parametrize("text", ["A 1 kHz sine with a 0.5 V DC offset.", "Buck from a 24 V DC supply.",
                                  "Boost to 12 V DC output.", "Sweep the input from 0 to 3 V DC."])
def test_dc_words_that_are_no_input_level_are_not_read(text):
    assert dc_levels(text, deck("V1 p 0 DC 0", "R1 p 0 1k", ".op")) == []


# --- a stimulus's stated frequency
def test_a_sine_made_at_another_frequency_fails():
    answer = deck("V1 a 0 SIN(0 1 300)", "R1 a b 10k", "C1 b 0 10n", ".tran 10u 20m")
    items = wave_frequencies("Low-pass at 300 Hz, from a to b; drive it with a 50 Hz sine; 20 ms transient.", answer)
    assert statuses(items) == [FAIL]


def test_a_square_wave_at_its_stated_frequency_passes():
    answer = deck("V1 a 0 PULSE(0 3.3 0 1u 1u 0.25m 0.5m)", "R1 a b 10k", "C1 b 0 10n", ".tran 1u 5m")
    assert statuses(wave_frequencies("Feed a 2 kHz square wave into an RC low-pass.", answer)) == [PASS]


def test_a_corner_frequency_in_the_wave_clause_is_not_the_wave():
    answer = deck("V1 a 0 SIN(0 1 50)", "R1 a b 10k", "C1 b 0 10n", ".tran 10u 20m")
    assert wave_frequencies("A sine filter with its corner at 1 kHz.", answer) == []


def test_no_transient_no_wave_frequency_check():
    answer = deck("V1 a 0 AC 1", "R1 a b 10k", "C1 b 0 10n", ".ac dec 10 1 1meg")
    assert wave_frequencies("Driven by a 50 Hz sine.", answer) == []


# --- a step input
def test_a_repeating_pulse_is_no_step():
    answer = deck("V1 a 0 PULSE(0 5 10u 1n 1n 40u 80u)", "R1 a b 1k", "C1 b 0 10n", ".tran 0.1u 400u")
    assert statuses(steps("Hit an RC low-pass with a 5 V step at 10 us.", answer)) == [FAIL]


@pytest.mark.parametrize("source", ["V1 a 0 PULSE(0 5 10u 1n 1n)", "V1 a 0 PULSE(0 5 10u 1n 1n 1 2)",
                                    "V1 a 0 PWL(0 0 10u 0 10.001u 5)"])
def test_a_held_level_is_a_step(source):
    answer = deck(source, "R1 a b 1k", "C1 b 0 10n", ".tran 0.1u 400u")
    assert statuses(steps("a step of 5 V into an RC low-pass; 0.1 us step size", answer)) == [PASS]


# --- both ends of "from a to b"
def test_an_end_named_by_a_word_is_a_node_when_its_partner_is():
    answer = deck("V1 sn 0 0.25", "R1 sn out 1k", "R2 out 0 1k", ".op")
    items = stated_ends("Divider from sn to so, op point.", answer)
    assert [i.what.split()[1] for i in items] == ["so"] and statuses(items) == [FAIL]


@pytest.mark.parametrize("text", ["A 1k resistor from in to ground.", "Amplify from 5 V to 3.3 V logic.",
                                  "An RC low-pass from in to out."])
def test_ends_that_name_no_missing_node_pass(text):
    assert stated_ends(text, deck("V1 in 0 1", "R1 in out 1k", "C1 out 0 1n", ".op")) == []


def test_a_wave_written_with_params_is_read_through_them():
    answer = deck(".param freq=1k duty=0.5", "V1 a 0 PULSE(0 3.3 {0.1/freq} 1n 1n {duty/freq} {1/freq})",
                  "R1 a b 10k", "C1 b 0 10n", ".tran 1u 3m")
    assert statuses(wave_frequencies("driven by a 0/3.3 V 1 kHz square.", answer)) == [PASS]


def test_a_wave_the_circuit_makes_itself_is_no_source_frequency():
    # an oscillator's square wave: no source makes it, the op-amp and its RC network do
    answer = deck(".subckt cmp p n o", "B1 o 0 V={10*tanh(1e4*(v(p)-v(n)))}", ".ends", "R1 out p 10k", "R2 p 0 10k",
                  "R3 out n 45k", "C1 n 0 10n", "X1 p n out cmp", ".tran 5u 30m")
    assert wave_frequencies("something that swings between the rails 1000 times a second (a 1 kHz square wave)",
                            answer) == []


# --- the family's checks read the request the build already has
def test_a_render_uses_the_request_it_is_given():
    from spice_lsp.generation.families import render
    from spice_lsp.generation.intent import parse_intent
    from spice_lsp.generation.request import Request, SourceConstraint, read_request

    text = "TIA front end, 47k feedback, 2 uA photocurrent"
    intent = parse_intent(text)
    own = render(intent, read_request(text)).function[0]
    pushed = Request(text, sources=[SourceConstraint("2 uA into node pd", "pd", kind="I")])
    into_node = render(parse_intent(text), pushed).function[0]
    assert own.target > 0 and into_node.target == -own.target  # a current pushed into a node drives it negative
    assert render(parse_intent(text)).function[0].target == own.target  # no request given: read from the text


def test_a_builds_specs_hold_a_centre_to_what_its_q_allows():
    from spice_lsp.generation.pipeline import _build

    build = _build("Active band-pass, centre frequency 3 kHz, Q of 8")
    centre = next(s for s in build.specs if s.quantity == "center")
    said = next(s for s in build.request.specs if s.quantity == "center")
    assert centre.tolerance == pytest.approx(min(said.tolerance, 0.05 / 8))


@pytest.mark.parametrize("text", ["Low-pass at 5 kHz; in = a7, out = b7.", "RC high-pass, input: a7, output: b7."])
def test_a_port_set_equal_to_a_name_is_a_node(text):
    from spice_lsp.generation.stated.nodes import rail_nodes

    answer = deck("V1 a7 0 AC 1", "R1 a7 out 1k", "C1 out 0 10n", ".ac dec 10 1 1meg")
    assert [(i.what.split()[1], i.status) for i in rail_nodes(text, answer)] == [("b7", FAIL)]


@pytest.mark.parametrize("text", ["output: a 1 kHz square wave", "in = 5 V, out = 3.3 V", "output = ground"])
def test_a_port_set_equal_to_no_name_is_not_read(text):
    from spice_lsp.generation.stated.nodes import rail_nodes

    assert rail_nodes(text, deck("V1 in 0 5", "R1 in out 1k", "R2 out 0 1k", ".op")) == []


def test_ports_named_as_a_pair_are_nodes():
    from spice_lsp.generation.stated.nodes import rail_nodes

    answer = deck("V1 in 0 AC 1", "R1 in out 1k", "C1 out 0 10n", ".ac dec 10 1 1meg")
    items = rail_nodes("RC low-pass 3 kHz, input pa and output pb; AC sweep.", answer)
    assert [(i.what.split()[1], i.status) for i in items] == [("pa", FAIL), ("pb", FAIL)]
    assert rail_nodes("RC low-pass 3 kHz, input in and output out.", answer) == []
    assert rail_nodes("Two 1k resistors in series, out vo.", deck("V1 a 0 1", "R1 a vo 1k", "R2 vo 0 1k", ".op")) == []


def test_a_name_after_pin_is_a_node():
    from spice_lsp.generation.stated.nodes import rail_nodes

    answer = deck("V1 in 0 AC 2", "R1 in out 1k", "C1 out 0 10n", ".ac dec 10 1 1meg")
    items = rail_nodes("Low-pass RC at 3 kHz, input pin pa1, output terminal p_b.", answer)
    assert [(i.what.split()[1], i.status) for i in items] == [("pa1", FAIL), ("p_b", FAIL)]
    assert rail_nodes("a ramp on the input pin starting at 0 V", answer) == []
