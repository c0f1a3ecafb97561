"""The first wall: ngspice only ever reads a deck we wrote.

`build` parses the user's netlist with our parser and writes a new deck from the statements it
understood: our own title line, each statement's lines (comment lines blanked: ngspice runs a
`*#` comment as a command), every `.include`/`.lib` replaced by the file's statements, read by us
through the confined resolver (so no path reaches ngspice), and no `.control` block of the user's
unless the caller opts in. It refuses, instead of writing:

- a `*ng_script` first line (ngspice would run the whole file as commands);
- a line our parser could not read, and a dot command it does not know (`.controls`, `.osdi`...);
- a double-quoted string anywhere: ngspice takes file names only as strings (filesource `file=`,
  d_source `input_file=`, `{"name"}`), so none reaches it, whatever the parameter is called. The
  one exception is a string parameter of a `.model` (a code model's data file) naming a regular
  file in the allowed directories: we read it (bounded) and ngspice gets a copy in its private
  directory under a name of ours (`"spice-lsp-data-1.txt"`);
- a `.model` word with a path character (`/ \\ ~ $`: code models open unquoted `./x` too), and
  any `name=value` whose value looks like a path (`/x`, `~`, `./x`, `..`);
- an include outside the allowed directories, one not a regular file, one too big, cycles, and
  includes that expand past `MAX_DECK_LINES`.

Each deck line remembers the user's line it came from (an included file's lines: the include
line), so ngspice's "Error on line N" maps back to the text, and each refusal the user's line
it concerns."""
from __future__ import annotations

import os
import re
from collections.abc import Callable, Collection
from dataclasses import dataclass, field, replace
from pathlib import Path

from spice_lsp.language import files
from spice_lsp.language import model as m
from spice_lsp.language.includes import Workspace
from spice_lsp.language.parser import parse

TITLE = "spice-lsp sandbox deck"  # ours: a title of the user's could be `*ng_script`
MAX_DECK_LINES = 200_000  # a deck inlined past this is refused
MAX_INCLUDES = 5_000  # includes followed in one deck: a fan-out (each file including the next twice) stops here
MAX_INCLUDE_DEPTH = 40
MAX_DATA_BYTES = 20_000_000  # the code models' data files of one deck, together
_OUR_DATA = re.compile(r'"spice-lsp-data-\d+(?:\.\w+)?"')  # the names of our copies
# `/x`, `~/x`, `~user/x`, `./x`, `..`, a backslash or `$` anywhere (`~` alone is a logical not)
_PATH_VALUE = re.compile(r"^(?:/|~[\w.-]*[/\\]|\.{1,2}(?:[/\\]|$))|[\\$]|(?:^|[/\\])\.\.(?:[/\\]|$)")
# ngspice dot commands our grammar does not model, which name no file and run no command
HARMLESS_DIRECTIVES = frozenset({".title", ".pss"})
_MODEL_PATH = re.compile(r"[/\\~$]")


def is_ng_script(first_line: str) -> bool:
    """ngspice runs a file whose first line starts with `*ng_script` as a command script."""
    return re.sub(r"\s+", "", first_line).lower().startswith("*ng_script")


class Refusal(str):
    """Why a deck is not run, as editors show it ("line 3: why", 1-based), with its parts kept:
    `line`, the user's line it concerns (0-based; None when it names none: a budget, our own
    control text), and `reason`, the rest. A str, so every caller that shows one shows this."""

    line: int | None
    reason: str

    def __new__(cls, reason: str, line: int | None = None) -> Refusal:
        self = super().__new__(cls, reason if line is None else f"line {line + 1}: {reason}")
        self.line, self.reason = line, reason
        return self


