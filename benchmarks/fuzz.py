#!/usr/bin/env python3
"""Fuzzing of the core: parser, checks, units, intent parser and formatter.

Every input goes through one target and one property:

- ``document``: ``check`` (parse + every rule + includes), then document symbols, folding,
  hover / definition / references / completion at random positions, and formatting.
  Property: no exception escapes; every diagnostic range lies inside the document
  (start <= end, lines and characters within the text); formatting is idempotent and
  meaning-preserving (only blanks change, and the re-parsed statements are the same).
- ``units``: ``parse_number`` / ``is_rkm`` / ``format_eng`` / ``format_si`` on random
  strings. Property: no exception; a parsed number formats and parses back.
- ``intent``: ``parse_intent`` on random and mutated descriptions. Property: it returns an
  Intent or raises CannotServe (the documented refusal), nothing else.
- ``request``: the whole rule path short of ngspice (the request reader, refusals, design,
  the family's netlist composed with the stated elements, or a transcription) on random
  descriptions built from element statements, specs and circuit words. Property: a netlist
  with no syntax error, or CannotServe.

Document inputs come from four generators: random bytes (decoded with ``replace`` and with
``surrogateescape``, which leaves lone surrogates a JSON string can carry), invalid UTF-8
sequences, grammar-shaped random netlists, and mutations of the real ngspice example corpus
(``.cache/ngspice-src``, see benchmarks/ngspice_corpus.py; the parser fixtures stand in when
it is absent, and the JSON says which corpus was used).

Usage::

    python -m benchmarks.fuzz --inputs 1000000 [--seed 1] [--workers 1] [--out .cache/bench/fuzz.json]
    python -m benchmarks.fuzz --atheris 100000   # coverage-guided (atheris/libFuzzer), seeded with the corpus

Prints inputs tried and failures per target and generator, writes them as JSON, and exits 1
when anything failed (the first failing inputs are kept in the JSON, repr'd, to become
regression tests).
"""
from __future__ import annotations

import argparse
import json
import math
import multiprocessing
import random
import re
import sys
import time
import traceback
from collections import Counter
from collections.abc import Callable
from pathlib import Path

from spice_lsp.editor import features
from spice_lsp.generation import pipeline
from spice_lsp.generation.intent import parse_intent
from spice_lsp.generation.pipeline import CannotServe
from spice_lsp.language import model as m
from spice_lsp.language.checks import check
from spice_lsp.language.parser import parse
from spice_lsp.language.units import format_eng, format_si, is_rkm, parse_number

ROOT = Path(__file__).resolve().parents[1]
CORPUS_DIRS = [ROOT / ".cache" / "ngspice-src"]
FIXTURES = [ROOT / "tests" / "data" / "parser", ROOT / "tests" / "data" / "checks",
            ROOT / "tests" / "data" / "features", ROOT / "tests" / "data" / "server"]
NETLIST_SUFFIXES = {".cir", ".sp", ".spice", ".net", ".ckt", ".inc", ".lib", ".mod", ".deck", ".spi"}
KEEP_FAILURES = 20  # failing inputs kept in the JSON per run
MAX_CORPUS_LINES = 80  # a mutated input is a window of at most this many lines of one file

# Share of inputs per target: documents are the point; units and intent are cheap.
TARGET_WEIGHTS = {"document": 0.55, "units": 0.2, "intent": 0.1, "request": 0.15}
DOCUMENT_GENERATORS = ("random_bytes", "invalid_utf8", "grammar", "corpus_mutation")

