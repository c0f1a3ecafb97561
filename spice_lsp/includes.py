"""Follow `.include` and `.lib` files to find the models, subcircuits and params they define.

Reading is confined: a path is resolved (symlinks included) and read only when it lies
under one of the workspace roots or configured include paths. Cycles are detected on the
chain of files being followed.
"""
from __future__ import annotations

import os
from dataclasses import dataclass, field
from pathlib import Path
from typing import Callable

from . import model as m
from .diagnostics import Diagnostic, diagnostic
from .parser import parse

MAX_INCLUDE_BYTES = 20_000_000  # a library bigger than this is not followed


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

    def add(self, kind: str, name: str, statement: m.Statement, path: Path | None) -> None:
        table = {"model": self.models, "subckt": self.subckts, "param": self.params}[kind]
        # A new list, not append: subcircuit scopes share these tables with the top level.
        key = name.lower()
        table[key] = table.get(key, []) + [Definition(name, kind, statement, path)]

    def signature(self) -> tuple:
        """What element checks depend on: names known, subcircuit port counts, completeness."""
        return (frozenset(self.models), frozenset(self.params), self.complete,
                frozenset((key, len(defs[0].statement.ports)) for key, defs in self.subckts.items()))

    def add_scope(self, statements: list[m.Statement], path: Path | None) -> None:
        """Definitions visible at one scope level (subcircuit bodies are not descended)."""
        for st in statements:
            if isinstance(st, m.Model):
                self.add("model", st.name, st, path)
            elif isinstance(st, m.Subckt):
                self.add("subckt", st.name, st, path)
            elif isinstance(st, m.ParamDef):
                self.add("param", st.name, st, path)


def _read_text(path: Path) -> str | None:
    try:
        if path.stat().st_size > MAX_INCLUDE_BYTES:
            return None
        return path.read_bytes().decode("utf-8", errors="replace")
    except OSError:
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
            candidate = Path(os.path.realpath(directory / os.path.expanduser(name)))
            if candidate.is_file():
                return candidate
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
    diagnostics: list[Diagnostic] = []
    defs.add_scope(netlist.body, None)
    base = path.parent if path else Path.cwd()
    chain = [Path(os.path.realpath(path))] if path else []
    for include in _includes(netlist.body):
        failure = _follow(include, base, workspace, defs, chain)
        if failure:
            defs.complete = False
            diagnostics.append(diagnostic(failure[0], include.path_range, failure[1]))
    return defs, diagnostics


def _includes(statements: list[m.Statement]) -> list[m.Include]:
    return [st for st in statements if isinstance(st, m.Include)]


def _follow(include: m.Include, base: Path, workspace: Workspace, defs: Definitions,
            chain: list[Path]) -> tuple[str, str] | None:
    """Add the definitions of one included file; return (rule, message) of the first failure."""
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
    for nested in _includes(scope):
        failure = _follow(nested, target.parent, workspace, defs, chain + [target])
        if failure:
            return failure[0], f"In '{include.path}': {failure[1]}"
    return None
