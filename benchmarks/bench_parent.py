"""The build parent's work per finished report, before and after (A/B alternated in one process).

    .venv/bin/python benchmarks/bench_parent.py [--sizes 100 300] [--rounds 2] [--before REV] [--json out.json]

What `build_all` does in its own process for each report a worker hands back, without building any report: key
the report again over the modules it recorded, and record it (manifest.json, failures.json and, before the fourth
pass, index.html after every report). N synthetic counties (benchmarks/synthetic_counties.py) with their fit-stage
results; every entry carries the module list a real report records. "before" is `swtoolkit/reports/batch.py` at
git revision REV (default: the commit before the fourth pass), loaded as a separate module; "after" is this tree's.
CPU seconds of this process per report (`time.process_time`), both variants alternated `--rounds` times.
"""

from __future__ import annotations

import argparse
import importlib.util
import json
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "benchmarks"))
BEFORE = "6e9378d"


def _load_before(rev: str, tmp: Path):
    source = subprocess.run(["git", "show", f"{rev}:swtoolkit/reports/batch.py"], cwd=ROOT, check=True,
                            capture_output=True, text=True).stdout
    path = tmp / "batch_before.py"
    path.write_text(source, encoding="utf-8")
    spec = importlib.util.spec_from_file_location("batch_before", path)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def _entry(code: str, files: list[str]) -> dict:
    return {"status": "ok", "seconds": 5.0, "code_files": list(files),
            "outputs": {kind: {"path": f"{code}.{kind}", "sha256": "0" * 64} for kind in ("html", "pdf")}}


def run_variant(name: str, module, codes: list[str], clean, results, config: Path, files: list[str],
                out: Path) -> float:
    """CPU seconds of the parent's per-report work over `codes` (keys of every code made before, as a build does)."""
    from swtoolkit.buildstamp import BuildSummary

    out.mkdir(parents=True, exist_ok=True)
    manifest = {"reports": {}}
    summary = BuildSummary(index=str(out / "index.html"))
    if name == "before":
        module.report_keys(codes, ("html", "pdf"), clean, results, config, {})
        rekey = lambda code, entry: module.report_keys([code], ("html", "pdf"), clean, results, config,  # noqa: E731
                                                       {code: entry["code_files"]})[code]
    else:
        keying = module.ReportKeys(("html", "pdf"), clean, results, config)
        {code: keying.key(code) for code in codes}
        rekey = lambda code, entry: keying.key(code, entry.get("code_files"))  # noqa: E731
    indexed = time.monotonic()
    started = time.process_time()
    for code in codes:
        entry = _entry(code, files)
        module._record(out, manifest, summary, code, rekey(code, entry), entry)
        if name == "after" and time.monotonic() - indexed >= module.INDEX_EVERY:
            module._write_index(out, manifest)
            indexed = time.monotonic()
    return time.process_time() - started


def main() -> int:
    import synthetic_counties

    from swtoolkit import stages
    from swtoolkit.reports import batch

    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[100])
    parser.add_argument("--rounds", type=int, default=2)
    parser.add_argument("--before", default=BEFORE)
    parser.add_argument("--json", type=Path)
    args = parser.parse_args()
    runs = []
    with tempfile.TemporaryDirectory(prefix="bench-parent-") as tmp:
        tmp = Path(tmp)
        before = _load_before(args.before, tmp)
        files = [p.relative_to(stages.PACKAGE_DIR).as_posix() for p in stages.code_closure()]
        for n in args.sizes:
            figures = synthetic_counties.write(n, tmp / f"figures-{n}")
            codes = synthetic_counties.county_codes(n)
            saved = stages.figures_path
            stages.figures_path = lambda figures=figures: figures
            try:
                clean = stages.read_figures(figures)
                t = time.process_time()
                results = stages.read_results(stages.fit_stage(figures, tmp / f"fit-{n}"))
                fit_cpu = time.process_time() - t
                config = ROOT / "report.toml"
                for i in range(args.rounds):
                    for name, module in (("before", before), ("after", batch)):
                        cpu = run_variant(name, module, codes, clean, results, config, files,
                                          tmp / f"out-{n}-{name}-{i}")
                        run = {"n": n, "variant": name, "round": i + 1, "cpu_s": round(cpu, 3),
                               "cpu_per_report_s": round(cpu / n, 4), "load": round(os.getloadavg()[0], 2),
                               "utc": time.strftime("%H:%M:%S", time.gmtime()), "fit_cpu_s": round(fit_cpu, 2)}
                        runs.append(run)
                        print(json.dumps(run), flush=True)
            finally:
                stages.figures_path = saved
    if args.json:
        args.json.write_text(json.dumps(runs, indent=2), encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