# Pieces of SPICE that mutations and the grammar generator splice in.
TOKENS = [
    ".subckt", ".ends", ".model", ".param", ".func", ".include", ".lib", ".endl", ".control",
    ".endc", ".end", ".tran", ".ac", ".dc", ".op", ".meas", ".option", ".global", ".if", ".else",
    ".endif", ".temp", ".save", ".print", "+", "*", ";", "$", "//", "{", "}", "(", ")", "[", "]",
    "=", ",", "'", '"', "\\", "\\\n", "\n", "\n+", "\r\n", "\r", "\t", "\x00", "\x0b", "\x0c",
    "\ufeff", "µ", "μ", "Ω", "°", "é", "\u2028", "\U0001f600", "\ud800", "0", "gnd", "2k2", "1e999",
    "-1e-999", "1meg", "1mil", "nan", "inf", "PULSE(0 1 0 1n 1n 1u 2u)", "SIN(0 1 1k)", "AC 1",
    "DC", "{a*b}", "'a+'", "V(out)", "I(V1)", "x=", "=y", "XU1", "Q1", "M1", "D1", "nmos",
    "level=1", "w=1u", "l=1u", "(", "((((", "))))", "{{{{", "}}}}", "..", ".", "-", "e", "k",
]
ALPHABET = "abcdefghijklmnopqrstuvwxyz0123456789 .+-*/=(){}[]'\",;$\\\t\n_!@#%^&|<>?:~`µΩ\x00\r"
INCLUDE_NAMES = ["models.inc", "missing.lib", ".", "..", "/dev/zero", "/etc/passwd", "",
                 "../../../../etc/shadow", "\x00x", "a\\b", "~/x.lib", "dir/", "'q.inc'"]
LETTERS = "RCLVIDQMJKXEFGHBSWTOUZYAPN"
VALUES = ["1k", "2k2", "4.7u", "1meg", "10", "0", "-1", "1e-12", "0.47µF", "10kΩ", "{r1}",
          "'2*x'", "abc", "1.2.3", "", "1e308", "1e-400", "NaN", "1k5", "5V", "3mA", "100p"]
ENGINEERING_SUFFIXES = ["", "f", "p", "n", "u", "µ", "m", "k", "meg", "g", "t", "mil", "x", "a", "e", "e+", "e-3"]
DESCRIBE_WORDS = [
    "RC", "low-pass", "high-pass", "filter", "R=1k", "C=100n", "L=1uH", "W=10u", "L=1u", "gain",
    "of", "20", "dB", "AC", "sweep", "1Hz-100MHz", "to", "1", "MHz", "transient", "for", "5ms",
    "common-source", "NMOS", "amplifier", "RD=10k", "VDD=5V", "op-amp", "inverting", "buck",
    "converter", "Vin=12V", "Vout=5V", "zener", "2k2", "0.47µF", "ten", "kilo", "ohm", "Ω", "µ",
    "-", "=", ",", "(", ")", "1e999", "0", "-5", "bridge", "sensor", "oscillator", "555",
    "differential", "pair", "mirror", "CMOS", "inverter", "NAND", "rectifier", "diode", "BJT",
    "temperature", "-40C", "to", "125C", "DC", "sweep", "0", "to", "0", "V", "describe:",
    "R1 = 10k from in to mid", "a 4.7k resistor R2 between mid and out", "C1 (100 nF) from out to ground",
    "diode D1, anode at a, cathode to ground", "RF = 20k from node n to out", "VCVS E1, gain 1e6",
    "cutoff 3.3 kHz", "gain of -4.7", "oscillates at 1 kHz", "3.3 V out", "notch at 60 Hz", "Q of 5",
    "DC input 0.3 V at in", "AC magnitude 0.5 V", "output node vout", "input at node a", "IS=1e-14",
    "N=1.8", "BF=200", "Colpitts", "Schmitt trigger", "R-2R", "Butterworth", "4k7", "3k-ish", "meg",
]


# ---------------------------------------------------------------------------------------
# Generators


def load_corpus(max_files: int | None = None) -> tuple[list[list[str]], str]:
    """Lines of every netlist of the ngspice corpus (else of the test fixtures), and its name."""
    for directory in CORPUS_DIRS:
        trees = [t for top in ("examples", "tests") for t in directory.glob(f"*/{top}")] \
            if directory.is_dir() else []
        files = sorted(p for t in trees for p in t.rglob("*") if p.is_file() and p.suffix.lower() in NETLIST_SUFFIXES)
        if files:
            texts = [p.read_bytes().decode("utf-8", "replace").split("\n") for p in files[:max_files]]
            return texts, f"{directory.relative_to(ROOT)} ({len(texts)} files)"
    texts = [p.read_text().split("\n") for d in FIXTURES for p in sorted(d.glob("*"))
             if p.suffix.lower() in NETLIST_SUFFIXES]
    return texts, f"test fixtures ({len(texts)} files; the ngspice corpus was not found)"


