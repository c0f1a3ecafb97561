"""A window detector whose request names an output for each side ("wlow goes high when wsig is under 1.2 V, whigh
... over 3.6 V"): each name is an output of its own, high past its own limit, whichever is said first."""
from __future__ import annotations

import re

import pytest

from spice_lsp.generation.pipeline import generate
from spice_lsp.generation.ports import read_ports, sided_outputs

WINDOW = ("Window detector on a single 5 V supply (node w5). The input is node wsig, driven by VWS. Two outputs: wlow "
          "goes high when wsig is under 1.2 V, whigh goes high when wsig is over 3.6 V; both swing rail to rail. Sweep "
          "VWS from 0 to 5 V in 20 mV steps.")
HIGH_FIRST = ("Dual-limit detector on a 12 V rail (node vp12), input vx driven by VX. hi_flag goes high when vx rises "
              "over 8 V; lo_flag goes high when vx drops below 4 V. Sweep VX from 0 to 12 V in 50 mV steps.")


@pytest.mark.parametrize(("text", "below", "above"), [(WINDOW, ("wlow", 1.2), ("whigh", 3.6)),
                                                       (HIGH_FIRST, ("lo_flag", 4.0), ("hi_flag", 8.0))])
def test_each_side_has_its_output(text: str, below: tuple[str, float], above: tuple[str, float]) -> None:
    assert sided_outputs(text) == {"below": below, "above": above}
    assert read_ports(text).roles["output"] == (below[0], above[0])


def test_one_side_named_is_no_pair() -> None:
    assert sided_outputs("Comparator: out goes high when vin is over 2 V.") is None


@pytest.mark.parametrize(("text", "below", "above", "node"), [(WINDOW, ("wlow", 1.2), ("whigh", 3.6), "wsig"),
                                                              (HIGH_FIRST, ("lo_flag", 4.0), ("hi_flag", 8.0), "vx")])
def test_each_output_compares_the_input_with_its_limit(text, below, above, node) -> None:
    answer = generate(text)
    assert answer.intent.kind == "window_comparator"
    levels = {m[1]: float(m[2]) for m in re.finditer(r"^V\w*\s+(\w+)\s+0\s+DC\s+(\S+)", answer.netlist, re.M)}
    rows = {m[1]: m[2] for m in re.finditer(r"^B\w*\s+(\w+)\s+0\s+V=\{(.*)\}", answer.netlist, re.M)}
    low_ref = re.search(rf"\(v\((\w+)\)-v\({node}\)\)", rows[below[0]])  # high while the input is under its limit
    high_ref = re.search(rf"\(v\({node}\)-v\((\w+)\)\)", rows[above[0]])  # high while it is over its limit
    assert low_ref and levels[low_ref[1]] == below[1]
    assert high_ref and levels[high_ref[1]] == above[1]
