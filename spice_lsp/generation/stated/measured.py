"""What a request states that only a run of ngspice shows: a clock's levels at its node, the level of a reference
or regulator, a filter's ripple-band edge, and a band-pass centre held as close as its Q asks. Each is measured on
the answer or failed."""
from __future__ import annotations

import dataclasses
import math
import re

from spice_lsp.generation.checklist import FAIL, PASS, UNCHECKED, CheckItem
from spice_lsp.generation.stated import reading
from spice_lsp.generation.vocabulary import IDIOMS, NOT_NODES
from spice_lsp.language import model as m
from spice_lsp.language.units import format_eng
from spice_lsp.ngspice import runner

_WAVE = re.compile(r"\b(?:clock|square[- ]?wave|square|pulse(?:\s+train)?)\b", re.IGNORECASE)
_AT_NODE = re.compile(r"\b(?:on|at|into|onto)\s+(?:node\s+|net\s+)?(?P<n>[a-z_]\w*)\b", re.IGNORECASE)
_SWING = re.compile(rf"(?<![\w.])(?P<lo>{reading.NUMBER})\s*V?\s*(?:to|-|–|…|\.\.)\s*(?P<hi>{reading.NUMBER})\s*V\b",
                    re.IGNORECASE)


def wave_levels(description: str, netlist: str, parsed: m.Netlist, timeout: float) -> list[CheckItem]:
    """A clock, square wave or pulse the request places at a node with a swing ("0 to 3.3 V"): a transient must
    run, and the node must reach both levels (±2 % of the swing)."""
    items = []
    tran = next(((a, b) for a, b in reading.transients(parsed) if a is not None and b is not None), None)
    for clause in reading.clauses(description, ".;"):
        wave, node, swing = _WAVE.search(clause), _AT_NODE.search(clause), _SWING.search(clause)
        if wave:  # its own node, said in the wave's part of the clause ("5 V DC on node a, a 0-5 V square on node b")
            lo_, hi_ = clause.rfind(",", 0, wave.start()) + 1, clause.find(",", wave.end())
            node = _AT_NODE.search(clause[lo_:hi_ if hi_ >= 0 else len(clause)]) or node
        if not (wave and node and swing) or node["n"].lower() in NOT_NODES | IDIOMS:
            continue
        lo, hi, name = float(swing["lo"]), float(swing["hi"]), node["n"].lower()
        what = f"the {wave[0].lower()} at {name} swings {swing['lo']} to {swing['hi']} V"
        if tran is None:
            items.append(CheckItem(what, FAIL, "no transient runs: a waveform is shown only in time"))
            continue
        result = runner.run(netlist, timeout=timeout, control=(
            f"tran {tran[0]:g} {tran[1]:g}\nlet top = vecmax(v({name}))\nlet bottom = vecmin(v({name}))\n"
            "print top\nprint bottom"))
        top, bottom = (result.values.get(k) if result.ok else None for k in ("top", "bottom"))
        if top is None or bottom is None or not (math.isfinite(top) and math.isfinite(bottom)):
            items.append(CheckItem(what, FAIL, f"v({name}) could not be measured in the transient"))
            continue
        room = 0.02 * abs(hi - lo)
        ok = abs(top - max(lo, hi)) <= room and abs(bottom - min(lo, hi)) <= room
        items.append(CheckItem(what, PASS if ok else FAIL,
                               f"measured {format_eng(bottom)}V to {format_eng(top)}V in the transient"))
    return items


_REFERENCE = re.compile(rf"(?<![\w.])(?P<v>{reading.NUMBER})\s*V\s+(?:(?:precision|voltage|shunt|series|buffered|"
                        r"bandgap|zener|low[- ]dropout|linear|fixed)\s+)*(?:reference|regulator|ref|ldo)\b",
                        re.IGNORECASE)
_HEAD = re.compile(r"\s*(?:(?:i\s+)?(?:want|need|build|make|design|give\s+me)\s+)?(?:(?:a|an|the)\s+)?"
                   r"(?:(?!(?:with|from|using|and|of)\b)[\w-]+\s+){0,2}", re.IGNORECASE)


