"""Conversions from the core's plain data to lsprotocol types; nothing else imports lsprotocol
except the server's glue (server.py, protocol.py).

The core counts characters in code points; clients count UTF-16 units unless they agree
otherwise. Every range goes through the document's position codec here.
"""
from __future__ import annotations

import re
from pathlib import Path

from lsprotocol import types
from pygls.uris import from_fs_path, to_fs_path
from pygls.workspace import TextDocument

from spice_lsp.editor import features as f
from spice_lsp.language import model as m
from spice_lsp.language.diagnostics import Diagnostic

SOURCE = "spice-lsp"

_SYMBOL_KINDS = {
    "subckt": types.SymbolKind.Class, "model": types.SymbolKind.Struct,
    "param": types.SymbolKind.Constant, "analysis": types.SymbolKind.Event,
    "element": types.SymbolKind.Field, "control": types.SymbolKind.Module,
    "include": types.SymbolKind.File,
}
_COMPLETION_KINDS = {
    "keyword": types.CompletionItemKind.Keyword, "snippet": types.CompletionItemKind.Snippet,
    "model": types.CompletionItemKind.Struct, "subckt": types.CompletionItemKind.Class,
    "param": types.CompletionItemKind.Constant, "node": types.CompletionItemKind.Variable,
}


_LINE = re.compile(r"[^\n]*\n|[^\n]+")


class LspTextDocument(TextDocument):
    """pygls's TextDocument with lines broken where the core breaks them, at "\n" only, and
    indexed once per version of the text.

    pygls splits with str.splitlines, which also breaks at \v \f \x1c-\x1e \x85 U+2028
    U+2029 (editors and LSP do not): on the lines after such a character, positions were
    converted against the wrong line and incremental edits landed in the wrong place. And it
    splits again on every access: each position conversion rescanned the whole text, and
    publishing a 5 MB document's diagnostics took minutes on the event loop.
    """

    _indexed: tuple[str, tuple[str, ...]] | None = None  # (the text, its lines)

    @property
    def lines(self):
        source = self.source
        if self._indexed is None or self._indexed[0] is not source:  # pygls replaces the text on each change
            self._indexed = (source, tuple(_LINE.findall(source)))
        return self._indexed[1]


def use_lsp_lines(workspace, read_unopened) -> None:
    """Make `workspace` (created by pygls at initialize) hold LspTextDocuments.

    A document the client has not opened is read once, by `read_unopened(uri) -> str` (which
    raises to refuse), instead of pygls reading whatever file the URI names on every access.
    """
    def create(doc_uri, source=None, version=None, language_id=None):
        return LspTextDocument(doc_uri, source=read_unopened(doc_uri) if source is None else source, version=version,
                               language_id=language_id, sync_kind=workspace._sync_kind,
                               position_codec=workspace.position_codec)
    workspace._create_text_document = create


def core_position(doc, position: types.Position) -> m.Position:
    if doc is not None and position.line >= len(doc.lines):
        return m.Position(position.line, 0)  # the empty line after a final newline
    p = doc.position_from_client_units(position) if doc else position
    return m.Position(p.line, p.character)


def lsp_position(pos: m.Position, doc=None) -> types.Position:
    lines = doc.lines if doc else ()
    if pos.line < len(lines):
        line = lines[pos.line]
        if line.isascii():  # one unit a character in every encoding: no need to count them
            return types.Position(line=pos.line, character=min(pos.character, len(line)))
        return doc.position_to_client_units(types.Position(line=pos.line, character=pos.character))
    return types.Position(line=pos.line, character=pos.character)


def lsp_range(rng: m.Range, doc=None) -> types.Range:
    return types.Range(start=lsp_position(rng.start, doc), end=lsp_position(rng.end, doc))


def lsp_diagnostic(d: Diagnostic, doc=None) -> types.Diagnostic:
    return types.Diagnostic(range=lsp_range(d.range, doc), message=d.message,
                            severity=types.DiagnosticSeverity(int(d.severity)),
                            code=d.code, source=SOURCE)


def lsp_symbol(s: f.Symbol, doc=None) -> types.DocumentSymbol:
    return types.DocumentSymbol(name=s.name, kind=_SYMBOL_KINDS[s.kind], detail=s.detail or None,
                                range=lsp_range(s.range, doc),
                                selection_range=lsp_range(s.selection_range, doc),
                                children=[lsp_symbol(c, doc) for c in s.children] or None)


def lsp_location(loc: f.Location, uri: str, doc=None) -> types.Location:
    if loc.path is not None:
        return types.Location(uri=from_fs_path(str(loc.path)) or str(loc.path), range=lsp_range(loc.range))
    return types.Location(uri=uri, range=lsp_range(loc.range, doc))


def lsp_hover(h: f.HoverInfo, doc=None) -> types.Hover:
    return types.Hover(contents=types.MarkupContent(kind=types.MarkupKind.Markdown, value=h.markdown),
                       range=lsp_range(h.range, doc))


