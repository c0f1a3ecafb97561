"""The server's options (initializationOptions) and the one coercion of raw option values into
the option dataclasses: the client's JSON object, and the CLI's flags for generation.

A key may be camelCase or snake_case; an unknown key, or a value of the wrong type, is
reported and the default kept, so a typo in an editor's settings never stops the server."""
from __future__ import annotations

from dataclasses import dataclass, field, fields, is_dataclass

from spice_lsp.generation.assistant import GenerationOptions
from spice_lsp.simulation.options import SimulationOptions


def _camel(name: str) -> str:
    head, *rest = name.split("_")
    return head + "".join(part.title() for part in rest)


def fill(target, raw: dict, where: str, problems: list[str]) -> None:
    """Copy known, well-typed keys (camelCase or snake_case) of `raw` onto a dataclass."""
    known = {_camel(f.name): f.name for f in fields(target)} | {f.name: f.name for f in fields(target)}
    for key, value in raw.items():
        name = known.get(key)
        if name is None:
            problems.append(f"unknown option '{where}{key}'")
            continue
        default = getattr(target, name)
        if isinstance(default, GenerationOptions) and isinstance(value, dict):
            setattr(target, name, generation_options(value, problems, f"{where}{key}."))
        elif is_dataclass(default) and isinstance(value, dict):
            fill(default, value, f"{where}{key}.", problems)
        elif isinstance(default, list) and isinstance(value, list) and all(isinstance(v, str) for v in value):
            setattr(target, name, value)
        elif isinstance(default, bool) and isinstance(value, bool):
            setattr(target, name, value)
        elif type(default) in (int, float) and isinstance(value, (int, float)) \
                and not isinstance(value, bool) and value >= 0:
            setattr(target, name, type(default)(value))
        elif isinstance(default, str) and isinstance(value, str):
            setattr(target, name, value)
        else:
            problems.append(f"option '{where}{key}' has an invalid value {value!r}; using {default!r}")


def generation_options(raw: dict, problems: list[str], where: str = "generation.") -> GenerationOptions:
    """The generation options from the client's `generation` object or the CLI's flags (keys
    are field names): coerced, and an unknown backend reported and replaced by the default."""
    options = GenerationOptions()
    fill(options, raw, where, problems)
    try:
        options.resolved_backend()
    except ValueError as error:
        problems.append(str(error))
        options.backend = ""
    return options


@dataclass
class Options:
    """Client options (initializationOptions); unknown or mistyped ones are reported."""

    include_paths: list[str] = field(default_factory=list)
    debounce_ms: int = 150
    generation: GenerationOptions = field(default_factory=GenerationOptions)
    simulation: SimulationOptions = field(default_factory=SimulationOptions)

    @classmethod
    def from_client(cls, raw) -> tuple[Options, list[str]]:
        options = cls()
        problems: list[str] = []
        if raw is None:
            return options, problems
        if not isinstance(raw, dict):
            return options, [f"initializationOptions should be an object, got {type(raw).__name__}"]
        fill(options, raw, "", problems)
        return options, problems
