"""Semantic checks: what the grammar cannot see.

`check()` is the one entry point: text in, a `CheckResult` (netlist, definitions and
diagnostics) out. Library files (.inc .lib, or has_title=False) have no title line and are
not expected to hold a complete circuit, so the whole-circuit checks skip them.

The yardstick is ngspice itself (tests/test_ngspice_corpus.py): no error where ngspice runs
a netlist. Where ngspice tolerates something dubious (a number with trailing text, a model
only an unused subcircuit refers to), the rule fires as a warning that says what ngspice
will do.
"""
from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, replace
from itertools import chain
from pathlib import Path
from typing import cast

from spice_lsp.language import model as m
from spice_lsp.language.diagnostics import CODES, Diagnostic, Severity, diagnostic
from spice_lsp.language.elements import KINDS, MODEL_LETTERS, connected_nodes, is_digital, is_number, layout
from spice_lsp.language.includes import Definitions, Workspace, collect, follow_includes
from spice_lsp.language.parser import IncrementalParser, collector_paused
from spice_lsp.language.units import is_rkm, parse_number

GROUND = frozenset({"0", "gnd", "gnd!"})
LIBRARY_SUFFIXES = frozenset({".inc", ".lib", ".mod", ".lib.spice"})
ANALYSIS_MIN_ARGS = {"tran": 2, "ac": 3, "dc": 4, "noise": 3, "tf": 2}


@dataclass
class CheckResult:
    netlist: m.Netlist
    definitions: Definitions
    diagnostics: list[Diagnostic]

    @property
    def errors(self) -> list[Diagnostic]:
        return [d for d in self.diagnostics if d.severity == Severity.ERROR]


def is_library(path: Path | None) -> bool:
    return path is not None and path.suffix.lower() in LIBRARY_SUFFIXES


class Checker:
    """Checks successive versions of one document.

    Unchanged statements keep their parse (IncrementalParser) and their element checks (a
    memo keyed by statement identity and by the definitions they were checked against), so
    a one-line edit costs a pass over the memo, not a re-check of every element.
    """

    def __init__(self, path: Path | None = None) -> None:
        self.path = path
        self.library = is_library(path)
        self.parser = IncrementalParser(has_title=not self.library)
        self._memo: dict[int, _ElementFacts] = {}
        self._signature: tuple | None = None

    def check(self, text: str, workspace: Workspace | None = None) -> CheckResult:
        with collector_paused():
            return self._check(text, workspace)

    def _check(self, text: str, workspace: Workspace | None) -> CheckResult:
        path = self.path
        result = self.parser.parse(text)
        netlist = result.netlist
        workspace = workspace or Workspace(roots=[path.parent] if path else [Path.cwd()])
        definitions, include_diagnostics = collect(netlist, path, workspace)
        diagnostics = result.diagnostics + include_diagnostics
        memo: dict[int, _ElementFacts] = {}
        unparsed = _unparsed_nodes(result.diagnostics, text, netlist.subckts)
        signature, models = definitions.signature(), _model_names(definitions)
        if signature == self._signature:  # the same object: the memo then compares by identity
            signature = self._signature
        self._signature = signature
        top, top_facts = self._check_scope(netlist.body, definitions, [], memo, signature, models,
                                           unparsed.get(None, ()))
        diagnostics += top
        scopes = []
        for sub in netlist.subckts:
            local = definitions.scope_copy(signature)
            local.add_scope(sub.body, None)
            for p in sub.params:
                local.add("param", p.name, sub, None)
            if any(isinstance(st, m.Include) for st in sub.body):
                diagnostics += follow_includes(local, sub.body, path, workspace)
            added = {key for kind, key, _ in local.added if kind == "model"}
            scopes.append((sub, *self._check_scope(sub.body, local, sub.ports, memo,
                                                   local.signature(),
                                                   _model_names(local) if added else models,
                                                   unparsed.get(id(sub), ()))))
        if scopes:
            diagnostics += _subckt_diagnostics(scopes, top_facts, definitions, self.library)
        self._memo = memo  # only live elements stay
        diagnostics += _check_definitions(netlist)
        diagnostics += _check_directives(netlist)
        if not self.library:
            diagnostics += _check_circuit(netlist, definitions)
        diagnostics.sort(key=lambda d: (d.range.start, d.code))
        return CheckResult(netlist, definitions, diagnostics)

    def _check_scope(self, statements: list[m.Statement], defs: Definitions,
                     ports: list[m.Field], memo: dict, signature: tuple,
                     models: set[str], unparsed: Iterable[str] = ()) -> tuple[list[Diagnostic], list]:
        """Element checks within one scope: the top level, or one subcircuit body, given the
        scope's definitions, their signature and model names, and the nodes of its elements
        the parser rejected for too few nodes. Returns the diagnostics and the facts of the
        scope's elements."""
        elements = [s for s in statements if s.__class__ is m.Element]
        all_facts: list[_ElementFacts] = []
        out: list[Diagnostic] = []
        node_keys = [p.key for p in ports]
        remembered = self._memo.get
        # One pass, spelled out: it runs for every element of every check.
        for element in elements:
            ident = id(element)
            facts = remembered(ident)
            if facts is None or (facts.signature is not signature and facts.signature != signature):
                facts = _element_facts(element, defs, models, signature)
            elif facts.line != element.anchor.line and facts.diagnostics:  # the parser moved the element
                facts = facts.moved_to(element.anchor.line)
            memo[ident] = facts
            all_facts.append(facts)
            if facts.diagnostics:
                out += facts.diagnostics
            node_keys += facts.node_keys
        out += _duplicates(elements, statements)
        connections = Counter(node_keys)
        connections.update(unparsed)
        singles = {key for key, count in connections.items() if count == 1 and key not in GROUND}
        for facts in (all_facts if singles else ()):
            for key, node in zip(facts.node_keys, facts.nodes):
                if key in singles:
                    singles.discard(key)
                    out.append(diagnostic("single-connection", node.range,
                                          f"Node '{node.text}' connects to nothing else: check "
                                          "for a typo or a missing element."))
        return out, all_facts