def reference_level(description: str, netlist: str, output: str, timeout: float) -> list[CheckItem]:
    """The level a reference or regulator is said to give ("a 2.5 V reference") is measured at its output at the
    operating point (±2 %)."""
    said = _REFERENCE.search(description)
    # the circuit itself ("2.5 V reference: ...", "I want a 3 V regulator"), not a part of it ("Op-amp regulator:
    # 2.5 V reference, NPN pass ...", "a ladder from a 4 V reference node")
    if said is None or not output or not _HEAD.fullmatch(description[:said.start()]):
        return []
    want = float(said["v"])
    result = runner.run(netlist, timeout=timeout, control=f"op\nlet result = v({output})\nprint result")
    value = result.values.get("result") if result.ok else None
    if value is None or not math.isfinite(value):
        return [CheckItem(said[0], FAIL, f"v({output}) could not be measured")]
    ok = abs(value - want) <= 0.02 * abs(want)
    return [CheckItem(said[0], PASS if ok else FAIL, f"measured {format_eng(value)}V at {output} at the operating "
                                                     f"point, expected {format_eng(want)}V ±2%")]


def q_scaled(specs: list) -> list:
    """A band-pass centre held within what its stated Q allows: |f - f0| / f0 <= 0.05 / Q for a second-order section,
    a tenth of its half bandwidth (a fixed 5 % lets a Q of 10 miss by 2.6 dB at the centre; 0.175 / Q, 0.5 dB there,
    still moved a Q of 5's band edge by 1.1 dB, where users measure it)."""
    q = next((s.target for s in specs if s.quantity == "q" and s.target > 0), None)
    if q is None:
        return specs
    return [dataclasses.replace(s, tolerance=min(s.tolerance, 0.05 / q)) if s.quantity == "center" else s
            for s in specs]


# "a 5 kHz ripple-band edge", "passband edge at 2 kHz": an equiripple filter's edge, where the gain is down by the
# ripple, not by 3 dB. The family's checks measure the -3 dB point: the edge asked for is not what they measured.
_RIPPLE_EDGE = re.compile(r"\bripple[- ]?band\s+(?:edge|limit|corner|end)|\b(?:edge|end)\s+of\s+the\s+(?:ripple|pass)"
                          r"[- ]?band|\bpass[- ]?band\s+(?:edge|corner|limit)|\bripple\s+bandwidth\b", re.IGNORECASE)

_RIPPLE_DB = re.compile(r"(?P<r>\d+(?:\.\d+)?)\s*dB\s+(?:of\s+)?(?:pass[- ]?band\s+|in-band\s+)?ripple\b|"
                        r"\bripple\s+(?:of\s+)?(?P<r2>\d+(?:\.\d+)?)\s*dB", re.IGNORECASE)
_EDGE_HZ = re.compile(r"(?P<f>\d+(?:\.\d+)?)\s*(?P<p>[kM]?)\s*Hz\b")


def _hertz(said: re.Match) -> float:
    """A frequency matched as its figure `f` and prefix `p` (none, k or M)."""
    return float(said["f"]) * {"": 1, "k": 1e3, "M": 1e6}[said["p"]]


