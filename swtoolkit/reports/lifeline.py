"""Processes that never outlive their parent: a build's workers and their kernels stop when the build stops.

On Linux the kernel does it (``prctl(PR_SET_PDEATHSIG)``: a signal the moment the parent exits); elsewhere, and as a
second line on Linux, a daemon thread polls the parent. Kernels of a report also run ipykernel's own parent poller.
"""

from __future__ import annotations

import logging
import os
import signal
import sys
import threading
import time

log = logging.getLogger(__name__)

PR_SET_PDEATHSIG = 1  # <linux/prctl.h>


def die_with_parent(sig: int = signal.SIGKILL, parent_pid: int | None = None) -> bool:
    """Ask for `sig` when the parent exits; exit at once if `parent_pid` is already gone.

    Returns whether the operating system took the request (Linux only). The signal is sent when the parent
    *thread* that started this process ends, so start children from a thread that lives as long as they should.
    """
    armed = False
    if sys.platform.startswith("linux"):
        import ctypes

        try:
            libc = ctypes.CDLL(None, use_errno=True)
            armed = libc.prctl(PR_SET_PDEATHSIG, int(sig), 0, 0, 0) == 0
        except (OSError, AttributeError) as exc:  # no prctl in this libc: the watch thread still applies
            log.debug("prctl(PR_SET_PDEATHSIG) unavailable: %s", exc)
    if parent_pid is not None and os.getppid() != parent_pid:
        os._exit(1)  # the parent died before the request took effect
    return armed


def die_with_kernel_parent() -> None:
    """In a report kernel (run at start-up): die with the worker that launched it (jupyter_client sets
    JPY_PARENT_PID to the launcher's pid)."""
    parent = os.environ.get("JPY_PARENT_PID", "")
    die_with_parent(signal.SIGKILL, int(parent) if parent.isdigit() else None)


def watch_parent(parent_pid: int, grace: float = 10.0, interval: float = 1.0) -> threading.Thread:
    """A daemon thread: once `parent_pid` is no longer the parent, SIGTERM this process (so its ``finally``
    blocks shut its kernels down) and, if it is still running `grace` seconds later, end it at once."""

    def run() -> None:
        signal.pthread_sigmask(signal.SIG_BLOCK, {signal.SIGINT, signal.SIGTERM})  # for the main thread to handle
        while os.getppid() == parent_pid:
            time.sleep(interval)
        log.warning("parent process %d is gone; stopping", parent_pid)
        os.kill(os.getpid(), signal.SIGTERM)
        time.sleep(grace)
        os._exit(1)

    thread = threading.Thread(target=run, name="watch-parent", daemon=True)
    thread.start()
    return thread
