#!/usr/bin/env python3
"""The sandbox under attack, at scale: random hostile decks against the real ngspice, by effect.

Each deck carries commands that would write a canary file outside the sandbox, read a secret
file, or load a library (shell, write, wrdata, wrs2p, hardcopy, gnuplot, cd then write, source,
set sourcepath then source, alias echo shell, codemodel, pre_osdi, load), every command word
disguised at random places the way ngspice still reads it ('sh'ell, s"he"ll, \\s\\hell,
s''hell...), placed where ngspice would run it: a `.control` block (spelled .CONTROL,
.controls...), after a `*ng_script` first line, as `*#` comment lines, in an included file, or in
a file two includes deep that climbs out with `../../`; or a code model's data file naming the
secret (absolute, climbing out, or through a link in the workspace). Every deck runs twice:

- default: the runner as the editor, CLI and generator call it (the deck's .control refused);
- opt-in: `own_control="run"`, so the commands really run and only the OS isolation stands.

Property: no canary file ever appears in the canary directory (world-writable under bubblewrap,
to show even that is out of reach; 0755 under the setuid fallback, which promises less), and the
secret's token never appears in anything the runner returns.

Usage::

    python -m benchmarks.sandbox_escape --decks 10000 [--seed 1] [--method bubblewrap] \\
        [--out .cache/bench/sandbox_escape.json]

Prints decks, runs, canaries and timing, then the cost of each isolation method here (the median
of `--cost-runs` runs of a divider's `.op`), writes them as JSON, and exits 1 when a canary
appeared (the first escaping decks are kept in the JSON)."""
from __future__ import annotations

import argparse
import json
import os
import random
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from collections import Counter
from dataclasses import dataclass
from pathlib import Path

from spice_lsp.ngspice import isolation, runner

CIRCUIT = "V1 in 0 1\nR1 in 0 1k\n"
# (command word, its arguments), then an optional second command: {c} canary, {d} canary
# directory, {s} a command script there, {x} the secret, {m} a shared library.
ATTACKS = [
    (("shell", "touch {c}"),), (("shell", "cat {x} | sed s/^/error:/"),), (("write", "{c} v(in)"),),
    (("wrdata", "{c} v(in)"),), (("wrs2p", "{c}"),), (("hardcopy", "{c} v(in)"),), (("gnuplot", "{c} v(in)"),),
    (("cd", "{d}"), ("write", "c-cd v(in)")), (("source", "{s}"),),
    (("set", "sourcepath = ( {d} )"), ("source", "script.sp")), (("alias", "echo shell"), ("echo", "touch {c}")),
    (("codemodel", "{m}"),), (("pre_osdi", "{m}"),), (("load", "{x}"),), (("shell", "echo $PATH > {c}"),),
]
WORDS = sorted({word for attack in ATTACKS for word, _ in attack} | {"shell"})
PLACES = ("control", "ng_script", "star_hash", "include", "nested", "data_file")
CONTROL_SPELLINGS = (".control", ".CONTROL", " .control", ".controls", ".Control ; go")
NG_SCRIPT_SPELLINGS = ("*ng_script", "* ng_script", "*NG_SCRIPT", " *ng_script", "*ng_script_with_more")
EVIL_C = '#include <stdio.h>\n__attribute__((constructor)) static void pwn(void) ' \
         '{ FILE *f = fopen("%s", "w"); if (f) { fputs("loaded", f); fclose(f); } }\n'


def disguise(word: str, cuts: list[int], styles: list[str]) -> str:
    """`word` cut at `cuts` (positions inside it); each piece written in a style: bare, 'single',
    "double", \\escaped, or with empty quotes '' before it. ngspice reads every form as `word`."""
    bounds = [0, *sorted({c for c in cuts if 0 < c < len(word)}), len(word)]
    pieces = [word[a:b] for a, b in zip(bounds, bounds[1:])]
    out = []
    for piece, style in zip(pieces, styles + ["bare"] * len(pieces)):
        out.append({"single": f"'{piece}'", "double": f'"{piece}"', "escaped": "".join("\\" + ch for ch in piece),
                    "empty": f"''{piece}"}.get(style, piece))
    return "".join(out)


