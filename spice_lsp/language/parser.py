"""Parse netlist text into the model of spice_lsp.language.model, with syntax diagnostics.

A file is first split into statements (a line plus its `+` continuations; a whole
`.control` block), then each statement is parsed alone with the `statement` start rule of
grammar/spice.lark. Statements are independent once continuations are joined, so
`IncrementalParser` re-parses only statements whose text changed (one that only moved keeps
its parse: its positions are relative to its anchor, which moves), and a syntax error in one
line never hides the lines after it.

Most lines of a large netlist are one-line elements of words and `key=value` parameters:
`parse_element_line` reads those without Lark, into the same objects, and leaves every
other line (and every syntax error) to the grammar.
"""
from __future__ import annotations

import gc
import re
import threading
from contextlib import contextmanager
from dataclasses import dataclass, replace
from itertools import takewhile
from pathlib import Path
from typing import NamedTuple, cast

from lark import Lark, Token, Transformer, UnexpectedInput, UnexpectedToken

from spice_lsp.language import model as m
from spice_lsp.language.diagnostics import Diagnostic, Severity, diagnostic

GRAMMAR_PATH = Path(__file__).with_name("spice.lark")

_CONTROL_START = re.compile(r"\s*\.control(?![^\s;])", re.IGNORECASE)
# ngspice ends a .control block at any line starting with `.endc` (`.endcontrol` too).
_CONTROL_END = re.compile(r"\s*\.endc", re.IGNORECASE)


class Chunk(NamedTuple):
    """The source text of one statement and the 0-based line it starts on."""

    line: int
    text: str


_new_chunk = tuple.__new__  # Chunk(line, text) without the generated __new__: one a line


@dataclass
class ParseResult:
    netlist: m.Netlist
    diagnostics: list[Diagnostic]


def _line_range(line: int, text: str) -> m.Range:
    return m.Range(m.Position(line, 0), m.Position(line, len(text)))


def split_statements(text: str, has_title: bool = True):
    """Split a file into (title, title_range, chunks, diagnostics).

    Comment and blank lines between a statement and its continuation stay inside the
    chunk, as ngspice allows; the grammar skips them.
    """
    lines = text.split("\n")
    diagnostics: list[Diagnostic] = []
    title, title_range, first = "", None, 0
    if has_title and lines:
        title = lines[0].rstrip("\r")
        title_range = _line_range(0, title)
        first = 1
    chunks: list[Chunk] = []
    new_chunk = _new_chunk
    # The first and last line of the statement being collected (-1: none); the comment and
    # blank lines between them are its, those after `last` only if a continuation follows.
    start = last = -1
    i = first
    count = len(lines)
    while i < count:
        line = lines[i]
        head = line.lstrip()[:1]
        if not head or head == "*":
            pass
        elif head == "+":
            if start >= 0:
                last = i
            else:
                diagnostics.append(diagnostic(
                    "syntax-error", _line_range(i, line.rstrip("\r")),
                    "This continuation line (starting with '+') has no statement above it to continue."))
        elif head == "." and _CONTROL_START.match(line):
            if start >= 0:
                chunks.append(new_chunk(Chunk, (start, "\n".join(lines[start:last + 1]))))
            start = -1
            end = i + 1
            while end < len(lines) and not _CONTROL_END.match(lines[end]):
                end += 1
            if end == len(lines):
                diagnostics.append(_unclosed_control(i, lines))
            chunks.append(new_chunk(Chunk, (i, "\n".join(lines[i:end + 1]))))
            i = end
        else:
            if start >= 0:
                chunks.append(new_chunk(Chunk, (start, lines[start] if start == last
                                                else "\n".join(lines[start:last + 1]))))
            start = last = i
        i += 1
    if start >= 0:
        chunks.append(new_chunk(Chunk, (start, "\n".join(lines[start:last + 1]))))
    return title, title_range, chunks, diagnostics


_END_LINE = re.compile(r"\s*\.end(?![^\s;])", re.IGNORECASE)


def _unclosed_control(start: int, lines: list[str]) -> Diagnostic:
    """ngspice runs a .control block without .endc to the end of the file (it warns
    'Missing .endc statement!'), but a '.end' inside it is then run as a command, and fails."""
    rng = _line_range(start, lines[start].rstrip("\r"))
    end = next((j for j in range(start + 1, len(lines)) if _END_LINE.match(lines[j])), None)
    if end is not None:
        return diagnostic("unclosed-block", rng,
                          f"This .control block is never closed, so ngspice runs the '.end' on "
                          f"line {end + 1} as a command, and fails: add a line '.endc' after "
                          "the block's commands.")
    return diagnostic("unclosed-block", rng,
                      "This .control block is never closed: ngspice runs its commands to the end "
                      "of the file (warning 'Missing .endc statement!'); add a line '.endc' after "
                      "them.", Severity.WARNING)


