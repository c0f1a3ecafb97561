"""The netlist model: plain dataclasses, each carrying its source range.

Positions are 0-based (line, character) like LSP's, so the protocol layer converts
without arithmetic. Names compare case-insensitively in SPICE; `key` fields hold the
lower-cased form used for lookups.

A parsed statement and its fields keep their positions relative to the statement's first
line, held once in their shared `Anchor`; `range` and the other range attributes add it
when read. A statement that moves (lines inserted or deleted above it) is moved by setting
that one number, whatever its size (parser.IncrementalParser).
"""
from __future__ import annotations

from dataclasses import dataclass, field
from typing import NamedTuple, overload


# Tuples, not dataclasses: a 10,000-line netlist makes ~100,000 of them per full parse.
class Position(NamedTuple):
    line: int
    character: int


class Range(NamedTuple):
    start: Position
    end: Position

    def contains(self, pos: Position) -> bool:
        return self.start <= pos <= self.end

    def moved(self, lines: int) -> Range:
        """The same columns `lines` lines further down (up when negative)."""
        (start_line, start_char), (end_line, end_char) = self
        return _new(Range, (_new(Position, (start_line + lines, start_char)),
                            _new(Position, (end_line + lines, end_char))))


_new = tuple.__new__  # Range(Position(...), ...) without the generated __new__ calls


class Anchor:
    """The line a parsed statement starts on, shared by the statement and its fields."""

    __slots__ = ("line",)

    def __init__(self, line: int) -> None:
        self.line = line

    def __eq__(self, other: object) -> bool:
        return isinstance(other, Anchor) and other.line == self.line

    __hash__ = None  # type: ignore[assignment]  # mutable

    def __repr__(self) -> str:
        return f"Anchor({self.line})"


@dataclass(slots=True)
class Field:
    """One field of a statement as written: a word, an expression, a group, an assignment...

    Its position is four numbers relative to its statement's anchor rather than a Range: a
    10,000-line netlist has ~30,000 fields, and their ranges are read only for the few that
    get a diagnostic, a hover or a rename.
    """

    kind: str  # word | expr | string | group | vector | assign | equals | comma | func
    text: str  # the source text of the whole field
    anchor: Anchor
    row: int  # start line, relative to the anchor's line
    col: int
    end_row: int
    end_col: int
    name: str = ""  # assign: the parameter name; func: the function name
    value: Field | None = None  # assign: the value (None for `key=` with nothing after)
    items: tuple[Field, ...] | list[Field] = ()  # group, vector, func arguments

    @property
    def key(self) -> str:
        return self.text.lower()

    @property
    def range(self) -> Range:
        line = self.anchor.line
        return _new(Range, (_new(Position, (line + self.row, self.col)),
                            _new(Position, (line + self.end_row, self.end_col))))

    @property
    def at(self) -> Range:
        """The range relative to the anchor's line."""
        return _new(Range, (_new(Position, (self.row, self.col)),
                            _new(Position, (self.end_row, self.end_col))))


class _Absolute:
    """A statement's range attribute, stored relative to its anchor (in the field named
    `relative`) and read, or set, in document lines."""

    def __init__(self, relative: str) -> None:
        self.relative = relative

    @overload
    def __get__(self, obj: None, owner: type) -> _Absolute: ...
    @overload
    def __get__(self, obj: object, owner: type) -> Range: ...

    def __get__(self, obj, owner):
        if obj is None:
            return self
        return getattr(obj, self.relative).moved(obj.anchor.line)

    def __set__(self, obj, value: Range) -> None:
        setattr(obj, self.relative, value.moved(-obj.anchor.line))


@dataclass(slots=True)
class Statement:
    anchor: Anchor
    at: Range  # relative to the anchor's line, as are the other `*_at` ranges below

    range = _Absolute("at")


@dataclass(slots=True)
class Element(Statement):
    name: str
    name_at: Range
    fields: list[Field]  # everything after the name, nodes included
    # Read several times for each element of every check: computed once.
    letter: str = field(init=False, repr=False, compare=False)
    key: str = field(init=False, repr=False, compare=False)

    name_range = _Absolute("name_at")

    def __post_init__(self) -> None:
        self.letter, self.key = self.name[0].upper(), self.name.lower()


@dataclass(slots=True)
class Model(Statement):
    name: str
    name_at: Range
    type: str
    params: list[Field]

    name_range = _Absolute("name_at")

    @property
    def key(self) -> str:
        return self.name.lower()


@dataclass(slots=True)
class Subckt(Statement):
    """`.subckt NAME ports [params: k=v]` up to its `.ends`; range spans the whole block."""

    name: str
    name_at: Range
    ports: list[Field]
    params: list[Field]
    header_at: Range
    body: list[Statement] = field(default_factory=list)
    closed: bool = False

    name_range = _Absolute("name_at")
    header_range = _Absolute("header_at")

    @property
    def key(self) -> str:
        return self.name.lower()


@dataclass(slots=True)
class Ends(Statement):
    name: str  # may be empty


@dataclass(slots=True)
class ParamDef(Statement):
    """One `name=value` of a `.param` line (or of `.subckt ... params:`)."""

    name: str
    name_at: Range
    value: str

    name_range = _Absolute("name_at")

    @property
    def key(self) -> str:
        return self.name.lower()


@dataclass(slots=True)
class FuncDef(Statement):
    name: str
    name_at: Range
    text: str

    name_range = _Absolute("name_at")


@dataclass(slots=True)
class Include(Statement):
    """`.include path` or `.lib path section` (kind 'include' or 'lib')."""

    kind: str
    path: str
    path_at: Range
    section: str = ""

    path_range = _Absolute("path_at")


@dataclass(slots=True)
class LibSection(Statement):
    """`.lib NAME` ... `.endl` inside a library file (range spans the block)."""

    name: str
    name_at: Range
    body: list[Statement] = field(default_factory=list)
    closed: bool = False

    name_range = _Absolute("name_at")


@dataclass(slots=True)
class Endl(Statement):
    name: str


@dataclass(slots=True)
class Analysis(Statement):
    kind: str  # op dc ac tran noise tf sens pz disto four sp meas step
    args: list[Field]


@dataclass(slots=True)
class Directive(Statement):
    """Any other dot command: .save .print .options .ic .global .if ... and unknown ones."""

    name: str  # lower case, with the dot
    args: list[Field]
    known: bool = True


@dataclass(slots=True)
class ControlBlock(Statement):
    text: str


@dataclass(slots=True)
class End(Statement):
    pass


@dataclass
class Netlist:
    """A parsed file. `body` holds top-level statements; subcircuits hold their own."""

    title: str
    title_range: Range | None
    body: list[Statement]
    statements: list[Statement]  # every statement in file order, nested ones included
    by_type: dict[type, list[Statement]] = field(default_factory=dict)  # the same, by class

    def of_type(self, cls: type) -> list:
        return self.by_type.get(cls, [])

    @property
    def elements(self) -> list[Element]:
        return [s for s in self.body if isinstance(s, Element)]

    @property
    def models(self) -> list[Model]:
        return self.of_type(Model)

    @property
    def subckts(self) -> list[Subckt]:
        return self.of_type(Subckt)

    @property
    def params(self) -> list[ParamDef]:
        return self.of_type(ParamDef)

    @property
    def analyses(self) -> list[Analysis]:
        return self.of_type(Analysis)

    @property
    def includes(self) -> list[Include]:
        return self.of_type(Include)

    @property
    def controls(self) -> list[ControlBlock]:
        return self.of_type(ControlBlock)
