"""Editor features on a checked document: the diagnostics published, symbols, hover,
definitions, references, completion, folding and formatting. Pure: a CheckResult and
positions in, plain data out.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import cast

from spice_lsp.generation.pipeline import GenerationResult, checklist_lines, refusal
from spice_lsp.language import model as m
from spice_lsp.language.checks import CheckResult
from spice_lsp.language.diagnostics import Diagnostic
from spice_lsp.language.elements import KINDS, Layout, connected_nodes, layout
from spice_lsp.language.units import format_eng, format_si, parse_number

UNITS = {"R": "Ω", "C": "F", "L": "H", "V": "V", "I": "A", "K": ""}

DIRECTIVES: dict[str, str] = {
    ".op": "DC operating point", ".dc": "DC sweep: .dc SRC START STOP STEP",
    ".ac": "Small-signal AC sweep: .ac DEC POINTS FSTART FSTOP",
    ".tran": "Transient: .tran TSTEP TSTOP [TSTART [TMAX]] [UIC]",
    ".noise": "Noise: .noise V(OUT) SRC DEC PTS FSTART FSTOP",
    ".tf": "DC transfer function: .tf V(OUT) SRC", ".sens": "DC or AC sensitivity",
    ".pz": "Pole-zero analysis", ".disto": "Distortion analysis", ".four": "Fourier analysis of a transient",
    ".meas": "Measure a result: .meas TRAN NAME ...", ".model": "Define a device model: .model NAME TYPE (params)",
    ".subckt": "Start a subcircuit: .subckt NAME PORTS [params: ...]", ".ends": "End a subcircuit",
    ".param": "Define parameters: .param NAME=VALUE", ".func": "Define a function: .func NAME(ARGS) {EXPR}",
    ".include": "Include a file: .include PATH", ".lib": "Include a library section: .lib PATH SECTION",
    ".global": "Declare global nodes", ".ic": "Initial conditions: .ic V(NODE)=VALUE",
    ".nodeset": "Initial guess for the operating point", ".options": "Simulator options",
    ".temp": "Circuit temperature", ".save": "Vectors to save", ".print": "Print vectors in batch mode",
    ".plot": "Plot vectors in batch mode", ".probe": "Save vectors (probe)",
    ".control": "Start a block of ngspice commands (ends at .endc)", ".endc": "End a .control block",
    ".end": "End of the netlist",
}


@dataclass
class Symbol:
    name: str
    kind: str  # subckt model param analysis element control include
    range: m.Range
    selection_range: m.Range
    detail: str = ""
    children: list[Symbol] = field(default_factory=list)


@dataclass
class Location:
    range: m.Range
    path: Path | None = None  # None: the document itself


@dataclass
class HoverInfo:
    markdown: str
    range: m.Range


@dataclass
class Completion:
    label: str
    kind: str  # keyword snippet model subckt param node
    insert_text: str
    detail: str = ""
    snippet: bool = False


@dataclass
class Fold:
    start_line: int
    end_line: int


# ---------------------------------------------------------------------------------------
# Diagnostics: what is published of a check's


# A file of garbage gives one diagnostic a line (80,000 for 5 MB); no one reads them, and
# converting and sending them held the event loop for seconds. Like compilers' error limits.
MAX_DIAGNOSTICS = 1000


@dataclass
class Published:
    diagnostics: list[Diagnostic]  # those shown, in the check's order
    more: Diagnostic | None = None  # when some are left out: one more, saying how many, where the first is


def published_diagnostics(diagnostics: list[Diagnostic], limit: int = MAX_DIAGNOSTICS) -> Published:
    """At most `limit` diagnostics, chosen most severe first (an error is never left out for
    a warning), then in order; and one more over the first left out, saying how many are."""
    if len(diagnostics) <= limit:
        return Published(diagnostics)
    ranked = sorted(range(len(diagnostics)), key=lambda i: (diagnostics[i].severity, i))
    shown, left = sorted(ranked[:limit]), [diagnostics[i] for i in ranked[limit:]]
    first = min(left, key=lambda d: (d.range.start.line, d.range.start.character))
    message = (f"{len(left):,} more problems not shown (at most {limit:,} are shown); "
               f"the first of them: {first.message}")
    return Published([diagnostics[i] for i in shown],
                     replace(first, message=message, severity=min(d.severity for d in left)))


# ---------------------------------------------------------------------------------------
# Symbols


# Clients, and the JSON encoders on both sides, walk symbols recursively: 250 nested
# subcircuits overflowed the stack while the answer was sent. Symbols nested deeper than this
# are listed beside their ancestor at this depth, in document order.
MAX_SYMBOL_DEPTH = 32


def document_symbols(result: CheckResult) -> list[Symbol]:
    top: list[Symbol] = []
    todo = [(st, top, 1) for st in reversed(result.netlist.body)]  # (statement, where it goes, its depth)
    while todo:  # depth first, so that each list fills in document order
        st, siblings, depth = todo.pop()
        symbol = _symbol(st)
        if symbol is None:
            continue
        siblings.append(symbol)
        body = st.body if isinstance(st, (m.Subckt, m.LibSection)) else []
        into, below = (symbol.children, depth + 1) if depth < MAX_SYMBOL_DEPTH else (siblings, depth)
        todo += [(child, into, below) for child in reversed(body)]
    return top


def _symbol(st: m.Statement) -> Symbol | None:
    """The statement's own symbol, without its children."""
    if isinstance(st, m.Subckt):
        return Symbol(st.name, "subckt", st.range, st.name_range, f"ports: {' '.join(p.text for p in st.ports)}")
    if isinstance(st, m.LibSection):
        return Symbol(st.name, "include", st.range, st.name_range, ".lib section")
    if isinstance(st, m.Model):
        return Symbol(st.name, "model", st.range, st.name_range, st.type)
    if isinstance(st, m.ParamDef):
        return Symbol(st.name, "param", st.range, st.name_range, st.value)
    if isinstance(st, m.Analysis):
        return Symbol(f".{st.kind}", "analysis", st.range, st.range,
                      " ".join(a.text for a in st.args))
    if isinstance(st, m.Element):
        kind = KINDS.get(st.letter)
        return Symbol(st.name, "element", st.range, st.name_range, kind.description if kind else "")
    if isinstance(st, m.ControlBlock):
        return Symbol(".control", "control", st.range, st.range, "ngspice commands")
    if isinstance(st, m.Include):
        return Symbol(st.path, "include", st.range, st.path_range, f".{st.kind}")
    return None