def _unparsed_nodes(parse_diagnostics: list[Diagnostic], text: str,
                    subckts: list[m.Subckt]) -> dict[int | None, list[str]]:
    """The nodes of elements the parser rejected for having too few of them (`R2 out`), by
    scope (None: the top level, else the id of the innermost subcircuit holding the line).

    Such a line is not in the netlist, but its nodes are real connections: without them a
    node it shares gets a second, wrong diagnostic (SP006) beside the one real problem."""
    found: dict[int | None, list[str]] = {}
    lines = None
    for d in parse_diagnostics:
        if d.code != CODES["node-count"]:
            continue
        lines = lines if lines is not None else text.split("\n")
        start, end = d.range.start, d.range.end
        words = " ".join(lines[n].lstrip().removeprefix("+") if n > start.line else lines[n]
                         for n in range(start.line, end.line + 1)).split()
        holders = [s for s in subckts if s.range.start.line < start.line < s.range.end.line]
        scope = id(min(holders, key=lambda s: s.range.end.line - s.range.start.line)) if holders else None
        found.setdefault(scope, []).extend(w.lower() for w in words[1:])  # words[0] is the name
    return found


def _model_names(defs: Definitions) -> set[str]:
    """Names an element may use as a model: binned MOSFET models count by their base name."""
    return set(defs.models).union(defs.bins) if defs.bins else set(defs.models)


def check(text: str, path: Path | None = None, workspace: Workspace | None = None) -> CheckResult:
    """Parse and check one document."""
    return Checker(path).check(text, workspace)


@dataclass(slots=True)
class _ElementFacts:
    """What the checks found about one element, against definitions of one signature."""

    element: m.Element  # kept alive, so that its id stays its own while remembered
    signature: tuple
    nodes: list[m.Field]
    node_keys: list[str]
    diagnostics: Sequence[Diagnostic]
    line: int  # the element's line when its diagnostics were made
    call: str | None = None  # the subcircuit an X line calls

    def moved_to(self, line: int) -> _ElementFacts:
        lines = line - self.line
        return _ElementFacts(self.element, self.signature, self.nodes, self.node_keys,
                             [d.moved(lines) for d in self.diagnostics], line, self.call)


def _element_facts(element: m.Element, defs: Definitions, models: set[str], signature: tuple) -> _ElementFacts:
    lay = layout(element, models)
    nodes = connected_nodes(element, lay)
    call = lay.model.key if element.letter == "X" and lay.model is not None else None
    return _ElementFacts(element, signature, nodes, [n.key for n in nodes],
                         _check_element(element, lay, defs) or (), element.anchor.line, call)


# What ngspice resolves only when a subcircuit is expanded, that is, when something calls it.
_EXPANSION_CODES = frozenset(CODES[name] for name in ("undefined-model", "undefined-subckt",
                                                      "port-count"))


