"""The parser's fast path for one-line elements builds exactly what the grammar builds.

parse_element_line answers for the lines it is sure of and leaves every other line to Lark
(parse_with_grammar); wherever it answers, the two must agree, object for object, on
ngspice's own examples and on random lines full of the characters that change the reading.
"""
from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from spice_lsp.cli import read_netlist
from spice_lsp.language.parser import Chunk, parse_element_line, parse_with_grammar, split_statements

from .test_ngspice_corpus import _corpus


def _agrees(chunk: Chunk) -> bool | None:
    """None when the fast path leaves the chunk to Lark, else whether the two agree."""
    fast = parse_element_line(chunk)
    return None if fast is None else fast == parse_with_grammar(chunk)


@pytest.mark.parametrize("line", [
    "R1 a b 1k", "  c12 out 0 4.7n ic=0.5", "M1 d g s b nmos w=1u l = 0.18u m=", "V1 in 0 DC 1 AC 1 ; supply",
    "Vclk clk 0 PULSE 0 1 0 1n 1n 5u 10u", "X1 a b sub $ the call", "Q3 c b e qnpn area=2 off",
    "K1 L1 L2 0.99", "U7 a b c urc l=1", "E1 o 0 a b = 2", "R2 a b 1k\r", "Dx a k dmod // note",
])
def test_common_element_lines_take_the_fast_path_and_agree(line):
    assert _agrees(Chunk(3, line)) is True


@pytest.mark.parametrize("line", [
    "R1 a", "R1 a=1 b 1k", "R1 a, b 1k", "V1 a 0 PULSE(0 1)", "B1 o 0 v={a*2}", "R1 a b 'x*2'",
    "\u212a1 l1 l2 1", "R1\u00a0a b 1k", "R1 a\x0bb 1k", ".model d D", "* comment", "1R a b 1k",
])
def test_lines_the_fast_path_is_not_sure_of_go_to_the_grammar(line):
    assert parse_element_line(Chunk(3, line)) is None


PER_FILE = 1_000  # element lines compared per file: a few generated netlists hold 100,000


def test_the_element_lines_of_the_ngspice_examples_agree():
    module, tree = _corpus()
    compared, disagree = 0, []
    for path in module.find_netlists(tree):
        try:
            text = read_netlist(path)
        except ValueError:
            continue  # not a text file
        in_file = 0
        for chunk in split_statements(text)[2]:
            verdict = _agrees(chunk)
            in_file += verdict is not None
            if verdict is False:
                disagree.append(f"{path.relative_to(tree)}:{chunk.line + 1}: {chunk.text!r}")
            if in_file == PER_FILE:
                break
        compared += in_file
    assert disagree == []
    assert compared > 5_000  # element lines of hundreds of files took the fast path


_PIECES = st.sampled_from([
    " ", "  ", "\t", "\f", "\r", "\v", "\u00a0", "\u212a", "\u017f", "=", " = ", "==", ",", ";",
    "$", " $ ", "$x", "//", "/", "*", "(", ")", "{", "}", "'", '"', "[", "]", "+", ".", "-",
    "a", "k", "1", "2.5", "1k", "w=", "l =", "ic=1", "n1", "0", "dc", "pulse", "sin", "ac",
    "é", "\x1c",
])


@settings(max_examples=3000, deadline=None)
@given(st.sampled_from("RCLDKVIBEFGHWQJZMSOTYXANPUrvxmk\u212a 1."),
       st.lists(_PIECES, max_size=14).map("".join))
def test_random_lines_agree_wherever_the_fast_path_answers(letter, rest):
    assert _agrees(Chunk(7, letter + rest)) is not False
