"""Build the real-netlist corpus shipped in spice_lsp/generation/data/: converted, sized, simulated.

    .venv/bin/python -m training.corpus \\
        --analoggenie /work/.mirror/xz-group+AnalogGenie/repo \\
        --analoggym /work/.mirror/CODA-Team+AnalogGym/repo \\
        --ngspice-src .cache/ngspice-src --out spice_lsp/generation/data

Sources (each licence is read from the source's own files before anything is kept):
  analoggenie  xz-group/AnalogGenie (MIT), a git repository (a bare one from the search tool's fetch
               is fine): Dataset/<n>/<n>.cir, unsized Spectre-style topologies, with Port<n>.txt and
               the book/paper chapters of Dataset/data_categorization.md. Each is converted to ngspice
               syntax, sized with defaults (level-1 MOS and textbook BJT cards, fixed W/L, R, C, L),
               given a testbench on its ports (a supply, bias, inputs, clocks) and one analysis beside
               the operating point: ac, or tran when the circuit is clocked or oscillates.
  analoggym    CODA-Team/AnalogGym (BSD-3-Clause), a git repository: the sized SKY130 op amps of
               AnalogGym/Amplifier (spice_netlist/ + design_variables/), their FETs as the same level-1
               cards at the designed W/L/m, in an open-loop testbench (unity DC feedback), op and ac.
  ngspice      examples/ and tests/ of Debian's ngspice source package (modified BSD; unpacked by
               `make corpus-src`): includes inlined, .control blocks dropped (their analysis commands
               become dot cards), .plot turned into .print, and a .print added per analysis.
Every entry must pass the runner's safety check and simulate in the sandboxed ngspice
(spice_lsp.ngspice.runner) with its analyses producing output; what fails is counted by reason.
A deck that does not converge is tried once more with `.options rshunt=1e9` (a resistor from every
node to ground: switched-capacitor nodes have no DC path); the entry's checks say so.

Outputs under --out: corpus.jsonl.gz (the entries), corpus.embeddings.npz (float16 MiniLM vectors of
the descriptions with the data file's hash; `--embeddings false` skips them), corpus_config.json (the
resolved arguments, counts and failure reasons) and NOTICE (each source's licence text).
"""
from __future__ import annotations

import fnmatch
import gzip
import hashlib
import json
import re
import subprocess
import time
from collections import Counter
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path

from spice_lsp.language import model as m
from spice_lsp.language.elements import KINDS
from spice_lsp.language.parser import parse
from spice_lsp.ngspice import runner

from .common import UsageError, cli, parse_args, save_config

ANALOGGENIE_URL = "https://github.com/xz-group/AnalogGenie"
NGSPICE_URL = "https://sourceforge.net/projects/ngspice (Debian source package ngspice)"
DECK_EXTENSIONS = (".cir", ".sp", ".net", ".spi", ".deck")  # as benchmarks/ngspice_corpus.py


@dataclass
class CorpusArguments:
    analoggenie: str = field(default="", metadata={"help": "AnalogGenie git repository (bare or not); empty: skip"})
    analoggym: str = field(default="", metadata={"help": "AnalogGym git repository (bare or not); empty: skip"})
    ngspice_src: str = field(default=".cache/ngspice-src", metadata={
        "help": "Debian's unpacked ngspice source (benchmarks/fetch_ngspice_corpus.sh); empty: skip"})
    out: str = field(default="spice_lsp/generation/data", metadata={"help": "output directory"})
    vdd: float = field(default=3.3, metadata={"help": "supply voltage of the AnalogGenie testbenches (V)"})
    timeout: float = field(default=8.0, metadata={"help": "ngspice time limit per deck (s)"})
    jobs: int = field(default=2, metadata={"help": "decks simulated at once"})
    max_chars: int = field(default=40_000, metadata={"help": "longest netlist kept (characters)"})
    limit: int = field(default=0, metadata={"help": "at most this many decks per source (0: all); for trials"})
    embeddings: bool = field(default=True, metadata={"help": "write the descriptions' float16 embeddings"})


class Reject(Exception):
    """A deck left out, with the reason counted in the build report."""


# ---------------------------------------------------------------------------------------------
# AnalogGenie: Spectre-style topologies -> sized ngspice decks with a testbench

MODELS = """.model nch nmos level=1 vto=0.5 kp=200u gamma=0.4 phi=0.7 lambda=0.1 tox=9n cgso=0.2n cgdo=0.2n cj=0.5m
.model pch pmos level=1 vto=-0.5 kp=80u gamma=0.4 phi=0.7 lambda=0.1 tox=9n cgso=0.2n cgdo=0.2n cj=0.5m
.model qnpn npn is=1e-16 bf=100 vaf=80 cje=0.5p cjc=0.3p tf=0.3n
.model qpnp pnp is=1e-16 bf=50 vaf=50 cje=0.5p cjc=0.3p tf=0.5n
.model dmod d is=1e-14 rs=10 cjo=0.5p"""
# Spectre primitive -> (ngspice letter, what follows the nodes): the default model and size.
PRIMITIVES = {
    "nmos4": ("M", "nch W=2u L=0.5u"), "pmos4": ("M", "pch W=4u L=0.5u"),
    "npn": ("Q", "qnpn"), "pnp": ("Q", "qpnp"), "diode": ("D", "dmod"),
    "resistor": ("R", "10k"), "capacitor": ("C", "1p"), "inductor": ("L", "10n"),
}
_INSTANCE = re.compile(r"^(\S+)\s*\(([^)]*)\)\s*(\S+)")
_PORT_ROLES = [  # (name pattern, role): the first match wins
    (r"vdd\d*$", "supply"), (r"vss\d*$", "ground"),
    (r"(vout|iout|vif|logicq)\w*$", "output"),
    (r"(vclk|vckl|vtrack|vhold|vlatch)\d*$", "clock"), (r"vlo\d*$", "oscillator"),
    (r"(vin|vrf|in)\d*$", "input"), (r"iin\d*$", "current input"),
    (r"(ib|iref)\d*$", "bias current"), (r"(vb|vref|vcm|vbb)\d*$", "bias voltage"),
    (r"vcont\d*$", "control voltage"), (r"v?logic\w*$", "logic input"),
]
OSCILLATING = ("oscillator", "vco", "phase-locked", "phase locked", "synthesizer")