def _subckt_diagnostics(scopes, top_facts, defs: Definitions, library: bool) -> list[Diagnostic]:
    """The diagnostics of subcircuit bodies. ngspice looks up the models and subcircuits of
    a body only when it expands a call, so in a subcircuit nothing in this file calls (a
    .cir holding subcircuits for another deck) those errors are warnings. Library files
    keep them as errors: their subcircuits are there to be called."""
    out: list[Diagnostic] = []
    used = None
    for sub, found, _ in scopes:
        if library or not found:
            out += found
            continue
        if used is None:
            top_calls = {f.call for f in top_facts if f.call}
            top_calls |= {lay.model.key for lay in (layout(el) for el in defs.included_elements
                                                    if el.letter == "X") if lay.model is not None}
            used = _used_subckts(scopes, top_calls)
        if sub.key in used:
            out += found
            continue
        note = (f" (ngspice checks this only where subcircuit {sub.name} is used, and nothing "
                "in this file calls it)")
        out += [replace(d, message=d.message + note, severity=Severity.WARNING)
                if d.code in _EXPANSION_CODES and d.severity == Severity.ERROR else d
                for d in found]
    return out


def _used_subckts(scopes, top_calls: set[str]) -> set[str]:
    calls: dict[str, set[str]] = {}
    for sub, _, facts in scopes:
        calls.setdefault(sub.key, set()).update(f.call for f in facts if f.call)
    used, todo = set(), list(top_calls)
    while todo:
        key = todo.pop()
        if key not in used:
            used.add(key)
            todo += calls.get(key, ())
    return used


_CONDITIONALS = frozenset({".if", ".elseif", ".else", ".endif"})


def _branches(statements: Iterable[m.Statement]) -> dict[int, dict[int, int]]:
    """For each element inside .if/.elseif/.else blocks: {block number: branch number}."""
    out: dict[int, dict[int, int]] = {}
    stack: list[tuple[int, int]] = []
    blocks = 0
    for st in statements:
        if st.__class__ is m.Directive and st.name in _CONDITIONALS:
            if st.name == ".if":
                blocks += 1
                stack.append((blocks, 0))
            elif st.name == ".endif":
                if stack:
                    stack.pop()
            elif stack:
                stack[-1] = (stack[-1][0], stack[-1][1] + 1)
        elif stack and st.__class__ is m.Element:
            out[id(st)] = dict(stack)
    return out


def _exclusive(a: dict[int, int] | None, b: dict[int, int] | None) -> bool:
    """Two elements in different branches of one .if block: only one of them exists."""
    if not a or not b:
        return False
    return any(block in b and b[block] != branch for block, branch in a.items())


def _duplicates(elements: list[m.Element], statements: Iterable[m.Statement] = ()) -> list[Diagnostic]:
    keys = [el.key for el in elements]
    if len(set(keys)) == len(keys):
        return []
    branches = _branches(statements)
    out: list[Diagnostic] = []
    seen: dict[str, list[m.Element]] = {}
    for element in elements:
        earlier = seen.setdefault(element.key, [])
        mine = branches.get(id(element))
        first = next((e for e in earlier if not _exclusive(mine, branches.get(id(e)))), None)
        earlier.append(element)
        if first is not None:
            out.append(diagnostic("duplicate-element", element.name_range,
                                  f"{element.name} is already defined on line "
                                  f"{first.range.start.line + 1}; element names must be unique."))
    return out


def _check_element(element: m.Element, lay, defs: Definitions) -> list[Diagnostic]:
    out: list[Diagnostic] = []
    letter, kind = element.letter, KINDS.get(element.letter)
    if lay.missing_nodes:
        need = kind.nodes if kind and kind.nodes else len(lay.nodes) + lay.missing_nodes
        what = "inductor names" if letter == "K" else "nodes"
        out.append(diagnostic("node-count", element.range,
                              f"{element.name} ({kind.description if kind else 'element'}) needs "
                              f"{need} {what}, but {need - lay.missing_nodes} "
                              f"{'is' if need - lay.missing_nodes == 1 else 'are'} given."))
    if letter in "RCL" and lay.value is None and lay.model is None and not lay.params:
        out.append(diagnostic("bad-value", element.range, f"{element.name} has no value: write it after "
                              f"the two nodes, e.g. '{element.name} {' '.join(n.text for n in lay.nodes)} "
                              f"{'1k' if letter == 'R' else '1u'}'."))
    if letter in "RCL" and lay.extra:
        extra = lay.extra[0]
        out.append(diagnostic("node-count", extra.range,
                              f"'{extra.text}' is one field too many: a {KINDS[letter].description} takes "
                              "two nodes, then its value (and optionally a model)."))
    for value in (lay.value, *_source_values(element, lay)):
        if value is not None:
            out += _check_number(value)
    if lay.model is not None and lay.model.kind == "word":
        out += _check_reference(element, lay, defs)
    return out


