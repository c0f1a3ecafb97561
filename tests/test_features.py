"""Editor features on the core: symbols, hover, definitions, references, completion,
folding and formatting."""
from spice_lsp.editor import features as f
from spice_lsp.language.checks import check
from spice_lsp.language.includes import Workspace
from spice_lsp.language.model import Position
from spice_lsp.language.parser import parse

from .conftest import DATA

NETLIST = """Amplifier with a subcircuit
.param rload=10k
.subckt amp in out params: gain=2
E1 out 0 in 0 {gain}
R1 out 0 1k
.ends amp
V1 vin 0 DC 0 AC 1
X1 vin vout amp gain=5
R2 vout 0 {rload}
D1 vout 0 dclamp
.model dclamp D(is=1e-14 n=1.05)
.ac dec 20 1 1meg
.control
run
.endc
.end
"""
RESULT = check(NETLIST)


def at(line, text):
    """The position of the first `text` on a 0-based line."""
    return Position(line, NETLIST.split("\n")[line].index(text))


def test_document_symbols():
    symbols = f.document_symbols(RESULT)
    assert [(s.name, s.kind) for s in symbols] == [
        ("rload", "param"), ("amp", "subckt"), ("V1", "element"), ("X1", "element"),
        ("R2", "element"), ("D1", "element"), ("dclamp", "model"), (".ac", "analysis"),
        (".control", "control")]
    assert [c.name for c in symbols[1].children] == ["E1", "R1"]


def test_hover_element_value_in_engineering_and_si():
    h = f.hover(RESULT, at(9, "D1"))
    assert "diode" in h.markdown and "dclamp" in h.markdown
    h = f.hover(check("t\nR1 a 0 4.7k\n"), Position(1, 1))
    assert "resistor" in h.markdown and "4.7k" in h.markdown and "4.7e+03" in h.markdown


def test_hover_model_param_and_node():
    assert "D" in f.hover(RESULT, at(9, "dclamp")).markdown
    assert "is=1e-14" in f.hover(RESULT, at(9, "dclamp")).markdown
    assert "10k" in f.hover(RESULT, at(8, "rload")).markdown
    assert "X1" in f.hover(RESULT, at(8, "vout")).markdown
    assert "ports: in out" in f.hover(RESULT, at(7, "amp")).markdown


def test_definition():
    (loc,) = f.definition(RESULT, at(9, "dclamp"))
    assert loc.range.start == at(10, "dclamp") and loc.path is None
    (loc,) = f.definition(RESULT, at(7, "amp"))
    assert loc.range.start == at(2, "amp")
    (loc,) = f.definition(RESULT, at(8, "rload"))
    assert loc.range.start == at(1, "rload")
    (loc,) = f.definition(RESULT, at(3, "gain"))
    assert loc.range.start == at(2, "gain")
    (loc,) = f.definition(RESULT, at(9, "vout"))
    assert loc.range.start == at(7, "vout")


def test_definition_in_an_included_file():
    path = DATA / "checks" / "includes" / "main.cir"
    result = check(path.read_text(), path, Workspace(roots=[path.parent]))
    (loc,) = f.definition(result, Position(4, 11))
    assert loc.path.name == "diodes.inc" and loc.range.start.line == 1


def test_references():
    lines = {loc.range.start.line for loc in f.references(RESULT, at(8, "vout"))}
    assert lines == {7, 8, 9}
    assert {loc.range.start.line for loc in f.references(RESULT, at(10, "dclamp"))} == {9, 10}
    assert {loc.range.start.line for loc in f.references(RESULT, at(1, "rload"))} == {1, 8}
    assert {loc.range.start.line for loc in f.references(RESULT, at(9, "dclamp"), False)} == {9}


def test_completion_contexts():
    def labels(line: str, col: int) -> list[str]:
        return [c.label for c in f.completion(RESULT, line, Position(0, col))]

    assert ".tran" in labels(".", 1) and ".model" in labels(".", 1)
    assert any(label.startswith("R ") for label in labels("", 0))
    assert "amp" == labels("X2 a b ", 7)[0]
    assert labels("D2 a 0 ", 7)[0] == "dclamp"
    assert labels("R3 a 0 {", 8) == ["rload"]
    snippet = next(c for c in f.completion(RESULT, "", Position(0, 0)) if c.label.startswith("M "))
    assert snippet.snippet and snippet.insert_text.startswith("M${1:1}")


def test_folding_ranges():
    assert [(r.start_line, r.end_line) for r in f.folding_ranges(RESULT)] == [(2, 5), (12, 14)]


def test_formatting_aligns_and_keeps_meaning():
    text = "t\nR1 in out 1k ; load\nRlong   a    0 2.2k\n\nC1 out 0 1u   \n.tran 1n 1u\n"
    formatted = f.format_document(text, check(text))
    assert formatted.split("\n")[1:3] == ["R1    in out 1k ; load", "Rlong a  0   2.2k"]
    assert formatted.split("\n")[4] == "C1 out 0 1u"
    assert f.format_document(formatted, check(formatted)) == formatted, "idempotent"
    before, after = parse(text).netlist, parse(formatted).netlist
    assert [(e.name, [x.text for x in e.fields]) for e in before.elements] == \
        [(e.name, [x.text for x in e.fields]) for e in after.elements]


def test_formatting_keeps_crlf_and_continuations():
    text = "t\r\nR1 a 0\r\n+ 1k\r\nR2  a 0 1k \r\n"
    formatted = f.format_document(text, check(text))
    assert formatted == "t\r\nR1 a 0\r\n+ 1k\r\nR2 a 0 1k\r\n"


def test_formatting_never_splits_fields_written_together():
    # `$(in 0)` re-spaced as `$ (in 0)` would turn the rest of the line into a comment.
    text = "t\nA2 $(in 0) %id(aout 0) gain1\nR1 a 0 1k\n"
    formatted = f.format_document(text, check(text))
    assert "$(in 0)" in formatted and "%id(aout 0)" in formatted
    assert f.format_document(formatted, check(formatted)) == formatted


def test_formatting_keeps_control_characters_that_are_content():
    text = "t\nK1 L1 L2 0.99\x0b\nR1 a 0 1k\n"
    assert f.format_document(text, check(text)).split("\n")[1] == "K1 L1 L2 0.99\x0b"


def test_formatting_keeps_commas_and_blanks_inside_fields():
    text = "t\nU2 NAND(2) $G_ $,QPWR u1 uy D0 IO\nR1 a 0 {1k + 2k}\nX1 a, b sub\n"
    formatted = f.format_document(text, check(text))
    assert "$,QPWR" in formatted and "{1k + 2k}" in formatted and "a," in formatted
    assert f.format_document(formatted, check(formatted)) == formatted