def port_role(port: str) -> str:
    return next((role for pattern, role in _PORT_ROLES if re.match(pattern, port.lower())), "other")


@dataclass
class Device:
    name: str  # as the Spectre netlist names it (names repeat there)
    kind: str  # the Spectre primitive or subcircuit
    nodes: list[str]


def spectre_cells(text: str) -> tuple[dict[str, tuple[list[str], list[Device]]], list[Device]]:
    """({subcircuit: (ports, devices)}, top-level devices), node names lower case; VSS is ground (0)
    at the top level (the supply's return), a port inside subcircuits."""
    cells: dict[str, tuple[list[str], list[Device]]] = {}
    top: list[Device] = []
    current: str | None = None
    for line in text.splitlines():
        line = line.split("//")[0].strip()
        words = line.split()
        if not words:
            continue
        if words[0] == "subckt":
            current = words[1]
            cells[current] = ([w.lower() for w in words[2:]], [])
        elif words[0] == "ends":
            current = None
        elif match := _INSTANCE.match(line):
            nodes = ["0" if n.lower() == "vss" and not current else n.lower() for n in match[2].split()]
            device = Device(match[1], match[3], nodes)
            (cells[current][1] if current else top).append(device)
        else:
            raise Reject(f"unreadable Spectre line: {line.split()[0]}")
    return cells, top


def _card(device: Device, number: Counter, cells) -> str:
    if device.kind in PRIMITIVES:
        letter, tail = PRIMITIVES[device.kind]
    elif device.kind in cells:
        letter, tail = "X", device.kind.lower()
    else:
        raise Reject(f"unknown device type {device.kind}")
    number[letter] += 1  # Spectre names repeat (MM2 twice) and carry no ngspice letter
    return f"{letter}{number[letter]} {' '.join(device.nodes)} {tail}"


def _terminals(device: Device) -> dict[str, str]:
    """Role -> node for a transistor: d/g/s (a BJT's c/b/e read the same way)."""
    if device.kind in ("nmos4", "pmos4", "npn", "pnp") and len(device.nodes) >= 3:
        return dict(zip("dgs", device.nodes))
    return {}


# hint -> (singular, plural)
HINTS = {"diff": ("a differential pair", "differential pairs"), "mirror": ("a current mirror", "current mirrors"),
         "cross": ("a cross-coupled pair", "cross-coupled pairs"), "inverter": ("a CMOS inverter", "CMOS inverters"),
         "cascode": ("a cascode", "cascodes"), "lc": ("an LC network", "LC networks"),
         "miller": ("a compensation capacitor between gain stages", "compensation capacitors between gain stages"),
         "feedback": ("resistive feedback from the output", "resistive feedback paths from the output"),
         "switch": ("clocked switches", "clocked switches")}


def topology_hints(devices: list[Device], ports: list[str]) -> list[str]:
    """Classic structures found in the connections, in plain words, each counted once per node."""
    transistors = [(d, _terminals(d)) for d in devices if _terminals(d)]
    polarity = {d.name: "n" if d.kind in ("nmos4", "npn") else "p" for d, _ in transistors}
    supplies = {"0", "vdd"}
    found: dict[str, set] = {k: set() for k in HINTS}
    for i, (a, ta) in enumerate(transistors):
        for b, tb in transistors[i + 1:]:
            same = polarity[a.name] == polarity[b.name]
            if same and ta["s"] == tb["s"] and ta["s"] not in supplies and ta["g"] != tb["g"] and ta["d"] != tb["d"]:
                found["diff"].add(ta["s"])  # the shared tail node
            if same and ta["g"] == tb["g"] and (ta["g"] == ta["d"]) != (tb["g"] == tb["d"]):
                found["mirror"].add(ta["g"])
            if same and ta["g"] == tb["d"] and tb["g"] == ta["d"] and ta["g"] != ta["d"]:
                found["cross"].add(frozenset((ta["g"], tb["g"])))
            if not same and ta["g"] == tb["g"] and ta["d"] == tb["d"] and {ta["s"], tb["s"]} == supplies:
                found["inverter"].add(ta["d"])
            for x, y in ((ta, tb), (tb, ta)):
                if same and x["s"] == y["d"] and x["s"] not in supplies and x["g"] != y["g"] and x["s"] != x["d"]:
                    found["cascode"].add(x["s"])
    kinds = Counter(d.kind for d in devices)
    if kinds["inductor"] and kinds["capacitor"]:
        found["lc"].add(1)
    drains = {t["d"] for _, t in transistors}
    clocks = {p.lower() for p in ports if port_role(p) == "clock"}
    for d in devices:
        if d.kind == "capacitor" and len(set(d.nodes) & drains - supplies) == 2:
            found["miller"].add(d.name)
        if d.kind == "resistor" and any(port_role(n) == "output" for n in d.nodes) and not supplies & set(d.nodes):
            found["feedback"].add(d.name)
        if set(d.nodes[1:2] if _terminals(d) else d.nodes if d.kind not in PRIMITIVES else []) & clocks:
            found["switch"].add(1)
    return [HINTS[k][0] if len(v) == 1 else f"{len(v)} {HINTS[k][1]}" for k, v in found.items() if v]


