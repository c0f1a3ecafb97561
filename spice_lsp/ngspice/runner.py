"""The one sandboxed ngspice runner: the generator's verifier, the benchmark, `spice-lsp simulate`.

`check_safety` refuses `.control` commands that run programs or touch files, and `.include`/`.lib`/
`file=` paths resolving (symlinks followed) outside `base_dir`/`allowed_dirs`, in included files too.
`run` then runs `ngspice -b` in a fresh temporary directory (also HOME) with a clean environment,
resource limits and a timeout killing the process group. Checked paths are rewritten in place, so
line numbers keep and ngspice's "Error on line N" maps back to the text."""
from __future__ import annotations

import os
import re
import resource
import shutil
import signal
import subprocess
import tempfile
import time
from dataclasses import dataclass, field
from pathlib import Path

from spice_lsp.language import model as m
from spice_lsp.language.parser import parse

# .control commands a deck may use; anything else (shell, write, source, codemodel...) is refused.
ALLOWED_COMMANDS = frozenset("""run op ac dc tran noise tf sens pz disto sp fourier meas measure print
    let unlet set unset echo setplot display alter altermod alterparam show showmod destroy reset save
    option options linearize spec fft psd quit exit if else end while repeat dowhile foreach break
    continue label goto compose setscale settype cutout remzerovec rusage status stop resume step
    trace delete version plot asciiplot define undefine deftype shift listing transpose inventory
    devhelp sysinfo setcirc where""".split())
# Words refused anywhere in a .control line (an argument of set, if, alias... included).
FORBIDDEN_WORDS = frozenset("""shell system write wrdata wrs2p hardcopy source load cd sourcepath
    codemodel osdi pre_osdi alias gnuplot xgraph edit circbyline rspice aspice snsave snload
    mrdump mdump""".split())
_ESCAPES = "!`<>"  # shell escape, backquote command, file redirections
_NUMBER = r"[-+]?(?:\d+\.?\d*|\.\d+)(?:[eE][-+]?\d+)?"
# `v(out) = 5.0e+00`, `f3db = 1.59e+03 targ= ...`; not ngspice's `Stack = 0 bytes.`
_ASSIGNED = re.compile(rf"^\s*([^\s=]+)\s*=\s*({_NUMBER})(?=\s*$|\s+\S+=)")
_TABLE_ROW = re.compile(rf"^\s*(\S+)\s+({_NUMBER})\s*$")
_OP_MARK, _END_MARK = "spice-lsp:op-values", "spice-lsp:end"
RAW_FILE = "spice-lsp.raw"  # where `dump_plots` has ngspice write every plot (binary rawfile)
# After the deck's analyses (or its own .control blocks): every plot into one rawfile.
_DUMP = ["set filetype=binary", "set appendwrite", "foreach spice_lsp_plot $plots",
         "setplot $spice_lsp_plot", f"write {RAW_FILE}", "end"]
# Not failures: a .print of an analysis the deck lacks; our op printout after a failed op.
_BENIGN = re.compile(r"error: (\.(print|plot): no \w+ analysis found|no such plot named op1)", re.I)


@dataclass
class SimError:
    message: str
    line: int | None  # 0-based line in the original netlist text


@dataclass
class SimulationResult:
    ok: bool  # ran, no error lines, not refused, not timed out
    errors: list[SimError]
    refused: list[str]  # why the deck was not run (empty when it ran)
    values: dict[str, float] = field(default_factory=dict)  # op values, print and meas results
    output: str = ""  # ngspice stdout+stderr, cut at the output limit
    seconds: float = 0.0
    timed_out: bool = False
    raw: bytes = b""  # with dump_plots: ngspice's binary rawfile of every plot (spice_lsp.simulation.report reads it)
    cancelled: bool = False  # stopped through `stop`


