"""LoRA fine-tuning of the drafting model on the dataset from training/dataset.py.

    # the reference recipe (the defaults)
    python -m training.train --data .cache/dataset --out .cache/adapter
    # the shipped adapter (spice_lsp/adapters/smollm2-135m-spice), sized for a 2-core CPU
    python -m training.train --data .cache/dataset --out .cache/adapter-smollm2 --max-length 1024 \
        --no_gradient_checkpointing --epochs 1 --max-train-samples 320 --max-eval-samples 32 --threads 1
    # go on training an adapter on changed prompts (spice_lsp/adapters/smollm2-135m-reader)
    python -m training.train --data .cache/reader-dataset --out .cache/adapter-reader \
        --init-adapter spice_lsp/adapters/smollm2-135m-reader --max-length 256 --epochs 1 --threads 1
    # a quick look: model + LoRA built, parameters counted, nothing trained (Qwen2-0.5B's
    # configuration from ../shared/qwen2-0.5b on the meta device: no weights needed)
    python -m training.train --base-model Qwen/Qwen2-0.5B --dry-run [--config PATH]
    # one GPU: the same command (bf16 where the GPU supports it, else fp16)
    python -m training.train --data .cache/dataset --out .cache/adapter --base-model Qwen/Qwen2-0.5B
    # several GPUs (DDP), either launcher; each process takes its GPU from LOCAL_RANK
    torchrun --nproc_per_node 4 -m training.train --data .cache/dataset --out .cache/adapter
    accelerate launch --num_processes 4 -m training.train --data .cache/dataset --out .cache/adapter
    # or every argument from a JSON file of the same fields
    python -m training.train my_run.json

Defaults are the reference recipe: LoRA r=8, alpha 16, dropout 0.05, bias none on q/k/v/o/gate/
up/down projections; lr 2e-4; 2 epochs; per-device batch 1 with 4 gradient-accumulation steps;
max length 384; gradient checkpointing; bf16 on GPUs that support it (fp32 on CPU); evaluation
and a checkpoint at the end of each epoch.

Each record's prompt is formatted by spice_lsp.generation.lm.format_training_example, the one prompt format
that inference uses too; the loss covers the answer tokens only (labels -100 on the prompt).
When prompt + answer exceed --max-length, the retrieved examples are dropped first (last one
first), then the prompt is cut from the left; the answer is never cut (a pair whose answer alone
is too long is left out). The counts go into the report.

Outputs in --out (written by the main process only): the adapter (adapter_config.json,
adapter_model.safetensors, the tokenizer), train_config.json (resolved arguments, dataset hash),
loss_log.jsonl (every Trainer log line), loss_curve.png, training_report.json (wall time,
samples/s, seconds per step, final train and validation loss, truncation counts), and
checkpoints/ (one per epoch). Bad input (a missing base model or dataset, a corrupt dataset line,
a device that is not there) gives one message and exit code 2.
"""
from __future__ import annotations

import dataclasses
import json
import math
import os
import random
import statistics
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Literal

from .common import SHARED, UsageError, cli, parse_args, read_jsonl, save_config, sha256_files

QWEN_CONFIG = SHARED / "qwen2-0.5b" / "config.json"
TARGET_MODULES = ["q_proj", "k_proj", "v_proj", "o_proj", "gate_proj", "up_proj", "down_proj"]


