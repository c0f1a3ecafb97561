"""The model's reading job: a request the rules could not read, restated in their words.

When the rule reader cannot serve a request (no circuit recognised, no recipe for its words) or
its answer fails the request's checks because it read the wrong circuit, the language model
restates the request in the one phrasing the rules understand:

    "<registry family name>: R1 = 10k from in to out, cutoff 3.3 kHz, AC from 10 Hz to 1 MHz"

(`canonical` writes it; training/reader_dataset.py makes the pairs with the same function). The
restatement is short, so drafting it is fast, and the rules then build and verify it. It is
never trusted as it stands: `cross_check` discards it unless it names a registry family and
every number, part name and node name in it occurs in the request (4k7 = 4.7k = 4700 = 4.7 kΩ),
so the model can rephrase but never invent. Pure: no model, no ngspice (the pipeline runs them).
"""
from __future__ import annotations

import functools
import math
import re
import threading
from dataclasses import dataclass, field

from spice_lsp.generation.families import FAMILIES, example_intent, render, roles
from spice_lsp.generation.intent import _role_unit as role_unit
from spice_lsp.generation.lm import DraftBackend, reader_prompt
from spice_lsp.language.units import format_eng, parse_number

# A restatement is tens of tokens (the reader dataset's: median 36, 95th percentile 66 with
# SmolLM2's tokenizer); a longer answer is cut here and loses its unfinished last item.
MAX_TOKENS = 64
GROUND = {"0", "gnd", "ground"}


@dataclass
class Reading:
    """The model's restatement of a request and what the cross-check found."""
    text: str  # the restatement ("" when the model gave none)
    kind: str | None = None  # the registry family it names
    problems: list[str] = field(default_factory=list)  # why it is discarded (none: usable)
    seconds: float = 0.0
    tokens: int = 0  # tokens the model generated

    @property
    def ok(self) -> bool:
        return bool(self.text) and self.kind is not None and not self.problems


def canonical(name: str, items: list[str]) -> str:
    """The restatement: the family's name, then the stated parts, the specs and the analyses."""
    return f"{name}: {', '.join(items)}" if items else name


# How a restatement writes each spec (read back by read_request), and the spec's unit.
SPEC_CANONICAL = {"cutoff": "cutoff {x}", "center": "center frequency {x}", "notch": "notch at {x}",
                  "gain": "gain {x}", "gain_db": "gain {x} dB", "vout": "output {x}", "frequency": "frequency {x}",
                  "current": "output current {x}", "width": "pulse width {x}", "hysteresis": "hysteresis {x}",
                  "ugbw": "unity-gain bandwidth {x}", "dc_gain_db": "DC gain {x} dB", "q": "Q {x}"}
SPEC_UNIT = {"cutoff": "Hz", "center": "Hz", "notch": "Hz", "frequency": "Hz", "ugbw": "Hz", "vout": "V",
             "hysteresis": "V", "current": "A", "width": "s", "gain": "", "gain_db": "", "dc_gain_db": "", "q": ""}
ROLE_NAMES = {"LG": "L", "FREQ": "f"}  # the name the rules read for a role whose own name they do not
_ENG_PREFIX = {"meg": "M", "g": "G", "t": "T"}
_UNIT_WORD = {"V": "V", "A": "A", "Hz": "Hz", "s": "s"}
_SUPPLIES = {"VIN", "FREQ", "VDD", "VCC", "VSS", "VEE"}  # the sources every family has: no example shows them


def with_unit(value: float, unit: str) -> str:
    """3300, "Hz" -> "3.3 kHz"; 1e7 -> "10 MHz"; 0.72, "V" -> "720 mV"."""
    number, suffix = re.fullmatch(r"([-\d.e+]+)([a-z]*)", format_eng(value)).groups()  # type: ignore[union-attr]
    return f"{number} {_ENG_PREFIX.get(suffix, suffix)}{unit}"


def value_text(role: str, value: float) -> str:
    """A part's value as a restatement writes it: 10 V, 2 mA, 1 kHz with their unit, else 4.7k, 10n."""
    unit = role_unit(role)
    return with_unit(value, _UNIT_WORD[unit]) if unit in _UNIT_WORD else format_eng(value)


def _analysis_example(kind: str) -> str:
    """The family's default analysis as a restatement writes it."""
    family = FAMILIES[kind]
    if family.analysis == "ac":
        return "AC from 10 Hz to 1 MHz"
    if family.analysis == "tran":
        return f"transient for {with_unit(parse_number(family.tran[1]) or family.transient, 's')}" \
            if family.tran else f"transient for {with_unit(family.transient, 's')}"
    if family.analysis == "dc" and family.dc_sweep:
        start, stop = (parse_number(w) for w in family.dc_sweep.split()[:2])
        return f"DC sweep of {family.source} from {start:g} V to {stop:g} V"
    return "operating point"


