"""Follow `.include` and `.lib` files to find the models, subcircuits and params they define.

Reading is confined: a path is resolved (symlinks included) and read only when it lies
under one of the workspace roots or configured include paths. Cycles are detected on the
chain of files being followed.
"""
from __future__ import annotations

import os
import re
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import cast

from spice_lsp.language import files
from spice_lsp.language import model as m
from spice_lsp.language.diagnostics import Diagnostic, diagnostic
from spice_lsp.language.parser import parse

MAX_INCLUDE_BYTES = 20_000_000  # a library bigger than this is not followed
# A binned MOSFET model: `.model nch.2 nmos (lmin=... wmin=...)`, used as `M1 d g s b nch`.
_BINNED = re.compile(r"(.+)\.\d+$")


@dataclass
class Definition:
    """A model, subcircuit or param, and the file it stands in (None: the document itself)."""

    name: str
    kind: str  # model | subckt | param
    statement: m.Statement
    path: Path | None = None


@dataclass
class Definitions:
    models: dict[str, list[Definition]] = field(default_factory=dict)
    subckts: dict[str, list[Definition]] = field(default_factory=dict)
    params: dict[str, list[Definition]] = field(default_factory=dict)
    complete: bool = True  # False when an include could not be read: unknown names are not errors
    # Binned MOSFET models by their base name (`nch` for nch.1, nch.2): M lines may use it.
    bins: dict[str, list[Definition]] = field(default_factory=dict)
    # Top-level elements of included files: they belong to the circuit too (ground, digital).
    included_elements: list[m.Element] = field(default_factory=list)
    # A subcircuit scope's copy: the signature of the scope it copies, and what it added since.
    base_signature: tuple | None = None
    added: list[tuple] = field(default_factory=list)

    def scope_copy(self, signature: tuple | None = None) -> Definitions:
        """A copy to add a subcircuit's local definitions to. `signature` is this scope's
        (computed once by the caller): the copy's signature is then that plus its own
        additions, so a file with thousands of subcircuits is not checked in quadratic time."""
        return Definitions(self.models.copy(), self.subckts.copy(), self.params.copy(),
                           self.complete, self.bins.copy(), self.included_elements,
                           signature if signature is not None else self.signature())

    def add(self, kind: str, name: str, statement: m.Statement, path: Path | None) -> None:
        table = {"model": self.models, "subckt": self.subckts, "param": self.params}[kind]
        # A new list, not append: subcircuit scopes share these tables with the top level.
        key = name.lower()
        definition = Definition(name, kind, statement, path)
        table[key] = table.get(key, []) + [definition]
        if self.base_signature is not None:
            self.added.append((kind, key, _port_counts(statement) if kind == "subckt" else None))
        if kind == "model" and "." in key:
            binned = _BINNED.match(key)
            if binned:
                self.bins[binned[1]] = self.bins.get(binned[1], []) + [definition]

    def signature(self) -> tuple:
        """What element checks depend on: names known, subcircuit port counts, completeness."""
        if self.base_signature is not None:
            return (self.base_signature, tuple(self.added), self.complete)
        return (frozenset(self.models), frozenset(self.params), self.complete, frozenset(self.bins),
                frozenset((key, _port_counts(defs[0].statement))
                          for key, defs in self.subckts.items()))

    def add_scope(self, statements: list[m.Statement], path: Path | None) -> None:
        """Definitions visible at one scope level (subcircuit bodies are not descended)."""
        for st in statements:
            if isinstance(st, m.Model):
                self.add("model", st.name, st, path)
            elif isinstance(st, m.Subckt):
                self.add("subckt", st.name, st, path)
            elif isinstance(st, m.ParamDef):
                self.add("param", st.name, st, path)


def _port_counts(subckt: m.Statement) -> tuple[int, int]:
    """All ports, and those a call must connect (the others are PSpice OPTIONAL: ports)."""
    ports = cast(m.Subckt, subckt).ports  # a subckt definition's statement
    return len(ports), sum(p.value is None for p in ports)


def _read_text(path: Path) -> str | None:
    """An included file's text: a regular file only, of at most MAX_INCLUDE_BYTES counted as read
    (st_size is 0 for /proc files and devices); None otherwise."""
    try:
        return files.read_bytes(path, MAX_INCLUDE_BYTES).decode("utf-8", errors="replace")
    except files.NotReadable:
        return None


