"""The netlist model: plain dataclasses, each carrying its source range.

Positions are 0-based (line, character) like LSP's, so the protocol layer converts
without arithmetic. Names compare case-insensitively in SPICE; `key` fields hold the
lower-cased form used for lookups.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from typing import NamedTuple


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


@dataclass(slots=True)
class Field:
    """One field of a statement as written: a word, an expression, a group, an assignment..."""

    kind: str  # word | expr | string | group | vector | assign | equals | comma | func
    text: str  # the source text of the whole field
    range: Range
    name: str = ""  # assign: the parameter name; func: the function name
    value: Field | None = None  # assign: the value (None for `key=` with nothing after)
    items: tuple[Field, ...] | list[Field] = ()  # group, vector, func arguments

    @property
    def key(self) -> str:
        return self.text.lower()


@dataclass
class Statement:
    range: Range


@dataclass
class Element(Statement):
    name: str
    name_range: Range
    fields: list[Field]  # everything after the name, nodes included

    @property
    def letter(self) -> str:
        return self.name[0].upper()

    @property
    def key(self) -> str:
        return self.name.lower()


@dataclass
class Model(Statement):
    name: str
    name_range: Range
    type: str
    params: list[Field]

    @property
    def key(self) -> str:
        return self.name.lower()


@dataclass
class Subckt(Statement):
    """`.subckt NAME ports [params: k=v]` up to its `.ends`; range spans the whole block."""

    name: str
    name_range: Range
    ports: list[Field]
    params: list[Field]
    header_range: Range
    body: list[Statement] = field(default_factory=list)
    closed: bool = False

    @property
    def key(self) -> str:
        return self.name.lower()


@dataclass
class Ends(Statement):
    name: str  # may be empty


@dataclass
class ParamDef(Statement):
    """One `name=value` of a `.param` line (or of `.subckt ... params:`)."""

    name: str
    name_range: Range
    value: str

    @property
    def key(self) -> str:
        return self.name.lower()


@dataclass
class FuncDef(Statement):
    name: str
    name_range: Range
    text: str


@dataclass
class Include(Statement):
    """`.include path` or `.lib path section` (kind 'include' or 'lib')."""

    kind: str
    path: str
    path_range: Range
    section: str = ""


@dataclass
class LibSection(Statement):
    """`.lib NAME` ... `.endl` inside a library file (range spans the block)."""

    name: str
    name_range: Range
    body: list[Statement] = field(default_factory=list)
    closed: bool = False


@dataclass
class Endl(Statement):
    name: str


@dataclass
class Analysis(Statement):
    kind: str  # op dc ac tran noise tf sens pz disto four sp meas step
    args: list[Field]


@dataclass
class Directive(Statement):
    """Any other dot command: .save .print .options .ic .global .if ... and unknown ones."""

    name: str  # lower case, with the dot
    args: list[Field]
    known: bool = True


@dataclass
class ControlBlock(Statement):
    text: str


@dataclass
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