def _source_values(element: m.Element, lay) -> list[m.Field]:
    """The DC value of a V or I source: the first plain field, after an optional DC."""
    if element.letter not in "VI":
        return []
    fields = [f for f in lay.extra if f.kind == "word"]
    if fields and fields[0].key == "dc":
        fields = fields[1:]
    return fields[:1] if fields and fields[0].key not in ("ac", "distof1", "distof2") else []


def _check_number(field: m.Field) -> list[Diagnostic]:
    if field.kind != "word":
        return []
    text = field.text
    if parse_number(text) is None:
        if text[:1].isdigit() or text[:1] in ".+-":
            prefix = _number_prefix(text)
            if prefix:
                # ngspice reads the number at the start and drops the rest without a word.
                return [diagnostic("bad-value", field.range,
                                   f"ngspice reads '{text}' as {prefix} and ignores "
                                   f"'{text[len(prefix):]}': write one number with an optional "
                                   "scale such as 4.7k, 100n, 1meg.", Severity.WARNING)]
            return [diagnostic("bad-value", field.range,
                               f"'{text}' is not a number SPICE can read: write digits with an "
                               "optional scale such as 4.7k, 100n, 1meg (M means milli).")]
        return []
    if is_rkm(text):
        return [diagnostic("rkm-number", field.range,
                           f"ngspice reads '{text}' as {text[:len(text.rstrip('0123456789'))]} "
                           f"(the digits after the letter are dropped); write "
                           f"{_rkm_as_decimal(text)} instead.")]
    return []


_LEADING_NUMBER = re.compile(r"[+-]?(\d+\.?\d*|\.\d+)(e[+-]?\d+)?", re.IGNORECASE)


def _number_prefix(text: str) -> str:
    """The longest start of `text` that is a number ngspice reads ('' when none)."""
    found = _LEADING_NUMBER.match(text)
    if not found:
        return ""
    for end in range(len(text) - 1, found.end() - 1, -1):
        if parse_number(text[:end]) is not None and not is_rkm(text[:end]):
            return text[:end]
    return found.group()


def _rkm_as_decimal(text: str) -> str:
    for i, ch in enumerate(text):
        if ch.isalpha() or ch in "\u00b5\u03bc":
            j = i
            while j < len(text) and not text[j].isdigit():
                j += 1
            letters = text[i:j]
            scale = "" if letters.lower() == "r" else letters
            return f"{text[:i]}.{text[j:]}{scale}"
    return text


def _check_reference(element: m.Element, lay, defs: Definitions) -> list[Diagnostic]:
    name = lay.model
    if element.letter == "X":
        subckt = defs.subckts.get(name.key)
        if subckt is None:
            if not defs.complete:
                return []
            return [diagnostic("undefined-subckt", name.range,
                               f"No subcircuit '{name.text}' is defined (.subckt {name.text} ...) "
                               "in this file or the files it includes.")]
        ports = cast(m.Subckt, subckt[0].statement).ports
        required = sum(p.value is None for p in ports)  # the others are PSpice OPTIONAL: ports
        if not required <= len(lay.nodes) <= len(ports):
            count = f"{len(ports)}" if required == len(ports) else f"{required} to {len(ports)}"
            return [diagnostic("port-count", m.Range(element.name_range.start, name.range.end),
                               f"{element.name} connects {len(lay.nodes)} nodes, but subcircuit "
                               f"'{subckt[0].name}' has {count} ports "
                               f"({' '.join(p.text for p in ports)}).")]
        return []
    if name.key in defs.models or not defs.complete:
        return []
    if element.letter == "M" and name.key in defs.bins:
        return []  # binned models nch.1, nch.2...: ngspice picks one by W and L
    if element.letter in MODEL_LETTERS:
        return [diagnostic("undefined-model", name.range,
                           f"No model '{name.text}' is defined for {element.name}: add "
                           f"'.model {name.text} <type> (...)' or include the file that has it.")]
    if element.letter in "RCL" and name.key not in defs.params and not is_number(name):
        return [diagnostic("unknown-name", name.range,
                           f"'{name.text}' is neither a number, a parameter nor a model. "
                           f"Write a value such as 1k, or {{{name.text}}} for a .param.")]
    return []


def _check_definitions(netlist: m.Netlist) -> list[Diagnostic]:
    out: list[Diagnostic] = []
    for kind, items in (("model", netlist.models), ("subcircuit", [s for s in netlist.body
                                                                   if isinstance(s, m.Subckt)])):
        seen: dict[str, m.Statement] = {}
        for item in items:
            if item.key in seen:
                out.append(diagnostic("duplicate-definition", item.name_range,
                                      f"{kind} '{item.name}' is already defined on line "
                                      f"{seen[item.key].range.start.line + 1}; the last one wins."))
            seen.setdefault(item.key, item)
    return out


