"""Benchmark: `swtoolkit build` from the shell with nothing changed (the build stamp), wall and CPU time.

    .venv/bin/python benchmarks/bench_nochange.py [--regions 530000 …] [--formats html] [--repeat 10] [--out DIR]
                                                  [--json out.json]

Each run is a fresh process, as a user runs it. Measured, in this order, into one reports folder (`--out`, default
a new temporary folder, built first with `swtoolkit build --regions … --formats …` when it holds no build):
1. `swtoolkit build --regions … -q` with nothing changed: the stamp answers (`--repeat` runs);
2. the same after `touch` of every input file (new time stamps, the same bytes: the stamp hashes and still
   answers);
3. the same with the stamp removed before each run: the full no-change check the build did before the stamp
   (clean check, fit stage lookup, every report's key), `--repeat-full` runs;
4. `swtoolkit --help`, for the cost of starting the command at all.
CPU time is user + system of the process and its children (RUSAGE_CHILDREN). The machine is shared: the load
average is printed before and after, and the median and the range are reported.
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
BIN = Path(sys.executable).parent
sys.path.insert(0, str(ROOT))


def _cpu() -> float:
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    return usage.ru_utime + usage.ru_stime


def timed(cmd: list[str], env: dict, repeat: int, before=None) -> dict:
    """Run `cmd` `repeat` times (calling `before()` untimed before each run); wall and CPU seconds."""
    walls, cpus = [], []
    for _ in range(repeat):
        if before:
            before()
        started, cpu = time.perf_counter(), _cpu()
        done = subprocess.run(cmd, env=env, cwd=ROOT, capture_output=True, text=True)
        walls.append(time.perf_counter() - started)
        cpus.append(_cpu() - cpu)
        if done.returncode != 0:
            raise SystemExit(f"failed ({done.returncode}): {' '.join(cmd)}\n{done.stderr[-2000:]}")
    return {"wall_median_s": round(statistics.median(walls), 3), "wall_min_s": round(min(walls), 3),
            "wall_max_s": round(max(walls), 3), "cpu_median_s": round(statistics.median(cpus), 3),
            "runs": repeat, "last_line": done.stdout.strip().splitlines()[-1] if done.stdout.strip() else ""}


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--regions", nargs="+", default=["530000"], help="regions to build (default: 530000)")
    parser.add_argument("--formats", default="html", help="formats (default: html)")
    parser.add_argument("--repeat", type=int, default=10, help="runs of each fast measurement (default: 10)")
    parser.add_argument("--repeat-full", type=int, default=3, help="runs of the full check (default: 3)")
    parser.add_argument("--out", type=Path, help="reports folder (default: a new temporary folder)")
    parser.add_argument("--json", type=Path, help="write the results here")
    args = parser.parse_args()
    from swtoolkit.buildstamp import STAMP_FILE, declared_files

    out = (args.out or Path(tempfile.mkdtemp(prefix="bench-nochange-"))).resolve()
    env = dict(os.environ, SWTOOLKIT_REPORTS_DIR=str(out))
    build = [str(BIN / "swtoolkit"), "build", "--regions", *args.regions, "--formats", args.formats, "-q"]
    load_before = os.getloadavg()
    first = timed(build, env, 1)  # builds when the folder is new; stamps when it was built before
    result = {"reports_folder": str(out), "first_run": first}
    if "unchanged" not in first["last_line"] or "built 0" not in first["last_line"]:
        result["stamping_run"] = timed(build, env, 1)  # after building: checks in full once and stamps

    result["no_change"] = timed(build, env, args.repeat)

    def touch_inputs():
        os.environ["SWTOOLKIT_REPORTS_DIR"] = str(out)
        for path in declared_files(out)[0]:
            os.utime(path)

    result["no_change_after_touch"] = timed(build, env, args.repeat, before=touch_inputs)

    def drop_stamp():
        (out / STAMP_FILE).unlink(missing_ok=True)

    result["full_check_without_stamp"] = timed(build, env, args.repeat_full, before=drop_stamp)
    timed(build, env, 1)  # stamp again, so the folder is left as the build leaves it
    result["help"] = timed([str(BIN / "swtoolkit"), "--help"], env, args.repeat)
    result["load_average_before"] = [round(x, 2) for x in load_before]
    result["load_average_after"] = [round(x, 2) for x in os.getloadavg()]
    result["machine"] = f"{os.cpu_count()} cores, Python {sys.version.split()[0]}"
    print(json.dumps(result, indent=2, ensure_ascii=False))
    if args.json:
        args.json.write_text(json.dumps(result, indent=2, ensure_ascii=False), encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