# ---------------------------------------------------------------------------------------
# Finding what is under the cursor


@dataclass
class Target:
    """What the cursor is on: a name of some kind, in some scope."""

    kind: str  # element node model subckt param directive
    name: str
    range: m.Range
    statement: m.Statement
    scope: list[m.Statement]  # the statements of the subcircuit or top level it is in


_IDENT = re.compile(r"[A-Za-z_][\w.]*")


def _scopes(netlist: m.Netlist):
    yield netlist.body
    for sub in netlist.subckts:
        yield sub.body


def _models(result: CheckResult) -> set[str]:
    return set(result.definitions.models) | {mo.key for mo in result.netlist.models}


def find_target(result: CheckResult, pos: m.Position) -> Target | None:
    netlist, models = result.netlist, _models(result)
    for scope in _scopes(netlist):
        for st in scope:
            if not st.range.contains(pos):
                continue
            if isinstance(st, m.Subckt):
                if st.name_range.contains(pos):
                    return Target("subckt", st.name, st.name_range, st, scope)
                for port in st.ports:
                    if port.range.contains(pos):
                        return Target("node", port.text, port.range, st, st.body)
                continue  # the cursor is inside the body: the body's own scope follows
            if isinstance(st, m.Model) and st.name_range.contains(pos):
                return Target("model", st.name, st.name_range, st, scope)
            if isinstance(st, m.ParamDef) and st.name_range.contains(pos):
                return Target("param", st.name, st.name_range, st, scope)
            if isinstance(st, m.Element):
                return _element_target(st, pos, scope, models)
            fields = st.args if isinstance(st, (m.Analysis, m.Directive)) else []
            if isinstance(st, m.ParamDef):
                return _expression_target(st, st.value, st.range, pos, scope)
            for f in fields:
                hit = _field_target(f, st, pos, scope)
                if hit:
                    return hit
            if isinstance(st, (m.Analysis, m.Directive)):
                name = st.name if isinstance(st, m.Directive) else f".{st.kind}"
                return Target("directive", name, st.range, st, scope)
    return None


