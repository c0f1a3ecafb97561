"""Build the reading job's (request -> canonical restatement) pairs, every pair checked by the rules.

    python -m training.reader_dataset --out .cache/reader-dataset --per-family 14

The reading job (spice_lsp/generation/model_reader.py): the model restates a request the rules
could not read in the one phrasing they understand, "<family name>: <parts>, <specs>, <analyses>".
Requests come from the circuit registry (families.py: names, roles, specs) and training/phrasing.py
(values written many ways, chatty or terse, analyses in words or as directives), and half of them
name the circuit by what it does instead of by its name (FUNCTIONS below, written for this job:
"lets frequencies below {x} through", "makes the output ten times the input, inverted"), which is
what the rule reader misses. A pair is kept only when
  * its restatement, read by the rules (parse_intent, read_request), gives the family, every value,
    the analyses, the nodes and the spec the request asked for;
  * the restatement passes the pipeline's own cross-check (model_reader.cross_check: every number,
    part and node in it occurs in the request);
  * no 8-word span of the request appears in a benchmark case (training/dataset.py's OverlapIndex).
Each prompt shows the known circuits nearest to the request (the retriever the pipeline uses), each
as its form with slots for the figures (model_reader.reading_form).
Whole families are held out of training (--held-out, listed in the data card); their pairs go to
heldout.jsonl so the model's reading of circuits it never saw can be reported on its own.

Outputs under --out: train.jsonl, validation.jsonl, heldout.jsonl, rejected.jsonl, data_card.md,
data_card.json, dataset_config.json (the resolved arguments).
"""
from __future__ import annotations

import json
import math
import random
import re
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

from spice_lsp.generation.families import FAMILIES as REGISTRY
from spice_lsp.generation.intent import parse_intent
from spice_lsp.generation.lm import reader_prompt
from spice_lsp.generation.model_reader import (
    ROLE_NAMES,
    SPEC_CANONICAL,
    SPEC_UNIT,
    canonical,
    cross_check,
    family_named,
    reading_form,
    value_text,
    with_unit,
)
from spice_lsp.generation.request import read_request

from .common import UsageError, cli, inside_tracked_tree, parse_args, save_config, sha256_files
from .dataset import DatasetArguments, OverlapIndex, case_files
from .phrasing import FAMILY_NAMES, Request, fix_articles, round_trip, sample_request, spell

