"""Semantic diagnostics: each rule fires on a small netlist that breaks it, and valid
netlists get no error."""
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from spice_lsp.language.checks import Checker, check
from spice_lsp.language.diagnostics import RULES, Severity
from spice_lsp.language.includes import Workspace

from .conftest import edited_texts

VALID = """RC low-pass
V1 in 0 DC 0 AC 1
R1 in out 1k
C1 out 0 100n
.ac dec 20 1 1meg
.end
"""


def codes(text, **kw):
    return [d.code for d in check(text, **kw).diagnostics]


def test_valid_netlist_is_clean():
    assert codes(VALID) == []


# Each case: a netlist body (after the title, before .op/.end), the code it must raise.
CASES = {
    "R1 a 0": "SP003",                                 # no value
    "R1 a 0 1.2.3\nR2 a 0 1k": "SP003",               # value does not parse
    "R1 a 0 1k\nR1 a 0 2k": "SP004",                  # duplicate name
    "R1 a b 1k\nR2 a b 1k": "SP005",                  # no ground
    "R1 a 0 1k\nR2 a dangling 1k": "SP006",           # single connection
    "D1 a 0 nomodel\nR1 a 0 1k": "SP007",             # undefined model
    "X1 a 0 nosub\nR1 a 0 1k": "SP008",               # undefined subcircuit
    ".subckt s p q\nR1 p q 1k\n.ends\nX1 a s\nR1 a 0 1k": "SP009",  # port count
    ".ends\nR1 a 0 1k\nR2 a 0 1k": "SP010",           # .ends without .subckt
    ".endc\nR1 a 0 1k\nR2 a 0 1k": "SP010",           # .endc without .control
    ".subckt s p q\nR1 p q 1k": "SP011",              # unclosed .subckt
    "R1 a 0 2k2\nR2 a 0 1k": "SP018",                 # RKM number
    "R1 a 0 rmodel\nR2 a 0 1k": "SP019",              # neither number, param nor model
    ".model d D\n.model d D\nD1 a 0 d\nR1 a 0 1k": "SP020",  # duplicate model
    ".frobnicate\nR1 a 0 1k\nR2 a 0 1k": "SP014",     # unknown directive
    "Q1 c b\nR1 c 0 1k": "SP002",                     # too few nodes
    "R1 a b 0 1k\nR2 a 0 1k\nR3 b 0 1k": "SP002",     # one field too many
    ".tran 1n\nR1 a 0 1k\nR2 a 0 1k": "SP001",        # analysis without enough values
}


@pytest.mark.parametrize("body,code", CASES.items(), ids=list(CASES.values()))
def test_each_rule_fires(body, code):
    found = codes(f"title\n{body}\n.op\n.end\n")
    assert code in found


def test_each_rule_has_a_test_or_a_dedicated_one():
    covered = set(CASES.values()) | {"SP012", "SP013", "SP015", "SP016", "SP017"}
    assert covered == set(RULES)


def test_whole_circuit_rules():
    assert codes("title\nR1 a 0 1k\nR2 a 0 1k\n.op\n") == ["SP012"]          # missing .end
    assert codes("title\nR1 a 0 1k\nR2 a 0 1k\n.end\n") == ["SP013"]         # no analysis
    result = check("title\nR1 a 0 1k\nR2 a 0 1k\n.end\n")
    assert result.diagnostics[0].severity == Severity.HINT


def test_messages_name_the_problem():
    result = check("title\nD1 a 0 dx\nR1 a 0 1k\n.op\n.end\n")
    (d,) = result.diagnostics
    assert "dx" in d.message and "D1" in d.message and ".model" in d.message
    assert (d.range.start.line, d.range.start.character, d.range.end.character) == (1, 7, 9)


def test_subcircuit_scope_has_its_own_nodes_and_params():
    text = """title
.subckt amp in out params: gain=2
E1 out 0 in 0 {gain}
R1 out 0 1k
.ends amp
V1 a 0 1
X1 a b amp
R1 b 0 1k
.op
.end
"""
    assert codes(text) == []


def test_ground_through_gnd_and_subcircuits():
    assert codes("t\nV1 a gnd 1\nR1 a gnd 1k\n.op\n.end\n") == []


def test_bipolar_with_substrate_and_mosfet_models():
    text = "t\nV1 c 0 5\nQ1 c b 0 sub qn\nR1 b 0 1k\nR2 sub 0 1\nM1 c b 0 0 nch\n" \
           ".model qn NPN\n.model nch NMOS\n.op\n.end\n"
    assert codes(text) == []


