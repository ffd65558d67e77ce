"""Where one report's cost goes: kernel start, imports, each cell, HTML export, WeasyPrint, PDF check.

    .venv/bin/python benchmarks/profile_report.py [--region 530100 | --synthetic] [--repeat 3] [--json out.json]

Runs the report as a `swtoolkit build` worker does (papermill in a kernel from a KernelSupply, nbconvert,
WeasyPrint, pypdf), timing each phase in wall seconds and CPU seconds (this process: `time.process_time`; the
kernel: its own CPU counters from /proc). As in a worker, the kernel is kept after a notebook that ran to the end
and reused (namespace reset) for the next repeat: the first repeat pays for the kernel start, first imports and
first calls in both processes (nbconvert templates, WeasyPrint fonts); later repeats show the warm cost per report.
`--synthetic` profiles the first county of the scale benchmark's synthetic table (benchmarks/synthetic_counties.py,
written to a temporary folder) instead of a real region: the report the ≤ 1.5 s goal is about.
`--layouts full brief` runs the same region in both layouts one after the other in every repeat, in one kernel and
one process (side by side under the same load): before each run the kernel's layout rule is set
(content.BRIEF_LEVELS: a county gets the brief with ("county",), the full report with ()); the kernel's modules
survive the namespace reset between notebooks, so the setting holds for that run.
"""

from __future__ import annotations

import argparse
import io
import json
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "benchmarks"))


def _kernel_cpu(km) -> float:
    import psutil

    times = psutil.Process(km.provisioner.process.pid).cpu_times()
    return times.user + times.system


#: The layout rule the kernel runs with, per --layouts value (content.BRIEF_LEVELS).
LAYOUT_RULES = {"brief": ("county",), "full": ()}


def _set_layout(kc, layout: str | None) -> None:
    """Set the kernel's brief rule for the next notebook (not timed as a phase: it is not part of a report)."""
    from jupyter_core.utils import run_sync

    if layout is None:
        return
    code = f"import swtoolkit.reports.content as _c\n_c.BRIEF_LEVELS = {LAYOUT_RULES[layout]!r}\ndel _c"
    reply = run_sync(kc.execute_interactive)(code, timeout=60, output_hook=lambda msg: None)
    if reply["content"]["status"] != "ok":
        raise SystemExit(f"could not set the layout in the kernel: {reply['content']}")


def profile(region: str, inputs: dict, supply, work: Path, layout: str | None = None) -> dict:
    """One report through every phase; the kernel comes from (and goes back to) `supply`; `layout` (brief, full or
    None: as the data choose) is set in the kernel first."""
    import nbformat
    import papermill
    from jupyter_core.utils import run_sync
    from pypdf import PdfReader

    from swtoolkit.reports import runner

    phases: dict[str, dict[str, float]] = {}

    def mark(name: str, wall: float, cpu: float) -> None:
        phases[name] = {"wall_s": round(wall, 3), "cpu_s": round(cpu, 3)}

    t, c = time.perf_counter(), time.process_time()
    km = supply.take()
    reused = "_supply_runs" in km.__dict__
    kc = km.client()  # asynchronous (see swtoolkit.reports.kernels)
    kc.start_channels()
    run_sync(kc.wait_for_ready)(timeout=120)  # the warm imports (exec_lines) run before the kernel answers
    wall = time.perf_counter() - t
    _set_layout(kc, layout)
    kc.stop_channels()
    kernel_before = _kernel_cpu(km)
    if not reused:
        mark("kernel start + warm imports (kernel)", wall, kernel_before)
    mark("kernel start or reuse (this process)", wall, time.process_time() - c)

    t, c = time.perf_counter(), time.process_time()
    out = work / "profile.ipynb"
    papermill.execute_notebook(str(ROOT / "notebooks" / runner.REGION_NOTEBOOK), str(out),
                               parameters={"region": region, **inputs}, progress_bar=False, kernel_name="python3",
                               cwd=str(ROOT), log_output=False, km=km)
    wall, parent_cpu = time.perf_counter() - t, time.process_time() - c
    kernel_cpu = _kernel_cpu(km) - kernel_before
    supply.release(km, reuse=True)  # as a worker does after a notebook that ran to the end (the reset is not timed)
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
    return {"region": region, "layout": layout or "as chosen", "kernel_reused": reused,
            "pdf_pages": len(PdfReader(io.BytesIO(pdf)).pages),
            "phases": phases, "total_cpu_s": round(total_cpu, 2)}


def main() -> int:
    import os

    from swtoolkit import stages
    from swtoolkit.reports import runner
    from swtoolkit.reports.kernels import KernelSupply

    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--region", default="530100")
    parser.add_argument("--synthetic", action="store_true", help="profile a synthetic county (scale benchmark)")
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--layouts", nargs="+", choices=sorted(LAYOUT_RULES),
                        help="run each repeat in these layouts, one after the other (default: as the data choose)")
    parser.add_argument("--json", type=Path)
    args = parser.parse_args()
    runs = []
    with tempfile.TemporaryDirectory(prefix="profile-report-") as tmp:
        work = Path(tmp)
        figures, region = stages.figures_path(), args.region
        if args.synthetic:
            import synthetic_counties

            figures, region = synthetic_counties.write(2, work / "synthetic"), synthetic_counties.county_codes(1)[0]
        inputs = runner.stage_parameters(figures, stages.fit_stage(figures, work))
        supply = KernelSupply(cwd=str(ROOT))
        try:
            for i in range(args.repeat):
                for layout in args.layouts or [None]:
                    result = profile(region, inputs, supply, work, layout)
                    runs.append(result)
                    print(f"run {i + 1}, layout {result['layout']} "
                          f"({'reused kernel' if result['kernel_reused'] else 'new kernel'}, "
                          f"{'cold' if i == 0 else 'warm'} process): total CPU {result['total_cpu_s']} s, "
                          f"{result['pdf_pages']} pages, load {os.getloadavg()[0]:.1f}")
                    for name, numbers in result["phases"].items():
                        print(f"  {name:<70} " + "  ".join(f"{k} {v:7.3f}" for k, v in numbers.items()))
        finally:
            supply.close()
    if args.json:
        args.json.write_text(json.dumps(runs, indent=2, ensure_ascii=False), encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