# What each circuit does, in words that avoid its name; {x} is the family's first spec, written
# with its unit. Written for this job (not taken from any benchmark case).
FUNCTIONS: dict[str, list[str]] = {
    "rc_lowpass": ["a resistor and capacitor network that lets frequencies below {x} through",
                   "a passive first-order network that smooths the signal, corner at {x}",
                   "one resistor in series and one capacitor to ground to take out the high frequencies"],
    "rc_highpass": ["a resistor and capacitor network that blocks DC and passes frequencies above {x}",
                    "a series capacitor with a resistor to ground that removes the low frequencies",
                    "a first-order passive network that passes only what is above {x}"],
    "rl_lowpass": ["a series inductor with a resistor to ground that passes frequencies below {x}"],
    "rl_highpass": ["a series resistor with an inductor to ground that passes frequencies above {x}"],
    "rlc_bandpass": ["an inductor-capacitor tank circuit that passes a band of frequencies around {x}",
                     "a tuned passive network that only lets a narrow band around {x} through"],
    "rlc_notch": ["a passive LC trap that rejects a single frequency of {x}",
                  "a network that removes hum at {x} and passes the rest"],
    "voltage_divider": ["two resistors in series that scale a voltage down to {x}",
                        "a pair of resistors that gives a fraction of the input voltage, {x} at the tap"],
    "half_wave_rectifier": ["a single diode with a smoothing capacitor that turns AC into DC",
                            "a one-diode circuit that lets only the positive half cycles through to a load"],
    "full_wave_rectifier": ["four diodes that turn both half cycles of an AC sine into DC on a load",
                            "a diode bridge with a reservoir capacitor that makes DC from the mains-like sine"],
    "zener_regulator": ["a resistor and a breakdown diode that hold the output near {x}",
                        "a shunt diode stabiliser that keeps the load voltage at {x}"],
    "diode_iv": ["a sweep of a diode's current against its voltage through a series resistor"],
    "bjt_common_emitter": ["a single NPN stage that inverts and amplifies a small signal, divider biased",
                           "a bipolar transistor voltage amplifier with the output at the collector"],
    "bjt_emitter_follower": ["an NPN stage whose emitter output copies the base voltage to drive a load",
                             "a bipolar unity-gain buffer with the output taken at the emitter"],
    "mos_common_source": ["an NMOS transistor stage that amplifies with its output at the drain resistor",
                          "a single MOSFET voltage amplifier, input on the gate, output at the drain"],
    "mos_source_follower": ["an NMOS buffer whose source output follows the gate",
                            "a MOSFET stage with the output at the source that copies the input"],
    "current_mirror": ["two matched NMOS transistors that copy a reference current to an output",
                       "a transistor pair that makes a copy of a current"],
    "differential_pair": ["two NMOS transistors sharing a tail current that amplify the difference of two inputs"],
    "cmos_inverter": ["a complementary MOSFET logic stage whose output is the opposite of its input",
                      "an NMOS and a PMOS in series that flip a logic level"],
    "cmos_nand": ["a CMOS logic gate whose output is low only when both inputs are high"],
    "opamp_inverting": ["an op-amp stage that makes the output {x} times the input, inverted",
                        "an op-amp circuit with the signal into the minus input that flips and scales it by {x}"],
    "opamp_noninverting": ["an op-amp stage that multiplies the input by {x} without inverting it",
                           "an op-amp circuit with the signal on the plus input and a gain of {x}, same polarity"],
    "opamp_buffer": ["an op-amp whose output copies its input exactly, output tied to the minus input",
                     "a unity-gain op-amp isolation stage"],
    "opamp_integrator": ["an op-amp with a capacitor in the feedback path whose output is the running integral "
                         "of the input"],
    "active_lowpass": ["a second-order op-amp filter that keeps frequencies below {x}",
                       "an active two-pole filter that removes everything above {x}"],
    "active_highpass": ["a second-order op-amp filter that keeps only frequencies above {x}",
                        "an active two-pole filter that removes everything below {x}"],
    "rc_oscillator": ["an op-amp sine wave generator with a series and a parallel RC network, running at {x}",
                      "a sine source built from an op-amp and a lead-lag network at {x}"],
    "phase_shift_oscillator": ["an oscillator using three RC sections that shift the phase by 180 degrees, at {x}"],
    "bjt_switch": ["an NPN transistor driven hard on and off to switch a load from a logic input",
                   "a bipolar transistor used as an on/off switch for a load"],
    "transimpedance": ["an op-amp stage that turns a photocurrent into a voltage of {x}",
                       "a feedback resistor around an op-amp that converts a sensor current into {x}"],
    "ring_oscillator": ["an odd number of CMOS inverters connected in a loop so that it oscillates"],
    "buck_converter": ["a switching supply with an inductor that steps the input down to {x}",
                       "a switch-mode DC-DC stage that lowers the voltage to {x} efficiently"],
    "boost_converter": ["a switching supply with an inductor that raises the input up to {x}",
                        "a switch-mode DC-DC stage that steps the voltage up to {x}"],
    "wheatstone_bridge": ["four resistors in a diamond with the sensing element in one arm, read across the middle"],
    "mfb_bandpass": ["an op-amp filter with two feedback paths that passes a band centred on {x}"],
    "twin_t_notch": ["two T-shaped RC networks in parallel that cancel one frequency, {x}"],
    "butterworth_lowpass": ["a maximally flat active filter that cuts off above {x}"],
    "chebyshev_lowpass": ["an active filter with ripple in the passband and a steep roll-off above {x}"],
    "bessel_lowpass": ["an active low-pass with the flattest group delay, corner at {x}"],
    "bjt_cascode": ["a common-emitter transistor stacked under a common-base one for wide bandwidth"],
    "darlington_pair": ["two NPN transistors where the first emitter drives the second base for a huge current "
                        "gain"],
    "wilson_mirror": ["a three-transistor current copier with high output resistance that delivers {x}"],
    "widlar_mirror": ["a current source with an emitter resistor that makes a small output current of {x}"],
    "class_b_push_pull": ["a complementary NPN and PNP output stage that drives a speaker load, no bias"],
    "jfet_common_source": ["a junction FET voltage amplifier with the output on the drain resistor"],
    "common_base": ["a bipolar stage with the input on the emitter and the base grounded for AC"],
    "common_gate": ["an NMOS stage with the input on the source and the gate held at a fixed bias"],
    "five_transistor_ota": ["a simple CMOS transconductance amplifier with a mirror load, bandwidth {x}"],
    "two_stage_opamp": ["a CMOS operational amplifier with a Miller capacitor between its two stages, "
                        "DC gain {x}"],
    "comparator": ["an op-amp with no feedback that says whether the input is above a threshold"],
    "schmitt_inverting": ["a comparator with positive feedback that cleans up a noisy input, hysteresis {x}"],
    "window_comparator": ["two comparators that flag when the input lies between a low and a high threshold"],
    "linear_regulator": ["an op-amp and a pass transistor that hold the output at {x} from a higher supply"],
    "ldo_regulator": ["a regulator with a PMOS pass device that holds {x} even with little headroom"],
    "charge_pump_doubler": ["switched capacitors that make roughly twice the input voltage without an inductor"],
    "voltage_doubler": ["two diodes and two capacitors that give twice the AC peak as DC"],
    "half_bridge": ["two switches in a totem pole with dead time driving an inductive load"],
    "buck_boost_converter": ["a switching supply with an inductor that gives a negative output of {x}"],
    "flyback_converter": ["an isolated switch-mode supply that stores energy in a coupled inductor, output {x}"],
    "colpitts_oscillator": ["an LC oscillator with a capacitive divider in the tank, running at {x}",
                            "a transistor oscillator whose feedback comes from two capacitors and one coil, at {x}"],
    "hartley_oscillator": ["an LC oscillator with a tapped coil in the tank, running at {x}",
                           "a transistor oscillator whose feedback comes from two inductors and one capacitor, "
                           "at {x}"],
    "pierce_crystal_oscillator": ["an oscillator with a quartz resonator and an inverter, at {x}"],
    "relaxation_oscillator": ["an op-amp square wave generator charging a capacitor between two thresholds, "
                              "at {x}"],
    "bjt_astable": ["two cross-coupled transistors that flip back and forth forever, at {x}"],
    "timer555_astable": ["the classic timer chip wired to free-run and blink at {x}"],
    "timer555_monostable": ["the classic timer chip wired to give one pulse of {x} per trigger"],
    "r2r_dac": ["a resistor ladder of two values that turns a binary code into a voltage"],
    "flash_adc": ["a resistor string and a row of comparators that digitise a voltage in one step"],
    "cmos_nor": ["a CMOS logic gate whose output is high only when both inputs are low"],
    "sr_latch": ["two cross-coupled gates that remember a set or reset pulse"],
    "ntc_divider": ["a resistor and a temperature-dependent resistor in series giving {x}"],
    "led_resistor": ["a light-emitting diode with a series resistor setting {x} through it"],
    "difference_amplifier": ["an op-amp with four resistors whose output is the difference of its two inputs "
                             "times {x}"],
    "instrumentation_amplifier": ["three op-amps with a single gain resistor that amplify a small differential "
                                  "signal by {x}"],
    "summing_amplifier": ["an op-amp that adds several input voltages, each through its own resistor"],
    "howland_current_source": ["an op-amp with a balanced resistor bridge that pushes {x} into a load"],
    "precision_half_wave_rectifier": ["an op-amp and diode rectifier that works even for millivolt signals"],
    "peak_detector": ["an op-amp, a diode and a capacitor that hold the highest input voltage seen"],
    "sample_and_hold": ["a switch and a capacitor that freeze the input voltage on a clock"],
    "log_amplifier": ["an op-amp with a diode in feedback whose output follows the logarithm of the input"],
    "practical_differentiator": ["an op-amp with a capacitor at the input whose output follows the rate of change "
                                 "of the input"],
    "gyrator": ["an op-amp circuit that makes a capacitor behave like an inductor, resonating at {x}"],
}

