"""What the training steps share: argument parsing, clear errors, JSONL reading, saved configs."""
from __future__ import annotations

import dataclasses
import functools
import hashlib
import json
import platform
import subprocess
import sys
import time
from collections.abc import Callable, Iterable
from pathlib import Path
from typing import TypeVar

REPO = Path(__file__).resolve().parents[1]
SHARED = REPO.parent / "shared"  # the reference data, beside the checkout, never inside it

T = TypeVar("T")


class UsageError(Exception):
    """Bad input (a missing file, a corrupt line, an unusable device): one message, exit code 2."""


def cli(main: Callable[..., T]) -> Callable[..., T]:
    """Run `main`, turning a UsageError into one line on stderr and exit code 2 (no traceback)."""
    @functools.wraps(main)
    def wrapper(argv: list[str] | None = None):
        try:
            return main(argv)
        except UsageError as error:
            print(f"error: {error}", file=sys.stderr)
            raise SystemExit(2) from None
    return wrapper


def parse_args(cls: type[T], argv: list[str] | None, description: str = "") -> T:
    """A dataclass from command-line flags (`--per-family 40` or `--per_family 40`), or from one
    JSON file of the same fields (`python -m training.train config.json`)."""
    from transformers import HfArgumentParser
    # transformers types its dataclass argument as NewType("DataClassType", Any), which no class matches
    parser = HfArgumentParser(cls, description=description, allow_abbrev=False)  # type: ignore[arg-type]
    argv = list(sys.argv[1:] if argv is None else argv)
    if len(argv) == 1 and argv[0].endswith(".json"):
        try:
            (args,) = parser.parse_json_file(argv[0], allow_extra_keys=False)
        except (OSError, ValueError) as error:
            raise UsageError(f"{argv[0]}: not a usable configuration file ({error})") from None
        return args
    (args,) = parser.parse_args_into_dataclasses(argv)
    return args


def read_jsonl(path: str | Path, fields: Iterable[str] = ("instruction", "response")) -> list[tuple[int, dict]]:
    """(line number, record) for each non-blank line; a missing file, a line that is not JSON or a
    record without the string fields is a UsageError naming the file and the line."""
    path = Path(path)
    try:
        text = path.read_text(encoding="utf-8")
    except FileNotFoundError:
        raise UsageError(f"{path}: no such file") from None
    except (OSError, UnicodeDecodeError) as error:
        raise UsageError(f"{path}: cannot be read ({error})") from None
    records = []
    for number, line in enumerate(text.splitlines(), start=1):
        if not line.strip():
            continue
        try:
            record = json.loads(line)
        except json.JSONDecodeError as error:
            raise UsageError(f"{path}:{number}: not valid JSON ({error.msg} at column {error.colno})") from None
        if not isinstance(record, dict):
            raise UsageError(f"{path}:{number}: expected a JSON object, found {type(record).__name__}")
        missing = [f for f in fields if not isinstance(record.get(f), str)]
        if missing:
            raise UsageError(f"{path}:{number}: the record has no string field {', '.join(map(repr, missing))}")
        records.append((number, record))
    return records


def sha256_files(*paths: Path) -> str:
    digest = hashlib.sha256()
    for path in paths:
        digest.update(Path(path).read_bytes())
    return digest.hexdigest()


def git_commit() -> str | None:
    try:
        return subprocess.run(["git", "rev-parse", "HEAD"], cwd=REPO, capture_output=True, text=True,
                              timeout=5).stdout.strip() or None
    except (OSError, subprocess.SubprocessError):
        return None


def inside_tracked_tree(path: Path) -> bool:
    """True when `path` lies inside this repository and git would not ignore it."""
    path = path.resolve()
    if not path.is_relative_to(REPO):
        return False
    try:
        ignored = subprocess.run(["git", "check-ignore", "-q", str(path)], cwd=REPO, timeout=5).returncode == 0
    except (OSError, subprocess.SubprocessError):
        return False  # no git: nothing to protect
    return not ignored


def save_config(path: Path, args, **extra) -> dict:
    """The resolved arguments, with versions and the commit, as JSON beside the outputs."""
    import importlib.metadata as md
    versions = {}
    for package in ("torch", "transformers", "peft", "accelerate", "sentence-transformers"):
        try:
            versions[package] = md.version(package)
        except md.PackageNotFoundError:
            pass
    as_dict = dataclasses.is_dataclass(args) and not isinstance(args, type)
    config = {"args": dataclasses.asdict(args) if as_dict else dict(args),
              **extra, "python": platform.python_version(), "versions": versions,
              "git_commit": git_commit(), "written": time.strftime("%Y-%m-%dT%H:%M:%S%z")}
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(json.dumps(config, indent=2, default=str) + "\n", encoding="utf-8")
    return config
