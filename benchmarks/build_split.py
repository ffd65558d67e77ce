"""Where a build's CPU goes per report: the parent, the workers and their kernels, the fit stage, phase by phase.

    .venv/bin/python benchmarks/build_split.py [--sizes 20 60] [--formats html,pdf] [--jobs 2] [--json out.json]

Builds N synthetic counties (benchmarks/synthetic_counties.py, as `bench_scale.build` does) and splits the CPU:

- the parent (this process): each build step it runs (fit stage, cache keys, methods document, recording each
  finished report: `_record` → manifest, failures and index; the key of each finished report again: `report_keys`
  from `rekey`), CPU of this process (RUSAGE_SELF) and of processes it waited for (RUSAGE_CHILDREN: the fit
  stage's pool); the parent's time in the steps is also profiled (cProfile, CPU timer) and its top functions printed;
- each worker: start-up (imports, the first kernel), and per report its own CPU and its kernels' CPU, phase by phase
  (parameters and region check, papermill, kernel reset, HTML, PDF, PDF check, the build record, output checksums),
  sent back to this process in a file per worker.

The workers' functions are swapped for timed wrappers (module-level names that the spawned workers import from here);
nothing in swtoolkit is changed. Totals: parent + workers + kernels = RUSAGE_SELF + RUSAGE_CHILDREN of this process.
"""

from __future__ import annotations

import argparse
import cProfile
import json
import os
import pstats
import resource
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "benchmarks"))

SPLIT_DIR_ENV = "SWTOOLKIT_SPLIT_DIR"


def _usage(who) -> float:
    usage = resource.getrusage(who)
    return usage.ru_utime + usage.ru_stime


def _kernels_cpu() -> float:
    """CPU of this process's children: live (psutil) plus reaped (RUSAGE_CHILDREN)."""
    import psutil

    live = 0.0
    for child in psutil.Process().children(recursive=True):
        try:
            times = child.cpu_times()
            live += times.user + times.system
        except psutil.Error:
            pass
    return live + _usage(resource.RUSAGE_CHILDREN)


# -- worker side ---------------------------------------------------------------------------------------------------
_PHASES: dict[str, list[float]] = {}
_REPORTS: list[dict] = []


def _timed_worker(name: str, fn):
    def wrapper(*args, **kwargs):
        c0, k0 = time.process_time(), _kernels_cpu()
        try:
            return fn(*args, **kwargs)
        finally:
            entry = _PHASES.setdefault(name, [0, 0.0, 0.0])
            entry[0] += 1
            entry[1] += time.process_time() - c0
            entry[2] += _kernels_cpu() - k0
    return wrapper


def init_worker(out: str):
    """The build's worker start-up, timed, with the report phases wrapped."""
    c0, k0 = time.process_time(), _kernels_cpu()
    import nbformat
    import papermill

    from swtoolkit import stages
    from swtoolkit.reports import batch, inputs, kernels, runner

    for module, name, label in [
        (runner, "check_parameters", "check parameters (papermill.inspect)"),
        (inputs, "load_clean", "load_clean (worker region check)"),
        (papermill, "execute_notebook", "papermill (cells)"),
        (kernels, "_reset", "kernel reset"),
        (kernels.KernelSupply, "refill", "kernel refill/start"),
        (runner, "to_html", "HTML export"),
        (runner, "to_pdf", "PDF (WeasyPrint)"),
        (runner, "check_pdf", "PDF check"),
        (nbformat, "read", "nbformat.read (executed notebook)"),
        (batch, "_sha256_file", "output checksums"),
        (batch, "_code_files", "build record read"),
        (stages, "build_record", "build record parse"),
    ]:
        setattr(module, name, _timed_worker(label, getattr(module, name)))
    close = batch._init_worker(out)
    start = {"cpu": time.process_time() - c0, "kernels": _kernels_cpu() - k0}

    def stop():
        close()
        folder = os.environ.get(SPLIT_DIR_ENV)
        if folder:
            Path(folder, f"worker-{os.getpid()}.json").write_text(json.dumps(
                {"start": start, "phases": _PHASES, "reports": _REPORTS,
                 "exit_self": _usage(resource.RUSAGE_SELF), "exit_kernels": _kernels_cpu()}))
    return stop


def build_one(*args, **kwargs):
    """The build's per-report task, its worker CPU and kernel CPU recorded."""
    from swtoolkit.reports import batch

    c0, k0, t0 = time.process_time(), _kernels_cpu(), time.perf_counter()
    entry = batch._build_one(*args, **kwargs)  # in a spawned worker, the original
    _REPORTS.append({"code": args[0], "cpu": time.process_time() - c0, "kernels": _kernels_cpu() - k0,
                     "wall": time.perf_counter() - t0})
    return entry


# -- parent side ---------------------------------------------------------------------------------------------------
_PARENT: dict[str, list[float]] = {}


def _timed_parent(name: str, fn):
    def wrapper(*args, **kwargs):
        c0, k0, t0 = _usage(resource.RUSAGE_SELF), _usage(resource.RUSAGE_CHILDREN), time.perf_counter()
        try:
            return fn(*args, **kwargs)
        finally:
            entry = _PARENT.setdefault(name, [0, 0.0, 0.0, 0.0, []])
            entry[0] += 1
            entry[4].append(round(_usage(resource.RUSAGE_SELF) - c0, 3))
            entry[1] += _usage(resource.RUSAGE_SELF) - c0
            entry[2] += _usage(resource.RUSAGE_CHILDREN) - k0
            entry[3] += time.perf_counter() - t0
    return wrapper