# Ways a request says each spec (the restatement writes it as model_reader.SPEC_CANONICAL does).
SPEC_ASKED = {"cutoff": ["with a cutoff of {x}", "corner frequency {x}", "-3 dB point at {x}"],
              "center": ["centred at {x}", "with a centre frequency of {x}", "tuned to {x}"],
              "notch": ["notching out {x}", "with its null at {x}"],
              "gain": ["with a gain of {x}", "gain of {x}", "voltage gain {x}"],
              "gain_db": ["with {x} dB of gain", "gain {x} dB"],
              "vout": ["giving {x} out", "with an output of {x}", "delivering {x}"],
              "frequency": ["oscillating at {x}", "running at {x}", "at a frequency of {x}"],
              "current": ["delivering {x}", "with an output current of {x}"],
              "width": ["with a pulse width of {x}", "giving a {x} pulse"],
              "hysteresis": ["with {x} of hysteresis", "hysteresis of {x}"],
              "ugbw": ["with a unity-gain bandwidth of {x}", "unity-gain frequency {x}"],
              "dc_gain_db": ["with a DC gain of {x} dB", "open-loop gain {x} dB"], "q": ["with a Q of {x}"]}

@dataclass
class ReaderDatasetArguments:
    out: str = field(default=".cache/reader-dataset", metadata={"help": "Output directory (outside git)."})
    per_family: int = field(default=14, metadata={"help": "Pairs kept per circuit family, at most."})
    function_share: float = field(default=0.6, metadata={
        "help": "Share of requests (for families with FUNCTIONS) that describe the circuit instead of naming it."})
    held_out: list[str] = field(default_factory=lambda: [
        "rl_highpass", "mos_source_follower", "opamp_noninverting", "active_highpass", "boost_converter",
        "hartley_oscillator", "cmos_nor", "widlar_mirror", "ldo_regulator", "bjt_astable",
        "instrumentation_amplifier", "flash_adc"], metadata={
        "help": "Families never seen in training (their pairs go to heldout.jsonl).", "action": "extend"})
    validation_fraction: float = field(default=0.05, metadata={"help": "Share of the other pairs for validation."})
    candidates: int = field(default=5, metadata={"help": "Known circuits named in each prompt (retrieved)."})
    max_attempts: int = field(default=6, metadata={"help": "Requests tried per kept pair, at most."})
    seed: int = field(default=0, metadata={"help": "Random seed."})