def random_disguise(word: str, rng: random.Random) -> str:
    cuts = rng.sample(range(1, len(word)), rng.randint(0, min(3, len(word) - 1))) if len(word) > 1 else []
    styles = [rng.choice(["bare", "single", "double", "escaped", "empty"]) for _ in range(len(cuts) + 1)]
    return disguise(word, cuts, styles)


@dataclass
class Arena:
    """The canary directory (what must never change), the secret and its token."""

    root: Path
    canaries: Path
    secret: Path
    token: str
    library: Path | None  # the constructor writes canaries/loaded; None: no C compiler here
    baseline: frozenset

    @classmethod
    def create(cls, method: str) -> Arena:
        root = Path(tempfile.mkdtemp(prefix="spice-lsp-escape-"))
        os.chmod(root, 0o755)
        canaries = root / "canaries"
        canaries.mkdir()
        # Under bubblewrap even a world-writable directory must stay untouched; the setuid
        # fallback promises only what a user without rights cannot reach.
        os.chmod(canaries, 0o777 if method == "bubblewrap" else 0o755)
        token = f"SECRET-{random.getrandbits(64):016x}"
        secret = canaries / "secret.txt"
        secret.write_text(token + "\n")
        os.chmod(secret, 0o600)
        (canaries / "script.sp").write_text(f"shell touch {canaries / 'canary-script'}\n")
        os.chmod(canaries / "script.sp", 0o644)
        library = None
        if compiler := shutil.which("cc") or shutil.which("gcc"):
            source = root / "evil.c"
            source.write_text(EVIL_C % (canaries / "loaded"))
            library = canaries / "evil.cm"
            if subprocess.run([compiler, "-shared", "-fPIC", "-o", str(library), str(source)],
                              capture_output=True).returncode != 0:
                library = None
            else:
                os.chmod(library, 0o755)
        return cls(root, canaries, secret, token, library, frozenset(p.name for p in canaries.iterdir()))

    def escapes(self, result: runner.SimulationResult) -> list[str]:
        """Evidence of an escape, and the canary directory put back as it was."""
        found = [p.name for p in self.canaries.iterdir() if p.name not in self.baseline]
        for name in found:
            (self.canaries / name).unlink()
        text = json.dumps([result.output, [e.message for e in result.errors], result.refused, list(result.values)])
        return found + ["the secret's token came back"] * (self.token in text)

    def lines(self, attack, rng: random.Random) -> list[str]:
        fill = {"c": self.canaries / f"canary-{rng.randrange(10 ** 6)}", "d": self.canaries,
                "s": self.canaries / "script.sp", "x": self.secret, "m": self.library or self.canaries / "none.cm"}
        def disguised(arguments: str) -> str:  # `alias echo shell`: the word inside the arguments too
            return arguments.format(**fill).replace("shell", random_disguise("shell", rng))
        return [f"{random_disguise(word, rng)} {disguised(arguments)}" for word, arguments in attack]


def hostile_deck(arena: Arena, rng: random.Random, workspace: Path) -> tuple[str, str]:
    """(deck text, where the commands stand); included files are written into `workspace`."""
    attack = rng.choice([a for a in ATTACKS if arena.library or "{m}" not in a[0][1]])
    commands = ["op", *arena.lines(attack, rng)]
    place = rng.choice(PLACES)
    block = [rng.choice(CONTROL_SPELLINGS), *commands, ".endc"]
    if place == "control":
        return "hostile\n" + CIRCUIT + "\n".join(block) + "\n.end\n", place
    if place == "ng_script":
        return rng.choice(NG_SCRIPT_SPELLINGS) + "\n" + "\n".join(commands) + "\n", place
    if place == "star_hash":
        return "hostile\n" + CIRCUIT + ".op\n" + "".join(f"*#{c}\n" for c in commands) + ".end\n", place
    if place == "data_file":
        (workspace / "link.txt").symlink_to(arena.secret)
        name = rng.choice([str(arena.secret), os.path.relpath(arena.secret, workspace), "link.txt"])
        model = rng.choice(['filesource (file="{}")', 'd_source (input_file="{}")', "filesource (file=./{})"])
        return (f"hostile\n.model src {model.format(name)}\nA1 %v([a]) src\nR1 a 0 1k\n.tran 1u 10u\n"
                ".print tran v(a)\n.end\n"), place
    models = workspace / "lib" / "models"
    models.mkdir(parents=True, exist_ok=True)
    if place == "include":
        (models / "vendor.inc").write_text(".model dd d\n" + "\n".join(block) + "\n")
    else:  # two deep, climbing out of the workspace to a command script beside the canaries
        outside = os.path.relpath(arena.canaries / "script.sp", models)
        (models / "vendor.inc").write_text(f".model dd d\n.include {outside}\n")
    return "hostile\n.include lib/models/vendor.inc\n" + CIRCUIT + ".op\n.end\n", place