# ---------------------------------------------------------------------------------------
# Model objects, built the same way by the Lark transformer and the fast path below.

def _make_assignment(key: str, text: str, value: m.Field | None, anchor: m.Anchor,
                     row: int, col: int, end_row: int, end_col: int) -> m.Field:
    """`key` is the KEY token as written (`w=`, `tc1 =`); `text` the source of the whole field."""
    return m.Field("assign", text, anchor, row, col, end_row, end_col, name=key.rstrip("= \t"), value=value)


def _end(f: m.Field) -> m.Position:
    """Where a field ends, relative to its anchor."""
    return m.Position(f.end_row, f.end_col)


_FIRST_LINE: dict[int, m.Range] = {}


def _on_first_line(start: int, end: int) -> m.Range:
    """The relative range from column `start` to `end` of a statement's first line. Most
    statements' names and whole ranges are such ranges, and a Range never changes: they
    share one object per pair (fewer objects to build, and for the cycle collector to walk)."""
    if end >= 1 << 20:  # beyond the key's room: a line a megabyte long
        return m.Range(m.Position(0, start), m.Position(0, end))
    key = start << 20 | end
    found = _FIRST_LINE.get(key)
    if found is None:
        found = m.Range(m.Position(0, start), m.Position(0, end))
        if len(_FIRST_LINE) < 100_000:
            _FIRST_LINE[key] = found
    return found


def _make_element(anchor: m.Anchor, name: str, name_at: m.Range, fields: list[m.Field]) -> m.Element:
    if not fields:
        at = name_at
    elif fields[-1].end_row == 0 and name_at.start.line == 0:
        at = _on_first_line(name_at.start.character, fields[-1].end_col)
    else:
        at = m.Range(name_at.start, _end(fields[-1]))
    element = m.Element(anchor, at, name, name_at, fields)
    if name[0] in "VvIi":
        element.fields = fields[:2] + _fold_source_functions(fields[2:])
    return element


# ---------------------------------------------------------------------------------------
# Tree to model. Lark calls these methods while it parses (LALR with an inline
# transformer), so no parse tree is ever built.

_FIELD_KINDS = {"STRING": "string", "EQUALS": "equals", "COMMA": "comma"}
_ANALYSES = ("op", "dc", "ac", "tran", "noise", "tf", "sens", "pz", "disto", "four", "sp",
             "meas", "step")


