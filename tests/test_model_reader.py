"""The model's reading job (model_reader.py and its hook in pipeline.generate): a fake model
stands in for the language model, so these run without one."""
from __future__ import annotations

import pytest

from spice_lsp.generation.lm import READER_SYSTEM, Draft
from spice_lsp.generation.model_reader import cross_check, family_named, values_in
from spice_lsp.generation.pipeline import PASS, CannotServe, generate

# Requests the rules cannot read (their reader grows: when it learns one, pick another)
LOW_PASS = "a passive two-part network (one 10 nF cap) whose response falls by 3 dB at 1.6 kHz, sweep 10 Hz to 1 MHz"


class FakeReader:
    """Answers every prompt with one prepared restatement and keeps the prompts."""

    name = "fake"

    def __init__(self, answer: str):
        self.answer = answer
        self.prompts: list = []

    def draft(self, prompt, *, max_new_tokens=384, temperature=0.0, stop=None, on_text=None):
        self.prompts.append(prompt)
        return Draft(self.answer, len(self.answer.split()), 0.01, 100.0, False)


def test_numbers_are_compared_as_values_whatever_their_spelling():
    assert {4700.0, 3300.0, 1e-8, 1e4, 0.5} <= set(values_in("4k7, 3.3 kHz, 10 nF, ten kilohms, 50%"))
    assert 4700.0 in values_in("4.7 kΩ") and 4700.0 in values_in("4700 ohms")


def test_a_restatement_is_used_only_when_everything_in_it_comes_from_the_request():
    good = cross_check(LOW_PASS, "RC low-pass filter: C = 10n, cutoff 1.6 kHz, AC from 10 Hz to 1 MHz")
    assert good.ok and good.kind == "rc_lowpass"
    invented_number = cross_check(LOW_PASS, "RC low-pass filter: C = 22n, cutoff 1.6 kHz")
    assert not invented_number.ok and "numbers not in the request: 22n" in invented_number.problems
    invented_node = cross_check(LOW_PASS, "RC low-pass filter: C = 10n from vx to 0")
    assert not invented_node.ok and "nodes not in the request: vx" in invented_node.problems
    invented_part = cross_check(LOW_PASS, "RC low-pass filter: C7 = 10n")
    assert not invented_part.ok and "parts not in the request: C7" in invented_part.problems
    assert not cross_check(LOW_PASS, "tone control: C = 10n").ok  # no registry family
    assert family_named("RC low-pass filter: C = 10n") == ("rc_lowpass", "C = 10n")


def test_the_rules_build_and_verify_the_model_reading_of_a_request_they_could_not_read():
    reader = FakeReader("RC low-pass filter: C = 10n, cutoff 1.6 kHz, AC from 10 Hz to 1 MHz")
    result = generate(LOW_PASS, reader=reader)
    assert result.backend == "fake" and result.verified, result.checks
    assert "read by the model as: RC low-pass filter: C = 10n, cutoff 1.6 kHz, AC from 10 Hz to 1 MHz" \
        in result.assumptions
    assert reader.prompts[0].system == READER_SYSTEM and LOW_PASS in reader.prompts[0].user
    # the cutoff, measured, confirms the circuit the model chose
    assert any("the circuit the model read" in i.what and i.status == PASS for i in result.checks)
    assert generate(LOW_PASS).backend == "template"  # the rules alone are unchanged


def test_a_reading_with_an_invented_value_is_discarded():
    result = generate(LOW_PASS, reader=FakeReader("RC low-pass filter: C = 22n, cutoff 1.6 kHz"))
    assert result.backend == "template" and "22n" in result.reason
    assert not any(c.source == "model-reading" for c in result.candidates)


def test_the_original_request_is_still_checked_on_the_answer_to_its_restatement():
    # The restatement leaves out the request's 47 nF capacitor: the cross-check discards it (and
    # were it built, the answer would have the family's own capacitor and fail the value check).
    description = LOW_PASS.replace("10 nF", "47 nF")
    result = generate(description, reader=FakeReader("RC low-pass filter: cutoff 1.6 kHz, AC from 10 Hz to 1 MHz"))
    assert result.backend == "template" and "numbers of the request left out: 47 nF" in result.reason


def test_a_circuit_the_model_chose_without_a_measured_spec_never_replaces_a_refusal():
    description = "a gizmo that keeps only the slow wiggles"
    with pytest.raises(CannotServe, match="no circuit could be recognised"):
        generate(description)
    with pytest.raises(CannotServe, match="no measured spec of the request confirms what the circuit does"):
        generate(description, reader=FakeReader("RC low-pass filter"))


def test_words_the_rules_cannot_read_are_no_restatement():
    reading = cross_check("turn my favourite song into a circuit", "series RLC circuit: music")
    assert not reading.ok and "words the rules cannot read: music" in reading.problems


def test_a_named_circuit_without_a_recipe_stays_refused_whatever_the_model_reads():
    with pytest.raises(CannotServe, match="no recipe for"):
        generate("a Cauer (elliptic) filter with a 10 nF capacitor",
                 reader=FakeReader("RC low-pass filter: C = 10n"))


def test_an_adapter_trained_on_the_reading_job_reads(tmp_path):
    from spice_lsp.generation.assistant import adapter_job
    (tmp_path / "dataset_config.json").write_text('{"args": {}, "job": "read"}')
    assert adapter_job(tmp_path) == "read"
    (tmp_path / "dataset_config.json").write_text('{"args": {}}')
    assert adapter_job(tmp_path) == "draft" and adapter_job(None) == "draft"