@dataclass
class Deck:
    """What ngspice reads, line by line with the user's line each came from (None: ours)."""

    lines: list[str]
    origins: list[int | None]
    netlist: m.Netlist  # the user's text, parsed
    refused: list[Refusal] = field(default_factory=list)  # not run
    errors: list[tuple[str, int | None]] = field(default_factory=list)  # cannot run: (message, 0-based line)
    controls: list[int] = field(default_factory=list)  # first lines of the user's .control blocks
    data: dict[str, bytes] = field(default_factory=dict)  # code-model data files: our name -> bytes
    run_control: bool = False  # built with the user's .control blocks kept
    control_spans: list[tuple[int, int]] = field(default_factory=list)  # their (first, last) deck lines

    @property
    def text(self) -> str:
        return "\n".join(self.lines) + "\n"

    def append(self, *lines: str) -> None:
        self.lines += lines
        self.origins += [None] * len(lines)

    def copy(self, blank: Collection[int] = (), controls: bool = True) -> Deck:
        """A copy to run, with the deck lines `blank` and (unless `controls`) the user's .control
        blocks commented out: line numbers keep, and only ever less of the text is run."""
        lines = list(self.lines)
        dropped = [] if controls else [n for first, last in self.control_spans for n in range(first, last + 1)]
        for n in [*blank, *dropped]:
            lines[n] = "*"
        return replace(self, lines=lines, origins=list(self.origins), refused=list(self.refused),
                       errors=list(self.errors), run_control=self.run_control and controls,
                       control_spans=list(self.control_spans) if controls else [])


def build(text: str, base_dir: Path | None, allowed_dirs, *, run_control: bool = False) -> Deck:
    """The deck for `text`: refusals and errors filled in when it must not or cannot run.
    Relative includes resolve in the including file's directory (the text's: `base_dir`),
    then in each allowed directory; only files inside `base_dir` and `allowed_dirs` are read.
    `run_control` keeps the user's .control blocks (for the isolated opt-in)."""
    netlist = parse(text).netlist
    lines = text.split("\n")
    deck = Deck([TITLE], [None], netlist, run_control=run_control)
    if lines and is_ng_script(lines[0]):
        deck.refused.append(Refusal("'*ng_script' makes ngspice run the whole file as commands; not run", 0))
        return deck
    _Writer(deck, base_dir, allowed_dirs, run_control).file(netlist, lines, base_dir, None, _top, [])
    return deck


def _top(line: int) -> tuple[int, str]:
    """(the user's line a refusal at `line` concerns, what its reason begins with)"""
    return line, ""


def _fields(fields) -> list[m.Field]:
    """Every field, the values and items inside fields included."""
    found = []
    for f in fields:
        found.append(f)
        found += _fields([f.value] if f.value else []) + _fields(f.items)
    return found


def statement_problem(st: m.Statement, source: list[str]) -> str | None:
    """Why this statement is not passed to ngspice (None: it may be)."""
    if any('"' in _OUR_DATA.sub("", line) for line in source if not line.lstrip().startswith("*")):
        return ("a quoted string: ngspice reads strings as file names (file=, input_file=...), "
                "so the sandbox passes none")
    if isinstance(st, m.Directive) and not st.known and st.name not in HARMLESS_DIRECTIVES:
        return f"'{st.name}' is not a dot command spice-lsp knows, so it is not passed to ngspice"
    fields = _fields(getattr(st, "fields", None) or getattr(st, "params", None) or getattr(st, "args", None) or [])
    if isinstance(st, m.Subckt):
        fields = _fields(st.ports + st.params)
    for f in fields:
        if f.kind == "word" and isinstance(st, m.Model) and _MODEL_PATH.search(f.text):
            return f"'{f.text}' in a .model looks like a file path: code models would open it; not allowed"
        if f.kind == "assign" and f.value and f.value.kind == "word" and _PATH_VALUE.search(f.value.text):
            return f"'{f.text}' names a file path: not allowed in the sandbox"
    if isinstance(st, m.ParamDef) and _PATH_VALUE.search(st.value):
        return f"'{st.name}={st.value}' names a file path: not allowed in the sandbox"
    return None