def test_includes_are_followed(data):
    path = data / "checks" / "includes" / "main.cir"
    result = check(path.read_text(), path, Workspace(roots=[path.parent]))
    assert [d.code for d in result.diagnostics] == []
    assert set(result.definitions.models) == {"dfast", "nch"}
    assert result.definitions.models["dfast"][0].path.name == "diodes.inc"


def test_missing_include_and_unknown_names_are_not_errors_then():
    result = check("t\n.include nowhere.inc\nD1 a 0 dx\nR1 a 0 1k\n.op\n.end\n")
    assert [d.code for d in result.diagnostics] == ["SP015"]


def test_include_cycle(data):
    path = data / "checks" / "includes" / "cycle_a.cir"
    result = check(path.read_text(), path, Workspace(roots=[path.parent]))
    assert [d.code for d in result.diagnostics if d.severity == Severity.ERROR] == ["SP017"]
    assert "cycle_a.cir" in result.diagnostics[0].message


def test_include_outside_the_workspace_is_not_read(data, tmp_path):
    path = data / "checks" / "includes" / "main.cir"
    result = check(path.read_text(), path, Workspace(roots=[tmp_path]))
    assert {d.code for d in result.diagnostics} == {"SP016"}


def test_include_through_a_symlink_out_of_the_workspace(tmp_path, data):
    inside = tmp_path / "ws"
    inside.mkdir()
    (inside / "evil.inc").symlink_to(data / "checks" / "includes" / "lib" / "diodes.inc")
    result = check("t\n.include evil.inc\n", inside / "main.cir", Workspace(roots=[inside]))
    assert "SP016" in [d.code for d in result.diagnostics]


def test_library_files_skip_whole_circuit_checks(data):
    path = data / "checks" / "includes" / "lib" / "diodes.inc"
    assert codes(path.read_text(), path=path) == []


def test_checker_reuses_unchanged_element_checks():
    lines = ["t", "V1 n0 0 1"] + [f"R{i} n{i} n{i + 1} 1k" for i in range(30)] + ["R99 n30 0 1k", ".op", ".end"]
    checker = Checker()
    assert checker.check("\n".join(lines)).diagnostics == []
    lines[10] = "R8 n8 n9 1.2.3"
    result = checker.check("\n".join(lines))
    assert [(d.code, d.range.start.line) for d in result.diagnostics] == [("SP003", 10)]
    assert checker.parser.reparsed == 1


def test_checker_moves_remembered_diagnostics_with_their_element():
    lines = ["t", "V1 n0 0 1", "R1 n0 n1 1.2.3", "R2 n1 0 1k", ".op", ".end"]
    checker = Checker()
    checker.check("\n".join(lines))
    for edited in (lines[:1] + ["* a comment", "R0 n0 0 1k"] + lines[1:], lines):
        assert checker.check("\n".join(edited)).diagnostics == check("\n".join(edited)).diagnostics


_CHECKED_LINES = st.sampled_from([
    "V1 n0 0 1", "R1 n0 n1 1.2.3", "R2 n1 0 1k", "R2 n1 0 1k", "C1 n1 x 2k2", "R3 n1", "+ 0 1k",
    "D1 n1 0 dmod", ".model dmod D", "X1 n1 0 sub", ".subckt sub a b", "R9 a b 1k", ".ends",
    "M1 d g s b nfet", "* note", "", ".op", ".end", "Q1 c b", ".tran 1n", "R4 n0 n9 1k",
])


@settings(max_examples=200, deadline=None)
@given(st.lists(_CHECKED_LINES, max_size=20),
       st.lists(st.tuples(st.sampled_from(["insert", "delete", "replace"]), st.integers(0, 25),
                          _CHECKED_LINES), max_size=6))
def test_incremental_check_equals_a_fresh_check_after_random_edits(lines, edits):
    """Remembered element checks (moved with their element) give a fresh check's answer."""
    checker = Checker()
    checker.check("\n".join(["title"] + lines))
    for text in edited_texts(lines, edits):
        assert checker.check(text).diagnostics == check(text).diagnostics


# ---------------------------------------------------------------------------------------
# What ngspice accepts must get no error (regressions from its own examples and tests).

def errors(text, **kw):
    return [d.code for d in check(text, **kw).errors]


def deck(body):
    return f"title\n{body}\n.op\n.end\n"