class _ToModel(Transformer):
    """Builds model objects; `anchor`, `text` and `lines` are set for each statement parsed.

    Positions are relative to the statement's first line: Lark counts lines (1-based) from
    the start of the text it was given, which is the statement's."""

    def __init__(self) -> None:
        super().__init__()
        self.set_chunk(Chunk(0, ""))

    def set_chunk(self, chunk: Chunk) -> None:
        self.anchor, self.text, self.lines = m.Anchor(chunk.line), chunk.text, chunk.text.split("\n")

    # positions -----------------------------------------------------------------------
    def _range(self, first: Token, last: Token) -> m.Range:
        # Lark's positions are 1-based, and always set on lexed tokens
        if first.line == last.end_line == 1:
            return _on_first_line(first.column - 1, last.end_column - 1)  # type: ignore[operator]
        return m.Range(m.Position(first.line - 1, first.column - 1),  # type: ignore[operator]
                       m.Position(last.end_line - 1, last.end_column - 1))  # type: ignore[operator]

    def _as_field(self, item) -> m.Field:
        if item.__class__ is m.Field:
            return item
        # _rows inlined: this runs for every token of every statement.
        return m.Field(_FIELD_KINDS.get(item.type, "word"), str(item), self.anchor, item.line - 1,
                       item.column - 1, item.end_line - 1, item.end_column - 1)

    def _as_fields(self, items) -> list[m.Field]:
        return [self._as_field(item) for item in items]

    def _statement_range(self, name: Token, fields: list[m.Field]) -> m.Range:
        start = self._range(name, name)
        return m.Range(start.start, _end(fields[-1])) if fields else start

    # fields --------------------------------------------------------------------------
    def node(self, children):
        return self._as_field(children[0])

    def expression(self, children):
        return m.Field("expr", str(children[0]), *self._rows(children[0], children[0]))

    def _rows(self, first: Token, last: Token) -> tuple[m.Anchor, int, int, int, int]:
        """The anchor and relative position of the source from `first` to `last`."""
        return (self.anchor, first.line - 1, first.column - 1,  # type: ignore[operator]
                last.end_line - 1, last.end_column - 1)  # type: ignore[operator]

    def _bracketed(self, kind, children):
        first, last = children[0], children[-1]
        return m.Field(kind, self.text[first.start_pos:last.end_pos], *self._rows(first, last),
                       items=self._as_fields(children[1:-1]))

    def group(self, children):
        return self._bracketed("group", children)

    def vector(self, children):
        return self._bracketed("vector", children)

    def assignment(self, children):
        key = children[0]
        value = self._as_field(children[1]) if len(children) > 1 else None
        row, col = key.line - 1, key.column - 1
        end_row, end_col = (value.end_row, value.end_col) if value else (key.end_line - 1, key.end_column - 1)
        if row == end_row:
            text = self.lines[row][col:end_col]
        else:  # the value stands on a continuation line
            text = str(key) + (value.text if value else "")
        return _make_assignment(str(key), text, value, self.anchor, row, col, end_row, end_col)

    # elements ------------------------------------------------------------------------
    def _element(self, children):
        name, fields = children[0], self._as_fields(children[1:])
        if "," in self.text:
            fields = self._without_commas(fields)
        return _make_element(self.anchor, str(name), self._range(name, name), fields)

    def _without_commas(self, fields: list[m.Field]) -> list[m.Field]:
        """ngspice reads a comma on an element line as a space, except that `ic=1,2,3` is one
        parameter with three values: drop the commas, and join such values to their key."""
        out: list[m.Field] = []
        after_comma = False
        for f in fields:
            if f.kind == "comma":
                after_comma = True
                continue
            last = out[-1] if out else None
            if after_comma and last is not None and last.kind == "assign" and last.value is not None \
                    and f.kind in ("word", "expr"):
                text = self.lines[last.row][last.col:f.end_col] if last.row == f.end_row \
                    else f"{last.text},{f.text}"
                out[-1] = m.Field("assign", text, self.anchor, last.row, last.col, f.end_row, f.end_col,
                                  name=last.name, value=last.value, items=[*(last.items or [last.value]), f])
            else:
                out.append(f)
            after_comma = False
        return out

    two_node = three_node = four_node = coupling = source = behavioral = _element
    controlled = switch_w = subckt_call = xspice = multi_node = _element

    # dot commands --------------------------------------------------------------------
    def model(self, children):
        keyword, name, fields = children[0], children[1], self._as_fields(children[2:])
        rng = self._statement_range(keyword, [self._as_field(name)] + fields)
        mtype = fields[0].text if fields and fields[0].kind == "word" else ""
        params = [p for f in fields for p in (f.items if f.kind == "group" else [f])
                  if p.kind == "assign"]
        return m.Model(self.anchor, rng, str(name), self._range(name, name), mtype, params)

    def subckt(self, children):
        keyword, name, fields = children[0], children[1], self._as_fields(children[2:])
        rng = self._statement_range(keyword, [self._as_field(name)] + fields)
        ports, params, section = [], [], "ports"
        for f in fields:
            if f.kind == "comma":
                continue
            if f.kind == "word" and f.key in SUBCKT_SECTIONS:
                section = f.key
            elif f.kind == "assign" and section == "optional:" and f.value is not None:
                # PSpice `OPTIONAL: DPWR=$G_DPWR`: a port a call may leave out, with the
                # node it defaults to. It stays a port (a word field) carrying that default.
                ports.append(m.Field("word", f.name, f.anchor, f.row, f.col, f.row, f.col + len(f.name),
                                     name=f.name, value=f.value))
            elif f.kind == "assign":
                params.append(f)
            elif f.kind == "word" and section == "ports" and not params:
                ports.append(f)
            elif section == "ports":
                section = "rest"  # a field that is no port ends the ports
        return m.Subckt(self.anchor, rng, str(name), self._range(name, name), ports, params, rng)

    def ends(self, children):
        fields = self._as_fields(children[1:])
        return m.Ends(self.anchor, self._statement_range(children[0], fields),
                      fields[0].text if fields and fields[0].kind == "word" else "")

    def endl(self, children):
        return m.Endl(self.anchor, self._statement_range(children[0], self._as_fields(children[1:])),
                      str(children[1]) if len(children) > 1 else "")

    def param(self, children):
        return [m.ParamDef(self.anchor, f.at, f.name, m.Range(f.at.start, m.Position(f.row, f.col + len(f.name))),
                           f.value.text if f.value else "")
                for f in self._as_fields(children[1:]) if f.kind == "assign"]

    def func(self, children):
        fields = self._as_fields(children[1:])
        rng = self._statement_range(children[0], fields)
        if not fields:
            return m.FuncDef(self.anchor, rng, "", rng, "")
        return m.FuncDef(self.anchor, rng, fields[0].text, fields[0].at, " ".join(f.text for f in fields))

    def include(self, children):
        keyword, path = children[0], self._as_field(children[1])
        return m.Include(self.anchor, self._statement_range(keyword, [path]), "include",
                         path.text.strip("\"'"), path.at)

    def lib(self, children):
        keyword, fields = children[0], self._as_fields(children[1:])
        rng = self._statement_range(keyword, fields)
        if len(fields) == 1 and fields[0].kind == "word" and "." not in fields[0].text \
                and "/" not in fields[0].text:
            # `.lib NAME` without a file: the start of a section inside a library file.
            return m.LibSection(self.anchor, rng, fields[0].text, fields[0].at)
        section = fields[1].text if len(fields) > 1 else ""
        return m.Include(self.anchor, rng, "lib", fields[0].text.strip("\"'"), fields[0].at, section)

    def _directive(self, children):
        keyword, fields = children[0], self._as_fields(children[1:])
        return m.Directive(self.anchor, self._statement_range(keyword, fields), str(keyword).lower(), fields)

    global_ = output = initial = options = conditional = _directive

    def generic_directive(self, children):
        directive = self._directive(children)
        directive.known = False
        return directive

    def end(self, children):
        return m.End(self.anchor, self._range(children[0], children[0]))

    def control_block(self, children):
        token = children[0]
        return m.ControlBlock(self.anchor, self._range(token, token), str(token))


