"""The grammar and the parser: every statement form, positions, nesting, incremental parsing,
and the syntax-error messages."""
from hypothesis import given, settings
from hypothesis import strategies as st
from lark import Lark

from spice_lsp.language import model as m
from spice_lsp.language.parser import GRAMMAR_PATH, IncrementalParser, grammar_parser, parse, split_statements

from .conftest import DATA, edited_texts

EVERY_FORM = (DATA / "parser" / "every_form.cir").read_text()


def test_every_statement_form_parses_without_syntax_errors():
    result = parse(EVERY_FORM)
    assert [d for d in result.diagnostics if d.code in ("SP001", "SP002")] == []
    letters = {el.letter for el in result.netlist.statements if isinstance(el, m.Element)}
    assert letters == set("RCLKVIEFGHBDQJZMSWTOUYXANP")


def test_whole_file_start_rule_accepts_the_same_file():
    tree = grammar_parser("netlist").parse(EVERY_FORM)
    assert tree.data == "netlist"


def test_grammar_is_lalr_with_a_header():
    text = GRAMMAR_PATH.read_text()
    assert text.startswith("// spice.lark: the ngspice netlist dialect")
    Lark(text, parser="lalr", start=["netlist", "statement"])  # builds without conflicts errors


def test_title_statements_and_ranges():
    result = parse("My title\nR1 in out 1k\nC1 out 0\n+ 1u\n.end\n")
    net = result.netlist
    assert net.title == "My title"
    r1, c1, end = net.statements
    assert (r1.name, [f.text for f in r1.fields]) == ("R1", ["in", "out", "1k"])
    assert r1.range == m.Range(m.Position(1, 0), m.Position(1, 12))
    assert r1.fields[2].range == m.Range(m.Position(1, 10), m.Position(1, 12))
    assert c1.range == m.Range(m.Position(2, 0), m.Position(3, 4)), "continuation joins the statement"
    assert isinstance(end, m.End)


def test_comments_in_all_styles_are_skipped():
    net = parse("t\n* full\nR1 a 0 1k ; semi\nR2 a 0 2k $ dollar\nR3 a 0 3k // slashes\n"
                "R4 a 0\n* comment between\n+ 4k\n").netlist
    assert [[f.text for f in el.fields] for el in net.elements] == [
        ["a", "0", "1k"], ["a", "0", "2k"], ["a", "0", "3k"], ["a", "0", "4k"]]


def test_case_insensitive_keywords_and_expressions():
    net = parse("t\n.MODEL d1 D(IS=1e-14)\n.Param x = {2*y}\n.TRAN 1n 1u\nR1 a 0 'x*2'\n").netlist
    assert net.models[0].name == "d1" and net.models[0].params[0].name == "IS"
    assert net.params[0].name == "x" and net.params[0].value == "{2*y}"
    assert net.analyses[0].kind == "tran"
    assert net.elements[0].fields[2].kind == "expr"


def test_subcircuits_and_library_sections_nest():
    net = parse("t\n.subckt amp in out params: g=2\nE1 out 0 in 0 {g}\n.ends amp\nX1 a b amp\n").netlist
    sub = net.subckts[0]
    assert ([p.text for p in sub.ports], [p.name for p in sub.params]) == (["in", "out"], ["g"])
    assert [s.name for s in sub.body] == ["E1"] and sub.closed
    assert [s.name for s in net.body if isinstance(s, m.Element)] == ["X1"]
    lib = parse(".lib tt\n.model n1 NMOS\n.endl tt\n", has_title=False).netlist
    section = lib.of_type(m.LibSection)[0]
    assert section.name == "tt" and section.body[0].name == "n1"


def test_includes_and_lib_calls():
    net = parse('t\n.include "models.inc"\n.lib corners.lib tt\n').netlist
    inc, lib = net.includes
    assert (inc.kind, inc.path) == ("include", "models.inc")
    assert (lib.kind, lib.path, lib.section) == ("lib", "corners.lib", "tt")


def test_source_functions_become_one_field():
    el = parse("t\nV1 in 0 DC 0 AC 1 PULSE(0 5 1n 1n 1n 5u 10u)\nV2 am 0 sin 0 1 1k\n").netlist.elements
    pulse = el[0].fields[-1]
    assert (pulse.kind, pulse.name, len(pulse.items)) == ("func", "pulse", 7)
    assert el[1].fields[1].text == "0" and el[1].fields[2].name == "sin"
    assert el[1].fields[0].text == "am", "a node named like a source function stays a node"


def test_control_block_is_raw_text():
    net = parse("t\n.control\nrun\nprint v(1) ; not a comment here\n.endc\n").netlist
    assert net.controls[0].text.splitlines()[1:] == ["run", "print v(1) ; not a comment here", ".endc"]


def test_unknown_directive_is_kept():
    directive = parse("t\n.frobnicate 1 2\n").netlist.statements[0]
    assert isinstance(directive, m.Directive) and not directive.known