def random_bytes(rng: random.Random, corpus) -> str:
    data = bytes(rng.getrandbits(8) for _ in range(rng.randint(0, 300)))
    if rng.random() < 0.3:  # mostly text-like bytes, which get further into the grammar
        data = bytes(rng.choice(b"RCLVX.0123456789kmun \t\n+*(){}=") if rng.random() < 0.7 else b
                     for b in data)
    return data.decode("utf-8", rng.choice(["replace", "surrogateescape"]))


def invalid_utf8(rng: random.Random, corpus) -> str:
    """A netlist with invalid UTF-8 sequences (overlong, truncated, surrogates) in it."""
    base = "\n".join(rng.choice(corpus)[:MAX_CORPUS_LINES]).encode()
    bad = [b"\xc0\xaf", b"\xe0\x80", b"\xed\xa0\x80", b"\xf4\x90\x80\x80", b"\xff", b"\xfe", b"\x80",
           b"\xf0\x9f", b"\xc3", b"\x00"]
    for _ in range(rng.randint(1, 8)):
        i = rng.randint(0, len(base))
        base = base[:i] + rng.choice(bad) + base[i:]
    return base.decode("utf-8", rng.choice(["replace", "surrogateescape"]))


def _node(rng: random.Random) -> str:
    return rng.choice(["0", "gnd", "in", "out", "a", "b", "n1", "vdd", "x.y", "1", "-", "n" * rng.randint(1, 40)])


def grammar(rng: random.Random, corpus) -> str:
    """A random netlist shaped by SPICE's grammar: elements, models, nested subcircuits, params,
    includes, control blocks, continuations; some pieces deliberately wrong."""
    lines = [rng.choice(["title", "* comment title", "", ".title x", "R1 a 0 1k"])]
    depth = 0
    subckts: list[str] = []
    for _ in range(rng.randint(0, 40)):
        kind = rng.random()
        if kind < 0.45:
            letter = rng.choice(LETTERS)
            nodes = " ".join(_node(rng) for _ in range(rng.randint(0, 5)))
            extra = rng.choice(["", rng.choice(subckts) if subckts else "sub", "nmos", "dmod", "PULSE(0 1 0 1n)",
                                "AC 1", "DC 5", "w=1u l=1u", "gain=2", "poly(2) a b 0 1"])
            lines.append(f"{letter}{rng.randint(0, 99)} {nodes} {rng.choice(VALUES)} {extra}".rstrip())
        elif kind < 0.55:
            name = f"s{rng.randint(0, 9)}"
            subckts.append(name)
            lines.append(f".subckt {name} " + " ".join(_node(rng) for _ in range(rng.randint(0, 4)))
                         + rng.choice(["", " params: k=1", " r=2"]))
            depth += 1
        elif kind < 0.62 and depth:
            lines.append(rng.choice([".ends", ".ends " + (subckts[-1] if subckts else "")]))
            depth -= 1
        elif kind < 0.68:
            lines.append(f".model {rng.choice(['nmos', 'dmod', 'q1', 'sw'])} "
                         f"{rng.choice(['nmos', 'pmos', 'd', 'npn', 'sw', 'r', 'bogus'])}"
                         + rng.choice(["", " (vto=1 kp=2m)", " level=1 is=1e-14", " ("]))
        elif kind < 0.72:
            lines.append(f".param {rng.choice(['r1', 'x', 'k'])}={rng.choice(VALUES)}")
        elif kind < 0.75:
            lines.append(f".{rng.choice(['include', 'inc', 'lib'])} {rng.choice(INCLUDE_NAMES)}"
                         + rng.choice(["", " tt"]))
        elif kind < 0.78:
            lines += [".control", rng.choice(["run", "print v(out)", "let x = 1", "shell ls", "set x"]), ".endc"][
                :rng.randint(1, 3)]
        elif kind < 0.85:
            lines.append(rng.choice([".tran 1n 1u", ".ac dec 10 1 1meg", ".dc v1 0 5 0.1", ".op", ".tran",
                                     ".ac lin", ".meas tran t1 trig v(a) val=1 rise=1", ".temp 27", ".nodeset"]))
        elif kind < 0.9:
            lines.append("+ " + " ".join(rng.choice(VALUES) for _ in range(rng.randint(0, 3))))
        else:
            lines.append(rng.choice(["*", "; x", "", "  ", ".end", ".endl", ".endc", ".ends",
                                     rng.choice(TOKENS)]))
    lines += [".ends"] * (depth if rng.random() < 0.5 else 0)
    lines += [".end"] if rng.random() < 0.7 else []
    return rng.choice(["\n", "\n", "\r\n"]).join(lines)


