#!/usr/bin/env python3
"""Yardstick of real netlists written by others: ngspice's own examples/tests.

The corpus is the ``examples/`` and ``tests/`` trees of Debian's ngspice
source package, fetched by ``benchmarks/fetch_ngspice_corpus.sh`` (default
location ``.cache/ngspice-src/ngspice-<version>``).  Every netlist is run
through the installed ``ngspice -b`` to get a reference verdict (ok / error /
timeout).  The files ngspice runs cleanly (:func:`ngspice_ok_files`) are the
ones on which the project's own checker should report no error; the
``--checker`` hook measures that share.

Usage::

    python benchmarks/ngspice_corpus.py [--src .cache/ngspice-src] [--jobs 2]
        [--timeout 10] [--out .cache/ngspice-corpus.json]
        [--checker 'spice-lsp check --format json'] [--logs DIR]

Verdicts are cached in the ``--out`` JSON by file content hash, so reruns only
run new/changed files.  Standard library only.
"""

from __future__ import annotations

import argparse
import concurrent.futures
import hashlib
import json
import math
import os
import re
import shlex
import shutil
import signal
import subprocess
import sys
import tempfile
import time
from collections.abc import Iterable
from pathlib import Path

#: Bump when the classification rules change: cached verdicts are then redone.
CLASSIFIER_VERSION = 4

#: Extensions (lower-cased) of *top-level decks* (files one hands to ngspice).
DECK_EXTENSIONS = frozenset({".cir", ".sp", ".net", ".spi", ".deck"})

#: Lines added to every ``.spiceinit`` the runs can see.  Batch mode has no
#: graphics, so plotting commands are turned into no-ops.
SPICEINIT_LINES = (
    "* added by benchmarks/ngspice_corpus.py: no graphics in batch mode",
    "alias plot echo skipped",
    "alias iplot echo skipped",
    "alias gnuplot echo skipped",
    "alias hardcopy echo skipped",
)

#: Output lines that mean ngspice did not accept/run the deck.  Matched
#: case-insensitively against each line of the combined stdout+stderr.
ERROR_PATTERNS = [
    r"^\s*error\b",                      # "Error: ...", "ERROR: ...", "Error on line 12 :"
    r"\berror on line\b",
    r"\bfatal error\b",
    r"\bcould not find\b",               # include files, models
    r"\bcan(?:'|no)t (?:open|find)\b",   # also "warning, can't find model 'x'"
    r"\bnot enough data in file\b",     # XSPICE table models
    r"\bunknown subckt\b",
    r"\bundefined parameter\b",          # numparam: "Undefined parameter [six]"
    r"\bcannot compute substitute\b",
    r"\bcircuit not parsed\b",
    r"\bno such (?:file|vector|command)\b",
    r"\bis not a command\b",
    r"\bunable to find definition of model\b",
    r"\bsimulation interrupted due to error\b",
    r"\brun simulation\(s\) aborted\b",
    r"\btimestep too small\b",
    r"\bsegmentation fault\b",
    r"\bcore dumped\b",
]
_ERROR_RE = re.compile("|".join(f"(?:{p})" for p in ERROR_PATTERNS), re.IGNORECASE)

#: Lines that match an error pattern but are not errors.
BENIGN_PATTERNS = [
    r"^\s*\*",                           # echoed comment lines
]
_BENIGN_RE = re.compile("|".join(f"(?:{p})" for p in BENIGN_PATTERNS), re.IGNORECASE)

#: Lines that prove the deck was parsed and simulation was attempted or
#: deliberately skipped; ngspice -b then exits 1 although nothing is wrong.
NO_SIMULATION_RE = re.compile(r"no simulations? run", re.IGNORECASE)

MAX_SCAN_BYTES = 32 * 1024 * 1024


# --------------------------------------------------------------------------
# corpus discovery


def find_tree(src: Path) -> Path:
    """Return the unpacked ngspice tree: ``src`` itself if it holds
    ``examples/`` and ``tests/``, else the single ``ngspice-*`` child that does."""
    src = Path(src)
    if (src / "examples").is_dir() and (src / "tests").is_dir():
        return src.resolve()
    cands = sorted(
        p for p in src.glob("*") if (p / "examples").is_dir() and (p / "tests").is_dir()
    )
    if not cands:
        raise FileNotFoundError(
            f"no ngspice source tree under {src}; run benchmarks/fetch_ngspice_corpus.sh {src}"
        )
    return cands[-1].resolve()