def _element_target(el: m.Element, pos: m.Position, scope, models) -> Target | None:
    if el.name_range.contains(pos):
        return Target("element", el.name, el.name_range, el, scope)
    lay = layout(el, models)
    for node in connected_nodes(el, lay):
        if node.range.contains(pos):
            return Target("node", node.text, node.range, el, scope)
    if lay.model is not None and lay.model.range.contains(pos):
        kind = "subckt" if el.letter == "X" else "model"
        return Target(kind, lay.model.text, lay.model.range, el, scope)
    for f in el.fields:
        hit = _field_target(f, el, pos, scope)
        if hit:
            return hit
    return None


def _field_target(f: m.Field, st, pos, scope) -> Target | None:
    if not f.range.contains(pos):
        return None
    if f.kind == "expr":
        return _expression_target(st, f.text, f.range, pos, scope)
    if f.kind == "assign" and f.value is not None:
        return _field_target(f.value, st, pos, scope)
    for item in f.items:
        hit = _field_target(item, st, pos, scope)
        if hit:
            return hit
    if f.kind == "word" and f.range.start.line == f.range.end.line:
        return Target("param", f.text, f.range, st, scope) if parse_number(f.text) is None else None
    return None


def _expression_target(st, text: str, rng: m.Range, pos: m.Position, scope) -> Target | None:
    if rng.start.line != rng.end.line:
        return None
    offset = pos.character - rng.start.character
    for match in _IDENT.finditer(text):
        if match.start() <= offset <= match.end():
            start = m.Position(rng.start.line, rng.start.character + match.start())
            end = m.Position(rng.start.line, rng.start.character + match.end())
            return Target("param", match.group(), m.Range(start, end), st, scope)
    return None


# ---------------------------------------------------------------------------------------
# Definitions and references


def _definitions_of(result: CheckResult, target: Target) -> list[Location]:
    key = target.name.lower()
    if target.kind == "node":
        for el in (s for s in target.scope if isinstance(s, m.Element)):
            for node in connected_nodes(el, layout(el, _models(result))):
                if node.key == key:
                    return [Location(node.range)]
        return []
    defs = []
    if target.kind == "param":
        # Subcircuit parameters shadow global ones.
        for st in target.scope:
            if isinstance(st, m.ParamDef) and st.key == key:
                defs.append(Location(st.name_range))
        for sub in (s for s in result.netlist.subckts if s.body is target.scope):
            defs += [Location(p.range) for p in sub.params if p.name.lower() == key]
    table = {"model": result.definitions.models, "subckt": result.definitions.subckts,
             "param": result.definitions.params}.get(target.kind, {})
    local_kinds: dict[str, type[m.Model] | type[m.Subckt]] = {"model": m.Model, "subckt": m.Subckt}
    local = local_kinds.get(target.kind)
    if local:
        defs += [Location(st.name_range) for st in target.scope
                 if isinstance(st, local) and st.key == key]
    for d in table.get(key, []):
        loc = Location(getattr(d.statement, "name_range", d.statement.range), d.path)
        if loc not in defs:
            defs.append(loc)
    return defs