# Keywords that end the ports of a .subckt line (ngspice, and PSpice's OPTIONAL: and TEXT:).
SUBCKT_SECTIONS = frozenset({"params:", "optional:", "text:"})

SOURCE_FUNCTIONS = frozenset({"pulse", "sin", "exp", "pwl", "sffm", "am", "trnoise", "trrandom"})


def _fold_source_functions(fields: list[m.Field]) -> list[m.Field]:
    """`PULSE (0 5 ...)` becomes one field of kind func; `PULSE 0 5 ...` takes the rest."""
    out: list[m.Field] = []
    i = 0
    while i < len(fields):
        f = fields[i]
        if f.kind == "word" and f.key in SOURCE_FUNCTIONS:
            if i + 1 < len(fields) and fields[i + 1].kind == "group":
                args, i = fields[i + 1], i + 1
                last, items, text = args, args.items, f.text + args.text
            else:
                rest = list(takewhile(lambda a: a.kind != "assign", fields[i + 1:]))
                items, i = rest, i + len(rest)
                last = rest[-1] if rest else f
                text = " ".join([f.text] + [a.text for a in rest])
            out.append(m.Field("func", text, f.anchor, f.row, f.col, last.end_row, last.end_col,
                               name=f.key, items=items))
        else:
            out.append(f)
        i += 1
    return out


def _analysis(kind):
    def build(self, children):
        keyword, fields = children[0], self._as_fields(children[1:])
        return m.Analysis(self.anchor, self._statement_range(keyword, fields), kind, fields)
    return build


for _kind in _ANALYSES:
    setattr(_ToModel, _kind, _analysis(_kind))


# ---------------------------------------------------------------------------------------
# Syntax errors, turned into diagnostics in one place.

_TERMINAL_NAMES = {
    "WORD": "a node name or value", "SWEEP_KW": "DEC, OCT or LIN", "RPAR": "')'",
    "RSQB": "']'", "LPAR": "'('", "KEY": "a parameter such as w=1u", "STRING": "a quoted string",
    "QUOTE_EXPR": "a 'quoted' expression", "BRACE_EXPR": "a {braced} expression",
    "$END": "the end of the line",
}
_CLOSERS = {"RPAR": "(", "RSQB": "["}
_ELEMENT_NODES = {"R": 2, "C": 2, "L": 2, "D": 2, "V": 2, "I": 2, "B": 2, "E": 2, "F": 2,
                  "G": 2, "H": 2, "W": 2, "Q": 3, "J": 3, "Z": 3, "M": 4, "S": 4,
                  "T": 4, "O": 4, "Y": 4, "K": 2}