def mutate(rng: random.Random, text: str) -> str:
    """A few random edits: insert, delete, replace, duplicate, splice tokens or characters."""
    for _ in range(rng.randint(1, 6)):
        i = rng.randint(0, len(text))
        op = rng.random()
        if op < 0.3:
            text = text[:i] + rng.choice(TOKENS) + text[i:]
        elif op < 0.5:
            text = text[:i] + "".join(rng.choice(ALPHABET) for _ in range(rng.randint(1, 4))) + text[i:]
        elif op < 0.7:
            text = text[:i] + text[i + rng.randint(1, 12):]
        elif op < 0.8:
            j = rng.randint(0, len(text))
            text = text[:i] + text[min(i, j):max(i, j)] + text[i:]
        elif op < 0.9:
            text = text[:i] + chr(rng.choice([rng.randint(0, 0x7f), rng.randint(0x80, 0xffff),
                                              rng.randint(0x10000, 0x10ffff)])) + text[i:]
        else:
            lines = text.split("\n")
            a, b = rng.randrange(len(lines)), rng.randrange(len(lines))
            lines[a], lines[b] = lines[b], lines[a]
            text = "\n".join(lines)
    return text


def corpus_mutation(rng: random.Random, corpus) -> str:
    lines = rng.choice(corpus)
    start = 0 if rng.random() < 0.5 or len(lines) <= MAX_CORPUS_LINES else rng.randrange(len(lines) - MAX_CORPUS_LINES)
    window = lines[start:start + MAX_CORPUS_LINES]
    if rng.random() < 0.2:  # splice in lines of another file
        other = rng.choice(corpus)
        window += rng.sample(other, min(5, len(other)))
    return mutate(rng, "\n".join(window))


def random_units_text(rng: random.Random) -> str:
    r = rng.random()
    if r < 0.5:
        mantissa = rng.choice([str(rng.randint(0, 10 ** rng.randint(0, 12))),
                               f"{rng.uniform(-1e3, 1e3):.{rng.randint(0, 8)}f}",
                               f"{rng.randint(1, 9)}e{rng.randint(-400, 400)}", ".5", "-.5e", "1.", "0x10"])
        return mantissa + rng.choice(ENGINEERING_SUFFIXES) + rng.choice(["", "", "F", "Ohm", "V", "Hz", "Ω", "s", "%"])
    if r < 0.7:
        return f"{rng.randint(0, 99)}{rng.choice('rkmgtunpfRKMU')}{rng.randint(0, 99)}"
    return "".join(rng.choice(ALPHABET) for _ in range(rng.randint(0, 20)))


def random_description(rng: random.Random) -> str:
    words = [rng.choice(DESCRIBE_WORDS) for _ in range(rng.randint(0, 25))]
    text = rng.choice([" ", ", ", " "]).join(words)
    return mutate(rng, text) if text and rng.random() < 0.3 else text