def _driven_inside(node: str, devices: list[Device]) -> bool:
    """True when a transistor's drain/source (collector/emitter) or a diode sets the node's voltage."""
    return any(node in (t["d"], t["s"]) for t in map(_terminals, devices) if t) or \
        any(d.kind == "diode" and node in d.nodes for d in devices)


def testbench(ports: list[str], devices: list[Device], category: str, vdd: float):
    """(source cards, analysis cards, analyses, roles): a supply, each port driven or probed by its role."""
    roles = {p: port_role(p) for p in ports}
    low = {p: p.lower() for p in ports}
    clocked = any(r in ("clock", "oscillator", "logic input") for r in roles.values())
    oscillates = any(word in category.lower() for word in OSCILLATING)
    supply_in = any(word in category.lower() for word in ("ldo", "regulat", "power"))
    transient = clocked or oscillates
    period = 20e-9
    inputs = [p for p in ports if roles[p] in ("input", "current input")]
    cards, probes, clock_number = [f"Vsupply vdd 0 dc {vdd:g}" + (" ac 1" * (not inputs and not transient))], [], 0
    for p in ports:
        node, role = low[p], roles[p]
        if role in ("supply", "ground"):
            continue
        if role == "input":
            level = vdd if supply_in else vdd / 2
            ac = ("ac 0.5" if inputs.index(p) % 2 == 0 else "ac 0.5 180") if len(inputs) > 1 else "ac 1"
            wave = f" sin({level:g} 0.05 {4 / (10 * period):g})" if transient else ""
            cards.append(f"V{node} {node} 0 dc {level:g} {ac}{wave}")
        elif role == "current input":
            cards.append(f"I{node} vdd {node} dc 10u ac 1")
        elif role == "bias current":
            # into a node an NMOS (NPN) sinks, out of one a PMOS (PNP) sources
            sinks = any(d.kind in ("nmos4", "npn") and node in d.nodes[:1] for d in devices)
            sources = any(d.kind in ("pmos4", "pnp") and node in d.nodes[:1] for d in devices)
            cards.append(f"I{node} {node} 0 dc 10u" if sources and not sinks else f"I{node} vdd {node} dc 10u")
        elif role in ("clock", "oscillator", "logic input"):
            delay = (clock_number % 4) * period / 2 if role == "clock" else 0
            clock_number += 1
            width = 0.45 * period if role == "clock" else period / 2
            cycle = period * (1 + (role == "logic input"))
            cards.append(f"V{node} {node} 0 pulse(0 {vdd:g} {delay:g} 0.1n 0.1n {width:g} {cycle:g})")
        elif role == "output":
            if node.startswith("i"):  # a current output: held at mid-supply, its current measured
                cards.append(f"V{node} {node} 0 dc {vdd / 2:g}")
                probes.append(f"i(v{node})")
            else:
                probes.append(f"v({node})")
        elif role == "bias voltage" and _driven_inside(node, devices):
            probes.append(f"v({node})")  # generated by the circuit: an output, not driven
        else:  # a bias set from outside, a control voltage, anything else: a DC level
            # a bias at an NMOS gate or an NPN base sits low, else high
            sits_low = any(d.kind in ("nmos4", "npn") and d.nodes[1] == node for d in devices if len(d.nodes) > 1)
            level = {"bias voltage": vdd / 4 if sits_low else 3 * vdd / 4}.get(role, vdd / 2)
            cards.append(f"V{node} {node} 0 dc {level:g}")
    probes = probes or [f"v({next(n for d in devices for n in d.nodes if n not in ('0', 'vdd'))})"]
    probes = probes[:6]
    if transient:
        analyses = ["op", "tran"]
        lines = [".op", f".tran {period / 100:g} {5 * period:g}", f".print tran {' '.join(probes)}"]
    else:
        analyses = ["op", "ac"]
        ac_probes = [f"vm({p[2:-1]})" if p.startswith("v(") else f"mag({p})" for p in probes]
        lines = [".op", ".ac dec 10 10 10g", f".print ac {' '.join(ac_probes)}"]
    return cards, lines, analyses, roles


PAPER_TOPICS = {"comparator": "comparator", "lna": "low-noise amplifier (LNA)", "mixer": "mixer",
                "pa": "power amplifier", "vco": "voltage-controlled oscillator (VCO)",
                "power converter": "power converter", "bandgap reference": "bandgap reference",
                "opamp": "operational amplifier", "ldo": "low-dropout (LDO) regulator",
                "switched-capacitor sampler": "switched-capacitor sampler"}


