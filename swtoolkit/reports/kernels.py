"""Kernels started ahead of need, so a batch worker never waits for one, and kept warm between reports.

A kernel imports the report libraries at start-up (IPython `exec_lines`), which binds no notebook variable except
the top-level package name; the next kernel is launched while the previous report is being rendered. A kernel whose
notebook ran to the end is used again for the next notebook (at most REUSES times) after its namespace is reset
(``InteractiveShell.reset``, a new session: every variable of the previous notebook is gone and cells count from 1
again; imported modules stay loaded), so the next report does not pay for a kernel start and its imports again
(about 2 s of CPU each, see benchmarks/report_cost.md). A kernel whose notebook failed, timed out or was
interrupted is never reused.

A kernel that dies or hangs never hangs the build:

- nbclient is handed an asyncio client (`AsyncKernelClient`), so while a cell runs it polls the kernel every second
  and raises `DeadKernelError` when the process is gone (a blocking client waits on the reply socket forever);
  a cell that runs too long ends with nbclient's `CellTimeoutError` (the build's per-cell timeout);
- a pre-started kernel that died while waiting is replaced, not handed out;
- every kernel dies with the worker that launched it (`lifeline.die_with_kernel_parent` at start-up, plus
  ipykernel's parent poller), and is shut down in ``finally`` blocks and at exit.
"""

from __future__ import annotations

import atexit
import logging
import os
from functools import lru_cache

log = logging.getLogger(__name__)

KERNEL_NAME = "python3"
REUSES = 25  # notebooks one kernel may run before it is replaced (bounds what a leak could accumulate)
RESET = ("get_ipython().reset(new_session=True, aggressive=False)\n"
         "import matplotlib.pyplot as _plt; _plt.close('all'); del _plt")
LIFELINE = "import swtoolkit.reports.lifeline; swtoolkit.reports.lifeline.die_with_kernel_parent()"
WARM_IMPORTS = "import swtoolkit.reports.content, swtoolkit.reports.comparison, swtoolkit.fonts"
#: After the warm imports, their objects (≈ 110,000: modules, functions, classes that live as long as the kernel)
#: move to the garbage collector's permanent generation (`gc.freeze`), so the full collection of every reset
#: (IPython's displayhook flush) no longer walks them: reset 0.19 → 0.11 s CPU per report, A/B in one run
#: (benchmarks/bench_kernel_gc.py, benchmarks/report_cost.md, fourth pass). Nothing a notebook makes is frozen.
FREEZE = "import gc; gc.freeze(); del gc"


@lru_cache(maxsize=1)
def _manager_class():
    from jupyter_client.manager import KernelManager

    class SupplyKernelManager(KernelManager):
        """Hands out asynchronous clients and remembers them, so they are closed with the kernel."""

        def client(self, **kwargs):
            kc = super().client(**kwargs)
            self.__dict__.setdefault("_supply_clients", []).append(kc)
            return kc

    return SupplyKernelManager


def _kernel_manager():
    from jupyter_client.asynchronous import AsyncKernelClient

    return _manager_class()(kernel_name=KERNEL_NAME, client_factory=AsyncKernelClient)


def shutdown(km) -> None:
    """Stop a kernel and its clients' channels; a kernel that is already gone is not an error."""
    for kc in km.__dict__.pop("_supply_clients", []):
        try:
            kc.stop_channels()
        except Exception as exc:  # closing sockets of a dead kernel
            log.debug("kernel client close: %s", exc)
    process = getattr(getattr(km, "provisioner", None), "process", None)  # the kernel's Popen
    try:
        km.shutdown_kernel(now=True)
    except Exception as exc:  # the kernel may be dead already; make sure its process is
        log.debug("kernel shutdown: %s", exc)
        if process is not None and process.poll() is None:
            process.kill()


class KernelSupply:
    """Holds at most one started, warming kernel for the next notebook of this process."""

    def __init__(self, cwd: str):
        self.cwd = cwd
        self._next = None
        atexit.register(self.close)

    def _start(self):
        km = _kernel_manager()
        km.start_kernel(extra_arguments=[f"--IPKernelApp.exec_lines={LIFELINE}; {WARM_IMPORTS}; {FREEZE}"],
                        env=dict(os.environ), cwd=self.cwd)
        return km

    def take(self):
        """A started kernel manager; the caller hands it back to `release` after one notebook."""
        km, self._next = self._next, None
        if km is not None and not km.is_alive():
            log.warning("a pre-started kernel died before use; starting another")
            shutdown(km)
            km = None
        return km or self._start()

    def release(self, km, reuse: bool = False) -> None:
        """Done with `km`: keep it for the next notebook (`reuse`, after its notebook ran to the end) when it is
        alive, has room for another notebook and its namespace resets; shut it down otherwise."""
        runs = km.__dict__.get("_supply_runs", 0) + 1
        if reuse and self._next is None and runs < REUSES and km.is_alive() and _reset(km):
            km.__dict__["_supply_runs"] = runs
            self._next = km
            return
        shutdown(km)

    def refill(self) -> None:
        """Launch the next kernel now, so it boots while this process renders the current report."""
        if self._next is None:
            self._next = self._start()

    def close(self) -> None:
        if self._next is not None:
            km, self._next = self._next, None
            shutdown(km)


def _reset(km) -> bool:
    """Clear the kernel's namespace (and close figures) for the next notebook; False if it does not answer."""
    from jupyter_core.utils import run_sync

    kc = km.client()
    try:
        kc.start_channels()
        reply = run_sync(kc.execute_interactive)(RESET, timeout=30, store_history=False, output_hook=lambda m: None)
        return reply["content"]["status"] == "ok"
    except Exception as exc:  # a kernel that cannot be reset is replaced, not reused
        log.warning("kernel not reused (reset failed: %s)", exc)
        return False
    finally:
        try:
            kc.stop_channels()
        except Exception as exc:
            log.debug("kernel client close: %s", exc)