def test_pspice_digital_u_devices_have_variable_ports():
    text = deck("V1 a 0 1\nR1 a 0 1k\n"
                "U1 NAND(2) $G_DPWR $G_DGND a b y DLY IO_STD\n"
                "U2 inv $G_DPWR $G_DGND y z DLY IO_STD MNTYMXDLY=2\n"
                ".model DLY ugate (tplhty=5n tphlty=5n)")
    assert errors(text) == []
    # Still a uniform RC line when it looks like one: three nodes and a model.
    assert "SP002" in errors(deck("V1 a 0 1\nU1 a 0\nR1 a 0 1k"))
    assert errors(deck("V1 a 0 1\nU1 a b 0 urc l=1u\nR1 b 0 1k\n.model urc urc")) == []


def test_diode_with_a_thermal_node():
    assert errors(deck("V1 a 0 1\nD1 a 0 tj dmod thermal\nR1 tj 0 1\n.model dmod d (rth0=1)")) == []
    result = check(deck("V1 a 0 1\nD1 a 0 tj nomod\nR1 tj 0 1"))
    assert [(d.code, d.message.split("'")[1]) for d in result.errors] == [("SP007", "nomod")]


def test_binned_mosfet_models():
    models = ".model nch.1 nmos (lmin=1u lmax=10u)\n.model nch.2 nmos (lmin=10u lmax=20u)\n" \
             ".model dm.1 d"
    assert errors(deck(f"V1 d 0 1\nM1 d d 0 0 nch l=5u w=1u\n{models}")) == []
    # Binning is for MOSFETs only: ngspice finds no model 'dm' for a diode.
    assert errors(deck(f"V1 d 0 1\nD1 d 0 dm\n{models}")) == ["SP007"]


def test_vdmos_with_three_nodes():
    result = check(deck("V1 d 0 1\nV2 g 0 1\nM1 d g 0 vd\n.model vd vdmos nchan"))
    assert result.diagnostics == []


def test_subckt_ports_end_at_optional_params_and_text():
    sub = (".subckt nand2 a b y optional: dpwr=$g_dpwr dgnd=$g_dgnd params: d=1\n"
           "R1 a y {d}\nR2 b y 1k\nR3 dpwr dgnd 1k\n.ends\n")
    for call, found in (("X1 1 2 3 nand2", []), ("X1 1 2 3 4 nand2", []),
                        ("X1 1 2 3 4 5 nand2", []), ("X1 1 2 nand2", ["SP009"]),
                        ("X1 1 2 3 4 5 6 nand2", ["SP009"])):
        assert errors(deck(f"V1 1 0 1\n{sub}{call}\nR9 2 3 1k\nR8 3 0 1k")) == found, call
    net = check(deck(".subckt t a b text: file=\"x\"\nR1 a b 1k\n.ends")).netlist
    assert [p.text for p in net.subckts[0].ports] == ["a", "b"]


def test_elements_in_different_if_branches_are_not_duplicates():
    text = deck("V1 1 0 1\n.if (a == 1)\nR1 1 0 1\n.elseif (a == 2)\n.if (b == 1)\nR1 1 0 2\n"
                ".else\nR1 1 0 3\n.endif\n.else\nR1 1 0 4\n.endif")
    assert errors(text) == []
    assert errors(deck("V1 1 0 1\n.if (a == 1)\nR1 1 0 1\nR1 1 0 2\n.endif")) == ["SP004"]
    assert errors(deck("V1 1 0 1\nR1 1 0 1\n.if (a == 1)\nR1 1 0 2\n.endif")) == ["SP004"]


def test_commas_separate_fields_like_spaces():
    text = deck("V1 1 0 1\nR1 1, 2 1k\nR2 2,0 1k\nM1 1 2 0 0 nm w=1u l=1u ic=1,2,3\n"
                ".model nm nmos level=1\n.print dc v(1), v(2)")
    assert errors(text) == []
    m1 = check(text).netlist.elements[3]
    assert [f.text for f in m1.fields][-1] == "ic=1,2,3"


def test_number_with_trailing_text_is_a_warning_saying_what_ngspice_reads():
    result = check(deck("V1 a 0 1\nL1 a 0 0.0.8792nH"))
    (d,) = [d for d in result.diagnostics if d.code == "SP003"]
    assert d.severity == Severity.WARNING
    assert "ngspice reads '0.0.8792nH' as 0.0" in d.message
    assert errors(deck("V1 a 0 1\nR1 a 0 +k")) == ["SP003"]  # no number at all


