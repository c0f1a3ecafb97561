"""The generation service loads a configured model ahead of the first request."""
import threading

from spice_lsp.generation.assistant import Assistant, GenerationOptions


class _Loading:
    name = "fake"

    def __init__(self, fail: bool = False) -> None:
        self.loaded = threading.Event()
        self.fail = fail

    def load(self) -> None:
        if self.fail:
            raise RuntimeError("no weights here")
        self.loaded.set()


class _Retriever:
    def __init__(self) -> None:
        self.loaded = False

    def load(self) -> None:
        self.loaded = True


def test_preload_loads_the_configured_model_and_the_retriever(monkeypatch):
    assistant = Assistant(GenerationOptions(backend="transformers"))
    model, retriever = _Loading(), _Retriever()
    monkeypatch.setattr(assistant, "drafter", lambda: model)
    monkeypatch.setattr(assistant, "retriever", lambda: retriever)
    assistant.preload()
    assert model.loaded.is_set() and retriever.loaded


def test_preload_with_the_rules_alone_loads_nothing(monkeypatch):
    assistant = Assistant(GenerationOptions(backend="template"))
    monkeypatch.setattr(assistant, "drafter", lambda: (_ for _ in ()).throw(AssertionError("loaded")))
    assistant.preload()


def test_a_model_that_cannot_load_at_start_is_logged_not_raised(monkeypatch, caplog):
    assistant = Assistant(GenerationOptions(backend="transformers"))
    monkeypatch.setattr(assistant, "drafter", lambda: _Loading(fail=True))
    assistant.preload()
    assert "no weights here" in caplog.text
