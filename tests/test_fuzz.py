"""Bounded fuzzing of the core (the long run is `python -m benchmarks.fuzz --inputs 1000000`).

The properties are benchmarks/fuzz.py's: no exception escapes the parser, the checks, the
features, the units parser or the intent parser; every diagnostic range lies inside the
document; formatting is idempotent and changes only blanks. Hypothesis runs derandomized, so
a failure here is reproducible; the crashes fuzzing found are pinned below as plain cases.
"""
from __future__ import annotations

import math
import random

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from benchmarks import fuzz
from spice_lsp.language.checks import check
from spice_lsp.language.units import format_eng, parse_number

SETTINGS = settings(max_examples=300, deadline=None, derandomize=True, database=None,
                    suppress_health_check=[HealthCheck.too_slow])
CORPUS, CORPUS_NAME = fuzz.load_corpus()

# Any code point, lone surrogates included (a JSON string can carry "\udc80").
any_text = st.text(st.characters(codec=None, categories=None), max_size=400)
decoded_bytes = st.tuples(st.binary(max_size=400), st.sampled_from(["replace", "surrogateescape"])) \
    .map(lambda b: b[0].decode("utf-8", b[1]))
spice_words = st.lists(st.sampled_from(fuzz.TOKENS + fuzz.VALUES + ["R1", "a", "0", " ", "\n"]), max_size=60) \
    .map("".join)


@SETTINGS
@given(st.one_of(any_text, decoded_bytes, spice_words))
def test_documents_of_random_text_hold_the_properties(text):
    fuzz.check_document(text, random.Random(0))


@SETTINGS
@given(st.randoms(use_true_random=False))
def test_grammar_shaped_netlists_hold_the_properties(rng):
    fuzz.check_document(fuzz.grammar(rng, CORPUS), rng)


@SETTINGS
@given(st.randoms(use_true_random=False))
def test_mutated_corpus_netlists_hold_the_properties(rng):
    fuzz.check_document(fuzz.corpus_mutation(rng, CORPUS), rng)


@SETTINGS
@given(st.one_of(any_text, st.builds(fuzz.random_units_text, st.randoms(use_true_random=False))))
def test_units_parser_never_raises(text):
    fuzz.check_units(text, random.Random(0))


@SETTINGS
@given(st.floats(allow_nan=False, allow_infinity=False).filter(lambda x: x == 0 or 1e-15 <= abs(x) <= 1e15))
def test_engineering_notation_reads_back(value):
    back = parse_number(format_eng(value).replace(" ", "").replace("µ", "u"))
    assert back is not None and math.isclose(back, value, rel_tol=1e-3)


@SETTINGS
@given(st.one_of(any_text, st.builds(fuzz.random_description, st.randoms(use_true_random=False))))
def test_intent_parser_serves_or_refuses(text):
    fuzz.check_intent(text, random.Random(0))


def test_a_bounded_mutation_run_finds_no_failure():
    """A few thousand inputs through every generator and target, as the long run does."""
    result = fuzz.run(2000, seed=20261124, corpus=CORPUS)
    assert sum(result["tried"].values()) == 2000
    assert set(result["tried"]) == {f"document/{g}" for g in fuzz.DOCUMENT_GENERATORS} | {
        "units/random", "intent/random", "request/random"}
    assert result["failed"] == {}, result["failures"][:3]


def test_the_corpus_is_the_ngspice_examples_when_present():
    # Computed, never skipped: without the ngspice source the fixtures stand in, and say so.
    assert CORPUS and all(isinstance(lines, list) for lines in CORPUS)
    assert "ngspice-src" in CORPUS_NAME or "fixtures" in CORPUS_NAME


# ---------------------------------------------------------------------------------------
# Regressions: inputs fuzzing found, minimized


@pytest.mark.parametrize("text, line, span", [
    # Lark reports the end of a statement one character past the line: the range overshot.
    ("t\n.tran\n", 1, (0, 5)),
    ("t\nrun\n", 1, (0, 3)),
    ("t\n; x\n", 1, (0, 1)),
    ("t\nR1 a 0 (\n", 1, (7, 8)),
])
def test_syntax_error_ranges_stay_inside_the_line(text, line, span):
    lines = text.split("\n")
    found = [d for d in check(text).diagnostics if d.code in ("SP001", "SP002")]
    assert found, "a syntax error is reported"
    for d in found:
        assert fuzz.range_inside(d.range, lines), d
    d = found[0]
    assert d.range.start.line == line
    if d.code == "SP001":
        assert (d.range.start.character, d.range.end.character) == span


@pytest.mark.parametrize("text", [
    "\nv 1 0(()()()() \n+()()()())",  # a group continued over a line, with a trailing blank
    "\nG V V{ \n+}",
    "\nC 1 0\r\r",  # two carriage returns: the formatter dropped one
    " \r\t",  # blanks after a final carriage return: formatting took two passes to settle
    "x\nR1 a 0 1k \r\t",
    "\nR 1 0  ;\r ",  # a blank after the final carriage return: aligned only on the second pass
    "x\nR6 1 0 47K3  ; 47.3k\r \nR7 1 0 1\n",
    # long run, seed 20000: `$;` is a field `$` and a comment; a blank after `$` makes a comment of it
    "INP\t4 0 2.99925V  AC 0.5V\nVINM\t7 0 3V      $;  AC 0.5V 180",
    # found before this suite by a throwaway fuzz (commit 3ca2761): fields written together,
    # control characters, NUL bytes in include paths
    "t\nA2 $(in 0) %id(aout 0) gain1\n",
    "t\nK1 L1 L2 0.99\x0b\n",
    "t\n.include a\x00b\nR1 a 0 1k\n",
])
def test_found_by_fuzzing(text):
    fuzz.check_document(text, random.Random(0), positions=10)


@pytest.mark.parametrize("text", [
    # \d matches digits of every script, which no SPICE number reader accepts
    "L=1uH VDD=5V kilo \u0b670 \u00b5 Vin=12V",
    "\u0de8(, RC, C=100n, L=1u",
])
def test_intent_with_digits_of_other_scripts(text):
    fuzz.check_intent(text, random.Random(0))


@pytest.mark.parametrize("text", [
    # seed 9601: a swept source word taken from the request ("0{a*b}") was used as a pattern
    "cutoff 3.3 kHz, dB, 0{a*b}, DC\n+ input 0.3 V at in, MHz, RC.subckt, to, W=10u, BJT, to, (ep, 4k7, MHz",
    # seed 9603: words after "AC" taken for a directive typed without its dot ("ac 555 20 -5 3k-ish")
    "0 BF=200 RF = 20k from node n to out 125C Schmitt trigger 5ms Q of 5 0 VCVS E1, gain 1e6 rectifier 0 "
    "Vout=5V AC 555 20 -5 3k-ish pair R-2R Q of 5 oscillator IS=1e-14",
    "meg RD=10k a 4.7k resistor R2 between mid and out L=1uH C=100n R1 = 10k from in to mid AC -40C - 0 - Q of 5",
    "input at node a AC 4k7 R-2R diode D1, anode at a, cathode to ground AC 20 2k2 5ms -40C for differential",
    "diode D1, anode at a, cathode to ground MHz output node vout V (AC 1 4k7 3k-ish 0.47\u00b5F",
    "0 W=10u 3.3 V out zener diode \u03a9 buck 0 oscillatesat 1 AC 1kHz 12 2k2 0 dB 8!{",
])
def test_requests_found_by_fuzzing(text):
    fuzz.check_request(text, random.Random(0))