def _check_directives(netlist: m.Netlist) -> list[Diagnostic]:
    out: list[Diagnostic] = []
    for st in netlist.of_type(m.Directive):
        if not st.known:
            if st.name in (".endl", ".ends") or st.name.startswith(".endc"):
                out.append(diagnostic("unmatched-end", st.range,
                                      f"This {st.name} closes nothing: there is no block open above it."))
            else:
                out.append(diagnostic("unknown-directive", st.range,
                                      f"ngspice does not know '{st.name}'; it will be ignored or "
                                      "rejected. Check the spelling."))
    for st in netlist.analyses:
        out += _check_analysis(st)
    return out


def _check_analysis(analysis: m.Analysis) -> list[Diagnostic]:
    need = ANALYSIS_MIN_ARGS.get(analysis.kind, 0)
    positional = [a for a in analysis.args if a.kind in ("word", "expr")]
    if analysis.kind == "ac":
        positional = positional[1:]  # after DEC/OCT/LIN
    if len(positional) < need:
        usage = {"tran": ".tran TSTEP TSTOP", "ac": ".ac DEC POINTS FSTART FSTOP",
                 "dc": ".dc SOURCE START STOP STEP", "noise": ".noise V(OUT) SRC DEC PTS F1 F2",
                 "tf": ".tf V(OUT) SRC"}[analysis.kind]
        return [diagnostic("syntax-error", analysis.range,
                           f".{analysis.kind} needs at least {need} values: {usage}.")]
    if analysis.kind in ("tran", "ac"):
        return [d for f in positional[:4] for d in _check_number(f)]
    return []


def _check_circuit(netlist: m.Netlist, defs: Definitions | None = None) -> list[Diagnostic]:
    """Whole-circuit checks for a main netlist."""
    out: list[Diagnostic] = []
    elements = netlist.elements
    included = defs.included_elements if defs else []
    if elements and not _touches_ground(netlist) and not _touches_ground_in(included) \
            and not _all_digital(netlist, defs):
        out.append(diagnostic("no-ground", elements[0].name_range,
                              "Nothing connects to ground: SPICE needs node 0 (or gnd) as the "
                              "reference for every voltage."))
    end_line = netlist.title_range.end if netlist.title_range else m.Position(0, 0)
    if not netlist.of_type(m.End):
        last = netlist.statements[-1].range if netlist.statements else m.Range(end_line, end_line)
        out.append(diagnostic("missing-end", last,
                              "The netlist has no '.end' line; add one as the last line."))
    if not netlist.analyses and not netlist.controls:
        anchor = netlist.title_range or m.Range(end_line, end_line)
        out.append(diagnostic("no-analysis", anchor,
                              "No analysis is requested: add .op, .tran, .ac or .dc to simulate."))
    return out


def _all_digital(netlist: m.Netlist, defs: Definitions | None) -> bool:
    """Only digital XSPICE models (d_*) and PSpice digital U devices: there is no analog
    node, so ngspice needs no ground."""
    types = {mo.key: mo.type.lower() for mo in netlist.models}
    if defs:
        for key, found in defs.models.items():
            types.setdefault(key, getattr(found[0].statement, "type", "").lower())
    todo = list(chain(netlist.statements, defs.included_elements if defs else ()))
    seen: set[int] = set()
    while todo:
        st = todo.pop()
        if st.__class__ is not m.Element:
            continue
        if st.letter == "U" and is_digital(st):
            continue
        if st.letter not in "AX":
            return False
        lay = layout(st)
        if lay.model is None:
            return False
        if st.letter == "X":  # digital if what it calls is: a local body is in `statements`
            called = defs.subckts.get(lay.model.key) if defs else None
            if not called:
                return False
            sub = called[0]
            if sub.path is not None and id(sub.statement) not in seen:
                seen.add(id(sub.statement))
                todo += cast(m.Subckt, sub.statement).body
        elif not types.get(lay.model.key, "").startswith("d_"):
            return False
    return True


def _touches_ground_in(elements: list[m.Element]) -> bool:
    return any(f.kind == "word" and f.key in GROUND for el in elements for f in el.fields)


def _touches_ground(netlist: m.Netlist) -> bool:
    for st in netlist.statements:
        if isinstance(st, m.Element):
            if any(f.kind == "word" and f.key in GROUND for f in st.fields):
                return True
            if any(item.key in GROUND for f in st.fields for item in f.items):
                return True
        elif isinstance(st, m.Directive) and st.name == ".global":
            return True
    return False