def test_library_files_have_no_title():
    title, title_range, chunks, _ = split_statements("R1 a b 1k\n", has_title=False)
    assert (title, title_range, [c.text for c in chunks]) == ("", None, ["R1 a b 1k"])


SYNTAX_ERRORS = {
    "R1 a": ("SP002", "R1 needs 2 nodes, but only 1 is given."),
    "M1 d g s": ("SP002", "M1 needs 4 nodes, but only 3 are given."),
    ".ac 10 1 1meg": ("SP001", "Unexpected '10': expected DEC, OCT or LIN."),
    "R1 a b 1k )": ("SP001", "Unmatched ')': there is no '(' before it on this statement."),
    "1R a b 1k": ("SP001", "'1R' is not a statement"),
    "+ 1k": ("SP001", "continuation line"),
    ".control\nrun": ("SP011", ".control block is never closed"),
    ".subckt s a b\nR1 a b 1k": ("SP011", ".subckt s is never closed"),
    ".ends": ("SP010", "This .ends closes nothing"),
}


def test_syntax_error_messages():
    for source, (code, message) in SYNTAX_ERRORS.items():
        diagnostics = parse("title\n" + source + "\n").diagnostics
        assert [d.code for d in diagnostics] == [code], source
        assert message in diagnostics[0].message, source
        assert diagnostics[0].range.start.line >= 1, source


def test_error_in_one_statement_does_not_hide_the_next():
    result = parse("t\nR1 a\nR2 a 0 1k\nC1 b\n")
    assert [d.range.start.line for d in result.diagnostics] == [1, 3]
    assert [el.name for el in result.netlist.elements] == ["R2"]


def test_incremental_parser_reparses_only_changed_statements():
    lines = ["t"] + [f"R{i} n{i} n{i + 1} 1k" for i in range(50)]
    parser = IncrementalParser()
    parser.parse("\n".join(lines))
    assert parser.reparsed == 50
    lines[21] = "R20 n20 n21 2k"
    result = parser.parse("\n".join(lines))
    assert parser.reparsed == 1
    assert result.netlist.elements[20].fields[2].text == "2k"
    assert result.netlist.statements == parse("\n".join(lines)).netlist.statements


def test_incremental_parser_moves_statements_below_an_inserted_line():
    """Statements that only moved keep their parse: an edit at the top parses one line."""
    lines = ["t", "R1 a b 1k", "R1 a b 1k", "C1 b", ".model d D(is=1", ".subckt s p q", "R9 p q 1",
             ".ends", "V1 a 0 PULSE(0 1 0 1n)", "R2 a 0 1k ; load"]
    parser = IncrementalParser()
    parser.parse("\n".join(lines))
    for edited, reparsed in ((lines[:1] + ["Rnew a 0 1k"] + lines[1:], 1),  # inserted at the top
                             (lines[:1] + lines[2:], 0),  # deleted: the twin R1 moves up
                             (lines[:4] + ["", "* note", ""] + lines[4:], 0)):  # blank, comment
        result = parser.parse("\n".join(edited))
        assert parser.reparsed == reparsed
        fresh = parse("\n".join(edited))
        assert result.netlist.statements == fresh.netlist.statements
        assert result.netlist.body == fresh.netlist.body
        assert result.diagnostics == fresh.diagnostics  # C1's error and the .model warning moved
        parser.parse("\n".join(lines))


def test_incremental_subckt_bodies_are_not_duplicated():
    parser = IncrementalParser()
    text = "t\n.subckt s a b\nR1 a b 1k\n.ends\n"
    parser.parse(text)
    net = parser.parse(text + "R9 a 0 1k\n").netlist
    assert [st.name for st in net.subckts[0].body] == ["R1"]


# ngspice's own examples: forms it accepts that must parse.

def test_commas_between_fields_and_nodes():
    net = parse("t\nR1 a, b 1k\nM1 d g s b nm ic=1,2,3\n.print dc v(a), v(b)\n").netlist
    r1, m1 = net.elements
    assert [f.text for f in r1.fields] == ["a", "b", "1k"]
    ic = m1.fields[-1]
    assert (ic.kind, ic.name, ic.text, [v.text for v in ic.items]) == \
        ("assign", "ic", "ic=1,2,3", ["1", "2", "3"])
    assert [f.text for f in net.of_type(m.Directive)[0].args] == ["dc", "v", "(a)", ",", "v", "(b)"]


def test_pspice_digital_primitive_with_expressions_over_continuation_lines():
    text = ("t\nU1 LOGICEXP(2,1) DPWR DGND\n+ a b\n+ y\n+ D0_GATE IO_STD\n+ LOGIC:\n"
            "+ y = {~(a &\n+ b)}\n")
    result = parse(text)
    assert result.diagnostics == []
    u1 = result.netlist.elements[0]
    logic = u1.fields[-1].value
    assert u1.fields[1].kind == "group" and logic.kind == "expr"
    assert (logic.range.start.line, logic.range.end.line) == (6, 7)


