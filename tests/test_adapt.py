"""A circuit no family builds: adapted from the corpus entry named so, or refused with the
nearest known circuits; an adapted answer is never verified without a measured function check."""
from __future__ import annotations

import pytest

from spice_lsp.generation import adapt
from spice_lsp.generation.checklist import PASS, UNCHECKED
from spice_lsp.generation.families import FAMILIES
from spice_lsp.generation.pipeline import CannotServe, generate, refusal
from spice_lsp.generation.retrieval import corpus_entries, corpus_examples
from spice_lsp.language.checks import check
from spice_lsp.language.elements import layout
from spice_lsp.language.model import Element

SAMPLER = "A switched-capacitor sampler on a 3.3 V supply, output at node out; operating point."
UNKNOWN = "The netlist of the Zorbitron-7 hyperdimensional regulator from our company's internal catalogue."


def test_a_confident_match_is_adapted_with_its_provenance():
    result = generate(SAMPLER)
    provenance = result.provenance
    assert provenance is not None and provenance.method == "lexical"
    entry = corpus_entries()[provenance.entry]
    assert adapt.circuit_name(entry) == provenance.name == "switched-capacitor sampler"
    assert (provenance.licence, provenance.repository, provenance.path, provenance.commit) == (
        entry["licence"], entry["source"]["repository"], entry["source"]["path"], entry["source"]["commit"])
    # Where it came from is said in the answer, its assumptions, its reason and its JSON.
    assert f"adapted from corpus entry {provenance.entry}" in result.netlist
    assert provenance.sentence() in result.assumptions and result.reason == provenance.sentence()
    assert result.to_json()["provenance"]["licence"] == entry["licence"]
    # The request's output node took the entry's output port, which is gone.
    checked = check(result.netlist)
    assert not checked.errors
    nodes = {f.text.lower() for st in checked.netlist.statements if isinstance(st, Element) for f in layout(st).nodes}
    assert "out" in nodes and "vout1" not in nodes


def test_an_adapted_answer_without_a_measured_function_check_is_not_verified():
    """Every other check of the request passes; nothing measures what the circuit does."""
    result = generate(SAMPLER)
    assert not result.verified
    unchecked = [i for i in result.checks if i.status != PASS]
    assert [(i.what, i.status) for i in unchecked] == [("what the adapted circuit does", UNCHECKED)]
    assert "its function is not checked" in unchecked[0].detail
    assert "unverified: its function is not checked" in " ".join(result.warnings)


def test_a_measured_spec_is_checked_on_the_adapted_circuit():
    """A stated output voltage is measured on the adapted circuit: the measurement, pass or fail,
    is the function check, and the answer is verified only if it passes."""
    result = generate(SAMPLER.replace("; operating point", ", output 1.2 V; operating point"))
    spec = next(i for i in result.checks if i.what == "output 1.2 V")
    assert spec.detail.startswith("measured")
    assert not any(i.what == "what the adapted circuit does" for i in result.checks)
    assert result.verified == all(i.status == PASS for i in result.checks)


@pytest.mark.parametrize("phrase", ["regulator", "Zorbitron-7 hyperdimensional regulator", "Two-stage",
                                    "Gilbert cell mixer"])
def test_a_weak_name_match_is_no_match(phrase):
    """A generic noun alone, or any word the entry's name lacks, adapts nothing."""
    assert adapt.find(f"A {phrase} on 5 V.", phrase) is None


def test_entries_known_only_by_their_chapter_have_no_circuit_name():
    chapters = [e for e in corpus_entries().values() if " chapter of " in e["description"]]
    assert chapters and all(adapt.circuit_name(e) is None for e in chapters)


def test_a_weak_match_is_refused_with_the_three_nearest_known_circuits():
    with pytest.raises(CannotServe) as raised:
        generate(UNKNOWN)
    error = raised.value
    assert str(error).startswith("no recipe for 'Zorbitron-7 hyperdimensional regulator'")
    assert len(error.nearest) == 3
    for known in error.nearest:
        assert known.summary in str(error) and FAMILIES[known.kind].summary == known.summary
        assert not check(known.netlist).errors
    assert any("regulator" in known.summary for known in error.nearest)
    assert refusal(UNKNOWN) is not None and [k.kind for k in refusal(UNKNOWN).nearest] == \
        [k.kind for k in error.nearest]
    assert refusal("RC low-pass, R = 1k, C = 100 nF, AC sweep to 1 MHz") is None


def test_the_nearest_circuits_read_back_to_their_families():
    """The name the CLI offers ('spice-lsp generate "<name>"') builds that family."""
    from spice_lsp.generation.intent import parse_intent
    for known in adapt.nearest_known(UNKNOWN, "Zorbitron-7 hyperdimensional regulator"):
        assert parse_intent(known.name).kind == known.kind