# --- one pair -------------------------------------------------------------------------------------

def _analysis_text(kind: str, directives: list[str], asked: str) -> str:
    """The analysis as the restatement writes it: a directive as written, words as 'AC from a to b'."""
    if not directives:
        return ""
    if asked.startswith("."):
        return asked
    words = directives[0].split()
    if words[0] == ".ac":
        start, stop = (with_unit(_spice(w), "Hz") for w in words[3:5])
        return f"AC up to {stop}" if re.search(r"\bup to\b", asked) else f"AC from {start} to {stop}"
    if words[0] == ".tran":
        return f"transient for {with_unit(_spice(words[2]), 's')}"
    if words[0] == ".op":
        return "operating point"
    return f"DC sweep of VIN from {float(_spice(words[2])):g} V to {float(_spice(words[3])):g} V"


def _spice(text: str) -> float:
    from spice_lsp.language.units import parse_number
    value = parse_number(text)
    if value is None:
        raise ValueError(text)
    return value


def _spec(kind: str, rng: random.Random) -> tuple[str, float, str] | None:
    """(quantity, target, target as written) of the family's first spec, drawn from its test range."""
    examples = REGISTRY[kind].examples
    if not examples:
        return None
    quantity, _, low, high = examples[0]
    target = float(f"{math.exp(rng.uniform(math.log(abs(low)), math.log(abs(high)))):.2g}")
    if quantity == "gain" and kind == "opamp_inverting":
        target = -target
    unit = SPEC_UNIT[quantity]
    if unit:
        written, _ = spell(target, unit, rng)
    else:
        written = f"{target:g}"
    return quantity, target, written


def sample_pair(kind: str, rng: random.Random, described: bool) -> tuple[str, str, Request, tuple | None]:
    """(request, restatement, the phrasing.Request of its values, the spec) for one family."""
    req = sample_request(kind, rng)
    text = req.description
    spec = _spec(kind, rng) if REGISTRY[kind].specs and rng.random() < 0.6 else None
    in_text = False
    name = next((n for n in sorted(FAMILY_NAMES[kind], key=len, reverse=True)
                 if n in text or n[0].upper() + n[1:] in text), None)
    if described and name is not None:
        function = rng.choice(FUNCTIONS[kind])
        if "{x}" in function:
            spec = spec or _spec(kind, rng)
            if spec is not None:  # the spec is part of what it does ("lets frequencies below 3.3 kHz through")
                function, in_text = function.replace("{x}", spec[2].lstrip("-")), True
            else:
                function = re.sub(r",? *(?:corner )?(?:at|of|to|by|giving|running at|delivering)? *\{x\}", "", function)
        # "an RC low-pass filter" -> "a network that ...": the phrase brings its own article (or none)
        text = re.sub(r"\b(?:[Aa]n?) (?=" + re.escape(name) + r")", "", text)
        text = text.replace(name, function).replace(name[0].upper() + name[1:], function[0].upper() + function[1:])
    if spec is not None and not in_text:
        text = text.rstrip(".") + ", " + rng.choice(SPEC_ASKED[spec[0]]).format(x=spec[2]) + "."
    text = fix_articles(" ".join(text.split()))
    items = [f"{ROLE_NAMES.get(role, role)} = {value_text(role, value)}" for role, value in req.values.items()]
    if spec is not None:
        items.append(SPEC_CANONICAL[spec[0]].format(x=_spec_canonical(spec)))
    if req.nodes:
        items.append(f"input at node {req.nodes[0]}, output at node {req.nodes[1]}")
    if analysis := _analysis_text(kind, req.analyses, _asked_analysis(req)):
        items.append(analysis)
    return text, canonical(REGISTRY[kind].names[0], items), req, spec