@dataclass
class TrainArguments:
    # data and outputs
    data: str = field(default=".cache/dataset", metadata={"help": "Directory with train.jsonl and validation.jsonl."})
    out: str = field(default=".cache/adapter", metadata={"help": "Directory for the adapter and the report."})
    max_train_samples: int = field(default=0, metadata={
        "help": "Use N training pairs drawn at random with --seed (0: all)."})
    max_eval_samples: int = field(default=0, metadata={
        "help": "Use N validation pairs drawn at random with --seed (0: all)."})
    require_simulates: bool = field(default=False, metadata={"help": "Train only on pairs that simulate."})
    # model
    base_model: str = field(default="smollm2-135m", metadata={
        "help": "smollm2-135m, a hub id such as Qwen/Qwen2-0.5B, or a local model directory or .gguf file."})
    config: str | None = field(default=None, metadata={
        "help": "A config.json (or its directory) to build the model from for --dry-run (meta device, no weights)."})
    dry_run: bool = field(default=False, metadata={
        "help": "Build the model with LoRA, print the parameter counts, stop."})
    device: str = field(default="auto", metadata={
        "help": "auto (what Trainer picks: the launcher's GPU, else CPU), cpu, cuda, cuda:N or mps."})
    precision: str = field(default="auto", metadata={
        "help": "auto: bf16 on GPUs that support it, fp16 on other GPUs, fp32 on CPU.",
        "choices": ["auto", "bf16", "fp16", "fp32"]})
    threads: int = field(default=0, metadata={"help": "torch CPU threads (0: torch's default)."})
    # LoRA
    lora_r: int = field(default=8, metadata={"help": "LoRA rank."})
    lora_alpha: int = field(default=16, metadata={"help": "LoRA alpha (scale = alpha / r)."})
    lora_dropout: float = field(default=0.05, metadata={"help": "Dropout on the LoRA input."})
    lora_bias: Literal["none", "all", "lora_only"] = field(default="none", metadata={
        "help": "Which biases train."})
    target_modules: list[str] = field(default_factory=lambda: list(TARGET_MODULES), metadata={
        "help": "Modules that get LoRA adapters."})
    init_adapter: str | None = field(default=None, metadata={
        "help": "Start from this LoRA adapter directory (its own rank, alpha and modules) instead of a fresh one."})
    # optimisation
    max_length: int = field(default=384, metadata={"help": "Tokens per example, prompt + answer."})
    epochs: float = field(default=2.0, metadata={"help": "Training epochs."})
    max_steps: int = field(default=-1, metadata={"help": "Stop after N optimizer steps (overrides --epochs)."})
    learning_rate: float = field(default=2e-4, metadata={"help": "Peak learning rate."})
    lr_scheduler: str = field(default="linear", metadata={"help": "transformers scheduler name."})
    warmup: float = field(default=0.0, metadata={
        "help": "Warm-up: a share of the steps (below 1) or a number of steps."})
    weight_decay: float = field(default=0.0, metadata={"help": "AdamW weight decay."})
    batch_size: int = field(default=1, metadata={"help": "Per-device batch size (train and eval)."})
    gradient_accumulation_steps: int = field(default=4, metadata={"help": "Micro-batches per optimizer step."})
    gradient_checkpointing: bool = field(default=True, metadata={"help": "Recompute activations in the backward pass."})
    logging_steps: int = field(default=5, metadata={"help": "Optimizer steps between loss log lines."})
    save_total_limit: int = field(default=2, metadata={"help": "Epoch checkpoints kept."})
    seed: int = field(default=42, metadata={"help": "Random seed (set first)."})


# --- device and precision -----------------------------------------------------------------------

def check_device(device: str) -> dict:
    """TrainingArguments keywords for --device, or a UsageError when it is not there."""
    import torch
    if device == "auto":
        return {}
    if device == "cpu":
        return {"use_cpu": True}
    if device == "cuda" or device.startswith("cuda:"):
        if not torch.cuda.is_available():
            raise UsageError(f"--device {device}: CUDA is not available to torch {torch.__version__} on this "
                             "machine; use --device cpu (or auto)")
        if device.startswith("cuda:"):
            index = device.split(":", 1)[1]
            if not index.isdigit() or int(index) >= torch.cuda.device_count():
                raise UsageError(f"--device {device}: there are {torch.cuda.device_count()} CUDA devices")
            if "LOCAL_RANK" not in os.environ:  # under a launcher, each process takes its own GPU
                torch.cuda.set_device(int(index))
        return {}
    if device == "mps":
        if not (getattr(torch.backends, "mps", None) and torch.backends.mps.is_available()):
            raise UsageError("--device mps: MPS is not available on this machine; use --device cpu")
        return {}
    raise UsageError(f"--device {device}: use auto, cpu, cuda, cuda:N or mps")


def precision_flags(precision: str, device: str) -> dict:
    import torch
    on_gpu = torch.cuda.is_available() and device != "cpu" and device != "mps"
    if precision == "auto":
        precision = ("bf16" if torch.cuda.is_bf16_supported() else "fp16") if on_gpu else "fp32"
    if precision == "fp16" and not on_gpu:
        raise UsageError("--precision fp16 needs a CUDA GPU; use fp32 (or bf16) on CPU")
    return {"bf16": precision == "bf16", "fp16": precision == "fp16", "precision": precision}