GENERATORS = {"random_bytes": random_bytes, "invalid_utf8": invalid_utf8, "grammar": grammar,
              "corpus_mutation": corpus_mutation}


# ---------------------------------------------------------------------------------------
# Properties


class PropertyFailed(AssertionError):
    pass


def _require(condition: bool, message: str) -> None:
    if not condition:
        raise PropertyFailed(message)


def range_inside(rng_: m.Range, lines: list[str]) -> bool:
    s, e = rng_
    return (0 <= s.line < len(lines) and 0 <= e.line < len(lines) and s <= e
            and 0 <= s.character <= len(lines[s.line]) and 0 <= e.character <= len(lines[e.line]))


_TRAILING_BLANKS = re.compile(r"[ \t]+(?=\r?\n)")


def statements_meaning(text: str) -> list:
    """What a netlist says: each statement's kind, name and field texts. A field continued on
    the next line (`{a \n+ b}`) may lose the blanks before the line break: ngspice joins
    continuation lines with a blank, so they never mattered."""
    out = []
    for st in parse(text).netlist.statements:
        fields = getattr(st, "fields", None)
        out.append((type(st).__name__, getattr(st, "name", ""),
                    [_TRAILING_BLANKS.sub("", f.text) for f in fields] if fields is not None else None))
    return out


_BLANKS = re.compile(r"[ \t]+")


def check_document(text: str, rng: random.Random, positions: int = 3) -> None:
    """The document property; raises on any violation."""
    result = check(text)
    lines = text.split("\n")
    for d in result.diagnostics:
        _require(range_inside(d.range, lines), f"diagnostic range outside the document: {d}")
    features.document_symbols(result)
    features.folding_ranges(result)
    for _ in range(positions):
        line = rng.randrange(len(lines) + 2)  # past the end too, as a client may ask
        character = rng.randrange(len(lines[line]) + 3) if line < len(lines) else rng.randrange(5)
        pos = m.Position(line, character)
        line_text = lines[line] if line < len(lines) else ""
        features.hover(result, pos)
        features.definition(result, pos)
        features.references(result, pos)
        features.completion(result, line_text, pos)
    once = features.format_document(text, result)
    twice = features.format_document(once, check(once))
    _require(once == twice, "formatting is not idempotent")
    _require(_BLANKS.sub("", once) == _BLANKS.sub("", text), "formatting changed more than blanks")
    _require(len(once.split("\n")) == len(lines), "formatting changed the number of lines")
    _require(statements_meaning(once) == statements_meaning(text), "formatting changed the statements")


def check_units(text: str, rng: random.Random) -> None:
    value = parse_number(text)
    is_rkm(text)
    if value is not None and math.isfinite(value):
        for fmt in (format_eng, format_si):
            shown = fmt(value, rng.choice(["", "F", "Ω"]))
            _require(isinstance(shown, str) and shown != "", f"{fmt.__name__}({value!r}) gave {shown!r}")
        back = parse_number(format_eng(value).replace(" ", "").replace("µ", "u"))
        _require(back is not None and math.isclose(back, value, rel_tol=1e-3, abs_tol=1e-300),
                 f"format_eng({value!r}) does not parse back: {back!r}")


def check_request(text: str, rng: random.Random) -> None:
    try:
        build = pipeline._build(pipeline.clean_description(text))
    except CannotServe:
        return  # the documented refusal
    errors = [d for d in parse(build.netlist).diagnostics if d.code == "SP001"]
    _require(not errors, f"the built netlist has a syntax error: {errors[:1]}\n{build.netlist}")


def check_intent(text: str, rng: random.Random) -> None:
    try:
        parse_intent(text)
    except CannotServe:
        pass  # the documented refusal of a description with no recognisable circuit


# ---------------------------------------------------------------------------------------
# Runner


