"""The LSP test client the end-to-end tests and benchmarks/abuse.py share: pytest-lsp's client
that keeps every publishDiagnostics, showMessage, progress report and applyEdit, and wakes
`arrived` on each, so that waiting needs no sleep."""
from __future__ import annotations

import asyncio
from typing import Union

from lsprotocol import types
from pygls.protocol import default_converter
from pytest_lsp import LanguageClient
from pytest_lsp.client import DEFAULT_CLIENT_FEATURES, register_lsp_features


def converter():
    """pygls's converter, except that a code action carrying a command stays a CodeAction:
    lsprotocol 2025.0.0 structures any object with a "command" key as a Command."""
    conv = default_converter()
    conv.register_structure_hook(Union[types.Command, types.CodeAction], lambda obj, _: conv.structure(
        obj, types.Command if isinstance(obj.get("command"), str) else types.CodeAction))
    return conv


def make_client() -> LanguageClient:
    client = LanguageClient(converter_factory=converter)
    client.published, client.arrived, client.edits = [], asyncio.Event(), []

    def record(store):
        def handler(ls: LanguageClient, params) -> None:
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
    def apply_edit(ls: LanguageClient, params: types.ApplyWorkspaceEditParams):
        ls.edits.append(params.edit)
        ls.arrived.set()
        return types.ApplyWorkspaceEditResult(applied=True)

    return client