def test_subckt_optional_ports_carry_their_default():
    net = parse("t\n.subckt g a y optional: dpwr=$G_DPWR params: d=1\n.ends g extra words\n").netlist
    sub = net.subckts[0]
    assert [(p.text, p.value.text if p.value else None) for p in sub.ports] == \
        [("a", None), ("y", None), ("dpwr", "$G_DPWR")]
    assert [p.name for p in sub.params] == ["d"] and sub.closed


def test_control_block_ends_at_any_endc_line():
    net = parse("t\n.control\nrun\n.endcontrol\nR1 a 0 1k\n").netlist
    assert net.controls[0].text.endswith(".endcontrol")
    assert [el.name for el in net.elements] == ["R1"]
    unclosed = parse("t\n.control\nrun\n")
    assert unclosed.netlist.controls[0].text == ".control\nrun\n"
    assert [d.severity.name for d in unclosed.diagnostics] == ["WARNING"]


def test_model_parentheses_are_read_like_ngspice():
    result = parse("t\n.model d1 D (is=1e-14\n+ * a comment line\n+ n=1.05\n.model q1 NPN (bf=100)\n+ vaf=50)\n")
    assert [mo.name for mo in result.netlist.models] == ["d1", "q1"]
    assert [[p.name for p in mo.params] for mo in result.netlist.models] == [["is", "n"], ["bf", "vaf"]]
    assert [(d.code, d.severity.name, d.range.start) for d in result.diagnostics] == [
        ("SP001", "WARNING", m.Position(1, 12)), ("SP001", "WARNING", m.Position(5, 8))]


def test_an_unparenthesised_source_function_ends_at_a_parameter():
    (v7,) = parse("t\nV7 p 0 pulse 0 5 1n r=1 10u\n").netlist.elements
    assert [f.text for f in v7.fields] == ["p", "0", "pulse 0 5 1n", "r=1", "10u"]


# Incremental parsing against a fresh parse, over random edits of random netlists: the
# statements a re-parse keeps (moved by their anchor) must be what a fresh parse builds,
# every position included.

_LINES = st.sampled_from([
    "R1 a b 1k", "R1 a b 1k", "C2 b 0 1n ic=0", "V1 a 0 PULSE(0 1 0 1n)", "M1 d g s b nm w=1u",
    "X1 a b sub", "R2 a", "+ 2k", "+ tc1=0.01", "* note", "", "   ", ".model nm nmos (vto=0.7",
    "+ kp=1e-4)", ".subckt sub p q", ".ends", ".param k=2 j={k*3}", ".control", "run", ".endc",
    ".tran 1n 1u", ".include 'x.inc'", ".func f(x) {x*2}", "R3 a, b 1k", "B1 o 0 v={a*2}",
    "K1 L1 L2 0.9", "R4 a b ( 1k", ".lib sect", ".endl", ".end", "1bad line",
])


def _positions(netlist: m.Netlist) -> list:
    """Every statement's and field's absolute ranges, nested fields included."""
    def fields(fs):
        return [(f.kind, f.text, f.range, fields(f.items), fields([f.value] if f.value else [])) for f in fs]
    out = []
    for s in netlist.statements:
        ranges = [getattr(s, a) for a in ("range", "name_range", "header_range", "path_range") if hasattr(s, a)]
        out.append((type(s).__name__, ranges, fields(getattr(s, "fields", None) or getattr(s, "args", None)
                                                      or getattr(s, "params", None) or [])))
    return out


@settings(max_examples=300, deadline=None)
@given(st.lists(_LINES, max_size=25),
       st.lists(st.tuples(st.sampled_from(["insert", "delete", "replace"]), st.integers(0, 30), _LINES),
                max_size=6))
def test_incremental_parse_equals_a_fresh_parse_after_random_edits(lines, edits):
    parser = IncrementalParser()
    parser.parse("\n".join(["title"] + lines))
    for text in edited_texts(lines, edits):
        result, fresh = parser.parse(text), parse(text)
        assert result.netlist.statements == fresh.netlist.statements
        assert result.netlist.body == fresh.netlist.body
        assert _positions(result.netlist) == _positions(fresh.netlist)
        assert result.diagnostics == fresh.diagnostics


def test_positions_on_a_line_a_megabyte_long():
    """Shared first-line ranges are keyed by their columns: columns past the key's room
    must not meet another pair's key (here columns 1 to 10, of ' R1 a b 1k')."""
    assert parse("t\n R1 a b 1k\n").netlist.elements[0].range == m.Range(m.Position(1, 1), m.Position(1, 10))
    pad = " " * ((1 << 20) + 2)
    long = parse(f"t\nR1 a b{pad}1k\n").netlist.elements[0]
    end = len(f"R1 a b{pad}1k")
    assert end == (1 << 20) + 10
    assert long.range == m.Range(m.Position(1, 0), m.Position(1, end))
    assert long.fields[2].range == m.Range(m.Position(1, end - 2), m.Position(1, end))