# --- model --------------------------------------------------------------------------------------

def lora_config(args: TrainArguments):
    from peft import LoraConfig
    return LoraConfig(r=args.lora_r, lora_alpha=args.lora_alpha, lora_dropout=args.lora_dropout,
                      bias=args.lora_bias, target_modules=list(args.target_modules), task_type="CAUSAL_LM")


def config_source(args: TrainArguments) -> Path | None:
    """Where --dry-run reads the architecture from without weights, if anywhere."""
    from spice_lsp.generation.lm import QWEN2_05B, SMOLLM2, default_cache_dir, resolve_base_model
    if args.config:
        path = Path(args.config).expanduser()
        if path.is_dir():
            path = path / "config.json"
        if not path.is_file():
            raise UsageError(f"--config {args.config}: no such file")
        return path
    try:
        source, _ = resolve_base_model(args.base_model)
    except (ValueError, RuntimeError) as error:
        raise UsageError(str(error)) from None
    if Path(source).is_dir() and (Path(source) / "config.json").is_file():
        return Path(source) / "config.json"
    if source == QWEN2_05B:
        if QWEN_CONFIG.is_file():
            return QWEN_CONFIG
        raise UsageError(f"--base-model {args.base_model} --dry-run needs its configuration: "
                         f"{QWEN_CONFIG} is missing; point --config at a config.json")
    if args.base_model.lower() in (SMOLLM2, "smollm2"):
        cached = default_cache_dir() / "models" / SMOLLM2 / "config.json"
        return cached if cached.is_file() else None  # else: load the model (dequantises the GGUF)
    raise UsageError(f"--base-model {args.base_model}: no local configuration for --dry-run; "
                     "point --config at its config.json")


def build_from_config(path: Path, args: TrainArguments):
    """The model with LoRA on the meta device: shapes and counts only, no memory, no weights."""
    import torch
    from peft import get_peft_model
    from transformers import AutoConfig, AutoModelForCausalLM
    try:
        config = AutoConfig.from_pretrained(path.parent) if path.name == "config.json" else None
        if config is None:
            data = json.loads(path.read_text())
            config = AutoConfig.for_model(data.pop("model_type"), **data)
    except (OSError, ValueError, KeyError) as error:
        raise UsageError(f"{path}: not a usable model configuration ({error})") from None
    with torch.device("meta"):
        model = AutoModelForCausalLM.from_config(config)
        return get_peft_model(model, lora_config(args))


def load_base(args: TrainArguments):
    """(model, tokenizer) in float32 on the CPU; Trainer moves the model to its device."""
    import torch

    from spice_lsp.generation import lm
    try:
        model, tokenizer = lm.load_model(args.base_model, device="cpu", dtype=torch.float32)
    except (ValueError, RuntimeError, OSError) as error:
        raise UsageError(f"cannot load base model {args.base_model!r}: {' '.join(str(error).split())}") from None
    model.train()
    if tokenizer.pad_token_id is None:
        tokenizer.pad_token = tokenizer.eos_token
    return model, tokenizer


# --- data ---------------------------------------------------------------------------------------

def read_split(path: Path, limit: int, require_simulates: bool, seed: int = 0) -> list[dict]:
    """The split's records; `limit` > 0 draws that many at random (the file is ordered by source
    and kind, so its first N would be one kind)."""
    rows = []
    for number, record in read_jsonl(path):
        prompt = record.get("prompt")
        if not (isinstance(prompt, dict) and isinstance(prompt.get("user"), str)):
            raise UsageError(f"{path}:{number}: the record has no prompt (rebuild it with python -m training.dataset)")
        record["_where"] = f"{path}:{number}"
        if require_simulates and not record.get("simulates"):
            continue
        rows.append(record)
    if 0 < limit < len(rows):
        rows = [rows[i] for i in sorted(random.Random(seed).sample(range(len(rows)), limit))]
    return rows


def _prompt(record: dict, n_examples: int):
    """The record's prompt with its first `n_examples` retrieved examples (as build_prompt makes it)."""
    from spice_lsp.generation.intent import Intent
    from spice_lsp.generation.lm import Prompt
    from spice_lsp.generation.pipeline import build_prompt
    from spice_lsp.generation.retrieval import Example
    if "scaffold" not in record:
        return Prompt(**{k: record["prompt"][k] for k in ("system", "user", "answer_prefix") if k in record["prompt"]})
    examples = [(Example(e["id"], e["description"], e["netlist"], e.get("kind", "")), e.get("score", 0.0))
                for e in record.get("examples", [])[:n_examples]]
    return build_prompt(Intent(record["instruction"]), record["scaffold"], examples)