def find_netlists(root: Path) -> list[Path]:
    """The top-level netlists (decks) under ``examples/`` and ``tests/``.

    Rule: a regular file whose lower-cased extension is one of ``.cir``,
    ``.sp``, ``.net``, ``.spi`` or ``.deck`` (see :data:`DECK_EXTENSIONS`).
    In ngspice 39.3 that is 335 .cir + 185 .sp + 6 .net + 1 .spi + 48 .deck
    (the XSPICE ``original-examples``) = 575 files.

    Deliberately left out:

    * include-only files (``.lib .LIB .mod .inc .sub .l .pm .nmos .pmos
      .301``, model ``.txt``, ``modelcard.*``): they are netlist syntax but
      not runnable alone; they are exercised through the decks that
      ``.include``/``.lib`` them;
    * ``.in`` files (a mix of old XSPICE decks and ``spinit.in`` init
      scripts), ``.stim``/``.txt`` stimulus and data files, ``.table``;
    * reference outputs (``.out``, ``.standard``), Verilog-A (``.va``),
      scripts (``.sh .tcl .pl .script .cmd``), ``.spiceinit``, Makefiles,
      READMEs, KiCad files.

    Note that some ``.cir`` files are really subcircuit libraries included by
    sibling decks (e.g. ``examples/xspice/pll/vco_sub.cir``); they are kept,
    since ngspice still parses them standalone.  ``root`` may be the tree or
    its parent (the fetch script's DEST_DIR).
    """
    tree = find_tree(Path(root))
    out: list[Path] = []
    for top in ("examples", "tests"):
        for dirpath, dirnames, filenames in os.walk(tree / top):
            dirnames.sort()
            for name in sorted(filenames):
                p = Path(dirpath) / name
                if p.suffix.lower() in DECK_EXTENSIONS and p.is_file() and not p.is_symlink():
                    out.append(p)
    return out


# --------------------------------------------------------------------------
# running ngspice


class Sandbox:
    """Isolation for ngspice runs on a tree: an isolated HOME with a
    batch-friendly ``.spiceinit``, and for every run a *fresh* throw-away copy
    of the deck's second-level directory (``examples/<X>/`` or
    ``tests/<X>/``), so that decks may write output files, reach ``../``
    includes (none in ngspice 39 climbs above the second level), and never
    see files written by another deck (the XSPICE table generators rewrite
    ``*.table`` files that other decks read).

    ngspice reads ``./.spiceinit`` *instead of* ``~/.spiceinit`` when one
    exists, so the no-graphics aliases are also appended to every
    ``.spiceinit`` present in a copy.
    """

    def __init__(self, tree: Path):
        self.tree = Path(tree).resolve()
        self.tmp = Path(tempfile.mkdtemp(prefix="ngspice-corpus-"))
        self.home = self.tmp / "home"
        self.home.mkdir()
        self.init = "\n".join(SPICEINIT_LINES) + "\n"
        (self.home / ".spiceinit").write_text(self.init)

    def unit_of(self, path: Path) -> Path:
        """The directory copied for ``path``: its second-level ancestor
        below the tree (or its own directory when shallower)."""
        rel = Path(path).resolve().relative_to(self.tree)
        parts = rel.parts[:-1]
        return Path(*parts[:2]) if len(parts) >= 2 else Path(*parts) if parts else Path(".")

    def prepare(self, path: Path) -> tuple[Path, Path]:
        """Make a fresh copy for one run; return (run dir, copy of ``path``)."""
        rel = Path(path).resolve().relative_to(self.tree)
        unit = self.unit_of(path)
        run = Path(tempfile.mkdtemp(prefix="run-", dir=self.tmp))
        shutil.copytree(self.tree / unit, run / unit, symlinks=True)
        for si in (run / unit).rglob(".spiceinit"):
            with si.open("a") as fh:
                fh.write("\n" + self.init)
        return run, run / rel

    def cleanup(self) -> None:
        shutil.rmtree(self.tmp, ignore_errors=True)

    def __enter__(self) -> Sandbox:
        return self

    def __exit__(self, *exc) -> None:
        self.cleanup()


def _tree_of(path: Path) -> Path:
    """Nearest ancestor of ``path`` holding both examples/ and tests/, else
    the file's own directory."""
    path = Path(path).resolve()
    for anc in path.parents:
        if (anc / "examples").is_dir() and (anc / "tests").is_dir():
            return anc
    return path.parent


