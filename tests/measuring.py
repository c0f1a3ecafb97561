"""What the tests share: the one ngspice measurement the recipe tests make (run a control block on a netlist and read
its `result`), a part's value, and a small netlist to check stated items against."""
from __future__ import annotations

import re

from spice_lsp.generation.compose import Line, element_line
from spice_lsp.language import model as m
from spice_lsp.language.parser import parse
from spice_lsp.language.units import parse_number
from spice_lsp.ngspice import runner


def measure(netlist: str, control: str, timeout: float = 30) -> float:
    """`control` ends by setting `result` (a `meas ... result ...` or `let result = ...`); the run must succeed."""
    result = runner.run(netlist, control=control + "\nprint result", timeout=timeout)
    assert result.ok, result.errors
    return result.values["result"]


def tran_of(netlist: str) -> str:
    """The netlist's own .tran as a control-block command."""
    tran = re.search(r"^\.tran (\S+) (\S+)", netlist, re.MULTILINE)
    assert tran, netlist
    return f"tran {tran[1]} {tran[2]}"


def part_value(netlist: str, name: str) -> float:
    """The value of the two-node part called `name` (its fourth field)."""
    line = next(x.split() for x in netlist.splitlines() if x.split()[:1] == [name])
    value = parse_number(line[3])
    assert value is not None, line
    return value


def deck(*lines: str) -> m.Netlist:
    """A netlist of these lines (a title before them, .end after)."""
    return parse("probe\n" + "\n".join(lines) + "\n.end\n").netlist


def parts(netlist: str) -> dict[str, list[str]]:
    """Each element line's fields after its name, by name (no title, dot lines, comments or continuations)."""
    return {line.split()[0]: line.split()[1:] for line in netlist.splitlines()[1:]
            if line.strip() and not line.startswith((".", "*", "+"))}


def stated(text: str) -> dict[str | None, tuple[str | None, ...] | None]:
    """The request reader's elements of `text`: each one's nodes, by its name (or its words where it has none)."""
    from spice_lsp.generation.request import read_request
    return {e.name or e.text: e.nodes for e in read_request(text).elements}


def statuses(items) -> list[str]:
    return [i.status for i in items]


def circuit_lines(netlist: str) -> list[Line]:
    """The circuit's own element lines of a netlist (a subcircuit's are its own)."""
    lines, inside = [], False
    for row in netlist.split("\n")[1:]:
        word = row.split()[0].lower() if row.split() else ""
        inside = (inside or word == ".subckt") and word != ".ends"
        if not inside and word[:1].isalpha() and (line := element_line(row)):
            lines.append(line)
    return lines
