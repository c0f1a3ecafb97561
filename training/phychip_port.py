"""PhyChip bench v2 as spice-lsp benchmark cases (evaluation only: never train on them).

    .venv/bin/python -m training.phychip_port --repo /work/.mirror/nithingovindugari+phychip/repo

PhyChip (github.com/nithingovindugari/phychip, Apache-2.0, see training/cases/NOTICE) ships 50 tasks
in eval_sets/phychip_bench_v2/bench_v2.jsonl. Its own grading: a level-1 task passes when the
answer has a device line, an analysis and simulates (compile-only); a level-2/3 task passes when
its harness measures the answer within ±30 % of what it measures on the task's reference netlist.
Ported here:
- every level-1 task: the prompt as the description, the ports the prompt names that are nodes of
  the reference as node constraints, no checks (the case passes when the answer simulates); the
  reference is PhyChip's, its .control analyses turned into dot cards (our runner replaces
  .control blocks);
- the level-2/3 tasks whose prompt states the figure (a gain, an output or reference voltage):
  that figure ±30 % (PhyChip's tolerance) as an ngspice check on the named ports, with a reference written here. The v2
  reference netlists cannot serve: 17 of the 22 level-2/3 ones carry corrupted numbers
  (`9.1.4k`, `0.1.52n`; ngspice reads `9.1.4k` as 9.1 ohm), so e.g. the inverting amplifier's
  reference gain is -43 dB against the prompt's "near -8 V/V".
The other level-2/3 tasks are left out (LEFT_OUT says why) and listed in training/cases/README.md.
"""
from __future__ import annotations

import json
import re
import subprocess
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path

from .case_checks import Reading, node_key, reference_problems
from .common import REPO, UsageError, cli, parse_args

SOURCE = "https://github.com/nithingovindugari/phychip"
BENCH_PATH = "eval_sets/phychip_bench_v2/bench_v2.jsonl"
TOLERANCE = 0.30  # PhyChip's harness_spec_check: within ±30 % of the target
ANALYSES = ("op", "tran", "ac", "dc", "noise", "tf", "pz", "disto")

# level-2 figures stated in the prompt: (check builder arguments, reference netlist)
_OPAMP = ".subckt oa inp inn out\nE1 out 0 inp inn 1e5\n.ends oa\n"
_SUPPLIES = "Vdd vdd 0 5\nVss vss 0 -5\n"


def _gain_check(source: str, target: float, expr: str = "transfer_function", what: str = "gain") -> dict:
    low, high = sorted((target * (1 - TOLERANCE), target * (1 + TOLERANCE)))
    return {"analysis": f"op\ntf v(vout) {source}", "measure": expr, "min": round(low, 6), "max": round(high, 6),
            "why": f"{what} {target:g} V/V stated in the prompt, ±30 % (PhyChip's tolerance); small-signal "
                   f"DC transfer function from the source {source}"}


def _level_check(analysis: str, measure: str, target: float, what: str) -> dict:
    low, high = target * (1 - TOLERANCE), target * (1 + TOLERANCE)
    return {"analysis": analysis, "measure": measure, "min": round(low, 6), "max": round(high, 6),
            "why": f"{what} {target:g} V stated in the prompt, ±30 % (PhyChip's tolerance)"}


# behavioural: a diode's CTAT V_BE plus a PTAT term k*Vt, buffered (as PhyChip's own level-2 reference)
_BANDGAP = ("bandgap, about 1.18 V\nVdd vdd 0 3\nRctat vdd nd 68k\nD1 nd 0 dm\n.model dm D(Is=1e-15 N=1)\n"
            "Bref vbuf 0 V={v(nd) + 8.5*0.025852*(temper+273.15)/300.15}\nRout vbuf vref 5\nRload vref 0 1meg\n"
            ".op\n.end\n")


def _diff_checks(target: float) -> list[dict]:
    spec = _gain_check("vp", target, "(tf1.transfer_function - tf2.transfer_function)/2", "differential gain")
    return [{**spec, "analysis": "op\ntf v(vout) vp\ntf v(vout) vn"}]