def _confined(name: str, base: Path | None, roots: list[Path]) -> str | None:
    """The real path ngspice would read for `name` (a relative one: in `base`, else the first
    allowed directory holding it), or None when that lies outside every allowed directory."""
    name, dirs = os.path.expanduser(name), ([base] if base else []) + roots
    if not os.path.isabs(name):  # with no directory at all, no root can hold it either
        name = next((d / name for d in dirs if (d / name).is_file()), dirs[0] / name if dirs else name)
    real = os.path.realpath(name)
    return real if any(Path(real).is_relative_to(root) for root in roots) else None


def _control_blocks(lines: list[str]) -> list[tuple[int, int]]:
    """(first, last) lines of .control blocks as ngspice finds them: by prefix, unclosed to the end."""
    blocks, start = [], None
    for n, line in enumerate(lines):
        word = line.lstrip().lower()
        if start is None and word.startswith(".control"):
            start = n
        elif start is not None and word.startswith(".endc"):
            blocks, start = blocks + [(start, n)], None
    return blocks + ([(start, len(lines))] if start is not None else [])


def _control_reasons(commands: list[str], first: int, where: str) -> list[str]:
    """Refusals for .control commands from 0-based line `first`: whitelisted first words only."""
    reasons = []
    for n, line in enumerate(commands, first + 1):
        words = line.strip()
        if not words or words[0] in "*#":
            continue
        if escapes := [c for c in _ESCAPES if c in words] + ["^"] * words.startswith("^"):
            reasons.append(f"{where}line {n}: '{escapes[0]}' (escape, redirection or history) is not allowed")
            continue
        for command in words.split(";"):
            tokens = re.split(r"[\s()=,\"']+", command.strip().lower())
            if tokens[0] and tokens[0] not in ALLOWED_COMMANDS:
                reasons.append(f"{where}line {n}: the .control command '{tokens[0]}' is not allowed here")
            if bad := sorted(FORBIDDEN_WORDS.intersection(tokens[1:])):
                reasons.append(f"{where}line {n}: '{bad[0]}' runs programs or touches files: not allowed")
    return reasons


def _inspect(text: str, netlist: m.Netlist, base: Path | None, roots: list[Path], where: str, seen: set[str]):
    """Refusal reasons, and each include or `file=` path range with the absolute path checked."""
    lines = text.split("\n")
    reasons = [r for first, last in _control_blocks(lines)
               for r in _control_reasons(lines[first + 1:last], first + 1, where)]
    # ngspice reads any line starting .inc (.incxyz too) as an include: only plain forms may pass.
    plain = {st.range.start.line for st in netlist.statements if isinstance(st, (m.Include, m.LibSection))}
    reasons += [f"{where}line {n + 1}: ngspice reads this as an include; write .include <path>" for n, line
                in enumerate(lines) if line.lstrip().lower().startswith((".inc", ".lib")) and n not in plain]
    files = [(st.path, st.path_range, True) for st in netlist.includes]
    files += [(f.value.text.strip("\"'"), f.value.range, False) for st in netlist.statements
              for f in getattr(st, "params", None) or getattr(st, "fields", None) or []
              if f.kind == "assign" and f.name.lower() == "file" and f.value]
    paths = []
    for name, rng, is_include in files:
        if (target := _confined(name, base, roots)) is None:
            reasons.append(f"{where}line {rng.start.line + 1}: '{name}' is not inside the allowed "
                           f"directories ({', '.join(map(str, roots)) or 'none given'}); not read")
            continue
        paths.append((rng, target))
        if is_include and target not in seen and os.path.isfile(target):
            seen.add(target)  # included files are checked too: they may hold .control blocks
            text = Path(target).read_text(encoding="utf-8", errors="replace")
            reasons += _inspect(text, parse(text, has_title=False).netlist, Path(target).parent, roots,
                                f"{Path(target).name} ", seen)[0]
    return reasons, paths


def check_safety(netlist: str, base_dir: Path | None, allowed_dirs: list[Path]) -> list[str]:
    """Why the deck must not run (empty: safe to run). Lines are 1-based, as editors show them."""
    return _prepare(netlist, base_dir, allowed_dirs, None)[0]


