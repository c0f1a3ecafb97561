"""Diagnostic codes, severities and the Diagnostic record every check returns.

Codes are stable: editors and users filter on them, and the README lists them.
Severity values are LSP's (1 error ... 4 hint) so the protocol layer maps them 1:1.
"""
from __future__ import annotations

from dataclasses import dataclass
from enum import IntEnum

from spice_lsp.language.model import Range


class Severity(IntEnum):
    ERROR = 1
    WARNING = 2
    INFORMATION = 3
    HINT = 4


@dataclass(frozen=True)
class Rule:
    code: str
    name: str
    severity: Severity
    summary: str


RULES: dict[str, Rule] = {
    rule.code: rule
    for rule in (
        Rule("SP001", "syntax-error", Severity.ERROR, "the line does not follow SPICE syntax"),
        Rule("SP002", "node-count", Severity.ERROR, "an element has the wrong number of nodes"),
        Rule("SP003", "bad-value", Severity.ERROR, "a value is not a SPICE number or expression"),
        Rule("SP004", "duplicate-element", Severity.ERROR, "two elements share a name"),
        Rule("SP005", "no-ground", Severity.ERROR, "no element connects to ground (node 0)"),
        Rule("SP006", "single-connection", Severity.WARNING, "a node has only one connection"),
        Rule("SP007", "undefined-model", Severity.ERROR, "an element uses a model nobody defines"),
        Rule("SP008", "undefined-subckt", Severity.ERROR, "an X line calls an unknown subcircuit"),
        Rule("SP009", "port-count", Severity.ERROR, "a subcircuit call has the wrong port count"),
        Rule("SP010", "unmatched-end", Severity.ERROR, "a block end (.ends .endl .endc) has no start"),
        Rule("SP011", "unclosed-block", Severity.ERROR, "a .subckt, .lib or .control is never closed"),
        Rule("SP012", "missing-end", Severity.WARNING, "the netlist does not end with .end"),
        Rule("SP013", "no-analysis", Severity.HINT, "the netlist has no analysis command"),
        Rule("SP014", "unknown-directive", Severity.WARNING, "a dot command ngspice does not know"),
        Rule("SP015", "include-not-found", Severity.ERROR, "an included file does not exist"),
        Rule("SP016", "include-refused", Severity.WARNING, "an include lies outside the workspace"),
        Rule("SP017", "include-cycle", Severity.ERROR, "files include each other in a loop"),
        Rule("SP018", "rkm-number", Severity.WARNING, "ngspice reads 2k2 as 2000, not 2200"),
        Rule("SP019", "unknown-name", Severity.WARNING, "a value names no parameter or model"),
        Rule("SP020", "duplicate-definition", Severity.WARNING, "a model or subcircuit is defined twice"),
    )
}
CODES = {rule.name: rule.code for rule in RULES.values()}


@dataclass(frozen=True)
class Diagnostic:
    range: Range
    code: str
    message: str
    severity: Severity

    @property
    def name(self) -> str:
        return RULES[self.code].name

    def moved(self, lines: int) -> Diagnostic:
        return Diagnostic(self.range.moved(lines), self.code, self.message, self.severity)

    def to_json(self) -> dict:
        """The JSON form of `spice-lsp check --format json`: positions 1-based, as compilers print them."""
        start, end = self.range
        return {"line": start.line + 1, "column": start.character + 1, "end_line": end.line + 1,
                "end_column": end.character + 1, "code": self.code, "name": self.name,
                "severity": self.severity.name.lower(), "message": self.message}


def diagnostic(name: str, range_: Range, message: str, severity: Severity | None = None) -> Diagnostic:
    """Build a diagnostic from a rule name; the severity comes from the rule unless given.

    A rule is given a lower severity where ngspice tolerates the problem (it then reads the
    line some way of its own, which the message says).
    """
    rule = RULES[CODES[name]]
    return Diagnostic(range_, rule.code, message, rule.severity if severity is None else severity)
