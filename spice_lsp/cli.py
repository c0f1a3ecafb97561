"""Command line: `spice-lsp` serves LSP over stdio (or --tcp); `spice-lsp check FILE...`
prints diagnostics like a compiler."""
from __future__ import annotations

import argparse
import json
import logging
import os
import sys
from pathlib import Path

from spice_lsp.language.checks import check
from spice_lsp.language.files import read_netlist  # regular files only, bounded: never hangs on a FIFO
from spice_lsp.language.includes import Workspace


def run_check(args) -> int:
    failed = False
    report = []
    include_paths = [Path(p) for p in args.include_path]
    for name in args.files:
        path = Path(name)
        try:
            text = read_netlist(path)
        except ValueError as error:
            failed = True
            report.append({"file": name, "error": f"{name}: {error}"})
            continue
        workspace = Workspace(roots=[Path.cwd(), path.resolve().parent], include_paths=include_paths)
        result = check(text, path.resolve(), workspace)
        failed |= bool(result.errors)
        report.append({"file": name, "diagnostics": [d.to_json() for d in result.diagnostics]})
    if args.format == "json":
        print(json.dumps(report, indent=2, ensure_ascii=False))
    else:
        for entry in report:
            if "error" in entry:
                print(entry["error"])
                continue
            for d in entry["diagnostics"]:
                print(f"{entry['file']}:{d['line']}:{d['column']}: {d['code']} {d['severity']} {d['message']}")
    return 1 if failed else 0


def _assistant(args):
    """The generation service for the generation flags, coerced as the editor's options are."""
    from spice_lsp.editor.options import generation_options
    from spice_lsp.generation.assistant import Assistant
    problems: list[str] = []
    flags = {"backend": args.backend or "", "adapter": args.adapter or "", "base_model": args.base_model,
             "openai_url": args.openai_url, "openai_model": args.openai_model, "budget_s": args.budget}
    options = generation_options(flags, problems, where="--")
    if problems:
        raise ValueError("; ".join(problems))
    return Assistant(options)


def run_generate(args) -> int:
    from spice_lsp.generation.pipeline import CannotServe, checklist_lines
    try:
        result = _assistant(args).generate(args.description)
    except (CannotServe, ValueError) as error:
        print(f"spice-lsp generate: {error}", file=sys.stderr)
        for known in getattr(error, "nearest", []):  # what can be built instead, ready to ask for
            print(f"  nearest known: {known.summary} (spice-lsp generate \"{known.name}\")", file=sys.stderr)
        return 2
    if args.json:
        print(json.dumps(result.to_json(), indent=2, ensure_ascii=False))
    else:
        print(result.netlist, end="")
        for warning in result.warnings:
            print(f"warning: {warning}", file=sys.stderr)
        for line in checklist_lines(result):
            print(f"# {line}", file=sys.stderr)
        print(f"# {result.backend}: {result.reason}; {result.verdict}", file=sys.stderr)
    return 0


def run_fill(args) -> int:
    """Fill every `* describe:` line of a file, as the editor's code action would."""
    from spice_lsp.editor.features import describe_request, netlist_insertion
    from spice_lsp.generation.pipeline import CannotServe
    try:
        text = read_netlist(Path(args.file))
        assistant = _assistant(args)
    except ValueError as error:
        print(f"{args.file}: {error}", file=sys.stderr)
        return 2
    lines = text.split("\n")
    for number in reversed(range(len(lines))):  # bottom-up: earlier line numbers stay valid
        description = describe_request(lines[number])
        if description is None:
            continue
        try:
            result = assistant.generate(description)
        except CannotServe as error:
            print(f"{args.file}:{number + 1}: {error}", file=sys.stderr)
            return 2
        lines[number] += netlist_insertion("\n".join(lines), number, result.netlist).text
        print(f"{args.file}:{number + 1}: {result.backend} ({result.reason}), {result.verdict}", file=sys.stderr)
    text = "\n".join(lines)
    if args.output:
        Path(args.output).parent.mkdir(parents=True, exist_ok=True)
        Path(args.output).write_text(text, encoding="utf-8")
    else:
        print(text, end="")
    return 0


def run_simulate(args) -> int:
    """Every analysis of a file in the sandboxed ngspice: op table, .meas values, one plot each."""
    from spice_lsp.simulation.options import SimulationOptions
    from spice_lsp.simulation.report import summary
    from spice_lsp.simulation.run import simulate_file
    path = Path(args.file)
    try:
        text = read_netlist(path)
    except ValueError as error:
        print(f"{args.file}: {error}", file=sys.stderr)
        return 1
    plot_format = "svg"
    if args.plot:
        plot_format = Path(args.plot).suffix.lower().lstrip(".")
        if plot_format not in ("svg", "png"):
            print(f"spice-lsp simulate: --plot wants a .svg or .png file name, not {args.plot}", file=sys.stderr)
            return 2
    options = SimulationOptions(timeout_s=args.timeout, run_control=args.run_control)
    report = simulate_file(text, path=path, allowed_dirs=[Path.cwd(), *map(Path, args.include_path)],
                           options=options, plot_format=plot_format)
    if args.plot:
        report.plots = copy_plots(report.plots, Path(args.plot))
    if args.json:
        print(json.dumps({"file": args.file, **report.to_json()}, indent=2, ensure_ascii=False))
        return 0 if report.ok else 1
    for problem in report.problems:
        print(f"{args.file}:{problem.line + 1}: {problem.severity}: {problem.message}")
    print(summary(report, with_problems=False))  # the problems are above, compiler-style
    return 0 if report.ok else 1


