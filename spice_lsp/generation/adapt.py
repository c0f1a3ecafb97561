"""A circuit no family builds: adapt a corpus entry whose name is that circuit, else offer the
nearest known circuits.

The confidence rule is about names, not similarity: an entry is adapted only when every word of
the circuit the request names ("bandgap reference", "Colpitts oscillator", "low-dropout
regulator") is a word of the entry's own circuit name (a paper entry's topology, an ngspice
example's title), and at least one of those words is specific (not "amplifier", "regulator",
"circuit" ...). An entry known only by the book chapter it came from has no circuit name and is
never adapted: a chapter says where a circuit appeared, not what it is. Similarity (embeddings
when a loaded retriever is given, shared words otherwise) only orders the entries that pass.

The adapted netlist keeps the entry's circuit and testbench; the request's named nodes replace
the entry's ports, the request's stated sources and part values go on them, the requested
analyses replace the entry's. The pipeline checks it with the request's checklist; it is never
verified without a measured check of its function (pipeline.check_answer).
"""
from __future__ import annotations

import functools
import re
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from spice_lsp.generation.families import FAMILIES, example_intent, render, title_for
from spice_lsp.generation.intent import Intent
from spice_lsp.generation.request import Request, SourceConstraint
from spice_lsp.generation.retrieval import corpus_entries

if TYPE_CHECKING:
    from spice_lsp.generation.retrieval import Retriever

# Words that name a kind of circuit but not which one: a request's phrase needs another word.
GENERIC = frozenset("""circuit amplifier amp regulator oscillator converter filter stage driver source sink
generator reference buffer detector gate network pump voltage current power analog cmos bjt mos mosfet
transistor two three single double multi differential output input simple""".split())
# Said of any circuit; dropped from the request's phrase before matching.
FILLER = frozenset("a an the simple basic classic classical typical standard small little textbook".split())
# Where a noun phrase stops, reading leftwards from the circuit noun.
_STOP = frozenset("""a an the of for with and or to from in on at by my our your this that some any design build
make netlist simulate give me i want need using as is are""".split())


@dataclass(frozen=True)
class Known:
    """A circuit the tool knows (a family), offered when a request is refused."""
    kind: str
    summary: str
    name: str  # a request that picks it (the family's first name; every name reads back to it)
    netlist: str  # the family's netlist with its own defaults


@dataclass(frozen=True)
class Provenance:
    entry: str  # corpus id
    name: str  # the entry's circuit name the request's phrase matched
    phrase: str  # the request's circuit, as written
    repository: str
    path: str
    commit: str
    licence: str
    method: str  # embedding | lexical: what ordered the matching entries

    def sentence(self) -> str:
        return (f"adapted from corpus entry {self.entry} ({self.repository} {self.path} at {self.commit[:12]}), "
                f"licence {self.licence}: its name '{self.name}' matches '{self.phrase}' ({self.method} match)")


@dataclass
class Adapted:
    netlist: str
    output: str
    input: str | None
    provenance: Provenance
    assumptions: list[str] = field(default_factory=list)


def words(text: str) -> set[str]:
    """Lower-case words, possessives and plurals folded ("Colpitt's", "Colpitts" -> colpitt)."""
    found = re.findall(r"[a-z0-9]+", text.lower().replace("'s", ""))
    return {w[:-1] if len(w) > 3 and w.endswith("s") and not w.endswith("ss") else w for w in found}


def circuit_name(entry: dict) -> str | None:
    """The entry's own name for its circuit, or None when its description names none."""
    text = entry["description"]
    for pattern in (r"^An? (?P<name>.+?) from a published paper", r"^(?P<name>CMOS operational amplifier) \S+ from",
                    r"^ngspice example '\**\s*(?P<name>.*?)' \("):
        if found := re.match(pattern, text):
            return found["name"].strip() or None
    return None


@functools.cache
def _named_entries() -> tuple[tuple[str, str, frozenset[str]], ...]:
    """(id, name, name words) of every corpus entry that names its circuit. A code model's identifier in the name
    ("Code Model Test - DC: d_osc, dac_bridge, adc_bridge") names no circuit: its words ("adc") are not the name's."""
    return tuple((key, name, frozenset(words(re.sub(r"\w*_\w*", " ", name)))) for key, entry in corpus_entries().items()
                 if (name := circuit_name(entry)))


def noun_phrase(description: str, start: int, stop: int) -> str:
    """The circuit phrase at [start, stop) with the modifiers before it ("Zorbitron-7 hyperdimensional
    regulator"), up to an article, a preposition, punctuation or a number."""
    head = description[:start]
    for _ in range(4):
        found = re.search(r"([A-Za-z][\w'-]*)\s+$", head)
        if not found or found[1].lower() in _STOP or re.search(r"(?:^|\s)[-+]?[\d.]+\s*$", head[:found.start()]):
            break  # an article, a preposition, or a unit ("a 1 mA tail current source")
        head = head[:found.start()]
    return description[len(head):stop].strip()