def encode(record: dict, tokenizer, max_length: int) -> tuple[dict | None, str]:
    """Token ids and labels (-100 on the prompt) and how it was made to fit:
    fits | examples-dropped | prompt-truncated | answer-too-long (then None)."""
    from spice_lsp.generation.lm import encode_prompt, format_training_example
    examples = len(record.get("examples", []))
    prompt = _prompt(record, examples)
    _, completion = format_training_example(tokenizer, prompt, record["response"])
    answer = tokenizer(completion, add_special_tokens=False)["input_ids"]
    if len(answer) >= max_length:
        return None, "answer-too-long"
    status = "fits"
    ids = encode_prompt(tokenizer, prompt)
    while len(ids) + len(answer) > max_length and examples > 0:
        examples -= 1
        ids = encode_prompt(tokenizer, _prompt(record, examples))
        status = "examples-dropped"
    if len(ids) + len(answer) > max_length:
        ids = ids[len(ids) + len(answer) - max_length:]
        status = "prompt-truncated"
    return {"input_ids": ids + answer, "labels": [-100] * len(ids) + answer}, status


class Encoded:
    """A list of encoded examples as a torch-style map dataset."""

    def __init__(self, records: list[dict], tokenizer, max_length: int):
        self.items, self.counts = [], {"fits": 0, "examples-dropped": 0, "prompt-truncated": 0, "answer-too-long": 0}
        for record in records:
            item, status = encode(record, tokenizer, max_length)
            self.counts[status] += 1
            if item is not None:
                self.items.append(item)

    def __len__(self) -> int:
        return len(self.items)

    def __getitem__(self, index: int) -> dict:
        return self.items[index]


def collate(pad_id: int):
    import torch

    def collate_fn(batch: list[dict]) -> dict:
        width = max(len(b["input_ids"]) for b in batch)
        ids = torch.full((len(batch), width), pad_id, dtype=torch.long)
        labels = torch.full((len(batch), width), -100, dtype=torch.long)
        mask = torch.zeros((len(batch), width), dtype=torch.long)
        for row, b in enumerate(batch):  # right padding: the loss ignores it, the mask hides it
            n = len(b["input_ids"])
            ids[row, :n] = torch.tensor(b["input_ids"])
            labels[row, :n] = torch.tensor(b["labels"])
            mask[row, :n] = 1
        return {"input_ids": ids, "labels": labels, "attention_mask": mask}
    return collate_fn


# --- logging and report ---------------------------------------------------------------------------

def loss_logger(path: Path):
    from transformers import TrainerCallback

    class LossLog(TrainerCallback):
        """Every Trainer log line (loss, eval_loss, learning rate...) as one JSON line."""

        def on_log(self, args, state, control, logs=None, **kwargs):
            if state.is_world_process_zero and logs:
                with open(path, "a", encoding="utf-8") as out:
                    out.write(json.dumps({"step": state.global_step, "epoch": state.epoch, **logs}) + "\n")
    return LossLog()


def step_timer():
    from transformers import TrainerCallback

    class StepTimer(TrainerCallback):
        """Seconds of each optimizer step (its micro-batches included, evaluation and saving not)."""

        def __init__(self):
            self.seconds: list[float] = []
            self._start = None

        def on_step_begin(self, args, state, control, **kwargs):
            self._start = time.perf_counter()

        def on_step_end(self, args, state, control, **kwargs):
            if self._start is not None:
                self.seconds.append(time.perf_counter() - self._start)
                self._start = None
    return StepTimer()


