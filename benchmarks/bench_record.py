"""Rough benchmark of ``clean`` + ``fit_all`` on the enlarged dataset (seed documents + web sources, issue 14).

Runs the real clean step on data/raw (the five seeds and every part of data/raw/web) into a temporary folder, then
``fit_all`` on what it wrote, and reports wall time, CPU time and peak memory of the process, with the sizes that
drive the cost (raw rows, web rows, refused web rows, clean figures, result rows, series). Each run is a fresh
process (``--repeat`` runs), so imports are paid every time as a user pays them.

Usage::

    python benchmarks/bench_record.py               # one run, table on stdout
    python benchmarks/bench_record.py --repeat 3    # median of three runs
    python benchmarks/bench_record.py --json out.json

Not collected by pytest (the file name does not start with ``test_``). Rough: the machine is shared.
"""

from __future__ import annotations

import argparse
import json
import statistics
import subprocess
import sys
from pathlib import Path

CHILD = r"""
import json, resource, sys, tempfile, time
t0, c0 = time.perf_counter(), time.process_time()
from swtoolkit.cleaning.pipeline import clean
from swtoolkit.cleaning.web import read_web
from swtoolkit.paths import raw_dir
with tempfile.TemporaryDirectory() as out:
    t1 = time.perf_counter()
    result = clean(out=out)
    t2 = time.perf_counter()
    from swtoolkit.models import fit_all
    t3 = time.perf_counter()
    results = fit_all(result.figures.astype({"value": float, "value_low": float, "value_high": float}))
    t4 = time.perf_counter()
web = read_web(raw_dir())[0]
refused = int((result.checks["check"] == "refused").sum())
print(json.dumps({
    "clean_s": t2 - t1, "import_models_s": t3 - t2, "fit_all_s": t4 - t3, "total_s": t4 - t0,
    "cpu_s": time.process_time() - c0, "peak_mib": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024,
    "web_rows": len(web), "refused_web_rows": refused, "clean_figures": len(result.figures),
    "web_figures_in_clean": int(result.figures["source_id"].str.startswith("W").sum()),
    "result_rows": len(results), "allowed_rows": int(results["allowed"].sum()),
}))
"""


def run_once() -> dict:
    """One fresh process: clean + fit_all, measured inside it."""
    done = subprocess.run([sys.executable, "-c", CHILD], capture_output=True, text=True, check=True)
    return json.loads(done.stdout.strip().splitlines()[-1])


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=1, help="fresh-process runs (the median is shown)")
    parser.add_argument("--json", type=Path, help="also write every run as JSON")
    args = parser.parse_args(argv)
    runs = [run_once() for _ in range(max(1, args.repeat))]
    median = {k: statistics.median(r[k] for r in runs) for k in runs[0]}
    width = max(len(k) for k in median)
    for key, value in median.items():
        shown = f"{value:,.2f}" if key.endswith(("_s", "_mib")) else f"{value:,.0f}"
        print(f"{key:<{width}}  {shown:>12}")
    if args.json:
        args.json.write_text(json.dumps({"runs": runs, "median": median}, indent=1), encoding="utf-8")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
