"""Node names told right after a role word: in parentheses, after "=", ":" or an arrow, after "node is", and numbered
names listed with spaces (ports.py)."""
import pytest

from spice_lsp.generation.ports import read_ports


@pytest.mark.parametrize("text, roles", [
    ("A buffer whose input (bi) takes 2 V and whose output (bo) drives a 1k load.",
     {"input": ("bi",), "output": ("bo",)}),
    ("High-pass at 40 Hz; input = fa, output = fb.", {"input": ("fa",), "output": ("fb",)}),
    ("Low-pass, 1 kHz. in: xa / out: xb", {"input": ("xa",), "output": ("xb",)}),
    ("Gain of 2, output: w_7.", {"output": ("w_7",)}),
    ("PNP stage: the collector node is kc and the emitter node is ke.", {"collector": ("kc",), "emitter": ("ke",)}),
    ("A comparator ladder with outputs c1 c2 c3 c4, 1k each.", {"output": ("c1", "c2", "c3", "c4")}),
])
def test_names_right_after_a_role_word(text, roles):
    assert read_ports(text).roles == roles


@pytest.mark.parametrize("text", [
    "the output (buffered) feeds a 2k load",  # what the output is, no name
    "output = 4 (a - b)",  # an equation, not a name
    "out = in",  # grammar, not names
    "the output: a clean 1 kHz sine",
    "a high-pass at 30 Hz, in -> out",  # a signal's path: "out" is the output, never the input's name
    "in = out",
])
def test_words_after_a_role_word_that_name_nothing(text):
    assert not {"input", "output"} & read_ports(text).roles.keys()


def test_another_devices_port_in_parentheses_names_no_port_of_this_circuit():
    # "the speaker input (node spk)" is where this circuit's output goes, not its input
    assert "input" not in read_ports("Drive the speaker input (node spk) from a line output.").roles
    assert read_ports("Its input (node li) sees a line level.").roles["input"] == ("li",)