def definition(result: CheckResult, pos: m.Position) -> list[Location]:
    target = find_target(result, pos)
    return _definitions_of(result, target) if target else []


def references(result: CheckResult, pos: m.Position, include_declaration: bool = True) -> list[Location]:
    target = find_target(result, pos)
    if target is None:
        return []
    key, models = target.name.lower(), _models(result)
    found: list[m.Range] = []
    if target.kind == "node":
        for el in (s for s in target.scope if isinstance(s, m.Element)):
            found += [n.range for n in connected_nodes(el, layout(el, models)) if n.key == key]
        for sub in result.netlist.subckts:
            if sub.body is target.scope:
                found += [p.range for p in sub.ports if p.key == key]
    elif target.kind in ("model", "subckt"):
        for st in result.netlist.statements:
            if isinstance(st, m.Element) and (st.letter == "X") == (target.kind == "subckt"):
                lay = layout(st, models)
                if lay.model is not None and lay.model.key == key:
                    found.append(lay.model.range)
    elif target.kind == "param":
        for st in result.netlist.statements:
            found += _param_uses(st, key)
    decls = [d.range for d in _definitions_of(result, target) if d.path is None]
    if include_declaration and target.kind != "node":
        found = decls + [r for r in found if r not in decls]
    elif not include_declaration:
        found = [r for r in found if r not in decls]
    return [Location(r) for r in sorted(set(found))]


def _param_uses(st: m.Statement, key: str) -> list[m.Range]:
    texts: list[tuple[str, m.Range]] = []
    fields = getattr(st, "fields", None) or getattr(st, "args", None) or []
    stack = list(fields)
    while stack:
        f = stack.pop()
        if f.kind == "expr" and f.range.start.line == f.range.end.line:
            texts.append((f.text, f.range))
        if f.value is not None:
            stack.append(f.value)
        stack += f.items
    out = []
    for text, rng in texts:
        for match in _IDENT.finditer(text):
            if match.group().lower() == key:
                start = m.Position(rng.start.line, rng.start.character + match.start())
                out.append(m.Range(start, m.Position(start.line, start.character + len(key))))
    return out


# ---------------------------------------------------------------------------------------
# Hover


def hover(result: CheckResult, pos: m.Position) -> HoverInfo | None:
    target = find_target(result, pos)
    if target is None:
        return None
    text = {
        "element": _hover_element, "node": _hover_node, "model": _hover_model,
        "subckt": _hover_subckt, "param": _hover_param, "directive": _hover_directive,
    }[target.kind](result, target)
    return HoverInfo(text, target.range) if text else None


def describe_value(text: str, unit: str = "") -> str:
    value = parse_number(text)
    if value is None:
        return f"`{text}`"
    return f"`{text}` = {format_eng(value)}{unit} ({format_si(value, unit)})"


def _hover_element(result: CheckResult, target: Target) -> str:
    el = cast(m.Element, target.statement)  # a target of kind "element"
    kind = KINDS.get(el.letter)
    lay: Layout = layout(el, _models(result))
    lines = [f"**{el.name}**: {kind.description if kind else 'element'}"]
    if lay.nodes:
        lines.append(f"- nodes: {', '.join(n.text for n in lay.nodes)}")
    if lay.controls:
        lines.append(f"- controlled by: {', '.join(c.text for c in lay.controls)}")
    if lay.value is not None:
        lines.append(f"- value: {describe_value(lay.value.text, UNITS.get(el.letter, ''))}")
    if lay.model is not None:
        label = "subcircuit" if el.letter == "X" else "model"
        lines.append(f"- {label}: `{lay.model.text}`")
    for p in lay.params:
        lines.append(f"- {p.name} = {describe_value(p.value.text) if p.value else '?'}")
    if lay.extra and el.letter in "VI":
        lines.append(f"- source: `{' '.join(f.text for f in lay.extra)}`")
    return "\n".join(lines)