def confident(phrase: str, name_words: frozenset[str]) -> bool:
    """Every word of the phrase is a word of the name, and one of them says which circuit."""
    wanted = words(phrase) - FILLER
    return bool(wanted - GENERIC) and wanted <= name_words


def _order(description: str, ids: list[str], retriever: Retriever | None) -> tuple[list[str], str]:
    """The matching entries, most like the request first, and what ordered them: a loaded retriever's
    embeddings when it indexes the corpus, else the words each entry's description shares with the request."""
    if retriever is not None and retriever.loaded and any(e.kind == "corpus" for e in retriever.examples):
        scores = {e.id: s for e, s in retriever.search(description, len(retriever.examples))}
        return sorted(ids, key=lambda i: (-scores.get(i, -1.0), i)), "embedding"
    asked = words(description)
    entries = corpus_entries()
    return sorted(ids, key=lambda i: (-len(asked & words(entries[i]["description"])),
                                      len(entries[i]["netlist"]), i)), "lexical"


def find(description: str, phrase: str, retriever: Retriever | None = None) -> tuple[str, str] | None:
    """(entry id, method) of the corpus entry to adapt for `phrase`, or None when none is named so."""
    ids = [key for key, _name, name_words in _named_entries() if confident(phrase, name_words)]
    if not ids:
        return None
    ordered, method = _order(description, ids, retriever)
    return ordered[0], method


_ANALYSIS = re.compile(r"^\s*\.(?:op|ac|dc|tran|noise|tf|print|meas\w*|options\s+interp)\b", re.IGNORECASE)


def adapt(entry_id: str, method: str, phrase: str, intent: Intent, request: Request) -> Adapted:
    """The entry's netlist on the request's nodes, sources, values and analyses."""
    entry = corpus_entries()[entry_id]
    source = entry["source"]
    provenance = Provenance(entry_id, circuit_name(entry) or "", phrase, source["repository"], source["path"],
                            source["commit"], entry["licence"], method)
    lines = entry["netlist"].rstrip("\n").split("\n")
    body = [line for line in lines[1:] if line.strip().lower() != ".end"]
    nodes = _nodes(body)
    ports = [p.lower() for p in entry["ports"]]
    assumptions = [provenance.sentence()]

    # The request's nodes take the entry's ports: output, inputs in order, the supply.
    rename: dict[str, str] = {}
    stated = [s for s in request.sources if not s.supply]
    inputs = list(dict.fromkeys([n for n in [request.input, *(s.node for s in stated)] if n]))
    outputs = [request.output or ("out" if "out" in request.nodes else None)]
    supply = next((s for s in request.sources if s.supply and s.node), None)
    output_ports = [p for p in ports if p.startswith("vout")]  # (an iout port is held by a source)
    input_ports = [p for p in ports if p.startswith("vin")]
    for asked, candidates in ((outputs, output_ports), (inputs, input_ports),
                               ([supply.node if supply else None], ["vdd"] if "vdd" in ports else [])):
        for node, port in zip(asked, candidates):
            if node and node != port and node not in nodes:
                rename[port] = node
    body = [_renamed(line, rename) for line in body]
    if rename:
        assumptions.append("ports renamed to the request's nodes: "
                           + ", ".join(f"{old} -> {new}" for old, new in rename.items()))

    # Stated sources on the nodes they drive (the entry's testbench source there takes their levels; one
    # with no node drives the input), stated values on the entry's parts of that name; the checklist
    # reports what finds no place.
    input_node = rename.get(input_ports[0], input_ports[0]) if input_ports else None
    for wanted in request.sources:
        node = wanted.node or request.input or input_node
        at = next((i for i, line in enumerate(body) if re.match(rf"^[Vv]\S*\s+{re.escape(node or '')}\s+0\s", line)),
                  None) if node else None
        if at is not None:
            body[at] = _with_levels(body[at], wanted.dc, wanted)
    if (vdd := intent.values.get("VDD")) and supply is None:
        at = next((i for i, line in enumerate(body) if re.match(r"^Vsupply\s", line, re.IGNORECASE)), None)
        if at is not None:
            body[at] = _with_levels(body[at], vdd.value)
    for part in request.elements:
        if part.kind not in "RCL" or part.value is None or not part.name:
            continue
        at = next((i for i, line in enumerate(body) if line.split()[:1] == [part.name.upper()]), None)
        if at is not None:
            words_ = body[at].split()
            body[at] = " ".join([*words_[:3], f"{part.value:g}", *words_[4:]])

    # The requested analyses, probed on the output (a node of the entry's), replace the entry's; a DC
    # sweep sweeps the entry's input source, else its supply.
    output = next((rename.get(p, p) for p in output_ports), None) or _printed(body) or \
        next(p for p in [*ports, "0"] if p in nodes | {"0"})
    sources = [line.split()[0] for line in body if line[:1] in "Vv" and len(line.split()) > 2]
    swept = next((name for name in sources if input_node and line_node(body, name) == input_node), None) or \
        next((name for name in sources if name.lower() == "vsupply"), None)
    if intent.analyses:
        if intent.runs_analysis:  # a temperature alone (".temp 85") keeps the entry's own analyses
            body = [line for line in body if not _ANALYSIS.match(line)]
        probes = {".ac": f".print ac vm({output}) vp({output})", ".dc": f".print dc v({output})",
                  ".tran": f".print tran v({output})"}
        for analysis in intent.analyses:
            directive = analysis.directive.split()
            if directive[0].lower() == ".dc" and directive[1].lower() != "temp" and swept and \
                    directive[1].lower() not in {name.lower() for name in sources}:
                directive[1] = swept
            body.append(" ".join(directive))
            if probe := probes.get(directive[0].lower()):
                body.append(probe)
    header = [title_for(intent), f"* {provenance.sentence()}"]
    return Adapted("\n".join(header + body + [".end"]) + "\n", output, input_node, provenance, assumptions)