def ripple_edge(description: str, netlist: str, output: str, input_node: str | None,
                timeout: float) -> list[CheckItem]:
    """At a stated ripple-band edge the gain is down from the passband's peak by the stated ripple (not by 3 dB):
    measured from the passband's peak (below a low-pass's edge, above a high-pass's) to the gain at the edge, within
    0.3 dB of the ripple."""
    edge = _RIPPLE_EDGE.search(description)
    if edge is None:
        return []
    sentence = description[reading.start_of(description, edge.start(), reading.SENTENCE_END):]
    near = sorted(_EDGE_HZ.finditer(sentence), key=lambda q: abs(q.start() - (edge.start() - len(description)
                                                                            + len(sentence))))
    ripple = _RIPPLE_DB.search(description)
    if not near or ripple is None:
        return [CheckItem(edge[0], UNCHECKED, "not measured: its frequency or the ripple is not stated as a number")]
    f = _hertz(near[0])
    r = float(ripple["r"] or ripple["r2"])
    ratio = f"v({output})/v({input_node})" if input_node else f"v({output})"
    # the passband lies above a high-pass's edge: its peak from the edge up, the edge the sweep's first point
    high = re.search(r"high[- ]?pass|\bhpf\b", description, re.IGNORECASE) is not None
    control = (f"ac dec 200 {f:g} {f * 100:g}\nlet g = db({ratio})\nlet result = vecmax(g) - g[0]\nprint result"
               if high else f"ac dec 200 {f / 100:g} {f:g}\nlet g = db({ratio})\n"
               "let result = vecmax(g) - g[length(g) - 1]\nprint result")
    run = runner.run(netlist, control=control, timeout=timeout)
    drop = run.values.get("result") if run.ok else None
    if drop is None:
        return [CheckItem(edge[0], FAIL, "not measured: ngspice failed")]
    ok = abs(drop - r) <= 0.3
    return [CheckItem(edge[0], PASS if ok else FAIL, f"measured {drop:.3g} dB down from the passband's peak at "
                      f"{format_eng(f)}Hz, target the {r:g} dB ripple ±0.3 dB")]


# "only let through what's above 3 kHz", "block everything below 50 Hz", "keep frequencies under 200 Hz": the side of a
# frequency a filter is said to pass ("cutoff above 1 kHz" says where its corner is, not which side it passes).
_SIDE = re.compile(r"(?<![-\w])(?<!low\s)(?<!high\s)(?<!band\s)(?:(?P<passes>pass(?!band)\w*|let\w*(?:\s+through)?"
                   r"|keep\w*|allow\w*)|(?P<stops>block\w*|cut(?!\s*-?\s*off)\w*|remov\w*|reject\w*|stop(?!band)\w*"
                   r"|kill\w*|attenuat\w*|filter\w*\s+out|get\s+rid\s+of|strip\w*))"
                   # (the verb nearest the side: "blocks DC but lets audio above 20 Hz" passes it)
                   r"\b(?:(?!\b(?:pass|let|keep|allow|block|cut|remov|reject|stop|kill|attenuat|filter|get\s+rid|strip)\w*)"
                   r"[^.;]){0,40}?\b(?P<side>above|over|higher\s+than|beyond|below|under|lower\s+than)\s+"
                   r"(?:about\s+|roughly\s+|around\s+|~\s*)?(?P<f>\d+(?:\.\d+)?)\s*(?P<p>[kM]?)\s*Hz\b", re.IGNORECASE)


def passed_side(description: str, netlist: str, output: str, timeout: float) -> list[CheckItem]:
    """A filter said to pass (or stop) one side of a frequency passes that side: the output a decade into the side it
    passes is at least 10 dB above the output a decade into the other (a low-pass built for "let through what's above
    3 kHz" meets its corner and fails this)."""
    items = []
    for said in _SIDE.finditer(description):
        f = _hertz(said)
        # (a side stopped is the other side passed)
        high = (said["side"].lower() in ("above", "over", "higher than", "beyond")) != bool(said["stops"])
        run = runner.run(netlist, timeout=timeout, control=(
            f"ac dec 10 {f / 10:g} {f * 10:g}\nlet g = db(v({output}))\nlet result = g[length(g) - 1] - g[0]\n"
            "print result"))
        rise = run.values.get("result") if run.ok else None
        what = f"passes {'above' if high else 'below'} {format_eng(f)}Hz ('{said[0]}')"
        if rise is None or not math.isfinite(rise):
            items.append(CheckItem(what, FAIL, f"v({output}) could not be measured either side of {format_eng(f)}Hz"))
            continue
        ok = rise >= 10 if high else rise <= -10
        items.append(CheckItem(what, PASS if ok else FAIL, f"measured {format_eng(f * 10)}Hz against "
                               f"{format_eng(f / 10)}Hz at {output}: {rise:+.3g} dB, expected "
                               f"{'at least +10' if high else 'at most -10'} dB"))
    return items
