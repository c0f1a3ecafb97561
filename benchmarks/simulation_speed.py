"""Time from "Simulate" to plot for a 100-element circuit with .op, .ac and .tran.

    python benchmarks/simulation_speed.py [--repeats 5] [--json .cache/bench/simulation_speed.json]

Three ways in, each into a fresh cache directory (cold) and then again (cached):
1. the editor: the real server over stdio (`python -m spice_lsp`), the file opened and its code
   lenses asked for, then at once `workspace/executeCommand spice-lsp.simulate [uri]` until its
   answer with the plot paths (server start not counted);
2. the core call the command makes (`simulate_file`), in this process;
3. the command line, `spice-lsp simulate FILE --plot OUT.svg`, a new process each time.
The circuit: a 45-section RC ladder (90 R and C), 8 clamp diodes, the source and a load
resistor, 100 elements. Timings on a shared machine are noisy: the load average is saved too.
"""
from __future__ import annotations

import argparse
import asyncio
import json
import logging
import os
import platform
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from spice_lsp.simulation.report import SimulationReport  # noqa: E402
from spice_lsp.simulation.run import simulate_file  # noqa: E402


def circuit(sections: int = 45, diodes: int = 8) -> str:
    """An RC ladder with diode clamps: sections * 2 + diodes + 2 elements."""
    lines = ["100-element RC ladder with diode clamps",
             "V1 n0 0 dc 1 ac 1 pulse(0 2 0 10u 10u 1m 2m)"]
    for k in range(1, sections + 1):
        lines += [f"R{k} n{k - 1} n{k} 100", f"C{k} n{k} 0 10n"]
    step = sections // diodes
    lines += [f"D{k} n{k * step} 0 dclamp" for k in range(1, diodes + 1)]
    lines += [f"RL n{sections} 0 10k", ".model dclamp d(is=1e-14 n=1.2)",
              ".op", ".ac dec 20 10 100meg", ".tran 2u 4m", ".end"]
    return "\n".join(lines) + "\n"


def elements(text: str) -> int:
    return sum(1 for line in text.split("\n")[1:] if line[:1].isalpha())


def core(path: Path, text: str, cache: Path) -> tuple[float, SimulationReport]:
    start = time.perf_counter()
    report = simulate_file(text, path=path, cache_dir=cache)
    return time.perf_counter() - start, report


def cli(path: Path, cache: Path, out: Path) -> float:
    start = time.perf_counter()
    subprocess.run([sys.executable, "-m", "spice_lsp", "simulate", str(path), "--plot", str(out)], check=True,
                   stdout=subprocess.DEVNULL, env={**os.environ, "SPICE_LSP_CACHE": str(cache)})
    return time.perf_counter() - start