def _prepare(netlist: str, base_dir, allowed_dirs, control, dump: bool = False):
    """(refusals, the deck to write, the parsed text, {line of an include: the file it reads}). Line 1 stays the title, as ngspice reads it:
    a deck that puts a statement there loses it, like the reference system's .MODEL-first outputs."""
    parsed = parse(netlist).netlist
    base = Path(base_dir) if base_dir else None
    roots = [Path(os.path.realpath(d)) for d in ([base] if base else []) + list(allowed_dirs)]
    reasons, paths = _inspect(netlist, parsed, base, roots, "", set())
    if control is not None:
        reasons += _control_reasons(control.split("\n"), 0, "control argument ")
    lines = netlist.split("\n")
    blocks = _control_blocks(lines)
    for rng, target in sorted(paths, key=lambda p: p[0].start, reverse=True):
        text = lines[rng.start.line]  # rewritten in place: line numbers do not move
        lines[rng.start.line] = f'{text[:rng.start.character]}"{target}"{text[rng.end.character:]}'
    if control is not None:
        for first, last in blocks:
            lines[first:last + 1] = ["*"] * len(lines[first:last + 1])
        lines += [".control", control.strip("\n"), "quit", ".endc"]  # quit: no second batch run
    elif dump:
        # The deck's own blocks run first, without their quit, then ours writes the plots.
        # `.save all` (unless the deck chooses) also lets `.meas ac` see vdb() in batch mode.
        for first, last in blocks:
            for n in range(first + 1, min(last, len(lines))):
                if lines[n].split()[:1] and lines[n].split()[0].lower() in ("quit", "exit"):
                    lines[n] = "*"
        saves = any(isinstance(s, m.Directive) and s.name == ".save" for s in parsed.statements)
        lines += [".save all"] * (not saves) + [".control", *["run"] * (not blocks), *_DUMP, "quit", ".endc"]
    elif parsed.analyses and not blocks and not any(
            isinstance(s, m.Directive) and s.name in (".print", ".plot") for s in parsed.statements):
        # Batch mode runs nothing without .print: run the analyses, then print the op values.
        op = [f"echo {_OP_MARK}", "setplot op1", "print all", f"echo {_END_MARK}"]
        lines += [".control", "run", *op * any(a.kind == "op" for a in parsed.analyses), "quit", ".endc"]
    return reasons, "\n".join(lines) + "\n", parsed, {rng.start.line: target for rng, target in paths}


def _limits(timeout: float, memory_mb: int, max_output_bytes: int):
    """Limits set in the child before exec. NPROC 1: ngspice needs no child or thread, so forks fail."""
    cpu, r = int(timeout) + 1, resource  # the wall-clock timeout usually acts first
    wanted = {r.RLIMIT_CPU: (cpu, cpu + 1), r.RLIMIT_AS: (memory_mb << 20,) * 2, r.RLIMIT_CORE: (0, 0),
              r.RLIMIT_FSIZE: (max_output_bytes,) * 2, r.RLIMIT_NPROC: (1, 1)}

    def apply() -> None:
        for limit, (soft, hard) in wanted.items():
            ceiling = resource.getrlimit(limit)[1]  # an unprivileged process cannot raise it
            ceiling = hard if ceiling == resource.RLIM_INFINITY else ceiling
            resource.setrlimit(limit, (min(soft, ceiling), min(hard, ceiling)))
    return apply


def _values(output: str) -> dict[str, float]:
    """`name = number` lines (print, meas) and rows of ngspice's operating-point tables."""
    values: dict[str, float] = {}
    table = op = False
    for line in output.split("\n"):
        words = line.split()
        op = (op or line.strip() == _OP_MARK) and line.strip() != _END_MARK
        if words[:2] in (["Node", "Voltage"], ["Source", "Current"]):
            table = True
        elif found := (_TABLE_ROW if table else _ASSIGNED).match(line):
            name = found.group(1).lower()
            if table or op:  # node names and `v1#branch` currents
                name = f"i({name[:-7]})" if name.endswith("#branch") else f"v({name})"
            values[name] = float(found.group(2))
        elif words and not words[0].startswith("-"):  # past the table's dashes: its end
            table = False
    return values


