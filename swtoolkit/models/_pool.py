"""Optional worker processes for ``fit_all``: an ordered map that runs in this process or in a spawn pool.

Results come back in task order either way, so the table does not depend on which worker finished first. Workers
are started with ``spawn`` (a fresh interpreter), which is safe whatever threads the caller runs, and run BLAS with
one thread; as with any spawn pool, a script that calls ``fit_all(workers=...)`` must do so under
``if __name__ == "__main__":``.

Kept for the ``fit_all`` goal (2,800-county panel < 60 s, README): the panel takes 90–128 s of CPU, so one core
cannot meet it; the standard library's ProcessPoolExecutor does the work, this module only orders results.
"""

from __future__ import annotations

import logging
from collections.abc import Callable, Iterable, Sequence
from concurrent.futures import ProcessPoolExecutor
from multiprocessing import get_context
from typing import Any

from swtoolkit.models._threads import single_threaded_worker

logger = logging.getLogger(__name__)


def worker_pool(workers: int) -> ProcessPoolExecutor | None:
    """A pool of ``workers`` spawned processes, or None for one (then :func:`ordered_map` runs in this process)."""
    if workers <= 1:
        return None
    logger.debug("starting %d worker processes", workers)
    return ProcessPoolExecutor(max_workers=workers, mp_context=get_context("spawn"), initializer=single_threaded_worker)


def ordered_map(pool: ProcessPoolExecutor | None, fn: Callable[[Any], Any], tasks: Sequence[Any],
                cost: Callable[[Any], float] | None = None) -> Iterable[Any]:
    """``fn`` over ``tasks``, results in task order (``fn`` must be importable: a module-level function).

    With a pool and ``cost``, the costliest tasks are handed out first, so that one long task does not start last
    and keep a single worker busy while the others idle; the results are still returned in task order.
    """
    if pool is None:
        return map(fn, tasks)
    if cost is None:
        return pool.map(fn, tasks)
    order = sorted(range(len(tasks)), key=lambda i: -cost(tasks[i]))
    results: list[Any] = [None] * len(tasks)
    for i, result in zip(order, pool.map(fn, [tasks[i] for i in order]), strict=True):
        results[i] = result
    return results


def merge_warnings(seen: list[str], caught: list[str]) -> None:
    """Add newly caught warning texts to ``seen``, each distinct text once (as one capture block would)."""
    seen += [w for w in caught if w not in seen]