async def editor(path: Path, text: str, caches: list[Path]) -> list[tuple[float, float, float]]:
    """(first command, same text again, an edited text) per cache directory, one server each."""
    from lsprotocol import types
    from pygls.lsp.client import LanguageClient
    results: list[tuple[float, float, float]] = []
    for cache in caches:
        client = LanguageClient("bench", "1")
        os.environ["SPICE_LSP_CACHE"] = str(cache)  # the server inherits it
        await client.start_io(sys.executable, "-m", "spice_lsp")
        await client.initialize_async(types.InitializeParams(
            capabilities=types.ClientCapabilities(),
            workspace_folders=[types.WorkspaceFolder(uri=path.parent.as_uri(), name="bench")]))
        client.initialized(types.InitializedParams())
        uri = path.as_uri()
        client.text_document_did_open(types.DidOpenTextDocumentParams(
            types.TextDocumentItem(uri=uri, language_id="spice", version=1, text=text)))
        # as an editor does on opening the file; the command follows at once, not seconds later
        await client.text_document_code_lens_async(types.CodeLensParams(types.TextDocumentIdentifier(uri)))
        times = []
        for version in (1, 1, 2):
            if version == 2:  # an edit: a new content hash, so ngspice and the plots run again
                client.text_document_did_change(types.DidChangeTextDocumentParams(
                    types.VersionedTextDocumentIdentifier(uri=uri, version=2),
                    [types.TextDocumentContentChangeWholeDocument(text=text.replace("RL n45 0 10k", "RL n45 0 4.7k"))]))
            start = time.perf_counter()
            answer = await client.workspace_execute_command_async(types.ExecuteCommandParams(
                command="spice-lsp.simulate", arguments=[uri]))
            times.append(time.perf_counter() - start)
            assert answer and answer["ok"] and all(Path(p).is_file() for p in answer["plots"]), answer
        results.append((times[0], times[1], times[2]))
        await client.shutdown_async(None)
        client.exit(None)
        await client.stop()
    return results


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--repeats", type=int, default=5)
    parser.add_argument("--json", default=str(ROOT / ".cache" / "bench" / "simulation_speed.json"))
    args = parser.parse_args()
    logging.getLogger("pygls").setLevel(logging.ERROR)  # the bench client ignores the server's notifications
    text = circuit()
    with tempfile.TemporaryDirectory(prefix="spice-lsp-bench-") as tmp_name:
        tmp = Path(tmp_name)
        path = tmp / "ladder.cir"
        path.write_text(text)
        caches = [tmp / f"cache{n}" for n in range(args.repeats * 3)]
        first, report = core(path, text, caches[0])  # includes importing matplotlib
        assert report.ok, report.text
        runs = [core(path, text, caches[n])[0] for n in range(1, args.repeats + 1)]
        cached = [core(path, text, caches[1])[0] for _ in range(args.repeats)]
        per_analysis = {r.analysis.text: round(r.seconds, 3) for r in report.runs if r.analysis is not None}
        cli_cold = [cli(path, caches[args.repeats + 1 + n], tmp / f"out{n}.svg") for n in range(args.repeats)]
        lsp = asyncio.run(editor(path, text, caches[2 * args.repeats + 1:2 * args.repeats + 1 + min(3, args.repeats)]))
    result = {
        "circuit": {"elements": elements(text), "nodes": 47, "analyses": [".op", ".ac dec 20 10 100meg", ".tran 2u 4m"],
                    "plots": len(report.plots)},
        "editor_command_cold_s": round(statistics.median(x[0] for x in lsp), 3),
        "editor_command_cached_s": round(statistics.median(x[1] for x in lsp), 4),
        "editor_command_after_edit_s": round(statistics.median(x[2] for x in lsp), 3),
        "core_first_in_process_s": round(first, 3),
        "core_cold_median_s": round(statistics.median(runs), 3),
        "core_cached_median_s": round(statistics.median(cached), 4),
        "cli_cold_median_s": round(statistics.median(cli_cold), 3),
        "ngspice_seconds_per_analysis": per_analysis,
        "repeats": args.repeats, "load_average": os.getloadavg(), "cpus": os.cpu_count(),
        "python": platform.python_version(), "machine": platform.machine(),
    }
    print(f"{result['circuit']['elements']}-element circuit, .op + .ac + .tran, {len(report.plots)} plots (SVG)")
    print(f"  editor command -> plot paths, first:  {result['editor_command_cold_s']:.3f} s "
          f"(median of {len(lsp)} servers)")
    print(f"  editor command again (cached):        {result['editor_command_cached_s'] * 1000:.1f} ms")
    print(f"  editor command after an edit:         {result['editor_command_after_edit_s']:.3f} s")
    print(f"  core simulate_file, cold:             {result['core_cold_median_s']:.3f} s (median of {args.repeats}); "
          f"first in a process {result['core_first_in_process_s']:.3f} s")
    print(f"  core, cached:                         {result['core_cached_median_s'] * 1000:.1f} ms")
    print(f"  spice-lsp simulate --plot (new process): {result['cli_cold_median_s']:.3f} s")
    print(f"  ngspice alone, per analysis (s): {per_analysis}")
    print(f"  load average {result['load_average'][0]:.2f} on {result['cpus']} CPUs")
    Path(args.json).parent.mkdir(parents=True, exist_ok=True)
    Path(args.json).write_text(json.dumps(result, indent=2))
    print(f"wrote {args.json}")


if __name__ == "__main__":
    main()