def categories(text: str) -> dict[int, str]:
    """Topology number -> where it comes from, from Dataset/data_categorization.md: 'a <topic> from a
    published paper', or "a circuit from the '<chapter>' chapter of <book> (<authors>)"."""
    found, book, authors = {}, "", ""
    for line in text.splitlines():
        line = line.strip().replace("**", "")
        if line.startswith("## "):
            book, authors = re.sub(r"^#+\s*\d*\.?\s*", "", line).strip(), ""
        elif match := re.match(r"^Authors?:\s*(.+)$", line):
            authors = match[1].strip()
        elif match := re.match(r"^- ([\d,\s\u2013\-]+):\s*(.+)$", line):
            topic = match[2].strip()
            if book.startswith("Assorted"):
                name = PAPER_TOPICS.get(re.sub(r"\s*papers?$", "", topic).lower(), topic)
                where = f"{'an' if name[0] in 'aeiou' else 'a'} {name} from a published paper"
            else:
                where = f"a circuit from the '{topic}' chapter of {book}" + (f" ({authors})" if authors else "")
            for part in match[1].split(","):
                ends = [int(x) for x in re.split(r"[\u2013\-]", part.strip()) if x.strip()]
                for number in range(ends[0], ends[-1] + 1):
                    found[number] = where
    return found


def _plural(n: int, word: str) -> str:
    return f"{n} {word}{'s' * (n != 1 and not word.endswith('s'))}"


def describe_analoggenie(number: int, category: str, devices: list[Device], ports: list[str], roles,
                         hints: list[str], analyses: list[str], vdd: float) -> str:
    kinds = Counter(d.kind for d in devices)
    names = [("nmos4", "NMOS transistor"), ("pmos4", "PMOS transistor"), ("npn", "NPN transistor"),
             ("pnp", "PNP transistor"), ("diode", "diode"), ("resistor", "resistor"),
             ("capacitor", "capacitor"), ("inductor", "inductor")]
    parts = [_plural(kinds[k], word) for k, word in names if kinds[k]]
    parts += [_plural(n, f"{k} subcircuit") for k, n in kinds.items() if k not in PRIMITIVES]
    where = category or "an analog circuit topology"
    by_role: dict[str, list[str]] = {}
    for port in ports:
        if roles[port] not in ("supply", "ground"):
            by_role.setdefault(roles[port], []).append(port)
    port_text = "; ".join(f"{role} {', '.join(p)}" for role, p in by_role.items()) or "supply only"
    text = f"{where[0].upper()}{where[1:]} (AnalogGenie #{number}): {', '.join(parts)}. Ports: {port_text}. "
    if hints:
        text += f"Structure: {', '.join(hints)}. "
    return text + f"Testbench: {vdd:g} V supply, default sizes, {' and '.join(analyses)} analyses."


def convert_analoggenie(number: int, cir: str, port_text: str, category: str, vdd: float):
    """(netlist, ports, description, analyses) for one topology; Reject when it cannot be converted."""
    cells, top = spectre_cells(cir)
    if not top:
        raise Reject("no devices")
    ports = port_text.split()
    number_of: Counter[str] = Counter()
    body = [_card(d, number_of, cells) for d in top]
    subckts = []
    for name, (cell_ports, devices) in cells.items():
        inner: Counter[str] = Counter()
        subckts += [f".subckt {name.lower()} {' '.join(cell_ports)}",
                    *[_card(d, inner, cells) for d in devices], f".ends {name.lower()}"]
    cards, analysis_lines, analyses, roles = testbench(ports, top, category, vdd)
    hints = topology_hints(top, ports)
    description = describe_analoggenie(number, category, top, ports, roles, hints, analyses, vdd)
    netlist = "\n".join([f"AnalogGenie topology {number}, sized and given a testbench",
                         "* converted from Spectre syntax by training/corpus.py; default sizes, level-1 models",
                         MODELS, *subckts, "* circuit", *body, "* testbench", *cards, *analysis_lines, ".end"]) + "\n"
    return netlist, ports, description, analyses


def git(repo: Path, *args: str) -> str:
    return subprocess.run(["git", "-C", str(repo), *args], capture_output=True, text=True, check=True,
                          errors="replace").stdout


def reference(text: str) -> str:
    """'page N' for a bare page number, else the citation without its keyword list."""
    text = " ".join(re.sub(r"keywords:\s*\{.*", "", text, flags=re.S).split()).rstrip(" ,")
    return f"page {text}" if text.isdigit() else text[:300]


def licensed_repo(repo: Path, dataset: str, heading: str, licence_name: str) -> tuple[str, str]:
    """(commit, licence text) of a dataset's git repository, refused unless its LICENSE is the
    expected one: nothing is taken from a repository whose licence we have not checked."""
    try:
        commit = git(repo, "rev-parse", "HEAD").strip()
        licence = git(repo, "show", "HEAD:LICENSE")
    except (OSError, subprocess.CalledProcessError) as error:
        raise UsageError(f"{repo}: not an {dataset} git repository ({error})") from None
    if not licence.startswith(heading):
        raise UsageError(f"{repo}: LICENSE is not {licence_name}; nothing taken")
    return commit, licence


