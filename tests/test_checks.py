"""Semantic diagnostics: each rule fires on a small netlist that breaks it, and valid
netlists get no error."""
import pytest

from spice_lsp.checks import Checker, check
from spice_lsp.diagnostics import RULES, Severity
from spice_lsp.includes import Workspace

from .conftest import DATA

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