def _hover_node(result: CheckResult, target: Target) -> str:
    models, key = _models(result), target.name.lower()
    users = [el.name for el in target.scope if isinstance(el, m.Element)
             and any(n.key == key for n in connected_nodes(el, layout(el, models)))]
    ground = " (ground)" if key in ("0", "gnd") else ""
    return f"**node {target.name}**{ground}: connects {', '.join(users) or 'nothing'}"


def _hover_model(result: CheckResult, target: Target) -> str:
    for loc_def in result.definitions.models.get(target.name.lower(), []):
        mo = cast(m.Model, loc_def.statement)  # the definitions table of models
        where = f" (from {loc_def.path.name})" if loc_def.path else ""
        params = ", ".join(f"{p.name}={p.value.text if p.value else ''}" for p in mo.params)
        return f"**.model {mo.name}** {mo.type}{where}\n\n{params}".rstrip()
    return f"model `{target.name}` is not defined"


def _hover_subckt(result: CheckResult, target: Target) -> str:
    for loc_def in result.definitions.subckts.get(target.name.lower(), []):
        sub = cast(m.Subckt, loc_def.statement)  # the definitions table of subcircuits
        where = f" (from {loc_def.path.name})" if loc_def.path else ""
        params = " ".join(p.text for p in sub.params)
        return (f"**.subckt {sub.name}**{where}\n\n- ports: {' '.join(p.text for p in sub.ports)}"
                + (f"\n- params: {params}" if params else ""))
    return f"subcircuit `{target.name}` is not defined"


def _hover_param(result: CheckResult, target: Target) -> str | None:
    for d in result.definitions.params.get(target.name.lower(), []):
        st = d.statement
        if isinstance(st, m.ParamDef):
            return f"**.param {st.name}** = {describe_value(st.value)}"
    for sub in result.netlist.subckts:
        for p in sub.params:
            if p.name.lower() == target.name.lower():
                return f"**{p.name}**: parameter of subcircuit {sub.name}, default " \
                       f"{describe_value(p.value.text) if p.value else '?'}"
    return None


def _hover_directive(result: CheckResult, target: Target) -> str | None:
    doc = DIRECTIVES.get(target.name.lower())
    return f"**{target.name}**: {doc}" if doc else None


# ---------------------------------------------------------------------------------------
# Completion


def completion(result: CheckResult, line_text: str, pos: m.Position) -> list[Completion]:
    """Items for the cursor at `pos`, `line_text` being the text of that line."""
    before = line_text[:pos.character]
    stripped = before.lstrip()
    if not stripped or (" " not in stripped and "\t" not in stripped):
        if stripped.startswith("."):
            return [Completion(name, "keyword", name[1:] if before.endswith(".") else name, doc)
                    for name, doc in DIRECTIVES.items()]
        items = [Completion(f"{k.letter} {k.description}", "snippet", k.template, k.description, True)
                 for k in KINDS.values()]
        return items + [Completion(name, "keyword", name, doc) for name, doc in DIRECTIVES.items()]
    if stripped.count("{") > stripped.count("}"):
        return _names(result, "param")
    letter = stripped[0].upper()
    order = ["subckt", "node", "param"] if letter == "X" else ["model", "node", "param"]
    return [item for kind in order for item in _names(result, kind)]


def _names(result: CheckResult, kind: str) -> list[Completion]:
    if kind == "node":
        models = _models(result)
        names = sorted({n.text for el in result.netlist.elements
                        for n in connected_nodes(el, layout(el, models))})
        return [Completion(n, "node", n, "node") for n in names]
    table = {"model": result.definitions.models, "subckt": result.definitions.subckts,
             "param": result.definitions.params}[kind]
    items = []
    for defs in table.values():
        d = defs[0]
        detail = {"model": lambda s: f".model {s.type}",
                  "subckt": lambda s: "ports: " + " ".join(p.text for p in s.ports),
                  "param": lambda s: f"= {getattr(s, 'value', '')}"}[kind](d.statement)
        items.append(Completion(d.name, kind, d.name, detail))
    return items


