"""The one ngspice measurement the recipe tests share: run a control block on a netlist and read its `result`."""
from __future__ import annotations

import re

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
