"""Worker processes for a build: one task at a time per worker, and a lost or stuck worker is one task's failure.

Why not `concurrent.futures.ProcessPoolExecutor`: when one of its workers dies it breaks the whole pool
(`BrokenProcessPool` for every pending task and SIGTERM to every other worker), it cannot say which task the dead
worker was running, and it cannot stop one task that runs too long. Here the parent gives each worker one task
at a time over a pipe, so it always knows who runs what:

- a worker that dies (SIGKILL, out of memory, a crash) fails the task it was running, with the signal or exit
  code; the others go on, and a new worker takes the next task;
- a task that runs past `task_timeout` seconds has its worker killed (its kernel dies with it) and fails;
- workers die with the parent (`lifeline`), ignore Ctrl-C (the parent decides), and turn SIGTERM into a normal
  exit, so their ``finally`` blocks shut their kernels down;
- leaving the pool (normally, on an error or on an interrupt) stops every worker: politely, then SIGTERM, then
  SIGKILL; workers are daemonic, so even a pool that is never closed is stopped when the interpreter exits.
"""

from __future__ import annotations

import logging
import multiprocessing
import os
import signal
import time
from collections import deque
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from multiprocessing.connection import Connection, wait
from typing import Any

from swtoolkit.reports import lifeline

log = logging.getLogger(__name__)

STOP_GRACE = 5.0  # seconds a worker gets to shut its kernels down before it is signalled


@dataclass
class Outcome:
    """What became of one task: `value` is the task function's return value when `ok`, else `error` says why."""

    key: str
    ok: bool
    value: Any = None
    error: str = ""
    seconds: float = 0.0
    pid: int | None = None


@dataclass
class _Worker:
    process: multiprocessing.process.BaseProcess
    conn: Connection
    key: str | None = None
    started: float = 0.0


def _exit_on_sigterm(signum, frame):
    raise SystemExit(128 + signum)


def _worker_main(conn: Connection, parent_pid: int, initializer: Callable | None, initargs: tuple) -> None:
    """A worker: run `initializer`, then each task `(fn, args)` received until None or the pipe closes."""
    lifeline.die_with_parent(signal.SIGTERM, parent_pid)
    lifeline.watch_parent(parent_pid)
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    signal.signal(signal.SIGTERM, _exit_on_sigterm)
    close, init_error = None, None
    try:
        if initializer is not None:
            try:
                close = initializer(*initargs)
            except Exception as exc:  # reported with every task this worker is given
                init_error = f"worker start-up failed: {type(exc).__name__}: {exc}"
        while True:
            try:
                # Wake up every second: a SIGTERM that the kernel delivered to another thread is only acted on
                # when the main thread runs Python code again, and a blocking recv() would not return.
                if not conn.poll(1.0):
                    continue
                task = conn.recv()
            except (EOFError, OSError):
                break
            if task is None:
                break
            fn, args = task
            if init_error:
                conn.send((False, init_error))
                continue
            try:
                conn.send((True, fn(*args)))
            except Exception as exc:  # the task's own failure, reported to the parent
                conn.send((False, f"{type(exc).__name__}: {exc}"))
    finally:
        if callable(close):
            close()


def _describe_exit(code: int | None) -> str:
    if code is None:
        return "still running"
    if code < 0:
        try:
            return f"killed by {signal.Signals(-code).name}"
        except ValueError:
            return f"killed by signal {-code}"
    return f"exit code {code}"