STATED: dict[str, tuple[list[dict], str]] = {
    "tier0-inv-amp-l2-v90": ([_gain_check("vin", -8.0)],
                             "inverting amplifier, gain -8\n" + _SUPPLIES + "Vin vin 0 dc 0 ac 1\nRin vin ninv 1.25k\n"
                             "Rf ninv vout 10k\nX1 0 ninv vout oa\nRload vout 0 10k\n" + _OPAMP + ".op\n.end\n"),
    "tier0-summing-amp-l2-v92": ([_gain_check(s, -0.8, what=f"gain from {s.upper()}") for s in ("v1", "v2", "v3")],
                                 "three-input inverting summer, -0.8 per input\n" + _SUPPLIES
                                 + "V1 v1 0 dc 0 ac 1\nV2 v2 0 dc 0\nV3 v3 0 dc 0\nR1 v1 vsum 10k\nR2 v2 vsum 10k\n"
                                 "R3 v3 vsum 10k\nRf vsum vout 8k\nX1 0 vsum vout oa\nCl vout 0 10p\n"
                                 + _OPAMP + ".op\n.end\n"),
    "tier0-noninv-amp-l2-v93": ([_gain_check("vin", 6.0)],
                                "non-inverting amplifier, gain 6\n" + _SUPPLIES + "Vin vin 0 dc 0 ac 1\nR1 vm 0 2k\n"
                                "R2 vout vm 10k\nX1 vin vm vout oa\nCl vout 0 10p\n" + _OPAMP + ".op\n.end\n"),
    "tier0-cs-stage-l2-v94": ([_gain_check("vin", 7.0, "abs(transfer_function)", "gain magnitude")],
                              "common-source stage, gain about 7\nVdd vdd 0 5\nVin vin 0 dc 0.8 ac 1\n"
                              "Rd vdd vout 4.7k\nCL vout 0 15p\nM1 vout vin 0 0 nm W=50u L=1u\n"
                              ".model nm nmos level=1 vto=0.5 kp=100u lambda=0.02\n.op\n.end\n"),
    "tier0-diff-amp-l2-v99": (_diff_checks(3.0),
                              "four-resistor difference amplifier, gain 3\n" + _SUPPLIES + "Vp vp 0 dc 0 ac 1\n"
                              "Vn vn 0 dc 0\nR1 vn ninv 10k\nR2 ninv vout 30k\nR3 vp npos 10k\nR4 npos 0 30k\n"
                              "X1 npos ninv vout oa\n" + _OPAMP + ".op\n.end\n"),
    "tier1-ldo-l2-v95": ([_level_check("op", "v(vout)", 1.5, "regulated output")],
                         "ldo, 1.5 V from 5 V\nVin vin 0 5\nVref ref 0 1.2\nEamp g 0 ref vfb 1000\n"
                         "M1 vin g vout vout nch W=2000u L=1u\nR1 vout vfb 2.5k\nR2 vfb 0 10k\nRload vout 0 150\n"
                         "Cout vout 0 1u\n.model nch nmos level=1 vto=0.5 kp=100u\n.op\n.end\n"),
    "tier1-buck-l2-v97": ([_level_check("tran 100n 5m 0 100n", "avg v(vout) from=4m to=5m", 3.3, "steady output")],
                          "buck, 12 V to 3.3 V\nVin vin 0 12\nVpwm pwm 0 PULSE(0 5 0 10n 10n 1.6u 5u)\n"
                          "S1 vin sw pwm 0 swm\n.model swm SW(Ron=0.02 Roff=10meg Vt=2.5 Vh=0.2)\nD1 0 sw dm\n"
                          ".model dm D(Is=1e-9 N=1)\nL1 sw vout 47u\nC1 vout 0 100u\nRload vout 0 3.3\n"
                          ".tran 100n 5m\n.end\n"),
    "tier1-boost-l2-v98": ([_level_check("tran 200n 5m uic", "avg v(vout) from=4m to=5m", 9.0, "steady output")],
                           "boost, 5 V to 9 V\nVin vin 0 5\nVpwm pwm 0 PULSE(0 5 0 10n 10n 4.85u 10u)\nL1 vin sw 100u\n"
                           "S1 sw 0 pwm 0 swm\n.model swm SW(Ron=0.02 Roff=10meg Vt=2.5 Vh=0.2)\nD1 sw vout dm\n"
                           ".model dm D(Is=1e-9 N=1)\nC1 vout 0 22u\nRload vout 0 90\n.tran 200n 5m uic\n.end\n"),
    "tier1-bandgap-l2-v91": ([_level_check("op", "v(vref)", 1.18, "reference voltage")], _BANDGAP),
    "tier1-bandgap-l3-v92": ([_level_check("op", "v(vref)", 1.18, "nominal reference voltage")], _BANDGAP),
}
_CORRUPT = "; PhyChip's only target is then its reference, whose values are corrupted"
_INJECTS = "the harness adds its own sources to the answer and alters them"
LEFT_OUT = {
    "tier0-diff-pair-l2-v91": "no figure in the prompt ('a lower-current operating point')" + _CORRUPT,
    "tier0-current-mirror-l2-v96": _INJECTS + " (a reference current and an output sweep)",
    "tier1-schmitt-l2-v90": "no figure in the prompt ('thresholds shifted upward')" + _CORRUPT,
    "tier0-integrator-l2-v92": "no figure in the prompt ('a slower RC constant')" + _CORRUPT,
    "tier0-buffer-l2-v93": "no figure in the prompt ('heavier output loading')" + _CORRUPT,
    "tier0-differentiator-l2-v94": "no figure in the prompt ('a shifted zero frequency')" + _CORRUPT,
    "tier1-ldo-l3-v90": "no figure in the prompt ('a lower nominal output rail'); " + _INJECTS,
    "tier1-sallen-key-l3-v91": "no figure in the prompt ('cutoff shifted downward')" + _CORRUPT,
    "tier1-buck-l3-v93": "no figure in the prompt ('a lower output rail')" + _CORRUPT,
    "tier1-boost-l3-v94": "no figure in the prompt ('a lower boosted output')" + _CORRUPT,
    "tier1-ina-l3-v95": "no figure in the prompt ('a different differential gain target')" + _CORRUPT,
    "tier1-current-sense-l3-v96": "no figure in the prompt ('a different transresistance target')" + _CORRUPT,
}