def analoggenie_jobs(repo: Path, limit: int, vdd: float):
    """(id, source, licence, thunk converting the deck) for each topology, and the licence text."""
    commit, licence = licensed_repo(repo, "AnalogGenie", "MIT License", "the MIT licence")
    chapters = categories(git(repo, "show", "HEAD:Dataset/data_categorization.md"))
    files = set(git(repo, "ls-tree", "-r", "--name-only", "HEAD", "Dataset").split("\n"))
    numbers = sorted(int(p.split("/")[1]) for p in files if re.fullmatch(r"Dataset/(\d+)/\1\.cir", p))
    jobs = []
    for number in numbers[:limit or None]:
        full = f"Dataset/{number}/{number}_full.cir"  # the same circuit with its subcircuit definitions
        path = full if full in files else f"Dataset/{number}/{number}.cir"
        port_path, page_path = f"Dataset/{number}/Port{number}.txt", f"Dataset/{number}/Pagenumber{number}.txt"
        source = {"repository": ANALOGGENIE_URL, "path": path, "commit": commit}
        if page_path in files:  # a book page or a paper's citation: where the topology was drawn from
            source["reference"] = reference(git(repo, "show", f"HEAD:{page_path}"))

        def convert(number=number, path=path, port_path=port_path):
            if port_path not in files:
                raise Reject("no port file")
            return convert_analoggenie(number, git(repo, "show", f"HEAD:{path}"),
                                       git(repo, "show", f"HEAD:{port_path}"), chapters.get(number, ""), vdd)
        jobs.append((f"analoggenie-{number}", source, "MIT", convert))
    return jobs, licence


# ---------------------------------------------------------------------------------------------
# AnalogGym: sized SKY130 amplifiers -> the same level-1 cards, their own sizes and bias

ANALOGGYM_URL = "https://github.com/CODA-Team/AnalogGym"
AMPLIFIERS = "AnalogGym/Amplifier"
_SKY130 = {"sky130_fd_pr__nfet_01v8": "nch", "sky130_fd_pr__pfet_01v8": "pch"}


def convert_analoggym(name: str, subckt: str, variables: str):
    """(netlist, ports, description, analyses) for one amplifier: its .subckt with the SKY130 FETs as
    level-1 MOSFETs (W and L in micrometres, as SKY130 reads them), its design variables, and an
    open-loop testbench: unity DC feedback through a huge inductor, the inverting input AC-grounded."""
    lines, devices = [], []
    for line in subckt.strip().splitlines():
        words = line.split()
        if len(words) > 5 and words[5] in _SKY130:
            words[0], words[5] = "M" + words[0][1:], _SKY130[words[5]]
            line = " ".join(words)
            line = re.sub(r"\b([lw])='([^']*)'", r"\1={(\2)*1e-6}", line)
            devices.append(Device(words[0], "nmos4" if words[5] == "nch" else "pmos4",
                                  ["0" if n.lower() == "gnda" else n.lower() for n in words[1:5]]))
        elif words and words[0][:1].upper() in "RC" and len(words) >= 3:
            devices.append(Device(words[0], {"R": "resistor", "C": "capacitor"}[words[0][0].upper()],
                                  [n.lower() for n in words[1:3]]))
        lines.append(re.sub(r"'([^']*)'", r"{\1}", line))
    header = lines[0].split() if lines else ["(empty file)"]
    if header[0].lower() != ".subckt" or [p.lower() for p in header[2:]] != ["gnda", "vdda", "vinn", "vinp", "vout"]:
        raise Reject("not an amplifier subcircuit with ports gnda vdda vinn vinp vout")
    ports = ["VDDA", "GNDA", "VINN", "VINP", "VOUT"]
    # one `.param name=value` a line: the file's bare `.PARAM` head with `+` lines reads as nothing
    params = [f".param {name}={value}" for name, value in re.findall(r"(\w+)\s*=\s*(\S+)", variables)]
    bench = ["Vsupply vdda 0 dc 1.8", f"Xamp 0 vdda vinn vinp vout {header[1]}", "Vvinp vinp 0 dc {VCM} ac 1",
             "Lfeedback vout vinn 1T", "Cground vinn 0 1T", "Cload vout 0 {CLOAD}"]
    kinds = Counter(d.kind for d in devices)
    hints = topology_hints([d for d in devices if d.kind != "resistor"], ["VOUT"])
    description = (f"CMOS operational amplifier {name} from AnalogGym's amplifier set (named after its paper's "
                   f"authors and compensation scheme; sized for SKY130 at 1.8 V): {kinds['nmos4']} NMOS and "
                   f"{kinds['pmos4']} PMOS transistors, {_plural(kinds['capacitor'], 'capacitor')}"
                   f"{', ' + _plural(kinds['resistor'], 'resistor') if kinds['resistor'] else ''}, one bias "
                   f"current source. Ports: supply VDDA, ground GNDA, inputs VINN and VINP, output VOUT. "
                   f"{'Structure: ' + ', '.join(hints) + '. ' if hints else ''}Testbench: open loop with unity "
                   "DC feedback, level-1 models at the design's W/L, op and ac analyses.")
    netlist = "\n".join([f"AnalogGym amplifier {name} with level-1 models and an open-loop testbench",
                         "* from SKY130 devices to level-1 cards by training/corpus.py; W, L, m, bias as designed",
                         MODELS, *params, *lines, "* testbench", *bench,
                         ".op", ".ac dec 10 1 1g", ".print ac vdb(vout) vp(vout)", ".end"]) + "\n"
    return netlist, ports, description, ["op", "ac"]


def analoggym_jobs(repo: Path, limit: int):
    commit, licence = licensed_repo(repo, "AnalogGym", "BSD 3-Clause License", "the BSD 3-Clause licence")
    files = set(git(repo, "ls-tree", "-r", "--name-only", "HEAD", AMPLIFIERS).split("\n"))
    names = sorted(p.rsplit("/", 1)[1] for p in files if p.startswith(f"{AMPLIFIERS}/spice_netlist/"))
    jobs = []
    for name in names[:limit or None]:
        path = f"{AMPLIFIERS}/spice_netlist/{name}"
        source = {"repository": ANALOGGYM_URL, "path": path, "commit": commit,
                  "design_variables": f"{AMPLIFIERS}/design_variables/{name}"}

        def convert(name=name, path=path, variables=source["design_variables"]):
            if variables not in files:
                raise Reject("no design variables")
            return convert_analoggym(name, git(repo, "show", f"HEAD:{path}"), git(repo, "show", f"HEAD:{variables}"))
        jobs.append((f"analoggym-{name.lower().replace('_', '-')}", source, "BSD-3-Clause", convert))
    return jobs, licence


