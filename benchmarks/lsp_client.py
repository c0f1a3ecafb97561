"""The LSP test client the end-to-end tests and benchmarks/abuse.py share: pytest-lsp's client
that keeps every publishDiagnostics, showMessage, progress report and applyEdit, and wakes
`arrived` on each, so that waiting needs no sleep."""
from __future__ import annotations

import asyncio

from lsprotocol import types
from pygls.protocol import default_converter
from pytest_lsp import LanguageClient
from pytest_lsp.client import DEFAULT_CLIENT_FEATURES, register_lsp_features


def converter():
    """pygls's converter, except that a code action carrying a command stays a CodeAction:
    lsprotocol 2025.0.0 structures any object with a "command" key as a Command."""
    conv = default_converter()
    conv.register_structure_hook(types.Command | types.CodeAction, lambda obj, _: conv.structure(
        obj, types.Command if isinstance(obj.get("command"), str) else types.CodeAction))
    return conv


class RecordingClient(LanguageClient):
    """pytest-lsp's client plus what the server sent beyond it: diagnostics and edits."""

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.published: list[types.PublishDiagnosticsParams] = []
        self.edits: list[types.WorkspaceEdit] = []
        self.arrived = asyncio.Event()  # set on each notification or edit kept


def make_client() -> RecordingClient:
    client = RecordingClient(converter_factory=converter)

    def record(store):
        def handler(ls: RecordingClient, params) -> None:
            store(ls, params)
            ls.arrived.set()
        return handler

    progress = DEFAULT_CLIENT_FEATURES[types.PROGRESS]
    register_lsp_features(client, {
        **DEFAULT_CLIENT_FEATURES,
        types.TEXT_DOCUMENT_PUBLISH_DIAGNOSTICS: record(lambda ls, p: ls.published.append(p)),
        types.WINDOW_SHOW_MESSAGE: record(lambda ls, p: ls.messages.append(p)),
        types.PROGRESS: record(progress),
    })

    @client.feature(types.WORKSPACE_APPLY_EDIT)
    def apply_edit(ls: RecordingClient, params: types.ApplyWorkspaceEditParams):
        ls.edits.append(params.edit)
        ls.arrived.set()
        return types.ApplyWorkspaceEditResult(applied=True)

    return client