def copy_plots(plots: list[str], target: Path) -> list[str]:
    """Copy cached plots to `target` (one plot), or to target-<line>-<analysis>.ext (several)."""
    import shutil
    target.parent.mkdir(parents=True, exist_ok=True)
    written = []
    for plot in plots:
        name = target if len(plots) == 1 else target.with_name(f"{target.stem}-{Path(plot).stem}{target.suffix}")
        shutil.copyfile(plot, name)
        written.append(str(name.resolve()))
    return written


def serve(args) -> int:
    if args.log_file:
        logging.basicConfig(filename=args.log_file, level=logging.INFO)
    from spice_lsp.editor.server import server
    if args.tcp:
        server.start_tcp(args.host, args.port)
    else:
        server.start_io()
    return 0


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="spice-lsp", description=__doc__)
    parser.add_argument("--stdio", action="store_true", help="serve LSP over stdin/stdout (default)")
    parser.add_argument("--tcp", action="store_true", help="serve LSP over TCP instead")
    parser.add_argument("--host", default="127.0.0.1", help="TCP host (default 127.0.0.1)")
    parser.add_argument("--port", type=int, default=2087, help="TCP port (default 2087)")
    parser.add_argument("--log-file", help="write the server log to this file")
    commands = parser.add_subparsers(dest="command")
    checker = commands.add_parser("check", help="check netlists and print diagnostics")
    checker.add_argument("files", nargs="+", metavar="FILE")
    checker.add_argument("--format", choices=["text", "json"], default="text")
    checker.add_argument("-I", "--include-path", action="append", default=[],
                         help="a directory .include/.lib files may be read from (repeatable)")
    checker.set_defaults(handler=run_check)
    generation = argparse.ArgumentParser(add_help=False)
    generation.add_argument("--backend", choices=["template", "transformers", "openai"],
                            help="who drafts (default: the LoRA-tuned model when shipped, else template)")
    generation.add_argument("--adapter", help="a LoRA adapter directory for the transformers backend "
                            "(default: the shipped one; 'none': the base model alone)")
    generation.add_argument("--base-model", default="smollm2-135m",
                            help="smollm2-135m (offline, default), Qwen/Qwen2-0.5B or a local path")
    generation.add_argument("--openai-url", default="http://127.0.0.1:8000/v1", help="OpenAI-compatible endpoint")
    generation.add_argument("--openai-model", default="spice-lsp", help="model name at that endpoint")
    generation.add_argument("--budget", type=float, default=60.0, help="seconds the model may take")
    gen = commands.add_parser("generate", parents=[generation], help="write a verified netlist from a description")
    gen.add_argument("description")
    gen.add_argument("--json", action="store_true", help="print netlist, backend, checks and timings as JSON")
    gen.set_defaults(handler=run_generate)
    fill = commands.add_parser("fill", parents=[generation], help="fill the `* describe:` lines of a netlist file")
    fill.add_argument("file")
    fill.add_argument("-o", "--output", help="write the filled netlist here (default: stdout)")
    fill.set_defaults(handler=run_fill)
    sim = commands.add_parser("simulate", help="run every analysis of a netlist in the sandboxed ngspice: "
                              "op table, .meas values, one plot per analysis")
    sim.add_argument("file")
    sim.add_argument("--plot", metavar="OUT.svg|OUT.png",
                     help="write the plot here (several analyses: OUT-<line>-<analysis>.svg)")
    sim.add_argument("--timeout", type=float, default=30.0, help="seconds before ngspice is stopped (each run)")
    sim.add_argument("-I", "--include-path", action="append", default=[],
                     help="a directory .include/.lib files may be read from (repeatable)")
    sim.add_argument("--json", action="store_true", help="print ok, text, plots, errors, op, measurements as JSON")
    sim.add_argument("--run-control", action="store_true",
                     help="also run the netlist's own .control blocks (not run by default), only inside the "
                          "OS isolation (bubblewrap, or an unprivileged uid when run as root)")
    sim.set_defaults(handler=run_simulate)
    return parser


def main(argv: list[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    handler = getattr(args, "handler", serve)
    try:
        return handler(args)
    except BrokenPipeError:
        # the reader stopped reading ("spice-lsp simulate x.cir | head -5"): stop quietly, as Unix tools do, and
        # keep Python's flush at exit from raising again on the closed pipe
        try:
            os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        except (OSError, ValueError):  # a stdout with no file descriptor (captured in tests)
            pass
        return 1


if __name__ == "__main__":
    sys.exit(main())
