"""A kept kernel with and without `gc.freeze()` after its warm imports (A/B alternated in one process).

    .venv/bin/python benchmarks/bench_kernel_gc.py [--repeat 4] [--json out.json]

Two kernels from two KernelSupply objects run the first synthetic county's report (benchmarks/synthetic_counties.py)
one after the other, `--repeat` times each, reset between reports as a build worker does. One kernel starts with the
build's exec_lines as they were (LIFELINE; WARM_IMPORTS), the other with `gc.freeze()` after them: the warm
imports' objects (≈ 110,000) move to the permanent generation, so the cyclic collector no longer walks them in every
full collection (the reset's `gc.collect()` and the automatic ones while the cells run). Kernel CPU seconds (psutil)
of the notebook and of the reset, per report.
"""

from __future__ import annotations

import argparse
import json
import os
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "benchmarks"))


def _cpu(km) -> float:
    import psutil

    times = psutil.Process(km.provisioner.process.pid).cpu_times()
    return times.user + times.system


def main() -> int:
    import papermill
    import synthetic_counties

    from swtoolkit import stages
    from swtoolkit.reports import kernels, runner

    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=4)
    parser.add_argument("--json", type=Path)
    parser.add_argument("--variants", nargs="+", default=["plain", "freeze"])
    args = parser.parse_args()

    class Supply(kernels.KernelSupply):
        def __init__(self, cwd, lines):
            super().__init__(cwd)
            self.lines = lines

        def _start(self):
            km = kernels._kernel_manager()
            km.start_kernel(extra_arguments=[f"--IPKernelApp.exec_lines={self.lines}"], env=dict(os.environ),
                            cwd=self.cwd)
            return km

    plain = f"{kernels.LIFELINE}; {kernels.WARM_IMPORTS}"
    lines = {"plain": plain, "freeze": f"{plain}; {kernels.FREEZE}", "current": None}
    runs = []
    with tempfile.TemporaryDirectory(prefix="kernel-gc-") as tmp:
        work = Path(tmp)
        figures, region = synthetic_counties.write(2, work / "synthetic"), synthetic_counties.county_codes(1)[0]
        inputs = runner.stage_parameters(figures, stages.fit_stage(figures, work))
        supplies = {name: (kernels.KernelSupply(str(ROOT)) if lines[name] is None else Supply(str(ROOT), lines[name]))
                    for name in args.variants}
        try:
            for i in range(args.repeat + 1):
                for name, supply in supplies.items():
                    km = supply.take()
                    from jupyter_core.utils import run_sync

                    kc = km.client()
                    kc.start_channels()
                    run_sync(kc.wait_for_ready)(timeout=120)
                    kc.stop_channels()
                    before = _cpu(km)
                    papermill.execute_notebook(str(ROOT / "notebooks" / runner.REGION_NOTEBOOK),
                                               str(work / f"{name}.ipynb"), parameters={"region": region, **inputs},
                                               progress_bar=False, kernel_name="python3", cwd=str(ROOT),
                                               log_output=False, km=km)
                    cells = _cpu(km) - before
                    supply.release(km, reuse=True)
                    reset = _cpu(supply._next) - before - cells
                    run = {"variant": name, "repeat": i, "cells_cpu_s": round(cells, 3),
                           "reset_cpu_s": round(reset, 3), "load": round(os.getloadavg()[0], 2),
                           "utc": time.strftime("%H:%M:%S", time.gmtime())}
                    runs.append(run)
                    print(json.dumps(run), flush=True)
        finally:
            for supply in supplies.values():
                supply.close()
    for name in args.variants:
        warm = [r for r in runs if r["variant"] == name and r["repeat"] > 0]
        print(name, "warm mean cells", round(sum(r["cells_cpu_s"] for r in warm) / len(warm), 3),
              "reset", round(sum(r["reset_cpu_s"] for r in warm) / len(warm), 3))
    if args.json:
        args.json.write_text(json.dumps(runs, indent=2), encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