def _asked_analysis(req: Request) -> str:
    """The analysis as the request wrote it (a directive, or words)."""
    found = re.search(r"\.(?:ac|tran|op|dc)\b[^,;]*", req.description)
    if found:
        return found[0].strip()
    return "up to" if re.search(r"\bup to\b", req.description) else "words"


def _spec_canonical(spec: tuple) -> str:
    quantity, target, _ = spec
    unit = SPEC_UNIT[quantity]
    return with_unit(target, unit) if unit else f"{target:g}"


def check_pair(request: str, restatement: str, req: Request, spec: tuple | None, kind: str) -> str | None:
    """None when the rules read the restatement as the family, values, analyses, nodes and spec
    the request asked for and it passes the pipeline's cross-check; else why not."""
    reading = cross_check(request, restatement)
    if not reading.ok:
        return "cross-check: " + "; ".join(reading.problems)
    if reading.kind != kind:
        return f"restatement names {reading.kind}, not {kind}"
    intent = parse_intent(restatement)
    if intent.kind != kind:
        return f"rules read the restatement as {intent.kind}"
    for role, value in req.values.items():
        if role not in intent.values or not math.isclose(intent.values[role].value, value, rel_tol=1e-6):
            return f"rules read {role} as {intent.values.get(role)}"
    directives = [a.directive for a in intent.analyses]
    if directives != req.analyses and (req.analyses or spec is None):
        return f"rules read the analyses as {directives}, not {req.analyses}"
    if intent.nodes != req.nodes:
        return f"rules read the nodes as {intent.nodes}"
    if spec is not None:
        specs = [(s.quantity, s.target) for s in read_request(restatement).specs]
        if not any(q == spec[0] and math.isclose(t, spec[1], rel_tol=1e-6) for q, t in specs):
            return f"spec {spec[0]} {spec[1]:g} read as {specs}"
    elif (why := round_trip(Request(restatement, kind, req.values, req.texts, req.analyses, req.nodes))):
        return f"rules read the restatement wrongly: {why}"
    return None


# --- the set --------------------------------------------------------------------------------------

def nearest(requests: list[str], count: int) -> list[list[str]]:
    """The names of the `count` known circuits nearest to each request (the pipeline's retriever)."""
    from spice_lsp.generation.assistant import template_examples
    from spice_lsp.generation.retrieval import Retriever
    retriever = Retriever(template_examples())
    index = retriever.index()
    _, ids = index.search(retriever.embed(requests), count + 1)
    names = [[REGISTRY[retriever.examples[i].id].names[0] for i in row if i >= 0
              and retriever.examples[i].id != "generic"][:count] for row in ids]
    return names


def record(request: str, restatement: str, kind: str, candidates: list[str], tags: list[str]) -> dict:
    """One pair; the prompt shows each nearest circuit as its form, as model_reader.read does."""
    prompt = reader_prompt(request, [reading_form(named[0]) for name in candidates
                                     if (named := family_named(name))])
    return {"instruction": request, "response": restatement, "kind": kind, "tags": tags, "job": "read",
            "prompt": {"system": prompt.system, "user": prompt.user, "answer_prefix": prompt.answer_prefix}}


