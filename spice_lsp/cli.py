"""Command line: `spice-lsp` serves LSP over stdio (or --tcp); `spice-lsp check FILE...`
prints diagnostics like a compiler."""
from __future__ import annotations

import argparse
import json
import logging
import sys
from pathlib import Path

from .checks import check
from .includes import Workspace

MAX_CHECK_BYTES = 50_000_000


def read_netlist(path: Path) -> str:
    """The file's text; raises ValueError with a one-line reason for what is not a netlist."""
    try:
        size = path.stat().st_size
        if path.is_dir():
            raise ValueError("is a directory")
        if size > MAX_CHECK_BYTES:
            raise ValueError(f"is {size // 1_000_000} MB, larger than the {MAX_CHECK_BYTES // 1_000_000} MB limit")
        data = path.read_bytes()
    except OSError as error:
        raise ValueError(f"cannot be read ({error.strerror or error})") from None
    if b"\0" in data[:8192]:
        raise ValueError("is a binary file, not a netlist")
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError:
        return data.decode("latin-1")  # old netlists write µ and Ω in Latin-1


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
        report.append({"file": name, "diagnostics": [
            {"line": d.range.start.line + 1, "column": d.range.start.character + 1,
             "end_line": d.range.end.line + 1, "end_column": d.range.end.character + 1,
             "code": d.code, "name": d.name, "severity": d.severity.name.lower(),
             "message": d.message} for d in result.diagnostics]})
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


def serve(args) -> int:
    if args.log_file:
        logging.basicConfig(filename=args.log_file, level=logging.INFO)
    from .server import server
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
    return parser


def main(argv: list[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    handler = getattr(args, "handler", serve)
    return handler(args)


if __name__ == "__main__":
    sys.exit(main())
