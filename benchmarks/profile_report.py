"""Where one report's cost goes: kernel start, imports, each cell, HTML export, WeasyPrint, PDF check.

    .venv/bin/python benchmarks/profile_report.py [--region 530100] [--repeat 2] [--json out.json]

Runs the report as `swtoolkit build` does (papermill in a started kernel, nbconvert, WeasyPrint, pypdf), timing
each phase in wall seconds and CPU seconds (this process: `time.process_time`; the kernel: its own CPU counters
from /proc, read before it is shut down). The first repeat pays for first imports in this process (nbconvert
templates, WeasyPrint fonts); later repeats show the warm cost a build worker pays per report.
"""

from __future__ import annotations

import argparse
import json
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))


def _kernel_cpu(km) -> float:
    import psutil

    process = psutil.Process(km.provisioner.process.pid)
    times = process.cpu_times()
    return times.user + times.system


def profile(region: str, work: Path) -> dict:
    import nbformat
    import papermill

    from swtoolkit import stages
    from swtoolkit.reports import runner
    from swtoolkit.reports.kernels import KernelSupply, shutdown

    phases: dict[str, dict[str, float]] = {}

    def mark(name: str, wall: float, cpu: float) -> None:
        phases[name] = {"wall_s": round(wall, 3), "cpu_s": round(cpu, 3)}

    results = stages.fit_stage(stages.figures_path(), work)
    inputs = runner.stage_parameters(stages.figures_path(), results)
    t, c = time.perf_counter(), time.process_time()
    supply = KernelSupply(cwd=str(ROOT))
    km = supply.take()
    from jupyter_core.utils import run_sync

    kc = km.client()  # asynchronous (see swtoolkit.reports.kernels)
    kc.start_channels()
    run_sync(kc.wait_for_ready)(timeout=120)  # the warm imports (exec_lines) run before the kernel answers
    kc.stop_channels()
    wall = time.perf_counter() - t
    kernel_start_cpu = _kernel_cpu(km)
    mark("kernel start + warm imports (kernel)", wall, kernel_start_cpu)
    mark("kernel start (this process)", wall, time.process_time() - c)

    t, c = time.perf_counter(), time.process_time()
    out = work / "profile.ipynb"
    papermill.execute_notebook(str(ROOT / "notebooks" / runner.REGION_NOTEBOOK), str(out),
                               parameters={"region": region, **inputs}, progress_bar=False, kernel_name="python3",
                               cwd=str(ROOT), log_output=False, km=km)
    wall, parent_cpu = time.perf_counter() - t, time.process_time() - c
    kernel_cpu = _kernel_cpu(km) - kernel_start_cpu
    shutdown(km)
    supply.close()
    executed = nbformat.read(str(out), as_version=4)
    for i, cell in enumerate(executed.cells):
        if cell.cell_type == "code":
            first = cell.source.splitlines()[0][:60] if cell.source else ""
            phases[f"cell {i}: {first}"] = {"wall_s": round(cell.metadata.papermill.duration or 0.0, 3)}
    mark("execute, all cells (kernel CPU)", wall, kernel_cpu)
    mark("execute, papermill/nbclient (this process)", wall, parent_cpu)

    t, c = time.perf_counter(), time.process_time()
    html = runner.to_html(executed, "profile")
    mark("HTML export (nbconvert)", time.perf_counter() - t, time.process_time() - c)
    t, c = time.perf_counter(), time.process_time()
    pdf = runner.to_pdf(html)
    mark("PDF (WeasyPrint)", time.perf_counter() - t, time.process_time() - c)
    t, c = time.perf_counter(), time.process_time()
    runner.check_pdf(pdf, [])
    mark("PDF check (pypdf)", time.perf_counter() - t, time.process_time() - c)
    total_cpu = sum(p.get("cpu_s", 0.0) for p in phases.values())
    return {"region": region, "phases": phases, "total_cpu_s": round(total_cpu, 2)}


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--region", default="530100")
    parser.add_argument("--repeat", type=int, default=2)
    parser.add_argument("--json", type=Path)
    args = parser.parse_args()
    runs = []
    with tempfile.TemporaryDirectory(prefix="profile-report-") as tmp:
        for i in range(args.repeat):
            result = profile(args.region, Path(tmp))
            runs.append(result)
            print(f"run {i + 1} ({'cold' if i == 0 else 'warm'} process): total CPU {result['total_cpu_s']} s")
            for name, numbers in result["phases"].items():
                print(f"  {name:<70} " + "  ".join(f"{k} {v:7.3f}" for k, v in numbers.items()))
    if args.json:
        args.json.write_text(json.dumps(runs, indent=2, ensure_ascii=False), encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