_MEASURE_WINDOW = re.compile(r"(?P<name>\S+)\s*=\s*\S+\s+from=\s*(?P<start>\S+)\s+to=\s*(?P<stop>\S+)")


def _first_words(path: str) -> set[str]:
    try:
        text = Path(path).read_text(encoding="utf-8", errors="replace")
    except OSError:
        return set()
    return {line.split()[0].lower() for line in text.split("\n") if line.split()}


def _errors(output: str, text: str, netlist: m.Netlist, included: dict[int, str] | None = None) -> list[SimError]:
    """Error lines of ngspice's output, each mapped to the line of the original text; an error
    in an included file (`included`: include line -> file) is blamed on its include line."""
    first_words = [line.split()[0].lower() if line.split() else "" for line in text.split("\n")]
    includes = {os.path.basename(st.path): st.range.start.line for st in netlist.includes}
    included = included or {}

    def by_name(name: str) -> int | None:
        """The element's line (`d.x1.d1` is D1 in a subcircuit); else the include whose file
        holds it; else the only include's."""
        key = name.lower().split(".")[-1]
        found = [s.range.start.line for s in netlist.statements if isinstance(s, m.Element) and s.key == key]
        found = found or [line for line, path in sorted(included.items()) if key and key in _first_words(path)]
        found = found or (list(includes.values()) if len(includes) == 1 else [])
        return found[0] if len(found) == 1 else None

    errors: list[SimError] = []
    lines = [line.strip() for line in output.split("\n")] + ["", ""]
    skip = 0
    for i, stripped in enumerate(lines):
        if skip:
            skip -= 1
        elif at := re.match(r"Error on line\s*(\d*)", stripped):  # then the statement, the message
            echo, message, skip = lines[i + 1], lines[i + 2], 2
            name = echo.split()[0] if echo else ""
            number = int(at.group(1)) - 1 if at.group(1) else -1
            # ngspice numbers the lines of the file the statement stands in: check it is ours.
            ours = 0 <= number < len(first_words) and first_words[number] == name.lower()
            line_no = number if ours else by_name(name)
            errors.append(SimError(f"{message or 'error'}: {echo}", line_no))
        elif at := re.match(r"Netlist line no\. (\d+):", stripped):  # an expression error follows
            number, skip = int(at.group(1)) - 1, 1
            line_no = number if 0 <= number < len(first_words) else None
            if errors and errors[-1].line == line_no and errors[-1].message.startswith("expression: "):
                errors[-1].message += "; " + lines[i + 1]
            else:
                errors.append(SimError("expression: " + lines[i + 1], line_no))
        elif window := _MEASURE_WINDOW.match(stripped):
            # ngspice clamps a window past the end of the run and prints a meaningless 0.
            if float(window.group("start")) > float(window.group("stop")):
                errors.append(SimError(f"measurement '{window.group('name')}' starts at "
                                       f"{window.group('start')} s, after the run ends "
                                       f"({window.group('stop')} s)", by_name(window.group("name"))))
        elif stripped.lower().startswith(("error", "fatal error", "doanalyses:")) and not _BENIGN.match(stripped):
            named = re.search(r"(?:unknown subckt:|instance)\s+(\S+)", stripped)
            include = re.search(r"could not find include file\s+(\S+)", stripped, re.IGNORECASE)
            line_no = by_name(named.group(1)) if named else \
                includes.get(os.path.basename(include.group(1).strip("\"'"))) if include else None
            errors.append(SimError(stripped, line_no))
        elif "can't allocate" in stripped:  # ngspice goes on after a failed malloc, with no error line
            errors.append(SimError(f"ngspice ran out of memory (the sandbox's limit): {stripped}", None))
    return errors