def run(inputs: int, seed: int, corpus=None, time_limit: float | None = None,
        only: list[str] | None = None) -> dict:
    """Fuzz `inputs` inputs from `seed`; counts per target/generator and the first failures."""
    rng = random.Random(seed)
    corpus = corpus if corpus is not None else load_corpus()[0]
    tried: Counter[str] = Counter()
    failed: Counter[str] = Counter()
    failures: list[dict] = []
    start = time.monotonic()
    chosen = {t: w for t, w in TARGET_WEIGHTS.items() if not only or t in only}
    targets, weights = list(chosen), list(chosen.values())
    for _ in range(inputs):
        if time_limit is not None and time.monotonic() - start > time_limit:
            break
        target = rng.choices(targets, weights)[0]
        prop: Callable[[str, random.Random], None]
        if target == "document":
            generator = rng.choice(DOCUMENT_GENERATORS)
            text = GENERATORS[generator](rng, corpus)
            prop = check_document
        elif target == "units":
            generator, text, prop = "random", random_units_text(rng), check_units
        elif target == "request":
            generator, text, prop = "random", random_description(rng), check_request
        else:
            generator, text, prop = "random", random_description(rng), check_intent
        key = f"{target}/{generator}"
        tried[key] += 1
        try:
            prop(text, rng)
        except Exception as error:  # noqa: BLE001 - the point is to catch anything
            failed[key] += 1
            if len(failures) < KEEP_FAILURES:
                failures.append({"target": key, "input": repr(text), "error": repr(error),
                                 "traceback": traceback.format_exc(limit=-3)})
    return {"tried": dict(tried), "failed": dict(failed), "failures": failures,
            "seconds": time.monotonic() - start}


def _worker(args) -> dict:
    inputs, seed, time_limit, only = args
    return run(inputs, seed, time_limit=time_limit, only=only)


def merge(results: list[dict]) -> dict:
    tried: Counter[str] = Counter()
    failed: Counter[str] = Counter()
    failures: list[dict] = []
    for r in results:
        tried.update(r["tried"])
        failed.update(r["failed"])
        failures += r["failures"]
    return {"tried": dict(sorted(tried.items())), "failed": dict(sorted(failed.items())),
            "failures": failures[:KEEP_FAILURES]}


def atheris_worker(argv: list[str]) -> None:
    """libFuzzer's loop (never returns): the document property on bytes atheris mutates,
    decoded as the server would receive them. An exception is a crash: libFuzzer saves the
    input as crash-<sha1> in the working directory and exits non-zero."""
    import atheris  # optional: pip install atheris

    atheris.instrument_all()  # every module already imported, spice_lsp included

    def one(data: bytes) -> None:
        check_document(data.decode("utf-8", "surrogateescape"), random.Random(len(data)), positions=2)
    atheris.Setup([sys.argv[0], *argv], one)
    atheris.Fuzz()


def run_atheris(runs: int, seed: int, corpus: list[list[str]], out_dir: Path) -> dict:
    """Run atheris in a child process for `runs` inputs, seeded with corpus files."""
    import subprocess
    import tempfile
    with tempfile.TemporaryDirectory(prefix="spice-lsp-atheris-") as tmp:
        seeds = Path(tmp, "seeds")
        seeds.mkdir()
        for i, lines in enumerate(corpus[:200]):
            Path(seeds, f"seed{i}.cir").write_text("\n".join(lines[:MAX_CORPUS_LINES]), errors="surrogateescape")
        started = time.monotonic()
        proc = subprocess.run([sys.executable, "-m", "benchmarks.fuzz", "--atheris-worker", f"-runs={runs}",
                               f"-seed={seed}", "-max_len=4096", f"-artifact_prefix={out_dir}/", str(seeds)],
                              cwd=ROOT, capture_output=True, text=True, errors="replace")
        done = re.search(r"Done (\d+) runs", proc.stderr)
        crashed = proc.returncode != 0
        return {"tried": {"document/atheris": int(done.group(1)) if done else runs},
                "failed": {"document/atheris": 1} if crashed else {},
                "failures": [{"target": "document/atheris", "input": "(see artifacts in " + str(out_dir) + ")",
                              "error": proc.stderr[-2000:], "traceback": ""}] if crashed else [],
                "seconds": time.monotonic() - started, "coverage": re.findall(r"cov: (\d+)", proc.stderr)[-1:]}