def classify_output(text: str, returncode: int | None) -> tuple[str, str | None]:
    """Verdict ("ok"/"error") and first error line from ngspice's output.

    ngspice -b exits 1 for decks that only have a .control section or that
    run no simulation ("no simulations run") although they are fine, and
    exits 0 for many decks that printed errors, so the output decides; the
    exit code only matters when it signals a crash (negative: killed by a
    signal) or when it is non-zero without any explanation at all.
    """
    lines = text.splitlines()
    for i, line in enumerate(lines):
        if _ERROR_RE.search(line) and not _BENIGN_RE.search(line):
            first = line.strip()
            # "Error on line 12 or its substitute:" / "Error on line:" put
            # the offending line (and often the reason) on the next lines
            if (first.endswith(":") or first.endswith("from line")) and i + 1 < len(lines):
                first += " " + " ".join(s.strip() for s in lines[i + 1:i + 3] if s.strip())
            # numparam errors come after a "Netlist line no. 13:" line
            if i > 0 and lines[i - 1].strip().lower().startswith("netlist line no"):
                first = lines[i - 1].strip() + " " + first
            return "error", first[:300]
    if returncode is not None and returncode < 0:
        return "error", f"ngspice killed by signal {-returncode}"
    if returncode not in (0, None) and not NO_SIMULATION_RE.search(text):
        # exit 1 after a normal .control run (e.g. "quit" with no analysis) is
        # common; only flag when the output is suspiciously empty
        if "Circuit:" not in text and "circuit:" not in text.lower():
            return "error", f"ngspice exit status {returncode} (no circuit loaded)"
    return "ok", None


def run_ngspice(path: Path, timeout: float = 10, *, sandbox: Sandbox | None = None,
                log_dir: Path | None = None, ngspice: str = "ngspice",
                wall_timeout: float | None = None) -> dict:
    """Run ``ngspice -b`` on one deck and classify the result.

    The deck runs from a fresh copy of its second-level directory (see
    :class:`Sandbox`; a private sandbox is made and removed when none is
    given) with cwd = the copy of its directory, an isolated HOME, stdin from
    /dev/null and the plotting commands aliased away.  Nothing is written
    into the original tree.

    ``timeout`` is a limit on ngspice's *CPU* seconds (``ulimit -t``), so the
    verdicts do not depend on machine load; ``wall_timeout`` (default
    ``3 * timeout + 10``) only catches hangs, after which the whole process
    group is killed.

    Returns ``{"file", "status": "ok"|"error"|"timeout", "seconds" (wall),
    "cpu_seconds", "first_error_line", "returncode"}``; ``file`` is
    ``str(path)``.  A run stopped by a limit is "error" if its output so far
    already shows an error, else "timeout" (returncode None).
    """
    path = Path(path)
    own = sandbox is None
    box = Sandbox(_tree_of(path)) if sandbox is None else sandbox
    run_dir = None
    try:
        run_dir, target = box.prepare(path)
        env = dict(os.environ)
        env.update(HOME=str(box.home), LC_ALL="C.UTF-8", LANG="C.UTF-8")
        env.pop("DISPLAY", None)
        env.pop("SPICE_SCRIPTS", None)
        cpu_limit = max(1, math.ceil(timeout))
        wall_limit = wall_timeout if wall_timeout is not None else 3 * timeout + 10
        # CPU-time limit (ulimit -t) rather than wall clock: verdicts do not
        # flip when the machine is loaded; the wall limit only catches hangs
        argv = ["/bin/sh", "-c", 'ulimit -t "$1" && exec "$2" -b "$3"', "sh",
                str(cpu_limit), ngspice, target.name]
        with tempfile.TemporaryFile() as logf:
            t0 = time.monotonic()
            proc = subprocess.Popen(
                argv, cwd=target.parent, env=env, stdin=subprocess.DEVNULL,
                stdout=logf, stderr=subprocess.STDOUT, start_new_session=True,
            )
            timed_out = False
            while True:
                pid, wstatus, rusage = os.wait4(proc.pid, os.WNOHANG)
                if pid:
                    break
                if time.monotonic() - t0 > wall_limit:
                    timed_out = True
                    try:
                        os.killpg(proc.pid, signal.SIGKILL)
                    except ProcessLookupError:
                        pass
                    pid, wstatus, rusage = os.wait4(proc.pid, 0)
                    break
                time.sleep(0.01)
            rc = os.waitstatus_to_exitcode(wstatus)
            proc.returncode = rc  # reaped here; keep Popen consistent
            if rc == -signal.SIGXCPU or rc == -signal.SIGKILL:
                timed_out = True
            seconds = round(time.monotonic() - t0, 3)
            cpu_seconds = round(rusage.ru_utime + rusage.ru_stime, 3)
            try:  # output of ngspice's own children (shell commands) too
                os.killpg(proc.pid, signal.SIGKILL)
            except ProcessLookupError:
                pass
            logf.seek(0)
            text = logf.read(MAX_SCAN_BYTES).decode("utf-8", errors="replace")
        if log_dir is not None:
            rel = target.relative_to(run_dir)
            lp = Path(log_dir) / (str(rel) + ".log")
            lp.parent.mkdir(parents=True, exist_ok=True)
            lp.write_text(text[:2_000_000])
        status, first = classify_output(text, None if timed_out else rc)
        if timed_out and status == "ok":
            # an error printed before the kill is a definitive "error";
            # otherwise the verdict is unknown
            status = "timeout"
        return {"file": str(path), "status": status, "seconds": seconds,
                "cpu_seconds": cpu_seconds, "first_error_line": first,
                "returncode": None if timed_out else rc}
    finally:
        if own:
            box.cleanup()
        elif run_dir is not None:
            shutil.rmtree(run_dir, ignore_errors=True)