# ---------------------------------------------------------------------------------------------
# ngspice's own examples: made self-contained and batch-runnable

_ANALYSIS_COMMANDS = ("op", "ac", "dc", "tran", "noise", "tf", "pz", "sens", "disto")


def debian_licences(copyright_text: str) -> list[tuple[list[str], str]]:
    """(file patterns, licence) stanzas of debian/copyright, in order (the last match wins)."""
    stanzas = []
    for block in re.split(r"\n\s*\n", copyright_text):
        files = re.search(r"^Files:(.*(?:\n[ \t].*)*)", block, re.M)
        licence = re.search(r"^License:\s*(.+)$", block, re.M)
        if files and licence:
            stanzas.append((files[1].split(), licence[1].strip()))
    return stanzas


def licence_of(path: str, stanzas) -> str:
    found = ""
    for patterns, licence in stanzas:
        if any(fnmatch.fnmatch(path, p) for p in patterns):
            found = licence
    return found


def inline_includes(text: str, directory: Path, tree: Path, depth: int = 0) -> str:
    """The deck with each .include/.inc and `.lib file section` replaced by the text it reads."""
    out = []
    for line in text.splitlines():
        words = line.split()
        head = words[0].lower() if words else ""
        library_section = head == ".lib" and len(words) == 2 and not Path(words[1].strip("'\"")).suffix
        if head in (".include", ".inc", ".lib") and len(words) >= 2 and not library_section:
            target = (directory / words[1].strip("'\"")).resolve()
            if depth > 3 or not target.is_file() or not target.is_relative_to(tree):
                raise Reject("missing include file")
            body = target.read_text(encoding="utf-8", errors="replace")
            if head == ".lib" and len(words) >= 3:
                section = re.search(rf"^\.lib\s+{re.escape(words[2])}\s*$(.*?)^\.endl", body, re.I | re.M | re.S)
                if not section:
                    raise Reject("missing library section")
                body = section[1]
            out += [f"* inlined from {target.relative_to(tree)}",
                    *inline_includes(body, target.parent, tree, depth + 1).splitlines()]
        else:
            out.append(line)
    return "\n".join(out)


def batch_deck(text: str) -> tuple[str, list[str]]:
    """(deck with no .control block, its analyses): a block's analysis commands become dot cards
    when the deck has none of its own; .plot becomes .print; each analysis gets a .print."""
    lines, control, commands = [], False, []
    for line in text.splitlines():
        head = line.strip().lower().split()[0] if line.strip() else ""
        if head.startswith(".control"):
            control = True
        elif head.startswith(".endc"):
            control = False
        elif control:
            if head in _ANALYSIS_COMMANDS:
                commands.append("." + line.strip())
        elif head in (".plot", ".probe") or head.startswith(".width"):
            continue
        elif head == ".end":
            break
        else:
            lines.append(line)
    parsed = parse("\n".join(lines) + "\n").netlist
    if not parsed.analyses:
        lines += commands
        parsed = parse("\n".join(lines) + "\n").netlist
    analyses = sorted({a.kind for a in parsed.analyses})
    if not analyses:
        raise Reject("no analysis")
    printed = {s.args[0].text.lower() for s in parsed.statements
               if isinstance(s, m.Directive) and s.name == ".print" and s.args}
    nodes = _some_nodes(parsed)
    for kind in ("tran", "ac", "dc"):
        if kind in analyses and kind not in printed and nodes:
            probe = " ".join(f"vm({n})" if kind == "ac" else f"v({n})" for n in nodes)
            lines.append(f".print {kind} {probe}")
    return "\n".join(lines + [".end"]) + "\n", analyses


def _some_nodes(netlist, count: int = 4) -> list[str]:
    """The first few top-level nodes of two-terminal elements (their first two fields are nodes)."""
    nodes = []
    for statement in netlist.body:
        if isinstance(statement, m.Element) and statement.name[:1].upper() in "RCLVIDEGBFH" \
                and len(statement.fields) >= 2:
            for f in statement.fields[:2]:
                node = f.text.lower()
                if f.kind == "word" and node not in ("0", "gnd") and node not in nodes \
                        and re.fullmatch(r"[\w.#+-]+", node):
                    nodes.append(node)
    return nodes[:count]


def describe_ngspice(rel: str, netlist: str, analyses: list[str]) -> str:
    parsed = parse(netlist).netlist
    letters = Counter(s.name[:1].upper() for s in parsed.statements if isinstance(s, m.Element))
    parts = [_plural(n, KINDS[k].description if k in KINDS else f"{k} element") for k, n in letters.most_common(6)]
    models = sorted({s.type.lower() for s in parsed.statements if isinstance(s, m.Model)})
    subckts = sorted({s.name for s in parsed.statements if isinstance(s, m.Subckt)})
    words = re.sub(r"[_\-./]+", " ", rel.rsplit(".", 1)[0])
    title = " ".join(parsed.title.split())[:100]
    text = f"ngspice example '{title}' ({rel}; path words: {words}): {', '.join(parts)}."
    if models:
        text += f" Model types: {', '.join(models[:6])}."
    if subckts:
        text += f" Subcircuits: {', '.join(subckts[:6])}."
    return text + f" Analyses: {', '.join(analyses)}."