def _describe(token: Token) -> str:
    if token.type == "$END":
        return "the end of the line"
    return f"'{_first_word(token)}'"


def _first_word(token: Token) -> str:
    # On an error Lark re-lexes with every terminal, so a token may run to the line's end.
    return str(token).split()[0] if str(token).strip() else str(token)


def _range_within(lines: list[str], first_line: int, line: int, start: int, end: int) -> m.Range:
    """A range on `lines[line]` of a chunk, kept inside that line (Lark reports the end of
    the input one character past it); a range at the very end covers the last character."""
    length = len(lines[line].rstrip("\r"))
    start, end = min(start, length), min(end, length)
    if start == end and start > 0:
        start -= 1
    return m.Range(m.Position(first_line + line, start), m.Position(first_line + line, end))


def syntax_diagnostic(error: UnexpectedInput, chunk: Chunk) -> Diagnostic:
    """One clear message for a statement Lark rejected."""
    lines = chunk.text.split("\n")
    line = error.line - 1 if error.line and error.line > 0 else len(lines) - 1
    column = error.column - 1 if error.column and error.column > 0 else len(lines[line])
    if isinstance(error, UnexpectedToken) and error.token.type == "$END":
        line, column = len(lines) - 1, len(lines[-1].rstrip("\r"))
    width = len(_first_word(error.token)) if isinstance(error, UnexpectedToken) else 1
    rng = _range_within(lines, chunk.line, line, column, column + max(width, 1))
    first = chunk.text.lstrip()
    letter = first[:1].upper()
    if error.line == 1 and error.column == 1 + len(chunk.text) - len(first):
        indent = len(chunk.text) - len(first)
        return diagnostic("syntax-error", _range_within(lines, chunk.line, 0, indent, indent + len(first.split()[0])),
                          f"'{first.split()[0]}' is not a statement: an element name starts with "
                          "its kind letter (R1, C1, V1, M1, X1...) and a command with a dot "
                          "(.tran, .model...).")
    expected: set[str] = getattr(error, "expected", None) or getattr(error, "allowed", None) or set()
    if isinstance(error, UnexpectedToken) and "WORD" in expected and expected <= {"WORD", "COMMA"} \
            and letter in _ELEMENT_NODES:
        name = first.split()[0]
        found = len(first.split()) - 1
        what = "inductor names" if letter == "K" else "nodes"
        indent = len(lines[0]) - len(lines[0].lstrip())
        whole = m.Range(m.Position(chunk.line, indent),
                        m.Position(chunk.line + len(lines) - 1, len(lines[-1].rstrip())))
        return diagnostic("node-count", whole,
                          f"{name} needs {_ELEMENT_NODES[letter]} {what}, but only {found} "
                          f"{'is' if found == 1 else 'are'} given.")
    if isinstance(error, UnexpectedToken) and error.token.type in _CLOSERS:
        return diagnostic("syntax-error", rng, f"Unmatched '{error.token}': there is no "
                          f"'{_CLOSERS[error.token.type]}' before it on this statement.")
    if isinstance(error, UnexpectedToken):
        wanted = sorted({_TERMINAL_NAMES.get(t, t.lower().removesuffix("_kw")) for t in expected
                         if not t.startswith("_")})
        return diagnostic("syntax-error", rng,
                          f"Unexpected {_describe(error.token)}: expected "
                          f"{' or '.join(wanted[:5])}.")
    char = lines[line][column] if column < len(lines[line]) else "?"
    return diagnostic("syntax-error", rng, f"Unexpected character '{char}' here.")


# ---------------------------------------------------------------------------------------

_parser_lock = threading.Lock()
_transformer = _ToModel()
_lark: Lark | None = None


def load_grammar() -> Lark:
    """The statement parser of grammar/spice.lark, built on first use (about 0.1 s; a server
    may call this at start-up to take that cost early)."""
    global _lark
    if _lark is None:
        _lark = Lark(GRAMMAR_PATH.read_text(encoding="utf-8"), parser="lalr",
                     lexer="contextual", start=["netlist", "statement"],
                     transformer=_transformer, maybe_placeholders=False)
    return _lark