def run(netlist: str, *, base_dir: Path | None = None, allowed_dirs: list[Path] = (),
        timeout: float = 10.0, memory_mb: int = 1024, max_output_bytes: int = 2_000_000,
        control: str | None = None, dump_plots: bool = False, stop=None) -> SimulationResult:
    """Check, then run one deck in a sandbox. `control` replaces the deck's .control blocks;
    `dump_plots` runs every analysis and returns all plots in `raw`; setting the `stop` event
    (a threading.Event) kills ngspice and returns a result with `cancelled`."""
    refused, deck, parsed, included = _prepare(netlist, base_dir, allowed_dirs, control, dump_plots and control is None)
    if refused:
        return SimulationResult(False, [], refused)
    if not (ngspice := shutil.which("ngspice")):
        return SimulationResult(False, [SimError("ngspice is not installed (not found on PATH)", None)], [])
    start = time.monotonic()
    with tempfile.TemporaryDirectory(prefix="spice-lsp-") as tmp:
        Path(tmp, "deck.cir").write_text(deck, encoding="utf-8")
        Path(tmp, ".spiceinit").write_text("alias plot echo skipped\n", encoding="utf-8")
        env = {"PATH": os.environ.get("PATH", os.defpath), "HOME": tmp, "TMPDIR": tmp,
               "LC_ALL": "C", "OMP_NUM_THREADS": "1"}
        log = Path(tmp, "output.txt")
        with open(log, "wb") as out:
            proc = subprocess.Popen([ngspice, "-b", "deck.cir"], cwd=tmp, env=env, stdin=subprocess.DEVNULL,
                                    stdout=out, stderr=subprocess.STDOUT, start_new_session=True,
                                    preexec_fn=_limits(timeout, memory_mb, max_output_bytes))
            code, timed_out, cancelled = _wait(proc, timeout, stop)
        raw = log.read_bytes()[:max_output_bytes]  # the file size limit holds it near that
        plots = Path(tmp, RAW_FILE).read_bytes() if dump_plots and Path(tmp, RAW_FILE).is_file() else b""
    output = raw.decode("utf-8", errors="replace")
    errors = _errors(output, netlist, parsed, included)
    if code in (-signal.SIGXCPU, -signal.SIGKILL):  # the CPU limit, or our kill at the timeout
        timed_out = not cancelled
    elif code == -signal.SIGXFSZ or len(raw) >= max_output_bytes:
        errors.append(SimError(f"ngspice printed more than {max_output_bytes} bytes: output cut, run stopped", None))
    elif code < 0:
        errors.append(SimError(f"ngspice was killed by signal {signal.Signals(-code).name}", None))
    elif code > 1:  # 1 is usual: "no simulations run", or a deck of .control commands only
        errors.append(SimError(f"ngspice failed (exit {code}): {(output.strip() or '-').splitlines()[-1]}", None))
    return SimulationResult(not errors and not timed_out and not cancelled, errors, [], _values(output),
                            output, time.monotonic() - start, timed_out, plots, cancelled)


def _wait(proc: subprocess.Popen, timeout: float, stop) -> tuple[int, bool, bool]:
    """(exit code, timed out, cancelled): waits up to `timeout` s, polling `stop` if given."""
    deadline = time.monotonic() + timeout
    while True:
        try:
            left = deadline - time.monotonic()
            return proc.wait(timeout=max(0.0, min(left, 0.05) if stop is not None else left)), False, False
        except subprocess.TimeoutExpired:
            cancelled = stop is not None and stop.is_set()
            if cancelled or time.monotonic() >= deadline:
                os.killpg(proc.pid, signal.SIGKILL)
                return proc.wait(), not cancelled, cancelled


def measure(netlist: str, analysis: str, expression: str, **run_kwargs) -> tuple[float | None, SimulationResult]:
    """One number: `op` prints `expression`, others run `meas <ac|dc|tran> result <expression>`,
    e.g. ("ac dec 20 10 1meg", "when vdb(out)=-3") gives the -3 dB frequency; None on failure."""
    kind = analysis.split()[0].lower()
    query = f"let result = {expression}\nprint result" if kind == "op" else f"meas {kind} result {expression}"
    result = run(netlist, control=f"save all\n{analysis}\n{query}", **run_kwargs)
    return (result.values.get("result") if result.ok else None), result