@dataclass
class Workspace:
    """Where included files may be read from, and how (the server reads open buffers first)."""

    roots: list[Path] = field(default_factory=list)
    include_paths: list[Path] = field(default_factory=list)
    reader: Callable[[Path], str | None] = _read_text
    _cache: dict = field(default_factory=dict, repr=False)

    def allowed(self, path: Path) -> bool:
        return any(path.is_relative_to(root) for root in self._allowed_roots())

    def _allowed_roots(self) -> list[Path]:
        return [Path(os.path.realpath(p)) for p in (*self.roots, *self.include_paths)]

    def locate(self, name: str, base_dir: Path) -> Path | None:
        for directory in (base_dir, *self.include_paths):
            try:
                candidate = Path(os.path.realpath(directory / os.path.expanduser(name)))
                if candidate.is_file():
                    return candidate
            except (OSError, ValueError):  # a name with a NUL byte, or too long for the OS
                return None
        return None

    def parse_file(self, path: Path) -> m.Netlist | None:
        """Parse a library file once per modification time."""
        try:
            stamp = path.stat().st_mtime_ns
        except OSError:
            return None
        cached = self._cache.get(path)
        if cached and cached[0] == stamp:
            return cached[1]
        text = self.reader(path)
        netlist = None if text is None else parse(text, has_title=False).netlist
        self._cache[path] = (stamp, netlist)
        return netlist


def collect(netlist: m.Netlist, path: Path | None, workspace: Workspace,
            ) -> tuple[Definitions, list[Diagnostic]]:
    """Definitions of a document and of every file it includes, with include diagnostics."""
    defs = Definitions()
    defs.add_scope(netlist.body, None)
    return defs, follow_includes(defs, netlist.body, path, workspace)


def follow_includes(defs: Definitions, statements: list[m.Statement], path: Path | None,
                    workspace: Workspace) -> list[Diagnostic]:
    """Add the definitions of the files that `statements` include (one scope: the top level,
    or a subcircuit body that has its own .include); return the include diagnostics."""
    diagnostics: list[Diagnostic] = []
    base = path.parent if path else Path.cwd()
    chain = [Path(os.path.realpath(path))] if path else []
    done: dict = {}  # files followed in this pass: a file included twice is read once
    for include in _includes(statements):
        failure = _follow(include, base, workspace, defs, chain, done)
        if failure:
            defs.complete = False
            diagnostics.append(diagnostic(failure[0], include.path_range, failure[1]))
    return diagnostics


def _includes(statements: list[m.Statement]) -> list[m.Include]:
    return [st for st in statements if isinstance(st, m.Include)]


def _follow(include: m.Include, base: Path, workspace: Workspace, defs: Definitions,
            chain: list[Path], done: dict) -> tuple[str, str] | None:
    """Add the definitions of one included file; return (rule, message) of the first failure.

    `done` holds the outcome of every (file, section) already followed in this pass, so that
    files including the next one twice, twenty deep, cost twenty reads and not 2**20.
    """
    target = workspace.locate(include.path, base)
    if target is None:
        return "include-not-found", (f"Cannot find the file '{include.path}' (looked in {base}"
                                     f"{' and the include paths' if workspace.include_paths else ''}).")
    if not workspace.allowed(target):
        return "include-refused", (f"'{include.path}' lies outside the workspace and the include "
                                   "paths, so it was not read; its models and subcircuits are unknown here.")
    if target in chain:
        return "include-cycle", (f"'{include.path}' leads back to a file that includes it: "
                                 f"{' -> '.join(p.name for p in chain + [target])}.")
    key = (target, (include.section or "").lower())
    if key not in done:
        done[key] = _follow_file(include, target, workspace, defs, chain, done)
    return done[key]


def _follow_file(include: m.Include, target: Path, workspace: Workspace, defs: Definitions,
                 chain: list[Path], done: dict) -> tuple[str, str] | None:
    library = workspace.parse_file(target)
    if library is None:
        return "include-not-found", f"Cannot read '{include.path}'."
    scope = library.body
    if include.section:
        sections = [s for s in library.body
                    if isinstance(s, m.LibSection) and s.name.lower() == include.section.lower()]
        if not sections:
            return "include-not-found", f"'{include.path}' has no section '{include.section}'."
        scope = sections[0].body
    defs.add_scope(scope, target)
    elements = [st for st in scope if isinstance(st, m.Element)]
    if elements:  # a new list: subcircuit scopes share the top level's
        defs.included_elements = defs.included_elements + elements
    for nested in _includes(scope):
        failure = _follow(nested, target.parent, workspace, defs, chain + [target], done)
        if failure:
            return failure[0], f"In '{include.path}': {failure[1]}"
    return None