def grammar_parser(start: str = "netlist") -> Lark:
    """A plain tree-building parser of the grammar, for tools that want the parse tree."""
    return Lark(GRAMMAR_PATH.read_text(encoding="utf-8"), parser="lalr", start=start,
                propagate_positions=True)


_MODEL_START = re.compile(r"\s*\.model(?![^\s=(),;{}'\"\[\]])", re.IGNORECASE)


def _balance_parens(text: str) -> tuple[str, int | None]:
    """The text with every parenthesis that has no partner made a space, and the offset of
    the first such one (None: all balanced). Comments, quotes and braces are skipped."""
    chars, stack, stray = list(text), [], []
    i, n, depth, quote = 0, len(text), 0, ""
    at_line_start = True
    while i < n:
        c = text[i]
        if c == "\n":
            at_line_start, quote = True, ""
        elif at_line_start and c in " \t":
            pass
        elif at_line_start and c == "*":  # a comment line between continuations
            while i < n and text[i] != "\n":
                i += 1
            continue
        else:
            at_line_start = False
            if quote:
                quote = "" if c == quote else quote
            elif depth:
                depth += (c == "{") - (c == "}")
            elif c in "'\"":
                quote = c
            elif c == "{":
                depth = 1
            elif c == ";" or (c == "$" and text[i + 1:i + 2] in ("", " ", "\t", "\r", "\n")):
                while i < n and text[i] != "\n":
                    i += 1
                continue
            elif c == "(":
                stack.append(i)
            elif c == ")":
                if stack:
                    stack.pop()
                else:
                    stray.append(i)
        i += 1
    stray += stack
    for j in stray:
        chars[j] = " "
    return "".join(chars), min(stray) if stray else None


def _offset_position(chunk: Chunk, offset: int) -> m.Position:
    before = chunk.text[:offset]
    line = before.count("\n")
    return m.Position(chunk.line + line, offset - (before.rfind("\n") + 1))


def _parse_model_leniently(lark: Lark, chunk: Chunk):
    """ngspice reads the parentheses of a .model line as spaces, so it takes a line whose
    parentheses do not pair up (`.model d D (is=1` or a stray `+ )`). Parse such a line
    with the unpaired ones blanked out, and warn."""
    text, first = _balance_parens(chunk.text)
    if first is None:
        return None
    _transformer.set_chunk(Chunk(chunk.line, text))
    try:
        result = lark.parse(text, start="statement")
    except UnexpectedInput:
        return None
    start = _offset_position(chunk, first)
    warning = diagnostic(
        "syntax-error", m.Range(start, m.Position(start.line, start.character + 1)),
        f"This '{chunk.text[first]}' has no partner. ngspice reads the parentheses of a "
        ".model line as spaces, so it accepts the line; other simulators may not.",
        Severity.WARNING)
    return (result if isinstance(result, list) else [result]), warning


# ---------------------------------------------------------------------------------------
# The fast path: most statements of a large netlist are one-line elements of words and
# `key=value` parameters. They are read here with one regular expression, into the same
# model objects the grammar would build (tests/test_parser.py compares the two on
# ngspice's examples and on random lines); anything else, and any line this reader is not
# sure of, goes to Lark, which also writes every syntax error.

# The terminals of grammar/spice.lark that such a line holds, in the order Lark's lexer
# tries them (priority first: INLINE_COMMENT, KEY, then WORD, WS, EQUALS); `other` is
# anything else (a quote, a parenthesis, a comma...), which sends the line to Lark.
_FAST_TOKEN = re.compile(
    r"(?P<skip>(?:;|\$(?=\s|$)|//)[^\r\n]*|[ \t\f\r]+)"
    r"|(?P<key>[^\s=(),;{}'\"\[\]]+[ \t]*=(?!=))"
    r"|(?P<word>[^\s=(),;{}'\"\[\]]+)"
    r"|(?P<equals>=)"
    r"|(?P<other>[\s\S])")
# An element name: the kind letter (ASCII only: Lark's case-insensitive letters also match
# the Kelvin sign and the long s) and the rest of the word.
_FAST_NAME = re.compile(r"[ \t\f\r]*([A-Za-z][^\s=(),;{}'\"\[\]]*)")
# The nodes the grammar requires before the free fields (two_node: 2, three_node: 3...).
_FAST_NODES = {letter: count for letters, count in (("RCLDKVIBEFGHW", 2), ("QJZ", 3),
                                                    ("MSOTY", 4), ("XANPU", 0))
               for letter in letters + letters.lower()}