@functools.cache
def example_restatement(kind: str) -> str:
    """The family's restatement with its own default values: what the reading prompt shows the
    model for each known circuit near a request, so that it copies a form instead of recalling one.
    "RC low-pass filter: R = 1k, C = 100n, cutoff 3.2 kHz, AC from 10 Hz to 1 MHz"."""
    family = FAMILIES[kind]
    parts = [(role, value) for role, value in render(example_intent(kind)).defaults.items()
             if role not in _SUPPLIES][:3]
    items = [f"{ROLE_NAMES.get(role, role)} = {value_text(role, float(f'{value:.3g}'))}" for role, value in parts]
    if family.examples and (quantity := family.examples[0][0]) in SPEC_CANONICAL:
        low, high = family.examples[0][2:]
        target = float(f"{math.sqrt(abs(low * high)):.2g}") * (-1 if kind == "opamp_inverting" else 1)
        unit = SPEC_UNIT[quantity]
        items.append(SPEC_CANONICAL[quantity].format(x=with_unit(target, unit) if unit else f"{target:g}"))
    return canonical(family.names[0], [*items, _analysis_example(kind)])


SLOT = "?"  # a value the request must fill
_FIGURE = re.compile(r"(?<![\w.])-?\d[\d.]*(?:\s?[A-Za-z\u00b5]+)?")  # "1k", "3.2 kHz", "-8.7", "100 uA"


def reading_form(kind: str) -> str:
    """The form the prompt shows for a known circuit: its example restatement with every figure a
    slot ("RC low-pass filter: R = ?, C = ?, cutoff ?, AC from ? to ?"). A small model shown
    figures copies them; shown slots, it fills them from the request or leaves them."""
    name, _, rest = example_restatement(kind).partition(": ")
    return f"{name}: {_FIGURE.sub(SLOT, rest)}"


def filled(restatement: str) -> str:
    """The restatement without the items the model left a slot in (they say nothing)."""
    head, colon, rest = restatement.partition(":")
    items = [item.strip() for item in rest.split(",") if item.strip() and SLOT not in item]
    return f"{head}: {', '.join(items)}" if colon and items else head.strip()


# Every name of every family, longest first so "RC low-pass filter" wins over "low-pass filter".
_NAMES = sorted(((n.lower(), kind) for kind, f in FAMILIES.items() if kind != "generic"
                 for n in (*f.names, f.summary)), key=lambda p: -len(p[0]))


def family_named(restatement: str) -> tuple[str, str] | None:
    """(kind, the rest) when the restatement is a registry family's name, alone or before a colon."""
    low = restatement.strip().lower()
    # the longest name the restatement starts with, then its end or a colon (a name may hold one: "2:1 multiplexer")
    kind, name = next(((k, name) for name, k in _NAMES if low == name or low.startswith(name + ":")), (None, ""))
    return (kind, restatement.strip()[len(name) + 1:].strip()) if kind else None


# Words any circuit's name may hold: they say what kind of thing it is, not which one.
_GENERIC = {"a", "an", "the", "circuit", "circuits", "stage", "filter", "amplifier", "amp", "oscillator", "converter",
            "regulator", "network", "generator", "source", "driver", "detector", "gate", "with", "and", "of"}


def names_family(phrase: str, kind: str) -> bool:
    """Whether a circuit the request names ("Baxandall tone control filter") is the family `kind`:
    every word of it but the generic ones occurs in the family's names."""
    family = FAMILIES[kind]
    known = set(re.findall(r"[a-z0-9]+", " ".join((*family.names, family.summary)).lower()))
    return set(re.findall(r"[a-z0-9]+", phrase.lower())) - _GENERIC <= known


# --- numbers as people write them -----------------------------------------------------------------

_SCALE = {"t": 1e12, "g": 1e9, "meg": 1e6, "mega": 1e6, "M": 1e6, "k": 1e3, "K": 1e3, "kilo": 1e3, "m": 1e-3,
          "milli": 1e-3, "u": 1e-6, "\u00b5": 1e-6, "\u03bc": 1e-6, "micro": 1e-6, "n": 1e-9, "nano": 1e-9,
          "p": 1e-12, "pico": 1e-12, "f": 1e-15, "femto": 1e-15}
