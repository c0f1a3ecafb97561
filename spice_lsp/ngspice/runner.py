"""The one sandboxed ngspice runner: the generator's verifier, the benchmark, `spice-lsp simulate`.

Two walls, each enough on its own for what it covers:
1. ngspice only reads a deck we wrote (spice_lsp.ngspice.deck): parsed and re-emitted, includes
   inlined by us from the allowed directories, no quoted strings or file paths, our own title and
   our own `.control` block made from the analyses. The user's `.control` blocks are refused
   unless `own_control="run"` opts in, and then they run only under OS isolation.
2. ngspice runs under OS isolation (spice_lsp.ngspice.isolation): bubblewrap, or a uid of its own
   when the server is root; a cleared environment, no network, resource limits, a private
   temporary directory, a timeout killing the process group (and the run's uid).
Every result says which isolation it ran under."""
from __future__ import annotations

import os
import re
import shutil
import signal
import stat
import subprocess
import tempfile
import time
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path

from spice_lsp.language import files
from spice_lsp.language import model as m
from spice_lsp.ngspice import deck as decks
from spice_lsp.ngspice import isolation

# Commands our own `control=` text may use (what runner.measure and the report write); the deck's
# own .control blocks are never screened word by word: they are not run, or run isolated.
ALLOWED_COMMANDS = frozenset("""run op ac dc tran noise tf sens pz disto sp fourier meas measure print
    let unlet set unset echo setplot display save option options linearize fft quit exit""".split())
# The one list of ngspice commands that write files or draw (the drawing ones, `plot` and
# `asciiplot`, are harmless: the .spiceinit of each run aliases `plot` away), and the forbidden
# words made from it: never in our `control=` text, and left out of a deck's own blocks when the
# simulation layer runs them (spice-lsp draws the plots itself and writes no files).
OUTPUT_COMMANDS = frozenset("write wrdata wrs2p hardcopy gnuplot xgraph plot asciiplot".split())
FORBIDDEN_WORDS = OUTPUT_COMMANDS - {"plot", "asciiplot"} | frozenset("""shell system source load cd
    sourcepath codemodel osdi pre_osdi alias edit circbyline rspice aspice snsave snload mrdump mdump""".split())
_QUOTING = set("'\"\\`!<>^$;&|")  # ngspice joins quoted pieces into a word: none in our commands
NOT_RUN = ("this .control block is not run: spice-lsp runs only the commands it writes from the analyses; "
           "to run it inside the isolated sandbox, opt in (spice-lsp simulate --run-control, or the "
           "editor option simulation.runControl)")
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
    measure: str = ""  # the .meas (lower case) a measurement error names


@dataclass
class SimulationResult:
    ok: bool  # ran, no error lines, not refused, not timed out
    errors: list[SimError]
    refused: list[decks.Refusal]  # why the deck was not run (empty when it ran)
    values: dict[str, float] = field(default_factory=dict)  # op values, print and meas results
    output: str = ""  # ngspice stdout+stderr, cut at the output limit
    seconds: float = 0.0
    timed_out: bool = False
    raw: bytes = b""  # with dump_plots: ngspice's binary rawfile of every plot (spice_lsp.simulation.rawfile reads it)
    cancelled: bool = False  # stopped through `stop`
    isolation: str = ""  # the OS isolation it ran under (isolation.METHODS); "" when not run


def _control_reasons(commands: str) -> list[decks.Refusal]:
    """Refusals for our own `control=` text: plain words of known commands only."""
    reasons = []
    for n, line in enumerate(commands.split("\n"), 1):
        words = line.strip().lower().split()
        if not words:
            continue
        if quoting := sorted(_QUOTING.intersection(line)):
            reasons.append(decks.Refusal(
                f"control argument line {n}: '{quoting[0]}' (quoting, escapes, redirection) is not allowed"))
        elif words[0] not in ALLOWED_COMMANDS:
            reasons.append(decks.Refusal(f"control argument line {n}: the command '{words[0]}' is not allowed here"))
        elif bad := sorted(FORBIDDEN_WORDS.intersection(re.split(r"[\s()=,]+", line.lower()))):
            reasons.append(decks.Refusal(
                f"control argument line {n}: '{bad[0]}' runs programs or touches files: not allowed"))
    return reasons


OWN_CONTROL = ("refuse", "drop", "run")  # what run() does with the deck's own .control blocks


