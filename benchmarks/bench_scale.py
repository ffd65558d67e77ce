"""Scale benchmark: N synthetic county reports on the process pool and on Dask; fixed cost and cost per report.

    .venv/bin/python benchmarks/bench_scale.py [--sizes 30 100 300] [--formats html,pdf] [--executors pool dask]
                                               [--jobs 2] [--json out.json]

For each N and executor, a fresh reports folder gets a full build (`build_all(force=True)`) of N synthetic
counties (benchmarks/synthetic_counties.py, written to a temporary folder, never into data/): the fit stage and the
report stage, as `swtoolkit build` runs them; the clean stage is left out (the synthetic table is the clean artefact).
Measured: wall seconds and CPU seconds of this process and every process under it (RUSAGE_SELF + RUSAGE_CHILDREN;
Dask's worker processes count once the cluster is closed). A least-squares line wall = fixed + per_report × N gives
the fixed cost and the cost per report, and the extrapolations:

- 2,800 reports on this machine: fixed + per_report × 2800 (wall);
- 2,800 reports on a cluster of 10 × 16 cores (Dask, one single-threaded worker per core): fixed + CPU per report ×
  2800 / 160 — each core builds reports one after another, so a report costs it its CPU time (an estimate: it
  assumes a shared file system that keeps up, and no scheduler overhead beyond the fixed cost).

- 2,800 reports on this machine from CPU time: fixed wall + CPU per report × 2800 / cores (the steadier figure
  when other work shares the machine: wall then also measures the others).

Each run's load average (1 min) is recorded before and after it; the JSON is rewritten after every run, so a run
cut short keeps what it measured. Timings on a shared machine are noisy: run it when the machine is quiet.

Expected duration on this 2-core machine kind at ≈ 5 s CPU per report (HTML + PDF, benchmarks/report_cost.md):
N = 30 about 2–3 min per executor, N = 100 about 5–6 min, N = 300 about 14–16 min; Dask adds ≈ 30 s per run for
its cluster. Sizes 30 100 300: about 25 min per executor, 50–55 min for both.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import resource
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "benchmarks"))
REPORTS = 2800
CLUSTER_CORES = 160


def _cpu() -> float:
    total = 0.0
    for who in (resource.RUSAGE_SELF, resource.RUSAGE_CHILDREN):
        usage = resource.getrusage(who)
        total += usage.ru_utime + usage.ru_stime
    return total


def build(figures: Path, codes: list[str], out: Path, formats: tuple[str, ...], jobs: int,
          scheduler: str | None) -> dict:
    """One full build of `codes` from the synthetic figures; wall and CPU seconds."""
    import swtoolkit.cleaning.verify as verify
    from swtoolkit import stages
    from swtoolkit.reports import batch

    saved = verify.ensure_clean, stages.figures_path
    verify.ensure_clean = lambda known=None: ("synthetic", False)  # the synthetic table is the clean artefact
    stages.figures_path = lambda: figures
    try:
        started, cpu = time.perf_counter(), _cpu()
        summary = batch.build_all(regions=codes, formats=formats, jobs=jobs, force=True, progress=False, out=out,
                                  scheduler=scheduler)
        wall, cpu = time.perf_counter() - started, _cpu() - cpu
    finally:
        verify.ensure_clean, stages.figures_path = saved
    if summary.failed:
        first = next(iter(summary.failed.items()))
        raise SystemExit(f"{len(summary.failed)} report(s) failed, e.g. {first}")
    return {"wall_s": round(wall, 2), "cpu_s": round(cpu, 2), "reports": len(codes)}


def fit(points: list[tuple[int, float]]) -> tuple[float, float]:
    """Least squares y = a + b·n over (n, y); with one point, a = 0."""
    import numpy as np

    n = np.array([p[0] for p in points], dtype=float)
    y = np.array([p[1] for p in points], dtype=float)
    if len(points) == 1:
        return 0.0, float(y[0] / n[0])
    b, a = np.polyfit(n, y, 1)
    return float(a), float(b)


def summarise(runs: list[dict], executors: list[str], cores: int) -> dict:
    """Fixed cost, seconds per report (wall and CPU) and the extrapolations to REPORTS, per executor."""
    out = {}
    for executor in executors:
        mine = [r for r in runs if r["executor"] == executor]
        if not mine:
            continue
        fixed, per_report = fit([(r["n"], r["wall_s"]) for r in mine])
        cpu_fixed, cpu_per_report = fit([(r["n"], r["cpu_s"]) for r in mine])
        out[executor] = {
            "sizes": [r["n"] for r in mine],
            "fixed_wall_s": round(fixed, 1), "wall_s_per_report": round(per_report, 3),
            "fixed_cpu_s": round(cpu_fixed, 1), "cpu_s_per_report": round(cpu_per_report, 3),
            f"extrapolated_{REPORTS}_here_h": round((fixed + per_report * REPORTS) / 3600, 2),
            f"extrapolated_{REPORTS}_here_from_cpu_h": round(
                (fixed + cpu_per_report * REPORTS / cores) / 3600, 2),
            f"extrapolated_{REPORTS}_on_{CLUSTER_CORES}_cores_min": round(
                (fixed + cpu_per_report * REPORTS / CLUSTER_CORES) / 60, 1),
        }
    return out


def main() -> int:
    import synthetic_counties

    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[30, 100, 300])
    parser.add_argument("--formats", default="html,pdf")
    parser.add_argument("--executors", nargs="+", default=["pool", "dask"], choices=["pool", "dask"])
    parser.add_argument("--jobs", type=int, default=2)
    parser.add_argument("--json", type=Path)
    args = parser.parse_args()
    formats = tuple(args.formats.split(","))
    cores = os.cpu_count() or 1
    runs: list[dict] = []
    summary: dict = {"machine": f"{platform.machine()}, {cores} cores, Python {platform.python_version()}",
                     "formats": list(formats), "jobs": args.jobs, "runs": runs}

    def save() -> None:
        summary.update(summarise(runs, args.executors, cores))
        if args.json:
            args.json.write_text(json.dumps(summary, indent=2), encoding="utf-8")

    with tempfile.TemporaryDirectory(prefix="bench-scale-") as tmp:
        for n in args.sizes:
            figures = synthetic_counties.write(n, Path(tmp) / f"figures-{n}")
            codes = synthetic_counties.county_codes(n)
            for executor in args.executors:
                out = Path(tmp) / f"reports-{n}-{executor}"
                load_before = os.getloadavg()[0]
                result = build(figures, codes, out, formats, args.jobs, "dask" if executor == "dask" else None)
                result.update(n=n, executor=executor, load_before=round(load_before, 2),
                              load_after=round(os.getloadavg()[0], 2))
                runs.append(result)
                print(f"N={n:<4} {executor:<5} wall {result['wall_s']:8.1f} s  CPU {result['cpu_s']:8.1f} s  "
                      f"({result['cpu_s'] / n:.2f} s CPU per report; load {load_before:.1f} → "
                      f"{result['load_after']:.1f})", flush=True)
                save()
    save()
    for executor in args.executors:
        if executor in summary:
            print(executor, json.dumps(summary[executor]))
    return 0


if __name__ == "__main__":
    sys.exit(main())