# --------------------------------------------------------------------------
# second verdict hook


def ngspice_ok_files(results: Iterable[dict], root: Path | None = None) -> list[Path]:
    """The files ngspice ran cleanly (status "ok"), as paths.

    ``results`` are :func:`run_ngspice` dicts or the ``results`` list of the
    ``--out`` JSON (whose ``file`` is relative to the tree; pass ``root`` =
    the tree to get absolute paths).  These are the files on which the
    project's checker should report no error: any error it reports on them
    is a false error.
    """
    out = []
    for r in results:
        if r.get("status") == "ok":
            p = Path(r["file"])
            out.append(p if root is None or p.is_absolute() else Path(root) / p)
    return sorted(out)


def _checker_error_files(payload, errors_only: bool = True) -> set[str]:
    """Files with at least one error diagnostic in a checker's JSON output.

    Accepted shapes: ``{file: [diag, ...]}``, ``[{"file"|"path"|"uri": ..,
    "diagnostics": [diag, ...]}, ...]``, or a flat list of diagnostics each
    carrying ``file``/``path``/``uri``.  A diag counts as an error when its
    ``severity`` is 1 (LSP) or "error" (any case); diags without severity count.
    """
    def is_err(d) -> bool:
        if not isinstance(d, dict):
            return True
        sev = d.get("severity", "error")
        return sev == 1 or str(sev).lower() == "error"

    def fname(d):
        for k in ("file", "path", "uri"):
            if isinstance(d, dict) and d.get(k):
                v = str(d[k])
                return v[7:] if v.startswith("file://") else v
        return None

    bad: set[str] = set()
    if isinstance(payload, dict) and "files" in payload:
        payload = payload["files"]
    if isinstance(payload, dict):
        for f, diags in payload.items():
            if any(is_err(d) for d in (diags or [])):
                bad.add(f)
    elif isinstance(payload, list):
        for item in payload:
            f = fname(item)
            if f is None:
                continue
            if isinstance(item, dict) and "diagnostics" in item:
                if any(is_err(d) for d in item["diagnostics"] or []):
                    bad.add(f)
            elif is_err(item):
                bad.add(f)
    return bad


def run_checker(cmd: str, files: list[Path], chunk: int = 200, timeout: float = 600) -> set[Path]:
    """Run ``cmd FILE...`` (in chunks) and return the files it flags with an
    error.  ``cmd`` must print JSON (see :func:`_checker_error_files`) or
    JSON lines on stdout; its exit status is ignored."""
    flagged: set[Path] = set()
    argv = shlex.split(cmd)
    by_name = {str(f.resolve()): f for f in files}
    for i in range(0, len(files), chunk):
        part = files[i:i + chunk]
        proc = subprocess.run(argv + [str(f) for f in part], capture_output=True,
                              text=True, timeout=timeout, stdin=subprocess.DEVNULL)
        out = proc.stdout.strip()
        try:
            payloads = [json.loads(out)] if out else []
        except json.JSONDecodeError:
            payloads = [json.loads(line) for line in out.splitlines() if line.strip()]
        for payload in payloads:
            for f in _checker_error_files(payload):
                p = Path(f)
                flagged.add(by_name.get(str(p.resolve()), p))
    return flagged


# --------------------------------------------------------------------------
# main


