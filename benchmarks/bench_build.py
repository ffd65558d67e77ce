"""Benchmark: `swtoolkit build` against the naive loop a user would write, side by side in one run.

    .venv/bin/python benchmarks/bench_build.py [--limit N] [--json out.json]

Three measurements, each into its own empty folder:
1. `swtoolkit build --force --jobs 2` (all regions with data and the comparison report, HTML + PDF);
2. the naive loop, one region after another: `papermill` CLI, then `jupyter nbconvert --to html --no-input` CLI,
   then the same PDF step (`weasyprint` CLI on that HTML). To be conservative the naive loop is handed the model
   results table already written (untimed), so it does not refit the models in every notebook;
3. `swtoolkit build` again with nothing changed (answered by the build stamp; `bench_nochange.py` measures it
   on its own, with the full check it replaces).
Peak memory is the largest total resident memory of the process tree, sampled every 0.1 s from /proc; CPU time is
user + system time of the command and every process under it (RUSAGE_CHILDREN, once each has been waited for).
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import resource
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
BIN = Path(sys.executable).parent


def _children(pid: int) -> list[int]:
    out = []
    for entry in Path("/proc").iterdir():
        if entry.name.isdigit():
            try:
                fields = (entry / "stat").read_text().rsplit(")", 1)[1].split()
            except OSError:
                continue
            if int(fields[1]) == pid:
                out.append(int(entry.name))
    return out


def _tree_rss(pid: int) -> int:
    total, todo = 0, [pid]
    while todo:
        current = todo.pop()
        try:
            for line in Path(f"/proc/{current}/status").read_text().splitlines():
                if line.startswith("VmRSS:"):
                    total += int(line.split()[1]) * 1024
        except OSError:
            continue
        todo += _children(current)
    return total


class PeakMemory:
    """Samples the resident memory of a process tree in a thread."""

    def __init__(self, pid: int):
        self.pid, self.peak, self._stop = pid, 0, threading.Event()
        self._thread = threading.Thread(target=self._run, daemon=True)

    def _run(self) -> None:
        while not self._stop.is_set():
            self.peak = max(self.peak, _tree_rss(self.pid))
            time.sleep(0.1)

    def __enter__(self) -> PeakMemory:
        self._thread.start()
        return self

    def __exit__(self, *exc) -> None:
        self._stop.set()
        self._thread.join()


def _children_cpu() -> float:
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    return usage.ru_utime + usage.ru_stime


def run(cmd: list[str], env: dict) -> tuple[float, int, float]:
    """Run one command; wall seconds, peak tree RSS in bytes and CPU seconds of the whole tree."""
    started, cpu = time.perf_counter(), _children_cpu()
    proc = subprocess.Popen(cmd, env=env, cwd=ROOT, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    with PeakMemory(proc.pid) as memory:
        code = proc.wait()
    if code != 0:
        raise SystemExit(f"failed ({code}): {' '.join(cmd)}")
    return time.perf_counter() - started, memory.peak, _children_cpu() - cpu


def targets(limit: int | None) -> list[tuple[str, str, dict]]:
    """(stem, notebook, parameters) for every report `swtoolkit build` makes."""
    sys.path.insert(0, str(ROOT))
    from swtoolkit.reports.batch import report_regions
    from swtoolkit.reports.inputs import load_clean
    from swtoolkit.reports.runner import region_stem

    out = []
    for code in report_regions(load_clean()):
        out.append((region_stem(code), "region_report.ipynb", {"region": code}))
    out.append(("comparison", "comparison_report.ipynb", {"focus": "530000"}))
    return out[:limit] if limit else out


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--limit", type=int, help="only the first N reports (default: all)")
    parser.add_argument("--json", type=Path, help="write the results here")
    args = parser.parse_args()
    work = Path(tempfile.mkdtemp(prefix="bench-build-"))
    env = dict(os.environ, SWTOOLKIT_ROOT=str(ROOT))
    todo = targets(args.limit)
    region_args = [params.get("region", "comparison") for _, _, params in todo]

    ours_dir = work / "ours"
    ours_env = dict(env, SWTOOLKIT_REPORTS_DIR=str(ours_dir))
    build = [str(BIN / "swtoolkit"), "build", "--force", "--jobs", "2", "-q", "--regions", *region_args]
    ours_s, ours_mem, ours_cpu = run(build, ours_env)
    cached_s, cached_mem, cached_cpu = run([str(BIN / "swtoolkit"), "build", "-q", "--regions", *region_args], ours_env)

    naive_dir = work / "naive"
    naive_dir.mkdir()
    # conservative: the naive loop is handed the build's model results, so it does not refit the models
    inputs = {"figures": str(ROOT / "data" / "clean" / "figures.parquet"),
              "results": str(next((ours_dir / "results").glob("results-*.parquet"))),
              "config": str(ROOT / "report.toml")}
    naive_s, naive_mem, naive_cpu = 0.0, 0, 0.0
    for stem, notebook, params in todo:
        executed, html = naive_dir / f"{stem}.ipynb", naive_dir / f"{stem}.html"
        steps = [
            [str(BIN / "papermill"), str(ROOT / "notebooks" / notebook), str(executed), "-k", "python3",
             "--no-progress-bar", *[x for k, v in (params | inputs).items() for x in ("-y", f"{k}: '{v}'")]],
            [str(BIN / "jupyter"), "nbconvert", "--to", "html", "--no-input", str(executed)],
            [str(BIN / "weasyprint"), str(html), str(naive_dir / f"{stem}.pdf")],
        ]
        for step in steps:
            seconds, memory, cpu = run(step, env)
            naive_s, naive_mem, naive_cpu = naive_s + seconds, max(naive_mem, memory), naive_cpu + cpu

    result = {
        "reports": len(todo),
        "machine": f"{platform.machine()}, {os.cpu_count()} cores, Python {platform.python_version()}",
        "swtoolkit_build_s": round(ours_s, 1), "naive_loop_s": round(naive_s, 1),
        "speedup": round(naive_s / ours_s, 2), "rebuild_unchanged_s": round(cached_s, 2),
        "rebuild_unchanged_cpu_s": round(cached_cpu, 2),
        "swtoolkit_build_cpu_s": round(ours_cpu, 1), "naive_loop_cpu_s": round(naive_cpu, 1),
        "cpu_speedup": round(naive_cpu / ours_cpu, 2), "build_cpu_s_per_report": round(ours_cpu / len(todo), 2),
        "peak_rss_build_mib": round(ours_mem / 2**20), "peak_rss_naive_mib": round(naive_mem / 2**20),
        "peak_rss_rebuild_mib": round(cached_mem / 2**20),
    }
    width = max(len(k) for k in result)
    for key, value in result.items():
        print(f"{key:<{width}}  {value}")
    if args.json:
        args.json.write_text(json.dumps(result, indent=2), encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
