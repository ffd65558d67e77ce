"""The report stage on Dask (`distributed`): the same tasks as the process pool, on a LocalCluster or a cluster.

`swtoolkit build --scheduler dask` starts a LocalCluster of `--jobs` single-threaded worker processes;
`--scheduler tcp://host:8786` sends the reports to the scheduler of a running cluster (dask-jobqueue on SLURM,
dask-kubernetes, or `dask scheduler` / `dask worker` by hand: see README). Every worker must see the project and the
reports folder at the same paths (a shared file system), since the tasks pass paths, not data.

Behaviour kept from the process pool (`workers.WorkerPool`):

- a task never raises for a report's own failure: it returns the manifest entry (`batch._build_one`);
- a lost worker (killed, out of memory) fails the report it was running: the LocalCluster runs with
  ``distributed.scheduler.allowed-failures = 0``, so the task ends with KilledWorker instead of being retried
  elsewhere (a cluster's own scheduler setting applies there; its retries are Dask's);
- a report past `report_timeout` seconds has its worker restarted (its kernel dies with it) and fails;
- leaving (normally, on an error, on SIGINT/SIGTERM) cancels what is left and closes the LocalCluster.

Each worker process keeps one warm kernel ahead (`kernels.KernelSupply`), as a process-pool worker does.
"""

from __future__ import annotations

import logging
import time
from collections.abc import Iterator
from pathlib import Path

log = logging.getLogger(__name__)

START_TOPIC = "swtoolkit-report-started"
_KERNELS = None  # this Dask worker process's KernelSupply


def _task(code: str, formats: tuple[str, ...], out: str, cell_timeout: int | None, inputs: dict | None) -> dict:
    """Runs on a Dask worker: announce the start (for the report timeout), then build one report."""
    global _KERNELS
    from distributed import get_worker

    from swtoolkit.paths import project_root
    from swtoolkit.reports.batch import _build_one
    from swtoolkit.reports.kernels import KernelSupply

    worker = get_worker()
    worker.log_event(START_TOPIC, {"code": code, "worker": worker.address})
    if _KERNELS is None:
        _KERNELS = KernelSupply(cwd=str(project_root()))
    entry = _build_one(code, formats, out, cell_timeout, inputs, kernels=_KERNELS)
    if entry.get("status") == "failed":
        entry["log"] = f"dask worker {worker.address}"
    return entry


def _client(scheduler: str, jobs: int):
    """A Client on a new LocalCluster ("dask") or on the scheduler at `scheduler` (an address)."""
    import dask
    from distributed import Client, LocalCluster

    if scheduler == "dask":
        with dask.config.set({"distributed.scheduler.allowed-failures": 0}):
            cluster = LocalCluster(n_workers=jobs, threads_per_worker=1, processes=True, dashboard_address=None,
                                   silence_logs=logging.ERROR)
        return Client(cluster), cluster
    return Client(scheduler), None


def run_on_dask(todo: list[tuple[str, str]], formats: tuple[str, ...], out: Path, jobs: int,
                cell_timeout: int | None, report_timeout: float | None, inputs: dict | None, scheduler: str
                ) -> Iterator[tuple[str, str, dict]]:
    """Submit one task per report; yields (code, cache key, manifest entry) as reports finish (see batch._run)."""
    from distributed import as_completed

    from swtoolkit.reports.batch import lost_report

    keys = dict(todo)
    client, cluster = _client(scheduler, jobs)
    started: dict[str, tuple[float, str]] = {}

    def on_start(event) -> None:
        _, message = event
        started[message["code"]] = (time.monotonic(), message["worker"])

    client.subscribe_topic(START_TOPIC, on_start)
    futures = {}
    try:
        for code, key in todo:
            future = client.submit(_task, code, formats, str(out), cell_timeout, inputs,
                                   key=f"report-{code}-{key[:12]}", pure=False, retries=0)
            futures[future] = code
        pending = as_completed(list(futures), with_results=False)
        done: set[str] = set()
        while len(done) < len(futures):
            for future in pending.next_batch(block=False) if not pending.is_empty() else []:
                code = futures[future]
                if code in done:
                    continue
                done.add(code)
                yield code, keys[code], _entry(future, out, code, started, lost_report)
            timed_out = [c for c, (t, _) in started.items() if c not in done and report_timeout is not None
                         and time.monotonic() - t > report_timeout]
            for code in timed_out:
                done.add(code)
                future = next(f for f, c in futures.items() if c == code)
                future.cancel()
                client.restart_workers([started[code][1]], raise_for_error=False)
                error = f"no result after {report_timeout:g} s (the per-report timeout); its worker was restarted"
                yield code, keys[code], lost_report(out, code, error, time.monotonic() - started[code][0])
            time.sleep(0.2)
    finally:
        for future in futures:
            if not future.done():
                future.cancel()
        client.close()
        if cluster is not None:
            cluster.close()


def _entry(future, out: Path, code: str, started: dict, lost_report) -> dict:
    seconds = time.monotonic() - started[code][0] if code in started else 0.0
    try:
        return future.result()
    except Exception as exc:  # KilledWorker, CancelledError, a worker that could not import: this report's failure
        where = started.get(code, (0, "?"))[1]
        error = f"dask worker {where} was lost while running this ({type(exc).__name__}: {exc})"
        return lost_report(out, code, error, seconds)
