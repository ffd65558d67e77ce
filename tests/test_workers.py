"""The build's worker pool: a lost, failing or stuck worker is one task's failure; nothing is left running.

The tasks are plain library functions (picklable by name), so these tests start no kernel and run in seconds.
"""

from __future__ import annotations

import math
import multiprocessing
import operator
import os
import signal
import time

import pytest

from swtoolkit.reports.workers import WorkerPool


def test_a_lost_failing_or_stuck_worker_fails_only_its_task(process_marker):
    tasks = [("ok", math.sqrt, (4.0,)),
             ("killed", signal.raise_signal, (signal.SIGKILL,)),  # the worker dies as if `kill -9`ed
             ("exits", os._exit, (3,)),
             ("raises", operator.truediv, (1, 0)),
             ("stuck", time.sleep, (3600,)),
             ("after", math.sqrt, (9.0,))]
    with WorkerPool(jobs=2, task_timeout=3) as pool:
        outcomes = {o.key: o for o in pool.run(tasks)}
    assert sorted(outcomes) == sorted(key for key, _, _ in tasks)  # every task has exactly one outcome
    assert (outcomes["ok"].ok, outcomes["ok"].value) == (True, 2.0)
    assert (outcomes["after"].ok, outcomes["after"].value) == (True, 3.0)
    assert not outcomes["killed"].ok and "killed by SIGKILL" in outcomes["killed"].error
    assert not outcomes["exits"].ok and "exit code 3" in outcomes["exits"].error
    assert outcomes["raises"].error == "ZeroDivisionError: division by zero"
    assert not outcomes["stuck"].ok and "per-report timeout" in outcomes["stuck"].error
    assert not multiprocessing.active_children()
    assert process_marker() == []


def test_leaving_the_pool_on_an_error_stops_busy_workers(process_marker):
    pool = WorkerPool(jobs=2)
    results = pool.run([("quick", math.sqrt, (1.0,)), ("slow", time.sleep, (3600,))])
    with pytest.raises(RuntimeError, match="the caller gave up"):
        with pool:
            next(results)  # "quick" is done while "slow" still runs
            raise RuntimeError("the caller gave up")
    assert not multiprocessing.active_children()
    assert process_marker() == []


def test_a_worker_that_cannot_start_fails_each_task_with_the_reason():
    with WorkerPool(jobs=1, initializer=operator.truediv, initargs=(1, 0)) as pool:
        outcomes = list(pool.run([("a", math.sqrt, (4.0,)), ("b", math.sqrt, (9.0,))]))
    assert [o.ok for o in outcomes] == [False, False]
    assert all("worker start-up failed: ZeroDivisionError" in o.error for o in outcomes)


def test_jobs_must_be_positive():
    with pytest.raises(ValueError, match="at least 1"):
        WorkerPool(jobs=0)


def test_sigterm_ends_idle_and_busy_workers_through_their_finally_blocks():
    """A worker turns SIGTERM into a normal exit (code 128 + 15), whether it waits for a task or runs one, so its
    kernels are shut down; it is not left for SIGKILL."""
    pool = WorkerPool(jobs=2)
    try:
        assert len(list(pool.run([("a", math.sqrt, (1.0,)), ("b", math.sqrt, (4.0,))]))) == 2  # both have started
        results = pool.run([("slow", time.sleep, (3600,)), ("quick", math.sqrt, (1.0,))])
        assert next(results).value == 1.0
        assert sorted(str(w.key) for w in pool._workers) == ["None", "slow"]  # one idle, one busy
        workers = list(pool._workers)
    finally:
        pool.close(force=True)  # SIGTERM first
    assert [w.process.exitcode for w in workers] == [128 + signal.SIGTERM] * 2