def lsp_completion(c: f.Completion) -> types.CompletionItem:
    return types.CompletionItem(
        label=c.label, kind=_COMPLETION_KINDS[c.kind], detail=c.detail or None,
        insert_text=c.insert_text,
        insert_text_format=types.InsertTextFormat.Snippet if c.snippet else types.InsertTextFormat.PlainText)


def lsp_fold(fold: f.Fold) -> types.FoldingRange:
    return types.FoldingRange(start_line=fold.start_line, end_line=fold.end_line)


def whole_document_edit(old: str, new: str) -> list[types.TextEdit]:
    """One edit that replaces the document, or none when nothing changes."""
    if old == new:
        return []
    lines = old.split("\n")
    end = types.Position(line=len(lines) - 1, character=len(lines[-1].encode("utf-16-le")) // 2)
    return [types.TextEdit(range=types.Range(start=types.Position(line=0, character=0), end=end),
                           new_text=new)]


def uri_path(uri: str) -> Path | None:
    path = to_fs_path(uri)
    return Path(path) if path else None


def _insertion_range(ins: f.Insertion, doc=None) -> types.Range:
    return lsp_range(m.Range(ins.position, ins.position), doc)


def lsp_insertion_edit(uri: str, ins: f.Insertion, doc=None) -> types.WorkspaceEdit:
    return types.WorkspaceEdit(changes={uri: [types.TextEdit(range=_insertion_range(ins, doc), new_text=ins.text)]})


_TYPED_WORD = re.compile(r"\w*$")


def _snippet_text(text: str) -> str:
    """`text` as snippet syntax that expands to itself (a netlist may hold `$` and `}`)."""
    return re.sub(r"([\\$}])", r"\\\1", text)


def lsp_generation_item(result, ins: f.Insertion, cursor: m.Position, doc, documentation: str) -> types.CompletionItem:
    """A completion item whose own text edit inserts the generated netlist below the describe line.

    The edit replaces the end of the line from the word being typed onwards with that same
    text followed by the netlist, so a client that filters on the typed word (every one does)
    keeps the item, and a client that reads only the text edit (Neovim's omnifunc, which
    ignores additional edits) still gets the netlist. Nothing the user wrote is removed. The
    text is a snippet: Neovim's built-in completion expands multi-line text only as one.
    """
    line = doc.lines[ins.position.line].rstrip("\r\n")
    typed = _TYPED_WORD.search(line[:min(cursor.character, len(line))])  # the cursor is on the describe line
    assert typed is not None  # \w*$ matches every string
    start = typed.start()
    replaced = m.Range(m.Position(ins.position.line, start), ins.position)
    verified = "verified by ngspice" if result.verified else "NOT verified"
    return types.CompletionItem(
        label=f"Generate netlist ({result.intent.kind.replace('_', ' ')}, {result.backend})",
        kind=types.CompletionItemKind.Snippet, detail=f"{result.backend}, {verified}",
        documentation=types.MarkupContent(kind=types.MarkupKind.Markdown, value=documentation),
        filter_text=typed.group(), sort_text="0",
        text_edit=types.TextEdit(range=lsp_range(replaced, doc), new_text=_snippet_text(line[start:] + ins.text)),
        insert_text_format=types.InsertTextFormat.Snippet)


def lsp_suggestion_action(uri: str, suggestion: f.Suggestion, doc=None) -> types.CodeAction:
    return types.CodeAction(title=suggestion.title, kind=types.CodeActionKind.QuickFix,
                            edit=lsp_insertion_edit(uri, suggestion.insertion, doc))


def lsp_inline_generation(ins: f.Insertion, doc=None) -> types.InlineCompletionList:
    return types.InlineCompletionList(items=[types.InlineCompletionItem(
        insert_text=ins.text, range=_insertion_range(ins, doc))])


# Simulation (spice_lsp.simulation.report): code lenses, simulator diagnostics, inlay hints.

_PROBLEM_SEVERITY = {"error": types.DiagnosticSeverity.Error, "warning": types.DiagnosticSeverity.Warning,
                     "information": types.DiagnosticSeverity.Information}


def lsp_simulate_lens(uri: str, line: int, command: str) -> types.CodeLens:
    here = types.Range(start=types.Position(line=line, character=0), end=types.Position(line=line, character=0))
    return types.CodeLens(range=here, command=types.Command(title="Simulate", command=command, arguments=[uri, line]))


def lsp_simulation_diagnostic(problem, doc=None) -> types.Diagnostic:
    """A simulation.Problem over its whole line (blanks at the start left out)."""
    lines = doc.lines if doc is not None else []
    text = lines[problem.line].rstrip("\r\n") if problem.line < len(lines) else ""
    rng = m.Range(m.Position(problem.line, len(text) - len(text.lstrip())), m.Position(problem.line, len(text)))
    return types.Diagnostic(range=lsp_range(rng, doc), message=problem.message, source=f"{SOURCE} simulate",
                            severity=_PROBLEM_SEVERITY[problem.severity], code="ngspice")


def lsp_inlay_hint(hint, doc=None) -> types.InlayHint:
    return types.InlayHint(position=lsp_position(hint.position, doc), label=hint.label, tooltip=hint.tooltip,
                           padding_left=hint.label.startswith("="))