class FakeRetriever:
    """A loaded retriever over the corpus whose scores favour one entry (no embedder needed)."""

    def __init__(self, favourite: str) -> None:
        self.loaded = True
        self.examples = corpus_examples()
        self.favourite = favourite

    def search(self, query: str, k: int = 3):
        return sorted(((e, 1.0 if e.id == self.favourite else 0.0) for e in self.examples),
                      key=lambda pair: -pair[1])[:k]


def test_the_match_says_whether_embeddings_or_words_ordered_it():
    """Embeddings order the entries whose names match (never admit others); without a loaded
    retriever over the corpus, shared words do, and the provenance says which."""
    samplers = sorted(key for key, e in corpus_entries().items()
                      if adapt.circuit_name(e) == "switched-capacitor sampler")
    lexical = adapt.find(SAMPLER, "switched-capacitor sampler")
    assert lexical is not None and lexical[1] == "lexical" and lexical[0] in samplers
    favourite = next(key for key in samplers if key != lexical[0])
    assert adapt.find(SAMPLER, "switched-capacitor sampler", FakeRetriever(favourite)) == (favourite, "embedding")
    other = next(key for key, e in corpus_entries().items() if adapt.circuit_name(e) is None)
    assert adapt.find(SAMPLER, "switched-capacitor sampler", FakeRetriever(other))[0] in samplers


def test_the_circuit_phrase_stops_at_articles_and_units():
    text = "BJT pair with a 1 mA tail current source to -12 V"
    start = text.index("current source")
    assert adapt.noun_phrase(text, start, start + len("current source")) == "tail current source"
    text = UNKNOWN
    start = text.index("regulator")
    assert adapt.noun_phrase(text, start, start + len("regulator")) == "Zorbitron-7 hyperdimensional regulator"


def test_another_name_in_parentheses_after_the_familys_own_is_no_other_circuit():
    assert refusal("State-variable (biquad) active filter, input in, band-pass output bp; AC 10 Hz to 100 kHz.") is None
    assert refusal("State-variable filter feeding a biquad, input in; AC 10 Hz to 100 kHz.") is not None


def test_a_circuit_named_as_not_wanted_or_a_sensor_stated_as_its_part_needs_no_recipe():
    # "(no PLL)" says what is not asked for; a sensor given its resistance or voltage is a part.
    assert refusal("A voltage-controlled oscillator on its own (no PLL): control input vc, 1 kHz per volt.") is None
    assert refusal("A voltage-controlled oscillator locked by a PLL to 1 kHz.") is not None
    assert refusal("Thermocouple amplifier: the junction gives 4.1 mV DC at in, a non-inverting op-amp stage "
                   "with a gain of 244; operating point.") is None
    # what the junction is not said: the thermocouple amplifier family (its own record) builds one
    assert refusal("Thermocouple amplifier with a gain of 244.") is None
    # a lower-case name after 'node'/'into' is the node's: "from node rtd to ground"
    assert refusal("PT100 RTD at 100 °C (138.5 Ω) from node rtd to ground, excited by a 1 mA current source into "
                   "rtd, followed by a non-inverting op-amp with a gain of 10 to out; operating point.") is None


def test_a_circuit_only_the_corpus_names_is_adapted_not_answered_with_a_divider():
    result = generate("A switched-capacitor sampler on 3.3 V, input in at 1.65 V DC, output out; 200 ns transient.")
    assert result.provenance is not None and result.intent.kind == "generic"
    assert adapt.circuit_name(corpus_entries()[result.provenance.entry]) == "switched-capacitor sampler"
    assert not result.verified


def test_a_dc_sweep_sweeps_the_adapted_circuits_own_source():
    result = generate("A switched-capacitor sampler with R1 = 20k, supply 3.3 V at node vdd, output out; "
                      "DC sweep of the supply from 0 to 3.3 V.")
    assert result.provenance is not None
    failed = [(i.what, i.status) for i in result.checks if i.status != PASS]
    assert failed == [("what the adapted circuit does", UNCHECKED)]  # R1's value, the sweep, the nodes: all there


def test_the_requests_input_and_its_stated_levels_go_on_the_entrys_input_port():
    result = generate("Low-noise amplifier (LNA) on 3.3 V, input rfin at 0.9 V DC, output rfout; "
                      "AC sweep 1 MHz to 10 GHz.")
    assert result.provenance is not None
    (source,) = [line.split() for line in result.netlist.split("\n") if line[:1] == "V" and " rfin " in line]
    assert source[1:5] == ["rfin", "0", "DC", "0.9"] and "AC" in source  # the entry's AC stimulus stays
    stated = next(i for i in result.checks if i.what.startswith("input rfin at 0.9 V DC"))
    assert stated.status == PASS