def run(n: int, tmp: Path, formats: tuple[str, ...], jobs: int, profile_top: int) -> dict:
    import synthetic_counties

    import swtoolkit.cleaning.verify as verify
    from swtoolkit import stages
    from swtoolkit.reports import batch

    figures = synthetic_counties.write(n, tmp / f"figures-{n}")
    codes = synthetic_counties.county_codes(n)
    out = tmp / f"reports-{n}"
    split = tmp / f"split-{n}"
    split.mkdir()
    os.environ[SPLIT_DIR_ENV] = str(split)
    saved = {name: getattr(batch, name) for name in
             ("_init_worker", "_build_one", "write_model_results", "report_keys", "write_methods", "_record",
              "_write_manifest", "index_html", "_stamp", "_read_manifest")}
    batch._init_worker, batch._build_one = init_worker, build_one
    for name in ("write_model_results", "report_keys", "write_methods", "_record", "_write_manifest", "index_html",
                 "_stamp", "_read_manifest"):
        setattr(batch, name, _timed_parent(name, saved[name]))
    _PARENT.clear()
    verify_saved, path_saved = verify.ensure_clean, stages.figures_path
    verify.ensure_clean = lambda known=None: ("synthetic", False)
    stages.figures_path = lambda: figures
    profiler = cProfile.Profile(time.process_time) if profile_top else None
    load_before = os.getloadavg()[0]
    try:
        t0, c0, k0 = time.perf_counter(), _usage(resource.RUSAGE_SELF), _usage(resource.RUSAGE_CHILDREN)
        if profiler:
            profiler.enable()
        summary = batch.build_all(regions=codes, formats=formats, jobs=jobs, force=True, progress=False, out=out)
        if profiler:
            profiler.disable()
        wall = time.perf_counter() - t0
        parent, children = _usage(resource.RUSAGE_SELF) - c0, _usage(resource.RUSAGE_CHILDREN) - k0
    finally:
        for name, fn in saved.items():
            setattr(batch, name, fn)
        verify.ensure_clean, stages.figures_path = verify_saved, path_saved
    if summary.failed:
        raise SystemExit(f"{len(summary.failed)} failed: {next(iter(summary.failed.items()))}")
    workers = [json.loads(p.read_text()) for p in sorted(split.glob("worker-*.json"))]
    result = {"n": n, "wall_s": round(wall, 2), "parent_cpu_s": round(parent, 2), "children_cpu_s": round(children, 2),
              "total_cpu_s": round(parent + children, 2), "cpu_per_report_s": round((parent + children) / n, 3),
              "load_before": round(load_before, 2), "load_after": round(os.getloadavg()[0], 2),
              "utc": time.strftime("%H:%M", time.gmtime()),
              "parent_steps": {k: {"calls": v[0], "self_cpu_s": round(v[1], 3), "children_cpu_s": round(v[2], 3),
                                   "wall_s": round(v[3], 3), "first_last_cpu_s": [v[4][0], v[4][-1]],
                                   "median_cpu_s": sorted(v[4])[len(v[4]) // 2]} for k, v in _PARENT.items()},
              "workers": []}
    for w in workers:
        reports = w["reports"]
        result["workers"].append({
            "start_cpu_s": round(w["start"]["cpu"], 2), "start_kernel_cpu_s": round(w["start"]["kernels"], 2),
            "reports": len(reports),
            "report_worker_cpu_s": round(sum(r["cpu"] for r in reports), 2),
            "report_kernel_cpu_s": round(sum(r["kernels"] for r in reports), 2),
            "exit_self_cpu_s": round(w["exit_self"], 2), "exit_kernels_cpu_s": round(w["exit_kernels"], 2),
            "phases": {k: {"calls": v[0], "worker_cpu_s": round(v[1], 3), "kernel_cpu_s": round(v[2], 3)}
                       for k, v in w["phases"].items()},
        })
    if profiler:
        stats = pstats.Stats(profiler, stream=sys.stdout)
        stats.sort_stats("cumulative")
        print(f"--- parent cProfile (CPU timer), N={n}")
        stats.print_stats(profile_top)
    return result


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[20, 60])
    parser.add_argument("--formats", default="html,pdf")
    parser.add_argument("--jobs", type=int, default=2)
    parser.add_argument("--top", type=int, default=0, help="profile the parent, print the top N functions")
    parser.add_argument("--json", type=Path)
    args = parser.parse_args()
    import build_split  # the workers import the wrappers by this module's name, not __main__

    runs = []
    with tempfile.TemporaryDirectory(prefix="build-split-") as tmp:
        for n in args.sizes:
            result = build_split.run(n, Path(tmp), tuple(args.formats.split(",")), args.jobs, args.top)
            runs.append(result)
            print(json.dumps(result, indent=1))
            if args.json:
                args.json.write_text(json.dumps(runs, indent=2))
    return 0


if __name__ == "__main__":
    sys.exit(main())