def prepare(netlist: str | decks.Deck, base_dir: Path | None, allowed_dirs, control: str | None = None,
            dump: bool = False, own_control: str = "refuse") -> decks.Deck:
    """The deck ngspice will read, with the refusals. `control` replaces the deck's .control
    blocks with commands of ours; else `own_control` refuses a deck that has any, drops them
    (a caller that told the user so) or keeps them ("run": isolated runs only). `netlist` may
    be a deck decks.build wrote already (a caller running one text several times parses it
    once): it is copied, never changed; it must keep the .control blocks to run them."""
    if own_control not in OWN_CONTROL:
        raise ValueError(f"own_control is one of {', '.join(OWN_CONTROL)}, not {own_control!r}")
    own = own_control == "run" and control is None
    if isinstance(netlist, decks.Deck):
        if own and not netlist.run_control:
            raise ValueError("own_control='run' needs a deck built with run_control=True")
        deck = netlist.copy(controls=own)
    else:
        deck = decks.build(netlist, base_dir, allowed_dirs, run_control=own)
    if control is not None:
        deck.refused += _control_reasons(control)
    elif own_control == "refuse":
        deck.refused += [decks.Refusal(NOT_RUN, n) for n in deck.controls]
    if deck.refused or deck.errors:
        return deck
    statements = deck.netlist.statements
    runs_own = own and bool(deck.controls)
    if control is not None:
        deck.append(".control", *control.strip("\n").split("\n"), "quit", ".endc")  # quit: no second batch run
    elif dump:
        if runs_own:  # the deck's own blocks run first, without their quit, then ours writes the plots
            for first, last in deck.control_spans:
                for n in range(first + 1, last + 1):
                    if deck.lines[n].split()[:1] and deck.lines[n].split()[0].lower() in ("quit", "exit"):
                        deck.lines[n] = "*"
        # `.save all` (unless the deck chooses) also lets `.meas ac` see vdb() in batch mode.
        saves = any(isinstance(s, m.Directive) and s.name == ".save" for s in statements)
        deck.append(*[".save all"] * (not saves), ".control", *["run"] * (not runs_own), *_DUMP, "quit", ".endc")
    elif deck.netlist.analyses and not runs_own and not any(
            isinstance(s, m.Directive) and s.name in (".print", ".plot") for s in statements):
        # Batch mode runs nothing without .print: run the analyses, then print the op values.
        op = [f"echo {_OP_MARK}", "setplot op1", "print all", f"echo {_END_MARK}"]
        deck.append(".control", "run", *op * any(a.kind == "op" for a in deck.netlist.analyses), "quit", ".endc")
    deck.append(".end")
    return deck


def check_safety(netlist: str, base_dir: Path | None, allowed_dirs: list[Path]) -> list[decks.Refusal]:
    """Why the deck must not run as it stands (empty: it may). Lines are 1-based, as editors show them."""
    return prepare(netlist, base_dir, allowed_dirs).refused


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


def _errors(output: str, deck: decks.Deck) -> list[SimError]:
    """Error lines of ngspice's output, each mapped through the deck to the user's line (an
    included file's statement: to its include line)."""
    first_words = [line.split()[0].lower() if line.split() else "" for line in deck.lines]
    includes = [st.range.start.line for st in deck.netlist.includes]

    def origin(number: int) -> int | None:
        return deck.origins[number] if 0 <= number < len(deck.origins) else None

    def by_name(name: str) -> int | None:
        """The element's line (`d.x1.d1` is D1 in a subcircuit), else the only include's."""
        key = name.lower().split(".")[-1]
        found = {deck.origins[n] for n, word in enumerate(first_words) if key and word == key} - {None}
        found = found or set(includes[:1] if len(includes) == 1 else [])
        return found.pop() if len(found) == 1 else None

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
            ours = 0 <= number < len(first_words) and first_words[number] == name.lower()
            errors.append(SimError(f"{message or 'error'}: {echo}", origin(number) if ours else by_name(name)))
        elif at := re.match(r"Netlist line no\. (\d+):", stripped):  # an expression error follows
            line_no, skip = origin(int(at.group(1)) - 1), 1
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
            measure = re.match(r"error: measure\s+(\S+)", stripped, re.IGNORECASE)
            errors.append(SimError(stripped, by_name(named.group(1)) if named else None,
                                   measure.group(1).lower() if measure else ""))
        elif "can't allocate" in stripped:  # ngspice goes on after a failed malloc, with no error line
            errors.append(SimError(f"ngspice ran out of memory (the sandbox's limit): {stripped}", None))
    return errors