def _sha256(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def _ngspice_version(ngspice: str = "ngspice") -> str:
    try:
        out = subprocess.run([ngspice, "--version"], capture_output=True, text=True,
                             timeout=20, stdin=subprocess.DEVNULL).stdout
    except (OSError, subprocess.SubprocessError):
        return "unknown"
    m = re.search(r"ngspice-\S+", out)
    return m.group(0) if m else "unknown"


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--src", default=".cache/ngspice-src",
                    help="unpacked ngspice tree or its parent (fetch script DEST_DIR)")
    ap.add_argument("--jobs", type=int, default=2)
    ap.add_argument("--timeout", type=float, default=10,
                    help="CPU seconds per deck (wall limit: 3x + 10 s, for hangs)")
    ap.add_argument("--out", default=".cache/ngspice-corpus.json")
    ap.add_argument("--logs", default=None, help="also save each ngspice output here")
    ap.add_argument("--no-cache", action="store_true", help="ignore cached verdicts")
    ap.add_argument("--checker", default=None,
                    help="command given the ngspice-ok files, printing JSON diagnostics, "
                         "e.g. 'spice-lsp check --format json'")
    ap.add_argument("--list", action="store_true", help="only list the netlists")
    ap.add_argument("--ngspice", default="ngspice")
    args = ap.parse_args(argv)

    tree = find_tree(Path(args.src))
    files = find_netlists(tree)
    if args.list:
        for f in files:
            print(f.relative_to(tree).as_posix())
        return 0

    out_path = Path(args.out)
    version = _ngspice_version(args.ngspice)
    meta = {"classifier_version": CLASSIFIER_VERSION, "ngspice": version,
            "timeout": args.timeout}
    cached: dict[str, dict] = {}
    if out_path.exists() and not args.no_cache:
        try:
            old = json.loads(out_path.read_text())
            if all(old.get(k) == v for k, v in meta.items()):
                cached = {r["sha256"]: r for r in old.get("results", []) if "sha256" in r}
        except (json.JSONDecodeError, OSError, KeyError, TypeError):
            cached = {}

    t0 = time.monotonic()
    results: list[dict] = []
    todo: list[tuple[Path, str, str]] = []
    for f in files:
        rel = f.relative_to(tree).as_posix()
        h = _sha256(f)
        # key on content *and* path: same content in two dirs can include
        # different files
        key = h + ":" + rel
        if key in cached:
            results.append(dict(cached[key], file=rel))
        else:
            todo.append((f, rel, h))

    if todo:
        with Sandbox(tree) as sb, concurrent.futures.ThreadPoolExecutor(max(1, args.jobs)) as ex:
            futs = {ex.submit(run_ngspice, f, args.timeout, sandbox=sb,
                              log_dir=Path(args.logs) if args.logs else None,
                              ngspice=args.ngspice): (rel, h) for f, rel, h in todo}
            for n, fut in enumerate(concurrent.futures.as_completed(futs), 1):
                rel, h = futs[fut]
                r = fut.result()
                r.update(file=rel, sha256=h + ":" + rel)
                results.append(r)
                if sys.stderr.isatty():
                    print(f"\r{n}/{len(todo)} {rel[:60]:<60}", end="", file=sys.stderr)
        if sys.stderr.isatty():
            print(file=sys.stderr)
    wall = time.monotonic() - t0

    results.sort(key=lambda r: r["file"])
    counts = {s: sum(r["status"] == s for r in results) for s in ("ok", "error", "timeout")}
    ok_files = ngspice_ok_files(results, tree)
    ok_bytes = sum(p.stat().st_size for p in ok_files)
    doc = dict(meta, root=str(tree), counts=counts, results=results)

    summary = (f"netlists: {len(results)}  ok: {counts['ok']}  error: {counts['error']}  "
               f"timeout: {counts['timeout']}  (ran {len(todo)}, cached {len(results) - len(todo)}; "
               f"wall {wall:.1f}s with {args.jobs} jobs; ok files {ok_bytes / 1e6:.2f} MB)")
    print(f"tree: {tree}")
    print(summary)

    if args.checker:
        flagged = run_checker(args.checker, ok_files)
        n_ok = len(ok_files)
        clean = n_ok - len([p for p in ok_files if p in flagged])
        share = clean / n_ok if n_ok else 0.0
        doc["checker"] = {"command": args.checker, "ngspice_ok": n_ok, "no_false_error": clean,
                          "share": round(share, 4),
                          "false_error_files": sorted(p.relative_to(tree).as_posix()
                                                      for p in ok_files if p in flagged)}
        print(f"checker: {clean}/{n_ok} ngspice-ok files get no error ({share:.1%})")

    out_path.parent.mkdir(parents=True, exist_ok=True)
    out_path.write_text(json.dumps(doc, indent=1, ensure_ascii=False) + "\n")
    return 0


if __name__ == "__main__":
    sys.exit(main())
