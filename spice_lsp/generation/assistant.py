"""The generation service behind the editor and the CLI: which backend drafts, with which
model and examples, loaded once and shared by every request."""
from __future__ import annotations

import json
import logging
import sys
import threading
from collections.abc import Callable
from dataclasses import dataclass, replace
from pathlib import Path

from spice_lsp.generation.families import FAMILIES, example_intent, render
from spice_lsp.generation.lm import DraftBackend
from spice_lsp.generation.pipeline import CannotServe, GenerationResult, generate
from spice_lsp.generation.retrieval import Example, Retriever

log = logging.getLogger(__name__)
SHIPPED_ADAPTER = Path(__file__).parent.parent / "adapters" / "smollm2-135m-spice"  # drafts netlists
READER_ADAPTER = Path(__file__).parent.parent / "adapters" / "smollm2-135m-reader"  # restates requests
BACKENDS = ("template", "transformers", "openai")


def default_backend() -> str:
    """The templates. Measured on the benchmark (adapters/smollm2-135m-spice/README.md), the
    shipped SmolLM2 adapter's verified drafts score the same as the template answers and take
    seconds instead of milliseconds on a laptop CPU, so the model runs only when asked for
    (`backend: transformers`, which then uses the shipped adapter)."""
    return "template"


def resolve_adapter(option: str) -> Path | None:
    """The LoRA adapter directory an `adapter` option names: "" the shipped reader (else the
    shipped drafter, when present), "none" no adapter, anything else a path."""
    if option.strip().lower() == "none":
        return None
    if not option:
        return next((a for a in (READER_ADAPTER, SHIPPED_ADAPTER) if (a / "adapter_config.json").exists()), None)
    return Path(option).expanduser()


def adapter_job(adapter: Path | None) -> str:
    """"read" for an adapter trained on the reading job (its dataset_config.json, written by
    training/reader_dataset.py, says so): the model restates requests the rules cannot read;
    else "draft": it drafts netlists."""
    if adapter is None:
        return "draft"
    try:
        return "read" if json.loads((adapter / "dataset_config.json").read_text()).get("job") == "read" else "draft"
    except (OSError, ValueError, AttributeError):  # no config, not JSON, not an object
        return "draft"


@dataclass
class GenerationOptions:
    backend: str = ""  # empty: default_backend()
    base_model: str = "smollm2-135m"
    adapter: str = ""  # empty: the shipped reader adapter when present; "none": the base model alone
    openai_url: str = "http://127.0.0.1:8000/v1"
    openai_model: str = "spice-lsp"
    budget_s: float = 20.0
    max_repairs: int = 1

    def resolved_backend(self) -> str:
        backend = self.backend or default_backend()
        if backend not in BACKENDS:
            raise ValueError(f"unknown backend '{backend}': choose one of {', '.join(BACKENDS)}")
        return backend


def template_examples() -> list[Example]:
    """One rendered example per circuit family: the retrieval corpus shipped with the code."""
    return [Example(kind, t.summary, render(example_intent(kind)).netlist, kind)
            for kind, t in FAMILIES.items()]


class Assistant:
    def __init__(self, options: GenerationOptions | None = None) -> None:
        self.options = options or GenerationOptions()
        self._lock = threading.Lock()
        self._drafter: DraftBackend | None = None
        self._retriever: Retriever | None = None

    def drafter(self) -> DraftBackend | None:
        backend = self.options.resolved_backend()
        with self._lock:
            if self._drafter is None and backend != "template":
                from spice_lsp.generation import lm
                if backend == "openai":
                    self._drafter = lm.OpenAIBackend(self.options.openai_url, self.options.openai_model)
                else:
                    self._drafter = lm.TransformersBackend(self.options.base_model,
                                                           resolve_adapter(self.options.adapter))
            return self._drafter

    def retriever(self) -> Retriever:
        with self._lock:
            if self._retriever is None:
                self._retriever = Retriever(template_examples())
            return self._retriever

    def _loaded(self, progress: Callable[[str], None] | None = None) -> tuple[DraftBackend | None, Retriever]:
        """The configured drafter and the retriever, each loaded once (`progress` hears a load begin)."""
        drafter, retriever = self.drafter(), self.retriever()
        if progress and not getattr(drafter, "loaded", True):
            progress("loading the language model (once)")
        if drafter is not None and hasattr(drafter, "load"):  # a local model loads; a server does not
            drafter.load()
        if progress and not retriever.loaded:
            progress("loading the example retriever (once)")
        retriever.load()
        return drafter, retriever

    def preload(self) -> None:
        """Load the configured model and the retriever now (the server calls this at start, on the
        model's own thread), so the first generation does not wait for them. A failure is only
        logged: the first generation then says why and answers with the rules."""
        if self.options.resolved_backend() == "template":
            return
        try:
            self._loaded()
        except Exception as error:  # the same failures generate() reports, later, to the user
            log.warning("loading the %s backend at start failed: %s", self.options.resolved_backend(),
                        _why_failed(error))

    def generate(self, description: str, *, backend: str | None = None, stop=None, on_text=None,
                 budget_s: float | None = None, progress: Callable[[str], None] | None = None) -> GenerationResult:
        """`backend="template"` forces the instant path; otherwise the configured one.

        A model that fails (it cannot load, the `ml` extra is missing, the server is down...)
        never loses the request: the verified template answer comes back, its reason saying
        why. `progress` hears what is happening (loading a model, drafting)."""
        chosen = backend or self.options.resolved_backend()
        if chosen == "template":
            return generate(description)
        try:
            drafter, retriever = self._loaded(progress)
            if progress:
                progress(f"drafting with {chosen}")
            reads = chosen == "transformers" and adapter_job(resolve_adapter(self.options.adapter)) == "read"
            return generate(description, drafter=None if reads else drafter, reader=drafter if reads else None,
                            retriever=retriever, max_repairs=self.options.max_repairs, stop=stop, on_text=on_text,
                            budget_s=budget_s if budget_s is not None else self.options.budget_s)
        except CannotServe:
            raise
        except Exception as error:
            log.warning("the %s backend failed; answering with the template: %r", chosen, error)
            result = generate(description)
            return replace(result, reason=f"the {chosen} backend failed ({_why_failed(error)}); "
                           "this is the template answer")


def _why_failed(error: Exception) -> str:
    if isinstance(error, ImportError):
        return (f"{error.name or error} is not installed: the model backends need the packages of "
                f"spice-lsp's ml extra in the server's Python ({sys.executable}), e.g. "
                "pip install -e '.[ml]' in the spice-lsp repository")
    return f"{type(error).__name__}: {error}"
