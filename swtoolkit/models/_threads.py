"""Run the many tiny fits of ``fit_all`` with one BLAS thread.

Why: every matrix here is tiny (10 × 2 for a trend, 4 parameters for ETS). A multi-threaded OpenBLAS wakes and
synchronises its threads for each call, which costs more than the arithmetic: on a 2-core machine with another
busy process, one L-BFGS-B step of an ETS fit took 0.4 ms instead of 0.005 ms. Parallelism belongs at the level of
series (``fit_all(workers=...)``), not inside a 10-point regression.

``threadpoolctl`` is used when it is installed; otherwise the OpenBLAS libraries already loaded by numpy and scipy
are found in ``/proc/self/maps`` and their ``*openblas_set_num_threads*`` entry points called through ctypes. Where
neither works (another BLAS, another OS) nothing changes except speed; the limit is restored on exit.
"""

from __future__ import annotations

import contextlib
import ctypes
import logging
from collections.abc import Iterator
from pathlib import Path

logger = logging.getLogger(__name__)

_SETTERS = ("openblas_set_num_threads", "openblas_set_num_threads64_", "scipy_openblas_set_num_threads",
            "scipy_openblas_set_num_threads64_")


def _openblas_handles() -> list[tuple[ctypes.CDLL, str, str]]:
    """(library, setter, getter) for each OpenBLAS loaded in this process (Linux only; empty elsewhere)."""
    maps = Path("/proc/self/maps")
    if not maps.exists():
        return []
    paths = set()
    for line in maps.read_text().splitlines():
        path = line.split()[-1] if line.split() else ""
        name = path.rsplit("/", 1)[-1].lower()
        if "openblas" in name and ".so" in name:
            paths.add(path)
    handles = []
    for path in sorted(paths):
        try:
            lib = ctypes.CDLL(path)
        except OSError:
            continue
        for setter in _SETTERS:
            getter = setter.replace("_set_", "_get_")
            if hasattr(lib, setter) and hasattr(lib, getter):
                handles.append((lib, setter, getter))
                break
    return handles


@contextlib.contextmanager
def single_threaded_blas() -> Iterator[None]:
    """Limit BLAS to one thread inside the block; the previous setting is restored afterwards."""
    try:
        from threadpoolctl import threadpool_limits  # optional
    except ImportError:
        threadpool_limits = None
    if threadpool_limits is not None:
        with threadpool_limits(limits=1, user_api="blas"):
            yield
        return
    handles = _openblas_handles()
    before = [int(getattr(lib, getter)()) for lib, _, getter in handles]
    for lib, setter, _ in handles:
        getattr(lib, setter)(1)
    if not handles:
        logger.debug("no OpenBLAS found to limit; BLAS threads unchanged")
    try:
        yield
    finally:
        for (lib, setter, _), n in zip(handles, before, strict=True):
            getattr(lib, setter)(n)