# An ASCII line without these characters is words and blanks only, which str.split() finds
# (\v and \x1c-\x1f are blanks to str.split but not to the grammar).
_NOT_ONLY_WORDS = re.compile(r"[=(),;{}'\"\[\]$/\n\v\x1c-\x1f]")


def parse_element_line(chunk: Chunk) -> list[m.Statement] | None:
    """The element on a one-line chunk of words and parameters, or None: ask Lark."""
    text = chunk.text
    field = m.Field
    if text.isascii() and _NOT_ONLY_WORDS.search(text) is None:  # `R12 n12 n13 4.7k`
        words = text.split()
        if not words or len(words) <= _FAST_NODES.get(words[0][0], len(words)):
            return None
        anchor = m.Anchor(chunk.line)
        end = text.find(words[0])
        name_end = end + len(words[0])
        name_at = _on_first_line(end, name_end)
        end = name_end
        fields = []
        for word in words[1:]:
            start = text.find(word, end)
            end = start + len(word)
            fields.append(field("word", word, anchor, 0, start, 0, end))
        return [_make_element(anchor, words[0], name_at, fields)]
    head = _FAST_NAME.match(text)
    if head is None or "\n" in text:
        return None
    tokens = [t for t in _FAST_TOKEN.finditer(text, head.end()) if t.lastgroup != "skip"]
    nodes = _FAST_NODES[text[head.start(1)]]
    if len(tokens) < nodes or any(t.lastgroup != "word" for t in tokens[:nodes]) \
            or any(t.lastgroup == "other" for t in tokens):
        return None

    anchor = m.Anchor(chunk.line)
    fields = []
    i, count = 0, len(tokens)
    while i < count:
        token = tokens[i]
        kind, (start, end) = token.lastgroup, token.span()
        if kind == "key":  # `w=1u`: the word after a KEY is its value, as in the grammar
            value = None
            if i + 1 < count and tokens[i + 1].lastgroup == "word":
                i += 1
                value = field("word", tokens[i].group(), anchor, 0, tokens[i].start(), 0, tokens[i].end())
                end = tokens[i].end()
            fields.append(_make_assignment(token.group(), text[start:end], value, anchor, 0, start, 0, end))
        else:
            fields.append(field("word" if kind == "word" else "equals", token.group(), anchor, 0, start, 0, end))
        i += 1
    return [_make_element(anchor, head.group(1), _on_first_line(*head.span(1)), fields)]


def parse_chunk(chunk: Chunk):
    """The statements of one chunk; a Diagnostic when it does not parse; or, for a line that
    parses only the way ngspice reads it, a (statements, warning) tuple."""
    return parse_element_line(chunk) or parse_with_grammar(chunk)


def parse_with_grammar(chunk: Chunk):
    """parse_chunk without the fast path (tests compare the two)."""
    with _parser_lock:
        lark = load_grammar()
        _transformer.set_chunk(chunk)
        try:
            result = lark.parse(chunk.text, start="statement")
        except UnexpectedInput as error:
            found = _parse_model_leniently(lark, chunk) if _MODEL_START.match(chunk.text) else None
            return found if found is not None else syntax_diagnostic(error, chunk)
    return result if isinstance(result, list) else [result]


_BLOCKS = (m.Subckt, m.LibSection)
_BLOCK_ENDS = {m.Ends: (m.Subckt, ".ends", ".subckt"), m.Endl: (m.LibSection, ".endl", ".lib")}


def assemble(title: str, title_range, statements: list[m.Statement]) -> tuple[m.Netlist, list[Diagnostic]]:
    """Nest subcircuit and library-section bodies; report unmatched and unclosed blocks."""
    diagnostics: list[Diagnostic] = []
    body: list[m.Statement] = []
    stack: list[m.Subckt | m.LibSection] = []
    by_type: dict[type, list[m.Statement]] = {}
    flat: list[m.Statement] = []  # the statements in file order, blocks as their copies
    for st in statements:
        cls = st.__class__
        if cls in _BLOCKS:
            # A fresh copy: the cached statement is shared with earlier versions of the file.
            block = replace(cast(m.Subckt | m.LibSection, st), body=[], closed=False)
            (stack[-1].body if stack else body).append(block)
            stack.append(block)
            st = block
        elif cls in _BLOCK_ENDS:
            opener, word, start = _BLOCK_ENDS[cls]
            if stack and isinstance(stack[-1], opener):
                block = stack.pop()
                block.closed = True
                block.range = m.Range(block.range.start, st.range.end)
            else:
                diagnostics.append(diagnostic("unmatched-end", st.range,
                                              f"This {word} closes nothing: there is no open {start} above it."))
        elif stack:
            stack[-1].body.append(st)
        else:
            body.append(st)
        group = by_type.get(cls)
        if group is None:
            by_type[cls] = [st]
        else:
            group.append(st)
        flat.append(st)
    for block in stack:
        word, end = (".subckt", ".ends") if isinstance(block, m.Subckt) else (".lib", ".endl")
        diagnostics.append(diagnostic("unclosed-block", block.name_range, f"{word} {block.name} is never "
                                      f"closed: add '{end} {block.name}' after its last line."))
    return m.Netlist(title, title_range, body, flat, by_type), diagnostics


