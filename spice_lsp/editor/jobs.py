"""Background generation work for the editor: the verified template answer of each description
(computed once), and language-model jobs on their own thread.

Model work never runs on the pool that checks documents: a draft takes seconds, and while
drafts held those threads, diagnostics and hovers waited for them.
"""
from __future__ import annotations

import concurrent.futures
import logging
import threading
from collections import OrderedDict
from collections.abc import Callable

from spice_lsp.generation.pipeline import CannotServe, GenerationResult

log = logging.getLogger(__name__)


def _key(description: str) -> str:
    return " ".join(description.split())  # what the pipeline reads: spacing does not matter


class TemplateAnswers:
    """The template answer of each description, verified (ngspice included) once.

    Completion asks on every keystroke on a `* describe:` line; the answer depends on the
    description alone, so a description already seen costs a dictionary lookup. A description
    that cannot be served keeps its CannotServe error, raised again on each ask.
    """

    def __init__(self, generate: Callable[[str], GenerationResult], limit: int = 256) -> None:
        self.generate = generate
        self.limit = limit
        self._answers: OrderedDict[str, GenerationResult | Exception] = OrderedDict()
        self._lock = threading.Lock()

    def get(self, description: str) -> GenerationResult:
        key = _key(description)
        with self._lock:
            answer = self._answers.get(key)
            if answer is not None:
                self._answers.move_to_end(key)
        if answer is None:
            try:
                answer = self.generate(description)
            except CannotServe as error:  # the same description never will be
                answer = error
            with self._lock:
                self._answers[key] = answer
                while len(self._answers) > self.limit:
                    self._answers.popitem(last=False)
        if isinstance(answer, Exception):
            raise answer
        return answer


class ModelJobs:
    """Model generations, one at a time, on one thread of their own.

    `answer()` serves completion: the first ask for a description starts its job and returns
    None; later asks return the result once it has arrived. A job for a new description stops
    the unfinished one before it (the user has typed on: its description is stale), so the
    queue never holds more than one job, and at most `limit` finished answers are kept.
    `run()` serves the generate command: it stops the completion jobs and waits its turn;
    typing never stops it, and a completion for its description gets its answer. A job that
    was stopped (or ran out of time) is asked again when completion asks again.
    """

    def __init__(self, generate: Callable[..., GenerationResult], limit: int = 32) -> None:
        self.generate = generate
        self.limit = limit
        self.executor = concurrent.futures.ThreadPoolExecutor(max_workers=1, thread_name_prefix="spice-lsp-model")
        self._jobs: OrderedDict[str, tuple[concurrent.futures.Future, threading.Event]] = OrderedDict()
        self._commands: set[concurrent.futures.Future] = set()  # run() jobs not finished yet
        self._lock = threading.Lock()

    def answer(self, description: str) -> GenerationResult | None:
        key = _key(description)
        with self._lock:
            job = self._jobs.get(key)
            if job is not None and job[1].is_set() and job[0].done():
                del self._jobs[key]  # stopped, or out of time: its answer is the template's
                job = None
            if job is None:
                self._stop_unfinished()
                stop = threading.Event()
                self._jobs[key] = (self.executor.submit(self._run, description, stop), stop)
                while len(self._jobs) > self.limit:
                    self._stop(*self._jobs.popitem(last=False)[1])
                return None
        future = job[0]
        if not future.done() or future.cancelled() or future.exception() is not None:
            return None
        return future.result()

    def run(self, description: str, stop: threading.Event, **kwargs) -> concurrent.futures.Future:
        with self._lock:
            self._stop_unfinished()
            future = self.executor.submit(self.generate, description, stop=stop, **kwargs)
            self._commands.add(future)
            future.add_done_callback(self._commands.discard)
            self._jobs[_key(description)] = (future, stop)
        return future

    def _run(self, description: str, stop: threading.Event) -> GenerationResult:
        try:
            return self.generate(description, stop=stop)
        except Exception:
            log.exception("model job for %r failed", description[:60])
            raise

    def _stop_unfinished(self) -> None:
        for key in [k for k, (future, _) in self._jobs.items() if not future.done() and future not in self._commands]:
            self._stop(*self._jobs.pop(key))

    @staticmethod
    def _stop(future: concurrent.futures.Future, stop: threading.Event) -> None:
        stop.set()  # a running draft ends at its next token
        future.cancel()  # one not started never starts

    def shutdown(self) -> None:
        with self._lock:
            for future, stop in self._jobs.values():
                self._stop(future, stop)
        self.executor.shutdown(wait=False, cancel_futures=True)