def test_digital_only_circuits_need_no_ground():
    digital = deck("a1 [a b] dsrc\n.model dsrc d_source (input_file=\"x.txt\")\n"
                   "a2 a b y gate\n.model gate d_and")
    assert errors(digital) == []
    analog = deck("a1 in out amp\n.model amp gain (gain=2)\nR1 in out 1k")
    assert errors(analog) == ["SP005"]


def test_ground_and_subckt_calls_in_an_included_file(tmp_path):
    (tmp_path / "body.inc").write_text("* the circuit\nV1 a 0 1\nX1 a two\n")
    main = tmp_path / "main.cir"
    text = "title\n.subckt two p\nR1 p q 1k\nR2 q 0 1k\nD1 p q nomod\n.ends\n" \
           ".include body.inc\nR9 a b 1k\nR8 b a 1k\n.op\n.end\n"
    result = check(text, main, Workspace(roots=[tmp_path]))
    # Ground comes from body.inc, and body.inc calls `two`, whose missing model stays an error.
    assert [d.code for d in result.errors] == ["SP007"]


def test_include_inside_a_subcircuit(tmp_path):
    (tmp_path / "q.mod").write_text(".model qn npn (bf=100)\n")
    text = "title\nV1 c 0 1\nX1 c 0 amp\n.subckt amp c e\n.include q.mod\nQ1 c c e qn\n.ends\n" \
           ".op\n.end\n"
    assert errors(text, path=tmp_path / "main.cir", workspace=Workspace(roots=[tmp_path])) == []
    missing = text.replace("q.mod", "none.mod")
    assert errors(missing, path=tmp_path / "main.cir",
                  workspace=Workspace(roots=[tmp_path])) == ["SP015"]


def test_unused_subcircuit_reference_errors_are_warnings():
    sub = ".subckt stub a b\nO1 a 0 b 0 nomodel\n.ends\n"
    result = check(deck(f"V1 1 0 1\nR1 1 0 1k\n{sub}"))
    (d,) = [d for d in result.diagnostics if d.code == "SP007"]
    assert d.severity == Severity.WARNING and "nothing in this file calls it" in d.message
    # Called, directly or through another subcircuit: ngspice fails, so it is an error.
    assert errors(deck(f"V1 1 0 1\nR1 1 0 1k\n{sub}X1 1 0 stub")) == ["SP007"]
    outer = ".subckt outer p\nX1 p 0 stub\n.ends\n"
    assert errors(deck(f"V1 1 0 1\nR1 1 0 1k\n{sub}{outer}X9 1 outer")) == ["SP007"]


def test_unclosed_control_block():
    body = "title\nV1 1 0 1\nR1 1 0 1k\n.control\nop\n"
    (d,) = [d for d in check(body).diagnostics if d.code == "SP011"]
    assert d.severity == Severity.WARNING  # ngspice runs it to the end of the file
    assert [d.code for d in check(body + ".end\n").errors] == ["SP011"]  # .end run as a command
    assert check(body + ".endcontrol\n.end\n").diagnostics == []  # ngspice: any '.endc...'


def test_model_with_unpaired_parentheses_is_a_warning():
    for model in (".model dm d (is=1e-14\n+ n=1", ".model dm d (is=1e-14 n=1)\n+ rs=1)"):
        result = check(deck(f"V1 a 0 1\nD1 a 0 dm\n{model}"))
        assert result.errors == [], model
        assert [(d.code, d.severity) for d in result.diagnostics] == [("SP001", Severity.WARNING)]
        assert [p.name for p in result.netlist.models[0].params][:2] == ["is", "n"]
    assert errors(deck("V1 a 0 1\nR1 a 0 1k)")) == ["SP001"]  # elements stay strict


def test_an_include_path_with_a_nul_byte_is_not_found_not_a_crash():
    assert "SP015" in codes("t\n.include a\x00b.inc\nR1 a 0 1k\nR2 a 0 1k\n.op\n.end\n")


def test_an_element_short_of_nodes_gets_one_diagnostic():
    """`R2 out` (one node missing) is the one problem: `out`, which R1 also uses, is not
    reported as connecting to nothing else, at the top level or in a subcircuit."""
    assert codes(deck("V1 in 0 1\nR1 in out 1k\nR2 out")) == ["SP002"]
    sub = ".subckt stage a b\nR1 a mid 1k\nR2 mid\nR3 a b 1k\n.ends\nX1 in 0 stage\nV1 in 0 1"
    assert codes(deck(sub)) == ["SP002"]
    # a node only the short element names is still no second diagnostic
    assert codes(deck("V1 in 0 1\nR1 in 0 1k\nR2 lonely")) == ["SP002"]
