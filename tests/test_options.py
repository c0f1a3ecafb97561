"""The editor's options, the CLI's generation flags read by the same builder, and the core's
decision of when a generated answer goes into the document."""
from dataclasses import replace

import pytest

from spice_lsp.cli import _assistant, build_parser
from spice_lsp.editor.features import place_generated
from spice_lsp.editor.options import Options
from spice_lsp.generation.assistant import GenerationOptions
from spice_lsp.generation.pipeline import checklist_lines, generate


def test_client_options_in_camel_or_snake_case_and_problems_reported():
    options, problems = Options.from_client({"includePaths": ["lib"], "debounce_ms": 40,
                                             "generation": {"baseModel": "m", "budgetS": 5}, "colour": "red"})
    assert options.include_paths == ["lib"] and options.debounce_ms == 40
    assert options.generation == GenerationOptions(base_model="m", budget_s=5.0)
    assert problems == ["unknown option 'colour'"]


def test_an_unknown_backend_is_reported_and_replaced_by_the_default():
    options, problems = Options.from_client({"generation": {"backend": "gpt9", "budgetS": -1}})
    assert options.generation == GenerationOptions()
    assert problems == ["option 'generation.budgetS' has an invalid value -1; using 20.0",
                        "unknown backend 'gpt9': choose one of template, transformers, openai"]


def test_the_cli_flags_give_the_options_the_editor_would():
    args = build_parser().parse_args(["generate", "x", "--backend", "openai", "--openai-url", "http://h:1/v1",
                                      "--budget", "7"])
    client, problems = Options.from_client({"generation": {"backend": "openai", "openaiUrl": "http://h:1/v1",
                                                            "budgetS": 7}})
    assert problems == [] and _assistant(args).options == client.generation
    with pytest.raises(ValueError, match="'--budget_s' has an invalid value -1.0"):
        _assistant(build_parser().parse_args(["generate", "x", "--budget", "-1"]))


DOCUMENT = "* describe: RC low-pass, cutoff 1 kHz\n"


@pytest.fixture(scope="module")
def answer():
    return generate("RC low-pass, cutoff 1 kHz")


def place(result, **states):
    flags = {"cancelled": False, "stopped": False, "changed": False, "model_asked": False} | states
    return place_generated(result, DOCUMENT, 0, **flags)


def test_a_verified_answer_goes_in_with_its_checklist(answer):
    assert answer.verified
    placed = place(answer)
    assert placed.insertion is not None and placed.insertion.position.line == 0 and not placed.warning
    assert placed.message.startswith("inserted the template answer") and all(
        line in placed.message for line in checklist_lines(answer))


def test_nothing_goes_in_after_a_cancel_or_a_change_and_the_user_is_told(answer):
    assert place(answer, cancelled=True) == place(answer, cancelled=True, changed=True)
    assert place(answer, cancelled=True).insertion is None and "cancelled" in place(answer, cancelled=True).message
    assert place(answer, changed=True).insertion is None and "changed" in place(answer, changed=True).message


def test_an_unverified_answer_cut_short_by_the_budget_is_dropped_silently(answer):
    unverified = replace(answer, netlist=answer.netlist + "* edited\n")
    assert not unverified.verified
    assert place(unverified, stopped=True).insertion is None and place(unverified, stopped=True).message is None
    assert place(answer, stopped=True).insertion is not None  # a verified one still goes in
    assert place(unverified).warning  # unverified, not stopped: inserted, as a warning


def test_the_template_answering_for_a_configured_model_is_a_warning(answer):
    assert place(answer, model_asked=True).warning and not place(answer).warning