def ngspice_jobs(src: Path, limit: int):
    trees = [p for p in sorted(src.glob("*")) + [src] if (p / "examples").is_dir() and (p / "tests").is_dir()]
    if not trees:
        raise UsageError(f"no ngspice source tree under {src}; run benchmarks/fetch_ngspice_corpus.sh {src}")
    tree = trees[0].resolve()
    copying = (tree / "COPYING").read_text(encoding="utf-8", errors="replace")
    if "Modified BSD' license" not in copying:
        raise UsageError(f"{tree}/COPYING does not state the modified BSD licence; nothing taken")
    stanzas = debian_licences((tree / "debian" / "copyright").read_text(encoding="utf-8", errors="replace"))
    stamp = tree / ".debian-source-version"
    version = stamp.read_text().strip() if stamp.is_file() else tree.name
    decks = [p for top in ("examples", "tests") for p in sorted((tree / top).rglob("*"))
             if p.suffix.lower() in DECK_EXTENSIONS and p.is_file() and not p.is_symlink()]
    jobs = []
    for path in decks[:limit or None]:
        rel = str(path.relative_to(tree))
        licence = {"BSD-3-clause": "BSD-3-Clause", "public-domain": "public-domain"}.get(licence_of(rel, stanzas), "")
        source = {"repository": NGSPICE_URL, "path": rel, "commit": version}

        def convert(path=path, rel=rel, licence=licence):
            if not licence:
                raise Reject("licence other than BSD-3-Clause or public domain")
            text = path.read_text(encoding="utf-8", errors="replace")
            if text.lstrip().lower().startswith("*ng_script"):
                raise Reject("a command script, not a circuit")
            netlist, analyses = batch_deck(inline_includes(text, path.parent, tree))
            title = netlist.split("\n", 1)
            origin = f"* from ngspice {rel} ({licence}); made batch-runnable by training/corpus.py"
            netlist = f"{title[0]}\n{origin}\n{title[1]}"
            return netlist, [], describe_ngspice(rel, netlist, analyses), analyses
        jobs.append((f"ngspice-{re.sub(r'[^a-z0-9]+', '-', rel.lower()).strip('-')}", source, licence, convert))
    return jobs, copying


# ---------------------------------------------------------------------------------------------
# simulation and the build

_RAN = {"op": re.compile(r"^\s*Node\s+Voltage", re.M), "ac": re.compile(r"AC Analysis"),
        "tran": re.compile(r"Transient Analysis"), "dc": re.compile(r"DC transfer characteristic|DC Analysis")}


_ERROR_KINDS = [  # (pattern of ngspice's first error, the reason counted)
    (r"unknown device type|valid modelname|find definition of|MIF-ERROR|invalid model type|port type is invalid",
     "a device model this ngspice lacks (OSDI, compiled, or defined elsewhere)"),
    (r"undefined parameter|no such function|expression|substitute", "an expression ngspice cannot evaluate"),
    (r"no data saved|no such vector|\.print:", "a printed vector or analysis that does not exist"),
    (r"timestep too small|op failed|singular|gmin|source stepping|iteration limit", "did not converge"),
    (r"printed more than", "output over the runner's limit"),
    (r"TSTEP|TSTOP|invalid", "an analysis card ngspice rejects"),
    (r"unknown parameter|too many connections|unknown subckt", "an element line ngspice rejects"),
]


def simulate(netlist: str, analyses: list[str], timeout: float) -> tuple[list[str], str, dict]:
    """(analyses that produced output, failure reason or '', printed values): the runner's verdict,
    then its output."""
    result = runner.run(netlist, timeout=timeout)
    ran, failure = _verdict(result, analyses)
    return ran, failure, result.values


def _verdict(result: runner.SimulationResult, analyses: list[str]) -> tuple[list[str], str]:
    if result.refused:
        return [], "refused by the runner's safety check"
    if result.timed_out:
        return [], "timed out"
    if not result.ok:
        message = result.errors[0].message if result.errors else "failed"
        return [], next((f"ngspice: {reason}" for pattern, reason in _ERROR_KINDS if re.search(pattern, message, re.I)),
                        "ngspice: " + re.sub(r"\d+", "#", message)[:40])
    # op: ngspice's table, or the values the runner prints for a deck with no .print
    ran = [a for a in analyses if a not in _RAN or _RAN[a].search(result.output) or (a == "op" and result.values)]
    if missing := [a for a in analyses if a not in ran]:
        return ran, f"no output from {', '.join(missing)}"
    if re.search(r"^\d+\s.*\bnan\b", result.output, re.I | re.M):  # in a printed row, not a model listing
        return ran, "NaN in the output"
    return ran, ""