_RKM = {"k": 1e3, "K": 1e3, "M": 1e6, "m": 1e-3, "r": 1.0, "R": 1.0, "u": 1e-6, "U": 1e-6, "\u00b5": 1e-6}
# A number, an optional exponent or RKM digits (4k7), then what follows it (a scale and a unit).
_NUMBER = re.compile(r"(?<![\w.])[-+\u2212]?(?P<int>\d+(?:[.,]\d+)*|\.\d+)(?:[eE](?P<exp>[-+]?\d+))?"
                     r"(?:(?P<rkm>[kKmMrRuU\u00b5])(?P<frac>\d+))?[ \t]?(?P<tail>[A-Za-z\u00b5\u03bc\u03a9\u2126%]*)")
_ONES = "zero one two three four five six seven eight nine ten eleven twelve thirteen fourteen fifteen sixteen " \
    "seventeen eighteen nineteen"
_WORDS: dict[str, float] = {w: i for i, w in enumerate(_ONES.split())}
_WORDS.update({w: 10 * i for i, w in enumerate("_ _ twenty thirty forty fifty sixty seventy eighty ninety".split())
               if w != "_"})
_WORDS.update({"a hundred": 100, "hundred": 100, "a thousand": 1000, "thousand": 1000, "half": 0.5, "double": 2,
               "twice": 2, "triple": 3, "quarter": 0.25})
_WORD_NUMBER = re.compile(r"\b(?P<words>(?:(?:" + "|".join(sorted(_WORDS, key=len, reverse=True))
                          + r")[- ]?)+)(?P<tail>[a-z]*)", re.IGNORECASE)


def _scale(tail: str) -> float:
    """The scale a number's tail gives it: kHz 1e3, MHz 1e6, mV 1e-3, meg 1e6, kilohms 1e3, "" 1."""
    for prefix in ("mega", "kilo", "milli", "micro", "nano", "pico", "femto", "meg"):
        if tail.lower().startswith(prefix):
            return _SCALE[prefix]
    head = tail[:1]
    if not head or len(tail) == 1 and head in "FHVAs%":  # a bare unit: 5 V, 10 F
        return 1.0
    if head == "M":  # MHz, MΩ (mega); m is milli
        return 1e6
    return _SCALE.get(head, _SCALE.get(head.lower(), 1.0)) if head.lower() in "tgkmu\u00b5\u03bcnpf" else 1.0


def values_in(text: str) -> list[float]:
    """Every number in `text` with its scale applied: '4k7' and '4.7 kΩ' give 4700, '3.3 kHz'
    3300, 'ten kilohms' 10000, '50%' 0.5. Magnitudes only (a sign is a reading, not a number)."""
    found: list[float] = []
    for m in _NUMBER.finditer(text):
        digits = m["int"].replace(",", "") if re.fullmatch(r"\d{1,3}(?:,\d{3})+", m["int"]) else m["int"]
        try:
            base = float(digits.replace(",", ".")) * (10 ** int(m["exp"]) if m["exp"] else 1)
        except ValueError:
            continue
        if m["rkm"]:  # RKM: the letter is the decimal point and the scale (4k7, 2M2, 4r7)
            found.append(float(f"{m['int']}.{m['frac']}") * _RKM[m["rkm"]])
            continue
        tail = m["tail"]
        found.append(base * _scale(tail))
        if tail.startswith("%"):
            found.append(base / 100)
        found.append(base)  # the number as written also counts ("gain of 20" is 20, whatever follows it)
    for m in _WORD_NUMBER.finditer(text):
        words = [w for w in re.split(r"[- ]+", m["words"].lower().strip()) if w]
        total, current = 0.0, 0.0
        for w in words:
            value = _WORDS.get(w, _WORDS.get(f"a {w}", 0))
            if w in ("hundred", "thousand"):
                current = max(current, 1) * value
            else:
                current += value
        total += current
        found += [total, total * _scale(m["tail"])]
    return [abs(v) for v in found]


def _occurs(value: float, among: list[float]) -> bool:
    return value == 0 or any(abs(value - v) <= 1e-6 * max(value, v) for v in among)


# --- names --------------------------------------------------------------------------------------

_PART = re.compile(r"\b(?P<name>[A-Za-z]\w*)\s*=\s*[-+\d.]")  # "R1 = 10k", "VDD = 5 V"
_NODES = re.compile(r"\bfrom\s+(?P<a>[A-Za-z_]\w*|0)\s+to\s+(?P<b>[A-Za-z_]\w*|0)\b"
                    r"|\bbetween\s+(?P<c>[A-Za-z_]\w*|0)\s+and\s+(?P<d>[A-Za-z_]\w*|0)\b"
                    r"|\bnodes?\s+(?P<e>[A-Za-z_]\w*|0)\b")
ALIASES = {"LG": ("L",), "FREQ": ("f", "freq"), "VDD": ("VCC",), "IBIAS": ("ISS",)}  # names the rules read too


def _words(text: str) -> set[str]:
    return {w.lower() for w in re.findall(r"[A-Za-z_]\w*|\d+", text)}