def attempt(arena: Arena, text: str, workspace: Path, mode: str,
            method: str) -> tuple[runner.SimulationResult, list[str]]:
    result = runner.run(text, base_dir=workspace, allowed_dirs=[workspace], timeout=10,
                        own_control="run" if mode == "opt-in" else "refuse", isolation_method=method)
    return result, arena.escapes(result)


def cost(runs: int) -> dict[str, float]:
    """Median milliseconds of one `.op` run of a divider under each method available here."""
    deck = "divider\nV1 in 0 10\nR1 in out 1k\nR2 out 0 1k\n.op\n.end\n"
    medians = {}
    for method in isolation.available():
        times = []
        for _ in range(runs):
            started = time.perf_counter()
            assert runner.run(deck, isolation_method=method).ok
            times.append(time.perf_counter() - started)
        medians[method] = round(1000 * statistics.median(times), 1)
    return medians


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--decks", type=int, default=10_000)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--method", default=None,
                        help=f"one of {', '.join(isolation.available())} (default: the strongest)")
    parser.add_argument("--cost-runs", type=int, default=30)
    parser.add_argument("--out", default=".cache/bench/sandbox_escape.json")
    args = parser.parse_args(argv)
    method = args.method or isolation.best()
    arena = Arena.create(method)
    rng = random.Random(args.seed)
    counts: Counter = Counter()
    escapes: list[dict] = []
    started = time.monotonic()
    try:
        for n in range(args.decks):
            with tempfile.TemporaryDirectory(prefix="spice-lsp-escape-ws-") as directory:
                text, place = hostile_deck(arena, rng, Path(directory))
                for mode in ("default", "opt-in"):
                    result, found = attempt(arena, text, Path(directory), mode, method)
                    outcome = "refused" if result.refused else "ran"
                    counts[f"{mode} {outcome}"] += 1
                    counts[f"{mode} {place} {outcome}"] += 1
                    if found:
                        counts["canaries"] += len(found)
                        escapes.append({"deck": text, "mode": mode, "found": found})
            if (n + 1) % 1000 == 0:
                print(f"  {n + 1} decks, {counts['canaries']} canaries, {time.monotonic() - started:.0f} s", flush=True)
    finally:
        shutil.rmtree(arena.root, ignore_errors=True)
    seconds = time.monotonic() - started
    medians = cost(args.cost_runs)
    report = {"median_op_run_ms": medians, "decks": args.decks, "runs": 2 * args.decks,
              "canaries": counts["canaries"], "isolation": method,
              "seed": args.seed, "code_model_library": arena.library is not None, "seconds": round(seconds, 1),
              "decks_per_s": round(args.decks / seconds, 2), "counts": dict(sorted(counts.items())),
              "escapes": escapes[:20],
              "command": " ".join(["python -m benchmarks.sandbox_escape", *(argv or sys.argv[1:])])}
    Path(args.out).parent.mkdir(parents=True, exist_ok=True)
    Path(args.out).write_text(json.dumps(report, indent=1))
    print(f"{args.decks} hostile decks, {2 * args.decks} runs under {method}: {counts['canaries']} canaries "
          f"({seconds:.0f} s, {args.decks / seconds:.1f} decks/s)")
    for key in sorted(k for k in counts if k.count(" ") == 1):
        print(f"  {key}: {counts[key]}")
    print("median .op run: " + ", ".join(f"{m} {ms} ms" for m, ms in medians.items())
          + f" ({args.cost_runs} runs each)")
    print(f"written to {args.out}")
    return 1 if counts["canaries"] else 0


if __name__ == "__main__":
    sys.exit(main())