class _Placed(NamedTuple):
    """A cached parse that holds diagnostics (a syntax error, or a lenient parse's warning),
    and the line it was made for: diagnostics hold document lines."""

    line: int
    result: tuple | Diagnostic


def _placed(entry: _Placed, line: int) -> _Placed:
    """The entry for a chunk that now starts on `line`."""
    if entry.line == line:
        return entry
    lines, result = line - entry.line, entry.result
    if isinstance(result, Diagnostic):
        return _Placed(line, result.moved(lines))
    statements, warning = result
    if statements:
        statements[0].anchor.line = line
    return _Placed(line, (statements, warning.moved(lines)))


@contextmanager
def collector_paused():
    """Pause CPython's cycle collector while a parse or a check builds its (acyclic) model.

    Everything they build outlives them, and the collector, triggered by the allocations,
    would walk the growing heap again and again for nothing: with a few 10,000-line
    documents open that was more than half the time of a check."""
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was_enabled:
            gc.enable()


class IncrementalParser:
    """Parses successive versions of one document, re-parsing only changed statements.

    The cache is keyed by a statement's text. A statement that only moved (lines inserted
    or deleted above it) keeps its parse, moved in place by its anchor: the objects belong
    to the newest parse, and checks.Checker keeps its facts about them by identity.
    """

    def __init__(self, has_title: bool = True) -> None:
        self.has_title = has_title
        # text -> its parse: a list of statements (which start on their anchor's line), or
        # a _Placed result with diagnostics; repeated texts' later occurrences, in file
        # order, in _twins. Each cached parse serves one occurrence.
        self._cache: dict[str, list[m.Statement] | _Placed] = {}
        self._twins: dict[str, list[list[m.Statement] | _Placed]] = {}
        self.reparsed = 0  # statements parsed by the last call, for benchmarks and tests

    def parse(self, text: str) -> ParseResult:
        with collector_paused():
            return self._parse(text)

    def _parse(self, text: str) -> ParseResult:
        title, title_range, chunks, diagnostics = split_statements(text, self.has_title)
        old, old_twins = self._cache, self._twins
        cache: dict[str, list[m.Statement] | _Placed] = {}
        twins: dict[str, list[list[m.Statement] | _Placed]] = {}
        keep, pop = cache.setdefault, old.pop
        statements: list[m.Statement] = []
        self.reparsed = 0
        # The commonest case first and spelled out: this loop runs for every statement of
        # every version of the document.
        for chunk in chunks:
            line, source = chunk
            entry = pop(source, None)
            if entry is None and old_twins.get(source):
                entry = old_twins[source].pop(0)
            if entry is None:
                result = parse_chunk(chunk)
                self.reparsed += 1
                entry = result if result.__class__ is list else _Placed(line, result)
            elif entry.__class__ is list:
                if entry:
                    entry[0].anchor.line = line  # the statements move with their anchor
            else:
                entry = _placed(cast(_Placed, entry), line)
            if keep(source, entry) is not entry:
                twins.setdefault(source, []).append(entry)
            if entry.__class__ is list:
                statements += cast(list, entry)
                continue
            result = cast(_Placed, entry).result
            if isinstance(result, Diagnostic):
                diagnostics.append(result)
            else:  # parsed the lenient way ngspice reads it
                statements += result[0]
                diagnostics.append(result[1])
        self._cache, self._twins = cache, twins
        netlist, structural = assemble(title, title_range, statements)
        return ParseResult(netlist, diagnostics + structural)


def parse(text: str, has_title: bool = True) -> ParseResult:
    return IncrementalParser(has_title).parse(text)