# ---------------------------------------------------------------------------------------
# Folding and formatting


def folding_ranges(result: CheckResult) -> list[Fold]:
    folds = []
    for st in result.netlist.statements:
        if isinstance(st, (m.Subckt, m.LibSection, m.ControlBlock)) or \
                (isinstance(st, m.Element) and st.range.end.line > st.range.start.line):
            if st.range.end.line > st.range.start.line:
                folds.append(Fold(st.range.start.line, st.range.end.line))
    return folds


def _cells(line: str, ranges: list[m.Range]) -> list[str]:
    """The line cut at the blanks between fields, everything else kept as written: only
    those blanks change, so `$(in 0)` never becomes `$ (in 0)` (a comment) and `a,b` keeps
    its comma."""
    start, end = ranges[0].start.character, ranges[-1].end.character
    spans = [(r.start.character, r.end.character) for r in ranges]
    cells, cell_start = [], start
    for gap in re.finditer(r"[ \t]+", line[start:end]):
        a, b = gap.start() + start, gap.end() + start
        if not any(s < a and b < e for s, e in spans):  # not a blank inside one field
            cells.append(line[cell_start:a])
            cell_start = b
    cells.append(line[cell_start:end])
    return cells


def _trim(line: str) -> str:
    """Drop trailing spaces and tabs (only those: other control characters are content),
    on both sides of a final carriage return (`x \r\t` becomes `x\r` at once)."""
    line = line.rstrip(" \t")
    eol = "\r" if line.endswith("\r") else ""
    return line.removesuffix("\r").rstrip(" \t") + eol


_UNUSUAL_SPACE = re.compile(r"[^\S \t]")  # vertical tab, form feed, a carriage return inside a line


def format_document(text: str, result: CheckResult) -> str:
    """Align the name and node columns of runs of one-line elements; trim trailing blanks.

    Only whitespace between fields changes, so the netlist means the same afterwards.
    """
    lines = text.split("\n")
    single: dict[int, tuple[str, list[str], str, int]] = {}  # line -> indent, columns, comment, aligned
    models = _models(result)
    for scope in _scopes(result.netlist):
        for el in scope:
            if not isinstance(el, m.Element) or el.range.start.line != el.range.end.line:
                continue
            line = lines[el.range.start.line]
            indent = line[:el.name_range.start.character]
            if indent.strip() or _UNUSUAL_SPACE.search(_trim(line).removesuffix("\r")) or \
                    any(f.kind == "equals" for f in el.fields):
                continue  # left as written: re-spacing would change how these lines tokenize
            columns = _cells(line, [el.name_range] + [f.range for f in el.fields])
            after = line[el.range.end.character:]
            # the comment keeps its blank, or its lack of one: `$;` is a field `$` and a comment
            comment = (" " if after[:1].isspace() else "") + after.strip() if after.strip() else ""
            aligned = min(1 + len(layout(el, models).nodes), len(columns))
            single[el.range.start.line] = (indent, columns, comment, aligned)
    # Trailing blanks go; a CRLF file keeps its line endings.
    out = [_trim(line) for line in lines]
    run: list[int] = []
    for number in range(len(lines) + 1):
        if number in single and (not run or run[-1] == number - 1):
            run.append(number)
            continue
        _align(run, single, out)
        run = [number] if number in single else []
    return "\n".join(out)


def _align(run: list[int], single, out: list[str]) -> None:
    if not run:
        return
    aligned = min(single[n][3] for n in run)
    widths = [max(len(single[n][1][i]) for n in run) for i in range(aligned)]
    for n in run:
        indent, columns, comment, _ = single[n]
        cells = [c.ljust(widths[i]) if i < aligned else c for i, c in enumerate(columns)]
        line = indent + " ".join(cells).rstrip()
        eol = "\r" if out[n].endswith("\r") else ""
        out[n] = line + comment + eol


# ---------------------------------------------------------------------------------------
# `* describe:` comments


