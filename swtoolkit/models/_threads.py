"""Run the many tiny fits of ``fit_all`` with one BLAS thread (``threadpoolctl``).

Why: every matrix here is tiny (10 × 2 for a trend, 4 parameters for ETS). A multi-threaded OpenBLAS wakes and
synchronises its threads for each call, which costs more than the arithmetic: on a 2-core machine with another
busy process, one L-BFGS-B step of an ETS fit took 0.4 ms instead of 0.005 ms. Parallelism belongs at the level of
series (``fit_all(workers=...)``), not inside a 10-point regression.

Kept for the ``fit_all`` goal (2,800-county panel < 60 s, README): benchmarks/bench_fast_paths.py, 120 counties
on the shared machine (load ≈ 15), took 12.7 s CPU with the limit and 40.3 s without it
(benchmarks/report_cost.md).
"""

from __future__ import annotations

import os

from threadpoolctl import threadpool_limits

#: Read by OpenBLAS, MKL and OpenMP when they load: covers libraries a worker loads after it started.
_THREAD_VARIABLES = ("OPENBLAS_NUM_THREADS", "MKL_NUM_THREADS", "OMP_NUM_THREADS")


def single_threaded_blas() -> threadpool_limits:
    """Context manager: BLAS limited to one thread inside the block, the previous setting restored after."""
    return threadpool_limits(limits=1, user_api="blas")


def single_threaded_worker() -> None:
    """Initializer of a ``fit_all`` worker process: one BLAS thread for the life of the process."""
    for name in _THREAD_VARIABLES:
        os.environ[name] = "1"
    threadpool_limits(limits=1, user_api="blas")
