"""What pygls does not do for the server: answer every request (SpiceProtocol), send logs to
the client instead of stderr, show work-done progress with a Cancel button and a running time,
and free a closed document's parse off the event loop."""
from __future__ import annotations

import asyncio
import contextlib
import itertools
import logging
import os
import uuid

from lsprotocol import types
from pygls.exceptions import JsonRpcException, JsonRpcInternalError
from pygls.lsp.server import LanguageServer
from pygls.protocol import LanguageServerProtocol


class SpiceProtocol(LanguageServerProtocol):
    """pygls's protocol, except that every request gets an answer.

    pygls drops a request whose parameters do not fit their type (a negative position, say)
    with no answer at all, and a result it cannot serialize too: the client waits forever.
    Here the first gets an InvalidParams error, the second an InternalError in its place.
    """

    def structure_message(self, data):
        try:
            return super().structure_message(data)
        except JsonRpcException as error:
            if "method" in data and isinstance(data.get("id"), (int, str)):  # a request, not a notification
                self._send_response(data["id"], error=JsonRpcException(
                    f"invalid parameters for {data['method']}", code=error.code).to_response_error())
            raise

    def _serialize_message(self, data):
        try:
            return super()._serialize_message(data)
        except Exception as error:  # RecursionError, a converter bug...
            if not isinstance(getattr(data, "id", None), (int, str)) or not hasattr(data, "result"):
                raise
            logging.exception("the answer to request %s could not be sent", data.id)
            return self._converter.unstructure(types.ResponseErrorMessage(id=data.id, error=JsonRpcInternalError(
                f"spice-lsp could not send its answer: {error!r}").to_response_error()))


class ClientLog(logging.Handler):
    """Log records (and Python warnings) as window/logMessage notifications, sent from the
    event loop whichever thread logs."""

    LEVELS = {logging.ERROR: types.MessageType.Error, logging.WARNING: types.MessageType.Warning,
              logging.INFO: types.MessageType.Info}

    def __init__(self, ls: LanguageServer) -> None:
        super().__init__(logging.INFO)
        self.ls, self.loop = ls, asyncio.get_running_loop()
        self.addFilter(lambda record: not record.name.startswith("pygls"))  # never about its own sends

    def emit(self, record: logging.LogRecord) -> None:
        kind = next((t for level, t in self.LEVELS.items() if record.levelno >= level), types.MessageType.Log)
        params = types.LogMessageParams(type=kind, message=f"spice-lsp: {self.format(record)}")
        with contextlib.suppress(RuntimeError):  # the loop has closed: the client is gone
            self.loop.call_soon_threadsafe(self.ls.window_log_message, params)


def log_to_client(ls: LanguageServer) -> None:
    """Clients show the server's stderr as errors: logs and warnings go to the client's log
    instead, and model downloads and loads draw no progress bars there (the generate
    command reports them as LSP progress)."""
    os.environ.setdefault("HF_HUB_DISABLE_PROGRESS_BARS", "1")  # read when transformers is imported
    os.environ.setdefault("TQDM_DISABLE", "1")
    root = logging.getLogger()
    if not any(isinstance(h, ClientLog) for h in root.handlers):
        root.addHandler(ClientLog(ls))
    if logging.getLogger("spice_lsp").level == logging.NOTSET:
        logging.getLogger("spice_lsp").setLevel(logging.INFO)
    logging.captureWarnings(True)


def free_in_pieces(obj, depth: int = 4) -> None:
    """Empty the big lists and dicts of a closed document's state a thousand items at a time.

    CPython frees a container and all it holds in one step under the GIL: dropping a 10 MB
    document's parse at once stalled the event loop (hovers included) for 1.5 s.
    """
    todo, seen = [(obj, 0)], set()
    while todo:
        item, level = todo.pop()
        if id(item) in seen or level > depth:
            continue
        seen.add(id(item))
        if isinstance(item, list):
            todo += [(x, level + 1) for x in item[:1]]  # the kind of object it holds, once
            while item:
                del item[-1000:]
        elif isinstance(item, dict):
            todo += [(x, level + 1) for x in list(item.values())[:1]]
            while item:
                for key in list(itertools.islice(item, 1000)):
                    del item[key]
        elif hasattr(item, "__dict__"):
            todo += [(x, level + 1) for x in vars(item).values()]


@contextlib.asynccontextmanager
async def cancellable_progress(ls: LanguageServer, title: str, on_cancel, message: str = ""):
    """Work-done progress with a Cancel button that calls `on_cancel`; yields its token, or None
    when the client shows no progress (the work goes on, cancellable by $/cancelRequest)."""
    new = str(uuid.uuid4())
    token: str | None = new
    try:
        await ls.work_done_progress.create_async(new)
        ls.work_done_progress.begin(new, types.WorkDoneProgressBegin(title=title, message=message, cancellable=True))
        ls.work_done_progress.tokens[new].add_done_callback(lambda _: on_cancel())
    except Exception:
        token = None
    try:
        yield token
    finally:
        if token:
            ls.work_done_progress.end(token, types.WorkDoneProgressEnd(message="done"))


class Ticker:
    """Reports the analysis running and, once it takes a second, its running time, every second."""

    def __init__(self, ls: LanguageServer, token: str | None) -> None:
        self.ls, self.token, self.loop = ls, token, asyncio.get_running_loop()
        self.message, self.percent, self.since = "", 0, self.loop.time()

    def progress(self, message: str, percent: int) -> None:  # from the worker thread
        self.message, self.percent, self.since = message, percent, self.loop.time()
        self.loop.call_soon_threadsafe(self.show)

    def show(self) -> None:
        if self.token:
            elapsed = self.loop.time() - self.since
            self.ls.work_done_progress.report(self.token, types.WorkDoneProgressReport(
                message=self.message + (f" · {elapsed:.0f} s" if elapsed >= 1 else ""), percentage=self.percent))

    async def _tick(self) -> None:
        while True:
            await asyncio.sleep(1)
            self.show()

    async def __aenter__(self) -> Ticker:
        self.task = self.loop.create_task(self._tick())
        return self

    async def __aexit__(self, *exc) -> None:
        self.task.cancel()