def main(argv: list[str] | None = None) -> int:
    argv = sys.argv[1:] if argv is None else argv
    if argv[:1] == ["--atheris-worker"]:
        atheris_worker(argv[1:])
        return 0
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--inputs", type=int, default=100_000, help="inputs to try in all")
    ap.add_argument("--seed", type=int, default=1, help="first seed (worker k uses seed + k, chunk by chunk)")
    ap.add_argument("--workers", type=int, default=1, help="processes (default 1)")
    ap.add_argument("--chunk", type=int, default=20_000, help="inputs per chunk (progress is printed per chunk)")
    ap.add_argument("--time-limit", type=float, default=None, help="stop after this many seconds; report what ran")
    ap.add_argument("--target", action="append", choices=list(TARGET_WEIGHTS), default=None,
                    help="fuzz only this target (repeat for several); default: all, weighted")
    ap.add_argument("--atheris", type=int, default=0, metavar="RUNS",
                    help="instead: coverage-guided fuzzing with atheris for RUNS inputs (pip install atheris)")
    ap.add_argument("--out", type=Path, default=None,
                    help="JSON report (default .cache/bench/fuzz.json, or fuzz-atheris.json with --atheris)")
    args = ap.parse_args(argv)
    args.out = args.out or ROOT / ".cache" / "bench" / ("fuzz-atheris.json" if args.atheris else "fuzz.json")

    corpus, corpus_name = load_corpus()
    chunks = [(min(args.chunk, args.inputs - i), args.seed + k)
              for k, i in enumerate(range(0, args.inputs, args.chunk))]
    start = time.monotonic()
    results: list[dict] = []

    def report(final: bool) -> dict:
        merged = merge(results)
        summary = {"command": "python -m benchmarks.fuzz " + " ".join(argv),
                   "corpus": corpus_name, "seeds": [s for _, s in chunks[:len(results)]],
                   "inputs_requested": args.inputs, "inputs_tried": sum(merged["tried"].values()),
                   "failures_found": sum(merged["failed"].values()), "seconds": round(time.monotonic() - start, 1),
                   "complete": final, **merged}
        args.out.parent.mkdir(parents=True, exist_ok=True)
        args.out.write_text(json.dumps(summary, indent=2))
        return summary

    def remaining() -> float | None:
        return None if args.time_limit is None else max(0.0, args.time_limit - (time.monotonic() - start))

    if args.atheris:
        results.append(run_atheris(args.atheris, args.seed, corpus, args.out.parent))
    elif args.workers > 1:
        with multiprocessing.Pool(args.workers) as pool:
            for r in pool.imap_unordered(_worker, [(n, s, args.time_limit, args.target) for n, s in chunks]):
                results.append(r)
                s = report(False)
                print(f"{s['inputs_tried']:>9} inputs, {s['failures_found']} failures, {s['seconds']} s", flush=True)
    else:
        for n, s in chunks:
            if remaining() == 0.0:
                break
            results.append(run(n, s, corpus, remaining(), args.target))
            summary = report(False)
            print(f"{summary['inputs_tried']:>9} inputs, {summary['failures_found']} failures, "
                  f"{summary['seconds']} s", flush=True)
    summary = report(True)
    print(f"\ncorpus: {corpus_name}")
    print(f"{'target/generator':<28}{'inputs':>10}{'failures':>10}")
    for key, count in summary["tried"].items():
        print(f"{key:<28}{count:>10}{summary['failed'].get(key, 0):>10}")
    print(f"{'total':<28}{summary['inputs_tried']:>10}{summary['failures_found']:>10}")
    for f in summary["failures"][:5]:
        print(f"\nFAILED {f['target']}: {f['error']}\n  input: {f['input'][:300]}")
    print(f"\nwritten to {args.out}")
    return 1 if summary["failures_found"] else 0


if __name__ == "__main__":
    sys.exit(main())
