"""spice_lsp.editor.jobs: the template answer verified once per description, and model jobs
on their own thread, where a new description stops the unfinished one."""
from __future__ import annotations

import threading

import pytest

from spice_lsp.editor.jobs import ModelJobs, TemplateAnswers
from spice_lsp.generation.pipeline import CannotServe


def test_each_description_is_generated_once():
    asked: list[str] = []

    def generate(description: str):
        asked.append(description)
        if "nice" in description:
            raise CannotServe("no circuit")
        return f"answer to {description}"
    answers = TemplateAnswers(generate, limit=2)
    assert answers.get("RC low-pass, R=1k") == "answer to RC low-pass, R=1k"
    assert answers.get("RC  low-pass,   R=1k ") == "answer to RC low-pass, R=1k"  # spacing does not count
    for _ in range(2):
        with pytest.raises(CannotServe):
            answers.get("make it nice")
    assert asked == ["RC low-pass, R=1k", "make it nice"]
    answers.get("RC high-pass")  # the third description: the oldest is forgotten
    answers.get("RC low-pass, R=1k")
    assert asked[-2:] == ["RC high-pass", "RC low-pass, R=1k"]


class HeldModel:
    """A model whose generations run until the test releases them (a stop is only recorded, so
    the worker stays busy for as long as the test needs)."""

    def __init__(self) -> None:
        self.started: list[str] = []
        self.running = threading.Event()
        self.release = threading.Event()
        self.stops: dict[str, threading.Event] = {}

    def __call__(self, description: str, stop: threading.Event, **kwargs):
        self.started.append(description)
        self.stops[description] = stop
        self.running.set()
        self.release.wait(30)
        return f"draft of {description}" + (" (stopped)" if stop.is_set() else "")


def test_a_new_description_stops_the_unfinished_job_and_the_queue_holds_one():
    model = HeldModel()
    jobs = ModelJobs(model)
    try:
        assert jobs.answer("RC low") is None
        assert model.running.wait(10)
        for typed in ("RC low-", "RC low-p", "RC low-pass"):
            assert jobs.answer(typed) is None
        assert model.stops["RC low"].is_set()  # the running job was told to stop
        model.release.set()
        jobs.executor.submit(lambda: None).result(10)  # queued behind the jobs: done when they are
        assert model.started == ["RC low", "RC low-pass"]  # the ones in between never started
        assert jobs.answer("RC low-pass") == "draft of RC low-pass"
        assert jobs.answer("RC low") is None  # stopped and forgotten: asked again, it starts again
    finally:
        model.release.set()
        jobs.shutdown()


def test_an_answer_arrives_and_is_kept():
    model = HeldModel()
    model.release.set()
    jobs = ModelJobs(model, limit=1)
    try:
        assert jobs.answer("RC low-pass") is None
        jobs.executor.submit(lambda: None).result(10)
        assert jobs.answer("RC low-pass") == "draft of RC low-pass"
        assert model.started == ["RC low-pass"]  # asked again: not generated again
    finally:
        jobs.shutdown()


def test_typing_never_stops_the_command_and_completion_reuses_its_answer():
    model = HeldModel()
    jobs = ModelJobs(model)
    try:
        command_stop = threading.Event()
        command = jobs.run("RC low-pass", command_stop)
        assert model.running.wait(10)
        assert jobs.answer("RC high-pass") is None  # typing elsewhere meanwhile
        assert not command_stop.is_set()
        model.release.set()
        assert command.result(10) == "draft of RC low-pass"
        assert jobs.answer("RC low-pass") == "draft of RC low-pass"  # the command's answer, not a second run
        jobs.executor.submit(lambda: None).result(10)
        assert model.started == ["RC low-pass", "RC high-pass"]
        stopped = threading.Event()
        stopped.set()  # a command the user cancelled (or that ran out of time)
        jobs.run("RC band-pass", stopped).result(10)
        assert jobs.answer("RC band-pass") is None  # asked again: it runs again
        jobs.executor.submit(lambda: None).result(10)
        assert model.started.count("RC band-pass") == 2
    finally:
        model.release.set()
        jobs.shutdown()