@dataclass
class PortArguments:
    repo: str = field(default="/work/.mirror/nithingovindugari+phychip/repo",
                      metadata={"help": "the PhyChip git repository (a bare one from the search tool's fetch is fine)"})
    out: str = field(default=str(REPO / "training/cases/phychip_v2.jsonl"), metadata={"help": "the case file to write"})


def dot_analyses(netlist: str) -> str:
    """PhyChip's reference with its .control blocks' analysis commands as dot cards (the rest of
    each block, prints and measures, dropped): our runner never runs a deck's own .control."""
    out, inside = [], False
    for line in netlist.splitlines():
        word = line.strip().lower()
        if word.startswith(".control"):
            inside = True
        elif word.startswith(".endc"):
            inside = False
        elif not inside:
            out.append(line)
        elif word.split(" ", 1)[0] in ANALYSES:
            out.append("." + line.strip())
    text = "\n".join(out)
    return text if re.search(r"^\.end\s*$", text, re.M | re.I) else text.rstrip() + "\n.end"


def port_case(task: dict, commit: str) -> dict | None:
    """One PhyChip task as a case, or None when it is left out."""
    level = task["level"]
    if level > 1 and task["id"] not in STATED:
        return None
    checks, reference = STATED.get(task["id"], ([], dot_analyses(task["reference_netlist"])))
    # a port is a constraint when the prompt names it and the reference has it as a node (PhyChip
    # itself checks no names at level 1; a user can only be held to the names they wrote)
    named = set(re.findall(r"\w+", task["prompt"].lower()))
    ports = [p.lower() for p in task["input_ports"] + task["output_ports"] if p.lower() in named]
    present = Reading(reference).nodes
    return {"id": f"phychip_{task['id']}", "category": f"PhyChip {task['circuit_type']}",
            "difficulty": {1: "easy", 2: "medium"}.get(level, "hard"), "description": task["prompt"],
            "constraints": {"nodes": [p for p in ports if node_key(p) in present]},
            "checks": checks, "reference": reference,
            "source": f"{SOURCE} {BENCH_PATH} @ {commit[:12]} (Apache-2.0), level {level}"
                      + ("; check from the prompt's stated figure, reference written for the port" if checks
                         else "; reference adapted: .control analyses as dot cards")}


def _git(repo: str, *args: str) -> str:
    try:
        return subprocess.run(["git", f"--git-dir={repo}", *args], capture_output=True, text=True, check=True).stdout
    except (OSError, subprocess.CalledProcessError) as error:
        raise UsageError(f"{repo}: cannot read the PhyChip repository ({error})") from None


@cli
def main(argv: list[str] | None = None) -> dict:
    args = parse_args(PortArguments, argv, __doc__.split("\n\n")[0])
    if "Apache License" not in _git(args.repo, "show", "HEAD:LICENSE"):
        raise UsageError(f"{args.repo}: LICENSE is not the Apache License; nothing ported")
    commit = _git(args.repo, "rev-parse", "HEAD").strip()
    tasks = [json.loads(line) for line in _git(args.repo, "show", f"HEAD:{BENCH_PATH}").splitlines() if line.strip()]
    unknown = {t["id"] for t in tasks if t["level"] > 1} - set(STATED) - set(LEFT_OUT)
    if unknown:
        raise UsageError(f"level-2/3 tasks neither ported nor listed as left out: {sorted(unknown)}")
    cases = [c for c in (port_case(t, commit) for t in tasks) if c is not None]
    with ThreadPoolExecutor(2) as pool:  # ngspice runs in subprocesses
        failing = {c["id"]: v for c, v in zip(cases, pool.map(reference_problems, cases)) if v}
    Path(args.out).write_text("".join(json.dumps(c) + "\n" for c in cases if c["id"] not in failing), encoding="utf-8")
    report = {"tasks": len(tasks), "ported": len(cases) - len(failing), "left_out": LEFT_OUT,
              "reference_fails": failing, "commit": commit, "out": args.out}
    print(json.dumps(report, indent=2))
    return report


if __name__ == "__main__":
    main()