def plot_losses(log_path: Path, png: Path) -> None:
    import matplotlib
    matplotlib.use("Agg")
    import matplotlib.pyplot as plt
    rows = [json.loads(line) for line in log_path.read_text().splitlines() if line.strip()] if log_path.exists() else []
    train = [(r["step"], r["loss"]) for r in rows if "loss" in r]
    evals = [(r["step"], r["eval_loss"]) for r in rows if "eval_loss" in r]
    fig, ax = plt.subplots(figsize=(6, 4), dpi=100)
    if train:
        ax.plot(*zip(*train), label="train loss", marker="." if len(train) < 30 else None)
    if evals:
        ax.plot(*zip(*evals), "o-", label="validation loss")
    ax.set_xlabel("optimizer step")
    ax.set_ylabel("loss (answer tokens)")
    ax.set_title("LoRA fine-tuning")
    ax.grid(alpha=0.3)
    ax.legend()
    fig.tight_layout()
    fig.savefig(png)
    plt.close(fig)


def build_model(args: TrainArguments):
    """(model with LoRA, tokenizer, (trainable, total) parameters): the base in float32 on the
    CPU (Trainer moves it to its device and applies mixed precision), wrapped by peft."""
    from peft import PeftModel, get_peft_model
    if args.init_adapter and not (Path(args.init_adapter) / "adapter_config.json").is_file():
        raise UsageError(f"--init-adapter {args.init_adapter}: no adapter_config.json there")
    model, tokenizer = load_base(args)
    if args.init_adapter:  # go on training an adapter (for a changed prompt) rather than start over
        model = PeftModel.from_pretrained(model, args.init_adapter, is_trainable=True)
    else:
        model = get_peft_model(model, lora_config(args))
    model.print_trainable_parameters()
    return model, tokenizer, model.get_nb_trainable_parameters()


def dry_run(args: TrainArguments) -> dict:
    source = config_source(args)
    if source is not None:
        model = build_from_config(source, args)
        model.print_trainable_parameters()
        trainable, total = model.get_nb_trainable_parameters()
        built = f"configuration {source} on the meta device (no weights)"
    else:
        _, _, (trainable, total) = build_model(args)
        built = f"base model {args.base_model}"
    print(f"dry run: {args.base_model} from {built}: {trainable:,} trainable of {total:,} parameters "
          f"(LoRA r={args.lora_r} on {', '.join(args.target_modules)}); nothing trained")
    return {"trainable": trainable, "total": total, "built_from": built}


def training_arguments(args: TrainArguments, out: Path, has_eval: bool, precision: dict, device: dict):
    import torch
    from transformers import TrainingArguments
    # transformers 5 renamed gradient checkpointing to activation checkpointing (the old names warn)
    names = {f.name for f in dataclasses.fields(TrainingArguments)}
    checkpointing = "activation_checkpointing" if "activation_checkpointing" in names else "gradient_checkpointing"
    checkpointing_args: dict[str, Any] = {
        checkpointing: args.gradient_checkpointing,
        f"{checkpointing}_kwargs": {"use_reentrant": False} if args.gradient_checkpointing else None}
    return TrainingArguments(
        output_dir=str(out / "checkpoints"), num_train_epochs=args.epochs, max_steps=args.max_steps,
        per_device_train_batch_size=args.batch_size, per_device_eval_batch_size=args.batch_size,
        gradient_accumulation_steps=args.gradient_accumulation_steps, learning_rate=args.learning_rate,
        lr_scheduler_type=args.lr_scheduler, weight_decay=args.weight_decay,
        warmup_steps=args.warmup if args.warmup < 1 else int(args.warmup),
        logging_steps=args.logging_steps, logging_first_step=True, disable_tqdm=False, report_to=[],
        eval_strategy="epoch" if has_eval else "no", save_strategy="epoch", save_total_limit=args.save_total_limit,
        **checkpointing_args,
        bf16=precision["bf16"], fp16=precision["fp16"], seed=args.seed, data_seed=args.seed,
        remove_unused_columns=False, ddp_find_unused_parameters=False,
        dataloader_pin_memory=torch.cuda.is_available(), **device)


# --- main -----------------------------------------------------------------------------------------