def build_entry(job, args: CorpusArguments) -> tuple[dict | None, str]:
    entry_id, source, licence, convert = job
    try:
        netlist, ports, description, analyses = convert()
    except Reject as reason:
        return None, f"conversion: {reason}"
    except Exception as error:  # a deck written by others broke our own code: counted, not fatal
        return None, f"conversion: {type(error).__name__} in training/corpus.py or the parser"
    if len(netlist) > args.max_chars:
        return None, "conversion: netlist too long"
    if runner.check_safety(netlist, None, []):
        return None, "conversion: reads files or runs commands"
    ran, failure, values = simulate(netlist, analyses, args.timeout)
    options = []
    if failure == "ngspice: did not converge":
        shunted = netlist.replace("\n.end\n", "\n.options rshunt=1e9\n.end\n")
        ran, retry, values = simulate(shunted, analyses, args.timeout)
        if not retry:
            netlist, failure, options = shunted, "", ["rshunt=1e9 (a node has no DC path)"]
    if failure:
        return None, f"simulation: {failure}"
    return {"id": entry_id, "source": source, "licence": licence, "description": description,
            "ports": ports, "netlist": netlist,
            "checks": {"simulator": "ngspice 39 (spice_lsp.ngspice.runner, batch)", "analyses_ran": ran,
                       "options_added": options, "operating_point": op_values(values, ports)}}, ""


def op_values(values: dict[str, float], ports: list[str]) -> dict[str, float]:
    """The supply current and the port voltages at the operating point (AnalogGenie decks)."""
    wanted = {"i(vsupply)"} | {f"v({p.lower()})" for p in ports}
    return {name: value for name, value in values.items() if name in wanted}


def write_notice(path: Path, licences: dict[str, tuple[str, str]]) -> None:
    parts = ["Licences of the netlists in corpus.jsonl.gz (built by training/corpus.py).",
             "Each entry names its source repository, path and commit, and its licence.", ""]
    for name, (attribution, text) in licences.items():
        parts += ["=" * 78, name, attribution, "", text.strip(), ""]
    path.write_text("\n".join(parts) + "\n", encoding="utf-8")


def build(args: CorpusArguments) -> dict:
    started = time.monotonic()
    jobs, licences = [], {}
    if args.analoggenie:
        found, text = analoggenie_jobs(Path(args.analoggenie), args.limit, args.vdd)
        jobs += found
        licences["AnalogGenie (MIT)"] = (f"{ANALOGGENIE_URL}, commit {found[0][1]['commit'] if found else '?'}: "
                                         "topologies converted to ngspice, sized and given testbenches.", text)
    if args.analoggym:
        found, text = analoggym_jobs(Path(args.analoggym), args.limit)
        jobs += found
        licences["AnalogGym (BSD-3-Clause)"] = (f"{ANALOGGYM_URL}, commit {found[0][1]['commit'] if found else '?'}: "
                                                "amplifier netlists and design variables, SKY130 devices replaced "
                                                "by level-1 models, given testbenches.", text)
    if args.ngspice_src:
        found, text = ngspice_jobs(Path(args.ngspice_src), args.limit)
        jobs += found
        bsd = text[text.index("'Modified BSD'"):text.index("---", text.index("POSSIBILITY OF SUCH DAMAGE"))]
        licences["ngspice examples and tests (modified BSD, BSD-3-Clause)"] = (
            f"{NGSPICE_URL}, {found[0][1]['commit'] if found else '?'}: examples/ and tests/ decks, includes "
            "inlined and made batch-runnable. Files Debian marks public domain are kept under that status.", bsd)
    if not jobs:
        raise UsageError("no source given: pass --analoggenie and/or --ngspice-src")
    entries: list[dict] = []
    failures: Counter[str] = Counter()
    with ThreadPoolExecutor(max(1, args.jobs)) as pool:
        for number, (entry, failure) in enumerate(pool.map(lambda j: build_entry(j, args), jobs), 1):
            if entry:
                entries.append(entry)
            else:
                failures[f"{jobs[number - 1][0].split('-')[0]}: {failure}"] += 1
            if number % 200 == 0:
                print(f"{number}/{len(jobs)} decks, {len(entries)} kept, {time.monotonic() - started:.0f} s",
                      flush=True)
    out = Path(args.out)
    out.mkdir(parents=True, exist_ok=True)
    data = out / "corpus.jsonl.gz"
    payload = "".join(json.dumps(e, sort_keys=True) + "\n" for e in entries).encode()
    with gzip.GzipFile(data, "wb", mtime=0) as handle:  # mtime 0: the same entries give the same bytes
        handle.write(payload)
    digest = hashlib.sha256(data.read_bytes()).hexdigest()
    if args.embeddings:
        import numpy as np
        embed_started = time.monotonic()
        from spice_lsp.generation.retrieval import Example, Retriever  # the vectors retrieval computes
        examples = [Example(e["id"], e["description"], e["netlist"]) for e in entries]
        vectors = Retriever(examples).embed([e.description for e in examples]).astype(np.float16)
        embed_seconds = time.monotonic() - embed_started
        np.savez_compressed(out / "corpus.embeddings.npz", vectors=vectors, data_sha256=np.array(digest))
    write_notice(out / "NOTICE", licences)
    per_source = Counter(e["id"].split("-")[0] for e in entries)
    report = {"entries": len(entries), "per_source": dict(per_source), "tried": len(jobs),
              "tried_per_source": dict(Counter(j[0].split("-")[0] for j in jobs)),
              "failures": dict(failures.most_common()), "data_file": data.name, "data_sha256": digest,
              "data_bytes": data.stat().st_size, "build_seconds": round(time.monotonic() - started, 1)}
    if args.embeddings:
        report["embedding_seconds"] = round(embed_seconds, 1)
    save_config(out / "corpus_config.json", args, report=report)
    return report


@cli
def main(argv: list[str] | None = None) -> dict:
    args = parse_args(CorpusArguments, argv, __doc__.split("\n\n")[0])
    report = build(args)
    print(json.dumps(report, indent=2))
    return report


if __name__ == "__main__":
    main()