_HALF_POWER = re.compile(r"[-+\u2212]?3 ?dB")  # "-3 dB point", "falls by 3 dB": they define a cutoff, no value


def cross_check(request: str, restatement: str) -> Reading:
    """The restatement, with the reasons it cannot be used: it names no registry family, or it
    holds a number, a part or a node the request does not (the model may rephrase, not invent)."""
    text = " ".join(restatement.split())
    if not text:
        return Reading("", None, ["the model gave no restatement"])
    named = family_named(text)
    if named is None:
        return Reading(text, None, [f"'{text.partition(':')[0]}' is no circuit family this tool builds"])
    kind, rest = named
    problems = []
    stated = values_in(request)
    invented = [m[0].strip() for m in _NUMBER.finditer(rest) if not _occurs(values_in(m[0])[0], stated)]
    if invented:
        problems.append("numbers not in the request: " + ", ".join(invented))
    # and leave none out: a figure the restatement drops is neither built nor checked, yet the
    # answer to the restatement would say verified ('Q around 2' dropped from a notch request)
    restated = values_in(text)
    dropped = [m[0].strip() for m in _NUMBER.finditer(request) if not _HALF_POWER.fullmatch(m[0].strip())
               and not any(_occurs(v, restated) for v in values_in(m[0]))]
    if dropped:
        problems.append("numbers of the request left out: " + ", ".join(dropped))
    said = _words(request)
    own = {r.lower() for r in roles(kind)} | {a.lower() for r in roles(kind) for a in ALIASES.get(r, ())}
    parts = [m["name"] for m in _PART.finditer(rest) if m["name"].lower() not in said | own]
    if parts:
        problems.append("parts not in the request: " + ", ".join(parts))
    # every item is something the rules read: a number, a node, an analysis ("music" is none)
    unread = [item.strip() for item in rest.split(",") if item.strip() and not re.search(
        r"\d|\bnodes?\b|operating point|\.op\b", item, re.IGNORECASE)]
    if unread:
        problems.append("words the rules cannot read: " + ", ".join(unread))
    nodes = [n for m in _NODES.finditer(rest) for n in m.groups() if n and n.lower() not in said | GROUND
             and not re.fullmatch(r"[\d.]+", n)]
    if nodes:
        problems.append("nodes not in the request: " + ", ".join(nodes))
    return Reading(text, kind, problems)


def read(description: str, reader: DraftBackend, candidates: list[str] | None = None,
         stop: threading.Event | None = None) -> Reading:
    """Ask the model for the restatement of `description` and cross-check it against the request.
    `candidates`: names of the known circuits nearest to it; the prompt shows each as its form
    (reading_form), so the model picks one and fills its slots with the request's own figures."""
    if stop is not None and stop.is_set():
        return Reading("", None, ["stopped"])
    kinds = [named[0] for name in candidates or [] if (named := family_named(name))]
    prompt = reader_prompt(description, [reading_form(kind) for kind in kinds])
    # The restatement is one line of distinct items: generation ends at its newline, at an item
    # the model writes a second time (it is looping), or when the caller stops it, instead of
    # running on to MAX_TOKENS.
    halt = threading.Event()
    written: list[str] = []

    def on_text(piece: str) -> None:
        written.append(piece)
        text = "".join(written).lstrip()
        if "\n" in text or _repeats(text) or stop is not None and stop.is_set():
            halt.set()

    draft = reader.draft(prompt, max_new_tokens=MAX_TOKENS, stop=halt, on_text=on_text)
    line = draft.text.strip().split("\n", 1)[0]
    if draft.new_tokens >= MAX_TOKENS and "\n" not in draft.text.strip():  # cut off: its last item may be half written
        head, _, rest = line.partition(":")
        line = canonical(head.strip(), [item.strip() for item in rest.split(",")[:-1]])
    first = filled(_distinct(line)) if line else ""
    cancelled = stop is not None and stop.is_set()
    reading = cross_check(description, first) if not cancelled else Reading("", None, ["stopped"])
    reading.seconds, reading.tokens = draft.seconds, draft.new_tokens
    return reading


def _complete_items(text: str) -> list[str]:
    """The items of a restatement that a comma has closed."""
    return [item.strip() for item in text.partition(":")[2].split(",")[:-1]]


def _repeats(text: str) -> bool:
    items = _complete_items(text)
    return len(items) != len(set(items))


def _distinct(line: str) -> str:
    """The line up to the first item written a second time."""
    head, colon, rest = line.partition(":")
    items: list[str] = []
    for item in (i.strip() for i in rest.split(",")):
        if item in items:
            break
        items.append(item)
    return f"{head}{colon} {', '.join(items)}" if colon else line
