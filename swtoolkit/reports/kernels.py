"""Kernels started ahead of need, so a batch worker never waits for one.

Each notebook still runs in its own fresh kernel: the next kernel is launched while the previous report is being
rendered to HTML and PDF, and it imports the report libraries at start-up (IPython `exec_lines`), which binds no
notebook variable except the top-level package name. A kernel is never reused for a second notebook.
"""

from __future__ import annotations

import atexit
import logging
import os

log = logging.getLogger(__name__)

KERNEL_NAME = "python3"
WARM_IMPORTS = "import swtoolkit.reports.content, swtoolkit.reports.comparison, swtoolkit.fonts"


class KernelSupply:
    """Holds at most one started, warming kernel for the next notebook of this process."""

    def __init__(self, cwd: str):
        self.cwd = cwd
        self._next = None
        atexit.register(self.close)

    def _start(self):
        from jupyter_client.manager import KernelManager

        km = KernelManager(kernel_name=KERNEL_NAME)
        km.start_kernel(extra_arguments=[f"--IPKernelApp.exec_lines={WARM_IMPORTS}"], env=dict(os.environ),
                        cwd=self.cwd)
        return km

    def take(self):
        """A started kernel manager; the caller shuts it down after one notebook."""
        km, self._next = (self._next or self._start()), None
        return km

    def refill(self) -> None:
        """Launch the next kernel now, so it boots while this process renders the current report."""
        if self._next is None:
            self._next = self._start()

    def close(self) -> None:
        if self._next is not None:
            try:
                self._next.shutdown_kernel(now=True)
            except Exception as exc:  # at exit, a kernel that is already gone is not an error
                log.debug("kernel shutdown: %s", exc)
            self._next = None