def run(netlist: str | decks.Deck, *, base_dir: Path | None = None, allowed_dirs: Sequence[Path] = (),
        timeout: float = 10.0, memory_mb: int = 1024, max_output_bytes: int = 2_000_000,
        control: str | None = None, dump_plots: bool = False, stop=None, own_control: str = "refuse",
        isolation_method: str | None = None) -> SimulationResult:
    """Write our deck for `netlist`, then run it isolated. Strict by default: a deck with its own
    .control block is refused. `control` (commands of ours) replaces the deck's blocks;
    `own_control="drop"` leaves them out, `"run"` runs them, only under OS isolation (never
    with the "none" method); `dump_plots` runs every analysis
    and returns all plots in `raw`; setting the `stop` event (a threading.Event) kills ngspice
    and returns a result with `cancelled`. `isolation_method`: one of isolation.available()
    (default: the strongest)."""
    method = isolation_method or isolation.best()
    deck = prepare(netlist, base_dir, allowed_dirs, control, dump_plots and control is None, own_control)
    if own_control == "run" and control is None and deck.controls and method == "none":
        deck.refused.append(decks.Refusal("the deck's own .control block runs only under OS isolation, and none "
                                          "works here (bubblewrap unusable, and not root); not run", deck.controls[0]))
    if deck.refused:
        return SimulationResult(False, [], deck.refused)
    if deck.errors:
        return SimulationResult(False, [SimError(message, line) for message, line in deck.errors], [])
    if not (ngspice := shutil.which("ngspice", path=isolation.PATH) or shutil.which("ngspice")):
        return SimulationResult(False, [SimError("ngspice is not installed (not found on PATH)", None)], [])
    start = time.monotonic()
    uid = isolation.sandbox_uid() if method != "none" else None
    limits = isolation.Limits(int(timeout) + 1, memory_mb, max_output_bytes)  # the wall clock usually acts first
    with tempfile.TemporaryDirectory(prefix="spice-lsp-", dir=isolation.scratch_parent()) as tmp, \
            tempfile.TemporaryFile() as log:
        Path(tmp, "deck.cir").write_text(deck.text, encoding="utf-8")
        Path(tmp, ".spiceinit").write_text("alias plot echo skipped\n", encoding="utf-8")
        for name, data in deck.data.items():  # copies of the code models' data files, read by us
            Path(tmp, name).write_bytes(data)
        try:
            proc = isolation.start([ngspice, "-b", "deck.cir"], Path(tmp), limits, method, uid,
                                   stdout=log, stderr=subprocess.STDOUT)
            code, timed_out, cancelled = _wait(proc, timeout, stop)
        finally:
            if uid is not None:  # whatever it left running, under its own uid
                isolation.kill_uid(uid)
        log.seek(0)  # our own file, not a path in the directory ngspice could swap for a link
        raw = log.read(max_output_bytes)  # the file size limit holds it near that
        plots = _written(Path(tmp, RAW_FILE), max_output_bytes) if dump_plots else b""
    output = raw.decode("utf-8", errors="replace")
    errors = _errors(output, deck)
    if code in (-signal.SIGXCPU, -signal.SIGKILL):  # the CPU limit, or our kill at the timeout
        timed_out = not cancelled
    elif code == -signal.SIGXFSZ or len(raw) >= max_output_bytes:
        errors.append(SimError(f"ngspice printed more than {max_output_bytes} bytes: output cut, run stopped", None))
    elif code < 0:
        errors.append(SimError(f"ngspice was killed by signal {signal.Signals(-code).name}", None))
    elif code > 1:  # 1 is usual: "no simulations run", or a deck of .control commands only
        errors.append(SimError(f"ngspice failed (exit {code}): {(output.strip() or '-').splitlines()[-1]}", None))
    return SimulationResult(not errors and not timed_out and not cancelled, errors, [], _values(output),
                            output, time.monotonic() - start, timed_out, plots, cancelled, method)


def _written(path: Path, limit: int) -> bytes:
    """A file ngspice wrote in its directory: regular, not a link it could have planted there
    (to /etc/shadow, for the server to read). Every process of the run is dead by now, so
    nothing swaps it between the check and the read."""
    try:
        return files.read_bytes(path, limit) if stat.S_ISREG(os.lstat(path).st_mode) else b""
    except (OSError, files.NotReadable):
        return b""


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
                isolation.kill(proc)
                return proc.wait(), not cancelled, cancelled


def measure(netlist: str, analysis: str, expression: str, **run_kwargs) -> tuple[float | None, SimulationResult]:
    """One number: `op` prints `expression`, others run `meas <ac|dc|tran> result <expression>`,
    e.g. ("ac dec 20 10 1meg", "when vdb(out)=-3") gives the -3 dB frequency; None on failure."""
    kind = analysis.split()[0].lower()
    query = f"let result = {expression}\nprint result" if kind == "op" else f"meas {kind} result {expression}"
    result = run(netlist, control=f"save all\n{analysis}\n{query}", **run_kwargs)
    return (result.values.get("result") if result.ok else None), result