@cli
def main(argv: list[str] | None = None) -> dict:
    args = parse_args(TrainArguments, argv, __doc__.split("\n\n")[0])
    from transformers import set_seed
    set_seed(args.seed)
    import torch
    if args.threads:
        torch.set_num_threads(args.threads)
    device = check_device(args.device)
    if args.dry_run:
        return dry_run(args)

    data, out = Path(args.data), Path(args.out)
    train_file, eval_file = data / "train.jsonl", data / "validation.jsonl"
    if not train_file.is_file():
        raise UsageError(f"--data {data}: no train.jsonl there (build it with python -m training.dataset --out {data})")
    train_records = read_split(train_file, args.max_train_samples, args.require_simulates, args.seed)
    eval_records = (read_split(eval_file, args.max_eval_samples, args.require_simulates, args.seed)
                    if eval_file.is_file() else [])
    if not train_records:
        raise UsageError(f"{train_file}: no training pairs")
    precision = precision_flags(args.precision, args.device)

    from transformers import Trainer
    model, tokenizer, (trainable, total) = build_model(args)
    train_set = Encoded(train_records, tokenizer, args.max_length)
    eval_set = Encoded(eval_records, tokenizer, args.max_length)
    if not len(train_set):
        raise UsageError(f"every training answer is longer than --max-length {args.max_length} tokens")
    training_args = training_arguments(args, out, len(eval_set) > 0, precision, device)
    timer = step_timer()
    trainer = Trainer(model=model, args=training_args, train_dataset=train_set,
                      eval_dataset=eval_set if len(eval_set) else None, data_collator=collate(tokenizer.pad_token_id),
                      callbacks=[loss_logger(out / "loss_log.jsonl"), timer])
    if trainer.is_world_process_zero():
        out.mkdir(parents=True, exist_ok=True)
        (out / "loss_log.jsonl").write_text("")
    started = time.perf_counter()
    result = trainer.train()
    wall = time.perf_counter() - started
    last_eval = next((r for r in reversed(trainer.state.log_history) if "eval_loss" in r), None)
    if len(eval_set) and (last_eval is None or last_eval.get("step") != trainer.state.global_step):
        last_eval = trainer.evaluate()  # the last epoch's evaluation is not at the last step
    trainer.save_model(str(out))  # the adapter only; every rank calls it, the main one writes
    if not trainer.is_world_process_zero():
        return {}
    tokenizer.save_pretrained(out)

    dataset_hash = sha256_files(*[f for f in (train_file, eval_file) if f.is_file()])
    train_losses = [r["loss"] for r in trainer.state.log_history if "loss" in r]
    eval_loss = (last_eval or {}).get("eval_loss")
    report = {
        "base_model": args.base_model, "adapter": str(out), "dataset": str(data), "dataset_sha256": dataset_hash,
        "device": str(training_args.device), "world_size": training_args.world_size,
        "cpu_threads": torch.get_num_threads(), "cpu_count": os.cpu_count(),
        "precision": precision["precision"], "trainable_parameters": trainable, "total_parameters": total,
        "train_pairs": len(train_records), "validation_pairs": len(eval_records),
        "train_examples": len(train_set), "validation_examples": len(eval_set),
        "fitting": {"train": train_set.counts, "validation": eval_set.counts, "max_length": args.max_length},
        "optimizer_steps": trainer.state.global_step, "epochs_done": trainer.state.epoch,
        "wall_seconds": round(wall, 2),
        # the first step also pays for warming up; the median is the steady rate
        "seconds_per_step": round(statistics.median(timer.seconds), 3) if timer.seconds else None,
        "first_step_seconds": round(timer.seconds[0], 3) if timer.seconds else None,
        "training_seconds": round(sum(timer.seconds), 2),
        "evaluation_seconds": round(sum(r.get("eval_runtime", 0) for r in trainer.state.log_history), 2),
        "train_samples_per_second": result.metrics.get("train_samples_per_second"),
        "train_loss_mean": result.metrics.get("train_loss"),
        "final_train_loss": train_losses[-1] if train_losses else None,
        "final_validation_loss": eval_loss,
        "validation_perplexity": math.exp(eval_loss) if eval_loss is not None and eval_loss < 50 else None,
        "config": dataclasses.asdict(args),
    }
    save_config(out / "train_config.json", args, dataset_sha256=dataset_hash,
                training_arguments=training_args.to_dict())
    plot_losses(out / "loss_log.jsonl", out / "loss_curve.png")
    (out / "training_report.json").write_text(json.dumps(report, indent=2) + "\n", encoding="utf-8")
    print(f"adapter saved to {out}: {trainer.state.global_step} steps in {wall:.1f} s "
          f"({report['seconds_per_step']} s per optimizer step, evaluation {report['evaluation_seconds']} s), "
          f"final train loss {report['final_train_loss']}, validation loss {eval_loss}")
    return report


if __name__ == "__main__":
    main()