_DESCRIBE = re.compile(r"^\s*[*;]\s*describe:\s*(?P<text>.*\S)\s*$", re.IGNORECASE)


def describe_request(line_text: str) -> str | None:
    """The description on a `* describe: ...` (or `; describe: ...`) line, else None."""
    match = _DESCRIBE.match(line_text.rstrip("\r"))
    return match.group("text") if match else None


@dataclass
class Insertion:
    position: m.Position
    text: str


def generation_notes(result: GenerationResult, insertion: Insertion) -> str:
    """What a generated answer's completion documentation says: the text it inserts, which
    backend wrote it and why, then its verification checklist and assumptions, and warnings."""
    lines = [f"```spice{insertion.text}\n```", f"**{result.backend}**: {result.reason}", "",
             *(f"- {line}" for line in checklist_lines(result)), *(f"- warning: {w}" for w in result.warnings)]
    return "\n".join(lines).strip()


def describe_hover(line: int, text: str, result: GenerationResult | None, refusal: str | None) -> HoverInfo:
    """A hover on a describe line: what generating it gives, checked item by item, or why not."""
    if result is None:
        body = f"**No netlist for this description**: {refusal}"
    else:
        body = "\n".join([f"**{result.verdict}**", "", *(f"- {item}" for item in checklist_lines(result))])
    return HoverInfo(body, m.Range(m.Position(line, 0), m.Position(line, len(text))))


@dataclass
class Suggestion:
    """An edit offered as a code action: here, a known circuit for a request no recipe answers."""
    title: str
    insertion: Insertion


def refusal_suggestions(document: str, line: int, description: str) -> list[Suggestion]:
    """For a describe line the generator refuses ("no recipe for X"): the nearest known circuits,
    each inserted below the line as the generated netlist would be (nothing is simulated)."""
    nearest = refused.nearest if (refused := refusal(description)) else []
    return [Suggestion(f"Insert the nearest known circuit: {known.summary}",
                       netlist_insertion(document, line, known.netlist)) for known in nearest]


def netlist_insertion(document: str, line: int, netlist: str) -> Insertion:
    """What to insert, and where, for a netlist generated from the describe comment on `line`.

    The text goes below the comment, which stays. The generated title is dropped: a file's
    first line is its title already (the comment itself when it stands on line 0). `.end` is
    dropped when the document has one.
    """
    lines = document.split("\n")
    body = netlist.rstrip("\n").split("\n")[1:]
    if any(text.strip().lower() == ".end" for text in lines):
        body = [text for text in body if text.strip().lower() != ".end"]
    eol = "\r\n" if lines[line].endswith("\r") else "\n"
    return Insertion(m.Position(line, len(lines[line].rstrip("\r"))), eol + eol.join(body))


@dataclass
class Placement:
    """What the generate command does with an answer: the text to insert (None: nothing goes
    in), and what to tell the user (None: nothing), as a warning or as information."""

    insertion: Insertion | None
    message: str | None
    warning: bool = False


def place_generated(result: GenerationResult, document: str, line: int, *, cancelled: bool, stopped: bool,
                    changed: bool, model_asked: bool) -> Placement:
    """Generated text goes in only where the user still wants it: not after a cancel, not an
    unverified answer the time budget cut short (`stopped`), not into a document that changed
    meanwhile. An inserted answer comes with what was checked and what was assumed, as a
    warning when it is unverified or the template answered for a model that failed."""
    if cancelled:
        return Placement(None, "generation cancelled; nothing inserted")
    if stopped and not result.verified:
        return Placement(None, None)
    if changed:
        return Placement(None, "the document changed while generating; nothing inserted")
    fell_back = model_asked and result.backend == "template"
    return Placement(netlist_insertion(document, line, result.netlist),
                     "\n".join([f"inserted the {result.backend} answer: {result.reason}", *checklist_lines(result)]),
                     warning=fell_back or not result.verified)