def line_node(body: list[str], name: str) -> str | None:
    """The first node of the element called `name`."""
    return next((line.split()[1] for line in body if line.split()[:1] == [name] and len(line.split()) > 1), None)


def _nodes(body: list[str]) -> set[str]:
    """Every word of the element lines that could be a node (an over-estimate is safe: it only
    keeps a rename from landing on a name in use)."""
    return {w.lower() for line in body if line[:1].isalpha() for w in line.split()[1:]}


def _renamed(line: str, rename: dict[str, str]) -> str:
    if not rename or line.startswith("*") or line.lower().startswith(".model"):
        return line
    pattern = re.compile(r"(?<![\w.])(" + "|".join(map(re.escape, rename)) + r")(?![\w.])", re.IGNORECASE)
    return pattern.sub(lambda m: rename[m[1].lower()], line)


def _printed(body: list[str]) -> str | None:
    found = next((re.search(r"v[mp]?\((\w+)\)", line, re.IGNORECASE) for line in body
                  if line.lower().startswith(".print")), None)
    return found[1] if found else None


def _with_levels(line: str, dc: float | None, source: SourceConstraint | None = None) -> str:
    """A source line with the stated DC level and the stated source's AC level, waveform and name;
    what the request leaves open stays as it was."""
    words_ = line.split()
    rest = " ".join(words_[3:])
    had_dc = re.search(r"(?:^|\s)dc\s+(\S+)", rest, re.IGNORECASE) or re.match(r"^([-+\d.][\w.+-]*)", rest)
    had_ac = re.search(r"\bac\s+(\S+(?:\s+[-+\d.][\w.+-]*)?)", rest, re.IGNORECASE)  # magnitude, phase
    stated = re.search(r"\b(?:SIN|PULSE)\(.*\)", source.waveform()) if source else None
    wave = stated or re.search(r"\b(?:sin|pulse|pwl)\s*\([^)]*\)", rest, re.IGNORECASE)
    ac = source.ac if source else None
    levels = [f"DC {dc:g}" if dc is not None else f"DC {had_dc[1]}" if had_dc else "DC 0"]
    levels += [f"AC {ac:g}"] if ac is not None else [f"AC {had_ac[1]}"] if had_ac else []
    levels += [wave[0]] if wave else []
    return " ".join([(source.name if source else None) or words_[0], *words_[1:3], *levels])


def nearest_known(description: str, phrase: str = "", count: int = 3,
                  retriever: Retriever | None = None) -> list[Known]:
    """The families most like the request, each with its default netlist: by embeddings when a
    loaded retriever over the families is given, else by the words their summaries and names
    share with the request (the circuit's own phrase counting double; articles and prepositions not)."""
    kinds = [k for k in FAMILIES if k != "generic"]
    if retriever is not None and retriever.loaded:
        found = [e.kind for e, _ in retriever.search(description, len(retriever.examples)) if e.kind in kinds]
        chosen = list(dict.fromkeys(found))[:count]
    else:
        asked, named = words(description) - _STOP, words(phrase) - FILLER

        def shared(kind: str) -> int:
            known = words(" ".join((FAMILIES[kind].summary, *FAMILIES[kind].names)))
            return 2 * len(named & known) + len(asked & known)
        chosen = sorted(kinds, key=lambda k: (-shared(k), FAMILIES[k].summary))[:count]
    return [Known(k, FAMILIES[k].summary, FAMILIES[k].names[0], render(example_intent(k)).netlist) for k in chosen]