class WorkerPool:
    """`jobs` worker processes (spawned: fresh interpreters that see the current environment).

    Use as a context manager; `run` yields an Outcome per task as tasks finish.

    Parameters
    ----------
    jobs : int
        Number of workers (at least 1).
    initializer : callable, optional
        Run once in each worker (importable by name); it may return a callable that the worker runs when it stops.
    initargs : tuple
        Arguments of `initializer`.
    task_timeout : float, optional
        Seconds a task may run; past that its worker is killed and the task fails. None: no limit.
    """

    def __init__(self, jobs: int, initializer: Callable | None = None, initargs: tuple = (),
                 task_timeout: float | None = None):
        if jobs < 1:
            raise ValueError(f"jobs must be at least 1, not {jobs}")
        self.jobs, self.initializer, self.initargs, self.task_timeout = jobs, initializer, initargs, task_timeout
        self._context = multiprocessing.get_context("spawn")
        self._workers: list[_Worker] = []

    def __enter__(self) -> WorkerPool:
        return self

    def __exit__(self, exc_type, exc, tb) -> None:
        self.close(force=exc_type is not None)

    def _start_worker(self) -> _Worker:
        parent_end, child_end = self._context.Pipe(duplex=True)
        process = self._context.Process(target=_worker_main, name="swtoolkit-worker", daemon=True,
                                        args=(child_end, os.getpid(), self.initializer, self.initargs))
        process.start()
        child_end.close()
        worker = _Worker(process, parent_end)
        self._workers.append(worker)
        return worker

    def _retire(self, worker: _Worker, kill: bool = False) -> None:
        """Forget a worker that is gone or must go: kill it now (`kill`), or let it finish dying first."""
        if not kill:
            worker.process.join(STOP_GRACE)
        if worker.process.is_alive():
            worker.process.kill()
        worker.process.join()
        worker.conn.close()
        self._workers.remove(worker)

    def run(self, tasks: Iterable[tuple[str, Callable, tuple]]) -> Iterator[Outcome]:
        """Run `(key, fn, args)` tasks; yields one Outcome per task, in the order they finish."""
        pending = deque(tasks)
        while pending or any(w.key is not None for w in self._workers):
            while pending:
                worker = self._idle_worker()
                if worker is None:
                    break
                key, fn, args = pending[0]
                try:
                    worker.conn.send((fn, args))
                except OSError:  # it died while idle: not this task's fault
                    self._retire(worker)
                    continue
                pending.popleft()
                worker.key, worker.started = key, time.monotonic()
            busy = [w for w in self._workers if w.key is not None]
            if not busy:
                continue
            wait([w.conn for w in busy] + [w.process.sentinel for w in busy], timeout=self._next_wait(busy))
            for worker in busy:
                outcome = self._check(worker)
                if outcome is not None:
                    yield outcome

    def _idle_worker(self) -> _Worker | None:
        """A live worker without a task (a new one while there are fewer than `jobs`), or None."""
        for worker in [w for w in self._workers if w.key is None]:
            if worker.process.is_alive():
                return worker
            log.warning("worker %s died while idle (%s)", worker.process.pid, _describe_exit(worker.process.exitcode))
            self._retire(worker)
        return self._start_worker() if len(self._workers) < self.jobs else None

    def _next_wait(self, busy: list[_Worker]) -> float:
        if self.task_timeout is None:
            return 1.0
        left = min(w.started + self.task_timeout for w in busy) - time.monotonic()
        return max(0.05, min(1.0, left))

    def _check(self, worker: _Worker) -> Outcome | None:
        """The outcome of `worker`'s task if it has one now: a result, a lost worker or a timeout."""
        key, pid, seconds = worker.key, worker.process.pid, time.monotonic() - worker.started
        if worker.conn.poll():
            try:
                ok, value = worker.conn.recv()
            except Exception as exc:  # EOF or a message cut short: the worker is gone or going
                log.debug("worker %s: no result (%s)", pid, exc)
            else:
                worker.key = None
                return Outcome(key, ok, value if ok else None, "" if ok else value, seconds, pid)
            self._retire(worker)
        elif worker.process.is_alive():
            if self.task_timeout is None or seconds <= self.task_timeout:
                return None
            self._retire(worker, kill=True)
            error = f"no result after {self.task_timeout:g} s (the per-report timeout); its worker was stopped"
            return Outcome(key, False, error=error, seconds=seconds, pid=pid)
        else:
            self._retire(worker)
        error = f"worker process {pid} was lost ({_describe_exit(worker.process.exitcode)}) while running this"
        return Outcome(key, False, error=error, seconds=seconds, pid=pid)

    def close(self, force: bool = False) -> None:
        """Stop every worker: ask (unless `force`), then SIGTERM, then SIGKILL; nothing is left running."""
        workers, self._workers = list(self._workers), []
        try:
            if not force:
                for worker in workers:
                    try:
                        worker.conn.send(None)
                    except OSError:
                        pass
                _join_all(workers, STOP_GRACE)
        finally:  # even when a signal interrupts the polite part
            for worker in workers:
                if worker.process.is_alive():
                    worker.process.terminate()
            _join_all(workers, STOP_GRACE)
            for worker in workers:
                if worker.process.is_alive():
                    log.warning("worker %s did not stop on SIGTERM; killing it", worker.process.pid)
                    worker.process.kill()
                worker.process.join()
                worker.conn.close()


def _join_all(workers: list[_Worker], timeout: float) -> None:
    deadline = time.monotonic() + timeout
    for worker in workers:
        worker.process.join(max(0.0, deadline - time.monotonic()))