def test_every_family_example_restatement_is_read_back_as_that_family():
    # the prompt shows the model these forms to copy: each must be one the rules read as the family
    from spice_lsp.generation.families import FAMILIES
    from spice_lsp.generation.intent import parse_intent
    from spice_lsp.generation.model_reader import example_restatement
    for kind in FAMILIES:
        if kind == "generic":
            continue
        example = example_restatement(kind)
        assert family_named(example)[0] == kind and parse_intent(example).kind == kind, example
        assert cross_check(example, example).ok, example


def test_the_prompt_shows_each_nearest_circuit_as_its_form_with_slots_for_the_figures():
    from spice_lsp.generation.model_reader import read, reading_form
    reader = FakeReader("RC low-pass filter: C = 10n, cutoff 1.6 kHz")
    read(LOW_PASS, reader, ["RC low-pass filter", "RC high-pass filter", "no such circuit"])
    lines = reader.prompts[0].user.split("\n")
    assert lines == [f"Known circuit: {reading_form('rc_lowpass')}",
                     f"Known circuit: {reading_form('rc_highpass')}", f"Request: {LOW_PASS}"]
    assert reading_form("rc_lowpass") == "RC low-pass filter: R = ?, C = ?, cutoff ?, AC from ? to ?"


def test_slots_the_model_left_unfilled_are_dropped_before_the_cross_check():
    from spice_lsp.generation.model_reader import read
    reading = read(LOW_PASS, FakeReader("RC low-pass filter: R = ?, C = 10n, cutoff 1.6 kHz, AC from ? to ?, "
                                           "AC from 10 Hz to 1 MHz"), [])
    assert reading.ok and reading.text == "RC low-pass filter: C = 10n, cutoff 1.6 kHz, AC from 10 Hz to 1 MHz"


class StreamingReader(FakeReader):
    """Streams its answer a word at a time, as the transformers backend does, until told to stop."""

    def draft(self, prompt, *, max_new_tokens=384, temperature=0.0, stop=None, on_text=None):
        self.prompts.append(prompt)
        written = ""
        for piece in self.answer.split(" "):
            if stop is not None and stop.is_set():
                break
            written += piece + " "
            if on_text:
                on_text(piece + " ")
        self.written = written
        return Draft(written, len(written.split()), 0.01, 100.0, stop is not None and stop.is_set())


def test_the_reading_ends_at_the_end_of_its_line():
    from spice_lsp.generation.model_reader import read
    reader = StreamingReader("RC low-pass filter: C = 10n, cutoff 1.6 kHz, AC from 10 Hz to 1 MHz\n"
                             "and then it goes on and on")
    reading = read(LOW_PASS, reader, ["RC low-pass filter"])
    assert reading.ok and reading.text == "RC low-pass filter: C = 10n, cutoff 1.6 kHz, AC from 10 Hz to 1 MHz"
    assert "goes on" not in reader.written
    stopped = __import__("threading").Event()
    stopped.set()
    assert read(LOW_PASS, reader, [], stopped).problems == ["stopped"]


def test_a_reading_that_loops_ends_at_its_first_repeated_item():
    from spice_lsp.generation.model_reader import read
    reader = StreamingReader("RC low-pass filter: C = 10n, cutoff 1.6 kHz, AC from 10 Hz to 1 MHz, C = 10n, "
                             "cutoff 1.6 kHz, C = 10n, and on")
    reading = read(LOW_PASS, reader, [])
    assert reading.ok and reading.text == "RC low-pass filter: C = 10n, cutoff 1.6 kHz, AC from 10 Hz to 1 MHz"
    assert "and on" not in reader.written  # generation stopped there


def test_a_reading_cut_off_at_the_token_cap_loses_its_unfinished_last_item():
    from spice_lsp.generation.model_reader import MAX_TOKENS, read

    class CutOff(FakeReader):
        def draft(self, prompt, **kwargs):
            return Draft(self.answer, MAX_TOKENS, 0.01, 100.0, False)

    # "R = 1" is the start of "R = 10k": a figure the request holds, but not the one it gives R
    reading = read(LOW_PASS + ", R = 10k", CutOff("RC low-pass filter: C = 10n, cutoff 1.6 kHz, AC from 10 Hz to "
                                                  "1 MHz, R = 1"), [])
    assert reading.text == "RC low-pass filter: C = 10n, cutoff 1.6 kHz, AC from 10 Hz to 1 MHz"


def test_a_restatement_that_leaves_out_a_figure_of_the_request_is_not_used():
    # the answer to it would say verified while the request's Q was neither built nor checked
    request = "an active twin-T notch at 50 Hz, Q around 2, input in, output out"
    reading = cross_check(request, "active twin-T notch filter: notch at 50 Hz")
    assert not reading.ok and reading.problems == ["numbers of the request left out: 2"]
    assert cross_check(LOW_PASS, "RC low-pass filter: C = 10n, cutoff 1.6 kHz, AC from 10 Hz to 1 MHz").ok
    # '-3 dB point' says what the cutoff is; it is no figure to restate
    assert cross_check("RC high-pass, C = 10 nF, -3 dB point at 1 kHz", "RC high-pass filter: C = 10n, cutoff 1 kHz").ok


def test_a_family_name_holding_a_colon_is_read_whole():
    # "2:1 multiplexer: ..." names the multiplexer, not a family called "2"
    assert family_named("2:1 multiplexer: W = 1u, operating point") == ("tg_mux", "W = 1u, operating point")
    assert family_named("2:1 multiplexer") == ("tg_mux", "")