def build(args: ReaderDatasetArguments) -> dict:
    out = Path(args.out)
    if inside_tracked_tree(out.resolve()):
        raise UsageError(f"--out {out}: inside a git-tracked folder; use .cache/ or another ignored place")
    unknown = [k for k in args.held_out if k not in REGISTRY]
    if unknown:
        raise UsageError(f"--held-out: no such family: {', '.join(unknown)}")
    rng = random.Random(args.seed)
    overlap = OverlapIndex(case_files(DatasetArguments()), 8)  # the benchmark cases dataset.py checks
    kept: list[tuple[str, str, str, list[str]]] = []
    rejected: list[dict] = []
    seen: set[str] = set()
    for kind in sorted(FAMILY_NAMES):
        got = 0
        for _attempt in range(args.per_family * args.max_attempts):
            if got >= args.per_family:
                break
            described = kind in FUNCTIONS and rng.random() < args.function_share
            try:
                request, restatement, req, spec = sample_pair(kind, rng, described)
            except (ValueError, KeyError, ZeroDivisionError) as error:
                rejected.append({"kind": kind, "reason": f"sampling: {error}"})
                continue
            why = None if request not in seen else "duplicate"
            if why is None and (hit := overlap.hit(request)):
                why = f"benchmark overlap with {hit[0]}: '{hit[1]}'"
            why = why or check_pair(request, restatement, req, spec, kind)
            if why:
                rejected.append({"kind": kind, "request": request, "restatement": restatement, "reason": why})
                continue
            seen.add(request)
            got += 1
            kept.append((request, restatement, kind, ["function" if described else "named", f"style:{req.style}"]
                         + (["spec"] if spec else [])))
    candidates = nearest([k[0] for k in kept], args.candidates)
    records = [record(r, s, k, c, t) for (r, s, k, t), c in zip(kept, candidates)]
    held = [x for x in records if x["kind"] in args.held_out]
    rest = [x for x in records if x["kind"] not in args.held_out]
    rng.shuffle(rest)
    n_val = int(len(rest) * args.validation_fraction)
    validation, train = rest[:n_val], rest[n_val:]
    out.mkdir(parents=True, exist_ok=True)
    for name, rows in (("train", train), ("validation", validation), ("heldout", held), ("rejected", rejected)):
        with open(out / f"{name}.jsonl", "w", encoding="utf-8") as f:
            f.writelines(json.dumps(row, ensure_ascii=False) + "\n" for row in rows)
    card = {"pairs": {"train": len(train), "validation": len(validation), "heldout": len(held)},
            "rejected": len(rejected), "rejection_reasons": Counter(r["reason"].split(":")[0] for r in rejected),
            "families": len({x["kind"] for x in records}), "held_out_families": args.held_out,
            "described_by_function": sum("function" in x["tags"] for x in records),
            "with_a_spec": sum("spec" in x["tags"] for x in records),
            "nearest_includes_family": round(sum(REGISTRY[x["kind"]].names[0] in x["prompt"]["user"]
                                                 for x in records) / max(len(records), 1), 3),
            "benchmark_cases_checked": overlap.cases,
            "sha256": sha256_files(out / "train.jsonl", out / "validation.jsonl")}
    (out / "data_card.json").write_text(json.dumps(card, indent=2) + "\n", encoding="utf-8")
    (out / "data_card.md").write_text(card_markdown(card, records), encoding="utf-8")
    save_config(out / "dataset_config.json", args, job="read")
    print(json.dumps(card, indent=2))
    return card


def card_markdown(card: dict, records: list[dict]) -> str:
    examples = [f"- `{x['instruction']}` -> `{x['response']}`" for x in records[:: max(len(records) // 8, 1)][:8]]
    return "\n".join([
        "# Reader data card (request -> canonical restatement)", "",
        f"- pairs: {card['pairs']['train']} train, {card['pairs']['validation']} validation, "
        f"{card['pairs']['heldout']} held-out ({card['families']} families)",
        f"- held-out families (never in training): {', '.join(card['held_out_families'])}",
        f"- described by function instead of named: {card['described_by_function']}; with a spec: "
        f"{card['with_a_spec']}",
        f"- the prompt's nearest circuits include the right family in {card['nearest_includes_family']:.0%}",
        f"- rejected: {card['rejected']} ({dict(card['rejection_reasons'])})",
        f"- benchmark cases checked for 8-word overlap: {card['benchmark_cases_checked']}",
        f"- train + validation SHA-256: `{card['sha256']}`", "", "Examples:", *examples, ""])


@cli
def main(argv: list[str] | None = None) -> dict:
    return build(parse_args(ReaderDatasetArguments, argv, __doc__.split("\n\n")[0]))


if __name__ == "__main__":
    main()
