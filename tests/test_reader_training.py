"""training/train.py --init-adapter: a run goes on from an adapter (the reading adapter retrained
for a changed prompt) with that adapter's own weights, all of them trainable.

Offline and small: a tiny Llama with the real SmolLM2 tokenizer (training/tiny.py).
"""
from __future__ import annotations

import os
from pathlib import Path

os.environ["HF_HUB_OFFLINE"] = "1"  # before transformers is imported: never reach for a hub
os.environ.setdefault("TRANSFORMERS_OFFLINE", "1")

import pytest

from training import train
from training.common import UsageError

torch = pytest.importorskip("torch")


@pytest.fixture(scope="module")
def tiny_dir(tmp_path_factory) -> Path:
    from training.tiny import build_tiny_model, smollm2_tokenizer
    try:
        tokenizer = smollm2_tokenizer()
    except Exception as error:  # noqa: BLE001 - any failure means: no tokenizer here
        pytest.skip(f"the SmolLM2 tokenizer cannot be loaded offline ({error})")
    return build_tiny_model(tmp_path_factory.mktemp("tiny-llama"), tokenizer=tokenizer)


def _lora(model) -> dict[str, torch.Tensor]:
    """The LoRA weights by their name without the adapter's label."""
    return {name.replace(".default", ""): p.detach().clone() for name, p in model.named_parameters() if "lora_" in name}


@pytest.mark.filterwarnings("ignore::FutureWarning")  # peft calls a deprecated transformers API
def test_training_goes_on_from_the_given_adapter(tiny_dir, tmp_path):
    from peft import LoraConfig, get_peft_model
    from transformers import AutoModelForCausalLM
    start = get_peft_model(AutoModelForCausalLM.from_pretrained(tiny_dir),
                           LoraConfig(r=2, lora_alpha=4, target_modules=["q_proj", "v_proj"], task_type="CAUSAL_LM"))
    with torch.no_grad():  # a fresh adapter's B is zero: give every weight a value a fresh one never has
        for name, p in start.named_parameters():
            if "lora_" in name:
                p.fill_(0.25 if "lora_B" in name else -0.5)
    start.save_pretrained(tmp_path / "start")

    model, _, (trainable, _) = train.build_model(train.TrainArguments(base_model=str(tiny_dir),
                                                                      init_adapter=str(tmp_path / "start")))
    loaded, saved = _lora(model), _lora(start)
    assert loaded.keys() == saved.keys() and all(torch.equal(loaded[k], saved[k]) for k in saved)
    assert trainable == sum(p.numel() for p in saved.values())  # its own rank and modules, not the defaults
    assert all(p.requires_grad for name, p in model.named_parameters() if "lora_" in name)


def test_a_missing_start_adapter_is_one_clear_error_before_any_loading(tmp_path):
    with pytest.raises(UsageError, match="--init-adapter .*no adapter_config.json"):
        train.build_model(train.TrainArguments(base_model=str(tmp_path / "no-model"), init_adapter=str(tmp_path)))