class _Writer:
    def __init__(self, deck: Deck, base_dir: Path | None, allowed_dirs, run_control: bool) -> None:
        self.deck, self.run_control = deck, run_control
        allowed = [Path(d) for d in allowed_dirs]
        self.workspace = Workspace(roots=([Path(base_dir)] if base_dir else []) + allowed, include_paths=allowed)
        self.roots = ", ".join(os.path.realpath(p) for p in self.workspace.roots) or "none given"
        self.stopped = False  # past the line or include budget
        self.followed = 0
        self.files: dict[Path, tuple[str, m.Netlist] | None] = {}  # each file read and parsed once

    def refuse(self, at: tuple[int, str] | None, reason: str) -> None:
        """Refuse, at (the user's line, the reason's beginning) given by a `where`, or at no line."""
        self.deck.refused.append(Refusal(reason) if at is None else Refusal(at[1] + reason, at[0]))

    def file(self, netlist: m.Netlist, lines: list[str], directory: Path | None, at: int | None,
             where: Callable[[int], tuple[int, str]], chain: list[tuple[Path, str]],
             section: m.LibSection | None = None) -> None:
        """Write one file's statements (of `section` only, when given). `at`: the user's line
        its lines are blamed on (None: the user's text itself, each line its own)."""
        blocks = [s for s in netlist.statements if isinstance(s, m.LibSection)]
        lines = list(lines)  # data file names are replaced in place
        covered: set[int] = set()
        if netlist.title_range is not None:
            covered.add(0)
        written: set[int] = set()
        end = len(lines)
        for st in netlist.statements:
            first, last = st.range.start.line, st.range.end.line
            # A block's body lines are its statements': only its header line is its own.
            header = st.header_range.end.line if isinstance(st, m.Subckt) else \
                first if isinstance(st, m.LibSection) else last
            covered.update(range(first, header + 1))
            inside = next((b for b in blocks if b is not st and b.range.start.line < first <= b.range.end.line), None)
            if isinstance(st, (m.LibSection, m.Endl)) or inside is not section:
                continue  # a .lib section is read only when a `.lib file name` asks for it
            if isinstance(st, m.End):
                if at is None and section is None:
                    end = first  # ngspice reads nothing after the deck's .end
                    break
                continue
            if self.stopped:
                return
            if isinstance(st, m.ControlBlock):
                self.deck.controls.append(first if at is None else at)
                if self.run_control:
                    start = len(self.deck.lines)
                    self.write(lines, first, last, at, written, comments=True)
                    self.deck.control_spans.append((start, len(self.deck.lines) - 1))
                continue
            if isinstance(st, m.Include):
                self.include(st, directory, at, where, chain)
                continue
            if isinstance(st, m.Subckt):
                last = st.header_range.end.line
            problem = self.data_files(st, lines, directory) if isinstance(st, m.Model) else None
            if problem := problem or statement_problem(st, lines[first:last + 1]):
                self.refuse(where(first), problem)
                continue
            self.write(lines, first, last, at, written)
        for n in range(len(lines) if at is not None else end):
            if n not in covered and lines[n].strip() and not lines[n].lstrip().startswith("*"):
                self.refuse(where(n), "this line does not parse (see its diagnostic), so it is not passed to ngspice")

    def write(self, lines: list[str], first: int, last: int, at: int | None, written: set[int],
              comments: bool = False) -> None:
        for n in range(first, last + 1):
            if n in written:  # one `.param a=1 b=2` line is two statements
                continue
            written.add(n)
            line = lines[n]
            self.deck.lines.append("*" if line.lstrip().startswith("*") and not comments else line)
            self.deck.origins.append(n if at is None else at)
        if len(self.deck.lines) > MAX_DECK_LINES:
            self.stop(None, f"the includes expand to more than {MAX_DECK_LINES} lines; not run")

    def stop(self, at: tuple[int, str] | None, reason: str) -> None:
        if not self.stopped:
            self.stopped = True
            self.refuse(at, reason)

    def resolve(self, name: str, directory: Path | None) -> tuple[Path | None, str | None]:
        """(the regular file `name` reads in the allowed directories, None) or (None, why not);
        (None, None): not there at all."""
        search = directory or (self.workspace.include_paths[0] if self.workspace.include_paths else None)
        if search is None:
            return None, f"'{name}': no directory to read it from (the text has no file)"
        outside = f"'{name}' is not inside the allowed directories ({self.roots}); not read"
        target = self.workspace.locate(name, Path(search))
        if target is None:  # missing, or there but no regular file (a FIFO, a device)
            try:
                there = Path(os.path.realpath(Path(search) / os.path.expanduser(name)))
            except (OSError, ValueError):
                return None, None
            if not there.exists():
                return None, None
            return None, outside if not self.workspace.allowed(there) else f"'{name}' is not a regular file; not read"
        return (target, None) if self.workspace.allowed(target) else (None, outside)

    def data_files(self, st: m.Model, lines: list[str], directory: Path | None) -> str | None:
        """Give ngspice copies of the data files a code model's string parameters name (their
        names replaced in `lines`); why not, when one cannot be."""
        strings = [f.value for f in _fields(st.params) if f.kind == "assign" and f.value and f.value.kind == "string"]
        for value in sorted(strings, key=lambda v: v.range.start, reverse=True):
            name = value.text.strip('"')
            target, problem = self.resolve(name, directory)
            if target is None:
                return problem or f"the data file '{name}' does not exist; not run"
            try:
                data = files.read_bytes(target, MAX_DATA_BYTES)
            except files.NotReadable as error:
                return f"the data file '{name}' {error}; not read"
            if sum(map(len, self.deck.data.values())) + len(data) > MAX_DATA_BYTES:
                return f"the data files pass {MAX_DATA_BYTES} bytes together; not read"
            suffix = target.suffix if re.fullmatch(r"\.\w{1,10}", target.suffix) else ""
            alias = f"spice-lsp-data-{len(self.deck.data) + 1}{suffix}"
            self.deck.data[alias] = data
            start, end = value.range
            line = lines[start.line]
            lines[start.line] = f'{line[:start.character]}"{alias}"{line[end.character:]}' if start.line == end.line \
                else line  # a string cannot span lines; kept, and refused below
        return None

    def include(self, include: m.Include, directory: Path | None, at: int | None,
                where: Callable[[int], tuple[int, str]], chain: list[tuple[Path, str]]) -> None:
        line = include.range.start.line
        blame = line if at is None else at
        self.followed += 1
        if self.followed > MAX_INCLUDES:
            self.stop((blame, ""), f"the deck follows more than {MAX_INCLUDES} includes; not run")
            return
        target, problem = self.resolve(include.path, directory)
        if target is None:
            if problem:
                self.refuse(where(line), problem)
            else:
                self.deck.errors.append((f"could not find include file {include.path}", blame))
            return
        key = (target, include.section.lower())  # a library may read another section of itself
        if key in chain or len(chain) >= MAX_INCLUDE_DEPTH:
            self.refuse(where(line), f"'{include.path}' includes itself (through "
                        f"{' -> '.join(p.name for p, _ in chain + [key])}); not run")
            return
        if target not in self.files:
            text = self.workspace.reader(target)
            self.files[target] = None if text is None else (text, parse(text, has_title=False).netlist)
        read = self.files[target]
        if read is None:
            self.refuse(where(line), f"'{include.path}' is not a regular file of at most "
                        "a few megabytes, or cannot be read; not read")
            return
        text, netlist = read
        section = None
        if include.section:
            section = next((s for s in netlist.statements if isinstance(s, m.LibSection)
                            and s.name.lower() == include.section.lower()), None)
            if section is None:
                self.deck.errors.append((f"'{include.path}' has no section '{include.section}'", blame))
                return

        def inner(n: int, name=target.name) -> tuple[int, str]:
            user_line, begins = where(line)
            return user_line, begins + f"in {name} line {n + 1}: "
        self.file(netlist, text.split("\n"), target.parent, blame, inner, chain + [key], section)
