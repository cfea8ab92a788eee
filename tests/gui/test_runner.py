"""The one background runner: results on the GUI thread, in order, errors in plain words."""

from __future__ import annotations

import threading
from collections.abc import Iterator

import pytest
from pytestqt.qtbot import QtBot

from kiosk.core.errors import KioskError
from kiosk.gui.runner import Changed, Changes, MutationOp, OpRunner, QueryOp, Report

pytestmark = pytest.mark.gui


@pytest.fixture
def runner(qtbot: QtBot) -> Iterator[OpRunner]:
    made = OpRunner("kiosk-test")
    yield made
    made.shutdown()


def test_queries_run_in_order_on_one_thread_and_answer_on_the_gui_thread(
    qtbot: QtBot, runner: OpRunner
) -> None:
    workers: list[str] = []
    answers: list[tuple[int, bool]] = []

    def work(n: int) -> int:
        workers.append(threading.current_thread().name)
        return n

    for n in range(5):
        runner.query(
            lambda n=n: work(n),
            lambda v: answers.append((v, threading.current_thread() is threading.main_thread())),
        )
    qtbot.waitUntil(lambda: len(answers) == 5, timeout=5000)
    assert answers == [(n, True) for n in range(5)]
    assert len(set(workers)) == 1 and workers[0].startswith("kiosk-test")
    assert not runner.busy


def test_a_mutation_says_what_changed_after_its_result(qtbot: QtBot, runner: OpRunner) -> None:
    seen: list[object] = []
    runner.changed.connect(seen.append)
    handle = runner.run(
        MutationOp(lambda _report: Changed("saved", Changes(marks=True)), on_success=seen.append)
    )
    assert handle.running
    qtbot.waitUntil(lambda: len(seen) == 2, timeout=5000)
    assert seen == ["saved", Changes(marks=True)] and not handle.running


def test_a_failure_arrives_as_plain_words_and_progress_before_the_result(
    qtbot: QtBot, runner: OpRunner
) -> None:
    events: list[object] = []

    def work(report: Report) -> None:
        report(1)
        report(2)
        raise ValueError("secret://user:password@host")

    runner.run(
        QueryOp(
            work,
            on_failure=events.append,
            on_progress=events.append,
            on_done=lambda: events.append("done"),
            what="The test work",
        )
    )
    qtbot.waitUntil(lambda: "done" in events, timeout=5000)
    assert events[:2] == [1, 2] and events[3] == "done"
    error = events[2]
    assert isinstance(error, KioskError)
    assert error.message == "The test work failed unexpectedly (ValueError)."
    assert "password" not in error.message + error.hint


def test_nothing_is_delivered_after_shutdown(qtbot: QtBot) -> None:
    runner = OpRunner("kiosk-test")
    answers: list[int] = []
    runner.query(lambda: 1, answers.append)
    runner.shutdown()  # the queued work finishes, its result is not shown
    qtbot.wait(100)
    assert answers == [] and not runner.run(QueryOp(QueryOp.plain(lambda: 2))).running
